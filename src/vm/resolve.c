/* The resolver: before anything runs, every E_NAME gets a scope and a slot
 * (function locals -> frame slots, module names -> global slots, builtins,
 * closures through cells), every string literal its StrObj, every attribute
 * and keyword name its interned StrObj.  The evaluator then never looks a
 * name up by string.
 *
 * Per scope: pass 1 collects the names bound in the body (Python's rule: a
 * name assigned anywhere in a function is local everywhere in it); pass 2
 * walks the code and resolves uses.  A nested def that reads an enclosing
 * function's local turns that local into a cell; the NAME nodes already
 * resolved as LOCAL are patched to CELL when the enclosing scope ends. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vm/interp.h"

typedef enum { RS_MODULE, RS_FUNC, RS_CLASS } RKind;

typedef struct { const char *name; int slot; } NameSlot;

typedef struct RScope {
    struct RScope *parent;
    RKind kind;
    FuncInfo *info;
    NameSlot *locals;
    int nlocals, caplocals, nnamed;
    const char **globals;  /* `global` declarations */
    int nglobals;
    const char **freenames;
    FreeSrc *freesrc;
    int nfree;
    uint8_t *is_cell;
    Expr **localrefs;      /* NAME nodes resolved LOCAL, patched to CELL at the end */
    int nrefs;
    NameSlot *comp;        /* comprehension variables in scope */
    int ncomp;
} RScope;

typedef struct {
    Interp *in;
    char *err;
    size_t errlen;
    int failed;
    NameSlot *gl;          /* module globals */
    int ngl;
    ListObj *consts;
} Resolver;

#define GROW(arr, n) do {                                                        \
        if ((n) == 0 || ((n) >= 4 && ((n) & ((n) - 1)) == 0)) {                 \
            void *np_ = realloc((arr), sizeof *(arr) * (size_t)((n) ? (n) * 2 : 4)); \
            if (!np_)                                                            \
                abort();                                                         \
            (arr) = np_;                                                         \
        }                                                                        \
    } while (0)

static int slot_of(const NameSlot *v, int n, const char *name)
{
    for (int i = n - 1; i >= 0; i--)
        if (v[i].name == name || strcmp(v[i].name, name) == 0)
            return v[i].slot;
    return -1;
}

static int global_slot(Resolver *r, const char *name)
{
    int s = slot_of(r->gl, r->ngl, name);
    if (s >= 0)
        return s;
    GROW(r->gl, r->ngl);
    r->gl[r->ngl].name = name;
    r->gl[r->ngl].slot = r->ngl;
    return r->ngl++;
}

static int append_local(RScope *s, const char *name)
{
    if (s->nlocals == s->caplocals) {
        s->caplocals = s->caplocals ? s->caplocals * 2 : 8;
        s->locals = realloc(s->locals, sizeof *s->locals * (size_t)s->caplocals);
        s->is_cell = realloc(s->is_cell, (size_t)s->caplocals);
        if (!s->locals || !s->is_cell)
            abort();
    }
    s->locals[s->nlocals].name = name;
    s->locals[s->nlocals].slot = s->nlocals;
    s->is_cell[s->nlocals] = 0;
    return s->nlocals++;
}

static int add_local(RScope *s, const char *name)
{
    int slot = slot_of(s->locals, s->nlocals, name);
    return slot >= 0 ? slot : append_local(s, name);
}

static bool declared_global(RScope *s, const char *name)
{
    for (int i = 0; i < s->nglobals; i++)
        if (strcmp(s->globals[i], name) == 0)
            return true;
    return false;
}

/* Pass 1: names bound by the statements of one scope. */
static void collect_target(RScope *s, Resolver *r, Expr *t)
{
    if (!t)
        return;
    if (t->kind == E_NAME) {
        if (s->kind == RS_MODULE || declared_global(s, t->u.name.id))
            global_slot(r, t->u.name.id);
        else
            add_local(s, t->u.name.id);
    } else if (t->kind == E_TUPLE || t->kind == E_LIST) {
        for (int i = 0; i < t->u.seq.n; i++)
            collect_target(s, r, t->u.seq.items[i]);
    }
}

static void collect_block(RScope *s, Resolver *r, const StmtList *b);

