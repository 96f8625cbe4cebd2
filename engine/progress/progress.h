/*
 * progress — the learner progress store: one SQLite file per device holding the
 * device's identity, its learners, an append-only log of learning events (each one
 * the exact xAPI 1.0.3 statement written once, at the moment of the event), the
 * state needed to resume a lesson, derived results, and settings.
 *
 * Durability: the file is in WAL mode with synchronous=FULL, so every record call
 * returns only after its transaction is in the write-ahead log and fsync()ed. A
 * learner never sees feedback for an answer that a kill or a power cut could lose
 * (synchronous=NORMAL in WAL mode would survive a process kill but could lose the
 * last commits on power loss; that is why it is not used).
 *
 * Ownership: a ProgressStore owns its SQLite handle; progress_close() releases it.
 * Functions that hand out arrays say who frees them. Strings passed in are copied.
 * Every function returns AIL_OK or a result code with a sentence in err.
 */
#ifndef AILIT_PROGRESS_H
#define AILIT_PROGRESS_H

#include "base/base.h"
#include "course/course.h"
#include "quiz/quiz.h"

#include <stdint.h>

/* The schema version this ailit writes (PRAGMA user_version). Older files are
 * upgraded when opened; newer ones are refused. */
#define PROGRESS_SCHEMA_VERSION 3

/* xAPI identifiers. ".invalid" is a reserved top-level domain (RFC 2606): these
 * IRIs are names, never fetched, and no real host answers for them.
 * PROGRESS_XAPI_HOMEPAGE and PROGRESS_XAPI_IRI are the defaults of the account
 * homePage and of the base of activity ids, which a deployment may set (see "The
 * deployment's IRIs" below). PROGRESS_XAPI_IRI also names ailit's own extensions
 * (PROGRESS_XAPI_IRI "/extensions/pack", ...) on every device: they are ailit's
 * vocabulary, like the ADL verbs, so that a merge and a report read them anywhere. */
#define PROGRESS_XAPI_HOMEPAGE "https://ailit.invalid/learner"
#define PROGRESS_XAPI_IRI "https://ailit.invalid/xapi"

/* The short name ("answered", "passed", ...) when iri is one of the ADL verbs ailit
 * writes, else NULL: what a merge accepts as ailit's own. */
const char *progress_verb_from_iri(const char *iri);

/* A lesson is mastered when it is completed and each of its quizzes has a best
 * score at or above this ratio (and at or above the quiz's own pass ratio). */
#define PROGRESS_MASTERY_RATIO 0.8

#define PROGRESS_NAME_MAX 128
/* A recorded response (a typed answer) keeps at most this many bytes of UTF-8;
 * malformed bytes are stored as U+FFFD. */
#define PROGRESS_RESPONSE_MAX 4096

typedef struct ProgressStore ProgressStore;

/* ---- Opening ----------------------------------------------------------------- */

/* Opens the store at path, creating it when missing and upgrading an older schema.
 * A damaged file (AIL_ERR_CORRUPT) or one from a newer ailit (AIL_ERR_UNSUPPORTED)
 * is refused and left untouched; a copy is kept aside beside it and named in err.
 * Waits up to 5 s for another program's lock. On success *out is the caller's, to
 * close with progress_close. */
AilResult progress_open(const char *path, ProgressStore **out, AilError *err);

/* Why a store could not be opened, told apart so that the app can say what to do.
 * An intact file that may not be written is never called damaged. */
typedef enum {
    PROGRESS_PROBLEM_NONE,
    PROGRESS_PROBLEM_NO_FOLDER,        /* the data folder is missing and cannot be made */
    PROGRESS_PROBLEM_FOLDER_READ_ONLY, /* the folder, or the disk it is on, may not be written */
    PROGRESS_PROBLEM_FILE_UNREADABLE,  /* this user may not read the file */
    PROGRESS_PROBLEM_FILE_READ_ONLY,   /* the file (or its -wal/-shm) may not be written */
    PROGRESS_PROBLEM_BUSY,             /* another program holds it locked */
    PROGRESS_PROBLEM_DAMAGED,          /* not a database, or its pages fail the check */
    PROGRESS_PROBLEM_NEWER,            /* written by a newer ailit */
    PROGRESS_PROBLEM_DISK_FULL,        /* no room left to save progress */
    PROGRESS_PROBLEM_OTHER             /* anything else (an I/O error): err says what */
} ProgressProblem;

/* A store or folder path, for ProgressOpenInfo. */
#define PROGRESS_PATH_MAX 4096

