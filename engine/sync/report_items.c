/*
 * The report's questions: difficulty and discrimination per question, in course
 * order, with each prompt in the report's language when its pack is installed.
 *
 * Invariants:
 * - Item statistics use each learner's first answer to a question (later answers are
 *   practice). Difficulty p is the share correct; discrimination D is p among the
 *   top 27 % of learners by quiz score minus p among the bottom 27 %; the
 *   point-biserial r correlates the item with the rest of the quiz (the total
 *   without this item, so an item does not correlate with itself).
 * - A question is flagged ("check the answer key") only when at least
 *   REPORT_FEW_ANSWERS learners answered it and both its D and r are negative:
 *   strong learners miss it more than weak ones, which usually means a wrong key.
 * - Time and memory grow linearly with the data: the answers are streamed one quiz
 *   at a time, and each finds its question through a hash index, never a scan of
 *   the quiz's questions.
 */
#include "sync/report_internal.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- Item statistics ------------------------------------------------------------------- */

typedef struct {
    char *pack, *lesson, *quiz, *question, *title;
    size_t n, correct;
    double p, d, rpb;
    bool has_d, has_rpb, flagged;
    /* From the installed pack (not owned), NULL when it is not installed. */
    const char *prompt, *lesson_title, *quiz_title;
    ReportOrder order;
} ItemStat;

typedef struct {
    ItemStat *items;
    size_t count, cap;
} ItemStats;

typedef struct {
    uint32_t learner, item; /* item: index into the quiz's slice of ItemStats */
    bool success;
} Answer;

typedef struct {
    double total;
    uint32_t rank_group; /* 1 upper, 2 lower, 0 middle */
} LearnerTotal;

/* The current quiz's questions by id: open addressing over a power-of-two table of
 * item indexes (+1; 0 is an empty slot), at most half full, emptied at each quiz. So
 * each answer finds its question in constant time: scanning the quiz's questions
 * made a quiz of 160,000 questions take minutes. */
typedef struct {
    size_t *slot;
    size_t cap, count;
} ItemIndex;

static uint64_t text_hash(const char *s) {
    uint64_t h = 0xcbf29ce484222325ull;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 0x100000001b3ull;
    return h ^ (h >> 31);
}

/* The slot for question in index (empty, or holding that question). */
static size_t *item_index_slot(const ItemIndex *ix, const ItemStats *stats, const char *question) {
    /* At most half full (item_index_put): the probe meets an empty slot. */
    assert(ix->cap && (ix->cap & (ix->cap - 1)) == 0 && ix->count * 2 <= ix->cap);
    for (size_t i = text_hash(question) & (ix->cap - 1);; i = (i + 1) & (ix->cap - 1)) {
        size_t *sl = &ix->slot[i];
        if (!*sl || strcmp(stats->items[*sl - 1].question, question) == 0) return sl;
    }
}

static void item_index_clear(ItemIndex *ix) {
    if (ix->slot) memset(ix->slot, 0, ix->cap * sizeof *ix->slot);
    ix->count = 0;
}

/* Records that stats->items[item] holds question, growing the table when half full. */
static void item_index_put(ItemIndex *ix, const ItemStats *stats, size_t item) {
    if ((ix->count + 1) * 2 > ix->cap) {
        size_t *old = ix->slot, old_cap = ix->cap;
        ix->cap = old_cap ? old_cap * 2 : 256;
        ix->slot = ail_xcalloc(ix->cap, sizeof *ix->slot);
        for (size_t i = 0; i < old_cap; i++)
            if (old[i]) *item_index_slot(ix, stats, stats->items[old[i] - 1].question) = old[i];
        free(old);
    }
    *item_index_slot(ix, stats, stats->items[item].question) = item + 1;
    ix->count++;
}

static int cmp_double_desc(const void *a, const void *b) {
    double x = **(const double *const *)a, y = **(const double *const *)b;
    return x < y ? 1 : x > y ? -1 : 0;
}

