"""demo.py: a short tour of `archive`, libarchive bound from glue.in with no C of its own:
write a tar.gz of two entries with a Writer, read it back with a Reader (names, sizes,
modes, times and data), see that an entry borrowed from the reader goes stale when the
reader moves on while a copy stays valid, and see one of libarchive's errors. Prints
nothing that depends on the machine (no temporary paths, no current times)."""
import copy
import os
import sys
import tempfile

_DIR = os.environ.get("CBPY_ARCHIVE_DIR")
if _DIR and _DIR not in sys.path:
    sys.path.insert(0, _DIR)

import archive  # noqa: E402  the generated module

FILES = [("hello.txt", b"Hello from a glue file!\n", 0o644),
         ("data/squares.txt", b"".join(b"%d\n" % (i * i) for i in range(1, 8)), 0o600)]


def reader(path):
    r = archive.Reader()
    r.support_filter_all()
    r.support_format_all()
    r.open_filename(path)
    return r


with tempfile.TemporaryDirectory(prefix="cbpy_archive_demo_") as tmp:
    path = os.path.join(tmp, "demo.tar.gz")

    with archive.Writer() as w:  # leaving the block closes it: the trailer is written
        w.set_format_pax_restricted()
        w.add_filter(archive.Filter.GZIP)
        w.open_filename(path)
        for name, data, perm in FILES:
            e = archive.Entry()
            e.pathname = name
            e.filetype = archive.AE_IFREG
            e.perm = perm
            e.size = len(data)
            e.mtime = 1700000000
            w.write_header(e)
            print("wrote", name, "-", w.write_data(data), "bytes")

    r = reader(path)
    for e in r:
        data = b"".join(iter(lambda: r.read(10), b""))  # in chunks of at most 10 bytes
        print("read %s: %d bytes, mode %o, mtime %d, regular file: %s"
              % (e.pathname, e.size, e.perm, e.mtime, e.filetype == archive.AE_IFREG))
        print("   ", data)
    print("format:", r.format_name(), "| filter:", r.filter_name(0),
          "| entries:", r.file_count())
    r.close()

    r = reader(path)
    first = r.next_header()
    mine = copy.copy(first)  # Entry.__copy__: archive_entry_clone()
    second = r.next_header()  # the reader moved on: `first` is stale now
    try:
        first.pathname
    except ValueError as exc:
        print("stale entry:", exc)
    print("current entry:", second.pathname)
    r.close()
    del r
    print("copy after the reader is gone:", mine.pathname, mine.size, "bytes")

r = archive.Reader()
r.support_format_all()
try:
    r.open_memory(b"this is not an archive\n" * 100)
except archive.ArchiveError as exc:
    print("%s (status %d): %s" % (type(exc).__name__, exc.code, exc))
print("ArchiveError is an OSError:", issubclass(archive.ArchiveError, OSError))
r.close()
