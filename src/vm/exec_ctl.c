/* The statements with more machinery: try/except/else/finally, with,
 * import, del, and the creation of functions and classes. */
#include <stdlib.h>
#include <string.h>

#include "vm/interp.h"

static int exc_matches(VmThread *ts, Value exc, Value type)
{
    if (v_is(type, K_CLASS)) {
        ClassObj *c = (ClassObj *)type.u.o;
        if (!(c->cflags & CF_EXC))
            goto bad;
        return vm_exc_isa(ts->in, exc, c);
    }
    if (v_is(type, K_TUPLE)) {
        for (int64_t i = 0; i < V_TUPLE(type)->len; i++) {
            int r = exc_matches(ts, exc, V_TUPLE(type)->items[i]);
            if (r)
                return r;
        }
        return 0;
    }
bad:
    vm_raise(ts, EXC_TypeError, "catching classes that do not inherit from BaseException is not allowed");
    return -1;
}

static void unbind(VmThread *ts, Frame *f, Expr *t)
{
    Value *slot = NULL;
    switch (t->u.name.scope) {
    case SCOPE_LOCAL: slot = &f->locals[t->u.name.slot]; break;
    case SCOPE_GLOBAL: slot = &ts->in->globals[t->u.name.slot]; break;
    case SCOPE_CELL: slot = &((CellObj *)f->locals[t->u.name.slot].u.o)->v; break;
    default: return;
    }
    Value old = *slot;
    *slot = VUNDEF;
    v_decref(ts->in, old);
}

static Exit run_handlers(VmThread *ts, Frame *f, Stmt *st)
{
    Value exc = ts->exc;          /* owned here while the handlers are matched */
    ts->exc = VUNDEF;
    for (int i = 0; i < st->u.try_.nhandlers; i++) {
        ExceptClause *h = &st->u.try_.handlers[i];
        if (h->type) {
            f->line = h->line;
            Value t = eval_expr(ts, f, h->type);
            if (t.tag == V_EXC) {
                v_decref(ts->in, exc);
                return X_EXC;
            }
            int m = exc_matches(ts, exc, t);
            v_decref(ts->in, t);
            if (m < 0) {
                v_decref(ts->in, exc);
                return X_EXC;
            }
            if (!m)
                continue;
        }
        vm_exc_caught(ts, f, exc);
        Value saved = ts->handling;
        ts->handling = exc;
        if (h->name_target) {
            v_incref(exc);
            if (assign_to(ts, f, h->name_target, exc) < 0) {
                ts->handling = saved;
                v_decref(ts->in, exc);
                return X_EXC;
            }
        }
        Exit x = exec_block(ts, f, &h->body);
        if (x != X_EXC || ts->exc.u.o != exc.u.o)
            ((InstObj *)exc.u.o)->tb_added = NULL;     /* handled: a later `raise e` starts afresh */
        if (h->name_target)
            unbind(ts, f, h->name_target);
        ts->handling = saved;
        v_decref(ts->in, exc);
        return x;
    }
    ts->exc = exc;
    return X_EXC;
}

Exit exec_try(VmThread *ts, Frame *f, Stmt *st);
Exit exec_try(VmThread *ts, Frame *f, Stmt *st)
{
    Exit x = exec_block(ts, f, &st->u.try_.body);
    if (x == X_EXC && st->u.try_.nhandlers)
        x = run_handlers(ts, f, st);
    else if (x == X_NORMAL)
        x = exec_block(ts, f, &st->u.try_.orelse);
    if (st->u.try_.finalbody.n == 0)
        return x;
    Value pend_exc = VUNDEF, pend_ret = VUNDEF, saved = ts->handling;
    if (x == X_EXC) {
        pend_exc = ts->exc;
        ts->exc = VUNDEF;
        ts->handling = pend_exc;  /* an exception in finally chains to it */
    } else if (x == X_RETURN) {
        pend_ret = f->ret;
        f->ret = VNONE;
    }
    Exit fx = exec_block(ts, f, &st->u.try_.finalbody);
    ts->handling = saved;
    if (fx != X_NORMAL) {
        v_decref(ts->in, pend_exc);
        v_decref(ts->in, pend_ret);
        return fx;
    }
    if (x == X_EXC)
        ts->exc = pend_exc;
    else if (x == X_RETURN) {
        v_decref(ts->in, f->ret);
        f->ret = pend_ret;
    }
    return x;
}

