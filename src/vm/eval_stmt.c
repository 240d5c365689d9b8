/* Statement execution.  exec_* return how the block was left (normal,
 * break, continue, return with f->ret set, or an exception in ts->exc).
 * Loops call vm_gil_check on every back edge. */
#include <stdlib.h>
#include <string.h>

#include "vm/interp.h"

int eval_cond(VmThread *ts, Frame *f, Expr *e);
int list_grow(VmThread *ts, ListObj *l, int64_t need);

static int store_name(VmThread *ts, Frame *f, Expr *t, Value v)
{
    Value *slot;
    switch (t->u.name.scope) {
    case SCOPE_LOCAL: slot = &f->locals[t->u.name.slot]; break;
    case SCOPE_GLOBAL: slot = &ts->in->globals[t->u.name.slot]; break;
    case SCOPE_CELL: slot = &((CellObj *)f->locals[t->u.name.slot].u.o)->v; break;
    case SCOPE_FREE: slot = &f->closure[t->u.name.slot]->v; break;
    default:
        v_decref(ts->in, v);
        vm_raise(ts, EXC_RuntimeError, "cannot assign to '%s'", t->u.name.id);
        return -1;
    }
    Value old = *slot;
    *slot = v;
    v_decref(ts->in, old);
    return 0;
}

static int unpack(VmThread *ts, Frame *f, Expr *t, Value v)
{
    Value seq = v;
    if (!v_is(v, K_TUPLE) && !v_is(v, K_LIST)) {
        if (v.tag != V_OBJ || v.u.o->kind == K_FUNC || v.u.o->kind == K_CLASS || v.u.o->kind == K_BUILTIN) {
            vm_raise(ts, EXC_TypeError, "cannot unpack non-iterable %s object", v_typename(ts->in, v));
            v_decref(ts->in, v);
            return -1;
        }
        seq = list_from_iterable(ts, v);
        v_decref(ts->in, v);
        if (seq.tag == V_EXC)
            return -1;
    }
    int64_t n = v_is(seq, K_LIST) ? V_LIST(seq)->len : V_TUPLE(seq)->len;
    Value *items = v_is(seq, K_LIST) ? V_LIST(seq)->items : V_TUPLE(seq)->items;
    int want = t->u.seq.n;
    if (n != want) {
        if (n > want)
            vm_raise(ts, EXC_ValueError, "too many values to unpack (expected %d)", want);
        else
            vm_raise(ts, EXC_ValueError, "not enough values to unpack (expected %d, got %lld)", want, (long long)n);
        v_decref(ts->in, seq);
        return -1;
    }
    for (int i = 0; i < want; i++) {
        v_incref(items[i]);
        if (assign_to(ts, f, t->u.seq.items[i], items[i]) < 0) {
            v_decref(ts->in, seq);
            return -1;
        }
    }
    v_decref(ts->in, seq);
    return 0;
}

int vm_store_slice(VmThread *ts, Value obj, Value lo, Value hi, Value v);

int assign_to(VmThread *ts, Frame *f, Expr *t, Value v)
{
    switch (t->kind) {
    case E_NAME:
        return store_name(ts, f, t, v);
    case E_TUPLE: case E_LIST:
        return unpack(ts, f, t, v);
    case E_ATTR: {
        Value obj = eval_expr(ts, f, t->u.attr.obj);
        if (obj.tag == V_EXC) {
            v_decref(ts->in, v);
            return -1;
        }
        int r = vm_setattr(ts, obj, t->cache, v);
        v_decref(ts->in, obj);
        v_decref(ts->in, v);
        return r;
    }
    case E_SUBSCRIPT: {
        Value obj = eval_expr(ts, f, t->u.sub.obj);
        if (obj.tag == V_EXC) {
            v_decref(ts->in, v);
            return -1;
        }
        Expr *ie = t->u.sub.index;
        int r;
        if (ie->kind == E_SLICE && !ie->u.slice.step) {
            Value lo = ie->u.slice.lo ? eval_expr(ts, f, ie->u.slice.lo) : VNONE;
            Value hi = lo.tag != V_EXC && ie->u.slice.hi ? eval_expr(ts, f, ie->u.slice.hi) : VNONE;
            r = lo.tag == V_EXC || hi.tag == V_EXC ? -1 : vm_store_slice(ts, obj, lo, hi, v);
            v_decref(ts->in, lo);
            v_decref(ts->in, hi);
        } else {
            Value idx = eval_expr(ts, f, ie);
            r = idx.tag == V_EXC ? -1 : vm_store_subscript(ts, obj, idx, v);
            v_decref(ts->in, idx);
        }
        v_decref(ts->in, obj);
        v_decref(ts->in, v);
        return r;
    }
    default:
        v_decref(ts->in, v);
        vm_raise(ts, EXC_TypeError, "cannot assign to this expression");
        return -1;
    }
}

