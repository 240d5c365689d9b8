/* The gate's cost when running freely (issue 5; goal: under 2 ns added per
 * event): gate_pass on a free gate, against the same loop without it, in
 * one run.  Each iteration does a little work standing for an event so the
 * loop is not optimised into nothing.  Built and run by bench/gate.sh. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "rt/gate.h"

#define GATE_N 200000000L

static double gate_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static volatile long gate_sink;

/* noinline: both loops are the same code but for the gate. */
static __attribute__((noinline)) long gate_loop(const RtCtx *cx, long n, int with_gate)
{
    long acc = 0;
    for (long i = 0; i < n; i++) {
        if (with_gate && gate_pass(cx, 0, (int)i) != 0)
            break;
        acc += i ^ (acc >> 3);
        __asm__ volatile("" : "+r"(acc));
    }
    return acc;
}

int main(void)
{
    char err[256];
    RtCaps caps;
    rt_caps_default(&caps);
    Rt *rt = rt_create(&caps, err, sizeof err);
    if (!rt) {
        fprintf(stderr, "gate_cost: %s\n", err);
        return 1;
    }
    RtCtx cx = { .rt = rt, .gil = NULL, .worker = 0 };
    double best_base = 1e9, best_gate = 1e9;
    for (int round = 0; round < 5; round++) {
        double t0 = gate_now();
        gate_sink = gate_loop(&cx, GATE_N, 0);
        double t1 = gate_now();
        gate_sink = gate_loop(&cx, GATE_N, 1);
        double t2 = gate_now();
        if (t1 - t0 < best_base)
            best_base = t1 - t0;
        if (t2 - t1 < best_gate)
            best_gate = t2 - t1;
    }
    printf("gate  free-running gate_pass: %.3f ns/event without, %.3f ns/event with: "
           "%.3f ns added (goal < 2 ns)\n",
           best_base * 1e9 / GATE_N, best_gate * 1e9 / GATE_N,
           (best_gate - best_base) * 1e9 / GATE_N);
    rt_destroy(rt);
    return 0;
}
