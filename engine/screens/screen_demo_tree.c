/*
 * The "decision-tree" demo: the mango trader of ai-basics lesson 5. Eight mangoes,
 * each soft or hard, with or without dark spots, yellow or green, big or small, go
 * into three baskets (keep for later: hard; juice: soft with spots; sell today: soft
 * without spots). The learner picks the question at the top of the tree, then for each
 * branch a basket or one more question, and sees where every mango lands and whether
 * it is the right basket. The computer can build its own tree from the same examples
 * (demos/: demo_tree_learn), to compare.
 *
 * The demo's data is built in (the page has no params); its words are UI strings.
 */
#include "screens/screens_internal.h"

#include "demos/demos.h"

#include <stdio.h>
#include <string.h>

enum { Q_SOFT, Q_SPOTS, Q_YELLOW, Q_BIG, Q_COUNT };
enum { MANGO_COUNT = 8, BASKET_COUNT = 3 };

/* Bits: Q_SOFT, Q_SPOTS, Q_YELLOW, Q_BIG. */
static const uint16_t MANGOES[MANGO_COUNT] = {
    1 << Q_SOFT | 1 << Q_YELLOW | 1 << Q_BIG, /* ripe: sell */
    1 << Q_SOFT | 1 << Q_SPOTS | 1 << Q_YELLOW,
    1 << Q_BIG,    /* hard, green */
    1 << Q_YELLOW, /* yellow but hard: a tree asking "yellow?" is wrong */
    1 << Q_SOFT,   /* ripe and still green */
    1 << Q_SOFT | 1 << Q_SPOTS | 1 << Q_BIG,
    1 << Q_SPOTS,
    1 << Q_SOFT | 1 << Q_YELLOW,
};

static const char *const QUESTION_KEYS[Q_COUNT] = {"tree_q_soft", "tree_q_spots", "tree_q_yellow",
                                                   "tree_q_big"};
static const char *const YES_KEYS[Q_COUNT] = {"tree_soft", "tree_spots", "tree_yellow", "tree_big"};
static const char *const NO_KEYS[Q_COUNT] = {"tree_hard", "tree_clean", "tree_green", "tree_small"};
static const char *const BASKET_KEYS[BASKET_COUNT] = {"tree_keep", "tree_juice", "tree_sell"};

/* The right basket: hard ones wait, soft ones with spots make juice, the rest sell. */
static int right_basket(uint16_t f) {
    if (!(f & 1 << Q_SOFT)) return 0;
    return f & 1 << Q_SPOTS ? 1 : 2;
}

void screens_tree_reset(Screens *s) {
    ScreensTree *t = &s->tree;
    t->root = -1;
    for (int b = 0; b < 2; b++) {
        t->branch[b] = -1;
        t->basket[b][0] = t->basket[b][1] = -1;
    }
    t->computer = false;
}

/* Where mango f lands with the learner's tree: its basket, or -1 when undecided;
 * *branch and *sub get the path (sub -1 when the branch is a leaf). */
static int route(const ScreensTree *t, uint16_t f, int *branch, int *sub) {
    *branch = *sub = -1;
    if (t->root < 0) return -1;
    int b = f & 1 << t->root ? 0 : 1;
    *branch = b;
    if (t->branch[b] < 0) return t->basket[b][0];
    int k = f & 1 << t->branch[b] ? 0 : 1;
    *sub = k;
    return t->basket[b][k];
}

static void describe(const Screens *s, uint16_t f, char *out, size_t size) {
    out[0] = '\0';
    for (int q = 0; q < Q_COUNT; q++) {
        if (q) strncat(out, " · ", size - strlen(out) - 1);
        strncat(out, S(s, f & 1 << q ? YES_KEYS[q] : NO_KEYS[q]), size - strlen(out) - 1);
    }
}

/* The mangoes reaching (branch, sub), each with a mark: right, wrong or undecided. */
static int mango_list(Screens *s, UiContext *ui, int branch, int sub, int x, int y, int w) {
    const UiTheme *th = &ui->theme;
    const ScreensTree *t = &s->tree;
    int y0 = y, box = ui_px(ui, 14), gap = ui_px(ui, 8);
    UiTextStyle st = {.color = th->text, .px = ui->text_px * 7 / 8};
    for (int m = 0; m < MANGO_COUNT; m++) {
        int b, k;
        int basket = route(t, MANGOES[m], &b, &k);
        if (b != branch || k != sub) continue;
        char text[200];
        describe(s, MANGOES[m], text, sizeof text);
        UiColor mark = basket < 0                           ? th->border
                       : basket == right_basket(MANGOES[m]) ? th->good
                                                            : th->bad;
        int lh = ui_text(ui, (UiRect){x + box + gap, y, w - box - gap, 0}, text, st, true);
        ui_fill(ui, (UiRect){x, y + (lh - box) / 2, box, box}, mark);
        y += lh;
    }
    return y - y0;
}

