/* Calls: argument binding for script functions (positional, defaults,
 * keywords by name), builtin functions, bound methods and classes. */
#include <stdlib.h>
#include <string.h>

#include "vm/format.h"
#include "vm/interp.h"

Value builtin_new(VmThread *ts, const char *name, VmCFunc fn, int flags, const void *data)
{
    BuiltinObj *b = obj_alloc(ts, K_BUILTIN, sizeof(BuiltinObj));
    if (!b)
        return VEXC;
    b->name = name;
    b->fn = fn;
    b->data = data;
    b->h.flags = (uint16_t)flags;
    return vobj(b);
}

int vm_kw_find(const VmKw *kw, StrObj *name)
{
    for (int i = 0; i < kw->n; i++)
        if (kw->names[i] == name)
            return i;
    return -1;
}

int vm_args_check(VmThread *ts, const char *fname, int nargs, int min, int max, const VmKw *kw)
{
    if (kw && kw->n) {
        vm_raise(ts, EXC_TypeError, "%s() takes no keyword arguments", fname);
        return -1;
    }
    if (nargs >= min && nargs <= max)
        return 0;
    if (min == max && min == 0)
        vm_raise(ts, EXC_TypeError, "%s() takes no arguments (%d given)", fname, nargs);
    else if (min == max && min == 1)
        vm_raise(ts, EXC_TypeError, "%s() takes exactly one argument (%d given)", fname, nargs);
    else if (nargs > max)
        vm_raise(ts, EXC_TypeError, "%s expected at most %d argument%s, got %d", fname, max, max == 1 ? "" : "s", nargs);
    else
        vm_raise(ts, EXC_TypeError, "%s expected at least %d argument%s, got %d", fname, min, min == 1 ? "" : "s", nargs);
    return -1;
}

Value *frame_alloc_locals(VmThread *ts, int n)
{
    Value *p;
    if (ts->sp + n <= ts->stack_end) {
        p = ts->sp;
        ts->sp += n;
    } else {
        p = malloc(sizeof(Value) * (size_t)(n ? n : 1));
        if (!p)
            abort();
    }
    for (int i = 0; i < n; i++)
        p[i] = VUNDEF;
    return p;
}

void frame_free_locals(VmThread *ts, Value *locals, int n)
{
    for (int i = 0; i < n; i++)
        v_decref(ts->in, locals[i]);
    if (locals >= ts->stack && locals < ts->stack_end)
        ts->sp = locals;
    else
        free(locals);
}

/* CPython names methods by qualified name in argument errors: "C.f()". */
#define FN_QUAL(info) ((info)->qualname ? (info)->qualname : (info)->name)

static Value missing_args(VmThread *ts, FuncInfo *info, Value *locals, int upto)
{
    StrBuf sb;
    sb_init(&sb);
    int miss = 0, total = 0;
    for (int i = 0; i < upto; i++)
        total += locals[i].tag == V_UNDEF;
    for (int i = 0; i < upto; i++) {
        if (locals[i].tag != V_UNDEF)
            continue;
        miss++;
        if (miss > 1)
            sb_puts(&sb, total == 2 ? " and " : miss == total ? ", and " : ", ");
        sb_printf(&sb, "'%s'", info->pnames[i]->s);
    }
    vm_raise(ts, EXC_TypeError, "%s() missing %d required positional argument%s: %s", FN_QUAL(info), total,
             total == 1 ? "" : "s", sb.buf);
    sb_free(&sb);
    return VEXC;
}

static Value bind_args(VmThread *ts, FuncObj *fn, Value *locals, Value *args, int nargs, const VmKw *kw)
{
    FuncInfo *info = fn->info;
    int np = info->nparams;
    if (nargs > np) {
        int req = np - fn->ndefaults;
        if (fn->ndefaults)
            return vm_raise(ts, EXC_TypeError, "%s() takes from %d to %d positional arguments but %d were given",
                            FN_QUAL(info), req, np, nargs);
        return vm_raise(ts, EXC_TypeError, "%s() takes %d positional argument%s but %d %s given", FN_QUAL(info), np,
                        np == 1 ? "" : "s", nargs, nargs == 1 ? "was" : "were");
    }
    for (int i = 0; i < nargs; i++) {
        v_incref(args[i]);
        locals[i] = args[i];
    }
    if (kw) {
        for (int k = 0; k < kw->n; k++) {
            int j = 0;
            while (j < np && info->pnames[j] != kw->names[k])
                j++;
            if (j == np)
                return vm_raise(ts, EXC_TypeError, "%s() got an unexpected keyword argument '%s'", FN_QUAL(info),
                                kw->names[k]->s);
            if (locals[j].tag != V_UNDEF)
                return vm_raise(ts, EXC_TypeError, "%s() got multiple values for argument '%s'", FN_QUAL(info),
                                kw->names[k]->s);
            v_incref(kw->vals[k]);
            locals[j] = kw->vals[k];
        }
    }
    if (nargs < np) {
        int first_default = np - fn->ndefaults;
        for (int i = nargs; i < np; i++)
            if (locals[i].tag == V_UNDEF && i >= first_default) {
                locals[i] = fn->defaults[i - first_default];
                v_incref(locals[i]);
            }
        for (int i = nargs; i < first_default; i++)
            if (locals[i].tag == V_UNDEF)
                return missing_args(ts, info, locals, first_default);
    }
    return VNONE;
}

