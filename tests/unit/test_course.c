/* course/: loading packs into structs, localized lookup, markup, and refusing
 * hostile packs with a clear message instead of crashing. The golden tests in
 * tests/golden check the exact wording and positions of every message. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "course/course.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static Course *load_ok(const char *dir) {
    CourseReport r;
    course_report_init(&r);
    Course *c = NULL;
    AilResult rc = course_load(dir, NULL, &c, &r);
    for (size_t i = 0; i < r.count; i++) {
        AilBuf b;
        ail_buf_init(&b);
        course_diagnostic_format(&r.items[i], &b);
        print_message("%s\n", b.data);
        ail_buf_free(&b);
    }
    assert_int_equal(rc, AIL_OK);
    assert_int_equal(r.errors, 0);
    course_report_free(&r);
    assert_non_null(c);
    return c;
}

/* Loads dir expecting failure; returns the report's text and sets *rc. */
static char *load_fails(const char *dir, AilResult *rc_out) {
    CourseReport r;
    course_report_init(&r);
    Course *c = NULL;
    AilResult rc = course_load(dir, NULL, &c, &r);
    assert_null(c);
    assert_int_not_equal(rc, AIL_OK);
    assert_true(r.errors > 0);
    AilBuf b;
    ail_buf_init(&b);
    for (size_t i = 0; i < r.count; i++) {
        course_diagnostic_format(&r.items[i], &b);
        ail_buf_puts(&b, "\n");
    }
    course_report_free(&r);
    if (rc_out) *rc_out = rc;
    return b.data;
}

static void good_pack_loads_every_part(void **state) {
    (void)state;
    Course *c = load_ok(AILIT_FIXTURES "/packs/good");
    assert_string_equal(c->id, "fixture");
    assert_int_equal(c->format, 1);
    assert_int_equal(c->language_count, 2);
    assert_true(c->pass > 0.69 && c->pass < 0.71); /* the default */
    assert_int_equal(c->lesson_count, 1);
    const Lesson *l = &c->lessons[0];
    assert_string_equal(l->id, "one");
    assert_int_equal(l->minutes, 5);
    assert_int_equal(l->page_count, 2);
    assert_int_equal(l->pages[0].type, PAGE_TEXT);
    assert_string_equal(l->pages[0].image.src, "media/dot.png");
    const Page *quiz = &l->pages[1];
    assert_int_equal(quiz->type, PAGE_QUIZ);
    assert_string_equal(quiz->quiz_id, "quiz");
    assert_int_equal(quiz->question_count, 6);
    const Question *q = quiz->questions;
    assert_int_equal(q[0].type, QUESTION_SINGLE);
    assert_int_equal(q[0].choice_count, 2);
    assert_true(q[0].choices[0].correct);
    assert_string_equal(q[0].choices[1].misconception, "ai-is-alive");
    assert_int_equal(q[1].type, QUESTION_MULTIPLE);
    assert_int_equal(q[2].type, QUESTION_TRUEFALSE);
    assert_true(q[2].answer);
    assert_string_equal(course_text(c, &q[2].feedback_false, "fr"), "It is true (fr)");
    assert_int_equal(q[2].feedback_true.count, 0);
    assert_int_equal(q[3].item_count, 2);
    assert_int_equal(q[4].pair_count, 2);
    assert_int_equal(q[5].accept_count, 2);
    assert_string_equal(q[5].accept[1].lang, "fr");
    assert_string_equal(q[5].accept[1].answers[0], "école");
    course_free(c);
}

static void text_lookup_falls_back_to_the_first_language(void **state) {
    (void)state;
    Course *c = load_ok(AILIT_FIXTURES "/packs/good");
    assert_string_equal(course_text(c, &c->title, "fr"), "Exemple");
    assert_string_equal(course_text(c, &c->title, "en"), "Fixture");
    assert_string_equal(course_text(c, &c->title, "sw"), "Fixture");
    assert_string_equal(course_text(c, &c->title, NULL), "Fixture");
    LocalizedText empty = {0, NULL};
    assert_string_equal(course_text(c, &empty, "en"), "");
    course_free(c);
}

