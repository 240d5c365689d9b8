/* Unit tests of src/model: hand-made event sequences folded into state. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdint.h>
#include <string.h>

#include "model/model.h"
#include "trace_helpers.h"

enum { LEDGER = 10, GIL = 1, JOBS = 20, STACK = 21, ARR = 30, RESULTS = 40, LA = 50, LB = 51 };

static const ModelWorker *w_at(Model *m, size_t k, uint32_t id)
{
    return model_worker(model_at(m, k), id);
}

/* Three threads contend for `ledger`: owner and waiters in arrival order. */
static void test_lock_contention(void **state)
{
    (void)state;
    EventLog log;
    eventlog_init(&log);
    th_two_threads(&log);
    th_ev(&log, 0, TK_WORKER_CREATED, 2, 4, 0, 0, "Thread-2");
    th_ev(&log, 2, TK_WORKER_STARTED, 0, 0, 0, 0, "Thread-2");
    th_ev(&log, 0, TK_OBJ_CREATED, LEDGER, 1, TO_LOCK, 0, "ledger");
    th_ev(&log, 1, TK_LOCK_WAIT, LEDGER, 14, 0, 0, NULL);
    size_t acq1 = th_ev(&log, 1, TK_LOCK_ACQUIRE, LEDGER, 14, 0, 0, NULL);
    th_ev(&log, 2, TK_LOCK_WAIT, LEDGER, 14, 0, 0, NULL);
    th_ev(&log, 0, TK_LOCK_WAIT, LEDGER, 9, 0, 0, NULL);
    size_t mid = eventlog_count(&log);
    th_ev(&log, 1, TK_LOCK_RELEASE, LEDGER, 16, 0, 0, NULL);
    th_ev(&log, 2, TK_LOCK_ACQUIRE, LEDGER, 14, 0, 0, NULL);

    Model *m = model_create(&log);
    model_update(m);
    const ModelState *st = model_at(m, mid);
    const ModelObject *o = model_object(st, LEDGER);
    assert_non_null(o);
    assert_string_equal(model_object_name(m, o), "ledger");
    assert_int_equal(o->holders.n, 1);
    assert_int_equal(o->holders.v[0], 1);
    assert_int_equal(o->waiters.n, 2);
    assert_int_equal(o->waiters.v[0], 2);   /* came first */
    assert_int_equal(o->waiters.v[1], 0);
    assert_int_equal(model_worker(st, 2)->state, TS_LOCK);
    assert_int_equal(model_worker(st, 2)->wait_obj, LEDGER);
    assert_int_equal(model_worker(st, 1)->state, TS_RUNNING);
    assert_int_equal(model_worker(st, 1)->line, 14);
    assert_int_equal(model_worker(st, 0)->line, 9);

    st = model_at(m, model_count(m));
    o = model_object(st, LEDGER);
    assert_int_equal(o->holders.n, 1);
    assert_int_equal(o->holders.v[0], 2);
    assert_int_equal(o->waiters.n, 1);
    assert_int_equal(o->waiters.v[0], 0);
    assert_int_equal(model_worker(st, 1)->line, 16);
    assert_int_equal(model_worker(st, 2)->state, TS_RUNNING);

    /* Before the first acquire nobody holds it. */
    o = model_object(model_at(m, acq1), LEDGER);
    assert_int_equal(o->holders.n, 0);
    assert_int_equal(o->waiters.n, 1);
    model_destroy(m);
    eventlog_free(&log);
}

static void test_gil_handover(void **state)
{
    (void)state;
    EventLog log;
    eventlog_init(&log);
    th_two_threads(&log);
    th_ev(&log, 0, TK_OBJ_CREATED, GIL, 0, TO_GIL, 0, "GIL");
    th_ev(&log, 0, TK_GIL_ACQUIRE, GIL, 0, 0, 0, NULL);
    th_ev(&log, 1, TK_GIL_WAIT, GIL, 0, 0, 0, NULL);
    th_ev(&log, 0, TK_GIL_RELEASE, GIL, 0, 0, 0, NULL);
    th_ev(&log, 0, TK_GIL_WAIT, GIL, 0, 0, 0, NULL);
    th_ev(&log, 1, TK_GIL_ACQUIRE, GIL, 0, 0, 0, NULL);
    Model *m = model_create(&log);
    model_update(m);
    const ModelState *st = model_head(m);
    const ModelObject *g = model_object(st, GIL);
    assert_int_equal(g->kind, TO_GIL);
    assert_int_equal(g->holders.n, 1);
    assert_int_equal(g->holders.v[0], 1);
    assert_int_equal(g->waiters.n, 1);
    assert_int_equal(g->waiters.v[0], 0);
    assert_int_equal(model_worker(st, 0)->state, TS_GIL);
    model_destroy(m);
    eventlog_free(&log);
}

