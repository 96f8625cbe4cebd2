/*
 * The "pixels" demo: a small greyscale picture drawn big beside its grid of numbers
 * (0 black .. 255 white). Clicking or tapping a cell of either, or moving to it with
 * the arrow keys, shows its number; the − and + buttons (or the - and + keys) change
 * it and the picture changes with it. Darker and Brighter change every number at
 * once, clamped to 0..255: a cell that hits the end loses part of the change, which
 * the learner can see when they go back.
 *
 * The picture is the page's params.values, or a smiling face of our own.
 * The grids are not mirrored in right-to-left layouts (a picture is not text).
 */
#include "screens/screens_internal.h"

#include "demos/demos.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ScreensPixels {
    const Page *page;
    DemoPicture pic, start;
    int step, range; /* brightness: one step, and the furthest from the start either way */
    int brightness;  /* the sum of the brightness steps taken */
    int cx, cy;      /* the chosen cell */
    size_t cells_changed, brightness_moves;
};

typedef struct ScreensPixels ScreensPixels;

/* A smiling face, 8 x 8. */
static const uint8_t FACE[8][8] = {
    {240, 240, 176, 176, 176, 176, 240, 240}, {240, 176, 176, 176, 176, 176, 176, 240},
    {176, 176, 32, 176, 176, 32, 176, 176},   {176, 176, 32, 176, 176, 32, 176, 176},
    {176, 176, 176, 176, 176, 176, 176, 176}, {176, 32, 176, 176, 176, 176, 32, 176},
    {240, 176, 32, 32, 32, 32, 176, 240},     {240, 240, 176, 176, 176, 176, 240, 240},
};

void screens_pixels_free(Screens *s) {
    free(s->pixels);
    s->pixels = NULL;
}

static int int_param(const cJSON *params, const char *key, int lo, int hi, int fallback) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(params, key);
    return cJSON_IsNumber(v) && v->valueint >= lo && v->valueint <= hi ? v->valueint : fallback;
}

static void load_params(ScreensPixels *px, const Page *p) {
    cJSON *params = cJSON_Parse(p->params_json ? p->params_json : "{}");
    px->step = int_param(params, "brightness_step", 1, 128, 16);
    px->range = int_param(params, "brightness_range", 1, 255, 128);
    int w = int_param(params, "width", 1, DEMO_PICTURE_MAX_SIZE, 8);
    int h = int_param(params, "height", 1, DEMO_PICTURE_MAX_SIZE, 8);
    const cJSON *values = cJSON_GetObjectItemCaseSensitive(params, "values");
    int cells[DEMO_PICTURE_MAX_SIZE * DEMO_PICTURE_MAX_SIZE];
    bool ok = cJSON_GetArraySize(values) == h;
    for (int y = 0; ok && y < h; y++) {
        const cJSON *row = cJSON_GetArrayItem(values, y);
        ok = cJSON_GetArraySize(row) == w;
        for (int x = 0; ok && x < w; x++) {
            const cJSON *v = cJSON_GetArrayItem(row, x);
            ok = cJSON_IsNumber(v);
            if (ok) cells[y * w + x] = v->valueint;
        }
    }
    if (!ok || demo_picture_from_values(&px->pic, w, h, cells) != AIL_OK) {
        demo_picture_init(&px->pic, 8, 8, 0);
        for (int y = 0; y < 8; y++)
            for (int x = 0; x < 8; x++) demo_picture_set(&px->pic, x, y, FACE[y][x]);
    }
    px->start = px->pic;
    cJSON_Delete(params);
}

static ScreensPixels *prepare(Screens *s, const Page *p) {
    ScreensPixels *px = s->pixels;
    if (px && px->page == p) return px;
    screens_pixels_free(s);
    px = s->pixels = ail_xcalloc(1, sizeof *px);
    px->page = p;
    load_params(px, p);
    px->cx = px->pic.width / 2;
    px->cy = px->pic.height / 2;
    return px;
}

