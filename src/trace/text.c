/* Formatting events as text lines: one formatter per payload style, chosen
 * by a table indexed by kind. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "trace/text.h"

typedef struct NameSlot {
    uint32_t id;        /* object id + 1; 0 = empty */
    uint32_t ev;        /* event holding the name */
} NameSlot;

struct TraceText {
    NameSlot *slot;
    uint32_t  cap, n;
};

typedef struct Out {
    char  *buf;
    size_t size, len;
} Out;

static void out_printf(Out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void out_printf(Out *o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    size_t room = o->len < o->size ? o->size - o->len : 0;
    int n = vsnprintf(room ? o->buf + o->len : NULL, room, fmt, ap);
    va_end(ap);
    if (n > 0)
        o->len += (size_t)n;
}

/* Text with control characters escaped, so one event stays one line. */
static void out_quoted(Out *o, const char *s, uint32_t len)
{
    out_printf(o, "\"");
    for (uint32_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == '\n')
            out_printf(o, "\\n");
        else if (ch == '\t')
            out_printf(o, "\\t");
        else if (ch == '"' || ch == '\\')
            out_printf(o, "\\%c", ch);
        else if (ch < 0x20 || ch == 0x7f)
            out_printf(o, "\\x%02x", ch);
        else
            out_printf(o, "%c", ch);
    }
    out_printf(o, "\"");
}

TraceText *trace_text_create(void)
{
    return calloc(1, sizeof(TraceText));
}

void trace_text_destroy(TraceText *t)
{
    if (!t)
        return;
    free(t->slot);
    free(t);
}

static NameSlot *names_find(TraceText *t, uint32_t id, int add)
{
    if (add && (t->n + 1) * 2 > t->cap) {
        NameSlot *old = t->slot;
        uint32_t oldcap = t->cap;
        t->cap = t->cap ? t->cap * 2 : 64;
        t->slot = calloc(t->cap, sizeof *t->slot);
        if (!t->slot)
            abort();
        t->n = 0;
        for (uint32_t i = 0; i < oldcap; i++)
            if (old[i].id)
                *names_find(t, old[i].id - 1, 1) = old[i];
        free(old);
    }
    if (!t->cap)
        return NULL;
    uint32_t mask = t->cap - 1, i = (id * 2654435761u) & mask;
    while (t->slot[i].id && t->slot[i].id != id + 1)
        i = (i + 1) & mask;
    if (!t->slot[i].id) {
        if (!add)
            return NULL;
        t->slot[i].id = id + 1;
        t->n++;
    }
    return &t->slot[i];
}

static void out_obj(Out *o, TraceText *t, const EventLog *log, uint32_t id)
{
    NameSlot *s = id == TRACE_NONE ? NULL : names_find(t, id, 0);
    uint32_t len = 0;
    const char *name = s ? eventlog_text(log, s->ev, &len) : "";
    if (len)
        out_printf(o, " %s", name);
    else if (id != TRACE_NONE)
        out_printf(o, " #%u", id);
}

typedef struct FmtCtx {
    Out              *o;
    TraceText        *t;
    const EventLog   *log;
    const TraceEvent *e;
    size_t            k;
    const char       *text;
    uint32_t          len;
} FmtCtx;

typedef void (*FmtFn)(FmtCtx *c);

static void fmt_value(Out *o, uint64_t bits, int is_double)
{
    if (is_double) {
        double d;
        memcpy(&d, &bits, sizeof d);
        out_printf(o, "%.17g", d);
    } else {
        out_printf(o, "%lld", (long long)(int64_t)bits);
    }
}

static void fmt_obj(FmtCtx *c)
{
    out_obj(c->o, c->t, c->log, c->e->obj);
    if (c->e->aux && (c->e->kind == TK_LOCK_ACQUIRE || c->e->kind == TK_LOCK_RELEASE ||
                      c->e->kind == TK_COND_NOTIFY))
        out_printf(c->o, " n=%u", c->e->aux);
}

