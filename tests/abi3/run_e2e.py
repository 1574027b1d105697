"""run_e2e.py: runs e2e unittest files (tests/e2e/test_*.py, by module name, from the current
directory) against the abi3 modules, leaving out the few tests listed in EXCLUDED, each
with the reason it cannot hold for a build on CPython 3.10's Limited API; they are reported
as skipped, with that reason, never silently dropped.

    run_e2e.py test_numbers test_plan ...
"""
import os
import sys
import unittest

# test id -> why the test is about the full API's buffer protocol. Under the 3.10 Limited API
# a buffer other than bytes or bytearray is read through a copy (runtime/cbpy_buffer.c).
COPY = ("under the 3.10 Limited API (no buffer protocol) a memoryview is copied before the "
        "length check, and this view is an untouched %s mapping: the check's result is the "
        "same, but only after copying %s")
EXCLUDED = {
    "test_types_buffers.ReadOnlySlices.test_zero_copy":
        "asserts C gets the address inside a memoryview; under the 3.10 Limited API only "
        "bytes and bytearray are passed in place, a memoryview's bytes are copied",
    "test_real_bz2.OneShot.test_input_longer_than_a_u32": COPY % ("4 GiB", "4 GiB"),
    "test_real_bz2.OneShot.test_input_longer_than_a_u32_names_the_input":
        COPY % ("4 GiB", "4 GiB"),
    "test_real_zlib.OneShot.test_input_longer_than_a_u32": COPY % ("4 GiB", "4 GiB"),
    "test_real_sqlite.Statements.test_length_that_does_not_fit_its_type":
        COPY % ("2 GiB", "2 GiB"),
}
if sys.version_info >= (3, 12):
    EXCLUDED.update({
        "test_module_state.Subinterpreters."
        "test_an_own_gil_interpreter_imports_a_module_that_declares_it":
            "Py_mod_multiple_interpreters is not in the 3.10 Limited API, and CPython 3.10 "
            "and 3.11 refuse a module with a slot they do not know: an abi3 module cannot "
            "declare per-interpreter-GIL support, so 3.12+ refuses it (ImportError) in an "
            "interpreter with a GIL of its own",
        "test_native_calls.Help.test_help_text":
            "not about abi3: its expected help() text is that of pydoc before 3.12, which "
            "kept trailing spaces on blank lines (the full-API module differs the same way)",
    })


def without_excluded(suite):
    """The suite with every EXCLUDED test replaced by one that skips with its reason."""
    kept = unittest.TestSuite()
    for test in suite:
        if isinstance(test, unittest.TestSuite):
            kept.addTest(without_excluded(test))
        elif test.id() in EXCLUDED:
            reason = EXCLUDED[test.id()]
            setattr(test, test._testMethodName,
                    lambda t=test, r=reason: t.skipTest("abi3: " + r))
            kept.addTest(test)
        else:
            kept.addTest(test)
    return kept


def main(names):
    sys.path.insert(0, os.getcwd())  # the test files' directory, as `python -m unittest` does
    suite = without_excluded(unittest.defaultTestLoader.loadTestsFromNames(names))
    result = unittest.TextTestRunner(verbosity=1).run(suite)
    for test, reason in result.skipped:
        if reason.startswith("abi3: "):
            print("skipped %s: %s" % (test.id(), reason))
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
