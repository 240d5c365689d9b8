/* Unit tests of src/lang/lexer.c and literal.c: the token stream of tricky
 * inputs (indentation, joining, literals, UTF-8 columns) and every lexical
 * error message.  Expected messages and places follow CPython 3.11 where
 * CPython has the same error. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/arena.h"
#include "lang/lexer.h"

/* The tokens of src rendered as one line: names and literals with their
 * text, keywords and operators as spelled, layout tokens in capitals. */
static char *lex_render(const char *src)
{
    Arena *a = arena_create();
    TokList tl = {0};
    Diag d;
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    if (lex_tokenize(&tl, a, "t.py", src, strlen(src), 1, 1, 0, &d) < 0) {
        fprintf(out, "error %d:%d: %s", d.line, d.col, d.msg);
    } else {
        for (int i = 0; i < tl.n; i++) {
            const Tok *t = &tl.toks[i];
            if (i)
                fputc(' ', out);
            switch (t->kind) {
            case T_NEWLINE: fputs("NL", out); break;
            case T_INDENT: fputs("IN", out); break;
            case T_DEDENT: fputs("DE", out); break;
            case T_EOF: fputs("EOF", out); break;
            case T_NAME: fprintf(out, "%s", t->v.name); break;
            case T_INT: fprintf(out, "i%llu", (unsigned long long)t->v.i); break;
            case T_FLOAT: fprintf(out, "f%g", t->v.f); break;
            case T_STRING: fprintf(out, "s<%.*s>", (int)t->v.str.len, t->v.str.s); break;
            case T_FSTRING: fprintf(out, "F<%.*s>", (int)t->v.fs.len, t->v.fs.body); break;
            default: fputs(lex_tok_text[t->kind], out);
            }
        }
    }
    fclose(out);
    lex_toklist_free(&tl);
    arena_destroy(a);
    return buf;
}

typedef struct {
    const char *src;
    const char *want;
} LexCase;

static const LexCase lex_cases[] = {
    {"", "EOF"},
    {"\n\n   \n# only a comment\n", "EOF"},
    {"x = 1", "x = i1 NL EOF"},
    {"if a:\n    b\n    c\nd\n", "if a : NL IN b NL c NL DE d NL EOF"},
    {"if a:\n  if b:\n    c\nd\n", "if a : NL IN if b : NL IN c NL DE DE d NL EOF"},
    {"if a:\n  b\n\n  # comment at another indent\n      \n  c\n",
     "if a : NL IN b NL c NL DE EOF"},
    {"if a:\n  b", "if a : NL IN b NL DE EOF"},
    {"f(1,\n  2,\n# c\n      3)\n", "f ( i1 , i2 , i3 ) NL EOF"},
    {"x = [\n]\ny = {\n}\n", "x = [ ] NL y = { } NL EOF"},
    {"x = 1 + \\\n    2\n", "x = i1 + i2 NL EOF"},
    {"x = 1 # trailing\n", "x = i1 NL EOF"},
    {"if a:\n\tb\n\tc\n", "if a : NL IN b NL c NL DE EOF"},
    {"a\r\nb\r\n", "a NL b NL EOF"},
    {"0x_fF 0o17 0B1_01 1_000 0 00 0_0", "i255 i15 i5 i1000 i0 i0 i0 NL EOF"},
    {"9223372036854775807 9223372036854775808", "i9223372036854775807 i9223372036854775808 NL EOF"},
    {"1.5 1e10 .5 1. 1_0.2_5 2E-3 7e+1", "f1.5 f1e+10 f0.5 f1 f10.25 f0.002 f70 NL EOF"},
    {"'a\\n\\t\\\\\\'\\\"' \"x\\x41\\u00e9\\101\\0\"", "s<a\n\t\\'\"> s<xA\xc3\xa9" "A> NL EOF"},
    {"'\\d \\{'", "s<\\d \\{> NL EOF"},
    {"r'\\n\\'' R\"\\d\"", "s<\\n\\'> s<\\d> NL EOF"},
    {"'''a\n'b'\n\"c\"'''", "s<a\n'b'\n\"c\"> NL EOF"},
    {"\"\"\"x\"\"\" ''", "s<x> s<> NL EOF"},
    {"'a' 'b'", "s<a> s<b> NL EOF"},
    {"u'x' U'y'", "s<x> s<y> NL EOF"},
    {"f'{x!r:>{w}}' F\"a\" rf'{y}' fR'z'", "F<{x!r:>{w}}> F<a> F<{y}> F<z> NL EOF"},
    {"'line\\\ncont'", "s<linecont> NL EOF"},
    {"a**=b//=c->d...e:=f!=g<<=h>>i", "a **= b //= c -> d ... e := f != g <<= h >> i NL EOF"},
    {"x.y.z", "x . y . z NL EOF"},
    {"not in is lambda yield True None False", "not in is lambda yield True None False NL EOF"},
    {"caf\xc3\xa9 = 'ph\xe1\xbb\x9f'", "caf\xc3\xa9 = s<ph\xe1\xbb\x9f> NL EOF"},
    {"if x: pass; y = 2\n", "if x : pass ; y = i2 NL EOF"},
};

