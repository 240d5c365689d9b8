/* The lesson screen's loop.  One turn per ~16 ms tick or input:
 *   signals (from the self-pipe) -> keys and mouse -> commands;
 *   source->pump appends events -> model_update;
 *   the viewed event k follows the newest unless the user travels back
 *   or steps (see app_step: `s` reveals the log one event at a time);
 *   panes whose inputs changed are redrawn (dirty bits), nothing is erased
 *   first, and ncurses sends only the cells that differ. */
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ui/app.h"
#include "ui/term.h"

#define APP_TICK_MS 16
#define APP_IDLE_MS 100
#define APP_MODEL_PANES (UI_DIRTY_ALL & ~(1u << P_STATUS))

typedef struct App {
    UiCtx ctx;
    EventLog log;
    Model *model;
    UiSource *src;
    UiLessonText lesson;
    UiLayout layout;
    Canvas canvas;
    int following;          /* k tracks the newest event */
    int stepping;           /* `s` reveals the log one event at a time */
    size_t owed;            /* `s` presses still waiting for an event to show */
    int start_paused;       /* --step: a (re)start shows event 0, stepping */
    unsigned dirty;
    int w, h;
    size_t npauses;         /* checkpoints seen, to notice a new one */
    size_t pause_ev;        /* the newest one's event */
    char pause_msg[256];    /* the source's note that came with it */
    uint64_t shown_ds;      /* elapsed tenths of a second on screen */
    UiSourceStatus last;
    char msg[256];          /* copy of the source's message */
    char note[128];         /* the UI's own note */
    int marked;             /* progress recorded */
    int can_move;           /* n/p can open another lesson */
    const char *progress_key;
    unsigned optional;      /* optional panes the lesson needs (pools, bars) */
} App;

void ui_ctx_view(UiCtx *ctx, Model *m, size_t k)
{
    ctx->model = m;
    ctx->total = model_count(m);
    ctx->k = k > ctx->total ? ctx->total : k;
    ctx->st = model_at(m, ctx->k);
}

void ui_frame_draw(UiCtx *ctx, const UiLayout *l, Canvas *c, unsigned dirty)
{
    if (!l->ok) {
        view_too_small_draw(c, l->w, l->h, l->need_w, l->need_h);
        return;
    }
    if (ctx->help)
        dirty = UI_DIRTY_ALL;
    if (dirty == UI_DIRTY_ALL)     /* the layout may have changed: no stale hits */
        view_hits_reset(ctx);
    for (int p = 0; p < P_COUNT; p++)
        if (l->shown[p] && (dirty & (1u << p)))
            ui_view_draw(ctx, (UiPane)p, c, l->pane[p]);
    if (ctx->help)
        view_help_draw(ctx, c, l->help);
}

int ui_lang_is_vi(const char *lang)
{
    if (lang)
        return !strcmp(lang, "vi");
    static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v)
            return !strncmp(v, "vi", 2);
    }
    return 0;
}

static uint64_t app_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static void app_reset_model(App *a)
{
    if (a->model)
        model_destroy(a->model);
    eventlog_free(&a->log);
    eventlog_init(&a->log);
    a->model = model_create(&a->log);
    a->following = !a->start_paused;
    a->stepping = a->start_paused;
    a->owed = 0;
    a->npauses = 0;
    a->pause_msg[0] = '\0';
    a->optional = 0;
    memset(a->ctx.scroll, 0, sizeof a->ctx.scroll);
    a->ctx.hl_kind = HIT_NONE;
    ui_ctx_view(&a->ctx, a->model, 0);
    a->dirty = UI_DIRTY_ALL;
}

static void app_layout(App *a)
{
    term_size(&a->w, &a->h);
    canvas_curses_init(&a->canvas);
    layout_compute_opt(&a->layout, a->w, a->h, a->ctx.zoomed, a->optional);
    a->dirty = UI_DIRTY_ALL;
}

