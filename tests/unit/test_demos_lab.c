/* demos/: the AI lab's models (drawings, pixels, fair data, grouping, reward)
 * behave as a learner can check by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "demos/demos.h"

#include <stdlib.h>
#include <string.h>

/* ---- Teach the machine ---- */

/* A drawing from rows of '#' (on) and '.' (off). */
static DemoDrawing drawing_from(int size, const char *const *rows) {
    DemoDrawing d;
    demo_drawing_init(&d, size);
    for (int y = 0; y < size && rows[y]; y++)
        for (int x = 0; rows[y][x]; x++) demo_drawing_set(&d, x, y, rows[y][x] == '#');
    return d;
}

static void box(DemoDrawing *d, int x0, int y0, int side) {
    int x1 = x0 + side - 1, y1 = y0 + side - 1;
    demo_drawing_line(d, x0, y0, x1, y0);
    demo_drawing_line(d, x1, y0, x1, y1);
    demo_drawing_line(d, x1, y1, x0, y1);
    demo_drawing_line(d, x0, y1, x0, y0);
}

static void cross(DemoDrawing *d, int cx, int cy, int arm) {
    demo_drawing_line(d, cx - arm, cy, cx + arm, cy);
    demo_drawing_line(d, cx, cy - arm, cx, cy + arm);
}

static void drawing_cells_and_lines(void **state) {
    (void)state;
    DemoDrawing d;
    demo_drawing_init(&d, 8);
    demo_drawing_line(&d, 0, 0, 3, 3); /* a diagonal: 4 cells, no gaps */
    assert_int_equal(demo_drawing_ink(&d), 4);
    for (int i = 0; i < 4; i++) assert_true(demo_drawing_get(&d, i, i));
    demo_drawing_line(&d, 7, 0, 7, 7); /* the last column */
    assert_int_equal(demo_drawing_ink(&d), 12);
    demo_drawing_set(&d, 8, 0, true); /* outside: ignored */
    demo_drawing_set(&d, -1, 2, true);
    assert_int_equal(demo_drawing_ink(&d), 12);
    assert_false(demo_drawing_get(&d, 8, 0));
    demo_drawing_set(&d, 0, 0, false);
    assert_int_equal(demo_drawing_ink(&d), 11);
    /* A drag that starts off the grid draws the part on it. */
    demo_drawing_init(&d, 8);
    demo_drawing_line(&d, -100, 2, 100, 2);
    assert_int_equal(demo_drawing_ink(&d), 8);
    demo_drawing_line(&d, 0, 0, 0, 1 << 30);
    assert_int_equal(demo_drawing_ink(&d), 8);
    /* A 32-cell grid uses every bit of a row. */
    demo_drawing_init(&d, 32);
    demo_drawing_line(&d, 0, 31, 31, 31);
    assert_int_equal(demo_drawing_ink(&d), 32);
}

static void drawing_centred_moves_the_box_to_the_middle(void **state) {
    (void)state;
    static const char *const corner[] = {"##", "##", NULL};
    DemoDrawing d = drawing_from(8, corner), c;
    demo_drawing_centred(&d, &c);
    /* A 2x2 box in 8 cells: 3 free cells on each side. */
    assert_int_equal(demo_drawing_ink(&c), 4);
    assert_true(demo_drawing_get(&c, 3, 3) && demo_drawing_get(&c, 4, 4));
    /* 3 cells wide: 5 free, so 2 before and 3 after (half a cell to the top left). */
    static const char *const bar[] = {"........", "........", "........", "........",
                                      "........", ".....###", NULL};
    d = drawing_from(8, bar);
    demo_drawing_centred(&d, &c);
    assert_true(demo_drawing_get(&c, 2, 3) && demo_drawing_get(&c, 4, 3));
    assert_int_equal(demo_drawing_ink(&c), 3);
    demo_drawing_init(&d, 8);
    demo_drawing_centred(&d, &c);
    assert_int_equal(demo_drawing_ink(&c), 0);
}

static void drawing_distance_counts_ink_with_no_ink_near(void **state) {
    (void)state;
    DemoDrawing a, b;
    demo_drawing_init(&a, 8);
    demo_drawing_init(&b, 8);
    demo_drawing_line(&a, 0, 0, 2, 0);                  /* 3 cells */
    assert_int_equal(demo_drawing_distance(&a, &b), 3); /* against nothing: all 3 */
    /* The same bar anywhere else: 0. */
    demo_drawing_line(&b, 4, 6, 6, 6);
    assert_int_equal(demo_drawing_distance(&a, &b), 0);
    /* An upright bar of 5 against a flat bar of 5, both centred on (3, 3): each bar's
     * two ends have nothing of the other bar on or next to them: 2 + 2. */
    demo_drawing_init(&a, 8);
    demo_drawing_init(&b, 8);
    demo_drawing_line(&a, 3, 1, 3, 5);
    demo_drawing_line(&b, 1, 3, 5, 3);
    assert_int_equal(demo_drawing_distance(&a, &b), 4);
    assert_int_equal(demo_drawing_distance(&b, &a), 4);
    /* A wobbly hand: one cell of a line one column off costs nothing. */
    static const char *const straight[] = {"#", "#", "#", "#", NULL};
    static const char *const wobbly[] = {"#.", ".#", "#.", "#.", NULL};
    a = drawing_from(8, straight);
    b = drawing_from(8, wobbly);
    assert_int_equal(demo_drawing_distance(&a, &b), 0);
}

