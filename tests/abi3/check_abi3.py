"""check_abi3.py: the abi3 test's proof that a module is limited to CPython 3.10's stable ABI.

    check_abi3.py --python310 PYTHON MODULE.abi3.so...

Each module's name ends in .abi3.so, it needs no libpython (no DT_NEEDED entry for one), and
every Py*/_Py* symbol it leaves undefined (nm -D --undefined-only) is
  1. declared by CPython 3.10's own headers when Py_LIMITED_API is 0x030a0000 (the C
     preprocessor run over <Python.h> from PYTHON's include directory, so a name the
     Limited API gained in 3.11 or later, or one only the full API has, is missing), and
  2. one of the stable ABI's symbols, as the newest CPython under pyenv lists them in its
     test/test_stable_abi_ctypes.py (generated from Misc/stable_abi.toml): this drops what
     the limited headers declare only for their macros' own use. Skipped (with a note) when
     no such file is found.
Nothing is bundled: both lists come from the interpreters on the machine. Exit status 77
(ctest's skip) when PYTHON is empty: no CPython 3.10 to take the headers from.
"""
import argparse
import ast
import glob
import os
import re
import subprocess
import sys
import sysconfig


def run(*cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, universal_newlines=True, check=True,
                          **kw).stdout


def limited_310_names(python):
    """Every Py/_Py identifier in 3.10's <Python.h>, preprocessed for the 3.10 Limited API."""
    include = run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['include'])")
    text = run(os.environ.get("CC", "cc"), "-E", "-P", "-DPy_LIMITED_API=0x030a0000",
               "-I", include.strip(), "-x", "c", "-", input="#include <Python.h>\n")
    return set(re.findall(r"\b_?Py\w+", text))


def stable_abi_names():
    """The stable ABI's symbols per the newest test_stable_abi_ctypes.py found, or None."""
    roots = [os.environ.get("PYENV_ROOT", ""), os.path.expanduser("~/.pyenv")]
    files = [f for r in roots if r
             for f in glob.glob(os.path.join(r, "versions/3.*/lib/python3.*/test/"
                                             "test_stable_abi_ctypes.py"))]
    here = os.path.join(sysconfig.get_paths()["stdlib"], "test", "test_stable_abi_ctypes.py")
    if os.path.exists(here):
        files.append(here)
    if not files:
        return None
    newest = max(files, key=lambda f: [int(x) for x in
                                       re.search(r"python3\.(\d+)", f).groups()])
    names = set()
    for node in ast.walk(ast.parse(open(newest).read())):
        targets = getattr(node, "targets", None) or [getattr(node, "target", None)]
        if any(isinstance(t, ast.Name) and t.id == "SYMBOL_NAMES" for t in targets):
            names.update(c.value for c in ast.walk(node.value)
                         if isinstance(c, ast.Constant) and isinstance(c.value, str))
    return names


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--python310", default="")
    parser.add_argument("modules", nargs="+")
    args = parser.parse_args()
    if not args.python310:
        print("no CPython 3.10 under pyenv: its Limited-API headers are the reference")
        return 77
    declared = limited_310_names(args.python310)
    stable = stable_abi_names()
    if stable is None:
        print("note: no test_stable_abi_ctypes.py found; checking the 3.10 headers only")
    problems = []
    for path in args.modules:
        if not path.endswith(".abi3.so"):
            problems.append("%s: not named *.abi3.so" % path)
        needed = re.findall(r"\(NEEDED\).*\[(.*)\]", run("readelf", "-d", path))
        problems += ["%s: needs %s" % (path, n) for n in needed if "libpython" in n]
        undefined = {line.split()[-1].split("@")[0]
                     for line in run("nm", "-D", "--undefined-only", path).splitlines()
                     if line.strip()}
        for sym in sorted(s for s in undefined if re.match(r"_?Py", s)):
            if sym not in declared:
                problems.append("%s: %s is not in CPython 3.10's Limited API" % (path, sym))
            elif stable is not None and sym not in stable:
                problems.append("%s: %s is not a stable ABI symbol" % (path, sym))
        print("%s: %d Python symbols, all in the 3.10 stable ABI"
              % (os.path.basename(path), len([s for s in undefined if re.match(r"_?Py", s)])))
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
