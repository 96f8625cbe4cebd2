/*
 * demos — the models behind the interactive AI demos, with no drawing: a next-word
 * predictor that counts word pairs, k-nearest neighbours (on points and on drawings),
 * a decision tree that learns from yes/no examples, a nearest-centre classifier for
 * sorting labelled examples, pixels as numbers, a fair-data experiment, k-means
 * grouping and a goat that learns by reward (Q-learning). Each is small enough for a
 * learner to follow by hand, which is the point: the demos show that a machine
 * learns from the examples it is given.
 * Deterministic: any randomness comes from a seed the caller holds.
 */
#ifndef AILIT_DEMOS_H
#define AILIT_DEMOS_H

#include "base/base.h"

/* ---- Repeatable chance ---- */

/* The next number of a small repeatable sequence (xorshift32), advancing *seed; a
 * seed of 0 is treated as a fixed non-zero one. */
uint32_t demo_random(uint32_t *seed);

/* A number in 0..n-1 (n > 0) drawn from *seed, advancing it. */
uint32_t demo_random_below(uint32_t *seed, uint32_t n);

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

/* ---- Teach the machine: k nearest neighbours on drawings ---- */

#define DEMO_DRAWING_MIN_SIZE 4
#define DEMO_DRAWING_MAX_SIZE 32
#define DEMO_DRAWING_MAX_LABELS 3
#define DEMO_DRAWING_MAX_EXAMPLES 64

/* A square grid of on/off cells; bit x of rows[y] is the cell at column x, row y
 * (row 0 at the top). Cells outside size x size are always off. */
typedef struct {
    int size;
    uint32_t rows[DEMO_DRAWING_MAX_SIZE];
} DemoDrawing;

/* An empty drawing of size x size cells (DEMO_DRAWING_MIN_SIZE..MAX_SIZE). */
void demo_drawing_init(DemoDrawing *d, int size);

/* Turns the cell at (x, y) on or off; cells outside the grid are ignored. */
void demo_drawing_set(DemoDrawing *d, int x, int y, bool on);

/* Whether the cell at (x, y) is on; false outside the grid. */
bool demo_drawing_get(const DemoDrawing *d, int x, int y);

/* Turns on every cell of the straight line from (x0, y0) to (x1, y1), ends
 * included, so that a fast drag leaves no gaps; cells off the grid are skipped, and
 * a line with an end more than 4096 cells away is ignored. */
void demo_drawing_line(DemoDrawing *d, int x0, int y0, int x1, int y1);

/* How many cells are on. */
size_t demo_drawing_ink(const DemoDrawing *d);

/* out = d moved so that the box around its cells sits in the middle of the grid
 * (half a cell to the top left when it cannot be exact); an empty drawing stays. */
void demo_drawing_centred(const DemoDrawing *d, DemoDrawing *out);

/* How different two drawings of the same size are: both are centred, then each
 * cell that is on in one drawing with no cell on at or next to (8 around) the same
 * place in the other counts 1. 0 for the same shape anywhere on the grid. */
unsigned demo_drawing_distance(const DemoDrawing *a, const DemoDrawing *b);

/* Reads a drawing from rows of text, '#' for a cell that is on and '.' for one that
 * is off, as many rows as each row has cells (DEMO_DRAWING_MIN_SIZE..MAX_SIZE), so a
 * page can bring examples of its own. AIL_ERR_INVALID with a sentence in err (may
 * be NULL) otherwise; d is unchanged then. */
AilResult demo_drawing_from_rows(DemoDrawing *d, const char *const *rows, size_t row_count,
                                 AilError *err);

/* The learner's examples: drawings, each filed under a label 0..MAX_LABELS-1.
 * Zeroed (or after demo_drawing_set_clear) it holds none; all share one size. */
typedef struct {
    size_t count;
    DemoDrawing drawings[DEMO_DRAWING_MAX_EXAMPLES];
    int labels[DEMO_DRAWING_MAX_EXAMPLES];
} DemoDrawingSet;

/* Files a copy of d under label; AIL_ERR_TOO_LARGE when the set is full,
 * AIL_ERR_USAGE for a label out of range or a size unlike the set's others. */
