/* The rings and the collector with real concurrency: two threads and a
 * forked child record at once through small rings (so writers really wait
 * for space); the collector must see every event exactly once, each
 * worker's events in order, payloads intact, the log sorted by time. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "model/model.h"
#include "trace/collector.h"

#define PER_WORKER 20000

typedef struct Job {
    TraceShm *shm;
    int       id;
} Job;

/* Every 7th event carries a payload naming its sequence number. */
static void record(TraceShm *shm, int id)
{
    TraceWriter *w = trace_worker_open(shm, id);
    if (!w)
        return;
    char buf[64];
    for (uint32_t i = 0; i < PER_WORKER; i++) {
        if (i % 7 == 0) {
            int n = snprintf(buf, sizeof buf, "w%d item %u", id, i);
            trace_emit_payload(w, TK_QUEUE_PUT, 0, 5, i, i, i, buf, (size_t)n);
        } else if (i % 11 == 0) {
            trace_emit_write_i(w, TK_ARRAY_WRITE, 6, i, i, -(int64_t)i, i);
        } else {
            trace_emit(w, TK_LOCK_ACQUIRE, 7, i, i, i);
        }
    }
    trace_worker_close(w);
}

static void *thread_main(void *arg)
{
    Job *j = arg;
    record(j->shm, j->id);
    return NULL;
}

static void check_log(const EventLog *log, int nworkers)
{
    uint32_t next[8] = { 0 };
    uint64_t last_ts = 0;
    char want[64];
    for (size_t k = 0; k < eventlog_count(log); k++) {
        const TraceEvent *e = eventlog_get(log, k);
        assert_true(e->worker < nworkers);
        assert_true(e->ts >= last_ts);
        last_ts = e->ts;
        assert_int_equal(e->line, next[e->worker]);   /* in order, none lost */
        assert_int_equal(e->aux, e->line);
        uint32_t len;
        const char *t = eventlog_text(log, k, &len);
        if (e->line % 7 == 0) {
            assert_int_equal(e->kind, TK_QUEUE_PUT);
            snprintf(want, sizeof want, "w%d item %u", e->worker, e->line);
            assert_string_equal(t, want);
        } else if (e->line % 11 == 0) {
            assert_int_equal(e->kind, TK_ARRAY_WRITE);
            assert_int_equal(eventlog_old_i(log, k), -(int64_t)e->line);
            assert_int_equal(e->a.i, e->line);
        } else {
            assert_int_equal(e->kind, TK_LOCK_ACQUIRE);
            assert_int_equal(len, 0);
        }
        next[e->worker]++;
    }
    for (int w = 0; w < nworkers; w++)
        assert_int_equal(next[w], PER_WORKER);
}

static void test_threads_and_fork(void **state)
{
    (void)state;
    TraceShm *shm = trace_shm_create(8, 64);
    assert_non_null(shm);
    Collector *c = collector_create(shm);
    EventLog log;
    eventlog_init(&log);
    int ids[3];
    for (int i = 0; i < 3; i++)
        ids[i] = trace_worker_reserve(shm);
    assert_int_equal(ids[2], 2);

    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        record(shm, ids[2]);
        _exit(0);
    }
    Job jobs[2] = { { shm, ids[0] }, { shm, ids[1] } };
    pthread_t th[2];
    for (int i = 0; i < 2; i++)
        assert_int_equal(pthread_create(&th[i], NULL, thread_main, &jobs[i]), 0);

    /* The collector's tick: drain with hold-back until everything is in. */
    uint64_t deadline = trace_mono_ns() + 20ull * 1000000000ull;
    while (eventlog_count(&log) < 3 * PER_WORKER && trace_mono_ns() < deadline) {
        collector_drain(c, &log);
        collector_wait(c, 1);
    }
    for (int i = 0; i < 2; i++)
        pthread_join(th[i], NULL);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    collector_flush(c, &log);
    assert_int_equal(eventlog_count(&log), 3 * PER_WORKER);
    check_log(&log, 3);
    /* Closed and drained: every slot is free again. */
    collector_flush(c, &log);
    assert_int_equal(collector_live_slots(c), 0);
    eventlog_free(&log);
    collector_destroy(c);
    trace_shm_destroy(shm);
}

/* Fresh events stay in their ring for the slack; flush takes them. */
static void test_hold_back_and_slot_reuse(void **state)
{
    (void)state;
    TraceShm *shm = trace_shm_create(2, 64);
    Collector *c = collector_create(shm);
    collector_set_slack(c, 60ull * 1000000000ull);
    EventLog log;
    eventlog_init(&log);
    TraceWriter *w = trace_worker_open(shm, trace_worker_reserve(shm));
    assert_non_null(w);
    trace_emit(w, TK_PRINT, 0, 1, 0, 0);
    assert_int_equal(collector_drain(c, &log), 0);
    assert_int_equal(collector_flush(c, &log), 1);
    trace_worker_close(w);
    /* Only two slots, ten workers one after another. */
    for (int i = 0; i < 10; i++) {
        TraceWriter *x = trace_worker_open(shm, trace_worker_reserve(shm));
        assert_non_null(x);
        trace_emit_text(x, TK_PRINT, TRACE_NONE, (uint32_t)i, "hi\n", 3);
        trace_worker_close(x);
        collector_flush(c, &log);
    }
    assert_int_equal(eventlog_count(&log), 11);
    assert_string_equal(eventlog_text(&log, 10, NULL), "hi\n");
    assert_int_equal(eventlog_get(&log, 10)->worker, 10);
    assert_int_equal(collector_late(c), 0);
    eventlog_free(&log);
    collector_destroy(c);
    trace_shm_destroy(shm);
}

