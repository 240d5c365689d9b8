/* Cells shared between states (copy on write): jumps must give exactly the
 * cells of a fresh fold, and a write in one state (the head folding on, the
 * scratch folding to a jump's target) must never show in another that
 * shares the chunk. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "model/model.h"
#include "trace_helpers.h"

static uint64_t rng = 0x9E3779B97F4A7C15ull;

static uint32_t rnd(uint32_t n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng % n);
}

enum { BIG = 40, SMALL = 41, VAL = 42, LST = 43, BIG_N = 5000, SMALL_N = 70 };

/* Main process w0 with thread w1, child processes w2 and w3; a 5000-cell
 * array (three pages of many chunks), a 70-cell one (three chunks, the
 * first written most), a Value and a plain list each process appends to
 * and writes in its own copy. */
static void cells_log(EventLog *log, size_t n)
{
    th_flags(log, 0, TK_WORKER_STARTED, TF_PROCESS, TRACE_NONE, 0, 0, "MainProcess");
    th_ev(log, 0, TK_WORKER_CREATED, 1, 0, 0, 0, "T1");
    th_ev(log, 1, TK_WORKER_STARTED, 0, 0, 0, 0, "T1");
    th_ev(log, 0, TK_OBJ_CREATED, BIG, 0, TO_ARRAY, BIG_N, "big");
    th_ev(log, 0, TK_OBJ_CREATED, SMALL, 0, TO_ARRAY, SMALL_N, "small");
    th_ev(log, 0, TK_OBJ_CREATED, VAL, 0, TO_VALUE, 0, "v");
    th_ev(log, 0, TK_OBJ_CREATED, LST, 0, TO_LIST, 0, "lst");
    for (unsigned p = 2; p < 4; p++) {
        th_flags(log, 0, TK_WORKER_CREATED, TF_PROCESS, p, 0, 0, "P");
        th_flags(log, p, TK_WORKER_STARTED, TF_PROCESS, 0, 0, p, "P");
    }
    char buf[16];
    while (eventlog_count(log) < n) {
        unsigned w = rnd(4);
        switch (rnd(6)) {
        case 0:
        case 1:
            th_write(log, w, TK_ARRAY_WRITE, BIG, rnd(BIG_N), 0, rnd(100000));
            break;
        case 2:
            /* Mostly the first chunk: the same chunk written again and again. */
            th_write(log, w, TK_ARRAY_WRITE, SMALL, rnd(4) ? rnd(8) : rnd(SMALL_N), 0, rnd(1000));
            break;
        case 3:
            th_write(log, w, TK_VALUE_WRITE, VAL, 0, 0, rnd(1000));
            break;
        case 4:
            snprintf(buf, sizeof buf, "%u", rnd(100));
            th_ev(log, w, rnd(3) ? TK_LIST_APPEND : TK_LIST_WRITE, LST, 0, rnd(80), 0, buf);
            break;
        default:
            th_ev(log, w, TK_PRINT, TRACE_NONE, 0, 0, 0, "x");
            break;
        }
    }
}

static void cells_equal(const ModelState *a, const ModelState *b)
{
    assert_int_equal(a->nevents, b->nevents);
    assert_int_equal(a->nobjects, b->nobjects);
    for (uint32_t i = 0; i < a->nobjects; i++) {
        const ModelObject *x = &a->objects[i], *y = &b->objects[i];
        assert_int_equal(x->id, y->id);
        assert_int_equal(x->process, y->process);
        assert_int_equal(x->ncells, y->ncells);
        for (uint32_t c = 0; c < x->ncells; c++) {
            if (model_cell(x, c) != model_cell(y, c) || model_cell_ev(x, c) != model_cell_ev(y, c))
                fail_msg("k=%zu object %u cell %u: %llu (ev %u) vs a fresh fold's %llu (ev %u)",
                         a->nevents, x->id, c, (unsigned long long)model_cell(x, c),
                         model_cell_ev(x, c), (unsigned long long)model_cell(y, c),
                         model_cell_ev(y, c));
        }
    }
}

static void check_at(Model *m, const EventLog *log, size_t k)
{
    ModelState full;
    model_state_init(&full);
    model_state_fold(&full, log, 0, k);
    cells_equal(model_at(m, k), &full);
    model_state_free(&full);
}

/* Jumps in random order, back and forth, then steps right and left. */
static void test_jumps_match_fresh_fold(void **state)
{
    (void)state;
    EventLog log;
    eventlog_init(&log);
    cells_log(&log, 12000);
    Model *m = model_create(&log);
    model_set_snapshot_interval(m, 100);
    model_update(m);
    size_t n = model_count(m);
    assert_true(model_snapshot_count(m) > 3);
    size_t fixed[] = { n, 0, 1, 15, 100, 99, 101, 5000, 200, 4999, 11999, 7, n - 1,
                       6000, 6001, 5999 };
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
        check_at(m, &log, fixed[i]);
    for (int i = 0; i < 60; i++)
        check_at(m, &log, rnd((uint32_t)n + 1));
    for (size_t k = 3000; k < 3012; k++)
        check_at(m, &log, k);
    for (size_t k = 3012; k-- > 2990;)
        check_at(m, &log, k);
    model_destroy(m);
    eventlog_free(&log);
}

/* One cell written with a new value every event: each snapshot and each
 * jump target must see exactly the value of its own moment.  A write that
 * reached a shared chunk (the head's, or the scratch's on a jump) would
 * show a later value at an earlier k. */
