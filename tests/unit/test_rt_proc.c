/* Processes and threads: exit codes, caps, kill-everything, death with the
 * parent, the memory cap, shutdown of blocked waits, and a stress run of 64
 * threads and 16 processes on one lock and one queue. */
#include "test_rt_util.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "rt/queue.h"
#include "rt/sharr.h"
#include "rt/sync.h"

/* ThreadSanitizer kills a child that starts a thread after a fork of a
 * threaded process unless told otherwise; lessons do exactly that (a Process
 * started from a Thread runs a watchdog thread), so parlab's binaries need
 * the same option. */
const char *__tsan_default_options(void);
const char *__tsan_default_options(void)
{
    return "die_after_fork=0";
}

static int pid_gone(pid_t pid)
{
    return kill(pid, 0) < 0 && errno == ESRCH;
}

static int ret_arg(Rt *rt, int worker, void *arg)
{
    return (int)(intptr_t)arg;
}

static int die_by_signal(Rt *rt, int worker, void *arg)
{
    raise(SIGKILL);
    return 0;
}

static int sleep_forever(Rt *rt, int worker, void *arg)
{
    for (;;)
        pause();
    return 0;
}

static void proc_exit_codes(void **state)
{
    Rt *rt = tu_rt();
    RtCtx cx = tu_main(rt);
    RtProc p;
    int code;
    assert_int_equal(tu_run_child(&cx, ret_arg, (void *)(intptr_t)3), 3);
    assert_int_equal(tu_run_child(&cx, die_by_signal, NULL), -SIGKILL);
    assert_int_equal(rt_proc_start(&cx, "sleeper", sleep_forever, NULL, &p), 0);
    assert_true(rt_proc_is_alive(rt, &p));
    assert_int_equal(rt_proc_exitcode(rt, &p, &code), RT_ETIMEDOUT);
    assert_int_equal(rt_proc_join(&cx, &p, 0.03), RT_ETIMEDOUT);
    assert_int_equal(rt_proc_kill_all(rt), 0);
    assert_false(rt_proc_is_alive(rt, &p));
    assert_true(pid_gone(p.pid));
    assert_int_equal(rt_proc_live(rt), 0);
    rt_proc_close(&p);
    rt_thread_unregister_main(rt, cx.worker);
    rt_destroy(rt);
}

static void proc_cap(void **state)
{
    Rt *rt = tu_rt_caps(8 << 20, 4);
    RtCtx cx = tu_main(rt);
    RtProc p[5];
    for (int i = 0; i < 4; i++)
        assert_int_equal(rt_proc_start(&cx, "s", sleep_forever, NULL, &p[i]), 0);
    assert_int_equal(rt_proc_start(&cx, "s", sleep_forever, NULL, &p[4]), RT_ECAP);
    assert_non_null(strstr(rt_proc_cap_message(rt), "4"));
    assert_int_equal(rt_proc_kill_all(rt), 0);
    for (int i = 0; i < 4; i++) {
        assert_true(pid_gone(p[i].pid));
        rt_proc_close(&p[i]);
    }
    rt_thread_unregister_main(rt, cx.worker);
    rt_destroy(rt);
}

/* Every process tries to start two more, forever: the run-wide cap stops it. */
static int bomb(Rt *rt, int worker, void *arg)
{
    RtCtx cx = {rt, NULL, worker};
    RtProc p;
    _Atomic int *refused = arg;
    for (int i = 0; i < 2; i++)
        if (rt_proc_start(&cx, "bomb", bomb, arg, &p) == RT_ECAP)
            atomic_fetch_add(refused, 1);
    for (;;)
        pause();
    return 0;
}

static void proc_fork_bomb_is_capped(void **state)
{
    Rt *rt = tu_rt_caps(8 << 20, 16);
    RtCtx cx = tu_main(rt);
    _Atomic int *refused = shm_alloc(rt->arena, sizeof *refused);
    RtProc p;
    int n;
    rt_proc_init_root(rt);
    assert_int_equal(rt_proc_start(&cx, "bomb", bomb, refused, &p), 0);
    for (int i = 0; i < 2000 && atomic_load(refused) < 16; i++)
        usleep(1000);
    assert_true(atomic_load(refused) >= 16);
    assert_int_equal(rt_proc_live(rt), 16);
    assert_int_equal(rt_proc_kill_all(rt), 0);
    n = rt_worker_count(rt);
    for (int id = 0; id < n; id++) {
        RtWorker *w = rt_worker(rt, id);
        if (w->kind == RT_WK_PROC && w->pid > 0)
            assert_true(pid_gone(w->pid));
    }
    assert_int_equal(rt_proc_live(rt), 0);
    rt_proc_close(&p);
    rt_thread_unregister_main(rt, cx.worker);
    rt_destroy(rt);
}

