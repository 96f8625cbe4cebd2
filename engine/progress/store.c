/*
 * The progress store's file: opening (and refusing damaged or newer files),
 * migrations, the device, learners and their PINs, settings, and the event log as
 * export reads it.
 *
 * Invariants:
 * - The file is in WAL mode with synchronous=FULL and foreign keys on, set on every
 *   open; writes happen in BEGIN IMMEDIATE transactions.
 * - PRAGMA user_version is the schema version; MIGRATIONS[v] takes version v to
 *   v + 1 and runs with the version bump in one transaction, so a kill mid-upgrade
 *   leaves the old version whole.
 * - A file we cannot trust is never written to: it is copied aside and refused.
 * - A file or folder that may not be written is refused before SQLite opens it (so
 *   nothing is left beside it), and is never called damaged; opening a store whose
 *   schema is current writes nothing.
 * - The events table is append-only (triggers refuse UPDATE and DELETE).
 * - Every SQL statement is a constant string with ? parameters.
 */
#include "progress/progress_internal.h"

#include <assert.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

static const char *const MIGRATIONS[PROGRESS_SCHEMA_VERSION] = {
    /* 0 -> 1: device, learners, the event log, settings, the export watermark. */
    "CREATE TABLE device(id INTEGER PRIMARY KEY CHECK (id = 1), uuid TEXT NOT NULL,"
    "  name TEXT NOT NULL, created_ms INTEGER NOT NULL);"
    "CREATE TABLE learners(uuid TEXT PRIMARY KEY, name TEXT NOT NULL,"
    "  colour INTEGER NOT NULL DEFAULT 0, created_ms INTEGER NOT NULL);"
    "CREATE TABLE events(seq INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  statement_id TEXT NOT NULL UNIQUE, learner TEXT NOT NULL REFERENCES learners(uuid),"
    "  verb TEXT NOT NULL, pack_id TEXT NOT NULL, lesson_id TEXT NOT NULL, quiz_id TEXT,"
    "  question_id TEXT, success INTEGER, score REAL, at_ms INTEGER NOT NULL,"
    "  statement TEXT NOT NULL);"
    "CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events"
    "  BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;"
    "CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events"
    "  BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;"
    "CREATE TABLE settings(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE export_state(id INTEGER PRIMARY KEY CHECK (id = 1), watermark INTEGER NOT NULL);"
    "INSERT INTO export_state(id, watermark) VALUES (1, 0);",

    /* 1 -> 2: resume state and derived results, rebuilt from the events so far
     * (mastery needs the pack's pass ratios, so it is settled at the next finish). */
    "CREATE TABLE lesson_state(learner TEXT NOT NULL REFERENCES learners(uuid),"
    "  pack_id TEXT NOT NULL, lesson_id TEXT NOT NULL, registration TEXT NOT NULL,"
    "  page INTEGER NOT NULL DEFAULT 0, started_ms INTEGER NOT NULL, updated_ms INTEGER NOT NULL,"
    "  PRIMARY KEY (learner, pack_id, lesson_id));"
    "CREATE TABLE lesson_answers(learner TEXT NOT NULL, pack_id TEXT NOT NULL,"
    "  lesson_id TEXT NOT NULL, quiz_id TEXT NOT NULL, question_id TEXT NOT NULL,"
    "  response TEXT NOT NULL, correct INTEGER NOT NULL,"
    "  PRIMARY KEY (learner, pack_id, lesson_id, quiz_id, question_id),"
    "  FOREIGN KEY (learner, pack_id, lesson_id)"
    "    REFERENCES lesson_state(learner, pack_id, lesson_id) ON DELETE CASCADE);"
    "CREATE TABLE quiz_results(learner TEXT NOT NULL REFERENCES learners(uuid),"
    "  pack_id TEXT NOT NULL, lesson_id TEXT NOT NULL, quiz_id TEXT NOT NULL,"
    "  best_score REAL NOT NULL, attempts INTEGER NOT NULL, passed INTEGER NOT NULL,"
    "  PRIMARY KEY (learner, pack_id, lesson_id, quiz_id));"
    "CREATE TABLE lesson_results(learner TEXT NOT NULL REFERENCES learners(uuid),"
    "  pack_id TEXT NOT NULL, lesson_id TEXT NOT NULL, completed INTEGER NOT NULL DEFAULT 0,"
    "  mastered INTEGER NOT NULL DEFAULT 0, completed_ms INTEGER,"
    "  PRIMARY KEY (learner, pack_id, lesson_id));"
    "CREATE INDEX events_by_learner ON events(learner, at_ms);"
    "INSERT INTO quiz_results SELECT learner, pack_id, lesson_id, quiz_id, max(score), count(*),"
    "  max(success) FROM events WHERE verb IN ('passed', 'failed')"
    "  GROUP BY learner, pack_id, lesson_id, quiz_id;"
    "INSERT INTO lesson_results(learner, pack_id, lesson_id, completed, mastered, completed_ms)"
    "  SELECT learner, pack_id, lesson_id, 1, 0, max(at_ms) FROM events WHERE verb = 'completed'"
    "  GROUP BY learner, pack_id, lesson_id;",

    /* 2 -> 3: avatars, and PINs (a libsodium password hash, never the PIN). */
    ("ALTER TABLE learners ADD COLUMN avatar TEXT NOT NULL DEFAULT '';"
     "ALTER TABLE learners ADD COLUMN pin_hash TEXT;"),
};

