/* Constructors of the builtin types (int(), float(), str(), ...) and the
 * numeric builtins (round, abs, divmod, pow, hash, chr, ord). */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vm/format.h"
#include "vm/interp.h"

static Value float_to_int(VmThread *ts, double d)
{
    if (isnan(d))
        return vm_raise(ts, EXC_ValueError, "cannot convert float NaN to integer");
    if (isinf(d))
        return vm_raise(ts, EXC_OverflowError, "cannot convert float infinity to integer");
    d = trunc(d);
    if (d >= 9223372036854775808.0 || d < -9223372036854775808.0)
        return vm_overflow(ts);
    return vint((int64_t)d);
}

static Value parse_int(VmThread *ts, StrObj *s, int base)
{
    const char *p = s->s, *end = s->s + s->len;
    while (p < end && isspace((unsigned char)*p))
        p++;
    while (end > p && isspace((unsigned char)end[-1]))
        end--;
    bool neg = false;
    const char *q = p;
    if (q < end && (*q == '+' || *q == '-'))
        neg = *q++ == '-';
    if (base == 0 || base == 16 || base == 8 || base == 2) {
        if (end - q > 2 && q[0] == '0' && strchr("xXoObB", q[1])) {
            int b = tolower((unsigned char)q[1]) == 'x' ? 16 : tolower((unsigned char)q[1]) == 'o' ? 8 : 2;
            if (base == 0 || base == b) {
                base = b;
                q += 2;
                if (q < end && *q == '_')
                    q++;
            }
        }
        if (base == 0)
            base = 10;
    }
    uint64_t v = 0;
    int digits = 0;
    bool ok = q < end, over = false;
    for (const char *c = q; c < end; c++) {
        if (*c == '_' && digits && c + 1 < end && c[1] != '_')
            continue;
        int d = isdigit((unsigned char)*c) ? *c - '0' : isalpha((unsigned char)*c) ? tolower((unsigned char)*c) - 'a' + 10 : 99;
        if (d >= base) {
            ok = false;
            break;
        }
        if (v > (UINT64_MAX - (uint64_t)d) / (uint64_t)base)
            over = true;
        v = v * (uint64_t)base + (uint64_t)d;
        digits++;
    }
    if (!ok) {
        StrBuf sb;
        sb_init(&sb);
        str_repr_into(&sb, s->s, (size_t)s->len);
        vm_raise(ts, EXC_ValueError, "invalid literal for int() with base %d: %s", base, sb.buf);
        sb_free(&sb);
        return VEXC;
    }
    if (over || v > (uint64_t)INT64_MAX + neg)
        return vm_overflow(ts);
    return vint(neg ? (int64_t)(0 - v) : (int64_t)v);
}

Value bi_int(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    int base = 10;
    bool has_base = false;
    if (kw && kw->n == 1 && strcmp(kw->names[0]->s, "base") == 0 && kw->vals[0].tag == V_INT) {
        base = (int)kw->vals[0].u.i;
        has_base = true;
    } else if (vm_args_check(ts, "int", nargs, 0, 2, kw) < 0) {
        return VEXC;
    }
    if (nargs == 2) {
        if (args[1].tag != V_INT)
            return vm_raise(ts, EXC_TypeError, "'%s' object cannot be interpreted as an integer", v_typename(ts->in, args[1]));
        base = (int)args[1].u.i;
        has_base = true;
    }
    if (nargs == 0)
        return vint(0);
    Value v = args[0];
    if (has_base && !v_is(v, K_STR))
        return vm_raise(ts, EXC_TypeError, "int() can't convert non-string with explicit base");
    if (base != 0 && (base < 2 || base > 36))
        return vm_raise(ts, EXC_ValueError, "int() base must be >= 2 and <= 36, or 0");
    switch (v.tag) {
    case V_INT: case V_BOOL: return vint(v.u.i);
    case V_FLOAT: return float_to_int(ts, v.u.f);
    default: break;
    }
    if (v_is(v, K_STR))
        return parse_int(ts, V_STR(v), base);
    return vm_raise(ts, EXC_TypeError, "int() argument must be a string, a bytes-like object or a real number, not '%s'",
                    v_typename(ts->in, v));
}

