#!/usr/bin/env python3
"""check_mistakes.py: one mistake gives one diagnostic.

Each tests/golden/*/mistake_*.in is a valid glue file with one mistake in it (a deleted or
doubled token, a misspelt keyword, a misplaced doc comment or attribute). Its expected
stderr must hold exactly one error, and no warning, or, for a pass case (a mistake that is
only a warning, such as an unknown attribute), exactly one warning and no error; notes may
follow. That parser recovery reports the mistake once, and nothing after it, is checked
here on every case, not only recorded in the expectations.

    check_mistakes.py REPO_ROOT
"""
import glob
import os
import re
import sys

MIN_CASES = 40


def main():
    root = os.path.join(sys.argv[1], "tests", "golden")
    cases = sorted(glob.glob(os.path.join(root, "*", "mistake_*.in")))
    problems = []
    for case in cases:
        kind = os.path.basename(os.path.dirname(case))
        expected = case[:-len(".in")] + ".err.expected"
        if not os.path.exists(expected):
            problems.append("%s: no %s" % (case, os.path.basename(expected)))
            continue
        with open(expected) as fh:
            text = fh.read()
        errors = len(re.findall(r"^\S+:\d+:\d+: error: ", text, re.M))
        warnings = len(re.findall(r"^\S+:\d+:\d+: warning: ", text, re.M))
        want = (0, 1) if kind == "pass" else (1, 0)
        if (errors, warnings) != want:
            problems.append("%s: %d errors and %d warnings, expected %d and %d"
                            % (os.path.relpath(case, root), errors, warnings, *want))
    if len(cases) < MIN_CASES:
        problems.append("only %d mistake_* cases, expected at least %d" % (len(cases), MIN_CASES))
    for p in problems:
        print(p)
    print("mistakes: %d cases, %d problems" % (len(cases), len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
