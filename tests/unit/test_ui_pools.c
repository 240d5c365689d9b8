/* Unit tests of the pools pane, the task labels on the timeline, the bars
 * pane and the model queries behind them: hand-made event logs folded by
 * the model, each pane drawn into the in-memory canvas, the text asserted. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/model.h"
#include "trace_helpers.h"
#include "ui/app.h"
#include "ui/glyphs.h"
#include "ui/view.h"

enum { W_MAIN, W_0, W_1 };
enum { POOL = 50, OTHER = 51, F1 = 61, F2, F3, F4, F9 = 69 };

typedef struct Fix {
    EventLog log;
    Model *m;
    UiCtx ctx;
    CanvasBuf buf;
    size_t k_submitted;     /* all four submitted, none started */
    size_t k_mid;           /* F1 collected, F2 running and awaited, F3 F4 queued */
    size_t k_f2_done;       /* F2 done in its worker, not yet collected */
} Fix;

/* A measure event: label, seconds as the a field's double. */
static size_t measure(EventLog *log, unsigned w, const char *label, double s)
{
    uint64_t bits;
    memcpy(&bits, &s, sizeof bits);
    return th_ev(log, w, TK_MEASURE, TRACE_NONE, 0, 0, bits, label);
}

static void fix_build(Fix *f)
{
    EventLog *log = &f->log;
    th_flags(log, W_MAIN, TK_WORKER_STARTED, TF_PROCESS, TRACE_NONE, 0, (100ull << 32) | 100, "MainProcess");
    th_ev(log, W_MAIN, TK_OBJ_CREATED, POOL, 5, TO_POOL, 2, "executor");
    th_ev(log, W_MAIN, TK_OBJ_CREATED, OTHER, 5, TO_POOL, 1, "other");
    th_ev(log, W_MAIN, TK_WORKER_CREATED, W_0, 6, 0, 0, "Worker_0");
    th_ev(log, W_MAIN, TK_WORKER_CREATED, W_1, 6, 0, 0, "Worker_1");
    th_ev(log, W_0, TK_WORKER_STARTED, W_MAIN, 0, 0, (100ull << 32) | 101, "Worker_0");
    th_ev(log, W_1, TK_WORKER_STARTED, W_MAIN, 0, 0, (100ull << 32) | 102, "Worker_1");
    const char *labels[] = { "square(1)", "square(2)", "square(3)", "square(4)" };
    for (int i = 0; i < 4; i++)
        th_ev(log, W_MAIN, TK_TASK_SUBMIT, F1 + (uint32_t)i, 7, POOL, 0, labels[i]);
    th_ev(log, W_MAIN, TK_TASK_SUBMIT, F9, 8, OTHER, 0, "cube(9)");
    f->k_submitted = eventlog_count(log);
    th_ev(log, W_0, TK_TASK_START, F1, 3, 0, 0, NULL);
    /* Time passes while square(1) runs, so its label has room on the timeline. */
    for (int i = 0; i < 12; i++)
        th_ev(log, W_0, TK_LIST_APPEND, 99, 3, 0, 0, "0");
    th_ev(log, W_0, TK_TASK_DONE, F1, 3, 1, 0, "1");
    th_ev(log, W_MAIN, TK_TASK_RESULT, F1, 0, 1, 0, NULL);
    th_ev(log, W_1, TK_TASK_START, F2, 3, 0, 0, NULL);
    th_ev(log, W_MAIN, TK_FUTURE_WAIT, F2, 9, 1, 0, NULL);
    f->k_mid = eventlog_count(log);
    th_ev(log, W_1, TK_TASK_DONE, F2, 3, 1, 0, "4");
    f->k_f2_done = eventlog_count(log);
    th_ev(log, W_MAIN, TK_TASK_RESULT, F2, 0, 1, 0, NULL);
    th_ev(log, W_MAIN, TK_FUTURE_WAKE, F2, 9, 0, 0, NULL);
}

static int setup(void **state)
{
    Fix *f = calloc(1, sizeof *f);
    eventlog_init(&f->log);
    fix_build(f);
    f->m = model_create(&f->log);
    model_update(f->m);
    f->ctx.zoomed = UI_NO_ZOOM;
    f->ctx.focus = P_TIMELINE;
    canvas_buf_init(&f->buf, 100, 30);
    ui_glyphs_set(1);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fix *f = *state;
    canvas_buf_free(&f->buf);
    model_destroy(f->m);
    eventlog_free(&f->log);
    free(f->ctx.hits);
    free(f);
    return 0;
}

static void draw(Fix *f, UiPane p, size_t k, int w, int h)
{
    canvas_buf_free(&f->buf);
    canvas_buf_init(&f->buf, w, h);
    ui_ctx_view(&f->ctx, f->m, k);
    UiRect r = { 0, 0, w, h };
    view_hits_reset(&f->ctx);
    ui_view_draw(&f->ctx, p, &f->buf.base, r);
}

static void expect(Fix *f, const char *text)
{
    if (canvas_buf_find(&f->buf, text, NULL) < 0) {
        char *d = canvas_buf_dump(&f->buf);
        fail_msg("'%s' not on screen:\n%s", text, d);
    }
}

