/* Folding one event into a ModelState.  One handler per kind, in a table;
 * the worker-state change every kind makes is read from trace_kind_table.
 * Everything here is a pure function of (state, event). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/model_int.h"

static void *fold_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fprintf(stderr, "parlab: out of memory (model)\n");
        abort();
    }
    return q;
}

void mvec_push(ModelVec *v, uint32_t x)
{
    if (v->n == v->cap) {
        v->cap = v->cap ? v->cap * 2 : 4;
        v->v = fold_xrealloc(v->v, v->cap * sizeof *v->v);
    }
    v->v[v->n++] = x;
}

void mvec_insert(ModelVec *v, uint32_t at, uint32_t x)
{
    mvec_push(v, x);
    if (at >= v->n - 1)
        return;
    memmove(v->v + at + 1, v->v + at, (v->n - 1 - at) * sizeof *v->v);
    v->v[at] = x;
}

void mvec_remove_at(ModelVec *v, uint32_t at)
{
    if (at >= v->n)
        return;
    memmove(v->v + at, v->v + at + 1, (v->n - at - 1) * sizeof *v->v);
    v->n--;
}

int mvec_find(const ModelVec *v, uint32_t x)
{
    for (uint32_t i = 0; i < v->n; i++)
        if (v->v[i] == x)
            return (int)i;
    return -1;
}

static void mvec_add_once(ModelVec *v, uint32_t x)
{
    if (mvec_find(v, x) < 0)
        mvec_push(v, x);
}

static void mvec_remove(ModelVec *v, uint32_t x)
{
    int i = mvec_find(v, x);
    if (i >= 0)
        mvec_remove_at(v, (uint32_t)i);
}

ModelWorker *mstate_worker(ModelState *st, uint32_t id)
{
    if (id >= st->nworkers) {
        if (id >= st->workers_cap) {
            uint32_t cap = st->workers_cap ? st->workers_cap : 8;
            while (cap <= id)
                cap *= 2;
            st->workers = fold_xrealloc(st->workers, cap * sizeof *st->workers);
            st->workers_cap = cap;
        }
        for (uint32_t i = st->nworkers; i <= id; i++) {
            ModelWorker *w = &st->workers[i];
            memset(w, 0, sizeof *w);
            w->id = i;
            w->parent = w->process = w->wait_obj = w->name_ev = w->last_ev = MODEL_NONE;
            w->state = TS_NEW;
        }
        st->nworkers = id + 1;
    }
    return &st->workers[id];
}

static uint64_t map_key(uint32_t id, uint32_t process)
{
    return ((uint64_t)process << 32 | id) + 1;
}

static void map_put(ModelState *st, uint64_t key, uint32_t val);

static void map_grow(ModelState *st)
{
    uint32_t old_cap = st->map_cap;
    uint64_t *ok = st->map_key;
    uint32_t *ov = st->map_val;
    st->map_cap = old_cap ? old_cap * 2 : 64;
    st->map_key = calloc(st->map_cap, sizeof *st->map_key);
    st->map_val = calloc(st->map_cap, sizeof *st->map_val);
    if (!st->map_key || !st->map_val) {
        fprintf(stderr, "parlab: out of memory (model)\n");
        abort();
    }
    for (uint32_t i = 0; i < old_cap; i++)
        if (ok[i])
            map_put(st, ok[i], ov[i]);
    free(ok);
    free(ov);
}

static void map_put(ModelState *st, uint64_t key, uint32_t val)
{
    if ((st->nobjects + 1) * 2 > st->map_cap)
        map_grow(st);
    uint32_t mask = st->map_cap - 1, i = (uint32_t)(key * 0x9E3779B97F4A7C15ull >> 32) & mask;
    while (st->map_key[i] && st->map_key[i] != key)
        i = (i + 1) & mask;
    st->map_key[i] = key;
    st->map_val[i] = val;
}

ModelObject *mstate_find(const ModelState *st, uint32_t id, uint32_t process)
{
    if (!st->map_cap)
        return NULL;
    uint64_t key = map_key(id, process);
    uint32_t mask = st->map_cap - 1, i = (uint32_t)(key * 0x9E3779B97F4A7C15ull >> 32) & mask;
    while (st->map_key[i]) {
        if (st->map_key[i] == key)
            return &st->objects[st->map_val[i]];
        i = (i + 1) & mask;
    }
    return NULL;
}

static ModelObject *mstate_add(ModelState *st, uint32_t id, uint32_t process, unsigned kind)
{
    if (st->nobjects == st->objects_cap) {
        st->objects_cap = st->objects_cap ? st->objects_cap * 2 : 16;
        st->objects = fold_xrealloc(st->objects, st->objects_cap * sizeof *st->objects);
    }
    map_put(st, map_key(id, process), st->nobjects);
    ModelObject *o = &st->objects[st->nobjects++];
    memset(o, 0, sizeof *o);
    o->id = id;
    o->process = process;
    o->kind = (uint8_t)(kind < TO_COUNT ? kind : TO_LOCK);
    o->name_ev = o->creator = o->last_ev = MODEL_NONE;
    return o;
}

/* The object a creating event (obj.created, task.submit) announces.  Ids
 * come from addresses and get reused: whatever an earlier object left at
 * this id (holders, waiters, items, cells, stage) is cleared; the vectors
 * keep their buffers, the cell table its chunks (rewritten when it grows). */
