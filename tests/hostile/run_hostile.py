#!/usr/bin/env python3
"""run_hostile.py FILE: runs every function named attack_* of the attack file FILE, each
in a Python subprocess of its own, and fails if any of them fails: an exception other
than what the attack expects (the attack asserts that itself), a crash (a signal, or an
ASan/UBSan report, which exits non-zero), or a hang (a timeout). Prints one line per
attack, and the output of those that failed."""
import importlib.util
import os
import subprocess
import sys

TIMEOUT = 120


def attacks(path):
    spec = importlib.util.spec_from_file_location("attacks", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return sorted(name for name in vars(mod) if name.startswith("attack_"))


def run_one(path, name):
    code = ("import importlib.util, sys\n"
            "spec = importlib.util.spec_from_file_location('attacks', %r)\n"
            "mod = importlib.util.module_from_spec(spec)\n"
            "spec.loader.exec_module(mod)\n"
            "mod.%s()\n"
            "print('survived')\n" % (path, name))
    try:
        done = subprocess.run([sys.executable, "-c", code], capture_output=True,
                              text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return False, "timed out after %d s" % TIMEOUT
    ok = done.returncode == 0 and done.stdout.strip().endswith("survived")
    return ok, "exit status %d\n%s%s" % (done.returncode, done.stdout, done.stderr)


def main():
    path = os.path.abspath(sys.argv[1])
    names = attacks(path)
    if not names:
        print("%s: no attack_* functions" % path)
        return 1
    failed = 0
    for name in names:
        ok, detail = run_one(path, name)
        print("%-60s %s" % (name, "ok" if ok else "FAILED"))
        if not ok:
            failed += 1
            print(detail)
    print("%d attacks, %d failed" % (len(names), failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