static char big[TRACE_MAX_TEXT + 100];

/* Long texts: more than the payload ring holds at once, so the writer
 * waits for the collector and the copies wrap around the ring's end. */
static void *big_writer(void *arg)
{
    TraceShm *shm = arg;
    TraceWriter *w = trace_worker_open(shm, trace_worker_reserve(shm));
    for (int i = 0; i < 20; i++) {
        big[0] = (char)('A' + i);
        trace_emit_text(w, TK_PRINT, TRACE_NONE, (uint32_t)i, big, (size_t)(1000 + 700 * i));
    }
    trace_worker_close(w);
    return NULL;
}

static void test_null_writer_and_long_text(void **state)
{
    (void)state;
    trace_emit(NULL, TK_PRINT, 0, 0, 0, 0);          /* tracing off: no-op */
    trace_emit_text(NULL, TK_PRINT, 0, 0, "x", 1);
    memset(big, 'a', sizeof big);
    TraceShm *shm = trace_shm_create(1, 64);
    Collector *c = collector_create(shm);
    EventLog log;
    eventlog_init(&log);
    pthread_t th;
    assert_int_equal(pthread_create(&th, NULL, big_writer, shm), 0);
    uint64_t deadline = trace_mono_ns() + 20ull * 1000000000ull;
    while (eventlog_count(&log) < 20 && trace_mono_ns() < deadline) {
        collector_flush(c, &log);
        collector_wait(c, 1);
    }
    pthread_join(th, NULL);
    collector_flush(c, &log);
    assert_int_equal(eventlog_count(&log), 20);
    for (uint32_t i = 0; i < 20; i++) {
        uint32_t len;
        const char *t = eventlog_text(&log, i, &len);
        size_t want = 1000 + 700 * i;
        assert_int_equal(len, want > TRACE_MAX_TEXT ? TRACE_MAX_TEXT : want);
        assert_int_equal(t[len - 1], 'a');
        assert_int_equal(t[0], 'A' + (int)i);
        assert_int_equal(!!(eventlog_get(&log, i)->flags & TF_TRUNC), want > TRACE_MAX_TEXT);
    }
    eventlog_free(&log);
    collector_destroy(c);
    trace_shm_destroy(shm);
}

typedef struct Bg {
    Collector      *c;
    EventLog       *log;
    _Atomic int     stop;
} Bg;

static void *bg_collector(void *arg)
{
    Bg *b = arg;
    while (!atomic_load_explicit(&b->stop, memory_order_acquire)) {
        collector_drain(b->c, b->log);
        collector_wait(b->c, 1);
    }
    collector_flush(b->c, b->log);
    return NULL;
}

static void *bg_writer(void *arg)
{
    Job *j = arg;
    record(j->shm, j->id);
    return NULL;
}

/* The UI's situation: a collector thread appends while this thread folds
 * the model and reads texts from the same log. */
static void test_reader_during_appends(void **state)
{
    (void)state;
    TraceShm *shm = trace_shm_create(4, 1024);
    Collector *c = collector_create(shm);
    EventLog log;
    eventlog_init(&log);
    Bg bg = { c, &log, 0 };
    Job job = { shm, trace_worker_reserve(shm) };
    pthread_t tc, tw;
    assert_int_equal(pthread_create(&tc, NULL, bg_collector, &bg), 0);
    assert_int_equal(pthread_create(&tw, NULL, bg_writer, &job), 0);
    Model *m = model_create(&log);
    size_t texts = 0;
    uint64_t deadline = trace_mono_ns() + 20ull * 1000000000ull;
    while (model_count(m) < PER_WORKER && trace_mono_ns() < deadline) {
        model_update(m);
        size_t n = model_count(m);
        for (size_t k = texts; k < n; k++) {
            uint32_t len;
            const char *t = eventlog_text(&log, k, &len);
            if (eventlog_get(&log, k)->kind == TK_QUEUE_PUT)
                assert_int_equal(t[0], 'w');
        }
        texts = n;
        if (n)
            model_at(m, n / 2);
    }
    pthread_join(tw, NULL);
    atomic_store_explicit(&bg.stop, 1, memory_order_release);
    pthread_join(tc, NULL);
    model_update(m);
    assert_int_equal(model_count(m), PER_WORKER);
    check_log(&log, 1);
    model_destroy(m);
    eventlog_free(&log);
    collector_destroy(c);
    trace_shm_destroy(shm);
}

