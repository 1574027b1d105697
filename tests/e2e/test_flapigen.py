"""test_flapigen.py: glue written as flapigen writes it (tests/e2e/flapigen.in, the module
e2e_flapigen) behaves as flapigen's forms mean in cbindgen-py: slices and Vecs from
buffers or sequences, slice and Vec results, tuples, Option<number>, &i32, Result with an
error text, Box/Arc/Rc classes (ownership checked through the C library's live counts),
the derives and to_string giving copy, ==, hash, str and repr, enums, visibility and
flapigen's other spellings."""
import array
import copy
import ctypes
import gc
import sys
import unittest

import e2e_flapigen as m
from e2e_support import SANITIZED, assert_no_leaks, error_message

F = m.Forms


class Live:
    """Changes of the C library's live-object counts since creation."""

    def __init__(self):
        gc.collect()
        self.start = self.read()

    @staticmethod
    def read():
        return (m.live_shared(), m.live_locked(), m.live_boxed())

    def __call__(self):
        gc.collect()
        return tuple(now - then for now, then in zip(self.read(), self.start))


class SliceAndVecParameters(unittest.TestCase):
    def test_bytes_slices_are_buffers_only(self):
        self.assertEqual(F.sum_bytes(b"\x01\x02\xff"), 258)
        self.assertEqual(F.sum_bytes(bytearray(b"\x05")), 5)
        self.assertEqual(F.sum_bytes(memoryview(b"")), 0)
        self.assertEqual(F.sum_i8(array.array("b", [-3, 1])), -2)
        for bad in ([1, 2], (1,), range(3)):
            with self.subTest(bad=bad):
                self.assertRaises(TypeError, F.sum_bytes, bad)
                self.assertRaises(TypeError, F.sum_i8, bad)

    def test_number_slices_take_sequences_and_buffers(self):
        self.assertEqual(F.sum_i32([1, 2, 3]), 6)
        self.assertEqual(F.sum_i32((4, -5)), -1)
        self.assertEqual(F.sum_i32(range(5)), 10)
        self.assertEqual(F.sum_i32([]), 0)
        self.assertEqual(F.sum_i32([2**31 - 1, -2**31]), -1)
        self.assertEqual(F.sum_i32(array.array("i", [7, 8])), 15)

    def test_vec_parameters_take_sequences_and_buffers(self):
        self.assertEqual(F.mean([1.0, 2.0, 4.5]), 2.5)
        self.assertEqual(F.mean((1, 2)), 1.5)
        self.assertEqual(F.mean(array.array("d", [3.0, 5.0])), 4.0)
        self.assertEqual(F.mean([]), 0.0)
        self.assertEqual(F.sum_u16([1, 65535]), 65536)
        self.assertEqual(F.sum_u16(array.array("H", [2, 3])), 5)

    def test_bad_items_are_named(self):
        msg = error_message(self, TypeError, F.sum_i32, [1, "x", 3])
        self.assertIn("argument 'v[1]' must be int, not str", msg)
        msg = error_message(self, OverflowError, F.sum_i32, [1, 2, 2**31])
        self.assertIn("'v[2]' is out of range for i32", msg)
        msg = error_message(self, OverflowError, F.sum_u16, (-1,))
        self.assertIn("'v[0]' is out of range for u16", msg)
        msg = error_message(self, TypeError, F.mean, [1.0, "y"])
        self.assertIn("'v[1]'", msg)
        self.assertIn("str", msg)

    def test_non_sequences_are_refused(self):
        msg = error_message(self, TypeError, F.sum_i32, 5)
        self.assertIn("must be a sequence of ints or a buffer, not int", msg)
        self.assertRaises(TypeError, F.sum_i32, "123")
        self.assertRaises(TypeError, F.sum_i32, b"123")
        self.assertRaises(TypeError, F.sum_i32, (i for i in range(3)))
        self.assertRaises(TypeError, F.sum_i32, None)
        self.assertRaises(TypeError, F.mean, "1.0")
        self.assertRaises(TypeError, F.mean, 1.0)

    def test_value_class_slices(self):
        pts = [m.Point(1, 2), m.Point(3, 4)]
        self.assertEqual(F.points_sum(pts), 406)
        self.assertEqual(F.points_sum(tuple(pts)), 406)
        self.assertEqual(F.points_sum([]), 0)
        self.assertEqual(F.points_count([m.Point(1, 0), m.Point(-1, 0), m.Point(2, 0)]), 2003)
        # C got copies: the objects are unchanged and still usable.
        self.assertEqual((pts[0].x(), pts[1].y()), (1, 4))
        msg = error_message(self, TypeError, F.points_sum, [m.Point(1, 2), 5])
        self.assertIn("'pts[1]'", msg)
        msg = error_message(self, TypeError, F.points_count, [m.Point(1, 2), m.Shared(1)])
        self.assertIn("'pts[1]'", msg)
        self.assertRaises(TypeError, F.points_sum, m.Point(1, 2))

    def test_pointer_class_slices(self):
        live = Live()
        objs = [m.Shared(1), m.Shared(0), m.Shared(40)]
        self.assertEqual(F.shared_total(objs), 41)
        self.assertEqual(F.shared_total(tuple(objs[:1])), 1)
        self.assertEqual(F.shared_total([]), 0)
        self.assertEqual(F.shared_count(objs), 2003)
        # Borrowed: every object is still alive and usable.
        self.assertEqual([o.get() for o in objs], [1, 0, 40])
        self.assertEqual(live(), (3, 0, 0))
        msg = error_message(self, TypeError, F.shared_total, [objs[0], m.Point(1, 2)])
        self.assertIn("'objs[1]'", msg)
        msg = error_message(self, TypeError, F.shared_count, [objs[0], None])
        self.assertIn("'objs[1]'", msg)
        del objs
        self.assertEqual(live(), (0, 0, 0))


