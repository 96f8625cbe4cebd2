/*
 * The progress store: device and learners, PINs, settings, recording a lesson,
 * resuming it, results and the screens' queries, the event log's statements,
 * migrations from every earlier schema, refusing damaged or newer files, and telling
 * apart why a store cannot be opened (read-only, unreadable, locked, missing).
 */
#include "progress/progress_internal.h"
#include "test_util.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <sys/stat.h>
#include <sys/wait.h>

typedef struct {
    char *dir;
    Course *tiny;
    Course *first_steps;
    ProgressStore *store;
    ProgressLearner learner;
} Fx;

static int setup(void **state) {
    Fx *fx = calloc(1, sizeof *fx);
    fx->dir = util_temp_dir();
    fx->tiny = util_load_pack(TINY_PACK);
    fx->first_steps = util_load_pack(AILIT_SOURCE_DIR "/courses/first-steps");
    fx->store = util_open(fx->dir, "progress.db");
    AilError err;
    assert_int_equal(
        progress_learner_add(fx->store, "Amina Zed-Unique", 0x3366cc, "owl", &fx->learner, &err),
        AIL_OK);
    *state = fx;
    return 0;
}

static int teardown(void **state) {
    Fx *fx = *state;
    util_clock_system(); /* after a clock test, even one that failed */
    progress_close(fx->store);
    course_free(fx->tiny);
    course_free(fx->first_steps);
    util_rm_rf(fx->dir);
    free(fx->dir);
    free(fx);
    return 0;
}

static char *path_in(const Fx *fx, const char *name) {
    char *p = malloc(4096);
    snprintf(p, 4096, "%s/%s", fx->dir, name);
    return p;
}

static int64_t query_int(ProgressStore *s, const char *sql) {
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(s->db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int64_t v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* Every statement in the log, in order, parsed. */
static cJSON *statements(ProgressStore *s) {
    cJSON *all = cJSON_CreateArray();
    sqlite3_stmt *st = NULL;
    assert_int_equal(
        sqlite3_prepare_v2(s->db, "SELECT statement FROM events ORDER BY seq", -1, &st, NULL),
        SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW) {
        cJSON *j = cJSON_Parse((const char *)sqlite3_column_text(st, 0));
        assert_non_null(j);
        cJSON_AddItemToArray(all, j);
    }
    sqlite3_finalize(st);
    return all;
}

static const char *jstr(const cJSON *j, const char *path) {
    /* path like "verb.id" */
    char buf[256];
    snprintf(buf, sizeof buf, "%s", path);
    const cJSON *cur = j;
    for (char *tok = strtok(buf, "."); tok && cur; tok = strtok(NULL, "."))
        cur = cJSON_GetObjectItemCaseSensitive(cur, tok);
    return cJSON_IsString(cur) ? cur->valuestring : NULL;
}

static size_t count_files_with(const char *dir, const char *part) {
    DIR *d = opendir(dir);
    size_t n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL)
        if (strstr(e->d_name, part)) n++;
    if (d) closedir(d);
    return n;
}

/* ---- Device, learners, PINs, settings ---- */

static void test_new_store_is_wal_full_sync_with_foreign_keys(void **state) {
    Fx *fx = *state;
    ProgressDevice d;
    AilError err;
    assert_int_equal(progress_device_get(fx->store, &d, &err), AIL_OK);
    assert_int_equal(strlen(d.uuid), 36);
    assert_int_equal(query_int(fx->store, "PRAGMA user_version"), PROGRESS_SCHEMA_VERSION);
    assert_int_equal(query_int(fx->store, "PRAGMA synchronous"), 2);
    assert_int_equal(query_int(fx->store, "PRAGMA foreign_keys"), 1);
    sqlite3_stmt *st = NULL;
    sqlite3_prepare_v2(fx->store->db, "PRAGMA journal_mode", -1, &st, NULL);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
    sqlite3_finalize(st);
}

static void test_device_rename_survives_reopen(void **state) {
    Fx *fx = *state;
    AilError err;
    ProgressDevice before, after;
    progress_device_get(fx->store, &before, &err);
    assert_int_equal(progress_device_rename(fx->store, "Room 4 laptop 2", &err), AIL_OK);
    assert_int_equal(progress_device_rename(fx->store, "", &err), AIL_ERR_USAGE);
    progress_close(fx->store);
    fx->store = util_open(fx->dir, "progress.db");
    progress_device_get(fx->store, &after, &err);
    assert_string_equal(after.name, "Room 4 laptop 2");
    assert_string_equal(after.uuid, before.uuid);
}

static void test_learners_add_list_update(void **state) {
    Fx *fx = *state;
    AilError err;
    ProgressLearner b;
    assert_int_equal(progress_learner_add(fx->store, "Bola", 0xff0000, "", &b, &err), AIL_OK);
    assert_string_not_equal(b.uuid, fx->learner.uuid);
    ProgressLearner *list = NULL;
    size_t n = 0;
    assert_int_equal(progress_learner_list(fx->store, &list, &n, &err), AIL_OK);
    assert_int_equal(n, 2);
    assert_string_equal(list[0].name, "Amina Zed-Unique");
    assert_string_equal(list[0].avatar, "owl");
    assert_int_equal(list[1].colour, 0xff0000);
    free(list);
    b.colour = 0x00ff00;
    snprintf(b.name, sizeof b.name, "Bola A.");
    assert_int_equal(progress_learner_update(fx->store, &b, &err), AIL_OK);
    ProgressLearner got;
    assert_int_equal(progress_learner_get(fx->store, b.uuid, &got, &err), AIL_OK);
    assert_string_equal(got.name, "Bola A.");
    assert_int_equal(got.colour, 0x00ff00);
    assert_int_equal(
        progress_learner_get(fx->store, "00000000-0000-4000-8000-000000000000", &got, &err),
        AIL_ERR_NOT_FOUND);
    assert_int_equal(progress_learner_add(fx->store, "", 0, NULL, NULL, &err), AIL_ERR_USAGE);
}

static void test_pin_is_stored_only_as_a_password_hash(void **state) {
    Fx *fx = *state;
    AilError err;
    bool ok = false;
    assert_int_equal(progress_learner_check_pin(fx->store, fx->learner.uuid, "anything", &ok, &err),
                     AIL_OK);
    assert_true(ok); /* no PIN yet */
    assert_int_equal(progress_learner_set_pin(fx->store, fx->learner.uuid, "4711", &err), AIL_OK);
    sqlite3_stmt *st = NULL;
    sqlite3_prepare_v2(fx->store->db, "SELECT pin_hash FROM learners WHERE uuid = ?", -1, &st,
                       NULL);
    sqlite3_bind_text(st, 1, fx->learner.uuid, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    const char *hash = (const char *)sqlite3_column_text(st, 0);
    assert_non_null(strstr(hash, "$argon2id$"));
    assert_null(strstr(hash, "4711"));
    sqlite3_finalize(st);
    assert_int_equal(progress_learner_check_pin(fx->store, fx->learner.uuid, "4711", &ok, &err),
                     AIL_OK);
    assert_true(ok);
    assert_int_equal(progress_learner_check_pin(fx->store, fx->learner.uuid, "4712", &ok, &err),
                     AIL_OK);
    assert_false(ok);
    ProgressLearner l;
    progress_learner_get(fx->store, fx->learner.uuid, &l, &err);
    assert_true(l.has_pin);
    assert_int_equal(progress_learner_set_pin(fx->store, fx->learner.uuid, "12", &err),
                     AIL_ERR_USAGE);
    assert_int_equal(progress_learner_set_pin(fx->store, fx->learner.uuid, NULL, &err), AIL_OK);
    assert_int_equal(progress_learner_check_pin(fx->store, fx->learner.uuid, "", &ok, &err),
                     AIL_OK);
    assert_true(ok);
}

/* ---- The teacher PIN ---- */

/* A time to start from (ms since 1970): tests give the store its clock. */
#define PIN_T0 INT64_C(1800000000000)

static ProgressPinVerdict try_pin(ProgressStore *s, const char *pin, int64_t now_ms,
                                  int64_t *wait_ms) {
    ProgressPinVerdict v;
    int64_t wait = -1;
    AilError err;
    AilResult r = progress_teacher_pin_try(s, pin, now_ms, &v, &wait, &err);
    if (r) fprintf(stderr, "progress_teacher_pin_try: %s\n", err.message);
    assert_int_equal(r, AIL_OK);
    if (wait_ms) *wait_ms = wait;
    return v;
}

static int64_t pin_wait(ProgressStore *s, int64_t now_ms) {
    bool set = false;
    int64_t wait = -1;
    AilError err;
    assert_int_equal(progress_teacher_pin_status(s, now_ms, &set, &wait, &err), AIL_OK);
    assert_true(set);
    return wait;
}

static void test_teacher_pin_is_stored_only_as_a_password_hash(void **state) {
    Fx *fx = *state;
    AilError err;
    bool set = true;
    int64_t wait = -1;
    assert_int_equal(progress_teacher_pin_status(fx->store, PIN_T0, &set, &wait, &err), AIL_OK);
    assert_false(set);
    assert_int_equal(wait, 0);
    assert_int_equal(try_pin(fx->store, "2468", PIN_T0, NULL), PROGRESS_PIN_UNSET);
    assert_int_equal(progress_teacher_pin_set(fx->store, "12", &err), AIL_ERR_USAGE);
    assert_int_equal(progress_teacher_pin_set(fx->store, "2468", &err), AIL_OK);
    char stored[256];
    assert_int_equal(
        progress_setting_get(fx->store, PROGRESS_TEACHER_PIN, stored, sizeof stored, &err), AIL_OK);
    assert_null(strstr(stored, "2468"));
    assert_non_null(strstr(stored, "$argon2id$"));
    assert_int_equal(try_pin(fx->store, "2468", PIN_T0, NULL), PROGRESS_PIN_RIGHT);
    assert_int_equal(try_pin(fx->store, "2469", PIN_T0, NULL), PROGRESS_PIN_WRONG);
    assert_int_equal(try_pin(fx->store, NULL, PIN_T0, NULL), PROGRESS_PIN_WRONG);
}

/* Three wrong PINs are free; then 30 s, doubling to a cap of 15 min a try, so that
 * 10,000 guesses (every 4-digit PIN) take more than 100 days. */
static void test_teacher_pin_waits_double_after_three_free_tries_up_to_15_minutes(void **state) {
    (void)state;
    static const int64_t want[] = {0, 0, 0, 0, 30000, 60000, 120000, 240000, 480000, 900000,
                                   900000};
    for (int64_t f = 0; f < (int64_t)(sizeof want / sizeof want[0]); f++)
        assert_int_equal(progress_teacher_pin_delay_ms(f), want[f]);
    assert_int_equal(progress_teacher_pin_delay_ms(INT32_MAX), PROGRESS_PIN_MAX_DELAY_MS);
    assert_int_equal(progress_teacher_pin_delay_ms(INT64_MAX), PROGRESS_PIN_MAX_DELAY_MS);
    assert_int_equal(progress_teacher_pin_delay_ms(-1), 0);
    int64_t total = 0;
    for (int64_t f = 1; f < 10000; f++) total += progress_teacher_pin_delay_ms(f);
    assert_true(total > INT64_C(100) * 24 * 3600 * 1000);
}

/* The fourth wrong PIN shuts the door for 30 s; while shut even the right PIN is not
 * checked; afterwards the right PIN opens it and clears the count. */
static void test_wrong_teacher_pins_earn_a_wait_that_even_the_right_pin_cannot_skip(void **state) {
    Fx *fx = *state;
    AilError err;
    int64_t wait = -1, t = PIN_T0;
    assert_int_equal(progress_teacher_pin_set(fx->store, "2468", &err), AIL_OK);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(try_pin(fx->store, "1111", t, &wait), PROGRESS_PIN_WRONG);
        assert_int_equal(wait, 0);
    }
    assert_int_equal(pin_wait(fx->store, t), 0);
    assert_int_equal(try_pin(fx->store, "1111", t, &wait), PROGRESS_PIN_WRONG);
    assert_int_equal(wait, 30000);
    assert_int_equal(pin_wait(fx->store, t + 10000), 20000);
    assert_int_equal(try_pin(fx->store, "2468", t + 29999, &wait), PROGRESS_PIN_LOCKED);
    assert_int_equal(wait, 1);
    /* Tries while shut are not counted: the next wait is still the next step. */
    assert_int_equal(try_pin(fx->store, "1111", t + 30000, &wait), PROGRESS_PIN_WRONG);
    assert_int_equal(wait, 60000);
    t += 30000 + 60000;
    assert_int_equal(try_pin(fx->store, "2468", t, &wait), PROGRESS_PIN_RIGHT);
    assert_int_equal(wait, 0);
    assert_int_equal(pin_wait(fx->store, t), 0);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(try_pin(fx->store, "1111", t, &wait), PROGRESS_PIN_WRONG);
        assert_int_equal(wait, 0);
    }
}

