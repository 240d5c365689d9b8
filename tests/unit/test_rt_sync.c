/* Process-shared mutexes, Lock, RLock, Semaphore, Event, Condition and shared
 * values: across threads and across fork()ed children. */
#include "test_rt_util.h"

#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#include <string.h>
#include <unistd.h>

#include "rt/sharr.h"
#include "rt/sync.h"

#define N_INC 10000

static void psync_robust_after_child_death(void **state)
{
    Rt *rt = tu_rt();
    PsMutex *m = shm_alloc(rt->arena, sizeof *m);
    pid_t pid;
    int st;
    psmutex_init(m);
    pid = fork();
    if (pid == 0) {
        psmutex_lock(m);
        _exit(0);       /* dies holding it */
    }
    assert_int_equal(waitpid(pid, &st, 0), pid);
    assert_int_equal(psmutex_lock(m), PS_RECOVERED);
    psmutex_unlock(m);
    assert_int_equal(psmutex_lock(m), 0);   /* consistent again */
    psmutex_unlock(m);
    psmutex_free(m);
    tu_done(rt);
}

static void psync_timedwait_times_out(void **state)
{
    PsMutex m;
    PsCond c;
    struct timespec ts;
    double t0 = tu_now();
    psmutex_init(&m);
    pscond_init(&c);
    psmutex_lock(&m);
    assert_int_equal(pscond_timedwait(&c, &m, rt_deadline(0.03, &ts)), ETIMEDOUT);
    psmutex_unlock(&m);
    assert_true(tu_now() - t0 >= 0.025);
    pscond_free(&c);
    psmutex_free(&m);
}

/* A lost-update-prone increment: read, then write, under the lock. */
static int inc_under_lock(Rt *rt, int worker, RtArray *v, int n)
{
    RtCtx cx = {rt, NULL, worker};
    for (int i = 0; i < n; i++) {
        int64_t x;
        if (rtlock_acquire(&cx, rtarr_lock(v), 1, -1))
            return 3;
        rtarr_get_int(v, 0, &x);
        if (rtarr_set_int(&cx, v, 0, x + 1))
            return 4;
        if (rtlock_release(&cx, rtarr_lock(v)))
            return 5;
    }
    return 0;
}

static void inc_thread(Rt *rt, int worker, void *arg)
{
    inc_under_lock(rt, worker, arg, N_INC);
}

static int inc_proc(Rt *rt, int worker, void *arg)
{
    return inc_under_lock(rt, worker, arg, N_INC);
}

static void value_lock_threads(void **state)
{
    Rt *rt = tu_rt();
    RtCtx cx = tu_main(rt);
    int err;
    RtArray *v = rtarr_create(rt, 'i', 1, &err);
    RtThread *t[2];
    int64_t x;
    for (int i = 0; i < 2; i++)
        assert_int_equal(rt_thread_start(&cx, "inc", inc_thread, v, &t[i]), 0);
    for (int i = 0; i < 2; i++) {
        assert_int_equal(rt_thread_join(&cx, t[i], -1), 0);
        rt_thread_destroy(t[i]);
    }
    rtarr_get_int(v, 0, &x);
    assert_int_equal(x, 2 * N_INC);
    rtarr_destroy(rt, v);
    tu_end(&cx);
}

static void value_lock_processes(void **state)
{
    Rt *rt = tu_rt();
    RtCtx cx = tu_main(rt);
    int err, code;
    RtArray *v = rtarr_create(rt, 'i', 1, &err);
    RtProc p[2];
    int64_t x;
    for (int i = 0; i < 2; i++)
        assert_int_equal(rt_proc_start(&cx, "inc", inc_proc, v, &p[i]), 0);
    for (int i = 0; i < 2; i++) {
        assert_int_equal(rt_proc_join(&cx, &p[i], 10), 0);
        assert_int_equal(rt_proc_exitcode(rt, &p[i], &code), 0);
        assert_int_equal(code, 0);
        rt_proc_close(&p[i]);
    }
    rtarr_get_int(v, 0, &x);
    assert_int_equal(x, 2 * N_INC);
    rtarr_destroy(rt, v);
    tu_end(&cx);
}

