/* rt benchmark: what the runtime's primitives cost on this machine.
 *   - the gate and the GIL check point when nobody is stepping or waiting
 *     (the price every visible action and every back edge pays);
 *   - uncontended Lock acquire/release against a raw pthread mutex and the
 *     robust process-shared mutex underneath, in the same run;
 *   - a queue put+get round trip between two processes, and within one;
 *   - starting and joining a thread and a process.
 * Built and run by bench/rt_bench.sh, not by make. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "rt/gate.h"
#include "rt/gil.h"
#include "rt/lock.h"
#include "rt/proc.h"
#include "rt/queue.h"
#include "rt/sync.h"
#include "rt/thread.h"

static volatile uint64_t sink;

static double bench_now(void)
{
    return (double)rt_now_ns();
}

/* ns per iteration of a loop body, minus an empty loop of the same shape. */
#define BENCH_LOOP(n, body)                                  \
    ({                                                       \
        double t0_ = bench_now();                            \
        for (long i_ = 0; i_ < (n); i_++) {                  \
            body;                                            \
            sink += (uint64_t)i_;                            \
        }                                                    \
        (bench_now() - t0_) / (double)(n);                   \
    })

static void bench_free_paths(Rt *rt, RtCtx *cx)
{
    const long n = 50000000;
    Gil gil;
    GilThread ts;
    double base, gate, check;
    gil_init(&gil);
    gil_thread_init(&ts, &gil, cx->worker);
    gil_acquire(&ts);
    base = BENCH_LOOP(n, (void)0);
    gate = BENCH_LOOP(n, if (gate_pass(cx, 0, 0)) abort());
    check = BENCH_LOOP(n, gil_yield_if_requested(&ts));
    printf("%-44s %8.2f ns (loop alone %.2f ns)\n", "gate_pass, free running (added)", gate - base,
           base);
    printf("%-44s %8.2f ns\n", "gil_yield_if_requested, nobody waiting (added)", check - base);
    gil_release(&ts);
    gil_thread_free(&ts);
    gil_free(&gil);
}

static void *bench_idle(void *arg)
{
    RtEvent *e = arg;
    while (!rtevent_is_set(e))
        usleep(1000);
    return NULL;
}

/* glibc skips the atomic instructions of pthread_mutex_lock while a process
 * has a single thread, so an idle second thread keeps the comparison honest:
 * lesson processes with threads pay the atomic price. */
static void bench_locks(Rt *rt, RtCtx *cx)
{
    const long n = 5000000;
    pthread_mutex_t raw = PTHREAD_MUTEX_INITIALIZER;
    PsMutex ps;
    RtLock *l = rtlock_create(rt, 0), *r = rtlock_create(rt, 1);
    double t_raw, t_ps, t_lock, t_rlock;
    RtEvent *stop = rtevent_create(rt);
    pthread_t idle;
    double t_single = BENCH_LOOP(n, pthread_mutex_lock(&raw); pthread_mutex_unlock(&raw));
    pthread_create(&idle, NULL, bench_idle, stop);
    psmutex_init(&ps);
    t_raw = BENCH_LOOP(n, pthread_mutex_lock(&raw); pthread_mutex_unlock(&raw));
    t_ps = BENCH_LOOP(n, psmutex_lock(&ps); psmutex_unlock(&ps));
    t_lock = BENCH_LOOP(n, rtlock_acquire(cx, l, 1, -1); rtlock_release(cx, l));
    t_rlock = BENCH_LOOP(n, rtlock_acquire(cx, r, 1, -1); rtlock_release(cx, r));
    rtevent_set(cx, stop);
    pthread_join(idle, NULL);
    printf("%-44s %8.2f ns\n", "pthread_mutex lock+unlock, one thread", t_single);
    printf("%-44s %8.2f ns\n", "pthread_mutex lock+unlock (raw)", t_raw);
    printf("%-44s %8.2f ns  (%.1fx raw)\n", "PsMutex lock+unlock (robust, pshared)", t_ps,
           t_ps / t_raw);
    printf("%-44s %8.2f ns  (%.1fx raw)\n", "Lock acquire+release, uncontended", t_lock,
           t_lock / t_raw);
    printf("%-44s %8.2f ns  (%.1fx raw)\n", "RLock acquire+release, uncontended", t_rlock,
           t_rlock / t_raw);
    rtlock_destroy(rt, l);
    rtlock_destroy(rt, r);
    psmutex_free(&ps);
}

