#!/bin/bash
# Pools and futures against CPython: every tests/conformance-pool/*.py runs
# under parlab (`$PARLAB --headless F`) and under python3.  A case passes when
# the exit codes agree and stdout agrees (byte for byte with `order: fixed`
# in the module docstring, as a sorted multiset of lines otherwise), and no
# worker process of the run is left behind.
#
# Then, parlab alone:
#   pools/terminate-reaps     Pool.terminate() while tasks still run leaves
#                             no child (`ps --ppid` of the run is empty
#                             right after terminate returns)
#   pools/events              a --events run records each task's life:
#                             task.submit, task.start on a worker process,
#                             task.done, task.result
#
# Usage: tests/suite-pools.sh [NAME...]    (NAME: a file stem)
. "$(dirname "$0")/lib.sh"

POOL_DIR=$ROOT/tests/conformance-pool
PY_TIMEOUT=${PY_TIMEOUT:-60}
PL_TIMEOUT=${PL_TIMEOUT:-30}
lib_tmpdir

# Why the outputs differ, or nothing.
pool_judge() {
    local f=$1 t=$2 py_rc=$3 pl_rc=$4
    if [ "$pl_rc" != "$py_rc" ]; then
        echo "$(lib_status "$pl_rc"), CPython exit $py_rc; stderr: $(head -c 200 "$t/pl.err")"
        return
    fi
    if [ "$(lib_header "$f" order)" = fixed ]; then
        cmp -s "$t/pl.out" "$t/py.out" || { echo "stdout $(lib_first_diff "$t/pl.out" "$t/py.out")"; return; }
    else
        LC_ALL=C sort "$t/pl.out" >"$t/pl.s"
        LC_ALL=C sort "$t/py.out" >"$t/py.s"
        cmp -s "$t/pl.s" "$t/py.s" || { echo "stdout (sorted) $(lib_first_diff "$t/pl.s" "$t/py.s")"; return; }
    fi
    [ -s "$t/py.out" ] || echo "CPython printed nothing: the program proves nothing"
}

pool_case() {
    local f=$1 stem t py_rc pl_rc why left
    stem=$(basename "$f" .py)
    t=$LIB_TMP/$stem
    mkdir -p "$t"
    if ! command -v python3 >/dev/null 2>&1; then
        skip "pools/$stem" "python3 not installed (it is the reference)"
        return
    fi
    lib_run "$PY_TIMEOUT" "$t/py.out" "$t/py.err" python3 "$f"
    py_rc=$?
    if [ "$py_rc" = 124 ]; then
        skip "pools/$stem" "python3 timed out (machine too busy?)"
        return
    fi
    lib_run "$PL_TIMEOUT" "$t/pl.out" "$t/pl.err" "$PARLAB" --headless "$f"
    pl_rc=$?
    why=$(pool_judge "$f" "$t" "$py_rc" "$pl_rc")
    left=$(pgrep -f -- "$PARLAB --headless $f" 2>/dev/null | head -3)
    if [ -n "$left" ]; then
        why="${why:+$why; }processes left behind: $left"
        pkill -KILL -f -- "$PARLAB --headless $f" 2>/dev/null
    fi
    if [ -n "$why" ]; then fail "pools/$stem" "$why"; else pass "pools/$stem"; fi
}

# terminate() with tasks still sleeping: the pool's workers must all be gone
# (reaped, not zombies) when it returns.  The program itself looks with ps.
pool_terminate_case() {
    local t=$LIB_TMP/terminate prog rc
    mkdir -p "$t"
    prog=$t/terminate.py
    cat >"$prog" <<'EOF'
import os
import time
from multiprocessing import Pool


def nap(s):
    time.sleep(s)
    return s


if __name__ == "__main__":
    pool = Pool(4)
    rs = [pool.apply_async(nap, (5,)) for i in range(8)]
    time.sleep(0.3)
    print("started", flush=True)
    pool.terminate()
    print("terminated", flush=True)
    time.sleep(2)
EOF
    "$PARLAB" --headless "$prog" >"$t/out" 2>"$t/err" </dev/null &
    local pid=$! i=0 kids
    while [ $i -lt 100 ] && ! grep -q terminated "$t/out" 2>/dev/null; do
        sleep 0.05
        i=$((i + 1))
    done
    # parlab's own helpers (none are processes) aside, no child may remain
    kids=$(ps --ppid "$pid" -o pid=,stat=,comm= 2>/dev/null)
    local before=$kids
    wait "$pid"
    rc=$?
    if ! grep -q terminated "$t/out"; then
        fail pools/terminate-reaps "terminate() did not return within 5 s (exit $rc): $(head -c 200 "$t/err")"
    elif [ -n "$before" ]; then
        fail pools/terminate-reaps "children left after terminate(): $(echo "$before" | tr '\n' ' ')"
    elif [ "$rc" != 0 ]; then
        fail pools/terminate-reaps "exit $rc: $(head -c 200 "$t/err")"
    else
        pass pools/terminate-reaps
    fi
}

# Each task's life in the event log: submitted by the parent, started and
# done on a worker process, its result collected by the parent.
pool_events_case() {
    local t=$LIB_TMP/events prog
    mkdir -p "$t"
    prog=$t/events.py
    cat >"$prog" <<'EOF'
from multiprocessing import Pool


def square(x):
    return x * x


if __name__ == "__main__":
    with Pool(2) as pool:
        print(pool.apply(square, (7,)))
EOF
    if ! lib_run "$PL_TIMEOUT" "$t/out" "$t/err" "$PARLAB" --headless --events "$prog"; then
        fail pools/events "exit $?: $(head -c 200 "$t/err")"
        return
    fi
    local k missing=""
    for k in task.submit task.start task.done task.result; do
        grep -q " $k" "$t/out" "$t/err" || missing="$missing $k"
    done
    if [ -n "$missing" ]; then
        fail pools/events "no$missing event in --events output"
    elif ! grep -E " task.done" "$t/out" "$t/err" | grep -q "49"; then
        fail pools/events "task.done does not carry the result 49"
    else
        pass pools/events
    fi
}

if [ $# -gt 0 ]; then
    for n in "$@"; do
        case $n in
            terminate-reaps) pool_terminate_case ;;
            events) pool_events_case ;;
            *) pool_case "$POOL_DIR/$n.py" ;;
        esac
    done
    exit 0
fi
for f in "$POOL_DIR"/*.py; do
    pool_case "$f"
done
pool_terminate_case
pool_events_case
