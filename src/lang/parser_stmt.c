/* Statements.  Simple ones share a line with `;`; compound ones take a
 * block: NEWLINE INDENT stmt+ DEDENT, or simple statements after the ':'.
 * `elif` becomes an S_IF alone in the orelse of the previous one, and
 * `with a as b, c as d` becomes two nested S_WITH.
 */
#include "lang/parser.h"

#include <string.h>

static void p_stmt(Parser *p, PVec *out);

static const struct { TokKind tok; Op op; } aug_ops[] = {
    {T_PLUSEQ, OP_ADD}, {T_MINUSEQ, OP_SUB}, {T_STAREQ, OP_MUL}, {T_SLASHEQ, OP_DIV},
    {T_DSLASHEQ, OP_FLOORDIV}, {T_PERCENTEQ, OP_MOD}, {T_DSTAREQ, OP_POW},
};

static const TokKind refused_aug[] = {
    T_ATEQ, T_VBAREQ, T_AMPEREQ, T_CIRCEQ, T_LSHIFTEQ, T_RSHIFTEQ,
};

static StmtList p_stmtlist(PVec *v)
{
    StmtList l = {(Stmt **)v->items, v->n};
    return l;
}

static void p_simple_stmts(Parser *p, PVec *out);

/* After the ':' of a compound statement. */
static StmtList p_block(Parser *p, const char *what, int line)
{
    PVec body = {0};
    if (!p_accept(p, T_NEWLINE)) {
        /* `if x: a; b` -- only simple statements may follow the colon */
        p_simple_stmts(p, &body);
        return p_stmtlist(&body);
    }
    if (!p_at(p, T_INDENT)) {
        Tok *t = p_peek(p);
        p_fail_tok(p, t, "expected an indented block after %s on line %d", what, line);
    }
    p_enter(p, p_next(p));
    while (!p_at(p, T_DEDENT) && !p_at(p, T_EOF))
        p_stmt(p, &body);
    p_accept(p, T_DEDENT);
    p_leave(p);
    return p_stmtlist(&body);
}

static Tok *p_name_tok(Parser *p)
{
    if (!p_at(p, T_NAME))
        p_invalid(p);
    return p_next(p);
}

static Stmt *p_if(Parser *p)
{
    Tok *t = p_next(p);
    Stmt *s = p_new_stmt(p, S_IF, t->line, t->col);
    s->u.if_.cond = p_test(p);
    p_expect(p, T_COLON);
    s->u.if_.body = p_block(p, t->kind == T_IF ? "'if' statement" : "'elif' statement", t->line);
    if (p_at(p, T_ELIF)) {
        PVec orelse = {0};
        p_enter(p, p_peek(p));
        pvec_push(p, &orelse, p_if(p));
        p_leave(p);
        s->u.if_.orelse = p_stmtlist(&orelse);
    } else if (p_at(p, T_ELSE)) {
        Tok *e = p_next(p);
        p_expect(p, T_COLON);
        s->u.if_.orelse = p_block(p, "'else' statement", e->line);
    }
    return s;
}

static StmtList p_loop_else(Parser *p)
{
    StmtList none = {0};
    if (!p_at(p, T_ELSE))
        return none;
    Tok *e = p_next(p);
    p_expect(p, T_COLON);
    return p_block(p, "'else' statement", e->line);
}

static Stmt *p_while(Parser *p)
{
    Tok *t = p_next(p);
    Stmt *s = p_new_stmt(p, S_WHILE, t->line, t->col);
    s->u.while_.cond = p_test(p);
    p_expect(p, T_COLON);
    s->u.while_.body = p_block(p, "'while' statement", t->line);
    s->u.while_.orelse = p_loop_else(p);
    return s;
}

