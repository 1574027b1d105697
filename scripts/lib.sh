# shellcheck shell=bash
# lib.sh: helpers shared by the scripts in scripts/ (sourced, not run). Moves to the
# repository root, installs missing dependencies, and configures and builds into build/.

CBPY_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CBPY_BUILD="$CBPY_ROOT/build"
cd "$CBPY_ROOT" || exit

# cbpy_build PROFILE [cmake --build args...]: set up dependencies, configure build/, build
# it. PROFILE is `all` (scripts/test.sh: the tests, the benchmark and every example, turned
# on explicitly, since build/ may have been configured by the example first) or `example`
# (scripts/example.sh: the generator and examples/foo alone, with only their dependencies;
# an existing build/ keeps its configuration, whatever it builds, for foo is in all of them).
cbpy_build() {
  local profile="$1"
  shift
  "$CBPY_ROOT/scripts/setup-deps.sh" "$profile"
  # The real interpreter, not a pyenv shim, so that tests run the Python the modules were
  # built for whatever PYENV_VERSION says later. PYTHON overrides the choice.
  local py
  py="$("${PYTHON:-python3}" -c 'import sys; print(sys.executable)')"
  # FindPython keeps what it found in the cache; a different Python needs a fresh cache.
  # (-DPython3_EXECUTABLE=... caches it as UNINITIALIZED, FindPython as FILEPATH.)
  if [ -f "$CBPY_BUILD/CMakeCache.txt" ] &&
     [ "$(cbpy_python 2>/dev/null)" != "$py" ]; then
    rm -f "$CBPY_BUILD/CMakeCache.txt"
  fi
  local options=()
  if [ "$profile" = all ]; then
    options=(-DCBINDGEN_PY_BUILD_TESTS=ON -DCBINDGEN_PY_BUILD_BENCH=ON
             -DCBINDGEN_PY_BUILD_EXAMPLES=ON
             "-DCBINDGEN_PY_EXAMPLES=foo;kvstore;geometry;lzma;archive;flapigen")
  elif [ ! -f "$CBPY_BUILD/CMakeCache.txt" ]; then
    options=(-DCBINDGEN_PY_BUILD_TESTS=OFF -DCBINDGEN_PY_BUILD_BENCH=OFF
             -DCBINDGEN_PY_BUILD_EXAMPLES=ON -DCBINDGEN_PY_EXAMPLES=foo)
  fi
  cmake -S "$CBPY_ROOT" -B "$CBPY_BUILD" -DPython3_EXECUTABLE="$py" ${options[@]+"${options[@]}"}
  cmake --build "$CBPY_BUILD" -j"${CBPY_JOBS:-2}" "$@"
}

# cbpy_python: the Python interpreter CMake chose for build/ (the extension suffix of every
# built module is specific to it).
cbpy_python() {
  local py
  py="$(sed -n -e 's/^Python3_EXECUTABLE:[A-Z]*=//p' -e 's/^_Python3_EXECUTABLE:[A-Z]*=//p' \
        "$CBPY_BUILD/CMakeCache.txt" | head -n 1)"
  if [ -z "$py" ]; then
    echo "no Python3_EXECUTABLE in $CBPY_BUILD/CMakeCache.txt" >&2
    return 1
  fi
  printf '%s\n' "$py"
}
