"""Tests of `archive`, the libarchive binding generated from glue.in with no C of its own,
against CPython's tarfile and zipfile as the reference: archives they write (tar, tar.gz,
pax, gnu; zip stored and deflated) are read by our Reader from a path and from bytes with
the same names, sizes, bytes, modes, types and times, and archives our Writer writes are
read by them the same way. Also: iteration and next_header()/next_entry_copy(), borrowed
entries going stale while copies stay valid, the buffer a Reader keeps, libarchive's
errors (ArchiveError, an OSError with .code and .errno; FatalError and the reader being
unusable afterwards; RetryError), its warnings (ArchiveWarning), argument errors and the
context managers.

The directory holding the built module comes from CBPY_ARCHIVE_DIR (if set), else from
PYTHONPATH.
"""
import copy
import errno
import gc
import io
import locale
import os
import random
import stat
import sys
import tarfile
import tempfile
import time
import unittest
import warnings
import zipfile

_DIR = os.environ.get("CBPY_ARCHIVE_DIR")
if _DIR and _DIR not in sys.path:
    sys.path.insert(0, _DIR)

import archive  # noqa: E402  the generated module

# libarchive converts names between UTF-8 and the C library's locale (in this process):
# the non-ASCII names below need a UTF-8 one even under LC_ALL=C (where libarchive would
# warn "Pathname cannot be converted from UTF-8 to current locale." and mangle them).
if locale.nl_langinfo(locale.CODESET) != "UTF-8":
    for _name in ("C.UTF-8", "C.utf8", "en_US.UTF-8"):
        try:
            locale.setlocale(locale.LC_CTYPE, _name)
            break
        except locale.Error:
            pass

# libarchive's statuses (archive.h) that .code holds in these tests
ARCHIVE_RETRY, ARCHIVE_FATAL = -10, -30
# ... and the errno it sets for an unclassified error (ARCHIVE_ERRNO_MISC in its
# archive_platform.h; also what archive_check_magic.c sets for a call in the wrong state)
ARCHIVE_ERRNO_MISC = -1

RND = random.Random(20240229)
SMALL = b"Hello from libarchive through a glue file.\n" * 7
MEDIUM = RND.randbytes(200_000)
MIB = RND.randbytes(1 << 20)
UNICODE_NAME = "na\u00efve \u2013 \u00fcn\u00efc\u00f8de.txt"

TYPES = {"file": archive.AE_IFREG, "dir": archive.AE_IFDIR, "symlink": archive.AE_IFLNK}


def new_reader():
    r = archive.Reader()
    r.support_filter_all()
    r.support_format_all()
    return r


def read_data(r, n=7):
    """The current entry's data, read in chunks of at most n bytes until b""."""
    chunks = []
    while True:
        chunk = r.read(n)
        if not isinstance(chunk, bytes):
            raise AssertionError("read() returned %r, not bytes" % type(chunk))
        if len(chunk) > n:
            raise AssertionError("read(%d) returned %d bytes" % (n, len(chunk)))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def chunk_for(size):
    # small chunks exercise the streaming; big entries use bigger ones to stay fast
    return 7 if size < 4096 else 4099


def describe(e, data):
    """What one of our entries says, in the same shape as tar_reference/zip_reference."""
    return {"name": e.pathname.rstrip("/"), "size": e.size, "data": data,
            "type": e.filetype, "perm": e.perm, "mode_perm": e.mode & 0o7777,
            "mode_type": e.mode & archive.AE_IFMT, "mtime": e.mtime,
            "symlink": e.symlink}


def read_ours(r):
    """Every entry of an opened reader, iterating with `for`."""
    out = []
    for e in r:
        d = describe(e, None)
        d["data"] = read_data(r, chunk_for(d["size"]))
        out.append(d)
    return out


def read_path(path):
    r = new_reader()
    r.open_filename(path)
    try:
        return read_ours(r)
    finally:
        r.close()


def read_bytes(data):
    r = new_reader()
    r.open_memory(data)
    try:
        return read_ours(r)
    finally:
        r.close()


def tar_type(ti):
    if ti.isreg():
        return archive.AE_IFREG
    if ti.isdir():
        return archive.AE_IFDIR
    if ti.issym():
        return archive.AE_IFLNK
    raise AssertionError("unexpected tar member type %r" % ti.type)


def tar_reference(source):
    """What CPython's tarfile reads from a path or from bytes."""
    if isinstance(source, bytes):
        tf = tarfile.open(fileobj=io.BytesIO(source), mode="r:*")
    else:
        tf = tarfile.open(source, mode="r:*")
    out = []
    with tf:
        for ti in tf:
            data = tf.extractfile(ti).read() if ti.isreg() else b""
            out.append({"name": ti.name.rstrip("/"), "size": ti.size if ti.isreg() else 0,
                        "data": data, "type": tar_type(ti), "perm": ti.mode & 0o7777,
                        "mode_perm": ti.mode & 0o7777, "mode_type": tar_type(ti),
                        "mtime": int(ti.mtime),
                        "symlink": ti.linkname if ti.issym() else None})
    return out


