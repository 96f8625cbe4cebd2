/*
 * course — reads course packs (format 1, see courses/FORMAT.md) into plain structs,
 * and reports every problem it finds as FILE:LINE:COL diagnostics.
 *
 * Ownership: a Course owns everything reachable from it (one arena); course_free()
 * releases it all. Strings are UTF-8 and never NULL where the format makes a field
 * required; optional texts have count 0.
 */
#ifndef AILIT_COURSE_H
#define AILIT_COURSE_H

#include "base/base.h"

#define COURSE_FORMAT 1
#define COURSE_MAX_JSON_BYTES (8u * 1024u * 1024u)
#define COURSE_MAX_DEPTH 1000 /* cJSON's own nesting limit */
#define COURSE_DEFAULT_PASS 0.7
/* Progress files carry a question's texts in the learner's language, and a merge
 * refuses statements over 256 KB; these limits keep every statement far below. */
#define COURSE_MAX_TEXT_CHARS 8000
#define COURSE_MAX_QUESTION_CHARS 8000

/* ---- Localized text ---- */

typedef struct {
    const char *lang; /* BCP 47 tag */
    const char *text;
} LocalizedEntry;

/* A text in one or more languages; count 0 means "not given". */
typedef struct {
    size_t count;
    LocalizedEntry *entries;
} LocalizedText;

typedef struct {
    const char *src; /* path relative to the pack; NULL when there is no image */
    LocalizedText alt;
} CourseImage;

/* ---- Questions ---- */

typedef enum {
    QUESTION_SINGLE,
    QUESTION_MULTIPLE,
    QUESTION_TRUEFALSE,
    QUESTION_ORDER,
    QUESTION_MATCH,
    QUESTION_TEXT
} QuestionType;

typedef struct {
    const char *id;
    LocalizedText text;
    bool correct;
    LocalizedText feedback;
    const char *misconception; /* NULL when none */
} Choice;

typedef struct {
    const char *id;
    LocalizedText text;
} OrderItem;

typedef struct {
    const char *id;
    LocalizedText left;
    LocalizedText right;
} MatchPair;

/* Accepted answers to a text question, for one language or (lang NULL) for all. */
typedef struct {
    const char *lang;
    size_t count;
    const char **answers;
} AcceptList;

typedef struct {
    const char *id;
    QuestionType type;
    LocalizedText prompt, hint, explanation;
    CourseImage image;
    LocalizedText audio; /* lang -> .wav path */

    Choice *choices; /* single, multiple */
    size_t choice_count;
    bool fixed_order; /* single, multiple: show the choices in the pack's order */
    bool answer;      /* truefalse */
    LocalizedText feedback_true, feedback_false;
    /* truefalse: the misconception a learner shows by answering true (or false);
     * only the wrong answer's tag is kept, NULL when none */
    const char *misconception_true, *misconception_false;
    OrderItem *items; /* order, in the correct order */
    size_t item_count;
    MatchPair *pairs; /* match */
    size_t pair_count;
    AcceptList *accept; /* text */
    size_t accept_count;
} Question;

/* ---- Pages and lessons ---- */

typedef enum { PAGE_TEXT, PAGE_QUIZ, PAGE_DEMO } PageType;

/* A quiz's part in measuring what a workshop taught: a pack has at most one
 * pre-test and one post-test, holding the same questions and right answers, so that
 * a report can set each learner's post-test score against their pre-test score. */
typedef enum { QUIZ_ROLE_NONE, QUIZ_ROLE_PRE, QUIZ_ROLE_POST } QuizRole;

typedef struct {
    PageType type;
    LocalizedText title;
    LocalizedText body;  /* text and demo pages */
    CourseImage image;   /* text pages */
    LocalizedText audio; /* text pages: lang -> .wav path */

    const char *quiz_id; /* quiz pages */
    double pass;         /* quiz pages: pass ratio, or < 0 for the pack's */
    bool shuffle;
    QuizRole role; /* quiz pages */
    Question *questions;
    size_t question_count;

    const char *demo;        /* demo pages: the built-in demo's name */
    const char *params_json; /* demo pages: params as compact JSON ("{}" if none) */
} Page;

typedef struct {
    const char *id;
    const char *file; /* path relative to the pack, as listed in pack.json */
    LocalizedText title, summary;
    int minutes;
    LocalizedText *objectives;
    size_t objective_count;
    Page *pages;
    size_t page_count;
} Lesson;

