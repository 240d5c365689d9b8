/* str.format and the value side of format specs (f-strings call
 * vm_format_value too).  The spec mini-language itself is format.c's. */
#include <string.h>

#include "vm/format.h"
#include "vm/interp.h"

/* format(v, spec) appended to sb; 0 or -1 with an exception pending. */
int vm_format_value(VmThread *ts, void *sbv, Value v, const char *spec, size_t speclen)
{
    StrBuf *sb = sbv;
    if (speclen == 0)
        return v_str_into(ts, sb, v);
    FmtSpec fs;
    char err[160];
    if (fmt_spec_parse(spec, speclen, &fs, err, sizeof err) < 0) {
        vm_raise(ts, EXC_ValueError, "%s", err);
        return -1;
    }
    int rc;
    if (v.tag == V_INT || v.tag == V_BOOL) {
        if (fs.type && strchr("eEfFgG%", fs.type)) {
            rc = fmt_spec_float(sb, (double)v.u.i, &fs, err, sizeof err);
        } else {
            rc = fmt_spec_int(sb, v.u.i, &fs, err, sizeof err);
        }
    } else if (v.tag == V_FLOAT) {
        rc = fmt_spec_float(sb, v.u.f, &fs, err, sizeof err);
    } else if (v_is(v, K_STR)) {
        rc = fmt_spec_str(sb, V_STR(v)->s, (size_t)V_STR(v)->len, &fs, err, sizeof err);
    } else {
        if (fs.type == 0 || fs.type == 's') {
            Value s = v_str(ts, v);
            if (s.tag == V_EXC)
                return -1;
            rc = fmt_spec_str(sb, V_STR(s)->s, (size_t)V_STR(s)->len, &fs, err, sizeof err);
            v_decref(ts->in, s);
            /* CPython refuses a non-empty spec for plain objects */
            if (v.tag == V_NONE || v_is(v, K_INST) || v_is(v, K_LIST) || v_is(v, K_TUPLE)) {
                vm_raise(ts, EXC_TypeError, "unsupported format string passed to %s.__format__",
                         v_typename(ts->in, v));
                return -1;
            }
        } else {
            vm_raise(ts, EXC_TypeError, "unsupported format string passed to %s.__format__",
                     v_typename(ts->in, v));
            return -1;
        }
    }
    if (rc < 0) {
        vm_raise(ts, EXC_ValueError, "%s", err);
        return -1;
    }
    return 0;
}

