/* String literal helpers shared by the lexer and the f-string parser:
 * UTF-8 coding and the decoding of backslash escapes. */
#include "lang/diag.h"
#include "lang/lexer.h"

#include <string.h>

int lex_utf8_put(char *buf, uint32_t cp)
{
    if (cp < 0x80) {
        buf[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        buf[0] = (char)(0xC0 | (cp >> 6));
        buf[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        buf[0] = (char)(0xE0 | (cp >> 12));
        buf[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        buf[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    buf[0] = (char)(0xF0 | (cp >> 18));
    buf[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    buf[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    buf[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

int lex_utf8_get(const unsigned char *s, size_t n, uint32_t *cp)
{
    if (n == 0)
        return 0;
    unsigned c = s[0];
    int len;
    uint32_t v, min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    } else if ((c & 0xE0) == 0xC0) {
        len = 2, v = c & 0x1F, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        len = 3, v = c & 0x0F, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
        len = 4, v = c & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if ((size_t)len > n)
        return 0;
    for (int i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    /* overlong forms, surrogates and values past Unicode are not UTF-8 */
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return len;
}

void lex_pos_in(const char *body, size_t off, int line, int col, int *oline, int *ocol)
{
    for (size_t i = 0; i < off; i++) {
        unsigned char c = (unsigned char)body[i];
        if (c == '\n') {
            line++;
            col = 1;
        } else if ((c & 0xC0) != 0x80) {
            col++;
        }
    }
    *oline = line;
    *ocol = col;
}

static int lit_hex(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static int lit_error(const char *file, const char *body, size_t off, int line, int col,
                     Diag *err, const char *msg)
{
    int l, c;
    lex_pos_in(body, off, line, col, &l, &c);
    return diag_set(err, file, l, c, "%s", msg);
}

/* Escapes never grow: \xhh (4 bytes) gives at most 2, \uXXXX (6) at most 3,
 * \UXXXXXXXX (10) at most 4, \ooo (4) at most 2; so len bytes suffice. */
int lex_decode_escapes(Arena *a, const char *file, const char *body, size_t len,
                       int line, int col, const char **out, size_t *outlen, Diag *err)
{
    char *buf = arena_alloc(a, len + 1);
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        if (body[i] != '\\' || i + 1 >= len) {
            buf[o++] = body[i++];
            continue;
        }
        size_t esc = i;
        char c = body[i + 1];
        i += 2;
        static const char simple_in[] = "nt\\'\"rabfv";
        static const char simple_out[] = "\n\t\\'\"\r\a\b\f\v";
        const char *hit = c ? strchr(simple_in, c) : NULL;
        if (hit) {
            buf[o++] = simple_out[hit - simple_in];
        } else if (c == '\n') {
            /* backslash-newline inside a string joins the lines */
        } else if (c >= '0' && c <= '7') {
            uint32_t v = (uint32_t)(c - '0');
            for (int k = 0; k < 2 && i < len && body[i] >= '0' && body[i] <= '7'; k++)
                v = v * 8 + (uint32_t)(body[i++] - '0');
            o += (size_t)lex_utf8_put(buf + o, v);
        } else if (c == 'x' || c == 'u' || c == 'U') {
            int want = c == 'x' ? 2 : c == 'u' ? 4 : 8;
            uint32_t v = 0;
            for (int k = 0; k < want; k++) {
                int h = i < len ? lit_hex((unsigned char)body[i]) : -1;
                if (h < 0) {
                    const char *m = c == 'x' ? "truncated \\xXX escape"
                                  : c == 'u' ? "truncated \\uXXXX escape"
                                             : "truncated \\UXXXXXXXX escape";
                    return lit_error(file, body, esc, line, col, err, m);
                }
                v = v * 16 + (uint32_t)h;
                i++;
            }
            if (v > 0x10FFFF)
                return lit_error(file, body, esc, line, col, err,
                                 "illegal Unicode character in \\U escape");
            if (v >= 0xD800 && v <= 0xDFFF)
                return lit_error(file, body, esc, line, col, err,
                                 "surrogate code points are not supported in lesson scripts");
            o += (size_t)lex_utf8_put(buf + o, v);
        } else if (c == 'N') {
            return lit_error(file, body, esc, line, col, err,
                             "'\\N{...}' escapes are not supported in lesson scripts");
        } else {
            /* an unknown escape keeps its backslash, as in CPython */
            buf[o++] = '\\';
            buf[o++] = c;
        }
    }
    buf[o] = '\0';
    *out = buf;
    *outlen = o;
    return 0;
}
