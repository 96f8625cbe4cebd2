/*
 * The "teach-the-machine" demo: k nearest neighbours on drawings. The learner draws
 * on a square grid (a mouse drag, a finger, or the arrow keys and Space), files each
 * drawing under one of the page's two or three labels, then draws a new one and
 * presses Guess: the machine names the label most of its k most alike examples have
 * and shows those examples. With few or one-sided examples (the page may start with
 * three suns and no moon) it guesses wrong, and the learner fixes that by adding
 * examples. Clear, Undo (the last example) and Forget everything.
 *
 * Drawings keep their place on screen in every language: the grid is not mirrored
 * in right-to-left layouts (a drawing is a picture, not text).
 */
#include "screens/screens_internal.h"

#include "demos/demos.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ScreensTeach {
    const Page *page; /* the page the state belongs to */
    char lang[16];
    size_t k;
    int label_count;
    char label_id[DEMO_DRAWING_MAX_LABELS][65];
    char label_text[DEMO_DRAWING_MAX_LABELS][128];
    DemoDrawingSet set;
    DemoDrawing drawing;
    int cx, cy;        /* the keyboard's cell */
    bool painting;     /* the last press began a stroke on the grid */
    bool was_on;       /* the pressed cell was inked before: a tap there rubs it out */
    bool stroke_moved; /* the stroke has left the cell it began on */
    int last_x, last_y;
    bool guessed; /* guess holds the answer for the drawing on the grid */
    bool reveal;  /* scroll the answer into view (it was just asked for) */
    DemoKnnResult guess;
    const char *note; /* string key: what the last button did */
    char note_label[128];
    size_t given, guesses; /* examples the learner filed, guesses asked */
};

typedef struct ScreensTeach ScreensTeach;

void screens_teach_free(Screens *s) {
    free(s->teach);
    s->teach = NULL;
}

/* Labels and starting examples from the page's params (checked by ailit validate;
 * anything unusable here is skipped). */
static void load_params(Screens *s, ScreensTeach *t, const Page *p) {
    cJSON *params = cJSON_Parse(p->params_json ? p->params_json : "{}");
    const cJSON *size = cJSON_GetObjectItemCaseSensitive(params, "size");
    const cJSON *k = cJSON_GetObjectItemCaseSensitive(params, "k");
    int n = cJSON_IsNumber(size) ? size->valueint : 16;
    if (n < DEMO_DRAWING_MIN_SIZE || n > DEMO_DRAWING_MAX_SIZE) n = 16;
    demo_drawing_init(&t->drawing, n);
    t->k = cJSON_IsNumber(k) && k->valueint >= 1 && k->valueint <= DEMO_KNN_MAX_K
               ? (size_t)k->valueint
               : 3;
    const cJSON *labels = cJSON_GetObjectItemCaseSensitive(params, "labels");
    const cJSON *l;
    cJSON_ArrayForEach(l, labels) {
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(l, "id");
        const char *text = screens_demo_text(s, cJSON_GetObjectItemCaseSensitive(l, "text"));
        if (t->label_count == DEMO_DRAWING_MAX_LABELS || !cJSON_IsString(id) || !text) continue;
        snprintf(t->label_id[t->label_count], sizeof t->label_id[0], "%s", id->valuestring);
        snprintf(t->label_text[t->label_count++], sizeof t->label_text[0], "%s", text);
    }
    if (t->label_count < 2) {
        t->label_count = 2;
        snprintf(t->label_id[0], sizeof t->label_id[0], "sun");
        snprintf(t->label_id[1], sizeof t->label_id[1], "moon");
        snprintf(t->label_text[0], sizeof t->label_text[0], "%s", S(s, "teach_sun"));
        snprintf(t->label_text[1], sizeof t->label_text[1], "%s", S(s, "teach_moon"));
    }
    const cJSON *examples = cJSON_GetObjectItemCaseSensitive(params, "examples");
    const cJSON *e;
    cJSON_ArrayForEach(e, examples) {
        const cJSON *label = cJSON_GetObjectItemCaseSensitive(e, "label");
        const cJSON *rows = cJSON_GetObjectItemCaseSensitive(e, "rows");
        const char *text[DEMO_DRAWING_MAX_SIZE];
        size_t count = 0;
        const cJSON *r;
        cJSON_ArrayForEach(r, rows) {
            if (count < DEMO_DRAWING_MAX_SIZE && cJSON_IsString(r)) text[count++] = r->valuestring;
        }
        DemoDrawing d;
        int index = -1;
        for (int i = 0; i < t->label_count && cJSON_IsString(label); i++)
            if (strcmp(t->label_id[i], label->valuestring) == 0) index = i;
        if (index >= 0 && demo_drawing_from_rows(&d, text, count, NULL) == AIL_OK &&
            d.size == t->drawing.size)
            (void)demo_drawing_set_add(&t->set, &d, index);
    }
    cJSON_Delete(params);
}

