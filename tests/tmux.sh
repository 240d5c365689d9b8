# tmux helpers for the suites that drive the real terminal UI (sourced after
# lib.sh, with $T a scratch directory).  Each suite runs its own tmux server
# (socket $SOCK) so suites can run side by side; keys go in with send-keys and
# the screen comes back with capture-pane.
SOCK=${SOCK:-parlab-$(basename "$0" .sh)-$$}
tm() { tmux -u -L "$SOCK" "$@"; }
trap 'tm kill-server 2>/dev/null; rm -rf "$T"' EXIT

# tmux_start NAME W H CMD: CMD in a pane of its own (run in $START_DIR,
# default the current directory; environment $START_ENV, default a C.UTF-8
# locale), with `stty -a` recorded before and after it and its exit status in
# $T/NAME.rc; the pane then idles so the screen can be read.  `start` is the
# same unless a suite defines its own on top of it.
tmux_start() {
    local name=$1 w=$2 h=$3
    shift 3
    rm -f "$T/$name".*
    cat >"$T/$name.sh" <<SH
cd "${START_DIR:-$PWD}"
stty -a >"$T/$name.before"
$*
echo \$? >"$T/$name.rc"
stty -a >"$T/$name.after"
exec sleep 600
SH
    tm new-session -d -s "$name" -x "$w" -y "$h" "env ${START_ENV:-LANG=C.UTF-8 LC_ALL=C.UTF-8} bash $T/$name.sh"
}
start() { tmux_start "$@"; }
stop() { tm kill-session -t "$1" 2>/dev/null; }
screen() { tm capture-pane -p -t "$1"; }
# screen_has NAME -F|-E PATTERN: the screen shows it.
screen_has() { screen "$1" | grep -q "$2" -- "$3"; }
# tmux_poll SECONDS CMD...: CMD every 0.1 s until it succeeds (0) or the
# time (scaled by TSCALE) is over (1).
tmux_poll() {
    local i n=$(( $1 * 10 * TSCALE ))
    shift
    for ((i = 0; i < n; i++)); do
        "$@" && return 0
        sleep 0.1
    done
    return 1
}
# wait_for NAME TEXT [SECONDS, default 8]: until TEXT is on the screen
# (fixed string).
wait_for() { tmux_poll "${3:-8}" screen_has "$1" -F "$2"; }
# wait_re NAME REGEX [SECONDS]: the same with an extended regex.
wait_re() { tmux_poll "${3:-5}" screen_has "$1" -E "$2"; }
# wait_file FILE [SECONDS]: until FILE exists and is not empty.
wait_file() {
    local i n=$(( ${2:-5} * 10 * TSCALE ))
    for ((i = 0; i < n; i++)); do
        [ -s "$1" ] && return 0
        sleep 0.1
    done
    return 1
}
# same_stty A B: the terminal modes agree (the size may have changed).
same_stty() {
    cmp -s <(sed 's/rows [0-9]*; columns [0-9]*;//' "$1") <(sed 's/rows [0-9]*; columns [0-9]*;//' "$2")
}
# The "event N" the status line shows (the last row).
event_no() {
    screen "$1" | tail -1 | sed -n 's/.*event \([0-9][0-9]*\).*/\1/p'
}
# The pid of the program under test: the pane shell's child that is not sleep.
prog_pid() {
    local sh
    sh=$(tm list-panes -t "$1" -F '#{pane_pid}')
    ps -o pid=,comm= --ppid "$sh" | awk '$2 != "sleep" { print $1; exit }'
}
# run_through NAME SECONDS: press space at every checkpoint until the
# status line says the run is over.
run_through() {
    local i n=$(( $2 * 10 * TSCALE ))
    for ((i = 0; i < n; i++)); do
        local s
        s=$(screen "$1")
        case "$s" in *"│ finished │"*) return 0 ;; esac
        case "$s" in *"│ paused │"*) tm send-keys -t "$1" Space ;; esac
        sleep 0.1
    done
    return 1
}
# quit_and_check NAME: q, then prints why the exit was not clean (nothing
# when parlab ended with status 0 and the terminal modes as they were).
quit_and_check() {
    tm send-keys -t "$1" q
    wait_file "$T/$1.after" 5 || { echo "q did not end parlab"; return; }
    if ! cmp -s "$T/$1.before" "$T/$1.after"; then
        echo "stty -a differs after q"
    elif [ "$(cat "$T/$1.rc")" != 0 ]; then
        echo "exit status $(cat "$T/$1.rc") after q"
    fi
}
