/* The pane table and what views share: the title row, hit regions for the
 * mouse, names, worker numbers and word wrapping by display width. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/glyphs.h"
#include "ui/view.h"

static const UiView view_table[P_COUNT] = {
    { P_TIMELINE, "Timeline", "Dòng thời gian", view_timeline_draw },
    { P_LOCKS, "Locks", "Khoá", view_locks_draw },
    { P_QUEUES, "Queues", "Hàng đợi", view_queues_draw },
    { P_ARRAYS, "Arrays and values", "Mảng và giá trị", view_arrays_draw },
    { P_CODE, "Code", "Mã", view_code_draw },
    { P_NARRATION, "Narration", "Lời giảng", view_narration_draw },
    { P_OUTPUT, "Output", "Kết quả in", view_output_draw },
    { P_POOLS, "Pools", "Nhóm worker", view_pools_draw },
    { P_BARS, "Measured", "Đo được", view_bars_draw },
    { P_STATUS, "", "", view_status_draw },
};

const UiView *ui_view(UiPane p)
{
    return &view_table[p < P_COUNT ? p : P_STATUS];
}

/* Drawing a pane replaces its hits: forget those it recorded last time. */
void ui_view_draw(UiCtx *ctx, UiPane p, Canvas *c, UiRect r)
{
    if (r.w <= 0 || r.h <= 0)
        return;
    int n = 0;
    for (int i = 0; i < ctx->nhits; i++)
        if (ctx->hits[i].pane != p)
            ctx->hits[n++] = ctx->hits[i];
    ctx->nhits = n;
    ctx->drawing = p;
    ui_view(p)->draw(ctx, c, r);
}

UiRect view_frame(UiCtx *ctx, Canvas *c, UiRect r, UiPane p, const char *extra)
{
    cv_clear(c, r);
    const UiView *v = ui_view(p);
    UiRole role = ctx->focus == (int)p ? C_TITLE_FOCUS : C_TITLE;
    cv_fill(c, r, 0, 0, r.w, role, ctx->focus == (int)p ? " " : ui_glyph(G_HBAR));
    const char *title = ctx->vi ? v->title_vi : v->title;
    if (extra && *extra)
        cv_printf(c, r, 1, 0, role, " %s  %s ", title, extra);
    else
        cv_printf(c, r, 1, 0, role, " %s ", title);
    /* A pane that has a neighbour on its right keeps a blank column. */
    int gap = r.x + r.w < c->w;
    UiRect in = { r.x, r.y + 1, r.w - gap, r.h - 1 };
    return in;
}

void view_hits_reset(UiCtx *ctx)
{
    ctx->nhits = 0;
}

void view_hit(UiCtx *ctx, UiRect area, int x, int y, int w, UiHitKind kind, uint32_t id)
{
    if (y < 0 || y >= area.h || x >= area.w || w <= 0)
        return;
    if (x < 0) {
        w += x;
        x = 0;
    }
    if (x + w > area.w)
        w = area.w - x;
    if (w <= 0)
        return;
    if (ctx->nhits == ctx->hits_cap) {
        ctx->hits_cap = ctx->hits_cap ? ctx->hits_cap * 2 : 64;
        ctx->hits = realloc(ctx->hits, (size_t)ctx->hits_cap * sizeof *ctx->hits);
        if (!ctx->hits)
            abort();
    }
    UiHit *h = &ctx->hits[ctx->nhits++];
    h->r.x = area.x + x;
    h->r.y = area.y + y;
    h->r.w = w;
    h->r.h = 1;
    h->pane = (uint8_t)ctx->drawing;
    h->kind = (uint8_t)kind;
    h->id = id;
}

const UiHit *view_hit_at(const UiCtx *ctx, int x, int y)
{
    for (int i = ctx->nhits - 1; i >= 0; i--)
        if (ui_rect_contains(ctx->hits[i].r, x, y))
            return &ctx->hits[i];
    return NULL;
}

const char *view_worker_name(UiCtx *ctx, uint32_t id)
{
    const ModelWorker *w = model_worker(ctx->st, id);
    const char *n = w ? model_worker_name(ctx->model, w) : "";
    return *n ? n : "?";
}

