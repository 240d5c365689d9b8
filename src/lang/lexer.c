/* Tokenizer with Python's rules (see lexer.h).
 *
 * Columns count code points, so a line of Vietnamese narration places the
 * caret where the learner sees it.  Indentation follows CPython: widths with
 * tabs to multiples of 8, checked against widths with tabs as 1, and a
 * disagreement between the two is a TabError.
 */
#include "lang/lexer.h"
#include "lang/diag.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const lex_tok_text[T_COUNT] = {
    [T_EOF] = "end of file", [T_NEWLINE] = "newline", [T_INDENT] = "indent",
    [T_DEDENT] = "dedent", [T_NAME] = "name", [T_INT] = "integer",
    [T_FLOAT] = "float", [T_STRING] = "string", [T_FSTRING] = "f-string",
    [T_FALSE] = "False", [T_NONE] = "None", [T_TRUE] = "True", [T_AND] = "and",
    [T_AS] = "as", [T_ASSERT] = "assert", [T_ASYNC] = "async", [T_AWAIT] = "await",
    [T_BREAK] = "break", [T_CLASS] = "class", [T_CONTINUE] = "continue",
    [T_DEF] = "def", [T_DEL] = "del", [T_ELIF] = "elif", [T_ELSE] = "else",
    [T_EXCEPT] = "except", [T_FINALLY] = "finally", [T_FOR] = "for",
    [T_FROM] = "from", [T_GLOBAL] = "global", [T_IF] = "if", [T_IMPORT] = "import",
    [T_IN] = "in", [T_IS] = "is", [T_LAMBDA] = "lambda", [T_NONLOCAL] = "nonlocal",
    [T_NOT] = "not", [T_OR] = "or", [T_PASS] = "pass", [T_RAISE] = "raise",
    [T_RETURN] = "return", [T_TRY] = "try", [T_WHILE] = "while", [T_WITH] = "with",
    [T_YIELD] = "yield",
    [T_LPAR] = "(", [T_RPAR] = ")", [T_LSQB] = "[", [T_RSQB] = "]",
    [T_LBRACE] = "{", [T_RBRACE] = "}", [T_COLON] = ":", [T_COMMA] = ",",
    [T_SEMI] = ";", [T_DOT] = ".", [T_ELLIPSIS] = "...", [T_ARROW] = "->",
    [T_AT] = "@", [T_BANG] = "!", [T_PLUS] = "+", [T_MINUS] = "-", [T_STAR] = "*",
    [T_SLASH] = "/", [T_DSLASH] = "//", [T_PERCENT] = "%", [T_DSTAR] = "**",
    [T_VBAR] = "|", [T_AMPER] = "&", [T_CIRCUMFLEX] = "^", [T_TILDE] = "~",
    [T_LSHIFT] = "<<", [T_RSHIFT] = ">>", [T_LESS] = "<", [T_GREATER] = ">",
    [T_EQEQUAL] = "==", [T_NOTEQUAL] = "!=", [T_LESSEQUAL] = "<=",
    [T_GREATEREQUAL] = ">=", [T_EQUAL] = "=", [T_COLONEQ] = ":=",
    [T_PLUSEQ] = "+=", [T_MINUSEQ] = "-=", [T_STAREQ] = "*=", [T_SLASHEQ] = "/=",
    [T_DSLASHEQ] = "//=", [T_PERCENTEQ] = "%=", [T_DSTAREQ] = "**=", [T_ATEQ] = "@=",
    [T_VBAREQ] = "|=", [T_AMPEREQ] = "&=", [T_CIRCEQ] = "^=", [T_LSHIFTEQ] = "<<=",
    [T_RSHIFTEQ] = ">>=",
};

#define LEX_TOO_BIG "integer literal too large: lesson scripts use 64-bit integers " \
                    "(at most 9223372036854775807)"

typedef struct {
    const char *file;
    const char *p, *end;
    int line, col;
    Arena *arena;
    TokList *out;
    Diag *err;
    int fexpr;
    int line_has_tokens;
    int indent[LEX_MAX_INDENT + 1], altindent[LEX_MAX_INDENT + 1], nindent;
    struct { char c; int line, col; } paren[LEX_MAX_PAREN];
    int nparen;
} Lexer;

