"""test_real_dirent.py: e2e_real_dirent, POSIX opendir/readdir bound from glue alone,
checked against os.scandir on the same directory: names (a char array read as text),
types, inode numbers, a getter that is a C expression, rewinding, errors as OSErrors,
and the entries: lent by their Dir until its next readdir (`lends;`), which they keep
alive."""
import errno
import gc
import os
import tempfile
import unittest

import e2e_real_dirent as m


class Dirent(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        for name in ("a.txt", "bb.bin", "ünïcode.txt"):
            with open(os.path.join(self.dir, name), "wb") as f:
                f.write(b"x")
        os.mkdir(os.path.join(self.dir, "sub"))

    def tearDown(self):
        self.tmp.cleanup()

    def reference(self):
        return {e.name: e for e in os.scandir(self.dir)}

    def test_entries_match_scandir(self):
        ref = self.reference()
        got = {}
        for e in m.Dir(self.dir):
            if e.d_name in (".", ".."):
                continue
            got[e.d_name] = (e.d_type, e.d_ino, e.name_len)
        self.assertEqual(set(got), set(ref))
        for name, (d_type, ino, name_len) in got.items():
            self.assertEqual(ino, ref[name].inode())
            self.assertEqual(name_len, len(name.encode()))
            if ref[name].is_dir(follow_symlinks=False):
                self.assertEqual(d_type, m.DT_DIR)
            else:
                self.assertEqual(d_type, m.DT_REG)

    def test_rewind(self):
        d = m.Dir(self.dir)
        first = sorted(e.d_name for e in d)
        self.assertEqual(list(d), [])
        d.rewind()
        self.assertEqual(sorted(e.d_name for e in d), first)

    def test_entry_keeps_its_dir_alive(self):
        d = m.Dir(self.dir)
        e = next(d)
        name = e.d_name
        del d
        gc.collect()
        self.assertEqual(e.d_name, name)

    def test_entry_is_lent_until_the_next_readdir(self):
        # `lends;`: readdir may reuse its buffer at the next call, so an entry kept
        # past it raises instead of reading what the buffer holds now.
        d = m.Dir(self.dir)
        a = next(d)
        name = a.d_name
        b = next(d)
        with self.assertRaises(ValueError) as cm:
            a.d_name
        self.assertIn("no longer valid", str(cm.exception))
        self.assertNotEqual(b.d_name, name)
        d.rewind()                      # `invalidates;`
        with self.assertRaises(ValueError):
            b.d_type
        self.assertEqual(len([e.d_name for e in d]), len(os.listdir(self.dir)) + 2)

    def test_fields_are_read_only(self):
        e = next(m.Dir(self.dir))
        with self.assertRaises(AttributeError):
            e.d_name = "x"
        with self.assertRaises(AttributeError):
            e.name_len = 3

    def test_missing_directory(self):
        with self.assertRaises(m.DirError) as cm:
            m.Dir(os.path.join(self.dir, "missing"))
        self.assertIsInstance(cm.exception, OSError)
        self.assertEqual(cm.exception.errno, errno.ENOENT)
        with self.assertRaises(m.DirError) as cm:
            m.Dir(os.path.join(self.dir, "a.txt"))
        self.assertEqual(cm.exception.errno, errno.ENOTDIR)


if __name__ == "__main__":
    unittest.main()