/* The child starts a grandchild, then dies: the grandchild follows. */
static int parent_of_sleeper(Rt *rt, int worker, void *arg)
{
    RtCtx cx = {rt, NULL, worker};
    RtProc p;
    pid_t *grandchild = arg;
    if (rt_proc_start(&cx, "grandchild", sleep_forever, NULL, &p))
        return 2;
    *grandchild = p.pid;
    raise(SIGKILL);
    return 0;
}

static void proc_dies_with_parent(void **state)
{
    Rt *rt = tu_rt();
    RtCtx cx = tu_main(rt);
    pid_t *gc = shm_alloc(rt->arena, sizeof *gc);
    rt_proc_init_root(rt);
    assert_int_equal(tu_run_child(&cx, parent_of_sleeper, gc), -SIGKILL);
    assert_true(*gc > 0);
    for (int i = 0; i < 1000 && rt_proc_live(rt) > 0; i++) {
        rt_proc_reap(rt);   /* we are the subreaper: the orphan comes to us */
        usleep(1000);
    }
    assert_int_equal(rt_proc_live(rt), 0);
    assert_true(pid_gone(*gc));
    tu_end(&cx);
}

/* A process started from a thread outlives that thread, yet not the root
 * of the run.  The intermediate process below is the root of its own run. */
typedef struct {
    int fd;
} ForkFromThread;

static void start_from_thread(Rt *rt, int worker, void *arg)
{
    RtCtx cx = {rt, NULL, worker};
    ForkFromThread *f = arg;
    RtProc p;
    pid_t pid = -1;
    if (rt_proc_start(&cx, "orphan", sleep_forever, NULL, &p) == 0)
        pid = p.pid;
    if (write(f->fd, &pid, sizeof pid) != sizeof pid)
        _exit(3);
}

static void proc_child_of_thread_dies_with_root(void **state)
{
    int fds[2], st;
    pid_t mid, gc = -1;
    char ok = 0;
    assert_int_equal(pipe(fds), 0);
    mid = fork();
    if (mid == 0) {
        Rt *rt = tu_rt();
        RtCtx cx = {rt, NULL, rt_thread_register_main(rt, -1, "main")};
        ForkFromThread f = {fds[1]};
        RtThread *t;
        if (rt_thread_start(&cx, "forker", start_from_thread, &f, &t)
            || rt_thread_join(&cx, t, 5))
            _exit(2);
        usleep(50000);   /* the forking thread is gone: the child must live on */
        rt_proc_reap(rt);
        ok = rt_proc_live(rt) == 1;
        if (write(fds[1], &ok, 1) != 1)
            _exit(3);
        _exit(0);        /* the root ends without cleaning up */
    }
    close(fds[1]);
    assert_int_equal(read(fds[0], &gc, sizeof gc), sizeof gc);
    assert_int_equal(read(fds[0], &ok, 1), 1);
    close(fds[0]);
    assert_int_equal(waitpid(mid, &st, 0), mid);
    assert_int_equal(WEXITSTATUS(st), 0);
    assert_true(gc > 0);
    assert_true(ok);
    for (int i = 0; i < 2000; i++) {
        if (waitpid(gc, &st, WNOHANG) == gc || pid_gone(gc))
            break;
        usleep(1000);
    }
    assert_true(pid_gone(gc) || waitpid(gc, &st, WNOHANG) < 0);
    assert_true(pid_gone(gc));
}

static int allocate_a_lot(Rt *rt, int worker, void *arg)
{
    size_t n = (size_t)1 << 30;
    char *p = malloc(n);
    if (!p)
        return 7;    /* the cap said no */
    memset(p, 1, n);
    free(p);
    return 0;
}

static void proc_memory_cap(void **state)
{
    RtCaps c;
    char err[128];
    Rt *rt;
    if (!rt_proc_mem_cap_active())
        skip();
    rt_caps_default(&c);
    c.arena_bytes = 8 << 20;
    c.mem_per_proc = (size_t)128 << 20;
    rt = rt_create(&c, err, sizeof err);
    RtCtx cx = tu_main(rt);
    assert_int_equal(tu_run_child(&cx, allocate_a_lot, NULL), 7);
    assert_non_null(strstr(rt_mem_cap_message(rt), "128 MB"));
    tu_end(&cx);
}

static void wait_event(Rt *rt, int worker, void *arg)
{
    RtCtx cx = {rt, NULL, worker};
    rtevent_wait(&cx, arg, 10);
}

