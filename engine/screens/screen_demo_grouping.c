/*
 * The "grouping" demo (k-means): items with two features (mangoes by size and
 * sweetness unless the page brings its own) as points on a plot. The learner picks
 * 2, 3 or 4 groups and presses "One step": every point joins its nearest centre,
 * then every centre moves to the middle of its points (demos/: demo_kmeans_step).
 * Each group has a shape as well as a colour, so colour alone never tells them
 * apart. When a step changes nothing the screen says the groups are found.
 *
 * Params (checked by ailit validate, course/demo_params.c): item, features, points,
 * k, seed. State lives in s->grouping, made for one page; the texts are read again
 * each frame in the UI language.
 */
#include "screens/screens_internal.h"

#include "demos/demos.h"

#include <assert.h>
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ScreensGrouping {
    const Page *page;
    DemoPoint points[DEMO_KMEANS_MAX_POINTS]; /* the page's items */
    size_t count;
    size_t k;
    uint32_t seed; /* the page's seed: every start is the same for the same k */
    DemoKMeans km;
    int changed;     /* points that changed group at the last step, -1 before one */
    size_t restarts; /* "Start again" and changes of k */
    bool used;       /* the learner pressed something */
};

/* 24 mangoes of three loose kinds (small and sour, big and sweet, big and still
 * sour), a few between them; with seed 6 and 3 groups k-means takes 4 steps. */
static const double DEFAULT_POINTS[][2] = {
    {18, 30}, {25, 22}, {30, 35}, {22, 42}, {35, 28}, {14, 20}, {40, 40}, {28, 50},
    {62, 78}, {70, 70}, {78, 82}, {66, 62}, {84, 72}, {58, 68}, {74, 90}, {52, 56},
    {72, 30}, {80, 38}, {68, 20}, {86, 26}, {78, 14}, {60, 34}, {90, 40}, {56, 46},
};

static const ScreensShape SHAPES[DEMO_KMEANS_MAX_K] = {
    SCREENS_SHAPE_CIRCLE, SCREENS_SHAPE_SQUARE, SCREENS_SHAPE_TRIANGLE, SCREENS_SHAPE_DIAMOND};

/* Group colours that stay apart for colour-blind eyes (blue, orange, green, purple),
 * and brighter ones on the high-contrast black. */
static UiColor group_colour(const Screens *s, int g) {
    static const uint32_t normal[DEMO_KMEANS_MAX_K] = {0x1F5FA8, 0xB9560B, 0x1E7B45, 0x8E44AD};
    static const uint32_t bright[DEMO_KMEANS_MAX_K] = {0x5CB3FF, 0xFFB000, 0x3DDC84, 0xE59CFF};
    assert(g >= 0 && g < DEMO_KMEANS_MAX_K);
    return screens_rgb(s->high_contrast ? bright[g] : normal[g]);
}

/* A localized text of params: a string or {lang: text}; NULL when neither. */
static const char *param_text(const Screens *s, const cJSON *node) {
    if (cJSON_IsString(node)) return node->valuestring;
    if (!cJSON_IsObject(node)) return NULL;
    const Course *c = screens_course(s);
    const cJSON *pick = cJSON_GetObjectItemCaseSensitive(node, s->lang);
    if (!cJSON_IsString(pick) && c && c->language_count)
        pick = cJSON_GetObjectItemCaseSensitive(node, c->languages[0]);
    if (!cJSON_IsString(pick)) pick = node->child;
    return cJSON_IsString(pick) ? pick->valuestring : NULL;
}

static void start(struct ScreensGrouping *g) {
    uint32_t seed = g->seed;
    AilResult r = demo_kmeans_init(&g->km, g->points, g->count, g->k, &seed);
    assert(r == AIL_OK); /* count >= 4 >= k, checked when the params were read */
    (void)r;
    g->changed = -1;
}

/* Reads the page's points, k and seed (validated by ailit validate; anything else
 * falls back to the defaults). */
