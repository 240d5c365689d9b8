/* The time module: sleep releases the GIL like any blocking call. */
#include <errno.h>
#include <math.h>
#include <time.h>

#include "vm/vm_conc.h"
#include "vm/interp.h"

static double clock_s(clockid_t id)
{
    struct timespec t;
    clock_gettime(id, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int64_t clock_ns(clockid_t id)
{
    struct timespec t;
    clock_gettime(id, &t);
    return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

static int want_number(VmThread *ts, Value v, double *out, const char *what)
{
    if (v.tag == V_INT || v.tag == V_BOOL) {
        *out = (double)v.u.i;
        return 0;
    }
    if (v.tag == V_FLOAT) {
        *out = v.u.f;
        return 0;
    }
    vm_raise(ts, EXC_TypeError, "'%s' object cannot be interpreted as %s", v_typename(ts->in, v), what);
    return -1;
}

static int time_sleep_stop(void *arg)
{
    return atomic_load(&((VmThread *)arg)->in->sigint) != 0;
}

static Value time_sleep(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    if (vm_args_check(ts, "sleep", nargs, 1, 1, kw) < 0)
        return VEXC;
    double s;
    if (want_number(ts, args[0], &s, "an integer or float") < 0)
        return VEXC;
    if (isnan(s))
        return vm_raise(ts, EXC_ValueError, "Invalid value NaN (not a number)");
    if (s < 0)
        return vm_raise(ts, EXC_ValueError, "sleep length must be non-negative");
    if (ts->in->sleep_hook)
        ts->in->sleep_hook(ts, s, 1);
    double real = ts->in->sleep_hook ? s * vmc_sleep_scale() : s;   /* the UI's speed */
    struct timespec req = { (time_t)real, (long)((real - floor(real)) * 1e9) };
    vm_blocking_begin(ts);
    if (ts->rt) {   /* on the lesson clock: it stands still while the gate is paused */
        if (rt_sleep(vmc_cx(ts)->rt, real, time_sleep_stop, ts) == RT_ESHUTDOWN)
            return vmc_raise_rt(ts, RT_ESHUTDOWN, "sleep");   /* a cap stops the run: never returns */
    } else
        while (clock_nanosleep(CLOCK_MONOTONIC, 0, &req, &req) == EINTR)
            if (atomic_load(&ts->in->sigint))
                break;
    int rc = vm_blocking_end(ts);
    if (ts->in->sleep_hook)
        ts->in->sleep_hook(ts, s, 0);
    return rc < 0 ? VEXC : VNONE;
}

static Value time_time(VmThread *ts, Value *a, int n, const VmKw *kw)
{
    return vm_args_check(ts, "time", n, 0, 0, kw) < 0 ? VEXC : vfloat(clock_s(CLOCK_REALTIME));
}

static Value time_monotonic(VmThread *ts, Value *a, int n, const VmKw *kw)
{
    return vm_args_check(ts, "monotonic", n, 0, 0, kw) < 0 ? VEXC : vfloat(clock_s(CLOCK_MONOTONIC));
}

static Value time_process_time(VmThread *ts, Value *a, int n, const VmKw *kw)
{
    return vm_args_check(ts, "process_time", n, 0, 0, kw) < 0 ? VEXC : vfloat(clock_s(CLOCK_PROCESS_CPUTIME_ID));
}

static Value time_time_ns(VmThread *ts, Value *a, int n, const VmKw *kw)
{
    return vm_args_check(ts, "time_ns", n, 0, 0, kw) < 0 ? VEXC : vint(clock_ns(CLOCK_REALTIME));
}

static Value time_monotonic_ns(VmThread *ts, Value *a, int n, const VmKw *kw)
{
    return vm_args_check(ts, "monotonic_ns", n, 0, 0, kw) < 0 ? VEXC : vint(clock_ns(CLOCK_MONOTONIC));
}

static const VmModFunc time_funcs[] = {
    { "sleep", time_sleep }, { "time", time_time }, { "perf_counter", time_monotonic },
    { "monotonic", time_monotonic }, { "process_time", time_process_time }, { "time_ns", time_time_ns },
    { "perf_counter_ns", time_monotonic_ns }, { "monotonic_ns", time_monotonic_ns },
    { NULL, NULL },
};

const VmModuleDef mod_time_def = { "time", time_funcs, NULL };