def zip_mtime(zi):
    # a zip's DOS time is local time with 2-second resolution; libarchive turns it into
    # seconds since the epoch with mktime(), as time.mktime() does here
    return int(time.mktime(zi.date_time + (0, 0, -1)))


def zip_reference(source):
    """What CPython's zipfile reads from a path or from bytes."""
    zf = zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source)
    out = []
    with zf:
        for zi in zf.infolist():
            unix_mode = zi.external_attr >> 16
            out.append({"name": zi.filename.rstrip("/"), "size": zi.file_size,
                        "data": zf.read(zi), "type": stat.S_IFMT(unix_mode),
                        "perm": unix_mode & 0o7777, "mode_perm": unix_mode & 0o7777,
                        "mode_type": stat.S_IFMT(unix_mode), "mtime": zip_mtime(zi),
                        "symlink": None})
    return out


def write_tarfile(path, fmt, compression=""):
    """A tar written by tarfile: a file, an empty file, a directory, a file in it, a
    symbolic link and a file with a non-ASCII name."""
    members = [("hello.txt", tarfile.REGTYPE, SMALL, 0o644, 1600000000, None),
               ("empty", tarfile.REGTYPE, b"", 0o600, 1600000100, None),
               ("dir", tarfile.DIRTYPE, None, 0o755, 1600000200, None),
               ("dir/random.bin", tarfile.REGTYPE, MEDIUM, 0o640, 1600000300, None),
               ("link", tarfile.SYMTYPE, None, 0o777, 1600000400, "hello.txt"),
               (UNICODE_NAME, tarfile.REGTYPE, b"\xc3\xa9t\xc3\xa9\n", 0o444, 1600000500, None)]
    with tarfile.open(path, "w:" + compression, format=fmt) as tf:
        for name, kind, data, mode, mtime, target in members:
            ti = tarfile.TarInfo(name)
            ti.type, ti.mode, ti.mtime = kind, mode, mtime
            if target is not None:
                ti.linkname = target
            if data is not None:
                ti.size = len(data)
            tf.addfile(ti, io.BytesIO(data) if data is not None else None)


def write_zipfile(path, compression):
    """A zip written by zipfile: a file, an empty file, a directory, a file in it and a
    file with a non-ASCII name, each with Unix permissions."""
    members = [("hello.txt", SMALL, 0o644, (2021, 3, 4, 5, 6, 8)),
               ("empty", b"", 0o600, (2022, 1, 1, 0, 0, 0)),
               ("dir/", None, 0o755, (2023, 7, 8, 9, 10, 12)),
               ("dir/random.bin", MEDIUM, 0o640, (2023, 7, 8, 9, 10, 14)),
               (UNICODE_NAME, b"\xc3\xa9t\xc3\xa9\n", 0o444, (2024, 2, 29, 23, 59, 58))]
    with zipfile.ZipFile(path, "w", compression=compression) as zf:
        for name, data, perm, date_time in members:
            zi = zipfile.ZipInfo(name, date_time)
            zi.create_system = 3  # Unix, so that the mode in external_attr counts
            if data is None:
                zi.external_attr = ((stat.S_IFDIR | perm) << 16) | 0x10
                zf.writestr(zi, b"")
            else:
                zi.external_attr = (stat.S_IFREG | perm) << 16
                zi.compress_type = compression
                zf.writestr(zi, data)


class TempDirTest(unittest.TestCase):
    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory(prefix="cbpy_archive_")
        self.tmp = self._tmp.name

    def tearDown(self):
        self._tmp.cleanup()

    def path(self, name):
        return os.path.join(self.tmp, name)