/* The label texts in the UI language (after a change of language). */
static void load_label_texts(Screens *s, ScreensTeach *t, const Page *p) {
    ScreensTeach fresh;
    memset(&fresh, 0, sizeof fresh);
    load_params(s, &fresh, p);
    memcpy(t->label_text, fresh.label_text, sizeof t->label_text);
    snprintf(t->lang, sizeof t->lang, "%s", s->lang);
}

static ScreensTeach *prepare(Screens *s, const Page *p) {
    ScreensTeach *t = s->teach;
    if (t && t->page == p) {
        if (strcmp(t->lang, s->lang) != 0) load_label_texts(s, t, p);
        return t;
    }
    screens_teach_free(s);
    t = s->teach = ail_xcalloc(1, sizeof *t);
    t->page = p;
    snprintf(t->lang, sizeof t->lang, "%s", s->lang);
    load_params(s, t, p);
    t->cx = t->cy = t->drawing.size / 2;
    return t;
}

/* The grid's reaction to this frame's pointer and keys; g is its logical rect. A
 * stroke inks every cell it crosses; a tap on an inked cell rubs it out. */
static void grid_input(ScreensTeach *t, UiContext *ui, UiRect g, int cell, bool hit) {
    const UiInput *in = &ui->in;
    UiRect sr = ui_screen_rect(ui, g);
    int size = t->drawing.size;
    int col = (in->mouse_x - sr.x) / cell, row = (in->mouse_y - sr.y) / cell;
    bool over = in->mouse_x >= sr.x && in->mouse_y >= sr.y && col < size && row < size;
    UiRect v = ui_screen_rect(ui, ui->view);
    bool seen = !ui->in_scroll || (in->mouse_y >= v.y && in->mouse_y < v.y + v.h);
    bool before = t->guessed;
    if (in->mouse_pressed) t->painting = false;
    if (in->mouse_pressed && over && seen) {
        ui->pointer_captured = true;
        t->painting = true;
        t->stroke_moved = false;
        t->was_on = demo_drawing_get(&t->drawing, col, row);
        demo_drawing_set(&t->drawing, col, row, true);
        t->last_x = t->cx = col;
        t->last_y = t->cy = row;
        t->guessed = false;
    } else if (in->pointer_moved && t->painting && ui->pointer_captured) {
        col = col < 0 ? 0 : col >= size ? size - 1 : col;
        row = row < 0 ? 0 : row >= size ? size - 1 : row;
        if (in->mouse_x < sr.x) col = 0;
        if (in->mouse_y < sr.y) row = 0;
        if (col != t->last_x || row != t->last_y) t->stroke_moved = true;
        demo_drawing_line(&t->drawing, t->last_x, t->last_y, col, row);
        t->last_x = t->cx = col;
        t->last_y = t->cy = row;
        t->guessed = false;
    }
    if (in->mouse_released && t->painting) {
        if (!t->stroke_moved && t->was_on)
            demo_drawing_set(&t->drawing, t->last_x, t->last_y, false);
        t->painting = false;
    }
    if (ui->focus_id == ui_id("teach-grid", 0) && !ui->consumed) {
        int dx = in->key == UI_KEY_LEFT ? -1 : in->key == UI_KEY_RIGHT ? 1 : 0;
        int dy = in->key == UI_KEY_UP ? -1 : in->key == UI_KEY_DOWN ? 1 : 0;
        if (dx || dy) {
            t->cx = (t->cx + dx + size) % size;
            t->cy = (t->cy + dy + size) % size;
            ui->consumed = true;
        }
    }
    if (hit && in->key == UI_KEY_ENTER) { /* Space or Enter */
        demo_drawing_set(&t->drawing, t->cx, t->cy, !demo_drawing_get(&t->drawing, t->cx, t->cy));
        t->guessed = false;
    }
    if (before && !t->guessed) t->note = NULL;
}

