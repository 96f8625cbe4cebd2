/*
 * The "reward" demo (Q-learning): a goat on a small field looks for grass and avoids
 * thorns. Each try earns points (grass +, thorns -, every other move a little -);
 * the learner runs 1, 10 or 100 tries at a time (demos/: demo_reward_run, a fixed
 * seed) and sees the arrow the goat has learned in each cell, the way it would go
 * now by following them, and the points of the latest tries as bars. Walls, grass,
 * thorns and the goat are drawn with shapes (screen_demo_shapes.c), readable in
 * high contrast.
 *
 * Params (checked by ailit validate, course/demo_params.c): field, grass, thorns,
 * step, learning_rate, discount, explore, max_steps, tries, seed. State lives in
 * s->reward, made for one page.
 */
#include "screens/screens_internal.h"

#include "demos/demos.h"

#include <assert.h>
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REWARD_BARS 20
#define REWARD_MAX_PATH (DEMO_REWARD_MAX_SIZE * DEMO_REWARD_MAX_SIZE + 1)

struct ScreensReward {
    const Page *page;
    DemoRewardMap map;
    DemoReward goat;
    uint32_t first_seed, seed;
    int tries[3]; /* the run buttons: how many tries each runs */
    size_t button_count;
    size_t restarts;
};

/* params.key as a number when it is one, else fallback. */
static double number_of(const cJSON *params, const char *key, double fallback) {
    const cJSON *n = cJSON_GetObjectItemCaseSensitive(params, key);
    return cJSON_IsNumber(n) ? n->valuedouble : fallback;
}

/* The field, rewards, tries and seed of the page (validated by ailit validate; a
 * field that does not parse falls back to the built-in one). */
static void read_params(struct ScreensReward *r, const Page *p) {
    cJSON *params = cJSON_Parse(p->params_json ? p->params_json : "{}");
    demo_reward_default_map(&r->map);
    const cJSON *field = cJSON_GetObjectItemCaseSensitive(params, "field");
    int rows = cJSON_GetArraySize(field);
    if (cJSON_IsArray(field) && rows >= DEMO_REWARD_MIN_SIZE && rows <= DEMO_REWARD_MAX_SIZE) {
        const char *text[DEMO_REWARD_MAX_SIZE];
        size_t n = 0;
        const cJSON *row;
        cJSON_ArrayForEach(row, field) {
            if (cJSON_IsString(row)) text[n++] = row->valuestring;
        }
        DemoRewardMap parsed = r->map;
        if (n == (size_t)rows && demo_reward_map_parse(&parsed, text, n, NULL) == AIL_OK)
            r->map = parsed;
    }
    DemoRewardMap m = r->map;
    m.grass = number_of(params, "grass", m.grass);
    m.thorns = number_of(params, "thorns", m.thorns);
    m.step = number_of(params, "step", m.step);
    m.learning_rate = number_of(params, "learning_rate", m.learning_rate);
    m.discount = number_of(params, "discount", m.discount);
    m.explore = number_of(params, "explore", m.explore);
    m.max_steps = (size_t)number_of(params, "max_steps", (double)m.max_steps);
    if (demo_reward_check_map(&m, NULL) == AIL_OK) r->map = m;
    const int defaults[3] = {1, 10, 100};
    const cJSON *tries = cJSON_GetObjectItemCaseSensitive(params, "tries");
    r->button_count = 0;
    const cJSON *t;
    cJSON_ArrayForEach(t, tries) {
        if (r->button_count < 3 && cJSON_IsNumber(t) && t->valueint >= 1 && t->valueint <= 1000)
            r->tries[r->button_count++] = t->valueint;
    }
    if (!r->button_count) {
        memcpy(r->tries, defaults, sizeof defaults);
        r->button_count = 3;
    }
    double seed = number_of(params, "seed", 1);
    r->first_seed = seed >= 0 && seed <= 4294967295.0 ? (uint32_t)seed : 1;
    cJSON_Delete(params);
}

void screens_reward_free(Screens *s) {
    free(s->reward);
    s->reward = NULL;
}

static void start(struct ScreensReward *r) {
    demo_reward_init(&r->goat, &r->map);
    r->seed = r->first_seed;
}

static struct ScreensReward *prepare(Screens *s, const Page *p) {
    if (s->reward && s->reward->page == p) return s->reward;
    screens_reward_free(s);
    struct ScreensReward *r = ail_xcalloc(1, sizeof *r);
    r->page = p;
    read_params(r, p);
    start(r);
    s->reward = r;
    return r;
}

static double last_points(const struct ScreensReward *r) {
    double last = 0;
    demo_reward_recent_totals(&r->goat, &last, 1);
    return last;
}

/* What the learner did, for the statement recorded when they leave the page. */
static void note(Screens *s, const struct ScreensReward *r, DemoPathEnd end) {
    char json[200];
    snprintf(json, sizeof json,
             "{\"tries\":%zu,\"last_points\":%.0f,\"reaches_grass\":%s,\"restarts\":%zu}",
             r->goat.tries, r->goat.tries ? last_points(r) : 0.0,
             end == DEMO_PATH_GRASS ? "true" : "false", r->restarts);
    screens_demo_record(s, json);
}