class ReadWhatCPythonWrote(TempDirTest):
    """Archives written by tarfile and zipfile, read by our Reader."""

    def check_both_ways(self, path, reference):
        expected = reference(path)
        self.assertTrue(expected)
        with open(path, "rb") as f:
            data = f.read()
        self.assertEqual(reference(data), expected)
        for how, got in (("path", read_path(path)), ("bytes", read_bytes(data))):
            with self.subTest(how=how):
                self.assertEqual([d["name"] for d in got], [d["name"] for d in expected])
                for g, x in zip(got, expected):
                    with self.subTest(name=x["name"]):
                        self.assertEqual(g, x)

    def test_tar_formats(self):
        for fmt_name, fmt in (("ustar", tarfile.USTAR_FORMAT), ("pax", tarfile.PAX_FORMAT),
                              ("gnu", tarfile.GNU_FORMAT)):
            for comp in ("", "gz"):
                with self.subTest(format=fmt_name, compression=comp or "none"):
                    path = self.path("t_%s.tar%s" % (fmt_name, "." + comp if comp else ""))
                    write_tarfile(path, fmt, comp)
                    self.check_both_ways(path, tar_reference)

    def test_tar_format_and_filter_names(self):
        path = self.path("t.tar.gz")
        write_tarfile(path, tarfile.PAX_FORMAT, "gz")
        r = new_reader()
        r.open_filename(path)
        first = r.next_header()
        self.assertIsNotNone(first)
        self.assertEqual((first.pathname, first.size), ("hello.txt", len(SMALL)))
        self.assertIn("tar", r.format_name().lower())
        self.assertEqual(r.filter_name(0), "gzip")
        self.assertEqual(r.filter_name(), "gzip")
        self.assertEqual(r.file_count(), 1)
        r.close()

    def test_zip_stored_and_deflated(self):
        for comp_name, comp in (("stored", zipfile.ZIP_STORED),
                                ("deflated", zipfile.ZIP_DEFLATED)):
            with self.subTest(compression=comp_name):
                path = self.path("z_%s.zip" % comp_name)
                write_zipfile(path, comp)
                self.check_both_ways(path, zip_reference)
                r = new_reader()
                r.open_filename(path)
                e = r.next_header()
                self.assertTrue(e.size_is_set())
                self.assertIn("zip", r.format_name().lower())
                r.close()

    def test_skip(self):
        path = self.path("skip.tar")
        write_tarfile(path, tarfile.PAX_FORMAT)
        expected = tar_reference(path)
        r = new_reader()
        r.open_filename(path)
        names = []
        for i, e in enumerate(r):
            names.append(e.pathname.rstrip("/"))
            if i % 2:
                r.skip()
            else:
                self.assertEqual(read_data(r, 1000), expected[i]["data"])
        r.close()
        self.assertEqual(names, [d["name"] for d in expected])


# What our Writer writes in every test: (name, filetype, data, perm, mtime, nsec, symlink)
WRITER_ENTRIES = [
    ("hello.txt", "file", SMALL, 0o644, 1700000000, 0, None),
    ("empty.txt", "file", b"", 0o600, 1700000001, 0, None),
    ("dir", "dir", b"", 0o755, 1700000002, 0, None),
    ("dir/random.bin", "file", MIB, 0o640, 1700000123, 456000000, None),
    (UNICODE_NAME, "file", "\u00e9t\u00e9\n".encode(), 0o444, 1700000004, 0, None),
    ("link", "symlink", b"", 0o777, 1700000005, 0, "hello.txt"),
]


def write_with_ours(w, path, with_symlink=True):
    w.open_filename(path)
    for name, kind, data, perm, mtime, nsec, target in WRITER_ENTRIES:
        if kind == "symlink" and not with_symlink:
            continue
        e = archive.Entry()
        e.pathname = name
        e.filetype = TYPES[kind]
        e.perm = perm
        if nsec:
            e.set_mtime(mtime, nsec)
        else:
            e.mtime = mtime
        if target is not None:
            e.symlink = target
        e.size = len(data)
        w.write_header(e)
        view = memoryview(data)
        while view:
            n = w.write_data(view[:300_000])
            if not (isinstance(n, int) and 0 < n <= min(len(view), 300_000)):
                raise AssertionError("write_data() returned %r" % (n,))
            view = view[n:]
    w.close()


