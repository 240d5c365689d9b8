#!/bin/bash
# Stress: 64 threads and 16 processes hammering locks and queues
# (tests/stress/*.py).  Each program checks in its own output that every
# item went through exactly once; the suite also compares with CPython,
# re-runs the process case with --events to check that no event was lost
# (one queue.get per queue.put), and checks that no process of the run is
# left behind.  ROUNDS (default 3) runs each program that many times.
. "$(dirname "$0")/lib.sh"

ROUNDS=${ROUNDS:-3}
ST_DIR=$ROOT/tests/stress

st_left() {
    pgrep -f -- "$PARLAB --headless.* $1" 2>/dev/null | head -3
}

st_case() {
    local f=$1 stem name t why="" r left
    stem=$(basename "$f" .py)
    name=stress/$stem
    t=$(mktemp -d "${TMPDIR:-/tmp}/parlab-stress.XXXXXX") || return
    if command -v python3 >/dev/null 2>&1; then
        (cd "$ST_DIR" && lib_run 60 "$t/py.out" "$t/py.err" python3 "$stem.py")
    fi
    for r in $(seq "$ROUNDS"); do
        (cd "$ST_DIR" && lib_run 30 "$t/pl.out" "$t/pl.err" "$PARLAB" --headless "$stem.py")
        rc=$?
        if [ $rc != 0 ]; then
            why="round $r: $(lib_status $rc): $(head -c 200 "$t/pl.err")"
            break
        fi
        if ! grep -q "exactly once: True" "$t/pl.out"; then
            why="round $r: items lost or duplicated: $(tr '\n' ' ' <"$t/pl.out" | cut -c1-200)"
            break
        fi
        if [ -s "$t/py.out" ] && ! cmp -s "$t/pl.out" "$t/py.out"; then
            why="round $r: stdout $(lib_first_diff "$t/pl.out" "$t/py.out")"
            break
        fi
        left=$(st_left "$stem.py")
        if [ -n "$left" ]; then
            why="round $r: processes left behind: $left"
            break
        fi
    done
    if [ -z "$why" ]; then pass "$name"; else fail "$name" "$why"; fi
    rm -rf "$t"
}

# Every item put is got once, in the event log too.
st_events() {
    local t puts gets
    t=$(mktemp -d "${TMPDIR:-/tmp}/parlab-stress.XXXXXX") || return
    (cd "$ST_DIR" && lib_run 30 "$t/ev" "$t/err" "$PARLAB" --headless --events procs16.py)
    puts=$(grep -c ' queue\.put q ' "$t/ev")
    gets=$(grep -c ' queue\.get q ' "$t/ev")
    if [ "$puts" = 2407 ] && [ "$gets" = 2407 ] && grep -q 'print "exactly once: True\\n"' "$t/ev"; then
        pass stress/events-complete
    else
        fail stress/events-complete "queue q: $puts puts and $gets gets recorded, want 2407 each"
    fi
    rm -rf "$t"
}

for f in "$ST_DIR"/*.py; do
    st_case "$f"
done
st_events