static void drawing_set_adds_undoes_and_forgets(void **state) {
    (void)state;
    DemoDrawingSet *set = calloc(1, sizeof *set);
    DemoDrawing d, other;
    demo_drawing_init(&d, 16);
    demo_drawing_init(&other, 8);
    assert_int_equal(demo_drawing_set_add(set, &d, 0), AIL_OK);
    assert_int_equal(demo_drawing_set_add(set, &d, 2), AIL_OK);
    assert_int_equal(demo_drawing_set_add(set, &d, 3), AIL_ERR_USAGE); /* labels 0..2 */
    assert_int_equal(demo_drawing_set_add(set, &d, -1), AIL_ERR_USAGE);
    assert_int_equal(demo_drawing_set_add(set, &other, 0), AIL_ERR_USAGE); /* other size */
    assert_int_equal(set->count, 2);
    assert_int_equal(demo_drawing_set_count(set, 2), 1);
    assert_true(demo_drawing_set_remove_last(set));
    assert_int_equal(demo_drawing_set_count(set, 2), 0);
    assert_int_equal(set->count, 1);
    demo_drawing_set_clear(set);
    assert_int_equal(set->count, 0);
    assert_false(demo_drawing_set_remove_last(set));
    for (int i = 0; i < DEMO_DRAWING_MAX_EXAMPLES; i++)
        assert_int_equal(demo_drawing_set_add(set, &d, i % 3), AIL_OK);
    assert_int_equal(demo_drawing_set_add(set, &d, 0), AIL_ERR_TOO_LARGE);
    free(set);
}

static void drawing_from_rows_reads_a_page_s_example(void **state) {
    (void)state;
    static const char *const sun[] = {".##.", "#..#", "#..#", ".##."};
    DemoDrawing d;
    AilError err;
    assert_int_equal(demo_drawing_from_rows(&d, sun, 4, &err), AIL_OK);
    assert_int_equal(d.size, 4);
    assert_int_equal(demo_drawing_ink(&d), 8);
    assert_true(demo_drawing_get(&d, 1, 0) && !demo_drawing_get(&d, 0, 0));
    static const char *const narrow[] = {".##.", "#..#", "#.#", ".##."};
    assert_int_equal(demo_drawing_from_rows(&d, narrow, 4, &err), AIL_ERR_INVALID);
    assert_string_equal(err.message, "row 3 has 3 cells: a drawing is square, 4 by 4");
    static const char *const odd[] = {".##.", "#..#", "#o.#", ".##."};
    assert_int_equal(demo_drawing_from_rows(&d, odd, 4, &err), AIL_ERR_INVALID);
    assert_string_equal(err.message, "row 3 has a character other than # (on) and . (off)");
    assert_int_equal(demo_drawing_from_rows(&d, sun, 3, &err), AIL_ERR_INVALID);
    assert_int_equal(demo_drawing_ink(&d), 8); /* unchanged */
}

enum { SQUARE, CROSS };

static void drawing_one_sided_examples_give_a_wrong_guess_until_fixed(void **state) {
    (void)state;
    DemoDrawingSet *set = calloc(1, sizeof *set);
    DemoDrawing d;
    /* Three squares, in different places. */
    for (int i = 0; i < 3; i++) {
        demo_drawing_init(&d, 16);
        box(&d, 1 + 3 * i, 2 + i, 8);
        assert_int_equal(demo_drawing_set_add(set, &d, SQUARE), AIL_OK);
    }
    DemoDrawing query;
    demo_drawing_init(&query, 16);
    cross(&query, 7, 7, 4);
    DemoKnnResult r;
    assert_int_equal(demo_drawing_classify(set, &query, 3, &r), AIL_OK);
    assert_int_equal(r.label, SQUARE); /* the only thing the machine has seen */
    assert_int_equal(r.votes, 3);
    /* Two crosses of the learner's: now the cross is a cross, and the two nearest
     * examples used are those crosses (examples 3 and 4). */
    demo_drawing_init(&d, 16);
    cross(&d, 4, 5, 4);
    demo_drawing_set_add(set, &d, CROSS);
    demo_drawing_init(&d, 16);
    cross(&d, 10, 9, 3);
    demo_drawing_set_add(set, &d, CROSS);
    assert_int_equal(demo_drawing_classify(set, &query, 3, &r), AIL_OK);
    assert_int_equal(r.label, CROSS);
    assert_int_equal(r.votes, 2);
    assert_int_equal(r.k, 3);
    assert_true(set->labels[r.neighbours[0]] == CROSS && set->labels[r.neighbours[1]] == CROSS);
    assert_int_equal(r.neighbours[0], 3); /* the same size of cross: distance 0 */
    free(set);
}

