/*
 * The "decision-tree" demo: the mango trader of ai-basics lesson 5. Eight mangoes,
 * each soft or hard, with or without dark spots, yellow or green, big or small, go
 * into three baskets (keep for later: hard; juice: soft with spots; sell today: soft
 * without spots). The learner picks the question at the top of the tree, then for each
 * branch a basket or one more question, and sees the tree drawn as a tree (questions
 * in boxes, answers on the branches, baskets at the leaves; demos/: demo_tree_layout)
 * with every mango drawn in the basket it lands in, crossed out when it is the wrong
 * one. The computer can build its own tree from the same examples
 * (demos/: demo_tree_learn), to compare.
 *
 * The demo's data is built in (the page has no params); its words are UI strings.
 */
#include "screens/screens_internal.h"

#include "demos/demos.h"

#include <assert.h>
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

/* ---- The tree as a picture: questions in boxes, answers on the branches, baskets
 * at the leaves with the mangoes that land in them ---- */

enum { TREE_MAX_NODES = 7 };

/* The learner's tree as DemoTreeNodes (for demo_tree_layout); a leaf's label is its
 * basket (-1: not chosen yet) and leaf_of[i] says which (branch, sub) it is. */
typedef struct {
    DemoTreeNode node[TREE_MAX_NODES];
    int leaf_branch[TREE_MAX_NODES], leaf_sub[TREE_MAX_NODES];
    size_t count;
} TreePicture;

static DemoTreeNode *picture_node(TreePicture *tp, int feature, int label, int branch, int sub) {
    assert(tp->count < TREE_MAX_NODES);
    DemoTreeNode *n = &tp->node[tp->count];
    *n = (DemoTreeNode){.feature = feature, .label = label};
    tp->leaf_branch[tp->count] = branch;
    tp->leaf_sub[tp->count] = sub;
    tp->count++;
    return n;
}

static void picture_build(const ScreensTree *t, TreePicture *tp) {
    tp->count = 0;
    DemoTreeNode *root = picture_node(tp, t->root, -1, -1, -1);
    for (int b = 0; b < 2; b++) {
        DemoTreeNode *child;
        if (t->branch[b] < 0) {
            child = picture_node(tp, -1, t->basket[b][0], b, -1);
        } else {
            child = picture_node(tp, t->branch[b], -1, -1, -1);
            child->yes = picture_node(tp, -1, t->basket[b][0], b, 0);
            child->no = picture_node(tp, -1, t->basket[b][1], b, 1);
        }
        if (b == 0)
            root->yes = child;
        else
            root->no = child;
    }
}

/* One mango: green or yellow, big or small, dark spots, a dent on top when soft;
 * one in the wrong basket is crossed out, so that colour alone never tells. */
static void draw_mango(const Screens *s, UiContext *ui, int cx, int cy, int unit, uint16_t f,
                       int basket) {
    const UiTheme *th = &ui->theme;
    int r = f & 1 << Q_BIG ? unit : unit * 2 / 3;
    UiColor skin = screens_rgb(f & 1 << Q_YELLOW ? 0xF2C230 : 0x5FA83A);
    screens_shape_ringed(ui, cx, cy, r, SCREENS_SHAPE_CIRCLE, skin, th->text);
    if (f & 1 << Q_SOFT) /* a dent */
        ui_fill(ui, (UiRect){cx - r / 3, cy - r - r / 4, r * 2 / 3, r / 2}, th->surface);
    if (f & 1 << Q_SPOTS) {
        int d = r / 3 > 1 ? r / 3 : 2;
        UiColor spot = screens_rgb(0x3B2A1A);
        ui_fill(ui, (UiRect){cx - r / 2, cy, d, d}, spot);
        ui_fill(ui, (UiRect){cx + r / 4, cy - r / 3, d, d}, spot);
    }
    if (basket >= 0 && basket != right_basket(f)) {
        int t = unit / 4 > 2 ? unit / 4 : 2;
        UiColor bad = s->high_contrast ? th->text : th->bad;
        screens_line(ui, cx - r, cy - r, cx + r, cy + r, t, bad);
        screens_line(ui, cx - r, cy + r, cx + r, cy - r, t, bad);
    }
}

/* The leaf at (branch, sub): its basket's name, the basket and its mangoes. */
static void draw_leaf(Screens *s, UiContext *ui, int branch, int sub, int basket, int cx, int y,
                      int w, int h) {
    const UiTheme *th = &ui->theme;
    UiTextStyle ls = {
        .bold = true, .color = th->text, .px = ui->text_px * 3 / 4, .align = UI_ALIGN_CENTER};
    const char *name = basket >= 0 ? S(s, BASKET_KEYS[basket]) : "?";
    int lh = ui_text(ui, (UiRect){cx - w / 2, y, w, 0}, name, ls, true);
    int top = y + lh + ui_px(ui, 2), bh = h - lh - ui_px(ui, 2);
    int bw = w * 9 / 10 < ui_px(ui, 150) ? w * 9 / 10 : ui_px(ui, 150);
    UiColor wicker = s->high_contrast ? th->muted : screens_rgb(0xA0712F);
    if (basket >= 0)
        screens_draw_basket(ui, cx, top, bw, bh, wicker);
    else
        ui_frame(ui, (UiRect){cx - bw / 2, top + bh / 3, bw, bh * 2 / 3}, th->border, ui_px(ui, 2));
    /* The mangoes that land here, in rows of four over the basket. */
    int unit = bw / 12 > 3 ? bw / 12 : 3, n = 0;
    for (int m = 0; m < MANGO_COUNT; m++) {
        int b, k;
        int got = route(&s->tree, MANGOES[m], &b, &k);
        if (b != branch || k != sub) continue;
        int col = n % 4, row = n / 4;
        draw_mango(s, ui, cx - bw / 2 + bw / 8 + col * bw / 4,
                   top + bh / 3 - unit / 2 + row * unit * 5 / 2, unit, MANGOES[m], got);
        n++;
    }
}

