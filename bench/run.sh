#!/bin/sh
# The interpreter benchmark: each bench/*.py runs under parlab --headless and
# under python3 in the same run; best of 3 wall-clock times each; prints the
# ratio parlab/CPython (<= 1.0 means parlab is as fast or faster).  Outputs
# must agree, or the ratio means nothing.
cd "$(dirname "$0")/.." || exit 2
: "${PARLAB:=./parlab}"
RUNS=${RUNS:-3}

now_ns() { date +%s%N; }

# best_of CMD...: best wall time in ms over $RUNS runs; stdout of the last run in $out
best_of() {
    best=""
    i=0
    while [ "$i" -lt "$RUNS" ]; do
        t0=$(now_ns)
        "$@" >"$out" 2>"$err" || { echo "failed: $*" >&2; cat "$err" >&2; return 1; }
        t1=$(now_ns)
        ms=$(( (t1 - t0) / 1000000 ))
        if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
        i=$((i + 1))
    done
    echo "$best"
}

out=$(mktemp); err=$(mktemp); ref=$(mktemp)
trap 'rm -f "$out" "$err" "$ref"' EXIT
status=0
printf '%-12s %10s %10s %7s\n' bench parlab_ms python_ms ratio
for f in bench/*.py; do
    name=$(basename "$f" .py)
    py=$(best_of python3 "$f") || { status=1; continue; }
    cp "$out" "$ref"
    pl=$(best_of "$PARLAB" --headless "$f") || { status=1; continue; }
    if ! cmp -s "$out" "$ref"; then
        echo "$name: output differs from CPython's" >&2
        diff "$ref" "$out" | head -5 >&2
        status=1
    fi
    ratio=$(awk -v a="$pl" -v b="$py" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')
    printf '%-12s %10s %10s %7s\n' "$name" "$pl" "$py" "$ratio"
    # 6,000 task round trips (3 pools x 2,000), start-up included
    [ "$name" = pool_roundtrip ] && awk -v a="$pl" -v b="$py" 'BEGIN { printf "  per round trip: parlab %.0f us, CPython %.0f us\n", a * 1000 / 6000, b * 1000 / 6000 }'
done
bench/events.sh || status=1
exit $status
