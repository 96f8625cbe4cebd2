/*
 * The trainer report's parts, shared by report*.c only: the output helpers (CSV and
 * HTML escaping), the report's own strings in five languages, and the installed
 * packs' titles and course order.
 */
#ifndef AILIT_SYNC_REPORT_INTERNAL_H
#define AILIT_SYNC_REPORT_INTERNAL_H

#include "sync/sync_internal.h"

#include <limits.h>

/* Below this many answers a question's D and r are noted as unreliable, and no
 * question is flagged. */
#define REPORT_FEW_ANSWERS 10
/* The HTML shows at most this many rows of a table or chart (a browser slows to a
 * crawl past some thousands); the CSV files have them all. */
#define REPORT_HTML_MAX_ROWS 2000

/* ---- The report's strings (report_strings.c) ---- */

typedef enum {
    RS_TITLE,
    RS_TOTALS,
    RS_MADE,
    RS_GROUP,
    RS_HOW_TO_READ,
    RS_HOW_P,
    RS_HOW_D,
    RS_HOW_R,
    RS_HOW_FLAG,
    RS_HOW_FIRST,
    RS_COMPLETION,
    RS_COMPLETION_NOTE,
    RS_NO_LESSONS,
    RS_SCORES,
    RS_SCORES_NOTE,
    RS_NO_QUIZ,
    RS_QUIZZES,
    RS_QUIZZES_NOTE,
    RS_COL_QUIZ,
    RS_COL_LEARNERS,
    RS_COL_PASS_RATE,
    RS_COL_PASSED,
    RS_COL_FAILED,
    RS_COL_FIRST,
    RS_COL_BEST,
    RS_COL_ATTEMPTS,
    RS_COL_TRIES,
    RS_GAIN,
    RS_GAIN_NOTE,
    RS_GAIN_GROUP,
    RS_COL_PRE,
    RS_COL_POST,
    RS_COL_GAIN,
    RS_COL_LEARNER,
    RS_ITEMS,
    RS_COL_QUESTION,
    RS_COL_ANSWERED,
    RS_COL_DIFFICULTY,
    RS_FEW_ANSWERS,
    RS_FLAGGED,
    RS_CHECK_KEY,
    RS_NO_ANSWERS,
    RS_MISCONCEPTIONS,
    RS_MISCONCEPTIONS_NOTE,
    RS_COL_BELIEF,
    RS_NONE_SEEN,
    RS_DEMOS,
    RS_DEMOS_NOTE,
    RS_COL_PAGE,
    RS_COL_DEMO,
    RS_COL_TITLE,
    RS_COL_USES,
    RS_NO_DEMO,
    RS_LEARNERS,
    RS_LEARNERS_NOTE,
    RS_COL_LESSON,
    RS_COL_COMPLETED,
    RS_COL_BEST_SCORE,
    RS_COL_ANSWERS,
    RS_COL_LESSONS_DONE,
    RS_COL_BELIEFS,
    RS_YES,
    RS_NO,
    RS_CAPPED,
    RS_LIMITED,
    RS_LIMIT_DEVICE,
    RS_LIMIT_DAYS,
    RS_LIMIT_WORKSHOP,
    RS_COUNT
} ReportStringId;

/* Index of lang in the table (0, English, for NULL or an unknown tag). */
int report_lang_index(const char *lang);
/* The BCP 47 tag of language index lang. */
const char *report_lang_tag(int lang);
/* True when language index lang is written right to left. */
bool report_lang_rtl(int lang);
/* String id in language index lang: never NULL (English where a translation lacks).
 * Strings with a % take printf arguments as the English says. */
const char *report_string(int lang, ReportStringId id);
/* The belief a known misconception tag stands for, in language index lang; NULL for
 * a tag the table does not know. */
const char *report_misconception_words(int lang, const char *tag);

/* ---- The installed packs (report_packs.c) ---- */

/* Where something stands in course order: the pack's place among the installed
 * packs, the lesson's in the pack, the quiz page's in the lesson, the question's in
 * the quiz. INT_MAX where the pack (or lesson, ...) is not installed: it comes after,
 * in the order of its ids. */
