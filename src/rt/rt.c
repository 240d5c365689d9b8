/* The runtime root: the arena, the worker table, shutdown, caps, the hook and
 * the one wait loop every blocking primitive goes through. */
#include "rt/rt.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "rt/gate.h"
#include "rt/gil.h"

#define RT_MAGIC 0x706172726f6f7431ull

RtHookFn rt_hook;
static atomic_int rt_pid;
/* The run whose gate keeps the lesson clock (rt_deadline takes no Rt): the
 * last one made in this process, inherited by forked children. */
static Rt *_Atomic rt_clock_rt;

pid_t rt_self_pid(void)
{
    int p = atomic_load_explicit(&rt_pid, memory_order_relaxed);
    if (!p) {
        p = (int)getpid();
        atomic_store_explicit(&rt_pid, p, memory_order_relaxed);
    }
    return (pid_t)p;
}

void rt_self_pid_reset(void)
{
    atomic_store_explicit(&rt_pid, (int)getpid(), memory_order_relaxed);
}

/* Any fork, ours or not, gets a fresh cache in the child. */
static void rt_register_atfork(void)
{
    pthread_atfork(NULL, NULL, rt_self_pid_reset);
}

static const char *const rt_messages[] = {
    [0] = "ok",
    [-RT_ETIMEDOUT] = "timed out",
    [-RT_ESHUTDOWN] = "the run is shutting down",
    [-RT_ENOMEM] = "shared memory cap reached",
    [-RT_ECAP] = "resource cap reached",
    [-RT_EUNLOCKED] = "release unlocked lock",
    [-RT_ENOTOWNER] = "cannot release un-acquired lock",
    [-RT_EFULL] = "queue is full",
    [-RT_EEMPTY] = "queue is empty",
    [-RT_EOVERFLOW] = "value out of range for the typecode",
    [-RT_ETYPE] = "values cannot be compared",
    [-RT_EINDEX] = "index out of range",
    [-RT_EVALUE] = "called too many times",
    [-RT_ESYS] = "system call failed",
    [-RT_EFORMAT] = "malformed serialised value",
};

const char *rt_strerror(int code)
{
    if (code > 0 || -code >= (int)(sizeof rt_messages / sizeof rt_messages[0]))
        return "unknown error";
    return rt_messages[-code];
}

void rt_caps_default(RtCaps *c)
{
    c->arena_bytes = (size_t)64 << 20;
    c->max_workers = 256;
    c->max_threads = 65;          /* 64 worker threads plus the main thread */
    c->max_procs = 16;
    c->mem_per_proc = (size_t)512 << 20;
    c->thread_stack = (size_t)2 << 20;
}

Rt *rt_create(const RtCaps *caps, char *err, size_t errlen)
{
    RtCaps def;
    ShmArena *a;
    Rt *rt;
    RtShared *sh;
    if (!caps) {
        rt_caps_default(&def);
        caps = &def;
    }
    if (caps->max_workers > RT_MAX_WORKERS) {
        snprintf(err, errlen, "max_workers %d above the table size %d", caps->max_workers,
                 RT_MAX_WORKERS);
        return NULL;
    }
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, rt_register_atfork);
    if (!(a = shm_create(caps->arena_bytes, err, errlen)))
        return NULL;
    /* Rt itself sits in the arena too: a forked child finds it unchanged. */
    rt = shm_alloc(a, sizeof *rt);
    sh = shm_alloc(a, sizeof *sh);
    if (!rt || !sh) {
        snprintf(err, errlen, "shared arena too small for the runtime");
        shm_destroy(a);
        return NULL;
    }
    sh->magic = RT_MAGIC;
    sh->caps = *caps;
    sh->root_pid = rt_self_pid();
    for (int i = 0; i < RT_MAX_WORKERS; i++) {
        sh->workers[i].cond_next = -1;
        sh->workers[i].gate_next = -1;
    }
    rt->arena = a;
    rt->sh = sh;
    rt->gate = gate_create(rt);
    if (!rt->gate) {
        snprintf(err, errlen, "shared arena too small for the gate");
        shm_destroy(a);
        return NULL;
    }
    sh->gate_off = shm_off(a, rt->gate);
    atomic_store(&rt_clock_rt, rt);
    return rt;
}

void rt_destroy(Rt *rt)
{
    Rt *mine = rt;
    atomic_compare_exchange_strong(&rt_clock_rt, &mine, NULL);
    if (rt)
        shm_destroy(rt->arena);
}

void rt_hook_set(RtHookFn fn)
{
    rt_hook = fn;
}

