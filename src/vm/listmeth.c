/* Methods of list and tuple, registered by types_init. */
#include <string.h>

#include "vm/interp.h"

#define SELF V_LIST(args[0])

/* Index arguments of methods (pop, insert) use CPython's __index__ wording. */
static int want_int(VmThread *ts, Value v, int64_t *out)
{
    if (v.tag == V_INT || v.tag == V_BOOL) {
        *out = v.u.i;
        return 0;
    }
    vm_raise(ts, EXC_TypeError, "'%s' object cannot be interpreted as an integer", v_typename(ts->in, v));
    return -1;
}

int list_grow(VmThread *ts, ListObj *l, int64_t need);

static Value list_m_append(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    if (vm_args_check(ts, "list.append", nargs - 1, 1, 1, kw) < 0)
        return VEXC;
    v_incref(args[1]);
    if (list_append(ts, SELF, args[1]) < 0)
        return VEXC;
    return VNONE;
}

static Value list_m_extend(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    if (vm_args_check(ts, "list.extend", nargs - 1, 1, 1, kw) < 0)
        return VEXC;
    if (args[1].tag == V_OBJ && args[1].u.o == args[0].u.o) {
        Value copy = list_from_iterable(ts, args[1]);
        if (copy.tag == V_EXC)
            return VEXC;
        int r = list_extend(ts, SELF, copy);
        v_decref(ts->in, copy);
        return r < 0 ? VEXC : VNONE;
    }
    return list_extend(ts, SELF, args[1]) < 0 ? VEXC : VNONE;
}

static Value list_m_pop(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    if (vm_args_check(ts, "pop", nargs - 1, 0, 1, kw) < 0)
        return VEXC;
    ListObj *l = SELF;
    int64_t i = -1;
    if (nargs > 1 && want_int(ts, args[1], &i) < 0)
        return VEXC;
    if (l->len == 0)
        return vm_raise(ts, EXC_IndexError, "pop from empty list");
    if (i < 0)
        i += l->len;
    if (i < 0 || i >= l->len)
        return vm_raise(ts, EXC_IndexError, "pop index out of range");
    Value v = l->items[i];
    memmove(&l->items[i], &l->items[i + 1], (size_t)(l->len - i - 1) * sizeof(Value));
    l->len--;
    return v;
}

static Value list_m_insert(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    if (vm_args_check(ts, "insert", nargs - 1, 2, 2, kw) < 0)
        return VEXC;
    ListObj *l = SELF;
    int64_t i;
    if (want_int(ts, args[1], &i) < 0)
        return VEXC;
    if (i < 0) {
        i += l->len;
        if (i < 0)
            i = 0;
    } else if (i > l->len) {
        i = l->len;
    }
    if (list_grow(ts, l, l->len + 1) < 0)
        return VEXC;
    memmove(&l->items[i + 1], &l->items[i], (size_t)(l->len - i) * sizeof(Value));
    v_incref(args[2]);
    l->items[i] = args[2];
    l->len++;
    return VNONE;
}

static Value seq_find(VmThread *ts, Value *items, int64_t n, Value x, int64_t *at)
{
    for (int64_t i = 0; i < n; i++) {
        int e = v_eq(ts, items[i], x);
        if (e < 0)
            return VEXC;
        if (e) {
            *at = i;
            return VNONE;
        }
    }
    *at = -1;
    return VNONE;
}

static Value list_m_index(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    if (vm_args_check(ts, "index", nargs - 1, 1, 3, kw) < 0)
        return VEXC;
    bool isl = v_is(args[0], K_LIST);
    Value *items = isl ? SELF->items : V_TUPLE(args[0])->items;
    int64_t n = isl ? SELF->len : V_TUPLE(args[0])->len, at;
    int64_t start = 0, stop = n;
    for (int k = 2; k < nargs; k++)
        if (args[k].tag != V_INT && args[k].tag != V_BOOL)
            return vm_raise(ts, EXC_TypeError, "slice indices must be integers or have an __index__ method");
    if (nargs > 2)
        start = args[2].u.i;
    if (nargs > 3)
        stop = args[3].u.i;
    if (start < 0) start = start + n < 0 ? 0 : start + n;
    if (stop < 0) stop = stop + n < 0 ? 0 : stop + n;
    if (stop > n) stop = n;
    if (start < stop) {
        if (seq_find(ts, items + start, stop - start, args[1], &at).tag == V_EXC)
            return VEXC;
        if (at >= 0)
            return vint(at + start);
    }
    if (!isl)
        return vm_raise(ts, EXC_ValueError, "tuple.index(x): x not in tuple");
    Value r = v_repr(ts, args[1]);
    if (r.tag == V_EXC)
        return VEXC;
    vm_raise(ts, EXC_ValueError, "%s is not in list", V_STR(r)->s);
    v_decref(ts->in, r);
    return VEXC;
}

