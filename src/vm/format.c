/* CPython's text formatting of numbers and strings, in C.
 *
 * Floats: the digits come from glibc's correctly rounded printf (either the
 * shortest string that reads back to the same double, or N significant
 * digits), and are laid out by float_layout(), which follows the rules of
 * CPython's format_float_short(): where the decimal point goes, when to switch
 * to an exponent, zero padding, the '#' and "add .0" flags.
 *
 * Format specs: parsed into FmtSpec as CPython's
 * parse_internal_render_format_spec() does, then laid out like its
 * calc_number_widths()/fill_number(): [lpad][sign][prefix][spad][digits]
 * [.][remainder][rpad], with the thousands grouping that also spreads '0'
 * padding through the groups (format(1234, '010,') == '00,001,234').
 * Widths and precisions count code points, not bytes.
 */
#include "vm/format.h"

#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Larger widths or precisions would only build huge strings; CPython would
 * try, a lesson has no business asking. */
#define FMT_MAX_WIDTH 1000000

static void *fmt_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fprintf(stderr, "parlab: out of memory (%zu bytes)\n", n);
        abort();
    }
    return q;
}

void sb_init(StrBuf *sb)
{
    sb->buf = NULL;
    sb->len = sb->cap = 0;
}

void sb_free(StrBuf *sb)
{
    free(sb->buf);
    sb_init(sb);
}

static void sb_reserve(StrBuf *sb, size_t extra)
{
    if (sb->len + extra + 1 <= sb->cap)
        return;
    size_t cap = sb->cap ? sb->cap : 32;
    while (cap < sb->len + extra + 1)
        cap *= 2;
    sb->buf = fmt_xrealloc(sb->buf, cap);
    sb->cap = cap;
}

void sb_append(StrBuf *sb, const char *s, size_t n)
{
    sb_reserve(sb, n);
    if (n)
        memcpy(sb->buf + sb->len, s, n);
    sb->len += n;
    sb->buf[sb->len] = '\0';
}

void sb_putc(StrBuf *sb, char c)
{
    sb_append(sb, &c, 1);
}

void sb_puts(StrBuf *sb, const char *s)
{
    sb_append(sb, s, strlen(s));
}

void sb_printf(StrBuf *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char small[256];
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof small) {
        sb_append(sb, small, (size_t)n);
        return;
    }
    sb_reserve(sb, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    sb->len += (size_t)n;
}

char *sb_detach(StrBuf *sb)
{
    sb_reserve(sb, 0);
    sb->buf[sb->len] = '\0';
    char *s = sb->buf;
    sb_init(sb);
    return s;
}

static void sb_repeat(StrBuf *sb, const char *s, long n)
{
    size_t k = strlen(s);
    for (long i = 0; i < n; i++)
        sb_append(sb, s, k);
}

void fmt_int(StrBuf *sb, int64_t v)
{
    sb_printf(sb, "%" PRId64, v);
}

/* ---- float digits ---- */

/* The decimal digits of |x| (finite, no trailing zeros, "0" for zero) and
 * the position of the decimal point: |x| = 0.DIGITS * 10**decpt. */
typedef struct {
    char *d;
    int n;
    int decpt;
} Digits;

/* Split printf's "%.*e" output "D.DDDDe+XX" into Digits. */
static void digits_from_e(Digits *dg, const char *s)
{
    size_t len = strlen(s);
    dg->d = fmt_xrealloc(NULL, len + 1);
    dg->n = 0;
    const char *p = s;
    for (; *p && *p != 'e'; p++)
        if (*p >= '0' && *p <= '9')
            dg->d[dg->n++] = *p;
    int exp = *p == 'e' ? atoi(p + 1) : 0;
    while (dg->n > 1 && dg->d[dg->n - 1] == '0')
        dg->n--;
    dg->d[dg->n] = '\0';
    dg->decpt = (dg->n == 1 && dg->d[0] == '0') ? 1 : exp + 1;
}

