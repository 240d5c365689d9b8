/* Exceptions: CPython's builtin hierarchy as classes, raising from C, the
 * traceback recorded as an exception leaves each frame, and the report on
 * stderr for an uncaught one. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vm/format.h"
#include "vm/interp.h"

static const struct {
    const char *name;
    int parent;            /* ExcId, or -1 for object */
} exc_table[EXC_COUNT] = {
    [EXC_BaseException] = { "BaseException", -1 },
    [EXC_Exception] = { "Exception", EXC_BaseException },
    [EXC_KeyboardInterrupt] = { "KeyboardInterrupt", EXC_BaseException },
    [EXC_SystemExit] = { "SystemExit", EXC_BaseException },
    [EXC_ArithmeticError] = { "ArithmeticError", EXC_Exception },
    [EXC_ZeroDivisionError] = { "ZeroDivisionError", EXC_ArithmeticError },
    [EXC_OverflowError] = { "OverflowError", EXC_ArithmeticError },
    [EXC_LookupError] = { "LookupError", EXC_Exception },
    [EXC_IndexError] = { "IndexError", EXC_LookupError },
    [EXC_KeyError] = { "KeyError", EXC_LookupError },
    [EXC_NameError] = { "NameError", EXC_Exception },
    [EXC_UnboundLocalError] = { "UnboundLocalError", EXC_NameError },
    [EXC_TypeError] = { "TypeError", EXC_Exception },
    [EXC_ValueError] = { "ValueError", EXC_Exception },
    [EXC_AttributeError] = { "AttributeError", EXC_Exception },
    [EXC_AssertionError] = { "AssertionError", EXC_Exception },
    [EXC_RuntimeError] = { "RuntimeError", EXC_Exception },
    [EXC_RecursionError] = { "RecursionError", EXC_RuntimeError },
    [EXC_NotImplementedError] = { "NotImplementedError", EXC_RuntimeError },
    [EXC_StopIteration] = { "StopIteration", EXC_Exception },
    [EXC_MemoryError] = { "MemoryError", EXC_Exception },
    [EXC_ImportError] = { "ImportError", EXC_Exception },
    [EXC_ModuleNotFoundError] = { "ModuleNotFoundError", EXC_ImportError },
    [EXC_OSError] = { "OSError", EXC_Exception },
    [EXC_TimeoutError] = { "TimeoutError", EXC_OSError },
};

bool class_is_sub(const ClassObj *c, const ClassObj *base)
{
    for (int i = 0; c && i < c->nmro; i++)
        if (c->mro[i] == base)
            return true;
    return false;
}

bool vm_exc_isa(Interp *in, Value exc, ClassObj *cls)
{
    return v_is(exc, K_INST) && class_is_sub(((InstObj *)exc.u.o)->cls, cls);
}

/* BaseException.__init__(self, *args): replaces args. */
static Value exc_m_init(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    if (kw && kw->n)
        return vm_raise(ts, EXC_TypeError, "%s() takes no keyword arguments", v_typename(ts->in, args[0]));
    TupleObj *t = tuple_new(ts, nargs - 1);
    if (!t)
        return VEXC;
    for (int i = 1; i < nargs; i++)
        v_incref(t->items[i - 1] = args[i]);
    InstObj *self = (InstObj *)args[0].u.o;
    Value old = self->args;
    self->args = vobj(t);
    v_decref(ts->in, old);
    return VNONE;
}

static int exc_getattr(VmThread *ts, Value self, StrObj *name, Value *out)
{
    InstObj *i = (InstObj *)self.u.o;
    if (name != ts->in->s_args)
        return 0;
    if (i->args.tag == V_UNDEF) {
        TupleObj *t = tuple_new(ts, 0);
        if (!t)
            return -1;
        i->args = vobj(t);
    }
    v_incref(i->args);
    *out = i->args;
    return 1;
}

void exc_init_classes(Interp *in)
{
    VmThread *ts = in->main_ts;
    for (int k = 0; k < EXC_COUNT; k++) {
        ClassObj *base = exc_table[k].parent < 0 ? in->object_class : in->exc[exc_table[k].parent];
        ClassObj *c = class_new(ts, exc_table[k].name, base, "builtins");
        c->cflags |= CF_EXC;
        c->getattr = exc_getattr;
        in->exc[k] = c;
    }
    class_add_method(ts, in->exc[EXC_BaseException], "__init__", exc_m_init);
}

