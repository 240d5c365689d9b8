/* Per-worker event rings in one shared mapping, and the writer's side.
 *
 * trace_shm_create() maps one MAP_SHARED|MAP_ANONYMOUS region before any
 * fork: a header, a fixed table of slots, and for each slot a ring of
 * 32-byte events plus a byte ring for payloads.  A worker (thread, or the
 * main thread of a forked process) claims a free slot with
 * trace_worker_open() and is its only producer.  The collector, in the first
 * process, is the only consumer (collector.h).
 *
 * Recording an event is a TSC read, a 32-byte store and a release store of
 * the slot's head: no lock, no system call.  The writer keeps its own copy of
 * head and a cached copy of the collector's tail, so it touches the shared
 * tail line only every half ring or so (then asking for a drain if the ring
 * is half full, so it rarely has to stop).  A truly full
 * ring makes the writer sleep on a futex until the collector frees space:
 * nothing is ever dropped. */
#ifndef PARLAB_TRACE_RING_H
#define PARLAB_TRACE_RING_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "trace/clock.h"
#include "trace/event.h"

#define TRACE_MAX_WORKERS 65535u    /* logical ids are 16 bits */

enum { SLOT_FREE = 0, SLOT_CLAIMED, SLOT_OPEN, SLOT_CLOSED };

/* One ring's shared state.  head is written by the producer only, tail and
 * ptail by the collector only; they sit on separate cache lines. */
typedef struct TraceSlot {
    _Alignas(64) _Atomic uint64_t head;     /* events published */
    _Alignas(64) _Atomic uint64_t tail;     /* events consumed */
    _Atomic uint64_t ptail;                 /* payload bytes consumed */
    _Atomic uint32_t wake;                  /* futex: bumped when space frees */
    _Atomic uint32_t waiting;               /* the producer sleeps on wake */
    _Alignas(64) _Atomic uint32_t state;    /* SLOT_* */
    _Atomic uint32_t worker;                /* logical id of the producer */
    _Atomic int32_t  pid;                   /* process that owns it */
    _Atomic uint32_t populated;             /* its pages were faulted in */
} TraceSlot;

typedef struct TraceShmHdr {
    uint32_t cap;                   /* number of slots */
    uint32_t ring_events;           /* events per ring, a power of two */
    uint32_t payload_bytes;         /* payload bytes per ring, a power of two */
    _Atomic uint32_t next_worker;   /* next logical worker id */
    _Atomic uint32_t doorbell;      /* futex: a writer wants a drain */
    _Atomic uint32_t doorbell_waiters;
} TraceShmHdr;

/* A process-local handle to the shared region; valid in forked children
 * too, since the mapping keeps its address across fork. */
typedef struct TraceShm {
    void        *base;
    size_t       size;
    TraceShmHdr *hdr;
    TraceSlot   *slots;
    TraceEvent  *events;            /* cap * ring_events */
    uint8_t     *payload;           /* cap * payload_bytes */
} TraceShm;

typedef struct TraceWriter {
    TraceSlot  *slot;
    TraceEvent *ev;
    uint8_t    *pay;
    TraceShm   *shm;
    uint64_t    head;               /* our own copy of slot->head */
    uint64_t    tail_cache;         /* last tail we read */
    uint64_t    limit;              /* head at which to look at tail again */
    uint64_t    phead, ptail_cache; /* the same for payload bytes */
    uint32_t    mask, pmask;
    uint16_t    worker;
} TraceWriter;

/* Map the region: `cap_workers` slots (at most this many workers alive at
 * once), rings of `ring_events` events (rounded up to a power of two; 0
 * picks 16384).  Calls trace_clock_init().  NULL on failure. */
TraceShm *trace_shm_create(unsigned cap_workers, unsigned ring_events);
void trace_shm_destroy(TraceShm *shm);

/* A new logical worker id, unique for the run (any process may ask);
 * -1 past TRACE_MAX_WORKERS.  Reserve it in the parent, pass it to the
 * child, so worker.created can name the child before it runs. */
int trace_worker_reserve(TraceShm *shm);

/* Claim a slot for worker `id`, from the thread that will record.  Waits
 * up to 200 ms for the collector to free one; NULL if none (cap reached). */
TraceWriter *trace_worker_open(TraceShm *shm, int id);

/* The worker records nothing more; the collector frees the slot once it has
 * drained it.  Frees `w`. */
void trace_worker_close(TraceWriter *w);

/* In a forked child: the parent's writer was copied in, but its slot still
 * belongs to the parent.  Frees `w` without touching the slot. */
void trace_worker_forget(TraceWriter *w);

/* A process died without closing its slots (killed, crashed): mark every
 * slot it owned closed so the collector drains what it published and frees
 * them.  Call only once the process is reaped.  Returns how many. */
unsigned trace_shm_reap_pid(TraceShm *shm, int pid);

/* Slow path: wait until `events` events and `bytes` payload bytes fit. */
void trace_writer_wait(TraceWriter *w, uint64_t events, uint64_t bytes);

/* Record one event.  A NULL writer records nothing (tracing off). */
static inline void trace_emit_f(TraceWriter *w, unsigned kind, unsigned flags,
                                uint32_t obj, uint32_t line, uint32_t aux, uint64_t a)
{
    if (!w)
        return;
    uint64_t h = w->head;
    if (__builtin_expect(h >= w->limit, 0))
        trace_writer_wait(w, 1, 0);
    TraceEvent *e = &w->ev[h & w->mask];
    e->ts = trace_now();
    e->worker = w->worker;
    e->kind = (uint8_t)kind;
    e->flags = (uint8_t)flags;
    e->line = line;
    e->obj = obj;
    e->aux = aux;
    e->a.u = a;
    w->head = h + 1;
    atomic_store_explicit(&w->slot->head, h + 1, memory_order_release);
}

static inline void trace_emit(TraceWriter *w, unsigned kind, uint32_t obj,
                              uint32_t line, uint32_t aux, uint64_t a)
{
    trace_emit_f(w, kind, 0, obj, line, aux, a);
}

/* Record an event with a payload of `len` bytes (cut at TRACE_MAX_TEXT). */
void trace_emit_payload(TraceWriter *w, unsigned kind, unsigned flags, uint32_t obj,
                        uint32_t line, uint32_t aux, uint64_t a,
                        const void *data, size_t len);

static inline void trace_emit_text(TraceWriter *w, unsigned kind, uint32_t obj,
                                   uint32_t line, const char *s, size_t len)
{
    trace_emit_payload(w, kind, 0, obj, line, 0, 0, s, len);
}

/* array.write / value.write of ints and doubles: new value in the event,
 * old value in the payload. */
void trace_emit_write_i(TraceWriter *w, unsigned kind, uint32_t obj, uint32_t line,
                        uint32_t index, int64_t old, int64_t new_value);
void trace_emit_write_d(TraceWriter *w, unsigned kind, uint32_t obj, uint32_t line,
                        uint32_t index, double old, double new_value);

/* Wake a collector sleeping in collector_wait(). */
void trace_shm_ring_doorbell(TraceShm *shm);

#endif
