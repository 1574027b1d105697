"""test_native_leaks.py: no leaks in any kind of e2e_native call. Every workload below runs
100,000 times under e2e_support.assert_no_leaks (the reference counts of its arguments,
objects and callables stay put; neither GC-tracked objects nor traced memory grow):
keyword and default handling and its errors, constructors, properties and fields (read,
write, refused), every special method on its success and NotImplemented/error paths
(reflected and in-place operators too, and special methods called as methods, with
keywords and with argument errors),
typemaps, synchronous callbacks (returning, raising, returning the wrong type), stored
callbacks (kept, released, called from another thread, raising into sys.unraisablehook,
in a cycle with their owner), and the GIL-releasing call. At the end, with every object
gone, the C library's counters balance: each Deck, iterator and Bus freed exactly once."""
import array
import operator
import sys
import unittest

import e2e_native as m
from e2e_support import assert_no_leaks, raising
from native_support import assert_balanced, deltas


def call_workloads():
    s, c = "caf\u00e9", m.Color.BLUE
    yield "describe()", m.describe, ()
    yield "describe() keywords", lambda: m.describe(o=s, s=s, c=c, b=False), (s, c)
    yield "mix()", lambda: m.mix(1, c=5, b=2), ()
    yield "pair() and neg()", lambda: (m.pair(1, 2), m.neg(3)), ()
    yield "check()", lambda: m.check(code=3), ()
    yield "check() error", raising(m.NativeError, m.check, -1), (m.NativeError,)
    yield "unknown keyword", raising(TypeError, m.describe, zz=s), (s,)
    yield "keyword twice", raising(TypeError, m.describe, 1, i=2), ()
    yield "positional-only keyword", raising(TypeError, m.mix, arg1=1, b=2), ()
    yield "missing argument", raising(TypeError, m.mix, 1), ()
    yield "too many arguments", raising(TypeError, m.describe, *range(9)), ()
    yield "keyword to all-positional", raising(TypeError, m.pair, 1, arg2=2), ()
    yield "bad enum default override", raising(ValueError, m.describe, c=5), ()


def class_workloads():
    v, deck, name = m.Vec2(3, 4), m.Deck("d"), "n\u00e9w"

    def set_fields():
        v.x, v.flag, v.color, v.length, v.pos = 3.0, True, m.Color.GREEN, 5.0, (3.0, 4.0)

    yield "Vec2() keywords", lambda: m.Vec2(y=1.0), (m.Vec2,)
    yield "Vec2.polar()", lambda: m.Vec2.polar(0.0, length=2.0), (m.Vec2,)
    yield "Vec2() error", raising(TypeError, m.Vec2, 1, 2, 3), (m.Vec2,)
    yield "read fields and properties", lambda: (v.x, v.y, v.flag, v.color, v.id, v.length,
                                                 v.pos, v.hue), (v, m.Color.GREEN)
    yield "write fields and properties", set_fields, (v, m.Color.GREEN)
    yield "String property", lambda: (setattr(deck, "name", name), deck.name), (deck, name)
    yield "field wrong type", raising(TypeError, setattr, v, "x", name), (v, name)
    yield "enum field bad value", raising(ValueError, setattr, v, "color", 9), (v,)
    yield "setter wrong type", raising(TypeError, setattr, v, "length", name), (v, name)
    yield "typemap setter error", raising(TypeError, setattr, v, "pos", (1,)), (v,)
    yield "read-only field", raising(AttributeError, setattr, v, "y", 1.0), (v,)
    yield "read-only property", raising(AttributeError, setattr, deck, "closes", 1), (deck,)
    yield "delete property", raising(AttributeError, delattr, v, "length"), (v,)
    yield "methods with defaults", lambda: (v.describe(), v.scaled(), v.dist(),
                                            v.dist(other=v)), (v,)


