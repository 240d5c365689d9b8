#!/bin/bash
# Record and replay (issue 5): --record keeps the event log and the
# schedule (every gate passed); --replay-schedule runs the lesson again
# forcing that order through the gate, the classroom demo that shows the
# same race every time; --replay FILE opens a recording on screen for time
# travel.
. "$(dirname "$0")/lib.sh"
lib_tmpdir
T=$LIB_TMP

if ! lib_wait_parlab; then
    skip replay/all "no $PARLAB (run make)"
    exit 0
fi
if ! command -v python3 >/dev/null 2>&1; then
    skip replay/all "python3 is not installed"
    exit 0
fi
EV="python3 tests/evlog.py"
LESSON=lessons/A.1-lost-update.py
TO=$((60 * TSCALE))

if timeout $TO "$PARLAB" --headless --record "$T/rec" "$LESSON" >"$T/rec.out" 2>"$T/rec.err" &&
    [ -s "$T/rec" ] && $EV schedule "$T/rec" >"$T/rec.sched" && [ -s "$T/rec.sched" ]; then
    pass replay/record
else
    fail replay/record "no recording or no schedule in it: $(cat "$T/rec.err")"
    exit 0
fi
# Recording must not change what the lesson prints.
timeout $TO "$PARLAB" --headless "$LESSON" >"$T/plain.out" 2>/dev/null
grep -q "without a lock: expected 10, got" "$T/rec.out" && cmp -s "$T/rec.out" "$T/plain.out" &&
    pass replay/record-same-output ||
    fail replay/record-same-output "$(diff "$T/rec.out" "$T/plain.out" | head -3)"

# Twenty forced replays, strictly: the recording's output each time, its
# gate passes in its order (the schedule), the same visible actions in the
# same order by the same workers in every replay, and no note on stderr
# that the run left the schedule.  (The recording's own event order may
# differ from the replays' where two workers really ran at once: between
# two gate passes their events interleave by timing.)  Every way on from a
# block (a woken lock waiter taking the lock, a timeout, the GIL after a
# wait, a new thread's start) is a gated point, so even which waiter wins a
# contended lock is the recording's.
# A forced GIL switch (gil.release) happens where a switch interval ran
# out: timing, granted at once wherever it comes, so not compared.
# replay20 NAME SCRIPT: NAME.rec / NAME.out must exist (a --record run).
sched() { $EV schedule "$1" | grep -v " gil.release "; }
replay20() {
    local name=$1 script=$2 i ok=1 why=""
    sched "$T/$name.rec" >"$T/$name.sched"
    for i in $(seq 1 20); do
        if ! timeout $TO "$PARLAB" --headless --replay-schedule "$T/$name.rec" \
            --record "$T/$name.r$i" "$script" >"$T/$name.r$i.out" 2>"$T/$name.r$i.err"; then
            ok=0 why="replay $i failed: $(head -3 "$T/$name.r$i.err")"
            break
        fi
        sched "$T/$name.r$i" >"$T/$name.r$i.sched"
        $EV order "$T/$name.r$i" >"$T/$name.r$i.order"
        if ! cmp -s "$T/$name.out" "$T/$name.r$i.out"; then
            ok=0 why="replay $i printed other output: $(diff "$T/$name.out" "$T/$name.r$i.out" | head -3)"
        elif grep -q "left the recorded schedule" "$T/$name.r$i.err"; then
            ok=0 why="replay $i: $(grep "left the recorded" "$T/$name.r$i.err")"
        elif ! cmp -s "$T/$name.sched" "$T/$name.r$i.sched"; then
            ok=0 why="replay $i passed the gate in another order: $(diff "$T/$name.sched" "$T/$name.r$i.sched" | head -3)"
        elif [ "$i" -gt 1 ] && ! cmp -s "$T/$name.r1.order" "$T/$name.r$i.order"; then
            ok=0 why="replay $i: other event order than replay 1: $(diff "$T/$name.r1.order" "$T/$name.r$i.order" | head -3)"
        fi
        [ $ok = 1 ] || break
    done
    [ $ok = 1 ] && pass "replay/$name-20-times" || fail "replay/$name-20-times" "$why"
}
cp "$T/rec" "$T/lesson-A.1.rec"
cp "$T/rec.out" "$T/lesson-A.1.out"
replay20 lesson-A.1 "$LESSON"

# Four threads hammering one Lock (a sleep inside the with-block now and
# then, so the others pile up on it): free runs print in varying orders,
# the replays in the recording's.
cat >"$T/hammer.py" <<'PY'
import time
from threading import Thread, Lock

lock = Lock()
total = 0


def hammer(name):
    global total
    for i in range(6):
        with lock:
            seen = total
            if i % 2 == 0:
                time.sleep(0.002)
            total = seen + 1
            print(f"{name} {i}: {total}")


