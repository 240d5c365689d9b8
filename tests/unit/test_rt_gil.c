/* The GIL: CPU-bound threads take turns in switch-interval slices (total
 * time is the sum, not the max), waiters are not starved, and a blocking
 * call hands the GIL over at once. */
#include "test_rt_util.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rt/gil.h"

#define MAX_SLICES 4096

typedef struct {
    Gil gil;
    double work;                   /* seconds of GIL holding each thread needs */
    _Atomic int holder;            /* who believes it runs; a second runner overwrites it */
    _Atomic int violations;
    pthread_barrier_t start;       /* all threads exist before any takes the GIL */
    pthread_mutex_t logmu;
    int nslices;
    int who[MAX_SLICES];
    double at[MAX_SLICES];
} GilTest;

typedef struct {
    GilTest *g;
    int me;
} GilArg;

static void gil_log(GilTest *g, int me)
{
    pthread_mutex_lock(&g->logmu);
    if (g->nslices < MAX_SLICES) {
        g->who[g->nslices] = me;
        g->at[g->nslices] = tu_now();
        g->nslices++;
    }
    pthread_mutex_unlock(&g->logmu);
}

/* Pure-Python-like CPU work with a check point per "bytecode", until the
 * thread has held the GIL for g->work seconds.  Holding time, not an
 * iteration count, so the test does not depend on how loaded the machine is. */
static void *gil_spin(void *p)
{
    GilArg *a = p;
    GilTest *g = a->g;
    GilThread ts;
    volatile uint64_t sink;
    uint64_t x = (uint64_t)a->me;
    double held = 0, since;
    gil_thread_init(&ts, &g->gil, a->me);
    pthread_barrier_wait(&g->start);
    gil_acquire(&ts);
    atomic_store(&g->holder, a->me);
    gil_log(g, a->me);
    since = tu_now();
    for (long i = 0;; i++) {
        x = x * 6364136223846793005ull + 1442695040888963407ull;
        if (atomic_load_explicit(&g->holder, memory_order_relaxed) != a->me)
            atomic_fetch_add(&g->violations, 1);
        if (i % 256 == 0 && held + (tu_now() - since) >= g->work)
            break;
        if (atomic_load_explicit(&g->gil.drop_request, memory_order_relaxed)) {
            held += tu_now() - since;
            gil_yield(&ts);
            atomic_store(&g->holder, a->me);
            gil_log(g, a->me);
            since = tu_now();
        }
    }
    sink = x;
    (void)sink;
    gil_log(g, -a->me);   /* done: marks the end of the rotation */
    gil_release(&ts);
    gil_thread_free(&ts);
    return NULL;
}

static double gil_run(GilTest *g, int nthreads)
{
    pthread_t th[4];
    GilArg args[4];
    double t0 = tu_now();
    g->nslices = 0;
    pthread_barrier_init(&g->start, NULL, (unsigned)nthreads);
    for (int i = 0; i < nthreads; i++) {
        args[i] = (GilArg){g, i + 1};
        pthread_create(&th[i], NULL, gil_spin, &args[i]);
    }
    for (int i = 0; i < nthreads; i++)
        pthread_join(th[i], NULL);
    pthread_barrier_destroy(&g->start);
    return tu_now() - t0;
}

static GilTest *gil_test_new(double work)
{
    GilTest *g = calloc(1, sizeof *g);
    gil_init(&g->gil);
    pthread_mutex_init(&g->logmu, NULL);
    g->work = work;
    return g;
}

static void gil_test_free(GilTest *g)
{
    gil_free(&g->gil);
    pthread_mutex_destroy(&g->logmu);
    free(g);
}

