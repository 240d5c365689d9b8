/* Processes.  The fork follows tmux's job_run: every signal blocked across
 * fork(); in the child, default dispositions, death with the parent, the
 * memory cap, and _exit only (never the parent's atexit handlers or stdio
 * buffers).  Exit statuses land in the shared worker table, so whichever
 * thread reaps a child, every joiner sees the result. */
#include "rt/proc.h"

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <signal.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "rt/gate.h"
#include "rt/thread.h"

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define RT_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define RT_SANITIZED 1
#endif
#endif
#ifndef RT_SANITIZED
#define RT_SANITIZED 0
#endif

const char *rt_proc_cap_message(Rt *rt)
{
    static _Thread_local char msg[128];
    snprintf(msg, sizeof msg, "too many processes: a lesson may run %d at once",
             rt->sh->caps.max_procs);
    return msg;
}

const char *rt_mem_cap_message(Rt *rt)
{
    static _Thread_local char msg[128];
    snprintf(msg, sizeof msg, "memory cap reached: a process may use %zu MB",
             rt->sh->caps.mem_per_proc >> 20);
    return msg;
}

int rt_proc_mem_cap_active(void)
{
    return !RT_SANITIZED;
}

void rt_proc_init_root(Rt *rt)
{
    (void)rt;
    /* Orphaned grandchildren come to us, so they are reaped and counted. */
    prctl(PR_SET_CHILD_SUBREAPER, 1);
}

int rt_proc_live(Rt *rt)
{
    return atomic_load(&rt->sh->live_procs);
}

static int proc_reserve(Rt *rt)
{
    int n = atomic_load(&rt->sh->live_procs);
    do {
        if (n >= rt->sh->caps.max_procs)
            return RT_ECAP;
    } while (!atomic_compare_exchange_weak(&rt->sh->live_procs, &n, n + 1));
    return 0;
}

static void *proc_watchdog(void *arg)
{
    struct pollfd pf = {(int)(intptr_t)arg, POLLIN, 0};
    while (poll(&pf, 1, -1) < 0 && errno == EINTR)
        ;
    _exit(1);   /* the root of the run is gone: so are we */
    return NULL;
}

/* A thread that ends this process when the root does (pidfd readable). */
static void proc_watch_root(Rt *rt)
{
    int fd = (int)syscall(SYS_pidfd_open, rt->sh->root_pid, 0);
    pthread_attr_t a;
    pthread_t th;
    if (fd < 0) {
        if (errno == ESRCH)
            _exit(1);
        return;     /* no pidfd: kill_all still finds us */
    }
    pthread_attr_init(&a);
    pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&a, 64 << 10);
    pthread_create(&th, &a, proc_watchdog, (void *)(intptr_t)fd);   /* signals still blocked */
    pthread_attr_destroy(&a);
}

/* The child's side of rt_proc_start; never returns. */
static void proc_child(Rt *rt, int id, pid_t parent, int from_main, const sigset_t *mask,
                       RtProcMain fn, void *arg)
{
    RtWorker *w = rt_worker(rt, id);
    int rc;
    for (int sig = 1; sig < NSIG; sig++)
        if (sig != SIGKILL && sig != SIGSTOP)
            signal(sig, SIG_DFL);
    /* PR_SET_PDEATHSIG fires when the forking *thread* ends, so it is only
     * safe when the main thread forked; a child of another thread watches
     * the root process instead. */
    if (from_main)
        prctl(PR_SET_PDEATHSIG, SIGKILL);
    else
        proc_watch_root(rt);
    if (getppid() != parent)
        _exit(1);   /* the parent died before the line above: follow it */
    if (rt->sh->caps.mem_per_proc && !RT_SANITIZED) {
        struct rlimit rl = {rt->sh->caps.mem_per_proc, rt->sh->caps.mem_per_proc};
        setrlimit(RLIMIT_DATA, &rl);
    }
    rt_self_pid_reset();
    rt_thread_after_fork_child();
    atomic_store(&w->pid, (int)getpid());
    atomic_store(&w->tid, (int)gettid());
    atomic_store(&w->state, RT_WS_RUNNING);
    RT_HOOK(id, RT_EV_WORKER_STARTED, w, getpid(), gettid(), 0, NULL, 0);
    pthread_sigmask(SIG_SETMASK, mask, NULL);
    rc = fn(rt, id, arg);
    _exit(rc & 0xff);
}

