/*
 * The report's quizzes: per quiz the pass rate, the average first-attempt and best
 * score, attempts per learner, passed and not passed; and where a pack marks a
 * pre-test and a post-test ("role", courses/FORMAT.md) each learner's gain from one
 * to the other and the group's.
 *
 * Invariants:
 * - A quiz's role comes from its installed pack, else from its statements (the pack
 *   context extension carries it since the role was added), so a trainer without
 *   the packs still sees the gain.
 * - The gain compares first attempts: the pre-test shows what a learner knew before
 *   the teaching, and a post-test taken again after its feedback would measure the
 *   feedback, not the teaching.
 * - Memory holds a row per quiz and a row per learner who took a pre- or post-test;
 *   the learners' pages read those rows (Report.gains, sorted by learner, pack).
 */
#include "sync/report_internal.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Each learner's attempts at each quiz: how many, the best score, the first score
 * (the one with the earliest time: "time score" sorts by time), passed once. */
static const char SQL_QUIZ_LEARNERS[] =
    "SELECT pack_id, lesson_id, quiz_id, learner, count(*),"
    " max(CASE WHEN scaled BETWEEN -1 AND 1 THEN scaled END),"
    " min(CASE WHEN scaled BETWEEN -1 AND 1 THEN at || ' ' || scaled END),"
    " max(verb = 'passed'), max(title)"
    " FROM statements WHERE verb IN ('passed', 'failed') AND quiz_id IS NOT NULL"
    " GROUP BY pack_id, lesson_id, quiz_id, learner ORDER BY pack_id, lesson_id, quiz_id, learner";

/* Each quiz's role as its first statement carries it (one body read per quiz). */
static const char SQL_QUIZ_ROLES[] =
    "SELECT q.pack_id, q.lesson_id, q.quiz_id, json_extract(b.body, "
    "'$.context.extensions.\"" PROGRESS_XAPI_IRI
    "/extensions/pack\".role') FROM (SELECT pack_id, lesson_id, quiz_id, min(row) AS first"
    " FROM statements WHERE verb IN ('passed', 'failed') AND quiz_id IS NOT NULL"
    " GROUP BY pack_id, lesson_id, quiz_id) q JOIN bodies b ON b.row = q.first"
    " WHERE json_valid(b.body)";

static const char SQL_LEARNER_NAME[] = "SELECT name FROM learners WHERE uuid = ?1";

typedef struct {
    char *pack, *lesson, *quiz, *title;
    const char *words; /* "lesson › quiz" from the installed pack, or NULL */
    ReportOrder order;
    QuizRole role;
    size_t learners, passed, attempts, n_first, n_best;
    double sum_first, sum_best;
} QuizRow;

typedef struct {
    QuizRow *rows;
    size_t count, cap;
    /* roles read from statements: "pack\x1flesson\x1fquiz" and its role */
    char **role_keys;
    QuizRole *roles;
    size_t role_count;
} Quizzes;

static void quizzes_free(Quizzes *q) {
    for (size_t i = 0; i < q->count; i++)
        free(q->rows[i].pack), free(q->rows[i].lesson), free(q->rows[i].quiz),
            free(q->rows[i].title), free((char *)q->rows[i].words);
    for (size_t i = 0; i < q->role_count; i++) free(q->role_keys[i]);
    free(q->rows), free(q->role_keys), free(q->roles);
}

static char *quiz_key(const char *pack, const char *lesson, const char *quiz) {
    AilBuf b;
    ail_buf_init(&b);
    ail_buf_printf(&b, "%s\x1f%s\x1f%s", pack, lesson, quiz);
    return b.data;
}

