/* concurrent.futures: ThreadPoolExecutor (pool_thread.c) and
 * ProcessPoolExecutor (pool_proc.c, workers forked at the first submit as
 * CPython does with fork), Future, as_completed, wait.
 *
 * Executor.map submits every call at once and returns an iterator that
 * waits for each result in input order; as_completed yields the futures
 * already done first, then each as it completes.  A task no worker has
 * taken yet can be cancelled; executors never shut down finish their
 * queued tasks when the run ends, as CPython's do at exit.
 * wait() is in futures_wait.c. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vm/format.h"
#include "vm/pool_core.h"

typedef struct ExecNat {
    int is_proc;
    int max_workers;
    int shutdown;
    PPool *pp;                /* created at the first submit */
    void *ident;              /* its identity in events, named when the executor is made */
    TPool *tp;
    Value futs;               /* a list of the futures maybe still queued, or VUNDEF (owned) */
} ExecNat;

/* Pools to finish at the end of the run (exec_at_exit); never freed, as
 * the pools themselves are not.  Changed under the GIL. */
typedef struct ExecExit {
    pid_t pid;                /* the process that made the pool */
    TPool *tp;
    PPool *pp;
    struct ExecExit *next;
} ExecExit;

static ExecExit *exec_exits;


/* The iterator of map() and of as_completed(): futures still to hand out. */
typedef struct FutIter {
    Value *futs;              /* owned */
    int n, pos;
    int results;              /* map: yield results; as_completed: futures */
    double deadline_s;        /* as_completed(timeout): absolute, monotonic; < 0 none */
} FutIter;

static ClassObj *cf_class(VmThread *ts, const char *name) { return vmc_module_class(ts, "concurrent.futures", name); }

static int cpu_count(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}

/* ---- cancellation ---- */

/* Cancel f if no worker took it: 1 cancelled, 0 not, -1 exception. */
static int fut_cancel_one(VmThread *ts, PFut *f)
{
    if (!f || f->cancelled)
        return f ? 1 : 0;
    if (atomic_load(&f->state) != PF_PENDING)
        return 0;
    ClassObj *cls = cf_class(ts, "CancelledError");
    Value exc = cls ? exc_new(ts, cls, NULL, 0) : VEXC;
    if (exc.tag == V_EXC)
        return -1;
    return pf_cancel(ts, f, exc);
}

/* The outcome of a done future: its result (new reference), or raises. */
static Value fut_outcome(VmThread *ts, PFut *f)
{
    if (f->cancelled) {
        ClassObj *cls = cf_class(ts, "CancelledError");
        return cls ? vm_raise_cls(ts, cls, VUNDEF) : VEXC;
    }
    return pf_outcome(ts, f);
}

/* ---- executors ---- */

static void exec_free(Interp *in, Obj *o)
{
    InstObj *i = (InstObj *)o;
    ExecNat *e = i->native;
    if (e && pool_dropping_refs(o))
        v_decref(in, e->futs);
    free(e);   /* the pools outlive it, as their threads may */
    i->native = NULL;
}

/* CPython's executors join their workers at exit (threading's atexit
 * hook), so what is still queued runs: tell every pool of this process
 * first, then wait for each. */
static void exec_at_exit(VmThread *ts)
{
    Value saved = ts->exc;
    pid_t me = getpid();
    ts->exc = VUNDEF;
    for (ExecExit *x = exec_exits; x; x = x->next)
        if (x->pid == me && (x->tp ? tpool_shutdown(ts, x->tp, 0) : ppool_close(ts, x->pp)) < 0)
            break;
    for (ExecExit *x = exec_exits; x && ts->exc.tag == V_UNDEF; x = x->next)
        if (x->pid == me && (x->tp ? tpool_shutdown(ts, x->tp, 1) : ppool_join(ts, x->pp)) < 0)
            break;
    if (ts->exc.tag != V_UNDEF)
        v_decref(ts->in, ts->exc);
    ts->exc = saved;
}

static void exec_exit_add(TPool *tp, PPool *pp)
{
    ExecExit *x = calloc(1, sizeof *x);
    if (!x)
        abort();
    x->pid = getpid();
    x->tp = tp;
    x->pp = pp;
    x->next = exec_exits;
    exec_exits = x;
    vmc_exit_hook = exec_at_exit;
}

