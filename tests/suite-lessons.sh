#!/bin/bash
# Every lesson in lessons/ against CPython, the reference.
#
# Cases, per lesson (NAME is the lesson's section, e.g. 2.3):
#   lessons/check/NAME    `$PARLAB --check` accepts the file
#   lessons/cpython/NAME  python3 runs it: exit 0, some output, nothing on stderr
#   lessons/run/NAME      `$PARLAB --headless` agrees with python3: same exit
#                         code, same stdout (byte for byte for `order: fixed`,
#                         as sorted lines for `order: free`)
# and once:
#   lessons/catalogue     every section of the article map has a lesson, and
#                         `$PARLAB --list` lists each of them
#
# A lesson whose section is in PENDING needs a feature parlab lacks; its run
# case is a SKIP naming that feature (and saying so when it would pass now).
# Lessons in MEASURED time themselves on this machine; a machine busy with
# other work can tip a comparison (both parlab's work() and the CPython shim
# count the thread's own CPU time, so each says what it measured), so a
# mismatch there is retried twice.  If the last try still disagrees, two busy
# loops measure what the machine gives (busy_share, just before and just after
# that try): when either of them got less than BUSY_SHARE of a core the case
# is a SKIP "machine busy"; on an idle machine the mismatch is a FAIL.
#
# Lessons run one at a time: several of them measure speedups on two cores.
. "$(dirname "$0")/lib.sh"

# section:reason.  Shrink this as the runtime grows.
PENDING="
"
MEASURED="4.2 6 A.4"
BUSY_SHARE=${BUSY_SHARE:-0.85}
# The sections of /work/shared/ARTICLE-MAP.md, plus the lessons beyond it.
SECTIONS="1.1 2.1 2.2 2.3 3 3.1 3.2 3.3 4.1 4.2 5 6 A.1 A.2 A.3 A.4"

LESSON_TIMEOUT=${LESSON_TIMEOUT:-20}
lib_tmpdir
# Resolve the interpreter once: a version-manager shim in front of python3
# costs seconds per start on a busy machine.
PYTHON=$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null)
[ -x "$PYTHON" ] || PYTHON=python3

pending_reason() {
    printf '%s\n' "$PENDING" | awk -F: -v S="$1" '$1 == S { sub(/^[^:]*:/, ""); print; exit }'
}

is_measured() {
    case " $MEASURED " in *" $1 "*) return 0 ;; esac
    return 1
}

# run_pair FILE: runs FILE under python3 and parlab from lessons/, leaving
# $LIB_TMP/{py,pl}.{out,err,rc}.
run_pair() {
    local f=$1 base
    base=$(basename "$f")
    (
        cd "$ROOT/lessons" || exit 2
        PYTHONPATH=$ROOT/lessons PYTHONDONTWRITEBYTECODE=1 PYTHONIOENCODING=utf-8 \
            lib_run "$LESSON_TIMEOUT" "$LIB_TMP/py.out" "$LIB_TMP/py.err" "$PYTHON" "$base"
        echo $? >"$LIB_TMP/py.rc"
        lib_run "$LESSON_TIMEOUT" "$LIB_TMP/pl.out" "$LIB_TMP/pl.err" "$PARLAB" --headless "$base"
        echo $? >"$LIB_TMP/pl.rc"
    )
}

# Prints why the pair in $LIB_TMP disagrees, or nothing.
judge_pair() {
    local f=$1 py_rc pl_rc order plerr
    py_rc=$(cat "$LIB_TMP/py.rc") pl_rc=$(cat "$LIB_TMP/pl.rc")
    plerr=$(grep -m1 . "$LIB_TMP/pl.err" | cut -c1-160)
    if [ "$pl_rc" != "$py_rc" ]; then
        echo "$(lib_status "$pl_rc"), CPython exit $py_rc${plerr:+; stderr: $plerr}"
        return
    fi
    order=$(lib_header "$f" order)
    if [ "$order" = free ]; then
        LC_ALL=C sort "$LIB_TMP/py.out" >"$LIB_TMP/py.sorted"
        LC_ALL=C sort "$LIB_TMP/pl.out" >"$LIB_TMP/pl.sorted"
        if ! cmp -s "$LIB_TMP/pl.sorted" "$LIB_TMP/py.sorted"; then
            echo "stdout (as sorted lines) $(lib_first_diff "$LIB_TMP/pl.sorted" "$LIB_TMP/py.sorted")"
        fi
    elif ! cmp -s "$LIB_TMP/pl.out" "$LIB_TMP/py.out"; then
        echo "stdout $(lib_first_diff "$LIB_TMP/pl.out" "$LIB_TMP/py.out")"
    fi
}

# Prints why the CPython run in $LIB_TMP is not a good reference, or nothing.
judge_cpython() {
    local py_rc
    py_rc=$(cat "$LIB_TMP/py.rc")
    if [ "$py_rc" != 0 ]; then
        echo "python3 $(lib_status "$py_rc"): $(tail -n1 "$LIB_TMP/py.err")"
    elif [ ! -s "$LIB_TMP/py.out" ]; then
        echo "python3 printed nothing"
    elif [ -s "$LIB_TMP/py.err" ]; then
        echo "python3 wrote to stderr: $(grep -m1 . "$LIB_TMP/py.err")"
    fi
}

