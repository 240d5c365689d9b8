/* Process pools: worker processes forked once when the pool is made, a task
 * queue and a result queue in the shared arena, and a result-handler thread
 * in the parent.
 *
 * Messages are serialised tuples (vm_serial.c):
 *   task     (id, future, where, name, calls)   calls: [(args, kwargs), ...]
 *   stop     (-1,)                              a worker ends on it
 *   result   (id, ok, payload)                  ok: payload is [result, ...];
 *                                               else (class name, args)
 *   exited   (-1, 0)                            a worker has ended
 *   retired  (-1, 2, pid)                       it ended after maxtasks tasks:
 *                                               the handler forks its successor
 *   halt     (-1, 1)                            terminate(): the handler ends
 * `future` is the future's address in the parent: its identity in events,
 * whichever process emits them.  `where` is "g" for a module global, "b"
 * for a builtin: the child looks the function up by name in its copy. */
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "rt/spin.h"
#include "vm/pool_core.h"

/* One worker of a pool at a time waits on the task queue (the taker): it
 * spins a little for the next task, then sleeps on the queue.  The others
 * sleep on `taker` until it hands over, so a task sent while the taker
 * spins wakes nobody (a put would otherwise wake a sleeping worker that
 * then finds the queue empty).  The taker hands over as soon as it has a
 * task, and wakes the next one if more tasks wait; a submit that finds no
 * taker wakes one itself (ppool_kick). */
typedef struct PPTaker {
    atomic_int taker;         /* pid of the taker, 0: none */
    atomic_int nwait;         /* workers asleep on taker */
    atomic_int hsleep;        /* 1: the result handler sleeps on it (handler_get) */
    atomic_int poller;        /* 1: a waiter of the parent polls the result queue (ppool_poll_*) */
} PPTaker;

typedef struct PPend {
    Value fut;                /* owned until its result arrived */
    int64_t first;            /* map: index of the chunk's first item */
    int is_map;
} PPend;

struct PPool {
    struct PPool *kept;       /* next in ppool_kept */
    PPoolKind kind;
    int n;
    void *ident;              /* arena block: the pool's identity in events */
    RtQueue *tasks, *results;
    PPTaker *tk;              /* arena: which worker waits on the task queue */
    RtProc *procs;            /* never freed: the process list of vm_worker.c points here */
    RtThread *handler;
    int closed, terminated, handler_joined;
    int exited;
    int64_t next_id;
    PPend *pend;
    int64_t pend_cap;
    Value init, initargs;     /* called in each worker first: the child's copy is valid */
    /* Shared ring, a cell per task id (id % PP_CLAIMS): id*4 queued, +1
     * taken by a worker, +2 cancelled, +3 in the call queue (an executor's:
     * due next, no longer cancellable).  A CAS on it decides between a
     * worker and cancel(); a cell reused by a later id fails both.  One
     * more cell (PP_CALLQ) counts the tasks in the call queue. */
    _Atomic int64_t *claims;
    int64_t fill_next;        /* executor: the first task maybe not yet in the call queue */
    int maxtasks;             /* maxtasksperchild: a worker retires after that many (0: never) */
    /* Messages a polling waiter took off the result queue but the handler
     * must process (callbacks, signals), in queue order (under the GIL). */
    Value *hand;
    int nhand_cap;
    int64_t owner;            /* the parent's pid: a forked copy of it never polls */
    atomic_int nhand;
};

#define PP_CLAIMS 1024
#define PP_CALLQ(p) (&(p)->claims[PP_CLAIMS])

int ppool_nworkers(PPool *p) { return p->n; }
int ppool_closed(PPool *p) { return p->closed; }

static Value tuple_of(VmThread *ts, int n, const Value *items)   /* steals items */
{
    TupleObj *t = tuple_new(ts, n);
    if (!t) {
        for (int i = 0; i < n; i++)
            v_decref(ts->in, items[i]);
        return VEXC;
    }
    memcpy(t->items, items, sizeof(Value) * (size_t)n);
    return vobj(t);
}

static int put_msg(VmThread *ts, RtQueue *q, Value msg)   /* steals msg */
{
    RtBuf buf = { 0 };
    int rc = vser_encode(ts, msg, &buf);
    v_decref(ts->in, msg);
    if (rc == 0) {
        rc = rtq_put(vmc_cx(ts), q, buf.data, buf.len, 1, -1);
        if (rc < 0)
            vmc_raise_rt(ts, rc, "pool");
    }
    rtbuf_free(&buf);
    return rc < 0 ? -1 : 0;
}

