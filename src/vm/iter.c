/* Iteration: one IterObj kind covers sequences, str, range, enumerate, zip
 * and reversed.  Instances iterate through __iter__/__next__ (so library
 * classes such as multiprocessing.Array can plug in). */
#include <stdlib.h>

#include "vm/interp.h"

Value range_new(VmThread *ts, int64_t start, int64_t stop, int64_t step)
{
    RangeObj *r = obj_alloc(ts, K_RANGE, sizeof(RangeObj));
    if (!r)
        return VEXC;
    r->start = start;
    r->stop = stop;
    r->step = step;
    if (step > 0)
        r->len = stop > start ? (int64_t)(((uint64_t)stop - (uint64_t)start - 1) / (uint64_t)step + 1) : 0;
    else
        r->len = start > stop ? (int64_t)(((uint64_t)start - (uint64_t)stop - 1) / (uint64_t)(-step) + 1) : 0;
    return vobj(r);
}

static IterObj *iter_alloc(VmThread *ts, IterKind k, Value src)
{
    IterObj *it = obj_alloc(ts, K_ITER, sizeof(IterObj));
    if (!it)
        return NULL;
    it->ik = k;
    v_incref(src);
    it->src = src;
    return it;
}

Value vm_iter(VmThread *ts, Value v)
{
    if (v.tag == V_OBJ) {
        IterObj *it = NULL;
        switch ((Kind)v.u.o->kind) {
        case K_LIST: case K_TUPLE:
            it = iter_alloc(ts, IT_SEQ, v);
            break;
        case K_STR:
            it = iter_alloc(ts, IT_STR, v);
            break;
        case K_RANGE: {
            RangeObj *r = (RangeObj *)v.u.o;
            it = iter_alloc(ts, IT_RANGE, VNONE);
            if (it) {
                it->pos = r->start;
                it->end = r->len;
                it->step = r->step;
            }
            break;
        }
        case K_ITER:
            v_incref(v);
            return v;
        case K_INST: {
            StrObj *n = str_intern(ts->in, "__iter__", 8);
            if (class_lookup(((InstObj *)v.u.o)->cls, n))
                return vm_call_method(ts, v, n, NULL, 0);
            break;
        }
        default:
            break;
        }
        if (it)
            return vobj(it);
        if (ts->exc.tag != V_UNDEF)
            return VEXC;
    }
    return vm_raise(ts, EXC_TypeError, "'%s' object is not iterable", v_typename(ts->in, v));
}

static int seq_next(IterObj *it, Value *out)
{
    Value *items;
    int64_t n;
    if (v_is(it->src, K_LIST)) {
        items = V_LIST(it->src)->items;
        n = V_LIST(it->src)->len;
    } else {
        items = V_TUPLE(it->src)->items;
        n = V_TUPLE(it->src)->len;
    }
    if (it->ik == IT_REVSEQ) {
        if (it->pos < 0 || it->pos >= n)
            return 0;
        *out = items[it->pos--];
    } else {
        if (it->pos >= n)
            return 0;
        *out = items[it->pos++];
    }
    v_incref(*out);
    return 1;
}

int vm_next(VmThread *ts, Value itv, Value *out)
{
    if (v_is(itv, K_INST)) {
        Value r = vm_call_method(ts, itv, str_intern(ts->in, "__next__", 8), NULL, 0);
        if (r.tag != V_EXC) {
            *out = r;
            return 1;
        }
        if (vm_exc_isa(ts->in, ts->exc, ts->in->exc[EXC_StopIteration])) {
            v_decref(ts->in, ts->exc);
            ts->exc = VUNDEF;
            return 0;
        }
        return -1;
    }
    if (!v_is(itv, K_ITER)) {
        vm_raise(ts, EXC_TypeError, "'%s' object is not an iterator", v_typename(ts->in, itv));
        return -1;
    }
    IterObj *it = (IterObj *)itv.u.o;
    switch (it->ik) {
    case IT_SEQ: case IT_REVSEQ:
        return seq_next(it, out);
    case IT_STR: {
        StrObj *s = V_STR(it->src);
        if (it->pos >= s->len)
            return 0;
        int64_t b = it->pos + 1;
        while (b < s->len && ((unsigned char)s->s[b] & 0xC0) == 0x80)
            b++;
        *out = str_new(ts, s->s + it->pos, (size_t)(b - it->pos));
        it->pos = b;
        return out->tag == V_EXC ? -1 : 1;
    }
    case IT_RANGE:
        if (it->end <= 0)
            return 0;
        *out = vint(it->pos);
        it->pos += it->step;
        it->end--;
        return 1;
    case IT_ENUM: {
        Value x;
        int r = vm_next(ts, it->subs[0], &x);
        if (r <= 0)
            return r;
        TupleObj *t = tuple_new(ts, 2);
        if (!t) {
            v_decref(ts->in, x);
            return -1;
        }
        t->items[0] = vint(it->pos++);
        t->items[1] = x;
        *out = vobj(t);
        return 1;
    }
    case IT_ZIP: {
        TupleObj *t = tuple_new(ts, it->nsub);
        if (!t)
            return -1;
        for (int i = 0; i < it->nsub; i++) {
            int r = vm_next(ts, it->subs[i], &t->items[i]);
            if (r <= 0) {
                obj_decref(ts->in, &t->h);
                return r;
            }
        }
        *out = vobj(t);
        return 1;
    }
    }
    return 0;
}

Value iter_enumerate(VmThread *ts, Value src, int64_t start)
{
    Value inner = vm_iter(ts, src);
    if (inner.tag == V_EXC)
        return VEXC;
    IterObj *it = iter_alloc(ts, IT_ENUM, VNONE);
    if (!it) {
        v_decref(ts->in, inner);
        return VEXC;
    }
    it->subs = malloc(sizeof(Value));
    it->subs[0] = inner;
    it->nsub = 1;
    it->pos = start;
    return vobj(it);
}

Value iter_zip(VmThread *ts, Value *srcs, int n)
{
    IterObj *it = iter_alloc(ts, IT_ZIP, VNONE);
    if (!it)
        return VEXC;
    it->subs = malloc(sizeof(Value) * (size_t)(n ? n : 1));
    for (int i = 0; i < n; i++) {
        Value s = vm_iter(ts, srcs[i]);
        if (s.tag == V_EXC) {
            obj_decref(ts->in, &it->h);
            return VEXC;
        }
        it->subs[it->nsub++] = s;
    }
    return vobj(it);
}

Value iter_reversed(VmThread *ts, Value seq)
{
    if (v_is(seq, K_LIST) || v_is(seq, K_TUPLE)) {
        IterObj *it = iter_alloc(ts, IT_REVSEQ, seq);
        if (!it)
            return VEXC;
        it->pos = (v_is(seq, K_LIST) ? V_LIST(seq)->len : V_TUPLE(seq)->len) - 1;
        return vobj(it);
    }
    if (v_is(seq, K_RANGE)) {
        RangeObj *r = (RangeObj *)seq.u.o;
        IterObj *it = iter_alloc(ts, IT_RANGE, VNONE);
        if (!it)
            return VEXC;
        it->pos = r->start + (r->len - 1) * r->step;
        it->end = r->len;
        it->step = -r->step;
        return vobj(it);
    }
    if (v_is(seq, K_STR)) {
        Value l = list_from_iterable(ts, seq);
        if (l.tag == V_EXC)
            return VEXC;
        Value r = iter_reversed(ts, l);
        v_decref(ts->in, l);
        return r;
    }
    return vm_raise(ts, EXC_TypeError, "'%s' object is not reversible", v_typename(ts->in, seq));
}
