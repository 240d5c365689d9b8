/* Workers of a running script: the per-process GIL wired into the
 * interpreter's hook points, Python threads on pthreads, processes by
 * fork(), and the end of a run (waiting for non-daemon threads and
 * processes as CPython does, then draining the recorder).
 *
 * A new thread gets its own VmThread sharing the process's Interp; it runs
 * Python code only while it holds its process's GIL.  A forked child keeps
 * the forking thread's VmThread and a copy-on-write copy of the Interp; it
 * builds a fresh GIL (the parent's may be held by anyone) and leaves the
 * parent's bookkeeping behind. */
#include <errno.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rt/gate.h"
#include "rt/shm.h"
#include "vm/vm_conc.h"

#define VMC_DEFAULT_PROC_MB 256   /* a memory bomb hits it in about a second */

static int env_int(const char *name, int def)
{
    const char *s = getenv(name);
    return s && atoi(s) > 0 ? atoi(s) : def;
}

/* Set by the live runner or the headless run before vmc_begin. */
static const VmOptions *vmc_opts;

void vmc_set_options(const VmOptions *opt)
{
    vmc_opts = opt;
}

int vmc_live(void)
{
    return vmc_opts && vmc_opts->live;
}

double vmc_sleep_scale(void)
{
    int pct = vmc_opts && vmc_opts->speed_pct ? atomic_load(vmc_opts->speed_pct) : 100;
    return pct > 0 ? 100.0 / pct : 1.0;
}

/* The scheduling gate at a GIL hand-over (issue 5).  Free running it is
 * the flag test of gate_pass.  held: whether the caller holds its GIL
 * (gate_wait lets go of it while waiting; a caller that is about to take
 * it passes without). */
void vmc_gate(VmThread *ts, unsigned action, int held)
{
    VmRt *r = vmr_of(ts);
    if (!atomic_load_explicit(&r->cx.rt->gate->controlled, memory_order_relaxed)) {
        if (__builtin_expect(vmc_opts && vmc_opts->gate_marks, 0))
            vme_emit(ts, TK_GATE_GRANT, NULL, action, 0);
        return;
    }
    RtCtx cx = r->cx;
    if (!held)
        cx.gil = NULL;
    gate_pass(&cx, (int)action, ts->frame && ts->frame->line > 0 ? ts->frame->line : 0);
}

/* Interp hooks: the GIL at the interpreter's hand-over points. */
static void hook_yield(VmThread *ts)
{
    VmConc *c = vmc_of(ts->in);
    if (c->nthreads > 1) {
        /* A forced switch is where CPython could switch: a gated action. */
        if (atomic_load_explicit(&vmr_of(ts)->gt.gil->drop_request, memory_order_relaxed))
            vmc_gate(ts, TK_GIL_RELEASE, 1);
        gil_yield_if_requested(&vmr_of(ts)->gt);
    } else {
        atomic_store(&ts->in->eval_breaker, 0);
    }
}

/* Around a sleep: blocked in between (a replaying controller need not wait
 * for the sleeper), and the way back is a gated GIL acquire. */
static void hook_release(VmThread *ts)
{
    rt_block_begin(vmc_cx(ts));
}

static void hook_acquire(VmThread *ts)
{
    const RtCtx *cx = vmc_cx(ts);
    if (atomic_load_explicit(&cx->rt->gate->controlled, memory_order_relaxed)) {
        vmc_gate(ts, TK_GIL_ACQUIRE, 0);
        rt_block_resume(cx);
        return;
    }
    /* A recording marks the wake once the GIL is ours, when the sleeper
     * really goes on (see rt_block_end). */
    rt_block_resume(cx);
    if (__builtin_expect(vmc_opts && vmc_opts->gate_marks, 0))
        vme_emit(ts, TK_GATE_GRANT, NULL, TK_GIL_ACQUIRE, 0);
}

/* What the rt layer's wakes (gate.h) show as, and whether a recording
 * marks them. */
