/*
 * The teacher PIN's door: how many wrong PINs were typed in a row and until when the
 * door stays shut, kept as device settings beside the PIN's hash so that quitting
 * and starting ailit again does not wipe them. (Setting the PIN is in store.c, with
 * the learners' PINs, whose hashing it shares.)
 *
 * Invariants:
 * - While the door is shut no PIN is verified at all, so a script driving the app
 *   learns nothing by typing faster than progress_teacher_pin_delay_ms allows.
 * - The count, the lock and the check happen in one BEGIN IMMEDIATE transaction, so
 *   two ailit windows on one store cannot each get the free tries.
 * - Time comes in as now_ms (ms since 1970, as ail_time_now_ms gives); nothing here
 *   reads a clock, so tests decide what time it is.
 * - A lock never ends further off than its own delay: when it does, the clock was set
 *   back (a Raspberry Pi without a clock battery starts at its last saved time), and
 *   the lock is made to start now instead of shutting the teacher out for days.
 */
#include "progress/progress_internal.h"

#include <assert.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int64_t progress_teacher_pin_delay_ms(int64_t failures) {
    if (failures <= PROGRESS_PIN_FREE_TRIES) return 0;
    int64_t delay = PROGRESS_PIN_FIRST_DELAY_MS;
    for (int64_t i = PROGRESS_PIN_FREE_TRIES + 1; i < failures; i++) {
        delay *= 2;
        if (delay >= PROGRESS_PIN_MAX_DELAY_MS) break;
    }
    delay = delay < PROGRESS_PIN_MAX_DELAY_MS ? delay : PROGRESS_PIN_MAX_DELAY_MS;
    assert(delay >= PROGRESS_PIN_FIRST_DELAY_MS && delay <= PROGRESS_PIN_MAX_DELAY_MS);
    return delay;
}

static AilResult exec(sqlite3 *db, const char *sql, AilError *err) {
    if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return progress_sql_error(db, "checking the teacher PIN", err);
    return AIL_OK;
}

/* Reads setting key as text into out (out[0] = '\0' when unset). */
static AilResult read_text(sqlite3 *db, const char *key, char *out, size_t size, AilError *err) {
    sqlite3_stmt *st = NULL;
    out[0] = '\0';
    if (sqlite3_prepare_v2(db, "SELECT value FROM settings WHERE key = ?", -1, &st, NULL) !=
        SQLITE_OK)
        return progress_sql_error(db, "checking the teacher PIN", err);
    AilResult r = AIL_OK;
    if (sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC) != SQLITE_OK) {
        r = progress_sql_error(db, "checking the teacher PIN", err);
    } else {
        int rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            const char *v = (const char *)sqlite3_column_text(st, 0);
            int n = snprintf(out, size, "%s", v ? v : "");
            if (n < 0 || (size_t)n >= size) out[0] = '\0'; /* not ours: as if unset */
        } else if (rc != SQLITE_DONE) {
            r = progress_sql_error(db, "checking the teacher PIN", err);
        }
    }
    sqlite3_finalize(st);
    return r;
}

/* A count or a time kept as decimal text; 0 when unset. A value that is not a number
 * (only someone editing the file could write one) counts as 0: whoever can edit the
 * file can delete the PIN's hash anyway. */
static AilResult read_int(sqlite3 *db, const char *key, int64_t *out, AilError *err) {
    char text[32];
    *out = 0;
    AilResult r = read_text(db, key, text, sizeof text, err);
    if (r || !text[0]) return r;
    char *end = NULL;
    long long v = strtoll(text, &end, 10);
    if (end && *end == '\0' && v > 0) *out = (int64_t)v;
    return AIL_OK;
}

static AilResult write_int(sqlite3 *db, const char *key, int64_t value, AilError *err) {
    sqlite3_stmt *st = NULL;
    char text[32];
    snprintf(text, sizeof text, "%lld", (long long)value);
    if (sqlite3_prepare_v2(db,
                           "INSERT INTO settings(key, value) VALUES (?, ?) "
                           "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                           -1, &st, NULL) != SQLITE_OK)
        return progress_sql_error(db, "counting wrong teacher PINs", err);
    int rc = SQLITE_OK;
    if (sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC) != SQLITE_OK ||
        sqlite3_bind_text(st, 2, text, -1, SQLITE_TRANSIENT) != SQLITE_OK)
        rc = SQLITE_ERROR;
    else
        rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? AIL_OK : progress_sql_error(db, "counting wrong teacher PINs", err);
}

/* Forgets the wrong tries (and with forget_pin the PIN's hash too). */
static AilResult clear_door(sqlite3 *db, bool forget_pin, AilError *err) {
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, "DELETE FROM settings WHERE key IN (?, ?, ?)", -1, &st, NULL) !=
        SQLITE_OK)
        return progress_sql_error(db, "clearing the teacher PIN", err);
    int rc = SQLITE_OK;
    if (sqlite3_bind_text(st, 1, PROGRESS_TEACHER_PIN_FAILURES, -1, SQLITE_STATIC) != SQLITE_OK ||
        sqlite3_bind_text(st, 2, PROGRESS_TEACHER_PIN_LOCKED_UNTIL, -1, SQLITE_STATIC) !=
            SQLITE_OK ||
        sqlite3_bind_text(st, 3, forget_pin ? PROGRESS_TEACHER_PIN : PROGRESS_TEACHER_PIN_FAILURES,
                          -1, SQLITE_STATIC) != SQLITE_OK)
        rc = SQLITE_ERROR;
    else
        rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? AIL_OK : progress_sql_error(db, "clearing the teacher PIN", err);
}

