/* The multiprocessing module: Process on fork() (the child runs the
 * target on a copy-on-write copy of the interpreter), Value and Array in
 * the shared arena, Queue (mod_queue.c), the shared Lock & co.
 * (mod_threading.c), current_process and cpu_count. */
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rt/sharr.h"
#include "vm/vm_conc.h"

typedef struct ProcNat {
    int started;              /* first: vmc_start sets it */
    RtProc proc;              /* the parent's handle; the process list points here */
    int ident_n;              /* N of Process-N */
} ProcNat;

typedef struct ArrNat {
    RtArray *a;
    int pid, forks;
} ArrNat;

/* ---- Process ---- */

static void proc_free(Interp *in, Obj *o)
{
    InstObj *i = (InstObj *)o;
    ProcNat *p = i->native;
    if (p && p->started && p->proc.pid > 0 && !atomic_load(&in->eval_breaker))
        rt_proc_close(&p->proc);
    free(p);
    i->native = NULL;
}

static Value proc_init(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    Value self = args[0];
    VmConc *c = vmc_of(ts->in);
    VmcRunArgs a;
    if (vmc_run_args(ts, args, nargs, kw, "Process", &a) < 0)
        return VEXC;
    InstObj *i = (InstObj *)self.u.o;
    ProcNat *p = i->native;
    if (!p) {
        p = calloc(1, sizeof *p);
        if (!p)
            abort();
        p->proc.pid = -1;
        p->proc.worker = -1;
        p->proc.pidfd = -1;
        i->native = p;
    }
    p->ident_n = ++c->proc_counter;
    Value nm;
    if (a.name.tag == V_NONE) {
        char buf[96];
        snprintf(buf, sizeof buf, "Process-%s%s%d", c->proc_ident, c->proc_ident[0] ? ":" : "", p->ident_n);
        nm = str_from_cstr(ts, buf);
    } else {
        nm = v_str(ts, a.name);
    }
    Value dv = vbool(a.daemon.tag != V_NONE && v_truthy(a.daemon));
    return vmc_set_run_attrs(ts, self, nm, &a, dv) < 0 ? VEXC : VNONE;
}

static Value proc_run(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    return vm_thread_run_target(ts, args[0]);
}

static int proc_body(VmThread *ts, void *arg)
{
    (void)arg;
    return vmc_run_body(ts, vmc_of(ts->in)->proc_obj, "Process ");
}

static ProcNat *proc_nat(VmThread *ts, Value self)
{
    return vmc_native_or_raise(ts, self, EXC_AttributeError, "Process.__init__() not called");
}

static int proc_launch(VmThread *ts, Value self, void *nat)
{
    ProcNat *p = nat;
    return vmc_proc_start(ts, vmc_obj_name(ts, self), p->ident_n, self, vmc_daemon_attr(ts, self), proc_body,
                          NULL, &p->proc);
}

static Value proc_start(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    static const VmcStartKind k = {
        EXC_AttributeError, "Process.__init__() not called",
        EXC_AssertionError, "cannot start a process twice", "process",
    };
    return vmc_start(ts, args[0], &k, proc_launch);
}

static Value proc_join(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    ProcNat *p = proc_nat(ts, args[0]);
    if (!p)
        return VEXC;
    if (!p->started)
        return vm_raise(ts, EXC_AssertionError, "can only join a started process");
    double t = vmc_join_timeout(ts, args, nargs, kw);
    if (t == -2)
        return VEXC;
    vmc_gate(ts, TK_JOIN_WAIT, 1);
    return vmc_join_result(ts, rt_proc_join(vmc_cx(ts), &p->proc, t));
}

static Value proc_is_alive(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    ProcNat *p = vmc_native(args[0]);
    if (!p || !p->started)
        return vbool(false);
    return vbool(rt_proc_is_alive(vmc_of(ts->in)->rt, &p->proc));
}

static Value proc_signal(VmThread *ts, Value *args, int sig)
{
    ProcNat *p = vmc_native(args[0]);
    if (p && p->started && rt_proc_is_alive(vmc_of(ts->in)->rt, &p->proc))
        kill(p->proc.pid, sig);
    return VNONE;
}