static ModelObject *mstate_fresh(ModelState *st, uint32_t id, uint32_t process, unsigned kind)
{
    ModelObject *o = mstate_find(st, id, process);
    if (!o)
        return mstate_add(st, id, process, kind);
    o->kind = (uint8_t)(kind < TO_COUNT ? kind : TO_LOCK);
    o->flags = o->is_set = 0;
    o->name_ev = o->creator = o->last_ev = MODEL_NONE;
    o->size = o->depth = o->ncells = 0;
    o->holders.n = o->waiters.n = o->items.n = 0;
    return o;
}

/* An object some event names but no obj.created announced: make a plain
 * one so the fold never loses what it was told. */
static ModelObject *mstate_obj(ModelState *st, uint32_t id, unsigned kind_if_new)
{
    ModelObject *o = mstate_find(st, id, MODEL_NONE);
    return o ? o : mstate_add(st, id, MODEL_NONE, kind_if_new);
}

/* Grow to n cells: new list cells name no item, new array cells are 0. */
static void obj_cells(ModelObject *o, uint32_t n)
{
    mcells_grow(o, n, o->kind == TO_LIST ? MODEL_NONE : 0);
}

/* The private copy of plain list `id` in the process of worker `w`. */
static ModelObject *mstate_list(ModelState *st, uint32_t id, const ModelWorker *w)
{
    uint32_t p = w->process != MODEL_NONE ? w->process : w->id;
    ModelObject *o = mstate_find(st, id, p);
    if (o)
        return o;
    /* Named after the copy it was forked from (any copy knows the name). */
    uint32_t name = MODEL_NONE;
    for (uint32_t i = 0; i < st->nobjects && name == MODEL_NONE; i++)
        if (st->objects[i].id == id && st->objects[i].kind == TO_LIST)
            name = st->objects[i].name_ev;
    o = mstate_add(st, id, p, TO_LIST);
    o->name_ev = name;
    o->creator = w->id;
    return o;
}

typedef struct FoldCtx {
    ModelState       *st;
    const EventLog   *log;
    const TraceEvent *e;
    uint32_t          k;        /* index of e */
    ModelWorker      *w;        /* the emitter */
    int               has_text; /* payload non-empty */
} FoldCtx;

typedef void (*FoldFn)(FoldCtx *c);

static void fold_nothing(FoldCtx *c)
{
    (void)c;
}

static void fold_worker_created(FoldCtx *c)
{
    ModelWorker *child = mstate_worker(c->st, c->e->obj);
    c->w = &c->st->workers[c->e->worker];  /* the array may have moved */
    child->known = 1;
    child->state = TS_NEW;
    child->since = c->e->ts;
    child->is_process = (c->e->flags & TF_PROCESS) != 0;
    if (child == c->w) {
        /* The first worker announcing itself: the root of its process. */
        child->parent = MODEL_NONE;
        child->is_process = 1;
        child->process = child->id;
    } else {
        child->parent = c->w->id;
        child->process = child->is_process || c->w->process == MODEL_NONE ? child->id : c->w->process;
    }
    if (c->has_text)
        child->name_ev = c->k;
}

