/* Front end of the lesson language: source text -> checked Module.
 *
 * No I/O here but what the caller hands in; errors come back as a Diag with
 * the place, so the caller prints `FILE:LINE:COL: error: MESSAGE`.
 */
#ifndef PARLAB_LANG_H
#define PARLAB_LANG_H

#include "lang/ast.h"

typedef struct {
    const char *file;
    int line, col;          /* 1-based; col counts characters (code points), as CPython does */
    char msg[256];
} Diag;

/* Parse a whole file.  Returns NULL and fills *err on a syntax error or a
 * construct outside the subset.  The Module must be freed with lang_free. */
Module *lang_parse(const char *file, const char *src, size_t len, Diag *err);

/* Semantic checks that need the whole tree (break outside a loop, imports
 * outside the contract's table, names that would reach files or commands).
 * Returns 0 when the module is fine, -1 and fills *err otherwise. */
int lang_check(const Module *m, Diag *err);

void lang_free(Module *m);

/* Print a diagnostic the way every tool does: FILE:LINE:COL: error: MSG */
void lang_diag_print(const Diag *d);

#endif