class SliceAndVecResults(unittest.TestCase):
    def test_borrowed_slices(self):
        self.assertEqual(F.table(3), [10, 20, 30])
        self.assertEqual(F.table(9), [10, 20, 30, 40, 50])
        self.assertEqual(F.table(0), [])
        self.assertIs(type(F.table(1)), list)
        self.assertEqual(F.magic(), b"CB\x00\xff")
        self.assertIs(type(F.magic()), bytes)

    def test_owned_vecs(self):
        self.assertEqual(F.squares(4), [0, 1, 4, 9])
        self.assertEqual(F.squares(0), [])
        self.assertIs(type(F.squares(2)), list)


class TupleOptionAndReferences(unittest.TestCase):
    def test_tuple_results(self):
        self.assertEqual(F.describe(5), (10, "n=5", 1.25))
        self.assertEqual(F.describe(-2), (-4, "n=-2", -0.5))
        self.assertIs(type(F.describe(0)), tuple)

    def test_option_number_parameters(self):
        self.assertEqual(F.opt_double(4), 8)
        self.assertEqual(F.opt_double(None), -1)
        self.assertEqual(F.opt_double(-3), -6)
        self.assertEqual(F.opt_flag(True), 1)
        self.assertEqual(F.opt_flag(False), 0)
        self.assertEqual(F.opt_flag(None), -1)
        self.assertRaises(TypeError, F.opt_double, "4")
        self.assertRaises(OverflowError, F.opt_double, 2**40)

    def test_option_number_results(self):
        self.assertEqual(F.half(7, False), 3)
        self.assertIsNone(F.half(7, True))
        self.assertEqual(F.half(8, True), 4)
        self.assertEqual(F.opt_sqrt(9.0), 3.0)
        self.assertIsNone(F.opt_sqrt(-1.0))

    def test_reference_parameters(self):
        self.assertEqual(F.deref(4), 5)
        self.assertEqual(F.deref(-1), 0)
        self.assertEqual(F.deref_f64(1.5), 3.0)
        self.assertRaises(TypeError, F.deref, None)
        self.assertRaises(TypeError, F.deref, "4")

    def test_reference_results(self):
        self.assertEqual([F.lookup(i) for i in range(3)], [7, 8, 9])
        msg = error_message(self, RuntimeError, F.lookup, 3)
        self.assertIn("Forms_lookup() returned NULL", msg)
        self.assertEqual(F.find(2), 9)
        self.assertIsNone(F.find(3))


