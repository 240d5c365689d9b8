/* Pools and futures: what multiprocessing.Pool (mod_pool.c) and
 * concurrent.futures (mod_futures.c) share.
 *
 * PFut is the native state of an AsyncResult or a Future: a result or an
 * exception, set once, and the callbacks to run then.  Futures only live in
 * the process that made them; their waiters sleep on one mutex/condition per
 * process (PoolProc, Interp.ext[POOL_EXT]) with the GIL released.
 *
 * PPool is a process pool: worker processes forked once, a task queue and a
 * result queue in the shared arena (rt/queue), and a result-handler thread in
 * the parent that turns results into completed futures and runs callbacks
 * there, as CPython's pool does.  Functions cross the fork by name: the child
 * is a copy of the parent's interpreter, so it finds the same module-level
 * function (or builtin) under the same name.
 *
 * TPool is a thread pool: worker threads of this process taking tasks (plain
 * Values, nothing serialised) from a list; a worker completes the future
 * itself, so callbacks run on it, as in ThreadPoolExecutor. */
#ifndef PARLAB_VM_POOL_CORE_H
#define PARLAB_VM_POOL_CORE_H

#include "rt/queue.h"
#include "vm/vm_conc.h"

#define POOL_EXT 1          /* Interp.ext[1]: futures' mutex; ext[2]: executor counter */

enum { PF_PENDING, PF_RUNNING, PF_DONE };

typedef struct PFut {
    InstObj *self;            /* the instance this is the native of (not owned) */
    _Atomic int state;        /* PF_*; written under PoolProc.mu */
    int ok;                   /* 1: value is the result; 0: the exception */
    Value value;              /* owned */
    Value callback, error_callback;   /* Pool's; VNONE when none (owned) */
    Value done_callbacks;     /* Future's: a list, or VUNDEF (owned) */
    /* map: the chunks still out, and the list they fill (owned) */
    int64_t chunks_left;
    Value items;
    /* cancel(): set once the task will never run; a process pool's task
     * is claimed in the pool's shared ring (ppool_cancel) by its id */
    int cancelled;
    struct PPool *ppool;
    int64_t task_id;
} PFut;

/* Per-call data of one task: positional arguments and keyword pairs. */
typedef struct PoolCall {
    Value args;               /* a tuple (owned) */
    Value kwargs;             /* a list of (name, value) tuples, or VNONE (owned) */
} PoolCall;

typedef struct PPool PPool;
typedef struct TPool TPool;

/* ---- futures (pool_future.c) ---- */
PFut *pf_of(VmThread *ts, Value self);                 /* NULL with TypeError */
int pool_dropping_refs(const Obj *o);                  /* in native_free: may values be dropped? */
void pf_native_free(Interp *in, Obj *o);               /* ClassObj.native_free */
Value pf_new(VmThread *ts, ClassObj *cls);             /* instance with a pending PFut */
/* A worker is about to run f's task: 1, or 0 when it was cancelled first. */
int pf_set_running(VmThread *ts, PFut *f);
/* Cancel a task that no worker has taken: 1 (exc, a CancelledError, is
 * stolen and f completes with it, callbacks run), 0 (running or done). */
int pf_cancel(VmThread *ts, PFut *f, Value exc);
/* Complete f (steals v: the result if ok, else the exception instance) and
 * run its callbacks in the calling thread.  Waiters are woken at once, or,
 * with `defer`, at the completer's next pf_wake: a pool thread wakes them
 * just after letting go of the GIL, so that they do not wake only to queue
 * for the GIL it still holds (one futex round trip less per task). */
void pf_complete(VmThread *ts, PFut *f, int ok, Value v, int defer);
void pf_wake(Interp *in);
/* Wait with the GIL released: 1 done, 0 timed out, -1 exception pending. */
int pf_wait(VmThread *ts, PFut *f, double timeout);
/* Wait until one of fs is done: its index, -2 timed out, -1 exception. */
int pf_wait_any(VmThread *ts, PFut **fs, int n, double timeout);
/* The result (new reference) or the exception raised; f must be done. */
Value pf_outcome(VmThread *ts, PFut *f);
/* Call fn on a task's calls; one result, or VEXC. */
Value pool_call(VmThread *ts, Value fn, Value args, Value kwargs);
/* A keyword list (name, value)* from a VmKw, or VNONE when empty. */
Value pool_kwlist(VmThread *ts, const VmKw *kw, int skip_first);
/* "square(3)": how a task is labelled in events. */
Value pool_label(VmThread *ts, Value fn, Value args);

/* ---- process pools (pool_proc.c) ---- */
typedef enum { PP_POOL, PP_EXECUTOR } PPoolKind;
/* initializer(*initargs) runs first in each worker, unless it is None.
 * ident: the pool's identity in events (an arena block whose obj.created
 * the caller emitted), or NULL to make one now.  maxtasks > 0: a worker
 * ends after that many tasks and a new one takes its place. */
PPool *ppool_create(VmThread *ts, PPoolKind kind, int nworkers, Value initializer, Value initargs, void *ident,
                    int maxtasks);
/* Submit calls of fn (n of them, stolen) for future fut (an AsyncResult or
 * Future).  For map, first_index says where they go in the future's list. */
int ppool_submit(VmThread *ts, PPool *p, Value fn, Value fut, PoolCall *calls, int n, int64_t first_index,
                 int is_map);
int ppool_close(VmThread *ts, PPool *p);       /* no more tasks: workers end once the queue is drained */
int ppool_join(VmThread *ts, PPool *p);        /* wait until workers and the handler ended */
int ppool_terminate(VmThread *ts, PPool *p);   /* kill the workers now, reap them */
int ppool_nworkers(PPool *p);
/* Withdraw task `id` if no worker has taken it yet: 1 withdrawn, 0 not. */
int ppool_cancel(VmThread *ts, PPool *p, int64_t id);
int ppool_taken(PPool *p, int64_t id);         /* is task `id` running, or due next (call queue)? */
int ppool_closed(PPool *p);
/* A waiter of the parent polling the pool's result queue while it spins
 * (pf_wait_any): begin (1: this thread is the pool's poller, 0: another
 * is), the queue to poll, take what it holds (GIL held: completes futures
 * without callbacks, hands the rest to the handler thread), end. */
int ppool_poll_begin(PPool *p);
RtQueue *ppool_results(PPool *p);
void ppool_poll_take(VmThread *ts, PPool *p);
void ppool_poll_end(PPool *p);

/* ---- thread pools (pool_thread.c) ---- */
TPool *tpool_create(VmThread *ts, int max_workers, const char *prefix);
int tpool_submit(VmThread *ts, TPool *p, Value fn, Value fut, Value args, Value kwargs);  /* steals args, kwargs */
int tpool_shutdown(VmThread *ts, TPool *p, int wait);
int tpool_is_shutdown(TPool *p);
int tpool_nthreads(TPool *p);                  /* workers started so far */
int tpool_next_counter(VmThread *ts);          /* ThreadPoolExecutor-N */

/* ---- concurrent.futures.wait (futures_wait.c) ---- */
Value cf_wait(VmThread *ts, Value *args, int nargs, const VmKw *kw);
int cfw_add_classes(VmThread *ts, ModuleObj *m);   /* its set and DoneAndNotDoneFutures */
/* The futures of fs, each once, checked (new references, a malloc'ed
 * array); NULL with an exception. */
Value *cf_futs_unique(VmThread *ts, Value fs, int *out_n);

#endif
