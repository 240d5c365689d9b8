/* Operators: arithmetic with 64-bit overflow checks, comparisons, `in`,
 * indexing and slicing.  The evaluator inlines the int fast paths and comes
 * here for everything else. */
#include <math.h>
#include <string.h>

#include "vm/interp.h"

static const char *const op_sym[OP_COUNT] = {
    [OP_ADD] = "+", [OP_SUB] = "-", [OP_MUL] = "*", [OP_DIV] = "/", [OP_FLOORDIV] = "//",
    [OP_MOD] = "%", [OP_POW] = "** or pow()",
};

/* User classes may overload binary operators. */
static const char *const op_dunder[OP_COUNT] = {
    [OP_ADD] = "__add__", [OP_SUB] = "__sub__", [OP_MUL] = "__mul__", [OP_DIV] = "__truediv__",
    [OP_FLOORDIV] = "__floordiv__", [OP_MOD] = "__mod__", [OP_POW] = "__pow__",
};

Value vm_overflow(VmThread *ts)
{
    return vm_raise(ts, EXC_OverflowError, "integer result does not fit in 64-bit int (parlab ints are 64-bit)");
}

static Value int_pow(VmThread *ts, int64_t a, int64_t b)
{
    if (b < 0) {
        if (a == 0)
            return vm_raise(ts, EXC_ZeroDivisionError, "0.0 cannot be raised to a negative power");
        return vfloat(pow((double)a, (double)b));
    }
    int64_t r = 1;
    while (b) {
        if (b & 1 && __builtin_mul_overflow(r, a, &r))
            return vm_overflow(ts);
        b >>= 1;
        if (b && __builtin_mul_overflow(a, a, &a))
            return vm_overflow(ts);
    }
    return vint(r);
}

/* int / int rounded once, as CPython does, even past 2**53: exact in
 * long double when both fit its 64-bit mantissa. */
static double int_truediv(int64_t a, int64_t b)
{
    const int64_t exact = (int64_t)1 << 53;
    if (a > -exact && a < exact && b > -exact && b < exact)
        return (double)a / (double)b;
    return (double)((long double)a / (long double)b);
}

static Value int_binop(VmThread *ts, int op, int64_t a, int64_t b)
{
    int64_t r;
    switch (op) {
    case OP_ADD: if (__builtin_add_overflow(a, b, &r)) return vm_overflow(ts); return vint(r);
    case OP_SUB: if (__builtin_sub_overflow(a, b, &r)) return vm_overflow(ts); return vint(r);
    case OP_MUL: if (__builtin_mul_overflow(a, b, &r)) return vm_overflow(ts); return vint(r);
    case OP_DIV:
        if (b == 0)
            return vm_raise(ts, EXC_ZeroDivisionError, "division by zero");
        return vfloat(int_truediv(a, b));
    case OP_FLOORDIV:
        if (b == 0)
            return vm_raise(ts, EXC_ZeroDivisionError, "integer division or modulo by zero");
        if (a == INT64_MIN && b == -1)
            return vm_overflow(ts);
        r = a / b;
        if ((a % b != 0) && ((a < 0) != (b < 0)))
            r--;
        return vint(r);
    case OP_MOD:
        if (b == 0)
            return vm_raise(ts, EXC_ZeroDivisionError, "integer modulo by zero");
        if (b == -1)
            return vint(0);
        r = a % b;
        if (r != 0 && ((r < 0) != (b < 0)))
            r += b;
        return vint(r);
    case OP_POW:
        return int_pow(ts, a, b);
    }
    return VNONE;
}

static Value float_binop(VmThread *ts, int op, double a, double b)
{
    switch (op) {
    case OP_ADD: return vfloat(a + b);
    case OP_SUB: return vfloat(a - b);
    case OP_MUL: return vfloat(a * b);
    case OP_DIV:
        if (b == 0.0)
            return vm_raise(ts, EXC_ZeroDivisionError, "float division by zero");
        return vfloat(a / b);
    case OP_FLOORDIV: case OP_MOD: {
        if (b == 0.0)
            return vm_raise(ts, EXC_ZeroDivisionError, op == OP_MOD ? "float modulo" : "float floor division by zero");
        double mod = fmod(a, b), div = (a - mod) / b;
        if (mod != 0.0) {
            if ((b < 0) != (mod < 0)) {
                mod += b;
                div -= 1.0;
            }
        } else {
            mod = copysign(0.0, b);
        }
        if (op == OP_MOD)
            return vfloat(mod);
        double fd;
        if (div != 0.0) {
            fd = floor(div);
            if (div - fd > 0.5)
                fd += 1.0;
        } else {
            fd = copysign(0.0, a / b);
        }
        return vfloat(fd);
    }
    case OP_POW: {
        if (a == 0.0 && b < 0)
            return vm_raise(ts, EXC_ZeroDivisionError, "0.0 cannot be raised to a negative power");
        if (a < 0 && b != floor(b))
            return vm_raise(ts, EXC_ValueError, "negative number cannot be raised to a fractional power");
        double r = pow(a, b);
        if (isinf(r) && !isinf(a) && !isinf(b))
            return vm_raise(ts, EXC_OverflowError, "(34, 'Numerical result out of range')");
        return vfloat(r);
    }
    }
    return VNONE;
}

