/* Unit tests of the views: a hand-made event log folded by the model,
 * each pane drawn into the in-memory canvas, the text asserted. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/model.h"
#include "trace_helpers.h"
#include "ui/app.h"
#include "ui/demo_source.h"
#include "ui/glyphs.h"
#include "ui/input.h"
#include "ui/replay_source.h"
#include "ui/view.h"

enum { W_MAIN, W_ALICE, W_BOB, W_CHILD };
enum { GIL = 1, LEDGER = 10, JOBS = 20, STACK = 21, TOTALS = 30, NOTES = 40 };

typedef struct Fix {
    EventLog log;
    Model *m;
    UiCtx ctx;
    UiLessonText lesson;
    CanvasBuf buf;
    size_t k_contended;     /* alice owns ledger, bob waits */
} Fix;

static const char fix_src[] =
    "\"\"\"\nsection: 9.9\ntitle: Fixture\ntitle.vi: Bài mẫu\n\n"
    "Two threads share a ledger.\n\n[vi]\n"
    "Hai luồng dùng chung một cuốn sổ cái, và đây là một câu khá dài để thử việc ngắt dòng.\n\"\"\"\n"
    "import threading\n"            /* line 10 */
    "ledger = threading.Lock()\n"   /* 11 */
    "def work():\n"                 /* 12 */
    "    with ledger:\n"            /* 13 */
    "        print('hello')\n";     /* 14 */

static void fix_build(Fix *f)
{
    EventLog *log = &f->log;
    th_flags(log, W_MAIN, TK_WORKER_STARTED, TF_PROCESS, TRACE_NONE, 0, (100ull << 32) | 100, "MainProcess");
    th_ev(log, W_MAIN, TK_OBJ_CREATED, GIL, 11, TO_GIL, 0, "GIL");
    th_ev(log, W_MAIN, TK_OBJ_CREATED, LEDGER, 12, TO_LOCK, 0, "ledger");
    th_ev(log, W_MAIN, TK_OBJ_CREATED, JOBS, 12, TO_QUEUE, 0, "jobs");
    th_ev(log, W_MAIN, TK_OBJ_CREATED, STACK, 12, TO_LIFO, 0, "stack");
    th_ev(log, W_MAIN, TK_OBJ_CREATED, TOTALS, 12, TO_ARRAY, 3, "totals");
    th_ev(log, W_MAIN, TK_OBJ_CREATED, NOTES, 12, TO_LIST, 0, "notes");
    th_ev(log, W_MAIN, TK_LIST_APPEND, NOTES, 12, 0, 0, "'a'");
    th_ev(log, W_MAIN, TK_WORKER_CREATED, W_ALICE, 13, 0, 0, "alice");
    th_ev(log, W_MAIN, TK_WORKER_CREATED, W_BOB, 13, 0, 0, "bob");
    th_flags(log, W_MAIN, TK_WORKER_CREATED, TF_PROCESS, W_CHILD, 0, 0, "child");
    th_ev(log, W_ALICE, TK_WORKER_STARTED, W_MAIN, 13, 0, (100ull << 32) | 101, "alice");
    th_ev(log, W_BOB, TK_WORKER_STARTED, W_MAIN, 13, 0, (100ull << 32) | 102, "bob");
    th_flags(log, W_CHILD, TK_WORKER_STARTED, TF_PROCESS, W_MAIN, 0, (200ull << 32) | 200, "child");
    th_ev(log, W_CHILD, TK_LIST_APPEND, NOTES, 13, 0, 0, "'a'");
    th_ev(log, W_CHILD, TK_LIST_APPEND, NOTES, 13, 0, 0, "'z'");
    th_ev(log, W_ALICE, TK_LOCK_WAIT, LEDGER, 14, 0, 0, NULL);
    th_ev(log, W_ALICE, TK_LOCK_ACQUIRE, LEDGER, 14, 0, 0, NULL);
    th_ev(log, W_BOB, TK_LOCK_WAIT, LEDGER, 14, 0, 0, NULL);
    th_write(log, W_ALICE, TK_ARRAY_WRITE, TOTALS, 0, 0, 10);
    const char *items[] = { "'a'", "'b'", "'c'" };
    for (int i = 0; i < 3; i++) {
        th_ev(log, W_MAIN, TK_QUEUE_PUT, JOBS, 0, 0, 0, items[i]);
        th_ev(log, W_MAIN, TK_QUEUE_PUT, STACK, 0, 0, 0, items[i]);
    }
    th_ev(log, W_ALICE, TK_PRINT, TRACE_NONE, 15, 0, 0, "hello\n");
    th_ev(log, W_MAIN, TK_PAUSE, TRACE_NONE, 15, 0, 0, "Who owns the ledger now?");
    f->k_contended = eventlog_count(log);
    th_ev(log, W_ALICE, TK_LOCK_RELEASE, LEDGER, 14, 0, 0, NULL);
    th_ev(log, W_BOB, TK_LOCK_ACQUIRE, LEDGER, 14, 0, 0, NULL);
    th_ev(log, W_CHILD, TK_QUEUE_GET, JOBS, 0, 0, 0, "'a'");
    th_ev(log, W_BOB, TK_PRINT, TRACE_NONE, 15, 0, 0, "bye\nsecond line\n");
    th_ev(log, W_ALICE, TK_WORKER_ENDED, TRACE_NONE, 0, 0, 0, NULL);
}

