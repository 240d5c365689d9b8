/* The threading module: Thread (subclassable; run() is looked up on the
 * instance, so an overriding run() is what the new thread runs), and the
 * synchronisation classes Lock, RLock, Semaphore, BoundedSemaphore, Event
 * and Condition.  The latter live in the shared arena (rt/lock, rt/sync),
 * so multiprocessing exports the same classes (vmsync_add_classes).
 *
 * Native state holds no Values (the interpreter may free objects in any
 * order at shutdown): a thread's target and args are instance attributes. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rt/sync.h"
#include "vm/vm_conc.h"

typedef struct ThreadNat {
    int started;              /* first: vmc_start sets it */
    RtThread *th;             /* owned by the process's thread list */
    int worker;
} ThreadNat;

enum { SY_LOCK, SY_RLOCK, SY_SEM, SY_BSEM, SY_EVENT, SY_COND };

typedef struct SyncNat {
    int kind;
    void *p;                  /* RtLock, RtSem, RtEvent or RtCondition in the arena */
    int pid, forks;           /* who may free it (vmc_may_free) */
} SyncNat;

static int set_attr(VmThread *ts, Value self, const char *name, Value v)
{
    int rc = vm_setattr(ts, self, vmc_name(ts, name), v);
    return rc;
}

/* ---- Thread ---- */

static void thread_free(Interp *in, Obj *o)
{
    (void)in;
    free(((InstObj *)o)->native);
    ((InstObj *)o)->native = NULL;
}

static Value thread_init(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    Value self = args[0];
    VmConc *c = vmc_of(ts->in);
    VmcRunArgs a;
    if (vmc_run_args(ts, args, nargs, kw, "Thread", &a) < 0)
        return VEXC;
    Value target = a.target, name = a.name, daemon = a.daemon;
    Value kwargs = vmc_arg(ts, args, nargs, kw, 4, "kwargs", VNONE);
    if (kwargs.tag != V_NONE)
        return vm_raise(ts, EXC_TypeError, "Thread(kwargs=...): keyword arguments for the target are not supported in lesson scripts; pass args=(...)");
    InstObj *i = (InstObj *)self.u.o;
    if (!i->native) {
        i->native = calloc(1, sizeof(ThreadNat));
        if (!i->native)
            abort();
    }
    Value nm;
    if (name.tag == V_NONE) {
        char buf[160];
        int n = ++c->thread_counter;
        if (target.tag != V_NONE) {
            Value tn = vm_getattr(ts, target, ts->in->s_dunder_name);
            if (tn.tag == V_EXC) {
                v_decref(ts->in, ts->exc);
                ts->exc = VUNDEF;
                snprintf(buf, sizeof buf, "Thread-%d", n);
            } else {
                snprintf(buf, sizeof buf, "Thread-%d (%s)", n, v_is(tn, K_STR) ? V_STR(tn)->s : "?");
                v_decref(ts->in, tn);
            }
        } else {
            snprintf(buf, sizeof buf, "Thread-%d", n);
        }
        nm = str_from_cstr(ts, buf);
    } else {
        nm = v_str(ts, name);
    }
    Value dv = daemon.tag == V_NONE ? vbool(false) : vbool(v_truthy(daemon));
    if (daemon.tag == V_NONE) {
        Value cur = vmr_of(ts)->thread_obj;
        if (v_is(cur, K_INST)) {
            Value *d = at_find(&((InstObj *)cur.u.o)->attrs, vmc_name(ts, "daemon"));
            if (d)
                dv = vbool(v_truthy(*d));
        }
    }
    return vmc_set_run_attrs(ts, self, nm, &a, dv) < 0 ? VEXC : VNONE;
}

static Value thread_run(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    return vm_thread_run_target(ts, args[0]);
}

