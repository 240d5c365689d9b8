/* Expressions, by precedence from loosest to tightest, as in Python:
 *   test: or_test ['if' or_test 'else' test]
 *   or / and / not / comparison (chained) / [bitwise: refused] /
 *   arith (+ -) / term (* / // %) / factor (unary + -) / power (**, right) /
 *   primary (atom with .name, (args), [subscript]).
 * `-2**2` is -(2**2) because factor's operand is a power, and power's right
 * side is a factor.  Every recursion counts against P_MAX_DEPTH.
 */
#include "lang/parser.h"

#include <string.h>

typedef struct {
    TokKind tok;
    Op op;
} OpMap;

static const OpMap arith_ops[] = {{T_PLUS, OP_ADD}, {T_MINUS, OP_SUB}};
static const OpMap term_ops[] = {
    {T_STAR, OP_MUL}, {T_SLASH, OP_DIV}, {T_DSLASH, OP_FLOORDIV}, {T_PERCENT, OP_MOD},
};
static const OpMap cmp_ops[] = {
    {T_EQEQUAL, OP_EQ}, {T_NOTEQUAL, OP_NE}, {T_LESS, OP_LT}, {T_LESSEQUAL, OP_LE},
    {T_GREATER, OP_GT}, {T_GREATEREQUAL, OP_GE}, {T_IN, OP_IN},
};

static Expr *p_or(Parser *p);
static Expr *p_factor(Parser *p);
static Expr *p_atom(Parser *p);

ExprList p_exprlist_from(PVec *v)
{
    ExprList l = {(Expr **)v->items, v->n};
    return l;
}

int p_starts_expr(TokKind k)
{
    static const TokKind starts[] = {
        T_NAME, T_INT, T_FLOAT, T_STRING, T_FSTRING, T_TRUE, T_FALSE, T_NONE,
        T_LPAR, T_LSQB, T_LBRACE, T_MINUS, T_PLUS, T_TILDE, T_NOT, T_LAMBDA,
        T_AWAIT, T_ELLIPSIS,
    };
    for (size_t i = 0; i < sizeof starts / sizeof starts[0]; i++)
        if (starts[i] == k)
            return 1;
    return 0;
}

static int p_match_op(Parser *p, const OpMap *ops, size_t n, Op *op)
{
    TokKind k = p_peek(p)->kind;
    for (size_t i = 0; i < n; i++) {
        if (ops[i].tok == k) {
            *op = ops[i].op;
            return 1;
        }
    }
    return 0;
}

static Expr *p_binary(Parser *p, ExprKind kind, Op op, Expr *l, Expr *r)
{
    Expr *e = p_new_expr(p, kind, l->line, l->col);
    e->u.bin.op = op;
    e->u.bin.l = l;
    e->u.bin.r = r;
    return e;
}

/* A left-associative level: each operand deepens the tree, so it counts. */
static Expr *p_left_chain(Parser *p, const OpMap *ops, size_t nops, Expr *(*sub)(Parser *))
{
    Expr *e = sub(p);
    int extra = 0;
    Op op;
    while (p_match_op(p, ops, nops, &op)) {
        p_enter(p, p_next(p));
        extra++;
        e = p_binary(p, E_BINOP, op, e, sub(p));
    }
    p->depth -= extra;
    return e;
}

static Expr *p_power(Parser *p)
{
    Expr *base = p_atom(p);
    if (!p_at(p, T_DSTAR))
        return base;
    p_enter(p, p_next(p));
    Expr *e = p_binary(p, E_BINOP, OP_POW, base, p_factor(p));
    p_leave(p);
    return e;
}

static Expr *p_factor(Parser *p)
{
    Tok *t = p_peek(p);
    if (t->kind == T_TILDE)
        p_fail_tok(p, t, "bitwise operator '~' is not supported in lesson scripts");
    if (t->kind == T_AWAIT)
        p_unsupported(p, t, "'await'");
    if (t->kind != T_MINUS && t->kind != T_PLUS)
        return p_power(p);
    p_next(p);
    /* -9223372036854775808 is a valid 64-bit literal although its digits
     * alone are not. */
    Tok *lit = p_peek(p);
    TokKind after = p_peek2(p)->kind;
    if (t->kind == T_MINUS && lit->kind == T_INT && lit->v.i == (uint64_t)1 << 63 &&
        after != T_DSTAR && after != T_DOT && after != T_LPAR && after != T_LSQB) {
        p_next(p);
        Expr *e = p_new_expr(p, E_INT, t->line, t->col);
        e->u.i = INT64_MIN;
        return e;
    }
    p_enter(p, t);
    Expr *e = p_new_expr(p, E_UNARY, t->line, t->col);
    e->u.unary.op = t->kind == T_MINUS ? OP_NEG : OP_POS;
    e->u.unary.operand = p_factor(p);
    p_leave(p);
    return e;
}

