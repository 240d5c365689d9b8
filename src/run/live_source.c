/* The live source: the lesson really running, drawn by the UI.
 *
 * This (the UI) process makes the shared regions (rt arena with the gate,
 * the event rings, the speed cell) and fork()s the lesson's root process,
 * which runs the interpreter recording into the rings and writing nothing
 * on the terminal (its stdout and stderr go to a pipe read here).  On each
 * tick `pump` drains the rings into the UI's event log (this process is the
 * collector) and plays the gate's controller: pending steps, step-to-line,
 * a forced schedule, pause() checkpoints, the deadlock watch.
 *
 * The lesson runs in its own process group; this process is the subreaper
 * of the run, so stopping it (restart, quit, next lesson) is: SIGKILL the
 * group, reap everything that comes back, unmap the regions. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "lang/lang.h"
#include "lesson/lesson.h"
#include "rt/gate.h"
#include "rt/gil.h"
#include "run/runner.h"
#include "run/watch.h"
#include "trace/collector.h"
#include "ui/app.h"
#include "vm/vm.h"

#define LIVE_GIL_INTERVAL 0.005     /* CPython's default switch interval */

typedef struct Live {
    UiSource base;
    char *path, *dir, *text;
    size_t len;
    Module *m;
    RunOptions o;
    RunRegions reg;
    Collector *col;
    pid_t pid;                  /* the lesson's root, 0 when none */
    int errfd;                  /* its stdout+stderr, -1 when closed */
    char errtail[512];          /* last line it wrote there */
    char partial[512];
    size_t partial_len;
    UiRunState state;
    int exit_code;
    int speed;                  /* index into the speed table */
    int pending_steps;
    int line_worker;            /* `.`: the worker stepped to its next line, -1 */
    int line_from;
    int use_sched;
    RunSchedule sched;
    RunWatch watch;
    int deadlock;               /* a deadlock is on screen */
    EventLog *log;              /* the UI's log (for --record/--trace at the end) */
    int outputs_done;
    char err[600];
    int err_line;
    char msg[600];
} Live;

static int live_errline(const char *s)
{
    const char *c = strchr(s, ':');
    return c ? atoi(c + 1) : 0;
}

/* Read what the lesson wrote on stderr; keep its last complete line. */
static void live_read_err(Live *l)
{
    char buf[1024];
    ssize_t n;
    while (l->errfd >= 0 && (n = read(l->errfd, buf, sizeof buf)) != 0) {
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN)
                return;
            break;
        }
        for (ssize_t i = 0; i < n; i++) {
            if (buf[i] == '\n') {
                if (l->partial_len) {
                    l->partial[l->partial_len] = '\0';
                    snprintf(l->errtail, sizeof l->errtail, "%s", l->partial);
                }
                l->partial_len = 0;
            } else if (l->partial_len + 1 < sizeof l->partial) {
                l->partial[l->partial_len++] = buf[i];
            }
        }
    }
    close(l->errfd);
    l->errfd = -1;
}

static void live_child(Live *l, int wfd) __attribute__((noreturn));
static void live_child(Live *l, int wfd)
{
    static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGWINCH, SIGPIPE, SIGSEGV,
                                SIGABRT, SIGBUS, SIGFPE, SIGILL, SIGCHLD };
    sigset_t none;
    setpgid(0, 0);
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        signal(sigs[i], SIG_DFL);
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    int devnull = open("/dev/null", O_RDWR);
    if (devnull >= 0)
        dup2(devnull, 0);
    dup2(wfd, 1);
    dup2(wfd, 2);
    close(wfd);
    l->reg.rt->sh->root_pid = getpid();
    VmOptions opt = {
        .script_dir = l->dir, .rt = l->reg.rt, .tshm = l->reg.tshm, .live = 1,
        .gate_marks = l->o.record != NULL, .speed_pct = l->reg.speed_pct,
    };
    int rc = vm_run_module(l->m, &opt);
    fflush(NULL);
    _exit(rc);
}