static void fold_worker_started(FoldCtx *c)
{
    ModelWorker *w = c->w;
    w->pid = (int32_t)(c->e->a.u >> 32);
    w->tid = (int32_t)(c->e->a.u & 0xffffffffu);
    if (c->e->obj != TRACE_NONE && c->e->obj != w->id)
        w->parent = c->e->obj;
    /* A worker nobody created is the main thread of a process. */
    if ((c->e->flags & TF_PROCESS) || w->parent == MODEL_NONE || w->parent >= c->st->nworkers)
        w->is_process = 1;
    if (w->is_process || c->st->workers[w->parent].process == MODEL_NONE)
        w->process = w->id;
    else
        w->process = c->st->workers[w->parent].process;
    if (c->has_text)
        w->name_ev = c->k;
}

static void fold_worker_ended(FoldCtx *c)
{
    c->w->exit_code = c->e->a.i;
}

static void fold_obj_created(FoldCtx *c)
{
    const TraceEvent *e = c->e;
    uint32_t process = e->aux == TO_LIST ? c->w->process : MODEL_NONE;
    ModelObject *o = mstate_fresh(c->st, e->obj, process, e->aux);
    o->flags = e->flags & (TF_DOUBLE | TF_SHARED);
    o->creator = c->w->id;
    o->size = (uint32_t)e->a.u;
    if (c->has_text)
        o->name_ev = c->k;
    if (o->kind == TO_ARRAY)
        obj_cells(o, o->size);
    else if (o->kind == TO_VALUE)
        obj_cells(o, 1);
    else if (o->kind == TO_SEMAPHORE)
        o->depth = o->size;
}

static void fold_obj_named(FoldCtx *c)
{
    ModelObject *o = mstate_find(c->st, c->e->obj, MODEL_NONE);
    if (!o)
        o = mstate_find(c->st, c->e->obj, c->w->process);
    if (o)
        o->name_ev = c->k;
}

static void fold_wait(FoldCtx *c)
{
    ModelObject *o = mstate_obj(c->st, c->e->obj, TO_LOCK);
    mvec_add_once(&o->waiters, c->w->id);
}

static void fold_acquire(FoldCtx *c)
{
    ModelObject *o = mstate_obj(c->st, c->e->obj, TO_LOCK);
    mvec_remove(&o->waiters, c->w->id);
    if (o->kind == TO_SEMAPHORE) {
        mvec_push(&o->holders, c->w->id);
        o->depth = c->e->aux;
        return;
    }
    if (o->kind != TO_RLOCK)
        o->holders.n = 0;   /* a Lock has one holder: the newest wins */
    mvec_add_once(&o->holders, c->w->id);
    o->depth = o->kind == TO_RLOCK ? c->e->aux : 1;
}

static void fold_release(FoldCtx *c)
{
    ModelObject *o = mstate_obj(c->st, c->e->obj, TO_LOCK);
    if (o->kind == TO_RLOCK) {
        o->depth = c->e->aux;
        if (o->depth == 0)
            mvec_remove(&o->holders, c->w->id);
        return;
    }
    if (o->kind == TO_SEMAPHORE) {
        o->depth = c->e->aux;
        int i = mvec_find(&o->holders, c->w->id);
        mvec_remove_at(&o->holders, i >= 0 ? (uint32_t)i : 0);
        return;
    }
    if (o->kind == TO_GIL) {
        mvec_remove(&o->holders, c->w->id);   /* only its holder releases a GIL */
        return;
    }
    o->holders.n = 0;       /* any thread may release a Lock */
    o->depth = 0;
}

static void fold_unwait(FoldCtx *c)
{
    ModelObject *o = mstate_obj(c->st, c->e->obj, TO_LOCK);
    mvec_remove(&o->waiters, c->w->id);
}

