/* Generic value protocols: allocation against the memory cap, freeing,
 * truth, equality, ordering, repr and str. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "vm/format.h"
#include "vm/interp.h"

int vm_mem_charge(VmThread *ts, int64_t delta)
{
    Interp *in = ts->in;
    if (delta > 0 && in->mem_used + delta > in->mem_cap) {
        vm_raise(ts, EXC_MemoryError, "script used more than %lld MiB of objects (the memory cap)",
                 (long long)(in->mem_cap >> 20));
        return -1;
    }
    in->mem_used += delta;
    return 0;
}

void *obj_alloc(VmThread *ts, Kind k, size_t size)
{
    if (vm_mem_charge(ts, (int64_t)size) < 0)
        return NULL;
    Obj *o = calloc(1, size);
    if (!o) {
        vm_mem_charge(ts, -(int64_t)size);
        vm_raise(ts, EXC_MemoryError, "out of memory");
        return NULL;
    }
    Interp *in = ts->in;
    o->rc = 1;
    o->kind = (uint16_t)k;
    o->next = in->objs.next;
    o->prev = &in->objs;
    in->objs.next->prev = o;
    in->objs.next = o;
    return o;
}

static size_t obj_size(Obj *o)
{
    switch ((Kind)o->kind) {
    case K_STR: return sizeof(StrObj) + (size_t)((StrObj *)o)->len + 1;
    case K_LIST: return sizeof(ListObj) + (size_t)((ListObj *)o)->cap * sizeof(Value);
    case K_TUPLE: return sizeof(TupleObj) + (size_t)((TupleObj *)o)->len * sizeof(Value);
    case K_RANGE: return sizeof(RangeObj);
    case K_FUNC: return sizeof(FuncObj);
    case K_BOUND: return sizeof(BoundObj);
    case K_BUILTIN: return sizeof(BuiltinObj);
    case K_CLASS: return sizeof(ClassObj);
    case K_INST: return sizeof(InstObj);
    case K_MODULE: return sizeof(ModuleObj);
    case K_CELL: return sizeof(CellObj);
    case K_ITER: return sizeof(IterObj);
    case K_SUPER: return sizeof(SuperObj);
    default: return 0;
    }
}

/* Release what o owns.  `cascade` is false at interpreter shutdown, when
 * every object is freed from the object list regardless of references. */
static void obj_clear(Interp *in, Obj *o, bool cascade)
{
#define DROP(v) do { if (cascade) v_decref(in, (v)); } while (0)
#define DROPO(p) do { if (cascade) obj_decref(in, (Obj *)(p)); } while (0)
    switch ((Kind)o->kind) {
    case K_LIST: {
        ListObj *l = (ListObj *)o;
        for (int64_t i = 0; i < l->len; i++)
            DROP(l->items[i]);
        free(l->items);
        break;
    }
    case K_TUPLE: {
        TupleObj *t = (TupleObj *)o;
        for (int64_t i = 0; i < t->len; i++)
            DROP(t->items[i]);
        break;
    }
    case K_FUNC: {
        FuncObj *f = (FuncObj *)o;
        for (int i = 0; i < f->ndefaults; i++)
            DROP(f->defaults[i]);
        for (int i = 0; i < f->nclosure; i++)
            DROPO(f->closure[i]);
        DROPO(f->cls);
        free(f->defaults);
        free(f->closure);
        break;
    }
    case K_BOUND:
        DROP(((BoundObj *)o)->self);
        DROP(((BoundObj *)o)->func);
        break;
    case K_CLASS: {
        ClassObj *c = (ClassObj *)o;
        if (cascade)
            at_free(in, &c->dict);
        else
            free(c->dict.keys), free(c->dict.vals);
        DROPO(c->base);
        for (int k = 1; k < c->nbases; k++)
            DROPO(c->bases[k]);
        free(c->bases);
        free(c->mro);
        break;
    }
    case K_INST: {
        InstObj *i = (InstObj *)o;
        if (i->native) {
            ClassObj *c = i->cls;
            while (c && !c->native_free)
                c = c->base;
            if (c)
                c->native_free(in, o);
        }
        if (cascade)
            at_free(in, &i->attrs);
        else
            free(i->attrs.keys), free(i->attrs.vals);
        DROP(i->args);
        DROP(i->context);
        for (TbEntry *t = i->tb, *n; t; t = n) {
            n = t->next;
            free(t);
        }
        DROPO(i->cls);
        break;
    }
    case K_MODULE: {
        ModuleObj *m = (ModuleObj *)o;
        if (cascade)
            at_free(in, &m->attrs);
        else
            free(m->attrs.keys), free(m->attrs.vals);
        DROPO(m->name);
        break;
    }
    case K_CELL:
        DROP(((CellObj *)o)->v);
        break;
    case K_ITER: {
        IterObj *it = (IterObj *)o;
        DROP(it->src);
        for (int i = 0; i < it->nsub; i++)
            DROP(it->subs[i]);
        free(it->subs);
        break;
    }
    case K_SUPER:
        DROPO(((SuperObj *)o)->cls);
        DROP(((SuperObj *)o)->self);
        break;
    default:
        break;
    }
#undef DROP
#undef DROPO
}