static void lx_adv(Lexer *lx)
{
    unsigned char c = (unsigned char)*lx->p++;
    if (c == '\n') {
        lx->line++;
        lx->col = 1;
    } else if ((c & 0xC0) != 0x80) {
        lx->col++;
    }
}

static Tok *lx_push(Lexer *lx, TokKind kind, const char *start, int line, int col)
{
    TokList *t = lx->out;
    if (t->n == t->cap) {
        int cap = t->cap ? t->cap * 2 : 256;
        Tok *nt = realloc(t->toks, (size_t)cap * sizeof *nt);
        if (!nt) {
            fputs("parlab: out of memory\n", stderr);
            abort();
        }
        t->toks = nt;
        t->cap = cap;
    }
    Tok *k = &t->toks[t->n++];
    memset(k, 0, sizeof *k);
    k->kind = kind;
    k->line = line;
    k->col = col;
    k->end_line = lx->line;
    k->end_col = lx->col;
    k->p = start;
    k->len = (size_t)(lx->p - start);
    return k;
}

static int lx_is_digit(int c) { return c >= '0' && c <= '9'; }

static int lx_is_ascii_ident(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || lx_is_digit(c);
}

/* Letters we accept in identifiers beyond ASCII: the Latin, Greek, Cyrillic
 * and Vietnamese ranges and CJK.  Not all of XID_Start, but enough for
 * teachers who name things in their language. */
static int lx_is_letter_cp(uint32_t cp)
{
    static const uint32_t ranges[][2] = {
        {0xC0, 0xD6}, {0xD8, 0xF6}, {0xF8, 0x24F}, {0x370, 0x3FF}, {0x400, 0x4FF},
        {0x1E00, 0x1EFF}, {0x3040, 0x30FF}, {0x4E00, 0x9FFF}, {0xAC00, 0xD7A3},
    };
    for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++)
        if (cp >= ranges[i][0] && cp <= ranges[i][1])
            return 1;
    return 0;
}

/* Length of the identifier character at p (0 when it is not one). */
static int lx_ident_char(const Lexer *lx, const char *p)
{
    unsigned char c = (unsigned char)*p;
    if (c < 0x80)
        return lx_is_ascii_ident(c);
    uint32_t cp;
    int n = lex_utf8_get((const unsigned char *)p, (size_t)(lx->end - p), &cp);
    return n && lx_is_letter_cp(cp) ? n : 0;
}

static int lx_bad_char(Lexer *lx)
{
    uint32_t cp;
    int n = lex_utf8_get((const unsigned char *)lx->p, (size_t)(lx->end - lx->p), &cp);
    if (!n)
        return diag_set(lx->err, lx->file, lx->line, lx->col,
                        "invalid UTF-8 (byte 0x%02x); save the script as UTF-8 text",
                        (unsigned char)*lx->p);
    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA1) || cp == 0xFEFF)
        return diag_set(lx->err, lx->file, lx->line, lx->col,
                        "invalid non-printable character U+%04X", (unsigned)cp);
    if (cp < 0x80)
        return diag_set(lx->err, lx->file, lx->line, lx->col, "invalid syntax");
    return diag_set(lx->err, lx->file, lx->line, lx->col, "invalid character '%.*s' (U+%04X)",
                    n, lx->p, (unsigned)cp);
}

static int lx_tab_error(Lexer *lx)
{
    return diag_set(lx->err, lx->file, lx->line, 1,
                    "inconsistent use of tabs and spaces in indentation");
}

/* At the start of a logical line: measure the indentation and emit INDENT or
 * DEDENTs.  Blank and comment-only lines change nothing. */