static void read_params(struct ScreensGrouping *g, const Page *p) {
    cJSON *params = cJSON_Parse(p->params_json ? p->params_json : "{}");
    const cJSON *pts = cJSON_GetObjectItemCaseSensitive(params, "points");
    g->count = 0;
    int n = cJSON_GetArraySize(pts);
    if (cJSON_IsArray(pts) && n >= 4 && n <= DEMO_KMEANS_MAX_POINTS) {
        const cJSON *pt;
        cJSON_ArrayForEach(pt, pts) {
            const cJSON *x = cJSON_GetArrayItem(pt, 0), *y = cJSON_GetArrayItem(pt, 1);
            if (!cJSON_IsNumber(x) || !cJSON_IsNumber(y)) continue;
            g->points[g->count++] = (DemoPoint){x->valuedouble, y->valuedouble, 0};
        }
    }
    if (g->count < 4) {
        g->count = sizeof DEFAULT_POINTS / sizeof DEFAULT_POINTS[0];
        for (size_t i = 0; i < g->count; i++)
            g->points[i] = (DemoPoint){DEFAULT_POINTS[i][0], DEFAULT_POINTS[i][1], 0};
    }
    const cJSON *k = cJSON_GetObjectItemCaseSensitive(params, "k");
    g->k = cJSON_IsNumber(k) && k->valueint >= 2 && k->valueint <= 4 ? (size_t)k->valueint : 3;
    const cJSON *seed = cJSON_GetObjectItemCaseSensitive(params, "seed");
    g->seed = cJSON_IsNumber(seed) && seed->valuedouble >= 0 && seed->valuedouble <= 4294967295.0
                  ? (uint32_t)seed->valuedouble
                  : 6;
    cJSON_Delete(params);
}

void screens_grouping_free(Screens *s) {
    free(s->grouping);
    s->grouping = NULL;
}

static struct ScreensGrouping *prepare(Screens *s, const Page *p) {
    if (s->grouping && s->grouping->page == p) return s->grouping;
    screens_grouping_free(s);
    struct ScreensGrouping *g = ail_xcalloc(1, sizeof *g);
    g->page = p;
    read_params(g, p);
    start(g);
    s->grouping = g;
    return g;
}

/* What the learner did, for the statement recorded when they leave the page. */
static void note(Screens *s, const struct ScreensGrouping *g) {
    char sizes[64] = "";
    size_t len = 0;
    for (size_t i = 0; i < g->k; i++)
        len +=
            (size_t)snprintf(sizes + len, sizeof sizes - len, "%s%zu", i ? "," : "", g->km.size[i]);
    char json[256];
    snprintf(json, sizeof json,
             "{\"k\":%zu,\"steps\":%zu,\"converged\":%s,\"restarts\":%zu,\"sizes\":[%s]}", g->k,
             g->km.steps, g->km.converged ? "true" : "false", g->restarts, sizes);
    screens_demo_record(s, json);
}

/* The plot: axes with their names, the points as shapes, the centres as big ringed
 * shapes. Returns its height. */
