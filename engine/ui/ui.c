/*
 * The immediate-mode context: command list, focus, hit-testing, scrolling, text and
 * widgets.
 *
 * Invariants: every rectangle in ctx->cmds and ctx->widgets is in screen space
 * (already mirrored in RTL); every rectangle a caller passes is logical. Focus order
 * is the order widgets are emitted. A frame sees at most one input event, so
 * "clicked" means: the button went down and up on the same widget.
 */
#include "ui/ui.h"
#include "ui/ui_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const UiColor C_NONE = {0, 0, 0, 0};

UiTheme ui_theme_default(void) {
    UiTheme t = {
        .background = {244, 241, 234, 255},
        .surface = {255, 255, 255, 255},
        .text = {28, 28, 30, 255},
        .muted = {88, 88, 92, 255},
        .accent = {24, 92, 168, 255},
        .accent_text = {255, 255, 255, 255},
        .border = {190, 184, 170, 255},
        .focus = {230, 120, 0, 255},
        .good = {35, 120, 50, 255},
        .good_text = {255, 255, 255, 255},
        .bad = {190, 40, 40, 255},
        .bad_text = {255, 255, 255, 255},
        .selected = {206, 226, 248, 255},
        .highlight = {255, 222, 110, 255},
        .bar = {24, 92, 168, 255},
        .bar_text = {255, 255, 255, 255},
    };
    return t;
}

UiTheme ui_theme_high_contrast(void) {
    UiTheme t = {
        .background = {0, 0, 0, 255},
        .surface = {0, 0, 0, 255},
        .text = {255, 255, 255, 255},
        .muted = {230, 230, 230, 255},
        .accent = {255, 216, 0, 255},
        .accent_text = {0, 0, 0, 255},
        .border = {255, 255, 255, 255},
        .focus = {0, 229, 255, 255},
        .good = {0, 230, 100, 255},
        .good_text = {0, 0, 0, 255},
        .bad = {255, 110, 110, 255},
        .bad_text = {0, 0, 0, 255},
        .selected = {0, 60, 140, 255},
        .highlight = {0, 60, 140, 255},
        .bar = {0, 0, 0, 255},
        .bar_text = {255, 255, 255, 255},
    };
    return t;
}

void ui_init(UiContext *ctx, UiMeasure measure) {
    memset(ctx, 0, sizeof *ctx);
    ctx->measure = measure;
    ctx->theme = ui_theme_default();
    ctx->scale = 1.0f;
    ctx->text_px = 22;
    ail_arena_init(&ctx->arena);
}

void ui_free(UiContext *ctx) {
    free(ctx->cmds);
    free(ctx->widgets);
    ail_arena_free(&ctx->arena);
    memset(ctx, 0, sizeof *ctx);
}

static const int TEXT_UNITS[3] = {18, 22, 28};

void ui_begin(UiContext *ctx, int width, int height, int text_size, bool rtl, const UiInput *in) {
    ctx->width = width > 0 ? width : 1;
    ctx->height = height > 0 ? height : 1;
    float sx = (float)ctx->width / 800.0f, sy = (float)ctx->height / 480.0f;
    ctx->scale = sx < sy ? sx : sy;
    if (ctx->scale < 0.5f) ctx->scale = 0.5f;
    if (text_size < 0) text_size = 0;
    if (text_size > 2) text_size = 2;
    ctx->text_px = ui_px(ctx, TEXT_UNITS[text_size]);
    ctx->rtl = rtl;
    if (in)
        ctx->in = *in;
    else
        memset(&ctx->in, 0, sizeof ctx->in);
    ctx->cmd_count = 0;
    ctx->widget_count = 0;
    ctx->consumed = false;
    ctx->wants_text = false;
    ctx->in_scroll = false;
    ail_arena_free(&ctx->arena);
    ail_arena_init(&ctx->arena);
    if (ctx->in.mouse_pressed || ctx->in.mouse_released) ctx->focus_visible = false;
    if (ctx->in.mouse_pressed) ctx->pointer_captured = false;
    if (ctx->in.key != UI_KEY_NONE && ctx->in.key != UI_KEY_ESCAPE) ctx->focus_visible = true;
}

