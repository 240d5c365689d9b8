#!/bin/bash
# The command line: options, exit codes, --list order and format, --check,
# section numbers, unreadable files.  Lessons come from temporary
# directories given through PARLAB_LESSONS, never from lessons/.
. "$(dirname "$0")/lib.sh"
lib_tmpdir
T=$LIB_TMP

if ! lib_have_parlab; then
    fail cli/binary "no binary at $PARLAB (run make)"
    exit 0
fi

# run NAME ARGS...: runs parlab with a 10 s cap; sets RC, OUT and ERR files.
OUT=$T/out
ERR=$T/err
run() {
    lib_run 10 "$OUT" "$ERR" "$PARLAB" "$@"
    RC=$?
}
# expect_rc NAME WANT: fails the case unless the last run exited WANT.
expect_rc() {
    [ "$RC" = "$2" ] && return 0
    fail "$1" "$(lib_status "$RC"), want exit $2; stderr: $(head -c 200 "$ERR")"
    return 1
}

# A lesson dir out of order on disk; the article order is the wanted one.
L=$T/lessons
mkdir -p "$L"
lesson() { # lesson FILE SECTION TITLE [BODY]
    printf '"""\nsection: %s\ntitle: %s\ntitle.vi: %s (vi)\n\nNarration.\n"""\n%s\n' \
        "$2" "$3" "$3" "${4:-print(\"lesson $2\")}" > "$L/$1"
}
lesson z-first.py 1.1 "First one"
lesson b.py 6 "Six"
lesson a.py A.2 "Extra two"
lesson c.py 3.1 "Three one"
lesson d.py 2.3 "Two three"
lesson e.py 3 "Three"
lesson f.py A.1 "Extra one"
lesson g.py 2.10 "Two ten"
lesson h.py 2.1 "Two one"
printf 'def pause(text):\n    pass\n' > "$L/parlab.py"
export PARLAB_LESSONS=$L

# --help and --version
run --help
if expect_rc cli/help 0; then
    if grep -q '^usage: parlab' "$OUT" && grep -q -- '--headless' "$OUT" &&
        grep -q -- '--check' "$OUT" && grep -q -- '--list' "$OUT" && [ ! -s "$ERR" ]; then
        pass cli/help
    else
        fail cli/help "usage text incomplete: $(head -c 200 "$OUT")"
    fi
fi
run -h
expect_rc cli/help-short 0 && { cmp -s "$OUT" <(PARLAB_LESSONS=$L "$PARLAB" --help) &&
    pass cli/help-short || fail cli/help-short "-h differs from --help"; }

run --version
want_version=$(sed -n 's/^VERSION *:= *//p' Makefile)
if expect_rc cli/version 0; then
    if [ "$(cat "$OUT")" = "parlab $want_version" ]; then
        pass cli/version
    else
        fail cli/version "got '$(cat "$OUT")', want 'parlab $want_version'"
    fi
fi

# --list: article order, one line a lesson, section then title then path
run --list
if expect_rc cli/list-order 0; then
    got=$(awk '{print $1}' "$OUT" | tr '\n' ' ')
    want="1.1 2.1 2.3 2.10 3 3.1 6 A.1 A.2 "
    [ "$got" = "$want" ] && pass cli/list-order || fail cli/list-order "got '$got', want '$want'"
fi
if [ "$RC" = 0 ]; then
    line=$(grep '^3\.1 ' "$OUT")
    path=$(printf '%s' "$line" | awk '{print $NF}')
    if printf '%s' "$line" | grep -q '^3\.1  *Three one  *[^ ]*c\.py$' && [ -f "$path" ] &&
        ! grep -q 'parlab\.py' "$OUT" && [ "$(wc -l < "$OUT")" = 9 ]; then
        pass cli/list-format
    else
        fail cli/list-format "line for 3.1: '$line' (want section, title, path to an existing file)"
    fi
fi
run --list --lang vi
if expect_rc cli/list-vi 0; then
    grep -q '^3\.1  *Three one (vi)  ' "$OUT" && pass cli/list-vi ||
        fail cli/list-vi "no Vietnamese title: $(grep '^3\.1' "$OUT")"
fi

# a file in lessons/ without a section is reported with its place, the rest still listed
B=$T/broken/lessons
mkdir -p "$B"
cp "$L/d.py" "$B/"
printf '"""\ntitle: No section\n"""\nprint(1)\n' > "$B/nosection.py"
PARLAB_LESSONS=$B run --list
if expect_rc cli/list-bad-lesson 2; then
    if grep -q "nosection.py:1:1: error: .*section" "$ERR" && grep -q '^2\.3 ' "$OUT"; then
        pass cli/list-bad-lesson
    else
        fail cli/list-bad-lesson "stderr: $(head -c 200 "$ERR"); stdout: $(head -c 100 "$OUT")"
    fi
fi

# usage errors
run --no-such-option
if expect_rc cli/unknown-option 2; then
    grep -q -- "--no-such-option" "$ERR" && [ ! -s "$OUT" ] && pass cli/unknown-option ||
        fail cli/unknown-option "stderr does not name the option: $(cat "$ERR")"
