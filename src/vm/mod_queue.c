/* queue.Queue, LifoQueue, PriorityQueue and multiprocessing.Queue /
 * JoinableQueue share their Python face; two stores lie behind it.
 *
 * multiprocessing's queues cross a process boundary, so they live in the
 * shared arena (rt/queue) and their items are serialised (vm_serial.c):
 * None, bool, int, float, str, and lists and tuples of them.
 *
 * The queue module's queues stay in one process, and CPython passes
 * references through them: the consumer gets the very object that was put.
 * So they hold Values in a process-local LQueue (a ring, a stack or a binary
 * heap ordered by the interpreter's own `<`, as heapq does).  The items are
 * touched only with the GIL held (it guards the refcounts); the queue's
 * mutex and conditions are only for waiting with the GIL released.
 *
 * The recorder sees every put and get with the item's repr, either way. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rt/queue.h"
#include "vm/format.h"
#include "vm/vm_conc.h"

typedef struct LQueue {
    PsMutex mu;
    PsCond not_empty, not_full, all_done;
    int kind;                 /* RtQueueKind */
    int64_t maxsize;          /* <= 0: unbounded */
    int64_t count;            /* changed with the GIL and mu held; read with either */
    int64_t unfinished;       /* put minus task_done, under mu */
    Value *items;             /* FIFO: a ring from head; LIFO: a stack; PRIO: a heap */
    int64_t cap, head;
} LQueue;

typedef struct QNat {
    RtQueue *q;               /* multiprocessing */
    LQueue *lq;               /* the queue module */
    int pid, forks;
} QNat;

static StrObj *iname(VmThread *ts, const char *s) { return str_intern(ts->in, s, strlen(s)); }

static Value arg(VmThread *ts, Value *args, int nargs, const VmKw *kw, int pos, const char *name, Value def)
{
    if (pos >= 0 && pos + 1 < nargs)
        return args[pos + 1];
    if (kw) {
        int k = vm_kw_find(kw, iname(ts, name));
        if (k >= 0)
            return kw->vals[k];
    }
    return def;
}

static LQueue *lq_create(RtQueueKind kind, int64_t maxsize)
{
    LQueue *q = calloc(1, sizeof *q);
    if (!q)
        abort();
    psmutex_init(&q->mu);
    pscond_init(&q->not_empty);
    pscond_init(&q->not_full);
    pscond_init(&q->all_done);
    q->kind = kind;
    q->maxsize = maxsize;
    return q;
}

/* The i-th stored item (i < count): the ring wraps for FIFO only. */
static Value *lq_slot(LQueue *q, int64_t i)
{
    return &q->items[q->kind == RTQ_FIFO ? (q->head + i) % q->cap : i];
}

/* drop: the queue dies of its last reference, so its items lose one; at
 * interpreter teardown every object is freed at once and they must not. */
static void lq_destroy(Interp *in, LQueue *q, int drop)
{
    for (int64_t i = 0; drop && i < q->count; i++)
        v_decref(in, *lq_slot(q, i));
    free(q->items);
    pscond_free(&q->not_empty);
    pscond_free(&q->not_full);
    pscond_free(&q->all_done);
    psmutex_free(&q->mu);
    free(q);
}

/* Room for one more item, the ring unrolled so head is 0 again. */
static void lq_reserve(LQueue *q)
{
    if (q->count < q->cap)
        return;
    int64_t cap = q->cap ? q->cap * 2 : 8;
    Value *v = malloc((size_t)cap * sizeof *v);
    if (!v)
        abort();
    for (int64_t i = 0; i < q->count; i++)
        v[i] = *lq_slot(q, i);
    free(q->items);
    q->items = v;
    q->cap = cap;
    q->head = 0;
}

static int lq_is_full(const LQueue *q) { return q->maxsize > 0 && q->count >= q->maxsize; }
static int lq_is_empty(const LQueue *q) { return q->count == 0; }

/* With the GIL held: wait until !busy(q), with the GIL released meanwhile
 * (the same events as rt/queue: QUEUE_FULL or QUEUE_EMPTY once).  0: the
 * caller may act now (it has held the GIL since the test); else RT_ETIMEDOUT
 * (not blocking, or out of time) or RT_ESHUTDOWN.  mu is never held while
 * the GIL is taken back, so the order is always GIL, then mu. */