static int lx_indentation(Lexer *lx)
{
    int col = 0, alt = 0;
    while (lx->p < lx->end) {
        char c = *lx->p;
        if (c == ' ') {
            col++, alt++;
        } else if (c == '\t') {
            col = (col / 8 + 1) * 8;
            alt++;
        } else if (c == '\f') {
            col = alt = 0;
        } else {
            break;
        }
        lx_adv(lx);
    }
    if (lx->p == lx->end || *lx->p == '#' || *lx->p == '\n' || *lx->p == '\r')
        return 0;
    int top = lx->indent[lx->nindent - 1], alttop = lx->altindent[lx->nindent - 1];
    if (col == top) {
        if (alt != alttop)
            return lx_tab_error(lx);
    } else if (col > top) {
        if (lx->nindent >= LEX_MAX_INDENT)
            return diag_set(lx->err, lx->file, lx->line, 1, "too many levels of indentation");
        if (alt <= alttop)
            return lx_tab_error(lx);
        lx->indent[lx->nindent] = col;
        lx->altindent[lx->nindent++] = alt;
        lx_push(lx, T_INDENT, lx->p, lx->line, lx->col);
    } else {
        while (lx->nindent > 1 && col < lx->indent[lx->nindent - 1]) {
            lx->nindent--;
            lx_push(lx, T_DEDENT, lx->p, lx->line, lx->col);
        }
        if (col != lx->indent[lx->nindent - 1]) {
            int l, c;
            const char *eol = memchr(lx->p, '\n', (size_t)(lx->end - lx->p));
            lex_pos_in(lx->p, (size_t)((eol ? eol : lx->end) - lx->p), lx->line, lx->col, &l, &c);
            return diag_set(lx->err, lx->file, lx->line, c,
                            "unindent does not match any outer indentation level");
        }
        if (alt != lx->altindent[lx->nindent - 1])
            return lx_tab_error(lx);
    }
    return 0;
}

static int lx_digit_value(int c, int base)
{
    int v = c >= '0' && c <= '9' ? c - '0'
          : c >= 'a' && c <= 'f' ? c - 'a' + 10
          : c >= 'A' && c <= 'F' ? c - 'A' + 10 : 99;
    return v < base ? v : -1;
}

/* 0x, 0o, 0b literals: digits with single underscores between them. */
static int lx_based_int(Lexer *lx, const char *start, int line, int col)
{
    char pc = (char)(lx->p[1] | 0x20);
    int base = pc == 'x' ? 16 : pc == 'o' ? 8 : 2;
    const char *what = base == 16 ? "hexadecimal" : base == 8 ? "octal" : "binary";
    lx_adv(lx);
    lx_adv(lx);
    uint64_t v = 0;
    int ndig = 0, big = 0;
    for (;;) {
        if (lx->p < lx->end && *lx->p == '_') {
            lx_adv(lx);
            if (lx->p >= lx->end || lx_digit_value((unsigned char)*lx->p, base) < 0)
                return diag_set(lx->err, lx->file, lx->line, lx->col - 1, "invalid %s literal", what);
        }
        int d = lx->p < lx->end ? lx_digit_value((unsigned char)*lx->p, base) : -1;
        if (d < 0)
            break;
        if (v > (UINT64_MAX - (uint64_t)d) / (uint64_t)base)
            big = 1;
        v = v * (uint64_t)base + (uint64_t)d;
        ndig++;
        lx_adv(lx);
    }
    if (ndig == 0 || (lx->p < lx->end && lx_ident_char(lx, lx->p))) {
        if (lx->p < lx->end && lx_is_digit((unsigned char)*lx->p))
            return diag_set(lx->err, lx->file, lx->line, lx->col, "invalid digit '%c' in %s literal",
                            *lx->p, what);
        return diag_set(lx->err, lx->file, lx->line, lx->col - 1, "invalid %s literal", what);
    }
    if (big)
        return diag_set(lx->err, lx->file, line, col, LEX_TOO_BIG);
    lx_push(lx, T_INT, start, line, col)->v.i = v;
    return 0;
}

/* Decimal digits with single underscores; returns -1 on a bad underscore. */
static int lx_digits(Lexer *lx)
{
    while (lx->p < lx->end && lx_is_digit((unsigned char)*lx->p)) {
        lx_adv(lx);
        if (lx->p < lx->end && *lx->p == '_') {
            lx_adv(lx);
            if (lx->p >= lx->end || !lx_is_digit((unsigned char)*lx->p))
                return diag_set(lx->err, lx->file, lx->line, lx->col - 1, "invalid decimal literal");
        }
    }
    return 0;
}

