/* quiz/: grading each question type right, wrong and malformed; scores and pass
 * rules; the xAPI response strings. Questions come from the fixture pack so that
 * the grader is tested on what the loader really produces. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "quiz/quiz.h"

#include <stdio.h>
#include <string.h>

static Course *g_course;
static const Question *g_q; /* the fixture quiz: single, multiple, tf, order, match, text */

static int setup(void **state) {
    (void)state;
    CourseReport r;
    course_report_init(&r);
    if (course_load(AILIT_FIXTURES "/packs/good", NULL, &g_course, &r) != AIL_OK) return -1;
    course_report_free(&r);
    g_q = g_course->lessons[0].pages[1].questions;
    return 0;
}

static int teardown(void **state) {
    (void)state;
    course_free(g_course);
    return 0;
}

static QuizGrade grade_ids(const Question *q, const char *const *ids, size_t n, AilResult want_rc) {
    QuizResponse r = {ids, n, false, NULL, NULL};
    QuizGrade g;
    assert_int_equal(quiz_grade(q, &r, &g), want_rc);
    assert_true(g.score == (g.correct ? 1.0 : 0.0));
    return g;
}

static void single_choice_right_wrong_and_unknown(void **state) {
    (void)state;
    const char *a[] = {"a"}, *b[] = {"b"}, *z[] = {"zzz"}, *ab[] = {"a", "b"};
    assert_true(grade_ids(&g_q[0], a, 1, AIL_OK).correct);
    QuizGrade g = grade_ids(&g_q[0], b, 1, AIL_OK);
    assert_false(g.correct);
    assert_non_null(g.wrong_choice);
    assert_string_equal(g.wrong_choice->id, "b");
    assert_string_equal(g.wrong_choice->misconception, "ai-is-alive");
    assert_false(grade_ids(&g_q[0], z, 1, AIL_ERR_USAGE).correct);
    assert_false(grade_ids(&g_q[0], ab, 2, AIL_ERR_USAGE).correct);
    assert_false(grade_ids(&g_q[0], NULL, 0, AIL_ERR_USAGE).correct);
}

static void multiple_choice_needs_all_right_and_no_wrong(void **state) {
    (void)state;
    const char *ab[] = {"a", "b"}, *ba[] = {"b", "a"}, *a[] = {"a"}, *abc[] = {"a", "b", "c"},
               *aa[] = {"a", "a"};
    assert_true(grade_ids(&g_q[1], ab, 2, AIL_OK).correct);
    assert_true(grade_ids(&g_q[1], ba, 2, AIL_OK).correct);
    assert_false(grade_ids(&g_q[1], a, 1, AIL_OK).correct);
    QuizGrade g = grade_ids(&g_q[1], abc, 3, AIL_OK);
    assert_false(g.correct);
    assert_string_equal(g.wrong_choice->id, "c");
    assert_false(grade_ids(&g_q[1], aa, 2, AIL_ERR_USAGE).correct);
}

static void true_false_compares_with_the_answer(void **state) {
    (void)state;
    QuizResponse r = {NULL, 0, true, NULL, NULL};
    QuizGrade g;
    assert_int_equal(quiz_grade(&g_q[2], &r, &g), AIL_OK);
    assert_true(g.correct);
    r.truth = false;
    quiz_grade(&g_q[2], &r, &g);
    assert_false(g.correct);
}

static void order_must_match_exactly(void **state) {
    (void)state;
    const char *xy[] = {"x", "y"}, *yx[] = {"y", "x"}, *x[] = {"x"}, *xx[] = {"x", "x"},
               *xz[] = {"x", "z"};
    assert_true(grade_ids(&g_q[3], xy, 2, AIL_OK).correct);
    assert_false(grade_ids(&g_q[3], yx, 2, AIL_OK).correct);
    grade_ids(&g_q[3], x, 1, AIL_ERR_USAGE);
    grade_ids(&g_q[3], xx, 2, AIL_ERR_USAGE);
    grade_ids(&g_q[3], xz, 2, AIL_ERR_USAGE);
}

static void match_pairs_each_left_with_its_right(void **state) {
    (void)state;
    const char *right[] = {"p", "p", "q", "q"}, *swapped[] = {"p", "q", "q", "p"},
               *reordered[] = {"q", "q", "p", "p"}, *twice[] = {"p", "q", "q", "q"},
               *half[] = {"p", "p"};
    assert_true(grade_ids(&g_q[4], right, 4, AIL_OK).correct);
    assert_true(grade_ids(&g_q[4], reordered, 4, AIL_OK).correct);
    assert_false(grade_ids(&g_q[4], swapped, 4, AIL_OK).correct);
    grade_ids(&g_q[4], twice, 4, AIL_ERR_USAGE);
    grade_ids(&g_q[4], half, 2, AIL_ERR_USAGE);
}

