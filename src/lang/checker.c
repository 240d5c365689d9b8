/* lang_check: the rules that need the whole tree.
 *
 * - break/continue only in loops, return only in functions;
 * - `global x` before any use of x in its scope (CPython's symtable rule);
 * - imports and module attributes only from the contract's table;
 * - no name that reaches files, commands or the interpreter's insides
 *   (open, eval, getattr, dunder attributes...);
 * - classes derive from Thread, Process, Exception, or another such class
 *   of the script.
 * The first violation stops the walk (longjmp), as in the parser.
 */
#include "lang/arena.h"
#include "lang/diag.h"
#include "lang/lang.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const ck_time[] = {"sleep", "time", "perf_counter", "monotonic", NULL};
static const char *const ck_threading[] = {
    "Thread", "Lock", "RLock", "Condition", "Semaphore", "Event", "current_thread",
    "get_ident", "active_count", "main_thread", NULL,
};
static const char *const ck_thread[] = {"start_new_thread", "allocate_lock", NULL};
static const char *const ck_mp[] = {
    "Process", "Lock", "Value", "Array", "Queue", "Pool", "cpu_count", "current_process",
    "TimeoutError", NULL,
};
static const char *const ck_futures[] = {
    "ThreadPoolExecutor", "ProcessPoolExecutor", "Future", "as_completed", "wait",
    "FIRST_COMPLETED", "FIRST_EXCEPTION", "ALL_COMPLETED", "CancelledError", "TimeoutError", NULL,
};
static const char *const ck_queue[] = {"Queue", "LifoQueue", "PriorityQueue", "Empty", "Full", NULL};
static const char *const ck_os[] = {"getpid", "getppid", NULL};
static const char *const ck_parlab[] = {"work", "pause", "measure", NULL};

static const struct {
    const char *module;
    const char *const *names;
} ck_modules[] = {
    {"time", ck_time}, {"threading", ck_threading}, {"_thread", ck_thread},
    {"multiprocessing", ck_mp}, {"concurrent.futures", ck_futures}, {"queue", ck_queue},
    {"os", ck_os}, {"parlab", ck_parlab},
};

/* Builtins that would let a script reach files, commands or the interpreter. */
static const char *const ck_forbidden[] = {
    "open", "exec", "eval", "compile", "__import__", "input", "globals", "locals", "vars",
    "getattr", "setattr", "delattr", "breakpoint", "exit", "quit", "help", "memoryview", "dir",
    NULL,
};

static const char *const ck_dunder_ok[] = {"__init__", "__name__", "__main__", NULL};

/* Bases a class may name (besides a class of the script that is itself fine). */
static const char *const ck_bases[] = {
    "Thread", "Process", "object",
    /* the built-in exception classes the vm defines (vm/interp.h EXC_*) */
    "Exception", "ArithmeticError", "ZeroDivisionError", "OverflowError", "LookupError",
    "IndexError", "KeyError", "NameError", "TypeError", "ValueError", "AttributeError",
    "AssertionError", "RuntimeError", "NotImplementedError", "TimeoutError", NULL,
};

enum { CK_USE = 1, CK_ASSIGN = 2, CK_PARAM = 4, CK_GLOBAL = 8 };

/* An open-addressing set of interned names with flags. */
typedef struct {
    const char **keys;
    unsigned char *flags;
    size_t cap, n;
} CkSet;

typedef struct {
    const Module *m;
    Diag *err;
    Arena *tmp;
    jmp_buf fail;
    int loops, funcs;
    CkSet *scope;          /* the current function (or module) scope */
    CkSet bound;           /* every name the script binds anywhere */
    CkSet modules;         /* names bound to a whole module, flags unused */
    const char **mod_of;   /* parallel to modules.keys: the module's dotted name */
    CkSet classes;         /* classes of the script with allowed bases */
} Checker;

