/* Where each pane goes: a pure function of the terminal size and of which
 * pane (if any) is zoomed to the full screen. */
#ifndef PARLAB_UI_LAYOUT_H
#define PARLAB_UI_LAYOUT_H

#include "ui/canvas.h"

typedef enum UiPane {
    P_TIMELINE, P_LOCKS, P_QUEUES, P_ARRAYS, P_CODE, P_NARRATION, P_OUTPUT,
    P_STATUS, P_COUNT
} UiPane;

#define UI_MIN_W 80
#define UI_MIN_H 24
#define UI_PANE_MIN_W 20    /* every shown pane at least this... */
#define UI_PANE_MIN_H 3     /* ...title row and two rows of content */
#define UI_NO_ZOOM (-1)

typedef struct UiLayout {
    int ok;                 /* 0: the terminal is too small */
    int w, h;
    int need_w, need_h;     /* the minimum size, for the message */
    int shown[P_COUNT];
    UiRect pane[P_COUNT];
    UiRect help;            /* the help overlay, centred */
} UiLayout;

void layout_compute(UiLayout *l, int w, int h, int zoomed);

/* The shown pane containing (x, y), or -1. */
int layout_pane_at(const UiLayout *l, int x, int y);

int ui_rect_contains(UiRect r, int x, int y);

#endif