AilResult demo_drawing_set_add(DemoDrawingSet *set, const DemoDrawing *d, int label);

/* Forgets the example added last (undo); false when there is none. */
bool demo_drawing_set_remove_last(DemoDrawingSet *set);

/* Forgets every example. */
void demo_drawing_set_clear(DemoDrawingSet *set);

/* How many examples are filed under label. */
size_t demo_drawing_set_count(const DemoDrawingSet *set, int label);

/* Guesses the label of d by a vote of its k nearest examples (demo_drawing_distance),
 * as demo_knn_classify does; out->neighbours index set->drawings. AIL_ERR_USAGE when
 * the set is empty, k is 0 or above DEMO_KNN_MAX_K, or d's size is not the set's. */
AilResult demo_drawing_classify(const DemoDrawingSet *set, const DemoDrawing *d, size_t k,
                                DemoKnnResult *out);

/* ---- Pixels are numbers ---- */

#define DEMO_PICTURE_MAX_SIZE 16

/* A greyscale picture: 0 is black, 255 white; cells[y][x], row 0 at the top. */
typedef struct {
    int width, height;
    uint8_t cells[DEMO_PICTURE_MAX_SIZE][DEMO_PICTURE_MAX_SIZE];
} DemoPicture;

/* A width x height picture (1..DEMO_PICTURE_MAX_SIZE each) filled with grey. */
void demo_picture_init(DemoPicture *pic, int width, int height, uint8_t grey);

/* Fills pic from width*height values row by row; AIL_ERR_INVALID (nothing changed)
 * when a value is outside 0..255, AIL_ERR_USAGE for a size out of range. */
AilResult demo_picture_from_values(DemoPicture *pic, int width, int height, const int *values);

/* Sets the cell at (x, y) to value clamped to 0..255; returns the value stored. */
uint8_t demo_picture_set(DemoPicture *pic, int x, int y, int value);

/* Adds delta to every cell, clamped to 0..255; returns how many cells hit 0 or 255
 * and lost part of the change (those do not come back when delta is undone). */
size_t demo_picture_brighten(DemoPicture *pic, int delta);

/* The number shown in the cell at (x, y), as text in out[4] ("0".."255"). */
const char *demo_picture_number(const DemoPicture *pic, int x, int y, char out[4]);

/* The whole grid as rows of numbers, each right-aligned in 4 columns, a newline
 * after each row; returns the length needed, as snprintf does (when that is >= size,
 * out holds only the whole numbers that fit). out may be NULL when size is 0. */
size_t demo_picture_numbers(const DemoPicture *pic, char *out, size_t size);

/* ---- Fair data: who the training examples come from ---- */

enum { DEMO_FAIR_GROUPS = 2, DEMO_FAIR_LABELS = 2 };
#define DEMO_FAIR_MAX_TRAIN 200
#define DEMO_FAIR_MAX_TEST 200

/* Where one group's examples of one label lie: two features on a 0..100 scale
 * (e.g. leaf colour and leaf size), each a mean and a spread (standard deviation;
 * values are drawn within 3 spreads of the mean and kept inside 0..100). */
typedef struct {
    double mean[2], spread[2];
} DemoFairCloud;

/* The data of a fair-data page; cloud[group][label]. */
typedef struct {
    DemoFairCloud cloud[DEMO_FAIR_GROUPS][DEMO_FAIR_LABELS];
    size_t train_count; /* training examples in all, 4..DEMO_FAIR_MAX_TRAIN */
    size_t test_count;  /* held-out examples per group, 2..DEMO_FAIR_MAX_TEST */
    size_t k;           /* neighbours that vote, 1..DEMO_KNN_MAX_K */
} DemoFairParams;

/* The built-in story: leaves of lowland (group 0) and hill (group 1) farms, healthy
 * (label 0) or sick (label 1); hill leaves are paler and smaller, so a healthy hill
 * leaf looks like a sick lowland one to a machine that has seen few hill leaves. */
void demo_fair_default_params(DemoFairParams *p);

/* AIL_OK when p is usable, else AIL_ERR_INVALID with a sentence in err (may be NULL)
 * naming the field that is out of range. */
AilResult demo_fair_check_params(const DemoFairParams *p, AilError *err);