Value bi_float(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    if (vm_args_check(ts, "float", nargs, 0, 1, kw) < 0)
        return VEXC;
    if (nargs == 0)
        return vfloat(0.0);
    Value v = args[0];
    if (v.tag == V_INT || v.tag == V_BOOL)
        return vfloat((double)v.u.i);
    if (v.tag == V_FLOAT)
        return v;
    if (v_is(v, K_STR)) {
        StrObj *s = V_STR(v);
        const char *p = s->s, *end = s->s + s->len;
        while (p < end && isspace((unsigned char)*p))
            p++;
        while (end > p && isspace((unsigned char)end[-1]))
            end--;
        char buf[128];
        size_t n = 0;
        for (const char *c = p; c < end && n < sizeof buf - 1; c++)
            if (*c != '_')
                buf[n++] = *c;
        buf[n] = 0;
        char *stop;
        errno = 0;
        double d = n ? strtod(buf, &stop) : 0;
        bool hex = strchr(buf, 'x') || strchr(buf, 'X');
        if (n == 0 || *stop || hex || (size_t)(end - p) >= sizeof buf - 1) {
            StrBuf sb;
            sb_init(&sb);
            str_repr_into(&sb, s->s, (size_t)s->len);
            vm_raise(ts, EXC_ValueError, "could not convert string to float: %s", sb.buf);
            sb_free(&sb);
            return VEXC;
        }
        return vfloat(d);
    }
    return vm_raise(ts, EXC_TypeError, "float() argument must be a string or a real number, not '%s'", v_typename(ts->in, v));
}

Value bi_str(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    if (vm_args_check(ts, "str", nargs, 0, 1, kw) < 0)
        return VEXC;
    return nargs ? v_str(ts, args[0]) : str_new(ts, "", 0);
}

Value bi_bool(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    if (vm_args_check(ts, "bool", nargs, 0, 1, kw) < 0)
        return VEXC;
    if (!nargs)
        return vbool(false);
    int t = v_truth(ts, args[0]);
    return t < 0 ? VEXC : vbool(t);
}

Value bi_list(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    if (vm_args_check(ts, "list", nargs, 0, 1, kw) < 0)
        return VEXC;
    if (!nargs) {
        ListObj *l = list_new(ts, 4);
        return l ? vobj(l) : VEXC;
    }
    return list_from_iterable(ts, args[0]);
}

Value bi_tuple(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    if (vm_args_check(ts, "tuple", nargs, 0, 1, kw) < 0)
        return VEXC;
    if (!nargs) {
        TupleObj *t = tuple_new(ts, 0);
        return t ? vobj(t) : VEXC;
    }
    if (v_is(args[0], K_TUPLE)) {
        v_incref(args[0]);
        return args[0];
    }
    Value l = list_from_iterable(ts, args[0]);
    if (l.tag == V_EXC)
        return VEXC;
    TupleObj *t = tuple_new(ts, V_LIST(l)->len);
    if (t) {
        for (int64_t i = 0; i < t->len; i++)
            v_incref(t->items[i] = V_LIST(l)->items[i]);
    }
    v_decref(ts->in, l);
    return t ? vobj(t) : VEXC;
}

Value bi_range(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    if (kw && kw->n)
        return vm_raise(ts, EXC_TypeError, "range() takes no keyword arguments");
    if (nargs < 1 || nargs > 3)
        return vm_raise(ts, EXC_TypeError, nargs ? "range expected at most 3 arguments, got %d"
                                                 : "range expected at least 1 argument, got %d", nargs);
    int64_t v[3] = { 0, 0, 1 };
    for (int i = 0; i < nargs; i++) {
        if (args[i].tag != V_INT && args[i].tag != V_BOOL)
            return vm_raise(ts, EXC_TypeError, "'%s' object cannot be interpreted as an integer", v_typename(ts->in, args[i]));
    }
    if (nargs == 1)
        v[1] = args[0].u.i;
    else
        for (int i = 0; i < nargs; i++)
            v[i] = args[i].u.i;
    if (v[2] == 0)
        return vm_raise(ts, EXC_ValueError, "range() arg 3 must not be zero");
    return range_new(ts, v[0], v[1], v[2]);
}

Value bi_type(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    if (vm_args_check(ts, "type", nargs, 1, 1, kw) < 0)
        return VEXC;
    ClassObj *c = v_class(ts->in, args[0]);
    c->h.rc++;
    return vobj(c);
}