workers = [Thread(target=hammer, args=(f"w{k}",), name=f"w{k}") for k in range(4)]
for w in workers:
    w.start()
for w in workers:
    w.join()
print("total", total)
PY
if timeout $TO "$PARLAB" --headless --record "$T/contended-lock.rec" "$T/hammer.py" \
    >"$T/contended-lock.out" 2>"$T/contended-lock.err" &&
    grep -q "^total 24$" "$T/contended-lock.out" &&
    [ "$($EV order "$T/contended-lock.rec" | grep -c "lock.wait")" -gt 0 ]; then
    replay20 contended-lock "$T/hammer.py"
else
    fail replay/contended-lock-20-times "the recording did not run or never contended: $(head -3 "$T/contended-lock.err")"
fi

# Three consumers on a small queue.Queue, a Semaphore(2) around the
# printing and an Event to start them: which consumer gets which item and
# which passes the semaphore first are wakes too.
cat >"$T/consumers.py" <<'PY'
import queue
import time
from threading import Thread, Semaphore, Event

jobs = queue.Queue(maxsize=3)
sem = Semaphore(2)
go = Event()


def consumer(name):
    go.wait()
    while True:
        item = jobs.get()
        if item is None:
            break
        with sem:
            if item % 3 == 0:
                time.sleep(0.001)
            print(f"{name} got {item}")


cons = [Thread(target=consumer, args=(f"c{k}",), name=f"c{k}") for k in range(3)]
for c in cons:
    c.start()
go.set()
for i in range(15):
    jobs.put(i)
for c in cons:
    jobs.put(None)
for c in cons:
    c.join()
print("done")
PY
if timeout $TO "$PARLAB" --headless --record "$T/queue-sem.rec" "$T/consumers.py" \
    >"$T/queue-sem.out" 2>"$T/queue-sem.err" && grep -q "^done$" "$T/queue-sem.out"; then
    replay20 queue-sem "$T/consumers.py"
else
    fail replay/queue-sem-20-times "the recording did not run: $(head -3 "$T/queue-sem.err")"
fi

# A bad recording is refused with a reason, not run.
echo "not a recording" >"$T/bad"
out=$("$PARLAB" --headless --replay-schedule "$T/bad" "$LESSON" 2>&1)
[ $? = 2 ] && grep -q "not a parlab recording" <<<"$out" && pass replay/bad-file ||
    fail replay/bad-file "$out"

# --replay FILE on screen: the whole run is there; Home goes to event 0.
if command -v tmux >/dev/null 2>&1; then
    SOCK=parlab-replay-$$
    tm() { tmux -u -L "$SOCK" "$@"; }
    trap 'tm kill-server 2>/dev/null; rm -rf "$T"' EXIT
    total=$(python3 -c "import sys; sys.path.insert(0,'tests'); import evlog; print(sum(1 for _ in evlog.events('$T/rec')))")
    tm new-session -d -s rp -x 140 -y 40 "env LANG=C.UTF-8 LC_ALL=C.UTF-8 $PARLAB --replay $T/rec $LESSON; sleep 600"
    sleep $((2 * TSCALE))
    end=$(tm capture-pane -p -t rp | tail -1)
    tm send-keys -t rp Home
    sleep 0.5
    home=$(tm capture-pane -p -t rp | tail -1)
    out=$(tm capture-pane -p -t rp)
    tm send-keys -t rp End
    sleep 0.5
    out_end=$(tm capture-pane -p -t rp)
    if grep -q "event $total " <<<"$end" && grep -q "event 0 " <<<"$home" &&
        ! grep -q "without a lock" <<<"$out" && grep -q "without a lock" <<<"$out_end"; then
        pass replay/ui-travel
    else
        fail replay/ui-travel "end: $end / home: $home"
    fi
    tm send-keys -t rp q
    # Live: the schedule forced on screen, pause() checkpoints held until space.
    tm new-session -d -s ls -x 160 -y 40 "env LANG=C.UTF-8 LC_ALL=C.UTF-8 $PARLAB --replay-schedule $T/rec $LESSON; sleep 600"
    for ((i = 0; i < 200 * TSCALE; i++)); do
        st=$(tm capture-pane -p -t ls | tail -1)
        grep -q finished <<<"$st" && break
        grep -q paused <<<"$st" && tm send-keys -t ls ' '
        sleep 0.2
    done
    want=$(head -1 "$T/rec.out")
    if tm capture-pane -p -t ls | grep -qF "$want"; then
        pass replay/live-schedule
    else
        fail replay/live-schedule "no '$want' on screen; status $st"
    fi
    tm send-keys -t ls q
else
    skip replay/ui-travel "tmux is not installed"
fi
exit 0
