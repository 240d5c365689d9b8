/* A synthetic source: a scripted run of two processes and four threads (a
 * lock with waiters, a FIFO and a LIFO queue, a shared array, a plain list
 * with a private copy per process, prints and a pause checkpoint), played
 * in lesson time with the same controls a live run has.  For `parlab
 * --demo`, the terminal tests and the unit tests, until the live runner
 * exists; it writes events with the event-log API only. */
#ifndef PARLAB_UI_DEMO_SOURCE_H
#define PARLAB_UI_DEMO_SOURCE_H

#include <stddef.h>

#include "trace/eventlog.h"
#include "ui/source.h"

/* paused: start paused before event 0 (--step); speed: 0 = 1x. */
UiSource *demo_source_create(int paused, double speed);

/* The demo lesson's script text (its events point at its lines). */
const char *demo_script_text(void);

/* Append the whole scripted run to log (what the source plays). */
void demo_build_log(EventLog *log);

/* A big synthetic run for benchmarks: nworkers threads spread over
 * nworkers/8 processes (at least one), about nevents events. */
void demo_build_big(EventLog *log, int nworkers, size_t nevents);

#endif
