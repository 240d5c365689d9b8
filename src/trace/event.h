/* The recorded event: what every worker appends, what every view reads.
 *
 * One event is 32 bytes, fixed.  Anything of variable size (names, printed
 * text, queue items, exception messages, the old value of a write) travels as
 * a payload: a length-prefixed byte string written just before the event into
 * the worker's own payload ring, found again through the event log
 * (eventlog_text, eventlog_old_*).  Whether a kind carries a payload, what it
 * is called and which state it leaves its worker in are all in one table,
 * TRACE_KINDS below; code asks the table (trace_kind_info) instead of
 * switching on kinds.
 *
 * Field use by kind (`w` = the worker that emits; unlisted fields are 0):
 *
 *   worker.created   obj = the new worker's id, text = its name, flags PROCESS
 *                    if it is a process (emitted by the parent, before start;
 *                    the first worker may announce itself, obj == worker,
 *                    and the model then takes it as its process's root)
 *   worker.started   obj = parent worker id (TRACE_NONE for the first),
 *                    a = pid << 32 | tid (trace_pid_tid), text = name,
 *                    flags PROCESS if this is the main thread of a process
 *   worker.ended     a = exit code (processes) or 0
 *   obj.created      obj = the object's id, aux = TraceObjKind,
 *                    a = size (queue maxsize, array length, semaphore value),
 *                    text = script name ("" if not known yet), flags DOUBLE
 *                    for 'd' arrays and values, SHARED for multiprocessing
 *   obj.named        obj, text = the name the script bound it to
 *   gil.*            obj = the GIL's object id (one GIL per process)
 *   lock.*           obj = the lock (Lock, RLock, Semaphore); for RLock aux =
 *                    recursion depth after the event, for Semaphore aux =
 *                    the counter after the event
 *   cond.wait/wake   obj = the condition; cond.notify aux = how many
 *   event.wait/wake/set/clear   obj = the Event
 *   queue.put/get    obj = the queue, text = the item as repr() prints it,
 *                    a = for PriorityQueue, the rank the item now has (0 =
 *                    next out); aux = the size after the event
 *   queue.full/empty the worker blocks on a full queue (put) / empty (get)
 *   array.write      obj = array, aux = index, a = new value, old value in
 *                    the payload (8 bytes); flags DOUBLE: a holds double bits
 *   value.write      same, aux = 0
 *   list.write       a plain list in this process's private copy: obj = the
 *                    list's id, aux = index, text = repr of the new item
 *   list.append      obj, text = repr of the appended item
 *   print            text = the line, with its end ("\n" unless end= said)
 *   sleep.begin      a = the requested duration in ns; sleep.end
 *   join.wait/end    obj = the worker joined
 *   exception        text = "Type: message"
 *   pause            text = the checkpoint text of parlab.pause(text, vi):
 *                    the English text, then, when vi was given, a NUL byte
 *                    and the Vietnamese text (trace_pause_text picks one)
 *   gate.wait/grant  obj = TRACE_NONE, aux = the kind the worker asks to do
 *   task.submit      obj = the future, aux = the pool, text = a label
 *   task.start/done  obj = the future; task.done text = repr of the result
 *   future.wait/wake obj = the future (future.wait: aux = how many it waits on)
 *   task.result      obj = the future: its result reached the submitting
 *                    process (pool's result handler), aux = 1 ok, 0 raised;
 *                    task.done aux is the same
 *   measure          parlab.measure(): text = the label, a.d = seconds
 *                    measured (drawn as bars; never printed)
 *
 * Emitting order that keeps the log truthful across cores: emit X.release
 * *before* really releasing, emit X.acquire / queue.get *after* really
 * getting it.  Then a release always sorts before the next owner's acquire.
 */
#ifndef PARLAB_TRACE_EVENT_H
#define PARLAB_TRACE_EVENT_H

#include <stdint.h>

#define TRACE_NONE 0xffffffffu      /* no object / no worker */
#define TRACE_MAX_TEXT 4096         /* longer payloads are cut, flags TRUNC */

