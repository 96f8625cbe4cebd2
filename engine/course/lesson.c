/*
 * Lessons, pages and questions of pack format 1 (courses/FORMAT.md). Each reader
 * checks its object's own rules; uniqueness of ids is checked by the parent that
 * holds the list.
 */
#include "course/course_internal.h"

#include <stdlib.h>
#include <string.h>

enum { MAX_PAGES = 100, MAX_QUESTIONS = 100, MIN_OPTIONS = 2, MAX_OPTIONS = 10 };

static const char *const QUESTION_TYPES[] = {"single", "multiple", "truefalse",
                                             "order",  "match",    "text"};
static const char *const DEMOS[] = {"next-word", "knn",      "decision-tree", "label-sort",
                                    "teach-the-machine", "pixels", "fair-data", "grouping",
                                    "reward", NULL};

const char *course_question_type_name(QuestionType type) {
    return (unsigned)type < 6 ? QUESTION_TYPES[type] : "unknown";
}

static void *arena_array(JsonFile *jf, size_t count, size_t size) {
    return count ? ail_arena_alloc(&jf->pack->course->arena, count * size) : NULL;
}

/* Runs read_one over each object element of array (already size-checked), pushing
 * the element's index onto the JSON path; collects ids for the uniqueness check. */
typedef const char *(*ReadElement)(JsonFile *jf, const cJSON *elem, void *out_elem, void *ctx);

static size_t read_elements(JsonFile *jf, const cJSON *array, const char *key, void *out,
                            size_t elem_size, ReadElement read_one, void *ctx, const char *what) {
    size_t n = (size_t)cJSON_GetArraySize(array), i = 0, kept = 0;
    const char *ids_small[16] = {0};
    const cJSON *nodes_small[16] = {0};
    const char **ids = n <= 16 ? ids_small : ail_xcalloc(n, sizeof *ids);
    const cJSON **nodes = n <= 16 ? nodes_small : ail_xcalloc(n, sizeof *nodes);
    size_t s1 = jf_path_push_key(jf, key);
    for (const cJSON *e = array->child; e; e = e->next, i++) {
        size_t s2 = jf_path_push_index(jf, i);
        if (jf_expect_object(jf, e, what)) {
            ids[i] = read_one(jf, e, (char *)out + kept * elem_size, ctx);
            nodes[i] = e;
            kept++;
        }
        jf_path_pop(jf, s2);
    }
    jf_check_unique(jf, ids, nodes, n, what, NULL);
    jf_path_pop(jf, s1);
    if (ids != ids_small) free(ids);
    if (nodes != nodes_small) free(nodes);
    return kept;
}

/* ---- Question parts ---- */

static const char *read_choice(JsonFile *jf, const cJSON *o, void *out, void *ctx) {
    (void)ctx;
    static const char *const known[] = {"id", "text", "correct", "feedback", "misconception", NULL};
    Choice *c = out;
    jf_check_fields(jf, o, known);
    c->id = jf_id(jf, o, "id", true);
    jf_localized(jf, o, "text", true, &c->text);
    c->correct = jf_bool(jf, o, "correct", true, false);
    jf_localized(jf, o, "feedback", false, &c->feedback);
    c->misconception = jf_id(jf, o, "misconception", false);
    return c->id;
}

static const char *read_item(JsonFile *jf, const cJSON *o, void *out, void *ctx) {
    (void)ctx;
    static const char *const known[] = {"id", "text", NULL};
    OrderItem *it = out;
    jf_check_fields(jf, o, known);
    it->id = jf_id(jf, o, "id", true);
    jf_localized(jf, o, "text", true, &it->text);
    return it->id;
}

static const char *read_pair(JsonFile *jf, const cJSON *o, void *out, void *ctx) {
    (void)ctx;
    static const char *const known[] = {"id", "left", "right", NULL};
    MatchPair *p = out;
    jf_check_fields(jf, o, known);
    p->id = jf_id(jf, o, "id", true);
    jf_localized(jf, o, "left", true, &p->left);
    jf_localized(jf, o, "right", true, &p->right);
    return p->id;
}