static int plot(Screens *s, UiContext *ui, const struct ScreensGrouping *g, const char *xname,
                const char *yname, int x, int y, int w, int h) {
    const UiTheme *th = &ui->theme;
    UiTextStyle ls = {.color = th->text, .px = ui->text_px * 7 / 8, .bold = true};
    int lh = ui_text(ui, (UiRect){x, y, w, 0}, yname, ls, true);
    int top = y + lh + ui_px(ui, 4);
    int xh = ui_text(ui, (UiRect){0, 0, w, 0}, xname, ls, false);
    int box_h = h - lh - xh - ui_px(ui, 8);
    UiRect box = {x, top, w, box_h};
    ui_fill(ui, box, th->surface);
    int axis = ui_px(ui, 3) > 2 ? ui_px(ui, 3) : 2;
    ui_fill(ui, (UiRect){box.x, box.y, axis, box.h}, th->text);
    ui_fill(ui, (UiRect){box.x, box.y + box.h - axis, box.w, axis}, th->text);
    UiTextStyle xs = ls;
    xs.align = UI_ALIGN_END;
    ui_text(ui, (UiRect){x, box.y + box.h + ui_px(ui, 4), w, xh}, xname, xs, true);
    /* The data area, inset so that a point at 0 or 100 is whole. */
    int r = ui_px(ui, 7), pad = r * 2 + axis;
    UiRect area = {box.x + pad, box.y + pad, box.w - 2 * pad, box.h - 2 * pad};
    for (size_t i = 0; i < g->count; i++) {
        const DemoPoint *pt = &g->km.points[i];
        int px = area.x + (int)(pt->x / 100.0 * area.w),
            py = area.y + area.h - (int)(pt->y / 100.0 * area.h);
        int grp = g->km.group[i];
        if (grp < 0)
            screens_shape_ringed(ui, px, py, r, SCREENS_SHAPE_CIRCLE, th->surface, th->muted);
        else
            screens_shape_ringed(ui, px, py, r, SHAPES[grp], group_colour(s, grp), th->surface);
    }
    for (size_t c = 0; c < g->k; c++) {
        const DemoPoint *ct = &g->km.centre[c];
        int px = area.x + (int)(ct->x / 100.0 * area.w),
            py = area.y + area.h - (int)(ct->y / 100.0 * area.h);
        /* A centre: the group's shape, twice as big, ringed in the text colour. */
        screens_shape_ringed(ui, px, py, r * 2, SHAPES[c], group_colour(s, (int)c), th->text);
        screens_shape(ui, px, py, r / 2, SCREENS_SHAPE_SQUARE, th->surface);
    }
    return h;
}

/* The groups with their shape and number of items, one line each. */
static int legend(Screens *s, UiContext *ui, const struct ScreensGrouping *g, const char *item,
                  int x, int y, int w) {
    const UiTheme *th = &ui->theme;
    int y0 = y, r = ui_px(ui, 8), gap = ui_px(ui, 6);
    UiTextStyle st = {.color = th->text};
    for (size_t c = 0; c < g->k; c++) {
        char num[24], n[24], line[200], with_item[240];
        snprintf(num, sizeof num, "%zu", c + 1);
        snprintf(n, sizeof n, "%zu", g->km.steps ? g->km.size[c] : 0);
        screens_fill(line, sizeof line, S(s, "group_count"), "group", num, "n", n);
        screens_fill(with_item, sizeof with_item, line, "item", item, NULL, NULL);
        int lh = ui_text(ui, (UiRect){x + 3 * r, y, w - 3 * r, 0}, with_item, st, true);
        screens_shape_ringed(ui, x + r + 1, y + lh / 2, r, SHAPES[c], group_colour(s, (int)c),
                             th->text);
        y += lh + gap;
    }
    return y - y0;
}

/* The choice of 2, 3 or 4 groups; returns the height. */
static int k_row(Screens *s, UiContext *ui, struct ScreensGrouping *g, int x, int y, int w) {
    const UiTheme *th = &ui->theme;
    int gap = ui_px(ui, 8), bh = ui_px(ui, 46);
    UiTextStyle hs = {.bold = true, .color = th->text};
    int lh = ui_text(ui, (UiRect){x, y, w, 0}, S(s, "group_how_many"), hs, true);
    int bw = (w - 2 * gap) / 3;
    for (int k = 2; k <= 4; k++) {
        char label[8];
        snprintf(label, sizeof label, "%d", k);
        UiRect r = {x + (k - 2) * (bw + gap), y + lh + gap / 2, bw, bh};
        if (ui_button(ui, ui_id("group-k", k), r, label,
                      (size_t)k == g->k ? UI_BUTTON_SELECTED : UI_BUTTON_NORMAL) &&
            (size_t)k != g->k) {
            g->k = (size_t)k;
            g->restarts++;
            g->used = true;
            start(g);
            note(s, g);
        }
    }
    return lh + gap / 2 + bh;
}

