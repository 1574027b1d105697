"""test_archive_memory.py: the leak test of `archive` (ctest archive.memory). A small tar of
3 entries is made once with CPython's tarfile; then 10,000 cycles each open a fresh copy
of its bytes with a Reader (open_memory keeps the buffer), iterate the entries, copy each
one, read all their data and close the reader. After a warm-up of 500 cycles, the Python
heap (tracemalloc) may not grow by more than 256 KiB and the process (RSS from
/proc/self/statm) by more than 8 MiB over the 10,000 cycles: a leaked reader, entry,
copy, kept buffer or read buffer per cycle would exceed that. Prints the numbers.

The directory holding the built module comes from CBPY_ARCHIVE_DIR (if set), else from
PYTHONPATH.
"""
import copy
import gc
import io
import os
import sys
import tarfile
import time
import tracemalloc

_DIR = os.environ.get("CBPY_ARCHIVE_DIR")
if _DIR and _DIR not in sys.path:
    sys.path.insert(0, _DIR)

import archive  # noqa: E402  the generated module

WARMUP = 500
CYCLES = 10_000
MAX_TRACED_GROWTH = 256 * 1024
MAX_RSS_GROWTH = 8 * 1024 * 1024


def make_tar():
    bio = io.BytesIO()
    with tarfile.open(fileobj=bio, mode="w", format=tarfile.PAX_FORMAT) as tf:
        for i, name in enumerate(("one.txt", "two.bin", "three/3.txt")):
            data = bytes(range(256)) * (3 + 5 * i) + name.encode()
            ti = tarfile.TarInfo(name)
            ti.size, ti.mtime, ti.mode = len(data), 1700000000 + i, 0o644
            tf.addfile(ti, io.BytesIO(data))
    return bio.getvalue()


TAR = make_tar()
with tarfile.open(fileobj=io.BytesIO(TAR)) as _tf:
    EXPECTED = [(ti.name, _tf.extractfile(ti).read()) for ti in _tf]


def cycle():
    data = bytes(memoryview(TAR))  # a new bytes object each time, held only by the reader
    r = archive.Reader()
    r.support_filter_all()
    r.support_format_all()
    r.open_memory(data)
    del data
    got = []
    for e in r:
        mine = copy.copy(e)
        chunks = []
        while True:
            chunk = r.read(1000)
            if not chunk:
                break
            chunks.append(chunk)
        got.append((mine.pathname, b"".join(chunks)))
    r.close()
    return got


def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def main():
    if cycle() != EXPECTED:
        print("FAIL: the entries read differ from what tarfile wrote")
        return 1
    tracemalloc.start()
    for _ in range(WARMUP):
        cycle()
    gc.collect()
    traced_before = tracemalloc.get_traced_memory()[0]
    rss_before = rss()
    start = time.perf_counter()
    for i in range(CYCLES):
        got = cycle()
        if i % 1000 == 0 and got != EXPECTED:
            print("FAIL: cycle %d read different entries" % i)
            return 1
    elapsed = time.perf_counter() - start
    del got
    gc.collect()
    traced_growth = tracemalloc.get_traced_memory()[0] - traced_before
    rss_growth = rss() - rss_before
    tracemalloc.stop()
    print("%d cycles of open/iterate/copy/read/close in %.2f s" % (CYCLES, elapsed))
    print("tracemalloc growth: %d bytes (limit %d)" % (traced_growth, MAX_TRACED_GROWTH))
    print("RSS growth: %d bytes (limit %d)" % (rss_growth, MAX_RSS_GROWTH))
    ok = traced_growth <= MAX_TRACED_GROWTH and rss_growth <= MAX_RSS_GROWTH
    print("PASS" if ok else "FAIL: memory grew beyond the limit")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