static void fold_event_set(FoldCtx *c)
{
    mstate_obj(c->st, c->e->obj, TO_EVENT)->is_set = c->e->kind == TK_EVENT_SET;
}

static void fold_queue_block(FoldCtx *c)
{
    ModelObject *o = mstate_obj(c->st, c->e->obj, TO_QUEUE);
    mvec_add_once(&o->waiters, c->w->id);
    c->w->queue_full = c->e->kind == TK_QUEUE_FULL;
}

static void fold_queue_put(FoldCtx *c)
{
    ModelObject *o = mstate_obj(c->st, c->e->obj, TO_QUEUE);
    mvec_remove(&o->waiters, c->w->id);
    if (o->kind == TO_PRIO)
        mvec_insert(&o->items, (uint32_t)c->e->a.u, c->k);
    else
        mvec_push(&o->items, c->k);
}

/* Remove the item a get returned: by position for the queue's kind, and by
 * text if that position holds something else (the log is the truth). */
static void fold_queue_get(FoldCtx *c)
{
    ModelObject *o = mstate_obj(c->st, c->e->obj, TO_QUEUE);
    mvec_remove(&o->waiters, c->w->id);
    if (!o->items.n)
        return;
    uint32_t at = o->kind == TO_LIFO ? o->items.n - 1 : 0, len;
    const char *got = eventlog_text(c->log, c->k, &len);
    uint32_t ilen;
    const char *it = eventlog_text(c->log, o->items.v[at], &ilen);
    if (ilen != len || memcmp(it, got, len) != 0) {
        for (uint32_t i = 0; i < o->items.n; i++) {
            it = eventlog_text(c->log, o->items.v[i], &ilen);
            if (ilen == len && memcmp(it, got, len) == 0) {
                at = i;
                break;
            }
        }
    }
    mvec_remove_at(&o->items, at);
}

static void fold_write(FoldCtx *c)
{
    ModelObject *o = mstate_obj(c->st, c->e->obj, c->e->kind == TK_VALUE_WRITE ? TO_VALUE : TO_ARRAY);
    uint32_t i = c->e->kind == TK_VALUE_WRITE ? 0 : c->e->aux;
    if (i >= (1u << 24))
        return;
    obj_cells(o, i + 1);
    mcells_set(o, i, c->e->a.u, c->k);
    if (c->e->flags & TF_DOUBLE)
        o->flags |= TF_DOUBLE;
}

static void fold_list(FoldCtx *c)
{
    ModelObject *o = mstate_list(c->st, c->e->obj, c->w);
    uint32_t i = c->e->kind == TK_LIST_APPEND ? o->ncells : c->e->aux;
    if (i >= (1u << 24))
        return;
    obj_cells(o, i + 1);
    mcells_set(o, i, c->k, c->k);
    o->last_ev = c->k;
}

static void fold_gate_wait(FoldCtx *c)
{
    c->w->gate_kind = (uint8_t)(c->e->aux < TK_COUNT ? c->e->aux : 0);
}

static void fold_task_submit(FoldCtx *c)
{
    /* Each submit is a new future (its id may be an older one's): pending,
     * on no worker, named and pooled by this event. */
    ModelObject *o = mstate_fresh(c->st, c->e->obj, MODEL_NONE, TO_FUTURE);
    o->name_ev = c->k;
    o->creator = c->w->id;
}

static void fold_task_start(FoldCtx *c)
{
    ModelObject *o = mstate_obj(c->st, c->e->obj, TO_FUTURE);
    o->holders.n = 0;
    mvec_push(&o->holders, c->w->id);
}

static void fold_task_done(FoldCtx *c)
{
    ModelObject *o = mstate_obj(c->st, c->e->obj, TO_FUTURE);
    o->holders.n = 0;
    o->is_set = 1;
    obj_cells(o, 1);
    mcells_set(o, 0, c->k, c->k);
}

/* The submitting process has the result (a pool's result handler got it):
 * is_set 2 = done and collected, 1 = done only. */
