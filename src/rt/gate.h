/* The scheduling gate (issue 5): the one place where a worker asks to perform
 * its next visible action.  It lives in the shared arena, so threads and
 * forked processes pass the same gate.  Running freely, gate_pass is one
 * relaxed load of a flag.  Controlled (paused or stepping), a worker lets go
 * of its GIL, announces itself in an arrival list and waits until the
 * controller grants it exactly one action. */
#ifndef PARLAB_RT_GATE_H
#define PARLAB_RT_GATE_H

#include "rt/rt.h"

struct RtGate {
    atomic_int controlled;    /* 0: free running; read on every action */
    PsMutex mu;
    PsCond cv;                /* workers wait for a grant */
    PsCond ctl;               /* the controller waits for arrivals */
    int head, tail;           /* arrival list, through RtWorker.gate_next */
    int nwaiting;
    uint64_t arrivals;        /* ever; lets a controller wait for "the next one" */
    uint64_t grants;
};

enum { GATE_NONE = 0, GATE_WAITING, GATE_GRANTED };

RtGate *gate_create(Rt *rt);

int gate_wait(const RtCtx *cx, int action, int line);
/* Before each visible action.  0 to go on, RT_ESHUTDOWN to unwind.
 * action and line are shown to the controller (what the worker will do). */
static inline int gate_pass(const RtCtx *cx, int action, int line)
{
    if (!atomic_load_explicit(&cx->rt->gate->controlled, memory_order_relaxed))
        return 0;
    return gate_wait(cx, action, line);
}

/* The controller's side. */
void gate_pause(Rt *rt);                       /* workers stop at their next gate */
void gate_run(Rt *rt);                         /* free running; every waiter goes */
int gate_is_paused(Rt *rt);
int gate_waiting(Rt *rt, int *ids, int max);   /* in arrival order; returns count */
int gate_grant(Rt *rt, int worker);            /* 0, or RT_EVALUE if it is not waiting */
int gate_grant_first(Rt *rt);                  /* the id granted, or RT_EEMPTY */
/* The same, also giving the action the granted worker asked for (read
 * under the gate's lock, so it cannot be its next one). */
int gate_grant_action(Rt *rt, int worker, int *action);
int gate_grant_first_action(Rt *rt, int *action);
uint64_t gate_arrivals(Rt *rt);
/* Wait until more than `seen` arrivals happened (timeout < 0: forever).
 * 0, RT_ETIMEDOUT or RT_ESHUTDOWN. */
int gate_wait_arrival(Rt *rt, uint64_t seen, double timeout);
/* Until at least n workers wait at the gate. */
int gate_wait_count(Rt *rt, int n, double timeout);
/* A worker that ended (or died) leaves the list. */
void gate_forget(Rt *rt, int worker);
void gate_wake_all(RtGate *g);                 /* for shutdown */

#endif
