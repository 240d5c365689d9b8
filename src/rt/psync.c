/* Process-shared, robust mutexes and CLOCK_MONOTONIC condition variables.
 * Failures other than a dead owner or a timeout are programming errors (an
 * unlock by a non-owner, a corrupt mutex): they stop loudly. */
#include "rt/psync.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void psync_fatal(const char *what, int err)
{
    fprintf(stderr, "parlab: internal error: %s: %s\n", what, strerror(err));
    abort();
}

int psmutex_init(PsMutex *m)
{
    pthread_mutexattr_t a;
    int rc;
    pthread_mutexattr_init(&a);
    pthread_mutexattr_setpshared(&a, PTHREAD_PROCESS_SHARED);
    pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
    rc = pthread_mutex_init(&m->m, &a);
    pthread_mutexattr_destroy(&a);
    return rc;
}

void psmutex_free(PsMutex *m)
{
    pthread_mutex_destroy(&m->m);
}

/* A lock call came back: turn a dead owner into a recovered lock. */
static int psmutex_result(PsMutex *m, int rc, const char *what)
{
    if (rc == 0 || rc == ETIMEDOUT || rc == EBUSY)
        return rc;
    if (rc == EOWNERDEAD) {
        pthread_mutex_consistent(&m->m);
        return PS_RECOVERED;
    }
    psync_fatal(what, rc);
    return rc;
}

int psmutex_lock(PsMutex *m)
{
    return psmutex_result(m, pthread_mutex_lock(&m->m), "mutex lock");
}

int psmutex_trylock(PsMutex *m)
{
    return psmutex_result(m, pthread_mutex_trylock(&m->m), "mutex trylock");
}

void psmutex_unlock(PsMutex *m)
{
    int rc = pthread_mutex_unlock(&m->m);
    if (rc)
        psync_fatal("mutex unlock", rc);
}

int pscond_init(PsCond *c)
{
    pthread_condattr_t a;
    int rc;
    pthread_condattr_init(&a);
    pthread_condattr_setpshared(&a, PTHREAD_PROCESS_SHARED);
    pthread_condattr_setclock(&a, CLOCK_MONOTONIC);
    rc = pthread_cond_init(&c->c, &a);
    pthread_condattr_destroy(&a);
    return rc;
}

void pscond_free(PsCond *c)
{
    pthread_cond_destroy(&c->c);
}

void pscond_wait(PsCond *c, PsMutex *m)
{
    int rc = pthread_cond_wait(&c->c, &m->m);
    if (rc)
        psmutex_result(m, rc, "cond wait");
}

int pscond_timedwait(PsCond *c, PsMutex *m, const struct timespec *deadline)
{
    int rc;
    if (!deadline) {
        pscond_wait(c, m);
        return 0;
    }
    rc = pthread_cond_timedwait(&c->c, &m->m, deadline);
    if (rc == 0 || rc == ETIMEDOUT)
        return rc;
    psmutex_result(m, rc, "cond timedwait");
    return 0;
}

void pscond_signal(PsCond *c)
{
    pthread_cond_signal(&c->c);
}

void pscond_broadcast(PsCond *c)
{
    pthread_cond_broadcast(&c->c);
}