typedef struct {
    size_t train_count;
    DemoPoint train[DEMO_FAIR_MAX_TRAIN]; /* x, y: the features; label */
    int train_group[DEMO_FAIR_MAX_TRAIN];
    size_t train_per_group[DEMO_FAIR_GROUPS];
    size_t test_count; /* per group */
    DemoPoint test[DEMO_FAIR_GROUPS][DEMO_FAIR_MAX_TEST];
    int guess[DEMO_FAIR_GROUPS][DEMO_FAIR_MAX_TEST]; /* the machine's label for each */
    size_t right[DEMO_FAIR_GROUPS];
    int accuracy[DEMO_FAIR_GROUPS]; /* percent right, rounded */
} DemoFairRun;

/* Draws a training set of p->train_count examples, share_a percent (0..100, rounded)
 * from group 0 and the rest from group 1, each group's half healthy and half sick
 * (the odd one healthy); classifies each group's held-out test set by k-NN over it.
 * The same p, share_a and seed give the same run; the test sets depend on p and
 * seed only. AIL_ERR_INVALID as demo_fair_check_params, AIL_ERR_USAGE for a share
 * above 100. */
AilResult demo_fair_run(const DemoFairParams *p, unsigned share_a, uint32_t seed, DemoFairRun *out);

/* ---- Grouping: k-means ---- */

#define DEMO_KMEANS_MAX_K 4
#define DEMO_KMEANS_MAX_POINTS 256

/* Points, their groups and the groups' centres, one step at a time. Read the
 * fields; change them only through demo_kmeans_*. */
typedef struct {
    size_t count, k;
    DemoPoint points[DEMO_KMEANS_MAX_POINTS]; /* label: the author's, unused here */
    int group[DEMO_KMEANS_MAX_POINTS];        /* 0..k-1, or -1 before the first step */
    DemoPoint centre[DEMO_KMEANS_MAX_K];      /* label: the group's number */
    size_t size[DEMO_KMEANS_MAX_K];           /* points in each group */
    size_t steps;
    bool converged; /* the last step changed no point's group */
} DemoKMeans;

/* Copies the points and picks k starting centres among them (k-means++: each next
 * centre is drawn with chances in proportion to its squared distance from the
 * nearest centre so far), using and advancing *seed. AIL_ERR_USAGE when k is not
 * 1..DEMO_KMEANS_MAX_K, count is below k or above DEMO_KMEANS_MAX_POINTS. */
AilResult demo_kmeans_init(DemoKMeans *km, const DemoPoint *points, size_t count, size_t k,
                           uint32_t *seed);

/* One step: every point joins its nearest centre (keeping its group on a tie), then
 * every centre moves to the middle of its points; a centre left with no points
 * jumps onto the point farthest from its centre (in a group of two or more) and
 * takes it. Returns km->converged. */
bool demo_kmeans_step(DemoKMeans *km);

/* The sum over points of the squared distance to their group's centre (to the
 * nearest centre before the first step); never grows from one step to the next. */
double demo_kmeans_sum(const DemoKMeans *km);

/* ---- Learning by reward: Q-learning ---- */

#define DEMO_REWARD_MIN_SIZE 3
#define DEMO_REWARD_MAX_SIZE 8
#define DEMO_REWARD_HISTORY 1000

typedef enum { DEMO_CELL_OPEN, DEMO_CELL_WALL, DEMO_CELL_GRASS, DEMO_CELL_THORNS } DemoCell;
typedef enum { DEMO_MOVE_UP, DEMO_MOVE_RIGHT, DEMO_MOVE_DOWN, DEMO_MOVE_LEFT } DemoMove;
enum { DEMO_MOVE_COUNT = 4 };

/* The field, its rewards and how the goat learns. Grass and thorns end a try. */
typedef struct {
    int width, height;
    uint8_t cells[DEMO_REWARD_MAX_SIZE][DEMO_REWARD_MAX_SIZE]; /* DemoCell, [y][x] */
    int start_x, start_y;
    double grass, thorns, step; /* points for a move onto grass, onto thorns, else */
    double learning_rate;       /* 0..1: how far one try moves a value (alpha) */
    double discount;            /* 0..1: what a later point is worth now (gamma) */
    double explore;             /* 0..1: chance of a random move (epsilon) */
    size_t max_steps;           /* moves before a try gives up, 1..1000 */
} DemoRewardMap;

