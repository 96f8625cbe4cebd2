/*
 * progress internals shared by the module's .c files and its tests. Not part of the
 * public API: the app includes progress.h only.
 */
#ifndef AILIT_PROGRESS_INTERNAL_H
#define AILIT_PROGRESS_INTERNAL_H

#include "progress/progress.h"

#include <sqlite3.h>

#define PROGRESS_BIND_MARKS 8

/* ---- The progress clock (progress_clock.c) ---- */

/* Where the progress clock reads the time. Tests give their own; ailit reads
 * CLOCK_REALTIME and CLOCK_MONOTONIC. */
typedef struct {
    int64_t (*wall_ms)(void); /* the system clock: ms since 1970, possibly wrong */
    int64_t (*mono_ms)(void); /* ms from any start, never going backwards */
} ProgressTimeSource;

/* Makes src (NULL: the system's clocks) the time source of stores opened after the
 * call. For tests; src must outlive those stores. */
void progress_clock_use_source(const ProgressTimeSource *src);

/* The time this ailit's source was last changed (SOURCE_DATE_EPOCH or the last
 * commit's date, from CMake), in ms since 1970: no progress is dated before it. */
extern const int64_t PROGRESS_BUILD_MS;

/* A store's time, as progress_clock.c keeps it. */
typedef struct {
    int64_t stored_ms;    /* the latest time the store held when opened */
    int64_t last_ms;      /* the latest time handed out (0: none yet) */
    int64_t base_ms;      /* an estimate runs on from here ... */
    int64_t base_mono_ms; /* ... at the monotonic clock's pace from here */
    bool pretending;      /* progress_clock_pretend was called */
    int64_t pretend_wall_ms, pretend_mono_ms;
} ProgressClock;

/* Starts c for the store db: reads the latest time it records (once, at open). */
AilResult progress_clock_open(sqlite3 *db, ProgressClock *c, AilError *err);

/* The next time from c (progress_now_ms of the store that holds it). */
int64_t progress_clock_now(ProgressClock *c);

struct ProgressStore {
    sqlite3 *db;
    char *path;
    /* Statements with a failed sqlite3_bind_* not yet stepped, and the failure: a
     * value that could not be bound must fail its statement, never run it with a NULL
     * in its place (a NULL in a WHERE reads as "nothing there"). */
    struct {
        sqlite3_stmt *st;
        int rc;
    } bind_fail[PROGRESS_BIND_MARKS];
    size_t bind_fail_count;
    /* The IRIs statements are written with (xapi_config.c): read from the settings
     * when first needed; xapi_fixed once they are stored there for good. */
    ProgressXapiIris xapi;
    bool xapi_loaded, xapi_fixed;
    ProgressClock clock; /* every time the store records or exports is made by it */
};

/* sqlite3_bind_* for a statement of store s, returning its code; a failure is also kept
 * on the store (and SQLite's message on the handle) for progress_step(s, st). */
int progress_bind_text(ProgressStore *s, sqlite3_stmt *st, int i, const char *v, int len,
                        sqlite3_destructor_type lifetime);
int progress_bind_int64(ProgressStore *s, sqlite3_stmt *st, int i, int64_t v);
int progress_bind_double(ProgressStore *s, sqlite3_stmt *st, int i, double v);
int progress_bind_null(ProgressStore *s, sqlite3_stmt *st, int i);

/* sqlite3_step(st) when every bind of st took; otherwise the failed bind's code,
 * without running st. Either way the bind mark is cleared. */
int progress_step(ProgressStore *s, sqlite3_stmt *st);

/* Sets err from the handle's last SQLite error, prefixed with what was being done. */
AilResult progress_sql_error(sqlite3 *db, const char *doing, AilError *err);

/* Runs the migration steps that take db from its user_version up to target
 * (target <= PROGRESS_SCHEMA_VERSION), in one transaction. Tests use it to build
 * databases of every earlier version. */
AilResult progress_migrate(sqlite3 *db, int target, AilError *err);

/* For benchmarks and tests: PRAGMA synchronous (0 OFF, 1 NORMAL, 2 FULL). */
AilResult progress_set_synchronous(ProgressStore *store, int level, AilError *err);

/* The IRIs the store writes with (loaded from its settings when first needed). */
AilResult progress_xapi_current(ProgressStore *s, const ProgressXapiIris **out, AilError *err);

/* Stores the current IRIs in the settings, unless some are there already: called in
 * the transaction of each new statement, so that the first one fixes them. */
AilResult progress_xapi_fix(ProgressStore *s, AilError *err);

/* ---- xAPI statement text (statement.c) ---- */

/* Appends s percent-encoded so that it can stand as one IRI path segment. */
void progress_iri_segment(AilBuf *out, const char *s);

typedef enum {
    STMT_EXPERIENCED,
    STMT_ANSWERED,
    STMT_PASSED,
    STMT_FAILED,
    STMT_COMPLETED,
    STMT_PROGRESSED,
    STMT_INTERACTED
} StatementVerb;

const char *progress_verb_name(StatementVerb verb);

/* Everything one statement says. Pointers are borrowed. */
typedef struct {
    const char *id;      /* the statement's UUID */
    const char *learner; /* learner UUID */
    StatementVerb verb;
    const Course *course;
    const Lesson *lesson;
    const Page *page; /* page or quiz page, NULL for lesson statements */
    size_t page_index;
    const Question *question; /* answered only */
    const char *lang;
    const char *registration; /* attempt UUID */
    int64_t at_ms;
    /* result */
    bool has_result;
    const char *response; /* answered */
    bool has_success, success;
    bool has_score;
    double scaled, raw, min, max;
    int64_t duration_ms;       /* < 0 when absent */
    const char *misconception; /* answered wrong with a tagged choice */
    int progress_page;         /* progressed: page reached, < 0 when absent */
    const char *demo_summary;  /* interacted: a JSON object progress_demo_summary_ok took */
    const ProgressXapiIris *iris; /* the account homePage and activity base; NULL: defaults */
} StatementSpec;

/* True when json is a demo summary a statement may carry as it is: a JSON object of
 * at most PROGRESS_DEMO_SUMMARY_MAX bytes whose keys are 1..32 of [a-z0-9_] and
 * whose values are numbers, true, false, short strings without escapes, or arrays of
 * numbers (demo.c). */
bool progress_demo_summary_ok(const char *json);

/* Appends the compact xAPI 1.0.3 statement JSON for spec to out. */
void progress_statement_build(const StatementSpec *spec, AilBuf *out);

/* Appends the ISO 8601 duration of ms ("PT1M2.5S"). */
void progress_duration_iso8601(int64_t ms, AilBuf *out);

#endif