/* Reads a list of answer strings; returns how many were usable. */
static size_t read_answers(JsonFile *jf, const cJSON *list, const char ***out) {
    size_t n = (size_t)cJSON_GetArraySize(list), kept = 0, i = 0;
    *out = arena_array(jf, n, sizeof **out);
    if (n == 0) jf_report(jf, list, DIAG_ERROR, "give at least one accepted answer");
    for (const cJSON *e = list->child; e; e = e->next, i++) {
        size_t s = jf_path_push_index(jf, i);
        if (!cJSON_IsString(e) || jf_blank(e->valuestring))
            jf_report(jf, e, DIAG_ERROR, "an accepted answer must be a non-empty string, found %s",
                      cJSON_IsString(e) ? "an empty one" : jf_type_name(e));
        else
            (*out)[kept++] = ail_arena_strdup(&jf->pack->course->arena, e->valuestring);
        jf_path_pop(jf, s);
    }
    return kept;
}

static void read_accept(JsonFile *jf, const cJSON *q, Question *out) {
    const cJSON *acc = jf_member(jf, q, "accept", true);
    if (!acc) return;
    size_t saved = jf_path_push_key(jf, "accept");
    Course *c = jf->pack->course;
    if (cJSON_IsArray(acc)) {
        out->accept = arena_array(jf, 1, sizeof *out->accept);
        out->accept[0].lang = NULL;
        out->accept[0].count = read_answers(jf, acc, &out->accept[0].answers);
        out->accept_count = 1;
    } else if (cJSON_IsObject(acc)) {
        jf_check_fields(jf, acc, NULL);
        size_t n = (size_t)cJSON_GetArraySize(acc);
        if (n == 0)
            jf_report(jf, acc, DIAG_ERROR, "give accepted answers for at least one language");
        out->accept = arena_array(jf, n, sizeof *out->accept);
        for (const cJSON *m = acc->child; m; m = m->next) {
            size_t s = jf_path_push_key(jf, m->string);
            if (!cJSON_IsArray(m)) {
                jf_report(jf, m, DIAG_ERROR, "answers for '%s' must be a list of strings, found %s",
                          m->string, jf_type_name(m));
            } else {
                AcceptList *a = &out->accept[out->accept_count++];
                a->lang = ail_arena_strdup(&c->arena, m->string);
                a->count = read_answers(jf, m, &a->answers);
            }
            jf_path_pop(jf, s);
        }
        for (size_t i = 0; i < c->language_count && n; i++)
            if (!cJSON_GetObjectItemCaseSensitive(acc, c->languages[i]))
                jf_report(jf, acc, i == 0 ? DIAG_ERROR : DIAG_WARNING,
                          "no accepted answers in '%s'%s", c->languages[i],
                          i == 0 ? ", the pack's first language" : "");
    } else {
        jf_report(jf, acc, DIAG_ERROR,
                  "'accept' must be a list of strings or {\"en\": [...]}, found %s",
                  jf_type_name(acc));
    }
    jf_path_pop(jf, saved);
}

static void read_truefalse_feedback(JsonFile *jf, const cJSON *q, Question *out) {
    const cJSON *fb = jf_member(jf, q, "feedback", false);
    if (!fb) return;
    size_t saved = jf_path_push_key(jf, "feedback");
    if (jf_expect_object(jf, fb,
                         "'feedback' of a true/false question ({\"true\": ..., \"false\": ...})")) {
        static const char *const known[] = {"true", "false", NULL};
        jf_check_fields(jf, fb, known);
        jf_localized(jf, fb, "true", false, &out->feedback_true);
        jf_localized(jf, fb, "false", false, &out->feedback_false);
    }
    jf_path_pop(jf, saved);
}

/* {"true": tag} or {"false": tag}: the misconception shown by giving that answer,
 * keyed like the per-answer feedback. A tag under the right answer is ignored. */
