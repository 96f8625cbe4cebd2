/*
 * The installed packs as the report reads them: titles and prompts in the report's
 * language, quiz roles, and where each lesson, quiz and question stands in course
 * order. Statements carry only ids (and texts in the learner's language); a pack
 * that is not installed leaves its data under those ids, after the installed packs.
 *
 * Lookups walk the packs' arrays: a pack has tens of lessons and questions, and an
 * unknown pack id stops at the first level.
 */
#include "sync/report_internal.h"

#include <string.h>

static const Course *find_pack(const ReportPacks *p, const char *pack, ReportOrder *order) {
    if (order) *order = (ReportOrder){INT_MAX, INT_MAX, INT_MAX, INT_MAX};
    for (size_t i = 0; p && pack && i < p->count; i++)
        if (strcmp(p->courses[i]->id, pack) == 0) {
            if (order) order->pack = (int)i;
            return p->courses[i];
        }
    return NULL;
}

static const Lesson *find_lesson(const ReportPacks *p, const char *pack, const char *lesson,
                                 const Course **course, ReportOrder *order) {
    const Course *c = find_pack(p, pack, order);
    *course = c;
    for (size_t i = 0; c && lesson && i < c->lesson_count; i++)
        if (strcmp(c->lessons[i].id, lesson) == 0) {
            if (order) order->lesson = (int)i;
            return &c->lessons[i];
        }
    return NULL;
}

static const Page *find_quiz(const ReportPacks *p, const char *pack, const char *lesson,
                             const char *quiz, const Course **course, ReportOrder *order) {
    const Lesson *l = find_lesson(p, pack, lesson, course, order);
    for (size_t i = 0; l && quiz && i < l->page_count; i++)
        if (l->pages[i].type == PAGE_QUIZ && strcmp(l->pages[i].quiz_id, quiz) == 0) {
            if (order) order->page = (int)i;
            return &l->pages[i];
        }
    return NULL;
}

const char *report_pack_title(const ReportPacks *p, const char *pack, ReportOrder *order) {
    const Course *c = find_pack(p, pack, order);
    return c ? course_text(c, &c->title, p->lang) : NULL;
}

const char *report_lesson_title(const ReportPacks *p, const char *pack, const char *lesson,
                                ReportOrder *order) {
    const Course *c = NULL;
    const Lesson *l = find_lesson(p, pack, lesson, &c, order);
    return l ? course_text(c, &l->title, p->lang) : NULL;
}

const char *report_quiz_title(const ReportPacks *p, const char *pack, const char *lesson,
                              const char *quiz, ReportOrder *order) {
    const Course *c = NULL;
    const Page *q = find_quiz(p, pack, lesson, quiz, &c, order);
    return q ? course_text(c, &q->title, p->lang) : NULL;
}

const char *report_question_prompt(const ReportPacks *p, const char *pack, const char *lesson,
                                   const char *quiz, const char *question, ReportOrder *order) {
    const Course *c = NULL;
    const Page *q = find_quiz(p, pack, lesson, quiz, &c, order);
    for (size_t i = 0; q && question && i < q->question_count; i++)
        if (strcmp(q->questions[i].id, question) == 0) {
            if (order) order->question = (int)i;
            return course_text(c, &q->questions[i].prompt, p->lang);
        }
    return NULL;
}

QuizRole report_quiz_role(const ReportPacks *p, const char *pack, const char *lesson,
                          const char *quiz) {
    const Course *c = NULL;
    const Page *q = find_quiz(p, pack, lesson, quiz, &c, NULL);
    return q ? q->role : QUIZ_ROLE_NONE;
}

int report_order_cmp(const ReportOrder *a, const ReportOrder *b) {
    const int x[4] = {a->pack, a->lesson, a->page, a->question};
    const int y[4] = {b->pack, b->lesson, b->page, b->question};
    for (int i = 0; i < 4; i++)
        if (x[i] != y[i]) return x[i] < y[i] ? -1 : 1;
    return 0;
}
