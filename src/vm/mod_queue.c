/* queue.Queue, LifoQueue, PriorityQueue and multiprocessing.Queue /
 * JoinableQueue share their Python face; two stores lie behind it.
 *
 * multiprocessing's queues cross a process boundary, so they live in the
 * shared arena (rt/queue) and their items are serialised (vm_serial.c):
 * None, bool, int, float, str, and lists and tuples of them.
 *
 * The queue module's queues stay in one process and pass references, as
 * CPython's do: they hold Values in a process-local LQueue (vm_lqueue.c).
 *
 * The recorder sees every put and get with the item's repr, either way. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rt/queue.h"
#include "vm/vm_conc.h"
#include "vm/vm_lqueue.h"

typedef struct QNat {
    RtQueue *q;               /* multiprocessing */
    LQueue *lq;               /* the queue module */
    int pid, forks;
} QNat;

static void q_free(Interp *in, Obj *o)
{
    InstObj *i = (InstObj *)o;
    QNat *n = i->native;
    VmConc *c = vmc_of(in);
    if (n && n->lq)
        lq_destroy(in, n->lq, o->rc == 1 << 30);   /* obj_free's mark, see pool_future.c */
    else if (n && c && vmc_may_free(in, n->pid, n->forks))
        rtq_destroy(c->rt, n->q);
    free(n);
    i->native = NULL;
}

static QNat *q_nat(VmThread *ts, Value self)
{
    QNat *n = v_is(self, K_INST) ? ((InstObj *)self.u.o)->native : NULL;
    if (!n)
        vm_raise(ts, EXC_TypeError, "queue not initialised");
    return n;
}

static Value q_init_kind(VmThread *ts, Value *args, int nargs, const VmKw *kw, RtQueueKind kind, unsigned tokind)
{
    Value self = args[0];
    VmConc *c = vmc_of(ts->in);
    Value ms = vmc_arg(ts, args, nargs, kw, 0, "maxsize", vint(0));
    if (ms.tag != V_INT && ms.tag != V_BOOL)
        return vm_raise(ts, EXC_TypeError, "maxsize must be an integer");
    InstObj *i = (InstObj *)self.u.o;
    const char *mod = i->cls->module;
    int shared = mod && strcmp(mod, "multiprocessing") == 0;
    QNat *n = calloc(1, sizeof *n);
    if (!n)
        abort();
    if (shared) {
        n->q = rtq_create(c->rt, kind, ms.u.i);
        if (!n->q) {
            free(n);
            return vmc_raise_rt(ts, RT_ENOMEM, "queue");
        }
    } else {
        n->lq = lq_create(kind, ms.u.i);
    }
    n->pid = (int)getpid();
    n->forks = c->forks;
    if (i->native)
        q_free(ts->in, (Obj *)i);
    i->native = n;
    vme_obj_created(ts, tokind, n->lq ? (const void *)n->lq : (const void *)n->q,
                    ms.u.i > 0 ? (uint64_t)ms.u.i : 0, shared ? TF_SHARED : 0);
    return VNONE;
}

static Value q_init(VmThread *ts, Value *a, int n, const VmKw *kw) { return q_init_kind(ts, a, n, kw, RTQ_FIFO, TO_QUEUE); }
static Value lifo_init(VmThread *ts, Value *a, int n, const VmKw *kw) { return q_init_kind(ts, a, n, kw, RTQ_LIFO, TO_LIFO); }
static Value prio_init(VmThread *ts, Value *a, int n, const VmKw *kw) { return q_init_kind(ts, a, n, kw, RTQ_PRIO, TO_PRIO); }

static Value q_exc(VmThread *ts, const char *name)
{
    Value mod = module_import(ts, "queue");
    if (mod.tag == V_EXC)
        return VEXC;
    Value cls = vm_getattr(ts, mod, vmc_name(ts, name));
    v_decref(ts->in, mod);
    if (cls.tag == V_EXC)
        return VEXC;
    vm_raise_value(ts, cls);
    return VEXC;
}