class ResultWithErrorText(unittest.TestCase):
    def test_error_class(self):
        self.assertTrue(issubclass(m.Error, Exception))

    def test_string_error(self):
        self.assertEqual(F.parse("42"), 42)
        self.assertEqual(F.parse("-7"), -7)
        self.assertEqual(error_message(self, m.Error, F.parse, "4x"), "not a number: '4x'")

    def test_unit_result_with_a_named_error(self):
        self.assertIsNone(F.check(3))
        self.assertEqual(error_message(self, m.Error, F.check, -2), "negative: -2")

    def test_borrowed_error_text(self):
        self.assertEqual(F.name_of(1), "one")
        self.assertEqual(F.name_of(0), "zero")
        self.assertEqual(error_message(self, m.Error, F.name_of, 5), "no name for that")

    def test_vec_result_with_error(self):
        self.assertEqual(F.range_to(3), [0, 1, 2])
        self.assertEqual(F.range_to(0), [])
        self.assertEqual(error_message(self, m.Error, F.range_to, -1), "bad length -1")

    def test_method_result(self):
        lk = m.Locked()
        lk.add(15)
        self.assertEqual(lk.take(5), 10)
        self.assertEqual(error_message(self, m.Error, lk.take, -1), "cannot take -1 (total 10)")
        self.assertEqual(lk.total(), 10)

    def test_no_leaks(self):
        assert_no_leaks(self, lambda: (F.parse("1"), F.describe(3), F.squares(3),
                                       F.sum_i32([1, 2]), F.half(3, True)), [m, F],
                        calls=20000)
        for call in (lambda: F.parse("z"), lambda: F.check(-1), lambda: F.name_of(9)):
            def failing(call=call):
                try:
                    call()
                except m.Error:
                    return
                raise AssertionError("did not raise")
            assert_no_leaks(self, failing, [m, F, m.Error], calls=20000)


class _MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in
                "arena ordblks smblks hblks hblkhd usmblks fsmblks uordblks fordblks "
                "keepcost".split()]


def c_heap_in_use():
    """Bytes of the C heap in use (glibc's mallinfo2), or None where it is not available."""
    try:
        mallinfo2 = ctypes.CDLL(None).mallinfo2
    except (OSError, AttributeError):
        return None
    mallinfo2.restype = _MallInfo2
    return mallinfo2().uordblks


class CHeapIsReleased(unittest.TestCase):
    """What C hands over with malloc (error texts, String and Vec results, tuple String
    parts, moved Boxes) is freed: 50000 calls must not grow the C heap by a block each."""

    CALLS = 50000

    def check(self, call):
        if SANITIZED or c_heap_in_use() is None:
            self.skipTest("no glibc mallinfo2, or under AddressSanitizer")
        for _ in range(1000):
            call()
        gc.collect()
        before = c_heap_in_use()
        for _ in range(self.CALLS):
            call()
        gc.collect()
        self.assertLess(c_heap_in_use() - before, self.CALLS * 8)

    def test_error_texts(self):
        def fail(call, *args):
            def run():
                try:
                    call(*args)
                except m.Error:
                    return
                raise AssertionError("did not raise")
            return run
        lk = m.Locked()
        for run in (fail(F.parse, "zz"), fail(F.check, -1), fail(F.name_of, 7),
                    fail(F.range_to, -1), fail(lk.take, -1)):
            with self.subTest(run=run):
                self.check(run)

    def test_owned_results(self):
        p, b = m.Point(1, 2), m.Boxed("t")
        for run in (lambda: F.describe(1), lambda: F.squares(8), lambda: F.range_to(8),
                    lambda: F.name_of(2), lambda: str(p), lambda: b.tag(),
                    lambda: m.Boxed.consume(m.Boxed("x")), lambda: m.Shared(1),
                    lambda: m.Locked(), lambda: F.sum_i32([1, 2, 3]),
                    lambda: F.points_sum([p, p]), lambda: F.opt_double(3)):
            with self.subTest(run=run):
                self.check(run)


