/* The syntax tree of a lesson script.
 *
 * Nodes live in one arena owned by the Module and are freed all at once.
 * Every node carries the 1-based line and column of its first token, so any
 * later stage (checker, vm, trace) can point at the source.
 *
 * Names are interned per module (ast_intern): equal names are the same
 * pointer, so the resolver compares pointers.  The `scope`/`slot` fields of
 * NAME nodes and of DEF/CLASS are filled by the resolver (vm side), not by
 * the parser: the parser leaves them at SCOPE_UNRESOLVED / -1.
 */
#ifndef PARLAB_AST_H
#define PARLAB_AST_H

#include <stddef.h>
#include <stdint.h>

typedef struct Expr Expr;
typedef struct Stmt Stmt;

typedef enum {
    E_INT, E_FLOAT, E_STR, E_FSTRING, E_CONST,     /* CONST: True/False/None */
    E_NAME, E_LIST, E_TUPLE,
    E_UNARY, E_BINOP, E_BOOLOP, E_COMPARE, E_IFEXP,
    E_CALL, E_ATTR, E_SUBSCRIPT, E_SLICE, E_LISTCOMP,
    E_LAMBDA,
    E_COUNT
} ExprKind;

typedef enum {
    OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_FLOORDIV, OP_MOD, OP_POW,
    OP_NEG, OP_POS, OP_NOT,
    OP_AND, OP_OR,
    OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE,
    OP_IN, OP_NOT_IN, OP_IS, OP_IS_NOT,
    OP_COUNT
} Op;

typedef enum { CONST_NONE, CONST_TRUE, CONST_FALSE } ConstKind;

typedef enum {
    SCOPE_UNRESOLVED, SCOPE_LOCAL, SCOPE_GLOBAL, SCOPE_BUILTIN, SCOPE_CELL, SCOPE_FREE
} Scope;

typedef struct {
    Expr **items;
    int n;
} ExprList;

typedef struct {
    Stmt **items;
    int n;
} StmtList;

/* One piece of an f-string: literal text, or {expr!conv:spec}. */
typedef struct {
    const char *text;      /* literal text (len bytes), when expr == NULL */
    size_t len;
    Expr *expr;            /* replacement field, else NULL */
    char conv;             /* 0, 'r', 's' or 'a' */
    Expr *spec;            /* format spec as an E_FSTRING (may nest fields), or NULL */
} FPart;

/* for TARGET in ITER if COND ... inside a comprehension */
typedef struct {
    Expr *target;
    Expr *iter;
    ExprList ifs;
} CompFor;

struct Expr {
    ExprKind kind;
    int line, col;
    union {
        int64_t i;                                  /* E_INT */
        double f;                                   /* E_FLOAT */
        struct { const char *s; size_t len; } str;  /* E_STR: decoded bytes, UTF-8 */
        struct { FPart *parts; int n; } fstr;       /* E_FSTRING */
        ConstKind cst;                              /* E_CONST */
        struct {                                    /* E_NAME */
            const char *id;                         /* interned */
            Scope scope;
            int slot;
        } name;
        ExprList seq;                               /* E_LIST, E_TUPLE */
        struct { Op op; Expr *operand; } unary;     /* E_UNARY */
        struct { Op op; Expr *l, *r; } bin;         /* E_BINOP, E_BOOLOP */
        struct {                                    /* E_COMPARE: a < b <= c */
            Expr *first;
            Op *ops;
            Expr **rest;
            int n;
        } cmp;
        struct { Expr *cond, *then, *orelse; } ifexp;
        struct {                                    /* E_CALL */
            Expr *func;
            ExprList args;                          /* positional */
            const char **kwnames;                   /* interned */
            Expr **kwvals;
            int nkw;
        } call;
        struct { Expr *obj; const char *name; } attr;       /* E_ATTR */
        struct { Expr *obj; Expr *index; } sub;              /* E_SUBSCRIPT */
        struct { Expr *lo, *hi, *step; } slice;              /* E_SLICE: any may be NULL */
        struct { Expr *elt; CompFor *fors; int nfor; int nslots; } comp; /* E_LISTCOMP */
        Stmt *lambda;                               /* E_LAMBDA: an S_DEF named <lambda>
                                                       (no target) whose body returns the expression */
    } u;
    void *cache;           /* vm: filled by the resolver (interned name, constant, kw names) */
};

typedef enum {
    S_EXPR, S_ASSIGN, S_AUGASSIGN, S_IF, S_WHILE, S_FOR,
    S_BREAK, S_CONTINUE, S_PASS, S_RETURN, S_RAISE,
    S_DEF, S_CLASS, S_GLOBAL, S_ASSERT, S_WITH, S_TRY,
    S_IMPORT, S_IMPORTFROM, S_DEL,
    S_COUNT
} StmtKind;

typedef struct {
    Expr *type;            /* NULL for a bare except: */
    const char *name;      /* `as NAME`, interned, or NULL */
    Expr *name_target;     /* the NAME as an E_NAME node (for resolution), or NULL */
    StmtList body;
    int line, col;
} ExceptClause;

typedef struct {
    const char *module;    /* dotted: "concurrent.futures" */
    const char *name;      /* for from-import: the imported name; NULL for import */
    const char *asname;    /* binding name (interned); for `import a.b` it is "a" */
    Expr *target;          /* E_NAME node of the binding, for resolution */
    int line, col;
} ImportName;

typedef struct {
    const char **names;    /* interned parameter names */
    Expr **defaults;       /* defaults for the last ndefaults params */
    int n, ndefaults;
} Params;

struct Stmt {
    StmtKind kind;
    int line, col;
    union {
        Expr *expr;                                       /* S_EXPR, S_RETURN (may be NULL), S_RAISE (may be NULL) */
        struct { Expr **targets; int ntargets; Expr *value; } assign; /* a = b = value */
        struct { Expr *target; Op op; Expr *value; } aug;
        struct { Expr *cond; StmtList body, orelse; } if_;    /* elif is a nested S_IF in orelse */
        struct { Expr *cond; StmtList body, orelse; } while_;
        struct { Expr *target; Expr *iter; StmtList body, orelse; } for_;
        struct {                                          /* S_DEF */
            const char *name;
            Expr *target;                                 /* E_NAME binding the function */
            Params params;
            StmtList body;
            void *scope_info;                             /* filled by the resolver */
        } def;
        struct {                                          /* S_CLASS */
            const char *name;
            Expr *target;
            ExprList bases;
            StmtList body;
            void *scope_info;
        } cls;
        struct { const char **names; int n; } global;
        struct { Expr *test; Expr *msg; } assert_;
        struct { Expr *ctx; Expr *target; StmtList body; } with; /* target may be NULL; several items nest */
        struct {
            StmtList body;
            ExceptClause *handlers;
            int nhandlers;
            StmtList orelse, finalbody;
        } try_;
        struct { ImportName *names; int n; } import;      /* S_IMPORT, S_IMPORTFROM */
        ExprList del;                                     /* S_DEL */
    } u;
};

typedef struct Arena Arena;

typedef struct {
    const char *file;      /* path as given on the command line */
    const char *src;       /* the source text (owned by the caller) */
    size_t srclen;
    StmtList body;
    const char *docstring; /* the module docstring, decoded, or NULL */
    Arena *arena;          /* owns every node and interned name */
    void *scope_info;      /* filled by the resolver */
} Module;

/* Added by the front end: the interned copy of s in m's arena, so a later
 * stage can compare a name with a node's `id` by pointer.  Allocation in the
 * same arena goes through src/lang/arena.h (arena_alloc, arena_intern). */
const char *ast_intern(Module *m, const char *s);

#endif
