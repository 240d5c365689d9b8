/* The bars pane: what a lesson measured with parlab.measure(label,
 * seconds), as horizontal bars.  A label "group: name" puts the bar in a
 * group; the first bar of a group is its baseline, and every later one
 * shows its speedup over it ("x1.96" = 1.96 times as fast).  Bars of a
 * group share one scale, so equal work takes equal length.
 *
 * The reason for a speedup (or its absence) is drawn too: for the time a
 * measurement covered (the `seconds` before it was reported), the share of
 * the workers' busy time spent waiting for a GIL rather than running.
 * Threads of one process doing CPU work wait about half the time with
 * two of them; processes, each with its own GIL, do not wait at all.
 *
 *     cpu-bound
 *      serial     ████████████████ 0.80s
 *      threads    ████████████████ 0.81s  x0.99  GIL wait 50%
 *      processes  ████████         0.41s  x1.95  GIL wait 0%
 */
#include <stdio.h>
#include <string.h>

#include "ui/glyphs.h"
#include "ui/view.h"

#define BARS_MAX 64
#define BARS_NAME_MAX 16

typedef struct Bar {
    const char *group;      /* into the label; glen bytes */
    size_t glen;
    const char *name;       /* the rest of the label */
    double seconds;
    uint64_t t_end;         /* when it was reported */
    uint32_t worker;
} Bar;

static void bars_split(Bar *b, const char *label)
{
    const char *sep = strstr(label, ": ");
    b->group = label;
    b->glen = sep ? (size_t)(sep - label) : 0;
    b->name = sep ? sep + 2 : label;
}

static int bars_same_group(const Bar *a, const Bar *b)
{
    return a->glen == b->glen && !memcmp(a->group, b->group, a->glen);
}

/* Overlap of [a0, a1) and [b0, b1). */
static uint64_t bars_overlap(uint64_t a0, uint64_t a1, uint64_t b0, uint64_t b1)
{
    uint64_t lo = a0 > b0 ? a0 : b0, hi = a1 < b1 ? a1 : b1;
    return hi > lo ? hi - lo : 0;
}

/* Percent of busy time (running or waiting for a GIL) spent waiting for a
 * GIL during [t0, t1), over all workers; -1 when nobody was busy. */
static int bars_gil_share(UiCtx *ctx, uint64_t t0, uint64_t t1)
{
    uint64_t gil = 0, busy = 0;
    for (uint32_t w = 0; w < ctx->st->nworkers; w++) {
        size_t n;
        const ModelSpan *s = model_spans(ctx->model, w, &n);
        n = model_spans_before(s, n, ctx->k);
        for (size_t i = 0; i < n; i++) {
            if (s[i].state != TS_GIL && s[i].state != TS_RUNNING)
                continue;
            uint64_t end = i + 1 < n ? s[i + 1].t0 : ctx->st->ts;
            uint64_t o = bars_overlap(s[i].t0, end, t0, t1);
            busy += o;
            if (s[i].state == TS_GIL)
                gil += o;
        }
    }
    return busy ? (int)((gil * 100 + busy / 2) / busy) : -1;
}

static int bars_collect(UiCtx *ctx, Bar *bars, int max)
{
    size_t n;
    const ModelRef *refs = model_measures(ctx->model, &n);
    n = model_before(refs, n, ctx->k);
    const EventLog *log = model_log(ctx->model);
    int nb = 0;
    for (size_t i = 0; i < n && nb < max; i++) {
        const TraceEvent *e = eventlog_get(log, refs[i].ev);
        Bar *b = &bars[nb++];
        bars_split(b, model_text(ctx->model, refs[i].ev));
        b->seconds = e->a.d > 0 ? e->a.d : 0;
        b->t_end = e->ts;
        b->worker = refs[i].worker;
    }
    return nb;
}

static void bars_line(UiCtx *ctx, Canvas *c, UiRect in, int y, const Bar *b, const Bar *base, double scale,
                      int namew, int room)
{
    size_t nl = strlen(b->name);
    cv_textn(c, in, 1, y, C_NORMAL, b->name, ui_text_fit(b->name, nl, namew));
    int len = (int)(b->seconds * scale + 0.5);
    if (len < 1 && b->seconds > 0)
        len = 1;
    if (len > room)
        len = room;
    int x = 2 + namew;
    cv_fill(c, in, x, y, len, base == b ? C_DIM : C_RUNNING, ui_glyph(G_ST_RUNNING));
    x += room + 1;
    char dur[24];
    view_duration((uint64_t)(b->seconds * 1e9), dur, sizeof dur);
    x = cv_text(c, in, x, y, C_NORMAL, dur);
    if (base != b && b->seconds > 0)
        x = cv_printf(c, in, x, y, base->seconds > b->seconds ? C_LOCK_OWNER : C_LOCK_WAIT, "  x%.2f",
                      base->seconds / b->seconds);
    uint64_t span = (uint64_t)(b->seconds * 1e9);
    int gil = bars_gil_share(ctx, b->t_end > span ? b->t_end - span : 0, b->t_end);
    if (gil >= 0)
        cv_printf(c, in, x, y, gil >= 20 ? C_GIL_WAIT : C_DIM, ctx->vi ? "  chờ GIL %d%%" : "  GIL wait %d%%",
                  gil);
}

void view_bars_draw(UiCtx *ctx, Canvas *c, UiRect r)
{
    Bar bars[BARS_MAX];
    int nb = bars_collect(ctx, bars, BARS_MAX);
    UiRect in = view_frame(ctx, c, r, P_BARS, NULL);
    if (!nb) {
        cv_text(c, in, 0, 0, C_DIM, ctx->vi ? "(chưa đo gì)" : "(nothing measured yet)");
        return;
    }
    int namew = 4;
    for (int i = 0; i < nb; i++) {
        int w = ui_text_width(bars[i].name, strlen(bars[i].name));
        namew = w > namew ? w : namew;
    }
    if (namew > BARS_NAME_MAX)
        namew = BARS_NAME_MAX;
    /* Room for the bar between the name and "0.81s  x0.99  GIL wait 50%". */
    int room = in.w - namew - 3 - 27;
    if (room < 4)
        room = in.w - namew - 3 - 7;
    if (room < 1)
        room = 1;
    /* Rows: a group's header when its group differs from the previous. */
    int rows = 0;
    for (int i = 0; i < nb; i++)
        rows += 1 + (bars[i].glen && (i == 0 || !bars_same_group(&bars[i], &bars[i - 1])));
    int max_scroll = rows > in.h ? rows - in.h : 0;
    int *sc = &ctx->scroll[P_BARS];
    *sc = *sc < 0 ? 0 : *sc > max_scroll ? max_scroll : *sc;
    int row = 0;
    for (int i = 0; i < nb; i++) {
        const Bar *b = &bars[i];
        /* The group's baseline (its first bar) and its longest time. */
        int first = i;
        while (first > 0 && bars_same_group(&bars[first - 1], b))
            first--;
        double max = 0;
        for (int j = first; j < nb && bars_same_group(&bars[j], b); j++)
            max = bars[j].seconds > max ? bars[j].seconds : max;
        double scale = max > 0 ? room / max : 0;
        if (b->glen && first == i) {
            int y = row++ - *sc;
            if (y >= 0 && y < in.h)
                cv_textn(c, in, 0, y, C_TITLE, b->group, b->glen);
        }
        int y = row++ - *sc;
        if (y >= 0 && y < in.h)
            bars_line(ctx, c, in, y, b, &bars[first], scale, namew, room);
    }
}