static int setup(void **state)
{
    Fix *f = calloc(1, sizeof *f);
    eventlog_init(&f->log);
    fix_build(f);
    f->m = model_create(&f->log);
    model_update(f->m);
    char err[128];
    assert_int_equal(ui_lesson_load(&f->lesson, NULL, fix_src, "fixture.py", err, sizeof err), 0);
    f->ctx.lesson = &f->lesson;
    f->ctx.zoomed = UI_NO_ZOOM;
    f->ctx.focus = P_TIMELINE;
    f->ctx.run.state = UI_RUN_RUNNING;
    f->ctx.run.speed = 1;
    canvas_buf_init(&f->buf, 100, 30);
    ui_glyphs_set(1);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fix *f = *state;
    canvas_buf_free(&f->buf);
    ui_lesson_free(&f->lesson);
    model_destroy(f->m);
    eventlog_free(&f->log);
    free(f->ctx.hits);
    free(f);
    return 0;
}

/* Draw pane p into a fresh w x h buffer at event k. */
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

static void test_locks(void **state)
{
    Fix *f = *state;
    draw(f, P_LOCKS, f->k_contended, 60, 6);
    expect(f, "ledger  owner: alice  waiting: bob");
    expect(f, "GIL of MainProcess  free");
    /* Time travel: the same pane at later and earlier events. */
    draw(f, P_LOCKS, model_count(f->m), 60, 6);
    expect(f, "ledger  owner: bob");
    expect_not(f, "waiting: bob");
    draw(f, P_LOCKS, 3, 60, 6);
    expect(f, "ledger  free");
}

static void test_lock_owner_colour_and_click(void **state)
{
    Fix *f = *state;
    draw(f, P_LOCKS, f->k_contended, 60, 6);
    int col;
    int y = canvas_buf_find(&f->buf, "alice", &col);
    assert_true(y > 0);
    assert_int_equal(canvas_buf_role(&f->buf, col, y), C_LOCK_OWNER);
    const UiHit *h = view_hit_at(&f->ctx, col + 1, y);
    assert_non_null(h);
    assert_int_equal(h->kind, HIT_WORKER);
    assert_int_equal(h->id, W_ALICE);
    /* Highlighting alice recolours her everywhere. */
    f->ctx.hl_kind = HIT_WORKER;
    f->ctx.hl_id = W_ALICE;
    draw(f, P_LOCKS, f->k_contended, 60, 6);
    assert_int_equal(canvas_buf_role(&f->buf, col, y), C_HIGHLIGHT);
    f->ctx.hl_kind = HIT_NONE;
}

