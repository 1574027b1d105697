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
cp "$root"/tests/golden/pass/*.in "$root"/tests/golden/fail/*.in "$work/corpus/"
sources=()
for f in "$root"/gen/*.c; do
  [ "$(basename "$f")" = main.c ] || sources+=("$f")
done
clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
  -DCBPY_VERSION='"fuzz"' -D_XOPEN_SOURCE=700 -I "$root/gen" -I "$generated" \
  "${sources[@]}" "$generated/parser.c" "$generated/lexer.c" "$generated/templates.c" \
  "$root/tests/fuzz/fuzz_glue.c" -o "$work/fuzz_glue"
cd "$work"
ASAN_OPTIONS=detect_leaks=1 ./fuzz_glue -max_total_time="$seconds" -print_final_stats=1 \
  -max_len=4096 -dict="$root/tests/fuzz/glue.dict" corpus 2>&1 |
  grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|#[0-9]+ +DONE)|ERROR|SUMMARY|crash-" || true
# libFuzzer exits non-zero on a crash; the pipeline above hides that, so check for files.
if [ -n "$(find . -maxdepth 1 \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' \
           -o -name 'oom-*' \) -print -quit)" ]; then
  echo "fuzz: failing inputs written to $work" >&2
  exit 1
fi
echo "fuzz: 1 passed, 0 failed"
