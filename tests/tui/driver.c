/* A stand-in for `parlab --demo` while main.c does not call the UI yet:
 * the terminal tests drive this binary in tmux.
 *   driver [--lang en|vi] [--step] [--speed X] [--menu] [LESSON.py]
 *   driver --record-demo FILE     (writes the demo's events to FILE, no UI)
 *   driver --replay FILE [LESSON.py]
 * Every lesson runs on the demo source (the interpreter is not wired in).
 * --crash: the source dereferences NULL once it has handed out 20 events,
 * to test that a crash of parlab itself gives the terminal back. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trace/eventlog_io.h"
#include "ui/demo_source.h"
#include "ui/ui.h"

static const UiSourceOps *driver_demo_ops;
static UiSourceOps driver_crash_ops;

static size_t driver_crash_pump(UiSource *s, EventLog *log)
{
    size_t n = driver_demo_ops->pump(s, log);
    if (eventlog_count(log) >= 20)
        raise(SIGSEGV);
    return n;
}

static UiSource *driver_crashing(UiSource *s)
{
    driver_demo_ops = s->ops;
    driver_crash_ops = *s->ops;
    driver_crash_ops.pump = driver_crash_pump;
    s->ops = &driver_crash_ops;
    return s;
}

static UiSource *driver_open(const char *path, void *arg)
{
    const UiOptions *o = arg;
    (void)path;
    return demo_source_create(o->step, o->speed);
}

int main(int argc, char **argv)
{
    UiOptions o = { 0 };
    int menu = 0, crash = 0;
    const char *replay = NULL;
    const char *lesson = NULL;
    o.open = driver_open;
    o.open_arg = &o;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--lang") && i + 1 < argc)
            o.lang = argv[++i];
        else if (!strcmp(argv[i], "--step"))
            o.step = 1;
        else if (!strcmp(argv[i], "--speed") && i + 1 < argc)
            o.speed = atof(argv[++i]);
        else if (!strcmp(argv[i], "--menu"))
            menu = 1;
        else if (!strcmp(argv[i], "--crash"))
            crash = 1;
        else if (!strcmp(argv[i], "--replay") && i + 1 < argc)
            replay = argv[++i];
        else if (!strcmp(argv[i], "--record-demo") && i + 1 < argc) {
            EventLog log;
            eventlog_init(&log);
            demo_build_log(&log);
            int rc = eventlog_save(&log, argv[++i]);
            eventlog_free(&log);
            return rc ? 1 : 0;
        }
        else
            lesson = argv[i];
    }
    if (menu)
        return ui_menu(&o);
    if (replay)
        return ui_replay(replay, lesson, &o);
    if (lesson)
        return ui_run_lesson(lesson, demo_source_create(o.step, o.speed), &o);
    if (crash)
        return ui_run_lesson(NULL, driver_crashing(demo_source_create(o.step, o.speed)), &o);
    return ui_demo(&o);
}