const char *view_object_name(UiCtx *ctx, const ModelObject *o, char *buf, size_t size)
{
    const char *n = model_object_name(ctx->model, o);
    if (!*n) {
        snprintf(buf, size, "%s#%u", o->kind < TO_COUNT ? trace_obj_kind_names[o->kind] : "obj",
                 o->id);
        return buf;
    }
    if (o->kind == TO_GIL && o->creator != MODEL_NONE) {
        const ModelWorker *w = model_worker(ctx->st, o->creator);
        uint32_t p = w && w->process != MODEL_NONE ? w->process : o->creator;
        snprintf(buf, size, "%s of %s", n, view_worker_name(ctx, p));
        return buf;
    }
    return n;
}

int view_is_hl_worker(const UiCtx *ctx, uint32_t id)
{
    return ctx->hl_kind == HIT_WORKER && ctx->hl_id == id;
}

int view_is_hl_object(const UiCtx *ctx, uint32_t id)
{
    return ctx->hl_kind == HIT_OBJECT && ctx->hl_id == id;
}

int view_worker_number(const UiCtx *ctx, uint32_t id)
{
    int n = 0;
    for (uint32_t i = 0; i <= id && i < ctx->st->nworkers; i++)
        n += ctx->st->workers[i].known;
    return n <= 99 ? n : 0;
}

size_t view_wrap(const char *s, size_t len, int cols, size_t *skip)
{
    const char *nl = memchr(s, '\n', len);
    size_t line = nl ? (size_t)(nl - s) : len;
    size_t fit = ui_text_fit(s, line, cols < 1 ? 1 : cols);
    if (fit == line) {
        *skip = nl ? 1 : 0;
        return line;
    }
    size_t cut = fit;
    while (cut > 0 && s[cut] != ' ')
        cut--;
    if (cut == 0) {
        *skip = 0;
        return fit ? fit : 1;   /* one word longer than the line: cut it */
    }
    size_t n = cut;
    while (cut < line && s[cut] == ' ')
        cut++;
    *skip = cut - n;
    return n;
}

void view_too_small_draw(Canvas *c, int w, int h, int need_w, int need_h)
{
    UiRect all = { 0, 0, w, h };
    cv_clear(c, all);
    char msg[160];
    snprintf(msg, sizeof msg, "parlab needs a terminal of at least %dx%d", need_w, need_h);
    char cur[80];
    snprintf(cur, sizeof cur, "(this one is %dx%d: make it larger; q quits)", w, h);
    int y = h / 2 - 1;
    int mw = ui_text_width(msg, strlen(msg)), cw = ui_text_width(cur, strlen(cur));
    cv_text(c, all, mw < w ? (w - mw) / 2 : 0, y < 0 ? 0 : y, C_ERROR, msg);
    cv_text(c, all, cw < w ? (w - cw) / 2 : 0, y + 1, C_NORMAL, cur);
}

int view_worker_list(UiCtx *ctx, Canvas *c, UiRect r, int x, int y, const ModelVec *v, UiRole role)
{
    for (uint32_t i = 0; i < v->n; i++) {
        if (i)
            x = cv_text(c, r, x, y, C_NORMAL, ", ");
        const char *n = view_worker_name(ctx, v->v[i]);
        int x2 = cv_text(c, r, x, y, view_is_hl_worker(ctx, v->v[i]) ? C_HIGHLIGHT : role, n);
        view_hit(ctx, r, x, y, x2 - x, HIT_WORKER, v->v[i]);
        x = x2;
    }
    return x;
}

void view_duration(uint64_t ns, char *buf, size_t size)
{
    if (ns < 1000)
        snprintf(buf, size, "%lluns", (unsigned long long)ns);
    else if (ns < 1000000)
        snprintf(buf, size, "%.3gus", (double)ns / 1e3);
    else if (ns < 1000000000)
        snprintf(buf, size, "%.3gms", (double)ns / 1e6);
    else
        snprintf(buf, size, "%.3gs", (double)ns / 1e9);
}
