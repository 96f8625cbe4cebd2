/* demos/: the models behave as a learner can check by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "demos/demos.h"

#include <string.h>

static const char STORY[] =
    "Amina goes to the market. At the market she sells mangoes. The mangoes are sweet. "
    "Juma goes to the school! The school is new.";

static void next_word_counts_pairs_within_sentences(void **state) {
    (void)state;
    DemoNextWord *m = demo_next_word_train(STORY);
    DemoWordCount out[4];
    /* "the" is followed by market (2: "the market", "the market"), mangoes, school (2) */
    size_t n = demo_next_word_suggest(m, "the", out, 4);
    assert_int_equal(n, 3);
    assert_string_equal(out[0].word, "market");
    assert_int_equal(out[0].count, 2);
    assert_string_equal(out[1].word, "school");
    assert_int_equal(out[1].count, 2);
    assert_string_equal(out[2].word, "mangoes");
    assert_int_equal(out[2].count, 1);
    /* "market." ends a sentence: nothing follows it across the full stop. */
    n = demo_next_word_suggest(m, "market", out, 4);
    assert_int_equal(n, 1);
    assert_string_equal(out[0].word, "she");
    assert_int_equal(demo_next_word_suggest(m, "new", out, 4), 0);
    assert_int_equal(demo_next_word_suggest(m, "elephant", out, 4), 0);
    demo_next_word_free(m);
}

static void next_word_ignores_case_and_keeps_first_spelling(void **state) {
    (void)state;
    DemoNextWord *m = demo_next_word_train("École is near. école is big. L'école, « bien »");
    DemoWordCount out[2];
    assert_int_equal(demo_next_word_suggest(m, "ECOLE", out, 2), 1);
    assert_string_equal(out[0].word, "is");
    assert_int_equal(out[0].count, 2);
    assert_int_equal(demo_next_word_suggest(m, "l'école", out, 2), 1);
    assert_string_equal(out[0].word, "bien"); /* the quotes around it are dropped */
    assert_int_equal(demo_next_word_vocabulary(m), 6);
    demo_next_word_free(m);
}

static void next_word_pick_follows_the_counts_and_the_seed(void **state) {
    (void)state;
    DemoNextWord *m = demo_next_word_train("a b. a b. a b. a c.");
    uint32_t seed = 42;
    size_t b = 0, c = 0;
    for (int i = 0; i < 4000; i++) {
        const char *w = demo_next_word_pick(m, "a", &seed);
        assert_non_null(w);
        b += strcmp(w, "b") == 0;
        c += strcmp(w, "c") == 0;
    }
    assert_int_equal(b + c, 4000);
    assert_true(b > 2700 && b < 3300); /* about 3 in 4 */
    uint32_t s1 = 7, s2 = 7;
    for (int i = 0; i < 20; i++)
        assert_string_equal(demo_next_word_pick(m, "a", &s1), demo_next_word_pick(m, "a", &s2));
    assert_null(demo_next_word_pick(m, "c", &seed));
    demo_next_word_free(m);
}

static void next_word_handles_chinese_and_empty_text(void **state) {
    (void)state;
    DemoNextWord *m = demo_next_word_train("阿米娜 去 市场 。 阿米娜 去 学校 。");
    DemoWordCount out[2];
    assert_int_equal(demo_next_word_suggest(m, "去", out, 2), 2);
    assert_string_equal(out[0].word, "市场");
    demo_next_word_free(m);
    m = demo_next_word_train("");
    assert_int_equal(demo_next_word_vocabulary(m), 0);
    demo_next_word_free(m);
}

static const DemoPoint POINTS[] = {
    {0, 0, 0},   {1, 0, 0},   {0, 1, 0},              /* a group near the origin: label 0 */
    {10, 10, 1}, {11, 10, 1}, {10, 11, 1}, {9, 9, 1}, /* a group far away: label 1 */
};

static void knn_votes_among_the_nearest(void **state) {
    (void)state;
    DemoKnnResult r;
    assert_int_equal(demo_knn_classify(POINTS, 7, 0.5, 0.5, 3, &r), AIL_OK);
    assert_int_equal(r.label, 0);
    assert_int_equal(r.votes, 3);
    assert_int_equal(r.k, 3);
    assert_int_equal(demo_knn_classify(POINTS, 7, 9.2, 9.2, 3, &r), AIL_OK);
    assert_int_equal(r.label, 1);
    assert_int_equal(r.neighbours[0], 6); /* (9,9) is nearest */
    /* k larger than the points: all of them vote, the bigger group wins. */
    assert_int_equal(demo_knn_classify(POINTS, 7, 5, 5, 15, &r), AIL_OK);
    assert_int_equal(r.k, 7);
    assert_int_equal(r.label, 1);
    assert_int_equal(demo_knn_classify(POINTS, 0, 0, 0, 3, &r), AIL_ERR_USAGE);
    assert_int_equal(demo_knn_classify(POINTS, 7, 0, 0, 0, &r), AIL_ERR_USAGE);
}

static void knn_tie_goes_to_the_nearest(void **state) {
    (void)state;
    const DemoPoint two[] = {{0, 0, 5}, {3, 0, 6}};
    DemoKnnResult r;
    demo_knn_classify(two, 2, 1, 0, 2, &r);
    assert_int_equal(r.label, 5);
    demo_knn_classify(two, 2, 2, 0, 2, &r);
    assert_int_equal(r.label, 6);
}

