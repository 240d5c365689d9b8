/* parlab's command line: one table of options, then the mode it picks
 * (help, version, list, check, headless run; the terminal UI later). */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/lang.h"
#include "lesson/catalog.h"
#include "lesson/lesson.h"
#include "run/runner.h"
#include "ui/ui.h"
#include "vm/vm.h"

/* Room for "no lessons directory (looked in A, B, C); ..." */
#define MAIN_ERRLEN 8192

#ifndef PARLAB_VERSION
#define PARLAB_VERSION "dev"
#endif

/* Under ThreadSanitizer, a child forked from a threaded process dies when it
 * starts a thread unless die_after_fork=0; lessons do just that (a Process
 * started while Threads run gets its own watchdog and workers).  Defined only
 * in the binary (not in the unit tests, which define their own), and only
 * under TSan, so no test needs to set TSAN_OPTIONS by hand. */
#if defined(__SANITIZE_THREAD__)
#define MAIN_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define MAIN_TSAN 1
#endif
#endif
#ifdef MAIN_TSAN
const char *__tsan_default_options(void);
const char *__tsan_default_options(void)
{
    return "die_after_fork=0";
}
#endif

typedef enum {
    MODE_UI, MODE_HELP, MODE_VERSION, MODE_LIST, MODE_CHECK, MODE_HEADLESS,
} Mode;

typedef struct {
    Mode mode;
    const char *mode_name;      /* the option that chose it */
    const char *lang;           /* "en" or "vi"; NULL: not given (the locale decides) */
    bool events, step, demo;
    const char *speed, *record, *replay, *trace, *schedule;
    char **args;                /* positional arguments */
    int nargs;
} Cli;

typedef enum {
    OPT_HELP, OPT_VERSION, OPT_LIST, OPT_CHECK, OPT_HEADLESS, OPT_LANG,
    OPT_EVENTS, OPT_STEP, OPT_SPEED, OPT_RECORD, OPT_REPLAY, OPT_TRACE,
    OPT_SCHEDULE, OPT_DEMO,
} OptId;

static const struct {
    const char *name;
    char shortname;
    OptId id;
    const char *arg;            /* NULL: takes no value */
    const char *help;
} main_options[] = {
    { "headless", 0,   OPT_HEADLESS, NULL, "run LESSON without the UI: its output on stdout" },
    { "check",    0,   OPT_CHECK,    NULL, "parse and validate FILE...; report the first error" },
    { "list",     0,   OPT_LIST,     NULL, "list the lessons: section, title, path" },
    { "lang",     0,   OPT_LANG,     "en|vi", "language of titles and narration (default: the locale's)" },
    { "events",   0,   OPT_EVENTS,   NULL, "with --headless, print the event log (one event a line) instead of the output" },
    { "step",     0,   OPT_STEP,     NULL, "start paused, one scheduling step at a time" },
    { "speed",    0,   OPT_SPEED,    "X",  "run the lesson at speed X (0.01 .. 10; 1 = real time)" },
    { "record",   0,   OPT_RECORD,   "F",  "save the run's events (and its schedule) to F" },
    { "replay",   0,   OPT_REPLAY,   "F",  "open a run saved with --record, for time travel" },
    { "replay-schedule", 0, OPT_SCHEDULE, "F", 
      "run LESSON again forcing the interleaving recorded in F" },
    { "trace",    0,   OPT_TRACE,    "OUT.json", "also write Chrome trace-event JSON" },
    { "demo",     0,   OPT_DEMO,     NULL, NULL },   /* hidden: a synthetic run */
    { "help",     'h', OPT_HELP,     NULL, "show this help" },
    { "version",  'V', OPT_VERSION,  NULL, "show the version" },
};
#define MAIN_NOPTIONS (int)(sizeof main_options / sizeof main_options[0])

