/* concurrent.futures.wait and what it returns.
 *
 * wait() returns DoneAndNotDoneFutures(done, not_done), a namedtuple of two
 * sets in CPython.  The subset has no set type, so they are a small `set`
 * class of the module holding the futures in input order: what programs
 * do with them (unpacking, indexing, len, iteration, `in`, truth, `set()`
 * when empty, str) behaves as in CPython; CPython's iteration order, by
 * address, is not reproducible anyway.  A cancelled future counts as done
 * at once (CPython counts it only once its worker has reached it). */
#include <stdlib.h>
#include <string.h>

#include "vm/format.h"
#include "vm/pool_core.h"

typedef struct FutSet {
    Value list;               /* owned */
} FutSet;

static ClassObj *cf_class(VmThread *ts, const char *name) { return vmc_module_class(ts, "concurrent.futures", name); }

static void set_free(Interp *in, Obj *o)
{
    InstObj *i = (InstObj *)o;
    FutSet *fs = i->native;
    if (fs && pool_dropping_refs(o))
        v_decref(in, fs->list);
    free(fs);
    i->native = NULL;
}

static ListObj *set_list(VmThread *ts, Value self)
{
    FutSet *fs = vmc_native(self);
    if (!fs)
        vm_raise(ts, EXC_TypeError, "not a set of futures");
    return fs ? V_LIST(fs->list) : NULL;
}

static Value set_len(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    ListObj *l = set_list(ts, args[0]);
    return l ? vint(l->len) : VEXC;
}

static Value set_iter(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    FutSet *fs = vmc_native(args[0]);
    return fs ? vm_iter(ts, fs->list) : vm_raise(ts, EXC_TypeError, "not a set of futures");
}

static Value set_contains(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    ListObj *l = set_list(ts, args[0]);
    if (!l)
        return VEXC;
    for (int64_t i = 0; nargs > 1 && i < l->len; i++)
        if (l->items[i].tag == V_OBJ && args[1].tag == V_OBJ && l->items[i].u.o == args[1].u.o)
            return vbool(true);
    return vbool(false);
}

/* repr(v) into sb, honouring a library class's own __repr__ (a Future's). */
static int repr_into(VmThread *ts, StrBuf *sb, Value v)
{
    if (!v_is(v, K_INST) || !class_lookup(((InstObj *)v.u.o)->cls, ts->in->s_repr))
        return v_repr_into(ts, sb, v);
    Value r = vm_call_method(ts, v, ts->in->s_repr, NULL, 0);
    if (r.tag == V_EXC)
        return -1;
    if (v_is(r, K_STR))
        sb_append(sb, V_STR(r)->s, (size_t)V_STR(r)->len);
    v_decref(ts->in, r);
    return 0;
}

static Value set_repr(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    ListObj *l = set_list(ts, args[0]);
    if (!l)
        return VEXC;
    if (l->len == 0)
        return str_from_cstr(ts, "set()");
    StrBuf sb;
    sb_init(&sb);
    sb_putc(&sb, '{');
    for (int64_t i = 0; i < l->len; i++) {
        if (i)
            sb_puts(&sb, ", ");
        if (repr_into(ts, &sb, l->items[i]) < 0) {
            sb_free(&sb);
            return VEXC;
        }
    }
    sb_putc(&sb, '}');
    Value r = str_new(ts, sb.buf, sb.len);
    sb_free(&sb);
    return r;
}

static const VmModFunc set_methods[] = {
    { "__len__", set_len }, { "__iter__", set_iter }, { "__contains__", set_contains },
    { "__repr__", set_repr }, { "__str__", set_repr }, { NULL, NULL },
};

static Value set_new(VmThread *ts, Value list)   /* steals list */
{
    ClassObj *cls = cf_class(ts, "set");
    Value s = cls ? inst_new(ts, cls) : VEXC;
    if (s.tag == V_EXC) {
        v_decref(ts->in, list);
        return VEXC;
    }
    FutSet *fs = calloc(1, sizeof *fs);
    if (!fs)
        abort();
    fs->list = list;
    ((InstObj *)s.u.o)->native = fs;
    return s;
}