static int lq_wait(VmThread *ts, LQueue *q, PsCond *cond, int (*busy)(const LQueue *), int block,
                   double timeout, RtEvKind ev)
{
    const RtCtx *cx = vmc_cx(ts);
    struct timespec tsp;
    const struct timespec *dl;
    int rc = 0;
    psmutex_lock(&q->mu);
    if (!busy(q)) {
        psmutex_unlock(&q->mu);
        return 0;
    }
    if (!block || timeout == 0) {
        psmutex_unlock(&q->mu);
        return RT_ETIMEDOUT;
    }
    RT_HOOK(cx->worker, ev, q, ev == RT_EV_QUEUE_FULL ? q->count : 0, 0, 0, NULL, 0);
    dl = rt_deadline(timeout, &tsp);
    for (;;) {
        psmutex_unlock(&q->mu);
        rt_block_begin(cx);
        psmutex_lock(&q->mu);
        while (busy(q) && rc == 0)
            rc = rt_cond_wait(cx->rt, cond, &q->mu, dl);
        psmutex_unlock(&q->mu);
        rt_block_end(cx);
        if (rc == RT_ESHUTDOWN)
            return rc;
        psmutex_lock(&q->mu);
        if (!busy(q)) {
            psmutex_unlock(&q->mu);
            return 0;
        }
        if (rc != 0) {
            psmutex_unlock(&q->mu);
            return RT_ETIMEDOUT;
        }
        /* Another thread got there while we took the GIL back: wait again. */
    }
}

/* heapq's _siftdown: where `item` would settle going up from pos.  Only
 * compares (a raising `<` leaves the heap untouched); -1 with the error. */
static int64_t lq_heap_up(VmThread *ts, LQueue *q, Value item, int64_t pos)
{
    while (pos > 0) {
        int64_t parent = (pos - 1) >> 1;
        int lt = v_compare(ts, OP_LT, item, q->items[parent]);
        if (lt < 0)
            return -1;
        if (!lt)
            break;
        pos = parent;
    }
    return pos;
}

/* Move the item at from up to `to` (an ancestor), parents shifting down. */
static void lq_heap_place(LQueue *q, int64_t from, int64_t to)
{
    Value item = q->items[from];
    while (from > to) {
        int64_t parent = (from - 1) >> 1;
        q->items[from] = q->items[parent];
        from = parent;
    }
    q->items[to] = item;
}

/* heapq's _siftup from the root after a pop: the smaller child climbs until
 * the root's item reaches a leaf, then it goes back up.  Swaps keep every
 * item stored exactly once should a `<` raise halfway. */
static int lq_heap_down(VmThread *ts, LQueue *q)
{
    int64_t pos = 0, n = q->count, child = 1;
    while (child < n) {
        int64_t right = child + 1;
        if (right < n) {
            int lt = v_compare(ts, OP_LT, q->items[child], q->items[right]);
            if (lt < 0)
                return -1;
            if (!lt)
                child = right;
        }
        Value t = q->items[pos];
        q->items[pos] = q->items[child];
        q->items[child] = t;
        pos = child;
        child = 2 * pos + 1;
    }
    int64_t to = lq_heap_up(ts, q, q->items[pos], pos);
    if (to < 0)
        return -1;
    lq_heap_place(q, pos, to);
    return 0;
}

/* Where the item comes out (0 = next), for the recorder: the heap holds no
 * order, so count the stored items that go before it.  Errors are ignored. */
static int64_t lq_prio_rank(VmThread *ts, LQueue *q, Value item)
{
    int64_t rank = 0;
    for (int64_t i = 0; i < q->count; i++) {
        int lt = v_compare(ts, OP_LT, item, q->items[i]);
        if (lt < 0) {
            Value x = ts->exc;
            ts->exc = VUNDEF;
            v_decref(ts->in, x);
            return 0;
        }
        rank += !lt;
    }
    return rank;
}

