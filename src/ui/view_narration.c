/* The narration pane: the lesson's text in the chosen language, wrapped
 * by display width (Vietnamese included), then the pause() checkpoints
 * reached by the viewed event, in the same language (a checkpoint's vi
 * text when the lesson gave one, else its English one).  When a checkpoint
 * has been reached the pane shows the end (the newest checkpoint);
 * otherwise the beginning.  Up/Down scroll from there. */
#include <string.h>

#include "ui/glyphs.h"
#include "ui/view.h"

/* Rows the text takes at width w; draws them when c is not NULL. */
static int narr_text(UiCtx *ctx, Canvas *c, UiRect in, int y, const char *s, UiRole role, int indent)
{
    size_t len = strlen(s), i = 0;
    int rows = 0;
    while (i < len || rows == 0) {
        size_t skip;
        size_t n = view_wrap(s + i, len - i, in.w - indent, &skip);
        if (c)
            cv_textn(c, in, indent, y + rows, role, s + i, n);
        rows++;
        i += n + skip;
        if (n + skip == 0)
            break;
    }
    (void)ctx;
    return rows;
}

static int narr_all(UiCtx *ctx, Canvas *c, UiRect in, int y)
{
    const UiLessonText *l = ctx->lesson;
    const char *text = "";
    if (l)
        text = ctx->vi && l->narration_vi && *l->narration_vi ? l->narration_vi
             : l->narration_en ? l->narration_en : "";
    int rows = 0;
    while (*text == '\n')
        text++;
    if (*text)
        rows += narr_text(ctx, c, in, y, text, C_NORMAL, 0);
    size_t n;
    const ModelRef *p = model_pauses(ctx->model, &n);
    size_t reached = model_before(p, n, ctx->k);
    for (size_t i = 0; i < reached; i++) {
        rows++;     /* a blank row before each checkpoint */
        uint32_t len = 0;
        const char *t = eventlog_text(model_log(ctx->model), p[i].ev, &len);
        t = trace_pause_text(t, len, ctx->vi);
        UiRole role = i + 1 == reached ? C_PAUSE : C_DIM;
        if (c)
            cv_text(c, in, 0, y + rows, role, ui_glyph(G_PAUSE));
        rows += narr_text(ctx, c, in, y + rows, t, role, ui_glyphs_utf8() ? 2 : 3);
    }
    if (reached && ctx->run.state == UI_RUN_PAUSED && ctx->k == ctx->total && c)
        cv_text(c, in, 0, y + rows++, C_DIM, ctx->vi ? "(space: chạy tiếp)" : "(space goes on)");
    return rows;
}

void view_narration_draw(UiCtx *ctx, Canvas *c, UiRect r)
{
    UiRect in = view_frame(ctx, c, r, P_NARRATION, NULL);
    if (in.h <= 0 || in.w <= 0)
        return;
    int total = narr_all(ctx, NULL, in, 0) + 1;
    size_t n;
    const ModelRef *p = model_pauses(ctx->model, &n);
    int base = model_before(p, n, ctx->k) && total > in.h ? total - in.h : 0;
    int max_top = total > in.h ? total - in.h : 0;
    int top = base + ctx->scroll[P_NARRATION];
    if (top < 0) {
        ctx->scroll[P_NARRATION] -= top;
        top = 0;
    }
    if (top > max_top) {
        ctx->scroll[P_NARRATION] -= top - max_top;
        top = max_top;
    }
    narr_all(ctx, c, in, -top);
}