static bool is_intlike(Value v) { return v.tag == V_INT || v.tag == V_BOOL; }
static bool is_seq(Value v) { return v_is(v, K_LIST) || v_is(v, K_TUPLE); }

Value vm_binop(VmThread *ts, int op, Value a, Value b)
{
    if (is_intlike(a) && is_intlike(b))
        return int_binop(ts, op, a.u.i, b.u.i);
    if ((is_intlike(a) || a.tag == V_FLOAT) && (is_intlike(b) || b.tag == V_FLOAT))
        return float_binop(ts, op, a.tag == V_FLOAT ? a.u.f : (double)a.u.i,
                           b.tag == V_FLOAT ? b.u.f : (double)b.u.i);
    if (op == OP_ADD) {
        if (v_is(a, K_STR) && v_is(b, K_STR))
            return str_concat(ts, V_STR(a), V_STR(b));
        if (is_seq(a) && b.tag == V_OBJ && a.u.o->kind == b.u.o->kind)
            return seq_concat(ts, a, b);
        if (v_is(a, K_STR) || is_seq(a)) {
            if (!v_is(b, K_INST))
                return vm_raise(ts, EXC_TypeError, "can only concatenate %s (not \"%s\") to %s",
                                v_typename(ts->in, a), v_typename(ts->in, b), v_typename(ts->in, a));
        }
    }
    if (op == OP_MOD && v_is(a, K_STR))
        return str_percent(ts, V_STR(a), b);
    if (op == OP_MUL) {
        Value seq = a, n = b;
        if (is_intlike(a)) {
            seq = b;
            n = a;
        }
        if (is_intlike(n)) {
            if (v_is(seq, K_STR))
                return str_repeat(ts, V_STR(seq), n.u.i);
            if (is_seq(seq))
                return seq_repeat(ts, seq, n.u.i);
        }
        if ((v_is(a, K_STR) || is_seq(a)) && !v_is(b, K_INST))
            return vm_raise(ts, EXC_TypeError, "can't multiply sequence by non-int of type '%s'", v_typename(ts->in, b));
    }
    if (v_is(a, K_INST)) {
        StrObj *n = str_intern(ts->in, op_dunder[op], strlen(op_dunder[op]));
        if (class_lookup(((InstObj *)a.u.o)->cls, n))
            return vm_call_method(ts, a, n, &b, 1);
    }
    if (op == OP_POW)
        return vm_raise(ts, EXC_TypeError, "unsupported operand type(s) for ** or pow(): '%s' and '%s'",
                        v_typename(ts->in, a), v_typename(ts->in, b));
    return vm_raise(ts, EXC_TypeError, "unsupported operand type(s) for %s: '%s' and '%s'",
                    op_sym[op], v_typename(ts->in, a), v_typename(ts->in, b));
}

Value vm_unary(VmThread *ts, int op, Value a)
{
    if (op == OP_NOT) {
        int t = v_truth(ts, a);
        return t < 0 ? VEXC : vbool(!t);
    }
    if (is_intlike(a)) {
        if (op == OP_POS)
            return vint(a.u.i);
        if (a.u.i == INT64_MIN)
            return vm_overflow(ts);
        return vint(-a.u.i);
    }
    if (a.tag == V_FLOAT)
        return vfloat(op == OP_NEG ? -a.u.f : a.u.f);
    return vm_raise(ts, EXC_TypeError, "bad operand type for unary %s: '%s'",
                    op == OP_NEG ? "-" : "+", v_typename(ts->in, a));
}