Value vm_thread_run_target(VmThread *ts, Value self)
{
    Value target = vm_getattr(ts, self, vmc_name(ts, "_target"));
    if (target.tag == V_EXC)
        return VEXC;
    if (target.tag == V_NONE)
        return VNONE;
    Value targs = vm_getattr(ts, self, vmc_name(ts, "_args"));
    if (targs.tag == V_EXC) {
        v_decref(ts->in, target);
        return VEXC;
    }
    Value *items = NULL;
    int n = 0;
    if (v_is(targs, K_TUPLE)) {
        items = V_TUPLE(targs)->items;
        n = (int)V_TUPLE(targs)->len;
    } else if (v_is(targs, K_LIST)) {
        items = V_LIST(targs)->items;
        n = (int)V_LIST(targs)->len;
    } else {
        v_decref(ts->in, target);
        v_decref(ts->in, targs);
        return vm_raise(ts, EXC_TypeError, "args must be a tuple");
    }
    Value r = vm_call(ts, target, items, n, NULL);
    v_decref(ts->in, target);
    v_decref(ts->in, targs);
    return r;
}

static void thread_body(VmThread *ts, void *arg)
{
    (void)arg;
    vmc_run_body(ts, vmr_of(ts)->thread_obj, "Exception in thread ");
}

static ThreadNat *thread_nat(VmThread *ts, Value self)
{
    return vmc_native_or_raise(ts, self, EXC_RuntimeError, "thread.__init__() not called");
}

static int thread_launch(VmThread *ts, Value self, void *nat)
{
    ThreadNat *n = nat;
    int rc = vmc_thread_start(ts, vmc_obj_name(ts, self), self, vmc_daemon_attr(ts, self), thread_body, NULL,
                              &n->th);
    if (rc == 0)
        n->worker = n->th->worker;
    return rc;
}

static Value thread_start(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    static const VmcStartKind k = {
        EXC_RuntimeError, "thread.__init__() not called",
        EXC_RuntimeError, "threads can only be started once", "thread",
    };
    return vmc_start(ts, args[0], &k, thread_launch);
}

static Value thread_join(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    Value self = args[0];
    ThreadNat *n = thread_nat(ts, self);
    if (!n)
        return VEXC;
    if (!n->started)
        return vm_raise(ts, EXC_RuntimeError, "cannot join thread before it is started");
    if (n->worker == vmr_of(ts)->worker)
        return vm_raise(ts, EXC_RuntimeError, "cannot join current thread");
    double t = vmc_join_timeout(ts, args, nargs, kw);
    if (t == -2)
        return VEXC;
    if (!n->th)
        return VNONE;
    vmc_gate(ts, TK_JOIN_WAIT, 1);
    return vmc_join_result(ts, rt_thread_join(vmc_cx(ts), n->th, t));
}

static Value thread_is_alive(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    ThreadNat *n = vmc_native(args[0]);
    if (!n || !n->started)
        return vbool(false);
    if (!n->th)
        return vbool(true);
    return vbool(rt_thread_is_alive(n->th));
}

static int thread_getattr(VmThread *ts, Value self, StrObj *name, Value *out)
{
    ThreadNat *n = vmc_native(self);
    if (name == vmc_name(ts, "native_id") || name == vmc_name(ts, "ident")) {
        if (!n || !n->started) {
            *out = VNONE;
            return 1;
        }
        RtWorker *w = rt_worker(vmc_of(ts->in)->rt, n->worker);
        *out = vint(w ? atomic_load(&w->tid) : 0);
        return 1;
    }
    return 0;
}

static ClassObj *new_class(VmThread *ts, ModuleObj *m, const char *name, const char *modname,
                           const VmModFunc *methods, VmFreeFn fr)
{
    ClassObj *c = class_new(ts, name, ts->in->object_class, modname);
    if (!c)
        return NULL;
    c->native_free = fr;
    for (const VmModFunc *f = methods; f->name; f++)
        if (class_add_method(ts, c, f->name, f->fn) < 0)
            return NULL;
    c->h.rc++;
    if (module_add(ts, m, name, vobj(c)) < 0)
        return NULL;
    return c;
}

static const VmModFunc thread_methods[] = {
    { "__init__", thread_init }, { "run", thread_run }, { "start", thread_start },
    { "join", thread_join }, { "is_alive", thread_is_alive }, { NULL, NULL },
};

/* The Thread object of thread r (ts: the calling thread, which makes it),
 * made on first use for the main thread and for threads started by _thread. */