static _Noreturn void ck_fail(Checker *c, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void ck_fail(Checker *c, int line, int col, const char *fmt, ...)
{
    char msg[sizeof c->err->msg];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    diag_set(c->err, c->m->file, line, col, "%s", msg);
    longjmp(c->fail, 1);
}

static int ck_in(const char *const *list, const char *s)
{
    for (; *list; list++)
        if (strcmp(*list, s) == 0)
            return 1;
    return 0;
}

static size_t ck_slot(const CkSet *s, const char *k)
{
    size_t h = ((size_t)(uintptr_t)k >> 4) * 2654435761u;
    size_t i = h & (s->cap - 1);
    while (s->keys[i] && s->keys[i] != k)
        i = (i + 1) & (s->cap - 1);
    return i;
}

static void ck_set_init(Checker *c, CkSet *s, const char ***parallel)
{
    s->cap = 16;
    s->n = 0;
    s->keys = arena_alloc(c->tmp, s->cap * sizeof *s->keys);
    s->flags = arena_alloc(c->tmp, s->cap);
    if (parallel)
        *parallel = arena_alloc(c->tmp, s->cap * sizeof **parallel);
}

/* Adds flag to k; returns the slot.  `parallel` grows along (may be NULL). */
static size_t ck_set_add(Checker *c, CkSet *s, const char *k, int flag, const char ***parallel)
{
    if ((s->n + 1) * 2 > s->cap) {
        CkSet big = {0};
        big.cap = s->cap * 2;
        big.keys = arena_alloc(c->tmp, big.cap * sizeof *big.keys);
        big.flags = arena_alloc(c->tmp, big.cap);
        const char **par = parallel ? arena_alloc(c->tmp, big.cap * sizeof *par) : NULL;
        for (size_t i = 0; i < s->cap; i++) {
            if (!s->keys[i])
                continue;
            size_t j = ck_slot(&big, s->keys[i]);
            big.keys[j] = s->keys[i];
            big.flags[j] = s->flags[i];
            if (par)
                par[j] = (*parallel)[i];
        }
        big.n = s->n;
        *s = big;
        if (parallel)
            *parallel = par;
    }
    size_t i = ck_slot(s, k);
    if (!s->keys[i]) {
        s->keys[i] = k;
        s->n++;
    }
    s->flags[i] |= (unsigned char)flag;
    return i;
}

static int ck_set_get(const CkSet *s, const char *k)
{
    size_t i = ck_slot(s, k);
    return s->keys[i] ? s->flags[i] | 0x80 : 0;
}

static void ck_expr(Checker *c, const Expr *e);
static void ck_stmts(Checker *c, const StmtList *l);

static void ck_exprs(Checker *c, const ExprList *l)
{
    for (int i = 0; i < l->n; i++)
        ck_expr(c, l->items[i]);
}

static void ck_target(Checker *c, const Expr *e)
{
    if (e->kind == E_NAME) {
        ck_set_add(c, c->scope, e->u.name.id, CK_ASSIGN, NULL);
        return;
    }
    if (e->kind == E_TUPLE || e->kind == E_LIST) {
        for (int i = 0; i < e->u.seq.n; i++)
            ck_target(c, e->u.seq.items[i]);
        return;
    }
    ck_expr(c, e);
}

static int ck_is_dunder(const char *s)
{
    size_t n = strlen(s);
    return n > 4 && s[0] == '_' && s[1] == '_' && s[n - 1] == '_' && s[n - 2] == '_';
}

/* obj.attr where obj is a module: the attribute must be in the table. */
static void ck_module_attr(Checker *c, const Expr *e)
{
    const Expr *obj = e->u.attr.obj;
    const char *module = NULL;
    if (obj->kind == E_NAME) {
        int f = ck_set_get(&c->modules, obj->u.name.id);
        if (f)
            module = c->mod_of[ck_slot(&c->modules, obj->u.name.id)];
    } else if (obj->kind == E_ATTR && obj->u.attr.obj->kind == E_NAME &&
               ck_set_get(&c->modules, obj->u.attr.obj->u.name.id)) {
        /* `import concurrent.futures` binds `concurrent` */
        const char *root = c->mod_of[ck_slot(&c->modules, obj->u.attr.obj->u.name.id)];
        if (strcmp(root, "concurrent") == 0 && strcmp(obj->u.attr.name, "futures") == 0)
            module = "concurrent.futures";
    }
    if (!module)
        return;
    if (strcmp(module, "concurrent") == 0) {
        if (strcmp(e->u.attr.name, "futures") != 0)
            ck_fail(c, e->line, e->col, "'concurrent.%s' is not available in lesson scripts",
                    e->u.attr.name);
        return;
    }
    for (size_t i = 0; i < sizeof ck_modules / sizeof ck_modules[0]; i++)
        if (strcmp(ck_modules[i].module, module) == 0 && !ck_in(ck_modules[i].names, e->u.attr.name))
            ck_fail(c, e->line, e->col, "'%s.%s' is not available in lesson scripts", module,
                    e->u.attr.name);
}

/* "{0.__class__}".format(x) reaches attributes through a field name. */
static void ck_format_string(Checker *c, const Expr *e)
{
    const char *s = e->u.str.s, *end = s + e->u.str.len;
    for (const char *q = s; q < end; q++) {
        if (*q != '{')
            continue;
        if (q + 1 < end && q[1] == '{') {
            q++;
            continue;
        }
        const char *f = q + 1;
        while (f < end && *f != '}' && *f != ':' && *f != '!')
            f++;
        for (const char *d = q + 1; d + 1 < f; d++)
            if (d[0] == '_' && d[1] == '_')
                ck_fail(c, e->line, e->col, "attribute names with '__' are not available in "
                        "format fields of lesson scripts");
    }
}

static void ck_name(Checker *c, const Expr *e)
{
    const char *id = e->u.name.id;
    ck_set_add(c, c->scope, id, CK_USE, NULL);
    if (ck_in(ck_forbidden, id) && !ck_set_get(&c->bound, id))
        ck_fail(c, e->line, e->col, "'%s' is not available: lesson scripts cannot reach "
                "files, commands or the interpreter", id);
    if (ck_is_dunder(id) && !ck_in(ck_dunder_ok, id))
        ck_fail(c, e->line, e->col, "'%s' is not available in lesson scripts", id);
}

static void ck_body(Checker *c, const StmtList *body, const Params *params, int func);

static void ck_expr(Checker *c, const Expr *e)
{
    if (!e)
        return;
    switch (e->kind) {
    case E_NAME:
        ck_name(c, e);
        break;
    case E_FSTRING:
        for (int i = 0; i < e->u.fstr.n; i++) {
            ck_expr(c, e->u.fstr.parts[i].expr);
            ck_expr(c, e->u.fstr.parts[i].spec);
        }
        break;
    case E_LIST:
    case E_TUPLE:
        ck_exprs(c, &e->u.seq);
        break;
    case E_UNARY:
        ck_expr(c, e->u.unary.operand);
        break;
    case E_BINOP:
    case E_BOOLOP:
        ck_expr(c, e->u.bin.l);
        ck_expr(c, e->u.bin.r);
        break;
    case E_COMPARE:
        ck_expr(c, e->u.cmp.first);
        for (int i = 0; i < e->u.cmp.n; i++)
            ck_expr(c, e->u.cmp.rest[i]);
        break;
    case E_IFEXP:
        ck_expr(c, e->u.ifexp.cond);
        ck_expr(c, e->u.ifexp.then);
        ck_expr(c, e->u.ifexp.orelse);
        break;
    case E_CALL:
        ck_expr(c, e->u.call.func);
        ck_exprs(c, &e->u.call.args);
        for (int i = 0; i < e->u.call.nkw; i++)
            ck_expr(c, e->u.call.kwvals[i]);
        break;
    case E_ATTR:
        if (ck_is_dunder(e->u.attr.name) && !ck_in(ck_dunder_ok, e->u.attr.name))
            ck_fail(c, e->line, e->col, "attribute '%s' is not available in lesson scripts",
                    e->u.attr.name);
        ck_module_attr(c, e);
        if (e->u.attr.obj->kind == E_STR && strcmp(e->u.attr.name, "format") == 0)
            ck_format_string(c, e->u.attr.obj);
        ck_expr(c, e->u.attr.obj);
        break;
    case E_SUBSCRIPT:
        ck_expr(c, e->u.sub.obj);
        ck_expr(c, e->u.sub.index);
        break;
    case E_SLICE:
        ck_expr(c, e->u.slice.lo);
        ck_expr(c, e->u.slice.hi);
        ck_expr(c, e->u.slice.step);
        break;
    case E_LISTCOMP: {
        /* the first iterable is evaluated outside; the rest has its own scope */
        CkSet scope, *outer = c->scope;
        ck_expr(c, e->u.comp.fors[0].iter);
        ck_set_init(c, &scope, NULL);
        c->scope = &scope;
        for (int i = 0; i < e->u.comp.nfor; i++) {
            const CompFor *f = &e->u.comp.fors[i];
            if (i)
                ck_expr(c, f->iter);
            ck_target(c, f->target);
            ck_exprs(c, &f->ifs);
        }
        ck_expr(c, e->u.comp.elt);
        c->scope = outer;
        break;
    }
    case E_LAMBDA: {
        const Params *ps = &e->u.lambda->u.def.params;
        for (int i = 0; i < ps->ndefaults; i++)
            ck_expr(c, ps->defaults[i]);
        ck_body(c, &e->u.lambda->u.def.body, ps, 1);
        break;
    }
    default:
        break;
    }
}

static const char *ck_module_allowed(const char *module)
{
    for (size_t i = 0; i < sizeof ck_modules / sizeof ck_modules[0]; i++)
        if (strcmp(ck_modules[i].module, module) == 0)
            return ck_modules[i].module;
    return NULL;
}

static void ck_import(Checker *c, const Stmt *s)
{
    for (int i = 0; i < s->u.import.n; i++) {
        const ImportName *in = &s->u.import.names[i];
        if (!ck_module_allowed(in->module))
            ck_fail(c, s->kind == S_IMPORT ? in->line : s->line, s->kind == S_IMPORT ? in->col : s->col,
                    "module '%s' is not available in lesson scripts", in->module);
        if (s->kind == S_IMPORTFROM) {
            for (size_t k = 0; k < sizeof ck_modules / sizeof ck_modules[0]; k++)
                if (strcmp(ck_modules[k].module, in->module) == 0 &&
                    !ck_in(ck_modules[k].names, in->name))
                    ck_fail(c, in->line, in->col, "'%s.%s' is not available in lesson scripts",
                            in->module, in->name);
        }
        ck_set_add(c, c->scope, in->asname, CK_ASSIGN, NULL);
    }
}

static void ck_class_bases(Checker *c, const Stmt *s)
{
    const ExprList *b = &s->u.cls.bases;
    /* One base, as the contract's subset says (the interpreter has a C3
     * MRO, but a lesson that needs it is outside the language we teach). */
    if (b->n > 1)
        ck_fail(c, b->items[1]->line, b->items[1]->col,
                "class '%s' may have only one base class in lesson scripts", s->u.cls.name);
    for (int i = 0; i < b->n; i++) {
        const Expr *e = b->items[i];
        int ok = 0;
        if (e->kind == E_NAME)
            ok = ck_in(ck_bases, e->u.name.id) || ck_set_get(&c->classes, e->u.name.id);
        else if (e->kind == E_ATTR && e->u.attr.obj->kind == E_NAME)
            ok = (strcmp(e->u.attr.obj->u.name.id, "threading") == 0 &&
                  strcmp(e->u.attr.name, "Thread") == 0) ||
                 (strcmp(e->u.attr.obj->u.name.id, "multiprocessing") == 0 &&
                  strcmp(e->u.attr.name, "Process") == 0);
        if (!ok)
            ck_fail(c, e->line, e->col, "class '%s' cannot derive from this base: lesson classes "
                    "derive from Thread, Process, Exception or nothing", s->u.cls.name);
        ck_expr(c, e);
    }
    ck_set_add(c, &c->classes, s->u.cls.name, CK_ASSIGN, NULL);
}

static void ck_global(Checker *c, const Stmt *s)
{
    for (int i = 0; i < s->u.global.n; i++) {
        const char *n = s->u.global.names[i];
        int f = ck_set_get(c->scope, n);
        if (f & CK_PARAM)
            ck_fail(c, s->line, s->col, "name '%s' is parameter and global", n);
        if ((f & CK_USE) && !(f & CK_GLOBAL))
            ck_fail(c, s->line, s->col, "name '%s' is used prior to global declaration", n);
        if ((f & CK_ASSIGN) && !(f & CK_GLOBAL))
            ck_fail(c, s->line, s->col, "name '%s' is assigned to before global declaration", n);
        ck_set_add(c, c->scope, n, CK_GLOBAL, NULL);
    }
}

/* A def or class body: a fresh scope; loops outside do not count inside. */
static void ck_body(Checker *c, const StmtList *body, const Params *params, int func)
{
    CkSet scope, *outer = c->scope;
    ck_set_init(c, &scope, NULL);
    c->scope = &scope;
    int loops = c->loops, funcs = c->funcs;
    c->loops = 0;
    c->funcs = func;
    for (int i = 0; params && i < params->n; i++)
        ck_set_add(c, &scope, params->names[i], CK_PARAM, NULL);
    ck_stmts(c, body);
    c->loops = loops;
    c->funcs = funcs;
    c->scope = outer;
}

static void ck_stmt(Checker *c, const Stmt *s)
{
    switch (s->kind) {
    case S_EXPR:
        ck_expr(c, s->u.expr);
        break;
    case S_RETURN:
        if (!c->funcs)
            ck_fail(c, s->line, s->col, "'return' outside function");
        ck_expr(c, s->u.expr);
        break;
    case S_RAISE:
        ck_expr(c, s->u.expr);
        break;
    case S_BREAK:
        if (!c->loops)
            ck_fail(c, s->line, s->col, "'break' outside loop");
        break;
    case S_CONTINUE:
        if (!c->loops)
            ck_fail(c, s->line, s->col, "'continue' not properly in loop");
        break;
    case S_ASSIGN:
        ck_expr(c, s->u.assign.value);
        for (int i = 0; i < s->u.assign.ntargets; i++)
            ck_target(c, s->u.assign.targets[i]);
        break;
    case S_AUGASSIGN:
        ck_expr(c, s->u.aug.value);
        if (s->u.aug.target->kind == E_NAME)   /* a store, for the global rule */
            ck_set_add(c, c->scope, s->u.aug.target->u.name.id, CK_ASSIGN, NULL);
        else
            ck_expr(c, s->u.aug.target);
        break;
    case S_IF:
        ck_expr(c, s->u.if_.cond);
        ck_stmts(c, &s->u.if_.body);
        ck_stmts(c, &s->u.if_.orelse);
        break;
    case S_WHILE:
    case S_FOR:
        if (s->kind == S_WHILE) {
            ck_expr(c, s->u.while_.cond);
        } else {
            ck_expr(c, s->u.for_.iter);
            ck_target(c, s->u.for_.target);
        }
        c->loops++;
        ck_stmts(c, s->kind == S_WHILE ? &s->u.while_.body : &s->u.for_.body);
        c->loops--;
        ck_stmts(c, s->kind == S_WHILE ? &s->u.while_.orelse : &s->u.for_.orelse);
        break;
    case S_DEF:
        for (int i = 0; i < s->u.def.params.ndefaults; i++)
            ck_expr(c, s->u.def.params.defaults[i]);
        ck_set_add(c, c->scope, s->u.def.name, CK_ASSIGN, NULL);
        ck_body(c, &s->u.def.body, &s->u.def.params, 1);
        break;
    case S_CLASS:
        ck_class_bases(c, s);
        ck_set_add(c, c->scope, s->u.cls.name, CK_ASSIGN, NULL);
        ck_body(c, &s->u.cls.body, NULL, 0);
        break;
    case S_GLOBAL:
        ck_global(c, s);
        break;
    case S_ASSERT:
        ck_expr(c, s->u.assert_.test);
        ck_expr(c, s->u.assert_.msg);
        break;
    case S_WITH:
        ck_expr(c, s->u.with.ctx);
        if (s->u.with.target)
            ck_target(c, s->u.with.target);
        ck_stmts(c, &s->u.with.body);
        break;
    case S_TRY:
        ck_stmts(c, &s->u.try_.body);
        for (int i = 0; i < s->u.try_.nhandlers; i++) {
            const ExceptClause *h = &s->u.try_.handlers[i];
            ck_expr(c, h->type);
            if (h->name)
                ck_set_add(c, c->scope, h->name, CK_ASSIGN, NULL);
            ck_stmts(c, &h->body);
        }
        ck_stmts(c, &s->u.try_.orelse);
        ck_stmts(c, &s->u.try_.finalbody);
        break;
    case S_IMPORT:
    case S_IMPORTFROM:
        ck_import(c, s);
        break;
    case S_DEL:
        for (int i = 0; i < s->u.del.n; i++)
            ck_target(c, s->u.del.items[i]);
        break;
    default:
        break;
    }
}

static void ck_stmts(Checker *c, const StmtList *l)
{
    for (int i = 0; i < l->n; i++)
        ck_stmt(c, l->items[i]);
}

static void ck_bound_target(Checker *c, const Expr *e)
{
    if (e->kind == E_NAME)
        ck_set_add(c, &c->bound, e->u.name.id, CK_ASSIGN, NULL);
    else if (e->kind == E_TUPLE || e->kind == E_LIST)
        for (int i = 0; i < e->u.seq.n; i++)
            ck_bound_target(c, e->u.seq.items[i]);
}

/* First pass: which names does the script bind anywhere, and which are
 * whole modules?  (A script may define its own `input`.) */
static void ck_collect(Checker *c, const StmtList *l)
{
    for (int i = 0; i < l->n; i++) {
        const Stmt *s = l->items[i];
        switch (s->kind) {
        case S_ASSIGN:
            for (int k = 0; k < s->u.assign.ntargets; k++)
                ck_bound_target(c, s->u.assign.targets[k]);
            break;
        case S_FOR:
            ck_bound_target(c, s->u.for_.target);
            ck_collect(c, &s->u.for_.body);
            ck_collect(c, &s->u.for_.orelse);
            break;
        case S_WHILE:
            ck_collect(c, &s->u.while_.body);
            ck_collect(c, &s->u.while_.orelse);
            break;
        case S_IF:
            ck_collect(c, &s->u.if_.body);
            ck_collect(c, &s->u.if_.orelse);
            break;
        case S_WITH:
            if (s->u.with.target)
                ck_bound_target(c, s->u.with.target);
            ck_collect(c, &s->u.with.body);
            break;
        case S_TRY:
            ck_collect(c, &s->u.try_.body);
            for (int k = 0; k < s->u.try_.nhandlers; k++) {
                if (s->u.try_.handlers[k].name)
                    ck_set_add(c, &c->bound, s->u.try_.handlers[k].name, CK_ASSIGN, NULL);
                ck_collect(c, &s->u.try_.handlers[k].body);
            }
            ck_collect(c, &s->u.try_.orelse);
            ck_collect(c, &s->u.try_.finalbody);
            break;
        case S_DEF:
            ck_set_add(c, &c->bound, s->u.def.name, CK_ASSIGN, NULL);
            for (int k = 0; k < s->u.def.params.n; k++)
                ck_set_add(c, &c->bound, s->u.def.params.names[k], CK_ASSIGN, NULL);
            ck_collect(c, &s->u.def.body);
            break;
        case S_CLASS:
            ck_set_add(c, &c->bound, s->u.cls.name, CK_ASSIGN, NULL);
            ck_collect(c, &s->u.cls.body);
            break;
        case S_IMPORT:
            for (int k = 0; k < s->u.import.n; k++) {
                const ImportName *in = &s->u.import.names[k];
                const char *mod = in->module;
                /* `import a.b` binds a, `import a.b as n` binds a.b */
                if (strchr(mod, '.') && in->asname == in->target->u.name.id &&
                    strncmp(mod, in->asname, strlen(in->asname)) == 0 &&
                    mod[strlen(in->asname)] == '.')
                    mod = "concurrent";
                size_t j = ck_set_add(c, &c->modules, in->asname, CK_ASSIGN, &c->mod_of);
                c->mod_of[j] = mod;
            }
            break;
        case S_IMPORTFROM:
            for (int k = 0; k < s->u.import.n; k++)
                ck_set_add(c, &c->bound, s->u.import.names[k].asname, CK_ASSIGN, NULL);
            break;
        default:
            break;
        }
    }
}

int lang_check(const Module *m, Diag *err)
{
    Checker c;
    memset(&c, 0, sizeof c);
    c.m = m;
    c.err = err;
    c.tmp = arena_create();
    CkSet module_scope;
    if (setjmp(c.fail)) {
        arena_destroy(c.tmp);
        return -1;
    }
    ck_set_init(&c, &c.bound, NULL);
    ck_set_init(&c, &c.modules, &c.mod_of);
    ck_set_init(&c, &c.classes, NULL);
    ck_set_init(&c, &module_scope, NULL);
    c.scope = &module_scope;
    ck_collect(&c, &m->body);
    ck_stmts(&c, &m->body);
    arena_destroy(c.tmp);
    return 0;
}
