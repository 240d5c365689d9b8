/* Queues: FIFO/LIFO/priority order, maxsize and timeouts, task_done/join,
 * and items crossing threads and fork()ed processes exactly once. */
#include "test_rt_util.h"

#include <string.h>
#include <unistd.h>

#include "rt/queue.h"

#define N_ITEMS 1000

static void put_int(RtCtx *cx, RtQueue *q, int64_t x)
{
    SerVal v = {.kind = SV_INT, .u.i = x};
    RtBuf b = {0};
    ser_encode(&v, &b);
    assert_int_equal(rtq_put(cx, q, b.data, b.len, 1, -1), 0);
    rtbuf_free(&b);
}

static int64_t get_int(RtCtx *cx, RtQueue *q, RtBuf *b, int block, double timeout, int *rc)
{
    SerVal *v;
    int64_t x;
    *rc = rtq_get(cx, q, b, block, timeout);
    if (*rc)
        return -1;
    assert_int_equal(ser_decode(b->data, b->len, &v), 0);
    assert_int_equal(v->kind, SV_INT);
    x = v->u.i;
    serval_destroy(v);
    return x;
}

static void queue_orders(void **state)
{
    static const int64_t in[] = {5, 1, 4, 1, 3};
    static const int64_t fifo[] = {5, 1, 4, 1, 3}, lifo[] = {3, 1, 4, 1, 5},
                         prio[] = {1, 1, 3, 4, 5};
    static const int64_t *want[] = {fifo, lifo, prio};
    Rt *rt = tu_rt();
    RtCtx cx = tu_main(rt);
    RtBuf b = {0};
    int rc;
    for (int k = RTQ_FIFO; k <= RTQ_PRIO; k++) {
        RtQueue *q = rtq_create(rt, (RtQueueKind)k, 0);
        for (int i = 0; i < 5; i++)
            put_int(&cx, q, in[i]);
        assert_int_equal(rtq_qsize(q), 5);
        for (int i = 0; i < 5; i++)
            assert_int_equal(get_int(&cx, q, &b, 0, -1, &rc), want[k][i]);
        assert_true(rtq_empty(q));
        get_int(&cx, q, &b, 0, -1, &rc);
        assert_int_equal(rc, RT_EEMPTY);
        rtq_destroy(rt, q);
    }
    rtbuf_free(&b);
    tu_end(&cx);
}

static void queue_priority_type_error(void **state)
{
    Rt *rt = tu_rt();
    RtCtx cx = tu_main(rt);
    RtQueue *q = rtq_create(rt, RTQ_PRIO, 0);
    size_t used = shm_used(rt->arena);
    put_int(&cx, q, 1);
    assert_int_equal(rtq_put(&cx, q, "S\001a", 3, 1, -1), RT_ETYPE);
    assert_int_equal(rtq_qsize(q), 1);
    rtq_destroy(rt, q);
    assert_true(shm_used(rt->arena) < used);   /* items and queue returned */
    tu_end(&cx);
}

static void queue_maxsize_timeouts(void **state)
{
    Rt *rt = tu_rt();
    RtCtx cx = tu_main(rt);
    RtQueue *q = rtq_create(rt, RTQ_FIFO, 2);
    RtBuf b = {0};
    double t0;
    int rc;
    put_int(&cx, q, 1);
    put_int(&cx, q, 2);
    assert_true(rtq_full(q));
    assert_int_equal(rtq_put(&cx, q, "N", 1, 0, -1), RT_EFULL);
    t0 = tu_now();
    assert_int_equal(rtq_put(&cx, q, "N", 1, 1, 0.05), RT_EFULL);
    assert_true(tu_now() - t0 >= 0.045);
    assert_int_equal(get_int(&cx, q, &b, 1, -1, &rc), 1);
    assert_int_equal(get_int(&cx, q, &b, 1, -1, &rc), 2);
    t0 = tu_now();
    get_int(&cx, q, &b, 1, 0.05, &rc);
    assert_int_equal(rc, RT_EEMPTY);
    assert_true(tu_now() - t0 >= 0.045);
    /* task_done: two puts were made. */
    assert_int_equal(rtq_task_done(&cx, q), 0);
    assert_int_equal(rtq_task_done(&cx, q), 0);
    assert_int_equal(rtq_task_done(&cx, q), RT_EVALUE);
    assert_int_equal(rtq_join(&cx, q), 0);
    rtbuf_free(&b);
    rtq_destroy(rt, q);
    tu_end(&cx);
}

static void queue_arena_cap(void **state)
{
    Rt *rt = tu_rt_caps(1 << 20, 4);
    RtCtx cx = tu_main(rt);
    RtQueue *q = rtq_create(rt, RTQ_FIFO, 0);
    static char blob[64 << 10];
    int rc = 0, n = 0;
    while ((rc = rtq_put(&cx, q, blob, sizeof blob, 1, -1)) == 0)
        n++;
    assert_int_equal(rc, RT_ENOMEM);
    assert_true(n > 5 && n < 16);
    rtq_destroy(rt, q);
    tu_end(&cx);
}

/* Producers put [base, base + N_ITEMS); consumers mark what they get. */
typedef struct {
    RtQueue *q;
    int64_t base;
    _Atomic int *seen;    /* in the arena: counts per item */
    int nget;
} QArg;

