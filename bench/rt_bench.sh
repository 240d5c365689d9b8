#!/bin/sh
# The rt benchmark (bench/rt_bench.c): builds it with the release flags and
# runs it.  Runs alone, or from bench/run.sh.
cd "$(dirname "$0")/.." || exit 2
: "${CC:=cc}"
out=build/bench
mkdir -p "$out"
$CC -std=gnu11 -O2 -g -D_GNU_SOURCE -Isrc -Wall -Wextra -Wno-unused-parameter \
    -o "$out/rt_bench" bench/rt_bench.c src/rt/*.c -lpthread -lm || exit 1
echo "== runtime primitives (bench/rt_bench.c)"
"$out/rt_bench"