int rt_worker_add(Rt *rt, RtWorkerKind kind, int parent, const char *name)
{
    int id = atomic_fetch_add(&rt->sh->nworkers, 1);
    RtWorker *w;
    if (id >= rt->sh->caps.max_workers) {
        atomic_fetch_sub(&rt->sh->nworkers, 1);
        return RT_ECAP;
    }
    w = &rt->sh->workers[id];
    w->kind = kind;
    w->parent = parent;
    atomic_store(&w->pid, (int)rt_self_pid());
    snprintf(w->name, sizeof w->name, "%s", name ? name : "");
    atomic_store(&w->state, RT_WS_CREATED);
    RT_HOOK(id, RT_EV_WORKER_CREATED, w, kind, parent, 0, w->name, strlen(w->name));
    return id;
}

RtWorker *rt_worker(Rt *rt, int id)
{
    if (id < 0 || id >= RT_MAX_WORKERS)
        return NULL;
    return &rt->sh->workers[id];
}

int rt_worker_count(Rt *rt)
{
    int n = atomic_load(&rt->sh->nworkers);
    return n < rt->sh->caps.max_workers ? n : rt->sh->caps.max_workers;
}

void rt_shutdown_request(Rt *rt)
{
    atomic_store(&rt->sh->shutdown, 1);
    gate_wake_all(rt->gate);
}

void rt_block_begin(const RtCtx *cx)
{
    if (!cx)
        return;
    if (cx->gil)
        gil_release(cx->gil);
    gate_set_blocked(cx, 1);
}

void rt_block_resume(const RtCtx *cx)
{
    if (!cx)
        return;
    gate_set_blocked(cx, 0);
    if (cx->gil)
        gil_acquire(cx->gil);
}

/* Taking the GIL back after a wait is a wake: which blocked worker goes on
 * first is the OS's choice, so under control the gate decides it.  A
 * recording marks it once the GIL is ours: that is when the worker goes on
 * (taking the GIL may wait for the holder's next check point). */
void rt_block_end(const RtCtx *cx)
{
    if (!cx)
        return;
    int passed = gate_wake(cx, RT_EV_GIL_ACQUIRE);
    rt_block_resume(cx);
    if (!passed)
        gate_mark(cx, RT_EV_GIL_ACQUIRE);
}

uint64_t rt_now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

static void rt_ns_to_ts(uint64_t ns, struct timespec *ts)
{
    ts->tv_sec = (time_t)(ns / 1000000000u);
    ts->tv_nsec = (long)(ns % 1000000000u);
}

uint64_t rt_clock_ns(void)
{
    const Rt *rt = atomic_load_explicit(&rt_clock_rt, memory_order_acquire);
    return rt ? gate_clock_ns(rt) : rt_now_ns();
}

const struct timespec *rt_deadline(double timeout_s, struct timespec *ts)
{
    if (timeout_s < 0)
        return NULL;
    if (timeout_s > 1e9)
        timeout_s = 1e9;
    rt_ns_to_ts(rt_clock_ns() + (uint64_t)(timeout_s * 1e9), ts);
    return ts;
}

uint64_t rt_deadline_left(const struct timespec *deadline)
{
    if (!deadline)
        return UINT64_MAX;
    uint64_t d = (uint64_t)deadline->tv_sec * 1000000000u + (uint64_t)deadline->tv_nsec;
    uint64_t now = rt_clock_ns();
    return d > now ? d - now : 0;
}

/* A deadline on the lesson clock passes while the gate is paused only when
 * the wait notices, slice by slice, that it has run out: while the clock
 * stands still what is left stays the same, so the wait goes on. */
int rt_cond_wait(const Rt *rt, PsCond *c, PsMutex *m, const struct timespec *deadline)
{
    struct timespec slice;
    uint64_t wait = (uint64_t)RT_POLL_MS * 1000000u;
    if (rt_shutting_down(rt))
        return RT_ESHUTDOWN;
    if (deadline) {
        uint64_t left = rt_deadline_left(deadline);
        if (!left)
            return RT_ETIMEDOUT;
        if (left < wait)
            wait = left;
    }
    rt_ns_to_ts(rt_now_ns() + wait, &slice);
    pscond_timedwait(c, m, &slice);
    if (rt_shutting_down(rt))
        return RT_ESHUTDOWN;
    return 0;
}

int rt_sleep(const Rt *rt, double seconds, int (*stop)(void *), void *arg)
{
    struct timespec ts;
    const struct timespec *dl = rt_deadline(seconds < 0 ? 0 : seconds, &ts);
    for (;;) {
        uint64_t left = rt_deadline_left(dl), wait = (uint64_t)RT_POLL_MS * 1000000u;
        if (!left)
            return 0;
        if (rt && rt_shutting_down(rt))
            return RT_ESHUTDOWN;
        if (left < wait)
            wait = left;
        struct timespec rel = { (time_t)(wait / 1000000000u), (long)(wait % 1000000000u) };
        /* EINTR (a signal) ends the slice early: stop() may want to know */
        if (nanosleep(&rel, NULL) != 0 && stop && stop(arg))
            return 1;
    }
}