static int producer(Rt *rt, int worker, QArg *a)
{
    RtCtx cx = {rt, NULL, worker};
    RtBuf b = {0};
    for (int64_t i = 0; i < N_ITEMS; i++) {
        SerVal v = {.kind = SV_INT, .u.i = a->base + i};
        b.len = 0;
        ser_encode(&v, &b);
        if (rtq_put(&cx, a->q, b.data, b.len, 1, 10))
            return 2;
    }
    rtbuf_free(&b);
    return 0;
}

static int consumer(Rt *rt, int worker, QArg *a)
{
    RtCtx cx = {rt, NULL, worker};
    RtBuf b = {0};
    for (int i = 0; i < a->nget; i++) {
        SerVal *v;
        if (rtq_get(&cx, a->q, &b, 1, 10) || ser_decode(b.data, b.len, &v))
            return 3;
        atomic_fetch_add(&a->seen[v->u.i], 1);
        serval_destroy(v);
    }
    rtbuf_free(&b);
    return 0;
}

static int producer_proc(Rt *rt, int worker, void *a)
{
    return producer(rt, worker, a);
}

static void producer_thread(Rt *rt, int worker, void *a)
{
    producer(rt, worker, a);
}

static void consumer_thread(Rt *rt, int worker, void *a)
{
    consumer(rt, worker, a);
}

static void queue_child_puts_parent_gets(void **state)
{
    Rt *rt = tu_rt();
    RtCtx cx = tu_main(rt);
    QArg *a = shm_alloc(rt->arena, sizeof *a);
    RtProc p;
    int code;
    a->q = rtq_create(rt, RTQ_FIFO, 64);   /* bounded: the child blocks too */
    a->seen = shm_alloc(rt->arena, N_ITEMS * sizeof(int));
    a->nget = N_ITEMS;
    assert_int_equal(rt_proc_start(&cx, "producer", producer_proc, a, &p), 0);
    assert_int_equal(consumer(rt, cx.worker, a), 0);
    assert_int_equal(rt_proc_join(&cx, &p, 10), 0);
    assert_int_equal(rt_proc_exitcode(rt, &p, &code), 0);
    assert_int_equal(code, 0);
    rt_proc_close(&p);
    for (int i = 0; i < N_ITEMS; i++)
        assert_int_equal(atomic_load(&a->seen[i]), 1);
    assert_true(rtq_empty(a->q));
    tu_end(&cx);
}

static void queue_threads_many(void **state)
{
    enum { NP = 4, NC = 4 };
    Rt *rt = tu_rt();
    RtCtx cx = tu_main(rt);
    _Atomic int *seen = shm_alloc(rt->arena, NP * N_ITEMS * sizeof(int));
    RtQueue *q = rtq_create(rt, RTQ_FIFO, 16);
    QArg pa[NP], ca[NC];
    RtThread *t[NP + NC];
    for (int i = 0; i < NP; i++) {
        pa[i] = (QArg){q, (int64_t)i * N_ITEMS, seen, 0};
        assert_int_equal(rt_thread_start(&cx, "p", producer_thread, &pa[i], &t[i]), 0);
    }
    for (int i = 0; i < NC; i++) {
        ca[i] = (QArg){q, 0, seen, N_ITEMS * NP / NC};
        assert_int_equal(rt_thread_start(&cx, "c", consumer_thread, &ca[i], &t[NP + i]), 0);
    }
    for (int i = 0; i < NP + NC; i++) {
        assert_int_equal(rt_thread_join(&cx, t[i], 10), 0);
        rt_thread_destroy(t[i]);
    }
    for (int i = 0; i < NP * N_ITEMS; i++)
        assert_int_equal(atomic_load(&seen[i]), 1);
    rtq_destroy(rt, q);
    tu_end(&cx);
}

static void joiner_thread(Rt *rt, int worker, void *arg)
{
    RtCtx cx = {rt, NULL, worker};
    rtq_join(&cx, arg);
}

static void queue_join_waits_for_task_done(void **state)
{
    Rt *rt = tu_rt();
    RtCtx cx = tu_main(rt);
    RtQueue *q = rtq_create(rt, RTQ_LIFO, 0);
    RtThread *t;
    RtBuf b = {0};
    int rc;
    put_int(&cx, q, 7);
    assert_int_equal(rt_thread_start(&cx, "joiner", joiner_thread, q, &t), 0);
    assert_int_equal(rt_thread_join(&cx, t, 0.03), RT_ETIMEDOUT);
    assert_int_equal(get_int(&cx, q, &b, 1, -1, &rc), 7);
    assert_true(rt_thread_is_alive(t));
    assert_int_equal(rtq_task_done(&cx, q), 0);
    assert_int_equal(rt_thread_join(&cx, t, 5), 0);
    rt_thread_destroy(t);
    rtbuf_free(&b);
    rtq_destroy(rt, q);
    tu_end(&cx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(queue_orders),
        cmocka_unit_test(queue_priority_type_error),
        cmocka_unit_test(queue_maxsize_timeouts),
        cmocka_unit_test(queue_arena_cap),
        cmocka_unit_test(queue_child_puts_parent_gets),
        cmocka_unit_test(queue_threads_many),
        cmocka_unit_test(queue_join_waits_for_task_done),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
