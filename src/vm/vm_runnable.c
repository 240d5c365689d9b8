/* What threading.Thread and multiprocessing.Process instances share: both
 * keep their name, target, args and daemon flag as instance attributes and
 * their C state in InstObj.native, and both run self.run() in the new
 * thread or process, reporting what it raises the same way. */
#include "vm/vm_conc.h"

const char *vmc_obj_name(VmThread *ts, Value self)
{
    Value *v = v_is(self, K_INST) ? at_find(&((InstObj *)self.u.o)->attrs, ts->in->s_name) : NULL;
    return v && v_is(*v, K_STR) ? V_STR(*v)->s : "?";
}

void *vmc_native_or_raise(VmThread *ts, Value self, ExcId exc, const char *msg)
{
    void *n = vmc_native(self);
    if (!n)
        vm_raise(ts, exc, "%s", msg);
    return n;
}

int vmc_daemon_attr(VmThread *ts, Value self)
{
    Value *d = v_is(self, K_INST) ? at_find(&((InstObj *)self.u.o)->attrs, vmc_name(ts, "daemon")) : NULL;
    return d && v_truthy(*d);
}

int vmc_run_body(VmThread *ts, Value self, const char *who)
{
    Value r = vm_call_method(ts, self, vmc_name(ts, "run"), NULL, 0);
    if (r.tag != V_EXC) {
        v_decref(ts->in, r);
        return 0;
    }
    if (vm_exc_isa(ts->in, ts->exc, ts->in->exc[EXC_SystemExit])) {
        int code = 0;
        InstObj *e = (InstObj *)ts->exc.u.o;
        if (v_is(e->args, K_TUPLE) && V_TUPLE(e->args)->len > 0) {
            Value a = V_TUPLE(e->args)->items[0];
            code = a.tag == V_INT ? (int)a.u.i : a.tag == V_NONE ? 0 : 1;
        }
        v_decref(ts->in, ts->exc);
        ts->exc = VUNDEF;
        return code;
    }
    vmc_report_uncaught(ts, who, vmc_obj_name(ts, self));
    return 1;
}

Value vmc_start(VmThread *ts, Value self, const VmcStartKind *k, int (*launch)(VmThread *ts, Value self, void *nat))
{
    int *started = vmc_native_or_raise(ts, self, k->init_exc, k->init_msg);
    if (!started)
        return VEXC;
    if (*started)
        return vm_raise(ts, k->twice_exc, "%s", k->twice_msg);
    int rc = launch(ts, self, started);
    if (rc < 0)
        return vmc_raise_rt(ts, rc, k->what);
    *started = 1;
    return VNONE;
}

double vmc_join_timeout(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    double t = vmc_timeout(ts, vmc_arg(ts, args, nargs, kw, 0, "timeout", VNONE), "join");
    return t == -3 ? 0 : t;
}

Value vmc_join_result(VmThread *ts, int rc)
{
    if (rc == RT_ESHUTDOWN)
        return vmc_raise_rt(ts, rc, "join");
    return VNONE;
}

int vmc_run_args(VmThread *ts, Value *args, int nargs, const VmKw *kw, const char *cls, VmcRunArgs *out)
{
    out->target = vmc_arg(ts, args, nargs, kw, 1, "target", VNONE);
    out->name = vmc_arg(ts, args, nargs, kw, 2, "name", VNONE);
    out->args = vmc_arg(ts, args, nargs, kw, 3, "args", VUNDEF);
    out->daemon = vmc_arg(ts, args, nargs, kw, -1, "daemon", VNONE);
    if (!v_is(args[0], K_INST)) {
        vm_raise(ts, EXC_TypeError, "%s.__init__() needs an instance", cls);
        return -1;
    }
    return 0;
}

int vmc_set_run_attrs(VmThread *ts, Value self, Value nm, const VmcRunArgs *a, Value daemon)
{
    if (nm.tag == V_EXC)
        return -1;
    int rc = vm_setattr(ts, self, ts->in->s_name, nm);
    v_decref(ts->in, nm);
    Value targs = a->args.tag == V_UNDEF ? vobj(ts->in->empty_tuple) : a->args;
    if (rc < 0 || vm_setattr(ts, self, vmc_name(ts, "_target"), a->target) < 0 ||
        vm_setattr(ts, self, vmc_name(ts, "_args"), targs) < 0 ||
        vm_setattr(ts, self, vmc_name(ts, "daemon"), daemon) < 0)
        return -1;
    return 0;
}
