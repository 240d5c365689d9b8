/* A compact S-expression rendering of the tree, for tests and debugging:
 *   (assign (name x) (binop + (int 1) (binop * (int 2) (int 3))))
 */
#ifndef PARLAB_DUMP_H
#define PARLAB_DUMP_H

#include <stdio.h>

#include "lang/ast.h"

void ast_dump_expr(FILE *out, const Expr *e);
void ast_dump_stmt(FILE *out, const Stmt *s);
void ast_dump_module(FILE *out, const Module *m);

/* The rendering of one expression / of the whole module, in a malloc'd string. */
char *ast_expr_str(const Expr *e);
char *ast_module_str(const Module *m);

#endif
