/* The lesson header parser.
 *
 * Why the raw text and not Module.docstring: `parlab --list` reads every
 * lesson's header, and must stay fast and keep working when a lesson (or
 * the interpreter) has a bug further down; parsing the whole file for one
 * docstring would make a syntax error on line 80 hide the lesson from the
 * menu.  The docstring of a lesson is simple enough to find by hand: it
 * opens the file (after blank lines and comments), in triple quotes, and we
 * decode the escapes a narration may use (\\ \" \' \n \t).  The front end
 * still parses the same docstring properly when the lesson runs.
 */
#include "lesson/lesson.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *lesson_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fprintf(stderr, "parlab: out of memory\n");
        abort();
    }
    return q;
}

static char *lesson_strndup(const char *s, size_t n)
{
    char *d = lesson_xrealloc(NULL, n + 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

static int lesson_diag(Diag *d, const char *file, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static int lesson_diag(Diag *d, const char *file, int line, int col, const char *fmt, ...)
{
    if (!d)
        return -1;
    d->file = file;
    d->line = line;
    d->col = col;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(d->msg, sizeof d->msg, fmt, ap);
    va_end(ap);
    return -1;
}

/* Length of the valid UTF-8 sequence at s, or 0 when it is not one. */
static size_t utf8_valid_len(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    size_t len;
    uint32_t cp, min;
    if (c < 0x80)
        return 1;
    if ((c & 0xE0) == 0xC0)
        len = 2, cp = c & 0x1F, min = 0x80;
    else if ((c & 0xF0) == 0xE0)
        len = 3, cp = c & 0x0F, min = 0x800;
    else if ((c & 0xF8) == 0xF0)
        len = 4, cp = c & 0x07, min = 0x10000;
    else
        return 0;
    if (len > n)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

char *lesson_read_file(const char *path, size_t *lenp, Diag *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        lesson_diag(err, path, 0, 0, "%s", strerror(errno));
        return NULL;
    }
    char *buf = lesson_xrealloc(NULL, LESSON_MAX_BYTES + 2);
    size_t len = fread(buf, 1, LESSON_MAX_BYTES + 1, f);
    int rerr = ferror(f) ? errno : 0;
    fclose(f);
    if (rerr || len > LESSON_MAX_BYTES) {
        if (rerr)
            lesson_diag(err, path, 0, 0, "%s", strerror(rerr));
        else
            lesson_diag(err, path, 0, 0, "file too large (a script may have at most %d KiB)",
                        LESSON_MAX_BYTES / 1024);
        free(buf);
        return NULL;
    }
    buf[len] = '\0';
    int line = 1, col = 1;
    for (size_t i = 0; i < len;) {
        size_t k = buf[i] ? utf8_valid_len((unsigned char *)buf + i, len - i) : 0;
        if (k == 0) {
            if (buf[i])
                lesson_diag(err, path, line, col, "invalid UTF-8 (byte 0x%02x); "
                            "save the script as UTF-8 text", (unsigned char)buf[i]);
            else
                lesson_diag(err, path, line, col, "NUL byte in the script; is this a text file?");
            free(buf);
            return NULL;
        }
        if (buf[i] == '\n')
            line++, col = 1;
        else
            col++;
        i += k;
    }
    *lenp = len;
    return buf;
}

/* One line of the docstring, escapes decoded, with its place in the file. */
typedef struct {
    char *text;
    int line;
    int col;       /* column of the line's first character */
} DocLine;

typedef struct {
    DocLine *v;
    int n;
} DocLines;

static void doclines_free(DocLines *dl)
{
    for (int i = 0; i < dl->n; i++)
        free(dl->v[i].text);
    free(dl->v);
}

static void doclines_push(DocLines *dl, const char *s, size_t n, bool raw, int line, int col)
{
    char *t = lesson_xrealloc(NULL, n + 1);
    size_t j = 0;
    static const char from[] = "\\'\"ntr", to[] = "\\'\"\n\t\r";
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\\' && !raw) {
            if (i + 1 == n)
                continue;               /* a line continuation */
            const char *p = strchr(from, s[i + 1]);
            if (p && s[i + 1]) {
                t[j++] = to[p - from];
                i++;
                continue;
            }
        }
        t[j++] = s[i];                  /* unknown escapes stay as written, as in Python */
    }
    t[j] = '\0';
    dl->v = lesson_xrealloc(dl->v, (size_t)(dl->n + 1) * sizeof *dl->v);
    dl->v[dl->n++] = (DocLine){ t, line, col };
}

/* Finds the module docstring in src and splits it into lines.  Returns 1
 * when there is one, 0 when there is none, -1 on an unterminated one. */
static int doc_find(const char *path, const char *src, size_t len, DocLines *dl,
                    int *doc_line, Diag *err)
{
    size_t i = 0;
    int line = 1;
    if (len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    for (;;) {                          /* blank lines and comments */
        size_t j = i;
        while (j < len && (src[j] == ' ' || src[j] == '\t' || src[j] == '\f' || src[j] == '\r'))
            j++;
        if (j < len && src[j] == '#')
            while (j < len && src[j] != '\n')
                j++;
        if (j < len && src[j] == '\n') {
            i = j + 1;
            line++;
            continue;
        }
        if (j > i && j < len)           /* indented first statement: not a docstring */
            return 0;
        break;
    }
    bool raw = false;
    size_t start = i;
    while (i < len && src[i] && strchr("rRuU", src[i]) && i - start < 2) {
        if (src[i] == 'r' || src[i] == 'R')
            raw = true;
        i++;
    }
    if (i + 3 > len || (memcmp(src + i, "\"\"\"", 3) != 0 && memcmp(src + i, "'''", 3) != 0))
        return 0;
    char q = src[i];
    *doc_line = line;
    int col = (int)(i - start) + 4;
    i += 3;
    size_t ls = i;
    for (; i < len; i++) {
        if (src[i] == '\\' && i + 1 < len && src[i + 1] != '\n') {
            i++;
            continue;
        }
        if (src[i] == q && i + 2 < len && src[i + 1] == q && src[i + 2] == q) {
            doclines_push(dl, src + ls, i - ls, raw, line, col);
            return 1;
        }
        if (src[i] == '\n') {
            size_t e = i > ls && src[i - 1] == '\r' ? i - 1 : i;
            doclines_push(dl, src + ls, e - ls, raw, line, col);
            ls = i + 1;
            line++;
            col = 1;
        }
    }
    return lesson_diag(err, path, *doc_line, 1, "the docstring that opens the file never ends "
                       "(close it with %c%c%c)", q, q, q);
}

static bool line_blank(const char *s)
{
    for (; *s; s++)
        if (!isspace((unsigned char)*s))
            return false;
    return true;
}

/* `key: value` with key = letter, then letters, digits, '_', '.', '-'. */
static bool header_split(const char *s, size_t *keylen, const char **value)
{
    size_t k = 0;
    if (!isalpha((unsigned char)s[0]))
        return false;
    while (isalnum((unsigned char)s[k]) || s[k] == '_' || s[k] == '.' || s[k] == '-')
        k++;
    if (s[k] != ':' || (s[k + 1] && s[k + 1] != ' ' && s[k + 1] != '\t'))
        return false;
    *keylen = k;
    *value = s + k + 1;
    while (**value == ' ' || **value == '\t')
        (*value)++;
    return true;
}

static char *trimmed_dup(const char *s)
{
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    return lesson_strndup(s, n);
}

/* Joins lines [from, to) without leading and trailing blank lines. */
static char *join_lines(const DocLines *dl, int from, int to)
{
    while (from < to && line_blank(dl->v[from].text))
        from++;
    while (to > from && line_blank(dl->v[to - 1].text))
        to--;
    size_t n = 0;
    for (int i = from; i < to; i++)
        n += strlen(dl->v[i].text) + 1;
    char *s = lesson_xrealloc(NULL, n + 1), *p = s;
    for (int i = from; i < to; i++) {
        size_t k = strlen(dl->v[i].text);
        memcpy(p, dl->v[i].text, k);
        p += k;
        if (i + 1 < to)
            *p++ = '\n';
    }
    *p = '\0';
    return s;
}

/* Checks on the value of a header the project knows. */
static int header_apply(Lesson *l, const LessonHeader *h, int col, const char *path, Diag *err)
{
    if (!strcmp(h->key, "section")) {
        if (!lesson_is_section(h->value))
            return lesson_diag(err, path, h->line, col, "section '%s' is not a section number "
                               "(write it like 2.3, 3 or A.1)", h->value);
        l->section = h->value;
    } else if (!strcmp(h->key, "title")) {
        if (!h->value[0])
            return lesson_diag(err, path, h->line, col, "the title is empty");
        l->title = h->value;
    } else if (!strcmp(h->key, "title.vi")) {
        l->title_vi = h->value;
    } else if (!strcmp(h->key, "order")) {
        if (strcmp(h->value, "fixed") && strcmp(h->value, "free"))
            return lesson_diag(err, path, h->line, col, "order must be 'fixed' or 'free', "
                               "not '%s'", h->value);
        l->order = !strcmp(h->value, "fixed") ? LESSON_ORDER_FIXED : LESSON_ORDER_FREE;
    }
    return 0;
}

/* Reads the header block at dl->v[*at...]; leaves *at on the narration.
 * Without strictness a block that is not all `key: value` is narration. */
static int headers_read(Lesson *l, const DocLines *dl, int *at, bool strict,
                        const char *path, Diag *err)
{
    int i = *at, end = i;
    size_t kl;
    const char *val;
    while (end < dl->n && !line_blank(dl->v[end].text))
        end++;
    if (i == end || !header_split(dl->v[i].text, &kl, &val))
        return 0;
    for (int k = i; k < end; k++) {
        if (!header_split(dl->v[k].text, &kl, &val)) {
            if (!strict)
                return 0;
            return lesson_diag(err, path, dl->v[k].line, dl->v[k].col,
                               "expected 'key: value' in the lesson header; "
                               "end the header with a blank line before the narration");
        }
    }
    for (int k = i; k < end; k++) {
        const DocLine *d = &dl->v[k];
        header_split(d->text, &kl, &val);
        for (int j = 0; j < l->nheaders; j++)
            if (strlen(l->headers[j].key) == kl && !strncmp(l->headers[j].key, d->text, kl))
                return lesson_diag(err, path, d->line, d->col, "header '%.*s' given twice "
                                   "(first on line %d)", (int)kl, d->text, l->headers[j].line);
        l->headers = lesson_xrealloc(l->headers, (size_t)(l->nheaders + 1) * sizeof *l->headers);
        LessonHeader *h = &l->headers[l->nheaders++];
        h->key = lesson_strndup(d->text, kl);
        h->value = trimmed_dup(val);
        h->line = d->line;
        if (header_apply(l, h, d->col + (int)(val - d->text), path, err) < 0)
            return -1;
    }
    *at = end;
    return 0;
}

static char *title_from_path(const char *path)
{
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    size_t n = strlen(b);
    if (n > 3 && !strcmp(b + n - 3, ".py"))
        n -= 3;
    return lesson_strndup(b, n);
}

int lesson_parse(const char *path, const char *src, size_t len, bool strict,
                 Lesson *l, Diag *err)
{
    memset(l, 0, sizeof *l);
    l->path = lesson_strndup(path, strlen(path));
    DocLines dl = { NULL, 0 };
    int found = doc_find(path, src, len, &dl, &l->doc_line, err);
    int rc = found < 0 ? -1 : 0;
    int at = 0;
    if (found > 0) {
        if (dl.n > 0 && line_blank(dl.v[0].text))
            at = 1;                      /* the usual newline after the quotes */
        rc = headers_read(l, &dl, &at, strict, path, err);
    }
    if (rc == 0 && strict && (!l->section || !l->title)) {
        rc = lesson_diag(err, path, l->doc_line ? l->doc_line : 1, 1,
                         "a lesson needs '%s' in its docstring header (the first lines of "
                         "the docstring that opens the file, e.g. 'section: 2.3' and "
                         "'title: Thread lock')", !l->section ? "section: N" : "title: TEXT");
    }
    if (rc == 0) {
        int vi = dl.n;
        for (int k = at; k < dl.n; k++) {
            char *t = trimmed_dup(dl.v[k].text);
            bool mark = !strcmp(t + strspn(t, " \t"), "[vi]");
            free(t);
            if (mark) {
                vi = k;
                break;
            }
        }
        l->narration_en = join_lines(&dl, at, vi);
        l->narration_vi = join_lines(&dl, vi < dl.n ? vi + 1 : dl.n, dl.n);
        /* Header fields point into headers[]; titles get their own copies. */
        l->section = l->section ? lesson_strndup(l->section, strlen(l->section)) : NULL;
        l->title = l->title ? lesson_strndup(l->title, strlen(l->title)) : title_from_path(path);
        l->title_vi = l->title_vi ? lesson_strndup(l->title_vi, strlen(l->title_vi)) : NULL;
    } else {
        l->section = l->title = l->title_vi = NULL;
    }
    doclines_free(&dl);
    if (rc < 0)
        lesson_free(l);
    return rc;
}

const char *lesson_header(const Lesson *l, const char *key)
{
    for (int i = 0; i < l->nheaders; i++)
        if (!strcmp(l->headers[i].key, key))
            return l->headers[i].value;
    return NULL;
}

const char *lesson_title(const Lesson *l, const char *lang)
{
    if (lang && !strcmp(lang, "vi") && l->title_vi && l->title_vi[0])
        return l->title_vi;
    return l->title;
}

bool lesson_is_section(const char *s)
{
    /* parts separated by '.', each all digits or one letter; a letter only first */
    if (!s || !*s)
        return false;
    for (int part = 0;; part++) {
        if (isdigit((unsigned char)*s)) {
            while (isdigit((unsigned char)*s))
                s++;
        } else if (part == 0 && isupper((unsigned char)*s) && s[1] == '.') {
            s++;
        } else {
            return false;
        }
        if (!*s)
            return true;
        if (*s != '.' || !s[1])
            return false;
        s++;
    }
}

int lesson_section_cmp(const char *a, const char *b)
{
    while (*a && *b) {
        bool da = isdigit((unsigned char)*a), db = isdigit((unsigned char)*b);
        if (da != db)
            return da ? -1 : 1;
        if (da) {
            while (*a == '0' && isdigit((unsigned char)a[1]))
                a++;
            while (*b == '0' && isdigit((unsigned char)b[1]))
                b++;
            size_t na = strspn(a, "0123456789"), nb = strspn(b, "0123456789");
            if (na != nb)
                return na < nb ? -1 : 1;
            int c = strncmp(a, b, na);
            if (c)
                return c < 0 ? -1 : 1;
            a += na, b += nb;
        } else {
            if (*a != *b)
                return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
            a++, b++;
        }
    }
    return *a ? 1 : *b ? -1 : 0;
}

void lesson_free(Lesson *l)
{
    free(l->path);
    free(l->section);
    free(l->title);
    free(l->title_vi);
    free(l->narration_en);
    free(l->narration_vi);
    for (int i = 0; i < l->nheaders; i++) {
        free(l->headers[i].key);
        free(l->headers[i].value);
    }
    free(l->headers);
    memset(l, 0, sizeof *l);
}
