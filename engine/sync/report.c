/*
 * ailit report: what a trainer reads after merging progress files — CSV for a
 * spreadsheet and one self-contained HTML page with inline SVG charts, in the
 * trainer's language, with lessons and questions in course order and named by the
 * installed packs.
 *
 * This file holds the page as a whole (its head, the order of its sections) and the
 * group's sections: totals, completion per lesson, scores, misconceptions, demos.
 * The questions are in report_items.c, quizzes and pre/post gains in
 * report_quizzes.c, the learners' pages in report_learners.c; escaping and the
 * shared steps in report_out.c, strings in report_strings.c, packs in report_packs.c.
 *
 * Invariants:
 * - Everything is computed by SQL over the trainer database, streaming; memory
 *   holds one quiz's answers at a time and a row per question, lesson or quiz.
 * - Learners appear by the name in the newest roster, or by a pseudonym made from
 *   their UUID ("L-3F2A9C") when they were only ever exported anonymously.
 * - The HTML has no scripts and loads nothing: styles and charts are inline. Its
 *   tables and charts show at most REPORT_HTML_MAX_ROWS rows, with a note; the CSV
 *   files have every row. Printed, it is A4, and each learner starts a page.
 * - Demo pages (demos.csv) are counted from "interacted" statements, one each time a
 *   learner leaves a demo they used; the page and the demo's name come from those
 *   few statements' bytes.
 */
#include "sync/report_internal.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- The queries ------------------------------------------------------------------------ */

static const char SQL_LESSONS[] =
    "SELECT pack_id, lesson_id, max(CASE WHEN verb IN ('completed', 'progressed') THEN title END),"
    " count(DISTINCT CASE WHEN verb = 'completed' THEN learner END), count(DISTINCT learner)"
    " FROM statements GROUP BY pack_id, lesson_id ORDER BY pack_id, lesson_id";

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

/* ---- The page's head ------------------------------------------------------------------- */

/* Logical properties (start, end) so that a right-to-left page mirrors; charts stay
 * left to right (their coordinates are). @page fixes A4 whatever the printer's
 * default, and each learner's summary starts a printed page. */
static const char HTML_STYLE[] =
    "body{font-family:sans-serif;margin:1.5em;max-width:70em;color:#222}"
    "h2{margin-top:2em;border-bottom:1px solid #ccc}"
    "table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.25em .5em;"
    "text-align:start;vertical-align:top}td.n{text-align:end;direction:ltr;font-variant-numeric:"
    "tabular-nums}"
    "tr.flag td{background:#fde2e1}.flag-note{color:#a40000;font-weight:bold}"
    "svg{direction:ltr}svg text{font-family:sans-serif;font-size:12px}.muted{color:#666}"
    ".cap-note{font-weight:bold}.limited{border:2px solid #b45309;padding:.4em .6em}"
    "dt{font-weight:bold;margin-top:.5em}dd{margin-inline-start:1.5em}"
    ".learner h3{margin:1.5em 0 .25em}"
    "@page{size:A4;margin:14mm}"
    "@media print{body{margin:0;max-width:none;font-size:10pt}h2,h3{break-after:avoid}"
    "tr,svg,dd{break-inside:avoid}.learner{break-before:page;page-break-before:always}"
    ".learner h3{margin-top:0}}";

static void html_head(Report *rp) {
    SyncFile *f = rp->html;
    report_html_printf(
        f,
        "<!DOCTYPE html>\n<html lang=\"%s\" dir=\"%s\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        "<title>",
        report_lang_tag(rp->lang), report_lang_rtl(rp->lang) ? "rtl" : "ltr");
    report_html_text(f, RS(rp, RS_TITLE));
    sync_file_puts(f, "</title><style>");
    sync_file_puts(f, HTML_STYLE);
    sync_file_puts(f, "</style></head><body>\n<h1>");
    report_html_text(f, RS(rp, RS_TITLE));
    sync_file_puts(f, "</h1>\n");
}

/* ---- Group sections --------------------------------------------------------------------- */

/* A report limited by sync_report_filter says so at its top, or a trainer would read one
 * laptop's or one week's figures as the whole group's. */
