#!/bin/sh
# Every benchmark, then one table of ratios.  Each figure is measured
# against a baseline taken in the same run on the same machine, so the ratio
# holds where the absolute times do not:
#   - the interpreter (bench/*.py: loops, calls, lists, lock/queue):
#     each script under parlab --headless and under python3, best of 3
#     wall-clock times each; ratio parlab/CPython (<= 1.0: as fast or
#     faster).  Outputs must agree, or the ratio means nothing;
#   - task round trips (bench/pool_*.py: one script per pool kind): each
#     script times its own round trips and prints "roundtrip_us N" last;
#     best of 3 per interpreter, runs alternating between the two so that
#     a change of load hits both; ratio parlab/CPython (goal <= 0.20: five
#     times faster);
#   - the event recorder (bench/events.sh), the runtime primitives
#     (bench/rt_bench.sh), the gate (bench/gate.sh) and a frame of the
#     lesson screen (bench/frame_bench.sh): their own output is shown, and
#     the summary takes the headline figure of each against its baseline.
# bench/README.md says what each figure is, its goal, and how to re-run one.
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

# trip_us FILE CMD...: run a bench/pool_*.py once; print its "roundtrip_us"
# figure and leave its other lines in FILE.
trip_us() {
    tf=$1
    shift
    "$@" >"$tf" 2>"$err" || { echo "failed: $*" >&2; cat "$err" >&2; return 1; }
    us=$(awk '$1 == "roundtrip_us" { print $2 }' "$tf")
    [ -n "$us" ] || { echo "no roundtrip_us line: $*" >&2; return 1; }
    grep -v '^roundtrip_us ' "$tf" >"$tf.t"
    mv "$tf.t" "$tf"
    echo "$us"
}

# least A B: the smaller number, A when B is empty
least() { awk -v a="$1" -v b="$2" 'BEGIN { print (b == "" || a + 0 < b + 0) ? a : b }'; }

out=$(mktemp); err=$(mktemp); ref=$(mktemp); log=$(mktemp); rows=$(mktemp)
trap 'rm -f "$out" "$err" "$ref" "$log" "$rows"' EXIT
status=0

# row FIGURE MEASURED BASELINE GOAL: one line of the summary; the ratio is
# MEASURED / BASELINE (their first numbers, same unit).
row() {
    awk -v f="$1" -v m="$2" -v b="$3" -v g="$4" 'BEGIN {
        mv = m; sub(/^[^0-9.-]*/, "", mv); bv = b; sub(/^[^0-9.-]*/, "", bv)
        r = (bv + 0 > 0 && mv != "") ? sprintf("%.2f", mv / bv) : "-"
        printf "%-36s %12s %24s %6s  %s\n", f, m, b, r, g }' >>"$rows"
}

# A figure that could not be measured shows as failed in the summary.
row_failed() {
    printf '%-36s %12s\n' "$1" failed >>"$rows"
    status=1
}

