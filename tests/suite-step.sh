#!/bin/bash
# Scheduler control (issue 5): `s` advances the screen by exactly one event.
# The screen is a fold over the event log, so a step is on the log: while
# recorded events lie past the viewed one, `s` reveals the next; at the
# newest, the gate lets the worker that reached it first do one action and
# only the first event that action brings is shown.  Real lessons on real
# threads, driven in tmux: --step starts at `event 0`, every s moves the
# status line's `event K` by one (never more, never stuck), the panes
# follow k, travel keys still work, space runs on to the end.
. "$(dirname "$0")/lib.sh"
lib_tmpdir
T=$LIB_TMP

if ! lib_wait_parlab; then
    skip step/all "no $PARLAB (run make)"
    exit 0
fi
if ! command -v tmux >/dev/null 2>&1; then
    skip step/all "tmux is not installed"
    exit 0
fi

SOCK=parlab-step-$$
. "$(dirname "$0")/tmux.sh"
export LANG=C.UTF-8 LC_ALL=C.UTF-8
export XDG_STATE_HOME=$T/state

# Lessons run from $T, so "a process of this suite is left" is a pgrep for $T.
L=$T/lessons
mkdir -p "$L"
cp lessons/A.1-lost-update.py lessons/parlab.py "$L/" 2>/dev/null

# start NAME ARGS...: parlab ARGS at 120x40 (tests/tmux.sh).
start() {
    local name=$1
    shift
    tmux_start "$name" 120 40 "\"$PARLAB\" $*"
}
status() { screen "$1" | tail -1; }
key() { tm send-keys -t "$1" "${@:2}"; }
# The viewed event K and the total of the status line (`event K of N`, or
# `event K` when K is the newest).
event_k() { status "$1" | grep -o 'event [0-9]*' | head -1 | grep -o '[0-9]*'; }
event_total() {
    local s
    s=$(status "$1")
    if grep -q 'event [0-9]* of [0-9]*' <<<"$s"; then
        grep -o 'event [0-9]* of [0-9]*' <<<"$s" | grep -o '[0-9]*$'
    else
        grep -o 'event [0-9]*' <<<"$s" | head -1 | grep -o '[0-9]*'
    fi
}
# The code pane's cursor: the line under the ▶ mark ("" when none).
code_mark() { screen "$1" | grep -o '^ *[0-9]*▶' | head -1 | grep -o '[0-9]*'; }
# wait_k NAME K [SECONDS]: until the status shows event K.  Returns 0, 1
# when it stayed below K (stuck), 2 when it went past K (skipped).
wait_k() {
    local i k n=$(( ${3:-3} * 20 * TSCALE ))
    for ((i = 0; i < n; i++)); do
        k=$(event_k "$1")
        if [ -n "$k" ]; then
            [ "$k" = "$2" ] && return 0
            [ "$k" -gt "$2" ] && return 2
        fi
        sleep 0.05
    done
    return 1
}
ended() {
    local i
    for ((i = 0; i < 100 * TSCALE; i++)); do
        [ -f "$T/$1.rc" ] && [ -f "$T/$1.after" ] && return 0
        sleep 0.1
    done
    return 1
}
left_behind() { pgrep -f "$L/" | tr '\n' ' '; }
# until_finished NAME: space at each pause() until the run is over.
until_finished() {
    local i
    for ((i = 0; i < 300 * TSCALE; i++)); do
        status "$1" | grep -q "finished" && return 0
        status "$1" | grep -q "paused" && key "$1" ' '
        sleep 0.1
    done
    return 1
}
# step_n NAME N CASE: press s N times from the event shown; each press must
# show exactly the next event within 3 s, and nothing may move in between.
# Sets MARKS[k] (the code pane's cursor at event k), MAXGAP (the largest
# total - k seen: 2 or more means a grant brought several events, which
# a step must not show at once, so the case can tell one event from one
# action) and PAUSE_EARLY (a pause() note shown before its checkpoint).
step_n() {
    local name=$1 n=$2 case=$3 i k prev total rc
    prev=$(event_k "$name")
    MAXGAP=0 PAUSE_EARLY="" PAUSE_SEEN=0
    for ((i = 1; i <= n; i++)); do
        k=$(event_k "$name")
        if [ "$k" != "$prev" ]; then
            fail "$case" "press $i: the view moved on its own, event $prev -> $k"
            return 1
        fi
        key "$name" s
        wait_k "$name" $((prev + 1)) 3
        rc=$?
        if [ $rc = 1 ]; then
            fail "$case" "press $i: stuck at event $prev for 3 s: $(status "$name")"
            return 1
        elif [ $rc = 2 ]; then
            fail "$case" "press $i: skipped from event $prev to $(event_k "$name"): $(status "$name")"
            return 1
        fi
        prev=$((prev + 1))
        s=$(screen "$name")
        total=$(event_total "$name")
        [ $((total - prev)) -gt "$MAXGAP" ] && MAXGAP=$((total - prev))
        MARKS[$prev]=$(grep -o '^ *[0-9]*▶' <<<"$s" | head -1 | grep -o '[0-9]*')
        if tail -1 <<<"$s" | grep -q "pause:"; then
            PAUSE_SEEN=1
            grep -qF "⏸" <<<"$s" || PAUSE_EARLY="at event $prev"
        fi
    done
    return 0
}