void obj_free(Interp *in, Obj *o)
{
    size_t sz = obj_size(o);
    o->rc = 1 << 30;       /* guards against re-entry while children are dropped */
    obj_clear(in, o, true);
    o->prev->next = o->next;
    o->next->prev = o->prev;
    in->mem_used -= (int64_t)sz;
    free(o);
}

/* At shutdown: free every object still alive, cycles included. */
void obj_free_all(Interp *in);
void obj_free_all(Interp *in)
{
    for (Obj *o = in->objs.next; o != &in->objs; o = o->next)
        obj_clear(in, o, false);
    for (Obj *o = in->objs.next, *n; o != &in->objs; o = n) {
        n = o->next;
        free(o);
    }
    in->objs.next = in->objs.prev = &in->objs;
}

bool v_truthy(Value v)
{
    switch (v.tag) {
    case V_NONE: return false;
    case V_BOOL: case V_INT: return v.u.i != 0;
    case V_FLOAT: return v.u.f != 0.0;
    case V_OBJ:
        switch ((Kind)v.u.o->kind) {
        case K_STR: return ((StrObj *)v.u.o)->len != 0;
        case K_LIST: return ((ListObj *)v.u.o)->len != 0;
        case K_TUPLE: return ((TupleObj *)v.u.o)->len != 0;
        case K_RANGE: return ((RangeObj *)v.u.o)->len != 0;
        default: return true;
        }
    default: return false;
    }
}

int v_truth(VmThread *ts, Value v)
{
    if (v.tag == V_OBJ && v.u.o->kind == K_INST) {
        /* user classes may define __bool__ or __len__ */
        static const char *const hooks[] = { "__bool__", "__len__" };
        for (int i = 0; i < 2; i++) {
            StrObj *n = str_intern(ts->in, hooks[i], strlen(hooks[i]));
            if (class_lookup(((InstObj *)v.u.o)->cls, n)) {
                Value r = vm_call_method(ts, v, n, NULL, 0);
                if (r.tag == V_EXC)
                    return -1;
                int t = v_truthy(r);
                v_decref(ts->in, r);
                return t;
            }
        }
    }
    return v_truthy(v);
}

ClassObj *v_class(Interp *in, Value v)
{
    switch (v.tag) {
    case V_NONE: return in->types[T_NONE];
    case V_BOOL: return in->types[T_BOOL];
    case V_INT: return in->types[T_INT];
    case V_FLOAT: return in->types[T_FLOAT];
    case V_OBJ:
        if (v.u.o->kind == K_INST)
            return ((InstObj *)v.u.o)->cls;
        return in->types[v.u.o->kind];
    default: return in->types[T_NONE];
    }
}

const char *v_typename(Interp *in, Value v)
{
    return v_class(in, v)->name->s;
}

static bool v_is_num(Value v) { return v.tag == V_INT || v.tag == V_BOOL || v.tag == V_FLOAT; }

/* Exact comparison of an int64 with a double, as CPython does for int vs float. */
static int cmp_int_float(int64_t i, double f)
{
    if (isnan(f))
        return 2;                         /* unordered */
    if (f >= 9223372036854775808.0)
        return -1;
    if (f < -9223372036854775808.0)
        return 1;
    double fl = floor(f);
    int64_t fi = (int64_t)fl;
    if (i < fi) return -1;
    if (i > fi) return 1;
    return fl < f ? -1 : 0;
}

/* Three-way numeric comparison; 2 when unordered (NaN). */
static int num_cmp(Value a, Value b)
{
    if (a.tag != V_FLOAT && b.tag != V_FLOAT)
        return (a.u.i > b.u.i) - (a.u.i < b.u.i);
    if (a.tag == V_FLOAT && b.tag == V_FLOAT) {
        if (isnan(a.u.f) || isnan(b.u.f))
            return 2;
        return (a.u.f > b.u.f) - (a.u.f < b.u.f);
    }
    if (a.tag == V_FLOAT) {
        int c = cmp_int_float(b.u.i, a.u.f);
        return c == 2 ? 2 : -c;
    }
    return cmp_int_float(a.u.i, b.u.f);
}

