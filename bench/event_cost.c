/* Benchmark of the event recorder and the model (issues 3 and 5):
 *  - ns per trace_emit while a second thread (the collector) drains the
 *    ring on its own tick, and as a ratio to one clock_gettime(MONOTONIC)
 *    measured in the same run;
 *  - bytes of memory per recorded event in the event log;
 *  - time of a jump to a random event (model_at) in logs of 10^4 .. 10^6
 *    events, lesson-sized and with a 100,000-cell array, as ratios to the
 *    fold of one event and to a memcpy of such an array (same run), and
 *    the bytes each snapshot adds.
 * Built and run by bench/events.sh, not by make; `event_cost jumps` runs
 * the jump part alone. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "model/model.h"
#include "model/model_int.h"
#include "trace/collector.h"

#define EMITS (512u * 8192u)

static uint64_t now_ns(void)
{
    return trace_mono_ns();
}

static uint64_t cpu_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

static long minor_faults(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_minflt;
}

static double clock_gettime_cost(void)
{
    enum { N = 2000000 };
    struct timespec t;
    uint64_t sink = 0, t0 = now_ns();
    for (int i = 0; i < N; i++) {
        clock_gettime(CLOCK_MONOTONIC, &t);
        sink += (uint64_t)t.tv_nsec;
    }
    uint64_t t1 = now_ns();
    if (sink == 42)
        puts("");
    return (double)(t1 - t0) / N;
}

typedef struct Drain {
    Collector      *c;
    EventLog       *log;
    _Atomic int     stop;
    uint64_t        busy_ns;    /* CPU time inside collector_flush */
} Drain;

/* The second thread: drains every 200 us, never spins on the ring. */
static void *drain_main(void *arg)
{
    Drain *d = arg;
    while (!atomic_load_explicit(&d->stop, memory_order_acquire)) {
        uint64_t t0 = cpu_ns();
        collector_flush(d->c, d->log);
        d->busy_ns += cpu_ns() - t0;
        collector_wait(d->c, 1);
    }
    collector_flush(d->c, d->log);
    return NULL;
}

/* Bursts of BURST events, timed; between bursts (untimed) the writer lets
 * the collector catch up, so the figure is the recording cost with a
 * reader running, not the collector's throughput (which includes page
 * faults of the growing log: reported separately). */
#define BURST 8192u

static double emit_cost(TraceShm *shm, size_t *logged, size_t *log_bytes, double *collect_ns)
{
    Collector *c = collector_create(shm);
    EventLog log;
    eventlog_init(&log);
    Drain d = { c, &log, 0, 0 };
    pthread_t th;
    pthread_create(&th, NULL, drain_main, &d);
    TraceWriter *w = trace_worker_open(shm, trace_worker_reserve(shm));
    uint64_t spent = 0;
    for (uint32_t i = 0; i < EMITS; i += BURST) {
        uint64_t t0 = now_ns();
        for (uint32_t j = i; j < i + BURST; j++)
            trace_emit(w, TK_LOCK_ACQUIRE, 7, j & 1023, j, j);
        spent += now_ns() - t0;
        while (atomic_load_explicit(&w->slot->tail, memory_order_acquire) + BURST < w->head) {
            struct timespec ts = { 0, 20000 };
            nanosleep(&ts, NULL);
        }
    }
    trace_worker_close(w);
    atomic_store_explicit(&d.stop, 1, memory_order_release);
    pthread_join(th, NULL);
    *collect_ns = (double)d.busy_ns / EMITS;
    *logged = eventlog_count(&log);
    *log_bytes = eventlog_memory(&log);
    eventlog_free(&log);
    collector_destroy(c);
    return (double)spent / EMITS;
}

/* A log shaped like a lesson's: mostly GIL and lock events, some writes,
 * prints and queue items with short texts.  Writes go to random cells, or
 * with `slices` the way a lesson fills an array: each of the 8 workers
 * writes the next cell of its own eighth, round and round. */