static void main_usage(FILE *f)
{
    fprintf(f,
            "usage: parlab [OPTIONS] [LESSON]\n"
            "       parlab --headless LESSON\n"
            "       parlab --check FILE...\n"
            "       parlab --list\n"
            "\n"
            "A terminal lab for parallel computing in Python: lessons run on real\n"
            "threads and processes, each with its own GIL, and parlab shows them.\n"
            "LESSON is a path to a .py file or a section number such as 2.3.\n"
            "\n"
            "options:\n");
    for (int i = 0; i < MAIN_NOPTIONS; i++) {
        char left[40], shortopt[8] = "    ";
        if (!main_options[i].help)
            continue;
        if (main_options[i].shortname)
            snprintf(shortopt, sizeof shortopt, "-%c, ", main_options[i].shortname);
        snprintf(left, sizeof left, "%s--%.16s%s%.10s", shortopt, main_options[i].name,
                 main_options[i].arg ? " " : "", main_options[i].arg ? main_options[i].arg : "");
        fprintf(f, "  %-24s %s\n", left, main_options[i].help);
    }
    fprintf(f,
            "\n"
            "exit status: 0 ok; 1 the lesson raised an uncaught exception;\n"
            "2 a usage, file or script error.  See parlab(1) and docs/LESSONS.md.\n");
}

static int main_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int main_fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("parlab: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return 2;
}

static int main_set_mode(Cli *cli, Mode m, const char *name)
{
    if (cli->mode != MODE_UI && cli->mode != m)
        return main_fail("--%s and --%s cannot be combined; choose one", cli->mode_name, name);
    cli->mode = m;
    cli->mode_name = name;
    return 0;
}

/* Fills cli from argv; returns 0, or 2 after printing why. */
static int main_parse(int argc, char **argv, Cli *cli)
{
    cli->lang = NULL;
    cli->args = calloc((size_t)argc + 1, sizeof *cli->args);
    if (!cli->args)
        abort();
    bool only_args = false;
    for (int i = 1; i < argc; i++) {
        char *a = argv[i];
        if (only_args || a[0] != '-' || a[1] == '\0') {
            cli->args[cli->nargs++] = a;
            continue;
        }
        if (!strcmp(a, "--")) {
            only_args = true;
            continue;
        }
        const char *val = NULL;
        size_t nlen = strcspn(a + 2, "=");
        int k = 0;
        for (; k < MAIN_NOPTIONS; k++) {
            if (a[1] == '-' ? (strlen(main_options[k].name) == nlen &&
                               !strncmp(a + 2, main_options[k].name, nlen))
                            : (a[1] == main_options[k].shortname && a[2] == '\0'))
                break;
        }
        if (k == MAIN_NOPTIONS)
            return main_fail("unknown option '%s'; see 'parlab --help'", a);
        const char *name = main_options[k].name;
        if (a[1] == '-' && a[2 + nlen] == '=')
            val = a + 3 + nlen;
        if (main_options[k].arg && !val) {
            if (i + 1 >= argc)
                return main_fail("--%s needs a value (%s)", name, main_options[k].arg);
            val = argv[++i];
        } else if (!main_options[k].arg && val) {
            return main_fail("--%s takes no value", name);
        }
        int rc = 0;
        switch (main_options[k].id) {
        case OPT_HELP:     rc = main_set_mode(cli, MODE_HELP, name); break;
        case OPT_VERSION:  rc = main_set_mode(cli, MODE_VERSION, name); break;
        case OPT_LIST:     rc = main_set_mode(cli, MODE_LIST, name); break;
        case OPT_CHECK:    rc = main_set_mode(cli, MODE_CHECK, name); break;
        case OPT_HEADLESS: rc = main_set_mode(cli, MODE_HEADLESS, name); break;
        case OPT_LANG:
            if (strcmp(val, "en") && strcmp(val, "vi"))
                return main_fail("--lang must be en or vi, not '%s'", val);
            cli->lang = val;
            break;
        case OPT_EVENTS:   cli->events = true; break;
        case OPT_STEP:     cli->step = true; break;
        case OPT_SPEED: {
            char *end;
            errno = 0;
            double x = strtod(val, &end);
            if (errno || end == val || *end || !(x > 0) || x > 1e6)
                return main_fail("--speed needs a positive number, not '%s'", val);
            cli->speed = val;
            break;
        }
        case OPT_RECORD:   cli->record = val; break;
        case OPT_REPLAY:   cli->replay = val; break;
        case OPT_TRACE:    cli->trace = val; break;
        case OPT_SCHEDULE: cli->schedule = val; break;
        case OPT_DEMO:     cli->demo = true; break;
        }
        if (rc)
            return rc;
    }
    return 0;
}

