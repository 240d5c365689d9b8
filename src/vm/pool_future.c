/* The result of a pool task (multiprocessing's AsyncResult, concurrent.futures'
 * Future): set once, waited for with the GIL released, callbacks run by the
 * thread that sets it.  Also the helpers every pool uses to call a task. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rt/spin.h"
#include "vm/format.h"
#include "vm/pool_core.h"

/* Per process: one mutex and condition for every future of the process.
 * Completions are rare next to the work they end, so waking every waiter
 * on each one costs little and spares a condition per future.  A forked
 * child gets a copy that may have been locked by another thread: it makes
 * its own. */
typedef struct PoolProc {
    pid_t pid;
    PsMutex mu;
    PsCond cv;
    atomic_int wake_pending;  /* a deferred completion: broadcast at the next pf_wake */
    int sleepers;             /* waiters asleep on cv (under mu): no broadcast without one */
    struct PoolProc *kept;    /* next in pool_proc_kept */
} PoolProc;

/* A pool's handler thread may wait on mu/cv until the process exits, after
 * its Interp is gone, so a PoolProc is never freed; this list owns them so
 * that the leak checkers (LSan, valgrind) see them as owned, not lost. */
static PoolProc *pool_proc_kept;

static PoolProc *pool_proc(Interp *in)
{
    PoolProc *p = in->ext[POOL_EXT];
    if (!p) {
        p = calloc(1, sizeof *p);
        if (!p)
            abort();
        in->ext[POOL_EXT] = p;
        p->pid = 0;
        p->kept = pool_proc_kept;
        pool_proc_kept = p;
    }
    if (p->pid != rt_self_pid()) {
        psmutex_init(&p->mu);
        pscond_init(&p->cv);
        p->sleepers = 0;
        p->pid = rt_self_pid();
    }
    return p;
}

PFut *pf_of(VmThread *ts, Value self)
{
    PFut *f = v_is(self, K_INST) ? ((InstObj *)self.u.o)->native : NULL;
    if (!f)
        vm_raise(ts, EXC_TypeError, "not a future: create it with submit() or apply_async()");
    return f;
}

/* obj_free marks an object dying of its last reference with rc 1 << 30;
 * at interpreter teardown every object is freed at once, and the values a
 * native holds must not be dropped again. */
int pool_dropping_refs(const Obj *o)
{
    return o->rc == 1 << 30;
}

void pf_native_free(Interp *in, Obj *o)
{
    InstObj *i = (InstObj *)o;
    PFut *f = i->native;
    if (f && pool_dropping_refs(o)) {
        v_decref(in, f->value);
        v_decref(in, f->callback);
        v_decref(in, f->error_callback);
        v_decref(in, f->done_callbacks);
        v_decref(in, f->items);
    }
    free(f);
    i->native = NULL;
}

Value pf_new(VmThread *ts, ClassObj *cls)
{
    Value self = inst_new(ts, cls);
    if (self.tag == V_EXC)
        return VEXC;
    PFut *f = calloc(1, sizeof *f);
    if (!f)
        abort();
    f->self = (InstObj *)self.u.o;
    f->value = VNONE;
    f->callback = VNONE;
    f->error_callback = VNONE;
    f->done_callbacks = VUNDEF;
    f->items = VUNDEF;
    atomic_init(&f->state, PF_PENDING);
    f->self->native = f;
    pool_proc(ts->in);
    return self;
}

int pf_set_running(VmThread *ts, PFut *f)
{
    (void)ts;
    int want = PF_PENDING;
    return atomic_compare_exchange_strong(&f->state, &want, PF_RUNNING) || want == PF_RUNNING;
}

/* The claim on PENDING -> RUNNING decides between a worker starting the
 * task and cancel(), whichever thread gets there first. */
int pf_cancel(VmThread *ts, PFut *f, Value exc)
{
    int want = PF_PENDING;
    if (f->cancelled || atomic_load(&f->state) != PF_PENDING ||
        (f->ppool && !ppool_cancel(ts, f->ppool, f->task_id)) ||
        !atomic_compare_exchange_strong(&f->state, &want, PF_RUNNING)) {
        v_decref(ts->in, exc);
        return f->cancelled;
    }
    f->cancelled = 1;
    pf_complete(ts, f, 0, exc, 0);
    return 1;
}

static void pf_run_callback(VmThread *ts, Value cb, Value arg)
{
    Value r = vm_call(ts, cb, &arg, 1, NULL);
    if (r.tag == V_EXC)
        vmc_report_uncaught(ts, "exception calling callback for ", "a pool task");
    else
        v_decref(ts->in, r);
}

void pf_wake(Interp *in)
{
    PoolProc *pp = in->ext[POOL_EXT];
    /* without the mutex: the state was set under it, so a waiter either saw
     * it or already sleeps on cv, and a woken waiter must not find mu held */
    if (pp && atomic_exchange(&pp->wake_pending, 0))
        pscond_broadcast(&pp->cv);
}