static void quiz_pass_ratio_comes_from_quiz_or_pack(void **state) {
    (void)state;
    Course *c = load_ok(AILIT_SOURCE_DIR "/courses/first-steps");
    const Page *quiz = &c->lessons[0].pages[2];
    assert_int_equal(quiz->type, PAGE_QUIZ);
    assert_true(course_quiz_pass(c, quiz) > 0.59 && course_quiz_pass(c, quiz) < 0.61);
    Page own = *quiz;
    own.pass = 1.0;
    assert_true(course_quiz_pass(c, &own) == 1.0);
    course_free(c);
}

static void fixed_order_is_read_on_choice_questions(void **state) {
    (void)state;
    Course *c = load_ok(AILIT_FIXTURES "/packs/fixed-order"); /* warns on the true/false */
    const Question *q = c->lessons[0].pages[0].questions;
    assert_true(q[0].fixed_order);  /* "All of the above" last */
    assert_false(q[1].fixed_order); /* said false */
    assert_false(q[2].fixed_order); /* a true/false question has no choices to fix */
    course_free(c);
}

static void pre_and_post_tests_carry_their_role(void **state) {
    (void)state;
    Course *c = load_ok(AILIT_FIXTURES "/packs/prepost");
    assert_int_equal(c->lessons[0].pages[1].role, QUIZ_ROLE_NONE);
    assert_int_equal(c->lessons[0].pages[2].role, QUIZ_ROLE_PRE);
    assert_int_equal(c->lessons[1].pages[2].role, QUIZ_ROLE_POST);
    assert_string_equal(course_quiz_role_name(QUIZ_ROLE_POST), "post");
    assert_null(course_quiz_role_name(QUIZ_ROLE_NONE));
    course_free(c);
}

static void a_truefalse_wrong_answer_carries_its_misconception(void **state) {
    (void)state;
    Course *c = load_ok(AILIT_FIXTURES "/packs/prepost");
    const Question *q = &c->lessons[0].pages[2].questions[1]; /* answer false */
    assert_int_equal(q->type, QUESTION_TRUEFALSE);
    assert_string_equal(q->misconception_true, "ai-is-alive");
    assert_string_equal(course_truefalse_misconception(q, true), "ai-is-alive");
    assert_null(course_truefalse_misconception(q, false)); /* the right answer */
    assert_null(course_truefalse_misconception(&c->lessons[0].pages[2].questions[0], true));
    course_free(c);
}

static void a_post_test_unlike_its_pre_test_is_refused_question_by_question(void **state) {
    (void)state;
    char *text = load_fails(AILIT_FIXTURES "/packs/prepost-mismatch", NULL);
    assert_non_null(strstr(text, "02.json:208:9: error: pages[2].questions[0]: question "
                                 "'t-single' is not the same as in the pre-test ('before' in "
                                 "lessons/01.json): its right answer is not the same"));
    assert_non_null(strstr(text, "question 't-tf' is a single question here but a truefalse"));
    assert_non_null(strstr(text, "has no question 't-new'"));
    assert_non_null(strstr(text, "has a question 't-order' that this post-test lacks"));
    assert_non_null(strstr(text, "unknown quiz role \"middle\""));
    assert_non_null(strstr(text, "already has a pre-test ('before' in lessons/01.json)"));
    free(text);
}

static void a_pre_test_needs_a_post_test_after_it(void **state) {
    (void)state;
    char *text = load_fails(AILIT_FIXTURES "/packs/prepost-alone", NULL);
    assert_non_null(strstr(text, "pack.json:24:5: error: lessons[1]: lessons/02.json has a "
                                 "pre-test ('before') but no lesson of this pack has a post-test"));
    free(text);
    text = load_fails(AILIT_FIXTURES "/packs/prepost-order", NULL);
    assert_non_null(strstr(text, "the pre-test comes after the post-test"));
    free(text);
}

