/*
 * ailit report: what a trainer reads after merging progress files — CSV for a
 * spreadsheet and one self-contained HTML page with inline SVG charts.
 *
 * Invariants:
 * - Everything is computed by SQL over the trainer database, streaming; the only
 *   thing held in memory is one quiz's answers at a time and one row per question.
 * - Item statistics use each learner's first answer to a question (later answers are
 *   practice). Difficulty p is the share correct; discrimination D is p among the
 *   top 27 % of learners by quiz score minus p among the bottom 27 %; the
 *   point-biserial r correlates the item with the rest of the quiz (the total
 *   without this item, so an item does not correlate with itself). A negative D or
 *   r flags the item: strong learners miss it more than weak ones, which usually
 *   means a wrong answer key.
 * - Learners appear by the name in the newest roster, or by a pseudonym made from
 *   their UUID ("L-3F2A9C") when they were only ever exported anonymously.
 * - CSV is UTF-8 with a byte-order mark, CRLF line ends, every text field quoted
 *   with quotes doubled, and text starting with = + - @ (ASCII or full-width),
 *   a space, tab, line feed or carriage return guarded with a leading ' so that no
 *   spreadsheet runs it as a formula.
 * - Text from progress files never carries bidi controls into a report (U+202A..E,
 *   U+2066..9, U+200E/F, U+061C are removed), so a name cannot reorder the columns
 *   around it; in HTML each such text is also isolated in <bdi>.
 * - The HTML has no scripts and loads nothing: styles and charts are inline. Its
 *   tables and charts show at most REPORT_HTML_MAX_ROWS rows, with a note; the CSV
 *   files have every row.
 * - Time and memory grow linearly with the data: each answer finds its question
 *   through a hash index, never a scan of the quiz's questions.
 * - Demo pages (demos.csv) are counted from "interacted" statements, one each time a
 *   learner leaves a demo they used; the page and the demo's name come from those
 *   few statements' bytes.
 */
#include "sync/sync_internal.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- Output helpers ------------------------------------------------------------------- */

