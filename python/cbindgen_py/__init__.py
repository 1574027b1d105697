"""cbindgen_py: the cbindgen-py generator installed as a Python package (pip install of the
cbindgen-py checkout). The package holds the native generator and the CMake package that
`cmake --install` makes (bin/, lib/cmake/cbindgen_py/, share/cbindgen_py/runtime/), so a
Python environment can serve a CMake build the way pybind11 does: the `cbindgen-py`
command, `python -m cbindgen_py --cmake-dir` for `-Dcbindgen_py_DIR=...`, and these
functions for build scripts. Run from a checkout's python/ directory (unbuilt), the
functions raise FileNotFoundError; cbindgen_py.setup_helpers still works there.
"""
import os
import sys

_HERE = os.path.dirname(os.path.abspath(__file__))

try:
    from ._version import __version__
except ImportError:  # written by the build (setup.py), so absent in an unbuilt checkout
    __version__ = None

__all__ = ["__version__", "get_cmake_dir", "get_executable", "get_runtime_dir",
           "exec_generator"]


def _installed(*parts):
    path = os.path.join(_HERE, *parts)
    if not os.path.exists(path):
        raise FileNotFoundError(
            "cbindgen_py has no %s: this is not a built package (pip install the "
            "cbindgen-py checkout)" % path)
    return path


def get_executable():
    """The path of the packaged cbindgen-py generator."""
    return _installed("bin", "cbindgen-py.exe" if os.name == "nt" else "cbindgen-py")


def get_cmake_dir():
    """The directory of cbindgen_pyConfig.cmake, for cmake -Dcbindgen_py_DIR=..."""
    config = _installed("lib", "cmake", "cbindgen_py", "cbindgen_pyConfig.cmake")
    return os.path.dirname(config)


def get_runtime_dir():
    """The runtime's C sources and headers (cbpy.h ...), for building a module by hand."""
    return os.path.dirname(_installed("share", "cbindgen_py", "runtime", "cbpy.h"))


def exec_generator(args):
    """Replace this process by the generator run with `args`, so that its arguments,
    standard streams, exit status and signals are exactly the generator's own."""
    try:
        exe = get_executable()
    except FileNotFoundError as e:
        sys.stderr.write("cbindgen-py: error: %s\n" % e)
        sys.exit(3)  # the generator's status for an internal error
    sys.stdout.flush()
    sys.stderr.flush()
    if os.name == "nt":  # no exec() that keeps the console and the status on Windows
        import subprocess
        sys.exit(subprocess.call([exe] + list(args)))
    os.execv(exe, [exe] + list(args))


def _console_script():
    """The `cbindgen-py` command that pip installs: the generator itself."""
    exec_generator(sys.argv[1:])