static void expect_not(Fix *f, const char *text)
{
    if (canvas_buf_find(&f->buf, text, NULL) >= 0) {
        char *d = canvas_buf_dump(&f->buf);
        fail_msg("'%s' should not be on screen:\n%s", text, d);
    }
}

/* The row holding `text` as a string, for asserting whole lines. */
static const char *row_of(Fix *f, const char *text, char *buf, size_t size)
{
    int y = canvas_buf_find(&f->buf, text, NULL);
    if (y < 0) {
        char *d = canvas_buf_dump(&f->buf);
        fail_msg("'%s' not on screen:\n%s", text, d);
    }
    return canvas_buf_row(&f->buf, y, buf, size);
}

static void test_future_queries(void **state)
{
    Fix *f = *state;
    const ModelState *st = model_at(f->m, f->k_mid);
    const ModelObject *f1 = model_object(st, F1), *f2 = model_object(st, F2), *f3 = model_object(st, F3);
    assert_non_null(f1);
    assert_int_equal(model_future_state(f1), MF_COLLECTED);
    assert_int_equal(model_future_state(f2), MF_RUNNING);
    assert_int_equal(model_future_state(f3), MF_PENDING);
    assert_int_equal(model_future_pool(f->m, f1), POOL);
    assert_int_equal(model_future_pool(f->m, model_object(st, F9)), OTHER);
    assert_int_equal(model_future_worker(f->m, f1), W_0);
    assert_int_equal(model_future_worker(f->m, f2), W_1);
    assert_int_equal(model_future_worker(f->m, f3), MODEL_NONE);
    st = model_at(f->m, f->k_f2_done);
    assert_int_equal(model_future_state(model_object(st, F2)), MF_DONE);
    assert_int_equal(model_future_worker(f->m, model_object(st, F2)), W_1);
    size_t n;
    const ModelRef *t = model_tasks(f->m, &n);
    assert_int_equal(n, 4);     /* two starts, two dones */
    assert_int_equal(t[0].worker, W_0);
    assert_int_equal(model_before(t, n, f->k_mid), 3);
}

static void test_pools_pane(void **state)
{
    Fix *f = *state;
    char b[256];
    draw(f, P_POOLS, f->k_mid, 100, 16);
    expect(f, "Pools  2");
    assert_non_null(strstr(row_of(f, "executor", b, sizeof b),
                           "executor  2 workers  2 pending  1 running  1 collected"));
    assert_non_null(strstr(row_of(f, "workers: Worker_0", b, sizeof b),
                           "workers: Worker_0 idle, Worker_1 \u25b6 square(2)"));
    expect(f, "queue: get\u25c0 square(3) \u2502 square(4)");
    assert_non_null(strstr(row_of(f, "collected  square(1)", b, sizeof b), "square(1) on Worker_0 \u2192 1"));
    assert_non_null(strstr(row_of(f, "running    square(2)", b, sizeof b),
                           "square(2) on Worker_1  awaited by: MainProcess"));
    expect(f, "pending    square(3)");
    /* The other pool has only its own task. */
    int y_other = canvas_buf_find(&f->buf, "other  1 worker ", NULL);
    int y_cube = canvas_buf_find(&f->buf, "pending    cube(9)", NULL);
    assert_true(y_other > canvas_buf_find(&f->buf, "square(4)", NULL) || y_other < 0);
    assert_true(y_cube > y_other && y_other > 0);
    /* The running worker and task are hits for the mouse. */
    int col;
    int y = canvas_buf_find(&f->buf, "Worker_1 \u25b6", &col);
    const UiHit *h = view_hit_at(&f->ctx, col, y);
    assert_non_null(h);
    assert_int_equal(h->kind, HIT_WORKER);
    assert_int_equal(h->id, W_1);
}

static void test_pools_stages(void **state)
{
    Fix *f = *state;
    draw(f, P_POOLS, f->k_submitted, 100, 16);
    expect(f, "executor  2 workers  4 pending");
    expect_not(f, "running");
    expect(f, "(none has run a task yet)");
    expect(f, "queue: get\u25c0 square(1)");
    draw(f, P_POOLS, f->k_f2_done, 100, 16);
    expect(f, "done       square(2) on Worker_1 \u2192 4  awaited by: MainProcess");
    draw(f, P_POOLS, model_count(f->m), 100, 16);
    expect(f, "collected  square(2)");
    expect_not(f, "awaited by");
    expect(f, "Worker_0 idle, Worker_1 idle");
    /* Before the first pool: a placeholder; and in Vietnamese. */
    draw(f, P_POOLS, 1, 60, 5);
    expect(f, "(no pools yet)");
    f->ctx.vi = 1;
    draw(f, P_POOLS, f->k_mid, 100, 16);
    expect(f, "đã nhận");
    f->ctx.vi = 0;
}