static void vmc_gate_setup(Rt *rt)
{
    static const struct { RtEvKind kind; unsigned action; } wakes[] = {
        { RT_EV_GIL_ACQUIRE, TK_GIL_ACQUIRE }, { RT_EV_LOCK_ACQUIRE, TK_LOCK_ACQUIRE },
        { RT_EV_LOCK_TIMEOUT, TK_EVENT_WAKE }, { RT_EV_SEM_ACQUIRE, TK_LOCK_ACQUIRE },
        { RT_EV_QUEUE_GET, TK_QUEUE_GET }, { RT_EV_QUEUE_PUT, TK_QUEUE_PUT },
        { RT_EV_QUEUE_EMPTY, TK_QUEUE_EMPTY }, { RT_EV_QUEUE_FULL, TK_QUEUE_FULL },
        { RT_EV_EVENT_WAKE, TK_EVENT_WAKE }, { RT_EV_COND_WAKE, TK_COND_WAKE },
    };
    for (size_t i = 0; i < sizeof wakes / sizeof wakes[0]; i++)
        gate_set_wake_action(rt, wakes[i].kind, (int)wakes[i].action);
    gate_set_marks(rt, vmc_opts && vmc_opts->gate_marks);
}

static VmRt *vmr_create(VmConc *c, int worker)
{
    VmRt *r = calloc(1, sizeof *r);
    if (!r)
        abort();
    r->worker = worker;
    gil_thread_init(&r->gt, c->gil, worker);
    r->cx.rt = c->rt;
    r->cx.gil = &r->gt;
    r->cx.worker = worker;
    r->thread_obj = VUNDEF;
    return r;
}

static Gil *vmc_new_gil(VmConc *c)
{
    Gil *g = shm_alloc(c->rt->arena, sizeof *g);
    if (!g) {
        fprintf(stderr, "parlab: %s\n", shm_cap_message(c->rt->arena));
        _exit(1);
    }
    return g;
}

void vm_default_caps(RtCaps *caps)
{
    rt_caps_default(caps);
    caps->max_procs = env_int("PARLAB_MAX_PROCS", caps->max_procs);
    caps->max_threads = env_int("PARLAB_MAX_THREADS", caps->max_threads - 1) + 1;
    caps->max_workers = env_int("PARLAB_MAX_WORKERS", caps->max_workers);
    if (caps->max_workers > RT_MAX_WORKERS)
        caps->max_workers = RT_MAX_WORKERS;
    caps->mem_per_proc = (size_t)env_int("PARLAB_PROC_MEM_MB", VMC_DEFAULT_PROC_MB) << 20;
}