static bool is_digits(const char *s, size_t n)
{
    if (n == 0)
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

/* Resolves a field name ("", "0", "name", "0.attr", "name[1]") to a new reference. */
static Value field_value(VmThread *ts, const char *f, size_t n, Value *args, int nargs,
                         const VmKw *kw, int *autoidx)
{
    size_t head = 0;
    while (head < n && f[head] != '.' && f[head] != '[')
        head++;
    Value v;
    if (head == 0 || is_digits(f, head)) {
        int64_t idx;
        if (head == 0) {
            if (*autoidx < 0)
                return vm_raise(ts, EXC_ValueError, "cannot switch from manual field specification to automatic field numbering");
            idx = (*autoidx)++;
        } else {
            if (*autoidx > 0)
                return vm_raise(ts, EXC_ValueError, "cannot switch from automatic field numbering to manual field specification");
            *autoidx = -1;
            idx = 0;
            for (size_t i = 0; i < head; i++)
                idx = idx * 10 + (f[i] - '0');
        }
        if (idx >= nargs)
            return vm_raise(ts, EXC_IndexError, "Replacement index %lld out of range for positional args tuple", (long long)idx);
        v = args[idx];
        v_incref(v);
    } else {
        StrObj *name = str_intern(ts->in, f, head);
        int k = kw ? vm_kw_find(kw, name) : -1;
        if (k < 0) {
            Value key = str_new(ts, f, head);
            if (key.tag == V_EXC)
                return VEXC;
            Value e = exc_new(ts, ts->in->exc[EXC_KeyError], &key, 1);
            v_decref(ts->in, key);
            return e.tag == V_EXC ? e : vm_raise_value(ts, e);
        }
        v = kw->vals[k];
        v_incref(v);
    }
    size_t i = head;
    while (i < n) {
        if (f[i] == '.') {
            size_t j = ++i;
            while (j < n && f[j] != '.' && f[j] != '[')
                j++;
            Value a = vm_getattr(ts, v, str_intern(ts->in, f + i, j - i));
            v_decref(ts->in, v);
            if (a.tag == V_EXC)
                return VEXC;
            v = a;
            i = j;
        } else {
            size_t j = ++i;
            while (j < n && f[j] != ']')
                j++;
            Value key;
            if (is_digits(f + i, j - i)) {
                int64_t k = 0;
                for (size_t q = i; q < j; q++)
                    k = k * 10 + (f[q] - '0');
                key = vint(k);
            } else {
                key = str_new(ts, f + i, j - i);
            }
            Value a = vm_subscript(ts, v, key);
            v_decref(ts->in, key);
            v_decref(ts->in, v);
            if (a.tag == V_EXC)
                return VEXC;
            v = a;
            i = j + 1;
        }
    }
    return v;
}

static int format_rec(VmThread *ts, StrBuf *sb, const char *s, size_t n, Value *args, int nargs,
                      const VmKw *kw, int *autoidx, int depth);

static int format_field(VmThread *ts, StrBuf *sb, const char *f, size_t n, Value *args, int nargs,
                        const VmKw *kw, int *autoidx, int depth)
{
    size_t end = 0;
    int bracket = 0;
    while (end < n && ((f[end] != '!' && f[end] != ':') || bracket)) {
        if (f[end] == '[') bracket = 1;
        else if (f[end] == ']') bracket = 0;
        end++;
    }
    char conv = 0;
    size_t specstart = end;
    if (end < n && f[end] == '!') {
        if (end + 1 >= n || (end + 2 < n && f[end + 2] != ':')) {
            vm_raise(ts, EXC_ValueError, "expected ':' after conversion specifier");
            return -1;
        }
        conv = f[end + 1];
        specstart = end + 2;
    }
    Value v = field_value(ts, f, end, args, nargs, kw, autoidx);
    if (v.tag == V_EXC)
        return -1;
    if (conv == 'r' || conv == 'a' || conv == 's') {
        Value c = conv == 's' ? v_str(ts, v) : v_repr(ts, v);
        v_decref(ts->in, v);
        if (c.tag == V_EXC)
            return -1;
        v = c;
    } else if (conv) {
        v_decref(ts->in, v);
        vm_raise(ts, EXC_ValueError, "Unknown conversion specifier %c", conv);
        return -1;
    }
    const char *spec = "";
    size_t speclen = 0;
    StrBuf nested;
    sb_init(&nested);
    if (specstart < n && f[specstart] == ':') {
        spec = f + specstart + 1;
        speclen = n - specstart - 1;
        if (memchr(spec, '{', speclen)) {
            if (format_rec(ts, &nested, spec, speclen, args, nargs, kw, autoidx, depth + 1) < 0) {
                v_decref(ts->in, v);
                sb_free(&nested);
                return -1;
            }
            spec = nested.buf ? nested.buf : "";
            speclen = nested.len;
        }
    }
    int rc = vm_format_value(ts, sb, v, spec, speclen);
    sb_free(&nested);
    v_decref(ts->in, v);
    return rc;
}

static int format_rec(VmThread *ts, StrBuf *sb, const char *s, size_t n, Value *args, int nargs,
                      const VmKw *kw, int *autoidx, int depth)
{
    if (depth > 2) {
        vm_raise(ts, EXC_ValueError, "Max string recursion exceeded");
        return -1;
    }
    size_t i = 0;
    while (i < n) {
        char c = s[i];
        if (c == '{' && i + 1 < n && s[i + 1] == '{') {
            sb_putc(sb, '{');
            i += 2;
        } else if (c == '}' && i + 1 < n && s[i + 1] == '}') {
            sb_putc(sb, '}');
            i += 2;
        } else if (c == '}') {
            vm_raise(ts, EXC_ValueError, "Single '}' encountered in format string");
            return -1;
        } else if (c == '{') {
            size_t j = i + 1;
            int level = 1;
            while (j < n) {
                if (s[j] == '{') level++;
                else if (s[j] == '}' && --level == 0) break;
                j++;
            }
            if (j >= n) {
                vm_raise(ts, EXC_ValueError, "Single '{' encountered in format string");
                return -1;
            }
            if (format_field(ts, sb, s + i + 1, j - i - 1, args, nargs, kw, autoidx, depth) < 0)
                return -1;
            i = j + 1;
        } else {
            sb_putc(sb, c);
            i++;
        }
    }
    return 0;
}

Value str_format(VmThread *ts, StrObj *fmt, Value *args, int nargs, const VmKw *kw)
{
    StrBuf sb;
    sb_init(&sb);
    int autoidx = 0;
    Value r = VEXC;
    if (format_rec(ts, &sb, fmt->s, (size_t)fmt->len, args, nargs, kw, &autoidx, 0) == 0)
        r = str_new(ts, sb.buf ? sb.buf : "", sb.len);
    sb_free(&sb);
    return r;
}

/* printf-style `str % args`: the conversions lessons use (s r d i f F e E
 * g G x X o c %), with flags, width and precision, mapped onto format.c's
 * spec formatting. */
Value str_percent(VmThread *ts, StrObj *fmt, Value args)
{
    Value *items = &args;
    int64_t nitems = 1, next = 0;
    if (v_is(args, K_TUPLE)) {
        items = V_TUPLE(args)->items;
        nitems = V_TUPLE(args)->len;
    }
    StrBuf sb;
    sb_init(&sb);
    const char *s = fmt->s, *end = fmt->s + fmt->len;
    char err[160];
    while (s < end) {
        if (*s != '%') {
            sb_putc(&sb, *s++);
            continue;
        }
        const char *start = s++;
        FmtSpec fs;
        memset(&fs, 0, sizeof fs);
        fs.fill[0] = ' ';
        fs.width = fs.precision = -1;
        bool left = false, zero = false;
        for (; s < end && strchr("-+ 0#", *s); s++) {
            if (*s == '-') left = true;
            else if (*s == '0') zero = true;
            else if (*s == '#') fs.alt = true;
            else if (fs.sign != '+') fs.sign = *s;
        }
        int *dst[2] = { &fs.width, &fs.precision };
        for (int k = 0; k < 2; k++) {
            if (k == 1) {
                if (s >= end || *s != '.')
                    break;
                s++;
                fs.precision = 0;
            }
            if (s < end && *s == '*') {
                s++;
                if (next >= nitems || items[next].tag != V_INT) {
                    sb_free(&sb);
                    return vm_raise(ts, EXC_TypeError, next >= nitems ? "not enough arguments for format string"
                                                                      : "* wants int");
                }
                *dst[k] = (int)items[next++].u.i;
            } else {
                if (k == 0 && (s >= end || *s < '0' || *s > '9'))
                    continue;
                int n = 0;
                while (s < end && *s >= '0' && *s <= '9')
                    n = n * 10 + (*s++ - '0');
                *dst[k] = n;
            }
        }
        if (s >= end) {
            sb_free(&sb);
            return vm_raise(ts, EXC_ValueError, "incomplete format");
        }
        char conv = *s++;
        if (conv == '%') {
            sb_putc(&sb, '%');
            continue;
        }
        if (!strchr("srdifFeEgGxXoca", conv)) {
            sb_free(&sb);
            return vm_raise(ts, EXC_ValueError, "unsupported format character '%c' (0x%x) at index %d",
                            conv, (unsigned char)conv, (int)(s - 1 - fmt->s));
        }
        (void)start;
        if (next >= nitems) {
            sb_free(&sb);
            return vm_raise(ts, EXC_TypeError, "not enough arguments for format string");
        }
        Value v = items[next++];
        if (fs.width < 0)
            fs.width = -1;
        fs.align = left ? '<' : '>';
        int rc = 0;
        if (strchr("sra", conv)) {
            Value t = conv == 's' ? v_str(ts, v) : v_repr(ts, v);
            if (t.tag == V_EXC) {
                sb_free(&sb);
                return VEXC;
            }
            rc = fmt_spec_str(&sb, V_STR(t)->s, (size_t)V_STR(t)->len, &fs, err, sizeof err);
            v_decref(ts->in, t);
        } else if (conv == 'c') {
            char b[8];
            size_t n = 0;
            if (v_is(v, K_STR) && V_STR(v)->ncp == 1) {
                n = (size_t)V_STR(v)->len;
                memcpy(b, V_STR(v)->s, n);
            } else if (v.tag == V_INT && v.u.i >= 0 && v.u.i < 128) {
                b[0] = (char)v.u.i;
                n = 1;
            } else {
                sb_free(&sb);
                return vm_raise(ts, EXC_TypeError, "%%c requires int or char");
            }
            fs.precision = -1;
            rc = fmt_spec_str(&sb, b, n, &fs, err, sizeof err);
        } else {
            bool isnum = v.tag == V_INT || v.tag == V_BOOL || v.tag == V_FLOAT;
            if (!isnum || (strchr("xXo", conv) && v.tag == V_FLOAT)) {
                sb_free(&sb);
                if (strchr("xXo", conv))
                    return vm_raise(ts, EXC_TypeError, "%%%c format: an integer is required, not %s", conv,
                                    v_typename(ts->in, v));
                return vm_raise(ts, EXC_TypeError, "%%%c format: a real number is required, not %s", conv,
                                v_typename(ts->in, v));
            }
            if (zero && !left) {
                fs.zero = true;
                fs.align = '=';
                fs.fill[0] = '0';
            }
            if (conv == 'd' || conv == 'i' || strchr("xXo", conv)) {
                fs.type = conv == 'i' ? 'd' : conv;
                int64_t iv;
                if (v.tag == V_FLOAT) {
                    if (v.u.f != v.u.f || v.u.f >= 9.2e18 || v.u.f <= -9.2e18) {
                        sb_free(&sb);
                        return vm_raise(ts, EXC_OverflowError, "cannot convert float to integer");
                    }
                    iv = (int64_t)v.u.f;
                } else {
                    iv = v.u.i;
                }
                if (fs.precision >= 0 && fs.type == 'd') {
                    /* %.3d pads the digits with zeros */
                    uint64_t mag = iv < 0 ? 0 - (uint64_t)iv : (uint64_t)iv;
                    StrBuf num;
                    sb_init(&num);
                    if (iv < 0)
                        sb_putc(&num, '-');
                    else if (fs.sign == '+' || fs.sign == ' ')
                        sb_putc(&num, fs.sign);
                    sb_printf(&num, "%0*llu", fs.precision > 200 ? 200 : fs.precision, (unsigned long long)mag);
                    fs.precision = -1;
                    fs.type = 0;
                    fs.sign = 0;
                    rc = fmt_spec_str(&sb, num.buf, num.len, &fs, err, sizeof err);
                    sb_free(&num);
                } else {
                    fs.precision = -1;
                    rc = fmt_spec_int(&sb, iv, &fs, err, sizeof err);
                }
            } else {
                fs.type = conv;
                if (fs.precision < 0)
                    fs.precision = 6;
                rc = fmt_spec_float(&sb, v.tag == V_FLOAT ? v.u.f : (double)v.u.i, &fs, err, sizeof err);
            }
        }
        if (rc < 0) {
            sb_free(&sb);
            return vm_raise(ts, EXC_ValueError, "%s", err);
        }
    }
    if (next < nitems) {
        sb_free(&sb);
        return vm_raise(ts, EXC_TypeError, "not all arguments converted during string formatting");
    }
    Value r = str_new(ts, sb.buf ? sb.buf : "", sb.len);
    sb_free(&sb);
    return r;
}
