#!/bin/bash
# The pools and bars panes on a real screen, driven in tmux: lessons 4.2
# (a thread pool, then process and thread pools measured) and 6 (CPU-bound
# work on threads and processes, measured) run live; a recording of 4.2 is
# replayed at the minimum size.
#
# Cases:
#   pools-ui/live-4.2     the Pools pane shows the pool, its worker and the
#                         task collected with its result; the task's label
#                         is on its worker's timeline row; the Measured pane
#                         has both start-up bars and a speedup; q restores
#                         the terminal (stty -a before = after)
#   pools-ui/live-6       the CPU-bound group: the threads bar shows GIL
#                         waits of at least 20%, the processes bar fewer
#   pools-ui/replay-80x24 the same panes fit a 80x24 terminal
. "$(dirname "$0")/lib.sh"
lib_tmpdir
T=$LIB_TMP

if ! command -v tmux >/dev/null 2>&1; then
    skip pools-ui/all "tmux is not installed"
    exit 0
fi
if ! lib_have_parlab; then
    fail pools-ui/all "no binary at $PARLAB"
    exit 0
fi
PARLAB_ABS=$(cd "$(dirname "$PARLAB")" && pwd)/$(basename "$PARLAB")

SOCK=parlab-pools-$$
START_DIR=$ROOT/lessons
. "$(dirname "$0")/tmux.sh"
export LANG=C.UTF-8 LC_ALL=C.UTF-8
export XDG_STATE_HOME=$T/state

# live-4.2
why=""
start l42 140 44 "\"$PARLAB_ABS\" 4.2-thread-pool-executor.py"
if ! run_through l42 40; then
    why="the lesson did not finish: $(screen l42 | tail -n1)"
else
    screen l42 >"$T/l42.screen"
    s=$T/l42.screen
    grep -qF ' Pools ' "$s" || why="no Pools pane"
    [ -z "$why" ] && ! grep -qE 'collected +count_down\(.task one., 3\) on Thr' "$s" &&
        why="the collected task is not in the Pools pane"
    [ -z "$why" ] && ! grep -qE "ThreadPoolExecutor-0_0.*count_down\\(" "$s" &&
        why="the task's label is not on its worker's timeline row"
    [ -z "$why" ] && ! grep -qF ' Measured ' "$s" && why="no Measured pane"
    [ -z "$why" ] && ! grep -qE 'processes [█#]+ +[0-9.]+(ms|us|s) ' "$s" && why="no processes bar"
    [ -z "$why" ] && ! grep -qE 'threads +[█#]+ +[0-9.]+(ms|us|s) +x[0-9]+\.[0-9]{2}' "$s" &&
        why="no threads bar with its speedup"
    [ -z "$why" ] && why=$(quit_and_check l42)
fi
if [ -z "$why" ]; then pass pools-ui/live-4.2; else fail pools-ui/live-4.2 "$why"; fi
tm kill-session -t l42 2>/dev/null

# live-6
why=""
start l6 140 44 "\"$PARLAB_ABS\" 6-conclusion.py"
if ! run_through l6 60; then
    why="the lesson did not finish: $(screen l6 | tail -n1)"
else
    screen l6 >"$T/l6.screen"
    thr=$(grep -oE '2 threads +[█#]+ +[0-9.]+(ms|us|s) +x[0-9.]+ +GIL wait [0-9]+%' "$T/l6.screen" |
          grep -oE '[0-9]+%$' | tr -d %)
    prc=$(grep -oE '2 processes +[█#]+ +[0-9.]+(ms|us|s) +x[0-9.]+ +GIL wait [0-9]+%' "$T/l6.screen" |
          grep -oE '[0-9]+%$' | tr -d %)
    if ! grep -qF 'CPU-bound, two jobs' "$T/l6.screen"; then
        why="no CPU-bound group in the Measured pane"
    elif [ -z "$thr" ] || [ -z "$prc" ]; then
        why="the threads and processes bars lack speedup and GIL share"
    elif [ "$thr" -lt 20 ] || [ "$prc" -ge "$thr" ]; then
        why="GIL wait: threads $thr%, processes $prc% (want threads >= 20, processes fewer)"
    fi
    [ -z "$why" ] && why=$(quit_and_check l6)
fi
if [ -z "$why" ]; then pass pools-ui/live-6
elif [ -n "${PARLAB_SANITIZER:-}" ] && [ "${why#GIL wait}" != "$why" ]; then
    # A sanitizer changes the timing the GIL shares measure (make asan/tsan set it).
    skip pools-ui/live-6 "GIL-wait shares are timing ratios, not meaningful under $PARLAB_SANITIZER ($why)"
else fail pools-ui/live-6 "$why"; fi
tm kill-session -t l6 2>/dev/null

# replay-80x24
why=""
(cd "$ROOT/lessons" && lib_run 60 "$T/rec.out" "$T/rec.err" "$PARLAB_ABS" --headless --record "$T/l42.rec" \
    4.2-thread-pool-executor.py)
if [ ! -s "$T/l42.rec" ]; then
    why="--record wrote nothing: $(grep -m1 . "$T/rec.err")"
else
    start r80 80 24 "\"$PARLAB_ABS\" --replay \"$T/l42.rec\""
    if ! wait_for r80 'event' 10; then
        why="the replay did not open: $(screen r80 | grep -m1 .)"
    else
        tm send-keys -t r80 End
        sleep 0.5
        wait_for r80 'Measured' 5 || why="no Measured pane at 80x24"
        [ -z "$why" ] && ! wait_for r80 'Pools' 1 && why="no Pools pane at 80x24"
        [ -z "$why" ] && ! screen r80 | grep -qE 'threads +[█#]+' && why="no threads bar at 80x24"
        [ -z "$why" ] && why=$(quit_and_check r80)
    fi
fi
if [ -z "$why" ]; then pass pools-ui/replay-80x24; else fail pools-ui/replay-80x24 "$why"; fi
