"""test_types_leaks.py: no leaks in any kind of e2e_types call. Every workload below (the
successful call and the error paths of strings, buffers, Vec results, enums, each error
convention, and classes copied, moved, borrowed and returned) runs 100,000 times under
e2e_support.assert_no_leaks: the reference counts of its arguments and objects stay put,
and neither GC-tracked objects nor traced memory grow. At the end, with every object gone,
the C library's counters balance: each owned string and Vec freed, each Bag freed, each
Token dropped, exactly once, and no misuse counted."""
import array
import errno
import unittest

import e2e_types as m
from e2e_support import assert_no_leaks, raising
from types_support import assert_balanced, deltas


def text_workloads():
    s, nul, raw = "h\u00e9llo \U0001F40D", "a\0b", b"bytes"
    yield "echo()", lambda: m.echo(s), (s,)
    yield "strlen()", lambda: m.strlen(s), (s,)
    yield "version()", m.version, ()
    yield "concat()", lambda: m.concat(s, s), (s,)
    yield "upper()", lambda: m.upper(s), (s,)
    yield "lookup(None)", lambda: m.lookup(None), (None,)
    yield "lookup() -> None", lambda: m.lookup(s), (s, None)
    yield "maybe_dup()", lambda: (m.maybe_dup(s), m.maybe_dup(None)), (s, None)
    yield "echo() NUL", raising(ValueError, m.echo, nul), (nul,)
    yield "echo() bytes", raising(TypeError, m.echo, raw), (raw,)
    yield "concat() None", raising(TypeError, m.concat, s, None), (s, None)
    yield "null_str()", raising(RuntimeError, m.null_str), ()
    yield "null_string()", raising(RuntimeError, m.null_string), ()
    yield "bad_utf8()", raising(UnicodeDecodeError, m.bad_utf8), ()
    yield "bad_utf8_borrowed()", raising(UnicodeDecodeError, m.bad_utf8_borrowed), ()
    yield "concat() by keyword", lambda: m.concat(b=s, a=s), (s,)
    yield "strlen() unknown keyword", raising(TypeError, m.strlen, bogus=s), (s,)
    yield "concat() keyword twice", raising(TypeError, m.concat, s, a=s), (s,)
    yield "concat() arity", raising(TypeError, m.concat, s), (s,)


def buffer_workloads():
    ints, floats, data = array.array("i", range(8)), array.array("d", [1.0] * 8), bytearray(8)
    ro, view = b"readonly", memoryview(bytes(8))[::2]
    yield "sum_i32()", lambda: m.sum_i32(ints), (ints,)
    yield "sum_u8()", lambda: m.sum_u8(data), (data,)
    yield "sum_f64()", lambda: m.sum_f64(floats), (floats,)
    yield "fill()", lambda: m.fill(data, 1), (data,)
    yield "scale()", lambda: m.scale(floats, 1.0), (floats,)
    yield "negate()", lambda: m.negate(ints), (ints,)
    yield "iota_bytes()", lambda: m.iota_bytes(64), ()
    yield "range()", lambda: m.range(0, 16), ()
    yield "halves(0)", lambda: m.halves(0), ()
    yield "powers()", lambda: m.powers(8), ()
    yield "sum_i32() wrong items", raising(TypeError, m.sum_i32, floats), (floats,)
    yield "sum_u8() strided", raising(ValueError, m.sum_u8, view), (view,)
    yield "fill() read-only", raising(TypeError, m.fill, ro, 1), (ro,)
    yield "sum_u8() non-buffer", raising(TypeError, m.sum_u8, [1]), ()
    yield "fill() bad second argument", raising(OverflowError, m.fill, data, 256), (data,)
    yield "broken_vec()", raising(RuntimeError, m.broken_vec), ()


def enum_workloads():
    red, other = m.Color.RED, m.Perm.READ
    yield "next_color(member)", lambda: m.next_color(red), (red, m.Color)
    yield "next_color(int)", lambda: m.next_color(7), (m.Color,)
    yield "perm_union()", lambda: m.perm_union(m.Perm.READ, 6), (m.Perm,)
    yield "next_color() bad value", raising(ValueError, m.next_color, 5), (m.Color,)
    yield "next_color() other enum", raising(TypeError, m.next_color, other), (other, m.Color)
    yield "perm_bits() stray bits", raising(ValueError, m.perm_bits, 8), (m.Perm,)
    yield "bad_color()", raising(ValueError, m.bad_color), (m.Color,)
    yield "Stats.get()", lambda: m.Stats.get(m.Stat.FREES), (m.Stats,)


