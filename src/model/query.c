/* Reading a ModelState: lookups, names, history cut-offs, the wait-for
 * graph and deadlock detection. */
#include <string.h>

#include "model/model_int.h"

const ModelWorker *model_worker(const ModelState *st, uint32_t id)
{
    return id < st->nworkers && st->workers[id].known ? &st->workers[id] : NULL;
}

const ModelObject *model_object(const ModelState *st, uint32_t id)
{
    return mstate_find(st, id, MODEL_NONE);
}

const ModelObject *model_list(const ModelState *st, uint32_t id, uint32_t process)
{
    return mstate_find(st, id, process);
}

const char *model_text(const Model *m, uint32_t ev)
{
    const EventLog *log = model_log(m);
    if (ev == MODEL_NONE || ev >= eventlog_count(log))
        return "";
    return eventlog_text(log, ev, NULL);
}

const char *model_worker_name(const Model *m, const ModelWorker *w)
{
    return w ? model_text(m, w->name_ev) : "";
}

const char *model_object_name(const Model *m, const ModelObject *o)
{
    return o ? model_text(m, o->name_ev) : "";
}

size_t model_before(const ModelRef *refs, size_t n, size_t k)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (refs[mid].ev < k)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

size_t model_spans_before(const ModelSpan *spans, size_t n, size_t k)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (spans[mid].ev < k)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

uint32_t model_waits_for(const ModelState *st, uint32_t id)
{
    const ModelWorker *w = model_worker(st, id);
    if (!w)
        return MODEL_NONE;
    if (w->state == TS_JOIN)
        return w->wait_obj < st->nworkers ? w->wait_obj : MODEL_NONE;
    if (w->state != TS_LOCK)
        return MODEL_NONE;
    const ModelObject *o = mstate_find(st, w->wait_obj, MODEL_NONE);
    if (!o || o->holders.n != 1 || o->kind == TO_SEMAPHORE)
        return MODEL_NONE;
    return o->holders.v[0];
}

/* Each worker has at most one out-edge, so walking from every blocked
 * worker finds any cycle within nworkers steps. */
size_t model_deadlock(const ModelState *st, uint32_t *cycle, size_t max)
{
    for (uint32_t start = 0; start < st->nworkers; start++) {
        uint32_t slow = start, steps = 0;
        if (model_waits_for(st, start) == MODEL_NONE)
            continue;
        /* Walk nworkers steps to land inside any cycle. */
        while (steps++ < st->nworkers && slow != MODEL_NONE)
            slow = model_waits_for(st, slow);
        if (slow == MODEL_NONE)
            continue;
        size_t len = 0;
        uint32_t x = slow;
        do {
            if (len < max)
                cycle[len] = x;
            len++;
            x = model_waits_for(st, x);
        } while (x != slow && x != MODEL_NONE && len <= st->nworkers);
        if (x == slow)
            return len;
    }
    return 0;
}

ModelFutureState model_future_state(const ModelObject *fut)
{
    if (fut->is_set >= 2)
        return MF_COLLECTED;
    if (fut->is_set == 1)
        return MF_DONE;
    return fut->holders.n ? MF_RUNNING : MF_PENDING;
}

/* A future is named by its task.submit, whose aux is the pool. */
uint32_t model_future_pool(const Model *m, const ModelObject *fut)
{
    const EventLog *log = model_log(m);
    if (fut->kind != TO_FUTURE || fut->name_ev == MODEL_NONE || fut->name_ev >= eventlog_count(log))
        return MODEL_NONE;
    const TraceEvent *e = eventlog_get(log, fut->name_ev);
    return e->kind == TK_TASK_SUBMIT ? e->aux : MODEL_NONE;
}

uint32_t model_future_worker(const Model *m, const ModelObject *fut)
{
    if (fut->holders.n)
        return fut->holders.v[0];
    uint32_t ev = fut->ncells ? model_cell_ev(fut, 0) : MODEL_NONE;
    if (fut->is_set && ev != MODEL_NONE && ev < eventlog_count(model_log(m)))
        return eventlog_get(model_log(m), ev)->worker;
    return MODEL_NONE;
}
