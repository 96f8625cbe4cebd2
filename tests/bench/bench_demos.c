/*
 * Benchmark: the AI lab's two heaviest model calls against a plain pass over the
 * same bytes, measured in the same run (these machines are noisy, so the ratio
 * says more than the figure). Budget (issue 10): 100 tries of the reward demo, and
 * one k-NN guess over 60 drawings of 16x16, each under 5 ms.
 *
 *   build/tests/bench/bench_demos [RUNS]
 *
 * Each figure is the median (with the 99th percentile and the slowest, which show
 * the machine's other work more than the model's) of RUNS runs (default 500).
 */
#include "demos/demos.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static volatile double g_sink;

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int by_value(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void report(const char *what, double *ms, size_t runs) {
    qsort(ms, runs, sizeof *ms, by_value);
    printf("  %-52s median %7.4f ms  p99 %7.4f ms  slowest %7.4f ms\n", what, ms[runs / 2],
           ms[runs * 99 / 100], ms[runs - 1]);
}

/* A plain pass over bytes: memset, then sum them back, so nothing is optimised away. */
static void plain_pass(void *data, size_t size) {
    memset(data, (int)(size & 0x7F), size);
    const unsigned char *p = data;
    unsigned long sum = 0;
    for (size_t i = 0; i < size; i++) sum += p[i];
    g_sink = (double)sum;
}

static void time_tries(const DemoRewardMap *map, DemoReward *r, size_t runs, double *ms) {
    for (size_t i = 0; i < runs; i++) {
        uint32_t seed = (uint32_t)i + 1;
        double t0 = now_ms();
        demo_reward_init(r, map);
        demo_reward_run(r, 100, &seed);
        ms[i] = now_ms() - t0;
        g_sink = r->q[0][0][0];
    }
}

static void bench_reward(size_t runs, double *ms) {
    DemoRewardMap map;
    demo_reward_default_map(&map);
    DemoReward *r = malloc(sizeof *r);
    time_tries(&map, r, runs, ms);
    report("reward: 100 tries from a fresh goat (default 5x5)", ms, runs);
    /* The largest field a page may give, open, with the longest tries allowed. */
    static const char *const BIG[] = {"S.......", "........", "........", "........",
                                      "........", "........", "........", ".......G"};
    demo_reward_map_parse(&map, BIG, 8, NULL);
    map.max_steps = 1000;
    time_tries(&map, r, runs, ms);
    report("reward: 100 tries, open 8x8, tries up to 1000 moves", ms, runs);
    for (size_t i = 0; i < runs; i++) {
        double t0 = now_ms();
        plain_pass(r, sizeof *r);
        ms[i] = now_ms() - t0;
    }
    char what[80];
    snprintf(what, sizeof what, "baseline: memset+sum of the goat (%zu bytes)", sizeof *r);
    report(what, ms, runs);
    free(r);
}

/* 60 drawings: boxes, crosses and lines of many sizes and places, 20 per label. */
static void fill_examples(DemoDrawingSet *set, uint32_t *seed) {
    demo_drawing_set_clear(set);
    for (int i = 0; i < 60; i++) {
        DemoDrawing d;
        demo_drawing_init(&d, 16);
        int x = (int)demo_random_below(seed, 6), y = (int)demo_random_below(seed, 6);
        int s = 4 + (int)demo_random_below(seed, 8);
        if (i % 3 == 0) {
            demo_drawing_line(&d, x, y, x + s, y);
            demo_drawing_line(&d, x + s, y, x + s, y + s);
            demo_drawing_line(&d, x + s, y + s, x, y + s);
            demo_drawing_line(&d, x, y + s, x, y);
        } else if (i % 3 == 1) {
            demo_drawing_line(&d, x, y + s / 2, x + s, y + s / 2);
            demo_drawing_line(&d, x + s / 2, y, x + s / 2, y + s);
        } else {
            demo_drawing_line(&d, x, y, x + s, y + s);
        }
        demo_drawing_set_add(set, &d, i % 3);
    }
}

static void bench_knn(size_t runs, double *ms) {
    DemoDrawingSet *set = malloc(sizeof *set);
    memset(set, 0, sizeof *set);
    uint32_t seed = 1;
    fill_examples(set, &seed);
    for (size_t i = 0; i < runs; i++) {
        const DemoDrawing *query = &set->drawings[i % 60];
        DemoKnnResult r;
        double t0 = now_ms();
        demo_drawing_classify(set, query, 3, &r);
        ms[i] = now_ms() - t0;
        g_sink = r.label;
    }
    report("k-NN: one guess over 60 drawings of 16x16", ms, runs);
    DemoDrawingSet *copy = malloc(sizeof *copy);
    for (size_t i = 0; i < runs; i++) {
        double t0 = now_ms();
        plain_pass(copy, sizeof *copy);
        ms[i] = now_ms() - t0;
    }
    char what[80];
    snprintf(what, sizeof what, "baseline: memset+sum of the examples (%zu bytes)", sizeof *set);
    report(what, ms, runs);
    free(copy);
    free(set);
}

int main(int argc, char **argv) {
    size_t runs = argc > 1 ? (size_t)strtoul(argv[1], NULL, 10) : 500;
    if (runs < 1) runs = 1;
    double *ms = malloc(runs * sizeof *ms);
    printf("bench_demos: %zu runs each (budget: under 5 ms each)\n", runs);
    bench_reward(runs, ms);
    bench_knn(runs, ms);
    free(ms);
    return 0;
}
