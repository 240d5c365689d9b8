/* The demo source: plays the scripted run (demo_script.c) in lesson time.
 * Running, lesson time advances with the wall clock times the speed and
 * every event whose time has come is appended; a pause() event stops the
 * play after it, as the real gate will; paused, `s` appends exactly one
 * event.  The schedule is fixed, so stepping one chosen worker is refused
 * with a note. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ui/demo_source.h"

static const double demo_speeds[] = { 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10 };
#define DEMO_NSPEEDS (int)(sizeof demo_speeds / sizeof demo_speeds[0])
#define DEMO_SPEED_1X 6

typedef struct DemoSource {
    UiSource base;
    EventLog script;        /* the whole run */
    size_t pos;             /* events handed out */
    UiRunState state;
    int speed;              /* index into demo_speeds */
    uint64_t played;        /* lesson time reached, ns */
    uint64_t wall;          /* wall clock at the last advance, ns */
    int steps;              /* single steps granted, not yet handed out */
    char msg[160];
} DemoSource;

static uint64_t demo_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static void demo_copy(DemoSource *d, EventLog *log)
{
    const TraceEvent *e = eventlog_get(&d->script, d->pos);
    uint32_t len = 0;
    const char *p = (e->flags & TF_PAYLOAD) ? eventlog_text(&d->script, d->pos, &len) : NULL;
    eventlog_append(log, e, p, len);
    if (e->ts > d->played)
        d->played = e->ts;
    d->pos++;
    if (e->kind == TK_PAUSE) {
        d->state = UI_RUN_PAUSED;
        snprintf(d->msg, sizeof d->msg, "pause(): space goes on");
    }
}

static size_t demo_pump(UiSource *s, EventLog *log)
{
    DemoSource *d = (DemoSource *)s;
    uint64_t now = demo_now();
    size_t n = 0;
    if (d->state == UI_RUN_RUNNING) {
        d->played += (uint64_t)((double)(now - d->wall) * demo_speeds[d->speed]);
        while (d->pos < eventlog_count(&d->script) && d->state == UI_RUN_RUNNING &&
               eventlog_get(&d->script, d->pos)->ts <= d->played) {
            demo_copy(d, log);
            n++;
        }
    }
    for (; d->steps > 0 && d->pos < eventlog_count(&d->script); d->steps--, n++)
        demo_copy(d, log);
    d->steps = 0;
    d->wall = now;
    if (d->pos == eventlog_count(&d->script) && d->state != UI_RUN_FINISHED) {
        d->state = UI_RUN_FINISHED;
        d->msg[0] = '\0';
    }
    return n;
}

static void demo_status(UiSource *s, UiSourceStatus *out)
{
    DemoSource *d = (DemoSource *)s;
    memset(out, 0, sizeof *out);
    out->state = d->state;
    out->speed = demo_speeds[d->speed];
    out->elapsed_ns = d->played;
    out->message = d->msg[0] ? d->msg : NULL;
}

static int demo_command(UiSource *s, UiSourceCmd cmd, int arg)
{
    DemoSource *d = (DemoSource *)s;
    (void)arg;
    d->msg[0] = '\0';
    switch (cmd) {
    case UI_SRC_PAUSE:
        if (d->state == UI_RUN_RUNNING)
            d->state = UI_RUN_PAUSED;
        return 0;
    case UI_SRC_RUN:
        if (d->state == UI_RUN_PAUSED || d->state == UI_RUN_STARTING) {
            d->state = UI_RUN_RUNNING;
            d->wall = demo_now();
        }
        return 0;
    case UI_SRC_STEP:
        if (d->state == UI_RUN_RUNNING)
            d->state = UI_RUN_PAUSED;
        if (d->state != UI_RUN_PAUSED && d->state != UI_RUN_STARTING)
            return -1;
        d->state = UI_RUN_PAUSED;
        d->steps++;
        return 0;
    case UI_SRC_STEP_WORKER:
    case UI_SRC_STEP_LINE:
        snprintf(d->msg, sizeof d->msg, "the demo plays a fixed schedule: use s to step");
        return -1;
    case UI_SRC_SLOWER:
        d->speed = d->speed > 0 ? d->speed - 1 : 0;
        return 0;
    case UI_SRC_FASTER:
        d->speed = d->speed + 1 < DEMO_NSPEEDS ? d->speed + 1 : d->speed;
        return 0;
    case UI_SRC_RESTART:
        d->pos = 0;
        d->played = 0;
        d->steps = 0;
        d->wall = demo_now();
        d->state = UI_RUN_RUNNING;
        return 0;
    case UI_SRC_STOP:
        d->state = d->pos == eventlog_count(&d->script) ? UI_RUN_FINISHED : UI_RUN_PAUSED;
        return 0;
    }
    return -1;
}

static const char *demo_script(UiSource *s, const char **name)
{
    (void)s;
    *name = "demo.py";
    return demo_script_text();
}

static void demo_destroy(UiSource *s)
{
    DemoSource *d = (DemoSource *)s;
    eventlog_free(&d->script);
    free(d);
}

static const UiSourceOps demo_ops = {
    demo_pump, demo_status, demo_command, demo_script, NULL, demo_destroy,
};

UiSource *demo_source_create(int paused, double speed)
{
    DemoSource *d = calloc(1, sizeof *d);
    if (!d)
        abort();
    d->base.ops = &demo_ops;
    eventlog_init(&d->script);
    demo_build_log(&d->script);
    d->speed = DEMO_SPEED_1X;
    if (speed > 0)
        for (int i = 0; i < DEMO_NSPEEDS; i++)
            if (demo_speeds[i] <= speed * 1.0001)
                d->speed = i;
    d->state = paused ? UI_RUN_PAUSED : UI_RUN_RUNNING;
    d->wall = demo_now();
    return &d->base;
}
