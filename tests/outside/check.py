"""check.py: run by check.cmake with the Python the outside project was built for.

`check.py` imports outside_mod from PYTHONPATH and checks it works and carries this
interpreter's extension suffix; `check.py --expect-missing` (run with a different CPython)
checks that interpreter cannot import it, i.e. the build really targeted the chosen one.
"""
import importlib
import sys
import sysconfig


def expect_error(exc, text, func, *args, **kwargs):
    try:
        func(*args, **kwargs)
    except exc as e:
        if text not in str(e):
            raise AssertionError("%r not in %r" % (text, str(e)))
    else:
        raise AssertionError("%s did not raise %s" % (func, exc.__name__))


def check(got, want):
    """An assertion that `python -O` does not remove."""
    if got != want:
        raise AssertionError("got %r, expected %r" % (got, want))


def main():
    if "--expect-missing" in sys.argv:
        try:
            importlib.import_module("outside_mod")
        except ImportError:
            print("outside_mod is not importable by", sys.version.split()[0], "as expected")
            return 0
        print("outside_mod imported by", sys.executable, "but was built for another Python")
        return 1
    import outside_mod
    check(outside_mod.Pair(2, 40).sum(), 42)
    # The runtime's conversions and errors behave the same on every CPython.
    expect_error(OverflowError, "Pair() argument 'a' is out of range for i32",
                 outside_mod.Pair, 2**31, 0)
    expect_error(TypeError, "Pair() argument 'b' must be int, not str",
                 outside_mod.Pair, 1, "2")
    expect_error(TypeError, "Pair() missing required argument 'b' (pos 2)", outside_mod.Pair, 1)
    expect_error(TypeError, "Pair() got an unexpected keyword argument 'c'", outside_mod.Pair, 1,
                 c=2)
    check(outside_mod.Pair(1, b=2).sum(), 3)
    expect_error(TypeError, "sum() takes no arguments (1 given)", outside_mod.Pair(1, 2).sum, 3)
    suffix = sysconfig.get_config_var("EXT_SUFFIX")
    if not outside_mod.__file__.endswith(suffix):
        raise AssertionError("%s does not end with %s" % (outside_mod.__file__, suffix))
    print("outside_mod works under", sys.version.split()[0], "from", outside_mod.__file__)
    return 0


if __name__ == "__main__":
    sys.exit(main())