static int seq_items(Value v, Value **items, int64_t *len)
{
    if (v_is(v, K_LIST)) { *items = V_LIST(v)->items; *len = V_LIST(v)->len; return 1; }
    if (v_is(v, K_TUPLE)) { *items = V_TUPLE(v)->items; *len = V_TUPLE(v)->len; return 1; }
    return 0;
}

int v_eq(VmThread *ts, Value a, Value b)
{
    if (v_is_num(a) && v_is_num(b))
        return num_cmp(a, b) == 0;
    if (a.tag != V_OBJ || b.tag != V_OBJ)
        return a.tag == b.tag && a.tag == V_NONE;
    if (a.u.o == b.u.o)
        return 1;
    Kind ka = a.u.o->kind, kb = b.u.o->kind;
    if (ka != kb)
        return 0;
    switch (ka) {
    case K_STR: {
        StrObj *x = V_STR(a), *y = V_STR(b);
        return x->len == y->len && memcmp(x->s, y->s, (size_t)x->len) == 0;
    }
    case K_LIST: case K_TUPLE: {
        Value *xi = NULL, *yi = NULL;
        int64_t xn = 0, yn = 0;
        seq_items(a, &xi, &xn);
        seq_items(b, &yi, &yn);
        if (xn != yn)
            return 0;
        /* lists that contain themselves must not overflow the C stack */
        if (ts->depth > ts->in->recursion_limit + 50) {
            vm_raise(ts, EXC_RecursionError, "maximum recursion depth exceeded in comparison");
            return -1;
        }
        ts->depth++;
        int r = 1;
        for (int64_t i = 0; i < xn && r == 1; i++)
            r = v_eq(ts, xi[i], yi[i]);
        ts->depth--;
        return r;
    }
    case K_RANGE: {
        RangeObj *x = (RangeObj *)a.u.o, *y = (RangeObj *)b.u.o;
        if (x->len != y->len) return 0;
        if (x->len == 0) return 1;
        if (x->start != y->start) return 0;
        return x->len == 1 || x->step == y->step;
    }
    case K_BOUND: {
        BoundObj *x = (BoundObj *)a.u.o, *y = (BoundObj *)b.u.o;
        return x->self.tag == y->self.tag && x->self.u.o == y->self.u.o && x->func.u.o == y->func.u.o;
    }
    case K_INST: {
        StrObj *n = str_intern(ts->in, "__eq__", 6);
        if (class_lookup(((InstObj *)a.u.o)->cls, n)) {
            Value r = vm_call_method(ts, a, n, &b, 1);
            if (r.tag == V_EXC)
                return -1;
            int t = v_truthy(r);
            v_decref(ts->in, r);
            return t;
        }
        return 0;
    }
    default:
        return 0;
    }
}

static const char *const cmp_sym[] = {
    [OP_LT] = "<", [OP_LE] = "<=", [OP_GT] = ">", [OP_GE] = ">=",
};

static int cmp_result(int op, int c)
{
    switch (op) {
    case OP_LT: return c < 0;
    case OP_LE: return c <= 0;
    case OP_GT: return c > 0;
    default: return c >= 0;
    }
}

/* Ordering comparisons (< <= > >=) with CPython's rules and messages. */
int v_compare(VmThread *ts, int op, Value a, Value b)
{
    if (v_is_num(a) && v_is_num(b)) {
        int c = num_cmp(a, b);
        return c == 2 ? 0 : cmp_result(op, c);
    }
    if (a.tag == V_OBJ && b.tag == V_OBJ && a.u.o->kind == b.u.o->kind) {
        if (a.u.o->kind == K_STR) {
            StrObj *x = V_STR(a), *y = V_STR(b);
            int64_t n = x->len < y->len ? x->len : y->len;
            int c = memcmp(x->s, y->s, (size_t)n);
            if (c == 0)
                c = (x->len > y->len) - (x->len < y->len);
            return cmp_result(op, c);
        }
        Value *xi = NULL, *yi = NULL;
        int64_t xn = 0, yn = 0;
        if (seq_items(a, &xi, &xn) && seq_items(b, &yi, &yn)) {
            for (int64_t i = 0; i < xn && i < yn; i++) {
                int e = v_eq(ts, xi[i], yi[i]);
                if (e < 0)
                    return -1;
                if (!e)
                    return v_compare(ts, op, xi[i], yi[i]);
            }
            return cmp_result(op, (xn > yn) - (xn < yn));
        }
        if (a.u.o->kind == K_INST) {
            static const char *const dunder[] = {
                [OP_LT] = "__lt__", [OP_LE] = "__le__", [OP_GT] = "__gt__", [OP_GE] = "__ge__",
            };
            StrObj *n = str_intern(ts->in, dunder[op], 6);
            if (class_lookup(((InstObj *)a.u.o)->cls, n)) {
                Value r = vm_call_method(ts, a, n, &b, 1);
                if (r.tag == V_EXC)
                    return -1;
                int t = v_truthy(r);
                v_decref(ts->in, r);
                return t;
            }
        }
    }
    vm_raise(ts, EXC_TypeError, "'%s' not supported between instances of '%s' and '%s'",
             cmp_sym[op], v_typename(ts->in, a), v_typename(ts->in, b));
    return -1;
}

