/* Expression evaluation: a tree walk over resolved nodes.  Every result is a
 * new reference, or VEXC with the exception in ts->exc.  Small-int and
 * float arithmetic and comparisons are inlined; method calls on instances
 * and builtin types skip the bound-method object. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "vm/format.h"
#include "vm/interp.h"

Value vm_getslice(VmThread *ts, Value obj, Value lo, Value hi, Value step);

#define CHECK(v) do { if (__builtin_expect((v).tag == V_EXC, 0)) return VEXC; } while (0)

/* A name a class body binds but has not bound yet is read, as CPython's
 * LOAD_NAME does, from the globals, then the builtins. */
Value vm_class_body_name(VmThread *ts, const char *id)
{
    Interp *in = ts->in;
    StrObj *s = str_intern(in, id, strlen(id));
    for (int i = 0; i < in->nglobals; i++)
        if (in->gnames[i] == s && in->globals[i].tag != V_UNDEF) {
            v_incref(in->globals[i]);
            return in->globals[i];
        }
    int b = builtins_find(id);
    if (b >= 0) {
        v_incref(in->builtins[b]);
        return in->builtins[b];
    }
    return vm_raise(ts, EXC_NameError, "name '%s' is not defined", id);
}

static Value unbound(VmThread *ts, Frame *f, Expr *e)
{
    switch (e->u.name.scope) {
    case SCOPE_LOCAL: case SCOPE_CELL:
        if (f->info && f->info->is_class && e->u.name.slot < f->info->nnamed)
            return vm_class_body_name(ts, e->u.name.id);
        return vm_raise(ts, EXC_UnboundLocalError, "cannot access local variable '%s' where it is not associated with a value",
                        e->u.name.id);
    case SCOPE_FREE:
        return vm_raise(ts, EXC_NameError, "cannot access free variable '%s' where it is not associated with a value in enclosing scope",
                        e->u.name.id);
    default:
        return vm_raise(ts, EXC_NameError, "name '%s' is not defined", e->u.name.id);
    }
}

static inline Value eval_name(VmThread *ts, Frame *f, Expr *e)
{
    Value v;
    switch (e->u.name.scope) {
    case SCOPE_LOCAL: v = f->locals[e->u.name.slot]; break;
    case SCOPE_GLOBAL: v = ts->in->globals[e->u.name.slot]; break;
    case SCOPE_BUILTIN: v = ts->in->builtins[e->u.name.slot]; break;
    case SCOPE_CELL: v = ((CellObj *)f->locals[e->u.name.slot].u.o)->v; break;
    case SCOPE_FREE: v = f->closure[e->u.name.slot]->v; break;
    default: return vm_raise(ts, EXC_NameError, "name '%s' is not defined", e->u.name.id);
    }
    if (__builtin_expect(v.tag == V_UNDEF, 0))
        return unbound(ts, f, e);
    v_incref(v);
    return v;
}

static Value eval_seq(VmThread *ts, Frame *f, Expr *e)
{
    int n = e->u.seq.n;
    Value *dst;
    Value r;
    if (e->kind == E_LIST) {
        ListObj *l = list_new(ts, n);
        if (!l)
            return VEXC;
        dst = l->items;
        r = vobj(l);
    } else {
        TupleObj *t = tuple_new(ts, n);
        if (!t)
            return VEXC;
        dst = t->items;
        r = vobj(t);
    }
    for (int i = 0; i < n; i++) {
        Value v = eval_expr(ts, f, e->u.seq.items[i]);
        if (v.tag == V_EXC) {
            if (e->kind == E_LIST)
                V_LIST(r)->len = i;
            v_decref(ts->in, r);
            return VEXC;
        }
        dst[i] = v;
        if (e->kind == E_LIST)
            V_LIST(r)->len = i + 1;
    }
    return r;
}

static Value eval_binop(VmThread *ts, Frame *f, Expr *e)
{
    Value l = eval_expr(ts, f, e->u.bin.l);
    CHECK(l);
    Value r = eval_expr(ts, f, e->u.bin.r);
    if (r.tag == V_EXC) {
        v_decref(ts->in, l);
        return VEXC;
    }
    if (l.tag == V_INT && r.tag == V_INT) {
        int64_t x;
        switch (e->u.bin.op) {
        case OP_ADD: if (!__builtin_add_overflow(l.u.i, r.u.i, &x)) return vint(x); break;
        case OP_SUB: if (!__builtin_sub_overflow(l.u.i, r.u.i, &x)) return vint(x); break;
        case OP_MUL: if (!__builtin_mul_overflow(l.u.i, r.u.i, &x)) return vint(x); break;
        case OP_FLOORDIV:
            if (r.u.i > 0 && l.u.i >= 0)
                return vint(l.u.i / r.u.i);
            break;
        case OP_MOD:
            if (r.u.i > 0 && l.u.i >= 0)
                return vint(l.u.i % r.u.i);
            break;
        default: break;
        }
        return vm_binop(ts, e->u.bin.op, l, r);
    }
    if (l.tag == V_FLOAT && r.tag == V_FLOAT) {
        switch (e->u.bin.op) {
        case OP_ADD: return vfloat(l.u.f + r.u.f);
        case OP_SUB: return vfloat(l.u.f - r.u.f);
        case OP_MUL: return vfloat(l.u.f * r.u.f);
        case OP_DIV: if (r.u.f != 0.0) return vfloat(l.u.f / r.u.f); break;
        default: break;
        }
    }
    Value res = vm_binop(ts, e->u.bin.op, l, r);
    v_decref(ts->in, l);
    v_decref(ts->in, r);
    return res;
}