AilResult progress_sql_error(sqlite3 *db, const char *doing, AilError *err) {
    int rc = sqlite3_errcode(db);
    AilResult code = AIL_ERR_IO;
    if (rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB)
        code = AIL_ERR_CORRUPT;
    else if (rc == SQLITE_NOMEM)
        code = AIL_ERR_NOMEM;
    else if (rc == SQLITE_CONSTRAINT)
        code = AIL_ERR_INVALID;
    /* progress_step returns a failed bind's code without running the statement; later
     * binds that succeeded have cleared SQLite's own message by then. */
    const char *why = rc == SQLITE_OK ? "a value could not be bound (too long, or out of memory)"
                                      : sqlite3_errmsg(db);
    return ail_error_set(err, code, "%s: %s", doing, why);
}

/* Keeps the first failed bind of statement st until st is stepped. Binding parameter
 * 1 starts a statement's binds afresh, so a mark left by a statement that was given up
 * and finalized cannot fail another one prepared at the same address. Marks exist only
 * for failures, so the few slots are plenty; a full table drops its oldest mark. */
static int bind_result(ProgressStore *s, sqlite3_stmt *st, int i, int rc) {
    size_t k = 0;
    while (k < s->bind_fail_count && s->bind_fail[k].st != st) k++;
    bool marked = k < s->bind_fail_count;
    if (marked && i == 1) {
        s->bind_fail[k] = s->bind_fail[--s->bind_fail_count];
        marked = false;
    }
    if (rc == SQLITE_OK || marked) return rc;
    if (s->bind_fail_count == PROGRESS_BIND_MARKS) {
        memmove(s->bind_fail, s->bind_fail + 1, (PROGRESS_BIND_MARKS - 1) * sizeof *s->bind_fail);
        s->bind_fail_count--;
    }
    assert(s->bind_fail_count < PROGRESS_BIND_MARKS);
    s->bind_fail[s->bind_fail_count].st = st;
    s->bind_fail[s->bind_fail_count++].rc = rc;
    return rc;
}

int progress_bind_text(ProgressStore *s, sqlite3_stmt *st, int i, const char *v, int len,
                       sqlite3_destructor_type lifetime) {
    return bind_result(s, st, i, sqlite3_bind_text(st, i, v, len, lifetime));
}

int progress_bind_int64(ProgressStore *s, sqlite3_stmt *st, int i, int64_t v) {
    return bind_result(s, st, i, sqlite3_bind_int64(st, i, v));
}

int progress_bind_double(ProgressStore *s, sqlite3_stmt *st, int i, double v) {
    return bind_result(s, st, i, sqlite3_bind_double(st, i, v));
}

int progress_bind_null(ProgressStore *s, sqlite3_stmt *st, int i) {
    return bind_result(s, st, i, sqlite3_bind_null(st, i));
}

int progress_step(ProgressStore *s, sqlite3_stmt *st) {
    for (size_t k = 0; k < s->bind_fail_count; k++)
        if (s->bind_fail[k].st == st) {
            int rc = s->bind_fail[k].rc;
            s->bind_fail[k] = s->bind_fail[--s->bind_fail_count];
            return rc;
        }
    return sqlite3_step(st);
}

static AilResult exec(sqlite3 *db, const char *sql, const char *doing, AilError *err) {
    if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return progress_sql_error(db, doing, err);
    return AIL_OK;
}

