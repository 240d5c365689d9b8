/* Where the UI's events come from.  The lesson screen owns an EventLog and
 * a Model; once per tick it asks its source to append whatever new events
 * are ready, and it forwards the control keys (pause, run, step, speed,
 * restart) to it.  Implementations: the live runner (the interpreter
 * running the lesson on real workers; it drains the collector in `pump`),
 * replay of a recording, and the synthetic demo (demo_source.c).
 *
 * Contract:
 *  - pump never blocks; it appends events in timestamp order to the log it
 *    is given and returns how many it appended;
 *  - after UI_SRC_RESTART succeeds, the UI empties its log and model; the
 *    source starts again from event 0 into that same log;
 *  - status is cheap (called every tick); strings it returns stay valid
 *    until the next call into the source. */
#ifndef PARLAB_UI_SOURCE_H
#define PARLAB_UI_SOURCE_H

#include <stddef.h>
#include <stdint.h>

#include "trace/eventlog.h"

typedef enum UiRunState {
    UI_RUN_STARTING,        /* nothing has run yet */
    UI_RUN_RUNNING,
    UI_RUN_PAUSED,          /* by the user, by --step, or at a pause() */
    UI_RUN_FINISHED,        /* every worker ended; the log is complete */
    UI_RUN_FAILED,          /* a script error or a crash: see error */
} UiRunState;

typedef enum UiSourceCmd {
    UI_SRC_PAUSE,
    UI_SRC_RUN,
    UI_SRC_STEP,            /* grant one event to whoever reached the gate first */
    UI_SRC_STEP_WORKER,     /* arg: worker number as listed (1-9) */
    UI_SRC_STEP_LINE,       /* arg: worker id; run it to its next line */
    UI_SRC_SLOWER,
    UI_SRC_FASTER,
    UI_SRC_RESTART,
    UI_SRC_STOP,            /* stop every worker now (quit, next lesson) */
} UiSourceCmd;

typedef struct UiSourceStatus {
    UiRunState state;
    double speed;           /* 1.0 = real time; 0.01 .. 10 */
    uint64_t elapsed_ns;    /* lesson time run so far (scaled by speed) */
    const char *message;    /* a one-line note for the status line, or NULL
                             * ("bob cannot move: waits for ledger held by alice") */
    const char *error;      /* UI_RUN_FAILED: "FILE:LINE:COL: error: ..." */
    int error_line;         /* its line in the script, 0 if none */
} UiSourceStatus;

typedef struct UiSource UiSource;

typedef struct UiSourceOps {
    size_t (*pump)(UiSource *s, EventLog *log);
    void (*status)(UiSource *s, UiSourceStatus *out);
    /* Returns 0, or -1 when the command cannot be done now (the reason is
     * then in the next status().message). */
    int (*command)(UiSource *s, UiSourceCmd cmd, int arg);
    /* The script's text when the source has it and no path was given
     * (replay, demo); may be NULL. */
    const char *(*script)(UiSource *s, const char **name);
    /* A descriptor to poll besides the tick, or -1 (may be NULL). */
    int (*fd)(UiSource *s);
    void (*destroy)(UiSource *s);
} UiSourceOps;

struct UiSource {
    const UiSourceOps *ops;
};

static inline void ui_source_destroy(UiSource *s)
{
    if (s)
        s->ops->destroy(s);
}

#endif
