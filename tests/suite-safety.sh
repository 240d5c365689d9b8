#!/bin/bash
# Safety: every tests/safety/*.py tries to escape the lesson sandbox (files,
# commands, network, introspection, resource exhaustion) and must be refused
# without having had its effect.  Never run these under CPython.
#
# Each script declares in its leading comments:
#   # refuse: check   rejected before it starts: exit 2, first stderr line
#                     `FILE:LINE:COL: error: ...`, nothing on stdout; and
#                     `parlab --check FILE` says the same
#   # refuse: any     rejected either way: as above, or at run time with
#                     exit 1 and an error on stderr
#   # expect: L:C: error: MSG   (optional) the exact diagnostic after FILE:
#   # timeout: N      (optional) seconds, default 20
# Every script prints `started` first and `ESCAPED` after its attack.  It runs
# in an empty scratch directory holding one file, `victim`; afterwards that
# directory must hold exactly `victim`, unchanged, stdout must not say
# ESCAPED, and no process of the run may be left behind.
#
# Usage: tests/suite-safety.sh [NAME...]
. "$(dirname "$0")/lib.sh"
lib_tmpdir

SAFE_DIR=$ROOT/tests/safety
VICTIM="victim: original contents"

# safe_header FILE KEY: the value of `# KEY: value` in FILE's leading comments.
safe_header() {
    sed -n "s/^# $2: *//p" "$1" | head -n1
}

# safe_run NAME DIR OUT ERR SECS ARGS...: runs parlab in DIR in a session of
# its own, so that every process it made can be found afterwards.  Prints
# nothing; returns parlab's status.  Sets SAFE_LEFT to the pids left alive.
safe_run() {
    local dir=$2 out=$3 err=$4 secs=$5 sidf=$LIB_TMP/sid rc
    shift 5
    rm -f "$sidf"
    (
        cd "$dir" || exit 2
        # A release binary gets a hard memory ceiling, so that a missing cap
        # fails the test instead of the machine.  Sanitizers need the space.
        [ "$TSCALE" = 1 ] && ulimit -v 4000000
        lib_run "$secs" "$out" "$err" setsid sh -c 'echo $$ >"$0"; exec "$@"' "$sidf" "$PARLAB" "$@"
    )
    rc=$?
    SAFE_LEFT=""
    sleep 0.2
    if [ -s "$sidf" ]; then
        SAFE_LEFT=$(ps -o pid= -s "$(cat "$sidf")" 2>/dev/null | tr -s ' \n' ' ')
        SAFE_LEFT=${SAFE_LEFT# }
        SAFE_LEFT=${SAFE_LEFT% }
        if [ -n "$SAFE_LEFT" ]; then
            # shellcheck disable=SC2086
            kill -KILL $SAFE_LEFT 2>/dev/null
        fi
    fi
    return $rc
}

# Checks a refused-before-start result; prints why not, or nothing.
safe_judge_check() {
    local f=$1 rc=$2 out=$3 err=$4 expect=$5 first
    first=$(head -n1 "$err")
    if [ "$rc" != 2 ]; then
        echo "$(lib_status "$rc"), want exit 2 from the checker${first:+; stderr: ${first:0:120}}"
        return
    fi
    case $first in
        "$f":[0-9]*:[0-9]*": error: "*) ;;
        *) echo "first stderr line is not '$f:LINE:COL: error: ...': '${first:0:120}'"; return ;;
    esac
    if [ -n "$expect" ] && [ "${first#"$f":}" != "$expect" ]; then
        echo "diagnostic '${first#"$f":}', want '$expect'"
        return
    fi
    if [ -s "$out" ]; then
        echo "it ran before being refused: stdout '$(head -c 80 "$out" | tr '\n' ' ')'"
    fi
}

safe_case() {
    local f=$1 name mode expect secs w why="" rc first
    name=safety/$(basename "$f" .py)
    mode=$(safe_header "$f" refuse)
    expect=$(safe_header "$f" expect)
    secs=$(safe_header "$f" timeout)
    secs=${secs:-20}
    case $mode in
        check|any) ;;
        *) fail "$name" "no '# refuse: check|any' header"; return ;;
    esac
    lib_wait_parlab
    w=$LIB_TMP/work
    rm -rf "$w"
    mkdir -p "$w" || return
    printf '%s\n' "$VICTIM" >"$w/victim"

    safe_run "$name" "$w" "$LIB_TMP/out" "$LIB_TMP/err" "$secs" --headless "$f"
    rc=$?
    first=$(head -n1 "$LIB_TMP/err")
    if [ "$mode" = check ]; then
        why=$(safe_judge_check "$f" "$rc" "$LIB_TMP/out" "$LIB_TMP/err" "$expect")
    elif [ "$rc" = 2 ]; then
        why=$(safe_judge_check "$f" "$rc" "$LIB_TMP/out" "$LIB_TMP/err" "$expect")
    elif [ "$rc" = 1 ]; then
        [ -s "$LIB_TMP/err" ] || why="exit 1 but no error message on stderr"
    else
        why="$(lib_status "$rc"), want exit 1 or 2${first:+; stderr: ${first:0:120}}"
    fi
    if grep -q ESCAPED "$LIB_TMP/out"; then
        why="ESCAPED was printed${why:+; $why}"
    fi
    local listing
    listing=$(cd "$w" && ls -A | tr '\n' ' ')
    listing=${listing% }
    if [ ! -f "$w/victim" ]; then
        why="the victim file was deleted${why:+; $why}"
    elif [ "$listing" != victim ]; then
        why="the working directory now holds: $listing${why:+; $why}"
    elif [ "$(cat "$w/victim")" != "$VICTIM" ]; then
        why="victim file was changed${why:+; $why}"
    fi
    if [ -n "$SAFE_LEFT" ]; then
        why="left processes behind: $SAFE_LEFT${why:+; $why}"
    fi
    if [ -z "$why" ] && [ "$mode" = check ]; then
        safe_run "$name" "$w" "$LIB_TMP/out" "$LIB_TMP/err" "$secs" --check "$f"
        rc=$?
        why=$(safe_judge_check "$f" "$rc" "$LIB_TMP/out" "$LIB_TMP/err" "$expect")
        [ -n "$why" ] && why="--check: $why"
    fi
    if [ -z "$why" ]; then pass "$name"; else fail "$name" "$why"; fi
}

if ! lib_have_parlab; then
    echo "FAIL safety: no binary at $PARLAB"
    exit 1
fi
files=()
if [ $# -eq 0 ]; then
    files=("$SAFE_DIR"/*.py)
else
    for n in "$@"; do files+=("$SAFE_DIR/${n%.py}.py"); done
fi
for f in "${files[@]}"; do
    [ -f "$f" ] || { echo "FAIL safety/$(basename "$f" .py): no such script"; continue; }
    safe_case "$f"
done