static void read_truefalse_misconception(JsonFile *jf, const cJSON *q, Question *out) {
    const cJSON *m = jf_member(jf, q, "misconception", false);
    if (!m) return;
    size_t saved = jf_path_push_key(jf, "misconception");
    if (jf_expect_object(jf, m,
                         "'misconception' of a true/false question ({\"true\": tag} or "
                         "{\"false\": tag}, under the wrong answer)")) {
        static const char *const known[] = {"true", "false", NULL};
        jf_check_fields(jf, m, known);
        const char *on_true = jf_id(jf, m, "true", false);
        const char *on_false = jf_id(jf, m, "false", false);
        const char *right = out->answer ? "true" : "false";
        if (out->answer ? on_true : on_false)
            jf_report_key(jf, cJSON_GetObjectItemCaseSensitive(m, right), DIAG_WARNING,
                          "'%s' is the right answer; a misconception tag goes under the wrong "
                          "answer, '%s' (this one is ignored)",
                          right, out->answer ? "false" : "true");
        out->misconception_true = out->answer ? NULL : on_true;
        out->misconception_false = out->answer ? on_false : NULL;
    }
    jf_path_pop(jf, saved);
}

const char *course_truefalse_misconception(const Question *q, bool truth) {
    if (q->type != QUESTION_TRUEFALSE || truth == q->answer) return NULL;
    return truth ? q->misconception_true : q->misconception_false;
}

static void read_choices(JsonFile *jf, const cJSON *q, Question *out) {
    size_t n;
    const cJSON *arr = jf_array(jf, q, "choices", true, MIN_OPTIONS, MAX_OPTIONS, &n);
    if (!arr) return;
    out->choices = arena_array(jf, n, sizeof *out->choices);
    out->choice_count = read_elements(jf, arr, "choices", out->choices, sizeof *out->choices,
                                      read_choice, NULL, "choice");
    size_t correct = 0;
    bool all_read = out->choice_count == n; /* else the count would add a second error */
    for (size_t i = 0; i < out->choice_count; i++) correct += out->choices[i].correct;
    for (const cJSON *e = arr->child; e && all_read; e = e->next)
        all_read = cJSON_IsBool(cJSON_GetObjectItemCaseSensitive(e, "correct"));
    size_t saved = jf_path_push_key(jf, "choices");
    if (out->type == QUESTION_SINGLE && correct != 1 && all_read)
        jf_report(jf, arr, DIAG_ERROR,
                  "a 'single' question needs exactly one correct choice, found %zu", correct);
    if (out->type == QUESTION_MULTIPLE && correct == 0 && all_read)
        jf_report(jf, arr, DIAG_ERROR, "a 'multiple' question needs at least one correct choice");
    jf_path_pop(jf, saved);
}

/* ---- Questions ---- */

/* Characters of text in lang, else the first language, else 0. */
static size_t chars_in(const Course *c, const LocalizedText *t, const char *lang) {
    if (!t->count) return 0;
    const char *text = course_text(c, t, lang);
    size_t n = 0;
    for (; *text; text++) n += ((unsigned char)*text & 0xC0) != 0x80;
    return n;
}

/* A question's texts travel in each answer's statement in the learner's language;
 * reports a question whose texts in one language are too long for that. */
static size_t bytes_of(const LocalizedText *t) {
    size_t n = 0;
    for (size_t i = 0; i < t->count; i++) n += strlen(t->entries[i].text);
    return n;
}