static AilResult read_roles(Report *rp, Quizzes *q) {
    sqlite3_stmt *st = NULL;
    AilResult r = report_prepare(rp, SQL_QUIZ_ROLES, &st);
    if (r) return r;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *role = report_col_text(st, 3);
        QuizRole v = strcmp(role, "pre") == 0    ? QUIZ_ROLE_PRE
                     : strcmp(role, "post") == 0 ? QUIZ_ROLE_POST
                                                 : QUIZ_ROLE_NONE;
        if (v == QUIZ_ROLE_NONE) continue;
        q->role_keys = ail_xrealloc(q->role_keys, (q->role_count + 1) * sizeof *q->role_keys);
        q->roles = ail_xrealloc(q->roles, (q->role_count + 1) * sizeof *q->roles);
        q->role_keys[q->role_count] =
            quiz_key(report_col_text(st, 0), report_col_text(st, 1), report_col_text(st, 2));
        q->roles[q->role_count++] = v;
    }
    return report_finish(rp, st, rc);
}

/* The quiz's role: its installed pack's, else what its statements say. */
static QuizRole quiz_role(const Report *rp, const Quizzes *q, const QuizRow *row) {
    if (row->order.pack != INT_MAX)
        return report_quiz_role(&rp->packs, row->pack, row->lesson, row->quiz);
    char *key = quiz_key(row->pack, row->lesson, row->quiz);
    QuizRole role = QUIZ_ROLE_NONE;
    for (size_t i = 0; i < q->role_count && role == QUIZ_ROLE_NONE; i++)
        if (strcmp(q->role_keys[i], key) == 0) role = q->roles[i];
    free(key);
    return role;
}

static QuizRow *new_quiz(Report *rp, Quizzes *q, sqlite3_stmt *st) {
    if (q->count == q->cap)
        q->rows = ail_xrealloc(q->rows, (q->cap = q->cap ? q->cap * 2 : 16) * sizeof *q->rows);
    QuizRow *row = &q->rows[q->count++];
    memset(row, 0, sizeof *row);
    row->pack = ail_xstrdup(report_col_text(st, 0));
    row->lesson = ail_xstrdup(report_col_text(st, 1));
    row->quiz = ail_xstrdup(report_col_text(st, 2));
    row->title = ail_xstrdup(report_col_text(st, 8));
    const char *quiz_title =
        report_quiz_title(&rp->packs, row->pack, row->lesson, row->quiz, &row->order);
    const char *lesson_title = report_lesson_title(&rp->packs, row->pack, row->lesson, NULL);
    if (quiz_title && lesson_title) {
        AilBuf b;
        ail_buf_init(&b);
        ail_buf_printf(&b, "%s › %s", lesson_title, quiz_title);
        row->words = b.data;
    }
    row->role = quiz_role(rp, q, row);
    return row;
}

static void add_gain(Report *rp, const QuizRow *quiz, const char *learner, double first) {
    if (quiz->role == QUIZ_ROLE_NONE) return;
    rp->gains = ail_xrealloc(rp->gains, (rp->gain_count + 1) * sizeof *rp->gains);
    ReportGain *g = &rp->gains[rp->gain_count++];
    *g = (ReportGain){ail_xstrdup(learner), ail_xstrdup(quiz->pack), NULL, -2, -2};
    if (quiz->role == QUIZ_ROLE_PRE)
        g->pre = first;
    else
        g->post = first;
}

/* Adds one learner's attempts at the current quiz (a row of SQL_QUIZ_LEARNERS). */
static void add_learner(Report *rp, QuizRow *row, sqlite3_stmt *st) {
    row->learners++;
    row->attempts += (size_t)sqlite3_column_int64(st, 4);
    row->passed += sqlite3_column_int(st, 7) != 0;
    if (sqlite3_column_type(st, 5) != SQLITE_NULL)
        row->sum_best += sqlite3_column_double(st, 5), row->n_best++;
    const char *first = (const char *)sqlite3_column_text(st, 6);
    const char *space = first ? strrchr(first, ' ') : NULL;
    double score = space ? strtod(space + 1, NULL) : -2;
    if (space) row->sum_first += score, row->n_first++;
    add_gain(rp, row, report_col_text(st, 3), score);
}

static int cmp_quiz(const void *a, const void *b) {
    const QuizRow *x = a, *y = b;
    int c = report_order_cmp(&x->order, &y->order);
    if (c || (c = strcmp(x->pack, y->pack)) || (c = strcmp(x->lesson, y->lesson))) return c;
    return strcmp(x->quiz, y->quiz);
}