/* The count and the wait are in the store: quitting and starting again keeps them. */
static void test_the_teacher_pin_wait_outlasts_a_restart(void **state) {
    Fx *fx = *state;
    AilError err;
    int64_t wait = -1;
    assert_int_equal(progress_teacher_pin_set(fx->store, "2468", &err), AIL_OK);
    for (int i = 0; i < 4; i++) try_pin(fx->store, "9999", PIN_T0, &wait);
    assert_int_equal(try_pin(fx->store, "9999", PIN_T0 + 30000, &wait), PROGRESS_PIN_WRONG);
    assert_int_equal(wait, 60000);
    progress_close(fx->store);
    fx->store = util_open(fx->dir, "progress.db");
    assert_int_equal(pin_wait(fx->store, PIN_T0 + 45000), 45000);
    assert_int_equal(try_pin(fx->store, "2468", PIN_T0 + 45000, &wait), PROGRESS_PIN_LOCKED);
    assert_int_equal(try_pin(fx->store, "9999", PIN_T0 + 90000, &wait), PROGRESS_PIN_WRONG);
    assert_int_equal(wait, 120000);
}

/* A clock set back (a Raspberry Pi without a clock battery) does not stretch the wait
 * past its own length: it starts again from the new time. */
static void test_a_clock_set_back_does_not_stretch_the_teacher_pin_wait(void **state) {
    Fx *fx = *state;
    AilError err;
    int64_t wait = -1, day = INT64_C(24) * 3600 * 1000;
    assert_int_equal(progress_teacher_pin_set(fx->store, "2468", &err), AIL_OK);
    for (int i = 0; i < 4; i++) try_pin(fx->store, "9999", PIN_T0, &wait);
    assert_int_equal(wait, 30000);
    int64_t back = PIN_T0 - 365 * day;
    assert_int_equal(pin_wait(fx->store, back), 30000);
    assert_int_equal(pin_wait(fx->store, back + 20000), 10000);
    assert_int_equal(try_pin(fx->store, "2468", back + 30000, &wait), PROGRESS_PIN_RIGHT);
}

/* Two ailit windows on one store share the count: neither gets its own free tries. */
static void test_two_windows_on_one_store_share_the_wrong_pin_count(void **state) {
    Fx *fx = *state;
    AilError err;
    int64_t wait = -1;
    assert_int_equal(progress_teacher_pin_set(fx->store, "2468", &err), AIL_OK);
    ProgressStore *other = util_open(fx->dir, "progress.db");
    try_pin(fx->store, "1111", PIN_T0, &wait);
    try_pin(other, "1111", PIN_T0, &wait);
    try_pin(fx->store, "1111", PIN_T0, &wait);
    assert_int_equal(try_pin(other, "1111", PIN_T0, &wait), PROGRESS_PIN_WRONG);
    assert_int_equal(wait, 30000);
    assert_int_equal(try_pin(fx->store, "2468", PIN_T0 + 1000, &wait), PROGRESS_PIN_LOCKED);
    progress_close(other);
}

/* `ailit teacher-pin --reset`: the PIN and the count are forgotten, nothing else. */
static void test_teacher_pin_reset_forgets_the_pin_and_its_wait_and_keeps_progress(void **state) {
    Fx *fx = *state;
    AilError err;
    int64_t wait = -1;
    util_tiny_session(fx->store, fx->learner.uuid, fx->tiny, 0x3f, "en");
    int64_t events = query_int(fx->store, "SELECT count(*) FROM events");
    assert_true(events > 0);
    assert_int_equal(progress_teacher_pin_set(fx->store, "2468", &err), AIL_OK);
    for (int i = 0; i < 6; i++) try_pin(fx->store, "9999", PIN_T0, &wait);
    assert_true(wait > 0);
    bool had = false, set = true;
    assert_int_equal(progress_teacher_pin_reset(fx->store, &had, &err), AIL_OK);
    assert_true(had);
    assert_int_equal(progress_teacher_pin_status(fx->store, PIN_T0, &set, &wait, &err), AIL_OK);
    assert_false(set);
    assert_int_equal(wait, 0);
    assert_int_equal(try_pin(fx->store, "2468", PIN_T0, NULL), PROGRESS_PIN_UNSET);
    assert_int_equal(query_int(fx->store, "SELECT count(*) FROM events"), events);
    assert_int_equal(query_int(fx->store, "SELECT count(*) FROM learners"), 1);
    assert_int_equal(query_int(fx->store, "SELECT count(*) FROM settings WHERE key LIKE "
                                          "'teacher_pin%'"),
                     0);
    /* A new PIN starts with its free tries. */
    assert_int_equal(progress_teacher_pin_set(fx->store, "1357", &err), AIL_OK);
    assert_int_equal(try_pin(fx->store, "9999", PIN_T0, &wait), PROGRESS_PIN_WRONG);
    assert_int_equal(wait, 0);
    assert_int_equal(progress_teacher_pin_reset(fx->store, &had, &err), AIL_OK);
    assert_true(had);
    assert_int_equal(progress_teacher_pin_reset(fx->store, &had, &err), AIL_OK);
    assert_false(had);
}

static void test_settings_roundtrip(void **state) {
    Fx *fx = *state;
    AilError err;
    char v[32];
    assert_int_equal(progress_setting_get(fx->store, "language", v, sizeof v, &err),
                     AIL_ERR_NOT_FOUND);
    assert_int_equal(progress_setting_set(fx->store, "language", "fr", &err), AIL_OK);
    assert_int_equal(progress_setting_set(fx->store, "language", "sw", &err), AIL_OK);
    assert_int_equal(progress_setting_get(fx->store, "language", v, sizeof v, &err), AIL_OK);
    assert_string_equal(v, "sw");
    char tiny[2];
    assert_int_equal(progress_setting_get(fx->store, "language", tiny, sizeof tiny, &err),
                     AIL_ERR_TOO_LARGE);
}

/* ---- Recording lessons ---- */

static void test_lesson_session_logs_each_event_and_derives_results(void **state) {
    Fx *fx = *state;
    util_tiny_session(fx->store, fx->learner.uuid, fx->tiny, 0x3f, "en");
    /* 3 pages + 6 answers + passed + completed */
    assert_int_equal(query_int(fx->store, "SELECT count(*) FROM events"), 11);
    cJSON *all = statements(fx->store);
    const char *verbs[] = {"experienced", "experienced", "answered", "answered",
                           "answered",    "answered",    "answered", "answered",
                           "passed",      "experienced", "completed"};
    for (int i = 0; i < 11; i++) {
        char want[128];
        snprintf(want, sizeof want, "http://adlnet.gov/expapi/verbs/%s", verbs[i]);
        assert_string_equal(jstr(cJSON_GetArrayItem(all, i), "verb.id"), want);
    }
    cJSON_Delete(all);
    ProgressLessonRow rows[2];
    AilError err;
    assert_int_equal(progress_lesson_rows(fx->store, fx->learner.uuid, fx->tiny, rows, &err),
                     AIL_OK);
    assert_true(rows[0].completed);
    assert_true(rows[0].mastered);
    assert_false(rows[0].started); /* the attempt is closed */
    assert_true(rows[0].best_score > 0.999);
    assert_false(rows[1].completed);
    assert_true(rows[1].best_score < 0);
}

static void test_finishing_a_quiz_twice_scores_it_once(void **state) {
    Fx *fx = *state;
    AilError err;
    ProgressLessonState st;
    QuizScore first, again;
    const char *who = fx->learner.uuid;
    assert_int_equal(progress_lesson_start(fx->store, who, fx->tiny, 0, "en", &st, &err), AIL_OK);
    for (size_t q = 0; q < 6; q++) util_tiny_answer(fx->store, who, fx->tiny, q, q != 0, "en");
    /* The power went off before the results: reopening scores the quiz now. */
    assert_int_equal(
        query_int(fx->store, "SELECT count(*) FROM events WHERE verb IN ('passed','failed')"), 0);
    assert_int_equal(progress_finish_quiz(fx->store, who, fx->tiny, 0, 1, "en", &first, &err),
                     AIL_OK);
    assert_int_equal(first.correct, 5);
    /* Showing the results again records nothing new and gives the same score. */
    assert_int_equal(progress_finish_quiz(fx->store, who, fx->tiny, 0, 1, "en", &again, &err),
                     AIL_OK);
    assert_int_equal(again.correct, 5);
    assert_int_equal(
        query_int(fx->store, "SELECT count(*) FROM events WHERE verb IN ('passed','failed')"), 1);
    assert_int_equal(query_int(fx->store, "SELECT attempts FROM quiz_results"), 1);
    /* A retried question is a new answer: the quiz is scored again, once. */
    util_tiny_answer(fx->store, who, fx->tiny, 0, true, "en");
    assert_int_equal(progress_finish_quiz(fx->store, who, fx->tiny, 0, 1, "en", &again, &err),
                     AIL_OK);
    assert_int_equal(again.correct, 6);
    assert_int_equal(progress_finish_quiz(fx->store, who, fx->tiny, 0, 1, "en", &again, &err),
                     AIL_OK);
    assert_int_equal(
        query_int(fx->store, "SELECT count(*) FROM events WHERE verb IN ('passed','failed')"), 2);
}

static int interrupt_countdown;
static int interrupt_when_zero(void *unused) {
    (void)unused;
    return --interrupt_countdown == 0;
}

