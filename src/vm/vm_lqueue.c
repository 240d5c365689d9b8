/* The queue module's queues (queue.Queue, LifoQueue, PriorityQueue,
 * SimpleQueue): process-local, holding references as CPython does, so the
 * consumer gets the very object that was put (mod_queue.c gives them their
 * Python face; multiprocessing's queues serialise into rt/queue instead).
 *
 * Items are Values: a ring (FIFO), a stack (LIFO) or a binary heap ordered
 * by the interpreter's own `<` with heapq's algorithm, so equal and
 * incomparable items behave as in CPython.  They are touched only with the
 * GIL held, which guards their refcounts; the mutex and conditions are only
 * for waiting with the GIL released, and mu is never held while the GIL is
 * taken back (the order is always GIL, then mu).  Waits and puts/gets reach
 * the recorder exactly as rt/queue's do. */
#include <stdlib.h>

#include "rt/psync.h"
#include "vm/format.h"
#include "vm/vm_conc.h"
#include "vm/vm_lqueue.h"

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

LQueue *lq_create(RtQueueKind kind, int64_t maxsize)
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
void lq_destroy(Interp *in, LQueue *q, int drop)
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

/* 0, RT_ETIMEDOUT (queue.Full), RT_ESHUTDOWN, or LQ_EPY with a Python error. */
int lq_put(VmThread *ts, LQueue *q, Value item, int block, double timeout)
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
            return LQ_EPY;
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
Value lq_get(VmThread *ts, LQueue *q, int block, double timeout, int *rc)
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
        *rc = LQ_EPY;
        return VUNDEF;
    }
    if (vme_tracing())
        lq_record(ts, q, TK_QUEUE_GET, item, 0);
    return item;
}

int lq_task_done(VmThread *ts, LQueue *q)
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
int lq_join(VmThread *ts, LQueue *q)
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

int64_t lq_count(LQueue *q)
{
    psmutex_lock(&q->mu);
    int64_t n = q->count;
    psmutex_unlock(&q->mu);
    return n;
}

int lq_full(LQueue *q)
{
    psmutex_lock(&q->mu);
    int f = lq_is_full(q);
    psmutex_unlock(&q->mu);
    return f;
}
