"""test_native_specials.py: e2e_native's special methods, each a C function bound with
`alias __name__;`. repr()/str() (String and &str results); all six comparisons, and
NotImplemented for a foreign `other` (== is False, < is TypeError); __hash__ (the int's
hash: sets and dicts work) and the unhashable class that has __eq__ alone; __len__ and
truth; __getitem__ with negative, out-of-range and hole indexes (IndexError) and string
keys (KeyError); __contains__ (a wrong type is simply not contained); iteration through an
iterator class, and a class that is its own iterator; context managers (the object itself,
closed exactly once, exceptions not swallowed, also when __exit__ consumes the object);
binary and unary operators, with TypeError for foreign operands on either side; reflected
operators (2 * v), across two classes and for a class with only the reflected form, each
calling C once; in-place operators changing the object itself (identity kept), falling back
to the binary operator for a foreign operand, and `-=` rebinding through __sub__ without
__isub__; pow() with and without a modulus; every special method called as a method, with
keywords, its docstring and inspect.signature, answering as CPython's slot wrappers do."""
import inspect
import operator
import unittest

import e2e_native as m
from e2e_support import error_message
from native_support import assert_balanced, deltas

UNSUPPORTED = "unsupported operand type(s) for %s: '%s' and '%s'"
V, B, I, S = "e2e_native.Vec2", "e2e_native.Bits", "int", "e2e_native.Scale"


def deck(*cards):
    d = m.Deck("hand")
    for card in cards:
        d.push(card)
    return d


class Text(unittest.TestCase):
    def test_repr_and_str(self):
        v = m.Vec2(3, 4.5)
        self.assertEqual((repr(v), str(v), "%s" % v, repr([v])),
                         ("Vec2(3, 4.5)", "(3, 4.5)", "(3, 4.5)", "[Vec2(3, 4.5)]"))
        self.assertEqual((repr(m.Bits(10)), str(m.Bits(10))), ("Bits(0xa)", "Bits(0xa)"))
        self.assertEqual(str(m.Deck("h\u00e9")), "h\u00e9")
        self.assertRegex(repr(m.Deck()), r"^<e2e_native\.Deck object at 0x[0-9a-f]+>$")

    def test_specials_are_not_ordinary_methods(self):
        for name in ("vec2_repr", "repr", "eq", "add", "hash"):
            self.assertFalse(hasattr(m.Vec2, name), name)


class Comparisons(unittest.TestCase):
    OPS = (operator.eq, operator.ne, operator.lt, operator.le, operator.gt, operator.ge)

    def test_all_six(self):
        pairs = (((1, 2), (1, 3)), ((1, 2), (1, 2)), ((2, 0), (1, 9)), ((-1, 5), (0, 0)))
        for a, b in pairs:
            for op in self.OPS:
                with self.subTest(a=a, b=b, op=op.__name__):
                    self.assertIs(op(m.Vec2(*a), m.Vec2(*b)), op(a, b))
        self.assertEqual(sorted([m.Vec2(2, 1), m.Vec2(1, 5), m.Vec2(1, 2)]),
                         [m.Vec2(1, 2), m.Vec2(1, 5), m.Vec2(2, 1)])

    def test_foreign_other_is_not_implemented(self):
        v = m.Vec2(1, 2)
        self.assertIs(v.__eq__(3), NotImplemented)
        for other in (3, "x", None, m.Bits(1), (1, 2)):
            with self.subTest(other=other):
                self.assertFalse(v == other)
                self.assertTrue(v != other)
                self.assertFalse(other == v)
        for op, sign in ((operator.lt, "<"), (operator.ge, ">=")):
            with self.subTest(op=sign):
                self.assertEqual(error_message(self, TypeError, op, v, 3),
                                 "'%s' not supported between instances of '%s' and 'int'"
                                 % (sign, V))
                self.assertEqual(error_message(self, TypeError, op, 3, v),
                                 "'%s' not supported between instances of 'int' and '%s'"
                                 % (sign, V))

    def test_eq_alone(self):
        self.assertTrue(m.Bits(5) == m.Bits(5))
        self.assertTrue(m.Bits(5) != m.Bits(6))
        self.assertEqual(error_message(self, TypeError, operator.lt, m.Bits(1), m.Bits(2)),
                         "'<' not supported between instances of '%s' and '%s'" % (B, B))

    def test_ne_is_the_inverse_of_eq_when_only_eq_is_bound(self):
        # Python derives != from == for a class that defines __eq__ alone.
        self.assertFalse(m.Bits(5) != m.Bits(5))


