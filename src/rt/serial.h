/* Values crossing a process boundary (queue items, pool arguments and
 * results): a compact byte format and a tiny neutral tree the vm converts
 * its values to and from.
 *
 * Format, one tag byte then the payload:
 *   'N' None   'T' True   'F' False
 *   'I' int    zigzag LEB128 varint (int64)
 *   'D' float  8 bytes, IEEE 754 little-endian
 *   'S' str    varint byte length, then UTF-8 bytes
 *   'L' list / 'U' tuple   varint count, then the items
 * Decoding is strict: every length is checked against the bytes left, the
 * nesting depth is capped, and the input must be consumed exactly. */
#ifndef PARLAB_RT_SERIAL_H
#define PARLAB_RT_SERIAL_H

#include <stddef.h>
#include <stdint.h>

/* A growable byte buffer on the private heap. */
typedef struct RtBuf {
    uint8_t *data;
    size_t len, cap;
} RtBuf;
void rtbuf_reserve(RtBuf *b, size_t extra);   /* aborts when out of memory */
void rtbuf_put(RtBuf *b, const void *p, size_t n);
void rtbuf_free(RtBuf *b);

typedef enum { SV_NONE, SV_BOOL, SV_INT, SV_FLOAT, SV_STR, SV_LIST, SV_TUPLE } SvKind;

typedef struct SerVal {
    SvKind kind;
    size_t n;                 /* str: bytes; list/tuple: items */
    union {
        int b;
        int64_t i;
        double d;
        char *s;              /* NUL-terminated copy (n bytes before the NUL) */
        struct SerVal *items;
    } u;
} SerVal;

#define SER_MAX_DEPTH 64

/* Building trees (the vm's side of the conversion).  A list/tuple gets
 * room for n items, all None, to be filled in place. */
SerVal *serval_create(SvKind kind);
void serval_set_str(SerVal *v, const char *s, size_t n);
void serval_set_seq(SerVal *v, SvKind kind, size_t n);
void serval_free(SerVal *v);          /* contents of an embedded value */
void serval_destroy(SerVal *v);       /* a value from serval_create or ser_decode */

/* Append the encoding of v.  0, or RT_EVALUE when nested too deep. */
int ser_encode(const SerVal *v, RtBuf *out);
/* 0 and *out (free with serval_destroy), or RT_EFORMAT. */
int ser_decode(const void *data, size_t len, SerVal **out);
/* Python's a < b on two encoded values: 0 and *lt, or RT_ETYPE when
 * Python would raise TypeError ('<' not supported), RT_EFORMAT. */
int ser_less(const void *a, size_t alen, const void *b, size_t blen, int *lt);

#endif