/* A read that fails while a quiz is scored (here SQLite interrupted after every
 * possible number of steps) fails the call: it never records, nor shows, a score
 * made from some of the answers, and never scores the quiz twice. */
static void test_a_failing_read_never_gives_a_wrong_score(void **state) {
    Fx *fx = *state;
    AilError err;
    ProgressLessonState st;
    const char *who = fx->learner.uuid;
    assert_int_equal(progress_lesson_start(fx->store, who, fx->tiny, 0, "en", &st, &err), AIL_OK);
    for (size_t q = 0; q < 6; q++) util_tiny_answer(fx->store, who, fx->tiny, q, q != 0, "en");
    int failed = 0;
    for (int k = 1;; k++) {
        QuizScore score = {0};
        interrupt_countdown = k;
        sqlite3_progress_handler(fx->store->db, 1, interrupt_when_zero, NULL);
        AilResult r = progress_finish_quiz(fx->store, who, fx->tiny, 0, 1, "en", &score, &err);
        sqlite3_progress_handler(fx->store->db, 0, NULL, NULL);
        /* An interrupted ROLLBACK leaves the transaction open: end it here. */
        if (!sqlite3_get_autocommit(fx->store->db))
            sqlite3_exec(fx->store->db, "ROLLBACK", NULL, NULL, NULL);
        assert_true(k < 100000);
        if (r) {
            failed++;
            continue;
        }
        if (score.correct != 5)
            fprintf(stderr, "interrupted after %d: %zu right\n", k, score.correct);
        assert_int_equal(score.correct, 5);
        if (interrupt_countdown > 0) break; /* ran without an interruption */
    }
    assert_true(failed > 10);
    assert_int_equal(
        query_int(fx->store, "SELECT count(*) FROM events WHERE verb IN ('passed','failed')"), 1);
    assert_int_equal(query_int(fx->store, "SELECT count(*) FROM events WHERE verb = 'passed'"), 1);
    /* 5 of 6 is a mastery: the first finish of the lesson that succeeds says so. */
    for (int k = 1;; k++) {
        interrupt_countdown = k;
        sqlite3_progress_handler(fx->store->db, 1, interrupt_when_zero, NULL);
        AilResult r = progress_finish_lesson(fx->store, who, fx->tiny, 0, "en", &err);
        sqlite3_progress_handler(fx->store->db, 0, NULL, NULL);
        if (!sqlite3_get_autocommit(fx->store->db))
            sqlite3_exec(fx->store->db, "ROLLBACK", NULL, NULL, NULL);
        assert_true(k < 100000);
        if (r) continue;
        assert_int_equal(query_int(fx->store, "SELECT mastered FROM lesson_results"), 1);
        break;
    }
}

/* The screens' queries fail on a failed read rather than showing a completed lesson
 * as not started, or a learner as never active. */
static void test_a_failing_read_never_shows_wrong_progress(void **state) {
    Fx *fx = *state;
    AilError err;
    util_tiny_session(fx->store, fx->learner.uuid, fx->tiny, 0x3f, "en");
    ProgressLessonRow truth[2];
    assert_int_equal(progress_lesson_rows(fx->store, fx->learner.uuid, fx->tiny, truth, &err),
                     AIL_OK);
    assert_true(truth[0].completed);
    for (int k = 1;; k++) {
        assert_true(k < 100000);
        ProgressLessonRow rows[2];
        ProgressOverviewRow *ov = NULL;
        size_t n = 0;
        interrupt_countdown = k;
        sqlite3_progress_handler(fx->store->db, 1, interrupt_when_zero, NULL);
        AilResult r1 = progress_lesson_rows(fx->store, fx->learner.uuid, fx->tiny, rows, &err);
        AilResult r2 = progress_class_overview(fx->store, fx->tiny, &ov, &n, &err);
        sqlite3_progress_handler(fx->store->db, 0, NULL, NULL);
        if (!r1) {
            for (int i = 0; i < 2; i++) {
                assert_int_equal(rows[i].completed, truth[i].completed);
                assert_int_equal(rows[i].mastered, truth[i].mastered);
                assert_int_equal(rows[i].started, truth[i].started);
                assert_float_equal(rows[i].best_score, truth[i].best_score, 1e-9);
            }
        }
        if (!r2) {
            assert_int_equal(n, 1);
            assert_int_equal(ov[0].completed, 1);
            assert_true(ov[0].last_active_ms > 0);
        }
        free(ov);
        if (interrupt_countdown > 0) break;
    }
}

/* A value SQLite will not bind (here: longer than the connection's length limit)
 * fails the read; it never runs the query with a NULL in its place, which would read
 * as "this learner has done nothing". */
static void test_a_value_that_cannot_be_bound_fails_the_read(void **state) {
    Fx *fx = *state;
    AilError err;
    util_tiny_session(fx->store, fx->learner.uuid, fx->tiny, 0x3f, "en");
    ProgressLessonRow rows[2];
    assert_int_equal(progress_lesson_rows(fx->store, fx->learner.uuid, fx->tiny, rows, &err),
                     AIL_OK);
    assert_true(rows[0].completed);
    int old = sqlite3_limit(fx->store->db, SQLITE_LIMIT_LENGTH, 20); /* a UUID is 36 bytes */
    memset(rows, 0, sizeof rows);
    AilResult r = progress_lesson_rows(fx->store, fx->learner.uuid, fx->tiny, rows, &err);
    sqlite3_limit(fx->store->db, SQLITE_LIMIT_LENGTH, old);
    assert_int_not_equal(r, AIL_OK);
    assert_null(strstr(err.message, "not an error"));
    /* and the store works as before once the value fits */
    assert_int_equal(progress_lesson_rows(fx->store, fx->learner.uuid, fx->tiny, rows, &err),
                     AIL_OK);
    assert_true(rows[0].completed);
}

/* Resuming never takes a failed read for "no answers yet" (the app would ask the
 * answered questions again). */
static void test_a_failing_read_never_resumes_at_the_wrong_question(void **state) {
    Fx *fx = *state;
    AilError err;
    ProgressLessonState st;
    const char *who = fx->learner.uuid;
    assert_int_equal(progress_lesson_start(fx->store, who, fx->tiny, 0, "en", &st, &err), AIL_OK);
    for (size_t q = 0; q < 4; q++) util_tiny_answer(fx->store, who, fx->tiny, q, true, "en");
    for (int k = 1;; k++) {
        assert_true(k < 100000);
        memset(&st, 0, sizeof st);
        interrupt_countdown = k;
        sqlite3_progress_handler(fx->store->db, 1, interrupt_when_zero, NULL);
        AilResult r = progress_lesson_start(fx->store, who, fx->tiny, 0, "en", &st, &err);
        sqlite3_progress_handler(fx->store->db, 0, NULL, NULL);
        if (!sqlite3_get_autocommit(fx->store->db))
            sqlite3_exec(fx->store->db, "ROLLBACK", NULL, NULL, NULL);
        if (!r) {
            assert_true(st.resumed);
            assert_int_equal(st.answers, 4);
        }
        if (interrupt_countdown > 0) break;
    }
}

static void test_answer_statements_follow_xapi_interactions(void **state) {
    Fx *fx = *state;
    util_tiny_session(fx->store, fx->learner.uuid, fx->tiny, 0x15 /* 0,2,4 right */, "fr");
    cJSON *all = statements(fx->store);
    const char *types[] = {"choice", "choice", "true-false", "sequencing", "matching", "fill-in"};
    const char *responses[] = {
        "no", "always", "true", "use[,]train[,]collect", "cam[.]cam[,]mic[.]mic", "robots"};
    for (int q = 0; q < 6; q++) {
        cJSON *s = cJSON_GetArrayItem(all, 2 + q);
        cJSON *def = cJSON_GetObjectItem(cJSON_GetObjectItem(s, "object"), "definition");
        assert_string_equal(jstr(def, "interactionType"), types[q]);
        assert_string_equal(jstr(def, "type"),
                            "http://adlnet.gov/expapi/activities/cmi.interaction");
        assert_true(cJSON_IsArray(cJSON_GetObjectItem(def, "correctResponsesPattern")));
        assert_string_equal(jstr(s, "result.response"), responses[q]);
        assert_int_equal(
            cJSON_IsTrue(cJSON_GetObjectItem(cJSON_GetObjectItem(s, "result"), "success")),
            q % 2 == 0);
        assert_non_null(jstr(s, "result.duration"));
        assert_non_null(jstr(s, "context.registration"));
        assert_string_equal(jstr(s, "context.language"), "fr");
        cJSON *ext = cJSON_GetObjectItem(
            cJSON_GetObjectItem(cJSON_GetObjectItem(s, "context"), "extensions"),
            PROGRESS_XAPI_IRI "/extensions/pack");
        assert_string_equal(jstr(ext, "id"), "tiny");
        assert_string_equal(jstr(ext, "version"), "2.1.0");
        assert_string_equal(jstr(ext, "quiz"), "check");
        assert_string_equal(jstr(def, "name.fr") ? "fr" : "", "fr");
    }
    /* The wrong "multiple" answer chose a tagged choice: its misconception travels. */
    cJSON *multi = cJSON_GetArrayItem(all, 3);
    cJSON *ext = cJSON_GetObjectItem(cJSON_GetObjectItem(multi, "result"), "extensions");
    assert_string_equal(
        cJSON_GetObjectItem(ext, PROGRESS_XAPI_IRI "/extensions/misconception")->valuestring,
        "ai-is-always-right");
    /* match has source and target; sequencing and choice have choices. */
    cJSON *match_def = cJSON_GetObjectItem(
        cJSON_GetObjectItem(cJSON_GetArrayItem(all, 6), "object"), "definition");
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(match_def, "source")), 2);
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(match_def, "target")), 2);
    assert_string_equal(jstr(cJSON_GetArrayItem(all, 2), "result.duration"), "PT1.5S");
    /* 3 of 6 right against a pass of 0.5: passed, scaled 0.5 */
    cJSON *passed = cJSON_GetArrayItem(all, 8);
    assert_string_equal(jstr(passed, "verb.id"), "http://adlnet.gov/expapi/verbs/passed");
    cJSON *score = cJSON_GetObjectItem(cJSON_GetObjectItem(passed, "result"), "score");
    assert_float_equal(cJSON_GetObjectItem(score, "scaled")->valuedouble, 0.5, 1e-9);
    assert_float_equal(cJSON_GetObjectItem(score, "max")->valuedouble, 6, 1e-9);
    cJSON_Delete(all);
}

/* Leaving a demo page records one "interacted" statement on the page's activity,
 * the demo's summary in a result extension and its name beside the pack. */