/* Keep fut for shutdown(cancel_futures=True); the done ones are dropped
 * whenever the list doubles. */
static int exec_track(VmThread *ts, ExecNat *e, Value fut)
{
    if (e->futs.tag == V_UNDEF) {
        ListObj *l = list_new(ts, 8);
        if (!l)
            return -1;
        e->futs = vobj(l);
    }
    ListObj *l = V_LIST(e->futs);
    if (l->len >= 8 && (l->len & (l->len - 1)) == 0) {
        int64_t k = 0;
        for (int64_t i = 0; i < l->len; i++) {
            PFut *f = ((InstObj *)l->items[i].u.o)->native;
            if (f && atomic_load(&f->state) == PF_PENDING)
                l->items[k++] = l->items[i];
            else
                v_decref(ts->in, l->items[i]);
        }
        l->len = k;
    }
    v_incref(fut);
    return list_append(ts, l, fut);
}

static ExecNat *exec_nat(VmThread *ts, Value self)
{
    ExecNat *e = v_is(self, K_INST) ? ((InstObj *)self.u.o)->native : NULL;
    if (!e)
        vm_raise(ts, EXC_RuntimeError, "executor not initialised");
    return e;
}

static Value exec_init(VmThread *ts, Value *args, int nargs, const VmKw *kw, int is_proc)
{
    Value mw = nargs > 1 ? args[1] : vmc_kwarg(ts, kw, "max_workers", VNONE);
    int n;
    if (mw.tag == V_NONE)
        n = is_proc ? cpu_count() : (cpu_count() + 4 < 32 ? cpu_count() + 4 : 32);
    else if (mw.tag == V_INT)
        n = mw.u.i > RT_MAX_WORKERS ? RT_MAX_WORKERS : (int)mw.u.i;
    else
        return vm_raise(ts, EXC_TypeError, "max_workers must be an integer, not '%s'", v_typename(ts->in, mw));
    if (n <= 0)
        return vm_raise(ts, EXC_ValueError, "max_workers must be greater than 0");
    ExecNat *e = calloc(1, sizeof *e);
    if (!e)
        abort();
    e->is_proc = is_proc;
    e->max_workers = n;
    if (is_proc) {
        Rt *rt = vmc_of(ts->in)->rt;
        if (!(e->ident = shm_alloc(rt->arena, 16))) {
            free(e);
            return vmc_raise_rt(ts, RT_ENOMEM, "ProcessPoolExecutor");
        }
        vme_obj_created(ts, TO_POOL, e->ident, (uint64_t)n, TF_SHARED);
    }
    if (!is_proc) {
        Value pre = nargs > 2 ? args[2] : vmc_kwarg(ts, kw, "thread_name_prefix", VNONE);
        char prefix[64];
        int k = tpool_next_counter(ts);
        if (v_is(pre, K_STR) && V_STR(pre)->len > 0)
            snprintf(prefix, sizeof prefix, "%s", V_STR(pre)->s);
        else
            snprintf(prefix, sizeof prefix, "ThreadPoolExecutor-%d", k);
        e->tp = tpool_create(ts, n, prefix);
        exec_exit_add(e->tp, NULL);
    }
    e->futs = VUNDEF;
    InstObj *i = (InstObj *)args[0].u.o;
    free(i->native);
    i->native = e;
    return VNONE;
}

static Value tpe_init(VmThread *ts, Value *a, int n, const VmKw *kw) { return exec_init(ts, a, n, kw, 0); }
static Value ppe_init(VmThread *ts, Value *a, int n, const VmKw *kw) { return exec_init(ts, a, n, kw, 1); }

/* CPython's Thread.start() waits until the new thread runs, and a new
 * worker runs until it blocks: the task that made it start is running
 * (no longer cancellable) when submit() returns.  Let the worker get
 * there, briefly, with the GIL released. */
static void exec_await_start(VmThread *ts, PFut *f)
{
    const RtCtx *cx = vmc_cx(ts);
    rt_block_begin(cx);
    for (int i = 0; i < 1000 && atomic_load(&f->state) == PF_PENDING; i++)
        usleep(100);
    rt_block_end(cx);
}

