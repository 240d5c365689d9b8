/* The recursive-descent parser, private to src/lang/.
 *
 * The first error stops the parse: p_fail fills the Diag and longjmps back
 * to lang_parse, which destroys the arena.  Nothing is malloc'd per node, so
 * the jump leaks nothing.  `depth` bounds recursion (and the depth of the
 * tree the later stages walk), so hostile input cannot overflow the stack.
 */
#ifndef PARLAB_PARSER_H
#define PARLAB_PARSER_H

#include <setjmp.h>

#include "lang/arena.h"
#include "lang/ast.h"
#include "lang/lexer.h"

#define P_MAX_DEPTH 500

typedef struct {
    const char *file;
    Arena *arena;
    Tok *t;                 /* the token stream being parsed */
    int n, pos;
    Diag *err;
    int depth;
    int fdepth;             /* nesting of f-string format specs */
    jmp_buf fail;
} Parser;

/* A growable array of pointers in the arena. */
typedef struct {
    void **items;
    int n, cap;
} PVec;

void pvec_push(Parser *p, PVec *v, void *x);

_Noreturn void p_fail(Parser *p, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
_Noreturn void p_fail_tok(Parser *p, const Tok *t, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
_Noreturn void p_unsupported(Parser *p, const Tok *t, const char *what);
_Noreturn void p_invalid(Parser *p);

static inline Tok *p_peek(Parser *p) { return &p->t[p->pos]; }
static inline Tok *p_peek2(Parser *p) { return &p->t[p->pos + 1 < p->n ? p->pos + 1 : p->n - 1]; }
static inline Tok *p_prev(Parser *p) { return &p->t[p->pos > 0 ? p->pos - 1 : 0]; }
static inline int p_at(Parser *p, TokKind k) { return p->t[p->pos].kind == k; }
Tok *p_next(Parser *p);
int p_accept(Parser *p, TokKind k);
/* Consumes k or fails with "expected 'k'" just after the previous token. */
Tok *p_expect(Parser *p, TokKind k);

void p_enter(Parser *p, const Tok *at);
static inline void p_leave(Parser *p) { p->depth--; }

Expr *p_new_expr(Parser *p, ExprKind kind, int line, int col);
Stmt *p_new_stmt(Parser *p, StmtKind kind, int line, int col);
Expr *p_name_expr(Parser *p, const char *id, int line, int col);

/* parser_expr.c */
Expr *p_test(Parser *p);                 /* one expression (no bare tuple) */
Expr *p_testlist(Parser *p);             /* a, b, c -> E_TUPLE; trailing comma ok */
Expr *p_target(Parser *p);               /* one target: a name, x.a, x[i], (a, b) */
Expr *p_target_list(Parser *p);          /* for/comprehension targets (stop at `in`) */
void p_check_target(Parser *p, Expr *e, int del, int stmt_level);
int p_starts_expr(TokKind k);
ExprList p_exprlist_from(PVec *v);

/* parser_fstr.c */
Expr *p_strings(Parser *p);              /* adjacent STRING/FSTRING tokens */

/* parser_stmt.c */
void p_file(Parser *p, Module *m);
Expr *p_lambda(Parser *p);               /* lambda PARAMS: TEST */

#endif