static bool v_identical(Value a, Value b)
{
    if (a.tag != b.tag)
        return false;
    switch (a.tag) {
    case V_NONE: return true;
    case V_FLOAT: return a.u.f == b.u.f;
    case V_OBJ: return a.u.o == b.u.o;
    default: return a.u.i == b.u.i;
    }
}

int vm_contains(VmThread *ts, Value c, Value x)
{
    if (v_is(c, K_STR)) {
        if (!v_is(x, K_STR)) {
            vm_raise(ts, EXC_TypeError, "'in <string>' requires string as left operand, not %s", v_typename(ts->in, x));
            return -1;
        }
        return str_contains(V_STR(c), V_STR(x));
    }
    if (is_seq(c)) {
        Value *items = v_is(c, K_LIST) ? V_LIST(c)->items : V_TUPLE(c)->items;
        for (int64_t i = 0; i < (v_is(c, K_LIST) ? V_LIST(c)->len : V_TUPLE(c)->len); i++) {
            if (v_identical(items[i], x))
                return 1;
            int e = v_eq(ts, items[i], x);
            if (e)
                return e;
        }
        return 0;
    }
    if (v_is(c, K_RANGE)) {
        RangeObj *r = (RangeObj *)c.u.o;
        if (!is_intlike(x)) {
            if (x.tag == V_FLOAT && x.u.f == floor(x.u.f) && fabs(x.u.f) < 9e18)
                x = vint((int64_t)x.u.f);
            else
                return 0;
        }
        int64_t v = x.u.i;
        if (r->step > 0 ? (v < r->start || v >= r->stop) : (v > r->start || v <= r->stop))
            return 0;
        return (v - r->start) % r->step == 0;
    }
    if (v_is(c, K_INST)) {
        StrObj *n = str_intern(ts->in, "__contains__", 12);
        if (class_lookup(((InstObj *)c.u.o)->cls, n)) {
            Value r = vm_call_method(ts, c, n, &x, 1);
            if (r.tag == V_EXC)
                return -1;
            int t = v_truthy(r);
            v_decref(ts->in, r);
            return t;
        }
    }
    if (c.tag == V_OBJ && (c.u.o->kind == K_ITER || c.u.o->kind == K_INST)) {
        Value it = vm_iter(ts, c), y;
        if (it.tag == V_EXC)
            return -1;
        int r, found = 0;
        while ((r = vm_next(ts, it, &y)) == 1) {
            found = v_eq(ts, y, x);
            v_decref(ts->in, y);
            if (found)
                break;
        }
        v_decref(ts->in, it);
        return r < 0 || found < 0 ? -1 : found;
    }
    vm_raise(ts, EXC_TypeError, "argument of type '%s' is not iterable", v_typename(ts->in, c));
    return -1;
}

Value vm_compare(VmThread *ts, int op, Value a, Value b)
{
    int r;
    switch (op) {
    case OP_EQ: r = v_eq(ts, a, b); break;
    case OP_NE: r = v_eq(ts, a, b); if (r >= 0) r = !r; break;
    case OP_IS: return vbool(v_identical(a, b));
    case OP_IS_NOT: return vbool(!v_identical(a, b));
    case OP_IN: r = vm_contains(ts, b, a); break;
    case OP_NOT_IN: r = vm_contains(ts, b, a); if (r >= 0) r = !r; break;
    default: r = v_compare(ts, op, a, b); break;
    }
    return r < 0 ? VEXC : vbool(r);
}

static Value inst_dunder(VmThread *ts, Value obj, const char *name, Value *args, int nargs, bool *found)
{
    StrObj *n = str_intern(ts->in, name, strlen(name));
    *found = class_lookup(((InstObj *)obj.u.o)->cls, n) != NULL;
    return *found ? vm_call_method(ts, obj, n, args, nargs) : VNONE;
}

