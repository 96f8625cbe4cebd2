/*
 * The report's learners: learners_lessons.csv (a row per learner and lesson) and in
 * the HTML a summary per learner that prints on a page of its own: lessons completed,
 * each lesson in course order with its best score, attempts and answers, and the
 * pre-test → post-test gain where the pack marks the pair, and the misconceptions the
 * learner's wrong answers showed.
 *
 * Invariants: rows come learner by learner (sorted by name); memory holds one
 * learner's lessons at a time. The HTML shows at most REPORT_HTML_MAX_ROWS lesson
 * rows in all, with a note; the CSV has them all.
 */
#include "sync/report_internal.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char SQL_LEARNER_LESSONS[] =
    "SELECT s.learner, l.name, s.pack_id, s.lesson_id, max(s.verb = 'completed'),"
    " max(CASE WHEN s.verb IN ('passed', 'failed') AND s.scaled BETWEEN -1 AND 1"
    "  THEN s.scaled END),"
    " sum(s.verb IN ('passed', 'failed')), sum(s.verb = 'answered'),"
    " sum(s.verb = 'answered' AND s.success = 1)"
    " FROM statements s LEFT JOIN learners l ON l.uuid = s.learner"
    " GROUP BY s.learner, s.pack_id, s.lesson_id"
    " ORDER BY coalesce(l.name, s.learner), s.learner, s.pack_id, s.lesson_id";

/* Each learner's misconceptions (few rows: wrong answers that carry a tag). */
static const char SQL_LEARNER_MISCONCEPTIONS[] =
    "SELECT learner, misconception, count(*) FROM statements WHERE misconception IS NOT NULL"
    " GROUP BY learner, misconception ORDER BY learner, 3 DESC, misconception";

typedef struct {
    char *learner, *tag;
    long long n;
} LearnerBelief;

typedef struct {
    LearnerBelief *rows;
    size_t count;
} LearnerBeliefs;

static AilResult read_beliefs(Report *rp, LearnerBeliefs *b) {
    sqlite3_stmt *st = NULL;
    AilResult r = report_prepare(rp, SQL_LEARNER_MISCONCEPTIONS, &st);
    if (r) return r;
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (b->count == cap)
            b->rows = ail_xrealloc(b->rows, (cap = cap ? cap * 2 : 64) * sizeof *b->rows);
        b->rows[b->count++] =
            (LearnerBelief){ail_xstrdup(report_col_text(st, 0)),
                            ail_xstrdup(report_col_text(st, 1)), sqlite3_column_int64(st, 2)};
    }
    return report_finish(rp, st, rc);
}

static void beliefs_free(LearnerBeliefs *b) {
    for (size_t i = 0; i < b->count; i++) free(b->rows[i].learner), free(b->rows[i].tag);
    free(b->rows);
}

/* The row of facts naming the misconceptions learner showed, if any (rows sorted by
 * learner: a binary search finds the first). */
static void belief_facts(Report *rp, const LearnerBeliefs *b, const char *learner) {
    size_t lo = 0, hi = b->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(b->rows[mid].learner, learner) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == b->count || strcmp(b->rows[lo].learner, learner)) return;
    SyncFile *f = rp->html;
    report_html_printf(f, "<tr><th>%s</th><td>", RS(rp, RS_COL_BELIEFS));
    for (size_t i = lo; i < b->count && !strcmp(b->rows[i].learner, learner); i++) {
        const char *words = report_misconception_words(rp->lang, b->rows[i].tag);
        sync_file_puts(f, i > lo ? "<br>" : "");
        report_html_user(f, words ? words : b->rows[i].tag);
        report_html_printf(f, " (%lld)", b->rows[i].n);
    }
    sync_file_puts(f, "</td></tr>\n");
}

typedef struct {
    char *pack, *lesson;
    ReportOrder order;
    bool completed, has_best;
    double best;
    long long attempts, answers, correct;
} LessonLine;

/* One learner's lessons, gathered to be put in course order. */
typedef struct {
    char *uuid, *name;
    LessonLine *lines;
    size_t count, cap;
    LearnerBeliefs beliefs; /* every learner's, read once */
} LearnerPage;

