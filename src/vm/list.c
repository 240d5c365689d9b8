/* list and tuple: creation, slicing, concatenation, sorting. */
#include <stdlib.h>
#include <string.h>

#include "vm/interp.h"

ListObj *list_new(VmThread *ts, int64_t cap)
{
    ListObj *l = obj_alloc(ts, K_LIST, sizeof(ListObj));
    if (!l)
        return NULL;
    if (cap < 4)
        cap = 4;
    if (vm_mem_charge(ts, cap * (int64_t)sizeof(Value)) < 0) {
        obj_decref(ts->in, &l->h);
        return NULL;
    }
    l->items = malloc((size_t)cap * sizeof(Value));
    if (!l->items)
        abort();
    l->cap = cap;
    return l;
}

int list_grow(VmThread *ts, ListObj *l, int64_t need);
int list_grow(VmThread *ts, ListObj *l, int64_t need)
{
    if (need <= l->cap)
        return 0;
    int64_t ncap = l->cap + (l->cap >> 1) + 4;
    if (ncap < need)
        ncap = need;
    if (vm_mem_charge(ts, (ncap - l->cap) * (int64_t)sizeof(Value)) < 0)
        return -1;
    Value *ni = realloc(l->items, (size_t)ncap * sizeof(Value));
    if (!ni)
        abort();
    l->items = ni;
    l->cap = ncap;
    return 0;
}

int list_append(VmThread *ts, ListObj *l, Value v)
{
    if (v.tag == V_EXC)
        return -1;
    if (l->len == l->cap && list_grow(ts, l, l->len + 1) < 0) {
        v_decref(ts->in, v);
        return -1;
    }
    l->items[l->len++] = v;
    return 0;
}

int list_extend(VmThread *ts, ListObj *l, Value iterable)
{
    if (v_is(iterable, K_LIST) || v_is(iterable, K_TUPLE)) {
        bool isl = v_is(iterable, K_LIST);
        int64_t n = isl ? V_LIST(iterable)->len : V_TUPLE(iterable)->len;
        if (list_grow(ts, l, l->len + n) < 0)
            return -1;
        Value *src = isl ? V_LIST(iterable)->items : V_TUPLE(iterable)->items;
        for (int64_t i = 0; i < n; i++) {
            v_incref(src[i]);
            l->items[l->len++] = src[i];
        }
        return 0;
    }
    Value it = vm_iter(ts, iterable);
    if (it.tag == V_EXC)
        return -1;
    Value x;
    int r;
    while ((r = vm_next(ts, it, &x)) == 1)
        if (list_append(ts, l, x) < 0) {
            r = -1;
            break;
        }
    v_decref(ts->in, it);
    return r < 0 ? -1 : 0;
}

Value list_from_iterable(VmThread *ts, Value it)
{
    ListObj *l = list_new(ts, v_is(it, K_LIST) ? V_LIST(it)->len : 4);
    if (!l)
        return VEXC;
    if (list_extend(ts, l, it) < 0) {
        obj_decref(ts->in, &l->h);
        return VEXC;
    }
    return vobj(l);
}

TupleObj *tuple_new(VmThread *ts, int64_t n)
{
    if (n == 0 && ts->in->empty_tuple) {
        ts->in->empty_tuple->h.rc++;
        return ts->in->empty_tuple;
    }
    TupleObj *t = obj_alloc(ts, K_TUPLE, sizeof(TupleObj) + (size_t)n * sizeof(Value));
    if (!t)
        return NULL;
    t->len = n;
    for (int64_t i = 0; i < n; i++)
        t->items[i] = VNONE;
    return t;
}

/* CPython's slice.indices(): clamps lo/hi (any may be None) to len. */
int64_t slice_indices(int64_t len, Value lo, Value hi, Value step, int64_t *start, int64_t *stop, int64_t *stp)
{
    int64_t st = step.tag == V_NONE ? 1 : step.u.i;
    *stp = st;
    int64_t a, b;
    if (st > 0) {
        a = lo.tag == V_NONE ? 0 : lo.u.i;
        b = hi.tag == V_NONE ? len : hi.u.i;
        if (a < 0) { a += len; if (a < 0) a = 0; } else if (a > len) a = len;
        if (b < 0) { b += len; if (b < 0) b = 0; } else if (b > len) b = len;
    } else {
        a = lo.tag == V_NONE ? len - 1 : lo.u.i;
        b = hi.tag == V_NONE ? -1 : hi.u.i;
        if (lo.tag != V_NONE) { if (a < 0) { a += len; if (a < 0) a = -1; } else if (a >= len) a = len - 1; }
        if (hi.tag != V_NONE) { if (b < 0) { b += len; if (b < 0) b = -1; } else if (b >= len) b = len - 1; }
    }
    *start = a;
    *stop = b;
    if (st > 0)
        return b > a ? (b - a + st - 1) / st : 0;
    return a > b ? (a - b - st - 1) / (-st) : 0;
}