static int q_block_args(VmThread *ts, Value *args, int nargs, const VmKw *kw, int first, int *block,
                        double *timeout)
{
    *block = v_truthy(vmc_arg(ts, args, nargs, kw, first, "block", vbool(true)));
    double t = vmc_timeout(ts, vmc_arg(ts, args, nargs, kw, first + 1, "timeout", VNONE), "queue");
    if (t == -2)
        return -1;
    if (t == -3) {
        vm_raise(ts, EXC_ValueError, "'timeout' must be a non-negative number");
        return -1;
    }
    *timeout = t;
    return 0;
}

static Value q_put_common(VmThread *ts, Value self, Value item, int block, double timeout)
{
    QNat *n = q_nat(ts, self);
    if (!n)
        return VEXC;
    if (n->lq) {
        vmc_gate(ts, TK_QUEUE_PUT, 1);
        int lrc = lq_put(ts, n->lq, item, block, timeout);
        if (lrc == RT_ETIMEDOUT)
            return q_exc(ts, "Full");
        if (lrc == LQ_EPY)
            return VEXC;
        return lrc < 0 ? vmc_raise_rt(ts, lrc, "queue.put") : VNONE;
    }
    RtBuf buf = { 0 };
    if (vser_encode(ts, item, &buf) < 0) {
        rtbuf_free(&buf);
        return VEXC;
    }
    vmc_gate(ts, TK_QUEUE_PUT, 1);
    int rc = rtq_put(vmc_cx(ts), n->q, buf.data, buf.len, block, timeout);
    rtbuf_free(&buf);
    if (rc == RT_EFULL)
        return q_exc(ts, "Full");
    if (rc == RT_ETYPE)
        return vm_raise(ts, EXC_TypeError, "'<' not supported between the items of this PriorityQueue");
    if (rc < 0)
        return vmc_raise_rt(ts, rc, "queue.put");
    return VNONE;
}

static Value q_get_common(VmThread *ts, Value self, int block, double timeout)
{
    QNat *n = q_nat(ts, self);
    if (!n)
        return VEXC;
    if (n->lq) {
        int lrc;
        vmc_gate(ts, TK_QUEUE_GET, 1);
        Value item = lq_get(ts, n->lq, block, timeout, &lrc);
        if (lrc == RT_ETIMEDOUT)
            return q_exc(ts, "Empty");
        if (lrc == LQ_EPY)
            return VEXC;
        return lrc < 0 ? vmc_raise_rt(ts, lrc, "queue.get") : item;
    }
    RtBuf buf = { 0 };
    vmc_gate(ts, TK_QUEUE_GET, 1);
    int rc = rtq_get(vmc_cx(ts), n->q, &buf, block, timeout);
    if (rc == RT_EEMPTY) {
        rtbuf_free(&buf);
        return q_exc(ts, "Empty");
    }
    if (rc < 0) {
        rtbuf_free(&buf);
        return vmc_raise_rt(ts, rc, "queue.get");
    }
    Value v = vser_decode(ts, buf.data, buf.len);
    rtbuf_free(&buf);
    return v;
}

static Value q_put(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    Value item = vmc_arg(ts, args, nargs, kw, 0, "item", VUNDEF);
    if (item.tag == V_UNDEF)
        item = vmc_arg(ts, args, nargs, kw, -1, "obj", VUNDEF);
    if (item.tag == V_UNDEF)
        return vm_raise(ts, EXC_TypeError, "put() missing 1 required positional argument: 'item'");
    int block;
    double t;
    if (q_block_args(ts, args, nargs, kw, 1, &block, &t) < 0)
        return VEXC;
    return q_put_common(ts, args[0], item, block, t);
}

static Value q_put_nowait(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    if (vm_args_check(ts, "put_nowait", nargs - 1, 1, 1, kw) < 0)
        return VEXC;
    return q_put_common(ts, args[0], args[1], 0, -1);
}

static Value q_get(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    int block;
    double t;
    if (q_block_args(ts, args, nargs, kw, 0, &block, &t) < 0)
        return VEXC;
    return q_get_common(ts, args[0], block, t);
}

static Value q_get_nowait(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    return q_get_common(ts, args[0], 0, -1);
}

