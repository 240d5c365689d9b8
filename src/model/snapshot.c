/* The Model: the head state, history lists, and snapshots for time travel.
 *
 * A snapshot is a copy of the state after (about) every `interval` events:
 * workers, objects and their vectors are copied, array cells are shared
 * with the head by reference (cells.c), so a snapshot holds only the cell
 * chunks written since the previous one.  model_at(k) copies the nearest
 * snapshot at or before k into a scratch state and folds forward, or just
 * folds the scratch forward when it already sits a little before k
 * (stepping right).  Jumps therefore cost one state copy (no cell is
 * copied) plus at most one snapshot gap of folds, whatever the log's
 * length; only the binary search over snapshots grows, logarithmically. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/model_int.h"

/* Snapshots are at most this many intervals apart (8 x 1024 events: a
 * jump folds under 10,000 events, about 0.5 ms). */
#define SNAP_MAX_GAP 8

typedef struct SpanList {
    ModelSpan *v;
    size_t     n, cap;
} SpanList;

typedef struct RefList {
    ModelRef *v;
    size_t    n, cap;
} RefList;

struct Model {
    const EventLog *log;
    ModelState     head;
    ModelState     scratch;
    int            scratch_valid;
    ModelState    *snaps;       /* snaps[i].nevents increasing; snaps[0] empty */
    size_t         nsnaps, snaps_cap;
    size_t         interval, next_snap;
    size_t         snap_bytes;  /* what the snapshots add (snap_added) */
    size_t         folded;      /* events model_at has folded, in all */
    SpanList      *spans;       /* per worker id */
    size_t         nspans;
    RefList        prints, exceptions, pauses;
    RefList        tasks, measures;     /* task.start/done; measure */
};

static void *snap_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fprintf(stderr, "parlab: out of memory (model)\n");
        abort();
    }
    return q;
}

void model_state_init(ModelState *st)
{
    memset(st, 0, sizeof *st);
}

static void obj_free(ModelObject *o)
{
    free(o->holders.v);
    free(o->waiters.v);
    free(o->items.v);
    mcells_release(o->cells);
}

void model_state_free(ModelState *st)
{
    for (uint32_t i = 0; i < st->nobjects; i++)
        obj_free(&st->objects[i]);
    free(st->objects);
    free(st->workers);
    free(st->map_key);
    free(st->map_val);
    model_state_init(st);
}

static void vec_copy(ModelVec *dst, const ModelVec *src)
{
    if (src->n > dst->cap) {
        dst->cap = src->n;
        dst->v = snap_xrealloc(dst->v, dst->cap * sizeof *dst->v);
    }
    if (src->n)
        memcpy(dst->v, src->v, src->n * sizeof *dst->v);
    dst->n = src->n;
}

/* Copy src into dst, reusing dst's buffers (the scratch state is copied
 * into on every jump, so this avoids most allocation).  Cells are shared,
 * not copied. */
void model_state_copy(ModelState *dst, const ModelState *src)
{
    dst->nevents = src->nevents;
    dst->ts = src->ts;
    if (src->nworkers > dst->workers_cap) {
        dst->workers_cap = src->nworkers;
        dst->workers = snap_xrealloc(dst->workers, dst->workers_cap * sizeof *dst->workers);
    }
    if (src->nworkers)
        memcpy(dst->workers, src->workers, src->nworkers * sizeof *dst->workers);
    dst->nworkers = src->nworkers;

    if (src->nobjects > dst->objects_cap) {
        dst->objects_cap = src->nobjects;
        dst->objects = snap_xrealloc(dst->objects, dst->objects_cap * sizeof *dst->objects);
    }
    /* Slots past the count own nothing (the fold grows the array without
     * clearing it): start them empty. */
    for (uint32_t i = dst->nobjects; i < src->nobjects; i++)
        memset(&dst->objects[i], 0, sizeof dst->objects[i]);
    /* Objects past src's count are freed and emptied. */
    for (uint32_t i = src->nobjects; i < dst->nobjects; i++)
        obj_free(&dst->objects[i]), memset(&dst->objects[i], 0, sizeof dst->objects[i]);
    for (uint32_t i = 0; i < src->nobjects; i++) {
        ModelObject *d = &dst->objects[i];
        const ModelObject *s = &src->objects[i];
        ModelVec h = d->holders, w = d->waiters, it = d->items;
        ModelCells *old_cells = d->cells;
        *d = *s;
        d->holders = h, d->waiters = w, d->items = it;
        vec_copy(&d->holders, &s->holders);
        vec_copy(&d->waiters, &s->waiters);
        vec_copy(&d->items, &s->items);
        mcells_retain(d->cells);        /* before the release: may be the same */
        mcells_release(old_cells);
    }
    dst->nobjects = src->nobjects;

    if (src->map_cap != dst->map_cap) {
        free(dst->map_key);
        free(dst->map_val);
        dst->map_cap = src->map_cap;
        dst->map_key = src->map_cap ? snap_xrealloc(NULL, src->map_cap * sizeof *dst->map_key) : NULL;
        dst->map_val = src->map_cap ? snap_xrealloc(NULL, src->map_cap * sizeof *dst->map_val) : NULL;
    }
    if (src->map_cap) {
        memcpy(dst->map_key, src->map_key, src->map_cap * sizeof *dst->map_key);
        memcpy(dst->map_val, src->map_val, src->map_cap * sizeof *dst->map_val);
    }
}

