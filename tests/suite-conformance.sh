#!/bin/bash
# CPython conformance: every tests/conformance/*.py runs under parlab
# (`$PARLAB --headless F`) and under python3, live: CPython is the reference,
# so nothing is cached.  A case passes when
#   - the exit codes agree,
#   - stdout agrees byte for byte (as a sorted multiset of lines when the
#     module docstring says `order: free`),
#   - stderr agrees on its last line (the traceback's `Error: message`), and
#     is empty under parlab when CPython's is empty; with `traceback: frames`
#     in the docstring, the traceback's `File "...", line N, in F` lines too.
# Both run from the program's own directory, with lessons/ on PYTHONPATH so
# that `import parlab` works under CPython.
#
# Usage: tests/suite-conformance.sh [NAME...]   (NAME: file stem, or a glob)
# JOBS (default 2) cases run at once; the machine has two cores.
. "$(dirname "$0")/lib.sh"

CONF_DIR=$ROOT/tests/conformance
JOBS=${JOBS:-2}
PY_TIMEOUT=${PY_TIMEOUT:-30}
PL_TIMEOUT=${PL_TIMEOUT:-15}

# Compare one program; prints exactly one protocol line.
conf_case() {
    local f=$1 stem dir t py_rc pl_rc order why
    stem=$(basename "$f" .py)
    dir=$(dirname "$f")
    local name=conformance/$stem
    if [ -z "$CONF_PY" ]; then
        skip "$name" "python3 not installed (it is the reference)"
        return
    fi
    if ! lib_wait_parlab; then
        fail "$name" "no binary at $PARLAB"
        return
    fi
    t=$(mktemp -d "${TMPDIR:-/tmp}/parlab-conf.XXXXXX") || return
    (
        cd "$dir" || exit 2
        PYTHONPATH=$ROOT/lessons PYTHONDONTWRITEBYTECODE=1 PYTHONIOENCODING=utf-8 \
            PYTHONHASHSEED=0 lib_run "$PY_TIMEOUT" "$t/py.out" "$t/py.err" \
            "$CONF_PY" "$stem.py"
        echo $? >"$t/py.rc"
        # 126/127: the binary vanished or is half-written mid-run (relinked
        # by a concurrent `make`); that says nothing about the program.
        for try in 1 2 3; do
            lib_run "$PL_TIMEOUT" "$t/pl.out" "$t/pl.err" "$PARLAB" --headless "$stem.py"
            rc=$?
            case $rc in 126|127) sleep 2; lib_wait_parlab ;; *) break ;; esac
        done
        echo $rc >"$t/pl.rc"
    )
    py_rc=$(cat "$t/py.rc") pl_rc=$(cat "$t/pl.rc")
    why=$(conf_judge "$f" "$t" "$py_rc" "$pl_rc")
    if [ -z "$why" ]; then pass "$name"; else fail "$name" "$why"; fi
    rm -rf "$t"
}

# Prints why the run in directory T does not conform, or nothing.
conf_judge() {
    local f=$1 t=$2 py_rc=$3 pl_rc=$4 order plerr
    plerr=$(grep -m1 . "$t/pl.err" | cut -c1-160)
    # For a traceback the telling line is the last one.
    case $plerr in Traceback*) plerr=$(tail -n1 "$t/pl.err" | cut -c1-160) ;; esac
    if [ "$pl_rc" = 97 ]; then
        plerr=$(grep -m1 -E '(ERROR|WARNING): [A-Za-z]+Sanitizer|SUMMARY: ' "$t/pl.err" | cut -c1-200)
    fi
    if [ "$py_rc" != 0 ] && [ "$py_rc" != 1 ]; then
        echo "reference run broke: python3 $(lib_status "$py_rc"): $(tail -n1 "$t/py.err")"
        return
    fi
    if [ "$pl_rc" != "$py_rc" ]; then
        echo "$(lib_status "$pl_rc"), CPython exit $py_rc${plerr:+; stderr: $plerr}"
        return
    fi
    order=$(lib_header "$f" order)
    if [ "$order" = free ]; then
        LC_ALL=C sort "$t/py.out" >"$t/py.sorted"
        LC_ALL=C sort "$t/pl.out" >"$t/pl.sorted"
        if ! cmp -s "$t/pl.sorted" "$t/py.sorted"; then
            echo "stdout (as sorted lines) $(lib_first_diff "$t/pl.sorted" "$t/py.sorted")"
            return
        fi
    elif ! cmp -s "$t/pl.out" "$t/py.out"; then
        echo "stdout $(lib_first_diff "$t/pl.out" "$t/py.out")"
        return
    fi
    if [ -s "$t/py.err" ]; then
        local want got
        want=$(tail -n1 "$t/py.err")
        got=$(tail -n1 "$t/pl.err")
        if [ "$got" != "$want" ]; then
            echo "stderr last line: got '${got:0:120}', want '${want:0:120}'"
        elif [ "$(lib_header "$f" traceback)" = frames ]; then
            # `traceback: frames`: every `File ..., line N, in F` line agrees too
            grep '^  File ' "$t/py.err" >"$t/py.tb"
            grep '^  File ' "$t/pl.err" >"$t/pl.tb"
            cmp -s "$t/pl.tb" "$t/py.tb" || echo "traceback frames $(lib_first_diff "$t/pl.tb" "$t/py.tb")"
        fi
    elif [ -s "$t/pl.err" ]; then
        echo "unexpected stderr: $plerr"
    fi
}

# The interpreter itself, not a shim (pyenv's shims cost a bash start a run).
if [ -z "${CONF_PY+set}" ]; then
    CONF_PY=$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null)
    export CONF_PY
fi

if [ "${1:-}" = --one ]; then
    conf_case "$2"
    exit 0
fi

files=()
if [ $# -eq 0 ]; then
    files=("$CONF_DIR"/*.py)
else
    for pat in "$@"; do
        for f in "$CONF_DIR"/$pat.py "$CONF_DIR"/${pat%.py}.py; do
            [ -f "$f" ] && files+=("$f")
        done
    done
fi
if [ ${#files[@]} -eq 0 ] || [ ! -f "${files[0]}" ]; then
    echo "FAIL conformance: no programs found in $CONF_DIR"
    exit 1
fi
printf '%s\n' "${files[@]}" | sort -u | xargs -d '\n' -P "$JOBS" -n 1 "$ROOT/tests/suite-conformance.sh" --one
