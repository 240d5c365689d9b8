/* Semaphore, Event and Condition, shared like locks (see lock.h). */
#ifndef PARLAB_RT_SYNC_H
#define PARLAB_RT_SYNC_H

#include "rt/lock.h"

typedef struct RtSem {
    PsMutex mu;
    PsCond cv;
    int64_t value;
    int64_t bound;            /* BoundedSemaphore: initial value; 0 = none */
    int nwaiters;
} RtSem;

RtSem *rtsem_create(Rt *rt, int64_t value, int bounded);
void rtsem_destroy(Rt *rt, RtSem *s);
int rtsem_acquire(const RtCtx *cx, RtSem *s, int blocking, double timeout); /* 0 / RT_ETIMEDOUT */
int rtsem_release(const RtCtx *cx, RtSem *s, int64_t n);                    /* RT_EVALUE past bound */
int64_t rtsem_value(RtSem *s);

typedef struct RtEvent {
    PsMutex mu;
    PsCond cv;
    int flag;
} RtEvent;

RtEvent *rtevent_create(Rt *rt);
void rtevent_destroy(Rt *rt, RtEvent *e);
void rtevent_set(const RtCtx *cx, RtEvent *e);
void rtevent_clear(const RtCtx *cx, RtEvent *e);
int rtevent_is_set(RtEvent *e);
int rtevent_wait(const RtCtx *cx, RtEvent *e, double timeout);   /* 0 set / RT_ETIMEDOUT */

/* Waiters queue in order through the worker table, so notify(n) wakes
 * exactly the n oldest, as CPython's deque of waiter locks does. */
typedef struct RtCondition {
    PsMutex mu;
    PsCond cv;
    int head, tail;
    RtLock *lock;             /* the user-visible lock (an RLock by default) */
    int own_lock;             /* created with it, destroyed with it */
} RtCondition;

/* lock NULL: a new RLock in the arena, as threading.Condition() does. */
RtCondition *rtcond_create(Rt *rt, RtLock *lock);
void rtcond_destroy(Rt *rt, RtCondition *c);
/* The caller must hold c->lock (RT_ENOTOWNER otherwise).  0 notified,
 * RT_ETIMEDOUT, RT_ESHUTDOWN; the lock is held again in every case but shutdown. */
int rtcond_wait(const RtCtx *cx, RtCondition *c, double timeout);
int rtcond_notify(const RtCtx *cx, RtCondition *c, int n);      /* n < 0: all */

#endif
