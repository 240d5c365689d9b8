/* The lesson catalogue: which directory holds the lessons, every lesson in
 * it (header only, not parsed as code), sorted in the article's order. */
#ifndef PARLAB_CATALOG_H
#define PARLAB_CATALOG_H

#include <stdbool.h>
#include <stddef.h>

#include "lesson/lesson.h"

typedef struct {
    char *dir;              /* where they were found */
    Lesson *v;              /* sorted by section (1.1 < 2.3 < 3 < 3.1 < 6 < A.1), then path */
    int n;
    Diag *errors;           /* one per file that is not a valid lesson */
    int nerrors;
} Catalog;

/* The lessons directory: $PARLAB_LESSONS when set (it must exist), else
 * lessons/ next to the binary, else ../../lessons from it (a binary built
 * under build/VARIANT/ in the source tree), else
 * PARLAB_PREFIX/share/parlab/lessons.  exe is the binary's path (NULL:
 * /proc/self/exe).  Returns a malloc'd path, or NULL with a message in err
 * naming where it looked. */
char *catalog_find_dir(const char *exe, char *err, size_t errlen);

/* Reads every NAME.py in dir but parlab.py and names starting with '_' or
 * '.'.  A file that is not a valid lesson goes to errors, not to v.
 * Returns 0, or -1 when the directory cannot be read (err filled). */
int catalog_load(Catalog *c, const char *dir, char *err, size_t errlen);

/* Whether a file name (no directory) is one catalog_load reads. */
bool catalog_is_lesson_name(const char *name);

/* The lesson with that section (sections compare as numbers: "02.3" is
 * "2.3"), or NULL. */
const Lesson *catalog_find(const Catalog *c, const char *section);

void catalog_free(Catalog *c);

#endif