Value vm_subscript(VmThread *ts, Value obj, Value idx)
{
    if (obj.tag == V_OBJ) {
        int64_t i;
        switch ((Kind)obj.u.o->kind) {
        case K_LIST: {
            ListObj *l = V_LIST(obj);
            if (v_as_index(ts, idx, &i, "list indices") < 0)
                return VEXC;
            if (i < 0)
                i += l->len;
            if ((uint64_t)i >= (uint64_t)l->len)
                return vm_raise(ts, EXC_IndexError, "list index out of range");
            v_incref(l->items[i]);
            return l->items[i];
        }
        case K_TUPLE: {
            TupleObj *t = V_TUPLE(obj);
            if (v_as_index(ts, idx, &i, "tuple indices") < 0)
                return VEXC;
            if (i < 0)
                i += t->len;
            if ((uint64_t)i >= (uint64_t)t->len)
                return vm_raise(ts, EXC_IndexError, "tuple index out of range");
            v_incref(t->items[i]);
            return t->items[i];
        }
        case K_STR:
            if (!is_intlike(idx))
                return vm_raise(ts, EXC_TypeError, "string indices must be integers, not '%s'", v_typename(ts->in, idx));
            return str_char_at(ts, V_STR(obj), idx.u.i);
        case K_RANGE: {
            RangeObj *r = (RangeObj *)obj.u.o;
            if (v_as_index(ts, idx, &i, "range indices") < 0)
                return VEXC;
            if (i < 0)
                i += r->len;
            if ((uint64_t)i >= (uint64_t)r->len)
                return vm_raise(ts, EXC_IndexError, "range object index out of range");
            return vint(r->start + i * r->step);
        }
        case K_INST: {
            bool found;
            Value r = inst_dunder(ts, obj, "__getitem__", &idx, 1, &found);
            if (found)
                return r;
            break;
        }
        default:
            break;
        }
    }
    return vm_raise(ts, EXC_TypeError, "'%s' object is not subscriptable", v_typename(ts->in, obj));
}

/* obj[lo:hi:step]; the bounds are None or ints. */
Value vm_getslice(VmThread *ts, Value obj, Value lo, Value hi, Value step);
Value vm_getslice(VmThread *ts, Value obj, Value lo, Value hi, Value step)
{
    Value b[3] = { lo, hi, step };
    for (int k = 0; k < 3; k++)
        if (b[k].tag != V_NONE && !is_intlike(b[k]))
            return vm_raise(ts, EXC_TypeError, "slice indices must be integers or None or have an __index__ method");
    if (step.tag != V_NONE && step.u.i == 0)
        return vm_raise(ts, EXC_ValueError, "slice step cannot be zero");
    int64_t len, a, z, st;
    if (is_seq(obj))
        len = v_is(obj, K_LIST) ? V_LIST(obj)->len : V_TUPLE(obj)->len;
    else if (v_is(obj, K_STR))
        len = V_STR(obj)->ncp;
    else if (v_is(obj, K_RANGE))
        len = ((RangeObj *)obj.u.o)->len;
    else if (v_is(obj, K_INST)) {
        /* shared arrays (multiprocessing.Array) slice themselves */
        bool found;
        Value r = inst_dunder(ts, obj, "__getslice__", b, 3, &found);
        if (found)
            return r;
        return vm_raise(ts, EXC_TypeError, "'%s' object does not support slicing", v_typename(ts->in, obj));
    }
    else
        return vm_raise(ts, EXC_TypeError, "'%s' object is not subscriptable", v_typename(ts->in, obj));
    int64_t n = slice_indices(len, lo, hi, step, &a, &z, &st);
    if (v_is(obj, K_STR))
        return str_slice(ts, V_STR(obj), a, z, st);
    if (v_is(obj, K_RANGE)) {
        RangeObj *r = (RangeObj *)obj.u.o;
        int64_t s0 = r->start + a * r->step, s = r->step * st;
        return range_new(ts, s0, s0 + n * s, s);
    }
    return seq_slice(ts, obj, a, z, st);
}

int vm_store_subscript(VmThread *ts, Value obj, Value idx, Value v)
{
    if (v_is(obj, K_LIST)) {
        ListObj *l = V_LIST(obj);
        int64_t i;
        if (v_as_index(ts, idx, &i, "list indices") < 0)
            return -1;
        if (i < 0)
            i += l->len;
        if ((uint64_t)i >= (uint64_t)l->len) {
            vm_raise(ts, EXC_IndexError, "list assignment index out of range");
            return -1;
        }
        Value old = l->items[i];
        v_incref(v);
        l->items[i] = v;
        v_decref(ts->in, old);
        return 0;
    }
    if (v_is(obj, K_INST)) {
        bool found;
        Value a[2] = { idx, v };
        Value r = inst_dunder(ts, obj, "__setitem__", a, 2, &found);
        if (found) {
            if (r.tag == V_EXC)
                return -1;
            v_decref(ts->in, r);
            return 0;
        }
    }
    vm_raise(ts, EXC_TypeError, "'%s' object does not support item assignment", v_typename(ts->in, obj));
    return -1;
}