void pf_complete(VmThread *ts, PFut *f, int ok, Value v, int defer)
{
    if (atomic_load(&f->state) == PF_DONE) {
        v_decref(ts->in, v);
        return;
    }
    PoolProc *pp = pool_proc(ts->in);
    Value self = vobj(f->self);
    v_incref(self);
    f->ok = ok;
    v_decref(ts->in, f->value);
    f->value = v;
    psmutex_lock(&pp->mu);
    atomic_store(&f->state, PF_DONE);
    /* Future callbacks run after the waiters are told (CPython's order);
     * a Pool's callback runs before its get() returns.  A waiter still
     * spinning (pf_wait_any) sees the state by itself. */
    if (pp->sleepers) {
        if (defer && f->done_callbacks.tag == V_UNDEF)
            atomic_store(&pp->wake_pending, 1);
        else
            pscond_broadcast(&pp->cv);
    }
    psmutex_unlock(&pp->mu);
    Value cb = ok ? f->callback : f->error_callback;
    if (cb.tag != V_NONE)
        pf_run_callback(ts, cb, f->value);
    if (f->done_callbacks.tag != V_UNDEF) {
        Value list = f->done_callbacks;
        f->done_callbacks = VUNDEF;
        for (int64_t i = 0; i < V_LIST(list)->len; i++)
            pf_run_callback(ts, V_LIST(list)->items[i], self);
        v_decref(ts->in, list);
    }
    v_decref(ts->in, self);
}

/* Per process: waiting for a future, then for the GIL after it. */
static SpinSite pf_spin_done, pf_spin_gil;

/* The futures a waiter polls before it sleeps. */
typedef struct PfSpin {
    PFut **fs;
    int n, got;
    RtQueue *results;         /* a process pool's result queue this waiter polls, or NULL */
} PfSpin;

static int pf_any_done(void *arg)
{
    PfSpin *w = arg;
    for (int i = 0; i < w->n; i++)
        if (atomic_load_explicit(&w->fs[i]->state, memory_order_acquire) == PF_DONE) {
            w->got = i;
            return 1;
        }
    return w->results && spin_queue_ready(w->results);
}

/* Spin (GIL released) until one of w's futures is done, at most budget
 * ns.  A waiter for a process pool's future also polls its result queue
 * and, when something arrived, takes it itself (ppool_poll_take), GIL
 * held: one thread woken less per round trip.  1 when the GIL is held on
 * return (then a future is done). */
static int pf_spin(VmThread *ts, PfSpin *w, uint64_t budget)
{
    const RtCtx *cx = vmc_cx(ts);
    PPool *p = NULL;
    for (int i = 0; i < w->n && !p; i++)
        p = w->fs[i]->ppool;
    if (p && !ppool_poll_begin(p))
        p = NULL;
    w->results = p ? ppool_results(p) : NULL;
    uint64_t until = spin_now_ns() + budget;
    int seen = 0, held = 0;
    for (;;) {
        uint64_t now = spin_now_ns();
        if (now >= until)
            break;
        seen |= spin_until(pf_any_done, w, until - now);
        if (w->got >= 0 || !(seen & SPIN_READY))
            break;
        seen &= ~SPIN_READY;
        rt_block_end(cx);
        ppool_poll_take(ts, p);
        if (pf_any_done(w) && w->got >= 0) {
            held = 1;
            break;
        }
        rt_block_begin(cx);
    }
    if (p)
        ppool_poll_end(p);
    w->results = NULL;
    spin_learn(&pf_spin_done, seen | (w->got >= 0 ? SPIN_READY : 0));
    return held;
}

int pf_wait_any(VmThread *ts, PFut **fs, int n, double timeout)
{
    for (int i = 0; i < n; i++)
        if (atomic_load(&fs[i]->state) == PF_DONE)
            return i;
    if (timeout == 0)
        return -2;
    PoolProc *pp = pool_proc(ts->in);
    const RtCtx *cx = vmc_cx(ts);
    struct timespec tsp;
    const struct timespec *dl = rt_deadline(timeout, &tsp);
    int rc = 0, got = -2, held = 0;
    vme_emit(ts, TK_FUTURE_WAIT, fs[0]->self, (uint32_t)n, 0);
    rt_block_begin(cx);
    /* a task round trip is often shorter than two futex wake-ups: poll a
     * little before sleeping (rt/spin.h) */
    PfSpin w = { fs, n, -2, NULL };   /* -2: none done (timed out) */
    uint64_t budget = spin_budget(cx, &pf_spin_done);
    if (timeout > 0 && budget > (uint64_t)(timeout * 1e9))
        budget = (uint64_t)(timeout * 1e9);
    if (budget) {
        held = pf_spin(ts, &w, budget);
        got = w.got;
    }
    if (got < 0) {
        psmutex_lock(&pp->mu);
        pp->sleepers++;
        while (rc == 0 && got < 0) {
            for (int i = 0; i < n && got < 0; i++)
                if (atomic_load(&fs[i]->state) == PF_DONE)
                    got = i;
            if (got >= 0)
                break;
            rc = rt_cond_wait(cx->rt, &pp->cv, &pp->mu, dl);
        }
        pp->sleepers--;
        psmutex_unlock(&pp->mu);
    }
    if (!held)
        spin_block_end(cx, &pf_spin_gil);
    vme_emit(ts, TK_FUTURE_WAKE, got >= 0 ? fs[got]->self : fs[0]->self, 0, 0);
    if (got < 0 && rc == RT_ESHUTDOWN) {
        vmc_raise_rt(ts, rc, "result");
        return -1;
    }
    return got;
}