static void thread_cap(void **state)
{
    Rt *rt = tu_rt();
    RtCtx cx = tu_main(rt);
    RtEvent *e = rtevent_create(rt);
    RtThread *t[64], *extra;
    for (int i = 0; i < 64; i++)
        assert_int_equal(rt_thread_start(&cx, "t", wait_event, e, &t[i]), 0);
    assert_int_equal(rt_thread_live(), 65);
    assert_int_equal(rt_thread_start(&cx, "t", wait_event, e, &extra), RT_ECAP);
    assert_null(extra);
    rtevent_set(&cx, e);
    for (int i = 0; i < 64; i++) {
        assert_int_equal(rt_thread_join(&cx, t[i], 5), 0);
        rt_thread_destroy(t[i]);
    }
    assert_int_equal(rt_thread_live(), 1);
    tu_end(&cx);
}

/* Everything that can block gives up on shutdown, in threads and processes. */
typedef struct {
    RtLock *lock;
    RtQueue *q;
    RtEvent *ev;
    RtSem *sem;
    RtCondition *cond;
    _Atomic int results[8];
    _Atomic int started;
} Blocked;

static void block_on(Rt *rt, int worker, void *arg, int which)
{
    RtCtx cx = {rt, NULL, worker};
    Blocked *b = arg;
    RtBuf buf = {0};
    int rc = 0;
    atomic_fetch_add(&b->started, 1);
    switch (which) {
    case 0: rc = rtlock_acquire(&cx, b->lock, 1, -1); break;
    case 1:
    case 6: rc = rtq_get(&cx, b->q, &buf, 1, -1); break;
    case 2: rc = rtevent_wait(&cx, b->ev, -1); break;
    case 3: rc = rtsem_acquire(&cx, b->sem, 1, -1); break;
    case 4:
        rtlock_acquire(&cx, b->cond->lock, 1, -1);
        rc = rtcond_wait(&cx, b->cond, -1);
        break;
    case 5: rc = rtq_join(&cx, b->q); break;
    }
    atomic_store(&b->results[which], rc);
    rtbuf_free(&buf);
}

static void blocked_thread(Rt *rt, int worker, void *arg)
{
    Blocked *b = arg;
    block_on(rt, worker, arg, atomic_load(&b->started));
}

static int blocked_proc(Rt *rt, int worker, void *arg)
{
    block_on(rt, worker, arg, 6);
    return 0;
}

static void shutdown_interrupts_waits(void **state)
{
    Rt *rt = tu_rt();
    RtCtx cx = tu_main(rt);
    Blocked *b = shm_alloc(rt->arena, sizeof *b);
    RtThread *t[6];
    RtProc p;
    b->lock = rtlock_create(rt, 0);
    b->q = rtq_create(rt, RTQ_FIFO, 0);
    b->ev = rtevent_create(rt);
    b->sem = rtsem_create(rt, 0, 0);
    b->cond = rtcond_create(rt, NULL);
    rtlock_acquire(&cx, b->lock, 1, -1);
    rtq_put(&cx, b->q, "N", 1, 1, -1);   /* unfinished, for join; got below */
    for (int i = 0; i < 6; i++) {
        /* One at a time: each takes the next index in block_on. */
        while (atomic_load(&b->started) != i)
            usleep(100);
        if (i == 1) {
            RtBuf buf = {0};
            rtq_get(&cx, b->q, &buf, 0, 0);
            rtbuf_free(&buf);
        }
        assert_int_equal(rt_thread_start(&cx, "blocked", blocked_thread, b, &t[i]), 0);
        while (atomic_load(&b->started) != i + 1)
            usleep(100);
    }
    for (int i = 0; i < 8; i++)
        atomic_store(&b->results[i], 99);
    b->results[6] = 99;
    assert_int_equal(rt_proc_start(&cx, "blocked", blocked_proc, b, &p), 0);
    usleep(30000);
    for (int i = 0; i < 6; i++)
        assert_true(rt_thread_is_alive(t[i]));
    double t0 = tu_now();
    rt_shutdown_request(rt);
    for (int i = 0; i < 6; i++) {
        int rc = rt_thread_join(&cx, t[i], 5);
        assert_true(rc == 0 || rc == RT_ESHUTDOWN);
        while (rt_thread_is_alive(t[i]))
            usleep(1000);
        assert_int_equal(atomic_load(&b->results[i]), RT_ESHUTDOWN);
        rt_thread_destroy(t[i]);
    }
    while (rt_proc_is_alive(rt, &p))
        usleep(1000);
    assert_int_equal(atomic_load(&b->results[6]), RT_ESHUTDOWN);
    assert_true(tu_now() - t0 < 0.5);
    rt_proc_close(&p);
    tu_end(&cx);
}

/* Stress: 16 processes put items and bump a counter under a lock; 64
 * threads of the parent take the items and bump the same counter. */
