#!/bin/bash
# Terminal tests: the real UI driven in tmux at 80x24 and 200x50.  Keys go
# in with send-keys, the screen comes back with capture-pane, and the
# terminal's modes are compared with `stty -a` run inside the pane before
# and after.  The program under test is `$PARLAB --demo` once main.c offers
# it, else tests/tui/driver (built here from the same objects); the menu
# and crash cases always use the driver (it has --menu and --crash).
. "$(dirname "$0")/lib.sh"
lib_tmpdir
T=$LIB_TMP

if ! command -v tmux >/dev/null 2>&1; then
    skip tui/all "tmux is not installed"
    exit 0
fi

DRIVER=$T/tui-driver
if ! B=${B:-build/release} tests/tui/build.sh "$DRIVER" >"$T/build.log" 2>&1; then
    fail tui/build "tests/tui/build.sh failed: $(tail -c 300 "$T/build.log")"
    exit 0
fi
pass tui/build
DEMO="$DRIVER"
if lib_have_parlab && "$PARLAB" --demo </dev/null 2>&1 | grep -q 'terminal'; then
    DEMO="$PARLAB --demo"
fi

SOCK=parlab-tui-$$
. "$(dirname "$0")/tmux.sh"
export LANG=C.UTF-8 LC_ALL=C.UTF-8
export XDG_STATE_HOME=$T/state
unset NO_COLOR
# check NAME CASE TEXT...: every TEXT on the screen, else FAIL with the screen.
check() {
    local name=$1 case=$2
    shift 2
    local s
    s=$(screen "$name")
    for t in "$@"; do
        if ! grep -qF -- "$t" <<<"$s"; then
            fail "$case" "'$t' not on screen: $(printf '%s' "$s" | head -c 1500)"
            return 1
        fi
    done
    pass "$case"
}

