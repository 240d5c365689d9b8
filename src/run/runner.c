/* The pieces a controlled run shares between its live and headless forms:
 * regions made before any fork, the speed table, the recorded schedule
 * forced through the gate, the deadlock watch, and the outputs of a
 * finished run.  See runner.h. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/model.h"
#include "rt/gate.h"
#include "rt/proc.h"
#include "run/runner.h"
#include "run/watch.h"
#include "trace/chrome.h"
#include "trace/eventlog_io.h"
#include "vm/vm.h"

static const double run_speeds[] = { 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10 };
#define RUN_NSPEEDS (int)(sizeof run_speeds / sizeof run_speeds[0])

double run_speed_at(int idx)
{
    return run_speeds[idx < 0 ? 0 : idx >= RUN_NSPEEDS ? RUN_NSPEEDS - 1 : idx];
}

int run_speed_count(void)
{
    return RUN_NSPEEDS;
}

int run_speed_index(double speed)
{
    int best = 6;   /* 1x */
    if (!(speed > 0))
        return best;
    for (int i = 0; i < RUN_NSPEEDS; i++)
        if (run_speeds[i] / speed < 1.5 && speed / run_speeds[i] < 1.5)
            best = i;
    return best;
}

int run_regions_create(RunRegions *r, char *err, size_t errlen)
{
    RtCaps caps;
    memset(r, 0, sizeof *r);
    vm_default_caps(&caps);
    r->rt = rt_create(&caps, err, errlen);
    if (!r->rt)
        return -1;
    /* The same ring shape the interpreter makes for itself. */
    r->tshm = trace_shm_create((unsigned)caps.max_workers, 4096);
    r->speed_pct = shm_alloc(r->rt->arena, sizeof *r->speed_pct);
    if (!r->tshm || !r->speed_pct) {
        snprintf(err, errlen, "cannot map the event rings");
        run_regions_destroy(r);
        return -1;
    }
    atomic_store(r->speed_pct, 100);
    return 0;
}

void run_regions_destroy(RunRegions *r)
{
    if (r->tshm)
        trace_shm_destroy(r->tshm);
    if (r->rt)
        rt_destroy(r->rt);
    memset(r, 0, sizeof *r);
}

int run_schedule_load(RunSchedule *s, const char *file, char *err, size_t errlen)
{
    EventLog log;
    memset(s, 0, sizeof *s);
    s->last = 0;    /* the main thread runs before any grant: in flight */
    eventlog_init(&log);
    if (eventlog_load(&log, file, err, errlen) < 0) {
        eventlog_free(&log);
        return -1;
    }
    size_t n = eventlog_count(&log);
    s->worker = malloc((n ? n : 1) * sizeof *s->worker);
    s->action = malloc(n ? n : 1);
    s->blocked = calloc(RT_MAX_WORKERS, sizeof *s->blocked);
    if (!s->worker || !s->action || !s->blocked)
        abort();
    for (size_t k = 0; k < n; k++) {
        const TraceEvent *e = eventlog_get(&log, k);
        if (e->kind == TK_GATE_GRANT) {
            s->action[s->n] = (uint8_t)e->aux;
            s->worker[s->n++] = e->worker;
        }
    }
    eventlog_free(&log);
    if (!s->n) {
        snprintf(err, errlen, "%s: no schedule in this recording (make it with --record)", file);
        run_schedule_free(s);
        return -1;
    }
    return 0;
}

void run_schedule_note(RunSchedule *s, const ModelState *st)
{
    if (!s->blocked)
        return;
    for (uint32_t i = 0; i < st->nworkers && i < RT_MAX_WORKERS; i++) {
        unsigned state = st->workers[i].state;
        int b = st->workers[i].known &&
                (state == TS_LOCK || state == TS_QUEUE || state == TS_JOIN || state == TS_EVENT ||
                 state == TS_COND || state == TS_FUTURE || state == TS_DONE);
        atomic_store(&s->blocked[i], (uint8_t)b);
    }
}

void run_schedule_free(RunSchedule *s)
{
    free(s->blocked);
    free(s->worker);
    free(s->action);
    memset(s, 0, sizeof *s);
}

/* How long the worker granted last may run between two gates before the
 * next grant is made anyway (a long computation with no visible action).
 * Blocked workers (a lock, a sleep, a join...) say so at once (gate.h's
 * gate_is_away), so this is only a safety net. */
#define RUN_INFLIGHT_NS 1000000000ull
/* How long the scheduled worker may fail to show up before the order is
 * left (the run diverged: another path through the program). */
#define RUN_GIVEUP_NS 3000000000ull
/* ... and how long before believing the model that it is blocked (the
 * model is a drain or two behind, and a woken waiter needs a moment, a
 * poll slice at worst, to reach its wake gate). */
#define RUN_BLOCKED_NS 300000000ull

static int run_is_waiting(const int *ids, int n, int w)
{
    for (int i = 0; i < n; i++)
        if (ids[i] == w)
            return 1;
    return 0;
}

