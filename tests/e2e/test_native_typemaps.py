"""test_native_typemaps.py: e2e_native's typemapped C structs. `Point` is a namedtuple
class of the module (with its `///` doc and fields), `Size` a plain tuple with number,
bool and enum fields. Both go to C by value, as `&T` / `const T *` (a pointer to a copy)
and as Option<&T> (None, or an omitted None default, is NULL), and come back by value as
new tuples. Any sequence of the right length is accepted (tuple, list, namedtuple, range);
anything else, a wrong length, or a wrong field is a TypeError (Overflow/ValueError for
out-of-range numbers and enum values) naming the argument and the field."""
import unittest

import e2e_native as m
from e2e_support import error_message


class NamedTupleClass(unittest.TestCase):
    def test_class_in_the_module(self):
        self.assertTrue(issubclass(m.Point, tuple))
        self.assertEqual(m.Point._fields, ("x", "y"))
        self.assertEqual(m.Point.__doc__, "A point in the plane.")
        self.assertEqual((m.Point.__name__, m.Point.__module__), ("Point", "e2e_native"))
        self.assertEqual(repr(m.Point(1, 2)), "Point(x=1, y=2)")

    def test_returned_by_value(self):
        p = m.mid(m.Point(0, 0), m.Point(2, 4))
        self.assertIs(type(p), m.Point)
        self.assertEqual((p.x, p.y), (1.0, 2.0))
        self.assertEqual(p._asdict(), {"x": 1.0, "y": 2.0})


class Arguments(unittest.TestCase):
    def test_any_sequence_of_the_right_length(self):
        for a, b in (((0, 0), (2, 4)), ([0, 0], [2.0, 4]), (m.Point(y=0, x=0), (2, 4)),
                     (range(2), (2, 3))):
            with self.subTest(a=a, b=b):
                self.assertEqual(m.mid(a, b), m.Point(1.0, 2.0))

    def test_tuple_with_bool_and_enum_fields(self):
        self.assertEqual(m.area((2, 3, True, m.Color.RED)), 6)
        self.assertEqual(m.area([2, 3, False, 0]), 0)
        self.assertEqual(m.area(s=(2, 2, True, 2)), 4)
        grown = m.grow((1, 2, True, m.Color.GREEN))
        self.assertIs(type(grown), tuple)
        self.assertEqual(grown, (2, 3, False, m.Color.BLUE))
        self.assertIs(grown[3], m.Color.BLUE)
        self.assertEqual(m.grow([1, 2, False, m.Color.BLUE], by=0), (1, 2, True, m.Color.RED))

    def test_pointer_to_a_copy(self):
        size = [1, 2, True, 0]
        m.grow(size, 5)
        self.assertEqual(size, [1, 2, True, 0])

    def test_optional_pointer(self):
        self.assertEqual(m.dist((3, 4)), 5.0)
        self.assertEqual(m.dist(m.Point(3, 4)), 5.0)
        self.assertEqual(m.dist(None), -1.0)
        self.assertEqual(m.dist(p=None), -1.0)

    def test_omitted_optional_pointer_is_null(self):
        # `p: Option<&Point> = None`: leaving p out must pass NULL, like passing None.
        self.assertEqual(m.dist(), -1.0)

    def test_errors(self):
        point, size = "a Point (x, y) tuple", "a Size (w, h, visible, shade) tuple"
        cases = (
            (TypeError, lambda: m.mid(1, (0, 0)), "mid() argument 'a' must be %s, not int"
             % point),
            (TypeError, lambda: m.mid("ab", (0, 0)), "mid() argument 'a' must be %s, not str"
             % point),
            (TypeError, lambda: m.mid((1,), (0, 0)), "mid() argument 'a' must be %s of 2 "
                                                     "items, not 1" % point),
            (TypeError, lambda: m.mid((0, 0), (1, 2, 3)), "mid() argument 'b' must be %s of "
                                                          "2 items, not 3" % point),
            (TypeError, lambda: m.mid((1, "a"), (0, 0)), "mid() argument 'a' field 'y' must "
                                                         "be float, not str"),
            (TypeError, lambda: m.dist(p=(1, 2, 3)), "dist() argument 'p' must be %s of 2 "
                                                     "items, not 3" % point),
            (TypeError, lambda: m.area({1, 2, 3, 4}), "area() argument 's' must be %s, "
                                                      "not set" % size),
            (TypeError, lambda: m.area(b"abcd"), "area() argument 's' must be %s, not bytes"
             % size),
            (TypeError, lambda: m.area(iter((1, 2, True, 0))), "area() argument 's' must be "
                                                               "%s, not tuple_iterator" % size),
            (TypeError, lambda: m.grow(None), "grow() argument 's' must be %s, not None"
             % size),
            (TypeError, lambda: m.area((1, 2, 1, 0)), "area() argument 's' field 'visible' "
                                                      "must be bool, not int"),
            (TypeError, lambda: m.area((1, 2, True, m.Stat.CLOSES)),
             "area() argument 's' field 'shade' must be Color or int, not Stat"),
            (ValueError, lambda: m.area((1, 2, True, 9)), "area() argument 's' field 'shade' "
                                                          "must be a Color value, not 9"),
            (OverflowError, lambda: m.area((-1, 2, True, 0)),
             "area() argument 's' field 'w' is out of range for u32: -1 not in "
             "[0, 4294967295]"),
            (OverflowError, lambda: m.area((1, 2 ** 32, True, 0)),
             "area() argument 's' field 'h' is out of range for u32: 4294967296 not in "
             "[0, 4294967295]"),
        )
        for exc, call, msg in cases:
            with self.subTest(msg=msg):
                self.assertEqual(error_message(self, exc, call), msg)
        # Option<&Point>: the wording of "or None" is not pinned down.
        self.assertTrue(error_message(self, TypeError, m.dist, "xy").startswith(
            "dist() argument 'p' must be %s" % point))


if __name__ == "__main__":
    unittest.main()
