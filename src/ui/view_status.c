/* The status line: lesson, run state, speed, elapsed time, the viewed
 * event (and the total when travelling back in time), a note, and the
 * main keys when there is room.  The title gives way first. */
#include <stdio.h>
#include <string.h>

#include "ui/glyphs.h"
#include "ui/view.h"

static const char *const status_words[][2] = {
    [UI_RUN_STARTING] = { "starting", "đang khởi động" },
    [UI_RUN_RUNNING] = { "running", "đang chạy" },
    [UI_RUN_PAUSED] = { "paused", "tạm dừng" },
    [UI_RUN_FINISHED] = { "finished", "đã xong" },
    [UI_RUN_FAILED] = { "error", "lỗi" },
};

void view_status_draw(UiCtx *ctx, Canvas *c, UiRect r)
{
    cv_fill(c, r, 0, 0, r.w, C_STATUS, " ");
    const UiLessonText *l = ctx->lesson;
    uint64_t ms = ctx->run.elapsed_ns / 1000000;
    char speed[16];
    if (ctx->run.speed >= 1 || ctx->run.speed <= 0)
        snprintf(speed, sizeof speed, "%gx", ctx->run.speed > 0 ? ctx->run.speed : 1.0);
    else
        snprintf(speed, sizeof speed, "1/%gx", 1 / ctx->run.speed);
    char ev[64];
    if (ctx->k < ctx->total)
        snprintf(ev, sizeof ev, "event %zu of %zu", ctx->k, ctx->total);
    else
        snprintf(ev, sizeof ev, "event %zu", ctx->k);
    unsigned st = ctx->run.state <= UI_RUN_FAILED ? ctx->run.state : UI_RUN_FAILED;
    const char *bar = ui_glyph(G_VBAR);
    char right[256];
    snprintf(right, sizeof right, " %s %s %s %s %s %llu:%02llu.%llu %s %s ", bar,
             status_words[st][ctx->vi], bar, speed, bar, (unsigned long long)(ms / 60000),
             (unsigned long long)(ms / 1000 % 60), (unsigned long long)(ms / 100 % 10), bar, ev);
    char title[256];
    const char *t = l ? (ctx->vi && l->title_vi ? l->title_vi : l->title) : "";
    snprintf(title, sizeof title, " %s%s%s", l && l->section ? l->section : "",
             l && l->section ? " " : "", t);
    int rw = ui_text_width(right, strlen(right));
    int tw = r.w - rw;
    if (tw < 0)
        tw = 0;
    int x = cv_textn(c, r, 0, 0, C_STATUS, title, ui_text_fit(title, strlen(title), tw));
    x = cv_text(c, r, x, 0, C_STATUS, right);
    const char *note = ctx->note ? ctx->note : ctx->run.message;
    if (note && *note)
        x = cv_text(c, r, x + 1, 0, C_KEY, note);
    const char *keys = ctx->run.state == UI_RUN_PAUSED ? " space run  s step  ? help  q quit "
                                                       : " space pause  ? help  q quit ";
    int kw = (int)strlen(keys);
    if (x + 2 + kw <= r.w)
        cv_text(c, r, r.w - kw, 0, C_KEY, keys);
}