static void html_printf(SyncFile *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The length of the bidi control character at p (U+202A..U+202E, U+2066..U+2069,
 * U+200E, U+200F, U+061C), or 0 when p starts something else. */
static size_t bidi_control_len(const char *p) {
    const unsigned char *u = (const unsigned char *)p;
    if (u[0] == 0xD8 && u[1] == 0x9C) return 2;
    if (u[0] != 0xE2) return 0;
    if (u[1] == 0x80 && ((u[2] >= 0xAA && u[2] <= 0xAE) || u[2] == 0x8E || u[2] == 0x8F)) return 3;
    if (u[1] == 0x81 && u[2] >= 0xA6 && u[2] <= 0xA9) return 3;
    return 0;
}

/* p past any bidi controls. */
static const char *skip_bidi(const char *p) {
    for (size_t n; (n = bidi_control_len(p)) != 0;) p += n;
    return p;
}

/* True when a spreadsheet could take text starting at p for a formula: = + - @, their
 * full-width forms (U+FF1D, U+FF0B, U+FF0D, U+FF20), or a space, tab, line feed or
 * carriage return before one (OWASP's CSV injection list, and what Excel trims). */
static bool csv_needs_guard(const char *p) {
    const unsigned char *u = (const unsigned char *)p;
    if (*u && strchr("=+-@ \t\r\n", *u)) return true;
    return u[0] == 0xEF && u[1] == 0xBC &&
           (u[2] == 0x9D || u[2] == 0x8B || u[2] == 0x8D || u[2] == 0xA0);
}

static void csv_text(SyncFile *f, const char *s, bool last) {
    if (!s) s = "";
    sync_file_write(f, "\"", 1);
    if (csv_needs_guard(skip_bidi(s))) sync_file_write(f, "'", 1);
    const char *run = s;
    for (const char *p = s; *p;) {
        size_t bidi = bidi_control_len(p);
        if (!bidi && *p != '"') {
            p++;
            continue;
        }
        sync_file_write(f, run, (size_t)(p - run));
        if (bidi)
            p += bidi;
        else
            sync_file_write(f, "\"\"", 2), p++;
        run = p;
    }
    sync_file_puts(f, run);
    sync_file_puts(f, last ? "\"\r\n" : "\",");
}

static void csv_num(SyncFile *f, double v, bool present, bool last) {
    char b[64];
    /* Counts as integers, ratios with four decimals: never "4.508e+04", which a
     * spreadsheet in some locales reads as text. */
    if (present && v == floor(v) && fabs(v) < 1e15)
        snprintf(b, sizeof b, "%.0f%s", v, last ? "\r\n" : ",");
    else if (present)
        snprintf(b, sizeof b, "%.4f%s", v, last ? "\r\n" : ",");
    else
        snprintf(b, sizeof b, "%s", last ? "\r\n" : ",");
    sync_file_puts(f, b);
}

/* Writes s escaped for HTML text and attributes, without bidi controls. */
static void html_text(SyncFile *f, const char *s) {
    if (!s) return;
    const char *run = s;
    for (const char *p = s; *p;) {
        size_t bidi = bidi_control_len(p);
        const char *rep = bidi         ? ""
                          : *p == '&'  ? "&amp;"
                          : *p == '<'  ? "&lt;"
                          : *p == '>'  ? "&gt;"
                          : *p == '"'  ? "&quot;"
                          : *p == '\'' ? "&#39;"
                                       : NULL;
        if (!rep) {
            p++;
            continue;
        }
        sync_file_write(f, run, (size_t)(p - run));
        sync_file_puts(f, rep);
        p += bidi ? bidi : 1;
        run = p;
    }
    sync_file_puts(f, run);
}

/* Text from a progress file in an HTML table: escaped, and isolated in <bdi> so that
 * right-to-left text never moves what stands beside it in the cell. */
static void html_user(SyncFile *f, const char *s) {
    sync_file_puts(f, "<bdi>");
    html_text(f, s);
    sync_file_puts(f, "</bdi>");
}

/* Below the last row shown of a capped table or chart. */
static void html_capped_note(SyncFile *f, size_t shown, size_t all, const char *csv) {
    if (all <= shown) return;
    html_printf(f,
                "<p class=\"cap-note\">Showing the first %zu of %zu rows; the CSV file %s has them "
                "all.</p>\n",
                shown, all, csv);
}

static void html_printf(SyncFile *f, const char *fmt, ...) {
    char b[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(b, sizeof b, fmt, ap);
    va_end(ap);
    if (n > 0) sync_file_write(f, b, (size_t)n < sizeof b ? (size_t)n : sizeof b - 1);
}

static const char *col_text(sqlite3_stmt *st, int i) {
    const char *t = (const char *)sqlite3_column_text(st, i);
    return t ? t : "";
}

/* The name a trainer sees for learner uuid: roster name or pseudonym. */
static const char *learner_label(const char *name, const char *uuid, char pseudo[16]) {
    if (name && *name) return name;
    snprintf(pseudo, 16, "L-");
    /* Hex digits only: a database merged by an older ailit may hold an actor that is
     * no UUID, and a pseudonym must never be half a character. */
    for (int i = 0, k = 2; uuid[i] && k < 8; i++)
        if (strchr("0123456789abcdefABCDEF", uuid[i]))
            pseudo[k++] = (char)(uuid[i] >= 'a' && uuid[i] <= 'f' ? uuid[i] - 32 : uuid[i]),
            pseudo[k] = '\0';
    return pseudo;
}

/* Below this many answers a question's D and r are noted as unreliable. */
#define REPORT_FEW_ANSWERS 10
/* The HTML shows at most this many rows of a table or chart (a browser slows to a
 * crawl past some thousands); the CSV files have them all. */
#define REPORT_HTML_MAX_ROWS 2000

/* ---- Item statistics ------------------------------------------------------------------- */

typedef struct {
    char *pack, *lesson, *quiz, *question, *title;
    size_t n, correct;
    double p, d, rpb;
    bool has_d, has_rpb, flagged;
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
        it->flagged = (it->has_d && it->d < -1e-9) || (it->has_rpb && it->rpb < -1e-9);
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
        ail_buf_printf(&key, "%s\x1f%s\x1f%s", col_text(st, 0), col_text(st, 1), col_text(st, 2));
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
        const char *learner = col_text(st, 3);
        if (!cur_learner || strcmp(cur_learner, learner) != 0) {
            free(cur_learner);
            cur_learner = ail_xstrdup(learner);
            n_learners++;
        }
        const char *qid = col_text(st, 4);
        size_t *known = index.cap ? item_index_slot(&index, stats, qid) : NULL;
        size_t item = known && *known ? *known - 1 : stats->count;
        if (item == stats->count) {
            if (stats->count == stats->cap) {
                stats->cap = stats->cap ? stats->cap * 2 : 64;
                stats->items = ail_xrealloc(stats->items, stats->cap * sizeof *stats->items);
            }
            ItemStat *it = &stats->items[stats->count++];
            memset(it, 0, sizeof *it);
            it->pack = ail_xstrdup(col_text(st, 0));
            it->lesson = ail_xstrdup(col_text(st, 1));
            it->quiz = ail_xstrdup(col_text(st, 2));
            it->question = ail_xstrdup(qid);
            it->title = ail_xstrdup(col_text(st, 6));
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

/* ---- The queries ------------------------------------------------------------------------ */

static const char SQL_LESSONS[] =
    "SELECT pack_id, lesson_id, max(CASE WHEN verb IN ('completed', 'progressed') THEN title END),"
    " count(DISTINCT CASE WHEN verb = 'completed' THEN learner END), count(DISTINCT learner)"
    " FROM statements GROUP BY pack_id, lesson_id ORDER BY pack_id, lesson_id";

static const char SQL_LEARNER_LESSONS[] =
    "SELECT s.learner, l.name, s.pack_id, s.lesson_id, max(s.verb = 'completed'),"
    " max(CASE WHEN s.verb IN ('passed', 'failed') AND s.scaled BETWEEN -1 AND 1"
    "  THEN s.scaled END),"
    " sum(s.verb IN ('passed', 'failed')), sum(s.verb = 'answered'),"
    " sum(s.verb = 'answered' AND s.success = 1)"
    " FROM statements s LEFT JOIN learners l ON l.uuid = s.learner"
    " GROUP BY s.learner, s.pack_id, s.lesson_id"
    " ORDER BY coalesce(l.name, s.learner), s.learner, s.pack_id, s.lesson_id";

static const char SQL_SCORES[] =
    "SELECT min(CAST(best * 10 AS INTEGER), 9), count(*) FROM (SELECT max(scaled) AS best"
    " FROM statements WHERE verb IN ('passed', 'failed') AND scaled BETWEEN -1 AND 1"
    " GROUP BY learner, pack_id, lesson_id, quiz_id) GROUP BY 1";

static const char SQL_MISCONCEPTIONS[] =
    "SELECT misconception, count(*), count(DISTINCT learner) FROM statements"
    " WHERE misconception IS NOT NULL GROUP BY misconception ORDER BY 2 DESC, 1";

static const char SQL_TOTALS[] =
    "SELECT (SELECT count(*) FROM statements), (SELECT count(DISTINCT learner) FROM statements),"
    " (SELECT count(*) FROM devices), (SELECT count(*) FROM conflicts)";

typedef struct {
    SyncTrainerDb *t;
    SyncFile *html; /* NULL when not wanted */
    SyncFile *csv_lessons, *csv_learners, *csv_items, *csv_misc, *csv_demos;
    AilError *err;
} Report;

static AilResult prepare(Report *rp, const char *sql, sqlite3_stmt **st) {
    if (sqlite3_prepare_v2(rp->t->db, sql, -1, st, NULL) != SQLITE_OK)
        return ail_error_set(rp->err, AIL_ERR_IO, "reading the trainer database: %s",
                             sqlite3_errmsg(rp->t->db));
    return AIL_OK;
}

/* Finalizes st; AIL_OK when its last step rc was SQLITE_DONE, else the error (an
 * interrupted or failing read must not leave a report that looks complete). */
static AilResult finish(Report *rp, sqlite3_stmt *st, int rc) {
    AilResult r = AIL_OK;
    if (rc != SQLITE_DONE)
        r = ail_error_set(rp->err, AIL_ERR_IO, "reading the trainer database: %s",
                          sqlite3_errmsg(rp->t->db));
    sqlite3_finalize(st);
    return r;
}

/* ---- HTML pieces --------------------------------------------------------------------------- */

static const char HTML_HEAD[] =
    "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    "<title>ailit progress report</title><style>"
    "body{font-family:sans-serif;margin:1.5em;max-width:70em;color:#222}"
    "h2{margin-top:2em;border-bottom:1px solid #ccc}"
    "table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.25em .5em;"
    "text-align:left;vertical-align:top}td.n{text-align:right;font-variant-numeric:tabular-nums}"
    "tr.flag td{background:#fde2e1}.flag-note{color:#a40000;font-weight:bold}"
    "svg text{font-family:sans-serif;font-size:12px}.muted{color:#666}"
    ".cap-note{font-weight:bold}"
    "</style></head><body>\n<h1>ailit progress report</h1>\n";

static void svg_hbar(SyncFile *f, size_t rows, const char *title) {
    html_printf(f,
                "<svg role=\"img\" width=\"820\" height=\"%zu\" viewBox=\"0 0 820 %zu\">"
                "<title>",
                rows * 22 + 10, rows * 22 + 10);
    html_text(f, title);
    sync_file_puts(f, "</title>\n");
}

static void svg_hbar_row(SyncFile *f, size_t i, const char *label, double ratio,
                         const char *value) {
    if (!(ratio >= 0)) ratio = 0;
    if (ratio > 1) ratio = 1;
    double y = 5 + (double)i * 22;
    html_printf(f, "<text x=\"0\" y=\"%.0f\">", y + 14);
    /* Long labels are cut to 60 bytes, between characters, and end in "...". */
    char shortl[64];
    size_t n = strlen(label);
    bool cut = n >= sizeof shortl;
    if (cut) {
        n = sizeof shortl - 4;
        while (n > 0 && ((unsigned char)label[n] & 0xC0) == 0x80) n--;
    }
    snprintf(shortl, sizeof shortl, "%.*s%s", (int)n, label, cut ? "..." : "");
    html_text(f, shortl);
    html_printf(f,
                "</text><rect x=\"260\" y=\"%.0f\" width=\"300\" height=\"16\" fill=\"#eee\"/>"
                "<rect x=\"260\" y=\"%.0f\" width=\"%.1f\" height=\"16\" fill=\"#2b6cb0\"/>"
                "<text x=\"568\" y=\"%.0f\">",
                y, y, 300 * ratio, y + 13);
    html_text(f, value);
    sync_file_puts(f, "</text>\n");
}

/* ---- Sections --------------------------------------------------------------------------- */

static AilResult section_totals(Report *rp) {
    sqlite3_stmt *st = NULL;
    AilResult r = prepare(rp, SQL_TOTALS, &st);
    if (r) return r;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW && rp->html) {
        char when[AIL_TIMESTAMP_LEN + 1];
        ail_time_format_rfc3339(ail_time_now_ms(), when);
        long long n[4];
        for (int i = 0; i < 4; i++) n[i] = (long long)sqlite3_column_int64(st, i);
        html_printf(rp->html,
                    "<p>%lld statement%s from %lld learner%s on %lld device%s; %lld conflicting "
                    "cop%s set aside. Made %s.</p>\n",
                    n[0], n[0] == 1 ? "" : "s", n[1], n[1] == 1 ? "" : "s", n[2],
                    n[2] == 1 ? "" : "s", n[3], n[3] == 1 ? "y" : "ies", when);
    }
    return finish(rp, st, rc == SQLITE_ROW ? SQLITE_DONE : rc);
}

static AilResult section_lessons(Report *rp) {
    sqlite3_stmt *st = NULL;
    AilResult r = prepare(rp, SQL_LESSONS, &st);
    if (r) return r;
    AilBuf rows; /* the SVG needs its height first: gather the rows (one per lesson) */
    ail_buf_init(&rows);
    size_t count = 0;
    if (rp->csv_lessons)
        sync_file_puts(rp->csv_lessons,
                       "\xEF\xBB\xBFpack,lesson,title,learners,completed,completion\r\n");
    typedef struct {
        char *label;
        double ratio;
        char value[48];
    } Row;
    Row *list = NULL;
    size_t rows_all = 0, cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *pack = col_text(st, 0), *lesson = col_text(st, 1), *title = col_text(st, 2);
        long long done = sqlite3_column_int64(st, 3), all = sqlite3_column_int64(st, 4);
        double ratio = all ? (double)done / (double)all : 0;
        if (rp->csv_lessons) {
            csv_text(rp->csv_lessons, pack, false);
            csv_text(rp->csv_lessons, lesson, false);
            csv_text(rp->csv_lessons, title, false);
            csv_num(rp->csv_lessons, (double)all, true, false);
            csv_num(rp->csv_lessons, (double)done, true, false);
            csv_num(rp->csv_lessons, ratio, true, true);
        }
        if (rows_all++ >= REPORT_HTML_MAX_ROWS) continue; /* in the CSV only */
        if (count == cap) {
            cap = cap ? cap * 2 : 64;
            list = ail_xrealloc(list, cap * sizeof *list);
        }
        ail_buf_clear(&rows);
        ail_buf_printf(&rows, "%s: %s", pack, *title ? title : lesson);
        list[count].label = ail_xstrdup(rows.data);
        list[count].ratio = ratio;
        snprintf(list[count].value, sizeof list[count].value, "%lld/%lld", done, all);
        count++;
    }
    r = finish(rp, st, rc);
    if (!r && rp->html) {
        sync_file_puts(rp->html,
                       "<h2>Completion per lesson</h2>\n<p class=\"muted\">Learners who "
                       "completed the lesson, of those who started anything in it.</p>\n");
        if (!count)
            sync_file_puts(rp->html, "<p>No lessons yet.</p>\n");
        else
            svg_hbar(rp->html, count, "Completion per lesson");
        for (size_t i = 0; i < count; i++)
            svg_hbar_row(rp->html, i, list[i].label, list[i].ratio, list[i].value);
        if (count) sync_file_puts(rp->html, "</svg>\n");
        html_capped_note(rp->html, count, rows_all, "lessons.csv");
    }
    for (size_t i = 0; i < count; i++) free(list[i].label);
    free(list);
    ail_buf_free(&rows);
    return r;
}

static AilResult section_scores(Report *rp) {
    sqlite3_stmt *st = NULL;
    AilResult r = prepare(rp, SQL_SCORES, &st);
    if (r) return r;
    long long bins[10] = {0}, max = 0, total = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int b = sqlite3_column_int(st, 0);
        if (b < 0) b = 0;
        if (b > 9) b = 9;
        bins[b] += sqlite3_column_int64(st, 1);
    }
    if ((r = finish(rp, st, rc))) return r;
    for (int i = 0; i < 10; i++) {
        if (bins[i] > max) max = bins[i];
        total += bins[i];
    }
    if (!rp->html) return AIL_OK;
    SyncFile *f = rp->html;
    sync_file_puts(f, "<h2>Score distribution</h2>\n<p class=\"muted\">Each learner's best score "
                      "in each quiz.</p>\n");
    if (!total) {
        sync_file_puts(f, "<p>No quiz finished yet.</p>\n");
        return AIL_OK;
    }
    sync_file_puts(f, "<svg role=\"img\" width=\"640\" height=\"240\" viewBox=\"0 0 640 240\">"
                      "<title>Score distribution</title>\n");
    for (int i = 0; i < 10; i++) {
        double h = max ? 180.0 * (double)bins[i] / (double)max : 0;
        html_printf(
            f,
            "<rect x=\"%d\" y=\"%.1f\" width=\"54\" height=\"%.1f\" fill=\"#2f855a\"/>"
            "<text x=\"%d\" y=\"%.1f\">%lld</text><text x=\"%d\" y=\"230\">%d–%d%%</text>\n",
            20 + i * 60, 200 - h, h, 30 + i * 60, 195 - h, bins[i], 22 + i * 60, i * 10,
            i == 9 ? 100 : i * 10 + 9);
    }
    sync_file_puts(f, "</svg>\n");
    return AIL_OK;
}

static AilResult section_items(Report *rp) {
    ItemStats stats = {0};
    AilResult r = item_stats(rp->t, &stats, rp->err);
    if (r) {
        item_stats_free(&stats);
        return r;
    }
    SyncFile *c = rp->csv_items;
    if (c)
        sync_file_puts(c,
                       "\xEF\xBB\xBFpack,lesson,quiz,question,prompt,answered,correct,difficulty_p,"
                       "discrimination_d,point_biserial,flag\r\n");
    for (size_t i = 0; c && i < stats.count; i++) {
        ItemStat *it = &stats.items[i];
        csv_text(c, it->pack, false);
        csv_text(c, it->lesson, false);
        csv_text(c, it->quiz, false);
        csv_text(c, it->question, false);
        csv_text(c, it->title, false);
        csv_num(c, (double)it->n, true, false);
        csv_num(c, (double)it->correct, true, false);
        csv_num(c, it->p, true, false);
        csv_num(c, it->d, it->has_d, false);
        csv_num(c, it->rpb, it->has_rpb, false);
        csv_text(c, it->flagged ? "negative discrimination: check the answer key" : "", true);
    }
    SyncFile *f = rp->html;
    if (f) {
        sync_file_puts(f, "<h2>Questions: difficulty and discrimination</h2>\n<p class=\"muted\">"
                          "p: share of first answers that were right. D: p among the top 27&nbsp;% "
                          "of learners by quiz score minus p among the bottom 27&nbsp;%. r: "
                          "point-biserial correlation with the rest of the quiz. A negative D or r "
                          "usually means a wrong answer key.</p>\n");
        size_t flagged = 0;
        size_t few = 0;
        for (size_t i = 0; i < stats.count; i++) {
            flagged += stats.items[i].flagged;
            few += stats.items[i].n < REPORT_FEW_ANSWERS;
        }
        if (few)
            html_printf(f,
                        "<p class=\"muted\">%zu question%s fewer than %d answers: with so few, "
                        "D and r say little, so read a flag there as a hint, not a verdict.</p>\n",
                        few, few == 1 ? " has" : "s have", REPORT_FEW_ANSWERS);
        if (flagged)
            html_printf(f,
                        "<p class=\"flag-note\">%zu question%s flagged: check %s answer key.</p>\n",
                        flagged, flagged == 1 ? "" : "s", flagged == 1 ? "its" : "their");
        if (!stats.count)
            sync_file_puts(f, "<p>No answers yet.</p>\n");
        else
            sync_file_puts(
                f, "<table><tr><th>pack / lesson / quiz</th><th>question</th><th>answered</th>"
                   "<th>p</th><th>D</th><th>r</th><th>difficulty</th><th></th></tr>\n");
        size_t shown = stats.count < REPORT_HTML_MAX_ROWS ? stats.count : REPORT_HTML_MAX_ROWS;
        for (size_t i = 0; i < shown; i++) {
            ItemStat *it = &stats.items[i];
            sync_file_puts(f, it->flagged ? "<tr class=\"flag\"><td>" : "<tr><td>");
            html_user(f, it->pack);
            sync_file_puts(f, " / ");
            html_user(f, it->lesson);
            sync_file_puts(f, " / ");
            html_user(f, it->quiz);
            sync_file_puts(f, "</td><td>");
            html_user(f, it->question);
            if (*it->title) {
                sync_file_puts(f, ": ");
                html_user(f, it->title);
            }
            html_printf(f, "</td><td class=\"n\">%zu</td><td class=\"n\">%.2f</td>", it->n, it->p);
            if (it->has_d)
                html_printf(f, "<td class=\"n\">%.2f</td>", it->d);
            else
                sync_file_puts(f, "<td class=\"n\">–</td>");
            if (it->has_rpb)
                html_printf(f, "<td class=\"n\">%.2f</td>", it->rpb);
            else
                sync_file_puts(f, "<td class=\"n\">–</td>");
            html_printf(f,
                        "<td><svg width=\"104\" height=\"14\" role=\"img\"><title>p = %.2f</title>"
                        "<rect width=\"100\" height=\"12\" fill=\"#eee\"/><rect width=\"%.1f\" "
                        "height=\"12\" fill=\"#2b6cb0\"/></svg></td><td>%s</td></tr>\n",
                        it->p, 100 * it->p,
                        it->flagged ? "<span class=\"flag-note\">⚠ negative discrimination: check "
                                      "the answer key</span>"
                                    : "");
        }
        if (stats.count) sync_file_puts(f, "</table>\n");
        html_capped_note(f, shown, stats.count, "questions.csv");
    }
    item_stats_free(&stats);
    return AIL_OK;
}

static AilResult section_misconceptions(Report *rp) {
    sqlite3_stmt *st = NULL;
    AilResult r = prepare(rp, SQL_MISCONCEPTIONS, &st);
    if (r) return r;
    if (rp->csv_misc)
        sync_file_puts(rp->csv_misc, "\xEF\xBB\xBFmisconception,answers,learners\r\n");
    typedef struct {
        char *tag;
        long long n, learners;
    } Row;
    Row *list = NULL;
    size_t count = 0, all = 0, cap = 0;
    long long max = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *tag = col_text(st, 0);
        long long n = sqlite3_column_int64(st, 1), learners = sqlite3_column_int64(st, 2);
        if (rp->csv_misc) {
            csv_text(rp->csv_misc, tag, false);
            csv_num(rp->csv_misc, (double)n, true, false);
            csv_num(rp->csv_misc, (double)learners, true, true);
        }
        if (all++ >= REPORT_HTML_MAX_ROWS) continue; /* in the CSV only */
        if (count == cap) {
            cap = cap ? cap * 2 : 64;
            list = ail_xrealloc(list, cap * sizeof *list);
        }
        list[count] = (Row){ail_xstrdup(tag), n, learners};
        if (n > max) max = n; /* rows come most frequent first */
        count++;
    }
    r = finish(rp, st, rc);
    if (!r && rp->html) {
        sync_file_puts(rp->html, "<h2>Misconceptions</h2>\n<p class=\"muted\">Wrong answers that "
                                 "show a known misconception (answers, and learners).</p>\n");
        if (!count)
            sync_file_puts(rp->html, "<p>None seen.</p>\n");
        else
            svg_hbar(rp->html, count, "Misconceptions");
        for (size_t i = 0; i < count; i++) {
            char v[64];
            snprintf(v, sizeof v, "%lld answers, %lld learner%s", list[i].n, list[i].learners,
                     list[i].learners == 1 ? "" : "s");
            svg_hbar_row(rp->html, i, list[i].tag, max ? (double)list[i].n / (double)max : 0, v);
        }
        if (count) sync_file_puts(rp->html, "</svg>\n");
        html_capped_note(rp->html, count, all, "misconceptions.csv");
    }
    for (size_t i = 0; i < count; i++) free(list[i].tag);
    free(list);
    return r;
}

