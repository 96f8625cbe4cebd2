/*
 * Grouping: k-means, one step at a time so a learner can watch it. A step is what
 * a class does with counters on a table: every item goes to the nearest centre,
 * then every centre moves to the middle of its items.
 *
 * Why the sum of squared distances never grows: joining the nearest centre can
 * only shorten a point's distance (a tie keeps the point where it is), and the
 * middle of a group is the place nearest, in squared distance, to all its points.
 * A centre left with no points jumps onto the point farthest from its own centre;
 * that changes nothing in the sum until the next step, which can only shrink it.
 *
 * Invariants: 1 <= k <= DEMO_KMEANS_MAX_K, k <= count <= DEMO_KMEANS_MAX_POINTS;
 * group[i] is -1 (before the first step) or 0..k-1; size[g] counts group[i] == g.
 */
#include "demos/demos.h"

#include <assert.h>
#include <string.h>

static double distance2(const DemoPoint *a, const DemoPoint *b) {
    double dx = a->x - b->x, dy = a->y - b->y;
    return dx * dx + dy * dy;
}

static size_t nearest_centre(const DemoKMeans *km, const DemoPoint *p) {
    size_t best = 0;
    for (size_t g = 1; g < km->k; g++)
        if (distance2(p, &km->centre[g]) < distance2(p, &km->centre[best])) best = g;
    return best;
}

/* A number in [0, 1) from *seed. */
static double unit_random(uint32_t *seed) { return (double)demo_random(seed) / 4294967296.0; }

/* k-means++: the next centre is point i with chance d2(i) / sum of d2. */
static size_t pick_far_point(const DemoKMeans *km, size_t chosen, uint32_t *seed) {
    double d2[DEMO_KMEANS_MAX_POINTS], total = 0;
    for (size_t i = 0; i < km->count; i++) {
        double best = distance2(&km->points[i], &km->centre[0]);
        for (size_t g = 1; g < chosen; g++) {
            double d = distance2(&km->points[i], &km->centre[g]);
            if (d < best) best = d;
        }
        d2[i] = best;
        total += best;
    }
    if (total <= 0) return demo_random_below(seed, (uint32_t)km->count); /* all on centres */
    double r = unit_random(seed) * total;
    for (size_t i = 0; i < km->count; i++) {
        if (r < d2[i]) return i;
        r -= d2[i];
    }
    for (size_t i = km->count; i-- > 0;) /* rounding left r just above the sum */
        if (d2[i] > 0) return i;
    return 0;
}

AilResult demo_kmeans_init(DemoKMeans *km, const DemoPoint *points, size_t count, size_t k,
                           uint32_t *seed) {
    memset(km, 0, sizeof *km);
    if (k < 1 || k > DEMO_KMEANS_MAX_K || count < k || count > DEMO_KMEANS_MAX_POINTS)
        return AIL_ERR_USAGE;
    km->count = count;
    km->k = k;
    memcpy(km->points, points, count * sizeof *points);
    for (size_t i = 0; i < count; i++) km->group[i] = -1;
    km->centre[0] = points[demo_random_below(seed, (uint32_t)count)];
    for (size_t g = 1; g < k; g++) km->centre[g] = points[pick_far_point(km, g, seed)];
    for (size_t g = 0; g < k; g++) km->centre[g].label = (int)g;
    return AIL_OK;
}

/* Every point joins its nearest centre; returns how many changed group. */
static size_t assign(DemoKMeans *km) {
    size_t changed = 0;
    memset(km->size, 0, sizeof km->size);
    for (size_t i = 0; i < km->count; i++) {
        size_t g = nearest_centre(km, &km->points[i]);
        int was = km->group[i];
        if (was >= 0 && distance2(&km->points[i], &km->centre[was]) <=
                            distance2(&km->points[i], &km->centre[g]))
            g = (size_t)was; /* a tie keeps the point where it is */
        assert(g < km->k);
        changed += (int)g != was;
        km->group[i] = (int)g;
        km->size[g]++;
    }
    return changed;
}

/* Moves the centre of group g onto the point farthest from its own centre, and
 * takes that point into g so no other empty group takes it too. */
static void reseat_empty(DemoKMeans *km, size_t g) {
    size_t far = SIZE_MAX;
    double far_d = 0;
    for (size_t i = 0; i < km->count; i++) {
        int h = km->group[i];
        assert(h >= 0 && (size_t)h < km->k);
        if (km->size[h] < 2) continue; /* taking a lone point would empty its group */
        double d = distance2(&km->points[i], &km->centre[h]);
        if (d > far_d) {
            far_d = d;
            far = i;
        }
    }
    if (far == SIZE_MAX) return; /* every point sits on its centre: nothing to gain */
    km->size[km->group[far]]--;
    km->group[far] = (int)g;
    km->size[g] = 1;
    km->centre[g].x = km->points[far].x;
    km->centre[g].y = km->points[far].y;
}

bool demo_kmeans_step(DemoKMeans *km) {
    assert(km->k >= 1 && km->k <= DEMO_KMEANS_MAX_K);
    size_t changed = assign(km);
    double sx[DEMO_KMEANS_MAX_K] = {0}, sy[DEMO_KMEANS_MAX_K] = {0};
    for (size_t i = 0; i < km->count; i++) {
        assert(km->group[i] >= 0 && (size_t)km->group[i] < km->k);
        sx[km->group[i]] += km->points[i].x;
        sy[km->group[i]] += km->points[i].y;
    }
    for (size_t g = 0; g < km->k; g++) {
        if (km->size[g] == 0) continue;
        km->centre[g].x = sx[g] / (double)km->size[g];
        km->centre[g].y = sy[g] / (double)km->size[g];
    }
    for (size_t g = 0; g < km->k; g++) {
        if (km->size[g] > 0) continue;
        reseat_empty(km, g);
        changed += km->size[g] > 0;
    }
    km->steps++;
    km->converged = changed == 0;
    return km->converged;
}

double demo_kmeans_sum(const DemoKMeans *km) {
    double sum = 0;
    for (size_t i = 0; i < km->count; i++) {
        int g = km->group[i];
        assert(g < (int)km->k);
        size_t c = g >= 0 ? (size_t)g : nearest_centre(km, &km->points[i]);
        sum += distance2(&km->points[i], &km->centre[c]);
    }
    return sum;
}