static Expr *p_term(Parser *p)
{
    Expr *e = p_left_chain(p, term_ops, sizeof term_ops / sizeof term_ops[0], p_factor);
    if (p_at(p, T_AT))
        p_fail_tok(p, p_peek(p), "'@' (matrix multiplication) is not supported in lesson scripts");
    return e;
}

static Expr *p_arith(Parser *p)
{
    return p_left_chain(p, arith_ops, sizeof arith_ops / sizeof arith_ops[0], p_term);
}

static Expr *p_bitor(Parser *p)
{
    Expr *e = p_arith(p);
    Tok *t = p_peek(p);
    static const TokKind bitwise[] = {T_VBAR, T_CIRCUMFLEX, T_AMPER, T_LSHIFT, T_RSHIFT};
    for (size_t i = 0; i < sizeof bitwise / sizeof bitwise[0]; i++)
        if (t->kind == bitwise[i])
            p_fail_tok(p, t, "bitwise operator '%s' is not supported in lesson scripts",
                       lex_tok_text[t->kind]);
    return e;
}

static int p_cmp_op(Parser *p, Op *op)
{
    if (p_match_op(p, cmp_ops, sizeof cmp_ops / sizeof cmp_ops[0], op)) {
        p_next(p);
        return 1;
    }
    if (p_at(p, T_NOT) && p_peek2(p)->kind == T_IN) {
        p_next(p);
        p_next(p);
        *op = OP_NOT_IN;
        return 1;
    }
    if (p_accept(p, T_IS)) {
        *op = p_accept(p, T_NOT) ? OP_IS_NOT : OP_IS;
        return 1;
    }
    return 0;
}

static Expr *p_comparison(Parser *p)
{
    Expr *first = p_bitor(p);
    PVec rest = {0};
    Op ops[64], *opv = ops;
    int cap = 64;
    Op op;
    while (p_cmp_op(p, &op)) {
        if (rest.n == cap) {
            Op *more = arena_alloc(p->arena, (size_t)cap * 2 * sizeof *more);
            memcpy(more, opv, (size_t)cap * sizeof *more);
            opv = more;
            cap *= 2;
        }
        opv[rest.n] = op;
        pvec_push(p, &rest, p_bitor(p));
    }
    if (rest.n == 0)
        return first;
    Expr *e = p_new_expr(p, E_COMPARE, first->line, first->col);
    e->u.cmp.first = first;
    e->u.cmp.ops = arena_alloc(p->arena, (size_t)rest.n * sizeof(Op));
    memcpy(e->u.cmp.ops, opv, (size_t)rest.n * sizeof(Op));
    e->u.cmp.rest = (Expr **)rest.items;
    e->u.cmp.n = rest.n;
    return e;
}

static Expr *p_not(Parser *p)
{
    if (!p_at(p, T_NOT))
        return p_comparison(p);
    Tok *t = p_next(p);
    p_enter(p, t);
    Expr *e = p_new_expr(p, E_UNARY, t->line, t->col);
    e->u.unary.op = OP_NOT;
    e->u.unary.operand = p_not(p);
    p_leave(p);
    return e;
}

static Expr *p_bool_chain(Parser *p, TokKind tok, Op op, Expr *(*sub)(Parser *))
{
    Expr *e = sub(p);
    int extra = 0;
    while (p_at(p, tok)) {
        p_enter(p, p_next(p));
        extra++;
        e = p_binary(p, E_BOOLOP, op, e, sub(p));
    }
    p->depth -= extra;
    return e;
}

static Expr *p_and(Parser *p)
{
    return p_bool_chain(p, T_AND, OP_AND, p_not);
}

static Expr *p_or(Parser *p)
{
    return p_bool_chain(p, T_OR, OP_OR, p_and);
}

/* `*x` where Python would unpack (displays, targets, expression lists). */
static void p_no_star(Parser *p)
{
    if (p_at(p, T_STAR))
        p_unsupported(p, p_peek(p), "'*' unpacking");
}

