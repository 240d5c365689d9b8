/* The queue: a singly linked list of arena blocks.  FIFO appends at the tail,
 * LIFO pushes at the head, PRIO inserts in order (after equal items, so equal
 * priorities come out in arrival order); get always takes the head.  Item
 * memory is allocated before taking the queue's mutex and freed after
 * releasing it, so the arena's mutex is never taken inside the queue's. */
#include "rt/queue.h"

#include <string.h>

#include "rt/gate.h"
#include "rt/tsan.h"

typedef struct RtQItem {
    uint64_t next;
    uint64_t len;
    uint8_t data[];
} RtQItem;

RtQueue *rtq_create(Rt *rt, RtQueueKind kind, int64_t maxsize)
{
    RtQueue *q = shm_alloc(rt->arena, sizeof *q);
    if (!q)
        return NULL;
    psmutex_init(&q->mu);
    pscond_init(&q->not_empty);
    pscond_init(&q->not_full);
    pscond_init(&q->all_done);
    q->kind = kind;
    q->maxsize = maxsize;
    return q;
}

void rtq_destroy(Rt *rt, RtQueue *q)
{
    uint64_t off, next;
    if (!q)
        return;
    for (off = q->head; off; off = next) {
        RtQItem *it = shm_ptr(rt->arena, off);
        rt_tsan_acquire(it);
        next = it->next;
        shm_free(rt->arena, it);
    }
    pscond_free(&q->not_empty);
    pscond_free(&q->not_full);
    pscond_free(&q->all_done);
    psmutex_free(&q->mu);
    shm_free(rt->arena, q);
}

static int rtq_is_full(const RtQueue *q)
{
    return q->maxsize > 0 && q->count >= q->maxsize;
}

/* With q->mu held: link the item where its kind says, and tell its rank
 * (0 = next out).  RT_ETYPE leaves it out. */
static int rtq_link(ShmArena *a, RtQueue *q, RtQItem *it, int64_t *rank)
{
    uint64_t off = shm_off(a, it), prev = 0, cur;
    *rank = 0;
    if (q->kind == RTQ_LIFO || !q->head) {
        it->next = q->head;
        rt_tsan_release(it);
        q->head = off;
        if (!q->tail)
            q->tail = off;
        return 0;
    }
    if (q->kind == RTQ_FIFO) {
        RtQItem *last = shm_ptr(a, q->tail);
        rt_tsan_acquire(last);
        last->next = off;
        rt_tsan_release(last);   /* written here; may come back via another process */
        q->tail = off;
        *rank = q->count;
        return 0;
    }
    for (cur = q->head; cur; prev = cur, cur = ((RtQItem *)shm_ptr(a, cur))->next, ++*rank) {
        RtQItem *c = shm_ptr(a, cur);
        rt_tsan_acquire(c);
        int lt, rc = ser_less(it->data, it->len, c->data, c->len, &lt);
        if (rc)
            return rc == RT_EFORMAT ? RT_ETYPE : rc;
        if (lt)
            break;
    }
    it->next = cur;
    rt_tsan_release(it);
    if (prev) {
        RtQItem *p = shm_ptr(a, prev);
        p->next = off;
        rt_tsan_release(p);
    } else {
        q->head = off;
    }
    if (!cur)
        q->tail = off;
    return 0;
}

int rtq_put(const RtCtx *cx, RtQueue *q, const void *data, size_t len, int block, double timeout)
{
    ShmArena *a = cx->rt->arena;
    RtQItem *it = shm_alloc(a, sizeof *it + len);
    struct timespec ts;
    const struct timespec *dl;
    int rc = 0, blocked = 0;
    int64_t rank = 0;
    if (!it)
        return RT_ENOMEM;
    it->len = len;
    memcpy(it->data, data, len);
    rt_tsan_release(it);    /* it may reach a thread here through another process */
    psmutex_lock(&q->mu);
    if (rtq_is_full(q)) {
        if (!block || timeout == 0) {
            rc = RT_EFULL;
        } else {
            RT_HOOK(cx->worker, RT_EV_QUEUE_FULL, q, q->count, 0, 0, NULL, 0);
            dl = rt_deadline(timeout, &ts);
            psmutex_unlock(&q->mu);
            rt_block_begin(cx);
            blocked = 1;
            psmutex_lock(&q->mu);
            /* Which blocked putter gets the free slot is a wake (gate.h). */
            for (;;) {
                while (rtq_is_full(q) && rc == 0)
                    rc = rt_cond_wait(cx->rt, &q->not_full, &q->mu, dl);
                if (rc == RT_ESHUTDOWN)
                    break;
                int p = gate_wake_locked(cx, &q->mu,
                                         rtq_is_full(q) ? RT_EV_QUEUE_FULL : RT_EV_QUEUE_PUT);
                if (p <= 0 || !rtq_is_full(q) || rc == RT_ETIMEDOUT) {
                    if (p == RT_ESHUTDOWN)
                        rc = p;
                    break;
                }
                gate_set_blocked(cx, 1);
            }
            if (!rtq_is_full(q) && rc != RT_ESHUTDOWN)
                rc = 0;
            else if (rc == RT_ETIMEDOUT)
                rc = RT_EFULL;
        }
    }
    if (rc == 0)
        rc = rtq_link(a, q, it, &rank);
    if (rc == 0) {
        q->count++;
        q->unfinished++;
        RT_HOOK(cx->worker, RT_EV_QUEUE_PUT, q, q->count, rank, 0, data, len);
        pscond_signal(&q->not_empty);
    }
    psmutex_unlock(&q->mu);
    if (blocked)
        rt_block_resume(cx);
    if (rc)
        shm_free(a, it);
    return rc;
}