/* The item's repr for a put/get record; "" if its __repr__ raised. */
static void lq_record(VmThread *ts, LQueue *q, unsigned tk, Value item, int64_t rank)
{
    StrBuf sb;
    sb_init(&sb);
    if (v_repr_into(ts, &sb, item) < 0) {
        Value x = ts->exc;
        ts->exc = VUNDEF;
        v_decref(ts->in, x);
        sb.len = 0;
    }
    vme_emit_item(ts, tk, q, (uint32_t)q->count, (uint64_t)rank, sb.buf ? sb.buf : "", sb.buf ? sb.len : 0);
    sb_free(&sb);
}

/* 0, RT_ETIMEDOUT (queue.Full), RT_ESHUTDOWN, or -100 with a Python error. */
static int lq_put(VmThread *ts, LQueue *q, Value item, int block, double timeout)
{
    int rc = lq_wait(ts, q, &q->not_full, lq_is_full, block, timeout, RT_EV_QUEUE_FULL);
    int64_t pos = 0, rank = 0;
    if (rc)
        return rc;
    if (q->kind == RTQ_PRIO) {
        pos = lq_heap_up(ts, q, item, q->count);
        if (pos < 0) {
            /* As heapq.heappush: the item stays, appended, though put raised. */
            v_incref(item);
            psmutex_lock(&q->mu);
            lq_reserve(q);
            q->items[q->count++] = item;
            psmutex_unlock(&q->mu);
            return -100;
        }
        if (vme_tracing())
            rank = lq_prio_rank(ts, q, item);
    } else if (q->kind == RTQ_FIFO) {
        rank = q->count;
    }
    v_incref(item);
    psmutex_lock(&q->mu);
    lq_reserve(q);
    *lq_slot(q, q->count) = item;
    if (q->kind == RTQ_PRIO)
        lq_heap_place(q, q->count, pos);
    q->count++;
    q->unfinished++;
    pscond_signal(&q->not_empty);
    psmutex_unlock(&q->mu);
    if (vme_tracing())
        lq_record(ts, q, TK_QUEUE_PUT, item, rank);
    return 0;
}

/* The item (owned), or VUNDEF with rc set as for lq_put. */
static Value lq_get(VmThread *ts, LQueue *q, int block, double timeout, int *rc)
{
    Value item;
    int err = 0;
    *rc = lq_wait(ts, q, &q->not_empty, lq_is_empty, block, timeout, RT_EV_QUEUE_EMPTY);
    if (*rc)
        return VUNDEF;
    psmutex_lock(&q->mu);
    if (q->kind == RTQ_FIFO) {
        item = q->items[q->head];
        q->head = (q->head + 1) % q->cap;
        q->count--;
    } else {
        /* LIFO takes the top; PRIO the root, the last item filling its place. */
        int64_t top = q->kind == RTQ_LIFO ? q->count - 1 : 0;
        item = q->items[top];
        q->items[top] = q->items[q->count - 1];
        q->count--;
    }
    pscond_signal(&q->not_full);
    psmutex_unlock(&q->mu);
    if (q->kind == RTQ_PRIO && q->count > 1)
        err = lq_heap_down(ts, q);
    if (err < 0) {
        v_decref(ts->in, item);
        *rc = -100;
        return VUNDEF;
    }
    if (vme_tracing())
        lq_record(ts, q, TK_QUEUE_GET, item, 0);
    return item;
}

static int lq_task_done(VmThread *ts, LQueue *q)
{
    int rc = 0;
    psmutex_lock(&q->mu);
    if (q->unfinished <= 0) {
        rc = RT_EVALUE;
    } else {
        q->unfinished--;
        RT_HOOK(vmc_cx(ts)->worker, RT_EV_QUEUE_TASK_DONE, q, q->unfinished, 0, 0, NULL, 0);
        if (q->unfinished == 0)
            pscond_broadcast(&q->all_done);
    }
    psmutex_unlock(&q->mu);
    return rc;
}