typedef struct {
    LocalizedText title;
    const char *url; /* NULL when none */
    LocalizedText note;
} CourseSource;

typedef struct {
    AilArena arena;
    const char *dir; /* the pack folder as given to course_load */
    int format;
    const char *id, *version;
    const char **languages; /* languages[0] is the fallback */
    size_t language_count;
    LocalizedText title, description;
    const char *audience; /* "learner" or "teacher" */
    const char *license;
    const char **authors;
    size_t author_count;
    double pass;
    CourseSource *sources;
    size_t source_count;
    Lesson *lessons;
    size_t lesson_count;
} Course;

/* ---- Diagnostics ---- */

typedef enum { DIAG_ERROR, DIAG_WARNING } DiagSeverity;

typedef struct {
    DiagSeverity severity;
    char *file;      /* path as the user would open it: pack dir joined with the file */
    int line, col;   /* 0 when the problem is the file as a whole */
    char *json_path; /* "pages[1].questions[0].choices", or NULL */
    char *message;
} Diagnostic;

/* Every problem found while loading one or more packs, in the order found.
 * Owns its strings; free with course_report_free. */
typedef struct {
    Diagnostic *items;
    size_t count, cap;
    size_t errors, warnings;
} CourseReport;

void course_report_init(CourseReport *report);
void course_report_free(CourseReport *report);
/* Writes one diagnostic as "FILE:LINE:COL: error: PATH: message". */
void course_diagnostic_format(const Diagnostic *d, AilBuf *out);

/* ---- Loading ---- */

typedef struct {
    bool check_unused_media; /* warn about files under media/ nothing refers to */
    /* Do not read pictures' and sounds' headers now: the app's start-up sets this, as
     * its renderer and audio check each file when it is shown or played (and show
     * the alt text instead), so one bad picture does not hide a whole pack. */
    bool media_checked_on_use;
} CourseLoadOptions;

/* Reads and validates the pack in dir. Adds every problem to report. Returns AIL_OK
 * and sets *out (caller frees with course_free) when the pack has no errors;
 * otherwise returns the first kind of error met (AIL_ERR_UNSUPPORTED when the pack
 * needs a newer ailit) and leaves *out NULL. opts may be NULL. */
AilResult course_load(const char *dir, const CourseLoadOptions *opts, Course **out,
                      CourseReport *report);

void course_free(Course *course);

/* The folders directly under dir that hold a pack.json, as "dir/name" paths sorted
 * by name. *paths is the caller's: free each string and the array. Returns
 * AIL_ERR_NOT_FOUND (with a sentence in err) when dir cannot be opened. */
AilResult course_find_packs(const char *dir, char ***paths, size_t *count, AilError *err);

/* ---- Lookups ---- */

/* The text in lang, else in the pack's first language, else the first one given;
 * "" when the text is absent. Never NULL. */
const char *course_text(const Course *course, const LocalizedText *text, const char *lang);

/* The names of question and page types as written in packs ("single", ...). */
const char *course_question_type_name(QuestionType type);

/* The quiz role as written in packs: "pre", "post", or NULL for none. */
const char *course_quiz_role_name(QuizRole role);

/* The misconception tag a wrong answer to q shows, or NULL: a true/false
 * question's tag for the answer truth; for other types, NULL (a choice carries
 * its own tag, see QuizGrade.wrong_choice). */
const char *course_truefalse_misconception(const Question *q, bool truth);

/* The quiz's pass ratio: its own, else the pack's. */
double course_quiz_pass(const Course *course, const Page *quiz);

/* ---- Body markup ---- */

typedef enum { MARKUP_PARAGRAPH, MARKUP_BULLET } MarkupBlockKind;

typedef struct {
    const char *text; /* points into Markup.storage; not NUL-terminated */
    size_t len;
    bool bold;
} MarkupSpan;

typedef struct {
    MarkupBlockKind kind;
    MarkupSpan *spans;
    size_t span_count;
} MarkupBlock;

/* Owns storage and every array in it; free with course_markup_free. */
typedef struct {
    char *storage;
    MarkupBlock *blocks;
    size_t block_count;
    bool unbalanced_bold; /* some block has an odd number of "**" */
} Markup;

/* Splits body text into paragraphs (split by a blank line) and "- " bullets, with
 * "**bold**" spans. Lines inside a paragraph are joined with one space. */
void course_markup_parse(const char *body, Markup *out);
void course_markup_free(Markup *markup);

#endif