static int live_start(Live *l)
{
    char err[256];
    int p[2];
    if (run_regions_create(&l->reg, err, sizeof err) < 0) {
        snprintf(l->err, sizeof l->err, "parlab: %s", err);
        return -1;
    }
    l->col = collector_create(l->reg.tshm);
    if (!l->col || pipe(p) < 0) {
        snprintf(l->err, sizeof l->err, "parlab: cannot set up the run: %s", strerror(errno));
        return -1;
    }
    atomic_store(l->reg.speed_pct, (int)(run_speed_at(l->speed) * 100 + 0.5) ?: 1);
    if (l->o.step || l->use_sched)
        gate_pause(l->reg.rt);
    l->sched.pos = 0;
    l->sched.last = 0;      /* the main thread runs before any grant */
    l->sched.granted_at = 0;
    prctl(PR_SET_CHILD_SUBREAPER, 1);
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        close(p[0]);
        close(p[1]);
        snprintf(l->err, sizeof l->err, "parlab: fork: %s", strerror(errno));
        return -1;
    }
    if (pid == 0) {
        close(p[0]);
        live_child(l, p[1]);
    }
    setpgid(pid, pid);
    close(p[1]);
    fcntl(p[0], F_SETFL, O_NONBLOCK);
    fcntl(p[0], F_SETFD, FD_CLOEXEC);
    l->pid = pid;
    l->errfd = p[0];
    l->errtail[0] = '\0';
    l->partial_len = 0;
    l->state = l->o.step || l->use_sched ? UI_RUN_PAUSED : UI_RUN_RUNNING;
    if (l->use_sched)
        l->state = UI_RUN_RUNNING;
    l->pending_steps = 0;
    l->line_worker = -1;
    l->deadlock = 0;
    l->outputs_done = 0;
    run_watch_free(&l->watch);
    run_watch_init(&l->watch);
    return 0;
}

/* Reap whatever of the run has ended; 1 when the root has. */
static int live_reap(Live *l, int block_ms)
{
    int root_done = 0, status;
    for (int waited = 0;;) {
        pid_t p = waitpid(-1, &status, WNOHANG);
        if (p > 0) {
            if (p == l->pid) {
                root_done = 1;
                l->exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
                l->pid = 0;
            }
            continue;
        }
        if (p < 0 || waited >= block_ms)
            break;
        struct timespec ts = { 0, 1000000 };
        nanosleep(&ts, NULL);
        waited++;
    }
    return root_done;
}

/* Stop the run: nothing of it is left (processes, regions). */
static void live_kill(Live *l)
{
    if (l->pid > 0) {
        if (l->reg.rt)
            rt_shutdown_request(l->reg.rt);
        kill(-l->pid, SIGKILL);
        kill(l->pid, SIGKILL);
        int status;
        while (waitpid(l->pid, &status, 0) < 0 && errno == EINTR)
            ;
        l->pid = 0;
    }
    live_reap(l, 1000);
    if (l->errfd >= 0) {
        close(l->errfd);
        l->errfd = -1;
    }
    if (l->col) {
        collector_destroy(l->col);
        l->col = NULL;
    }
    run_regions_destroy(&l->reg);
}

static void live_outputs(Live *l)
{
    if (l->outputs_done || !l->log || (!l->o.record && !l->o.trace))
        return;
    l->outputs_done = 1;
    run_write_outputs(l->log, l->o.record, l->o.trace);
}

/* The n-th worker as the timeline numbers them (known ids, ascending). */
static int live_worker_by_number(Live *l, int n)
{
    const ModelState *st = &l->watch.st;
    for (uint32_t i = 0; i < st->nworkers; i++)
        if (st->workers[i].known && --n == 0)
            return (int)i;
    return -1;
}

static int live_is_waiting(Live *l, int w)
{
    int ids[64];
    int n = gate_waiting(l->reg.rt, ids, 64);
    for (int i = 0; i < n; i++)
        if (ids[i] == w)
            return 1;
    return 0;
}

