/* The demo source: the scripted run of demo_script.c played in lesson
 * time by the replay player. */
#include "ui/demo_source.h"
#include "ui/replay_source.h"

UiSource *demo_source_create(int paused, double speed)
{
    EventLog log;
    eventlog_init(&log);
    demo_build_log(&log);
    return replay_source_create(&log, demo_script_text(), "demo.py", 1, paused, speed);
}