static void section_limits(Report *rp) {
    char *const *lim = rp->t->limits;
    if (!lim[0] && !lim[1] && !lim[2] && !lim[3]) return;
    SyncFile *f = rp->html;
    sync_file_puts(f, "<p class=\"limited\"><strong>");
    report_html_text(f, RS(rp, RS_LIMITED));
    sync_file_puts(f, "</strong>");
    const char *sep = " ";
    if (lim[0]) {
        report_html_printf(f, "%s%s <bdi>", sep, RS(rp, RS_LIMIT_DEVICE));
        report_html_text(f, lim[0]);
        sync_file_puts(f, "</bdi>");
        sep = " · ";
    }
    if (lim[1] || lim[2]) { /* dates are ASCII digits and dashes: no escaping needed */
        report_html_printf(f, "%s%s <bdi dir=\"ltr\">%s – %s</bdi>", sep, RS(rp, RS_LIMIT_DAYS),
                           lim[1] ? lim[1] : "…", lim[2] ? lim[2] : "…");
        sep = " · ";
    }
    if (lim[3]) {
        report_html_printf(f, "%s%s <bdi>", sep, RS(rp, RS_LIMIT_WORKSHOP));
        report_html_text(f, lim[3]);
        sync_file_puts(f, "</bdi>");
    }
    sync_file_puts(f, "</p>\n");
}

static AilResult section_totals(Report *rp) {
    sqlite3_stmt *st = NULL;
    AilResult r = report_prepare(rp, SQL_TOTALS, &st);
    if (r) return r;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW && rp->html) {
        char when[AIL_TIMESTAMP_LEN + 1];
        ail_time_format_rfc3339(ail_time_now_ms(), when);
        long long n[4];
        for (int i = 0; i < 4; i++) n[i] = (long long)sqlite3_column_int64(st, i);
        sync_file_puts(rp->html, "<p>");
        report_html_say(rp->html, RS(rp, RS_TOTALS), n[0], n[1], n[2], n[3]);
        /* The time isolated left to right: an Arabic line would reorder its parts. */
        report_html_printf(rp->html, " %s <bdi dir=\"ltr\">%s</bdi>.</p>\n", RS(rp, RS_MADE), when);
        section_limits(rp);
    }
    return report_finish(rp, st, rc == SQLITE_ROW ? SQLITE_DONE : rc);
}

/* A plain-language key to p, D, r and the flag, before the numbers it explains. */
static void section_how_to_read(Report *rp) {
    SyncFile *f = rp->html;
    if (!f) return;
    report_html_printf(f, "<h2>%s</h2>\n<dl>", RS(rp, RS_HOW_TO_READ));
    static const ReportStringId parts[] = {RS_HOW_P, RS_HOW_D, RS_HOW_R, RS_HOW_FLAG};
    static const char *const terms[] = {"p", "D", "r", "⚠"};
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
        report_html_printf(f, "<dt>%s</dt><dd>", terms[i]);
        report_html_text(f, RS(rp, parts[i]));
        sync_file_puts(f, "</dd>");
    }
    sync_file_puts(f, "</dl>\n<p class=\"muted\">");
    report_html_text(f, RS(rp, RS_HOW_FIRST));
    sync_file_puts(f, "</p>\n");
}

typedef struct {
    char *pack, *lesson, *title, *label;
    ReportOrder order;
    long long done, all;
} LessonRow;

static int cmp_lesson(const void *a, const void *b) {
    const LessonRow *x = a, *y = b;
    int c = report_order_cmp(&x->order, &y->order);
    if (!c) c = strcmp(x->pack, y->pack);
    return c ? c : strcmp(x->lesson, y->lesson);
}

/* Reads one row per lesson, named as the installed pack names it (else as the
 * statements did, else by id), into *rows in course order. */
