#!/usr/bin/env bash
# test.sh: the README's test command. Builds everything into build/ and runs the whole test
# suite with ctest; exits with ctest's status.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

cbpy_build all
exec ctest --test-dir "$CBPY_BUILD" --output-on-failure -j"${CBPY_JOBS:-2}" "$@"
