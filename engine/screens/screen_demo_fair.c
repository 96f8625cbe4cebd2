/*
 * The "fair-data" demo: a machine learns from examples of two groups (lowland and
 * hill farms' leaves, unless the page names others) and is tested on each group.
 * A slider sets how much of the training data comes from the first group; two bars
 * show how often the machine is right for each group, and a sentence says it in
 * words. Skewed data serves one group badly; balanced data serves both.
 *
 * The runs are demo_fair_run's (demos/), repeatable: the same share gives the same
 * bars. The learner's shares are kept for the "interacted" statement.
 */
#include "screens/screens_internal.h"

#include "demos/demos.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FAIR_MAX_TRIED 32

struct ScreensFair {
    const Page *page;
    char lang[16];
    DemoFairParams params;
    char group[DEMO_FAIR_GROUPS][128];
    int share, step; /* percent of the training data from group 0, and one slider step */
    uint32_t seed;
    int run_share; /* the share run holds, -1 before the first run */
    DemoFairRun run;
    int tried[FAIR_MAX_TRIED]; /* shares the learner chose, in order */
    size_t tried_count;
    int lowest_gap; /* the smallest difference between the groups' bars seen, -1 none */
};

typedef struct ScreensFair ScreensFair;

void screens_fair_free(Screens *s) {
    free(s->fair);
    s->fair = NULL;
}

static int int_param(const cJSON *params, const char *key, int lo, int hi, int fallback) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(params, key);
    return cJSON_IsNumber(v) && v->valueint >= lo && v->valueint <= hi ? v->valueint : fallback;
}

/* A group's clouds from params (checked by ailit validate); unusable ones stay. */
static void load_clouds(DemoFairParams *fp, int g, const cJSON *clouds) {
    for (int l = 0; l < DEMO_FAIR_LABELS && cJSON_GetArraySize(clouds) == DEMO_FAIR_LABELS; l++) {
        const cJSON *c = cJSON_GetArrayItem(clouds, l);
        const cJSON *mean = cJSON_GetObjectItemCaseSensitive(c, "mean");
        const cJSON *spread = cJSON_GetObjectItemCaseSensitive(c, "spread");
        for (int f = 0; f < 2; f++) {
            const cJSON *m = cJSON_GetArrayItem(mean, f), *sp = cJSON_GetArrayItem(spread, f);
            if (cJSON_IsNumber(m)) fp->cloud[g][l].mean[f] = m->valuedouble;
            if (cJSON_IsNumber(sp)) fp->cloud[g][l].spread[f] = sp->valuedouble;
        }
    }
}

static void load_params(Screens *s, ScreensFair *f, const Page *p) {
    cJSON *params = cJSON_Parse(p->params_json ? p->params_json : "{}");
    demo_fair_default_params(&f->params);
    const cJSON *groups = cJSON_GetObjectItemCaseSensitive(params, "groups");
    for (int g = 0; g < DEMO_FAIR_GROUPS; g++) {
        const cJSON *group = cJSON_GetArrayItem(groups, g);
        const char *text = screens_demo_text(s, cJSON_GetObjectItemCaseSensitive(group, "text"));
        snprintf(f->group[g], sizeof f->group[g], "%s",
                 text ? text : S(s, g == 0 ? "fair_lowland" : "fair_hill"));
        load_clouds(&f->params, g, cJSON_GetObjectItemCaseSensitive(group, "clouds"));
    }
    f->params.train_count = (size_t)int_param(params, "train_count", 4, DEMO_FAIR_MAX_TRAIN, 40);
    f->params.test_count = (size_t)int_param(params, "test_count", 2, DEMO_FAIR_MAX_TEST, 40);
    f->params.k = (size_t)int_param(params, "k", 1, DEMO_KNN_MAX_K, 5);
    f->share = int_param(params, "share", 0, 100, 90);
    f->step = int_param(params, "share_step", 1, 50, 10);
    const cJSON *seed = cJSON_GetObjectItemCaseSensitive(params, "seed");
    f->seed = cJSON_IsNumber(seed) && seed->valuedouble >= 0 && seed->valuedouble <= 4294967295.0
                  ? (uint32_t)seed->valuedouble
                  : 1;
    if (demo_fair_check_params(&f->params, NULL) != AIL_OK) demo_fair_default_params(&f->params);
    cJSON_Delete(params);
}

static ScreensFair *prepare(Screens *s, const Page *p) {
    ScreensFair *f = s->fair;
    if (f && f->page == p) {
        if (strcmp(f->lang, s->lang) != 0) { /* the groups' names in the new language */
            ScreensFair fresh;
            load_params(s, &fresh, p);
            memcpy(f->group, fresh.group, sizeof f->group);
            snprintf(f->lang, sizeof f->lang, "%s", s->lang);
        }
        return f;
    }
    screens_fair_free(s);
    f = s->fair = ail_xcalloc(1, sizeof *f);
    f->page = p;
    snprintf(f->lang, sizeof f->lang, "%s", s->lang);
    load_params(s, f, p);
    f->run_share = -1;
    f->lowest_gap = -1;
    return f;
}