static void app_note(App *a, const char *s)
{
    snprintf(a->note, sizeof a->note, "%s", s);
    a->ctx.note = a->note[0] ? a->note : NULL;
    a->dirty |= 1u << P_STATUS;
}

/* Back to showing the newest event as it comes. */
static void app_follow(App *a)
{
    a->stepping = 0;
    a->owed = 0;
    if (!a->following) {
        a->following = 1;
        ui_ctx_view(&a->ctx, a->model, model_count(a->model));
        a->dirty = UI_DIRTY_ALL;
    }
}

/* Forward a control key; running, or stepping a chosen worker (a whole
 * action: 1-9, `.`), brings the view back to the newest event and follows
 * it; a speed change does not. */
static void app_source_cmd(App *a, UiSourceCmd cmd, int arg)
{
    app_note(a, "");
    int moves = cmd == UI_SRC_RUN || cmd == UI_SRC_STEP_WORKER || cmd == UI_SRC_STEP_LINE;
    if (a->src->ops->command(a->src, cmd, arg) == 0 && moves)
        app_follow(a);
}

/* Show up to n more events of the log (the owed ones), not following. */
static void app_reveal(App *a, size_t n)
{
    size_t total = model_count(a->model), k = a->ctx.k;
    size_t d = total - k < n ? total - k : n;
    if (!d)
        return;
    ui_ctx_view(&a->ctx, a->model, k + d);
    a->dirty |= APP_MODEL_PANES | 1u << P_STATUS;
}

/* `s`: exactly one event more on screen.  The screen is a fold over the
 * log, so the step is on the log, not on the run: while events already
 * recorded lie past the viewed one (a grant brings 5-11 of them: gate,
 * GIL, line, the action; free-running workers bring their own), the next
 * one is revealed and nothing runs.  Only at the newest does the gate let
 * the worker that reached it first do one action, and of what that brings
 * only the first event is shown (on a later tick, when it arrives). */
static void app_step(App *a)
{
    app_note(a, "");
    a->following = 0;
    a->stepping = 1;
    size_t total = model_count(a->model);
    int running = a->last.state == UI_RUN_RUNNING;
    if (a->ctx.k < total) {
        if (running)    /* stop what runs; the grant it brings waits in the log */
            a->src->ops->command(a->src, UI_SRC_STEP, 0);
        app_reveal(a, 1);
        return;
    }
    if (a->src->ops->command(a->src, UI_SRC_STEP, 0) == 0)
        a->owed++;
    else if (a->last.state == UI_RUN_FINISHED || a->last.state == UI_RUN_FAILED)
        app_note(a, a->ctx.vi ? "bài đã chạy xong; r để chạy lại" : "the run is over; r runs it again");
    a->dirty |= 1u << P_STATUS;
}

/* Move the viewed event; leaving the end stops following the run. */
static void app_travel(App *a, long delta, int to_start, int to_end)
{
    size_t total = model_count(a->model), k = a->ctx.k;
    if (to_end) {
        k = total;
    } else if (to_start) {
        k = 0;
    } else if (delta < 0) {
        k = (size_t)-delta > k ? 0 : k - (size_t)-delta;
    } else {
        k = k + (size_t)delta > total ? total : k + (size_t)delta;
    }
    a->following = k == total;
    a->owed = 0;
    ui_ctx_view(&a->ctx, a->model, k);
    a->dirty = UI_DIRTY_ALL;
}

static void app_click(App *a, int x, int y)
{
    const UiHit *h = view_hit_at(&a->ctx, x, y);
    if (h) {
        if (a->ctx.hl_kind == h->kind && a->ctx.hl_id == h->id)
            a->ctx.hl_kind = HIT_NONE;
        else {
            a->ctx.hl_kind = h->kind;
            a->ctx.hl_id = h->id;
        }
    }
    int p = layout_pane_at(&a->layout, x, y);
    if (p >= 0 && p != P_STATUS)
        a->ctx.focus = p;
    a->dirty = UI_DIRTY_ALL;
}