/* What progress_try_open found: the facts a sentence for the user needs. */
typedef struct {
    ProgressProblem problem;
    char file[PROGRESS_PATH_MAX];   /* the file concerned: the store, or its -wal/-shm */
    char folder[PROGRESS_PATH_MAX]; /* the folder it is in */
    char aside[PROGRESS_PATH_MAX];  /* the copy kept aside (damaged, newer), "" when none */
} ProgressOpenInfo;

/* Like progress_open, and on failure *info (may be NULL) tells why. Waits at most
 * wait_ms for another program's lock (0: not at all) before PROGRESS_PROBLEM_BUSY.
 * A file or folder that may not be written is refused before SQLite opens it, so
 * no -wal, -shm or copy is left beside it; opening a store whose schema is current
 * writes nothing (and so never waits for another ailit that is writing). */
AilResult progress_try_open(const char *path, int wait_ms, ProgressStore **out,
                            ProgressOpenInfo *info, AilError *err);

/* Makes the data folder dir (mode 0700, its parent too) when it is missing. On
 * failure *info says why: NO_FOLDER, or DISK_FULL. */
AilResult progress_make_folder(const char *dir, ProgressOpenInfo *info, AilError *err);

/* The English name of a problem ("read-only folder"), for logs. */
const char *progress_problem_name(ProgressProblem problem);

/* Closes the store (NULL is fine). */
void progress_close(ProgressStore *store);

/* Copies a database file we will not use to "<path>.<why>-<UTC time>" (never over an
 * existing file), with its -wal file when there is one, and names the copy in aside.
 * False when no copy could be made. (sync uses it for trainer databases too.) */
bool progress_copy_aside(const char *path, const char *why, char *aside, size_t aside_size);

/* ---- The progress clock ------------------------------------------------------------ */

/* The time (ms since 1970) to date progress with now: the system clock as it is,
 * except that it never goes backwards while the store is open and never falls
 * before a floor, the time this ailit was built and the latest time the store held
 * when it was opened. While the system clock is below the floor (a Raspberry Pi
 * without a network starts in 1970), times run on from the floor at the pace of
 * the monotonic clock, so their order and the durations between them stay right.
 * Everything the store records, and the export's times, are made with it. */
int64_t progress_now_ms(ProgressStore *store);

/* How far behind the floor the system clock may be before it is called wrong:
 * under a day, the dates a teacher would be shown are the same day. */
#define PROGRESS_CLOCK_SLACK_MS (24 * 3600 * 1000LL)

/* A time in the store more than this ahead of a system clock that is after the
 * build time was made by a clock set ahead; it is not followed (see progress_clock.c). */
#define PROGRESS_CLOCK_AHEAD_MS (24 * 3600 * 1000LL)

typedef struct {
    int64_t system_ms; /* what the system clock says */
    int64_t floor_ms;  /* no progress is dated before this */
    int64_t now_ms;    /* what progress is dated with now */
    bool estimated;    /* now_ms is not the system clock's (it is below the floor or
                          was set back while the store was open) */
    bool wrong;        /* the system clock is more than PROGRESS_CLOCK_SLACK_MS below
                          the floor: it needs setting, and the teacher is told so */
} ProgressClockStatus;

/* Fills *out, without moving the clock on. */
void progress_clock_status(ProgressStore *store, ProgressClockStatus *out);

/* For --script tests and demonstrations only: from now on the store takes the system
 * clock to read wall_ms, running on at the monotonic clock's pace. */
void progress_clock_pretend(ProgressStore *store, int64_t wall_ms);

/* ---- Device -------------------------------------------------------------------- */

typedef struct {
    char uuid[AIL_UUID_LEN + 1];
    char name[PROGRESS_NAME_MAX];
} ProgressDevice;

/* Fills *out with this device's UUID (made when the store was created) and name. */
AilResult progress_device_get(ProgressStore *store, ProgressDevice *out, AilError *err);

/* Renames the device ("Room 4 laptop 2"); name is 1..127 bytes of UTF-8. */
AilResult progress_device_rename(ProgressStore *store, const char *name, AilError *err);

/* ---- Learners ------------------------------------------------------------------ */

typedef struct {
    char uuid[AIL_UUID_LEN + 1];
    char name[PROGRESS_NAME_MAX];
    uint32_t colour; /* 0xRRGGBB */
    char avatar[64]; /* an avatar's name, "" for none */
    bool has_pin;
    int64_t created_ms;
} ProgressLearner;

/* Adds a learner with a new UUID; *out (may be NULL) receives the stored record. */
AilResult progress_learner_add(ProgressStore *store, const char *name, uint32_t colour,
                               const char *avatar, ProgressLearner *out, AilError *err);