static Stmt *p_for(Parser *p)
{
    Tok *t = p_next(p);
    Stmt *s = p_new_stmt(p, S_FOR, t->line, t->col);
    s->u.for_.target = p_target_list(p);
    p_check_target(p, s->u.for_.target, 0, 0);
    if (!p_accept(p, T_IN))
        p_invalid(p);
    s->u.for_.iter = p_testlist(p);
    p_expect(p, T_COLON);
    s->u.for_.body = p_block(p, "'for' statement", t->line);
    s->u.for_.orelse = p_loop_else(p);
    return s;
}

static Stmt *p_try(Parser *p)
{
    Tok *t = p_next(p);
    Stmt *s = p_new_stmt(p, S_TRY, t->line, t->col);
    p_expect(p, T_COLON);
    s->u.try_.body = p_block(p, "'try' statement", t->line);
    PVec handlers = {0};
    while (p_at(p, T_EXCEPT)) {
        Tok *e = p_next(p);
        if (p_at(p, T_STAR))
            p_unsupported(p, p_peek(p), "'except*'");
        ExceptClause *h = arena_alloc(p->arena, sizeof *h);
        h->line = e->line;
        h->col = e->col;
        if (!p_at(p, T_COLON)) {
            h->type = p_test(p);
            if (p_at(p, T_COMMA))
                p_fail(p, h->type->line, h->type->col,
                       "multiple exception types must be parenthesized");
            if (p_accept(p, T_AS)) {
                Tok *n = p_name_tok(p);
                h->name = n->v.name;
                h->name_target = p_name_expr(p, n->v.name, n->line, n->col);
            }
        }
        p_expect(p, T_COLON);
        h->body = p_block(p, "'except' statement", e->line);
        if (!h->type && p_at(p, T_EXCEPT))
            p_fail_tok(p, e, "default 'except:' must be last");
        pvec_push(p, &handlers, h);
    }
    s->u.try_.nhandlers = handlers.n;
    s->u.try_.handlers = arena_alloc(p->arena, (size_t)handlers.n * sizeof(ExceptClause));
    for (int i = 0; i < handlers.n; i++)
        s->u.try_.handlers[i] = *(ExceptClause *)handlers.items[i];
    if (handlers.n && p_at(p, T_ELSE)) {
        Tok *e = p_next(p);
        p_expect(p, T_COLON);
        s->u.try_.orelse = p_block(p, "'else' statement", e->line);
    }
    if (p_at(p, T_FINALLY)) {
        Tok *f = p_next(p);
        p_expect(p, T_COLON);
        s->u.try_.finalbody = p_block(p, "'finally' statement", f->line);
    } else if (!handlers.n) {
        p_fail_tok(p, p_peek(p), "expected 'except' or 'finally' block");
    }
    return s;
}

/* `with (a as b, c as d):` is the parenthesized form when the ')' is
 * followed by ':' and an `as` sits at its top level. */
static int p_with_parenthesized(Parser *p)
{
    if (!p_at(p, T_LPAR))
        return 0;
    int depth = 0, as = 0;
    for (int i = p->pos; i < p->n; i++) {
        TokKind k = p->t[i].kind;
        if (k == T_LPAR || k == T_LSQB || k == T_LBRACE)
            depth++;
        else if (k == T_RPAR || k == T_RSQB || k == T_RBRACE) {
            if (--depth == 0)
                return as && i + 1 < p->n && p->t[i + 1].kind == T_COLON;
        } else if (k == T_AS && depth == 1)
            as = 1;
        else if (k == T_NEWLINE || k == T_EOF)
            return 0;
    }
    return 0;
}