static AilResult read_quizzes(Report *rp, Quizzes *q) {
    AilResult r = read_roles(rp, q);
    sqlite3_stmt *st = NULL;
    if (r || (r = report_prepare(rp, SQL_QUIZ_LEARNERS, &st))) return r;
    QuizRow *row = NULL;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (!row || strcmp(row->pack, report_col_text(st, 0)) ||
            strcmp(row->lesson, report_col_text(st, 1)) ||
            strcmp(row->quiz, report_col_text(st, 2)))
            row = new_quiz(rp, q, st);
        add_learner(rp, row, st);
    }
    if ((r = report_finish(rp, st, rc))) return r;
    if (q->count) qsort(q->rows, q->count, sizeof *q->rows, cmp_quiz);
    return AIL_OK;
}

/* ---- Quizzes: CSV and HTML ------------------------------------------------------------- */

static double mean(double sum, size_t n) { return n ? sum / (double)n : -2; }

static void quizzes_csv(SyncFile *c, const Quizzes *q) {
    sync_file_puts(c, "\xEF\xBB\xBFpack,lesson,quiz,title,role,learners,passed,not_passed,"
                      "pass_rate,mean_first_score,mean_best_score,attempts_per_learner\r\n");
    for (size_t i = 0; i < q->count; i++) {
        const QuizRow *row = &q->rows[i];
        report_csv_text(c, row->pack, false);
        report_csv_text(c, row->lesson, false);
        report_csv_text(c, row->quiz, false);
        report_csv_text(c, row->words ? row->words : row->title, false);
        report_csv_text(c, course_quiz_role_name(row->role), false);
        report_csv_num(c, (double)row->learners, true, false);
        report_csv_num(c, (double)row->passed, true, false);
        report_csv_num(c, (double)(row->learners - row->passed), true, false);
        report_csv_num(c, mean((double)row->passed, row->learners), row->learners, false);
        report_csv_num(c, mean(row->sum_first, row->n_first), row->n_first, false);
        report_csv_num(c, mean(row->sum_best, row->n_best), row->n_best, false);
        report_csv_num(c, mean((double)row->attempts, row->learners), row->learners, true);
    }
}

static void quiz_html_row(Report *rp, const QuizRow *row) {
    SyncFile *f = rp->html;
    sync_file_puts(f, "<tr><td>");
    if (row->words) {
        report_html_user(f, row->words);
    } else {
        report_html_user(f, row->pack);
        sync_file_puts(f, " / ");
        report_html_user(f, row->lesson);
        sync_file_puts(f, " / ");
        report_html_user(f, row->quiz);
    }
    if (row->role != QUIZ_ROLE_NONE)
        report_html_printf(f, " <span class=\"muted\">(%s)</span>",
                           RS(rp, row->role == QUIZ_ROLE_PRE ? RS_COL_PRE : RS_COL_POST));
    report_html_printf(f, "</td><td class=\"n\">%zu</td>", row->learners);
    report_html_percent_cell(f, mean((double)row->passed, row->learners));
    report_html_printf(f, "<td class=\"n\">%zu</td><td class=\"n\">%zu</td>", row->passed,
                       row->learners - row->passed);
    report_html_percent_cell(f, mean(row->sum_first, row->n_first));
    report_html_percent_cell(f, mean(row->sum_best, row->n_best));
    report_html_printf(f, "<td class=\"n\">%.1f</td></tr>\n",
                       mean((double)row->attempts, row->learners));
}