static void put(EventLog *log, unsigned w, uint32_t q, const char *item)
{
    th_ev(log, w, TK_QUEUE_PUT, q, 0, 0, 0, item);
}

static void test_fifo_vs_lifo(void **state)
{
    (void)state;
    EventLog log;
    eventlog_init(&log);
    th_two_threads(&log);
    th_ev(&log, 0, TK_OBJ_CREATED, JOBS, 0, TO_QUEUE, 0, "jobs");
    th_ev(&log, 0, TK_OBJ_CREATED, STACK, 0, TO_LIFO, 0, "stack");
    const char *items[] = { "1", "2", "3" };
    for (int i = 0; i < 3; i++) {
        put(&log, 0, JOBS, items[i]);
        put(&log, 0, STACK, items[i]);
    }
    th_ev(&log, 1, TK_QUEUE_GET, JOBS, 0, 0, 0, "1");
    th_ev(&log, 1, TK_QUEUE_GET, STACK, 0, 0, 0, "3");
    Model *m = model_create(&log);
    model_update(m);
    const ModelState *st = model_head(m);
    const ModelObject *q = model_object(st, JOBS), *s = model_object(st, STACK);
    assert_int_equal(q->items.n, 2);
    assert_string_equal(model_text(m, q->items.v[0]), "2");   /* oldest first */
    assert_string_equal(model_text(m, q->items.v[1]), "3");
    assert_int_equal(s->items.n, 2);
    assert_string_equal(model_text(m, s->items.v[0]), "1");
    assert_string_equal(model_text(m, s->items.v[1]), "2");
    model_destroy(m);
    eventlog_free(&log);
}

static void test_priority_and_blocking(void **state)
{
    (void)state;
    EventLog log;
    eventlog_init(&log);
    th_two_threads(&log);
    th_ev(&log, 0, TK_OBJ_CREATED, JOBS, 0, TO_PRIO, 2, "pq");
    th_ev(&log, 0, TK_QUEUE_PUT, JOBS, 0, 0, 0, "(5, 'low')");
    th_ev(&log, 0, TK_QUEUE_PUT, JOBS, 0, 0, 0, "(1, 'high')");   /* rank 0 */
    th_ev(&log, 0, TK_QUEUE_FULL, JOBS, 7, 0, 0, NULL);
    Model *m = model_create(&log);
    model_update(m);
    const ModelState *st = model_head(m);
    const ModelObject *q = model_object(st, JOBS);
    assert_int_equal(q->size, 2);
    assert_string_equal(model_text(m, q->items.v[0]), "(1, 'high')");
    assert_int_equal(model_worker(st, 0)->state, TS_QUEUE);
    assert_int_equal(model_worker(st, 0)->queue_full, 1);
    assert_int_equal(q->waiters.n, 1);
    th_ev(&log, 1, TK_QUEUE_GET, JOBS, 0, 0, 0, "(1, 'high')");
    th_ev(&log, 0, TK_QUEUE_PUT, JOBS, 7, 0, 0, "(3, 'mid')");
    model_update(m);
    st = model_head(m);
    q = model_object(st, JOBS);
    assert_int_equal(q->waiters.n, 0);
    assert_int_equal(q->items.n, 2);
    assert_string_equal(model_text(m, q->items.v[0]), "(3, 'mid')");
    assert_string_equal(model_text(m, q->items.v[1]), "(5, 'low')");
    assert_int_equal(model_worker(st, 0)->state, TS_RUNNING);
    model_destroy(m);
    eventlog_free(&log);
}

/* A shared Array written by two processes, and a plain list whose private
 * copies differ per process. */