uint32_t ui_id(const char *name, int index) {
    uint32_t h = 2166136261u;
    for (const char *p = name; *p; p++) h = (h ^ (uint8_t)*p) * 16777619u;
    h = (h ^ (uint32_t)index) * 16777619u;
    h = (h ^ (uint32_t)(index >> 16)) * 16777619u;
    return h ? h : 1;
}

int ui_px(const UiContext *ctx, int units) {
    float v = (float)units * ctx->scale;
    int r = (int)(v + (v >= 0 ? 0.5f : -0.5f));
    return units > 0 && r < 1 ? 1 : r;
}

UiRect ui_screen_rect(const UiContext *ctx, UiRect r) {
    if (ctx->rtl) r.x = ctx->width - r.x - r.w;
    return r;
}

static UiCmd *push(UiContext *ctx, UiCmdKind kind, UiRect screen) {
    if (ctx->cmd_count == ctx->cmd_cap) {
        ctx->cmd_cap = ctx->cmd_cap ? ctx->cmd_cap * 2 : 256;
        ctx->cmds = ail_xrealloc(ctx->cmds, ctx->cmd_cap * sizeof *ctx->cmds);
    }
    UiCmd *c = &ctx->cmds[ctx->cmd_count++];
    memset(c, 0, sizeof *c);
    c->kind = kind;
    c->rect = screen;
    return c;
}

void ui_fill(UiContext *ctx, UiRect r, UiColor c) {
    if (r.w <= 0 || r.h <= 0 || c.a == 0) return;
    push(ctx, UI_CMD_RECT, ui_screen_rect(ctx, r))->color = c;
}

void ui_frame(UiContext *ctx, UiRect r, UiColor c, int thickness) {
    if (r.w <= 0 || r.h <= 0) return;
    UiCmd *cmd = push(ctx, UI_CMD_FRAME, ui_screen_rect(ctx, r));
    cmd->color = c;
    cmd->thickness = thickness > 0 ? thickness : 1;
}

void ui_image(UiContext *ctx, UiRect r, const char *path) {
    UiCmd *cmd = push(ctx, UI_CMD_IMAGE, ui_screen_rect(ctx, r));
    cmd->text = ail_arena_strdup(&ctx->arena, path);
    cmd->len = strlen(path);
}

/* ---- Text ---- */

static int line_h(UiContext *ctx, int px) { return ctx->measure.line_height(ctx->measure.ctx, px); }

typedef struct {
    UiContext *ctx;
    UiRect r;
    UiTextStyle style;
    int px;
    int y;
    bool draw;
} TextJob;

static void emit_line(void *user, const char *start, size_t len) {
    TextJob *job = user;
    UiContext *ctx = job->ctx;
    int lh = line_h(ctx, job->px);
    if (job->draw && len > 0) {
        UiRect lr = {job->r.x, job->y, job->r.w, lh};
        UiCmd *c = push(ctx, UI_CMD_TEXT, ui_screen_rect(ctx, lr));
        c->text = ail_arena_strndup(&ctx->arena, start, len);
        c->len = len;
        c->px = job->px;
        c->bold = job->style.bold;
        c->color = job->style.color;
        /* A left-to-right text (a file name, a path) keeps its order and its left
         * start even in a mirrored layout. */
        bool rtl = ctx->rtl && !job->style.ltr;
        c->rtl = rtl;
        UiAlign a = job->style.align;
        if (rtl && a != UI_ALIGN_CENTER) a = a == UI_ALIGN_START ? UI_ALIGN_END : UI_ALIGN_START;
        c->align = a;
    }
    job->y += lh;
}

int ui_text(UiContext *ctx, UiRect r, const char *text, UiTextStyle style, bool draw) {
    TextJob job = {ctx, r, style, style.px > 0 ? style.px : ctx->text_px, r.y, draw};
    if (!text) text = "";
    ui_wrap(&ctx->measure, text, strlen(text), r.w, job.px, style.bold, emit_line, &job);
    return job.y - r.y;
}

/* Rich text: the spans are cut into pieces at break opportunities; each piece
 * keeps its span's weight. A line is a run of pieces; consecutive pieces of the
 * same weight become one text command, placed from the start edge. */
typedef struct {
    const char *s;
    size_t len, core; /* core: bytes before trailing spaces */
    bool bold, highlight;
    int w, core_w;
} Piece;