static void test_a_demo_left_records_one_interacted_statement_with_its_summary(void **state) {
    Fx *fx = *state;
    Course *lab = util_load_pack(AILIT_SOURCE_DIR "/tests/progress/packs/lab");
    AilError err;
    const char *who = fx->learner.uuid;
    assert_int_equal(progress_record_page(fx->store, who, lab, 0, 1, "ar", &err), AIL_OK);
    assert_int_equal(progress_record_demo(fx->store, who, lab, 0, 1,
                                          "{\"examples\": 7, \"accuracy\": 0.75, \"found\": true,"
                                          " \"shares\": [90, 50], \"k\": \"three\"}",
                                          "ar", 61500, &err),
                     AIL_OK);
    cJSON *all = statements(fx->store);
    assert_int_equal(cJSON_GetArraySize(all), 2);
    cJSON *st = cJSON_GetArrayItem(all, 1);
    assert_string_equal(jstr(st, "verb.id"), "http://adlnet.gov/expapi/verbs/interacted");
    assert_string_equal(jstr(st, "object.id"),
                        PROGRESS_XAPI_IRI "/activities/pack/lab/lesson/lab/page/2");
    assert_string_equal(jstr(st, "object.id"), jstr(cJSON_GetArrayItem(all, 0), "object.id"));
    assert_string_equal(jstr(st, "result.duration"), "PT1M1.5S");
    cJSON *summary = cJSON_GetObjectItem(
        cJSON_GetObjectItem(cJSON_GetObjectItem(st, "result"), "extensions"),
        PROGRESS_XAPI_IRI "/extensions/demo");
    assert_int_equal(cJSON_GetObjectItem(summary, "examples")->valueint, 7);
    assert_float_equal(cJSON_GetObjectItem(summary, "accuracy")->valuedouble, 0.75, 1e-9);
    assert_true(cJSON_IsTrue(cJSON_GetObjectItem(summary, "found")));
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(summary, "shares")), 2);
    cJSON *pack = cJSON_GetObjectItem(
        cJSON_GetObjectItem(cJSON_GetObjectItem(st, "context"), "extensions"),
        PROGRESS_XAPI_IRI "/extensions/pack");
    assert_string_equal(jstr(pack, "demo"), "next-word");
    assert_string_equal(jstr(st, "context.language"), "ar");
    cJSON_Delete(all);
    course_free(lab);
}

/* A summary that is not a small flat object of plain values never reaches the log,
 * where it would make every export of the device refused; nor does a non-demo page. */
static void test_a_demo_summary_that_is_not_plain_json_is_refused(void **state) {
    Fx *fx = *state;
    Course *lab = util_load_pack(AILIT_SOURCE_DIR "/tests/progress/packs/lab");
    AilError err;
    const char *who = fx->learner.uuid;
    const char *bad[] = {"",
                         "[1]",
                         "{\"a\": 1",
                         "{\"a\": 1,}",
                         "{\"A\": 1}",
                         "{\"a\": {\"b\": 1}}",
                         "{\"a\": \"quote \\\" inside\"}",
                         "{\"a\": 01}",
                         "{\"a\": NaN}",
                         "{\"a\": 1} x",
                         "{\"a\": [1, \"b\"]}"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        assert_int_equal(progress_record_demo(fx->store, who, lab, 0, 1, bad[i], "en", -1, &err),
                         AIL_ERR_INVALID);
    assert_int_equal(progress_record_demo(fx->store, who, lab, 0, 1, NULL, "en", -1, &err),
                     AIL_ERR_INVALID);
    assert_int_equal(progress_record_demo(fx->store, who, lab, 0, 0, "{}", "en", -1, &err),
                     AIL_ERR_USAGE);
    assert_int_equal(query_int(fx->store, "SELECT count(*) FROM events"), 0);
    assert_int_equal(progress_record_demo(fx->store, who, lab, 0, 1, " { } ", "en", -1, &err),
                     AIL_OK);
    assert_int_equal(query_int(fx->store, "SELECT count(*) FROM events WHERE verb = 'interacted'"),
                     1);
    course_free(lab);
}

/* A true/false question can tag its wrong answer as a choice does; the wrong answer's
 * statement carries that tag where a wrong choice's goes, so reports count both. */
static void test_a_wrong_truefalse_answer_carries_its_misconception(void **state) {
    Fx *fx = *state;
    Question *tf = &fx->tiny->lessons[0].pages[1].questions[2];
    assert_int_equal(tf->type, QUESTION_TRUEFALSE);
    assert_true(tf->answer);
    tf->misconception_false = "ai-knows-already";
    util_tiny_session(fx->store, fx->learner.uuid, fx->tiny, 0x3b /* 2 wrong */, "en");
    util_tiny_session(fx->store, fx->learner.uuid, fx->tiny, 0x3f /* 2 right */, "en");
    tf->misconception_false = NULL;
    cJSON *all = statements(fx->store);
    size_t tagged = 0, tf_answers = 0;
    for (cJSON *s = all->child; s; s = s->next) {
        cJSON *def = cJSON_GetObjectItem(cJSON_GetObjectItem(s, "object"), "definition");
        const char *type = jstr(def, "interactionType");
        if (!type || strcmp(type, "true-false") != 0) continue;
        tf_answers++;
        cJSON *ext = cJSON_GetObjectItem(cJSON_GetObjectItem(s, "result"), "extensions");
        cJSON *tag = cJSON_GetObjectItem(ext, PROGRESS_XAPI_IRI "/extensions/misconception");
        if (!tag) continue;
        tagged++;
        assert_string_equal(tag->valuestring, "ai-knows-already");
        assert_string_equal(jstr(s, "result.response"), "false");
    }
    assert_int_equal(tf_answers, 2);
    assert_int_equal(tagged, 1); /* the right answer carries none */
    cJSON_Delete(all);
}

/* A pre-test's or post-test's statements say so, so that a trainer's report can pair
 * a learner's two scores without knowing the pack; other quizzes' say nothing. */
static void test_pre_and_post_test_statements_carry_the_role(void **state) {
    Fx *fx = *state;
    Page *quiz = &fx->tiny->lessons[0].pages[1];
    assert_int_equal(quiz->type, PAGE_QUIZ);
    quiz->role = QUIZ_ROLE_POST;
    util_tiny_session(fx->store, fx->learner.uuid, fx->tiny, 0x3f, "en");
    quiz->role = QUIZ_ROLE_NONE;
    cJSON *all = statements(fx->store);
    size_t with_quiz = 0, with_role = 0;
    for (cJSON *s = all->child; s; s = s->next) {
        cJSON *ext = cJSON_GetObjectItem(
            cJSON_GetObjectItem(cJSON_GetObjectItem(s, "context"), "extensions"),
            PROGRESS_XAPI_IRI "/extensions/pack");
        const char *role = jstr(ext, "role");
        if (jstr(ext, "quiz")) with_quiz++;
        if (!role) continue;
        with_role++;
        assert_string_equal(role, "post");
        assert_string_equal(jstr(ext, "quiz"), "check");
    }
    assert_true(with_quiz >= 7); /* six answers and the quiz's result */
    assert_int_equal(with_role, with_quiz);
    cJSON_Delete(all);
}

static void test_statements_never_carry_a_persons_name(void **state) {
    Fx *fx = *state;
    util_tiny_session(fx->store, fx->learner.uuid, fx->tiny, 0x0f, "en");
    sqlite3_stmt *st = NULL;
    sqlite3_prepare_v2(fx->store->db, "SELECT statement FROM events", -1, &st, NULL);
    size_t n = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *s = (const char *)sqlite3_column_text(st, 0);
        assert_null(strstr(s, "Amina"));
        assert_null(strstr(s, "Zed-Unique"));
        cJSON *j = cJSON_Parse(s);
        assert_string_equal(jstr(j, "actor.account.name"), fx->learner.uuid);
        assert_string_equal(jstr(j, "actor.account.homePage"), PROGRESS_XAPI_HOMEPAGE);
        cJSON_Delete(j);
        n++;
    }
    sqlite3_finalize(st);
    assert_int_equal(n, 11);
}

static void test_failed_quiz_is_completed_but_not_mastered(void **state) {
    Fx *fx = *state;
    util_tiny_session(fx->store, fx->learner.uuid, fx->tiny, 0x01, "en");
    assert_int_equal(query_int(fx->store, "SELECT count(*) FROM events WHERE verb = 'failed'"), 1);
    ProgressLessonRow rows[2];
    AilError err;
    progress_lesson_rows(fx->store, fx->learner.uuid, fx->tiny, rows, &err);
    assert_true(rows[0].completed);
    assert_false(rows[0].mastered);
    assert_float_equal(rows[0].best_score, 1.0 / 6, 1e-9);
    /* A second, better attempt raises the best score and masters the lesson. */
    util_tiny_session(fx->store, fx->learner.uuid, fx->tiny, 0x3f, "en");
    util_tiny_session(fx->store, fx->learner.uuid, fx->tiny, 0x00, "en");
    progress_lesson_rows(fx->store, fx->learner.uuid, fx->tiny, rows, &err);
    assert_true(rows[0].mastered);
    assert_float_equal(rows[0].best_score, 1.0, 1e-9);
}

static void test_resume_returns_page_and_answers_so_far(void **state) {
    Fx *fx = *state;
    AilError err;
    ProgressLessonState st;
    const char *who = fx->learner.uuid;
    assert_int_equal(progress_lesson_start(fx->store, who, fx->tiny, 0, "en", &st, &err), AIL_OK);
    assert_false(st.resumed);
    progress_record_page(fx->store, who, fx->tiny, 0, 0, "en", &err);
    progress_record_page(fx->store, who, fx->tiny, 0, 1, "en", &err);
    util_tiny_answer(fx->store, who, fx->tiny, 0, true, "en");
    util_tiny_answer(fx->store, who, fx->tiny, 3, false, "en");
    progress_close(fx->store);
    fx->store = util_open(fx->dir, "progress.db");
    ProgressLessonRow rows[2];
    progress_lesson_rows(fx->store, who, fx->tiny, rows, &err);
    assert_true(rows[0].started);
    assert_int_equal(rows[0].resume_page, 1);
    char reg[AIL_UUID_LEN + 1];
    snprintf(reg, sizeof reg, "%s", st.registration);
    assert_int_equal(progress_lesson_start(fx->store, who, fx->tiny, 0, "en", &st, &err), AIL_OK);
    assert_true(st.resumed);
    assert_int_equal(st.page, 1);
    assert_int_equal(st.answers, 2);
    assert_string_equal(st.registration, reg);
    assert_int_equal(query_int(fx->store, "SELECT count(*) FROM events WHERE verb = 'progressed'"),
                     1);
    AilBuf resp;
    ail_buf_init(&resp);
    bool correct = true;
    assert_int_equal(progress_answer_get(fx->store, who, fx->tiny, 0, 1, 3, &resp, &correct, &err),
                     AIL_OK);
    assert_string_equal(resp.data, "use[,]train[,]collect");
    assert_false(correct);
    ail_buf_free(&resp);
    assert_int_equal(progress_answer_get(fx->store, who, fx->tiny, 0, 1, 5, NULL, NULL, &err),
                     AIL_ERR_NOT_FOUND);
    ProgressPackSummary sum;
    assert_int_equal(progress_pack_summary(fx->store, who, fx->tiny, &sum, &err), AIL_OK);
    assert_int_equal(sum.lessons, 2);
    assert_int_equal(sum.started, 1);
    assert_int_equal(sum.completed, 0);
}

