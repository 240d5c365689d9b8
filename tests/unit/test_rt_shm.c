/* The shared arena's allocator and the value format of serial.c. */
#include "test_rt_util.h"

#include <string.h>

#include "rt/serial.h"

static void shm_alloc_free_coalesce(void **state)
{
    char err[128];
    ShmArena *a = shm_create(1 << 20, err, sizeof err);
    void *p[64];
    size_t used0;
    assert_non_null(a);
    used0 = shm_used(a);
    for (int i = 0; i < 64; i++) {
        p[i] = shm_alloc(a, (size_t)(i * 37 + 1));
        assert_non_null(p[i]);
        assert_int_equal((uintptr_t)p[i] % 16, 0);
        assert_true(shm_contains(a, p[i], (size_t)(i * 37 + 1)));
        assert_ptr_equal(shm_ptr(a, shm_off(a, p[i])), p[i]);
        memset(p[i], 0xab, (size_t)(i * 37 + 1));
    }
    /* Free in an interleaved order: neighbours must merge back into one block. */
    for (int i = 0; i < 64; i += 2)
        shm_free(a, p[i]);
    for (int i = 1; i < 64; i += 2)
        shm_free(a, p[i]);
    assert_int_equal(shm_used(a), used0);
    /* Nearly the whole arena is one block again. */
    void *big = shm_alloc(a, shm_capacity(a) - 64);
    assert_non_null(big);
    shm_free(a, big);
    shm_destroy(a);
}

static void shm_cap_is_clear(void **state)
{
    char err[128];
    ShmArena *a = shm_create(64 << 10, err, sizeof err);
    int n = 0;
    assert_non_null(a);
    while (shm_alloc(a, 1000))
        n++;
    assert_true(n > 50 && n < 66);
    assert_null(shm_alloc(a, 100000));
    assert_non_null(strstr(shm_cap_message(a), "shared memory cap"));
    shm_destroy(a);
}

typedef struct {
    ShmArena *a;
    uint64_t off;
} ShmChildArg;

static int shm_child(Rt *rt, int worker, void *arg)
{
    ShmChildArg *c = arg;
    char *p = shm_alloc(c->a, 32);
    if (!p)
        return 2;
    strcpy(p, "from the child");
    /* c lives in the arena, so the parent sees the offset. */
    c->off = shm_off(c->a, p);
    return 0;
}

static void shm_shared_across_fork(void **state)
{
    Rt *rt = tu_rt();
    RtCtx cx = tu_main(rt);
    ShmChildArg *c = shm_alloc(rt->arena, sizeof *c);
    c->a = rt->arena;
    assert_int_equal(tu_run_child(&cx, shm_child, c), 0);
    assert_string_equal(shm_ptr(rt->arena, c->off), "from the child");
    shm_free(rt->arena, shm_ptr(rt->arena, c->off));
    tu_end(&cx);
}

static SerVal *ser_sample(void)
{
    SerVal *v = serval_create(SV_LIST);
    serval_set_seq(v, SV_LIST, 7);
    v->u.items[0].kind = SV_NONE;
    v->u.items[1].kind = SV_BOOL;
    v->u.items[1].u.b = 1;
    v->u.items[2].kind = SV_INT;
    v->u.items[2].u.i = INT64_MIN;
    v->u.items[3].kind = SV_FLOAT;
    v->u.items[3].u.d = -2.5e300;
    serval_set_str(&v->u.items[4], "xin chào", strlen("xin chào"));
    serval_set_seq(&v->u.items[5], SV_TUPLE, 2);
    v->u.items[5].u.items[0].kind = SV_INT;
    v->u.items[5].u.items[0].u.i = 42;
    serval_set_seq(&v->u.items[5].u.items[1], SV_LIST, 0);
    v->u.items[6].kind = SV_INT;
    v->u.items[6].u.i = INT64_MAX;
    return v;
}

static void ser_roundtrip(void **state)
{
    SerVal *v = ser_sample(), *d;
    RtBuf b = {0}, b2 = {0};
    assert_int_equal(ser_encode(v, &b), 0);
    assert_int_equal(ser_decode(b.data, b.len, &d), 0);
    assert_int_equal(d->kind, SV_LIST);
    assert_int_equal(d->n, 7);
    assert_int_equal(d->u.items[2].u.i, INT64_MIN);
    assert_int_equal(d->u.items[6].u.i, INT64_MAX);
    assert_true(d->u.items[3].u.d == -2.5e300);
    assert_string_equal(d->u.items[4].u.s, "xin chào");
    assert_int_equal(d->u.items[5].kind, SV_TUPLE);
    assert_int_equal(d->u.items[5].u.items[0].u.i, 42);
    assert_int_equal(d->u.items[5].u.items[1].kind, SV_LIST);
    /* Re-encoding the decoded tree gives the same bytes. */
    assert_int_equal(ser_encode(d, &b2), 0);
    assert_int_equal(b.len, b2.len);
    assert_memory_equal(b.data, b2.data, b.len);
    serval_destroy(v);
    serval_destroy(d);
    rtbuf_free(&b);
    rtbuf_free(&b2);
}

