/* multiprocessing.Array and Value: typed cells in the shared arena, each with
 * its own lock (get_lock()).  A Value is an array of one.
 *
 * Typecodes: 'i' is a C int as in CPython: 32-bit, and storing a number
 * outside [-2^31, 2^31) fails with RT_EOVERFLOW (CPython raises
 * OverflowError); 'l' and 'q' are 64-bit; 'd' is a double.  Cells are 64-bit
 * atomics accessed with relaxed loads and stores: no torn values and no data
 * race, yet a read-modify-write without the lock still loses updates, which
 * is exactly what the race lessons show. */
#ifndef PARLAB_RT_SHARR_H
#define PARLAB_RT_SHARR_H

#include "rt/lock.h"

#define RTARR_MAX_LEN 1000000   /* cap on cells per array */

typedef struct RtArray {
    RtLock lock;
    char typecode;
    int64_t len;
    _Atomic uint64_t cells[];
} RtArray;

/* NULL with *err set: RT_EVALUE (typecode), RT_ECAP (len), RT_ENOMEM (arena). */
RtArray *rtarr_create(Rt *rt, char typecode, int64_t len, int *err);
void rtarr_destroy(Rt *rt, RtArray *a);
int64_t rtarr_len(const RtArray *a);
int rtarr_is_float(const RtArray *a);
RtLock *rtarr_lock(RtArray *a);

/* Negative indexes count from the end.  RT_EINDEX when out of range. */
int rtarr_get_int(const RtArray *a, int64_t i, int64_t *out);     /* int typecodes */
int rtarr_get_double(const RtArray *a, int64_t i, double *out);   /* any typecode */
/* Setting a float in an int array is RT_ETYPE (TypeError in CPython);
 * an int in a 'd' array is converted. */
int rtarr_set_int(const RtCtx *cx, RtArray *a, int64_t i, int64_t v);
int rtarr_set_double(const RtCtx *cx, RtArray *a, int64_t i, double v);

#endif