# --- 1. A.1 with --step: event 0, then 30 presses of s, one event each -------
start a1 --step "$L/A.1-lost-update.py"
if wait_for a1 "event 0" && sleep 1 && status a1 | grep -q "paused.*event 0 " &&
    ! screen a1 | grep -q "1 MainThread"; then
    pass step/start-event0
else
    fail step/start-event0 "want 'paused ... event 0' and an empty timeline: $(status a1)"
fi
declare -a MARKS
if step_n a1 30 step/A.1-one-event-per-s; then
    if [ "$MAXGAP" -lt 2 ]; then
        fail step/A.1-one-event-per-s "no grant ever brought more than one event (largest lead $MAXGAP): the test proves nothing"
    else
        pass step/A.1-one-event-per-s
    fi
    # pause() is reached within 30 steps; its note waits for its event.
    if [ $PAUSE_SEEN = 0 ]; then
        fail step/pause-note-in-order "no pause() note in 30 steps: $(status a1)"
    elif [ -n "$PAUSE_EARLY" ]; then
        fail step/pause-note-in-order "the pause() note showed before its checkpoint ($PAUSE_EARLY)"
    else
        pass step/pause-note-in-order
    fi
else
    fail step/pause-note-in-order "not reached: stepping failed"
fi

# --- 2. travel after stepping: Home, End, Left, Right; the panes follow k ----
K=$(event_k a1)
N=$(event_total a1)
key a1 Home
if wait_for a1 "event 0 of " 3 && ! screen a1 | grep -q "1 MainThread" && [ -z "$(code_mark a1)" ]; then
    pass step/travel-home
else
    fail step/travel-home "want event 0, no worker, no code cursor: $(status a1)"
fi
key a1 End
sleep 0.4
e=$(event_k a1)
if [ -n "$e" ] && [ "$e" -ge "$N" ] && ! status a1 | grep -q "event $e of"; then
    pass step/travel-end
else
    fail step/travel-end "End: event $e, want the total ($N or more, no 'of'): $(status a1)"
fi
key a1 Left
wait_k a1 $((e - 1)) 2 && status a1 | grep -q "event $((e - 1)) of " && key a1 Right && wait_k a1 "$e" 2 &&
    pass step/travel-left-right || fail step/travel-left-right "Left/Right from $e: $(status a1)"
# The code pane at event j, reached by travel, is what stepping showed at j,
# and the cursor moved while stepping (the pane is a fold up to k).
key a1 Home
wait_k a1 0 2
ok=1 why="" distinct=""
for ((j = 1; j <= K; j++)); do
    key a1 Right
    if ! wait_k a1 "$j" 2; then
        ok=0 why="Right did not reach event $j: $(status a1)"
        break
    fi
    m=$(code_mark a1)
    if [ "$m" != "${MARKS[$j]}" ]; then
        ok=0 why="event $j: code cursor at line '$m' by travel, '${MARKS[$j]}' when stepped"
        break
    fi
    [ -n "$m" ] && distinct="$distinct $m"
done
ndist=$(tr ' ' '\n' <<<"$distinct" | sort -u | grep -c .)
if [ $ok = 1 ] && [ "$ndist" -ge 2 ]; then
    pass step/panes-follow-k
else
    fail step/panes-follow-k "${why:-the code cursor took $ndist distinct lines over $K events}"
fi

# --- 3. step, then space: the lesson runs to its end and prints -------------
key a1 End
sleep 0.2
key a1 s
sleep 0.3
if until_finished a1 && s=$(screen a1) &&
    grep -Eq "without a lock: expected 10, got [0-9]+, lost [0-9]+" <<<"$s" &&
    grep -q "with the lock: expected 10, got 10, lost 0" <<<"$s" && ! status a1 | grep -q "event [0-9]* of"; then
    pass step/then-run-to-end
else
    fail step/then-run-to-end "status $(status a1)"
fi
# The run is over: from Home, s still reveals one event at a time; at the
# newest it says the run is over.
N=$(event_total a1)
key a1 Home
wait_k a1 0 2
key a1 s
if wait_k a1 1 2 && status a1 | grep -q "event 1 of $N"; then
    key a1 End
    wait_k a1 "$N" 2
    key a1 s
    if wait_for a1 "the run is over" 2 && [ "$(event_k a1)" = "$N" ]; then
        pass step/after-the-end
    else
        fail step/after-the-end "s at the newest of a finished run: $(status a1)"
    fi