class ValueClassDerives(unittest.TestCase):
    def test_methods(self):
        p = m.Point(1, 2)
        self.assertEqual((p.x(), p.y()), (1, 2))
        p.set_x(5)
        self.assertEqual(p.x(), 5)
        self.assertTrue(p.eq(m.Point(5, 2)))
        self.assertEqual(p.hash(), 5002)
        self.assertEqual(p.to_string(), "Point(5, 2)")

    def test_str_and_repr(self):
        p = m.Point(3, -4)
        self.assertEqual(str(p), "Point(3, -4)")
        self.assertEqual(repr(p), "Point(3, -4)")
        self.assertEqual("%s" % [p], "[Point(3, -4)]")

    def test_copy(self):
        p = m.Point(1, 2)
        q = copy.copy(p)
        self.assertIsNot(q, p)
        self.assertIs(type(q), m.Point)
        self.assertEqual((q.x(), q.y()), (1, 2))
        q.set_x(9)
        self.assertEqual((p.x(), q.x()), (1, 9))
        r = p.clone()
        r.set_x(7)
        self.assertEqual((p.x(), r.x()), (1, 7))

    def test_deepcopy(self):
        p = m.Point(1, 2)
        box = {"a": [p, p]}
        deep = copy.deepcopy(box)
        self.assertIsNot(deep["a"][0], p)
        self.assertEqual(deep["a"][0], p)
        deep["a"][0].set_x(5)
        self.assertEqual(p.x(), 1)
        self.assertEqual(copy.deepcopy(m.Shared.from_rc(4)).get(), 4)

    def test_eq(self):
        self.assertTrue(m.Point(1, 2) == m.Point(1, 2))
        self.assertFalse(m.Point(1, 2) == m.Point(1, 3))
        self.assertTrue(m.Point(1, 2) != m.Point(2, 2))
        self.assertFalse(m.Point(1, 2) != m.Point(1, 2))
        self.assertFalse(m.Point(1, 2) == 5)
        self.assertTrue(m.Point(1, 2) != "Point(1, 2)")

    def test_hash(self):
        self.assertEqual(hash(m.Point(1, 2)), hash(1002))
        self.assertEqual(hash(m.Point(1, 2)), hash(m.Point(1, 2)))
        self.assertEqual(len({m.Point(1, 2), m.Point(1, 2), m.Point(2, 1)}), 2)
        self.assertEqual({m.Point(4, 4): "a"}[m.Point(4, 4)], "a")