Value seq_slice(VmThread *ts, Value seq, int64_t lo, int64_t hi, int64_t step)
{
    int64_t n = step > 0 ? (hi > lo ? (hi - lo + step - 1) / step : 0)
                         : (lo > hi ? (lo - hi - step - 1) / (-step) : 0);
    Value *src = v_is(seq, K_LIST) ? V_LIST(seq)->items : V_TUPLE(seq)->items;
    if (v_is(seq, K_LIST)) {
        ListObj *l = list_new(ts, n);
        if (!l)
            return VEXC;
        for (int64_t i = 0, j = lo; i < n; i++, j += step) {
            v_incref(src[j]);
            l->items[i] = src[j];
        }
        l->len = n;
        return vobj(l);
    }
    if (lo == 0 && step == 1 && n == V_TUPLE(seq)->len) {
        v_incref(seq);
        return seq;
    }
    TupleObj *t = tuple_new(ts, n);
    if (!t)
        return VEXC;
    for (int64_t i = 0, j = lo; i < n; i++, j += step) {
        v_incref(src[j]);
        t->items[i] = src[j];
    }
    return vobj(t);
}

Value seq_concat(VmThread *ts, Value a, Value b)
{
    bool isl = v_is(a, K_LIST);
    int64_t na = isl ? V_LIST(a)->len : V_TUPLE(a)->len;
    int64_t nb = isl ? V_LIST(b)->len : V_TUPLE(b)->len;
    Value *ia = isl ? V_LIST(a)->items : V_TUPLE(a)->items;
    Value *ib = isl ? V_LIST(b)->items : V_TUPLE(b)->items;
    Value *dst;
    Value r;
    if (isl) {
        ListObj *l = list_new(ts, na + nb);
        if (!l)
            return VEXC;
        l->len = na + nb;
        dst = l->items;
        r = vobj(l);
    } else {
        TupleObj *t = tuple_new(ts, na + nb);
        if (!t)
            return VEXC;
        dst = t->items;
        r = vobj(t);
    }
    for (int64_t i = 0; i < na; i++)
        v_incref(dst[i] = ia[i]);
    for (int64_t i = 0; i < nb; i++)
        v_incref(dst[na + i] = ib[i]);
    return r;
}

Value seq_repeat(VmThread *ts, Value a, int64_t n)
{
    bool isl = v_is(a, K_LIST);
    int64_t len = isl ? V_LIST(a)->len : V_TUPLE(a)->len;
    Value *src = isl ? V_LIST(a)->items : V_TUPLE(a)->items;
    if (n < 0)
        n = 0;
    if (len && n > ((int64_t)1 << 40) / len)
        return vm_raise(ts, EXC_MemoryError, "repeated sequence is too long");
    int64_t total = len * n;
    Value *dst;
    Value r;
    if (isl) {
        ListObj *l = list_new(ts, total);
        if (!l)
            return VEXC;
        l->len = total;
        dst = l->items;
        r = vobj(l);
    } else {
        TupleObj *t = tuple_new(ts, total);
        if (!t)
            return VEXC;
        dst = t->items;
        r = vobj(t);
    }
    for (int64_t k = 0; k < n; k++)
        for (int64_t i = 0; i < len; i++)
            v_incref(dst[k * len + i] = src[i]);
    return r;
}

/* Stable merge sort on (key, value) pairs; comparisons may raise. */
typedef struct {
    Value key, val;
} SortItem;

static int sort_lt(VmThread *ts, Value a, Value b)
{
    if (a.tag == V_INT && b.tag == V_INT)
        return a.u.i < b.u.i;
    return v_compare(ts, OP_LT, a, b);
}

static int merge_sort(VmThread *ts, SortItem *a, SortItem *tmp, int64_t n, bool reverse)
{
    if (n < 2)
        return 0;
    int64_t m = n / 2;
    if (merge_sort(ts, a, tmp, m, reverse) < 0 || merge_sort(ts, a + m, tmp, n - m, reverse) < 0)
        return -1;
    int64_t i = 0, j = m, k = 0;
    while (i < m && j < n) {
        /* reverse keeps stability: take from the right only when strictly greater */
        int lt = reverse ? sort_lt(ts, a[i].key, a[j].key) : sort_lt(ts, a[j].key, a[i].key);
        if (lt < 0)
            return -1;
        tmp[k++] = lt ? a[j++] : a[i++];
    }
    while (i < m)
        tmp[k++] = a[i++];
    while (j < n)
        tmp[k++] = a[j++];
    memcpy(a, tmp, (size_t)n * sizeof *a);
    return 0;
}

int list_sort(VmThread *ts, ListObj *l, Value key, bool reverse)
{
    int64_t n = l->len;
    SortItem *items = malloc((size_t)(n ? n : 1) * sizeof *items);
    SortItem *tmp = malloc((size_t)(n ? n : 1) * sizeof *tmp);
    if (!items || !tmp)
        abort();
    int rc = 0;
    int64_t nk = 0;
    for (int64_t i = 0; i < n; i++) {
        items[i].val = l->items[i];
        if (key.tag != V_NONE) {
            Value k = vm_call(ts, key, &l->items[i], 1, NULL);
            if (k.tag == V_EXC) {
                rc = -1;
                break;
            }
            items[i].key = k;
            nk++;
        } else {
            items[i].key = l->items[i];
        }
    }
    if (rc == 0)
        rc = merge_sort(ts, items, tmp, n, reverse);
    if (rc == 0 && l->len == n)
        for (int64_t i = 0; i < n; i++)
            l->items[i] = items[i].val;
    if (key.tag != V_NONE)
        for (int64_t i = 0; i < nk; i++)
            v_decref(ts->in, items[i].key);
    free(items);
    free(tmp);
    return rc;
}