/* Demo pages: how many learners used each (left it, an "interacted" statement). The
 * page and the demo's name are read from the few such statements' bytes; the title
 * is the first statement's (min(row) picks the row SQLite takes it from). */
static const char SQL_DEMOS[] =
    "SELECT s.pack_id, s.lesson_id, json_extract(b.body, '$.object.id') AS page,"
    " max(json_extract(b.body, '$.context.extensions.\"" PROGRESS_XAPI_IRI
    "/extensions/pack\".demo')), s.title, count(*), count(DISTINCT s.learner), min(s.row)"
    " FROM statements s JOIN bodies b ON b.row = s.row WHERE s.verb = 'interacted'"
    " AND json_valid(b.body) GROUP BY 1, 2, 3"
    " ORDER BY 1, 2, CAST(substr(page, instr(page, '/page/') + 6) AS INTEGER), 3";

/* The page number at the end of a page activity's IRI, 0 when there is none. */
static long demo_page_number(const char *iri) {
    const char *p = iri ? strstr(iri, "/page/") : NULL;
    return p ? strtol(p + 6, NULL, 10) : 0;
}

static AilResult section_demos(Report *rp) {
    sqlite3_stmt *st = NULL;
    AilResult r = prepare(rp, SQL_DEMOS, &st);
    if (r) return r;
    SyncFile *c = rp->csv_demos, *f = rp->html;
    if (c) sync_file_puts(c, "\xEF\xBB\xBFpack,lesson,page,demo,title,uses,learners\r\n");
    if (f)
        sync_file_puts(f, "<h2>Demos</h2>\n<p class=\"muted\">How many learners used each demo "
                          "page (and how many times it was left after use).</p>\n<table><tr>"
                          "<th>pack / lesson / page</th><th>demo</th><th>title</th>"
                          "<th>learners</th><th>uses</th></tr>\n");
    size_t rows = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        long page = demo_page_number(col_text(st, 2));
        long long uses = sqlite3_column_int64(st, 5), learners = sqlite3_column_int64(st, 6);
        if (c) {
            csv_text(c, col_text(st, 0), false);
            csv_text(c, col_text(st, 1), false);
            csv_num(c, (double)page, true, false);
            csv_text(c, col_text(st, 3), false);
            csv_text(c, col_text(st, 4), false);
            csv_num(c, (double)uses, true, false);
            csv_num(c, (double)learners, true, true);
        }
        if (f && rows < REPORT_HTML_MAX_ROWS) {
            sync_file_puts(f, "<tr><td>");
            html_user(f, col_text(st, 0));
            sync_file_puts(f, " / ");
            html_user(f, col_text(st, 1));
            html_printf(f, " / %ld</td><td>", page);
            html_user(f, col_text(st, 3));
            sync_file_puts(f, "</td><td>");
            html_user(f, col_text(st, 4));
            html_printf(f, "</td><td class=\"n\">%lld</td><td class=\"n\">%lld</td></tr>\n",
                        learners, uses);
        }
        rows++;
    }
    if ((r = finish(rp, st, rc))) return r;
    if (f) {
        sync_file_puts(f, rows ? "</table>\n" : "</table>\n<p>No demo used yet.</p>\n");
        html_capped_note(f, rows < REPORT_HTML_MAX_ROWS ? rows : REPORT_HTML_MAX_ROWS, rows,
                         "demos.csv");
    }
    return AIL_OK;
}