/* The built-in 5x5 field: start at the top left, grass at the bottom right, thorns
 * and walls between; +10, -10, -1; alpha 0.5, gamma 0.9, epsilon 0.1, 100 moves. */
void demo_reward_default_map(DemoRewardMap *map);

/* Reads a field drawn as rows of text, one character a cell: S start, G grass,
 * T thorns, # wall, . open; keeps the other fields of map. AIL_ERR_INVALID with a
 * sentence in err (may be NULL) for rows of unequal length, a size outside
 * DEMO_REWARD_MIN_SIZE..MAX_SIZE, another character, or not exactly one S and at
 * least one G. */
AilResult demo_reward_map_parse(DemoRewardMap *map, const char *const *rows, size_t row_count,
                                AilError *err);

/* AIL_OK when map's numbers are usable (learning_rate, discount and explore in
 * 0..1, max_steps 1..1000, rewards within -1000..1000), else AIL_ERR_INVALID with a
 * sentence in err (may be NULL) naming the field. */
AilResult demo_reward_check_map(const DemoRewardMap *map, AilError *err);

/* What the goat has learned: q[y][x][move] is the points it expects from making
 * move at (x, y) and doing its best after. Read the fields; change them only
 * through demo_reward_*. */
typedef struct {
    DemoRewardMap map;
    double q[DEMO_REWARD_MAX_SIZE][DEMO_REWARD_MAX_SIZE][DEMO_MOVE_COUNT];
    size_t tries;
    double totals[DEMO_REWARD_HISTORY]; /* points of try i at totals[i % HISTORY] */
    size_t last_steps;                  /* moves of the latest try */
} DemoReward;

/* A goat that knows nothing yet (every value 0) on a copy of map, which must be
 * one demo_reward_default_map or demo_reward_map_parse filled and
 * demo_reward_check_map accepts. */
void demo_reward_init(DemoReward *r, const DemoRewardMap *map);

/* Runs n tries from the start, each until grass, thorns or map.max_steps moves,
 * choosing the best-valued move (ties drawn at random) or, with chance explore, any
 * move, using and advancing *seed; a move into a wall or the edge stays put. */
void demo_reward_run(DemoReward *r, size_t n, uint32_t *seed);

/* The points of the latest tries, oldest first, at most max (and at most
 * DEMO_REWARD_HISTORY); returns how many were written. */
size_t demo_reward_recent_totals(const DemoReward *r, double *out, size_t max);

/* The arrow to draw in cell (x, y): the move with the highest value (the first in
 * DemoMove order on a tie), or -1 where nothing is learned yet or the cell is a
 * wall, grass or thorns. */
int demo_reward_best_move(const DemoReward *r, int x, int y);

typedef enum {
    DEMO_PATH_GRASS,  /* the path ends on grass */
    DEMO_PATH_THORNS, /* the path ends on thorns */
    DEMO_PATH_LOST    /* it comes back to a cell, or meets a cell with no arrow */
} DemoPathEnd;

/* The path the goat takes from the start following its arrows, no chance
 * involved: cells as (x, y) pairs, the start first, at most max cells; *length
 * gets the cells written. */
DemoPathEnd demo_reward_greedy_path(const DemoReward *r, int (*cells)[2], size_t max,
                                    size_t *length);

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

/* Where to draw one node of a tree: the tree read top down, "yes" before "no". */
typedef struct {
    const DemoTreeNode *node;
    int parent; /* index of the parent's slot, -1 at the root */
    int depth;  /* 0 at the root */
    double x;   /* leaves at 0, 1, 2, ... left to right; a question above the
                   middle of its two answers */
} DemoTreeSlot;

/* Lays out tree for drawing, parents before children, into out (at most max
 * slots); returns the number of nodes (write at most max). *leaves (may be NULL)
 * gets the number of leaves, i.e. the width in leaf places. */
size_t demo_tree_layout(const DemoTreeNode *tree, DemoTreeSlot *out, size_t max, size_t *leaves);

#endif
