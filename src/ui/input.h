/* Keys and mouse to commands: ONE table (input.c) that also feeds the help
 * screen.  The terminal reads raw keys (term_read_key); input_translate
 * turns one into a command, as a pure function. */
#ifndef PARLAB_UI_INPUT_H
#define PARLAB_UI_INPUT_H

typedef enum UiKeyType { UI_KEY_NONE, UI_KEY_CHAR, UI_KEY_FN, UI_KEY_MOUSE, UI_KEY_RESIZE } UiKeyType;
enum { UI_MOUSE_LEFT = 1, UI_MOUSE_WHEEL_UP, UI_MOUSE_WHEEL_DOWN };

typedef struct UiKey {
    UiKeyType type;
    int code;               /* character, KEY_* code, or UI_MOUSE_* */
    int x, y;               /* mouse position */
} UiKey;

typedef enum UiCmd {
    CMD_NONE,
    CMD_QUIT, CMD_TOGGLE_RUN, CMD_RESTART, CMD_ZOOM_IN, CMD_ZOOM_OUT,
    CMD_FOCUS_NEXT, CMD_FOCUS_PREV, CMD_ZOOM_PANE, CMD_HELP,
    CMD_NEXT_LESSON, CMD_PREV_LESSON,
    CMD_EV_BACK, CMD_EV_FWD, CMD_EV_HOME, CMD_EV_END, CMD_EV_PGUP, CMD_EV_PGDN,
    CMD_STEP, CMD_STEP_WORKER, CMD_STEP_LINE, CMD_SLOWER, CMD_FASTER,
    CMD_SCROLL_UP, CMD_SCROLL_DOWN, CMD_CLICK, CMD_REDRAW, CMD_ENTER, CMD_ESCAPE,
    CMD_COUNT
} UiCmd;

typedef struct UiInput {
    UiCmd cmd;
    int arg;                /* worker number for CMD_STEP_WORKER */
    int x, y;               /* CMD_CLICK, and the wheel's position */
} UiInput;

/* One row of the key table, as the help screen lists it. */
typedef struct UiBinding {
    UiKeyType type;
    int code;
    UiCmd cmd;
    int arg;
    const char *label;      /* "space", "PgUp"; NULL: not listed on its own */
    const char *help;       /* what it does (English) */
    const char *help_vi;
} UiBinding;

/* Returns 1 and fills `out` when the key means something. */
int input_translate(const UiKey *k, UiInput *out);

/* The table, for the help screen. */
const UiBinding *input_bindings(int *n);

#endif