static int put_signal(VmThread *ts, RtQueue *q, int n, int64_t what)
{
    Value items[2] = { vint(-1), vint(what) };
    return put_msg(ts, q, tuple_of(ts, n, items));
}

/* ---- the worker (in the child) ---- */

static Value find_fn(VmThread *ts, const char *where, StrObj *name)
{
    Interp *in = ts->in;
    if (where[0] == 'g') {
        for (int i = 0; i < in->nglobals; i++)
            if (in->gnames[i] == name && in->globals[i].tag != V_UNDEF) {
                v_incref(in->globals[i]);
                return in->globals[i];
            }
    } else {
        int b = builtins_find(name->s);
        if (b >= 0) {
            v_incref(in->builtins[b]);
            return in->builtins[b];
        }
    }
    return vm_raise(ts, EXC_AttributeError, "Can't get attribute '%s' on <module '__main__'>", name->s);
}

/* The pending exception as (class name, args), cleared; args that cannot
 * cross a process boundary travel as (str(e),). */
static Value exc_payload(VmThread *ts)
{
    Value e = ts->exc;
    ts->exc = VUNDEF;
    ClassObj *cls = v_class(ts->in, e);
    Value items[2];
    items[0] = str_from_cstr(ts, cls->name->s);
    InstObj *ie = (InstObj *)e.u.o;
    RtBuf probe = { 0 };
    if (v_is(ie->args, K_TUPLE) && vser_encode(ts, ie->args, &probe) == 0) {
        items[1] = ie->args;
        v_incref(items[1]);
    } else {
        if (ts->exc.tag != V_UNDEF) {
            v_decref(ts->in, ts->exc);
            ts->exc = VUNDEF;
        }
        Value s = exc_str(ts, ie);
        items[1] = tuple_of(ts, 1, &s);
    }
    rtbuf_free(&probe);
    v_decref(ts->in, e);
    return tuple_of(ts, 2, items);
}

static Value run_calls(VmThread *ts, Value fn, Value calls, int *ok)
{
    ListObj *out = list_new(ts, V_LIST(calls)->len);
    *ok = 1;
    for (int64_t i = 0; i < V_LIST(calls)->len; i++) {
        TupleObj *c = V_TUPLE(V_LIST(calls)->items[i]);
        Value r = pool_call(ts, fn, c->items[0], c->items[1]);
        if (r.tag == V_EXC) {
            obj_decref(ts->in, &out->h);
            *ok = 0;
            return exc_payload(ts);
        }
        list_append(ts, out, r);
    }
    return vobj(out);
}

/* Per worker process: its waits for the next task. */
static SpinSite ppool_spin_task;

/* With a task just put on the queue: make sure a worker is on its way. */
static void ppool_kick(PPool *p)
{
    atomic_thread_fence(memory_order_seq_cst);
    if (atomic_load(&p->tk->taker) == 0 && atomic_load(&p->tk->nwait) > 0)
        spin_futex_wake(&p->tk->taker, 1);
}

/* With a result (or a signal) just put on the result queue: wake the
 * handler if it sleeps.  Its own futex rather than the queue's condition:
 * a put signals that under the queue's mutex, and the handler woke only to
 * sleep again on the mutex: two wake-ups per result. */
static void ppool_kick_handler(PPool *p)
{
    atomic_thread_fence(memory_order_seq_cst);
    if (atomic_load(&p->tk->hsleep) && atomic_exchange(&p->tk->hsleep, 0))
        spin_futex_wake(&p->tk->hsleep, 1);
}

/* The same after a result, unless a waiter polls the queue: it takes the
 * result itself (ppool_poll_end wakes the handler for what it leaves). */
static void ppool_kick_result(PPool *p)
{
    atomic_thread_fence(memory_order_seq_cst);
    if (!atomic_load(&p->tk->poller))
        ppool_kick_handler(p);
}

/* The handler's next message (GIL released): 0, 1 when there is none but
 * messages handed over by a polling waiter wait (ppool_poll_take), < 0 at
 * the end.  While the gate controls the run, the plain blocking get, where
 * the gate sees it. */
