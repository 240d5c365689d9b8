/* Encoder, strict decoder and Python-ordered comparison of the byte format
 * described in serial.h.  The comparison walks the bytes directly (no tree),
 * because a PriorityQueue compares on every put. */
#include "rt/serial.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rt/rt.h"

void rtbuf_reserve(RtBuf *b, size_t extra)
{
    size_t cap = b->cap ? b->cap : 64;
    if (b->len + extra <= b->cap)
        return;
    while (cap < b->len + extra)
        cap *= 2;
    b->data = realloc(b->data, cap);
    if (!b->data) {
        fprintf(stderr, "parlab: out of memory\n");
        abort();
    }
    b->cap = cap;
}

void rtbuf_put(RtBuf *b, const void *p, size_t n)
{
    rtbuf_reserve(b, n);
    memcpy(b->data + b->len, p, n);
    b->len += n;
}

void rtbuf_free(RtBuf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

static void *ser_xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size);
    if (!p) {
        fprintf(stderr, "parlab: out of memory\n");
        abort();
    }
    return p;
}

SerVal *serval_create(SvKind kind)
{
    SerVal *v = ser_xcalloc(1, sizeof *v);
    v->kind = kind;
    return v;
}

void serval_set_str(SerVal *v, const char *s, size_t n)
{
    v->kind = SV_STR;
    v->n = n;
    v->u.s = ser_xcalloc(n + 1, 1);
    memcpy(v->u.s, s, n);
}

void serval_set_seq(SerVal *v, SvKind kind, size_t n)
{
    v->kind = kind;
    v->n = n;
    v->u.items = ser_xcalloc(n, sizeof(SerVal));
}

void serval_free(SerVal *v)
{
    if (v->kind == SV_STR) {
        free(v->u.s);
    } else if (v->kind == SV_LIST || v->kind == SV_TUPLE) {
        for (size_t i = 0; i < v->n; i++)
            serval_free(&v->u.items[i]);
        free(v->u.items);
    }
    v->kind = SV_NONE;
    v->n = 0;
}

void serval_destroy(SerVal *v)
{
    if (v) {
        serval_free(v);
        free(v);
    }
}

static void ser_put_varint(RtBuf *out, uint64_t x)
{
    uint8_t tmp[10];
    size_t n = 0;
    do {
        tmp[n] = (uint8_t)(x & 0x7f);
        x >>= 7;
        if (x)
            tmp[n] |= 0x80;
        n++;
    } while (x);
    rtbuf_put(out, tmp, n);
}

static int ser_encode_depth(const SerVal *v, RtBuf *out, int depth)
{
    static const char seqtag[] = {[SV_LIST] = 'L', [SV_TUPLE] = 'U'};
    uint8_t tag, bytes[8];
    uint64_t bits;
    if (depth > SER_MAX_DEPTH)
        return RT_EVALUE;
    switch (v->kind) {
    case SV_NONE:
        rtbuf_put(out, "N", 1);
        return 0;
    case SV_BOOL:
        rtbuf_put(out, v->u.b ? "T" : "F", 1);
        return 0;
    case SV_INT:
        rtbuf_put(out, "I", 1);
        ser_put_varint(out, ((uint64_t)v->u.i << 1) ^ (uint64_t)(v->u.i >> 63));
        return 0;
    case SV_FLOAT:
        memcpy(&bits, &v->u.d, 8);
        for (int i = 0; i < 8; i++)
            bytes[i] = (uint8_t)(bits >> (8 * i));
        rtbuf_put(out, "D", 1);
        rtbuf_put(out, bytes, 8);
        return 0;
    case SV_STR:
        rtbuf_put(out, "S", 1);
        ser_put_varint(out, v->n);
        rtbuf_put(out, v->u.s, v->n);
        return 0;
    case SV_LIST:
    case SV_TUPLE:
        tag = (uint8_t)seqtag[v->kind];
        rtbuf_put(out, &tag, 1);
        ser_put_varint(out, v->n);
        for (size_t i = 0; i < v->n; i++) {
            int rc = ser_encode_depth(&v->u.items[i], out, depth + 1);
            if (rc)
                return rc;
        }
        return 0;
    }
    return RT_EVALUE;
}