static void app_scroll(App *a, int pane, int d)
{
    if (pane < 0 || pane >= P_STATUS)
        return;
    a->ctx.scroll[pane] += d;
    a->dirty |= 1u << pane;
}

/* One command; returns an exit code (UI_EXIT_*) to leave, or 1 to stay. */
static int app_command(App *a, const UiInput *in)
{
    long big = (long)(model_count(a->model) / 20);
    if (big < 10)
        big = 10;
    switch (in->cmd) {
    case CMD_QUIT: return UI_EXIT_QUIT;
    case CMD_NEXT_LESSON:
    case CMD_PREV_LESSON:
        if (a->can_move)
            return in->cmd == CMD_NEXT_LESSON ? UI_EXIT_NEXT : UI_EXIT_PREV;
        app_note(a, a->ctx.vi ? "không có bài khác ở đây" : "no other lessons from here");
        break;
    case CMD_TOGGLE_RUN:
        if (a->last.state == UI_RUN_PAUSED || a->last.state == UI_RUN_STARTING)
            app_source_cmd(a, UI_SRC_RUN, 0);
        else if (a->last.state == UI_RUN_RUNNING)
            app_source_cmd(a, UI_SRC_PAUSE, 0);
        else
            app_note(a, a->ctx.vi ? "bài đã chạy xong; r để chạy lại" : "the run is over; r runs it again");
        break;
    case CMD_RESTART:
        if (a->src->ops->command(a->src, UI_SRC_RESTART, 0) == 0)
            app_reset_model(a);
        break;
    case CMD_STEP: app_step(a); break;
    case CMD_STEP_WORKER: app_source_cmd(a, UI_SRC_STEP_WORKER, in->arg); break;
    case CMD_STEP_LINE:
        app_source_cmd(a, UI_SRC_STEP_LINE, a->ctx.hl_kind == HIT_WORKER ? (int)a->ctx.hl_id : -1);
        break;
    case CMD_SLOWER: app_source_cmd(a, UI_SRC_SLOWER, 0); break;
    case CMD_FASTER: app_source_cmd(a, UI_SRC_FASTER, 0); break;
    case CMD_EV_BACK: app_travel(a, -1, 0, 0); break;
    case CMD_EV_FWD: app_travel(a, 1, 0, 0); break;
    case CMD_EV_HOME: app_travel(a, 0, 1, 0); break;
    case CMD_EV_END: app_travel(a, 0, 0, 1); break;
    case CMD_EV_PGUP: app_travel(a, -big, 0, 0); break;
    case CMD_EV_PGDN: app_travel(a, big, 0, 0); break;
    case CMD_ZOOM_IN: a->ctx.tl_zoom++; a->dirty |= 1u << P_TIMELINE; break;
    case CMD_ZOOM_OUT: a->ctx.tl_zoom--; a->dirty |= 1u << P_TIMELINE; break;
    case CMD_FOCUS_NEXT:
    case CMD_FOCUS_PREV:
        do    /* skip optional panes this lesson does not show */
            a->ctx.focus = (a->ctx.focus + (in->cmd == CMD_FOCUS_NEXT ? 1 : P_STATUS - 1)) % P_STATUS;
        while ((UI_OPTIONAL_PANES & (1u << a->ctx.focus)) && !(a->optional & (1u << a->ctx.focus)));
        if (a->ctx.focus == P_ARRAYS && (a->optional & (1u << P_POOLS)))
            a->ctx.focus = in->cmd == CMD_FOCUS_NEXT ? P_CODE : P_QUEUES;
        if (a->ctx.zoomed != UI_NO_ZOOM)
            a->ctx.zoomed = a->ctx.focus;
        app_layout(a);
        break;
    case CMD_ZOOM_PANE:
        a->ctx.zoomed = a->ctx.zoomed == UI_NO_ZOOM ? a->ctx.focus : UI_NO_ZOOM;
        app_layout(a);
        break;
    case CMD_HELP: a->ctx.help = 1; a->dirty = UI_DIRTY_ALL; break;
    case CMD_SCROLL_UP:
    case CMD_SCROLL_DOWN: {
        int pane = a->ctx.focus;
        if (in->x || in->y) {
            int p = layout_pane_at(&a->layout, in->x, in->y);
            pane = p >= 0 ? p : pane;
        }
        app_scroll(a, pane, in->cmd == CMD_SCROLL_UP ? -1 : 1);
        break;
    }
    case CMD_CLICK: app_click(a, in->x, in->y); break;
    case CMD_REDRAW: term_redraw_all(); a->dirty = UI_DIRTY_ALL; break;
    case CMD_ESCAPE:
        if (a->ctx.zoomed != UI_NO_ZOOM) {
            a->ctx.zoomed = UI_NO_ZOOM;
            app_layout(a);
        }
        break;
    default: break;
    }
    return 1;
}