/* One call of fn: a new Future, its task handed to the pool. */
static Value exec_submit_call(VmThread *ts, ExecNat *e, Value fn, Value args, Value kwargs)
{
    if (e->shutdown) {
        v_decref(ts->in, args);
        v_decref(ts->in, kwargs);
        return vm_raise(ts, EXC_RuntimeError, "cannot schedule new futures after shutdown");
    }
    ClassObj *cls = cf_class(ts, "Future");
    Value fut = cls ? pf_new(ts, cls) : VEXC;
    if (fut.tag == V_EXC) {
        v_decref(ts->in, args);
        v_decref(ts->in, kwargs);
        return VEXC;
    }
    int rc;
    if (e->is_proc) {
        if (!e->pp) {
            if (!(e->pp = ppool_create(ts, PP_EXECUTOR, e->max_workers, VNONE, VNONE, e->ident, 0))) {
                v_decref(ts->in, args);
                v_decref(ts->in, kwargs);
                v_decref(ts->in, fut);
                return VEXC;
            }
            exec_exit_add(NULL, e->pp);
        }
        PoolCall call = { args, kwargs };
        rc = ppool_submit(ts, e->pp, fn, fut, &call, 1, 0, 0);
    } else {
        int before = tpool_nthreads(e->tp);
        rc = tpool_submit(ts, e->tp, fn, fut, args, kwargs);
        if (rc == 0 && tpool_nthreads(e->tp) > before)
            exec_await_start(ts, ((InstObj *)fut.u.o)->native);
    }
    if (rc < 0 || exec_track(ts, e, fut) < 0) {
        v_decref(ts->in, fut);
        return VEXC;
    }
    return fut;
}

static Value exec_submit(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    ExecNat *e = exec_nat(ts, args[0]);
    if (!e)
        return VEXC;
    if (nargs < 2)
        return vm_raise(ts, EXC_TypeError, "submit() missing 1 required positional argument: 'fn'");
    TupleObj *t = tuple_new(ts, nargs - 2);
    if (!t)
        return VEXC;
    for (int i = 2; i < nargs; i++) {
        t->items[i - 2] = args[i];
        v_incref(args[i]);
    }
    Value kwl = pool_kwlist(ts, kw, 0);
    if (kwl.tag == V_EXC) {
        obj_decref(ts->in, &t->h);
        return VEXC;
    }
    return exec_submit_call(ts, e, args[1], vobj(t), kwl);
}

static Value iter_new(VmThread *ts, Value *futs, int n, int results, double timeout)
{
    ClassObj *cls = cf_class(ts, results ? "_MapIterator" : "_AsCompletedIterator");
    Value it = cls ? inst_new(ts, cls) : VEXC;
    if (it.tag == V_EXC) {
        for (int i = 0; i < n; i++)
            v_decref(ts->in, futs[i]);
        free(futs);
        return VEXC;
    }
    FutIter *fi = calloc(1, sizeof *fi);
    if (!fi)
        abort();
    fi->futs = futs;
    fi->n = n;
    fi->results = results;
    fi->deadline_s = timeout < 0 ? -1 : (double)rt_now_ns() / 1e9 + timeout;
    ((InstObj *)it.u.o)->native = fi;
    return it;
}

static Value exec_map(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    ExecNat *e = exec_nat(ts, args[0]);
    if (!e)
        return VEXC;
    if (nargs < 3)
        return vm_raise(ts, EXC_TypeError, "map() needs a function and at least one iterable");
    double timeout = vmc_timeout(ts, vmc_kwarg(ts, kw, "timeout", VNONE), "map");
    if (timeout == -2)
        return VEXC;
    Value z = iter_zip(ts, args + 2, nargs - 2);
    if (z.tag == V_EXC)
        return VEXC;
    Value tuples = list_from_iterable(ts, z);
    v_decref(ts->in, z);
    if (tuples.tag == V_EXC)
        return VEXC;
    int n = (int)V_LIST(tuples)->len;
    Value *futs = calloc((size_t)(n ? n : 1), sizeof *futs);
    if (!futs)
        abort();
    for (int i = 0; i < n; i++) {
        Value a = V_LIST(tuples)->items[i];
        v_incref(a);
        futs[i] = exec_submit_call(ts, e, args[1], a, VNONE);
        if (futs[i].tag == V_EXC) {
            for (int j = 0; j < i; j++)
                v_decref(ts->in, futs[j]);
            free(futs);
            v_decref(ts->in, tuples);
            return VEXC;
        }
    }
    v_decref(ts->in, tuples);
    return iter_new(ts, futs, n, 1, timeout);
}

