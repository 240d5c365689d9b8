/* Process-shared mutex and condition variable: usable from threads and from
 * fork()ed processes when placed in the shared arena.  The mutex is robust: if
 * a process dies holding it, the next locker gets it back (the data it guards
 * may be half-updated, which the return value says) instead of hanging. */
#ifndef PARLAB_RT_PSYNC_H
#define PARLAB_RT_PSYNC_H

#include <pthread.h>
#include <time.h>

typedef struct PsMutex { pthread_mutex_t m; } PsMutex;
typedef struct PsCond { pthread_cond_t c; } PsCond;

/* Lock results besides 0 and errno values. */
#define PS_RECOVERED 1   /* locked, but the previous owner died holding it */

int psmutex_init(PsMutex *m);
void psmutex_free(PsMutex *m);
int psmutex_lock(PsMutex *m);        /* 0 or PS_RECOVERED; aborts on misuse */
int psmutex_trylock(PsMutex *m);     /* 0, PS_RECOVERED or EBUSY */
void psmutex_unlock(PsMutex *m);

int pscond_init(PsCond *c);          /* waits measure CLOCK_MONOTONIC */
void pscond_free(PsCond *c);
void pscond_wait(PsCond *c, PsMutex *m);
/* deadline on CLOCK_MONOTONIC; 0 or ETIMEDOUT (the mutex is held again) */
int pscond_timedwait(PsCond *c, PsMutex *m, const struct timespec *deadline);
void pscond_signal(PsCond *c);
void pscond_broadcast(PsCond *c);

#endif
