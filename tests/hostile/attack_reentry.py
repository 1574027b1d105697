"""attack_reentry.py: callbacks that misbehave while C is running them: they raise
(Exception, SystemExit, KeyboardInterrupt), return the wrong type, re-enter the module
(other methods of the same object, module functions, the same call recursively), close,
mutate or drop the object the call is working on, replace or release themselves while
running; and stored callbacks called after every Python reference to them, or their
owner, is gone. Synchronous callbacks' exceptions reach the caller; stored ones go to
sys.unraisablehook; nothing is freed under a running call."""
import array
import gc
import os
import sys
import weakref

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import e2e_native as m  # noqa: E402
import geometry as g  # noqa: E402
from hostile_support import catch_unraisable, expect  # noqa: E402


def deck(*cards):
    d = m.Deck("d")
    for card in cards:
        d.push(card)
    return d


def counting(fn):
    """fn wrapped to count its calls in .calls."""
    def wrapper(*args):
        wrapper.calls += 1
        return fn(*args)
    wrapper.calls = 0
    return wrapper


def raise_(exc):
    raise exc


def attack_sync_callback_raises_once():
    # The exception reaches the caller unchanged, and C's later calls of the callback in
    # the same call do not run Python again.
    for exc in (ZeroDivisionError("boom"), SystemExit(3), KeyboardInterrupt("stop")):
        cb = counting(lambda i, card: raise_(exc))
        e = expect(type(exc), lambda: deck("a", "b", "c").visit(cb), str(exc))
        assert e is exc and cb.calls == 1, cb.calls


def attack_sync_callback_returns_the_wrong_type():
    expect(TypeError, lambda: deck("a").visit(lambda i, card: "yes"),
           "Deck.visit() argument 'visit (its result)' must be bool, not str")
    expect(TypeError, lambda: m.fold(array.array("i", [1]), 0.0, lambda acc, v: "x"),
           "argument 'f (its result)' must be float")
    expect(OverflowError, lambda: m.fold(array.array("i", [1]), 0.0, lambda acc, v: 10**400),
           "argument 'f (its result)'")


def attack_nested_calls_of_the_module():
    assert m.each(3, lambda i, s: m.each(2, lambda j, u: True) == 2) == 3
    total = m.fold(array.array("i", [1, 2]), 0.0,
                   lambda acc, v: acc + m.fold(array.array("i", [v, v]), 0.0,
                                               lambda a, w: a + w))
    assert total == 6.0
    # an exception of the inner call passes through the outer one unchanged
    expect(ZeroDivisionError, lambda: m.each(3, lambda i, s: m.each(2, lambda j, u: 1 / 0)),
           "division by zero")


def in_use(func, by, T="geometry.Polygon"):
    """The RuntimeError text of a change refused while a call uses the object."""
    return ("%s(): the %s object is in use by %s() until it returns; it cannot be changed "
            "meanwhile" % (func, T, by))


def attack_callback_reads_the_object_it_runs_on():
    # reading the object a call is using is allowed, iterating it included
    d = deck("a", "b")
    seen = []
    assert d.visit(lambda i, card: seen.append((len(d), card in d, str(d), d[i])) is None) == 2
    assert seen == [(2, True, "d", "a"), (2, True, "d", "b")], seen


def attack_callback_iterates_the_object_it_runs_on():
    # an iterator reads its deck: allowed like len() and `in` (docs/safety.md: reading
    # it is allowed); today DeckIter.__next__ is refused, naming a __len__ that returned
    d = deck("a", "b")
    assert d.visit(lambda i, card: list(d) == ["a", "b"]) == 2