class SmartPointerClasses(unittest.TestCase):
    def test_arc_class(self):
        live = Live()
        s = m.Shared(5)
        self.assertEqual(live(), (1, 0, 0))
        self.assertEqual(s.get(), 5)
        self.assertEqual(str(s), "Shared(5)")
        self.assertEqual(repr(s), "Shared(5)")
        # Arc, &Arc and Rc parameters borrow: the object stays valid and owned by Python.
        self.assertEqual(m.Shared.peek(s), 5)
        self.assertEqual(m.Shared.peek_ref(s), 6)
        self.assertEqual(m.Shared.peek_rc(s), 7)
        self.assertEqual(m.Shared.sum(s, s), 10)
        self.assertEqual(s.get(), 5)
        self.assertEqual(live(), (1, 0, 0))
        self.assertRaises(TypeError, m.Shared.peek, m.Point(1, 1))
        self.assertRaises(TypeError, m.Shared.peek, None)
        del s
        self.assertEqual(live(), (0, 0, 0))

    def test_rc_result_and_clone(self):
        live = Live()
        r = m.Shared.from_rc(3)
        self.assertIs(type(r), m.Shared)
        self.assertEqual(r.get(), 3)
        c = copy.copy(r)
        self.assertIs(type(c), m.Shared)
        self.assertIsNot(c, r)
        self.assertEqual(c.get(), 3)
        k = r.clone()
        self.assertEqual(k.get(), 3)
        self.assertEqual(live(), (3, 0, 0))
        del r, c, k
        self.assertEqual(live(), (0, 0, 0))

    def test_arc_mutex_class(self):
        live = Live()
        lk = m.Locked()
        self.assertEqual(live(), (0, 1, 0))
        lk.add(3)
        self.assertEqual(lk.total(), 3)
        m.Locked.bump(lk, 2)
        self.assertEqual(lk.total(), 5)
        m.Locked.bump_rc(lk, 1)
        self.assertEqual(lk.total(), 15)
        m.Locked.bump_cell(lk, 1)
        self.assertEqual(lk.total(), 115)
        self.assertEqual(lk.method(), -115)
        self.assertEqual(lk.digits(), b"115")
        self.assertRaises(TypeError, m.Locked.bump, m.Shared(1), 1)
        del lk
        self.assertEqual(live(), (0, 0, 0))

    def test_box_class_moves(self):
        live = Live()
        b = m.Boxed("a")
        t = b.twin()
        self.assertIs(type(t), m.Boxed)
        self.assertEqual((b.tag(), t.tag()), ("a", "a2"))
        self.assertEqual(live(), (0, 0, 2))
        self.assertEqual(m.Boxed.consume(b), "a consumed")
        self.assertEqual(live(), (0, 0, 1))  # C deleted it
        self.assertRaises(ValueError, b.tag)
        self.assertRaises(ValueError, m.Boxed.consume, b)
        self.assertRaises(ValueError, b.twin)
        del b
        self.assertEqual(live(), (0, 0, 1))  # not deleted twice
        self.assertEqual(t.tag(), "a2")
        del t
        self.assertEqual(live(), (0, 0, 0))

    def test_derive_without_its_method_is_ignored(self):
        # #[derive(PartialEq)] on Boxed, which declares no eq: identity comparison.
        a, b = m.Boxed("x"), m.Boxed("x")
        self.assertFalse(a == b)
        self.assertTrue(a == a)


class EnumsVisibilityAndSpellings(unittest.TestCase):
    def test_enum(self):
        self.assertEqual((m.Color.Red, m.Color.Green, m.Color.Blue), (0, 1, 2))
        self.assertEqual(F.next_color(m.Color.Red), m.Color.Green)
        self.assertEqual(F.next_color(m.Color.Blue), m.Color.Red)
        self.assertEqual(F.next_color(1), m.Color.Blue)
        self.assertRaises(ValueError, F.next_color, 7)

    def test_static_only_class(self):
        msg = error_message(self, TypeError, F)
        self.assertIn("cannot create 'e2e_flapigen.Forms' instances", msg)
        self.assertEqual(F.unsafe_add(2, 3), 5)
        self.assertEqual(F.static_neg(4), -4)

    def test_private_and_protected(self):
        self.assertFalse(hasattr(F, "hidden"))
        self.assertFalse(hasattr(F, "_hidden"))
        self.assertFalse(hasattr(F, "internal"))
        self.assertEqual(F._internal(), 12)

    def test_docs(self):
        self.assertIn("A point on the plane, held by value.", m.Point.__doc__)
        self.assertIn("A total behind a mutex.", m.Locked.__doc__)
        self.assertIn("Takes n from the total", m.Locked.take.__doc__)
        self.assertIn("A primary color.", m.Color.__doc__)
        self.assertIn("How many Shared objects", m.live_shared.__doc__)