static void check_question_size(JsonFile *jf, const cJSON *q, const Question *out) {
    const Course *c = jf->pack->course;
    /* All languages' bytes together bound any one language's characters: most
     * questions are settled by this quick sum. */
    size_t bytes = bytes_of(&out->prompt);
    for (size_t i = 0; i < out->choice_count; i++) bytes += bytes_of(&out->choices[i].text);
    for (size_t i = 0; i < out->item_count; i++) bytes += bytes_of(&out->items[i].text);
    for (size_t i = 0; i < out->pair_count; i++)
        bytes += bytes_of(&out->pairs[i].left) + bytes_of(&out->pairs[i].right);
    if (bytes <= COURSE_MAX_QUESTION_CHARS) return;
    for (size_t l = 0; l < c->language_count; l++) {
        const char *lang = c->languages[l];
        size_t n = chars_in(c, &out->prompt, lang);
        for (size_t i = 0; i < out->choice_count; i++)
            n += chars_in(c, &out->choices[i].text, lang);
        for (size_t i = 0; i < out->item_count; i++) n += chars_in(c, &out->items[i].text, lang);
        for (size_t i = 0; i < out->pair_count; i++)
            n += chars_in(c, &out->pairs[i].left, lang) + chars_in(c, &out->pairs[i].right, lang);
        if (n > COURSE_MAX_QUESTION_CHARS) {
            jf_report(jf, q, DIAG_ERROR,
                      "the question's prompt and answers in '%s' have %zu characters; at most "
                      "%d, so that progress files stay small",
                      lang, n, COURSE_MAX_QUESTION_CHARS);
            return;
        }
    }
}

/* "fixed_order" on a question without choices: a warning, like any field ailit
 * ignores, but one that says why. */
static void warn_fixed_order(JsonFile *jf, const cJSON *q) {
    const cJSON *m = jf_member(jf, q, "fixed_order", false);
    if (m)
        jf_report_key(jf, m, DIAG_WARNING,
                      "'fixed_order' is only for single and multiple questions (their choices); "
                      "it is ignored here");
}

static const char *read_question(JsonFile *jf, const cJSON *q, void *out_elem, void *ctx) {
    (void)ctx;
    static const char *const common[] = {"id",    "type", "prompt",     "image",
                                         "audio", "hint", "explanation"};
    static const char *const extra[6][3] = {
        {"choices"}, {"choices"}, {"answer", "feedback", "misconception"},
        {"items"},   {"pairs"},   {"accept"}};
    Question *out = out_elem;
    out->id = jf_id(jf, q, "id", true);
    const char *type = jf_string(jf, q, "type", true);
    int t = -1;
    for (int i = 0; type && i < 6; i++)
        if (strcmp(type, QUESTION_TYPES[i]) == 0) t = i;
    if (type && t < 0) {
        size_t s = jf_path_push_key(jf, "type");
        jf_report(
            jf, cJSON_GetObjectItemCaseSensitive(q, "type"), DIAG_ERROR,
            "unknown question type \"%s\"; use single, multiple, truefalse, order, match or text",
            type);
        jf_path_pop(jf, s);
    }
    const char *known[12] = {0};
    size_t k = 0;
    for (; k < 7; k++) known[k] = common[k];
    known[k++] = "fixed_order"; /* read or warned about below, by type */
    for (size_t i = 0; t >= 0 && i < 3 && extra[t][i]; i++) known[k++] = extra[t][i];
    jf_check_fields(jf, q, t >= 0 ? known : NULL);
    out->type = t >= 0 ? (QuestionType)t : QUESTION_SINGLE;
    jf_localized(jf, q, "prompt", true, &out->prompt);
    jf_localized(jf, q, "hint", false, &out->hint);
    jf_localized(jf, q, "explanation", false, &out->explanation);
    jf_image(jf, q, &out->image);
    jf_audio(jf, q, &out->audio);
    size_t n;
    const cJSON *arr;
    switch (t) {
    case QUESTION_SINGLE:
    case QUESTION_MULTIPLE:
        read_choices(jf, q, out);
        out->fixed_order = jf_bool(jf, q, "fixed_order", false, false);
        break;
    case QUESTION_TRUEFALSE:
        out->answer = jf_bool(jf, q, "answer", true, false);
        read_truefalse_feedback(jf, q, out);
        read_truefalse_misconception(jf, q, out);
        break;
    case QUESTION_ORDER:
        if ((arr = jf_array(jf, q, "items", true, MIN_OPTIONS, MAX_OPTIONS, &n))) {
            out->items = arena_array(jf, n, sizeof *out->items);
            out->item_count = read_elements(jf, arr, "items", out->items, sizeof *out->items,
                                            read_item, NULL, "item");
        }
        break;
    case QUESTION_MATCH:
        if ((arr = jf_array(jf, q, "pairs", true, MIN_OPTIONS, MAX_OPTIONS, &n))) {
            out->pairs = arena_array(jf, n, sizeof *out->pairs);
            out->pair_count = read_elements(jf, arr, "pairs", out->pairs, sizeof *out->pairs,
                                            read_pair, NULL, "pair");
        }
        break;
    case QUESTION_TEXT: read_accept(jf, q, out); break;
    default: break;
    }
    if (t > QUESTION_MULTIPLE) warn_fixed_order(jf, q);
    check_question_size(jf, q, out);
    return out->id;
}

