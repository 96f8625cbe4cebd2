/*
 * The pre-test and post-test of a pack (courses/FORMAT.md, "Pre-test and
 * post-test"): a quiz with "role": "pre" and one with "role": "post" hold the same
 * questions, so that a trainer's report can set each learner's post-test score
 * against their pre-test score. The rule is the simplest one a report can use
 * without guessing: at most one of each per pack, both or neither, the pre-test
 * first in course order, and the same question ids, types and right answers.
 *
 * Lessons are read one file at a time and each file's diagnostics are placed when
 * it is done, so the post-test is compared with the pre-test while the post-test's
 * file is open (its questions get the line and column), and a missing partner is
 * reported at the lesson's entry in pack.json, which stays open throughout.
 */
#include "course/course_internal.h"

#include <assert.h>
#include <string.h>

static const char *ROLE_NAMES[] = {NULL, "pre", "post"};

const char *course_quiz_role_name(QuizRole role) {
    return (unsigned)role < 3 ? ROLE_NAMES[role] : NULL;
}

static const Question *find_question(const Page *quiz, const char *id) {
    for (size_t i = 0; id && i < quiz->question_count; i++)
        if (quiz->questions[i].id && strcmp(quiz->questions[i].id, id) == 0)
            return &quiz->questions[i];
    return NULL;
}

static const Choice *find_choice(const Question *q, const char *id) {
    for (size_t i = 0; id && i < q->choice_count; i++)
        if (q->choices[i].id && strcmp(q->choices[i].id, id) == 0) return &q->choices[i];
    return NULL;
}

static bool same_id(const char *a, const char *b) { return a && b && strcmp(a, b) == 0; }

/* Same choice ids (in any order, as learners see them in their own order) with the
 * same right ones. */
static const char *choices_differ(const Question *a, const Question *b) {
    if (a->choice_count != b->choice_count) return "its choices are not the same";
    for (size_t i = 0; i < b->choice_count; i++) {
        const Choice *other = find_choice(a, b->choices[i].id);
        if (!other) return "its choices are not the same";
        if (other->correct != b->choices[i].correct) return "its right answer is not the same";
    }
    return NULL;
}

static bool accept_same(const Question *a, const Question *b) {
    if (a->accept_count != b->accept_count) return false;
    for (size_t i = 0; i < a->accept_count; i++) {
        const AcceptList *x = &a->accept[i], *y = &b->accept[i];
        if ((x->lang == NULL) != (y->lang == NULL) || (x->lang && strcmp(x->lang, y->lang) != 0) ||
            x->count != y->count)
            return false;
        for (size_t k = 0; k < x->count; k++)
            if (strcmp(x->answers[k], y->answers[k]) != 0) return false;
    }
    return true;
}

/* Why question b cannot be scored as the same item as a (same id, same type), or
 * NULL when it can. */
static const char *answer_differs(const Question *a, const Question *b) {
    assert(a->type == b->type);
    switch (b->type) {
    case QUESTION_SINGLE:
    case QUESTION_MULTIPLE: return choices_differ(a, b);
    case QUESTION_TRUEFALSE:
        return a->answer != b->answer ? "its right answer is not the same" : NULL;
    case QUESTION_ORDER:
        if (a->item_count != b->item_count) return "its items are not the same";
        for (size_t i = 0; i < b->item_count; i++)
            if (!same_id(a->items[i].id, b->items[i].id))
                return "its items or their right order are not the same";
        return NULL;
    case QUESTION_MATCH:
        if (a->pair_count != b->pair_count) return "its pairs are not the same";
        for (size_t i = 0; i < b->pair_count; i++) {
            bool found = false;
            for (size_t k = 0; k < a->pair_count && !found; k++)
                found = same_id(a->pairs[k].id, b->pairs[i].id);
            if (!found) return "its pairs are not the same";
        }
        return NULL;
    case QUESTION_TEXT: return accept_same(a, b) ? NULL : "its accepted answers are not the same";
    }
    return NULL;
}