/* a[lo:hi] = iterable, for lists. */
int vm_store_slice(VmThread *ts, Value obj, Value lo, Value hi, Value v)
{
    if (!v_is(obj, K_LIST)) {
        vm_raise(ts, EXC_TypeError, "'%s' object does not support slice assignment", v_typename(ts->in, obj));
        return -1;
    }
    ListObj *l = V_LIST(obj);
    int64_t a, b, st;
    slice_indices(l->len, lo, hi, VNONE, &a, &b, &st);
    if (b < a)
        b = a;
    Value src = list_from_iterable(ts, v);
    if (src.tag == V_EXC)
        return -1;
    ListObj *s = V_LIST(src);
    int64_t n = s->len, old = b - a;
    if (n > old && list_grow(ts, l, l->len + n - old) < 0) {
        v_decref(ts->in, src);
        return -1;
    }
    Value *dropped = malloc(sizeof(Value) * (size_t)(old ? old : 1));
    memcpy(dropped, l->items + a, sizeof(Value) * (size_t)old);
    memmove(l->items + a + n, l->items + b, sizeof(Value) * (size_t)(l->len - b));
    for (int64_t i = 0; i < n; i++)
        v_incref(l->items[a + i] = s->items[i]);
    l->len += n - old;
    for (int64_t i = 0; i < old; i++)
        v_decref(ts->in, dropped[i]);
    free(dropped);
    v_decref(ts->in, src);
    return 0;
}

/* x op= y: lists extend in place, as in CPython. */
static Value inplace(VmThread *ts, int op, Value cur, Value rhs)
{
    if (op == OP_ADD && v_is(cur, K_LIST)) {
        if (list_extend(ts, V_LIST(cur), rhs) < 0)
            return VEXC;
        v_incref(cur);
        return cur;
    }
    if (cur.tag == V_INT && rhs.tag == V_INT) {
        int64_t x;
        if (op == OP_ADD && !__builtin_add_overflow(cur.u.i, rhs.u.i, &x))
            return vint(x);
        if (op == OP_SUB && !__builtin_sub_overflow(cur.u.i, rhs.u.i, &x))
            return vint(x);
    }
    return vm_binop(ts, op, cur, rhs);
}

static Exit exec_aug(VmThread *ts, Frame *f, Stmt *st)
{
    Expr *t = st->u.aug.target;
    int op = st->u.aug.op;
    if (t->kind == E_NAME && t->u.name.scope == SCOPE_LOCAL) {
        Value *slot = &f->locals[t->u.name.slot];
        Value rhs = eval_expr(ts, f, st->u.aug.value);
        if (rhs.tag == V_EXC)
            return X_EXC;
        if (slot->tag == V_UNDEF && f->info && f->info->is_class) {
            Value cur = vm_class_body_name(ts, t->u.name.id);
            Value res = cur.tag == V_EXC ? VEXC : inplace(ts, op, cur, rhs);
            v_decref(ts->in, cur);
            v_decref(ts->in, rhs);
            if (res.tag == V_EXC)
                return X_EXC;
            *slot = res;
            return X_NORMAL;
        }
        if (slot->tag == V_UNDEF) {
            v_decref(ts->in, rhs);
            vm_raise(ts, EXC_UnboundLocalError, "cannot access local variable '%s' where it is not associated with a value",
                     t->u.name.id);
            return X_EXC;
        }
        Value res = inplace(ts, op, *slot, rhs);
        v_decref(ts->in, rhs);
        if (res.tag == V_EXC)
            return X_EXC;
        Value old = *slot;
        *slot = res;
        v_decref(ts->in, old);
        return X_NORMAL;
    }
    Value obj = VUNDEF, idx = VUNDEF, cur;
    if (t->kind == E_NAME) {
        cur = eval_expr(ts, f, t);
    } else if (t->kind == E_ATTR) {
        obj = eval_expr(ts, f, t->u.attr.obj);
        if (obj.tag == V_EXC)
            return X_EXC;
        cur = vm_getattr(ts, obj, t->cache);
    } else if (t->kind == E_SUBSCRIPT && t->u.sub.index->kind != E_SLICE) {
        obj = eval_expr(ts, f, t->u.sub.obj);
        if (obj.tag == V_EXC)
            return X_EXC;
        idx = eval_expr(ts, f, t->u.sub.index);
        cur = idx.tag == V_EXC ? VEXC : vm_subscript(ts, obj, idx);
    } else {
        vm_raise(ts, EXC_TypeError, "illegal expression for augmented assignment");
        return X_EXC;
    }
    Exit x = X_EXC;
    if (cur.tag != V_EXC) {
        Value rhs = eval_expr(ts, f, st->u.aug.value);
        Value res = rhs.tag == V_EXC ? VEXC : inplace(ts, op, cur, rhs);
        v_decref(ts->in, rhs);
        if (res.tag != V_EXC) {
            int r;
            if (t->kind == E_NAME) {
                r = store_name(ts, f, t, res);
            } else if (t->kind == E_ATTR) {
                r = vm_setattr(ts, obj, t->cache, res);
                v_decref(ts->in, res);
            } else {
                r = vm_store_subscript(ts, obj, idx, res);
                v_decref(ts->in, res);
            }
            x = r < 0 ? X_EXC : X_NORMAL;
        }
        v_decref(ts->in, cur);
    }
    v_decref(ts->in, obj);
    v_decref(ts->in, idx);
    return x;
}

