/* A bump allocator for the syntax tree, with a name interner.
 *
 * Every node, decoded string and interned name of a Module lives in one
 * Arena; arena_destroy frees it all at once, so the parser never frees
 * anything piecemeal and an error midway leaks nothing.
 */
#ifndef PARLAB_ARENA_H
#define PARLAB_ARENA_H

#include <stddef.h>

typedef struct Arena Arena;

Arena *arena_create(void);
void arena_destroy(Arena *a);

/* Zeroed memory, aligned for any type.  Never returns NULL (stops on OOM). */
void *arena_alloc(Arena *a, size_t size);

/* A NUL-terminated copy of s[0..len). */
char *arena_strndup(Arena *a, const char *s, size_t len);

/* The unique copy of the name s[0..len): equal names give the same pointer. */
const char *arena_intern(Arena *a, const char *s, size_t len);

/* Bytes handed out so far (for tests and budgets). */
size_t arena_used(const Arena *a);

#endif