int vmc_begin(Interp *in, int events_mode)
{
    char err[256];
    RtCaps caps;
    VmConc *c = calloc(1, sizeof *c);
    if (!c)
        abort();
    int given = vmc_opts && vmc_opts->rt && vmc_opts->tshm;
    int live = vmc_live();
    rt_caps_default(&caps);
    /* Big items (a queue carrying 100 KB strings) would otherwise be mmap'd
     * and munmap'd by malloc on every put: with a second thread alive each
     * munmap is a TLB shoot-down, milliseconds on a VM. */
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    caps.max_procs = env_int("PARLAB_MAX_PROCS", caps.max_procs);
    caps.max_threads = env_int("PARLAB_MAX_THREADS", caps.max_threads - 1) + 1;
    caps.max_workers = env_int("PARLAB_MAX_WORKERS", caps.max_workers);
    if (caps.max_workers > RT_MAX_WORKERS)
        caps.max_workers = RT_MAX_WORKERS;
    caps.mem_per_proc = (size_t)env_int("PARLAB_PROC_MEM_MB", VMC_DEFAULT_PROC_MB) << 20;
    c->rt = given ? vmc_opts->rt : rt_create(&caps, err, sizeof err);
    if (!c->rt) {
        fprintf(stderr, "parlab: cannot set up the runtime: %s\n", err);
        free(c);
        return -1;
    }
    /* Rings: at most max_workers workers alive at once; 4096 events each
     * (a full ring makes its writer wait for the collector, never drops). */
    c->tshm = given ? vmc_opts->tshm : trace_shm_create((unsigned)caps.max_workers, 4096);
    if (!c->tshm) {
        fprintf(stderr, "parlab: cannot map the event rings\n");
        rt_destroy(c->rt);
        free(c);
        return -1;
    }
    rt_proc_init_root(c->rt);
    vmc_gate_setup(c->rt);
    c->is_root = 1;
    c->events_mode = events_mode;
    c->nthreads = 1;
    c->proc_obj = VUNDEF;
    snprintf(c->proc_name, sizeof c->proc_name, "MainProcess");
    c->gil = vmc_new_gil(c);
    gil_init(c->gil);
    c->fatal = shm_alloc(c->rt->arena, sizeof *c->fatal);
    /* The interpreter's own allocation cap follows the per-process one, so a
     * memory bomb in the first process ends as quickly as in a child. */
    if (!getenv("PARLAB_MEM_MB") && caps.mem_per_proc && (int64_t)caps.mem_per_proc < in->mem_cap)
        in->mem_cap = (int64_t)caps.mem_per_proc;
    in->ext[VMC_EXT] = c;
    vme_install(in, c);
    if (!live && vme_collector_start(c, vmc_opts) < 0) {
        fprintf(stderr, "parlab: cannot start the event collector\n");
        return -1;
    }
    if (live && gate_is_paused(c->rt)) {
        /* --step: the run waits before its first event (the main thread will
         * be worker 0; nothing is recorded while it waits here). */
        RtCtx first = { .rt = c->rt, .gil = NULL, .worker = 0 };
        gate_pass(&first, TK_WORKER_STARTED, 0);
    }
    int id = rt_thread_register_main(c->rt, -1, "MainThread");
    if (id < 0) {
        fprintf(stderr, "parlab: cannot register the main thread\n");
        return -1;
    }
    VmRt *r = vmr_create(c, id);
    r->is_main = 1;
    in->main_ts->rt = r;
    vme_thread_attach(c, id, in->main_ts);
    gil_acquire(&r->gt);
    vme_obj_created(in->main_ts, TO_GIL, c->gil, 0, 0);
    in->gil_yield = hook_yield;
    in->gil_release = hook_release;
    in->gil_acquire = hook_acquire;
    return 0;
}

void (*vmc_exit_hook)(VmThread *ts);

/* Wait (with the GIL released by the joins) for every non-daemon thread
 * and child process this process started, as CPython's shutdown does;
 * daemon processes are killed. */
static void vmc_wait_children(VmThread *ts)
{
    VmConc *c = vmc_of(ts->in);
    const RtCtx *cx = vmc_cx(ts);
    if (vmc_exit_hook)
        vmc_exit_hook(ts);
    for (int again = 1; again;) {
        again = 0;
        for (VmThreadRec *t = c->threads; t; t = t->next) {
            if (t->daemon || !t->th || t->th->joined)
                continue;
            if (rt_thread_join(cx, t->th, -1) == RT_ESHUTDOWN)
                return;
            again = 1;   /* the list may have grown meanwhile */
        }
    }
    for (VmProcRec *p = c->procs; p; p = p->next) {
        if (p->daemon) {
            if (p->proc->pid > 0 && rt_proc_is_alive(c->rt, p->proc))
                kill(p->proc->pid, SIGTERM);
            continue;
        }
        if (rt_proc_join(cx, p->proc, -1) == RT_ESHUTDOWN)
            return;
    }
    for (VmProcRec *p = c->procs; p; p = p->next)
        if (p->daemon)
            rt_proc_join(cx, p->proc, 1.0);
}

/* Daemon threads still alive after a short grace (a thread that is just
 * returning is not worth a hard exit). */
static int vmc_daemons_alive(VmThread *ts, VmConc *c)
{
    uint64_t until = rt_now_ns() + 100000000u;
    for (VmThreadRec *t = c->threads; t; t = t->next) {
        if (!t->th || !rt_thread_is_alive(t->th))
            continue;
        uint64_t now = rt_now_ns();
        if (now >= until || rt_thread_join(vmc_cx(ts), t->th, (double)(until - now) / 1e9) != 0)
            return 1;
    }
    return 0;
}

