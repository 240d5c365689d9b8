# shellcheck shell=bash
# Shared helpers for tests/suite-*.sh (bash).  A suite sources this file
# first; it moves to the repository root and sets:
#   ROOT     absolute path of the repository
#   PARLAB   absolute path of the binary under test (default ./parlab)
#   TSCALE   how much slower the binary is than a release build (sanitizers)
# and offers the protocol printers and a few runners.
#
# Protocol (see tests/run.sh): one line per case,
#   PASS name | FAIL name: why | SKIP name: why
# Each line is written with a single printf so that cases run in parallel do
# not interleave inside a line.

cd "$(dirname "$0")/.." || exit 2
ROOT=$(pwd)
: "${PARLAB:=./parlab}"
case $PARLAB in
    /*) ;;
    *) PARLAB=$ROOT/${PARLAB#./} ;;
esac
export PARLAB ROOT

# Sanitized binaries are several times slower; scale every timeout.
case $PARLAB in
    *tsan*) TSCALE=${TSCALE:-8} ;;
    *asan*) TSCALE=${TSCALE:-4} ;;
    *) TSCALE=${TSCALE:-1} ;;
esac
export TSCALE
# A sanitizer report must fail the run, not just print.  A huge request
# returns NULL, as from libc, so the interpreter's own memory cap is tested.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:exitcode=97:verify_asan_link_order=0:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1:exitcode=97}
export TSAN_OPTIONS=${TSAN_OPTIONS:-exitcode=97:second_deadlock_stack=1}

pass() { printf 'PASS %s\n' "$1"; }
fail() { printf 'FAIL %s: %s\n' "$1" "$(lib_oneline "$2")"; }
skip() { printf 'SKIP %s: %s\n' "$1" "$(lib_oneline "$2")"; }

# Squeeze a reason to one printable line of bounded length.
lib_oneline() {
    printf '%s' "$1" | tr '\n\t' '  ' | cut -c1-300
}

# lib_run SECONDS OUT ERR CMD...: runs CMD with stdin from /dev/null, stdout
# to OUT and stderr to ERR, killed after SECONDS*TSCALE.  Returns CMD's exit
# status; 124 means it timed out.  --kill-after reaps a command that ignores
# SIGTERM, so no process outlives the case.
lib_run() {
    local secs=$(( $1 * TSCALE )) out=$2 err=$3
    shift 3
    # The group's own stderr hides bash's "Aborted (core dumped)" notices.
    { timeout --kill-after=3 "$secs" "$@" </dev/null >"$out" 2>"$err"; } 2>/dev/null
}

# What a status means, for a FAIL reason.
lib_status() {
    case $1 in
        124) echo "timed out" ;;
        97) echo "sanitizer report (exit 97)" ;;
        99) echo "valgrind errors (exit 99)" ;;
        13[0-9]|14[0-9]|15[0-9]) echo "killed by signal $(( $1 - 128 ))" ;;
        *) echo "exit $1" ;;
    esac
}

# The first line where two files differ, as "line N: got 'A', want 'B'".
lib_first_diff() {
    local got=$1 want=$2
    awk -v G="$got" -v W="$want" 'BEGIN {
        n = 0
        while (1) {
            g = (getline a < G); w = (getline b < W); n++
            if (g <= 0 && w <= 0) { print "identical lines; bytes differ (trailing newline?)"; exit }
            if (g <= 0) { printf "line %d: got end of output, want '\''%s'\''\n", n, substr(b, 1, 80); exit }
            if (w <= 0) { printf "line %d: got '\''%s'\'', want end of output\n", n, substr(a, 1, 80); exit }
            if (a != b) { printf "line %d: got '\''%s'\'', want '\''%s'\''\n", n, substr(a, 1, 80), substr(b, 1, 80); exit }
        }
    }'
}

# The value of a `key: value` header in a script's module docstring
# (the lines right after the opening triple quote, up to the first blank).
lib_header() {
    awk -v K="$2" '
        NR == 1 { if ($0 !~ /^("""|'\'''\'''\'')/) exit; sub(/^("""|'\'''\'''\'')/, ""); }
        /^[ \t]*$/ && NR > 1 { exit }
        {
            line = $0
            if (index(line, K ":") == 1) { v = substr(line, length(K) + 2); gsub(/^[ \t]+|[ \t]+$/, "", v); print v; exit }
        }' "$1"
}

# Test that the binary under test exists; suites call this and SKIP or FAIL.
lib_have_parlab() {
    [ -x "$PARLAB" ]
}

# The same, but give a binary that is being relinked (someone ran `make`
# while the suite runs) up to 30 seconds to come back.
lib_wait_parlab() {
    local i=0
    while [ ! -x "$PARLAB" ] && [ $i -lt 30 ]; do
        sleep 1
        i=$((i + 1))
    done
    [ -x "$PARLAB" ]
}

# A scratch directory removed when the suite exits.
lib_tmpdir() {
    LIB_TMP=$(mktemp -d "${TMPDIR:-/tmp}/parlab-test.XXXXXX") || exit 2
    trap 'rm -rf "$LIB_TMP"' EXIT
}