static int user_version(sqlite3 *db) {
    sqlite3_stmt *st = NULL;
    int v = -1;
    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* progress_migrate; on failure *sqlite_rc is SQLite's primary result code from
 * before the rollback (which clears it), so that a full disk is told apart. */
static AilResult migrate(sqlite3 *db, int target, int *sqlite_rc, AilError *err) {
    /* user_version is set with a pragma, which takes no parameters: the values are
     * this table's own constants, never input. */
    static const char *const SET_VERSION[PROGRESS_SCHEMA_VERSION + 1] = {
        "PRAGMA user_version = 0", "PRAGMA user_version = 1", "PRAGMA user_version = 2",
        "PRAGMA user_version = 3"};
    *sqlite_rc = SQLITE_OK;
    AilResult r = exec(db, "BEGIN IMMEDIATE", "upgrading the progress file", err);
    if (r) {
        *sqlite_rc = sqlite3_extended_errcode(db) & 0xff;
        return r;
    }
    int v = user_version(db);
    if (v < 0 || target > PROGRESS_SCHEMA_VERSION) {
        r = progress_sql_error(db, "reading the progress file's version", err);
        goto fail;
    }
    for (; v < target; v++) {
        if ((r = exec(db, MIGRATIONS[v], "upgrading the progress file", err))) goto fail;
        if ((r = exec(db, SET_VERSION[v + 1], "upgrading the progress file", err))) goto fail;
    }
    r = exec(db, "COMMIT", "upgrading the progress file", err);
    if (!r) return AIL_OK;
fail:
    *sqlite_rc = sqlite3_extended_errcode(db) & 0xff;
    sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    return r;
}

AilResult progress_migrate(sqlite3 *db, int target, AilError *err) {
    int rc;
    return migrate(db, target, &rc, err);
}

AilResult progress_set_synchronous(ProgressStore *store, int level, AilError *err) {
    static const char *const SQL[] = {"PRAGMA synchronous = OFF", "PRAGMA synchronous = NORMAL",
                                      "PRAGMA synchronous = FULL"};
    if (level < 0 || level > 2)
        return ail_error_set(err, AIL_ERR_USAGE, "no such synchronous level");
    return exec(store->db, SQL[level], "setting durability", err);
}

/* An earlier copy of path for the same reason with the same size and time stamp (a
 * copy takes the original's modification time), so that starting ailit again and
 * again beside an unusable file does not fill the disk with copies. */
static bool find_earlier_copy(const char *path, const char *why, char *aside, size_t aside_size) {
    struct stat orig;
    if (stat(path, &orig) != 0) return false;
    const char *slash = strrchr(path, '/');
    char dir[4096], prefix[512];
    int a = slash ? snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path)
                  : snprintf(dir, sizeof dir, ".");
    int b = snprintf(prefix, sizeof prefix, "%s.%s-", slash ? slash + 1 : path, why);
    if (a < 0 || b < 0 || (size_t)a >= sizeof dir || (size_t)b >= sizeof prefix) return false;
    if (slash == path) snprintf(dir, sizeof dir, "/");
    DIR *d = opendir(dir);
    if (!d) return false;
    bool found = false;
    struct dirent *e;
    while (!found && (e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (strncmp(e->d_name, prefix, (size_t)b) != 0 ||
            (len > 4 && strcmp(e->d_name + len - 4, "-wal") == 0))
            continue;
        char candidate[4400];
        struct stat st;
        int n = slash ? snprintf(candidate, sizeof candidate, "%s/%s", dir, e->d_name)
                      : snprintf(candidate, sizeof candidate, "%s", e->d_name);
        if (n < 0 || (size_t)n >= sizeof candidate || stat(candidate, &st) != 0) continue;
        if (st.st_size == orig.st_size && st.st_mtim.tv_sec == orig.st_mtim.tv_sec &&
            st.st_mtim.tv_nsec == orig.st_mtim.tv_nsec) {
            n = snprintf(aside, aside_size, "%s", candidate);
            found = n > 0 && (size_t)n < aside_size;
        }
    }
    closedir(d);
    return found;
}

bool progress_copy_aside(const char *path, const char *why, char *aside, size_t aside_size) {
    if (find_earlier_copy(path, why, aside, aside_size)) return true;
    char stamp[32];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
    for (int attempt = 0; attempt < 100; attempt++) {
        int n = attempt ? snprintf(aside, aside_size, "%s.%s-%s-%d", path, why, stamp, attempt)
                        : snprintf(aside, aside_size, "%s.%s-%s", path, why, stamp);
        if (n < 0 || (size_t)n >= aside_size) return false;
        const char *suffixes[2] = {"", "-wal"};
        bool ok = true;
        for (int k = 0; k < 2 && ok; k++) {
            char from[4096], to[4096];
            int a = snprintf(from, sizeof from, "%s%s", path, suffixes[k]);
            int b = snprintf(to, sizeof to, "%s%s", aside, suffixes[k]);
            if (a < 0 || b < 0 || (size_t)a >= sizeof from || (size_t)b >= sizeof to) return false;
            int in = open(from, O_RDONLY | O_CLOEXEC);
            if (in < 0) {
                if (k == 1) break; /* no -wal file */
                return false;
            }
            int outfd = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
            if (outfd < 0) {
                close(in);
                if (errno == EEXIST && k == 0) {
                    ok = false;
                    break;
                }
                return false;
            }
            char buf[65536];
            ssize_t got;
            while (ok && (got = read(in, buf, sizeof buf)) > 0)
                if (write(outfd, buf, (size_t)got) != got) ok = false;
            struct stat src;
            if (ok && fstat(in, &src) == 0) {
                struct timespec times[2] = {src.st_atim, src.st_mtim};
                futimens(outfd, times);
            }
            if (got < 0 || fsync(outfd) != 0) ok = false;
            close(in);
            if (close(outfd) != 0) ok = false;
            if (!ok) {
                unlink(to);                /* a half copy is no copy */
                if (k == 1) unlink(aside); /* nor is a database without its log */
                return false;
            }
        }
        if (ok) return true;
    }
    return false;
}

/* ---- Opening, with what went wrong told apart ---------------------------------- */

/* The store's free space must stay above this for ailit to start: below it the next
 * answer could not be saved. */
#define PROGRESS_MIN_FREE_BYTES (64 * 1024)

static void note(ProgressOpenInfo *info, ProgressProblem problem, const char *file) {
    if (!info) return;
    info->problem = problem;
    int n = snprintf(info->file, sizeof info->file, "%s", file);
    if (n < 0 || (size_t)n >= sizeof info->file) info->file[0] = '\0'; /* no half path */
}

const char *progress_problem_name(ProgressProblem problem) {
    static const char *const NAMES[] = {
        "none",           "no folder", "read-only folder", "unreadable file",
        "read-only file", "locked",    "damaged",          "newer",
        "disk full",      "other"};
    assert(problem >= 0 && problem <= PROGRESS_PROBLEM_OTHER);
    return NAMES[problem];
}

static AilResult refuse(const char *path, AilResult code, const char *what, const char *why,
                        ProgressOpenInfo *info, AilError *err) {
    char aside[4096];
    note(info, code == AIL_ERR_CORRUPT ? PROGRESS_PROBLEM_DAMAGED : PROGRESS_PROBLEM_NEWER, path);
    if (progress_copy_aside(path, why, aside, sizeof aside)) {
        if (info) snprintf(info->aside, sizeof info->aside, "%s", aside);
        return ail_error_set(err, code,
                             "the progress file %s %s; it was left as it is, and a copy was kept "
                             "at %s. Ask a teacher before removing or replacing it",
                             path, what, aside);
    }
    return ail_error_set(err, code,
                         "the progress file %s %s; it was left as it is (no copy could be made "
                         "beside it). Ask a teacher before removing or replacing it",
                         path, what);
}

/* Looks at the file header before SQLite does: not a database at all, or a newer
 * schema (user_version is the big-endian int at byte 60). */
static AilResult check_header(const char *path, bool *exists, ProgressOpenInfo *info,
                              AilError *err) {
    *exists = false;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT) return AIL_OK;
        note(info,
             errno == EACCES || errno == EPERM ? PROGRESS_PROBLEM_FILE_UNREADABLE
                                               : PROGRESS_PROBLEM_OTHER,
             path);
        return ail_error_set(err, AIL_ERR_IO, "cannot open the progress file %s: %s", path,
                             strerror(errno));
    }
    unsigned char h[100];
    ssize_t n = read(fd, h, sizeof h);
    int read_errno = errno;
    close(fd);
    if (n < 0) { /* not damage (a folder, an I/O error): nothing to copy aside */
        note(info, PROGRESS_PROBLEM_OTHER, path);
        return ail_error_set(err, AIL_ERR_IO, "cannot read the progress file %s: %s", path,
                             strerror(read_errno));
    }
    if (n == 0) return AIL_OK; /* an empty file: SQLite makes a database of it */
    *exists = true;
    if (n < (ssize_t)sizeof h || memcmp(h, "SQLite format 3", 16) != 0)
        return refuse(path, AIL_ERR_CORRUPT, "is damaged (it is not an ailit database)", "damaged",
                      info, err);
    uint32_t v = (uint32_t)h[60] << 24 | (uint32_t)h[61] << 16 | (uint32_t)h[62] << 8 | h[63];
    if (v > PROGRESS_SCHEMA_VERSION)
        return refuse(path, AIL_ERR_UNSUPPORTED,
                      "was written by a newer ailit; install that version to use it", "newer", info,
                      err);
    return AIL_OK;
}