static Value proc_terminate(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    return proc_signal(ts, args, SIGTERM);
}

static Value proc_kill(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    return proc_signal(ts, args, SIGKILL);
}

static int proc_getattr(VmThread *ts, Value self, StrObj *name, Value *out)
{
    ProcNat *p = vmc_native(self);
    if (name == vmc_name(ts, "pid") || name == vmc_name(ts, "ident")) {
        *out = p && p->started ? vint(p->proc.pid) : VNONE;
        if (p && !p->started && self.u.o == vmc_of(ts->in)->proc_obj.u.o)
            *out = vint(getpid());
        return 1;
    }
    if (name == vmc_name(ts, "exitcode")) {
        int code;
        if (!p || !p->started || rt_proc_exitcode(vmc_of(ts->in)->rt, &p->proc, &code) < 0)
            *out = VNONE;
        else
            *out = vint(code);
        return 1;
    }
    return 0;
}

static const VmModFunc proc_methods[] = {
    { "__init__", proc_init }, { "run", proc_run }, { "start", proc_start }, { "join", proc_join },
    { "is_alive", proc_is_alive }, { "terminate", proc_terminate }, { "kill", proc_kill },
    { NULL, NULL },
};

static Value mp_current_process(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    VmConc *c = vmc_of(ts->in);
    if (c->proc_obj.tag == V_UNDEF) {
        Value mod = module_import(ts, "multiprocessing");
        if (mod.tag == V_EXC)
            return VEXC;
        Value pc = vm_getattr(ts, mod, vmc_name(ts, "Process"));
        v_decref(ts->in, mod);
        if (pc.tag == V_EXC)
            return VEXC;
        Value nm = str_from_cstr(ts, "MainProcess");
        Value kwv[1] = { nm };
        StrObj *kwn[1] = { ts->in->s_name };
        VmKw k = { kwn, kwv, 1 };
        Value p = class_call(ts, (ClassObj *)pc.u.o, NULL, 0, &k);
        v_decref(ts->in, nm);
        v_decref(ts->in, pc);
        if (p.tag == V_EXC)
            return VEXC;
        c->proc_counter--;   /* the main process takes no number */
        c->proc_obj = p;
    }
    v_incref(c->proc_obj);
    return c->proc_obj;
}

static Value mp_cpu_count(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return vint(n > 0 ? n : 1);
}

/* ---- Array and Value ---- */

static void arr_free(Interp *in, Obj *o)
{
    InstObj *i = (InstObj *)o;
    ArrNat *a = i->native;
    VmConc *c = vmc_of(in);
    if (a && c && vmc_may_free(in, a->pid, a->forks))
        rtarr_destroy(c->rt, a->a);
    free(a);
    i->native = NULL;
}

static ArrNat *arr_nat(VmThread *ts, Value self)
{
    ArrNat *a = vmc_native(self);
    if (!a)
        vm_raise(ts, EXC_TypeError, "shared array not initialised");
    return a;
}

static Value arr_get(VmThread *ts, RtArray *a, int64_t i)
{
    if (rtarr_is_float(a)) {
        double d;
        if (rtarr_get_double(a, i, &d) < 0)
            return vm_raise(ts, EXC_IndexError, "invalid index");
        return vfloat(d);
    }
    int64_t v;
    if (rtarr_get_int(a, i, &v) < 0)
        return vm_raise(ts, EXC_IndexError, "invalid index");
    return vint(v);
}

static int arr_set(VmThread *ts, RtArray *a, int64_t i, Value v)
{
    int rc;
    vmc_gate(ts, TK_ARRAY_WRITE, 1);
    if (v.tag == V_INT || v.tag == V_BOOL)
        rc = rtarr_set_int(vmc_cx(ts), a, i, v.u.i);
    else if (v.tag == V_FLOAT && rtarr_is_float(a))
        rc = rtarr_set_double(vmc_cx(ts), a, i, v.u.f);
    else {
        vm_raise(ts, EXC_TypeError, "%s", rtarr_is_float(a) ? "must be real number, not str"
                 : "int expected instead of float");
        return -1;
    }
    if (rc == RT_EINDEX) {
        vm_raise(ts, EXC_IndexError, "invalid index");
        return -1;
    }
    if (rc == RT_EOVERFLOW) {
        vm_raise(ts, EXC_OverflowError, "signed integer is greater than maximum");
        return -1;
    }
    return rc < 0 ? (vmc_raise_rt(ts, rc, "array"), -1) : 0;
}

