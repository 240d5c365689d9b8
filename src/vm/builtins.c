/* The builtin namespace: one table of name -> C function, type or
 * exception class.  The resolver maps a builtin name to its index here. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vm/format.h"
#include "vm/interp.h"

static Value kw_get(const VmKw *kw, StrObj *name, Value dflt)
{
    if (kw) {
        int i = vm_kw_find(kw, name);
        if (i >= 0)
            return kw->vals[i];
    }
    return dflt;
}

static int kw_only(VmThread *ts, const char *fn, const VmKw *kw, const char *const *allowed)
{
    for (int i = 0; kw && i < kw->n; i++) {
        const char *const *a = allowed;
        while (*a && strcmp(*a, kw->names[i]->s) != 0)
            a++;
        if (!*a) {
            vm_raise(ts, EXC_TypeError, "%s() got an unexpected keyword argument '%s'", fn, kw->names[i]->s);
            return -1;
        }
    }
    return 0;
}

void vm_write(VmThread *ts, const char *s, size_t n, bool flush)
{
    Interp *in = ts->in;
    if (in->write_hook) {
        in->write_hook(ts, s, n, flush);
        return;
    }
    fwrite(s, 1, n, in->out);
    if (flush)
        fflush(in->out);
}

Value vm_print(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    static const char *const allowed[] = { "sep", "end", "flush", NULL };
    if (kw_only(ts, "print", kw, allowed) < 0)
        return VEXC;
    Interp *in = ts->in;
    Value sep = kw_get(kw, in->s_sep, VNONE), end = kw_get(kw, in->s_end, VNONE);
    Value flush = kw_get(kw, in->s_flush, vbool(false));
    if ((sep.tag != V_NONE && !v_is(sep, K_STR)) || (end.tag != V_NONE && !v_is(end, K_STR)))
        return vm_raise(ts, EXC_TypeError, "%s must be None or a string, not %s",
                        sep.tag != V_NONE && !v_is(sep, K_STR) ? "sep" : "end",
                        v_typename(in, sep.tag != V_NONE && !v_is(sep, K_STR) ? sep : end));
    StrBuf sb;
    sb_init(&sb);
    for (int i = 0; i < nargs; i++) {
        if (i) {
            if (sep.tag == V_NONE)
                sb_putc(&sb, ' ');
            else
                sb_append(&sb, V_STR(sep)->s, (size_t)V_STR(sep)->len);
        }
        if (v_str_into(ts, &sb, args[i]) < 0) {
            sb_free(&sb);
            return VEXC;
        }
    }
    if (end.tag == V_NONE)
        sb_putc(&sb, '\n');
    else
        sb_append(&sb, V_STR(end)->s, (size_t)V_STR(end)->len);
    vm_write(ts, sb.buf ? sb.buf : "", sb.len, v_truthy(flush));
    sb_free(&sb);
    return VNONE;
}

static Value bi_len(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    if (vm_args_check(ts, "len", nargs, 1, 1, kw) < 0)
        return VEXC;
    Value v = args[0];
    if (v.tag == V_OBJ) {
        switch ((Kind)v.u.o->kind) {
        case K_STR: return vint(V_STR(v)->ncp);
        case K_LIST: return vint(V_LIST(v)->len);
        case K_TUPLE: return vint(V_TUPLE(v)->len);
        case K_RANGE: return vint(((RangeObj *)v.u.o)->len);
        case K_INST: {
            StrObj *n = str_intern(ts->in, "__len__", 7);
            if (class_lookup(((InstObj *)v.u.o)->cls, n))
                return vm_call_method(ts, v, n, NULL, 0);
            break;
        }
        default: break;
        }
    }
    return vm_raise(ts, EXC_TypeError, "object of type '%s' has no len()", v_typename(ts->in, v));
}

static Value bi_repr(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    if (vm_args_check(ts, "repr", nargs, 1, 1, kw) < 0)
        return VEXC;
    return v_repr(ts, args[0]);
}

static Value bi_format(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    if (vm_args_check(ts, "format", nargs, 1, 2, kw) < 0)
        return VEXC;
    if (nargs == 2 && !v_is(args[1], K_STR))
        return vm_raise(ts, EXC_TypeError, "format() argument 2 must be str, not %s", v_typename(ts->in, args[1]));
    StrBuf sb;
    sb_init(&sb);
    Value r = VEXC;
    if (vm_format_value(ts, &sb, args[0], nargs == 2 ? V_STR(args[1])->s : "",
                        nargs == 2 ? (size_t)V_STR(args[1])->len : 0) == 0)
        r = str_new(ts, sb.buf ? sb.buf : "", sb.len);
    sb_free(&sb);
    return r;
}

static Value bi_enumerate(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    static const char *const allowed[] = { "start", NULL };
    if (kw_only(ts, "enumerate", kw, allowed) < 0)
        return VEXC;
    if (nargs < 1 || nargs > 2)
        return vm_raise(ts, EXC_TypeError, "enumerate() takes at most 2 arguments (%d given)", nargs);
    Value start = nargs > 1 ? args[1] : kw_get(kw, ts->in->s_start, vint(0));
    if (start.tag != V_INT && start.tag != V_BOOL)
        return vm_raise(ts, EXC_TypeError, "'%s' object cannot be interpreted as an integer", v_typename(ts->in, start));
    return iter_enumerate(ts, args[0], start.u.i);
}

static Value bi_zip(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    if (vm_args_check(ts, "zip", 0, 0, 0, kw) < 0)
        return VEXC;
    return iter_zip(ts, args, nargs);
}

static Value bi_reversed(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    if (vm_args_check(ts, "reversed", nargs, 1, 1, kw) < 0)
        return VEXC;
    return iter_reversed(ts, args[0]);
}

static Value bi_iter(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    if (vm_args_check(ts, "iter", nargs, 1, 1, kw) < 0)
        return VEXC;
    return vm_iter(ts, args[0]);
}

static Value bi_next(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    if (vm_args_check(ts, "next", nargs, 1, 2, kw) < 0)
        return VEXC;
    Value out;
    int r = vm_next(ts, args[0], &out);
    if (r < 0)
        return VEXC;
    if (r == 1)
        return out;
    if (nargs == 2) {
        v_incref(args[1]);
        return args[1];
    }
    return vm_raise_cls(ts, ts->in->exc[EXC_StopIteration], VUNDEF);
}

/* min/max over an iterable or over the arguments, with key= and default=. */
static Value minmax(VmThread *ts, Value *args, int nargs, const VmKw *kw, int op, const char *fn)
{
    static const char *const allowed[] = { "key", "default", NULL };
    if (kw_only(ts, fn, kw, allowed) < 0)
        return VEXC;
    if (nargs == 0)
        return vm_raise(ts, EXC_TypeError, "%s expected at least 1 argument, got 0", fn);
    Value key = kw_get(kw, ts->in->s_key, VNONE);
    Value dflt = kw_get(kw, str_intern(ts->in, "default", 7), VUNDEF);
    Value src;
    if (nargs == 1) {
        src = vm_iter(ts, args[0]);
        if (src.tag == V_EXC)
            return VEXC;
    } else {
        if (dflt.tag != V_UNDEF)
            return vm_raise(ts, EXC_TypeError, "Cannot specify a default for %s() with multiple positional arguments", fn);
        TupleObj *t = tuple_new(ts, nargs);
        if (!t)
            return VEXC;
        for (int i = 0; i < nargs; i++)
            v_incref(t->items[i] = args[i]);
        src = vm_iter(ts, vobj(t));
        obj_decref(ts->in, &t->h);
        if (src.tag == V_EXC)
            return VEXC;
    }
    Value best = VUNDEF, bestk = VUNDEF, x;
    int r;
    while ((r = vm_next(ts, src, &x)) == 1) {
        Value k = x;
        if (key.tag != V_NONE) {
            k = vm_call(ts, key, &x, 1, NULL);
            if (k.tag == V_EXC) {
                v_decref(ts->in, x);
                r = -1;
                break;
            }
        } else {
            v_incref(k);
        }
        int better = best.tag == V_UNDEF ? 1 : v_compare(ts, op, k, bestk);
        if (better < 0) {
            v_decref(ts->in, x);
            v_decref(ts->in, k);
            r = -1;
            break;
        }
        if (better) {
            v_decref(ts->in, best);
            v_decref(ts->in, bestk);
            best = x;
            bestk = k;
        } else {
            v_decref(ts->in, x);
            v_decref(ts->in, k);
        }
    }
    v_decref(ts->in, src);
    v_decref(ts->in, bestk);
    if (r < 0) {
        v_decref(ts->in, best);
        return VEXC;
    }
    if (best.tag == V_UNDEF) {
        if (dflt.tag != V_UNDEF) {
            v_incref(dflt);
            return dflt;
        }
        return vm_raise(ts, EXC_ValueError, "%s() arg is an empty sequence", fn);
    }
    return best;
}