/* Moves the slider to share (clamped), noting it as tried. */
static void set_share(ScreensFair *f, int share) {
    share = share < 0 ? 0 : share > 100 ? 100 : share;
    if (share == f->share) return;
    f->share = share;
    if (f->tried_count < FAIR_MAX_TRIED) f->tried[f->tried_count++] = share;
}

/* The run for the current share (kept until the share moves). */
static const DemoFairRun *current_run(ScreensFair *f) {
    if (f->run_share != f->share) {
        if (demo_fair_run(&f->params, (unsigned)f->share, f->seed, &f->run) != AIL_OK) return NULL;
        f->run_share = f->share;
        int gap = abs(f->run.accuracy[0] - f->run.accuracy[1]);
        if (f->tried_count && (f->lowest_gap < 0 || gap < f->lowest_gap)) f->lowest_gap = gap;
    }
    return &f->run;
}

/* The slider: − step, a track the learner can press or move with the arrow keys, and
 * + step. Returns the height. */
static int slider(Screens *s, UiContext *ui, ScreensFair *f, int x, int y, int w) {
    const UiTheme *th = &ui->theme;
    int gap = ui_px(ui, 8), bh = ui_px(ui, 48), bw = ui_px(ui, 80);
    char minus[32], plus[32];
    snprintf(minus, sizeof minus, "− %d%%", f->step);
    snprintf(plus, sizeof plus, "+ %d%%", f->step);
    if (ui_button(ui, ui_id("fair-less", 0), (UiRect){x, y, bw, bh}, minus, UI_BUTTON_NORMAL))
        set_share(f, f->share - f->step);
    UiRect track = {x + bw + gap, y, w - 2 * (bw + gap), bh};
    uint32_t tid = ui_id("fair-share", 0);
    ui_area(ui, tid, track, S(s, "fair_slider"), UI_BUTTON_FLAT);
    const UiInput *in = &ui->in;
    UiRect sr = ui_screen_rect(ui, track);
    if (in->mouse_pressed && in->mouse_x >= sr.x && in->mouse_x < sr.x + sr.w &&
        in->mouse_y >= sr.y && in->mouse_y < sr.y + sr.h) {
        int along = ui->rtl ? sr.x + sr.w - in->mouse_x : in->mouse_x - sr.x;
        int share = along * 100 / (sr.w > 1 ? sr.w - 1 : 1);
        set_share(f, (share + f->step / 2) / f->step * f->step);
    }
    if (ui->focus_id == tid && !ui->consumed) {
        int d = in->key == UI_KEY_RIGHT || in->key == UI_KEY_UP    ? 1
                : in->key == UI_KEY_LEFT || in->key == UI_KEY_DOWN ? -1
                                                                   : 0;
        if (ui->rtl && (in->key == UI_KEY_LEFT || in->key == UI_KEY_RIGHT)) d = -d;
        if (d) {
            set_share(f, f->share + d * f->step);
            ui->consumed = true;
        }
    }
    int pad = ui_px(ui, 12), knob = ui_px(ui, 16);
    int tx = track.x + pad, tw = track.w - 2 * pad;
    ui_fill(ui, (UiRect){tx, y + bh / 2 - ui_px(ui, 3), tw, ui_px(ui, 6)}, th->border);
    ui_fill(ui, (UiRect){tx, y + bh / 2 - ui_px(ui, 3), tw * f->share / 100, ui_px(ui, 6)},
            th->accent);
    int kx = tx + (tw - knob) * f->share / 100;
    ui_fill(ui, (UiRect){kx, y + bh / 2 - knob, knob, 2 * knob}, th->accent);
    if (ui_button(ui, ui_id("fair-more", 0), (UiRect){x + w - bw, y, bw, bh}, plus,
                  UI_BUTTON_NORMAL))
        set_share(f, f->share + f->step);
    return bh + gap;
}

/* One group's row: its name, a bar of how often the machine is right for it, and the
 * percent; returns the height. */
