/* The arrays and values pane.  Shared objects (multiprocessing Array and
 * Value, plain counters) show their cells; a plain list in a process
 * lesson shows one row per process, each process's private copy under the
 * others with cells aligned, so a change made in one copy is visibly
 * missing from the rest.  In every object the cell written last is
 * highlighted and its writer named. */
#include <stdio.h>
#include <string.h>

#include "ui/glyphs.h"
#include "ui/view.h"

#define ARR_CELL_MAX 24

static void arrays_cell_text(UiCtx *ctx, const ModelObject *o, uint32_t i, char *buf, size_t size)
{
    if (i >= o->ncells) {
        snprintf(buf, size, "%s", "");
        return;
    }
    if (o->kind == TO_LIST) {
        uint64_t ev = model_cell(o, i);
        const char *t = ev == MODEL_NONE ? "" : model_text(ctx->model, (uint32_t)ev);
        snprintf(buf, size, "%s", t);
    } else if (o->flags & TF_DOUBLE) {
        uint64_t bits = model_cell(o, i);
        double d;
        memcpy(&d, &bits, sizeof d);
        snprintf(buf, size, "%g", d);
    } else {
        snprintf(buf, size, "%lld", (long long)model_cell(o, i));
    }
}

/* The cell written last, or -1. */
static int arrays_last_cell(const ModelObject *o)
{
    int best = -1;
    uint32_t best_ev = 0;
    for (uint32_t i = 0; i < o->ncells; i++) {
        uint32_t ev = model_cell_ev(o, i);
        if (ev != MODEL_NONE && (best < 0 || ev > best_ev))
            best = (int)i, best_ev = ev;
    }
    return best;
}

/* Cells from column x on row y (wrapping onto following rows); returns
 * the number of rows used. */
static int arrays_cells(UiCtx *ctx, Canvas *c, UiRect in, int x, int y, const ModelObject *o)
{
    int last = arrays_last_cell(o);
    int rows = 1, indent = x;
    x = cv_text(c, in, x, y, C_DIM, "[");
    for (uint32_t i = 0; i < o->ncells; i++) {
        char cell[64];
        arrays_cell_text(ctx, o, i, cell, sizeof cell);
        size_t len = ui_text_fit(cell, strlen(cell), ARR_CELL_MAX);
        int w = ui_text_width(cell, len) + 3;
        if (x + w > in.w && x > indent + 1) {
            rows++;
            y++;
            x = indent + 1;
        }
        uint32_t ev = model_cell_ev(o, i);
        uint32_t writer = ev != MODEL_NONE ? eventlog_get(model_log(ctx->model), ev)->worker : MODEL_NONE;
        UiRole role = writer != MODEL_NONE && view_is_hl_worker(ctx, writer) ? C_HIGHLIGHT
                    : (int)i == last ? C_WRITE : C_NORMAL;
        x = cv_text(c, in, x, y, C_NORMAL, " ");
        int x2 = cv_textn(c, in, x, y, role, cell, len);
        if (writer != MODEL_NONE)
            view_hit(ctx, in, x, y, x2 - x, HIT_WORKER, writer);
        x = cv_text(c, in, x2, y, C_DIM, i + 1 < o->ncells ? " " : " ]");
        if (i + 1 < o->ncells)
            x = cv_text(c, in, x, y, C_DIM, ui_glyph(G_VBAR));
    }
    if (!o->ncells)
        x = cv_text(c, in, x, y, C_DIM, "]");
    if (last >= 0) {
        uint32_t w = eventlog_get(model_log(ctx->model), model_cell_ev(o, (uint32_t)last))->worker;
        char note[96];
        if (o->kind == TO_VALUE)
            snprintf(note, sizeof note, "  %s %s", ui_glyph(G_LEFT), view_worker_name(ctx, w));
        else
            snprintf(note, sizeof note, "  %s [%d] by %s", ui_glyph(G_LEFT), last,
                     view_worker_name(ctx, w));
        int nw = ui_text_width(note, strlen(note));
        if (x + nw > in.w) {
            rows++;
            y++;
            x = indent;
        }
        int x2 = cv_text(c, in, x, y, C_DIM, note);
        view_hit(ctx, in, x, y, x2 - x, HIT_WORKER, w);
    }
    return rows;
}