/* LESSON is a section number ("2.3") unless it looks like a path. */
static bool main_is_section_arg(const char *arg)
{
    size_t n = strlen(arg);
    return !strchr(arg, '/') && !(n > 3 && !strcmp(arg + n - 3, ".py")) && lesson_is_section(arg);
}

/* The path of LESSON, malloc'd; NULL after printing why. */
static char *main_resolve(const char *arg)
{
    if (!main_is_section_arg(arg)) {
        char *p = strdup(arg);
        if (!p)
            abort();
        return p;
    }
    char err[MAIN_ERRLEN];
    char *dir = catalog_find_dir(NULL, err, sizeof err);
    if (!dir) {
        main_fail("%s", err);
        return NULL;
    }
    Catalog c;
    char *path = NULL;
    if (catalog_load(&c, dir, err, sizeof err) < 0) {
        main_fail("%s", err);
    } else {
        const Lesson *l = catalog_find(&c, arg);
        if (l) {
            path = strdup(l->path);
        } else {
            fprintf(stderr, "parlab: no lesson has section %s in %s; 'parlab --list' shows "
                    "the lessons there\n", arg, dir);
            for (int i = 0; i < c.nerrors; i++)
                lang_diag_print(&c.errors[i]);
        }
        catalog_free(&c);
    }
    free(dir);
    return path;
}

/* The script text, or NULL after printing why. */
static char *main_read(const char *path, size_t *len)
{
    Diag d;
    char *src = lesson_read_file(path, len, &d);
    if (!src) {
        if (d.line == 0)
            main_fail("%s: %s", path, d.msg);
        else
            lang_diag_print(&d);
    }
    return src;
}

/* A lesson file inside a directory named lessons/ must carry a lesson
 * header (parlab.py, the CPython shim, is not a lesson). */
static bool main_in_lessons_dir(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash || !catalog_is_lesson_name(slash + 1))
        return false;
    const char *p = slash;
    while (p > path && p[-1] != '/')
        p--;
    return slash - p == 7 && !strncmp(p, "lessons", 7);
}

static int main_check_one(const char *arg)
{
    char *path = main_resolve(arg);
    if (!path)
        return 2;
    size_t len;
    char *src = main_read(path, &len);
    int rc = src ? 0 : 2;
    Diag d;
    if (src) {
        Module *m = lang_parse(path, src, len, &d);
        if (!m || lang_check(m, &d) < 0) {
            lang_diag_print(&d);
            rc = 2;
        }
        if (m)
            lang_free(m);
    }
    Lesson l;
    if (rc == 0 && lesson_parse(path, src, len, main_in_lessons_dir(path), &l, &d) < 0) {
        lang_diag_print(&d);
        rc = 2;
    } else if (rc == 0) {
        lesson_free(&l);
    }
    free(src);
    free(path);
    return rc;
}

static int main_check(const Cli *cli)
{
    if (cli->nargs == 0)
        return main_fail("--check needs at least one FILE");
    for (int i = 0; i < cli->nargs; i++)
        if (main_check_one(cli->args[i]))
            return 2;
    return 0;
}

static void main_run_options(const Cli *cli, RunOptions *ro)
{
    memset(ro, 0, sizeof *ro);
    ro->events = cli->events;
    ro->step = cli->step;
    ro->speed = cli->speed ? strtod(cli->speed, NULL) : 0;
    ro->record = cli->record;
    ro->trace = cli->trace;
    ro->schedule = cli->schedule;
    ro->lang = cli->lang;
}