/* A loop body's verdict: 1 go on, 0 leave normally (break), -1 leave with x. */
static inline int loop_step(VmThread *ts, Exit *x)
{
    if (*x == X_BREAK) {
        *x = X_NORMAL;
        return 0;
    }
    if (*x == X_RETURN || *x == X_EXC)
        return -1;
    *x = X_NORMAL;
    if (vm_gil_check(ts) < 0) {
        *x = X_EXC;
        return -1;
    }
    return 1;
}

static Exit exec_for(VmThread *ts, Frame *f, Stmt *st)
{
    Value src = eval_expr(ts, f, st->u.for_.iter);
    if (src.tag == V_EXC)
        return X_EXC;
    Expr *t = st->u.for_.target;
    const StmtList *body = &st->u.for_.body;
    Exit x = X_NORMAL;
    int go = 1;
    if (v_is(src, K_RANGE) && t->kind == E_NAME) {
        RangeObj *r = (RangeObj *)src.u.o;
        int64_t v = r->start;
        for (int64_t n = r->len; n > 0; n--, v += r->step) {
            if (store_name(ts, f, t, vint(v)) < 0) {
                x = X_EXC;
                break;
            }
            x = exec_block(ts, f, body);
            if ((go = loop_step(ts, &x)) <= 0)
                break;
        }
    } else if (v_is(src, K_LIST) || v_is(src, K_TUPLE)) {
        for (int64_t i = 0;; i++) {
            Value item;
            if (v_is(src, K_LIST)) {
                if (i >= V_LIST(src)->len)
                    break;
                item = V_LIST(src)->items[i];
            } else {
                if (i >= V_TUPLE(src)->len)
                    break;
                item = V_TUPLE(src)->items[i];
            }
            v_incref(item);
            if (assign_to(ts, f, t, item) < 0) {
                x = X_EXC;
                break;
            }
            x = exec_block(ts, f, body);
            if ((go = loop_step(ts, &x)) <= 0)
                break;
        }
    } else {
        Value it = vm_iter(ts, src);
        if (it.tag == V_EXC) {
            v_decref(ts->in, src);
            return X_EXC;
        }
        Value item;
        int r;
        while ((r = vm_next(ts, it, &item)) == 1) {
            if (assign_to(ts, f, t, item) < 0) {
                x = X_EXC;
                break;
            }
            x = exec_block(ts, f, body);
            if ((go = loop_step(ts, &x)) <= 0)
                break;
        }
        if (r < 0)
            x = X_EXC;
        v_decref(ts->in, it);
    }
    v_decref(ts->in, src);
    if (x == X_NORMAL && go == 1)
        x = exec_block(ts, f, &st->u.for_.orelse);
    return x;
}

static Exit exec_while(VmThread *ts, Frame *f, Stmt *st)
{
    for (;;) {
        f->line = st->line;
        int c = eval_cond(ts, f, st->u.while_.cond);
        if (c < 0)
            return X_EXC;
        if (!c)
            return exec_block(ts, f, &st->u.while_.orelse);
        Exit x = exec_block(ts, f, &st->u.while_.body);
        int go = loop_step(ts, &x);
        if (go <= 0)
            return x;
    }
}

Exit exec_try(VmThread *ts, Frame *f, Stmt *st);
Exit exec_with(VmThread *ts, Frame *f, Stmt *st);
Exit exec_import(VmThread *ts, Frame *f, Stmt *st);
Exit exec_del(VmThread *ts, Frame *f, Stmt *st);

