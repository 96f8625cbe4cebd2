/*
 * screens — the learner app's screens: choose or add a learner, the library, a pack's
 * lessons, lesson pages, quiz questions with feedback, results, settings
 * (language, text size, contrast), and the teacher area behind a PIN (class
 * overview, managing learners, export to and import from a USB stick). One file per screen; each
 * lays itself out with ui/ every frame and reacts to that frame's input.
 *
 * Learners and progress are reached only through AppSession, a small table of
 * functions the app fills in (app/app_session.c wires it to progress/), so screens
 * never see SQLite and tests can give them a store of their own.
 *
 * Ownership: Screens borrows the session and the courses (they must outlive it) and
 * owns its own state; screens_destroy() frees it.
 */
#ifndef AILIT_SCREENS_H
#define AILIT_SCREENS_H

#include "base/base.h"
#include "course/course.h"
#include "quiz/quiz.h"
#include "ui/ui.h"

/* ---- The seam to the progress store ---- */

typedef struct {
    char id[AIL_UUID_LEN + 1];
    char name[128];
    uint32_t colour; /* 0xRRGGBB */
} SessionLearner;

/* One learner's standing in one pack, for the class overview. */
typedef struct {
    SessionLearner learner;
    size_t completed, mastered;
    double mean_best; /* < 0 when no quiz was scored */
} SessionOverviewRow;

/* What a pack import did: on refusal, how many problems the pack has and the first
 * few of them as "FILE:LINE:COL: message" lines. */
typedef struct {
    size_t problems;
    char details[1200];
    char id[72], version[40];
    char title[256]; /* in the language asked for, else the pack's first */
    bool replaced;   /* an earlier copy of the same pack was replaced */
} SessionImport;

/* Why an export to a stick failed, for a sentence in the teacher's language. */
typedef enum {
    SESSION_EXPORT_FAILED, /* something else: err says what */
    SESSION_EXPORT_GONE,   /* the stick's folder is not there (pulled out) */
    SESSION_EXPORT_LOCKED, /* read-only (a locked stick) */
    SESSION_EXPORT_FULL    /* no space left */
} SessionExportProblem;

#define SESSION_TEACHER_PIN_MIN 4
#define SESSION_TEACHER_PIN_MAX 12
/* A laptop's name: at most this many bytes less one (progress/'s PROGRESS_NAME_MAX). */
#define SESSION_DEVICE_NAME_MAX 128

typedef struct {
    bool started; /* an unfinished attempt exists */
    int resume_page;
    bool completed, mastered;
    double best_score; /* < 0 when none */
} SessionLessonRow;

/* Read aloud: why text in a language cannot be spoken, and what is being said. */
typedef enum {
    SESSION_SPEECH_OK,
    SESSION_SPEECH_NO_VOICE, /* no eSpeak NG voice for the language */
    SESSION_SPEECH_NO_AUDIO, /* no sound device */
    SESSION_SPEECH_NO_ENGINE /* eSpeak NG or its data is not installed */
} SessionSpeechAvail;

typedef enum {
    SESSION_SPEECH_IDLE,
    SESSION_SPEECH_SPEAKING,
    SESSION_SPEECH_PAUSED,
    SESSION_SPEECH_FAILED,   /* idle: the last text could not be said (until the next say) */
    SESSION_SPEECH_RECORDING /* a pack's recording plays (no word times; speech_stop stops it) */
} SessionSpeechState;

