#!/bin/sh
# Runs the test suites and prints one summary line, always the last line:
#   N passed, N failed[, N skipped]
# Suite protocol: each tests/suite-*.sh prints one line per test case,
#   PASS name | FAIL name: why | SKIP name: why
# and anything else (details) freely.  A suite that exits non-zero without
# reporting a FAIL counts as one failure (it broke before it could say).
# Exit status: 1 if anything failed.
#
# Usage: tests/run.sh [SUITE...]    SUITE: e.g. `conformance` for
#        tests/suite-conformance.sh; default all of them.
# Environment: PARLAB (binary under test, default ./parlab), UNITDIR.
cd "$(dirname "$0")/.." || exit 2
: "${PARLAB:=./parlab}"
export PARLAB
out=$(mktemp) || exit 2
st=$(mktemp) || exit 2
trap 'rm -f "$out" "$out.one" "$st"' EXIT
trap 'exit 130' INT TERM

if [ $# -eq 0 ]; then
    set -- tests/suite-*.sh
else
    list=""
    for name; do
        name=${name#tests/}
        name=${name#suite-}
        list="$list tests/suite-${name%.sh}.sh"
    done
    # shellcheck disable=SC2086
    set -- $list
fi

for suite; do
    if [ ! -f "$suite" ]; then
        echo "FAIL $suite: no such suite" | tee -a "$out"
        continue
    fi
    if [ ! -x "$suite" ]; then
        echo "== $suite: not executable, not run"
        continue
    fi
    echo "== $suite"
    start=$(date +%s)
    : >"$st"
    { "$suite" 2>&1; echo $? >"$st"; } | tee "$out.one"
    rc=$(cat "$st")
    p=$(grep -c '^PASS ' "$out.one"); f=$(grep -c '^FAIL ' "$out.one"); s=$(grep -c '^SKIP ' "$out.one")
    if [ "${rc:-1}" != 0 ] && [ "$f" -eq 0 ]; then
        echo "FAIL $suite: exited ${rc:-?} without reporting a failure" | tee -a "$out.one"
        f=1
    fi
    cat "$out.one" >>"$out"
    echo "== $suite: $p passed, $f failed, $s skipped ($(( $(date +%s) - start ))s)"
done
rm -f "$out.one"

p=$(grep -c '^PASS ' "$out"); f=$(grep -c '^FAIL ' "$out"); s=$(grep -c '^SKIP ' "$out")
if [ "$f" -gt 0 ]; then echo; echo "failures:"; grep '^FAIL ' "$out"; fi
if [ "$s" -gt 0 ]; then echo "$p passed, $f failed, $s skipped"; else echo "$p passed, $f failed"; fi
[ "$f" -eq 0 ]
