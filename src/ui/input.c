/* The key table: every key and mouse action of the UI and what it means.
 * The help screen is drawn from it, so what `?` shows is what works. */
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <curses.h>

#include "ui/input.h"

#define CH(c) UI_KEY_CHAR, (c)
#define FN(c) UI_KEY_FN, (c)
#define MS(c) UI_KEY_MOUSE, (c)

static const UiBinding input_table[] = {
    { CH(' '), CMD_TOGGLE_RUN, 0, "space", "pause / run", "tạm dừng / chạy tiếp" },
    /* s is on the log: it shows the next recorded event; only at the newest
     * does the first worker at the gate do one action (its first event). */
    { CH('s'), CMD_STEP, 0, "s", "step one event (at the newest: first at gate acts)",
      "bước một sự kiện (ở cuối: luồng tới cổng trước chạy)" },
    { CH('1'), CMD_STEP_WORKER, 1, "1-9", "worker N does one action; the view follows",
      "luồng số N làm một thao tác; màn hình theo sau" },
    { CH('2'), CMD_STEP_WORKER, 2, NULL, NULL, NULL },
    { CH('3'), CMD_STEP_WORKER, 3, NULL, NULL, NULL },
    { CH('4'), CMD_STEP_WORKER, 4, NULL, NULL, NULL },
    { CH('5'), CMD_STEP_WORKER, 5, NULL, NULL, NULL },
    { CH('6'), CMD_STEP_WORKER, 6, NULL, NULL, NULL },
    { CH('7'), CMD_STEP_WORKER, 7, NULL, NULL, NULL },
    { CH('8'), CMD_STEP_WORKER, 8, NULL, NULL, NULL },
    { CH('9'), CMD_STEP_WORKER, 9, NULL, NULL, NULL },
    { CH('.'), CMD_STEP_LINE, 0, ".", "focused worker to its next line; view follows",
      "bước tới dòng tiếp theo; màn hình theo sau" },
    { CH('['), CMD_SLOWER, 0, "[ ]", "slower / faster", "chậm hơn / nhanh hơn" },
    { CH(']'), CMD_FASTER, 0, NULL, NULL, NULL },
    { CH('r'), CMD_RESTART, 0, "r", "restart the lesson", "chạy lại bài" },
    { FN(KEY_LEFT), CMD_EV_BACK, 0, "Left Right", "one event back / forward in time",
      "lùi / tiến một sự kiện" },
    { FN(KEY_RIGHT), CMD_EV_FWD, 0, NULL, NULL, NULL },
    { FN(KEY_HOME), CMD_EV_HOME, 0, "Home End", "first event / live (the end)",
      "sự kiện đầu / cuối" },
    { FN(KEY_END), CMD_EV_END, 0, NULL, NULL, NULL },
    { FN(KEY_PPAGE), CMD_EV_PGUP, 0, "PgUp PgDn", "many events back / forward",
      "lùi / tiến nhiều sự kiện" },
    { FN(KEY_NPAGE), CMD_EV_PGDN, 0, NULL, NULL, NULL },
    { CH('+'), CMD_ZOOM_IN, 0, "+ -", "zoom the timeline in / out", "phóng to / thu nhỏ dòng thời gian" },
    { CH('='), CMD_ZOOM_IN, 0, NULL, NULL, NULL },
    { CH('-'), CMD_ZOOM_OUT, 0, NULL, NULL, NULL },
    { CH('\t'), CMD_FOCUS_NEXT, 0, "Tab", "focus the next pane", "chuyển sang khung kế" },
    { FN(KEY_BTAB), CMD_FOCUS_PREV, 0, NULL, NULL, NULL },
    { CH('z'), CMD_ZOOM_PANE, 0, "z", "zoom the focused pane to the full screen",
      "phóng khung đang chọn ra toàn màn hình" },
    { FN(KEY_UP), CMD_SCROLL_UP, 0, "Up Down", "scroll the focused pane", "cuộn khung đang chọn" },
    { FN(KEY_DOWN), CMD_SCROLL_DOWN, 0, NULL, NULL, NULL },
    { CH('k'), CMD_SCROLL_UP, 0, NULL, NULL, NULL },
    { CH('j'), CMD_SCROLL_DOWN, 0, NULL, NULL, NULL },
    { CH('n'), CMD_NEXT_LESSON, 0, "n p", "next / previous lesson", "bài kế / bài trước" },
    { CH('p'), CMD_PREV_LESSON, 0, NULL, NULL, NULL },
    { CH('?'), CMD_HELP, 0, "?", "this help (any key closes it)", "trợ giúp này" },
    { FN(KEY_F(1)), CMD_HELP, 0, NULL, NULL, NULL },
    { CH('q'), CMD_QUIT, 0, "q", "quit (from a lesson: back to the menu)", "thoát" },
    { CH('\f'), CMD_REDRAW, 0, NULL, NULL, NULL },
    { CH('\r'), CMD_ENTER, 0, NULL, NULL, NULL },
    { CH('\n'), CMD_ENTER, 0, NULL, NULL, NULL },
    { FN(KEY_ENTER), CMD_ENTER, 0, NULL, NULL, NULL },
    { CH(27), CMD_ESCAPE, 0, NULL, NULL, NULL },
    { MS(UI_MOUSE_LEFT), CMD_CLICK, 0, "click", "highlight a worker or object everywhere",
      "tô sáng một luồng hay đối tượng" },
    { MS(UI_MOUSE_WHEEL_UP), CMD_SCROLL_UP, 0, "wheel", "scroll the pane under the mouse",
      "cuộn khung dưới chuột" },
    { MS(UI_MOUSE_WHEEL_DOWN), CMD_SCROLL_DOWN, 0, NULL, NULL, NULL },
};

#define INPUT_N (int)(sizeof input_table / sizeof input_table[0])

int input_translate(const UiKey *k, UiInput *out)
{
    for (int i = 0; i < INPUT_N; i++) {
        if (input_table[i].type != k->type || input_table[i].code != k->code)
            continue;
        out->cmd = input_table[i].cmd;
        out->arg = input_table[i].arg;
        out->x = k->x;
        out->y = k->y;
        return 1;
    }
    out->cmd = CMD_NONE;
    return 0;
}

const UiBinding *input_bindings(int *n)
{
    *n = INPUT_N;
    return input_table;
}
