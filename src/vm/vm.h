/* The interpreter's entry points, as main.c sees them. */
#ifndef PARLAB_VM_H
#define PARLAB_VM_H

#include "lang/ast.h"

struct EventLog;

typedef struct {
    const char *script_dir;   /* directory of the script, for error messages */
    int events;               /* --events: print the event log instead of/besides output (issue 3) */
    /* Made by the caller (src/run/) before the run, so that a controller
     * outside the interpreter can reach the gate; NULL: the run makes its
     * own.  live: the UI process drains the rings (no collector thread,
     * nothing on stdout) and pause() stops the run at the gate. */
    struct Rt *rt;
    struct TraceShm *tshm;
    int live;
    int gate_marks;           /* a gate.grant event at every gate passed, even free
                               * running: the schedule --record keeps */
    const _Atomic int *speed_pct;   /* in shared memory: 100 = 1x; sleeps last
                                     * 100/speed_pct times as long.  NULL: 1x */
    /* Headless: called once with the whole event log at the end of the run
     * (--record, --trace); NULL: none. */
    void (*log_done)(const struct EventLog *log, void *arg);
    void *log_arg;
    /* Headless: called after each drain of the collector; nonzero ends the
     * run now with exit 1 (a deadlock it has explained on stderr). */
    int (*log_watch)(const struct EventLog *log, void *arg);
} VmOptions;

/* Run a parsed and checked module to completion, headless: the script's
 * output goes to stdout, tracebacks to stderr.  Returns the process exit
 * code: 0, or 1 after an uncaught exception.  The script's objects are capped
 * at 1 GiB (MemoryError beyond); PARLAB_MEM_MB in the environment changes it. */
int vm_run_module(Module *m, const VmOptions *opt);

/* The caps of a run (rt_caps_default and the PARLAB_* variables), for a
 * caller that makes the runtime itself (the live runner). */
struct RtCaps;
void vm_default_caps(struct RtCaps *caps);

#endif
