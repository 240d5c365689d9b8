/* The --events text form of the log: one event a line, stable and
 * greppable, e.g.
 *       1234.567us w2 lock.acquire ledger line 14
 *       1240.001us w2 queue.put jobs 'task-3' line 20
 *       1301.250us w1 array.write counts[2] 4 -> 5 line 31
 * Everything after the timestamp is deterministic for a given schedule. */
#ifndef PARLAB_TRACE_TEXT_H
#define PARLAB_TRACE_TEXT_H

#include <stddef.h>
#include <stdio.h>

#include "trace/eventlog.h"

/* Remembers object names seen so far, so lines can say `ledger` rather
 * than an id.  Feed it every event in order (trace_text_line does). */
typedef struct TraceText TraceText;

TraceText *trace_text_create(void);
void trace_text_destroy(TraceText *t);

/* Format event k into buf (no newline); returns the length it needs. */
size_t trace_text_format(TraceText *t, const EventLog *log, size_t k, char *buf, size_t size);

/* Print events [from, to) one a line. */
void trace_text_print(TraceText *t, const EventLog *log, size_t from, size_t to, FILE *out);

#endif