/* The end of the run of pieces from i on drawn as one text command, and its bytes. */
static size_t span_run(const Piece *pieces, size_t i, size_t to, size_t *len) {
    size_t j = i;
    while (j < to && pieces[j].bold == pieces[i].bold &&
           pieces[j].highlight == pieces[i].highlight &&
           (j == i || pieces[j - 1].s + pieces[j - 1].len == pieces[j].s))
        j++;
    *len = (size_t)(pieces[j - 1].s - pieces[i].s) +
           (j == to ? pieces[j - 1].core : pieces[j - 1].len);
    return j;
}

/* Draws a line of pieces in width avail, placed by align (centred labels keep their
 * place while a word of them is lit). */
static void flush_span_line(UiContext *ctx, const Piece *pieces, size_t from, size_t to, int x,
                            int y, int avail, int px, UiColor color, UiAlign align, bool draw) {
    if (!draw || from >= to) return;
    int lh = line_h(ctx, px);
    int pen = x;
    size_t i = from, len;
    if (align != UI_ALIGN_START) {
        int line = 0;
        for (size_t k = from, next; k < to; k = next) {
            next = span_run(pieces, k, to, &len);
            line += ctx->measure.text_width(ctx->measure.ctx, pieces[k].s, len, px, pieces[k].bold);
        }
        if (line < avail) pen += align == UI_ALIGN_CENTER ? (avail - line) / 2 : avail - line;
    }
    while (i < to) {
        size_t j = span_run(pieces, i, to, &len);
        /* The run is drawn shaped whole, which can be wider than its pieces measured
         * one by one (joining, kerning across spaces): its box is measured whole too,
         * or a long Arabic run overlaps the bold run beside it. */
        int w = ctx->measure.text_width(ctx->measure.ctx, pieces[i].s, len, px, pieces[i].bold);
        UiRect lr = {pen, y, w, lh};
        if (pieces[i].highlight) ui_fill(ctx, lr, ctx->theme.highlight);
        UiCmd *c = push(ctx, UI_CMD_TEXT, ui_screen_rect(ctx, lr));
        c->text = ail_arena_strndup(&ctx->arena, pieces[i].s, len);
        c->len = len;
        c->px = px;
        c->bold = pieces[i].bold;
        /* The lit word keeps the theme's text colour, readable on the highlight even in
         * a coloured band (white on yellow would not be). */
        c->color = pieces[i].highlight ? ctx->theme.text : color;
        c->rtl = ctx->rtl;
        c->align = ctx->rtl ? UI_ALIGN_END : UI_ALIGN_START;
        pen += w;
        i = j;
    }
}

int ui_spans(UiContext *ctx, int x, int y, int w, const UiSpan *spans, size_t count,
             UiTextStyle style, bool draw) {
    int px = style.px > 0 ? style.px : ctx->text_px;
    UiColor color = style.color;
    Piece *pieces = NULL;
    size_t n = 0, cap = 0;
    for (size_t s = 0; s < count; s++) {
        const UiSpan *sp = &spans[s];
        size_t pos = 0;
        while (pos < sp->len) {
            bool hard;
            size_t core;
            size_t end = ui_piece_end(sp->text, sp->len, pos, &hard, &core);
            if (n == cap) {
                cap = cap ? cap * 2 : 64;
                pieces = ail_xrealloc(pieces, cap * sizeof *pieces);
            }
            Piece *p = &pieces[n++];
            p->s = sp->text + pos;
            p->len = end - pos;
            p->core = core - pos;
            p->bold = sp->bold;
            p->highlight = sp->highlight;
            p->core_w =
                p->core ? ctx->measure.text_width(ctx->measure.ctx, p->s, p->core, px, p->bold) : 0;
            /* With its trailing spaces, shaped together (see wrap.c). */
            p->w = p->len > p->core && p->core
                       ? ctx->measure.text_width(ctx->measure.ctx, p->s, p->len, px, p->bold)
                       : p->core_w;
            if (!p->core && p->len)
                p->w = ctx->measure.text_width(ctx->measure.ctx, p->s, p->len, px, p->bold);
            pos = end;
        }
    }
    int lh = line_h(ctx, px);
    int height = 0, used = 0, avail = w;
    size_t from = 0;
    /* Pieces may lie in different spans, so a line cannot be measured whole as in
     * ui_wrap; leave the slack shaping a whole line may need. */
    w -= w / 32;
    for (size_t i = 0; i < n; i++) {
        if (i > from && used + pieces[i].core_w > w) {
            flush_span_line(ctx, pieces, from, i, x, y + height, avail, px, color, style.align,
                            draw);
            height += lh;
            from = i;
            used = 0;
        }
        used += pieces[i].w;
    }
    if (n > from) {
        flush_span_line(ctx, pieces, from, n, x, y + height, avail, px, color, style.align, draw);
        height += lh;
    }
    free(pieces);
    return height;
}

