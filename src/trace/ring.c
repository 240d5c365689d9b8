/* The shared region, slot claiming, and the writer's slow paths (ring
 * full, payloads).  The fast path, trace_emit_f, is inline in ring.h. */
#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "trace/ring.h"
#include "trace/futex.h"

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

static uint32_t ring_pow2(uint32_t v)
{
    uint32_t p = 64;
    while (p < v && p < (1u << 24))
        p <<= 1;
    return p;
}

static size_t ring_align(size_t v)
{
    return (v + 4095) & ~(size_t)4095;
}

TraceShm *trace_shm_create(unsigned cap_workers, unsigned ring_events)
{
    trace_clock_init(0);
    if (cap_workers == 0)
        cap_workers = 256;
    uint32_t nev = ring_pow2(ring_events ? ring_events : 16384);
    uint32_t nbytes = ring_pow2(nev * 8 > 2 * (TRACE_MAX_TEXT + 8) ? nev * 8 : 2 * (TRACE_MAX_TEXT + 8));
    size_t off_slots = ring_align(sizeof(TraceShmHdr));
    size_t off_events = ring_align(off_slots + cap_workers * sizeof(TraceSlot));
    size_t off_pay = ring_align(off_events + (size_t)cap_workers * nev * sizeof(TraceEvent));
    size_t size = ring_align(off_pay + (size_t)cap_workers * nbytes);

    void *base = mmap(NULL, size, PROT_READ | PROT_WRITE,
                      MAP_SHARED | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (base == MAP_FAILED)
        return NULL;
    TraceShm *shm = calloc(1, sizeof *shm);
    if (!shm) {
        munmap(base, size);
        return NULL;
    }
    shm->base = base;
    shm->size = size;
    shm->hdr = base;
    shm->slots = (TraceSlot *)((char *)base + off_slots);
    shm->events = (TraceEvent *)((char *)base + off_events);
    shm->payload = (uint8_t *)base + off_pay;
    shm->hdr->cap = cap_workers;
    shm->hdr->ring_events = nev;
    shm->hdr->payload_bytes = nbytes;
    /* The mapping is zero-filled: every slot starts SLOT_FREE, empty. */
    return shm;
}

void trace_shm_destroy(TraceShm *shm)
{
    if (!shm)
        return;
    munmap(shm->base, shm->size);
    free(shm);
}

int trace_worker_reserve(TraceShm *shm)
{
    uint32_t id = atomic_fetch_add_explicit(&shm->hdr->next_worker, 1, memory_order_relaxed);
    return id < TRACE_MAX_WORKERS ? (int)id : -1;
}

void trace_shm_ring_doorbell(TraceShm *shm)
{
    atomic_fetch_add_explicit(&shm->hdr->doorbell, 1, memory_order_seq_cst);
    if (atomic_load_explicit(&shm->hdr->doorbell_waiters, memory_order_seq_cst))
        trace_futex_wake(&shm->hdr->doorbell);
}

static TraceSlot *ring_claim(TraceShm *shm)
{
    for (uint32_t i = 0; i < shm->hdr->cap; i++) {
        uint32_t want = SLOT_FREE;
        if (atomic_compare_exchange_strong_explicit(&shm->slots[i].state, &want, SLOT_CLAIMED,
                                                    memory_order_acq_rel, memory_order_relaxed))
            return &shm->slots[i];
    }
    return NULL;
}

TraceWriter *trace_worker_open(TraceShm *shm, int id)
{
    if (!shm || id < 0 || (unsigned)id >= TRACE_MAX_WORKERS)
        return NULL;
    TraceSlot *slot = NULL;
    /* Closed slots come back once the collector has drained them. */
    for (int tries = 0; !(slot = ring_claim(shm)) && tries < 200; tries++) {
        trace_shm_ring_doorbell(shm);
        struct timespec ms = { 0, 1000 * 1000 };
        nanosleep(&ms, NULL);
    }
    if (!slot)
        return NULL;
    TraceWriter *w = calloc(1, sizeof *w);
    if (!w) {
        atomic_store_explicit(&slot->state, SLOT_FREE, memory_order_release);
        return NULL;
    }
    size_t i = (size_t)(slot - shm->slots);
    w->slot = slot;
    w->shm = shm;
    w->ev = shm->events + i * shm->hdr->ring_events;
    w->pay = shm->payload + i * shm->hdr->payload_bytes;
    w->mask = shm->hdr->ring_events - 1;
    w->pmask = shm->hdr->payload_bytes - 1;
    w->worker = (uint16_t)id;
    /* Fault the ring in once, in bulk, before the first event: first
     * touches one page at a time cost far more on a VM. */
    if (!atomic_load_explicit(&slot->populated, memory_order_relaxed)) {
        madvise((void *)((uintptr_t)w->ev & ~(uintptr_t)4095),
                (size_t)shm->hdr->ring_events * sizeof(TraceEvent), MADV_POPULATE_WRITE);
        madvise((void *)((uintptr_t)w->pay & ~(uintptr_t)4095), shm->hdr->payload_bytes,
                MADV_POPULATE_WRITE);
        atomic_store_explicit(&slot->populated, 1, memory_order_relaxed);
    }
    /* A freed slot was reset to zero by the collector before SLOT_FREE. */
    w->head = atomic_load_explicit(&slot->head, memory_order_relaxed);
    w->tail_cache = atomic_load_explicit(&slot->tail, memory_order_acquire);
    w->limit = w->tail_cache + (w->mask + 1) / 2;
    w->phead = w->ptail_cache = atomic_load_explicit(&slot->ptail, memory_order_acquire);
    atomic_store_explicit(&slot->worker, (uint32_t)id, memory_order_relaxed);
    atomic_store_explicit(&slot->pid, (int32_t)getpid(), memory_order_relaxed);
    atomic_store_explicit(&slot->state, SLOT_OPEN, memory_order_release);
    return w;
}

void trace_worker_forget(TraceWriter *w)
{
    free(w);
}

void trace_worker_close(TraceWriter *w)
{
    if (!w)
        return;
    atomic_store_explicit(&w->slot->state, SLOT_CLOSED, memory_order_release);
    trace_shm_ring_doorbell(w->shm);
    free(w);
}

unsigned trace_shm_reap_pid(TraceShm *shm, int pid)
{
    unsigned n = 0;
    for (uint32_t i = 0; i < shm->hdr->cap; i++) {
        TraceSlot *s = &shm->slots[i];
        uint32_t want = SLOT_OPEN;
        if (atomic_load_explicit(&s->pid, memory_order_relaxed) == pid &&
            atomic_compare_exchange_strong_explicit(&s->state, &want, SLOT_CLOSED,
                                                    memory_order_acq_rel, memory_order_relaxed))
            n++;
    }
    if (n)
        trace_shm_ring_doorbell(shm);
    return n;
}

static int ring_fits(const TraceWriter *w, uint64_t events, uint64_t bytes)
{
    return w->head + events - w->tail_cache <= (uint64_t)w->mask + 1 &&
           w->phead + bytes - w->ptail_cache <= (uint64_t)w->pmask + 1;
}

void trace_writer_wait(TraceWriter *w, uint64_t events, uint64_t bytes)
{
    TraceSlot *s = w->slot;
    w->tail_cache = atomic_load_explicit(&s->tail, memory_order_acquire);
    w->ptail_cache = atomic_load_explicit(&s->ptail, memory_order_acquire);
    /* Half full: ask for a drain now, so we seldom have to stop. */
    if (w->head - w->tail_cache >= ((uint64_t)w->mask + 1) / 2)
        trace_shm_ring_doorbell(w->shm);
    while (!ring_fits(w, events, bytes)) {
        uint32_t seq = atomic_load_explicit(&s->wake, memory_order_seq_cst);
        atomic_store_explicit(&s->waiting, 1, memory_order_seq_cst);
        w->tail_cache = atomic_load_explicit(&s->tail, memory_order_seq_cst);
        w->ptail_cache = atomic_load_explicit(&s->ptail, memory_order_seq_cst);
        if (ring_fits(w, events, bytes))
            break;
        trace_shm_ring_doorbell(w->shm);
        trace_futex_wait(&s->wake, seq, 1000 * 1000);
        w->tail_cache = atomic_load_explicit(&s->tail, memory_order_acquire);
        w->ptail_cache = atomic_load_explicit(&s->ptail, memory_order_acquire);
    }
    atomic_store_explicit(&s->waiting, 0, memory_order_relaxed);
    /* Look again at half full, or when full if we are past half already. */
    uint64_t half = w->tail_cache + ((uint64_t)w->mask + 1) / 2;
    w->limit = w->head + events <= half ? half : w->tail_cache + (uint64_t)w->mask + 1;
}

/* Copy into the payload byte ring at position `pos`, wrapping. */
static void ring_put_bytes(TraceWriter *w, uint64_t pos, const void *src, size_t n)
{
    size_t at = pos & w->pmask, room = (size_t)w->pmask + 1 - at;
    if (n <= room) {
        memcpy(w->pay + at, src, n);
    } else {
        memcpy(w->pay + at, src, room);
        memcpy(w->pay, (const char *)src + room, n - room);
    }
}

void trace_emit_payload(TraceWriter *w, unsigned kind, unsigned flags, uint32_t obj,
                        uint32_t line, uint32_t aux, uint64_t a,
                        const void *data, size_t len)
{
    if (!w)
        return;
    if (len > TRACE_MAX_TEXT) {
        len = TRACE_MAX_TEXT;
        flags |= TF_TRUNC;
    }
    /* Entry: a 4-byte length, the bytes, padding to 4. */
    uint64_t need = 4 + ((len + 3) & ~(size_t)3);
    if (!ring_fits(w, 1, need))
        trace_writer_wait(w, 1, need);
    uint32_t n32 = (uint32_t)len;
    ring_put_bytes(w, w->phead, &n32, 4);
    if (len)
        ring_put_bytes(w, w->phead + 4, data, len);
    w->phead += need;
    trace_emit_f(w, kind, flags | TF_PAYLOAD, obj, line, aux, a);
}

void trace_emit_write_i(TraceWriter *w, unsigned kind, uint32_t obj, uint32_t line,
                        uint32_t index, int64_t old, int64_t new_value)
{
    trace_emit_payload(w, kind, 0, obj, line, index, (uint64_t)new_value, &old, sizeof old);
}

void trace_emit_write_d(TraceWriter *w, unsigned kind, uint32_t obj, uint32_t line,
                        uint32_t index, double old, double new_value)
{
    uint64_t bits;
    memcpy(&bits, &new_value, sizeof bits);
    trace_emit_payload(w, kind, TF_DOUBLE, obj, line, index, bits, &old, sizeof old);
}