static void test_writes_do_not_leak_between_states(void **state)
{
    (void)state;
    EventLog log;
    eventlog_init(&log);
    th_flags(&log, 0, TK_WORKER_STARTED, TF_PROCESS, TRACE_NONE, 0, 0, "MainProcess");
    th_ev(&log, 0, TK_OBJ_CREATED, BIG, 0, TO_ARRAY, BIG_N, "big");
    size_t first = eventlog_count(&log);
    for (size_t k = first; k < 3000; k++)
        th_write(&log, 0, TK_ARRAY_WRITE, BIG, 5, 0, (int64_t)k);
    Model *m = model_create(&log);
    model_set_snapshot_interval(m, 64);
    model_update(m);
    uint32_t ks[] = { 2999, 70, 3000, 64, 65, 128, 127, 129, 64, 1000, 66, 2000, 65 };
    for (size_t i = 0; i < sizeof ks / sizeof ks[0]; i++) {
        size_t k = ks[i];
        const ModelObject *o = model_object(model_at(m, k), BIG);
        assert_non_null(o);
        assert_int_equal(o->ncells, BIG_N);
        /* Cell 5 holds the index of the last write before k. */
        assert_int_equal(model_cell(o, 5), k - 1);
        assert_int_equal(model_cell_ev(o, 5), k - 1);
        assert_int_equal(model_cell(o, 6), 0);
        assert_int_equal(model_cell_ev(o, 6), MODEL_NONE);
    }
    model_destroy(m);
    eventlog_free(&log);
}

/* The head folds on while the log grows: snapshots taken earlier keep
 * their values (the head copies the chunk it shares before writing). */
static void test_growing_log_keeps_old_snapshots(void **state)
{
    (void)state;
    EventLog log;
    eventlog_init(&log);
    th_flags(&log, 0, TK_WORKER_STARTED, TF_PROCESS, TRACE_NONE, 0, 0, "MainProcess");
    th_ev(&log, 0, TK_OBJ_CREATED, SMALL, 0, TO_ARRAY, SMALL_N, "small");
    Model *m = model_create(&log);
    model_set_snapshot_interval(m, 10);
    for (int round = 0; round < 40; round++) {
        for (int j = 0; j < 25; j++)
            th_write(&log, 0, TK_ARRAY_WRITE, SMALL, (uint32_t)j % 3, 0, round);
        model_update(m);
        /* An earlier round's moment: written by that round only. */
        size_t k = 2 + (size_t)rnd((uint32_t)round + 1) * 25 + 25;
        const ModelObject *o = model_object(model_at(m, k), SMALL);
        assert_int_equal(model_cell(o, 0), (k - 2) / 25 - 1);
    }
    model_destroy(m);
    eventlog_free(&log);
}

/* model_state_copy shares cells: folding on in the copy must leave the
 * original as it was, and the other way round. */
static void test_state_copy_is_independent(void **state)
{
    (void)state;
    EventLog log;
    eventlog_init(&log);
    cells_log(&log, 3000);
    ModelState a, b, ref;
    model_state_init(&a);
    model_state_init(&b);
    model_state_init(&ref);
    model_state_fold(&a, &log, 0, 1500);
    model_state_fold(&ref, &log, 0, 1500);
    model_state_copy(&b, &a);
    model_state_fold(&b, &log, 1500, 3000);
    cells_equal(&a, &ref);
    model_state_fold(&a, &log, 1500, 2200);
    model_state_fold(&ref, &log, 1500, 2200);
    cells_equal(&a, &ref);
    ModelState full;
    model_state_init(&full);
    model_state_fold(&full, &log, 0, 3000);
    cells_equal(&b, &full);
    model_state_free(&a);
    model_state_free(&b);
    model_state_free(&ref);
    model_state_free(&full);
    eventlog_free(&log);
}

/* A big array written in its first 100 cells: snapshots share the other
 * chunks, so together they hold far less than one array copy each. */
static void test_snapshots_share_unchanged_chunks(void **state)
{
    (void)state;
    enum { CELLS = 100000 };
    EventLog log;
    eventlog_init(&log);
    th_flags(&log, 0, TK_WORKER_STARTED, TF_PROCESS, TRACE_NONE, 0, 0, "MainProcess");
    th_ev(&log, 0, TK_OBJ_CREATED, BIG, 0, TO_ARRAY, CELLS, "huge");
    while (eventlog_count(&log) < 40000)
        th_write(&log, 0, TK_ARRAY_WRITE, BIG, rnd(100), 0, rnd(1000));
    Model *m = model_create(&log);
    model_set_snapshot_interval(m, 64);
    model_update(m);
    size_t snaps = model_snapshot_count(m);
    assert_true(snaps >= 20);
    size_t one_copy = (size_t)CELLS * 12;
    /* The first snapshot holds the array; the others only what changed. */
    assert_true(model_snapshot_memory(m) < 2 * one_copy);
    assert_true(model_memory(m) < 4 * one_copy);
    check_at(m, &log, 12345);
    check_at(m, &log, 40000);
    check_at(m, &log, 2);
    model_destroy(m);
    eventlog_free(&log);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_jumps_match_fresh_fold),
        cmocka_unit_test(test_writes_do_not_leak_between_states),
        cmocka_unit_test(test_growing_log_keeps_old_snapshots),
        cmocka_unit_test(test_state_copy_is_independent),
        cmocka_unit_test(test_snapshots_share_unchanged_chunks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
