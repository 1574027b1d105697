"""test_counter.py: an opaque-handle class (e2e_counter.Counter): construction and methods
through the C pointer, named parameters in error messages, static methods, a static
factory returning the class, a bare-name function under an alias, and docstrings."""
import gc
import unittest

from e2e_support import INT_LIMITS, arity_message, cpython_name, error_message
from e2e_counter import Counter

I64_MIN, I64_MAX = INT_LIMITS["i64"]


class Methods(unittest.TestCase):
    def test_state_lives_in_the_c_object(self):
        counter = Counter(5)
        self.assertIsNone(counter.add(10))
        counter.add(-20)
        self.assertEqual(counter.get(), -5)
        self.assertEqual(Counter(7).get(), 7)

    def test_i64_limits(self):
        for value in (I64_MIN, I64_MAX):
            with self.subTest(value=value):
                self.assertEqual(Counter(value).get(), value)

    def test_static_factory_returns_the_class(self):
        made = Counter.from_sum(2, 40)
        self.assertIs(type(made), Counter)
        made.add(1)
        self.assertEqual(made.get(), 43)

    def test_static_methods(self):
        # Counter_live() is news minus frees: one more Counter is one more live, and
        # freeing it is one more free and one fewer live.
        gc.collect()  # nothing left from other tests is freed during the counting
        live, frees = Counter.live(), Counter.frees()
        self.assertIs(type(live), int)
        self.assertIs(type(frees), int)
        self.assertGreaterEqual(live, 0)
        counter = Counter(1)
        self.assertEqual((Counter.live(), Counter.frees()), (live + 1, frees))
        del counter
        self.assertEqual((Counter.live(), Counter.frees()), (live, frees + 1))
        self.assertEqual(Counter.bad_handles(), 0)

    def test_bare_function_under_its_alias(self):
        self.assertEqual(Counter.twice(21), 42)
        self.assertFalse(hasattr(Counter, "counter_twice"))

    def test_docstrings(self):
        self.assertIn("A heap-allocated counter.", Counter.__doc__ or "")
        self.assertIn("Add n to the counter.", Counter.add.__doc__ or "")


class Errors(unittest.TestCase):
    def test_named_parameters_in_messages(self):
        counter = Counter(1)
        self.assertEqual(error_message(self, TypeError, counter.add, "x"),
                         "Counter.add() argument 'n' must be int, not str")
        self.assertEqual(error_message(self, TypeError, Counter, None),
                         "Counter() argument 'start' must be int, not None")
        self.assertEqual(error_message(self, OverflowError, counter.add, I64_MAX + 1),
                         "Counter.add() argument 'n' is out of range for i64: %d not in [%d, %d]"
                         % (I64_MAX + 1, I64_MIN, I64_MAX))
        self.assertIn("Counter.from_sum() argument 'b'",
                      error_message(self, TypeError, Counter.from_sum, 1, 2.5))
        self.assertEqual(counter.get(), 1)

    def test_argument_counts(self):
        counter = Counter(1)
        cases = ((Counter, (), "Counter() missing required argument 'start' (pos 1)"),
                 (counter.add, (1, 2), arity_message("Counter.add", 1, 2)),
                 (Counter.from_sum, (1,), "Counter.from_sum() missing required argument 'b' "
                                          "(pos 2)"),
                 (Counter.twice, (), arity_message("twice", 1, 0)))
        for call, args, expected in cases:
            with self.subTest(expected=expected):
                self.assertIn(expected, error_message(self, TypeError, call, *args))
        # METH_NOARGS: CPython's own wording.
        self.assertIn(cpython_name("Counter.get") + "()",
                      error_message(self, TypeError, counter.get, 1))
        self.assertIn(cpython_name("Counter.live") + "()",
                      error_message(self, TypeError, Counter.live, 1))

    def test_named_parameters_take_keywords(self):
        counter = Counter(start=5)
        counter.add(n=2)
        self.assertEqual(counter.get(), 7)
        self.assertEqual(Counter.from_sum(b=2, a=1).get(), 3)
        for call, args, kwargs, expected in (
                (counter.add, (), {"m": 1}, "Counter.add() got an unexpected keyword argument 'm'"),
                (counter.add, (1,), {"n": 1}, "Counter.add() got multiple values for argument 'n'"),
                (Counter, (), {"start": 1, "stop": 2},
                 "Counter() got an unexpected keyword argument 'stop'"),
                (Counter.twice, (), {"arg1": 1}, "takes no keyword arguments")):
            with self.subTest(expected=expected):
                self.assertIn(expected, error_message(self, TypeError, call, *args, **kwargs))
        self.assertEqual(counter.get(), 7)


if __name__ == "__main__":
    unittest.main()
