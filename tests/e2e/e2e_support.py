"""e2e_support.py: helpers shared by the end-to-end unittest files in tests/e2e.

The ctest registration (tests/e2e/CMakeLists.txt) puts the built modules on PYTHONPATH and
names them in CBPY_E2E_MODULES; the example's simple.py is CBPY_E2E_SIMPLE_PY.
"""
import gc
import mmap
import os
import struct
import sys
import threading
import tracemalloc
import unittest

MODULES = [m for m in os.environ.get("CBPY_E2E_MODULES", "").split(",") if m]
SIMPLE_PY = os.environ.get("CBPY_E2E_SIMPLE_PY", "")


def _int_range(bits, signed):
    return (-(1 << (bits - 1)), (1 << (bits - 1)) - 1) if signed else (0, (1 << bits) - 1)


# Glue integer type -> (min, max), as the C types have them on this machine.
INT_LIMITS = {
    "i8": _int_range(8, True),
    "i16": _int_range(16, True),
    "i32": _int_range(32, True),
    "i64": _int_range(64, True),
    "u8": _int_range(8, False),
    "u16": _int_range(16, False),
    "u32": _int_range(32, False),
    "u64": _int_range(64, False),
    "isize": _int_range(8 * struct.calcsize("n"), True),
    "usize": _int_range(8 * struct.calcsize("N"), False),
}


def error_message(test, exc_type, fn, *args, **kwargs):
    """Call fn, assert it raises exactly exc_type (not a subclass), return the message."""
    with test.assertRaises(exc_type) as caught:
        fn(*args, **kwargs)
    test.assertIs(type(caught.exception), exc_type)
    return str(caught.exception)


def arity_message(func, expected, given):
    """The TypeError for a wrong argument count, in CPython's own wording, which METH_O
    wrappers get from CPython and the runtime matches: "Foo.set_field() takes exactly one
    argument (0 given)", "Foo.sum3() takes exactly 3 arguments (1 given)"."""
    count = "one argument" if expected == 1 else "%d arguments" % expected
    return "%s() takes exactly %s (%d given)" % (func, count, given)


def cpython_name(qualname):
    """The name CPython's own argument errors give a METH_NOARGS or METH_O function or method
    ("Counter.get() takes no arguments (1 given)"): its qualified name since 3.9, the bare
    one before ("get() takes no arguments (1 given)" on 3.8). The runtime's errors always
    qualify it."""
    return qualname if sys.version_info >= (3, 9) else qualname.rpartition(".")[2]


def random_bytes(rng, n):
    """rng.randbytes(n), which is new in 3.9, computed as 3.9 defines it: the same bytes."""
    return rng.getrandbits(8 * n).to_bytes(n, "little")


# A per-call leak over LEAK_CALLS calls shows up as at least LEAK_CALLS objects or bytes;
# the bounds leave room for interpreter caches and nothing else.
LEAK_CALLS = 100000
LEAK_MAX_GC_OBJECTS = 50
LEAK_MAX_BYTES = 128 * 1024


def _snapshot(tracked):
    gc.collect()
    return ([sys.getrefcount(obj) for obj in tracked], len(gc.get_objects()),
            tracemalloc.get_traced_memory()[0])


def assert_no_leaks(test, call, tracked, calls=LEAK_CALLS):
    """Run call() `calls` times; the reference counts of the `tracked` objects must not change,
    and neither the number of GC-tracked objects nor traced memory may grow."""
    started = not tracemalloc.is_tracing()
    if started:
        tracemalloc.start()
    try:
        for _ in range(1000):
            call()
        refs_before, objects_before, bytes_before = _snapshot(tracked)
        for _ in range(calls):
            call()
        refs_after, objects_after, bytes_after = _snapshot(tracked)
    finally:
        if started:
            tracemalloc.stop()
    for obj, before, after in zip(tracked, refs_before, refs_after):
        test.assertEqual(after, before, "reference count of %r changed" % (obj,))
    test.assertLessEqual(objects_after - objects_before, LEAK_MAX_GC_OBJECTS,
                         "GC-tracked objects grew")
    test.assertLessEqual(bytes_after - bytes_before, LEAK_MAX_BYTES, "traced memory grew")


def raising(exc_type, call, *args, **kwargs):
    """A leak workload: call(*args, **kwargs), which must raise exc_type (or a subclass)."""
    def run():
        try:
            call(*args, **kwargs)
        except exc_type:
            return
        raise AssertionError("%r did not raise %s" % (call, exc_type.__name__))
    return run


class CounterDeltas:
    """Changes of a C library's counters since creation: read() returns {name: count};
    calling the object collects garbage first and returns {name: change} for the counters
    that changed, so `assertEqual(deltas(), {"ALLOCS": 1, "FREES": 1})` also says that
    nothing else moved."""

    def __init__(self, read):
        self.read = read
        gc.collect()
        self.start = read()

    def __call__(self):
        gc.collect()
        now = self.read()
        return {name: now[name] - self.start[name] for name in now
                if now[name] != self.start[name]}


def is_abi3(module):
    """Whether module is a stable-ABI build (<name>.abi3.so: the e2e.abi3 build of the
    version matrix, made with CPython 3.10's Limited API)."""
    return module.__file__.endswith(".abi3.so")


def copies_buffers(module):
    """Whether module passes buffers other than bytes and bytearray to C as copies: an abi3
    build running on CPython 3.10, whose stable ABI has no buffer protocol (on 3.11+ it
    uses the running CPython's; docs/building.md, Stable ABI)."""
    return is_abi3(module) and sys.version_info < (3, 11)


# Why a test of a huge buffer's length check cannot run where buffers are copied.
COPIES = ("abi3 on CPython 3.10: without a buffer protocol in its stable ABI, a memoryview is "
          "copied before its length is checked (docs/building.md, Stable ABI): the check's "
          "result is the same, but only after copying the whole untouched mapping")


def unless_copied(module, reason):
    """Skips the test, with the reason, where module copies buffers (copies_buffers)."""
    return unittest.skipIf(copies_buffers(module), reason)


def huge_view(test, size):
    """A memoryview of `size` bytes backed by an untouched anonymous mapping (so no memory is
    used), released at the end of the test; skips the test where the mapping is refused."""
    try:
        big = mmap.mmap(-1, size)
    except (OSError, OverflowError, ValueError, MemoryError):
        test.skipTest("no %d-byte mapping on this machine" % size)
    test.addCleanup(big.close)
    view = memoryview(big)
    test.addCleanup(view.release)
    return view


def round_trips_in_threads(test, compress, decompress, inputs, expected):
    """Runs compress and decompress on inputs[k] in thread k, three times each, all at once
    (the calls release the GIL): every thread must get expected[k] and its input back."""
    results, errors = [None] * len(inputs), []

    def work(k):
        try:
            for _ in range(3):
                packed = compress(inputs[k])
                test.assertEqual(packed, expected[k])
                test.assertEqual(decompress(packed), inputs[k])
            results[k] = True
        except BaseException as e:  # reported by the main thread
            errors.append(e)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(len(inputs))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    test.assertEqual(errors, [])
    test.assertEqual(results, [True] * len(inputs))


# Under AddressSanitizer (the sanitized suite preloads it) the address space and RSS say
# nothing about the library's memory, an address-space limit aborts the process, and every
# allocation is slow: tests skip those checks and shorten their loops.
SANITIZED = "libasan" in os.environ.get("LD_PRELOAD", "")


def vm_bytes():
    """The process's address space (what a leaked mapping or heap block keeps)."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
