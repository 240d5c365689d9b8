/* String atoms: adjacent literals concatenate; f-strings are split into
 * literal parts and {expr!conv:spec} fields.  A field's expression is lexed
 * again from the original source bytes (lex_tokenize in fexpr mode) so its
 * nodes carry true lines and columns; a spec is itself an f-string body and
 * may hold nested fields.
 */
#include "lang/parser.h"

#include <string.h>

typedef struct {
    const char *body;
    size_t len;
    int line, col;
    int raw;
    size_t at;             /* a cursor: body[at] is at line at_line, at_col */
    int at_line, at_col;
} FSrc;

typedef struct {
    FPart *a;
    int n, cap;
} FVec;

/* The literal text of one string atom, in one arena buffer sized up front:
 * pieces are appended, and a flush turns the pending piece into a part (NUL
 * after it).  So adjacent literals and `{{` cost no copying of what came
 * before, and the whole atom stays linear. */
typedef struct {
    char *buf;
    size_t len, cap, start;
} LitBuf;

static void fvec_push(Parser *p, FVec *v, FPart part)
{
    if (v->n == v->cap) {
        int cap = v->cap ? v->cap * 2 : 4;
        FPart *a = arena_alloc(p->arena, (size_t)cap * sizeof *a);
        if (v->n)
            memcpy(a, v->a, (size_t)v->n * sizeof *a);
        v->a = a;
        v->cap = cap;
    }
    v->a[v->n++] = part;
}

static void lit_append(LitBuf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap)    /* cannot happen: the capacity is a bound */
        n = b->cap - b->len - 1;
    memcpy(b->buf + b->len, s, n);
    b->len += n;
}

static void lit_flush(Parser *p, LitBuf *b, FVec *out)
{
    if (b->len == b->start)
        return;
    FPart part = {0};
    part.text = b->buf + b->start;
    part.len = b->len - b->start;
    fvec_push(p, out, part);
    b->buf[b->len++] = '\0';
    b->start = b->len;
}

/* Line and column of body[off]; offsets mostly grow, so walk from the cursor. */
static void f_pos(FSrc *f, size_t off, int *line, int *col)
{
    if (off < f->at) {
        f->at = 0;
        f->at_line = f->line;
        f->at_col = f->col;
    }
    lex_pos_in(f->body + f->at, off - f->at, f->at_line, f->at_col, &f->at_line, &f->at_col);
    f->at = off;
    *line = f->at_line;
    *col = f->at_col;
}

static _Noreturn void f_fail(Parser *p, FSrc *f, size_t off, const char *msg)
{
    int line, col;
    f_pos(f, off, &line, &col);
    p_fail(p, line, col, "%s", msg);
}

static void f_literal(Parser *p, FSrc *f, size_t a, size_t b, LitBuf *lit)
{
    if (b <= a)
        return;
    if (f->raw) {
        lit_append(lit, f->body + a, b - a);
        return;
    }
    int line, col;
    f_pos(f, a, &line, &col);
    const char *s;
    size_t len;
    if (lex_decode_escapes(p->arena, p->file, f->body + a, b - a, line, col, &s, &len, p->err) < 0)
        longjmp(p->fail, 1);
    lit_append(lit, s, len);
}

/* Where the expression of the field opened at body[i] ends: at a top-level
 * '}', '!' (not '!=') or ':'. */
static size_t f_expr_end(Parser *p, FSrc *f, size_t i)
{
    const char *s = f->body;
    int depth = 0;
    size_t j = i + 1;
    for (;;) {
        if (j >= f->len)
            f_fail(p, f, i, "f-string: expecting '}'");
        char c = s[j];
        if (c == '\\')
            f_fail(p, f, j, "f-string expression part cannot include a backslash");
        if (c == '#')
            f_fail(p, f, j, "f-string expression part cannot include '#'");
        if (c == '\'' || c == '"') {
            int triple = j + 2 < f->len && s[j + 1] == c && s[j + 2] == c;
            size_t k = j + (triple ? 3 : 1);
            while (k < f->len && !(s[k] == c && (!triple || (k + 2 < f->len && s[k + 1] == c &&
                                                              s[k + 2] == c)))) {
                if (s[k] == '\\')
                    f_fail(p, f, k, "f-string expression part cannot include a backslash");
                k++;
            }
            if (k >= f->len)
                f_fail(p, f, j, "f-string: unterminated string");
            j = k + (triple ? 3 : 1);
            continue;
        }
        if (c == '(' || c == '[' || c == '{') {
            depth++;
        } else if (c == ')' || c == ']' || c == '}') {
            if (depth == 0) {
                if (c == '}')
                    return j;
                f_fail(p, f, j, c == ')' ? "f-string: unmatched ')'" : "f-string: unmatched ']'");
            }
            depth--;
        } else if (depth == 0) {
            if ((c == '!' || c == '=' || c == '<' || c == '>') && j + 1 < f->len && s[j + 1] == '=') {
                j += 2;
                continue;
            }
            if (c == '!' || c == ':')
                return j;
            if (c == '=')
                f_fail(p, f, j, "'=' in f-string fields (f'{x=}') is not supported in lesson scripts");
        }
        j++;
    }
}

