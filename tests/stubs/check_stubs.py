#!/usr/bin/env python3
"""check_stubs.py: checks the .pyi stub the generator wrote beside a built module.

    check_stubs.py stubtest --mypy-python PY --dir DIR MODULE
        mypy's stubtest must find no difference between DIR/MODULE.pyi and the module
        imported from DIR (no allowlist); and the stub's docstrings must be the module's
        __doc__ strings (stubtest does not compare those): of the module, its classes, their
        methods and properties, and its functions.
    check_stubs.py client --mypy-python PY --dir DIR CLIENT.py
        `mypy --strict` must accept CLIENT.py without its one line marked
        `# wrong: CODE`, and reject it with that line: exactly one error, on that line,
        with error code CODE.

PY is an interpreter that has mypy (Debian's python3-mypy: /usr/bin/python3). stubtest
imports the module into PY, so PY must be the CPython minor version the module was built
for (a module built for pyenv's 3.11.7 loads in Debian's 3.11.2: one ABI). mypy runs in a
fresh temporary directory with DIR as MYPYPATH (and PYTHONPATH, for stubtest), so neither
a cache nor another stub on the path can make a check pass.
"""
import argparse
import ast
import importlib
import inspect
import os
import re
import subprocess
import sys
import tempfile


def run_mypy(py, directory, tmp, argv):
    """Runs `py -m argv...` in tmp; returns (exit status, output)."""
    env = dict(os.environ, MYPYPATH=directory, PYTHONPATH=directory,
               PYTHONDONTWRITEBYTECODE="1")
    proc = subprocess.run([py, "-m"] + argv, cwd=tmp, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True)
    return proc.returncode, proc.stdout


def check_stubtest(args):
    if not os.path.exists(os.path.join(args.dir, args.target + ".pyi")):
        print("no stub %s.pyi in %s" % (args.target, args.dir))
        return 1
    with tempfile.TemporaryDirectory(prefix="cbpy-stubtest-") as tmp:
        rc, out = run_mypy(args.mypy_python, args.dir, tmp, ["mypy.stubtest", args.target])
    print(out, end="")
    if rc != 0 or "Success" not in out:
        print("stubtest found differences between %s.pyi and the module" % args.target)
        return 1
    problems, compared = docs_differ(args.target, args.dir)
    for p in problems:
        print(p)
    print("%d docstrings compared, %d differ" % (compared, len(problems)))
    return 1 if problems else 0


def docs_differ(module, directory):
    """The places where the stub's docstrings are not the runtime's __doc__, and how many
    were compared. A def or class without a docstring in the stub is compared too (the
    runtime must have none), except where the runtime's doc is CPython's own: slot wrappers
    and __new__ (dunders), an enum's default, the stub's private Protocols."""
    sys.path.insert(0, directory)
    runtime = importlib.import_module(module)
    with open(os.path.join(directory, module + ".pyi")) as fh:
        tree = ast.parse(fh.read())
    problems, compared = [], [0]

    def compare(where, node, obj, optional=False):
        got = ast.get_docstring(node)
        doc = obj.__doc__ if isinstance(obj, type) else getattr(obj, "__doc__", None)
        want = inspect.cleandoc(doc) if doc else None
        if got is None and optional:
            return
        compared[0] += 1
        if got != want:
            problems.append("%s: the stub's docstring is %r, the runtime's %r" % (where, got, want))

    def decorators(node):
        return [d.id if isinstance(d, ast.Name) else getattr(d, "attr", "") for d in node.decorator_list]

    def members(where, body, owner):
        seen = set()
        for node in body:
            if not isinstance(node, ast.FunctionDef) or node.name in seen:
                continue  # later overloads and setters: the first def speaks for the name
            seen.add(node.name)
            obj = inspect.getattr_static(owner, node.name, None)
            if isinstance(obj, (staticmethod, classmethod)):
                obj = obj.__func__
            dunder = node.name.startswith("__") and node.name.endswith("__")
            compare("%s.%s" % (where, node.name), node, obj, optional=dunder)

    compare(module, tree, runtime)
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
            cls = getattr(runtime, node.name)
            bases = [ast.unparse(b) for b in node.bases]
            compare("%s.%s" % (module, node.name), node, cls,
                    optional=any(b.startswith("enum.") for b in bases))
            members("%s.%s" % (module, node.name), node.body, cls)
    members(module, tree.body, runtime)
    return problems, compared[0]


def check_client(args):
    with open(args.target) as fh:
        lines = fh.readlines()
    wrong = [(i, m.group(1)) for i, text in enumerate(lines)
             for m in [re.search(r"#\s*wrong:\s*([a-z-]+)\s*$", text)] if m]
    if len(wrong) != 1:
        print("%s: expected exactly one line marked `# wrong: CODE`, found %d"
              % (args.target, len(wrong)))
        return 1
    index, code = wrong[0]
    problems = []
    with tempfile.TemporaryDirectory(prefix="cbpy-client-") as tmp:
        name = os.path.basename(args.target)
        for label, text in (("right", lines[:index] + lines[index + 1:]), ("wrong", lines)):
            with open(os.path.join(tmp, name), "w") as fh:
                fh.writelines(text)
            rc, out = run_mypy(args.mypy_python, args.dir, tmp,
                               ["mypy", "--strict", "--no-error-summary", "--cache-dir",
                                os.path.join(tmp, "cache"), name])
            print("mypy --strict, %s version:\n%s" % (label, out), end="")
            errors = [l for l in out.splitlines() if ": error:" in l]
            if label == "right" and (rc != 0 or errors):
                problems.append("mypy --strict rejects the client without its wrong line")
            if label == "wrong":
                expected = "%s:%d: error:" % (name, index + 1)
                if rc == 0 or len(errors) != 1 or not errors[0].startswith(expected) \
                        or not errors[0].endswith("[%s]" % code):
                    problems.append("expected exactly one error, at line %d with code [%s]"
                                    % (index + 1, code))
    for p in problems:
        print("%s: %s" % (args.target, p))
    return 1 if problems else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("check", choices=["stubtest", "client"])
    ap.add_argument("--mypy-python", required=True)
    ap.add_argument("--dir", required=True, help="the directory of the module and its stub")
    ap.add_argument("target", help="the module name (stubtest) or client script (client)")
    args = ap.parse_args()
    return check_stubtest(args) if args.check == "stubtest" else check_client(args)


if __name__ == "__main__":
    sys.exit(main())
