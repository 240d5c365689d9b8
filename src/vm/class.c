/* Classes, instances and attribute access.
 *
 * Attribute tables are small open-addressing hashes keyed by interned
 * strings (pointer equality).  Classes have a single base; a lookup walks
 * the chain.  Builtin kinds are classes too (interp->types[]), holding their
 * methods as BuiltinObj with BF_METHOD. */
#include <stdlib.h>
#include <string.h>

#include "vm/interp.h"

void at_init(AttrTable *t) { memset(t, 0, sizeof *t); }

void at_free(Interp *in, AttrTable *t)
{
    for (uint32_t i = 0; i < t->cap; i++)
        if (t->keys[i])
            v_decref(in, t->vals[i]);
    free(t->keys);
    free(t->vals);
    at_init(t);
}

Value *at_find(const AttrTable *t, const StrObj *key)
{
    if (!t->cap)
        return NULL;
    uint32_t m = t->cap - 1, j = (uint32_t)key->hash & m;
    for (StrObj *k; (k = t->keys[j]); j = (j + 1) & m)
        if (k == key)
            return t->vals[j].tag == V_UNDEF ? NULL : &t->vals[j];
    return NULL;
}

int at_set(VmThread *ts, AttrTable *t, StrObj *key, Value v)
{
    if ((t->n + 1) * 4 >= t->cap * 3) {
        uint32_t ncap = t->cap ? t->cap * 2 : 8;
        StrObj **nk = calloc(ncap, sizeof *nk);
        Value *nv = calloc(ncap, sizeof *nv);
        if (!nk || !nv)
            abort();
        for (uint32_t i = 0; i < t->cap; i++) {
            if (!t->keys[i])
                continue;
            uint32_t j = (uint32_t)t->keys[i]->hash & (ncap - 1);
            while (nk[j])
                j = (j + 1) & (ncap - 1);
            nk[j] = t->keys[i];
            nv[j] = t->vals[i];
        }
        free(t->keys);
        free(t->vals);
        t->keys = nk;
        t->vals = nv;
        t->cap = ncap;
    }
    uint32_t m = t->cap - 1, j = (uint32_t)key->hash & m;
    for (StrObj *k; (k = t->keys[j]); j = (j + 1) & m)
        if (k == key) {
            Value old = t->vals[j];
            t->vals[j] = v;
            v_decref(ts->in, old);
            return 0;
        }
    t->keys[j] = key;      /* interned keys live as long as the interpreter */
    t->vals[j] = v;
    t->n++;
    return 0;
}

/* Deletion leaves the key with an UNDEF value (a tombstone). */
bool at_del(Interp *in, AttrTable *t, const StrObj *key)
{
    Value *v = at_find(t, key);
    if (!v)
        return false;
    Value old = *v;
    *v = VUNDEF;
    v_decref(in, old);
    return true;
}

ClassObj *class_new(VmThread *ts, const char *name, ClassObj *base, const char *module)
{
    ClassObj *c = obj_alloc(ts, K_CLASS, sizeof(ClassObj));
    if (!c)
        return NULL;
    c->name = str_intern(ts->in, name, strlen(name));
    c->base = base;
    if (base) {
        base->h.rc++;
        c->cflags = base->cflags & CF_EXC;
        c->getattr = base->getattr;
        c->setattr = base->setattr;
    }
    c->module = module;
    return c;
}

Value *class_lookup(const ClassObj *c, const StrObj *name)
{
    for (; c; c = c->base) {
        Value *v = at_find(&c->dict, name);
        if (v)
            return v;
    }
    return NULL;
}

int class_add_method(VmThread *ts, ClassObj *c, const char *name, VmCFunc fn)
{
    Value b = builtin_new(ts, name, fn, BF_METHOD, c);
    if (b.tag == V_EXC)
        return -1;
    return at_set(ts, &c->dict, str_intern(ts->in, name, strlen(name)), b);
}

Value inst_new(VmThread *ts, ClassObj *c)
{
    InstObj *i = obj_alloc(ts, K_INST, sizeof(InstObj));
    if (!i)
        return VEXC;
    c->h.rc++;
    i->cls = c;
    return vobj(i);
}

