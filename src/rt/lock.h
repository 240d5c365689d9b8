/* Lock and RLock, usable from threads and forked processes (place them in the
 * arena with _create; _init works on any memory for thread-only use).
 *
 * A futex word, not a pthread mutex: the uncontended acquire and release
 * are one atomic instruction each, and a blocked acquire sleeps in the
 * kernel (FUTEX_WAIT without the private flag, so it works across
 * processes on the shared arena) with the caller's GIL released, in slices
 * so that shutdown interrupts it.  As in CPython, a Lock held by a process
 * that died stays held. */
#ifndef PARLAB_RT_LOCK_H
#define PARLAB_RT_LOCK_H

#include "rt/rt.h"

typedef struct RtLock {
    _Atomic uint32_t word;    /* 0 free, 1 held, 2 held and someone may sleep */
    int recursive;            /* RLock */
    _Atomic int owner;        /* worker id of the holder, -1 (informational for Lock) */
    _Atomic int owner_pid;
    int count;                /* RLock depth; only the holder touches it */
} RtLock;

void rtlock_init(RtLock *l, int recursive);
void rtlock_free(RtLock *l);
RtLock *rtlock_create(Rt *rt, int recursive);    /* NULL: arena cap */
void rtlock_destroy(Rt *rt, RtLock *l);

/* Python's acquire(blocking, timeout): 0 when acquired; RT_ETIMEDOUT when
 * not (False); RT_ESHUTDOWN.  timeout < 0 waits forever. */
int rtlock_acquire(const RtCtx *cx, RtLock *l, int blocking, double timeout);
/* 0; RT_EUNLOCKED (Lock not held); RT_ENOTOWNER (RLock not held by the caller) */
int rtlock_release(const RtCtx *cx, RtLock *l);
int rtlock_locked(RtLock *l);
int rtlock_owner(RtLock *l);                      /* worker id or -1 */
int rtlock_is_owned(const RtCtx *cx, RtLock *l);  /* Condition's check */

/* For Condition.wait: let go completely, then take back the same depth. */
int rtlock_release_save(const RtCtx *cx, RtLock *l, int *depth);
int rtlock_acquire_restore(const RtCtx *cx, RtLock *l, int depth);

#endif