static void array_types_and_caps(void **state)
{
    Rt *rt = tu_rt();
    RtCtx cx = tu_main(rt);
    int err;
    int64_t x;
    double d;
    RtArray *a = rtarr_create(rt, 'i', 4, &err), *f = rtarr_create(rt, 'd', 2, &err);
    assert_int_equal(rtarr_set_int(&cx, a, -1, INT32_MAX), 0);
    assert_int_equal(rtarr_get_int(a, 3, &x), 0);
    assert_int_equal(x, INT32_MAX);
    assert_int_equal(rtarr_set_int(&cx, a, 0, (int64_t)INT32_MAX + 1), RT_EOVERFLOW);
    assert_int_equal(rtarr_set_int(&cx, a, 4, 1), RT_EINDEX);
    assert_int_equal(rtarr_set_double(&cx, a, 0, 1.5), RT_ETYPE);
    assert_int_equal(rtarr_set_int(&cx, f, 1, 3), 0);
    assert_int_equal(rtarr_get_double(f, 1, &d), 0);
    assert_true(d == 3.0);
    assert_null(rtarr_create(rt, 'z', 1, &err));
    assert_int_equal(err, RT_EVALUE);
    assert_null(rtarr_create(rt, 'i', RTARR_MAX_LEN + 1, &err));
    assert_int_equal(err, RT_ECAP);
    rtarr_destroy(rt, a);
    rtarr_destroy(rt, f);
    tu_end(&cx);
}

static void lock_semantics(void **state)
{
    Rt *rt = tu_rt();
    RtCtx cx = tu_main(rt);
    RtCtx other = {rt, NULL, rt_worker_add(rt, RT_WK_THREAD, cx.worker, "other")};
    RtLock *l = rtlock_create(rt, 0), *r = rtlock_create(rt, 1);
    double t0;
    assert_int_equal(rtlock_release(&cx, l), RT_EUNLOCKED);
    assert_int_equal(rtlock_acquire(&cx, l, 1, -1), 0);
    assert_int_equal(rtlock_owner(l), cx.worker);
    assert_int_equal(rtlock_acquire(&cx, l, 0, -1), RT_ETIMEDOUT);   /* not recursive */
    t0 = tu_now();
    assert_int_equal(rtlock_acquire(&other, l, 1, 0.05), RT_ETIMEDOUT);
    assert_true(tu_now() - t0 >= 0.045);
    assert_int_equal(rtlock_release(&other, l), 0);   /* any thread may release a Lock */
    assert_false(rtlock_locked(l));
    /* RLock: nests for its owner only. */
    assert_int_equal(rtlock_acquire(&cx, r, 1, -1), 0);
    assert_int_equal(rtlock_acquire(&cx, r, 1, -1), 0);
    assert_int_equal(rtlock_acquire(&other, r, 0, -1), RT_ETIMEDOUT);
    assert_int_equal(rtlock_release(&other, r), RT_ENOTOWNER);
    assert_int_equal(rtlock_release(&cx, r), 0);
    assert_true(rtlock_locked(r));
    assert_int_equal(rtlock_release(&cx, r), 0);
    assert_false(rtlock_locked(r));
    rtlock_destroy(rt, l);
    rtlock_destroy(rt, r);
    tu_end(&cx);
}

/* A child that takes the lock and dies: the lock stays held, as in CPython,
 * and a timed acquire still returns; any worker may then release it. */
static int die_holding(Rt *rt, int worker, void *arg)
{
    RtCtx cx = {rt, NULL, worker};
    RtLock *l = arg;
    rtlock_acquire(&cx, l, 1, -1);
    kill(getpid(), SIGKILL);
    return 0;
}

static void lock_child_dies(void **state)
{
    Rt *rt = tu_rt();
    RtCtx cx = tu_main(rt);
    RtLock *l = rtlock_create(rt, 0);
    assert_int_equal(tu_run_child(&cx, die_holding, l), -SIGKILL);
    assert_int_equal(rtlock_acquire(&cx, l, 1, 0.02), RT_ETIMEDOUT);
    assert_int_equal(rtlock_release(&cx, l), 0);
    assert_int_equal(rtlock_acquire(&cx, l, 1, 0.02), 0);
    rtlock_destroy(rt, l);
    tu_end(&cx);
}

