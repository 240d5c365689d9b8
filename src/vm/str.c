/* str objects: UTF-8 bytes with a cached hash and code-point length, the
 * per-interpreter intern table (attribute and parameter names), and
 * indexing/slicing by code point. */
#include <stdlib.h>
#include <string.h>

#include "vm/format.h"
#include "vm/interp.h"

static int64_t utf8_count(const char *s, size_t len)
{
    int64_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

static StrObj *str_alloc(VmThread *ts, const char *s, size_t len)
{
    StrObj *o = obj_alloc(ts, K_STR, sizeof(StrObj) + len + 1);
    if (!o)
        return NULL;
    if (s)
        memcpy(o->s, s, len);
    o->s[len] = 0;
    o->len = (int64_t)len;
    o->ncp = s ? utf8_count(s, len) : 0;
    o->hash = -1;
    return o;
}

Value str_new(VmThread *ts, const char *s, size_t len)
{
    Interp *in = ts->in;
    if (len == 0 && in->empty_str) {
        in->empty_str->h.rc++;
        return vobj(in->empty_str);
    }
    if (len == 1 && (unsigned char)s[0] < 128 && in->chars[(unsigned char)s[0]]) {
        StrObj *c = in->chars[(unsigned char)s[0]];
        c->h.rc++;
        return vobj(c);
    }
    StrObj *o = str_alloc(ts, s, len);
    return o ? vobj(o) : VEXC;
}

Value str_from_cstr(VmThread *ts, const char *s) { return str_new(ts, s, strlen(s)); }

int64_t str_hash(StrObj *s)
{
    if (s->hash == -1) {
        uint64_t h = 1469598103934665603ULL;          /* FNV-1a */
        for (int64_t i = 0; i < s->len; i++)
            h = (h ^ (unsigned char)s->s[i]) * 1099511628211ULL;
        s->hash = (int64_t)(h >> 1);
    }
    return s->hash;
}

static uint64_t raw_hash(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return h >> 1;
}

/* Interned strings are created outside any thread's memory accounting
 * failure path: names are few and small, so a cap hit here would be a bug. */
StrObj *str_intern(Interp *in, const char *s, size_t len)
{
    if (in->in * 2 >= in->icap) {
        uint32_t ncap = in->icap ? in->icap * 2 : 256;
        StrObj **nt = calloc(ncap, sizeof *nt);
        if (!nt)
            abort();
        for (uint32_t i = 0; i < in->icap; i++) {
            StrObj *o = in->istr[i];
            if (!o)
                continue;
            uint32_t j = (uint32_t)str_hash(o) & (ncap - 1);
            while (nt[j])
                j = (j + 1) & (ncap - 1);
            nt[j] = o;
        }
        free(in->istr);
        in->istr = nt;
        in->icap = ncap;
    }
    uint64_t h = raw_hash(s, len);
    uint32_t j = (uint32_t)h & (in->icap - 1);
    for (StrObj *o; (o = in->istr[j]); j = (j + 1) & (in->icap - 1))
        if ((uint64_t)o->hash == h && (size_t)o->len == len && memcmp(o->s, s, len) == 0)
            return o;
    VmThread tmp = { .in = in };
    int64_t cap = in->mem_cap;
    in->mem_cap = INT64_MAX;
    StrObj *o = str_alloc(&tmp, s, len);
    in->mem_cap = cap;
    if (!o)
        abort();
    o->hash = (int64_t)h;
    o->interned = true;
    in->istr[j] = o;       /* the table holds the creation reference */
    in->in++;
    return o;
}

void str_interns_free(Interp *in)
{
    free(in->istr);
    in->istr = NULL;
    in->icap = in->in = 0;
}

int64_t str_cp_offset(StrObj *s, int64_t cp)
{
    if (s->ncp == s->len)
        return cp;
    int64_t i = 0;
    while (cp > 0 && i < s->len) {
        i++;
        while (i < s->len && ((unsigned char)s->s[i] & 0xC0) == 0x80)
            i++;
        cp--;
    }
    return i;
}

Value str_char_at(VmThread *ts, StrObj *s, int64_t i)
{
    if (i < 0)
        i += s->ncp;
    if (i < 0 || i >= s->ncp)
        return vm_raise(ts, EXC_IndexError, "string index out of range");
    int64_t a = str_cp_offset(s, i), b = a + 1;
    while (b < s->len && ((unsigned char)s->s[b] & 0xC0) == 0x80)
        b++;
    return str_new(ts, s->s + a, (size_t)(b - a));
}

Value str_slice(VmThread *ts, StrObj *s, int64_t lo, int64_t hi, int64_t step)
{
    if (step == 1) {
        if (hi <= lo)
            return str_new(ts, "", 0);
        int64_t a = str_cp_offset(s, lo), b = str_cp_offset(s, hi);
        return str_new(ts, s->s + a, (size_t)(b - a));
    }
    StrBuf sb;
    sb_init(&sb);
    for (int64_t i = lo; step > 0 ? i < hi : i > hi; i += step) {
        int64_t a = str_cp_offset(s, i), b = a + 1;
        while (b < s->len && ((unsigned char)s->s[b] & 0xC0) == 0x80)
            b++;
        sb_append(&sb, s->s + a, (size_t)(b - a));
    }
    Value r = str_new(ts, sb.buf ? sb.buf : "", sb.len);
    sb_free(&sb);
    return r;
}

Value str_concat(VmThread *ts, StrObj *a, StrObj *b)
{
    if (a->len == 0) { b->h.rc++; return vobj(b); }
    if (b->len == 0) { a->h.rc++; return vobj(a); }
    StrObj *o = str_alloc(ts, NULL, (size_t)(a->len + b->len));
    if (!o)
        return VEXC;
    memcpy(o->s, a->s, (size_t)a->len);
    memcpy(o->s + a->len, b->s, (size_t)b->len);
    o->ncp = a->ncp + b->ncp;
    return vobj(o);
}

Value str_repeat(VmThread *ts, StrObj *a, int64_t n)
{
    if (n <= 0 || a->len == 0)
        return str_new(ts, "", 0);
    if (a->len > INT64_MAX / n || a->len * n > ((int64_t)1 << 40))
        return vm_raise(ts, EXC_MemoryError, "repeated string is too long");
    if (vm_mem_charge(ts, a->len * n) < 0)
        return VEXC;
    vm_mem_charge(ts, -(a->len * n));
    StrObj *o = str_alloc(ts, NULL, (size_t)(a->len * n));
    if (!o)
        return VEXC;
    for (int64_t i = 0; i < n; i++)
        memcpy(o->s + i * a->len, a->s, (size_t)a->len);
    o->ncp = a->ncp * n;
    return vobj(o);
}

int str_contains(StrObj *hay, StrObj *needle)
{
    if (needle->len == 0)
        return 1;
    return memmem(hay->s, (size_t)hay->len, needle->s, (size_t)needle->len) != NULL;
}

/* Code points CPython's str.isprintable() rejects beyond Latin-1's C1
 * range: separators and format characters lessons could plausibly contain. */
static bool cp_unprintable(uint32_t c)
{
    static const uint32_t ranges[][2] = {
        { 0x80, 0xA0 }, { 0xAD, 0xAD }, { 0x600, 0x605 }, { 0x61C, 0x61C }, { 0x6DD, 0x6DD },
        { 0x70F, 0x70F }, { 0x1680, 0x1680 }, { 0x180E, 0x180E }, { 0x2000, 0x200F },
        { 0x2028, 0x202F }, { 0x205F, 0x2064 }, { 0x2066, 0x206F }, { 0x3000, 0x3000 },
        { 0xD800, 0xF8FF }, { 0xFEFF, 0xFEFF }, { 0xFFF9, 0xFFFB }, { 0xFFFE, 0xFFFF },
        { 0x110BD, 0x110BD }, { 0x1D173, 0x1D17A }, { 0xE0000, 0xE0FFF }, { 0xF0000, 0x10FFFF },
    };
    for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++)
        if (c >= ranges[i][0] && c <= ranges[i][1])
            return true;
    return false;
}

