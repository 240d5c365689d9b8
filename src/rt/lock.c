/* Lock and RLock on a futex word (Drepper's "futexes are tricky", mutex 2):
 * 0 free, 1 held, 2 held with possible sleepers.  The fast paths never
 * enter the kernel and never touch the GIL; only a real wait releases it, as
 * CPython does.  Emitting order follows trace/event.h: the release hook
 * fires before the word is cleared, the acquire hook after it is won. */
#include "rt/lock.h"

#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "rt/gate.h"

void rtlock_init(RtLock *l, int recursive)
{
    atomic_init(&l->word, 0);
    l->recursive = recursive;
    atomic_init(&l->owner, -1);
    atomic_init(&l->owner_pid, 0);
    l->count = 0;
}

void rtlock_free(RtLock *l)
{
    (void)l;
}

RtLock *rtlock_create(Rt *rt, int recursive)
{
    RtLock *l = shm_alloc(rt->arena, sizeof *l);
    if (l)
        rtlock_init(l, recursive);
    return l;
}

void rtlock_destroy(Rt *rt, RtLock *l)
{
    if (!l)
        return;
    rtlock_free(l);
    shm_free(rt->arena, l);
}

static int rtlock_try(RtLock *l)
{
    uint32_t free_word = 0;
    return atomic_compare_exchange_strong_explicit(&l->word, &free_word, 1, memory_order_acquire,
                                                   memory_order_relaxed);
}

/* The word is ours: record who holds it. */
static void rtlock_take(const RtCtx *cx, RtLock *l, int depth)
{
    atomic_store_explicit(&l->owner, cx->worker, memory_order_relaxed);
    atomic_store_explicit(&l->owner_pid, (int)rt_self_pid(), memory_order_relaxed);
    if (l->recursive)
        l->count = depth;
    RT_HOOK(cx->worker, RT_EV_LOCK_ACQUIRE, l, depth, 0, 0, NULL, 0);
}

/* Sleep while the word is 2, for at most one poll slice and not past the
 * deadline (on the lesson clock: it stands still while the gate is paused).
 * 0 to look again, RT_ETIMEDOUT, RT_ESHUTDOWN. */
static int rtlock_sleep(const Rt *rt, RtLock *l, const struct timespec *deadline)
{
    uint64_t left = rt_deadline_left(deadline), wait = (uint64_t)RT_POLL_MS * 1000000u;
    struct timespec rel;
    if (rt_shutting_down(rt))
        return RT_ESHUTDOWN;
    if (!left)
        return RT_ETIMEDOUT;
    if (left < wait)
        wait = left;
    rel.tv_sec = (time_t)(wait / 1000000000u);
    rel.tv_nsec = (long)(wait % 1000000000u);
    syscall(SYS_futex, &l->word, FUTEX_WAIT, 2, &rel, NULL, 0);
    return rt_shutting_down(rt) ? RT_ESHUTDOWN : 0;
}

/* The contended acquire.  A waiter that finds the word free (or its time
 * up) is at a wake: who takes a released lock is the OS's choice, so it
 * passes the gate first (gate.h) and only then tries to take the word; under
 * control the replayed schedule thus decides which waiter wins, and a
 * waiter granted too early (the lock taken again meanwhile) sleeps on.
 * Free running the gate is one load; a recording marks the wake after the
 * word was won, where no other taker can come between. */
static int rtlock_wait(const RtCtx *cx, RtLock *l, const struct timespec *dl, int depth)
{
    int timed_out = 0;
    for (;;) {
        uint32_t c = atomic_load_explicit(&l->word, memory_order_relaxed);
        if (c != 0 && !timed_out) {
            /* Say that someone sleeps before sleeping (1 -> 2). */
            if (c == 1 && !atomic_compare_exchange_strong_explicit(
                              &l->word, &c, 2, memory_order_relaxed, memory_order_relaxed))
                continue;
            int rc = rtlock_sleep(cx->rt, l, dl);
            if (rc == RT_ESHUTDOWN)
                return rc;
            timed_out = rc == RT_ETIMEDOUT;
            continue;
        }
        int passed = gate_wake(cx, c == 0 ? RT_EV_LOCK_ACQUIRE : RT_EV_LOCK_TIMEOUT);
        if (passed == RT_ESHUTDOWN)
            return passed;
        if (atomic_exchange_explicit(&l->word, 2, memory_order_acquire) == 0) {
            if (!passed)
                gate_mark(cx, RT_EV_LOCK_ACQUIRE);
            rtlock_take(cx, l, depth);
            return 0;
        }
        if (timed_out) {
            if (!passed)
                gate_mark(cx, RT_EV_LOCK_TIMEOUT);
            return RT_ETIMEDOUT;
        }
        if (passed)
            gate_set_blocked(cx, 1);    /* granted, but the lock went meanwhile */
    }
}