static Exit exec_raise(VmThread *ts, Frame *f, Stmt *st)
{
    if (!st->u.expr) {
        if (ts->handling.tag == V_UNDEF) {
            vm_raise(ts, EXC_RuntimeError, "No active exception to reraise");
            return X_EXC;
        }
        v_incref(ts->handling);
        Value old = ts->exc;
        ts->exc = ts->handling;
        v_decref(ts->in, old);
        return X_EXC;
    }
    Value v = eval_expr(ts, f, st->u.expr);
    if (v.tag == V_EXC)
        return X_EXC;
    vm_raise_value(ts, v);
    /* `raise e` of an exception caught before: as in CPython, this frame
     * gets a new entry at this line, in front of the traceback e has. */
    if (v_is(ts->exc, K_INST)) {
        InstObj *e = (InstObj *)ts->exc.u.o;
        e->tb_frame = f;
        e->tb_line = st->line;
        e->tb_added = NULL;
    }
    return X_EXC;
}

static Exit exec_assert(VmThread *ts, Frame *f, Stmt *st)
{
    int c = eval_cond(ts, f, st->u.assert_.test);
    if (c < 0)
        return X_EXC;
    if (c)
        return X_NORMAL;
    if (st->u.assert_.msg) {
        Value m = eval_expr(ts, f, st->u.assert_.msg);
        if (m.tag == V_EXC)
            return X_EXC;
        vm_raise_cls(ts, ts->in->exc[EXC_AssertionError], m);
        v_decref(ts->in, m);
    } else {
        vm_raise_cls(ts, ts->in->exc[EXC_AssertionError], VUNDEF);
    }
    return X_EXC;
}

static Exit exec_stmt(VmThread *ts, Frame *f, Stmt *st)
{
    f->line = st->line;
    switch (st->kind) {
    case S_EXPR: {
        Value v = eval_expr(ts, f, st->u.expr);
        if (v.tag == V_EXC)
            return X_EXC;
        v_decref(ts->in, v);
        return X_NORMAL;
    }
    case S_ASSIGN: {
        Value v = eval_expr(ts, f, st->u.assign.value);
        if (v.tag == V_EXC)
            return X_EXC;
        int n = st->u.assign.ntargets;
        for (int i = 0; i < n; i++) {
            if (i < n - 1)
                v_incref(v);
            if (assign_to(ts, f, st->u.assign.targets[i], v) < 0) {
                for (int j = i + 1; j < n; j++)
                    v_decref(ts->in, v);
                return X_EXC;
            }
        }
        return X_NORMAL;
    }
    case S_AUGASSIGN: return exec_aug(ts, f, st);
    case S_IF: {
        int c = eval_cond(ts, f, st->u.if_.cond);
        if (c < 0)
            return X_EXC;
        return exec_block(ts, f, c ? &st->u.if_.body : &st->u.if_.orelse);
    }
    case S_WHILE: return exec_while(ts, f, st);
    case S_FOR: return exec_for(ts, f, st);
    case S_BREAK: return X_BREAK;
    case S_CONTINUE: return X_CONTINUE;
    case S_PASS: case S_GLOBAL: return X_NORMAL;
    case S_RETURN: {
        Value v = st->u.expr ? eval_expr(ts, f, st->u.expr) : VNONE;
        if (v.tag == V_EXC)
            return X_EXC;
        v_decref(ts->in, f->ret);
        f->ret = v;
        return X_RETURN;
    }
    case S_RAISE: return exec_raise(ts, f, st);
    case S_DEF: {
        Value fn = make_function(ts, f, st);
        if (fn.tag == V_EXC)
            return X_EXC;
        return assign_to(ts, f, st->u.def.target, fn) < 0 ? X_EXC : X_NORMAL;
    }
    case S_CLASS: {
        Value c = make_class(ts, f, st);
        if (c.tag == V_EXC)
            return X_EXC;
        return assign_to(ts, f, st->u.cls.target, c) < 0 ? X_EXC : X_NORMAL;
    }
    case S_ASSERT: return exec_assert(ts, f, st);
    case S_WITH: return exec_with(ts, f, st);
    case S_TRY: return exec_try(ts, f, st);
    case S_IMPORT: case S_IMPORTFROM: return exec_import(ts, f, st);
    case S_DEL: return exec_del(ts, f, st);
    default:
        vm_raise(ts, EXC_RuntimeError, "unknown statement kind %d", (int)st->kind);
        return X_EXC;
    }
}

Exit exec_block(VmThread *ts, Frame *f, const StmtList *b)
{
    for (int i = 0; i < b->n; i++) {
        Exit x = exec_stmt(ts, f, b->items[i]);
        if (__builtin_expect(x != X_NORMAL, 0)) {
            if (x == X_EXC && v_is(ts->exc, K_INST)) {
                InstObj *e = (InstObj *)ts->exc.u.o;
                if (e->tb_frame != f) {
                    e->tb_frame = f;
                    e->tb_line = f->line;
                }
            }
            return x;
        }
    }
    return X_NORMAL;
}