/* A grid of buttons: the baskets (when baskets), then (when ask) the questions other
 * than exclude. Returns the basket chosen (0..2), 10 + question, or -1. */
static int choice_row(Screens *s, UiContext *ui, int id_base, int selected_basket, int selected_q,
                      bool baskets, bool ask, int exclude, int x, int y, int w, int *height) {
    int gap = ui_px(ui, 8), bh = ui_px(ui, 46);
    const char *labels[BASKET_COUNT + Q_COUNT];
    int codes[BASKET_COUNT + Q_COUNT], n = 0;
    for (int b = 0; baskets && b < BASKET_COUNT; b++) {
        labels[n] = S(s, BASKET_KEYS[b]);
        codes[n++] = b;
    }
    for (int q = 0; ask && q < Q_COUNT; q++) {
        if (q == exclude) continue;
        labels[n] = S(s, QUESTION_KEYS[q]);
        codes[n++] = 10 + q;
    }
    int cols = w >= ui_px(ui, 600) ? 3 : 2;
    int bw = (w - (cols - 1) * gap) / cols;
    int result = -1;
    for (int i = 0; i < n; i++) {
        UiRect r = {x + (i % cols) * (bw + gap), y + (i / cols) * (bh + gap), bw, bh};
        bool on = codes[i] < 10 ? codes[i] == selected_basket : codes[i] - 10 == selected_q;
        if (ui_button(ui, ui_id("tree", id_base + codes[i]), r, labels[i],
                      on ? UI_BUTTON_SELECTED : UI_BUTTON_NORMAL))
            result = codes[i];
    }
    *height = ((n + cols - 1) / cols) * (bh + gap);
    return result;
}

static void computer_tree(Screens *s, char *out, size_t size, size_t *right) {
    DemoExample ex[MANGO_COUNT];
    for (int m = 0; m < MANGO_COUNT; m++)
        ex[m] = (DemoExample){MANGOES[m], right_basket(MANGOES[m])};
    DemoTreeNode *tree = demo_tree_learn(ex, MANGO_COUNT, Q_COUNT, 2);
    out[0] = '\0';
    *right = 0;
    if (!tree) return;
    for (int m = 0; m < MANGO_COUNT; m++)
        *right += demo_tree_classify(tree, MANGOES[m], NULL) == right_basket(MANGOES[m]);
    /* Its questions, top first. */
    const DemoTreeNode *level[3] = {tree, NULL, NULL};
    for (int i = 0; i < 3; i++) {
        const DemoTreeNode *node = level[i];
        if (!node || node->feature < 0) continue;
        /* An arrow that points the way the language reads. */
        if (out[0]) strncat(out, screens_lang_rtl(s->lang) ? " ← " : " → ", size - strlen(out) - 1);
        strncat(out, S(s, QUESTION_KEYS[node->feature]), size - strlen(out) - 1);
        if (i == 0) {
            level[1] = node->yes;
            level[2] = node->no;
        }
    }
    demo_tree_free(tree);
}

