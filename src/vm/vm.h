/* The interpreter's entry points, as main.c sees them. */
#ifndef PARLAB_VM_H
#define PARLAB_VM_H

#include "lang/ast.h"

typedef struct {
    const char *script_dir;   /* directory of the script, for error messages */
    int events;               /* --events: print the event log instead of/besides output (issue 3) */
} VmOptions;

/* Run a parsed and checked module to completion, headless: the script's
 * output goes to stdout, tracebacks to stderr.  Returns the process exit
 * code: 0, or 1 after an uncaught exception.  The script's objects are capped
 * at 1 GiB (MemoryError beyond); PARLAB_MEM_MB in the environment changes it. */
int vm_run_module(Module *m, const VmOptions *opt);

#endif