int rt_proc_start(const RtCtx *cx, const char *name, RtProcMain fn, void *arg, RtProc *out)
{
    Rt *rt = cx->rt;
    pid_t parent = rt_self_pid(), pid;
    int from_main = gettid() == parent, id;
    sigset_t all, old;
    out->pid = -1;
    out->worker = -1;
    out->pidfd = -1;
    if (proc_reserve(rt))
        return RT_ECAP;
    id = rt_worker_add(rt, RT_WK_PROC, cx->worker, name);
    if (id < 0) {
        atomic_fetch_sub(&rt->sh->live_procs, 1);
        return id;
    }
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    pid = fork();
    if (pid == 0)
        proc_child(rt, id, parent, from_main, &old, fn, arg);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (pid < 0) {
        int e = errno;
        atomic_store(&rt_worker(rt, id)->state, RT_WS_ENDED);
        atomic_fetch_sub(&rt->sh->live_procs, 1);
        errno = e;
        return RT_ESYS;
    }
    atomic_store(&rt_worker(rt, id)->pid, (int)pid);
    out->pid = pid;
    out->worker = id;
    out->pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
    return 0;
}

/* Python's Process.exitcode from a wait status. */
static int proc_exitcode(int st)
{
    return WIFEXITED(st) ? WEXITSTATUS(st) : WIFSIGNALED(st) ? -WTERMSIG(st) : st;
}

/* The threads of a process that is gone end with it: they leave the gate
 * and stop counting as waiters anywhere. */
static void proc_end_threads(Rt *rt, int pid)
{
    int n = rt_worker_count(rt);
    for (int id = 0; id < n; id++) {
        RtWorker *t = &rt->sh->workers[id];
        if (t->kind == RT_WK_THREAD && atomic_load(&t->pid) == pid
            && atomic_load(&t->state) != RT_WS_ENDED) {
            atomic_store(&t->state, RT_WS_ENDED);
            gate_forget(rt, id);
        }
    }
}

/* Record a reaped child once, whoever reaped it. */
static void proc_mark_ended(Rt *rt, int id, int status)
{
    RtWorker *w = rt_worker(rt, id);
    int s = atomic_load(&w->state);
    atomic_store(&w->exit_status, status);
    while (s != RT_WS_ENDED) {
        if (atomic_compare_exchange_weak(&w->state, &s, RT_WS_ENDED)) {
            atomic_fetch_sub(&rt->sh->live_procs, 1);
            gate_forget(rt, id);
            proc_end_threads(rt, atomic_load(&w->pid));
            RT_HOOK(id, RT_EV_WORKER_ENDED, w, proc_exitcode(status), status, 0, NULL, 0);
            return;
        }
    }
}

void rt_proc_reap(Rt *rt)
{
    int n = rt_worker_count(rt);
    for (int id = 0; id < n; id++) {
        RtWorker *w = &rt->sh->workers[id];
        int st, s = atomic_load(&w->state);
        pid_t pid = (pid_t)atomic_load(&w->pid), r;
        if (w->kind != RT_WK_PROC || s == RT_WS_FREE || s == RT_WS_ENDED || pid <= 0
            || pid == rt_self_pid())
            continue;
        /* Several threads (and every process of the run) reap: one at a
         * time per worker, so nobody sees "no such child" in the moment
         * between its parent's waitpid and its marking, and calls a clean
         * exit a kill.  A reaper that finds the claim taken looks next time,
         * unless the claimer is a process that died holding it. */
        int me = (int)getpid(), holder = 0;
        if (!atomic_compare_exchange_strong(&w->reaping, &holder, me) &&
            (holder == me || kill(holder, 0) == 0 || errno != ESRCH ||
             !atomic_compare_exchange_strong(&w->reaping, &holder, me)))
            continue;
        if (atomic_load(&w->state) != RT_WS_ENDED) {
            r = waitpid(pid, &st, WNOHANG);
            if (r == pid)
                proc_mark_ended(rt, id, st);
            else if (r < 0 && errno == ECHILD && kill(pid, 0) < 0 && errno == ESRCH)
                proc_mark_ended(rt, id, SIGKILL);   /* gone, reaped outside the run: as if killed */
        }
        atomic_store(&w->reaping, 0);
    }
}