int v_as_index(VmThread *ts, Value v, int64_t *out, const char *what)
{
    if (v.tag == V_INT || v.tag == V_BOOL) {
        *out = v.u.i;
        return 0;
    }
    vm_raise(ts, EXC_TypeError, "%s must be integers or slices, not %s", what, v_typename(ts->in, v));
    return -1;
}

static int seq_repr(VmThread *ts, StrBuf *sb, Value *items, int64_t n, char open, char close, bool tuple)
{
    sb_putc(sb, open);
    for (int64_t i = 0; i < n; i++) {
        if (i)
            sb_append(sb, ", ", 2);
        if (v_repr_into(ts, sb, items[i]) < 0)
            return -1;
    }
    if (tuple && n == 1)
        sb_putc(sb, ',');
    sb_putc(sb, close);
    return 0;
}

/* repr() of anything, appended to a StrBuf. */
int v_repr_into(VmThread *ts, void *sbv, Value v)
{
    StrBuf *sb = sbv;
    Interp *in = ts->in;
    switch (v.tag) {
    case V_NONE: sb_puts(sb, "None"); return 0;
    case V_BOOL: sb_puts(sb, v.u.i ? "True" : "False"); return 0;
    case V_INT: fmt_int(sb, v.u.i); return 0;
    case V_FLOAT: fmt_float_repr(sb, v.u.f); return 0;
    case V_OBJ: break;
    default: sb_puts(sb, "<undefined>"); return 0;
    }
    Obj *o = v.u.o;
    switch ((Kind)o->kind) {
    case K_STR: str_repr_into(sb, ((StrObj *)o)->s, (size_t)((StrObj *)o)->len); return 0;
    case K_LIST: {
        if (ts->depth > in->recursion_limit) {
            vm_raise(ts, EXC_RecursionError, "maximum recursion depth exceeded while getting the repr of an object");
            return -1;
        }
        if (o->flags & 1) {             /* a list that contains itself */
            sb_puts(sb, "[...]");
            return 0;
        }
        o->flags |= 1;
        ts->depth++;
        int r = seq_repr(ts, sb, ((ListObj *)o)->items, ((ListObj *)o)->len, '[', ']', false);
        ts->depth--;
        o->flags &= (uint16_t)~1u;
        return r;
    }
    case K_TUPLE: return seq_repr(ts, sb, ((TupleObj *)o)->items, ((TupleObj *)o)->len, '(', ')', true);
    case K_RANGE: {
        RangeObj *r = (RangeObj *)o;
        if (r->step == 1)
            sb_printf(sb, "range(%lld, %lld)", (long long)r->start, (long long)r->stop);
        else
            sb_printf(sb, "range(%lld, %lld, %lld)", (long long)r->start, (long long)r->stop, (long long)r->step);
        return 0;
    }
    case K_FUNC: sb_printf(sb, "<function %s at %p>", ((FuncObj *)o)->info->name, (void *)o); return 0;
    case K_BUILTIN:
        if (o->flags & BF_METHOD)
            sb_printf(sb, "<method '%s'>", ((BuiltinObj *)o)->name);
        else
            sb_printf(sb, "<built-in function %s>", ((BuiltinObj *)o)->name);
        return 0;
    case K_BOUND: {
        BoundObj *b = (BoundObj *)o;
        const char *fname = v_is(b->func, K_FUNC) ? ((FuncObj *)b->func.u.o)->info->name
                                                   : ((BuiltinObj *)b->func.u.o)->name;
        sb_printf(sb, "<bound method %s.%s of ", v_typename(in, b->self), fname);
        if (v_repr_into(ts, sb, b->self) < 0)
            return -1;
        sb_putc(sb, '>');
        return 0;
    }
    case K_CLASS: {
        ClassObj *c = (ClassObj *)o;
        if (c->module && strcmp(c->module, "builtins") != 0)
            sb_printf(sb, "<class '%s.%s'>", c->module, c->name->s);
        else
            sb_printf(sb, "<class '%s'>", c->name->s);
        return 0;
    }
    case K_INST: {
        InstObj *i = (InstObj *)o;
        if (i->cls->cflags & CF_EXC) {
            if (!class_lookup(i->cls, in->s_repr) || class_lookup(i->cls, in->s_repr)->tag != V_OBJ
                || class_lookup(i->cls, in->s_repr)->u.o->kind != K_FUNC) {
                sb_puts(sb, i->cls->name->s);
                Value args = i->args;
                if (v_is(args, K_TUPLE) && V_TUPLE(args)->len == 1) {
                    sb_putc(sb, '(');
                    if (v_repr_into(ts, sb, V_TUPLE(args)->items[0]) < 0)
                        return -1;
                    sb_putc(sb, ')');
                    return 0;
                }
                if (v_is(args, K_TUPLE))
                    return v_repr_into(ts, sb, args);
                sb_puts(sb, "()");
                return 0;
            }
        }
        Value *m = class_lookup(i->cls, in->s_repr);
        if (m && v_is(*m, K_FUNC)) {
            Value r = vm_call(ts, *m, &v, 1, NULL);
            if (r.tag == V_EXC)
                return -1;
            if (!v_is(r, K_STR)) {
                vm_raise(ts, EXC_TypeError, "__repr__ returned non-string (type %s)", v_typename(in, r));
                v_decref(in, r);
                return -1;
            }
            sb_append(sb, V_STR(r)->s, (size_t)V_STR(r)->len);
            v_decref(in, r);
            return 0;
        }
        sb_printf(sb, "<%s.%s object at %p>", i->cls->module ? i->cls->module : "__main__", i->cls->name->s, (void *)o);
        return 0;
    }
    case K_MODULE: sb_printf(sb, "<module '%s' (built-in)>", ((ModuleObj *)o)->name->s); return 0;
    case K_SUPER: sb_printf(sb, "<super: <class '%s'>, <%s object>>", ((SuperObj *)o)->cls->name->s,
                            v_typename(in, ((SuperObj *)o)->self)); return 0;
    default: sb_printf(sb, "<%s object at %p>", v_typename(in, v), (void *)o); return 0;
    }
}