Expr *p_test(Parser *p)
{
    Tok *start = p_peek(p);
    /* The contract's subset has no lambda (p_lambda and the interpreter
     * could run one, closures in comprehensions included): refused here so
     * the error names its place. */
    if (start->kind == T_LAMBDA)
        p_unsupported(p, start, "'lambda'");
    if (start->kind == T_YIELD)
        p_unsupported(p, start, "'yield'");
    p_enter(p, start);
    Expr *e = p_or(p);
    if (p_accept(p, T_IF)) {
        Expr *x = p_new_expr(p, E_IFEXP, e->line, e->col);
        x->u.ifexp.then = e;
        x->u.ifexp.cond = p_or(p);
        if (!p_accept(p, T_ELSE))
            p_fail(p, e->line, e->col, "expected 'else' after 'if' expression");
        x->u.ifexp.orelse = p_test(p);
        e = x;
    }
    if (p_at(p, T_COLONEQ))
        p_unsupported(p, p_peek(p), "':=' (assignment expression)");
    p_leave(p);
    return e;
}

Expr *p_testlist(Parser *p)
{
    p_no_star(p);
    Expr *first = p_test(p);
    if (!p_at(p, T_COMMA))
        return first;
    PVec items = {0};
    pvec_push(p, &items, first);
    while (p_accept(p, T_COMMA) && (p_starts_expr(p_peek(p)->kind) || p_at(p, T_STAR))) {
        p_no_star(p);
        pvec_push(p, &items, p_test(p));
    }
    Expr *t = p_new_expr(p, E_TUPLE, first->line, first->col);
    t->u.seq = p_exprlist_from(&items);
    return t;
}

Expr *p_target(Parser *p)
{
    return p_bitor(p);
}

Expr *p_target_list(Parser *p)
{
    p_no_star(p);
    Expr *first = p_bitor(p);
    if (!p_at(p, T_COMMA))
        return first;
    PVec items = {0};
    pvec_push(p, &items, first);
    while (p_accept(p, T_COMMA) && (p_starts_expr(p_peek(p)->kind) || p_at(p, T_STAR))) {
        p_no_star(p);
        pvec_push(p, &items, p_bitor(p));
    }
    Expr *t = p_new_expr(p, E_TUPLE, first->line, first->col);
    t->u.seq = p_exprlist_from(&items);
    return t;
}

static const char *p_target_what(const Expr *e)
{
    switch (e->kind) {
    case E_INT: case E_FLOAT: case E_STR: return "literal";
    case E_FSTRING: return "f-string expression";
    case E_CONST: return e->u.cst == CONST_NONE ? "None" : e->u.cst == CONST_TRUE ? "True" : "False";
    case E_CALL: return "function call";
    case E_COMPARE: return "comparison";
    case E_IFEXP: return "conditional expression";
    case E_LISTCOMP: return "list comprehension";
    default: return "expression";
    }
}

void p_check_target(Parser *p, Expr *e, int del, int stmt_level)
{
    if (e->kind == E_NAME || e->kind == E_ATTR || e->kind == E_SUBSCRIPT)
        return;
    if (e->kind == E_TUPLE || e->kind == E_LIST) {
        for (int i = 0; i < e->u.seq.n; i++)
            p_check_target(p, e->u.seq.items[i], del, 0);
        return;
    }
    const char *what = p_target_what(e);
    if (del)
        p_fail(p, e->line, e->col, "cannot delete %s", what);
    if (stmt_level && e->kind != E_CONST)
        p_fail(p, e->line, e->col, "cannot assign to %s here. Maybe you meant '==' instead of '='?",
               what);
    p_fail(p, e->line, e->col, "cannot assign to %s", what);
}

/* After an item inside brackets: a comma, the closer, or a helpful error. */
static int p_item_sep(Parser *p, TokKind close, const Expr *item)
{
    if (p_accept(p, T_COMMA))
        return 1;
    if (p_at(p, close))
        return 0;
    if (p_starts_expr(p_peek(p)->kind))
        p_fail(p, item->line, item->col, "invalid syntax. Perhaps you forgot a comma?");
    p_invalid(p);
}

