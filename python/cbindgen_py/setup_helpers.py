"""cbindgen_py.setup_helpers: setuptools support for wheels of extension modules built with
cbindgen-py (the role pybind11.setup_helpers plays for pybind11), and the CMake steps that
cbindgen-py's own setup.py shares. A project whose CMakeLists.txt calls
cbindgen_py_add_module() (as examples/foo does, without a project() of its own) needs only

    from cbindgen_py.setup_helpers import setup_modules
    setup_modules(["foo"])

in its setup.py, beside a pyproject.toml with its metadata. The build runs CMake on
wheel_project/ (next to this file), which makes cbindgen_py_add_module() available, adds
the project's directory, and installs each module (and its `<module>.pyi` stub, when the
build made one) into the wheel. The generator comes from, in order:
  1. the environment: cbindgen_py_DIR (the directory of cbindgen_pyConfig.cmake) or
     CBINDGEN_PY_DIR (an install prefix, that directory, or a source checkout);
  2. the installed cbindgen_py package this module belongs to (pip install cbindgen-py);
  3. the cbindgen-py checkout this module sits in (built there with flex and bison).
"""
import os
import re
import subprocess
import sys

from setuptools import Extension
from setuptools import setup as _setup
from setuptools.command.build_ext import build_ext as _build_ext

_HERE = os.path.dirname(os.path.abspath(__file__))
_CONFIG = "cbindgen_pyConfig.cmake"


def cmake_build(source_dir, build_dir, prefix, defines, target=None):
    """Configure source_dir in build_dir (with -D of every (name, value) of defines), build
    it (only `target`, if given) and install it into prefix, in Release mode, with
    CMAKE_BUILD_PARALLEL_LEVEL jobs (default: every core). $CMAKE names cmake."""
    cmake = os.environ.get("CMAKE", "cmake")
    jobs = os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL") or str(os.cpu_count() or 1)
    configure = [cmake, "-S", source_dir, "-B", build_dir, "-DCMAKE_BUILD_TYPE=Release"]
    configure += ["-D%s=%s" % item for item in defines]
    build = [cmake, "--build", build_dir, "--parallel", jobs]
    if target:
        build += ["--target", target]
    for command in (configure, build, [cmake, "--install", build_dir, "--prefix", prefix]):
        print(" ".join(command), flush=True)
        subprocess.check_call(command)


def _is_checkout(path):
    try:
        with open(os.path.join(path, "CMakeLists.txt")) as f:
            return re.search(r"project\(\s*cbindgen_py\b", f.read()) is not None
    except OSError:
        return False


def _from_setting(name, path):
    """(config dir, checkout) of what an environment setting names, or an error."""
    candidates = [path, os.path.join(path, "lib", "cmake", "cbindgen_py")]
    for candidate in candidates:
        if os.path.isfile(os.path.join(candidate, _CONFIG)):
            return os.path.abspath(candidate), ""
    if name == "CBINDGEN_PY_DIR" and _is_checkout(path):
        return "", os.path.abspath(path)
    raise SystemExit("cbindgen_py: %s=%s holds no %s%s" % (
        name, path, _CONFIG, " and is no cbindgen-py checkout" if name == "CBINDGEN_PY_DIR"
        else ""))


def find_cbindgen_py():
    """Where the generator comes from: (config dir, checkout, how it was found), exactly one
    of the first two non-empty; see the module's docstring for the order."""
    for name in ("cbindgen_py_DIR", "CBINDGEN_PY_DIR"):
        if os.environ.get(name):
            return _from_setting(name, os.environ[name]) + ("$" + name,)
    config_dir = os.path.join(_HERE, "lib", "cmake", "cbindgen_py")
    if os.path.isfile(os.path.join(config_dir, _CONFIG)):
        return config_dir, "", "the installed cbindgen_py package"
    checkout = os.path.dirname(os.path.dirname(_HERE))
    if _is_checkout(checkout):
        return "", checkout, "the checkout"
    raise SystemExit("cbindgen_py: no generator: set cbindgen_py_DIR or CBINDGEN_PY_DIR, "
                     "or pip install the cbindgen-py checkout")


class CbindgenPyExtension(Extension):
    """A top-level extension module that the CMakeLists.txt of source_dir builds with
    cbindgen_py_add_module(<name> ...); setuptools compiles nothing itself."""

    def __init__(self, name, source_dir=os.curdir):
        if not re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", name):
            # A module inside a package would need the package's layout in the wheel too.
            raise SystemExit("cbindgen_py: %r is not a top-level module name" % name)
        super().__init__(name, sources=[])
        self.source_dir = os.path.abspath(source_dir)


class build_ext(_build_ext):
    """Builds every CbindgenPyExtension of one source directory in one CMake run."""

    def build_extensions(self):
        source_dirs = {ext.source_dir for ext in self.extensions}
        if len(source_dirs) != 1:
            raise SystemExit("cbindgen_py: the extensions come from several directories: %s"
                             % ", ".join(sorted(source_dirs)))
        config_dir, checkout, how = find_cbindgen_py()
        print("cbindgen_py: the generator from %s: %s" % (how, config_dir or checkout),
              flush=True)
        paths = [os.path.abspath(self.get_ext_fullpath(ext.name)) for ext in self.extensions]
        cmake_build(os.path.join(_HERE, "wheel_project"),
                    os.path.join(os.path.abspath(self.build_temp), "cmake"),
                    os.path.dirname(paths[0]), [
                        ("Python3_EXECUTABLE", sys.executable),
                        ("cbindgen_py_DIR", config_dir),
                        ("CBPY_CHECKOUT", checkout),
                        ("CBPY_PROJECT_DIR", source_dirs.pop()),
                        ("CBPY_MODULES", ";".join(ext.name for ext in self.extensions)),
                    ])
        for path in paths:
            if not os.path.isfile(path):  # e.g. CMake built for another Python's suffix
                raise SystemExit("cbindgen_py: the build installed no %s" % path)


def setup_modules(modules, source_dir=os.curdir, **kwargs):
    """setuptools.setup() for a directory whose CMakeLists.txt builds each (top-level) module
    of `modules` with cbindgen_py_add_module(<module> ...); the metadata comes from
    pyproject.toml, other keywords go to setup()."""
    kwargs.setdefault("packages", [])
    kwargs.setdefault("py_modules", [])
    # The egg-info goes into setuptools' build/ rather than beside the user's sources.
    options = kwargs.setdefault("options", {})
    egg_base = os.path.join(os.path.abspath(source_dir), "build")
    options.setdefault("egg_info", {}).setdefault("egg_base", egg_base)
    os.makedirs(egg_base, exist_ok=True)
    cmdclass = dict(kwargs.pop("cmdclass", {}), build_ext=build_ext)
    _setup(ext_modules=[CbindgenPyExtension(m, source_dir) for m in modules],
           cmdclass=cmdclass, **kwargs)
