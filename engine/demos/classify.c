/*
 * k nearest neighbours and nearest centre: the two classifiers a class can act out
 * with dots on the board, and k nearest neighbours on the learner's drawings.
 * Items are few (a screenful, at most DEMO_DRAWING_MAX_EXAMPLES drawings), so plain
 * loops are enough. One vote (knn_vote) serves points and drawings alike: only how
 * far an item is, and its label, differ.
 *
 * Invariants: out->neighbours[0..n) holds distinct item indices sorted by distance,
 * nearest first, equal distances in item order; n <= k <= DEMO_KNN_MAX_K.
 */
#include "demos/demos.h"

#include <assert.h>
#include <string.h>

typedef struct {
    double (*distance)(const void *ctx, size_t i);
    int (*label)(const void *ctx, size_t i);
    const void *ctx;
} KnnItems;

/* Keeps the k nearest of count items (1 <= k <= count) and lets them vote. */
static void knn_vote(const KnnItems *items, size_t count, size_t k, DemoKnnResult *out) {
    assert(k >= 1 && k <= count && k <= DEMO_KNN_MAX_K);
    /* Insertion of each item into the sorted list of the k nearest so far. */
    size_t n = 0;
    for (size_t i = 0; i < count; i++) {
        double d = items->distance(items->ctx, i);
        size_t at = n;
        while (at > 0 && items->distance(items->ctx, out->neighbours[at - 1]) > d) at--;
        if (at >= k) continue;
        size_t last = n < k ? n : k - 1;
        assert(last < DEMO_KNN_MAX_K);
        memmove(&out->neighbours[at + 1], &out->neighbours[at],
                (last - at) * sizeof out->neighbours[0]);
        out->neighbours[at] = i;
        if (n < k) n++;
    }
    out->k = k;
    /* Votes; the nearest neighbour's label wins a tie since it is counted first. */
    for (size_t i = 0; i < k; i++) {
        int label = items->label(items->ctx, out->neighbours[i]);
        size_t votes = 0;
        for (size_t j = 0; j < k; j++)
            votes += items->label(items->ctx, out->neighbours[j]) == label;
        if (votes > out->votes) {
            out->votes = votes;
            out->label = label;
        }
    }
}

static double distance2(const DemoPoint *p, double x, double y) {
    double dx = p->x - x, dy = p->y - y;
    return dx * dx + dy * dy;
}

typedef struct {
    const DemoPoint *points;
    size_t count;
    double x, y;
} PointQuery;

static double point_distance(const void *ctx, size_t i) {
    const PointQuery *q = ctx;
    assert(i < q->count);
    return distance2(&q->points[i], q->x, q->y);
}

static int point_label(const void *ctx, size_t i) {
    const PointQuery *q = ctx;
    assert(i < q->count);
    return q->points[i].label;
}

AilResult demo_knn_classify(const DemoPoint *points, size_t count, double x, double y, size_t k,
                            DemoKnnResult *out) {
    memset(out, 0, sizeof *out);
    out->label = -1;
    if (!points || count == 0 || k == 0 || k > DEMO_KNN_MAX_K) return AIL_ERR_USAGE;
    PointQuery q = {points, count, x, y};
    KnnItems items = {point_distance, point_label, &q};
    knn_vote(&items, count, k < count ? k : count, out);
    return AIL_OK;
}

typedef struct {
    const DemoDrawingSet *set;
    unsigned distance[DEMO_DRAWING_MAX_EXAMPLES];
} DrawingQuery;

static double drawing_distance(const void *ctx, size_t i) {
    const DrawingQuery *q = ctx;
    assert(i < q->set->count);
    return q->distance[i];
}

static int drawing_label(const void *ctx, size_t i) {
    const DrawingQuery *q = ctx;
    assert(i < q->set->count);
    return q->set->labels[i];
}

AilResult demo_drawing_classify(const DemoDrawingSet *set, const DemoDrawing *d, size_t k,
                                DemoKnnResult *out) {
    memset(out, 0, sizeof *out);
    out->label = -1;
    if (!set || set->count == 0 || k == 0 || k > DEMO_KNN_MAX_K) return AIL_ERR_USAGE;
    if (d->size != set->drawings[0].size) return AIL_ERR_USAGE;
    assert(set->count <= DEMO_DRAWING_MAX_EXAMPLES);
    DrawingQuery q = {set, {0}};
    for (size_t i = 0; i < set->count; i++)
        q.distance[i] = demo_drawing_distance(d, &set->drawings[i]);
    KnnItems items = {drawing_distance, drawing_label, &q};
    knn_vote(&items, set->count, k < set->count ? k : set->count, out);
    return AIL_OK;
}

int demo_centroid_classify(const DemoPoint *labelled, size_t count, double x, double y) {
    int best = -1;
    double best_d = 0;
    for (size_t i = 0; i < count; i++) {
        int label = labelled[i].label;
        bool seen = false;
        for (size_t j = 0; j < i && !seen; j++) seen = labelled[j].label == label;
        if (seen) continue; /* each label's centre once, at its first example */
        DemoPoint centre = {0, 0, label};
        size_t n = 0;
        for (size_t j = i; j < count; j++) {
            if (labelled[j].label != label) continue;
            centre.x += labelled[j].x;
            centre.y += labelled[j].y;
            n++;
        }
        centre.x /= (double)n;
        centre.y /= (double)n;
        double d = distance2(&centre, x, y);
        if (best < 0 || d < best_d) {
            best = label;
            best_d = d;
        }
    }
    return best;
}
