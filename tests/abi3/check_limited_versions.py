"""check_limited_versions.py: modules made with `--limited-api 3.11`, `3.12` and `3.13` (the
CLI's other stable-ABI targets; STABLE_ABI uses 3.10) build and work.

    check_limited_versions.py --gen CBINDGEN_PY --runtime DIR --e2e DIR --work DIR
                              [--python 3.N=PATH]...

For each 3.N of 3.11 to 3.13 whose CPython is given, tests/e2e/numbers.in (which declares
`#![per_interpreter_gil]`) is generated with `--limited-api 3.N`, compiled with the runtime
(Py_LIMITED_API=0x030N0000, -Wall -Wextra -Wpedantic -Werror) against that CPython's headers
into e2e_numbers.abi3.so, and imported by that CPython and every later one given: a call
and, on 3.12+, an import in an interpreter with a GIL of its own: accepted for
a Limited API of 3.12+, which declares Py_mod_multiple_interpreters as the glue says, and
refused for one of 3.11, which cannot. Exit status 77 (a
ctest skip) when none of 3.11 to 3.13 is given.
"""
import argparse
import glob
import os
import subprocess
import sys

CHECK = r'''
import os
import sys
import e2e_numbers
assert e2e_numbers.__file__.endswith(".abi3.so"), e2e_numbers.__file__
assert e2e_numbers.Num.echo_i32(-5) == -5
if sys.version_info >= (3, 12):
    try:
        import _interpreters as sub
        interp = sub.create("isolated")
        failure = sub.run_string(interp, "import sys\nsys.path[:] = %r\n"
                                 "import e2e_numbers\nassert e2e_numbers.Num.echo_i32(3) == 3\n"
                                 % sys.path)
    except ImportError:
        import _xxsubinterpreters as sub
        interp = sub.create(isolated=True)
        try:
            failure = sub.run_string(interp, "import sys\nsys.path[:] = %r\n"
                                     "import e2e_numbers\n" % sys.path)
        except sub.RunFailedError as e:
            failure = e
    sub.destroy(interp)
    # Only a Limited API of 3.12+ has the slot: a module made for 3.11 cannot say it
    # supports an own GIL, so such an interpreter refuses it.
    if tuple(map(int, os.environ["BUILT_FOR"].split("."))) >= (3, 12):
        assert failure is None, failure
    else:
        assert "does not support loading in subinterpreters" in str(failure), failure
print("ok", sys.version.split()[0])
'''


def run(*cmd, **kw):
    print("+", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, **kw)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gen", required=True)
    ap.add_argument("--runtime", required=True)
    ap.add_argument("--e2e", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--python", action="append", default=[])
    args = ap.parse_args()
    pythons = dict(p.split("=", 1) for p in args.python if p.split("=", 1)[1])
    versions = [v for v in ("3.11", "3.12", "3.13") if v in pythons]
    if not versions:
        print("no CPython 3.11 to 3.13 under pyenv")
        return 77
    for version in versions:
        minor = int(version.split(".")[1])
        out = os.path.join(args.work, version)
        os.makedirs(out, exist_ok=True)
        glue_c = os.path.join(out, "numbers.c")
        run(args.gen, "--limited-api", version, os.path.join(args.e2e, "numbers.in"),
            "-o", glue_c, "--module", "e2e_numbers")
        include = subprocess.run(
            [pythons[version], "-c", "import sysconfig; print(sysconfig.get_paths()['include'])"],
            stdout=subprocess.PIPE, universal_newlines=True, check=True).stdout.strip()
        run(os.environ.get("CC", "cc"), "-shared", "-fPIC", "-O1", "-std=c11", "-Wall", "-Wextra",
            "-Wpedantic", "-Werror", "-fvisibility=hidden",
            "-DPy_LIMITED_API=0x03%02x0000" % minor, "-I" + include, "-I" + args.runtime,
            "-I" + args.e2e, "-I" + os.path.join(args.e2e, "lib"), glue_c,
            os.path.join(args.e2e, "lib", "numbers.c"),
            *sorted(glob.glob(os.path.join(args.runtime, "*.c"))),
            "-o", os.path.join(out, "e2e_numbers.abi3.so"))
        for later in versions[versions.index(version):]:
            env = dict(os.environ, PYTHONPATH=out, PYTHONDONTWRITEBYTECODE="1",
                       BUILT_FOR=version)
            run(pythons[later], "-c", CHECK, env=env)
    return 0


if __name__ == "__main__":
    sys.exit(main())