static Stmt *p_with(Parser *p)
{
    Tok *t = p_next(p);
    int paren = p_with_parenthesized(p);
    if (paren)
        p_next(p);
    PVec items = {0};
    do {
        if (paren && p_at(p, T_RPAR))
            break;
        Expr *ctx = p_test(p);
        Stmt *s = p_new_stmt(p, S_WITH, items.n ? ctx->line : t->line, items.n ? ctx->col : t->col);
        s->u.with.ctx = ctx;
        if (p_accept(p, T_AS)) {
            s->u.with.target = p_target(p);
            p_check_target(p, s->u.with.target, 0, 0);
        }
        pvec_push(p, &items, s);
    } while (p_accept(p, T_COMMA));
    if (paren && !p_accept(p, T_RPAR))
        p_invalid(p);
    p_expect(p, T_COLON);
    for (int i = 0; i < items.n; i++)
        p_enter(p, t);
    StmtList body = p_block(p, "'with' statement", t->line);
    p->depth -= items.n;
    for (int i = items.n - 1; i >= 0; i--) {
        Stmt *s = items.items[i];
        s->u.with.body = body;
        PVec one = {0};
        pvec_push(p, &one, s);
        body = p_stmtlist(&one);
    }
    return items.items[0];
}

/* Parameters up to `end`: ')' of a def, ':' of a lambda (consumed). */
static void p_params(Parser *p, Params *out, TokKind end)
{
    PVec names = {0}, defaults = {0};
    while (!p_at(p, end)) {
        Tok *t = p_peek(p);
        if (t->kind == T_STAR) {
            TokKind k = p_peek2(p)->kind;
            p_unsupported(p, t, k == T_COMMA || k == end ? "keyword-only parameters ('*')"
                                                            : "'*args' parameters");
        }
        if (t->kind == T_DSTAR)
            p_unsupported(p, t, "'**kwargs' parameters");
        if (t->kind == T_SLASH)
            p_unsupported(p, t, "positional-only parameters ('/')");
        Tok *name = p_name_tok(p);
        for (int i = 0; i < names.n; i++)
            if (names.items[i] == name->v.name)
                p_fail_tok(p, name, "duplicate argument '%s' in function definition", name->v.name);
        pvec_push(p, &names, (void *)name->v.name);
        if (end == T_RPAR && p_at(p, T_COLON))
            p_fail_tok(p, p_peek(p), "type annotations are not supported in lesson scripts");
        if (p_accept(p, T_EQUAL))
            pvec_push(p, &defaults, p_test(p));
        else if (defaults.n)
            p_fail_tok(p, name, "non-default argument follows default argument");
        if (!p_accept(p, T_COMMA) && !p_at(p, end))
            p_invalid(p);
    }
    p_next(p);
    out->names = (const char **)names.items;
    out->n = names.n;
    out->defaults = (Expr **)defaults.items;
    out->ndefaults = defaults.n;
}

static Stmt *p_def(Parser *p)
{
    Tok *t = p_next(p);
    Tok *name = p_name_tok(p);
    Stmt *s = p_new_stmt(p, S_DEF, t->line, t->col);
    s->u.def.name = name->v.name;
    s->u.def.target = p_name_expr(p, name->v.name, name->line, name->col);
    p_expect(p, T_LPAR);
    p_params(p, &s->u.def.params, T_RPAR);
    if (p_at(p, T_ARROW))
        p_fail_tok(p, p_peek(p), "type annotations are not supported in lesson scripts");
    p_expect(p, T_COLON);
    s->u.def.body = p_block(p, "function definition", t->line);
    return s;
}

Expr *p_lambda(Parser *p)
{
    Tok *t = p_next(p);
    Stmt *s = p_new_stmt(p, S_DEF, t->line, t->col);
    s->u.def.name = "<lambda>";
    p_params(p, &s->u.def.params, T_COLON);
    Expr *body = p_test(p);
    Stmt *ret = p_new_stmt(p, S_RETURN, body->line, body->col);
    ret->u.expr = body;
    PVec one = {0};
    pvec_push(p, &one, ret);
    s->u.def.body = p_stmtlist(&one);
    Expr *e = p_new_expr(p, E_LAMBDA, t->line, t->col);
    e->u.lambda = s;
    return e;
}