Value func_call(VmThread *ts, FuncObj *fn, Value *args, int nargs, const VmKw *kw)
{
    FuncInfo *info = fn->info;
    if (ts->depth >= ts->in->recursion_limit)
        return vm_raise(ts, EXC_RecursionError, "maximum recursion depth exceeded");
    if (vm_gil_check(ts) < 0)
        return VEXC;
    Value *locals = frame_alloc_locals(ts, info->nlocals);
    if (nargs == info->nparams && !kw) {
        for (int i = 0; i < nargs; i++) {
            v_incref(args[i]);
            locals[i] = args[i];
        }
    } else if (bind_args(ts, fn, locals, args, nargs, kw).tag == V_EXC) {
        frame_free_locals(ts, locals, info->nlocals);
        return VEXC;
    }
    if (info->any_cell) {
        for (int i = 0; i < info->nlocals; i++) {
            if (!info->is_cell[i])
                continue;
            CellObj *c = obj_alloc(ts, K_CELL, sizeof(CellObj));
            if (!c) {
                frame_free_locals(ts, locals, info->nlocals);
                return VEXC;
            }
            c->v = locals[i];
            locals[i] = vobj(c);
        }
    }
    Frame fr = { .prev = ts->frame, .info = info, .func = fn, .closure = fn->closure, .locals = locals, .line = 0, .ret = VNONE };
    ts->frame = &fr;
    ts->depth++;
    Exit x = exec_block(ts, &fr, info->body);
    ts->depth--;
    ts->frame = fr.prev;
    Value r = VNONE;
    if (x == X_EXC) {
        vm_exc_leave_frame(ts, &fr, info->name);
        r = VEXC;
    } else if (x == X_RETURN) {
        r = fr.ret;
    }
    frame_free_locals(ts, locals, info->nlocals);
    return r;
}

static Value call_with_self(VmThread *ts, Value func, Value self, Value *args, int nargs, const VmKw *kw)
{
    Value buf[8];
    Value *a = nargs < 8 ? buf : malloc(sizeof(Value) * (size_t)(nargs + 1));
    if (!a)
        abort();
    a[0] = self;
    if (nargs)
        memcpy(a + 1, args, sizeof(Value) * (size_t)nargs);
    Value r = vm_call(ts, func, a, nargs + 1, kw);
    if (a != buf)
        free(a);
    return r;
}

Value vm_call(VmThread *ts, Value callee, Value *args, int nargs, const VmKw *kw)
{
    if (callee.tag == V_OBJ) {
        switch ((Kind)callee.u.o->kind) {
        case K_FUNC:
            return func_call(ts, (FuncObj *)callee.u.o, args, nargs, kw);
        case K_BUILTIN: {
            BuiltinObj *b = (BuiltinObj *)callee.u.o;
            if ((b->h.flags & BF_METHOD) && b->data && nargs > 0) {
                /* an unbound method called through its class: check self's type */
                ClassObj *want = (ClassObj *)b->data;
                if (!class_is_sub(v_class(ts->in, args[0]), want))
                    return vm_raise(ts, EXC_TypeError, "descriptor '%s' for '%s' objects doesn't apply to a '%s' object",
                                    b->name, want->name->s, v_typename(ts->in, args[0]));
            } else if ((b->h.flags & BF_METHOD) && nargs == 0) {
                return vm_raise(ts, EXC_TypeError, "unbound method %s() needs an argument", b->name);
            }
            return b->fn(ts, args, nargs, kw);
        }
        case K_BOUND: {
            BoundObj *bm = (BoundObj *)callee.u.o;
            return call_with_self(ts, bm->func, bm->self, args, nargs, kw);
        }
        case K_CLASS:
            return class_call(ts, (ClassObj *)callee.u.o, args, nargs, kw);
        case K_INST: {
            StrObj *n = str_intern(ts->in, "__call__", 8);
            Value *m = class_lookup(((InstObj *)callee.u.o)->cls, n);
            if (m)
                return call_with_self(ts, *m, callee, args, nargs, kw);
            break;
        }
        default:
            break;
        }
    }
    return vm_raise(ts, EXC_TypeError, "'%s' object is not callable", v_typename(ts->in, callee));
}

Value vm_call_method(VmThread *ts, Value self, StrObj *name, Value *args, int nargs)
{
    if (v_is(self, K_INST) && !at_find(&((InstObj *)self.u.o)->attrs, name)) {
        Value *m = class_lookup(((InstObj *)self.u.o)->cls, name);
        if (m && (v_is(*m, K_FUNC) || v_is(*m, K_BUILTIN)))
            return call_with_self(ts, *m, self, args, nargs, NULL);
    }
    Value f = vm_getattr(ts, self, name);
    if (f.tag == V_EXC)
        return VEXC;
    Value r = vm_call(ts, f, args, nargs, NULL);
    v_decref(ts->in, f);
    return r;
}
