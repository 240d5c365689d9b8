/* The layout.  Rows from the top: the timeline across the whole width,
 * then the code beside the object panes (locks, queues, arrays), then the
 * narration beside the output, then the status line.  Narrow terminals
 * stack the three object panes in one column; from 120 columns on, the
 * arrays get a column of their own.  A lesson with pools sees its pools
 * where the arrays would be; one that measures gets the bars beside the
 * output.  Heights grow in proportion with a
 * floor that keeps every pane at least UI_PANE_MIN_H rows. */
#include <string.h>

#include "ui/layout.h"

int ui_rect_contains(UiRect r, int x, int y)
{
    return x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}

static UiRect layout_rect(int x, int y, int w, int h)
{
    UiRect r = { x, y, w, h };
    return r;
}

static int layout_max(int a, int b)
{
    return a > b ? a : b;
}

/* Split `total` rows into n parts in proportion to weights, each at least
 * `min`; the remainder goes to the first parts. */
static void layout_split(int total, int n, const int *weights, int min, int *out)
{
    int wsum = 0, used = 0;
    for (int i = 0; i < n; i++)
        wsum += weights[i];
    for (int i = 0; i < n; i++) {
        out[i] = layout_max(min, total * weights[i] / wsum);
        used += out[i];
    }
    for (int i = 0; used > total; i = (i + 1) % n) {
        if (out[i] > min) {
            out[i]--;
            used--;
        }
    }
    for (int i = 0; used < total; i = (i + 1) % n) {
        out[i]++;
        used++;
    }
}

void layout_compute(UiLayout *l, int w, int h, int zoomed)
{
    layout_compute_opt(l, w, h, zoomed, 0);
}

void layout_compute_opt(UiLayout *l, int w, int h, int zoomed, unsigned optional)
{
    memset(l, 0, sizeof *l);
    l->w = w;
    l->h = h;
    l->need_w = UI_MIN_W;
    l->need_h = UI_MIN_H;
    if (w < UI_MIN_W || h < UI_MIN_H)
        return;
    l->ok = 1;
    int body = h - 1;
    l->pane[P_STATUS] = layout_rect(0, h - 1, w, 1);
    l->shown[P_STATUS] = 1;
    int hw = w * 3 / 4 > 72 ? w * 3 / 4 : w - 4 < 72 ? w - 4 : 72;
    int hh = body < 40 ? body - 2 : body * 3 / 4;
    l->help = layout_rect((w - hw) / 2, (body - hh) / 2, hw, hh);
    if (zoomed >= 0 && zoomed < P_STATUS) {
        l->pane[zoomed] = layout_rect(0, 0, w, body);
        l->shown[zoomed] = 1;
        return;
    }
    /* Rows: timeline, middle (code + objects), bottom (narration + output). */
    static const int row_weights[3] = { 34, 40, 26 };
    int rows[3];
    layout_split(body, 3, row_weights, 7, rows);
    int y_mid = rows[0], y_bot = rows[0] + rows[1];
    l->pane[P_TIMELINE] = layout_rect(0, 0, w, rows[0]);

    int code_w = w >= 120 ? w * 36 / 100 : w / 2;
    l->pane[P_CODE] = layout_rect(0, y_mid, code_w, rows[1]);
    int right = w - code_w;
    if (w >= 120) {
        int lq_w = right / 2;
        int lq[2];
        static const int lq_weights[2] = { 1, 1 };
        layout_split(rows[1], 2, lq_weights, UI_PANE_MIN_H, lq);
        l->pane[P_LOCKS] = layout_rect(code_w, y_mid, lq_w, lq[0]);
        l->pane[P_QUEUES] = layout_rect(code_w, y_mid + lq[0], lq_w, lq[1]);
        l->pane[P_ARRAYS] = layout_rect(code_w + lq_w, y_mid, right - lq_w, rows[1]);
    } else {
        int obj[3];
        static const int obj_weights[3] = { 1, 1, 1 };
        layout_split(rows[1], 3, obj_weights, UI_PANE_MIN_H, obj);
        l->pane[P_LOCKS] = layout_rect(code_w, y_mid, right, obj[0]);
        l->pane[P_QUEUES] = layout_rect(code_w, y_mid + obj[0], right, obj[1]);
        l->pane[P_ARRAYS] = layout_rect(code_w, y_mid + obj[0] + obj[1], right, obj[2]);
    }
    int narr_w = w / 2, out_w = w - narr_w;
    if (optional & (1u << P_BARS)) {
        narr_w = w * 35 / 100;
        out_w = w * 30 / 100;
        l->pane[P_BARS] = layout_rect(narr_w + out_w, y_bot, w - narr_w - out_w, rows[2]);
    }
    l->pane[P_NARRATION] = layout_rect(0, y_bot, narr_w, rows[2]);
    l->pane[P_OUTPUT] = layout_rect(narr_w, y_bot, out_w, rows[2]);
    for (int p = 0; p < P_STATUS; p++)
        l->shown[p] = !(UI_OPTIONAL_PANES & (1u << p)) || (optional & (1u << p));
    if (optional & (1u << P_POOLS)) {
        l->pane[P_POOLS] = l->pane[P_ARRAYS];
        l->shown[P_ARRAYS] = 0;
    }
}

int layout_pane_at(const UiLayout *l, int x, int y)
{
    for (int p = 0; p < P_COUNT; p++)
        if (l->shown[p] && ui_rect_contains(l->pane[p], x, y))
            return p;
    return -1;
}
