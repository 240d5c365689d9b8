/* Filling a Diag: private to src/lang/. */
#ifndef PARLAB_DIAG_H
#define PARLAB_DIAG_H

#include "lang/lang.h"

#if defined(__GNUC__)
#define DIAG_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define DIAG_PRINTF(a, b)
#endif

/* Sets *d (when d is not NULL) and returns -1, so callers can `return diag_set(...)`. */
int diag_set(Diag *d, const char *file, int line, int col, const char *fmt, ...) DIAG_PRINTF(5, 6);

#endif