static void centroid_follows_the_examples_given(void **state) {
    (void)state;
    assert_int_equal(demo_centroid_classify(POINTS, 7, 2, 2), 0);
    assert_int_equal(demo_centroid_classify(POINTS, 7, 8, 8), 1);
    assert_int_equal(demo_centroid_classify(POINTS, 0, 8, 8), -1);
    /* One-sided examples: every new point gets the only label the machine knows. */
    assert_int_equal(demo_centroid_classify(POINTS, 3, 100, 100), 0);
}

/* Fruit: question 0 "is it yellow?", 1 "is it long?", 2 "is it round?".
 * Labels: 0 banana, 1 mango, 2 orange. */
static const DemoExample FRUIT[] = {
    {0x3, 0}, {0x3, 0}, {0x1, 1}, {0x5, 1}, {0x4, 2}, {0x4, 2},
};

static void tree_learns_questions_that_separate_the_examples(void **state) {
    (void)state;
    DemoTreeNode *t = demo_tree_learn(FRUIT, 6, 3, 4);
    assert_non_null(t);
    size_t depth;
    for (size_t i = 0; i < 6; i++)
        assert_int_equal(demo_tree_classify(t, FRUIT[i].features, &depth), FRUIT[i].label);
    assert_true(depth <= 2);
    assert_int_equal(t->examples, 6);
    assert_true(t->feature >= 0);
    demo_tree_free(t);
}

static void tree_depth_limit_gives_the_majority(void **state) {
    (void)state;
    DemoTreeNode *t = demo_tree_learn(FRUIT, 6, 3, 0);
    assert_int_equal(t->feature, -1);
    assert_int_equal(t->label, 0); /* ties go to the lowest label */
    demo_tree_free(t);
    assert_null(demo_tree_learn(FRUIT, 0, 3, 4));
    assert_null(demo_tree_learn(FRUIT, 6, 17, 4));
}

static void tree_stops_when_no_question_helps(void **state) {
    (void)state;
    const DemoExample same[] = {{0x1, 0}, {0x1, 1}, {0x1, 1}};
    DemoTreeNode *t = demo_tree_learn(same, 3, 2, 5);
    assert_int_equal(t->feature, -1);
    assert_int_equal(t->label, 1);
    demo_tree_free(t);
}

/* "Soft?" yes: juice; no: "spots?" yes: keep, no: sell. Drawn as a tree:
 *          soft?              x 0.75
 *     juice     spots?        x 0, 1.5
 *           keep    sell      x 1, 2  */
static void tree_layout_puts_questions_above_their_answers(void **state) {
    (void)state;
    DemoTreeNode keep = {-1, 1, 2, NULL, NULL}, sell = {-1, 2, 2, NULL, NULL};
    DemoTreeNode juice = {-1, 0, 3, NULL, NULL}, spots = {1, 1, 4, &keep, &sell};
    DemoTreeNode soft = {0, 0, 7, &juice, &spots};
    DemoTreeSlot slots[8];
    size_t leaves;
    assert_int_equal(demo_tree_layout(&soft, slots, 8, &leaves), 5);
    assert_int_equal(leaves, 3);
    const DemoTreeNode *order[] = {&soft, &juice, &spots, &keep, &sell};
    const int parent[] = {-1, 0, 0, 2, 2}, depth[] = {0, 1, 1, 2, 2};
    const double x[] = {0.75, 0, 1.5, 1, 2};
    for (int i = 0; i < 5; i++) {
        assert_ptr_equal(slots[i].node, order[i]);
        assert_int_equal(slots[i].parent, parent[i]);
        assert_int_equal(slots[i].depth, depth[i]);
        assert_float_equal(slots[i].x, x[i], 1e-12);
    }
    /* Room for two: the first two are written, the count is still the whole tree. */
    memset(slots, 0, sizeof slots);
    assert_int_equal(demo_tree_layout(&soft, slots, 2, NULL), 5);
    assert_ptr_equal(slots[1].node, &juice);
    assert_null(slots[2].node);
    assert_int_equal(demo_tree_layout(NULL, slots, 8, &leaves), 0);
    assert_int_equal(leaves, 0);
}

static void tree_layout_of_a_learned_tree_has_parents_first(void **state) {
    (void)state;
    DemoTreeNode *t = demo_tree_learn(FRUIT, 6, 3, 4);
    DemoTreeSlot slots[16];
    size_t leaves, n = demo_tree_layout(t, slots, 16, &leaves);
    assert_true(n >= 3 && n <= 16);
    assert_int_equal(n, 2 * leaves - 1); /* every question has two answers */
    for (size_t i = 1; i < n; i++) {
        assert_true(slots[i].parent >= 0 && (size_t)slots[i].parent < i);
        assert_int_equal(slots[i].depth, slots[slots[i].parent].depth + 1);
    }
    demo_tree_free(t);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(next_word_counts_pairs_within_sentences),
        cmocka_unit_test(next_word_ignores_case_and_keeps_first_spelling),
        cmocka_unit_test(next_word_pick_follows_the_counts_and_the_seed),
        cmocka_unit_test(next_word_handles_chinese_and_empty_text),
        cmocka_unit_test(knn_votes_among_the_nearest),
        cmocka_unit_test(knn_tie_goes_to_the_nearest),
        cmocka_unit_test(centroid_follows_the_examples_given),
        cmocka_unit_test(tree_learns_questions_that_separate_the_examples),
        cmocka_unit_test(tree_depth_limit_gives_the_majority),
        cmocka_unit_test(tree_stops_when_no_question_helps),
        cmocka_unit_test(tree_layout_puts_questions_above_their_answers),
        cmocka_unit_test(tree_layout_of_a_learned_tree_has_parents_first),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