static void every_bad_fixture_is_refused_with_a_located_message(void **state) {
    (void)state;
    static const struct {
        const char *name, *needle;
        AilResult rc;
    } cases[] = {
        {"not-json", "01.json:1:1: error: expected a value", AIL_ERR_PARSE},
        {"truncated-json", "ends in the middle", AIL_ERR_PARSE},
        {"trailing-comma", "expected a field name", AIL_ERR_PARSE},
        {"invalid-utf8", "not valid UTF-8 (byte 0xE7)", AIL_ERR_PARSE},
        {"wrong-types", "'minutes' must be a whole number, found a string", AIL_ERR_INVALID},
        {"missing-fields", "the required field 'summary' is missing", AIL_ERR_INVALID},
        {"duplicate-ids", "the question id \"q-single\" is used twice", AIL_ERR_INVALID},
        {"duplicate-keys", "'minutes' is given twice", AIL_ERR_INVALID},
        {"unknown-types", "unknown page type \"video\"", AIL_ERR_INVALID},
        {"out-of-range", "'pass' must be from 0 to 1, found 1.5", AIL_ERR_INVALID},
        {"wrong-correct-counts", "exactly one correct choice, found 2", AIL_ERR_INVALID},
        {"bad-media-paths", "the path contains '..'", AIL_ERR_INVALID},
        {"missing-media", "\"media/missing.png\" does not exist", AIL_ERR_INVALID},
        {"link-outside", "a link that leads outside the pack", AIL_ERR_INVALID},
        {"lesson-path-escapes", "lessons[0]: \"../good/lessons/01.json\"", AIL_ERR_INVALID},
        {"format-2", "this pack needs a newer ailit", AIL_ERR_UNSUPPORTED},
        {"missing-first-language", "has no 'en' version", AIL_ERR_INVALID},
        {"missing-lesson-file", "\"lessons/02.json\" does not exist", AIL_ERR_INVALID},
        {"empty-file", "the file is empty", AIL_ERR_PARSE},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char dir[512];
        snprintf(dir, sizeof dir, "%s/packs/%s", AILIT_FIXTURES, cases[i].name);
        AilResult rc;
        char *text = load_fails(dir, &rc);
        if (!strstr(text, cases[i].needle) || rc != cases[i].rc)
            fail_msg("%s: want \"%s\" (code %d), got code %d:\n%s", cases[i].name, cases[i].needle,
                     cases[i].rc, rc, text);
        free(text);
    }
}

static void all_problems_of_a_pack_are_reported_in_one_run(void **state) {
    (void)state;
    CourseReport r;
    course_report_init(&r);
    Course *c = NULL;
    course_load(AILIT_FIXTURES "/packs/wrong-types", NULL, &c, &r);
    assert_int_equal(
        r.errors, 5); /* a bad "correct" does not also count as a wrong number of correct choices */
    for (size_t i = 0; i < r.count; i++) {
        assert_true(r.items[i].line > 0);
        assert_true(r.items[i].col > 0);
    }
    course_report_free(&r);
}

static void warnings_do_not_stop_a_pack_from_loading(void **state) {
    (void)state;
    CourseReport r;
    course_report_init(&r);
    Course *c = NULL;
    CourseLoadOptions opts = {.check_unused_media = true};
    assert_int_equal(course_load(AILIT_FIXTURES "/packs/warnings", &opts, &c, &r), AIL_OK);
    assert_non_null(c);
    assert_int_equal(r.errors, 0);
    assert_int_equal(r.warnings, 6);
    course_report_free(&r);
    course_free(c);
}

/* ---- Hostile packs built on the fly (too big to commit) ---- */