static void sem_event(void **state)
{
    Rt *rt = tu_rt();
    RtCtx cx = tu_main(rt);
    RtSem *s = rtsem_create(rt, 2, 1);
    RtEvent *e = rtevent_create(rt);
    assert_int_equal(rtsem_acquire(&cx, s, 1, -1), 0);
    assert_int_equal(rtsem_acquire(&cx, s, 1, -1), 0);
    assert_int_equal(rtsem_acquire(&cx, s, 1, 0.02), RT_ETIMEDOUT);
    assert_int_equal(rtsem_release(&cx, s, 2), 0);
    assert_int_equal(rtsem_release(&cx, s, 1), RT_EVALUE);   /* bounded */
    assert_int_equal(rtsem_value(s), 2);
    assert_int_equal(rtevent_wait(&cx, e, 0.02), RT_ETIMEDOUT);
    rtevent_set(&cx, e);
    assert_int_equal(rtevent_wait(&cx, e, -1), 0);
    rtevent_clear(&cx, e);
    assert_false(rtevent_is_set(e));
    rtsem_destroy(rt, s);
    rtevent_destroy(rt, e);
    tu_end(&cx);
}

typedef struct {
    RtEvent *go;
    RtEvent *back;
} PingPong;

static int ping_child(Rt *rt, int worker, void *arg)
{
    RtCtx cx = {rt, NULL, worker};
    PingPong *pp = arg;
    if (rtevent_wait(&cx, pp->go, 5))
        return 2;
    rtevent_set(&cx, pp->back);
    return 0;
}

static void event_across_fork(void **state)
{
    Rt *rt = tu_rt();
    RtCtx cx = tu_main(rt);
    PingPong *pp = shm_alloc(rt->arena, sizeof *pp);
    RtProc p;
    int code;
    pp->go = rtevent_create(rt);
    pp->back = rtevent_create(rt);
    assert_int_equal(rt_proc_start(&cx, "ping", ping_child, pp, &p), 0);
    rtevent_set(&cx, pp->go);
    assert_int_equal(rtevent_wait(&cx, pp->back, 5), 0);
    assert_int_equal(rt_proc_join(&cx, &p, 5), 0);
    assert_int_equal(rt_proc_exitcode(rt, &p, &code), 0);
    assert_int_equal(code, 0);
    rt_proc_close(&p);
    tu_end(&cx);
}

/* Condition: waiters are woken in arrival order, exactly n per notify(n). */
typedef struct {
    RtCondition *c;
    RtArray *order;       /* [0] = count, [1..] = who woke */
    RtArray *ready;       /* waiters that have started waiting */
} CondTest;

static void cond_waiter(Rt *rt, int worker, void *arg)
{
    RtCtx cx = {rt, NULL, worker};
    CondTest *ct = arg;
    int64_t n, r;
    rtlock_acquire(&cx, ct->c->lock, 1, -1);
    rtarr_get_int(ct->ready, 0, &r);
    rtarr_set_int(&cx, ct->ready, 0, r + 1);
    if (rtcond_wait(&cx, ct->c, 5) == 0) {
        rtarr_get_int(ct->order, 0, &n);
        rtarr_set_int(&cx, ct->order, n + 1, worker);
        rtarr_set_int(&cx, ct->order, 0, n + 1);
    }
    rtlock_release(&cx, ct->c->lock);
}

static int64_t cond_get(CondTest *ct, RtArray *a, RtCtx *cx, int64_t i)
{
    int64_t x;
    rtlock_acquire(cx, ct->c->lock, 1, -1);
    rtarr_get_int(a, i, &x);
    rtlock_release(cx, ct->c->lock);
    return x;
}