static void text_answers_ignore_case_space_and_accents(void **state) {
    (void)state;
    assert_true(quiz_text_matches(&g_q[5], "en", "school"));
    assert_true(quiz_text_matches(&g_q[5], "en", "  SCHOOL "));
    assert_true(quiz_text_matches(&g_q[5], "fr", "Ecole"));
    assert_true(quiz_text_matches(&g_q[5], "fr", "ÉCOLE"));
    assert_false(quiz_text_matches(&g_q[5], "fr", "school")); /* French has its own list */
    assert_true(quiz_text_matches(&g_q[5], "sw", "school"));  /* no Swahili list: any counts */
    assert_false(quiz_text_matches(&g_q[5], "en", "schools"));
    assert_false(quiz_text_matches(&g_q[5], "en", ""));
    assert_false(quiz_text_matches(&g_q[5], "en", NULL));
    QuizResponse r = {NULL, 0, false, " École", "fr"};
    QuizGrade g;
    assert_int_equal(quiz_grade(&g_q[5], &r, &g), AIL_OK);
    assert_true(g.correct);
}

static void score_and_pass_rules(void **state) {
    (void)state;
    QuizScore s = quiz_score(7, 10, 0.7);
    assert_true(s.passed);
    assert_true(s.scaled > 0.699 && s.scaled < 0.701);
    assert_false(quiz_score(6, 10, 0.7).passed);
    assert_true(quiz_score(0, 3, 0.0).passed);
    assert_false(quiz_score(0, 0, 0.0).passed); /* an empty quiz is not a pass */
    assert_true(quiz_score(2, 3, 2.0 / 3.0).passed);
}

static void assert_encoded(const Question *q, const QuizResponse *r, const char *want) {
    AilBuf b;
    ail_buf_init(&b);
    quiz_response_encode(q, r, &b);
    assert_string_equal(b.data, want);
    ail_buf_free(&b);
}

static void responses_encode_as_xapi_strings(void **state) {
    (void)state;
    const char *ba[] = {"b", "a"}, *yx[] = {"y", "x"}, *m[] = {"p", "q", "q", "p"};
    assert_encoded(&g_q[1], &(QuizResponse){ba, 2, false, NULL, NULL}, "a[,]b");
    assert_encoded(&g_q[2], &(QuizResponse){NULL, 0, true, NULL, NULL}, "true");
    assert_encoded(&g_q[3], &(QuizResponse){yx, 2, false, NULL, NULL}, "y[,]x");
    assert_encoded(&g_q[4], &(QuizResponse){m, 4, false, NULL, NULL}, "p[.]q[,]q[.]p");
    assert_encoded(&g_q[5], &(QuizResponse){NULL, 0, false, "école", "fr"}, "école");
}

static void correct_patterns_and_interaction_types(void **state) {
    (void)state;
    static const char *const types[] = {"choice",     "choice",   "true-false",
                                        "sequencing", "matching", "fill-in"};
    static const char *const patterns[] = {"a", "a[,]b", "true", "x[,]y", "p[.]p[,]q[.]q", "école"};
    for (size_t i = 0; i < 6; i++) {
        assert_string_equal(quiz_interaction_type(g_q[i].type), types[i]);
        assert_int_equal(quiz_correct_pattern_count(&g_q[i], "fr"), 1);
        AilBuf b;
        ail_buf_init(&b);
        quiz_correct_pattern(&g_q[i], "fr", 0, &b);
        assert_string_equal(b.data, patterns[i]);
        ail_buf_free(&b);
    }
}

/* ---- Choice order ---- */

static Choice g_four[4] = {{.id = "a"}, {.id = "b"}, {.id = "c"}, {.id = "d"}};

static Question four_choices(bool fixed_order) {
    Question q = {.id = "q-four", .type = QUESTION_SINGLE, .choices = g_four, .choice_count = 4};
    q.fixed_order = fixed_order;
    return q;
}

static void learner_id(int i, char out[40]) {
    snprintf(out, 40, "6f1c2a30-0b5e-4c1d-9a7e-%012d", i);
}

