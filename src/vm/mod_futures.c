/* concurrent.futures: ThreadPoolExecutor (pool_thread.c) and
 * ProcessPoolExecutor (pool_proc.c, workers forked at the first submit as
 * CPython does with fork), Future, as_completed.
 *
 * Executor.map submits every call at once and returns an iterator that
 * waits for each result in input order; as_completed yields the futures
 * already done first, then each as it completes. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vm/pool_core.h"

typedef struct ExecNat {
    int is_proc;
    int max_workers;
    int shutdown;
    PPool *pp;                /* created at the first submit */
    void *ident;              /* its identity in events, named when the executor is made */
    TPool *tp;
} ExecNat;

/* The iterator of map() and of as_completed(): futures still to hand out. */
typedef struct FutIter {
    Value *futs;              /* owned */
    int n, pos;
    int results;              /* map: yield results; as_completed: futures */
    double deadline_s;        /* as_completed(timeout): absolute, monotonic; < 0 none */
} FutIter;

static Value kwarg(VmThread *ts, const VmKw *kw, const char *name, Value def)
{
    if (kw) {
        int k = vm_kw_find(kw, vmc_name(ts, name));
        if (k >= 0)
            return kw->vals[k];
    }
    return def;
}

static ClassObj *cf_class(VmThread *ts, const char *name) { return vmc_module_class(ts, "concurrent.futures", name); }

static int cpu_count(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}

/* ---- executors ---- */

static void exec_free(Interp *in, Obj *o)
{
    InstObj *i = (InstObj *)o;
    free(i->native);   /* the pools outlive it, as their threads may */
    i->native = NULL;
    (void)in;
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
    Value mw = nargs > 1 ? args[1] : kwarg(ts, kw, "max_workers", VNONE);
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
        Value pre = nargs > 2 ? args[2] : kwarg(ts, kw, "thread_name_prefix", VNONE);
        char prefix[64];
        int k = tpool_next_counter(ts);
        if (v_is(pre, K_STR) && V_STR(pre)->len > 0)
            snprintf(prefix, sizeof prefix, "%s", V_STR(pre)->s);
        else
            snprintf(prefix, sizeof prefix, "ThreadPoolExecutor-%d", k);
        e->tp = tpool_create(ts, n, prefix);
    }
    InstObj *i = (InstObj *)args[0].u.o;
    free(i->native);
    i->native = e;
    return VNONE;
}

static Value tpe_init(VmThread *ts, Value *a, int n, const VmKw *kw) { return exec_init(ts, a, n, kw, 0); }
static Value ppe_init(VmThread *ts, Value *a, int n, const VmKw *kw) { return exec_init(ts, a, n, kw, 1); }

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
        if (!e->pp && !(e->pp = ppool_create(ts, PP_EXECUTOR, e->max_workers, VNONE, VNONE, e->ident))) {
            v_decref(ts->in, args);
            v_decref(ts->in, kwargs);
            v_decref(ts->in, fut);
            return VEXC;
        }
        PoolCall call = { args, kwargs };
        rc = ppool_submit(ts, e->pp, fn, fut, &call, 1, 0, 0);
    } else {
        rc = tpool_submit(ts, e->tp, fn, fut, args, kwargs);
    }
    if (rc < 0) {
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
    double timeout = vmc_timeout(ts, kwarg(ts, kw, "timeout", VNONE), "map");
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
    Value w = nargs > 1 ? args[1] : kwarg(ts, kw, "wait", vbool(true));
    int wait = v_truthy(w);
    e->shutdown = 1;
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
    Value tv = nargs > 1 ? args[1] : kwarg(ts, kw, "timeout", VNONE);
    double t = vmc_timeout(ts, tv, "result");
    if (t == -2)
        return VEXC;
    int r = pf_wait(ts, f, t == -3 ? 0 : t);
    if (r < 0)
        return VEXC;
    if (r == 0)
        return vm_raise_cls(ts, ts->in->exc[EXC_TimeoutError], VUNDEF);
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
    return f ? vbool(atomic_load(&f->state) == PF_RUNNING) : VEXC;
}

