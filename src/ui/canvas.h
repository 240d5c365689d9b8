/* The one drawing interface every view uses: put UTF-8 text with a colour
 * role at (x, y) inside a rectangle, clipped to it.  Two backends: curses
 * (canvas_curses.c, the real screen) and a plain in-memory grid of
 * characters and roles (canvas_buf.c, for unit tests and the benchmark).
 * Coordinates given to cv_* are relative to the rectangle. */
#ifndef PARLAB_UI_CANVAS_H
#define PARLAB_UI_CANVAS_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

typedef struct UiRect {
    int x, y, w, h;
} UiRect;

/* Colour roles: code asks for what a thing is, the theme (term.c) decides
 * how it looks in colour and in monochrome. */
typedef enum UiRole {
    C_NORMAL, C_DIM, C_TITLE, C_TITLE_FOCUS, C_STATUS, C_KEY,
    C_NEW, C_RUNNING, C_GIL_WAIT, C_LOCK_WAIT, C_QUEUE_WAIT, C_JOIN_WAIT,
    C_SLEEP, C_GATE, C_DONE,
    C_LOCK_OWNER, C_HIGHLIGHT, C_WRITE, C_CURSOR, C_PAUSE, C_ERROR,
    C_ROLE_COUNT
} UiRole;

typedef struct Canvas Canvas;

typedef struct CanvasOps {
    /* n wide characters covering `cols` cells from (x, y), absolute and
     * already clipped to the screen. */
    void (*put)(Canvas *c, int x, int y, const wchar_t *s, int n, int cols, UiRole role);
} CanvasOps;

struct Canvas {
    const CanvasOps *ops;
    int w, h;               /* screen size in cells */
};

/* Draw text; returns the column (relative to r) just after what was drawn
 * (or would have been, past the right edge).  A wide character that does
 * not fit whole is not drawn. */
int cv_text(Canvas *c, UiRect r, int x, int y, UiRole role, const char *s);
int cv_textn(Canvas *c, UiRect r, int x, int y, UiRole role, const char *s, size_t len);
int cv_printf(Canvas *c, UiRect r, int x, int y, UiRole role, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
/* `n` copies of a one-cell glyph (UTF-8). */
void cv_fill(Canvas *c, UiRect r, int x, int y, int n, UiRole role, const char *glyph);
/* Blank the whole rectangle (spaces, C_NORMAL). */
void cv_clear(Canvas *c, UiRect r);

/* UTF-8 helpers shared by views: display width of text, and decoding. */
int ui_text_width(const char *s, size_t len);
/* Decode one code point at s (len > 0); returns bytes used (invalid: 1, U+FFFD). */
int ui_utf8_next(const char *s, size_t len, wchar_t *out);
int ui_wchar_width(wchar_t ch);
/* How many bytes of s fit in `cols` display columns (not splitting a char). */
size_t ui_text_fit(const char *s, size_t len, int cols);

/* The buffer backend. */
typedef struct CanvasBuf {
    Canvas base;
    wchar_t *ch;            /* w*h cells; 0 = right half of a wide char */
    uint8_t *role;
} CanvasBuf;

void canvas_buf_init(CanvasBuf *b, int w, int h);
void canvas_buf_free(CanvasBuf *b);
void canvas_buf_clear(CanvasBuf *b);
/* Row y as UTF-8 without trailing blanks; returns out. */
char *canvas_buf_row(const CanvasBuf *b, int y, char *out, size_t size);
/* First row containing `text` (UTF-8), or -1; *col gets its cell column. */
int canvas_buf_find(const CanvasBuf *b, const char *text, int *col);
UiRole canvas_buf_role(const CanvasBuf *b, int x, int y);
/* The whole grid as text, one line per row (malloc'd). */
char *canvas_buf_dump(const CanvasBuf *b);

/* The curses backend (stdscr). */
void canvas_curses_init(Canvas *c);

#endif
