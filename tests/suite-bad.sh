#!/bin/bash
# Bad input: every tests/bad/*.py is a malformed or out-of-subset script whose
# first line says what `parlab --check` must report:
#   # expect: LINE:COL: error: MESSAGE
# The case passes when --check exits 2, prints nothing on stdout, and the
# first line of stderr is exactly `tests/bad/NAME.py:` followed by that text.
#
# Usage: tests/suite-bad.sh [NAME...]
. "$(dirname "$0")/lib.sh"
lib_tmpdir

BAD_DIR=tests/bad

bad_one() {
    local file=$1 name
    name=bad/$(basename "$file" .py)
    local want
    want=$(head -n1 "$file" | sed -n 's/^# expect: //p')
    if [ -z "$want" ]; then
        fail "$name" "first line has no '# expect: LINE:COL: error: MESSAGE'"
        return
    fi
    local rc=0
    lib_run 10 "$LIB_TMP/out" "$LIB_TMP/err" "$PARLAB" --check "$file" || rc=$?
    local got
    got=$(head -n1 "$LIB_TMP/err")
    if [ "$rc" -ne 2 ]; then
        fail "$name" "$(lib_status "$rc"), want exit 2; stderr: $got"
    elif [ -s "$LIB_TMP/out" ]; then
        fail "$name" "stdout not empty: $(head -c 200 "$LIB_TMP/out")"
    elif [ "$got" != "$file:$want" ]; then
        fail "$name" "got '$got', want '$file:$want'"
    else
        pass "$name"
    fi
}

if ! lib_have_parlab; then
    skip bad "no binary at $PARLAB (run make)"
    exit 0
fi

if [ $# -gt 0 ]; then
    for n in "$@"; do bad_one "$BAD_DIR/${n%.py}.py"; done
else
    for f in "$BAD_DIR"/*.py; do bad_one "$f"; done
fi
