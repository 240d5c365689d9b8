/* Calibrating the TSC against CLOCK_MONOTONIC, once, before any fork. */
#include <stdlib.h>
#include <string.h>

#include "trace/clock.h"
#if TRACE_HAVE_TSC
#include <cpuid.h>
#endif

TraceClock trace_clock;
static int trace_clock_ready;

#if TRACE_HAVE_TSC
/* CPUID leaf 0x80000007, EDX bit 8: the TSC ticks at a constant rate in
 * every P- and C-state and is synchronised across cores. */
static int clock_tsc_invariant(void)
{
    unsigned a, b, c, d;
    if (!__get_cpuid(0x80000000u, &a, &b, &c, &d) || a < 0x80000007u)
        return 0;
    __get_cpuid(0x80000007u, &a, &b, &c, &d);
    return (d >> 8) & 1;
}

/* One paired reading: the monotonic time bracketed by two TSC reads, keeping
 * the tightest bracket of a few tries so a preemption does not skew it. */
static void clock_pair(uint64_t *tsc, uint64_t *mono)
{
    uint64_t best = UINT64_MAX;
    for (int i = 0; i < 8; i++) {
        uint64_t t1 = __rdtsc();
        uint64_t m = trace_mono_ns();
        uint64_t t2 = __rdtsc();
        if (t2 - t1 < best) {
            best = t2 - t1;
            *tsc = t1 + (t2 - t1) / 2;
            *mono = m;
        }
    }
}
#endif

void trace_clock_init(int force_fallback)
{
    if (trace_clock_ready)
        return;
    trace_clock_ready = 1;
    const char *env = getenv("PARLAB_NO_TSC");
    if (env && *env && strcmp(env, "0") != 0)
        force_fallback = 1;
    memset(&trace_clock, 0, sizeof trace_clock);
#if TRACE_HAVE_TSC
    if (!force_fallback && clock_tsc_invariant()) {
        uint64_t t0, m0, t1, m1;
        clock_pair(&t0, &m0);
        /* 10 ms keeps the rate error near 1e-5, i.e. 10 us a second at worst. */
        struct timespec pause = { 0, 10 * 1000 * 1000 };
        nanosleep(&pause, NULL);
        clock_pair(&t1, &m1);
        if (t1 > t0 && m1 > m0) {
            trace_clock.mult = (uint64_t)(((unsigned __int128)(m1 - m0) << 32) / (t1 - t0));
            trace_clock.tsc0 = t1;
            trace_clock.mono0 = m1;
            trace_clock.use_tsc = trace_clock.mult > 0;
            if (trace_clock.use_tsc)
                return;
        }
    }
#endif
    trace_clock.mono0 = trace_mono_ns();
}