static void drawing_examples_of_one_size_mislead_until_another_is_added(void **state) {
    (void)state;
    DemoDrawingSet *set = calloc(1, sizeof *set);
    DemoDrawing d;
    /* Big squares and small crosses only. */
    for (int i = 0; i < 2; i++) {
        demo_drawing_init(&d, 16);
        box(&d, 1 + i, 1 + i, 12);
        demo_drawing_set_add(set, &d, SQUARE);
        demo_drawing_init(&d, 16);
        cross(&d, 5 + i, 5, 2);
        demo_drawing_set_add(set, &d, CROSS);
    }
    /* A small square looks more like a small cross than a big square. */
    DemoDrawing small;
    demo_drawing_init(&small, 16);
    box(&small, 9, 9, 4);
    DemoKnnResult r;
    assert_int_equal(demo_drawing_classify(set, &small, 1, &r), AIL_OK);
    assert_int_equal(r.label, CROSS);
    assert_true(demo_drawing_distance(&small, &set->drawings[r.neighbours[0]]) <
                demo_drawing_distance(&small, &set->drawings[0]));
    /* One small square among the examples fixes it. */
    demo_drawing_init(&d, 16);
    box(&d, 2, 2, 4);
    demo_drawing_set_add(set, &d, SQUARE);
    assert_int_equal(demo_drawing_classify(set, &small, 1, &r), AIL_OK);
    assert_int_equal(r.label, SQUARE);
    assert_int_equal(r.neighbours[0], 4);
    free(set);
}

static void drawing_classify_refuses_what_it_cannot_answer(void **state) {
    (void)state;
    DemoDrawingSet *set = calloc(1, sizeof *set);
    DemoDrawing d, other;
    demo_drawing_init(&d, 16);
    demo_drawing_init(&other, 12);
    DemoKnnResult r;
    assert_int_equal(demo_drawing_classify(set, &d, 3, &r), AIL_ERR_USAGE); /* no examples */
    assert_int_equal(r.label, -1);
    demo_drawing_set_add(set, &d, 1);
    assert_int_equal(demo_drawing_classify(set, &d, 0, &r), AIL_ERR_USAGE);
    assert_int_equal(demo_drawing_classify(set, &d, DEMO_KNN_MAX_K + 1, &r), AIL_ERR_USAGE);
    assert_int_equal(demo_drawing_classify(set, &other, 1, &r), AIL_ERR_USAGE);
    assert_int_equal(demo_drawing_classify(set, &d, 5, &r), AIL_OK); /* k above count */
    assert_int_equal(r.k, 1);
    assert_int_equal(r.label, 1);
    free(set);
}

/* ---- Pixels are numbers ---- */

static void picture_brighten_clamps_at_black_and_white(void **state) {
    (void)state;
    const int values[] = {0, 100, 250, 5};
    DemoPicture pic;
    assert_int_equal(demo_picture_from_values(&pic, 2, 2, values), AIL_OK);
    assert_int_equal(demo_picture_brighten(&pic, 10), 1); /* 250 + 10 stops at 255 */
    assert_int_equal(pic.cells[0][0], 10);
    assert_int_equal(pic.cells[0][1], 110);
    assert_int_equal(pic.cells[1][0], 255);
    assert_int_equal(pic.cells[1][1], 15);
    assert_int_equal(demo_picture_brighten(&pic, -20), 2); /* 10 and 15 stop at 0 */
    assert_int_equal(pic.cells[0][0], 0);
    assert_int_equal(pic.cells[1][1], 0);
    assert_int_equal(pic.cells[1][0], 235);
}

static void picture_brighten_undoes_where_nothing_clamped(void **state) {
    (void)state;
    DemoPicture pic, before;
    demo_picture_init(&pic, 8, 8, 0);
    for (int y = 0; y < 8; y++)
        for (int x = 0; x < 8; x++) demo_picture_set(&pic, x, y, 20 + 25 * ((x + y) % 8));
    before = pic;
    assert_int_equal(demo_picture_brighten(&pic, 40), 0);
    assert_int_equal(demo_picture_brighten(&pic, -40), 0);
    assert_memory_equal(&pic, &before, sizeof pic);
    /* A light cell that hit white does not come back: the picture lost it. */
    demo_picture_set(&pic, 3, 3, 250);
    assert_int_equal(demo_picture_brighten(&pic, 40), 1);
    demo_picture_brighten(&pic, -40);
    assert_int_equal(pic.cells[3][3], 215);
}

