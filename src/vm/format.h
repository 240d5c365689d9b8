/* Pure text formatting used by repr(), str(), f-strings and str.format:
 * CPython's float repr, and the format-spec mini-language for ints, floats
 * and strings.  No interpreter values here, only C scalars and bytes, so the
 * functions are unit-tested on their own (tests/unit/test_format.c). */
#ifndef PARLAB_FORMAT_H
#define PARLAB_FORMAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A growable byte buffer; xmalloc-style: aborts loudly on out-of-memory. */
typedef struct {
    char *buf;
    size_t len, cap;
} StrBuf;

void sb_init(StrBuf *sb);
void sb_free(StrBuf *sb);
void sb_putc(StrBuf *sb, char c);
void sb_append(StrBuf *sb, const char *s, size_t n);
void sb_puts(StrBuf *sb, const char *s);
void sb_printf(StrBuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *sb_detach(StrBuf *sb);            /* NUL-terminated, caller frees */

/* repr(x) / str(x) of a float exactly as CPython 3.11 prints it:
 * shortest round-trip digits, '1.0', '1e+16', '1e-05', 'inf', 'nan', '-0.0'. */
void fmt_float_repr(StrBuf *sb, double x);
void fmt_int(StrBuf *sb, int64_t v);

/* [[fill]align][sign][z][#][0][width][grouping][.precision][type] */
typedef struct {
    char fill[5];       /* one UTF-8 character, NUL-terminated; default " " */
    char align;         /* 0 (default), '<', '>', '^', '=' */
    char sign;          /* 0, '+', '-', ' ' */
    bool alt;           /* '#' */
    bool zero;          /* '0' before width */
    int width;          /* -1 when absent */
    char grouping;      /* 0, ',' or '_' */
    int precision;      /* -1 when absent */
    char type;          /* 0 or one of "bcdeEfFgGnosxX%" */
    /* Added by format.c; fmt_spec_parse fills them.  Note: type holds any
     * ASCII letter as written (checked by the fmt_spec_* call, which knows
     * the object's type), and '?' for a non-ASCII one. */
    bool no_neg_zero;   /* 'z' */
    uint32_t type_cp;   /* the type as a code point (for "Unknown format code '\xe9'") */
    bool invalid;       /* more than one character after the precision: the
                           fmt_spec_* call reports "Invalid format specifier
                           'SPEC' for object of type 'T'", as only it knows T */
    const char *spec;   /* the spec text, borrowed for that message: keep it
                           alive until the fmt_spec_* call */
    size_t speclen;
} FmtSpec;

/* Each returns 0, or -1 with a CPython-worded ValueError message in err
 * (e.g. "Unknown format code 'd' for object of type 'float'").
 * One exception: for format(n, 'c') with n outside range(0x110000) CPython
 * raises OverflowError("%c arg not in range(0x110000)"); the same words come
 * back here with -1. */
int fmt_spec_parse(const char *spec, size_t len, FmtSpec *out, char *err, size_t errlen);
int fmt_spec_int(StrBuf *sb, int64_t v, const FmtSpec *spec, char *err, size_t errlen);
int fmt_spec_float(StrBuf *sb, double v, const FmtSpec *spec, char *err, size_t errlen);
int fmt_spec_str(StrBuf *sb, const char *s, size_t len, const FmtSpec *spec, char *err, size_t errlen);

#endif
