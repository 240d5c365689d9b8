/* The timeline: one row per worker, grouped under its process (the
 * process's main thread first, then its threads, indented), labelled with
 * its number, name, pid and tid.  Time runs left to right and ends at the
 * moment of the viewed event; each column shows the state the worker was
 * in at the end of that column's slice of time.  Zoom 0 fits the whole run
 * from its first event on, at a round time per column (1, 2 or 5 times a
 * power of ten ns): as the run grows only the newest columns change, and
 * the scale steps up rarely, so ncurses has little to send.  Each + halves
 * the time per column and keeps the right edge (now) in view.  A pool
 * worker's row carries the label of each task it ran, over the columns
 * from the task's start to its end, so which worker ran which task reads
 * straight off the rows. */
#include <stdio.h>
#include <string.h>

#include "ui/glyphs.h"
#include "ui/view.h"

#define TL_MAX_ROWS 4096
#define TL_LABEL_MAX 28

static const unsigned tl_legend[] = { TS_RUNNING, TS_GIL, TS_LOCK, TS_QUEUE, TS_JOIN, TS_SLEEP,
                                      TS_GATE, TS_DONE };

/* Workers in display order: each process, then its threads. */
static int tl_order(const ModelState *st, uint32_t *rows, int max)
{
    int n = 0;
    for (uint32_t p = 0; p < st->nworkers && n < max; p++) {
        const ModelWorker *w = &st->workers[p];
        if (!w->known || (w->process != p && w->process != MODEL_NONE))
            continue;
        rows[n++] = p;
        for (uint32_t t = 0; t < st->nworkers && n < max; t++) {
            const ModelWorker *x = &st->workers[t];
            if (t != p && x->known && x->process == p)
                rows[n++] = t;
        }
    }
    return n;
}

static void tl_label(UiCtx *ctx, const ModelWorker *w, char *buf, size_t size)
{
    int indent = w->process != w->id && w->process != MODEL_NONE;
    int num = view_worker_number(ctx, w->id);
    char ids[32] = "";
    if (w->pid > 0)
        snprintf(ids, sizeof ids, " %d:%d", w->pid, w->tid);
    snprintf(buf, size, "%s%d %s%s", indent ? " " : "", num, view_worker_name(ctx, w->id), ids);
}

/* The smallest round duration (1, 2, 5 x 10^n ns) that is at least ns. */
static uint64_t tl_round(uint64_t ns)
{
    for (uint64_t p = 1; p < (1ull << 62) / 10; p *= 10)
        for (int m = 1; m <= 5; m += m == 1 ? 1 : 3)
            if ((uint64_t)m * p >= ns)
                return (uint64_t)m * p;
    return ns;
}

/* Index of the last span starting at or before t among the first n. */
static size_t tl_span_at(const ModelSpan *s, size_t n, uint64_t t)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s[mid].t0 <= t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;      /* count of spans with t0 <= t; the one in effect is lo - 1 */
}

static void tl_row(UiCtx *ctx, Canvas *c, UiRect r, int y, int x0, int cols, uint32_t id,
                   uint64_t t_left, uint64_t scale)
{
    size_t n;
    const ModelSpan *spans = model_spans(ctx->model, id, &n);
    n = model_spans_before(spans, n, ctx->k);
    if (!n)
        return;
    size_t i = tl_span_at(spans, n, t_left + scale - 1);
    int run_x = 0, run_len = 0;
    int run_state = -1;
    for (int col = 0; col < cols; col++) {
        uint64_t t = t_left + (uint64_t)(col + 1) * scale - 1;
        while (i < n && spans[i].t0 <= t)
            i++;
        int state = i == 0 ? TS_NEW : spans[i - 1].state;
        if (state != run_state) {
            if (run_len && run_state != TS_NEW) {
                const UiStateLook *lk = ui_state_look((unsigned)run_state);
                cv_fill(c, r, x0 + run_x, y, run_len, lk->role, ui_glyph(lk->glyph));
            }
            run_state = state;
            run_x = col;
            run_len = 0;
        }
        run_len++;
    }
    if (run_len && run_state != TS_NEW) {
        const UiStateLook *lk = ui_state_look((unsigned)run_state);
        cv_fill(c, r, x0 + run_x, y, run_len, lk->role, ui_glyph(lk->glyph));
    }
}

/* Task labels on worker `id`'s row: each task.start paired with the
 * worker's next task.done (a worker runs one task at a time). */