class CPythonReadsWhatWeWrote(TempDirTest):
    """Archives written by our Writer, read by tarfile and zipfile (and by our Reader)."""

    def expected(self, with_symlink=True):
        out = []
        for name, kind, data, perm, mtime, nsec, target in WRITER_ENTRIES:
            if kind == "symlink" and not with_symlink:
                continue
            out.append((name, TYPES[kind], len(data), data, perm, mtime, target))
        return out

    def check_tar(self, path):
        got = tar_reference(path)
        expected = self.expected()
        self.assertEqual(len(got), len(expected))
        for g, (name, ftype, size, data, perm, mtime, target) in zip(got, expected):
            with self.subTest(name=name):
                self.assertEqual(g["name"], name)
                self.assertEqual(g["type"], ftype)
                self.assertEqual(g["size"], size)
                self.assertEqual(g["data"], data)
                self.assertEqual(g["perm"], perm)
                self.assertEqual(g["mtime"], mtime)
                self.assertEqual(g["symlink"], target)
        # and our own Reader agrees with tarfile on the same file
        self.assertEqual(read_path(path), got)

    def test_tar_pax_restricted_gzip(self):
        path = self.path("ours.tar.gz")
        w = archive.Writer()
        w.set_format_pax_restricted()
        w.add_filter_gzip()
        write_with_ours(w, path)
        with open(path, "rb") as f:
            self.assertEqual(f.read(2), b"\x1f\x8b")
        self.check_tar(path)

    def test_tar_formats_and_filters_by_enum(self):
        cases = [(archive.Format.TAR_PAX, archive.Filter.GZIP, b"\x1f\x8b"),
                 (archive.Format.TAR_USTAR, archive.Filter.NONE, None),
                 (archive.Format.TAR_GNU, archive.Filter.XZ, b"\xfd7zXZ"),
                 (archive.Format.TAR_PAX_RESTRICTED, archive.Filter.BZIP2, b"BZh")]
        for fmt, flt, magic in cases:
            with self.subTest(format=fmt, filter=flt):
                path = self.path("ours_%s_%s.tar" % (fmt.name, flt.name))
                w = archive.Writer()
                w.set_format(fmt)
                w.add_filter(flt)
                write_with_ours(w, path)
                with open(path, "rb") as f:
                    head = f.read(512)
                if magic is not None:
                    self.assertTrue(head.startswith(magic), head[:8])
                else:
                    self.assertEqual(head[257:262], b"ustar")
                self.check_tar(path)

    def test_tar_nanoseconds(self):
        # pax (interchange) keeps the nanoseconds set_mtime() was given
        path = self.path("ns.tar")
        w = archive.Writer()
        w.set_format(archive.Format.TAR_PAX)
        write_with_ours(w, path)
        with tarfile.open(path) as tf:
            ti = tf.getmember("dir/random.bin")
        self.assertAlmostEqual(ti.mtime, 1700000123.456, places=6)

    def check_zip(self, path):
        got = zip_reference(path)
        expected = self.expected(with_symlink=False)
        self.assertEqual(len(got), len(expected))
        with zipfile.ZipFile(path) as zf:
            self.assertIsNone(zf.testzip())
            infos = zf.infolist()
        for g, zi, (name, ftype, size, data, perm, mtime, _) in zip(got, infos, expected):
            with self.subTest(name=name):
                self.assertEqual(g["name"], name)
                self.assertEqual(zi.is_dir(), ftype == archive.AE_IFDIR)
                self.assertEqual(g["type"], ftype)
                self.assertEqual(g["size"], size)
                self.assertEqual(g["data"], data)
                self.assertEqual(g["perm"], perm)
                # DOS time: local time, seconds rounded down to even
                local = time.localtime(mtime)
                self.assertEqual(zi.date_time,
                                 tuple(local[:5]) + (local.tm_sec - local.tm_sec % 2,))
        # our Reader on the same file: the same names, sizes, bytes and modes (it also
        # reads the exact mtime from the extended timestamp field libarchive wrote)
        ours = read_path(path)
        self.assertEqual([(d["name"], d["size"], d["data"], d["type"], d["perm"]) for d in ours],
                         [(d["name"], d["size"], d["data"], d["type"], d["perm"]) for d in got])
        self.assertEqual([d["mtime"] for d in ours], [x[5] for x in expected])

    def test_zip_by_method(self):
        path = self.path("ours.zip")
        w = archive.Writer()
        w.set_format_zip()
        write_with_ours(w, path, with_symlink=False)
        self.check_zip(path)

    def test_zip_by_enum(self):
        path = self.path("ours_enum.zip")
        w = archive.Writer()
        w.set_format(archive.Format.ZIP)
        write_with_ours(w, path, with_symlink=False)
        self.check_zip(path)

    def test_open_fd(self):
        path = self.path("fd.tar")
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        try:
            w = archive.Writer()
            w.set_format_ustar()
            w.open_fd(fd)
            e = archive.Entry()
            e.pathname, e.filetype, e.perm, e.mtime, e.size = "x", archive.AE_IFREG, 0o600, 5, 3
            w.write_header(e)
            self.assertEqual(w.write_data(b"abc"), 3)
            w.close()
        finally:
            os.close(fd)
        self.assertEqual([(d["name"], d["data"], d["perm"], d["mtime"]) for d in tar_reference(path)],
                         [("x", b"abc", 0o600, 5)])

    def test_entry_record(self):
        e = archive.Entry()
        self.assertIsNone(e.pathname)
        self.assertIsNone(e.symlink)
        self.assertFalse(e.size_is_set())
        e.pathname = UNICODE_NAME
        e.size = 1 << 40
        e.filetype = archive.AE_IFREG
        e.perm = 0o4755
        e.set_mtime(-5)
        self.assertEqual((e.pathname, e.size), (UNICODE_NAME, 1 << 40))
        self.assertTrue(e.size_is_set())
        self.assertEqual((e.filetype, e.perm, e.mode), (archive.AE_IFREG, 0o4755, 0o104755))
        self.assertEqual(e.mtime, -5)
        e.mode = stat.S_IFDIR | 0o700
        self.assertEqual((e.filetype, e.perm), (archive.AE_IFDIR, 0o700))
        e.pathname = None
        self.assertIsNone(e.pathname)
        c = copy.copy(e)
        self.assertIsInstance(c, archive.Entry)
        self.assertEqual((c.size, c.mode, c.mtime), (e.size, e.mode, e.mtime))
        c.size = 7  # the copy is its own record
        self.assertEqual(e.size, 1 << 40)
        self.assertEqual(archive.AE_IFMT, stat.S_IFMT(0o177777))
        self.assertIn("libarchive", archive.version_string())


