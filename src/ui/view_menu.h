/* The lesson menu's picture: lessons in the article's order, the selected
 * one highlighted, a mark on those already run. */
#ifndef PARLAB_UI_VIEW_MENU_H
#define PARLAB_UI_VIEW_MENU_H

#include "lesson/catalog.h"
#include "ui/canvas.h"

typedef struct UiMenu {
    const Catalog *cat;
    int sel, top;
    int vi;
    const unsigned char *done;  /* per lesson: already run */
    const char *note;
} UiMenu;

void view_menu_draw(UiMenu *m, Canvas *c, UiRect r);

#endif