static Value bi_min(VmThread *ts, Value *a, int n, const VmKw *kw) { return minmax(ts, a, n, kw, OP_LT, "min"); }
static Value bi_max(VmThread *ts, Value *a, int n, const VmKw *kw) { return minmax(ts, a, n, kw, OP_GT, "max"); }

static Value bi_sum(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    static const char *const allowed[] = { "start", NULL };
    if (kw_only(ts, "sum", kw, allowed) < 0)
        return VEXC;
    if (nargs < 1 || nargs > 2)
        return vm_raise(ts, EXC_TypeError, "sum() takes at most 2 arguments (%d given)", nargs);
    Value acc = nargs > 1 ? args[1] : kw_get(kw, ts->in->s_start, vint(0));
    if (v_is(acc, K_STR))
        return vm_raise(ts, EXC_TypeError, "sum() can't sum strings [use ''.join(seq) instead]");
    v_incref(acc);
    if (v_is(args[0], K_LIST) && acc.tag == V_INT) {
        /* the common case without an iterator */
        ListObj *l = V_LIST(args[0]);
        int64_t s = acc.u.i, i = 0;
        for (; i < l->len && l->items[i].tag == V_INT; i++)
            if (__builtin_add_overflow(s, l->items[i].u.i, &s))
                return vm_overflow(ts);
        if (i == l->len)
            return vint(s);
    }
    Value it = vm_iter(ts, args[0]), x;
    if (it.tag == V_EXC) {
        v_decref(ts->in, acc);
        return VEXC;
    }
    int r;
    while ((r = vm_next(ts, it, &x)) == 1) {
        Value s = vm_binop(ts, OP_ADD, acc, x);
        v_decref(ts->in, x);
        v_decref(ts->in, acc);
        acc = s;
        if (s.tag == V_EXC) {
            r = -1;
            break;
        }
    }
    v_decref(ts->in, it);
    if (r < 0) {
        if (acc.tag != V_EXC)
            v_decref(ts->in, acc);
        return VEXC;
    }
    return acc;
}

