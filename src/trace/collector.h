/* The collector: the one consumer of every ring, in the first process.
 *
 * On its own tick (the UI loop, or the headless loop) it drains all rings
 * and appends their events to an EventLog merged by timestamp.  Events newer
 * than `now - slack` stay in their ring until the next drain, so a writer
 * that read the clock but has not yet published cannot land behind a later
 * event of another worker.  Each worker's own order is always kept. */
#ifndef PARLAB_TRACE_COLLECTOR_H
#define PARLAB_TRACE_COLLECTOR_H

#include <stddef.h>
#include <stdint.h>

#include "trace/eventlog.h"
#include "trace/ring.h"

typedef struct Collector Collector;

Collector *collector_create(TraceShm *shm);
void collector_destroy(Collector *c);

/* How long events are held back (default 2 ms). */
void collector_set_slack(Collector *c, uint64_t slack_ns);

/* Move every published event older than now - slack into `out`; returns
 * how many were appended.  Frees slots of closed, drained workers. */
size_t collector_drain(Collector *c, EventLog *out);

/* The same with no hold-back: everything published so far.  Use once all
 * workers are stopped (end of run) or paused at the gate. */
size_t collector_flush(Collector *c, EventLog *out);

/* Sleep until a writer asks for a drain (ring filling up, worker closed)
 * or `timeout_ms` passes.  For a dedicated collector thread. */
void collector_wait(Collector *c, int timeout_ms);

/* Events whose timestamp was older than the log's last one when they
 * arrived (a writer stalled longer than the slack); their ts was raised to
 * keep the log sorted.  Normally 0. */
uint64_t collector_late(const Collector *c);

/* Number of slots currently open or waiting to be drained. */
unsigned collector_live_slots(const Collector *c);

#endif
