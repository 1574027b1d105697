"""setup.py of examples/foo: builds the module `foo` (CMakeLists.txt here) into a wheel with
cbindgen_py.setup_helpers, taken from the installed cbindgen_py package or else from the
cbindgen-py checkout this example sits in; metadata in pyproject.toml.
"""
import os
import sys

try:
    from cbindgen_py.setup_helpers import setup_modules
except ImportError:
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                                    "python"))
    from cbindgen_py.setup_helpers import setup_modules

setup_modules(["foo"])