int ser_encode(const SerVal *v, RtBuf *out)
{
    size_t start = out->len;
    int rc = ser_encode_depth(v, out, 0);
    if (rc)
        out->len = start;
    return rc;
}

/* A read cursor; every read checks the bytes left. */
typedef struct SerCur {
    const uint8_t *p, *end;
} SerCur;

static int ser_get_varint(SerCur *c, uint64_t *x)
{
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        uint8_t b;
        if (c->p >= c->end)
            return RT_EFORMAT;
        b = *c->p++;
        if (shift == 63 && (b & 0x7e))
            return RT_EFORMAT;
        v |= (uint64_t)(b & 0x7f) << shift;
        if (!(b & 0x80)) {
            *x = v;
            return 0;
        }
    }
    return RT_EFORMAT;
}

/* One value's head: its kind and scalar, or its length (str, list, tuple);
 * for a str, *str points at its bytes and the cursor moves past them. */
typedef struct SerHead {
    SvKind kind;
    int64_t i;
    double d;
    uint64_t n;
    const uint8_t *str;
} SerHead;

static int ser_head(SerCur *c, SerHead *h)
{
    uint64_t x;
    uint8_t tag;
    if (c->p >= c->end)
        return RT_EFORMAT;
    tag = *c->p++;
    switch (tag) {
    case 'N': h->kind = SV_NONE; return 0;
    case 'T': h->kind = SV_BOOL; h->i = 1; return 0;
    case 'F': h->kind = SV_BOOL; h->i = 0; return 0;
    case 'I':
        if (ser_get_varint(c, &x))
            return RT_EFORMAT;
        h->kind = SV_INT;
        h->i = (int64_t)(x >> 1) ^ -(int64_t)(x & 1);
        return 0;
    case 'D':
        if (c->end - c->p < 8)
            return RT_EFORMAT;
        x = 0;
        for (int i = 0; i < 8; i++)
            x |= (uint64_t)c->p[i] << (8 * i);
        memcpy(&h->d, &x, 8);
        c->p += 8;
        h->kind = SV_FLOAT;
        return 0;
    case 'S':
        if (ser_get_varint(c, &h->n) || h->n > (uint64_t)(c->end - c->p))
            return RT_EFORMAT;
        h->kind = SV_STR;
        h->str = c->p;
        c->p += h->n;
        return 0;
    case 'L':
    case 'U':
        /* Every item takes at least one byte: a cheap bound on the count. */
        if (ser_get_varint(c, &h->n) || h->n > (uint64_t)(c->end - c->p))
            return RT_EFORMAT;
        h->kind = tag == 'L' ? SV_LIST : SV_TUPLE;
        return 0;
    }
    return RT_EFORMAT;
}

static int ser_decode_into(SerCur *c, SerVal *v, int depth)
{
    SerHead h;
    if (depth > SER_MAX_DEPTH || ser_head(c, &h))
        return RT_EFORMAT;
    v->kind = h.kind;
    switch (h.kind) {
    case SV_NONE: return 0;
    case SV_BOOL: v->u.b = (int)h.i; return 0;
    case SV_INT: v->u.i = h.i; return 0;
    case SV_FLOAT: v->u.d = h.d; return 0;
    case SV_STR: serval_set_str(v, (const char *)h.str, h.n); return 0;
    case SV_LIST:
    case SV_TUPLE:
        serval_set_seq(v, h.kind, h.n);
        for (size_t i = 0; i < v->n; i++)
            if (ser_decode_into(c, &v->u.items[i], depth + 1))
                return RT_EFORMAT;
        return 0;
    }
    return RT_EFORMAT;
}

int ser_decode(const void *data, size_t len, SerVal **out)
{
    SerCur c = {data, (const uint8_t *)data + len};
    SerVal *v = serval_create(SV_NONE);
    if (ser_decode_into(&c, v, 0) || c.p != c.end) {
        serval_destroy(v);
        *out = NULL;
        return RT_EFORMAT;
    }
    *out = v;
    return 0;
}

