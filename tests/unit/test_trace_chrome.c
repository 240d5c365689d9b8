/* Chrome trace JSON: metadata per process and thread, state slices,
 * instants, lock flows, timestamps non-decreasing on every track. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trace/chrome.h"
#include "trace_helpers.h"

static char *write_json(EventLog *log)
{
    Model *m = model_create(log);
    char *mem = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&mem, &size);
    assert_int_equal(trace_chrome_write(m, f), 0);
    fclose(f);
    model_destroy(m);
    return mem;
}

static int count(const char *s, const char *needle)
{
    int n = 0;
    for (const char *p = s; (p = strstr(p, needle)); p++)
        n++;
    return n;
}

static void test_chrome(void **state)
{
    (void)state;
    EventLog log;
    eventlog_init(&log);
    th_flags(&log, 0, TK_WORKER_STARTED, TF_PROCESS, TRACE_NONE, 0, (500ull << 32) | 500, "MainThread");
    th_ev(&log, 0, TK_WORKER_CREATED, 1, 3, 0, 0, "Thread-1");
    th_ev(&log, 1, TK_WORKER_STARTED, 0, 0, 0, (500ull << 32) | 501, "Thread-1");
    th_flags(&log, 0, TK_WORKER_CREATED, TF_PROCESS, 2, 0, 0, "Child \"P\"");
    th_flags(&log, 2, TK_WORKER_STARTED, TF_PROCESS, 0, 0, (600ull << 32) | 600, "Child \"P\"");
    th_ev(&log, 0, TK_OBJ_CREATED, 10, 1, TO_LOCK, 0, "ledger");
    th_ev(&log, 0, TK_LOCK_ACQUIRE, 10, 5, 0, 0, NULL);
    th_ev(&log, 1, TK_LOCK_WAIT, 10, 6, 0, 0, NULL);
    th_ev(&log, 2, TK_PRINT, TRACE_NONE, 9, 0, 0, "hi\n");
    th_ev(&log, 0, TK_LOCK_RELEASE, 10, 7, 0, 0, NULL);
    th_ev(&log, 1, TK_LOCK_ACQUIRE, 10, 6, 0, 0, NULL);
    th_write(&log, 1, TK_VALUE_WRITE, 11, 0, 1, 2);
    th_ev(&log, 1, TK_WORKER_ENDED, TRACE_NONE, 0, 0, 0, NULL);
    char *json = write_json(&log);
    const char *dump = getenv("PARLAB_CHROME_DUMP");   /* to check it by hand */
    if (dump) {
        FILE *f = fopen(dump, "w");
        if (f) {
            fputs(json, f);
            fclose(f);
        }
    }

    assert_non_null(strstr(json, "{\"displayTimeUnit\":\"ns\",\"traceEvents\":["));
    assert_int_equal(count(json, "\"process_name\""), 2);
    assert_non_null(strstr(json, "\"process_name\",\"cat\":\"__metadata\",\"ph\":\"M\",\"ts\":0,\"pid\":500,\"tid\":500,"
                                 "\"args\":{\"name\":\"MainProcess\"}"));   /* not its thread's name */
    assert_non_null(strstr(json, "\"thread_name\",\"cat\":\"__metadata\",\"ph\":\"M\",\"ts\":0,\"pid\":500,\"tid\":500,"
                                 "\"args\":{\"name\":\"MainThread\"}"));
    assert_non_null(strstr(json, "\"process_name\",\"cat\":\"__metadata\",\"ph\":\"M\",\"ts\":0,\"pid\":600,\"tid\":600,"
                                 "\"args\":{\"name\":\"Child \\\"P\\\"\"}"));
    assert_int_equal(count(json, "\"thread_name\""), 3);
    assert_non_null(strstr(json, "\"pid\":500,\"tid\":501,\"args\":{\"name\":\"Thread-1\"}"));
    assert_non_null(strstr(json, "\"args\":{\"name\":\"Child \\\"P\\\"\"}"));
    assert_non_null(strstr(json, "\"name\":\"lock ledger\",\"cat\":\"state\",\"ph\":\"X\""));
    assert_non_null(strstr(json, "\"text\":\"hi\\n\""));
    assert_non_null(strstr(json, "\"old\":1,\"new\":2"));
    assert_int_equal(count(json, "\"ph\":\"s\""), 1);
    assert_int_equal(count(json, "\"ph\":\"f\",\"bp\":\"e\""), 1);

    /* Per track (pid, tid), ts never goes back, in file order. */
    struct { long long pid, tid; double ts; } seen[16];
    int nseen = 0;
    for (char *line = strtok(json, "\n"); line; line = strtok(NULL, "\n")) {
        char *ts = strstr(line, "\"ts\":"), *pid = strstr(line, "\"pid\":"), *tid = strstr(line, "\"tid\":");
        if (!ts || !pid || !tid)
            continue;
        double t = strtod(ts + 5, NULL);
        long long p = strtoll(pid + 6, NULL, 10), th = strtoll(tid + 6, NULL, 10);
        int i = 0;
        while (i < nseen && !(seen[i].pid == p && seen[i].tid == th))
            i++;
        if (i == nseen) {
            assert_true(nseen < 16);
            seen[nseen].pid = p, seen[nseen].tid = th, seen[nseen].ts = t;
            nseen++;
        }
        assert_true(t >= seen[i].ts);
        seen[i].ts = t;
    }
    assert_int_equal(nseen, 3);
    free(json);
    eventlog_free(&log);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_chrome),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
