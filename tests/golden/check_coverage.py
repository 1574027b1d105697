#!/usr/bin/env python3
"""check_coverage.py: every diagnostic the generator can emit has a golden case.

Finds each gen_diag_error/gen_diag_warning call in gen/ and grammar/, takes the longest
literal piece of its message (the text between format specifiers), and fails unless some
tests/golden/*/*.err.expected file shows it. A message that no input can trigger is listed
in UNREACHABLE with the reason.

    check_coverage.py REPO_ROOT
"""
import glob
import os
import re
import sys

UNREACHABLE = {
    # gen_yylex_init_extra fails only when malloc does.
    "cannot start the scanner",
}


def messages(root):
    for path in sorted(glob.glob(os.path.join(root, "gen", "*.c")) +
                       glob.glob(os.path.join(root, "grammar", "*"))):
        with open(path) as fh:
            text = fh.read()
        for call in re.finditer(r"gen_diag_(?:error|warning)\(([^;]*?)\);", text, re.S):
            literal = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', call.group(1)))
            pieces = re.split(r"%[-0-9.]*[a-z]+|%%", literal.replace('\\"', '"'))
            yield os.path.relpath(path, root), literal, max(pieces, key=len)


def main():
    root = sys.argv[1]
    shown = "".join(open(p).read()
                    for p in glob.glob(os.path.join(root, "tests", "golden", "*", "*.err.expected")))
    missing = [(path, literal) for path, literal, piece in messages(root)
               if piece.strip() and piece not in shown and literal not in UNREACHABLE]
    for path, literal in missing:
        print("%s: no golden case shows the diagnostic \"%s\"" % (path, literal))
    total = sum(1 for _ in messages(root))
    print("coverage: %d passed, %d failed" % (total - len(missing), len(missing)))
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
