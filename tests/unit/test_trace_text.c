/* The --events text form: one line an event, names resolved, text escaped. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "trace/eventlog_io.h"
#include "trace/text.h"
#include "trace_helpers.h"

/* The line for event k, without its timestamp column. */
static const char *line_of(TraceText *t, EventLog *log, size_t k)
{
    static char buf[600];
    trace_text_format(t, log, k, buf, sizeof buf);
    const char *us = strstr(buf, "us ");
    return us ? us + 3 : buf;
}

static void test_lines(void **state)
{
    (void)state;
    EventLog log;
    eventlog_init(&log);
    TraceText *t = trace_text_create();
    th_two_threads(&log);
    size_t k0 = th_ev(&log, 0, TK_OBJ_CREATED, 10, 3, TO_LOCK, 0, "ledger");
    size_t k1 = th_ev(&log, 2, TK_LOCK_ACQUIRE, 10, 14, 0, 0, NULL);
    size_t k2 = th_ev(&log, 1, TK_PRINT, TRACE_NONE, 7, 0, 0, "total \"42\"\n");
    size_t k3 = th_write(&log, 1, TK_ARRAY_WRITE, 11, 2, 4, 5);
    size_t k4 = th_ev(&log, 1, TK_QUEUE_PUT, 12, 20, 0, 0, "'task-3'");
    size_t k5 = th_ev(&log, 1, TK_OBJ_NAMED, 11, 0, 0, 0, "counts");
    size_t k6 = th_write(&log, 1, TK_ARRAY_WRITE, 11, 0, -1, 9);
    size_t k7 = th_ev(&log, 0, TK_JOIN_WAIT, 1, 30, 0, 0, NULL);

    assert_string_equal(line_of(t, &log, 0), "w0 worker.started \"MainProcess\" process pid 100 tid 100");
    assert_string_equal(line_of(t, &log, 1), "w0 worker.created w1 \"Thread-1\" thread line 3");
    assert_string_equal(line_of(t, &log, k0), "w0 obj.created lock #10 ledger line 3");
    assert_string_equal(line_of(t, &log, k1), "w2 lock.acquire ledger line 14");
    assert_string_equal(line_of(t, &log, k2), "w1 print \"total \\\"42\\\"\\n\" line 7");
    assert_string_equal(line_of(t, &log, k3), "w1 array.write #11[2] 4 -> 5");
    assert_string_equal(line_of(t, &log, k4), "w1 queue.put #12 \"'task-3'\" line 20");
    assert_string_equal(line_of(t, &log, k5), "w1 obj.named #11 counts");
    assert_string_equal(line_of(t, &log, k6), "w1 array.write counts[0] -1 -> 9");
    assert_string_equal(line_of(t, &log, k7), "w0 join.wait w1 line 30");

    char buf[64];
    trace_text_format(t, &log, k1, buf, sizeof buf);
    assert_non_null(strstr(buf, "us w2 "));
    assert_true(strtod(buf, NULL) > 0);

    /* trace_text_print: one line per event. */
    char *mem = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&mem, &size);
    TraceText *t2 = trace_text_create();
    trace_text_print(t2, &log, 0, eventlog_count(&log), f);
    fclose(f);
    size_t lines = 0;
    for (size_t i = 0; i < size; i++)
        lines += mem[i] == '\n';
    assert_int_equal(lines, eventlog_count(&log));
    free(mem);
    trace_text_destroy(t2);
    trace_text_destroy(t);
    eventlog_free(&log);
}

static void test_kind_table(void **state)
{
    (void)state;
    for (int k = 0; k < TK_COUNT; k++) {
        const TraceKindInfo *i = trace_kind_info((unsigned)k);
        assert_non_null(i->name);
        assert_int_equal(trace_kind_by_name(i->name), k);
        assert_true(i->state < TS_COUNT);
    }
    assert_int_equal(trace_kind_by_name("lock.acquire"), TK_LOCK_ACQUIRE);
    assert_int_equal(trace_kind_by_name("nope"), -1);
    for (int o = 0; o < TO_COUNT; o++)
        assert_non_null(trace_obj_kind_names[o]);
    for (int s = 0; s < TS_COUNT; s++)
        assert_non_null(trace_state_names[s]);
}

/* --record / --replay: a saved log loads back identical. */
static void test_save_load(void **state)
{
    (void)state;
    EventLog log, back;
    eventlog_init(&log);
    eventlog_init(&back);
    th_two_threads(&log);
    th_write(&log, 1, TK_ARRAY_WRITE, 11, 2, 4, 5);
    th_ev(&log, 1, TK_PRINT, TRACE_NONE, 7, 0, 0, "");
    th_ev(&log, 1, TK_LOCK_ACQUIRE, 3, 7, 0, 0, NULL);
    char path[] = "/tmp/parlab-evlog-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    assert_int_equal(eventlog_save(&log, path), 0);
    char err[200];
    assert_int_equal(eventlog_load(&back, path, err, sizeof err), 0);
    assert_int_equal(eventlog_count(&back), eventlog_count(&log));
    for (size_t k = 0; k < eventlog_count(&log); k++) {
        assert_memory_equal(eventlog_get(&log, k), eventlog_get(&back, k), sizeof(TraceEvent));
        uint32_t a, b;
        const char *ta = eventlog_text(&log, k, &a), *tb = eventlog_text(&back, k, &b);
        assert_int_equal(a, b);
        assert_memory_equal(ta, tb, a);
    }
    FILE *f = fopen(path, "r+b");
    fseek(f, 20, SEEK_SET);
    fputc(0, f);
    fclose(f);
    assert_int_equal(truncate(path, 60), 0);
    EventLog bad;
    eventlog_init(&bad);
    assert_int_equal(eventlog_load(&bad, path, err, sizeof err), -1);
    assert_non_null(strstr(err, path));
    unlink(path);
    assert_int_equal(eventlog_load(&bad, path, err, sizeof err), -1);
    eventlog_free(&bad);
    eventlog_free(&log);
    eventlog_free(&back);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lines),
        cmocka_unit_test(test_kind_table),
        cmocka_unit_test(test_save_load),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