/* Fills *out with learner uuid; AIL_ERR_NOT_FOUND when there is none. */
AilResult progress_learner_get(ProgressStore *store, const char *uuid, ProgressLearner *out,
                               AilError *err);

/* Stores learner->name, colour and avatar for learner->uuid. */
AilResult progress_learner_update(ProgressStore *store, const ProgressLearner *learner,
                                  AilError *err);

/* All learners by name; *out is the caller's to free() (NULL when count is 0). */
AilResult progress_learner_list(ProgressStore *store, ProgressLearner **out, size_t *count,
                                AilError *err);

/* Sets (pin non-NULL, 4..64 bytes) or clears (pin NULL) a learner's PIN. Only a
 * libsodium crypto_pwhash_str hash is stored, never the PIN. */
AilResult progress_learner_set_pin(ProgressStore *store, const char *uuid, const char *pin,
                                   AilError *err);

/* *ok is true when pin is the learner's PIN, or when the learner has none. */
AilResult progress_learner_check_pin(ProgressStore *store, const char *uuid, const char *pin,
                                     bool *ok, AilError *err);

/* ---- The teacher PIN ------------------------------------------------------------- */

/* The setting that holds the teacher PIN's hash (never the PIN). */
#define PROGRESS_TEACHER_PIN "teacher_pin_hash"

/* Sets the device's teacher PIN (4..64 bytes), stored only as a crypto_pwhash_str hash. */
AilResult progress_teacher_pin_set(ProgressStore *store, const char *pin, AilError *err);

/* Wrong teacher PINs in a row earn a wait before the next try, kept in these
 * settings so that a restart does not clear it. The first PROGRESS_PIN_FREE_TRIES cost
 * nothing (a teacher who mistypes is not slowed); each one after waits twice as long
 * as the one before, from PROGRESS_PIN_FIRST_DELAY_MS up to PROGRESS_PIN_MAX_DELAY_MS:
 * 30 s, 1, 2, 4, 8 min, then 15 min a try, so that trying all 10,000 four-digit PINs
 * would take over 100 days. The right PIN clears the count. */
#define PROGRESS_TEACHER_PIN_FAILURES "teacher_pin_failures"
#define PROGRESS_TEACHER_PIN_LOCKED_UNTIL "teacher_pin_locked_until"
#define PROGRESS_PIN_FREE_TRIES 3
#define PROGRESS_PIN_FIRST_DELAY_MS (30 * 1000)
#define PROGRESS_PIN_MAX_DELAY_MS (15 * 60 * 1000)

/* The wait (ms) after failures wrong PINs in a row: 0 up to PROGRESS_PIN_FREE_TRIES. */
int64_t progress_teacher_pin_delay_ms(int64_t failures);

typedef enum {
    PROGRESS_PIN_UNSET,  /* the device has no teacher PIN (never set, or reset) */
    PROGRESS_PIN_RIGHT,  /* the count of wrong PINs is cleared */
    PROGRESS_PIN_WRONG,  /* counted; the next try waits *wait_ms (0 while tries are free) */
    PROGRESS_PIN_LOCKED  /* not checked at all: too many wrong PINs; try after *wait_ms */
} ProgressPinVerdict;

/* Checks pin against the teacher PIN at time now_ms (ms since 1970), counting a wrong
 * one. While a wait is running the PIN is not checked: *verdict is LOCKED. */
AilResult progress_teacher_pin_try(ProgressStore *store, const char *pin, int64_t now_ms,
                                   ProgressPinVerdict *verdict, int64_t *wait_ms, AilError *err);

/* Without trying a PIN: *set tells whether the device has a teacher PIN, *wait_ms how
 * long until one may be tried (0: now). */
AilResult progress_teacher_pin_status(ProgressStore *store, int64_t now_ms, bool *set,
                                      int64_t *wait_ms, AilError *err);

/* Forgets the teacher PIN and the count of wrong ones (learners and progress stay), so
 * that the teacher area asks for a new PIN when next opened. *had_pin tells whether
 * there was one. For `ailit teacher-pin --reset`, when a PIN is forgotten. */
AilResult progress_teacher_pin_reset(ProgressStore *store, bool *had_pin, AilError *err);

/* ---- Settings ------------------------------------------------------------------ */

/* Copies setting key into out; AIL_ERR_NOT_FOUND when unset, AIL_ERR_TOO_LARGE when
 * it does not fit out_size. */
AilResult progress_setting_get(ProgressStore *store, const char *key, char *out, size_t out_size,
                               AilError *err);
AilResult progress_setting_set(ProgressStore *store, const char *key, const char *value,
                               AilError *err);

/* ---- The deployment's IRIs ------------------------------------------------------ */