static AilResult section_learners(Report *rp) {
    sqlite3_stmt *st = NULL;
    AilResult r = prepare(rp, SQL_LEARNER_LESSONS, &st);
    if (r) return r;
    SyncFile *c = rp->csv_learners, *f = rp->html;
    if (c)
        sync_file_puts(
            c, "\xEF\xBB\xBFlearner,learner_id,pack,lesson,completed,best_score,quiz_attempts,"
               "answers,correct_answers\r\n");
    if (f)
        sync_file_puts(f,
                       "<h2>Learners and lessons</h2>\n<table><tr><th>learner</th><th>pack / lesson"
                       "</th><th>completed</th><th>best score</th><th>answers (right)</th></tr>\n");
    size_t rows = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        char pseudo[16];
        const char *uuid = col_text(st, 0);
        const char *name = learner_label((const char *)sqlite3_column_text(st, 1), uuid, pseudo);
        bool has_best = sqlite3_column_type(st, 5) != SQLITE_NULL;
        double best = sqlite3_column_double(st, 5);
        if (c) {
            csv_text(c, name, false);
            csv_text(c, uuid, false);
            csv_text(c, col_text(st, 2), false);
            csv_text(c, col_text(st, 3), false);
            csv_num(c, sqlite3_column_int(st, 4), true, false);
            csv_num(c, best, has_best, false);
            csv_num(c, (double)sqlite3_column_int64(st, 6), true, false);
            csv_num(c, (double)sqlite3_column_int64(st, 7), true, false);
            csv_num(c, (double)sqlite3_column_int64(st, 8), true, true);
        }
        if (f && rows < REPORT_HTML_MAX_ROWS) {
            sync_file_puts(f, "<tr><td>");
            html_user(f, name);
            sync_file_puts(f, "</td><td>");
            html_user(f, col_text(st, 2));
            sync_file_puts(f, " / ");
            html_user(f, col_text(st, 3));
            html_printf(f, "</td><td>%s</td><td class=\"n\">",
                        sqlite3_column_int(st, 4) ? "yes" : "no");
            if (has_best) html_printf(f, "%.0f%%", 100 * best);
            html_printf(f, "</td><td class=\"n\">%lld (%lld)</td></tr>\n",
                        (long long)sqlite3_column_int64(st, 7),
                        (long long)sqlite3_column_int64(st, 8));
        }
        rows++;
    }
    if ((r = finish(rp, st, rc))) return r;
    if (f) {
        sync_file_puts(f, "</table>\n");
        html_capped_note(f, rows < REPORT_HTML_MAX_ROWS ? rows : REPORT_HTML_MAX_ROWS, rows,
                         "learners_lessons.csv");
    }
    return AIL_OK;
}