/* The buttons and what the last step did; returns the height. */
static int controls(Screens *s, UiContext *ui, struct ScreensGrouping *g, const char *item, int x,
                    int y, int w) {
    const UiTheme *th = &ui->theme;
    int y0 = y, gap = ui_px(ui, 10), bh = ui_px(ui, 52);
    y += k_row(s, ui, g, x, y, w) + gap;
    int bw = (w - gap) / 2;
    if (ui_button(ui, ui_id("group-step", 0), (UiRect){x, y, bw, bh}, S(s, "group_step"),
                  UI_BUTTON_PRIMARY)) {
        int before[DEMO_KMEANS_MAX_POINTS];
        memcpy(before, g->km.group, sizeof before);
        demo_kmeans_step(&g->km);
        g->changed = 0;
        for (size_t i = 0; i < g->count; i++)
            g->changed += before[i] >= 0 && before[i] != g->km.group[i];
        g->used = true;
        note(s, g);
    }
    if (ui_button(ui, ui_id("group-restart", 0), (UiRect){x + bw + gap, y, w - bw - gap, bh},
                  S(s, "demo_restart"), UI_BUTTON_NORMAL)) {
        g->restarts++;
        g->used = true;
        start(g);
        note(s, g);
    }
    y += bh + gap;
    char n[24], changed[24], line[300];
    snprintf(n, sizeof n, "%zu", g->km.steps);
    snprintf(changed, sizeof changed, "%d", g->changed);
    if (g->changed < 0)
        screens_fill(line, sizeof line, S(s, "group_ready"), "item", item, NULL, NULL);
    else if (g->km.steps == 1)
        screens_fill(line, sizeof line, S(s, "group_first"), "item", item, NULL, NULL);
    else if (g->km.converged)
        snprintf(line, sizeof line, "%s", S(s, "group_done"));
    else
        screens_fill(line, sizeof line, S(s, "group_moved"), "step", n, "n", changed);
    UiTextStyle st = {.bold = true, .color = g->km.converged ? th->good : th->text};
    if (s->high_contrast) st.color = th->text;
    y += ui_text(ui, (UiRect){x, y, w, 0}, line, st, true) + gap;
    y += legend(s, ui, g, item, x, y, w);
    return y - y0;
}

int screens_grouping_draw(Screens *s, UiContext *ui, const Page *p, int x, int y, int w) {
    struct ScreensGrouping *g = prepare(s, p);
    cJSON *params = cJSON_Parse(p->params_json ? p->params_json : "{}");
    const cJSON *features = cJSON_GetObjectItemCaseSensitive(params, "features");
    const char *item = param_text(s, cJSON_GetObjectItemCaseSensitive(params, "item"));
    const char *xname = param_text(s, cJSON_GetArrayItem(features, 0));
    const char *yname = param_text(s, cJSON_GetArrayItem(features, 1));
    if (!item) item = S(s, "group_item");
    if (!xname) xname = S(s, "group_size");
    if (!yname) yname = S(s, "group_sweetness");
    int gap = ui_px(ui, 16), h;
    if (w >= ui_px(ui, 600)) { /* the plot beside the controls */
        int pw = w * 3 / 5, cw = w - pw - gap;
        int ch = controls(s, ui, g, item, x + pw + gap, y, cw);
        int ph = pw * 3 / 4;
        if (ph > ui_px(ui, 520)) ph = ui_px(ui, 520);
        plot(s, ui, g, xname, yname, x, y, pw, ph);
        h = ph > ch ? ph : ch;
    } else {
        int ph = w * 3 / 4;
        plot(s, ui, g, xname, yname, x, y, w, ph);
        h = ph + gap + controls(s, ui, g, item, x, y + ph + gap, w);
    }
    cJSON_Delete(params);
    return h + gap;
}