/* DoneAndNotDoneFutures(done, not_done): a namedtuple in CPython; unpacks,
 * indexes and shows as one. */
static Value dnd_get(VmThread *ts, Value self, int k)
{
    return vm_getattr(ts, self, vmc_name(ts, k ? "not_done" : "done"));
}

static Value dnd_len(VmThread *ts, Value *args, int nargs, const VmKw *kw) { return vint(2); }

static Value dnd_getitem(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    if (nargs < 2 || args[1].tag != V_INT)
        return vm_raise(ts, EXC_TypeError, "tuple indices must be integers or slices");
    int64_t k = args[1].u.i < 0 ? args[1].u.i + 2 : args[1].u.i;
    if (k < 0 || k > 1)
        return vm_raise(ts, EXC_IndexError, "tuple index out of range");
    return dnd_get(ts, args[0], (int)k);
}

static Value dnd_iter(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    TupleObj *t = tuple_new(ts, 2);
    if (!t)
        return VEXC;
    for (int k = 0; k < 2; k++) {
        t->items[k] = dnd_get(ts, args[0], k);
        if (t->items[k].tag == V_EXC) {
            t->items[k] = VNONE;
            obj_decref(ts->in, &t->h);
            return VEXC;
        }
    }
    Value it = vm_iter(ts, vobj(t));
    obj_decref(ts->in, &t->h);
    return it;
}

static Value dnd_repr(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    StrBuf sb;
    sb_init(&sb);
    sb_puts(&sb, "DoneAndNotDoneFutures(");
    for (int k = 0; k < 2; k++) {
        Value v = dnd_get(ts, args[0], k);
        sb_puts(&sb, k ? ", not_done=" : "done=");
        if (v.tag == V_EXC || repr_into(ts, &sb, v) < 0) {
            v_decref(ts->in, v);
            sb_free(&sb);
            return VEXC;
        }
        v_decref(ts->in, v);
    }
    sb_putc(&sb, ')');
    Value r = str_new(ts, sb.buf, sb.len);
    sb_free(&sb);
    return r;
}

static const VmModFunc dnd_methods[] = {
    { "__len__", dnd_len }, { "__getitem__", dnd_getitem }, { "__iter__", dnd_iter },
    { "__repr__", dnd_repr }, { "__str__", dnd_repr }, { NULL, NULL },
};

/* The futures of fs once each (fs may name one twice), checked; NULL with
 * an exception. */
Value *cf_futs_unique(VmThread *ts, Value fs, int *out_n)
{
    Value l = list_from_iterable(ts, fs);
    if (l.tag == V_EXC)
        return NULL;
    int n = (int)V_LIST(l)->len, k = 0;
    Value *futs = calloc((size_t)(n ? n : 1), sizeof *futs);
    if (!futs)
        abort();
    for (int i = 0; i < n; i++) {
        Value f = V_LIST(l)->items[i];
        int dup = 0;
        for (int j = 0; j < k; j++)
            dup |= futs[j].u.o == f.u.o;
        if (dup)
            continue;
        if (!pf_of(ts, f)) {
            for (int j = 0; j < k; j++)
                v_decref(ts->in, futs[j]);
            free(futs);
            v_decref(ts->in, l);
            return NULL;
        }
        v_incref(f);
        futs[k++] = f;
    }
    v_decref(ts->in, l);
    *out_n = k;
    return futs;
}

enum { W_ALL, W_FIRST, W_EXC };

/* Is wait() over?  When / all are done, or the first (failed) one is. */
static int wait_over(PFut **fs, int n, int when)
{
    int done = 0;
    for (int i = 0; i < n; i++) {
        if (atomic_load(&fs[i]->state) != PF_DONE)
            continue;
        done++;
        if (when == W_FIRST || (when == W_EXC && !fs[i]->ok && !fs[i]->cancelled))
            return 1;
    }
    return done == n;
}