Value bi_object(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    if (vm_args_check(ts, "object", nargs, 0, 0, kw) < 0)
        return VEXC;
    return inst_new(ts, ts->in->object_class);
}

/* round(x): half to even, to an int; round(x, n): CPython rounds the exact
 * binary value, which is what glibc's correctly rounded %.*f does too. */
Value bi_round(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    if (vm_args_check(ts, "round", nargs, 1, 2, kw) < 0)
        return VEXC;
    Value x = args[0];
    bool has_n = nargs == 2 && args[1].tag != V_NONE;
    if (has_n && args[1].tag != V_INT && args[1].tag != V_BOOL)
        return vm_raise(ts, EXC_TypeError, "'%s' object cannot be interpreted as an integer", v_typename(ts->in, args[1]));
    int64_t nd = has_n ? args[1].u.i : 0;
    if (x.tag == V_INT || x.tag == V_BOOL) {
        if (!has_n || nd >= 0)
            return vint(x.u.i);
        if (nd < -18)
            return vint(0);
        int64_t p = 1;
        for (int64_t i = 0; i < -nd; i++)
            p *= 10;
        int64_t q = x.u.i / p, r = x.u.i % p;
        if (r < 0) {
            q--;
            r += p;
        }
        if (r * 2 > p || (r * 2 == p && (q & 1)))
            q++;
        int64_t out;
        if (__builtin_mul_overflow(q, p, &out))
            return vm_overflow(ts);
        return vint(out);
    }
    if (x.tag != V_FLOAT)
        return vm_raise(ts, EXC_TypeError, "type %s doesn't define __round__ method", v_typename(ts->in, x));
    double d = x.u.f;
    if (!has_n)
        return float_to_int(ts, nearbyint(d));
    if (!isfinite(d) || nd > 300)
        return x;
    if (nd < -308)
        return vfloat(copysign(0.0, d));
    if (nd < 0) {
        double p = pow(10.0, (double)-nd);
        double y = nearbyint(d / p) * p;
        return vfloat(isfinite(y) ? y : d);
    }
    char buf[512];
    snprintf(buf, sizeof buf, "%.*f", (int)nd, d);
    return vfloat(strtod(buf, NULL));
}

Value bi_abs(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    if (vm_args_check(ts, "abs", nargs, 1, 1, kw) < 0)
        return VEXC;
    Value x = args[0];
    if (x.tag == V_INT || x.tag == V_BOOL) {
        if (x.u.i == INT64_MIN)
            return vm_overflow(ts);
        return vint(x.u.i < 0 ? -x.u.i : x.u.i);
    }
    if (x.tag == V_FLOAT)
        return vfloat(fabs(x.u.f));
    return vm_raise(ts, EXC_TypeError, "bad operand type for abs(): '%s'", v_typename(ts->in, x));
}

Value bi_divmod(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    if (vm_args_check(ts, "divmod", nargs, 2, 2, kw) < 0)
        return VEXC;
    Value q = vm_binop(ts, OP_FLOORDIV, args[0], args[1]);
    if (q.tag == V_EXC)
        return VEXC;
    Value r = vm_binop(ts, OP_MOD, args[0], args[1]);
    if (r.tag == V_EXC)
        return VEXC;
    TupleObj *t = tuple_new(ts, 2);
    if (!t)
        return VEXC;
    t->items[0] = q;
    t->items[1] = r;
    return vobj(t);
}

Value bi_pow(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    if (vm_args_check(ts, "pow", nargs, 2, 3, kw) < 0)
        return VEXC;
    if (nargs == 2 || args[2].tag == V_NONE)
        return vm_binop(ts, OP_POW, args[0], args[1]);
    if (args[0].tag != V_INT || args[1].tag != V_INT || args[2].tag != V_INT)
        return vm_raise(ts, EXC_TypeError, "pow() 3rd argument not allowed unless all arguments are integers");
    int64_t b = args[0].u.i, e = args[1].u.i, m = args[2].u.i;
    if (m == 0)
        return vm_raise(ts, EXC_ValueError, "pow() 3rd argument cannot be 0");
    if (e < 0)
        return vm_raise(ts, EXC_ValueError, "base is not invertible for the given modulus");
    __int128 r = 1, x = ((b % m) + m) % m;
    while (e) {
        if (e & 1)
            r = r * x % m;
        x = x * x % m;
        e >>= 1;
    }
    int64_t out = (int64_t)r;
    if (out != 0 && ((out < 0) != (m < 0)))
        out += m;
    return vint(out);
}