/* ---- Focus and widgets ---- */

static bool inside(UiRect r, int x, int y) {
    return x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}

static bool visible_point(UiContext *ctx, int x, int y) {
    if (!ctx->in_scroll) return true;
    return inside(ui_screen_rect(ctx, ctx->view), x, y);
}

/* Registers a focusable widget; returns true when it was activated this frame. */
static bool interact(UiContext *ctx, uint32_t id, UiRect screen, const char *label) {
    if (ctx->widget_count == ctx->widget_cap) {
        ctx->widget_cap = ctx->widget_cap ? ctx->widget_cap * 2 : 64;
        ctx->widgets = ail_xrealloc(ctx->widgets, ctx->widget_cap * sizeof *ctx->widgets);
    }
    UiWidget *w = &ctx->widgets[ctx->widget_count++];
    w->id = id;
    w->rect = screen;
    w->full = screen;
    w->scrolled = ctx->in_scroll;
    snprintf(w->label, sizeof w->label, "%s", label ? label : "");
    if (ctx->in_scroll) {
        /* Remember the clipped part, for tests and for clicks. */
        UiRect v = ui_screen_rect(ctx, ctx->view);
        int y0 = screen.y > v.y ? screen.y : v.y;
        int y1 = screen.y + screen.h < v.y + v.h ? screen.y + screen.h : v.y + v.h;
        w->rect.y = y0;
        w->rect.h = y1 > y0 ? y1 - y0 : 0;
    }
    const UiInput *in = &ctx->in;
    bool over =
        inside(screen, in->mouse_x, in->mouse_y) && visible_point(ctx, in->mouse_x, in->mouse_y);
    if (in->mouse_pressed && over) ctx->pressed_id = id;
    if (in->mouse_released && over && ctx->pressed_id == id) {
        ctx->pressed_id = 0;
        ctx->focus_id = id;
        return true;
    }
    if (in->key == UI_KEY_ENTER && ctx->focus_id == id && !ctx->consumed) {
        ctx->consumed = true;
        return true;
    }
    return false;
}

void ui_focus(UiContext *ctx, uint32_t id) {
    ctx->focus_id = id;
    ctx->focus_pending = 2; /* the widget may appear only in the next frame */
}

int ui_button_height(UiContext *ctx, int w, const char *label) {
    int pad = ui_px(ctx, 10);
    UiTextStyle st = {0};
    int th = ui_text(ctx, (UiRect){0, 0, w - 2 * pad, 0}, label, st, false);
    int min = ui_px(ctx, 44);
    return th + 2 * pad > min ? th + 2 * pad : min;
}

static void button_colors(const UiContext *ctx, UiButtonKind kind, UiColor *bg, UiColor *fg,
                          UiColor *border) {
    const UiTheme *t = &ctx->theme;
    *border = t->border;
    switch (kind) {
    case UI_BUTTON_PRIMARY:
        *bg = t->accent;
        *fg = t->accent_text;
        *border = t->accent;
        break;
    case UI_BUTTON_SELECTED:
        *bg = t->selected;
        *fg = t->text;
        *border = t->accent;
        break;
    case UI_BUTTON_GOOD:
        *bg = t->good;
        *fg = t->good_text;
        *border = t->good;
        break;
    case UI_BUTTON_BAD:
        *bg = t->bad;
        *fg = t->bad_text;
        *border = t->bad;
        break;
    case UI_BUTTON_FLAT:
        *bg = C_NONE;
        *fg = t->bar_text;
        *border = C_NONE;
        break;
    default:
        *bg = t->surface;
        *fg = t->text;
        break;
    }
}

