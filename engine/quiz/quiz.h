/*
 * quiz — grading every question type, a quiz's score and pass/fail, and the xAPI
 * response strings the export uses. Pure functions over course structs: no I/O,
 * no state, so the same answer is graded the same way in the app, the export and
 * a trainer's report.
 */
#ifndef AILIT_QUIZ_H
#define AILIT_QUIZ_H

#include "base/base.h"
#include "course/course.h"

/* A learner's answer. Which fields count depends on the question's type:
 * - single:    ids[0] is the chosen choice id (id_count 1)
 * - multiple:  ids are the chosen choice ids, in any order
 * - truefalse: truth
 * - order:     ids are item ids in the order the learner put them
 * - match:     ids[2k] is a pair id on the left, ids[2k+1] the pair id of the
 *              right-hand text the learner matched it with
 * - text:      text is what the learner typed; lang is the language they were in
 * The response borrows its strings; it owns nothing. */
typedef struct {
    const char *const *ids;
    size_t id_count;
    bool truth;
    const char *text;
    const char *lang;
} QuizResponse;

typedef struct {
    bool correct;
    double score; /* 1.0 when correct, else 0.0; questions are all-or-nothing */
    /* single/multiple: the first chosen wrong choice (its feedback and misconception
     * are what the learner should see), or NULL. */
    const Choice *wrong_choice;
} QuizGrade;

/* Grades response against question. Returns AIL_ERR_USAGE (and grades it wrong)
 * when the response does not fit the question: an unknown id, a repeated id or the
 * wrong number of them. */
AilResult quiz_grade(const Question *question, const QuizResponse *response, QuizGrade *out);

/* True when typed matches one of the accepted answers for lang (or for any
 * language when the question's list has none for lang), ignoring case, accents and
 * surrounding space. */
bool quiz_text_matches(const Question *question, const char *lang, const char *typed);

/* The score of a quiz: correct answers over questions, and whether that reaches
 * the pass ratio. */
typedef struct {
    size_t correct, total;
    double scaled; /* correct / total, 0 when total is 0 */
    bool passed;
} QuizScore;

QuizScore quiz_score(size_t correct, size_t total, double pass_ratio);

/* Appends the xAPI 1.0.3 response string for response to out:
 * single/multiple "a[,]c" (in the question's choice order), truefalse "true",
 * order "i2[,]i1[,]i3", match "p1[.]p1[,]p2[.]p3", text the typed text. */
void quiz_response_encode(const Question *question, const QuizResponse *response, AilBuf *out);

/* The xAPI interactionType for a question type: "choice", "true-false",
 * "sequencing", "matching" or "fill-in". */
const char *quiz_interaction_type(QuestionType type);

/* How many correct-response patterns the question has (text questions have one
 * per accepted answer in lang), and pattern number i appended to out. */
size_t quiz_correct_pattern_count(const Question *question, const char *lang);
void quiz_correct_pattern(const Question *question, const char *lang, size_t i, AilBuf *out);

/* ---- Display orders ---- */

/* A seed for a display order, hashed (FNV-1a) from count strings (NULL counts as
 * ""); never 0. The same strings always give the same seed. */
uint32_t quiz_seed(const char *const *parts, size_t count);

/* Fills order[0..n) with a permutation of 0..n-1 drawn from seed; the same seed
 * always gives the same permutation. Every shuffled order on the quiz screen
 * (questions of a "shuffle" quiz, items, right-hand sides, choices) comes from here. */
void quiz_shuffle(int *order, size_t n, uint32_t seed);

/* The order in which one learner sees a single or multiple question's choices:
 * order[k] is the index (in the pack) of the choice shown k-th, for k < n, where n
 * is at most the question's choice count. It is drawn from the learner, pack, quiz
 * and question ids, so it differs between learners, stays the same when a learner
 * comes back, and does not depend on the quiz's "shuffle". A question with
 * "fixed_order" (or of another type) keeps the pack's order. */
void quiz_choice_order(const Question *q, const char *learner_id, const char *pack_id,
                       const char *quiz_id, int *order, size_t n);

#endif
