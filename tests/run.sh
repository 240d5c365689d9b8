#!/bin/sh
# Runs every test suite and prints one summary line:
#   N passed, N failed[, N skipped]
# Suite protocol: each tests/suite-*.sh prints one line per test case,
#   PASS name | FAIL name: why | SKIP name: why
# and anything else (details) freely.  Exit status: 1 if anything failed.
cd "$(dirname "$0")/.." || exit 2
: "${PARLAB:=./parlab}"
export PARLAB
out=$(mktemp); trap 'rm -f "$out"' EXIT
for suite in tests/suite-*.sh; do
    [ -x "$suite" ] || continue
    echo "== $suite"
    "$suite" 2>&1 | tee -a "$out"
done
p=$(grep -c '^PASS ' "$out"); f=$(grep -c '^FAIL ' "$out"); s=$(grep -c '^SKIP ' "$out")
if [ "$f" -gt 0 ]; then echo; echo "failures:"; grep '^FAIL ' "$out"; fi
if [ "$s" -gt 0 ]; then echo "$p passed, $f failed, $s skipped"; else echo "$p passed, $f failed"; fi
[ "$f" -eq 0 ]