static Value thread_obj_of(VmThread *ts, VmRt *r)
{
    VmConc *c = vmc_of(ts->in);
    if (r->thread_obj.tag != V_UNDEF) {
        v_incref(r->thread_obj);
        return r->thread_obj;
    }
    Value tc = VUNDEF;
    Value mod = module_import(ts, "threading");
    if (mod.tag == V_EXC)
        return VEXC;
    tc = vm_getattr(ts, mod, vmc_name(ts, "Thread"));
    v_decref(ts->in, mod);
    if (tc.tag == V_EXC)
        return VEXC;
    char buf[64];
    if (r->is_main)
        snprintf(buf, sizeof buf, "MainThread");
    else
        snprintf(buf, sizeof buf, "Dummy-%d", ++c->dummy_counter);
    Value nm = str_from_cstr(ts, buf);
    Value kwv[1] = { nm };
    StrObj *kwn[1] = { ts->in->s_name };
    VmKw k = { kwn, kwv, 1 };
    Value t = class_call(ts, (ClassObj *)tc.u.o, NULL, 0, &k);
    v_decref(ts->in, nm);
    v_decref(ts->in, tc);
    if (t.tag == V_EXC)
        return VEXC;
    ThreadNat *n = vmc_native(t);
    n->started = 1;
    n->worker = r->worker;
    r->thread_obj = t;           /* the thread state keeps this reference */
    v_incref(t);
    return t;
}

static Value th_current_thread(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    if (vm_args_check(ts, "current_thread", nargs, 0, 0, kw) < 0)
        return VEXC;
    return thread_obj_of(ts, vmr_of(ts));
}

/* The thread that runs the module body; in a forked child, as in CPython,
 * the thread that forked (its Thread object, with its name). */
static Value th_main_thread(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    if (vm_args_check(ts, "main_thread", nargs, 0, 0, kw) < 0)
        return VEXC;
    return thread_obj_of(ts, vmr_of(ts->in->main_ts));
}

Value vmth_get_ident(VmThread *ts, Value *args, int nargs, const VmKw *kw);
Value vmth_get_ident(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    RtWorker *w = rt_worker(vmc_of(ts->in)->rt, vmr_of(ts)->worker);
    return vint(w ? atomic_load(&w->tid) : 0);
}

static Value th_active_count(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    return vint(vmc_of(ts->in)->nthreads);
}

/* ---- the synchronisation classes ---- */

static void sync_free(Interp *in, Obj *o)
{
    InstObj *i = (InstObj *)o;
    SyncNat *s = i->native;
    VmConc *c = vmc_of(in);
    if (s && c && vmc_may_free(in, s->pid, s->forks)) {
        switch (s->kind) {
        case SY_LOCK: case SY_RLOCK: rtlock_destroy(c->rt, s->p); break;
        case SY_SEM: case SY_BSEM: rtsem_destroy(c->rt, s->p); break;
        case SY_EVENT: rtevent_destroy(c->rt, s->p); break;
        case SY_COND: rtcond_destroy(c->rt, s->p); break;
        }
    }
    free(s);
    i->native = NULL;
}

static SyncNat *sync_nat(VmThread *ts, Value self, int kind)
{
    SyncNat *s = vmc_native(self);
    if (!s || (kind >= 0 && s->kind != kind && !(kind == SY_SEM && s->kind == SY_BSEM)
               && !(kind == SY_LOCK && s->kind == SY_RLOCK)))
        vm_raise(ts, EXC_TypeError, "synchronisation object not initialised");
    return s;
}

static int shared_flag(VmThread *ts, Value self)
{
    const char *mod = ((InstObj *)self.u.o)->cls->module;
    return mod && strcmp(mod, "multiprocessing") == 0 ? TF_SHARED : 0;
}

static Value sync_setup(VmThread *ts, Value self, int kind, void *p, unsigned tokind, uint64_t size)
{
    VmConc *c = vmc_of(ts->in);
    if (!p)
        return vmc_raise_rt(ts, RT_ENOMEM, "lock");
    SyncNat *s = calloc(1, sizeof *s);
    if (!s)
        abort();
    s->kind = kind;
    s->p = p;
    s->pid = (int)getpid();
    s->forks = c->forks;
    InstObj *i = (InstObj *)self.u.o;
    if (i->native)
        free(i->native);
    i->native = s;
    vme_obj_created(ts, tokind, kind == SY_COND ? (void *)((RtCondition *)p)->lock : p, size,
                    (unsigned)shared_flag(ts, self));
    return VNONE;
}