/* Cell (cx, cy) of a grid whose screen rect is sr, as a logical rect. */
static UiRect cell_rect(UiContext *ui, UiRect sr, int cell, int cx, int cy, int inset) {
    UiRect c = {sr.x + cx * cell + inset, sr.y + cy * cell + inset, cell - 2 * inset,
                cell - 2 * inset};
    return ui_screen_rect(ui, c); /* mirroring twice is no mirroring */
}

/* A drawing at logical (x, y), cell pixels a cell, with grid lines when lines. */
static void draw_drawing(UiContext *ui, const DemoDrawing *d, int x, int y, int cell, bool lines) {
    const UiTheme *th = &ui->theme;
    int side = cell * d->size;
    UiRect sr = ui_screen_rect(ui, (UiRect){x, y, side, side});
    ui_fill(ui, (UiRect){x, y, side, side}, th->surface);
    if (lines)
        for (int i = 1; i < d->size; i++) {
            ui_fill(ui, ui_screen_rect(ui, (UiRect){sr.x + i * cell, sr.y, 1, side}), th->border);
            ui_fill(ui, (UiRect){x, y + i * cell, side, 1}, th->border);
        }
    for (int r = 0; r < d->size; r++)
        for (int c = 0; c < d->size; c++)
            if (demo_drawing_get(d, c, r)) ui_fill(ui, cell_rect(ui, sr, cell, c, r, 0), th->text);
    ui_frame(ui, (UiRect){x, y, side, side}, th->border, 1);
}

/* The machine's answer and the examples it used, at (x, y); returns the height. */
static int guess_view(Screens *s, UiContext *ui, ScreensTeach *t, int x, int y, int w) {
    const UiTheme *th = &ui->theme;
    int y0 = y, gap = ui_px(ui, 8);
    const char *label = t->label_text[t->guess.label];
    char line[400], n[16], k[16];
    screens_fill(line, sizeof line, S(s, "teach_guess_is"), "label", label, NULL, NULL);
    UiTextStyle big = {.px = ui->text_px * 5 / 4, .bold = true, .color = th->text};
    y += ui_text(ui, (UiRect){x, y, w, 0}, line, big, true) + gap / 2;
    snprintf(n, sizeof n, "%zu", t->guess.votes);
    snprintf(k, sizeof k, "%zu", t->guess.k);
    char tmp[400];
    screens_fill(tmp, sizeof tmp, S(s, "teach_votes"), "n", n, "k", k);
    screens_fill(line, sizeof line, tmp, "label", label, NULL, NULL);
    y += ui_text(ui, (UiRect){x, y, w, 0}, line, (UiTextStyle){.color = th->text}, true) + gap;
    int size = t->drawing.size, cell = ui_px(ui, 64) / size;
    if (cell < 2) cell = 2;
    int tw = cell * size, col_w = tw + ui_px(ui, 16);
    int per_row = w / col_w > 0 ? w / col_w : 1;
    UiTextStyle cap = {.px = ui->text_px * 7 / 8, .color = th->text, .align = UI_ALIGN_CENTER};
    int caption = ui_text(ui, (UiRect){0, 0, col_w, 0}, "Ag", cap, false);
    for (size_t i = 0; i < t->guess.k; i++) {
        size_t e = t->guess.neighbours[i];
        int cx = x + (int)(i % (size_t)per_row) * col_w;
        int cy = y + (int)(i / (size_t)per_row) * (tw + caption + gap);
        draw_drawing(ui, &t->set.drawings[e], cx, cy, cell, false);
        ui_text(ui, (UiRect){cx - ui_px(ui, 8), cy + tw, col_w, caption},
                t->label_text[t->set.labels[e]], cap, true);
    }
    int rows = (int)((t->guess.k + (size_t)per_row - 1) / (size_t)per_row);
    y += rows * (tw + caption + gap);
    return y - y0;
}

