"""test_types_buffers.py: slices and Vec results through the e2e_types module. `&[T]` for
every element type takes any buffer-protocol object whose items are exactly T (bytes,
bytearray, memoryview, array.array, ctypes arrays), zero-copy; items of another type are a
TypeError, a non-contiguous view a ValueError, a non-buffer a TypeError, each naming the
parameter. `&mut [T]` takes writable buffers and C's writes show in Python; read-only ones
are a TypeError. Buffers are released on every path, including a later argument failing.
`Vec<T>` results arrive as bytes (u8) or a list of exact values, empty for NULL with
length 0, RuntimeError for NULL with a length, and are freed exactly once."""
import array
import ctypes
import unittest

import e2e_types as m
from e2e_support import INT_LIMITS, copies_buffers, error_message
from types_support import StatsTestCase, deltas


def lim(name):
    return INT_LIMITS[name]


# (function, element type, buffers of that element type, expected sum)
SUMS = (
    (m.sum_i8, "i8", [array.array("b", [-128, 127, -1])], -2),
    (m.sum_u8, "u8", [b"\x01\x02\xff", bytearray(b"\x01\x02\xff"), memoryview(b"\x01\x02\xff"),
                      array.array("B", [1, 2, 255]), (ctypes.c_uint8 * 3)(1, 2, 255)], 258),
    (m.sum_u16, "u16", [array.array("H", [65535, 1])], 65536),
    (m.sum_i32, "i32", [array.array("i", [lim("i32")[1], lim("i32")[0], 5]),
                        (ctypes.c_int32 * 3)(lim("i32")[1], lim("i32")[0], 5),
                        memoryview(array.array("i", [lim("i32")[1], lim("i32")[0], 5]))
                        .cast("B").cast("i")], 4),
    (m.sum_i64, "i64", [array.array("q", [lim("i64")[1], lim("i64")[0], 1]),
                        (ctypes.c_int64 * 3)(lim("i64")[1], lim("i64")[0], 1)], 0),
    (m.sum_u64, "u64", [array.array("Q", [lim("u64")[1]])], lim("u64")[1]),
    (m.sum_f32, "f32", [array.array("f", [0.5, 0.25, -2.0])], -1.25),
    (m.sum_f64, "f64", [array.array("d", [0.1, 0.2]), (ctypes.c_double * 2)(0.1, 0.2)],
     0.1 + 0.2),
)

# (function, element type, buffer of the wrong item type, format the message names)
WRONG_ITEMS = (
    (m.sum_i32, "i32", array.array("d", [1.0]), "d"),
    (m.sum_i32, "i32", array.array("I", [1]), "I"),
    (m.sum_i32, "i32", array.array("q", [1]), "q"),
    (m.sum_i32, "i32", b"abcd", "B"),
    (m.sum_i64, "i64", array.array("i", [1, 2]), "i"),
    (m.sum_u8, "u8", array.array("b", [1]), "b"),
    (m.sum_i8, "i8", b"abc", "B"),
    (m.sum_u16, "u16", array.array("h", [1]), "h"),
    (m.sum_u64, "u64", array.array("q", [1]), "q"),
    (m.sum_f32, "f32", array.array("d", [1.0]), "d"),
    (m.sum_f64, "f64", array.array("f", [1.0]), "f"),
    (m.sum_f64, "f64", array.array("q", [1]), "q"),
    (m.scale, "f64", array.array("f", [1.0]), "f"),
    (m.negate, "i32", bytearray(8), "B"),
)