static Value list_m_count(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    if (vm_args_check(ts, "count", nargs - 1, 1, 1, kw) < 0)
        return VEXC;
    bool isl = v_is(args[0], K_LIST);
    Value *items = isl ? SELF->items : V_TUPLE(args[0])->items;
    int64_t n = isl ? SELF->len : V_TUPLE(args[0])->len, c = 0;
    for (int64_t i = 0; i < n; i++) {
        int e = v_eq(ts, items[i], args[1]);
        if (e < 0)
            return VEXC;
        c += e;
    }
    return vint(c);
}

static Value list_m_remove(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    if (vm_args_check(ts, "remove", nargs - 1, 1, 1, kw) < 0)
        return VEXC;
    ListObj *l = SELF;
    int64_t at;
    if (seq_find(ts, l->items, l->len, args[1], &at).tag == V_EXC)
        return VEXC;
    if (at < 0)
        return vm_raise(ts, EXC_ValueError, "list.remove(x): x not in list");
    Value v = l->items[at];
    memmove(&l->items[at], &l->items[at + 1], (size_t)(l->len - at - 1) * sizeof(Value));
    l->len--;
    v_decref(ts->in, v);
    return VNONE;
}

static Value list_m_reverse(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    if (vm_args_check(ts, "reverse", nargs - 1, 0, 0, kw) < 0)
        return VEXC;
    ListObj *l = SELF;
    for (int64_t i = 0, j = l->len - 1; i < j; i++, j--) {
        Value t = l->items[i];
        l->items[i] = l->items[j];
        l->items[j] = t;
    }
    return VNONE;
}

static Value list_m_clear(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    if (vm_args_check(ts, "clear", nargs - 1, 0, 0, kw) < 0)
        return VEXC;
    ListObj *l = SELF;
    int64_t n = l->len;
    l->len = 0;
    for (int64_t i = 0; i < n; i++)
        v_decref(ts->in, l->items[i]);
    return VNONE;
}

static Value list_m_copy(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    if (vm_args_check(ts, "copy", nargs - 1, 0, 0, kw) < 0)
        return VEXC;
    return seq_slice(ts, args[0], 0, SELF->len, 1);
}

static Value list_m_sort(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    if (nargs > 1)
        return vm_raise(ts, EXC_TypeError, "sort() takes no positional arguments");
    Value key = VNONE;
    bool reverse = false;
    for (int i = 0; kw && i < kw->n; i++) {
        if (kw->names[i] == ts->in->s_key)
            key = kw->vals[i];
        else if (kw->names[i] == ts->in->s_reverse)
            reverse = v_truthy(kw->vals[i]);
        else
            return vm_raise(ts, EXC_TypeError, "sort() got an unexpected keyword argument '%s'", kw->names[i]->s);
    }
    return list_sort(ts, SELF, key, reverse) < 0 ? VEXC : VNONE;
}

static const VmModFunc list_methods[] = {
    { "append", list_m_append }, { "extend", list_m_extend }, { "pop", list_m_pop },
    { "insert", list_m_insert }, { "index", list_m_index }, { "count", list_m_count },
    { "remove", list_m_remove }, { "reverse", list_m_reverse }, { "clear", list_m_clear },
    { "copy", list_m_copy }, { "sort", list_m_sort },
    { NULL, NULL },
};

static const VmModFunc tuple_methods[] = {
    { "index", list_m_index }, { "count", list_m_count },
    { NULL, NULL },
};

void list_methods_init(VmThread *ts, ClassObj *list, ClassObj *tuple);
void list_methods_init(VmThread *ts, ClassObj *list, ClassObj *tuple)
{
    for (const VmModFunc *m = list_methods; m->name; m++)
        class_add_method(ts, list, m->name, m->fn);
    for (const VmModFunc *m = tuple_methods; m->name; m++)
        class_add_method(ts, tuple, m->name, m->fn);
}