typedef struct {
    RtQueue *ping, *pong;
    long n;
} PingPong;

static int bench_echo(Rt *rt, int worker, void *arg)
{
    PingPong *pp = arg;
    RtCtx cx = {rt, NULL, worker};
    RtBuf b = {0};
    for (long i = 0; i < pp->n; i++) {
        if (rtq_get(&cx, pp->ping, &b, 1, 10) || rtq_put(&cx, pp->pong, b.data, b.len, 1, 10))
            return 1;
    }
    rtbuf_free(&b);
    return 0;
}

static void bench_queue(Rt *rt, RtCtx *cx)
{
    const long n = 20000;
    static const uint8_t item[] = {'U', 2, 'I', 84, 'S', 5, 'h', 'e', 'l', 'l', 'o'};
    PingPong *pp = shm_alloc(rt->arena, sizeof *pp);
    RtQueue *q = rtq_create(rt, RTQ_FIFO, 0);
    RtBuf b = {0};
    RtProc p;
    double t0, local, cross;
    local = BENCH_LOOP(n * 10, rtq_put(cx, q, item, sizeof item, 1, -1);
                       rtq_get(cx, q, &b, 1, -1));
    pp->ping = rtq_create(rt, RTQ_FIFO, 0);
    pp->pong = rtq_create(rt, RTQ_FIFO, 0);
    pp->n = n;
    if (rt_proc_start(cx, "echo", bench_echo, pp, &p)) {
        printf("cannot start the echo process\n");
        return;
    }
    t0 = bench_now();
    for (long i = 0; i < n; i++)
        if (rtq_put(cx, pp->ping, item, sizeof item, 1, 10) || rtq_get(cx, pp->pong, &b, 1, 10))
            abort();
    cross = (bench_now() - t0) / (double)n;
    rt_proc_join(cx, &p, 10);
    rt_proc_close(&p);
    printf("%-44s %8.2f ns\n", "Queue put+get, same thread (11-byte item)", local);
    printf("%-44s %8.2f us\n", "Queue round trip to another process", cross / 1e3);
    rtbuf_free(&b);
}

static void bench_noop_thread(Rt *rt, int worker, void *arg)
{
}

static int bench_noop_proc(Rt *rt, int worker, void *arg)
{
    return 0;
}

static void bench_start(Rt *rt, RtCtx *cx)
{
    const int n = 100;
    double t0 = bench_now(), t_thread, t_proc, t_fork;
    for (int i = 0; i < n; i++) {
        RtThread *t;
        if (rt_thread_start(cx, "t", bench_noop_thread, NULL, &t))
            abort();
        rt_thread_join(cx, t, -1);
        rt_thread_destroy(t);
    }
    t_thread = (bench_now() - t0) / n;
    t0 = bench_now();
    for (int i = 0; i < n; i++) {
        RtProc p;
        if (rt_proc_start(cx, "p", bench_noop_proc, NULL, &p))
            abort();
        rt_proc_join(cx, &p, -1);
        rt_proc_close(&p);
    }
    t_proc = (bench_now() - t0) / n;
    t0 = bench_now();
    for (int i = 0; i < n; i++) {
        pid_t pid = fork();
        if (pid == 0)
            _exit(0);
        waitpid(pid, NULL, 0);
    }
    t_fork = (bench_now() - t0) / n;
    printf("%-44s %8.1f us\n", "thread start+join", t_thread / 1e3);
    printf("%-44s %8.1f us\n", "process start+join (fork, pidfd)", t_proc / 1e3);
    printf("%-44s %8.1f us\n", "bare fork+_exit+waitpid, same run", t_fork / 1e3);
}

int main(void)
{
    RtCaps caps;
    char err[256];
    Rt *rt;
    RtCtx cx;
    rt_caps_default(&caps);
    caps.max_workers = RT_MAX_WORKERS;
    if (!(rt = rt_create(&caps, err, sizeof err))) {
        fprintf(stderr, "rt_bench: %s\n", err);
        return 1;
    }
    cx = (RtCtx){rt, NULL, rt_thread_register_main(rt, -1, "main")};
    bench_free_paths(rt, &cx);
    bench_locks(rt, &cx);
    bench_queue(rt, &cx);
    bench_start(rt, &cx);
    rt_proc_kill_all(rt);
    rt_destroy(rt);
    return 0;
}
