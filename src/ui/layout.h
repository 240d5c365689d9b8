/* Where each pane goes: a pure function of the terminal size and of which
 * pane (if any) is zoomed to the full screen. */
#ifndef PARLAB_UI_LAYOUT_H
#define PARLAB_UI_LAYOUT_H

#include "ui/canvas.h"

typedef enum UiPane {
    P_TIMELINE, P_LOCKS, P_QUEUES, P_ARRAYS, P_CODE, P_NARRATION, P_OUTPUT,
    P_POOLS, P_BARS,        /* optional: shown only when the lesson has them */
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

/* Which optional panes a lesson needs: bits (1u << P_POOLS), (1u << P_BARS). */
#define UI_OPTIONAL_PANES ((1u << P_POOLS) | (1u << P_BARS))

/* The same with optional panes: the pools pane takes the arrays pane's
 * place, the bars pane a third of the bottom row.  layout_compute is this
 * with none. */
void layout_compute_opt(UiLayout *l, int w, int h, int zoomed, unsigned optional);

/* The shown pane containing (x, y), or -1. */
int layout_pane_at(const UiLayout *l, int x, int y);

int ui_rect_contains(UiRect r, int x, int y);

#endif