static void collect_stmt(RScope *s, Resolver *r, Stmt *st)
{
    switch (st->kind) {
    case S_ASSIGN:
        for (int i = 0; i < st->u.assign.ntargets; i++)
            collect_target(s, r, st->u.assign.targets[i]);
        break;
    case S_AUGASSIGN: collect_target(s, r, st->u.aug.target); break;
    case S_IF: collect_block(s, r, &st->u.if_.body); collect_block(s, r, &st->u.if_.orelse); break;
    case S_WHILE: collect_block(s, r, &st->u.while_.body); collect_block(s, r, &st->u.while_.orelse); break;
    case S_FOR:
        collect_target(s, r, st->u.for_.target);
        collect_block(s, r, &st->u.for_.body);
        collect_block(s, r, &st->u.for_.orelse);
        break;
    case S_DEF: collect_target(s, r, st->u.def.target); break;
    case S_CLASS: collect_target(s, r, st->u.cls.target); break;
    case S_GLOBAL:
        for (int i = 0; i < st->u.global.n; i++) {
            GROW(s->globals, s->nglobals);
            s->globals[s->nglobals++] = st->u.global.names[i];
            global_slot(r, st->u.global.names[i]);
        }
        break;
    case S_WITH: collect_target(s, r, st->u.with.target); collect_block(s, r, &st->u.with.body); break;
    case S_TRY:
        collect_block(s, r, &st->u.try_.body);
        for (int i = 0; i < st->u.try_.nhandlers; i++) {
            collect_target(s, r, st->u.try_.handlers[i].name_target);
            collect_block(s, r, &st->u.try_.handlers[i].body);
        }
        collect_block(s, r, &st->u.try_.orelse);
        collect_block(s, r, &st->u.try_.finalbody);
        break;
    case S_IMPORT: case S_IMPORTFROM:
        for (int i = 0; i < st->u.import.n; i++)
            collect_target(s, r, st->u.import.names[i].target);
        break;
    case S_DEL:
        for (int i = 0; i < st->u.del.n; i++)
            collect_target(s, r, st->u.del.items[i]);
        break;
    default:
        break;
    }
}

/* `global` must be seen before the assignments it affects: collect those first. */
static void collect_globals(RScope *s, Resolver *r, const StmtList *b)
{
    for (int i = 0; i < b->n; i++) {
        Stmt *st = b->items[i];
        if (st->kind == S_GLOBAL)
            collect_stmt(s, r, st);
        else if (st->kind == S_IF) { collect_globals(s, r, &st->u.if_.body); collect_globals(s, r, &st->u.if_.orelse); }
        else if (st->kind == S_WHILE) { collect_globals(s, r, &st->u.while_.body); collect_globals(s, r, &st->u.while_.orelse); }
        else if (st->kind == S_FOR) { collect_globals(s, r, &st->u.for_.body); collect_globals(s, r, &st->u.for_.orelse); }
        else if (st->kind == S_WITH) collect_globals(s, r, &st->u.with.body);
        else if (st->kind == S_TRY) {
            collect_globals(s, r, &st->u.try_.body);
            for (int h = 0; h < st->u.try_.nhandlers; h++)
                collect_globals(s, r, &st->u.try_.handlers[h].body);
            collect_globals(s, r, &st->u.try_.orelse);
            collect_globals(s, r, &st->u.try_.finalbody);
        }
    }
}

static void collect_block(RScope *s, Resolver *r, const StmtList *b)
{
    for (int i = 0; i < b->n; i++)
        if (b->items[i]->kind != S_GLOBAL)
            collect_stmt(s, r, b->items[i]);
}

/* The closure index of `name` in s, threading it through intermediate
 * functions; -1 when no enclosing function binds it. */
static int find_free(RScope *s, const char *name)
{
    for (int i = 0; i < s->nfree; i++)
        if (strcmp(s->freenames[i], name) == 0)
            return i;
    RScope *p = s->parent;
    if (!p)
        return -1;
    FreeSrc src;
    /* a lambda inside a comprehension sees the comprehension's variables,
     * whatever scope the comprehension runs in */
    int slot = slot_of(p->comp, p->ncomp, name);
    if (slot < 0) {
        if (p->kind == RS_MODULE || declared_global(p, name))
            return -1;
        /* a class body's own names are not visible to the functions inside it */
        slot = p->kind == RS_FUNC ? slot_of(p->locals, p->nnamed, name) : -1;
    }
    if (slot >= 0) {
        p->is_cell[slot] = 1;
        src.from_closure = 0;
        src.index = slot;
    } else {
        int idx = find_free(p, name);
        if (idx < 0)
            return -1;
        src.from_closure = 1;
        src.index = idx;
    }
    GROW(s->freenames, s->nfree);
    s->freenames[s->nfree] = name;
    GROW(s->freesrc, s->nfree);
    s->freesrc[s->nfree] = src;
    return s->nfree++;
}

