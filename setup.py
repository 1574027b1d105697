"""setup.py: builds the cbindgen-py generator into the Python package cbindgen_py when pip
installs this checkout (metadata in pyproject.toml). build_py runs CMake on this tree with
the tests, examples and benchmark off, builds the target cbindgen-py and `cmake --install`s
it into the package directory, so the package holds bin/cbindgen-py, lib/cmake/cbindgen_py/
and share/cbindgen_py/runtime/ exactly as an install prefix does. The wheel holds a native
executable but no Python extension, so it is tagged py3-none-<platform>. setuptools' build
directory is build/pip (the CMake tree in build/pip/cmake), inside but apart from the
project's own build/.
"""
import os
import re
import sys

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.dist import Distribution

ROOT = os.path.dirname(os.path.abspath(__file__))
# Everything setuptools writes, the egg-info too, goes here rather than beside the sources.
BUILD_BASE = os.path.join(ROOT, "build", "pip")
sys.path.insert(0, os.path.join(ROOT, "python"))
from cbindgen_py.setup_helpers import cmake_build  # noqa: E402 (needs the path above)


def project_version():
    with open(os.path.join(ROOT, "CMakeLists.txt")) as f:
        match = re.search(r"project\(\s*cbindgen_py\s+VERSION\s+([0-9][0-9.]*)", f.read())
    if not match:
        raise SystemExit("setup.py: no project(cbindgen_py VERSION ...) in CMakeLists.txt")
    return match.group(1)


class BinaryDistribution(Distribution):
    """Never pure: the package is installed into platlib and the wheel is platform-tagged."""

    def has_ext_modules(self):
        return True


os.makedirs(BUILD_BASE, exist_ok=True)  # egg_info requires its egg_base to exist


class BuildPy(build_py):
    def run(self):
        if getattr(self, "editable_mode", False):
            # The generator would have to be installed into python/cbindgen_py/ in the tree.
            raise SystemExit("setup.py: editable installs of cbindgen-py are not supported")
        super().run()
        build = self.get_finalized_command("build")
        package_dir = os.path.join(os.path.abspath(self.build_lib), "cbindgen_py")
        cmake_dir = os.path.join(os.path.abspath(build.build_base), "cmake")
        cmake_build(ROOT, cmake_dir, package_dir, [
            ("CBINDGEN_PY_BUILD_TESTS", "OFF"), ("CBINDGEN_PY_BUILD_EXAMPLES", "OFF"),
            ("CBINDGEN_PY_BUILD_BENCH", "OFF"), ("CBINDGEN_PY_INSTALL", "ON"),
            ("Python3_EXECUTABLE", sys.executable),
        ], target="cbindgen-py")
        with open(os.path.join(package_dir, "_version.py"), "w") as f:
            f.write("# Written by setup.py from CMakeLists.txt.\n__version__ = %r\n"
                    % self.distribution.get_version())


cmdclass = {"build_py": BuildPy}
try:
    from wheel.bdist_wheel import bdist_wheel

    class BdistWheel(bdist_wheel):
        def get_tag(self):
            _, _, platform = super().get_tag()
            return "py3", "none", platform  # no Python ABI: the executable runs on its own

    cmdclass["bdist_wheel"] = BdistWheel
except ImportError:  # without the wheel package there is no bdist_wheel to tag
    pass

setup(
    version=project_version(),
    distclass=BinaryDistribution,
    cmdclass=cmdclass,
    package_dir={"": "python"},
    packages=["cbindgen_py"],
    package_data={"cbindgen_py": ["wheel_project/CMakeLists.txt"]},
    options={"build": {"build_base": BUILD_BASE}, "egg_info": {"egg_base": BUILD_BASE}},
    zip_safe=False,
)
