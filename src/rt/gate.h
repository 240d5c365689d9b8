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
    int marks;                /* recording free running: wakes leave a gate mark too */
    int wake_action[RT_EV_COUNT];  /* the action a wake shows as (a TraceKind), by RtEvKind */
    /* The lesson clock (timeouts and sleeps): it stands still while the gate
     * is paused.  frozen: the clock's value while paused, 0 when it runs;
     * running it reads now - offset. */
    _Atomic uint64_t clock_frozen;
    _Atomic uint64_t clock_offset;
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

/* Wakes (issue 5, replay): the moment a blocked worker goes on (a waiter
 * takes a released lock, a wait times out, a blocking call takes its GIL
 * back) is decided by the OS, so it is a gated point too: under control the
 * worker waits there, without its GIL, until granted; then it re-checks
 * what it waited for (someone granted before it may have taken it).
 * kind: what the wake will do (RT_EV_LOCK_ACQUIRE, RT_EV_LOCK_TIMEOUT,
 * RT_EV_GIL_ACQUIRE...), shown as wake_action[kind].  Only workers that
 * run lesson code (they have a GIL) are scheduled: a caller without one (a
 * controller, a unit test) passes freely.  Returns 0 when it passed freely,
 * 1 after waiting at the gate, RT_ESHUTDOWN. */
int gate_wake_wait(const RtCtx *cx, RtEvKind kind);
static inline int gate_wake(const RtCtx *cx, RtEvKind kind)
{
    if (!cx->gil || !atomic_load_explicit(&cx->rt->gate->controlled, memory_order_relaxed))
        return 0;
    return gate_wake_wait(cx, kind);
}
/* The same inside a wait on a mutex-and-condition (m held, the condition
 * true or the time up): under control m is let go while at the gate and
 * taken back after; 1 then means "look again".  Free running it leaves the
 * mark right away (m held: no other taker comes between) and returns 0.
 * Either way the wait ends with rt_block_resume. */
int gate_wake_locked(const RtCtx *cx, PsMutex *m, RtEvKind kind);
/* Free running: the gate mark a recording keeps for a wake that went
 * through (put right before the action, as a grant would be). */
void gate_mark(const RtCtx *cx, RtEvKind kind);
void gate_set_marks(Rt *rt, int on);
void gate_set_wake_action(Rt *rt, RtEvKind kind, int action);

/* Whether a worker is away from the gate for a while: blocked in a real
 * wait (set around it by rt_block_begin/end and sleeps), or ended.  A
 * controller needs not wait for such a worker to come back before granting
 * the next one.  A grant clears it. */
void gate_set_blocked(const RtCtx *cx, int blocked);
int gate_is_away(Rt *rt, int worker);

/* The lesson clock in ns: CLOCK_MONOTONIC less the time the gate was paused
 * (gate_pause stops it; gate_run and every grant let it go on). */
uint64_t gate_clock_ns(const Rt *rt);
void gate_clock_stop(Rt *rt);
void gate_clock_go(Rt *rt);

/* The controller's side. */
void gate_pause(Rt *rt);                       /* workers stop at their next gate; the clock stops */
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
