/* Event logs on disk, for --record FILE and --replay FILE. */
#ifndef PARLAB_TRACE_EVENTLOG_IO_H
#define PARLAB_TRACE_EVENTLOG_IO_H

#include <stddef.h>

#include "trace/eventlog.h"

/* Write every event of `log` to `path`; 0, or -1 with errno set. */
int eventlog_save(const EventLog *log, const char *path);

/* Append the events recorded in `path` to `log` (normally empty); 0, or
 * -1 with a one-line reason in err ("FILE: what is wrong"). */
int eventlog_load(EventLog *log, const char *path, char *err, size_t errsize);

#endif