/* alice holds A and waits for B; bob holds B and waits for A. */
static void test_deadlock(void **state)
{
    (void)state;
    EventLog log;
    eventlog_init(&log);
    th_two_threads(&log);
    th_ev(&log, 0, TK_WORKER_CREATED, 2, 3, 0, 0, "Thread-2");
    th_ev(&log, 2, TK_WORKER_STARTED, 0, 0, 0, (100ull << 32) | 102, "Thread-2");
    th_ev(&log, 0, TK_OBJ_CREATED, 50, 1, TO_LOCK, 0, "A");
    th_ev(&log, 0, TK_OBJ_CREATED, 51, 1, TO_LOCK, 0, "B");
    th_ev(&log, 1, TK_LOCK_ACQUIRE, 50, 5, 0, 0, NULL);
    th_ev(&log, 2, TK_LOCK_ACQUIRE, 51, 6, 0, 0, NULL);
    th_ev(&log, 1, TK_LOCK_WAIT, 51, 7, 0, 0, NULL);
    size_t before = eventlog_count(&log);
    th_ev(&log, 2, TK_LOCK_WAIT, 50, 8, 0, 0, NULL);
    Model *m = model_create(&log);
    model_update(m);
    UiCtx ctx = { 0 };
    ctx.zoomed = UI_NO_ZOOM;
    CanvasBuf b;
    canvas_buf_init(&b, 80, 6);
    UiRect r = { 0, 0, 80, 6 };
    ui_ctx_view(&ctx, m, model_count(m));
    view_locks_draw(&ctx, &b.base, r);
    assert_true(canvas_buf_find(&b, "deadlock: Thread-1 waits for Thread-2, who waits for Thread-1", NULL) >= 0 ||
                canvas_buf_find(&b, "deadlock: Thread-2 waits for Thread-1, who waits for Thread-2", NULL) >= 0);
    assert_true(canvas_buf_find(&b, "A  owner: Thread-1  waiting: Thread-2", NULL) >= 0);
    canvas_buf_clear(&b);
    ui_ctx_view(&ctx, m, before);
    view_locks_draw(&ctx, &b.base, r);
    assert_true(canvas_buf_find(&b, "deadlock", NULL) < 0);
    canvas_buf_free(&b);
    free(ctx.hits);
    model_destroy(m);
    eventlog_free(&log);
}

static void test_queues_fifo_lifo(void **state)
{
    Fix *f = *state;
    draw(f, P_QUEUES, f->k_contended, 70, 8);
    expect(f, "jobs  FIFO  3 items");
    expect(f, "get\u25c0 'a' \u2502 'b' \u2502 'c' \u25c0put");
    expect(f, "stack  LIFO (put and get at the top)  3 items");
    expect(f, "bottom\u2502 'a' \u2502 'b' \u2502 'c' \u21c5top");
    draw(f, P_QUEUES, model_count(f->m), 70, 8);
    expect(f, "get\u25c0 'b' \u2502 'c' \u25c0put");
    /* ASCII fallback. */
    ui_glyphs_set(0);
    draw(f, P_QUEUES, f->k_contended, 70, 8);
    expect(f, "get< 'a' | 'b' | 'c' <put");
    expect(f, "bottom| 'a' | 'b' | 'c' ^top");
    ui_glyphs_set(1);
}

static void test_queue_overflow_keeps_get_end(void **state)
{
    Fix *f = *state;
    draw(f, P_QUEUES, f->k_contended, 24, 8);
    expect(f, "get\u25c0 'a'");         /* FIFO: the oldest stays visible */
    expect(f, "'c' \u21c5");               /* LIFO: the top stays visible */
}

static void test_arrays(void **state)
{
    Fix *f = *state;
    draw(f, P_ARRAYS, f->k_contended, 70, 10);
    expect(f, "totals  array");
    expect(f, "[ 10 \u2502 0 \u2502 0 ]  \u25c0 [0] by alice");
    int col;
    int y = canvas_buf_find(&f->buf, "10", &col);
    assert_int_equal(canvas_buf_role(&f->buf, col, y), C_WRITE);
    expect(f, "notes  list: one private copy per process");
    expect(f, "MainProcess [ 'a' ]");
    expect(f, "child       [ 'a' \u2502 'z' ]");
    /* Before the write every cell is 0 and nothing is marked. */
    draw(f, P_ARRAYS, 10, 70, 10);
    expect(f, "[ 0 \u2502 0 \u2502 0 ]");
    expect_not(f, "by alice");
}

static void test_timeline(void **state)
{
    Fix *f = *state;
    draw(f, P_TIMELINE, f->k_contended, 90, 8);
    expect(f, "1 MainProcess 100:100");
    expect(f, " 2 alice 100:101");
    expect(f, " 3 bob 100:102");
    expect(f, "4 child 200:200");
    expect(f, "\u2588run");
    expect(f, "\u2593lock");
    /* bob's row ends blocked on the lock; alice's ends running. */
    char row[512];
    int y = canvas_buf_find(&f->buf, "3 bob", NULL);
    canvas_buf_row(&f->buf, y, row, sizeof row);
    size_t n = strlen(row);
    assert_true(n > 3 && !strcmp(row + n - 3, "\u2593"));
    y = canvas_buf_find(&f->buf, "2 alice", NULL);
    canvas_buf_row(&f->buf, y, row, sizeof row);
    n = strlen(row);
    assert_true(!strcmp(row + n - 3, "\u2588"));
    /* The child process's row groups under nothing but itself; threads
     * are indented under MainProcess. */
    assert_true(canvas_buf_find(&f->buf, "1 MainProcess", NULL) < canvas_buf_find(&f->buf, " 2 alice", NULL));
    assert_true(canvas_buf_find(&f->buf, " 3 bob", NULL) < canvas_buf_find(&f->buf, "4 child", NULL));
    /* Zoom changes the time per column shown in the title. */
    char before[512], after[512];
    canvas_buf_row(&f->buf, 0, before, sizeof before);
    assert_non_null(strstr(before, "1 column = "));
    f->ctx.tl_zoom = 2;
    draw(f, P_TIMELINE, f->k_contended, 90, 8);
    f->ctx.tl_zoom = 0;
    canvas_buf_row(&f->buf, 0, after, sizeof after);
    assert_string_not_equal(before, after);
}

