/* Unit tests of the lesson header parser and the catalogue. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lesson/catalog.h"
#include "lesson/lesson.h"

static int parse(const char *src, bool strict, Lesson *l, Diag *d)
{
    return lesson_parse("t.py", src, strlen(src), strict, l, d);
}

static void test_full_header(void **state)
{
    (void)state;
    const char *src =
        "\"\"\"\n"
        "section: 2.3\n"
        "title: Thread lock\n"
        "title.vi: Kho\xC3\xA1 lu\xE1\xBB\x93ng\n"
        "order: fixed\n"
        "speed: 2\n"
        "\n"
        "First paragraph.\n"
        "\n"
        "Second \\\"quoted\\\" paragraph.\n"
        "\n"
        "[vi]\n"
        "Ph\xE1\xBA\xA7n ti\xE1\xBA\xBFng Vi\xE1\xBB\x87t.\n"
        "\"\"\"\n"
        "from threading import Thread\n";
    Lesson l;
    Diag d;
    assert_int_equal(parse(src, true, &l, &d), 0);
    assert_string_equal(l.section, "2.3");
    assert_string_equal(l.title, "Thread lock");
    assert_string_equal(l.title_vi, "Kho\xC3\xA1 lu\xE1\xBB\x93ng");
    assert_int_equal(l.order, LESSON_ORDER_FIXED);
    assert_string_equal(lesson_header(&l, "speed"), "2");
    assert_null(lesson_header(&l, "nothing"));
    assert_string_equal(l.narration_en, "First paragraph.\n\nSecond \"quoted\" paragraph.");
    assert_string_equal(l.narration_vi, "Ph\xE1\xBA\xA7n ti\xE1\xBA\xBFng Vi\xE1\xBB\x87t.");
    assert_string_equal(lesson_title(&l, "vi"), "Kho\xC3\xA1 lu\xE1\xBB\x93ng");
    assert_string_equal(lesson_title(&l, "en"), "Thread lock");
    assert_int_equal(l.doc_line, 1);
    assert_int_equal(l.nheaders, 5);
    assert_int_equal(l.headers[1].line, 3);
    lesson_free(&l);
}

static void test_defaults_and_plain_scripts(void **state)
{
    (void)state;
    Lesson l;
    Diag d;
    /* No docstring: titled by the file name, order free, no narration. */
    assert_int_equal(parse("print(1)\n", false, &l, &d), 0);
    assert_null(l.section);
    assert_string_equal(l.title, "t");
    assert_int_equal(l.order, LESSON_ORDER_FREE);
    assert_string_equal(l.narration_en, "");
    assert_string_equal(l.narration_vi, "");
    assert_string_equal(lesson_title(&l, "vi"), "t");
    lesson_free(&l);

    /* An ordinary docstring whose first line happens to contain a colon is
     * narration, not a broken header, outside lessons/. */
    assert_int_equal(parse("'''Note: this program\ncomputes things.\n'''\n", false, &l, &d), 0);
    assert_int_equal(l.nheaders, 0);
    assert_string_equal(l.narration_en, "Note: this program\ncomputes things.");
    lesson_free(&l);

    /* Comments and blank lines may come before the docstring; headers may
     * start on the line of the quotes. */
    assert_int_equal(parse("#!/usr/bin/env python3\n\n\"\"\"section: A.2\ntitle: Deadlock\n\"\"\"\n",
                           true, &l, &d), 0);
    assert_string_equal(l.section, "A.2");
    assert_int_equal(l.doc_line, 3);
    lesson_free(&l);

    /* A raw docstring keeps its backslashes. */
    assert_int_equal(parse("r\"\"\"\nsection: 1.1\ntitle: T\n\na\\nb\n\"\"\"\n", true, &l, &d), 0);
    assert_string_equal(l.narration_en, "a\\nb");
    lesson_free(&l);
}

