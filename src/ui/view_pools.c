/* The pools pane: per pool (ThreadPoolExecutor, ProcessPoolExecutor,
 * multiprocessing.Pool) a header with its size and how many of its tasks
 * are in each stage, a line of its workers with the task each runs now, a
 * line of its queue (tasks submitted and not started, oldest first), then
 * one line per task with its life so far:
 *
 *     pool  4 workers  1 pending  2 running  1 done  3 collected
 *      workers: ForkPoolWorker-1 ▶ square(5), ForkPoolWorker-2 idle
 *      queue: get◀ square(7)
 *      collected  square(1) on ForkPoolWorker-1 → 1
 *
 * "done" means the worker has the result; "collected" that the result
 * reached the process that submitted the task (the future is resolved
 * there).  A future some worker waits on says who waits.  Futures are
 * grouped under their pool through their task.submit event. */
#include <stdio.h>
#include <string.h>

#include "ui/glyphs.h"
#include "ui/view.h"

#define POOLS_MAX_WORKERS 64

static const char *const pools_state_word[2][4] = {
    { "pending", "running", "done", "collected" },
    { "chờ", "đang chạy", "xong", "đã nhận" },
};

static const UiRole pools_state_role[4] = { C_QUEUE_WAIT, C_RUNNING, C_DONE, C_LOCK_OWNER };

typedef struct PoolsRows {
    UiCtx *ctx;
    Canvas *c;
    UiRect in;
    int row, scroll;
} PoolsRows;

/* The screen row of the next logical row, or -1 when scrolled off. */
static int pools_next_row(PoolsRows *pr)
{
    int y = pr->row++ - pr->scroll;
    return y >= 0 && y < pr->in.h ? y : -1;
}

static int pools_is_of(UiCtx *ctx, const ModelObject *o, uint32_t pool)
{
    return o->kind == TO_FUTURE && model_future_pool(ctx->model, o) == pool;
}

static int pools_worker_name(UiCtx *ctx, Canvas *c, UiRect in, int x, int y, uint32_t w, UiRole role)
{
    int x2 = cv_text(c, in, x, y, view_is_hl_worker(ctx, w) ? C_HIGHLIGHT : role, view_worker_name(ctx, w));
    view_hit(ctx, in, x, y, x2 - x, HIT_WORKER, w);
    return x2;
}

static int pools_label(UiCtx *ctx, Canvas *c, UiRect in, int x, int y, const ModelObject *f, UiRole role)
{
    char buf[64];
    const char *t = model_object_name(ctx->model, f);
    if (!*t) {
        snprintf(buf, sizeof buf, "task#%u", f->id);
        t = buf;
    }
    int x2 = cv_text(c, in, x, y, view_is_hl_object(ctx, f->id) ? C_HIGHLIGHT : role, t);
    view_hit(ctx, in, x, y, x2 - x, HIT_OBJECT, f->id);
    return x2;
}

static void pools_header(PoolsRows *pr, const ModelObject *p, const uint32_t counts[4])
{
    int y = pools_next_row(pr);
    if (y < 0)
        return;
    UiCtx *ctx = pr->ctx;
    char buf[96];
    const char *name = view_object_name(ctx, p, buf, sizeof buf);
    int x = cv_text(pr->c, pr->in, 0, y, view_is_hl_object(ctx, p->id) ? C_HIGHLIGHT : C_TITLE, name);
    view_hit(ctx, pr->in, 0, y, x, HIT_OBJECT, p->id);
    if (p->size)
        x = cv_printf(pr->c, pr->in, x, y, C_DIM, "  %u worker%s", p->size,
                      p->size == 1 || ctx->vi ? "" : "s");
    /* Only the stages some task is in, to keep the line short. */
    int any = 0;
    for (int s = 0; s < 4; s++)
        if (counts[s]) {
            x = cv_printf(pr->c, pr->in, x, y, pools_state_role[s], "  %u %s", counts[s],
                          pools_state_word[ctx->vi][s]);
            any = 1;
        }
    if (!any)
        cv_text(pr->c, pr->in, x, y, C_DIM, ctx->vi ? "  chưa có việc" : "  no tasks");
}

