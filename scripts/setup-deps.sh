#!/usr/bin/env bash
# setup-deps.sh [PROFILE]: install what building cbindgen-py needs on Debian/Ubuntu, with
# apt-get. PROFILE is
#   all      (the default) everything the whole build and test suite needs: the tool chain,
#            flex, bison, cmocka, Python headers, pkg-config, valgrind, clang's runtime, and
#            the C libraries the examples and tests bind;
#   example  only what the generator and examples/foo need (scripts/example.sh): cmake,
#            make, a C compiler, flex, bison and the Python headers.
# Idempotent: installs only what is missing, says nothing when all is present.
# Runs apt-get directly as root, through sudo otherwise. Without apt-get and dpkg-query (not
# Debian or Ubuntu), it checks only the programs, fails naming those missing, and leaves
# the libraries and headers to CMake's checks.
set -euo pipefail

profile="${1:-all}"
case "$profile" in
  all|example) ;;
  *) echo "setup-deps: unknown profile '$profile'; use 'all' or 'example'" >&2; exit 2 ;;
esac

# Each entry is "<how to check> <what to check> <package>": `cmd` checks for a program on
# PATH, `pkg` for an installed Debian package.
REQUIREMENTS=(
  "cmd cmake cmake"
  "cmd make make"
  "cmd gcc gcc"
  "cmd clang clang"
  "cmd nm binutils"
  "cmd flex flex"
  "cmd bison bison"
  "cmd pkg-config pkg-config"
  "pkg libcmocka-dev libcmocka-dev"
  "pkg python3-dev python3-dev"
  "cmd valgrind valgrind"
  "pkg libclang-rt-14-dev libclang-rt-14-dev"
  # Real C libraries the examples and tests bind from glue alone: liblzma (examples/lzma,
  # CPython's test_lzma), SQLite, libbz2 and zlib (tests/e2e/test_real_*).
  "pkg liblzma-dev liblzma-dev"
  "pkg libsqlite3-dev libsqlite3-dev"
  "pkg libbz2-dev libbz2-dev"
  "pkg zlib1g-dev zlib1g-dev"
  # libarchive: examples/archive (readers that keep buffers, borrowed entries, iteration).
  "pkg libarchive-dev libarchive-dev"
  # tests/packaging: pip install and pip wheel, offline, with Debian's /usr/bin/python3 in
  # venvs that use its own pip, setuptools and wheel.
  "pkg python3-venv python3-venv"
  "pkg python3-pip python3-pip"
  "pkg python3-setuptools python3-setuptools"
  "pkg python3-wheel python3-wheel"
  # tests/stubs: mypy's stubtest and `mypy --strict` check every module's generated .pyi stub,
  # run by Debian's /usr/bin/python3 (the modules' CPython minor version, 3.11).
  "pkg python3-mypy python3-mypy"
)

# The packages of REQUIREMENTS that the `example` profile installs.
EXAMPLE_PACKAGES=(cmake make gcc flex bison python3-dev)

is_present() {
  case "$1" in
    cmd) command -v "$2" >/dev/null 2>&1 ;;
    pkg) dpkg-query -W -f='${Status}' "$2" 2>/dev/null | grep -q 'install ok installed' ;;
    *) echo "setup-deps: unknown check kind '$1'" >&2; exit 2 ;;
  esac
}

debian=yes
if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg-query >/dev/null 2>&1; then
  debian=no
fi

missing=()
for req in "${REQUIREMENTS[@]}"; do
  read -r kind name package <<<"$req"
  if [ "$profile" = example ] && [[ " ${EXAMPLE_PACKAGES[*]} " != *" $package "* ]]; then
    continue
  fi
  if [ "$debian" = no ]; then
    [ "$kind" = cmd ] && ! is_present cmd "$name" && missing+=("$name")
    continue
  fi
  is_present "$kind" "$name" || missing+=("$package")
done
[ "${#missing[@]}" -eq 0 ] && exit 0

if [ "$debian" = no ]; then
  echo "setup-deps: missing ${missing[*]}; without apt-get (not Debian or Ubuntu), install" \
       "them yourself (see the README's Platforms section)" >&2
  exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  echo "setup-deps: missing ${missing[*]}; run this script as root or install sudo" >&2
  exit 1
fi

echo "setup-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
