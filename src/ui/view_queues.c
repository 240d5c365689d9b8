/* The queues pane: per queue a header line (name, kind, size, waiters)
 * and a line of items, oldest to newest, left to right.  A FIFO is drawn
 * as a pipe, items leave at the left ("get<" ... "<put"); a LIFO as a
 * stack whose top is the right end, where items both enter and leave; a
 * PriorityQueue in order of rank, next out at the left.  When the items
 * do not fit, the end that `get` takes from is always kept in view. */
#include <stdio.h>
#include <string.h>

#include "ui/glyphs.h"
#include "ui/view.h"

#define Q_MAX_SHOWN 256

static int queues_is_queue(unsigned kind)
{
    return kind == TO_QUEUE || kind == TO_LIFO || kind == TO_PRIO;
}

static const char *const queue_kind_word[] = { "FIFO", "LIFO (put and get at the top)", "priority" };

static void queues_items(UiCtx *ctx, Canvas *c, UiRect in, int y, const ModelObject *o)
{
    int lifo = o->kind == TO_LIFO;
    char head[32], tail[32];
    if (lifo) {
        snprintf(head, sizeof head, "bottom%s", ui_glyph(G_VBAR));
        snprintf(tail, sizeof tail, " %stop", ui_glyph(G_SWAP));
    } else {
        snprintf(head, sizeof head, "get%s ", ui_glyph(G_LEFT));
        snprintf(tail, sizeof tail, " %sput", ui_glyph(G_LEFT));
    }
    uint32_t n = o->items.n;
    int room = in.w - ui_text_width(head, strlen(head)) - ui_text_width(tail, strlen(tail)) - 5;
    /* How many items fit, counted from the end `get` takes from. */
    uint32_t shown = 0;
    int used = 0;
    for (; shown < n && shown < Q_MAX_SHOWN; shown++) {
        uint32_t idx = lifo ? n - 1 - shown : shown;
        const char *t = model_text(ctx->model, o->items.v[idx]);
        int w = ui_text_width(t, strlen(t)) + 3;
        if (used + w > room)
            break;
        used += w;
    }
    uint32_t first = lifo ? n - shown : 0;
    int x = cv_text(c, in, 0, y, C_DIM, head);
    if (lifo && shown < n)
        x = cv_printf(c, in, x, y, C_DIM, "+%u%s", n - shown, ui_glyph(G_ELLIPSIS));
    if (!n)
        x = cv_text(c, in, x, y, C_DIM, ctx->vi ? "(rỗng)" : "(empty)");
    for (uint32_t i = first; i < first + shown; i++) {
        if (i > first || lifo)
            x = cv_printf(c, in, x, y, C_DIM, lifo && i == first ? " " : " %s ", ui_glyph(G_VBAR));
        uint32_t ev = o->items.v[i];
        const char *t = model_text(ctx->model, ev);
        int newest = ev == o->last_ev;
        int next = lifo ? i == n - 1 : i == 0;
        const TraceEvent *e = eventlog_get(model_log(ctx->model), ev);
        UiRole role = view_is_hl_worker(ctx, e->worker) ? C_HIGHLIGHT
                    : newest ? C_WRITE : next ? C_LOCK_OWNER : C_NORMAL;
        int x2 = cv_text(c, in, x, y, role, t);
        view_hit(ctx, in, x, y, x2 - x, HIT_WORKER, e->worker);
        x = x2;
    }
    if (!lifo && shown < n)
        x = cv_printf(c, in, x, y, C_DIM, " %s+%u", ui_glyph(G_ELLIPSIS), n - shown);
    cv_text(c, in, x, y, C_DIM, tail);
}

static void queues_header(UiCtx *ctx, Canvas *c, UiRect in, int y, const ModelObject *o)
{
    char buf[96];
    const char *name = view_object_name(ctx, o, buf, sizeof buf);
    int x = cv_text(c, in, 0, y, view_is_hl_object(ctx, o->id) ? C_HIGHLIGHT : C_TITLE, name);
    view_hit(ctx, in, 0, y, x, HIT_OBJECT, o->id);
    x = cv_printf(c, in, x, y, C_DIM, "  %s  %u item%s", queue_kind_word[o->kind - TO_QUEUE],
                  o->items.n, o->items.n == 1 ? "" : "s");
    if (o->size)
        x = cv_printf(c, in, x, y, C_DIM, " of %u", o->size);
    if (!o->waiters.n)
        return;
    x = cv_text(c, in, x, y, C_NORMAL, "  waiting: ");
    for (uint32_t i = 0; i < o->waiters.n; i++) {
        uint32_t w = o->waiters.v[i];
        const ModelWorker *mw = model_worker(ctx->st, w);
        if (i)
            x = cv_text(c, in, x, y, C_NORMAL, ", ");
        int x2 = cv_text(c, in, x, y, view_is_hl_worker(ctx, w) ? C_HIGHLIGHT : C_QUEUE_WAIT,
                         view_worker_name(ctx, w));
        view_hit(ctx, in, x, y, x2 - x, HIT_WORKER, w);
        x = cv_text(c, in, x2, y, C_DIM, mw && mw->queue_full ? " (put)" : " (get)");
    }
}

void view_queues_draw(UiCtx *ctx, Canvas *c, UiRect r)
{
    const ModelState *st = ctx->st;
    int n = 0;
    for (uint32_t i = 0; i < st->nobjects; i++)
        n += queues_is_queue(st->objects[i].kind);
    UiRect in = view_frame(ctx, c, r, P_QUEUES, NULL);
    int rows = 2 * n;
    int max_scroll = rows > in.h ? rows - in.h : 0;
    int *sc = &ctx->scroll[P_QUEUES];
    *sc = *sc < 0 ? 0 : *sc > max_scroll ? max_scroll : *sc;
    int row = 0;
    for (uint32_t i = 0; i < st->nobjects; i++) {
        const ModelObject *o = &st->objects[i];
        if (!queues_is_queue(o->kind))
            continue;
        int y = row - *sc;
        if (y >= 0 && y < in.h)
            queues_header(ctx, c, in, y, o);
        if (y + 1 >= 0 && y + 1 < in.h)
            queues_items(ctx, c, in, y + 1, o);
        row += 2;
    }
    if (!n)
        cv_text(c, in, 0, 0, C_DIM, ctx->vi ? "(chưa có hàng đợi)" : "(no queues yet)");
}
