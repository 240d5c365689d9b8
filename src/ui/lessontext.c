/* The lesson text the screen shows: title and narration from the lesson
 * header (lesson.h), and the source split into lines for the code pane. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lesson/lesson.h"
#include "ui/view.h"

static char *lt_strdup(const char *s)
{
    char *p = strdup(s ? s : "");
    if (!p)
        abort();
    return p;
}

/* Narration is written wrapped at ~78 columns; the pane has its own width,
 * so join the lines of each paragraph (a newline becomes a space) and keep
 * blank lines, and lines that start a list item or are indented, as breaks. */
static char *lt_reflow(const char *s)
{
    char *out = lt_strdup(s);
    for (char *p = out; *p; p++) {
        if (*p != '\n' || p == out || p[-1] == '\n')
            continue;
        const char *next = p + 1;
        bool brk = *next == '\n' || *next == '\0' || *next == ' ' || *next == '\t' ||
                   ((*next == '-' || *next == '*') && next[1] == ' ') ||
                   (*next >= '0' && *next <= '9' && next[1] == '.');
        if (!brk)
            *p = ' ';
    }
    return out;
}

int ui_lesson_load(UiLessonText *t, const char *path, const char *text, const char *name,
                   char *err, size_t errlen)
{
    memset(t, 0, sizeof *t);
    size_t len;
    char *src;
    if (path) {
        Diag d;
        src = lesson_read_file(path, &len, &d);
        if (!src) {
            snprintf(err, errlen, "%s: %s", path, d.msg);
            return -1;
        }
    } else {
        src = lt_strdup(text);
        len = strlen(src);
    }
    const char *base = path ? strrchr(path, '/') : NULL;
    t->name = lt_strdup(base ? base + 1 : path ? path : name ? name : "lesson");
    t->src = src;
    Lesson l;
    Diag d;
    if (lesson_parse(path ? path : t->name, src, len, false, &l, &d) == 0) {
        t->section = l.section ? lt_strdup(l.section) : NULL;
        t->title = lt_strdup(l.title);
        t->title_vi = l.title_vi ? lt_strdup(l.title_vi) : NULL;
        t->narration_en = lt_reflow(l.narration_en);
        t->narration_vi = lt_reflow(l.narration_vi);
        lesson_free(&l);
    } else {
        t->title = lt_strdup(t->name);
        t->narration_en = lt_strdup("");
        t->narration_vi = lt_strdup("");
    }
    /* Lines: a copy of the source cut at each newline. */
    char *copy = lt_strdup(src);
    int cap = 1;
    for (const char *p = copy; *p; p++)
        cap += *p == '\n';
    t->lines = malloc((size_t)(cap + 1) * sizeof *t->lines);
    if (!t->lines)
        abort();
    char *p = copy;
    while (*p) {
        char *nl = strchr(p, '\n');
        t->lines[t->nlines++] = p;
        if (!nl)
            break;
        *nl = '\0';
        p = nl + 1;
    }
    if (!t->nlines)
        t->lines[t->nlines++] = copy;
    return 0;
}

void ui_lesson_free(UiLessonText *t)
{
    if (t->lines)
        free(t->lines[0]);
    free(t->lines);
    free(t->name);
    free(t->section);
    free(t->title);
    free(t->title_vi);
    free(t->src);
    free(t->narration_en);
    free(t->narration_vi);
    memset(t, 0, sizeof *t);
}
