/* Clipping and UTF-8 decoding shared by both canvas backends: a view gives
 * text relative to its rectangle, this turns it into runs of wide
 * characters that lie inside both the rectangle and the screen. */
#include <stdio.h>
#include <string.h>

#include "ui/canvas.h"
#include "ui/glyphs.h"

#define CV_CHUNK 256

int ui_utf8_next(const char *s, size_t len, wchar_t *out)
{
    const unsigned char *u = (const unsigned char *)s;
    unsigned c = u[0];
    int n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (n == 0 || (size_t)n > len) {
        *out = 0xFFFD;
        return 1;
    }
    unsigned cp = n == 1 ? c : c & (0x7F >> n);
    for (int i = 1; i < n; i++) {
        if ((u[i] & 0xC0) != 0x80) {
            *out = 0xFFFD;
            return 1;
        }
        cp = cp << 6 | (u[i] & 0x3F);
    }
    *out = (wchar_t)cp;
    return n;
}

/* wcwidth, but never negative: a control character is drawn as one '?'
 * (the caller replaces it) and an unknown printable one takes one cell. */
int ui_wchar_width(wchar_t ch)
{
    if (ch < 0x80)
        return 1;
    int w = wcwidth(ch);
    return w < 0 ? 1 : w;
}

int ui_text_width(const char *s, size_t len)
{
    int w = 0;
    for (size_t i = 0; i < len;) {
        wchar_t ch;
        i += (size_t)ui_utf8_next(s + i, len - i, &ch);
        w += ui_wchar_width(ch);
    }
    return w;
}

size_t ui_text_fit(const char *s, size_t len, int cols)
{
    size_t i = 0;
    int w = 0;
    while (i < len) {
        wchar_t ch;
        int n = ui_utf8_next(s + i, len - i, &ch);
        int cw = ui_wchar_width(ch);
        if (w + cw > cols)
            break;
        w += cw;
        i += (size_t)n;
    }
    return i;
}

int cv_textn(Canvas *c, UiRect r, int x, int y, UiRole role, const char *s, size_t len)
{
    if (y < 0 || y >= r.h || r.y + y >= c->h)
        return x + ui_text_width(s, len);
    int right = r.w < c->w - r.x ? r.w : c->w - r.x;   /* clip to the screen too */
    wchar_t buf[CV_CHUNK];
    int n = 0, start = x, col = x, utf8 = ui_glyphs_utf8();
    size_t i = 0;
    while (i < len) {
        wchar_t ch;
        i += (size_t)ui_utf8_next(s + i, len - i, &ch);
        if (ch < 0x20 || ch == 0x7F)
            ch = ch == '\t' ? ' ' : '?';
        else if (ch >= 0x80 && !utf8)
            ch = '?';   /* a terminal that cannot show it would lose its place */
        int cw = ui_wchar_width(ch);
        if (cw == 0 && n == 0 && col <= 0)
            continue;       /* a combining mark whose base was clipped */
        if (col < 0 || col + cw > right) {
            if (n)
                c->ops->put(c, r.x + start, r.y + y, buf, n, col - start, role);
            n = 0;
            col += cw;
            start = col;
            if (col >= right && col > 0)
                break;
            continue;
        }
        if (n == CV_CHUNK) {
            c->ops->put(c, r.x + start, r.y + y, buf, n, col - start, role);
            n = 0;
            start = col;
        }
        buf[n++] = ch;
        col += cw;
    }
    if (n)
        c->ops->put(c, r.x + start, r.y + y, buf, n, col - start, role);
    if (i < len)
        col += ui_text_width(s + i, len - i);
    return col;
}

int cv_text(Canvas *c, UiRect r, int x, int y, UiRole role, const char *s)
{
    return cv_textn(c, r, x, y, role, s, strlen(s));
}

int cv_printf(Canvas *c, UiRect r, int x, int y, UiRole role, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0)
        return x;
    return cv_textn(c, r, x, y, role, buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

void cv_fill(Canvas *c, UiRect r, int x, int y, int n, UiRole role, const char *glyph)
{
    if (y < 0 || y >= r.h || r.y + y >= c->h)
        return;
    if (x < 0) {
        n += x;
        x = 0;
    }
    int right = r.w < c->w - r.x ? r.w : c->w - r.x;
    if (x + n > right)
        n = right - x;
    if (n <= 0)
        return;
    wchar_t ch;
    ui_utf8_next(glyph, strlen(glyph), &ch);
    wchar_t buf[CV_CHUNK];
    for (int i = 0; i < CV_CHUNK; i++)
        buf[i] = ch;
    while (n > 0) {
        int k = n < CV_CHUNK ? n : CV_CHUNK;
        c->ops->put(c, r.x + x, r.y + y, buf, k, k, role);
        x += k;
        n -= k;
    }
}

void cv_clear(Canvas *c, UiRect r)
{
    for (int y = 0; y < r.h; y++)
        cv_fill(c, r, 0, y, r.w, C_NORMAL, " ");
}
