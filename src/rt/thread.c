/* Threads.  New threads start with every signal blocked (signals belong to
 * the main thread's loop) and a fixed stack (caps.thread_stack), so that 64
 * threads stay well inside the per-process memory cap. */
#include "rt/thread.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static atomic_int thread_live;

int rt_thread_live(void)
{
    return atomic_load(&thread_live);
}

void rt_thread_after_fork_child(void)
{
    atomic_store(&thread_live, 1);
}

/* Reserve a live-thread slot, or fail past the cap. */
static int thread_reserve(Rt *rt)
{
    int n = atomic_load(&thread_live);
    do {
        if (n >= rt->sh->caps.max_threads)
            return RT_ECAP;
    } while (!atomic_compare_exchange_weak(&thread_live, &n, n + 1));
    return 0;
}

static void thread_mark_started(Rt *rt, int id)
{
    RtWorker *w = rt_worker(rt, id);
    int tid = (int)gettid();
    atomic_store(&w->pid, (int)rt_self_pid());
    atomic_store(&w->tid, tid);
    atomic_store(&w->state, RT_WS_RUNNING);
    RT_HOOK(id, RT_EV_WORKER_STARTED, w, rt_self_pid(), tid, 0, NULL, 0);
}

int rt_thread_register_main(Rt *rt, int parent, const char *name)
{
    int id;
    if (thread_reserve(rt))
        return RT_ECAP;
    id = rt_worker_add(rt, RT_WK_THREAD, parent, name);
    if (id < 0) {
        atomic_fetch_sub(&thread_live, 1);
        return id;
    }
    thread_mark_started(rt, id);
    return id;
}

void rt_thread_unregister_main(Rt *rt, int worker)
{
    RtWorker *w = rt_worker(rt, worker);
    atomic_store(&w->state, RT_WS_ENDED);
    RT_HOOK(worker, RT_EV_WORKER_ENDED, w, 0, 0, 0, NULL, 0);
    atomic_fetch_sub(&thread_live, 1);
}

static void *thread_trampoline(void *p)
{
    RtThread *t = p;
    RtWorker *w = rt_worker(t->rt, t->worker);
    thread_mark_started(t->rt, t->worker);
    t->fn(t->rt, t->worker, t->arg);
    atomic_store(&w->state, RT_WS_ENDED);
    RT_HOOK(t->worker, RT_EV_WORKER_ENDED, w, 0, 0, 0, NULL, 0);
    atomic_fetch_sub(&thread_live, 1);
    pthread_mutex_lock(&t->mu);
    t->ended = 1;
    pthread_cond_broadcast(&t->cv);
    pthread_mutex_unlock(&t->mu);
    return NULL;
}

int rt_thread_start(const RtCtx *cx, const char *name, RtThreadMain fn, void *arg, RtThread **out)
{
    Rt *rt = cx->rt;
    RtThread *t;
    pthread_attr_t attr;
    pthread_condattr_t ca;
    sigset_t all, old;
    int rc;
    *out = NULL;
    if (thread_reserve(rt))
        return RT_ECAP;
    if (!(t = calloc(1, sizeof *t))) {
        atomic_fetch_sub(&thread_live, 1);
        return RT_ESYS;
    }
    t->worker = rt_worker_add(rt, RT_WK_THREAD, cx->worker, name);
    if (t->worker < 0) {
        free(t);
        atomic_fetch_sub(&thread_live, 1);
        return RT_ECAP;
    }
    t->rt = rt;
    t->fn = fn;
    t->arg = arg;
    pthread_mutex_init(&t->mu, NULL);
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&t->cv, &ca);
    pthread_condattr_destroy(&ca);
    pthread_attr_init(&attr);
    if (rt->sh->caps.thread_stack)
        pthread_attr_setstacksize(&attr, rt->sh->caps.thread_stack);
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    rc = pthread_create(&t->th, &attr, thread_trampoline, t);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    pthread_attr_destroy(&attr);
    if (rc) {
        atomic_store(&rt_worker(rt, t->worker)->state, RT_WS_ENDED);
        pthread_cond_destroy(&t->cv);
        pthread_mutex_destroy(&t->mu);
        free(t);
        atomic_fetch_sub(&thread_live, 1);
        errno = rc;
        return RT_ESYS;
    }
    *out = t;
    return 0;
}

int rt_thread_join(const RtCtx *cx, RtThread *t, double timeout)
{
    struct timespec ts;
    const struct timespec *dl = rt_deadline(timeout, &ts);
    int rc = 0;
    pthread_mutex_lock(&t->mu);
    if (!t->ended) {
        if (timeout == 0) {
            pthread_mutex_unlock(&t->mu);
            return RT_ETIMEDOUT;
        }
        RT_HOOK(cx->worker, RT_EV_JOIN_WAIT, t, t->worker, 0, 0, NULL, 0);
        pthread_mutex_unlock(&t->mu);
        rt_block_begin(cx);
        pthread_mutex_lock(&t->mu);
        while (!t->ended && rc == 0) {
            /* Same slicing as rt_cond_wait, on a private condition. */
            struct timespec slice;
            uint64_t left = rt_deadline_left(dl), wait = (uint64_t)RT_POLL_MS * 1000000u, until;
            if (!left) {
                rc = RT_ETIMEDOUT;
                break;
            }
            until = rt_now_ns() + (left < wait ? left : wait);
            slice.tv_sec = (time_t)(until / 1000000000u);
            slice.tv_nsec = (long)(until % 1000000000u);
            pthread_cond_timedwait(&t->cv, &t->mu, &slice);
            if (!t->ended && rt_shutting_down(cx->rt))
                rc = RT_ESHUTDOWN;
        }
        pthread_mutex_unlock(&t->mu);
        rt_block_end(cx);
        if (rc)
            return rc;
        RT_HOOK(cx->worker, RT_EV_JOIN_END, t, t->worker, 0, 0, NULL, 0);
    } else {
        pthread_mutex_unlock(&t->mu);
        /* Whether the thread had ended yet is a matter of timing: the same
         * wake (a gated point, gate.h) as after a real wait, so a replay
         * passes the same gates either way. */
        rt_block_begin(cx);
        rt_block_end(cx);
    }
    if (!t->joined) {
        pthread_join(t->th, NULL);
        t->joined = 1;
    }
    return 0;
}

int rt_thread_is_alive(RtThread *t)
{
    int alive;
    pthread_mutex_lock(&t->mu);
    alive = !t->ended;
    pthread_mutex_unlock(&t->mu);
    return alive;
}

void rt_thread_destroy(RtThread *t)
{
    if (!t)
        return;
    if (!t->joined && !rt_thread_is_alive(t)) {
        pthread_join(t->th, NULL);
        t->joined = 1;
    }
    if (!t->joined) {
        /* Still running (a daemon): it uses t until it returns, so t is
         * left to it; the process is ending anyway. */
        pthread_detach(t->th);
        return;
    }
    pthread_cond_destroy(&t->cv);
    pthread_mutex_destroy(&t->mu);
    free(t);
}
