#!/usr/bin/env bash
# run_fuzz.sh: builds the libFuzzer target (fuzz_glue.c) with clang, AddressSanitizer and
# UndefinedBehaviorSanitizer, seeds it with every golden input, and fuzzes for SECONDS.
#   tests/fuzz/run_fuzz.sh BUILD_DIR SECONDS [WORK_DIR]
# BUILD_DIR is a configured and built tree (for the generated parser, scanner and
# templates). The short run in the test suite uses 20 s; a long run is the same command
# with 3600 or more. New crashes are written to WORK_DIR as crash-*; fix, then add the
# input to tests/golden/fail (or pass) so it stays fixed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="$(cd "$1" && pwd)"
seconds="$2"
work="${3:-$build/fuzz}"
generated="$build/gen/generated"
mkdir -p "$work/corpus"
# Earlier failing inputs are the caller's to keep; this run reports only its own.
find "$work" -maxdepth 1 \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' \
     -o -name 'oom-*' \) -delete
# The golden inputs of both kinds seed the corpus (named by kind: a pass and a fail case
# may share a name).
for kind in pass fail; do
  for f in "$root"/tests/golden/$kind/*.in; do
    cp "$f" "$work/corpus/$kind-$(basename "$f")"
  done
done
sources=()
for f in "$root"/gen/*.c; do
  [ "$(basename "$f")" = main.c ] || sources+=("$f")
done
clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
  -DCBPY_VERSION='"fuzz"' -D_XOPEN_SOURCE=700 -I "$root/gen" -I "$generated" \
  "${sources[@]}" "$generated/parser.c" "$generated/lexer.c" "$generated/templates.c" \
  "$root/tests/fuzz/fuzz_glue.c" -o "$work/fuzz_glue"
cd "$work"
# The fuzzer's own status says whether it ran cleanly; its log says how much it ran.
status=0
ASAN_OPTIONS=detect_leaks=1 ./fuzz_glue -max_total_time="$seconds" -print_final_stats=1 \
  -max_len=4096 -dict="$root/tests/fuzz/glue.dict" corpus > fuzz.log 2>&1 || status=$?
grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|#[0-9]+ +DONE)|ERROR|SUMMARY|crash-" \
  fuzz.log || true
units="$(sed -n 's/^stat::number_of_executed_units: *//p' fuzz.log | tail -1)"
if [ "$status" -ne 0 ] || [ -n "$(find . -maxdepth 1 \( -name 'crash-*' -o -name 'leak-*' \
     -o -name 'timeout-*' -o -name 'oom-*' \) -print -quit)" ]; then
  tail -20 fuzz.log >&2
  echo "fuzz: the fuzzer exited with status $status; failing inputs are in $work" >&2
  exit 1
fi
# A fuzzer that never started (a bad dictionary, an empty corpus) reports nothing run.
if [ -z "$units" ] || [ "$units" -lt 1000 ]; then
  tail -20 fuzz.log >&2
  echo "fuzz: only '${units:-no}' units were executed" >&2
  exit 1
fi
echo "fuzz: $units units, 1 passed, 0 failed"