static void condition_order(void **state)
{
    Rt *rt = tu_rt();
    RtCtx cx = tu_main(rt);
    CondTest ct;
    RtThread *t[3];
    int err;
    ct.c = rtcond_create(rt, NULL);
    ct.order = rtarr_create(rt, 'q', 4, &err);
    ct.ready = rtarr_create(rt, 'q', 1, &err);
    assert_int_equal(rtcond_notify(&cx, ct.c, 1), RT_ENOTOWNER);
    assert_int_equal(rtcond_wait(&cx, ct.c, 0.01), RT_ENOTOWNER);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(rt_thread_start(&cx, "waiter", cond_waiter, &ct, &t[i]), 0);
        /* Start them one by one so their arrival order is known. */
        while (cond_get(&ct, ct.ready, &cx, 0) < i + 1)
            usleep(1000);
    }
    rtlock_acquire(&cx, ct.c->lock, 1, -1);
    assert_int_equal(rtcond_notify(&cx, ct.c, 2), 0);
    rtlock_release(&cx, ct.c->lock);
    while (cond_get(&ct, ct.order, &cx, 0) < 2)
        usleep(1000);
    usleep(20000);
    assert_int_equal(cond_get(&ct, ct.order, &cx, 0), 2);   /* exactly two */
    /* The two oldest were woken (they then race for the lock). */
    int64_t w1 = cond_get(&ct, ct.order, &cx, 1), w2 = cond_get(&ct, ct.order, &cx, 2);
    assert_true((w1 == t[0]->worker && w2 == t[1]->worker)
                || (w1 == t[1]->worker && w2 == t[0]->worker));
    rtlock_acquire(&cx, ct.c->lock, 1, -1);
    assert_int_equal(rtcond_notify(&cx, ct.c, -1), 0);
    rtlock_release(&cx, ct.c->lock);
    int last = t[2]->worker;
    for (int i = 0; i < 3; i++) {
        assert_int_equal(rt_thread_join(&cx, t[i], 5), 0);
        rt_thread_destroy(t[i]);
    }
    assert_int_equal(cond_get(&ct, ct.order, &cx, 3), last);
    rtcond_destroy(rt, ct.c);
    tu_end(&cx);
}

static void condition_timeout_keeps_lock(void **state)
{
    Rt *rt = tu_rt();
    RtCtx cx = tu_main(rt);
    RtCondition *c = rtcond_create(rt, NULL);
    rtlock_acquire(&cx, c->lock, 1, -1);
    rtlock_acquire(&cx, c->lock, 1, -1);   /* depth 2, restored after the wait */
    assert_int_equal(rtcond_wait(&cx, c, 0.02), RT_ETIMEDOUT);
    assert_int_equal(c->lock->count, 2);
    assert_int_equal(c->head, -1);         /* the timed-out waiter left the queue */
    rtlock_release(&cx, c->lock);
    rtlock_release(&cx, c->lock);
    rtcond_destroy(rt, c);
    tu_end(&cx);
}

/* The one hook sees each visible action, in order, with its values. */
typedef struct {
    int kind;
    const void *obj;
    int64_t a, b, c;
    size_t len;
} Seen;
static Seen seen[32];
static int nseen;

static void record(int worker, RtEvKind kind, const void *obj, int64_t a, int64_t b, int64_t c,
                   const void *data, size_t len)
{
    if (nseen < 32)
        seen[nseen++] = (Seen){kind, obj, a, b, c, len};
}

static void hooks_report_actions(void **state)
{
    Rt *rt = tu_rt();
    RtCtx cx = tu_main(rt);
    int err;
    RtLock *l = rtlock_create(rt, 0);
    RtArray *v = rtarr_create(rt, 'i', 3, &err);
    rtarr_set_int(&cx, v, 1, 5);
    nseen = 0;
    rt_hook_set(record);
    rtlock_acquire(&cx, l, 1, -1);
    rtarr_set_int(&cx, v, 1, 6);
    rtlock_release(&cx, l);
    rt_hook_set(NULL);
    rtarr_set_int(&cx, v, 1, 7);    /* not seen */
    assert_int_equal(nseen, 3);
    assert_int_equal(seen[0].kind, RT_EV_LOCK_ACQUIRE);
    assert_ptr_equal(seen[0].obj, l);
    assert_int_equal(seen[1].kind, RT_EV_ARRAY_WRITE);
    assert_int_equal(seen[1].a, 1);
    assert_int_equal(seen[1].b, 5);
    assert_int_equal(seen[1].c, 6);
    assert_int_equal(seen[2].kind, RT_EV_LOCK_RELEASE);
    rtlock_destroy(rt, l);
    rtarr_destroy(rt, v);
    tu_end(&cx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(psync_robust_after_child_death),
        cmocka_unit_test(psync_timedwait_times_out),
        cmocka_unit_test(value_lock_threads),
        cmocka_unit_test(value_lock_processes),
        cmocka_unit_test(array_types_and_caps),
        cmocka_unit_test(lock_semantics),
        cmocka_unit_test(lock_child_dies),
        cmocka_unit_test(sem_event),
        cmocka_unit_test(event_across_fork),
        cmocka_unit_test(condition_order),
        cmocka_unit_test(condition_timeout_keeps_lock),
        cmocka_unit_test(hooks_report_actions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
