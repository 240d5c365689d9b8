/* The in-memory canvas: a grid of wide characters and colour roles.  Unit
 * tests draw views into it and read the text back; the frame benchmark
 * uses it to time the views without a terminal. */
#include <stdlib.h>
#include <string.h>

#include "ui/canvas.h"

static void buf_put(Canvas *c, int x, int y, const wchar_t *s, int n, int cols, UiRole role)
{
    CanvasBuf *b = (CanvasBuf *)c;
    (void)cols;
    size_t at = (size_t)y * (size_t)c->w + (size_t)x;
    for (int i = 0; i < n && x < c->w; i++) {
        int cw = ui_wchar_width(s[i]);
        if (cw == 0)
            continue;       /* combining marks are not kept in the grid */
        b->ch[at] = s[i];
        b->role[at] = (uint8_t)role;
        at++, x++;
        if (cw == 2 && x < c->w) {
            b->ch[at] = 0;
            b->role[at] = (uint8_t)role;
            at++, x++;
        }
    }
}

static const CanvasOps buf_ops = { buf_put };

void canvas_buf_init(CanvasBuf *b, int w, int h)
{
    b->base.ops = &buf_ops;
    b->base.w = w;
    b->base.h = h;
    b->ch = malloc((size_t)w * (size_t)h * sizeof *b->ch);
    b->role = malloc((size_t)w * (size_t)h);
    if (!b->ch || !b->role)
        abort();
    canvas_buf_clear(b);
}

void canvas_buf_free(CanvasBuf *b)
{
    free(b->ch);
    free(b->role);
    b->ch = NULL;
    b->role = NULL;
}

void canvas_buf_clear(CanvasBuf *b)
{
    size_t n = (size_t)b->base.w * (size_t)b->base.h;
    for (size_t i = 0; i < n; i++)
        b->ch[i] = ' ';
    memset(b->role, C_NORMAL, n);
}

static size_t buf_utf8(wchar_t ch, char *out)
{
    unsigned c = (unsigned)ch;
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (char)(0xC0 | c >> 6);
        out[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = (char)(0xE0 | c >> 12);
        out[1] = (char)(0x80 | (c >> 6 & 0x3F));
        out[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | c >> 18);
    out[1] = (char)(0x80 | (c >> 12 & 0x3F));
    out[2] = (char)(0x80 | (c >> 6 & 0x3F));
    out[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

char *canvas_buf_row(const CanvasBuf *b, int y, char *out, size_t size)
{
    size_t n = 0, keep = 0;
    for (int x = 0; x < b->base.w && y >= 0 && y < b->base.h; x++) {
        wchar_t ch = b->ch[(size_t)y * (size_t)b->base.w + (size_t)x];
        if (ch == 0)
            continue;
        if (n + 5 > size)
            break;
        n += buf_utf8(ch, out + n);
        if (ch != ' ')
            keep = n;
    }
    if (size)
        out[keep < size ? keep : size - 1] = '\0';
    return out;
}

int canvas_buf_find(const CanvasBuf *b, const char *text, int *col)
{
    size_t size = (size_t)b->base.w * 4 + 1;
    char *row = malloc(size);
    if (!row)
        abort();
    int found = -1;
    for (int y = 0; y < b->base.h && found < 0; y++) {
        canvas_buf_row(b, y, row, size);
        const char *p = strstr(row, text);
        if (p) {
            found = y;
            if (col)
                *col = ui_text_width(row, (size_t)(p - row));
        }
    }
    free(row);
    return found;
}

UiRole canvas_buf_role(const CanvasBuf *b, int x, int y)
{
    if (x < 0 || y < 0 || x >= b->base.w || y >= b->base.h)
        return C_NORMAL;
    return (UiRole)b->role[(size_t)y * (size_t)b->base.w + (size_t)x];
}

char *canvas_buf_dump(const CanvasBuf *b)
{
    size_t line = (size_t)b->base.w * 4 + 2;
    char *out = malloc(line * (size_t)b->base.h + 1);
    if (!out)
        abort();
    size_t n = 0;
    for (int y = 0; y < b->base.h; y++) {
        canvas_buf_row(b, y, out + n, line);
        n += strlen(out + n);
        out[n++] = '\n';
    }
    out[n] = '\0';
    return out;
}
