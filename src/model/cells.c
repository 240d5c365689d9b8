/* Cells shared between model states (ModelCells in model.h).
 *
 * An object's cells are a tree of three levels: a table of pages, a page
 * of chunk pointers, a chunk of cells; each node counts its holders.
 * Copying a state (a snapshot, or restoring the scratch state from one)
 * only takes a reference to each object's table, so it costs nothing per
 * cell.  A node held once belongs to the one state above it and is
 * written in place; a node held more than once is copied by the state
 * about to write (its children gain a holder), which then drops its
 * reference.  So between two snapshots the head copies each table, page
 * and chunk it writes once, and the states it shares with never see the
 * write.
 *
 * Counts are plain integers: a Model is only used from one thread. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/model_int.h"

static void *cells_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fprintf(stderr, "parlab: out of memory (model cells)\n");
        abort();
    }
    return q;
}

static size_t cells_table_bytes(uint32_t cap)
{
    return sizeof(ModelCells) + (size_t)cap * sizeof(ModelPage *);
}

void mcells_retain(ModelCells *t)
{
    if (t)
        t->refs++;
}

static void cells_chunk_release(ModelChunk *c)
{
    if (c && --c->refs == 0)
        free(c);
}

static void cells_page_release(ModelPage *p)
{
    if (!p || --p->refs > 0)
        return;
    for (uint32_t i = 0; i < MODEL_PAGE; i++)
        cells_chunk_release(p->chunk[i]);
    free(p);
}

void mcells_release(ModelCells *t)
{
    if (!t || --t->refs > 0)
        return;
    for (uint32_t i = 0; i < t->cap; i++)
        cells_page_release(t->page[i]);
    free(t);
}

/* o's table, held by o alone, with at least `need` page slots.  A shared
 * table is copied: the copy holds the same pages (one more holder each),
 * which stay shared until written. */
static ModelCells *cells_own_table(ModelObject *o, uint32_t need)
{
    ModelCells *t = o->cells;
    if (t && t->refs == 1 && t->cap >= need)
        return t;
    uint32_t old = t ? t->cap : 0, cap = old ? old : 1;
    while (cap < need)
        cap *= 2;
    if (t && t->refs == 1) {
        t = cells_xrealloc(t, cells_table_bytes(cap));
    } else {
        ModelCells *n = cells_xrealloc(NULL, cells_table_bytes(cap));
        n->refs = 1;
        for (uint32_t i = 0; i < old; i++) {
            n->page[i] = t->page[i];
            if (n->page[i])
                n->page[i]->refs++;
        }
        if (t)
            t->refs--;      /* was > 1: someone else still holds it */
        t = n;
    }
    memset(t->page + old, 0, (size_t)(cap - old) * sizeof *t->page);
    t->cap = cap;
    o->cells = t;
    return t;
}

/* Page pi of an owned table, held by that table alone. */
static ModelPage *cells_own_page(ModelCells *t, uint32_t pi)
{
    ModelPage *p = t->page[pi];
    if (p && p->refs == 1)
        return p;
    ModelPage *n = cells_xrealloc(NULL, sizeof *n);
    if (p) {
        memcpy(n, p, sizeof *n);
        for (uint32_t i = 0; i < MODEL_PAGE; i++)
            if (n->chunk[i])
                n->chunk[i]->refs++;
        p->refs--;          /* was > 1 */
    } else {
        memset(n, 0, sizeof *n);
    }
    n->refs = 1;
    t->page[pi] = n;
    return n;
}

/* Chunk ci of an owned page, held by that page alone. */
static ModelChunk *cells_own_chunk(ModelPage *p, uint32_t ci)
{
    ModelChunk *c = p->chunk[ci];
    if (c && c->refs == 1)
        return c;
    ModelChunk *n = cells_xrealloc(NULL, sizeof *n);
    if (c) {
        memcpy(n, c, sizeof *n);
        c->refs--;          /* was > 1 */
    } else {
        memset(n, 0, sizeof *n);
    }
    n->refs = 1;
    p->chunk[ci] = n;
    return n;
}

/* The chunk holding cell i, held by o alone down the whole path; the
 * table must have a slot for i's page. */
static ModelChunk *cells_writable(ModelObject *o, uint32_t i)
{
    ModelCells *t = o->cells;
    if (t->refs != 1)
        t = cells_own_table(o, t->cap);
    ModelPage *p = cells_own_page(t, i >> (MODEL_CHUNK_BITS + MODEL_PAGE_BITS));
    return cells_own_chunk(p, (i >> MODEL_CHUNK_BITS) & (MODEL_PAGE - 1));
}

void mcells_grow(ModelObject *o, uint32_t n, uint64_t fill)
{
    if (n <= o->ncells)
        return;
    uint32_t page_cells = MODEL_CHUNK * MODEL_PAGE;
    cells_own_table(o, (uint32_t)(((uint64_t)n + page_cells - 1) / page_cells));
    uint32_t i = o->ncells;
    while (i < n) {
        ModelChunk *c = cells_writable(o, i);
        uint32_t j = i & (MODEL_CHUNK - 1), end = MODEL_CHUNK;
        if (end - j > n - i)
            end = j + (n - i);
        for (; j < end; j++, i++) {
            c->cell[j] = fill;
            c->ev[j] = MODEL_NONE;
        }
    }
    o->ncells = n;
}

void mcells_set(ModelObject *o, uint32_t i, uint64_t cell, uint32_t ev)
{
    ModelChunk *c = cells_writable(o, i);
    c->cell[i & (MODEL_CHUNK - 1)] = cell;
    c->ev[i & (MODEL_CHUNK - 1)] = ev;
}

/* Bytes of page p but those its counterpart `prev` (NULL: none) shares. */
static size_t cells_page_added(const ModelPage *p, const ModelPage *prev, int only_own)
{
    if (!p || p == prev || (only_own && p->refs > 1))
        return 0;
    size_t b = sizeof *p;
    for (uint32_t i = 0; i < MODEL_PAGE; i++) {
        const ModelChunk *c = p->chunk[i];
        if (c && !(prev && prev->chunk[i] == c) && !(only_own && c->refs > 1))
            b += sizeof *c;
    }
    return b;
}

size_t mcells_memory(const ModelCells *t, int only_own)
{
    if (!t || (only_own && t->refs > 1))
        return 0;
    size_t b = cells_table_bytes(t->cap);
    for (uint32_t i = 0; i < t->cap; i++)
        b += cells_page_added(t->page[i], NULL, only_own);
    return b;
}

size_t mcells_added(const ModelCells *t, const ModelCells *prev)
{
    if (!t || t == prev)
        return 0;
    size_t b = cells_table_bytes(t->cap);
    for (uint32_t i = 0; i < t->cap; i++)
        b += cells_page_added(t->page[i], prev && i < prev->cap ? prev->page[i] : NULL, 0);
    return b;
}