static char *e_string(double ax, int prec)
{
    int n = snprintf(NULL, 0, "%.*e", prec, ax);
    char *s = fmt_xrealloc(NULL, (size_t)n + 1);
    snprintf(s, (size_t)n + 1, "%.*e", prec, ax);
    return s;
}

/* The p-digit neighbours of a correctly rounded "%.*e" string: at a power
 * of two the gap below x is half the gap above, so the nearest p-digit
 * decimal may miss x while the one just above still reads back to it. */
static bool digits_neighbour(char *buf, size_t n, int p, double ax)
{
    int64_t mant = 0;
    const char *s = buf;
    for (; *s && *s != 'e'; s++)
        if (*s >= '0' && *s <= '9')
            mant = mant * 10 + (*s - '0');
    int exp = atoi(s + 1) - (p - 1);
    for (int delta = 1; delta >= -1; delta -= 2) {
        char cand[48];
        snprintf(cand, sizeof cand, "%" PRId64 "e%d", mant + delta, exp);
        if (mant + delta > 0 && strtod(cand, NULL) == ax) {
            /* Re-print the candidate itself in "D.DDDe+X" form. */
            char digs[24];
            int nd = snprintf(digs, sizeof digs, "%" PRId64, mant + delta);
            snprintf(buf, n, "%c.%se%+d", digs[0], digs + 1, exp + nd - 1);
            return true;
        }
    }
    return false;
}

/* Shortest digits that read back to ax: glibc rounds correctly, so the
 * first precision whose rounding (or a neighbour of it) survives strtod is
 * the shortest, and the rounding is the closest of that length. */
static void digits_shortest(Digits *dg, double ax)
{
    char buf[48];
    int first = 1;
    /* Shortcut for normal numbers: when 15 digits read back, the shortest
     * string is those digits without their trailing zeros.  A string D of
     * at most 15 digits that reads back lies within half a double spacing
     * (2**-53 relative) of x, far inside half the 15-digit spacing (5e-16
     * relative at least), so D padded with zeros is the 15-digit rounding
     * of x.  Subnormals have fewer bits, hence the loop from 1 digit. */
    if (ax >= DBL_MIN) {
        snprintf(buf, sizeof buf, "%.14e", ax);
        if (strtod(buf, NULL) == ax) {
            digits_from_e(dg, buf);
            return;
        }
        first = 16;
    }
    for (int p = first; p <= 17; p++) {
        snprintf(buf, sizeof buf, "%.*e", p - 1, ax);
        if (strtod(buf, NULL) == ax || p == 17)
            break;
        if (digits_neighbour(buf, sizeof buf, p, ax))
            break;
    }
    digits_from_e(dg, buf);
}

static void digits_rounded(Digits *dg, double ax, int ndigits)
{
    char *s = e_string(ax, ndigits - 1);
    digits_from_e(dg, s);
    free(s);
}

/* format_float_short's layout of digits for codes 'e', 'g' and 'r'
 * ('r' is repr: exponent when decpt <= -4 or > 16).  precision is the
 * number of significant digits for 'e' and 'g'. */
