/* The concurrency library's private interface: per-process and per-thread
 * runtime state shared by vm_worker.c (threads, processes, the GIL),
 * vm_events.c (the recorder and the headless sink) and the library modules
 * (mod_threading.c, mod_thread.c, mod_mp.c, mod_queue.c).
 *
 * One VmConc per process hangs off Interp.ext[VMC_EXT]; a fork()ed child
 * keeps its copy and resets what is per-process (the GIL, the thread list).
 * One VmRt per thread hangs off VmThread.rt.  Everything is touched with
 * the GIL held, except where a comment says otherwise. */
#ifndef PARLAB_VM_CONC_H
#define PARLAB_VM_CONC_H

#include <pthread.h>
#include <string.h>

#include "rt/gil.h"
#include "rt/lock.h"
#include "rt/proc.h"
#include "rt/rt.h"
#include "rt/thread.h"
#include "trace/ring.h"
#include "vm/interp.h"
#include "vm/vm.h"

#define VMC_EXT 0

typedef struct VmRt VmRt;

/* A started Python thread, as its process keeps it (for join at exit,
 * active_count and current_thread). */
typedef struct VmThreadRec {
    struct VmThreadRec *next;
    Value obj;                /* the Thread instance (owned), or VUNDEF for _thread */
    RtThread *th;
    int daemon;
    int worker;
} VmThreadRec;

/* A started child process of this process (joined at exit). */
typedef struct VmProcRec {
    struct VmProcRec *next;
    RtProc *proc;             /* points into the Process instance's native state */
    Value obj;                /* owned */
    int daemon;
} VmProcRec;

typedef struct VmConc {
    Rt *rt;
    TraceShm *tshm;
    Gil *gil;                 /* this process's GIL, in the arena (its offset names it) */
    int is_root;
    int events_mode;          /* --events */
    int nthreads;             /* Python threads alive in this process, main included */
    int forks;                /* fork()s done by this process: arena objects older than
                                 the last fork may be in use by a child, never freed */
    int thread_counter;       /* Thread-N */
    int proc_counter;         /* Process-N */
    char proc_name[RT_NAME_MAX];
    char proc_ident[RT_NAME_MAX];   /* "1:2" for Process-1:2's children; "" in the root */
    Value proc_obj;           /* current_process(): the Process instance, or VUNDEF */
    _Atomic int *fatal;       /* in the arena: the first cap message of the run wins */
    VmThreadRec *threads;
    VmProcRec *procs;
    int dummy_counter;
    /* Names of assignments, cached by line (see vmc_bind_name). */
    uint32_t value_ids[256];  /* RtArray offsets that are multiprocessing.Value */
} VmConc;

struct VmRt {
    GilThread gt;
    RtCtx cx;
    int worker;
    Value thread_obj;         /* current_thread(); VUNDEF until asked (main) */
    int is_main;
};

/* Helpers every library module (mod_*.c) uses to read its arguments. */
static inline StrObj *vmc_name(VmThread *ts, const char *s) { return str_intern(ts->in, s, strlen(s)); }
/* Argument `pos` (after self) or keyword `name`, else def (borrowed). */
static inline Value vmc_arg(VmThread *ts, Value *args, int nargs, const VmKw *kw, int pos,
                            const char *name, Value def)
{
    if (pos >= 0 && pos + 1 < nargs)
        return args[pos + 1];
    if (kw) {
        int k = vm_kw_find(kw, vmc_name(ts, name));
        if (k >= 0)
            return kw->vals[k];
    }
    return def;
}
/* A class of a library module, found again through the module (no
 * file-scope state); borrowed: the module keeps it alive.  NULL on error. */
/* A keyword argument by name, or def when it was not given (borrowed). */
static inline Value vmc_kwarg(VmThread *ts, const VmKw *kw, const char *name, Value def)
{
    int k = kw ? vm_kw_find(kw, vmc_name(ts, name)) : -1;
    return k >= 0 ? kw->vals[k] : def;
}
static inline ClassObj *vmc_module_class(VmThread *ts, const char *module, const char *name)
{
    Value mod = module_import(ts, module);
    if (mod.tag == V_EXC)
        return NULL;
    Value c = vm_getattr(ts, mod, vmc_name(ts, name));
    v_decref(ts->in, mod);
    if (c.tag == V_EXC)
        return NULL;
    v_decref(ts->in, c);
    return (ClassObj *)c.u.o;
}
/* The C state behind a library class's instance, or NULL. */
static inline void *vmc_native(Value self) { return v_is(self, K_INST) ? ((InstObj *)self.u.o)->native : NULL; }