def small_tar(names=("a", "b", "c"), fmt=tarfile.USTAR_FORMAT, pax_headers=None):
    """A small tar made with tarfile: each member's data is its name repeated."""
    bio = io.BytesIO()
    with tarfile.open(fileobj=bio, mode="w", format=fmt) as tf:
        for i, name in enumerate(names):
            data = name.encode() * (50 + 400 * i)
            ti = tarfile.TarInfo(name)
            ti.size, ti.mtime, ti.mode = len(data), 1650000000 + i, 0o640
            if pax_headers:
                ti.pax_headers = dict(pax_headers)
            tf.addfile(ti, io.BytesIO(data))
    return bio.getvalue()


def member_data(name, i):
    return name.encode() * (50 + 400 * i)


class Iteration(unittest.TestCase):
    def setUp(self):
        self.tar = small_tar()
        self.reference = tar_reference(self.tar)

    def test_for_loop(self):
        r = new_reader()
        r.open_memory(self.tar)
        self.assertIs(iter(r), r)
        got = [(e.pathname, read_data(r)) for e in r]
        self.assertEqual(got, [(d["name"], d["data"]) for d in self.reference])
        self.assertEqual(r.file_count(), 3)
        r.close()

    def test_next_header(self):
        r = new_reader()
        r.open_memory(self.tar)
        got = []
        while True:
            e = r.next_header()
            if e is None:
                break
            self.assertIsInstance(e, archive.Entry)
            got.append((e.pathname, e.size, e.mtime, e.perm, read_data(r, 100)))
        self.assertEqual(got, [(d["name"], d["size"], d["mtime"], d["perm"], d["data"])
                               for d in self.reference])
        r.close()

    def test_next_entry_copy(self):
        r = new_reader()
        r.open_memory(self.tar)
        copies = []
        while True:
            c = r.next_entry_copy()
            if c is None:
                break
            self.assertIsInstance(c, archive.Entry)
            copies.append((c, read_data(r, 64)))
        r.close()
        del r
        gc.collect()
        self.assertEqual([(c.pathname, c.size, c.mtime, c.perm, data) for c, data in copies],
                         [(d["name"], d["size"], d["mtime"], d["perm"], d["data"])
                          for d in self.reference])

    def test_mixed_next_calls(self):
        r = new_reader()
        r.open_memory(self.tar)
        a = next(r)
        self.assertEqual(a.pathname, "a")
        b = r.next_entry_copy()
        # libarchive reuses one entry for every header: `a` is stale now
        self.assertRaises(ValueError, lambda: a.pathname)
        c = r.next_header()
        self.assertEqual(c.pathname, "c")
        self.assertEqual(read_data(r), member_data("c", 2))
        self.assertEqual(b.pathname, "b")
        self.assertRaises(ValueError, lambda: a.pathname)
        self.assertIsNone(r.next_entry_copy())
        r.close()


class BorrowedEntries(unittest.TestCase):
    def setUp(self):
        self.tar = small_tar()

    def assertStale(self, e):
        for attr in ("pathname", "size", "mtime", "perm", "mode", "filetype", "symlink"):
            with self.subTest(attr=attr):
                self.assertRaises(ValueError, getattr, e, attr)
        self.assertRaises(ValueError, e.size_is_set)
        self.assertRaises(ValueError, copy.copy, e)

    def test_stale_after_next_header(self):
        r = new_reader()
        r.open_memory(self.tar)
        e1 = r.next_header()
        self.assertEqual(e1.pathname, "a")
        e2 = r.next_header()
        self.assertStale(e1)
        self.assertEqual(e2.pathname, "b")
        r.close()
        self.assertStale(e2)

    def test_stale_after_iteration_step(self):
        r = new_reader()
        r.open_memory(self.tar)
        kept = []
        for e in r:
            if kept:
                self.assertStale(kept[-1])
            self.assertEqual(e.pathname, "abc"[len(kept)])
            kept.append(e)
        self.assertStale(kept[0])
        self.assertStale(kept[1])
        r.close()
        self.assertStale(kept[2])

    def test_copies_stay_valid(self):
        r = new_reader()
        r.open_memory(self.tar)
        copies = []
        for e in r:
            c = copy.copy(e)
            self.assertIsInstance(c, archive.Entry)
            self.assertIsNot(c, e)
            copies.append(c)
        r.close()
        del r, e
        gc.collect()
        ref = tar_reference(self.tar)
        self.assertEqual([(c.pathname, c.size, c.mtime, c.perm, c.filetype) for c in copies],
                         [(d["name"], d["size"], d["mtime"], d["perm"], d["type"]) for d in ref])

    def test_copy_written_to_another_archive(self):
        with tempfile.TemporaryDirectory(prefix="cbpy_archive_") as tmp:
            path = os.path.join(tmp, "copy.tar")
            r = new_reader()
            r.open_memory(self.tar)
            w = archive.Writer()
            w.set_format_pax_restricted()
            w.open_filename(path)
            for e in r:
                c = copy.copy(e)
                c.pathname = "copy/" + c.pathname
                w.write_header(c)
                w.write_data(read_data(r, 1 << 16))
            r.close()
            w.close()
            got = tar_reference(path)
        ref = tar_reference(self.tar)
        self.assertEqual(got, [dict(d, name="copy/" + d["name"]) for d in ref])