int rtq_get(const RtCtx *cx, RtQueue *q, RtBuf *out, int block, double timeout)
{
    ShmArena *a = cx->rt->arena;
    RtQItem *it = NULL;
    struct timespec ts;
    const struct timespec *dl;
    int rc = 0, blocked = 0;
    psmutex_lock(&q->mu);
    if (!q->head) {
        if (!block || timeout == 0) {
            rc = RT_EEMPTY;
        } else {
            RT_HOOK(cx->worker, RT_EV_QUEUE_EMPTY, q, 0, 0, 0, NULL, 0);
            dl = rt_deadline(timeout, &ts);
            psmutex_unlock(&q->mu);
            rt_block_begin(cx);
            blocked = 1;
            psmutex_lock(&q->mu);
            /* Which blocked getter gets the item is a wake (gate.h). */
            for (;;) {
                while (!q->head && rc == 0)
                    rc = rt_cond_wait(cx->rt, &q->not_empty, &q->mu, dl);
                if (rc == RT_ESHUTDOWN)
                    break;
                int p = gate_wake_locked(cx, &q->mu, q->head ? RT_EV_QUEUE_GET : RT_EV_QUEUE_EMPTY);
                if (p <= 0 || q->head || rc == RT_ETIMEDOUT) {
                    if (p == RT_ESHUTDOWN)
                        rc = p;
                    break;
                }
                gate_set_blocked(cx, 1);
            }
            if (q->head && rc != RT_ESHUTDOWN)
                rc = 0;
            else if (rc == RT_ETIMEDOUT)
                rc = RT_EEMPTY;
        }
    }
    if (rc == 0) {
        it = shm_ptr(a, q->head);
        rt_tsan_acquire(it);
        rt_tsan_acquire(a);     /* headers shm_free wrote where the item now is */
        q->head = it->next;
        if (!q->head)
            q->tail = 0;
        q->count--;
        RT_HOOK(cx->worker, RT_EV_QUEUE_GET, q, q->count, 0, 0, it->data, it->len);
        pscond_signal(&q->not_full);
    }
    psmutex_unlock(&q->mu);
    if (blocked)
        rt_block_resume(cx);
    if (it) {
        out->len = 0;
        rtbuf_put(out, it->data, it->len);
        shm_free(a, it);
    }
    return rc;
}

int64_t rtq_qsize(RtQueue *q)
{
    int64_t n;
    psmutex_lock(&q->mu);
    n = q->count;
    psmutex_unlock(&q->mu);
    return n;
}

int rtq_empty(RtQueue *q)
{
    return rtq_qsize(q) == 0;
}

int rtq_full(RtQueue *q)
{
    int f;
    psmutex_lock(&q->mu);
    f = rtq_is_full(q);
    psmutex_unlock(&q->mu);
    return f;
}

int rtq_task_done(const RtCtx *cx, RtQueue *q)
{
    int rc = 0;
    psmutex_lock(&q->mu);
    if (q->unfinished <= 0) {
        rc = RT_EVALUE;
    } else {
        q->unfinished--;
        RT_HOOK(cx->worker, RT_EV_QUEUE_TASK_DONE, q, q->unfinished, 0, 0, NULL, 0);
        if (q->unfinished == 0)
            pscond_broadcast(&q->all_done);
    }
    psmutex_unlock(&q->mu);
    return rc;
}

int rtq_join(const RtCtx *cx, RtQueue *q)
{
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