static void vmc_free(Interp *in, VmConc *c);

int vmc_end(Interp *in, int rc)
{
    VmConc *c = vmc_of(in);
    VmThread *ts = in->main_ts;
    if (!c)
        return rc;
    if (rc) {
        vme_emit_exception(ts, ts->exc);
        vmc_check_memory_cap(ts, ts->exc);
    }
    vmc_wait_children(ts);
    /* Daemon threads still running stay parked at the GIL, which the main
     * thread now keeps for good; they die with the process. */
    int daemons = vmc_daemons_alive(ts, c);
    rt_thread_unregister_main(c->rt, vmr_of(ts)->worker);
    vme_collector_stop(c);
    if (rt_proc_kill_all(c->rt) > 0)
        fprintf(stderr, "parlab: warning: a worker process could not be reaped\n");
    c->forks = -1;   /* from here on no arena object is freed: daemons may use them */
    if (daemons) {
        /* CPython kills daemon threads at exit; here they are parked at the
         * GIL, which this thread keeps, and must not see the interpreter
         * freed under them: end the process now. */
        fflush(NULL);
        _exit(rc);
    }
    in->gil_yield = NULL;
    in->gil_release = NULL;
    in->gil_acquire = NULL;
    in->write_hook = NULL;
    in->sleep_hook = NULL;
    vmc_free(in, c);
    return rc;
}

/* Everything of the run but the interpreter's objects, which
 * interp_destroy frees next: with ext[VMC_EXT] cleared, their native parts
 * leave the (unmapped) arena alone. */
static void vmc_free(Interp *in, VmConc *c)
{
    VmThread *ts = in->main_ts;
    VmRt *r = vmr_of(ts);
    int live = vmc_opts && vmc_opts->rt && vmc_opts->tshm;
    for (VmThreadRec *t = c->threads, *n; t; t = n) {
        n = t->next;
        rt_thread_destroy(t->th);
        free(t);
    }
    for (VmProcRec *p = c->procs, *n; p; p = n) {
        n = p->next;
        rt_proc_close(p->proc);
        free(p);
    }
    vme_thread_detach();
    if (r) {
        gil_release(&r->gt);
        gil_thread_free(&r->gt);
        free(r);
        ts->rt = NULL;
    }
    in->ext[VMC_EXT] = NULL;
    if (!live) {
        gil_free(c->gil);
        trace_shm_destroy(c->tshm);
        rt_destroy(c->rt);
    }
    free(c);
}

struct ThreadStart {
    Interp *in;
    Value obj;
    VmThreadBody fn;
    void *arg;
};

static void thread_main(Rt *rt, int worker, void *p)
{
    struct ThreadStart *s = p;
    Interp *in = s->in;
    VmConc *c = vmc_of(in);
    VmThread *ts = vm_thread_create(in);
    VmRt *r = vmr_create(c, worker);
    (void)rt;
    ts->rt = r;
    r->thread_obj = s->obj;
    vme_thread_attach(c, worker, ts);
    /* Where a new thread first runs is the OS's choice: a gated point. */
    vmc_gate(ts, TK_WORKER_STARTED, 0);
    gil_acquire(&r->gt);
    s->fn(ts, s->arg);
    c->nthreads--;
    r->thread_obj = VUNDEF;
    v_decref(in, s->obj);
    free(s);
    vme_thread_set_ts(NULL);
    vm_thread_destroy(ts);
    gil_release(&r->gt);
    gil_thread_free(&r->gt);
    free(r);
}

int vmc_thread_start(VmThread *ts, const char *name, Value obj, int daemon, VmThreadBody fn,
                     void *arg, RtThread **out)
{
    VmConc *c = vmc_of(ts->in);
    struct ThreadStart *s = calloc(1, sizeof *s);
    VmThreadRec *rec = calloc(1, sizeof *rec);
    if (!s || !rec)
        abort();
    s->in = ts->in;
    s->obj = obj;
    s->fn = fn;
    s->arg = arg;
    v_incref(obj);
    c->nthreads++;
    atomic_store(&ts->in->eval_breaker, 1);
    int rc = rt_thread_start(vmc_cx(ts), name, thread_main, s, out);
    if (rc < 0) {
        c->nthreads--;
        v_decref(ts->in, obj);
        free(s);
        free(rec);
        return rc;
    }
    rec->th = *out;
    rec->daemon = daemon;
    rec->worker = (*out)->worker;
    rec->next = c->threads;
    c->threads = rec;
    return 0;
}

