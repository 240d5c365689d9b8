/* Worker processes: fork() with the care tmux's job_run takes, a cap on live
 * processes (counted in the arena, so a fork bomb in any generation hits it),
 * a memory cap per process, reaping, and a kill-everything for shutdown.
 *
 * Memory cap: RLIMIT_DATA in each child.  Since Linux 4.7 it counts every
 * private writable mapping (heap, mmap'd malloc chunks, thread stacks) but not
 * the shared arena and not the binary, so it caps what a script can allocate
 * without counting what it shares; RLIMIT_AS would also count the arena and
 * every reserved stack, and a counting allocator would miss libc's own
 * allocations.  A failed allocation is then the vm's clean "memory cap"
 * error.  Sanitizer builds reserve huge shadow mappings, so there the cap is
 * off. */
#ifndef PARLAB_RT_PROC_H
#define PARLAB_RT_PROC_H

#include <sys/types.h>

#include "rt/rt.h"

/* The child's body; its return value is the exit code.  It runs in the
 * child with the caller's thread as the only thread (rebuild the GIL:
 * gil_after_fork_child). */
typedef int (*RtProcMain)(Rt *rt, int worker, void *arg);

typedef struct RtProc {
    pid_t pid;
    int worker;
    int pidfd;                /* -1 if the kernel has no pidfd_open */
} RtProc;

/* Start a child.  RT_ECAP past the live-process or worker cap (with nothing
 * started), RT_ESYS if fork failed.  Only the parent returns. */
int rt_proc_start(const RtCtx *cx, const char *name, RtProcMain fn, void *arg, RtProc *out);
/* 0 once the child ended (and was reaped), RT_ETIMEDOUT, RT_ESHUTDOWN. */
int rt_proc_join(const RtCtx *cx, RtProc *p, double timeout);
int rt_proc_is_alive(Rt *rt, RtProc *p);
/* Python's exitcode: 0 and *code (exit status, or -signal) once ended;
 * RT_ETIMEDOUT while it runs. */
int rt_proc_exitcode(Rt *rt, RtProc *p, int *code);
void rt_proc_close(RtProc *p);             /* the parent's handle */

/* Reap every ended child of this process (WNOHANG loop over the table);
 * the root, a child subreaper, also collects orphaned grandchildren. */
void rt_proc_reap(Rt *rt);
/* SIGKILL every live worker process of the run and reap those that are ours;
 * returns how many could not be reaped within one second (0 is clean). */
int rt_proc_kill_all(Rt *rt);
int rt_proc_live(Rt *rt);                  /* started and not yet reaped, run-wide */

/* Messages for the caps, e.g. "too many processes (cap 16)". */
const char *rt_proc_cap_message(Rt *rt);
const char *rt_mem_cap_message(Rt *rt);
int rt_proc_mem_cap_active(void);         /* 0 in sanitizer builds */
/* Called by rt_create's owner in the root: become the subreaper of the run. */
void rt_proc_init_root(Rt *rt);

#endif
