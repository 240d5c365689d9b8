/* Bounded, adaptive spinning before a sleep.
 *
 * A hand-over between two threads that sleep in the kernel costs a futex
 * wake-up on each side, and on an idle core that is tens of microseconds:
 * far more than a trivial pool task.  When the event waited for is likely
 * to come within microseconds (a task round trip), the waiter first polls
 * for it for a short while, as glibc's adaptive mutexes and Go's spinning
 * threads do, and sleeps only if it did not come.
 *
 * The spin is bounded in time, and each site keeps a budget that adapts:
 * a wait that ended while spinning doubles it (up to SPIN_CAP_NS, and at
 * least back to SPIN_START_NS), one that had to sleep halves it; a site
 * whose budget collapsed only probes, one wait in 16, with a budget as long
 * as a first one, so it recovers when the other side speeds up again.  (A
 * shorter probe never recovered a hand-over between two sites that both
 * collapsed: each side sleeps, so each sees the other answer late.)  A
 * spinner that finds it lost its CPU meanwhile (a gap between two clock
 * reads) stops spinning at that site for a while, longer each time in a
 * row: on a loaded machine spinning only takes time from the threads it
 * waits for, and a futex sleeper is woken ahead of a thread that used up
 * its share.  On a single CPU nothing spins: the other side cannot run
 * while we poll.  Nor does anything spin while the scheduling gate
 * controls the run (workers then move one granted action at a time).
 * PARLAB_NOSPIN=1 turns it all off, for a baseline.
 *
 * Header-only, for the pools (vm/pool_*.c): the hints they poll (the GIL,
 * a queue's count), and raw process-shared futex wait/wake for the
 * hand-overs they make without a condition variable. */
#ifndef PARLAB_RT_SPIN_H
#define PARLAB_RT_SPIN_H

#include <errno.h>
#include <linux/futex.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "rt/gate.h"
#include "rt/gil.h"
#include "rt/queue.h"
#include "rt/rt.h"

#define SPIN_CAP_NS 50000     /* the longest spin: a few futex wake-ups' worth */
#define SPIN_START_NS 20000   /* a site's first budget */
#define SPIN_FLOOR_NS 1000    /* below this a site only probes, one wait in 16 */
#define SPIN_PROBE_NS 20000   /* a probe's budget: long enough to see a round trip */
#define SPIN_GAP_NS 100000    /* this long between two polls: we were preempted */

typedef struct SpinSite {
    atomic_int budget_ns;     /* 0 at first: see spin_budget */
    atomic_int cool;          /* waits left that do not spin (after a preemption) */
    atomic_int backoff;       /* the length of the next cool-down */
    atomic_uint waits;
} SpinSite;

/* What spin_until saw: the event (SPIN_READY), and whether the thread lost
 * its CPU meanwhile (SPIN_PREEMPTED): the machine has more runnable threads
 * than CPUs, spinning only delays the others, and a sleeper woken by a
 * futex is scheduled ahead of a spinner that used up its share. */
enum { SPIN_READY = 1, SPIN_PREEMPTED = 2 };

static inline void spin_pause(void)
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ __volatile__("yield");
#else
    atomic_signal_fence(memory_order_seq_cst);
#endif
}

static inline uint64_t spin_now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

/* 1 when more than one CPU is online (asked once).  PARLAB_NOSPIN=1 in the
 * environment turns spinning off: the baseline for bench/ and for tests. */
static inline int spin_multicore(void)
{
    static atomic_int ncpu;
    int n = atomic_load_explicit(&ncpu, memory_order_relaxed);
    if (!n) {
        long c = sysconf(_SC_NPROCESSORS_ONLN);
        const char *off = getenv("PARLAB_NOSPIN");
        n = c > 1 && !(off && off[0] == '1') ? 2 : 1;
        atomic_store_explicit(&ncpu, n, memory_order_relaxed);
    }
    return n > 1;
}

/* How long this wait of site s may spin, in ns (0: do not spin). */
static inline uint64_t spin_budget(const RtCtx *cx, SpinSite *s)
{
    if (!spin_multicore())
        return 0;
    if (cx && cx->rt && cx->rt->gate && atomic_load_explicit(&cx->rt->gate->controlled, memory_order_relaxed))
        return 0;
    if (atomic_load_explicit(&s->cool, memory_order_relaxed) > 0) {
        atomic_fetch_sub_explicit(&s->cool, 1, memory_order_relaxed);
        return 0;
    }
    int b = atomic_load_explicit(&s->budget_ns, memory_order_relaxed);
    if (b == 0) {
        b = SPIN_START_NS;
        atomic_store_explicit(&s->budget_ns, b, memory_order_relaxed);
    }
    if (b < SPIN_FLOOR_NS)
        return atomic_fetch_add_explicit(&s->waits, 1, memory_order_relaxed) % 16 == 0 ? SPIN_PROBE_NS : 0;
    return (uint64_t)b;
}