/* Workers in order of their first task; each with what it runs now. */
static void pools_workers(PoolsRows *pr, uint32_t pool)
{
    UiCtx *ctx = pr->ctx;
    const ModelState *st = ctx->st;
    uint32_t ws[POOLS_MAX_WORKERS];
    const ModelObject *cur[POOLS_MAX_WORKERS];
    uint32_t nw = 0;
    for (uint32_t i = 0; i < st->nobjects; i++) {
        const ModelObject *f = &st->objects[i];
        if (!pools_is_of(ctx, f, pool))
            continue;
        uint32_t w = model_future_worker(ctx->model, f);
        if (w == MODEL_NONE)
            continue;
        uint32_t j = 0;
        while (j < nw && ws[j] != w)
            j++;
        if (j == nw) {
            if (nw == POOLS_MAX_WORKERS)
                continue;
            ws[nw] = w;
            cur[nw++] = NULL;
        }
        if (model_future_state(f) == MF_RUNNING)
            cur[j] = f;
    }
    int y = pools_next_row(pr);
    if (y < 0)
        return;
    int x = cv_text(pr->c, pr->in, 1, y, C_DIM, ctx->vi ? "worker: " : "workers: ");
    if (!nw)
        cv_text(pr->c, pr->in, x, y, C_DIM, ctx->vi ? "(chưa chạy việc nào)" : "(none has run a task yet)");
    for (uint32_t j = 0; j < nw; j++) {
        if (j)
            x = cv_text(pr->c, pr->in, x, y, C_NORMAL, ", ");
        x = pools_worker_name(ctx, pr->c, pr->in, x, y, ws[j], cur[j] ? C_RUNNING : C_NORMAL);
        if (cur[j]) {
            x = cv_printf(pr->c, pr->in, x, y, C_DIM, " %s ", ui_glyph(G_RIGHT));
            x = pools_label(ctx, pr->c, pr->in, x, y, cur[j], C_RUNNING);
        } else {
            x = cv_text(pr->c, pr->in, x, y, C_DIM, ctx->vi ? " rảnh" : " idle");
        }
    }
}

/* The task queue: submitted, not started, oldest first (the next taken
 * at the left, as the queues pane draws a FIFO). */
static void pools_queue(PoolsRows *pr, uint32_t pool, uint32_t pending)
{
    UiCtx *ctx = pr->ctx;
    int y = pools_next_row(pr);
    if (y < 0)
        return;
    int x = cv_printf(pr->c, pr->in, 1, y, C_DIM, "%s: get%s ", ctx->vi ? "hàng việc" : "queue",
                      ui_glyph(G_LEFT));
    if (!pending) {
        cv_text(pr->c, pr->in, x, y, C_DIM, ctx->vi ? "(rỗng)" : "(empty)");
        return;
    }
    uint32_t shown = 0;
    for (uint32_t i = 0; i < ctx->st->nobjects && x < pr->in.w; i++) {
        const ModelObject *f = &ctx->st->objects[i];
        if (!pools_is_of(ctx, f, pool) || model_future_state(f) != MF_PENDING)
            continue;
        if (shown++)
            x = cv_printf(pr->c, pr->in, x, y, C_DIM, " %s ", ui_glyph(G_VBAR));
        x = pools_label(ctx, pr->c, pr->in, x, y, f, shown == 1 ? C_LOCK_OWNER : C_NORMAL);
    }
    if (shown < pending || x >= pr->in.w)
        cv_printf(pr->c, pr->in, pr->in.w - 6, y, C_DIM, " +%u", pending - (shown < pending ? shown : 0));
}

