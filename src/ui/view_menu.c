/* The lesson menu (see view_menu.h): a title row, one row per lesson
 * ("✓ 2.3  Thread lock"), the keys at the bottom. */
#include <string.h>

#include "ui/glyphs.h"
#include "ui/view_menu.h"

void view_menu_draw(UiMenu *m, Canvas *c, UiRect r)
{
    cv_clear(c, r);
    cv_fill(c, r, 0, 0, r.w, C_TITLE_FOCUS, " ");
    cv_text(c, r, 2, 0, C_TITLE_FOCUS, m->vi ? "parlab: các bài học" : "parlab: lessons");
    UiRect list = { r.x + 2, r.y + 2, r.w - 4, r.h - 4 };
    if (m->sel < m->top)
        m->top = m->sel;
    if (m->sel >= m->top + list.h)
        m->top = m->sel - list.h + 1;
    int sw = 3;
    for (int i = 0; i < m->cat->n; i++) {
        int w = ui_text_width(m->cat->v[i].section, strlen(m->cat->v[i].section));
        sw = w > sw ? w : sw;
    }
    for (int i = m->top; i < m->cat->n && i - m->top < list.h; i++) {
        const Lesson *l = &m->cat->v[i];
        int y = i - m->top;
        UiRole role = i == m->sel ? C_HIGHLIGHT : C_NORMAL;
        if (i == m->sel)
            cv_fill(c, list, 0, y, list.w, role, " ");
        if (m->done && m->done[i])
            cv_text(c, list, 0, y, i == m->sel ? role : C_LOCK_OWNER, ui_glyph(G_CHECK));
        cv_text(c, list, 3, y, role, l->section);
        cv_text(c, list, 3 + sw + 2, y, role, lesson_title(l, m->vi ? "vi" : "en"));
    }
    if (!m->cat->n)
        cv_text(c, list, 0, 0, C_DIM, m->vi ? "(không có bài học)" : "(no lessons found)");
    if (m->note)
        cv_text(c, r, 2, r.h - 2, C_ERROR, m->note);
    cv_fill(c, r, 0, r.h - 1, r.w, C_STATUS, " ");
    cv_text(c, r, 1, r.h - 1, C_STATUS,
            m->vi ? "Enter chạy bài  Lên/Xuống chọn  q thoát" : "Enter run  Up/Down choose  q quit");
}