static AilResult lesson_rows(Report *rp, LessonRow **rows, size_t *count) {
    sqlite3_stmt *st = NULL;
    AilResult r = report_prepare(rp, SQL_LESSONS, &st);
    if (r) return r;
    size_t cap = 0;
    AilBuf label;
    ail_buf_init(&label);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *pack = report_col_text(st, 0), *lesson = report_col_text(st, 1);
        if (*count == cap) *rows = ail_xrealloc(*rows, (cap = cap ? cap * 2 : 64) * sizeof **rows);
        LessonRow *row = &(*rows)[(*count)++];
        const char *title = report_lesson_title(&rp->packs, pack, lesson, &row->order);
        const char *pack_title = title ? report_pack_title(&rp->packs, pack, NULL) : NULL;
        if (!title) title = *report_col_text(st, 2) ? report_col_text(st, 2) : lesson;
        ail_buf_clear(&label);
        /* An installed pack's lessons need no prefix: they stand in course order. */
        if (pack_title)
            ail_buf_puts(&label, title);
        else
            ail_buf_printf(&label, "%s: %s", pack, title);
        row->pack = ail_xstrdup(pack);
        row->lesson = ail_xstrdup(lesson);
        row->title = ail_xstrdup(title);
        row->label = ail_xstrdup(label.data);
        row->done = sqlite3_column_int64(st, 3);
        row->all = sqlite3_column_int64(st, 4);
    }
    ail_buf_free(&label);
    r = report_finish(rp, st, rc);
    if (*count) qsort(*rows, *count, sizeof **rows, cmp_lesson);
    return r;
}

static void lessons_csv(SyncFile *c, const LessonRow *rows, size_t count) {
    sync_file_puts(c, "\xEF\xBB\xBFpack,lesson,title,learners,completed,completion\r\n");
    for (size_t i = 0; i < count; i++) {
        const LessonRow *row = &rows[i];
        report_csv_text(c, row->pack, false);
        report_csv_text(c, row->lesson, false);
        report_csv_text(c, row->title, false);
        report_csv_num(c, (double)row->all, true, false);
        report_csv_num(c, (double)row->done, true, false);
        report_csv_num(c, row->all ? (double)row->done / (double)row->all : 0, true, true);
    }
}

static void lessons_html(Report *rp, const LessonRow *rows, size_t count) {
    SyncFile *f = rp->html;
    report_html_printf(f, "<h2>%s</h2>\n<p class=\"muted\">%s</p>\n", RS(rp, RS_COMPLETION),
                       RS(rp, RS_COMPLETION_NOTE));
    if (!count) {
        report_html_printf(f, "<p>%s</p>\n", RS(rp, RS_NO_LESSONS));
        return;
    }
    size_t shown = count < REPORT_HTML_MAX_ROWS ? count : REPORT_HTML_MAX_ROWS;
    report_svg_hbar(f, shown, RS(rp, RS_COMPLETION));
    for (size_t i = 0; i < shown; i++) {
        char value[48];
        snprintf(value, sizeof value, "%lld/%lld", rows[i].done, rows[i].all);
        double ratio = rows[i].all ? (double)rows[i].done / (double)rows[i].all : 0;
        report_svg_hbar_row(f, i, rows[i].label, ratio, value);
    }
    sync_file_puts(f, "</svg>\n");
    report_html_capped_note(rp, shown, count, "lessons.csv");
}

static AilResult section_lessons(Report *rp) {
    LessonRow *rows = NULL;
    size_t count = 0;
    AilResult r = lesson_rows(rp, &rows, &count);
    if (!r && rp->csv_lessons) lessons_csv(rp->csv_lessons, rows, count);
    if (!r && rp->html) lessons_html(rp, rows, count);
    for (size_t i = 0; i < count; i++)
        free(rows[i].pack), free(rows[i].lesson), free(rows[i].title), free(rows[i].label);
    free(rows);
    return r;
}

static void scores_html(Report *rp, const long long bins[10]) {
    SyncFile *f = rp->html;
    long long max = 0, total = 0;
    for (int i = 0; i < 10; i++) {
        if (bins[i] > max) max = bins[i];
        total += bins[i];
    }
    report_html_printf(f, "<h2>%s</h2>\n<p class=\"muted\">%s</p>\n", RS(rp, RS_SCORES),
                       RS(rp, RS_SCORES_NOTE));
    if (!total) {
        report_html_printf(f, "<p>%s</p>\n", RS(rp, RS_NO_QUIZ));
        return;
    }
    report_html_printf(f,
                       "<svg role=\"img\" width=\"640\" height=\"240\" viewBox=\"0 0 640 240\">"
                       "<title>%s</title>\n",
                       RS(rp, RS_SCORES));
    for (int i = 0; i < 10; i++) {
        double h = max ? 180.0 * (double)bins[i] / (double)max : 0;
        report_html_printf(
            f,
            "<rect x=\"%d\" y=\"%.1f\" width=\"54\" height=\"%.1f\" fill=\"#2f855a\"/>"
            "<text x=\"%d\" y=\"%.1f\">%lld</text><text x=\"%d\" y=\"230\">%d–%d%%</text>\n",
            20 + i * 60, 200 - h, h, 30 + i * 60, 195 - h, bins[i], 22 + i * 60, i * 10,
            i == 9 ? 100 : i * 10 + 9);
    }
    sync_file_puts(f, "</svg>\n");
}

