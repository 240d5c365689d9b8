/* Unit tests of src/ui/layout.c: rectangles for many terminal sizes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>

#include "ui/layout.h"

static int overlap(UiRect a, UiRect b)
{
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/* Every shown pane inside the screen, at least its minimum, no two
 * overlapping, and together they tile the whole screen. */
static void check_layout_opt(int w, int h, int zoomed, unsigned optional)
{
    UiLayout l;
    layout_compute_opt(&l, w, h, zoomed, optional);
    char what[64];
    snprintf(what, sizeof what, "%dx%d zoom %d optional %x", w, h, zoomed, optional);
    assert_true(l.ok);
    long area = 0;
    int shown = 0;
    for (int p = 0; p < P_COUNT; p++) {
        if (!l.shown[p])
            continue;
        shown++;
        UiRect r = l.pane[p];
        if (r.x < 0 || r.y < 0 || r.x + r.w > w || r.y + r.h > h)
            fail_msg("%s: pane %d (%d,%d %dx%d) leaves the screen", what, p, r.x, r.y, r.w, r.h);
        if (p != P_STATUS && (r.w < UI_PANE_MIN_W || r.h < UI_PANE_MIN_H))
            fail_msg("%s: pane %d is %dx%d, below the minimum", what, p, r.w, r.h);
        for (int q = p + 1; q < P_COUNT; q++)
            if (l.shown[q] && overlap(r, l.pane[q]))
                fail_msg("%s: panes %d and %d overlap", what, p, q);
        area += (long)r.w * r.h;
    }
    if (area != (long)w * h)
        fail_msg("%s: panes cover %ld cells of %ld", what, area, (long)w * h);
    /* Hidden by default: the optional panes; the pools pane replaces the
     * arrays pane, the bars pane is one more. */
    int expect = P_COUNT - 2 + !!(optional & (1u << P_BARS));
    assert_int_equal(shown, zoomed == UI_NO_ZOOM ? expect : 2);
    assert_true(l.shown[P_STATUS]);
    assert_int_equal(l.pane[P_STATUS].y, h - 1);
    /* The help box lies inside the screen above the status line. */
    assert_true(l.help.x >= 0 && l.help.y >= 0 && l.help.x + l.help.w <= w && l.help.y + l.help.h < h);
    assert_true(l.help.h >= 18);
}

static void check_layout(int w, int h, int zoomed)
{
    check_layout_opt(w, h, zoomed, 0);
    check_layout_opt(w, h, zoomed, 1u << P_POOLS);
    check_layout_opt(w, h, zoomed, 1u << P_BARS);
    check_layout_opt(w, h, zoomed, UI_OPTIONAL_PANES);
}

static void test_optional_panes(void **state)
{
    (void)state;
    UiLayout l;
    layout_compute(&l, 100, 30, UI_NO_ZOOM);
    assert_false(l.shown[P_POOLS]);
    assert_false(l.shown[P_BARS]);
    assert_true(l.shown[P_ARRAYS]);
    UiLayout a = l;
    layout_compute_opt(&l, 100, 30, UI_NO_ZOOM, 1u << P_POOLS);
    assert_true(l.shown[P_POOLS]);
    assert_false(l.shown[P_ARRAYS]);
    assert_memory_equal(&l.pane[P_POOLS], &a.pane[P_ARRAYS], sizeof(UiRect));
    layout_compute_opt(&l, 100, 30, UI_NO_ZOOM, 1u << P_BARS);
    assert_true(l.shown[P_BARS]);
    assert_true(l.shown[P_ARRAYS]);
    assert_int_equal(l.pane[P_BARS].y, l.pane[P_OUTPUT].y);
    assert_true(l.pane[P_BARS].x > l.pane[P_OUTPUT].x);
    /* Zooming an optional pane shows it even when the lesson lacks it. */
    layout_compute_opt(&l, 100, 30, P_BARS, 0);
    assert_true(l.shown[P_BARS]);
}

static void test_sizes(void **state)
{
    (void)state;
    static const int sizes[][2] = {
        { 80, 24 }, { 81, 24 }, { 80, 25 }, { 90, 30 }, { 100, 24 }, { 119, 40 }, { 120, 40 },
        { 121, 33 }, { 132, 43 }, { 160, 48 }, { 200, 50 }, { 200, 60 }, { 250, 70 },
        { 300, 100 }, { 500, 200 }, { 1000, 300 }, { 80, 200 }, { 1000, 24 },
    };
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        check_layout(sizes[i][0], sizes[i][1], UI_NO_ZOOM);
        for (int z = 0; z < P_STATUS; z++)
            check_layout(sizes[i][0], sizes[i][1], z);
    }
}

static void test_every_size_in_a_range(void **state)
{
    (void)state;
    for (int w = 80; w <= 260; w += 7)
        for (int h = 24; h <= 90; h += 5)
            check_layout(w, h, UI_NO_ZOOM);
}

static void test_too_small(void **state)
{
    (void)state;
    static const int sizes[][2] = { { 79, 24 }, { 80, 23 }, { 40, 10 }, { 1, 1 }, { 0, 0 }, { 300, 5 } };
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        UiLayout l;
        layout_compute(&l, sizes[i][0], sizes[i][1], UI_NO_ZOOM);
        assert_false(l.ok);
        assert_int_equal(l.need_w, 80);
        assert_int_equal(l.need_h, 24);
        for (int p = 0; p < P_COUNT; p++)
            assert_false(l.shown[p]);
    }
}

static void test_wide_gives_arrays_a_column(void **state)
{
    (void)state;
    UiLayout l;
    layout_compute(&l, 200, 50, UI_NO_ZOOM);
    assert_true(l.pane[P_ARRAYS].x > l.pane[P_LOCKS].x);
    assert_int_equal(l.pane[P_ARRAYS].y, l.pane[P_LOCKS].y);
    layout_compute(&l, 80, 24, UI_NO_ZOOM);
    assert_int_equal(l.pane[P_ARRAYS].x, l.pane[P_LOCKS].x);
    assert_true(l.pane[P_ARRAYS].y > l.pane[P_QUEUES].y);
}

static void test_pane_at(void **state)
{
    (void)state;
    UiLayout l;
    layout_compute(&l, 120, 40, UI_NO_ZOOM);
    for (int p = 0; p < P_COUNT; p++) {
        UiRect r = l.pane[p];
        if (!l.shown[p])
            continue;
        assert_int_equal(layout_pane_at(&l, r.x, r.y), p);
        assert_int_equal(layout_pane_at(&l, r.x + r.w - 1, r.y + r.h - 1), p);
    }
    assert_int_equal(layout_pane_at(&l, 120, 0), -1);
    layout_compute(&l, 120, 40, P_CODE);
    assert_int_equal(layout_pane_at(&l, 60, 20), P_CODE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sizes),
        cmocka_unit_test(test_optional_panes),
        cmocka_unit_test(test_every_size_in_a_range),
        cmocka_unit_test(test_too_small),
        cmocka_unit_test(test_wide_gives_arrays_a_column),
        cmocka_unit_test(test_pane_at),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