class Hashing(unittest.TestCase):
    def test_hash_is_the_ints_hash(self):
        for value in (0, 5, 2 ** 31, 2 ** 32 - 1):
            with self.subTest(value=value):
                self.assertEqual(hash(m.Bits(value)), hash(value))

    def test_sets_and_dicts(self):
        a, b = m.Bits(3), m.Bits(3)
        self.assertIsNot(a, b)
        self.assertEqual(len({a, b, m.Bits(4)}), 2)
        self.assertEqual({a: "three"}[b], "three")
        self.assertIn(b, {a})

    def test_eq_without_hash_is_unhashable(self):
        self.assertIsNone(m.Vec2.__hash__)
        self.assertEqual(error_message(self, TypeError, hash, m.Vec2()),
                         "unhashable type: '%s'" % V)
        with self.assertRaises(TypeError):
            {m.Vec2()}
        # no __eq__: object's identity hash, distinct for distinct live objects
        deck, other = m.Deck(), m.Deck()
        self.assertIs(type(hash(deck)), int)
        self.assertEqual(hash(deck), object.__hash__(deck))
        self.assertNotEqual(hash(deck), hash(other))


class Containers(unittest.TestCase):
    def test_len_and_truth(self):
        self.assertEqual((len(m.Bits(0b1011)), bool(m.Bits(0)), bool(m.Bits(4))),
                         (3, False, True))
        self.assertEqual((len(deck("a", None)), bool(m.Deck())), (2, False))
        self.assertEqual(error_message(self, TypeError, len, m.Table()),
                         "object of type 'e2e_native.Table' has no len()")
        self.assertTrue(bool(m.Table()))

    def test_getitem_with_indexes(self):
        d = deck("a", None, "c")
        for index, card in ((0, "a"), (2, "c"), (-1, "c"), (-3, "a")):
            with self.subTest(index=index):
                self.assertEqual(d[index], card)
        for index in (1, -2, 3, -4, 2 ** 70, -2 ** 70):  # a hole, then out of range
            with self.subTest(index=index):
                self.assertEqual(error_message(self, IndexError, operator.getitem, d, index),
                                 "index out of range")
        self.assertEqual(error_message(self, TypeError, operator.getitem, d, "x"),
                         "Deck.__getitem__() argument 'i' must be int, not str")
        self.assertEqual(error_message(self, IndexError, operator.getitem, m.Deck(), 0),
                         "index out of range")

    def test_getitem_with_string_keys(self):
        t = m.Table()
        t.set("k", "v")
        self.assertEqual(t["k"], "v")
        with self.assertRaises(KeyError) as caught:
            t["missing"]
        self.assertIs(type(caught.exception), KeyError)
        self.assertEqual(caught.exception.args, ("missing",))
        self.assertEqual(error_message(self, TypeError, operator.getitem, t, 5),
                         "Table.__getitem__() argument 'key' must be str, not int")

    def test_contains(self):
        d, t, bits = deck("a", None, "c"), m.Table(), m.Bits(0b1000)
        t.set("k", "v")
        cases = ((d, "a", True), (d, "z", False), (d, 3, False), (d, None, False),
                 (d, b"a", False), (t, "k", True), (t, "v", False), (t, 1, False),
                 (bits, 3, True), (bits, 2, False), (bits, "3", False), (bits, 3.0, False))
        for obj, item, expected in cases:
            with self.subTest(obj=obj, item=item):
                self.assertIs(item in obj, expected)
                self.assertIs(item not in obj, not expected)


