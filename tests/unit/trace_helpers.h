/* Helpers for the trace and model unit tests: build an event log by hand. */
#ifndef PARLAB_TEST_TRACE_HELPERS_H
#define PARLAB_TEST_TRACE_HELPERS_H

#include <string.h>

#include "trace/eventlog.h"

/* Append one event; ts grows by 1000 ns per call. */
static inline size_t th_ev(EventLog *log, unsigned worker, unsigned kind, uint32_t obj,
                           uint32_t line, uint32_t aux, uint64_t a, const char *text)
{
    TraceEvent e;
    memset(&e, 0, sizeof e);
    e.ts = (eventlog_count(log) + 1) * 1000;
    e.worker = (uint16_t)worker;
    e.kind = (uint8_t)kind;
    e.line = line;
    e.obj = obj;
    e.aux = aux;
    e.a.u = a;
    return eventlog_append(log, &e, text, text ? (uint32_t)strlen(text) : 0);
}

static inline size_t th_flags(EventLog *log, unsigned worker, unsigned kind, unsigned flags,
                              uint32_t obj, uint32_t aux, uint64_t a, const char *text)
{
    size_t k = th_ev(log, worker, kind, obj, 0, aux, a, text);
    eventlog_set_flags(log, k, flags);
    return k;
}

/* A write with its old value in the payload, as trace_emit_write_i does. */
static inline size_t th_write(EventLog *log, unsigned worker, unsigned kind, uint32_t obj,
                              uint32_t index, int64_t old, int64_t new_value)
{
    TraceEvent e;
    memset(&e, 0, sizeof e);
    e.ts = (eventlog_count(log) + 1) * 1000;
    e.worker = (uint16_t)worker;
    e.kind = (uint8_t)kind;
    e.obj = obj;
    e.aux = index;
    e.a.i = new_value;
    return eventlog_append(log, &e, &old, sizeof old);
}

/* Two workers: w0 the main process, w1 a thread of it, both started. */
static inline void th_two_threads(EventLog *log)
{
    th_flags(log, 0, TK_WORKER_STARTED, TF_PROCESS, TRACE_NONE, 0, (100ull << 32) | 100, "MainProcess");
    th_ev(log, 0, TK_WORKER_CREATED, 1, 3, 0, 0, "Thread-1");
    th_ev(log, 1, TK_WORKER_STARTED, 0, 0, 0, (100ull << 32) | 101, "Thread-1");
}

#endif