static int main_headless(const Cli *cli)
{
    if (cli->nargs != 1)
        return main_fail("--headless needs exactly one LESSON (a file or a section number)");
    char *path = main_resolve(cli->args[0]);
    if (!path)
        return 2;
    size_t len;
    char *src = main_read(path, &len);
    if (!src) {
        free(path);
        return 2;
    }
    Diag d;
    int rc = 2;
    Module *m = lang_parse(path, src, len, &d);
    if (!m || lang_check(m, &d) < 0) {
        lang_diag_print(&d);
    } else {
        char *dir = strdup(path);
        if (!dir)
            abort();
        char *slash = strrchr(dir, '/');
        if (slash)
            *slash = '\0';
        RunOptions ro;
        main_run_options(cli, &ro);
        fflush(stdout);
        rc = run_headless(m, slash ? dir : ".", &ro);
        free(dir);
    }
    if (m)
        lang_free(m);
    free(src);
    free(path);
    return rc;
}

/* Display width of a title: code points (narration is UTF-8). */
static int main_cps(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static int main_list(const Cli *cli)
{
    if (cli->nargs)
        return main_fail("--list takes no argument (got '%s')", cli->args[0]);
    char err[MAIN_ERRLEN];
    char *dir = catalog_find_dir(NULL, err, sizeof err);
    if (!dir)
        return main_fail("%s", err);
    Catalog c;
    if (catalog_load(&c, dir, err, sizeof err) < 0) {
        free(dir);
        return main_fail("%s", err);
    }
    const char *lang = cli->lang ? cli->lang : "en";
    int wsec = 0, wtitle = 0;
    for (int i = 0; i < c.n; i++) {
        int ws = main_cps(c.v[i].section), wt = main_cps(lesson_title(&c.v[i], lang));
        wsec = ws > wsec ? ws : wsec;
        wtitle = wt > wtitle ? wt : wtitle;
    }
    for (int i = 0; i < c.n; i++) {
        const char *t = lesson_title(&c.v[i], lang);
        printf("%s%*s  %s%*s  %s\n", c.v[i].section, wsec - main_cps(c.v[i].section), "",
               t, wtitle - main_cps(t), "", c.v[i].path);
    }
    for (int i = 0; i < c.nerrors; i++)
        lang_diag_print(&c.errors[i]);
    int rc = c.nerrors ? 2 : 0;
    catalog_free(&c);
    free(dir);
    return rc;
}

/* The menu and n/p open lessons through this: a live run of each. */
static UiSource *main_open(const char *path, void *arg)
{
    return live_source_create(path, arg);
}

static int main_ui(const Cli *cli)
{
    RunOptions ro;
    main_run_options(cli, &ro);
    UiOptions opt = { .lang = cli->lang, .open = main_open, .open_arg = &ro,
                      .step = cli->step, .speed = ro.speed };
    if (cli->nargs > 1)
        return main_fail("give one LESSON at a time (got '%s' and '%s')", cli->args[0],
                         cli->args[1]);
    if (cli->demo)
        return ui_demo(&opt);
    char *path = NULL;
    if (cli->nargs == 1 && !(path = main_resolve(cli->args[0])))
        return 2;
    if (cli->replay) {
        int rc = ui_replay(cli->replay, path, &opt);
        free(path);
        return rc;
    }
    if (!path) {
        if (cli->schedule)
            return main_fail("--replay-schedule needs the LESSON it was recorded from");
        return ui_menu(&opt);
    }
    size_t len;
    char *src = main_read(path, &len);
    if (!src) {
        free(path);
        return 2;
    }
    free(src);
    UiSource *s = live_source_create(path, &ro);
    int rc = s ? ui_run_lesson(path, s, &opt) : 2;
    free(path);
    return rc;
}

int main(int argc, char **argv)
{
    Cli cli = { 0 };
    int rc = main_parse(argc, argv, &cli);
    if (rc == 0) {
        switch (cli.mode) {
        case MODE_HELP:     main_usage(stdout); break;
        case MODE_VERSION:  printf("parlab %s\n", PARLAB_VERSION); break;
        case MODE_LIST:     rc = main_list(&cli); break;
        case MODE_CHECK:    rc = main_check(&cli); break;
        case MODE_HEADLESS: rc = main_headless(&cli); break;
        case MODE_UI:       rc = main_ui(&cli); break;
        }
    }
    free(cli.args);
    return rc;
}