static int lx_number(Lexer *lx)
{
    const char *start = lx->p;
    int line = lx->line, col = lx->col;
    if (*lx->p == '0' && lx->p + 1 < lx->end && strchr("xXoObB", lx->p[1]) && lx->p[1])
        return lx_based_int(lx, start, line, col);
    int isfloat = 0;
    if (lx_digits(lx) < 0)
        return -1;
    if (lx->p < lx->end && *lx->p == '.') {
        isfloat = 1;
        lx_adv(lx);
        if (lx->p < lx->end && *lx->p == '_')
            return diag_set(lx->err, lx->file, lx->line, lx->col, "invalid decimal literal");
        if (lx_digits(lx) < 0)
            return -1;
    }
    if (lx->p < lx->end && (*lx->p == 'e' || *lx->p == 'E')) {
        const char *save = lx->p;
        int sl = lx->line, sc = lx->col;
        lx_adv(lx);
        if (lx->p < lx->end && (*lx->p == '+' || *lx->p == '-'))
            lx_adv(lx);
        if (lx->p >= lx->end || !lx_is_digit((unsigned char)*lx->p)) {
            lx->p = save, lx->line = sl, lx->col = sc;
            return diag_set(lx->err, lx->file, line, col, "invalid decimal literal");
        }
        isfloat = 1;
        if (lx_digits(lx) < 0)
            return -1;
    }
    if (lx->p < lx->end && (*lx->p == 'j' || *lx->p == 'J'))
        return diag_set(lx->err, lx->file, line, col,
                        "complex numbers are not supported in lesson scripts");
    if (lx->p < lx->end && lx_ident_char(lx, lx->p))
        return diag_set(lx->err, lx->file, lx->line, lx->col - 1, "invalid decimal literal");

    size_t n = (size_t)(lx->p - start);
    char *clean = arena_alloc(lx->arena, n + 1), *o = clean;
    for (size_t i = 0; i < n; i++)
        if (start[i] != '_')
            *o++ = start[i];
    *o = '\0';
    if (isfloat) {
        lx_push(lx, T_FLOAT, start, line, col)->v.f = strtod(clean, NULL);
        return 0;
    }
    uint64_t v = 0;
    int nonzero = 0;
    for (const char *q = clean; *q; q++) {
        uint64_t d = (uint64_t)(*q - '0');
        nonzero |= d != 0;
        if (v > (UINT64_MAX - d) / 10)
            return diag_set(lx->err, lx->file, line, col, LEX_TOO_BIG);
        v = v * 10 + d;
    }
    if (clean[0] == '0' && nonzero)
        return diag_set(lx->err, lx->file, line, col,
                        "leading zeros in decimal integer literals are not permitted; "
                        "use an 0o prefix for octal integers");
    lx_push(lx, T_INT, start, line, col)->v.i = v;
    return 0;
}

/* A string literal; lx->p is at the opening quote, start at its prefix. */
static int lx_string(Lexer *lx, const char *start, int line, int col, int raw, int fstr)
{
    char q = *lx->p;
    int triple = lx->p + 2 < lx->end && lx->p[1] == q && lx->p[2] == q;
    for (int i = 0; i < (triple ? 3 : 1); i++)
        lx_adv(lx);
    const char *body = lx->p;
    int bline = lx->line, bcol = lx->col;
    for (;;) {
        if (lx->p >= lx->end || (*lx->p == '\n' && !triple))
            return diag_set(lx->err, lx->file, line, col,
                            triple ? "unterminated triple-quoted string literal (detected at line %d)"
                                   : "unterminated string literal (detected at line %d)",
                            lx->p >= lx->end && lx->p > body && lx->p[-1] == '\n' ? lx->line - 1
                                                                                   : lx->line);
        char c = *lx->p;
        if (c == '\\') {
            lx_adv(lx);
            if (lx->p < lx->end)
                lx_adv(lx);
            continue;
        }
        if (c == q && (!triple || (lx->p + 2 < lx->end && lx->p[1] == q && lx->p[2] == q)))
            break;
        lx_adv(lx);
    }
    size_t blen = (size_t)(lx->p - body);
    for (int i = 0; i < (triple ? 3 : 1); i++)
        lx_adv(lx);
    Tok *t = lx_push(lx, fstr ? T_FSTRING : T_STRING, start, line, col);
    if (fstr) {
        t->v.fs.body = body;
        t->v.fs.len = blen;
        t->v.fs.line = bline;
        t->v.fs.col = bcol;
        t->v.fs.raw = raw;
    } else if (raw) {
        t->v.str.s = arena_strndup(lx->arena, body, blen);
        t->v.str.len = blen;
    } else if (lex_decode_escapes(lx->arena, lx->file, body, blen, bline, bcol,
                                  &t->v.str.s, &t->v.str.len, lx->err) < 0) {
        return -1;
    }
    return 0;
}

