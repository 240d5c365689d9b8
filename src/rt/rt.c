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
    return rt;
}

void rt_destroy(Rt *rt)
{
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
    if (cx && cx->gil)
        gil_release(cx->gil);
}

void rt_block_end(const RtCtx *cx)
{
    if (cx && cx->gil)
        gil_acquire(cx->gil);
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

const struct timespec *rt_deadline(double timeout_s, struct timespec *ts)
{
    if (timeout_s < 0)
        return NULL;
    if (timeout_s > 1e9)
        timeout_s = 1e9;
    rt_ns_to_ts(rt_now_ns() + (uint64_t)(timeout_s * 1e9), ts);
    return ts;
}

int rt_cond_wait(const Rt *rt, PsCond *c, PsMutex *m, const struct timespec *deadline)
{
    struct timespec slice;
    uint64_t now, until;
    if (rt_shutting_down(rt))
        return RT_ESHUTDOWN;
    now = rt_now_ns();
    until = now + (uint64_t)RT_POLL_MS * 1000000u;
    if (deadline) {
        uint64_t d = (uint64_t)deadline->tv_sec * 1000000000u + (uint64_t)deadline->tv_nsec;
        if (d <= now)
            return RT_ETIMEDOUT;
        if (d < until)
            until = d;
    }
    rt_ns_to_ts(until, &slice);
    pscond_timedwait(c, m, &slice);
    if (rt_shutting_down(rt))
        return RT_ESHUTDOWN;
    return 0;
}
