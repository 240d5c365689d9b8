/* The curses canvas: runs of wide characters into stdscr with the role's
 * attributes.  Nothing is erased first: views overwrite their rectangle
 * and ncurses sends only the cells that changed. */
#include "ui/term_int.h"

static void curses_put(Canvas *c, int x, int y, const wchar_t *s, int n, int cols, UiRole role)
{
    (void)c;
    (void)cols;
    attr_t a;
    short pair;
    term_role(role, &a, &pair);
    attr_set(a, pair, NULL);
    mvaddnwstr(y, x, s, n);
}

static const CanvasOps curses_ops = { curses_put };

void canvas_curses_init(Canvas *c)
{
    c->ops = &curses_ops;
    c->w = COLS;
    c->h = LINES;
}