static int handler_get(const RtCtx *cx, PPool *p, RtBuf *in)
{
    for (;;) {
        if (atomic_load(&p->nhand))
            return 1;
        if (atomic_load_explicit(&cx->rt->gate->controlled, memory_order_relaxed))
            return rtq_get(cx, p->results, in, 1, -1);
        /* while a waiter polls the queue, results are its to take (it
         * wakes us when it stops, if any are left) */
        int rc = atomic_load(&p->tk->poller) ? RT_EEMPTY : rtq_get(cx, p->results, in, 0, 0);
        if (rc != RT_EEMPTY)
            return rc;
        atomic_store(&p->tk->hsleep, 1);
        /* qsize takes the queue's mutex: a put after it sees hsleep set;
         * a hand-over after the load of nhand sees it too, and so does a
         * poller that stops after the load of poller */
        if (!atomic_load(&p->nhand) && (atomic_load(&p->tk->poller) || rtq_qsize(p->results) == 0))
            spin_futex_wait(&p->tk->hsleep, 1, RT_POLL_MS * 1000000L);
        atomic_store(&p->tk->hsleep, 0);
        if (rt_shutting_down(cx->rt))
            return RT_ESHUTDOWN;
    }
}

/* The next task (see PPTaker).  While the gate controls the run, every
 * worker waits on the queue itself, where the gate sees it. */
static int next_task(const RtCtx *cx, PPool *p, RtBuf *in)
{
    PPTaker *tk = p->tk;
    int me = (int)rt_self_pid(), rc = -1;
    for (;;) {
        int cur = 0;
        if (atomic_load_explicit(&cx->rt->gate->controlled, memory_order_relaxed))
            return rtq_get(cx, p->tasks, in, 1, -1);
        if (atomic_compare_exchange_strong(&tk->taker, &cur, me))
            break;
        atomic_fetch_add(&tk->nwait, 1);
        int slept = spin_futex_wait(&tk->taker, cur, RT_POLL_MS * 1000000L);
        atomic_fetch_sub(&tk->nwait, 1);
        if (rt_shutting_down(cx->rt))
            return RT_ESHUTDOWN;
        /* tasks left waiting a whole slice under the same taker: it is
         * gone (killed) or stuck; wait on the queue directly, as all did */
        if (slept && atomic_load(&tk->taker) == cur && rtq_qsize(p->tasks) > 0)
            return rtq_get(cx, p->tasks, in, 1, -1);
    }
    uint64_t budget = spin_budget(cx, &ppool_spin_task);
    if (budget) {
        int seen = spin_until(spin_queue_ready, p->tasks, budget);
        spin_learn(&ppool_spin_task, seen);
        if (seen & SPIN_READY)
            rc = rtq_get(cx, p->tasks, in, 0, 0);
    }
    if (rc != 0)
        rc = rtq_get(cx, p->tasks, in, 1, -1);
    atomic_store(&tk->taker, 0);
    /* qsize takes the queue's mutex: either a submit's put comes after it
     * and that submit sees taker 0 (ppool_kick), or we see its task here */
    if (atomic_load(&tk->nwait) > 0 && rtq_qsize(p->tasks) > 0)
        spin_futex_wake(&tk->taker, 1);
    return rc;
}

