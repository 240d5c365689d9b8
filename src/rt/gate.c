/* The gate.  The arrival list is threaded through the worker table
 * (RtWorker.gate_next), so announcing costs no allocation; all list and
 * state changes happen under the gate's mutex, the flag alone is read
 * without it. */
#include "rt/gate.h"

#include "rt/gil.h"

RtGate *gate_create(Rt *rt)
{
    RtGate *g = shm_alloc(rt->arena, sizeof *g);
    if (!g)
        return NULL;
    atomic_init(&g->controlled, 0);
    psmutex_init(&g->mu);
    pscond_init(&g->cv);
    pscond_init(&g->ctl);
    g->head = g->tail = -1;
    for (int k = 0; k < RT_EV_COUNT; k++)
        g->wake_action[k] = k;      /* until the interpreter names them */
    atomic_init(&g->clock_frozen, 0);
    atomic_init(&g->clock_offset, 0);
    return g;
}

/* The lesson clock.  Writers hold g->mu; readers take no lock: go stores
 * the new offset before it unfreezes, so a reader sees either the frozen
 * value or the running clock continuing from it. */
uint64_t gate_clock_ns(const Rt *rt)
{
    const RtGate *g = rt->gate;
    uint64_t f = atomic_load_explicit(&g->clock_frozen, memory_order_acquire);
    if (f)
        return f;
    return rt_now_ns() - atomic_load_explicit(&g->clock_offset, memory_order_acquire);
}

static void gate_clock_stop_locked(RtGate *g)
{
    if (atomic_load(&g->clock_frozen))
        return;
    uint64_t v = rt_now_ns() - atomic_load(&g->clock_offset);
    atomic_store(&g->clock_frozen, v ? v : 1);
}

static void gate_clock_go_locked(RtGate *g)
{
    uint64_t f = atomic_load(&g->clock_frozen);
    if (!f)
        return;
    atomic_store(&g->clock_offset, rt_now_ns() - f);
    atomic_store(&g->clock_frozen, 0);
}

void gate_clock_stop(Rt *rt)
{
    if (atomic_load(&rt->gate->clock_frozen))
        return;
    psmutex_lock(&rt->gate->mu);
    gate_clock_stop_locked(rt->gate);
    psmutex_unlock(&rt->gate->mu);
}

void gate_clock_go(Rt *rt)
{
    if (!atomic_load(&rt->gate->clock_frozen))
        return;
    psmutex_lock(&rt->gate->mu);
    gate_clock_go_locked(rt->gate);
    psmutex_unlock(&rt->gate->mu);
}

void gate_set_marks(Rt *rt, int on)
{
    rt->gate->marks = on;
}

void gate_set_wake_action(Rt *rt, RtEvKind kind, int action)
{
    if ((unsigned)kind < RT_EV_COUNT)
        rt->gate->wake_action[kind] = action;
}

void gate_set_blocked(const RtCtx *cx, int blocked)
{
    RtWorker *w = rt_worker(cx->rt, cx->worker);
    if (w)
        atomic_store_explicit(&w->gate_blocked, blocked, memory_order_release);
}

int gate_is_away(Rt *rt, int worker)
{
    const RtWorker *w = rt_worker(rt, worker);
    return !w || atomic_load_explicit(&w->gate_blocked, memory_order_acquire) ||
           atomic_load(&w->state) == RT_WS_ENDED;
}

/* With g->mu held: unlink worker id from the arrival list; 1 if it was there. */
static int gate_unlink(Rt *rt, RtGate *g, int id)
{
    int prev = -1;
    for (int cur = g->head; cur >= 0; prev = cur, cur = rt->sh->workers[cur].gate_next) {
        if (cur != id)
            continue;
        if (prev >= 0)
            rt->sh->workers[prev].gate_next = rt->sh->workers[cur].gate_next;
        else
            g->head = rt->sh->workers[cur].gate_next;
        if (g->tail == id)
            g->tail = prev;
        rt->sh->workers[cur].gate_next = -1;
        g->nwaiting--;
        return 1;
    }
    return 0;
}