/* Whether this process may write name: faccessat with the effective ids, so that
 * an immutable file or a read-only mount says no even to root. 0 or an errno. */
static int write_denied(const char *name, int mode) {
    return faccessat(AT_FDCWD, name, mode, AT_EACCESS) == 0 ? 0 : errno;
}

/* Refuses, before SQLite could leave a -wal or -shm beside it, a store that could
 * not be saved to: a read-only folder, disk or file, or a full disk. */
static AilResult check_writable(const char *path, const char *folder, bool exists,
                                ProgressOpenInfo *info, AilError *err) {
    struct statvfs vfs;
    bool have_vfs = statvfs(folder, &vfs) == 0;
    if ((have_vfs && (vfs.f_flag & ST_RDONLY)) || write_denied(folder, W_OK | X_OK)) {
        note(info, PROGRESS_PROBLEM_FOLDER_READ_ONLY, folder);
        return ail_error_set(err, AIL_ERR_IO,
                             "ailit may not write in the folder %s, so it cannot save progress "
                             "there; the progress file was not changed",
                             folder);
    }
    const char *suffixes[3] = {"", "-wal", "-shm"};
    for (int k = 0; k < 3; k++) {
        char name[4200];
        int n = snprintf(name, sizeof name, "%s%s", path, suffixes[k]);
        if (n < 0 || (size_t)n >= sizeof name) continue;
        if (k > 0 || exists) {
            int e = write_denied(name, W_OK);
            if (e && e != ENOENT) {
                note(info, PROGRESS_PROBLEM_FILE_READ_ONLY, name);
                return ail_error_set(err, AIL_ERR_IO,
                                     "ailit may not write the file %s (%s), so it cannot save "
                                     "progress; the file was not changed",
                                     name, strerror(e));
            }
        }
    }
    if (have_vfs && (unsigned long long)vfs.f_bavail * vfs.f_frsize < PROGRESS_MIN_FREE_BYTES) {
        note(info, PROGRESS_PROBLEM_DISK_FULL, folder);
        return ail_error_set(err, AIL_ERR_IO, "the disk that holds %s is full", folder);
    }
    return AIL_OK;
}

/* Sets err (and info) from SQLite's result rc (SQLITE_OK: the handle's last error)
 * while opening: a lock, a full disk or a read-only file is told apart from damage;
 * damage is copied aside. db is closed. */
static AilResult open_failed(sqlite3 *db, int rc, const char *path, const char *doing,
                             ProgressOpenInfo *info, AilError *err) {
    if (rc == SQLITE_OK) rc = db ? sqlite3_extended_errcode(db) & 0xff : SQLITE_NOMEM;
    AilResult r = db ? progress_sql_error(db, doing, err)
                     : ail_error_set(err, AIL_ERR_NOMEM, "%s: out of memory", doing);
    sqlite3_close(db);
    if (rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB)
        return refuse(path, AIL_ERR_CORRUPT, "is damaged", "damaged", info, err);
    note(info,
         rc == SQLITE_BUSY || rc == SQLITE_LOCKED ? PROGRESS_PROBLEM_BUSY
         : rc == SQLITE_FULL                      ? PROGRESS_PROBLEM_DISK_FULL
         : rc == SQLITE_READONLY                  ? PROGRESS_PROBLEM_FILE_READ_ONLY
                                                  : PROGRESS_PROBLEM_OTHER,
         path);
    return r;
}

/* SQLITE_OK when PRAGMA quick_check says "ok"; SQLITE_CORRUPT when it names a
 * problem; otherwise the error that kept it from running (a lock is not damage). */
static int quick_check(sqlite3 *db) {
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, "PRAGMA quick_check", -1, &st, NULL);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            const unsigned char *t = sqlite3_column_text(st, 0);
            rc = t && strcmp((const char *)t, "ok") == 0 ? SQLITE_OK : SQLITE_CORRUPT;
        }
    }
    sqlite3_finalize(st);
    return rc & 0xff;
}