class MessagesAndDocstrings(unittest.TestCase):
    """What errors and docstrings call the array forms; each test names its glue line."""

    def test_vec_buffer_of_wrong_items_names_the_item_type(self):
        # fn Forms::mean(v: Vec<f64>) -> f64;  fn Forms::sum_u16(v: Vec<u16>) -> u32;
        # As for `&[i32]` ("a buffer of i32 items"), the message names the item type, not
        # the Vec.
        msg = error_message(self, TypeError, F.mean, array.array("f", [1.5]))
        self.assertIn("must be a buffer of f64 items, not of 'f' items", msg)
        msg = error_message(self, TypeError, F.sum_u16, array.array("i", [1]))
        self.assertIn("must be a buffer of u16 items, not of 'i' items", msg)

    def test_slice_result_docstring_says_list(self):
        # fn Forms::table(n: u32) -> &[i32];  Python gets a list, as the docstring says.
        self.assertEqual(F.table.__doc__, "table(n: int) -> list[int]")
        self.assertEqual(F.squares.__doc__, "squares(n: int) -> list[int]")


class TextAndObjectArrays(unittest.TestCase):
    """Vec<String>/&[&str] parameters; Vec<String>, Vec<&str>, Vec<Class> results."""

    def test_text_parameters(self):
        self.assertEqual(F.join(["a", "bc", "d"], "-"), "a-bc-d")
        self.assertEqual(F.join(("x",), ","), "x")
        self.assertEqual(F.join([], ","), "")
        self.assertEqual(F.count_chars(["ab", "cde"]), 5)
        msg = error_message(self, TypeError, F.join, ["a", 1], ",")
        self.assertIn("'words[1]' must be str, not int", msg)
        msg = error_message(self, ValueError, F.count_chars, ["a\0b"])
        self.assertIn("'words[0]'", msg)
        msg = error_message(self, TypeError, F.join, "abc", ",")
        self.assertIn("must be a sequence of str, not str", msg)

    def test_text_results(self):
        self.assertEqual(F.split("to be  or"), ["to", "be", "or"])
        self.assertEqual(F.split(""), [])
        self.assertEqual(F.names(), ["red", "green", "blue"])
        self.assertEqual(F.split.__doc__.splitlines()[-1], "split(text: str) -> list[str]")

    def test_borrowed_arrays(self):
        pts = F.point_table()
        self.assertEqual([(p.x(), p.y()) for p in pts], [(1, 2), (3, 4)])
        pts[0].set_x(9)  # a copy: the table is C's
        self.assertEqual(F.point_table()[0].x(), 1)
        self.assertEqual(F.color_names(), ["red", "green"])

    def test_object_results(self):
        pts = F.points(3)
        self.assertEqual([(p.x(), p.y()) for p in pts], [(0, 0), (1, -1), (2, -2)])
        live = Live()
        objs = F.shareds(4)
        self.assertEqual([o.get() for o in objs], [0, 1, 2, 3])
        self.assertEqual(live(), (4, 0, 0))
        del objs
        self.assertEqual(live(), (0, 0, 0))


