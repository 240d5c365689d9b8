/* The parlab module: work() burns CPU while holding the GIL, exactly like a
 * pure-Python loop would (so it hands the GIL over at the switch interval);
 * pause() is a classroom checkpoint, a no-op without the UI; measure()
 * hands a measured duration to the UI as an event (never as output, so a
 * lesson prints the same under parlab and CPython). */
#include <string.h>
#include <time.h>

#include "trace/event.h"
#include "vm/interp.h"
#include "vm/vm_conc.h"

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static Value parlab_work(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    if (vm_args_check(ts, "work", nargs, 1, 1, kw) < 0)
        return VEXC;
    double s;
    if (args[0].tag == V_INT || args[0].tag == V_BOOL)
        s = (double)args[0].u.i;
    else if (args[0].tag == V_FLOAT)
        s = args[0].u.f;
    else
        return vm_raise(ts, EXC_TypeError, "work() argument must be a number of seconds, not '%s'",
                        v_typename(ts->in, args[0]));
    if (s < 0)
        return vm_raise(ts, EXC_ValueError, "work() length must be non-negative");
    /* Work is wall time spent holding the GIL: the time a hand-over at
     * vm_gil_check spends waiting for the GIL does not count, the time the
     * OS lets the holder run does.  So two threads take as long as serial
     * and two processes half as long whatever else loads the machine (CPU
     * time would let a busy machine's scheduler, which favours threads that
     * keep waking up, decide the outcome of the GIL experiment). */
    double done = 0, last = now_s();
    volatile uint64_t sink = 0;
    for (;;) {
        for (int i = 0; i < 20000; i++)
            sink += (uint64_t)i * 2654435761u;
        done += now_s() - last;
        if (done >= s)
            break;
        if (vm_gil_check(ts) < 0)
            return VEXC;
        last = now_s();
    }
    (void)sink;
    return VNONE;
}

static Value parlab_pause(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    if (vm_args_check(ts, "pause", nargs, 0, 1, kw) < 0)
        return VEXC;
    if (ts->in->pause_hook) {
        Value s = nargs ? v_str(ts, args[0]) : str_new(ts, "", 0);
        if (s.tag == V_EXC)
            return VEXC;
        ts->in->pause_hook(ts, V_STR(s)->s);
        v_decref(ts->in, s);
    }
    return VNONE;
}

/* measure(label, seconds): a measure event the bars pane draws. */
static Value parlab_measure(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    if (vm_args_check(ts, "measure", nargs, 2, 2, kw) < 0)
        return VEXC;
    if (!v_is(args[0], K_STR))
        return vm_raise(ts, EXC_TypeError, "measure() label must be str, not '%s'", v_typename(ts->in, args[0]));
    double s;
    if (args[1].tag == V_INT || args[1].tag == V_BOOL)
        s = (double)args[1].u.i;
    else if (args[1].tag == V_FLOAT)
        s = args[1].u.f;
    else
        return vm_raise(ts, EXC_TypeError, "measure() seconds must be a number, not '%s'",
                        v_typename(ts->in, args[1]));
    uint64_t bits;
    memcpy(&bits, &s, sizeof bits);
    if (vme_tracing())
        vme_emit_text(ts, TK_MEASURE, NULL, 0, bits, V_STR(args[0])->s, (size_t)V_STR(args[0])->len);
    return VNONE;
}

static const VmModFunc parlab_funcs[] = {
    { "work", parlab_work }, { "pause", parlab_pause }, { "measure", parlab_measure },
    { NULL, NULL },
};

const VmModuleDef mod_parlab_def = { "parlab", parlab_funcs, NULL };