static char *make_pack(const char *lesson_bytes, size_t lesson_len) {
    char *dir = strdup("/tmp/ailit-pack-XXXXXX");
    assert_non_null(mkdtemp(dir));
    char path[512];
    snprintf(path, sizeof path, "%s/lessons", dir);
    mkdir(path, 0755);
    snprintf(path, sizeof path, "%s/pack.json", dir);
    FILE *f = fopen(path, "w");
    fputs("{\"format\":1,\"id\":\"x\",\"version\":\"1.0.0\",\"languages\":[\"en\"],\"title\":\"X\","
          "\"description\":\"X\",\"audience\":\"learner\",\"license\":\"CC0\",\"authors\":[\"a\"],"
          "\"lessons\":[\"lessons/l.json\"]}",
          f);
    fclose(f);
    snprintf(path, sizeof path, "%s/lessons/l.json", dir);
    f = fopen(path, "w");
    assert_int_equal(fwrite(lesson_bytes, 1, lesson_len, f), lesson_len);
    fclose(f);
    return dir;
}

static void remove_pack(char *dir) {
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
    free(dir);
}

static void a_50_megabyte_file_is_refused_before_reading(void **state) {
    (void)state;
    size_t n = 50u * 1024 * 1024;
    char *big = malloc(n);
    memset(big, ' ', n);
    big[0] = '{';
    big[n - 1] = '}';
    char *dir = make_pack(big, n);
    free(big);
    AilResult rc;
    char *text = load_fails(dir, &rc);
    assert_int_equal(rc, AIL_ERR_TOO_LARGE);
    assert_non_null(strstr(text, "the file is 50.0 MiB, more than the 8.0 MiB allowed"));
    free(text);
    remove_pack(dir);
}

static void nesting_ten_thousand_levels_deep_is_refused(void **state) {
    (void)state;
    size_t depth = 10000;
    char *deep = malloc(2 * depth + 32);
    size_t n = 0;
    n += (size_t)snprintf(deep, 16, "{\"id\":");
    for (size_t i = 0; i < depth; i++) deep[n++] = '[';
    for (size_t i = 0; i < depth; i++) deep[n++] = ']';
    deep[n++] = '}';
    char *dir = make_pack(deep, n);
    free(deep);
    AilResult rc;
    char *text = load_fails(dir, &rc);
    assert_int_equal(rc, AIL_ERR_PARSE);
    assert_non_null(strstr(text, "l.json:1:1006: error: the JSON is nested more than 1000 levels"));
    free(text);
    remove_pack(dir);
}

static void deep_nesting_inside_the_limit_is_checked_without_crashing(void **state) {
    (void)state;
    /* 900 levels parse, so the loader and the position resolver walk them. */
    char deep[4096];
    size_t n = (size_t)snprintf(deep, sizeof deep, "{\"id\":\"l\",\"minutes\":");
    for (int i = 0; i < 900; i++) deep[n++] = '[';
    for (int i = 0; i < 900; i++) deep[n++] = ']';
    deep[n++] = '}';
    char *dir = make_pack(deep, n);
    AilResult rc;
    char *text = load_fails(dir, &rc);
    assert_non_null(strstr(
        text, "l.json:1:21: error: minutes: 'minutes' must be a whole number, found a list"));
    free(text);
    remove_pack(dir);
}

static void a_huge_number_of_problems_is_capped(void **state) {
    (void)state;
    AilBuf b;
    ail_buf_init(&b);
    ail_buf_puts(&b,
                 "{\"id\":\"l\",\"title\":\"t\",\"summary\":\"s\",\"minutes\":1,\"objectives\":[");
    for (int i = 0; i < 1000; i++) ail_buf_printf(&b, "%s%d", i ? "," : "", i);
    ail_buf_puts(&b, "],\"pages\":[{\"type\":\"text\",\"title\":\"a\",\"body\":\"b\"}]}");
    char *dir = make_pack(b.data, b.len);
    ail_buf_free(&b);
    CourseReport r;
    course_report_init(&r);
    Course *c = NULL;
    course_load(dir, NULL, &c, &r);
    assert_true(r.count <= 202);
    assert_non_null(
        strstr(r.items[r.count - 1].message, "more problems in this file are not shown"));
    course_report_free(&r);
    remove_pack(dir);
}