static void resolve_name(RScope *s, Resolver *r, Expr *e)
{
    const char *name = e->u.name.id;
    int slot = slot_of(s->comp, s->ncomp, name);
    if (slot >= 0) {
        e->u.name.scope = SCOPE_LOCAL;
        e->u.name.slot = slot;
        GROW(s->localrefs, s->nrefs);      /* a lambda may make it a cell */
        s->localrefs[s->nrefs++] = e;
        return;
    }
    if (s->kind != RS_MODULE && !declared_global(s, name)) {
        slot = slot_of(s->locals, s->nnamed, name);
        if (slot >= 0) {
            e->u.name.scope = SCOPE_LOCAL;
            e->u.name.slot = slot;
            GROW(s->localrefs, s->nrefs);
            s->localrefs[s->nrefs++] = e;
            return;
        }
        slot = find_free(s, name);
        if (slot >= 0) {
            e->u.name.scope = SCOPE_FREE;
            e->u.name.slot = slot;
            return;
        }
    }
    slot = slot_of(r->gl, r->ngl, name);
    if (slot < 0) {
        int b = builtins_find(name);
        if (b >= 0) {
            e->u.name.scope = SCOPE_BUILTIN;
            e->u.name.slot = b;
            return;
        }
        slot = global_slot(r, name);
    }
    e->u.name.scope = SCOPE_GLOBAL;
    e->u.name.slot = slot;
}

static StrObj *intern(Resolver *r, const char *s)
{
    return str_intern(r->in, s, strlen(s));
}

static void resolve_expr(RScope *s, Resolver *r, Expr *e);
static FuncInfo *resolve_scope(RScope *parent, Resolver *r, RKind kind, const char *name, const Params *params,
                               const StmtList *body, const char *qualprefix);

static void resolve_list(RScope *s, Resolver *r, ExprList *l)
{
    for (int i = 0; i < l->n; i++)
        resolve_expr(s, r, l->items[i]);
}

static void resolve_comp(RScope *s, Resolver *r, Expr *e)
{
    int saved = s->ncomp;
    for (int k = 0; k < e->u.comp.nfor; k++) {
        CompFor *cf = &e->u.comp.fors[k];
        resolve_expr(s, r, cf->iter);      /* evaluated before the target is bound */
        /* bind the targets of this `for` as fresh slots */
        Expr *stack[64];
        int sp = 0;
        stack[sp++] = cf->target;
        while (sp) {
            Expr *t = stack[--sp];
            if (t->kind == E_NAME) {
                GROW(s->comp, s->ncomp);
                s->comp[s->ncomp].name = t->u.name.id;
                /* a fresh slot beyond the named locals, even at module level */
                s->comp[s->ncomp++].slot = append_local(s, "<comp>");
            } else if ((t->kind == E_TUPLE || t->kind == E_LIST) && sp + t->u.seq.n < 64) {
                for (int i = t->u.seq.n - 1; i >= 0; i--)
                    stack[sp++] = t->u.seq.items[i];
            }
        }
        resolve_expr(s, r, cf->target);
        resolve_list(s, r, &cf->ifs);
    }
    resolve_expr(s, r, e->u.comp.elt);
    s->ncomp = saved;
}