static void float_layout(StrBuf *sb, const Digits *dg, char code, int precision,
                         bool add_dot_0, bool alt, char echar)
{
    int decpt = dg->decpt, exp = 0;
    bool use_exp = false;
    long vend = dg->n;
    if (code == 'e') {
        use_exp = true;
        vend = precision;
    } else if (code == 'g') {
        if (decpt <= -4 || decpt > (add_dot_0 ? precision - 1 : precision))
            use_exp = true;
        if (alt)
            vend = precision;
    } else if (decpt <= -4 || decpt > 16) {
        use_exp = true;
    }
    if (use_exp) {
        exp = decpt - 1;
        decpt = 1;
    }
    long vstart = decpt <= 0 ? decpt - 1 : 0;
    if (!use_exp && add_dot_0)
        vend = vend > decpt ? vend : decpt + 1;
    else
        vend = vend > decpt ? vend : decpt;

    size_t start = sb->len;
    if (decpt <= 0) {
        sb_repeat(sb, "0", decpt - vstart);
        sb_putc(sb, '.');
        sb_repeat(sb, "0", -decpt);
    } else {
        sb_repeat(sb, "0", -vstart);
    }
    if (decpt > 0 && decpt <= dg->n) {
        sb_append(sb, dg->d, (size_t)decpt);
        sb_putc(sb, '.');
        sb_append(sb, dg->d + decpt, (size_t)(dg->n - decpt));
    } else {
        sb_append(sb, dg->d, (size_t)dg->n);
    }
    if (dg->n < decpt) {
        sb_repeat(sb, "0", decpt - dg->n);
        sb_putc(sb, '.');
        sb_repeat(sb, "0", vend - decpt);
    } else {
        sb_repeat(sb, "0", vend - dg->n);
    }
    if (sb->len > start && sb->buf[sb->len - 1] == '.' && !alt)
        sb->buf[--sb->len] = '\0';
    if (use_exp)
        sb_printf(sb, "%c%+.02d", echar, exp);
}

/* The magnitude of x (no sign) as CPython's PyOS_double_to_string would
 * write it for code 'e', 'f', 'g' or 'r' (lower case; upper is applied by
 * the caller). */
static void float_magnitude(StrBuf *sb, double x, char code, int precision,
                            bool add_dot_0, bool alt)
{
    double ax = fabs(x);
    if (isinf(x)) {
        sb_puts(sb, "inf");
        return;
    }
    if (isnan(x)) {
        sb_puts(sb, "nan");
        return;
    }
    if (code == 'f') {
        int n = snprintf(NULL, 0, alt ? "%#.*f" : "%.*f", precision, ax);
        sb_reserve(sb, (size_t)n);
        snprintf(sb->buf + sb->len, (size_t)n + 1, alt ? "%#.*f" : "%.*f", precision, ax);
        sb->len += (size_t)n;
        return;
    }
    Digits dg;
    if (code == 'r') {
        digits_shortest(&dg, ax);
    } else {
        if (code == 'e')
            precision++;
        else if (precision == 0)
            precision = 1;
        digits_rounded(&dg, ax, precision);
    }
    float_layout(sb, &dg, code, precision, add_dot_0, alt, 'e');
    free(dg.d);
}

void fmt_float_repr(StrBuf *sb, double x)
{
    if (signbit(x) && !isnan(x))
        sb_putc(sb, '-');
    float_magnitude(sb, x, 'r', 0, true, false);
}

/* ---- the format-spec mini-language ---- */

static uint32_t utf8_next(const unsigned char *s, size_t len, size_t *i)
{
    unsigned c = s[*i];
    int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
    if (*i + (size_t)extra >= len)
        extra = 0;
    uint32_t cp = extra ? c & (0x3Fu >> extra) : c;
    (*i)++;
    for (int k = 0; k < extra; k++)
        cp = (cp << 6) | (s[(*i)++] & 0x3Fu);
    return cp;
}

static size_t utf8_count(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            n++;
    return n;
}

