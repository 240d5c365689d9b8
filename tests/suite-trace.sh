#!/bin/bash
# --trace OUT.json (issue 5): Chrome trace-event JSON, checked by
# tests/trace_check.py (events carry name/ph/ts/pid/tid, process_name and
# thread_name metadata, one track per thread and per process, timestamps
# monotonic per track, slices nested, b/e and s/f pairs matched), for
# threads, for processes, headless and live; and the checker must reject
# a broken file.
. "$(dirname "$0")/lib.sh"
lib_tmpdir
T=$LIB_TMP

if ! lib_wait_parlab; then
    skip trace/all "no $PARLAB (run make)"
    exit 0
fi
if ! command -v python3 >/dev/null 2>&1; then
    skip trace/all "python3 is not installed"
    exit 0
fi
CHECK="python3 tests/trace_check.py"
TO=$((60 * TSCALE))

# name LESSON THREADS PROCESSES: headless run with --trace, then the check.
headless() {
    local name=$1 lesson=$2 threads=$3 procs=$4
    if ! timeout $TO "$PARLAB" --headless --trace "$T/$name.json" "$lesson" >"$T/$name.out" 2>"$T/$name.err"; then
        fail "trace/$name" "the run failed: $(tail -c 200 "$T/$name.err")"
        return
    fi
    # The trace must not change what the lesson prints.
    timeout $TO "$PARLAB" --headless "$lesson" >"$T/$name.plain" 2>/dev/null
    if ! out=$($CHECK "$T/$name.json" --threads "$threads" --processes "$procs" 2>&1); then
        fail "trace/$name" "$out"
    elif [ "$lesson" != lessons/6-conclusion.py ] && ! cmp -s "$T/$name.out" "$T/$name.plain"; then
        fail "trace/$name" "output differs with --trace"
    else
        pass "trace/$name"
    fi
}
# A.1: the main thread and two rounds of alice and bob (5 thread tracks).
headless threads lessons/A.1-lost-update.py 5 1
# 3.2: a root and two processes, each its own track.
headless processes lessons/3.2-process-queue.py 3 3
# 2.3: main, alice, bob; flows from each release of the microphone.
headless lock lessons/2.3-thread-lock.py 3 1
if grep -q '"ph":"s"' "$T/lock.json" && grep -q '"ph":"f"' "$T/lock.json"; then
    pass trace/lock-flows
else
    fail trace/lock-flows "no flow arrows for lock hand-overs"
fi

# The checker can fail: an unmatched flow, a missing tid, time going back.
python3 - "$T/lock.json" "$T/broken" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
ev = d['traceEvents']
a = dict(next(e for e in ev if e['ph'] == 's')); a['id'] = 999999
b = dict(next(e for e in ev if e['ph'] == 'X')); del b['tid']
json.dump({'traceEvents': ev + [a]}, open(sys.argv[2] + '1.json', 'w'))
json.dump({'traceEvents': ev + [b]}, open(sys.argv[2] + '2.json', 'w'))
xs = [e for e in ev if e['ph'] == 'X']
c = dict(xs[-1]); c['ts'] = 0; c['dur'] = 0
json.dump({'traceEvents': ev + [c]}, open(sys.argv[2] + '3.json', 'w'))
PY
bad=0
for i in 1 2 3; do
    $CHECK "$T/broken$i.json" >/dev/null 2>&1 && bad=$i
done
[ $bad = 0 ] && pass trace/checker-rejects || fail trace/checker-rejects "broken file $bad was accepted"

# The browser's own importer: Chrome DevTools' SDK.TracingModel (npm
# package chrome-devtools-frontend, via devtools-timeline-model) loads each
# trace and must find every process and thread under its name, with events.
DEVTOOLS=${PARLAB_DEVTOOLS_DIR:-build/devtools}
if [ ! -d "$DEVTOOLS/node_modules/devtools-timeline-model" ] && command -v npm >/dev/null 2>&1; then
    mkdir -p "$DEVTOOLS"
    timeout $((180 * TSCALE)) npm install --silent --no-audit --no-fund --prefix "$DEVTOOLS" \
        devtools-timeline-model@1.4.0 >"$T/npm.log" 2>&1 || true
fi
if ! command -v node >/dev/null 2>&1; then
    skip trace/devtools "node is not installed (apt-get install nodejs npm)"
elif [ ! -d "$DEVTOOLS/node_modules/devtools-timeline-model" ]; then
    skip trace/devtools "npm could not install devtools-timeline-model: $(tail -c 200 "$T/npm.log" 2>/dev/null)"
else
    for c in "threads 5 1" "processes 3 3" "lock 3 1"; do
        set -- $c
        if [ ! -s "$T/$1.json" ]; then
            fail "trace/devtools-$1" "no trace was written"
        elif out=$(timeout $((60 * TSCALE)) node tests/trace_devtools.js "$DEVTOOLS" "$T/$1.json" "$2" "$3" 2>&1); then
            pass "trace/devtools-$1"
        else
            fail "trace/devtools-$1" "$out"
        fi
    done
    # ... and it can fail: metadata without a category breaks the importer.
    python3 - "$T/lock.json" "$T/nocat.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for e in d['traceEvents']:
    if e['ph'] == 'M':
        e.pop('cat', None)
json.dump(d, open(sys.argv[2], 'w'))
PY
    if timeout $((60 * TSCALE)) node tests/trace_devtools.js "$DEVTOOLS" "$T/nocat.json" 3 1 >"$T/nocat.out" 2>&1; then
        fail trace/devtools-rejects "DevTools' importer accepted metadata events without a category"
    elif ! grep -q TracingModel "$T/nocat.out"; then
        fail trace/devtools-rejects "the harness failed, not the importer: $(head -c 200 "$T/nocat.out")"
    else
        pass trace/devtools-rejects
    fi
fi

# Live: the UI run writes the same JSON when it ends (q).
if command -v tmux >/dev/null 2>&1; then
    SOCK=parlab-trace-$$
    tm() { tmux -u -L "$SOCK" "$@"; }
    trap 'tm kill-server 2>/dev/null; rm -rf "$T"' EXIT
    tm new-session -d -s tr -x 140 -y 40 "env LANG=C.UTF-8 LC_ALL=C.UTF-8 $PARLAB --trace $T/live.json --record $T/live.rec lessons/2.2-thread-subclass.py; sleep 600"
    for ((i = 0; i < 150 * TSCALE; i++)); do
        s=$(tm capture-pane -p -t tr | tail -1)
        grep -q finished <<<"$s" && break
        grep -q paused <<<"$s" && tm send-keys -t tr ' '
        sleep 0.1
    done
    sleep 0.5
    tm send-keys -t tr q
    sleep 1
    if out=$($CHECK "$T/live.json" 2>&1) && [ -s "$T/live.rec" ]; then
        pass trace/live
    else
        fail trace/live "$out"
    fi
else
    skip trace/live "tmux is not installed"
fi
exit 0
