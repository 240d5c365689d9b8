/* The output pane: what the lesson printed by the viewed event, one row
 * per line, each marked with the worker that printed it; an uncaught
 * exception shows as an error row.  It shows the newest lines; Up
 * scrolls back. */
#include <string.h>

#include "ui/glyphs.h"
#include "ui/view.h"

typedef struct OutLine {
    uint32_t ev, worker;
    const char *s;
    size_t len;
    int error;
} OutLine;

/* Visit the lines of print/exception refs in event order, newest first,
 * stopping after `want` lines; returns how many were visited. */
static int out_lines(UiCtx *ctx, OutLine *out, int want)
{
    size_t np, ne;
    const ModelRef *p = model_prints(ctx->model, &np);
    const ModelRef *e = model_exceptions(ctx->model, &ne);
    size_t ip = model_before(p, np, ctx->k), ie = model_before(e, ne, ctx->k);
    int n = 0;
    while (n < want && (ip || ie)) {
        int is_err = ie && (!ip || e[ie - 1].ev > p[ip - 1].ev);
        const ModelRef *ref = is_err ? &e[--ie] : &p[--ip];
        const char *t = model_text(ctx->model, ref->ev);
        size_t len = strlen(t);
        if (len && t[len - 1] == '\n')
            len--;
        /* Split at newlines, last line first. */
        size_t end = len;
        for (;;) {
            size_t start = end;
            while (start > 0 && t[start - 1] != '\n')
                start--;
            if (n < want)
                out[n++] = (OutLine){ ref->ev, ref->worker, t + start, end - start, is_err };
            if (start == 0 || n >= want)
                break;
            end = start - 1;
        }
    }
    return n;
}

void view_output_draw(UiCtx *ctx, Canvas *c, UiRect r)
{
    UiRect in = view_frame(ctx, c, r, P_OUTPUT, NULL);
    if (in.h <= 0)
        return;
    int *sc = &ctx->scroll[P_OUTPUT];
    if (*sc > 0)
        *sc = 0;
    int want = in.h - *sc;
    OutLine lines[512];
    if (want > 512)
        want = 512;
    int n = out_lines(ctx, lines, want);
    if (n < want && *sc < 0) {      /* scrolled past the first line */
        *sc += want - n;
        if (*sc > 0)
            *sc = 0;
    }
    int skip = -*sc;            /* newest lines hidden below */
    /* Name column: the widest name among the lines shown, capped. */
    int nw = 4;
    for (int i = skip; i < n; i++) {
        const char *name = view_worker_name(ctx, lines[i].worker);
        int w = ui_text_width(name, strlen(name));
        nw = w > nw ? w : nw;
    }
    if (nw > in.w / 4)
        nw = in.w / 4;
    int shown = n - skip < in.h ? n - skip : in.h;
    for (int i = 0; i < shown; i++) {
        const OutLine *ol = &lines[skip + shown - 1 - i];
        const char *name = view_worker_name(ctx, ol->worker);
        UiRole nr = view_is_hl_worker(ctx, ol->worker) ? C_HIGHLIGHT : C_DIM;
        int x = cv_textn(c, in, 0, i, nr, name, ui_text_fit(name, strlen(name), nw));
        view_hit(ctx, in, 0, i, x, HIT_WORKER, ol->worker);
        cv_text(c, in, nw + 1, i, C_DIM, ui_glyph(G_VBAR));
        cv_textn(c, in, nw + 3, i, ol->error ? C_ERROR : C_NORMAL, ol->s, ol->len);
    }
    if (!n)
        cv_text(c, in, 0, 0, C_DIM, ctx->vi ? "(chưa in gì)" : "(nothing printed yet)");
}
