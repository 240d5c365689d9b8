/* Thread pools (ThreadPoolExecutor): worker threads of this process that
 * take tasks from a list and complete each task's future themselves, so
 * callbacks run on the worker, as in CPython.  Nothing is serialised: the
 * threads share the objects.  As in CPython, a submit starts a new worker
 * only when no worker is idle, up to max_workers.
 *
 * The list is guarded by its own mutex rather than by the GIL, so a worker
 * can wait for work with the GIL released and take a task before it has
 * the GIL back.
 *
 * An idle worker first spins a little (rt/spin.h) for the next task, then
 * for the GIL the submitter is about to let go of in result(), and only
 * then sleeps: a submit-then-result round trip then costs no futex
 * wake-up at all.  One worker per pool spins; the others sleep, and a
 * submit wakes a sleeper only for a task the spinner will not take. */
#include <stdlib.h>
#include <string.h>

#include "rt/spin.h"
#include "vm/pool_core.h"

typedef struct TTask {
    struct TTask *next;
    Value fut, fn, args, kwargs;   /* owned */
} TTask;

struct TPool {
    struct TPool *kept;       /* next in tpool_kept */
    PsMutex mu;
    PsCond cv;
    TTask *head, *tail;
    atomic_int queued;        /* tasks in the list (changed under mu; polled by the spinner) */
    int idle;                 /* workers waiting for one */
    int spinning;             /* of which spinning for one (0 or 1) */
    int nthreads, max;
    atomic_int shutdown;
    RtThread **threads;
    int joined;
    char prefix[64];
};

typedef struct TPoolCounter {
    int next;
    struct TPoolCounter *kept;
} TPoolCounter;

/* A TPool outlives its executor object (its threads may still run; the end
 * of the run stops them), and the counter lives as long as the process, so
 * neither is freed.  These lists (changed under the GIL) own them, so the
 * leak checkers (LSan, valgrind) see them as owned rather than lost. */
static TPool *tpool_kept;
static TPoolCounter *tpool_counter_kept;

int tpool_is_shutdown(TPool *p) { return p->shutdown; }
int tpool_nthreads(TPool *p) { return p->nthreads; }

/* ThreadPoolExecutor-N: CPython counts executors per process. */
int tpool_next_counter(VmThread *ts)
{
    VmConc *c = vmc_of(ts->in);
    TPoolCounter *k = ts->in->ext[POOL_EXT + 1];
    if (!k) {
        k = calloc(1, sizeof *k);
        if (!k)
            abort();
        ts->in->ext[POOL_EXT + 1] = k;
        k->kept = tpool_counter_kept;
        tpool_counter_kept = k;
    }
    (void)c;
    return k->next++;
}

static void task_free(Interp *in, TTask *t)
{
    v_decref(in, t->fut);
    v_decref(in, t->fn);
    v_decref(in, t->args);
    v_decref(in, t->kwargs);
    free(t);
}

static void run_task(VmThread *ts, TTask *t)
{
    PFut *f = ((InstObj *)t->fut.u.o)->native;
    if (!pf_set_running(ts, f)) {   /* cancelled while queued */
        task_free(ts->in, t);
        return;
    }
    vme_emit(ts, TK_TASK_START, f->self, 0, 0);
    Value r = pool_call(ts, t->fn, t->args, t->kwargs);
    int ok = r.tag != V_EXC;
    if (!ok) {
        r = ts->exc;
        ts->exc = VUNDEF;
    }
    /* the result's text only when events are recorded: repr is not free */
    Value shown = !vme_tracing() ? VUNDEF : ok ? v_repr(ts, r) : str_from_cstr(ts, v_class(ts->in, r)->name->s);
    if (shown.tag == V_OBJ) {
        vme_emit_text(ts, TK_TASK_DONE, f->self, (uint32_t)ok, 0, V_STR(shown)->s, (size_t)V_STR(shown)->len);
        v_decref(ts->in, shown);
    } else if (shown.tag == V_EXC) {
        v_decref(ts->in, ts->exc);
        ts->exc = VUNDEF;
    }
    vme_emit(ts, TK_TASK_RESULT, f->self, (uint32_t)ok, 0);
    pf_complete(ts, f, ok, r, 1);
    task_free(ts->in, t);
}

/* Per process: an idle worker waiting for a task, then for the GIL. */
static SpinSite tpool_spin_task, tpool_spin_gil;

static int tpool_has_work(void *arg)
{
    TPool *p = arg;
    return atomic_load_explicit(&p->queued, memory_order_relaxed) > 0 ||
           atomic_load_explicit(&p->shutdown, memory_order_relaxed);
}