/* The device row, made once when the store is new; a store that has one is only
 * read here. */
static AilResult ensure_device(sqlite3 *db, ProgressClock *clock, AilError *err) {
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, "SELECT 1 FROM device WHERE id = 1", -1, &st, NULL) != SQLITE_OK)
        return progress_sql_error(db, "reading this device's id", err);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW) return AIL_OK;
    if (rc != SQLITE_DONE) return progress_sql_error(db, "reading this device's id", err);
    char uuid[AIL_UUID_LEN + 1];
    AilResult r = ail_uuid_v4(uuid);
    if (r) return ail_error_set(err, r, "this system gave no randomness for the device id");
    if (sqlite3_prepare_v2(db,
                           "INSERT OR IGNORE INTO device(id, uuid, name, created_ms) "
                           "VALUES (1, ?, 'ailit device', ?)",
                           -1, &st, NULL) != SQLITE_OK)
        return progress_sql_error(db, "naming this device", err);
    if (sqlite3_bind_text(st, 1, uuid, -1, SQLITE_TRANSIENT) != SQLITE_OK ||
        sqlite3_bind_int64(st, 2, progress_clock_now(clock)) != SQLITE_OK) {
        sqlite3_finalize(st);
        return progress_sql_error(db, "naming this device", err);
    }
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? AIL_OK : progress_sql_error(db, "naming this device", err);
}

/* The folder part of path ("." when it has none). */
static void folder_of(const char *path, char *out, size_t size) {
    const char *slash = strrchr(path, '/');
    if (!slash)
        snprintf(out, size, ".");
    else if (slash == path)
        snprintf(out, size, "/");
    else
        snprintf(out, size, "%.*s", (int)(slash - path), path);
}

AilResult progress_make_folder(const char *dir, ProgressOpenInfo *info, AilError *err) {
    if (info) {
        memset(info, 0, sizeof *info);
        snprintf(info->folder, sizeof info->folder, "%s", dir);
    }
    struct stat st;
    if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode)) return AIL_OK;
    char parent[PROGRESS_PATH_MAX];
    folder_of(dir, parent, sizeof parent);
    if (strcmp(parent, dir) != 0 && stat(parent, &st) != 0) mkdir(parent, 0700);
    if (mkdir(dir, 0700) == 0 || errno == EEXIST) return AIL_OK;
    int e = errno;
    note(info, e == ENOSPC ? PROGRESS_PROBLEM_DISK_FULL : PROGRESS_PROBLEM_NO_FOLDER, dir);
    return ail_error_set(err, AIL_ERR_IO, "cannot make the data folder %s: %s", dir, strerror(e));
}

/* Sets the connection up and brings the schema up to date, writing only when it is
 * older than this ailit's (or the store is new). */
static AilResult prepare(sqlite3 *db, const char *path, bool exists, ProgressClock *clock,
                         ProgressOpenInfo *info, AilError *err) {
    int v = 0;
    if (exists) {
        int rc = quick_check(db);
        if (rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB) {
            sqlite3_close(db);
            return refuse(path, AIL_ERR_CORRUPT, "is damaged", "damaged", info, err);
        }
        if (rc != SQLITE_OK)
            return open_failed(db, rc, path, "checking the progress file", info, err);
        v = user_version(db);
        if (v < 0)
            return open_failed(db, SQLITE_OK, path, "reading the progress file's version", info,
                               err);
        if (v > PROGRESS_SCHEMA_VERSION) {
            sqlite3_close(db);
            return refuse(path, AIL_ERR_UNSUPPORTED,
                          "was written by a newer ailit; install that version to use it", "newer",
                          info, err);
        }
    }
    /* journal_mode returns a row; exec discards it. It writes only when the mode
     * changes, which for a store made by ailit is once, when it is new. */
    int rc = SQLITE_OK;
    if (exec(db, "PRAGMA journal_mode = WAL", "setting up the progress file", err) ||
        exec(db, "PRAGMA synchronous = FULL", "setting up the progress file", err) ||
        exec(db, "PRAGMA foreign_keys = ON", "setting up the progress file", err) ||
        (v < PROGRESS_SCHEMA_VERSION && migrate(db, PROGRESS_SCHEMA_VERSION, &rc, err)) ||
        progress_clock_open(db, clock, err) || ensure_device(db, clock, err)) {
        AilError detail = *err; /* the step's own words, unless it found damage */
        if (open_failed(db, rc, path, "setting up the progress file", info, err) == AIL_ERR_CORRUPT)
            return AIL_ERR_CORRUPT;
        *err = detail;
        return detail.code;
    }
    return AIL_OK;
}

