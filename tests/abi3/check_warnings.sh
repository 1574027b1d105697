#!/bin/sh
# check_warnings.sh: compiles C files with -fsyntax-only against the own headers of a
# CPython (3.10 or later) under the 3.10 Limited API (Py_LIMITED_API=0x030a0000), with
# every warning an error: the abi3.warnings_3.N_headers.<compiler> tests of tests/abi3,
# over the runtime and the e2e.abi3 build's generated sources.
#
#   check_warnings.sh PYTHON VERSION COMPILER -I<dir>... -- FILE...
#
# Exit status 77 (ctest's skip) when PYTHON is empty: pyenv has no CPython VERSION.
python=$1 version=$2 compiler=$3
shift 3
if [ -z "$python" ]; then
    echo "no CPython $version under pyenv: no headers of $version to compile against"
    exit 77
fi
include=$("$python" -c 'import sysconfig; print(sysconfig.get_paths()["include"])') || exit 1
flags=""
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
    flags="$flags $1"
    shift
done
shift
status=0
for f in "$@"; do
    # shellcheck disable=SC2086 # the -I flags are separate words on purpose
    "$compiler" -fsyntax-only -std=c11 -Wall -Wextra -Wpedantic -Werror \
        -DPy_LIMITED_API=0x030a0000 -I"$include" $flags "$f" || status=1
done
[ $status -eq 0 ] && echo "$# files compile cleanly with $compiler against $include"
exit $status