/* The account homePage and the activity base a store writes its statements with.
 * They are fixed in the store's settings (PROGRESS_SETTING_XAPI_*) at the latest
 * when its first statement is written, and never change after that: a statement's
 * bytes never change, and one learner's statements must not be split between two
 * homePages. Until then progress_xapi_configure may set them (from ailit.conf). */
#define PROGRESS_XAPI_IRI_MAX 200
#define PROGRESS_SETTING_XAPI_HOMEPAGE "xapi_homepage"
#define PROGRESS_SETTING_XAPI_ACTIVITY_BASE "xapi_activity_base"

typedef struct {
    char homepage[PROGRESS_XAPI_IRI_MAX + 1];      /* "" in a config: not given */
    char activity_base[PROGRESS_XAPI_IRI_MAX + 1]; /* without a trailing slash */
} ProgressXapiIris;

/* True when iri is an absolute http:// or https:// IRI with a host, of at most max
 * bytes of valid UTF-8, without spaces, control characters or any of "<>\^`{|}.
 * (A merge checks the IRIs of statements from other devices with it.) */
bool progress_xapi_iri_ok(const char *iri, size_t max);

/* Checks value for the setting key (PROGRESS_SETTING_XAPI_*): progress_xapi_iri_ok
 * with PROGRESS_XAPI_IRI_MAX, and no query (?) or fragment (#). AIL_ERR_INVALID with
 * a sentence saying what is wrong and what to write instead. */
AilResult progress_xapi_iri_check(const char *key, const char *value, AilError *err);

/* Reads a deployment config file: lines "key = value", blank lines and lines
 * starting with # skipped. xapi_homepage and xapi_activity_base (a trailing slash
 * dropped) overwrite the fields of *iris; fields of keys not given stay as they
 * were. A missing file is AIL_ERR_NOT_FOUND and leaves *iris alone; an unknown key,
 * a line without "=", a line over 1000 bytes or a bad IRI is AIL_ERR_INVALID with
 * "FILE:LINE: what is wrong", and *iris is left as it was. */
AilResult progress_config_read(const char *path, ProgressXapiIris *iris, AilError *err);

/* The IRIs the store writes statements with into *out; *fixed tells whether its
 * first statement is written (they can no longer change). Unset ones are the
 * defaults. */
AilResult progress_xapi_get(ProgressStore *store, ProgressXapiIris *out, bool *fixed,
                            AilError *err);

/* Makes want's IRIs ("" fields: the defaults) the store's, as long as it has no
 * statement yet. Once it has one, nothing changes; when want differs from the fixed
 * IRIs, a sentence saying so (for stderr and the log) goes into note, else note is
 * "". note_size may be 0. */
AilResult progress_xapi_configure(ProgressStore *store, const ProgressXapiIris *want, char *note,
                                  size_t note_size, AilError *err);

/* ---- Lessons: what the app records -------------------------------------------- */

/* Where a learner stands in a lesson attempt. */
typedef struct {
    bool resumed;                        /* an unfinished attempt was found and continues */
    int page;                            /* the page to show */
    size_t answers;                      /* answers given so far in this attempt */
    char registration[AIL_UUID_LEN + 1]; /* the attempt's id (xAPI registration) */
} ProgressLessonState;

/* Starts lesson lesson_index of course for learner, or resumes the unfinished
 * attempt (recording a "progressed" statement). lang is the language shown. */
AilResult progress_lesson_start(ProgressStore *store, const char *learner, const Course *course,
                                size_t lesson_index, const char *lang, ProgressLessonState *out,
                                AilError *err);

/* Records that the learner saw page page_index ("experienced") and that the lesson
 * resumes there. */
AilResult progress_record_page(ProgressStore *store, const char *learner, const Course *course,
                               size_t lesson_index, size_t page_index, const char *lang,
                               AilError *err);

/* The most bytes of a demo's summary (progress_record_demo). */
#define PROGRESS_DEMO_SUMMARY_MAX 1024

/* Records what the learner did in the demo on demo page page_index ("interacted",
 * the page's activity), when they leave it: summary is a small flat JSON object the
 * demo fills ({"k": 3, "steps": 4, "converged": true}), carried in the result's
 * extension PROGRESS_XAPI_IRI "/extensions/demo" beside duration_ms (< 0: none), and
 * the demo's name in the context's pack extension. AIL_ERR_USAGE when the page is
 * not a demo page, AIL_ERR_INVALID when summary is not an object whose keys are 1..32
 * of [a-z0-9_] and values numbers, true, false, texts of up to 64 printable ASCII
 * characters without escapes, or arrays of up to 32 numbers (at most 16 members,
 * PROGRESS_DEMO_SUMMARY_MAX bytes). One transaction; the attempt stays where it is. */