static inline VmConc *vmc_of(Interp *in) { return (VmConc *)in->ext[VMC_EXT]; }
static inline VmRt *vmr_of(VmThread *ts) { return (VmRt *)ts->rt; }
static inline const RtCtx *vmc_cx(VmThread *ts) { return &vmr_of(ts)->cx; }

/* vm_worker.c */
void vmc_set_options(const VmOptions *opt);       /* live regions, log_done: before vmc_begin */
/* Pass the scheduling gate before a visible action (a TraceKind); held:
 * the caller holds its GIL.  A flag test when running freely. */
void vmc_gate(VmThread *ts, unsigned action, int held);
/* Is this the live run (the UI process controls the gate)? */
int vmc_live(void);
/* How much longer than asked a time.sleep lasts (the UI's speed). */
double vmc_sleep_scale(void);
int vmc_begin(Interp *in, int events_mode);        /* before the module body runs */
int vmc_end(Interp *in, int rc);                   /* after it: waits, flushes; exit code */
/* Start a Python thread running `fn(ts)` with the GIL; obj is kept alive. */
typedef void (*VmThreadBody)(VmThread *ts, void *arg);
int vmc_thread_start(VmThread *ts, const char *name, Value obj, int daemon, VmThreadBody fn,
                     void *arg, RtThread **out);
/* Fork a child that runs `fn(child_ts, arg)`; its return is the exit code. */
typedef int (*VmProcBody)(VmThread *ts, void *arg);
int vmc_proc_start(VmThread *ts, const char *name, int ident_n, Value obj, int daemon,
                   VmProcBody fn, void *arg, RtProc *out);
/* A cap was reached (or the run must stop): message on stderr, the whole
 * run ends with exit 1.  Returns VEXC for the caller's convenience. */
Value vmc_fatal_cap(VmThread *ts, const char *msg);
/* Run first when a process's run ends, before its threads are joined, as
 * CPython's threading._register_atexit callbacks are (executors finish
 * their queued tasks); set by the module that needs it, under the GIL. */
extern void (*vmc_exit_hook)(VmThread *ts);
/* Raise the Python exception matching an rt error code. */
Value vmc_raise_rt(VmThread *ts, int code, const char *what);
void vmc_check_memory_cap(VmThread *ts, Value exc);
/* Arena objects: may this process free one created when forks == at_forks? */
int vmc_may_free(Interp *in, int creator_pid, int at_forks);
/* Seconds from a Python timeout argument (None -> -1). -2 and an exception on error. */
double vmc_timeout(VmThread *ts, Value v, const char *fname);
/* "Exception in thread NAME:" + the traceback on stderr; clears the exception. */
void vmc_report_uncaught(VmThread *ts, const char *who, const char *name);

/* vm_events.c */
void vme_install(Interp *in, VmConc *c);          /* rt hook, print hook, sleep hook */
int vme_collector_start(VmConc *c, const VmOptions *opt);   /* root only; opt->log_done at the end */
void vme_collector_stop(VmConc *c);                /* drains everything, writes the rest */
void vme_thread_attach(VmConc *c, int worker, VmThread *ts);   /* this OS thread records as worker */
void vme_thread_detach(void);
void vme_thread_set_ts(VmThread *ts);            /* whose frame gives event lines */
void vme_after_fork_child(VmThread *ts, int worker);
uint32_t vme_objid(VmConc *c, const void *p);
/* obj.created for an object the script made; its name comes from the
 * assignment statement being executed (`ledger = Lock()` names it ledger). */
void vme_obj_created(VmThread *ts, unsigned tokind, const void *p, uint64_t size, unsigned flags);
void vme_emit(VmThread *ts, unsigned kind, const void *p, uint32_t aux, uint64_t a);
void vme_emit_text(VmThread *ts, unsigned kind, const void *p, uint32_t aux, uint64_t a,
                   const char *s, size_t n);