Exit exec_with(VmThread *ts, Frame *f, Stmt *st);
Exit exec_with(VmThread *ts, Frame *f, Stmt *st)
{
    Interp *in = ts->in;
    Value ctx = eval_expr(ts, f, st->u.with.ctx);
    if (ctx.tag == V_EXC)
        return X_EXC;
    Value exitfn = vm_getattr(ts, ctx, in->s_exit);
    if (exitfn.tag == V_EXC) {
        v_decref(in, ctx);
        return X_EXC;
    }
    Value entered = vm_call_method(ts, ctx, in->s_enter, NULL, 0);
    if (entered.tag == V_EXC) {
        v_decref(in, exitfn);
        v_decref(in, ctx);
        return X_EXC;
    }
    Exit x;
    if (st->u.with.target)
        x = assign_to(ts, f, st->u.with.target, entered) < 0 ? X_EXC : X_NORMAL;
    else {
        v_decref(in, entered);
        x = X_NORMAL;
    }
    if (x == X_NORMAL)
        x = exec_block(ts, f, &st->u.with.body);
    Value r;
    if (x == X_EXC) {
        Value exc = ts->exc;
        ts->exc = VUNDEF;
        Value args[3] = { vobj(((InstObj *)exc.u.o)->cls), exc, VNONE };
        Value saved = ts->handling;
        ts->handling = exc;
        r = vm_call(ts, exitfn, args, 3, NULL);
        ts->handling = saved;
        if (r.tag == V_EXC) {
            v_decref(in, exc);
        } else if (v_truthy(r)) {
            v_decref(in, exc);
            x = X_NORMAL;
        } else {
            ts->exc = exc;
        }
    } else {
        Value args[3] = { VNONE, VNONE, VNONE };
        r = vm_call(ts, exitfn, args, 3, NULL);
        if (r.tag == V_EXC) {
            if (x == X_RETURN) {
                v_decref(in, f->ret);
                f->ret = VNONE;
            }
            x = X_EXC;
        }
    }
    v_decref(in, r);
    v_decref(in, exitfn);
    v_decref(in, ctx);
    return x;
}

Exit exec_import(VmThread *ts, Frame *f, Stmt *st);
Exit exec_import(VmThread *ts, Frame *f, Stmt *st)
{
    for (int i = 0; i < st->u.import.n; i++) {
        ImportName *in = &st->u.import.names[i];
        Value mod = module_import(ts, in->module);
        if (mod.tag == V_EXC)
            return X_EXC;
        Value v;
        if (st->kind == S_IMPORTFROM) {
            StrObj *name = str_intern(ts->in, in->name, strlen(in->name));
            Value *a = at_find(&((ModuleObj *)mod.u.o)->attrs, name);
            if (!a) {
                v_decref(ts->in, mod);
                vm_raise(ts, EXC_ImportError, "cannot import name '%s' from '%s' (unknown location)", in->name, in->module);
                return X_EXC;
            }
            v = *a;
            v_incref(v);
            v_decref(ts->in, mod);
        } else {
            const char *dot = strchr(in->module, '.');
            if (dot && in->asname && strlen(in->asname) == (size_t)(dot - in->module)
                && strncmp(in->asname, in->module, (size_t)(dot - in->module)) == 0) {
                /* `import a.b` binds a */
                v_decref(ts->in, mod);
                char top[64];
                snprintf(top, sizeof top, "%.*s", (int)(dot - in->module), in->module);
                mod = module_import(ts, top);
                if (mod.tag == V_EXC)
                    return X_EXC;
            }
            v = mod;
        }
        if (assign_to(ts, f, in->target, v) < 0)
            return X_EXC;
    }
    return X_NORMAL;
}