/* The gate's controller, once per tick. */
static void live_control(Live *l)
{
    Rt *rt = l->reg.rt;
    if (l->use_sched) {
        run_schedule_note(&l->sched, &l->watch.st);
        if (l->state == UI_RUN_PAUSED) {  /* space, or a pause(): the schedule waits */
            gate_clock_stop(rt);          /* and timeouts with it (the next grant goes on) */
            return;
        }
        while (run_schedule_turn(&l->sched, rt) > 0)
            ;
        if (l->sched.pos >= l->sched.n) {
            l->use_sched = 0;
            run_schedule_turn(&l->sched, rt);
        }
        return;
    }
    if (l->line_worker >= 0 && live_is_waiting(l, l->line_worker)) {
        const RtWorker *w = rt_worker(rt, l->line_worker);
        if (w && w->gate_line == l->line_from)
            gate_grant(rt, l->line_worker);
        else
            l->line_worker = -1;
    }
    while (l->pending_steps > 0 && gate_grant_first(rt) >= 0)
        l->pending_steps--;
    /* The lesson clock stands still while the gate is paused (sleeps and
     * timeouts wait with it).  A step that finds nobody at the gate lets it
     * run until somebody arrives: every worker may be asleep. */
    if (gate_is_paused(rt)) {
        if (l->pending_steps > 0 || l->line_worker >= 0)
            gate_clock_go(rt);
        else
            gate_clock_stop(rt);
    }
}

/* Scan the new events for pause() checkpoints: the run stops there, and the
 * status line shows the checkpoint in the narration's language. */
static void live_scan(Live *l, EventLog *log, size_t from, size_t to)
{
    for (size_t k = from; k < to; k++) {
        const TraceEvent *e = eventlog_get(log, k);
        if (e->kind != TK_PAUSE)
            continue;
        uint32_t len = 0;
        const char *s = eventlog_text(log, k, &len);
        int vi = ui_lang_is_vi(l->o.lang);   /* the narration pane's language */
        l->state = UI_RUN_PAUSED;
        l->pending_steps = 0;
        snprintf(l->msg, sizeof l->msg,
                 vi ? "dừng: %.400s  (space: chạy tiếp)" : "pause: %.400s  (space goes on)",
                 s ? trace_pause_text(s, len, vi) : "");
    }
}

static size_t live_pump(UiSource *s, EventLog *log)
{
    Live *l = (Live *)s;
    l->log = log;
    if (l->state == UI_RUN_FAILED || l->state == UI_RUN_FINISHED)
        return 0;
    if (!l->pid && l->state == UI_RUN_STARTING && live_start(l) < 0) {
        l->state = UI_RUN_FAILED;
        return 0;
    }
    size_t from = eventlog_count(log);
    live_read_err(l);
    int done = live_reap(l, 0);
    if (done) {
        live_read_err(l);
        collector_flush(l->col, log);
    } else {
        /* Paused, nothing is in flight: take everything so a step shows at once. */
        if (gate_is_paused(l->reg.rt))
            collector_flush(l->col, log);
        else
            collector_drain(l->col, log);
        live_control(l);
    }
    size_t to = eventlog_count(log);
    live_scan(l, log, from, to);
    char dl[400];
    size_t cyc = run_watch_update(&l->watch, log, RUN_WATCH_LIVE_NS, dl, sizeof dl);
    if (cyc && !done) {
        l->deadlock = 1;
        snprintf(l->msg, sizeof l->msg, "space stops the lesson; nothing can move: %s", dl);
    } else if (l->deadlock) {
        l->deadlock = 0;
        l->msg[0] = '\0';
    }
    if (done) {
        if (l->exit_code == 2 && l->errtail[0]) {
            l->state = UI_RUN_FAILED;
            snprintf(l->err, sizeof l->err, "%s", l->errtail);
            l->err_line = live_errline(l->errtail);
        } else {
            l->state = UI_RUN_FINISHED;
            if (l->exit_code)
                snprintf(l->msg, sizeof l->msg, "exit %d: %s", l->exit_code, l->errtail);
            else
                l->msg[0] = '\0';
        }
        live_kill(l);
        live_outputs(l);
    }
    return to - from;
}

