"""test_exports.py: every built module exports exactly one dynamic symbol, PyInit_<module>
(nm -D --defined-only on the shared object); the runtime and the C library stay hidden."""
import importlib
import subprocess
import unittest

from e2e_support import MODULES


def exported_symbols(path):
    listing = subprocess.run(["nm", "-D", "--defined-only", path], stdout=subprocess.PIPE,
                             universal_newlines=True, check=True).stdout
    return {line.split()[-1] for line in listing.splitlines() if line.strip()}


class Exports(unittest.TestCase):
    def test_only_pyinit_is_exported(self):
        self.assertTrue(MODULES)
        for name in MODULES:
            with self.subTest(module=name):
                path = importlib.import_module(name).__file__
                self.assertEqual(exported_symbols(path), {"PyInit_" + name})


if __name__ == "__main__":
    unittest.main()