def attack_callback_changes_the_object_it_runs_on():
    d = deck("a", "b")

    def rename(i, card):
        d.name = "renamed"
    expect(RuntimeError, lambda: d.visit(rename), in_use("Deck.set_name", "Deck.visit",
                                                         "e2e_native.Deck"))
    expect(RuntimeError, lambda: d.visit(lambda i, card: d.push("x")),
           in_use("Deck.push", "Deck.visit", "e2e_native.Deck"))
    assert (d.name, list(d)) == ("d", ["a", "b"])
    p = g.Polygon.regular(3)
    expect(RuntimeError, lambda: p.for_each(lambda x, y: p.push(g.Vec2(x, y))),
           in_use("Polygon.push", "Polygon.for_each"))
    assert len(p) == 3


def attack_callback_closes_the_object_it_runs_on():
    p = g.Polygon.regular(3)
    expect(RuntimeError, lambda: p.for_each(lambda x, y: p.__exit__(None, None, None)),
           in_use("Polygon.__exit__", "Polygon.for_each"))
    assert len(p) == 3
    p.__exit__(None, None, None)   # once the call returned, closing works


def attack_callback_drops_the_last_reference():
    holder = [g.Polygon.regular(3)]
    visits = holder[0].for_each(lambda x, y: (holder.clear(), gc.collect(), True)[2])
    assert visits == 3 and holder == []
    holder = [deck("a", "b")]
    assert holder[0].visit(lambda i, card: (holder.clear(), True)[1]) == 2


def attack_stored_callback_changes_its_owner():
    # From a stored callback of push(): replacing, releasing the handler, closing or
    # pushing to the polygon push() is using are refused (reported: a stored callback
    # cannot raise to a caller), and the handler stays the one C calls.
    for change, func in ((lambda p: p.on_change(print), "Polygon.on_change"),
                         (lambda p: p.clear_on_change(), "Polygon.clear_on_change"),
                         (lambda p: p.__exit__(None, None, None), "Polygon.__exit__"),
                         (lambda p: p.push(g.Vec2()), "Polygon.push")):
        seen = catch_unraisable()
        p, calls = g.Polygon(), []
        p.on_change(lambda n: (calls.append(n), change(p)))
        p.push(g.Vec2())
        p.push(g.Vec2())
        assert calls == [1, 2] and len(p) == 2, (func, calls)
        assert seen == [(RuntimeError, in_use(func, "Polygon.push"))] * 2, seen


def attack_stored_callback_changes_its_bus():
    seen = catch_unraisable()
    bus, calls = m.Bus(), []
    bus.subscribe(lambda topic, value: (calls.append(topic), bus.emit(topic + 1)))
    bus.subscribe(lambda topic, value: bus.subscribe(print))
    assert bus.emit(0) == 2 and calls == [0] and bus.handlers == 2
    assert seen == [(RuntimeError, in_use("Bus.emit", "Bus.emit", "e2e_native.Bus")),
                    (RuntimeError, in_use("Bus.subscribe", "Bus.emit", "e2e_native.Bus"))], seen


def attack_stored_callback_raises_base_exceptions():
    # A stored callback cannot reach a caller: even SystemExit is only reported.
    seen = catch_unraisable()
    bus = m.Bus()
    bus.subscribe(lambda topic, value: sys.exit(5))
    bus.subscribe(lambda topic, value: raise_(KeyboardInterrupt("k")))
    assert bus.emit(1) == 2
    assert [s[0] for s in seen] == [SystemExit, KeyboardInterrupt], seen


def attack_stored_callback_outlives_its_python_references():
    # The module keeps a module-level hook: every Python name for it may go.
    seen = []

    def install():
        box = [seen]
        m.set_hook(lambda code: box[0].append(code))
    install()
    gc.collect()
    assert m.fire_hook(4) and seen == [4], seen


def attack_stored_callbacks_die_with_their_owner():
    class Handler:
        def __call__(self, *args):
            pass
    h1, h2 = Handler(), Handler()
    gone = weakref.ref(h1), weakref.ref(h2)
    bus, p = m.Bus(), g.Polygon()
    bus.subscribe(h1)
    p.on_change(h2)
    del h1, h2
    bus.emit(1)
    p.push(g.Vec2())
    with p:
        pass
    del bus, p
    assert [w() for w in gone] == [None, None]
