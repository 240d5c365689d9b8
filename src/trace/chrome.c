/* Writing the Chrome trace-event JSON.  Spans come from the model's
 * history; instants and flows straight from the log. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "trace/chrome.h"

typedef struct Track {
    int64_t pid, tid;
} Track;

static void json_str(FILE *f, const char *s, size_t n)
{
    fputc('"', f);
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == '"' || ch == '\\')
            fprintf(f, "\\%c", ch);
        else if (ch == '\n')
            fputs("\\n", f);
        else if (ch < 0x20 || ch == 0x7f)
            fprintf(f, "\\u%04x", ch);
        else
            fputc(ch, f);
    }
    fputc('"', f);
}

static void json_cstr(FILE *f, const char *s)
{
    json_str(f, s, strlen(s));
}

/* Workers without real ids (a log made by hand, a worker that never
 * started) get stable made-up ones that cannot clash with real ones. */
static Track chrome_track(const ModelState *st, uint32_t id)
{
    const ModelWorker *w = model_worker(st, id);
    Track t = { 1000000 + (int64_t)id, 1000000 + (int64_t)id };
    if (!w)
        return t;
    const ModelWorker *p = model_worker(st, w->process);
    if (p && p->pid)
        t.pid = p->pid;
    else if (w->process != MODEL_NONE)
        t.pid = 1000000 + (int64_t)w->process;
    if (w->tid)
        t.tid = w->tid;
    return t;
}

static double us(uint64_t ns)
{
    return (double)ns / 1000.0;
}

static void chrome_meta(Model *m, const ModelState *st, FILE *f, int *first)
{
    for (uint32_t id = 0; id < st->nworkers; id++) {
        const ModelWorker *w = model_worker(st, id);
        if (!w)
            continue;
        Track t = chrome_track(st, id);
        const char *name = model_worker_name(m, w);
        char fallback[32];
        if (!*name) {
            snprintf(fallback, sizeof fallback, "worker %u", id);
            name = fallback;
        }
        if (w->is_process || w->process == id) {
            fprintf(f, "%s\n{\"name\":\"process_name\",\"cat\":\"__metadata\",\"ph\":\"M\",\"ts\":0,\"pid\":%lld,\"tid\":%lld,\"args\":{\"name\":",
                    *first ? "" : ",", (long long)t.pid, (long long)t.tid);
            /* The root's worker is its main thread ("MainThread"); the
             * process itself is "MainProcess", as in CPython. */
            json_cstr(f, w->parent == MODEL_NONE ? "MainProcess" : name);
            fputs("}}", f);
            *first = 0;
        }
        fprintf(f, "%s\n{\"name\":\"thread_name\",\"cat\":\"__metadata\",\"ph\":\"M\",\"ts\":0,\"pid\":%lld,\"tid\":%lld,\"args\":{\"name\":",
                *first ? "" : ",", (long long)t.pid, (long long)t.tid);
        json_cstr(f, name);
        fputs("}}", f);
        *first = 0;
    }
}

/* The slice for span i of worker id, if it is drawn. */
static void chrome_span(Model *m, const ModelState *st, FILE *f, uint32_t id, size_t i)
{
    const EventLog *log = model_log(m);
    size_t n;
    const ModelSpan *sp = model_spans(m, id, &n);
    if (i >= n || sp[i].state == TS_DONE || sp[i].state == TS_NEW)
        return;
    Track t = chrome_track(st, id);
    uint64_t end = i + 1 < n ? sp[i + 1].t0 : st->ts;
    if (end < sp[i].t0)
        end = sp[i].t0;
    const ModelObject *o = sp[i].obj != MODEL_NONE ? model_object(st, sp[i].obj) : NULL;
    const char *on = o ? model_object_name(m, o) : "";
    char name[160];
    if (*on)
        snprintf(name, sizeof name, "%s %s", trace_state_names[sp[i].state], on);
    else if (sp[i].state == TS_JOIN && sp[i].obj != MODEL_NONE)
        snprintf(name, sizeof name, "join %s",
                 model_worker_name(m, model_worker(st, sp[i].obj)));
    else
        snprintf(name, sizeof name, "%s", trace_state_names[sp[i].state]);
    fputs(",\n{\"name\":", f);
    json_cstr(f, name);
    fprintf(f, ",\"cat\":\"state\",\"ph\":\"X\",\"ts\":%.3f,\"dur\":%.3f,\"pid\":%lld,\"tid\":%lld,"
               "\"args\":{\"event\":%u,\"line\":%u}}",
            us(sp[i].t0), us(end - sp[i].t0), (long long)t.pid, (long long)t.tid, sp[i].ev,
            eventlog_get(log, sp[i].ev)->line);
}