static int del_one(VmThread *ts, Frame *f, Expr *t)
{
    switch (t->kind) {
    case E_NAME: {
        Value v = eval_expr(ts, f, t);      /* raises NameError / UnboundLocalError */
        if (v.tag == V_EXC)
            return -1;
        v_decref(ts->in, v);
        unbind(ts, f, t);
        return 0;
    }
    case E_TUPLE: case E_LIST:
        for (int i = 0; i < t->u.seq.n; i++)
            if (del_one(ts, f, t->u.seq.items[i]) < 0)
                return -1;
        return 0;
    case E_ATTR: {
        Value obj = eval_expr(ts, f, t->u.attr.obj);
        if (obj.tag == V_EXC)
            return -1;
        int r = vm_delattr(ts, obj, t->cache);
        v_decref(ts->in, obj);
        return r;
    }
    case E_SUBSCRIPT: {
        Value obj = eval_expr(ts, f, t->u.sub.obj);
        if (obj.tag == V_EXC)
            return -1;
        int r = -1;
        if (!v_is(obj, K_LIST)) {
            vm_raise(ts, EXC_TypeError, "'%s' object doesn't support item deletion", v_typename(ts->in, obj));
        } else if (t->u.sub.index->kind == E_SLICE) {
            Expr *ie = t->u.sub.index;
            Value lo = ie->u.slice.lo ? eval_expr(ts, f, ie->u.slice.lo) : VNONE;
            Value hi = lo.tag != V_EXC && ie->u.slice.hi ? eval_expr(ts, f, ie->u.slice.hi) : VNONE;
            if (lo.tag != V_EXC && hi.tag != V_EXC) {
                TupleObj *empty = tuple_new(ts, 0);
                extern int vm_store_slice(VmThread *, Value, Value, Value, Value);
                r = empty ? vm_store_slice(ts, obj, lo, hi, vobj(empty)) : -1;
                if (empty)
                    obj_decref(ts->in, &empty->h);
            }
            v_decref(ts->in, lo);
            v_decref(ts->in, hi);
        } else {
            Value idx = eval_expr(ts, f, t->u.sub.index);
            int64_t i;
            if (idx.tag != V_EXC && v_as_index(ts, idx, &i, "list indices") == 0) {
                ListObj *l = V_LIST(obj);
                if (i < 0)
                    i += l->len;
                if (i < 0 || i >= l->len) {
                    vm_raise(ts, EXC_IndexError, "list assignment index out of range");
                } else {
                    Value old = l->items[i];
                    memmove(&l->items[i], &l->items[i + 1], sizeof(Value) * (size_t)(l->len - i - 1));
                    l->len--;
                    v_decref(ts->in, old);
                    r = 0;
                }
            }
            v_decref(ts->in, idx);
        }
        v_decref(ts->in, obj);
        return r;
    }
    default:
        vm_raise(ts, EXC_TypeError, "cannot delete this expression");
        return -1;
    }
}

Exit exec_del(VmThread *ts, Frame *f, Stmt *st);
Exit exec_del(VmThread *ts, Frame *f, Stmt *st)
{
    for (int i = 0; i < st->u.del.n; i++)
        if (del_one(ts, f, st->u.del.items[i]) < 0)
            return X_EXC;
    return X_NORMAL;
}

