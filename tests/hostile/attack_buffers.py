"""attack_buffers.py: buffer arguments (&[T], &mut [T], and buffers C keeps) attacked
while a call holds them: resized (bytearray.extend, array.append) or released
(memoryview.release) by the __index__/__float__ of a later argument or by a callback;
read-only exports where C writes; non-contiguous, strided and multi-dimensional views;
item formats other than 'B'; zero-length buffers. The export a call holds makes every
resize and release fail with BufferError, so C never reads or writes freed memory."""
import array
import ctypes
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import archive  # noqa: E402
import e2e_native as m  # noqa: E402
import e2e_types as t  # noqa: E402
import kvstore  # noqa: E402
from hostile_support import Index, expect, small_tar  # noqa: E402

RESIZE_BYTEARRAY = "Existing exports of data: object cannot be re-sized"
RESIZE_ARRAY = "cannot resize an array that is exporting buffers"
RELEASE_VIEW = "memoryview has 1 exported buffer"


def attack_later_argument_resizes_the_buffer():
    buf = bytearray(4)
    expect(BufferError, lambda: t.fill(buf, Index(lambda: buf.extend(b"x" * 4096), 7)),
           RESIZE_BYTEARRAY)
    assert buf == bytearray(4)
    values = array.array("i", [1, 2, 3])
    expect(BufferError, lambda: m.fold(values, Index(lambda: values.append(4)),
                                       lambda acc, v: acc + v), RESIZE_ARRAY)
    assert values.tolist() == [1, 2, 3]


def attack_later_argument_releases_the_view():
    view = memoryview(bytearray(4))
    expect(BufferError, lambda: t.fill(view, Index(view.release, 7)), RELEASE_VIEW)
    assert view.tolist() == [0] * 4   # still usable: the release was refused
    view.release()
    expect(ValueError, lambda: t.fill(view, 1), "operation forbidden on released memoryview")


def attack_callback_resizes_or_releases_the_buffer():
    values = array.array("i", [1, 2, 3])
    expect(BufferError, lambda: m.fold(values, 0.0, lambda acc, v: values.append(v) or acc),
           RESIZE_ARRAY)
    view = memoryview(array.array("i", [1, 2, 3]))
    expect(BufferError, lambda: m.fold(view, 0.0, lambda acc, v: view.release() or acc),
           RELEASE_VIEW)
    # writing into it (no resize) is allowed, and C reads what is there at each step
    values = array.array("i", [1, 1, 1])

    def bump(acc, v):
        values[-1] = 10
        return acc + v
    assert m.fold(values, 0.0, bump) == 12.0


def attack_kept_buffer_cannot_be_resized_or_released():
    # archive.Reader keeps the bytes it reads (keep data;) until it is closed or dies.
    data = bytearray(small_tar())
    rd = archive.Reader()
    rd.support_format_all()
    rd.open_memory(data)
    expect(BufferError, lambda: data.extend(b"x"), RESIZE_BYTEARRAY)
    expect(BufferError, lambda: data.clear(), RESIZE_BYTEARRAY)
    assert next(rd).pathname == "a.txt" and rd.read() == b"a.txt" * 3
    rd.close()
    data.extend(b"x")   # released with the reader
    view = memoryview(small_tar())
    rd = archive.Reader()
    rd.support_format_all()
    rd.open_memory(view)
    expect(BufferError, view.release, RELEASE_VIEW)
    assert [e.pathname for e in rd] == ["a.txt", "b.txt", "c.txt"]
    del rd
    view.release()


def attack_read_only_exports_where_c_writes():
    writable = "must be a writable buffer (bytearray, array.array, writable memoryview)"
    for ro in (b"abc", memoryview(bytearray(3)).toreadonly(), memoryview(b"abc")):
        expect(TypeError, lambda: t.fill(ro, 1), "fill() argument 'out' " + writable)
    s = kvstore.KvStore("s")
    s.put("k", b"value")
    expect(TypeError, lambda: s.read_into("k", memoryview(bytearray(8)).toreadonly()), writable)


