/* The lesson menu: lessons in the article's order with a mark on those
 * already run; Up/Down choose, Enter runs one (then n/p move along the
 * catalogue and q comes back here), q quits. */
#include <poll.h>
#include <stdlib.h>

#include "lesson/catalog.h"
#include "ui/app.h"
#include "ui/term.h"
#include "ui/view_menu.h"

#define MENU_ERRLEN 1024

/* The menu's loop: draw, wait for a key or a signal, act. */
static int ui_menu_loop(const Catalog *cat, const UiOptions *opt, char *err, size_t errlen)
{
    UiMenu m = { cat, 0, 0, ui_lang_is_vi(opt->lang), NULL, NULL };
    unsigned char *done = calloc((size_t)cat->n + 1, 1);
    if (!done)
        abort();
    m.done = done;
    int dirty = 1;
    for (;;) {
        int resized = 0;
        int code = ui_take_signals(&resized);
        if (code) {
            free(done);
            return code;
        }
        if (dirty || resized) {
            for (int i = 0; i < cat->n; i++)
                done[i] = (unsigned char)ui_progress_has(cat->v[i].section);
            Canvas c;
            canvas_curses_init(&c);
            UiRect all = { 0, 0, c.w, c.h };
            view_menu_draw(&m, &c, all);
            term_flush();
            dirty = 0;
        }
        UiKey k;
        while (term_read_key(&k)) {
            UiInput in;
            dirty = 1;
            if (k.type == UI_KEY_RESIZE || !input_translate(&k, &in))
                continue;
            if (in.cmd == CMD_QUIT) {
                free(done);
                return 0;
            }
            if (in.cmd == CMD_SCROLL_UP || in.cmd == CMD_EV_BACK)
                m.sel = m.sel > 0 ? m.sel - 1 : 0;
            else if (in.cmd == CMD_SCROLL_DOWN || in.cmd == CMD_EV_FWD)
                m.sel = m.sel + 1 < cat->n ? m.sel + 1 : m.sel;
            else if (in.cmd == CMD_EV_HOME)
                m.sel = 0;
            else if (in.cmd == CMD_EV_END)
                m.sel = cat->n ? cat->n - 1 : 0;
            else if (in.cmd == CMD_ENTER && cat->n) {
                UiSource *src = opt->open ? opt->open(cat->v[m.sel].path, opt->open_arg) : NULL;
                m.note = src ? NULL : "this lesson cannot be started (see the message after quitting)";
                if (!src)
                    continue;
                code = ui_session((Catalog *)cat, &m.sel, cat->v[m.sel].path, src, opt, err, errlen);
                if (code >= 128 || code == 2) {
                    free(done);
                    return code;
                }
            }
        }
        struct pollfd fds[2] = { { 0, POLLIN, 0 }, { term_signal_fd(), POLLIN, 0 } };
        poll(fds, 2, 500);
    }
}

int ui_menu(const UiOptions *opt)
{
    char err[MENU_ERRLEN] = "";
    Catalog cat;
    if (ui_catalog(&cat, err, sizeof err) < 0)
        return ui_fail(err);
    if (term_init(err, sizeof err) < 0) {
        catalog_free(&cat);
        return ui_fail(err);
    }
    UiOptions none = { 0 };
    int code = ui_menu_loop(&cat, opt ? opt : &none, err, sizeof err);
    term_restore();
    catalog_free(&cat);
    if (code == 2)
        return ui_fail(err);
    return code;
}