static void fmt_obj_text(FmtCtx *c)
{
    out_obj(c->o, c->t, c->log, c->e->obj);
    out_printf(c->o, " ");
    out_quoted(c->o, c->text, c->len);
}

static void fmt_text(FmtCtx *c)
{
    out_printf(c->o, " ");
    out_quoted(c->o, c->text, c->len);
}

static void fmt_measure(FmtCtx *c)
{
    out_printf(c->o, " ");
    out_quoted(c->o, c->text, c->len);
    out_printf(c->o, " %.6fs", c->e->a.d);
}

static void fmt_worker(FmtCtx *c)
{
    const TraceEvent *e = c->e;
    if (e->kind == TK_WORKER_CREATED)
        out_printf(c->o, " w%u", e->obj);
    out_printf(c->o, " ");
    out_quoted(c->o, c->text, c->len);
    out_printf(c->o, " %s", e->flags & TF_PROCESS ? "process" : "thread");
    if (e->kind == TK_WORKER_STARTED) {
        out_printf(c->o, " pid %u tid %u", (unsigned)(e->a.u >> 32), (unsigned)(e->a.u & 0xffffffffu));
        if (e->obj != TRACE_NONE)
            out_printf(c->o, " parent w%u", e->obj);
    }
}

static void fmt_ended(FmtCtx *c)
{
    out_printf(c->o, " exit %lld", (long long)c->e->a.i);
}

static void fmt_created(FmtCtx *c)
{
    const TraceEvent *e = c->e;
    if (c->len)
        *names_find(c->t, e->obj, 1) = (NameSlot){ e->obj + 1, (uint32_t)c->k };
    out_printf(c->o, " %s #%u", e->aux < TO_COUNT ? trace_obj_kind_names[e->aux] : "?", e->obj);
    if (c->len)
        out_printf(c->o, " %.*s", (int)c->len, c->text);
    if (e->a.u)
        out_printf(c->o, " size %llu", (unsigned long long)e->a.u);
    if (e->flags & TF_DOUBLE)
        out_printf(c->o, " double");
    if (e->flags & TF_SHARED)
        out_printf(c->o, " shared");
}

static void fmt_named(FmtCtx *c)
{
    *names_find(c->t, c->e->obj, 1) = (NameSlot){ c->e->obj + 1, (uint32_t)c->k };
    out_printf(c->o, " #%u %.*s", c->e->obj, (int)c->len, c->text);
}

static void fmt_write(FmtCtx *c)
{
    const TraceEvent *e = c->e;
    int dbl = (e->flags & TF_DOUBLE) != 0;
    out_obj(c->o, c->t, c->log, e->obj);
    if (e->kind == TK_ARRAY_WRITE)
        out_printf(c->o, "[%u]", e->aux);
    uint64_t old = 0;
    if (c->len == sizeof old)
        memcpy(&old, c->text, sizeof old);
    out_printf(c->o, " ");
    fmt_value(c->o, old, dbl);
    out_printf(c->o, " -> ");
    fmt_value(c->o, e->a.u, dbl);
}

static void fmt_list(FmtCtx *c)
{
    out_obj(c->o, c->t, c->log, c->e->obj);
    if (c->e->kind == TK_LIST_WRITE)
        out_printf(c->o, "[%u] =", c->e->aux);
    out_printf(c->o, " %.*s", (int)c->len, c->text);
}

static void fmt_sleep(FmtCtx *c)
{
    out_printf(c->o, " %.6fs", (double)c->e->a.u / 1e9);
}

static void fmt_join(FmtCtx *c)
{
    out_printf(c->o, " w%u", c->e->obj);
}

static void fmt_gate(FmtCtx *c)
{
    if (c->e->aux < TK_COUNT && c->e->kind == TK_GATE_WAIT)
        out_printf(c->o, " %s", trace_kind_info(c->e->aux)->name);
}