static AilResult section_scores(Report *rp) {
    sqlite3_stmt *st = NULL;
    AilResult r = report_prepare(rp, SQL_SCORES, &st);
    if (r) return r;
    long long bins[10] = {0};
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int b = sqlite3_column_int(st, 0);
        if (b < 0) b = 0;
        if (b > 9) b = 9;
        bins[b] += sqlite3_column_int64(st, 1);
    }
    if ((r = report_finish(rp, st, rc))) return r;
    if (rp->html) scores_html(rp, bins);
    return AIL_OK;
}

typedef struct {
    char *tag;
    long long n, learners;
} MiscRow;

/* One misconception in the HTML: the belief in words (the tag beside it), how
 * often, by how many learners, and a bar. */
static void misconception_row(Report *rp, const MiscRow *row, long long max) {
    SyncFile *f = rp->html;
    const char *words = report_misconception_words(rp->lang, row->tag);
    sync_file_puts(f, "<tr><td>");
    if (words) {
        report_html_user(f, words);
        sync_file_puts(f, " <span class=\"muted\">(");
        report_html_user(f, row->tag);
        sync_file_puts(f, ")</span>");
    } else {
        report_html_user(f, row->tag);
    }
    double ratio = max ? (double)row->n / (double)max : 0;
    report_html_printf(f,
                       "</td><td class=\"n\">%lld</td><td class=\"n\">%lld</td><td><svg "
                       "width=\"204\" height=\"14\" role=\"img\"><rect width=\"200\" height=\"12\" "
                       "fill=\"#eee\"/><rect width=\"%.1f\" height=\"12\" fill=\"#2b6cb0\"/></svg>"
                       "</td></tr>\n",
                       row->n, row->learners, 200 * ratio);
}

static void misconceptions_html(Report *rp, const MiscRow *rows, size_t count, size_t all) {
    SyncFile *f = rp->html;
    report_html_printf(f, "<h2>%s</h2>\n<p class=\"muted\">%s</p>\n", RS(rp, RS_MISCONCEPTIONS),
                       RS(rp, RS_MISCONCEPTIONS_NOTE));
    if (!count) {
        report_html_printf(f, "<p>%s</p>\n", RS(rp, RS_NONE_SEEN));
        return;
    }
    report_html_printf(f, "<table><tr><th>%s</th><th>%s</th><th>%s</th><th></th></tr>\n",
                       RS(rp, RS_COL_BELIEF), RS(rp, RS_COL_ANSWERED), RS(rp, RS_COL_LEARNERS));
    for (size_t i = 0; i < count; i++) misconception_row(rp, &rows[i], rows[0].n);
    sync_file_puts(f, "</table>\n");
    report_html_capped_note(rp, count, all, "misconceptions.csv");
}

static AilResult section_misconceptions(Report *rp) {
    sqlite3_stmt *st = NULL;
    AilResult r = report_prepare(rp, SQL_MISCONCEPTIONS, &st);
    if (r) return r;
    SyncFile *c = rp->csv_misc;
    if (c) sync_file_puts(c, "\xEF\xBB\xBFmisconception,answers,learners,belief\r\n");
    MiscRow *rows = NULL;
    size_t count = 0, all = 0, cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *tag = report_col_text(st, 0);
        long long n = sqlite3_column_int64(st, 1), learners = sqlite3_column_int64(st, 2);
        if (c) {
            report_csv_text(c, tag, false);
            report_csv_num(c, (double)n, true, false);
            report_csv_num(c, (double)learners, true, false);
            report_csv_text(c, report_misconception_words(rp->lang, tag), true);
        }
        if (all++ >= REPORT_HTML_MAX_ROWS) continue; /* in the CSV only */
        if (count == cap) rows = ail_xrealloc(rows, (cap = cap ? cap * 2 : 64) * sizeof *rows);
        rows[count++] = (MiscRow){ail_xstrdup(tag), n, learners}; /* most frequent first */
    }
    r = report_finish(rp, st, rc);
    if (!r && rp->html) misconceptions_html(rp, rows, count, all);
    for (size_t i = 0; i < count; i++) free(rows[i].tag);
    free(rows);
    return r;
}