static void resolve_expr(RScope *s, Resolver *r, Expr *e)
{
    if (!e)
        return;
    e->cache = NULL;
    switch (e->kind) {
    case E_INT: case E_FLOAT: case E_CONST:
        break;
    case E_STR: {
        VmThread *ts = r->in->main_ts;
        Value v = str_new(ts, e->u.str.s, e->u.str.len);
        if (v.tag == V_EXC)
            abort();
        list_append(ts, r->consts, v);
        e->cache = v.u.o;
        break;
    }
    case E_FSTRING:
        for (int i = 0; i < e->u.fstr.n; i++) {
            resolve_expr(s, r, e->u.fstr.parts[i].expr);
            resolve_expr(s, r, e->u.fstr.parts[i].spec);
        }
        break;
    case E_NAME: resolve_name(s, r, e); break;
    case E_LIST: case E_TUPLE: resolve_list(s, r, &e->u.seq); break;
    case E_UNARY: resolve_expr(s, r, e->u.unary.operand); break;
    case E_BINOP: case E_BOOLOP:
        resolve_expr(s, r, e->u.bin.l);
        resolve_expr(s, r, e->u.bin.r);
        break;
    case E_COMPARE:
        resolve_expr(s, r, e->u.cmp.first);
        for (int i = 0; i < e->u.cmp.n; i++)
            resolve_expr(s, r, e->u.cmp.rest[i]);
        break;
    case E_IFEXP:
        resolve_expr(s, r, e->u.ifexp.cond);
        resolve_expr(s, r, e->u.ifexp.then);
        resolve_expr(s, r, e->u.ifexp.orelse);
        break;
    case E_CALL: {
        resolve_expr(s, r, e->u.call.func);
        resolve_list(s, r, &e->u.call.args);
        if (e->u.call.nkw) {
            StrObj **names = malloc(sizeof *names * (size_t)e->u.call.nkw);
            if (!names)
                abort();
            for (int i = 0; i < e->u.call.nkw; i++) {
                names[i] = intern(r, e->u.call.kwnames[i]);
                resolve_expr(s, r, e->u.call.kwvals[i]);
            }
            e->cache = names;
            /* remember the array for resolve_free */
            FuncInfo *fi = calloc(1, sizeof *fi);
            if (!fi)
                abort();
            fi->pnames = names;
            fi->name = "<kwnames>";
            fi->next = r->in->infos;
            r->in->infos = fi;
        }
        break;
    }
    case E_ATTR:
        resolve_expr(s, r, e->u.attr.obj);
        e->cache = intern(r, e->u.attr.name);
        break;
    case E_SUBSCRIPT:
        resolve_expr(s, r, e->u.sub.obj);
        resolve_expr(s, r, e->u.sub.index);
        break;
    case E_SLICE:
        resolve_expr(s, r, e->u.slice.lo);
        resolve_expr(s, r, e->u.slice.hi);
        resolve_expr(s, r, e->u.slice.step);
        break;
    case E_LISTCOMP: resolve_comp(s, r, e); break;
    case E_LAMBDA: {
        Stmt *d = e->u.lambda;
        for (int i = 0; i < d->u.def.params.ndefaults; i++)
            resolve_expr(s, r, d->u.def.params.defaults[i]);
        d->u.def.scope_info = resolve_scope(s, r, RS_FUNC, d->u.def.name, &d->u.def.params, &d->u.def.body,
                                            s->kind == RS_CLASS ? s->info->name : NULL);
        break;
    }
    default: break;
    }
}

static void resolve_block(RScope *s, Resolver *r, const StmtList *b);

static void resolve_stmt(RScope *s, Resolver *r, Stmt *st)
{
    switch (st->kind) {
    case S_EXPR: case S_RETURN: case S_RAISE: resolve_expr(s, r, st->u.expr); break;
    case S_ASSIGN:
        resolve_expr(s, r, st->u.assign.value);
        for (int i = 0; i < st->u.assign.ntargets; i++)
            resolve_expr(s, r, st->u.assign.targets[i]);
        break;
    case S_AUGASSIGN: resolve_expr(s, r, st->u.aug.target); resolve_expr(s, r, st->u.aug.value); break;
    case S_IF:
        resolve_expr(s, r, st->u.if_.cond);
        resolve_block(s, r, &st->u.if_.body);
        resolve_block(s, r, &st->u.if_.orelse);
        break;
    case S_WHILE:
        resolve_expr(s, r, st->u.while_.cond);
        resolve_block(s, r, &st->u.while_.body);
        resolve_block(s, r, &st->u.while_.orelse);
        break;
    case S_FOR:
        resolve_expr(s, r, st->u.for_.iter);
        resolve_expr(s, r, st->u.for_.target);
        resolve_block(s, r, &st->u.for_.body);
        resolve_block(s, r, &st->u.for_.orelse);
        break;
    case S_DEF:
        for (int i = 0; i < st->u.def.params.ndefaults; i++)
            resolve_expr(s, r, st->u.def.params.defaults[i]);
        st->u.def.scope_info = resolve_scope(s, r, RS_FUNC, st->u.def.name, &st->u.def.params, &st->u.def.body,
                                             s->kind == RS_CLASS ? s->info->name : NULL);
        resolve_expr(s, r, st->u.def.target);
        break;
    case S_CLASS:
        resolve_list(s, r, &st->u.cls.bases);
        st->u.cls.scope_info = resolve_scope(s, r, RS_CLASS, st->u.cls.name, NULL, &st->u.cls.body, NULL);
        resolve_expr(s, r, st->u.cls.target);
        break;
    case S_ASSERT: resolve_expr(s, r, st->u.assert_.test); resolve_expr(s, r, st->u.assert_.msg); break;
    case S_WITH:
        resolve_expr(s, r, st->u.with.ctx);
        resolve_expr(s, r, st->u.with.target);
        resolve_block(s, r, &st->u.with.body);
        break;
    case S_TRY:
        resolve_block(s, r, &st->u.try_.body);
        for (int i = 0; i < st->u.try_.nhandlers; i++) {
            ExceptClause *h = &st->u.try_.handlers[i];
            resolve_expr(s, r, h->type);
            resolve_expr(s, r, h->name_target);
            resolve_block(s, r, &h->body);
        }
        resolve_block(s, r, &st->u.try_.orelse);
        resolve_block(s, r, &st->u.try_.finalbody);
        break;
    case S_IMPORT: case S_IMPORTFROM:
        for (int i = 0; i < st->u.import.n; i++)
            resolve_expr(s, r, st->u.import.names[i].target);
        break;
    case S_DEL: resolve_list(s, r, &st->u.del); break;
    default: break;
    }
}

