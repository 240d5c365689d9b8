/* The trace clock: nanoseconds since the trace epoch, the same in every
 * thread and every forked process.
 *
 * Where the CPU has an invariant TSC, a reading is one rdtsc and one
 * multiply: the ratio of TSC ticks to CLOCK_MONOTONIC nanoseconds is measured
 * once by trace_clock_init(), which must run in the first process before any
 * thread or fork, so every worker inherits the same ratio and epoch.
 * Elsewhere trace_now() falls back to clock_gettime(CLOCK_MONOTONIC). */
#ifndef PARLAB_TRACE_CLOCK_H
#define PARLAB_TRACE_CLOCK_H

#include <stdint.h>
#include <time.h>
#if defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>
#define TRACE_HAVE_TSC 1
#else
#define TRACE_HAVE_TSC 0
#endif

typedef struct TraceClock {
    int      use_tsc;       /* 1 when the invariant TSC is used */
    uint64_t tsc0;          /* TSC at the epoch */
    uint64_t mult;          /* ns per tick, 32.32 fixed point */
    uint64_t mono0;         /* CLOCK_MONOTONIC ns at the epoch */
} TraceClock;

extern TraceClock trace_clock;

/* Calibrate and set the epoch; idempotent.  `force_fallback` (or the
 * environment variable PARLAB_NO_TSC) selects clock_gettime. */
void trace_clock_init(int force_fallback);

/* CLOCK_MONOTONIC in ns (absolute). */
static inline uint64_t trace_mono_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

static inline uint64_t trace_now(void)
{
#if TRACE_HAVE_TSC
    if (trace_clock.use_tsc) {
        int64_t dt = (int64_t)(__rdtsc() - trace_clock.tsc0);
        if (dt < 0)
            dt = 0;
        return (uint64_t)(((unsigned __int128)(uint64_t)dt * trace_clock.mult) >> 32);
    }
#endif
    uint64_t m = trace_mono_ns();
    return m > trace_clock.mono0 ? m - trace_clock.mono0 : 0;
}

/* Convert a trace timestamp back to absolute CLOCK_MONOTONIC ns. */
static inline uint64_t trace_to_mono(uint64_t ts)
{
    return ts + trace_clock.mono0;
}

#endif