int ui_take_signals(int *resized)
{
    int sig;
    while ((sig = term_take_signal()) != 0) {
        if (sig == SIGWINCH) {
            term_resize();
            *resized = 1;
        } else {
            return 128 + sig;
        }
    }
    return 0;
}

/* A pause() checkpoint's note (what the source said in the tick that
 * brought it) waits, while stepping, until its event is on screen: it
 * speaks of what the viewer has not seen yet. */
static int app_pause_ahead(App *a)
{
    return !a->following && a->npauses && a->pause_ev >= a->ctx.k && a->pause_msg[0] &&
           !strcmp(a->msg, a->pause_msg);
}

/* The status line's note and clock as of the viewed event: away from the
 * newest (stepping, travelling) the clock reads that event's time. */
static void app_status_view(App *a)
{
    a->ctx.run.message = a->msg[0] && !app_pause_ahead(a) ? a->msg : NULL;
    a->ctx.run.elapsed_ns = a->last.elapsed_ns;
    size_t k = a->ctx.k;
    if (!a->following && k < model_count(a->model)) {
        uint64_t t0 = eventlog_get(&a->log, 0)->ts;
        a->ctx.run.elapsed_ns = k ? eventlog_get(&a->log, k - 1)->ts - t0 : 0;
    }
}

/* Pump the source, fold, follow; mark what changed. */
static void app_tick(App *a)
{
    if (a->src->ops->pump(a->src, &a->log)) {
        model_update(a->model);
        size_t np;
        const ModelRef *p = model_pauses(a->model, &np);
        if (np > a->npauses) {
            a->npauses = np;
            a->pause_ev = p[np - 1].ev;
            a->pause_msg[0] = '\1';    /* take the note this tick brings */
        }
        unsigned opt = ui_optional_panes(a->model);
        if (opt != a->optional) {
            a->optional = opt;
            app_layout(a);
        }
        if (a->following)
            ui_ctx_view(&a->ctx, a->model, model_count(a->model));
        else
            a->ctx.total = model_count(a->model);
        a->dirty |= a->following ? APP_MODEL_PANES : 0;
        a->dirty |= 1u << P_STATUS;
        if (a->owed) {          /* what the step's grant brought: its first event */
            size_t k = a->ctx.k;
            app_reveal(a, a->owed);
            a->owed -= a->ctx.k - k;
        }
    }
    UiSourceStatus s;
    a->src->ops->status(a->src, &s);
    const char *m = s.message ? s.message : "";
    if (s.state != a->last.state || s.speed != a->last.speed || strcmp(m, a->msg) ||
        s.elapsed_ns / 100000000 != a->shown_ds) {
        a->dirty |= 1u << P_STATUS;
        if (s.state != a->last.state)
            a->dirty |= 1u << P_NARRATION | 1u << P_CODE;
    }
    snprintf(a->msg, sizeof a->msg, "%s", m);
    if (a->pause_msg[0] == '\1')
        snprintf(a->pause_msg, sizeof a->pause_msg, "%s", m);
    a->shown_ds = s.elapsed_ns / 100000000;
    if (a->stepping && s.state == UI_RUN_RUNNING)   /* a schedule, or a restart, runs */
        app_follow(a);
    a->last = s;
    a->ctx.run = s;
    app_status_view(a);
    if (s.state == UI_RUN_FINISHED && !a->marked && a->progress_key) {
        ui_progress_mark(a->progress_key);
        a->marked = 1;
    }
}

