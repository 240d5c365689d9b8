/* Snapshots: model_at(k) must equal a full fold of the first k events, for
 * any k, in any order of jumps. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "model/model.h"
#include "trace_helpers.h"

static uint64_t rng = 88172645463325252ull;

static uint32_t rnd(uint32_t n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng % n);
}

/* A plausible random run: 6 workers (2 processes), locks, queues, arrays,
 * lists, prints.  Not a legal schedule in every detail; the fold must be
 * deterministic whatever it is fed. */
static void make_log(EventLog *log, size_t n)
{
    th_flags(log, 0, TK_WORKER_STARTED, TF_PROCESS, TRACE_NONE, 0, 0, "MainProcess");
    for (unsigned w = 1; w < 6; w++) {
        th_flags(log, 0, TK_WORKER_CREATED, w >= 4 ? TF_PROCESS : 0, w, 0, 0, "worker");
        th_flags(log, w, TK_WORKER_STARTED, w >= 4 ? TF_PROCESS : 0, 0, 0, w, "worker");
    }
    th_ev(log, 0, TK_OBJ_CREATED, 100, 0, TO_LOCK, 0, "l0");
    th_ev(log, 0, TK_OBJ_CREATED, 101, 0, TO_LOCK, 0, "l1");
    th_ev(log, 0, TK_OBJ_CREATED, 102, 0, TO_QUEUE, 0, "q");
    th_ev(log, 0, TK_OBJ_CREATED, 103, 0, TO_LIFO, 0, "s");
    th_ev(log, 0, TK_OBJ_CREATED, 104, 0, TO_ARRAY, 8, "arr");
    th_ev(log, 0, TK_OBJ_CREATED, 105, 0, TO_LIST, 0, "lst");
    th_ev(log, 0, TK_OBJ_CREATED, 106, 0, TO_GIL, 0, "GIL");
    char buf[32];
    while (eventlog_count(log) < n) {
        unsigned w = rnd(6);
        switch (rnd(9)) {
        case 0: th_ev(log, w, TK_LOCK_WAIT, 100 + rnd(2), rnd(50), 0, 0, NULL); break;
        case 1: th_ev(log, w, TK_LOCK_ACQUIRE, 100 + rnd(2), rnd(50), 0, 0, NULL); break;
        case 2: th_ev(log, w, TK_LOCK_RELEASE, 100 + rnd(2), rnd(50), 0, 0, NULL); break;
        case 3:
            snprintf(buf, sizeof buf, "%u", rnd(5));
            th_ev(log, w, TK_QUEUE_PUT, 102 + rnd(2), 0, 0, 0, buf);
            break;
        case 4:
            snprintf(buf, sizeof buf, "%u", rnd(5));
            th_ev(log, w, TK_QUEUE_GET, 102 + rnd(2), 0, 0, 0, buf);
            break;
        case 5: th_write(log, w, TK_ARRAY_WRITE, 104, rnd(8), 0, rnd(1000)); break;
        case 6: th_ev(log, w, rnd(2) ? TK_LIST_APPEND : TK_LIST_WRITE, 105, 0, rnd(4), 0, "x"); break;
        case 7: th_ev(log, w, rnd(2) ? TK_GIL_WAIT : TK_GIL_ACQUIRE, 106, 0, 0, 0, NULL); break;
        default: th_ev(log, w, rnd(2) ? TK_SLEEP_BEGIN : TK_PRINT, TRACE_NONE, rnd(9), 0, 0, "p"); break;
        }
    }
}

static void vec_equal(const ModelVec *a, const ModelVec *b)
{
    assert_int_equal(a->n, b->n);
    if (a->n)
        assert_memory_equal(a->v, b->v, a->n * sizeof *a->v);
}

