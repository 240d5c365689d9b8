/* The GIL: one per process, a real lock with CPython 3's "new GIL" rules.
 *
 * The holder runs until another thread has waited a whole switch interval
 * (5 ms by default) with no hand-over; that waiter then raises drop_request,
 * and the holder lets go at its next check point (gil_yield_if_requested,
 * called by the interpreter at calls and loop back edges).  The GIL is handed
 * directly to the longest waiter (FIFO), so the dropper cannot take it straight
 * back and no waiter starves.  Blocking calls bracket their wait with
 * gil_release / gil_acquire. */
#ifndef PARLAB_RT_GIL_H
#define PARLAB_RT_GIL_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>

typedef struct GilThread GilThread;

typedef struct Gil {
    atomic_int drop_request;  /* first, alone on its line in practice: the hot flag */
    pthread_mutex_t mu;
    int locked;
    GilThread *holder;
    GilThread *qhead, *qtail; /* waiters, oldest first */
    uint64_t handovers;       /* times the GIL passed from one thread to another */
    uint64_t forced;          /* of which forced by drop_request */
    _Atomic long interval_ns;
} Gil;

/* A thread's part in its process's GIL; lives as long as the thread. */
struct GilThread {
    Gil *gil;
    int worker;               /* for the event hook */
    pthread_cond_t cv;        /* only this thread waits on it */
    GilThread *next;
    int granted;
};

void gil_init(Gil *g);
void gil_free(Gil *g);
void gil_thread_init(GilThread *ts, Gil *g, int worker);
void gil_thread_free(GilThread *ts);

void gil_acquire(GilThread *ts);
void gil_release(GilThread *ts);
/* Give the GIL to the longest waiter and queue behind it. */
void gil_yield(GilThread *ts);

/* The check point: a relaxed load when nobody waits. */
static inline void gil_yield_if_requested(GilThread *ts)
{
    if (atomic_load_explicit(&ts->gil->drop_request, memory_order_relaxed))
        gil_yield(ts);
}

void gil_set_interval(Gil *g, double seconds);   /* sys.setswitchinterval */
double gil_get_interval(Gil *g);
uint64_t gil_handovers(Gil *g);
uint64_t gil_forced(Gil *g);

/* In a fork()ed child: only the forking thread survives and it held the GIL.
 * Rebuild the lock around it. */
void gil_after_fork_child(Gil *g, GilThread *ts);

#endif