static Value bi_sorted(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    static const char *const allowed[] = { "key", "reverse", NULL };
    if (kw_only(ts, "sorted", kw, allowed) < 0)
        return VEXC;
    if (nargs != 1)
        return vm_raise(ts, EXC_TypeError, "sorted expected 1 argument, got %d", nargs);
    Value l = list_from_iterable(ts, args[0]);
    if (l.tag == V_EXC)
        return VEXC;
    if (list_sort(ts, V_LIST(l), kw_get(kw, ts->in->s_key, VNONE), v_truthy(kw_get(kw, ts->in->s_reverse, vbool(false)))) < 0) {
        v_decref(ts->in, l);
        return VEXC;
    }
    return l;
}

static int isinst(VmThread *ts, Value x, Value cls, bool sub)
{
    if (v_is(cls, K_TUPLE)) {
        for (int64_t i = 0; i < V_TUPLE(cls)->len; i++) {
            int r = isinst(ts, x, V_TUPLE(cls)->items[i], sub);
            if (r)
                return r;
        }
        return 0;
    }
    if (!v_is(cls, K_CLASS)) {
        vm_raise(ts, EXC_TypeError, "%s() arg 2 must be a type, a tuple of types, or a union",
                 sub ? "issubclass" : "isinstance");
        return -1;
    }
    if (sub) {
        if (!v_is(x, K_CLASS)) {
            vm_raise(ts, EXC_TypeError, "issubclass() arg 1 must be a class");
            return -1;
        }
        return class_is_sub((ClassObj *)x.u.o, (ClassObj *)cls.u.o);
    }
    return class_is_sub(v_class(ts->in, x), (ClassObj *)cls.u.o);
}

static Value bi_isinstance(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    if (vm_args_check(ts, "isinstance", nargs, 2, 2, kw) < 0)
        return VEXC;
    int r = isinst(ts, args[0], args[1], false);
    return r < 0 ? VEXC : vbool(r);
}

static Value bi_issubclass(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    if (vm_args_check(ts, "issubclass", nargs, 2, 2, kw) < 0)
        return VEXC;
    int r = isinst(ts, args[0], args[1], true);
    return r < 0 ? VEXC : vbool(r);
}