/* As rtq_join: the GIL is let go for the whole wait, none is needed after. */
static int lq_join(VmThread *ts, LQueue *q)
{
    const RtCtx *cx = vmc_cx(ts);
    int rc = 0;
    psmutex_lock(&q->mu);
    if (q->unfinished == 0) {
        psmutex_unlock(&q->mu);
        return 0;
    }
    RT_HOOK(cx->worker, RT_EV_JOIN_WAIT, q, 0, 0, 0, NULL, 0);
    psmutex_unlock(&q->mu);
    rt_block_begin(cx);
    psmutex_lock(&q->mu);
    while (q->unfinished > 0 && rc == 0)
        rc = rt_cond_wait(cx->rt, &q->all_done, &q->mu, NULL);
    if (rc == 0)
        RT_HOOK(cx->worker, RT_EV_JOIN_END, q, 0, 0, 0, NULL, 0);
    psmutex_unlock(&q->mu);
    rt_block_end(cx);
    return rc;
}

static int64_t lq_count(LQueue *q)
{
    psmutex_lock(&q->mu);
    int64_t n = q->count;
    psmutex_unlock(&q->mu);
    return n;
}

static void q_free(Interp *in, Obj *o)
{
    InstObj *i = (InstObj *)o;
    QNat *n = i->native;
    VmConc *c = vmc_of(in);
    if (n && n->lq)
        lq_destroy(in, n->lq, o->rc == 1 << 30);   /* obj_free's mark, see pool_future.c */
    else if (n && c && vmc_may_free(in, n->pid, n->forks))
        rtq_destroy(c->rt, n->q);
    free(n);
    i->native = NULL;
}

static QNat *q_nat(VmThread *ts, Value self)
{
    QNat *n = v_is(self, K_INST) ? ((InstObj *)self.u.o)->native : NULL;
    if (!n)
        vm_raise(ts, EXC_TypeError, "queue not initialised");
    return n;
}

static Value q_init_kind(VmThread *ts, Value *args, int nargs, const VmKw *kw, RtQueueKind kind, unsigned tokind)
{
    Value self = args[0];
    VmConc *c = vmc_of(ts->in);
    Value ms = arg(ts, args, nargs, kw, 0, "maxsize", vint(0));
    if (ms.tag != V_INT && ms.tag != V_BOOL)
        return vm_raise(ts, EXC_TypeError, "maxsize must be an integer");
    InstObj *i = (InstObj *)self.u.o;
    const char *mod = i->cls->module;
    int shared = mod && strcmp(mod, "multiprocessing") == 0;
    QNat *n = calloc(1, sizeof *n);
    if (!n)
        abort();
    if (shared) {
        n->q = rtq_create(c->rt, kind, ms.u.i);
        if (!n->q) {
            free(n);
            return vmc_raise_rt(ts, RT_ENOMEM, "queue");
        }
    } else {
        n->lq = lq_create(kind, ms.u.i);
    }
    n->pid = (int)getpid();
    n->forks = c->forks;
    if (i->native)
        q_free(ts->in, (Obj *)i);
    i->native = n;
    vme_obj_created(ts, tokind, n->lq ? (const void *)n->lq : (const void *)n->q,
                    ms.u.i > 0 ? (uint64_t)ms.u.i : 0, shared ? TF_SHARED : 0);
    return VNONE;
}

static Value q_init(VmThread *ts, Value *a, int n, const VmKw *kw) { return q_init_kind(ts, a, n, kw, RTQ_FIFO, TO_QUEUE); }
static Value lifo_init(VmThread *ts, Value *a, int n, const VmKw *kw) { return q_init_kind(ts, a, n, kw, RTQ_LIFO, TO_LIFO); }
static Value prio_init(VmThread *ts, Value *a, int n, const VmKw *kw) { return q_init_kind(ts, a, n, kw, RTQ_PRIO, TO_PRIO); }

static Value q_exc(VmThread *ts, const char *name)
{
    Value mod = module_import(ts, "queue");
    if (mod.tag == V_EXC)
        return VEXC;
    Value cls = vm_getattr(ts, mod, iname(ts, name));
    v_decref(ts->in, mod);
    if (cls.tag == V_EXC)
        return VEXC;
    vm_raise_value(ts, cls);
    return VEXC;
}