static void test_answer_that_does_not_fit_is_refused_and_not_recorded(void **state) {
    Fx *fx = *state;
    AilError err;
    static const char *const bogus[] = {"no-such-choice"};
    QuizResponse r = {.ids = bogus, .id_count = 1};
    assert_int_equal(progress_record_answer(fx->store, fx->learner.uuid, fx->tiny, 0, 1, 0, &r,
                                            "en", 10, NULL, &err),
                     AIL_ERR_USAGE);
    assert_int_equal(progress_record_answer(fx->store, fx->learner.uuid, fx->tiny, 0, 0, 0, &r,
                                            "en", 10, NULL, &err),
                     AIL_ERR_USAGE); /* page 0 is not a quiz */
    static const char *const ok[] = {"no"};
    QuizResponse good = {.ids = ok, .id_count = 1};
    assert_int_equal(progress_record_answer(fx->store, fx->learner.uuid, fx->tiny, 0, 1, 9, &good,
                                            "en", 10, NULL, &err),
                     AIL_ERR_USAGE); /* no question 10 */
    assert_int_equal(progress_record_answer(fx->store, "00000000-0000-4000-8000-000000000000",
                                            fx->tiny, 0, 1, 0, &good, "en", 10, NULL, &err),
                     AIL_ERR_NOT_FOUND);
    assert_int_equal(query_int(fx->store, "SELECT count(*) FROM events"), 0);
}

static void test_event_log_is_append_only(void **state) {
    Fx *fx = *state;
    util_tiny_session(fx->store, fx->learner.uuid, fx->tiny, 0x3f, "en");
    assert_int_not_equal(
        sqlite3_exec(fx->store->db, "UPDATE events SET statement = '{}'", NULL, NULL, NULL),
        SQLITE_OK);
    assert_int_not_equal(sqlite3_exec(fx->store->db, "DELETE FROM events", NULL, NULL, NULL),
                         SQLITE_OK);
    assert_int_equal(query_int(fx->store, "SELECT count(*) FROM events"), 11);
}

static void test_class_overview_lists_every_learner(void **state) {
    Fx *fx = *state;
    AilError err;
    ProgressLearner b;
    progress_learner_add(fx->store, "Bola", 0, "", &b, &err);
    util_tiny_session(fx->store, fx->learner.uuid, fx->tiny, 0x3f, "en");
    ProgressOverviewRow *rows = NULL;
    size_t n = 0;
    assert_int_equal(progress_class_overview(fx->store, fx->tiny, &rows, &n, &err), AIL_OK);
    assert_int_equal(n, 2);
    assert_string_equal(rows[0].learner.name, "Amina Zed-Unique");
    assert_int_equal(rows[0].completed, 1);
    assert_int_equal(rows[0].mastered, 1);
    assert_true(rows[0].last_active_ms > 0);
    assert_string_equal(rows[1].learner.name, "Bola");
    assert_int_equal(rows[1].completed, 0);
    assert_true(rows[1].mean_best < 0);
    assert_int_equal(rows[1].last_active_ms, 0);
    free(rows);
}

static void test_export_range_and_watermark_only_move_forward(void **state) {
    Fx *fx = *state;
    AilError err;
    util_tiny_session(fx->store, fx->learner.uuid, fx->tiny, 0x3f, "en");
    int64_t first, last, wm;
    size_t count;
    assert_int_equal(progress_events_range(fx->store, 0, &first, &last, &count, &err), AIL_OK);
    assert_int_equal(first, 1);
    assert_int_equal(last, 11);
    assert_int_equal(count, 11);
    assert_int_equal(progress_export_mark(fx->store, 8, &err), AIL_OK);
    assert_int_equal(progress_export_mark(fx->store, 3, &err), AIL_OK);
    progress_export_watermark(fx->store, &wm, &err);
    assert_int_equal(wm, 8);
    progress_events_range(fx->store, wm, &first, &last, &count, &err);
    assert_int_equal(first, 9);
    assert_int_equal(count, 3);
}

/* ---- Migrations ---- */

/* Builds a database at schema version v with what that version could hold. */
static void build_old_store(const char *path, int v) {
    sqlite3 *db = NULL;
    AilError err;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    sqlite3_exec(db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
    assert_int_equal(progress_migrate(db, v, &err), AIL_OK);
    if (v >= 1) {
        const char *sql =
            "INSERT INTO device VALUES (1, '11111111-1111-4111-8111-111111111111', 'old laptop', "
            "1);"
            "INSERT INTO learners(uuid, name, colour, created_ms) VALUES"
            " ('22222222-2222-4222-8222-222222222222', 'Chidi', 255, 2);"
            "INSERT INTO events(statement_id, learner, verb, pack_id, lesson_id, quiz_id, success, "
            "score,"
            " at_ms, statement) VALUES ('33333333-3333-4333-8333-333333333333',"
            " '22222222-2222-4222-8222-222222222222', 'passed', 'tiny', 'robots', 'check', 1, "
            "0.75, 3, '{}'),"
            " ('44444444-4444-4444-8444-444444444444', '22222222-2222-4222-8222-222222222222',"
            " 'completed', 'tiny', 'robots', NULL, NULL, NULL, 4, '{}');"
            "UPDATE export_state SET watermark = 1;";
        assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    }
    if (v >= 2) {
        assert_int_equal(
            sqlite3_exec(
                db,
                "INSERT INTO lesson_state VALUES ('22222222-2222-4222-8222-222222222222',"
                " 'tiny', 'data', '55555555-5555-4555-8555-555555555555', 0, 5, 5);"
                /* what version 2 kept beside its events */
                "INSERT INTO quiz_results VALUES ('22222222-2222-4222-8222-222222222222',"
                " 'tiny', 'robots', 'check', 0.75, 1, 1);"
                "INSERT INTO lesson_results VALUES ('22222222-2222-4222-8222-222222222222',"
                " 'tiny', 'robots', 1, 0, 4);",
                NULL, NULL, NULL),
            SQLITE_OK);
    }
    assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

/* A failed read of the export mark is an error, not a mark of 0 (which would make
 * the next export carry every statement again). */
static void test_a_failing_read_of_the_export_mark_is_an_error(void **state) {
    Fx *fx = *state;
    AilError err;
    assert_int_equal(progress_export_mark(fx->store, 7, &err), AIL_OK);
    int64_t seq = -1;
    interrupt_countdown = 1;
    sqlite3_progress_handler(fx->store->db, 1, interrupt_when_zero, NULL);
    AilResult r = progress_export_watermark(fx->store, &seq, &err);
    sqlite3_progress_handler(fx->store->db, 0, NULL, NULL);
    assert_int_not_equal(r, AIL_OK);
    assert_int_equal(progress_export_watermark(fx->store, &seq, &err), AIL_OK);
    assert_int_equal(seq, 7);
}

static void test_upgrade_from_every_earlier_schema_version(void **state) {
    Fx *fx = *state;
    for (int v = 0; v < PROGRESS_SCHEMA_VERSION; v++) {
        char name[32];
        snprintf(name, sizeof name, "old-v%d.db", v);
        char *path = path_in(fx, name);
        build_old_store(path, v);
        ProgressStore *s = NULL;
        AilError err;
        AilResult r = progress_open(path, &s, &err);
        if (r) fprintf(stderr, "v%d: %s\n", v, err.message);
        assert_int_equal(r, AIL_OK);
        assert_int_equal(query_int(s, "PRAGMA user_version"), PROGRESS_SCHEMA_VERSION);
        assert_int_equal(
            query_int(s,
                      "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"),
            1);
        if (v >= 1) {
            ProgressDevice d;
            progress_device_get(s, &d, &err);
            assert_string_equal(d.uuid, "11111111-1111-4111-8111-111111111111");
            ProgressLearner l;
            assert_int_equal(
                progress_learner_get(s, "22222222-2222-4222-8222-222222222222", &l, &err), AIL_OK);
            assert_string_equal(l.name, "Chidi");
            assert_string_equal(l.avatar, "");
            assert_int_equal(progress_learner_set_pin(s, l.uuid, "2468", &err), AIL_OK);
            int64_t wm;
            progress_export_watermark(s, &wm, &err);
            assert_int_equal(wm, 1);
            ProgressLessonRow rows[2];
            assert_int_equal(progress_lesson_rows(s, l.uuid, fx->tiny, rows, &err), AIL_OK);
            assert_true(rows[0].completed); /* derived from the version-1 events */
            assert_float_equal(rows[0].best_score, 0.75, 1e-9);
            assert_int_equal(rows[1].started, v >= 2);
        } else {
            ProgressDevice d;
            assert_int_equal(progress_device_get(s, &d, &err), AIL_OK);
            assert_int_equal(strlen(d.uuid), 36);
        }
        /* and it records like a new store */
        ProgressLearner nl;
        assert_int_equal(progress_learner_add(s, "New", 0, "", &nl, &err), AIL_OK);
        util_tiny_session(s, nl.uuid, fx->tiny, 0x3f, "en");
        progress_close(s);
        free(path);
    }
}

/* ---- Damaged and newer files ---- */

static char *read_all(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    *len = (size_t)ftell(f);
    rewind(f);
    char *b = malloc(*len + 1);
    assert_int_equal(fread(b, 1, *len, f), *len);
    fclose(f);
    return b;
}

static void assert_refused_and_copied(Fx *fx, const char *name, AilResult want, const char *aside) {
    char *path = path_in(fx, name);
    size_t before_len, after_len;
    char *before = read_all(path, &before_len);
    ProgressStore *s = NULL;
    AilError err;
    ail_error_clear(&err);
    assert_int_equal(progress_open(path, &s, &err), want);
    assert_null(s);
    assert_non_null(strstr(err.message, path));
    assert_non_null(strstr(err.message, "copy was kept"));
    char *after = read_all(path, &after_len);
    assert_int_equal(before_len, after_len);
    assert_memory_equal(before, after, before_len); /* never overwritten */
    char part[128];
    snprintf(part, sizeof part, "%s.%s-", name, aside);
    assert_int_equal(count_files_with(fx->dir, part) >= 1, 1);
    /* The copy named in the message holds the same bytes. */
    const char *at = strstr(err.message, "kept at ");
    assert_non_null(at);
    char copy[4096];
    snprintf(copy, sizeof copy, "%s", at + strlen("kept at "));
    char *dot = strstr(copy, ". Ask");
    assert_non_null(dot);
    *dot = '\0';
    size_t copy_len;
    char *copied = read_all(copy, &copy_len);
    assert_int_equal(copy_len, before_len);
    assert_memory_equal(copied, before, before_len);
    free(copied);
    free(before);
    free(after);
    free(path);
}

/* A progress path that cannot be read (here a folder) is an error that says so; it
 * is not called damaged, and no empty "copy" is left beside it. */
static void test_an_unreadable_path_is_not_damage(void **state) {
    Fx *fx = *state;
    char *p = path_in(fx, "folder.db");
    assert_int_equal(mkdir(p, 0755), 0);
    ProgressStore *s = NULL;
    AilError err;
    assert_int_not_equal(progress_open(p, &s, &err), AIL_OK);
    assert_null(s);
    assert_null(strstr(err.message, "damaged"));
    DIR *d = opendir(fx->dir);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) assert_null(strstr(e->d_name, "folder.db."));
    closedir(d);
    free(p);
}

static void test_garbage_file_is_refused_and_kept_aside(void **state) {
    Fx *fx = *state;
    char *path = path_in(fx, "garbage.db");
    FILE *f = fopen(path, "wb");
    for (int i = 0; i < 3000; i++) fputs("not a database ", f);
    fclose(f);
    assert_refused_and_copied(fx, "garbage.db", AIL_ERR_CORRUPT, "damaged");
    free(path);
}

static void test_damaged_pages_are_refused_and_kept_aside(void **state) {
    Fx *fx = *state;
    AilError err;
    for (int i = 0; i < 40; i++)
        util_tiny_session(fx->store, fx->learner.uuid, fx->tiny, 0x3f, "en");
    assert_int_equal(
        sqlite3_exec(fx->store->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL),
        SQLITE_OK);
    progress_close(fx->store);
    fx->store = NULL;
    char *path = path_in(fx, "progress.db");
    /* Scribble over the second page onwards (leaving the header readable). */
    int fd = open(path, O_WRONLY);
    assert_true(fd >= 0);
    char junk[8192];
    memset(junk, 0xA5, sizeof junk);
    assert_int_equal(pwrite(fd, junk, sizeof junk, 4096), (ssize_t)sizeof junk);
    close(fd);
    assert_refused_and_copied(fx, "progress.db", AIL_ERR_CORRUPT, "damaged");
    free(path);
    (void)err;
    fx->store = util_open(fx->dir, "fresh.db"); /* for teardown */
}

static void test_newer_schema_is_refused_and_kept_aside(void **state) {
    Fx *fx = *state;
    assert_int_equal(sqlite3_exec(fx->store->db, "PRAGMA user_version = 99", NULL, NULL, NULL),
                     SQLITE_OK);
    progress_close(fx->store);
    fx->store = NULL;
    assert_refused_and_copied(fx, "progress.db", AIL_ERR_UNSUPPORTED, "newer");
    /* Starting again beside the same file keeps the one copy, not one per start. */
    char *path = path_in(fx, "progress.db");
    ProgressStore *s = NULL;
    AilError err;
    assert_int_equal(progress_open(path, &s, &err), AIL_ERR_UNSUPPORTED);
    assert_int_equal(progress_open(path, &s, &err), AIL_ERR_UNSUPPORTED);
    assert_int_equal(count_files_with(fx->dir, "progress.db.newer-"), 1);
    free(path);
    fx->store = util_open(fx->dir, "fresh.db");
}

/* ---- Start-up failures told apart (progress_try_open) ---- */

/* What progress_try_open reported, as seen by an unprivileged user. */
typedef struct {
    AilResult result;
    ProgressOpenInfo info;
    char message[512];
    bool unreachable; /* the user cannot reach the test's folder at all (TMPDIR) */
} OpenOutcome;

/* Opens path as a user the file modes apply to: "nobody" in a child process when
 * we are root (root may write any file), else ourselves in a child all the same. */
static OpenOutcome open_as_user(const char *path) {
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        OpenOutcome o;
        memset(&o, 0, sizeof o);
        if (geteuid() == 0 && (setgroups(0, NULL) != 0 || setgid(65534) != 0 || setuid(65534) != 0))
            _exit(2);
        ProgressStore *s = NULL;
        AilError err;
        ail_error_clear(&err);
        char folder[4200];
        snprintf(folder, sizeof folder, "%.*s", (int)(strrchr(path, '/') - path), path);
        o.unreachable = access(folder, X_OK) != 0 && errno == EACCES && access(path, F_OK) != 0;
        o.result = progress_try_open(path, 0, &s, &o.info, &err);
        snprintf(o.message, sizeof o.message, "%s", err.message);
        progress_close(s);
        _exit(write(fds[1], &o, sizeof o) == (ssize_t)sizeof o ? 0 : 3);
    }
    close(fds[1]);
    OpenOutcome o;
    memset(&o, 0, sizeof o);
    size_t got = 0;
    ssize_t n;
    while (got < sizeof o && (n = read(fds[0], (char *)&o + got, sizeof o - got)) > 0)
        got += (size_t)n;
    close(fds[0]);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    assert_int_equal(got, sizeof o);
    if (o.unreachable) {
        print_message("skipped: user nobody cannot reach the test folder (set TMPDIR)\n");
        skip();
    }
    return o;
}