static void picture_set_clamps_and_numbers_read_row_by_row(void **state) {
    (void)state;
    DemoPicture pic;
    demo_picture_init(&pic, 3, 2, 7);
    assert_int_equal(demo_picture_set(&pic, 0, 0, -5), 0);
    assert_int_equal(demo_picture_set(&pic, 2, 1, 300), 255);
    assert_int_equal(demo_picture_set(&pic, 1, 0, 12), 12);
    char cell[4];
    assert_string_equal(demo_picture_number(&pic, 2, 1, cell), "255");
    assert_string_equal(demo_picture_number(&pic, 0, 0, cell), "0");
    char text[64];
    static const char expected[] = "   0  12   7\n   7   7 255\n";
    assert_int_equal(demo_picture_numbers(&pic, text, sizeof text), strlen(expected));
    assert_string_equal(text, expected);
    /* Too small a buffer: whole numbers only, and the length it needs. */
    assert_int_equal(demo_picture_numbers(&pic, text, 10), strlen(expected));
    assert_string_equal(text, "   0  12");
    assert_int_equal(demo_picture_numbers(&pic, NULL, 0), strlen(expected));
}

static void picture_from_values_refuses_numbers_out_of_range(void **state) {
    (void)state;
    const int values[] = {0, 256, 3, 4};
    DemoPicture pic;
    demo_picture_init(&pic, 1, 1, 9);
    assert_int_equal(demo_picture_from_values(&pic, 2, 2, values), AIL_ERR_INVALID);
    assert_int_equal(pic.width, 1); /* unchanged */
    assert_int_equal(pic.cells[0][0], 9);
    assert_int_equal(demo_picture_from_values(&pic, 17, 2, values), AIL_ERR_USAGE);
    assert_int_equal(demo_picture_from_values(&pic, 0, 2, values), AIL_ERR_USAGE);
}

/* ---- Fair data ---- */

/* Points compared field by field: a struct's padding bytes are not its value. */
static bool same_point(const DemoPoint *a, const DemoPoint *b) {
    return a->x == b->x && a->y == b->y && a->label == b->label;
}

static void fair_skewed_data_serves_the_minority_badly(void **state) {
    (void)state;
    DemoFairParams p;
    demo_fair_default_params(&p);
    DemoFairRun *run = malloc(sizeof *run);
    for (uint32_t seed = 1; seed <= 8; seed++) {
        assert_int_equal(demo_fair_run(&p, 90, seed, run), AIL_OK);
        assert_int_equal(run->train_per_group[0], 36);
        assert_int_equal(run->train_per_group[1], 4);
        assert_true(run->accuracy[0] >= 85);
        assert_true(run->accuracy[0] - run->accuracy[1] >= 20);
        /* The other way round: the lowland farms are now the ones served badly. */
        assert_int_equal(demo_fair_run(&p, 10, seed, run), AIL_OK);
        assert_true(run->accuracy[1] - run->accuracy[0] >= 20);
    }
    free(run);
}

static void fair_balanced_data_serves_both_groups(void **state) {
    (void)state;
    DemoFairParams p;
    demo_fair_default_params(&p);
    DemoFairRun *run = malloc(sizeof *run);
    for (uint32_t seed = 1; seed <= 8; seed++) {
        assert_int_equal(demo_fair_run(&p, 50, seed, run), AIL_OK);
        assert_int_equal(run->train_per_group[0], 20);
        assert_true(run->accuracy[0] >= 85 && run->accuracy[1] >= 85);
        assert_true(abs(run->accuracy[0] - run->accuracy[1]) <= 10);
    }
    free(run);
}

static void fair_run_is_repeatable_and_tests_do_not_move_with_the_share(void **state) {
    (void)state;
    DemoFairParams p;
    demo_fair_default_params(&p);
    DemoFairRun *a = malloc(sizeof *a), *b = malloc(sizeof *b);
    demo_fair_run(&p, 70, 42, a);
    demo_fair_run(&p, 70, 42, b);
    assert_int_equal(a->train_count, b->train_count);
    for (size_t i = 0; i < a->train_count; i++) assert_true(same_point(&a->train[i], &b->train[i]));
    assert_memory_equal(a->guess, b->guess, sizeof a->guess);
    assert_memory_equal(a->accuracy, b->accuracy, sizeof a->accuracy);
    demo_fair_run(&p, 20, 42, b);
    for (int g = 0; g < DEMO_FAIR_GROUPS; g++)
        for (size_t i = 0; i < a->test_count; i++)
            assert_true(same_point(&a->test[g][i], &b->test[g][i]));
    /* The first examples of the hill farms are the same whatever the share. */
    for (size_t i = 0; i < a->train_per_group[1]; i++)
        assert_true(
            same_point(&a->train[a->train_per_group[0] + i], &b->train[b->train_per_group[0] + i]));
    /* Labels alternate within a group, healthy first; counts add up. */
    assert_int_equal(b->train_count, 40);
    assert_int_equal(b->train_per_group[0], 8);
    size_t healthy = 0;
    for (size_t i = 0; i < b->train_count; i++) healthy += b->train[i].label == 0;
    assert_int_equal(healthy, 20);
    for (size_t i = 0; i < b->test_count; i++) {
        assert_true(b->test[1][i].x >= 0 && b->test[1][i].x <= 100);
        assert_int_equal(b->test[1][i].label, (int)(i % 2));
    }
    free(a);
    free(b);
}

