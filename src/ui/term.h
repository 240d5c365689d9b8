/* The one owner of the terminal: init, the guarded restore every exit path
 * calls, signals turned into loop events through a self-pipe, the crash
 * handler, colours by role and the key reader.  Nothing else in parlab
 * calls initscr/endwin or touches terminal modes. */
#ifndef PARLAB_UI_TERM_H
#define PARLAB_UI_TERM_H

#include <stdio.h>

#include "ui/canvas.h"
#include "ui/input.h"

/* Takes the terminal (curses, cbreak, noecho, keypad, mouse, colours).
 * Returns 0, or -1 with a message in err when stdin/stdout is not a
 * terminal or curses cannot start. */
int term_init(char *err, size_t errlen);

/* For the frame benchmark: curses on any pair of files (e.g. /dev/null)
 * with the colour scheme, no signals, no tty checks. */
int term_init_offscreen(FILE *out, FILE *in, const char *type);
void term_end_offscreen(void);

/* Gives the terminal back exactly as it was.  Safe to call more than once,
 * from any exit path (also registered with atexit). */
void term_restore(void);

int term_active(void);

/* The read end of the self-pipe: readable when a signal arrived. */
int term_signal_fd(void);

/* The next signal that arrived (SIGINT, SIGTERM, SIGHUP, SIGWINCH), 0 if
 * none is pending. */
int term_take_signal(void);

/* After SIGWINCH: ask the kernel for the size and resize curses. */
void term_resize(void);
void term_size(int *w, int *h);

/* One pending key or mouse event; 0 when there is none (never blocks). */
int term_read_key(UiKey *k);

/* Repaint every cell at the next flush (Ctrl-L). */
void term_redraw_all(void);

/* Push the frame drawn into stdscr to the screen (ncurses diffs it). */
void term_flush(void);

/* Whether colours are in use (0: monochrome, NO_COLOR or no colours). */
int term_has_colour(void);

#endif