typedef struct TraceEvent {
    uint64_t ts;        /* ns since the trace epoch (trace_clock_init) */
    uint16_t worker;    /* logical worker id, unique for the whole run */
    uint8_t  kind;      /* TraceKind */
    uint8_t  flags;     /* TraceFlag bits */
    uint32_t line;      /* source line of the lesson, 0 if none */
    uint32_t obj;       /* object id (or worker id for worker/join kinds) */
    uint32_t aux;       /* kind-specific small value (index, depth, size) */
    union {
        int64_t  i;
        double   d;
        uint64_t u;
    } a;                /* kind-specific value (new value, pid/tid, rank) */
} TraceEvent;

_Static_assert(sizeof(TraceEvent) == 32, "TraceEvent must stay 32 bytes");

enum TraceFlag {
    TF_PROCESS = 1 << 0,   /* worker kinds: the worker is a process */
    TF_DOUBLE  = 1 << 1,   /* values are doubles ('d'), not ints */
    TF_SHARED  = 1 << 2,   /* object lives in shared memory (multiprocessing) */
    TF_TIMEOUT = 1 << 3,   /* a wait ended by its timeout, not by success */
    TF_TRUNC   = 1 << 4,   /* the payload was cut at TRACE_MAX_TEXT */
    TF_PAYLOAD = 1 << 5,   /* set by the writer: a payload precedes this event */
};

/* Which state an event leaves its worker in.  TS_KEEP: unchanged. */
typedef enum TraceState {
    TS_KEEP = 0,
    TS_NEW,         /* created, not started yet */
    TS_RUNNING,
    TS_GIL,         /* waiting for its process's GIL */
    TS_LOCK,        /* blocked on a Lock / RLock / Semaphore */
    TS_QUEUE,       /* blocked on a full or empty queue */
    TS_JOIN,        /* waiting for another worker to end */
    TS_EVENT,       /* waiting on an Event */
    TS_COND,        /* waiting on a Condition */
    TS_FUTURE,      /* waiting for a future's result */
    TS_SLEEP,
    TS_GATE,        /* held at the stepping gate (issue 5) */
    TS_DONE,
    TS_COUNT
} TraceState;

/* What follows an event in its worker's payload ring. */
typedef enum TracePayload {
    TP_NONE = 0,
    TP_TEXT,        /* bytes of text, not NUL-terminated in the ring */
    TP_OLD,         /* 8 bytes: the old value of a write (int64 or double) */
} TracePayload;

typedef enum TraceObjKind {
    TO_LOCK, TO_RLOCK, TO_GIL, TO_QUEUE, TO_LIFO, TO_PRIO, TO_ARRAY,
    TO_VALUE, TO_EVENT, TO_SEMAPHORE, TO_CONDITION, TO_POOL, TO_FUTURE,
    TO_LIST, TO_COUNT
} TraceObjKind;