static int arrays_shared(UiCtx *ctx, Canvas *c, UiRect in, int y, const ModelObject *o)
{
    char buf[96];
    const char *name = view_object_name(ctx, o, buf, sizeof buf);
    UiRole role = view_is_hl_object(ctx, o->id) ? C_HIGHLIGHT : C_TITLE;
    int x = cv_text(c, in, 0, y, role, name);
    view_hit(ctx, in, 0, y, x, HIT_OBJECT, o->id);
    if (o->kind == TO_VALUE) {
        x = cv_text(c, in, x, y, C_NORMAL, " = ");
        char cell[64];
        arrays_cell_text(ctx, o, 0, cell, sizeof cell);
        uint32_t ev = o->ncells ? model_cell_ev(o, 0) : MODEL_NONE;
        x = cv_text(c, in, x, y, ev != MODEL_NONE ? C_WRITE : C_NORMAL, cell);
        if (ev != MODEL_NONE) {
            uint32_t w = eventlog_get(model_log(ctx->model), ev)->worker;
            x = cv_printf(c, in, x, y, C_DIM, "  %s %s", ui_glyph(G_LEFT), view_worker_name(ctx, w));
        }
        if (o->flags & TF_SHARED)
            cv_text(c, in, x, y, C_DIM, "  (shared)");
        return 1;
    }
    cv_text(c, in, x, y, C_DIM, o->flags & TF_SHARED ? "  shared array" : "  array");
    return 1 + arrays_cells(ctx, c, in, 2, y + 1, o);
}

/* Every private copy of list `id`, one row each, after a header. */
static int arrays_copies(UiCtx *ctx, Canvas *c, UiRect in, int y, uint32_t id)
{
    const ModelState *st = ctx->st;
    const ModelObject *first = NULL;
    int lw = 0;
    for (uint32_t i = 0; i < st->nobjects; i++) {
        const ModelObject *o = &st->objects[i];
        if (o->kind != TO_LIST || o->id != id)
            continue;
        if (!first)
            first = o;
        const char *pn = view_worker_name(ctx, o->process);
        int w = ui_text_width(pn, strlen(pn));
        lw = w > lw ? w : lw;
    }
    char buf[96];
    const char *name = view_object_name(ctx, first, buf, sizeof buf);
    int x = cv_text(c, in, 0, y, view_is_hl_object(ctx, id) ? C_HIGHLIGHT : C_TITLE, name);
    view_hit(ctx, in, 0, y, x, HIT_OBJECT, id);
    cv_text(c, in, x, y, C_DIM, ctx->vi ? "  list: mỗi tiến trình một bản riêng"
                                        : "  list: one private copy per process");
    int rows = 1;
    if (lw > in.w / 3)
        lw = in.w / 3;
    for (uint32_t i = 0; i < st->nobjects; i++) {
        const ModelObject *o = &st->objects[i];
        if (o->kind != TO_LIST || o->id != id)
            continue;
        const char *pn = view_worker_name(ctx, o->process);
        int ry = y + rows;
        int x2 = cv_textn(c, in, 2, ry, view_is_hl_worker(ctx, o->process) ? C_HIGHLIGHT : C_NORMAL,
                          pn, ui_text_fit(pn, strlen(pn), lw));
        view_hit(ctx, in, 2, ry, x2 - 2, HIT_WORKER, o->process);
        rows += arrays_cells(ctx, c, in, 2 + lw + 1, ry, o);
    }
    return rows;
}

void view_arrays_draw(UiCtx *ctx, Canvas *c, UiRect r)
{
    const ModelState *st = ctx->st;
    UiRect in = view_frame(ctx, c, r, P_ARRAYS, NULL);
    /* Draw into rows starting at -scroll; rows outside the pane clip. */
    int *sc = &ctx->scroll[P_ARRAYS];
    if (*sc < 0)
        *sc = 0;
    int y = -*sc, any = 0;
    for (uint32_t i = 0; i < st->nobjects; i++) {
        const ModelObject *o = &st->objects[i];
        if (o->kind == TO_ARRAY || o->kind == TO_VALUE) {
            y += arrays_shared(ctx, c, in, y, o);
            any = 1;
        } else if (o->kind == TO_LIST) {
            int seen = 0;   /* draw each list once, at its first copy */
            for (uint32_t j = 0; j < i && !seen; j++)
                seen = st->objects[j].kind == TO_LIST && st->objects[j].id == o->id;
            if (!seen) {
                y += arrays_copies(ctx, c, in, y, o->id);
                any = 1;
            }
        }
        if (y >= in.h)
            break;
    }
    if (!any)
        cv_text(c, in, 0, 0, C_DIM, ctx->vi ? "(chưa có mảng)" : "(no arrays or values yet)");
    if (y < in.h) {     /* all drawn: keep the last row on screen */
        int total = y + *sc;
        int max_scroll = total > in.h ? total - in.h : 0;
        if (*sc > max_scroll)
            *sc = max_scroll;
    }
}
