/* The recorder's side in the interpreter: rt's event hook turned into trace
 * events, print() turned into events, object naming, and the collector
 * thread of the root process with the headless sink (the script's output,
 * or with --events the event log as text, on stdout in timestamp order).
 *
 * File-scope state: rt_hook is a bare function pointer with no context, so
 * the recorder finds its writer in thread-local storage (one writer per OS
 * thread) and the process's VmConc in ev_conc (one interpreter per
 * process). */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "rt/gate.h"
#include "rt/sharr.h"
#include "rt/shm.h"
#include "trace/collector.h"
#include "trace/text.h"
#include "vm/format.h"
#include "vm/vm_conc.h"

static VmConc *ev_conc;
static _Thread_local TraceWriter *tls_tw;
static _Thread_local VmThread *tls_ts;
static _Thread_local int tls_worker = -1;

/* The collector (root process only). */
static struct {
    Collector *col;
    EventLog log;
    TraceText *text;
    pthread_t th;
    int running;
    _Atomic int stop;
    uint64_t start_ns;
    int time_cap;
    StrBuf out;
    void (*log_done)(const EventLog *log, void *arg);
    void *log_arg;
    int (*log_watch)(const EventLog *log, void *arg);
    _Atomic uint64_t *rounds;   /* in the arena: drain-and-write rounds done */
} ev_sink;

uint32_t vme_objid(VmConc *c, const void *p)
{
    if (!p)
        return TRACE_NONE;
    if (c && shm_contains(c->rt->arena, p, 1))
        return (uint32_t)(shm_off(c->rt->arena, p) >> 4);
    return (uint32_t)((uintptr_t)p >> 4) | 0x80000000u;
}

static uint32_t cur_line(void)
{
    return tls_ts && tls_ts->frame && tls_ts->frame->line > 0 ? (uint32_t)tls_ts->frame->line : 0;
}

static void writer_open(int worker)
{
    if (!tls_tw && ev_conc) {
        tls_tw = trace_worker_open(ev_conc->tshm, worker);
        tls_worker = worker;
    }
}

static void writer_close(void)
{
    trace_worker_close(tls_tw);
    tls_tw = NULL;
    tls_worker = -1;
}

void vme_thread_attach(VmConc *c, int worker, VmThread *ts)
{
    (void)c;
    writer_open(worker);
    tls_ts = ts;
}

void vme_thread_set_ts(VmThread *ts)
{
    tls_ts = ts;
}

void vme_thread_detach(void)
{
    writer_close();
    tls_ts = NULL;
}

static void atfork_child(void)
{
    /* The parent's ring belongs to the parent: the child opens its own at
     * its worker.started; only the copied writer struct is ours to free. */
    trace_worker_forget(tls_tw);
    tls_tw = NULL;
    tls_worker = -1;
}

void vme_after_fork_child(VmThread *ts, int worker)
{
    writer_open(worker);
    tls_ts = ts;
}

void vme_worker_ended(int worker, int64_t code)
{
    if (tls_tw && tls_worker == worker) {
        trace_emit_f(tls_tw, TK_WORKER_ENDED, TF_PROCESS, (uint32_t)worker, 0, 0, (uint64_t)code);
        writer_close();
    }
}

/* Is this array a multiprocessing.Value?  A small set of arena offsets. */
static int is_value(VmConc *c, uint32_t id)
{
    for (size_t i = 0; i < sizeof c->value_ids / sizeof c->value_ids[0]; i++)
        if (c->value_ids[(id + i) % 256] == id)
            return 1;
        else if (!c->value_ids[(id + i) % 256])
            return 0;
    return 0;
}

static void mark_value(VmConc *c, uint32_t id)
{
    for (size_t i = 0; i < 256; i++)
        if (!c->value_ids[(id + i) % 256]) {
            c->value_ids[(id + i) % 256] = id;
            return;
        }
}

