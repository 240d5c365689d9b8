/* The deadlock watch (issue 5): folds the event log as it grows and notices
 * when the run can never go on: a cycle in the wait-for graph (each worker
 * blocked on a lock held by, or joining, the next), nobody running, and no
 * event for a while.  The while is there because a timed acquire in the
 * cycle (lesson A.2) still breaks it by itself. */
#ifndef PARLAB_RUN_WATCH_H
#define PARLAB_RUN_WATCH_H

#include <stddef.h>
#include <stdint.h>

#include "model/model.h"

#define RUN_WATCH_LIVE_NS 500000000ull        /* the UI says so within a second */
#define RUN_WATCH_HEADLESS_NS 1500000000ull

typedef struct RunWatch {
    ModelState st;
    size_t folded;
    uint64_t quiet_since;       /* wall ns of the last new event */
} RunWatch;

void run_watch_init(RunWatch *w);
void run_watch_free(RunWatch *w);
/* Fold what is new; when a deadlock has lasted `quiet_ns`, write
 * "deadlock: alice waits for pan held by bob, ..." into msg and return the
 * cycle's length; else 0. */
size_t run_watch_update(RunWatch *w, const EventLog *log, uint64_t quiet_ns, char *msg, size_t msglen);
/* The same sentence for a state (no timing). */
size_t run_watch_describe(const ModelState *st, const EventLog *log, char *msg, size_t msglen);
/* "bob (2) cannot move: waits for pan, held by alice" when worker id is
 * blocked for real; 0 when it is not. */
int run_watch_why(const ModelState *st, const EventLog *log, uint32_t id, char *msg, size_t msglen);
/* Name of a worker or object from its name event ("?" when unknown). */
const char *run_watch_name(const EventLog *log, uint32_t name_ev, char *buf, size_t n);

#endif