Value exc_new(VmThread *ts, ClassObj *cls, Value *args, int nargs)
{
    return class_call(ts, cls, args, nargs, NULL);
}

static void exc_set(VmThread *ts, Value e)
{
    if (ts->handling.tag == V_OBJ && ts->handling.u.o != e.u.o) {
        InstObj *i = (InstObj *)e.u.o;
        if (i->context.tag == V_UNDEF) {
            v_incref(ts->handling);
            i->context = ts->handling;
        }
    }
    Value old = ts->exc;
    ts->exc = e;
    v_decref(ts->in, old);
}

Value vm_raise_cls(VmThread *ts, ClassObj *cls, Value msg)
{
    Value e = exc_new(ts, cls, &msg, msg.tag == V_UNDEF ? 0 : 1);
    if (e.tag == V_EXC)
        return VEXC;
    exc_set(ts, e);
    return VEXC;
}

Value vm_raise(VmThread *ts, ExcId id, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    /* a MemoryError must not need memory past the cap */
    int64_t cap = ts->in->mem_cap;
    if (id == EXC_MemoryError)
        ts->in->mem_cap = INT64_MAX;
    Value msg = str_from_cstr(ts, buf);
    Value r = vm_raise_cls(ts, ts->in->exc[id], msg);
    v_decref(ts->in, msg);
    ts->in->mem_cap = cap;
    return r;
}

Value vm_raise_value(VmThread *ts, Value v)
{
    if (v_is(v, K_CLASS) && (((ClassObj *)v.u.o)->cflags & CF_EXC)) {
        Value e = exc_new(ts, (ClassObj *)v.u.o, NULL, 0);
        v_decref(ts->in, v);
        if (e.tag == V_EXC)
            return VEXC;
        v = e;
    }
    if (!vm_exc_isa(ts->in, v, ts->in->exc[EXC_BaseException])) {
        v_decref(ts->in, v);
        return vm_raise(ts, EXC_TypeError, "exceptions must derive from BaseException");
    }
    exc_set(ts, v);
    return VEXC;
}

void vm_exc_add_tb(VmThread *ts, const char *func, int line)
{
    if (!v_is(ts->exc, K_INST))
        return;
    InstObj *e = (InstObj *)ts->exc.u.o;
    TbEntry *t = malloc(sizeof *t);
    if (!t)
        abort();
    t->func = func;
    t->line = line;
    t->next = e->tb;
    e->tb = t;
}

void vm_exc_leave_frame(VmThread *ts, const Frame *f, const char *func)
{
    if (!v_is(ts->exc, K_INST))
        return;
    InstObj *e = (InstObj *)ts->exc.u.o;
    if (e->tb_added != f)
        vm_exc_add_tb(ts, func, e->tb_frame == f ? e->tb_line : f->line);
    e->tb_frame = NULL;     /* the caller records its own line */
    e->tb_added = NULL;
}

void vm_exc_caught(VmThread *ts, const Frame *f, Value exc)
{
    InstObj *e = (InstObj *)exc.u.o;
    if (e->tb_added == f)
        return;
    Value saved = ts->exc;
    ts->exc = exc;
    vm_exc_add_tb(ts, f->info->name, e->tb_frame == f ? e->tb_line : f->line);
    ts->exc = saved;
    e->tb_added = f;
    e->tb_frame = f;
}

Value exc_str(VmThread *ts, InstObj *e)
{
    Value args = e->args;
    if (!v_is(args, K_TUPLE) || V_TUPLE(args)->len == 0)
        return str_new(ts, "", 0);
    if (V_TUPLE(args)->len == 1) {
        if (class_is_sub(e->cls, ts->in->exc[EXC_KeyError]))
            return v_repr(ts, V_TUPLE(args)->items[0]);
        return v_str(ts, V_TUPLE(args)->items[0]);
    }
    return v_repr(ts, args);
}