static void fair_refuses_params_out_of_range(void **state) {
    (void)state;
    DemoFairParams p;
    demo_fair_default_params(&p);
    AilError err;
    assert_int_equal(demo_fair_check_params(&p, &err), AIL_OK);
    DemoFairRun *run = malloc(sizeof *run);
    assert_int_equal(demo_fair_run(&p, 101, 1, run), AIL_ERR_USAGE);
    p.cloud[1][0].mean[0] = 120;
    assert_int_equal(demo_fair_check_params(&p, &err), AIL_ERR_INVALID);
    assert_non_null(strstr(err.message, "mean"));
    assert_int_equal(demo_fair_run(&p, 50, 1, run), AIL_ERR_INVALID);
    demo_fair_default_params(&p);
    p.k = 0;
    assert_int_equal(demo_fair_check_params(&p, &err), AIL_ERR_INVALID);
    assert_non_null(strstr(err.message, "k must"));
    demo_fair_default_params(&p);
    p.train_count = DEMO_FAIR_MAX_TRAIN + 1;
    assert_int_equal(demo_fair_check_params(&p, NULL), AIL_ERR_INVALID);
    free(run);
}

/* ---- Grouping ---- */

/* Mangoes by size and sweetness: three kinds, far apart, label = kind. */
static size_t mangoes(DemoPoint *out) {
    static const double KINDS[3][2] = {{20, 20}, {80, 30}, {50, 85}};
    static const double JITTER[6][2] = {{0, 0}, {3, 1}, {-2, 4}, {1, -3}, {-4, -1}, {2, 3}};
    size_t n = 0;
    for (int k = 0; k < 3; k++)
        for (int j = 0; j < 6; j++)
            out[n++] = (DemoPoint){KINDS[k][0] + JITTER[j][0], KINDS[k][1] + JITTER[j][1], k};
    return n;
}

static void kmeans_finds_clearly_separated_groups(void **state) {
    (void)state;
    DemoPoint pts[18];
    size_t n = mangoes(pts);
    DemoKMeans *km = malloc(sizeof *km);
    for (uint32_t seed = 1; seed <= 10; seed++) {
        uint32_t s = seed;
        assert_int_equal(demo_kmeans_init(km, pts, n, 3, &s), AIL_OK);
        for (size_t i = 0; i < n; i++) assert_int_equal(km->group[i], -1);
        int steps = 0;
        while (!demo_kmeans_step(km)) assert_true(++steps < 20);
        /* Each kind in one group, and the three groups different. */
        for (size_t i = 0; i < n; i++) assert_int_equal(km->group[i], km->group[i - i % 6]);
        assert_int_not_equal(km->group[0], km->group[6]);
        assert_int_not_equal(km->group[0], km->group[12]);
        assert_int_not_equal(km->group[6], km->group[12]);
        for (size_t g = 0; g < 3; g++) assert_int_equal(km->size[g], 6);
        assert_true(km->converged);
        assert_true(demo_kmeans_step(km)); /* stays converged */
    }
    free(km);
}

static void kmeans_step_never_increases_the_sum(void **state) {
    (void)state;
    DemoPoint pts[120];
    uint32_t s = 7;
    for (size_t i = 0; i < 120; i++)
        pts[i] = (DemoPoint){demo_random_below(&s, 100), demo_random_below(&s, 100), 0};
    DemoKMeans *km = malloc(sizeof *km);
    for (size_t k = 1; k <= DEMO_KMEANS_MAX_K; k++) {
        assert_int_equal(demo_kmeans_init(km, pts, 120, k, &s), AIL_OK);
        double before = demo_kmeans_sum(km);
        for (int step = 0; step < 30 && !km->converged; step++) {
            demo_kmeans_step(km);
            double after = demo_kmeans_sum(km);
            assert_true(after <= before + 1e-9);
            before = after;
        }
        assert_true(km->converged);
    }
    free(km);
}