/* Emit the spans of worker id that start at event k, in order. */
static void chrome_spans_at(Model *m, const ModelState *st, FILE *f, size_t *cursor, uint32_t id,
                            size_t k)
{
    size_t n;
    const ModelSpan *sp = model_spans(m, id, &n);
    while (cursor[id] < n && sp[cursor[id]].ev <= k) {
        chrome_span(m, st, f, id, cursor[id]);
        cursor[id]++;
    }
}

/* Kinds drawn as instants on their worker's track. */
static int chrome_is_instant(unsigned kind)
{
    return kind == TK_PRINT || kind == TK_ARRAY_WRITE || kind == TK_VALUE_WRITE ||
           kind == TK_LIST_WRITE || kind == TK_LIST_APPEND || kind == TK_QUEUE_PUT ||
           kind == TK_QUEUE_GET || kind == TK_EXCEPTION || kind == TK_PAUSE ||
           kind == TK_EVENT_SET || kind == TK_COND_NOTIFY || kind == TK_TASK_SUBMIT ||
           kind == TK_TASK_START || kind == TK_TASK_DONE || kind == TK_TASK_RESULT ||
           kind == TK_MEASURE;
}

typedef struct LastRelease {
    uint32_t obj;
    uint32_t worker;
    uint32_t flow;      /* flow id, 0 = none pending */
} LastRelease;

static void chrome_flow_end(FILE *f, uint32_t flow, uint64_t ts, Track t)
{
    fprintf(f, ",\n{\"name\":\"handover\",\"cat\":\"flow\",\"ph\":\"f\",\"bp\":\"e\",\"id\":%u,"
               "\"ts\":%.3f,\"pid\":%lld,\"tid\":%lld,\"args\":{}}",
            flow, us(ts), (long long)t.pid, (long long)t.tid);
}