static void assert_permutation(const int *order, size_t n) {
    bool seen[16] = {false};
    assert_true(n <= 16);
    for (size_t i = 0; i < n; i++) {
        assert_in_range(order[i], 0, (int)n - 1);
        assert_false(seen[order[i]]);
        seen[order[i]] = true;
    }
}

static void choice_order_is_a_permutation(void **state) {
    (void)state;
    Question q = four_choices(false);
    for (int i = 0; i < 50; i++) {
        char id[40];
        learner_id(i, id);
        int order[4];
        quiz_choice_order(&q, id, "pack", "quiz", order, 4);
        assert_permutation(order, 4);
    }
}

static void choice_order_varies_between_learners(void **state) {
    (void)state;
    Question q = four_choices(false);
    bool first_seen[4] = {false};
    int distinct = 0;
    for (int i = 0; i < 20; i++) {
        char id[40];
        learner_id(i, id);
        int order[4];
        quiz_choice_order(&q, id, "first-steps", "check", order, 4);
        if (!first_seen[order[0]]) distinct++;
        first_seen[order[0]] = true;
    }
    assert_true(distinct >= 3);
}

static void choice_order_is_stable_for_one_learner(void **state) {
    (void)state;
    Question q = four_choices(false);
    int first[4], again[4];
    quiz_choice_order(&q, "learner-1", "pack", "quiz", first, 4);
    quiz_choice_order(&q, "learner-1", "pack", "quiz", again, 4);
    assert_memory_equal(first, again, sizeof first);
}

static void choice_order_differs_between_questions_of_one_learner(void **state) {
    (void)state;
    /* The same learner does not see the right answer in the same place everywhere. */
    Question q = four_choices(false);
    bool first_seen[4] = {false};
    int distinct = 0;
    char ids[20][16];
    for (int i = 0; i < 20; i++) {
        snprintf(ids[i], sizeof ids[i], "q-%d", i);
        q.id = ids[i];
        int order[4];
        quiz_choice_order(&q, "learner-1", "pack", "quiz", order, 4);
        if (!first_seen[order[0]]) distinct++;
        first_seen[order[0]] = true;
    }
    assert_true(distinct >= 3);
}

static void fixed_order_keeps_the_packs_order(void **state) {
    (void)state;
    Question q = four_choices(true);
    for (int i = 0; i < 20; i++) {
        char id[40];
        learner_id(i, id);
        int order[4];
        quiz_choice_order(&q, id, "pack", "quiz", order, 4);
        for (int k = 0; k < 4; k++) assert_int_equal(order[k], k);
    }
}

static void shuffle_is_a_permutation_for_every_size(void **state) {
    (void)state;
    for (size_t n = 0; n <= 10; n++) {
        int order[10];
        quiz_shuffle(order, n, 12345u + (uint32_t)n);
        assert_permutation(order, n);
    }
}

static void seed_separates_its_parts(void **state) {
    (void)state;
    const char *ab_c[] = {"ab", "c"}, *a_bc[] = {"a", "bc"}, *abc[] = {"abc"};
    assert_int_not_equal(quiz_seed(ab_c, 2), quiz_seed(a_bc, 2));
    assert_int_not_equal(quiz_seed(ab_c, 2), quiz_seed(abc, 1));
    const char *empty[] = {""};
    assert_int_not_equal(quiz_seed(empty, 1), 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(single_choice_right_wrong_and_unknown),
        cmocka_unit_test(multiple_choice_needs_all_right_and_no_wrong),
        cmocka_unit_test(true_false_compares_with_the_answer),
        cmocka_unit_test(order_must_match_exactly),
        cmocka_unit_test(match_pairs_each_left_with_its_right),
        cmocka_unit_test(text_answers_ignore_case_space_and_accents),
        cmocka_unit_test(score_and_pass_rules),
        cmocka_unit_test(responses_encode_as_xapi_strings),
        cmocka_unit_test(correct_patterns_and_interaction_types),
        cmocka_unit_test(choice_order_is_a_permutation),
        cmocka_unit_test(choice_order_varies_between_learners),
        cmocka_unit_test(choice_order_is_stable_for_one_learner),
        cmocka_unit_test(choice_order_differs_between_questions_of_one_learner),
        cmocka_unit_test(fixed_order_keeps_the_packs_order),
        cmocka_unit_test(shuffle_is_a_permutation_for_every_size),
        cmocka_unit_test(seed_separates_its_parts),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