def error_workloads():
    yield "parse_int()", lambda: m.parse_int("12"), ()
    yield "parse_int() error", raising(m.ParseError, m.parse_int, "x"), (m.ParseError,)
    yield "check() error", raising(m.ParseError, m.check, 99), (m.ParseError,)
    yield "raw() error", raising(m.RawError, m.raw, 5), (m.RawError,)
    yield "format()", lambda: m.format(1), ()
    yield "format() error", raising(m.ParseError, m.format, -1), ()
    yield "bag_parse()", lambda: m.bag_parse("p:2"), (m.Bag,)
    yield "status_name()", lambda: m.status_name(1), ()
    yield "point_parse()", lambda: m.point_parse("1,2"), (m.Point,)
    yield "point_parse() error", raising(m.ParseError, m.point_parse, "x"), (m.Point,)
    yield "bag_parse() error", raising(m.ParseError, m.bag_parse, "p:0"), (m.Bag,)
    yield "find()", lambda: m.find("answer"), ()
    yield "find() error", raising(m.BagError, m.find, "zz"), (m.BagError,)
    yield "dup_checked()", lambda: m.dup_checked("x"), ()
    yield "dup_checked() error", raising(m.BagError, m.dup_checked, ""), ()
    yield "missing() error", raising(m.MissingError, m.missing, True), (m.MissingError,)
    yield "missing_owned() error", raising(m.MissingError, m.missing_owned, True), ()
    yield "sys_check() error", raising(m.SysError, m.sys_check, errno.ENOENT), (m.SysError,)
    yield "sys_touch() error", raising(m.SysError, m.sys_touch, errno.EIO), ()
    yield "sys_name()", lambda: m.sys_name(0), ()
    yield "sys_name() error", raising(m.SysError, m.sys_name, errno.EACCES), ()
    yield "sys_quiet() error", raising(m.SysError, m.sys_quiet), ()
    yield "sys_count() error", raising(m.SysError, m.sys_count, errno.EIO), ()
    yield "sys_bag() error", raising(m.SysError, m.sys_bag, errno.EIO), (m.Bag,)
    yield "Bag() error", raising(m.BagError, m.Bag, "", 1), (m.Bag,)


def refill(bag):
    """A bag_put() of a new Token, then bag_pop() it back: a move in and out of C."""
    bag.put(m.Token(3))
    return bag.pop().id()


def class_workloads():
    a, b = m.Point(1, 2), m.Point(3, 4)
    bag = m.Bag("leaky", 4)
    bag.push(a)
    bag.put(m.Token(1))
    moved, fresh = m.Token(2), m.Token(6)
    bag.put(moved)
    holder = m.Bag("holder", 2)
    holder.push(b)
    borrow = holder.at(0)
    yield "Point()", lambda: m.Point(1.0, 2.0).x(), ()
    yield "Point.add()", lambda: m.Point.add(a, b), (a, b, m.Point)
    yield "Point.copy_into()", lambda: a.copy_into(borrow), (a, borrow, holder)
    yield "Point.norm2()", lambda: (m.Point.norm2(a), m.Point.norm2(None)), (a, None)
    yield "origin()", lambda: m.origin().x(), (m.Point,)
    yield "Bag() and free", lambda: m.Bag("x", 2).points(), (m.Bag,)
    yield "Bag() by keyword", lambda: m.Bag(capacity=2, name="x"), (m.Bag,)
    yield "Bag.at() borrow", lambda: bag.at(0).x(), (bag, m.Point)
    yield "Bag.get() borrow", lambda: bag.get(0), (bag,)
    yield "Bag.get() error", raising(m.BagError, bag.get, 9), (bag,)
    yield "Bag.first() borrow", lambda: bag.first(), (bag,)
    yield "bag_peek() borrow", lambda: m.bag_peek(bag), (bag,)
    yield "bag_point() borrow", lambda: m.bag_point(0, bag), (bag,)
    yield "bag_drop()", lambda: (m.bag_drop(m.Bag("x", 1)), m.bag_drop(None)), (m.Bag, None)
    yield "Bag.token() borrow", lambda: bag.token(0).id(), (bag, m.Token)
    yield "bag_maybe()", lambda: (m.bag_maybe("m"), m.bag_maybe(None)), (None,)
    yield "Bag.clone()", lambda: bag.clone(), (bag,)
    yield "Bag.describe()", lambda: bag.describe(), (bag,)
    yield "Bag.same()", lambda: m.Bag.same(None, bag), (bag, None)
    yield "Token.into_id()", lambda: m.Token(5).into_id(), (m.Token,)
    yield "Token.wrap() and pop()", lambda: m.Token(5).wrap().pop().id(), (m.Token, m.Bag)
    yield "put() and pop()", lambda: refill(bag), (bag,)
    yield "Bag.merge()", lambda: m.Bag("x", 1).merge(m.Bag("y", 1)), (m.Bag,)
    yield "Bag.into_count()", lambda: m.Bag("x", 1).into_count(), (m.Bag,)
    yield "put_checked() late failure", raising(OverflowError, bag.put_checked, fresh, 2 ** 40), \
        (bag, fresh)
    yield "moved Token", raising(ValueError, moved.id), (moved,)
    yield "moving a borrow", raising(ValueError, lambda: bag.put(bag.token(0))), (bag,)
    yield "moving a lent object", raising(ValueError, bag.merge, holder), (bag, holder, borrow)
    yield "moving self twice", raising(ValueError, bag.merge, bag), (bag,)
    yield "wrong class", raising(TypeError, bag.push, moved), (bag, moved)
    yield "Stats()", raising(TypeError, m.Stats), (m.Stats,)
    yield "Bag.at() NULL", raising(RuntimeError, bag.at, 9), (bag,)


WORKLOADS = (text_workloads, buffer_workloads, enum_workloads, error_workloads,
             class_workloads)


class NoLeaks(unittest.TestCase):
    def test_workloads_and_balanced_counters(self):
        changes = deltas()
        for group in WORKLOADS:
            for name, call, tracked in group():
                with self.subTest(workload=name):
                    assert_no_leaks(self, call, tracked)
        # The workloads' objects are gone with them: everything made was released.
        del name, call, tracked
        assert_balanced(self, changes())


if __name__ == "__main__":
    unittest.main()