static int q_block_args(VmThread *ts, Value *args, int nargs, const VmKw *kw, int first, int *block,
                        double *timeout)
{
    *block = v_truthy(arg(ts, args, nargs, kw, first, "block", vbool(true)));
    double t = vmc_timeout(ts, arg(ts, args, nargs, kw, first + 1, "timeout", VNONE), "queue");
    if (t == -2)
        return -1;
    if (t == -3) {
        vm_raise(ts, EXC_ValueError, "'timeout' must be a non-negative number");
        return -1;
    }
    *timeout = t;
    return 0;
}

static Value q_put_common(VmThread *ts, Value self, Value item, int block, double timeout)
{
    QNat *n = q_nat(ts, self);
    if (!n)
        return VEXC;
    if (n->lq) {
        vmc_gate(ts, TK_QUEUE_PUT, 1);
        int lrc = lq_put(ts, n->lq, item, block, timeout);
        if (lrc == RT_ETIMEDOUT)
            return q_exc(ts, "Full");
        if (lrc == -100)
            return VEXC;
        return lrc < 0 ? vmc_raise_rt(ts, lrc, "queue.put") : VNONE;
    }
    RtBuf buf = { 0 };
    if (vser_encode(ts, item, &buf) < 0) {
        rtbuf_free(&buf);
        return VEXC;
    }
    vmc_gate(ts, TK_QUEUE_PUT, 1);
    int rc = rtq_put(vmc_cx(ts), n->q, buf.data, buf.len, block, timeout);
    rtbuf_free(&buf);
    if (rc == RT_EFULL)
        return q_exc(ts, "Full");
    if (rc == RT_ETYPE)
        return vm_raise(ts, EXC_TypeError, "'<' not supported between the items of this PriorityQueue");
    if (rc < 0)
        return vmc_raise_rt(ts, rc, "queue.put");
    return VNONE;
}

static Value q_get_common(VmThread *ts, Value self, int block, double timeout)
{
    QNat *n = q_nat(ts, self);
    if (!n)
        return VEXC;
    if (n->lq) {
        int lrc;
        vmc_gate(ts, TK_QUEUE_GET, 1);
        Value item = lq_get(ts, n->lq, block, timeout, &lrc);
        if (lrc == RT_ETIMEDOUT)
            return q_exc(ts, "Empty");
        if (lrc == -100)
            return VEXC;
        return lrc < 0 ? vmc_raise_rt(ts, lrc, "queue.get") : item;
    }
    RtBuf buf = { 0 };
    vmc_gate(ts, TK_QUEUE_GET, 1);
    int rc = rtq_get(vmc_cx(ts), n->q, &buf, block, timeout);
    if (rc == RT_EEMPTY) {
        rtbuf_free(&buf);
        return q_exc(ts, "Empty");
    }
    if (rc < 0) {
        rtbuf_free(&buf);
        return vmc_raise_rt(ts, rc, "queue.get");
    }
    Value v = vser_decode(ts, buf.data, buf.len);
    rtbuf_free(&buf);
    return v;
}

static Value q_put(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    Value item = arg(ts, args, nargs, kw, 0, "item", VUNDEF);
    if (item.tag == V_UNDEF)
        item = arg(ts, args, nargs, kw, -1, "obj", VUNDEF);
    if (item.tag == V_UNDEF)
        return vm_raise(ts, EXC_TypeError, "put() missing 1 required positional argument: 'item'");
    int block;
    double t;
    if (q_block_args(ts, args, nargs, kw, 1, &block, &t) < 0)
        return VEXC;
    return q_put_common(ts, args[0], item, block, t);
}

static Value q_put_nowait(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    if (vm_args_check(ts, "put_nowait", nargs - 1, 1, 1, kw) < 0)
        return VEXC;
    return q_put_common(ts, args[0], args[1], 0, -1);
}

static Value q_get(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    int block;
    double t;
    if (q_block_args(ts, args, nargs, kw, 0, &block, &t) < 0)
        return VEXC;
    return q_get_common(ts, args[0], block, t);
}

static Value q_get_nowait(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    return q_get_common(ts, args[0], 0, -1);
}