static void fmt_error(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void fmt_error(char *err, size_t errlen, const char *fmt, ...)
{
    if (!err || !errlen)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

/* CPython writes an odd code point as '\xNN' in its messages. */
static void cp_quote(char *out, size_t n, uint32_t cp)
{
    if (cp > 32 && cp < 128)
        snprintf(out, n, "%c", (char)cp);
    else
        snprintf(out, n, "\\x%x", (unsigned)cp);
}

/* Reads a decimal integer; 0 when there are no digits, -1 (with CPython's
 * message) when it overflows. */
static int spec_integer(const uint32_t *cp, size_t n, size_t *pos, int *out,
                        char *err, size_t errlen)
{
    int64_t acc = 0;
    int consumed = 0;
    for (; *pos < n && cp[*pos] >= '0' && cp[*pos] <= '9'; (*pos)++, consumed++) {
        int d = (int)(cp[*pos] - '0');
        if (acc > (INT64_MAX - d) / 10) {
            fmt_error(err, errlen, "Too many decimal digits in format string");
            return -1;
        }
        acc = acc * 10 + d;
    }
    if (acc > FMT_MAX_WIDTH) {
        fmt_error(err, errlen, "format width or precision %" PRId64 " is too large "
                  "(parlab allows at most %d)", acc, FMT_MAX_WIDTH);
        return -1;
    }
    *out = (int)acc;
    return consumed;
}

static bool is_align(uint32_t c)
{
    return c == '<' || c == '>' || c == '=' || c == '^';
}

int fmt_spec_parse(const char *spec, size_t len, FmtSpec *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    strcpy(out->fill, " ");
    out->width = out->precision = -1;
    out->spec = spec;
    out->speclen = len;

    uint32_t *cp = fmt_xrealloc(NULL, (len + 1) * sizeof *cp);
    size_t n = 0, pos = 0;
    size_t fill_start = 0, fill_end = 0;
    for (size_t i = 0; i < len; n++) {
        if (n == 0)
            fill_start = i;
        cp[n] = utf8_next((const unsigned char *)spec, len, &i);
        if (n == 0)
            fill_end = i;
    }
    bool fill_given = false;
    int rc = -1;

    if (n >= 2 && is_align(cp[1])) {
        size_t k = fill_end - fill_start < sizeof out->fill ? fill_end - fill_start : 1;
        memcpy(out->fill, spec + fill_start, k);
        out->fill[k] = '\0';
        out->align = (char)cp[1];
        fill_given = true;
        pos = 2;
    } else if (n >= 1 && is_align(cp[0])) {
        out->align = (char)cp[0];
        pos = 1;
    }
    if (pos < n && (cp[pos] == '+' || cp[pos] == '-' || cp[pos] == ' '))
        out->sign = (char)cp[pos++];
    if (pos < n && cp[pos] == 'z') {
        out->no_neg_zero = true;
        pos++;
    }
    if (pos < n && cp[pos] == '#') {
        out->alt = true;
        pos++;
    }
    if (!fill_given && pos < n && cp[pos] == '0') {
        out->zero = true;
        strcpy(out->fill, "0");
        pos++;
    }
    int consumed = spec_integer(cp, n, &pos, &out->width, err, errlen);
    if (consumed < 0)
        goto done;
    if (consumed == 0)
        out->width = -1;
    if (pos < n && cp[pos] == ',') {
        out->grouping = ',';
        pos++;
    }
    if (pos < n && cp[pos] == '_') {
        if (out->grouping) {
            fmt_error(err, errlen, "Cannot specify both ',' and '_'.");
            goto done;
        }
        out->grouping = '_';
        pos++;
    }
    if (pos < n && cp[pos] == ',' && out->grouping == '_') {
        fmt_error(err, errlen, "Cannot specify both ',' and '_'.");
        goto done;
    }
    if (pos < n && cp[pos] == '.') {
        pos++;
        consumed = spec_integer(cp, n, &pos, &out->precision, err, errlen);
        if (consumed < 0)
            goto done;
        if (consumed == 0) {
            fmt_error(err, errlen, "Format specifier missing precision");
            goto done;
        }
    }
    if (n - pos > 1) {
        /* The message names the object's type, which only the fmt_spec_*
         * formatter knows: it reports the error. */
        out->invalid = true;
        rc = 0;
        goto done;
    }
    if (n - pos == 1) {
        out->type_cp = cp[pos];
        out->type = cp[pos] < 128 ? (char)cp[pos] : '?';
        if (cp[pos] == 0)
            out->type = '?';
    }
    if (out->grouping) {
        char t = out->type;
        bool ok = out->type_cp < 128 && (t == 0 || strchr("defgEGF%", t));
        if (!ok && out->type_cp < 128 && t && strchr("boxX", t) && out->grouping == '_')
            ok = true;
        if (!ok) {
            char q[16];
            cp_quote(q, sizeof q, out->type_cp);
            fmt_error(err, errlen, "Cannot specify '%c' with '%s'.", out->grouping, q);
            goto done;
        }
    }
    rc = 0;
done:
    free(cp);
    return rc;
}

/* Errors every formatter checks first: a spec too long to parse, and a type
 * letter outside `known`. */
static int spec_common_errors(const FmtSpec *spec, const char *known, const char *tpname,
                              char *err, size_t errlen)
{
    if (spec->invalid) {
        fmt_error(err, errlen, "Invalid format specifier '%.*s' for object of type '%s'",
                  (int)spec->speclen, spec->spec, tpname);
        return -1;
    }
    if (spec->type && (spec->type_cp >= 128 || !strchr(known, spec->type))) {
        char q[16];
        cp_quote(q, sizeof q, spec->type_cp);
        fmt_error(err, errlen, "Unknown format code '%s' for object of type '%s'", q, tpname);
        return -1;
    }
    return 0;
}

/* A number split the way fill_number() sees it. */
typedef struct {
    char sign;             /* 0, '-', '+' or ' ' */
    const char *prefix;    /* "0x" and friends */
    const char *digits;    /* the leading run of digits (or the 'c' character) */
    size_t ndigits;        /* in bytes */
    size_t ndigit_cps;     /* in code points */
    bool decimal;          /* a '.' follows the digits */
    const char *rest;      /* fraction, exponent, '%', or "inf"/"nan" */
} NumParts;

/* Grouped digits, built right to left as InsertThousandsGrouping does, so
 * that '0' padding to min_width is grouped too. */
static void group_digits(StrBuf *sb, const NumParts *np, char sep, int group, long min_width)
{
    if (np->ndigits == 0)
        return;
    if (!sep) {
        sb_repeat(sb, "0", min_width - (long)np->ndigit_cps);
        sb_append(sb, np->digits, np->ndigits);
        return;
    }
    StrBuf rev;
    sb_init(&rev);
    long remaining = (long)np->ndigits;
    bool first = true;
    for (;;) {
        long l = remaining > min_width ? remaining : min_width;
        if (l < 1)
            l = 1;
        if (l > group)
            l = group;
        long nzeros = l - remaining > 0 ? l - remaining : 0;
        long nchars = remaining < l ? remaining : l;
        if (nchars < 0)
            nchars = 0;
        if (!first)
            sb_putc(&rev, sep);
        for (long k = 0; k < nchars; k++)
            sb_putc(&rev, np->digits[remaining - 1 - k]);
        sb_repeat(&rev, "0", nzeros);
        first = false;
        remaining -= nchars;
        min_width -= l;
        if (remaining <= 0 && min_width <= 0)
            break;
        min_width -= 1;
    }
    for (size_t k = rev.len; k > 0; k--)
        sb_putc(sb, rev.buf[k - 1]);
    sb_free(&rev);
}

static void fill_number(StrBuf *sb, const NumParts *np, const FmtSpec *spec, int group)
{
    char align = spec->align ? spec->align : spec->zero ? '=' : '>';
    char sign = 0;
    if (np->sign == '-')
        sign = '-';
    else if (spec->sign == '+' || spec->sign == ' ')
        sign = spec->sign;
    long nprefix = (long)strlen(np->prefix);
    long nrest = (long)strlen(np->rest);
    long fixed = (sign ? 1 : 0) + nprefix + (np->decimal ? 1 : 0) + nrest;
    long min_width = 0;
    if (strcmp(spec->fill, "0") == 0 && align == '=')
        min_width = spec->width - fixed;

    StrBuf grouped;
    sb_init(&grouped);
    group_digits(&grouped, np, spec->grouping, group, min_width);

    long grouped_cps = (long)grouped.len - (long)(np->ndigits - np->ndigit_cps);
    long pad = spec->width - (fixed + grouped_cps);
    long lpad = 0, spad = 0, rpad = 0;
    if (pad > 0) {
        if (align == '<')
            rpad = pad;
        else if (align == '^')
            lpad = pad / 2, rpad = pad - lpad;
        else if (align == '=')
            spad = pad;
        else
            lpad = pad;
    }
    sb_repeat(sb, spec->fill, lpad);
    if (sign)
        sb_putc(sb, sign);
    sb_puts(sb, np->prefix);
    sb_repeat(sb, spec->fill, spad);
    sb_append(sb, grouped.buf ? grouped.buf : "", grouped.len);
    if (np->decimal)
        sb_putc(sb, '.');
    sb_puts(sb, np->rest);
    sb_repeat(sb, spec->fill, rpad);
    sb_free(&grouped);
}

static void utf8_put(char *out, uint32_t cp)
{
    if (cp < 0x80) {
        out[0] = (char)cp, out[1] = 0;
    } else if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6)), out[1] = (char)(0x80 | (cp & 0x3F)), out[2] = 0;
    } else if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12)), out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F)), out[3] = 0;
    } else {
        out[0] = (char)(0xF0 | (cp >> 18)), out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        out[2] = (char)(0x80 | ((cp >> 6) & 0x3F)), out[3] = (char)(0x80 | (cp & 0x3F));
        out[4] = 0;
    }
}

