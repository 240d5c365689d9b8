/* multiprocessing.Pool and its results (ApplyResult, MapResult), over the
 * process pool of pool_proc.c.  map() cuts its input in chunks as CPython
 * does (about four per worker), one task a chunk; results come back in
 * input order whatever order the chunks finish in.  Callbacks run on the
 * parent's result-handler thread.  imap and imap_unordered submit a task
 * per chunk (chunksize 1 by default) and return an iterator over them: in
 * input order, or as the chunks complete. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vm/pool_core.h"

typedef struct PoolNat {
    PPool *pp;
    int running;
} PoolNat;

typedef struct PoolClasses {
    ClassObj *apply_result, *map_result, *timeout_error;
} PoolClasses;

static ClassObj *mp_class(VmThread *ts, const char *name) { return vmc_module_class(ts, "multiprocessing", name); }

static void pool_free(Interp *in, Obj *o)
{
    InstObj *i = (InstObj *)o;
    /* The PPool stays: its workers and handler thread may outlive the
     * object (CPython's finalizer terminates them; here the end of the run
     * does, as it does for every daemon process). */
    free(i->native);
    i->native = NULL;
    (void)in;
}

static PoolNat *pool_nat(VmThread *ts, Value self)
{
    PoolNat *p = v_is(self, K_INST) ? ((InstObj *)self.u.o)->native : NULL;
    if (!p)
        vm_raise(ts, EXC_ValueError, "Pool not initialised");
    return p;
}

static PoolNat *pool_running(VmThread *ts, Value self)
{
    PoolNat *p = pool_nat(ts, self);
    if (p && !p->running) {
        vm_raise(ts, EXC_ValueError, "Pool not running");
        return NULL;
    }
    return p;
}

static Value pool_init(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    Value n = vmc_arg(ts, args, nargs, kw, 0, "processes", VNONE);
    int64_t workers;
    if (n.tag == V_NONE) {
        long c = sysconf(_SC_NPROCESSORS_ONLN);
        workers = c > 0 ? c : 1;
    } else if (n.tag == V_INT) {
        workers = n.u.i;
    } else {
        return vm_raise(ts, EXC_TypeError, "processes must be an integer, not '%s'", v_typename(ts->in, n));
    }
    if (workers < 1)
        return vm_raise(ts, EXC_ValueError, "Number of processes must be at least 1");
    Value mt = vmc_arg(ts, args, nargs, kw, 3, "maxtasksperchild", VNONE);
    if (mt.tag != V_NONE && (mt.tag != V_INT || mt.u.i <= 0))
        return vm_raise(ts, EXC_ValueError, "maxtasksperchild must be a positive int or None");
    if (workers > RT_MAX_WORKERS)
        workers = RT_MAX_WORKERS;
    PPool *pp = ppool_create(ts, PP_POOL, (int)workers, vmc_arg(ts, args, nargs, kw, 1, "initializer", VNONE),
                             vmc_arg(ts, args, nargs, kw, 2, "initargs", VNONE), NULL,
                             mt.tag == V_INT ? (int)(mt.u.i > INT32_MAX ? INT32_MAX : mt.u.i) : 0);
    if (!pp)
        return VEXC;
    PoolNat *p = calloc(1, sizeof *p);
    if (!p)
        abort();
    p->pp = pp;
    p->running = 1;
    InstObj *i = (InstObj *)args[0].u.o;
    free(i->native);
    i->native = p;
    return VNONE;
}

static Value args_tuple(VmThread *ts, Value a)
{
    if (a.tag == V_UNDEF || a.tag == V_NONE) {
        Value e = vobj(ts->in->empty_tuple);
        v_incref(e);
        return e;
    }
    if (v_is(a, K_TUPLE) || v_is(a, K_LIST)) {
        v_incref(a);
        return a;
    }
    return vm_raise(ts, EXC_TypeError, "args must be a tuple, not '%s'", v_typename(ts->in, a));
}

static int set_callbacks(VmThread *ts, PFut *f, Value cb, Value ecb)
{
    v_incref(cb);
    v_incref(ecb);
    f->callback = cb.tag == V_UNDEF ? VNONE : cb;
    f->error_callback = ecb.tag == V_UNDEF ? VNONE : ecb;
    (void)ts;
    return 0;
}

