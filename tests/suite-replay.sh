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

# Twenty forced replays: the output of the recording each time, and the
# race itself (round one, before the first lock) forced exactly: the gate
# passes in the recorded order, the visible actions in the same order in
# every replay.  Round two's lock hand-overs happen inside the lock, past
# the gate, so their order is the lock's (see the note on stderr).
first_lock=$(grep -n "lock" "$T/rec.sched" | head -1 | cut -d: -f1)
n=$(( ${first_lock:-1} - 1 ))
head -$n "$T/rec.sched" >"$T/rec.race"
ok=1 why=""
[ "$n" -gt 10 ] || { ok=0 why="only $n gate passes before the first lock in the recording"; }
for i in $(seq 1 20); do
    [ $ok = 1 ] || break
    if ! timeout $TO "$PARLAB" --headless --replay-schedule "$T/rec" --record "$T/r$i" "$LESSON" \
        >"$T/r$i.out" 2>"$T/r$i.err"; then
        ok=0 why="replay $i failed: $(cat "$T/r$i.err")"
        break
    fi
    $EV schedule "$T/r$i" | head -$n >"$T/r$i.race"
    $EV order "$T/r$i" | sed '/lock/,$d' >"$T/r$i.order"
    if ! cmp -s "$T/rec.out" "$T/r$i.out"; then
        ok=0 why="replay $i printed other output: $(diff "$T/rec.out" "$T/r$i.out" | head -3)"
    elif ! cmp -s "$T/rec.race" "$T/r$i.race"; then
        ok=0 why="replay $i left the recorded order: $(diff "$T/rec.race" "$T/r$i.race" | head -3)"
    elif [ "$i" -gt 1 ] && ! cmp -s "$T/r1.order" "$T/r$i.order"; then
        ok=0 why="replay $i: other event order: $(diff "$T/r1.order" "$T/r$i.order" | head -3)"
    fi
done
[ $ok = 1 ] && pass replay/schedule-20-times || fail replay/schedule-20-times "$why"

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