/* Many producers at once: 6 threads here and 3 children with 2 threads
 * each, through rings of 64 events; every event once, in order. */
#define MANY 2000

static void record_n(TraceShm *shm, int id, uint32_t n)
{
    TraceWriter *w = trace_worker_open(shm, id);
    if (!w)
        return;
    for (uint32_t i = 0; i < n; i++) {
        if (i % 5 == 0)
            trace_emit_payload(w, TK_PRINT, 0, TRACE_NONE, i, i, 0, "xyz", (size_t)(i % 4));
        else
            trace_emit(w, TK_LOCK_RELEASE, 9, i, i, 0);
    }
    trace_worker_close(w);
}

static void *many_main(void *arg)
{
    Job *j = arg;
    record_n(j->shm, j->id, MANY);
    return NULL;
}

static void test_many_writers(void **state)
{
    (void)state;
    enum { THREADS = 6, CHILDREN = 3, TOTAL = THREADS + 2 * CHILDREN };
    TraceShm *shm = trace_shm_create(16, 64);
    Collector *c = collector_create(shm);
    EventLog log;
    eventlog_init(&log);
    int ids[TOTAL];
    for (int i = 0; i < TOTAL; i++)
        ids[i] = trace_worker_reserve(shm);
    pid_t kids[CHILDREN];
    fflush(NULL);
    for (int k = 0; k < CHILDREN; k++) {
        kids[k] = fork();
        assert_true(kids[k] >= 0);
        if (kids[k] == 0) {
            Job j = { shm, ids[THREADS + 2 * k + 1] };
            pthread_t t;
            pthread_create(&t, NULL, many_main, &j);
            record_n(shm, ids[THREADS + 2 * k], MANY);
            pthread_join(t, NULL);
            _exit(0);
        }
    }
    Job jobs[THREADS];
    pthread_t th[THREADS];
    for (int i = 0; i < THREADS; i++) {
        jobs[i] = (Job){ shm, ids[i] };
        assert_int_equal(pthread_create(&th[i], NULL, many_main, &jobs[i]), 0);
    }
    uint64_t deadline = trace_mono_ns() + 30ull * 1000000000ull;
    while (eventlog_count(&log) < (size_t)TOTAL * MANY && trace_mono_ns() < deadline) {
        collector_drain(c, &log);
        collector_wait(c, 1);
    }
    for (int i = 0; i < THREADS; i++)
        pthread_join(th[i], NULL);
    for (int k = 0; k < CHILDREN; k++) {
        int status;
        assert_int_equal(waitpid(kids[k], &status, 0), kids[k]);
        assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
    collector_flush(c, &log);
    assert_int_equal(eventlog_count(&log), (size_t)TOTAL * MANY);
    uint32_t next[TOTAL] = { 0 };
    uint64_t last = 0;
    for (size_t k = 0; k < eventlog_count(&log); k++) {
        const TraceEvent *e = eventlog_get(&log, k);
        assert_true(e->worker < TOTAL);
        assert_int_equal(e->line, next[e->worker]);
        assert_true(e->ts >= last);
        last = e->ts;
        if (e->kind == TK_PRINT) {
            uint32_t len;
            const char *t = eventlog_text(&log, k, &len);
            assert_int_equal(len, e->line % 4);
            assert_memory_equal(t, "xyz", len);
        }
        next[e->worker]++;
    }
    for (int i = 0; i < TOTAL; i++)
        assert_int_equal(next[i], MANY);
    assert_int_equal(collector_live_slots(c), 0);
    eventlog_free(&log);
    collector_destroy(c);
    trace_shm_destroy(shm);
}

/* A child killed mid-run: what it published is kept, its slot comes back. */
static void test_reap_dead_child(void **state)
{
    (void)state;
    TraceShm *shm = trace_shm_create(2, 64);
    Collector *c = collector_create(shm);
    EventLog log;
    eventlog_init(&log);
    int id = trace_worker_reserve(shm);
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        TraceWriter *w = trace_worker_open(shm, id);
        for (uint32_t i = 0; i < 10; i++)
            trace_emit(w, TK_LOCK_ACQUIRE, 1, i, i, i);
        _exit(0);   /* never closes its slot */
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    collector_flush(c, &log);
    assert_int_equal(collector_live_slots(c), 1);
    assert_int_equal(trace_shm_reap_pid(shm, pid), 1);
    collector_flush(c, &log);
    assert_int_equal(eventlog_count(&log), 10);
    assert_int_equal(collector_live_slots(c), 0);
    assert_int_equal(trace_shm_reap_pid(shm, pid), 0);
    eventlog_free(&log);
    collector_destroy(c);
    trace_shm_destroy(shm);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_threads_and_fork),
        cmocka_unit_test(test_hold_back_and_slot_reuse),
        cmocka_unit_test(test_null_writer_and_long_text),
        cmocka_unit_test(test_reader_during_appends),
        cmocka_unit_test(test_reap_dead_child),
        cmocka_unit_test(test_many_writers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