static Stmt *p_class(Parser *p)
{
    Tok *t = p_next(p);
    Tok *name = p_name_tok(p);
    Stmt *s = p_new_stmt(p, S_CLASS, t->line, t->col);
    s->u.cls.name = name->v.name;
    s->u.cls.target = p_name_expr(p, name->v.name, name->line, name->col);
    PVec bases = {0};
    if (p_accept(p, T_LPAR)) {
        while (!p_at(p, T_RPAR)) {
            Tok *b = p_peek(p);
            if (b->kind == T_NAME && p_peek2(p)->kind == T_EQUAL)
                p_fail_tok(p, b, "class keyword arguments ('%s=') are not supported in lesson scripts",
                           b->v.name);
            if (b->kind == T_STAR || b->kind == T_DSTAR)
                p_unsupported(p, b, "'*' argument unpacking");
            pvec_push(p, &bases, p_test(p));
            if (!p_accept(p, T_COMMA) && !p_at(p, T_RPAR))
                p_invalid(p);
        }
        p_next(p);
    }
    s->u.cls.bases = p_exprlist_from(&bases);
    p_expect(p, T_COLON);
    s->u.cls.body = p_block(p, "class definition", t->line);
    return s;
}

/* a.b.c -> the interned "a.b.c"; *first gets the token of "a". */
static const char *p_dotted(Parser *p, Tok **first)
{
    Tok *t = p_name_tok(p);
    *first = t;
    const char *end = t->p + t->len;
    while (p_at(p, T_DOT)) {
        p_next(p);
        Tok *n = p_name_tok(p);
        end = n->p + n->len;
    }
    /* rebuild without whitespace: `a . b` is legal Python */
    char buf[256];
    size_t o = 0;
    for (const char *c = t->p; c < end && o < sizeof buf - 1; c++)
        if (*c != ' ' && *c != '\t' && *c != '\\' && *c != '\n' && *c != '\r')
            buf[o++] = *c;
    return arena_intern(p->arena, buf, o);
}

static Stmt *p_import(Parser *p)
{
    Tok *t = p_next(p);
    Stmt *s = p_new_stmt(p, S_IMPORT, t->line, t->col);
    PVec names = {0};
    do {
        Tok *first;
        ImportName *in = arena_alloc(p->arena, sizeof *in);
        in->module = p_dotted(p, &first);
        in->line = first->line;
        in->col = first->col;
        Tok *bind = first;
        if (p_accept(p, T_AS))
            bind = p_name_tok(p);
        in->asname = bind->v.name;
        in->target = p_name_expr(p, bind->v.name, bind->line, bind->col);
        pvec_push(p, &names, in);
    } while (p_accept(p, T_COMMA));
    s->u.import.n = names.n;
    s->u.import.names = arena_alloc(p->arena, (size_t)names.n * sizeof(ImportName));
    for (int i = 0; i < names.n; i++)
        s->u.import.names[i] = *(ImportName *)names.items[i];
    return s;
}

static Stmt *p_from(Parser *p)
{
    Tok *t = p_next(p);
    Stmt *s = p_new_stmt(p, S_IMPORTFROM, t->line, t->col);
    if (p_at(p, T_DOT) || p_at(p, T_ELLIPSIS))
        p_unsupported(p, p_peek(p), "relative import");
    Tok *first;
    const char *module = p_dotted(p, &first);
    if (!p_accept(p, T_IMPORT))
        p_invalid(p);
    if (p_at(p, T_STAR))
        p_unsupported(p, p_peek(p), "'from ... import *'");
    int paren = p_accept(p, T_LPAR);
    PVec names = {0};
    for (;;) {
        Tok *n = p_name_tok(p);
        ImportName *in = arena_alloc(p->arena, sizeof *in);
        in->module = module;
        in->name = n->v.name;
        in->line = n->line;
        in->col = n->col;
        Tok *bind = n;
        if (p_accept(p, T_AS))
            bind = p_name_tok(p);
        in->asname = bind->v.name;
        in->target = p_name_expr(p, bind->v.name, bind->line, bind->col);
        pvec_push(p, &names, in);
        if (!p_accept(p, T_COMMA))
            break;
        if (paren && p_at(p, T_RPAR))
            break;
        if (!paren && !p_at(p, T_NAME))
            p_fail_tok(p, p_peek(p), "trailing comma not allowed without surrounding parentheses");
    }
    if (paren && !p_accept(p, T_RPAR))
        p_invalid(p);
    s->u.import.n = names.n;
    s->u.import.names = arena_alloc(p->arena, (size_t)names.n * sizeof(ImportName));
    for (int i = 0; i < names.n; i++)
        s->u.import.names[i] = *(ImportName *)names.items[i];
    return s;
}