# --- the demo at two sizes, paused at its pause() checkpoint -----------------
for size in 80x24 200x50; do
    W=${size%x*} H=${size#*x}
    n=s$W
    start "$n" "$W" "$H" "$DEMO"
    if ! wait_for "$n" "paused" 8; then
        fail "tui/$size-panes" "never reached the pause: $(screen "$n" | head -c 1500)"
        stop "$n"
        continue
    fi
    check "$n" "tui/$size-panes" Timeline Locks Queues "Arrays and values" Code Narration Output \
        "MainProcess 4100:4100" "alice 4100:4101" "bob 4100:4102" "office 4107:4107" \
        "ledger  owner: alice  waiting: bob" "jobs  FIFO" "get◀ 3 ◀put" \
        "[ 10 │ 0 │ 0 │ 3 ]" "alice has the ledger" \
        "alice holds the ledger and bob waits" "paused"
    if [ "$W" = 200 ]; then
        check "$n" tui/200x50-more "GIL of office" "notes  list: one private copy per process" \
            "office      [ 'open' │ 'office' ]" "space run  s step  ? help  q quit"
    fi
    # Left goes back one event, the status line shows "of N"; End returns.
    k=$(event_no "$n")
    tm send-keys -t "$n" Left
    if wait_for "$n" "event $((k - 1)) of $k" 2; then
        pass "tui/$size-left-moves-event"
    else
        fail "tui/$size-left-moves-event" "want 'event $((k - 1)) of $k': $(screen "$n" | tail -1)"
    fi
    tm send-keys -t "$n" Home
    wait_for "$n" "event 0 of $k" 2 && ! screen "$n" | grep -qF "owner: alice" &&
        pass "tui/$size-home" || fail "tui/$size-home" "$(screen "$n" | tail -3)"
    tm send-keys -t "$n" End
    if wait_re "$n" "event $k( |\$)" 2; then
        check "$n" "tui/$size-end" "ledger  owner: alice  waiting: bob"
    else
        fail "tui/$size-end" "End did not return to event $k: $(screen "$n" | tail -1)"
    fi
    # ? shows the help; any key closes it.
    tm send-keys -t "$n" '?'
    if wait_for "$n" "zoom the focused pane to the full screen" 2; then
        tm send-keys -t "$n" x
        sleep 0.3
        screen "$n" | grep -qF "zoom the focused pane" &&
            fail "tui/$size-help" "help did not close" || pass "tui/$size-help"
    else
        fail "tui/$size-help" "no help: $(screen "$n" | head -c 800)"
    fi
    # z zooms the focused pane (the timeline) to the full screen, z again returns.
    tm send-keys -t "$n" z
    sleep 0.3
    s=$(screen "$n")
    if grep -qF Timeline <<<"$s" && ! grep -qF "Narration" <<<"$s" && ! grep -qF "Locks" <<<"$s"; then
        tm send-keys -t "$n" z
        wait_for "$n" Narration 2 && pass "tui/$size-zoom" || fail "tui/$size-zoom" "z did not unzoom"
    else
        fail "tui/$size-zoom" "z did not zoom the timeline: $(head -c 600 <<<"$s")"
    fi
    # Tab moves the focus to the locks pane; z then zooms that one.
    tm send-keys -t "$n" Tab z
    sleep 0.3
    s=$(screen "$n")
    if grep -qF "ledger  owner: alice" <<<"$s" && ! grep -qF Timeline <<<"$s"; then
        pass "tui/$size-tab"
    else
        fail "tui/$size-tab" "Tab z did not zoom the locks: $(head -c 600 <<<"$s")"
    fi
    tm send-keys -t "$n" z
    # space goes on to the end of the run.
    tm send-keys -t "$n" ' '
    if wait_for "$n" "finished" 10; then
        check "$n" "tui/$size-run-to-end" "totals: [10, 10, 0, 6]" "last receipt: bob" \
            "ledger  free" "$([ "$W" = 200 ] && echo "bottom│ 'alice' ⇅top" || echo "jobs  FIFO")"
    else
        fail "tui/$size-run-to-end" "never finished: $(screen "$n" | tail -2)"
    fi
    # q leaves with status 0 and the terminal as it was.
    tm send-keys -t "$n" q
    if wait_file "$T/$n.after" 5; then
        rc=$(cat "$T/$n.rc")
        if [ "$rc" != 0 ]; then
            fail "tui/$size-quit" "exit $rc after q"
        elif ! same_stty "$T/$n.before" "$T/$n.after"; then
            fail "tui/$size-quit" "stty differs: $(diff "$T/$n.before" "$T/$n.after" | head -5)"
        elif [ -n "$(prog_pid "$n")" ]; then
            fail "tui/$size-quit" "a process is left behind"
        else
            pass "tui/$size-quit"
        fi
    else
        fail "tui/$size-quit" "q did not quit: $(screen "$n" | tail -2)"
    fi
    stop "$n"
done

# --- stepping from event 0 ----------------------------------------------------
start step 80 24 "$DRIVER --step"
if wait_for step "event 0" 5; then
    tm send-keys -t step s
    wait_re step "event 1( |\$)" 2 && tm send-keys -t step s && wait_re step "event 2( |\$)" 2 &&
        check step tui/step "1 MainProcess" "paused" ||
        fail tui/step "s did not step one event: $(screen step | tail -1)"
else
    fail tui/step "--step did not start at event 0: $(screen step | tail -1)"
fi
stop step

# --- signals and crashes give the terminal back --------------------------------
# restored NAME CASE WANT_RC: the pane's stty before and after agree, the
# program exited with WANT_RC and nothing of it is left.
restored() {
    local n=$1 case=$2 want=$3
    if ! wait_file "$T/$n.after" 5; then
        fail "$case" "the program did not exit: $(screen "$n" | tail -2)"
    elif [ "$(cat "$T/$n.rc")" != "$want" ]; then
        fail "$case" "exit $(cat "$T/$n.rc"), want $want"
    elif ! same_stty "$T/$n.before" "$T/$n.after"; then
        fail "$case" "stty differs: $(diff "$T/$n.before" "$T/$n.after" | head -5)"
    elif [ -n "$(prog_pid "$n")" ]; then
        fail "$case" "a process is left behind"
    elif screen "$n" | grep -qF "Timeline"; then
        fail "$case" "the UI is still on the screen"
    else
        pass "$case"
    fi
}
start cc 80 24 "$DEMO"
wait_for cc Timeline 5
tm send-keys -t cc C-c
restored cc tui/ctrl-c 130
stop cc

start term 80 24 "$DEMO"
wait_for term Timeline 5
kill -TERM "$(prog_pid term)" 2>/dev/null
restored term tui/sigterm 143
stop term

start hup 80 24 "$DEMO"
wait_for hup Timeline 5
kill -HUP "$(prog_pid hup)" 2>/dev/null
restored hup tui/sighup 129
stop hup

start crash 80 24 "ulimit -c 0; $DRIVER --crash"
restored crash tui/crash-restores 139
stop crash

# --- a too-small terminal gets a message, and a resize brings the panes -------
start small 60 20 "$DEMO"
if wait_for small "needs a terminal of at least 80x24" 5; then
    check small tui/too-small "this one is 60x20"
    tm resize-window -t small -x 100 -y 30 2>/dev/null || tm refresh-client -t small -C 100,30 2>/dev/null
    wait_for small "Timeline" 4 && check small tui/resize-redraws Locks Narration ||
        fail tui/resize-redraws "no panes after growing to 100x30: $(screen small | head -c 400)"
    tm send-keys -t small q
    restored small tui/too-small-quit 0
else
    fail tui/too-small "no message: $(screen small | head -c 400)"
fi
stop small

# --- a recording replayed: all events at once, travel with Home/Right -------
if "$DRIVER" --record-demo "$T/demo.rec" 2>"$T/rec.err"; then
    start replay 100 30 "$DRIVER --replay $T/demo.rec"
    if wait_for replay "finished" 5; then
        k=$(event_no replay)
        check replay tui/replay "totals: [10, 10, 0, 6]" "ledger  free"
        tm send-keys -t replay Home Right
        wait_for replay "event 1 of $k" 2 && ! screen replay | grep -qF "totals: [" &&
            pass tui/replay-travel || fail tui/replay-travel "$(screen replay | tail -1)"
    else
        fail tui/replay "$(screen replay | tail -2)"
    fi
    tm send-keys -t replay q
    restored replay tui/replay-quit 0
    stop replay
else
    fail tui/replay "could not record: $(head -c 200 "$T/rec.err")"
fi

# --- Vietnamese ------------------------------------------------------------------
start vi 100 30 "$DRIVER --lang vi"
wait_for vi "Dòng thời gian" 5 &&
    check vi tui/vietnamese "Lượt chạy này là giả lập" "Khoá" "Hàng đợi" ||
    fail tui/vietnamese "$(screen vi | head -c 600)"
tm send-keys -t vi q
stop vi

# --- a terminal without UTF-8: ASCII glyphs, and no byte that would make
# the terminal lose its place (the script has Vietnamese in it) -------------
start ascii 80 24 "LANG=C LC_ALL=C $DEMO"
if wait_for ascii "paused" 8; then
    check ascii tui/ascii-fallback "#run  gGIL  Llock" "get< 3 <put" "GIL of MainProcess  owner: MainProcess" \
        "ledger  owner: alice  waiting: bob" "| paused | 1x |"
else
    fail tui/ascii-fallback "$(screen ascii | head -c 600)"
fi
stop ascii

# --- colours, and NO_COLOR ---------------------------------------------------------
start col 80 24 "$DEMO"
wait_for col Timeline 5
if tm capture-pane -e -p -t col | grep -q $'\e\[3[0-7]m\|\e\[4[0-7]m\|\e\[[0-9;]*;3[0-7]m'; then
    pass tui/colours
else
    fail tui/colours "no colour on screen"
fi
# A click on alice's timeline label (column 4, row 4) highlights her in
# every pane: the highlight role is black on yellow.
click() { # NAME X Y (1-based cells), a press of button 1 in X10 mouse encoding
    local b x y
    b=$(printf "\\$(printf %o 32)")
    x=$(printf "\\$(printf %o $((32 + $2)))")
    y=$(printf "\\$(printf %o $((32 + $3)))")
    tm send-keys -t "$1" -l $'\e[M'"$b$x$y"
}
wait_for col "paused" 8
click col 4 4
sleep 0.4
hl=$(tm capture-pane -e -p -t col | grep -c $'\e\[43m[^\e]*alice')
if [ "$hl" -ge 3 ]; then
    pass tui/click-highlights
else
    fail tui/click-highlights "alice highlighted on $hl lines, want 3 or more (timeline, locks, output)"
fi
stop col
start nocol 80 24 "NO_COLOR=1 $DEMO"
wait_for nocol Timeline 5
if tm capture-pane -e -p -t nocol | grep -q $'\e\[3[0-7]m\|\e\[4[0-7]m\|\e\[[0-9;]*;3[0-7]m'; then
    fail tui/no-color "colours with NO_COLOR set"
else
    pass tui/no-color
fi
stop nocol

# --- the menu: lessons in article order, Enter, q back, the mark, n -------------
L=$T/lessons
mkdir -p "$L"
lesson() { # FILE SECTION TITLE
    printf '"""\nsection: %s\ntitle: %s\n\nNarration of %s.\n"""\nprint("x")\n' "$2" "$3" "$3" >"$L/$1"
}
lesson b.py 2.1 "Second lesson"
lesson a.py 1.1 "First lesson"
start menu 80 24 "PARLAB_LESSONS=$L $DRIVER --menu --speed 10"
if wait_for menu "First lesson" 5; then
    s=$(screen menu)
    l1=$(grep -nF "First lesson" <<<"$s" | cut -d: -f1)
    l2=$(grep -nF "Second lesson" <<<"$s" | cut -d: -f1)
    [ -n "$l2" ] && [ "$l1" -lt "$l2" ] && pass tui/menu-order || fail tui/menu-order "$s"
    tm send-keys -t menu Enter
    if wait_for menu "paused" 5; then
        tm send-keys -t menu ' '
        wait_for menu "finished" 5
        tm send-keys -t menu n
        wait_for menu "2.1 Second lesson" 3 && pass tui/menu-next ||
            fail tui/menu-next "n did not open the next lesson: $(screen menu | tail -1)"
        tm send-keys -t menu q
        if wait_for menu "Enter run" 3; then
            screen menu | grep -F "First lesson" | grep -qF "✓" && pass tui/menu-mark ||
                fail tui/menu-mark "no mark on the lesson run: $(screen menu | head -6)"
        else
            fail tui/menu-mark "q did not return to the menu"
        fi
    else
        fail tui/menu-next "Enter did not run the lesson: $(screen menu | tail -2)"
    fi
    tm send-keys -t menu q
    restored menu tui/menu-quit 0
else
    fail tui/menu-order "no menu: $(screen menu | head -c 400)"
fi
stop menu
exit 0