/* Draws the learner's tree at (x, y), w wide; returns its height. */
static int tree_picture(Screens *s, UiContext *ui, int x, int y, int w) {
    const UiTheme *th = &ui->theme;
    TreePicture tp;
    picture_build(&s->tree, &tp);
    DemoTreeSlot slot[TREE_MAX_NODES];
    size_t leaves = 0;
    size_t n = demo_tree_layout(&tp.node[0], slot, TREE_MAX_NODES, &leaves);
    assert(n <= TREE_MAX_NODES && leaves > 0);
    int depth = 0;
    for (size_t i = 0; i < n; i++) depth = slot[i].depth > depth ? slot[i].depth : depth;
    int cw = w / (int)leaves, row = ui_px(ui, 112), box_h = ui_px(ui, 56), leaf_h = ui_px(ui, 84);
    int line = ui_px(ui, 3) > 2 ? ui_px(ui, 3) : 2;
    UiTextStyle qs = {
        .bold = true, .color = th->text, .px = ui->text_px * 3 / 4, .align = UI_ALIGN_CENTER};
    UiTextStyle as = {.color = th->text, .px = ui->text_px * 3 / 4, .align = UI_ALIGN_CENTER};
    /* Branches first, under the boxes, with the answer they stand for. */
    for (size_t i = 1; i < n; i++) {
        const DemoTreeSlot *c = &slot[i], *p = &slot[c->parent];
        int px = x + (int)((p->x + 0.5) * cw), py = y + p->depth * row + box_h;
        int chx = x + (int)((c->x + 0.5) * cw), chy = y + c->depth * row;
        screens_line(ui, px, py, chx, chy, line, th->muted);
        bool yes = p->node->yes == c->node;
        const char *answer = S(s, yes ? YES_KEYS[p->node->feature] : NO_KEYS[p->node->feature]);
        int aw = cw < ui_px(ui, 140) ? cw : ui_px(ui, 140);
        int ah = ui_text(ui, (UiRect){0, 0, aw, 0}, answer, as, false);
        /* Above the branch's middle, on its outer side, where the line leaves room. */
        int mx = (px + chx) / 2, my = (py + chy) / 2, off = ui_px(ui, 6);
        UiTextStyle bs = as;
        bs.align = yes ? UI_ALIGN_END : UI_ALIGN_START;
        UiRect ar = {yes ? mx - aw - off : mx + off, my - ah, aw, ah};
        ui_text(ui, ar, answer, bs, true);
    }
    for (size_t i = 0; i < n; i++) {
        const DemoTreeNode *node = slot[i].node;
        int cx = x + (int)((slot[i].x + 0.5) * cw), top = y + slot[i].depth * row;
        if (node->feature >= 0) {
            int bw = cw * (int)(node == &tp.node[0] ? leaves : 2) * 4 / 5;
            if (bw > ui_px(ui, 260)) bw = ui_px(ui, 260);
            UiRect box = {cx - bw / 2, top, bw, box_h};
            ui_fill(ui, box, th->surface);
            ui_frame(ui, box, th->accent, line);
            const char *q = S(s, QUESTION_KEYS[node->feature]);
            int qh = ui_text(ui, (UiRect){0, 0, bw - 2 * line, 0}, q, qs, false);
            ui_text(ui, (UiRect){box.x + line, top + (box_h - qh) / 2, bw - 2 * line, qh}, q, qs,
                    true);
        } else {
            size_t k = (size_t)(node - tp.node);
            draw_leaf(s, ui, tp.leaf_branch[k], tp.leaf_sub[k], node->label, cx, top, cw, leaf_h);
        }
    }
    return depth * row + leaf_h;
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
        y += tree_picture(s, ui, x, y + gap, w) + 2 * gap;
        y += ui_text(ui, (UiRect){x, y, w, 0}, S(s, "tree_pic_key"),
                     (UiTextStyle){.color = th->muted, .px = ui->text_px * 7 / 8}, true) +
             gap;
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
    if (t->root >= 0 || t->computer) { /* used: recorded when the learner leaves the page */
        char json[128];
        snprintf(json, sizeof json, "{\"questions\":%d,\"right\":%d,\"computer\":%s}", questions,
                 right, t->computer ? "true" : "false");
        screens_demo_record(s, json);
    }
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