static Value arr_make(VmThread *ts, Value self, Value tcv, Value init, int is_value)
{
    VmConc *c = vmc_of(ts->in);
    if (!v_is(tcv, K_STR) || V_STR(tcv)->len != 1)
        return vm_raise(ts, EXC_TypeError, "typecode must be a one-character string such as 'i' or 'd'");
    char tc = V_STR(tcv)->s[0];
    int64_t n = 1;
    Value seq = VUNDEF;
    if (!is_value) {
        if (init.tag == V_INT)
            n = init.u.i;
        else if (v_is(init, K_LIST) || v_is(init, K_TUPLE) || v_is(init, K_RANGE)) {
            seq = list_from_iterable(ts, init);
            if (seq.tag == V_EXC)
                return VEXC;
            n = V_LIST(seq)->len;
        } else
            return vm_raise(ts, EXC_TypeError, "Array(typecode, size_or_initializer): a size or a list");
        if (n < 0)
            return vm_raise(ts, EXC_ValueError, "array size must be non-negative");
    }
    int err = 0;
    RtArray *a = rtarr_create(c->rt, tc, n, &err);
    if (!a) {
        v_decref(ts->in, seq);
        if (err == RT_EVALUE)
            return vm_raise(ts, EXC_TypeError, "unsupported typecode '%c' (use 'i' or 'd')", tc);
        if (err == RT_ECAP) {
            char msg[128];
            snprintf(msg, sizeof msg, "array too large: a shared array may hold %d cells", RTARR_MAX_LEN);
            return vmc_fatal_cap(ts, msg);
        }
        return vmc_raise_rt(ts, RT_ENOMEM, "array");
    }
    ArrNat *an = calloc(1, sizeof *an);
    if (!an)
        abort();
    an->a = a;
    an->pid = (int)getpid();
    an->forks = c->forks;
    InstObj *i = (InstObj *)self.u.o;
    free(i->native);
    i->native = an;
    vme_obj_created(ts, is_value ? TO_VALUE : TO_ARRAY, a, (uint64_t)n,
                    TF_SHARED | (rtarr_is_float(a) ? TF_DOUBLE : 0));
    /* The cells start zeroed: only other initial values are written (and
     * recorded, as the first writes of the object). */
    for (int64_t k = 0; k < n && (is_value || seq.tag != V_UNDEF); k++) {
        Value v = is_value ? init : V_LIST(seq)->items[k];
        if (((v.tag == V_INT || v.tag == V_BOOL) && v.u.i == 0) ||
            (v.tag == V_FLOAT && v.u.f == 0 && !signbit(v.u.f)))
            continue;
        if (arr_set(ts, a, k, v) < 0) {
            v_decref(ts->in, seq);
            return VEXC;
        }
    }
    v_decref(ts->in, seq);
    return VNONE;
}

static Value array_init(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    if (nargs < 3)
        return vm_raise(ts, EXC_TypeError, "Array() needs a typecode and a size or initializer");
    return arr_make(ts, args[0], args[1], args[2], 0);
}

static Value value_init(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    if (nargs < 2)
        return vm_raise(ts, EXC_TypeError, "Value() needs a typecode");
    return arr_make(ts, args[0], args[1], nargs > 2 ? args[2] : vint(0), 1);
}

static Value arr_getitem(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    ArrNat *a = arr_nat(ts, args[0]);
    if (!a)
        return VEXC;
    if (nargs < 2 || (args[1].tag != V_INT && args[1].tag != V_BOOL))
        return vm_raise(ts, EXC_TypeError, "array indices must be integers");
    return arr_get(ts, a->a, args[1].u.i);
}

static Value arr_setitem(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    ArrNat *a = arr_nat(ts, args[0]);
    if (!a)
        return VEXC;
    if (nargs < 3 || (args[1].tag != V_INT && args[1].tag != V_BOOL))
        return vm_raise(ts, EXC_TypeError, "array indices must be integers");
    return arr_set(ts, a->a, args[1].u.i, args[2]) < 0 ? VEXC : VNONE;
}

