/* The tables behind event.h: kind names, payload types and worker states. */
#include <string.h>

#include "trace/event.h"

#define TRACE_INFO_(e, name, pay, st) [TK_##e] = { name, pay, st },
const TraceKindInfo trace_kind_table[TK_COUNT] = { TRACE_KINDS(TRACE_INFO_) };
#undef TRACE_INFO_

const char *const trace_obj_kind_names[TO_COUNT] = {
    [TO_LOCK] = "lock", [TO_RLOCK] = "rlock", [TO_GIL] = "gil",
    [TO_QUEUE] = "queue", [TO_LIFO] = "lifo", [TO_PRIO] = "prio",
    [TO_ARRAY] = "array", [TO_VALUE] = "value", [TO_EVENT] = "event",
    [TO_SEMAPHORE] = "semaphore", [TO_CONDITION] = "condition",
    [TO_POOL] = "pool", [TO_FUTURE] = "future", [TO_LIST] = "list",
};

const char *const trace_state_names[TS_COUNT] = {
    [TS_KEEP] = "-", [TS_NEW] = "new", [TS_RUNNING] = "running",
    [TS_GIL] = "gil", [TS_LOCK] = "lock", [TS_QUEUE] = "queue",
    [TS_JOIN] = "join", [TS_EVENT] = "event", [TS_COND] = "cond",
    [TS_FUTURE] = "future", [TS_SLEEP] = "sleep", [TS_GATE] = "gate",
    [TS_DONE] = "done",
};

int trace_kind_by_name(const char *name)
{
    for (int k = 0; k < TK_COUNT; k++)
        if (strcmp(trace_kind_table[k].name, name) == 0)
            return k;
    return -1;
}
