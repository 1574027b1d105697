"""test_stress.py: the bindings under load: a million calls of each kind with flat memory
(tracemalloc and the process's resident set) and unchanged reference counts, and calls
from several Python threads at once, with and without the GIL released, all giving the
right results. Uses the e2e_native and e2e_types modules (tests/e2e/native.in, types.in)."""
import gc
import os
import sys
import threading
import tracemalloc
import unittest

import array

import e2e_native as m
import e2e_types as t

MILLION = 1000000


def rss_kib():
    """The resident set of this process, from /proc (Linux)."""
    with open("/proc/self/statm") as fh:
        pages = int(fh.read().split()[1])
    return pages * (os.sysconf("SC_PAGE_SIZE") // 1024)


class MillionCalls(unittest.TestCase):
    """Each workload runs a million times; a leak of even a few bytes a call would show as
    megabytes here."""

    WORKLOADS = (
        ("keywords and defaults", lambda v, p: m.mix(1, b=2)),
        ("value class method", lambda v, p: v.dist(p)),
        ("special method", lambda v, p: v + p),
        ("property", lambda v, p: v.length),
        ("typemap round trip", lambda v, p: m.mid((1.0, 2.0), (3.0, 4.0))),
        ("error path", lambda v, p: _swallow(m.neg, "x")),
        ("owned string result", lambda v, p: t.concat("ab", "cd")),
        ("buffer argument", lambda v, p: t.sum_i32(INTS)),
        ("writable buffer", lambda v, p: t.fill(BYTES, 7)),
        ("Vec result", lambda v, p: t.range(3, 4)),
        ("enum round trip", lambda v, p: t.next_color(t.Color.RED)),
        ("Result error path", lambda v, p: _swallow(t.parse_int, "nope")),
        ("synchronous callback", lambda v, p: m.each(2, _visit)),
    )

    def test_flat_memory_and_refcounts(self):
        v, p = m.Vec2(3.0, 4.0), m.Vec2(1.0, 1.0)
        for name, work in self.WORKLOADS:
            with self.subTest(workload=name):
                for _ in range(1000):  # warm caches first
                    work(v, p)
                gc.collect()
                refs = (sys.getrefcount(v), sys.getrefcount(p))
                tracemalloc.start()
                before_traced = tracemalloc.get_traced_memory()[0]
                before_rss = rss_kib()
                for _ in range(MILLION):
                    work(v, p)
                gc.collect()
                traced = tracemalloc.get_traced_memory()[0] - before_traced
                tracemalloc.stop()
                grown = rss_kib() - before_rss
                self.assertEqual((sys.getrefcount(v), sys.getrefcount(p)), refs)
                self.assertLess(traced, 64 * 1024, "traced memory grew by %d bytes" % traced)
                self.assertLess(grown, 4 * 1024, "RSS grew by %d KiB" % grown)


INTS = array.array("i", range(16))
BYTES = bytearray(16)


def _visit(i, label):
    return True


def _swallow(f, *args):
    try:
        f(*args)
    except (TypeError, ValueError, t.Error):
        pass


class Threads(unittest.TestCase):
    """Several threads call at once; every call must return its own, right answer."""

    def run_threads(self, work, n=8):
        errors = []

        def body(k):
            try:
                work(k)
            except Exception as e:  # reported below, with the thread's number
                errors.append((k, e))

        threads = [threading.Thread(target=body, args=(k,)) for k in range(n)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(errors, [])

    def test_calls_holding_the_gil(self):
        def work(k):
            v = m.Vec2(float(k), 1.0)
            for i in range(20000):
                self.assertEqual(m.mix(k, b=i), 100 * k + 10 * i + 3)
                self.assertEqual((v + v).x, 2.0 * k)
        self.run_threads(work)

    def test_calls_releasing_the_gil(self):
        def work(k):
            for _ in range(20):
                # the loop runs at least once, and the count crossed back intact
                loops = m.spin_nogil(0.001)
                self.assertIsInstance(loops, int)
                self.assertGreaterEqual(loops, 1)
                self.assertEqual(m.mix(k, b=1, c=k), 101 * k + 10)
        self.run_threads(work)

    def test_callbacks_from_many_threads(self):
        def work(k):
            for _ in range(200):
                seen = []
                count = m.each(5, lambda i, s: seen.append((i, s)) or True)
                self.assertEqual(count, 5)
                self.assertEqual([i for i, _ in seen], list(range(5)))
        self.run_threads(work)


if __name__ == "__main__":
    unittest.main()
