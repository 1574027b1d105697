"""test_foo.py: the seed walk-through (examples/foo) end to end: simple.py's output, i32
values at their limits, and the errors for out-of-range values, wrong types, wrong
argument counts and keyword arguments, with the runtime's message shapes."""
import os
import subprocess
import sys
import tempfile
import unittest

from e2e_support import INT_LIMITS, SIMPLE_PY, arity_message, cpython_name, error_message
from foo import Foo

I32_MIN, I32_MAX = INT_LIMITS["i32"]


class SeedScript(unittest.TestCase):
    def test_simple_py_prints_1_then_11(self):
        with tempfile.TemporaryDirectory() as cwd:
            done = subprocess.run([sys.executable, SIMPLE_PY], cwd=cwd, env=os.environ,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  universal_newlines=True, timeout=60)
        self.assertEqual(done.stderr, "")
        self.assertEqual(done.returncode, 0)
        self.assertEqual(done.stdout, "1\n11\n")


class Values(unittest.TestCase):
    VALUES = (I32_MIN, I32_MIN + 1, -1, 0, 1, I32_MAX - 1, I32_MAX)

    def test_constructor_round_trips_i32(self):
        for value in self.VALUES:
            with self.subTest(value=value):
                got = Foo(value).val()
                self.assertEqual(got, value)
                self.assertIs(type(got), int)

    def test_set_field_round_trips_i32(self):
        obj = Foo(0)
        for value in self.VALUES:
            with self.subTest(value=value):
                self.assertIsNone(obj.set_field(value))
                self.assertEqual(obj.val(), value)

    def test_objects_are_independent_values(self):
        a, b = Foo(1), Foo(2)
        a.set_field(3)
        self.assertEqual((a.val(), b.val()), (3, 2))
        self.assertIsInstance(a, Foo)
        self.assertEqual(Foo.__name__, "Foo")


class Overflow(unittest.TestCase):
    def test_constructor_messages(self):
        for value in (I32_MAX + 1, I32_MIN - 1):
            with self.subTest(value=value):
                self.assertEqual(
                    error_message(self, OverflowError, Foo, value),
                    "Foo() argument 1 is out of range for i32: %d not in [%d, %d]"
                    % (value, I32_MIN, I32_MAX))

    def test_set_field_overflow_keeps_value(self):
        obj = Foo(5)
        for value in (2 ** 31, -2 ** 31 - 1, 2 ** 64, -2 ** 100):
            with self.subTest(value=value):
                message = error_message(self, OverflowError, obj.set_field, value)
                self.assertTrue(message.startswith("Foo.set_field() argument 1 "), message)
                self.assertEqual(obj.val(), 5)


class WrongTypes(unittest.TestCase):
    BAD = (("1", "str"), (1.5, "float"), (None, "None"), (b"1", "bytes"), ([1], "list"))

    def test_constructor(self):
        for value, type_name in self.BAD:
            with self.subTest(value=value):
                self.assertEqual(error_message(self, TypeError, Foo, value),
                                 "Foo() argument 1 must be int, not %s" % type_name)

    def test_set_field(self):
        obj = Foo(5)
        for value, type_name in self.BAD:
            with self.subTest(value=value):
                self.assertEqual(error_message(self, TypeError, obj.set_field, value),
                                 "Foo.set_field() argument 1 must be int, not %s" % type_name)
                self.assertEqual(obj.val(), 5)


class Arity(unittest.TestCase):
    def test_constructor_argument_counts(self):
        for args in ((), (1, 2), (1, 2, 3)):
            with self.subTest(args=args):
                self.assertEqual(error_message(self, TypeError, Foo, *args),
                                 arity_message("Foo", 1, len(args)))

    def test_method_argument_counts(self):
        # METH_O and METH_NOARGS: CPython's own wording.
        obj = Foo(1)
        for args in ((), (1, 2)):
            with self.subTest(args=args):
                self.assertEqual(error_message(self, TypeError, obj.set_field, *args),
                                 arity_message(cpython_name("Foo.set_field"), 1, len(args)))
        self.assertIn(cpython_name("Foo.val") + "()",
                      error_message(self, TypeError, obj.val, 1))
        self.assertEqual(obj.val(), 1)

    def test_keyword_arguments_are_rejected(self):
        obj = Foo(1)
        self.assertEqual(error_message(self, TypeError, Foo, val=1),
                         "Foo() takes no keyword arguments")
        self.assertEqual(error_message(self, TypeError, Foo, 1, val=1),
                         "Foo() takes no keyword arguments")
        self.assertIn(cpython_name("Foo.set_field") + "()",
                      error_message(self, TypeError, obj.set_field, new_val=2))
        self.assertIn(cpython_name("Foo.val") + "()",
                      error_message(self, TypeError, obj.val, x=1))
        self.assertEqual(obj.val(), 1)


if __name__ == "__main__":
    unittest.main()
