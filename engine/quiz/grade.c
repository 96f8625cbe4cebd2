/*
 * Grading. Every question is all-or-nothing: a learner who picks two of three
 * right choices has not yet understood the idea, and the retry of missed questions
 * gives them another go. Responses from the screens are checked rather than
 * trusted, since a stale saved answer may name a choice a pack update removed.
 */
#include "quiz/quiz.h"

#include <string.h>

static const Choice *find_choice(const Question *q, const char *id) {
    for (size_t i = 0; i < q->choice_count; i++)
        if (strcmp(q->choices[i].id, id) == 0) return &q->choices[i];
    return NULL;
}

static bool has_repeats(const char *const *ids, size_t count, size_t stride, size_t offset) {
    for (size_t i = offset; i < count; i += stride)
        for (size_t k = offset; k < i; k += stride)
            if (strcmp(ids[i], ids[k]) == 0) return true;
    return false;
}

static AilResult grade_choices(const Question *q, const QuizResponse *r, QuizGrade *out) {
    if (q->type == QUESTION_SINGLE && r->id_count != 1) return AIL_ERR_USAGE;
    if (has_repeats(r->ids, r->id_count, 1, 0)) return AIL_ERR_USAGE;
    size_t chosen_correct = 0, total_correct = 0;
    for (size_t i = 0; i < q->choice_count; i++) total_correct += q->choices[i].correct;
    for (size_t i = 0; i < r->id_count; i++) {
        const Choice *c = find_choice(q, r->ids[i]);
        if (!c) return AIL_ERR_USAGE;
        if (c->correct)
            chosen_correct++;
        else if (!out->wrong_choice)
            out->wrong_choice = c;
    }
    out->correct = !out->wrong_choice && chosen_correct == total_correct;
    return AIL_OK;
}

static bool item_known(const Question *q, const char *id) {
    for (size_t k = 0; k < q->item_count; k++)
        if (strcmp(q->items[k].id, id) == 0) return true;
    return false;
}

static AilResult grade_order(const Question *q, const QuizResponse *r, QuizGrade *out) {
    if (r->id_count != q->item_count || has_repeats(r->ids, r->id_count, 1, 0))
        return AIL_ERR_USAGE;
    bool in_order = true;
    for (size_t i = 0; i < q->item_count; i++) {
        if (!item_known(q, r->ids[i])) return AIL_ERR_USAGE;
        if (strcmp(q->items[i].id, r->ids[i]) != 0) in_order = false;
    }
    out->correct = in_order;
    return AIL_OK;
}

static bool pair_known(const Question *q, const char *id) {
    for (size_t k = 0; k < q->pair_count; k++)
        if (strcmp(q->pairs[k].id, id) == 0) return true;
    return false;
}

static AilResult grade_match(const Question *q, const QuizResponse *r, QuizGrade *out) {
    if (r->id_count != 2 * q->pair_count) return AIL_ERR_USAGE;
    if (has_repeats(r->ids, r->id_count, 2, 0) || has_repeats(r->ids, r->id_count, 2, 1))
        return AIL_ERR_USAGE;
    bool all = true;
    for (size_t i = 0; i < r->id_count; i += 2) {
        if (!pair_known(q, r->ids[i]) || !pair_known(q, r->ids[i + 1])) return AIL_ERR_USAGE;
        if (strcmp(r->ids[i], r->ids[i + 1]) != 0) all = false;
    }
    out->correct = all;
    return AIL_OK;
}

bool quiz_text_matches(const Question *q, const char *lang, const char *typed) {
    if (!typed) return false;
    const AcceptList *list = NULL;
    for (size_t i = 0; i < q->accept_count && !list; i++)
        if (q->accept[i].lang && lang && strcmp(q->accept[i].lang, lang) == 0) list = &q->accept[i];
    AilBuf want, got;
    ail_buf_init(&want);
    ail_buf_init(&got);
    ail_utf8_fold(typed, &got);
    bool match = false;
    /* Without a list for lang, any language's answers count: a learner who typed
     * the English word in the French course still knows it. */
    for (size_t i = 0; i < q->accept_count && !match; i++) {
        if (list && &q->accept[i] != list) continue;
        for (size_t k = 0; k < q->accept[i].count && !match; k++) {
            ail_buf_clear(&want);
            ail_utf8_fold(q->accept[i].answers[k], &want);
            match = got.len > 0 && strcmp(want.data, got.data) == 0;
        }
    }
    ail_buf_free(&want);
    ail_buf_free(&got);
    return match;
}

AilResult quiz_grade(const Question *q, const QuizResponse *r, QuizGrade *out) {
    memset(out, 0, sizeof *out);
    if (r->id_count && !r->ids) return AIL_ERR_USAGE;
    for (size_t i = 0; i < r->id_count; i++)
        if (!r->ids[i]) return AIL_ERR_USAGE;
    AilResult rc = AIL_OK;
    switch (q->type) {
    case QUESTION_SINGLE:
    case QUESTION_MULTIPLE: rc = grade_choices(q, r, out); break;
    case QUESTION_TRUEFALSE: out->correct = r->truth == q->answer; break;
    case QUESTION_ORDER: rc = grade_order(q, r, out); break;
    case QUESTION_MATCH: rc = grade_match(q, r, out); break;
    case QUESTION_TEXT: out->correct = quiz_text_matches(q, r->lang, r->text); break;
    }
    if (rc != AIL_OK) {
        out->correct = false;
        out->wrong_choice = NULL;
    }
    out->score = out->correct ? 1.0 : 0.0;
    return rc;
}

QuizScore quiz_score(size_t correct, size_t total, double pass_ratio) {
    QuizScore s = {correct, total, 0.0, false};
    if (total) s.scaled = (double)correct / (double)total;
    /* A small tolerance so that 7 of 10 passes a 0.7 ratio despite rounding. */
    s.passed = total > 0 && s.scaled + 1e-9 >= pass_ratio;
    return s;
}