static void tl_tasks(UiCtx *ctx, Canvas *c, UiRect r, int y, int x0, int cols, uint32_t id,
                     uint64_t t_left, uint64_t scale)
{
    size_t n;
    const ModelRef *refs = model_tasks(ctx->model, &n);
    n = model_before(refs, n, ctx->k);
    const EventLog *log = model_log(ctx->model);
    for (size_t i = 0; i < n; i++) {
        if (refs[i].worker != id)
            continue;
        const TraceEvent *s = eventlog_get(log, refs[i].ev);
        if (s->kind != TK_TASK_START)
            continue;
        uint64_t t1 = ctx->st->ts;
        for (size_t j = i + 1; j < n; j++)
            if (refs[j].worker == id) {
                t1 = eventlog_get(log, refs[j].ev)->ts;
                break;
            }
        if (t1 < t_left)
            continue;
        int a = s->ts > t_left ? (int)((s->ts - t_left) / scale) : 0;
        int b = (int)((t1 - t_left) / scale);
        if (a >= cols)
            continue;
        if (b >= cols)
            b = cols - 1;
        const ModelObject *f = model_object(ctx->st, s->obj);
        const char *label = f ? model_object_name(ctx->model, f) : "";
        size_t len = ui_text_fit(label, strlen(label), b - a + 1);
        if (len)
            cv_textn(c, r, x0 + a, y, C_TITLE, label, len);
    }
}

void view_timeline_draw(UiCtx *ctx, Canvas *c, UiRect r)
{
    const ModelState *st = ctx->st;
    const EventLog *log = model_log(ctx->model);
    uint64_t t_first = ctx->k ? eventlog_get(log, 0)->ts : 0, t_end = st->ts;
    uint32_t rows[TL_MAX_ROWS];
    int nrows = tl_order(st, rows, TL_MAX_ROWS);

    /* Label width: the longest label, within bounds. */
    char label[96];
    int lw = 8;
    for (int i = 0; i < nrows; i++) {
        tl_label(ctx, &st->workers[rows[i]], label, sizeof label);
        int w = ui_text_width(label, strlen(label));
        lw = w > lw ? w : lw;
    }
    if (lw > TL_LABEL_MAX)
        lw = TL_LABEL_MAX;
    if (lw > r.w / 3)
        lw = r.w / 3;
    int x0 = lw + 1, cols = r.w - x0 - 1;
    if (cols < 1)
        cols = 1;
    int ncols = cols;       /* columns up to now; the rest stays blank */
    uint64_t span = t_end > t_first ? t_end - t_first : 1;
    uint64_t scale = tl_round((span + (uint64_t)cols - 1) / (uint64_t)cols);
    for (int z = 0; z < ctx->tl_zoom && scale > 1; z++)
        scale = (scale + 1) / 2;
    for (int z = 0; z > ctx->tl_zoom && scale < (1ull << 50); z--)
        scale *= 2;
    uint64_t width = scale * (uint64_t)cols;
    uint64_t t_left = t_first;
    if (t_end >= t_first + width)   /* zoomed in: the window ends now */
        t_left = t_end + 1 - width;
    if ((t_end - t_left) / scale + 1 < (uint64_t)cols)
        ncols = (int)((t_end - t_left) / scale + 1);

    char extra[64], dur[24];
    view_duration(scale, dur, sizeof dur);
    snprintf(extra, sizeof extra, "1 column = %s", dur);
    UiRect in = view_frame(ctx, c, r, P_TIMELINE, extra);
    if (in.h <= 0)
        return;

    /* Legend on the first row. */
    int x = 0;
    for (size_t i = 0; i < sizeof tl_legend / sizeof tl_legend[0]; i++) {
        const UiStateLook *lk = ui_state_look(tl_legend[i]);
        x = cv_text(c, in, x, 0, lk->role, ui_glyph(lk->glyph));
        x = cv_text(c, in, x, 0, C_DIM, lk->word);
        x = cv_text(c, in, x, 0, C_DIM, "  ");
    }

    int avail = in.h - 1;
    int max_scroll = nrows > avail ? nrows - avail : 0;
    if (ctx->scroll[P_TIMELINE] > max_scroll)
        ctx->scroll[P_TIMELINE] = max_scroll;
    if (ctx->scroll[P_TIMELINE] < 0)
        ctx->scroll[P_TIMELINE] = 0;
    int first = ctx->scroll[P_TIMELINE];
    for (int i = first; i < nrows && i - first < avail; i++) {
        const ModelWorker *w = &st->workers[rows[i]];
        int y = 1 + i - first;
        tl_label(ctx, w, label, sizeof label);
        size_t fit = ui_text_fit(label, strlen(label), lw);
        UiRole role = view_is_hl_worker(ctx, w->id) ? C_HIGHLIGHT
                    : w->process == w->id ? C_TITLE : C_NORMAL;
        int end = cv_textn(c, in, 0, y, role, label, fit);
        view_hit(ctx, in, 0, y, end, HIT_WORKER, w->id);
        tl_row(ctx, c, in, y, x0, ncols, w->id, t_left, scale);
        tl_tasks(ctx, c, in, y, x0, ncols, w->id, t_left, scale);
        view_hit(ctx, in, x0, y, cols, HIT_WORKER, w->id);
    }
    if (nrows - first > avail)
        cv_printf(c, in, in.w - 8, in.h - 1, C_DIM, "+%d more", nrows - first - avail);
}