/* The next task, waiting for one with the GIL released; NULL: time to end. */
static TTask *take(VmThread *ts, TPool *p)
{
    const RtCtx *cx = vmc_cx(ts);
    TTask *t = NULL;
    int rc = 0, blocked = 0;
    psmutex_lock(&p->mu);
    if (!p->head && !p->shutdown) {
        int spin = !p->spinning;
        p->idle++;
        p->spinning += spin;
        psmutex_unlock(&p->mu);
        rt_block_begin(cx);
        blocked = 1;
        pf_wake(ts->in);   /* now that the GIL is free (see pf_complete) */
        uint64_t budget = spin ? spin_budget(cx, &tpool_spin_task) : 0;
        if (budget)
            spin_learn(&tpool_spin_task, spin_until(tpool_has_work, p, budget));
        psmutex_lock(&p->mu);
        p->spinning -= spin;
        while (!p->head && !p->shutdown && rc != RT_ESHUTDOWN)
            rc = rt_cond_wait(cx->rt, &p->cv, &p->mu, NULL);
        p->idle--;
    }
    if (!blocked)
        pf_wake(ts->in);
    if (p->head) {
        t = p->head;
        p->head = t->next;
        if (!p->head)
            p->tail = NULL;
        p->queued--;
    }
    psmutex_unlock(&p->mu);
    if (blocked)
        spin_block_end(cx, &tpool_spin_gil);
    return t;
}

static void tpool_worker_main(VmThread *ts, void *arg)
{
    TPool *p = arg;
    TTask *t;
    while ((t = take(ts, p)))
        run_task(ts, t);
}

TPool *tpool_create(VmThread *ts, int max_workers, const char *prefix)
{
    TPool *p = calloc(1, sizeof *p);
    if (!p)
        abort();
    p->kept = tpool_kept;
    tpool_kept = p;
    psmutex_init(&p->mu);
    pscond_init(&p->cv);
    p->max = max_workers;
    p->threads = calloc((size_t)max_workers, sizeof *p->threads);
    if (!p->threads)
        abort();
    snprintf(p->prefix, sizeof p->prefix, "%s", prefix);
    vme_obj_created(ts, TO_POOL, p, (uint64_t)max_workers, 0);
    return p;
}

static int start_worker(VmThread *ts, TPool *p)
{
    char name[96];
    snprintf(name, sizeof name, "%s_%d", p->prefix, p->nthreads);
    Value mod = module_import(ts, "threading");
    if (mod.tag == V_EXC)
        return -1;
    Value tcls = vm_getattr(ts, mod, str_intern(ts->in, "Thread", 6));
    v_decref(ts->in, mod);
    if (tcls.tag == V_EXC)
        return -1;
    Value nm = str_from_cstr(ts, name);
    StrObj *kn[2] = { ts->in->s_name, str_intern(ts->in, "daemon", 6) };
    Value kv[2] = { nm, vbool(true) };
    VmKw kw = { kn, kv, 2 };
    Value th = class_call(ts, (ClassObj *)tcls.u.o, NULL, 0, &kw);
    v_decref(ts->in, nm);
    v_decref(ts->in, tcls);
    if (th.tag == V_EXC)
        return -1;
    int rc = vmc_thread_start(ts, name, th, 1, tpool_worker_main, p, &p->threads[p->nthreads]);
    v_decref(ts->in, th);
    if (rc < 0) {
        vmc_raise_rt(ts, rc, "ThreadPoolExecutor");
        return -1;
    }
    p->nthreads++;
    return 0;
}

int tpool_submit(VmThread *ts, TPool *p, Value fn, Value fut, Value args, Value kwargs)
{
    PFut *f = ((InstObj *)fut.u.o)->native;
    TTask *t = calloc(1, sizeof *t);
    if (!t)
        abort();
    t->fut = fut;
    t->fn = fn;
    v_incref(fut);
    v_incref(fn);
    t->args = args;
    t->kwargs = kwargs;
    Value label = vme_tracing() ? pool_label(ts, fn, args) : VUNDEF;
    if (label.tag == V_OBJ) {
        vme_emit_text(ts, TK_TASK_SUBMIT, f->self, vme_objid(vmc_of(ts->in), p), 0, V_STR(label)->s,
                      (size_t)V_STR(label)->len);
        v_decref(ts->in, label);
    }
    psmutex_lock(&p->mu);
    if (p->tail)
        p->tail->next = t;
    else
        p->head = t;
    p->tail = t;
    p->queued++;
    int need = p->idle < p->queued && p->nthreads < p->max;
    int wake = p->queued > p->spinning;   /* else the spinning worker takes it */
    psmutex_unlock(&p->mu);
    /* signalled after the unlock, so the woken worker does not go straight
     * back to sleep on the mutex we hold (it rechecks the list anyway) */
    if (wake)
        pscond_signal(&p->cv);
    return need ? start_worker(ts, p) : 0;
}

int tpool_shutdown(VmThread *ts, TPool *p, int wait)
{
    psmutex_lock(&p->mu);
    p->shutdown = 1;
    pscond_broadcast(&p->cv);
    psmutex_unlock(&p->mu);
    if (!wait || p->joined)
        return 0;
    for (int i = 0; i < p->nthreads; i++) {
        int rc = rt_thread_join(vmc_cx(ts), p->threads[i], -1);
        if (rc < 0) {
            vmc_raise_rt(ts, rc, "shutdown");
            return -1;
        }
    }
    p->joined = 1;
    return 0;
}