static void a_question_too_long_for_progress_files_is_refused(void **state) {
    (void)state;
    AilBuf b;
    ail_buf_init(&b);
    ail_buf_puts(
        &b, "{\"id\":\"l\",\"title\":\"t\",\"summary\":\"s\",\"minutes\":1,"
            "\"objectives\":[],\"pages\":[{\"type\":\"quiz\",\"id\":\"q\",\"title\":\"Q\","
            "\"questions\":[{\"id\":\"big\",\"type\":\"order\",\"prompt\":\"Order\",\"items\":[");
    for (int i = 0; i < 3; i++) { /* three texts of 3,000 characters: each fine, 9,000 together */
        ail_buf_printf(&b, "%s{\"id\":\"i%d\",\"text\":\"", i ? "," : "", i);
        for (int k = 0; k < 3000; k++) ail_buf_puts(&b, "x");
        ail_buf_puts(&b, "\"}");
    }
    ail_buf_puts(&b, "]}]}]}");
    char *dir = make_pack(b.data, b.len);
    ail_buf_free(&b);
    AilResult rc;
    char *text = load_fails(dir, &rc);
    assert_non_null(strstr(text, "the question's prompt and answers in 'en' have 9005 characters"));
    free(text);
    remove_pack(dir);
}

/* ---- Markup ---- */

static void markup_splits_paragraphs_bullets_and_bold(void **state) {
    (void)state;
    Markup m;
    course_markup_parse("First line\njoined here.\n\n- one **big** point\n- two\n\nLast **bold**",
                        &m);
    assert_int_equal(m.block_count, 4);
    assert_int_equal(m.blocks[0].kind, MARKUP_PARAGRAPH);
    assert_int_equal(m.blocks[0].span_count, 1);
    assert_memory_equal(m.blocks[0].spans[0].text, "First line joined here.", 23);
    assert_int_equal(m.blocks[1].kind, MARKUP_BULLET);
    assert_int_equal(m.blocks[1].span_count, 3);
    assert_false(m.blocks[1].spans[0].bold);
    assert_true(m.blocks[1].spans[1].bold);
    assert_memory_equal(m.blocks[1].spans[1].text, "big", 3);
    assert_int_equal(m.blocks[2].kind, MARKUP_BULLET);
    assert_int_equal(m.blocks[3].span_count, 2);
    assert_true(m.blocks[3].spans[1].bold);
    assert_false(m.unbalanced_bold);
    course_markup_free(&m);
    course_markup_parse("an **open star", &m);
    assert_true(m.unbalanced_bold);
    course_markup_free(&m);
    course_markup_parse("", &m);
    assert_int_equal(m.block_count, 0);
    course_markup_free(&m);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(good_pack_loads_every_part),
        cmocka_unit_test(text_lookup_falls_back_to_the_first_language),
        cmocka_unit_test(quiz_pass_ratio_comes_from_quiz_or_pack),
        cmocka_unit_test(fixed_order_is_read_on_choice_questions),
        cmocka_unit_test(pre_and_post_tests_carry_their_role),
        cmocka_unit_test(a_truefalse_wrong_answer_carries_its_misconception),
        cmocka_unit_test(a_post_test_unlike_its_pre_test_is_refused_question_by_question),
        cmocka_unit_test(a_pre_test_needs_a_post_test_after_it),
        cmocka_unit_test(every_bad_fixture_is_refused_with_a_located_message),
        cmocka_unit_test(all_problems_of_a_pack_are_reported_in_one_run),
        cmocka_unit_test(warnings_do_not_stop_a_pack_from_loading),
        cmocka_unit_test(a_50_megabyte_file_is_refused_before_reading),
        cmocka_unit_test(nesting_ten_thousand_levels_deep_is_refused),
        cmocka_unit_test(deep_nesting_inside_the_limit_is_checked_without_crashing),
        cmocka_unit_test(a_huge_number_of_problems_is_capped),
        cmocka_unit_test(a_question_too_long_for_progress_files_is_refused),
        cmocka_unit_test(markup_splits_paragraphs_bullets_and_bold),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