int gate_wait(const RtCtx *cx, int action, int line)
{
    Rt *rt = cx->rt;
    RtGate *g = rt->gate;
    RtWorker *w = rt_worker(rt, cx->worker);
    int rc = 0;
    if (!w)
        return RT_EVALUE;
    if (cx->gil)
        gil_release(cx->gil);
    psmutex_lock(&g->mu);
    if (atomic_load(&g->controlled)) {
        w->gate_state = GATE_WAITING;
        w->gate_action = action;
        w->gate_line = line;
        w->gate_next = -1;
        if (g->tail >= 0)
            rt->sh->workers[g->tail].gate_next = cx->worker;
        else
            g->head = cx->worker;
        g->tail = cx->worker;
        g->nwaiting++;
        g->arrivals++;
        pscond_broadcast(&g->ctl);
        RT_HOOK(cx->worker, RT_EV_GATE_WAIT, g, action, line, 0, NULL, 0);
        while (w->gate_state == GATE_WAITING && atomic_load(&g->controlled)) {
            rc = rt_cond_wait(rt, &g->cv, &g->mu, NULL);
            if (rc == RT_ESHUTDOWN)
                break;
        }
        if (w->gate_state == GATE_WAITING)
            gate_unlink(rt, g, cx->worker);
        w->gate_state = GATE_NONE;
    }
    psmutex_unlock(&g->mu);
    if (rc == 0)
        RT_HOOK(cx->worker, RT_EV_GATE_PASS, g, action, line, 0, NULL, 0);
    if (cx->gil)
        gil_acquire(cx->gil);
    return rc == RT_ESHUTDOWN ? rc : 0;
}

int gate_wake_wait(const RtCtx *cx, RtEvKind kind)
{
    /* The waiter let go of its GIL when it blocked. */
    RtCtx nogil = { .rt = cx->rt, .gil = NULL, .worker = cx->worker };
    int rc = gate_wait(&nogil, cx->rt->gate->wake_action[kind], 0);
    return rc == RT_ESHUTDOWN ? rc : 1;
}

int gate_wake_locked(const RtCtx *cx, PsMutex *m, RtEvKind kind)
{
    if (!cx->gil || !atomic_load_explicit(&cx->rt->gate->controlled, memory_order_relaxed)) {
        gate_mark(cx, kind);
        return 0;
    }
    psmutex_unlock(m);
    int rc = gate_wake_wait(cx, kind);
    psmutex_lock(m);
    return rc;
}

void gate_mark(const RtCtx *cx, RtEvKind kind)
{
    RtGate *g = cx->rt->gate;
    if (g->marks)
        RT_HOOK(cx->worker, RT_EV_GATE_PASS, g, g->wake_action[kind], 0, 0, NULL, 0);
}

void gate_pause(Rt *rt)
{
    RtGate *g = rt->gate;
    psmutex_lock(&g->mu);
    atomic_store(&g->controlled, 1);
    gate_clock_stop_locked(g);
    psmutex_unlock(&g->mu);
}

void gate_run(Rt *rt)
{
    RtGate *g = rt->gate;
    psmutex_lock(&g->mu);
    atomic_store(&g->controlled, 0);
    gate_clock_go_locked(g);
    pscond_broadcast(&g->cv);
    psmutex_unlock(&g->mu);
}

int gate_is_paused(Rt *rt)
{
    return atomic_load(&rt->gate->controlled);
}

int gate_waiting(Rt *rt, int *ids, int max)
{
    RtGate *g = rt->gate;
    int n = 0;
    psmutex_lock(&g->mu);
    for (int cur = g->head; cur >= 0 && n < max; cur = rt->sh->workers[cur].gate_next)
        ids[n++] = cur;
    psmutex_unlock(&g->mu);
    return n;
}