static void page_clear(LearnerPage *p) {
    for (size_t i = 0; i < p->count; i++) free(p->lines[i].pack), free(p->lines[i].lesson);
    free(p->uuid), free(p->name);
    p->uuid = p->name = NULL;
    p->count = 0;
}

static int cmp_line(const void *a, const void *b) {
    const LessonLine *x = a, *y = b;
    int c = report_order_cmp(&x->order, &y->order);
    if (!c) c = strcmp(x->pack, y->pack);
    return c ? c : strcmp(x->lesson, y->lesson);
}

static void csv_row(SyncFile *c, sqlite3_stmt *st, const char *name) {
    report_csv_text(c, name, false);
    report_csv_text(c, report_col_text(st, 0), false);
    report_csv_text(c, report_col_text(st, 2), false);
    report_csv_text(c, report_col_text(st, 3), false);
    report_csv_num(c, sqlite3_column_int(st, 4), true, false);
    report_csv_num(c, sqlite3_column_double(st, 5), sqlite3_column_type(st, 5) != SQLITE_NULL,
                   false);
    report_csv_num(c, (double)sqlite3_column_int64(st, 6), true, false);
    report_csv_num(c, (double)sqlite3_column_int64(st, 7), true, false);
    report_csv_num(c, (double)sqlite3_column_int64(st, 8), true, true);
}

static void add_line(Report *rp, LearnerPage *p, sqlite3_stmt *st) {
    if (p->count == p->cap)
        p->lines = ail_xrealloc(p->lines, (p->cap = p->cap ? p->cap * 2 : 16) * sizeof *p->lines);
    LessonLine *l = &p->lines[p->count++];
    l->pack = ail_xstrdup(report_col_text(st, 2));
    l->lesson = ail_xstrdup(report_col_text(st, 3));
    report_lesson_title(&rp->packs, l->pack, l->lesson, &l->order);
    l->completed = sqlite3_column_int(st, 4) != 0;
    l->has_best = sqlite3_column_type(st, 5) != SQLITE_NULL;
    l->best = sqlite3_column_double(st, 5);
    l->attempts = sqlite3_column_int64(st, 6);
    l->answers = sqlite3_column_int64(st, 7);
    l->correct = sqlite3_column_int64(st, 8);
}

/* The facts that head a learner's page: name, lessons completed, pre → post. */
static void page_facts(Report *rp, const LearnerPage *p) {
    SyncFile *f = rp->html;
    size_t done = 0;
    for (size_t i = 0; i < p->count; i++) done += p->lines[i].completed;
    report_html_printf(f, "<table class=\"facts\"><tr><th>%s</th><td>", RS(rp, RS_COL_LEARNER));
    report_html_user(f, p->name);
    report_html_printf(f, "</td></tr>\n<tr><th>%s</th><td>%zu / %zu</td></tr>\n",
                       RS(rp, RS_COL_LESSONS_DONE), done, p->count);
    size_t lo = 0, hi = rp->gain_count; /* first gain of this learner (sorted by learner) */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(rp->gains[mid].learner, p->uuid) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < rp->gain_count && !strcmp(rp->gains[i].learner, p->uuid); i++) {
        const ReportGain *g = &rp->gains[i];
        const char *title = report_pack_title(&rp->packs, g->pack, NULL);
        report_html_printf(f, "<tr><th>%s: ", RS(rp, RS_GAIN));
        report_html_user(f, title ? title : g->pack);
        sync_file_puts(f, "</th><td>");
        if (g->pre >= -1) report_html_printf(f, "%.0f%%", 100 * g->pre);
        /* From the pre-test to the post-test in the page's reading direction. */
        sync_file_puts(f, report_lang_rtl(rp->lang) ? " ← " : " → ");
        if (g->post >= -1) report_html_printf(f, "%.0f%%", 100 * g->post);
        if (g->pre >= -1 && g->post >= -1)
            report_html_printf(f, " (%s <span dir=\"ltr\">%+.0f</span>)", RS(rp, RS_COL_GAIN),
                               100 * (g->post - g->pre));
        sync_file_puts(f, "</td></tr>\n");
    }
    belief_facts(rp, &p->beliefs, p->uuid);
    sync_file_puts(f, "</table>\n");
}

