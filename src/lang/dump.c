/* S-expression dump of the tree (see dump.h).  Operators print as Python
 * spells them; strings print with C escapes. */
#include "lang/dump.h"

#include <stdlib.h>

static const char *const dump_ops[OP_COUNT] = {
    [OP_ADD] = "+", [OP_SUB] = "-", [OP_MUL] = "*", [OP_DIV] = "/", [OP_FLOORDIV] = "//",
    [OP_MOD] = "%", [OP_POW] = "**", [OP_NEG] = "-", [OP_POS] = "+", [OP_NOT] = "not",
    [OP_AND] = "and", [OP_OR] = "or", [OP_EQ] = "==", [OP_NE] = "!=", [OP_LT] = "<",
    [OP_LE] = "<=", [OP_GT] = ">", [OP_GE] = ">=", [OP_IN] = "in", [OP_NOT_IN] = "not-in",
    [OP_IS] = "is", [OP_IS_NOT] = "is-not",
};

static void dump_str(FILE *out, const char *s, size_t len)
{
    fputc('"', out);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c == '\n')
            fputs("\\n", out);
        else if (c < 0x20 || c == 0x7F)
            fprintf(out, "\\x%02x", c);
        else
            fputc(c, out);
    }
    fputc('"', out);
}

static void dump_list(FILE *out, const ExprList *l)
{
    for (int i = 0; i < l->n; i++) {
        fputc(' ', out);
        ast_dump_expr(out, l->items[i]);
    }
}

void ast_dump_expr(FILE *out, const Expr *e)
{
    if (!e) {
        fputs("_", out);
        return;
    }
    switch (e->kind) {
    case E_INT: fprintf(out, "(int %lld)", (long long)e->u.i); break;
    case E_FLOAT: fprintf(out, "(float %.17g)", e->u.f); break;
    case E_STR: fputs("(str ", out); dump_str(out, e->u.str.s, e->u.str.len); fputc(')', out); break;
    case E_FSTRING:
        fputs("(fstr", out);
        for (int i = 0; i < e->u.fstr.n; i++) {
            const FPart *p = &e->u.fstr.parts[i];
            fputc(' ', out);
            if (!p->expr) {
                dump_str(out, p->text, p->len);
                continue;
            }
            fputs("{", out);
            ast_dump_expr(out, p->expr);
            if (p->conv)
                fprintf(out, " !%c", p->conv);
            if (p->spec) {
                fputs(" :", out);
                ast_dump_expr(out, p->spec);
            }
            fputs("}", out);
        }
        fputc(')', out);
        break;
    case E_CONST:
        fputs(e->u.cst == CONST_NONE ? "None" : e->u.cst == CONST_TRUE ? "True" : "False", out);
        break;
    case E_NAME: fprintf(out, "(name %s)", e->u.name.id); break;
    case E_LIST: fputs("(list", out); dump_list(out, &e->u.seq); fputc(')', out); break;
    case E_TUPLE: fputs("(tuple", out); dump_list(out, &e->u.seq); fputc(')', out); break;
    case E_UNARY:
        fprintf(out, "(%s ", dump_ops[e->u.unary.op]);
        ast_dump_expr(out, e->u.unary.operand);
        fputc(')', out);
        break;
    case E_BINOP:
    case E_BOOLOP:
        fprintf(out, "(%s ", dump_ops[e->u.bin.op]);
        ast_dump_expr(out, e->u.bin.l);
        fputc(' ', out);
        ast_dump_expr(out, e->u.bin.r);
        fputc(')', out);
        break;
    case E_COMPARE:
        fputs("(cmp ", out);
        ast_dump_expr(out, e->u.cmp.first);
        for (int i = 0; i < e->u.cmp.n; i++) {
            fprintf(out, " %s ", dump_ops[e->u.cmp.ops[i]]);
            ast_dump_expr(out, e->u.cmp.rest[i]);
        }
        fputc(')', out);
        break;
    case E_IFEXP:
        fputs("(ifexp ", out);
        ast_dump_expr(out, e->u.ifexp.cond);
        fputc(' ', out);
        ast_dump_expr(out, e->u.ifexp.then);
        fputc(' ', out);
        ast_dump_expr(out, e->u.ifexp.orelse);
        fputc(')', out);
        break;
    case E_CALL:
        fputs("(call ", out);
        ast_dump_expr(out, e->u.call.func);
        dump_list(out, &e->u.call.args);
        for (int i = 0; i < e->u.call.nkw; i++) {
            fprintf(out, " %s=", e->u.call.kwnames[i]);
            ast_dump_expr(out, e->u.call.kwvals[i]);
        }
        fputc(')', out);
        break;
    case E_ATTR:
        fputs("(attr ", out);
        ast_dump_expr(out, e->u.attr.obj);
        fprintf(out, " %s)", e->u.attr.name);
        break;
    case E_SUBSCRIPT:
        fputs("(sub ", out);
        ast_dump_expr(out, e->u.sub.obj);
        fputc(' ', out);
        ast_dump_expr(out, e->u.sub.index);
        fputc(')', out);
        break;
    case E_SLICE:
        fputs("(slice ", out);
        ast_dump_expr(out, e->u.slice.lo);
        fputc(' ', out);
        ast_dump_expr(out, e->u.slice.hi);
        fputc(' ', out);
        ast_dump_expr(out, e->u.slice.step);
        fputc(')', out);
        break;
    case E_LISTCOMP:
        fputs("(listcomp ", out);
        ast_dump_expr(out, e->u.comp.elt);
        for (int i = 0; i < e->u.comp.nfor; i++) {
            fputs(" (for ", out);
            ast_dump_expr(out, e->u.comp.fors[i].target);
            fputc(' ', out);
            ast_dump_expr(out, e->u.comp.fors[i].iter);
            for (int k = 0; k < e->u.comp.fors[i].ifs.n; k++) {
                fputs(" (if ", out);
                ast_dump_expr(out, e->u.comp.fors[i].ifs.items[k]);
                fputc(')', out);
            }
            fputc(')', out);
        }
        fputc(')', out);
        break;
    default:
        fputs("(?)", out);
    }
}

