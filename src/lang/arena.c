/* Chunked bump allocator plus an open-addressing intern table.
 *
 * Chunks grow geometrically so a big script costs O(log n) mallocs; a request
 * larger than a chunk gets a chunk of its own.
 */
#include "lang/arena.h"
#include "lang/ast.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_FIRST_CHUNK 16384
#define ARENA_ALIGN 16

typedef struct Chunk {
    struct Chunk *next;
    size_t size, used;
    _Alignas(ARENA_ALIGN) unsigned char data[];
} Chunk;

struct Arena {
    Chunk *head;
    size_t next_size;
    size_t total;
    const char **names;    /* intern table, power-of-two capacity */
    size_t ncap, nused;
};

static void *arena_xmalloc(size_t n)
{
    void *p = malloc(n);
    if (!p) {
        fputs("parlab: out of memory\n", stderr);
        abort();
    }
    return p;
}

Arena *arena_create(void)
{
    Arena *a = arena_xmalloc(sizeof *a);
    memset(a, 0, sizeof *a);
    a->next_size = ARENA_FIRST_CHUNK;
    return a;
}

void arena_destroy(Arena *a)
{
    if (!a)
        return;
    Chunk *c = a->head;
    while (c) {
        Chunk *next = c->next;
        free(c);
        c = next;
    }
    free(a->names);
    free(a);
}

void *arena_alloc(Arena *a, size_t size)
{
    size = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    Chunk *c = a->head;
    if (!c || c->size - c->used < size) {
        size_t want = a->next_size;
        if (want < size)
            want = size;
        c = arena_xmalloc(sizeof *c + want);
        c->size = want;
        c->used = 0;
        c->next = a->head;
        a->head = c;
        if (a->next_size < (1u << 24))
            a->next_size *= 2;
    }
    void *p = c->data + c->used;
    c->used += size;
    a->total += size;
    memset(p, 0, size);
    return p;
}

char *arena_strndup(Arena *a, const char *s, size_t len)
{
    char *p = arena_alloc(a, len + 1);
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

static uint64_t arena_hash(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ull;      /* FNV-1a */
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h;
}

static void arena_grow_names(Arena *a)
{
    size_t ncap = a->ncap ? a->ncap * 2 : 256;
    const char **names = calloc(ncap, sizeof *names);
    if (!names) {
        fputs("parlab: out of memory\n", stderr);
        abort();
    }
    for (size_t i = 0; i < a->ncap; i++) {
        const char *s = a->names[i];
        if (!s)
            continue;
        size_t j = arena_hash(s, strlen(s)) & (ncap - 1);
        while (names[j])
            j = (j + 1) & (ncap - 1);
        names[j] = s;
    }
    free(a->names);
    a->names = names;
    a->ncap = ncap;
}

const char *arena_intern(Arena *a, const char *s, size_t len)
{
    if ((a->nused + 1) * 2 > a->ncap)
        arena_grow_names(a);
    size_t j = arena_hash(s, len) & (a->ncap - 1);
    while (a->names[j]) {
        const char *t = a->names[j];
        if (strncmp(t, s, len) == 0 && t[len] == '\0')
            return t;
        j = (j + 1) & (a->ncap - 1);
    }
    char *copy = arena_strndup(a, s, len);
    a->names[j] = copy;
    a->nused++;
    return copy;
}

size_t arena_used(const Arena *a)
{
    return a->total;
}

const char *ast_intern(Module *m, const char *s)
{
    return arena_intern(m->arena, s, strlen(s));
}