static int gil_cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void gil_two_threads_take_turns(void **state)
{
    GilTest *g = gil_test_new(0.06);
    double two = gil_run(g, 2), len[MAX_SLICES];
    int a = 0, b = 0, n = 0;
    assert_int_equal(atomic_load(&g->violations), 0);
    /* Serialised: the sum of the two holding times (120 ms), not the max (60). */
    assert_true(two >= 0.114);
    for (int i = 0; i < g->nslices; i++)
        if (g->who[i] > 0)
            *(g->who[i] == 1 ? &a : &b) += 1;
    for (int i = 1; i < g->nslices - 1 && g->who[i + 1] > 0; i++)
        len[n++] = g->at[i + 1] - g->at[i];
    qsort(len, (size_t)n, sizeof len[0], gil_cmp_double);
    print_message("two threads %.1f ms, %d slices, median %.2f ms\n", two * 1e3, g->nslices,
                  n ? len[n / 2] * 1e3 : 0.0);
    /* Alternating slices, none cut before the switch interval. */
    assert_true(a >= 2 && b >= 2);
    assert_true(n >= 2 && len[n / 2] >= 0.004 && len[n / 2] < 0.1);
    for (int i = 1; i < g->nslices && g->who[i] > 0; i++)
        assert_int_not_equal(g->who[i], g->who[i - 1]);
    gil_test_free(g);
}

static void gil_three_threads_no_starvation(void **state)
{
    GilTest *g = gil_test_new(0.03);
    int count[4] = {0};
    gil_set_interval(&g->gil, 0.002);
    gil_run(g, 3);
    assert_int_equal(atomic_load(&g->violations), 0);
    for (int i = 0; i < g->nslices; i++)
        if (g->who[i] > 0)
            count[g->who[i]]++;
    print_message("slices: %d %d %d\n", count[1], count[2], count[3]);
    for (int i = 1; i <= 3; i++)
        assert_true(count[i] >= 2);
    /* FIFO hand-over: once all three queue, the order is a rotation
     * (until the first one finishes its work). */
    int k = 0, seen = 0;
    while (k < g->nslices && seen != 0xe)
        seen |= 1 << g->who[k++];
    int end = k;
    while (end < g->nslices && g->who[end] > 0)
        end++;
    for (int i = k + 3; i < end; i++) {
        if (g->who[i] != g->who[i - 3])
            for (int j = 0; j < g->nslices; j++)
                print_message("%d@%.2f ", g->who[j], (g->at[j] - g->at[0]) * 1e3);
        assert_int_equal(g->who[i], g->who[i - 3]);
    }
    gil_test_free(g);
}

static void gil_interval_setting(void **state)
{
    Gil g;
    gil_init(&g);
    assert_true(gil_get_interval(&g) == 0.005);
    gil_set_interval(&g, 0.001);
    assert_true(gil_get_interval(&g) == 0.001);
    gil_free(&g);
}

typedef struct {
    Gil *gil;
    double waited;
} Blocker;

static void *gil_taker(void *p)
{
    Blocker *b = p;
    GilThread ts;
    double t0;
    gil_thread_init(&ts, b->gil, 2);
    t0 = tu_now();
    gil_acquire(&ts);
    b->waited = tu_now() - t0;
    gil_release(&ts);
    gil_thread_free(&ts);
    return NULL;
}

/* A voluntary release (around a blocking call) hands over at once. */
static void gil_release_hands_over(void **state)
{
    Gil g;
    GilThread ts;
    Blocker b = {&g, -1};
    pthread_t th;
    gil_init(&g);
    gil_set_interval(&g, 1.0);   /* a forced switch would take a second */
    gil_thread_init(&ts, &g, 1);
    gil_acquire(&ts);
    pthread_create(&th, NULL, gil_taker, &b);
    for (int queued = 0; !queued; usleep(500)) {
        pthread_mutex_lock(&g.mu);
        queued = g.qhead != NULL;
        pthread_mutex_unlock(&g.mu);
    }
    gil_release(&ts);            /* "time.sleep" */
    usleep(2000);
    gil_acquire(&ts);
    pthread_join(th, NULL);
    assert_true(b.waited >= 0 && b.waited < 0.5);
    gil_release(&ts);
    gil_thread_free(&ts);
    gil_free(&g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(gil_interval_setting),
        cmocka_unit_test(gil_release_hands_over),
        cmocka_unit_test(gil_two_threads_take_turns),
        cmocka_unit_test(gil_three_threads_no_starvation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
