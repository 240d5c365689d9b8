/* The cost of drawing one frame of the lesson screen.
 *
 * A synthetic run of 32 workers and 100,000 events (demo_build_big) is
 * folded by the model; then whole frames (every pane, the status line) are
 * drawn, many times, and CPU time is measured with
 * CLOCK_PROCESS_CPUTIME_ID:
 *   - into the in-memory canvas (the views' own cost);
 *   - into curses on /dev/null (views + ncurses building and diffing the
 *     screen, as the live loop does), with and without a new event range
 *     per frame;
 * each beside an empty frame (a run with no events) in the same process.
 * Goal (issue 4): under 2 ms per frame.
 *
 *   frame_bench [WORKERS [EVENTS [FRAMES]]]    (defaults 32 100000 300) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/model.h"
#include "ui/app.h"
#include "ui/demo_source.h"
#include "ui/term.h"

static double cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

typedef struct Bench {
    Model *m;
    UiCtx ctx;
    UiLayout l;
    Canvas *c;
    int curses;
} Bench;

enum { AT_NEWEST, AT_LIVE, AT_JUMPS };

/* Average CPU ms of one frame viewing: the newest event every time
 * (AT_NEWEST); an event 100 further each frame, as when following a run
 * that produces 6,000 events a second (AT_LIVE); a far-away event each
 * frame, every pane different (AT_JUMPS, the worst case: PgUp/Home). */
static double bench_frames(Bench *b, int frames, int mode)
{
    size_t total = model_count(b->m);
    double t0 = cpu_ms();
    for (int i = 0; i < frames; i++) {
        size_t k = total;
        if (mode == AT_LIVE)
            k = total / 2 + (size_t)i * 100;
        else if (mode == AT_JUMPS && total)
            k = total - (size_t)(i % 50) * (total / 60);
        ui_ctx_view(&b->ctx, b->m, k);
        ui_frame_draw(&b->ctx, &b->l, b->c, UI_DIRTY_ALL);
        if (b->curses)
            term_flush();
    }
    return (cpu_ms() - t0) / frames;
}

static void bench_report(const char *what, double full, double empty)
{
    printf("frame_bench: %-34s %7.3f ms/frame  (empty frame %6.3f ms; difference %7.3f ms)  %s\n", what,
           full, empty, full - empty, full < 2.0 ? "under 2 ms: ok" : "OVER the 2 ms goal");
}

int main(int argc, char **argv)
{
    int workers = argc > 1 ? atoi(argv[1]) : 32;
    size_t events = argc > 2 ? (size_t)atol(argv[2]) : 100000;
    int frames = argc > 3 ? atoi(argv[3]) : 300;
    EventLog log, none;
    eventlog_init(&log);
    eventlog_init(&none);
    demo_build_big(&log, workers, events);
    double t0 = cpu_ms();
    Model *m = model_create(&log), *empty = model_create(&none);
    model_update(m);
    model_update(empty);
    printf("frame_bench: %d workers, %zu events, folded in %.1f ms, %zu snapshots\n", workers,
           model_count(m), cpu_ms() - t0, model_snapshot_count(m));
    UiLessonText lt;
    char err[128];
    if (ui_lesson_load(&lt, NULL, demo_script_text(), "bench.py", err, sizeof err) < 0)
        return 1;
    static const int sizes[][2] = { { 80, 24 }, { 200, 50 }, { 300, 80 } };
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        int w = sizes[s][0], h = sizes[s][1];
        CanvasBuf buf;
        canvas_buf_init(&buf, w, h);
        Bench b = { m, { 0 }, { 0 }, &buf.base, 0 }, e = { empty, { 0 }, { 0 }, &buf.base, 0 };
        b.ctx.lesson = e.ctx.lesson = &lt;
        b.ctx.zoomed = e.ctx.zoomed = UI_NO_ZOOM;
        layout_compute(&b.l, w, h, UI_NO_ZOOM);
        e.l = b.l;
        char what[64];
        double ef = bench_frames(&e, frames, 0);
        snprintf(what, sizeof what, "buffer %dx%d, newest event", w, h);
        bench_report(what, bench_frames(&b, frames, AT_NEWEST), ef);
        snprintf(what, sizeof what, "buffer %dx%d, live (+100 events)", w, h);
        bench_report(what, bench_frames(&b, frames, AT_LIVE), ef);
        snprintf(what, sizeof what, "buffer %dx%d, jumps", w, h);
        bench_report(what, bench_frames(&b, frames, AT_JUMPS), ef);
        free(b.ctx.hits);
        free(e.ctx.hits);
        canvas_buf_free(&buf);
    }
    /* curses on /dev/null at 200x50 (LINES/COLUMNS set the size) */
    FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
    setenv("LINES", "50", 1);
    setenv("COLUMNS", "200", 1);
    if (out && in && term_init_offscreen(out, in, "xterm-256color") == 0) {
        Canvas c;
        canvas_curses_init(&c);
        Bench b = { m, { 0 }, { 0 }, &c, 1 }, e = { empty, { 0 }, { 0 }, &c, 1 };
        b.ctx.lesson = e.ctx.lesson = &lt;
        b.ctx.zoomed = e.ctx.zoomed = UI_NO_ZOOM;
        layout_compute(&b.l, c.w, c.h, UI_NO_ZOOM);
        e.l = b.l;
        char what[64];
        double ef = bench_frames(&e, frames, 0);
        snprintf(what, sizeof what, "curses %dx%d, newest event", c.w, c.h);
        bench_report(what, bench_frames(&b, frames, AT_NEWEST), ef);
        snprintf(what, sizeof what, "curses %dx%d, live (+100 events)", c.w, c.h);
        bench_report(what, bench_frames(&b, frames, AT_LIVE), ef);
        snprintf(what, sizeof what, "curses %dx%d, jumps", c.w, c.h);
        bench_report(what, bench_frames(&b, frames, AT_JUMPS), ef);
        free(b.ctx.hits);
        free(e.ctx.hits);
        term_end_offscreen();
    } else {
        printf("frame_bench: curses could not start on /dev/null (TERM xterm-256color)\n");
    }
    ui_lesson_free(&lt);
    model_destroy(m);
    model_destroy(empty);
    eventlog_free(&log);
    eventlog_free(&none);
    return 0;
}
