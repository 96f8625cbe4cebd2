/*
 * Fair data: the same machine (k nearest neighbours) trained on examples from two
 * groups in different shares. Each group's examples of each label lie in a cloud
 * around a mean; the clouds of the two groups are placed so that one group's
 * healthy leaves look like the other group's sick ones. Trained mostly on one
 * group, the machine judges the other group by the wrong group's examples.
 *
 * Values are drawn as mean + spread * (u1 + u2 + u3) with u uniform in -1..1: the
 * sum has standard deviation 1, looks like a bell, and never strays beyond three
 * spreads, so a course author's numbers mean what they say. No libm involved, so
 * every machine draws the same numbers.
 *
 * Invariants: train_count <= DEMO_FAIR_MAX_TRAIN, test_count <= DEMO_FAIR_MAX_TEST;
 * groups 0..DEMO_FAIR_GROUPS-1, labels 0..DEMO_FAIR_LABELS-1.
 */
#include "demos/demos.h"

#include <assert.h>
#include <string.h>

void demo_fair_default_params(DemoFairParams *p) {
    memset(p, 0, sizeof *p);
    /* Feature 0: leaf colour (0 deep green .. 100 yellow-brown);
     * feature 1: leaf size (0 tiny .. 100 the biggest leaf). */
    static const double MEANS[DEMO_FAIR_GROUPS][DEMO_FAIR_LABELS][2] = {
        {{30, 70}, {60, 60}}, /* lowland: healthy, sick */
        {{60, 30}, {85, 20}}, /* hill: paler and smaller, sick paler still */
    };
    for (int g = 0; g < DEMO_FAIR_GROUPS; g++) {
        for (int l = 0; l < DEMO_FAIR_LABELS; l++) {
            for (int f = 0; f < 2; f++) {
                p->cloud[g][l].mean[f] = MEANS[g][l][f];
                p->cloud[g][l].spread[f] = 7;
            }
        }
    }
    p->train_count = 40;
    p->test_count = 40;
    p->k = 5;
}

AilResult demo_fair_check_params(const DemoFairParams *p, AilError *err) {
    for (int g = 0; g < DEMO_FAIR_GROUPS; g++) {
        for (int l = 0; l < DEMO_FAIR_LABELS; l++) {
            for (int f = 0; f < 2; f++) {
                const DemoFairCloud *c = &p->cloud[g][l];
                if (!(c->mean[f] >= 0 && c->mean[f] <= 100))
                    return ail_error_set(err, AIL_ERR_INVALID,
                                         "a mean must be between 0 and 100 (group %d, label %d)",
                                         g + 1, l + 1);
                if (!(c->spread[f] >= 0 && c->spread[f] <= 50))
                    return ail_error_set(err, AIL_ERR_INVALID,
                                         "a spread must be between 0 and 50 (group %d, label %d)",
                                         g + 1, l + 1);
            }
        }
    }
    if (p->train_count < 4 || p->train_count > DEMO_FAIR_MAX_TRAIN)
        return ail_error_set(err, AIL_ERR_INVALID, "train_count must be between 4 and %d",
                             DEMO_FAIR_MAX_TRAIN);
    if (p->test_count < 2 || p->test_count > DEMO_FAIR_MAX_TEST)
        return ail_error_set(err, AIL_ERR_INVALID, "test_count must be between 2 and %d",
                             DEMO_FAIR_MAX_TEST);
    if (p->k < 1 || p->k > DEMO_KNN_MAX_K)
        return ail_error_set(err, AIL_ERR_INVALID, "k must be between 1 and %d", DEMO_KNN_MAX_K);
    return AIL_OK;
}

/* A bell-shaped value around mean, within 3 spreads, kept inside 0..100. */
static double draw_value(double mean, double spread, uint32_t *seed) {
    double sum = 0;
    for (int i = 0; i < 3; i++) sum += (double)demo_random_below(seed, 20001) / 10000.0 - 1.0;
    double v = mean + spread * sum;
    return v < 0 ? 0 : v > 100 ? 100 : v;
}

static DemoPoint draw_example(const DemoFairParams *p, int group, int label, uint32_t *seed) {
    assert(group >= 0 && group < DEMO_FAIR_GROUPS && label >= 0 && label < DEMO_FAIR_LABELS);
    const DemoFairCloud *c = &p->cloud[group][label];
    DemoPoint pt;
    pt.x = draw_value(c->mean[0], c->spread[0], seed);
    pt.y = draw_value(c->mean[1], c->spread[1], seed);
    pt.label = label;
    return pt;
}

/* Appends n examples of group to the training set: labels alternate, healthy first. */
static void draw_training(const DemoFairParams *p, int group, size_t n, uint32_t *seed,
                          DemoFairRun *out) {
    for (size_t i = 0; i < n; i++) {
        assert(out->train_count < DEMO_FAIR_MAX_TRAIN);
        out->train[out->train_count] = draw_example(p, group, (int)(i % 2), seed);
        out->train_group[out->train_count] = group;
        out->train_count++;
    }
    out->train_per_group[group] = n;
}

static void judge_group(const DemoFairParams *p, int group, uint32_t *seed, DemoFairRun *out) {
    for (size_t i = 0; i < p->test_count; i++) {
        assert(i < DEMO_FAIR_MAX_TEST);
        DemoPoint t = draw_example(p, group, (int)(i % 2), seed);
        DemoKnnResult r;
        AilResult rc = demo_knn_classify(out->train, out->train_count, t.x, t.y, p->k, &r);
        assert(rc == AIL_OK);
        (void)rc;
        out->test[group][i] = t;
        out->guess[group][i] = r.label;
        out->right[group] += r.label == t.label;
    }
    out->accuracy[group] = (int)((out->right[group] * 200 + p->test_count) / (2 * p->test_count));
}

AilResult demo_fair_run(const DemoFairParams *p, unsigned share_a, uint32_t seed,
                        DemoFairRun *out) {
    memset(out, 0, sizeof *out);
    AilResult rc = demo_fair_check_params(p, NULL);
    if (rc != AIL_OK) return rc;
    if (share_a > 100) return AIL_ERR_USAGE;
    size_t from_a = (p->train_count * share_a + 50) / 100;
    /* A stream of chance per group and set: moving the share adds or takes away
     * examples at the end of a group's list and never changes the test sets. */
    static const uint32_t TRAIN[DEMO_FAIR_GROUPS] = {0x9E3779B9u, 0x7F4A7C15u};
    static const uint32_t TEST[DEMO_FAIR_GROUPS] = {0x85EBCA6Bu, 0xC2B2AE35u};
    uint32_t train_seed[DEMO_FAIR_GROUPS] = {seed ^ TRAIN[0], seed ^ TRAIN[1]};
    draw_training(p, 0, from_a, &train_seed[0], out);
    draw_training(p, 1, p->train_count - from_a, &train_seed[1], out);
    out->test_count = p->test_count;
    for (int g = 0; g < DEMO_FAIR_GROUPS; g++) {
        uint32_t test_seed = seed ^ TEST[g];
        judge_group(p, g, &test_seed, out);
    }
    return AIL_OK;
}