static Value any_all(VmThread *ts, Value *args, int nargs, const VmKw *kw, bool any)
{
    if (vm_args_check(ts, any ? "any" : "all", nargs, 1, 1, kw) < 0)
        return VEXC;
    Value it = vm_iter(ts, args[0]), x;
    if (it.tag == V_EXC)
        return VEXC;
    int r, found = 0;
    while ((r = vm_next(ts, it, &x)) == 1) {
        int t = v_truth(ts, x);
        v_decref(ts->in, x);
        if (t < 0) {
            r = -1;
            break;
        }
        if (t == any) {
            found = 1;
            break;
        }
    }
    v_decref(ts->in, it);
    if (r < 0)
        return VEXC;
    return vbool(any ? found : !found);
}

static Value bi_any(VmThread *ts, Value *a, int n, const VmKw *kw) { return any_all(ts, a, n, kw, true); }
static Value bi_all(VmThread *ts, Value *a, int n, const VmKw *kw) { return any_all(ts, a, n, kw, false); }

/* super() with no arguments: the class that defined the calling function
 * and the caller's first argument. */
static Value bi_super(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    ClassObj *cls;
    Value self;
    if (nargs == 2) {
        if (!v_is(args[0], K_CLASS))
            return vm_raise(ts, EXC_TypeError, "super() argument 1 must be a type, not %s", v_typename(ts->in, args[0]));
        cls = (ClassObj *)args[0].u.o;
        self = args[1];
        const ClassObj *t = v_is(self, K_CLASS) ? (const ClassObj *)self.u.o : v_class(ts->in, self);
        if (!class_is_sub(t, cls))
            return vm_raise(ts, EXC_TypeError, "super(type, obj): obj must be an instance or subtype of type");
    } else if (nargs == 0) {
        Frame *f = ts->frame;
        if (!f || !f->func || !f->func->cls || f->info->nparams == 0)
            return vm_raise(ts, EXC_RuntimeError, "super(): no arguments");
        cls = f->func->cls;
        self = f->locals[0];
        if (f->info->is_cell[0])
            self = ((CellObj *)self.u.o)->v;
        if (self.tag == V_UNDEF)
            return vm_raise(ts, EXC_RuntimeError, "super(): arg[0] deleted");
    } else {
        return vm_raise(ts, EXC_TypeError, "super() takes 0 or 2 arguments");
    }
    SuperObj *s = obj_alloc(ts, K_SUPER, sizeof(SuperObj));
    if (!s)
        return VEXC;
    cls->h.rc++;
    s->cls = cls;
    v_incref(self);
    s->self = self;
    return vobj(s);
}

static Value bi_getattr(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    if (vm_args_check(ts, "getattr", nargs, 2, 3, kw) < 0)
        return VEXC;
    if (!v_is(args[1], K_STR))
        return vm_raise(ts, EXC_TypeError, "attribute name must be string, not '%s'", v_typename(ts->in, args[1]));
    Value r = vm_getattr(ts, args[0], str_intern(ts->in, V_STR(args[1])->s, (size_t)V_STR(args[1])->len));
    if (r.tag == V_EXC && nargs == 3 && vm_exc_isa(ts->in, ts->exc, ts->in->exc[EXC_AttributeError])) {
        v_decref(ts->in, ts->exc);
        ts->exc = VUNDEF;
        v_incref(args[2]);
        return args[2];
    }
    return r;
}

static Value bi_hasattr(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    if (vm_args_check(ts, "hasattr", nargs, 2, 2, kw) < 0)
        return VEXC;
    Value d[3] = { args[0], args[1], vint(0x7eadbeef) };
    Value r = bi_getattr(ts, d, 3, NULL);
    if (r.tag == V_EXC)
        return VEXC;
    bool has = !(r.tag == V_INT && r.u.i == 0x7eadbeef);
    v_decref(ts->in, r);
    return vbool(has);
}

static Value bi_setattr(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    if (vm_args_check(ts, "setattr", nargs, 3, 3, kw) < 0)
        return VEXC;
    if (!v_is(args[1], K_STR))
        return vm_raise(ts, EXC_TypeError, "attribute name must be string, not '%s'", v_typename(ts->in, args[1]));
    StrObj *n = str_intern(ts->in, V_STR(args[1])->s, (size_t)V_STR(args[1])->len);
    return vm_setattr(ts, args[0], n, args[2]) < 0 ? VEXC : VNONE;
}

static Value bi_callable(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    if (vm_args_check(ts, "callable", nargs, 1, 1, kw) < 0)
        return VEXC;
    Value v = args[0];
    bool c = v_is(v, K_FUNC) || v_is(v, K_BUILTIN) || v_is(v, K_BOUND) || v_is(v, K_CLASS)
        || (v_is(v, K_INST) && class_lookup(((InstObj *)v.u.o)->cls, str_intern(ts->in, "__call__", 8)));
    return vbool(c);
}