static int ppool_worker_main(VmThread *ts, void *arg)
{
    PPool *p = arg;
    const RtCtx *cx = vmc_cx(ts);
    RtBuf in = { 0 };
    int ntasks = 0;
    sigset_t term;
    /* a successor is forked by the handler thread, whose mask blocks
     * signals: terminate() must still reach it */
    sigemptyset(&term);
    sigaddset(&term, SIGTERM);
    pthread_sigmask(SIG_UNBLOCK, &term, NULL);
    if (p->init.tag != V_NONE) {
        Value r = pool_call(ts, p->init, p->initargs, VNONE);
        if (r.tag == V_EXC) {
            vmc_report_uncaught(ts, "Process ", vmc_of(ts->in)->proc_name);
            return 1;
        }
        v_decref(ts->in, r);
    }
    for (;;) {
        if (next_task(cx, p, &in) < 0)
            break;
        Value msg = vser_decode(ts, in.data, in.len);
        if (msg.tag == V_EXC || V_TUPLE(msg)->len < 5) {
            v_decref(ts->in, msg);
            break;
        }
        Value *m = V_TUPLE(msg)->items;
        int64_t base = m[0].u.i * 4, claim = base;
        _Atomic int64_t *cell = &p->claims[m[0].u.i % PP_CLAIMS];
        if (!atomic_compare_exchange_strong(cell, &claim, base + 1)) {
            if (claim == base + 2) {
                v_decref(ts->in, msg);   /* cancelled: the parent completed its future */
                continue;
            }
            if (claim == base + 3 && atomic_compare_exchange_strong(cell, &claim, base + 1))
                atomic_fetch_sub(PP_CALLQ(p), 1);
        }
        const void *fut = (const void *)(uintptr_t)m[1].u.i;
        int ok = 0;
        Value payload;
        vme_emit(ts, TK_TASK_START, fut, 0, 0);
        Value fn = find_fn(ts, V_STR(m[2])->s, str_intern(ts->in, V_STR(m[3])->s, (size_t)V_STR(m[3])->len));
        if (fn.tag == V_EXC) {
            payload = exc_payload(ts);
        } else {
            payload = run_calls(ts, fn, m[4], &ok);
            v_decref(ts->in, fn);
        }
        Value shown = ok ? (V_LIST(payload)->len == 1 ? V_LIST(payload)->items[0] : payload)
                         : V_TUPLE(payload)->items[0];
        Value r = vme_tracing() ? v_repr(ts, shown) : VUNDEF;   /* repr is not free */
        if (r.tag == V_OBJ) {
            vme_emit_text(ts, TK_TASK_DONE, fut, (uint32_t)ok, 0, V_STR(r)->s, (size_t)V_STR(r)->len);
            v_decref(ts->in, r);
        }
        Value items[3] = { m[0], vbool(ok), payload };
        v_decref(ts->in, msg);
        if (put_msg(ts, p->results, tuple_of(ts, 3, items)) < 0) {
            /* a result that cannot cross (a function returned an object):
             * send the TypeError instead */
            Value e[3] = { items[0], vbool(0), exc_payload(ts) };
            if (put_msg(ts, p->results, tuple_of(ts, 3, e)) < 0)
                break;
        }
        ppool_kick_result(p);
        if (p->maxtasks && ++ntasks >= p->maxtasks)
            break;
    }
    rtbuf_free(&in);
    if (p->maxtasks && ntasks >= p->maxtasks) {
        Value items[3] = { vint(-1), vint(2), vint(rt_self_pid()) };
        put_msg(ts, p->results, tuple_of(ts, 3, items));
    } else {
        put_signal(ts, p->results, 2, 0);
    }
    ppool_kick_handler(p);
    return 0;
}

/* CPython's ProcessPoolExecutor feeds its workers through a call queue of
 * max_workers + 1 tasks, filled when a task is submitted or a result comes
 * back; a task in it counts as running and can no longer be cancelled.
 * Mark the oldest queued tasks so (under the GIL: submit or handler). */
static void ppool_fill_call_queue(PPool *p)
{
    if (p->kind != PP_EXECUTOR)
        return;
    while (p->fill_next < p->next_id && atomic_load(PP_CALLQ(p)) < p->n + 1) {
        int64_t j = p->fill_next++, want = j * 4;
        if (atomic_compare_exchange_strong(&p->claims[j % PP_CLAIMS], &want, j * 4 + 3))
            atomic_fetch_add(PP_CALLQ(p), 1);
    }
}

/* ---- the result handler (a thread of the parent) ---- */

static ClassObj *exc_class(VmThread *ts, const char *name)
{
    Interp *in = ts->in;
    for (int i = 0; i < EXC_COUNT; i++)
        if (strcmp(in->exc[i]->name->s, name) == 0)
            return in->exc[i];
    for (int i = 0; i < in->nglobals; i++) {
        Value g = in->globals[i];
        if (v_is(g, K_CLASS) && (((ClassObj *)g.u.o)->cflags & CF_EXC) &&
            strcmp(((ClassObj *)g.u.o)->name->s, name) == 0)
            return (ClassObj *)g.u.o;
    }
    return in->exc[EXC_Exception];
}

static Value exc_rebuild(VmThread *ts, Value payload)
{
    Value *pi = V_TUPLE(payload)->items;
    ClassObj *cls = exc_class(ts, V_STR(pi[0])->s);
    TupleObj *a = V_TUPLE(pi[1]);
    Value e = exc_new(ts, cls, a->items, (int)a->len);
    if (e.tag == V_EXC) {
        e = ts->exc;
        ts->exc = VUNDEF;
    }
    return e;
}