static void test_code_cursors(void **state)
{
    Fix *f = *state;
    draw(f, P_CODE, f->k_contended, 60, 12);
    expect(f, "14\u25b6     with ledger: \u25c0 bob");
    expect(f, "15\u25b6         print('hello') \u25c0 MainProcess, alice");
    expect(f, "13\u25b6 def work(): \u25c0 child");
    /* The error of a failed run is shown under its line. */
    f->ctx.run.state = UI_RUN_FAILED;
    f->ctx.run.error_line = 13;
    f->ctx.run.error = "fixture.py:12:5: error: boom";
    draw(f, P_CODE, f->k_contended, 60, 12);
    expect(f, "fixture.py:12:5: error: boom");
    f->ctx.run.state = UI_RUN_RUNNING;
}

static void test_output(void **state)
{
    Fix *f = *state;
    draw(f, P_OUTPUT, model_count(f->m), 50, 6);
    expect(f, "alice \u2502 hello");
    expect(f, "bob   \u2502 bye");
    expect(f, "bob   \u2502 second line");
    assert_true(canvas_buf_find(&f->buf, "hello", NULL) < canvas_buf_find(&f->buf, "second line", NULL));
    draw(f, P_OUTPUT, f->k_contended, 50, 6);
    expect_not(f, "bye");
}

static void test_narration_vi_wraps_by_width(void **state)
{
    Fix *f = *state;
    f->ctx.vi = 1;
    draw(f, P_NARRATION, f->k_contended, 30, 12);
    f->ctx.vi = 0;
    expect(f, "Hai luồng dùng chung");
    expect(f, "\u23f8 Who owns the ledger now?");
    char row[512];
    for (int y = 0; y < 12; y++) {
        canvas_buf_row(&f->buf, y, row, sizeof row);
        assert_true(ui_text_width(row, strlen(row)) <= 30);
    }
    /* No checkpoint before the pause event. */
    draw(f, P_NARRATION, 5, 40, 12);
    expect(f, "Two threads share a ledger.");
    expect_not(f, "Who owns");
}

static void test_status(void **state)
{
    Fix *f = *state;
    draw(f, P_STATUS, f->k_contended, 120, 1);
    expect(f, "9.9 Fixture");
    char want[64];
    snprintf(want, sizeof want, "event %zu of %zu", f->k_contended, model_count(f->m));
    expect(f, want);
    draw(f, P_STATUS, model_count(f->m), 120, 1);
    snprintf(want, sizeof want, "event %zu ", model_count(f->m));
    expect(f, want);
    expect(f, "running");
    /* At 80 columns the event count survives; the title gives way. */
    draw(f, P_STATUS, f->k_contended, 40, 1);
    snprintf(want, sizeof want, "event %zu of", f->k_contended);
    expect(f, want);
}

static void test_frame_and_help(void **state)
{
    Fix *f = *state;
    canvas_buf_free(&f->buf);
    canvas_buf_init(&f->buf, 80, 24);
    UiLayout l;
    layout_compute(&l, 80, 24, UI_NO_ZOOM);
    ui_ctx_view(&f->ctx, f->m, f->k_contended);
    ui_frame_draw(&f->ctx, &l, &f->buf.base, UI_DIRTY_ALL);
    expect(f, "Timeline");
    expect(f, "Locks");
    expect(f, "Queues");
    expect(f, "Arrays and values");
    expect(f, "Code");
    expect(f, "Narration");
    expect(f, "Output");
    expect(f, "ledger  owner: alice  waiting: bob");
    f->ctx.help = 1;
    ui_frame_draw(&f->ctx, &l, &f->buf.base, UI_DIRTY_ALL);
    f->ctx.help = 0;
    expect(f, "pause / run");
    expect(f, "zoom the focused pane to the full screen");
    expect(f, "q           quit");
    layout_compute(&l, 60, 20, UI_NO_ZOOM);
    canvas_buf_free(&f->buf);
    canvas_buf_init(&f->buf, 60, 20);
    ui_frame_draw(&f->ctx, &l, &f->buf.base, UI_DIRTY_ALL);
    expect(f, "needs a terminal of at least 80x24");
    expect(f, "this one is 60x20");
}