static Value arr_len(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    ArrNat *a = arr_nat(ts, args[0]);
    return a ? vint(rtarr_len(a->a)) : VEXC;
}

/* The whole array as a list: a[:] and iteration (one snapshot). */
static Value arr_list(VmThread *ts, ArrNat *a)
{
    int64_t n = rtarr_len(a->a);
    ListObj *l = list_new(ts, n);
    if (!l)
        return VEXC;
    for (int64_t i = 0; i < n; i++)
        if (list_append(ts, l, arr_get(ts, a->a, i)) < 0)
            return VEXC;
    return vobj(l);
}

static Value arr_getslice(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    ArrNat *a = arr_nat(ts, args[0]);
    if (!a)
        return VEXC;
    Value all = arr_list(ts, a);
    if (all.tag == V_EXC || nargs < 4)
        return all;
    int64_t lo, hi, st, n = slice_indices(V_LIST(all)->len, args[1], args[2], args[3], &lo, &hi, &st);
    (void)n;
    Value r = seq_slice(ts, all, lo, hi, st);
    v_decref(ts->in, all);
    return r;
}

static Value arr_iter(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    ArrNat *a = arr_nat(ts, args[0]);
    if (!a)
        return VEXC;
    Value all = arr_list(ts, a);
    if (all.tag == V_EXC)
        return VEXC;
    Value it = vm_iter(ts, all);
    v_decref(ts->in, all);
    return it;
}

static Value arr_get_lock(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    ArrNat *a = arr_nat(ts, args[0]);
    return a ? vmsync_wrap_lock(ts, rtarr_lock(a->a)) : VEXC;
}

static int value_getattr(VmThread *ts, Value self, StrObj *name, Value *out)
{
    if (name != vmc_name(ts, "value"))
        return 0;
    ArrNat *a = arr_nat(ts, self);
    if (!a)
        return -1;
    *out = arr_get(ts, a->a, 0);
    return out->tag == V_EXC ? -1 : 1;
}

static int value_setattr(VmThread *ts, Value self, StrObj *name, Value v)
{
    if (name != vmc_name(ts, "value"))
        return 0;
    ArrNat *a = arr_nat(ts, self);
    if (!a)
        return -1;
    return arr_set(ts, a->a, 0, v) < 0 ? -1 : 1;
}

static const VmModFunc array_methods[] = {
    { "__init__", array_init }, { "__getitem__", arr_getitem }, { "__setitem__", arr_setitem },
    { "__len__", arr_len }, { "__iter__", arr_iter }, { "__getslice__", arr_getslice },
    { "get_lock", arr_get_lock }, { NULL, NULL },
};

static const VmModFunc value_methods[] = {
    { "__init__", value_init }, { "get_lock", arr_get_lock }, { NULL, NULL },
};

static ClassObj *add_class(VmThread *ts, ModuleObj *m, const char *name, const VmModFunc *methods, VmFreeFn fr)
{
    return vmc_add_class(ts, m, name, NULL, "multiprocessing", methods, fr);
}

static int mp_init(VmThread *ts, ModuleObj *m)
{
    ClassObj *p, *v;
    if (vmsync_add_classes(ts, m, "multiprocessing", 0) < 0 || vmq_add_mp_classes(ts, m) < 0 ||
        vmpool_add_mp_classes(ts, m) < 0)
        return -1;
    if (!(p = add_class(ts, m, "Process", proc_methods, proc_free)))
        return -1;
    p->getattr = proc_getattr;
    if (!add_class(ts, m, "Array", array_methods, arr_free))
        return -1;
    if (!(v = add_class(ts, m, "Value", value_methods, arr_free)))
        return -1;
    v->getattr = value_getattr;
    v->setattr = value_setattr;
    return 0;
}

static const VmModFunc mp_funcs[] = {
    { "current_process", mp_current_process }, { "cpu_count", mp_cpu_count }, { NULL, NULL },
};

const VmModuleDef mod_mp_def = { "multiprocessing", mp_funcs, mp_init };
