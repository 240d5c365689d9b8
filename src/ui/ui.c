/* The UI's entry points for a lesson (ui.h): take the terminal, run the
 * lesson, move along the catalogue with n/p, give the terminal back.  The
 * menu is in menu.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lesson/catalog.h"
#include "ui/app.h"
#include "ui/demo_source.h"
#include "ui/replay_source.h"
#include "ui/term.h"

#define UI_ERRLEN 1024

int ui_fail(const char *err)
{
    fprintf(stderr, "parlab: %s\n", err);
    return 2;
}

int ui_catalog(Catalog *cat, char *err, size_t errlen)
{
    char *dir = catalog_find_dir(NULL, err, errlen);
    if (!dir)
        return -1;
    int rc = catalog_load(cat, dir, err, errlen);
    free(dir);
    return rc;
}

/* The catalogue index of `path`: the same path, else the same file name. */
static int ui_catalog_index(const Catalog *cat, const char *path)
{
    if (!path)
        return -1;
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    for (int i = 0; i < cat->n; i++)
        if (!strcmp(cat->v[i].path, path))
            return i;
    for (int i = 0; i < cat->n; i++) {
        const char *b = strrchr(cat->v[i].path, '/');
        if (!strcmp(b ? b + 1 : cat->v[i].path, base))
            return i;
    }
    return -1;
}

int ui_session(Catalog *cat, int *idx, const char *path, UiSource *src, const UiOptions *opt,
               char *err, size_t errlen)
{
    Catalog own;
    int have_own = 0;
    char *cur = path ? strdup(path) : NULL;
    int code;
    for (;;) {
        code = ui_screen_run(cur, src, opt, err, errlen);
        ui_source_destroy(src);
        src = NULL;
        if (code != UI_EXIT_NEXT && code != UI_EXIT_PREV)
            break;
        if (!cat) {
            if (ui_catalog(&own, err, errlen) < 0) {
                code = 2;
                break;
            }
            cat = &own;
            have_own = 1;
        }
        int i = ui_catalog_index(cat, cur);
        i = i < 0 ? 0 : code == UI_EXIT_NEXT ? (i + 1 < cat->n ? i + 1 : i) : (i > 0 ? i - 1 : 0);
        if (!cat->n || !(src = opt->open(cat->v[i].path, opt->open_arg))) {
            snprintf(err, errlen, "cannot start the lesson %s", cat->n ? cat->v[i].path : "");
            code = 2;
            break;
        }
        free(cur);
        cur = strdup(cat->v[i].path);
        if (idx)
            *idx = i;
    }
    free(cur);
    if (have_own)
        catalog_free(&own);
    return code;
}

int ui_run_lesson(const char *path, UiSource *src, const UiOptions *opt)
{
    char err[UI_ERRLEN] = "";
    if (!src)
        return 2;
    if (term_init(err, sizeof err) < 0) {
        ui_source_destroy(src);
        return ui_fail(err);
    }
    UiOptions none = { 0 };
    int code = ui_session(NULL, NULL, path, src, opt ? opt : &none, err, sizeof err);
    term_restore();
    if (code == 2)
        return ui_fail(err);
    return code < 0 ? 0 : code;
}

int ui_replay(const char *file, const char *script, const UiOptions *opt)
{
    char err[UI_ERRLEN];
    UiSource *src;
    if (replay_source_open(file, 0, 0, 0, &src, err, sizeof err) < 0)
        return ui_fail(err);
    UiOptions o = opt ? *opt : (UiOptions){ 0 };
    o.open = NULL;      /* n/p would leave the recording for a live run */
    return ui_run_lesson(script, src, &o);
}

int ui_demo(const UiOptions *opt)
{
    UiOptions o = opt ? *opt : (UiOptions){ 0 };
    return ui_run_lesson(NULL, demo_source_create(o.step, o.speed), &o);
}
