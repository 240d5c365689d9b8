/* The locks pane: every lock-like object (each GIL, Lock, RLock,
 * Semaphore, Condition, Event) on one line: its name, who owns it, who
 * waits for it in arrival order.  "ledger  owner: alice  waiting: bob".
 * A deadlock (a cycle in the wait-for graph) comes first, as a line:
 * "deadlock: alice waits for bob, who waits for alice". */
#include <stdio.h>

#include "ui/view.h"

static int locks_is_lock(unsigned kind)
{
    return kind == TO_GIL || kind == TO_LOCK || kind == TO_RLOCK || kind == TO_SEMAPHORE ||
           kind == TO_CONDITION || kind == TO_EVENT;
}

static void locks_line(UiCtx *ctx, Canvas *c, UiRect in, int y, const ModelObject *o)
{
    char buf[96];
    const char *name = view_object_name(ctx, o, buf, sizeof buf);
    int x = cv_text(c, in, 0, y, view_is_hl_object(ctx, o->id) ? C_HIGHLIGHT : C_NORMAL, name);
    view_hit(ctx, in, 0, y, x, HIT_OBJECT, o->id);
    UiRole wait_role = o->kind == TO_GIL ? C_GIL_WAIT : C_LOCK_WAIT;
    switch (o->kind) {
    case TO_SEMAPHORE:
        x = cv_printf(c, in, x, y, C_NORMAL, "  value: %u", o->depth);
        if (o->holders.n) {
            x = cv_text(c, in, x, y, C_NORMAL, "  holders: ");
            x = view_worker_list(ctx, c, in, x, y, &o->holders, C_LOCK_OWNER);
        }
        break;
    case TO_EVENT:
        x = cv_text(c, in, x, y, o->is_set ? C_LOCK_OWNER : C_DIM, o->is_set ? "  set" : "  not set");
        wait_role = C_JOIN_WAIT;
        break;
    case TO_CONDITION:
        wait_role = C_JOIN_WAIT;
        break;
    default:
        if (o->holders.n) {
            x = cv_text(c, in, x, y, C_NORMAL, "  owner: ");
            x = view_worker_list(ctx, c, in, x, y, &o->holders, C_LOCK_OWNER);
            if (o->kind == TO_RLOCK && o->depth > 1)
                x = cv_printf(c, in, x, y, C_DIM, " (depth %u)", o->depth);
        } else {
            x = cv_text(c, in, x, y, C_DIM, "  free");
        }
        break;
    }
    if (o->waiters.n) {
        x = cv_text(c, in, x, y, C_NORMAL, "  waiting: ");
        view_worker_list(ctx, c, in, x, y, &o->waiters, wait_role);
    }
}

#define LOCKS_MAX_CYCLE 16

/* The deadlock line, if there is a cycle; returns rows used (0 or 1). */
static int locks_deadlock(UiCtx *ctx, Canvas *c, UiRect in)
{
    uint32_t cycle[LOCKS_MAX_CYCLE];
    size_t n = model_deadlock(ctx->st, cycle, LOCKS_MAX_CYCLE);
    if (!n)
        return 0;
    if (n > LOCKS_MAX_CYCLE)
        n = LOCKS_MAX_CYCLE;    /* a longer cycle is shown cut */
    int x = cv_text(c, in, 0, 0, C_ERROR, ctx->vi ? "bế tắc:" : "deadlock:");
    for (size_t i = 0; i <= n; i++) {
        uint32_t w = cycle[i % n];
        if (i)
            x = cv_text(c, in, x, 0, C_LOCK_WAIT, i == 1 ? " waits for" : ", who waits for");
        x = cv_text(c, in, x, 0, C_NORMAL, " ");
        int x2 = cv_text(c, in, x, 0, view_is_hl_worker(ctx, w) ? C_HIGHLIGHT : C_ERROR,
                         view_worker_name(ctx, w));
        view_hit(ctx, in, x, 0, x2 - x, HIT_WORKER, w);
        x = x2;
    }
    return 1;
}

void view_locks_draw(UiCtx *ctx, Canvas *c, UiRect r)
{
    const ModelState *st = ctx->st;
    int n = 0;
    for (uint32_t i = 0; i < st->nobjects; i++)
        n += locks_is_lock(st->objects[i].kind);
    char extra[32];
    snprintf(extra, sizeof extra, "%d", n);
    UiRect in = view_frame(ctx, c, r, P_LOCKS, n ? extra : NULL);
    int dl = locks_deadlock(ctx, c, in);
    in.y += dl;
    in.h -= dl;
    int max_scroll = n > in.h ? n - in.h : 0;
    int *sc = &ctx->scroll[P_LOCKS];
    *sc = *sc < 0 ? 0 : *sc > max_scroll ? max_scroll : *sc;
    int row = 0;
    for (uint32_t i = 0; i < st->nobjects; i++) {
        const ModelObject *o = &st->objects[i];
        if (!locks_is_lock(o->kind))
            continue;
        int y = row++ - *sc;
        if (y >= 0 && y < in.h)
            locks_line(ctx, c, in, y, o);
    }
    if (!n)
        cv_text(c, in, 0, 0, C_DIM, ctx->vi ? "(chưa có khoá)" : "(no locks yet)");
}