bool ui_area(UiContext *ctx, uint32_t id, UiRect r, const char *label, UiButtonKind kind) {
    UiRect screen = ui_screen_rect(ctx, r);
    bool hit = interact(ctx, id, screen, label);
    UiColor bg, fg, border;
    button_colors(ctx, kind, &bg, &fg, &border);
    ui_fill(ctx, r, bg);
    if (border.a)
        ui_frame(ctx, r, border, kind == UI_BUTTON_SELECTED ? ui_px(ctx, 3) : ui_px(ctx, 1));
    return hit;
}

/* True when text fits w x h at px without breaking inside a word. */
static bool text_fits(UiContext *ctx, const char *text, int w, int h, int px, bool bold) {
    size_t len = strlen(text), pos = 0;
    while (pos < len) {
        bool hard;
        size_t core;
        size_t end = ui_piece_end(text, len, pos, &hard, &core);
        if (core > pos &&
            ctx->measure.text_width(ctx->measure.ctx, text + pos, core - pos, px, bold) > w)
            return false;
        pos = end;
    }
    UiTextStyle st = {.px = px, .bold = bold};
    return ui_text(ctx, (UiRect){0, 0, w, 0}, text, st, false) <= h;
}

int ui_fit_px(UiContext *ctx, const char *text, int w, int h, bool bold) {
    int px = ctx->text_px;
    for (int step = 0; step < 4; step++) {
        int p = ctx->text_px * (8 - step) / 8;
        if (text_fits(ctx, text, w, h, p, bold)) return p;
        px = p;
    }
    return px;
}

bool ui_button(UiContext *ctx, uint32_t id, UiRect r, const char *label, UiButtonKind kind) {
    bool hit = ui_area(ctx, id, r, label, kind);
    UiColor bg, fg, border;
    button_colors(ctx, kind, &bg, &fg, &border);
    int pad = ui_px(ctx, 10);
    UiTextStyle st = {.color = fg,
                      .align = UI_ALIGN_CENTER,
                      .bold = kind == UI_BUTTON_PRIMARY || kind == UI_BUTTON_FLAT};
    /* A label too big for its button (large text, a long translation) shrinks. */
    st.px = ui_fit_px(ctx, label, r.w - 2 * pad, r.h - ui_px(ctx, 4), st.bold);
    int th = ui_text(ctx, (UiRect){r.x + pad, 0, r.w - 2 * pad, 0}, label, st, false);
    ui_text(ctx, (UiRect){r.x + pad, r.y + (r.h - th) / 2, r.w - 2 * pad, th}, label, st, true);
    return hit;
}

bool ui_tile(UiContext *ctx, uint32_t id, UiRect r, const char *label, UiColor color) {
    UiRect screen = ui_screen_rect(ctx, r);
    bool hit = interact(ctx, id, screen, label);
    ui_fill(ctx, r, color);
    int pad = ui_px(ctx, 8);
    UiTextStyle st = {.px = ctx->text_px * 5 / 4,
                      .bold = true,
                      .color = {255, 255, 255, 255},
                      .align = UI_ALIGN_CENTER};
    int th = ui_text(ctx, (UiRect){r.x + pad, 0, r.w - 2 * pad, 0}, label, st, false);
    ui_text(ctx, (UiRect){r.x + pad, r.y + (r.h - th) / 2, r.w - 2 * pad, th}, label, st, true);
    return hit;
}

static void pop_utf8(AilBuf *b) {
    while (b->len > 0) {
        unsigned char c = (unsigned char)b->data[--b->len];
        if ((c & 0xC0) != 0x80) break;
    }
    b->data[b->len] = '\0';
}

/* A one-line field; with max_digits > 0 it takes only ASCII digits, at most that
 * many, and shows a dot per digit instead of the digits (a PIN). */