/* One comparison; 0/1, -1 on exception.  Ints are inlined. */
static inline int compare1(VmThread *ts, int op, Value a, Value b)
{
    if (a.tag == V_INT && b.tag == V_INT) {
        switch (op) {
        case OP_LT: return a.u.i < b.u.i;
        case OP_LE: return a.u.i <= b.u.i;
        case OP_GT: return a.u.i > b.u.i;
        case OP_GE: return a.u.i >= b.u.i;
        case OP_EQ: case OP_IS: return a.u.i == b.u.i;
        case OP_NE: case OP_IS_NOT: return a.u.i != b.u.i;
        default: break;
        }
    }
    Value r = vm_compare(ts, op, a, b);
    if (r.tag == V_EXC)
        return -1;
    return (int)r.u.i;
}

static Value eval_compare(VmThread *ts, Frame *f, Expr *e)
{
    Value a = eval_expr(ts, f, e->u.cmp.first);
    CHECK(a);
    for (int i = 0; i < e->u.cmp.n; i++) {
        Value b = eval_expr(ts, f, e->u.cmp.rest[i]);
        if (b.tag == V_EXC) {
            v_decref(ts->in, a);
            return VEXC;
        }
        int r = compare1(ts, e->u.cmp.ops[i], a, b);
        v_decref(ts->in, a);
        a = b;
        if (r <= 0) {
            v_decref(ts->in, a);
            return r < 0 ? VEXC : vbool(false);
        }
    }
    v_decref(ts->in, a);
    return vbool(true);
}

/* Truth of an expression in a condition, without making a bool. */
int eval_cond(VmThread *ts, Frame *f, Expr *e);
int eval_cond(VmThread *ts, Frame *f, Expr *e)
{
    if (e->kind == E_COMPARE && e->u.cmp.n == 1) {
        Value a = eval_expr(ts, f, e->u.cmp.first);
        if (a.tag == V_EXC)
            return -1;
        Value b = eval_expr(ts, f, e->u.cmp.rest[0]);
        if (b.tag == V_EXC) {
            v_decref(ts->in, a);
            return -1;
        }
        int r = compare1(ts, e->u.cmp.ops[0], a, b);
        v_decref(ts->in, a);
        v_decref(ts->in, b);
        return r;
    }
    Value v = eval_expr(ts, f, e);
    if (v.tag == V_EXC)
        return -1;
    if (v.tag == V_BOOL)
        return (int)v.u.i;
    int t = v_truth(ts, v);
    v_decref(ts->in, v);
    return t;
}

static Value eval_call(VmThread *ts, Frame *f, Expr *e)
{
    Expr *fe = e->u.call.func;
    int n = e->u.call.args.n, nkw = e->u.call.nkw;
    Value buf[10];
    Value *args = n + nkw + 1 <= 10 ? buf : malloc(sizeof(Value) * (size_t)(n + nkw + 1));
    if (!args)
        abort();
    Value callee, self = VUNDEF, res = VEXC;
    if (fe->kind == E_ATTR) {
        Value obj = eval_expr(ts, f, fe->u.attr.obj);
        if (obj.tag == V_EXC)
            goto out_noargs;
        StrObj *name = fe->cache;
        Value *m = NULL;
        if (obj.tag == V_OBJ) {
            Kind k = obj.u.o->kind;
            if (k == K_INST) {
                InstObj *inst = (InstObj *)obj.u.o;
                if (!at_find(&inst->attrs, name) && !inst->cls->getattr)
                    m = class_lookup(inst->cls, name);
            } else if (k != K_CLASS && k != K_MODULE && k != K_SUPER) {
                m = class_lookup(ts->in->types[k], name);
            }
        }
        if (m && (v_is(*m, K_FUNC) || (v_is(*m, K_BUILTIN) && ((*m).u.o->flags & BF_METHOD)))) {
            callee = *m;
            v_incref(callee);
            self = obj;
        } else {
            callee = vm_getattr(ts, obj, name);
            v_decref(ts->in, obj);
            if (callee.tag == V_EXC)
                goto out_noargs;
        }
    } else {
        callee = eval_expr(ts, f, fe);
        if (callee.tag == V_EXC)
            goto out_noargs;
    }
    int i = 0;
    for (; i < n; i++) {
        Value v = eval_expr(ts, f, e->u.call.args.items[i]);
        if (v.tag == V_EXC)
            goto out;
        args[1 + i] = v;
    }
    for (int k = 0; k < nkw; k++, i++) {
        Value v = eval_expr(ts, f, e->u.call.kwvals[k]);
        if (v.tag == V_EXC)
            goto out;
        args[1 + i] = v;
    }
    VmKw kw = { .names = e->cache, .vals = args + 1 + n, .n = nkw };
    if (self.tag != V_UNDEF) {
        args[0] = self;
        res = vm_call(ts, callee, args, n + 1, nkw ? &kw : NULL);
    } else {
        res = vm_call(ts, callee, args + 1, n, nkw ? &kw : NULL);
    }
out:
    for (int j = 0; j < i; j++)
        v_decref(ts->in, args[1 + j]);
    v_decref(ts->in, callee);
    v_decref(ts->in, self);
out_noargs:
    if (args != buf)
        free(args);
    return res;
}

