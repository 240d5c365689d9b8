/* Unit tests of src/run/watch.c: the deadlock sentence, the quiet time
 * before it is said, and why a picked worker cannot move. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdint.h>
#include <string.h>

#include "run/watch.h"
#include "trace_helpers.h"

enum { PAN = 10, KNIFE = 11 };

/* Thread-1 holds pan and waits for knife; Thread-2 the other way round. */
static void build_cycle(EventLog *log, int close_it)
{
    th_two_threads(log);
    th_ev(log, 0, TK_WORKER_CREATED, 2, 4, 0, 0, "Thread-2");
    th_ev(log, 2, TK_WORKER_STARTED, 0, 0, 0, (100ull << 32) | 102, "Thread-2");
    th_ev(log, 0, TK_OBJ_CREATED, PAN, 1, TO_LOCK, 0, "pan");
    th_ev(log, 0, TK_OBJ_CREATED, KNIFE, 2, TO_LOCK, 0, "knife");
    th_ev(log, 1, TK_LOCK_ACQUIRE, PAN, 5, 0, 0, NULL);
    th_ev(log, 2, TK_LOCK_ACQUIRE, KNIFE, 5, 0, 0, NULL);
    th_ev(log, 1, TK_LOCK_WAIT, KNIFE, 6, 0, 0, NULL);
    if (close_it)
        th_ev(log, 2, TK_LOCK_WAIT, PAN, 6, 0, 0, NULL);
    th_ev(log, 0, TK_JOIN_WAIT, 1, 9, 0, 0, NULL);
}

static void test_cycle_described(void **state)
{
    (void)state;
    EventLog log;
    char msg[512];
    eventlog_init(&log);
    build_cycle(&log, 1);
    RunWatch w;
    run_watch_init(&w);
    /* Said only once the run has been quiet for the given time. */
    assert_int_equal(run_watch_update(&w, &log, 1000000000000ull, msg, sizeof msg), 0);
    assert_int_equal(run_watch_update(&w, &log, 0, msg, sizeof msg), 2);
    assert_non_null(strstr(msg, "deadlock:"));
    assert_non_null(strstr(msg, "Thread-1 waits for knife held by Thread-2"));
    assert_non_null(strstr(msg, "Thread-2 waits for pan held by Thread-1"));
    /* Why the picked worker cannot move. */
    assert_int_equal(run_watch_why(&w.st, &log, 1, msg, sizeof msg), 1);
    assert_string_equal(msg, "Thread-1 cannot move: it waits for knife, held by Thread-2");
    assert_int_equal(run_watch_why(&w.st, &log, 0, msg, sizeof msg), 1);
    assert_string_equal(msg, "MainProcess cannot move: it waits for Thread-1 to end");
    run_watch_free(&w);
    eventlog_free(&log);
}

static void test_no_cycle(void **state)
{
    (void)state;
    EventLog log;
    char msg[512];
    eventlog_init(&log);
    build_cycle(&log, 0);     /* Thread-2 still runs: nothing to say */
    RunWatch w;
    run_watch_init(&w);
    assert_int_equal(run_watch_update(&w, &log, 0, msg, sizeof msg), 0);
    assert_int_equal(run_watch_why(&w.st, &log, 2, msg, sizeof msg), 0);
    run_watch_free(&w);
    eventlog_free(&log);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cycle_described),
        cmocka_unit_test(test_no_cycle),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