static bool field(UiContext *ctx, uint32_t id, UiRect r, AilBuf *value, const char *placeholder,
                  int max_digits) {
    UiRect screen = ui_screen_rect(ctx, r);
    bool hit = interact(ctx, id, screen, placeholder);
    bool focused = ctx->focus_id == id;
    bool entered = false;
    bool secret = max_digits > 0;
    if (hit && ctx->in.key != UI_KEY_ENTER) hit = false; /* a click only focuses */
    if (focused) {
        ctx->wants_text = true;
        ctx->text_field = id;
        if (secret) {
            for (const char *p = ctx->in.text; *p; p++)
                if (*p >= '0' && *p <= '9' && value->len < (size_t)max_digits)
                    ail_buf_append(value, p, 1);
        } else if (ctx->in.text[0] && value->len < 200) {
            ail_buf_puts(value, ctx->in.text);
        }
        if (ctx->in.key == UI_KEY_BACKSPACE) {
            if (value->len) pop_utf8(value);
            ctx->consumed = true;
        }
        if (hit) entered = true;
    }
    const UiTheme *t = &ctx->theme;
    ui_fill(ctx, r, t->surface);
    ui_frame(ctx, r, focused ? t->accent : t->border, ui_px(ctx, 2));
    int pad = ui_px(ctx, 10);
    int lh = line_h(ctx, ctx->text_px);
    UiRect tr = {r.x + pad, r.y + (r.h - lh) / 2, r.w - 2 * pad, lh};
    int tw = 0;
    if (secret && value->len) {
        /* Dots drawn as squares: no glyph to miss, and no digit ever in the commands. */
        int d = ctx->text_px * 2 / 3, step = d + d / 2;
        for (size_t i = 0; i < value->len && tw + d <= tr.w; i++, tw += step)
            ui_fill(ctx, (UiRect){tr.x + tw, tr.y + (lh - d) / 2, d, d}, t->text);
    } else {
        const char *shown = value->len ? value->data : (placeholder ? placeholder : "");
        UiTextStyle st = {.color = value->len ? t->text : t->muted};
        if (shown[0]) {
            UiCmd *c = push(ctx, UI_CMD_TEXT, ui_screen_rect(ctx, tr));
            c->text = ail_arena_strdup(&ctx->arena, shown);
            c->len = strlen(shown);
            c->px = ctx->text_px;
            c->color = st.color;
            c->rtl = ctx->rtl;
            c->align = ctx->rtl ? UI_ALIGN_END : UI_ALIGN_START;
        }
        if (value->len)
            tw = ctx->measure.text_width(ctx->measure.ctx, value->data, value->len, ctx->text_px,
                                         false);
    }
    if (focused) {
        if (tw > tr.w) tw = tr.w;
        ui_fill(ctx, (UiRect){tr.x + tw + 1, tr.y, ui_px(ctx, 2), lh}, t->text);
    }
    return entered;
}

bool ui_text_field(UiContext *ctx, uint32_t id, UiRect r, AilBuf *value, const char *placeholder) {
    return field(ctx, id, r, value, placeholder, 0);
}

bool ui_pin_field(UiContext *ctx, uint32_t id, UiRect r, AilBuf *value, int max_digits,
                  const char *label) {
    return field(ctx, id, r, value, label, max_digits > 0 ? max_digits : 1);
}

/* ---- Scrolling ---- */

int ui_scroll_begin(UiContext *ctx, UiRect view, uint32_t key) {
    if (key != ctx->scroll_key) {
        ctx->scroll_key = key;
        ctx->scroll_y = 0;
    }
    ctx->view = view;
    UiRect sv = ui_screen_rect(ctx, view);
    const UiInput *in = &ctx->in;
    int step = ui_px(ctx, 48);
    if (in->wheel && inside(sv, in->mouse_x, in->mouse_y)) ctx->scroll_y -= in->wheel * step;
    if (in->drag_dy && !ctx->pointer_captured) ctx->scroll_y -= in->drag_dy;
    if (in->key == UI_KEY_PAGEDOWN) ctx->scroll_y += view.h * 4 / 5;
    if (in->key == UI_KEY_PAGEUP) ctx->scroll_y -= view.h * 4 / 5;
    if (ctx->scroll_y < 0) ctx->scroll_y = 0;
    /* The upper bound is known only at ui_scroll_end; the app lays out again when
     * that clamps (see app_loop.c). */
    push(ctx, UI_CMD_CLIP, sv);
    ctx->in_scroll = true;
    return ctx->scroll_y;
}