void model_state_fold(ModelState *st, const EventLog *log, size_t from, size_t to)
{
    for (size_t k = from; k < to; k++)
        mstate_apply(st, log, k);
}

/* Bytes of a state but its cells. */
static size_t snap_state_bytes(const ModelState *st)
{
    size_t b = sizeof *st + st->workers_cap * sizeof(ModelWorker) +
               st->objects_cap * sizeof(ModelObject) + st->map_cap * 12;
    for (uint32_t i = 0; i < st->nobjects; i++) {
        const ModelObject *o = &st->objects[i];
        b += (o->holders.cap + o->waiters.cap + o->items.cap) * 4;
    }
    return b;
}

size_t mstate_memory(const ModelState *st)
{
    size_t b = snap_state_bytes(st);
    for (uint32_t i = 0; i < st->nobjects; i++)
        b += mcells_memory(st->objects[i].cells, 0);
    return b;
}

/* Bytes of a state that no other state shares with it. */
static size_t snap_own_bytes(const ModelState *st)
{
    size_t b = snap_state_bytes(st);
    for (uint32_t i = 0; i < st->nobjects; i++)
        b += mcells_memory(st->objects[i].cells, 1);
    return b;
}

/* Bytes snapshot s holds that the previous snapshot `prev` does not share
 * (objects keep their index: the fold only appends them). */
static size_t snap_added(const ModelState *s, const ModelState *prev)
{
    size_t b = snap_state_bytes(s);
    for (uint32_t i = 0; i < s->nobjects; i++)
        b += mcells_added(s->objects[i].cells, i < prev->nobjects ? prev->objects[i].cells : NULL);
    return b;
}

Model *model_create(const EventLog *log)
{
    Model *m = snap_xrealloc(NULL, sizeof *m);
    memset(m, 0, sizeof *m);
    m->log = log;
    m->interval = 1024;
    m->next_snap = m->interval;
    m->snaps = snap_xrealloc(NULL, 16 * sizeof *m->snaps);
    m->snaps_cap = 16;
    m->nsnaps = 1;
    model_state_init(&m->snaps[0]);
    return m;
}

void model_destroy(Model *m)
{
    if (!m)
        return;
    model_state_free(&m->head);
    model_state_free(&m->scratch);
    for (size_t i = 0; i < m->nsnaps; i++)
        model_state_free(&m->snaps[i]);
    free(m->snaps);
    for (size_t i = 0; i < m->nspans; i++)
        free(m->spans[i].v);
    free(m->spans);
    free(m->prints.v);
    free(m->exceptions.v);
    free(m->pauses.v);
    free(m->tasks.v);
    free(m->measures.v);
    free(m);
}

void model_set_snapshot_interval(Model *m, size_t events)
{
    m->interval = events ? events : 1;
    m->next_snap = m->head.nevents + m->interval;
}

size_t model_snapshot_count(const Model *m)
{
    return m->nsnaps;
}

size_t model_count(const Model *m)
{
    return m->head.nevents;
}

const ModelState *model_head(const Model *m)
{
    return &m->head;
}

const EventLog *model_log(const Model *m)
{
    return m->log;
}

size_t model_snapshot_memory(const Model *m)
{
    return m->snap_bytes;
}

size_t model_folded(const Model *m)
{
    return m->folded;
}

/* The head counts in full; snapshots count what each adds (a chunk the
 * newest one shares with the head counts twice: a small overstatement);
 * the scratch counts what it alone holds. */
size_t model_memory(const Model *m)
{
    size_t b = sizeof *m + mstate_memory(&m->head) + snap_own_bytes(&m->scratch) + m->snap_bytes;
    for (size_t i = 0; i < m->nspans; i++)
        b += m->spans[i].cap * sizeof(ModelSpan);
    b += (m->prints.cap + m->exceptions.cap + m->pauses.cap + m->tasks.cap + m->measures.cap) *
         sizeof(ModelRef);
    return b;
}