static void handle_result(VmThread *ts, PPool *p, Value *m)
{
    int64_t id = m[0].u.i;
    if (id < 0 || id >= p->next_id || p->pend[id].fut.tag == V_UNDEF)
        return;
    PPend pe = p->pend[id];
    p->pend[id].fut = VUNDEF;
    PFut *f = ((InstObj *)pe.fut.u.o)->native;
    vme_emit(ts, TK_TASK_RESULT, f->self, (uint32_t)m[1].u.i, 0);
    if (!m[1].u.i) {
        pf_complete(ts, f, 0, exc_rebuild(ts, m[2]), 1);
    } else if (!pe.is_map) {
        Value r = V_LIST(m[2])->items[0];
        v_incref(r);
        pf_complete(ts, f, 1, r, 1);
    } else if (atomic_load(&f->state) != PF_DONE) {
        ListObj *dst = V_LIST(f->items), *src = V_LIST(m[2]);
        for (int64_t i = 0; i < src->len && pe.first + i < dst->len; i++) {
            v_decref(ts->in, dst->items[pe.first + i]);
            dst->items[pe.first + i] = src->items[i];
            v_incref(src->items[i]);
        }
        if (--f->chunks_left == 0) {
            v_incref(f->items);
            pf_complete(ts, f, 1, f->items, 1);
        }
    }
    v_decref(ts->in, pe.fut);
}

static int fork_workers(VmThread *ts, PPool *p, int first, int count);

/* A worker retired (maxtasksperchild): once it has ended, its successor
 * takes its slot, as CPython's pool maintenance does; -1 when none could
 * be made (the slot counts as ended). */
static int replace_worker(VmThread *ts, PPool *p, int64_t pid)
{
    int i = 0;
    while (i < p->n && p->procs[i].pid != (pid_t)pid)
        i++;
    if (i == p->n)
        return -1;
    rt_proc_join(vmc_cx(ts), &p->procs[i], -1);
    rt_proc_close(&p->procs[i]);
    if (p->terminated)
        return -1;
    if (fork_workers(ts, p, i, 1) < 0) {
        vmc_report_uncaught(ts, "Exception in thread ", "(_handle_workers)");
        return -1;
    }
    return 0;
}

/* One message for the handler (stolen): 1 when the handler must end.  A
 * VUNDEF message (one that could not be decoded) ends it too. */
static int handler_msg(VmThread *ts, PPool *p, Value msg)
{
    if (msg.tag != V_OBJ)
        return 1;
    Value *m = V_TUPLE(msg)->items;
    int end = 0;
    if (m[0].u.i >= 0) {
        handle_result(ts, p, m);
        ppool_fill_call_queue(p);
    } else if (m[1].u.i == 2) {
        end = replace_worker(ts, p, m[2].u.i) < 0 && ++p->exited == p->n;
    } else {
        end = m[1].u.i == 1 || ++p->exited == p->n;
    }
    v_decref(ts->in, msg);
    return end;
}

/* The messages waiters handed over, oldest first (GIL held): they were
 * taken off the queue before any the handler holds now. */
static int handler_drain(VmThread *ts, PPool *p)
{
    int n = atomic_load(&p->nhand), end = 0, i = 0;
    while (i < n && !end)
        end = handler_msg(ts, p, p->hand[i++]);
    for (int j = i; j < n; j++)
        v_decref(ts->in, p->hand[j]);
    atomic_store(&p->nhand, 0);
    return end;
}

static void ppool_handler_main(VmThread *ts, void *arg)
{
    PPool *p = arg;
    const RtCtx *cx = vmc_cx(ts);
    RtCtx nogil = *cx;
    RtBuf in = { 0 };
    nogil.gil = NULL;
    for (;;) {
        /* wait with the GIL released, and wake the waiters of what was
         * just completed only then: they find the GIL free */
        rt_block_begin(cx);
        pf_wake(ts->in);
        int rc = handler_get(&nogil, p, &in);
        rt_block_end(cx);
        if (rc < 0 || (atomic_load(&p->nhand) && handler_drain(ts, p)))
            break;
        if (rc == 1)
            continue;
        Value msg = vser_decode(ts, in.data, in.len);
        if (msg.tag == V_EXC || handler_msg(ts, p, msg))
            break;
    }
    rtbuf_free(&in);
    pf_wake(ts->in);
    for (int i = 0; i < p->n; i++)
        rt_proc_join(cx, &p->procs[i], -1);
    /* tasks nobody will run (terminate) give their arena blocks back */
    while (rtq_get(cx, p->tasks, &in, 0, 0) == 0)
        ;
    rtbuf_free(&in);
}

/* ---- a waiter polling the result queue ----
 *
 * A waiter of the parent blocked on a future of this pool (pf_wait_any)
 * spins anyway: while it does, it takes the results off the queue itself
 * and completes their futures, so that a round trip does not wait for the
 * handler thread to wake up (a futex wake-up, and on two busy cores a
 * third runnable thread).  Workers do not wake the handler while a waiter
 * polls.  What must happen on the handler thread (callbacks, as CPython
 * runs them on its manager thread; worker signals) is handed over to it in
 * order. */