static Value pool_apply_async(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    PoolNat *p = pool_running(ts, args[0]);
    if (!p)
        return VEXC;
    Value fn = vmc_arg(ts, args, nargs, kw, 0, "func", VUNDEF);
    if (fn.tag == V_UNDEF)
        return vm_raise(ts, EXC_TypeError, "apply_async() missing 1 required positional argument: 'func'");
    Value a = args_tuple(ts, vmc_arg(ts, args, nargs, kw, 1, "args", VUNDEF));
    if (a.tag == V_EXC)
        return VEXC;
    Value kwds = vmc_arg(ts, args, nargs, kw, 2, "kwds", VNONE);
    if (kwds.tag != V_NONE && !v_is(kwds, K_LIST)) {
        v_decref(ts->in, a);
        return vm_raise(ts, EXC_TypeError, "kwds: keyword arguments need a dict, outside the lesson subset");
    }
    ClassObj *cls = mp_class(ts, "ApplyResult");
    Value fut = cls ? pf_new(ts, cls) : VEXC;
    if (fut.tag == V_EXC) {
        v_decref(ts->in, a);
        return VEXC;
    }
    PFut *f = ((InstObj *)fut.u.o)->native;
    set_callbacks(ts, f, vmc_arg(ts, args, nargs, kw, 3, "callback", VNONE),
                  vmc_arg(ts, args, nargs, kw, 4, "error_callback", VNONE));
    PoolCall call = { a, VNONE };
    if (ppool_submit(ts, p->pp, fn, fut, &call, 1, 0, 0) < 0) {
        v_decref(ts->in, fut);
        return VEXC;
    }
    return fut;
}

static Value ar_get_value(VmThread *ts, Value fut, double timeout);

static Value pool_apply(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    Value fut = pool_apply_async(ts, args, nargs, kw);
    if (fut.tag == V_EXC)
        return VEXC;
    Value r = ar_get_value(ts, fut, -1);
    v_decref(ts->in, fut);
    return r;
}

/* map_async / starmap_async: chunks of about len/(4*workers) items. */
static Value pool_map_common(VmThread *ts, Value *args, int nargs, const VmKw *kw, int star)
{
    PoolNat *p = pool_running(ts, args[0]);
    if (!p)
        return VEXC;
    Value fn = vmc_arg(ts, args, nargs, kw, 0, "func", VUNDEF);
    Value it = vmc_arg(ts, args, nargs, kw, 1, "iterable", VUNDEF);
    Value cs = vmc_arg(ts, args, nargs, kw, 2, "chunksize", VNONE);
    if (fn.tag == V_UNDEF || it.tag == V_UNDEF)
        return vm_raise(ts, EXC_TypeError, "map() needs a function and an iterable");
    if (cs.tag != V_NONE && (cs.tag != V_INT || cs.u.i < 1))
        return vm_raise(ts, EXC_ValueError, "chunksize must be a positive integer");
    Value items = list_from_iterable(ts, it);
    if (items.tag == V_EXC)
        return VEXC;
    int64_t n = V_LIST(items)->len;
    int64_t chunk = cs.tag == V_INT ? cs.u.i : 0;
    if (!chunk) {
        int64_t w = 4 * ppool_nworkers(p->pp);
        chunk = n / w + (n % w ? 1 : 0);
        if (chunk < 1)
            chunk = 1;
    }
    ClassObj *cls = mp_class(ts, "MapResult");
    Value fut = cls ? pf_new(ts, cls) : VEXC;
    if (fut.tag == V_EXC) {
        v_decref(ts->in, items);
        return VEXC;
    }
    PFut *f = ((InstObj *)fut.u.o)->native;
    set_callbacks(ts, f, vmc_arg(ts, args, nargs, kw, 3, "callback", VNONE),
                  vmc_arg(ts, args, nargs, kw, 4, "error_callback", VNONE));
    ListObj *res = list_new(ts, n);
    for (int64_t i = 0; i < n; i++)
        list_append(ts, res, VNONE);
    f->items = vobj(res);
    f->chunks_left = (n + chunk - 1) / chunk;
    if (n == 0) {
        v_incref(f->items);
        pf_complete(ts, f, 1, f->items, 0);
    }
    PoolCall *calls = calloc((size_t)chunk, sizeof *calls);
    if (!calls)
        abort();
    for (int64_t lo = 0; lo < n; lo += chunk) {
        int k = (int)(n - lo < chunk ? n - lo : chunk);
        for (int j = 0; j < k; j++) {
            Value x = V_LIST(items)->items[lo + j];
            if (star) {
                calls[j].args = args_tuple(ts, x);
                if (calls[j].args.tag == V_EXC) {
                    v_decref(ts->in, ts->exc);   /* the task fails in the worker instead */
                    ts->exc = VUNDEF;
                    calls[j].args = x;
                    v_incref(x);
                }
            } else {
                TupleObj *t = tuple_new(ts, 1);
                t->items[0] = x;
                v_incref(x);
                calls[j].args = vobj(t);
            }
            calls[j].kwargs = VNONE;
        }
        if (ppool_submit(ts, p->pp, fn, fut, calls, k, lo, 1) < 0) {
            free(calls);
            v_decref(ts->in, items);
            v_decref(ts->in, fut);
            return VEXC;
        }
    }
    free(calls);
    v_decref(ts->in, items);
    return fut;
}