static void make_log(EventLog *log, size_t n, uint32_t cells, int slices)
{
    uint32_t next[8] = { 0 };
    char buf[32];
    TraceEvent e;
    memset(&e, 0, sizeof e);
    for (uint32_t w = 0; w < 8; w++) {
        e.worker = (uint16_t)w;
        e.kind = w ? TK_WORKER_CREATED : TK_WORKER_STARTED;
        e.obj = w;
        eventlog_append(log, &e, "Thread-n", 8);
    }
    e.kind = TK_OBJ_CREATED;
    for (uint32_t o = 0; o < 4; o++) {
        e.obj = 100 + o;
        e.aux = o == 0 ? TO_GIL : o == 1 ? TO_LOCK : o == 2 ? TO_QUEUE : TO_ARRAY;
        e.a.u = o == 3 ? cells : 0;
        eventlog_append(log, &e, "obj", 3);
    }
    uint64_t rng = 12345;
    uint32_t fifo[64], qhead = 0, qtail = 0;
    for (size_t k = eventlog_count(log); k < n; k++) {
        rng = rng * 6364136223846793005ull + 1442695040888963407ull;
        uint32_t r = (uint32_t)(rng >> 33);
        memset(&e, 0, sizeof e);
        e.ts = k * 100;
        e.worker = (uint16_t)(r % 8);
        e.line = r % 200;
        switch ((r >> 8) % 10) {
        case 0: case 1: case 2:
            e.kind = (uint8_t)(TK_GIL_WAIT + (r >> 12) % 3), e.obj = 100;
            eventlog_append(log, &e, NULL, 0);
            break;
        case 3: case 4: case 5:
            e.kind = (uint8_t)(TK_LOCK_WAIT + (r >> 12) % 3), e.obj = 101;
            eventlog_append(log, &e, NULL, 0);
            break;
        case 6: {
            int64_t old = r % 50;
            uint32_t slice = cells / 8 ? cells / 8 : 1;
            uint32_t cell = slices ? (e.worker * slice + next[e.worker]++ % slice) % cells
                                   : (r >> 12) % cells;
            e.kind = TK_ARRAY_WRITE, e.obj = 103, e.aux = cell, e.a.i = old + 1;
            eventlog_append(log, &e, &old, sizeof old);
            break;
        }
        case 7: case 8: {
            /* A FIFO queue of at most 64 items that gets what was put
             * first, as a real one (a full one is got from: an item the
             * generator forgot would stay in the model's queue for good,
             * and the queue would grow with the log). */
            int get = ((r >> 12) % 2 && qhead != qtail) || qtail - qhead == 64;
            uint32_t item = get ? fifo[qhead++ % 64] : r % 1000;
            if (!get)
                fifo[qtail++ % 64] = item;
            int len = snprintf(buf, sizeof buf, "%u", item);
            e.kind = get ? TK_QUEUE_GET : TK_QUEUE_PUT, e.obj = 102;
            eventlog_append(log, &e, buf, (uint32_t)len);
            break;
        }
        default: {
            int len = snprintf(buf, sizeof buf, "step %u done\n", r % 100);
            e.kind = TK_PRINT, e.obj = TRACE_NONE;
            eventlog_append(log, &e, buf, (uint32_t)len);
            break;
        }
        }
    }
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Baselines measured in the same run: the figures are ratios to them. */
typedef struct Baseline {
    double fold_ns;     /* folding one event into a fresh state */
    double copy_ms;     /* memcpy of one 100,000-cell array (12 bytes a cell) */
} Baseline;

static Baseline baseline;

static void measure_baseline(void)
{
    EventLog log;
    eventlog_init(&log);
    make_log(&log, 200000, 16, 0);
    double best = 1e18;
    for (int round = 0; round < 3; round++) {
        ModelState st;
        model_state_init(&st);
        uint64_t t0 = cpu_ns();
        model_state_fold(&st, &log, 0, eventlog_count(&log));
        double ns = (double)(cpu_ns() - t0) / (double)eventlog_count(&log);
        best = ns < best ? ns : best;
        model_state_free(&st);
    }
    eventlog_free(&log);
    baseline.fold_ns = best;
    size_t bytes = 100000 * 12;
    char *a = malloc(bytes), *b = malloc(bytes);
    memset(a, 1, bytes);
    memset(b, 2, bytes);
    double ms[51];
    for (int i = 0; i < 51; i++) {
        uint64_t t0 = cpu_ns();
        memcpy(b, a, bytes);
        a[i] = b[bytes - 1 - i];    /* keep the copy */
        ms[i] = (double)(cpu_ns() - t0) / 1e6;
    }
    qsort(ms, 51, sizeof ms[0], cmp_double);
    baseline.copy_ms = ms[25];
    if (b[7] == 42)
        puts("");
    free(a);
    free(b);
    printf("base  fold of one event %.0f ns cpu; memcpy of a 100,000-cell array (1.2 MB) %.3f ms cpu\n",
           baseline.fold_ns, baseline.copy_ms);
}

/* Bytes the snapshots add, each: shared chunks once (a model that copies
 * every snapshot whole has no such count: its head's size stands in). */
static double snapshot_bytes(const Model *m)
{
#ifdef MODEL_SNAPSHOT_SHARING
    return (double)model_snapshot_memory(m) / (double)(model_snapshot_count(m) - 1);
#else
    return (double)mstate_memory(model_head(m));
#endif
}

/* Median cpu ms of the jumps, per configuration, for the growth figures,
 * and the median number of events each jump folded (the work itself). */
static double jump_median[2][3], jump_folds[2][3];

static void jump_bench(size_t n, uint32_t cells, int slices, double *median_out, double *folds_out)
{
    EventLog log;
    eventlog_init(&log);
    make_log(&log, n, cells, slices);
    Model *m = model_create(&log);
    long f0 = minor_faults();
    uint64_t t0 = cpu_ns();
    model_update(m);
    uint64_t t1 = cpu_ns();
    long f1 = minor_faults();
    enum { J = 1000 };
    static double ms[J], cpu[J];
    uint64_t rng = 99;
    static double folds[J];
    for (int i = 0; i < J; i++) {
        rng = rng * 6364136223846793005ull + 1442695040888963407ull;
        size_t k = (size_t)((rng >> 20) % (n + 1));
#ifdef MODEL_SNAPSHOT_SHARING
        size_t f = model_folded(m);
#endif
        uint64_t a = now_ns(), ca = cpu_ns();
        const ModelState *st = model_at(m, k);
        uint64_t b = now_ns();
        cpu[i] = (double)(cpu_ns() - ca) / 1e6;
#ifdef MODEL_SNAPSHOT_SHARING
        folds[i] = (double)(model_folded(m) - f);
#else
        folds[i] = 0;
#endif
        if (st->nevents != k)
            printf("  BUG: model_at(%zu) gave %zu\n", k, st->nevents);
        ms[i] = (double)(b - a) / 1e6;
    }
    qsort(ms, J, sizeof ms[0], cmp_double);
    qsort(cpu, J, sizeof cpu[0], cmp_double);
    double med = cpu[J / 2], p99 = cpu[J * 99 / 100];
    qsort(folds, J, sizeof folds[0], cmp_double);
    *median_out = med;
    *folds_out = folds[J / 2];
    printf("jump  %8zu events, %6u-cell array%s: cpu median %.3f ms p99 %.3f ms max %.3f ms "
           "(wall median %.3f p99 %.3f)\n"
           "      = %.0f / %.0f event folds; %.3f / %.3f array copies; %zu snapshots of %.0f bytes each\n"
           "      events folded per jump: median %.0f p99 %.0f max %.0f\n"
           "      (first fold %.0f ns/event cpu, %.2f page faults/1000 events, "
           "log %.1f B/event, model %.1f B/event)\n",
           n, cells, slices ? " (written by slices)" : "", med, p99, cpu[J - 1], ms[J / 2], ms[J * 99 / 100],
           med * 1e6 / baseline.fold_ns, p99 * 1e6 / baseline.fold_ns,
           med / baseline.copy_ms, p99 / baseline.copy_ms,
           model_snapshot_count(m), snapshot_bytes(m),
           folds[J / 2], folds[J * 99 / 100], folds[J - 1],
           (double)(t1 - t0) / (double)n, (double)(f1 - f0) * 1000.0 / (double)n,
           (double)eventlog_memory(&log) / (double)n, (double)model_memory(m) / (double)n);
    model_destroy(m);
    eventlog_free(&log);
}

/* The jump figures: 10^4, 10^5, 10^6 events, with lesson-sized state
 * (a 16-cell array) and with a 100,000-cell array. */
static void jump_all(void)
{
    static const size_t sizes[3] = { 10000, 100000, 1000000 };
    static const uint32_t cells[2] = { 16, 100000 };
    measure_baseline();
    for (int c = 0; c < 2; c++)
        for (int i = 0; i < 3; i++)
            jump_bench(sizes[i], cells[c], 0, &jump_median[c][i], &jump_folds[c][i]);
    double sliced, sliced_folds;
    jump_bench(1000000, 100000, 1, &sliced, &sliced_folds);
    double worst = 0;
    for (int c = 0; c < 2; c++)
        for (int i = 0; i < 3; i++)
            worst = jump_median[c][i] > worst ? jump_median[c][i] : worst;
    worst = sliced > worst ? sliced : worst;
    /* log(10^6) / log(10^4) = 1.5, log(10^6) / log(10^5) = 1.2. */
    for (int c = 0; c < 2; c++)
        printf("growth %6u-cell array: median jump at 10^6 events / at 10^4 = %.2f, / at 10^5 = %.2f "
               "(the log of the length grows 1.5 and 1.2 times); events folded %.2f, %.2f\n",
               cells[c], jump_median[c][2] / jump_median[c][0], jump_median[c][2] / jump_median[c][1],
               jump_folds[c][2] / jump_folds[c][0], jump_folds[c][2] / jump_folds[c][1]);
    printf("jumps worst median %.3f ms cpu = %.0f event folds = %.2f array copies (goal < 5 ms)\n",
           worst, worst * 1e6 / baseline.fold_ns, worst / baseline.copy_ms);
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "jumps") == 0) {
        jump_all();
        return 0;
    }
    TraceShm *shm = trace_shm_create(4, 65536);
    if (!shm) {
        perror("trace_shm_create");
        return 1;
    }
    printf("clock: %s\n", trace_clock.use_tsc ? "invariant TSC, calibrated to CLOCK_MONOTONIC"
                                              : "clock_gettime fallback");
    double best = 1e9, cg = 1e9, coll = 1e9;
    size_t logged = 0, bytes = 0;
    for (int round = 0; round < 3; round++) {
        double c = clock_gettime_cost(), cl;
        double e = emit_cost(shm, &logged, &bytes, &cl);
        if (cl < coll)
            coll = cl;
        if (logged != EMITS)
            printf("  BUG: %zu of %u events logged\n", logged, EMITS);
        if (e < best)
            best = e;
        if (c < cg)
            cg = c;
    }
    printf("emit  %.2f ns per trace_emit (collector thread running), "
           "clock_gettime %.2f ns, ratio %.2f (goal <= 15 ns)\n", best, cg, best / cg);
    printf("drain %.1f ns CPU per event in the collector (ring to log, with the log's page faults)\n", coll);
    printf("log   %.1f bytes per event (fixed-size events only)\n", (double)bytes / (double)logged);
    trace_shm_destroy(shm);
    jump_all();
    return 0;
}