static Value bind(VmThread *ts, Value self, Value f)
{
    if (v_is(f, K_FUNC) || (v_is(f, K_BUILTIN) && (f.u.o->flags & BF_METHOD))) {
        BoundObj *b = obj_alloc(ts, K_BOUND, sizeof(BoundObj));
        if (!b)
            return VEXC;
        v_incref(self);
        v_incref(f);
        b->self = self;
        b->func = f;
        return vobj(b);
    }
    v_incref(f);
    return f;
}

static Value no_attr(VmThread *ts, Value obj, StrObj *name)
{
    if (v_is(obj, K_MODULE))
        return vm_raise(ts, EXC_AttributeError, "module '%s' has no attribute '%s'",
                        ((ModuleObj *)obj.u.o)->name->s, name->s);
    if (v_is(obj, K_CLASS))
        return vm_raise(ts, EXC_AttributeError, "type object '%s' has no attribute '%s'",
                        ((ClassObj *)obj.u.o)->name->s, name->s);
    return vm_raise(ts, EXC_AttributeError, "'%s' object has no attribute '%s'", v_typename(ts->in, obj), name->s);
}

Value vm_getattr(VmThread *ts, Value obj, StrObj *name)
{
    Interp *in = ts->in;
    if (obj.tag == V_OBJ) {
        switch ((Kind)obj.u.o->kind) {
        case K_INST: {
            InstObj *i = (InstObj *)obj.u.o;
            Value *v = at_find(&i->attrs, name);
            if (v) {
                v_incref(*v);
                return *v;
            }
            if (i->cls->getattr) {
                Value out;
                int r = i->cls->getattr(ts, obj, name, &out);
                if (r != 0)
                    return r < 0 ? VEXC : out;
            }
            if (name == in->s_class) {
                i->cls->h.rc++;
                return vobj(i->cls);
            }
            v = class_lookup(i->cls, name);
            if (v)
                return bind(ts, obj, *v);
            return no_attr(ts, obj, name);
        }
        case K_MODULE: {
            Value *v = at_find(&((ModuleObj *)obj.u.o)->attrs, name);
            if (v) {
                v_incref(*v);
                return *v;
            }
            if (name == in->s_dunder_name) {
                ModuleObj *m = (ModuleObj *)obj.u.o;
                m->name->h.rc++;
                return vobj(m->name);
            }
            return no_attr(ts, obj, name);
        }
        case K_CLASS: {
            ClassObj *c = (ClassObj *)obj.u.o;
            if (name == in->s_dunder_name) {
                c->name->h.rc++;
                return vobj(c->name);
            }
            Value *v = class_lookup(c, name);
            if (v) {
                v_incref(*v);
                return *v;
            }
            return no_attr(ts, obj, name);
        }
        case K_SUPER: {
            SuperObj *s = (SuperObj *)obj.u.o;
            Value *v = class_lookup(s->cls->base, name);
            if (v)
                return bind(ts, s->self, *v);
            return vm_raise(ts, EXC_AttributeError, "'super' object has no attribute '%s'", name->s);
        }
        case K_FUNC:
            if (name == in->s_dunder_name)
                return str_from_cstr(ts, ((FuncObj *)obj.u.o)->info->name);
            break;
        case K_BUILTIN:
            if (name == in->s_dunder_name)
                return str_from_cstr(ts, ((BuiltinObj *)obj.u.o)->name);
            break;
        default:
            break;
        }
    }
    ClassObj *c = v_class(in, obj);
    if (c->getattr) {
        Value out;
        int r = c->getattr(ts, obj, name, &out);
        if (r != 0)
            return r < 0 ? VEXC : out;
    }
    Value *v = class_lookup(c, name);
    if (v)
        return bind(ts, obj, *v);
    return no_attr(ts, obj, name);
}

int vm_setattr(VmThread *ts, Value obj, StrObj *name, Value v)
{
    if (v_is(obj, K_INST)) {
        InstObj *i = (InstObj *)obj.u.o;
        if (i->cls->setattr) {
            int r = i->cls->setattr(ts, obj, name, v);
            if (r != 0)
                return r < 0 ? -1 : 0;
        }
        v_incref(v);
        return at_set(ts, &i->attrs, name, v);
    }
    if (v_is(obj, K_CLASS) && !(((ClassObj *)obj.u.o)->cflags & CF_BUILTIN)) {
        v_incref(v);
        return at_set(ts, &((ClassObj *)obj.u.o)->dict, name, v);
    }
    if (v_is(obj, K_MODULE)) {
        v_incref(v);
        return at_set(ts, &((ModuleObj *)obj.u.o)->attrs, name, v);
    }
    if (v_is(obj, K_CLASS))
        vm_raise(ts, EXC_TypeError, "cannot set '%s' attribute of immutable type '%s'", name->s,
                 ((ClassObj *)obj.u.o)->name->s);
    else
        vm_raise(ts, EXC_AttributeError, "'%s' object has no attribute '%s'", v_typename(ts->in, obj), name->s);
    return -1;
}