static void dump_body(FILE *out, const char *tag, const StmtList *l)
{
    if (!l->n)
        return;
    fprintf(out, " (%s", tag);
    for (int i = 0; i < l->n; i++) {
        fputc(' ', out);
        ast_dump_stmt(out, l->items[i]);
    }
    fputc(')', out);
}

void ast_dump_stmt(FILE *out, const Stmt *s)
{
    switch (s->kind) {
    case S_EXPR: fputs("(expr ", out); ast_dump_expr(out, s->u.expr); fputc(')', out); return;
    case S_ASSIGN:
        fputs("(assign", out);
        for (int i = 0; i < s->u.assign.ntargets; i++) {
            fputc(' ', out);
            ast_dump_expr(out, s->u.assign.targets[i]);
        }
        fputc(' ', out);
        ast_dump_expr(out, s->u.assign.value);
        fputc(')', out);
        return;
    case S_AUGASSIGN:
        fprintf(out, "(aug %s ", dump_ops[s->u.aug.op]);
        ast_dump_expr(out, s->u.aug.target);
        fputc(' ', out);
        ast_dump_expr(out, s->u.aug.value);
        fputc(')', out);
        return;
    case S_IF:
    case S_WHILE:
        fputs(s->kind == S_IF ? "(if " : "(while ", out);
        ast_dump_expr(out, s->u.if_.cond);
        dump_body(out, "body", &s->u.if_.body);
        dump_body(out, "else", &s->u.if_.orelse);
        fputc(')', out);
        return;
    case S_FOR:
        fputs("(for ", out);
        ast_dump_expr(out, s->u.for_.target);
        fputc(' ', out);
        ast_dump_expr(out, s->u.for_.iter);
        dump_body(out, "body", &s->u.for_.body);
        dump_body(out, "else", &s->u.for_.orelse);
        fputc(')', out);
        return;
    case S_BREAK: fputs("(break)", out); return;
    case S_CONTINUE: fputs("(continue)", out); return;
    case S_PASS: fputs("(pass)", out); return;
    case S_RETURN:
    case S_RAISE:
        fputs(s->kind == S_RETURN ? "(return " : "(raise ", out);
        ast_dump_expr(out, s->u.expr);
        fputc(')', out);
        return;
    case S_DEF:
        fprintf(out, "(def %s (", s->u.def.name);
        for (int i = 0; i < s->u.def.params.n; i++) {
            int d = i - (s->u.def.params.n - s->u.def.params.ndefaults);
            fprintf(out, "%s%s", i ? " " : "", s->u.def.params.names[i]);
            if (d >= 0) {
                fputc('=', out);
                ast_dump_expr(out, s->u.def.params.defaults[d]);
            }
        }
        fputc(')', out);
        dump_body(out, "body", &s->u.def.body);
        fputc(')', out);
        return;
    case S_CLASS:
        fprintf(out, "(class %s (", s->u.cls.name);
        for (int i = 0; i < s->u.cls.bases.n; i++) {
            if (i)
                fputc(' ', out);
            ast_dump_expr(out, s->u.cls.bases.items[i]);
        }
        fputc(')', out);
        dump_body(out, "body", &s->u.cls.body);
        fputc(')', out);
        return;
    case S_GLOBAL:
        fputs("(global", out);
        for (int i = 0; i < s->u.global.n; i++)
            fprintf(out, " %s", s->u.global.names[i]);
        fputc(')', out);
        return;
    case S_ASSERT:
        fputs("(assert ", out);
        ast_dump_expr(out, s->u.assert_.test);
        fputc(' ', out);
        ast_dump_expr(out, s->u.assert_.msg);
        fputc(')', out);
        return;
    case S_WITH:
        fputs("(with ", out);
        ast_dump_expr(out, s->u.with.ctx);
        fputc(' ', out);
        ast_dump_expr(out, s->u.with.target);
        dump_body(out, "body", &s->u.with.body);
        fputc(')', out);
        return;
    case S_TRY:
        fputs("(try", out);
        dump_body(out, "body", &s->u.try_.body);
        for (int i = 0; i < s->u.try_.nhandlers; i++) {
            const ExceptClause *h = &s->u.try_.handlers[i];
            fputs(" (except ", out);
            ast_dump_expr(out, h->type);
            fprintf(out, " %s", h->name ? h->name : "_");
            dump_body(out, "body", &h->body);
            fputc(')', out);
        }
        dump_body(out, "else", &s->u.try_.orelse);
        dump_body(out, "finally", &s->u.try_.finalbody);
        fputc(')', out);
        return;
    case S_IMPORT:
    case S_IMPORTFROM:
        fputs(s->kind == S_IMPORT ? "(import" : "(from", out);
        for (int i = 0; i < s->u.import.n; i++) {
            const ImportName *in = &s->u.import.names[i];
            fprintf(out, " %s%s%s:%s", in->module, in->name ? "." : "", in->name ? in->name : "",
                    in->asname);
        }
        fputc(')', out);
        return;
    case S_DEL: fputs("(del", out); dump_list(out, &s->u.del); fputc(')', out); return;
    default: fputs("(?)", out);
    }
}

void ast_dump_module(FILE *out, const Module *m)
{
    for (int i = 0; i < m->body.n; i++) {
        ast_dump_stmt(out, m->body.items[i]);
        fputc('\n', out);
    }
}

char *ast_expr_str(const Expr *e)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return NULL;
    ast_dump_expr(f, e);
    fclose(f);
    return buf;
}

char *ast_module_str(const Module *m)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return NULL;
    ast_dump_module(f, m);
    fclose(f);
    return buf;
}
