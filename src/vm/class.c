/* Classes, instances and attribute access.
 *
 * Attribute tables are small open-addressing hashes keyed by interned
 * strings (pointer equality).  A class may have several bases; a lookup
 * walks its MRO (the C3 linearisation, computed once at creation).  Builtin kinds are classes too (interp->types[]), holding their
 * methods as BuiltinObj with BF_METHOD. */
#include <stdlib.h>
#include <string.h>

#include "vm/format.h"
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

/* The C3 linearisation of c from its bases' MROs, as CPython computes it:
 * merge(mro(B1), ..., mro(Bn), [B1..Bn]), taking each time the first head
 * that is in no list's tail.  -1 with a TypeError when there is none. */
static int class_c3(VmThread *ts, ClassObj *c)
{
    int n = c->nbases + 1, cap = 1;
    ClassObj **seqs[n];
    int len[n], at[n];
    for (int i = 0; i < c->nbases; i++) {
        seqs[i] = c->bases[i]->mro;
        len[i] = c->bases[i]->nmro;
        at[i] = 0;
        cap += len[i];
    }
    seqs[n - 1] = c->bases;
    len[n - 1] = c->nbases;
    at[n - 1] = 0;
    ClassObj **out = malloc(sizeof *out * (size_t)cap);
    if (!out)
        abort();
    int nout = 0;
    out[nout++] = c;
    for (;;) {
        ClassObj *next = NULL;
        bool left = false;
        for (int i = 0; i < n && !next; i++) {
            if (at[i] >= len[i])
                continue;
            left = true;
            ClassObj *cand = seqs[i][at[i]];
            bool in_tail = false;
            for (int j = 0; j < n && !in_tail; j++)
                for (int k = at[j] + 1; k < len[j] && !in_tail; k++)
                    in_tail = seqs[j][k] == cand;
            if (!in_tail)
                next = cand;
        }
        if (!left)
            break;
        if (!next) {
            StrBuf sb;
            sb_init(&sb);
            for (int i = 0; i < n; i++) {
                if (at[i] >= len[i])
                    continue;
                bool seen = false;
                for (int j = 0; j < i && !seen; j++)
                    seen = at[j] < len[j] && seqs[j][at[j]] == seqs[i][at[i]];
                if (!seen)
                    sb_printf(&sb, "%s%s", sb.len ? ", " : "", seqs[i][at[i]]->name->s);
            }
            char *names = sb_detach(&sb);
            vm_raise(ts, EXC_TypeError, "Cannot create a consistent method resolution\norder (MRO) for bases %s",
                     names);
            free(names);
            free(out);
            return -1;
        }
        out[nout++] = next;
        for (int i = 0; i < n; i++)
            if (at[i] < len[i] && seqs[i][at[i]] == next)
                at[i]++;
    }
    free(c->mro);
    c->mro = out;
    c->nmro = nout;
    return 0;
}

/* The topmost class of c's single-base chain that still has c's native
 * state: two bases with different ones cannot share an instance. */
static const ClassObj *native_root(const ClassObj *c)
{
    while (c->base && c->base->native_free == c->native_free)
        c = c->base;
    return c;
}

/* A class with bases (none for object): its MRO, and the hooks and flags
 * of the first class in it that has them.  NULL with a TypeError for
 * duplicate bases, an inconsistent MRO or clashing native bases. */
ClassObj *class_new_bases(VmThread *ts, const char *name, ClassObj **bases, int nbases, const char *module)
{
    for (int i = 0; i < nbases; i++)
        for (int j = 0; j < i; j++)
            if (bases[i] == bases[j]) {
                vm_raise(ts, EXC_TypeError, "duplicate base class %s", bases[i]->name->s);
                return NULL;
            }
    for (int i = 0; i < nbases; i++)
        for (int j = 0; j < i; j++)
            if (bases[i]->native_free && bases[j]->native_free &&
                native_root(bases[i]) != native_root(bases[j]) &&
                !class_is_sub(bases[i], native_root(bases[j])) && !class_is_sub(bases[j], native_root(bases[i]))) {
                vm_raise(ts, EXC_TypeError, "multiple bases have instance lay-out conflict");
                return NULL;
            }
    ClassObj *c = obj_alloc(ts, K_CLASS, sizeof(ClassObj));
    if (!c)
        return NULL;
    c->name = str_intern(ts->in, name, strlen(name));
    c->module = module;
    if (nbases) {
        c->bases = malloc(sizeof *c->bases * (size_t)nbases);
        if (!c->bases)
            abort();
        for (int i = 0; i < nbases; i++) {
            bases[i]->h.rc++;
            c->bases[i] = bases[i];
        }
        c->nbases = nbases;
        c->base = bases[0];
    }
    if (class_c3(ts, c) < 0) {
        obj_decref(ts->in, &c->h);
        return NULL;
    }
    for (int i = 1; i < c->nmro; i++) {
        const ClassObj *k = c->mro[i];
        c->cflags |= k->cflags & CF_EXC;
        if (!c->getattr)
            c->getattr = k->getattr;
        if (!c->setattr)
            c->setattr = k->setattr;
        if (!c->native_free)
            c->native_free = k->native_free;
    }
    return c;
}

ClassObj *class_new(VmThread *ts, const char *name, ClassObj *base, const char *module)
{
    return class_new_bases(ts, name, &base, base ? 1 : 0, module);
}

Value *class_lookup(const ClassObj *c, const StrObj *name)
{
    for (int i = 0; c && i < c->nmro; i++) {
        Value *v = at_find(&c->mro[i]->dict, name);
        if (v)
            return v;
    }
    return NULL;
}

/* super(cls, self).name: the MRO of self's class (or of self, a class),
 * searched after cls. */
static Value *super_lookup(Interp *in, const SuperObj *s, const StrObj *name)
{
    const ClassObj *t = v_is(s->self, K_CLASS) ? (const ClassObj *)s->self.u.o : v_class(in, s->self);
    int i = 0;
    while (i < t->nmro && t->mro[i] != s->cls)
        i++;
    for (i++; i < t->nmro; i++) {
        Value *v = at_find(&t->mro[i]->dict, name);
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

/* C.__mro__, C.__bases__ */
static Value class_tuple(VmThread *ts, ClassObj **cs, int n)
{
    TupleObj *t = tuple_new(ts, n);
    if (!t)
        return VEXC;
    for (int i = 0; i < n; i++) {
        cs[i]->h.rc++;
        t->items[i] = vobj(cs[i]);
    }
    return vobj(t);
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
            if (strcmp(name->s, "__mro__") == 0)
                return class_tuple(ts, c->mro, c->nmro);
            if (strcmp(name->s, "__bases__") == 0)
                return class_tuple(ts, c->bases, c->nbases);
            return no_attr(ts, obj, name);
        }
        case K_SUPER: {
            SuperObj *s = (SuperObj *)obj.u.o;
            Value *v = super_lookup(in, s, name);
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
    ClassObj *b = in->types[T_BOOL];
    b->base = b->bases[0] = in->types[T_INT];
    in->types[T_INT]->h.rc++;
    class_c3(ts, b);
    str_methods_init(ts, in->types[K_STR]);
    list_methods_init(ts, in->types[K_LIST], in->types[K_TUPLE]);
}