int ppool_poll_begin(PPool *p)
{
    int zero = 0;
    return p->owner == (int64_t)rt_self_pid() && !p->terminated &&
           atomic_compare_exchange_strong(&p->tk->poller, &zero, 1);
}

RtQueue *ppool_results(PPool *p) { return p->results; }

void ppool_poll_end(PPool *p)
{
    atomic_store(&p->tk->poller, 0);
    atomic_thread_fence(memory_order_seq_cst);
    /* a result put while we polled, left to the handler */
    if (rtq_qsize(p->results) > 0)
        ppool_kick_handler(p);
}

static void hand_over(PPool *p, Value msg)   /* steals msg */
{
    int n = atomic_load(&p->nhand);
    if (n == p->nhand_cap) {
        p->nhand_cap = p->nhand_cap ? 2 * p->nhand_cap : 8;
        p->hand = realloc(p->hand, sizeof *p->hand * (size_t)p->nhand_cap);
        if (!p->hand)
            abort();
    }
    p->hand[n] = msg;
    atomic_store(&p->nhand, n + 1);
    ppool_kick_handler(p);
}

/* Take what the result queue holds now (GIL held): results for futures
 * without callbacks are completed here, the rest handed over. */
void ppool_poll_take(VmThread *ts, PPool *p)
{
    const RtCtx *cx = vmc_cx(ts);
    RtCtx nogil = *cx;
    RtBuf in = { 0 };
    nogil.gil = NULL;
    while (rtq_get(&nogil, p->results, &in, 0, 0) == 0) {
        Value msg = vser_decode(ts, in.data, in.len);
        if (msg.tag == V_EXC) {
            v_decref(ts->in, ts->exc);
            ts->exc = VUNDEF;
            hand_over(p, VUNDEF);
            break;
        }
        Value *m = V_TUPLE(msg)->items;
        int64_t id = m[0].u.i;
        PFut *f = id >= 0 && id < p->next_id && p->pend[id].fut.tag != V_UNDEF
                      ? ((InstObj *)p->pend[id].fut.u.o)->native : NULL;
        if (atomic_load(&p->nhand) || !f || f->done_callbacks.tag != V_UNDEF || f->callback.tag != V_NONE ||
            f->error_callback.tag != V_NONE) {
            hand_over(p, msg);
            continue;
        }
        handle_result(ts, p, m);
        ppool_fill_call_queue(p);
        v_decref(ts->in, msg);
    }
    rtbuf_free(&in);
    pf_wake(ts->in);   /* handle_result defers the wake-ups of other waiters */
}

/* ---- the parent's side ---- */

static int fork_workers(VmThread *ts, PPool *p, int first, int count)
{
    VmConc *c = vmc_of(ts->in);
    Value mod = module_import(ts, "multiprocessing");
    if (mod.tag == V_EXC)
        return -1;
    Value pcls = vm_getattr(ts, mod, str_intern(ts->in, "Process", 7));
    v_decref(ts->in, mod);
    if (pcls.tag == V_EXC)
        return -1;
    for (int i = first; i < first + count; i++) {
        Value w = class_call(ts, (ClassObj *)pcls.u.o, NULL, 0, NULL);
        if (w.tag == V_EXC) {
            v_decref(ts->in, pcls);
            return -1;
        }
        char name[64];
        int num = c->proc_counter;
        snprintf(name, sizeof name, "%s%s%s%d", p->kind == PP_POOL ? "ForkPoolWorker-" : "ForkProcess-",
                 c->proc_ident, c->proc_ident[0] ? ":" : "", num);
        Value nm = str_from_cstr(ts, name);
        vm_setattr(ts, w, ts->in->s_name, nm);
        v_decref(ts->in, nm);
        int rc = vmc_proc_start(ts, name, num, w, 1, ppool_worker_main, p, &p->procs[i]);
        v_decref(ts->in, w);
        if (rc < 0) {
            v_decref(ts->in, pcls);
            vmc_raise_rt(ts, rc, rc == RT_ECAP ? rt_proc_cap_message(c->rt) : "fork");
            return -1;
        }
    }
    v_decref(ts->in, pcls);
    return 0;
}

/* A PPool outlives its Pool object: its handler thread and workers run to
 * the end of the run (as daemon processes do), so it is never freed.  This
 * list (created under the GIL) owns every pool, so the leak checkers see
 * them as owned rather than lost. */
