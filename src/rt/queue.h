/* Queues of variable-size byte blobs (serialised values, see serial.h) in the
 * shared arena: queue.Queue, LifoQueue, PriorityQueue and
 * multiprocessing.Queue, usable from threads and forked processes.
 * Items are arena blocks linked by offset; the arena's size caps the total. */
#ifndef PARLAB_RT_QUEUE_H
#define PARLAB_RT_QUEUE_H

#include "rt/rt.h"
#include "rt/serial.h"

typedef enum { RTQ_FIFO, RTQ_LIFO, RTQ_PRIO } RtQueueKind;

typedef struct RtQueue {
    PsMutex mu;
    PsCond not_empty, not_full, all_done;
    int kind;                 /* RtQueueKind */
    int64_t maxsize;          /* <= 0: unbounded (but for the arena) */
    int64_t count;
    int64_t unfinished;       /* put minus task_done */
    uint64_t head, tail;      /* offsets of the first and last item; get takes head */
} RtQueue;

RtQueue *rtq_create(Rt *rt, RtQueueKind kind, int64_t maxsize);   /* NULL: arena cap */
void rtq_destroy(Rt *rt, RtQueue *q);

/* put(item, block, timeout): 0; RT_EFULL (not blocking, or timed out: queue.Full);
 * RT_ENOMEM (arena cap); RT_ETYPE (PriorityQueue items not comparable);
 * RT_ESHUTDOWN.  timeout < 0 waits forever. */
int rtq_put(const RtCtx *cx, RtQueue *q, const void *data, size_t len, int block, double timeout);
/* get(block, timeout): 0 with the item in *out (replacing its contents);
 * RT_EEMPTY (queue.Empty); RT_ESHUTDOWN. */
int rtq_get(const RtCtx *cx, RtQueue *q, RtBuf *out, int block, double timeout);
int64_t rtq_qsize(RtQueue *q);
int rtq_empty(RtQueue *q);
int rtq_full(RtQueue *q);
int rtq_task_done(const RtCtx *cx, RtQueue *q);      /* RT_EVALUE if called too often */
int rtq_join(const RtCtx *cx, RtQueue *q);           /* 0 or RT_ESHUTDOWN */

#endif