AilResult progress_record_demo(ProgressStore *store, const char *learner, const Course *course,
                               size_t lesson_index, size_t page_index, const char *summary,
                               const char *lang, int64_t duration_ms, AilError *err);

/* Grades response to question question_index of quiz page page_index, and records it
 * ("answered", with the response, success, score and duration_ms). Returns only once
 * the answer is durably committed: show feedback after this returns AIL_OK. *grade
 * (may be NULL) receives the grading. A later answer to the same question replaces
 * the earlier one in the attempt's state; both stay in the event log. */
AilResult progress_record_answer(ProgressStore *store, const char *learner, const Course *course,
                                 size_t lesson_index, size_t page_index, size_t question_index,
                                 const QuizResponse *response, const char *lang,
                                 int64_t duration_ms, QuizGrade *grade, AilError *err);

/* The learner's answer so far in this attempt to a question: its xAPI response string
 * appended to response (may be NULL) and *correct. AIL_ERR_NOT_FOUND when unanswered. */
AilResult progress_answer_get(ProgressStore *store, const char *learner, const Course *course,
                              size_t lesson_index, size_t page_index, size_t question_index,
                              AilBuf *response, bool *correct, AilError *err);

/* Scores quiz page page_index from the attempt's answers (unanswered questions count
 * as wrong), records "passed" or "failed" with the scaled score, and updates the best
 * score. *score (may be NULL) receives the result. Safe to repeat: when the quiz's
 * latest answers were scored already, nothing is recorded again and the same score
 * is returned, so the app may call it whenever it shows the results. */
AilResult progress_finish_quiz(ProgressStore *store, const char *learner, const Course *course,
                               size_t lesson_index, size_t page_index, const char *lang,
                               QuizScore *score, AilError *err);

/* Records "completed" for the lesson, marks it complete (and mastered when its
 * quizzes' best scores allow) and closes the attempt. */
AilResult progress_finish_lesson(ProgressStore *store, const char *learner, const Course *course,
                                 size_t lesson_index, const char *lang, AilError *err);

/* ---- Queries for the screens -------------------------------------------------- */

/* One lesson of a pack as the lesson list shows it. */
typedef struct {
    bool started;    /* an unfinished attempt exists */
    int resume_page; /* its page when started */
    bool completed, mastered;
    double best_score; /* the mean of the lesson's quiz best scores, < 0 when none */
} ProgressLessonRow;

/* Fills rows[0..course->lesson_count) for learner. */
AilResult progress_lesson_rows(ProgressStore *store, const char *learner, const Course *course,
                               ProgressLessonRow *rows, AilError *err);

/* One pack on the library screen. */
typedef struct {
    size_t lessons, started, completed, mastered;
} ProgressPackSummary;

AilResult progress_pack_summary(ProgressStore *store, const char *learner, const Course *course,
                                ProgressPackSummary *out, AilError *err);

/* One learner on the class overview screen, for one pack. */
typedef struct {
    ProgressLearner learner;
    size_t completed, mastered;
    double mean_best;       /* over lessons with a quiz score, < 0 when none */
    int64_t last_active_ms; /* 0 when never */
} ProgressOverviewRow;

/* Every learner with their standing in course; *rows is the caller's to free(). */
AilResult progress_class_overview(ProgressStore *store, const Course *course,
                                  ProgressOverviewRow **rows, size_t *count, AilError *err);

/* ---- The event log, for export --------------------------------------------------- */

/* The sequence numbers an export would cover: events after after_seq up to the
 * newest. *count 0 means nothing to export. */
AilResult progress_events_range(ProgressStore *store, int64_t after_seq, int64_t *first_seq,
                                int64_t *last_seq, size_t *count, AilError *err);

/* Calls fn for each event with after_seq < seq <= upto_seq in order, with the exact
 * statement JSON. Stops at the first result fn returns other than AIL_OK. */
typedef AilResult (*ProgressEventFn)(void *ctx, int64_t seq, const char *statement, size_t len,
                                     AilError *err);
AilResult progress_events_each(ProgressStore *store, int64_t after_seq, int64_t upto_seq,
                               ProgressEventFn fn, void *ctx, AilError *err);

/* The newest sequence number already exported (0 when none). */
AilResult progress_export_watermark(ProgressStore *store, int64_t *seq, AilError *err);

/* Moves the export watermark forward to seq (never back); call only once the export
 * file is safely on disk. */
AilResult progress_export_mark(ProgressStore *store, int64_t seq, AilError *err);

#endif
