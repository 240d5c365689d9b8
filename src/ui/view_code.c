/* The code pane: the lesson's source with line numbers and a cursor per
 * live worker on the line it is executing ("▶" in the gutter, the
 * workers' names at the end of the line).  It follows the highlighted
 * worker, else the worker of the latest event; a script error is shown
 * under its line. */
#include <stdio.h>
#include <string.h>

#include "ui/glyphs.h"
#include "ui/view.h"

#define CODE_MAX_ON_LINE 8

static int code_is_live(const ModelWorker *w)
{
    return w->known && w->line > 0 && w->state != TS_DONE && w->state != TS_NEW;
}

/* The line to keep in view. */
static int code_target(UiCtx *ctx)
{
    const ModelState *st = ctx->st;
    if (ctx->run.state == UI_RUN_FAILED && ctx->run.error_line > 0)
        return ctx->run.error_line;
    if (ctx->hl_kind == HIT_WORKER) {
        const ModelWorker *w = model_worker(st, ctx->hl_id);
        if (w && w->line)
            return (int)w->line;
    }
    if (ctx->k > 0) {
        const TraceEvent *e = eventlog_get(model_log(ctx->model), ctx->k - 1);
        const ModelWorker *w = model_worker(st, e->worker);
        if (w && w->line)
            return (int)w->line;
    }
    return 1;
}

void view_code_draw(UiCtx *ctx, Canvas *c, UiRect r)
{
    const UiLessonText *l = ctx->lesson;
    const ModelState *st = ctx->st;
    UiRect in = view_frame(ctx, c, r, P_CODE, l && l->name ? l->name : NULL);
    if (!l || in.h <= 0)
        return;
    int err_line = ctx->run.state == UI_RUN_FAILED ? ctx->run.error_line : 0;
    int rows = l->nlines + (err_line > 0);
    int top = code_target(ctx) - in.h / 2 + ctx->scroll[P_CODE];
    int max_top = rows - in.h + 1;
    if (top > max_top)
        top = max_top;
    if (top < 1)
        top = 1;
    int gw = 1;
    for (int n = l->nlines; n >= 10; n /= 10)
        gw++;
    int y = 0;
    for (int line = top; line <= l->nlines && y < in.h; line++, y++) {
        uint32_t on[CODE_MAX_ON_LINE];
        int non = 0, hl = 0;
        for (uint32_t i = 0; i < st->nworkers && non < CODE_MAX_ON_LINE; i++) {
            const ModelWorker *w = &st->workers[i];
            if (code_is_live(w) && (int)w->line == line) {
                on[non++] = w->id;
                hl |= view_is_hl_worker(ctx, w->id);
            }
        }
        UiRole num_role = non ? C_CURSOR : C_DIM;
        cv_printf(c, in, 0, y, num_role, "%*d", gw, line);
        if (non)
            cv_text(c, in, gw, y, hl ? C_HIGHLIGHT : C_CURSOR, ui_glyph(G_CURSOR));
        int x = cv_text(c, in, gw + 2, y, line == err_line ? C_ERROR : C_NORMAL, l->lines[line - 1]);
        if (non) {
            x = cv_printf(c, in, x + 1, y, C_CURSOR, "%s", ui_glyph(G_LEFT));
            for (int i = 0; i < non; i++) {
                const char *n = view_worker_name(ctx, on[i]);
                int x2 = cv_printf(c, in, x, y, view_is_hl_worker(ctx, on[i]) ? C_HIGHLIGHT : C_CURSOR,
                                   "%s%s", i ? ", " : " ", n);
                view_hit(ctx, in, x, y, x2 - x, HIT_WORKER, on[i]);
                x = x2;
            }
        }
        if (line == err_line && ++y < in.h)
            cv_printf(c, in, gw + 2, y, C_ERROR, "%s", ctx->run.error ? ctx->run.error : "error");
    }
}