/* ---- Pages ---- */

/* Warns when a body's "**" markers do not pair up, which would show stray stars. */
static void check_body_markup(JsonFile *jf, const cJSON *page, const LocalizedText *body) {
    for (size_t i = 0; i < body->count; i++) {
        if (!strstr(body->entries[i].text, "**")) continue;
        Markup m;
        course_markup_parse(body->entries[i].text, &m);
        if (m.unbalanced_bold) {
            size_t s = jf_path_push_key(jf, "body");
            jf_report(jf, cJSON_GetObjectItemCaseSensitive(page, "body"), DIAG_WARNING,
                      "the '%s' text has a '**' without its pair; bold text needs ** on both sides",
                      body->entries[i].lang);
            jf_path_pop(jf, s);
        }
        course_markup_free(&m);
    }
}

static void read_text_page(JsonFile *jf, const cJSON *p, Page *out) {
    static const char *const known[] = {"type", "title", "body", "image", "audio", NULL};
    jf_check_fields(jf, p, known);
    jf_localized(jf, p, "title", true, &out->title);
    jf_localized(jf, p, "body", true, &out->body);
    check_body_markup(jf, p, &out->body);
    jf_image(jf, p, &out->image);
    jf_audio(jf, p, &out->audio);
}

static QuizRole read_role(JsonFile *jf, const cJSON *p) {
    const char *role = jf_string(jf, p, "role", false);
    if (!role) return QUIZ_ROLE_NONE;
    if (strcmp(role, "pre") == 0) return QUIZ_ROLE_PRE;
    if (strcmp(role, "post") == 0) return QUIZ_ROLE_POST;
    size_t s = jf_path_push_key(jf, "role");
    jf_report(jf, cJSON_GetObjectItemCaseSensitive(p, "role"), DIAG_ERROR,
              "unknown quiz role \"%s\"; use \"pre\" (a pre-test) or \"post\" (the post-test "
              "holding the same questions)",
              role);
    jf_path_pop(jf, s);
    return QUIZ_ROLE_NONE;
}

static void read_quiz_page(JsonFile *jf, const cJSON *p, Page *out) {
    static const char *const known[] = {"type",    "id",        "title", "pass",
                                        "shuffle", "questions", "role",  NULL};
    jf_check_fields(jf, p, known);
    out->quiz_id = jf_id(jf, p, "id", true);
    jf_localized(jf, p, "title", true, &out->title);
    out->pass = jf_number(jf, p, "pass", false, 0.0, 1.0, -1.0);
    out->shuffle = jf_bool(jf, p, "shuffle", false, false);
    out->role = read_role(jf, p);
    size_t n;
    const cJSON *arr = jf_array(jf, p, "questions", true, 1, MAX_QUESTIONS, &n);
    if (arr) {
        out->questions = arena_array(jf, n, sizeof *out->questions);
        out->question_count =
            read_elements(jf, arr, "questions", out->questions, sizeof *out->questions,
                          read_question, NULL, "question");
    }
    if (out->role != QUIZ_ROLE_NONE) prepost_note_quiz(jf, p, out);
}

