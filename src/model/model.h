/* The model: what the screen shows at any moment, as a pure fold of the
 * event log.  It never draws and never looks at live runtime state.
 *
 * Two parts:
 *  - ModelState, the state after the first k events: workers (state, what
 *    they wait for, current line), objects (lock holders and waiters in
 *    order, queue items oldest to newest, array/value cells, each process's
 *    private copy of a plain list).  model_at(m, k) gives it for any k,
 *    quickly: the model keeps snapshots and folds forward from the nearest.
 *  - History that only grows and is indexed by event number: each worker's
 *    state spans (the timeline), printed output, exceptions and pause
 *    checkpoints.  A view at event k shows the entries with ev < k
 *    (model_before() counts them).
 *
 * Text (names, queue items, printed lines) stays in the event log; the
 * model holds event indices and model_text() fetches the text.
 *
 * Usage:
 *     Model *m = model_create(log);
 *     ... collector_drain(c, log); model_update(m); ...
 *     const ModelState *st = model_at(m, k);   // k in 0..model_count(m)
 */
#ifndef PARLAB_MODEL_MODEL_H
#define PARLAB_MODEL_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "trace/event.h"
#include "trace/eventlog.h"

#define MODEL_NONE 0xffffffffu

typedef struct ModelWorker {
    uint32_t id;            /* logical worker id (== index in workers[]) */
    uint8_t  known;         /* 0: no event has named this id yet */
    uint8_t  is_process;    /* the main thread of a process */
    uint8_t  state;         /* TraceState (TS_NEW .. TS_DONE) */
    uint8_t  queue_full;    /* TS_QUEUE: 1 blocked in put, 0 in get */
    uint8_t  gate_kind;     /* TS_GATE: the TraceKind it asks to do next */
    uint32_t parent;        /* worker that created it, or MODEL_NONE */
    uint32_t process;       /* worker id of its process's main thread */
    int32_t  pid, tid;      /* real ids, from worker.started */
    uint32_t wait_obj;      /* object (or joined worker) it waits for */
    uint32_t line;          /* current source line, 0 if none yet */
    uint32_t name_ev;       /* event whose text is its name, or MODEL_NONE */
    uint32_t last_ev;       /* its latest event, or MODEL_NONE */
    uint64_t since;         /* ts at which `state` began */
    int64_t  exit_code;     /* from worker.ended */
} ModelWorker;

typedef struct ModelVec {   /* a small growable array of uint32 */
    uint32_t *v;
    uint32_t  n, cap;
} ModelVec;

/* Cells of an array, value or list live in chunks of MODEL_CHUNK cells,
 * reached through pages of MODEL_PAGE chunk pointers, that the head, the
 * snapshots and the scratch state share (copy on write): a state copy
 * takes a reference to each object's page table; a fold that writes a cell
 * first copies the table, the page and the chunk on the cell's path if
 * another state holds them.  A snapshot therefore costs what changed since
 * the previous one (a chunk and a page per cell written, a table per
 * object written), not the size of every array.  Read cells with
 * model_cell / model_cell_ev. */
#define MODEL_CHUNK_BITS 5
#define MODEL_CHUNK (1u << MODEL_CHUNK_BITS)
#define MODEL_PAGE_BITS 6
#define MODEL_PAGE (1u << MODEL_PAGE_BITS)

typedef struct ModelChunk {
    uint32_t refs;          /* pages holding it */
    uint32_t ev[MODEL_CHUNK];
    uint64_t cell[MODEL_CHUNK];
} ModelChunk;

typedef struct ModelPage {
    uint32_t    refs;       /* tables holding it */
    ModelChunk *chunk[MODEL_PAGE];  /* NULL past the cells */
} ModelPage;

typedef struct ModelCells {
    uint32_t   refs;        /* objects (in any state) holding it */
    uint32_t   cap;         /* page slots; those past the cells are NULL */
    ModelPage *page[];
} ModelCells;

typedef struct ModelObject {
    uint32_t id;            /* object id from the events */
    uint32_t process;       /* for TO_LIST: whose private copy; else MODEL_NONE */
    uint8_t  kind;          /* TraceObjKind */
    uint8_t  flags;         /* TF_DOUBLE, TF_SHARED */
    uint8_t  is_set;        /* Event: set or not */
    uint32_t name_ev;       /* event whose text is its name, or MODEL_NONE */
    uint32_t creator;       /* worker that created it */
    uint32_t size;          /* queue maxsize (0 = unbounded), array length */
    uint32_t depth;         /* RLock depth, Semaphore counter */
    ModelVec holders;       /* workers holding it (Lock/RLock/GIL: 0 or 1) */
    ModelVec waiters;       /* workers blocked on it, oldest first */
    ModelVec items;         /* queue: put events, oldest .. newest
                             * (PriorityQueue: next out first) */
    uint32_t ncells;        /* array / value / list cells */
    ModelCells *cells;      /* shared, read only: see model_cell */
    uint32_t last_ev;       /* last event touching the object */
} ModelObject;

/* The chunk holding cell i (< ncells). */
static inline const ModelChunk *model_cell_chunk(const ModelObject *o, uint32_t i)
{
    return o->cells->page[i >> (MODEL_CHUNK_BITS + MODEL_PAGE_BITS)]
        ->chunk[(i >> MODEL_CHUNK_BITS) & (MODEL_PAGE - 1)];
}

/* Cell i (< ncells): int64 or double bits (TF_DOUBLE); for TO_LIST the
 * event index holding the item's text. */
static inline uint64_t model_cell(const ModelObject *o, uint32_t i)
{
    return model_cell_chunk(o, i)->cell[i & (MODEL_CHUNK - 1)];
}