static Value exec_shutdown(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    ExecNat *e = exec_nat(ts, args[0]);
    if (!e)
        return VEXC;
    Value w = nargs > 1 ? args[1] : vmc_kwarg(ts, kw, "wait", vbool(true));
    Value cancel = nargs > 2 ? args[2] : vmc_kwarg(ts, kw, "cancel_futures", vbool(false));
    int wait = v_truthy(w);
    e->shutdown = 1;
    if (v_truthy(cancel) && e->futs.tag != V_UNDEF) {
        Value l = e->futs;
        e->futs = VUNDEF;
        for (int64_t i = 0; i < V_LIST(l)->len; i++)
            if (fut_cancel_one(ts, ((InstObj *)V_LIST(l)->items[i].u.o)->native) < 0) {
                v_decref(ts->in, l);
                return VEXC;
            }
        v_decref(ts->in, l);
    }
    if (e->tp)
        return tpool_shutdown(ts, e->tp, wait) < 0 ? VEXC : VNONE;
    if (e->pp) {
        if (ppool_close(ts, e->pp) < 0)
            return VEXC;
        if (wait && ppool_join(ts, e->pp) < 0)
            return VEXC;
    }
    return VNONE;
}

static Value exec_enter(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    v_incref(args[0]);
    return args[0];
}

static Value exec_exit(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    Value r = exec_shutdown(ts, args, 1, NULL);
    if (r.tag == V_EXC)
        return VEXC;
    return vbool(false);
}

#define EXEC_METHODS \
    { "submit", exec_submit }, { "map", exec_map }, { "shutdown", exec_shutdown }, \
    { "__enter__", exec_enter }, { "__exit__", exec_exit }

static const VmModFunc tpe_methods[] = { { "__init__", tpe_init }, EXEC_METHODS, { NULL, NULL } };
static const VmModFunc ppe_methods[] = { { "__init__", ppe_init }, EXEC_METHODS, { NULL, NULL } };

/* ---- Future ---- */

static Value fut_wait_done(VmThread *ts, Value self, Value *args, int nargs, const VmKw *kw, PFut **out)
{
    PFut *f = pf_of(ts, self);
    if (!f)
        return VEXC;
    if (f->cancelled) {
        ClassObj *cls = cf_class(ts, "CancelledError");
        return cls ? vm_raise_cls(ts, cls, VUNDEF) : VEXC;
    }
    Value tv = nargs > 1 ? args[1] : vmc_kwarg(ts, kw, "timeout", VNONE);
    double t = vmc_timeout(ts, tv, "result");
    if (t == -2)
        return VEXC;
    int r = pf_wait(ts, f, t == -3 ? 0 : t);
    if (r < 0)
        return VEXC;
    if (r == 0)
        return vm_raise_cls(ts, ts->in->exc[EXC_TimeoutError], VUNDEF);
    if (f->cancelled) {
        ClassObj *cls = cf_class(ts, "CancelledError");
        return cls ? vm_raise_cls(ts, cls, VUNDEF) : VEXC;
    }
    *out = f;
    return VNONE;
}

static Value fut_result(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    PFut *f;
    if (fut_wait_done(ts, args[0], args, nargs, kw, &f).tag == V_EXC)
        return VEXC;
    return pf_outcome(ts, f);
}

static Value fut_exception(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    PFut *f;
    if (fut_wait_done(ts, args[0], args, nargs, kw, &f).tag == V_EXC)
        return VEXC;
    if (f->ok)
        return VNONE;
    v_incref(f->value);
    return f->value;
}

static Value fut_done(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    PFut *f = pf_of(ts, args[0]);
    return f ? vbool(atomic_load(&f->state) == PF_DONE) : VEXC;
}

static Value fut_running(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    PFut *f = pf_of(ts, args[0]);
    if (!f)
        return VEXC;
    /* a process pool's future stays pending until its result is back */
    int st = atomic_load(&f->state);
    return vbool((st == PF_RUNNING && !f->cancelled) ||
                 (st == PF_PENDING && f->ppool && ppool_taken(f->ppool, f->task_id)));
}