static Value pool_map_async(VmThread *ts, Value *a, int n, const VmKw *kw) { return pool_map_common(ts, a, n, kw, 0); }
static Value pool_starmap_async(VmThread *ts, Value *a, int n, const VmKw *kw) { return pool_map_common(ts, a, n, kw, 1); }

static Value pool_map_wait(VmThread *ts, Value *a, int n, const VmKw *kw, int star)
{
    Value fut = pool_map_common(ts, a, n, kw, star);
    if (fut.tag == V_EXC)
        return VEXC;
    Value r = ar_get_value(ts, fut, -1);
    v_decref(ts->in, fut);
    return r;
}

static Value pool_map(VmThread *ts, Value *a, int n, const VmKw *kw) { return pool_map_wait(ts, a, n, kw, 0); }
static Value pool_starmap(VmThread *ts, Value *a, int n, const VmKw *kw) { return pool_map_wait(ts, a, n, kw, 1); }

/* The iterator of imap / imap_unordered: a future per chunk. */
typedef struct IMapNat {
    Value *futs;              /* owned from pos on */
    int n, pos;
    int ordered;
    Value chunk;              /* the results being handed out, or VUNDEF (owned) */
    int64_t at;
} IMapNat;

static void imap_free(Interp *in, Obj *o)
{
    InstObj *i = (InstObj *)o;
    IMapNat *m = i->native;
    if (m && pool_dropping_refs(o)) {
        for (int k = m->pos; k < m->n; k++)
            v_decref(in, m->futs[k]);
        v_decref(in, m->chunk);
    }
    if (m)
        free(m->futs);
    free(m);
    i->native = NULL;
}

static Value pool_imap_common(VmThread *ts, Value *args, int nargs, const VmKw *kw, int ordered)
{
    PoolNat *p = pool_running(ts, args[0]);
    if (!p)
        return VEXC;
    Value fn = vmc_arg(ts, args, nargs, kw, 0, "func", VUNDEF);
    Value it = vmc_arg(ts, args, nargs, kw, 1, "iterable", VUNDEF);
    Value cs = vmc_arg(ts, args, nargs, kw, 2, "chunksize", vint(1));
    if (fn.tag == V_UNDEF || it.tag == V_UNDEF)
        return vm_raise(ts, EXC_TypeError, "imap() needs a function and an iterable");
    if (cs.tag != V_INT || cs.u.i < 1)
        return vm_raise(ts, EXC_ValueError, "Chunksize must be 1+, not %lld", cs.tag == V_INT ? (long long)cs.u.i : 0LL);
    ClassObj *icls = mp_class(ts, ordered ? "IMapIterator" : "IMapUnorderedIterator");
    ClassObj *rcls = mp_class(ts, "MapResult");
    if (!icls || !rcls)
        return VEXC;
    Value items = list_from_iterable(ts, it);
    if (items.tag == V_EXC)
        return VEXC;
    int64_t n = V_LIST(items)->len, chunk = cs.u.i;
    int nch = (int)((n + chunk - 1) / chunk);
    Value iter = inst_new(ts, icls);
    if (iter.tag == V_EXC) {
        v_decref(ts->in, items);
        return VEXC;
    }
    IMapNat *m = calloc(1, sizeof *m);
    PoolCall *calls = calloc((size_t)chunk, sizeof *calls);
    if (!m || !calls)
        abort();
    m->futs = calloc((size_t)(nch ? nch : 1), sizeof *m->futs);
    if (!m->futs)
        abort();
    m->ordered = ordered;
    m->chunk = VUNDEF;
    ((InstObj *)iter.u.o)->native = m;
    for (int64_t lo = 0; lo < n; lo += chunk) {
        int k = (int)(n - lo < chunk ? n - lo : chunk);
        Value fut = pf_new(ts, rcls);
        if (fut.tag == V_EXC)
            goto failed;
        m->futs[m->n++] = fut;
        PFut *f = ((InstObj *)fut.u.o)->native;
        ListObj *res = list_new(ts, k);
        for (int j = 0; j < k; j++)
            list_append(ts, res, VNONE);
        f->items = vobj(res);
        f->chunks_left = 1;
        for (int j = 0; j < k; j++) {
            TupleObj *t = tuple_new(ts, 1);
            t->items[0] = V_LIST(items)->items[lo + j];
            v_incref(t->items[0]);
            calls[j].args = vobj(t);
            calls[j].kwargs = VNONE;
        }
        if (ppool_submit(ts, p->pp, fn, fut, calls, k, 0, 1) < 0)
            goto failed;
    }
    free(calls);
    v_decref(ts->in, items);
    return iter;
failed:
    free(calls);
    v_decref(ts->in, items);
    v_decref(ts->in, iter);
    return VEXC;
}