static void live_status(UiSource *s, UiSourceStatus *out)
{
    Live *l = (Live *)s;
    memset(out, 0, sizeof *out);
    out->state = l->state;
    out->speed = run_speed_at(l->speed);
    if (l->log && eventlog_count(l->log)) {
        const TraceEvent *a = eventlog_get(l->log, 0);
        const TraceEvent *b = eventlog_get(l->log, eventlog_count(l->log) - 1);
        out->elapsed_ns = b->ts - a->ts;
    }
    out->message = l->msg[0] ? l->msg : NULL;
    if (l->state == UI_RUN_FAILED) {
        out->error = l->err;
        out->error_line = l->err_line;
    }
}

/* Scale the switch interval of every GIL seen so far. */
static void live_set_speed(Live *l)
{
    double x = run_speed_at(l->speed);
    if (!l->reg.rt)
        return;
    atomic_store(l->reg.speed_pct, (int)(x * 100 + 0.5) ?: 1);
    const ModelState *st = &l->watch.st;
    for (uint32_t i = 0; i < st->nobjects; i++) {
        const ModelObject *o = &st->objects[i];
        if (o->kind != TO_GIL || (o->id & 0x80000000u))
            continue;
        Gil *g = shm_ptr(l->reg.rt->arena, (uint64_t)o->id << 4);
        if (g && shm_contains(l->reg.rt->arena, g, sizeof *g))
            gil_set_interval(g, LIVE_GIL_INTERVAL / x);
    }
}

static int live_note(Live *l, const char *text)
{
    snprintf(l->msg, sizeof l->msg, "%s", text);
    return -1;
}

static int live_step_worker(Live *l, int number)
{
    char why[400];
    int id = live_worker_by_number(l, number);
    if (id < 0) {
        snprintf(why, sizeof why, "no worker %d on the timeline", number);
        return live_note(l, why);
    }
    if (!gate_is_paused(l->reg.rt)) {
        gate_pause(l->reg.rt);
        l->state = UI_RUN_PAUSED;
    }
    if (gate_grant(l->reg.rt, id) == 0) {
        l->msg[0] = '\0';
        return 0;
    }
    if (run_watch_why(&l->watch.st, l->log, (uint32_t)id, why, sizeof why))
        return live_note(l, why);
    return live_note(l, "that worker is not at the gate yet (it is running); try again");
}