/* The last write to cell i (< ncells), or MODEL_NONE. */
static inline uint32_t model_cell_ev(const ModelObject *o, uint32_t i)
{
    return model_cell_chunk(o, i)->ev[i & (MODEL_CHUNK - 1)];
}

typedef struct ModelState {
    size_t       nevents;   /* events folded in (the k of model_at) */
    uint64_t     ts;        /* timestamp of the last of them, 0 if none */
    ModelWorker *workers;   /* indexed by worker id; check .known */
    uint32_t     nworkers, workers_cap;
    ModelObject *objects;   /* in order of creation */
    uint32_t     nobjects, objects_cap;
    uint64_t    *map_key;   /* open addressing: (process << 32 | id) + 1 */
    uint32_t    *map_val;   /* index into objects */
    uint32_t     map_cap;   /* power of two */
} ModelState;

typedef struct ModelSpan {  /* a worker stays in `state` from ev/t0 on */
    uint64_t t0;
    uint32_t ev;            /* event that started the span */
    uint32_t obj;           /* object waited for, or MODEL_NONE */
    uint8_t  state;         /* TraceState */
} ModelSpan;

typedef struct ModelRef {   /* an entry of a history list */
    uint32_t ev;
    uint32_t worker;
} ModelRef;

typedef struct Model Model;

Model *model_create(const EventLog *log);
void model_destroy(Model *m);

/* Fold the events appended to the log since the last call. */
void model_update(Model *m);

/* Events folded so far. */
size_t model_count(const Model *m);

/* State after the first k events (k is clamped to model_count).  The
 * pointer stays valid until the next model_at / model_update. */
const ModelState *model_at(Model *m, size_t k);

/* State after every event folded so far. */
const ModelState *model_head(const Model *m);

/* Lookups in a state.  NULL when unknown. */
const ModelWorker *model_worker(const ModelState *st, uint32_t id);
const ModelObject *model_object(const ModelState *st, uint32_t id);
/* A process's private copy of plain list `id` (process = its main worker). */
const ModelObject *model_list(const ModelState *st, uint32_t id, uint32_t process);

/* Text of event `ev` ("" when none); for names, items, printed lines. */
const char *model_text(const Model *m, uint32_t ev);
const char *model_worker_name(const Model *m, const ModelWorker *w);
const char *model_object_name(const Model *m, const ModelObject *o);
const EventLog *model_log(const Model *m);

/* History.  Spans of one worker (all of them; those with ev < k belong to
 * the picture at k, the last one then lasting until state k's ts). */
const ModelSpan *model_spans(const Model *m, uint32_t worker, size_t *n);
const ModelRef *model_prints(const Model *m, size_t *n);
const ModelRef *model_exceptions(const Model *m, size_t *n);
const ModelRef *model_pauses(const Model *m, size_t *n);
/* task.start and task.done events (in a worker, each start is followed by
 * its task's done); parlab.measure() events. */
const ModelRef *model_tasks(const Model *m, size_t *n);
const ModelRef *model_measures(const Model *m, size_t *n);

/* How many entries of a history list (sorted by ev) have ev < k. */
size_t model_before(const ModelRef *refs, size_t n, size_t k);
size_t model_spans_before(const ModelSpan *spans, size_t n, size_t k);

/* The wait-for graph: the worker `w` waits for (holder of the lock it is
 * blocked on, or the worker it joins), MODEL_NONE if none. */
uint32_t model_waits_for(const ModelState *st, uint32_t w);

/* A deadlock: a cycle of workers each blocked on a lock held by (or
 * joining) the next.  Writes up to `max` worker ids into `cycle`, returns
 * the cycle's length, 0 if there is none. */
size_t model_deadlock(const ModelState *st, uint32_t *cycle, size_t max);

/* Pools and futures.  A future's life: submitted (waiting in its pool's
 * queue), running on a worker, done (in the worker), collected (its result
 * reached the process that submitted it). */
typedef enum ModelFutureState {
    MF_PENDING, MF_RUNNING, MF_DONE, MF_COLLECTED
} ModelFutureState;

ModelFutureState model_future_state(const ModelObject *fut);
/* The pool a future was submitted to (from its task.submit), or MODEL_NONE. */
uint32_t model_future_pool(const Model *m, const ModelObject *fut);
/* The worker running it (MF_RUNNING) or that ran it (done), or MODEL_NONE. */
uint32_t model_future_worker(const Model *m, const ModelObject *fut);

/* Snapshot spacing (default 1024 events; raised when much changes between
 * snapshots, so that snapshot memory stays near 16 bytes per event, at
 * most 8 intervals).  Set before folding. */
void model_set_snapshot_interval(Model *m, size_t events);
size_t model_snapshot_count(const Model *m);
/* Bytes the model holds (shared chunks counted once). */
size_t model_memory(const Model *m);
/* Bytes the snapshots add: what each holds that the previous one does not
 * share (a snapshot shares unchanged cell chunks). */
#define MODEL_SNAPSHOT_SHARING 1
size_t model_snapshot_memory(const Model *m);
/* Events model_at has folded so far, in all: the work of the jumps,
 * whatever the caches make of it (for benchmarks). */
size_t model_folded(const Model *m);

/* For tests and tools: fold events [0, k) of `log` into a fresh state with
 * no snapshots.  Free with model_state_free. */
void model_state_init(ModelState *st);
void model_state_free(ModelState *st);
void model_state_fold(ModelState *st, const EventLog *log, size_t from, size_t to);
void model_state_copy(ModelState *dst, const ModelState *src);

#endif