static void change_cell(ScreensPixels *px, int delta) {
    int v = px->pic.cells[px->cy][px->cx];
    if (demo_picture_set(&px->pic, px->cx, px->cy, v + delta) != v) px->cells_changed++;
}

static void brighten(ScreensPixels *px, int steps) {
    int next = px->brightness + steps * px->step;
    if (next > px->range || next < -px->range) return;
    px->brightness = next;
    demo_picture_brighten(&px->pic, steps * px->step);
    px->brightness_moves++;
}

/* The reaction of a grid (logical rect g, cell pixels a cell) named id to this frame:
 * a press chooses a cell; with the focus, arrows move and - + change the number. */
static void grid_input(ScreensPixels *px, UiContext *ui, uint32_t id, UiRect g, int cell) {
    const UiInput *in = &ui->in;
    UiRect sr = ui_screen_rect(ui, g);
    if (in->mouse_pressed && in->mouse_x >= sr.x && in->mouse_y >= sr.y &&
        in->mouse_x < sr.x + sr.w && in->mouse_y < sr.y + sr.h) {
        px->cx = (in->mouse_x - sr.x) / cell;
        px->cy = (in->mouse_y - sr.y) / cell;
        if (px->cx >= px->pic.width) px->cx = px->pic.width - 1;
        if (px->cy >= px->pic.height) px->cy = px->pic.height - 1;
    }
    if (ui->focus_id != id || ui->consumed) return;
    int dx = in->key == UI_KEY_LEFT ? -1 : in->key == UI_KEY_RIGHT ? 1 : 0;
    int dy = in->key == UI_KEY_UP ? -1 : in->key == UI_KEY_DOWN ? 1 : 0;
    if (dx || dy) {
        px->cx = (px->cx + dx + px->pic.width) % px->pic.width;
        px->cy = (px->cy + dy + px->pic.height) % px->pic.height;
        ui->consumed = true;
    }
    if (in->text[0] == '+' || in->text[0] == '=') change_cell(px, px->step);
    if (in->text[0] == '-') change_cell(px, -px->step);
}

/* A cell's place on screen as a logical rect (grids keep their left-to-right order). */
static UiRect cell_at(UiContext *ui, UiRect sr, int cell, int x, int y) {
    return ui_screen_rect(ui, (UiRect){sr.x + x * cell, sr.y + y * cell, cell, cell});
}

static UiColor grey(uint8_t v) { return (UiColor){v, v, v, 255}; }

/* The picture, drawn big at g. */
static void draw_picture(UiContext *ui, const ScreensPixels *px, UiRect g, int cell, bool focus) {
    UiRect sr = ui_screen_rect(ui, g);
    for (int y = 0; y < px->pic.height; y++)
        for (int x = 0; x < px->pic.width; x++)
            ui_fill(ui, cell_at(ui, sr, cell, x, y), grey(px->pic.cells[y][x]));
    ui_frame(ui, g, ui->theme.border, 1);
    UiColor mark = focus && ui->focus_visible ? ui->theme.focus : ui->theme.accent;
    ui_frame(ui, cell_at(ui, sr, cell, px->cx, px->cy), mark, ui_px(ui, 3));
}