static void kmeans_empty_group_takes_the_farthest_point(void **state) {
    (void)state;
    const DemoPoint pts[] = {{0, 0, 0}, {1, 0, 0}, {10, 0, 0}, {11, 0, 0}};
    DemoKMeans *km = malloc(sizeof *km);
    uint32_t s = 1;
    assert_int_equal(demo_kmeans_init(km, pts, 4, 3, &s), AIL_OK);
    /* Centres where a class might put counters: one far from every mango. */
    km->centre[0] = (DemoPoint){0.5, 0, 0};
    km->centre[1] = (DemoPoint){10.5, 0, 1};
    km->centre[2] = (DemoPoint){100, 100, 2};
    assert_true(demo_kmeans_sum(km) == 1.0); /* 4 x 0.5 squared */
    assert_false(demo_kmeans_step(km));
    /* Group 2 had no mango: its centre jumps onto the first of the farthest (0, 0). */
    assert_int_equal(km->group[0], 2);
    assert_true(km->centre[2].x == 0 && km->centre[2].y == 0);
    assert_true(demo_kmeans_sum(km) == 0.75);
    for (size_t g = 0; g < 3; g++) assert_true(km->size[g] >= 1);
    while (!demo_kmeans_step(km)) assert_true(km->steps < 10);
    assert_true(demo_kmeans_sum(km) == 0.5); /* (10, 11) around 10.5; the others alone */
    free(km);
}

/* A point halfway between two centres stays where it is, so steps settle. */
static void kmeans_point_halfway_keeps_its_group(void **state) {
    (void)state;
    const DemoPoint pts[] = {{0, 0, 0}, {2, 0, 0}, {4, 0, 0}};
    DemoKMeans *km = malloc(sizeof *km);
    uint32_t s = 1;
    assert_int_equal(demo_kmeans_init(km, pts, 3, 2, &s), AIL_OK);
    km->centre[0] = (DemoPoint){0, 0, 0};
    km->centre[1] = (DemoPoint){3, 0, 1};
    demo_kmeans_step(km); /* (2, 0) is nearer 3 than 0: group 1, whose centre moves to 3 */
    assert_int_equal(km->group[1], 1);
    km->centre[1] = (DemoPoint){4, 0, 1}; /* now (2, 0) is 2 from each centre */
    demo_kmeans_step(km);
    assert_int_equal(km->group[1], 1);
    assert_true(km->converged);
    free(km);
}

static void kmeans_refuses_impossible_groupings_and_repeats_with_a_seed(void **state) {
    (void)state;
    DemoPoint pts[18];
    size_t n = mangoes(pts);
    DemoKMeans *a = malloc(sizeof *a), *b = malloc(sizeof *b);
    uint32_t s = 3;
    assert_int_equal(demo_kmeans_init(a, pts, n, 0, &s), AIL_ERR_USAGE);
    assert_int_equal(demo_kmeans_init(a, pts, n, DEMO_KMEANS_MAX_K + 1, &s), AIL_ERR_USAGE);
    assert_int_equal(demo_kmeans_init(a, pts, 2, 3, &s), AIL_ERR_USAGE);
    assert_int_equal(demo_kmeans_init(a, pts, DEMO_KMEANS_MAX_POINTS + 1, 2, &s), AIL_ERR_USAGE);
    uint32_t s1 = 99, s2 = 99;
    demo_kmeans_init(a, pts, n, 4, &s1);
    demo_kmeans_init(b, pts, n, 4, &s2);
    for (size_t g = 0; g < 4; g++) assert_true(same_point(&a->centre[g], &b->centre[g]));
    assert_int_equal(s1, s2);
    /* k-means++ never starts two centres on the same mango when they differ. */
    for (size_t g = 1; g < 4; g++)
        for (size_t h = 0; h < g; h++)
            assert_false(a->centre[g].x == a->centre[h].x && a->centre[g].y == a->centre[h].y);
    free(a);
    free(b);
}

/* ---- Learning by reward ---- */

static DemoPathEnd path_of(const DemoReward *r, int (*cells)[2], size_t *n) {
    return demo_reward_greedy_path(r, cells, 64, n);
}

static void reward_goat_finds_the_grass_after_100_tries(void **state) {
    (void)state;
    DemoRewardMap map;
    demo_reward_default_map(&map);
    DemoReward *r = malloc(sizeof *r);
    for (uint32_t seed = 1; seed <= 10; seed++) {
        demo_reward_init(r, &map);
        uint32_t s = seed;
        int cells[64][2];
        size_t n;
        assert_int_equal(path_of(r, cells, &n), DEMO_PATH_LOST); /* knows nothing yet */
        assert_int_equal(n, 1);
        demo_reward_run(r, 100, &s);
        assert_int_equal(r->tries, 100);
        assert_int_equal(path_of(r, cells, &n), DEMO_PATH_GRASS);
        assert_int_equal(cells[0][0], map.start_x);
        assert_int_equal(cells[0][1], map.start_y);
        for (size_t i = 0; i < n; i++)
            assert_int_not_equal(map.cells[cells[i][1]][cells[i][0]], DEMO_CELL_THORNS);
        assert_int_equal(n, 9); /* the shortest safe way: 8 moves */
    }
    free(r);
}

static void reward_later_tries_earn_more_than_the_first(void **state) {
    (void)state;
    DemoRewardMap map;
    demo_reward_default_map(&map);
    DemoReward *r = malloc(sizeof *r);
    for (uint32_t seed = 1; seed <= 10; seed++) {
        demo_reward_init(r, &map);
        uint32_t s = seed;
        demo_reward_run(r, 100, &s);
        double totals[100], first = 0, last = 0;
        assert_int_equal(demo_reward_recent_totals(r, totals, 100), 100);
        for (int i = 0; i < 10; i++) {
            first += totals[i];
            last += totals[90 + i];
        }
        assert_true(last / 10 > first / 10 + 5);
    }
    free(r);
}