/* With g->mu held.  *action (when not NULL) gets what the worker asked to
 * do, read under the lock: once granted it may come back with a new one. */
static int gate_grant_locked(Rt *rt, RtGate *g, int worker, int *action)
{
    if (worker < 0 || worker >= RT_MAX_WORKERS || !gate_unlink(rt, g, worker))
        return RT_EVALUE;
    if (action)
        *action = rt->sh->workers[worker].gate_action;
    rt->sh->workers[worker].gate_state = GATE_GRANTED;
    /* In flight from now on: the controller waits for it again. */
    atomic_store(&rt->sh->workers[worker].gate_blocked, 0);
    gate_clock_go_locked(g);
    g->grants++;
    pscond_broadcast(&g->cv);
    return 0;
}

int gate_grant_action(Rt *rt, int worker, int *action)
{
    RtGate *g = rt->gate;
    int rc;
    psmutex_lock(&g->mu);
    rc = gate_grant_locked(rt, g, worker, action);
    psmutex_unlock(&g->mu);
    return rc;
}

int gate_grant(Rt *rt, int worker)
{
    return gate_grant_action(rt, worker, NULL);
}

int gate_grant_first_action(Rt *rt, int *action)
{
    RtGate *g = rt->gate;
    int id;
    psmutex_lock(&g->mu);
    id = g->head;
    if (id < 0 || gate_grant_locked(rt, g, id, action) != 0)
        id = RT_EEMPTY;
    psmutex_unlock(&g->mu);
    return id;
}

int gate_grant_first(Rt *rt)
{
    return gate_grant_first_action(rt, NULL);
}

uint64_t gate_arrivals(Rt *rt)
{
    uint64_t n;
    psmutex_lock(&rt->gate->mu);
    n = rt->gate->arrivals;
    psmutex_unlock(&rt->gate->mu);
    return n;
}

/* Wait on the controller's condition until pred holds. */
static int gate_ctl_wait(Rt *rt, uint64_t seen, int n, double timeout)
{
    RtGate *g = rt->gate;
    uint64_t until = timeout < 0 ? UINT64_MAX : rt_now_ns() + (uint64_t)(timeout * 1e9);
    int rc = 0;
    psmutex_lock(&g->mu);
    while (rc == 0 && (n > 0 ? g->nwaiting < n : g->arrivals <= seen)) {
        /* on the real clock: the lesson clock stands still while paused */
        uint64_t now = rt_now_ns(), slice = now + (uint64_t)RT_POLL_MS * 1000000u;
        struct timespec ts;
        if (now >= until) {
            rc = RT_ETIMEDOUT;
            break;
        }
        if (until < slice)
            slice = until;
        ts.tv_sec = (time_t)(slice / 1000000000u);
        ts.tv_nsec = (long)(slice % 1000000000u);
        pscond_timedwait(&g->ctl, &g->mu, &ts);
        if (rt_shutting_down(rt))
            rc = RT_ESHUTDOWN;
    }
    psmutex_unlock(&g->mu);
    return rc;
}

int gate_wait_arrival(Rt *rt, uint64_t seen, double timeout)
{
    return gate_ctl_wait(rt, seen, 0, timeout);
}

int gate_wait_count(Rt *rt, int n, double timeout)
{
    return gate_ctl_wait(rt, 0, n < 1 ? 1 : n, timeout);
}

void gate_forget(Rt *rt, int worker)
{
    RtGate *g = rt->gate;
    psmutex_lock(&g->mu);
    gate_unlink(rt, g, worker);
    psmutex_unlock(&g->mu);
}

void gate_wake_all(RtGate *g)
{
    psmutex_lock(&g->mu);
    pscond_broadcast(&g->cv);
    pscond_broadcast(&g->ctl);
    psmutex_unlock(&g->mu);
}
