/* The per-process GIL.  Waiters queue in arrival order, each on its own
 * condition variable; a release hands the lock to the queue's head, so the
 * hand-over is decided by the releaser and no thread can barge in.  Only the
 * head waiter measures the switch interval: it is the one that will run next. */
#include "rt/gil.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "rt/rt.h"

#define GIL_DEFAULT_NS 5000000L

static void gil_cond_init(pthread_cond_t *c)
{
    pthread_condattr_t a;
    pthread_condattr_init(&a);
    pthread_condattr_setclock(&a, CLOCK_MONOTONIC);
    pthread_cond_init(c, &a);
    pthread_condattr_destroy(&a);
}

void gil_init(Gil *g)
{
    atomic_init(&g->drop_request, 0);
    pthread_mutex_init(&g->mu, NULL);
    g->locked = 0;
    g->holder = NULL;
    g->qhead = g->qtail = NULL;
    g->handovers = g->forced = 0;
    atomic_init(&g->interval_ns, GIL_DEFAULT_NS);
}

void gil_free(Gil *g)
{
    pthread_mutex_destroy(&g->mu);
}

void gil_thread_init(GilThread *ts, Gil *g, int worker)
{
    ts->gil = g;
    ts->worker = worker;
    gil_cond_init(&ts->cv);
    ts->next = NULL;
    ts->granted = 0;
}

void gil_thread_free(GilThread *ts)
{
    pthread_cond_destroy(&ts->cv);
}

/* With g->mu held and the GIL taken by another: queue at the tail and wait
 * until a release hands it to us. */
static void gil_wait_locked(Gil *g, GilThread *ts)
{
    uint64_t seen;
    RT_HOOK(ts->worker, RT_EV_GIL_WAIT, g, 0, 0, 0, NULL, 0);
    ts->granted = 0;
    ts->next = NULL;
    if (g->qtail)
        g->qtail->next = ts;
    else
        g->qhead = ts;
    g->qtail = ts;
    seen = g->handovers;
    while (!ts->granted) {
        struct timespec dl;
        long iv = atomic_load_explicit(&g->interval_ns, memory_order_relaxed);
        clock_gettime(CLOCK_MONOTONIC, &dl);
        dl.tv_nsec += iv % 1000000000L;
        dl.tv_sec += iv / 1000000000L + dl.tv_nsec / 1000000000L;
        dl.tv_nsec %= 1000000000L;
        if (pthread_cond_timedwait(&ts->cv, &g->mu, &dl) != ETIMEDOUT || ts->granted)
            continue;
        /* A whole interval without a hand-over: ask the holder to drop it. */
        if (g->qhead == ts && g->handovers == seen)
            atomic_store_explicit(&g->drop_request, 1, memory_order_relaxed);
        seen = g->handovers;
    }
}

void gil_acquire(GilThread *ts)
{
    Gil *g = ts->gil;
    pthread_mutex_lock(&g->mu);
    if (!g->locked) {
        g->locked = 1;
        g->holder = ts;
    } else {
        gil_wait_locked(g, ts);
    }
    pthread_mutex_unlock(&g->mu);
    RT_HOOK(ts->worker, RT_EV_GIL_ACQUIRE, g, 0, 0, 0, NULL, 0);
}

/* With g->mu held: pass the GIL on, or free it.  Returns 1 on a hand-over. */
static int gil_pass(Gil *g, GilThread *ts)
{
    GilThread *w = g->qhead;
    if (g->holder != ts) {
        fprintf(stderr, "parlab: internal error: GIL released by a thread that does not hold it\n");
        abort();
    }
    atomic_store_explicit(&g->drop_request, 0, memory_order_relaxed);
    if (!w) {
        g->locked = 0;
        g->holder = NULL;
        return 0;
    }
    g->qhead = w->next;
    if (!g->qhead)
        g->qtail = NULL;
    w->next = NULL;
    w->granted = 1;
    g->holder = w;
    g->handovers++;
    pthread_cond_signal(&w->cv);
    return 1;
}

void gil_release(GilThread *ts)
{
    Gil *g = ts->gil;
    RT_HOOK(ts->worker, RT_EV_GIL_RELEASE, g, 0, 0, 0, NULL, 0);
    pthread_mutex_lock(&g->mu);
    gil_pass(g, ts);
    pthread_mutex_unlock(&g->mu);
}

/* Hand over and queue in one critical section, so the yielder lines up
 * behind every current waiter even if the OS delays it right after. */
void gil_yield(GilThread *ts)
{
    Gil *g = ts->gil;
    pthread_mutex_lock(&g->mu);
    if (!g->qhead) {
        /* A stale request: nobody waits any more. */
        atomic_store_explicit(&g->drop_request, 0, memory_order_relaxed);
        pthread_mutex_unlock(&g->mu);
        return;
    }
    g->forced++;
    RT_HOOK(ts->worker, RT_EV_GIL_RELEASE, g, 1, 0, 0, NULL, 0);
    gil_pass(g, ts);
    gil_wait_locked(g, ts);
    pthread_mutex_unlock(&g->mu);
    RT_HOOK(ts->worker, RT_EV_GIL_ACQUIRE, g, 0, 0, 0, NULL, 0);
}

void gil_set_interval(Gil *g, double seconds)
{
    long ns = (long)(seconds * 1e9);
    if (ns < 1000)
        ns = 1000;
    atomic_store_explicit(&g->interval_ns, ns, memory_order_relaxed);
}

double gil_get_interval(Gil *g)
{
    return (double)atomic_load_explicit(&g->interval_ns, memory_order_relaxed) / 1e9;
}

uint64_t gil_handovers(Gil *g)
{
    uint64_t n;
    pthread_mutex_lock(&g->mu);
    n = g->handovers;
    pthread_mutex_unlock(&g->mu);
    return n;
}

uint64_t gil_forced(Gil *g)
{
    uint64_t n;
    pthread_mutex_lock(&g->mu);
    n = g->forced;
    pthread_mutex_unlock(&g->mu);
    return n;
}

void gil_after_fork_child(Gil *g, GilThread *ts)
{
    long iv = atomic_load_explicit(&g->interval_ns, memory_order_relaxed);
    gil_init(g);
    atomic_store_explicit(&g->interval_ns, iv, memory_order_relaxed);
    gil_cond_init(&ts->cv);
    ts->gil = g;
    ts->next = NULL;
    ts->granted = 0;
    g->locked = 1;
    g->holder = ts;
}
