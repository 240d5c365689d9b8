/* The glyph table and how worker states look (see glyphs.h). */
#include "ui/glyphs.h"

static const char *const glyph_table[G_COUNT][2] = {
    /* UTF-8, ASCII */
    [G_ST_NEW] = { " ", " " },
    [G_ST_RUNNING] = { "\u2588", "#" },
    [G_ST_GIL] = { "\u2592", "g" },
    [G_ST_LOCK] = { "\u2593", "L" },
    [G_ST_QUEUE] = { "\u2261", "Q" },
    [G_ST_JOIN] = { "\u2504", "j" },
    [G_ST_EVENT] = { "\u2504", "e" },
    [G_ST_COND] = { "\u2504", "c" },
    [G_ST_FUTURE] = { "\u2504", "f" },
    [G_ST_SLEEP] = { "\u2591", "z" },
    [G_ST_GATE] = { "\u2016", "|" },
    [G_ST_DONE] = { "\u00b7", "." },
    [G_CURSOR] = { "\u25b6", ">" },
    [G_LEFT] = { "\u25c0", "<" },
    [G_RIGHT] = { "\u25b6", ">" },
    [G_SWAP] = { "\u21c5", "^" },
    [G_VBAR] = { "\u2502", "|" },
    [G_HBAR] = { "\u2500", "-" },
    [G_ELLIPSIS] = { "\u2026", "~" },
    [G_PAUSE] = { "\u23f8", "||" },
    [G_CHECK] = { "\u2713", "*" },
    [G_TLCURSOR] = { "\u2502", "|" },
};

static int glyph_utf8 = 1;

void ui_glyphs_set(int utf8)
{
    glyph_utf8 = utf8 != 0;
}

int ui_glyphs_utf8(void)
{
    return glyph_utf8;
}

const char *ui_glyph(UiGlyph g)
{
    return glyph_table[g < G_COUNT ? g : G_ST_NEW][glyph_utf8 ? 0 : 1];
}

static const UiStateLook state_looks[TS_COUNT] = {
    [TS_KEEP] = { G_ST_NEW, C_NEW, "" },
    [TS_NEW] = { G_ST_NEW, C_NEW, "new" },
    [TS_RUNNING] = { G_ST_RUNNING, C_RUNNING, "run" },
    [TS_GIL] = { G_ST_GIL, C_GIL_WAIT, "GIL" },
    [TS_LOCK] = { G_ST_LOCK, C_LOCK_WAIT, "lock" },
    [TS_QUEUE] = { G_ST_QUEUE, C_QUEUE_WAIT, "queue" },
    [TS_JOIN] = { G_ST_JOIN, C_JOIN_WAIT, "join" },
    [TS_EVENT] = { G_ST_EVENT, C_JOIN_WAIT, "event" },
    [TS_COND] = { G_ST_COND, C_JOIN_WAIT, "cond" },
    [TS_FUTURE] = { G_ST_FUTURE, C_JOIN_WAIT, "future" },
    [TS_SLEEP] = { G_ST_SLEEP, C_SLEEP, "sleep" },
    [TS_GATE] = { G_ST_GATE, C_GATE, "gate" },
    [TS_DONE] = { G_ST_DONE, C_DONE, "done" },
};

const UiStateLook *ui_state_look(unsigned state)
{
    return &state_looks[state < TS_COUNT ? state : TS_NEW];
}