int vm_delattr(VmThread *ts, Value obj, StrObj *name)
{
    if (v_is(obj, K_INST) && at_del(ts->in, &((InstObj *)obj.u.o)->attrs, name))
        return 0;
    no_attr(ts, obj, name);
    return -1;
}

/* Calling a class: builtin types run their constructor; user classes make
 * an instance (exceptions keep their args) and run __init__. */
Value class_call(VmThread *ts, ClassObj *c, Value *args, int nargs, const VmKw *kw)
{
    if (c->ctor)
        return c->ctor(ts, args, nargs, kw);
    Value self = inst_new(ts, c);
    if (self.tag == V_EXC)
        return VEXC;
    if (c->cflags & CF_EXC) {
        TupleObj *t = tuple_new(ts, nargs);
        if (!t) {
            v_decref(ts->in, self);
            return VEXC;
        }
        for (int i = 0; i < nargs; i++)
            v_incref(t->items[i] = args[i]);
        ((InstObj *)self.u.o)->args = vobj(t);
    }
    Value *init = class_lookup(c, ts->in->s_init);
    if (init) {
        Value buf[8];
        Value *a = nargs < 8 ? buf : malloc(sizeof(Value) * (size_t)(nargs + 1));
        a[0] = self;
        if (nargs)
            memcpy(a + 1, args, sizeof(Value) * (size_t)nargs);
        Value r = vm_call(ts, *init, a, nargs + 1, kw);
        if (a != buf)
            free(a);
        if (r.tag == V_EXC) {
            v_decref(ts->in, self);
            return VEXC;
        }
        if (r.tag != V_NONE) {
            v_decref(ts->in, r);
            v_decref(ts->in, self);
            return vm_raise(ts, EXC_TypeError, "__init__() should return None, not '%s'", v_typename(ts->in, r));
        }
    } else if (nargs || (kw && kw->n)) {
        v_decref(ts->in, self);
        return vm_raise(ts, EXC_TypeError, "%s() takes no arguments", c->name->s);
    }
    return self;
}

static const char *const type_names[T_COUNT] = {
    [K_STR] = "str", [K_LIST] = "list", [K_TUPLE] = "tuple", [K_RANGE] = "range",
    [K_FUNC] = "function", [K_BOUND] = "method", [K_BUILTIN] = "builtin_function_or_method",
    [K_CLASS] = "type", [K_INST] = "object", [K_MODULE] = "module", [K_CELL] = "cell",
    [K_ITER] = "iterator", [K_SUPER] = "super",
    [T_NONE] = "NoneType", [T_BOOL] = "bool", [T_INT] = "int", [T_FLOAT] = "float",
};

void str_methods_init(VmThread *ts, ClassObj *c);
void list_methods_init(VmThread *ts, ClassObj *list, ClassObj *tuple);

void types_init(Interp *in)
{
    VmThread *ts = in->main_ts;
    in->object_class = class_new(ts, "object", NULL, "builtins");
    in->object_class->cflags |= CF_BUILTIN;
    for (int k = 0; k < T_COUNT; k++) {
        if (k == K_INST) {
            in->object_class->h.rc++;
            in->types[k] = in->object_class;
            continue;
        }
        in->types[k] = class_new(ts, type_names[k], in->object_class, "builtins");
        in->types[k]->cflags |= CF_BUILTIN;
    }
    /* bool derives from int (isinstance(True, int)) */
    in->object_class->h.rc--;
    in->types[T_BOOL]->base = in->types[T_INT];
    in->types[T_INT]->h.rc++;
    str_methods_init(ts, in->types[K_STR]);
    list_methods_init(ts, in->types[K_LIST], in->types[K_TUPLE]);
}