typedef struct {
    int pack, lesson, page, question;
} ReportOrder;

typedef struct {
    Course *const *courses;
    size_t count;
    const char *lang;
} ReportPacks;

/* The lookups below fill *order (when not NULL) and return the pack's text in the
 * report's language, or NULL when the pack or the thing in it is not installed. */
const char *report_pack_title(const ReportPacks *p, const char *pack, ReportOrder *order);
const char *report_lesson_title(const ReportPacks *p, const char *pack, const char *lesson,
                                ReportOrder *order);
const char *report_quiz_title(const ReportPacks *p, const char *pack, const char *lesson,
                              const char *quiz, ReportOrder *order);
const char *report_question_prompt(const ReportPacks *p, const char *pack, const char *lesson,
                                   const char *quiz, const char *question, ReportOrder *order);
/* The quiz's role in its installed pack (QUIZ_ROLE_NONE when not installed). */
QuizRole report_quiz_role(const ReportPacks *p, const char *pack, const char *lesson,
                          const char *quiz);
/* Compares two places in course order (<0, 0, >0). */
int report_order_cmp(const ReportOrder *a, const ReportOrder *b);

/* ---- The report under way (report.c) and its output helpers (report_out.c) ---- */

typedef struct {
    SyncTrainerDb *t;
    SyncFile *html; /* NULL when not wanted */
    SyncFile *csv_lessons, *csv_learners, *csv_items, *csv_misc, *csv_demos, *csv_quizzes,
        *csv_gain;
    AilError *err;
    int lang; /* index into the strings table */
    ReportPacks packs;
    /* Filled by the quizzes section, read by the learners' pages: each learner's
     * pre-test and post-test first scores (sorted by learner, pack). */
    struct ReportGain *gains;
    size_t gain_count;
} Report;

/* One learner's pre-test and post-test in one pack. */
typedef struct ReportGain {
    char *learner, *pack, *name; /* name: roster name or pseudonym */
    double pre, post;            /* first attempts' scaled scores; < -1 when not taken */
} ReportGain;

/* The string id in the report's language. */
#define RS(rp, id) report_string((rp)->lang, (id))

AilResult report_prepare(Report *rp, const char *sql, sqlite3_stmt **st);
/* Finalizes st; AIL_OK when its last step rc was SQLITE_DONE, else the error (an
 * interrupted or failing read must not leave a report that looks complete). */
AilResult report_finish(Report *rp, sqlite3_stmt *st, int rc);
const char *report_col_text(sqlite3_stmt *st, int i);
/* The name a trainer sees for learner uuid: roster name or pseudonym. */
const char *report_learner_label(const char *name, const char *uuid, char pseudo[16]);

void report_csv_text(SyncFile *f, const char *s, bool last);
void report_csv_num(SyncFile *f, double v, bool present, bool last);
/* Writes s escaped for HTML text and attributes, without bidi controls. */
void report_html_text(SyncFile *f, const char *s);
/* Text from a progress file or a pack: escaped, and isolated in <bdi> so that
 * right-to-left text never moves what stands beside it. */
void report_html_user(SyncFile *f, const char *s);
void report_html_printf(SyncFile *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A string of the table (RS()) with its printf arguments, escaped. */
void report_html_say(SyncFile *f, const char *fmt, ...);
/* Below the last row shown of a capped table or chart. */
void report_html_capped_note(Report *rp, size_t shown, size_t all, const char *csv);
/* A horizontal bar chart: its head, then one row per bar, then "</svg>". */
void report_svg_hbar(SyncFile *f, size_t rows, const char *title);
void report_svg_hbar_row(SyncFile *f, size_t i, const char *label, double ratio, const char *value);
/* A percentage cell ("73 %"), or an empty one when v < -1 (no value). */
void report_html_percent_cell(SyncFile *f, double v);

/* Sections in report_items.c, report_quizzes.c and report_learners.c. */
AilResult report_section_items(Report *rp);
AilResult report_section_quizzes(Report *rp);
AilResult report_section_learners(Report *rp);
void report_gains_free(Report *rp);

#endif