/* What the buttons do. */
static void file_drawing(ScreensTeach *t, int label) {
    t->note_label[0] = '\0';
    if (demo_drawing_ink(&t->drawing) == 0) {
        t->note = "teach_draw_first";
        return;
    }
    if (demo_drawing_set_add(&t->set, &t->drawing, label) != AIL_OK) {
        t->note = "teach_full";
        return;
    }
    t->given++;
    t->note = "teach_filed";
    snprintf(t->note_label, sizeof t->note_label, "%s", t->label_text[label]);
    demo_drawing_init(&t->drawing, t->drawing.size);
    t->guessed = false;
}

static void make_guess(ScreensTeach *t) {
    t->guessed = false;
    if (t->set.count == 0) {
        t->note = "teach_no_examples";
    } else if (demo_drawing_ink(&t->drawing) == 0) {
        t->note = "teach_draw_first";
    } else if (demo_drawing_classify(&t->set, &t->drawing, t->k, &t->guess) == AIL_OK) {
        t->guessed = true;
        t->reveal = true;
        t->guesses++;
        t->note = NULL;
    }
}

/* The buttons beside (or under) the grid: file as each label, Guess, Clear, Undo,
 * Forget everything; returns the height. */
static int controls(Screens *s, UiContext *ui, ScreensTeach *t, int x, int y, int w) {
    const UiTheme *th = &ui->theme;
    int y0 = y, gap = ui_px(ui, 8);
    UiTextStyle hs = {.bold = true, .color = th->text};
    y += ui_text(ui, (UiRect){x, y, w, 0}, S(s, "teach_file_as"), hs, true) + gap / 2;
    int n = t->label_count, bw = (w - (n - 1) * gap) / n, bh = ui_px(ui, 48);
    for (int i = 0; i < n; i++)
        if (ui_button(ui, ui_id("teach-file", i), (UiRect){x + i * (bw + gap), y, bw, bh},
                      t->label_text[i], UI_BUTTON_NORMAL))
            file_drawing(t, i);
    y += bh + gap;
    if (ui_button(ui, ui_id("teach-guess", 0), (UiRect){x, y, w, bh}, S(s, "teach_guess"),
                  UI_BUTTON_PRIMARY))
        make_guess(t);
    y += bh + gap;
    const char *keys[3] = {"teach_clear", "teach_undo", "teach_forget"};
    int b3 = (w - 2 * gap) / 3, h3 = bh;
    for (int i = 0; i < 3; i++) {
        int need = ui_button_height(ui, b3, S(s, keys[i]));
        if (need > h3) h3 = need;
    }
    for (int i = 0; i < 3; i++) {
        if (!ui_button(ui, ui_id(keys[i], 0), (UiRect){x + i * (b3 + gap), y, b3, h3},
                       S(s, keys[i]), UI_BUTTON_NORMAL))
            continue;
        t->guessed = false;
        t->note_label[0] = '\0';
        if (i == 0) {
            demo_drawing_init(&t->drawing, t->drawing.size);
            t->note = NULL;
        } else if (i == 1) {
            t->note = demo_drawing_set_remove_last(&t->set) ? "teach_undone" : "teach_nothing";
        } else {
            demo_drawing_set_clear(&t->set);
            t->note = "teach_forgot";
        }
    }
    y += h3 + gap;
    /* How many examples of each label the machine has. */
    char counts[400] = "", line[500];
    for (int i = 0; i < n; i++) {
        size_t len = strlen(counts);
        snprintf(counts + len, sizeof counts - len, "%s%s %zu", i ? " · " : "", t->label_text[i],
                 demo_drawing_set_count(&t->set, i));
    }
    screens_fill(line, sizeof line, S(s, "teach_counts"), "counts", counts, NULL, NULL);
    y += ui_text(ui, (UiRect){x, y, w, 0}, line, (UiTextStyle){.color = th->text}, true) + gap;
    if (t->note) {
        screens_fill(line, sizeof line, S(s, t->note), "label", t->note_label, NULL, NULL);
        UiTextStyle ns = {.bold = true, .color = s->high_contrast ? th->text : th->accent};
        y += ui_text(ui, (UiRect){x, y, w, 0}, line, ns, true) + gap;
    }
    return y - y0;
}