static void resolve_block(RScope *s, Resolver *r, const StmtList *b)
{
    for (int i = 0; i < b->n; i++)
        resolve_stmt(s, r, b->items[i]);
}

static FuncInfo *resolve_scope(RScope *parent, Resolver *r, RKind kind, const char *name, const Params *params,
                               const StmtList *body, const char *qualprefix)
{
    RScope s = { .parent = parent, .kind = kind };
    FuncInfo *fi = calloc(1, sizeof *fi);
    if (!fi)
        abort();
    fi->name = name;
    fi->is_class = kind == RS_CLASS;
    fi->body = body;
    if (qualprefix) {
        size_t n = strlen(qualprefix) + strlen(name) + 2;
        char *q = malloc(n);
        snprintf(q, n, "%s.%s", qualprefix, name);
        fi->qualname = q;
    }
    s.info = fi;
    fi->next = r->in->infos;
    r->in->infos = fi;
    if (params) {
        fi->nparams = params->n;
        fi->pnames = malloc(sizeof *fi->pnames * (size_t)(params->n ? params->n : 1));
        for (int i = 0; i < params->n; i++) {
            add_local(&s, params->names[i]);
            fi->pnames[i] = intern(r, params->names[i]);
        }
    }
    collect_globals(&s, r, body);
    collect_block(&s, r, body);
    s.nnamed = s.nlocals;
    resolve_block(&s, r, body);
    for (int i = 0; i < s.nrefs; i++)
        if (s.is_cell[s.localrefs[i]->u.name.slot])
            s.localrefs[i]->u.name.scope = SCOPE_CELL;
    fi->nlocals = s.nlocals;
    fi->nnamed = s.nnamed;
    fi->localnames = malloc(sizeof *fi->localnames * (size_t)(s.nlocals ? s.nlocals : 1));
    for (int i = 0; i < s.nlocals; i++) {
        fi->localnames[i] = s.locals[i].name;
        if (s.is_cell[i])
            fi->any_cell = true;
    }
    fi->is_cell = s.is_cell ? s.is_cell : calloc(1, 1);
    fi->nfree = s.nfree;
    fi->freesrc = s.freesrc;
    free(s.locals);
    free(s.globals);
    free(s.freenames);
    free(s.localrefs);
    free(s.comp);
    return fi;
}

int resolve_module(Interp *in, Module *m, char *err, size_t errlen)
{
    VmThread *ts = in->main_ts;
    Resolver r = { .in = in, .err = err, .errlen = errlen };
    r.consts = list_new(ts, 16);
    global_slot(&r, "__name__");
    m->scope_info = resolve_scope(NULL, &r, RS_MODULE, "<module>", NULL, &m->body, NULL);
    in->nglobals = r.ngl;
    in->globals = calloc((size_t)(r.ngl ? r.ngl : 1), sizeof(Value));
    in->gnames = calloc((size_t)(r.ngl ? r.ngl : 1), sizeof(StrObj *));
    for (int i = 0; i < r.ngl; i++) {
        in->gnames[i] = intern(&r, r.gl[i].name);
        int b = builtins_find(r.gl[i].name);
        /* a module global that shadows a builtin reads the builtin until assigned */
        if (b >= 0) {
            in->globals[i] = in->builtins[b];
            v_incref(in->globals[i]);
        }
    }
    free(r.gl);
    in->consts = r.consts;
    return r.failed ? -1 : 0;
}

void resolve_free(Interp *in)
{
    for (FuncInfo *f = in->infos, *n; f; f = n) {
        n = f->next;
        free(f->pnames);
        free((void *)f->localnames);
        free(f->is_cell);
        free(f->freesrc);
        free((void *)f->qualname);
        free(f);
    }
    in->infos = NULL;
}
