#!/bin/bash
# Unit tests: runs every cmocka binary built from tests/unit/test_*.c (the
# Makefile puts them in $UNITDIR, build/release/tests by default) and reports
# each test case, read from cmocka's TAP output:
#   PASS unit/test_lexer/lex_indent
# A binary that does not build, is older than its source, crashes, or exits
# before finishing its plan counts as a FAIL of its own.
#
# Usage: tests/suite-unit.sh [test_NAME...]
. "$(dirname "$0")/lib.sh"
lib_tmpdir

: "${UNITDIR:=build/release/tests}"
case $UNITDIR in /*) ;; *) UNITDIR=$ROOT/$UNITDIR ;; esac
UNIT_TIMEOUT=${UNIT_TIMEOUT:-60}
UNITSRCDIR=${UNITSRCDIR:-$ROOT/tests/unit}

# Reads TAP on stdin; prints the protocol lines of the cases in it, then a
# last line `#summary PLANNED SEEN` for the caller.
unit_parse_tap() {
    awk -v B="$1" '
        pending && !/^# / { printf ": failed\n"; pending = 0 }
        /^[0-9]+\.\.[0-9]+/ { split($1, r, "\\.\\."); planned += r[2]; next }
        # cmocka prints a skip() as "not ok N # SKIP name" (a TAP directive).
        /^(not )?ok [0-9]+ *-? *# *SKIP/ {
            name = $0; sub(/^.*# *SKIP */, "", name); gsub(/[ \t]+/, "_", name)
            if (name == "") name = "case" NR
            seen++
            printf "SKIP unit/%s/%s: skipped by the test (cmocka skip())\n", B, name
            next
        }
        /^ok [0-9]+/ || /^not ok [0-9]+/ {
            ok = ($1 == "ok")
            line = $0
            sub(/^(not )?ok [0-9]+ *-? */, "", line)
            name = line; gsub(/[ \t]+/, "_", name)
            if (name == "") name = "case" NR
            seen++
            if (ok) printf "PASS unit/%s/%s\n", B, name
            else { printf "FAIL unit/%s/%s", B, name; pending = 1 }
            next
        }
        # cmocka explains a failure on the "#" lines that follow "not ok".
        /^# / && pending {
            if ($0 ~ /^# (not )?ok - /) { printf ": failed\n"; pending = 0; next }
            msg = substr($0, 3); printf ": %s\n", substr(msg, 1, 200); pending = 0; next
        }
        END {
            if (pending) printf ": failed\n"
            printf "#summary %d %d\n", planned, seen
        }'
}

unit_case() {
    local src=$1 base bin rc out planned seen
    base=$(basename "$src" .c)
    bin=$UNITDIR/$base
    if [ ! -x "$bin" ]; then
        fail "unit/$base" "not built (no $bin)"
        return
    fi
    if [ "$src" -nt "$bin" ]; then
        fail "unit/$base" "binary is older than $src (the build failed?)"
        return
    fi
    # stdbuf keeps the lines a crashing binary printed before it died.
    local buf=()
    command -v stdbuf >/dev/null 2>&1 && buf=(stdbuf -oL -eL)
    CMOCKA_MESSAGE_OUTPUT=TAP lib_run "$UNIT_TIMEOUT" "$LIB_TMP/tap" "$LIB_TMP/err" "${buf[@]}" "$bin"
    rc=$?
    out=$(unit_parse_tap "$base" <"$LIB_TMP/tap")
    printf '%s\n' "$out" | grep -v '^#summary'
    read -r _ planned seen <<<"$(printf '%s\n' "$out" | grep '^#summary')"
    if [ "$seen" -eq 0 ] && [ "$rc" -eq 0 ]; then
        fail "unit/$base" "no test cases reported (is it a cmocka test with TAP output?)"
    elif [ "$seen" -lt "$planned" ]; then
        fail "unit/$base" "$(lib_status "$rc") after $seen of $planned cases$(lib_errtail)"
    elif [ "$rc" -ge 124 ] || [ "$rc" = 97 ]; then
        fail "unit/$base" "$(lib_status "$rc")$(lib_errtail)"
    elif [ "$rc" -ne 0 ] && ! grep -q '^not ok' "$LIB_TMP/tap"; then
        fail "unit/$base" "$(lib_status "$rc") although every case passed$(lib_errtail)"
    fi
}

# The last meaningful stderr line, as "; stderr: ..." (for sanitizer reports).
lib_errtail() {
    local l
    l=$(grep -v '^[[:space:]]*$' "$LIB_TMP/err" | grep -m1 -E 'ERROR|error|runtime|Assertion|WARNING' )
    [ -n "$l" ] || l=$(grep -v '^[[:space:]]*$' "$LIB_TMP/err" | tail -n1)
    [ -n "$l" ] && printf '; stderr: %s' "${l:0:160}"
}

srcs=()
if [ $# -eq 0 ]; then
    for s in "$UNITSRCDIR"/test_*.c; do [ -f "$s" ] && srcs+=("$s"); done
else
    for n in "$@"; do srcs+=("$UNITSRCDIR/${n%.c}.c"); done
fi
if [ ${#srcs[@]} -eq 0 ]; then
    echo "SKIP unit: no tests/unit/test_*.c yet"
    exit 0
fi
for s in "${srcs[@]}"; do
    unit_case "$s"
done