/* Every function returns AIL_OK or a code with a sentence in err. */
typedef struct {
    void *impl;
    /* All learners; *out is the caller's to free(). */
    AilResult (*learner_list)(void *impl, SessionLearner **out, size_t *count, AilError *err);
    AilResult (*learner_add)(void *impl, const char *name, uint32_t colour, SessionLearner *out,
                             AilError *err);
    /* rows[0..course->lesson_count) */
    AilResult (*lesson_rows)(void *impl, const char *learner, const Course *course,
                             SessionLessonRow *rows, AilError *err);
    /* Starts or resumes a lesson; *page is where to continue. */
    AilResult (*lesson_start)(void *impl, const char *learner, const Course *course, size_t lesson,
                              const char *lang, int *page, AilError *err);
    AilResult (*record_page)(void *impl, const char *learner, const Course *course, size_t lesson,
                             size_t page, const char *lang, AilError *err);
    /* Grades and durably records an answer; feedback is shown only after AIL_OK. */
    AilResult (*record_answer)(void *impl, const char *learner, const Course *course, size_t lesson,
                               size_t page, size_t question, const QuizResponse *response,
                               const char *lang, int64_t duration_ms, QuizGrade *grade,
                               AilError *err);
    /* *correct for an answered question; AIL_ERR_NOT_FOUND when unanswered. */
    AilResult (*answer_get)(void *impl, const char *learner, const Course *course, size_t lesson,
                            size_t page, size_t question, bool *correct, AilError *err);
    AilResult (*finish_quiz)(void *impl, const char *learner, const Course *course, size_t lesson,
                             size_t page, const char *lang, QuizScore *score, AilError *err);
    AilResult (*finish_lesson)(void *impl, const char *learner, const Course *course, size_t lesson,
                               const char *lang, AilError *err);
    /* Device settings ("lang", "text_size", "contrast"); AIL_ERR_NOT_FOUND when unset. */
    AilResult (*setting_get)(void *impl, const char *key, char *out, size_t out_size,
                             AilError *err);
    AilResult (*setting_set)(void *impl, const char *key, const char *value, AilError *err);

    /* ---- The teacher area ---- */
    /* *set is true when the device has a teacher PIN; *wait_ms is how long until a PIN
     * may be tried (0: now), since wrong PINs in a row earn a wait. */
    AilResult (*teacher_pin_exists)(void *impl, bool *set, int64_t *wait_ms, AilError *err);
    /* Stores a hash of pin (digits, SESSION_TEACHER_PIN_MIN..MAX), never pin itself. */
    AilResult (*teacher_pin_set)(void *impl, const char *pin, AilError *err);
    /* *ok is true when pin is the teacher PIN. *wait_ms > 0 when no PIN may be tried
     * for that long (a wait had begun, and pin was not even checked, or this wrong PIN
     * began one); the wait is kept by the session, not by the screen. */
    AilResult (*teacher_pin_check)(void *impl, const char *pin, bool *ok, int64_t *wait_ms,
                                   AilError *err);
    /* Stores a learner's name and colour (learner->id names the learner). */
    AilResult (*learner_update)(void *impl, const SessionLearner *learner, AilError *err);
    /* Every learner's standing in course; *rows is the caller's to free(). */
    AilResult (*class_overview)(void *impl, const Course *course, SessionOverviewRow **rows,
                                size_t *count, AilError *err);
    /* The folders of the USB sticks mounted now; *paths (each string and the array)
     * is the caller's to free(). */
    AilResult (*usb_sticks)(void *impl, char ***paths, size_t *count, AilError *err);
    /* Writes the progress since the last export into dir (anonymous: without the
     * learners' names); file_name receives the file's name ("" when there was nothing
     * new) and *statements how many it holds. On failure *problem says what the
     * teacher can do about it. */
    AilResult (*export_progress)(void *impl, const char *dir, bool anonymous, char *file_name,
                                 size_t file_name_size, size_t *statements,
                                 SessionExportProblem *problem, AilError *err);
    /* Validates the pack in pack_dir and copies it into the device's library of
     * packs. A pack with errors is refused (AIL_ERR_INVALID, out->problems > 0) and
     * nothing is copied. The app loads the library again once this returns AIL_OK
     * (see screens_take_courses_changed). */
    AilResult (*pack_import)(void *impl, const char *pack_dir, const char *lang, SessionImport *out,
                             AilError *err);
    /* Optional (may be NULL): records err's technical text (English, perhaps SQLite's)
     * in the app's log; the screen itself shows a sentence in the user's language.
     * doing says what was being done ("saving an answer"). */
    void (*log)(void *impl, const char *doing, const AilError *err);
    /* Optional (may be NULL): durably records what the learner did in the demo on a
     * demo page as they leave it; summary is a small flat JSON object (see
     * progress_record_demo), duration_ms < 0 when unknown. */
    AilResult (*record_demo)(void *impl, const char *learner, const Course *course, size_t lesson,
                             size_t page, const char *summary, const char *lang,
                             int64_t duration_ms, AilError *err);
    /* Optional (may be NULL): this laptop's name ("Room 4, laptop 7"), which its
     * progress files carry; rename takes 1..SESSION_DEVICE_NAME_MAX-1 bytes. */
    AilResult (*device_name_get)(void *impl, char *out, size_t out_size, AilError *err);
    AilResult (*device_rename)(void *impl, const char *name, AilError *err);
    /* Optional (may be NULL): true when this computer's clock is wrong, far behind the
     * earliest time progress may be dated; then *says is what it says and *from the
     * time progress is dated from until it is set (ms since 1970). */
    bool (*clock_wrong)(void *impl, int64_t *says, int64_t *from);

    /* ---- Read aloud (optional: speech NULL when the app cannot speak at all) ---- */
    void *speech;
    /* Whether text in lang can be spoken now, or why not; lang NULL: only whether
     * sound can play (a pack's recording: OK or SESSION_SPEECH_NO_AUDIO). */
    SessionSpeechAvail (*speech_available)(void *speech, const char *lang);
    /* Stops what is said and starts saying text (UTF-8) in lang; never waits for it. */
    AilResult (*speech_say)(void *speech, const char *text, const char *lang, bool slower,
                            AilError *err);
    void (*speech_pause)(void *speech, bool pause);
    void (*speech_stop)(void *speech);
    /* What is heard now: the word being heard is bytes [*word_offset, +*word_len) of
     * the text given to speech_say (-1: none yet). */
    SessionSpeechState (*speech_state)(void *speech, long *word_offset, long *word_len);
} AppSession;

