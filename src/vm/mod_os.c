/* The os module: only process identity; nothing that reaches files. */
#include <unistd.h>

#include "vm/interp.h"

static Value os_getpid(VmThread *ts, Value *a, int n, const VmKw *kw)
{
    return vm_args_check(ts, "getpid", n, 0, 0, kw) < 0 ? VEXC : vint(getpid());
}

static Value os_getppid(VmThread *ts, Value *a, int n, const VmKw *kw)
{
    return vm_args_check(ts, "getppid", n, 0, 0, kw) < 0 ? VEXC : vint(getppid());
}

static Value os_cpu_count(VmThread *ts, Value *a, int n, const VmKw *kw)
{
    if (vm_args_check(ts, "cpu_count", n, 0, 0, kw) < 0)
        return VEXC;
    long c = sysconf(_SC_NPROCESSORS_ONLN);
    return c > 0 ? vint(c) : VNONE;
}

static const VmModFunc os_funcs[] = {
    { "getpid", os_getpid }, { "getppid", os_getppid }, { "cpu_count", os_cpu_count },
    { NULL, NULL },
};

const VmModuleDef mod_os_def = { "os", os_funcs, NULL };