static void test_arrays_two_processes(void **state)
{
    (void)state;
    EventLog log;
    eventlog_init(&log);
    th_flags(&log, 0, TK_WORKER_STARTED, TF_PROCESS, TRACE_NONE, 0, 0, "MainProcess");
    th_flags(&log, 0, TK_OBJ_CREATED, TF_SHARED, ARR, TO_ARRAY, 3, "counts");
    th_ev(&log, 0, TK_OBJ_CREATED, RESULTS, 0, TO_LIST, 0, "results");
    th_ev(&log, 0, TK_LIST_APPEND, RESULTS, 0, 0, 0, "0");
    th_flags(&log, 0, TK_WORKER_CREATED, TF_PROCESS, 1, 0, 0, "P1");
    th_flags(&log, 0, TK_WORKER_CREATED, TF_PROCESS, 2, 0, 0, "P2");
    th_flags(&log, 1, TK_WORKER_STARTED, TF_PROCESS, 0, 0, (201ull << 32) | 201, "P1");
    th_flags(&log, 2, TK_WORKER_STARTED, TF_PROCESS, 0, 0, (202ull << 32) | 202, "P2");
    th_write(&log, 1, TK_ARRAY_WRITE, ARR, 0, 0, 5);
    th_write(&log, 2, TK_ARRAY_WRITE, ARR, 2, 0, 7);
    size_t last = th_write(&log, 1, TK_ARRAY_WRITE, ARR, 0, 5, 6);
    th_ev(&log, 1, TK_LIST_WRITE, RESULTS, 0, 0, 0, "'p1'");
    th_ev(&log, 2, TK_LIST_APPEND, RESULTS, 0, 0, 0, "'p2'");
    Model *m = model_create(&log);
    model_update(m);
    const ModelState *st = model_head(m);
    const ModelObject *a = model_object(st, ARR);
    assert_int_equal(a->ncells, 3);
    assert_int_equal((int64_t)model_cell(a, 0), 6);
    assert_int_equal((int64_t)model_cell(a, 1), 0);
    assert_int_equal((int64_t)model_cell(a, 2), 7);
    assert_int_equal(model_cell_ev(a, 0), last);
    assert_int_equal(eventlog_old_i(&log, last), 5);
    assert_true(a->flags & TF_SHARED);
    assert_int_equal(model_worker(st, 2)->pid, 202);
    assert_int_equal(model_worker(st, 2)->process, 2);

    const ModelObject *l0 = model_list(st, RESULTS, 0), *l1 = model_list(st, RESULTS, 1),
                      *l2 = model_list(st, RESULTS, 2);
    assert_non_null(l0);
    assert_non_null(l1);
    assert_non_null(l2);
    assert_int_equal(l0->ncells, 1);
    assert_string_equal(model_text(m, (uint32_t)model_cell(l0, 0)), "0");
    assert_int_equal(l1->ncells, 1);
    assert_string_equal(model_text(m, (uint32_t)model_cell(l1, 0)), "'p1'");
    assert_string_equal(model_object_name(m, l1), "results");
    /* P2 appended to its copy, whose first cell it never told us about. */
    assert_int_equal(l2->ncells, 1);
    assert_string_equal(model_text(m, (uint32_t)model_cell(l2, 0)), "'p2'");
    model_destroy(m);
    eventlog_free(&log);
}

static void test_deadlock_cycle(void **state)
{
    (void)state;
    EventLog log;
    eventlog_init(&log);
    th_two_threads(&log);
    th_ev(&log, 0, TK_OBJ_CREATED, LA, 0, TO_LOCK, 0, "a");
    th_ev(&log, 0, TK_OBJ_CREATED, LB, 0, TO_LOCK, 0, "b");
    th_ev(&log, 0, TK_LOCK_ACQUIRE, LA, 5, 0, 0, NULL);
    th_ev(&log, 1, TK_LOCK_ACQUIRE, LB, 11, 0, 0, NULL);
    th_ev(&log, 0, TK_LOCK_WAIT, LB, 6, 0, 0, NULL);
    Model *m = model_create(&log);
    model_update(m);
    uint32_t cyc[8];
    assert_int_equal(model_deadlock(model_head(m), cyc, 8), 0);
    assert_int_equal(model_waits_for(model_head(m), 0), 1);
    th_ev(&log, 1, TK_LOCK_WAIT, LA, 12, 0, 0, NULL);
    model_update(m);
    size_t n = model_deadlock(model_head(m), cyc, 8);
    assert_int_equal(n, 2);
    assert_true((cyc[0] == 0 && cyc[1] == 1) || (cyc[0] == 1 && cyc[1] == 0));
    /* And back in time, before the second wait, there was none. */
    assert_int_equal(model_deadlock(model_at(m, model_count(m) - 1), cyc, 8), 0);
    model_destroy(m);
    eventlog_free(&log);
}

