/* The event log: every event of a run, in timestamp order, with payloads
 * copied out of the rings.  Filled by the collector, read by the model, the
 * text dump, the trace exporter and time travel.  Append-only.
 *
 * One thread appends (the collector); any number of threads may read
 * events below eventlog_count() at the same time: storage never moves.
 * Events live in chunks of EVENTLOG_CHUNK events listed in a table
 * allocated once, so growing never copies what is stored and the spare
 * capacity stays at most one chunk.  Each event has a 4-byte index of its
 * payload; payloads live in 1 MiB blocks, each stored as a 4-byte length,
 * the bytes, a NUL, padding to 4. */
#ifndef PARLAB_TRACE_EVENTLOG_H
#define PARLAB_TRACE_EVENTLOG_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "trace/event.h"

#define EVENTLOG_CHUNK_BITS 14
#define EVENTLOG_CHUNK ((size_t)1 << EVENTLOG_CHUNK_BITS)
#define EVENTLOG_MAX_CHUNKS ((size_t)1 << 16)          /* 2^30 events */
#define EVENTLOG_BLOCK_BITS 20
#define EVENTLOG_BLOCK ((size_t)1 << EVENTLOG_BLOCK_BITS)
#define EVENTLOG_MAX_BLOCKS ((size_t)1 << 14)          /* 16 GiB of payload */
#define EVENTLOG_NO_PAYLOAD 0xffffffffu

typedef struct EventLog {
    TraceEvent   **ev;        /* chunk table; each chunk is its events then
                               * EVENTLOG_CHUNK payload indices (uint32) */
    char         **blk;       /* payload block table */
    size_t         nchunks, nblocks;
    size_t         blk_used;  /* bytes used in the last block */
    _Atomic size_t n;         /* events stored; read with eventlog_count */
} EventLog;

void eventlog_init(EventLog *log);
void eventlog_free(EventLog *log);
EventLog *eventlog_create(void);
void eventlog_destroy(EventLog *log);

static inline size_t eventlog_count(const EventLog *log)
{
    return atomic_load_explicit(&((EventLog *)log)->n, memory_order_acquire);
}

static inline const TraceEvent *eventlog_get(const EventLog *log, size_t k)
{
    return &log->ev[k >> EVENTLOG_CHUNK_BITS][k & (EVENTLOG_CHUNK - 1)];
}

/* Append a copy of `e` (and `len` payload bytes if `payload`); returns its
 * index.  The TF_PAYLOAD flag is set to match. */
size_t eventlog_append(EventLog *log, const TraceEvent *e, const void *payload, uint32_t len);

/* Reserve room for a payload of `len` bytes for the event about to be
 * appended and return where to write them (the collector copies straight
 * out of a ring).  Follow with eventlog_append(log, e, NULL, len). */
char *eventlog_payload_reserve(EventLog *log, uint32_t len);

/* The payload of event k as text (NUL-terminated; "" when none). */
const char *eventlog_text(const EventLog *log, size_t k, uint32_t *len);

/* The old value carried by array.write / value.write (0 when absent). */
int64_t eventlog_old_i(const EventLog *log, size_t k);
double eventlog_old_d(const EventLog *log, size_t k);

/* Bytes of memory the log holds (allocated), for the benchmark. */
size_t eventlog_memory(const EventLog *log);

/* Index of the first event with ts >= t (binary search). */
size_t eventlog_find_ts(const EventLog *log, uint64_t t);

/* For tests and tools: OR `flags` into stored event k. */
void eventlog_set_flags(EventLog *log, size_t k, unsigned flags);

#endif