/* X(ENUM, "name", payload, state the emitting worker enters) */
#define TRACE_KINDS(X) \
    X(WORKER_CREATED,   "worker.created",   TP_TEXT, TS_KEEP)    \
    X(WORKER_STARTED,   "worker.started",   TP_TEXT, TS_RUNNING) \
    X(WORKER_ENDED,     "worker.ended",     TP_NONE, TS_DONE)    \
    X(OBJ_CREATED,      "obj.created",      TP_TEXT, TS_KEEP)    \
    X(OBJ_NAMED,        "obj.named",        TP_TEXT, TS_KEEP)    \
    X(GIL_WAIT,         "gil.wait",         TP_NONE, TS_GIL)     \
    X(GIL_ACQUIRE,      "gil.acquire",      TP_NONE, TS_RUNNING) \
    X(GIL_RELEASE,      "gil.release",      TP_NONE, TS_KEEP)    \
    X(LOCK_WAIT,        "lock.wait",        TP_NONE, TS_LOCK)    \
    X(LOCK_ACQUIRE,     "lock.acquire",     TP_NONE, TS_RUNNING) \
    X(LOCK_RELEASE,     "lock.release",     TP_NONE, TS_KEEP)    \
    X(COND_WAIT,        "cond.wait",        TP_NONE, TS_COND)    \
    X(COND_WAKE,        "cond.wake",        TP_NONE, TS_RUNNING) \
    X(COND_NOTIFY,      "cond.notify",      TP_NONE, TS_KEEP)    \
    X(EVENT_WAIT,       "event.wait",       TP_NONE, TS_EVENT)   \
    X(EVENT_WAKE,       "event.wake",       TP_NONE, TS_RUNNING) \
    X(EVENT_SET,        "event.set",        TP_NONE, TS_KEEP)    \
    X(EVENT_CLEAR,      "event.clear",      TP_NONE, TS_KEEP)    \
    X(QUEUE_PUT,        "queue.put",        TP_TEXT, TS_RUNNING) \
    X(QUEUE_GET,        "queue.get",        TP_TEXT, TS_RUNNING) \
    X(QUEUE_FULL,       "queue.full",       TP_NONE, TS_QUEUE)   \
    X(QUEUE_EMPTY,      "queue.empty",      TP_NONE, TS_QUEUE)   \
    X(ARRAY_WRITE,      "array.write",      TP_OLD,  TS_KEEP)    \
    X(VALUE_WRITE,      "value.write",      TP_OLD,  TS_KEEP)    \
    X(LIST_WRITE,       "list.write",       TP_TEXT, TS_KEEP)    \
    X(LIST_APPEND,      "list.append",      TP_TEXT, TS_KEEP)    \
    X(PRINT,            "print",            TP_TEXT, TS_KEEP)    \
    X(SLEEP_BEGIN,      "sleep.begin",      TP_NONE, TS_SLEEP)   \
    X(SLEEP_END,        "sleep.end",        TP_NONE, TS_RUNNING) \
    X(JOIN_WAIT,        "join.wait",        TP_NONE, TS_JOIN)    \
    X(JOIN_END,         "join.end",         TP_NONE, TS_RUNNING) \
    X(EXCEPTION,        "exception",        TP_TEXT, TS_KEEP)    \
    X(PAUSE,            "pause",            TP_TEXT, TS_KEEP)    \
    X(GATE_WAIT,        "gate.wait",        TP_NONE, TS_GATE)    \
    X(GATE_GRANT,       "gate.grant",       TP_NONE, TS_RUNNING) \
    X(TASK_SUBMIT,      "task.submit",      TP_TEXT, TS_KEEP)    \
    X(TASK_START,       "task.start",       TP_NONE, TS_KEEP)    \
    X(TASK_DONE,        "task.done",        TP_TEXT, TS_KEEP)    \
    X(FUTURE_WAIT,      "future.wait",      TP_NONE, TS_FUTURE)  \
    X(FUTURE_WAKE,      "future.wake",      TP_NONE, TS_RUNNING) \
    X(TASK_RESULT,      "task.result",      TP_NONE, TS_KEEP)    \
    X(MEASURE,          "measure",          TP_TEXT, TS_KEEP)

#define TRACE_ENUM_(e, name, pay, st) TK_##e,
typedef enum TraceKind { TRACE_KINDS(TRACE_ENUM_) TK_COUNT } TraceKind;
#undef TRACE_ENUM_

typedef struct TraceKindInfo {
    const char  *name;      /* "lock.acquire": stable, used by --events */
    TracePayload payload;
    TraceState   state;     /* state the emitting worker enters */
} TraceKindInfo;

extern const TraceKindInfo trace_kind_table[TK_COUNT];
extern const char *const trace_obj_kind_names[TO_COUNT];  /* "lock", "queue", ... */
extern const char *const trace_state_names[TS_COUNT];     /* "running", "gil", ... */

static inline const TraceKindInfo *trace_kind_info(unsigned kind)
{
    return &trace_kind_table[kind < TK_COUNT ? kind : 0];
}

/* Look a kind up by its name ("lock.acquire"); -1 if unknown. */
int trace_kind_by_name(const char *name);

/* The text of a pause event's payload (eventlog_text: NUL-terminated,
 * `len` bytes) in one language: after the inner NUL when vi is asked for
 * and given, else the English part before it. */
static inline const char *trace_pause_text(const char *payload, uint32_t len, int vi)
{
    uint32_t n = 0;
    while (n < len && payload[n])
        n++;
    return vi && n < len ? payload + n + 1 : payload;
}

static inline uint64_t trace_pid_tid(uint32_t pid, uint32_t tid)
{
    return (uint64_t)pid << 32 | tid;
}

#endif
