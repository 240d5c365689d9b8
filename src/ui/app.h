/* The lesson screen, between its loop (app.c) and those who draw frames
 * without a loop (the menu, the frame benchmark, unit tests). */
#ifndef PARLAB_UI_APP_H
#define PARLAB_UI_APP_H

#include "lesson/catalog.h"
#include "ui/layout.h"
#include "ui/ui.h"
#include "ui/view.h"

#define UI_DIRTY_ALL ((1u << P_COUNT) - 1)

/* Point ctx at event k of the model (the state is fetched here). */
void ui_ctx_view(UiCtx *ctx, Model *m, size_t k);

/* Draw the panes whose bit is set in `dirty` (1 << UiPane), then the help
 * overlay when ctx->help; the too-small message when !l->ok. */
void ui_frame_draw(UiCtx *ctx, const UiLayout *l, Canvas *c, unsigned dirty);

/* "vi" when the options or the locale ask for Vietnamese. */
int ui_lang_is_vi(const char *lang);

/* Progress: which lessons have been run, kept in
 * $XDG_STATE_HOME/parlab/progress (else ~/.local/state/parlab/progress). */
int ui_progress_has(const char *key);
void ui_progress_mark(const char *key);

/* Loop outcomes. */
enum { UI_EXIT_QUIT = 0, UI_EXIT_NEXT = -1, UI_EXIT_PREV = -2 };

/* One lesson on screen until q, n, p or a signal; returns UI_EXIT_* or
 * 128 + signal.  Does not take or give back the terminal. */
int ui_screen_run(const char *path, UiSource *src, const UiOptions *opt, char *err, size_t errlen);

/* Lessons one after another (n/p) until q or a signal: returns UI_EXIT_QUIT,
 * 2 (err filled) or 128 + signal.  Destroys src (and those it opens).
 * *idx (may be NULL) follows the lesson shown; cat may be NULL until n/p
 * needs the catalogue. */
int ui_session(Catalog *cat, int *idx, const char *path, UiSource *src, const UiOptions *opt,
               char *err, size_t errlen);
int ui_catalog(Catalog *cat, char *err, size_t errlen);
int ui_fail(const char *err);

/* Process the terminal's pending signals for loops other than the lesson
 * screen: returns 128 + signal for a quitting one, sets *resized. */
int ui_take_signals(int *resized);

#endif
