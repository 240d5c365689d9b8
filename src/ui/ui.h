/* The terminal UI's entry points, for main.c.
 *
 *   parlab            -> ui_menu(&opt)
 *   parlab LESSON     -> ui_run_lesson(path, opt.open(path, opt.open_arg), &opt)
 *   parlab --demo     -> ui_demo(&opt)         (hidden: a synthetic run)
 *   parlab --replay F -> ui_replay(F, lesson_path_or_NULL, &opt)
 *
 * Each takes the terminal, gives it back exactly as it was on every exit
 * path, and returns the process exit status: 0 after q, 128 + the signal
 * after Ctrl-C (SIGINT), SIGTERM or SIGHUP, 2 when there is no terminal
 * (the message is printed on stderr). */
#ifndef PARLAB_UI_UI_H
#define PARLAB_UI_UI_H

#include "ui/source.h"

/* Makes the source that runs the lesson at `path` (the live runner, later;
 * the demo source until then).  NULL: it could not start (print why). */
typedef UiSource *(*UiSourceOpen)(const char *path, void *arg);

typedef struct UiOptions {
    const char *lang;       /* "en", "vi", or NULL: from the locale (LC_ALL, LC_MESSAGES, LANG) */
    UiSourceOpen open;      /* for the menu and for n/p; NULL: n/p stay put */
    void *open_arg;
    int step;               /* --step: the demo starts paused at event 0 */
    double speed;           /* --speed for the demo; 0 = 1x */
} UiOptions;

int ui_menu(const UiOptions *opt);

/* Runs one lesson on screen; takes ownership of src (destroyed before
 * returning).  path may be NULL when the source has the script (replay,
 * demo).  From inside, n/p move along the catalogue when opt->open is set. */
int ui_run_lesson(const char *path, UiSource *src, const UiOptions *opt);

/* The synthetic demo source on screen (no interpreter involved). */
int ui_demo(const UiOptions *opt);

/* A recording (--record FILE) on screen, every event there at once, for
 * time travel; script: the lesson it came from, for the code pane and
 * the narration (NULL: none). */
int ui_replay(const char *file, const char *script, const UiOptions *opt);

#endif