static void span_add(Model *m, uint32_t worker, const ModelWorker *w, uint32_t ev)
{
    if (worker >= m->nspans) {
        size_t n = worker + 1;
        m->spans = snap_xrealloc(m->spans, n * sizeof *m->spans);
        memset(m->spans + m->nspans, 0, (n - m->nspans) * sizeof *m->spans);
        m->nspans = n;
    }
    SpanList *l = &m->spans[worker];
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 16;
        l->v = snap_xrealloc(l->v, l->cap * sizeof *l->v);
    }
    l->v[l->n++] = (ModelSpan){ w->since, ev, w->wait_obj, w->state };
}

static void ref_add(RefList *l, uint32_t ev, uint32_t worker)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 64;
        l->v = snap_xrealloc(l->v, l->cap * sizeof *l->v);
    }
    l->v[l->n++] = (ModelRef){ ev, worker };
}

void model_update(Model *m)
{
    size_t n = eventlog_count(m->log);
    for (size_t k = m->head.nevents; k < n; k++) {
        const TraceEvent *e = eventlog_get(m->log, k);
        int changed = mstate_apply(&m->head, m->log, k);
        if (changed)
            span_add(m, e->worker, &m->head.workers[e->worker], (uint32_t)k);
        if (e->kind == TK_WORKER_CREATED && e->obj < m->head.nworkers)
            span_add(m, e->obj, &m->head.workers[e->obj], (uint32_t)k);
        else if (e->kind == TK_PRINT)
            ref_add(&m->prints, (uint32_t)k, e->worker);
        else if (e->kind == TK_EXCEPTION)
            ref_add(&m->exceptions, (uint32_t)k, e->worker);
        else if (e->kind == TK_PAUSE)
            ref_add(&m->pauses, (uint32_t)k, e->worker);
        else if (e->kind == TK_TASK_START || e->kind == TK_TASK_DONE)
            ref_add(&m->tasks, (uint32_t)k, e->worker);
        else if (e->kind == TK_MEASURE)
            ref_add(&m->measures, (uint32_t)k, e->worker);
        if (m->head.nevents >= m->next_snap) {
            if (m->nsnaps == m->snaps_cap) {
                m->snaps_cap *= 2;
                m->snaps = snap_xrealloc(m->snaps, m->snaps_cap * sizeof *m->snaps);
            }
            ModelState *s = &m->snaps[m->nsnaps++];
            model_state_init(s);
            model_state_copy(s, &m->head);
            size_t added = snap_added(s, &m->snaps[m->nsnaps - 2]);
            m->snap_bytes += added;
            /* When much changed (writes spread over big arrays), snapshots
             * come less often, so their memory stays near 16 bytes per
             * event; but never more than SNAP_MAX_GAP intervals apart: a
             * jump folds at most that many events (restoring a snapshot
             * copies no cell, so the folding is the whole cost). */
            size_t gap = added / 16;
            if (gap < m->interval)
                gap = m->interval;
            if (gap > SNAP_MAX_GAP * m->interval)
                gap = SNAP_MAX_GAP * m->interval;
            m->next_snap = m->head.nevents + gap;
        }
    }
}

const ModelState *model_at(Model *m, size_t k)
{
    if (k >= m->head.nevents)
        return &m->head;
    size_t lo = 0, hi = m->nsnaps;   /* last snapshot with nevents <= k */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (m->snaps[mid].nevents <= k)
            lo = mid;
        else
            hi = mid;
    }
    /* Fold the scratch forward when it is already nearer than the snapshot
     * (stepping right); otherwise restore the snapshot. */
    if (!(m->scratch_valid && m->scratch.nevents <= k && m->scratch.nevents >= m->snaps[lo].nevents)) {
        model_state_copy(&m->scratch, &m->snaps[lo]);
        m->scratch_valid = 1;
    }
    m->folded += k - m->scratch.nevents;
    model_state_fold(&m->scratch, m->log, m->scratch.nevents, k);
    return &m->scratch;
}

const ModelSpan *model_spans(const Model *m, uint32_t worker, size_t *n)
{
    if (worker >= m->nspans) {
        *n = 0;
        return NULL;
    }
    *n = m->spans[worker].n;
    return m->spans[worker].v;
}

const ModelRef *model_prints(const Model *m, size_t *n)
{
    *n = m->prints.n;
    return m->prints.v;
}

const ModelRef *model_exceptions(const Model *m, size_t *n)
{
    *n = m->exceptions.n;
    return m->exceptions.v;
}

const ModelRef *model_pauses(const Model *m, size_t *n)
{
    *n = m->pauses.n;
    return m->pauses.v;
}

const ModelRef *model_tasks(const Model *m, size_t *n)
{
    *n = m->tasks.n;
    return m->tasks.v;
}

const ModelRef *model_measures(const Model *m, size_t *n)
{
    *n = m->measures.n;
    return m->measures.v;
}
