/* The player: a UiSource over a recorded event log, for the demo and for
 * --replay.  Timed, lesson time advances with the wall clock times the
 * speed and every event whose time has come is appended; a pause() event
 * stops the play after it, as the real gate will; paused, `s` appends
 * exactly one event.  Untimed (a replay), every event is there at once and
 * the run is over: the screen is for travelling through it.  The schedule
 * is fixed, so stepping one chosen worker is refused with a note. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "trace/eventlog_io.h"
#include "ui/replay_source.h"

static const double play_speeds[] = { 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10 };
#define PLAY_NSPEEDS (int)(sizeof play_speeds / sizeof play_speeds[0])
#define PLAY_SPEED_1X 6

typedef struct PlaySource {
    UiSource base;
    EventLog script;        /* the whole run */
    const char *text, *name; /* the script, when the source has it */
    int timed;
    size_t pos;             /* events handed out */
    UiRunState state;
    int speed;              /* index into play_speeds */
    uint64_t played;        /* lesson time reached, ns */
    uint64_t wall;          /* wall clock at the last advance, ns */
    int steps;              /* single steps granted, not yet handed out */
    char msg[160];
} PlaySource;

static uint64_t play_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static void play_copy(PlaySource *d, EventLog *log)
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

static size_t play_pump(UiSource *s, EventLog *log)
{
    PlaySource *d = (PlaySource *)s;
    uint64_t now = play_now();
    size_t n = 0;
    for (; !d->timed && d->pos < eventlog_count(&d->script); n++)
        play_copy(d, log);
    if (d->state == UI_RUN_RUNNING) {
        d->played += (uint64_t)((double)(now - d->wall) * play_speeds[d->speed]);
        while (d->pos < eventlog_count(&d->script) && d->state == UI_RUN_RUNNING &&
               eventlog_get(&d->script, d->pos)->ts <= d->played) {
            play_copy(d, log);
            n++;
        }
    }
    for (; d->steps > 0 && d->pos < eventlog_count(&d->script); d->steps--, n++)
        play_copy(d, log);
    d->steps = 0;
    d->wall = now;
    if (d->pos == eventlog_count(&d->script) && d->state != UI_RUN_FINISHED) {
        d->state = UI_RUN_FINISHED;
        d->msg[0] = '\0';
    }
    return n;
}

static void play_status(UiSource *s, UiSourceStatus *out)
{
    PlaySource *d = (PlaySource *)s;
    memset(out, 0, sizeof *out);
    out->state = d->state;
    out->speed = play_speeds[d->speed];
    out->elapsed_ns = d->played;
    out->message = d->msg[0] ? d->msg : NULL;
}

static int play_command(UiSource *s, UiSourceCmd cmd, int arg)
{
    PlaySource *d = (PlaySource *)s;
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
            d->wall = play_now();
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
        d->speed = d->speed + 1 < PLAY_NSPEEDS ? d->speed + 1 : d->speed;
        return 0;
    case UI_SRC_RESTART:
        d->pos = 0;
        d->played = 0;
        d->steps = 0;
        d->wall = play_now();
        d->state = UI_RUN_RUNNING;
        return 0;
    case UI_SRC_STOP:
        d->state = d->pos == eventlog_count(&d->script) ? UI_RUN_FINISHED : UI_RUN_PAUSED;
        return 0;
    }
    return -1;
}

static const char *play_script(UiSource *s, const char **name)
{
    PlaySource *d = (PlaySource *)s;
    *name = d->name;
    return d->text;
}

static void play_destroy(UiSource *s)
{
    PlaySource *d = (PlaySource *)s;
    eventlog_free(&d->script);
    free(d);
}

static const UiSourceOps play_ops = {
    play_pump, play_status, play_command, play_script, NULL, play_destroy,
};

UiSource *replay_source_create(EventLog *log, const char *text, const char *name, int timed,
                               int paused, double speed)
{
    PlaySource *d = calloc(1, sizeof *d);
    if (!d)
        abort();
    d->base.ops = &play_ops;
    d->script = *log;           /* the source owns the events now */
    eventlog_init(log);
    d->text = text;
    d->name = name;
    d->timed = timed;
    d->speed = PLAY_SPEED_1X;
    if (speed > 0)
        for (int i = 0; i < PLAY_NSPEEDS; i++)
            if (play_speeds[i] <= speed * 1.0001)
                d->speed = i;
    d->state = paused && timed ? UI_RUN_PAUSED : UI_RUN_RUNNING;
    d->wall = play_now();
    return &d->base;
}

int replay_source_open(const char *file, int timed, int paused, double speed, UiSource **out,
                       char *err, size_t errlen)
{
    EventLog log;
    eventlog_init(&log);
    if (eventlog_load(&log, file, err, errlen) < 0) {
        eventlog_free(&log);
        return -1;
    }
    *out = replay_source_create(&log, NULL, NULL, timed, paused, speed);
    return 0;
}
