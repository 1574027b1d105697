#!/usr/bin/env bash
# example.sh: the README's first command. Builds the seed walk-through (examples/foo) into
# build/ and runs its simple.py against the built `foo` module; prints 1 then 11.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

cbpy_build example --target foo
python="$(cbpy_python)"
export PYTHONPATH="$CBPY_BUILD/examples/foo${PYTHONPATH:+:$PYTHONPATH}"
exec "$python" "$CBPY_ROOT/examples/foo/simple.py"