static void test_pools_scrolls(void **state)
{
    Fix *f = *state;
    draw(f, P_POOLS, f->k_mid, 100, 4);     /* three rows of content */
    expect(f, "executor");
    expect_not(f, "square(1) on");
    f->ctx.scroll[P_POOLS] = 3;
    draw(f, P_POOLS, f->k_mid, 100, 4);
    expect(f, "collected  square(1)");
    expect_not(f, "executor");
    f->ctx.scroll[P_POOLS] = 1000;          /* clamped to the last row */
    draw(f, P_POOLS, f->k_mid, 100, 4);
    expect(f, "cube(9)");
    f->ctx.scroll[P_POOLS] = 0;
}

static void test_timeline_task_labels(void **state)
{
    Fix *f = *state;
    draw(f, P_TIMELINE, model_count(f->m), 60, 8);
    int y0 = canvas_buf_find(&f->buf, "Worker_0", NULL);
    int ys = canvas_buf_find(&f->buf, "square(1)", NULL);
    assert_true(y0 > 0);
    assert_int_equal(ys, y0);
    /* Before the task started its label is not drawn. */
    draw(f, P_TIMELINE, f->k_submitted, 60, 8);
    expect_not(f, "square(1)");
}

static void test_optional_panes_follow_the_model(void **state)
{
    Fix *f = *state;
    assert_int_equal(ui_optional_panes(f->m), 1u << P_POOLS);
    EventLog log;
    eventlog_init(&log);
    th_two_threads(&log);
    Model *m = model_create(&log);
    model_update(m);
    assert_int_equal(ui_optional_panes(m), 0);
    measure(&log, 0, "x", 1.0);
    model_update(m);
    assert_int_equal(ui_optional_panes(m), 1u << P_BARS);
    model_destroy(m);
    eventlog_free(&log);
}

/* Bars: main runs throughout; thread A runs [2us,3us), waits for the GIL
 * [3us,5us), runs again; two measurements reported at 6us. */
static void test_bars_pane(void **state)
{
    (void)state;
    Fix g;
    memset(&g, 0, sizeof g);
    EventLog *log = &g.log;
    eventlog_init(log);
    th_flags(log, 0, TK_WORKER_STARTED, TF_PROCESS, TRACE_NONE, 0, (100ull << 32) | 100, "MainProcess");
    th_ev(log, 1, TK_WORKER_STARTED, 0, 0, 0, (100ull << 32) | 101, "A");
    th_ev(log, 1, TK_GIL_WAIT, 1, 0, 0, 0, NULL);
    th_ev(log, 0, TK_PRINT, TRACE_NONE, 0, 0, 0, "x\n");
    th_ev(log, 1, TK_GIL_ACQUIRE, 1, 0, 0, 0, NULL);
    measure(log, 0, "cpu: in a row", 8e-6);
    size_t k_one = eventlog_count(log);
    measure(log, 0, "cpu: threads", 4e-6);
    measure(log, 0, "start-up", 0.25);
    g.m = model_create(log);
    model_update(g.m);
    g.ctx.zoomed = UI_NO_ZOOM;
    canvas_buf_init(&g.buf, 10, 10);
    char b[256];

    draw(&g, P_BARS, model_count(g.m), 80, 8);
    expect(&g, "Measured");
    int y_group = canvas_buf_find(&g.buf, "cpu", NULL);
    assert_true(y_group == 1);
    const char *row = row_of(&g, "in a row", b, sizeof b);
    assert_non_null(strstr(row, "8us"));
    assert_null(strstr(row, " x"));             /* the baseline has no speedup */
    row = row_of(&g, "threads", b, sizeof b);
    assert_non_null(strstr(row, "4us  x2.00  GIL wait 25%"));
    /* Equal scale within a group: the threads bar is half as long. */
    int full = 0, half = 0;
    for (const char *p = strstr(row_of(&g, "in a row", b, sizeof b), "\u2588"); p && !strncmp(p, "\u2588", 3); p += 3)
        full++;
    for (const char *p = strstr(row_of(&g, "threads", b, sizeof b), "\u2588"); p && !strncmp(p, "\u2588", 3); p += 3)
        half++;
    assert_true(full > 4);
    assert_true(half == full / 2 || half == (full + 1) / 2);
    /* A label without a group stands alone, with no header. */
    row = row_of(&g, "start-up", b, sizeof b);
    assert_non_null(strstr(row, "250ms"));
    assert_null(strstr(row, " x"));

    /* At an earlier event only what was measured by then. */
    draw(&g, P_BARS, k_one, 80, 8);
    expect(&g, "in a row");
    expect_not(&g, "threads");
    draw(&g, P_BARS, 2, 80, 8);
    expect(&g, "(nothing measured yet)");
    /* ASCII fallback. */
    ui_glyphs_set(0);
    draw(&g, P_BARS, model_count(g.m), 80, 8);
    expect(&g, "####");
    ui_glyphs_set(1);

    canvas_buf_free(&g.buf);
    free(g.ctx.hits);
    model_destroy(g.m);
    eventlog_free(log);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_future_queries, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pools_pane, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pools_stages, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pools_scrolls, setup, teardown),
        cmocka_unit_test_setup_teardown(test_timeline_task_labels, setup, teardown),
        cmocka_unit_test_setup_teardown(test_optional_panes_follow_the_model, setup, teardown),
        cmocka_unit_test(test_bars_pane),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