/* Lexes and parses body[a..b) as the expression of a field. */
static Expr *f_expr(Parser *p, FSrc *f, size_t a, size_t b)
{
    size_t k = a;
    while (k < b && (f->body[k] == ' ' || f->body[k] == '\t' || f->body[k] == '\n'))
        k++;
    if (k == b)
        f_fail(p, f, a - 1, "f-string: empty expression not allowed");
    int line, col;
    f_pos(f, a, &line, &col);
    TokList tl = {0};
    if (lex_tokenize(&tl, p->arena, p->file, f->body + a, b - a, line, col, 1, p->err) < 0) {
        lex_toklist_free(&tl);
        longjmp(p->fail, 1);
    }
    Tok *toks = arena_alloc(p->arena, (size_t)tl.n * sizeof *toks);
    memcpy(toks, tl.toks, (size_t)tl.n * sizeof *toks);
    int n = tl.n;
    lex_toklist_free(&tl);

    Tok *save_t = p->t;
    int save_n = p->n, save_pos = p->pos;
    p->t = toks;
    p->n = n;
    p->pos = 0;
    Expr *e = p_testlist(p);
    if (!p_at(p, T_EOF))
        p_invalid(p);
    p->t = save_t;
    p->n = save_n;
    p->pos = save_pos;
    return e;
}

static size_t f_body(Parser *p, FSrc *f, size_t i, int in_spec, FVec *out, LitBuf *lit);

static Expr *f_node(Parser *p, FVec *v, int line, int col)
{
    Expr *e = p_new_expr(p, E_FSTRING, line, col);
    e->u.fstr.parts = v->a;
    e->u.fstr.n = v->n;
    return e;
}

/* The field opened at body[i]; returns the offset after its '}'. */
static size_t f_field(Parser *p, FSrc *f, size_t i, FVec *out, LitBuf *lit)
{
    size_t j = f_expr_end(p, f, i);
    FPart part = {0};
    part.expr = f_expr(p, f, i + 1, j);
    if (f->body[j] == '!') {
        j++;
        if (j >= f->len || !strchr("rsa", f->body[j]) || !f->body[j])
            f_fail(p, f, j, "f-string: invalid conversion character: expected 's', 'r', or 'a'");
        part.conv = f->body[j++];
        if (j >= f->len || (f->body[j] != ':' && f->body[j] != '}'))
            f_fail(p, f, j, "f-string: expecting '}'");
    }
    if (f->body[j] == ':') {
        j++;
        if (++p->fdepth > 1)
            f_fail(p, f, j, "f-string: expressions nested too deeply");
        FVec spec = {0};
        int line, col;
        f_pos(f, j, &line, &col);
        j = f_body(p, f, j, 1, &spec, lit);
        p->fdepth--;
        part.spec = f_node(p, &spec, line, col);
    }
    if (j >= f->len || f->body[j] != '}')
        f_fail(p, f, i, "f-string: expecting '}'");
    fvec_push(p, out, part);
    return j + 1;
}

/* Literal text and fields up to the end of the body, or in a spec up to the
 * '}' that closes the field (returned, not consumed). */
static size_t f_body(Parser *p, FSrc *f, size_t i, int in_spec, FVec *out, LitBuf *lit)
{
    size_t chunk = i;
    while (i < f->len) {
        char c = f->body[i];
        if (c == '}' && in_spec) {
            f_literal(p, f, chunk, i, lit);
            lit_flush(p, lit, out);
            return i;
        }
        if ((c == '{' || c == '}') && i + 1 < f->len && f->body[i + 1] == c) {
            f_literal(p, f, chunk, i + 1, lit);
            i += 2;
            chunk = i;
        } else if (c == '}') {
            f_fail(p, f, i, "f-string: single '}' is not allowed");
        } else if (c == '{') {
            f_literal(p, f, chunk, i, lit);
            lit_flush(p, lit, out);
            i = f_field(p, f, i, out, lit);
            chunk = i;
        } else {
            i++;
        }
    }
    if (in_spec)
        f_fail(p, f, i, "f-string: expecting '}'");
    f_literal(p, f, chunk, i, lit);
    return i;
}

Expr *p_strings(Parser *p)
{
    Tok *first = p_peek(p);
    int anyf = 0, end = p->pos;
    LitBuf lit = {0};
    lit.cap = 1;
    /* decoded text never outgrows its source; each flush adds one NUL, and
     * an f-string body of n bytes flushes at most n/2 + 1 times */
    for (; p->t[end].kind == T_STRING || p->t[end].kind == T_FSTRING; end++) {
        anyf |= p->t[end].kind == T_FSTRING;
        lit.cap += p->t[end].kind == T_STRING ? p->t[end].v.str.len + 1 : 2 * p->t[end].v.fs.len + 2;
    }
    lit.buf = arena_alloc(p->arena, lit.cap);
    FVec parts = {0};
    for (; p->pos < end; p->pos++) {
        Tok *t = &p->t[p->pos];
        if (t->kind == T_STRING) {
            lit_append(&lit, t->v.str.s, t->v.str.len);
        } else {
            FSrc f = {t->v.fs.body, t->v.fs.len, t->v.fs.line, t->v.fs.col, t->v.fs.raw,
                      0, t->v.fs.line, t->v.fs.col};
            f_body(p, &f, 0, 0, &parts, &lit);
        }
    }
    lit_flush(p, &lit, &parts);
    if (anyf) {
        for (int i = 0; i < parts.n; i++)
            if (parts.a[i].expr)
                return f_node(p, &parts, first->line, first->col);
    }
    /* no field: a plain str, NUL-terminated by the flush */
    Expr *e = p_new_expr(p, E_STR, first->line, first->col);
    e->u.str.s = parts.n ? parts.a[0].text : "";
    e->u.str.len = parts.n ? parts.a[0].len : 0;
    return e;
}