static Value bi_id(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    if (vm_args_check(ts, "id", nargs, 1, 1, kw) < 0)
        return VEXC;
    if (args[0].tag == V_OBJ)
        return vint((int64_t)(intptr_t)args[0].u.o);
    return vint(args[0].u.i ^ (int64_t)args[0].tag << 56);
}

typedef struct {
    const char *name;
    VmCFunc fn;            /* a function, or the constructor of a type */
    int type;              /* index in interp->types, or -1 */
    int exc;               /* ExcId, or -1 */
} BuiltinDef;

static const BuiltinDef builtin_table[] = {
    { "print", vm_print, -1, -1 }, { "len", bi_len, -1, -1 }, { "repr", bi_repr, -1, -1 },
    { "enumerate", bi_enumerate, -1, -1 }, { "zip", bi_zip, -1, -1 }, { "reversed", bi_reversed, -1, -1 },
    { "iter", bi_iter, -1, -1 }, { "next", bi_next, -1, -1 }, { "min", bi_min, -1, -1 },
    { "max", bi_max, -1, -1 }, { "sum", bi_sum, -1, -1 }, { "sorted", bi_sorted, -1, -1 },
    { "isinstance", bi_isinstance, -1, -1 }, { "issubclass", bi_issubclass, -1, -1 },
    { "any", bi_any, -1, -1 }, { "all", bi_all, -1, -1 }, { "super", bi_super, -1, -1 },
    { "getattr", bi_getattr, -1, -1 }, { "hasattr", bi_hasattr, -1, -1 }, { "setattr", bi_setattr, -1, -1 },
    { "callable", bi_callable, -1, -1 }, { "id", bi_id, -1, -1 }, { "format", bi_format, -1, -1 },
    { "round", bi_round, -1, -1 }, { "abs", bi_abs, -1, -1 }, { "divmod", bi_divmod, -1, -1 },
    { "pow", bi_pow, -1, -1 }, { "hash", bi_hash, -1, -1 }, { "chr", bi_chr, -1, -1 }, { "ord", bi_ord, -1, -1 },
    { "int", bi_int, T_INT, -1 }, { "float", bi_float, T_FLOAT, -1 }, { "str", bi_str, K_STR, -1 },
    { "bool", bi_bool, T_BOOL, -1 }, { "list", bi_list, K_LIST, -1 }, { "tuple", bi_tuple, K_TUPLE, -1 },
    { "range", bi_range, K_RANGE, -1 }, { "type", bi_type, K_CLASS, -1 }, { "object", bi_object, K_INST, -1 },
#define EXC(n) { #n, NULL, -1, EXC_##n }
    EXC(BaseException), EXC(Exception), EXC(KeyboardInterrupt), EXC(SystemExit), EXC(ArithmeticError),
    EXC(ZeroDivisionError), EXC(OverflowError), EXC(LookupError), EXC(IndexError), EXC(KeyError),
    EXC(NameError), EXC(UnboundLocalError), EXC(TypeError), EXC(ValueError), EXC(AttributeError),
    EXC(AssertionError), EXC(RuntimeError), EXC(RecursionError), EXC(NotImplementedError),
    EXC(StopIteration), EXC(MemoryError), EXC(ImportError), EXC(ModuleNotFoundError), EXC(OSError),
    EXC(TimeoutError),
#undef EXC
};

#define NBUILTINS ((int)(sizeof builtin_table / sizeof builtin_table[0]))

int builtins_find(const char *name)
{
    for (int i = 0; i < NBUILTINS; i++)
        if (strcmp(builtin_table[i].name, name) == 0)
            return i;
    return -1;
}

void builtins_init(Interp *in)
{
    VmThread *ts = in->main_ts;
    in->nbuiltins = NBUILTINS;
    in->builtins = calloc(NBUILTINS, sizeof(Value));
    for (int i = 0; i < NBUILTINS; i++) {
        const BuiltinDef *d = &builtin_table[i];
        if (d->exc >= 0) {
            in->exc[d->exc]->h.rc++;
            in->builtins[i] = vobj(in->exc[d->exc]);
        } else if (d->type >= 0) {
            ClassObj *c = in->types[d->type];
            c->ctor = d->fn;
            c->h.rc++;
            in->builtins[i] = vobj(c);
        } else {
            in->builtins[i] = builtin_new(ts, d->name, d->fn, 0, NULL);
        }
    }
}