/* repr of a str: CPython picks single quotes unless the text has a single
 * quote and no double quote, and escapes what is not printable. */
void str_repr_into(void *sbv, const char *s, size_t len)
{
    StrBuf *sb = sbv;
    bool sq = memchr(s, '\'', len) != NULL, dq = memchr(s, '"', len) != NULL;
    char q = (sq && !dq) ? '"' : '\'';
    sb_putc(sb, q);
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if (c == (unsigned char)q || c == '\\') {
                sb_putc(sb, '\\');
                sb_putc(sb, (char)c);
            } else if (c == '\n') {
                sb_puts(sb, "\\n");
            } else if (c == '\r') {
                sb_puts(sb, "\\r");
            } else if (c == '\t') {
                sb_puts(sb, "\\t");
            } else if (c < 0x20 || c == 0x7f) {
                sb_printf(sb, "\\x%02x", c);
            } else {
                sb_putc(sb, (char)c);
            }
            i++;
            continue;
        }
        size_t n = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        if (i + n > len)
            n = len - i;
        uint32_t cp = n == 2 ? (c & 0x1Fu) : n == 3 ? (c & 0x0Fu) : (c & 0x07u);
        for (size_t k = 1; k < n; k++)
            cp = (cp << 6) | ((unsigned char)s[i + k] & 0x3Fu);
        if (cp_unprintable(cp)) {
            if (cp < 0x100)
                sb_printf(sb, "\\x%02x", (unsigned)cp);
            else if (cp < 0x10000)
                sb_printf(sb, "\\u%04x", (unsigned)cp);
            else
                sb_printf(sb, "\\U%08x", (unsigned)cp);
        } else {
            sb_append(sb, s + i, n);
        }
        i += n;
    }
    sb_putc(sb, q);
}