static void fmt_none(FmtCtx *c)
{
    (void)c;
}

static const FmtFn fmt_table[TK_COUNT] = {
    [TK_WORKER_CREATED] = fmt_worker, [TK_WORKER_STARTED] = fmt_worker,
    [TK_WORKER_ENDED] = fmt_ended,    [TK_OBJ_CREATED] = fmt_created,
    [TK_OBJ_NAMED] = fmt_named,       [TK_GIL_WAIT] = fmt_obj,
    [TK_GIL_ACQUIRE] = fmt_obj,       [TK_GIL_RELEASE] = fmt_obj,
    [TK_LOCK_WAIT] = fmt_obj,         [TK_LOCK_ACQUIRE] = fmt_obj,
    [TK_LOCK_RELEASE] = fmt_obj,      [TK_COND_WAIT] = fmt_obj,
    [TK_COND_WAKE] = fmt_obj,         [TK_COND_NOTIFY] = fmt_obj,
    [TK_EVENT_WAIT] = fmt_obj,        [TK_EVENT_WAKE] = fmt_obj,
    [TK_EVENT_SET] = fmt_obj,         [TK_EVENT_CLEAR] = fmt_obj,
    [TK_QUEUE_PUT] = fmt_obj_text,    [TK_QUEUE_GET] = fmt_obj_text,
    [TK_QUEUE_FULL] = fmt_obj,        [TK_QUEUE_EMPTY] = fmt_obj,
    [TK_ARRAY_WRITE] = fmt_write,     [TK_VALUE_WRITE] = fmt_write,
    [TK_LIST_WRITE] = fmt_list,       [TK_LIST_APPEND] = fmt_list,
    [TK_PRINT] = fmt_text,            [TK_SLEEP_BEGIN] = fmt_sleep,
    [TK_SLEEP_END] = fmt_none,        [TK_JOIN_WAIT] = fmt_join,
    [TK_JOIN_END] = fmt_join,         [TK_EXCEPTION] = fmt_text,
    [TK_PAUSE] = fmt_text,            [TK_GATE_WAIT] = fmt_gate,
    [TK_GATE_GRANT] = fmt_gate,       [TK_TASK_SUBMIT] = fmt_obj_text,
    [TK_TASK_START] = fmt_obj,        [TK_TASK_DONE] = fmt_obj_text,
    [TK_FUTURE_WAIT] = fmt_obj,       [TK_FUTURE_WAKE] = fmt_obj,
    [TK_TASK_RESULT] = fmt_obj,       [TK_MEASURE] = fmt_measure,
};

size_t trace_text_format(TraceText *t, const EventLog *log, size_t k, char *buf, size_t size)
{
    const TraceEvent *e = eventlog_get(log, k);
    Out o = { buf, size, 0 };
    FmtCtx c = { &o, t, log, e, k, NULL, 0 };
    c.text = eventlog_text(log, k, &c.len);
    out_printf(&o, "%12.3fus w%u %s", (double)e->ts / 1000.0, e->worker, trace_kind_info(e->kind)->name);
    if (e->kind < TK_COUNT && fmt_table[e->kind])
        fmt_table[e->kind](&c);
    if (e->flags & TF_TIMEOUT)
        out_printf(&o, " timeout");
    if (e->line)
        out_printf(&o, " line %u", e->line);
    if (size && o.len >= size)
        buf[size - 1] = '\0';
    return o.len;
}

void trace_text_print(TraceText *t, const EventLog *log, size_t from, size_t to, FILE *out)
{
    char small[512];
    for (size_t k = from; k < to; k++) {
        size_t n = trace_text_format(t, log, k, small, sizeof small);
        if (n < sizeof small) {
            fprintf(out, "%s\n", small);
            continue;
        }
        char *big = malloc(n + 1);
        if (!big)
            abort();
        trace_text_format(t, log, k, big, n + 1);
        fprintf(out, "%s\n", big);
        free(big);
    }
}
