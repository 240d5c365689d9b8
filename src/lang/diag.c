/* Diagnostics: one error, with its place, printed the way compilers do. */
#include "lang/diag.h"

#include <stdarg.h>
#include <stdio.h>

int diag_set(Diag *d, const char *file, int line, int col, const char *fmt, ...)
{
    if (!d)
        return -1;
    d->file = file;
    d->line = line < 1 ? 1 : line;
    d->col = col < 1 ? 1 : col;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(d->msg, sizeof d->msg, fmt, ap);
    va_end(ap);
    return -1;
}

void lang_diag_print(const Diag *d)
{
    fprintf(stderr, "%s:%d:%d: error: %s\n", d->file ? d->file : "<input>",
            d->line, d->col, d->msg);
}
