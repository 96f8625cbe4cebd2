/*
 * k nearest neighbours and nearest centre: the two classifiers a class can act out
 * with dots on the board. Points are few (a screenful), so plain loops are enough.
 */
#include "demos/demos.h"

#include <string.h>

static double distance2(const DemoPoint *p, double x, double y) {
    double dx = p->x - x, dy = p->y - y;
    return dx * dx + dy * dy;
}

AilResult demo_knn_classify(const DemoPoint *points, size_t count, double x, double y, size_t k,
                            DemoKnnResult *out) {
    memset(out, 0, sizeof *out);
    out->label = -1;
    if (!points || count == 0 || k == 0 || k > DEMO_KNN_MAX_K) return AIL_ERR_USAGE;
    if (k > count) k = count;
    /* Insertion of each point into the sorted list of the k nearest so far. */
    size_t n = 0;
    for (size_t i = 0; i < count; i++) {
        double d = distance2(&points[i], x, y);
        size_t at = n;
        while (at > 0 && distance2(&points[out->neighbours[at - 1]], x, y) > d) at--;
        if (at >= k) continue;
        size_t last = n < k ? n : k - 1;
        memmove(&out->neighbours[at + 1], &out->neighbours[at],
                (last - at) * sizeof out->neighbours[0]);
        out->neighbours[at] = i;
        if (n < k) n++;
    }
    out->k = k;
    /* Votes; the nearest neighbour's label wins a tie since it is counted first. */
    for (size_t i = 0; i < k; i++) {
        int label = points[out->neighbours[i]].label;
        size_t votes = 0;
        for (size_t j = 0; j < k; j++) votes += points[out->neighbours[j]].label == label;
        if (votes > out->votes) {
            out->votes = votes;
            out->label = label;
        }
    }
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