void ui_scroll_end(UiContext *ctx, int content_height) {
    ctx->scroll_max = content_height > ctx->view.h ? content_height - ctx->view.h : 0;
    if (ctx->scroll_y > ctx->scroll_max) ctx->scroll_y = ctx->scroll_max;
    push(ctx, UI_CMD_CLIP, (UiRect){0, 0, 0, 0});
    ctx->in_scroll = false;
    if (ctx->scroll_max > 0) {
        /* A thin bar on the end side says there is more. */
        UiRect v = ctx->view;
        int bw = ui_px(ctx, 5);
        int th = v.h * v.h / content_height;
        int ty = v.y + (v.h - th) * ctx->scroll_y / ctx->scroll_max;
        ui_fill(ctx, (UiRect){v.x + v.w - bw, ty, bw, th}, ctx->theme.muted);
    }
}

/* ---- End of frame ---- */

static size_t focus_index(const UiContext *ctx) {
    for (size_t i = 0; i < ctx->widget_count; i++)
        if (ctx->widgets[i].id == ctx->focus_id) return i;
    return (size_t)-1;
}

static bool moves_focus(UiKey k) {
    return k == UI_KEY_TAB || k == UI_KEY_BACKTAB || k == UI_KEY_UP || k == UI_KEY_DOWN ||
           k == UI_KEY_LEFT || k == UI_KEY_RIGHT || k == UI_KEY_HOME || k == UI_KEY_END;
}

void ui_end(UiContext *ctx) {
    size_t n = ctx->widget_count;
    if (n == 0) return;
    size_t i = focus_index(ctx);
    if (i != (size_t)-1)
        ctx->focus_pending = 0;
    else if (ctx->focus_pending > 0 && (ctx->consumed || !moves_focus(ctx->in.key))) {
        /* Focus asked for a widget of the next screen: keep it for one frame. */
        ctx->focus_pending--;
        return;
    } else {
        ctx->focus_pending = 0;
        ctx->focus_id = ctx->widgets[0].id;
        i = 0;
    }
    UiKey k = ctx->in.key;
    if (!ctx->consumed) {
        bool next = k == UI_KEY_TAB || k == UI_KEY_DOWN || (k == UI_KEY_RIGHT && !ctx->rtl) ||
                    (k == UI_KEY_LEFT && ctx->rtl);
        bool prev = k == UI_KEY_BACKTAB || k == UI_KEY_UP || (k == UI_KEY_LEFT && !ctx->rtl) ||
                    (k == UI_KEY_RIGHT && ctx->rtl);
        if (k == UI_KEY_HOME) {
            i = 0;
            ctx->focus_scroll = true;
        }
        if (k == UI_KEY_END) {
            i = n - 1;
            ctx->focus_scroll = true;
        }
        if (next) {
            i = (i + 1) % n;
            ctx->focus_scroll = true;
        }
        if (prev) {
            i = (i + n - 1) % n;
            ctx->focus_scroll = true;
        }
        ctx->focus_id = ctx->widgets[i].id;
    }
    const UiWidget *w = &ctx->widgets[i];
    if (ctx->focus_scroll) {
        /* Bring a widget reached by keyboard into the scrolling view; the next frame
         * lays out with the new offset. */
        ctx->focus_scroll = false;
        if (w->scrolled) {
            UiRect v = ui_screen_rect(ctx, ctx->view);
            int margin = ui_px(ctx, 8);
            if (w->full.y < v.y)
                ctx->scroll_y -= v.y - w->full.y + margin;
            else if (w->full.y + w->full.h > v.y + v.h)
                ctx->scroll_y += w->full.y + w->full.h - (v.y + v.h) + margin;
            if (ctx->scroll_y > ctx->scroll_max) ctx->scroll_y = ctx->scroll_max;
            if (ctx->scroll_y < 0) ctx->scroll_y = 0;
        }
    }
    if (ctx->focus_visible && w->rect.h > 0) {
        int t = ui_px(ctx, 3);
        UiRect fr = {w->rect.x - t, w->rect.y - t, w->rect.w + 2 * t, w->rect.h + 2 * t};
        UiCmd *c = push(ctx, UI_CMD_FRAME, fr);
        c->color = ctx->theme.focus;
        c->thickness = t;
    }
}
