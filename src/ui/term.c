/* Terminal ownership (see term.h).  Rules that keep the terminal safe:
 *  - one init, one restore guarded by a flag, registered with atexit;
 *  - signal handlers only write the signal number into a pipe; the loop
 *    reads it and acts (no curses call in a handler);
 *  - the crash handler uses only async-signal-safe calls: it puts back the
 *    saved termios, writes the escape strings captured at init (leave the
 *    alternate screen, show the cursor, stop mouse reports), then re-raises
 *    with the default action so cores and sanitizers still see the crash;
 *  - a forked child never touches the parent's terminal: every handler
 *    checks the pid it was installed by. */
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <curses.h>
#include <term.h>

#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "ui/glyphs.h"
#include "ui/term.h"
#include "ui/term_int.h"

/* How each role looks: colours (fg, bg; -1 = terminal default) with extra
 * attributes, and the attributes of the monochrome scheme. */
static const struct {
    short fg, bg;
    attr_t colour_attr, mono_attr;
} term_theme[C_ROLE_COUNT] = {
    [C_NORMAL] = { -1, -1, A_NORMAL, A_NORMAL },
    [C_DIM] = { -1, -1, A_DIM, A_DIM },
    [C_TITLE] = { COLOR_CYAN, -1, A_BOLD, A_BOLD | A_UNDERLINE },
    [C_TITLE_FOCUS] = { COLOR_BLACK, COLOR_CYAN, A_BOLD, A_REVERSE | A_BOLD },
    [C_STATUS] = { COLOR_BLACK, COLOR_WHITE, A_NORMAL, A_REVERSE },
    [C_KEY] = { COLOR_BLUE, COLOR_WHITE, A_BOLD, A_REVERSE | A_BOLD },
    [C_NEW] = { -1, -1, A_DIM, A_DIM },
    [C_RUNNING] = { COLOR_GREEN, -1, A_NORMAL, A_NORMAL },
    [C_GIL_WAIT] = { COLOR_YELLOW, -1, A_NORMAL, A_NORMAL },
    [C_LOCK_WAIT] = { COLOR_RED, -1, A_BOLD, A_BOLD },
    [C_QUEUE_WAIT] = { COLOR_MAGENTA, -1, A_NORMAL, A_NORMAL },
    [C_JOIN_WAIT] = { COLOR_BLUE, -1, A_BOLD, A_NORMAL },
    [C_SLEEP] = { COLOR_CYAN, -1, A_NORMAL, A_DIM },
    [C_GATE] = { COLOR_WHITE, -1, A_BOLD, A_BOLD },
    [C_DONE] = { -1, -1, A_DIM, A_DIM },
    [C_LOCK_OWNER] = { COLOR_GREEN, -1, A_BOLD, A_BOLD },
    [C_HIGHLIGHT] = { COLOR_BLACK, COLOR_YELLOW, A_NORMAL, A_REVERSE | A_UNDERLINE },
    [C_WRITE] = { COLOR_BLACK, COLOR_GREEN, A_BOLD, A_REVERSE | A_BOLD },
    [C_CURSOR] = { COLOR_YELLOW, -1, A_BOLD, A_BOLD },
    [C_PAUSE] = { COLOR_MAGENTA, -1, A_BOLD, A_BOLD | A_UNDERLINE },
    [C_ERROR] = { COLOR_WHITE, COLOR_RED, A_BOLD, A_REVERSE | A_BOLD },
};

static const int term_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGWINCH };
static const int term_crash_signals[] = { SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL };

static struct {
    volatile sig_atomic_t active;   /* curses owns the terminal */
    pid_t pid;                      /* the process that took it */
    int pipe[2];
    int colour;
    int have_termios;
    struct termios saved;           /* the modes before init */
    char undo[256];                 /* escapes that undo init, for the crash path */
    size_t nundo;
    SCREEN *screen;
    attr_t attr[C_ROLE_COUNT];
    short pair[C_ROLE_COUNT];
    struct sigaction old_sig[sizeof term_signals / sizeof term_signals[0]];
    struct sigaction old_crash[sizeof term_crash_signals / sizeof term_crash_signals[0]];
    int atexit_done;
} term = { .pipe = { -1, -1 } };