static void test_state_spans(void **state)
{
    (void)state;
    EventLog log;
    eventlog_init(&log);
    th_two_threads(&log);
    th_ev(&log, 1, TK_SLEEP_BEGIN, TRACE_NONE, 3, 0, 100000000, NULL);
    th_ev(&log, 0, TK_JOIN_WAIT, 1, 8, 0, 0, NULL);
    th_ev(&log, 1, TK_SLEEP_END, TRACE_NONE, 3, 0, 0, NULL);
    th_ev(&log, 1, TK_PRINT, TRACE_NONE, 4, 0, 0, "done\n");
    th_ev(&log, 1, TK_WORKER_ENDED, TRACE_NONE, 0, 0, 0, NULL);
    th_ev(&log, 0, TK_JOIN_END, 1, 8, 0, 0, NULL);
    Model *m = model_create(&log);
    model_update(m);
    size_t n;
    const ModelSpan *sp = model_spans(m, 1, &n);
    uint8_t want[] = { TS_NEW, TS_RUNNING, TS_SLEEP, TS_RUNNING, TS_DONE };
    assert_int_equal(n, sizeof want);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(sp[i].state, want[i]);
    assert_true(sp[2].t0 < sp[3].t0);
    sp = model_spans(m, 0, &n);
    assert_int_equal(n, 3);   /* running, join, running */
    assert_int_equal(sp[1].state, TS_JOIN);
    assert_int_equal(sp[1].obj, 1);
    size_t np;
    const ModelRef *pr = model_prints(m, &np);
    assert_int_equal(np, 1);
    assert_int_equal(pr[0].worker, 1);
    assert_string_equal(model_text(m, pr[0].ev), "done\n");
    assert_int_equal(model_before(pr, np, pr[0].ev), 0);
    assert_int_equal(model_before(pr, np, pr[0].ev + 1), 1);
    assert_int_equal(model_worker(model_head(m), 1)->state, TS_DONE);
    model_destroy(m);
    eventlog_free(&log);
}

static void test_rlock_semaphore_event(void **state)
{
    (void)state;
    EventLog log;
    eventlog_init(&log);
    th_two_threads(&log);
    th_ev(&log, 0, TK_OBJ_CREATED, 60, 0, TO_RLOCK, 0, "r");
    th_ev(&log, 0, TK_OBJ_CREATED, 61, 0, TO_SEMAPHORE, 2, "sem");
    th_ev(&log, 0, TK_OBJ_CREATED, 62, 0, TO_EVENT, 0, "ready");
    th_ev(&log, 0, TK_LOCK_ACQUIRE, 60, 0, 1, 0, NULL);
    th_ev(&log, 0, TK_LOCK_ACQUIRE, 60, 0, 2, 0, NULL);
    th_ev(&log, 0, TK_LOCK_RELEASE, 60, 0, 1, 0, NULL);
    th_ev(&log, 0, TK_LOCK_ACQUIRE, 61, 0, 1, 0, NULL);
    th_ev(&log, 1, TK_LOCK_ACQUIRE, 61, 0, 0, 0, NULL);
    th_ev(&log, 1, TK_EVENT_WAIT, 62, 0, 0, 0, NULL);
    Model *m = model_create(&log);
    model_update(m);
    const ModelState *st = model_head(m);
    const ModelObject *r = model_object(st, 60), *s = model_object(st, 61), *e = model_object(st, 62);
    assert_int_equal(r->holders.n, 1);
    assert_int_equal(r->depth, 1);
    assert_int_equal(s->holders.n, 2);
    assert_int_equal(s->depth, 0);
    assert_int_equal(e->waiters.n, 1);
    assert_int_equal(model_worker(st, 1)->state, TS_EVENT);
    th_ev(&log, 0, TK_EVENT_SET, 62, 0, 0, 0, NULL);
    th_ev(&log, 1, TK_EVENT_WAKE, 62, 0, 0, 0, NULL);
    th_ev(&log, 0, TK_LOCK_RELEASE, 60, 0, 0, 0, NULL);
    model_update(m);
    st = model_head(m);
    assert_int_equal(model_object(st, 62)->is_set, 1);
    assert_int_equal(model_object(st, 62)->waiters.n, 0);
    assert_int_equal(model_object(st, 60)->holders.n, 0);
    assert_int_equal(w_at(m, model_count(m), 1)->state, TS_RUNNING);
    model_destroy(m);
    eventlog_free(&log);
}

/* The VM announces its first worker with worker.created by itself, with
 * no process flag: it is still the root of the main process. */