static const uint8_t rt_to_trace[RT_EV_COUNT] = {
    [RT_EV_WORKER_CREATED] = TK_WORKER_CREATED, [RT_EV_WORKER_STARTED] = TK_WORKER_STARTED,
    [RT_EV_WORKER_ENDED] = TK_WORKER_ENDED,
    [RT_EV_GIL_WAIT] = TK_GIL_WAIT, [RT_EV_GIL_ACQUIRE] = TK_GIL_ACQUIRE,
    [RT_EV_GIL_RELEASE] = TK_GIL_RELEASE,
    [RT_EV_LOCK_WAIT] = TK_LOCK_WAIT, [RT_EV_LOCK_ACQUIRE] = TK_LOCK_ACQUIRE,
    [RT_EV_LOCK_RELEASE] = TK_LOCK_RELEASE, [RT_EV_LOCK_TIMEOUT] = TK_EVENT_WAKE,
    [RT_EV_SEM_WAIT] = TK_LOCK_WAIT, [RT_EV_SEM_ACQUIRE] = TK_LOCK_ACQUIRE,
    [RT_EV_SEM_RELEASE] = TK_LOCK_RELEASE,
    [RT_EV_EVENT_WAIT] = TK_EVENT_WAIT, [RT_EV_EVENT_WAKE] = TK_EVENT_WAKE,
    [RT_EV_EVENT_SET] = TK_EVENT_SET, [RT_EV_EVENT_CLEAR] = TK_EVENT_CLEAR,
    [RT_EV_COND_WAIT] = TK_COND_WAIT, [RT_EV_COND_WAKE] = TK_COND_WAKE,
    [RT_EV_COND_NOTIFY] = TK_COND_NOTIFY,
    [RT_EV_QUEUE_FULL] = TK_QUEUE_FULL, [RT_EV_QUEUE_EMPTY] = TK_QUEUE_EMPTY,
    [RT_EV_QUEUE_PUT] = TK_QUEUE_PUT, [RT_EV_QUEUE_GET] = TK_QUEUE_GET,
    [RT_EV_QUEUE_TASK_DONE] = TK_COUNT,
    [RT_EV_ARRAY_WRITE] = TK_ARRAY_WRITE,
    [RT_EV_JOIN_WAIT] = TK_JOIN_WAIT, [RT_EV_JOIN_END] = TK_JOIN_END,
    [RT_EV_GATE_WAIT] = TK_GATE_WAIT, [RT_EV_GATE_PASS] = TK_GATE_GRANT,
};

static void ev_hook(int worker, RtEvKind kind, const void *obj, int64_t a, int64_t b, int64_t c,
                    const void *data, size_t len)
{
    VmConc *vc = ev_conc;
    unsigned tk = kind < RT_EV_COUNT ? rt_to_trace[kind] : TK_COUNT;
    unsigned flags = 0;
    if (tk >= TK_COUNT || !vc)
        return;
    if (kind == RT_EV_WORKER_CREATED || kind == RT_EV_WORKER_STARTED)
        writer_open(worker);
    TraceWriter *w = tls_tw;
    if (!w)
        return;
    uint32_t id = vme_objid(vc, obj), line = cur_line();
    switch (kind) {
    case RT_EV_WORKER_CREATED:
        trace_emit_payload(w, tk, a == RT_WK_PROC ? TF_PROCESS : 0, (uint32_t)worker, 0, 0, 0, data, len);
        return;
    case RT_EV_WORKER_STARTED: {
        const RtWorker *rw = obj;
        trace_emit_payload(w, tk, rw->kind == RT_WK_PROC ? TF_PROCESS : 0,
                           rw->parent < 0 ? TRACE_NONE : (uint32_t)rw->parent, 0, 0,
                           trace_pid_tid((uint32_t)a, (uint32_t)b), rw->name, strlen(rw->name));
        return;
    }
    case RT_EV_WORKER_ENDED:
        /* A reaper's report about a child is not the child's own end. */
        if (worker == tls_worker) {
            trace_emit(w, tk, (uint32_t)worker, 0, 0, (uint64_t)a);
            writer_close();
        }
        return;
    case RT_EV_LOCK_TIMEOUT:
    case RT_EV_EVENT_WAKE:
    case RT_EV_COND_WAKE:
        trace_emit_f(w, tk, kind == RT_EV_LOCK_TIMEOUT || !a ? TF_TIMEOUT : 0, id, line, 0, 0);
        return;
    case RT_EV_LOCK_WAIT:
        trace_emit(w, tk, id, line, 0, 0);
        return;
    case RT_EV_QUEUE_PUT:
    case RT_EV_QUEUE_GET: {
        StrBuf sb;
        sb_init(&sb);
        vser_repr(data, len, &sb);
        trace_emit_payload(w, tk, TF_SHARED, id, line, (uint32_t)a, kind == RT_EV_QUEUE_PUT ? (uint64_t)b : 0,
                           sb.buf ? sb.buf : "", sb.len);
        sb_free(&sb);
        return;
    }
    case RT_EV_ARRAY_WRITE: {
        const RtArray *arr = obj;
        unsigned vk = is_value(vc, id) ? TK_VALUE_WRITE : TK_ARRAY_WRITE;
        if (rtarr_is_float(arr)) {
            double o, n;
            memcpy(&o, &b, sizeof o);
            memcpy(&n, &c, sizeof n);
            trace_emit_write_d(w, vk, id, line, (uint32_t)a, o, n);
        } else {
            trace_emit_write_i(w, vk, id, line, (uint32_t)a, b, c);
        }
        return;
    }
    case RT_EV_JOIN_WAIT:
    case RT_EV_JOIN_END:
        trace_emit(w, tk, a > 0 ? (uint32_t)a : id, line, 0, 0);
        return;
    case RT_EV_GATE_WAIT:
    case RT_EV_GATE_PASS:
        trace_emit(w, tk, TRACE_NONE, (uint32_t)b, (uint32_t)a, 0);
        return;
    default:
        break;
    }
    (void)flags;
    trace_emit(w, tk, id, line, (uint32_t)a, (uint64_t)a);
}