Value cf_wait(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    static const char *const whens[] = { "ALL_COMPLETED", "FIRST_COMPLETED", "FIRST_EXCEPTION" };
    if (nargs < 1)
        return vm_raise(ts, EXC_TypeError, "wait() missing 1 required positional argument: 'fs'");
    double t = vmc_timeout(ts, nargs > 1 ? args[1] : vmc_kwarg(ts, kw, "timeout", VNONE), "wait");
    if (t == -2)
        return VEXC;
    Value rw = nargs > 2 ? args[2] : vmc_kwarg(ts, kw, "return_when", VUNDEF);
    int when = W_ALL, bad = 0;
    if (rw.tag != V_UNDEF) {
        bad = 1;
        for (int i = 0; i < 3 && v_is(rw, K_STR); i++)
            if (strcmp(V_STR(rw)->s, whens[i]) == 0) {
                when = i;
                bad = 0;
            }
    }
    int n = 0;
    Value *futs = cf_futs_unique(ts, args[0], &n);
    if (!futs)
        return VEXC;
    for (int i = 0; bad && i < n; i++) {
        /* CPython looks at return_when only when it has to wait */
        PFut *f = ((InstObj *)futs[i].u.o)->native;
        if (atomic_load(&f->state) == PF_DONE)
            continue;
        for (int j = 0; j < n; j++)
            v_decref(ts->in, futs[j]);
        free(futs);
        Value r = v_repr(ts, rw);
        if (r.tag == V_EXC)
            return VEXC;
        Value e = vm_raise(ts, EXC_ValueError, "Invalid return condition: %s", V_STR(r)->s);
        v_decref(ts->in, r);
        return e;
    }
    PFut **fs = calloc((size_t)(n ? n : 1), sizeof *fs), **left = calloc((size_t)(n ? n : 1), sizeof *left);
    if (!fs || !left)
        abort();
    for (int i = 0; i < n; i++)
        fs[i] = ((InstObj *)futs[i].u.o)->native;
    double deadline = t == -1 ? -1 : (double)rt_now_ns() / 1e9 + (t == -3 ? 0 : t);
    int rc = 0;
    while (!wait_over(fs, n, when)) {
        int nl = 0;
        for (int i = 0; i < n; i++)
            if (atomic_load(&fs[i]->state) != PF_DONE)
                left[nl++] = fs[i];
        double rest = deadline < 0 ? -1 : deadline - (double)rt_now_ns() / 1e9;
        if (deadline >= 0 && rest <= 0)
            break;
        /* all of them: one at a time; else whichever comes first */
        rc = when == W_ALL ? pf_wait(ts, left[0], rest) : pf_wait_any(ts, left, nl, rest);
        if (rc == -1 || (when == W_ALL && rc == 0) || (when != W_ALL && rc == -2))
            break;
    }
    free(left);
    ListObj *done = list_new(ts, n), *not_done = list_new(ts, n);
    for (int i = 0; i < n; i++)
        list_append(ts, atomic_load(&fs[i]->state) == PF_DONE ? done : not_done, futs[i]);
    free(fs);
    free(futs);
    if (rc == -1) {
        obj_decref(ts->in, &done->h);
        obj_decref(ts->in, &not_done->h);
        return VEXC;
    }
    Value sd = set_new(ts, vobj(done));
    Value sn = set_new(ts, vobj(not_done));
    ClassObj *cls = cf_class(ts, "DoneAndNotDoneFutures");
    Value r = cls && sd.tag != V_EXC && sn.tag != V_EXC ? inst_new(ts, cls) : VEXC;
    if (r.tag != V_EXC && (vm_setattr(ts, r, vmc_name(ts, "done"), sd) < 0 ||
                           vm_setattr(ts, r, vmc_name(ts, "not_done"), sn) < 0)) {
        v_decref(ts->in, r);
        r = VEXC;
    }
    v_decref(ts->in, sd);
    v_decref(ts->in, sn);
    return r;
}

static ClassObj *add_class(VmThread *ts, ModuleObj *m, const char *name, const VmModFunc *methods, VmFreeFn fr)
{
    return vmc_add_class(ts, m, name, NULL, "concurrent.futures", methods, fr);
}

int cfw_add_classes(VmThread *ts, ModuleObj *m)
{
    ClassObj *st = add_class(ts, m, "set", set_methods, set_free);
    if (!st || !add_class(ts, m, "DoneAndNotDoneFutures", dnd_methods, NULL))
        return -1;
    st->module = "builtins";   /* shown as CPython's sets are */
    return 0;
}