class FlapigenPythonSwitch(unittest.TestCase):
    """#![flapigen_python] (e2e_flapigen_switch): flapigen's conventions where ours differ."""

    def setUp(self):
        import e2e_flapigen_switch
        self.s = e2e_flapigen_switch

    def test_byte_arrays_are_lists(self):
        self.assertEqual(self.s.Forms.sum_bytes([1, 2, 3]), 6)
        self.assertEqual(self.s.Forms.sum_bytes(b"\x01\x02"), 3)
        self.assertEqual(self.s.Forms.magic(), [67, 66, 0, 255])
        self.assertEqual(m.Forms.magic(), b"CB\x00\xff")
        msg = error_message(self, OverflowError, self.s.Forms.sum_bytes, [256])
        self.assertIn("'b[0]' is out of range for u8", msg)

    def test_to_string_is_only_repr(self):
        obj = self.s.Shared(3)
        self.assertFalse(hasattr(obj, "to_string"))
        self.assertEqual(repr(obj), "Shared(3)")
        self.assertEqual(str(obj), "Shared(3)")
        self.assertTrue(hasattr(m.Shared(1), "to_string"))

    def test_error_class_always(self):
        self.assertTrue(issubclass(self.s.Error, Exception))


class TupleParameters(unittest.TestCase):
    """(A, B) parameters: a sequence of that length; C gets each member."""

    def test_members(self):
        self.assertEqual(F.dist2((3, 4)), 25)
        self.assertEqual(F.dist2([1, 2]), 5)
        self.assertEqual(F.label(("ab", 7)), "ab#7")
        self.assertIn("dist2(p: tuple[int, int]) -> int", F.dist2.__doc__)

    def test_wrong_sequences(self):
        self.assertIn("tuple of 2 items", error_message(self, TypeError, F.dist2, (1, 2, 3)))
        msg = error_message(self, TypeError, F.dist2, (1, "2"))
        self.assertIn("must be int, not str", msg)
        msg = error_message(self, OverflowError, F.label, ("x", 300))
        self.assertIn("out of range for u8", msg)
        error_message(self, TypeError, F.dist2, 5)


class OptionOfValues(unittest.TestCase):
    """Option<Point> of a value class: a pointer in (None: NULL), a flag and the struct out."""

    def test_result(self):
        p = F.maybe_point(3)
        self.assertEqual((p.x(), p.y()), (3, 3))
        self.assertIsNone(F.maybe_point(0))
        self.assertTrue(F.maybe_point.__doc__.endswith("-> Point | None"))

    def test_parameter(self):
        self.assertEqual(F.point_or_origin(m.Point(2, 5)), 7)
        self.assertEqual(F.point_or_origin(None), -1)
        msg = error_message(self, TypeError, F.point_or_origin, 3)
        self.assertIn("argument 'p' must be", msg)


class Overloads(unittest.TestCase):
    """Several constructors, or one alias for several functions: the first overload whose
    arity and argument types fit is called."""

    def test_constructors(self):
        self.assertEqual(m.Over().get(), 0)
        self.assertEqual(m.Over(7).get(), 7)
        self.assertEqual(m.Over("abc").get(), 3)
        self.assertFalse(hasattr(m.Over, "from_float"))

    def test_methods_by_type_and_arity(self):
        o = m.Over(1)
        o.add(2)
        o.add("xy")
        o.add(m.Over(3))
        o.add(4, 5)
        self.assertEqual(o.get(), 1 + 2 + 200 + 3000 + 20)
        self.assertEqual(m.Over.make(4).get(), 40)
        self.assertEqual(m.Over.make(4, 5).get(), 20)
        self.assertEqual(m.Over.make(4, None).get(), -4)
        self.assertEqual(m.Over.make(a=2, b=3).get(), 6)

    def test_no_overload_fits(self):
        msg = error_message(self, TypeError, m.Over, 1.5)
        self.assertIn("Over(): no overload takes (float); the overloads are: Over() -> Over; "
                      "Over(v: int) -> Over; Over(s: str) -> Over", msg)
        msg = error_message(self, TypeError, m.Over().add, [1])
        self.assertIn("Over.add(): no overload takes (list)", msg)
        # An overload that fits by type still checks its values.
        msg = error_message(self, OverflowError, m.Over, 2**40)
        self.assertIn("out of range for i32", msg)

    def test_docstrings_list_the_overloads(self):
        self.assertIn("add(v: int) -> None\nadd(s: str) -> None", m.Over.add.__doc__)
        self.assertIn("Over(v: int) -> Over", m.Over.__doc__)


