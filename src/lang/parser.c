/* Parser plumbing (tokens, errors, node allocation) and the entry points
 * lang_parse / lang_free. */
#include "lang/parser.h"
#include "lang/diag.h"
#include "lang/lang.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void pvec_push(Parser *p, PVec *v, void *x)
{
    if (v->n == v->cap) {
        int cap = v->cap ? v->cap * 2 : 4;
        void **items = arena_alloc(p->arena, (size_t)cap * sizeof *items);
        if (v->n)
            memcpy(items, v->items, (size_t)v->n * sizeof *items);
        v->items = items;
        v->cap = cap;
    }
    v->items[v->n++] = x;
}

static _Noreturn void p_vfail(Parser *p, int line, int col, const char *fmt, va_list ap)
    __attribute__((format(printf, 4, 0)));

static void p_vfail(Parser *p, int line, int col, const char *fmt, va_list ap)
{
    char msg[sizeof p->err->msg];
    vsnprintf(msg, sizeof msg, fmt, ap);
    diag_set(p->err, p->file, line, col, "%s", msg);
    longjmp(p->fail, 1);
}

void p_fail(Parser *p, int line, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    p_vfail(p, line, col, fmt, ap);
}

void p_fail_tok(Parser *p, const Tok *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    p_vfail(p, t->line, t->col, fmt, ap);
}

/* "'yield' is ..." but "decorators ('@') are ...": plural when the word
 * before any parenthesis ends in s and is not quoted. */
void p_unsupported(Parser *p, const Tok *t, const char *what)
{
    const char *paren = strstr(what, " (");
    size_t n = paren ? (size_t)(paren - what) : strlen(what);
    int plural = n > 1 && what[n - 1] == 's';
    p_fail_tok(p, t, "%s %s not supported in lesson scripts", what, plural ? "are" : "is");
}

void p_invalid(Parser *p)
{
    Tok *t = p_peek(p);
    if (t->kind == T_INDENT)
        p_fail(p, t->line, t->col - 1, "unexpected indent");
    p_fail_tok(p, t, "invalid syntax");
}

Tok *p_next(Parser *p)
{
    Tok *t = &p->t[p->pos];
    if (p->pos < p->n - 1)
        p->pos++;
    return t;
}

int p_accept(Parser *p, TokKind k)
{
    if (p->t[p->pos].kind != k)
        return 0;
    p_next(p);
    return 1;
}

Tok *p_expect(Parser *p, TokKind k)
{
    if (p->t[p->pos].kind == k)
        return p_next(p);
    Tok *prev = p_prev(p);
    if (p->pos == 0)
        p_invalid(p);
    p_fail(p, prev->end_line, prev->end_col, "expected '%s'", lex_tok_text[k]);
}

void p_enter(Parser *p, const Tok *at)
{
    if (++p->depth > P_MAX_DEPTH)
        p_fail_tok(p, at, "too deeply nested: lesson scripts allow %d levels of "
                   "nested expressions and blocks", P_MAX_DEPTH);
}

Expr *p_new_expr(Parser *p, ExprKind kind, int line, int col)
{
    Expr *e = arena_alloc(p->arena, sizeof *e);
    e->kind = kind;
    e->line = line;
    e->col = col;
    return e;
}

Stmt *p_new_stmt(Parser *p, StmtKind kind, int line, int col)
{
    Stmt *s = arena_alloc(p->arena, sizeof *s);
    s->kind = kind;
    s->line = line;
    s->col = col;
    return s;
}

Expr *p_name_expr(Parser *p, const char *id, int line, int col)
{
    Expr *e = p_new_expr(p, E_NAME, line, col);
    e->u.name.id = id;
    e->u.name.scope = SCOPE_UNRESOLVED;
    e->u.name.slot = -1;
    return e;
}

/* NUL bytes and malformed UTF-8 are refused before lexing, with the place
 * (worded as src/lesson/lesson.c words them when it reads the file). */
static int lang_validate(const char *file, const char *src, size_t len, Diag *err)
{
    int line = 1, col = 1;
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)src[i];
        if (c == 0)
            return diag_set(err, file, line, col, "NUL byte in the script; is this a text file?");
        if (c < 0x80) {
            if (c == '\n' || (c == '\r' && (i + 1 >= len || src[i + 1] != '\n')))
                line++, col = 0;
            col++;
            i++;
            continue;
        }
        uint32_t cp;
        int n = lex_utf8_get((const unsigned char *)src + i, len - i, &cp);
        if (!n)
            return diag_set(err, file, line, col, "invalid UTF-8 (byte 0x%02x); "
                            "save the script as UTF-8 text", c);
        i += (size_t)n;
        col++;
    }
    return 0;
}

Module *lang_parse(const char *file, const char *src, size_t len, Diag *err)
{
    if (!file)
        file = "<input>";
    if (!src)
        len = 0, src = "";
    if (lang_validate(file, src, len, err) < 0)
        return NULL;
    size_t skip = len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    Arena *a = arena_create();
    Module *m = arena_alloc(a, sizeof *m);
    m->arena = a;
    m->file = arena_strndup(a, file, strlen(file));
    m->src = src;
    m->srclen = len;
    const char *text = src + skip;
    size_t tlen = len - skip;
    if (memchr(text, '\r', tlen)) {
        /* universal newlines, as CPython reads source: \r\n and \r become \n
         * (so a triple-quoted string holds the same text on every platform) */
        char *norm = arena_alloc(a, tlen + 1);
        size_t o = 0;
        for (size_t i = 0; i < tlen; i++) {
            if (text[i] == '\r') {
                norm[o++] = '\n';
                if (i + 1 < tlen && text[i + 1] == '\n')
                    i++;
            } else {
                norm[o++] = text[i];
            }
        }
        text = norm;
        tlen = o;
    }
    TokList tl = {0};
    if (lex_tokenize(&tl, a, file, text, tlen, 1, 1, 0, err) < 0) {
        lex_toklist_free(&tl);
        arena_destroy(a);
        return NULL;
    }
    Parser p;
    memset(&p, 0, sizeof p);
    p.file = file;
    p.arena = a;
    p.t = tl.toks;
    p.n = tl.n;
    p.err = err;
    if (setjmp(p.fail)) {
        /* CPython blames the bracket when the parse fails at the end or on
         * a later line than the bracket's */
        if (tl.unclosed && err &&
            (p.pos >= tl.ntail || p.t[p.pos].line > tl.unclosed_diag.line))
            *err = tl.unclosed_diag;
        lex_toklist_free(&tl);
        arena_destroy(a);
        return NULL;
    }
    p_file(&p, m);
    if (tl.unclosed) {
        if (err)
            *err = tl.unclosed_diag;
        lex_toklist_free(&tl);
        arena_destroy(a);
        return NULL;
    }
    lex_toklist_free(&tl);
    return m;
}

void lang_free(Module *m)
{
    if (m)
        arena_destroy(m->arena);
}
