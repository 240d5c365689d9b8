#!/bin/sh
# The event recorder and model benchmark (bench/event_cost.c): builds it
# with the release flags and runs it.  Called by bench/run.sh; runs alone too:
# `bench/events.sh jumps` runs only the model's jump figures.
cd "$(dirname "$0")/.." || exit 2
: "${CC:=cc}"
out=build/bench
mkdir -p "$out"
srcs="bench/event_cost.c $(ls src/trace/*.c src/model/*.c)"
$CC -std=c11 -O2 -g -D_GNU_SOURCE -Isrc -Wall -Wextra -o "$out/event_cost" $srcs -lpthread -lm || exit 1
echo "== event recorder and model (bench/event_cost.c)"
"$out/event_cost" "$@"