static Value pool_imap(VmThread *ts, Value *a, int n, const VmKw *kw) { return pool_imap_common(ts, a, n, kw, 1); }
static Value pool_imap_unordered(VmThread *ts, Value *a, int n, const VmKw *kw)
{
    return pool_imap_common(ts, a, n, kw, 0);
}

static Value imap_next_within(VmThread *ts, Value self, double timeout)
{
    IMapNat *m = vmc_native(self);
    if (!m)
        return vm_raise(ts, EXC_TypeError, "not an imap iterator");
    for (;;) {
        if (m->chunk.tag != V_UNDEF) {
            ListObj *l = V_LIST(m->chunk);
            if (m->at < l->len) {
                Value v = l->items[m->at++];
                v_incref(v);
                return v;
            }
            v_decref(ts->in, m->chunk);
            m->chunk = VUNDEF;
        }
        if (m->pos >= m->n)
            return vm_raise_cls(ts, ts->in->exc[EXC_StopIteration], VUNDEF);
        int left = m->n - m->pos;
        PFut **fs = calloc((size_t)left, sizeof *fs);
        if (!fs)
            abort();
        for (int k = 0; k < left; k++)
            fs[k] = ((InstObj *)m->futs[m->pos + k].u.o)->native;
        int got = pf_wait_any(ts, fs, m->ordered ? 1 : left, timeout);
        free(fs);
        if (got == -1)
            return VEXC;
        if (got == -2) {
            ClassObj *te = mp_class(ts, "TimeoutError");
            return te ? vm_raise_cls(ts, te, VUNDEF) : VEXC;
        }
        Value fut = m->futs[m->pos + got];
        m->futs[m->pos + got] = m->futs[m->pos];
        m->futs[m->pos++] = VUNDEF;
        Value r = pf_outcome(ts, ((InstObj *)fut.u.o)->native);
        v_decref(ts->in, fut);
        if (r.tag == V_EXC)
            return VEXC;
        m->chunk = r;
        m->at = 0;
    }
}

static Value imap_self(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    v_incref(args[0]);
    return args[0];
}

static Value imap_dunder_next(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    return imap_next_within(ts, args[0], -1);
}

/* it.next(timeout=None): multiprocessing.TimeoutError when it runs out */
static Value imap_next(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    double t = vmc_timeout(ts, vmc_arg(ts, args, nargs, kw, 0, "timeout", VNONE), "next");
    if (t == -2)
        return VEXC;
    return imap_next_within(ts, args[0], t == -3 ? 0 : t);
}

static const VmModFunc imap_methods[] = {
    { "__iter__", imap_self }, { "__next__", imap_dunder_next }, { "next", imap_next }, { NULL, NULL },
};

static Value pool_close(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    PoolNat *p = pool_nat(ts, args[0]);
    if (!p)
        return VEXC;
    p->running = 0;
    return ppool_close(ts, p->pp) < 0 ? VEXC : VNONE;
}

static Value pool_join(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    PoolNat *p = pool_nat(ts, args[0]);
    if (!p)
        return VEXC;
    if (p->running)
        return vm_raise(ts, EXC_ValueError, "Pool is still running");
    return ppool_join(ts, p->pp) < 0 ? VEXC : VNONE;
}