class Iteration(unittest.TestCase):
    def test_iterator_class(self):
        changes = deltas()
        d = deck("a", None, "c")
        self.assertEqual(list(d), ["a", "c"])
        self.assertEqual([card.upper() for card in d], ["A", "C"])
        it = iter(d)
        self.assertIs(type(it), m.DeckIter)
        self.assertIs(iter(it), it)
        self.assertEqual((next(it), next(it)), ("a", "c"))
        for _ in range(3):  # ended, and stays ended
            with self.assertRaises(StopIteration):
                next(it)
        self.assertEqual(list(it), [])
        self.assertEqual(error_message(self, TypeError, next, d),
                         "'e2e_native.Deck' object is not an iterator")
        del it, d
        self.assertEqual(changes()["ITERS_NEW"], 3)
        assert_balanced(self, changes())

    def test_iterators_are_independent_and_outlive_the_object(self):
        d = deck("x", "y")
        first, second = iter(d), iter(d)
        self.assertEqual(next(first), "x")
        del d
        self.assertEqual((list(second), list(first)), (["x", "y"], ["y"]))
        self.assertEqual(list(zip(deck("p", "q"), m.Countdown(5))), [("p", "five"),
                                                                      ("q", "four")])

    def test_own_iterator(self):
        c = m.Countdown()
        self.assertIs(iter(c), c)
        self.assertEqual(next(c), "three")
        self.assertEqual(list(c), ["two", "one"])
        with self.assertRaises(StopIteration):
            next(c)
        self.assertEqual(list(c), [])
        self.assertEqual([w for w in m.Countdown(n=2)], ["two", "one"])
        self.assertEqual(list(m.Countdown(0)), [])


class ContextManagers(unittest.TestCase):
    def test_with_gives_the_object_and_closes_once(self):
        changes = deltas()
        d = m.Deck("w")
        with d as inside:
            self.assertIs(inside, d)
            self.assertEqual(d.closes, 0)
        self.assertEqual(d.closes, 1)
        self.assertEqual(changes().get("CLOSES"), 1)
        d.push("still usable")
        self.assertEqual(d[0], "still usable")

    def test_exceptions_propagate_after_closing(self):
        changes = deltas()
        d = m.Deck()
        with self.assertRaises(KeyError) as caught:
            with d:
                raise KeyError("boom")
        self.assertEqual(caught.exception.args, ("boom",))
        self.assertEqual((d.closes, changes().get("CLOSES")), (1, 1))
        self.assertIs(d.__exit__(None, None, None), False)

    def test_consuming_exit(self):
        changes = deltas()
        with m.Session("s") as s:
            self.assertEqual(s.name(), "s")
        self.assertEqual(error_message(self, ValueError, s.name),
                         "Session.name(): the e2e_native.Session object was moved into C "
                         "and can no longer be used")
        with self.assertRaises(ZeroDivisionError):
            with m.Session("t"):
                1 / 0
        del s
        self.assertEqual(changes(), {"SESSIONS_NEW": 2, "SESSIONS_ENDED": 2})