Value make_function(VmThread *ts, Frame *f, Stmt *def)
{
    FuncInfo *info = def->u.def.scope_info;
    FuncObj *fn = obj_alloc(ts, K_FUNC, sizeof(FuncObj));
    if (!fn)
        return VEXC;
    fn->info = info;
    int nd = def->u.def.params.ndefaults;
    if (nd) {
        fn->defaults = calloc((size_t)nd, sizeof(Value));
        for (int i = 0; i < nd; i++) {
            Value v = eval_expr(ts, f, def->u.def.params.defaults[i]);
            if (v.tag == V_EXC) {
                obj_decref(ts->in, &fn->h);
                return VEXC;
            }
            fn->defaults[fn->ndefaults++] = v;
        }
    }
    if (info->nfree) {
        fn->closure = calloc((size_t)info->nfree, sizeof(CellObj *));
        for (int i = 0; i < info->nfree; i++) {
            FreeSrc src = info->freesrc[i];
            CellObj *c = src.from_closure ? f->closure[src.index] : (CellObj *)f->locals[src.index].u.o;
            c->h.rc++;
            fn->closure[fn->nclosure++] = c;
        }
    }
    return vobj(fn);
}

Value make_class(VmThread *ts, Frame *f, Stmt *cls)
{
    Interp *in = ts->in;
    FuncInfo *info = cls->u.cls.scope_info;
    int nb = cls->u.cls.bases.n;
    Value bv[nb ? nb : 1];
    ClassObj *bases[nb ? nb : 1];
    bases[0] = in->object_class;
    for (int i = 0; i < nb; i++) {
        bv[i] = eval_expr(ts, f, cls->u.cls.bases.items[i]);
        Value e = VUNDEF;
        if (bv[i].tag == V_EXC)
            e = VEXC;
        else if (!v_is(bv[i], K_CLASS) || (((ClassObj *)bv[i].u.o)->ctor && bv[i].u.o != &in->object_class->h))
            e = v_is(bv[i], K_CLASS)
                ? vm_raise(ts, EXC_TypeError, "class %s: cannot derive from builtin type '%s' in parlab",
                           cls->u.cls.name, ((ClassObj *)bv[i].u.o)->name->s)
                : vm_raise(ts, EXC_TypeError, "class %s: a base must be a class, not %s",
                           cls->u.cls.name, v_typename(in, bv[i]));
        if (e.tag == V_EXC) {
            for (int k = 0; k <= i; k++)
                v_decref(in, bv[k]);
            return VEXC;
        }
        bases[i] = (ClassObj *)bv[i].u.o;
    }
    Value *locals = frame_alloc_locals(ts, info->nlocals);
    /* a class body inside a function sees the function's variables */
    CellObj **closure = NULL;
    if (info->nfree) {
        closure = calloc((size_t)info->nfree, sizeof *closure);
        for (int i = 0; i < info->nfree; i++) {
            FreeSrc src = info->freesrc[i];
            closure[i] = src.from_closure ? f->closure[src.index] : (CellObj *)f->locals[src.index].u.o;
        }
    }
    Frame cf = { .prev = ts->frame, .info = info, .func = NULL, .closure = closure, .locals = locals,
                 .line = cls->line, .ret = VNONE };
    ts->frame = &cf;
    ts->depth++;
    Exit x = exec_block(ts, &cf, info->body);
    ts->depth--;
    ts->frame = cf.prev;
    Value r = VEXC;
    if (x == X_EXC) {
        vm_exc_leave_frame(ts, &cf, info->name);
    } else {
        ClassObj *c = class_new_bases(ts, cls->u.cls.name, bases, nb ? nb : 1, "__main__");
        if (c) {
            for (int i = 0; i < info->nnamed; i++) {
                if (locals[i].tag == V_UNDEF)
                    continue;
                if (v_is(locals[i], K_FUNC) && !((FuncObj *)locals[i].u.o)->cls) {
                    c->h.rc++;
                    ((FuncObj *)locals[i].u.o)->cls = c;
                }
                v_incref(locals[i]);
                at_set(ts, &c->dict, str_intern(in, info->localnames[i], strlen(info->localnames[i])), locals[i]);
            }
            r = vobj(c);
        }
    }
    frame_free_locals(ts, locals, info->nlocals);
    free(closure);
    for (int i = 0; i < nb; i++)
        v_decref(in, bv[i]);
    return r;
}
