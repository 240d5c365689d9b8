/* Worker threads: pthreads with a worker id, a per-process cap on live
 * threads, a fixed stack size, and a join that waits with the GIL released,
 * honours a timeout and gives up on shutdown. */
#ifndef PARLAB_RT_THREAD_H
#define PARLAB_RT_THREAD_H

#include <pthread.h>

#include "rt/rt.h"

typedef struct RtThread RtThread;
/* The thread's body: builds its own GIL state and RtCtx from rt and worker. */
typedef void (*RtThreadMain)(Rt *rt, int worker, void *arg);

struct RtThread {
    Rt *rt;
    pthread_t th;
    int worker;
    RtThreadMain fn;
    void *arg;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int ended;                /* under mu */
    int joined;               /* pthread_join done */
};

/* Register the calling thread as a worker (the main thread of the root, or of a
 * forked child before it starts threads).  Returns the worker id or RT_ECAP. */
int rt_thread_register_main(Rt *rt, int parent, const char *name);
/* The registered thread is done (its ENDED event; frees its live slot). */
void rt_thread_unregister_main(Rt *rt, int worker);

/* Start a thread: RT_ECAP past the live-thread or worker cap (nothing
 * started), RT_ESYS if pthread_create failed.  *out receives a heap object. */
int rt_thread_start(const RtCtx *cx, const char *name, RtThreadMain fn, void *arg, RtThread **out);
/* 0 when ended (and joined), RT_ETIMEDOUT, RT_ESHUTDOWN.  timeout < 0: forever. */
int rt_thread_join(const RtCtx *cx, RtThread *t, double timeout);
int rt_thread_is_alive(RtThread *t);
/* Free a joined thread; an unjoined one is detached first. */
void rt_thread_destroy(RtThread *t);

int rt_thread_live(void);                  /* live threads in this process */
void rt_thread_after_fork_child(void);    /* the forking thread is the only one */

#endif