static void test_canvas_clips(void **state)
{
    (void)state;
    CanvasBuf b;
    canvas_buf_init(&b, 10, 3);
    ui_glyphs_set(1);
    UiRect r = { 2, 1, 5, 1 };
    cv_text(&b.base, r, 0, 0, C_NORMAL, "abcdefgh");
    cv_text(&b.base, r, 0, 1, C_NORMAL, "outside");
    char row[64];
    assert_string_equal(canvas_buf_row(&b, 1, row, sizeof row), "  abcde");
    assert_string_equal(canvas_buf_row(&b, 2, row, sizeof row), "");
    /* A wide character that does not fit whole is left out. */
    cv_text(&b.base, r, 3, 0, C_NORMAL, "x\u4e2d");
    assert_string_equal(canvas_buf_row(&b, 1, row, sizeof row), "  abcxe");
    cv_text(&b.base, r, -1, 0, C_NORMAL, "12345678");
    assert_string_equal(canvas_buf_row(&b, 1, row, sizeof row), "  23456");
    /* Without UTF-8 every non-ASCII character becomes one '?'. */
    ui_glyphs_set(0);
    cv_text(&b.base, r, 0, 0, C_NORMAL, "a\u1ea1\u4e2db");
    ui_glyphs_set(1);
    assert_string_equal(canvas_buf_row(&b, 1, row, sizeof row), "  a??b6");
    canvas_buf_free(&b);
}

static void test_input_table(void **state)
{
    (void)state;
    UiKey k = { UI_KEY_CHAR, ' ', 0, 0 };
    UiInput in;
    assert_true(input_translate(&k, &in));
    assert_int_equal(in.cmd, CMD_TOGGLE_RUN);
    k.code = '7';
    assert_true(input_translate(&k, &in));
    assert_int_equal(in.cmd, CMD_STEP_WORKER);
    assert_int_equal(in.arg, 7);
    k.code = 'Q';
    assert_false(input_translate(&k, &in));
    k.type = UI_KEY_MOUSE;
    k.code = UI_MOUSE_LEFT;
    k.x = 5;
    k.y = 9;
    assert_true(input_translate(&k, &in));
    assert_int_equal(in.cmd, CMD_CLICK);
    assert_int_equal(in.y, 9);
    int n;
    const UiBinding *b = input_bindings(&n);
    int labelled = 0;
    for (int i = 0; i < n; i++)
        labelled += b[i].label != NULL;
    assert_true(labelled >= 15);
}

static void test_demo_source(void **state)
{
    (void)state;
    UiSource *s = demo_source_create(1, 0);
    EventLog log;
    eventlog_init(&log);
    UiSourceStatus st;
    s->ops->status(s, &st);
    assert_int_equal(st.state, UI_RUN_PAUSED);
    assert_int_equal(s->ops->pump(s, &log), 0);
    for (int i = 1; i <= 3; i++) {
        assert_int_equal(s->ops->command(s, UI_SRC_STEP, 0), 0);
        assert_int_equal(s->ops->pump(s, &log), 1);
        assert_int_equal(eventlog_count(&log), (size_t)i);
    }
    assert_int_equal(s->ops->command(s, UI_SRC_STEP_WORKER, 2), -1);
    s->ops->status(s, &st);
    assert_non_null(st.message);
    /* Running at 10x reaches the pause() checkpoint and stops there. */
    for (int i = 0; i < 4; i++)
        s->ops->command(s, UI_SRC_FASTER, 0);
    s->ops->command(s, UI_SRC_RUN, 0);
    for (int i = 0; i < 400; i++) {
        s->ops->pump(s, &log);
        s->ops->status(s, &st);
        if (st.state != UI_RUN_RUNNING)
            break;
        struct timespec ts = { 0, 2000000 };
        nanosleep(&ts, NULL);
    }
    assert_int_equal(st.state, UI_RUN_PAUSED);
    assert_int_equal(eventlog_get(&log, eventlog_count(&log) - 1)->kind, TK_PAUSE);
    s->ops->destroy(s);
    eventlog_free(&log);
}