static void reward_same_seed_same_goat(void **state) {
    (void)state;
    DemoRewardMap map;
    demo_reward_default_map(&map);
    DemoReward *a = malloc(sizeof *a), *b = malloc(sizeof *b);
    demo_reward_init(a, &map);
    demo_reward_init(b, &map);
    uint32_t s1 = 5, s2 = 5;
    demo_reward_run(a, 1, &s1);
    demo_reward_run(a, 9, &s1); /* 1 then 9 tries is 10 tries */
    demo_reward_run(b, 10, &s2);
    assert_memory_equal(a->q, b->q, sizeof a->q);
    assert_memory_equal(a->totals, b->totals, sizeof a->totals);
    assert_int_equal(a->tries, b->tries);
    assert_int_equal(s1, s2);
    s2 = 6;
    demo_reward_init(b, &map);
    demo_reward_run(b, 10, &s2);
    assert_memory_not_equal(a->q, b->q, sizeof a->q);
    free(a);
    free(b);
}

/* A corridor: start, one open cell, grass; walls below. With learning rate 1 the
 * values are exact: the step onto grass is worth 10, the one before -1 + 0.9 x 10. */
static void reward_values_are_points_now_and_later(void **state) {
    (void)state;
    static const char *const rows[] = {"S.G", "###", "###"};
    DemoRewardMap map;
    demo_reward_default_map(&map);
    assert_int_equal(demo_reward_map_parse(&map, rows, 3, NULL), AIL_OK);
    map.learning_rate = 1;
    map.explore = 0;
    DemoReward *r = malloc(sizeof *r);
    demo_reward_init(r, &map);
    uint32_t s = 11;
    demo_reward_run(r, 30, &s);
    assert_float_equal(r->q[0][1][DEMO_MOVE_RIGHT], 10, 1e-9);
    assert_float_equal(r->q[0][0][DEMO_MOVE_RIGHT], 8, 1e-9);
    assert_int_equal(demo_reward_best_move(r, 0, 0), DEMO_MOVE_RIGHT);
    assert_int_equal(demo_reward_best_move(r, 2, 0), -1); /* grass: no arrow */
    assert_int_equal(demo_reward_best_move(r, 0, 1), -1); /* wall */
    double last;
    demo_reward_recent_totals(r, &last, 1);
    assert_float_equal(last, 9, 1e-9); /* two moves: -1, then +10 */
    assert_int_equal(r->last_steps, 2);
    free(r);
}

static void reward_thorns_end_the_try(void **state) {
    (void)state;
    static const char *const rows[] = {"STG", "###", "###"};
    DemoRewardMap map;
    demo_reward_default_map(&map);
    demo_reward_map_parse(&map, rows, 3, NULL);
    map.explore = 0;
    DemoReward *r = malloc(sizeof *r);
    demo_reward_init(r, &map);
    uint32_t s = 1;
    demo_reward_run(r, 1, &s);
    /* Bumping into an edge or a wall stays put and costs 1; the thorns cost 10 and end
     * the try, so the grass behind them is never reached. */
    double total;
    demo_reward_recent_totals(r, &total, 1);
    assert_true(r->last_steps >= 1 && r->last_steps <= 4);
    assert_float_equal(total, -(double)(r->last_steps - 1) - 10, 1e-9);
    assert_true(r->q[0][0][DEMO_MOVE_RIGHT] < 0);
    free(r);
}

static void reward_keeps_the_latest_totals(void **state) {
    (void)state;
    DemoRewardMap map;
    demo_reward_default_map(&map);
    map.max_steps = 3;
    DemoReward *r = malloc(sizeof *r);
    demo_reward_init(r, &map);
    uint32_t s = 1;
    double *totals = malloc(2000 * sizeof *totals);
    assert_int_equal(demo_reward_recent_totals(r, totals, 10), 0);
    demo_reward_run(r, DEMO_REWARD_HISTORY + 5, &s);
    assert_int_equal(demo_reward_recent_totals(r, totals, 2000), DEMO_REWARD_HISTORY);
    assert_int_equal(r->tries, DEMO_REWARD_HISTORY + 5);
    /* A try of at most 3 moves earns at worst -1, -1, then thorns -10. */
    for (size_t i = 0; i < DEMO_REWARD_HISTORY; i++) assert_true(totals[i] >= -12);
    /* The newest comes last. */
    double newest;
    assert_int_equal(demo_reward_recent_totals(r, &newest, 1), 1);
    assert_true(newest == totals[DEMO_REWARD_HISTORY - 1]);
    free(totals);
    free(r);
}