/* ---- Putting it together ------------------------------------------------------------------ */

static AilResult open_csv(const char *dir, const char *name, SyncFile **out, AilError *err) {
    *out = ail_xmalloc(sizeof **out);
    AilResult r = sync_file_create(*out, dir, name, err);
    if (r) {
        free(*out);
        *out = NULL;
    }
    return r;
}

AilResult sync_report(SyncTrainerDb *t, const char *csv_dir, const char *html_path, AilError *err) {
    Report rp = {.t = t, .err = err};
    AilResult r = AIL_OK;
    if (csv_dir && ((r = open_csv(csv_dir, "lessons.csv", &rp.csv_lessons, err)) ||
                    (r = open_csv(csv_dir, "learners_lessons.csv", &rp.csv_learners, err)) ||
                    (r = open_csv(csv_dir, "questions.csv", &rp.csv_items, err)) ||
                    (r = open_csv(csv_dir, "misconceptions.csv", &rp.csv_misc, err)) ||
                    (r = open_csv(csv_dir, "demos.csv", &rp.csv_demos, err))))
        goto done;
    if (html_path) {
        char dir[4096];
        const char *slash = strrchr(html_path, '/');
        if (slash)
            snprintf(dir, sizeof dir, "%.*s", (int)(slash - html_path), html_path);
        else
            snprintf(dir, sizeof dir, ".");
        if (slash == html_path) snprintf(dir, sizeof dir, "/");
        if ((r = open_csv(dir, slash ? slash + 1 : html_path, &rp.html, err))) goto done;
        sync_file_puts(rp.html, HTML_HEAD);
    }
    /* A read transaction: every section sees the same database; a larger page cache
     * lets the GROUP BY sorts of a million rows stay in memory. */
    if (sqlite3_exec(t->db, "PRAGMA cache_size = -65536; BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
        r = ail_error_set(err, AIL_ERR_IO, "reading the trainer database: %s",
                          sqlite3_errmsg(t->db));
        goto done;
    }
    if (!(r = section_totals(&rp)) && !(r = section_lessons(&rp)) && !(r = section_scores(&rp)) &&
        !(r = section_items(&rp)) && !(r = section_misconceptions(&rp)) &&
        !(r = section_learners(&rp)))
        r = section_demos(&rp);
    /* Ending a read transaction cannot lose anything; a failure here only means
     * SQLite ended it already (after an error reported above). */
    if (!sqlite3_get_autocommit(t->db) &&
        sqlite3_exec(t->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK && !r)
        r = ail_error_set(err, AIL_ERR_IO, "reading the trainer database: %s",
                          sqlite3_errmsg(t->db));
    if (rp.html) sync_file_puts(rp.html, "</body></html>\n");
done:;
    SyncFile *files[6] = {rp.csv_lessons, rp.csv_learners, rp.csv_items,
                          rp.csv_misc,    rp.csv_demos,   rp.html};
    for (int i = 0; i < 6; i++) {
        if (!files[i]) continue;
        if (!r)
            r = sync_file_commit(files[i], true, err);
        else
            sync_file_abort(files[i]);
        free(files[i]);
    }
    return r;
}