static Value pool_terminate(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    PoolNat *p = pool_nat(ts, args[0]);
    if (!p)
        return VEXC;
    p->running = 0;
    return ppool_terminate(ts, p->pp) < 0 ? VEXC : VNONE;
}

static Value pool_enter(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    if (!pool_running(ts, args[0]))
        return VEXC;
    v_incref(args[0]);
    return args[0];
}

static const VmModFunc pool_methods[] = {
    { "__init__", pool_init }, { "apply", pool_apply }, { "apply_async", pool_apply_async },
    { "map", pool_map }, { "map_async", pool_map_async }, { "starmap", pool_starmap },
    { "starmap_async", pool_starmap_async }, { "imap", pool_imap }, { "imap_unordered", pool_imap_unordered },
    { "close", pool_close }, { "join", pool_join },
    { "terminate", pool_terminate }, { "__enter__", pool_enter }, { "__exit__", pool_terminate },
    { NULL, NULL },
};

/* ---- ApplyResult / MapResult ---- */

static Value ar_get_value(VmThread *ts, Value fut, double timeout)
{
    PFut *f = pf_of(ts, fut);
    if (!f)
        return VEXC;
    int r = pf_wait(ts, f, timeout);
    if (r < 0)
        return VEXC;
    if (r == 0) {
        ClassObj *te = mp_class(ts, "TimeoutError");
        if (!te)
            return VEXC;
        return vm_raise_cls(ts, te, VUNDEF);
    }
    return pf_outcome(ts, f);
}

static Value ar_get(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    double t = vmc_timeout(ts, vmc_arg(ts, args, nargs, kw, 0, "timeout", VNONE), "get");
    if (t == -2)
        return VEXC;
    return ar_get_value(ts, args[0], t == -3 ? 0 : t);
}

static Value ar_wait(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    PFut *f = pf_of(ts, args[0]);
    double t = vmc_timeout(ts, vmc_arg(ts, args, nargs, kw, 0, "timeout", VNONE), "wait");
    if (!f || t == -2)
        return VEXC;
    return pf_wait(ts, f, t == -3 ? 0 : t) < 0 ? VEXC : VNONE;
}

static Value ar_ready(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    PFut *f = pf_of(ts, args[0]);
    return f ? vbool(atomic_load(&f->state) == PF_DONE) : VEXC;
}

static Value ar_successful(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    PFut *f = pf_of(ts, args[0]);
    if (!f)
        return VEXC;
    if (atomic_load(&f->state) != PF_DONE)
        return vm_raise(ts, EXC_ValueError, "result is not ready");
    return vbool(f->ok);
}

static const VmModFunc ar_methods[] = {
    { "get", ar_get }, { "wait", ar_wait }, { "ready", ar_ready }, { "successful", ar_successful },
    { NULL, NULL },
};


int vmpool_add_mp_classes(VmThread *ts, ModuleObj *m)
{
    ClassObj *ar, *pe;
    if (!vmc_add_class(ts, m, "Pool", ts->in->object_class, "multiprocessing.pool", pool_methods, pool_free))
        return -1;
    if (!(ar = vmc_add_class(ts, m, "ApplyResult", ts->in->object_class, "multiprocessing.pool", ar_methods,
                         pf_native_free)))
        return -1;
    if (!vmc_add_class(ts, m, "MapResult", ar, "multiprocessing.pool", NULL, pf_native_free) ||
        !vmc_add_class(ts, m, "IMapIterator", ts->in->object_class, "multiprocessing.pool", imap_methods, imap_free) ||
        !vmc_add_class(ts, m, "IMapUnorderedIterator", ts->in->object_class, "multiprocessing.pool", imap_methods,
                   imap_free))
        return -1;
    v_incref(vobj(ar));
    if (module_add(ts, m, "AsyncResult", vobj(ar)) < 0)
        return -1;
    if (!(pe = vmc_add_class(ts, m, "ProcessError", ts->in->exc[EXC_Exception], "multiprocessing.context", NULL, NULL)))
        return -1;
    pe->cflags |= CF_EXC;
    ClassObj *te = vmc_add_class(ts, m, "TimeoutError", pe, "multiprocessing.context", NULL, NULL);
    if (!te)
        return -1;
    te->cflags |= CF_EXC;
    return 0;
}