int vme_tracing(void)
{
    return tls_tw != NULL;
}

void vme_emit(VmThread *ts, unsigned kind, const void *p, uint32_t aux, uint64_t a)
{
    (void)ts;
    trace_emit(tls_tw, kind, vme_objid(ev_conc, p), cur_line(), aux, a);
}

void vme_emit_text(VmThread *ts, unsigned kind, const void *p, uint32_t aux, uint64_t a,
                   const char *s, size_t n)
{
    (void)ts;
    if (tls_tw)
        trace_emit_payload(tls_tw, kind, 0, p ? vme_objid(ev_conc, p) : TRACE_NONE, cur_line(), aux, a, s, n);
}

/* A queue.Queue put/get: the same record the rt hook makes for a byte queue
 * (TF_SHARED, the count, the rank), with the repr the caller computed. */
void vme_emit_item(VmThread *ts, unsigned kind, const void *p, uint32_t count, uint64_t rank,
                   const char *s, size_t n)
{
    (void)ts;
    if (tls_tw)
        trace_emit_payload(tls_tw, kind, TF_SHARED, vme_objid(ev_conc, p), cur_line(), count, rank, s, n);
}

/* A flush (before a traceback): wait until the headless sink has written
 * to stdout every event this worker published, and so everything any worker
 * printed before it.  The collector advances our tail when it drains, then
 * writes, then counts a round: a round that ends after the tail caught up
 * wrote our text.  Any process may wait (the counter is in the arena); the
 * wait is capped so a stopped collector cannot hang the run. */
static void ev_wait_written(void)
{
    if (!ev_sink.running || !ev_sink.rounds || !tls_tw)
        return;
    const struct timespec ms = { 0, 1000000 };
    uint64_t h = tls_tw->head;
    int i = 0;
    for (; i < 2000 && atomic_load(&tls_tw->slot->tail) < h; i++) {
        trace_shm_ring_doorbell(ev_conc->tshm);
        nanosleep(&ms, NULL);
    }
    uint64_t r = atomic_load(ev_sink.rounds);
    for (; i < 2000 && atomic_load(ev_sink.rounds) == r; i++) {
        trace_shm_ring_doorbell(ev_conc->tshm);
        nanosleep(&ms, NULL);
    }
}

/* print(): the text travels as events; long text is cut into pieces that
 * each fit one payload. */
static void ev_write(VmThread *ts, const char *s, size_t n, bool flush)
{
    if (ts && ts->rt)
        vmc_gate(ts, TK_PRINT, 1);
    if (!tls_tw) {
        /* a worker that could not get a ring (cap): still print, directly */
        ssize_t r = write(1, s, n);
        (void)r;
        return;
    }
    uint32_t line = cur_line();
    do {
        size_t k = n < TRACE_MAX_TEXT ? n : TRACE_MAX_TEXT;
        trace_emit_payload(tls_tw, TK_PRINT, 0, TRACE_NONE, line, 0, 0, s, k);
        s += k;
        n -= k;
    } while (n);
    if (flush)
        ev_wait_written();
}

static void ev_sleep(VmThread *ts, double seconds, int begin)
{
    if (begin && ts && ts->rt)
        vmc_gate(ts, TK_SLEEP_BEGIN, 1);
    if (begin)
        trace_emit(tls_tw, TK_SLEEP_BEGIN, TRACE_NONE, cur_line(), 0, (uint64_t)(seconds * 1e9));
    else
        trace_emit(tls_tw, TK_SLEEP_END, TRACE_NONE, cur_line(), 0, 0);
}