/* A name, a keyword, or the prefix of a string (r'', f'', b''...). */
static int lx_name(Lexer *lx)
{
    const char *start = lx->p;
    int line = lx->line, col = lx->col, n;
    while (lx->p < lx->end && (n = lx_ident_char(lx, lx->p)) > 0)
        while (n--)
            lx_adv(lx);
    size_t len = (size_t)(lx->p - start);
    if (len <= 2 && lx->p < lx->end && (*lx->p == '\'' || *lx->p == '"')) {
        int raw = 0, f = 0, b = 0, u = 0, ok = 1;
        for (size_t i = 0; i < len; i++) {
            char c = (char)(start[i] | 0x20);
            if (c == 'r') raw++;
            else if (c == 'f') f++;
            else if (c == 'b') b++;
            else if (c == 'u') u++;
            else ok = 0;
        }
        if (ok && raw < 2 && f + b + u < 2 && !(u && raw)) {
            if (b)
                return diag_set(lx->err, lx->file, line, col,
                                "bytes literals are not supported in lesson scripts");
            return lx_string(lx, start, line, col, raw, f);
        }
    }
    if (len <= 8) {
        for (int k = T_FIRST_KEYWORD; k <= T_LAST_KEYWORD; k++) {
            const char *kw = lex_tok_text[k];
            if (strlen(kw) == len && memcmp(kw, start, len) == 0) {
                lx_push(lx, (TokKind)k, start, line, col);
                return 0;
            }
        }
    }
    lx_push(lx, T_NAME, start, line, col)->v.name = arena_intern(lx->arena, start, len);
    return 0;
}

static int lx_operator(Lexer *lx)
{
    int best = -1;
    size_t bestlen = 0, avail = (size_t)(lx->end - lx->p);
    for (int k = T_FIRST_OP; k < T_COUNT; k++) {
        if (lex_tok_text[k][0] != *lx->p)
            continue;
        size_t n = strlen(lex_tok_text[k]);
        if (n > bestlen && n <= avail && memcmp(lex_tok_text[k], lx->p, n) == 0)
            best = k, bestlen = n;
    }
    if (best < 0)
        return lx_bad_char(lx);
    const char *start = lx->p;
    int line = lx->line, col = lx->col;
    char c = *start;
    if (best == T_LPAR || best == T_LSQB || best == T_LBRACE) {
        if (lx->nparen >= LEX_MAX_PAREN)
            return diag_set(lx->err, lx->file, line, col, "too many nested parentheses");
        lx->paren[lx->nparen].c = c;
        lx->paren[lx->nparen].line = line;
        lx->paren[lx->nparen++].col = col;
    } else if (best == T_RPAR || best == T_RSQB || best == T_RBRACE) {
        if (lx->nparen == 0)
            return diag_set(lx->err, lx->file, line, col, "unmatched '%c'", c);
        char open = lx->paren[--lx->nparen].c;
        char want = open == '(' ? ')' : open == '[' ? ']' : '}';
        if (c != want) {
            int oline = lx->paren[lx->nparen].line;
            if (oline != line)
                return diag_set(lx->err, lx->file, line, col,
                                "closing parenthesis '%c' does not match opening parenthesis '%c' on line %d",
                                c, open, oline);
            return diag_set(lx->err, lx->file, line, col,
                            "closing parenthesis '%c' does not match opening parenthesis '%c'", c, open);
        }
    }
    for (size_t i = 0; i < bestlen; i++)
        lx_adv(lx);
    lx_push(lx, (TokKind)best, start, line, col);
    return 0;
}

