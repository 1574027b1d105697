"""Run CPython's own test_lzma, unchanged, with _lzma replaced by cbpy_lzma.

The directory holding the built _cbpy_lzma module comes from the environment
variable CBPY_LZMA_DIR; this file's directory (holding cbpy_lzma.py) is put on
sys.path too.  Exits non-zero on any failure or error (or if nothing ran).
Extra command-line arguments are passed to unittest (e.g. -k pattern).
"""
import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))


def main(argv):
    build_dir = os.environ.get("CBPY_LZMA_DIR")
    for path in (HERE, build_dir):
        if path and path not in sys.path:
            sys.path.insert(0, path)

    # Something run at interpreter start-up (a site-packages .pth file
    # importing shutil, which imports lzma) may already have imported the
    # real lzma/_lzma; forget them so that lzma is imported afresh on top of
    # cbpy_lzma.  (python -S avoids this.)
    preloaded = [name for name in ("lzma", "_lzma") if name in sys.modules]
    if preloaded:
        print("note: %s already imported at start-up; dropped from sys.modules"
              % " and ".join(preloaded), flush=True)
        for name in preloaded:
            del sys.modules[name]
    assert "lzma" not in sys.modules, "lzma was imported before _lzma was replaced"
    import cbpy_lzma
    sys.modules["_lzma"] = cbpy_lzma
    assert "lzma" not in sys.modules, "lzma was imported before _lzma was replaced"

    import lzma
    if (lzma.LZMACompressor is not cbpy_lzma.LZMACompressor
            or lzma.LZMAError is not cbpy_lzma.LZMAError
            or lzma._encode_filter_properties
            is not cbpy_lzma._encode_filter_properties):
        sys.exit("lzma did not pick up cbpy_lzma")
    import _cbpy_lzma
    print("cbpy_lzma from %s, _cbpy_lzma from %s (liblzma %s)"
          % (cbpy_lzma.__file__, _cbpy_lzma.__file__, cbpy_lzma.version_string()),
          flush=True)

    # CPython's own test, from the running interpreter's stdlib.
    from test import test_lzma
    if test_lzma.lzma is not lzma:
        sys.exit("test.test_lzma does not use the replaced lzma")

    loader = unittest.TestLoader()
    if argv:
        loader.testNamePatterns = ["*%s*" % pattern for pattern in argv]
    suite = loader.loadTestsFromModule(test_lzma)
    result = unittest.TextTestRunner(verbosity=1).run(suite)
    print("test_lzma: %d run, %d skipped, %d failures, %d errors"
          % (result.testsRun, len(result.skipped), len(result.failures),
             len(result.errors)))
    ok = result.wasSuccessful() and result.testsRun > 0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
