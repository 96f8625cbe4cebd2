/*
 * demos — the models behind the interactive AI demos, with no drawing: a next-word
 * predictor that counts word pairs, k-nearest neighbours, a decision tree that
 * learns from yes/no examples, and a nearest-centre classifier for sorting labelled
 * examples. Each is small enough for a learner to follow by hand, which is the
 * point: the demos show that a machine learns from the examples it is given.
 * Deterministic: any randomness comes from a seed the caller holds.
 */
#ifndef AILIT_DEMOS_H
#define AILIT_DEMOS_H

#include "base/base.h"

/* ---- Next word: counting which word follows which ---- */

typedef struct DemoNextWord DemoNextWord;

typedef struct {
    const char *word; /* owned by the model */
    unsigned count;
} DemoWordCount;

/* Counts the word pairs of corpus (split at spaces; punctuation around a word is
 * dropped; a sentence's end is not joined to the next one). Words are compared
 * ignoring case and accents and shown as first written. Free with
 * demo_next_word_free. */
DemoNextWord *demo_next_word_train(const char *corpus);
void demo_next_word_free(DemoNextWord *model);

/* How many different words the corpus has. */
size_t demo_next_word_vocabulary(const DemoNextWord *model);

/* The words seen after word, most frequent first (ties in order of first use);
 * writes at most max into out and returns how many there are in all. */
size_t demo_next_word_suggest(const DemoNextWord *model, const char *word, DemoWordCount *out,
                              size_t max);

/* A next word drawn with chances in proportion to the counts, using and advancing
 * *seed; NULL when the corpus never shows a word after word. */
const char *demo_next_word_pick(const DemoNextWord *model, const char *word, uint32_t *seed);

/* ---- k nearest neighbours ---- */

typedef struct {
    double x, y;
    int label;
} DemoPoint;

#define DEMO_KNN_MAX_K 15

typedef struct {
    int label;                         /* the winning label */
    size_t votes;                      /* how many of the k neighbours had it */
    size_t k;                          /* neighbours used: min(k asked, points given) */
    size_t neighbours[DEMO_KNN_MAX_K]; /* indices into points, nearest first */
} DemoKnnResult;

/* Classifies (x, y) by a vote of its k nearest points; a tie goes to the label of
 * the nearest point among the tied ones. Returns AIL_ERR_USAGE when there are no
 * points or k is 0 or above DEMO_KNN_MAX_K. */
AilResult demo_knn_classify(const DemoPoint *points, size_t count, double x, double y, size_t k,
                            DemoKnnResult *out);

/* ---- Nearest centre: sorting by labelled examples ---- */

/* The label whose examples' centre is nearest (x, y); -1 when there are none. With
 * few or one-sided examples the answer shows how the examples shape the machine. */
int demo_centroid_classify(const DemoPoint *labelled, size_t count, double x, double y);

/* ---- Decision tree learned from yes/no examples ---- */

#define DEMO_TREE_MAX_FEATURES 16

typedef struct {
    uint16_t features; /* bit i set: the answer to question i is yes */
    int label;         /* 0..7 */
} DemoExample;

typedef struct DemoTreeNode {
    int feature; /* the question asked here, or -1 at a leaf */
    int label;   /* at a leaf: the answer; elsewhere the most common label */
    size_t examples;
    struct DemoTreeNode *yes, *no;
} DemoTreeNode;

/* Learns a tree by asking, at each step, the question that best separates the
 * examples (Gini impurity), up to max_depth questions deep. Returns NULL when
 * there are no examples or feature_count is out of range. Free with
 * demo_tree_free. */
DemoTreeNode *demo_tree_learn(const DemoExample *examples, size_t count, size_t feature_count,
                              size_t max_depth);
/* The label the tree gives features; *depth (may be NULL) gets the questions asked. */
int demo_tree_classify(const DemoTreeNode *tree, uint16_t features, size_t *depth);
void demo_tree_free(DemoTreeNode *tree);

#endif
