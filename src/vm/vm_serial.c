/* Values crossing a process boundary: the interpreter's values to and from
 * rt/serial's neutral tree (None, bool, int, float, str, list, tuple), and
 * the repr of an encoded item for queue events, written without the
 * interpreter (the recorder may run on any thread). */
#include <string.h>

#include "rt/serial.h"
#include "vm/format.h"
#include "vm/vm_conc.h"

static int to_serval(VmThread *ts, Value v, SerVal *out, int depth)
{
    if (depth > SER_MAX_DEPTH) {
        vm_raise(ts, EXC_ValueError, "value nested too deeply to send to another process");
        return -1;
    }
    switch (v.tag) {
    case V_NONE: out->kind = SV_NONE; return 0;
    case V_BOOL: out->kind = SV_BOOL; out->u.b = (int)v.u.i; return 0;
    case V_INT: out->kind = SV_INT; out->u.i = v.u.i; return 0;
    case V_FLOAT: out->kind = SV_FLOAT; out->u.d = v.u.f; return 0;
    default: break;
    }
    if (v_is(v, K_STR)) {
        serval_set_str(out, V_STR(v)->s, (size_t)V_STR(v)->len);
        return 0;
    }
    if (v_is(v, K_LIST) || v_is(v, K_TUPLE)) {
        int64_t n = v_is(v, K_LIST) ? V_LIST(v)->len : V_TUPLE(v)->len;
        Value *items = v_is(v, K_LIST) ? V_LIST(v)->items : V_TUPLE(v)->items;
        serval_set_seq(out, v_is(v, K_LIST) ? SV_LIST : SV_TUPLE, (size_t)n);
        for (int64_t i = 0; i < n; i++)
            if (to_serval(ts, items[i], &out->u.items[i], depth + 1) < 0)
                return -1;
        return 0;
    }
    vm_raise(ts, EXC_TypeError, "cannot send a '%s' object to another process "
             "(only None, bool, int, float, str and lists and tuples of them)", v_typename(ts->in, v));
    return -1;
}

int vser_encode(VmThread *ts, Value v, RtBuf *out)
{
    SerVal root;
    memset(&root, 0, sizeof root);
    int rc = to_serval(ts, v, &root, 0);
    if (rc == 0 && ser_encode(&root, out) < 0) {
        vm_raise(ts, EXC_ValueError, "value nested too deeply to send to another process");
        rc = -1;
    }
    serval_free(&root);
    return rc;
}

static Value from_serval(VmThread *ts, const SerVal *s)
{
    switch (s->kind) {
    case SV_NONE: return VNONE;
    case SV_BOOL: return vbool(s->u.b);
    case SV_INT: return vint(s->u.i);
    case SV_FLOAT: return vfloat(s->u.d);
    case SV_STR: return str_new(ts, s->u.s, s->n);
    case SV_LIST: {
        ListObj *l = list_new(ts, (int64_t)s->n);
        if (!l)
            return VEXC;
        for (size_t i = 0; i < s->n; i++) {
            Value it = from_serval(ts, &s->u.items[i]);
            if (it.tag == V_EXC || list_append(ts, l, it) < 0) {
                obj_decref(ts->in, &l->h);
                return VEXC;
            }
        }
        return vobj(l);
    }
    case SV_TUPLE: {
        TupleObj *t = tuple_new(ts, (int64_t)s->n);
        if (!t)
            return VEXC;
        for (size_t i = 0; i < s->n; i++)
            t->items[i] = VNONE;
        for (size_t i = 0; i < s->n; i++) {
            Value it = from_serval(ts, &s->u.items[i]);
            if (it.tag == V_EXC) {
                obj_decref(ts->in, &t->h);
                return VEXC;
            }
            t->items[i] = it;
        }
        return vobj(t);
    }
    }
    return VNONE;
}

Value vser_decode(VmThread *ts, const void *data, size_t len)
{
    SerVal *s;
    if (ser_decode(data, len, &s) < 0)
        return vm_raise(ts, EXC_ValueError, "malformed item received from another process");
    Value v = from_serval(ts, s);
    serval_destroy(s);
    return v;
}

/* Event text is cut at TRACE_MAX_TEXT anyway: stop building it there. */
#define VSER_REPR_MAX 4096

static void repr_serval(const SerVal *s, StrBuf *sb)
{
    if (sb->len > VSER_REPR_MAX)
        return;
    switch (s->kind) {
    case SV_NONE: sb_puts(sb, "None"); return;
    case SV_BOOL: sb_puts(sb, s->u.b ? "True" : "False"); return;
    case SV_INT: fmt_int(sb, s->u.i); return;
    case SV_FLOAT: fmt_float_repr(sb, s->u.d); return;
    case SV_STR: {
        size_t n = s->n;
        if (n > VSER_REPR_MAX) {
            n = VSER_REPR_MAX;
            while (n && ((unsigned char)s->u.s[n] & 0xC0) == 0x80)
                n--;   /* cut on a character boundary */
        }
        str_repr_into(sb, s->u.s, n);
        return;
    }
    case SV_LIST:
    case SV_TUPLE:
        sb_putc(sb, s->kind == SV_LIST ? '[' : '(');
        for (size_t i = 0; i < s->n; i++) {
            if (i)
                sb_puts(sb, ", ");
            repr_serval(&s->u.items[i], sb);
        }
        if (s->kind == SV_TUPLE && s->n == 1)
            sb_putc(sb, ',');
        sb_putc(sb, s->kind == SV_LIST ? ']' : ')');
        return;
    }
}

void vser_repr(const void *data, size_t len, void *sb)
{
    SerVal *s;
    if (!data || ser_decode(data, len, &s) < 0)
        return;
    repr_serval(s, sb);
    serval_destroy(s);
}