/* <Future at 0x... state=finished returned int>, as CPython shows one. */
static Value fut_repr(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    PFut *f = pf_of(ts, args[0]);
    if (!f)
        return VEXC;
    Value run = fut_running(ts, args, 1, NULL);
    int st = atomic_load(&f->state);
    const char *state = f->cancelled ? "cancelled" : st == PF_DONE ? "finished" : run.u.i ? "running" : "pending";
    char buf[160];
    int n = snprintf(buf, sizeof buf, "<Future at %#llx state=%s", (unsigned long long)(uintptr_t)f->self, state);
    if (st == PF_DONE && !f->cancelled)
        snprintf(buf + n, sizeof buf - (size_t)n, " %s %s>", f->ok ? "returned" : "raised",
                 v_class(ts->in, f->value)->name->s);
    else
        snprintf(buf + n, sizeof buf - (size_t)n, ">");
    return str_from_cstr(ts, buf);
}

static Value fut_cancelled(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    PFut *f = pf_of(ts, args[0]);
    return f ? vbool(f->cancelled) : VEXC;
}

static Value fut_cancel(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    PFut *f = pf_of(ts, args[0]);
    int r = f ? fut_cancel_one(ts, f) : -1;
    return r < 0 ? VEXC : vbool(r);
}

static Value fut_add_done_callback(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    PFut *f = pf_of(ts, args[0]);
    if (!f)
        return VEXC;
    if (nargs < 2)
        return vm_raise(ts, EXC_TypeError, "add_done_callback() missing 1 required positional argument: 'fn'");
    if (atomic_load(&f->state) == PF_DONE) {
        Value r = vm_call(ts, args[1], args, 1, NULL);
        if (r.tag == V_EXC)
            vmc_report_uncaught(ts, "exception calling callback for ", "a future");
        else
            v_decref(ts->in, r);
        return VNONE;
    }
    if (f->done_callbacks.tag == V_UNDEF) {
        ListObj *l = list_new(ts, 2);
        if (!l)
            return VEXC;
        f->done_callbacks = vobj(l);
    }
    v_incref(args[1]);
    list_append(ts, V_LIST(f->done_callbacks), args[1]);
    return VNONE;
}

static const VmModFunc fut_methods[] = {
    { "result", fut_result }, { "exception", fut_exception }, { "done", fut_done },
    { "running", fut_running }, { "cancelled", fut_cancelled }, { "cancel", fut_cancel },
    { "add_done_callback", fut_add_done_callback }, { "__repr__", fut_repr }, { "__str__", fut_repr },
    { NULL, NULL },
};

/* ---- iterators: map results in order, as_completed ---- */

static void iter_free(Interp *in, Obj *o)
{
    InstObj *i = (InstObj *)o;
    FutIter *fi = i->native;
    if (fi) {
        for (int k = fi->pos; k < fi->n && pool_dropping_refs(o); k++)
            v_decref(in, fi->futs[k]);
        free(fi->futs);
        free(fi);
    }
    i->native = NULL;
}

static Value iter_self(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    v_incref(args[0]);
    return args[0];
}

static double time_left(FutIter *fi)
{
    if (fi->deadline_s < 0)
        return -1;
    double left = fi->deadline_s - (double)rt_now_ns() / 1e9;
    return left > 0 ? left : 0;
}

/* map's iterator is a generator in CPython: when it raises, it cancels
 * the calls still queued and is over. */
static Value iter_fail(VmThread *ts, FutIter *fi, Value exc)
{
    Value pending = ts->exc;
    ts->exc = VUNDEF;
    for (int k = fi->pos; k < fi->n; k++) {
        if (fut_cancel_one(ts, ((InstObj *)fi->futs[k].u.o)->native) < 0) {
            v_decref(ts->in, ts->exc);
            ts->exc = VUNDEF;
        }
        v_decref(ts->in, fi->futs[k]);
        fi->futs[k] = VUNDEF;
    }
    fi->pos = fi->n;
    ts->exc = pending;
    return exc;
}

