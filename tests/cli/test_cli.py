"""test_cli.py: the cbindgen-py command line as a user meets it: options, defaults, exit
statuses (0 ok, 1 bad input, 2 misuse), and the promise that a failed run writes nothing
and an unchanged run touches nothing. CBPY_GEN names the generator binary."""
import os
import subprocess
import tempfile
import time
import unittest

GEN = os.environ["CBPY_GEN"]
SEED = """#include "foo.h"

foreign_class!(class Foo {
    self_type Foo;
    constructor Foo::new(_: i32) -> Foo;
    fn Foo::set_field(&mut self, _: i32);
    fn Foo::val(&self) -> i32;
});
"""


def run(*args, cwd=None):
    return subprocess.run([GEN, *args], cwd=cwd, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, universal_newlines=True)


class Cli(unittest.TestCase):
    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory(prefix="cbpy-cli-")
        self.dir = self._tmp.name
        self.glue = self.write("glue.in", SEED)

    def tearDown(self):
        self._tmp.cleanup()

    def write(self, name, text):
        path = os.path.join(self.dir, name)
        with open(path, "w") as f:
            f.write(text)
        return path

    def read(self, name):
        with open(os.path.join(self.dir, name)) as f:
            return f.read()

    def test_help_and_version(self):
        for flag in ("-h", "--help"):
            r = run(flag)
            self.assertEqual(r.returncode, 0)
            self.assertIn("usage: cbindgen-py [options] GLUE_FILE", r.stdout)
            self.assertIn("--module NAME", r.stdout)
        r = run("--version")
        self.assertEqual(r.returncode, 0)
        self.assertRegex(r.stdout, r"^cbindgen-py \d+\.\d+\.\d+\n$")

    def test_defaults_follow_the_glue_file_stem(self):
        r = run("glue.in", cwd=self.dir)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("PyInit_glue(void)", self.read("glue.c"))
        self.assertIn('set(CBINDGEN_PY_MODULE "glue")', self.read("glue.cmake"))

    def test_output_module_and_fragment_options(self):
        r = run(self.glue, "--output=" + os.path.join(self.dir, "out.c"), "--module", "foo",
                "--fragment", os.path.join(self.dir, "frag.txt"))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("PyInit_foo(void)", self.read("out.c"))
        self.assertIn('"${CMAKE_CURRENT_LIST_DIR}/out.c"', self.read("frag.txt"))
        self.assertFalse(os.path.exists(os.path.join(self.dir, "out.cmake")))

    def test_misuse_exits_2(self):
        cases = [(), ("--bogus", self.glue), (self.glue, "-o"), (self.glue, self.glue),
                 (self.glue, "--module", "not-an-identifier")]
        for args in cases:
            with self.subTest(args=args):
                r = run(*args)
                self.assertEqual(r.returncode, 2)
                self.assertIn("cbindgen-py: error:", r.stderr)
                self.assertIn("Try 'cbindgen-py --help'", r.stderr)
        r = run(self.write("my-lib.in", SEED), "-o", os.path.join(self.dir, "x.c"))
        self.assertEqual(r.returncode, 2)
        self.assertIn("'my-lib' is not a valid module name", r.stderr)

    def test_missing_input_exits_1(self):
        r = run(os.path.join(self.dir, "nope.in"), "-o", os.path.join(self.dir, "nope.c"))
        self.assertEqual(r.returncode, 1)
        self.assertIn("nope.in: error: cannot open glue file: No such file or directory",
                      r.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.dir, "nope.c")))

    def test_unwritable_output_exits_1_without_leftovers(self):
        out = os.path.join(self.dir, "no", "such", "dir", "glue.c")
        r = run(self.glue, "-o", out)
        self.assertEqual(r.returncode, 1)
        self.assertIn("cannot write", r.stderr)
        self.assertEqual(sorted(os.listdir(self.dir)), ["glue.in"])

    def test_bad_input_leaves_previous_output_untouched(self):
        out = os.path.join(self.dir, "glue.c")
        self.assertEqual(run(self.glue, "-o", out).returncode, 0)
        before = self.read("glue.c")
        bad = self.write("glue.in", SEED.replace("-> i32;", "-> i32"))
        r = run(bad, "-o", out)
        self.assertEqual(r.returncode, 1)
        self.assertRegex(r.stderr, r"glue.in:8:1: error: expected .* before '}'")
        self.assertEqual(self.read("glue.c"), before)
        self.assertEqual(sorted(os.listdir(self.dir)), ["glue.c", "glue.cmake", "glue.in"])

    def test_unchanged_output_is_not_rewritten(self):
        out = os.path.join(self.dir, "glue.c")
        self.assertEqual(run(self.glue, "-o", out).returncode, 0)
        past = time.time() - 1000
        os.utime(out, (past, past))
        self.assertEqual(run(self.glue, "-o", out).returncode, 0)
        self.assertEqual(os.stat(out).st_mtime, past)
        self.write("glue.in", SEED.replace("set_field", "set_value"))
        self.assertEqual(run(self.glue, "-o", out).returncode, 0)
        self.assertNotEqual(os.stat(out).st_mtime, past)
        self.assertIn("Foo_set_value", self.read("glue.c"))


if __name__ == "__main__":
    unittest.main()