/* The page number at the end of a page activity's IRI, 0 when there is none. */
static long demo_page_number(const char *iri) {
    const char *p = iri ? strstr(iri, "/page/") : NULL;
    return p ? strtol(p + 6, NULL, 10) : 0;
}

static void demo_csv_row(SyncFile *c, sqlite3_stmt *st, long page) {
    report_csv_text(c, report_col_text(st, 0), false);
    report_csv_text(c, report_col_text(st, 1), false);
    report_csv_num(c, (double)page, true, false);
    report_csv_text(c, report_col_text(st, 3), false);
    report_csv_text(c, report_col_text(st, 4), false);
    report_csv_num(c, (double)sqlite3_column_int64(st, 5), true, false);
    report_csv_num(c, (double)sqlite3_column_int64(st, 6), true, true);
}

/* One demo page in the HTML: where it is (the lesson's title when installed), the
 * demo, its title, learners and uses. */
static void demo_html_row(Report *rp, sqlite3_stmt *st, long page) {
    SyncFile *f = rp->html;
    const char *pack = report_col_text(st, 0), *lesson = report_col_text(st, 1);
    const char *title = report_lesson_title(&rp->packs, pack, lesson, NULL);
    sync_file_puts(f, "<tr><td>");
    if (title) {
        report_html_user(f, title);
    } else {
        report_html_user(f, pack);
        sync_file_puts(f, " / ");
        report_html_user(f, lesson);
    }
    report_html_printf(f, " / %ld</td><td>", page);
    report_html_user(f, report_col_text(st, 3));
    sync_file_puts(f, "</td><td>");
    report_html_user(f, report_col_text(st, 4));
    report_html_printf(f, "</td><td class=\"n\">%lld</td><td class=\"n\">%lld</td></tr>\n",
                       (long long)sqlite3_column_int64(st, 6),
                       (long long)sqlite3_column_int64(st, 5));
}

static AilResult section_demos(Report *rp) {
    sqlite3_stmt *st = NULL;
    AilResult r = report_prepare(rp, SQL_DEMOS, &st);
    if (r) return r;
    SyncFile *c = rp->csv_demos, *f = rp->html;
    if (c) sync_file_puts(c, "\xEF\xBB\xBFpack,lesson,page,demo,title,uses,learners\r\n");
    if (f)
        report_html_printf(f,
                           "<h2>%s</h2>\n<p class=\"muted\">%s</p>\n<table><tr>"
                           "<th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>\n",
                           RS(rp, RS_DEMOS), RS(rp, RS_DEMOS_NOTE), RS(rp, RS_COL_PAGE),
                           RS(rp, RS_COL_DEMO), RS(rp, RS_COL_TITLE), RS(rp, RS_COL_LEARNERS),
                           RS(rp, RS_COL_USES));
    size_t rows = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        long page = demo_page_number(report_col_text(st, 2));
        if (c) demo_csv_row(c, st, page);
        if (f && rows < REPORT_HTML_MAX_ROWS) demo_html_row(rp, st, page);
        rows++;
    }
    if ((r = report_finish(rp, st, rc))) return r;
    if (f) {
        sync_file_puts(f, "</table>\n");
        if (!rows) report_html_printf(f, "<p>%s</p>\n", RS(rp, RS_NO_DEMO));
        report_html_capped_note(rp, rows < REPORT_HTML_MAX_ROWS ? rows : REPORT_HTML_MAX_ROWS, rows,
                                "demos.csv");
    }
    return AIL_OK;
}

/* ---- Putting it together ------------------------------------------------------------------ */