static int proc_ended(Rt *rt, const RtProc *p)
{
    return atomic_load(&rt_worker(rt, p->worker)->state) == RT_WS_ENDED;
}

int rt_proc_join(const RtCtx *cx, RtProc *p, double timeout)
{
    Rt *rt = cx->rt;
    /* on the lesson clock: it stands still while the gate is paused */
    uint64_t until = timeout < 0 ? UINT64_MAX : rt_clock_ns() + (uint64_t)(timeout * 1e9);
    int rc = 0;
    if (p->worker < 0)
        return RT_EVALUE;
    rt_proc_reap(rt);
    if (proc_ended(rt, p)) {
        /* ended already or not yet is timing: the same wake either way */
        rt_block_begin(cx);
        rt_block_end(cx);
        return 0;
    }
    if (timeout == 0)
        return RT_ETIMEDOUT;
    RT_HOOK(cx->worker, RT_EV_JOIN_WAIT, rt_worker(rt, p->worker), p->worker, 0, 0, NULL, 0);
    rt_block_begin(cx);
    for (;;) {
        uint64_t now = rt_clock_ns();
        int ms = RT_POLL_MS;
        if (now >= until) {
            rc = RT_ETIMEDOUT;
            break;
        }
        if (until - now < (uint64_t)ms * 1000000u)
            ms = (int)((until - now + 999999u) / 1000000u);
        if (p->pidfd >= 0) {
            struct pollfd pf = {p->pidfd, POLLIN, 0};
            poll(&pf, 1, ms);
        } else {
            poll(NULL, 0, 1);
        }
        rt_proc_reap(rt);
        if (proc_ended(rt, p))
            break;
        if (rt_shutting_down(rt)) {
            rc = RT_ESHUTDOWN;
            break;
        }
    }
    rt_block_end(cx);
    if (rc == 0)
        RT_HOOK(cx->worker, RT_EV_JOIN_END, rt_worker(rt, p->worker), p->worker, 0, 0, NULL, 0);
    return rc;
}

int rt_proc_is_alive(Rt *rt, RtProc *p)
{
    if (p->worker < 0)
        return 0;
    rt_proc_reap(rt);
    return !proc_ended(rt, p);
}

int rt_proc_exitcode(Rt *rt, RtProc *p, int *code)
{
    int st;
    if (rt_proc_is_alive(rt, p))
        return RT_ETIMEDOUT;
    st = atomic_load(&rt_worker(rt, p->worker)->exit_status);
    *code = proc_exitcode(st);
    return 0;
}

void rt_proc_close(RtProc *p)
{
    if (p->pidfd >= 0)
        close(p->pidfd);
    p->pidfd = -1;
}

int rt_proc_kill_all(Rt *rt)
{
    uint64_t until = rt_now_ns() + 1000000000u;
    int left;
    rt_shutdown_request(rt);
    for (;;) {
        int n = rt_worker_count(rt);
        left = 0;
        for (int id = 0; id < n; id++) {
            RtWorker *w = &rt->sh->workers[id];
            int s = atomic_load(&w->state);
            pid_t pid = (pid_t)atomic_load(&w->pid);
            if (w->kind != RT_WK_PROC || s == RT_WS_FREE || s == RT_WS_ENDED || pid <= 0
                || pid == rt_self_pid())
                continue;
            kill(pid, SIGKILL);
            left++;
        }
        rt_proc_reap(rt);
        if (!left || rt_now_ns() >= until)
            break;
        poll(NULL, 0, 1);
    }
    return left;
}