/* After a wait that had a budget, with what spin_until returned: a win
 * doubles the budget (up to the cap), a loss halves it, a preemption also
 * stops the site spinning for a while, longer each time in a row.  (The
 * fields are updated racily by the site's threads: they are estimates.) */
static inline void spin_learn(SpinSite *s, int seen)
{
    int b = atomic_load_explicit(&s->budget_ns, memory_order_relaxed);
    int k = atomic_load_explicit(&s->backoff, memory_order_relaxed);
    if (seen & SPIN_PREEMPTED) {
        k = k < 16 ? 16 : k < 4096 ? 2 * k : k;
        atomic_store_explicit(&s->cool, k, memory_order_relaxed);
        b /= 2;
    } else if (seen & SPIN_READY) {
        k /= 2;
        b = 2 * b < SPIN_START_NS ? SPIN_START_NS : 2 * b < SPIN_CAP_NS ? 2 * b : SPIN_CAP_NS;
    } else {
        b /= 2;
    }
    atomic_store_explicit(&s->backoff, k, memory_order_relaxed);
    atomic_store_explicit(&s->budget_ns, b > 0 ? b : 1, memory_order_relaxed);
}

/* Poll ready(arg) for up to budget ns; SPIN_READY as soon as it holds,
 * with SPIN_PREEMPTED if two clock reads (one per 32 polls) were too far
 * apart. */
static inline int spin_until(int (*ready)(void *), void *arg, uint64_t budget)
{
    if (ready(arg))
        return SPIN_READY;
    if (!budget)
        return 0;
    uint64_t last = spin_now_ns(), until = last + budget;
    int seen = 0;
    for (unsigned i = 1;; i++) {
        spin_pause();
        if (ready(arg))
            return seen | SPIN_READY;
        if (i % 32 == 0) {
            uint64_t now = spin_now_ns();
            if (now - last > SPIN_GAP_NS)
                seen = SPIN_PREEMPTED;
            if (now >= until)
                return seen;
            last = now;
        }
    }
}

/* Does the GIL look free?  A hint read without its mutex (gil_acquire
 * decides); under TSan, read it properly so the hint is not a reported race. */
static inline int spin_gil_free(void *arg)
{
    Gil *g = arg;
#if defined(__SANITIZE_THREAD__)
    if (pthread_mutex_trylock(&g->mu))
        return 0;
    int free_ = !g->locked;
    pthread_mutex_unlock(&g->mu);
    return free_;
#else
    return !__atomic_load_n(&g->locked, __ATOMIC_RELAXED);
#endif
}

/* Does queue q (rt/queue.h) look non-empty?  A hint, like spin_gil_free;
 * the caller then takes an item without blocking. */
static inline int spin_queue_ready(void *arg)
{
    RtQueue *q = arg;
#if defined(__SANITIZE_THREAD__)
    return rtq_qsize(q) > 0;
#else
    return __atomic_load_n(&q->count, __ATOMIC_RELAXED) > 0;
#endif
}

/* Sleep while *w holds val, at most ns; and wake n sleepers of w.  Raw
 * futexes without the private flag, so that they work on the shared arena
 * between processes. */
static inline int spin_futex_wait(atomic_int *w, int val, long ns)   /* 1: timed out */
{
    struct timespec t = { ns / 1000000000L, ns % 1000000000L };
    return syscall(SYS_futex, (int *)w, FUTEX_WAIT, val, &t, NULL, 0) < 0 && errno == ETIMEDOUT;
}

static inline void spin_futex_wake(atomic_int *w, int n)
{
    syscall(SYS_futex, (int *)w, FUTEX_WAKE, n, NULL, NULL, 0);
}

/* rt_block_end, but wait a little for a held GIL to come free before
 * queueing for it: the holder often lets go within microseconds (it is
 * about to wait for what we are going to produce), and a queued waiter is
 * woken by a futex, a free GIL is simply taken. */
static inline void spin_block_end(const RtCtx *cx, SpinSite *s)
{
    if (cx && cx->gil) {
        uint64_t b = spin_budget(cx, s);
        if (b)
            spin_learn(s, spin_until(spin_gil_free, cx->gil->gil, b));   /* gil_acquire decides */
    }
    rt_block_end(cx);
}

#endif