void vme_emit_exception(VmThread *ts, Value exc)
{
    if (!tls_tw || !v_is(exc, K_INST))
        return;
    InstObj *e = (InstObj *)exc.u.o;
    StrBuf sb;
    sb_init(&sb);
    sb_puts(&sb, e->cls->name->s);
    Value msg = exc_str(ts, e);
    if (msg.tag == V_OBJ && V_STR(msg)->len) {
        sb_puts(&sb, ": ");
        sb_append(&sb, V_STR(msg)->s, (size_t)V_STR(msg)->len);
    }
    if (msg.tag == V_EXC) {
        Value x = ts->exc;
        ts->exc = VUNDEF;
        v_decref(ts->in, x);
    } else {
        v_decref(ts->in, msg);
    }
    trace_emit_payload(tls_tw, TK_EXCEPTION, 0, TRACE_NONE, cur_line(), 0, 0, sb.buf ? sb.buf : "", sb.len);
    sb_free(&sb);
}

/* The statement at the frame's current line, searched in its body. */
static const Stmt *find_stmt(const StmtList *b, int line)
{
    for (int i = 0; b && i < b->n; i++) {
        const Stmt *s = b->items[i], *r = NULL;
        if (s->line == line)
            return s;
        if (i + 1 < b->n && b->items[i + 1]->line <= line)
            continue;
        switch (s->kind) {
        case S_IF: case S_WHILE:
            if (!(r = find_stmt(&s->u.if_.body, line)))
                r = find_stmt(&s->u.if_.orelse, line);
            break;
        case S_FOR:
            if (!(r = find_stmt(&s->u.for_.body, line)))
                r = find_stmt(&s->u.for_.orelse, line);
            break;
        case S_WITH:
            r = find_stmt(&s->u.with.body, line);
            break;
        case S_TRY:
            if (!(r = find_stmt(&s->u.try_.body, line)))
                for (int h = 0; !r && h < s->u.try_.nhandlers; h++)
                    r = find_stmt(&s->u.try_.handlers[h].body, line);
            if (!r && !(r = find_stmt(&s->u.try_.orelse, line)))
                r = find_stmt(&s->u.try_.finalbody, line);
            break;
        default:
            break;
        }
        if (r)
            return r;
    }
    return NULL;
}

static const char *assign_name(VmThread *ts)
{
    const Frame *f = ts->frame;
    if (!f || !f->info)
        return NULL;
    const Stmt *s = find_stmt(f->info->body, f->line);
    if (!s || s->kind != S_ASSIGN || s->u.assign.ntargets < 1)
        return NULL;
    const Expr *t = s->u.assign.targets[0];
    if (t->kind == E_NAME)
        return t->u.name.id;
    if (t->kind == E_ATTR)
        return t->u.attr.name;
    return NULL;
}

void vme_obj_created(VmThread *ts, unsigned tokind, const void *p, uint64_t size, unsigned flags)
{
    VmConc *c = vmc_of(ts->in);
    const char *name = tokind == TO_GIL ? "GIL" : assign_name(ts);
    uint32_t id = vme_objid(c, p);
    if (tokind == TO_VALUE)
        mark_value(c, id);
    if (tls_tw)
        trace_emit_payload(tls_tw, TK_OBJ_CREATED, flags, id, cur_line(), tokind, size,
                           name ? name : "", name ? strlen(name) : 0);
}

/* parlab.pause(text, vi) in the live run: the checkpoint becomes an event
 * and the whole run stops at the gate there (the UI shows the text in its
 * language; space goes on).  Headless it is a no-op: no hook is installed. */
static void ev_pause(VmThread *ts, const char *text, size_t len)
{
    if (tls_tw)
        trace_emit_payload(tls_tw, TK_PAUSE, 0, TRACE_NONE, cur_line(), 0, 0, text, len);
    if (ts && ts->rt) {
        gate_pause(ev_conc->rt);
        vmc_gate(ts, TK_PAUSE, 1);
    }
}

void vme_install(Interp *in, VmConc *c)
{
    static int atfork_done;
    ev_conc = c;
    if (!atfork_done) {
        pthread_atfork(NULL, NULL, atfork_child);
        atfork_done = 1;
    }
    rt_hook_set(ev_hook);
    in->write_hook = ev_write;
    in->sleep_hook = ev_sleep;
    if (vmc_live())
        in->pause_hook = ev_pause;
}