AilResult progress_try_open(const char *path, int wait_ms, ProgressStore **out,
                            ProgressOpenInfo *info, AilError *err) {
    *out = NULL;
    if (info) memset(info, 0, sizeof *info);
    if (info) folder_of(path, info->folder, sizeof info->folder);
    if (sodium_init() < 0) {
        note(info, PROGRESS_PROBLEM_OTHER, path);
        return ail_error_set(err, AIL_ERR_IO, "libsodium could not start");
    }
    char folder[PROGRESS_PATH_MAX];
    folder_of(path, folder, sizeof folder);
    struct stat st;
    if (stat(folder, &st) != 0 || !S_ISDIR(st.st_mode)) {
        note(info, errno == ENOENT ? PROGRESS_PROBLEM_NO_FOLDER : PROGRESS_PROBLEM_OTHER, folder);
        return ail_error_set(err, AIL_ERR_IO, "the folder %s for progress is not there", folder);
    }
    bool exists;
    AilResult r = check_header(path, &exists, info, err);
    if (r) return r;
    if ((r = check_writable(path, folder, exists, info, err))) return r;
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL) != SQLITE_OK)
        return open_failed(db, SQLITE_OK, path, "opening the progress file", info, err);
    if (sqlite3_db_readonly(db, "main") == 1) { /* a check above should have said so */
        sqlite3_close(db);
        note(info, PROGRESS_PROBLEM_FILE_READ_ONLY, path);
        return ail_error_set(err, AIL_ERR_IO, "ailit may not write the progress file %s", path);
    }
    sqlite3_busy_timeout(db, wait_ms > 0 ? wait_ms : 0);
    sqlite3_extended_result_codes(db, 0);
    ProgressClock clock;
    if ((r = prepare(db, path, exists, &clock, info, err))) return r;
    sqlite3_busy_timeout(db, 5000);
    ProgressStore *s = ail_xcalloc(1, sizeof *s);
    s->clock = clock;
    s->db = db;
    s->path = ail_xstrdup(path);
    *out = s;
    return AIL_OK;
}

AilResult progress_open(const char *path, ProgressStore **out, AilError *err) {
    return progress_try_open(path, 5000, out, NULL, err);
}

void progress_close(ProgressStore *store) {
    if (!store) return;
    sqlite3_close(store->db);
    free(store->path);
    free(store);
}

/* ---- Small helpers over one prepared statement -------------------------------- */

static void copy_text(char *out, size_t size, const unsigned char *t) {
    snprintf(out, size, "%s", t ? (const char *)t : "");
}

static bool name_ok(const char *name) {
    size_t n = name ? strlen(name) : 0;
    return n > 0 && n < PROGRESS_NAME_MAX && ail_utf8_valid(name, n, NULL);
}

AilResult progress_device_get(ProgressStore *store, ProgressDevice *out, AilError *err) {
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(store->db, "SELECT uuid, name FROM device WHERE id = 1", -1, &st, NULL))
        return progress_sql_error(store->db, "reading this device's name", err);
    AilResult r = AIL_OK;
    if (progress_step(store, st) == SQLITE_ROW) {
        copy_text(out->uuid, sizeof out->uuid, sqlite3_column_text(st, 0));
        copy_text(out->name, sizeof out->name, sqlite3_column_text(st, 1));
    } else {
        r = progress_sql_error(store->db, "reading this device's name", err);
    }
    sqlite3_finalize(st);
    return r;
}

/* Runs one write statement with text parameters (NULL binds SQL NULL). */
static AilResult write_texts(ProgressStore *store, const char *sql, const char *doing, int n,
                             const char *const *values, int *changes, AilError *err) {
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(store->db, sql, -1, &st, NULL) != SQLITE_OK)
        return progress_sql_error(store->db, doing, err);
    for (int i = 0; i < n; i++) {
        if (values[i])
            progress_bind_text(store, st, i + 1, values[i], -1, SQLITE_TRANSIENT);
        else
            progress_bind_null(store, st, i + 1);
    }
    int rc = progress_step(store, st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) return progress_sql_error(store->db, doing, err);
    if (changes) *changes = sqlite3_changes(store->db);
    return AIL_OK;
}

AilResult progress_device_rename(ProgressStore *store, const char *name, AilError *err) {
    if (!name_ok(name))
        return ail_error_set(err, AIL_ERR_USAGE, "a device name needs 1 to %d bytes of text",
                             PROGRESS_NAME_MAX - 1);
    const char *v[1] = {name};
    return write_texts(store, "UPDATE device SET name = ? WHERE id = 1", "renaming this device", 1,
                       v, NULL, err);
}

/* ---- Learners ------------------------------------------------------------------ */

#define LEARNER_COLUMNS "uuid, name, colour, avatar, pin_hash IS NOT NULL, created_ms"

static void read_learner(sqlite3_stmt *st, ProgressLearner *l) {
    copy_text(l->uuid, sizeof l->uuid, sqlite3_column_text(st, 0));
    copy_text(l->name, sizeof l->name, sqlite3_column_text(st, 1));
    l->colour = (uint32_t)sqlite3_column_int64(st, 2);
    copy_text(l->avatar, sizeof l->avatar, sqlite3_column_text(st, 3));
    l->has_pin = sqlite3_column_int(st, 4) != 0;
    l->created_ms = sqlite3_column_int64(st, 5);
}

AilResult progress_learner_add(ProgressStore *store, const char *name, uint32_t colour,
                               const char *avatar, ProgressLearner *out, AilError *err) {
    if (!name_ok(name))
        return ail_error_set(err, AIL_ERR_USAGE, "a learner's name needs 1 to %d bytes of text",
                             PROGRESS_NAME_MAX - 1);
    if (!avatar) avatar = "";
    if (strlen(avatar) >= sizeof out->avatar)
        return ail_error_set(err, AIL_ERR_USAGE, "an avatar's name is at most %zu bytes",
                             sizeof out->avatar - 1);
    ProgressLearner l = {0};
    AilResult r = ail_uuid_v4(l.uuid);
    if (r) return ail_error_set(err, r, "this system gave no randomness for a learner id");
    snprintf(l.name, sizeof l.name, "%s", name);
    snprintf(l.avatar, sizeof l.avatar, "%s", avatar);
    l.colour = colour & 0xffffffu;
    l.created_ms = progress_now_ms(store);
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(store->db,
                           "INSERT INTO learners(uuid, name, colour, avatar, created_ms) "
                           "VALUES (?, ?, ?, ?, ?)",
                           -1, &st, NULL) != SQLITE_OK)
        return progress_sql_error(store->db, "adding a learner", err);
    progress_bind_text(store, st, 1, l.uuid, -1, SQLITE_STATIC);
    progress_bind_text(store, st, 2, l.name, -1, SQLITE_STATIC);
    progress_bind_int64(store, st, 3, l.colour);
    progress_bind_text(store, st, 4, l.avatar, -1, SQLITE_STATIC);
    progress_bind_int64(store, st, 5, l.created_ms);
    int rc = progress_step(store, st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) return progress_sql_error(store->db, "adding a learner", err);
    if (out) *out = l;
    return AIL_OK;
}

