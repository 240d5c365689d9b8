/* Chrome trace-event JSON export (--trace OUT.json): opens in Perfetto and
 * chrome://tracing.  One track per thread, grouped by process (real pids
 * and tids where the log has them), a slice per state span, instants for
 * prints, writes, queue operations, exceptions and pauses, and flow arrows
 * from each lock release to the next acquire of that lock by another
 * worker. */
#ifndef PARLAB_TRACE_CHROME_H
#define PARLAB_TRACE_CHROME_H

#include <stdio.h>

#include "model/model.h"

/* Write the whole log (as folded by `m`, which must be up to date) to
 * `out`.  Returns 0, or -1 on a write error. */
int trace_chrome_write(Model *m, FILE *out);

#endif
