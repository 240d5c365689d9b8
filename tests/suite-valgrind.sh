#!/bin/bash
# Memory errors and leaks: a few conformance programs (chosen to cover the
# interpreter broadly: strings and formatting, classes and exceptions,
# closures and lists) run headless under valgrind with the release binary,
# and lessons with threads and processes (2.3, 3.2), children traced too.
# A case passes when valgrind reports no errors and no definite or indirect
# leaks, and the program's exit status and stdout are what CPython gives.
# SKIP when valgrind is missing, or when $PARLAB is a sanitizer build
# (ASan and valgrind cannot share a process; `make asan` covers that).
#
# Usage: tests/suite-valgrind.sh [conformance-stem | lessons/FILE.py ...]
. "$(dirname "$0")/lib.sh"
lib_tmpdir

VG_TIMEOUT=${VG_TIMEOUT:-180}
VG_CASES=(fstring_float class_inherit exc_finally_return func_nested_closure
          lessons/2.3-thread-lock.py lessons/3.2-process-queue.py)

# Each process writes its own log (--trace-children): a forked child's
# exit status is the lesson's business, so every log is read.  Errors and
# definite/indirect leak records count; possibly-lost and reachable do not.
vg_findings() {
    cat "$LIB_TMP"/vg.*.log 2>/dev/null | grep -E '^==[0-9]+== [A-Z0-9]' |
        grep -vE 'possibly lost in loss record|still reachable in loss record|^==[0-9]+== Warning:' |
        sed 's/^==[0-9]*== //'
}
[ $# -gt 0 ] && VG_CASES=("$@")

vg_case() {
    local stem=$1 name=valgrind/$1 f=$ROOT/tests/conformance/$1.py rc py_rc bad lesson=0
    case $stem in
        */*.py) f=$ROOT/$stem; stem=$(basename "$stem" .py); name=valgrind/$stem; lesson=1 ;;
    esac
    rm -f "$LIB_TMP"/vg.*.log
    if [ ! -f "$f" ]; then
        fail "$name" "no such program $f"
        return
    fi
    (
        cd "$(dirname "$f")" || exit 2
        lib_run "$VG_TIMEOUT" "$LIB_TMP/out" "$LIB_TMP/err" \
            valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect \
            --error-exitcode=99 --trace-children=yes --log-file="$LIB_TMP/vg.%p.log" \
            "$PARLAB" --headless "$stem.py"
    )
    rc=$?
    bad=$(vg_findings | head -n1)
    if [ "$rc" = 99 ] || [ -n "$bad" ]; then
        fail "$name" "valgrind: ${bad:-exit 99}"
        return
    fi
    if command -v python3 >/dev/null 2>&1; then
        (cd "$(dirname "$f")" && PYTHONPATH=$ROOT/lessons lib_run 30 "$LIB_TMP/py.out" "$LIB_TMP/py.err" python3 "$stem.py")
        py_rc=$?
        if [ "$rc" != "$py_rc" ]; then
            fail "$name" "$(lib_status "$rc") under valgrind, CPython exit $py_rc"
            return
        fi
        if [ "$lesson" = 1 ]; then
            # Threads interleave differently under valgrind: same lines, any order.
            sort "$LIB_TMP/out" >"$LIB_TMP/out.s"
            sort "$LIB_TMP/py.out" >"$LIB_TMP/py.s"
            if ! cmp -s "$LIB_TMP/out.s" "$LIB_TMP/py.s"; then
                fail "$name" "stdout lines under valgrind (sorted) $(lib_first_diff "$LIB_TMP/out.s" "$LIB_TMP/py.s")"
                return
            fi
        elif ! cmp -s "$LIB_TMP/out" "$LIB_TMP/py.out"; then
            fail "$name" "stdout under valgrind $(lib_first_diff "$LIB_TMP/out" "$LIB_TMP/py.out")"
            return
        fi
    elif [ "$rc" != 0 ]; then
        fail "$name" "$(lib_status "$rc") under valgrind"
        return
    fi
    pass "$name"
}

for stem in "${VG_CASES[@]}"; do
    if ! command -v valgrind >/dev/null 2>&1; then
        skip "valgrind/$stem" "valgrind not installed"
    elif [ "$TSCALE" != 1 ]; then
        skip "valgrind/$stem" "$PARLAB is a sanitizer build"
    elif ! lib_wait_parlab; then
        fail "valgrind/$stem" "no binary at $PARLAB"
    else
        vg_case "$stem"
    fi
done