/* The numbers, each on its own grey, at g. */
static void draw_numbers(UiContext *ui, const ScreensPixels *px, UiRect g, int cell, bool focus) {
    UiRect sr = ui_screen_rect(ui, g);
    int fpx = ui_fit_px(ui, "255", cell - ui_px(ui, 4), cell, false);
    for (int y = 0; y < px->pic.height; y++)
        for (int x = 0; x < px->pic.width; x++) {
            uint8_t v = px->pic.cells[y][x];
            UiRect r = cell_at(ui, sr, cell, x, y);
            ui_fill(ui, r, grey(v));
            char n[4];
            demo_picture_number(&px->pic, x, y, n);
            UiTextStyle st = {.px = fpx,
                              .color = v < 128 ? grey(255) : grey(0),
                              .align = UI_ALIGN_CENTER,
                              .ltr = true};
            int th = ui_text(ui, (UiRect){0, 0, r.w, 0}, n, st, false);
            ui_text(ui, (UiRect){r.x, r.y + (r.h - th) / 2, r.w, th}, n, st, true);
        }
    for (int i = 1; i < px->pic.width; i++)
        ui_fill(ui, ui_screen_rect(ui, (UiRect){sr.x + i * cell, sr.y, 1, sr.h}), ui->theme.border);
    for (int i = 1; i < px->pic.height; i++)
        ui_fill(ui, (UiRect){g.x, g.y + i * cell, g.w, 1}, ui->theme.border);
    ui_frame(ui, g, ui->theme.border, 1);
    UiColor mark = focus && ui->focus_visible ? ui->theme.focus : ui->theme.accent;
    ui_frame(ui, cell_at(ui, sr, cell, px->cx, px->cy), mark, ui_px(ui, 3));
}

/* The chosen cell's number with − and + ; returns the height. */
static int cell_panel(Screens *s, UiContext *ui, ScreensPixels *px, int x, int y, int w) {
    const UiTheme *th = &ui->theme;
    int y0 = y, gap = ui_px(ui, 8), bh = ui_px(ui, 48), bw = ui_px(ui, 96);
    char row[16], col[16], value[16], tmp[300], line[300];
    snprintf(row, sizeof row, "%d", px->cy + 1);
    snprintf(col, sizeof col, "%d", px->cx + 1);
    snprintf(value, sizeof value, "%d", px->pic.cells[px->cy][px->cx]);
    screens_fill(tmp, sizeof tmp, S(s, "pixels_cell"), "row", row, "column", col);
    screens_fill(line, sizeof line, tmp, "n", value, NULL, NULL);
    UiTextStyle hs = {.bold = true, .color = th->text};
    y += ui_text(ui, (UiRect){x, y, w, 0}, line, hs, true) + gap / 2;
    char minus[32], plus[32];
    snprintf(minus, sizeof minus, "− %d", px->step);
    snprintf(plus, sizeof plus, "+ %d", px->step);
    if (ui_button(ui, ui_id("pixels-cell-minus", 0), (UiRect){x, y, bw, bh}, minus,
                  UI_BUTTON_NORMAL))
        change_cell(px, -px->step);
    if (ui_button(ui, ui_id("pixels-cell-plus", 0), (UiRect){x + bw + gap, y, bw, bh}, plus,
                  UI_BUTTON_NORMAL))
        change_cell(px, px->step);
    return y + bh + gap - y0;
}

/* Darker / Brighter for every cell, the level under them, and Start again. */
static int brightness_panel(Screens *s, UiContext *ui, ScreensPixels *px, int x, int y, int w) {
    const UiTheme *th = &ui->theme;
    int y0 = y, gap = ui_px(ui, 8);
    char level[16], line[300];
    snprintf(level, sizeof level, "%+d", px->brightness);
    screens_fill(line, sizeof line, S(s, "pixels_brightness"), "n", level, NULL, NULL);
    UiTextStyle hs = {.bold = true, .color = th->text};
    y += ui_text(ui, (UiRect){x, y, w, 0}, line, hs, true) + gap / 2;
    int bw = (w - gap) / 2;
    int bh = ui_button_height(ui, bw, S(s, "pixels_darker"));
    int bh2 = ui_button_height(ui, bw, S(s, "pixels_brighter"));
    if (bh2 > bh) bh = bh2;
    if (ui_button(ui, ui_id("pixels-darker", 0), (UiRect){x, y, bw, bh}, S(s, "pixels_darker"),
                  UI_BUTTON_NORMAL))
        brighten(px, -1);
    if (ui_button(ui, ui_id("pixels-brighter", 0), (UiRect){x + bw + gap, y, bw, bh},
                  S(s, "pixels_brighter"), UI_BUTTON_NORMAL))
        brighten(px, 1);
    y += bh + gap;
    /* The level as a track from -range (under Darker) to +range (under Brighter). */
    int knob = ui_px(ui, 10), tw = w - knob;
    ui_fill(ui, (UiRect){x, y + knob - ui_px(ui, 2), w, ui_px(ui, 4)}, th->border);
    int kx = x + (px->brightness + px->range) * tw / (2 * px->range);
    ui_fill(ui, (UiRect){kx, y, knob, 2 * knob}, th->accent);
    y += 2 * knob + gap;
    int rh = ui_button_height(ui, w, S(s, "demo_restart"));
    if (ui_button(ui, ui_id("pixels-restart", 0), (UiRect){x, y, w, rh}, S(s, "demo_restart"),
                  UI_BUTTON_NORMAL)) {
        px->pic = px->start;
        px->brightness = 0;
    }
    return y + rh + gap - y0;
}