int run_schedule_turn(RunSchedule *s, Rt *rt)
{
    int ids[64];
    if (s->pos >= s->n) {
        if (gate_is_paused(rt))
            gate_run(rt);
        return -1;
    }
    int n = gate_waiting(rt, ids, 64);
    uint64_t now = rt_now_ns();
    if (!s->granted_at)
        s->granted_at = now;     /* the run starts: give everyone time to arrive */
    uint64_t idle = now - s->granted_at;
    int want = s->worker[s->pos];
    /* The last one granted still on its way: only it moves until it is
     * back at the gate, blocked or gone.  Every way on from a block (a
     * woken lock waiter, a timeout, the GIL after a wait) is a gate of its
     * own, so no one else can move meanwhile. */
    if (s->last >= 0 && !run_is_waiting(ids, n, s->last) && !gate_is_away(rt, s->last) &&
        idle < RUN_INFLIGHT_NS)
        return 0;
    /* A forced GIL switch happens where the switch interval ran out: a
     * matter of timing, so one the recording did not have goes as soon as
     * nobody else moves.  So does a pause() checkpoint: a headless
     * recording has none (the live run holds the whole run there itself).
     * It is then the one in flight, waited for as any other. */
    for (int i = 0; i < n; i++) {
        const RtWorker *fw = rt_worker(rt, ids[i]);
        if (fw && (fw->gate_action == TK_GIL_RELEASE || fw->gate_action == TK_PAUSE) &&
            !(ids[i] == want && s->action[s->pos] == fw->gate_action) &&
            gate_grant(rt, ids[i]) == 0) {
            s->last = ids[i];
            s->granted_at = now;
            return 1;
        }
    }
    int action = 0;
    if (run_is_waiting(ids, n, want)) {
        if (gate_grant_action(rt, want, &action) != 0)
            return 0;
    } else if (n > 0 && (idle > RUN_GIVEUP_NS ||
                         (idle > RUN_BLOCKED_NS && s->blocked && atomic_load(&s->blocked[want])))) {
        want = gate_grant_first_action(rt, &action);
        if (want < 0)
            return 0;
        s->deviations++;
    } else {
        return 0;
    }
    s->pos++;
    s->last = want;
    s->last_action = action;
    s->granted_at = now;
    return 1;
}

int run_write_outputs(const EventLog *log, const char *record, const char *trace)
{
    int rc = 0;
    if (record && eventlog_save(log, record) < 0) {
        fprintf(stderr, "parlab: cannot write %s: %s\n", record, strerror(errno));
        rc = -1;
    }
    if (trace) {
        FILE *f = fopen(trace, "w");
        Model *m = f ? model_create(log) : NULL;
        if (m)
            model_update(m);
        if (!f || trace_chrome_write(m, f) < 0) {
            fprintf(stderr, "parlab: cannot write %s: %s\n", trace, strerror(errno));
            rc = -1;
        }
        if (f && fclose(f) != 0)
            rc = -1;
        if (m)
            model_destroy(m);
    }
    return rc;
}

/* The headless run.  The interpreter's collector thread drains the rings
 * and prints; here: the outputs at the end, the deadlock watch on every
 * drain, and with a schedule a controller thread at the gate. */
typedef struct Headless {
    const RunOptions *o;
    RunRegions reg;
    RunSchedule sched;
    RunWatch watch;
    pthread_t th;
    _Atomic int stop;
    int rc;
} Headless;

static void headless_log_done(const struct EventLog *log, void *arg)
{
    Headless *h = arg;
    if (run_write_outputs(log, h->o->record, h->o->trace) < 0)
        h->rc = 1;
}

static int headless_watch(const struct EventLog *log, void *arg)
{
    Headless *h = arg;
    char msg[512];
    size_t cyc = run_watch_update(&h->watch, log, RUN_WATCH_HEADLESS_NS, msg, sizeof msg);
    if (h->o->schedule)
        run_schedule_note(&h->sched, &h->watch.st);
    if (cyc > 0) {
        fprintf(stderr, "parlab: %s\nparlab: the lesson can never go on; stopped "
                "(CPython would hang here)\n", msg);
        return 1;
    }
    return 0;
}

static void *headless_controller(void *arg)
{
    Headless *h = arg;
    while (!atomic_load(&h->stop)) {
        uint64_t seen = gate_arrivals(h->reg.rt);
        if (run_schedule_turn(&h->sched, h->reg.rt) < 0)
            break;
        gate_wait_arrival(h->reg.rt, seen, 0.001);
    }
    return NULL;
}

int run_headless(Module *m, const char *script_dir, const RunOptions *o)
{
    Headless h = { .o = o };
    char err[512];
    VmOptions opt = { .script_dir = script_dir, .events = o->events };
    int have_th = 0;
    if (o->schedule) {
        if (run_schedule_load(&h.sched, o->schedule, err, sizeof err) < 0 ||
            run_regions_create(&h.reg, err, sizeof err) < 0) {
            fprintf(stderr, "parlab: %s\n", err);
            run_schedule_free(&h.sched);
            return 2;
        }
        opt.rt = h.reg.rt;
        opt.tshm = h.reg.tshm;
        gate_pause(h.reg.rt);
    }
    opt.gate_marks = o->record != NULL;
    opt.log_done = headless_log_done;
    opt.log_arg = &h;
    opt.log_watch = headless_watch;
    run_watch_init(&h.watch);
    if (o->schedule && pthread_create(&h.th, NULL, headless_controller, &h) == 0)
        have_th = 1;
    int rc = vm_run_module(m, &opt);
    atomic_store(&h.stop, 1);
    if (have_th)
        pthread_join(h.th, NULL);
    if (o->schedule && h.sched.deviations)
        fprintf(stderr, "parlab: note: the run left the recorded schedule %zu times\n",
                h.sched.deviations);
    run_watch_free(&h.watch);
    run_schedule_free(&h.sched);
    if (h.reg.rt) {
        rt_proc_kill_all(h.reg.rt);
        run_regions_destroy(&h.reg);
    }
    return rc ? rc : h.rc;
}