static void ser_decode_is_strict(void **state)
{
    SerVal *v = ser_sample(), *d;
    RtBuf b = {0};
    static const uint8_t bad[][12] = {
        {'S', 100, 'a'},                  /* length past the end */
        {'L', 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f},
        {'Q'},                            /* unknown tag */
        {'I', 0x80},                      /* truncated varint */
        {'D', 1, 2, 3},                   /* truncated double */
    };
    static const size_t badlen[] = {3, 11, 1, 2, 4};
    assert_int_equal(ser_encode(v, &b), 0);
    /* Every strict prefix fails, and so does a trailing byte. */
    for (size_t n = 0; n < b.len; n++)
        assert_int_equal(ser_decode(b.data, n, &d), RT_EFORMAT);
    rtbuf_put(&b, "N", 1);
    assert_int_equal(ser_decode(b.data, b.len, &d), RT_EFORMAT);
    for (size_t i = 0; i < sizeof badlen / sizeof badlen[0]; i++)
        assert_int_equal(ser_decode(bad[i], badlen[i], &d), RT_EFORMAT);
    /* Nesting deeper than the cap is refused both ways. */
    b.len = 0;
    for (int i = 0; i < SER_MAX_DEPTH + 5; i++)
        rtbuf_put(&b, "L\001", 2);
    rtbuf_put(&b, "N", 1);
    assert_int_equal(ser_decode(b.data, b.len, &d), RT_EFORMAT);
    serval_destroy(v);
    rtbuf_free(&b);
}

static void ser_enc(RtBuf *b, SvKind k, int64_t i, double f, const char *s)
{
    SerVal v = {.kind = k};
    b->len = 0;
    if (k == SV_INT || k == SV_BOOL)
        v.u.i = i;
    if (k == SV_BOOL)
        v.u.b = (int)i;
    if (k == SV_FLOAT)
        v.u.d = f;
    if (k == SV_STR) {
        serval_set_str(&v, s, strlen(s));
    }
    ser_encode(&v, b);
    serval_free(&v);
}

static void ser_python_order(void **state)
{
    RtBuf a = {0}, b = {0};
    int lt;
    ser_enc(&a, SV_INT, 1, 0, NULL);
    ser_enc(&b, SV_FLOAT, 0, 1.5, NULL);
    assert_int_equal(ser_less(a.data, a.len, b.data, b.len, &lt), 0);
    assert_true(lt);
    ser_enc(&a, SV_BOOL, 1, 0, NULL);
    ser_enc(&b, SV_INT, 1, 0, NULL);
    assert_int_equal(ser_less(a.data, a.len, b.data, b.len, &lt), 0);
    assert_false(lt);   /* True == 1 */
    ser_enc(&a, SV_STR, 0, 0, "abc");
    ser_enc(&b, SV_STR, 0, 0, "abd");
    assert_int_equal(ser_less(a.data, a.len, b.data, b.len, &lt), 0);
    assert_true(lt);
    ser_enc(&b, SV_INT, 3, 0, NULL);
    assert_int_equal(ser_less(a.data, a.len, b.data, b.len, &lt), RT_ETYPE);
    ser_enc(&a, SV_NONE, 0, 0, NULL);
    ser_enc(&b, SV_NONE, 0, 0, NULL);
    assert_int_equal(ser_less(a.data, a.len, b.data, b.len, &lt), RT_ETYPE);
    /* (1, "b") < (1, "c") < (2, None); (1, "b") vs (1, 5) raises. */
    static const uint8_t t1b[] = {'U', 2, 'I', 2, 'S', 1, 'b'};
    static const uint8_t t1c[] = {'U', 2, 'I', 2, 'S', 1, 'c'};
    static const uint8_t t2n[] = {'U', 2, 'I', 4, 'N'};
    static const uint8_t t15[] = {'U', 2, 'I', 2, 'I', 10};
    static const uint8_t t1[] = {'U', 1, 'I', 2};
    assert_int_equal(ser_less(t1b, sizeof t1b, t1c, sizeof t1c, &lt), 0);
    assert_true(lt);
    assert_int_equal(ser_less(t1c, sizeof t1c, t2n, sizeof t2n, &lt), 0);
    assert_true(lt);
    assert_int_equal(ser_less(t2n, sizeof t2n, t1b, sizeof t1b, &lt), 0);
    assert_false(lt);
    assert_int_equal(ser_less(t1b, sizeof t1b, t15, sizeof t15, &lt), RT_ETYPE);
    assert_int_equal(ser_less(t1, sizeof t1, t1b, sizeof t1b, &lt), 0);
    assert_true(lt);    /* a prefix is smaller */
    rtbuf_free(&a);
    rtbuf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(shm_alloc_free_coalesce),
        cmocka_unit_test(shm_cap_is_clear),
        cmocka_unit_test(shm_shared_across_fork),
        cmocka_unit_test(ser_roundtrip),
        cmocka_unit_test(ser_decode_is_strict),
        cmocka_unit_test(ser_python_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