/* Computes p, D and r for items[first..count) from one quiz's answers. */
static void finish_quiz(ItemStats *stats, size_t first, Answer *answers, size_t n_answers,
                        size_t n_learners) {
    if (!n_learners) return;
    LearnerTotal *lt = ail_xcalloc(n_learners, sizeof *lt);
    for (size_t i = 0; i < n_answers; i++) lt[answers[i].learner].total += answers[i].success;
    /* Rank by total: the top and bottom 27 % (at least one learner each). */
    double **order = ail_xmalloc(n_learners * sizeof *order);
    for (size_t i = 0; i < n_learners; i++) order[i] = &lt[i].total;
    qsort(order, n_learners, sizeof *order, cmp_double_desc);
    size_t g = (size_t)ceil(0.27 * (double)n_learners);
    if (g < 1) g = 1;
    if (n_learners >= 2)
        for (size_t i = 0; i < g && i < n_learners; i++) {
            ((LearnerTotal *)order[i])->rank_group = 1;
            ((LearnerTotal *)order[n_learners - 1 - i])->rank_group = 2;
        }
    free(order);
    size_t n_items = stats->count - first;
    /* Per item: n, sum y, sum xy, sum yy, sum x, upper n, upper right, lower n, lower right. */
    size_t stride = 9;
    double *sx = ail_xcalloc(n_items ? n_items * stride : 1, sizeof *sx);
    for (size_t i = 0; i < n_answers; i++) {
        double *a = sx + answers[i].item * stride;
        double x = answers[i].success, y = lt[answers[i].learner].total - x;
        a[0] += 1, a[1] += y, a[2] += x * y, a[3] += y * y, a[4] += x;
        uint32_t grp = lt[answers[i].learner].rank_group;
        if (grp == 1) a[5] += 1, a[6] += x;
        if (grp == 2) a[7] += 1, a[8] += x;
    }
    for (size_t k = 0; k < n_items; k++) {
        ItemStat *it = &stats->items[first + k];
        double *a = sx + k * stride;
        double n = a[0];
        if (n <= 0) continue;
        it->p = (double)it->correct / (double)it->n;
        if (a[5] > 0 && a[7] > 0) {
            it->d = a[6] / a[5] - a[8] / a[7];
            it->has_d = true;
        }
        double mx = a[4] / n, my = a[1] / n;
        double cov = a[2] / n - mx * my, vx = mx - mx * mx, vy = a[3] / n - my * my;
        if (vx > 1e-12 && vy > 1e-12) {
            it->rpb = cov / sqrt(vx * vy);
            it->has_rpb = true;
        }
        /* Both negative, and enough answers for that to mean something: one
         * negative number among few answers is noise, and a trainer learns to
         * ignore a report full of red. */
        it->flagged = it->n >= REPORT_FEW_ANSWERS && it->has_d && it->d < -1e-9 && it->has_rpb &&
                      it->rpb < -1e-9;
    }
    free(sx);
    free(lt);
}