static void states_equal(const ModelState *a, const ModelState *b)
{
    assert_int_equal(a->nevents, b->nevents);
    assert_int_equal(a->ts, b->ts);
    assert_int_equal(a->nworkers, b->nworkers);
    assert_memory_equal(a->workers, b->workers, a->nworkers * sizeof *a->workers);
    assert_int_equal(a->nobjects, b->nobjects);
    for (uint32_t i = 0; i < a->nobjects; i++) {
        const ModelObject *x = &a->objects[i], *y = &b->objects[i];
        assert_int_equal(x->id, y->id);
        assert_int_equal(x->process, y->process);
        assert_int_equal(x->kind, y->kind);
        assert_int_equal(x->name_ev, y->name_ev);
        assert_int_equal(x->depth, y->depth);
        assert_int_equal(x->last_ev, y->last_ev);
        vec_equal(&x->holders, &y->holders);
        vec_equal(&x->waiters, &y->waiters);
        vec_equal(&x->items, &y->items);
        assert_int_equal(x->ncells, y->ncells);
        for (uint32_t c = 0; c < x->ncells; c++) {
            assert_int_equal(model_cell(x, c), model_cell(y, c));
            assert_int_equal(model_cell_ev(x, c), model_cell_ev(y, c));
        }
        assert_ptr_equal(model_object(a, x->id) ? model_object(a, x->id)->id : 0,
                         model_object(b, x->id) ? model_object(b, x->id)->id : 0);
    }
}

static void test_snapshots_match_full_fold(void **state)
{
    (void)state;
    EventLog log;
    eventlog_init(&log);
    make_log(&log, 20000);
    Model *m = model_create(&log);
    model_set_snapshot_interval(m, 257);
    model_update(m);
    assert_true(model_snapshot_count(m) > 10);
    size_t n = model_count(m);
    size_t ks[] = { 0, 1, 2, 256, 257, 258, 5000, 4999, 5001, n - 1, n, 12345, 3, 19999, 700 };
    for (size_t i = 0; i < sizeof ks / sizeof ks[0] + 40; i++) {
        size_t k = i < sizeof ks / sizeof ks[0] ? ks[i] : rnd((uint32_t)n + 1);
        ModelState full;
        model_state_init(&full);
        model_state_fold(&full, &log, 0, k);
        states_equal(model_at(m, k), &full);
        model_state_free(&full);
    }
    /* Stepping forward one event at a time from a jump. */
    for (size_t k = 9000; k < 9010; k++) {
        ModelState full;
        model_state_init(&full);
        model_state_fold(&full, &log, 0, k);
        states_equal(model_at(m, k), &full);
        model_state_free(&full);
    }
    model_destroy(m);
    eventlog_free(&log);
}

/* Folding in several model_update calls (as the UI does while the log
 * grows) gives the same head as one call. */
static void test_incremental_update(void **state)
{
    (void)state;
    EventLog log, part;
    eventlog_init(&log);
    eventlog_init(&part);
    make_log(&log, 5000);
    Model *whole = model_create(&log), *inc = model_create(&part);
    model_update(whole);
    for (size_t k = 0; k < eventlog_count(&log); k++) {
        uint32_t len;
        const char *t = eventlog_text(&log, k, &len);
        const TraceEvent *e = eventlog_get(&log, k);
        eventlog_append(&part, e, (e->flags & TF_PAYLOAD) ? t : NULL, len);
        if (k % 333 == 0)
            model_update(inc);
    }
    model_update(inc);
    states_equal(model_head(whole), model_head(inc));
    size_t n1, n2;
    model_spans(whole, 3, &n1);
    model_spans(inc, 3, &n2);
    assert_int_equal(n1, n2);
    model_destroy(whole);
    model_destroy(inc);
    eventlog_free(&log);
    eventlog_free(&part);
}

/* A big array makes a big state: snapshots spread out, jumps stay exact. */
static void test_big_state(void **state)
{
    (void)state;
    EventLog log;
    eventlog_init(&log);
    th_flags(&log, 0, TK_WORKER_STARTED, TF_PROCESS, TRACE_NONE, 0, 0, "MainProcess");
    th_ev(&log, 0, TK_OBJ_CREATED, 7, 0, TO_ARRAY, 20000, "big");
    while (eventlog_count(&log) < 30000)
        th_write(&log, 0, TK_ARRAY_WRITE, 7, rnd(20000), 0, rnd(100));
    Model *m = model_create(&log);
    model_set_snapshot_interval(m, 64);
    model_update(m);
    size_t snaps = model_snapshot_count(m);
    assert_true(snaps > 2);
    assert_true(snaps < 30000 / 64);    /* spread out by the state's size */
    for (int i = 0; i < 12; i++) {
        size_t k = rnd(30001);
        ModelState full;
        model_state_init(&full);
        model_state_fold(&full, &log, 0, k);
        states_equal(model_at(m, k), &full);
        model_state_free(&full);
    }
    model_destroy(m);
    eventlog_free(&log);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_snapshots_match_full_fold),
        cmocka_unit_test(test_incremental_update),
        cmocka_unit_test(test_big_state),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
