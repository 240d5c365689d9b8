/* Finding the lessons directory and listing the lessons in it. */
#include "lesson/catalog.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef PARLAB_PREFIX
#define PARLAB_PREFIX "/usr/local"
#endif

static bool catalog_is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static char *catalog_strdup(const char *s)
{
    char *d = strdup(s);
    if (!d) {
        fprintf(stderr, "parlab: out of memory\n");
        abort();
    }
    return d;
}

/* Whether the directory exe[0, dlen) is SRC/build/VARIANT: then the
 * source tree's lessons are ../../lessons (make asan, make tsan). */
static bool catalog_in_build_tree(const char *exe, size_t dlen)
{
    size_t v = dlen;
    while (v > 0 && exe[v - 1] != '/')
        v--;
    return v >= 7 && v < dlen && !strncmp(exe + v - 7, "/build/", 7);
}

char *catalog_find_dir(const char *exe, char *err, size_t errlen)
{
    const char *env = getenv("PARLAB_LESSONS");
    if (env && *env) {
        if (catalog_is_dir(env))
            return catalog_strdup(env);
        snprintf(err, errlen, "PARLAB_LESSONS=%s: %s", env,
                 access(env, F_OK) == 0 ? "Not a directory" : "No such file or directory");
        return NULL;
    }
    char self[PATH_MAX];
    if (!exe) {
        ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
        if (n > 0) {
            self[n] = '\0';
            exe = self;
        }
    }
    /* Candidates relative to the binary (beside it; an install tree moved
     * elsewhere or staged with DESTDIR: BIN/../share/parlab/lessons; the
     * source tree from build/VARIANT), then the prefix compiled in. */
    static const char *const rel[] = { "lessons", "../share/parlab/lessons", "../../lessons" };
    char tried[4][PATH_MAX];
    int ntried = 0;
    if (exe && strchr(exe, '/')) {
        size_t dlen = (size_t)(strrchr(exe, '/') - exe);
        size_t nrel = catalog_in_build_tree(exe, dlen) ? 3 : 2;
        for (size_t i = 0; i < nrel; i++) {
            snprintf(tried[ntried], PATH_MAX, "%.*s/%s", (int)dlen, exe, rel[i]);
            if (catalog_is_dir(tried[ntried])) {
                char real[PATH_MAX];   /* shown by --list: no "bin/../" */
                return catalog_strdup(realpath(tried[ntried], real) ? real : tried[ntried]);
            }
            ntried++;
        }
    }
    snprintf(tried[ntried], PATH_MAX, "%s/share/parlab/lessons", PARLAB_PREFIX);
    if (catalog_is_dir(tried[ntried]))
        return catalog_strdup(tried[ntried]);
    ntried++;
    size_t used = (size_t)snprintf(err, errlen, "no lessons directory (looked in");
    for (int i = 0; i < ntried && used < errlen; i++)
        used += (size_t)snprintf(err + used, errlen - used, "%s %s", i ? "," : "", tried[i]);
    if (used < errlen)
        snprintf(err + used, errlen - used, "); set PARLAB_LESSONS to the directory of the lessons");
    return NULL;
}

bool catalog_is_lesson_name(const char *name)
{
    size_t n = strlen(name);
    return n > 3 && !strcmp(name + n - 3, ".py") && name[0] != '.' && name[0] != '_' &&
           strcmp(name, "parlab.py") != 0;
}

static int catalog_order(const void *a, const void *b)
{
    const Lesson *x = a, *y = b;
    int c = lesson_section_cmp(x->section, y->section);
    return c ? c : strcmp(x->path, y->path);
}

static int catalog_error_order(const void *a, const void *b)
{
    const Diag *x = a, *y = b;
    int c = strcmp(x->file, y->file);
    return c ? c : x->line - y->line;
}

static void catalog_error(Catalog *c, const Diag *d)
{
    Diag *v = realloc(c->errors, (size_t)(c->nerrors + 1) * sizeof *v);
    if (!v) {
        fprintf(stderr, "parlab: out of memory\n");
        abort();
    }
    c->errors = v;
    c->errors[c->nerrors++] = *d;
}

int catalog_load(Catalog *c, const char *dir, char *err, size_t errlen)
{
    memset(c, 0, sizeof *c);
    DIR *d = opendir(dir);
    if (!d) {
        snprintf(err, errlen, "%s: %s", dir, strerror(errno));
        return -1;
    }
    c->dir = catalog_strdup(dir);
    /* Diag.file is borrowed: the paths of bad files live here until free. */
    struct dirent *e;
    int cap = 0;
    while ((e = readdir(d)) != NULL) {
        if (!catalog_is_lesson_name(e->d_name))
            continue;
        size_t plen = strlen(dir) + strlen(e->d_name) + 2;
        char *path = malloc(plen);
        if (!path)
            abort();
        snprintf(path, plen, "%s/%s", dir, e->d_name);
        if (!catalog_is_dir(path)) {
            Diag diag;
            size_t len;
            char *src = lesson_read_file(path, &len, &diag);
            Lesson l;
            if (src && lesson_parse(path, src, len, true, &l, &diag) == 0) {
                if (c->n == cap) {
                    cap = cap ? cap * 2 : 16;
                    c->v = realloc(c->v, (size_t)cap * sizeof *c->v);
                    if (!c->v)
                        abort();
                }
                c->v[c->n++] = l;
            } else {
                /* The Diag points at path; keep a copy alive with the catalogue. */
                diag.file = catalog_strdup(path);
                catalog_error(c, &diag);
            }
            free(src);
        }
        free(path);
    }
    closedir(d);
    if (c->n > 1)
        qsort(c->v, (size_t)c->n, sizeof *c->v, catalog_order);
    for (int i = 1; i < c->n; i++) {
        if (lesson_section_cmp(c->v[i - 1].section, c->v[i].section) == 0) {
            Diag dup = { catalog_strdup(c->v[i].path), c->v[i].doc_line, 1, "" };
            snprintf(dup.msg, sizeof dup.msg, "section %s is also the section of %s",
                     c->v[i].section, c->v[i - 1].path);
            catalog_error(c, &dup);
        }
    }
    if (c->nerrors > 1)
        qsort(c->errors, (size_t)c->nerrors, sizeof *c->errors, catalog_error_order);
    return 0;
}

const Lesson *catalog_find(const Catalog *c, const char *section)
{
    for (int i = 0; i < c->n; i++)
        if (lesson_section_cmp(c->v[i].section, section) == 0)
            return &c->v[i];
    return NULL;
}

void catalog_free(Catalog *c)
{
    for (int i = 0; i < c->n; i++)
        lesson_free(&c->v[i]);
    for (int i = 0; i < c->nerrors; i++)
        free((char *)c->errors[i].file);
    free(c->v);
    free(c->errors);
    free(c->dir);
    memset(c, 0, sizeof *c);
}