static AilResult item_stats(SyncTrainerDb *t, ItemStats *stats, AilError *err) {
    sqlite3_stmt *st = NULL;
    /* The bare columns success and title come from the row of min(at): each
     * learner's first answer. */
    if (sqlite3_prepare_v2(t->db,
                           "SELECT pack_id, lesson_id, quiz_id, learner, question_id, success,"
                           " title, min(at) FROM statements WHERE verb = 'answered'"
                           " GROUP BY pack_id, lesson_id, quiz_id, learner, question_id"
                           " ORDER BY pack_id, lesson_id, quiz_id, learner, question_id",
                           -1, &st, NULL) != SQLITE_OK)
        return ail_error_set(err, AIL_ERR_IO, "reading answers: %s", sqlite3_errmsg(t->db));
    Answer *answers = NULL;
    size_t n_answers = 0, cap = 0, n_learners = 0, first = 0;
    char *cur_key = NULL, *cur_learner = NULL;
    AilBuf key;
    ail_buf_init(&key);
    ItemIndex index = {0};
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        ail_buf_clear(&key);
        ail_buf_printf(&key, "%s\x1f%s\x1f%s", report_col_text(st, 0), report_col_text(st, 1),
                       report_col_text(st, 2));
        if (!cur_key || strcmp(cur_key, key.data) != 0) {
            finish_quiz(stats, first, answers, n_answers, n_learners);
            free(cur_key);
            free(cur_learner);
            cur_key = ail_xstrdup(key.data);
            cur_learner = NULL;
            first = stats->count;
            n_answers = n_learners = 0;
            item_index_clear(&index);
        }
        const char *learner = report_col_text(st, 3);
        if (!cur_learner || strcmp(cur_learner, learner) != 0) {
            free(cur_learner);
            cur_learner = ail_xstrdup(learner);
            n_learners++;
        }
        const char *qid = report_col_text(st, 4);
        size_t *known = index.cap ? item_index_slot(&index, stats, qid) : NULL;
        size_t item = known && *known ? *known - 1 : stats->count;
        if (item == stats->count) {
            if (stats->count == stats->cap) {
                stats->cap = stats->cap ? stats->cap * 2 : 64;
                stats->items = ail_xrealloc(stats->items, stats->cap * sizeof *stats->items);
            }
            ItemStat *it = &stats->items[stats->count++];
            memset(it, 0, sizeof *it);
            it->pack = ail_xstrdup(report_col_text(st, 0));
            it->lesson = ail_xstrdup(report_col_text(st, 1));
            it->quiz = ail_xstrdup(report_col_text(st, 2));
            it->question = ail_xstrdup(qid);
            it->title = ail_xstrdup(report_col_text(st, 6));
            item_index_put(&index, stats, item);
        }
        ItemStat *it = &stats->items[item];
        bool success = sqlite3_column_int(st, 5) != 0;
        it->n++;
        it->correct += success;
        if (n_answers == cap) {
            cap = cap ? cap * 2 : 1024;
            answers = ail_xrealloc(answers, cap * sizeof *answers);
        }
        answers[n_answers++] =
            (Answer){(uint32_t)(n_learners - 1), (uint32_t)(item - first), success};
    }
    finish_quiz(stats, first, answers, n_answers, n_learners);
    free(cur_key);
    free(cur_learner);
    free(answers);
    free(index.slot);
    ail_buf_free(&key);
    AilResult r = rc == SQLITE_DONE ? AIL_OK
                                    : ail_error_set(err, AIL_ERR_IO, "reading answers: %s",
                                                    sqlite3_errmsg(t->db));
    sqlite3_finalize(st);
    return r;
}

static void item_stats_free(ItemStats *s) {
    for (size_t i = 0; i < s->count; i++) {
        ItemStat *it = &s->items[i];
        free(it->pack), free(it->lesson), free(it->quiz), free(it->question), free(it->title);
    }
    free(s->items);
}

/* ---- The section ------------------------------------------------------------------- */

static int cmp_item(const void *a, const void *b) {
    const ItemStat *x = a, *y = b;
    int c = report_order_cmp(&x->order, &y->order);
    if (c) return c;
    if ((c = strcmp(x->pack, y->pack)) || (c = strcmp(x->lesson, y->lesson)) ||
        (c = strcmp(x->quiz, y->quiz)))
        return c;
    return strcmp(x->question, y->question);
}

/* Gives each item its words and place from the installed packs, and sorts them in
 * course order (the ones not installed after, by ids). */
static void items_in_course_order(const ReportPacks *packs, ItemStats *stats) {
    for (size_t i = 0; i < stats->count; i++) {
        ItemStat *it = &stats->items[i];
        it->prompt =
            report_question_prompt(packs, it->pack, it->lesson, it->quiz, it->question, &it->order);
        it->lesson_title = report_lesson_title(packs, it->pack, it->lesson, NULL);
        it->quiz_title = report_quiz_title(packs, it->pack, it->lesson, it->quiz, NULL);
    }
    if (stats->count) qsort(stats->items, stats->count, sizeof *stats->items, cmp_item);
}

static void items_csv(SyncFile *c, const ItemStats *stats) {
    sync_file_puts(c, "\xEF\xBB\xBFpack,lesson,quiz,question,prompt,answered,correct,difficulty_p,"
                      "discrimination_d,point_biserial,flag\r\n");
    for (size_t i = 0; i < stats->count; i++) {
        const ItemStat *it = &stats->items[i];
        report_csv_text(c, it->pack, false);
        report_csv_text(c, it->lesson, false);
        report_csv_text(c, it->quiz, false);
        report_csv_text(c, it->question, false);
        report_csv_text(c, it->prompt ? it->prompt : it->title, false);
        report_csv_num(c, (double)it->n, true, false);
        report_csv_num(c, (double)it->correct, true, false);
        report_csv_num(c, it->p, true, false);
        report_csv_num(c, it->d, it->has_d, false);
        report_csv_num(c, it->rpb, it->has_rpb, false);
        report_csv_text(c, it->flagged ? "negative discrimination: check the answer key" : "",
                        true);
    }
}