static int rtlock_acquire_depth(const RtCtx *cx, RtLock *l, int blocking, double timeout,
                                int depth)
{
    struct timespec ts;
    const struct timespec *dl;
    int rc;
    /* Only the holder ever stores its own id, so this test needs no lock. */
    if (l->recursive && atomic_load_explicit(&l->owner, memory_order_relaxed) == cx->worker) {
        l->count += depth;
        RT_HOOK(cx->worker, RT_EV_LOCK_ACQUIRE, l, l->count, 0, 0, NULL, 0);
        return 0;
    }
    if (rtlock_try(l)) {
        rtlock_take(cx, l, depth);
        return 0;
    }
    if (!blocking || timeout == 0)
        return RT_ETIMEDOUT;
    dl = rt_deadline(timeout, &ts);
    RT_HOOK(cx->worker, RT_EV_LOCK_WAIT, l, atomic_load_explicit(&l->owner, memory_order_relaxed),
            0, 0, NULL, 0);
    rt_block_begin(cx);
    rc = rtlock_wait(cx, l, dl, depth);
    if (rc == RT_ETIMEDOUT)
        RT_HOOK(cx->worker, RT_EV_LOCK_TIMEOUT, l, 0, 0, 0, NULL, 0);
    rt_block_resume(cx);
    return rc;
}

int rtlock_acquire(const RtCtx *cx, RtLock *l, int blocking, double timeout)
{
    return rtlock_acquire_depth(cx, l, blocking, timeout, 1);
}

/* Clear the word and wake one sleeper if there may be one.  Under control
 * every sleeper wakes: each goes to the gate, and the schedule picks the
 * one that takes the lock (a single woken one may not be it). */
static void rtlock_unlock_word(const RtCtx *cx, RtLock *l)
{
    atomic_store_explicit(&l->owner, -1, memory_order_relaxed);
    atomic_store_explicit(&l->owner_pid, 0, memory_order_relaxed);
    if (atomic_exchange_explicit(&l->word, 0, memory_order_release) == 2) {
        int n = atomic_load_explicit(&cx->rt->gate->controlled, memory_order_relaxed) ? INT_MAX : 1;
        syscall(SYS_futex, &l->word, FUTEX_WAKE, n, NULL, NULL, 0);
    }
}

int rtlock_release(const RtCtx *cx, RtLock *l)
{
    if (l->recursive) {
        if (atomic_load_explicit(&l->owner, memory_order_relaxed) != cx->worker)
            return RT_ENOTOWNER;
        RT_HOOK(cx->worker, RT_EV_LOCK_RELEASE, l, l->count - 1, 0, 0, NULL, 0);
        if (--l->count == 0)
            rtlock_unlock_word(cx, l);
        return 0;
    }
    /* Any thread may release a Lock, as in Python. */
    if (atomic_load_explicit(&l->word, memory_order_relaxed) == 0)
        return RT_EUNLOCKED;
    RT_HOOK(cx->worker, RT_EV_LOCK_RELEASE, l, 0, 0, 0, NULL, 0);
    rtlock_unlock_word(cx, l);
    return 0;
}

int rtlock_locked(RtLock *l)
{
    return atomic_load_explicit(&l->word, memory_order_relaxed) != 0;
}

int rtlock_owner(RtLock *l)
{
    return atomic_load_explicit(&l->owner, memory_order_relaxed);
}

int rtlock_is_owned(const RtCtx *cx, RtLock *l)
{
    /* A plain Lock has no owner in Python: CPython's Condition only checks
     * that it is held, so we do the same. */
    if (!l->recursive)
        return rtlock_locked(l);
    return atomic_load_explicit(&l->owner, memory_order_relaxed) == cx->worker;
}

int rtlock_release_save(const RtCtx *cx, RtLock *l, int *depth)
{
    *depth = 0;
    if (!rtlock_is_owned(cx, l))
        return RT_ENOTOWNER;
    *depth = l->recursive ? l->count : 1;
    RT_HOOK(cx->worker, RT_EV_LOCK_RELEASE, l, 0, 0, 0, NULL, 0);
    if (l->recursive)
        l->count = 0;
    rtlock_unlock_word(cx, l);
    return 0;
}

int rtlock_acquire_restore(const RtCtx *cx, RtLock *l, int depth)
{
    return rtlock_acquire_depth(cx, l, 1, -1, depth < 1 ? 1 : depth);
}