int fmt_spec_int(StrBuf *sb, int64_t v, const FmtSpec *spec, char *err, size_t errlen)
{
    if (spec_common_errors(spec, "bcdoxXneEfFgG%", "int", err, errlen) < 0)
        return -1;
    if (spec->type && strchr("eEfFgG%", spec->type))
        return fmt_spec_float(sb, (double)v, spec, err, errlen);
    if (spec->precision >= 0) {
        fmt_error(err, errlen, "Precision not allowed in integer format specifier");
        return -1;
    }
    if (spec->no_neg_zero) {
        fmt_error(err, errlen, "Negative zero coercion (z) not allowed in integer format specifier");
        return -1;
    }
    NumParts np = { .prefix = "", .rest = "" };
    char buf[80];
    uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    char type = spec->type ? spec->type : 'd';
    if (type == 'c') {
        if (spec->sign) {
            fmt_error(err, errlen, "Sign not allowed with integer format specifier 'c'");
            return -1;
        }
        if (spec->alt) {
            fmt_error(err, errlen, "Alternate form (#) not allowed with integer format specifier 'c'");
            return -1;
        }
        /* An OverflowError in CPython; same words. */
        if (v < 0 || v > 0x10FFFF) {
            fmt_error(err, errlen, "%%c arg not in range(0x110000)");
            return -1;
        }
        utf8_put(buf, (uint32_t)v);
        np.digits = buf;
        np.ndigits = v == 0 ? 1 : strlen(buf);   /* chr(0) is a real character */
        np.ndigit_cps = 1;
        fill_number(sb, &np, spec, 3);
        return 0;
    }
    int base = type == 'b' ? 2 : type == 'o' ? 8 : (type == 'x' || type == 'X') ? 16 : 10;
    const char *digitset = type == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
    char *end = buf + sizeof buf, *p = end;
    do {
        *--p = digitset[mag % (unsigned)base];
        mag /= (unsigned)base;
    } while (mag);
    if (spec->alt && base != 10)
        np.prefix = type == 'b' ? "0b" : type == 'o' ? "0o" : type == 'X' ? "0X" : "0x";
    np.sign = v < 0 ? '-' : 0;
    np.digits = p;
    np.ndigits = np.ndigit_cps = (size_t)(end - p);
    fill_number(sb, &np, spec, base == 10 ? 3 : 4);
    return 0;
}