static Value lock_init(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    return sync_setup(ts, args[0], SY_LOCK, rtlock_create(vmc_of(ts->in)->rt, 0), TO_LOCK, 0);
}

static Value rlock_init(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    return sync_setup(ts, args[0], SY_RLOCK, rtlock_create(vmc_of(ts->in)->rt, 1), TO_RLOCK, 0);
}

static RtLock *lock_of(SyncNat *s)
{
    return s->kind == SY_COND ? ((RtCondition *)s->p)->lock : s->p;
}

static Value lock_acquire(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    SyncNat *s = sync_nat(ts, args[0], -1);
    if (!s)
        return VEXC;
    int blocking = v_truthy(vmc_arg(ts, args, nargs, kw, 0, "blocking", vbool(true)));
    Value tv = vmc_arg(ts, args, nargs, kw, 1, "timeout", vint(-1));
    double t = tv.tag == V_FLOAT ? tv.u.f : tv.tag == V_INT ? (double)tv.u.i : -1;
    if (t < 0 && t != -1)
        return vm_raise(ts, EXC_ValueError, "timeout value must be a non-negative number");
    if (!blocking && t != -1)
        return vm_raise(ts, EXC_ValueError, "can't specify a timeout for a non-blocking call");
    int rc;
    vmc_gate(ts, TK_LOCK_ACQUIRE, 1);   /* scheduling gate (issue 5) */
    if (s->kind == SY_SEM || s->kind == SY_BSEM)
        rc = rtsem_acquire(vmc_cx(ts), s->p, blocking, t);
    else
        rc = rtlock_acquire(vmc_cx(ts), lock_of(s), blocking, t);
    if (rc == RT_ESHUTDOWN)
        return vmc_raise_rt(ts, rc, "acquire");
    if (atomic_load(&ts->in->sigint) && ts == ts->in->main_ts && vm_gil_slow(ts) < 0)
        return VEXC;
    return vbool(rc == 0);
}

static Value lock_release(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    SyncNat *s = sync_nat(ts, args[0], -1);
    if (!s)
        return VEXC;
    int rc;
    vmc_gate(ts, TK_LOCK_RELEASE, 1);
    if (s->kind == SY_SEM || s->kind == SY_BSEM) {
        Value nv = vmc_arg(ts, args, nargs, kw, 0, "n", vint(1));
        if (nv.tag != V_INT || nv.u.i < 1)
            return vm_raise(ts, EXC_ValueError, "n must be one or more");
        rc = rtsem_release(vmc_cx(ts), s->p, nv.u.i);
        if (rc == RT_EVALUE)
            return vm_raise(ts, EXC_ValueError, "Semaphore released too many times");
    } else {
        rc = rtlock_release(vmc_cx(ts), lock_of(s));
    }
    if (rc < 0)
        return vmc_raise_rt(ts, rc, "release");
    return VNONE;
}

static Value lock_locked(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    SyncNat *s = sync_nat(ts, args[0], SY_LOCK);
    return s ? vbool(rtlock_locked(lock_of(s))) : VEXC;
}

static Value lock_enter(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    return lock_acquire(ts, args, 1, NULL);
}

static Value lock_exit(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    Value r = lock_release(ts, args, 1, NULL);
    return r.tag == V_EXC ? VEXC : vbool(false);
}

static Value sem_init_kind(VmThread *ts, Value *args, int nargs, const VmKw *kw, int bounded)
{
    Value v = vmc_arg(ts, args, nargs, kw, 0, "value", vint(1));
    if (v.tag != V_INT && v.tag != V_BOOL)
        return vm_raise(ts, EXC_TypeError, "semaphore value must be an integer");
    if (v.u.i < 0)
        return vm_raise(ts, EXC_ValueError, "semaphore initial value must be >= 0");
    return sync_setup(ts, args[0], bounded ? SY_BSEM : SY_SEM,
                      rtsem_create(vmc_of(ts->in)->rt, v.u.i, bounded), TO_SEMAPHORE, (uint64_t)v.u.i);
}

static Value sem_init(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    return sem_init_kind(ts, args, nargs, kw, 0);
}

