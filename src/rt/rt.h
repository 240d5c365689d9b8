/* rt: the real primitives under the lesson library (threads, processes,
 * shared memory, locks, queues, the GIL and the scheduling gate).
 *
 * This header holds what every rt module shares: error codes, the caller
 * context passed to every blocking call, the runtime root (Rt) that lives in
 * the shared arena, the worker table, and the one hook through which the event
 * recorder will see every visible action.  rt never records events itself. */
#ifndef PARLAB_RT_H
#define PARLAB_RT_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include "rt/psync.h"
#include "rt/shm.h"

/* Results: 0 is success; every failure is a negative code with a message. */
enum {
    RT_OK = 0,
    RT_ETIMEDOUT = -1,   /* a timed wait ran out (Empty, Full, acquire -> False) */
    RT_ESHUTDOWN = -2,   /* the run is being stopped: unwind, do not retry */
    RT_ENOMEM = -3,      /* shared arena cap reached */
    RT_ECAP = -4,        /* worker / process / size cap reached */
    RT_EUNLOCKED = -5,   /* release of an unlocked lock (RuntimeError) */
    RT_ENOTOWNER = -6,   /* release of an RLock or Condition not owned */
    RT_EFULL = -7,       /* non-blocking put on a full queue (queue.Full) */
    RT_EEMPTY = -8,      /* non-blocking get on an empty queue (queue.Empty) */
    RT_EOVERFLOW = -9,   /* value does not fit the typecode (OverflowError) */
    RT_ETYPE = -10,      /* values cannot be ordered (TypeError) */
    RT_EINDEX = -11,     /* index out of range (IndexError) */
    RT_EVALUE = -12,     /* task_done too often, semaphore over its bound (ValueError) */
    RT_ESYS = -13,       /* a system call failed; errno says which */
    RT_EFORMAT = -14,    /* malformed serialised data */
};
const char *rt_strerror(int code);

/* Caps; rt_caps_default() fills the values used by parlab. */
typedef struct RtCaps {
    size_t arena_bytes;       /* the shared arena, fixed for the run */
    int max_workers;          /* threads + processes ever created in a run */
    int max_threads;          /* live threads in one process, main thread included */
    int max_procs;            /* live processes besides the root */
    size_t mem_per_proc;      /* RLIMIT_DATA of each child process; 0 = none */
    size_t thread_stack;      /* stack of each worker thread */
} RtCaps;
void rt_caps_default(RtCaps *c);

#define RT_MAX_WORKERS 512    /* size of the worker table (hard ceiling of max_workers) */
#define RT_NAME_MAX 32

typedef enum { RT_WK_THREAD = 1, RT_WK_PROC = 2 } RtWorkerKind;
typedef enum {
    RT_WS_FREE = 0, RT_WS_CREATED, RT_WS_RUNNING, RT_WS_ENDED
} RtWorkerState;

/* One row per worker, in shared memory.  Besides identity it carries the
 * links a worker needs while it waits in an ordered list (a condition's
 * waiters, the gate's arrivals): a worker waits on one thing at a time, so one
 * link of each kind is enough and no allocation happens on a wait. */
typedef struct RtWorker {
    _Atomic int state;        /* RtWorkerState */
    int kind;                 /* RtWorkerKind */
    int parent;               /* worker id of the creator, -1 for the first */
    _Atomic int pid;          /* process id (of the process, for threads too) */
    _Atomic int tid;          /* kernel thread id, 0 until started */
    _Atomic int exit_status;  /* processes: wait status once reaped */
    _Atomic int reaping;      /* processes: pid of the reaper between waitpid and marking it ended */
    char name[RT_NAME_MAX];
    int cond_next;            /* next waiter of the same condition, -1 */
    int cond_woken;           /* set by notify, under the condition's mutex */
    int gate_next;            /* next arrival at the gate, -1 */
    int gate_state;           /* see gate.c */
    int gate_action, gate_line;
    _Atomic int gate_blocked; /* in a real wait: a controller needs not wait for it */
} RtWorker;

typedef struct RtGate RtGate;

/* The root of a run, at the start of the shared arena. */
typedef struct RtShared {
    uint64_t magic;
    RtCaps caps;
    _Atomic int shutdown;     /* set once: every wait returns RT_ESHUTDOWN */
    _Atomic int nworkers;     /* ids handed out so far */
    _Atomic int live_procs;   /* started and not yet reaped */
    int root_pid;
    uint64_t gate_off;        /* offset of the RtGate */
    RtWorker workers[RT_MAX_WORKERS];
} RtShared;

/* The handle every call takes.  It lives in the arena itself, which is mapped
 * at the same address in every process, so it holds no per-process state. */
typedef struct Rt {
    ShmArena *arena;
    RtShared *sh;
    RtGate *gate;
} Rt;

Rt *rt_create(const RtCaps *caps, char *err, size_t errlen);
void rt_destroy(Rt *rt);              /* root process only, after rt_proc_kill_all */

/* This process's pid, cached: a system call costs microseconds on some VMs
 * and the lock fast path records the owner's pid. */
pid_t rt_self_pid(void);
void rt_self_pid_reset(void);          /* in a fork()ed child (an atfork handler does it) */

/* Workers.  rt_worker_add reserves an id (RT_ECAP past max_workers). */
int rt_worker_add(Rt *rt, RtWorkerKind kind, int parent, const char *name);
RtWorker *rt_worker(Rt *rt, int id);
int rt_worker_count(Rt *rt);

/* Stopping a run: every blocking call returns RT_ESHUTDOWN within
 * RT_POLL_MS, wherever it waits (threads and processes). */