static PPool *ppool_kept;

PPool *ppool_create(VmThread *ts, PPoolKind kind, int nworkers, Value initializer, Value initargs, void *ident,
                    int maxtasks)
{
    VmConc *c = vmc_of(ts->in);
    PPool *p = calloc(1, sizeof *p);
    if (!p)
        abort();
    p->kept = ppool_kept;
    ppool_kept = p;
    p->init = initializer.tag == V_UNDEF ? VNONE : initializer;
    p->initargs = initargs.tag == V_UNDEF ? VNONE : initargs;
    v_incref(p->init);
    v_incref(p->initargs);
    p->kind = kind;
    p->n = nworkers;
    p->maxtasks = maxtasks > 0 ? maxtasks : 0;
    p->owner = (int64_t)rt_self_pid();
    p->procs = calloc((size_t)nworkers, sizeof *p->procs);
    p->ident = ident ? ident : shm_alloc(c->rt->arena, 16);
    p->tasks = rtq_create(c->rt, RTQ_FIFO, 0);
    p->results = rtq_create(c->rt, RTQ_FIFO, 0);
    p->claims = shm_alloc(c->rt->arena, sizeof *p->claims * (PP_CLAIMS + 1));
    p->tk = shm_alloc(c->rt->arena, sizeof *p->tk);
    if (!p->procs || !p->ident || !p->tasks || !p->results || !p->claims || !p->tk) {
        vmc_raise_rt(ts, RT_ENOMEM, "pool");
        return NULL;
    }
    if (!ident)
        vme_obj_created(ts, TO_POOL, p->ident, (uint64_t)nworkers, TF_SHARED);
    atomic_init(&p->tk->taker, 0);
    atomic_init(&p->tk->nwait, 0);
    atomic_init(&p->tk->hsleep, 0);
    atomic_init(&p->tk->poller, 0);
    vme_obj_created(ts, TO_QUEUE, p->tasks, 0, TF_SHARED);
    vme_emit_text(ts, TK_OBJ_NAMED, p->tasks, 0, 0, "pool tasks", 10);
    if (fork_workers(ts, p, 0, p->n) < 0)
        return NULL;
    /* CPython's Pool starts three unnamed helper threads, an executor one:
     * later Thread-N names follow the same count. */
    c->thread_counter += kind == PP_POOL ? 3 : 1;
    char hname[64];
    snprintf(hname, sizeof hname, "Thread-%d (_handle_results)", c->thread_counter);
    int rc = vmc_thread_start(ts, hname, VUNDEF, 1, ppool_handler_main, p, &p->handler);
    if (rc < 0) {
        vmc_raise_rt(ts, rc, "pool");
        return NULL;
    }
    return p;
}

/* Where the child finds fn: "g" and its global name, or "b" and a builtin's. */
static int fn_ref(VmThread *ts, Value fn, const char **where, StrObj **name)
{
    Interp *in = ts->in;
    for (int i = 0; i < in->nglobals; i++)
        if (in->globals[i].tag == V_OBJ && in->globals[i].u.o == fn.u.o && fn.tag == V_OBJ) {
            *where = "g";
            *name = in->gnames[i];
            return 0;
        }
    const char *bn = v_is(fn, K_BUILTIN) ? ((BuiltinObj *)fn.u.o)->name
                   : v_is(fn, K_CLASS) ? ((ClassObj *)fn.u.o)->name->s : NULL;
    int b = bn ? builtins_find(bn) : -1;
    if (b >= 0 && in->builtins[b].u.o == fn.u.o) {
        *where = "b";
        *name = str_intern(in, bn, strlen(bn));
        return 0;
    }
    if (v_is(fn, K_FUNC))
        vm_raise(ts, EXC_AttributeError, "Can't pickle local object '%s'", ((FuncObj *)fn.u.o)->info->name);
    else
        vm_raise(ts, EXC_TypeError, "cannot send a '%s' object to another process", v_typename(in, fn));
    return -1;
}

static Value calls_list(VmThread *ts, PoolCall *calls, int n)   /* steals calls */
{
    ListObj *l = list_new(ts, n);
    for (int i = 0; i < n; i++) {
        Value pair[2] = { calls[i].args, calls[i].kwargs };
        list_append(ts, l, tuple_of(ts, 2, pair));
    }
    return vobj(l);
}

