/* Lock and RLock on a futex word (Drepper's "futexes are tricky", mutex 2):
 * 0 free, 1 held, 2 held with possible sleepers.  The fast paths never
 * enter the kernel and never touch the GIL; only a real wait releases it, as
 * CPython does.  Emitting order follows trace/event.h: the release hook
 * fires before the word is cleared, the acquire hook after it is won. */
#include "rt/lock.h"

#include <errno.h>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

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
 * deadline.  0 to try again, RT_ETIMEDOUT, RT_ESHUTDOWN. */
static int rtlock_sleep(const Rt *rt, RtLock *l, const struct timespec *deadline)
{
    uint64_t now = rt_now_ns(), wait = (uint64_t)RT_POLL_MS * 1000000u;
    struct timespec rel;
    if (rt_shutting_down(rt))
        return RT_ESHUTDOWN;
    if (deadline) {
        uint64_t d = (uint64_t)deadline->tv_sec * 1000000000u + (uint64_t)deadline->tv_nsec;
        if (d <= now)
            return RT_ETIMEDOUT;
        if (d - now < wait)
            wait = d - now;
    }
    rel.tv_sec = (time_t)(wait / 1000000000u);
    rel.tv_nsec = (long)(wait % 1000000000u);
    syscall(SYS_futex, &l->word, FUTEX_WAIT, 2, &rel, NULL, 0);
    return rt_shutting_down(rt) ? RT_ESHUTDOWN : 0;
}

static int rtlock_acquire_depth(const RtCtx *cx, RtLock *l, int blocking, double timeout,
                                int depth)
{
    struct timespec ts;
    const struct timespec *dl;
    int rc = 0;
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
    while (atomic_exchange_explicit(&l->word, 2, memory_order_acquire) != 0)
        if ((rc = rtlock_sleep(cx->rt, l, dl)))
            break;
    if (rc == 0)
        rtlock_take(cx, l, depth);
    else if (rc == RT_ETIMEDOUT)
        RT_HOOK(cx->worker, RT_EV_LOCK_TIMEOUT, l, 0, 0, 0, NULL, 0);
    rt_block_end(cx);
    return rc;
}

int rtlock_acquire(const RtCtx *cx, RtLock *l, int blocking, double timeout)
{
    return rtlock_acquire_depth(cx, l, blocking, timeout, 1);
}

/* Clear the word and wake one sleeper if there may be one. */
static void rtlock_unlock_word(RtLock *l)
{
    atomic_store_explicit(&l->owner, -1, memory_order_relaxed);
    atomic_store_explicit(&l->owner_pid, 0, memory_order_relaxed);
    if (atomic_exchange_explicit(&l->word, 0, memory_order_release) == 2)
        syscall(SYS_futex, &l->word, FUTEX_WAKE, 1, NULL, NULL, 0);
}

int rtlock_release(const RtCtx *cx, RtLock *l)
{
    if (l->recursive) {
        if (atomic_load_explicit(&l->owner, memory_order_relaxed) != cx->worker)
            return RT_ENOTOWNER;
        RT_HOOK(cx->worker, RT_EV_LOCK_RELEASE, l, l->count - 1, 0, 0, NULL, 0);
        if (--l->count == 0)
            rtlock_unlock_word(l);
        return 0;
    }
    /* Any thread may release a Lock, as in Python. */
    if (atomic_load_explicit(&l->word, memory_order_relaxed) == 0)
        return RT_EUNLOCKED;
    RT_HOOK(cx->worker, RT_EV_LOCK_RELEASE, l, 0, 0, 0, NULL, 0);
    rtlock_unlock_word(l);
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
    rtlock_unlock_word(l);
    return 0;
}

int rtlock_acquire_restore(const RtCtx *cx, RtLock *l, int depth)
{
    return rtlock_acquire_depth(cx, l, 1, -1, depth < 1 ? 1 : depth);
}
