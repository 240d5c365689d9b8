/* Shared helpers of the rt unit tests: a fresh runtime per test, contexts,
 * and a way to run a check in a forked child and get its verdict back. */
#ifndef PARLAB_TEST_RT_UTIL_H
#define PARLAB_TEST_RT_UTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "rt/proc.h"
#include "rt/rt.h"
#include "rt/thread.h"

static inline Rt *tu_rt_caps(size_t arena, int max_procs)
{
    RtCaps c;
    char err[256];
    Rt *rt;
    rt_caps_default(&c);
    c.arena_bytes = arena;
    c.max_procs = max_procs;
    c.thread_stack = 256 << 10;
    rt = rt_create(&c, err, sizeof err);
    if (!rt)
        fail_msg("rt_create: %s", err);
    return rt;
}

static inline Rt *tu_rt(void)
{
    return tu_rt_caps((size_t)8 << 20, 16);
}

static inline RtCtx tu_main(Rt *rt)
{
    RtCtx cx = {rt, NULL, rt_thread_register_main(rt, -1, "main")};
    assert_true(cx.worker >= 0);
    return cx;
}

/* Kill and reap anything left, then unmap. */
static inline void tu_done(Rt *rt)
{
    assert_int_equal(rt_proc_kill_all(rt), 0);
    rt_destroy(rt);
}

/* The same, for a test that registered its main thread. */
static inline void tu_end(RtCtx *cx)
{
    rt_thread_unregister_main(cx->rt, cx->worker);
    tu_done(cx->rt);
}

/* Start a child process running fn and wait for it; returns its exit code. */
static inline int tu_run_child(RtCtx *cx, RtProcMain fn, void *arg)
{
    RtProc p;
    int code = -100;
    assert_int_equal(rt_proc_start(cx, "child", fn, arg, &p), 0);
    assert_int_equal(rt_proc_join(cx, &p, 10), 0);
    assert_int_equal(rt_proc_exitcode(cx->rt, &p, &code), 0);
    rt_proc_close(&p);
    return code;
}

static inline double tu_now(void)
{
    return (double)rt_now_ns() / 1e9;
}

#endif