static void read_demo_page(JsonFile *jf, const cJSON *p, Page *out) {
    static const char *const known[] = {"type", "demo", "title", "body", "params", NULL};
    jf_check_fields(jf, p, known);
    out->demo = jf_string(jf, p, "demo", true);
    bool known_demo = false;
    for (size_t i = 0; out->demo && DEMOS[i] && !known_demo; i++)
        known_demo = strcmp(out->demo, DEMOS[i]) == 0;
    if (out->demo && !known_demo) {
        size_t s = jf_path_push_key(jf, "demo");
        jf_report(
            jf, cJSON_GetObjectItemCaseSensitive(p, "demo"), DIAG_ERROR,
            "unknown demo \"%s\"; this ailit has next-word, knn, decision-tree, label-sort, "
            "teach-the-machine, pixels, fair-data, grouping and reward",
            out->demo);
        jf_path_pop(jf, s);
        out->demo = NULL;
    }
    jf_localized(jf, p, "title", true, &out->title);
    jf_localized(jf, p, "body", true, &out->body);
    check_body_markup(jf, p, &out->body);
    const cJSON *params = jf_member(jf, p, "params", false);
    out->params_json = "{}";
    if (params) {
        size_t s = jf_path_push_key(jf, "params");
        if (jf_expect_object(jf, params, "'params'")) {
            if (out->demo) demo_params_check(jf, out->demo, params);
            char *json = cJSON_PrintUnformatted(params);
            if (json) out->params_json = ail_arena_strdup(&jf->pack->course->arena, json);
            cJSON_free(json);
        }
        jf_path_pop(jf, s);
    }
}

static const char *read_page(JsonFile *jf, const cJSON *p, void *out_elem, void *ctx) {
    (void)ctx;
    Page *out = out_elem;
    out->pass = -1.0;
    const char *type = jf_string(jf, p, "type", true);
    if (!type) return NULL;
    if (strcmp(type, "text") == 0) {
        out->type = PAGE_TEXT;
        read_text_page(jf, p, out);
    } else if (strcmp(type, "quiz") == 0) {
        out->type = PAGE_QUIZ;
        read_quiz_page(jf, p, out);
        return out->quiz_id;
    } else if (strcmp(type, "demo") == 0) {
        out->type = PAGE_DEMO;
        read_demo_page(jf, p, out);
    } else {
        size_t s = jf_path_push_key(jf, "type");
        jf_report(jf, cJSON_GetObjectItemCaseSensitive(p, "type"), DIAG_ERROR,
                  "unknown page type \"%s\"; use text, quiz or demo", type);
        jf_path_pop(jf, s);
    }
    return NULL; /* only quizzes carry ids */
}

void lesson_read(JsonFile *jf, const cJSON *root, Lesson *out) {
    static const char *const known[] = {"id",         "title", "summary", "minutes",
                                        "objectives", "pages", "$schema", NULL};
    if (!jf_expect_object(jf, root, "a lesson file")) return;
    jf_check_fields(jf, root, known);
    out->id = jf_id(jf, root, "id", true);
    jf_localized(jf, root, "title", true, &out->title);
    jf_localized(jf, root, "summary", true, &out->summary);
    out->minutes = jf_int(jf, root, "minutes", true, 1, 240, 0);
    size_t n;
    const cJSON *arr = jf_array(jf, root, "objectives", true, 0, 100, &n);
    if (arr) {
        out->objectives = arena_array(jf, n, sizeof *out->objectives);
        size_t i = 0, s1 = jf_path_push_key(jf, "objectives");
        for (const cJSON *e = arr->child; e; e = e->next, i++) {
            size_t s2 = jf_path_push_index(jf, i);
            jf_localized_node(jf, e, &out->objectives[out->objective_count]);
            if (out->objectives[out->objective_count].count) out->objective_count++;
            jf_path_pop(jf, s2);
        }
        jf_path_pop(jf, s1);
    }
    arr = jf_array(jf, root, "pages", true, 1, MAX_PAGES, &n);
    if (arr) {
        out->pages = arena_array(jf, n, sizeof *out->pages);
        out->page_count = read_elements(jf, arr, "pages", out->pages, sizeof *out->pages, read_page,
                                        NULL, "quiz");
    }
}
