/* The scheduling gate: a flag test when free; when paused, workers (threads
 * and processes) queue in arrival order and each grant lets exactly one
 * action through.  Waiting at the gate lets go of the GIL. */
#include "test_rt_util.h"

#include <unistd.h>

#include "rt/gate.h"
#include "rt/gil.h"
#include "rt/lock.h"
#include "rt/sync.h"

#define ACTIONS 4

typedef struct {
    _Atomic int done[RT_MAX_WORKERS];   /* actions performed, per worker */
    _Atomic int rc;
} GateLog;

static int gate_actions(Rt *rt, int worker, GateLog *log)
{
    RtCtx cx = {rt, NULL, worker};
    for (int i = 0; i < ACTIONS; i++) {
        int rc = gate_pass(&cx, 1, 10 + i);
        if (rc) {
            atomic_store(&log->rc, rc);
            return 2;
        }
        atomic_fetch_add(&log->done[worker], 1);   /* "the action" */
    }
    return 0;
}

static void gate_thread(Rt *rt, int worker, void *arg)
{
    gate_actions(rt, worker, arg);
}

static int gate_proc(Rt *rt, int worker, void *arg)
{
    return gate_actions(rt, worker, arg);
}

static void gate_free_running_is_cheap(void **state)
{
    Rt *rt = tu_rt();
    RtCtx cx = tu_main(rt);
    double t0 = tu_now();
    for (int i = 0; i < 1000000; i++)
        assert_int_equal(gate_pass(&cx, 0, i), 0);
    assert_true(tu_now() - t0 < 0.5);
    assert_int_equal(gate_arrivals(rt), 0);
    tu_end(&cx);
}

/* Grant `who` and wait until it has done exactly one more action and is
 * back at the gate (or finished). */
static void grant_and_check(Rt *rt, GateLog *log, int who, int *expect, int nworkers, int first)
{
    uint64_t seen = gate_arrivals(rt);
    int before = atomic_load(&log->done[who]);
    if (first)
        assert_int_equal(gate_grant_first(rt), who);
    else
        assert_int_equal(gate_grant(rt, who), 0);
    expect[who]++;
    if (expect[who] < ACTIONS)
        assert_int_equal(gate_wait_arrival(rt, seen, 5), 0);
    else
        while (atomic_load(&log->done[who]) == before)
            usleep(200);
    usleep(1000);   /* room for a wrong second action to show up */
    for (int w = 0; w < nworkers; w++)
        assert_int_equal(atomic_load(&log->done[w]), expect[w]);
}

static void gate_one_action_per_grant_threads(void **state)
{
    Rt *rt = tu_rt();
    RtCtx cx = tu_main(rt);
    GateLog *log = shm_alloc(rt->arena, sizeof *log);
    RtThread *t[2];
    int ids[8], expect[RT_MAX_WORKERS] = {0};
    gate_pause(rt);
    for (int i = 0; i < 2; i++) {
        assert_int_equal(rt_thread_start(&cx, "w", gate_thread, log, &t[i]), 0);
        assert_int_equal(gate_wait_count(rt, i + 1, 5), 0);   /* known arrival order */
    }
    assert_int_equal(gate_waiting(rt, ids, 8), 2);
    assert_int_equal(ids[0], t[0]->worker);
    assert_int_equal(ids[1], t[1]->worker);
    assert_int_equal(gate_grant(rt, cx.worker), RT_EVALUE);   /* not waiting */
    /* "s": the first to arrive; then "2": a chosen worker. */
    grant_and_check(rt, log, t[0]->worker, expect, rt_worker_count(rt), 1);
    grant_and_check(rt, log, t[0]->worker, expect, rt_worker_count(rt), 0);
    grant_and_check(rt, log, t[1]->worker, expect, rt_worker_count(rt), 0);
    assert_int_equal(gate_waiting(rt, ids, 8), 2);
    assert_int_equal(ids[0], t[0]->worker);   /* t0 arrived again before t1 did */
    grant_and_check(rt, log, t[0]->worker, expect, rt_worker_count(rt), 1);
    grant_and_check(rt, log, t[1]->worker, expect, rt_worker_count(rt), 1);
    /* Run freely: everyone finishes. */
    gate_run(rt);
    for (int i = 0; i < 2; i++) {
        assert_int_equal(rt_thread_join(&cx, t[i], 5), 0);
        assert_int_equal(atomic_load(&log->done[t[i]->worker]), ACTIONS);
        rt_thread_destroy(t[i]);
    }
    assert_int_equal(atomic_load(&log->rc), 0);
    tu_end(&cx);
}

static void gate_one_action_per_grant_process(void **state)
{
    Rt *rt = tu_rt();
    RtCtx cx = tu_main(rt);
    GateLog *log = shm_alloc(rt->arena, sizeof *log);
    RtProc p;
    int expect[RT_MAX_WORKERS] = {0}, ids[4], code;
    gate_pause(rt);
    assert_int_equal(rt_proc_start(&cx, "child", gate_proc, log, &p), 0);
    assert_int_equal(gate_wait_count(rt, 1, 5), 0);
    assert_int_equal(gate_waiting(rt, ids, 4), 1);
    assert_int_equal(ids[0], p.worker);
    assert_int_equal(rt_worker(rt, p.worker)->gate_line, 10);
    for (int i = 0; i < ACTIONS; i++)
        grant_and_check(rt, log, p.worker, expect, rt_worker_count(rt), i % 2);
    assert_int_equal(rt_proc_join(&cx, &p, 5), 0);
    assert_int_equal(rt_proc_exitcode(rt, &p, &code), 0);
    assert_int_equal(code, 0);
    rt_proc_close(&p);
    tu_end(&cx);
}