void vme_emit_item(VmThread *ts, unsigned kind, const void *p, uint32_t count, uint64_t rank,
                   const char *s, size_t n);   /* queue.Queue put/get with the item's repr */
void vme_emit_exception(VmThread *ts, Value exc);
void vme_worker_ended(int worker, int64_t code);
int vme_tracing(void);                             /* this thread records events */

/* vm_serial.c: values crossing a process boundary */
struct RtBuf;
int vser_encode(VmThread *ts, Value v, struct RtBuf *out);   /* 0, -1 with TypeError */
Value vser_decode(VmThread *ts, const void *data, size_t len);
void vser_repr(const void *data, size_t len, void *sb);       /* StrBuf *: repr of the item */

/* vm_libclass.c: a class of C methods (base NULL: object) added to module m */
ClassObj *vmc_add_class(VmThread *ts, ModuleObj *m, const char *name, ClassObj *base, const char *modname,
                        const VmModFunc *methods, VmFreeFn fr);

/* vm_runnable.c: what Thread and Process instances share */
const char *vmc_obj_name(VmThread *ts, Value self);        /* its `name` attribute, or "?" */
/* Its C state, or NULL with exc(msg) raised (__init__ was not called). */
void *vmc_native_or_raise(VmThread *ts, Value self, ExcId exc, const char *msg);
int vmc_daemon_attr(VmThread *ts, Value self);             /* its `daemon` attribute, as a flag */
/* self.run() in the new thread or process: 0 when it returns, SystemExit's
 * code, or 1 after the traceback is reported under `WHO NAME:`. */
int vmc_run_body(VmThread *ts, Value self, const char *who);
/* Thread(group, target, name, args, ..., daemon=) and Process(...) alike:
 * the arguments (borrowed; args VUNDEF when not given); -1 with a TypeError
 * when self is no instance.  Then the attributes they become: name (nm,
 * consumed; VEXC passes an error on), _target, _args, daemon. */
typedef struct {
    Value target, name, args, daemon;
} VmcRunArgs;
int vmc_run_args(VmThread *ts, Value *args, int nargs, const VmKw *kw, const char *cls, VmcRunArgs *out);
int vmc_set_run_attrs(VmThread *ts, Value self, Value nm, const VmcRunArgs *a, Value daemon);
/* start(): the checks Thread and Process make (each with its own error),
 * then launch (0 or an rt error code).  `int started` must be the first
 * member of the instance's C state. */
typedef struct {
    ExcId init_exc;
    const char *init_msg;     /* __init__ was not called */
    ExcId twice_exc;
    const char *twice_msg;    /* started before */
    const char *what;         /* for an rt error: "thread", "process" */
} VmcStartKind;
Value vmc_start(VmThread *ts, Value self, const VmcStartKind *k, int (*launch)(VmThread *ts, Value self, void *nat));
/* join(timeout=None): seconds to wait (a negative timeout: 0), -1 for no
 * limit; -2 with an exception. */
double vmc_join_timeout(VmThread *ts, Value *args, int nargs, const VmKw *kw);
Value vmc_join_result(VmThread *ts, int rc);                /* after the rt join returned rc */

/* mod_threading.c: the synchronisation classes, shared with multiprocessing */
int vmsync_add_classes(VmThread *ts, ModuleObj *m, const char *modname, int with_thread);
Value vmsync_wrap_lock(VmThread *ts, RtLock *l);   /* a multiprocessing.Lock that does not own l */
Value vm_thread_run_target(VmThread *ts, Value self); /* Thread.run / Process.run */

/* mod_queue.c: queue.Queue & co. and multiprocessing.Queue (items serialised) */
int vmq_add_mp_classes(VmThread *ts, ModuleObj *m);
extern const VmModuleDef mod_threading_def, mod_thread_def, mod_mp_def, mod_queue_def;

/* mod_pool.c: multiprocessing.Pool and its results (concurrent.futures: mod_futures.c) */
int vmpool_add_mp_classes(VmThread *ts, ModuleObj *m);

#endif
