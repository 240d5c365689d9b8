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
    return g;
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
    rt_block_begin(cx);
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
    rt_block_end(cx);
    return rc == RT_ESHUTDOWN ? rc : 0;
}

void gate_pause(Rt *rt)
{
    RtGate *g = rt->gate;
    psmutex_lock(&g->mu);
    atomic_store(&g->controlled, 1);
    psmutex_unlock(&g->mu);
}

void gate_run(Rt *rt)
{
    RtGate *g = rt->gate;
    psmutex_lock(&g->mu);
    atomic_store(&g->controlled, 0);
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
    struct timespec ts;
    const struct timespec *dl = rt_deadline(timeout, &ts);
    int rc = 0;
    psmutex_lock(&g->mu);
    while (rc == 0 && (n > 0 ? g->nwaiting < n : g->arrivals <= seen))
        rc = rt_cond_wait(rt, &g->ctl, &g->mu, dl);
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