static void test_strict_errors(void **state)
{
    (void)state;
    static const struct { const char *src; int line, col; const char *words; } cases[] = {
        { "print(1)\n", 1, 1, "'section: N'" },
        { "\n\n\"\"\"\ntitle: T\n\"\"\"\n", 3, 1, "'section: N'" },
        { "\"\"\"\nsection: 2\n\"\"\"\n", 1, 1, "'title: TEXT'" },
        { "\"\"\"\nsection: 2\ntitle: T\nnot a header\n\"\"\"\n", 4, 1, "key: value" },
        { "\"\"\"\nsection: 2.x\ntitle: T\n\"\"\"\n", 2, 10, "not a section number" },
        { "\"\"\"\nsection: 2\ntitle: T\norder: random\n\"\"\"\n", 4, 8, "'fixed' or 'free'" },
        { "\"\"\"\nsection: 2\ntitle: T\ntitle: U\n\"\"\"\n", 4, 1, "given twice" },
        { "\"\"\"\nsection: 2\ntitle:\n\"\"\"\n", 3, 7, "title is empty" },
        { "\"\"\"\nsection: 2\ntitle: T\n", 1, 1, "never ends" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Lesson l;
        Diag d = { 0 };
        if (parse(cases[i].src, true, &l, &d) != -1)
            fail_msg("case %zu parsed", i);
        if (d.line != cases[i].line || d.col != cases[i].col || !strstr(d.msg, cases[i].words))
            fail_msg("case %zu: got %d:%d '%s', want %d:%d '...%s...'", i, d.line, d.col, d.msg,
                     cases[i].line, cases[i].col, cases[i].words);
        assert_string_equal(d.file, "t.py");
    }
    /* Outside lessons/ a missing section is fine, a bad value is not. */
    Lesson l;
    Diag d;
    assert_int_equal(parse("\"\"\"\ntitle: T\n\"\"\"\n", false, &l, &d), 0);
    lesson_free(&l);
    assert_int_equal(parse("\"\"\"\norder: maybe\n\"\"\"\n", false, &l, &d), -1);
}

static void test_sections(void **state)
{
    (void)state;
    static const char *const good[] = { "1", "2.3", "10.12.1", "A.1", "B.20" };
    static const char *const bad[] = { "", "A", "a.1", "2.", ".2", "2..3", "2.x", "1.A", "AB.1", "2 3" };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        if (!lesson_is_section(good[i]))
            fail_msg("'%s' refused", good[i]);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (lesson_is_section(bad[i]))
            fail_msg("'%s' accepted", bad[i]);
    /* The article's order, as a chain. */
    static const char *const chain[] = { "1.1", "2.1", "2.3", "2.10", "3", "3.1", "3.3", "4.1",
                                         "6", "10", "A.1", "A.2", "A.10", "B.1" };
    size_t n = sizeof chain / sizeof chain[0];
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
            int c = lesson_section_cmp(chain[i], chain[j]);
            int want = i < j ? -1 : i > j ? 1 : 0;
            if ((c > 0) - (c < 0) != want)
                fail_msg("cmp(%s, %s) = %d", chain[i], chain[j], c);
        }
    assert_int_equal(lesson_section_cmp("02.3", "2.3"), 0);
}