# busy_share: two processes spin for 0.3 s of wall time at once; prints the
# smaller share of a core (CPU time / wall time) either of them got.  About 1
# on an idle machine with two free cores; 0.5 when two other busy loops run.
busy_share() {
    "$PYTHON" - <<'PY' 2>/dev/null || true
import os, time

def spin():
    wall, cpu = time.perf_counter(), time.process_time()
    while time.perf_counter() - wall < 0.3:
        pass
    return (time.process_time() - cpu) / (time.perf_counter() - wall)

r, w = os.pipe()
pid = os.fork()
if pid == 0:
    os.write(w, repr(spin()).encode())
    os._exit(0)
mine = spin()
os.waitpid(pid, 0)
print(f"{min(mine, float(os.read(r, 64))):.2f}")
PY
}

# is_busy SHARE...: true when any share is below BUSY_SHARE.
is_busy() {
    awk -v T="$BUSY_SHARE" 'BEGIN { for (i = 1; i < ARGC; i++) if (ARGV[i] + 0 < T + 0) b = 1; exit !b }' "$@"
}

lesson_case() {
    local f=$1 section why reason tries
    section=$(lib_header "$f" section)
    if ! lib_have_parlab; then
        fail "lessons/check/$section" "no binary at $PARLAB"
    elif lib_run 10 "$LIB_TMP/ck.out" "$LIB_TMP/ck.err" "$PARLAB" --check "$f"; then
        pass "lessons/check/$section"
    else
        fail "lessons/check/$section" "$(grep -m1 . "$LIB_TMP/ck.err")"
    fi

    if ! command -v python3 >/dev/null 2>&1; then
        skip "lessons/cpython/$section" "python3 not installed (it is the reference)"
        skip "lessons/run/$section" "python3 not installed (it is the reference)"
        return
    fi
    reason=$(pending_reason "$section")
    tries=1
    is_measured "$section" && [ -z "$reason" ] && lib_have_parlab && tries=3
    local before="" after=""
    while :; do
        # The last try of a measured lesson that disagreed so far: note the
        # machine's state just before it.
        [ "$tries" = 1 ] && [ -n "$why" ] && is_measured "$section" && before=$(busy_share)
        run_pair "$f"
        why=$(judge_cpython)
        [ -z "$why" ] && lib_have_parlab && why=$(judge_pair "$f")
        tries=$((tries - 1))
        if [ -z "$why" ] || [ "$tries" -le 0 ] || [ -n "$(judge_cpython)" ]; then break; fi
    done
    [ -n "$why" ] && [ -z "$reason" ] && is_measured "$section" && after=$(busy_share)

    why=$(judge_cpython)
    if [ -n "$why" ]; then
        fail "lessons/cpython/$section" "$why"
        skip "lessons/run/$section" "no CPython reference"
        return
    fi
    pass "lessons/cpython/$section"

    if ! lib_have_parlab; then
        fail "lessons/run/$section" "no binary at $PARLAB"
        return
    fi
    why=$(judge_pair "$f")
    if [ -n "$reason" ]; then
        if [ -z "$why" ]; then
            skip "lessons/run/$section" "pending: $reason; it passes now, remove $section from PENDING"
        else
            skip "lessons/run/$section" "pending: $reason"
        fi
    elif [ -z "$why" ]; then
        pass "lessons/run/$section"
    elif [ -n "$after" ] && is_busy $before $after; then
        skip "lessons/run/$section" "machine busy: two busy loops got ${before:-?} (before) and $after (after) of a core, under $BUSY_SHARE; $why"
    else
        fail "lessons/run/$section" "$why${after:+ (the machine was idle: busy loops got ${before:-?} and $after of a core)}"
    fi
}

catalogue_case() {
    local s missing="" listed="" f
    for s in $SECTIONS; do
        found=""
        for f in "$ROOT"/lessons/*.py; do
            [ "$(lib_header "$f" section)" = "$s" ] && found=$f
        done
        [ -z "$found" ] && missing="$missing $s"
    done
    if [ -n "$missing" ]; then
        fail lessons/catalogue "no lesson for section(s):$missing"
        return
    fi
    if ! lib_have_parlab; then
        fail lessons/catalogue "no binary at $PARLAB"
        return
    fi
    lib_run 10 "$LIB_TMP/list.out" "$LIB_TMP/list.err" "$PARLAB" --list
    for s in $SECTIONS; do
        awk -v S="$s" '$1 == S { found = 1 } END { exit !found }' "$LIB_TMP/list.out" ||
            listed="$listed $s"
    done
    if [ -n "$listed" ]; then
        fail lessons/catalogue "parlab --list does not show section(s):$listed"
    else
        pass lessons/catalogue
    fi
}

catalogue_case
for f in "$ROOT"/lessons/*.py; do
    [ -n "$(lib_header "$f" section)" ] || continue   # parlab.py is no lesson
    if [ $# -gt 0 ]; then
        want=""
        for s in "$@"; do [ "$(lib_header "$f" section)" = "$s" ] && want=1; done
        [ -n "$want" ] || continue
    fi
    lesson_case "$f"
done
