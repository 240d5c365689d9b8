#!/bin/sh
# Builds and runs bench/frame_bench.c (not part of `make`): the CPU cost of
# one frame of the lesson screen with 32 workers and 100,000 events.
#   bench/frame_bench.sh [WORKERS [EVENTS [FRAMES]]]
# Uses the objects of build/release (B= to change); builds them if needed.
set -e
cd "$(dirname "$0")/.."
B=${B:-build/release}
OUT=$B/bench/frame_bench
tests/tui/build.sh "$B/bench/tui-objs" >/dev/null
NCURSES_CFLAGS=$(pkg-config --cflags ncursesw 2>/dev/null || true)
NCURSES_LIBS=$(pkg-config --libs ncursesw 2>/dev/null || echo -lncursesw)
${CC:-cc} -std=c11 -O2 -g -D_GNU_SOURCE -Isrc $NCURSES_CFLAGS -o "$OUT" bench/frame_bench.c \
    "$B/bench/tui-objs.a" $NCURSES_LIBS -lpthread -lm
LANG=${LANG:-C.UTF-8} "$OUT" "$@"
