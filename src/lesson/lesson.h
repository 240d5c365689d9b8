/* A lesson's identity and narration, read from its module docstring:
 *
 *   """
 *   section: 2.3
 *   title: Thread lock
 *   title.vi: Khoá luồng
 *   order: fixed
 *
 *   English narration...
 *
 *   [vi]
 *   Vietnamese narration...
 *   """
 *
 * Headers are `key: value` lines up to the first blank line; see
 * docs/LESSONS.md.  Also here: reading a script file with the size and
 * content checks every command applies before parsing.
 */
#ifndef PARLAB_LESSON_H
#define PARLAB_LESSON_H

#include <stdbool.h>
#include <stddef.h>

#include "lang/lang.h"

/* Larger files are refused: no lesson is anywhere near this. */
#define LESSON_MAX_BYTES (1024 * 1024)

typedef enum { LESSON_ORDER_FREE, LESSON_ORDER_FIXED } LessonOrder;

typedef struct {
    char *key, *value;
    int line;               /* 1-based line in the file */
} LessonHeader;

typedef struct {
    char *path;             /* as given */
    char *section;          /* "2.3", "A.1"; NULL when absent */
    char *title;            /* the header, else the file name without .py */
    char *title_vi;         /* NULL when absent */
    LessonOrder order;
    char *narration_en;     /* "" when absent; never NULL */
    char *narration_vi;     /* "" when absent; never NULL */
    LessonHeader *headers;  /* every header, known or not, in file order */
    int nheaders;
    int doc_line;           /* line of the opening quotes; 0 without a docstring */
} Lesson;

/* Reads a whole script: at most LESSON_MAX_BYTES, no NUL byte, valid UTF-8.
 * Returns a NUL-terminated buffer (caller frees) and its length, or NULL
 * with *err filled: line 0 for a system error (msg is strerror's text, to
 * print as "parlab: FILE: MSG"), else the place of the bad byte. */
char *lesson_read_file(const char *path, size_t *len, Diag *err);

/* Parses the docstring headers and narration out of the raw source text.
 * strict: the file is a catalogue lesson, so `section` and `title` are
 * required and every line of the header block must be `key: value`.
 * Returns 0, or -1 with *err filled (FILE:LINE:COL).  On success the Lesson
 * must be released with lesson_free. */
int lesson_parse(const char *path, const char *src, size_t len, bool strict,
                 Lesson *out, Diag *err);

/* The value of any header (e.g. "order"), or NULL. */
const char *lesson_header(const Lesson *l, const char *key);

/* The title in the language asked for ("vi" falls back to English). */
const char *lesson_title(const Lesson *l, const char *lang);

/* Article order of two section numbers: numeric parts numerically, a number
 * before a letter (6 < A.1), a prefix first (3 < 3.1).  strcmp-like. */
int lesson_section_cmp(const char *a, const char *b);

/* Whether s is a section number: "3", "2.3", "A.1". */
bool lesson_is_section(const char *s);

void lesson_free(Lesson *l);

#endif