class KeptBuffers(unittest.TestCase):
    def test_bytes_freed_by_caller(self):
        data = bytes(small_tar())  # a new object only the reader will hold
        expected = tar_reference(data)
        r = new_reader()
        r.open_memory(data)
        del data
        gc.collect()
        # churn the allocator so that freed memory would be reused
        junk = [bytes(RND.randbytes(2048)) for _ in range(200)]
        got = [(e.pathname, read_data(r, 13)) for e in r]
        del junk
        r.close()
        self.assertEqual(got, [(d["name"], d["data"]) for d in expected])

    def test_bytearray_locked_while_kept(self):
        ba = bytearray(small_tar())
        expected = tar_reference(bytes(ba))
        r = new_reader()
        r.open_memory(ba)
        with self.assertRaises(BufferError):
            ba.extend(b"\0" * 4096)
        with self.assertRaises(BufferError):
            del ba[-10:]
        got = [(e.pathname, read_data(r)) for e in r]
        self.assertEqual(got, [(d["name"], d["data"]) for d in expected])
        r.close()
        ba.extend(b"\0" * 4096)  # released
        del ba[-4096:]
        self.assertEqual(tar_reference(bytes(ba)), expected)

    def test_memoryview_and_kept_until_freed(self):
        data = small_tar()
        ba = bytearray(data)
        r = new_reader()
        r.open_memory(memoryview(ba))
        self.assertEqual(r.next_header().pathname, "a")
        with self.assertRaises(BufferError):
            ba.append(0)
        del r  # freeing the reader without close() releases the buffer too
        gc.collect()
        ba.append(0)

    def test_memoryview_slice(self):
        data = small_tar(names=("a",))
        # the size libarchive gets is len(data): a slice reads only that much
        r = new_reader()
        r.open_memory(memoryview(data)[:600])
        self.assertEqual(r.next_header().pathname, "a")
        with self.assertRaises(archive.ArchiveError) as cm:
            read_data(r)
        self.assertIn("Truncated input file", str(cm.exception))
        r.close()


def first_error(data, n=4099):
    """Opens, iterates and reads data until libarchive reports an error; returns the
    exception and the reader (still open, for the caller to poke and close)."""
    r = new_reader()
    try:
        r.open_memory(data)
        for _ in r:
            read_data(r, n)
    except archive.ArchiveError as e:
        return e, r
    r.close()
    raise AssertionError("no ArchiveError")


