#!/usr/bin/env python3
"""run_golden.py: golden-file tests of the cbindgen-py generator.

pass/NAME.in must generate exactly pass/NAME.c.expected, pass/NAME.cmake.expected and (with
--stub) pass/NAME.pyi.expected (exit status 0, the same bytes when run twice, and on stderr
nothing, or exactly the warnings in pass/NAME.err.expected). fail/NAME.in must exit with
status 1, print exactly fail/NAME.err.expected on stderr, and write no output file.
A mismatch prints a unified diff; a missing expectation fails. With --update the
expectations are rewritten from what the generator does now: review the diff before you
commit it.

    run_golden.py --gen build/gen/cbindgen-py [--update] [--wrap CMD] [pass/NAME.in ...]

--wrap runs the generator under another command, e.g. --wrap "valgrind -q
--error-exitcode=99 --leak-check=full" (the suite's golden.valgrind test): the outputs must
still match, and the wrapper's own failure status fails the case.

Each case runs in a fresh temporary directory holding a copy of its .in file, so the paths
printed in diagnostics and #line directives are the bare file name on every machine. A case
whose first line is `// args: ...` carries extra command-line options (e.g. -Werror).
"""
import argparse
import difflib
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


WRAP = []


def run_generator(gen, case):
    """Runs the generator on a copy of case; returns (status, stderr, {output name: bytes})."""
    name = os.path.basename(case)
    stem = name[:-len(".in")]
    with tempfile.TemporaryDirectory(prefix="cbpy-golden-") as tmp:
        shutil.copy(case, os.path.join(tmp, name))
        with open(case) as fh:
            first = fh.readline()
        extra = first[len("// args:"):].split() if first.startswith("// args:") else []
        proc = subprocess.run(WRAP + [gen, name, "-o", stem + ".c", "--stub", stem + ".pyi"]
                              + extra, cwd=tmp,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        outputs = {}
        for f in sorted(os.listdir(tmp)):
            if f != name:
                with open(os.path.join(tmp, f), "rb") as fh:
                    outputs[f] = fh.read()
    return proc.returncode, proc.stderr, outputs


def compare(label, expected_path, actual, update):
    """Compares actual bytes with an expectation file; returns a list of problems."""
    if update:
        with open(expected_path, "wb") as fh:
            fh.write(actual)
        return []
    if not os.path.exists(expected_path):
        return ["%s: missing expectation %s (run with --update to create it)"
                % (label, os.path.relpath(expected_path, HERE))]
    with open(expected_path, "rb") as fh:
        expected = fh.read()
    if expected == actual:
        return []
    diff = difflib.unified_diff(expected.decode("utf-8", "replace").splitlines(True),
                                actual.decode("utf-8", "replace").splitlines(True),
                                os.path.relpath(expected_path, HERE), "actual output")
    return ["%s: output differs from %s:\n%s"
            % (label, os.path.relpath(expected_path, HERE), "".join(diff))]


def check_pass(gen, case, update):
    stem = os.path.basename(case)[:-len(".in")]
    status, err, outputs = run_generator(gen, case)
    problems = []
    if status != 0:
        return ["%s: expected success, got exit status %d:\n%s"
                % (case, status, err.decode("utf-8", "replace"))]
    # A passing case may warn; its warnings are expected output like any other.
    warnings = os.path.join(os.path.dirname(case), stem + ".err.expected")
    if err or os.path.exists(warnings):
        problems += compare(case, warnings, err, update)
    if sorted(outputs) != sorted([stem + ".c", stem + ".cmake", stem + ".pyi"]):
        problems.append("%s: expected outputs %s.c, %s.cmake and %s.pyi, got %s"
                        % (case, stem, stem, stem, sorted(outputs)))
    _, _, again = run_generator(gen, case)
    if again != outputs:
        problems.append("%s: a second run produced different bytes" % case)
    for suffix in (".c", ".cmake", ".pyi"):
        if stem + suffix in outputs:
            problems += compare(case, os.path.join(os.path.dirname(case),
                                                   stem + suffix + ".expected"),
                                outputs[stem + suffix], update)
    return problems


def check_fail(gen, case, update):
    stem = os.path.basename(case)[:-len(".in")]
    status, err, outputs = run_generator(gen, case)
    problems = []
    if status != 1:
        problems.append("%s: expected exit status 1, got %d" % (case, status))
    if outputs:
        problems.append("%s: a failing run wrote %s" % (case, sorted(outputs)))
    problems += compare(case, os.path.join(os.path.dirname(case), stem + ".err.expected"),
                        err, update)
    return problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gen", required=True, help="path to the cbindgen-py binary")
    ap.add_argument("--update", action="store_true", help="rewrite the expectations")
    ap.add_argument("--wrap", default="", help="a command to run the generator under")
    ap.add_argument("cases", nargs="*", help="cases to run (default: all)")
    args = ap.parse_args()
    WRAP[:] = args.wrap.split()
    gen = os.path.abspath(args.gen)
    cases = [os.path.abspath(c) for c in args.cases] or [
        os.path.join(HERE, kind, f)
        for kind in ("pass", "fail")
        for f in sorted(os.listdir(os.path.join(HERE, kind))) if f.endswith(".in")]
    problems = []
    for case in cases:
        kind = os.path.basename(os.path.dirname(case))
        check = check_pass if kind == "pass" else check_fail
        problems += check(gen, case, args.update)
    for p in problems:
        print(p, file=sys.stderr)
    failed = len(problems)
    print("golden: %d passed, %d failed" % (len(cases) - len({p.split(":")[0] for p in problems}),
                                            len({p.split(":")[0] for p in problems})))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