static void reward_check_map_names_the_field_out_of_range(void **state) {
    (void)state;
    DemoRewardMap map;
    demo_reward_default_map(&map);
    AilError err;
    assert_int_equal(demo_reward_check_map(&map, &err), AIL_OK);
    map.explore = 1.5;
    assert_int_equal(demo_reward_check_map(&map, &err), AIL_ERR_INVALID);
    assert_string_equal(err.message, "explore must be between 0 and 1");
    demo_reward_default_map(&map);
    map.max_steps = 0;
    assert_int_equal(demo_reward_check_map(&map, &err), AIL_ERR_INVALID);
    assert_non_null(strstr(err.message, "max_steps"));
    demo_reward_default_map(&map);
    map.thorns = -5000;
    assert_int_equal(demo_reward_check_map(&map, NULL), AIL_ERR_INVALID);
}

static void reward_map_parse_explains_what_is_wrong(void **state) {
    (void)state;
    DemoRewardMap map;
    demo_reward_default_map(&map);
    AilError err;
    static const char *const uneven[] = {"S..", "..", "..G"};
    assert_int_equal(demo_reward_map_parse(&map, uneven, 3, &err), AIL_ERR_INVALID);
    assert_string_equal(err.message, "row 2 has 2 cells but the first row has 3");
    static const char *const two_starts[] = {"S..", ".S.", "..G"};
    assert_int_equal(demo_reward_map_parse(&map, two_starts, 3, &err), AIL_ERR_INVALID);
    assert_string_equal(err.message, "the field needs exactly one S, not 2");
    static const char *const no_grass[] = {"S..", "...", "..T"};
    assert_int_equal(demo_reward_map_parse(&map, no_grass, 3, &err), AIL_ERR_INVALID);
    static const char *const odd[] = {"S..", ".x.", "..G"};
    assert_int_equal(demo_reward_map_parse(&map, odd, 3, &err), AIL_ERR_INVALID);
    assert_non_null(strstr(err.message, "row 2 has 'x'"));
    static const char *const tiny[] = {"SG", ".."};
    assert_int_equal(demo_reward_map_parse(&map, tiny, 2, &err), AIL_ERR_INVALID);
    /* A refused field leaves the map as it was. */
    DemoRewardMap fresh;
    demo_reward_default_map(&fresh);
    assert_memory_equal(&map, &fresh, sizeof map);
    static const char *const big[] = {"S.......", "........", "........", "........",
                                      "........", "........", "........", ".......G"};
    assert_int_equal(demo_reward_map_parse(&map, big, 8, &err), AIL_OK);
    assert_int_equal(map.width, 8);
    assert_int_equal(map.cells[7][7], DEMO_CELL_GRASS);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(drawing_cells_and_lines),
        cmocka_unit_test(drawing_centred_moves_the_box_to_the_middle),
        cmocka_unit_test(drawing_distance_counts_ink_with_no_ink_near),
        cmocka_unit_test(drawing_from_rows_reads_a_page_s_example),
        cmocka_unit_test(drawing_set_adds_undoes_and_forgets),
        cmocka_unit_test(drawing_one_sided_examples_give_a_wrong_guess_until_fixed),
        cmocka_unit_test(drawing_examples_of_one_size_mislead_until_another_is_added),
        cmocka_unit_test(drawing_classify_refuses_what_it_cannot_answer),
        cmocka_unit_test(picture_brighten_clamps_at_black_and_white),
        cmocka_unit_test(picture_brighten_undoes_where_nothing_clamped),
        cmocka_unit_test(picture_set_clamps_and_numbers_read_row_by_row),
        cmocka_unit_test(picture_from_values_refuses_numbers_out_of_range),
        cmocka_unit_test(fair_skewed_data_serves_the_minority_badly),
        cmocka_unit_test(fair_balanced_data_serves_both_groups),
        cmocka_unit_test(fair_run_is_repeatable_and_tests_do_not_move_with_the_share),
        cmocka_unit_test(fair_refuses_params_out_of_range),
        cmocka_unit_test(kmeans_finds_clearly_separated_groups),
        cmocka_unit_test(kmeans_step_never_increases_the_sum),
        cmocka_unit_test(kmeans_empty_group_takes_the_farthest_point),
        cmocka_unit_test(kmeans_point_halfway_keeps_its_group),
        cmocka_unit_test(kmeans_refuses_impossible_groupings_and_repeats_with_a_seed),
        cmocka_unit_test(reward_goat_finds_the_grass_after_100_tries),
        cmocka_unit_test(reward_later_tries_earn_more_than_the_first),
        cmocka_unit_test(reward_same_seed_same_goat),
        cmocka_unit_test(reward_values_are_points_now_and_later),
        cmocka_unit_test(reward_thorns_end_the_try),
        cmocka_unit_test(reward_keeps_the_latest_totals),
        cmocka_unit_test(reward_check_map_names_the_field_out_of_range),
        cmocka_unit_test(reward_map_parse_explains_what_is_wrong),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