static Stmt *p_expr_stmt(Parser *p)
{
    Tok *t = p_peek(p);
    Expr *e = p_testlist(p);
    if (p_at(p, T_EQUAL)) {
        PVec targets = {0};
        while (p_accept(p, T_EQUAL)) {
            pvec_push(p, &targets, e);
            if (p_at(p, T_YIELD))
                p_unsupported(p, p_peek(p), "'yield'");
            e = p_testlist(p);
        }
        for (int i = 0; i < targets.n; i++)
            p_check_target(p, targets.items[i], 0, 1);
        Stmt *s = p_new_stmt(p, S_ASSIGN, t->line, t->col);
        s->u.assign.targets = (Expr **)targets.items;
        s->u.assign.ntargets = targets.n;
        s->u.assign.value = e;
        return s;
    }
    TokKind k = p_peek(p)->kind;
    for (size_t i = 0; i < sizeof aug_ops / sizeof aug_ops[0]; i++) {
        if (aug_ops[i].tok != k)
            continue;
        if (e->kind != E_NAME && e->kind != E_ATTR && e->kind != E_SUBSCRIPT)
            p_fail(p, e->line, e->col, "'%s' is an illegal expression for augmented assignment",
                   e->kind == E_TUPLE ? "tuple" : e->kind == E_LIST ? "list" : "expression");
        p_next(p);
        Stmt *s = p_new_stmt(p, S_AUGASSIGN, t->line, t->col);
        s->u.aug.target = e;
        s->u.aug.op = aug_ops[i].op;
        s->u.aug.value = p_testlist(p);
        return s;
    }
    for (size_t i = 0; i < sizeof refused_aug / sizeof refused_aug[0]; i++)
        if (refused_aug[i] == k)
            p_fail_tok(p, p_peek(p), "operator '%s' is not supported in lesson scripts",
                       lex_tok_text[k]);
    if (k == T_COLON)
        p_fail_tok(p, p_peek(p), "type annotations are not supported in lesson scripts");
    if (e->kind == E_NAME && strcmp(e->u.name.id, "print") == 0 && p_starts_expr(k))
        p_fail(p, e->line, e->col, "Missing parentheses in call to 'print'. Did you mean print(...)?");
    Stmt *s = p_new_stmt(p, S_EXPR, t->line, t->col);
    s->u.expr = e;
    return s;
}

