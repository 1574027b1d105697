"""test_alloc_failure.py: the generator when memory runs out. For each input it first learns
how many heap allocations a normal run makes (CBINDGEN_PY_COUNT_ALLOC=1), then makes each
of them fail in turn (CBINDGEN_PY_FAIL_ALLOC=N, see docs/cli.md): every such run must exit
with status 3 and the one out-of-memory line after whatever the normal run had printed by
then, and must leave the output directory exactly as it was (no output, no temporary file,
an old output unchanged). The first N past the count must then behave exactly like the
normal run, which shows that the count is exact and so that every allocation was failed
once. With CBPY_WRAP set (the cli.alloc_failure_valgrind test), a few N per input run under
that command instead, e.g. valgrind, to check the failure paths for invalid accesses.
CBPY_GEN names the generator binary."""
import os
import re
import shlex
import subprocess
import sys
import tempfile
import unittest

GEN = os.environ["CBPY_GEN"]
WRAP = shlex.split(os.environ.get("CBPY_WRAP", ""))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OOM = "cbindgen-py: error: out of memory\n"
COUNT = re.compile(r"cbindgen-py: allocations: (\d+)\n\Z")
# Inputs with up to this many allocations have every one failed; beyond, a spread sample
# and the last few (writing the outputs) are. The sanitizer build, where each run costs
# far more, sets a smaller number (CBPY_ALLOC_EXHAUSTIVE).
EXHAUSTIVE = int(os.environ.get("CBPY_ALLOC_EXHAUSTIVE", "200"))
SPREAD = EXHAUSTIVE // 4
TAIL = 10

TINY = """#include "foo.h"

foreign_class!(class Foo {
    self_type Foo;
    constructor Foo::new(_: i32) -> Foo;
    fn Foo::val(&self) -> i32;
});
"""

# Errors from the checks (an unknown type, a bad Option), the scanner (a stray byte, an
# unterminated string) and the parser (missing ';' and ')', with its recovery).
SEVERAL_ERRORS = """foreign_class!(class A {
    self_type A;
    constructor a_new() -> A;
    fn a_put(&mut self, x: nosuchtype);
});
fn h() -> Option<Vec<u8>>;
fn a_name() -> @;
fn a_get() -> i32
fn f(s: &str = "open);
fn g(x: i32;
"""


def read_text(*parts):
    with open(os.path.join(ROOT, *parts)) as f:
        return f.read()