class ForeignCode(unittest.TestCase):
    """foreign_code "...": Python run into the class, or the module, at import."""

    def test_class_code_adds_methods_and_attributes(self):
        p = m.Point(3, -4)
        self.assertEqual(p.norm1(), 7)
        self.assertEqual(p.mirrored(), m.Point(-4, 3))
        self.assertEqual(m.Point.ORIGIN_NAME, "origin")

    def test_module_code_sees_the_module(self):
        self.assertEqual(m.total_live(), m.live_shared() + m.live_locked() + m.live_boxed())

    def test_tracebacks_name_the_glue_line(self):
        import traceback
        try:
            m.Point.mirrored(None)
        except AttributeError as e:
            frame = traceback.extract_tb(e.__traceback__)[-1]
        self.assertTrue(frame.filename.endswith("flapigen.in"), frame.filename)
        with open(frame.filename) as glue:
            self.assertIn("return Point(self.y(), self.x())",
                          glue.read().splitlines()[frame.lineno - 1])


class Callbacks(unittest.TestCase):
    """foreign_callback!: any object with the methods, lent (&dyn) or kept (Box<dyn>)."""

    class Recorder:
        def __init__(self, wanted=lambda code: True):
            self.events, self.labels, self.wanted = [], [], wanted

        def onEvent(self, code, text):
            self.events.append((code, text))

        def onLabel(self, label):
            self.labels.append(label)

        def isWanted(self, code):
            return self.wanted(code)

        def describe(self, code):
            return "code %d" % code

    def test_lent_for_the_call(self):
        bus = m.Bus()
        r = self.Recorder(lambda code: code > 0)
        self.assertTrue(bus.notify(r, 5))
        self.assertFalse(bus.notify(r, -1))
        self.assertEqual(r.events, [(5, "now")])

    def test_text_result(self):
        self.assertEqual(m.Bus().describe(self.Recorder(), 7), "code 7")

        class Wrong(self.Recorder):
            def describe(self, code):
                return code
        msg = error_message(self, TypeError, m.Bus().describe, Wrong(), 1)
        self.assertIn("Observer.describe", msg)

    def test_missing_method_is_a_type_error(self):
        class Half:
            def onEvent(self, code, text):
                pass
        msg = error_message(self, TypeError, m.Bus().notify, Half(), 1)
        self.assertIn("argument 'obs' must have a method 'onLabel'", msg)

    def test_exception_in_a_method_reaches_the_caller(self):
        class Boom(self.Recorder):
            def isWanted(self, code):
                raise KeyError(code)
        with self.assertRaises(KeyError):
            m.Bus().notify(Boom(), 3)

    def test_wrong_result_type(self):
        class Liar(self.Recorder):
            def isWanted(self, code):
                return "yes"
        msg = error_message(self, TypeError, m.Bus().notify, Liar(), 3)
        self.assertIn("Observer.isWanted", msg)

    def test_kept_by_the_object(self):
        bus = m.Bus()
        a, b = self.Recorder(), self.Recorder(lambda code: code % 2 == 0)
        bus.subscribe(a)
        bus.subscribe(b)
        refs = sys.getrefcount(a)
        del a
        gc.collect()
        self.assertEqual(bus.emit(4), 2)
        self.assertEqual(bus.emit(3), 1)
        self.assertEqual(b.events, [(4, "later")])
        self.assertEqual(b.labels, ["emit", "emit"])
        self.assertGreater(refs, 2)

    def test_kept_objects_die_with_their_owner(self):
        bus = m.Bus()
        r = self.Recorder()
        bus.subscribe(r)
        before = sys.getrefcount(r)
        del bus
        gc.collect()
        self.assertEqual(sys.getrefcount(r), before - 1)


if __name__ == "__main__":
    unittest.main()