static void test_self_created_root(void **state)
{
    (void)state;
    EventLog log;
    eventlog_init(&log);
    th_ev(&log, 0, TK_WORKER_CREATED, 0, 0, 0, 0, "MainThread");
    th_ev(&log, 0, TK_WORKER_STARTED, TRACE_NONE, 0, 0, (794ull << 32) | 794, "MainThread");
    th_ev(&log, 0, TK_WORKER_CREATED, 1, 0, 0, 0, "Thread-1");
    th_ev(&log, 1, TK_WORKER_STARTED, 0, 0, 0, (794ull << 32) | 796, "Thread-1");
    th_ev(&log, 1, TK_LIST_APPEND, 9, 0, 0, 0, "1");
    Model *m = model_create(&log);
    model_update(m);
    const ModelState *st = model_head(m);
    const ModelWorker *w0 = model_worker(st, 0), *w1 = model_worker(st, 1);
    assert_int_equal(w0->parent, MODEL_NONE);
    assert_int_equal(w0->process, 0);
    assert_true(w0->is_process);
    assert_int_equal(w1->parent, 0);
    assert_int_equal(w1->process, 0);
    assert_false(w1->is_process);
    assert_non_null(model_list(st, 9, 0));
    assert_null(model_object(st, 9));   /* private copies are not shared objects */
    model_destroy(m);
    eventlog_free(&log);
}

/* Ids come from addresses and get reused: a second pool's future at the id
 * of the first pool's finished future starts pending, on no worker, in the
 * second pool; a new Lock at a dead Queue's id has no items or waiters. */
static void test_reused_ids_start_fresh(void **state)
{
    (void)state;
    enum { POOL1 = 60, POOL2 = 61, FUT = 70, OBJ = 71 };
    EventLog log;
    eventlog_init(&log);
    th_two_threads(&log);
    th_ev(&log, 0, TK_OBJ_CREATED, POOL1, 0, TO_POOL, 2, "p1");
    th_ev(&log, 0, TK_TASK_SUBMIT, FUT, 5, POOL1, 0, "work(1)");
    th_ev(&log, 1, TK_TASK_START, FUT, 0, 0, 0, NULL);
    th_ev(&log, 1, TK_TASK_DONE, FUT, 0, 0, 0, "1");
    th_ev(&log, 0, TK_TASK_RESULT, FUT, 0, 0, 0, NULL);
    th_ev(&log, 0, TK_OBJ_CREATED, OBJ, 0, TO_QUEUE, 0, "jobs");
    put(&log, 0, OBJ, "x");
    th_ev(&log, 1, TK_QUEUE_EMPTY, OBJ, 0, 0, 0, NULL);
    th_ev(&log, 0, TK_OBJ_CREATED, POOL2, 0, TO_POOL, 2, "p2");
    size_t sub2 = th_ev(&log, 1, TK_TASK_SUBMIT, FUT, 9, POOL2, 0, "work(2)");
    th_ev(&log, 0, TK_OBJ_CREATED, OBJ, 0, TO_LOCK, 0, "ledger");
    Model *m = model_create(&log);
    model_update(m);
    const ModelState *st = model_head(m);
    const ModelObject *f = model_object(st, FUT);
    assert_non_null(f);
    assert_int_equal(model_future_state(f), MF_PENDING);
    assert_int_equal(model_future_worker(m, f), MODEL_NONE);
    assert_int_equal(model_future_pool(m, f), POOL2);
    assert_string_equal(model_object_name(m, f), "work(2)");
    assert_int_equal(f->creator, 1);
    assert_int_equal(f->name_ev, sub2);
    const ModelObject *o = model_object(st, OBJ);
    assert_int_equal(o->kind, TO_LOCK);
    assert_string_equal(model_object_name(m, o), "ledger");
    assert_int_equal(o->items.n, 0);
    assert_int_equal(o->waiters.n, 0);
    assert_int_equal(o->holders.n, 0);
    /* Before the reuse, the first future is collected with its worker. */
    f = model_object(model_at(m, sub2), FUT);
    assert_int_equal(model_future_state(f), MF_COLLECTED);
    assert_int_equal(model_future_worker(m, f), 1);
    assert_int_equal(model_future_pool(m, f), POOL1);
    model_destroy(m);
    eventlog_free(&log);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lock_contention),
        cmocka_unit_test(test_gil_handover),
        cmocka_unit_test(test_fifo_vs_lifo),
        cmocka_unit_test(test_priority_and_blocking),
        cmocka_unit_test(test_arrays_two_processes),
        cmocka_unit_test(test_deadlock_cycle),
        cmocka_unit_test(test_state_spans),
        cmocka_unit_test(test_rlock_semaphore_event),
        cmocka_unit_test(test_self_created_root),
        cmocka_unit_test(test_reused_ids_start_fresh),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