#define S_PROCS 16
#define S_THREADS 64
#define S_ITEMS 256
#define S_INCS 100

typedef struct {
    RtQueue *q;
    RtArray *counter;
    _Atomic int seen[S_PROCS * S_ITEMS];
} Stress;

static int stress_bump(Rt *rt, int worker, Stress *s)
{
    RtCtx cx = {rt, NULL, worker};
    for (int i = 0; i < S_INCS; i++) {
        int64_t x;
        if (rtlock_acquire(&cx, rtarr_lock(s->counter), 1, 10))
            return 1;
        rtarr_get_int(s->counter, 0, &x);
        rtarr_set_int(&cx, s->counter, 0, x + 1);
        rtlock_release(&cx, rtarr_lock(s->counter));
    }
    return 0;
}

static int stress_producer(Rt *rt, int worker, void *arg)
{
    RtCtx cx = {rt, NULL, worker};
    Stress *s = arg;
    int me = (int)(intptr_t)0;
    RtBuf b = {0};
    /* Which producer am I: my position among the process workers. */
    for (int id = 0; id < worker; id++)
        me += rt_worker(rt, id)->kind == RT_WK_PROC;
    for (int i = 0; i < S_ITEMS; i++) {
        SerVal v = {.kind = SV_INT, .u.i = me * S_ITEMS + i};
        b.len = 0;
        ser_encode(&v, &b);
        if (rtq_put(&cx, s->q, b.data, b.len, 1, 10))
            return 2;
        if (i % 64 == 0 && stress_bump(rt, worker, s))
            return 3;
    }
    rtbuf_free(&b);
    return stress_bump(rt, worker, s) ? 3 : 0;
}

static void stress_consumer(Rt *rt, int worker, void *arg)
{
    RtCtx cx = {rt, NULL, worker};
    Stress *s = arg;
    RtBuf b = {0};
    for (int i = 0; i < S_PROCS * S_ITEMS / S_THREADS; i++) {
        SerVal *v;
        if (rtq_get(&cx, s->q, &b, 1, 10) || ser_decode(b.data, b.len, &v))
            break;
        if (v->kind == SV_INT && v->u.i >= 0 && v->u.i < S_PROCS * S_ITEMS)
            atomic_fetch_add(&s->seen[v->u.i], 1);
        serval_destroy(v);
    }
    rtbuf_free(&b);
    stress_bump(rt, worker, s);
}

static void stress_64_threads_16_processes(void **state)
{
    Rt *rt = tu_rt_caps(16 << 20, 16);
    RtCtx cx = tu_main(rt);
    Stress *s = shm_alloc(rt->arena, sizeof *s);
    RtThread *t[S_THREADS];
    RtProc p[S_PROCS];
    int err, code;
    int64_t total;
    s->q = rtq_create(rt, RTQ_FIFO, 100);
    s->counter = rtarr_create(rt, 'i', 1, &err);
    for (int i = 0; i < S_THREADS; i++)
        assert_int_equal(rt_thread_start(&cx, "consumer", stress_consumer, s, &t[i]), 0);
    for (int i = 0; i < S_PROCS; i++)
        assert_int_equal(rt_proc_start(&cx, "producer", stress_producer, s, &p[i]), 0);
    for (int i = 0; i < S_PROCS; i++) {
        assert_int_equal(rt_proc_join(&cx, &p[i], 20), 0);
        assert_int_equal(rt_proc_exitcode(rt, &p[i], &code), 0);
        assert_int_equal(code, 0);
        rt_proc_close(&p[i]);
    }
    for (int i = 0; i < S_THREADS; i++) {
        assert_int_equal(rt_thread_join(&cx, t[i], 20), 0);
        rt_thread_destroy(t[i]);
    }
    for (int i = 0; i < S_PROCS * S_ITEMS; i++)
        assert_int_equal(atomic_load(&s->seen[i]), 1);
    rtarr_get_int(s->counter, 0, &total);
    assert_int_equal(total, (int64_t)(S_PROCS * (S_ITEMS / 64 + 1) + S_THREADS) * S_INCS);
    assert_true(rtq_empty(s->q));
    assert_int_equal(rt_proc_live(rt), 0);
    tu_end(&cx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(proc_exit_codes),
        cmocka_unit_test(proc_cap),
        cmocka_unit_test(proc_fork_bomb_is_capped),
        cmocka_unit_test(proc_dies_with_parent),
        cmocka_unit_test(proc_child_of_thread_dies_with_root),
        cmocka_unit_test(proc_memory_cap),
        cmocka_unit_test(thread_cap),
        cmocka_unit_test(shutdown_interrupts_waits),
        cmocka_unit_test(stress_64_threads_16_processes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