static void write_file(const char *dir, const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void test_catalog(void **state)
{
    (void)state;
    char dir[] = "/tmp/parlab-test-lesson.XXXXXX";
    assert_non_null(mkdtemp(dir));
    write_file(dir, "a1.py", "\"\"\"\nsection: A.1\ntitle: Race\n\"\"\"\n");
    write_file(dir, "six.py", "\"\"\"\nsection: 6\ntitle: End\n\"\"\"\n");
    write_file(dir, "x31.py", "\"\"\"\nsection: 3.1\ntitle: Share\n\"\"\"\n");
    write_file(dir, "x3.py", "\"\"\"\nsection: 3\ntitle: Proc\n\"\"\"\n");
    write_file(dir, "parlab.py", "def pause(text): pass\n");
    write_file(dir, "_draft.py", "nothing\n");
    write_file(dir, "notes.txt", "nothing\n");
    write_file(dir, "broken.py", "print('no header')\n");

    Catalog c;
    char err[256];
    assert_int_equal(catalog_load(&c, dir, err, sizeof err), 0);
    assert_int_equal(c.n, 4);
    assert_string_equal(c.v[0].section, "3");
    assert_string_equal(c.v[1].section, "3.1");
    assert_string_equal(c.v[2].section, "6");
    assert_string_equal(c.v[3].section, "A.1");
    assert_int_equal(c.nerrors, 1);
    assert_non_null(strstr(c.errors[0].file, "broken.py"));
    const Lesson *l = catalog_find(&c, "3.1");
    assert_non_null(l);
    assert_string_equal(l->title, "Share");
    assert_null(catalog_find(&c, "9.9"));
    catalog_free(&c);

    setenv("PARLAB_LESSONS", dir, 1);
    char *found = catalog_find_dir("/nowhere/bin/parlab", err, sizeof err);
    assert_non_null(found);
    assert_string_equal(found, dir);
    free(found);
    setenv("PARLAB_LESSONS", "/nonexistent-parlab-dir", 1);
    assert_null(catalog_find_dir(NULL, err, sizeof err));
    assert_non_null(strstr(err, "PARLAB_LESSONS=/nonexistent-parlab-dir"));
    unsetenv("PARLAB_LESSONS");

    /* lessons/ next to the binary */
    char exe[700], sub[600];
    snprintf(sub, sizeof sub, "%s/lessons", dir);
    assert_int_equal(mkdir(sub, 0700), 0);
    snprintf(exe, sizeof exe, "%s/parlab", dir);
    found = catalog_find_dir(exe, err, sizeof err);
    assert_non_null(found);
    assert_string_equal(found, sub);
    free(found);

    /* build/VARIANT/parlab finds the source tree's lessons two levels up */
    char build[300], variant[300];
    snprintf(build, sizeof build, "%s/build", dir);
    snprintf(variant, sizeof variant, "%s/build/asan", dir);
    assert_int_equal(mkdir(build, 0700), 0);
    assert_int_equal(mkdir(variant, 0700), 0);
    snprintf(exe, sizeof exe, "%s/parlab", variant);
    found = catalog_find_dir(exe, err, sizeof err);
    assert_non_null(found);
    assert_string_equal(found, sub);      /* normalised: no build/asan/../../ */
    free(found);
    /* ...but an installed binary does not wander up to PREFIX/../lessons */
    snprintf(exe, sizeof exe, "%s/bin/parlab", variant);
    char *none = catalog_find_dir(exe, err, sizeof err);
    if (none)
        assert_null(strstr(none, "../../lessons"));
    free(none);
    rmdir(variant);
    rmdir(build);

    static const char *const names[] = { "a1.py", "six.py", "x31.py", "x3.py", "parlab.py",
                                         "_draft.py", "notes.txt", "broken.py" };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char p[600];
        snprintf(p, sizeof p, "%s/%s", dir, names[i]);
        unlink(p);
    }
    rmdir(sub);
    rmdir(dir);
}

static void test_read_file(void **state)
{
    (void)state;
    char dir[] = "/tmp/parlab-test-read.XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[128];
    Diag d;
    size_t len;

    snprintf(path, sizeof path, "%s/ok.py", dir);
    write_file(dir, "ok.py", "print('h\xC3\xA9llo')\n");
    char *s = lesson_read_file(path, &len, &d);
    assert_non_null(s);
    assert_int_equal(len, 16);
    free(s);

    snprintf(path, sizeof path, "%s/bad.py", dir);
    write_file(dir, "bad.py", "x = 1\nprint('\xC3')\n");
    assert_null(lesson_read_file(path, &len, &d));
    assert_int_equal(d.line, 2);
    assert_int_equal(d.col, 8);
    assert_non_null(strstr(d.msg, "UTF-8"));

    FILE *f = fopen(path, "w");
    fwrite("ab\0c", 1, 4, f);
    fclose(f);
    assert_null(lesson_read_file(path, &len, &d));
    assert_int_equal(d.line, 1);
    assert_int_equal(d.col, 3);
    assert_non_null(strstr(d.msg, "NUL"));

    f = fopen(path, "w");
    for (int i = 0; i < LESSON_MAX_BYTES / 63 + 2; i++)
        fputs("#234567890123456789012345678901234567890123456789012345678901\n\n", f);
    fclose(f);
    assert_null(lesson_read_file(path, &len, &d));
    assert_int_equal(d.line, 0);
    assert_non_null(strstr(d.msg, "too large"));
    unlink(path);

    snprintf(path, sizeof path, "%s/missing.py", dir);
    assert_null(lesson_read_file(path, &len, &d));
    assert_int_equal(d.line, 0);
    assert_string_equal(d.msg, "No such file or directory");

    snprintf(path, sizeof path, "%s/ok.py", dir);
    unlink(path);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_full_header),
        cmocka_unit_test(test_defaults_and_plain_scripts),
        cmocka_unit_test(test_strict_errors),
        cmocka_unit_test(test_sections),
        cmocka_unit_test(test_catalog),
        cmocka_unit_test(test_read_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