static void chrome_events(Model *m, const ModelState *st, FILE *f)
{
    const EventLog *log = model_log(m);
    size_t n = eventlog_count(log), nrel = 0, caprel = 0;
    LastRelease *rel = NULL;
    uint32_t next_flow = 1;
    size_t *cursor = calloc(st->nworkers ? st->nworkers : 1, sizeof *cursor);
    if (!cursor)
        return;
    /* Everything in timestamp order, so each track reads forward. */
    for (size_t k = 0; k < n; k++) {
        const TraceEvent *e = eventlog_get(log, k);
        Track t = chrome_track(st, e->worker);
        if (e->worker < st->nworkers)
            chrome_spans_at(m, st, f, cursor, e->worker, k);
        if (e->kind == TK_WORKER_CREATED && e->obj < st->nworkers)
            chrome_spans_at(m, st, f, cursor, e->obj, k);
        if (chrome_is_instant(e->kind)) {
            fprintf(f, ",\n{\"name\":\"%s\",\"cat\":\"event\",\"ph\":\"i\",\"s\":\"t\",\"ts\":%.3f,"
                       "\"pid\":%lld,\"tid\":%lld,\"args\":{\"event\":%zu,\"line\":%u",
                    trace_kind_info(e->kind)->name, us(e->ts), (long long)t.pid, (long long)t.tid, k, e->line);
            const ModelObject *o = model_object(st, e->obj);
            if (o && *model_object_name(m, o)) {
                fputs(",\"object\":", f);
                json_cstr(f, model_object_name(m, o));
            }
            if (e->kind == TK_ARRAY_WRITE || e->kind == TK_VALUE_WRITE) {
                if (e->flags & TF_DOUBLE)
                    fprintf(f, ",\"index\":%u,\"old\":%.17g,\"new\":%.17g", e->aux,
                            eventlog_old_d(log, k), e->a.d);
                else
                    fprintf(f, ",\"index\":%u,\"old\":%lld,\"new\":%lld", e->aux,
                            (long long)eventlog_old_i(log, k), (long long)e->a.i);
            } else {
                uint32_t len;
                const char *text = eventlog_text(log, k, &len);
                if (len) {
                    fputs(",\"text\":", f);
                    json_str(f, text, len);
                }
            }
            fputs("}}", f);
            continue;
        }
        if (e->kind != TK_LOCK_RELEASE && e->kind != TK_LOCK_ACQUIRE && e->kind != TK_GIL_RELEASE &&
            e->kind != TK_GIL_ACQUIRE)
            continue;
        size_t i = 0;
        while (i < nrel && rel[i].obj != e->obj)
            i++;
        int release = e->kind == TK_LOCK_RELEASE || e->kind == TK_GIL_RELEASE;
        if (release) {
            if (i == nrel) {
                if (nrel == caprel) {
                    caprel = caprel ? caprel * 2 : 16;
                    LastRelease *r = realloc(rel, caprel * sizeof *rel);
                    if (!r)
                        break;
                    rel = r;
                }
                nrel++;
            } else if (rel[i].flow) {
                /* Released again with no acquire between: that arrow
                 * ends here, so every start has its end. */
                chrome_flow_end(f, rel[i].flow, e->ts, chrome_track(st, rel[i].worker));
            }
            rel[i] = (LastRelease){ e->obj, e->worker, next_flow++ };
            fprintf(f, ",\n{\"name\":\"handover\",\"cat\":\"flow\",\"ph\":\"s\",\"id\":%u,\"ts\":%.3f,"
                       "\"pid\":%lld,\"tid\":%lld,\"args\":{}}",
                    rel[i].flow, us(e->ts), (long long)t.pid, (long long)t.tid);
        } else if (i < nrel && rel[i].flow) {
            /* An arrow needs an end: to another worker, else to itself. */
            fprintf(f, ",\n{\"name\":\"handover\",\"cat\":\"flow\",\"ph\":\"f\",\"bp\":\"e\",\"id\":%u,"
                       "\"ts\":%.3f,\"pid\":%lld,\"tid\":%lld,\"args\":{}}",
                    rel[i].flow, us(e->ts), (long long)t.pid, (long long)t.tid);
            rel[i].flow = 0;
        }
    }
    /* Releases nobody took up (the end of the run): end at the last event. */
    for (size_t i = 0; i < nrel && n; i++)
        if (rel[i].flow)
            chrome_flow_end(f, rel[i].flow, eventlog_get(log, n - 1)->ts, chrome_track(st, rel[i].worker));
    free(rel);
    free(cursor);
}

int trace_chrome_write(Model *m, FILE *f)
{
    model_update(m);
    const ModelState *st = model_head(m);
    int first = 1;
    fputs("{\"displayTimeUnit\":\"ns\",\"traceEvents\":[", f);
    chrome_meta(m, st, f, &first);
    if (first) {
        fputs("\n{\"name\":\"process_name\",\"cat\":\"__metadata\",\"ph\":\"M\",\"ts\":0,\"pid\":0,\"tid\":0,\"args\":{\"name\":\"parlab\"}}", f);
        first = 0;
    }
    chrome_events(m, st, f);
    fputs("\n]}\n", f);
    return ferror(f) ? -1 : 0;
}
