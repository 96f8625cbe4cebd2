/*
 * A decision tree that learns from yes/no examples, the way the card-sorting
 * activity does by hand: ask the question that splits the cards into the purest
 * piles (lowest Gini impurity), then do the same in each pile. Labels are 0..7 and
 * questions at most DEMO_TREE_MAX_FEATURES, so counts fit in small arrays.
 *
 * Invariants: a node asks a question (feature >= 0) exactly when it has both a yes
 * and a no child; a layout numbers nodes parents first, so a parent's slot index
 * is always below its children's.
 */
#include "demos/demos.h"

#include <stdlib.h>

enum { MAX_LABELS = 8 };

static int majority(const DemoExample *ex, const size_t *idx, size_t n) {
    size_t counts[MAX_LABELS] = {0};
    for (size_t i = 0; i < n; i++) counts[ex[idx[i]].label & (MAX_LABELS - 1)]++;
    int best = 0;
    for (int l = 1; l < MAX_LABELS; l++)
        if (counts[l] > counts[best]) best = l;
    return best;
}

static double gini(const size_t counts[MAX_LABELS], size_t n) {
    if (!n) return 0;
    double g = 1.0;
    for (int l = 0; l < MAX_LABELS; l++) {
        double p = (double)counts[l] / (double)n;
        g -= p * p;
    }
    return g;
}

static DemoTreeNode *grow(const DemoExample *ex, size_t *idx, size_t n, size_t features,
                          uint32_t used, size_t depth_left) {
    DemoTreeNode *node = ail_xcalloc(1, sizeof *node);
    node->feature = -1;
    node->label = majority(ex, idx, n);
    node->examples = n;
    size_t all[MAX_LABELS] = {0};
    for (size_t i = 0; i < n; i++) all[ex[idx[i]].label & (MAX_LABELS - 1)]++;
    double impurity = gini(all, n);
    if (depth_left == 0 || impurity == 0) return node;

    int best = -1;
    double best_score = impurity;
    for (size_t f = 0; f < features; f++) {
        if (used & (1u << f)) continue;
        size_t yes[MAX_LABELS] = {0}, no[MAX_LABELS] = {0}, ny = 0;
        for (size_t i = 0; i < n; i++) {
            int l = ex[idx[i]].label & (MAX_LABELS - 1);
            if (ex[idx[i]].features & (1u << f)) {
                yes[l]++;
                ny++;
            } else
                no[l]++;
        }
        if (ny == 0 || ny == n) continue; /* the question does not split anything */
        double score =
            ((double)ny * gini(yes, ny) + (double)(n - ny) * gini(no, n - ny)) / (double)n;
        if (score < best_score - 1e-12) {
            best_score = score;
            best = (int)f;
        }
    }
    if (best < 0) return node;
    /* Partition idx in place: yes answers first. */
    size_t split = 0;
    for (size_t i = 0; i < n; i++) {
        if (ex[idx[i]].features & (1u << best)) {
            size_t t = idx[i];
            idx[i] = idx[split];
            idx[split++] = t;
        }
    }
    node->feature = best;
    node->yes = grow(ex, idx, split, features, used | (1u << best), depth_left - 1);
    node->no = grow(ex, idx + split, n - split, features, used | (1u << best), depth_left - 1);
    return node;
}

DemoTreeNode *demo_tree_learn(const DemoExample *examples, size_t count, size_t feature_count,
                              size_t max_depth) {
    if (!examples || count == 0 || feature_count == 0 || feature_count > DEMO_TREE_MAX_FEATURES)
        return NULL;
    size_t *idx = ail_xmalloc(count * sizeof *idx);
    for (size_t i = 0; i < count; i++) idx[i] = i;
    DemoTreeNode *root = grow(examples, idx, count, feature_count, 0, max_depth);
    free(idx);
    return root;
}

int demo_tree_classify(const DemoTreeNode *tree, uint16_t features, size_t *depth) {
    size_t d = 0;
    while (tree->feature >= 0) {
        tree = (features & (1u << tree->feature)) ? tree->yes : tree->no;
        d++;
    }
    if (depth) *depth = d;
    return tree->label;
}

void demo_tree_free(DemoTreeNode *tree) {
    if (!tree) return;
    demo_tree_free(tree->yes);
    demo_tree_free(tree->no);
    free(tree);
}

/* Places node and its subtree from slot n on; *next_leaf is the next free leaf
 * place. Returns the slot after the subtree (counting nodes beyond max too). */
static size_t place(const DemoTreeNode *node, int parent, int depth, DemoTreeSlot *out, size_t max,
                    size_t n, size_t *next_leaf, double *x) {
    size_t self = n++;
    if (node->feature < 0) {
        *x = (double)(*next_leaf)++;
    } else {
        double x_yes, x_no;
        n = place(node->yes, (int)self, depth + 1, out, max, n, next_leaf, &x_yes);
        n = place(node->no, (int)self, depth + 1, out, max, n, next_leaf, &x_no);
        *x = (x_yes + x_no) / 2;
    }
    if (self < max) out[self] = (DemoTreeSlot){node, parent, depth, *x};
    return n;
}

size_t demo_tree_layout(const DemoTreeNode *tree, DemoTreeSlot *out, size_t max, size_t *leaves) {
    size_t next_leaf = 0;
    double x;
    size_t n = tree ? place(tree, -1, 0, out, max, 0, &next_leaf, &x) : 0;
    if (leaves) *leaves = next_leaf;
    return n;
}