static void quizzes_html(Report *rp, const Quizzes *q) {
    SyncFile *f = rp->html;
    report_html_printf(f, "<h2>%s</h2>\n<p class=\"muted\">%s</p>\n", RS(rp, RS_QUIZZES),
                       RS(rp, RS_QUIZZES_NOTE));
    if (!q->count) {
        report_html_printf(f, "<p>%s</p>\n", RS(rp, RS_NO_QUIZ));
        return;
    }
    report_html_printf(f,
                       "<table><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
                       "<th>%s</th><th>%s</th><th>%s</th></tr>\n",
                       RS(rp, RS_COL_QUIZ), RS(rp, RS_COL_LEARNERS), RS(rp, RS_COL_PASS_RATE),
                       RS(rp, RS_COL_PASSED), RS(rp, RS_COL_FAILED), RS(rp, RS_COL_FIRST),
                       RS(rp, RS_COL_BEST), RS(rp, RS_COL_ATTEMPTS));
    size_t shown = q->count < REPORT_HTML_MAX_ROWS ? q->count : REPORT_HTML_MAX_ROWS;
    for (size_t i = 0; i < shown; i++) quiz_html_row(rp, &q->rows[i]);
    sync_file_puts(f, "</table>\n");
    report_html_capped_note(rp, shown, q->count, "quizzes.csv");
}

/* ---- Pre-test → post-test ------------------------------------------------------------- */

static int cmp_gain_learner(const void *a, const void *b) {
    const ReportGain *x = a, *y = b;
    int c = strcmp(x->learner, y->learner);
    return c ? c : strcmp(x->pack, y->pack);
}

static int cmp_gain_pack_name(const void *a, const void *b) {
    const ReportGain *x = a, *y = b;
    int c = strcmp(x->pack, y->pack);
    if (!c) c = strcmp(x->name ? x->name : "", y->name ? y->name : "");
    return c ? c : strcmp(x->learner, y->learner);
}

/* Joins each learner's pre-test and post-test rows of a pack into one, and names
 * the learners (roster name or pseudonym). */
static AilResult pair_gains(Report *rp) {
    if (!rp->gain_count) return AIL_OK;
    qsort(rp->gains, rp->gain_count, sizeof *rp->gains, cmp_gain_learner);
    size_t out = 0;
    for (size_t i = 0; i < rp->gain_count; i++) {
        ReportGain *g = &rp->gains[i], *last = out ? &rp->gains[out - 1] : NULL;
        if (last && !strcmp(last->learner, g->learner) && !strcmp(last->pack, g->pack)) {
            if (last->pre < -1) last->pre = g->pre;
            if (last->post < -1) last->post = g->post;
            free(g->learner), free(g->pack);
            continue;
        }
        rp->gains[out++] = *g;
    }
    rp->gain_count = out;
    sqlite3_stmt *st = NULL;
    AilResult r = report_prepare(rp, SQL_LEARNER_NAME, &st);
    int rc = SQLITE_DONE;
    for (size_t i = 0; !r && i < rp->gain_count && rc == SQLITE_DONE; i++) {
        ReportGain *g = &rp->gains[i];
        char pseudo[16];
        sqlite3_reset(st);
        rc = sqlite3_bind_text(st, 1, g->learner, -1, SQLITE_STATIC) == SQLITE_OK ? sqlite3_step(st)
                                                                                  : SQLITE_ERROR;
        const char *name = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
        g->name = ail_xstrdup(report_learner_label(name, g->learner, pseudo));
        if (rc == SQLITE_ROW) rc = SQLITE_DONE;
    }
    return r ? r : report_finish(rp, st, rc);
}

static void gains_csv(SyncFile *c, const ReportGain *g, size_t count) {
    sync_file_puts(c, "\xEF\xBB\xBFpack,learner,learner_id,pre_score,post_score,gain\r\n");
    for (size_t i = 0; i < count; i++) {
        bool both = g[i].pre >= -1 && g[i].post >= -1;
        report_csv_text(c, g[i].pack, false);
        report_csv_text(c, g[i].name, false);
        report_csv_text(c, g[i].learner, false);
        report_csv_num(c, g[i].pre, g[i].pre >= -1, false);
        report_csv_num(c, g[i].post, g[i].post >= -1, false);
        report_csv_num(c, g[i].post - g[i].pre, both, true);
    }
}