int screens_tree_draw(Screens *s, UiContext *ui, int x, int y, int w) {
    const UiTheme *th = &ui->theme;
    ScreensTree *t = &s->tree;
    int y0 = y, gap = ui_px(ui, 10), pad = ui_px(ui, 12), h;
    UiTextStyle hs = {.bold = true, .color = th->text};
    if (!t->ready) {
        screens_tree_reset(s);
        t->ready = true;
    }
    y += ui_text(ui, (UiRect){x, y, w, 0}, S(s, "tree_first"), hs, true) + gap / 2;
    /* The top offers questions only: a basket there would sort nothing. */
    int pick = choice_row(s, ui, 0, -1, t->root, false, true, -1, x, y, w, &h);
    y += h;
    if (pick >= 10 && pick - 10 != t->root) {
        screens_tree_reset(s);
        t->root = pick - 10;
    }
    if (t->root >= 0) {
        for (int b = 0; b < 2; b++) {
            int bx = x + pad, bw = w - 2 * pad;
            int top = y;
            char head[300];
            screens_fill(head, sizeof head, S(s, b == 0 ? "tree_if_yes" : "tree_if_no"), "question",
                         S(s, QUESTION_KEYS[t->root]), NULL, NULL);
            /* Measure first, draw the panel, then the content over it. */
            UiTextStyle bs = {.bold = true, .color = th->accent};
            if (s->high_contrast) bs.color = th->text;
            int cy = top + pad;
            cy += ui_text(ui, (UiRect){bx, cy, bw, 0}, head, bs, true) + gap / 2;
            if (t->branch[b] < 0) cy += mango_list(s, ui, b, -1, bx, cy, bw) + gap / 2;
            int r = choice_row(s, ui, 100 * (b + 1), t->branch[b] < 0 ? t->basket[b][0] : -1,
                               t->branch[b], true, true, t->root, bx, cy, bw, &h);
            cy += h;
            if (r >= 10) {
                t->branch[b] = r - 10;
                t->basket[b][0] = t->basket[b][1] = -1;
            } else if (r >= 0) {
                t->branch[b] = -1;
                t->basket[b][0] = r;
            }
            if (t->branch[b] >= 0) {
                for (int k = 0; k < 2; k++) {
                    int sx = bx + pad, sw = bw - 2 * pad;
                    char sub[300];
                    screens_fill(sub, sizeof sub, S(s, k == 0 ? "tree_if_yes" : "tree_if_no"),
                                 "question", S(s, QUESTION_KEYS[t->branch[b]]), NULL, NULL);
                    cy += ui_text(ui, (UiRect){sx, cy, sw, 0}, sub, bs, true) + gap / 2;
                    cy += mango_list(s, ui, b, k, sx, cy, sw) + gap / 2;
                    int r2 = choice_row(s, ui, 1000 * (b + 1) + 100 * k, t->basket[b][k], -1, true,
                                        false, -1, sx, cy, sw, &h);
                    cy += h;
                    if (r2 >= 0) t->basket[b][k] = r2;
                }
            }
            ui_frame(ui, (UiRect){x, top, w, cy - top + pad}, th->border, ui_px(ui, 1));
            y = cy + pad + gap;
        }
    }
    /* How well it sorts, with how many questions. */
    int right = 0, questions = t->root >= 0;
    for (int b = 0; b < 2; b++) questions += t->branch[b] >= 0;
    for (int m = 0; m < MANGO_COUNT; m++) {
        int b, k;
        right += route(t, MANGOES[m], &b, &k) == right_basket(MANGOES[m]);
    }
    char n[16], total[16], line[300], result[300];
    snprintf(n, sizeof n, "%d", right);
    snprintf(total, sizeof total, "%d", MANGO_COUNT);
    screens_fill(line, sizeof line, S(s, "tree_result"), "n", n, "total", total);
    snprintf(n, sizeof n, "%d", questions);
    screens_fill(result, sizeof result, line, "questions", n, NULL, NULL);
    UiTextStyle rs = {.bold = true, .color = right == MANGO_COUNT ? th->good : th->text};
    if (s->high_contrast) rs.color = th->text;
    y += ui_text(ui, (UiRect){x, y, w, 0}, result, rs, true) + gap;
    int bw = (w - gap) / 2, bh = ui_px(ui, 52);
    if (ui_button(ui, ui_id("tree-computer", 0), (UiRect){x, y, bw, bh}, S(s, "tree_computer"),
                  UI_BUTTON_PRIMARY))
        t->computer = true;
    if (ui_button(ui, ui_id("tree-restart", 0), (UiRect){x + bw + gap, y, bw, bh},
                  S(s, "demo_restart"), UI_BUTTON_NORMAL))
        screens_tree_reset(s);
    y += bh + gap;
    if (t->computer) {
        char qs[400];
        size_t cr;
        computer_tree(s, qs, sizeof qs, &cr);
        snprintf(n, sizeof n, "%zu", cr);
        screens_fill(line, sizeof line, S(s, "tree_computer_result"), "questions", qs, "n", n);
        screens_fill(result, sizeof result, line, "total", total, NULL, NULL);
        UiTextStyle cs = {.color = th->text};
        y += ui_text(ui, (UiRect){x, y, w, 0}, result, cs, true) + gap;
    }
    return y - y0;
}
