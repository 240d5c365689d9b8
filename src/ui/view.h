/* What every view draws from: the model state at the event being viewed
 * (k), the lesson's text, and the screen's own view state (focus, scroll,
 * zoom, highlight).  A view draws one rectangle from this and nothing
 * else; while drawing it records where workers and objects appear (hits)
 * so that a mouse click can be mapped back to what was under it. */
#ifndef PARLAB_UI_VIEW_H
#define PARLAB_UI_VIEW_H

#include <stddef.h>
#include <stdint.h>

#include "model/model.h"
#include "ui/canvas.h"
#include "ui/layout.h"
#include "ui/source.h"

typedef struct UiLessonText {
    char *name;             /* file name or "demo" */
    char *section;          /* may be NULL */
    char *title, *title_vi;
    char *src;              /* the script */
    char **lines;           /* src split at newlines (pointers into a copy) */
    int nlines;
    char *narration_en, *narration_vi;
} UiLessonText;

int ui_lesson_load(UiLessonText *t, const char *path, const char *text, const char *name,
                   char *err, size_t errlen);
void ui_lesson_free(UiLessonText *t);

typedef enum UiHitKind { HIT_NONE, HIT_WORKER, HIT_OBJECT } UiHitKind;

typedef struct UiHit {
    UiRect r;               /* absolute screen cells */
    uint8_t pane;           /* the pane that drew it */
    uint8_t kind;
    uint32_t id;
} UiHit;

typedef struct UiCtx {
    Model *model;
    const ModelState *st;   /* state after the first k events */
    size_t k, total;        /* viewed event count, events recorded */
    const UiLessonText *lesson;
    UiSourceStatus run;
    const char *note;       /* a message of the UI itself for the status line */
    int vi;                 /* Vietnamese narration and titles */
    int focus, zoomed;      /* UiPane; zoomed UI_NO_ZOOM when none */
    uint8_t hl_kind;        /* highlighted: HIT_WORKER / HIT_OBJECT / HIT_NONE */
    uint32_t hl_id;
    int scroll[P_COUNT];    /* rows scrolled (0 = the pane's default view) */
    int tl_zoom;            /* timeline: 0 = whole run fits; +1 = twice as close */
    int help;               /* the help overlay is shown */
    UiHit *hits;            /* of the panes as last drawn */
    int nhits, hits_cap;
    int drawing;            /* the pane being drawn */
} UiCtx;

typedef void (*UiViewDraw)(UiCtx *ctx, Canvas *c, UiRect r);

/* The pane table: title and draw function per pane. */
typedef struct UiView {
    UiPane pane;
    const char *title, *title_vi;
    UiViewDraw draw;
} UiView;

const UiView *ui_view(UiPane p);

/* Draw pane p (frame and content) into r. */
void ui_view_draw(UiCtx *ctx, UiPane p, Canvas *c, UiRect r);

/* Blank r, draw the title row (focus shown), return the rectangle below it. */
UiRect view_frame(UiCtx *ctx, Canvas *c, UiRect r, UiPane p, const char *extra);

void view_hit(UiCtx *ctx, UiRect area, int x, int y, int w, UiHitKind kind, uint32_t id);
void view_hits_reset(UiCtx *ctx);
const UiHit *view_hit_at(const UiCtx *ctx, int x, int y);

/* Small helpers shared by views. */
const char *view_worker_name(UiCtx *ctx, uint32_t id);
const char *view_object_name(UiCtx *ctx, const ModelObject *o, char *buf, size_t size);
int view_is_hl_worker(const UiCtx *ctx, uint32_t id);
int view_is_hl_object(const UiCtx *ctx, uint32_t id);
/* The worker number shown on the timeline (1-based order of first
 * appearance among known workers), 0 if beyond 99. */
int view_worker_number(const UiCtx *ctx, uint32_t id);
/* Bytes of the next wrapped line of s (at most `cols` display columns,
 * broken at a space when it can); *skip gets bytes to skip after it. */
size_t view_wrap(const char *s, size_t len, int cols, size_t *skip);
/* Draw worker names "a, b, c" from x with hits; returns the next column. */
int view_worker_list(UiCtx *ctx, Canvas *c, UiRect r, int x, int y, const ModelVec *v, UiRole role);
/* A duration as "850ns", "12.5us", "3.2ms", "1.25s". */
void view_duration(uint64_t ns, char *buf, size_t size);

/* Per-pane draw functions (view_*.c). */
void view_timeline_draw(UiCtx *ctx, Canvas *c, UiRect r);
void view_locks_draw(UiCtx *ctx, Canvas *c, UiRect r);
void view_queues_draw(UiCtx *ctx, Canvas *c, UiRect r);
void view_arrays_draw(UiCtx *ctx, Canvas *c, UiRect r);
void view_code_draw(UiCtx *ctx, Canvas *c, UiRect r);
void view_narration_draw(UiCtx *ctx, Canvas *c, UiRect r);
void view_output_draw(UiCtx *ctx, Canvas *c, UiRect r);
void view_status_draw(UiCtx *ctx, Canvas *c, UiRect r);
void view_help_draw(UiCtx *ctx, Canvas *c, UiRect r);
void view_pools_draw(UiCtx *ctx, Canvas *c, UiRect r);
void view_bars_draw(UiCtx *ctx, Canvas *c, UiRect r);

/* The optional panes (UI_OPTIONAL_PANES bits) the events so far call for:
 * pools once a pool exists, bars once a measurement arrived. */
unsigned ui_optional_panes(Model *m);

/* The small-terminal message, over the whole screen. */
void view_too_small_draw(Canvas *c, int w, int h, int need_w, int need_h);

#endif