static Value eval_subscript(VmThread *ts, Frame *f, Expr *e)
{
    Value obj = eval_expr(ts, f, e->u.sub.obj);
    CHECK(obj);
    Expr *ie = e->u.sub.index;
    Value r;
    if (ie->kind == E_SLICE) {
        Value b[3] = { VNONE, VNONE, VNONE };
        Expr *be[3] = { ie->u.slice.lo, ie->u.slice.hi, ie->u.slice.step };
        for (int k = 0; k < 3; k++) {
            if (!be[k])
                continue;
            b[k] = eval_expr(ts, f, be[k]);
            if (b[k].tag == V_EXC) {
                for (int j = 0; j < k; j++)
                    v_decref(ts->in, b[j]);
                v_decref(ts->in, obj);
                return VEXC;
            }
        }
        r = vm_getslice(ts, obj, b[0], b[1], b[2]);
        for (int k = 0; k < 3; k++)
            v_decref(ts->in, b[k]);
    } else {
        Value idx = eval_expr(ts, f, ie);
        if (idx.tag == V_EXC) {
            v_decref(ts->in, obj);
            return VEXC;
        }
        if (v_is(obj, K_LIST) && idx.tag == V_INT) {
            ListObj *l = V_LIST(obj);
            int64_t i = idx.u.i < 0 ? idx.u.i + l->len : idx.u.i;
            if ((uint64_t)i < (uint64_t)l->len) {
                r = l->items[i];
                v_incref(r);
                v_decref(ts->in, obj);
                return r;
            }
        }
        r = vm_subscript(ts, obj, idx);
        v_decref(ts->in, idx);
    }
    v_decref(ts->in, obj);
    return r;
}

/* A comprehension variable a lambda captures gets a new cell each time the
 * comprehension runs: CPython's comprehension is a function call, whose
 * cells the lambdas of an earlier run keep. */
static int comp_fresh_cells(VmThread *ts, Frame *f, Expr *t)
{
    if (t->kind == E_TUPLE || t->kind == E_LIST) {
        for (int i = 0; i < t->u.seq.n; i++)
            if (comp_fresh_cells(ts, f, t->u.seq.items[i]) < 0)
                return -1;
    } else if (t->kind == E_NAME && t->u.name.scope == SCOPE_CELL) {
        CellObj *c = obj_alloc(ts, K_CELL, sizeof(CellObj));
        if (!c)
            return -1;
        c->v = VUNDEF;
        Value old = f->locals[t->u.name.slot];
        f->locals[t->u.name.slot] = vobj(c);
        v_decref(ts->in, old);
    }
    return 0;
}

static int comp_level(VmThread *ts, Frame *f, Expr *e, int k, ListObj *out)
{
    CompFor *cf = &e->u.comp.fors[k];
    Value src = eval_expr(ts, f, cf->iter);
    if (src.tag == V_EXC)
        return -1;
    Value it = vm_iter(ts, src);
    v_decref(ts->in, src);
    if (it.tag == V_EXC)
        return -1;
    Value x;
    int r;
    while ((r = vm_next(ts, it, &x)) == 1) {
        if (assign_to(ts, f, cf->target, x) < 0) {
            r = -1;
            break;
        }
        int keep = 1;
        for (int i = 0; i < cf->ifs.n && keep == 1; i++)
            keep = eval_cond(ts, f, cf->ifs.items[i]);
        if (keep < 0) {
            r = -1;
            break;
        }
        if (!keep)
            continue;
        if (k + 1 < e->u.comp.nfor) {
            if (comp_level(ts, f, e, k + 1, out) < 0) {
                r = -1;
                break;
            }
        } else if (list_append(ts, out, eval_expr(ts, f, e->u.comp.elt)) < 0) {
            r = -1;
            break;
        }
    }
    v_decref(ts->in, it);
    return r < 0 ? -1 : 0;
}