/* ---- UI languages ---- */

#define SCREENS_LANGUAGE_COUNT 5
/* The UI languages in menu order ("en", "fr", "zh-Hans", "ar", "sw"). */
extern const char *const SCREENS_LANGUAGES[SCREENS_LANGUAGE_COUNT];

/* The UI string key in lang (falling back to English, then to the key itself). */
const char *screens_string(const char *lang, const char *key);

/* True for languages written right to left. */
bool screens_lang_rtl(const char *lang);

/* The string tables as embedded at build time: lang's JSON text, or NULL. */
const char *screens_strings_json(const char *lang);

/* ---- Start-up problems ---- */

/* What keeps the app from its progress store, for the start-up screen. */
typedef enum {
    SCREENS_STARTUP_WAITING,          /* another ailit holds the store: waiting for it */
    SCREENS_STARTUP_BUSY,             /* ... and it did not let go */
    SCREENS_STARTUP_NO_FOLDER,        /* the data folder cannot be made */
    SCREENS_STARTUP_FOLDER_READ_ONLY, /* the folder or its disk may not be written */
    SCREENS_STARTUP_FILE_READ_ONLY,   /* the store file may be read, not written */
    SCREENS_STARTUP_FILE_UNREADABLE,  /* the store file may not be read */
    SCREENS_STARTUP_DAMAGED,          /* aside names the copy kept ("" when none) */
    SCREENS_STARTUP_NEWER,            /* written by a newer ailit */
    SCREENS_STARTUP_DISK_FULL,
    SCREENS_STARTUP_OTHER /* log names the log file ("" when none) */
} ScreensStartupProblem;

typedef struct {
    ScreensStartupProblem problem;
    char file[4096], folder[4096], aside[4096], log[4096]; /* paths, "" when none */
} ScreensStartup;

/* ---- The screens ---- */

typedef struct Screens Screens;

/* Creates the screens on the learner screen. lang may be NULL (settings, then "en"). */
Screens *screens_create(AppSession *session, const char *lang);

/* Creates the screens on the start-up screen, which says in lang (NULL: "en") what
 * keeps ailit from its progress and what to do, with a Quit button. There is no
 * session: no other screen can be reached. */
Screens *screens_create_startup(const ScreensStartup *why, const char *lang);

/* Changes what the start-up screen says (a wait that ended in a refusal). */
void screens_set_startup(Screens *s, const ScreensStartup *why);

/* True once after the user asked to quit (the start-up screen's Quit button). */
bool screens_take_quit(Screens *s);
void screens_destroy(Screens *s);

/* Gives the screens the loaded packs (borrowed; may come after the first frame). */
void screens_set_courses(Screens *s, Course *const *courses, size_t count);

/* Lays out and runs one frame at w x h with in (NULL: no input), between ui_begin
 * and ui_end. Afterwards ui->cmds holds the frame. */
void screens_frame(Screens *s, UiContext *ui, int w, int h, const UiInput *in);

/* The current screen's name ("learners", "new-learner", "library", "lessons",
 * "page", "quiz", "results", "settings", and in the teacher area "teacher-pin",
 * "teacher", "class-overview", "manage-learners", "edit-learner", "export",
 * "import", "device-name", and "startup-error" when the progress store could not be
 * opened). */
const char *screens_current(const Screens *s);

/* The UI language now. */
const char *screens_lang(const Screens *s);

/* An audio file the learner asked to hear since the last call (the caller plays it),
 * or NULL. The string lives until the next frame. */
const char *screens_take_audio(Screens *s);

/* True once after a pack was imported: the caller loads the packs again and hands
 * them over with screens_set_courses. */
bool screens_take_courses_changed(Screens *s);

/* When a frame with no input is due to show the passing of time (a PIN wait ending),
 * in ms on the monotonic clock as ail_mono_ms gives; 0 when none is. The app waits for events
 * until then, so nothing is drawn while nothing changes. */
int64_t screens_wake_ms(const Screens *s);

/* Text of the last problem shown to the learner ("" when none), for tests. */
const char *screens_last_error(const Screens *s);

#endif