int ppool_submit(VmThread *ts, PPool *p, Value fn, Value fut, PoolCall *calls, int n, int64_t first_index,
                 int is_map)
{
    PFut *f = ((InstObj *)fut.u.o)->native;
    if (p->next_id >= p->pend_cap) {
        p->pend_cap = p->pend_cap ? p->pend_cap * 2 : 64;
        p->pend = realloc(p->pend, sizeof *p->pend * (size_t)p->pend_cap);
        if (!p->pend)
            abort();
    }
    int64_t id = p->next_id++;
    p->pend[id].fut = VUNDEF;
    if (vme_tracing()) {
        Value label = pool_label(ts, fn, n == 1 ? calls[0].args : VUNDEF);
        if (label.tag == V_OBJ) {
            vme_emit_text(ts, TK_TASK_SUBMIT, f->self, vme_objid(vmc_of(ts->in), p->ident), 0,
                          V_STR(label)->s, (size_t)V_STR(label)->len);
            v_decref(ts->in, label);
        }
    }
    const char *where;
    StrObj *name;
    Value items[5];
    if (fn_ref(ts, fn, &where, &name) < 0)
        goto failed;
    items[0] = vint(id);
    items[1] = vint((int64_t)(uintptr_t)f->self);
    items[2] = str_from_cstr(ts, where);
    items[3] = vobj(name);
    v_incref(items[3]);
    items[4] = calls_list(ts, calls, n);
    n = 0;
    RtBuf buf = { 0 };
    Value msg = tuple_of(ts, 5, items);
    int rc = vser_encode(ts, msg, &buf);
    v_decref(ts->in, msg);
    if (rc < 0) {
        rtbuf_free(&buf);
        goto failed;
    }
    p->pend[id].fut = fut;
    p->pend[id].first = first_index;
    p->pend[id].is_map = is_map;
    v_incref(fut);
    atomic_store(&p->claims[id % PP_CLAIMS], id * 4);
    if (!is_map) {
        f->ppool = p;
        f->task_id = id;
    }
    ppool_fill_call_queue(p);
    rc = rtq_put(vmc_cx(ts), p->tasks, buf.data, buf.len, 1, -1);
    rtbuf_free(&buf);
    if (rc < 0) {
        vmc_raise_rt(ts, rc, "pool");
        return -1;
    }
    ppool_kick(p);
    return 0;
failed:
    /* as in CPython, what cannot be sent fails the task, not the submit */
    for (int i = 0; i < n; i++) {
        v_decref(ts->in, calls[i].args);
        v_decref(ts->in, calls[i].kwargs);
    }
    Value e = ts->exc;
    ts->exc = VUNDEF;
    pf_complete(ts, f, 0, e, 0);
    return 0;
}

int ppool_taken(PPool *p, int64_t id)
{
    if (id < 0 || id >= p->next_id)
        return 0;
    int64_t c = atomic_load(&p->claims[id % PP_CLAIMS]);
    return c == id * 4 + 1 || c == id * 4 + 3;
}

int ppool_cancel(VmThread *ts, PPool *p, int64_t id)
{
    int64_t want = id * 4;
    if (id < 0 || id >= p->next_id ||
        !atomic_compare_exchange_strong(&p->claims[id % PP_CLAIMS], &want, id * 4 + 2))
        return 0;
    Value fut = p->pend[id].fut;   /* no result will come for it */
    p->pend[id].fut = VUNDEF;
    v_decref(ts->in, fut);
    return 1;
}

int ppool_close(VmThread *ts, PPool *p)
{
    if (p->closed)
        return 0;
    p->closed = 1;
    for (int i = 0; i < p->n; i++) {
        if (put_signal(ts, p->tasks, 1, 0) < 0)
            return -1;
        ppool_kick(p);
    }
    return 0;
}

int ppool_join(VmThread *ts, PPool *p)
{
    if (p->handler_joined)
        return 0;
    int rc = rt_thread_join(vmc_cx(ts), p->handler, -1);
    if (rc < 0) {
        vmc_raise_rt(ts, rc, "join");
        return -1;
    }
    p->handler_joined = 1;
    return 0;
}

int ppool_terminate(VmThread *ts, PPool *p)
{
    if (p->terminated || p->handler_joined)
        return 0;
    p->terminated = p->closed = 1;
    Rt *rt = vmc_of(ts->in)->rt;
    for (int i = 0; i < p->n; i++)
        if (p->procs[i].pid > 0 && rt_proc_is_alive(rt, &p->procs[i]))
            kill(p->procs[i].pid, SIGTERM);
    if (put_signal(ts, p->results, 2, 1) < 0)
        return -1;
    ppool_kick_handler(p);
    return ppool_join(ts, p);
}
