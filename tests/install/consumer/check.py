"""check.py: imports the consumer project's modules (see CMakeLists.txt) and checks each
works under the name it was given. Run by ../consumer.cmake with the Python they were built
for:

  check.py built DIR             the build directory: shapes (MODULE_NAME), shapes_file
                                 (OUTPUT_NAME), shapes_both in shapes_other<EXT_SUFFIX>
  check.py installed ALL EXTRA   the prefixes of `cmake --install` (every component) and of
                                 `--component extra`: shapes and its stub in ALL's
                                 site-packages, shapes_file in ALL/pkg, only it in EXTRA
"""
import importlib
import importlib.util
import os
import sys
import sysconfig

SUFFIX = sysconfig.get_config_var("EXT_SUFFIX")


def check(got, want):
    """An assertion that `python -O` does not remove."""
    if got != want:
        raise AssertionError("got %r, expected %r" % (got, want))


def import_from(directory, name):
    """Module `name`, imported from `directory` alone, and the file it came from."""
    sys.path.insert(0, directory)
    try:
        module = importlib.import_module(name)
    finally:
        sys.path.remove(directory)
    check(os.path.dirname(module.__file__), directory)
    return module


def works(module):
    # Square_area calls scale_mul, from the LIBRARIES library.
    check(module.Square(7).area(), 49)


def site_packages(prefix):
    """Where a prefix installation puts extension modules for this interpreter."""
    scheme = "nt" if os.name == "nt" else "posix_prefix"
    return sysconfig.get_path("platlib", scheme, vars={"base": prefix, "platbase": prefix})


def built(directory):
    shapes = import_from(directory, "shapes")
    check(os.path.basename(shapes.__file__), "shapes" + SUFFIX)
    works(shapes)
    shapes_file = import_from(directory, "shapes_file")
    check(os.path.basename(shapes_file.__file__), "shapes_file" + SUFFIX)
    works(shapes_file)
    # The file's name is not the module's: `import shapes_other` cannot work, importlib can.
    path = os.path.join(directory, "shapes_other" + SUFFIX)
    spec = importlib.util.spec_from_file_location("shapes_both", path)
    both = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(both)
    check(both.__name__, "shapes_both")
    works(both)
    try:
        import_from(directory, "shapes_other")
    except ImportError as e:
        check("PyInit_shapes_other" in str(e), True)
    else:
        raise AssertionError("shapes_other imported, but holds PyInit_shapes_both")


def installed(everything, extra):
    site = site_packages(everything)
    check(sorted(os.listdir(site)), ["shapes" + SUFFIX, "shapes.pyi"])
    works(import_from(site, "shapes"))
    pkg = os.path.join(everything, "pkg")
    check(os.listdir(pkg), ["shapes_file" + SUFFIX])
    check(os.listdir(extra), ["pkg"])
    check(os.listdir(os.path.join(extra, "pkg")), ["shapes_file" + SUFFIX])
    works(import_from(pkg, "shapes_file"))


def main():
    if sys.argv[1] == "built":
        built(sys.argv[2])
    elif sys.argv[1] == "installed":
        installed(sys.argv[2], sys.argv[3])
    else:
        raise SystemExit("usage: check.py built DIR | installed ALL EXTRA")
    print("consumer modules work:", sys.argv[1])
    return 0


if __name__ == "__main__":
    sys.exit(main())
