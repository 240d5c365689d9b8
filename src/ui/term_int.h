/* Between term.c and the curses canvas: how a role is drawn. */
#ifndef PARLAB_UI_TERM_INT_H
#define PARLAB_UI_TERM_INT_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <curses.h>

#include "ui/canvas.h"

void term_role(UiRole role, attr_t *attr, short *pair);

#endif
