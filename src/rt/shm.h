/* The shared arena: one MAP_SHARED|MAP_ANONYMOUS mapping made before any fork,
 * so it sits at the same address in every process of a run.  Inside it, a
 * first-fit allocator with an address-ordered free list (offsets, so a
 * corrupt link is caught by a bounds check) guarded by a robust
 * process-shared mutex.  The arena never grows: its size is the cap, and an
 * allocation past it fails with a clear message. */
#ifndef PARLAB_RT_SHM_H
#define PARLAB_RT_SHM_H

#include <stddef.h>
#include <stdint.h>

typedef struct ShmArena ShmArena;

ShmArena *shm_create(size_t bytes, char *err, size_t errlen);
void shm_destroy(ShmArena *a);

/* Zeroed memory aligned to 16 bytes, or NULL when the cap is reached. */
void *shm_alloc(ShmArena *a, size_t n);
void shm_free(ShmArena *a, void *p);

/* Offsets let shared structures link to each other; 0 is "none". */
uint64_t shm_off(const ShmArena *a, const void *p);
void *shm_ptr(const ShmArena *a, uint64_t off);
int shm_contains(const ShmArena *a, const void *p, size_t n);

size_t shm_capacity(const ShmArena *a);
size_t shm_used(ShmArena *a);
/* The message for a failed allocation, with the cap in it. */
const char *shm_cap_message(const ShmArena *a);

#endif