static Expr *p_call(Parser *p, Expr *func)
{
    p_next(p);
    PVec args = {0}, kwn = {0}, kwv = {0};
    while (!p_at(p, T_RPAR)) {
        Tok *t = p_peek(p);
        if (t->kind == T_STAR)
            p_unsupported(p, t, "'*' argument unpacking");
        if (t->kind == T_DSTAR)
            p_unsupported(p, t, "'**' argument unpacking");
        Expr *item;
        if (t->kind == T_NAME && p_peek2(p)->kind == T_EQUAL) {
            p_next(p);
            p_next(p);
            for (int i = 0; i < kwn.n; i++)
                if (kwn.items[i] == t->v.name)
                    p_fail_tok(p, t, "keyword argument repeated: %s", t->v.name);
            pvec_push(p, &kwn, (void *)t->v.name);
            item = p_test(p);
            pvec_push(p, &kwv, item);
        } else {
            item = p_test(p);
            if (p_at(p, T_EQUAL) && item->kind == E_CONST)
                p_fail(p, item->line, item->col, "cannot assign to %s", p_target_what(item));
            if (p_at(p, T_EQUAL))
                p_fail(p, item->line, item->col,
                       "expression cannot contain assignment, perhaps you meant \"==\"?");
            if (p_at(p, T_FOR))
                p_fail(p, item->line, item->col,
                       "generator expressions are not supported in lesson scripts");
            if (kwn.n)
                p_fail(p, item->line, item->col, "positional argument follows keyword argument");
            pvec_push(p, &args, item);
        }
        if (!p_item_sep(p, T_RPAR, item))
            break;
    }
    p_next(p);
    Expr *e = p_new_expr(p, E_CALL, func->line, func->col);
    e->u.call.func = func;
    e->u.call.args = p_exprlist_from(&args);
    e->u.call.kwnames = (const char **)kwn.items;
    e->u.call.kwvals = (Expr **)kwv.items;
    e->u.call.nkw = kwn.n;
    return e;
}

static Expr *p_slice_item(Parser *p)
{
    Tok *t = p_peek(p);
    Expr *lo = p_at(p, T_COLON) ? NULL : p_test(p);
    if (!p_accept(p, T_COLON))
        return lo;
    Expr *s = p_new_expr(p, E_SLICE, t->line, t->col);
    s->u.slice.lo = lo;
    if (!p_at(p, T_COLON) && !p_at(p, T_RSQB) && !p_at(p, T_COMMA))
        s->u.slice.hi = p_test(p);
    if (p_accept(p, T_COLON) && !p_at(p, T_RSQB) && !p_at(p, T_COMMA))
        s->u.slice.step = p_test(p);
    return s;
}

static Expr *p_subscript(Parser *p, Expr *obj)
{
    Tok *open = p_next(p);
    if (p_at(p, T_RSQB))
        p_invalid(p);
    p_no_star(p);
    Expr *index = p_slice_item(p);
    if (p_at(p, T_COMMA)) {
        PVec items = {0};
        pvec_push(p, &items, index);
        while (p_accept(p, T_COMMA) && !p_at(p, T_RSQB))
            pvec_push(p, &items, p_slice_item(p));
        for (int i = 0; i < items.n; i++)
            if (((Expr *)items.items[i])->kind == E_SLICE)
                p_fail_tok(p, open, "multi-dimensional slices are not supported in lesson scripts");
        index = p_new_expr(p, E_TUPLE, index->line, index->col);
        index->u.seq = p_exprlist_from(&items);
    }
    if (!p_at(p, T_RSQB))
        p_item_sep(p, T_RSQB, index);
    p_next(p);
    Expr *e = p_new_expr(p, E_SUBSCRIPT, obj->line, obj->col);
    e->u.sub.obj = obj;
    e->u.sub.index = index;
    return e;
}

static Expr *p_trailers(Parser *p, Expr *e)
{
    int extra = 0;
    for (;;) {
        Tok *t = p_peek(p);
        if (t->kind == T_DOT) {
            p_enter(p, t);
            extra++;
            p_next(p);
            Tok *name = p_peek(p);
            if (name->kind != T_NAME)
                p_invalid(p);
            p_next(p);
            Expr *a = p_new_expr(p, E_ATTR, e->line, e->col);
            a->u.attr.obj = e;
            a->u.attr.name = name->v.name;
            e = a;
        } else if (t->kind == T_LPAR) {
            p_enter(p, t);
            extra++;
            e = p_call(p, e);
        } else if (t->kind == T_LSQB) {
            p_enter(p, t);
            extra++;
            e = p_subscript(p, e);
        } else {
            break;
        }
    }
    p->depth -= extra;
    return e;
}

static Expr *p_comprehension(Parser *p, Tok *open, Expr *elt)
{
    Expr *e = p_new_expr(p, E_LISTCOMP, open->line, open->col);
    e->u.comp.elt = elt;
    PVec fors = {0};
    while (p_at(p, T_FOR) || p_at(p, T_ASYNC)) {
        if (p_at(p, T_ASYNC))
            p_unsupported(p, p_peek(p), "'async'");
        p_next(p);
        CompFor *f = arena_alloc(p->arena, sizeof *f);
        f->target = p_target_list(p);
        p_check_target(p, f->target, 0, 0);
        if (!p_accept(p, T_IN))
            p_invalid(p);
        f->iter = p_or(p);
        PVec ifs = {0};
        while (p_accept(p, T_IF))
            pvec_push(p, &ifs, p_or(p));
        f->ifs = p_exprlist_from(&ifs);
        pvec_push(p, &fors, f);
    }
    e->u.comp.nfor = fors.n;
    e->u.comp.fors = arena_alloc(p->arena, (size_t)fors.n * sizeof(CompFor));
    for (int i = 0; i < fors.n; i++)
        e->u.comp.fors[i] = *(CompFor *)fors.items[i];
    if (!p_at(p, T_RSQB))
        p_invalid(p);
    p_next(p);
    return e;
}

