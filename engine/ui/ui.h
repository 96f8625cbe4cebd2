/*
 * ui — immediate-mode layout and widgets that emit draw commands (after rxi/microui).
 *
 * Screens call ui_* functions once per frame; each call lays out a widget, reacts to
 * this frame's input (one event at most) and appends draw commands to a list. The app
 * hands the list to render/. Nothing here includes SDL: text is measured through the
 * UiMeasure callbacks, so layout, hit-testing and focus are testable with a fake
 * measurer and no window.
 *
 * Coordinates given to ui_* functions are logical (left-to-right); in a right-to-left
 * language the context mirrors every rectangle once, when it is emitted, so whole
 * screens flip without the screens knowing. Hit-testing uses the mirrored rectangles.
 *
 * Ownership: a UiContext owns its command list and the text copied into it (an arena
 * cleared by ui_begin). Pointers in commands stay valid until the next ui_begin.
 */
#ifndef AILIT_UI_H
#define AILIT_UI_H

#include "base/base.h"

typedef struct {
    int x, y, w, h;
} UiRect;
typedef struct {
    uint8_t r, g, b, a;
} UiColor;

/* ---- Draw commands ---- */

typedef enum {
    UI_CMD_RECT,  /* filled rectangle */
    UI_CMD_FRAME, /* rectangle outline `thickness` pixels wide, inside rect */
    UI_CMD_TEXT,  /* one line of text, aligned inside rect */
    UI_CMD_IMAGE, /* an image file scaled into rect */
    UI_CMD_CLIP   /* clip later commands to rect (w == 0: no clip) */
} UiCmdKind;

typedef enum { UI_ALIGN_START, UI_ALIGN_CENTER, UI_ALIGN_END } UiAlign;

typedef struct {
    UiCmdKind kind;
    UiRect rect;
    UiColor color;
    int thickness;    /* FRAME */
    const char *text; /* TEXT: the line (len bytes); IMAGE: the file path (NUL-ended) */
    size_t len;
    int px; /* TEXT: font size in pixels */
    bool bold;
    bool rtl;      /* TEXT: right-to-left paragraph direction */
    UiAlign align; /* TEXT: already mirrored: START is left, END is right */
} UiCmd;

/* ---- What the context needs from text/ and render/ ---- */

typedef struct {
    void *ctx;
    /* Width in pixels of s[0..len) on one line. */
    int (*text_width)(void *ctx, const char *s, size_t len, int px, bool bold);
    /* Distance between two lines' tops. */
    int (*line_height)(void *ctx, int px);
    /* Pixel size of an image file; false when it cannot be read. May be NULL. */
    bool (*image_size)(void *ctx, const char *path, int *w, int *h);
} UiMeasure;

/* ---- Input: one event per frame ---- */

typedef enum {
    UI_KEY_NONE,
    UI_KEY_TAB,
    UI_KEY_BACKTAB,
    UI_KEY_UP,
    UI_KEY_DOWN,
    UI_KEY_LEFT,
    UI_KEY_RIGHT,
    UI_KEY_ENTER,
    UI_KEY_ESCAPE,
    UI_KEY_BACKSPACE,
    UI_KEY_PAGEUP,
    UI_KEY_PAGEDOWN,
    UI_KEY_HOME,
    UI_KEY_END,
    UI_KEY_READ_ALOUD /* F5: read the screen aloud, or stop */
} UiKey;

typedef struct {
    int mouse_x, mouse_y;
    bool mouse_pressed;  /* the button went down in this event */
    bool mouse_released; /* the button went up in this event */
    int wheel;           /* > 0 scrolls up */
    int drag_dy;         /* a finger moved by this many pixels */
    bool pointer_moved;  /* the pointer moved with the button or finger down; mouse_x, mouse_y
                            say where (drawing demos) */
    UiKey key;
    char text[32]; /* text typed in this event (UTF-8) */
} UiInput;

/* ---- Themes ---- */

typedef struct {
    UiColor background, surface, text, muted, accent, accent_text, border, focus, good, good_text,
        bad, bad_text, selected, bar, bar_text;
    UiColor highlight; /* behind the word being read aloud */
} UiTheme;

/* The ordinary theme and the high-contrast one (white on black, yellow focus). */
UiTheme ui_theme_default(void);
UiTheme ui_theme_high_contrast(void);

/* ---- The context ---- */

typedef struct {
    uint32_t id;
    UiRect rect; /* on screen, mirrored, clipped to the scrolling view */
    UiRect full; /* on screen, unclipped */
    bool scrolled;
    char label[96];
} UiWidget;

typedef struct {
    UiMeasure measure;
    UiTheme theme;
    int width, height; /* window size in pixels */
    float scale;       /* layout scale: 1.0 at 800x480 */
    int text_px;       /* body text size in pixels (after scale and text size) */
    bool rtl;

    UiInput in;
    UiCmd *cmds;
    size_t cmd_count, cmd_cap;
    AilArena arena;

    UiWidget *widgets; /* focusable widgets of this frame, in focus order */
    size_t widget_count, widget_cap;
    uint32_t focus_id;
    int focus_pending; /* frames to wait for a widget ui_focus named */
    uint32_t pressed_id;
    bool pointer_captured; /* a widget took the last press: drags draw in it, not scroll */
    bool focus_visible;  /* the keyboard was used last: draw the focus ring */
    bool focus_scroll;   /* the focus moved by key: scroll it into view */
    uint32_t text_field; /* the text field that has focus this frame, or 0 */
    bool consumed;       /* a widget used this frame's key */
    bool wants_text;     /* a text field is focused (the app starts text input) */

    /* The one scrolling region of a frame. */
    UiRect view;  /* logical */
    int scroll_y; /* requested offset */
    int scroll_max;
    bool in_scroll;
    uint32_t scroll_key; /* which screen the offset belongs to */
} UiContext;