/* A replay hands out every event at once and the run is over; restart
 * hands them out again. */
static void test_replay_source(void **state)
{
    (void)state;
    EventLog rec, log;
    eventlog_init(&rec);
    eventlog_init(&log);
    demo_build_log(&rec);
    size_t n = eventlog_count(&rec);
    UiSource *s = replay_source_create(&rec, NULL, NULL, 0, 0, 0);
    assert_int_equal(eventlog_count(&rec), 0);
    assert_int_equal(s->ops->pump(s, &log), n);
    UiSourceStatus st;
    s->ops->status(s, &st);
    assert_int_equal(st.state, UI_RUN_FINISHED);
    assert_int_equal(s->ops->pump(s, &log), 0);
    assert_int_equal(s->ops->command(s, UI_SRC_RESTART, 0), 0);
    eventlog_free(&log);
    eventlog_init(&log);
    assert_int_equal(s->ops->pump(s, &log), n);
    s->ops->destroy(s);
    eventlog_free(&log);
    eventlog_free(&rec);
}

/* The whole demo run folds and draws at every size without a crash, and
 * at its pause shows the lock with its waiter. */
static void test_demo_frames(void **state)
{
    (void)state;
    EventLog log;
    eventlog_init(&log);
    demo_build_log(&log);
    Model *m = model_create(&log);
    model_update(m);
    UiLessonText lt;
    char err[64];
    assert_int_equal(ui_lesson_load(&lt, NULL, demo_script_text(), "demo.py", err, sizeof err), 0);
    UiCtx ctx = { 0 };
    ctx.lesson = &lt;
    ctx.zoomed = UI_NO_ZOOM;
    size_t n;
    const ModelRef *p = model_pauses(m, &n);
    assert_int_equal(n, 1);
    static const int sizes[][2] = { { 80, 24 }, { 120, 40 }, { 200, 50 } };
    for (size_t s = 0; s < 3; s++) {
        CanvasBuf b;
        canvas_buf_init(&b, sizes[s][0], sizes[s][1]);
        UiLayout l;
        layout_compute(&l, sizes[s][0], sizes[s][1], UI_NO_ZOOM);
        for (size_t k = 0; k <= model_count(m); k += 7) {
            ui_ctx_view(&ctx, m, k);
            ui_frame_draw(&ctx, &l, &b.base, UI_DIRTY_ALL);
        }
        ui_ctx_view(&ctx, m, p[0].ev + 1);
        ui_frame_draw(&ctx, &l, &b.base, UI_DIRTY_ALL);
        if (canvas_buf_find(&b, "ledger  owner: alice  waiting: bob", NULL) < 0)
            fail_msg("%dx%d:\n%s", sizes[s][0], sizes[s][1], canvas_buf_dump(&b));
        assert_true(canvas_buf_find(&b, "alice holds the ledger", NULL) >= 0);
        canvas_buf_free(&b);
    }
    free(ctx.hits);
    ui_lesson_free(&lt);
    model_destroy(m);
    eventlog_free(&log);
}

int main(void)
{
    if (!setlocale(LC_ALL, "C.UTF-8"))
        setlocale(LC_ALL, "C.utf8");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_locks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lock_owner_colour_and_click, setup, teardown),
        cmocka_unit_test(test_deadlock),
        cmocka_unit_test_setup_teardown(test_queues_fifo_lifo, setup, teardown),
        cmocka_unit_test_setup_teardown(test_queue_overflow_keeps_get_end, setup, teardown),
        cmocka_unit_test_setup_teardown(test_arrays, setup, teardown),
        cmocka_unit_test_setup_teardown(test_timeline, setup, teardown),
        cmocka_unit_test_setup_teardown(test_code_cursors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_output, setup, teardown),
        cmocka_unit_test_setup_teardown(test_narration_vi_wraps_by_width, setup, teardown),
        cmocka_unit_test_setup_teardown(test_status, setup, teardown),
        cmocka_unit_test_setup_teardown(test_frame_and_help, setup, teardown),
        cmocka_unit_test(test_canvas_clips),
        cmocka_unit_test(test_input_table),
        cmocka_unit_test(test_demo_source),
        cmocka_unit_test(test_replay_source),
        cmocka_unit_test(test_demo_frames),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
