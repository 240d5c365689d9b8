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

#endif