static Value fut_false(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    return vbool(false);
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
    { "running", fut_running }, { "cancelled", fut_false }, { "cancel", fut_false },
    { "add_done_callback", fut_add_done_callback }, { NULL, NULL },
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
            return vm_raise_cls(ts, ts->in->exc[EXC_TimeoutError], VUNDEF);
        return vm_raise(ts, EXC_TimeoutError, "%d (of %d) futures unfinished", left, fi->n);
    }
    /* hand out futs[pos + got]: swap it to the front of what is left */
    Value fut = fi->futs[fi->pos + got];
    fi->futs[fi->pos + got] = fi->futs[fi->pos];
    fi->futs[fi->pos++] = VUNDEF;
    if (!fi->results)
        return fut;
    Value r = pf_outcome(ts, ((InstObj *)fut.u.o)->native);
    v_decref(ts->in, fut);
    return r;
}

static const VmModFunc iter_methods[] = {
    { "__iter__", iter_self }, { "__next__", iter_next }, { NULL, NULL },
};

static Value cf_as_completed(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    if (nargs < 1)
        return vm_raise(ts, EXC_TypeError, "as_completed() missing 1 required positional argument: 'fs'");
    Value tv = nargs > 1 ? args[1] : kwarg(ts, kw, "timeout", VNONE);
    double t = vmc_timeout(ts, tv, "as_completed");
    if (t == -2)
        return VEXC;
    Value l = list_from_iterable(ts, args[0]);
    if (l.tag == V_EXC)
        return VEXC;
    int n = (int)V_LIST(l)->len;
    Value *futs = calloc((size_t)(n ? n : 1), sizeof *futs);
    if (!futs)
        abort();
    int k = 0;
    for (int i = 0; i < n; i++) {
        Value f = V_LIST(l)->items[i];
        int dup = 0;
        for (int j = 0; j < k; j++)
            dup |= futs[j].u.o == f.u.o;
        if (dup)
            continue;
        if (!pf_of(ts, f)) {
            for (int j = 0; j < k; j++)
                v_decref(ts->in, futs[j]);
            free(futs);
            v_decref(ts->in, l);
            return VEXC;
        }
        v_incref(f);
        futs[k++] = f;
    }
    v_decref(ts->in, l);
    return iter_new(ts, futs, k, 0, t == -3 ? 0 : t);
}

static ClassObj *add_class(VmThread *ts, ModuleObj *m, const char *name, ClassObj *base, const VmModFunc *methods,
                           VmFreeFn fr)
{
    ClassObj *c = class_new(ts, name, base, "concurrent.futures");
    if (!c)
        return NULL;
    c->native_free = fr;
    for (const VmModFunc *f = methods; f && f->name; f++)
        if (class_add_method(ts, c, f->name, f->fn) < 0)
            return NULL;
    if (module_add(ts, m, name, vobj(c)) < 0)
        return NULL;
    return c;
}

static int cf_init(VmThread *ts, ModuleObj *m)
{
    ClassObj *obj = ts->in->object_class;
    ClassObj *ex = add_class(ts, m, "Executor", obj, NULL, exec_free);
    if (!ex || !add_class(ts, m, "ThreadPoolExecutor", ex, tpe_methods, exec_free) ||
        !add_class(ts, m, "ProcessPoolExecutor", ex, ppe_methods, exec_free) ||
        !add_class(ts, m, "Future", obj, fut_methods, pf_native_free) ||
        !add_class(ts, m, "_MapIterator", obj, iter_methods, iter_free) ||
        !add_class(ts, m, "_AsCompletedIterator", obj, iter_methods, iter_free))
        return -1;
    ClassObj *ce = add_class(ts, m, "CancelledError", ts->in->exc[EXC_Exception], NULL, NULL);
    if (!ce)
        return -1;
    ce->cflags |= CF_EXC;
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
    { "as_completed", cf_as_completed }, { NULL, NULL },
};

const VmModuleDef mod_futures_def = { "concurrent.futures", cf_funcs, cf_init };
