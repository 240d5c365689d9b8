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
