/* The shared arena and its allocator.
 *
 * Layout: the ShmArena header at offset 0, then blocks to the end.  Every
 * block starts with a 16-byte header {size, link}: size counts the header and
 * is a multiple of 16; link is the offset of the next free block for a free
 * block, or SHM_USED for a block in use.  The free list is kept in address
 * order so that a freed block merges with free neighbours in one pass. */
#include "rt/shm.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "rt/psync.h"
#include "rt/tsan.h"

#define SHM_MAGIC 0x7061726c61624152ull   /* "parlabAR" */
#define SHM_USED 0x55534544ull             /* "USED" */
#define SHM_ALIGN 16u
#define SHM_MIN_BLOCK 32u

typedef struct ShmBlock {
    uint64_t size;
    uint64_t link;
} ShmBlock;

struct ShmArena {
    uint64_t magic;
    uint64_t size;
    PsMutex mu;
    uint64_t free_head;   /* offset of the first free block, 0 = none */
    uint64_t used;        /* bytes in used blocks, headers included */
    char capmsg[128];
};

static uint64_t shm_round(uint64_t n)
{
    return (n + SHM_ALIGN - 1) & ~(uint64_t)(SHM_ALIGN - 1);
}

static ShmBlock *shm_block(const ShmArena *a, uint64_t off)
{
    if (off < sizeof(ShmArena) || off + sizeof(ShmBlock) > a->size || off % SHM_ALIGN) {
        fprintf(stderr, "parlab: internal error: shared arena corrupt (offset %llu)\n",
                (unsigned long long)off);
        abort();
    }
    return (ShmBlock *)((char *)a + off);
}

ShmArena *shm_create(size_t bytes, char *err, size_t errlen)
{
    ShmArena *a;
    uint64_t first;
    ShmBlock *b;
    bytes = (size_t)shm_round(bytes);
    if (bytes < 4096) {
        snprintf(err, errlen, "shared arena too small (%zu bytes)", bytes);
        return NULL;
    }
    a = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (a == MAP_FAILED) {
        snprintf(err, errlen, "cannot map %zu MB of shared memory: %s",
                 bytes >> 20, strerror(errno));
        return NULL;
    }
    a->magic = SHM_MAGIC;
    a->size = bytes;
    psmutex_init(&a->mu);
    first = shm_round(sizeof(ShmArena));
    b = shm_block(a, first);
    b->size = bytes - first;
    b->link = 0;
    a->free_head = first;
    a->used = 0;
    snprintf(a->capmsg, sizeof a->capmsg,
             "shared memory cap reached (%zu MB for queues, arrays and locks)", bytes >> 20);
    return a;
}

void shm_destroy(ShmArena *a)
{
    if (!a)
        return;
    psmutex_free(&a->mu);
    munmap(a, a->size);
}

void *shm_alloc(ShmArena *a, size_t n)
{
    uint64_t need, off, prev = 0;
    ShmBlock *b = NULL;
    if (n > a->size)
        return NULL;
    need = shm_round(n + sizeof(ShmBlock));
    if (need < SHM_MIN_BLOCK)
        need = SHM_MIN_BLOCK;
    psmutex_lock(&a->mu);
    for (off = a->free_head; off; prev = off, off = b->link) {
        b = shm_block(a, off);
        if (b->size >= need)
            break;
    }
    if (!off) {
        psmutex_unlock(&a->mu);
        return NULL;
    }
    if (b->size - need >= SHM_MIN_BLOCK) {
        /* Split: the front is used, the rest stays in the list in its place. */
        ShmBlock *rest = shm_block(a, off + need);
        rest->size = b->size - need;
        rest->link = b->link;
        b->size = need;
        b->link = off + need;
    }
    if (prev)
        shm_block(a, prev)->link = b->link;
    else
        a->free_head = b->link;
    b->link = SHM_USED;
    a->used += b->size;
    psmutex_unlock(&a->mu);
    /* The block may have been freed by another process (see rt/tsan.h). */
    rt_tsan_acquire(b + 1);
    memset(b + 1, 0, b->size - sizeof(ShmBlock));
    return b + 1;
}

void shm_free(ShmArena *a, void *p)
{
    uint64_t off, cur, prev = 0;
    ShmBlock *b, *pb;
    if (!p)
        return;
    rt_tsan_release(p);
    off = (uint64_t)((char *)p - (char *)a) - sizeof(ShmBlock);
    b = shm_block(a, off);
    /* Headers are only touched under the mutex: blocks move between
     * processes, so no other ordering covers them. */
    psmutex_lock(&a->mu);
    if (b->link != SHM_USED) {
        fprintf(stderr, "parlab: internal error: shared block freed twice\n");
        abort();
    }
    a->used -= b->size;
    for (cur = a->free_head; cur && cur < off; cur = shm_block(a, cur)->link)
        prev = cur;
    b->link = cur;
    if (cur && off + b->size == cur) {
        ShmBlock *next = shm_block(a, cur);
        b->size += next->size;
        b->link = next->link;
    }
    if (prev) {
        pb = shm_block(a, prev);
        if (prev + pb->size == off) {
            pb->size += b->size;
            pb->link = b->link;
        } else {
            pb->link = off;
        }
    } else {
        a->free_head = off;
    }
    psmutex_unlock(&a->mu);
    /* The headers written here may lie inside an item that reaches another
     * thread of this process through other processes: rtq_get acquires the
     * arena too (TSan cannot see the chain; see rt/tsan.h). */
    rt_tsan_release(a);
}

uint64_t shm_off(const ShmArena *a, const void *p)
{
    return p ? (uint64_t)((const char *)p - (const char *)a) : 0;
}

void *shm_ptr(const ShmArena *a, uint64_t off)
{
    if (!off)
        return NULL;
    if (off >= a->size) {
        fprintf(stderr, "parlab: internal error: shared offset %llu out of the arena\n",
                (unsigned long long)off);
        abort();
    }
    return (char *)a + off;
}

int shm_contains(const ShmArena *a, const void *p, size_t n)
{
    const char *c = p, *base = (const char *)a;
    return c >= base + sizeof(ShmArena) && n <= a->size && c + n <= base + a->size;
}

size_t shm_capacity(const ShmArena *a)
{
    return a->size - shm_round(sizeof(ShmArena));
}

size_t shm_used(ShmArena *a)
{
    size_t u;
    psmutex_lock(&a->mu);
    u = a->used;
    psmutex_unlock(&a->mu);
    return u;
}

const char *shm_cap_message(const ShmArena *a)
{
    return a->capmsg;
}
