"""test_outs.py: out-parameters end to end: values C writes come back to Python (alone, in
a tuple, after a numeric result, or None when a bool result says they are invalid), they
are never Python arguments, and a `bool next(it, T *out)` function makes an iterator."""
import inspect
import sys
import unittest

import e2e_outs as m
from e2e_support import assert_no_leaks


class OutParameters(unittest.TestCase):
    def test_values_come_back(self):
        self.assertEqual(m.divmod(17, 5), (3, 2))
        self.assertEqual(m.divmod(-7, 2), (-3, -1))
        self.assertEqual(m.parse("2.5"), 2.5)
        self.assertIsNone(m.parse("nope"))
        self.assertEqual(m.count("a bb ccc"), (3, 3))

    def test_out_parameters_are_not_arguments(self):
        self.assertEqual(str(inspect.signature(m.divmod)), "(a, b)")
        with self.assertRaises(TypeError) as cm:
            m.divmod(1, 2, 3)
        self.assertIn("divmod() takes exactly 2 arguments (3 given)", str(cm.exception))
        self.assertIn("divmod(a: int, b: int) -> tuple[int, int]", m.divmod.__doc__)
        self.assertIn("-> float | None", m.parse.__doc__)

    def test_bool_next_is_an_iterator(self):
        self.assertEqual(list(m.Counter(4)), [0, 1, 2, 3])
        self.assertEqual(list(m.Counter(0)), [])
        it = m.Counter(1)
        self.assertEqual(next(it), 0)
        with self.assertRaises(StopIteration):
            next(it)
        with self.assertRaises(StopIteration):
            next(it)

    def test_no_leaks(self):
        assert_no_leaks(self, lambda: (m.divmod(9, 4), m.parse("x"), list(m.Counter(3))), [m])


if __name__ == "__main__":
    unittest.main()
