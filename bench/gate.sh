#!/bin/sh
# The scheduling gate's cost when running freely (bench/gate_cost.c).
# Runs alone, or from bench/run.sh (make bench).
cd "$(dirname "$0")/.." || exit 2
: "${CC:=cc}"
out=build/bench
mkdir -p "$out"
$CC -std=c11 -O2 -g -D_GNU_SOURCE -Isrc -Wall -Wextra -o "$out/gate_cost" bench/gate_cost.c \
    $(ls src/rt/*.c) -lpthread -lm || exit 1
echo "== scheduling gate (bench/gate_cost.c)"
"$out/gate_cost"
