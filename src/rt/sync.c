/* Semaphore, Event and Condition.  Each blocking path follows the same shape
 * as lock.c: try under the mutex; if it must wait, drop the mutex, release
 * the GIL, re-take the mutex and wait through rt_cond_wait (deadline and
 * shutdown aware), and take the GIL back only after the mutex is released. */
#include "rt/sync.h"

#include <limits.h>

#include "rt/gate.h"

RtSem *rtsem_create(Rt *rt, int64_t value, int bounded)
{
    RtSem *s = shm_alloc(rt->arena, sizeof *s);
    if (!s)
        return NULL;
    psmutex_init(&s->mu);
    pscond_init(&s->cv);
    s->value = value;
    s->bound = bounded ? value : 0;
    return s;
}

void rtsem_destroy(Rt *rt, RtSem *s)
{
    if (!s)
        return;
    pscond_free(&s->cv);
    psmutex_free(&s->mu);
    shm_free(rt->arena, s);
}

int rtsem_acquire(const RtCtx *cx, RtSem *s, int blocking, double timeout)
{
    struct timespec ts;
    const struct timespec *dl;
    int rc = 0;
    psmutex_lock(&s->mu);
    if (s->value > 0) {
        s->value--;
        RT_HOOK(cx->worker, RT_EV_SEM_ACQUIRE, s, s->value, 0, 0, NULL, 0);
        psmutex_unlock(&s->mu);
        return 0;
    }
    if (!blocking || timeout == 0) {
        psmutex_unlock(&s->mu);
        return RT_ETIMEDOUT;
    }
    dl = rt_deadline(timeout, &ts);
    RT_HOOK(cx->worker, RT_EV_SEM_WAIT, s, s->value, 0, 0, NULL, 0);
    psmutex_unlock(&s->mu);
    rt_block_begin(cx);
    psmutex_lock(&s->mu);
    s->nwaiters++;
    /* Which waiter gets a released unit is a wake (gate.h): the schedule's
     * choice under control; granted too early, it waits on. */
    for (;;) {
        while (s->value == 0 && rc == 0)
            rc = rt_cond_wait(cx->rt, &s->cv, &s->mu, dl);
        if (rc == RT_ESHUTDOWN)
            break;
        int p = gate_wake_locked(cx, &s->mu, s->value > 0 ? RT_EV_SEM_ACQUIRE : RT_EV_LOCK_TIMEOUT);
        if (p <= 0 || s->value > 0 || rc == RT_ETIMEDOUT) {
            if (p == RT_ESHUTDOWN)
                rc = p;
            break;
        }
        gate_set_blocked(cx, 1);
    }
    s->nwaiters--;
    if (s->value > 0 && rc != RT_ESHUTDOWN) {
        s->value--;
        rc = 0;
        RT_HOOK(cx->worker, RT_EV_SEM_ACQUIRE, s, s->value, 0, 0, NULL, 0);
    }
    psmutex_unlock(&s->mu);
    rt_block_resume(cx);
    return rc;
}

int rtsem_release(const RtCtx *cx, RtSem *s, int64_t n)
{
    psmutex_lock(&s->mu);
    if (n < 1 || (s->bound && s->value + n > s->bound)) {
        psmutex_unlock(&s->mu);
        return RT_EVALUE;
    }
    s->value += n;
    RT_HOOK(cx->worker, RT_EV_SEM_RELEASE, s, s->value, 0, 0, NULL, 0);
    if (s->nwaiters)
        pscond_broadcast(&s->cv);
    psmutex_unlock(&s->mu);
    return 0;
}

int64_t rtsem_value(RtSem *s)
{
    int64_t v;
    psmutex_lock(&s->mu);
    v = s->value;
    psmutex_unlock(&s->mu);
    return v;
}

RtEvent *rtevent_create(Rt *rt)
{
    RtEvent *e = shm_alloc(rt->arena, sizeof *e);
    if (!e)
        return NULL;
    psmutex_init(&e->mu);
    pscond_init(&e->cv);
    return e;
}

void rtevent_destroy(Rt *rt, RtEvent *e)
{
    if (!e)
        return;
    pscond_free(&e->cv);
    psmutex_free(&e->mu);
    shm_free(rt->arena, e);
}

void rtevent_set(const RtCtx *cx, RtEvent *e)
{
    psmutex_lock(&e->mu);
    e->flag = 1;
    RT_HOOK(cx->worker, RT_EV_EVENT_SET, e, 0, 0, 0, NULL, 0);
    pscond_broadcast(&e->cv);
    psmutex_unlock(&e->mu);
}

void rtevent_clear(const RtCtx *cx, RtEvent *e)
{
    psmutex_lock(&e->mu);
    e->flag = 0;
    RT_HOOK(cx->worker, RT_EV_EVENT_CLEAR, e, 0, 0, 0, NULL, 0);
    psmutex_unlock(&e->mu);
}

int rtevent_is_set(RtEvent *e)
{
    int f;
    psmutex_lock(&e->mu);
    f = e->flag;
    psmutex_unlock(&e->mu);
    return f;
}