static Value bsem_init(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    return sem_init_kind(ts, args, nargs, kw, 1);
}

static Value event_init(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    return sync_setup(ts, args[0], SY_EVENT, rtevent_create(vmc_of(ts->in)->rt), TO_EVENT, 0);
}

static Value event_set(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    SyncNat *s = sync_nat(ts, args[0], SY_EVENT);
    if (!s)
        return VEXC;
    rtevent_set(vmc_cx(ts), s->p);
    return VNONE;
}

static Value event_clear(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    SyncNat *s = sync_nat(ts, args[0], SY_EVENT);
    if (!s)
        return VEXC;
    rtevent_clear(vmc_cx(ts), s->p);
    return VNONE;
}

static Value event_is_set(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    SyncNat *s = sync_nat(ts, args[0], SY_EVENT);
    return s ? vbool(rtevent_is_set(s->p)) : VEXC;
}

static Value event_wait(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    SyncNat *s = sync_nat(ts, args[0], SY_EVENT);
    if (!s)
        return VEXC;
    double t = vmc_timeout(ts, vmc_arg(ts, args, nargs, kw, 0, "timeout", VNONE), "wait");
    if (t == -2)
        return VEXC;
    int rc = rtevent_wait(vmc_cx(ts), s->p, t == -3 ? 0 : t);
    if (rc == RT_ESHUTDOWN)
        return vmc_raise_rt(ts, rc, "wait");
    return vbool(rc == 0);
}

static Value cond_init(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    Value lk = vmc_arg(ts, args, nargs, kw, 0, "lock", VNONE);
    RtLock *l = NULL;
    if (lk.tag != V_NONE) {
        SyncNat *ls = vmc_native(lk);
        if (!ls || (ls->kind != SY_LOCK && ls->kind != SY_RLOCK))
            return vm_raise(ts, EXC_TypeError, "Condition(lock): lock must be a Lock or RLock");
        l = ls->p;
        if (set_attr(ts, args[0], "_lock", lk) < 0)
            return VEXC;
    }
    return sync_setup(ts, args[0], SY_COND, rtcond_create(vmc_of(ts->in)->rt, l), TO_CONDITION, 0);
}

static Value cond_wait(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    SyncNat *s = sync_nat(ts, args[0], SY_COND);
    if (!s)
        return VEXC;
    double t = vmc_timeout(ts, vmc_arg(ts, args, nargs, kw, 0, "timeout", VNONE), "wait");
    if (t == -2)
        return VEXC;
    int rc = rtcond_wait(vmc_cx(ts), s->p, t == -3 ? 0 : t);
    if (rc == RT_ENOTOWNER)
        return vm_raise(ts, EXC_RuntimeError, "cannot wait on un-acquired lock");
    if (rc == RT_ESHUTDOWN)
        return vmc_raise_rt(ts, rc, "wait");
    return vbool(rc == 0);
}

static Value cond_wait_for(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    SyncNat *s = sync_nat(ts, args[0], SY_COND);
    if (!s)
        return VEXC;
    Value pred = vmc_arg(ts, args, nargs, kw, 0, "predicate", VNONE);
    double t = vmc_timeout(ts, vmc_arg(ts, args, nargs, kw, 1, "timeout", VNONE), "wait_for");
    if (t == -2)
        return VEXC;
    uint64_t until = t < 0 ? 0 : rt_now_ns() + (uint64_t)(t * 1e9);
    for (;;) {
        Value r = vm_call(ts, pred, NULL, 0, NULL);
        if (r.tag == V_EXC || v_truthy(r))
            return r;
        double left = -1;
        if (t >= 0) {
            uint64_t now = rt_now_ns();
            if (now >= until)
                return r;
            left = (double)(until - now) / 1e9;
        }
        v_decref(ts->in, r);
        int rc = rtcond_wait(vmc_cx(ts), s->p, left);
        if (rc == RT_ENOTOWNER)
            return vm_raise(ts, EXC_RuntimeError, "cannot wait on un-acquired lock");
        if (rc == RT_ESHUTDOWN)
            return vmc_raise_rt(ts, rc, "wait_for");
    }
}