echo "== interpreter against CPython (bench/*.py, best of $RUNS)"
printf '%-15s %10s %10s %7s\n' bench parlab_ms python_ms ratio
for f in bench/*.py; do
    name=$(basename "$f" .py)
    case $name in pool_*) continue ;; esac
    py=$(best_of python3 "$f") || { row_failed "$name.py vs CPython"; continue; }
    cp "$out" "$ref"
    pl=$(best_of "$PARLAB" --headless "$f") || { row_failed "$name.py vs CPython"; continue; }
    if ! cmp -s "$out" "$ref"; then
        echo "$name: output differs from CPython's" >&2
        diff "$ref" "$out" | head -5 >&2
        status=1
    fi
    ratio=$(awk -v a="$pl" -v b="$py" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')
    printf '%-15s %10s %10s %7s\n' "$name" "$pl" "$py" "$ratio"
    row "$name.py vs CPython" "$pl ms" "CPython $py ms" "<= 1.0"
done

echo
echo "== task round trips against CPython (bench/pool_*.py, us per round trip, best of $RUNS)"
printf '%-15s %10s %10s %9s  %s\n' bench parlab_us python_us speedup goal
for f in bench/pool_*.py; do
    name=$(basename "$f" .py)
    py="" pl="" i=0
    while [ "$i" -lt "$RUNS" ]; do
        a=$(trip_us "$ref" python3 "$f") && b=$(trip_us "$out" "$PARLAB" --headless "$f") || break
        py=$(least "$a" "$py") pl=$(least "$b" "$pl") i=$((i + 1))
    done
    [ "$i" -eq "$RUNS" ] || { row_failed "$name round trip vs CPython"; continue; }
    if ! cmp -s "$out" "$ref"; then
        echo "$name: output differs from CPython's" >&2
        diff "$ref" "$out" | head -5 >&2
        status=1
    fi
    awk -v n="$name" -v a="$pl" -v b="$py" 'BEGIN { printf "%-15s %10s %10s %8.1fx  5x\n", n, a, b, (a > 0 ? b / a : 0) }'
    row "$name round trip vs CPython" "$pl us" "CPython $py us" "<= 0.20 (5x faster)"
done

# sub NAME: run bench/NAME.sh, show its output, keep it in $log.
sub() {
    echo
    if ! "bench/$1.sh" >"$log" 2>&1; then
        cat "$log"
        echo "bench/$1.sh failed" >&2
        status=1
        return 1
    fi
    cat "$log"
}

# num_after REGEX WORD: on the first line of $log matching REGEX, the field
# after WORD.
num_after() {
    awk -v re="$1" -v w="$2" '$0 ~ re { for (i = 1; i < NF; i++) if ($i == w) { print $(i + 1); exit } }' "$log"
}

if sub events; then
    emit=$(num_after '^emit ' emit)
    clk=$(num_after '^emit ' 'clock_gettime')
    [ -n "$emit" ] && row "event emit vs clock_gettime" "$emit ns" "clock_gettime $clk ns" "emit <= 15 ns" ||
        row_failed "event emit vs clock_gettime"
    # "jumps worst median 0.319 ms cpu = 8650 event folds = 11.00 array copies"
    # against "base ... memcpy of a 100,000-cell array (1.2 MB) 0.029 ms cpu"
    jump=$(num_after '^jumps worst median' median)
    copy=$(num_after '^base ' 'MB)')
    [ -n "$jump" ] && row "jump in 10^6 events vs array copy" "$jump ms" "100k-cell memcpy ${copy:-?} ms" "< 5 ms" ||
        row_failed "jump in 10^6 events"
else
    row_failed "event emit vs clock_gettime"
fi

if sub rt_bench; then
    # "NAME   12.34 ns ...": the first number on the line
    rt_num() { awk -v re="$1" 'index($0, re) == 1 { for (i = 1; i <= NF; i++) if ($i ~ /^[0-9.]+$/) { print $i; exit } }' "$log"; }
    raw=$(rt_num 'pthread_mutex lock+unlock (raw)')
    for what in 'Lock acquire+release' 'RLock acquire+release' 'PsMutex lock+unlock'; do
        v=$(rt_num "$what")
        [ -n "$v" ] && row "rt $what vs mutex" "$v ns" "pthread_mutex $raw ns" "watch (no goal)" ||
            row_failed "rt $what"
    done
    v=$(rt_num 'process start+join'); b=$(rt_num 'bare fork+_exit+waitpid')
    [ -n "$v" ] && row "rt process start vs fork" "$v us" "bare fork $b us" "watch (no goal)" || row_failed "rt process start"
else
    row_failed "rt primitives"
fi

if sub gate; then
    # "1.456 ns/event without, 1.446 ns/event with": the numbers before the words
    without=$(awk '/gate_pass/ { for (i = 2; i <= NF; i++) if ($i == "without,") { print $(i - 2); exit } }' "$log")
    with=$(awk '/gate_pass/ { for (i = 2; i <= NF; i++) if ($i == "with:") { print $(i - 2); exit } }' "$log")
    [ -n "$with" ] && row "gate free-running vs no gate" "$with ns" "no gate $without ns" "< 2 ns added" ||
        row_failed "gate free-running"
else
    row_failed "gate free-running"
fi

if sub frame_bench; then
    for what in 'curses 200x50, newest event' 'curses 200x50, live' 'curses 200x50, jumps'; do
        v=$(awk -v re="$what" 'index($0, re) { for (i = 1; i <= NF; i++) if ($i == "ms/frame") { print $(i - 1); exit } }' "$log")
        e=$(awk -v re="$what" 'index($0, re) { for (i = 1; i <= NF; i++) if ($i == "frame") { print $(i + 1); exit } }' "$log")
        [ -n "$v" ] && row "frame ${what#curses } vs empty" "$v ms" "empty frame $e ms" "< 2 ms" ||
            row_failed "frame $what"
    done
else
    row_failed "frame"
fi

echo
echo "== summary: ratio = measured / baseline of the same run"
printf '%-36s %12s %24s %6s  %s\n' figure measured baseline ratio goal
cat "$rows"
exit $status
