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

# Diagnostics whose whole text comes from elsewhere ("%s"), with where each text they can
# carry is shown: bison's own messages reach gen_yyerror (syntax errors have their own
# message, in parser.y); a golden case cannot hold the input for them, a CLI test does.
PASSED_THROUGH = {
    ("grammar/parser.y", "%s"): {"memory exhausted": "tests/cli/test_cli.py"},
}


def messages(root):
    for path in sorted(glob.glob(os.path.join(root, "gen", "*.c")) +
                       glob.glob(os.path.join(root, "grammar", "*"))):
        with open(path) as fh:
            text = fh.read()
        # The arguments: string literals (which may hold ';' or ')') and other text.
        for call in re.finditer(r'gen_diag_(?:error|warning)\(((?:"(?:[^"\\]|\\.)*"|[^;"])*?)\);',
                                text, re.S):
            # The format is the first run of string literals that C joins (separated by
            # white space only); later literals are arguments, such as a ternary's words.
            run = re.search(r'"(?:[^"\\]|\\.)*"(?:\s*"(?:[^"\\]|\\.)*")*', call.group(1))
            literal = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', run.group(0))) if run else ""
            pieces = re.split(r"%[-0-9.]*[a-z]+|%%", literal.replace('\\"', '"'))
            yield os.path.relpath(path, root), literal, max(pieces, key=len)


def main():
    root = sys.argv[1]
    shown = "".join(open(p).read()
                    for p in glob.glob(os.path.join(root, "tests", "golden", "*", "*.err.expected")))
    missing = [(path, literal) for path, literal, piece in messages(root)
               if piece.strip() and piece not in shown and literal not in UNREACHABLE]
    # A message with no text of its own must say where each text it carries is shown.
    for path, literal, piece in messages(root):
        if piece.strip() or literal in UNREACHABLE:
            continue
        shown_in = PASSED_THROUGH.get((path, literal))
        if not shown_in:
            missing.append((path, literal))
            continue
        for text, where in shown_in.items():
            with open(os.path.join(root, where)) as fh:
                if text not in fh.read():
                    missing.append((where, text))
    for path, literal in missing:
        print("%s: no golden case shows the diagnostic \"%s\"" % (path, literal))
    total = sum(1 for _ in messages(root))
    print("coverage: %d passed, %d failed" % (total - len(missing), len(missing)))
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
