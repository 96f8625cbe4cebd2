/*
 * The trainer report's output: CSV fields and HTML text escaped and guarded, SVG
 * bars, and the SQLite steps every section shares.
 *
 * Invariants (the report's promises, kept here once):
 * - CSV is UTF-8 with a byte-order mark, CRLF line ends, every text field quoted
 *   with quotes doubled, and text starting with = + - @ (ASCII or full-width),
 *   a space, tab, line feed or carriage return guarded with a leading ' so that no
 *   spreadsheet runs it as a formula.
 * - Text from progress files never carries bidi controls into a report (U+202A..E,
 *   U+2066..9, U+200E/F, U+061C are removed), so a name cannot reorder the columns
 *   around it; in HTML each such text is also isolated in <bdi>.
 */
#include "sync/report_internal.h"

#include <assert.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

void report_csv_text(SyncFile *f, const char *s, bool last) {
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

void report_csv_num(SyncFile *f, double v, bool present, bool last) {
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
void report_html_text(SyncFile *f, const char *s) {
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
void report_html_user(SyncFile *f, const char *s) {
    sync_file_puts(f, "<bdi>");
    report_html_text(f, s);
    sync_file_puts(f, "</bdi>");
}

void report_html_capped_note(Report *rp, size_t shown, size_t all, const char *csv) {
    if (all <= shown || !rp->html) return;
    sync_file_puts(rp->html, "<p class=\"cap-note\">");
    report_html_say(rp->html, RS(rp, RS_CAPPED), shown, all, csv);
    sync_file_puts(rp->html, "</p>\n");
}

void report_html_printf(SyncFile *f, const char *fmt, ...) {
    char b[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(b, sizeof b, fmt, ap);
    va_end(ap);
    if (n > 0) sync_file_write(f, b, (size_t)n < sizeof b ? (size_t)n : sizeof b - 1);
}

const char *report_col_text(sqlite3_stmt *st, int i) {
    const char *t = (const char *)sqlite3_column_text(st, i);
    return t ? t : "";
}

/* The name a trainer sees for learner uuid: roster name or pseudonym. */
const char *report_learner_label(const char *name, const char *uuid, char pseudo[16]) {
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

AilResult report_prepare(Report *rp, const char *sql, sqlite3_stmt **st) {
    if (sqlite3_prepare_v2(rp->t->db, sql, -1, st, NULL) != SQLITE_OK)
        return ail_error_set(rp->err, AIL_ERR_IO, "reading the trainer database: %s",
                             sqlite3_errmsg(rp->t->db));
    return AIL_OK;
}

/* Finalizes st; AIL_OK when its last step rc was SQLITE_DONE, else the error (an
 * interrupted or failing read must not leave a report that looks complete). */
AilResult report_finish(Report *rp, sqlite3_stmt *st, int rc) {
    AilResult r = AIL_OK;
    if (rc != SQLITE_DONE)
        r = ail_error_set(rp->err, AIL_ERR_IO, "reading the trainer database: %s",
                          sqlite3_errmsg(rp->t->db));
    sqlite3_finalize(st);
    return r;
}

void report_svg_hbar(SyncFile *f, size_t rows, const char *title) {
    report_html_printf(f,
                       "<svg role=\"img\" width=\"820\" height=\"%zu\" viewBox=\"0 0 820 %zu\">"
                       "<title>",
                       rows * 22 + 10, rows * 22 + 10);
    report_html_text(f, title);
    sync_file_puts(f, "</title>\n");
}

void report_svg_hbar_row(SyncFile *f, size_t i, const char *label, double ratio,
                         const char *value) {
    if (!(ratio >= 0)) ratio = 0;
    if (ratio > 1) ratio = 1;
    double y = 5 + (double)i * 22;
    report_html_printf(f, "<text x=\"0\" y=\"%.0f\">", y + 14);
    /* Long labels are cut to about 48 Latin letters' width (a Chinese character
     * counts for two), between characters, and end in "...", so that they end
     * before the bar in any script. */
    char shortl[160];
    size_t n = 0, width = 0;
    while (label[n] && width < 48 && n < sizeof shortl - 8) {
        unsigned char c = (unsigned char)label[n];
        size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        width += len >= 3 && c >= 0xE3 ? 2 : 1; /* CJK and beyond: wide */
        for (n++; label[n] && ((unsigned char)label[n] & 0xC0) == 0x80;) n++;
    }
    snprintf(shortl, sizeof shortl, "%.*s%s", (int)n, label, label[n] ? "..." : "");
    report_html_text(f, shortl);
    report_html_printf(
        f,
        "</text><rect x=\"340\" y=\"%.0f\" width=\"300\" height=\"16\" fill=\"#eee\"/>"
        "<rect x=\"340\" y=\"%.0f\" width=\"%.1f\" height=\"16\" fill=\"#2b6cb0\"/>"
        "<text x=\"648\" y=\"%.0f\">",
        y, y, 300 * ratio, y + 13);
    report_html_text(f, value);
    sync_file_puts(f, "</text>\n");
}

void report_html_percent_cell(SyncFile *f, double v) {
    if (v < -1)
        sync_file_puts(f, "<td class=\"n\"></td>");
    else
        report_html_printf(f, "<td class=\"n\">%.0f%%</td>", 100 * v);
}

/* Like report_html_printf for the strings table's texts: the format is a table entry,
 * which a compiler cannot check, so tests/sync checks that every language's entry
 * has the English one's conversions, in order. The text is escaped. */
void report_html_say(SyncFile *f, const char *fmt, ...) {
    char b[2048];
    va_list ap;
    va_start(ap, fmt);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    int n = vsnprintf(b, sizeof b, fmt, ap);
#pragma GCC diagnostic pop
    va_end(ap);
    if (n > 0) report_html_text(f, b);
}
