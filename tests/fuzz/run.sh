#!/bin/sh
# Fuzzes the front end (lang_parse + lang_check) with libFuzzer:
#   tests/fuzz/run.sh            (or `make fuzz`)
# builds build/fuzz/fuzz_lang with clang -fsanitize=fuzzer,address,undefined,
# seeds the corpus from tests/conformance, tests/bad and lessons, runs for
# FUZZ_SECONDS (default 60), and prints the executions and the crashes.
# The corpus (build/fuzz/corpus) grows across runs; crashing inputs land in
# build/fuzz/crashes/.  Exit status 1 when a crash was found.
cd "$(dirname "$0")/../.." || exit 2
: "${FUZZ_SECONDS:=60}"
: "${CLANG:=clang}"
OUT=build/fuzz
mkdir -p "$OUT/corpus" "$OUT/seeds" "$OUT/crashes" || exit 2

if ! command -v "$CLANG" >/dev/null 2>&1; then
    echo "fuzz: $CLANG not found; install clang and libclang-rt-dev" >&2
    exit 2
fi
# shellcheck disable=SC2046
"$CLANG" -std=c11 -g -O1 -D_GNU_SOURCE -Isrc \
    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
    -o "$OUT/fuzz_lang" tests/fuzz/fuzz_lang.c $(ls src/lang/*.c) || exit 2

for f in tests/conformance/*.py tests/bad/*.py lessons/*.py; do
    [ -f "$f" ] && cp "$f" "$OUT/seeds/$(echo "$f" | tr / _)"
done

log=$OUT/fuzz.log
before=$(ls "$OUT/crashes" | wc -l)
# -fork is not used: the machine is shared, one process is enough.
"$OUT/fuzz_lang" -max_total_time="$FUZZ_SECONDS" -timeout=10 -rss_limit_mb=2048 \
    -max_len=8192 -dict=tests/fuzz/lang.dict -print_final_stats=1 \
    -artifact_prefix="$OUT/crashes/" "$OUT/corpus" "$OUT/seeds" >"$log" 2>&1
rc=$?
after=$(ls "$OUT/crashes" | wc -l)
execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n1)
corpus=$(ls "$OUT/corpus" | wc -l)
echo "fuzz: ${execs:-0} executions in ${FUZZ_SECONDS}s, corpus $corpus inputs, $((after - before)) new crashes (log: $log)"
if [ "$rc" -ne 0 ] || [ "$after" -gt "$before" ]; then
    grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error)' "$log" | head -n 5
    ls "$OUT/crashes" | sed 's/^/crash: /'
    exit 1
fi
exit 0
