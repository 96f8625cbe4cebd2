/*
 * xAPI 1.0.3 interaction strings (the "cmi.interaction" activity type). Choice
 * ids are written in the question's own order so that the same set of choices
 * always gives the same string, whatever order the learner clicked them in.
 */
#include "quiz/quiz.h"

#include <string.h>

const char *quiz_interaction_type(QuestionType type) {
    switch (type) {
    case QUESTION_SINGLE:
    case QUESTION_MULTIPLE: return "choice";
    case QUESTION_TRUEFALSE: return "true-false";
    case QUESTION_ORDER: return "sequencing";
    case QUESTION_MATCH: return "matching";
    case QUESTION_TEXT: return "fill-in";
    }
    return "other";
}

static bool chosen(const QuizResponse *r, const char *id) {
    for (size_t i = 0; i < r->id_count; i++)
        if (r->ids[i] && strcmp(r->ids[i], id) == 0) return true;
    return false;
}

static void join_ids(const char *const *ids, size_t count, const char *sep, AilBuf *out) {
    for (size_t i = 0; i < count; i++) {
        if (i) ail_buf_puts(out, sep);
        ail_buf_puts(out, ids[i] ? ids[i] : "");
    }
}

void quiz_response_encode(const Question *q, const QuizResponse *r, AilBuf *out) {
    if (!out->data) ail_buf_puts(out, "");
    switch (q->type) {
    case QUESTION_SINGLE:
    case QUESTION_MULTIPLE: {
        bool first = true;
        for (size_t i = 0; i < q->choice_count; i++) {
            if (!chosen(r, q->choices[i].id)) continue;
            if (!first) ail_buf_puts(out, "[,]");
            ail_buf_puts(out, q->choices[i].id);
            first = false;
        }
        break;
    }
    case QUESTION_TRUEFALSE: ail_buf_puts(out, r->truth ? "true" : "false"); break;
    case QUESTION_ORDER: join_ids(r->ids, r->id_count, "[,]", out); break;
    case QUESTION_MATCH:
        for (size_t i = 0; i + 1 < r->id_count; i += 2) {
            if (i) ail_buf_puts(out, "[,]");
            ail_buf_printf(out, "%s[.]%s", r->ids[i] ? r->ids[i] : "",
                           r->ids[i + 1] ? r->ids[i + 1] : "");
        }
        break;
    case QUESTION_TEXT: ail_buf_puts(out, r->text ? r->text : ""); break;
    }
}

static const AcceptList *accept_for(const Question *q, const char *lang) {
    for (size_t i = 0; i < q->accept_count; i++)
        if (q->accept[i].lang && lang && strcmp(q->accept[i].lang, lang) == 0) return &q->accept[i];
    return q->accept_count ? &q->accept[0] : NULL;
}

size_t quiz_correct_pattern_count(const Question *q, const char *lang) {
    if (q->type != QUESTION_TEXT) return 1;
    const AcceptList *a = accept_for(q, lang);
    return a ? a->count : 0;
}

void quiz_correct_pattern(const Question *q, const char *lang, size_t i, AilBuf *out) {
    if (!out->data) ail_buf_puts(out, "");
    switch (q->type) {
    case QUESTION_SINGLE:
    case QUESTION_MULTIPLE: {
        bool first = true;
        for (size_t k = 0; k < q->choice_count; k++) {
            if (!q->choices[k].correct) continue;
            if (!first) ail_buf_puts(out, "[,]");
            ail_buf_puts(out, q->choices[k].id);
            first = false;
        }
        break;
    }
    case QUESTION_TRUEFALSE: ail_buf_puts(out, q->answer ? "true" : "false"); break;
    case QUESTION_ORDER:
        for (size_t k = 0; k < q->item_count; k++) {
            if (k) ail_buf_puts(out, "[,]");
            ail_buf_puts(out, q->items[k].id);
        }
        break;
    case QUESTION_MATCH:
        for (size_t k = 0; k < q->pair_count; k++)
            ail_buf_printf(out, "%s%s[.]%s", k ? "[,]" : "", q->pairs[k].id, q->pairs[k].id);
        break;
    case QUESTION_TEXT: {
        const AcceptList *a = accept_for(q, lang);
        if (a && i < a->count) ail_buf_puts(out, a->answers[i]);
        break;
    }
    }
}
