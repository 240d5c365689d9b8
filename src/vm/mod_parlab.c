/* The parlab module: work() burns the thread's CPU time while holding the
 * GIL, exactly like a pure-Python loop would (so it hands the GIL over at
 * the switch interval); pause() is a classroom checkpoint (an English text
 * and, optionally, a Vietnamese one), a no-op without the UI; measure()
 * hands a measured duration to the UI as an event (never as output, so a
 * lesson prints the same under parlab and CPython). */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "trace/event.h"
#include "vm/interp.h"
#include "vm/vm_conc.h"

/* This thread's CPU time: what work() counts, as CPython's stand-in does
 * with time.thread_time(). */
static double cpu_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
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
    /* A fixed amount of work: `s` seconds of this thread's own CPU time,
     * burnt while holding the GIL and handed over at every switch interval
     * like any bytecode loop.  Two threads of one process therefore take
     * twice as long as one, two processes as long as one if two cores are
     * free, and on a machine busy with other work whatever the scheduler
     * gives them: the measured answer.  Time spent getting the GIL back (or
     * held at the gate while the UI is paused) is not counted: only the
     * chunks between two hand-over points are.
     *
     * At a slow UI speed (sleeps and the switch interval stretched by
     * vmc_sleep_scale) a second of work stretches the same way, so the GIL
     * row keeps its proportions and a class can watch the turns; the scale
     * is read per chunk, so changing the speed mid-call takes effect at
     * once.  Headless the scale is 1. */
    double done = 0, last = cpu_s();
    volatile uint64_t sink = 0;
    for (;;) {
        for (int i = 0; i < 20000; i++)
            sink += (uint64_t)i * 2654435761u;
        done += (cpu_s() - last) / vmc_sleep_scale();
        if (done >= s)
            break;
        if (vm_gil_check(ts) < 0)
            return VEXC;
        last = cpu_s();
    }
    (void)sink;
    return VNONE;
}

/* pause(text, vi=None): the arguments of the CPython stand-in's def, with
 * its errors.  The UI shows `vi` when its language is Vietnamese and `text`
 * otherwise; both travel in one pause event, "text\0vi" (trace_pause_text
 * picks one).  Without the UI (headless) only the types are checked. */
static Value parlab_pause(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    static const char *const names[] = { "text", "vi" };
    Value v[2] = { VUNDEF, VNONE };
    if (nargs > 2)
        return vm_raise(ts, EXC_TypeError, "pause() takes from 1 to 2 positional arguments but %d were given",
                        nargs);
    for (int i = 0; i < nargs; i++)
        v[i] = args[i];
    for (int i = 0; kw && i < kw->n; i++) {
        int slot = -1;
        for (int j = 0; j < 2; j++)
            if (!strcmp(kw->names[i]->s, names[j]))
                slot = j;
        if (slot < 0)
            return vm_raise(ts, EXC_TypeError, "pause() got an unexpected keyword argument '%s'", kw->names[i]->s);
        if (slot < nargs)
            return vm_raise(ts, EXC_TypeError, "pause() got multiple values for argument '%s'", names[slot]);
        v[slot] = kw->vals[i];
    }
    if (v[0].tag == V_UNDEF)
        return vm_raise(ts, EXC_TypeError, "pause() missing 1 required positional argument: 'text'");
    if (!v_is(v[0], K_STR))
        return vm_raise(ts, EXC_TypeError, "pause() text must be str, not '%s'", v_typename(ts->in, v[0]));
    if (v[1].tag != V_NONE && !v_is(v[1], K_STR))
        return vm_raise(ts, EXC_TypeError, "pause() vi must be str or None, not '%s'", v_typename(ts->in, v[1]));
    if (!ts->in->pause_hook)
        return VNONE;
    const StrObj *en = V_STR(v[0]);
    const StrObj *vi = v[1].tag == V_NONE ? NULL : V_STR(v[1]);
    /* A NUL inside the English text would be read as the start of the
     * Vietnamese one: the English ends there. */
    size_t nen = strnlen(en->s, (size_t)en->len);
    size_t len = nen + (vi ? 1 + (size_t)vi->len : 0);
    char *buf = malloc(len + 1);
    if (!buf)
        abort();
    memcpy(buf, en->s, nen);
    if (vi) {
        buf[nen] = '\0';
        memcpy(buf + nen + 1, vi->s, (size_t)vi->len);
    }
    buf[len] = '\0';
    ts->in->pause_hook(ts, buf, len);
    free(buf);
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