struct ProcStart {
    VmThread *ts;
    Value obj;
    VmProcBody fn;
    void *arg;
    const char *name;
    int n;
};

static int proc_main(Rt *rt, int worker, void *p)
{
    struct ProcStart *s = p;
    VmThread *ts = s->ts;
    Interp *in = ts->in;
    VmConc *c = vmc_of(in);
    VmRt *r = vmr_of(ts);
    char ident[RT_NAME_MAX + 16];
    (void)rt;
    /* Only this thread survived the fork: the parent's threads, child
     * processes and GIL are not ours. */
    snprintf(ident, sizeof ident, "%s%s%d", c->proc_ident, c->proc_ident[0] ? ":" : "", s->n);
    snprintf(c->proc_ident, sizeof c->proc_ident, "%.*s", (int)sizeof c->proc_ident - 1, ident);
    snprintf(c->proc_name, sizeof c->proc_name, "%s", s->name);
    c->is_root = 0;
    c->nthreads = 1;
    /* The parent's thread and process records are copies only this child
     * holds (the RtThreads stay: Thread objects may still point at them). */
    for (VmThreadRec *t = c->threads, *n; t; t = n) {
        n = t->next;
        free(t);
    }
    c->threads = NULL;
    for (VmProcRec *q = c->procs, *n; q; q = n) {
        n = q->next;
        free(q);
    }
    c->procs = NULL;
    c->forks = 0;
    c->proc_counter = 0;
    c->proc_obj = s->obj;
    c->gil = vmc_new_gil(c);
    gil_after_fork_child(c->gil, &r->gt);
    r->worker = worker;
    r->gt.worker = worker;
    r->cx.worker = worker;
    r->cx.gil = &r->gt;
    r->is_main = 1;
    in->main_ts = ts;
    atomic_store(&in->eval_breaker, 0);
    vme_after_fork_child(ts, worker);
    vme_obj_created(ts, TO_GIL, c->gil, 0, 0);
    int code = s->fn(ts, s->arg);
    vmc_wait_children(ts);
    vme_worker_ended(worker, code);
    fflush(stderr);
    return code;
}

int vmc_proc_start(VmThread *ts, const char *name, int ident_n, Value obj, int daemon,
                   VmProcBody fn, void *arg, RtProc *out)
{
    VmConc *c = vmc_of(ts->in);
    struct ProcStart s = { ts, obj, fn, arg, name, 0 };
    s.n = ident_n;
    c->forks++;
    fflush(stderr);
    int rc = rt_proc_start(vmc_cx(ts), name, proc_main, &s, out);
    if (rc < 0)
        return rc;
    /* Allocated after the fork: the child _exits inside rt_proc_start, and a
     * record made before would be a block it can never free (valgrind). */
    VmProcRec *rec = calloc(1, sizeof *rec);
    if (!rec)
        abort();
    rec->proc = out;
    rec->obj = obj;
    v_incref(obj);
    rec->daemon = daemon;
    rec->next = c->procs;
    c->procs = rec;
    return 0;
}

int vmc_may_free(Interp *in, int creator_pid, int at_forks)
{
    VmConc *c = vmc_of(in);
    return c && creator_pid == (int)getpid() && at_forks == c->forks;
}