AilResult progress_learner_get(ProgressStore *store, const char *uuid, ProgressLearner *out,
                               AilError *err) {
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(store->db, "SELECT " LEARNER_COLUMNS " FROM learners WHERE uuid = ?", -1,
                           &st, NULL) != SQLITE_OK)
        return progress_sql_error(store->db, "reading a learner", err);
    progress_bind_text(store, st, 1, uuid, -1, SQLITE_TRANSIENT);
    int rc = progress_step(store, st);
    AilResult r = AIL_OK;
    if (rc == SQLITE_ROW)
        read_learner(st, out);
    else if (rc == SQLITE_DONE)
        r = ail_error_set(err, AIL_ERR_NOT_FOUND, "there is no learner %s", uuid);
    else
        r = progress_sql_error(store->db, "reading a learner", err);
    sqlite3_finalize(st);
    return r;
}

AilResult progress_learner_update(ProgressStore *store, const ProgressLearner *l, AilError *err) {
    if (!name_ok(l->name))
        return ail_error_set(err, AIL_ERR_USAGE, "a learner's name needs 1 to %d bytes of text",
                             PROGRESS_NAME_MAX - 1);
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(store->db,
                           "UPDATE learners SET name = ?, colour = ?, avatar = ? WHERE uuid = ?",
                           -1, &st, NULL) != SQLITE_OK)
        return progress_sql_error(store->db, "changing a learner", err);
    progress_bind_text(store, st, 1, l->name, -1, SQLITE_TRANSIENT);
    progress_bind_int64(store, st, 2, l->colour & 0xffffffu);
    progress_bind_text(store, st, 3, l->avatar, -1, SQLITE_TRANSIENT);
    progress_bind_text(store, st, 4, l->uuid, -1, SQLITE_TRANSIENT);
    int rc = progress_step(store, st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) return progress_sql_error(store->db, "changing a learner", err);
    if (sqlite3_changes(store->db) == 0)
        return ail_error_set(err, AIL_ERR_NOT_FOUND, "there is no learner %s", l->uuid);
    return AIL_OK;
}

AilResult progress_learner_list(ProgressStore *store, ProgressLearner **out, size_t *count,
                                AilError *err) {
    *out = NULL;
    *count = 0;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(store->db,
                           "SELECT " LEARNER_COLUMNS " FROM learners ORDER BY name, created_ms", -1,
                           &st, NULL) != SQLITE_OK)
        return progress_sql_error(store->db, "listing learners", err);
    size_t cap = 0;
    int rc;
    while ((rc = progress_step(store, st)) == SQLITE_ROW) {
        if (*count == cap) {
            cap = cap ? cap * 2 : 16;
            *out = ail_xrealloc(*out, cap * sizeof **out);
        }
        read_learner(st, &(*out)[(*count)++]);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        free(*out);
        *out = NULL;
        *count = 0;
        return progress_sql_error(store->db, "listing learners", err);
    }
    return AIL_OK;
}

/* Hashes pin (4..64 bytes) into hash with crypto_pwhash_str. Interactive limits:
 * about a tenth of a second on a Raspberry Pi 4. */
