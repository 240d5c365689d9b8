/* Process-local queues of Values for the queue module (see vm_lqueue.c).
 * Every call is made with the caller's GIL held. */
#ifndef PARLAB_VM_LQUEUE_H
#define PARLAB_VM_LQUEUE_H

#include "rt/queue.h"
#include "vm/vm.h"

typedef struct LQueue LQueue;

/* The lq_put / lq_get result for "a Python exception is set". */
#define LQ_EPY (-100)

LQueue *lq_create(RtQueueKind kind, int64_t maxsize);
/* drop: the items lose a reference (not at interpreter teardown). */
void lq_destroy(Interp *in, LQueue *q, int drop);
/* 0; RT_ETIMEDOUT (not blocking, or out of time: Full / Empty); RT_ESHUTDOWN;
 * LQ_EPY (a PriorityQueue's `<` raised).  timeout < 0 waits forever. */
int lq_put(VmThread *ts, LQueue *q, Value item, int block, double timeout);
Value lq_get(VmThread *ts, LQueue *q, int block, double timeout, int *rc);   /* owned, or VUNDEF */
int lq_task_done(VmThread *ts, LQueue *q);   /* RT_EVALUE if called too often */
int lq_join(VmThread *ts, LQueue *q);        /* 0 or RT_ESHUTDOWN */
int64_t lq_count(LQueue *q);
int lq_full(LQueue *q);

#endif