static void term_on_signal(int sig)
{
    int saved = errno;
    if (getpid() != term.pid) {
        signal(sig, SIG_DFL);   /* a forked child: behave as if we were not here */
        raise(sig);
    } else {
        unsigned char b = (unsigned char)sig;
        ssize_t r = write(term.pipe[1], &b, 1);
        (void)r;
    }
    errno = saved;
}

static void term_on_crash(int sig)
{
    if (term.active && getpid() == term.pid) {
        term.active = 0;
        ssize_t r = write(STDOUT_FILENO, term.undo, term.nundo);
        (void)r;
        if (term.have_termios)
            tcsetattr(STDIN_FILENO, TCSANOW, &term.saved);
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

static void term_undo_add(const char *s)
{
    if (!s || s == (char *)-1)
        return;
    size_t n = strlen(s);
    if (term.nundo + n < sizeof term.undo) {
        memcpy(term.undo + term.nundo, s, n);
        term.nundo += n;
    }
}

static void term_colours(void)
{
    const char *nc = getenv("NO_COLOR");
    term.colour = has_colors() && !(nc && *nc);
    if (term.colour) {
        start_color();
        use_default_colors();
    }
    for (int r = 0; r < C_ROLE_COUNT; r++) {
        if (!term.colour) {
            term.attr[r] = term_theme[r].mono_attr;
            term.pair[r] = 0;
            continue;
        }
        term.attr[r] = term_theme[r].colour_attr;
        term.pair[r] = 0;
        if (term_theme[r].fg >= 0 || term_theme[r].bg >= 0) {
            short p = (short)(r + 1);
            if (p < COLOR_PAIRS && init_pair(p, term_theme[r].fg, term_theme[r].bg) == OK)
                term.pair[r] = p;
        }
    }
}

static int term_is_utf8(void)
{
    const char *cs = nl_langinfo(CODESET);
    return cs && (!strcasecmp(cs, "UTF-8") || !strcasecmp(cs, "utf8"));
}

static void term_install_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = term_on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    for (size_t i = 0; i < sizeof term_signals / sizeof term_signals[0]; i++)
        sigaction(term_signals[i], &sa, &term.old_sig[i]);
    sa.sa_handler = term_on_crash;
    sa.sa_flags = SA_RESETHAND | SA_NODEFER;
    for (size_t i = 0; i < sizeof term_crash_signals / sizeof term_crash_signals[0]; i++)
        sigaction(term_crash_signals[i], &sa, &term.old_crash[i]);
}

static void term_uninstall_signals(void)
{
    for (size_t i = 0; i < sizeof term_signals / sizeof term_signals[0]; i++)
        sigaction(term_signals[i], &term.old_sig[i], NULL);
    for (size_t i = 0; i < sizeof term_crash_signals / sizeof term_crash_signals[0]; i++)
        sigaction(term_crash_signals[i], &term.old_crash[i], NULL);
}

int term_init(char *err, size_t errlen)
{
    if (term.active)
        return 0;
    /* Only the character type: numbers must keep printing as the C locale
     * does, the interpreter shares this process. */
    setlocale(LC_CTYPE, "");
    ui_glyphs_set(term_is_utf8());
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        snprintf(err, errlen, "the terminal UI needs a terminal on stdin and stdout; "
                 "use 'parlab --headless LESSON' otherwise");
        return -1;
    }
    term.pid = getpid();
    term.have_termios = tcgetattr(STDIN_FILENO, &term.saved) == 0;
    if (term.pipe[0] < 0 && pipe2(term.pipe, O_NONBLOCK | O_CLOEXEC) < 0) {
        snprintf(err, errlen, "cannot make the signal pipe: %s", strerror(errno));
        return -1;
    }
    set_escdelay(25);
    term.screen = newterm(NULL, stdout, stdin);
    if (!term.screen) {
        snprintf(err, errlen, "curses cannot drive this terminal (TERM=%s)",
                 getenv("TERM") ? getenv("TERM") : "unset");
        return -1;
    }
    set_term(term.screen);
    term.nundo = 0;
    term_undo_add(tigetstr("rmcup"));
    term_undo_add(tigetstr("cnorm"));
    term_undo_add(tigetstr("sgr0"));
    term_undo_add(tigetstr("rmkx"));
    term_undo_add("\033[?1000l\033[?1002l\033[?1006l");
    term.active = 1;
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    nodelay(stdscr, TRUE);
    leaveok(stdscr, TRUE);
    curs_set(0);
    mouseinterval(0);
    mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
    term_colours();
    term_install_signals();
    if (!term.atexit_done) {
        atexit(term_restore);
        term.atexit_done = 1;
    }
    return 0;
}

