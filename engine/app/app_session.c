/*
 * AppSession over ProgressStore: each function is a direct call with the types
 * translated. Nothing is cached here, so what the screens show is what is on disk.
 */
#include "app/app_session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void copy_learner(const ProgressLearner *in, SessionLearner *out) {
    memset(out, 0, sizeof *out);
    snprintf(out->id, sizeof out->id, "%s", in->uuid);
    snprintf(out->name, sizeof out->name, "%s", in->name);
    out->colour = in->colour;
}

static AilResult learner_list(void *impl, SessionLearner **out, size_t *count, AilError *err) {
    ProgressLearner *ls = NULL;
    size_t n = 0;
    *out = NULL;
    *count = 0;
    AilResult rc = progress_learner_list(impl, &ls, &n, err);
    if (rc != AIL_OK) return rc;
    if (n) {
        *out = ail_xcalloc(n, sizeof **out);
        for (size_t i = 0; i < n; i++) copy_learner(&ls[i], &(*out)[i]);
    }
    *count = n;
    free(ls);
    return AIL_OK;
}

static AilResult learner_add(void *impl, const char *name, uint32_t colour, SessionLearner *out,
                             AilError *err) {
    ProgressLearner l;
    AilResult rc = progress_learner_add(impl, name, colour, "", &l, err);
    if (rc == AIL_OK && out) copy_learner(&l, out);
    return rc;
}

static AilResult lesson_rows(void *impl, const char *learner, const Course *course,
                             SessionLessonRow *rows, AilError *err) {
    ProgressLessonRow *pr = ail_xcalloc(course->lesson_count + 1, sizeof *pr);
    AilResult rc = progress_lesson_rows(impl, learner, course, pr, err);
    for (size_t i = 0; rc == AIL_OK && i < course->lesson_count; i++) {
        rows[i].started = pr[i].started;
        rows[i].resume_page = pr[i].resume_page;
        rows[i].completed = pr[i].completed;
        rows[i].mastered = pr[i].mastered;
        rows[i].best_score = pr[i].best_score;
    }
    free(pr);
    return rc;
}

static AilResult lesson_start(void *impl, const char *learner, const Course *course, size_t lesson,
                              const char *lang, int *page, AilError *err) {
    ProgressLessonState st;
    AilResult rc = progress_lesson_start(impl, learner, course, lesson, lang, &st, err);
    *page = rc == AIL_OK ? st.page : 0;
    return rc;
}

static AilResult record_page(void *impl, const char *learner, const Course *course, size_t lesson,
                             size_t page, const char *lang, AilError *err) {
    return progress_record_page(impl, learner, course, lesson, page, lang, err);
}

static AilResult record_answer(void *impl, const char *learner, const Course *course, size_t lesson,
                               size_t page, size_t question, const QuizResponse *response,
                               const char *lang, int64_t duration_ms, QuizGrade *grade,
                               AilError *err) {
    return progress_record_answer(impl, learner, course, lesson, page, question, response, lang,
                                  duration_ms, grade, err);
}

static AilResult answer_get(void *impl, const char *learner, const Course *course, size_t lesson,
                            size_t page, size_t question, bool *correct, AilError *err) {
    return progress_answer_get(impl, learner, course, lesson, page, question, NULL, correct, err);
}

static AilResult finish_quiz(void *impl, const char *learner, const Course *course, size_t lesson,
                             size_t page, const char *lang, QuizScore *score, AilError *err) {
    return progress_finish_quiz(impl, learner, course, lesson, page, lang, score, err);
}

static AilResult finish_lesson(void *impl, const char *learner, const Course *course, size_t lesson,
                               const char *lang, AilError *err) {
    return progress_finish_lesson(impl, learner, course, lesson, lang, err);
}

static AilResult setting_get(void *impl, const char *key, char *out, size_t out_size,
                             AilError *err) {
    return progress_setting_get(impl, key, out, out_size, err);
}

static AilResult setting_set(void *impl, const char *key, const char *value, AilError *err) {
    return progress_setting_set(impl, key, value, err);
}

void app_session_init(AppSession *session, ProgressStore *store) {
    session->impl = store;
    session->learner_list = learner_list;
    session->learner_add = learner_add;
    session->lesson_rows = lesson_rows;
    session->lesson_start = lesson_start;
    session->record_page = record_page;
    session->record_answer = record_answer;
    session->answer_get = answer_get;
    session->finish_quiz = finish_quiz;
    session->finish_lesson = finish_lesson;
    session->setting_get = setting_get;
    session->setting_set = setting_set;
}