static int live_command(UiSource *s, UiSourceCmd cmd, int arg)
{
    Live *l = (Live *)s;
    int running = l->pid > 0 && l->reg.rt;
    if (cmd == UI_SRC_RESTART) {
        live_outputs(l);
        live_kill(l);
        l->state = l->m ? UI_RUN_STARTING : UI_RUN_FAILED;
        l->msg[0] = '\0';
        l->log = NULL;
        if (l->o.schedule)
            l->use_sched = 1;
        return 0;
    }
    if (cmd == UI_SRC_STOP) {
        live_outputs(l);
        live_kill(l);
        return 0;
    }
    if (cmd == UI_SRC_SLOWER || cmd == UI_SRC_FASTER) {
        int k = l->speed + (cmd == UI_SRC_FASTER ? 1 : -1);
        if (k < 0 || k >= run_speed_count())
            return -1;
        l->speed = k;
        live_set_speed(l);
        return 0;
    }
    if (!running)
        return live_note(l, "the run is over; r runs it again");
    l->msg[0] = '\0';
    switch (cmd) {
    case UI_SRC_PAUSE:
        if (l->deadlock) {
            live_kill(l);
            l->state = UI_RUN_FINISHED;
            snprintf(l->msg, sizeof l->msg, "stopped: the lesson was deadlocked");
            return 0;
        }
        if (!l->use_sched)
            gate_pause(l->reg.rt);
        l->state = UI_RUN_PAUSED;
        return 0;
    case UI_SRC_RUN:
        if (l->use_sched) {              /* the schedule goes on granting */
            l->state = UI_RUN_RUNNING;
            return 0;
        }
        l->pending_steps = 0;
        l->line_worker = -1;
        gate_run(l->reg.rt);
        l->state = UI_RUN_RUNNING;
        return 0;
    case UI_SRC_STEP:
        if (!gate_is_paused(l->reg.rt))
            gate_pause(l->reg.rt);
        l->use_sched = 0;
        l->state = UI_RUN_PAUSED;
        /* One grant at most in wait: the UI shows the log one event per s
         * and asks again only when it has shown it all, so a second s
         * before the first grant found a worker (all asleep, say) must not
         * let two actions through. */
        l->pending_steps = 1;
        live_control(l);
        return 0;
    case UI_SRC_STEP_WORKER:
        l->use_sched = 0;
        return live_step_worker(l, arg);
    case UI_SRC_STEP_LINE: {
        int ids[64];
        int w = arg >= 0 ? arg : gate_waiting(l->reg.rt, ids, 64) > 0 ? ids[0] : -1;
        const RtWorker *rw = w >= 0 ? rt_worker(l->reg.rt, w) : NULL;
        if (!rw || !live_is_waiting(l, w))
            return live_note(l, "no worker to step: pick one that waits at the gate");
        l->use_sched = 0;
        l->line_worker = w;
        l->line_from = rw->gate_line;
        gate_grant(l->reg.rt, w);
        return 0;
    }
    default:
        return -1;
    }
}

static int live_fd(UiSource *s)
{
    return ((Live *)s)->errfd;
}

static void live_destroy(UiSource *s)
{
    Live *l = (Live *)s;
    live_outputs(l);
    live_kill(l);
    run_watch_free(&l->watch);
    run_schedule_free(&l->sched);
    if (l->m)
        lang_free(l->m);
    free(l->text);
    free(l->path);
    free(l->dir);
    free(l);
}

static const UiSourceOps live_ops = {
    .pump = live_pump, .status = live_status, .command = live_command,
    .script = NULL, .fd = live_fd, .destroy = live_destroy,
};

UiSource *live_source_create(const char *path, const RunOptions *o)
{
    Live *l = calloc(1, sizeof *l);
    Diag d;
    if (!l)
        abort();
    l->base.ops = &live_ops;
    l->o = *o;
    l->errfd = -1;
    l->line_worker = -1;
    l->speed = run_speed_index(o->speed);
    l->path = strdup(path);
    l->dir = strdup(path);
    char *slash = strrchr(l->dir, '/');
    if (slash)
        *slash = '\0';
    else
        strcpy(l->dir, ".");
    run_watch_init(&l->watch);
    l->state = UI_RUN_STARTING;
    if (o->schedule) {
        char err[512];
        if (run_schedule_load(&l->sched, o->schedule, err, sizeof err) < 0) {
            fprintf(stderr, "parlab: %s\n", err);
            live_destroy(&l->base);
            return NULL;
        }
        l->use_sched = 1;
    }
    l->text = lesson_read_file(path, &l->len, &d);
    if (l->text)
        l->m = lang_parse(path, l->text, l->len, &d);
    if (!l->m || lang_check(l->m, &d) < 0) {
        /* Shown in the code pane at its line; nothing runs. */
        if (l->m)
            lang_free(l->m);
        l->m = NULL;
        const char *base = strrchr(path, '/');   /* the code pane is narrow */
        snprintf(l->err, sizeof l->err, "%s:%d:%d: error: %s", base ? base + 1 : path, d.line, d.col,
                 d.msg);
        l->err_line = d.line;
        l->state = UI_RUN_FAILED;
    }
    return &l->base;
}
