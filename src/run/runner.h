/* Running a lesson under control (issues 4 and 5): the shared regions a run
 * needs (the rt arena with the gate, the event rings, a speed cell), made by
 * the controlling process before any fork; the recorded schedule that
 * --replay-schedule forces through the gate; the outputs of a finished run
 * (--record, --trace); the headless run; and the live source the terminal
 * UI draws from (live_source.c).
 *
 * The live run and the headless run share the interpreter, the rings, the
 * collector and the event log; they differ in who drains the rings (the UI
 * process on its tick, or the collector thread of the headless root) and in
 * the sink (the screen, or stdout). */
#ifndef PARLAB_RUN_RUNNER_H
#define PARLAB_RUN_RUNNER_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "lang/ast.h"
#include "model/model.h"
#include "rt/rt.h"
#include "trace/eventlog.h"
#include "trace/ring.h"
#include "ui/source.h"

typedef struct RunOptions {
    int events;                 /* --events (headless) */
    int step;                   /* --step: paused before event 0 */
    double speed;               /* --speed; 0 = 1x */
    const char *record;         /* --record FILE */
    const char *trace;          /* --trace OUT.json */
    const char *schedule;       /* --replay-schedule FILE */
    const char *lang;           /* --lang: "en", "vi", NULL = the locale's (ui_lang_is_vi) */
} RunOptions;

/* What a controller shares with the run. */
typedef struct RunRegions {
    Rt *rt;
    TraceShm *tshm;
    _Atomic int *speed_pct;     /* in the arena: 100 = 1x */
} RunRegions;

int run_regions_create(RunRegions *r, char *err, size_t errlen);
void run_regions_destroy(RunRegions *r);

/* Speeds offered by [ and ]: 1/100x .. 10x. */
double run_speed_at(int idx);
int run_speed_count(void);
int run_speed_index(double speed);     /* nearest; 0 -> 1x */

/* A schedule: the workers, in order, that passed the gate in a recording
 * (its gate.grant events; --record always keeps them). */
typedef struct RunSchedule {
    uint16_t *worker;
    uint8_t *action;            /* what each asked to do (a TraceKind) */
    size_t n, pos;
    uint64_t granted_at;        /* ns of the last grant */
    int last;                   /* worker of the last grant (at first the main thread, 0) */
    int last_action;            /* what it was granted (a TraceKind) */
    size_t deviations;          /* grants that had to leave the order */
    _Atomic uint8_t *blocked;   /* per worker: blocked for real or ended, from the model */
} RunSchedule;

int run_schedule_load(RunSchedule *s, const char *file, char *err, size_t errlen);
void run_schedule_free(RunSchedule *s);
/* One controller turn: grant the next worker of the schedule if it waits
 * at the gate (and the last one granted has come back or gone quiet).
 * Returns 1 after a grant, 0 when nothing could be granted now; when the
 * schedule is used up the gate runs free and it returns -1. */
int run_schedule_turn(RunSchedule *s, Rt *rt);
/* Tell the schedule which workers the model sees blocked for real (on a
 * lock, a queue, a join...) or ended: those will not come to the gate by
 * themselves, so the order is left at once instead of after a long wait. */
void run_schedule_note(RunSchedule *s, const ModelState *st);

/* --record and --trace for a finished log; 0, or -1 after printing why. */
int run_write_outputs(const EventLog *log, const char *record, const char *trace);

/* The headless run of a parsed, checked module (main.c's --headless). */
int run_headless(Module *m, const char *script_dir, const RunOptions *o);

/* The live source for the UI: parses `path` (a script error becomes the
 * failed state with its line), forks the lesson on its first pump. */
UiSource *live_source_create(const char *path, const RunOptions *o);

#endif