def attack_non_contiguous_views():
    contiguous = "must be a C-contiguous buffer"
    data = bytes(range(12))
    for view in (memoryview(data)[::2], memoryview(data)[::-1],
                 memoryview(data).cast("B", (3, 4))[::2],
                 memoryview(array.array("i", range(6)))[1::2]):
        target = t.sum_u8 if view.format == "B" else t.sum_i32
        expect(ValueError, lambda: target(view), contiguous)
    expect(ValueError, lambda: t.fill(memoryview(bytearray(8))[::2], 1), contiguous)


def attack_multi_dimensional_views_are_flat():
    data = bytes(range(12))
    assert t.sum_u8(memoryview(data).cast("B", (3, 4))) == sum(data)
    assert t.sum_u8(memoryview(b"a").cast("B", ())) == ord("a")   # zero dimensions
    grid = memoryview(array.array("i", range(6))).cast("B").cast("i", (2, 3))
    assert m.fold(grid, 0.0, lambda acc, v: acc + v) == 15.0
    out = bytearray(6)
    t.fill(memoryview(out).cast("B", (2, 3)), 9)
    assert out == bytearray([9] * 6)


def attack_item_formats():
    items = "must be a buffer of %s items, not of '%s' items"
    assert t.sum_i32(array.array("i", [1, -2])) == -1
    assert t.sum_i32(memoryview(bytes(8)).cast("i")) == 0
    assert t.sum_i32((ctypes.c_int32 * 3)(1, 2, 3)) == 6           # format '<i'
    assert t.sum_u8(memoryview(b"ab").cast("c")) == ord("a") + ord("b")
    assert t.sum_i64(array.array("q", [2**40, 1])) == 2**40 + 1
    expect(TypeError, lambda: t.sum_u8(array.array("i", [1])), items % ("u8", "i"))
    expect(TypeError, lambda: t.sum_i32(array.array("I", [1])), items % ("i32", "I"))
    expect(TypeError, lambda: t.sum_f64(array.array("f", [1])), items % ("f64", "f"))
    expect(TypeError, lambda: t.sum_i32((ctypes.c_int32.__ctype_be__ * 2)(1, 2)),
           items % ("i32", ">i"))
    expect(TypeError, lambda: t.sum_u8(ctypes.c_int(5)), items % ("u8", "<i"))
    expect(TypeError, lambda: t.sum_u8([1, 2]), "must be a buffer of u8 items, not list")


def attack_sequences_as_arrays():
    # A read-only array of numbers other than bytes also takes a sequence, copied first.
    assert t.sum_i32([1, 2]) == 3
    assert t.sum_i32((1, 2, 3)) == 6
    assert t.sum_i32([]) == 0
    expect(TypeError, lambda: t.sum_i32([1, "2"]), "[1]' must be int, not str")
    expect(OverflowError, lambda: t.sum_i32([2**31]), "[0]' is out of range for i32")
    expect(TypeError, lambda: t.sum_i32("12"), "must be a sequence of ints or a buffer, not str")
    expect(TypeError, lambda: t.sum_i32(5), "must be a sequence of ints or a buffer, not int")

    # __index__ that empties the list it is read from: the copy is what gets converted.
    victim = []

    class Shrink:
        def __index__(self):
            victim.clear()
            return 1
    victim.extend([Shrink(), Shrink(), 3])
    assert t.sum_i32(victim) == 5

    class Boom:
        def __index__(self):
            raise KeyError("boom")
    expect(KeyError, lambda: t.sum_i32([1, Boom()]), "boom")

    class Liar(list):
        def __len__(self):
            return 10**9
    assert t.sum_i32(Liar([1, 2])) == 3
    values = array.array("d", [1.0, 2.0])
    t.scale(values, 3.0)
    assert values.tolist() == [3.0, 6.0]


def attack_zero_length_buffers():
    assert t.sum_u8(b"") == 0 and t.sum_f64(array.array("d")) == 0.0
    t.fill(bytearray(), 3)
    t.negate(memoryview(array.array("i")))
    assert m.fold(array.array("i"), 1.5, lambda acc, v: 1 / 0) == 1.5   # never called
    s = kvstore.KvStore("s")
    s.put("empty", b"")
    assert (s.get("empty"), s.size("empty"), s.read_into("empty", bytearray())) == (b"", 0, 0)
    s.put("k", b"abc")
    e = expect(kvstore.KvError, lambda: s.read_into("k", bytearray()), "too small")
    assert e.code == kvstore.KvStatus.ESPACE