def sample(total):
    """The N to fail for an input whose normal run makes `total` allocations."""
    if WRAP:  # a slow wrapper: the first (reading), the middle, the last (writing)
        return sorted({1, (total + 1) // 2, total})
    ns = set(range(1, min(total, EXHAUSTIVE) + 1))
    if total > EXHAUSTIVE:
        step = max(1, (total - EXHAUSTIVE) // SPREAD)
        ns.update(range(EXHAUSTIVE + 1, total + 1, step))
        ns.update(range(max(EXHAUSTIVE + 1, total - TAIL + 1), total + 1))
    return sorted(ns)


class AllocationFailure(unittest.TestCase):
    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory(prefix="cbpy-oom-")
        self.dir = self._tmp.name

    def tearDown(self):
        self._tmp.cleanup()

    def write(self, name, text):
        with open(os.path.join(self.dir, name), "w") as f:
            f.write(text)

    def state(self):
        """Every file in the working directory, with its bytes."""
        files = {}
        for name in sorted(os.listdir(self.dir)):
            with open(os.path.join(self.dir, name), "rb") as f:
                files[name] = f.read()
        return files

    def restore(self, files):
        for name in os.listdir(self.dir):
            if name not in files:
                os.remove(os.path.join(self.dir, name))
        for name, data in files.items():
            with open(os.path.join(self.dir, name), "wb") as f:
                f.write(data)

    def run_gen(self, args, wrap=(), **hook):
        """The generator in the working directory (relative paths keep the count
        independent of where the directory is), with only the given hook variables."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("CBINDGEN_PY_")}
        env.update(hook)
        return subprocess.run(list(wrap) + [GEN] + args, cwd=self.dir, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              universal_newlines=True)

    def sweep(self, glue_name, text, status, old_outputs_from=None):
        """Fails each allocation of `glue_name` in turn; `status` is its normal exit status.
        With old_outputs_from, the outputs exist before every run, generated from that glue
        text, and must survive each failed run byte for byte."""
        self.write(glue_name, text)
        args = [glue_name, "-o", "out.c", "--module", "m"]
        if old_outputs_from is not None:
            self.write("old.in", old_outputs_from)
            r = self.run_gen(["old.in", "-o", "out.c", "--module", "m"])
            self.assertEqual(r.returncode, 0, r.stderr)
            os.remove(os.path.join(self.dir, "old.in"))
        before = self.state()

        counted = self.run_gen(args, CBINDGEN_PY_COUNT_ALLOC="1")
        self.assertEqual(counted.returncode, status, counted.stderr)
        m = COUNT.search(counted.stderr)
        self.assertIsNotNone(m, counted.stderr)
        total = int(m.group(1))
        normal_err = counted.stderr[:m.start()]
        normal_after = self.state()
        self.assertNotIn(OOM, normal_err)
        if status == 0:
            self.assertNotEqual(normal_after, before)
            self.assertIn("PyInit_m", normal_after["out.c"].decode())
            self.assertIn("out.cmake", normal_after)
        else:
            self.assertRegex(normal_err, r"\n\d+ errors? generated\.\n\Z")
            self.assertEqual(normal_after, before)
        self.restore(before)

        ns = sample(total)
        print("\n%s: %d allocations, %d of them failed%s" % (
            glue_name, total, len(ns), " under " + WRAP[0] if WRAP else ""), file=sys.stderr)
        for n in ns:
            r = self.run_gen(args, WRAP, CBINDGEN_PY_FAIL_ALLOC=str(n))
            where = "%s, allocation %d of %d" % (glue_name, n, total)
            self.assertEqual(r.returncode, 3, "%s: %s" % (where, r.stderr))
            self.assertTrue(r.stderr.endswith(OOM), "%s: %r" % (where, r.stderr))
            # What came before the message is what the normal run had printed by then:
            # nothing, or the diagnostics of a glue file with warnings (printed before
            # lowering starts), never a partial message.
            printed = r.stderr[:-len(OOM)]
            self.assertIn(printed, ("", normal_err), "%s: %r" % (where, r.stderr))
            self.assertEqual(self.state(), before, where)

        # Past the last allocation, the hook fails nothing.
        r = self.run_gen(args, WRAP, CBINDGEN_PY_FAIL_ALLOC=str(total + 1))
        self.assertEqual((r.returncode, r.stderr), (status, normal_err))
        self.assertEqual(self.state(), normal_after)

    def test_tiny_valid_glue(self):
        self.sweep("tiny.in", TINY, 0)

    def test_large_glue_over_existing_outputs(self):
        self.sweep("native.in", read_text("tests", "golden", "pass", "native.in"), 0,
                   old_outputs_from=TINY)

    def test_largest_example(self):
        self.sweep("archive.in", read_text("examples", "archive", "glue.in"), 0)

    def test_warnings_printed_before_lowering(self):
        self.sweep("doc.in", read_text("tests", "golden", "pass", "doc_on_nothing.in"), 0)

    def test_many_errors(self):
        self.sweep("errors.in", read_text("tests", "golden", "fail", "call_plan_problems.in"),
                   1)

    def test_scanner_parser_and_check_errors(self):
        self.sweep("syntax.in", SEVERAL_ERRORS, 1)

    def test_nesting_that_grows_the_parser_stacks(self):
        depth = 105  # two stack entries a level: past bison's first 200, far below its limit
        self.sweep("deep.in", "fn f(a: " + "Option<" * depth + "i32" + ">" * depth + ");\n", 1)

    def test_hook_values_that_are_not_a_positive_number_fail_nothing(self):
        self.write("tiny.in", TINY)
        for value in ("0", "-1", "x", "1x", ""):
            with self.subTest(value=value):
                r = self.run_gen(["tiny.in", "-o", "out.c"], CBINDGEN_PY_FAIL_ALLOC=value)
                self.assertEqual((r.returncode, r.stderr), (0, ""))


if __name__ == "__main__":
    unittest.main()
