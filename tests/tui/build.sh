#!/bin/sh
# Builds the terminal-test driver (tests/tui/driver.c) against the UI and
# the modules it needs, from the objects `make` builds.  Usage:
#   tests/tui/build.sh OUT   (run from anywhere; B= picks the build dir)
set -e
cd "$(dirname "$0")/../.."
B=${B:-build/release}
OUT=${1:-$B/tui-driver}
objs=
for f in src/ui/*.c src/trace/*.c src/model/*.c src/lesson/*.c src/lang/*.c; do
    objs="$objs $B/${f%.c}.o"
done
make -s $objs >/dev/null
mkdir -p "$(dirname "$OUT")"
rm -f "$OUT.a"
ar rcs "$OUT.a" $objs
NCURSES_CFLAGS=$(pkg-config --cflags ncursesw 2>/dev/null || true)
NCURSES_LIBS=$(pkg-config --libs ncursesw 2>/dev/null || echo -lncursesw)
${CC:-cc} -std=c11 -O2 -g -D_GNU_SOURCE -Isrc $NCURSES_CFLAGS $SAN -o "$OUT" tests/tui/driver.c "$OUT.a" \
    $NCURSES_LIBS -lpthread -lm