class Errors(TempDirTest):
    def assertArchiveError(self, e, code, message, cls, errno_value):
        self.assertIsInstance(e, archive.ArchiveError)
        self.assertIsInstance(e, OSError)
        self.assertIsInstance(e, cls)
        self.assertEqual(e.code, code)
        self.assertIs(type(e.errno), int)
        self.assertEqual(e.errno, errno_value)
        self.assertIn(message, str(e))

    def test_hierarchy(self):
        self.assertTrue(issubclass(archive.ArchiveError, OSError))
        self.assertTrue(issubclass(archive.FatalError, archive.ArchiveError))
        self.assertTrue(issubclass(archive.RetryError, archive.ArchiveError))
        # `errno CODE Name;`: the domain's class and CPython's own for that errno
        self.assertTrue(issubclass(archive.NotFoundError, archive.ArchiveError))
        self.assertTrue(issubclass(archive.NotFoundError, FileNotFoundError))
        self.assertTrue(issubclass(archive.AccessError, PermissionError))
        self.assertTrue(issubclass(archive.FormatError, archive.ArchiveError))
        self.assertFalse(issubclass(archive.FormatError, archive.FatalError))
        self.assertTrue(issubclass(archive.ArchiveWarning, Warning))
        self.assertFalse(issubclass(archive.ArchiveWarning, archive.ArchiveError))

    def test_random_bytes(self):
        e, r = first_error(random.Random(7).randbytes(8192))
        # ARCHIVE_ERRNO_FILE_FORMAT is EILSEQ on Linux: the errno's class wins over the
        # status's (FatalError)
        self.assertArchiveError(e, ARCHIVE_FATAL, "Unrecognized archive format",
                                archive.FormatError, errno.EILSEQ)
        r.close()

    def test_first_header_checksum(self):
        tar = bytearray(small_tar())
        tar[148] ^= 0x01  # the checksum field of the first header
        e, r = first_error(bytes(tar))
        self.assertArchiveError(e, ARCHIVE_FATAL, "Unrecognized archive format",
                                archive.FormatError, errno.EILSEQ)
        r.close()

    def test_damaged_header_retry(self):
        tar = small_tar()
        second = 512 + (len(member_data("a", 0)) + 511) // 512 * 512
        self.assertEqual(tar[second:second + 1], b"b")
        bad = bytearray(tar)
        bad[second + 148] ^= 0x01
        r = new_reader()
        r.open_memory(bytes(bad))
        self.assertEqual(r.next_header().pathname, "a")
        retries = 0
        while True:
            try:
                e = r.next_header()
            except archive.RetryError as exc:
                # libarchive: try again; it resynchronises on the next good header
                self.assertArchiveError(exc, ARCHIVE_RETRY, "Damaged tar archive",
                                        archive.RetryError, errno.EINVAL)
                self.assertNotIsInstance(exc, archive.FatalError)
                retries += 1
                self.assertLess(retries, 10)
                continue
            break
        self.assertGreater(retries, 0)
        self.assertEqual(e.pathname, "c")
        self.assertEqual(read_data(r, 99), member_data("c", 2))
        self.assertIsNone(r.next_header())
        r.close()

    def test_truncated_tar_mid_data(self):
        tar = small_tar()
        r = new_reader()
        r.open_memory(tar[:512 + 30])
        self.assertEqual(r.next_header().pathname, "a")
        with self.assertRaises(archive.FatalError) as cm:
            read_data(r)
        self.assertArchiveError(cm.exception, ARCHIVE_FATAL, "Truncated tar archive",
                                archive.FatalError, ARCHIVE_ERRNO_MISC)
        self.check_unusable(r)

    def test_truncated_tar_gz(self):
        path = self.path("big.tar.gz")
        with tarfile.open(path, "w:gz") as tf:
            ti = tarfile.TarInfo("big.bin")
            ti.size = len(MEDIUM)
            tf.addfile(ti, io.BytesIO(MEDIUM))
        with open(path, "rb") as f:
            data = f.read()
        e, r = first_error(data[:len(data) // 2])
        self.assertArchiveError(e, ARCHIVE_FATAL, "truncated gzip input", archive.FatalError,
                                ARCHIVE_ERRNO_MISC)
        self.check_unusable(r)
        # without its 4-byte trailer libarchive fails with no message of its own (and
        # errno 0): a status with its own class line says the status itself
        e, r = first_error(data[:-4])
        self.assertArchiveError(e, ARCHIVE_FATAL, "Reader.read() failed with status -30",
                                archive.FatalError, 0)
        r.close()

    def check_unusable(self, r):
        # after ARCHIVE_FATAL the module refuses every call but close() without calling C
        for call in (r.next_header, r.next_entry_copy, lambda: r.read(10), r.skip,
                     lambda: next(r)):
            with self.assertRaises(archive.ArchiveError) as cm:
                call()
            self.assertIn("unusable after a fatal error", str(cm.exception))
        r.close()
        with self.assertRaises(ValueError) as cm:
            r.next_header()
        self.assertIn("moved into C", str(cm.exception))

    def test_missing_file(self):
        missing = self.path("no such archive.tar")
        r = new_reader()
        with self.assertRaises(FileNotFoundError) as cm:
            r.open_filename(missing)
        self.assertArchiveError(cm.exception, ARCHIVE_FATAL, "Failed to open",
                                archive.NotFoundError, errno.ENOENT)
        self.assertIn(missing, str(cm.exception))
        r.close()

    def test_writer_data_before_header(self):
        w = archive.Writer()
        w.set_format_pax_restricted()
        w.open_filename(self.path("w.tar"))
        with self.assertRaises(archive.ArchiveError) as cm:
            w.write_data(b"abc")
        self.assertArchiveError(cm.exception, ARCHIVE_FATAL,
                                "'archive_write_data' invoked with archive structure in state 'header'",
                                archive.FatalError, ARCHIVE_ERRNO_MISC)
        del w

    def test_writer_bad_path(self):
        bad = self.path("no/such/dir/out.tar")
        w = archive.Writer()
        w.set_format_ustar()
        with self.assertRaises(archive.ArchiveError) as cm:
            w.open_filename(bad)
        self.assertArchiveError(cm.exception, ARCHIVE_FATAL, "Failed to open '%s'" % bad,
                                archive.NotFoundError, errno.ENOENT)

    def test_python_arguments(self):
        r = new_reader()
        r.open_memory(small_tar())
        r.next_header()
        with self.assertRaises(TypeError) as cm:
            r.read("x")
        self.assertIn("'size'", str(cm.exception))
        with self.assertRaises(OverflowError):
            r.read(-1)
        self.assertEqual(r.read(0), b"")
        self.assertEqual(r.read(size=5), b"aaaaa")
        with self.assertRaises(TypeError):
            r.open_memory("text is not bytes")
        r.close()
        e = archive.Entry()
        with self.assertRaises(TypeError):
            e.size = "x"
        with self.assertRaises(OverflowError):
            e.perm = -1
        with self.assertRaises(OverflowError):
            e.perm = 1 << 32
        with self.assertRaises(TypeError):
            e.pathname = b"bytes"
        with self.assertRaises(ValueError):
            archive.Writer().set_format(12345)  # not a Format value
        with self.assertRaises(TypeError):
            archive.Writer().set_format(archive.Filter.GZIP)
        with self.assertRaises(TypeError):
            archive.Writer().write_header("not an entry")


class Warnings(unittest.TestCase):
    """libarchive's ARCHIVE_WARN: a pax extended header whose record length is not a
    number ("zz comment=xyz") makes it return ARCHIVE_WARN with "Ignoring malformed pax
    extended attributes", and the entry."""

    def malformed_pax(self):
        tar = small_tar(names=("a.txt", "b.txt"), fmt=tarfile.PAX_FORMAT,
                        pax_headers={"comment": "xyz"})
        i = tar.index(b" comment=xyz\n")
        self.assertEqual(tar[i - 2:i], b"15")
        bad = tar[:i - 2] + b"zz" + tar[i:]  # not covered by any checksum
        return bad

    def test_warning_and_entry(self):
        r = new_reader()
        r.open_memory(self.malformed_pax())
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            e = r.next_header()
        self.assertEqual([w.category for w in caught], [archive.ArchiveWarning])
        self.assertIn("Ignoring malformed pax extended attributes", str(caught[0].message))
        self.assertEqual(e.pathname, "a.txt")
        self.assertEqual(read_data(r), member_data("a.txt", 0))
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            names = [e.pathname for e in r]
        self.assertEqual(names, ["b.txt"])
        self.assertEqual(caught, [])  # b.txt's own pax header is well-formed
        r.close()

    def test_warning_as_error(self):
        r = new_reader()
        r.open_memory(self.malformed_pax())
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            with self.assertRaises(archive.ArchiveWarning) as cm:
                r.next_header()
        self.assertIn("Ignoring malformed pax extended attributes", str(cm.exception))
        r.close()

    def test_clean_archive_no_warning(self):
        r = new_reader()
        r.open_memory(small_tar(fmt=tarfile.PAX_FORMAT, pax_headers={"comment": "xyz"}))
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            self.assertEqual([e.pathname for e in r], ["a", "b", "c"])
        r.close()


class ContextManagers(TempDirTest):
    def test_reader(self):
        tar = small_tar()
        with archive.Reader() as r:
            r.support_filter_all()
            r.support_format_all()
            r.open_memory(tar)
            names = []
            for e in r:
                names.append(e.pathname)
        self.assertEqual(names, ["a", "b", "c"])
        self.assertRaises(ValueError, lambda: e.pathname)  # the last entry: stale after __exit__
        for call in (r.next_header, lambda: r.read(1), r.close):
            with self.assertRaises(ValueError) as cm:
                call()
            self.assertIn("moved into C", str(cm.exception))

    def test_reader_exception_propagates(self):
        with self.assertRaises(KeyError):
            with archive.Reader() as r:
                raise KeyError("boom")
        with self.assertRaises(ValueError):
            r.support_format_all()

    def test_writer(self):
        path = self.path("with.tar.gz")
        with archive.Writer() as w:
            w.set_format_pax_restricted()
            w.add_filter_gzip()
            w.open_filename(path)
            e = archive.Entry()
            e.pathname, e.filetype, e.perm, e.mtime = "inside.txt", archive.AE_IFREG, 0o600, 1234567890
            e.size = len(SMALL)
            w.write_header(e)
            self.assertEqual(w.write_data(SMALL), len(SMALL))
        # __exit__ closed it: the trailer is written and the file is complete
        self.assertEqual([(d["name"], d["data"], d["perm"], d["mtime"]) for d in tar_reference(path)],
                         [("inside.txt", SMALL, 0o600, 1234567890)])

    def test_writer_error_in_block_propagates(self):
        # the FatalError raised in the block is what leaves it, not an error of __exit__
        with self.assertRaises(archive.FatalError) as cm:
            with archive.Writer() as w:
                w.set_format_ustar()
                w.open_filename(self.path("fatal.tar"))
                w.write_data(b"no header yet")
        self.assertIn("'archive_write_data' invoked", str(cm.exception))


if __name__ == "__main__":
    unittest.main()