/* Compares each question of post (read from page) with the pre-test's. */
static void compare_with_pre(JsonFile *jf, const cJSON *page, const Page *post) {
    PackLoad *pack = jf->pack;
    const Page *pre = pack->tests[QUIZ_ROLE_PRE];
    const char *pre_file = pack->test_files[QUIZ_ROLE_PRE];
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(page, "questions");
    if (!cJSON_IsArray(list)) return;
    size_t s1 = jf_path_push_key(jf, "questions"), i = 0;
    for (const cJSON *qn = list->child; qn; qn = qn->next, i++) {
        const cJSON *idn = cJSON_GetObjectItemCaseSensitive(qn, "id");
        const char *id = cJSON_IsString(idn) ? idn->valuestring : NULL;
        const Question *b = find_question(post, id), *a = find_question(pre, id);
        if (!b) continue; /* a question that could not be read is reported already */
        size_t s2 = jf_path_push_index(jf, i);
        if (!a)
            jf_report(jf, qn, DIAG_ERROR,
                      "the pre-test ('%s' in %s) has no question '%s'; a post-test holds the "
                      "same questions as the pre-test, so that the gain can be measured",
                      pre->quiz_id, pre_file, id);
        else if (a->type != b->type)
            jf_report(jf, qn, DIAG_ERROR,
                      "question '%s' is a %s question here but a %s question in the pre-test "
                      "('%s' in %s); make them the same",
                      id, course_question_type_name(b->type), course_question_type_name(a->type),
                      pre->quiz_id, pre_file);
        else if (answer_differs(a, b))
            jf_report(jf, qn, DIAG_ERROR,
                      "question '%s' is not the same as in the pre-test ('%s' in %s): %s; make "
                      "them the same",
                      id, pre->quiz_id, pre_file, answer_differs(a, b));
        jf_path_pop(jf, s2);
    }
    for (size_t k = 0; k < pre->question_count; k++)
        if (pre->questions[k].id && !find_question(post, pre->questions[k].id))
            jf_report(jf, list, DIAG_ERROR,
                      "the pre-test ('%s' in %s) has a question '%s' that this post-test lacks; "
                      "give both the same questions",
                      pre->quiz_id, pre_file, pre->questions[k].id);
    jf_path_pop(jf, s1);
}

void prepost_note_quiz(JsonFile *jf, const cJSON *page, const Page *quiz) {
    PackLoad *pack = jf->pack;
    QuizRole role = quiz->role;
    assert(role == QUIZ_ROLE_PRE || role == QUIZ_ROLE_POST);
    const char *name = ROLE_NAMES[role];
    size_t s = jf_path_push_key(jf, "role");
    const cJSON *at = cJSON_GetObjectItemCaseSensitive(page, "role");
    if (pack->tests[role]) {
        jf_report(jf, at, DIAG_ERROR,
                  "this pack already has a %s-test ('%s' in %s); a pack has at most one "
                  "\"role\": \"%s\" quiz",
                  name, pack->tests[role]->quiz_id ? pack->tests[role]->quiz_id : "?",
                  pack->test_files[role], name);
        jf_path_pop(jf, s);
        return;
    }
    pack->tests[role] = quiz;
    pack->test_files[role] = jf->rel;
    pack->test_lessons[role] = pack->lesson_index;
    jf_path_pop(jf, s);
    if (role == QUIZ_ROLE_PRE && pack->tests[QUIZ_ROLE_POST]) {
        s = jf_path_push_key(jf, "role");
        jf_report(jf, at, DIAG_ERROR,
                  "the pre-test comes after the post-test ('%s' in %s); put it before, so that "
                  "learners take it first",
                  pack->tests[QUIZ_ROLE_POST]->quiz_id ? pack->tests[QUIZ_ROLE_POST]->quiz_id : "?",
                  pack->test_files[QUIZ_ROLE_POST]);
        jf_path_pop(jf, s);
    } else if (role == QUIZ_ROLE_POST && pack->tests[QUIZ_ROLE_PRE]) {
        compare_with_pre(jf, page, quiz);
    }
}

void prepost_check_partners(JsonFile *pack_jf, const cJSON *lessons) {
    PackLoad *pack = pack_jf->pack;
    for (int role = QUIZ_ROLE_PRE; role <= QUIZ_ROLE_POST; role++) {
        int other = role == QUIZ_ROLE_PRE ? QUIZ_ROLE_POST : QUIZ_ROLE_PRE;
        if (!pack->tests[role] || pack->tests[other]) continue;
        size_t index = pack->test_lessons[role];
        size_t s1 = jf_path_push_key(pack_jf, "lessons");
        size_t s2 = jf_path_push_index(pack_jf, index);
        jf_report(pack_jf, cJSON_GetArrayItem(lessons, (int)index), DIAG_ERROR,
                  "%s has a %s-test ('%s') but no lesson of this pack has a %s-test; add a quiz "
                  "with \"role\": \"%s\" holding the same questions, or remove the role",
                  pack->test_files[role], ROLE_NAMES[role],
                  pack->tests[role]->quiz_id ? pack->tests[role]->quiz_id : "?", ROLE_NAMES[other],
                  ROLE_NAMES[other]);
        jf_path_pop(pack_jf, s2);
        jf_path_pop(pack_jf, s1);
    }
}
