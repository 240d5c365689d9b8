/* The event log: chunked event storage and payload blocks, both mapped in
 * bulk and never moved, so readers may run while the collector appends. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "trace/eventlog.h"

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

#define CHUNK_BYTES (EVENTLOG_CHUNK * (sizeof(TraceEvent) + sizeof(uint32_t)))

static void log_oom(const char *what)
{
    fprintf(stderr, "parlab: out of memory (%s)\n", what);
    abort();
}

/* Mapped and populated in one call: on a VM a first-touch page fault can
 * cost tens of microseconds, populating in bulk a tenth of that. */
static void *log_map(size_t bytes, const char *what)
{
    void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        log_oom(what);
    madvise(p, bytes, MADV_POPULATE_WRITE);   /* best effort */
    return p;
}

static uint32_t *log_offsets(const EventLog *log, size_t k)
{
    return (uint32_t *)(log->ev[k >> EVENTLOG_CHUNK_BITS] + EVENTLOG_CHUNK) + (k & (EVENTLOG_CHUNK - 1));
}

void eventlog_init(EventLog *log)
{
    memset(log, 0, sizeof *log);
    atomic_init(&log->n, 0);
}

void eventlog_free(EventLog *log)
{
    for (size_t i = 0; i < log->nchunks; i++)
        munmap(log->ev[i], CHUNK_BYTES);
    for (size_t i = 0; i < log->nblocks; i++)
        munmap(log->blk[i], EVENTLOG_BLOCK);
    free(log->ev);
    free(log->blk);
    eventlog_init(log);
}

EventLog *eventlog_create(void)
{
    EventLog *log = malloc(sizeof *log);
    if (!log)
        log_oom("event log");
    eventlog_init(log);
    return log;
}

void eventlog_destroy(EventLog *log)
{
    if (!log)
        return;
    eventlog_free(log);
    free(log);
}

static size_t log_payload_size(uint32_t len)
{
    return (4 + (size_t)len + 1 + 3) & ~(size_t)3;
}

char *eventlog_payload_reserve(EventLog *log, uint32_t len)
{
    size_t need = log_payload_size(len);
    if (need > EVENTLOG_BLOCK)
        log_oom("event log: payload larger than a block");
    if (!log->nblocks || log->blk_used + need > EVENTLOG_BLOCK) {
        if (!log->blk && !(log->blk = calloc(EVENTLOG_MAX_BLOCKS, sizeof *log->blk)))
            log_oom("event log");
        if (log->nblocks == EVENTLOG_MAX_BLOCKS)
            log_oom("event log: payloads exceed 16 GiB");
        log->blk[log->nblocks++] = log_map(EVENTLOG_BLOCK, "event log payloads");
        log->blk_used = 0;
    }
    return log->blk[log->nblocks - 1] + log->blk_used + 4;
}

size_t eventlog_append(EventLog *log, const TraceEvent *e, const void *payload, uint32_t len)
{
    size_t k = atomic_load_explicit(&log->n, memory_order_relaxed);
    size_t c = k >> EVENTLOG_CHUNK_BITS;
    if (c == log->nchunks) {
        if (!log->ev && !(log->ev = calloc(EVENTLOG_MAX_CHUNKS, sizeof *log->ev)))
            log_oom("event log");
        if (c == EVENTLOG_MAX_CHUNKS)
            log_oom("event log: more than 2^30 events");
        log->ev[c] = log_map(CHUNK_BYTES, "event log chunk");
        log->nchunks++;
    }
    TraceEvent *dst = &log->ev[c][k & (EVENTLOG_CHUNK - 1)];
    *dst = *e;
    uint32_t *off = log_offsets(log, k);
    if (payload != NULL || (e->flags & TF_PAYLOAD)) {
        char *at = eventlog_payload_reserve(log, len);
        if (payload && len)
            memcpy(at, payload, len);
        at[len] = '\0';
        memcpy(at - 4, &len, 4);
        *off = (uint32_t)((((log->nblocks - 1) << EVENTLOG_BLOCK_BITS) + log->blk_used) / 4);
        log->blk_used += log_payload_size(len);
        dst->flags |= TF_PAYLOAD;
    } else {
        *off = EVENTLOG_NO_PAYLOAD;
        dst->flags &= (uint8_t)~TF_PAYLOAD;
    }
    atomic_store_explicit(&log->n, k + 1, memory_order_release);
    return k;
}

const char *eventlog_text(const EventLog *log, size_t k, uint32_t *len)
{
    uint32_t off = *log_offsets(log, k);
    if (off == EVENTLOG_NO_PAYLOAD) {
        if (len)
            *len = 0;
        return "";
    }
    size_t byte = (size_t)off * 4;
    const char *p = log->blk[byte >> EVENTLOG_BLOCK_BITS] + (byte & (EVENTLOG_BLOCK - 1));
    if (len)
        memcpy(len, p, 4);
    return p + 4;
}

int64_t eventlog_old_i(const EventLog *log, size_t k)
{
    uint32_t len;
    const char *p = eventlog_text(log, k, &len);
    int64_t v = 0;
    if (len == sizeof v)
        memcpy(&v, p, sizeof v);
    return v;
}

double eventlog_old_d(const EventLog *log, size_t k)
{
    uint32_t len;
    const char *p = eventlog_text(log, k, &len);
    double v = 0;
    if (len == sizeof v)
        memcpy(&v, p, sizeof v);
    return v;
}

/* The chunk and block tables are virtual until touched: count the pages
 * that hold entries. */
size_t eventlog_memory(const EventLog *log)
{
    size_t tables = ((log->nchunks * sizeof(void *) + 4095) & ~(size_t)4095) +
                    ((log->nblocks * sizeof(void *) + 4095) & ~(size_t)4095);
    return sizeof *log + tables + log->nchunks * CHUNK_BYTES + log->nblocks * EVENTLOG_BLOCK;
}

size_t eventlog_find_ts(const EventLog *log, uint64_t t)
{
    size_t lo = 0, hi = eventlog_count(log);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (eventlog_get(log, mid)->ts < t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

void eventlog_set_flags(EventLog *log, size_t k, unsigned flags)
{
    log->ev[k >> EVENTLOG_CHUNK_BITS][k & (EVENTLOG_CHUNK - 1)].flags |= (uint8_t)flags;
}