int fmt_spec_float(StrBuf *sb, double v, const FmtSpec *spec, char *err, size_t errlen)
{
    if (spec_common_errors(spec, "eEfFgGn%", "float", err, errlen) < 0)
        return -1;
    char type = spec->type;
    bool add_dot_0 = false, pct = false;
    int precision = spec->precision;
    char code;
    if (type == 0) {
        add_dot_0 = true;
        code = precision < 0 ? 'r' : 'g';
        if (precision < 0)
            precision = 0;
    } else {
        code = type == 'n' ? 'g' : type == '%' ? 'f' : (char)(type | 0x20);
        if (precision < 0)
            precision = 6;
    }
    if (type == '%') {
        v *= 100;
        pct = true;
    }
    StrBuf mag;
    sb_init(&mag);
    float_magnitude(&mag, v, code, precision, add_dot_0, spec->alt);
    bool upper = type == 'E' || type == 'F' || type == 'G';
    for (size_t k = 0; k < mag.len; k++)
        if (upper && mag.buf[k] >= 'a' && mag.buf[k] <= 'z')
            mag.buf[k] = (char)(mag.buf[k] - 32);
    if (pct)
        sb_putc(&mag, '%');

    NumParts np = { .prefix = "" };
    np.sign = signbit(v) && !isnan(v) ? '-' : 0;
    if (np.sign && spec->no_neg_zero) {
        /* 'z': a result whose digits are all zero loses its minus sign. */
        bool allzero = true;
        for (size_t k = 0; k < mag.len && mag.buf[k] != 'e' && mag.buf[k] != 'E'; k++)
            if (mag.buf[k] >= '1' && mag.buf[k] <= '9')
                allzero = false;
        if (allzero && !isinf(v))
            np.sign = 0;
    }
    size_t k = 0;
    while (k < mag.len && mag.buf[k] >= '0' && mag.buf[k] <= '9')
        k++;
    np.digits = mag.buf;
    np.ndigits = np.ndigit_cps = k;
    np.decimal = k < mag.len && mag.buf[k] == '.';
    np.rest = mag.buf + k + (np.decimal ? 1 : 0);
    fill_number(sb, &np, spec, 3);
    sb_free(&mag);
    return 0;
}