static AilResult open_file(const char *dir, const char *name, SyncFile **out, AilError *err) {
    *out = ail_xmalloc(sizeof **out);
    AilResult r = sync_file_create(*out, dir, name, err);
    if (r) {
        free(*out);
        *out = NULL;
    }
    return r;
}

static AilResult open_csv_files(Report *rp, const char *dir) {
    AilError *err = rp->err;
    AilResult r;
    if ((r = open_file(dir, "lessons.csv", &rp->csv_lessons, err)) ||
        (r = open_file(dir, "learners_lessons.csv", &rp->csv_learners, err)) ||
        (r = open_file(dir, "quizzes.csv", &rp->csv_quizzes, err)) ||
        (r = open_file(dir, "pre_post.csv", &rp->csv_gain, err)) ||
        (r = open_file(dir, "questions.csv", &rp->csv_items, err)) ||
        (r = open_file(dir, "misconceptions.csv", &rp->csv_misc, err)))
        return r;
    return open_file(dir, "demos.csv", &rp->csv_demos, err);
}

static AilResult open_html(Report *rp, const char *html_path) {
    char dir[4096];
    const char *slash = strrchr(html_path, '/');
    if (slash)
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - html_path), html_path);
    else
        snprintf(dir, sizeof dir, ".");
    if (slash == html_path) snprintf(dir, sizeof dir, "/");
    AilResult r = open_file(dir, slash ? slash + 1 : html_path, &rp->html, rp->err);
    if (!r) html_head(rp);
    return r;
}

/* Every section, in the page's order, inside one read transaction (every section
 * sees the same database; a larger page cache lets the GROUP BY sorts of a million
 * rows stay in memory). */
static AilResult all_sections(Report *rp) {
    sqlite3 *db = rp->t->db;
    if (sqlite3_exec(db, "PRAGMA cache_size = -65536; BEGIN", NULL, NULL, NULL) != SQLITE_OK)
        return ail_error_set(rp->err, AIL_ERR_IO, "reading the trainer database: %s",
                             sqlite3_errmsg(db));
    AilResult r;
    if (!(r = section_totals(rp)) && !(r = section_lessons(rp)) && !(r = section_scores(rp)) &&
        !(r = report_section_quizzes(rp))) {
        section_how_to_read(rp);
        if (!(r = report_section_items(rp)) && !(r = section_misconceptions(rp)) &&
            !(r = section_demos(rp)))
            r = report_section_learners(rp);
    }
    /* Ending a read transaction cannot lose anything; a failure here only means
     * SQLite ended it already (after an error reported above). */
    if (!sqlite3_get_autocommit(db) && sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK &&
        !r)
        r = ail_error_set(rp->err, AIL_ERR_IO, "reading the trainer database: %s",
                          sqlite3_errmsg(db));
    if (!r && rp->html) sync_file_puts(rp->html, "</body></html>\n");
    return r;
}

AilResult sync_report_write(SyncTrainerDb *t, const SyncReportOptions *opts, AilError *err) {
    assert(t && opts);
    Report rp = {.t = t, .err = err, .lang = report_lang_index(opts->lang)};
    rp.packs = (ReportPacks){opts->courses, opts->course_count, report_lang_tag(rp.lang)};
    AilResult r = AIL_OK;
    if ((!opts->csv_dir || !(r = open_csv_files(&rp, opts->csv_dir))) &&
        (!opts->html_path || !(r = open_html(&rp, opts->html_path))))
        r = all_sections(&rp);
    SyncFile *files[] = {rp.csv_lessons, rp.csv_learners, rp.csv_quizzes, rp.csv_gain,
                         rp.csv_items,   rp.csv_misc,     rp.csv_demos,   rp.html};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        if (!files[i]) continue;
        if (!r)
            r = sync_file_commit(files[i], true, err);
        else
            sync_file_abort(files[i]);
        free(files[i]);
    }
    report_gains_free(&rp);
    return r;
}

AilResult sync_report(SyncTrainerDb *t, const char *csv_dir, const char *html_path, AilError *err) {
    SyncReportOptions opts = {.csv_dir = csv_dir, .html_path = html_path};
    return sync_report_write(t, &opts, err);
}