static int app_loop(App *a)
{
    uint64_t next_tick = app_now_ms();
    for (;;) {
        int resized = 0;
        int code = ui_take_signals(&resized);
        if (code)
            return code;
        if (resized)
            app_layout(a);
        UiKey key;
        while (term_read_key(&key)) {
            if (key.type == UI_KEY_RESIZE) {
                app_layout(a);
                continue;
            }
            UiInput in;
            if (a->ctx.help) {      /* any key closes the help */
                a->ctx.help = 0;
                a->dirty = UI_DIRTY_ALL;
                if (input_translate(&key, &in) && in.cmd == CMD_QUIT)
                    return UI_EXIT_QUIT;
                continue;
            }
            if (!input_translate(&key, &in))
                continue;
            if (!a->layout.ok && in.cmd != CMD_QUIT && in.cmd != CMD_REDRAW)
                continue;
            code = app_command(a, &in);
            if (code <= 0)
                return code;
        }
        uint64_t now = app_now_ms();
        if (now >= next_tick) {
            app_tick(a);
            next_tick = now + APP_TICK_MS;
        }
        if (a->dirty) {
            if (!a->following)
                ui_ctx_view(&a->ctx, a->model, a->ctx.k);
            app_status_view(a);
            ui_frame_draw(&a->ctx, &a->layout, &a->canvas, a->dirty);
            term_flush();
            a->dirty = 0;
        }
        int busy = a->last.state == UI_RUN_RUNNING || a->last.state == UI_RUN_STARTING;
        int wait = busy ? (int)(next_tick > now ? next_tick - now : 0) : APP_IDLE_MS;
        struct pollfd fds[3] = {
            { 0, POLLIN, 0 }, { term_signal_fd(), POLLIN, 0 }, { -1, POLLIN, 0 },
        };
        if (a->src->ops->fd)
            fds[2].fd = a->src->ops->fd(a->src);
        poll(fds, 3, wait);
    }
}

int ui_screen_run(const char *path, UiSource *src, const UiOptions *opt, char *err, size_t errlen)
{
    App *a = calloc(1, sizeof *a);
    if (!a)
        abort();
    const char *text = NULL, *name = NULL;
    if (!path && src->ops->script)
        text = src->ops->script(src, &name);
    if (ui_lesson_load(&a->lesson, path, text ? text : "", name, err, errlen) < 0) {
        free(a);
        return 2;
    }
    a->src = src;
    a->ctx.lesson = &a->lesson;
    a->ctx.vi = ui_lang_is_vi(opt ? opt->lang : NULL);
    a->can_move = opt && opt->open;
    a->ctx.zoomed = UI_NO_ZOOM;
    a->ctx.focus = P_TIMELINE;
    a->progress_key = a->lesson.section ? a->lesson.section : a->lesson.name;
    a->last.state = (UiRunState)-1;
    a->start_paused = opt && opt->step;
    eventlog_init(&a->log);
    app_reset_model(a);
    app_layout(a);
    app_tick(a);
    int code = app_loop(a);
    src->ops->command(src, UI_SRC_STOP, 0);
    model_destroy(a->model);
    eventlog_free(&a->log);
    ui_lesson_free(&a->lesson);
    free(a->ctx.hits);
    free(a);
    return code;
}