/* Skip the items of a list/tuple whose head was just read. */
static int ser_skip_items(SerCur *c, uint64_t n, int depth)
{
    SerHead h;
    if (depth > SER_MAX_DEPTH)
        return RT_EFORMAT;
    for (uint64_t i = 0; i < n; i++) {
        if (ser_head(c, &h))
            return RT_EFORMAT;
        if ((h.kind == SV_LIST || h.kind == SV_TUPLE) && ser_skip_items(c, h.n, depth + 1))
            return RT_EFORMAT;
    }
    return 0;
}

static int ser_is_num(SvKind k)
{
    return k == SV_BOOL || k == SV_INT || k == SV_FLOAT;
}

/* Numbers compare by value across bool/int/float, as in Python (long double
 * keeps int64 exact against doubles on x86-64). */
static int ser_num_cmp(const SerHead *a, const SerHead *b)
{
    long double x = a->kind == SV_FLOAT ? (long double)a->d : (long double)a->i;
    long double y = b->kind == SV_FLOAT ? (long double)b->d : (long double)b->i;
    return (x > y) - (x < y);
}

static int ser_str_cmp(const SerHead *a, const SerHead *b)
{
    size_t n = a->n < b->n ? a->n : b->n;
    int r = memcmp(a->str, b->str, n);
    if (r)
        return r < 0 ? -1 : 1;
    return (a->n > b->n) - (a->n < b->n);
}

/* Python's a == b; both cursors end past their values.  *eq set. */
static int ser_eq(SerCur *ca, SerCur *cb, int depth, int *eq)
{
    SerHead a, b;
    if (depth > SER_MAX_DEPTH || ser_head(ca, &a) || ser_head(cb, &b))
        return RT_EFORMAT;
    int aseq = a.kind == SV_LIST || a.kind == SV_TUPLE;
    int bseq = b.kind == SV_LIST || b.kind == SV_TUPLE;
    if (aseq && bseq && a.kind == b.kind && a.n == b.n) {
        uint64_t i;
        *eq = 1;
        for (i = 0; i < a.n && *eq; i++)
            if (ser_eq(ca, cb, depth + 1, eq))
                return RT_EFORMAT;
        /* Move both past whatever was not compared. */
        if (ser_skip_items(ca, a.n - i, depth + 1) || ser_skip_items(cb, b.n - i, depth + 1))
            return RT_EFORMAT;
        return 0;
    }
    if ((aseq && ser_skip_items(ca, a.n, depth + 1)) || (bseq && ser_skip_items(cb, b.n, depth + 1)))
        return RT_EFORMAT;
    if (ser_is_num(a.kind) && ser_is_num(b.kind))
        *eq = ser_num_cmp(&a, &b) == 0;
    else if (a.kind == SV_STR && b.kind == SV_STR)
        *eq = ser_str_cmp(&a, &b) == 0;
    else
        *eq = a.kind == SV_NONE && b.kind == SV_NONE;
    return 0;
}

/* Python's a < b, reading one value from each cursor. */
static int ser_lt(SerCur *ca, SerCur *cb, int depth, int *lt)
{
    SerHead a, b;
    if (depth > SER_MAX_DEPTH || ser_head(ca, &a) || ser_head(cb, &b))
        return RT_EFORMAT;
    if (ser_is_num(a.kind) && ser_is_num(b.kind)) {
        *lt = ser_num_cmp(&a, &b) < 0;
        return 0;
    }
    if (a.kind == SV_STR && b.kind == SV_STR) {
        *lt = ser_str_cmp(&a, &b) < 0;
        return 0;
    }
    if ((a.kind == SV_LIST || a.kind == SV_TUPLE) && a.kind == b.kind) {
        uint64_t n = a.n < b.n ? a.n : b.n;
        for (uint64_t i = 0; i < n; i++) {
            SerCur sa = *ca, sb = *cb;
            int eq, rc;
            if ((rc = ser_eq(ca, cb, depth + 1, &eq)))
                return rc;
            if (!eq)
                return ser_lt(&sa, &sb, depth + 1, lt);
        }
        *lt = a.n < b.n;
        return 0;
    }
    return RT_ETYPE;
}

int ser_less(const void *a, size_t alen, const void *b, size_t blen, int *lt)
{
    SerCur ca = {a, (const uint8_t *)a + alen}, cb = {b, (const uint8_t *)b + blen};
    *lt = 0;
    return ser_lt(&ca, &cb, 0, lt);
}