/* str() of anything, appended to a StrBuf. */
int v_str_into(VmThread *ts, void *sbv, Value v)
{
    StrBuf *sb = sbv;
    if (v_is(v, K_STR)) {
        sb_append(sb, V_STR(v)->s, (size_t)V_STR(v)->len);
        return 0;
    }
    if (v_is(v, K_INST)) {
        InstObj *i = (InstObj *)v.u.o;
        Value *m = class_lookup(i->cls, ts->in->s_str);
        if (m && (v_is(*m, K_FUNC) || v_is(*m, K_BUILTIN))) {
            Value r = vm_call(ts, *m, &v, 1, NULL);
            if (r.tag == V_EXC)
                return -1;
            if (!v_is(r, K_STR)) {
                vm_raise(ts, EXC_TypeError, "__str__ returned non-string (type %s)", v_typename(ts->in, r));
                v_decref(ts->in, r);
                return -1;
            }
            sb_append(sb, V_STR(r)->s, (size_t)V_STR(r)->len);
            v_decref(ts->in, r);
            return 0;
        }
        if (i->cls->cflags & CF_EXC) {
            Value s = exc_str(ts, i);
            if (s.tag == V_EXC)
                return -1;
            sb_append(sb, V_STR(s)->s, (size_t)V_STR(s)->len);
            v_decref(ts->in, s);
            return 0;
        }
    }
    return v_repr_into(ts, sb, v);
}

static Value sb_to_str(VmThread *ts, StrBuf *sb, int rc)
{
    Value r = rc < 0 ? VEXC : str_new(ts, sb->buf ? sb->buf : "", sb->len);
    sb_free(sb);
    return r;
}

Value v_repr(VmThread *ts, Value v)
{
    StrBuf sb;
    sb_init(&sb);
    return sb_to_str(ts, &sb, v_repr_into(ts, &sb, v));
}

Value v_str(VmThread *ts, Value v)
{
    if (v_is(v, K_STR)) {
        v_incref(v);
        return v;
    }
    StrBuf sb;
    sb_init(&sb);
    return sb_to_str(ts, &sb, v_str_into(ts, &sb, v));
}
