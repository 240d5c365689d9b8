/* Methods of str, registered into the str class by types_init. */
#include <ctype.h>
#include <string.h>

#include "vm/format.h"
#include "vm/interp.h"

#define SELF V_STR(args[0])

static Value sb_result(VmThread *ts, StrBuf *sb)
{
    Value r = str_new(ts, sb->buf ? sb->buf : "", sb->len);
    sb_free(sb);
    return r;
}

static int want_str(VmThread *ts, Value v, const char *fn, int argn)
{
    if (v_is(v, K_STR))
        return 0;
    vm_raise(ts, EXC_TypeError, "%s arg %d must be str, not %s", fn, argn, v_typename(ts->in, v));
    return -1;
}

/* Simple case mapping for the scripts lessons use: Latin-1, Latin
 * Extended-A, the Vietnamese letters, Greek and Cyrillic. */
static uint32_t case_map(uint32_t c, bool upper)
{
    if (c < 128)
        return (uint32_t)(upper ? toupper((int)c) : tolower((int)c));
    if (upper) {
        if ((c >= 0xE0 && c <= 0xFE && c != 0xF7) || (c >= 0x3B1 && c <= 0x3C9 && c != 0x3C2) || (c >= 0x430 && c <= 0x44F))
            return c - 0x20;
        if (c == 0x3C2) return 0x3A3;
        if (c == 0xFF) return 0x178;
        if (c >= 0x450 && c <= 0x45F) return c - 0x50;
        if (c == 0x1A1 || c == 0x1B0) return c - 1;
        if (((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177) || (c >= 0x1E00 && c <= 0x1EFF)) && (c & 1))
            return c - 1;
        if (((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) && !(c & 1))
            return c - 1;
    } else {
        if ((c >= 0xC0 && c <= 0xDE && c != 0xD7) || (c >= 0x391 && c <= 0x3A9 && c != 0x3A2) || (c >= 0x410 && c <= 0x42F))
            return c + 0x20;
        if (c == 0x178) return 0xFF;
        if (c >= 0x400 && c <= 0x40F) return c + 0x50;
        if (c == 0x1A0 || c == 0x1AF) return c + 1;
        if (((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177) || (c >= 0x1E00 && c <= 0x1EFF)) && !(c & 1))
            return c + 1;
        if (((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) && (c & 1))
            return c + 1;
    }
    return c;
}

static void put_cp(StrBuf *sb, uint32_t c)
{
    if (c < 0x80) {
        sb_putc(sb, (char)c);
    } else if (c < 0x800) {
        sb_putc(sb, (char)(0xC0 | (c >> 6)));
        sb_putc(sb, (char)(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
        sb_putc(sb, (char)(0xE0 | (c >> 12)));
        sb_putc(sb, (char)(0x80 | ((c >> 6) & 0x3F)));
        sb_putc(sb, (char)(0x80 | (c & 0x3F)));
    } else {
        sb_putc(sb, (char)(0xF0 | (c >> 18)));
        sb_putc(sb, (char)(0x80 | ((c >> 12) & 0x3F)));
        sb_putc(sb, (char)(0x80 | ((c >> 6) & 0x3F)));
        sb_putc(sb, (char)(0x80 | (c & 0x3F)));
    }
}

/* Decodes the code point at s[*i] and advances *i. */
static uint32_t next_cp(const StrObj *s, int64_t *i)
{
    const unsigned char *p = (const unsigned char *)s->s + *i;
    int n = p[0] < 0x80 ? 1 : p[0] < 0xE0 ? 2 : p[0] < 0xF0 ? 3 : 4;
    if (*i + n > s->len)
        n = 1;
    uint32_t c = n == 1 ? p[0] : n == 2 ? (p[0] & 0x1Fu) : n == 3 ? (p[0] & 0x0Fu) : (p[0] & 0x07u);
    for (int k = 1; k < n; k++)
        c = (c << 6) | (p[k] & 0x3Fu);
    *i += n;
    return c;
}

static Value str_case(VmThread *ts, StrObj *s, int how)    /* 0 lower, 1 upper, 2 capitalize */
{
    StrBuf sb;
    sb_init(&sb);
    for (int64_t i = 0; i < s->len;) {
        bool first = i == 0;
        uint32_t c = next_cp(s, &i);
        put_cp(&sb, case_map(c, how == 1 || (how == 2 && first)));
    }
    return sb_result(ts, &sb);
}

static Value str_m_upper_lower(VmThread *ts, Value *args, int nargs, bool upper)
{
    return str_case(ts, SELF, upper ? 1 : 0);
}

static Value str_m_upper(VmThread *ts, Value *a, int n, const VmKw *kw)
{
    if (vm_args_check(ts, "upper", n - 1, 0, 0, kw) < 0) return VEXC;
    return str_m_upper_lower(ts, a, n, true);
}

static Value str_m_lower(VmThread *ts, Value *a, int n, const VmKw *kw)
{
    if (vm_args_check(ts, "lower", n - 1, 0, 0, kw) < 0) return VEXC;
    return str_m_upper_lower(ts, a, n, false);
}

static Value str_m_join(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    if (vm_args_check(ts, "join", nargs - 1, 1, 1, kw) < 0)
        return VEXC;
    Value it = args[1];
    if (it.tag != V_OBJ || it.u.o->kind == K_FUNC || it.u.o->kind == K_CLASS || it.u.o->kind == K_BUILTIN
        || it.u.o->kind == K_MODULE)
        return vm_raise(ts, EXC_TypeError, "can only join an iterable");
    Value seq = list_from_iterable(ts, it);
    if (seq.tag == V_EXC)
        return VEXC;
    ListObj *l = V_LIST(seq);
    StrBuf sb;
    sb_init(&sb);
    for (int64_t i = 0; i < l->len; i++) {
        if (!v_is(l->items[i], K_STR)) {
            vm_raise(ts, EXC_TypeError, "sequence item %lld: expected str instance, %s found",
                     (long long)i, v_typename(ts->in, l->items[i]));
            sb_free(&sb);
            v_decref(ts->in, seq);
            return VEXC;
        }
        if (i)
            sb_append(&sb, SELF->s, (size_t)SELF->len);
        sb_append(&sb, V_STR(l->items[i])->s, (size_t)V_STR(l->items[i])->len);
    }
    v_decref(ts->in, seq);
    return sb_result(ts, &sb);
}

static bool in_chars(unsigned char c, StrObj *chars)
{
    if (!chars)
        return isspace(c) != 0;
    return memchr(chars->s, c, (size_t)chars->len) != NULL;
}

static Value str_strip_impl(VmThread *ts, Value *args, int nargs, const VmKw *kw, int which, const char *fn)
{
    if (vm_args_check(ts, fn, nargs - 1, 0, 1, kw) < 0)
        return VEXC;
    StrObj *chars = NULL;
    if (nargs > 1 && args[1].tag != V_NONE) {
        if (want_str(ts, args[1], fn, 1) < 0)
            return VEXC;
        chars = V_STR(args[1]);
    }
    StrObj *s = SELF;
    int64_t a = 0, b = s->len;
    if (which & 1)
        while (a < b && in_chars((unsigned char)s->s[a], chars))
            a++;
    if (which & 2)
        while (b > a && in_chars((unsigned char)s->s[b - 1], chars))
            b--;
    return str_new(ts, s->s + a, (size_t)(b - a));
}

static Value str_m_strip(VmThread *ts, Value *a, int n, const VmKw *kw) { return str_strip_impl(ts, a, n, kw, 3, "strip"); }
static Value str_m_lstrip(VmThread *ts, Value *a, int n, const VmKw *kw) { return str_strip_impl(ts, a, n, kw, 1, "lstrip"); }
static Value str_m_rstrip(VmThread *ts, Value *a, int n, const VmKw *kw) { return str_strip_impl(ts, a, n, kw, 2, "rstrip"); }

static Value str_m_split(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    Value sepv = nargs > 1 ? args[1] : VNONE, maxv = nargs > 2 ? args[2] : vint(-1);
    if (kw)
        for (int i = 0; i < kw->n; i++) {
            if (!strcmp(kw->names[i]->s, "sep")) sepv = kw->vals[i];
            else if (!strcmp(kw->names[i]->s, "maxsplit")) maxv = kw->vals[i];
            else return vm_raise(ts, EXC_TypeError, "split() got an unexpected keyword argument '%s'", kw->names[i]->s);
        }
    if (nargs > 3)
        return vm_raise(ts, EXC_TypeError, "split() takes at most 2 arguments (%d given)", nargs - 1);
    int64_t maxsplit = maxv.tag == V_INT ? maxv.u.i : -1;
    StrObj *s = SELF;
    ListObj *l = list_new(ts, 4);
    if (!l)
        return VEXC;
    int64_t i = 0, n = s->len;
    if (sepv.tag == V_NONE) {
        while (1) {
            while (i < n && isspace((unsigned char)s->s[i]))
                i++;
            if (i >= n)
                break;
            int64_t j = i;
            if (maxsplit >= 0 && (int64_t)l->len >= maxsplit) {
                j = n;
                while (j > i && isspace((unsigned char)s->s[j - 1]))
                    j--;
            } else {
                while (j < n && !isspace((unsigned char)s->s[j]))
                    j++;
            }
            if (list_append(ts, l, str_new(ts, s->s + i, (size_t)(j - i))) < 0)
                goto fail;
            i = j;
        }
    } else {
        if (want_str(ts, sepv, "split", 1) < 0)
            goto fail;
        StrObj *sep = V_STR(sepv);
        if (sep->len == 0) {
            vm_raise(ts, EXC_ValueError, "empty separator");
            goto fail;
        }
        while (1) {
            const char *p = (maxsplit >= 0 && l->len >= maxsplit) ? NULL
                : memmem(s->s + i, (size_t)(n - i), sep->s, (size_t)sep->len);
            int64_t j = p ? p - s->s : n;
            if (list_append(ts, l, str_new(ts, s->s + i, (size_t)(j - i))) < 0)
                goto fail;
            if (!p)
                break;
            i = j + sep->len;
        }
    }
    return vobj(l);
fail:
    obj_decref(ts->in, &l->h);
    return VEXC;
}

/* startswith/endswith accept a str or a tuple of str. */
static Value str_affix(VmThread *ts, Value *args, int nargs, const VmKw *kw, bool end, const char *fn)
{
    if (vm_args_check(ts, fn, nargs - 1, 1, 1, kw) < 0)
        return VEXC;
    StrObj *s = SELF;
    Value *cands = &args[1];
    int64_t nc = 1;
    if (v_is(args[1], K_TUPLE)) {
        cands = V_TUPLE(args[1])->items;
        nc = V_TUPLE(args[1])->len;
    }
    for (int64_t i = 0; i < nc; i++) {
        if (!v_is(cands[i], K_STR))
            return vm_raise(ts, EXC_TypeError, "%s first arg must be str or a tuple of str, not %s",
                            fn, v_typename(ts->in, cands[i]));
        StrObj *p = V_STR(cands[i]);
        if (p->len <= s->len && memcmp(s->s + (end ? s->len - p->len : 0), p->s, (size_t)p->len) == 0)
            return vbool(true);
    }
    return vbool(false);
}

static Value str_m_startswith(VmThread *ts, Value *a, int n, const VmKw *kw) { return str_affix(ts, a, n, kw, false, "startswith"); }
static Value str_m_endswith(VmThread *ts, Value *a, int n, const VmKw *kw) { return str_affix(ts, a, n, kw, true, "endswith"); }

static Value str_m_replace(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    if (vm_args_check(ts, "replace", nargs - 1, 2, 3, kw) < 0)
        return VEXC;
    if (want_str(ts, args[1], "replace", 1) < 0 || want_str(ts, args[2], "replace", 2) < 0)
        return VEXC;
    int64_t count = nargs > 3 && args[3].tag == V_INT ? args[3].u.i : -1;
    StrObj *s = SELF, *old = V_STR(args[1]), *new = V_STR(args[2]);
    StrBuf sb;
    sb_init(&sb);
    int64_t i = 0;
    while (i <= s->len && count != 0) {
        const char *p;
        if (old->len == 0)
            p = s->s + i;
        else
            p = memmem(s->s + i, (size_t)(s->len - i), old->s, (size_t)old->len);
        if (!p)
            break;
        sb_append(&sb, s->s + i, (size_t)(p - (s->s + i)));
        sb_append(&sb, new->s, (size_t)new->len);
        i = (p - s->s) + old->len;
        if (old->len == 0) {
            if (i < s->len) {
                int64_t j = i + 1;
                while (j < s->len && ((unsigned char)s->s[j] & 0xC0) == 0x80)
                    j++;
                sb_append(&sb, s->s + i, (size_t)(j - i));
                i = j;
            } else {
                i = s->len + 1;
            }
        }
        if (count > 0)
            count--;
    }
    if (i < s->len)
        sb_append(&sb, s->s + i, (size_t)(s->len - i));
    return sb_result(ts, &sb);
}

/* find/count/index work on bytes and report code-point positions. */
static int64_t byte_to_cp(StrObj *s, int64_t b)
{
    int64_t n = 0;
    for (int64_t i = 0; i < b; i++)
        n += ((unsigned char)s->s[i] & 0xC0) != 0x80;
    return n;
}

static Value str_find_impl(VmThread *ts, Value *args, int nargs, const VmKw *kw, int mode, const char *fn)
{
    if (vm_args_check(ts, fn, nargs - 1, 1, 1, kw) < 0 || want_str(ts, args[1], fn, 1) < 0)
        return VEXC;
    StrObj *s = SELF, *sub = V_STR(args[1]);
    if (mode == 2) {                     /* count */
        if (sub->len == 0)
            return vint(s->ncp + 1);
        int64_t n = 0, i = 0;
        const char *p;
        while ((p = memmem(s->s + i, (size_t)(s->len - i), sub->s, (size_t)sub->len))) {
            n++;
            i = (p - s->s) + sub->len;
        }
        return vint(n);
    }
    const char *p = memmem(s->s, (size_t)s->len, sub->s, (size_t)sub->len);
    if (mode == 3) {                     /* rfind */
        p = NULL;
        for (int64_t i = s->len - sub->len; i >= 0; i--)
            if (memcmp(s->s + i, sub->s, (size_t)sub->len) == 0) {
                p = s->s + i;
                break;
            }
    }
    if (!p) {
        if (mode == 1)
            return vm_raise(ts, EXC_ValueError, "substring not found");
        return vint(-1);
    }
    return vint(byte_to_cp(s, p - s->s));
}

static Value str_m_find(VmThread *ts, Value *a, int n, const VmKw *kw) { return str_find_impl(ts, a, n, kw, 0, "find"); }
static Value str_m_index(VmThread *ts, Value *a, int n, const VmKw *kw) { return str_find_impl(ts, a, n, kw, 1, "index"); }
static Value str_m_count(VmThread *ts, Value *a, int n, const VmKw *kw) { return str_find_impl(ts, a, n, kw, 2, "count"); }
static Value str_m_rfind(VmThread *ts, Value *a, int n, const VmKw *kw) { return str_find_impl(ts, a, n, kw, 3, "rfind"); }

static Value str_pad(VmThread *ts, Value *args, int nargs, const VmKw *kw, char how, const char *fn)
{
    if (vm_args_check(ts, fn, nargs - 1, 1, 2, kw) < 0)
        return VEXC;
    if (args[1].tag != V_INT)
        return vm_raise(ts, EXC_TypeError, "'%s' object cannot be interpreted as an integer", v_typename(ts->in, args[1]));
    const char *fill = " ";
    size_t flen = 1;
    if (nargs > 2) {
        if (!v_is(args[2], K_STR) || V_STR(args[2])->ncp != 1)
            return vm_raise(ts, EXC_TypeError, "The fill character must be exactly one character long");
        fill = V_STR(args[2])->s;
        flen = (size_t)V_STR(args[2])->len;
    }
    StrObj *s = SELF;
    int64_t width = args[1].u.i, pad = width - s->ncp;
    if (pad <= 0) {
        s->h.rc++;
        return vobj(s);
    }
    int64_t left = how == '<' ? 0 : how == '>' ? pad : pad / 2 + (pad & width & 1);
    StrBuf sb;
    sb_init(&sb);
    for (int64_t i = 0; i < left; i++)
        sb_append(&sb, fill, flen);
    sb_append(&sb, s->s, (size_t)s->len);
    for (int64_t i = 0; i < pad - left; i++)
        sb_append(&sb, fill, flen);
    return sb_result(ts, &sb);
}

static Value str_m_center(VmThread *ts, Value *a, int n, const VmKw *kw) { return str_pad(ts, a, n, kw, '^', "center"); }
static Value str_m_ljust(VmThread *ts, Value *a, int n, const VmKw *kw) { return str_pad(ts, a, n, kw, '<', "ljust"); }
static Value str_m_rjust(VmThread *ts, Value *a, int n, const VmKw *kw) { return str_pad(ts, a, n, kw, '>', "rjust"); }

static Value str_m_zfill(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    if (vm_args_check(ts, "zfill", nargs - 1, 1, 1, kw) < 0)
        return VEXC;
    if (args[1].tag != V_INT)
        return vm_raise(ts, EXC_TypeError, "'%s' object cannot be interpreted as an integer", v_typename(ts->in, args[1]));
    StrObj *s = SELF;
    int64_t pad = args[1].u.i - s->ncp;
    if (pad <= 0) {
        s->h.rc++;
        return vobj(s);
    }
    StrBuf sb;
    sb_init(&sb);
    int64_t i = 0;
    if (s->len && (s->s[0] == '-' || s->s[0] == '+'))
        sb_putc(&sb, s->s[i++]);
    for (int64_t k = 0; k < pad; k++)
        sb_putc(&sb, '0');
    sb_append(&sb, s->s + i, (size_t)(s->len - i));
    return sb_result(ts, &sb);
}

static Value str_pred(VmThread *ts, Value *args, int nargs, int (*pred)(int))
{
    StrObj *s = SELF;
    if (s->len == 0)
        return vbool(false);
    for (int64_t i = 0; i < s->len; i++)
        if (!pred((unsigned char)s->s[i]))
            return vbool(false);
    return vbool(true);
}

static Value str_m_isdigit(VmThread *ts, Value *a, int n, const VmKw *kw) { return str_pred(ts, a, n, isdigit); }
static Value str_m_isalpha(VmThread *ts, Value *a, int n, const VmKw *kw) { return str_pred(ts, a, n, isalpha); }
static Value str_m_isspace(VmThread *ts, Value *a, int n, const VmKw *kw) { return str_pred(ts, a, n, isspace); }
static Value str_m_isalnum(VmThread *ts, Value *a, int n, const VmKw *kw) { return str_pred(ts, a, n, isalnum); }

static Value str_m_format(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    return str_format(ts, SELF, args + 1, nargs - 1, kw);
}

static Value str_m_capitalize(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    if (vm_args_check(ts, "capitalize", nargs - 1, 0, 0, kw) < 0)
        return VEXC;
    return str_case(ts, SELF, 2);
}

static const VmModFunc str_methods[] = {
    { "upper", str_m_upper }, { "lower", str_m_lower }, { "join", str_m_join },
    { "strip", str_m_strip }, { "lstrip", str_m_lstrip }, { "rstrip", str_m_rstrip },
    { "split", str_m_split }, { "startswith", str_m_startswith }, { "endswith", str_m_endswith },
    { "replace", str_m_replace }, { "find", str_m_find }, { "rfind", str_m_rfind },
    { "index", str_m_index }, { "count", str_m_count }, { "center", str_m_center },
    { "ljust", str_m_ljust }, { "rjust", str_m_rjust }, { "zfill", str_m_zfill },
    { "isdigit", str_m_isdigit }, { "isalpha", str_m_isalpha }, { "isspace", str_m_isspace },
    { "isalnum", str_m_isalnum }, { "format", str_m_format }, { "capitalize", str_m_capitalize },
    { NULL, NULL },
};

void str_methods_init(VmThread *ts, ClassObj *c);
void str_methods_init(VmThread *ts, ClassObj *c)
{
    for (const VmModFunc *m = str_methods; m->name; m++)
        class_add_method(ts, c, m->name, m->fn);
}