static Value cond_notify(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    SyncNat *s = sync_nat(ts, args[0], SY_COND);
    if (!s)
        return VEXC;
    Value nv = vmc_arg(ts, args, nargs, kw, 0, "n", vint(1));
    if (nv.tag != V_INT)
        return vm_raise(ts, EXC_TypeError, "notify(n): n must be an integer");
    if (rtcond_notify(vmc_cx(ts), s->p, (int)nv.u.i) == RT_ENOTOWNER)
        return vm_raise(ts, EXC_RuntimeError, "cannot notify on un-acquired lock");
    return VNONE;
}

static Value cond_notify_all(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    SyncNat *s = sync_nat(ts, args[0], SY_COND);
    if (!s)
        return VEXC;
    if (rtcond_notify(vmc_cx(ts), s->p, -1) == RT_ENOTOWNER)
        return vm_raise(ts, EXC_RuntimeError, "cannot notify on un-acquired lock");
    return VNONE;
}

#define LOCK_METHODS \
    { "acquire", lock_acquire }, { "release", lock_release }, \
    { "__enter__", lock_enter }, { "__exit__", lock_exit }

static const VmModFunc lock_methods[] = {
    { "__init__", lock_init }, { "locked", lock_locked }, LOCK_METHODS, { NULL, NULL },
};
static const VmModFunc rlock_methods[] = { { "__init__", rlock_init }, LOCK_METHODS, { NULL, NULL } };
static const VmModFunc sem_methods[] = { { "__init__", sem_init }, LOCK_METHODS, { NULL, NULL } };
static const VmModFunc bsem_methods[] = { { "__init__", bsem_init }, LOCK_METHODS, { NULL, NULL } };
static const VmModFunc event_methods[] = {
    { "__init__", event_init }, { "set", event_set }, { "clear", event_clear },
    { "is_set", event_is_set }, { "wait", event_wait }, { NULL, NULL },
};
static const VmModFunc cond_methods[] = {
    { "__init__", cond_init }, { "wait", cond_wait }, { "wait_for", cond_wait_for },
    { "notify", cond_notify }, { "notify_all", cond_notify_all }, LOCK_METHODS, { NULL, NULL },
};

static const struct {
    const char *name;
    const VmModFunc *methods;
} sync_classes[] = {
    { "Lock", lock_methods }, { "RLock", rlock_methods }, { "Semaphore", sem_methods },
    { "BoundedSemaphore", bsem_methods }, { "Event", event_methods }, { "Condition", cond_methods },
};

int vmsync_add_classes(VmThread *ts, ModuleObj *m, const char *modname, int with_thread)
{
    for (size_t i = 0; i < sizeof sync_classes / sizeof sync_classes[0]; i++)
        if (!new_class(ts, m, sync_classes[i].name, modname, sync_classes[i].methods, sync_free))
            return -1;
    if (with_thread) {
        ClassObj *t = new_class(ts, m, "Thread", modname, thread_methods, thread_free);
        if (!t)
            return -1;
        t->getattr = thread_getattr;
    }
    return 0;
}

static int threading_init(VmThread *ts, ModuleObj *m)
{
    return vmsync_add_classes(ts, m, "threading", 1);
}

static const VmModFunc threading_funcs[] = {
    { "current_thread", th_current_thread }, { "get_ident", vmth_get_ident },
    { "get_native_id", vmth_get_ident }, { "active_count", th_active_count },
    { "main_thread", th_main_thread }, { NULL, NULL },
};

const VmModuleDef mod_threading_def = { "threading", threading_funcs, threading_init };

Value vmsync_wrap_lock(VmThread *ts, RtLock *l)
{
    Value mod = module_import(ts, "multiprocessing");
    if (mod.tag == V_EXC)
        return VEXC;
    Value lc = vm_getattr(ts, mod, vmc_name(ts, "Lock"));
    v_decref(ts->in, mod);
    if (lc.tag == V_EXC)
        return VEXC;
    Value o = inst_new(ts, (ClassObj *)lc.u.o);
    v_decref(ts->in, lc);
    if (o.tag == V_EXC)
        return VEXC;
    SyncNat *s = calloc(1, sizeof *s);
    if (!s)
        abort();
    s->kind = SY_LOCK;
    s->p = l;
    s->pid = -1;                 /* owned by its array: never freed here */
    ((InstObj *)o.u.o)->native = s;
    return o;
}
