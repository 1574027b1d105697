"""check_packaging.py: the packaging.* tests (tests/packaging/CMakeLists.txt). Each works on a
copy of the source tree in its own work directory, offline (pip sees no index and no
configuration), with the interpreter given by --python (Debian's /usr/bin/python3 on CI):

  generator WORK    pip installs the copy into a new venv, then checks the `cbindgen-py`
                    command (version, generation, exit statuses, the standard streams),
                    `python -m cbindgen_py`, the installed wheel's tag, and an outside CMake
                    project that finds the package through --cmake-dir and imports its module.
  wheel WORK EXAMPLE MODE
                    builds examples/EXAMPLE into a wheel with `pip wheel --no-build-isolation
                    --no-deps`, the generator found as MODE says (checkout: the copy itself;
                    installed: the cbindgen_py package of the generator test's venv, --venv;
                    env: $cbindgen_py_DIR naming that package's CMake directory), checks the
                    wheel's name, tag and contents, installs it into a new venv with
                    `pip install --no-index` and runs the example's script.

Both check that the build left nothing in the copy that git would report. Exit status 77
(ctest's SKIP_RETURN_CODE) when the interpreter cannot make a venv with pip, setuptools and
wheel; any failed check exits 1 and says which.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
SKIP = 77

# What each example's script prints: (script, expected output, or the file that holds it).
EXAMPLES = {
    "foo": ("simple.py", "1\n11\n"),
    "geometry": ("demo.py", {"file": "expected_output.txt"}),
}

# How the example's build must say it found the generator, for each MODE.
FOUND = {
    "checkout": "the generator from the checkout: ",
    "installed": "the generator from the installed cbindgen_py package: ",
    "env": "the generator from $cbindgen_py_DIR: ",
}

# The interpreter's wheel tag, computed by that interpreter (PEP 425: cp311-cp311-linux_x86_64).
TAG_SCRIPT = r"""
import sys, sysconfig
impl = {"cpython": "cp"}.get(sys.implementation.name, sys.implementation.name)
soabi = sysconfig.get_config_var("SOABI") or ""
abi = impl + soabi.split("-")[1] if soabi.startswith("cpython-") else "none"
plat = sysconfig.get_platform().replace("-", "_").replace(".", "_")
print("%s%d%d-%s-%s" % (impl, sys.version_info[0], sys.version_info[1], abi, plat))
"""


class Failure(Exception):
    pass


def check(ok, what):
    if not ok:
        raise Failure(what)


def run(command, expect=0, cwd=None, env=None, input=None):
    """Run command; fail unless it exits with `expect`; return (stdout, stderr)."""
    print("$ " + " ".join(command), flush=True)
    start = time.monotonic()
    proc = subprocess.run(command, cwd=cwd, env=env, input=input, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, universal_newlines=True)
    print("  (%.1f s)" % (time.monotonic() - start), flush=True)  # where a slow test spends
    if proc.returncode != expect:
        raise Failure("%s exited with %d, expected %d\n--- stdout\n%s--- stderr\n%s" % (
            " ".join(command), proc.returncode, expect, proc.stdout, proc.stderr))
    return proc.stdout, proc.stderr


def offline_env(**extra):
    """This environment with pip offline and unconfigured and nothing pointing at a
    cbindgen-py; `extra` adds to it."""
    env = dict(os.environ)
    for name in ("cbindgen_py_DIR", "CBINDGEN_PY_DIR", "PYTHONPATH", "PYTHONHOME",
                 "VIRTUAL_ENV", "PIP_FIND_LINKS", "PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL"):
        env.pop(name, None)
    env.update(PIP_CONFIG_FILE=os.devnull, PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1",
               PIP_NO_CACHE_DIR="1", PYTHONNOUSERSITE="1", PYTHONDONTWRITEBYTECODE="1",
               CMAKE_BUILD_PARALLEL_LEVEL=env.get("CMAKE_BUILD_PARALLEL_LEVEL", "2"))
    env.update(extra)
    return env


def source_files(source):
    """The files of the source tree: those git knows (tracked, and new ones not ignored) in a
    checkout; in a source release, all but the top-level build directories."""
    if os.path.exists(os.path.join(source, ".git")):
        listed, _ = run(["git", "-C", source, "ls-files", "-z", "--cached", "--others",
                         "--exclude-standard"])
        return list(filter(None, listed.split("\0")))
    names = []
    for top, dirs, files in os.walk(source):
        if top == source:
            dirs[:] = [d for d in dirs if d != "build" and not d.startswith("build-")]
        names += [os.path.relpath(os.path.join(top, f), source) for f in files]
    return names


def copy_source(source, dest):
    """Copy the source tree into dest, and make dest a git repository with its files
    committed, so that `git status` there shows what a build adds."""
    shutil.rmtree(dest, ignore_errors=True)
    for name in source_files(source):
        path = os.path.join(source, name)
        if os.path.isfile(path):  # a tracked file deleted in the work tree is left out
            os.makedirs(os.path.dirname(os.path.join(dest, name)), exist_ok=True)
            shutil.copy2(path, os.path.join(dest, name))
    run(["git", "init", "-q", dest])
    run(["git", "-C", dest, "add", "-A"])
    run(["git", "-C", dest, "-c", "user.name=check_packaging", "-c", "user.email=none",
         "-c", "commit.gpgsign=false", "commit", "-q", "--no-verify", "-m", "the copy"])


def check_clean(tree):
    status, _ = run(["git", "-C", tree, "status", "--porcelain", "--untracked-files=all"])
    check(status == "", "the build left files in the source tree that git reports:\n" + status)


def make_venv(python, path):
    """A new venv that sees the interpreter's own site-packages, whose pip and setuptools it
    uses (ensurepip would take ~10 s to install copies); exits with SKIP if this interpreter
    cannot make one."""
    shutil.rmtree(path, ignore_errors=True)
    command = [python, "-m", "venv", "--system-site-packages", "--without-pip", path]
    proc = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True)
    if proc.returncode != 0:
        print("SKIP: %s cannot make a venv (python3-venv missing?):\n%s" % (python, proc.stdout))
        sys.exit(SKIP)
    return os.path.join(path, "bin", "python")


def read_wheel_file(dist_info_dir):
    """The WHEEL file of an installed distribution, as {key: [values]}."""
    fields = {}
    with open(os.path.join(dist_info_dir, "WHEEL")) as f:
        for line in f:
            key, _, value = line.partition(":")
            fields.setdefault(key.strip(), []).append(value.strip())
    return fields


def project_version(source):
    with open(os.path.join(source, "CMakeLists.txt")) as f:
        return re.search(r"project\(\s*cbindgen_py\s+VERSION\s+([0-9.]+)", f.read()).group(1)


def check_generator(args):
    work = os.path.abspath(args.work)
    src = os.path.join(work, "src")
    copy_source(args.source, src)
    env = offline_env()
    python = make_venv(args.python, os.path.join(work, "venv"))
    run([python, "-m", "pip", "install", "--no-build-isolation", "--no-index", src], env=env)
    check_clean(src)
    bindir = os.path.dirname(python)
    command = os.path.join(bindir, "cbindgen-py")
    version = project_version(src)

    # The command is on the venv's PATH and is the generator, streams and statuses included.
    path_env = offline_env(PATH=bindir + os.pathsep + os.environ.get("PATH", ""))
    out, err = run(["cbindgen-py", "--version"], env=path_env)
    check(out == "cbindgen-py %s\n" % version and err == "",
          "cbindgen-py --version printed %r, %r" % (out, err))
    gen_dir = os.path.join(work, "gen")
    shutil.rmtree(gen_dir, ignore_errors=True)
    os.makedirs(gen_dir)
    glue = os.path.join(src, "tests", "outside", "outside.in")
    out_c = os.path.join(gen_dir, "out.c")
    run([command, glue, "-o", out_c, "--module", "m"], env=env)
    with open(out_c) as f:
        check("PyInit_m(void)" in f.read(), "out.c defines no PyInit_m")
    check(os.path.isfile(os.path.join(gen_dir, "out.cmake")), "no out.cmake beside out.c")
    # Standard input reaches the generator: the glue read from /dev/stdin.
    with open(glue) as f:
        glue_text = f.read()
    run([command, "/dev/stdin", "-o", os.path.join(gen_dir, "stdin.c"), "--module", "s"],
        env=env, input=glue_text)
    check(os.path.isfile(os.path.join(gen_dir, "stdin.c")), "no stdin.c from /dev/stdin")
    bad = os.path.join(gen_dir, "bad.in")
    with open(bad, "w") as f:
        f.write("foreign_class!(class Bad {\n    fn Bad::f(&self) -> nosuchtype;\n});\n")
    for prefix in ([command], [python, "-m", "cbindgen_py"]):
        out, err = run(prefix + [bad, "-o", os.path.join(gen_dir, "bad.c")], expect=1, env=env)
        check(out == "" and "bad.in:2:" in err and "error" in err,
              "a bad glue file gave stdout %r, stderr %r" % (out, err))
        check(not os.path.exists(os.path.join(gen_dir, "bad.c")), "bad.c was written")
        _, err = run(prefix + ["--no-such-option"], expect=2, env=env)
        check("--no-such-option" in err, "no complaint about --no-such-option: %r" % err)

    # python -m cbindgen_py: the package's own queries, and the generator for the rest.
    out, _ = run([python, "-m", "cbindgen_py", "--version"], env=env)
    check(out == "cbindgen-py %s\n" % version, "python -m cbindgen_py --version: %r" % out)
    out, _ = run([python, "-m", "cbindgen_py", "--cmake-dir"], env=env)
    cmake_dir = out.strip()
    for name in ("cbindgen_pyConfig.cmake", "cbindgen_pyConfigVersion.cmake"):
        check(os.path.isfile(os.path.join(cmake_dir, name)), "no %s in %s" % (name, cmake_dir))
    out, _ = run([python, "-m", "cbindgen_py", "--runtime-dir"], env=env)
    check(os.path.isfile(os.path.join(out.strip(), "cbpy.h")), "no cbpy.h in %r" % out)
    out, _ = run([python, "-m", "cbindgen_py", "--help"], env=env)
    check("--cmake-dir" in out and "usage: cbindgen-py" in out, "--help printed %r" % out)
    run([python, "-m", "cbindgen_py", "--cmake-dir", "extra"], expect=2, env=env)
    out, _ = run([python, "-c", "import cbindgen_py; print(cbindgen_py.__version__)"], env=env)
    check(out == version + "\n", "cbindgen_py.__version__ is %r" % out)

    # The installed wheel: tagged for the platform, not for a Python ABI.
    out, _ = run([python, "-c", "import cbindgen_py, os; print(os.path.dirname("
                  "os.path.dirname(cbindgen_py.__file__)))"], env=env)
    dist_info = os.path.join(out.strip(), "cbindgen_py-%s.dist-info" % version)
    fields = read_wheel_file(dist_info)
    platform = run([python, "-c", TAG_SCRIPT], env=env)[0].strip().split("-", 2)[2]
    check(fields.get("Tag") == ["py3-none-" + platform] and
          fields.get("Root-Is-Purelib") == ["false"], "the generator's WHEEL: %r" % fields)

    # setup_helpers' search for the generator (the wheel tests build with three of its
    # answers): each form of $CBINDGEN_PY_DIR, and a wrong one refused.
    find = [python, "-c", "from cbindgen_py.setup_helpers import find_cbindgen_py as f; "
            "print('|'.join(f()))"]
    prefix = os.path.dirname(os.path.dirname(os.path.dirname(cmake_dir)))
    for setting, want in ((prefix, "%s||$CBINDGEN_PY_DIR" % cmake_dir),
                          (cmake_dir, "%s||$CBINDGEN_PY_DIR" % cmake_dir),
                          (src, "|%s|$CBINDGEN_PY_DIR" % src),
                          ("", "%s||the installed cbindgen_py package" % cmake_dir)):
        out, _ = run(find, env=offline_env(CBINDGEN_PY_DIR=setting))
        check(out == want + "\n", "CBINDGEN_PY_DIR=%s: found %r, expected %r" % (
            setting, out, want))
    _, err = run(find, expect=1, env=offline_env(CBINDGEN_PY_DIR=gen_dir))
    check("holds no cbindgen_pyConfig.cmake and is no cbindgen-py checkout" in err,
          "CBINDGEN_PY_DIR naming no cbindgen-py: %r" % err)

    # An outside project finds the package the way pybind11 users do.
    build = os.path.join(work, "outside-build")
    shutil.rmtree(build, ignore_errors=True)
    run([args.cmake, "-S", os.path.join(HERE, "outside"), "-B", build,
         "-Dcbindgen_py_DIR=" + cmake_dir, "-DPython3_EXECUTABLE=" + args.python], env=env)
    run([args.cmake, "--build", build], env=env)
    out, _ = run([args.python, os.path.join(src, "tests", "outside", "check.py")],
                 env=offline_env(PYTHONPATH=build))
    print(out, end="")


def check_wheel(args):
    work = os.path.abspath(args.work)
    src = os.path.join(work, "src")
    copy_source(args.source, src)
    if args.mode == "checkout":
        builder, env = args.python, offline_env()
    else:
        check(args.venv, "--venv is required for mode " + args.mode)
        venv_python = os.path.join(os.path.abspath(args.venv), "bin", "python")
        if args.mode == "installed":
            builder, env = venv_python, offline_env()
        else:
            cmake_dir = run([venv_python, "-m", "cbindgen_py", "--cmake-dir"])[0].strip()
            builder, env = args.python, offline_env(cbindgen_py_DIR=cmake_dir)
    dist = os.path.join(work, "dist")
    shutil.rmtree(dist, ignore_errors=True)
    example = "examples/" + args.example
    out, err = run([builder, "-m", "pip", "wheel", "--no-build-isolation", "--no-deps", "-v",
                    example, "-w", dist], cwd=src, env=env)
    check(FOUND[args.mode] in out + err, "the build did not say %r" % FOUND[args.mode])
    check_clean(src)

    with open(os.path.join(src, example, "pyproject.toml")) as f:
        version = re.search(r'(?m)^version = "([^"]+)"', f.read()).group(1)
    tag = run([builder, "-c", TAG_SCRIPT])[0].strip()
    wheel = "%s-%s-%s.whl" % (args.example, version, tag)
    check(os.listdir(dist) == [wheel], "%s holds %r, expected only %s" % (
        dist, os.listdir(dist), wheel))
    with zipfile.ZipFile(os.path.join(dist, wheel)) as z:
        names = z.namelist()
        dist_info = "%s-%s.dist-info/" % (args.example, version)
        wheel_fields = z.read(dist_info + "WHEEL").decode()
        metadata = z.read(dist_info + "METADATA").decode()
    check("Tag: %s\n" % tag in wheel_fields and "Root-Is-Purelib: false" in wheel_fields,
          "WHEEL says:\n" + wheel_fields)
    check("Name: %s\n" % args.example in metadata and "Version: %s\n" % version in metadata,
          "METADATA says:\n" + metadata)
    suffix = run([builder, "-c", "import sysconfig; print(sysconfig.get_config_var("
                  "'EXT_SUFFIX'))"])[0].strip()
    modules = [n for n in names if not n.startswith(dist_info)]
    # The stub cbindgen_py_add_module() writes beside the module goes into the wheel too.
    stub = args.example + ".pyi"
    check(sorted(modules) == sorted([args.example + suffix, stub]),
          "the wheel holds %r besides its metadata, expected %s and %s" % (
              modules, args.example + suffix, stub))
    with zipfile.ZipFile(os.path.join(dist, wheel)) as z:
        check(b"class " in z.read(stub), "%s in the wheel is no generated stub" % stub)

    python = make_venv(args.python, os.path.join(work, "run"))
    run([python, "-m", "pip", "install", "--no-index", os.path.join(dist, wheel)],
        env=offline_env())
    venv = os.path.join(work, "run")
    out, _ = run([python, "-c", "import %s; print(%s.__file__)" % (args.example, args.example)],
                 cwd=work, env=offline_env())
    check(out.startswith(venv + os.sep), "%s imported from %s, not the venv" % (
        args.example, out))
    script, expected = EXAMPLES[args.example]
    if isinstance(expected, dict):
        with open(os.path.join(src, example, expected["file"])) as f:
            expected = f.read()
    out, _ = run([python, os.path.join(src, example, script)], cwd=work, env=offline_env())
    check(out == expected, "%s printed:\n%s\nexpected:\n%s" % (script, out, expected))
    print("%s: %s installs, imports and runs %s" % (args.example, wheel, script))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", required=True, help="the cbindgen-py checkout")
    parser.add_argument("--python", required=True, help="the interpreter under test")
    parser.add_argument("--cmake", default="cmake", help="the cmake the builds run")
    parser.add_argument("--venv", help="the generator test's venv (wheel installed/env)")
    sub = parser.add_subparsers(dest="test")
    sub.required = True
    generator = sub.add_parser("generator")
    generator.add_argument("work")
    wheel = sub.add_parser("wheel")
    wheel.add_argument("work")
    wheel.add_argument("example", choices=sorted(EXAMPLES))
    wheel.add_argument("mode", choices=sorted(FOUND))
    args = parser.parse_args()
    # setup.py and cbindgen_py.setup_helpers run the cmake that $CMAKE names.
    os.environ["CMAKE"] = args.cmake
    if not os.path.isfile(args.python):
        print("SKIP: no %s" % args.python)
        return SKIP
    # find_spec, not import: importing pip before setuptools trips setuptools' distutils hack.
    missing = subprocess.run([args.python, "-c", "import importlib.util as u, sys; sys.exit("
                              "' '.join(m for m in ('pip', 'setuptools', 'wheel') if not u.find_spec(m)) or None)"],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if missing.returncode != 0:
        print("SKIP: %s lacks pip, setuptools or wheel (scripts/setup-deps.sh installs them):"
              "\n%s" % (args.python, missing.stdout.decode(errors="replace")))
        return SKIP
    try:
        {"generator": check_generator, "wheel": check_wheel}[args.test](args)
    except Failure as e:
        print("FAIL: %s" % e, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
