/* Interpreter lifetime: create the state (types, exceptions, builtins),
 * resolve the script, run its module body, report an uncaught exception,
 * and free everything. */
#include <stdlib.h>
#include <string.h>

#include "vm/format.h"
#include "vm/interp.h"
#include "vm/vm.h"
#include "vm/vm_conc.h"

void obj_free_all(Interp *in);

#define VM_STACK_VALUES (1 << 16)
#define VM_DEFAULT_MEM_CAP ((int64_t)1 << 30)

VmThread *vm_thread_create(Interp *in)
{
    VmThread *ts = calloc(1, sizeof *ts);
    if (!ts)
        abort();
    ts->in = in;
    ts->stack = malloc(sizeof(Value) * VM_STACK_VALUES);
    if (!ts->stack)
        abort();
    ts->sp = ts->stack;
    ts->stack_end = ts->stack + VM_STACK_VALUES;
    return ts;
}

void vm_thread_destroy(VmThread *ts)
{
    if (!ts)
        return;
    v_decref(ts->in, ts->exc);
    v_decref(ts->in, ts->handling);
    free(ts->stack);
    free(ts);
}

int vm_gil_slow(VmThread *ts)
{
    Interp *in = ts->in;
    if (atomic_load(&in->sigint) && ts == in->main_ts) {
        atomic_store(&in->sigint, 0);
        if (!in->gil_yield)
            atomic_store(&in->eval_breaker, 0);
        vm_raise_cls(ts, in->exc[EXC_KeyboardInterrupt], VUNDEF);
        return -1;
    }
    if (in->gil_yield)
        in->gil_yield(ts);
    else
        atomic_store(&in->eval_breaker, 0);
    return 0;
}

void vm_blocking_begin(VmThread *ts)
{
    if (ts->in->gil_release)
        ts->in->gil_release(ts);
}

int vm_blocking_end(VmThread *ts)
{
    if (ts->in->gil_acquire)
        ts->in->gil_acquire(ts);
    if (atomic_load(&ts->in->sigint) && ts == ts->in->main_ts)
        return vm_gil_slow(ts);
    return 0;
}

void vm_flush_output(Interp *in)
{
    if (in->out)
        fflush(in->out);
}

static StrObj *name(Interp *in, const char *s) { return str_intern(in, s, strlen(s)); }

Interp *interp_create(Module *m)
{
    Interp *in = calloc(1, sizeof *in);
    if (!in)
        abort();
    in->objs.next = in->objs.prev = &in->objs;
    in->mem_cap = VM_DEFAULT_MEM_CAP;
    in->recursion_limit = 1000;
    in->out = stdout;
    in->mod = m;
    in->main_ts = vm_thread_create(in);
    VmThread *ts = in->main_ts;
    in->empty_str = V_STR(str_new(ts, "", 0));
    for (int c = 1; c < 128; c++) {
        char ch = (char)c;
        in->chars[c] = V_STR(str_new(ts, &ch, 1));
    }
    in->empty_tuple = tuple_new(ts, 0);
    in->s_init = name(in, "__init__");
    in->s_name = name(in, "name");
    in->s_args = name(in, "args");
    in->s_enter = name(in, "__enter__");
    in->s_exit = name(in, "__exit__");
    in->s_class = name(in, "__class__");
    in->s_str = name(in, "__str__");
    in->s_repr = name(in, "__repr__");
    in->s_dunder_name = name(in, "__name__");
    in->s_main = name(in, "__main__");
    in->s_key = name(in, "key");
    in->s_reverse = name(in, "reverse");
    in->s_sep = name(in, "sep");
    in->s_end = name(in, "end");
    in->s_flush = name(in, "flush");
    in->s_start = name(in, "start");
    types_init(in);
    exc_init_classes(in);
    builtins_init(in);
    return in;
}

void interp_destroy(Interp *in)
{
    if (!in)
        return;
    vm_flush_output(in);
    /* Every object is in the object list: free them all at once rather than
     * by reference, so cycles go too. */
    VmThread *ts = in->main_ts;
    ts->exc = ts->handling = VUNDEF;
    obj_free_all(in);
    free(in->globals);
    free(in->gnames);
    free(in->builtins);
    free(in->modules);
    str_interns_free(in);
    resolve_free(in);
    for (int i = 0; i < in->nsrclines; i++)
        free((void *)in->srclines[i]);
    free(in->srclines);
    vm_thread_destroy(ts);
    free(in);
}

int vm_run_module(Module *m, const VmOptions *opt)
{
    Interp *in = interp_create(m);
    const char *cap = getenv("PARLAB_MEM_MB");
    if (cap && atol(cap) > 0)
        in->mem_cap = (int64_t)atol(cap) << 20;
    VmThread *ts = in->main_ts;
    char err[256] = "";
    if (resolve_module(in, m, err, sizeof err) < 0) {
        fprintf(stderr, "%s: error: %s\n", m->file, err);
        interp_destroy(in);
        return 2;
    }
    vmc_set_options(opt);
    if (vmc_begin(in, opt ? opt->events : 0) < 0) {   /* threads, processes, recorder */
        interp_destroy(in);
        return 1;
    }
    in->s_main->h.rc++;
    in->globals[0] = vobj(in->s_main);       /* __name__ is global slot 0 */
    FuncInfo *info = m->scope_info;
    Value *locals = frame_alloc_locals(ts, info->nlocals);
    Frame fr = { .info = info, .locals = locals, .line = 1, .ret = VNONE };
    ts->frame = &fr;
    ts->depth = 1;
    Exit x = exec_block(ts, &fr, &m->body);
    int rc = 0;
    if (x == X_EXC) {
        vm_exc_leave_frame(ts, &fr, "<module>");
        vm_print_traceback(ts, ts->exc);
        rc = 1;
    }
    rc = vmc_end(in, rc);   /* waits for non-daemon threads and processes, drains the recorder */
    frame_free_locals(ts, locals, info->nlocals);
    ts->frame = NULL;
    vm_flush_output(in);
    interp_destroy(in);
    return rc;
}
