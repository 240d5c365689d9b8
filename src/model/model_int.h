/* Internals shared by the model's files (fold.c, snapshot.c, query.c). */
#ifndef PARLAB_MODEL_INT_H
#define PARLAB_MODEL_INT_H

#include "model/model.h"

void mvec_push(ModelVec *v, uint32_t x);
void mvec_insert(ModelVec *v, uint32_t at, uint32_t x);
void mvec_remove_at(ModelVec *v, uint32_t at);
int mvec_find(const ModelVec *v, uint32_t x);

ModelWorker *mstate_worker(ModelState *st, uint32_t id);
ModelObject *mstate_find(const ModelState *st, uint32_t id, uint32_t process);

/* Fold event k into st; 1 if the emitting worker's state changed. */
int mstate_apply(ModelState *st, const EventLog *log, size_t k);

/* Bytes a state holds, to space snapshots. */
size_t mstate_memory(const ModelState *st);

/* Shared cell chunks (cells.c).  The fold writes through mcells_write,
 * which copies a table or chunk another state still holds. */
void mcells_retain(ModelCells *t);
void mcells_release(ModelCells *t);
/* Grow o to n cells (no-op if it has them), new cells set to `fill`. */
void mcells_grow(ModelObject *o, uint32_t n, uint64_t fill);
/* Cell i (< o->ncells), writable: set *cell and *ev. */
void mcells_set(ModelObject *o, uint32_t i, uint64_t cell, uint32_t ev);
/* Bytes of a table and its chunks; `only_own`: those no other holder
 * shares. */
size_t mcells_memory(const ModelCells *t, int only_own);
/* Bytes of `t` that `prev` (the same object in an earlier state) does not
 * share. */
size_t mcells_added(const ModelCells *t, const ModelCells *prev);

#endif