static int lx_token(Lexer *lx)
{
    unsigned char c = (unsigned char)*lx->p;
    if (c == '#') {
        if (lx->fexpr)
            return diag_set(lx->err, lx->file, lx->line, lx->col,
                            "f-string expression part cannot include '#'");
        while (lx->p < lx->end && *lx->p != '\n')
            lx_adv(lx);
        return 0;
    }
    if (c == '\\') {
        int line = lx->line, col = lx->col;
        lx_adv(lx);
        if (lx->p < lx->end && *lx->p == '\r')
            lx_adv(lx);
        if (lx->p >= lx->end)
            return diag_set(lx->err, lx->file, line, col, "unexpected EOF while parsing");
        if (*lx->p != '\n')
            return diag_set(lx->err, lx->file, lx->line, lx->col,
                            "unexpected character after line continuation character");
        lx_adv(lx);
        return 0;
    }
    lx->line_has_tokens = 1;
    if (lx_is_digit(c) || (c == '.' && lx->p + 1 < lx->end && lx_is_digit((unsigned char)lx->p[1])))
        return lx_number(lx);
    if (c == '\'' || c == '"')
        return lx_string(lx, lx->p, lx->line, lx->col, 0, 0);
    if (lx_ident_char(lx, lx->p) && !lx_is_digit(c))
        return lx_name(lx);
    if (c >= 0x80 || c < 0x20 || c == 0x7F)
        return lx_bad_char(lx);
    return lx_operator(lx);
}

int lex_tokenize(TokList *out, Arena *a, const char *file, const char *src, size_t len,
                 int line, int col, int fexpr, Diag *err)
{
    Lexer lx;
    memset(&lx, 0, sizeof lx);
    lx.file = file;
    lx.p = src;
    lx.end = src + len;
    lx.line = line;
    lx.col = col;
    lx.arena = a;
    lx.out = out;
    lx.err = err;
    lx.fexpr = fexpr;
    lx.nindent = 1;
    int atbol = !fexpr;
    for (;;) {
        if (atbol) {
            atbol = 0;
            if (lx_indentation(&lx) < 0)
                return -1;
        }
        while (lx.p < lx.end && (*lx.p == ' ' || *lx.p == '\t' || *lx.p == '\f' || *lx.p == '\r'))
            lx_adv(&lx);
        if (lx.p >= lx.end)
            break;
        if (*lx.p == '\n') {
            int bol = !fexpr && lx.nparen == 0;
            if (bol && lx.line_has_tokens) {
                const char *s = lx.p;
                int l = lx.line, c = lx.col;
                lx_adv(&lx);
                Tok *t = lx_push(&lx, T_NEWLINE, s, l, c);
                t->end_line = l;
                t->end_col = c + 1;
                lx.line_has_tokens = 0;
            } else {
                lx_adv(&lx);
            }
            atbol = bol;
            continue;
        }
        if (lx_token(&lx) < 0)
            return -1;
    }
    if (lx.nparen > 0) {
        int i = lx.nparen - 1;
        if (fexpr)
            return diag_set(err, file, lx.paren[i].line, lx.paren[i].col,
                            "f-string: unmatched '%c'", lx.paren[i].c);
        out->unclosed = 1;
        diag_set(&out->unclosed_diag, file, lx.paren[i].line, lx.paren[i].col,
                 "'%c' was never closed", lx.paren[i].c);
    }
    out->ntail = out->n;
    if (!fexpr) {
        if (lx.line_has_tokens)
            lx_push(&lx, T_NEWLINE, lx.p, lx.line, lx.col);
        while (lx.nindent > 1) {
            lx.nindent--;
            lx_push(&lx, T_DEDENT, lx.p, lx.line, lx.col);
        }
    }
    lx_push(&lx, T_EOF, lx.p, lx.line, lx.col);
    return 0;
}

void lex_toklist_free(TokList *t)
{
    free(t->toks);
    t->toks = NULL;
    t->n = t->cap = 0;
}