int screens_teach_draw(Screens *s, UiContext *ui, const Page *p, int x, int y, int w) {
    ScreensTeach *t = prepare(s, p);
    const UiTheme *th = &ui->theme;
    int y0 = y, gap = ui_px(ui, 12), size = t->drawing.size;
    UiTextStyle ms = {.color = th->muted};
    y += ui_text(ui, (UiRect){x, y, w, 0}, S(s, "teach_help"), ms, true) + gap / 2;
    bool side_by_side = w >= ui_px(ui, 560);
    int side = side_by_side ? w * 45 / 100 : w;
    if (side > ui_px(ui, 300)) side = ui_px(ui, 300);
    int cell = side / size;
    side = cell * size;
    UiRect g = {x, y, side, side};
    uint32_t gid = ui_id("teach-grid", 0);
    bool hit = ui_area(ui, gid, g, S(s, "teach_grid"), UI_BUTTON_FLAT);
    grid_input(t, ui, g, cell, hit);
    draw_drawing(ui, &t->drawing, x, y, cell, true);
    if (ui->focus_id == gid && ui->focus_visible) {
        UiRect sr = ui_screen_rect(ui, g);
        ui_frame(ui, cell_rect(ui, sr, cell, t->cx, t->cy, 0), th->focus, ui_px(ui, 3));
    }
    int ch;
    if (side_by_side) {
        ch = controls(s, ui, t, x + side + gap, y, w - side - gap);
        y += (ch > side ? ch : side) + gap;
    } else {
        y += side + gap;
        y += controls(s, ui, t, x, y, w);
    }
    if (t->guessed) {
        int top = y;
        y += guess_view(s, ui, t, x, y, w) + gap;
        /* A new answer is scrolled into view, its top kept on screen; the app lays
         * the page out again when the offset moves. */
        int below = y - (ui->view.y + ui->view.h), room = top - ui->view.y;
        if (t->reveal && ui->in_scroll && below > 0 && room > 0)
            ui->scroll_y += below < room ? below : room;
        t->reveal = false;
    }
    return y - y0;
}

bool screens_teach_summary(const Screens *s, const Page *p, char *out, size_t size) {
    const ScreensTeach *t = s->teach;
    if (!t || t->page != p || (t->given == 0 && t->guesses == 0)) return false;
    int n = snprintf(out, size, "{\"examples_given\":%zu,\"examples\":%zu,\"guesses\":%zu",
                     t->given, t->set.count, t->guesses);
    for (int i = 0; i < t->label_count && n > 0 && (size_t)n < size; i++)
        n += snprintf(out + n, size - (size_t)n, ",\"label_%d\":%zu", i,
                      demo_drawing_set_count(&t->set, i));
    if (n > 0 && (size_t)n < size) n += snprintf(out + n, size - (size_t)n, "}");
    return n > 0 && (size_t)n < size;
}
