/* The help overlay: every key of the input table that has a label, with
 * what it does, in a box over the middle of the screen. */
#include <string.h>

#include "ui/glyphs.h"
#include "ui/input.h"
#include "ui/view.h"

void view_help_draw(UiCtx *ctx, Canvas *c, UiRect r)
{
    cv_clear(c, r);
    const char *h = ui_glyph(G_HBAR), *v = ui_glyph(G_VBAR);
    cv_fill(c, r, 0, 0, r.w, C_TITLE_FOCUS, " ");
    cv_text(c, r, 2, 0, C_TITLE_FOCUS, ctx->vi ? "Phím (phím bất kỳ để đóng)" : "Keys (any key closes this)");
    for (int y = 1; y < r.h; y++) {
        cv_text(c, r, 0, y, C_TITLE, v);
        cv_text(c, r, r.w - 1, y, C_TITLE, v);
    }
    cv_fill(c, r, 0, r.h - 1, r.w, C_TITLE, h);
    UiRect in = { r.x + 2, r.y + 2, r.w - 4, r.h - 3 };
    int n, y = 0;
    const UiBinding *b = input_bindings(&n);
    for (int i = 0; i < n && y < in.h; i++) {
        if (!b[i].label)
            continue;
        cv_text(c, in, 0, y, C_KEY, b[i].label);
        cv_text(c, in, 12, y, C_NORMAL, ctx->vi && b[i].help_vi ? b[i].help_vi : b[i].help);
        y++;
    }
    if (y + 1 < in.h)
        cv_text(c, in, 0, y + 1, C_DIM,
                ctx->vi ? "Màu theo trạng thái: xem chú giải trên dòng thời gian."
                        : "States and their colours: see the legend on the timeline.");
}
