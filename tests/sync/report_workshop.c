/*
 * A scripted one-day workshop on the bundled teach-ai-literacy pack, for the trainer
 * report's tests: twelve learners on two laptops take the pre-test, use a demo, and
 * take the post-test (some twice); each laptop exports, and the files are merged into
 * DIR/trainer.db.
 *
 *   report_workshop DIR
 *
 * The answers follow each learner's ability (higher after the teaching), except one
 * question whose strong learners answer it "wrong" and weak ones "right", as a wrong
 * answer key would make them: the report must flag that one, and only that one.
 */
#include "progress/progress.h"
#include "sync/sync.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define PACK AILIT_SOURCE_DIR "/courses/teach-ai-literacy"
#define MISKEYED "q7-fluent"

static void die(const char *what, const AilError *err) {
    fprintf(stderr, "report_workshop: %s%s%s\n", what, err ? ": " : "", err ? err->message : "");
    exit(1);
}

/* The lesson and page of the quiz with role in c. */
static void find_quiz(const Course *c, QuizRole role, size_t *lesson, size_t *page) {
    for (size_t l = 0; l < c->lesson_count; l++)
        for (size_t p = 0; p < c->lessons[l].page_count; p++)
            if (c->lessons[l].pages[p].type == PAGE_QUIZ && c->lessons[l].pages[p].role == role) {
                *lesson = l, *page = p;
                return;
            }
    die("the pack has no pre-test or post-test", NULL);
}

/* A right (or wrong) response to q, its ids in ids[]. */
static QuizResponse respond(const Question *q, bool right, const char **ids) {
    QuizResponse r = {.ids = ids, .lang = "en"};
    switch (q->type) {
    case QUESTION_SINGLE:
    case QUESTION_MULTIPLE:
        for (size_t i = 0; i < q->choice_count; i++)
            if (q->choices[i].correct == right && (right || r.id_count == 0))
                ids[r.id_count++] = q->choices[i].id;
        break;
    case QUESTION_TRUEFALSE: r.truth = right ? q->answer : !q->answer; break;
    case QUESTION_ORDER:
        for (size_t i = 0; i < q->item_count; i++)
            ids[r.id_count++] = q->items[right ? i : q->item_count - 1 - i].id;
        break;
    case QUESTION_MATCH:
        for (size_t i = 0; i < q->pair_count; i++) {
            ids[r.id_count++] = q->pairs[i].id;
            ids[r.id_count++] = q->pairs[right ? i : (i + 1) % q->pair_count].id;
        }
        break;
    case QUESTION_TEXT:
        r.text = right && q->accept_count && q->accept[0].count ? q->accept[0].answers[0] : "zz";
        break;
    }
    return r;
}

/* Learner k (0 strongest) answers quiz (lesson, page) once; after: the teaching is done. */
static void take_quiz(ProgressStore *s, const char *who, const Course *c, size_t lesson,
                      size_t page, int k, bool after, int attempt) {
    const Page *quiz = &c->lessons[lesson].pages[page];
    AilError err;
    for (size_t q = 0; q < quiz->question_count; q++) {
        const Question *question = &quiz->questions[q];
        /* ability: 11..0 out of 12, raised by 5 after the teaching and 2 a retry */
        int ability = 11 - k + (after ? 5 : 0) + 2 * attempt;
        bool right = (int)((q * 7 + (size_t)k * 5) % 12) < ability;
        if (strcmp(question->id, MISKEYED) == 0) right = k >= 6;
        const char *ids[64];
        QuizResponse r = respond(question, right, ids);
        QuizGrade g;
        if (progress_record_answer(s, who, c, lesson, page, q, &r, "en", 4000, &g, &err))
            die("answer", &err);
    }
    QuizScore score;
    if (progress_finish_quiz(s, who, c, lesson, page, "en", &score, &err)) die("quiz", &err);
}

static void lesson_with_quiz(ProgressStore *s, const char *who, const Course *c, QuizRole role,
                             int k) {
    size_t lesson, page;
    find_quiz(c, role, &lesson, &page);
    AilError err;
    ProgressLessonState st;
    if (progress_lesson_start(s, who, c, lesson, "en", &st, &err)) die("lesson", &err);
    for (size_t p = 0; p <= page; p++)
        if (progress_record_page(s, who, c, lesson, p, "en", &err)) die("page", &err);
    take_quiz(s, who, c, lesson, page, k, role == QUIZ_ROLE_POST, 0);
    if (role == QUIZ_ROLE_POST && k >= 8) take_quiz(s, who, c, lesson, page, k, true, 1);
    if (k % 3 != 2 && progress_finish_lesson(s, who, c, lesson, "en", &err)) die("finish", &err);
}

static const char *const NAMES[12] = {
    "Amina Yusuf",  "Chen Wei", "Fatima Zahra", "Kofi Mensah", "Léa Martin",   "Juma Mwangi",
    "Nadia Haddad", "Li Na",    "Grace Otieno", "Omar Saleh",  "Zainab Bello", "Pierre Diallo"};

/* One laptop: learners first..first+6, then its progress file into dir. */
static void laptop(const char *dir, const Course *c, int first, SyncTrainerDb *t) {
    char path[4096];
    snprintf(path, sizeof path, "%s/laptop-%d.db", dir, first);
    ProgressStore *s = NULL;
    AilError err;
    if (progress_open(path, &s, &err)) die("store", &err);
    for (int k = first; k < first + 6; k++) {
        ProgressLearner l;
        if (progress_learner_add(s, NAMES[k], k % 6, "", &l, &err)) die("learner", &err);
        lesson_with_quiz(s, l.uuid, c, QUIZ_ROLE_PRE, k);
        lesson_with_quiz(s, l.uuid, c, QUIZ_ROLE_POST, k);
    }
    SyncExportOptions o = {.out_dir = dir};
    SyncExportResult res;
    SyncMergeCounts counts;
    if (sync_export(s, &o, &res, &err) || sync_merge_file(t, res.path, &counts, &err))
        die("export and merge", &err);
    progress_close(s);
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: report_workshop DIR\n");
        return 2;
    }
    CourseReport report;
    course_report_init(&report);
    Course *c = NULL;
    if (course_load(PACK, NULL, &c, &report) != AIL_OK) die("cannot load " PACK, NULL);
    course_report_free(&report);
    mkdir(argv[1], 0755);
    char db[4096];
    snprintf(db, sizeof db, "%s/trainer.db", argv[1]);
    SyncTrainerDb *t = NULL;
    AilError err;
    if (sync_trainer_open(db, &t, &err)) die("trainer database", &err);
    laptop(argv[1], c, 0, t);
    laptop(argv[1], c, 6, t);
    sync_trainer_close(t);
    course_free(c);
    printf("%s\n", db);
    return 0;
}