/* A folder holding a store with one learner, that the unprivileged user can enter;
 * the store is closed. Returns the folder (caller frees). */
static char *shared_store(Fx *fx, const char *name) {
    char *dir = path_in(fx, name);
    assert_int_equal(mkdir(dir, 0777), 0);
    assert_int_equal(chmod(fx->dir, 0755), 0);
    assert_int_equal(chmod(dir, 0777), 0);
    ProgressStore *s = util_open(dir, "progress.db");
    AilError err;
    assert_int_equal(progress_learner_add(s, "Kept Safe", 0, "", NULL, &err), AIL_OK);
    progress_close(s);
    char *db = path_in(fx, name);
    char cmd[8400];
    /* everyone may read and write the store: the tests take rights away one by one */
    snprintf(cmd, sizeof cmd, "chmod 0666 '%s'/progress.db*", db);
    assert_int_equal(system(cmd), 0);
    free(db);
    return dir;
}

static size_t count_entries(const char *dir) {
    DIR *d = opendir(dir);
    size_t n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) n += e->d_name[0] != '.';
    if (d) closedir(d);
    return n;
}

static void expect_learner_kept(const char *dir) {
    ProgressStore *s = util_open(dir, "progress.db");
    ProgressLearner *ls = NULL;
    size_t n = 0;
    AilError err;
    assert_int_equal(progress_learner_list(s, &ls, &n, &err), AIL_OK);
    assert_int_equal(n, 1);
    assert_string_equal(ls[0].name, "Kept Safe");
    free(ls);
    progress_close(s);
}

/* A folder the user may not write: not damage, no copy or -wal/-shm beside it, and
 * once the folder is writable again the store opens with its learner. */
static void test_a_read_only_folder_is_told_apart_and_leaves_nothing(void **state) {
    Fx *fx = *state;
    char *dir = shared_store(fx, "ro-folder");
    char db[4200];
    snprintf(db, sizeof db, "%s/progress.db", dir);
    assert_int_equal(chmod(dir, 0555), 0);
    size_t before = count_entries(dir);
    OpenOutcome o = open_as_user(db);
    assert_int_not_equal(o.result, AIL_OK);
    assert_int_equal(o.info.problem, PROGRESS_PROBLEM_FOLDER_READ_ONLY);
    assert_string_equal(o.info.file, dir);
    assert_string_equal(o.info.aside, "");
    assert_null(strstr(o.message, "damaged"));
    assert_int_equal(count_entries(dir), before);
    assert_int_equal(chmod(dir, 0777), 0);
    assert_int_equal(open_as_user(db).result, AIL_OK);
    expect_learner_kept(dir);
    free(dir);
}

/* A store file the user may read but not write: told apart from the folder. */
static void test_a_read_only_file_is_told_apart_and_leaves_nothing(void **state) {
    Fx *fx = *state;
    char *dir = shared_store(fx, "ro-file");
    char db[4200];
    snprintf(db, sizeof db, "%s/progress.db", dir);
    assert_int_equal(chmod(db, 0444), 0);
    size_t before = count_entries(dir);
    OpenOutcome o = open_as_user(db);
    assert_int_equal(o.info.problem, PROGRESS_PROBLEM_FILE_READ_ONLY);
    assert_string_equal(o.info.file, db);
    assert_null(strstr(o.message, "damaged"));
    assert_int_equal(count_entries(dir), before);
    assert_int_equal(chmod(db, 0666), 0);
    assert_int_equal(open_as_user(db).result, AIL_OK);
    expect_learner_kept(dir);
    free(dir);
}

static void test_an_unreadable_file_is_told_apart(void **state) {
    Fx *fx = *state;
    char *dir = shared_store(fx, "unreadable");
    char db[4200];
    snprintf(db, sizeof db, "%s/progress.db", dir);
    assert_int_equal(chmod(db, 0), 0);
    OpenOutcome o = open_as_user(db);
    assert_int_equal(o.info.problem, PROGRESS_PROBLEM_FILE_UNREADABLE);
    assert_null(strstr(o.message, "damaged"));
    assert_int_equal(count_files_with(dir, ".damaged-"), 0);
    assert_int_equal(chmod(db, 0666), 0);
    expect_learner_kept(dir);
    free(dir);
}

static void test_a_missing_folder_that_cannot_be_made_is_told_apart(void **state) {
    Fx *fx = *state;
    char *missing = path_in(fx, "not-there/progress.db");
    ProgressStore *s = NULL;
    ProgressOpenInfo info;
    AilError err;
    assert_int_not_equal(progress_try_open(missing, 0, &s, &info, &err), AIL_OK);
    assert_int_equal(info.problem, PROGRESS_PROBLEM_NO_FOLDER);
    /* A folder under a file can never be made. */
    char *under_file = path_in(fx, "progress.db/sub");
    assert_int_not_equal(progress_make_folder(under_file, &info, &err), AIL_OK);
    assert_int_equal(info.problem, PROGRESS_PROBLEM_NO_FOLDER);
    assert_string_equal(info.file, under_file);
    free(missing);
    free(under_file);
}

/* Another program holding the store locked: "busy" at once when asked not to wait,
 * never "damaged", and nothing copied aside. */
