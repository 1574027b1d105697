"""test_numbers.py: every scalar type of the glue language through the e2e_numbers module's
identity functions (static methods of a class with no self_type): round trips at the
limits, OverflowError one past each limit with the runtime's message, TypeError for the
wrong types (bool parameters refuse ints), and argument counts for static methods."""
import math
import struct
import sys
import unittest

from e2e_support import INT_LIMITS, arity_message, error_message
from e2e_numbers import Num

FLT_MAX = struct.unpack("f", struct.pack("I", 0x7F7FFFFF))[0]
FLT_MIN = struct.unpack("f", struct.pack("I", 0x00800000))[0]
FLT_TRUE_MIN = struct.unpack("f", struct.pack("I", 0x00000001))[0]


def echo(type_name):
    return getattr(Num, "echo_" + type_name)


def as_f32(value):
    return struct.unpack("f", struct.pack("f", value))[0]


class Index:
    """Not an int, but usable as one (like numpy integers)."""

    def __init__(self, value):
        self.value = value

    def __index__(self):
        return self.value


class RoundTrip(unittest.TestCase):
    def assert_same_float(self, got, want):
        self.assertIs(type(got), float)
        if math.isnan(want):
            self.assertTrue(math.isnan(got), got)
        else:
            self.assertEqual((got, math.copysign(1, got)), (want, math.copysign(1, want)))

    def test_integers_at_their_limits(self):
        for name, (low, high) in INT_LIMITS.items():
            for value in (low, low + 1, 0, 1, high - 1, high):
                with self.subTest(type=name, value=value):
                    got = echo(name)(value)
                    self.assertEqual(got, value)
                    self.assertIs(type(got), int)

    def test_integers_accept_index_objects(self):
        for name, (low, high) in INT_LIMITS.items():
            with self.subTest(type=name):
                self.assertEqual(echo(name)(Index(high)), high)
                self.assertEqual(echo(name)(True), 1)

    def test_bool(self):
        self.assertIs(Num.echo_bool(True), True)
        self.assertIs(Num.echo_bool(False), False)

    def test_f64(self):
        info = sys.float_info
        for value in (0.0, -0.0, 1.5, -2.25, info.max, -info.max, info.min, 5e-324,
                      math.inf, -math.inf, math.nan):
            with self.subTest(value=value):
                self.assert_same_float(Num.echo_f64(value), value)

    def test_f32(self):
        for value in (0.0, -0.0, 1.5, FLT_MAX, -FLT_MAX, FLT_MIN, FLT_TRUE_MIN,
                      math.inf, -math.inf, math.nan):
            with self.subTest(value=value):
                self.assert_same_float(Num.echo_f32(value), value)

    def test_f32_rounds_to_single_precision(self):
        for value in (0.1, 1 / 3, 123456789.0):
            with self.subTest(value=value):
                self.assertNotEqual(as_f32(value), value)
                self.assert_same_float(Num.echo_f32(value), as_f32(value))

    def test_floats_accept_ints(self):
        for name in ("f32", "f64"):
            with self.subTest(type=name):
                self.assert_same_float(echo(name)(3), 3.0)

    def test_several_arguments(self):
        self.assertEqual(Num.sum3(-128, 65535, 2 ** 62), -128 + 65535 + 2 ** 62)


class Overflow(unittest.TestCase):
    def test_one_past_each_limit(self):
        for name, (low, high) in INT_LIMITS.items():
            for value in (low - 1, high + 1, low - 2 ** 70, high + 2 ** 70):
                with self.subTest(type=name, value=value):
                    message = error_message(self, OverflowError, echo(name), value)
                    self.assertIn("echo_%s() argument 1 is out of range for %s: %d not in [%d, %d]"
                                  % (name, name, value, low, high), message)

    def test_index_objects_are_range_checked(self):
        self.assertIn("echo_u8() argument 1 is out of range for u8: 256 not in [0, 255]",
                      error_message(self, OverflowError, Num.echo_u8, Index(256)))

    def test_f32_refuses_finite_values_beyond_its_range(self):
        for value in (1e39, -1e39, sys.float_info.max):
            with self.subTest(value=value):
                self.assertIn("echo_f32() argument 1",
                              error_message(self, OverflowError, Num.echo_f32, value))

    def test_message_names_the_argument_position(self):
        for args, position, name in (((128, 0, 0), 1, "i8"), ((0, 2 ** 16, 0), 2, "u16"),
                                     ((0, -1, 0), 2, "u16"), ((0, 0, 2 ** 63), 3, "i64")):
            with self.subTest(args=args):
                self.assertIn("sum3() argument %d is out of range for %s" % (position, name),
                              error_message(self, OverflowError, Num.sum3, *args))


class WrongTypes(unittest.TestCase):
    def test_integers_refuse_other_types(self):
        bad = (("1", "str"), (1.5, "float"), (1.0, "float"), (None, "None"), (b"1", "bytes"))
        for name in INT_LIMITS:
            for value, type_name in bad:
                with self.subTest(type=name, value=value):
                    self.assertIn("echo_%s() argument 1 must be int, not %s" % (name, type_name),
                                  error_message(self, TypeError, echo(name), value))

    def test_bool_refuses_ints_and_others(self):
        for value, type_name in ((1, "int"), (0, "int"), (1.0, "float"), (None, "None"),
                                 ("True", "str")):
            with self.subTest(value=value):
                self.assertIn("echo_bool() argument 1 must be bool, not %s" % type_name,
                              error_message(self, TypeError, Num.echo_bool, value))

    def test_floats_refuse_strings_and_none(self):
        for name in ("f32", "f64"):
            for value in ("1.0", None, b"1"):
                with self.subTest(type=name, value=value):
                    self.assertIn("echo_%s() argument 1" % name,
                                  error_message(self, TypeError, echo(name), value))

    def test_index_errors_reach_the_caller(self):
        class Broken:
            def __index__(self):
                raise ZeroDivisionError("from __index__")
        with self.assertRaisesRegex(ZeroDivisionError, "from __index__"):
            Num.echo_i32(Broken())


class Calls(unittest.TestCase):
    def test_class_without_self_type_cannot_be_instantiated(self):
        for args in ((), (1,)):
            with self.subTest(args=args):
                error_message(self, TypeError, Num, *args)

    def test_static_method_argument_counts(self):
        for call, args, name, arity in ((Num.echo_i8, (), "echo_i8", 1),
                                        (Num.echo_i8, (1, 2), "echo_i8", 1),
                                        (Num.sum3, (1, 2), "sum3", 3),
                                        (Num.sum3, (1, 2, 3, 4), "sum3", 3)):
            with self.subTest(name=name, args=args):
                self.assertIn(arity_message(name, arity, len(args)),
                              error_message(self, TypeError, call, *args))

    def test_static_methods_refuse_keywords(self):
        self.assertIn("echo_i8() takes no keyword arguments",
                      error_message(self, TypeError, Num.echo_i8, 1, v=1))


if __name__ == "__main__":
    unittest.main()