/* ( ... ) and [ ... ]: a parenthesized expression, a tuple, a list, a list
 * comprehension; generator expressions are refused. */
static Expr *p_display(Parser *p, TokKind close)
{
    Tok *open = p_next(p);
    int list = close == T_RSQB;
    PVec items = {0};
    if (!list && p_at(p, T_YIELD))
        p_unsupported(p, p_peek(p), "'yield'");
    if (!p_at(p, close)) {
        p_no_star(p);
        Expr *first = p_test(p);
        if (p_at(p, T_FOR) || p_at(p, T_ASYNC)) {
            if (list)
                return p_comprehension(p, open, first);
            p_fail_tok(p, open, "generator expressions are not supported in lesson scripts");
        }
        if (!list && p_at(p, T_RPAR)) {
            p_next(p);
            return first;
        }
        Expr *item = first;
        pvec_push(p, &items, first);
        while (p_item_sep(p, close, item) && !p_at(p, close)) {
            p_no_star(p);
            item = p_test(p);
            pvec_push(p, &items, item);
        }
    }
    p_next(p);
    Expr *e = p_new_expr(p, list ? E_LIST : E_TUPLE, open->line, open->col);
    e->u.seq = p_exprlist_from(&items);
    return e;
}

/* { ... } is always refused; look inside only to name what it is. */
static _Noreturn void p_brace(Parser *p)
{
    Tok *open = p_next(p);
    if (p_at(p, T_RBRACE) || p_at(p, T_DSTAR))
        p_fail_tok(p, open, "dict literals are not supported in lesson scripts");
    if (p_at(p, T_STAR))
        p_fail_tok(p, open, "set literals are not supported in lesson scripts");
    p_test(p);
    if (p_accept(p, T_COLON)) {
        p_test(p);
        if (p_at(p, T_FOR))
            p_fail_tok(p, open, "dict comprehensions are not supported in lesson scripts");
        p_fail_tok(p, open, "dict literals are not supported in lesson scripts");
    }
    if (p_at(p, T_FOR))
        p_fail_tok(p, open, "set comprehensions are not supported in lesson scripts");
    p_fail_tok(p, open, "set literals are not supported in lesson scripts");
}

static Expr *p_atom(Parser *p)
{
    Tok *t = p_peek(p);
    Expr *e;
    switch (t->kind) {
    case T_NAME:
        p_next(p);
        e = p_name_expr(p, t->v.name, t->line, t->col);
        break;
    case T_INT:
        if (t->v.i > (uint64_t)INT64_MAX)
            p_fail_tok(p, t, "integer literal too large: lesson scripts use 64-bit integers "
                       "(at most 9223372036854775807)");
        p_next(p);
        e = p_new_expr(p, E_INT, t->line, t->col);
        e->u.i = (int64_t)t->v.i;
        break;
    case T_FLOAT:
        p_next(p);
        e = p_new_expr(p, E_FLOAT, t->line, t->col);
        e->u.f = t->v.f;
        break;
    case T_STRING:
    case T_FSTRING:
        e = p_strings(p);
        break;
    case T_TRUE:
    case T_FALSE:
    case T_NONE:
        p_next(p);
        e = p_new_expr(p, E_CONST, t->line, t->col);
        e->u.cst = t->kind == T_TRUE ? CONST_TRUE : t->kind == T_FALSE ? CONST_FALSE : CONST_NONE;
        break;
    case T_LPAR:
        e = p_display(p, T_RPAR);
        break;
    case T_LSQB:
        e = p_display(p, T_RSQB);
        break;
    case T_LBRACE:
        p_brace(p);
    case T_ELLIPSIS:
        p_unsupported(p, t, "'...' (Ellipsis)");
    case T_YIELD:
        p_unsupported(p, t, "'yield'");
    case T_LAMBDA:
        p_unsupported(p, t, "'lambda'");
    case T_AWAIT:
        p_unsupported(p, t, "'await'");
    default:
        p_invalid(p);
    }
    return p_trailers(p, e);
}