class ReadOnlySlices(StatsTestCase, unittest.TestCase):
    def test_every_element_type(self):
        for func, elem, buffers, want in SUMS:
            for buf in buffers:
                with self.subTest(func=func.__name__, buffer=type(buf).__name__):
                    got = func(buf)
                    self.assertEqual(got, want)
                    self.assertIs(type(got), type(want))

    def test_empty_buffers(self):
        for func, elem, buffers, want in SUMS:
            with self.subTest(func=func.__name__):
                self.assertEqual(func(buffers[0][:0]), 0)

    def test_zero_copy(self):
        data = bytearray(b"0123456789")
        address = ctypes.addressof(ctypes.c_char.from_buffer(data))
        self.assertEqual(m.addr(data), address)
        if copies_buffers(m):
            # abi3 on CPython 3.10, whose stable ABI has no buffer protocol: a bytearray
            # is passed in place, any other exporter as a copy (docs/building.md).
            self.assertNotEqual(m.addr(memoryview(data)[3:]), address + 3)
        else:
            self.assertEqual(m.addr(memoryview(data)[3:]), address + 3)

    def test_buffers_are_released(self):
        data = bytearray(b"abc")
        m.sum_u8(data)
        data.extend(b"d")  # a view still held would make this a BufferError
        with self.assertRaises(OverflowError):
            m.fill(data, 256)  # the slice converted, then the second argument failed
        data.extend(b"e")
        self.assertEqual(data, b"abcde")

    def test_wrong_item_type(self):
        for func, elem, buf, fmt in WRONG_ITEMS:
            with self.subTest(func=func.__name__, format=fmt):
                args = (buf, 1.0) if func is m.scale else (buf,)
                param = "values" if func in (m.scale, m.negate) else "v"
                self.assertEqual(error_message(self, TypeError, func, *args),
                                 "%s() argument '%s' must be a buffer of %s items, not of '%s' "
                                 "items" % (func.__name__, param, elem, fmt))

    def test_non_contiguous(self):
        cases = ((m.sum_u8, memoryview(b"abcdef")[::2]),
                 (m.sum_i32, memoryview(array.array("i", range(6)))[::2]),
                 (m.sum_f64, memoryview(array.array("d", range(6)))[::-1]))
        for func, view in cases:
            with self.subTest(func=func.__name__):
                self.assertEqual(error_message(self, ValueError, func, view),
                                 "%s() argument 'v' must be a C-contiguous buffer"
                                 % func.__name__)

    def test_not_a_buffer(self):
        for bad in ([1, 2], (1,), "abc", None, 3, iter(b"ab")):
            with self.subTest(bad=bad):
                self.assertEqual(error_message(self, TypeError, m.sum_u8, bad),
                                 "sum_u8() argument 'v' must be a buffer of u8 items, not %s"
                                 % ("None" if bad is None else type(bad).__name__))


class MutableSlices(StatsTestCase, unittest.TestCase):
    def test_writes_are_visible(self):
        data = bytearray(b"abcd")
        m.fill(data, 7)
        self.assertEqual(data, b"\x07" * 4)
        view = memoryview(data)
        m.fill(view[1:3], 9)
        self.assertEqual(data, b"\x07\x09\x09\x07")
        values = array.array("d", [1.0, -2.0, 0.5])
        m.scale(values, 2.5)
        self.assertEqual(values.tolist(), [2.5, -5.0, 1.25])
        ints = array.array("i", [1, -2, lim("i32")[1]])
        m.negate(ints)
        self.assertEqual(ints.tolist(), [-1, 2, -lim("i32")[1]])
        raw = (ctypes.c_int32 * 2)(3, 4)
        m.negate(raw)
        self.assertEqual(list(raw), [-3, -4])
        m.fill(bytearray(), 1)  # empty is fine

    def test_read_only_buffers_are_refused(self):
        for bad in (b"ab", memoryview(b"ab"), memoryview(bytearray(2)).toreadonly()):
            with self.subTest(bad=type(bad).__name__):
                self.assertEqual(error_message(self, TypeError, m.fill, bad, 1),
                                 "fill() argument 'out' must be a writable buffer (bytearray, "
                                 "array.array, writable memoryview), not %s" % type(bad).__name__)

    def test_non_contiguous_writable(self):
        view = memoryview(array.array("i", range(4)))[::2]
        self.assertEqual(error_message(self, ValueError, m.negate, view),
                         "negate() argument 'values' must be a C-contiguous buffer")


class VecResults(StatsTestCase, unittest.TestCase):
    CASES = (
        (lambda: m.iota_bytes(300), bytes(i % 256 for i in range(300))),
        (lambda: m.range(-2, 4), [-2, -1, 0, 1]),
        (lambda: m.range(lim("i32")[1] - 1, 2), [lim("i32")[1] - 1, lim("i32")[1]]),
        (lambda: m.halves(3), [0.0, 0.5, 1.0]),
        (lambda: m.powers(64), [1 << i for i in range(64)]),
    )

    def test_values_types_and_one_free_each(self):
        for call, want in self.CASES:
            with self.subTest(want=want[:4]):
                changes = deltas()
                got = call()
                self.assertEqual(got, want)
                self.assertIs(type(got), type(want))
                for item, want_item in zip(got if isinstance(got, list) else (), want):
                    self.assertIs(type(item), type(want_item))
                self.assertEqual(changes(), {"ALLOCS": 1, "FREES": 1})

    def test_empty_results(self):
        changes = deltas()
        self.assertEqual(m.iota_bytes(0), b"")
        self.assertEqual(m.range(5, 0), [])
        self.assertEqual(m.halves(0), [])
        self.assertEqual(changes(), {})

    def test_null_with_a_length(self):
        self.assertEqual(error_message(self, RuntimeError, m.broken_vec),
                         "broken_vec(): types_broken_vec() returned NULL")


if __name__ == "__main__":
    unittest.main()