typedef struct {
    Gil gil;
    _Atomic int got;
} GilGate;

static void gate_gil_holder(Rt *rt, int worker, void *arg)
{
    GilGate *gg = arg;
    GilThread ts;
    RtCtx cx = {rt, &ts, worker};
    gil_thread_init(&ts, &gg->gil, worker);
    gil_acquire(&ts);
    gate_pass(&cx, 0, 0);   /* waits with the GIL released */
    gil_release(&ts);
    gil_thread_free(&ts);
}

static void gate_releases_gil(void **state)
{
    Rt *rt = tu_rt();
    RtCtx cx = tu_main(rt);
    GilGate gg;
    GilThread me;
    RtThread *t;
    gil_init(&gg.gil);
    gil_set_interval(&gg.gil, 5.0);   /* a forced switch would time the test out */
    gil_thread_init(&me, &gg.gil, cx.worker);
    gate_pause(rt);
    assert_int_equal(rt_thread_start(&cx, "holder", gate_gil_holder, &gg, &t), 0);
    assert_int_equal(gate_wait_count(rt, 1, 5), 0);
    double t0 = tu_now();
    gil_acquire(&me);            /* free, although the holder has not finished */
    assert_true(tu_now() - t0 < 1.0);
    gil_release(&me);
    assert_int_equal(gate_grant_first(rt), t->worker);
    assert_int_equal(rt_thread_join(&cx, t, 5), 0);
    rt_thread_destroy(t);
    gil_thread_free(&me);
    gil_free(&gg.gil);
    tu_end(&cx);
}

static void gate_shutdown_releases_waiters(void **state)
{
    Rt *rt = tu_rt();
    RtCtx cx = tu_main(rt);
    GateLog *log = shm_alloc(rt->arena, sizeof *log);
    RtThread *t;
    gate_pause(rt);
    assert_int_equal(rt_thread_start(&cx, "w", gate_thread, log, &t), 0);
    assert_int_equal(gate_wait_count(rt, 1, 5), 0);
    rt_shutdown_request(rt);
    /* The join itself may give up (shutdown) or see the thread end first. */
    int rc = rt_thread_join(&cx, t, 5);
    assert_true(rc == 0 || rc == RT_ESHUTDOWN);
    for (int i = 0; i < 200 && rt_thread_is_alive(t); i++)
        usleep(1000);
    assert_false(rt_thread_is_alive(t));
    assert_int_equal(atomic_load(&log->rc), RT_ESHUTDOWN);
    assert_int_equal(atomic_load(&log->done[t->worker]), 0);
    rt_thread_destroy(t);
    tu_end(&cx);
}

/* Timeouts stop counting while the gate is paused (a learner pausing for a
 * minute must not see acquire(timeout=1) fail on resume): a lock acquire,
 * an event wait and a sleep, each with 0.3 s, are paused for 0.8 s; none
 * may end during the pause, all time out after it. */
#define PAUSED_TIMEOUT 0.3

typedef struct {
    RtLock *lock;
    RtEvent *ev;
    _Atomic int rc[3];
    _Atomic int done[3];
    _Atomic int started;
} PauseWaits;

static void pause_waiter(Rt *rt, int worker, void *arg)
{
    PauseWaits *pw = arg;
    RtCtx cx = {rt, NULL, worker};
    int k = atomic_fetch_add(&pw->started, 1), rc;
    if (k == 0)
        rc = rtlock_acquire(&cx, pw->lock, 1, PAUSED_TIMEOUT);
    else if (k == 1)
        rc = rtevent_wait(&cx, pw->ev, PAUSED_TIMEOUT);
    else
        rc = rt_sleep(rt, PAUSED_TIMEOUT, NULL, NULL) == 0 ? RT_ETIMEDOUT : RT_EVALUE;
    atomic_store(&pw->rc[k], rc);
    atomic_store(&pw->done[k], 1);
}

static void gate_pause_stops_timeouts(void **state)
{
    Rt *rt = tu_rt();
    RtCtx cx = tu_main(rt);
    PauseWaits *pw = shm_alloc(rt->arena, sizeof *pw);
    RtThread *t[3];
    pw->lock = rtlock_create(rt, 0);
    pw->ev = rtevent_create(rt);
    assert_non_null(pw->lock);
    assert_non_null(pw->ev);
    assert_int_equal(rtlock_acquire(&cx, pw->lock, 1, -1), 0);   /* held all along */
    for (int i = 0; i < 3; i++)
        assert_int_equal(rt_thread_start(&cx, "waiter", pause_waiter, pw, &t[i]), 0);
    while (atomic_load(&pw->started) < 3)
        usleep(1000);
    usleep(50000);                       /* all three are waiting */
    uint64_t c0 = rt_clock_ns();
    gate_pause(rt);
    usleep(800000);                      /* far past the timeouts */
    uint64_t c1 = rt_clock_ns();
    assert_true(c1 - c0 < 20000000u);    /* the lesson clock stood still */
    for (int i = 0; i < 3; i++)
        assert_int_equal(atomic_load(&pw->done[i]), 0);
    gate_run(rt);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(rt_thread_join(&cx, t[i], 5), 0);
        rt_thread_destroy(t[i]);
        assert_int_equal(atomic_load(&pw->rc[i]), RT_ETIMEDOUT);
    }
    assert_int_equal(rtlock_release(&cx, pw->lock), 0);
    tu_end(&cx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(gate_free_running_is_cheap),
        cmocka_unit_test(gate_one_action_per_grant_threads),
        cmocka_unit_test(gate_one_action_per_grant_process),
        cmocka_unit_test(gate_releases_gil),
        cmocka_unit_test(gate_shutdown_releases_waiters),
        cmocka_unit_test(gate_pause_stops_timeouts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