static void sink_write_all(const char *s, size_t n)
{
    while (n) {
        ssize_t r = write(1, s, n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return;
        s += r;
        n -= (size_t)r;
    }
}

/* Events [from, to) of the log go to stdout: the output of prints, or with
 * --events every event as a line. */
static void sink_events(size_t from, size_t to)
{
    StrBuf *o = &ev_sink.out;
    for (size_t k = from; k < to; k++) {
        const TraceEvent *e = eventlog_get(&ev_sink.log, k);
        if (ev_conc->events_mode) {
            char line[512];
            size_t n = trace_text_format(ev_sink.text, &ev_sink.log, k, line, sizeof line);
            sb_append(o, line, n < sizeof line ? n : sizeof line - 1);
            sb_putc(o, '\n');
        } else if (e->kind == TK_PRINT) {
            uint32_t len;
            const char *s = eventlog_text(&ev_sink.log, k, &len);
            sb_append(o, s, len);
        }
    }
    if (o->len) {
        sink_write_all(o->buf, o->len);
        o->len = 0;
    }
}

static void sink_drain(int all)
{
    size_t from = eventlog_count(&ev_sink.log);
    if (all)
        collector_flush(ev_sink.col, &ev_sink.log);
    else
        collector_drain(ev_sink.col, &ev_sink.log);
    sink_events(from, eventlog_count(&ev_sink.log));
}

/* The run must stop now (a cap, the time limit): nothing is left running. */
static void sink_fatal(void)
{
    rt_proc_kill_all(ev_conc->rt);
    sink_drain(1);
    fflush(stderr);
    _exit(1);
}

static void *collector_main(void *p)
{
    (void)p;
    while (!atomic_load(&ev_sink.stop)) {
        collector_wait(ev_sink.col, 10);
        sink_drain(0);
        if (ev_sink.rounds)
            atomic_fetch_add(ev_sink.rounds, 1);
        if (rt_shutting_down(ev_conc->rt) && !atomic_load(&ev_sink.stop))
            sink_fatal();
        if (ev_sink.log_watch && ev_sink.log_watch(&ev_sink.log, ev_sink.log_arg))
            sink_fatal();
        if (ev_sink.time_cap && rt_now_ns() - ev_sink.start_ns > (uint64_t)ev_sink.time_cap * 1000000000u) {
            fprintf(stderr, "parlab: time cap reached: a lesson may run %d s "
                    "(PARLAB_TIME_CAP sets it)\n", ev_sink.time_cap);
            sink_fatal();
        }
    }
    return NULL;
}

int vme_collector_start(VmConc *c, const VmOptions *opt)
{
    ev_sink.log_done = opt ? opt->log_done : NULL;
    ev_sink.log_arg = opt ? opt->log_arg : NULL;
    ev_sink.log_watch = opt ? opt->log_watch : NULL;
    const char *cap = getenv("PARLAB_TIME_CAP");
    ev_sink.col = collector_create(c->tshm);
    if (!ev_sink.col)
        return -1;
    eventlog_init(&ev_sink.log);
    ev_sink.text = trace_text_create();
    sb_init(&ev_sink.out);
    ev_sink.start_ns = rt_now_ns();
    ev_sink.time_cap = cap && atoi(cap) > 0 ? atoi(cap) : 60;
    ev_sink.rounds = shm_alloc(c->rt->arena, sizeof *ev_sink.rounds);
    if (ev_sink.rounds)
        atomic_store(ev_sink.rounds, 0);
    atomic_store(&ev_sink.stop, 0);
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    int rc = pthread_create(&ev_sink.th, NULL, collector_main, NULL);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (rc)
        return -1;
    ev_sink.running = 1;
    return 0;
}

void vme_collector_stop(VmConc *c)
{
    (void)c;
    if (!ev_sink.running)
        return;
    atomic_store(&ev_sink.stop, 1);
    trace_shm_ring_doorbell(c->tshm);
    pthread_join(ev_sink.th, NULL);
    ev_sink.running = 0;
    sink_drain(1);
    if (ev_sink.log_done)
        ev_sink.log_done(&ev_sink.log, ev_sink.log_arg);
    collector_destroy(ev_sink.col);
    ev_sink.col = NULL;
    eventlog_free(&ev_sink.log);
    trace_text_destroy(ev_sink.text);
    ev_sink.text = NULL;
    sb_free(&ev_sink.out);
}
