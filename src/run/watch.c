/* The deadlock watch: an incremental fold of the log (no snapshots: only
 * the newest state matters) and the sentences that explain a wait. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "run/watch.h"

#define WATCH_MAX_CYCLE 16

static uint64_t watch_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

void run_watch_init(RunWatch *w)
{
    memset(w, 0, sizeof *w);
    model_state_init(&w->st);
    w->quiet_since = watch_now();
}

void run_watch_free(RunWatch *w)
{
    model_state_free(&w->st);
    memset(w, 0, sizeof *w);
}

const char *run_watch_name(const EventLog *log, uint32_t name_ev, char *buf, size_t n)
{
    uint32_t len = 0;
    const char *s = name_ev != MODEL_NONE && name_ev < eventlog_count(log)
                        ? eventlog_text(log, name_ev, &len) : NULL;
    if (!s || !len)
        snprintf(buf, n, "?");
    else
        snprintf(buf, n, "%.*s", (int)(len < 64 ? len : 64), s);
    return buf;
}

static const char *watch_worker(const ModelState *st, const EventLog *log, uint32_t id, char *buf,
                                size_t n)
{
    const ModelWorker *w = model_worker(st, id);
    if (!w)
        snprintf(buf, n, "worker %u", id);
    else
        run_watch_name(log, w->name_ev, buf, n);
    return buf;
}

int run_watch_why(const ModelState *st, const EventLog *log, uint32_t id, char *msg, size_t msglen)
{
    const ModelWorker *w = model_worker(st, id);
    char who[80], obj[80], by[80];
    if (!w || !w->known)
        return 0;
    watch_worker(st, log, id, who, sizeof who);
    if (w->state == TS_DONE) {
        snprintf(msg, msglen, "%s cannot move: it has ended", who);
        return 1;
    }
    if (w->state == TS_JOIN) {
        snprintf(msg, msglen, "%s cannot move: it waits for %s to end", who,
                 watch_worker(st, log, w->wait_obj, by, sizeof by));
        return 1;
    }
    if (w->state == TS_SLEEP) {
        snprintf(msg, msglen, "%s cannot move yet: it is sleeping", who);
        return 1;
    }
    if (w->state != TS_LOCK && w->state != TS_QUEUE && w->state != TS_EVENT &&
        w->state != TS_COND && w->state != TS_FUTURE && w->state != TS_GIL)
        return 0;
    const ModelObject *o = model_object(st, w->wait_obj);
    run_watch_name(log, o ? o->name_ev : MODEL_NONE, obj, sizeof obj);
    if (o && o->holders.n == 1)
        snprintf(msg, msglen, "%s cannot move: it waits for %s, held by %s", who, obj,
                 watch_worker(st, log, o->holders.v[0], by, sizeof by));
    else if (w->state == TS_QUEUE)
        snprintf(msg, msglen, "%s cannot move: queue %s is %s", who, obj,
                 w->queue_full ? "full" : "empty");
    else
        snprintf(msg, msglen, "%s cannot move: it waits on %s (%s)", who, obj,
                 trace_state_names[w->state]);
    return 1;
}

size_t run_watch_describe(const ModelState *st, const EventLog *log, char *msg, size_t msglen)
{
    uint32_t cycle[WATCH_MAX_CYCLE];
    size_t n = model_deadlock(st, cycle, WATCH_MAX_CYCLE);
    if (!n)
        return 0;
    size_t used = (size_t)snprintf(msg, msglen, "deadlock:");
    for (size_t i = 0; i < n && i < WATCH_MAX_CYCLE && used < msglen; i++) {
        char a[80], b[80], o[80];
        const ModelWorker *w = model_worker(st, cycle[i]);
        const ModelObject *ob = w && w->state == TS_LOCK ? model_object(st, w->wait_obj) : NULL;
        uint32_t next = cycle[(i + 1) % (n < WATCH_MAX_CYCLE ? n : WATCH_MAX_CYCLE)];
        if (ob)
            used += (size_t)snprintf(msg + used, msglen - used, "%s %s waits for %s held by %s",
                                     i ? "," : "", watch_worker(st, log, cycle[i], a, sizeof a),
                                     run_watch_name(log, ob->name_ev, o, sizeof o),
                                     watch_worker(st, log, next, b, sizeof b));
        else
            used += (size_t)snprintf(msg + used, msglen - used, "%s %s waits for %s to end",
                                     i ? "," : "", watch_worker(st, log, cycle[i], a, sizeof a),
                                     watch_worker(st, log, next, b, sizeof b));
    }
    return n;
}

/* Is anybody able to move by itself (running, sleeping, held at the gate)? */
static int watch_anyone_moves(const ModelState *st)
{
    for (uint32_t i = 0; i < st->nworkers; i++) {
        const ModelWorker *w = &st->workers[i];
        if (!w->known || w->state == TS_DONE)
            continue;
        if (w->state == TS_RUNNING || w->state == TS_SLEEP || w->state == TS_GATE ||
            w->state == TS_NEW || w->state == TS_GIL)
            return 1;
    }
    return 0;
}

size_t run_watch_update(RunWatch *w, const EventLog *log, uint64_t quiet_ns, char *msg, size_t msglen)
{
    size_t n = eventlog_count(log);
    uint64_t now = watch_now();
    if (n < w->folded) {            /* the log was emptied (restart) */
        model_state_free(&w->st);
        model_state_init(&w->st);
        w->folded = 0;
    }
    if (n > w->folded) {
        model_state_fold(&w->st, log, w->folded, n);
        w->folded = n;
        w->quiet_since = now;
    }
    if (now - w->quiet_since < quiet_ns || watch_anyone_moves(&w->st))
        return 0;
    return run_watch_describe(&w->st, log, msg, msglen);
}