static void fold_task_result(FoldCtx *c)
{
    ModelObject *o = mstate_obj(c->st, c->e->obj, TO_FUTURE);
    o->is_set = 2;
}

static const FoldFn fold_table[TK_COUNT] = {
    [TK_WORKER_CREATED] = fold_worker_created,
    [TK_WORKER_STARTED] = fold_worker_started,
    [TK_WORKER_ENDED] = fold_worker_ended,
    [TK_OBJ_CREATED] = fold_obj_created,
    [TK_OBJ_NAMED] = fold_obj_named,
    [TK_GIL_WAIT] = fold_wait,
    [TK_GIL_ACQUIRE] = fold_acquire,
    [TK_GIL_RELEASE] = fold_release,
    [TK_LOCK_WAIT] = fold_wait,
    [TK_LOCK_ACQUIRE] = fold_acquire,
    [TK_LOCK_RELEASE] = fold_release,
    [TK_COND_WAIT] = fold_wait,
    [TK_COND_WAKE] = fold_unwait,
    [TK_EVENT_WAIT] = fold_wait,
    [TK_EVENT_WAKE] = fold_unwait,
    [TK_EVENT_SET] = fold_event_set,
    [TK_EVENT_CLEAR] = fold_event_set,
    [TK_QUEUE_PUT] = fold_queue_put,
    [TK_QUEUE_GET] = fold_queue_get,
    [TK_QUEUE_FULL] = fold_queue_block,
    [TK_QUEUE_EMPTY] = fold_queue_block,
    [TK_ARRAY_WRITE] = fold_write,
    [TK_VALUE_WRITE] = fold_write,
    [TK_LIST_WRITE] = fold_list,
    [TK_LIST_APPEND] = fold_list,
    [TK_GATE_WAIT] = fold_gate_wait,
    [TK_TASK_SUBMIT] = fold_task_submit,
    [TK_TASK_START] = fold_task_start,
    [TK_TASK_DONE] = fold_task_done,
    [TK_FUTURE_WAIT] = fold_wait,
    [TK_FUTURE_WAKE] = fold_unwait,
    [TK_TASK_RESULT] = fold_task_result,
};

/* Kinds whose object is what the worker then waits for. */
static int fold_waits_on_obj(TraceState s)
{
    return s == TS_GIL || s == TS_LOCK || s == TS_QUEUE || s == TS_JOIN ||
           s == TS_EVENT || s == TS_COND || s == TS_FUTURE;
}

int mstate_apply(ModelState *st, const EventLog *log, size_t k)
{
    const TraceEvent *e = eventlog_get(log, k);
    FoldCtx c = { st, log, e, (uint32_t)k, NULL, 0 };
    c.w = mstate_worker(st, e->worker);
    c.w->known = 1;
    if (e->flags & TF_PAYLOAD) {
        uint32_t len;
        eventlog_text(log, k, &len);
        c.has_text = len > 0;
    }
    if (e->kind < TK_COUNT && fold_table[e->kind])
        fold_table[e->kind](&c);
    else
        fold_nothing(&c);
    ModelWorker *w = &st->workers[e->worker];
    if (e->line)
        w->line = e->line;
    w->last_ev = (uint32_t)k;
    if (e->obj != TRACE_NONE && e->kind != TK_WORKER_CREATED && e->kind != TK_WORKER_STARTED &&
        e->kind != TK_JOIN_WAIT && e->kind != TK_JOIN_END && e->kind != TK_LIST_WRITE &&
        e->kind != TK_LIST_APPEND) {
        ModelObject *o = mstate_find(st, e->obj, MODEL_NONE);
        if (o)
            o->last_ev = (uint32_t)k;
    }
    st->nevents = k + 1;
    st->ts = e->ts;
    TraceState s = trace_kind_info(e->kind)->state;
    if (s == TS_KEEP)
        return 0;
    uint32_t wobj = fold_waits_on_obj(s) ? e->obj : MODEL_NONE;
    if (w->state == s && w->wait_obj == wobj)
        return 0;
    w->state = (uint8_t)s;
    w->wait_obj = wobj;
    w->since = e->ts;
    return 1;
}