static Value eval_fstring(VmThread *ts, Frame *f, Expr *e)
{
    StrBuf sb;
    sb_init(&sb);
    for (int i = 0; i < e->u.fstr.n; i++) {
        FPart *p = &e->u.fstr.parts[i];
        if (!p->expr) {
            sb_append(&sb, p->text, p->len);
            continue;
        }
        Value v = eval_expr(ts, f, p->expr);
        if (v.tag == V_EXC)
            goto fail;
        if (p->conv == 'r' || p->conv == 'a' || p->conv == 's') {
            Value c = p->conv == 's' ? v_str(ts, v) : v_repr(ts, v);
            v_decref(ts->in, v);
            if (c.tag == V_EXC)
                goto fail;
            v = c;
        }
        int rc;
        if (p->spec) {
            Value spec = eval_fstring(ts, f, p->spec);
            if (spec.tag == V_EXC) {
                v_decref(ts->in, v);
                goto fail;
            }
            rc = vm_format_value(ts, &sb, v, V_STR(spec)->s, (size_t)V_STR(spec)->len);
            v_decref(ts->in, spec);
        } else {
            rc = vm_format_value(ts, &sb, v, "", 0);
        }
        v_decref(ts->in, v);
        if (rc < 0)
            goto fail;
    }
    Value r = str_new(ts, sb.buf ? sb.buf : "", sb.len);
    sb_free(&sb);
    return r;
fail:
    sb_free(&sb);
    return VEXC;
}

Value eval_expr(VmThread *ts, Frame *f, Expr *e)
{
    switch (e->kind) {
    case E_INT: return vint(e->u.i);
    case E_FLOAT: return vfloat(e->u.f);
    case E_STR: ((Obj *)e->cache)->rc++; return vobj(e->cache);
    case E_CONST: return e->u.cst == CONST_NONE ? VNONE : vbool(e->u.cst == CONST_TRUE);
    case E_NAME: return eval_name(ts, f, e);
    case E_BINOP: return eval_binop(ts, f, e);
    case E_COMPARE: return eval_compare(ts, f, e);
    case E_CALL: return eval_call(ts, f, e);
    case E_LIST: case E_TUPLE: return eval_seq(ts, f, e);
    case E_SUBSCRIPT: return eval_subscript(ts, f, e);
    case E_FSTRING: return eval_fstring(ts, f, e);
    case E_ATTR: {
        Value obj = eval_expr(ts, f, e->u.attr.obj);
        CHECK(obj);
        Value r = vm_getattr(ts, obj, e->cache);
        v_decref(ts->in, obj);
        return r;
    }
    case E_UNARY: {
        Value a = eval_expr(ts, f, e->u.unary.operand);
        CHECK(a);
        if (a.tag == V_INT && e->u.unary.op == OP_NEG && a.u.i != INT64_MIN)
            return vint(-a.u.i);
        Value r = vm_unary(ts, e->u.unary.op, a);
        v_decref(ts->in, a);
        return r;
    }
    case E_BOOLOP: {
        Value l = eval_expr(ts, f, e->u.bin.l);
        CHECK(l);
        int t = v_truth(ts, l);
        if (t < 0) {
            v_decref(ts->in, l);
            return VEXC;
        }
        if ((e->u.bin.op == OP_AND) != (t != 0))
            return l;
        v_decref(ts->in, l);
        return eval_expr(ts, f, e->u.bin.r);
    }
    case E_IFEXP: {
        int t = eval_cond(ts, f, e->u.ifexp.cond);
        if (t < 0)
            return VEXC;
        return eval_expr(ts, f, t ? e->u.ifexp.then : e->u.ifexp.orelse);
    }
    case E_LAMBDA: return make_function(ts, f, e->u.lambda);
    case E_LISTCOMP: {
        for (int k = 0; k < e->u.comp.nfor; k++)
            if (comp_fresh_cells(ts, f, e->u.comp.fors[k].target) < 0)
                return VEXC;
        ListObj *l = list_new(ts, 8);
        if (!l)
            return VEXC;
        if (comp_level(ts, f, e, 0, l) < 0) {
            obj_decref(ts->in, &l->h);
            return VEXC;
        }
        return vobj(l);
    }
    case E_SLICE:
        return vm_raise(ts, EXC_TypeError, "a slice is only allowed inside []");
    default:
        return vm_raise(ts, EXC_RuntimeError, "unknown expression kind %d", (int)e->kind);
    }
}