Value vmc_fatal_cap(VmThread *ts, const char *msg)
{
    VmConc *c = vmc_of(ts->in);
    int first = 0;
    /* Only the first to hit a cap speaks and stops the run: a second one
     * asking for the stop could get the first killed before it printed. */
    if (!c->fatal || atomic_compare_exchange_strong(c->fatal, &first, 1)) {
        fprintf(stderr, "parlab: %s\n", msg);
        fflush(stderr);
        rt_shutdown_request(c->rt);
    }
    if (!c->is_root)
        _exit(1);
    if (vmc_opts && vmc_opts->rt) {
        /* a live run has no collector thread here: stop it ourselves */
        rt_proc_kill_all(c->rt);
        _exit(1);
    }
    /* The collector thread sees the shutdown, stops everything, exits 1. */
    for (;;)
        pause();
}

/* An uncaught MemoryError is the memory cap: the run ends, as for a bomb of
 * processes, rather than leaving the other workers to run on. */
void vmc_check_memory_cap(VmThread *ts, Value exc)
{
    VmConc *c = vmc_of(ts->in);
    char msg[160];
    if (!vm_exc_isa(ts->in, exc, ts->in->exc[EXC_MemoryError]))
        return;
    snprintf(msg, sizeof msg, "memory cap reached: a process may use %lld MB (PARLAB_PROC_MEM_MB)",
             (long long)(ts->in->mem_cap >> 20));
    (void)c;
    vmc_fatal_cap(ts, msg);
}

Value vmc_raise_rt(VmThread *ts, int code, const char *what)
{
    VmConc *c = vmc_of(ts->in);
    switch (code) {
    case RT_ECAP: {
        char msg[256];
        const RtCaps *k = &c->rt->sh->caps;
        if (rt_worker_count(c->rt) >= k->max_workers)
            snprintf(msg, sizeof msg, "too many workers: a lesson may start %d threads and processes "
                     "in all (PARLAB_MAX_WORKERS)", k->max_workers);
        else if (strcmp(what, "thread") == 0)
            snprintf(msg, sizeof msg, "too many threads: a lesson may run %d threads at once in a "
                     "process (PARLAB_MAX_THREADS)", k->max_threads - 1);
        else
            snprintf(msg, sizeof msg, "too many processes: a lesson may run %d at once "
                     "(PARLAB_MAX_PROCS)", k->max_procs);
        return vmc_fatal_cap(ts, msg);
    }
    case RT_ENOMEM:
        return vmc_fatal_cap(ts, shm_cap_message(c->rt->arena));
    case RT_ESHUTDOWN:
        for (;;)
            pause();   /* the run is being stopped; the collector ends it */
    case RT_EUNLOCKED:
        return vm_raise(ts, EXC_RuntimeError, "release unlocked lock");
    case RT_ENOTOWNER:
        return vm_raise(ts, EXC_RuntimeError, "cannot release un-acquired lock");
    case RT_EOVERFLOW:
        return vm_raise(ts, EXC_OverflowError, "%s", what);
    case RT_ETYPE:
        return vm_raise(ts, EXC_TypeError, "%s", what);
    case RT_EINDEX:
        return vm_raise(ts, EXC_IndexError, "%s", what);
    case RT_EVALUE:
        return vm_raise(ts, EXC_ValueError, "%s", what);
    default:
        return vm_raise(ts, EXC_OSError, "%s: %s", what, rt_strerror(code));
    }
}

double vmc_timeout(VmThread *ts, Value v, const char *fname)
{
    if (v.tag == V_NONE || v.tag == V_UNDEF)
        return -1;
    if (v.tag == V_INT || v.tag == V_BOOL)
        return v.u.i < 0 ? -3 : (double)v.u.i;
    if (v.tag == V_FLOAT)
        return v.u.f < 0 ? -3 : v.u.f;
    vm_raise(ts, EXC_TypeError, "%s(): timeout must be a number, not '%s'", fname, v_typename(ts->in, v));
    return -2;
}

void vmc_report_uncaught(VmThread *ts, const char *who, const char *name)
{
    Value exc = ts->exc;
    vme_emit_exception(ts, exc);
    vm_write(ts, "", 0, true);      /* the header too follows the output so far */
    fprintf(stderr, "%s%s:\n", who, name);
    vm_print_traceback(ts, exc);
    vmc_check_memory_cap(ts, exc);
    ts->exc = VUNDEF;
    v_decref(ts->in, exc);
}
