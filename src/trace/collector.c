/* Draining the rings: a k-way merge by timestamp straight out of shared
 * memory, with a small binary heap of slots keyed by their next event. */
#include <stdlib.h>
#include <string.h>

#include "trace/collector.h"
#include "trace/futex.h"

typedef struct SlotCursor {
    uint64_t tail;          /* next event to read (our copy of slot->tail) */
    uint64_t ptail;         /* next payload byte */
    uint64_t head;          /* published head, read at the start of a drain */
    uint64_t last_ts;       /* clamp: a worker's own times never go back */
    uint64_t released;      /* tail last published to the writer */
} SlotCursor;

struct Collector {
    TraceShm   *shm;
    SlotCursor *cur;
    uint32_t   *heap;       /* slot indices, min-heap on next ts */
    uint32_t   *vis;        /* slots seen live in this drain */
    uint32_t    nheap;
    uint64_t    slack_ns;
    uint64_t    late;
    unsigned    live;
};

Collector *collector_create(TraceShm *shm)
{
    Collector *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->shm = shm;
    c->cur = calloc(shm->hdr->cap, sizeof *c->cur);
    c->heap = calloc(shm->hdr->cap, sizeof *c->heap);
    c->vis = calloc(shm->hdr->cap, sizeof *c->vis);
    if (!c->cur || !c->heap || !c->vis) {
        collector_destroy(c);
        return NULL;
    }
    c->slack_ns = 2 * 1000 * 1000;
    return c;
}

void collector_destroy(Collector *c)
{
    if (!c)
        return;
    free(c->cur);
    free(c->heap);
    free(c->vis);
    free(c);
}

void collector_set_slack(Collector *c, uint64_t slack_ns)
{
    c->slack_ns = slack_ns;
}

uint64_t collector_late(const Collector *c)
{
    return c->late;
}

unsigned collector_live_slots(const Collector *c)
{
    return c->live;
}

static const TraceEvent *col_peek(const Collector *c, uint32_t s)
{
    const TraceShm *shm = c->shm;
    return &shm->events[(size_t)s * shm->hdr->ring_events +
                        (c->cur[s].tail & (shm->hdr->ring_events - 1))];
}

static uint64_t col_ts(const Collector *c, uint32_t s)
{
    uint64_t t = col_peek(c, s)->ts;
    return t < c->cur[s].last_ts ? c->cur[s].last_ts : t;
}

/* Ties go to the lower slot, so the merge is deterministic. */
static int col_less(const Collector *c, uint32_t a, uint32_t b)
{
    uint64_t ta = col_ts(c, a), tb = col_ts(c, b);
    return ta < tb || (ta == tb && a < b);
}

static void heap_push(Collector *c, uint32_t s)
{
    uint32_t i = c->nheap++;
    while (i > 0) {
        uint32_t p = (i - 1) / 2;
        if (!col_less(c, s, c->heap[p]))
            break;
        c->heap[i] = c->heap[p];
        i = p;
    }
    c->heap[i] = s;
}

static uint32_t heap_pop(Collector *c)
{
    uint32_t top = c->heap[0], last = c->heap[--c->nheap], i = 0;
    for (;;) {
        uint32_t l = 2 * i + 1, m = l;
        if (l >= c->nheap)
            break;
        if (l + 1 < c->nheap && col_less(c, c->heap[l + 1], c->heap[l]))
            m = l + 1;
        if (!col_less(c, c->heap[m], last))
            break;
        c->heap[i] = c->heap[m];
        i = m;
    }
    if (c->nheap)
        c->heap[i] = last;
    return top;
}

/* Copy one event and its payload from slot s into the log. */
static void col_take(Collector *c, uint32_t s, EventLog *out)
{
    TraceShm *shm = c->shm;
    SlotCursor *cur = &c->cur[s];
    TraceEvent e = *col_peek(c, s);
    if (e.ts < cur->last_ts)
        e.ts = cur->last_ts;
    cur->last_ts = e.ts;
    if (eventlog_count(out) && e.ts < eventlog_get(out, eventlog_count(out) - 1)->ts) {
        e.ts = eventlog_get(out, eventlog_count(out) - 1)->ts;
        c->late++;
    }
    cur->tail++;
    if (!(e.flags & TF_PAYLOAD)) {
        eventlog_append(out, &e, NULL, 0);
        return;
    }
    const uint8_t *ring = shm->payload + (size_t)s * shm->hdr->payload_bytes;
    uint32_t pmask = shm->hdr->payload_bytes - 1, len;
    memcpy(&len, ring + (cur->ptail & pmask), 4);
    if (len > TRACE_MAX_TEXT)
        len = TRACE_MAX_TEXT;
    char *dst = eventlog_payload_reserve(out, len);
    size_t at = (cur->ptail + 4) & pmask, room = (size_t)pmask + 1 - at;
    if (len <= room) {
        memcpy(dst, ring + at, len);
    } else {
        memcpy(dst, ring + at, room);
        memcpy(dst + room, ring, len - room);
    }
    cur->ptail += 4 + ((len + 3) & ~(uint64_t)3);
    eventlog_append(out, &e, NULL, len);
}