static AilResult hash_pin(const char *pin, char hash[crypto_pwhash_STRBYTES], AilError *err) {
    size_t n = strlen(pin);
    if (n < 4 || n > 64) return ail_error_set(err, AIL_ERR_USAGE, "a PIN has 4 to 64 characters");
    if (crypto_pwhash_str(hash, pin, n, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return ail_error_set(err, AIL_ERR_NOMEM, "not enough memory to protect the PIN");
    return AIL_OK;
}

AilResult progress_learner_set_pin(ProgressStore *store, const char *uuid, const char *pin,
                                   AilError *err) {
    char hash[crypto_pwhash_STRBYTES];
    if (pin) {
        AilResult r = hash_pin(pin, hash, err);
        if (r) return r;
    }
    const char *v[2] = {pin ? hash : NULL, uuid};
    int changes = 0;
    AilResult r = write_texts(store, "UPDATE learners SET pin_hash = ? WHERE uuid = ?",
                              "setting a learner's PIN", 2, v, &changes, err);
    sodium_memzero(hash, sizeof hash);
    if (r) return r;
    if (!changes) return ail_error_set(err, AIL_ERR_NOT_FOUND, "there is no learner %s", uuid);
    return AIL_OK;
}

AilResult progress_learner_check_pin(ProgressStore *store, const char *uuid, const char *pin,
                                     bool *ok, AilError *err) {
    *ok = false;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(store->db, "SELECT pin_hash FROM learners WHERE uuid = ?", -1, &st,
                           NULL) != SQLITE_OK)
        return progress_sql_error(store->db, "checking a PIN", err);
    progress_bind_text(store, st, 1, uuid, -1, SQLITE_TRANSIENT);
    int rc = progress_step(store, st);
    AilResult r = AIL_OK;
    if (rc == SQLITE_ROW) {
        const char *hash = (const char *)sqlite3_column_text(st, 0);
        if (!hash)
            *ok = true;
        else if (pin)
            *ok = crypto_pwhash_str_verify(hash, pin, strlen(pin)) == 0;
    } else if (rc == SQLITE_DONE) {
        r = ail_error_set(err, AIL_ERR_NOT_FOUND, "there is no learner %s", uuid);
    } else {
        r = progress_sql_error(store->db, "checking a PIN", err);
    }
    sqlite3_finalize(st);
    return r;
}

/* The teacher PIN belongs to the device: its hash is the setting PROGRESS_TEACHER_PIN.
 * Checking it, with the wait that wrong PINs earn, is teacher_pin.c's. */

AilResult progress_teacher_pin_set(ProgressStore *store, const char *pin, AilError *err) {
    char hash[crypto_pwhash_STRBYTES];
    AilResult r = hash_pin(pin, hash, err);
    if (!r) r = progress_setting_set(store, PROGRESS_TEACHER_PIN, hash, err);
    sodium_memzero(hash, sizeof hash);
    return r;
}

/* ---- Settings ------------------------------------------------------------------ */

AilResult progress_setting_get(ProgressStore *store, const char *key, char *out, size_t out_size,
                               AilError *err) {
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(store->db, "SELECT value FROM settings WHERE key = ?", -1, &st, NULL))
        return progress_sql_error(store->db, "reading a setting", err);
    progress_bind_text(store, st, 1, key, -1, SQLITE_TRANSIENT);
    int rc = progress_step(store, st);
    AilResult r = AIL_OK;
    if (rc == SQLITE_ROW) {
        const char *v = (const char *)sqlite3_column_text(st, 0);
        int n = snprintf(out, out_size, "%s", v ? v : "");
        if (n < 0 || (size_t)n >= out_size)
            r = ail_error_set(err, AIL_ERR_TOO_LARGE, "the setting %s is too long", key);
    } else if (rc == SQLITE_DONE) {
        r = ail_error_set(err, AIL_ERR_NOT_FOUND, "the setting %s is not set", key);
    } else {
        r = progress_sql_error(store->db, "reading a setting", err);
    }
    sqlite3_finalize(st);
    return r;
}

AilResult progress_setting_set(ProgressStore *store, const char *key, const char *value,
                               AilError *err) {
    const char *v[2] = {key, value};
    return write_texts(store,
                       "INSERT INTO settings(key, value) VALUES (?, ?) "
                       "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                       "saving a setting", 2, v, NULL, err);
}

/* ---- The event log, for export --------------------------------------------------- */

AilResult progress_events_range(ProgressStore *store, int64_t after_seq, int64_t *first_seq,
                                int64_t *last_seq, size_t *count, AilError *err) {
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(store->db,
                           "SELECT min(seq), max(seq), count(*) FROM events WHERE seq > ?", -1, &st,
                           NULL) != SQLITE_OK)
        return progress_sql_error(store->db, "reading the event log", err);
    progress_bind_int64(store, st, 1, after_seq);
    AilResult r = AIL_OK;
    if (progress_step(store, st) == SQLITE_ROW) {
        *first_seq = sqlite3_column_int64(st, 0);
        *last_seq = sqlite3_column_int64(st, 1);
        *count = (size_t)sqlite3_column_int64(st, 2);
    } else {
        r = progress_sql_error(store->db, "reading the event log", err);
    }
    sqlite3_finalize(st);
    return r;
}

AilResult progress_events_each(ProgressStore *store, int64_t after_seq, int64_t upto_seq,
                               ProgressEventFn fn, void *ctx, AilError *err) {
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(
            store->db, "SELECT seq, statement FROM events WHERE seq > ? AND seq <= ? ORDER BY seq",
            -1, &st, NULL) != SQLITE_OK)
        return progress_sql_error(store->db, "reading the event log", err);
    progress_bind_int64(store, st, 1, after_seq);
    progress_bind_int64(store, st, 2, upto_seq);
    AilResult r = AIL_OK;
    int rc;
    while ((rc = progress_step(store, st)) == SQLITE_ROW) {
        const char *text = (const char *)sqlite3_column_text(st, 1);
        size_t len = (size_t)sqlite3_column_bytes(st, 1);
        if ((r = fn(ctx, sqlite3_column_int64(st, 0), text ? text : "", len, err))) break;
    }
    if (!r && rc != SQLITE_DONE) r = progress_sql_error(store->db, "reading the event log", err);
    sqlite3_finalize(st);
    return r;
}

AilResult progress_export_watermark(ProgressStore *store, int64_t *seq, AilError *err) {
    sqlite3_stmt *st = NULL;
    *seq = 0;
    if (sqlite3_prepare_v2(store->db, "SELECT watermark FROM export_state WHERE id = 1", -1, &st,
                           NULL) != SQLITE_OK)
        return progress_sql_error(store->db, "reading the export mark", err);
    int rc = progress_step(store, st);
    if (rc == SQLITE_ROW) *seq = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    /* Taking a failed read for 0 would export everything again. */
    if (rc != SQLITE_ROW) return progress_sql_error(store->db, "reading the export mark", err);
    return AIL_OK;
}

AilResult progress_export_mark(ProgressStore *store, int64_t seq, AilError *err) {
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(store->db,
                           "UPDATE export_state SET watermark = max(watermark, ?) WHERE id = 1", -1,
                           &st, NULL) != SQLITE_OK)
        return progress_sql_error(store->db, "saving the export mark", err);
    progress_bind_int64(store, st, 1, seq);
    int rc = progress_step(store, st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? AIL_OK
                             : progress_sql_error(store->db, "saving the export mark", err);
}