static int bar(UiContext *ui, const char *name, int percent, int x, int y, int w) {
    const UiTheme *th = &ui->theme;
    int gap = ui_px(ui, 8), bh = ui_px(ui, 30), nw = w / 3, lw = ui_px(ui, 64);
    UiTextStyle ns = {.color = th->text, .bold = true};
    int nh = ui_text(ui, (UiRect){x, y, nw, 0}, name, ns, false);
    int rh = nh > bh ? nh : bh;
    ui_text(ui, (UiRect){x, y + (rh - nh) / 2, nw, nh}, name, ns, true);
    char label[16];
    snprintf(label, sizeof label, "%d%%", percent);
    int bx = x + nw + gap, full = w - nw - lw - 2 * gap, by = y + (rh - bh) / 2;
    UiColor fill = percent >= 80 ? th->good : th->bad;
    ui_fill(ui, (UiRect){bx, by, full, bh}, th->surface);
    ui_frame(ui, (UiRect){bx, by, full, bh}, th->border, 1);
    ui_fill(ui, (UiRect){bx, by, full * percent / 100, bh}, fill);
    int lh = ui_text(ui, (UiRect){0, 0, lw, 0}, label, ns, false);
    ui_text(ui, (UiRect){x + w - lw, y + (rh - lh) / 2, lw, lh}, label, ns, true);
    return rh + ui_px(ui, 10);
}

/* The sentence under the bars, the better-served group first. */
static void sentence(Screens *s, const ScreensFair *f, const DemoFairRun *run, char *out,
                     size_t size) {
    int better = run->accuracy[0] >= run->accuracy[1] ? 0 : 1, worse = 1 - better;
    bool fair = run->accuracy[better] - run->accuracy[worse] < 10;
    char a[16], b[16], n[16], t1[600], t2[600];
    snprintf(a, sizeof a, "%zu", run->right[better]);
    snprintf(b, sizeof b, "%zu", run->right[worse]);
    snprintf(n, sizeof n, "%zu", run->test_count);
    screens_fill(t1, sizeof t1, S(s, fair ? "fair_both" : "fair_but"), "a", a, "b", b);
    screens_fill(t2, sizeof t2, t1, "group_a", f->group[better], "group_b", f->group[worse]);
    screens_fill(out, size, t2, "n", n, NULL, NULL);
    if (!fair) {
        size_t len = strlen(out);
        screens_fill(t1, sizeof t1, S(s, "fair_hint"), "group", f->group[worse], NULL, NULL);
        int m = snprintf(out + len, size - len, " %s", t1);
        if (m < 0 || (size_t)m >= size - len) out[len] = '\0'; /* the hint only when it fits */
    }
}

int screens_fair_draw(Screens *s, UiContext *ui, const Page *p, int x, int y, int w) {
    ScreensFair *f = prepare(s, p);
    const UiTheme *th = &ui->theme;
    int y0 = y, gap = ui_px(ui, 12);
    if (w > ui_px(ui, 640)) w = ui_px(ui, 640);
    UiTextStyle hs = {.bold = true, .color = th->text};
    y += slider(s, ui, f, x, y, w);
    const DemoFairRun *run = current_run(f);
    if (!run) return y - y0;
    /* What the machine learned from, in words. */
    char a[16], b[16], t1[600], line[600];
    snprintf(a, sizeof a, "%zu", run->train_per_group[0]);
    snprintf(b, sizeof b, "%zu", run->train_per_group[1]);
    char pa[16], pb[16], t2[600];
    snprintf(pa, sizeof pa, "%d", f->share);
    snprintf(pb, sizeof pb, "%d", 100 - f->share);
    screens_fill(t1, sizeof t1, S(s, "fair_mix"), "a", a, "b", b);
    screens_fill(t2, sizeof t2, t1, "pa", pa, "pb", pb);
    screens_fill(line, sizeof line, t2, "group_a", f->group[0], "group_b", f->group[1]);
    y += ui_text(ui, (UiRect){x, y, w, 0}, line, (UiTextStyle){.color = th->text}, true) + gap;
    y += ui_text(ui, (UiRect){x, y, w, 0}, S(s, "fair_right_for"), hs, true) + gap / 2;
    for (int g = 0; g < DEMO_FAIR_GROUPS; g++) y += bar(ui, f->group[g], run->accuracy[g], x, y, w);
    sentence(s, f, run, line, sizeof line);
    y += ui_text(ui, (UiRect){x, y, w, 0}, line, hs, true) + gap;
    return y - y0;
}

bool screens_fair_summary(const Screens *s, const Page *p, char *out, size_t size) {
    const ScreensFair *f = s->fair;
    if (!f || f->page != p || f->tried_count == 0) return false;
    int n = snprintf(out, size, "{\"share\":%d,\"shares\":[", f->share);
    for (size_t i = 0; i < f->tried_count && n > 0 && (size_t)n < size; i++)
        n += snprintf(out + n, size - (size_t)n, "%s%d", i ? "," : "", f->tried[i]);
    if (n > 0 && (size_t)n < size)
        n += snprintf(out + n, size - (size_t)n, "],\"lowest_gap\":%d}", f->lowest_gap);
    return n > 0 && (size_t)n < size;
}