static void test_tokens(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof lex_cases / sizeof lex_cases[0]; i++) {
        char *got = lex_render(lex_cases[i].src);
        if (strcmp(got, lex_cases[i].want) != 0)
            print_error("case %zu: %s\n  want: %s\n  got:  %s\n", i, lex_cases[i].src,
                        lex_cases[i].want, got);
        assert_string_equal(got, lex_cases[i].want);
        free(got);
    }
}

static const LexCase lex_errors[] = {
    {"if 1:\n        a\n    b\n", "error 3:6: unindent does not match any outer indentation level"},
    {"if 1:\n\ta\n        b\n", "error 3:1: inconsistent use of tabs and spaces in indentation"},
    {"if 1:\n        a\n\tb\n", "error 3:1: inconsistent use of tabs and spaces in indentation"},
    {"x = 'abc\n", "error 1:5: unterminated string literal (detected at line 1)"},
    {"x = \"\"\"abc\n\n", "error 1:5: unterminated triple-quoted string literal (detected at line 2)"},
    {"x = 0123\n", "error 1:5: leading zeros in decimal integer literals are not permitted; "
                   "use an 0o prefix for octal integers"},
    {"x = 12abc\n", "error 1:6: invalid decimal literal"},
    {"x = 1_\n", "error 1:6: invalid decimal literal"},
    {"x = 1__0\n", "error 1:6: invalid decimal literal"},
    {"x = 1e\n", "error 1:5: invalid decimal literal"},
    {"x = 0x\n", "error 1:6: invalid hexadecimal literal"},
    {"x = 0o8\n", "error 1:7: invalid digit '8' in octal literal"},
    {"x = 0b102\n", "error 1:9: invalid digit '2' in binary literal"},
    {"x = 1j\n", "error 1:5: complex numbers are not supported in lesson scripts"},
    {"x = 18446744073709551616\n", "error 1:5: integer literal too large: lesson scripts use "
                                   "64-bit integers (at most 9223372036854775807)"},
    {"x = 0x1FFFFFFFFFFFFFFFF\n", "error 1:5: integer literal too large: lesson scripts use "
                                  "64-bit integers (at most 9223372036854775807)"},
    {"x = b'abc'\n", "error 1:5: bytes literals are not supported in lesson scripts"},
    {"x = Rb'abc'\n", "error 1:5: bytes literals are not supported in lesson scripts"},
    {"x = 1)\n", "error 1:6: unmatched ')'"},
    {"x = (]\n", "error 1:6: closing parenthesis ']' does not match opening parenthesis '('"},
    {"x = (\n]\n", "error 2:1: closing parenthesis ']' does not match opening parenthesis '(' on line 1"},
    {"x = 1\\ y\n", "error 1:7: unexpected character after line continuation character"},
    {"x = 1 \\", "error 1:7: unexpected EOF while parsing"},
    {"x = \xe2\x82\xac\n", "error 1:5: invalid character '\xe2\x82\xac' (U+20AC)"},
    {"\xc3\xa9\xc3\xa9 = \xe2\x82\xac\n", "error 1:6: invalid character '\xe2\x82\xac' (U+20AC)"},
    {"x = \x01\n", "error 1:5: invalid non-printable character U+0001"},
    {"x = $\n", "error 1:5: invalid syntax"},
    {"x = '\\xZZ'\n", "error 1:6: truncated \\xXX escape"},
    {"x = '\\u12'\n", "error 1:6: truncated \\uXXXX escape"},
    {"x = 'ab\\N{DASH}'\n", "error 1:8: '\\N{...}' escapes are not supported in lesson scripts"},
    {"x = '\\ud800'\n", "error 1:6: surrogate code points are not supported in lesson scripts"},
};

static void test_errors(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof lex_errors / sizeof lex_errors[0]; i++) {
        char *got = lex_render(lex_errors[i].src);
        if (strcmp(got, lex_errors[i].want) != 0)
            print_error("case %zu: %s\n  want: %s\n  got:  %s\n", i, lex_errors[i].src,
                        lex_errors[i].want, got);
        assert_string_equal(got, lex_errors[i].want);
        free(got);
    }
}

