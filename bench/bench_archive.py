#!/usr/bin/env python3
"""bench_archive.py: reading and writing tar archives through the generated `archive`
module (libarchive bound from examples/archive/glue.in) against CPython's own tarfile,
on the same in-memory data, best of N runs. Prints numbers; passes or fails nothing.

    CBPY_ARCHIVE_DIR=build/examples/archive bench_archive.py [--entries 2000]
                                                              [--size 4096] [--repeat 5]

Rows: list the entries (names and sizes only), read every entry's data (ours in 64 KiB
chunks), write an archive of the same entries to a file. Times are per archive in ms;
ratio = tarfile's time / ours (higher is better for ours).
"""
import argparse
import io
import os
import random
import sys
import tarfile
import tempfile
import time

sys.path.insert(0, os.environ.get("CBPY_ARCHIVE_DIR", "."))
import archive  # noqa: E402


def make_entries(n, size, seed=11):
    rnd = random.Random(seed)
    return [("dir%d/file%05d.bin" % (i % 10, i), rnd.randbytes(rnd.randint(0, 2 * size)))
            for i in range(n)]


def tar_bytes(entries):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tf:
        for name, data in entries:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = 1700000000
            tf.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def reader(data):
    r = archive.Reader()
    r.support_filter_all()
    r.support_format_all()
    r.open_memory(data)
    return r


def ours_list(data):
    r = reader(data)
    out = [(e.pathname, e.size) for e in r]
    r.close()
    return out


def theirs_list(data):
    with tarfile.open(fileobj=io.BytesIO(data)) as tf:
        return [(m.name, m.size) for m in tf]


def ours_read(data):
    r = reader(data)
    total = 0
    for _ in r:
        while True:
            chunk = r.read(65536)
            if not chunk:
                break
            total += len(chunk)
    r.close()
    return total


def theirs_read(data):
    total = 0
    with tarfile.open(fileobj=io.BytesIO(data)) as tf:
        for m in tf:
            f = tf.extractfile(m)
            if f is not None:
                total += len(f.read())
    return total


def ours_write(entries, path):
    w = archive.Writer()
    w.set_format_pax_restricted()
    w.open_filename(path)
    for name, data in entries:
        e = archive.Entry()
        e.pathname = name
        e.size = len(data)
        e.filetype = archive.AE_IFREG
        e.perm = 0o644
        e.mtime = 1700000000
        w.write_header(e)
        w.write_data(data)
    w.close()


def theirs_write(entries, path):
    with tarfile.open(path, "w", format=tarfile.PAX_FORMAT) as tf:
        for name, data in entries:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = 1700000000
            tf.addfile(info, io.BytesIO(data))


def best(fn, repeat):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--entries", type=int, default=2000)
    ap.add_argument("--size", type=int, default=4096)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    entries = make_entries(args.entries, args.size)
    data = tar_bytes(entries)
    assert ours_list(data) == theirs_list(data)
    assert ours_read(data) == theirs_read(data)
    print("%d entries, %.1f MB of tar, %s, best of %d" % (
        args.entries, len(data) / 1e6, archive.version_string(), args.repeat))
    print("%-28s %10s %10s %7s" % ("", "ours ms", "tarfile ms", "ratio"))
    with tempfile.TemporaryDirectory() as tmp:
        rows = [
            ("list entries", lambda: ours_list(data), lambda: theirs_list(data)),
            ("read all data", lambda: ours_read(data), lambda: theirs_read(data)),
            ("write to a file", lambda: ours_write(entries, os.path.join(tmp, "a.tar")),
             lambda: theirs_write(entries, os.path.join(tmp, "b.tar"))),
        ]
        for label, ours, theirs in rows:
            a, b = best(ours, args.repeat), best(theirs, args.repeat)
            print("%-28s %10.2f %10.2f %6.2fx" % (label, a * 1e3, b * 1e3, b / a))


if __name__ == "__main__":
    main()
