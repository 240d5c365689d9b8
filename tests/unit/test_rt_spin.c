/* Bounded spinning (rt/spin.h): a spin ends as soon as its event holds and
 * never runs much past its budget; the budget adapts (a win doubles it up
 * to the cap, a loss halves it, a preemption stops the site for a while,
 * a collapsed site probes one wait in 16); the GIL hint follows the GIL;
 * the raw futex sleeps, times out and is woken. */
#include "test_rt_util.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rt/spin.h"

static int flag_set(void *arg)
{
    return atomic_load((atomic_int *)arg) != 0;
}

static int never(void *arg)
{
    (void)arg;
    return 0;
}

static int multicore(void)
{
    return sysconf(_SC_NPROCESSORS_ONLN) > 1;
}

static void spin_until_is_bounded(void **state)
{
    (void)state;
    atomic_int f = 1;
    assert_int_equal(spin_until(flag_set, &f, 0), SPIN_READY);
    assert_int_equal(spin_until(never, NULL, 0), 0);
    uint64_t t0 = spin_now_ns();
    int seen = spin_until(never, NULL, 2000000);   /* 2 ms */
    uint64_t took = spin_now_ns() - t0;
    assert_false(seen & SPIN_READY);
    assert_true(took >= 2000000);
    assert_true(took < 200000000);                  /* not unbounded, even on a loaded machine */
}

static void *set_later(void *arg)
{
    usleep(1000);
    atomic_store((atomic_int *)arg, 1);
    return NULL;
}

static void spin_until_sees_another_thread(void **state)
{
    (void)state;
    if (!multicore())
        skip();
    atomic_int f = 0;
    pthread_t t;
    pthread_create(&t, NULL, set_later, &f);
    int seen = spin_until(flag_set, &f, 2000000000);   /* 2 s: ends long before */
    pthread_join(t, NULL);
    assert_true(seen & SPIN_READY);
}

static void spin_budget_adapts(void **state)
{
    (void)state;
    if (!multicore())
        skip();
    SpinSite s;
    memset(&s, 0, sizeof s);
    assert_int_equal(spin_budget(NULL, &s), SPIN_START_NS);
    spin_learn(&s, 0);
    assert_int_equal(spin_budget(NULL, &s), SPIN_START_NS / 2);
    for (int i = 0; i < 10; i++)
        spin_learn(&s, SPIN_READY);
    assert_int_equal(spin_budget(NULL, &s), SPIN_CAP_NS);
    /* losses collapse it: then only one wait in 16 spins */
    for (int i = 0; i < 20; i++)
        spin_learn(&s, 0);
    int spun = 0;
    for (int i = 0; i < 64; i++)
        spun += spin_budget(NULL, &s) > 0;
    assert_int_equal(spun, 4);
    /* a preemption: no spinning at all for the next 16 waits */
    memset(&s, 0, sizeof s);
    spin_learn(&s, SPIN_PREEMPTED | SPIN_READY);
    for (int i = 0; i < 16; i++)
        assert_int_equal(spin_budget(NULL, &s), 0);
    assert_true(spin_budget(NULL, &s) > 0);
    /* twice in a row: a longer cool-down */
    spin_learn(&s, SPIN_PREEMPTED);
    int quiet = 0;
    while (spin_budget(NULL, &s) == 0 && quiet < 1000)
        quiet++;
    assert_true(quiet >= 32);
}

static void spin_gil_hint_follows_gil(void **state)
{
    (void)state;
    Gil g;
    GilThread ts;
    gil_init(&g);
    gil_thread_init(&ts, &g, 0);
    assert_true(spin_gil_free(&g));
    gil_acquire(&ts);
    assert_false(spin_gil_free(&g));
    gil_release(&ts);
    assert_true(spin_gil_free(&g));
    gil_thread_free(&ts);
    gil_free(&g);
}

static void *wake_later(void *arg)
{
    usleep(2000);
    atomic_store((atomic_int *)arg, 0);
    spin_futex_wake((atomic_int *)arg, 1);
    return NULL;
}

static void spin_futex_waits_and_wakes(void **state)
{
    (void)state;
    atomic_int w = 1;
    assert_int_equal(spin_futex_wait(&w, 0, 1000000000L), 0);   /* value differs: at once */
    assert_int_equal(spin_futex_wait(&w, 1, 1000000L), 1);      /* 1 ms: times out */
    pthread_t t;
    pthread_create(&t, NULL, wake_later, &w);
    uint64_t t0 = spin_now_ns();
    while (atomic_load(&w) == 1 && spin_now_ns() - t0 < 5000000000u)
        spin_futex_wait(&w, 1, 1000000000L);
    pthread_join(t, NULL);
    assert_int_equal(atomic_load(&w), 0);
    assert_true(spin_now_ns() - t0 < 1000000000u);               /* woken, not timed out */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(spin_until_is_bounded),
        cmocka_unit_test(spin_until_sees_another_thread),
        cmocka_unit_test(spin_budget_adapts),
        cmocka_unit_test(spin_gil_hint_follows_gil),
        cmocka_unit_test(spin_futex_waits_and_wakes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