/* Hand consumed space back to the writer, waking it if it sleeps. */
static void col_release(Collector *c, uint32_t s)
{
    TraceSlot *slot = &c->shm->slots[s];
    atomic_store_explicit(&slot->ptail, c->cur[s].ptail, memory_order_release);
    atomic_store_explicit(&slot->tail, c->cur[s].tail, memory_order_seq_cst);
    if (atomic_load_explicit(&slot->waiting, memory_order_seq_cst)) {
        atomic_fetch_add_explicit(&slot->wake, 1, memory_order_seq_cst);
        trace_futex_wake(&slot->wake);
    }
}

/* A closed slot whose events are all in the log goes back to the pool. */
static void col_free_slot(Collector *c, uint32_t s)
{
    TraceSlot *slot = &c->shm->slots[s];
    atomic_store_explicit(&slot->head, 0, memory_order_relaxed);
    atomic_store_explicit(&slot->tail, 0, memory_order_relaxed);
    atomic_store_explicit(&slot->ptail, 0, memory_order_relaxed);
    atomic_store_explicit(&slot->waiting, 0, memory_order_relaxed);
    memset(&c->cur[s], 0, sizeof c->cur[s]);
    atomic_store_explicit(&slot->state, SLOT_FREE, memory_order_release);
}

static size_t col_run(Collector *c, EventLog *out, int hold_back)
{
    TraceShm *shm = c->shm;
    uint32_t cap = shm->hdr->cap;
    uint64_t horizon = UINT64_MAX;
    if (hold_back) {
        uint64_t now = trace_now();
        horizon = now > c->slack_ns ? now - c->slack_ns : 0;
    }
    uint32_t nvis = 0;
    c->nheap = 0;
    for (uint32_t s = 0; s < cap; s++) {
        uint32_t st = atomic_load_explicit(&shm->slots[s].state, memory_order_acquire);
        if (st != SLOT_OPEN && st != SLOT_CLOSED)
            continue;
        c->vis[nvis++] = s | (st == SLOT_CLOSED ? 0x80000000u : 0);
        /* State before head: a CLOSED slot's head read now is final. */
        c->cur[s].head = atomic_load_explicit(&shm->slots[s].head, memory_order_acquire);
        if (c->cur[s].tail != c->cur[s].head && col_ts(c, s) <= horizon)
            heap_push(c, s);
    }
    size_t n0 = eventlog_count(out);
    while (c->nheap) {
        uint32_t s = heap_pop(c);
        /* Take a run from this slot while it stays ahead of every other. */
        for (;;) {
            col_take(c, s, out);
            if (c->cur[s].tail == c->cur[s].head || col_ts(c, s) > horizon)
                break;
            if (c->nheap && !col_less(c, s, c->heap[0])) {
                heap_push(c, s);
                break;
            }
        }
    }
    c->live = nvis;
    for (uint32_t i = 0; i < nvis; i++) {
        uint32_t s = c->vis[i] & 0x7fffffffu;
        SlotCursor *cur = &c->cur[s];
        if (cur->tail != cur->released) {
            cur->released = cur->tail;
            col_release(c, s);
        }
        if ((c->vis[i] & 0x80000000u) && cur->tail == cur->head) {
            col_free_slot(c, s);
            c->live--;
        }
    }
    return eventlog_count(out) - n0;
}

size_t collector_drain(Collector *c, EventLog *out)
{
    return col_run(c, out, 1);
}

size_t collector_flush(Collector *c, EventLog *out)
{
    return col_run(c, out, 0);
}

void collector_wait(Collector *c, int timeout_ms)
{
    TraceShmHdr *h = c->shm->hdr;
    uint32_t seen = atomic_load_explicit(&h->doorbell, memory_order_seq_cst);
    atomic_fetch_add_explicit(&h->doorbell_waiters, 1, memory_order_seq_cst);
    trace_futex_wait(&h->doorbell, seen, (long)timeout_ms * 1000000L);
    atomic_fetch_sub_explicit(&h->doorbell_waiters, 1, memory_order_seq_cst);
}