#define RT_POLL_MS 50
void rt_shutdown_request(Rt *rt);
static inline int rt_shutting_down(const Rt *rt)
{
    return atomic_load_explicit(&rt->sh->shutdown, memory_order_relaxed);
}

/* Who is calling: passed to every call that may block.  gil may be NULL
 * (a caller without a GIL, e.g. a unit test or the UI process). */
struct GilThread;
typedef struct RtCtx {
    Rt *rt;
    struct GilThread *gil;
    int worker;
} RtCtx;

/* Around a real wait: let go of the caller's GIL, and take it back.  The
 * way back is a wake, a gated point (gate.h): under control the worker goes
 * on only when granted.  A wait that already passed the gate for its wake
 * (a lock waiter before taking the lock) ends with rt_block_resume. */
void rt_block_begin(const RtCtx *cx);
void rt_block_end(const RtCtx *cx);
void rt_block_resume(const RtCtx *cx);

/* Wait on c (m held) until woken, the deadline passes (RT_ETIMEDOUT) or the
 * run shuts down (RT_ESHUTDOWN).  deadline NULL waits forever.  Wakes every
 * RT_POLL_MS to notice shutdown; callers loop on their own predicate. */
int rt_cond_wait(const Rt *rt, PsCond *c, PsMutex *m, const struct timespec *deadline);

/* Monotonic clock helpers (CLOCK_MONOTONIC is the same clock across fork). */
uint64_t rt_now_ns(void);
/* The lesson clock: rt_now_ns less the time the scheduling gate stood paused
 * (gate.h), so that a learner pausing for a minute does not see a timeout
 * run out.  Deadlines count on it: rt_deadline makes them, rt_cond_wait,
 * rt_deadline_left and rt_sleep read them. */
uint64_t rt_clock_ns(void);
/* timeout < 0: no deadline (returns NULL); otherwise fills ts and returns it. */
const struct timespec *rt_deadline(double timeout_s, struct timespec *ts);
/* ns of the lesson clock left before the deadline, 0 when it has passed;
 * UINT64_MAX for NULL. */
uint64_t rt_deadline_left(const struct timespec *deadline);
/* Sleep `seconds` of the lesson clock, in slices; stops early (returning
 * 1) when stop() says so, or RT_ESHUTDOWN.  0 when the time is up. */
int rt_sleep(const Rt *rt, double seconds, int (*stop)(void *), void *arg);

/* The event hook: one function pointer, set once before any worker starts.
 * Each visible action calls RT_HOOK at the point where it really happened;
 * the trace/ recorder plugs in here and nowhere else. */
typedef enum {
    RT_EV_WORKER_CREATED, RT_EV_WORKER_STARTED, RT_EV_WORKER_ENDED,
    RT_EV_GIL_WAIT, RT_EV_GIL_ACQUIRE, RT_EV_GIL_RELEASE,
    RT_EV_LOCK_WAIT, RT_EV_LOCK_ACQUIRE, RT_EV_LOCK_RELEASE, RT_EV_LOCK_TIMEOUT,
    RT_EV_SEM_WAIT, RT_EV_SEM_ACQUIRE, RT_EV_SEM_RELEASE,
    RT_EV_EVENT_WAIT, RT_EV_EVENT_WAKE, RT_EV_EVENT_SET, RT_EV_EVENT_CLEAR,
    RT_EV_COND_WAIT, RT_EV_COND_WAKE, RT_EV_COND_NOTIFY,
    RT_EV_QUEUE_FULL, RT_EV_QUEUE_EMPTY, RT_EV_QUEUE_PUT, RT_EV_QUEUE_GET, RT_EV_QUEUE_TASK_DONE,
    RT_EV_ARRAY_WRITE,
    RT_EV_JOIN_WAIT, RT_EV_JOIN_END,
    RT_EV_GATE_WAIT, RT_EV_GATE_PASS,
    RT_EV_COUNT
} RtEvKind;

/* Each hook is placed where trace/event.h wants it: *.release before the
 * real release, *.acquire / queue.get after the real acquisition.
 * worker: who acts; obj: the object (its address is its identity, the same
 * in every process); a, b, c by kind:
 *   WORKER_CREATED  a = RtWorkerKind, b = parent id; data = name
 *   WORKER_STARTED  a = pid, b = tid
 *   WORKER_ENDED    threads: from the thread itself, a = 0; processes: from
 *                   the reaper, a = exitcode (Python's: status or -signal),
 *                   b = raw wait status
 *   LOCK_*          a = recursion depth after (ACQUIRE/RELEASE), owner (WAIT)
 *   SEM_*           a = the counter after
 *   EVENT_WAKE, COND_WAKE   a = 1 if woken, 0 on timeout or shutdown
 *   COND_NOTIFY     a = how many were woken
 *   QUEUE_PUT       a = size after, b = rank of the new item (0 = next out);
 *                   data = the serialised item.  QUEUE_GET: a = size after
 *   QUEUE_FULL/EMPTY  the worker is about to block in put / get
 *   ARRAY_WRITE     a = index, b = old, c = new (doubles as bit patterns)
 *   JOIN_WAIT/END   a = the worker joined (thread or process); obj = the
 *                   RtQueue for queue.join()
 *   GATE_WAIT/PASS  a = action, b = line */
typedef void (*RtHookFn)(int worker, RtEvKind kind, const void *obj,
                         int64_t a, int64_t b, int64_t c, const void *data, size_t len);
extern RtHookFn rt_hook;
void rt_hook_set(RtHookFn fn);
#define RT_HOOK(worker, kind, obj, a, b, c, data, len)                             \
    do {                                                                           \
        if (rt_hook) rt_hook((worker), (kind), (obj), (a), (b), (c), (data), (len)); \
    } while (0)

#endif
