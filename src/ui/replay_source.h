/* A source that plays a recorded event log: the demo (timed, in lesson
 * time, with pause/step/speed) and --replay FILE (untimed: every event at
 * once, the run over, for time travel). */
#ifndef PARLAB_UI_REPLAY_SOURCE_H
#define PARLAB_UI_REPLAY_SOURCE_H

#include <stddef.h>

#include "trace/eventlog.h"
#include "ui/source.h"

/* Takes the events of `log` (left empty).  text/name: the script and its
 * file name when the source has them (static strings), else NULL. */
UiSource *replay_source_create(EventLog *log, const char *text, const char *name, int timed,
                               int paused, double speed);

/* A recording made with --record; -1 with err filled when it cannot be read. */
int replay_source_open(const char *file, int timed, int paused, double speed, UiSource **out,
                       char *err, size_t errlen);

#endif