int pf_wait(VmThread *ts, PFut *f, double timeout)
{
    int r = pf_wait_any(ts, &f, 1, timeout);
    return r == 0 ? 1 : r == -2 ? 0 : -1;
}

Value pf_outcome(VmThread *ts, PFut *f)
{
    v_incref(f->value);
    if (f->ok)
        return f->value;
    vm_raise_value(ts, f->value);
    return VEXC;
}

Value pool_call(VmThread *ts, Value fn, Value args, Value kwargs)
{
    TupleObj *t = v_is(args, K_TUPLE) ? V_TUPLE(args) : NULL;
    ListObj *l = v_is(args, K_LIST) ? V_LIST(args) : NULL;
    int nargs = t ? (int)t->len : l ? (int)l->len : 0;
    Value *a = t ? t->items : l ? l->items : NULL;
    if (!t && !l && args.tag != V_NONE && args.tag != V_UNDEF)
        return vm_raise(ts, EXC_TypeError, "task arguments must be a tuple, not '%s'", v_typename(ts->in, args));
    if (!v_is(kwargs, K_LIST) || V_LIST(kwargs)->len == 0)
        return vm_call(ts, fn, a, nargs, NULL);
    int nk = (int)V_LIST(kwargs)->len;
    StrObj **names = calloc((size_t)nk, sizeof *names);
    Value *vals = calloc((size_t)nk, sizeof *vals);
    if (!names || !vals)
        abort();
    for (int i = 0; i < nk; i++) {
        Value p = V_LIST(kwargs)->items[i];
        Value nm = V_TUPLE(p)->items[0];
        names[i] = str_intern(ts->in, V_STR(nm)->s, (size_t)V_STR(nm)->len);
        vals[i] = V_TUPLE(p)->items[1];
    }
    VmKw kw = { names, vals, nk };
    Value r = vm_call(ts, fn, a, nargs, &kw);
    free(names);
    free(vals);
    return r;
}

Value pool_kwlist(VmThread *ts, const VmKw *kw, int skip_first)
{
    if (!kw || kw->n <= skip_first)
        return VNONE;
    ListObj *l = list_new(ts, kw->n);
    if (!l)
        return VEXC;
    for (int i = skip_first; i < kw->n; i++) {
        TupleObj *p = tuple_new(ts, 2);
        if (!p) {
            obj_decref(ts->in, &l->h);
            return VEXC;
        }
        p->items[0] = vobj(kw->names[i]);
        v_incref(p->items[0]);
        p->items[1] = kw->vals[i];
        v_incref(p->items[1]);
        list_append(ts, l, vobj(p));
    }
    return vobj(l);
}

static const char *fn_name(VmThread *ts, Value fn)
{
    if (v_is(fn, K_FUNC))
        return ((FuncObj *)fn.u.o)->info->name;
    if (v_is(fn, K_BUILTIN))
        return ((BuiltinObj *)fn.u.o)->name;
    if (v_is(fn, K_CLASS))
        return ((ClassObj *)fn.u.o)->name->s;
    return v_typename(ts->in, fn);
}

/* "square(3)": what a task is called on the timeline. */
Value pool_label(VmThread *ts, Value fn, Value args)
{
    StrBuf sb;
    sb_init(&sb);
    sb_puts(&sb, fn_name(ts, fn));
    Value r = v_is(args, K_TUPLE) || v_is(args, K_LIST) ? v_repr(ts, args) : VUNDEF;
    if (r.tag == V_EXC) {
        v_decref(ts->in, ts->exc);
        ts->exc = VUNDEF;
    } else if (r.tag != V_UNDEF) {
        StrObj *s = V_STR(r);
        size_t n = (size_t)s->len;
        if (v_is(args, K_TUPLE) && V_TUPLE(args)->len == 1 && n >= 2 && s->s[n - 2] == ',') {
            sb_append(&sb, s->s, n - 2);
            sb_putc(&sb, ')');
        } else if (v_is(args, K_TUPLE)) {
            sb_append(&sb, s->s, n);
        } else {
            sb_putc(&sb, '(');
            sb_append(&sb, s->s, n);
            sb_putc(&sb, ')');
        }
        v_decref(ts->in, r);
    }
    if (sb.len > 80)
        sb.len = 80;
    Value out = str_new(ts, sb.buf ? sb.buf : "", sb.len);
    sb_free(&sb);
    return out;
}
