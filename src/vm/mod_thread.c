/* The _thread module: start_new_thread runs a function on a new daemon
 * thread with no Thread object (a hidden instance carries the call while it
 * runs, so the interpreter keeps it alive); allocate_lock makes a
 * threading.Lock. */
#include <stdio.h>
#include <string.h>

#include "vm/vm_conc.h"

Value vmth_get_ident(VmThread *ts, Value *args, int nargs, const VmKw *kw);   /* mod_threading.c */


static void raw_thread_body(VmThread *ts, void *arg)
{
    (void)arg;
    Value *slot = at_find(&((InstObj *)vmr_of(ts)->thread_obj.u.o)->attrs, vmc_name(ts, "_call"));
    Value call = slot ? *slot : VNONE;
    Value r = VNONE;
    if (v_is(call, K_TUPLE) && V_TUPLE(call)->len == 2) {
        Value fn = V_TUPLE(call)->items[0], a = V_TUPLE(call)->items[1];
        r = vm_call(ts, fn, V_TUPLE(a)->items, (int)V_TUPLE(a)->len, NULL);
    }
    if (r.tag == V_EXC) {
        if (vm_exc_isa(ts->in, ts->exc, ts->in->exc[EXC_SystemExit])) {
            v_decref(ts->in, ts->exc);
            ts->exc = VUNDEF;
        } else {
            vmc_report_uncaught(ts, "Unhandled exception in thread started by ", "<function>");
        }
    } else {
        v_decref(ts->in, r);
    }
}

/* _thread.start_new_thread(fn, args): a daemon thread with no Thread
 * object; a hidden instance carries the call while it runs. */
static Value rt_start_new_thread(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    if (vm_args_check(ts, "start_new_thread", nargs, 2, 2, kw) < 0)
        return VEXC;
    if (!v_is(args[1], K_TUPLE))
        return vm_raise(ts, EXC_TypeError, "2nd arg must be a tuple");
    VmConc *c = vmc_of(ts->in);
    Value holder = inst_new(ts, ts->in->object_class);
    if (holder.tag == V_EXC)
        return VEXC;
    TupleObj *t = tuple_new(ts, 2);
    v_incref(t->items[0] = args[0]);
    v_incref(t->items[1] = args[1]);
    at_set(ts, &((InstObj *)holder.u.o)->attrs, vmc_name(ts, "_call"), vobj(t));
    char name[32];
    snprintf(name, sizeof name, "Dummy-%d", ++c->dummy_counter);
    RtThread *th;
    int rc = vmc_thread_start(ts, name, holder, 1, raw_thread_body, NULL, &th);
    v_decref(ts->in, holder);
    if (rc < 0)
        return vmc_raise_rt(ts, rc, "thread");
    return vint(th->worker);
}

static Value rt_allocate_lock(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    if (vm_args_check(ts, "allocate_lock", nargs, 0, 0, kw) < 0)
        return VEXC;
    Value mod = module_import(ts, "threading");
    if (mod.tag == V_EXC)
        return VEXC;
    Value lc = vm_getattr(ts, mod, vmc_name(ts, "Lock"));
    v_decref(ts->in, mod);
    if (lc.tag == V_EXC)
        return VEXC;
    Value l = class_call(ts, (ClassObj *)lc.u.o, NULL, 0, NULL);
    v_decref(ts->in, lc);
    return l;
}

static const VmModFunc thread_funcs[] = {
    { "start_new_thread", rt_start_new_thread }, { "allocate_lock", rt_allocate_lock },
    { "get_ident", vmth_get_ident }, { NULL, NULL },
};

const VmModuleDef mod_thread_def = { "_thread", thread_funcs, NULL };