static Value iter_next(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    FutIter *fi = ((InstObj *)args[0].u.o)->native;
    if (!fi || fi->pos >= fi->n)
        return vm_raise_cls(ts, ts->in->exc[EXC_StopIteration], VUNDEF);
    int left = fi->n - fi->pos;
    PFut **fs = calloc((size_t)left, sizeof *fs);
    if (!fs)
        abort();
    for (int k = 0; k < left; k++)
        fs[k] = ((InstObj *)fi->futs[fi->pos + k].u.o)->native;
    int got = pf_wait_any(ts, fs, fi->results ? 1 : left, time_left(fi));
    free(fs);
    if (got == -1)
        return VEXC;
    if (got == -2) {
        if (fi->results)
            return iter_fail(ts, fi, vm_raise_cls(ts, ts->in->exc[EXC_TimeoutError], VUNDEF));
        return vm_raise(ts, EXC_TimeoutError, "%d (of %d) futures unfinished", left, fi->n);
    }
    /* hand out futs[pos + got]: swap it to the front of what is left */
    Value fut = fi->futs[fi->pos + got];
    fi->futs[fi->pos + got] = fi->futs[fi->pos];
    fi->futs[fi->pos++] = VUNDEF;
    if (!fi->results)
        return fut;
    Value r = fut_outcome(ts, ((InstObj *)fut.u.o)->native);
    v_decref(ts->in, fut);
    return r.tag == V_EXC ? iter_fail(ts, fi, r) : r;
}

static const VmModFunc iter_methods[] = {
    { "__iter__", iter_self }, { "__next__", iter_next }, { NULL, NULL },
};

static Value cf_as_completed(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    if (nargs < 1)
        return vm_raise(ts, EXC_TypeError, "as_completed() missing 1 required positional argument: 'fs'");
    Value tv = nargs > 1 ? args[1] : vmc_kwarg(ts, kw, "timeout", VNONE);
    double t = vmc_timeout(ts, tv, "as_completed");
    if (t == -2)
        return VEXC;
    int n = 0;
    Value *futs = cf_futs_unique(ts, args[0], &n);
    if (!futs)
        return VEXC;
    return iter_new(ts, futs, n, 0, t == -3 ? 0 : t);
}

static ClassObj *add_class(VmThread *ts, ModuleObj *m, const char *name, ClassObj *base, const VmModFunc *methods,
                           VmFreeFn fr)
{
    return vmc_add_class(ts, m, name, base, "concurrent.futures", methods, fr);
}

static int cf_init(VmThread *ts, ModuleObj *m)
{
    ClassObj *obj = ts->in->object_class;
    ClassObj *ex = add_class(ts, m, "Executor", obj, NULL, exec_free);
    if (!ex || !add_class(ts, m, "ThreadPoolExecutor", ex, tpe_methods, exec_free) ||
        !add_class(ts, m, "ProcessPoolExecutor", ex, ppe_methods, exec_free) ||
        !add_class(ts, m, "Future", obj, fut_methods, pf_native_free) ||
        !add_class(ts, m, "_MapIterator", obj, iter_methods, iter_free) ||
        !add_class(ts, m, "_AsCompletedIterator", obj, iter_methods, iter_free) ||
        cfw_add_classes(ts, m) < 0)
        return -1;
    ClassObj *ce = add_class(ts, m, "CancelledError", ts->in->exc[EXC_Exception], NULL, NULL);
    if (!ce)
        return -1;
    ce->cflags |= CF_EXC;
    ce->module = "concurrent.futures._base";   /* as a traceback names it */
    Value te = vobj(ts->in->exc[EXC_TimeoutError]);
    v_incref(te);
    if (module_add(ts, m, "TimeoutError", te) < 0)
        return -1;
    if (module_add(ts, m, "FIRST_COMPLETED", str_from_cstr(ts, "FIRST_COMPLETED")) < 0 ||
        module_add(ts, m, "FIRST_EXCEPTION", str_from_cstr(ts, "FIRST_EXCEPTION")) < 0 ||
        module_add(ts, m, "ALL_COMPLETED", str_from_cstr(ts, "ALL_COMPLETED")) < 0)
        return -1;
    return 0;
}

static const VmModFunc cf_funcs[] = {
    { "as_completed", cf_as_completed }, { "wait", cf_wait }, { NULL, NULL },
};

const VmModuleDef mod_futures_def = { "concurrent.futures", cf_funcs, cf_init };