else
    fail step/after-the-end "s from event 0 of a finished run: $(status a1)"
fi
key a1 q
ended a1 && [ "$(cat "$T/a1.rc")" = 0 ] && cmp -s "$T/a1.before" "$T/a1.after" && [ -z "$(left_behind)" ] &&
    pass step/A.1-quit-clean ||
    fail step/A.1-quit-clean "rc $(cat "$T/a1.rc" 2>/dev/null), left: $(left_behind)"

# --- 4. a lesson never seen before: 2 threads, a lock, a print each ---------
cat >"$L/two.py" <<'PY'
"""
section: Z.9
title: Two workers and a lock

Two threads take turns with one lock; each prints once while it holds it.
"""
from threading import Thread, Lock

guard = Lock()


def work(name):
    with guard:
        print(f"{name} has the lock")


if __name__ == "__main__":
    ann = Thread(target=work, args=("ann",), name="ann")
    ben = Thread(target=work, args=("ben",), name="ben")
    ann.start()
    ben.start()
    ann.join()
    ben.join()
    print("both done")
PY
start two --step "$L/two.py"
if wait_for two "event 0" && sleep 0.5 && status two | grep -q "paused.*event 0 "; then
    if step_n two 20 step/new-lesson-20-steps; then
        [ "$MAXGAP" -ge 2 ] && pass step/new-lesson-20-steps ||
            fail step/new-lesson-20-steps "no grant brought more than one event (lead $MAXGAP)"
    fi
else
    fail step/new-lesson-20-steps "--step did not start at event 0: $(status two)"
fi
if until_finished two && s=$(screen two) && grep -q "ann has the lock" <<<"$s" &&
    grep -q "ben has the lock" <<<"$s" && grep -q "both done" <<<"$s"; then
    pass step/new-lesson-run-on
else
    fail step/new-lesson-run-on "status $(status two)"
fi
N=$(event_total two)
key two Home
if wait_k two 0 2 && status two | grep -q "event 0 of $N" && ! screen two | grep -q "both done"; then
    key two End
    if wait_k two "$N" 2 && screen two | grep -q "both done" && ! status two | grep -q " of "; then
        # The output pane between two known events: "both done" is the
        # last print, so one event before it is there, it is not.
        ok=0
        for ((j = 0; j < 40; j++)); do
            key two Left
            sleep 0.05
            screen two | grep -q "both done" || { ok=1; break; }
        done
        k=$(event_k two)
        key two Right
        if [ $ok = 1 ] && wait_k two $((k + 1)) 2 && screen two | grep -q "both done"; then
            pass step/new-lesson-travel
        else
            fail step/new-lesson-travel "no event after which 'both done' appears (at $k): $(status two)"
        fi
    else
        fail step/new-lesson-travel "End: $(status two)"
    fi
else
    fail step/new-lesson-travel "Home: $(status two)"
fi
key two q
ended two && [ "$(cat "$T/two.rc")" = 0 ] && cmp -s "$T/two.before" "$T/two.after" && [ -z "$(left_behind)" ] &&
    pass step/new-lesson-quit-clean ||
    fail step/new-lesson-quit-clean "rc $(cat "$T/two.rc" 2>/dev/null), left: $(left_behind)"
# --- 5. s while the lesson runs: it stops there and shows one event more ----
cat >"$L/busy.py" <<'PY'
"""
section: Z.8
title: Two busy workers

Two threads count to a hundred under one lock, napping between turns.
"""
import time
from threading import Thread, Lock

guard = Lock()
total = 0


def work(n):
    global total
    for i in range(n):
        with guard:
            total += 1
        time.sleep(0.02)


if __name__ == "__main__":
    ts = [Thread(target=work, args=(100,), name=f"w{i}") for i in range(2)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    print(f"total {total}")
PY
start busy "$L/busy.py"
if wait_for busy "running" 5 && sleep 0.4 && key busy s && wait_for busy "paused" 3; then
    sleep 0.3
    if step_n busy 10 step/while-running; then
        pass step/while-running
    fi
    key busy ' '
    if wait_for busy "finished" 20 && screen busy | grep -q "total 200" && ! status busy | grep -q " of "; then
        pass step/while-running-run-on
    else
        fail step/while-running-run-on "status $(status busy)"
    fi
else
    fail step/while-running "s did not pause the running lesson: $(status busy)"
fi
key busy q
ended busy
tm kill-server 2>/dev/null
sleep 0.3
[ -z "$(left_behind)" ] && pass step/nothing-left || fail step/nothing-left "left: $(left_behind)"
exit 0