int rtevent_wait(const RtCtx *cx, RtEvent *e, double timeout)
{
    struct timespec ts;
    const struct timespec *dl;
    int rc = 0;
    psmutex_lock(&e->mu);
    if (e->flag || timeout == 0) {
        rc = e->flag ? 0 : RT_ETIMEDOUT;
        psmutex_unlock(&e->mu);
        return rc;
    }
    dl = rt_deadline(timeout, &ts);
    RT_HOOK(cx->worker, RT_EV_EVENT_WAIT, e, 0, 0, 0, NULL, 0);
    psmutex_unlock(&e->mu);
    rt_block_begin(cx);
    psmutex_lock(&e->mu);
    while (!e->flag && rc == 0)
        rc = rt_cond_wait(cx->rt, &e->cv, &e->mu, dl);
    if (e->flag && rc != RT_ESHUTDOWN)
        rc = 0;
    RT_HOOK(cx->worker, RT_EV_EVENT_WAKE, e, rc == 0, 0, 0, NULL, 0);
    psmutex_unlock(&e->mu);
    rt_block_end(cx);
    return rc;
}

RtCondition *rtcond_create(Rt *rt, RtLock *lock)
{
    RtCondition *c = shm_alloc(rt->arena, sizeof *c);
    if (!c)
        return NULL;
    if (!lock) {
        if (!(lock = rtlock_create(rt, 1))) {
            shm_free(rt->arena, c);
            return NULL;
        }
        c->own_lock = 1;
    }
    psmutex_init(&c->mu);
    pscond_init(&c->cv);
    c->head = c->tail = -1;
    c->lock = lock;
    return c;
}

void rtcond_destroy(Rt *rt, RtCondition *c)
{
    if (!c)
        return;
    if (c->own_lock)
        rtlock_destroy(rt, c->lock);
    pscond_free(&c->cv);
    psmutex_free(&c->mu);
    shm_free(rt->arena, c);
}

/* With c->mu held: remove worker id from the waiters (after a timeout). */
static void rtcond_unlink(Rt *rt, RtCondition *c, int id)
{
    int prev = -1;
    for (int cur = c->head; cur >= 0; prev = cur, cur = rt->sh->workers[cur].cond_next) {
        if (cur != id)
            continue;
        if (prev >= 0)
            rt->sh->workers[prev].cond_next = rt->sh->workers[cur].cond_next;
        else
            c->head = rt->sh->workers[cur].cond_next;
        if (c->tail == id)
            c->tail = prev;
        rt->sh->workers[cur].cond_next = -1;
        return;
    }
}

int rtcond_wait(const RtCtx *cx, RtCondition *c, double timeout)
{
    Rt *rt = cx->rt;
    RtWorker *w = rt_worker(rt, cx->worker);
    struct timespec ts;
    const struct timespec *dl;
    int rc = 0, depth, rrc;
    if (!w || !rtlock_is_owned(cx, c->lock))
        return RT_ENOTOWNER;
    dl = rt_deadline(timeout, &ts);
    /* Join the queue before letting go of the lock, so that a notify made
     * by whoever takes the lock next cannot be missed. */
    psmutex_lock(&c->mu);
    w->cond_woken = 0;
    w->cond_next = -1;
    if (c->tail >= 0)
        rt->sh->workers[c->tail].cond_next = cx->worker;
    else
        c->head = cx->worker;
    c->tail = cx->worker;
    RT_HOOK(cx->worker, RT_EV_COND_WAIT, c, 0, 0, 0, NULL, 0);
    psmutex_unlock(&c->mu);
    rtlock_release_save(cx, c->lock, &depth);
    rt_block_begin(cx);
    psmutex_lock(&c->mu);
    while (!w->cond_woken && rc == 0)
        rc = rt_cond_wait(rt, &c->cv, &c->mu, dl);
    if (w->cond_woken)
        rc = 0;
    else
        rtcond_unlink(rt, c, cx->worker);
    RT_HOOK(cx->worker, RT_EV_COND_WAKE, c, rc == 0, 0, 0, NULL, 0);
    psmutex_unlock(&c->mu);
    rt_block_end(cx);
    if (rc == RT_ESHUTDOWN)
        return rc;
    rrc = rtlock_acquire_restore(cx, c->lock, depth);
    return rrc ? rrc : rc;
}

int rtcond_notify(const RtCtx *cx, RtCondition *c, int n)
{
    Rt *rt = cx->rt;
    int woke = 0;
    if (!rtlock_is_owned(cx, c->lock))
        return RT_ENOTOWNER;
    if (n < 0)
        n = INT_MAX;
    psmutex_lock(&c->mu);
    while (woke < n && c->head >= 0) {
        RtWorker *w = &rt->sh->workers[c->head];
        c->head = w->cond_next;
        if (c->head < 0)
            c->tail = -1;
        w->cond_next = -1;
        w->cond_woken = 1;
        /* A waiter whose process died takes no notification away. */
        if (atomic_load(&w->state) != RT_WS_ENDED)
            woke++;
    }
    RT_HOOK(cx->worker, RT_EV_COND_NOTIFY, c, woke, 0, 0, NULL, 0);
    if (woke)
        pscond_broadcast(&c->cv);
    psmutex_unlock(&c->mu);
    return 0;
}