int screens_pixels_draw(Screens *s, UiContext *ui, const Page *p, int x, int y, int w) {
    ScreensPixels *px = prepare(s, p);
    const UiTheme *th = &ui->theme;
    int y0 = y, gap = ui_px(ui, 14), pw = px->pic.width, ph = px->pic.height;
    UiTextStyle ms = {.color = th->muted};
    y += ui_text(ui, (UiRect){x, y, w, 0}, S(s, "pixels_help"), ms, true) + gap / 2;
    /* Picture, numbers and controls side by side when the numbers ("255") still fit;
     * else the controls under the two grids; else all under each other. */
    int least = ui_px(ui, 26), most = ui_px(ui, 36), controls_w = ui_px(ui, 230);
    int cell = (w - 2 * gap - controls_w) / (2 * pw);
    int columns = 3;
    if (cell < least) {
        cell = (w - gap) / (2 * pw);
        columns = 2;
    }
    if (cell < least) {
        cell = w / pw;
        columns = 1;
    }
    if (cell > most) cell = most;
    int gw = cell * pw, gh = cell * ph;
    UiRect pic = {x, y, gw, gh};
    UiRect num =
        columns > 1 ? (UiRect){x + gw + gap, y, gw, gh} : (UiRect){x, y + gh + gap, gw, gh};
    uint32_t pid = ui_id("pixels-picture", 0), nid = ui_id("pixels-numbers", 0);
    ui_area(ui, pid, pic, S(s, "pixels_picture"), UI_BUTTON_FLAT);
    grid_input(px, ui, pid, pic, cell);
    ui_area(ui, nid, num, S(s, "pixels_numbers"), UI_BUTTON_FLAT);
    grid_input(px, ui, nid, num, cell);
    int cx = x, cy = num.y + gh + gap, cw = w;
    if (columns == 3) {
        cx = num.x + gw + gap;
        cy = y;
        cw = x + w - cx;
    }
    if (cw > ui_px(ui, 420)) cw = ui_px(ui, 420);
    int h = cell_panel(s, ui, px, cx, cy, cw);
    h += brightness_panel(s, ui, px, cx, cy + h, cw);
    y = columns == 3 && h < gh ? y + gh + gap : cy + h;
    /* Draw last: the buttons above may have changed the numbers. */
    draw_picture(ui, px, pic, cell, ui->focus_id == pid);
    draw_numbers(ui, px, num, cell, ui->focus_id == nid);
    return y - y0;
}

bool screens_pixels_summary(const Screens *s, const Page *p, char *out, size_t size) {
    const ScreensPixels *px = s->pixels;
    if (!px || px->page != p || (px->cells_changed == 0 && px->brightness_moves == 0)) return false;
    int n =
        snprintf(out, size, "{\"cells_changed\":%zu,\"brightness_moves\":%zu,\"brightness\":%d}",
                 px->cells_changed, px->brightness_moves, px->brightness);
    return n > 0 && (size_t)n < size;
}
