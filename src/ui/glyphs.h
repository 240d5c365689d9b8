/* Glyphs by meaning, each with a UTF-8 form and an ASCII fallback.  The
 * set is chosen once at start (term_init from the locale's codeset; tests
 * pick one) and every view asks ui_glyph(G_...). */
#ifndef PARLAB_UI_GLYPHS_H
#define PARLAB_UI_GLYPHS_H

#include "trace/event.h"
#include "ui/canvas.h"

typedef enum UiGlyph {
    G_ST_NEW, G_ST_RUNNING, G_ST_GIL, G_ST_LOCK, G_ST_QUEUE, G_ST_JOIN, G_ST_EVENT,
    G_ST_COND, G_ST_FUTURE, G_ST_SLEEP, G_ST_GATE, G_ST_DONE,
    G_CURSOR,       /* a worker's line in the code pane */
    G_LEFT, G_RIGHT, G_SWAP, G_VBAR, G_HBAR, G_ELLIPSIS, G_PAUSE, G_CHECK,
    G_TLCURSOR,     /* the timeline's "now" column */
    G_COUNT
} UiGlyph;

void ui_glyphs_set(int utf8);
int ui_glyphs_utf8(void);
const char *ui_glyph(UiGlyph g);

/* How each worker state is drawn: glyph, role, legend word. */
typedef struct UiStateLook {
    UiGlyph glyph;
    UiRole role;
    const char *word;
} UiStateLook;

const UiStateLook *ui_state_look(unsigned state);

#endif