static void gain_cells(SyncFile *f, double pre, double post) {
    report_html_percent_cell(f, pre);
    report_html_percent_cell(f, post);
    if (pre >= -1 && post >= -1)
        report_html_printf(f, "<td class=\"n\">%+.0f</td>", 100 * (post - pre));
    else
        sync_file_puts(f, "<td></td>");
}

/* One pack's pairs g[0..count): the group's means, then a row per learner. */
static void gains_pack_html(Report *rp, const ReportGain *g, size_t count, size_t *shown) {
    SyncFile *f = rp->html;
    const char *title = report_pack_title(&rp->packs, g[0].pack, NULL);
    sync_file_puts(f, "<h3>");
    report_html_user(f, title ? title : g[0].pack);
    sync_file_puts(f, "</h3>\n");
    double pre = 0, post = 0;
    size_t both = 0;
    for (size_t i = 0; i < count; i++)
        if (g[i].pre >= -1 && g[i].post >= -1) pre += g[i].pre, post += g[i].post, both++;
    sync_file_puts(f, "<p>");
    report_html_say(f, RS(rp, RS_GAIN_GROUP), both);
    report_html_printf(f,
                       "</p>\n<table><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>\n"
                       "<tr class=\"group\"><td><b>%s</b></td>",
                       RS(rp, RS_COL_LEARNER), RS(rp, RS_COL_PRE), RS(rp, RS_COL_POST),
                       RS(rp, RS_COL_GAIN), RS(rp, RS_GROUP));
    gain_cells(f, mean(pre, both), mean(post, both));
    sync_file_puts(f, "</tr>\n");
    for (size_t i = 0; i < count && *shown < REPORT_HTML_MAX_ROWS; i++, (*shown)++) {
        sync_file_puts(f, "<tr><td>");
        report_html_user(f, g[i].name);
        sync_file_puts(f, "</td>");
        gain_cells(f, g[i].pre, g[i].post);
        sync_file_puts(f, "</tr>\n");
    }
    sync_file_puts(f, "</table>\n");
}

static void gains_html(Report *rp, const ReportGain *g, size_t count) {
    SyncFile *f = rp->html;
    report_html_printf(f, "<h2>%s</h2>\n<p class=\"muted\">%s</p>\n", RS(rp, RS_GAIN),
                       RS(rp, RS_GAIN_NOTE));
    size_t shown = 0;
    for (size_t i = 0, end; i < count; i = end) {
        for (end = i + 1; end < count && !strcmp(g[end].pack, g[i].pack);) end++;
        gains_pack_html(rp, g + i, end - i, &shown);
    }
    report_html_capped_note(rp, shown, count, "pre_post.csv");
}

/* The pre/post section (only where a pack marks the pair); leaves rp->gains sorted
 * by learner and pack for the learners' pages. */
static AilResult section_gains(Report *rp) {
    AilResult r = pair_gains(rp);
    if (r) return r;
    if (rp->gain_count) qsort(rp->gains, rp->gain_count, sizeof *rp->gains, cmp_gain_pack_name);
    if (rp->csv_gain) gains_csv(rp->csv_gain, rp->gains, rp->gain_count);
    if (rp->html && rp->gain_count) gains_html(rp, rp->gains, rp->gain_count);
    if (rp->gain_count) qsort(rp->gains, rp->gain_count, sizeof *rp->gains, cmp_gain_learner);
    return AIL_OK;
}

AilResult report_section_quizzes(Report *rp) {
    Quizzes q = {0};
    AilResult r = read_quizzes(rp, &q);
    if (!r && rp->csv_quizzes) quizzes_csv(rp->csv_quizzes, &q);
    if (!r && rp->html) quizzes_html(rp, &q);
    quizzes_free(&q);
    return r ? r : section_gains(rp);
}

void report_gains_free(Report *rp) {
    for (size_t i = 0; i < rp->gain_count; i++)
        free(rp->gains[i].learner), free(rp->gains[i].pack), free(rp->gains[i].name);
    free(rp->gains);
    rp->gains = NULL;
    rp->gain_count = 0;
}
