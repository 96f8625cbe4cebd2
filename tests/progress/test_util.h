/*
 * Helpers shared by the progress and sync tests: the tiny test pack, temporary
 * folders, and a scripted learner who answers every question of it.
 */
#ifndef AILIT_TESTS_PROGRESS_UTIL_H
#define AILIT_TESTS_PROGRESS_UTIL_H

#include "progress/progress.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#define TINY_PACK AILIT_SOURCE_DIR "/tests/progress/packs/tiny"

static inline Course *util_load_pack(const char *dir) {
    CourseReport report;
    course_report_init(&report);
    Course *c = NULL;
    AilResult r = course_load(dir, NULL, &c, &report);
    course_report_free(&report);
    assert_int_equal(r, AIL_OK);
    return c;
}

/* A fresh folder under TMPDIR (or /tmp); the caller frees the string. */
static inline char *util_temp_dir(void) {
    const char *base = getenv("TMPDIR");
    char tmpl[4096];
    snprintf(tmpl, sizeof tmpl, "%s/ailit-test-XXXXXX", base && *base ? base : "/tmp");
    assert_non_null(mkdtemp(tmpl));
    return strdup(tmpl);
}

static inline void util_rm_rf(const char *dir) {
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

/* Answers question q of the tiny pack's quiz, right or wrong. */
static inline void util_tiny_answer(ProgressStore *s, const char *learner, const Course *c,
                                    size_t q, bool right, const char *lang) {
    static const char *const alive_r[] = {"no"}, *const alive_w[] = {"yes"};
    static const char *const multi_r[] = {"errs", "rules"}, *const multi_w[] = {"always"};
    static const char *const order_r[] = {"collect", "train", "use"}, *const order_w[] = {
                                                                          "use", "train",
                                                                          "collect"};
    static const char *const match_r[] = {"cam", "cam", "mic", "mic"}, *const match_w[] = {
                                                                           "cam", "mic", "mic",
                                                                           "cam"};
    QuizResponse resp = {0};
    resp.lang = lang;
    switch (q) {
    case 0: resp.ids = right ? alive_r : alive_w, resp.id_count = 1; break;
    case 1: resp.ids = right ? multi_r : multi_w, resp.id_count = right ? 2 : 1; break;
    case 2: resp.truth = right; break;
    case 3: resp.ids = right ? order_r : order_w, resp.id_count = 3; break;
    case 4: resp.ids = right ? match_r : match_w, resp.id_count = 4; break;
    default: resp.text = right ? " Data " : "robots"; break;
    }
    AilError err;
    QuizGrade g;
    AilResult r = progress_record_answer(s, learner, c, 0, 1, q, &resp, lang,
                                         1500 + (int64_t)q * 250, &g, &err);
    if (r) fprintf(stderr, "record_answer: %s\n", err.message);
    assert_int_equal(r, AIL_OK);
    assert_int_equal(g.correct, right);
}

/* A learner goes through lesson 0 of the tiny pack: pages, every question (right
 * when the bit of right_mask is set), the quiz's end, the lesson's end. */
static inline void util_tiny_session(ProgressStore *s, const char *learner, const Course *c,
                                     unsigned right_mask, const char *lang) {
    AilError err;
    ProgressLessonState st;
    assert_int_equal(progress_lesson_start(s, learner, c, 0, lang, &st, &err), AIL_OK);
    assert_int_equal(progress_record_page(s, learner, c, 0, 0, lang, &err), AIL_OK);
    assert_int_equal(progress_record_page(s, learner, c, 0, 1, lang, &err), AIL_OK);
    for (size_t q = 0; q < 6; q++) util_tiny_answer(s, learner, c, q, (right_mask >> q) & 1, lang);
    QuizScore score;
    assert_int_equal(progress_finish_quiz(s, learner, c, 0, 1, lang, &score, &err), AIL_OK);
    assert_int_equal(progress_record_page(s, learner, c, 0, 2, lang, &err), AIL_OK);
    assert_int_equal(progress_finish_lesson(s, learner, c, 0, lang, &err), AIL_OK);
}

static inline ProgressStore *util_open(const char *dir, const char *name) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    ProgressStore *s = NULL;
    AilError err;
    AilResult r = progress_open(path, &s, &err);
    if (r) fprintf(stderr, "progress_open: %s\n", err.message);
    assert_int_equal(r, AIL_OK);
    return s;
}

#ifdef AILIT_PROGRESS_INTERNAL_H
/* A clock the test sets: util_clock_at(wall, mono) before opening a store makes it
 * the store's (progress_clock_use_source); util_clock_tick moves both on, as time
 * passing does; util_clock_system puts the system's clocks back. */
static int64_t util_wall, util_mono;
static inline int64_t util_wall_ms(void) { return util_wall; }
static inline int64_t util_mono_ms(void) { return util_mono; }
static inline void util_clock_at(int64_t wall, int64_t mono) {
    static const ProgressTimeSource fake = {util_wall_ms, util_mono_ms};
    util_wall = wall;
    util_mono = mono;
    progress_clock_use_source(&fake);
}
static inline void util_clock_tick(int64_t ms) {
    util_wall += ms;
    util_mono += ms;
}
static inline void util_clock_system(void) { progress_clock_use_source(NULL); }
#endif

#endif