int term_init_offscreen(FILE *out, FILE *in, const char *type)
{
    setlocale(LC_CTYPE, "");
    ui_glyphs_set(term_is_utf8());
    term.screen = newterm(type, out, in);
    if (!term.screen)
        return -1;
    set_term(term.screen);
    term_colours();
    return 0;
}

void term_end_offscreen(void)
{
    endwin();
    delscreen(term.screen);
    term.screen = NULL;
}

void term_restore(void)
{
    if (!term.active || getpid() != term.pid)
        return;
    term.active = 0;
    mousemask(0, NULL);
    curs_set(1);
    endwin();
    fflush(stdout);
    term_uninstall_signals();
    if (term.screen) {
        delscreen(term.screen);
        term.screen = NULL;
    }
    /* endwin puts back the modes curses saw at newterm; the saved termios
     * are the same, restated for whatever curses does not track. */
    if (term.have_termios)
        tcsetattr(STDIN_FILENO, TCSADRAIN, &term.saved);
}

int term_active(void)
{
    return term.active;
}

int term_signal_fd(void)
{
    return term.pipe[0];
}

int term_take_signal(void)
{
    unsigned char b;
    if (term.pipe[0] >= 0 && read(term.pipe[0], &b, 1) == 1)
        return b;
    return 0;
}

void term_resize(void)
{
    struct winsize ws;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0)
        resizeterm(ws.ws_row, ws.ws_col);
    clearok(curscr, TRUE);
}

void term_size(int *w, int *h)
{
    *w = COLS;
    *h = LINES;
}

int term_read_key(UiKey *k)
{
    wint_t ch;
    int r = get_wch(&ch);
    memset(k, 0, sizeof *k);
    if (r == ERR)
        return 0;
    if (r == KEY_CODE_YES && ch == KEY_MOUSE) {
        MEVENT me;
        if (getmouse(&me) != OK)
            return term_read_key(k);
        k->type = UI_KEY_MOUSE;
        k->x = me.x;
        k->y = me.y;
        k->code = (me.bstate & BUTTON4_PRESSED) ? UI_MOUSE_WHEEL_UP
                : (me.bstate & BUTTON5_PRESSED) ? UI_MOUSE_WHEEL_DOWN
                : (me.bstate & BUTTON1_PRESSED) ? UI_MOUSE_LEFT : 0;
        return k->code ? 1 : term_read_key(k);
    }
    k->type = r == KEY_CODE_YES ? (ch == KEY_RESIZE ? UI_KEY_RESIZE : UI_KEY_FN) : UI_KEY_CHAR;
    k->code = (int)ch;
    return 1;
}

void term_redraw_all(void)
{
    clearok(curscr, TRUE);
}

void term_flush(void)
{
    wnoutrefresh(stdscr);
    doupdate();
}

int term_has_colour(void)
{
    return term.colour;
}

void term_role(UiRole role, attr_t *attr, short *pair)
{
    unsigned r = role < C_ROLE_COUNT ? role : C_NORMAL;
    *attr = term.attr[r];
    *pair = term.pair[r];
}
