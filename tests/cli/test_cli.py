"""test_cli.py: the cbindgen-py command line as a user meets it: options, defaults, exit
statuses (0 ok, 1 bad input, 2 misuse), and the promise that a failed run writes nothing
and an unchanged run touches nothing. CBPY_GEN names the generator binary."""
import os
import subprocess
import tempfile
import time
import unittest

GEN = os.environ["CBPY_GEN"]
CC = os.environ.get("CBPY_CC", "cc")
INCLUDES = os.environ.get("CBPY_INCLUDES", "").split(":")
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

    def test_stub_option_writes_the_pyi(self):
        stub = os.path.join(self.dir, "stubs", "glue.pyi")
        os.mkdir(os.path.dirname(stub))
        r = run(self.glue, "-o", os.path.join(self.dir, "glue.c"), "--stub", stub)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(stub, "rb") as f:
            first = f.read()
        text = first.decode()
        self.assertIn("class Foo:\n", text)
        self.assertIn("    def __new__(cls, arg1: int, /) -> Foo: ...\n", text)
        self.assertIn("    def set_field(self, arg1: int, /) -> None:\n"
                      "        \"\"\"set_field(arg1: int) -> None\"\"\"\n", text)
        self.assertIn("    def val(self) -> int:\n", text)
        # Identical input, identical bytes; and no stub unless asked for.
        os.remove(stub)
        self.assertEqual(run(self.glue, "-o", os.path.join(self.dir, "glue.c"), "--stub=" + stub)
                         .returncode, 0)
        with open(stub, "rb") as f:
            self.assertEqual(f.read(), first)
        self.assertEqual(sorted(os.listdir(self.dir)),
                         ["glue.c", "glue.cmake", "glue.in", "stubs"])

    def test_stub_follows_the_output_rules(self):
        # Bad glue: no stub; a stub file the generator did not write is never overwritten.
        bad = self.write("bad.in", SEED.replace("-> i32;", "-> i32"))
        r = run(bad, "-o", os.path.join(self.dir, "bad.c"), "--stub",
                os.path.join(self.dir, "bad.pyi"))
        self.assertEqual(r.returncode, 1)
        self.assertEqual(sorted(os.listdir(self.dir)), ["bad.in", "glue.in"])
        self.write("glue.pyi", "def handwritten() -> None: ...\n")
        r = run(self.glue, "-o", os.path.join(self.dir, "glue.c"), "--stub",
                os.path.join(self.dir, "glue.pyi"))
        self.assertEqual(r.returncode, 1)
        self.assertIn("refusing to overwrite", r.stderr)
        self.assertEqual(self.read("glue.pyi"), "def handwritten() -> None: ...\n")
        self.assertFalse(os.path.exists(os.path.join(self.dir, "glue.c")))
        self.assertEqual(run(self.glue, "--stub").returncode, 2)

    def test_misuse_exits_2(self):
        cases = [(), ("--bogus", self.glue), (self.glue, "-o"), (self.glue, self.glue),
                 (self.glue, "--module", "not-an-identifier"), (self.glue, "-Wbogus"),
                 (self.glue, "-Wno-bogus")]
        for args in cases:
            with self.subTest(args=args):
                r = run(*args)
                self.assertEqual(r.returncode, 2)
                self.assertIn("cbindgen-py: error:", r.stderr)
                self.assertIn("Try 'cbindgen-py --help'", r.stderr)
        r = run(self.write("my-lib.in", SEED), "-o", os.path.join(self.dir, "x.c"))
        self.assertEqual(r.returncode, 2)
        self.assertIn("'my-lib' is not a valid module name", r.stderr)

    def test_limited_api(self):
        """--limited-api 3.X defines Py_LIMITED_API before Python.h and says so in the
        fragment; only 3.10 to 3.13 are taken. Without it nothing of this appears."""
        for version, hex_value in (("3.10", "0x030a0000"), ("3.13", "0x030d0000")):
            with self.subTest(version=version):
                r = run(self.glue, "-o", os.path.join(self.dir, "a.c"), "--limited-api", version)
                self.assertEqual(r.returncode, 0, r.stderr)
                c = self.read("a.c")
                self.assertLess(c.index("#define Py_LIMITED_API %s\n" % hex_value),
                                c.index("#include <Python.h>"))
                self.assertIn('set(CBINDGEN_PY_LIMITED_API "%s")' % hex_value,
                              self.read("a.cmake"))
        r = run(self.glue, "-o", os.path.join(self.dir, "b.c"))
        self.assertNotIn("Py_LIMITED_API", self.read("b.c") + self.read("b.cmake"))
        for bad in ("3.9", "3.14", "abi3", "3.10.1"):
            with self.subTest(bad=bad):
                r = run(self.glue, "--limited-api=" + bad)
                self.assertEqual(r.returncode, 2)
                self.assertIn("--limited-api '%s' is not a version from 3.10 to 3.13" % bad,
                              r.stderr)

    def test_missing_input_exits_1(self):
        r = run(os.path.join(self.dir, "nope.in"), "-o", os.path.join(self.dir, "nope.c"))
        self.assertEqual(r.returncode, 1)
        self.assertIn("nope.in: error: cannot open glue file: No such file or directory",
                      r.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.dir, "nope.c")))

    def test_nesting_deeper_than_the_parser_stack_is_one_error(self):
        # bison's own message (passed through as "%s"): a type nested 12,000 deep
        deep = self.write("deep.in", "fn f(a: " + "Option<\n" * 12000 + "i32" + ">" * 12000
                          + ");\n")
        r = run(deep, "-o", os.path.join(self.dir, "deep.c"))
        self.assertEqual(r.returncode, 1)
        self.assertRegex(r.stderr, r"deep\.in:\d+:\d+: error: memory exhausted\n")
        self.assertEqual(r.stderr.count("error:"), 1)
        self.assertFalse(os.path.exists(os.path.join(self.dir, "deep.c")))

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
        # Reported where the ';' belongs, after the line's last token.
        self.assertRegex(r.stderr, r"glue.in:7:30: error: expected .* before '}'")
        self.assertEqual(self.read("glue.c"), before)
        self.assertEqual(sorted(os.listdir(self.dir)), ["glue.c", "glue.cmake", "glue.in"])

    def test_never_overwrites_a_file_it_did_not_generate(self):
        source = self.write("glue.c", "int my_library_code(void) { return 1; }\n")
        r = run(self.glue, "-o", source)
        self.assertEqual(r.returncode, 1)
        self.assertIn("refusing to overwrite '%s': it exists and was not generated by "
                      "cbindgen-py" % source, r.stderr)
        self.assertEqual(self.read("glue.c"), "int my_library_code(void) { return 1; }\n")
        self.assertFalse(os.path.exists(os.path.join(self.dir, "glue.cmake")))

    def test_fragment_elsewhere_names_the_source_by_absolute_path(self):
        os.mkdir(os.path.join(self.dir, "c"))
        os.mkdir(os.path.join(self.dir, "cmake"))
        r = run("glue.in", "-o", "c/glue.c", "--fragment", "cmake/glue.cmake", cwd=self.dir)
        self.assertEqual(r.returncode, 0, r.stderr)
        expected = os.path.join(os.path.realpath(self.dir), "c", "glue.c")
        self.assertIn('set(CBINDGEN_PY_SOURCE "%s")' % expected, self.read("cmake/glue.cmake"))

    def test_standard_input_is_refused_clearly(self):
        r = run("-", "-o", os.path.join(self.dir, "x.c"))
        self.assertEqual(r.returncode, 2)
        self.assertIn("reading the glue file from standard input is not supported", r.stderr)

    def test_warning_options(self):
        self.write("w.in", "foreign_class!(class Foo {\n    /// x\n    self_type Foo;\n"
                           "    destructor foo_free;\n});\n")
        out = os.path.join(self.dir, "w.c")
        r = run("w.in", "-o", out, cwd=self.dir)
        self.assertEqual(r.returncode, 0)
        self.assertIn("w.in:3:5: warning: a doc comment before 'self_type' documents nothing",
                      r.stderr)
        self.assertIn("[-Wunused-doc]", r.stderr)
        self.assertIn("[-Wunreachable-class]", r.stderr)
        self.assertTrue(r.stderr.endswith("2 warnings generated.\n"))
        r = run("w.in", "-o", out, "-Wno-unused-doc", cwd=self.dir)
        self.assertNotIn("unused-doc", r.stderr)
        self.assertEqual(run("w.in", "-o", out, "-w", cwd=self.dir).stderr, "")
        os.remove(out)
        r = run("w.in", "-o", out, "-Werror", cwd=self.dir)
        self.assertEqual(r.returncode, 1)
        self.assertIn("[-Werror=unused-doc]", r.stderr)
        self.assertTrue(r.stderr.endswith("2 errors generated.\n"))
        self.assertFalse(os.path.exists(out))

    def test_compiler_errors_point_at_the_glue_line(self):
        """A glue signature that disagrees with the C header fails to compile, and #line
        makes the compiler name the glue file and line, not the generated C."""
        self.write("foo.h", "#include <stdint.h>\ntypedef struct Foo { int32_t v; } Foo;\n"
                            "Foo Foo_new(int32_t v);\nint32_t Foo_val(const Foo *f);\n")
        self.write("glue.in", SEED)  # declares Foo_set_field, which foo.h does not have
        out = os.path.join(self.dir, "glue.c")
        self.assertEqual(run(self.glue, "-o", out).returncode, 0)
        flags = ["-I" + self.dir] + ["-I" + i for i in INCLUDES if i]
        r = subprocess.run([CC, "-std=c11", "-c", out, "-o", os.devnull] + flags,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           universal_newlines=True)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("glue.in:6:", r.stderr)
        self.assertIn("Foo_set_field", r.stderr)

    def compile_glue(self, header, glue):
        """Generates glue.c from the glue text and compiles it: the compiler's result."""
        self.write("lib.h", header)
        self.write("glue.in", glue)
        out = os.path.join(self.dir, "glue.c")
        self.assertEqual(run(self.glue, "-o", out).returncode, 0)
        flags = ["-I" + self.dir] + ["-I" + i for i in INCLUDES if i]
        return subprocess.run([CC, "-std=c11", "-Wall", "-Wextra", "-Wpedantic", "-Werror",
                               "-c", out, "-o", os.devnull] + flags,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              universal_newlines=True)

    def test_library_typedef_disagreeing_with_the_glue_fails_at_its_line(self):
        """`type NAME = T;` where the library's NAME is another size or signedness fails to
        compile with a static assertion at that glue line, instead of converting wrongly."""
        header = ("#include <stdint.h>\ntypedef int64_t big_t;\ntypedef uint32_t flags_t;\n"
                  "int use(big_t a, flags_t b);\n")
        bad = self.compile_glue(header, '#include "lib.h"\n\ntype big_t = i32;\n'
                                        "type flags_t = i32;\n"
                                        "fn use(a: big_t, b: flags_t) -> i32;\n")
        self.assertNotEqual(bad.returncode, 0)
        self.assertIn("glue.in:3:", bad.stderr)
        self.assertIn("type big_t is not the size and signedness of i32", bad.stderr)
        self.assertIn("glue.in:4:", bad.stderr)
        self.assertIn("type flags_t is not the size and signedness of i32", bad.stderr)
        good = self.compile_glue(header, '#include "lib.h"\n\ntype big_t = i64;\n'
                                         "type flags_t = u32;\n"
                                         "fn use(a: big_t, b: flags_t) -> i32;\n")
        self.assertEqual(good.returncode, 0, good.stderr)

    def test_message_and_release_calls_carry_the_glue_line(self):
        """The message read from a handle and the handle's release on failure are calls
        into the library: a mistake in them is reported at the glue line that asked."""
        header = ("typedef struct db db;\nint db_open(const char *p, db **out);\n"
                  "int db_close(db *d);\n")
        r = self.compile_glue(header, '#include "lib.h"\n'
                                      "foreign_error!(error E { status; message db_errmsg(self); });\n"
                                      "foreign_class!(class Db {\n"
                                      "    self_type db;\n"
                                      "    destructor db_close;\n"
                                      "    constructor db_open(p: &str, d: out db *) -> Result<(), E>;\n"
                                      "});\n")
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("glue.in:6:", r.stderr)
        self.assertIn("db_errmsg", r.stderr)

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