static int64_t hash_of(VmThread *ts, Value v, int *err)
{
    switch (v.tag) {
    case V_NONE: return 0x5f3759df;
    case V_BOOL: case V_INT: return v.u.i == -1 ? -2 : v.u.i;
    case V_FLOAT:
        if (v.u.f == floor(v.u.f) && fabs(v.u.f) < 9e18)
            return (int64_t)v.u.f == -1 ? -2 : (int64_t)v.u.f;
        return (int64_t)(v.u.f * 1000003.0);
    default: break;
    }
    if (v_is(v, K_STR))
        return str_hash(V_STR(v));
    if (v_is(v, K_TUPLE)) {
        uint64_t h = 0x345678;
        for (int64_t i = 0; i < V_TUPLE(v)->len; i++) {
            int64_t x = hash_of(ts, V_TUPLE(v)->items[i], err);
            h = (h ^ (uint64_t)x) * 1000003u;
        }
        return (int64_t)(h >> 1);
    }
    if (v_is(v, K_LIST)) {
        vm_raise(ts, EXC_TypeError, "unhashable type: 'list'");
        *err = 1;
        return 0;
    }
    return (int64_t)((uintptr_t)v.u.o >> 4);
}

Value bi_hash(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    if (vm_args_check(ts, "hash", nargs, 1, 1, kw) < 0)
        return VEXC;
    int err = 0;
    int64_t h = hash_of(ts, args[0], &err);
    return err ? VEXC : vint(h);
}

Value bi_chr(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    if (vm_args_check(ts, "chr", nargs, 1, 1, kw) < 0)
        return VEXC;
    if (args[0].tag != V_INT)
        return vm_raise(ts, EXC_TypeError, "'%s' object cannot be interpreted as an integer", v_typename(ts->in, args[0]));
    int64_t c = args[0].u.i;
    if (c < 0 || c > 0x10FFFF)
        return vm_raise(ts, EXC_ValueError, "chr() arg not in range(0x110000)");
    char b[4];
    size_t n;
    if (c < 0x80) { b[0] = (char)c; n = 1; }
    else if (c < 0x800) { b[0] = (char)(0xC0 | (c >> 6)); b[1] = (char)(0x80 | (c & 0x3F)); n = 2; }
    else if (c < 0x10000) { b[0] = (char)(0xE0 | (c >> 12)); b[1] = (char)(0x80 | ((c >> 6) & 0x3F)); b[2] = (char)(0x80 | (c & 0x3F)); n = 3; }
    else { b[0] = (char)(0xF0 | (c >> 18)); b[1] = (char)(0x80 | ((c >> 12) & 0x3F)); b[2] = (char)(0x80 | ((c >> 6) & 0x3F)); b[3] = (char)(0x80 | (c & 0x3F)); n = 4; }
    return str_new(ts, b, n);
}

Value bi_ord(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    if (vm_args_check(ts, "ord", nargs, 1, 1, kw) < 0)
        return VEXC;
    if (!v_is(args[0], K_STR))
        return vm_raise(ts, EXC_TypeError, "ord() expected string of length 1, but %s found", v_typename(ts->in, args[0]));
    StrObj *s = V_STR(args[0]);
    if (s->ncp != 1)
        return vm_raise(ts, EXC_TypeError, "ord() expected a character, but string of length %lld found", (long long)s->ncp);
    const unsigned char *p = (const unsigned char *)s->s;
    int64_t c;
    if (p[0] < 0x80) c = p[0];
    else if (p[0] < 0xE0) c = ((p[0] & 0x1F) << 6) | (p[1] & 0x3F);
    else if (p[0] < 0xF0) c = ((p[0] & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
    else c = ((int64_t)(p[0] & 0x07) << 18) | ((p[1] & 0x3F) << 12) | ((p[2] & 0x3F) << 6) | (p[3] & 0x3F);
    return vint(c);
}