static Value q_qsize(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    QNat *n = q_nat(ts, args[0]);
    if (n && n->lq)
        return vint(lq_count(n->lq));
    return n ? vint(rtq_qsize(n->q)) : VEXC;
}

static Value q_empty(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    QNat *n = q_nat(ts, args[0]);
    if (n && n->lq)
        return vbool(lq_count(n->lq) == 0);
    return n ? vbool(rtq_empty(n->q)) : VEXC;
}

static Value q_full(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    QNat *n = q_nat(ts, args[0]);
    if (n && n->lq)
        return vbool(lq_full(n->lq));
    return n ? vbool(rtq_full(n->q)) : VEXC;
}

static Value q_task_done(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    QNat *n = q_nat(ts, args[0]);
    if (!n)
        return VEXC;
    if ((n->lq ? lq_task_done(ts, n->lq) : rtq_task_done(vmc_cx(ts), n->q)) == RT_EVALUE)
        return vm_raise(ts, EXC_ValueError, "task_done() called too many times");
    return VNONE;
}

static Value q_join(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    QNat *n = q_nat(ts, args[0]);
    if (!n)
        return VEXC;
    int rc = n->lq ? lq_join(ts, n->lq) : rtq_join(vmc_cx(ts), n->q);
    return rc < 0 ? vmc_raise_rt(ts, rc, "queue.join") : VNONE;
}

static Value q_noop(VmThread *ts, Value *args, int nargs, const VmKw *kw)
{
    return VNONE;
}

#define Q_METHODS \
    { "put", q_put }, { "get", q_get }, { "put_nowait", q_put_nowait }, \
    { "get_nowait", q_get_nowait }, { "qsize", q_qsize }, { "empty", q_empty }, \
    { "full", q_full }, { "task_done", q_task_done }, { "join", q_join }

static const VmModFunc queue_methods[] = { { "__init__", q_init }, Q_METHODS, { NULL, NULL } };
static const VmModFunc lifo_methods[] = { { "__init__", lifo_init }, Q_METHODS, { NULL, NULL } };
static const VmModFunc prio_methods[] = { { "__init__", prio_init }, Q_METHODS, { NULL, NULL } };
static const VmModFunc mpq_methods[] = {
    { "__init__", q_init }, Q_METHODS, { "close", q_noop }, { "join_thread", q_noop },
    { "cancel_join_thread", q_noop }, { NULL, NULL },
};

static int add_class(VmThread *ts, ModuleObj *m, const char *name, const char *modname,
                     const VmModFunc *methods)
{
    ClassObj *c = class_new(ts, name, ts->in->object_class, modname);
    if (!c)
        return -1;
    c->native_free = q_free;
    for (const VmModFunc *f = methods; f->name; f++)
        if (class_add_method(ts, c, f->name, f->fn) < 0)
            return -1;
    return module_add(ts, m, name, vobj(c));
}

static int add_exc(VmThread *ts, ModuleObj *m, const char *name)
{
    ClassObj *c = class_new(ts, name, ts->in->exc[EXC_Exception], "_queue");
    if (!c)
        return -1;
    return module_add(ts, m, name, vobj(c));
}

static int queue_init(VmThread *ts, ModuleObj *m)
{
    if (add_exc(ts, m, "Empty") < 0 || add_exc(ts, m, "Full") < 0)
        return -1;
    if (add_class(ts, m, "Queue", "queue", queue_methods) < 0 ||
        add_class(ts, m, "LifoQueue", "queue", lifo_methods) < 0 ||
        add_class(ts, m, "PriorityQueue", "queue", prio_methods) < 0 ||
        add_class(ts, m, "SimpleQueue", "queue", queue_methods) < 0)
        return -1;
    return 0;
}

int vmq_add_mp_classes(VmThread *ts, ModuleObj *m)
{
    if (add_class(ts, m, "Queue", "multiprocessing", mpq_methods) < 0 ||
        add_class(ts, m, "JoinableQueue", "multiprocessing", mpq_methods) < 0 ||
        add_class(ts, m, "SimpleQueue", "multiprocessing", mpq_methods) < 0)
        return -1;
    return 0;
}

const VmModuleDef mod_queue_def = { "queue", NULL, queue_init };