/* One cell of the field: its ground, and grass, thorns or a wall drawn on it. */
static void cell(Screens *s, UiContext *ui, UiRect c, DemoCell kind) {
    const UiTheme *th = &ui->theme;
    bool hc = s->high_contrast;
    switch (kind) {
    case DEMO_CELL_WALL: {
        ui_fill(ui, c, hc ? th->muted : screens_rgb(0x6B5B4B));
        /* Bricks: a line across the middle and joints, in the ground colour. */
        int t = c.h / 16 > 1 ? c.h / 16 : 1;
        UiColor j = hc ? th->background : screens_rgb(0x9C8A76);
        for (int row = 1; row < 4; row++)
            ui_fill(ui, (UiRect){c.x, c.y + row * c.h / 4, c.w, t}, j);
        for (int row = 0; row < 4; row++)
            ui_fill(
                ui,
                (UiRect){c.x + (row % 2 ? c.w / 3 : 2 * c.w / 3), c.y + row * c.h / 4, t, c.h / 4},
                j);
        break;
    }
    case DEMO_CELL_GRASS:
        ui_fill(ui, c, hc ? th->background : screens_rgb(0xDDF3D0));
        screens_draw_grass(ui, c, hc ? screens_rgb(0x3DDC84) : screens_rgb(0x1E7B45));
        break;
    case DEMO_CELL_THORNS:
        ui_fill(ui, c, hc ? th->background : screens_rgb(0xF7DEDA));
        screens_draw_thorns(ui, c, hc ? screens_rgb(0xFF6B6B) : screens_rgb(0x9B1C1C));
        break;
    default: ui_fill(ui, c, th->surface); break;
    }
}

/* The field with its arrows, the way the goat would go now and the goat at the
 * start. Returns the height; *end gets where that way ends. */
static int field(Screens *s, UiContext *ui, const struct ScreensReward *r, int x, int y, int w,
                 int max_cell, DemoPathEnd *end) {
    const UiTheme *th = &ui->theme;
    const DemoRewardMap *m = &r->map;
    int cs = w / m->width;
    if (cs > max_cell) cs = max_cell;
    int gw = cs * m->width, gh = cs * m->height;
    int line = cs / 24 > 1 ? cs / 24 : 1;
    ui_fill(ui, (UiRect){x - line, y - line, gw + 2 * line, gh + 2 * line}, th->text);
    for (int cy = 0; cy < m->height; cy++)
        for (int cx = 0; cx < m->width; cx++) {
            UiRect c = {x + cx * cs + line, y + cy * cs + line, cs - 2 * line, cs - 2 * line};
            cell(s, ui, c, (DemoCell)m->cells[cy][cx]);
            int best = demo_reward_best_move(&r->goat, cx, cy);
            if (best >= 0) screens_arrow(ui, c.x + c.w / 2, c.y + c.h / 2, cs / 2, best, th->muted);
        }
    int path[REWARD_MAX_PATH][2];
    size_t len = 0;
    *end = demo_reward_greedy_path(&r->goat, path, REWARD_MAX_PATH, &len);
    UiColor way = *end == DEMO_PATH_GRASS ? th->accent : th->bad;
    if (s->high_contrast) way = th->focus;
    int thick = cs / 9 > 3 ? cs / 9 : 3;
    for (size_t i = 1; i < len; i++)
        screens_line(ui, x + path[i - 1][0] * cs + cs / 2, y + path[i - 1][1] * cs + cs / 2,
                     x + path[i][0] * cs + cs / 2, y + path[i][1] * cs + cs / 2, thick, way);
    for (size_t i = 1; i < len; i++)
        screens_shape(ui, x + path[i][0] * cs + cs / 2, y + path[i][1] * cs + cs / 2, thick,
                      SCREENS_SHAPE_CIRCLE, way);
    UiColor body = s->high_contrast ? th->background : screens_rgb(0xFFFFFF);
    screens_draw_goat(ui, x + m->start_x * cs + cs / 2, y + m->start_y * cs + cs / 2, cs, body,
                      th->text);
    return gh + 2 * line;
}

/* The points of the latest tries as bars up (points won) or down (points lost)
 * from a zero line. Returns the height. */
