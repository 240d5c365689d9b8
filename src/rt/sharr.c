/* Shared typed arrays.  Every cell is a 64-bit atomic word holding either an
 * int64 or a double's bit pattern; the typecode says which. */
#include "rt/sharr.h"

#include <string.h>

static int rtarr_typecode_ok(char t)
{
    return t == 'i' || t == 'l' || t == 'q' || t == 'd';
}

RtArray *rtarr_create(Rt *rt, char typecode, int64_t len, int *err)
{
    RtArray *a;
    *err = 0;
    if (!rtarr_typecode_ok(typecode)) {
        *err = RT_EVALUE;
        return NULL;
    }
    if (len < 0 || len > RTARR_MAX_LEN) {
        *err = RT_ECAP;
        return NULL;
    }
    a = shm_alloc(rt->arena, sizeof *a + (size_t)len * sizeof(uint64_t));
    if (!a) {
        *err = RT_ENOMEM;
        return NULL;
    }
    rtlock_init(&a->lock, 1);   /* CPython's default lock for Value/Array is an RLock */
    a->typecode = typecode;
    a->len = len;
    for (int64_t i = 0; i < len; i++)
        atomic_init(&a->cells[i], 0);   /* 0 and 0.0 share the bit pattern */
    return a;
}

void rtarr_destroy(Rt *rt, RtArray *a)
{
    if (!a)
        return;
    rtlock_free(&a->lock);
    shm_free(rt->arena, a);
}

int64_t rtarr_len(const RtArray *a)
{
    return a->len;
}

int rtarr_is_float(const RtArray *a)
{
    return a->typecode == 'd';
}

RtLock *rtarr_lock(RtArray *a)
{
    return &a->lock;
}

static int rtarr_index(const RtArray *a, int64_t *i)
{
    if (*i < 0)
        *i += a->len;
    return *i >= 0 && *i < a->len ? 0 : RT_EINDEX;
}

static uint64_t rtarr_load(const RtArray *a, int64_t i)
{
    return atomic_load_explicit((_Atomic uint64_t *)&a->cells[i], memory_order_relaxed);
}

static double rtarr_bits_to_double(uint64_t bits)
{
    double d;
    memcpy(&d, &bits, sizeof d);
    return d;
}

int rtarr_get_int(const RtArray *a, int64_t i, int64_t *out)
{
    if (rtarr_index(a, &i))
        return RT_EINDEX;
    if (a->typecode == 'd')
        return RT_ETYPE;
    *out = (int64_t)rtarr_load(a, i);
    return 0;
}

int rtarr_get_double(const RtArray *a, int64_t i, double *out)
{
    uint64_t bits;
    if (rtarr_index(a, &i))
        return RT_EINDEX;
    bits = rtarr_load(a, i);
    *out = a->typecode == 'd' ? rtarr_bits_to_double(bits) : (double)(int64_t)bits;
    return 0;
}

/* The store, and the hook with old and new values. */
static void rtarr_store(const RtCtx *cx, RtArray *a, int64_t i, uint64_t bits)
{
    uint64_t old = atomic_exchange_explicit(&a->cells[i], bits, memory_order_relaxed);
    RT_HOOK(cx->worker, RT_EV_ARRAY_WRITE, a, i, (int64_t)old, (int64_t)bits, NULL, 0);
}

int rtarr_set_int(const RtCtx *cx, RtArray *a, int64_t i, int64_t v)
{
    if (rtarr_index(a, &i))
        return RT_EINDEX;
    if (a->typecode == 'd')
        return rtarr_set_double(cx, a, i, (double)v);
    if (a->typecode == 'i' && (v < INT32_MIN || v > INT32_MAX))
        return RT_EOVERFLOW;
    rtarr_store(cx, a, i, (uint64_t)v);
    return 0;
}

int rtarr_set_double(const RtCtx *cx, RtArray *a, int64_t i, double v)
{
    uint64_t bits;
    if (rtarr_index(a, &i))
        return RT_EINDEX;
    if (a->typecode != 'd')
        return RT_ETYPE;
    memcpy(&bits, &v, sizeof bits);
    rtarr_store(cx, a, i, bits);
    return 0;
}