/* One task: its stage, label, worker, result, and who waits for it. */
static void pools_task(PoolsRows *pr, const ModelObject *f)
{
    int y = pools_next_row(pr);
    if (y < 0)
        return;
    UiCtx *ctx = pr->ctx;
    ModelFutureState s = model_future_state(f);
    cv_text(pr->c, pr->in, 1, y, pools_state_role[s], pools_state_word[ctx->vi][s]);
    int x = pools_label(ctx, pr->c, pr->in, 12, y, f, C_NORMAL);
    uint32_t w = model_future_worker(ctx->model, f);
    if (w != MODEL_NONE) {
        x = cv_text(pr->c, pr->in, x, y, C_DIM, ctx->vi ? " trên " : " on ");
        x = pools_worker_name(ctx, pr->c, pr->in, x, y, w, s == MF_RUNNING ? C_RUNNING : C_NORMAL);
    }
    if (s >= MF_DONE && f->ncells && model_cell_ev(f, 0) != MODEL_NONE) {
        x = cv_printf(pr->c, pr->in, x, y, C_DIM, " %s ", ui_glyphs_utf8() ? "\u2192" : "->");
        x = cv_text(pr->c, pr->in, x, y, C_WRITE, model_text(ctx->model, model_cell_ev(f, 0)));
    }
    if (f->waiters.n) {
        x = cv_text(pr->c, pr->in, x, y, C_DIM, ctx->vi ? "  chờ bởi: " : "  awaited by: ");
        view_worker_list(ctx, pr->c, pr->in, x, y, &f->waiters, C_JOIN_WAIT);
    }
}

static void pools_draw_one(PoolsRows *pr, const ModelObject *p)
{
    UiCtx *ctx = pr->ctx;
    uint32_t counts[4] = { 0, 0, 0, 0 };
    for (uint32_t i = 0; i < ctx->st->nobjects; i++)
        if (pools_is_of(ctx, &ctx->st->objects[i], p->id))
            counts[model_future_state(&ctx->st->objects[i])]++;
    pools_header(pr, p, counts);
    pools_workers(pr, p->id);
    pools_queue(pr, p->id, counts[MF_PENDING]);
    for (uint32_t i = 0; i < ctx->st->nobjects; i++)
        if (pools_is_of(ctx, &ctx->st->objects[i], p->id))
            pools_task(pr, &ctx->st->objects[i]);
}

/* Rows the pane needs: per pool three, plus one per task. */
static int pools_rows(UiCtx *ctx)
{
    int n = 0;
    for (uint32_t i = 0; i < ctx->st->nobjects; i++) {
        const ModelObject *o = &ctx->st->objects[i];
        n += o->kind == TO_POOL ? 3 : o->kind == TO_FUTURE && model_future_pool(ctx->model, o) != MODEL_NONE;
    }
    return n;
}

void view_pools_draw(UiCtx *ctx, Canvas *c, UiRect r)
{
    const ModelState *st = ctx->st;
    int npools = 0;
    for (uint32_t i = 0; i < st->nobjects; i++)
        npools += st->objects[i].kind == TO_POOL;
    char extra[32];
    snprintf(extra, sizeof extra, "%d", npools);
    UiRect in = view_frame(ctx, c, r, P_POOLS, npools ? extra : NULL);
    int rows = pools_rows(ctx);
    int max_scroll = rows > in.h ? rows - in.h : 0;
    int *sc = &ctx->scroll[P_POOLS];
    *sc = *sc < 0 ? 0 : *sc > max_scroll ? max_scroll : *sc;
    PoolsRows pr = { ctx, c, in, 0, *sc };
    for (uint32_t i = 0; i < st->nobjects; i++)
        if (st->objects[i].kind == TO_POOL)
            pools_draw_one(&pr, &st->objects[i]);
    if (!npools)
        cv_text(c, in, 0, 0, C_DIM, ctx->vi ? "(chưa có nhóm worker)" : "(no pools yet)");
}

unsigned ui_optional_panes(Model *m)
{
    unsigned bits = 0;
    size_t n;
    if (model_measures(m, &n) && n)
        bits |= 1u << P_BARS;
    const ModelState *st = model_head(m);
    for (uint32_t i = 0; i < st->nobjects; i++)
        if (st->objects[i].kind == TO_POOL) {
            bits |= 1u << P_POOLS;
            break;
        }
    return bits;
}