static void split_source(Interp *in)
{
    if (in->srclines || !in->mod || !in->mod->src)
        return;
    const char *s = in->mod->src, *end = s + in->mod->srclen;
    int n = 1;
    for (const char *p = s; p < end; p++)
        n += *p == '\n';
    in->srclines = calloc((size_t)n + 1, sizeof *in->srclines);
    in->nsrclines = 0;
    const char *p = s;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
        char *line = malloc(len + 1);
        memcpy(line, p, len);
        line[len] = 0;
        in->srclines[in->nsrclines++] = line;
        p = nl ? nl + 1 : end;
    }
}

/* CPython shows the script's absolute path. */
static void abs_path(StrBuf *sb, const char *file)
{
    if (file[0] == '/') {
        sb_puts(sb, file);
        return;
    }
    char cwd[4096];
    if (!getcwd(cwd, sizeof cwd)) {
        sb_puts(sb, file);
        return;
    }
    while (file[0] == '.' && file[1] == '/')
        file += 2;
    sb_printf(sb, "%s/%s", cwd, file);
}

static void format_one(VmThread *ts, StrBuf *sb, Value exc, int depth)
{
    Interp *in = ts->in;
    InstObj *e = (InstObj *)exc.u.o;
    if (v_is(e->context, K_INST) && depth < 10) {
        format_one(ts, sb, e->context, depth + 1);
        sb_puts(sb, "\nDuring handling of the above exception, another exception occurred:\n\n");
    }
    if (e->tb) {
        split_source(in);
        sb_puts(sb, "Traceback (most recent call last):\n");
        const TbEntry *prev = NULL;
        int repeat = 0;
        for (TbEntry *t = e->tb; t; t = t->next) {
            /* CPython shows a line repeated more than 3 times once, with a count */
            if (prev && prev->line == t->line && strcmp(prev->func, t->func) == 0) {
                if (++repeat >= 3) {
                    if (!t->next || t->next->line != t->line || strcmp(t->next->func, t->func) != 0)
                        sb_printf(sb, "  [Previous line repeated %d more time%s]\n", repeat - 2,
                                  repeat - 2 == 1 ? "" : "s");
                    continue;
                }
            } else {
                repeat = 0;
            }
            prev = t;
            sb_puts(sb, "  File \"");
            abs_path(sb, in->mod ? in->mod->file : "<script>");
            sb_printf(sb, "\", line %d, in %s\n", t->line, t->func);
            if (t->line >= 1 && t->line <= in->nsrclines) {
                const char *l = in->srclines[t->line - 1];
                while (*l == ' ' || *l == '\t')
                    l++;
                size_t n = strlen(l);
                while (n && (l[n - 1] == ' ' || l[n - 1] == '\r'))
                    n--;
                if (n) {
                    sb_puts(sb, "    ");
                    sb_append(sb, l, n);
                    sb_putc(sb, '\n');
                }
            }
        }
    }
    ClassObj *c = e->cls;
    if (c->module && strcmp(c->module, "builtins") && strcmp(c->module, "__main__"))
        sb_printf(sb, "%s.", c->module);
    sb_puts(sb, c->name->s);
    Value saved = ts->exc;
    ts->exc = VUNDEF;
    StrBuf msg;
    sb_init(&msg);
    if (v_str_into(ts, &msg, exc) < 0) {
        v_decref(in, ts->exc);
        ts->exc = VUNDEF;
        sb_free(&msg);
        sb_puts(&msg, "<exception str() failed>");
    }
    ts->exc = saved;
    if (msg.len) {
        sb_puts(sb, ": ");
        sb_append(sb, msg.buf, msg.len);
    }
    sb_free(&msg);
    sb_putc(sb, '\n');
}

void vm_print_traceback(VmThread *ts, Value exc)
{
    if (!v_is(exc, K_INST))
        return;
    vm_write(ts, "", 0, true);      /* the script's output so far comes first */
    StrBuf sb;
    sb_init(&sb);
    format_one(ts, &sb, exc, 0);
    fwrite(sb.buf, 1, sb.len, stderr);
    fflush(stderr);
    sb_free(&sb);
}