int fmt_spec_str(StrBuf *sb, const char *s, size_t len, const FmtSpec *spec, char *err, size_t errlen)
{
    if (spec_common_errors(spec, "s", "str", err, errlen) < 0)
        return -1;
    /* CPython checks ',' against the default type 's' while parsing. */
    if (spec->grouping && !spec->type) {
        fmt_error(err, errlen, "Cannot specify '%c' with 's'.", spec->grouping);
        return -1;
    }
    if (spec->sign) {
        fmt_error(err, errlen, spec->sign == ' ' ? "Space not allowed in string format specifier"
                                                 : "Sign not allowed in string format specifier");
        return -1;
    }
    if (spec->no_neg_zero) {
        fmt_error(err, errlen, "Negative zero coercion (z) not allowed in string format specifier");
        return -1;
    }
    if (spec->alt) {
        fmt_error(err, errlen, "Alternate form (#) not allowed in string format specifier");
        return -1;
    }
    if (spec->align == '=') {
        fmt_error(err, errlen, "'=' alignment not allowed in string format specifier");
        return -1;
    }
    size_t ncp = utf8_count(s, len), nbytes = len;
    if (spec->precision >= 0 && ncp > (size_t)spec->precision) {
        size_t seen = 0, i = 0;
        for (; i < len; i++) {
            if (((unsigned char)s[i] & 0xC0) != 0x80) {
                if (seen == (size_t)spec->precision)
                    break;
                seen++;
            }
        }
        nbytes = i;
        ncp = (size_t)spec->precision;
    }
    long pad = spec->width > (long)ncp ? spec->width - (long)ncp : 0;
    char align = spec->align ? spec->align : '<';
    long lpad = align == '>' ? pad : align == '^' ? pad / 2 : 0;
    sb_repeat(sb, spec->fill, lpad);
    sb_append(sb, s, nbytes);
    sb_repeat(sb, spec->fill, pad - lpad);
    return 0;
}