static void test_a_locked_store_is_busy_not_damaged(void **state) {
    Fx *fx = *state;
    progress_close(fx->store); /* the other program is alone with the file at first */
    fx->store = NULL;
    char *db = path_in(fx, "progress.db");
    sqlite3 *other = NULL;
    assert_int_equal(sqlite3_open(db, &other), SQLITE_OK);
    assert_int_equal(sqlite3_exec(other,
                                  "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;"
                                  "SELECT count(*) FROM learners;",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    ProgressStore *s = NULL;
    ProgressOpenInfo info;
    AilError err;
    assert_int_not_equal(progress_try_open(db, 0, &s, &info, &err), AIL_OK);
    assert_null(s);
    assert_int_equal(info.problem, PROGRESS_PROBLEM_BUSY);
    assert_int_equal(count_files_with(fx->dir, "progress.db.damaged-"), 0);
    sqlite3_exec(other, "COMMIT", NULL, NULL, NULL);
    sqlite3_close(other);
    assert_int_equal(progress_try_open(db, 0, &s, &info, &err), AIL_OK);
    fx->store = s; /* for teardown */
    free(db);
}

/* Opening a store whose schema is current writes nothing, so a second ailit opens
 * it at once while the first is in the middle of writing. */
static void test_opening_a_current_store_writes_nothing(void **state) {
    Fx *fx = *state;
    char *db = path_in(fx, "progress.db");
    sqlite3 *writer = NULL;
    assert_int_equal(sqlite3_open(db, &writer), SQLITE_OK);
    assert_int_equal(sqlite3_exec(writer, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
    ProgressStore *s = NULL;
    ProgressOpenInfo info;
    AilError err;
    AilResult r = progress_try_open(db, 0, &s, &info, &err);
    if (r) fprintf(stderr, "progress_try_open: %s\n", err.message);
    assert_int_equal(r, AIL_OK);
    progress_close(s);
    sqlite3_exec(writer, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(writer);
    free(db);
}

/* Damaged and newer files name the copy kept aside, for the screen to show. */
static void test_damaged_and_newer_name_the_copy_kept_aside(void **state) {
    Fx *fx = *state;
    char *path = path_in(fx, "junk.db");
    FILE *f = fopen(path, "wb");
    for (int i = 0; i < 300; i++) fputs("not a database ", f);
    fclose(f);
    ProgressStore *s = NULL;
    ProgressOpenInfo info;
    AilError err;
    assert_int_equal(progress_try_open(path, 0, &s, &info, &err), AIL_ERR_CORRUPT);
    assert_int_equal(info.problem, PROGRESS_PROBLEM_DAMAGED);
    assert_non_null(strstr(info.aside, "junk.db.damaged-"));
    assert_true(access(info.aside, R_OK) == 0);
    assert_int_equal(sqlite3_exec(fx->store->db, "PRAGMA user_version = 99", NULL, NULL, NULL),
                     SQLITE_OK);
    progress_close(fx->store);
    fx->store = NULL;
    char *db = path_in(fx, "progress.db");
    assert_int_equal(progress_try_open(db, 0, &s, &info, &err), AIL_ERR_UNSUPPORTED);
    assert_int_equal(info.problem, PROGRESS_PROBLEM_NEWER);
    assert_non_null(strstr(info.aside, "progress.db.newer-"));
    free(path);
    free(db);
    fx->store = util_open(fx->dir, "fresh.db");
}

/* ---- The deployment's IRIs ---------------------------------------------------------- */

static void write_text(const char *path, const char *text) {
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static ProgressXapiIris iris_of(const char *home, const char *base) {
    ProgressXapiIris i;
    memset(&i, 0, sizeof i);
    snprintf(i.homepage, sizeof i.homepage, "%s", home);
    snprintf(i.activity_base, sizeof i.activity_base, "%s", base);
    return i;
}

static void test_configured_iris_are_written_into_statements(void **state) {
    Fx *fx = *state;
    AilError err;
    ProgressXapiIris want = iris_of("https://lrs.example.org/learner", "https://example.org/xapi");
    char note[600];
    assert_int_equal(progress_xapi_configure(fx->store, &want, note, sizeof note, &err), AIL_OK);
    assert_string_equal(note, "");
    util_tiny_session(fx->store, fx->learner.uuid, fx->tiny, 0x0f, "en");
    cJSON *all = statements(fx->store);
    cJSON *j;
    cJSON_ArrayForEach(j, all) {
        assert_string_equal(jstr(j, "actor.account.homePage"), "https://lrs.example.org/learner");
        assert_ptr_equal(strstr(jstr(j, "object.id"), "https://example.org/xapi/activities/pack/"),
                         jstr(j, "object.id"));
        /* ailit's own extensions keep their names on every device. */
        assert_non_null(cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(j, "context"),
                                                                "extensions"),
                                            PROGRESS_XAPI_IRI "/extensions/pack"));
    }
    cJSON_Delete(all);
}

static void test_the_first_statement_fixes_the_iris_for_good(void **state) {
    Fx *fx = *state;
    AilError err;
    ProgressXapiIris first = iris_of("https://a.example.org/learner", "https://a.example.org/xapi");
    ProgressXapiIris later = iris_of("https://b.example.org/learner", "https://b.example.org/xapi");
    char note[600];
    /* Before any statement the config may still change them. */
    assert_int_equal(progress_xapi_configure(fx->store, &later, note, sizeof note, &err), AIL_OK);
    assert_int_equal(progress_xapi_configure(fx->store, &first, note, sizeof note, &err), AIL_OK);
    ProgressXapiIris got;
    bool fixed = true;
    assert_int_equal(progress_xapi_get(fx->store, &got, &fixed, &err), AIL_OK);
    assert_false(fixed);
    util_tiny_session(fx->store, fx->learner.uuid, fx->tiny, 0x0f, "en");
    int64_t n = query_int(fx->store, "SELECT count(*) FROM events");
    /* After it, a config that disagrees changes nothing and says so. */
    assert_int_equal(progress_xapi_configure(fx->store, &later, note, sizeof note, &err), AIL_OK);
    assert_non_null(strstr(note, "https://b.example.org/learner"));
    assert_non_null(strstr(note, "https://a.example.org/learner"));
    assert_int_equal(progress_xapi_get(fx->store, &got, &fixed, &err), AIL_OK);
    assert_true(fixed);
    assert_string_equal(got.homepage, "https://a.example.org/learner");
    assert_string_equal(got.activity_base, "https://a.example.org/xapi");
    util_tiny_session(fx->store, fx->learner.uuid, fx->tiny, 0x0f, "en");
    cJSON *all = statements(fx->store);
    assert_true(cJSON_GetArraySize(all) > n);
    cJSON *j;
    cJSON_ArrayForEach(j, all)
        assert_string_equal(jstr(j, "actor.account.homePage"), "https://a.example.org/learner");
    cJSON_Delete(all);
    /* The same config again: nothing to say. */
    assert_int_equal(progress_xapi_configure(fx->store, &first, note, sizeof note, &err), AIL_OK);
    assert_string_equal(note, "");
}

static void test_a_store_never_configured_fixes_the_defaults_at_its_first_statement(void **state) {
    Fx *fx = *state;
    AilError err;
    util_tiny_session(fx->store, fx->learner.uuid, fx->tiny, 0x0f, "en");
    char v[PROGRESS_XAPI_IRI_MAX + 1];
    assert_int_equal(
        progress_setting_get(fx->store, PROGRESS_SETTING_XAPI_HOMEPAGE, v, sizeof v, &err), AIL_OK);
    assert_string_equal(v, PROGRESS_XAPI_HOMEPAGE);
    ProgressXapiIris later = iris_of("https://b.example.org/learner", "");
    char note[600];
    assert_int_equal(progress_xapi_configure(fx->store, &later, note, sizeof note, &err), AIL_OK);
    assert_non_null(strstr(note, PROGRESS_XAPI_HOMEPAGE));
}

static void test_configuring_the_iris_the_store_holds_writes_nothing(void **state) {
    Fx *fx = *state;
    AilError err;
    ProgressXapiIris want = iris_of("https://lrs.example.org/learner", "");
    assert_int_equal(progress_xapi_configure(fx->store, &want, NULL, 0, &err), AIL_OK);
    int before = sqlite3_total_changes(fx->store->db);
    assert_int_equal(progress_xapi_configure(fx->store, &want, NULL, 0, &err), AIL_OK);
    assert_int_equal(sqlite3_total_changes(fx->store->db), before);
    util_tiny_session(fx->store, fx->learner.uuid, fx->tiny, 0x0f, "en");
    before = sqlite3_total_changes(fx->store->db);
    assert_int_equal(progress_xapi_configure(fx->store, &want, NULL, 0, &err), AIL_OK);
    assert_int_equal(sqlite3_total_changes(fx->store->db), before);
}

static void test_config_file_sets_the_iris_and_skips_notes(void **state) {
    Fx *fx = *state;
    char *conf = path_in(fx, "ailit.conf");
    write_text(conf, "# the programme's LRS\n\n  xapi_homepage = https://lrs.example.org/learner \n"
                     "xapi_activity_base=https://example.org/xapi/\n");
    ProgressXapiIris i = iris_of("", "");
    AilError err;
    assert_int_equal(progress_config_read(conf, &i, &err), AIL_OK);
    assert_string_equal(i.homepage, "https://lrs.example.org/learner");
    assert_string_equal(i.activity_base, "https://example.org/xapi"); /* slash dropped */
    /* A file giving one key leaves the other as it was. */
    write_text(conf, "xapi_homepage = https://other.example.org/l\n");
    assert_int_equal(progress_config_read(conf, &i, &err), AIL_OK);
    assert_string_equal(i.homepage, "https://other.example.org/l");
    assert_string_equal(i.activity_base, "https://example.org/xapi");
    free(conf);
    char *none = path_in(fx, "none.conf");
    assert_int_equal(progress_config_read(none, &i, &err), AIL_ERR_NOT_FOUND);
    free(none);
}

static void test_config_file_with_a_bad_line_is_refused_with_its_line(void **state) {
    Fx *fx = *state;
    char *conf = path_in(fx, "ailit.conf");
    static const struct {
        const char *text, *says;
    } bad[] = {
        {"xapi_homepage = ftp://lrs.example.org/learner\n", "ailit.conf:1: xapi_homepage must be"},
        {"# ok\nxapi_homepage = https://lrs.example.org/a b\n", "ailit.conf:2: xapi_homepage"},
        {"xapi_activity_base = example.org/xapi\n", "ailit.conf:1: xapi_activity_base must be"},
        {"xapi_activity_base = https://\n", "xapi_activity_base must be"},
        {"xapi_homepage = https://x.org/\"q\n", "xapi_homepage must be"},
        {"xapi_homepage = https://x.org/?a=1\n", "xapi_homepage must be"},
        {"xapi_homepage = https://x.org/\x01\n", "xapi_homepage must be"},
        {"xapi_home = https://x.org/\n", "ailit.conf:1: ailit knows no setting \"xapi_home\""},
        {"just words\n", "ailit.conf:1: a line must read \"key = value\""},
    };
    for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
        write_text(conf, bad[k].text);
        ProgressXapiIris i = iris_of("https://kept.example.org/l", "");
        AilError err;
        assert_int_equal(progress_config_read(conf, &i, &err), AIL_ERR_INVALID);
        if (!strstr(err.message, bad[k].says)) fail_msg("%s: got '%s'", bad[k].text, err.message);
        assert_string_equal(i.homepage, "https://kept.example.org/l");
    }
    /* Too long. */
    char text[400];
    snprintf(text, sizeof text, "xapi_homepage = https://x.org/%0*d\n", PROGRESS_XAPI_IRI_MAX, 0);
    write_text(conf, text);
    ProgressXapiIris i = iris_of("", "");
    AilError err;
    assert_int_equal(progress_config_read(conf, &i, &err), AIL_ERR_INVALID);
    assert_non_null(strstr(err.message, "at most 200 bytes"));
    free(conf);
    /* progress_xapi_configure checks too. */
    ProgressXapiIris want = iris_of("not an iri", "");
    assert_int_equal(progress_xapi_configure(fx->store, &want, NULL, 0, &err), AIL_ERR_INVALID);
}

static void test_iri_check_takes_http_and_https_iris_only(void **state) {
    (void)state;
    assert_true(progress_xapi_iri_ok("https://ailit.invalid/learner", 200));
    assert_true(progress_xapi_iri_ok("http://lrs.example.org", 200));
    assert_true(progress_xapi_iri_ok("https://例え.jp/学習者", 200));
    assert_false(progress_xapi_iri_ok("https://", 200));
    assert_false(progress_xapi_iri_ok("https:///path", 200));
    assert_false(progress_xapi_iri_ok("mailto:a@b.org", 200));
    assert_false(progress_xapi_iri_ok("https://a.org/\xff", 200));
    assert_false(progress_xapi_iri_ok("https://a.org/{x}", 200));
    assert_false(progress_xapi_iri_ok("https://a.org/x", 10));
}

/* ---- The progress clock ---- */

#define DAY_MS (24 * 3600 * 1000LL)

/* No statement is dated before the one logged before it. */
static void assert_times_in_order(ProgressStore *s) {
    assert_int_equal(query_int(s, "SELECT count(*) FROM events e JOIN events f ON f.seq > e.seq"
                                  " WHERE f.at_ms < e.at_ms"),
                     0);
}

/* The timestamp of the newest statement, with its result's duration into duration. */
static void newest_statement(ProgressStore *s, char *timestamp, char *duration) {
    cJSON *all = statements(s);
    const cJSON *last = cJSON_GetArrayItem(all, cJSON_GetArraySize(all) - 1);
    snprintf(timestamp, 32, "%s", jstr(last, "timestamp"));
    const char *d = jstr(last, "result.duration");
    snprintf(duration, 32, "%s", d ? d : "");
    cJSON_Delete(all);
}

static void test_a_clock_back_in_1970_dates_progress_after_the_store_in_order(void **state) {
    Fx *fx = *state;
    AilError err;
    /* A school day with the clock right. */
    int64_t day1 = PROGRESS_BUILD_MS + 40 * DAY_MS;
    util_clock_at(day1, 5000);
    ProgressStore *s = util_open(fx->dir, "clock.db");
    ProgressLearner zawadi, juma;
    assert_int_equal(progress_learner_add(s, "Zawadi", 1, "", &zawadi, &err), AIL_OK);
    util_clock_tick(60000);
    util_tiny_session(s, zawadi.uuid, fx->tiny, 0x3f, "en");
    int64_t last_day1 = query_int(s, "SELECT max(at_ms) FROM events");
    assert_int_equal(last_day1, day1 + 60000);
    progress_close(s);

    /* The next morning the Raspberry Pi starts without a network: its clock says
     * 1970, and the monotonic clock starts again with the new boot. */
    util_clock_at(0, 1000);
    s = util_open(fx->dir, "clock.db");
    ProgressClockStatus c;
    progress_clock_status(s, &c);
    assert_int_equal(c.system_ms, 0);
    assert_int_equal(c.floor_ms, last_day1 + 1);
    assert_int_equal(c.now_ms, last_day1 + 1);
    assert_true(c.estimated);
    assert_true(c.wrong);
    assert_int_equal(progress_learner_add(s, "Juma", 2, "", &juma, &err), AIL_OK);
    assert_true(juma.created_ms > last_day1);
    ProgressLessonState ls;
    assert_int_equal(progress_lesson_start(s, zawadi.uuid, fx->tiny, 0, "en", &ls, &err), AIL_OK);
    assert_int_equal(progress_record_page(s, zawadi.uuid, fx->tiny, 0, 0, "en", &err), AIL_OK);
    int64_t page_at = query_int(s, "SELECT at_ms FROM events ORDER BY seq DESC LIMIT 1");
    assert_int_equal(page_at, last_day1 + 1);
    /* A minute and a half in the lesson, by the monotonic clock. */
    util_clock_tick(90000);
    assert_int_equal(progress_finish_lesson(s, zawadi.uuid, fx->tiny, 0, "en", &err), AIL_OK);
    int64_t done_at = query_int(s, "SELECT at_ms FROM events ORDER BY seq DESC LIMIT 1");
    assert_int_equal(done_at, page_at + 90000);
    char timestamp[32], duration[32], want[AIL_TIMESTAMP_LEN + 1];
    newest_statement(s, timestamp, duration);
    ail_time_format_rfc3339(done_at, want);
    assert_string_equal(timestamp, want);
    assert_string_equal(duration, "PT1M30S");
    assert_times_in_order(s);
    assert_int_equal(query_int(s, "SELECT count(*) FROM events WHERE at_ms <= 0"), 0);
    progress_close(s);
}

static void test_a_system_clock_after_the_floor_is_used_as_it_is(void **state) {
    Fx *fx = *state;
    AilError err;
    int64_t now = PROGRESS_BUILD_MS + 400 * DAY_MS + 123;
    util_clock_at(now, 77);
    ProgressStore *s = util_open(fx->dir, "right.db");
    ProgressLearner l;
    assert_int_equal(progress_learner_add(s, "Zawadi", 1, "", &l, &err), AIL_OK);
    util_tiny_session(s, l.uuid, fx->tiny, 0x3f, "en");
    assert_int_equal(query_int(s, "SELECT min(at_ms) FROM events"), now);
    assert_int_equal(query_int(s, "SELECT max(at_ms) FROM events"), now);
    assert_int_equal(query_int(s, "SELECT created_ms FROM device"), now);
    assert_int_equal(l.created_ms, now);
    ProgressClockStatus c;
    progress_clock_status(s, &c);
    assert_int_equal(c.system_ms, now);
    assert_int_equal(c.now_ms, now);
    assert_false(c.estimated);
    assert_false(c.wrong);
    util_clock_tick(2500);
    assert_int_equal(progress_now_ms(s), now + 2500);
    progress_close(s);
}

/* A store once dated by a clock set years ahead: once the clock is right, progress
 * takes its time again, rather than every later statement in that future. */
static void test_times_from_a_clock_set_years_ahead_are_not_followed(void **state) {
    Fx *fx = *state;
    AilError err;
    util_clock_at(PROGRESS_BUILD_MS + 20 * 365 * DAY_MS, 0);
    ProgressStore *s = util_open(fx->dir, "ahead.db");
    ProgressLearner l;
    assert_int_equal(progress_learner_add(s, "Zawadi", 1, "", &l, &err), AIL_OK);
    util_tiny_session(s, l.uuid, fx->tiny, 0x3f, "en");
    progress_close(s);
    int64_t right = PROGRESS_BUILD_MS + DAY_MS;
    util_clock_at(right, 0);
    s = util_open(fx->dir, "ahead.db");
    assert_int_equal(progress_record_page(s, l.uuid, fx->tiny, 0, 0, "en", &err), AIL_OK);
    assert_int_equal(query_int(s, "SELECT at_ms FROM events ORDER BY seq DESC LIMIT 1"), right);
    ProgressClockStatus c;
    progress_clock_status(s, &c);
    assert_false(c.wrong);
    progress_close(s);
}

/* The clock set back an hour while a lesson is open: times go on from where they
 * were, and the lesson's duration is the time that passed. */
static void test_a_clock_set_back_while_open_never_dates_backwards(void **state) {
    Fx *fx = *state;
    AilError err;
    int64_t t0 = PROGRESS_BUILD_MS + 3 * DAY_MS;
    util_clock_at(t0, 0);
    ProgressStore *s = util_open(fx->dir, "back.db");
    ProgressLearner l;
    ProgressLessonState ls;
    assert_int_equal(progress_learner_add(s, "Zawadi", 1, "", &l, &err), AIL_OK);
    assert_int_equal(progress_lesson_start(s, l.uuid, fx->tiny, 0, "en", &ls, &err), AIL_OK);
    assert_int_equal(progress_record_page(s, l.uuid, fx->tiny, 0, 0, "en", &err), AIL_OK);
    util_clock_tick(10000);
    util_wall -= 3600 * 1000; /* someone sets the clock back an hour */
    assert_int_equal(progress_record_page(s, l.uuid, fx->tiny, 0, 1, "en", &err), AIL_OK);
    assert_int_equal(query_int(s, "SELECT at_ms FROM events ORDER BY seq DESC LIMIT 1"),
                     t0 + 10000);
    util_clock_tick(5000);
    assert_int_equal(progress_finish_lesson(s, l.uuid, fx->tiny, 0, "en", &err), AIL_OK);
    char timestamp[32], duration[32];
    newest_statement(s, timestamp, duration);
    assert_string_equal(duration, "PT15S");
    assert_times_in_order(s);
    progress_close(s);
}

int main(void) {
    const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
        T(test_new_store_is_wal_full_sync_with_foreign_keys),
        T(test_device_rename_survives_reopen),
        T(test_learners_add_list_update),
        T(test_pin_is_stored_only_as_a_password_hash),
        T(test_teacher_pin_is_stored_only_as_a_password_hash),
        T(test_teacher_pin_waits_double_after_three_free_tries_up_to_15_minutes),
        T(test_wrong_teacher_pins_earn_a_wait_that_even_the_right_pin_cannot_skip),
        T(test_the_teacher_pin_wait_outlasts_a_restart),
        T(test_a_clock_set_back_does_not_stretch_the_teacher_pin_wait),
        T(test_two_windows_on_one_store_share_the_wrong_pin_count),
        T(test_teacher_pin_reset_forgets_the_pin_and_its_wait_and_keeps_progress),
        T(test_settings_roundtrip),
        T(test_lesson_session_logs_each_event_and_derives_results),
        T(test_finishing_a_quiz_twice_scores_it_once),
        T(test_a_failing_read_never_gives_a_wrong_score),
        T(test_a_failing_read_never_shows_wrong_progress),
        T(test_a_value_that_cannot_be_bound_fails_the_read),
        T(test_a_failing_read_never_resumes_at_the_wrong_question),
        T(test_answer_statements_follow_xapi_interactions),
        T(test_a_demo_left_records_one_interacted_statement_with_its_summary),
        T(test_a_demo_summary_that_is_not_plain_json_is_refused),
        T(test_a_wrong_truefalse_answer_carries_its_misconception),
        T(test_pre_and_post_test_statements_carry_the_role),
        T(test_statements_never_carry_a_persons_name),
        T(test_failed_quiz_is_completed_but_not_mastered),
        T(test_resume_returns_page_and_answers_so_far),
        T(test_answer_that_does_not_fit_is_refused_and_not_recorded),
        T(test_event_log_is_append_only),
        T(test_class_overview_lists_every_learner),
        T(test_export_range_and_watermark_only_move_forward),
        T(test_a_failing_read_of_the_export_mark_is_an_error),
        T(test_upgrade_from_every_earlier_schema_version),
        T(test_an_unreadable_path_is_not_damage),
        T(test_garbage_file_is_refused_and_kept_aside),
        T(test_damaged_pages_are_refused_and_kept_aside),
        T(test_newer_schema_is_refused_and_kept_aside),
        T(test_a_read_only_folder_is_told_apart_and_leaves_nothing),
        T(test_a_read_only_file_is_told_apart_and_leaves_nothing),
        T(test_an_unreadable_file_is_told_apart),
        T(test_a_missing_folder_that_cannot_be_made_is_told_apart),
        T(test_a_locked_store_is_busy_not_damaged),
        T(test_opening_a_current_store_writes_nothing),
        T(test_damaged_and_newer_name_the_copy_kept_aside),
        T(test_configured_iris_are_written_into_statements),
        T(test_the_first_statement_fixes_the_iris_for_good),
        T(test_a_store_never_configured_fixes_the_defaults_at_its_first_statement),
        T(test_configuring_the_iris_the_store_holds_writes_nothing),
        T(test_config_file_sets_the_iris_and_skips_notes),
        T(test_config_file_with_a_bad_line_is_refused_with_its_line),
        T(test_iri_check_takes_http_and_https_iris_only),
        T(test_a_clock_back_in_1970_dates_progress_after_the_store_in_order),
        T(test_a_system_clock_after_the_floor_is_used_as_it_is),
        T(test_times_from_a_clock_set_years_ahead_are_not_followed),
        T(test_a_clock_set_back_while_open_never_dates_backwards),
    };
    return cmocka_run_group_tests_name("progress", tests, NULL, NULL);
}