/* The door as stored: consecutive wrong PINs and how long it stays shut from now_ms
 * (0: open). A lock that ends further off than its delay is moved to start now. */
typedef struct {
    int64_t failures, wait_ms;
} Door;

static AilResult read_door(sqlite3 *db, int64_t now_ms, Door *door, AilError *err) {
    int64_t until = 0;
    AilResult r = read_int(db, PROGRESS_TEACHER_PIN_FAILURES, &door->failures, err);
    if (!r) r = read_int(db, PROGRESS_TEACHER_PIN_LOCKED_UNTIL, &until, err);
    if (r) return r;
    int64_t delay = progress_teacher_pin_delay_ms(door->failures);
    door->wait_ms = until > now_ms ? until - now_ms : 0;
    assert(delay >= 0 && door->wait_ms >= 0);
    if (door->wait_ms > delay) {
        door->wait_ms = delay;
        r = write_int(db, PROGRESS_TEACHER_PIN_LOCKED_UNTIL, now_ms + delay, err);
    }
    return r;
}

AilResult progress_teacher_pin_status(ProgressStore *store, int64_t now_ms, bool *set,
                                      int64_t *wait_ms, AilError *err) {
    char hash[crypto_pwhash_STRBYTES];
    *set = false;
    *wait_ms = 0;
    AilResult r = read_text(store->db, PROGRESS_TEACHER_PIN, hash, sizeof hash, err);
    if (r) return r;
    *set = hash[0] != '\0';
    sodium_memzero(hash, sizeof hash);
    if (!*set) return AIL_OK;
    Door door;
    r = read_door(store->db, now_ms, &door, err);
    if (!r) *wait_ms = door.wait_ms;
    return r;
}

/* Checks pin inside the caller's transaction; see progress_teacher_pin_try. */
static AilResult try_pin(sqlite3 *db, const char *pin, int64_t now_ms, ProgressPinVerdict *verdict,
                         int64_t *wait_ms, AilError *err) {
    char hash[crypto_pwhash_STRBYTES];
    AilResult r = read_text(db, PROGRESS_TEACHER_PIN, hash, sizeof hash, err);
    if (r) return r;
    if (!hash[0]) {
        *verdict = PROGRESS_PIN_UNSET;
        return AIL_OK;
    }
    Door door;
    if ((r = read_door(db, now_ms, &door, err))) return r;
    if (door.wait_ms > 0) {
        *verdict = PROGRESS_PIN_LOCKED;
        *wait_ms = door.wait_ms;
        return AIL_OK;
    }
    bool right = pin && crypto_pwhash_str_verify(hash, pin, strlen(pin)) == 0;
    sodium_memzero(hash, sizeof hash);
    if (right) {
        *verdict = PROGRESS_PIN_RIGHT;
        return clear_door(db, false, err);
    }
    *verdict = PROGRESS_PIN_WRONG;
    int64_t failures = door.failures < INT32_MAX ? door.failures + 1 : door.failures;
    *wait_ms = progress_teacher_pin_delay_ms(failures);
    r = write_int(db, PROGRESS_TEACHER_PIN_FAILURES, failures, err);
    if (!r) r = write_int(db, PROGRESS_TEACHER_PIN_LOCKED_UNTIL, now_ms + *wait_ms, err);
    return r;
}

AilResult progress_teacher_pin_try(ProgressStore *store, const char *pin, int64_t now_ms,
                                   ProgressPinVerdict *verdict, int64_t *wait_ms, AilError *err) {
    assert(store && verdict && wait_ms);
    *verdict = PROGRESS_PIN_WRONG;
    *wait_ms = 0;
    AilResult r = exec(store->db, "BEGIN IMMEDIATE", err);
    if (r) return r;
    r = try_pin(store->db, pin, now_ms, verdict, wait_ms, err);
    if (!r) r = exec(store->db, "COMMIT", err);
    if (r) {
        sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
        /* A wrong PIN that could not be counted is still not a right one. */
        if (*verdict == PROGRESS_PIN_RIGHT) *verdict = PROGRESS_PIN_WRONG;
    }
    return r;
}

AilResult progress_teacher_pin_reset(ProgressStore *store, bool *had_pin, AilError *err) {
    char hash[crypto_pwhash_STRBYTES];
    *had_pin = false;
    AilResult r = exec(store->db, "BEGIN IMMEDIATE", err);
    if (r) return r;
    r = read_text(store->db, PROGRESS_TEACHER_PIN, hash, sizeof hash, err);
    *had_pin = !r && hash[0];
    sodium_memzero(hash, sizeof hash);
    if (!r) r = clear_door(store->db, true, err);
    if (!r) r = exec(store->db, "COMMIT", err);
    if (r) sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
    return r;
}