/* Prepares ctx (zeroed by the caller first is not needed). */
void ui_init(UiContext *ctx, UiMeasure measure);
void ui_free(UiContext *ctx);

/* Starts a frame at a window size with this frame's input; clears the command
 * list. text_size is 0 (small), 1 (medium) or 2 (large). */
void ui_begin(UiContext *ctx, int width, int height, int text_size, bool rtl, const UiInput *in);
/* Ends a frame: moves focus on Tab/arrows, draws the focus ring. */
void ui_end(UiContext *ctx);

/* An id from a name and an index ("choice", 2). Never 0. */
uint32_t ui_id(const char *name, int index);

/* A length in layout units (pixels at 800x480) scaled to this window. */
int ui_px(const UiContext *ctx, int units);

/* The rectangle as it lands on screen (mirrored in RTL). */
UiRect ui_screen_rect(const UiContext *ctx, UiRect logical);

/* ---- Drawing ---- */

void ui_fill(UiContext *ctx, UiRect r, UiColor c);
void ui_frame(UiContext *ctx, UiRect r, UiColor c, int thickness);
void ui_image(UiContext *ctx, UiRect r, const char *path);

typedef struct {
    int px; /* 0: the context's body size */
    bool bold;
    UiColor color;
    UiAlign align; /* logical: START is right in RTL */
    bool ltr;      /* always left to right from the left edge, even in RTL (file paths) */
} UiTextStyle;

/* Draws text wrapped to r.w from r.y down (hard breaks at '\n'); returns the height
 * used. With draw false only measures. */
int ui_text(UiContext *ctx, UiRect r, const char *text, UiTextStyle style, bool draw);

/* A run of text in one weight, part of a paragraph. */
typedef struct {
    const char *text; /* not NUL-terminated */
    size_t len;
    bool bold;
    bool highlight; /* drawn on theme.highlight: the word being read aloud */
} UiSpan;

/* A paragraph of spans in mixed weights wrapped into width w at (x, y), each line
 * placed by style.align; returns the height used. With draw false only measures. */
int ui_spans(UiContext *ctx, int x, int y, int w, const UiSpan *spans, size_t count,
             UiTextStyle style, bool draw);

/* ---- Widgets ---- */

typedef enum {
    UI_BUTTON_NORMAL,
    UI_BUTTON_PRIMARY,
    UI_BUTTON_SELECTED, /* a chosen option */
    UI_BUTTON_GOOD,     /* an answer shown right */
    UI_BUTTON_BAD,      /* an answer shown wrong */
    UI_BUTTON_FLAT      /* bar buttons */
} UiButtonKind;

/* A button with a wrapped, centred label. Returns true when clicked, tapped, or
 * Enter was pressed while it had focus. */
bool ui_button(UiContext *ctx, uint32_t id, UiRect r, const char *label, UiButtonKind kind);
/* A button's box and behaviour without its label drawn (the caller draws richer
 * content on it); label names it for tests and the focus list. */
bool ui_area(UiContext *ctx, uint32_t id, UiRect r, const char *label, UiButtonKind kind);
/* A tile of a given colour with a big label (learner tiles). */
bool ui_tile(UiContext *ctx, uint32_t id, UiRect r, const char *label, UiColor color);
/* The biggest of the body size and three smaller steps at which text fits w x h
 * without breaking a word (the smallest step when none does). */
int ui_fit_px(UiContext *ctx, const char *text, int w, int h, bool bold);
/* Height a button needs for label at width w. */
int ui_button_height(UiContext *ctx, int w, const char *label);

/* A one-line text field editing value. Returns true when Enter is pressed in it. */
bool ui_text_field(UiContext *ctx, uint32_t id, UiRect r, AilBuf *value, const char *placeholder);

/* A field for a PIN: only ASCII digits, at most max_digits, each shown as a dot and
 * never as a digit (label names it for tests and the focus list; nothing is shown
 * when empty). Returns true when Enter is pressed in it. */
bool ui_pin_field(UiContext *ctx, uint32_t id, UiRect r, AilBuf *value, int max_digits,
                  const char *label);

/* Makes id the focused widget (e.g. the first answer of a new question). */
void ui_focus(UiContext *ctx, uint32_t id);

/* ---- Scrolling ---- */

/* Starts the scrolling region view (logical) for the screen named by key; returns
 * the y offset to subtract from content positions. */
int ui_scroll_begin(UiContext *ctx, UiRect view, uint32_t key);
/* Ends it with the content's total height; clamps the offset. */
void ui_scroll_end(UiContext *ctx, int content_height);

/* ---- Line breaking (pure; used by ui_text and tests) ---- */

/* Splits text into lines no wider than width: breaks at spaces, between CJK
 * characters (not before closing or after opening punctuation), and at '\n'; a word
 * wider than a line is broken between characters. Calls line(user, start, len) for
 * each line without its trailing spaces; returns the number of lines. */
size_t ui_wrap(const UiMeasure *m, const char *text, size_t len, int width, int px, bool bold,
               void (*line)(void *user, const char *start, size_t len), void *user);

#endif