static void page_line(Report *rp, const LessonLine *l) {
    SyncFile *f = rp->html;
    const char *title = report_lesson_title(&rp->packs, l->pack, l->lesson, NULL);
    sync_file_puts(f, "<tr><td>");
    if (title) {
        report_html_user(f, title);
    } else {
        report_html_user(f, l->pack);
        sync_file_puts(f, " / ");
        report_html_user(f, l->lesson);
    }
    report_html_printf(f, "</td><td>%s</td>", RS(rp, l->completed ? RS_YES : RS_NO));
    report_html_percent_cell(f, l->has_best ? l->best : -2);
    report_html_printf(f, "<td class=\"n\">%lld</td><td class=\"n\">%lld (%lld)</td></tr>\n",
                       l->attempts, l->answers, l->correct);
}

/* Writes one learner's page, its lessons in course order, while *shown (lesson rows
 * shown so far) is under the cap. */
static void page_html(Report *rp, LearnerPage *p, size_t *shown) {
    if (!rp->html || !p->uuid || *shown >= REPORT_HTML_MAX_ROWS) return;
    SyncFile *f = rp->html;
    if (p->count) qsort(p->lines, p->count, sizeof *p->lines, cmp_line);
    sync_file_puts(f, "<section class=\"learner\"><h3>");
    report_html_user(f, p->name);
    sync_file_puts(f, "</h3>\n");
    page_facts(rp, p);
    report_html_printf(f,
                       "<table><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>\n",
                       RS(rp, RS_COL_LESSON), RS(rp, RS_COL_COMPLETED), RS(rp, RS_COL_BEST_SCORE),
                       RS(rp, RS_COL_TRIES), RS(rp, RS_COL_ANSWERS));
    for (size_t i = 0; i < p->count && *shown < REPORT_HTML_MAX_ROWS; i++, (*shown)++)
        page_line(rp, &p->lines[i]);
    sync_file_puts(f, "</table></section>\n");
}

AilResult report_section_learners(Report *rp) {
    sqlite3_stmt *st = NULL;
    AilResult r = report_prepare(rp, SQL_LEARNER_LESSONS, &st);
    if (r) return r;
    SyncFile *c = rp->csv_learners;
    if (c)
        sync_file_puts(c, "\xEF\xBB\xBFlearner,learner_id,pack,lesson,completed,best_score,"
                          "quiz_attempts,answers,correct_answers\r\n");
    if (rp->html)
        report_html_printf(rp->html, "<h2>%s</h2>\n<p class=\"muted\">%s</p>\n",
                           RS(rp, RS_LEARNERS), RS(rp, RS_LEARNERS_NOTE));
    LearnerPage page = {0};
    if (rp->html && (r = read_beliefs(rp, &page.beliefs))) {
        sqlite3_finalize(st);
        beliefs_free(&page.beliefs);
        return r;
    }
    size_t rows = 0, shown = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        char pseudo[16];
        const char *uuid = report_col_text(st, 0);
        const char *name =
            report_learner_label((const char *)sqlite3_column_text(st, 1), uuid, pseudo);
        if (c) csv_row(c, st, name);
        if (!page.uuid || strcmp(page.uuid, uuid) != 0) {
            page_html(rp, &page, &shown);
            page_clear(&page);
            page.uuid = ail_xstrdup(uuid);
            page.name = ail_xstrdup(name);
        }
        if (rp->html && shown < REPORT_HTML_MAX_ROWS) add_line(rp, &page, st);
        rows++;
    }
    page_html(rp, &page, &shown);
    page_clear(&page);
    free(page.lines);
    beliefs_free(&page.beliefs);
    if ((r = report_finish(rp, st, rc))) return r;
    report_html_capped_note(rp, shown, rows, "learners_lessons.csv");
    return AIL_OK;
}