/* The quiz an item belongs to: lesson and quiz titles when installed, else ids. */
static void item_quiz_cell(SyncFile *f, const ItemStat *it) {
    if (it->lesson_title && it->quiz_title) {
        report_html_user(f, it->lesson_title);
        sync_file_puts(f, " › ");
        report_html_user(f, it->quiz_title);
        return;
    }
    report_html_user(f, it->pack);
    sync_file_puts(f, " / ");
    report_html_user(f, it->lesson);
    sync_file_puts(f, " / ");
    report_html_user(f, it->quiz);
}

static void item_row(Report *rp, const ItemStat *it) {
    SyncFile *f = rp->html;
    sync_file_puts(f, it->flagged ? "<tr class=\"flag\"><td>" : "<tr><td>");
    item_quiz_cell(f, it);
    sync_file_puts(f, "</td><td>");
    if (it->prompt) {
        report_html_user(f, it->prompt);
    } else {
        report_html_user(f, it->question);
        if (*it->title) sync_file_puts(f, ": "), report_html_user(f, it->title);
    }
    report_html_printf(f, "</td><td class=\"n\">%zu</td><td class=\"n\">%.2f</td>", it->n, it->p);
    if (it->has_d)
        report_html_printf(f, "<td class=\"n\">%.2f</td>", it->d);
    else
        sync_file_puts(f, "<td class=\"n\">–</td>");
    if (it->has_rpb)
        report_html_printf(f, "<td class=\"n\">%.2f</td>", it->rpb);
    else
        sync_file_puts(f, "<td class=\"n\">–</td>");
    report_html_printf(f,
                       "<td><svg width=\"104\" height=\"14\" role=\"img\"><title>p = %.2f</title>"
                       "<rect width=\"100\" height=\"12\" fill=\"#eee\"/><rect width=\"%.1f\" "
                       "height=\"12\" fill=\"#2b6cb0\"/></svg></td><td>",
                       it->p, 100 * it->p);
    if (it->flagged)
        report_html_printf(f, "<span class=\"flag-note\">⚠ %s</span>", RS(rp, RS_CHECK_KEY));
    sync_file_puts(f, "</td></tr>\n");
}

static void items_html(Report *rp, const ItemStats *stats) {
    SyncFile *f = rp->html;
    report_html_printf(f, "<h2>%s</h2>\n", RS(rp, RS_ITEMS));
    size_t flagged = 0, few = 0;
    for (size_t i = 0; i < stats->count; i++) {
        flagged += stats->items[i].flagged;
        few += stats->items[i].n < REPORT_FEW_ANSWERS;
    }
    if (few) {
        sync_file_puts(f, "<p class=\"muted\">");
        report_html_say(f, RS(rp, RS_FEW_ANSWERS), REPORT_FEW_ANSWERS, few);
        sync_file_puts(f, "</p>\n");
    }
    if (flagged) {
        sync_file_puts(f, "<p class=\"flag-note\">");
        report_html_say(f, RS(rp, RS_FLAGGED), flagged);
        sync_file_puts(f, "</p>\n");
    }
    if (!stats->count) {
        report_html_printf(f, "<p>%s</p>\n", RS(rp, RS_NO_ANSWERS));
        return;
    }
    report_html_printf(f,
                       "<table><tr><th>%s</th><th>%s</th><th>%s</th><th>p</th><th>D</th>"
                       "<th>r</th><th>%s</th><th></th></tr>\n",
                       RS(rp, RS_COL_QUIZ), RS(rp, RS_COL_QUESTION), RS(rp, RS_COL_ANSWERED),
                       RS(rp, RS_COL_DIFFICULTY));
    size_t shown = stats->count < REPORT_HTML_MAX_ROWS ? stats->count : REPORT_HTML_MAX_ROWS;
    for (size_t i = 0; i < shown; i++) item_row(rp, &stats->items[i]);
    sync_file_puts(f, "</table>\n");
    report_html_capped_note(rp, shown, stats->count, "questions.csv");
}

AilResult report_section_items(Report *rp) {
    ItemStats stats = {0};
    AilResult r = item_stats(rp->t, &stats, rp->err);
    if (!r) {
        items_in_course_order(&rp->packs, &stats);
        if (rp->csv_items) items_csv(rp->csv_items, &stats);
        if (rp->html) items_html(rp, &stats);
    }
    item_stats_free(&stats);
    return r;
}
