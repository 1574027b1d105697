"""python -m cbindgen_py: where the pip-installed cbindgen-py keeps its CMake package
(--cmake-dir, as pybind11's --cmakedir) and runtime (--runtime-dir); any other arguments
run the generator, so `python -m cbindgen_py glue.in -o out.c` and `--version` behave
exactly as the `cbindgen-py` command (same output, same exit status).
"""
import sys

from . import exec_generator, get_cmake_dir, get_runtime_dir

USAGE = """\
usage: python -m cbindgen_py --cmake-dir
       python -m cbindgen_py --runtime-dir
       python -m cbindgen_py [generator options] GLUE_FILE

  --cmake-dir    print the directory of cbindgen_pyConfig.cmake, for
                 cmake -Dcbindgen_py_DIR="$(python -m cbindgen_py --cmake-dir)"
  --runtime-dir  print the directory of the runtime's C sources and headers

Any other arguments run the generator (the `cbindgen-py` command), whose help follows.

"""

# The options answered here rather than by the generator, and what they print.
QUERIES = {"--cmake-dir": get_cmake_dir, "--runtime-dir": get_runtime_dir}


def main(args):
    if args and args[0] in QUERIES:
        if len(args) != 1:
            sys.stderr.write("python -m cbindgen_py: error: %s takes no other argument\n"
                             % args[0])
            return 2  # the generator's status for command-line misuse
        try:
            print(QUERIES[args[0]]())
        except FileNotFoundError as e:
            sys.stderr.write("python -m cbindgen_py: error: %s\n" % e)
            return 3
        return 0
    if args in (["-h"], ["--help"]):
        sys.stdout.write(USAGE)
    exec_generator(args)
    return 3  # not reached: exec_generator replaces this process or exits


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
