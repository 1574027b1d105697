#!/usr/bin/env python3
"""run_hostile.py [--wrap CMD] [--timeout S] FILE...: runs every function named attack_*
of each attack file FILE, each in a Python subprocess of its own, and fails if any of
them fails: an exception other than what the attack expects (the attack asserts that
itself), a crash (a signal, or an ASan/UBSan report, which exits non-zero), or a hang (a
timeout). Prints one line per attack, and the output of those that failed.

--wrap runs each attack's interpreter under another command, e.g. --wrap "valgrind -q
--error-exitcode=99" (the suite's hostile.valgrind test): the wrapper's own failure
status fails the attack. --timeout sets each attack's limit in seconds (default 120);
a wrapper that slows Python down needs more."""
import argparse
import importlib.util
import os
import shlex
import subprocess
import sys


def attacks(path):
    spec = importlib.util.spec_from_file_location("attacks", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return sorted(name for name in vars(mod) if name.startswith("attack_"))


def run_one(path, name, wrap, timeout):
    code = ("import importlib.util, sys\n"
            "spec = importlib.util.spec_from_file_location('attacks', %r)\n"
            "mod = importlib.util.module_from_spec(spec)\n"
            "spec.loader.exec_module(mod)\n"
            "mod.%s()\n"
            "print('survived')\n" % (path, name))
    try:
        done = subprocess.run(wrap + [sys.executable, "-c", code], capture_output=True,
                              text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return False, "timed out after %d s" % timeout
    ok = done.returncode == 0 and done.stdout.strip().endswith("survived")
    return ok, "exit status %d\n%s%s" % (done.returncode, done.stdout, done.stderr)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wrap", default="", help="a command to run each attack under")
    parser.add_argument("--timeout", type=float, default=120, help="seconds per attack")
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    wrap = shlex.split(args.wrap)
    total = failed = 0
    for path in (os.path.abspath(f) for f in args.files):
        names = attacks(path)
        if not names:
            print("%s: no attack_* functions" % path)
            return 1
        for name in names:
            ok, detail = run_one(path, name, wrap, args.timeout)
            label = name if len(args.files) == 1 else "%s:%s" % (os.path.basename(path), name)
            print("%-60s %s" % (label, "ok" if ok else "FAILED"), flush=True)
            total += 1
            if not ok:
                failed += 1
                print(detail)
    print("%d attacks, %d failed" % (total, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