def special_workloads():
    v, w, b, t = m.Vec2(3, 4), m.Vec2(1, 2), m.Bits(12), m.Table()
    deck = m.Deck("d")
    for card in ("a", None, "c"):
        deck.push(card)
    t.set("k", "v")

    def with_ok():
        with deck as same:
            return same

    def with_raising():
        try:
            with deck:
                raise KeyError("k")
        except KeyError:
            pass

    def session():
        with m.Session("s") as s:
            s.name()

    yield "repr() and str()", lambda: (repr(v), str(v), repr(b), str(deck)), (v, b, deck)
    yield "comparisons", lambda: (v == w, v != w, v < w, v <= w, v > w, v >= w), (v, w)
    yield "comparison NotImplemented", lambda: (v == 3, v != "x"), (v,)
    yield "ordering TypeError", raising(TypeError, operator.lt, v, 3), (v,)
    yield "hash()", lambda: (hash(b), {b: 1}[m.Bits(12)]), (b,)
    yield "unhashable", raising(TypeError, hash, v), (v,)
    yield "len() and bool()", lambda: (len(b), bool(deck), len(deck)), (b, deck)
    yield "getitem", lambda: (deck[0], deck[-1], t["k"]), (deck, t)
    yield "getitem hole", raising(IndexError, operator.getitem, deck, 1), (deck,)
    yield "getitem out of range", raising(IndexError, operator.getitem, deck, -9), (deck,)
    yield "getitem KeyError", raising(KeyError, operator.getitem, t, "zz"), (t,)
    yield "getitem wrong key", raising(TypeError, operator.getitem, deck, "x"), (deck,)
    yield "contains", lambda: ("a" in deck, 3 in deck, "k" in t, 2 in b, "x" in b), \
        (deck, t, b)
    yield "iteration", lambda: list(deck), (deck,)
    yield "own iterator", lambda: list(m.Countdown(5)), (m.Countdown,)
    yield "with", with_ok, (deck,)
    yield "with raising", with_raising, (deck,)
    yield "consuming with", session, (m.Session,)
    yield "binary operators", lambda: (v + w, v - w, v * 2.0, v / 2.0, b & b, b | b, b ^ b,
                                       b << 1, b >> 1, b // 3, b % 5), (v, w, b)
    yield "unary operators", lambda: (-v, +v, abs(v), ~b), (v, b)
    yield "foreign operand", raising(TypeError, operator.add, v, 1), (v,)
    yield "reflected foreign operand", raising(TypeError, operator.or_, 3, b), (b,)


def operator_workloads():
    v, w, s, d = m.Vec2(3, 4), m.Vec2(1, 2), m.Scale(1), m.Deck("d")
    d.push("a")

    def in_place():
        u = m.Vec2(1, 1)
        u += w
        u *= 1.0
        u /= 1.0
        t = m.Scale(1)
        t **= 2
        return u, t

    yield "reflected", lambda: (2 * v, 2.0 - s, s * v, v * s, 2 ** s, v @ w), (v, w, s)
    yield "reflected TypeError", raising(TypeError, operator.sub, s, s), (s,)
    yield "in-place", in_place, (w, m.Vec2, m.Scale)
    yield "in-place error", raising(m.NativeError, operator.itruediv, v, 0), (v,)
    yield "in-place fallback", lambda: operator.imul(v, s), (v, s)
    yield "in-place TypeError", raising(TypeError, operator.iadd, v, 1), (v,)
    yield "methods with keywords", lambda: (v.__add__(other=w), v.__rmul__(k=2),
                                            v.__eq__(other=3), d.__getitem__(i=-1),
                                            d.__contains__(card="a")), (v, w, d)
    yield "methods answering as slots", lambda: (v.__iadd__(1), m.Bits(3).__len__(),
                                                 m.Bits(3).__hash__()), (v, m.Bits)
    yield "method argument error", raising(TypeError, v.__add__, x=w), (v, w)
    yield "method StopIteration", raising(StopIteration, m.Countdown(0).__next__), \
        (m.Countdown,)


def typemap_workloads():
    p, size = m.Point(1.0, 2.0), [1, 2, True, m.Color.RED]
    yield "mid()", lambda: m.mid(p, (3, 4)), (p, m.Point)
    yield "area() and grow()", lambda: (m.area(size), m.grow(size, by=2)), (size, m.Color.RED)
    yield "dist()", lambda: (m.dist(p), m.dist(None)), (p,)
    yield "wrong length", raising(TypeError, m.mid, (1,), p), (p,)
    yield "wrong field", raising(TypeError, m.mid, (1, "y"), p), (p,)
    yield "not a sequence", raising(TypeError, m.area, 5), ()
    yield "field overflow", raising(OverflowError, m.area, (-1, 1, True, 0)), ()
    yield "bad enum field", raising(ValueError, m.area, (1, 1, True, 9)), ()


def callback_workloads():
    ints, bus, kept = array.array("i", [1, 2, 3]), m.Bus(), m.Bus()
    visit, wrong = (lambda i, label: label is None), (lambda i, label: "not a bool")
    add, handler = (lambda acc, v: acc + v), (lambda topic, value: None)
    boom = m.Bus()
    boom.subscribe(lambda t, v: 1 / 0)
    kept.subscribe(handler)
    deck = m.Deck()
    deck.push("a")

    def fail(*args):
        raise ValueError("x")

    def life():
        b = m.Bus()
        b.subscribe(handler)
        return b.emit(1)

    def cycle():
        b = m.Bus()
        b.subscribe(lambda t, v: b)

    yield "each()", lambda: m.each(5, visit), (visit,)
    yield "fold() and repeat()", lambda: (m.fold(ints, 0.5, add), m.repeat(3, handler)), \
        (ints, add, handler)
    yield "Deck.visit()", lambda: deck.visit(visit), (deck, visit)
    yield "each() raising", raising(ValueError, m.each, 5, fail), (fail,)
    yield "each() wrong result", raising(TypeError, m.each, 3, wrong), (wrong,)
    yield "each() not callable", raising(TypeError, m.each, 3, ints), (ints,)
    yield "Bus life", life, (handler, m.Bus)
    yield "subscribe() and clear()", lambda: (bus.subscribe(handler), bus.clear()), \
        (bus, handler)
    yield "emit()", lambda: kept.emit(1, 2.0), (kept, handler)
    yield "emit_threaded()", lambda: kept.emit_threaded(1, 2.0), (kept, handler)
    yield "stored callback raising", lambda: (boom.emit(1), boom.emit_threaded(2, 0.0)), \
        (boom,)
    yield "handler cycle", cycle, (m.Bus,)
    yield "fire_hook()", lambda: m.fire_hook(1), ()
    yield "spin_nogil()", lambda: m.spin_nogil(0.0), ()


WORKLOADS = (call_workloads, class_workloads, special_workloads, operator_workloads,
             typemap_workloads, callback_workloads)


class NoLeaks(unittest.TestCase):
    def test_workloads_and_balanced_counters(self):
        unraisable = [0]

        def count(report):
            unraisable[0] += 1

        previous, sys.unraisablehook = sys.unraisablehook, count
        m.set_hook(lambda code: None)
        changes = deltas()
        try:
            for group in WORKLOADS:
                for name, call, tracked in group():
                    with self.subTest(workload=name):
                        assert_no_leaks(self, call, tracked)
            del name, call, tracked
        finally:
            sys.unraisablehook = previous
        self.assertGreater(unraisable[0], 0)
        assert_balanced(self, changes())


if __name__ == "__main__":
    unittest.main()
