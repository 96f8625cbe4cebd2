/*
 * A scripted classroom session for the xAPI test: on the bundled first-steps pack
 * (every question type) and the tiny test pack (two languages, misconception tags),
 * learners read pages, answer every question right and wrong, leave a lesson and
 * resume it, pass and fail quizzes and complete lessons. Then it exports the
 * progress file into OUT_DIR, through the real `sync_export`.
 *
 *   xapi_session OUT_DIR [DATA_DIR]
 *
 * With DATA_DIR the store is DATA_DIR/progress.db, kept and not exported (the CLI
 * test exports it with `ailit export`); otherwise it is a scratch file in OUT_DIR.
 */
#include "progress/progress.h"
#include "sync/sync.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void check(AilResult r, const AilError *err, const char *what) {
    if (r == AIL_OK) return;
    fprintf(stderr, "xapi_session: %s: %s\n", what, err->message);
    exit(1);
}

static Course *load(const char *dir) {
    CourseReport report;
    course_report_init(&report);
    Course *c = NULL;
    if (course_load(dir, NULL, &c, &report) != AIL_OK) {
        fprintf(stderr, "xapi_session: cannot load %s\n", dir);
        exit(1);
    }
    course_report_free(&report);
    return c;
}

/* Answers question q of a quiz: the right answer when right, else a wrong one. */
static void answer(ProgressStore *s, const char *who, const Course *c, size_t lesson, size_t page,
                   size_t q, bool right, const char *lang) {
    const Question *question = &c->lessons[lesson].pages[page].questions[q];
    const char *ids[64];
    size_t n = 0;
    QuizResponse r = {.lang = lang};
    switch (question->type) {
    case QUESTION_SINGLE:
    case QUESTION_MULTIPLE:
        for (size_t i = 0; i < question->choice_count && n < 64; i++)
            if (question->choices[i].correct == right) {
                ids[n++] = question->choices[i].id;
                if (question->type == QUESTION_SINGLE || !right) break;
            }
        break;
    case QUESTION_TRUEFALSE: r.truth = right ? question->answer : !question->answer; break;
    case QUESTION_ORDER:
        for (size_t i = 0; i < question->item_count && n < 64; i++)
            ids[n++] = question->items[right ? i : question->item_count - 1 - i].id;
        break;
    case QUESTION_MATCH:
        for (size_t i = 0; i < question->pair_count && n + 1 < 64; i++) {
            ids[n++] = question->pairs[i].id;
            ids[n++] = question->pairs[right ? i : (i + 1) % question->pair_count].id;
        }
        break;
    case QUESTION_TEXT: {
        r.text = right && question->accept_count && question->accept[0].count
                     ? question->accept[0].answers[0]
                     : "a \"quoted\" wrong answer\twith a tab, \x01 a control byte, \xE2\x80\xA8 a line "
                       "separator, \xC3\x28 a broken byte and \xF0\x9F\x98 a cut emoji";
        break;
    }
    }
    r.ids = ids;
    r.id_count = n;
    AilError err;
    QuizGrade g;
    check(progress_record_answer(s, who, c, lesson, page, q, &r, lang, 2345 + (int64_t)q * 61000,
                                 &g, &err),
          &err, "record an answer");
    if (g.correct != right) {
        fprintf(stderr, "xapi_session: question %s graded %d, expected %d\n", question->id,
                g.correct, right);
        exit(1);
    }
}

/* One learner through every lesson of c: pages, every question, quizzes, the end. */
static void session(ProgressStore *s, const char *who, const Course *c, bool right,
                    const char *lang, bool leave_and_resume) {
    AilError err;
    for (size_t l = 0; l < c->lesson_count; l++) {
        const Lesson *lesson = &c->lessons[l];
        ProgressLessonState st;
        check(progress_lesson_start(s, who, c, l, lang, &st, &err), &err, "start a lesson");
        for (size_t p = 0; p < lesson->page_count; p++) {
            check(progress_record_page(s, who, c, l, p, lang, &err), &err, "record a page");
            if (leave_and_resume && p == 0)
                check(progress_lesson_start(s, who, c, l, lang, &st, &err), &err,
                      "resume a lesson");
            const Page *page = &lesson->pages[p];
            if (page->type == PAGE_DEMO)
                check(progress_record_demo(s, who, c, l, p,
                                           "{\"k\":3,\"steps\":4,\"converged\":true,"
                                           "\"sizes\":[6,6,6],\"accuracy\":0.75}",
                                           lang, 83250, &err),
                      &err, "record a demo");
            if (page->type != PAGE_QUIZ) continue;
            for (size_t q = 0; q < page->question_count; q++)
                answer(s, who, c, l, p, q, right ^ (q % 3 == 2), lang);
            QuizScore score;
            check(progress_finish_quiz(s, who, c, l, p, lang, &score, &err), &err, "finish a quiz");
        }
        check(progress_finish_lesson(s, who, c, l, lang, &err), &err, "finish a lesson");
    }
}

int main(int argc, char **argv) {
    if (argc != 2 && argc != 3) {
        fprintf(stderr, "usage: xapi_session OUT_DIR [DATA_DIR]\n");
        return 2;
    }
    char db[4096];
    if (argc == 3)
        snprintf(db, sizeof db, "%s/progress.db", argv[2]);
    else
        snprintf(db, sizeof db, "%s/session.db", argv[1]);
    remove(db);
    Course *first = load(AILIT_SOURCE_DIR "/courses/first-steps");
    Course *tiny = load(AILIT_SOURCE_DIR "/tests/progress/packs/tiny");
    Course *lab = load(AILIT_SOURCE_DIR "/tests/progress/packs/lab");
    AilError err;
    ProgressStore *s = NULL;
    check(progress_open(db, &s, &err), &err, "open the store");
    check(progress_device_rename(s, "Room 4 laptop 2", &err), &err, "name the device");
    ProgressLearner a, b;
    check(progress_learner_add(s, "Amina", 0x2b6cb0, "owl", &a, &err), &err, "add a learner");
    check(progress_learner_add(s, "Bola", 0xc05621, "", &b, &err), &err, "add a learner");
    session(s, a.uuid, first, true, "en", false);
    session(s, b.uuid, first, false, "en", true);
    session(s, a.uuid, tiny, true, "fr", true);
    session(s, b.uuid, tiny, false, "en", false);
    session(s, a.uuid, lab, true, "ar", false);
    SyncExportOptions o = {.out_dir = argv[1]};
    SyncExportResult res = {.statements = 1};
    if (argc == 2) {
        check(sync_export(s, &o, &res, &err), &err, "export");
        printf("%s\n", res.path);
    }
    progress_close(s);
    if (argc == 2) remove(db);
    course_free(first);
    course_free(tiny);
    course_free(lab);
    return res.statements ? 0 : 1;
}