fi
run --list --check x.py
expect_rc cli/two-modes 2 && pass cli/two-modes
run --lang fr --list
expect_rc cli/bad-lang 2 && pass cli/bad-lang
run --headless
expect_rc cli/headless-no-lesson 2 && pass cli/headless-no-lesson

# a value an option needs is checked before anything runs
run --speed fast --headless "$L/d.py"
expect_rc cli/bad-speed 2 && pass cli/bad-speed

# unreadable and unfit files
run --headless "$T/missing.py"
if expect_rc cli/missing-file 2; then
    [ "$(cat "$ERR")" = "parlab: $T/missing.py: No such file or directory" ] &&
        pass cli/missing-file || fail cli/missing-file "stderr: $(cat "$ERR")"
fi
printf 'print(1)\n\0\n' > "$T/nul.py"
run --check "$T/nul.py"
if expect_rc cli/nul-byte 2; then
    grep -q "nul.py:2:1: error: NUL" "$ERR" && pass cli/nul-byte || fail cli/nul-byte "stderr: $(cat "$ERR")"
fi
head -c 2000000 /dev/zero | tr '\0' '#' > "$T/big.py"
run --check "$T/big.py"
if expect_rc cli/too-large 2; then
    grep -q "big.py: file too large" "$ERR" && pass cli/too-large || fail cli/too-large "stderr: $(cat "$ERR")"
fi

# --check: a good file is silent; the first bad file stops with FILE:LINE:COL
G=$T/good.py
printf 'x = 2\nprint("x is", x * 21)\n' > "$G"
run --check "$G" "$L/d.py"
if expect_rc cli/check-good 0; then
    [ ! -s "$OUT" ] && [ ! -s "$ERR" ] && pass cli/check-good ||
        fail cli/check-good "expected no output; stdout: $(cat "$OUT") stderr: $(cat "$ERR")"
fi
printf 'x = 1\ndef gen():\n    yield x\n' > "$T/bad1.py"
printf 'print(1\n' > "$T/bad2.py"
run --check "$G" "$T/bad1.py" "$T/bad2.py"
if expect_rc cli/check-bad 2; then
    if grep -q "^$T/bad1.py:[0-9]*:[0-9]*: error: " "$ERR" && ! grep -q bad2 "$ERR" && [ ! -s "$OUT" ]; then
        pass cli/check-bad
    else
        fail cli/check-bad "want one FILE:LINE:COL error for bad1.py; stderr: $(cat "$ERR")"
    fi
fi
run --check "$B/nosection.py"
if expect_rc cli/check-lesson-header 2; then
    grep -q "nosection.py:1:1: error:" "$ERR" && pass cli/check-lesson-header ||
        fail cli/check-lesson-header "stderr: $(cat "$ERR")"
fi

# a section number finds the lesson through PARLAB_LESSONS
run --headless 3.1
if expect_rc cli/section 0; then
    [ "$(cat "$OUT")" = "lesson 3.1" ] && pass cli/section || fail cli/section "stdout: $(cat "$OUT")"
fi
run --headless 9.9
if expect_rc cli/section-unknown 2; then
    grep -q -- "9.9" "$ERR" && grep -q -- "--list" "$ERR" && pass cli/section-unknown ||
        fail cli/section-unknown "the message should name 9.9 and --list: $(cat "$ERR")"
fi
PARLAB_LESSONS=$T/nowhere run --headless 3.1
if expect_rc cli/section-no-dir 2; then
    grep -q "PARLAB_LESSONS" "$ERR" && pass cli/section-no-dir || fail cli/section-no-dir "stderr: $(cat "$ERR")"
fi

# --headless exit codes: 0, 1 on an uncaught exception, 2 on a script error
run --headless "$G"
expect_rc cli/headless-ok 0 && { [ "$(cat "$OUT")" = "x is 42" ] && pass cli/headless-ok ||
    fail cli/headless-ok "stdout: $(cat "$OUT")"; }
printf 'print("before")\nraise ValueError("boom")\n' > "$T/raise.py"
run --headless "$T/raise.py"
expect_rc cli/headless-exception 1 && { grep -q "ValueError: boom" "$ERR" &&
    pass cli/headless-exception || fail cli/headless-exception "stderr: $(cat "$ERR")"; }
run --headless "$T/bad1.py"
expect_rc cli/headless-script-error 2 && { grep -q "bad1.py:[0-9]*:[0-9]*: error:" "$ERR" &&
    [ ! -s "$OUT" ] && pass cli/headless-script-error ||
    fail cli/headless-script-error "stderr: $(cat "$ERR")"; }
# an install tree staged or moved elsewhere (make install DESTDIR=...) finds
# its lessons at BIN/../share/parlab/lessons, whatever PREFIX was compiled in
mkdir -p "$T/inst/bin" "$T/inst/share/parlab/lessons"
cp "$PARLAB" "$T/inst/bin/parlab" && cp lessons/2.3-*.py "$T/inst/share/parlab/lessons/"
if out=$(env -u PARLAB_LESSONS "$T/inst/bin/parlab" --list 2>&1) &&
    grep -q "^2.3 .*$T/inst/share/parlab/lessons/2.3-" <<<"$out"; then
    pass cli/install-tree-lessons
else
    fail cli/install-tree-lessons "--list from a moved install tree: $out"
fi
exit 0