static Stmt *p_small_stmt(Parser *p)
{
    Tok *t = p_peek(p);
    Stmt *s;
    switch (t->kind) {
    case T_PASS:
        p_next(p);
        return p_new_stmt(p, S_PASS, t->line, t->col);
    case T_BREAK:
        p_next(p);
        return p_new_stmt(p, S_BREAK, t->line, t->col);
    case T_CONTINUE:
        p_next(p);
        return p_new_stmt(p, S_CONTINUE, t->line, t->col);
    case T_RETURN:
    case T_RAISE:
        p_next(p);
        s = p_new_stmt(p, t->kind == T_RETURN ? S_RETURN : S_RAISE, t->line, t->col);
        if (p_starts_expr(p_peek(p)->kind) || p_at(p, T_STAR))
            s->u.expr = t->kind == T_RETURN ? p_testlist(p) : p_test(p);
        if (t->kind == T_RAISE && p_at(p, T_FROM))
            p_unsupported(p, p_peek(p), "'raise ... from'");
        return s;
    case T_GLOBAL: {
        p_next(p);
        s = p_new_stmt(p, S_GLOBAL, t->line, t->col);
        PVec names = {0};
        do
            pvec_push(p, &names, (void *)p_name_tok(p)->v.name);
        while (p_accept(p, T_COMMA));
        s->u.global.names = (const char **)names.items;
        s->u.global.n = names.n;
        return s;
    }
    case T_ASSERT:
        p_next(p);
        s = p_new_stmt(p, S_ASSERT, t->line, t->col);
        s->u.assert_.test = p_test(p);
        if (p_accept(p, T_COMMA))
            s->u.assert_.msg = p_test(p);
        return s;
    case T_DEL: {
        p_next(p);
        s = p_new_stmt(p, S_DEL, t->line, t->col);
        PVec targets = {0};
        do {
            Expr *e = p_target(p);
            p_check_target(p, e, 1, 0);
            pvec_push(p, &targets, e);
        } while (p_accept(p, T_COMMA) && !p_at(p, T_NEWLINE) && !p_at(p, T_SEMI));
        s->u.del = p_exprlist_from(&targets);
        return s;
    }
    case T_IMPORT:
        return p_import(p);
    case T_FROM:
        return p_from(p);
    case T_NONLOCAL:
        p_unsupported(p, t, "'nonlocal'");
    case T_YIELD:
        p_unsupported(p, t, "'yield'");
    case T_INDENT:
        p_invalid(p);
    default:
        return p_expr_stmt(p);
    }
}

static void p_simple_stmts(Parser *p, PVec *out)
{
    for (;;) {
        pvec_push(p, out, p_small_stmt(p));
        if (!p_accept(p, T_SEMI) || p_at(p, T_NEWLINE))
            break;
    }
    if (!p_accept(p, T_NEWLINE))
        p_invalid(p);
}

/* `match x:` opening a block is a match statement; `match = 3` is not. */
static int p_is_match(Parser *p)
{
    Tok *t = p_peek(p);
    if (t->kind != T_NAME || strcmp(t->v.name, "match") != 0)
        return 0;
    TokKind k = p_peek2(p)->kind;
    if (!p_starts_expr(k) && k != T_STAR)
        return 0;
    for (int i = p->pos + 1; i < p->n; i++)
        if (p->t[i].kind == T_NEWLINE || p->t[i].kind == T_EOF)
            return p->t[i - 1].kind == T_COLON;
    return 0;
}

static void p_stmt(Parser *p, PVec *out)
{
    Tok *t = p_peek(p);
    switch (t->kind) {
    case T_IF:
        pvec_push(p, out, p_if(p));
        return;
    case T_WHILE:
        pvec_push(p, out, p_while(p));
        return;
    case T_FOR:
        pvec_push(p, out, p_for(p));
        return;
    case T_TRY:
        pvec_push(p, out, p_try(p));
        return;
    case T_WITH:
        pvec_push(p, out, p_with(p));
        return;
    case T_DEF:
        pvec_push(p, out, p_def(p));
        return;
    case T_CLASS:
        pvec_push(p, out, p_class(p));
        return;
    case T_AT:
        p_unsupported(p, t, "decorators ('@')");
    case T_ASYNC:
        p_unsupported(p, t, "'async'");
    case T_ELSE:
    case T_ELIF:
    case T_EXCEPT:
    case T_FINALLY:
        p_invalid(p);
    default:
        if (p_is_match(p))
            p_unsupported(p, t, "'match'");
        p_simple_stmts(p, out);
    }
}

void p_file(Parser *p, Module *m)
{
    PVec body = {0};
    while (!p_at(p, T_EOF))
        p_stmt(p, &body);
    m->body = p_stmtlist(&body);
    if (body.n) {
        Stmt *first = body.items[0];
        if (first->kind == S_EXPR && first->u.expr->kind == E_STR)
            m->docstring = first->u.expr->u.str.s;
    }
}
