/* Which lessons have been run: one key (section number, else file name)
 * per line in $XDG_STATE_HOME/parlab/progress, else
 * ~/.local/state/parlab/progress.  Failing to read or write it is never
 * an error: the marks are a convenience. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ui/app.h"

/* The directory (created when `make` is set); 0 when there is none. */
static int progress_dir(char *out, size_t size, int make)
{
    const char *xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
    int n;
    if (xdg && *xdg == '/')
        n = snprintf(out, size, "%s/parlab", xdg);
    else if (home && *home)
        n = snprintf(out, size, "%s/.local/state/parlab", home);
    else
        return 0;
    if (n < 0 || (size_t)n >= size)
        return 0;
    if (make) {
        /* mkdir -p, one component at a time */
        for (char *p = out + 1; *p; p++) {
            if (*p != '/')
                continue;
            *p = '\0';
            mkdir(out, 0700);
            *p = '/';
        }
        if (mkdir(out, 0700) < 0 && errno != EEXIST)
            return 0;
    }
    return 1;
}

int ui_progress_has(const char *key)
{
    char dir[PATH_MAX], path[PATH_MAX + 16], line[256];
    if (!key || !progress_dir(dir, sizeof dir, 0))
        return 0;
    snprintf(path, sizeof path, "%s/progress", dir);
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    int found = 0;
    while (!found && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        found = !strcmp(line, key);
    }
    fclose(f);
    return found;
}

void ui_progress_mark(const char *key)
{
    char dir[PATH_MAX], path[PATH_MAX + 16];
    if (!key || !*key || strchr(key, '\n') || ui_progress_has(key) || !progress_dir(dir, sizeof dir, 1))
        return;
    snprintf(path, sizeof path, "%s/progress", dir);
    FILE *f = fopen(path, "a");
    if (!f)
        return;
    fprintf(f, "%s\n", key);
    fclose(f);
}
