/* The lexer of lesson scripts: source bytes -> a token array, Python rules.
 *
 * The whole file is tokenized before parsing (tokens are small and the
 * parser wants free lookahead).  INDENT/DEDENT come from an indentation
 * stack; newlines inside () [] {} and after a backslash are dropped, as in
 * CPython.  Private to src/lang/.
 */
#ifndef PARLAB_LEXER_H
#define PARLAB_LEXER_H

#include <stdint.h>

#include "lang/arena.h"
#include "lang/lang.h"

#define LEX_MAX_PAREN 200      /* CPython's MAXLEVEL */
#define LEX_MAX_INDENT 100     /* CPython's MAXINDENT: 99 levels above the margin */

typedef enum {
    T_EOF, T_NEWLINE, T_INDENT, T_DEDENT,
    T_NAME, T_INT, T_FLOAT, T_STRING, T_FSTRING,
    /* keywords: keep in the order of lex_tok_text */
    T_FALSE, T_NONE, T_TRUE, T_AND, T_AS, T_ASSERT, T_ASYNC, T_AWAIT,
    T_BREAK, T_CLASS, T_CONTINUE, T_DEF, T_DEL, T_ELIF, T_ELSE, T_EXCEPT,
    T_FINALLY, T_FOR, T_FROM, T_GLOBAL, T_IF, T_IMPORT, T_IN, T_IS,
    T_LAMBDA, T_NONLOCAL, T_NOT, T_OR, T_PASS, T_RAISE, T_RETURN, T_TRY,
    T_WHILE, T_WITH, T_YIELD,
    /* operators */
    T_LPAR, T_RPAR, T_LSQB, T_RSQB, T_LBRACE, T_RBRACE,
    T_COLON, T_COMMA, T_SEMI, T_DOT, T_ELLIPSIS, T_ARROW, T_AT, T_BANG,
    T_PLUS, T_MINUS, T_STAR, T_SLASH, T_DSLASH, T_PERCENT, T_DSTAR,
    T_VBAR, T_AMPER, T_CIRCUMFLEX, T_TILDE, T_LSHIFT, T_RSHIFT,
    T_LESS, T_GREATER, T_EQEQUAL, T_NOTEQUAL, T_LESSEQUAL, T_GREATEREQUAL,
    T_EQUAL, T_COLONEQ,
    T_PLUSEQ, T_MINUSEQ, T_STAREQ, T_SLASHEQ, T_DSLASHEQ, T_PERCENTEQ,
    T_DSTAREQ, T_ATEQ, T_VBAREQ, T_AMPEREQ, T_CIRCEQ, T_LSHIFTEQ, T_RSHIFTEQ,
    T_COUNT
} TokKind;

#define T_FIRST_KEYWORD T_FALSE
#define T_LAST_KEYWORD T_YIELD
#define T_FIRST_OP T_LPAR

typedef struct {
    TokKind kind;
    int line, col;             /* first character, 1-based, col in code points */
    int end_line, end_col;     /* just past the last character */
    const char *p;             /* raw text in the source */
    size_t len;
    union {
        uint64_t i;                                  /* T_INT (may exceed INT64_MAX) */
        double f;                                    /* T_FLOAT */
        const char *name;                            /* T_NAME, interned */
        struct { const char *s; size_t len; } str;   /* T_STRING, decoded */
        struct {                                     /* T_FSTRING: undecoded body */
            const char *body;
            size_t len;
            int line, col;
            int raw;
        } fs;
    } v;
} Tok;

typedef struct {
    Tok *toks;                 /* malloc'd, grown by doubling */
    int n, cap;
    /* A bracket still open at the end of the file.  Like CPython we report
     * it only when the parser gets to the end (ntail: index of the closing
     * NEWLINE/DEDENT/EOF run); an earlier syntax error wins. */
    int unclosed, ntail;
    Diag unclosed_diag;
} TokList;

/* The spelling of a token kind ("if", "(", "**="); names for the others. */
extern const char *const lex_tok_text[T_COUNT];

/* Tokenize src[0..len) that starts at line/col of `file`.  With fexpr set the
 * text is the expression of an f-string field: no NEWLINE/INDENT tokens, no
 * comments, newlines are plain whitespace.  0 on success, -1 with *err. */
int lex_tokenize(TokList *out, Arena *a, const char *file, const char *src, size_t len,
                 int line, int col, int fexpr, Diag *err);
void lex_toklist_free(TokList *t);

/* Decode the escapes of a str body (not raw).  0, or -1 with *err at the
 * escape (line/col of body start are used to place it). */
int lex_decode_escapes(Arena *a, const char *file, const char *body, size_t len,
                       int line, int col, const char **out, size_t *outlen, Diag *err);

/* Line and column of body[off], given that body starts at line/col. */
void lex_pos_in(const char *body, size_t off, int line, int col, int *oline, int *ocol);

/* Encode code point cp as UTF-8 into buf (4 bytes); returns the length. */
int lex_utf8_put(char *buf, uint32_t cp);

/* Decode one UTF-8 sequence at s (at most n bytes); returns its length or 0
 * when invalid; *cp receives the code point. */
int lex_utf8_get(const unsigned char *s, size_t n, uint32_t *cp);

#endif