static Value q_qsize(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    QNat *n = q_nat(ts, args[0]);
    if (n && n->lq)
        return vint(lq_count(n->lq));
    return n ? vint(rtq_qsize(n->q)) : VEXC;
}

static Value q_empty(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    QNat *n = q_nat(ts, args[0]);
    if (n && n->lq)
        return vbool(lq_count(n->lq) == 0);
    return n ? vbool(rtq_empty(n->q)) : VEXC;
}

static Value q_full(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    QNat *n = q_nat(ts, args[0]);
    if (n && n->lq)
        return vbool(n->lq->maxsize > 0 && lq_count(n->lq) >= n->lq->maxsize);
    return n ? vbool(rtq_full(n->q)) : VEXC;
}

static Value q_task_done(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    QNat *n = q_nat(ts, args[0]);
    if (!n)
        return VEXC;
    if ((n->lq ? lq_task_done(ts, n->lq) : rtq_task_done(vmc_cx(ts), n->q)) == RT_EVALUE)
        return vm_raise(ts, EXC_ValueError, "task_done() called too many times");
    return VNONE;
}

static Value q_join(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    QNat *n = q_nat(ts, args[0]);
    if (!n)
        return VEXC;
    int rc = n->lq ? lq_join(ts, n->lq) : rtq_join(vmc_cx(ts), n->q);
    return rc < 0 ? vmc_raise_rt(ts, rc, "queue.join") : VNONE;
}

static Value q_noop(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    return VNONE;
}

#define Q_METHODS \
    { "put", q_put }, { "get", q_get }, { "put_nowait", q_put_nowait }, \
    { "get_nowait", q_get_nowait }, { "qsize", q_qsize }, { "empty", q_empty }, \
    { "full", q_full }, { "task_done", q_task_done }, { "join", q_join }

static const VmModFunc queue_methods[] = { { "__init__", q_init }, Q_METHODS, { NULL, NULL } };
static const VmModFunc lifo_methods[] = { { "__init__", lifo_init }, Q_METHODS, { NULL, NULL } };
static const VmModFunc prio_methods[] = { { "__init__", prio_init }, Q_METHODS, { NULL, NULL } };
static const VmModFunc mpq_methods[] = {
    { "__init__", q_init }, Q_METHODS, { "close", q_noop }, { "join_thread", q_noop },
    { "cancel_join_thread", q_noop }, { NULL, NULL },
};

static int add_class(VmThread *ts, ModuleObj *m, const char *name, const char *modname,
                     const VmModFunc *methods)
{
    ClassObj *c = class_new(ts, name, ts->in->object_class, modname);
    if (!c)
        return -1;
    c->native_free = q_free;
    for (const VmModFunc *f = methods; f->name; f++)
        if (class_add_method(ts, c, f->name, f->fn) < 0)
            return -1;
    return module_add(ts, m, name, vobj(c));
}

static int add_exc(VmThread *ts, ModuleObj *m, const char *name)
{
    ClassObj *c = class_new(ts, name, ts->in->exc[EXC_Exception], "_queue");
    if (!c)
        return -1;
    return module_add(ts, m, name, vobj(c));
}

static int queue_init(VmThread *ts, ModuleObj *m)
{
    if (add_exc(ts, m, "Empty") < 0 || add_exc(ts, m, "Full") < 0)
        return -1;
    if (add_class(ts, m, "Queue", "queue", queue_methods) < 0 ||
        add_class(ts, m, "LifoQueue", "queue", lifo_methods) < 0 ||
        add_class(ts, m, "PriorityQueue", "queue", prio_methods) < 0 ||
        add_class(ts, m, "SimpleQueue", "queue", queue_methods) < 0)
        return -1;
    return 0;
}

int vmq_add_mp_classes(VmThread *ts, ModuleObj *m)
{
    if (add_class(ts, m, "Queue", "multiprocessing", mpq_methods) < 0 ||
        add_class(ts, m, "JoinableQueue", "multiprocessing", mpq_methods) < 0 ||
        add_class(ts, m, "SimpleQueue", "multiprocessing", mpq_methods) < 0)
        return -1;
    return 0;
}

const VmModuleDef mod_queue_def = { "queue", NULL, queue_init };