static int bars(Screens *s, UiContext *ui, const struct ScreensReward *r, int x, int y, int w) {
    const UiTheme *th = &ui->theme;
    double totals[REWARD_BARS];
    size_t n = demo_reward_recent_totals(&r->goat, totals, REWARD_BARS);
    UiTextStyle hs = {.bold = true, .color = th->text, .px = ui->text_px * 7 / 8};
    int y0 = y;
    y += ui_text(ui, (UiRect){x, y, w, 0}, S(s, "reward_recent"), hs, true) + ui_px(ui, 4);
    int h = ui_px(ui, 70), mid = y + h / 2;
    ui_fill(ui, (UiRect){x, y, w, h}, th->surface);
    ui_fill(ui, (UiRect){x, mid, w, ui_px(ui, 1) > 1 ? ui_px(ui, 1) : 1}, th->text);
    double most = 1;
    for (size_t i = 0; i < n; i++) most = fabs(totals[i]) > most ? fabs(totals[i]) : most;
    int slot = w / REWARD_BARS, bw = slot * 2 / 3 > 1 ? slot * 2 / 3 : 1;
    for (size_t i = 0; i < n; i++) {
        int bh = (int)(fabs(totals[i]) / most * (h / 2 - 2));
        if (bh < 1) bh = 1;
        int bx = x + (int)i * slot + (slot - bw) / 2;
        if (totals[i] >= 0)
            ui_fill(ui, (UiRect){bx, mid - bh, bw, bh}, th->good);
        else /* lost points: a hatched bar, so that colour alone does not tell */
            for (int k = 0; k < bh; k += 3)
                ui_fill(ui, (UiRect){bx, mid + 1 + k, bw, bh - k < 2 ? bh - k : 2}, th->bad);
    }
    return y + h - y0;
}

/* The run buttons and "Start again"; true when the goat changed. */
static bool buttons(Screens *s, UiContext *ui, struct ScreensReward *r, int x, int y, int w,
                    int *height) {
    int gap = ui_px(ui, 8), bh = ui_px(ui, 52);
    int n = (int)r->button_count + 1;
    int cols = w >= ui_px(ui, 420) ? n : 2;
    int bw = (w - (cols - 1) * gap) / cols;
    bool changed = false;
    for (int i = 0; i < n; i++) {
        UiRect b = {x + (i % cols) * (bw + gap), y + (i / cols) * (bh + gap), bw, bh};
        if (i == n - 1) {
            if (ui_button(ui, ui_id("reward-restart", 0), b, S(s, "demo_restart"),
                          UI_BUTTON_NORMAL)) {
                r->restarts++;
                start(r);
                changed = true;
            }
            continue;
        }
        char count[24], label[64];
        snprintf(count, sizeof count, "%d", r->tries[i]);
        screens_fill(label, sizeof label, S(s, r->tries[i] == 1 ? "reward_run_one" : "reward_run"),
                     "n", count, NULL, NULL);
        if (ui_button(ui, ui_id("reward-run", r->tries[i]), b, label, UI_BUTTON_PRIMARY)) {
            demo_reward_run(&r->goat, (size_t)r->tries[i], &r->seed);
            changed = true;
        }
    }
    *height = ((n + cols - 1) / cols) * (bh + gap);
    return changed;
}

/* The buttons, what the goat does now and the bars; returns the height. */
static int controls(Screens *s, UiContext *ui, struct ScreensReward *r, DemoPathEnd end, int x,
                    int y, int w) {
    const UiTheme *th = &ui->theme;
    int y0 = y, gap = ui_px(ui, 10), h;
    if (buttons(s, ui, r, x, y, w, &h)) {
        int path[REWARD_MAX_PATH][2];
        size_t len;
        end = demo_reward_greedy_path(&r->goat, path, REWARD_MAX_PATH, &len);
        note(s, r, end);
    }
    y += h;
    char n[24], pts[24], line[300];
    snprintf(n, sizeof n, "%zu", r->goat.tries);
    snprintf(pts, sizeof pts, "%.0f", r->goat.tries ? last_points(r) : 0.0);
    screens_fill(line, sizeof line, S(s, "reward_tries"), "n", n, "points", pts);
    UiTextStyle st = {.color = th->text};
    y += ui_text(ui, (UiRect){x, y, w, 0}, line, st, true) + gap / 2;
    const char *key = !r->goat.tries            ? "reward_ready"
                      : end == DEMO_PATH_GRASS  ? "reward_found"
                      : end == DEMO_PATH_THORNS ? "reward_thorns"
                                                : "reward_lost";
    UiTextStyle bs = {.bold = true, .color = end == DEMO_PATH_GRASS ? th->good : th->text};
    if (s->high_contrast) bs.color = th->text;
    y += ui_text(ui, (UiRect){x, y, w, 0}, S(s, key), bs, true) + gap;
    y += bars(s, ui, r, x, y, w);
    return y - y0;
}

int screens_reward_draw(Screens *s, UiContext *ui, const Page *p, int x, int y, int w) {
    struct ScreensReward *r = prepare(s, p);
    int gap = ui_px(ui, 16), h;
    DemoPathEnd end;
    if (w >= ui_px(ui, 600)) { /* the field beside the controls */
        int fw = w / 2, cw = w - fw - gap;
        /* Controls first: a button pressed this frame shows in the field drawn next. */
        int path[REWARD_MAX_PATH][2];
        size_t len;
        end = demo_reward_greedy_path(&r->goat, path, REWARD_MAX_PATH, &len);
        int ch = controls(s, ui, r, end, x + fw + gap, y, cw);
        int fh = field(s, ui, r, x, y, fw, ui_px(ui, 120), &end);
        h = fh > ch ? fh : ch;
    } else {
        int fh = field(s, ui, r, x, y, w, ui_px(ui, 90), &end);
        h = fh + gap + controls(s, ui, r, end, x, y + fh + gap, w);
    }
    return h + gap;
}