/* Places: 1-based, columns in code points, tokens after a multi-line string. */
static void test_positions(void **state)
{
    (void)state;
    const char *src = "s = 'h\xc3\xa9\xe2\x82\xac' + x\n'''a\nbc''' + y\n";
    Arena *a = arena_create();
    TokList tl = {0};
    Diag d;
    assert_int_equal(lex_tokenize(&tl, a, "t.py", src, strlen(src), 1, 1, 0, &d), 0);
    assert_int_equal(tl.toks[2].kind, T_STRING);
    assert_int_equal(tl.toks[2].col, 5);
    assert_int_equal(tl.toks[2].end_col, 10);
    assert_int_equal(tl.toks[4].kind, T_NAME);
    assert_int_equal(tl.toks[4].line, 1);
    assert_int_equal(tl.toks[4].col, 13);
    assert_int_equal(tl.toks[5].kind, T_NEWLINE);
    assert_int_equal(tl.toks[5].col, 14);
    assert_int_equal(tl.toks[6].kind, T_STRING);
    assert_int_equal(tl.toks[6].line, 2);
    assert_int_equal(tl.toks[6].end_line, 3);
    assert_int_equal(tl.toks[8].kind, T_NAME);
    assert_int_equal(tl.toks[8].line, 3);
    assert_int_equal(tl.toks[8].col, 9);
    lex_toklist_free(&tl);
    arena_destroy(a);
}

/* 200 open brackets are fine, the 201st is refused (CPython's MAXLEVEL);
 * 100 indentation levels likewise. */
static void test_limits(void **state)
{
    (void)state;
    char buf[1200];
    memset(buf, '(', 200);
    memset(buf + 200, ')', 200);
    buf[400] = '\0';
    char *got = lex_render(buf);
    assert_null(strstr(got, "error"));
    free(got);
    memset(buf, '[', 1000);
    buf[1000] = '\0';
    got = lex_render(buf);
    assert_string_equal(got, "error 1:201: too many nested parentheses");
    free(got);

    char *deep = malloc(200 * 210);
    size_t o = 0;
    for (int i = 0; i < 120; i++) {
        memset(deep + o, ' ', (size_t)i);
        o += (size_t)i;
        memcpy(deep + o, "if x:\n", 6);
        o += 6;
    }
    deep[o] = '\0';
    got = lex_render(deep);
    assert_string_equal(got, "error 101:1: too many levels of indentation");
    free(got);
    free(deep);
}

/* The f-string expression mode: newlines are blanks, '#' is refused. */
static void test_fexpr_mode(void **state)
{
    (void)state;
    Arena *a = arena_create();
    TokList tl = {0};
    Diag d;
    const char *src = "a +\n b";
    assert_int_equal(lex_tokenize(&tl, a, "t.py", src, strlen(src), 4, 7, 1, &d), 0);
    assert_int_equal(tl.n, 4);
    assert_int_equal(tl.toks[0].line, 4);
    assert_int_equal(tl.toks[0].col, 7);
    assert_int_equal(tl.toks[2].line, 5);
    assert_int_equal(tl.toks[2].col, 2);
    assert_int_equal(tl.toks[3].kind, T_EOF);
    lex_toklist_free(&tl);
    assert_int_equal(lex_tokenize(&tl, a, "t.py", "a # b", 5, 1, 1, 1, &d), -1);
    assert_string_equal(d.msg, "f-string expression part cannot include '#'");
    lex_toklist_free(&tl);
    arena_destroy(a);
}

static void test_utf8(void **state)
{
    (void)state;
    uint32_t cp;
    char buf[4];
    assert_int_equal(lex_utf8_get((const unsigned char *)"\xe1\xbb\x9f", 3, &cp), 3);
    assert_int_equal(cp, 0x1EDF);
    assert_int_equal(lex_utf8_put(buf, cp), 3);
    assert_memory_equal(buf, "\xe1\xbb\x9f", 3);
    assert_int_equal(lex_utf8_get((const unsigned char *)"\xc0\x80", 2, &cp), 0);     /* overlong */
    assert_int_equal(lex_utf8_get((const unsigned char *)"\xed\xa0\x80", 3, &cp), 0); /* surrogate */
    assert_int_equal(lex_utf8_get((const unsigned char *)"\xe1\xbb", 2, &cp), 0);     /* short */
    assert_int_equal(lex_utf8_put(buf, 0x1F600), 4);
}

static void test_arena_intern(void **state)
{
    (void)state;
    Arena *a = arena_create();
    const char *x = arena_intern(a, "thread", 6);
    char tmp[] = "threads";
    assert_ptr_equal(arena_intern(a, tmp, 6), x);
    assert_ptr_not_equal(arena_intern(a, tmp, 7), x);
    for (int i = 0; i < 5000; i++) {
        char name[16];
        int n = snprintf(name, sizeof name, "n%d", i);
        arena_intern(a, name, (size_t)n);
    }
    assert_ptr_equal(arena_intern(a, "thread", 6), x);
    assert_string_equal(arena_intern(a, "n4999", 5), "n4999");
    void *big = arena_alloc(a, 1 << 20);
    assert_non_null(big);
    assert_true(arena_used(a) >= 1 << 20);
    arena_destroy(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tokens),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_positions),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_fexpr_mode),
        cmocka_unit_test(test_utf8),
        cmocka_unit_test(test_arena_intern),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