class Operators(unittest.TestCase):
    def test_binary_and_unary(self):
        v, w, b = m.Vec2(3, 4), m.Vec2(1, -1), m.Bits(0b1100)
        cases = (
            (lambda: v + w, m.Vec2(4, 3)), (lambda: v - w, m.Vec2(2, 5)),
            (lambda: v * 2.5, m.Vec2(7.5, 10)), (lambda: v * 2, m.Vec2(6, 8)),
            (lambda: v / 2, m.Vec2(1.5, 2)), (lambda: -v, m.Vec2(-3, -4)),
            (lambda: +v, m.Vec2(3, 4)), (lambda: abs(v), 5.0),
            (lambda: b & m.Bits(0b1010), m.Bits(0b1000)),
            (lambda: b | m.Bits(0b0011), m.Bits(0b1111)),
            (lambda: b ^ m.Bits(0b1010), m.Bits(0b0110)),
            (lambda: b << 2, m.Bits(0b110000)), (lambda: b >> 2, m.Bits(0b11)),
            (lambda: b // 5, m.Bits(2)), (lambda: b % 5, 2),
            (lambda: ~b, m.Bits(0xFFFFFFF3)),
        )
        for call, expected in cases:
            with self.subTest(expected=expected):
                result = call()
                self.assertIs(type(result), type(expected))
                self.assertEqual(result, expected)
        self.assertIsNot(+v, v)
        alias = v
        v -= w      # no __isub__: through __sub__, a new object
        self.assertEqual((v, alias), (m.Vec2(2, 5), m.Vec2(3, 4)))

    def test_foreign_operands(self):
        v, b = m.Vec2(1, 2), m.Bits(1)
        cases = (
            (operator.add, v, 1, "+", V, I), (operator.add, 1, v, "+", I, V),
            (operator.sub, v, None, "-", V, "NoneType"),
            (operator.mul, None, v, "*", "NoneType", V),
            (operator.mul, v, v, "*", V, V), (operator.truediv, 2.0, v, "/", "float", V),
            (operator.and_, b, 3, "&", B, I), (operator.or_, 3, b, "|", I, B),
            (operator.xor, b, v, "^", B, V), (operator.lshift, 1, b, "<<", I, B),
            (operator.rshift, b, "x", ">>", B, "str"), (operator.mod, 7, b, "%", I, B),
            (operator.floordiv, v, 2, "//", V, I), (operator.sub, b, b, "-", B, B),
        )
        for op, left, right, sign, left_type, right_type in cases:
            with self.subTest(op=sign, left=left, right=right):
                self.assertEqual(error_message(self, TypeError, op, left, right),
                                 UNSUPPORTED % (sign, left_type, right_type))
        self.assertEqual(error_message(self, TypeError, operator.invert, v),
                         "bad operand type for unary ~: '%s'" % V)
        self.assertEqual(error_message(self, TypeError, abs, b),
                         "bad operand type for abs(): '%s'" % B)


def as_for_none(op, type_name, *args):
    """CPython's TypeError text for op(None, *args), with type_name in None's place."""
    try:
        op(None, *args)
    except TypeError as e:
        return str(e).replace("'NoneType'", "'%s'" % type_name)
    raise AssertionError("op(None, ...) did not raise")


def operator_calls():
    return m.Stats.get(m.Stat.OPERATOR_CALLS)


class Reflected(unittest.TestCase):
    def test_number_times_vector(self):
        v = m.Vec2(3, 4)
        for k in (2, 2.5, True):
            with self.subTest(k=k):
                before = operator_calls()
                self.assertEqual(k * v, m.Vec2(3 * k, 4 * k))
                self.assertEqual(operator_calls() - before, 1)
                self.assertEqual(v * k, m.Vec2(3 * k, 4 * k))   # __mul__, not counted
                self.assertEqual(operator_calls() - before, 1)
        self.assertEqual(v @ m.Vec2(1, 2), 11.0)

    def test_two_classes(self):
        v, s = m.Vec2(1, 2), m.Scale(3)
        before = operator_calls()
        # Scale.__mul__ answers s * v; v * s is Vec2.__mul__'s NotImplemented (a Scale is
        # no float), then Scale.__rmul__.
        self.assertEqual((s * v, v * s), (m.Vec2(3, 6), m.Vec2(3, 6)))
        self.assertEqual(operator_calls() - before, 2)

    def test_reflected_alone(self):
        s = m.Scale(2)
        self.assertEqual(repr(10 - s), "Scale(8)")
        self.assertEqual(repr(10.5 - s), "Scale(8.5)")
        before = operator_calls()
        cases = ((operator.sub, s, 1, "-", S, I), (operator.sub, s, s, "-", S, S),
                 (operator.sub, "x", s, "-", "str", S), (operator.mul, s, 2, "*", S, I),
                 (operator.mul, m.Vec2(), m.Vec2(), "*", V, V),
                 (operator.matmul, 1, m.Vec2(), "@", I, V))
        for op, left, right, sign, left_type, right_type in cases:
            with self.subTest(op=sign, left=left, right=right):
                self.assertEqual(error_message(self, TypeError, op, left, right),
                                 UNSUPPORTED % (sign, left_type, right_type))
        # Two operands of one class never reach the reflected method.
        self.assertEqual(operator_calls(), before)

    def test_pow(self):
        s = m.Scale(3)
        self.assertEqual((repr(s ** 2), 2 ** s, repr(pow(s, 2)), pow(2.0, s)),
                         ("Scale(9)", 8.0, "Scale(9)", 8.0))
        # CPython's own texts, which vary with its version: as for None in s's place.
        for args in ((2, 5), ("x",)):
            with self.subTest(args=args):
                self.assertEqual(error_message(self, TypeError, pow, s, *args),
                                 as_for_none(pow, S, *args))


class InPlace(unittest.TestCase):
    def test_changes_the_object_itself(self):
        v = m.Vec2(1, 2)
        alias, before = v, operator_calls()
        v += m.Vec2(10, 20)
        self.assertIs(v, alias)
        self.assertEqual(alias, m.Vec2(11, 22))
        v *= 2
        v /= 11
        self.assertIs(v, alias)
        self.assertEqual(alias, m.Vec2(2, 4))
        v += v
        self.assertEqual(alias, m.Vec2(4, 8))
        self.assertEqual(operator_calls() - before, 4)
        s = m.Scale(2)
        t = s
        s **= 3
        self.assertIs(s, t)
        self.assertEqual(t.k, 8)

    def test_in_a_container(self):
        vs = [m.Vec2(1, 1)]
        first = vs[0]
        vs[0] += m.Vec2(1, 1)
        self.assertIs(vs[0], first)
        self.assertEqual(first, m.Vec2(2, 2))

    def test_error_leaves_the_object(self):
        v = m.Vec2(4, 6)
        alias = v
        with self.assertRaises(m.NativeError) as caught:
            v /= 0
        self.assertEqual(str(caught.exception), "one is bad")
        self.assertIs(v, alias)
        self.assertEqual(v, m.Vec2(4, 6))

    def test_foreign_operand_falls_back(self):
        v = m.Vec2(1, 2)
        alias = v
        for op, right, sign, right_type in ((operator.iadd, 3, "+=", I),
                                            (operator.imul, "x", "*=", "str"),
                                            (operator.itruediv, None, "/=", "NoneType")):
            with self.subTest(op=sign):
                self.assertEqual(error_message(self, TypeError, op, v, right),
                                 UNSUPPORTED % (sign, V, right_type))
        self.assertEqual(error_message(self, TypeError, operator.ipow, m.Scale(), "x"),
                         as_for_none(operator.ipow, S, "x"))
        # __imul__ refuses a Scale; v * s is Scale.__rmul__, which makes a new vector.
        v *= m.Scale(3)
        self.assertIsNot(v, alias)
        self.assertEqual((v, alias), (m.Vec2(3, 6), m.Vec2(1, 2)))


class AsMethods(unittest.TestCase):
    def test_keywords_and_positional_only(self):
        v, w = m.Vec2(1, 2), m.Vec2(3, 4)
        self.assertEqual(v.__add__(other=w), m.Vec2(4, 6))
        self.assertEqual(m.Vec2.__add__(v, other=w), m.Vec2(4, 6))
        self.assertEqual(v.__rmul__(k=2), m.Vec2(2, 4))
        self.assertIs(v.__eq__(other=m.Vec2(1, 2)), True)
        self.assertIs(v.__iadd__(other=w), v)
        self.assertEqual(v, m.Vec2(4, 6))
        self.assertIs(v.__imul__(0.5), v)
        self.assertEqual(v, m.Vec2(2, 3))
        # (CPython before 3.9 leaves the class out of the name.)
        self.assertRegex(error_message(self, TypeError, v.__imul__, arg1=2),
                         r"^(Vec2\.)?__imul__\(\) takes no keyword arguments$")
        self.assertEqual(error_message(self, TypeError, v.__add__),
                         "Vec2.__add__() missing required argument 'other' (pos 1)")
        self.assertEqual(error_message(self, TypeError, v.__add__, w, other=w),
                         "Vec2.__add__() got multiple values for argument 'other'")
        self.assertEqual(error_message(self, TypeError, v.__add__, x=w),
                         "Vec2.__add__() got an unexpected keyword argument 'x'")
        self.assertEqual(error_message(self, TypeError, m.Deck().__getitem__, "x"),
                         "Deck.__getitem__() argument 'i' must be int, not str")

    def test_answers_as_the_slot_does(self):
        v, b, d = m.Vec2(1, 2), m.Bits(0b1011), deck("a", "b")
        self.assertIs(v.__add__(3), NotImplemented)   # a foreign operand
        self.assertIs(v.__rmul__("x"), NotImplemented)
        self.assertIs(v.__iadd__(3), NotImplemented)
        self.assertIs(v.__ne__(3), NotImplemented)     # the slot's __ne__, from __eq__
        self.assertEqual((b.__hash__(), b.__len__()), (hash(b), len(b)))
        self.assertIs(b.__contains__(bit=1), True)
        self.assertIs(b.__contains__("x"), False)
        self.assertEqual((d.__getitem__(i=-1), d.__len__()), ("b", 2))
        with self.assertRaises(IndexError):
            d.__getitem__(2)
        with self.assertRaises(KeyError):
            m.Table().__getitem__(key="k")
        it = d.__iter__()
        self.assertIs(type(it), m.DeckIter)
        self.assertEqual((it.__next__(), it.__next__()), ("a", "b"))
        with self.assertRaises(StopIteration):
            it.__next__()
        self.assertEqual((v.__repr__(), v.__str__(), v.__neg__()),
                         ("Vec2(1, 2)", "(1, 2)", m.Vec2(-1, -2)))

    def test_hash_and_eq(self):
        # __eq__ without __hash__ still makes the class unhashable; with both, each is a
        # method; with neither, object's.
        self.assertIsNone(m.Vec2.__hash__)
        self.assertIsInstance(m.Vec2.__dict__["__eq__"], type(str.join))
        self.assertIsInstance(m.Bits.__dict__["__hash__"], type(str.join))
        self.assertIs(m.Deck.__hash__, object.__hash__)

    def test_docstrings_and_signatures(self):
        self.assertEqual(m.Vec2.__add__.__doc__,
                         "__add__(other: Vec2) -> Vec2\n\nThe sum of two vectors.")
        self.assertEqual(m.Vec2.__iadd__.__doc__,
                         "__iadd__(other: Vec2) -> Vec2\n\nAdds other to this vector, in place.")
        self.assertEqual(m.Vec2.__itruediv__.__doc__,
                         "__itruediv__(k: float) -> Vec2\nRaises NativeError on failure.")
        self.assertEqual(m.Deck.__getitem__.__doc__, "__getitem__(i: int) -> str")
        self.assertEqual(m.DeckIter.__next__.__doc__, "__next__() -> str")
        cases = ((m.Vec2.__add__, "(self, /, other)"), (m.Vec2(1, 2).__add__, "(other)"),
                 (m.Vec2.__imul__, "(self, arg1, /)"), (m.Vec2.__repr__, "(self, /)"),
                 (m.Bits.__len__, "(self, /)"), (m.Bits.__contains__, "(self, /, bit)"),
                 (m.Scale.__rpow__, "(self, /, x)"))
        for method, expected in cases:
            with self.subTest(method=method):
                self.assertEqual(str(inspect.signature(method)), expected)


if __name__ == "__main__":
    unittest.main()
