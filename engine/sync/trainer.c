/*
 * The trainer's database: every statement merged from progress files, with the
 * columns the reports need pulled out of it once, at merge time.
 *
 * Invariants: PRAGMA application_id marks the file as a trainer database (so a
 * learner's progress file or any other SQLite file is refused, untouched);
 * user_version is its schema version; bodies holds a statement's bytes as they
 * came, statements its columns for the reports, ids its id and a hash of its bytes;
 * for an id seen with different contents these hold the version whose bytes sort
 * first while the others wait in conflicts.
 */
#include "sync/sync_internal.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define TRAINER_APPLICATION_ID 0x41494c54 /* "AILT" */
#define TRAINER_SCHEMA_VERSION 2

static const char TRAINER_SCHEMA[] =
    /* The report's columns, pulled out of each statement once; narrow rows, so a
     * report's scans read megabytes, not the statements' gigabyte. */
    "CREATE TABLE statements(row INTEGER PRIMARY KEY, id TEXT NOT NULL, learner TEXT NOT NULL,"
    "  verb TEXT NOT NULL, pack_id TEXT NOT NULL, pack_version TEXT NOT NULL,"
    "  lesson_id TEXT NOT NULL, quiz_id TEXT, question_id TEXT, title TEXT, success INTEGER,"
    "  scaled REAL, response TEXT, misconception TEXT, at TEXT NOT NULL);"
    /* Each statement's id (16 bytes) and a hash of its bytes, to tell a duplicate from a
     * conflict: merge loads this small table into memory, so a new statement is three
     * appends and never a random B-tree insert. */
    "CREATE TABLE ids(row INTEGER PRIMARY KEY REFERENCES statements(row), id BLOB NOT NULL,"
    "  hash INTEGER NOT NULL);"
    /* The statements' bytes as they came. */
    "CREATE TABLE bodies(row INTEGER PRIMARY KEY REFERENCES statements(row), body TEXT NOT NULL);"
    "CREATE TABLE conflicts(id TEXT NOT NULL, body TEXT NOT NULL, UNIQUE (id, body));"
    "CREATE TABLE learners(uuid TEXT PRIMARY KEY, name TEXT NOT NULL, exported_at TEXT NOT NULL);"
    "CREATE TABLE devices(uuid TEXT PRIMARY KEY, name TEXT NOT NULL, exported_at TEXT NOT NULL);"
    "CREATE TABLE imports(device TEXT NOT NULL, first_seq INTEGER NOT NULL,"
    "  last_seq INTEGER NOT NULL, exported_at TEXT NOT NULL,"
    "  PRIMARY KEY (device, first_seq, last_seq, exported_at));"
    "PRAGMA application_id = 1095322708;" /* TRAINER_APPLICATION_ID */
    "PRAGMA user_version = 1;";

/* Schema 2: which statements each LRS accepted (ailit push), keyed by its endpoint. */
static const char TRAINER_MIGRATE_2[] =
    "CREATE TABLE IF NOT EXISTS pushed(lrs TEXT NOT NULL, id TEXT NOT NULL, at TEXT NOT NULL,"
    "  PRIMARY KEY (lrs, id)) WITHOUT ROWID;"
    "PRAGMA user_version = 2;";

/* Brings a database of an older schema (version) up to TRAINER_SCHEMA_VERSION, in one
 * transaction; false (SQLite's message on db) on failure, nothing changed. */
static bool trainer_migrate(sqlite3 *db, int version) {
    assert(version <= TRAINER_SCHEMA_VERSION); /* a newer one was refused */
    if (version == TRAINER_SCHEMA_VERSION) return true;
    if (version < 1) return false;
    if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) return false;
    if (sqlite3_exec(db, TRAINER_MIGRATE_2, NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
        return false;
    }
    return true;
}

static int pragma_int(sqlite3 *db, const char *sql) {
    sqlite3_stmt *st = NULL;
    int v = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* Refuses path, left untouched, with a copy kept aside for whoever repairs it. */
static AilResult refuse(sqlite3 *db, AilResult code, const char *path, const char *what,
                        const char *why, AilError *err) {
    sqlite3_close(db);
    char aside[4096];
    if (why && progress_copy_aside(path, why, aside, sizeof aside))
        return ail_error_set(err, code,
                             "the trainer database %s %s; it was left as it is, and a copy was "
                             "kept at %s. Name another file with --db",
                             path, what, aside);
    return ail_error_set(err, code,
                         "the trainer database %s %s; it was left as it is. Name another "
                         "file with --db",
                         path, what);
}

AilResult sync_trainer_open(const char *path, SyncTrainerDb **out, AilError *err) {
    *out = NULL;
    bool exists = false;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        unsigned char h[100];
        ssize_t n = read(fd, h, sizeof h);
        close(fd);
        if (n > 0) {
            exists = true;
            if (n < (ssize_t)sizeof h || memcmp(h, "SQLite format 3", 16) != 0)
                return refuse(NULL, AIL_ERR_CORRUPT, path,
                              "is not a trainer database (not an SQLite file, or damaged)",
                              "damaged", err);
        }
    } else if (errno != ENOENT) {
        return ail_error_set(err, AIL_ERR_IO, "cannot open %s: %s", path, strerror(errno));
    }
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
        AilResult r = ail_error_set(err, AIL_ERR_IO, "cannot open %s: %s", path,
                                    db ? sqlite3_errmsg(db) : "out of memory");
        sqlite3_close(db);
        return r;
    }
    sqlite3_busy_timeout(db, 5000);
    if (exists) {
        int app = pragma_int(db, "PRAGMA application_id");
        int version = pragma_int(db, "PRAGMA user_version");
        /* Reading the schema is the check here: a full quick_check would read every
         * page of a gigabyte database at each merge. Damage met later fails that
         * merge's transaction with SQLite's message, and nothing is half-written. */
        sqlite3_stmt *st = NULL;
        bool ok = sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_schema", -1, &st, NULL) ==
                      SQLITE_OK &&
                  sqlite3_step(st) == SQLITE_ROW;
        sqlite3_finalize(st);
        if (!ok || app < 0) return refuse(db, AIL_ERR_CORRUPT, path, "is damaged", "damaged", err);
        if (app != TRAINER_APPLICATION_ID)
            return refuse(db, AIL_ERR_INVALID, path,
                          "is not a trainer database (a learner's progress store, or another "
                          "program's file)",
                          NULL, err);
        if (version > TRAINER_SCHEMA_VERSION)
            return refuse(db, AIL_ERR_UNSUPPORTED, path,
                          "was written by a newer ailit; merge with that version", "newer", err);
    }
    /* A rollback journal, not WAL: one program writes a trainer database, in big
     * transactions (a file each), and new rows go to new pages, which a rollback
     * journal need not copy while WAL writes every page twice (merging is a third
     * faster). synchronous=FULL fsyncs once per merged file, so a power cut never
     * damages it. 16 MB of page cache is plenty for appends (the report asks for more). */
    if (sqlite3_exec(db,
                     "PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL;"
                     " PRAGMA cache_size = -16384;",
                     NULL, NULL, NULL) != SQLITE_OK ||
        (!exists && sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)) {
        AilResult r =
            ail_error_set(err, AIL_ERR_IO, "cannot set up %s: %s", path, sqlite3_errmsg(db));
        sqlite3_close(db);
        return r;
    }
    if (!exists) {
        if (sqlite3_exec(db, TRAINER_SCHEMA, NULL, NULL, NULL) != SQLITE_OK ||
            sqlite3_exec(db, TRAINER_MIGRATE_2, NULL, NULL, NULL) != SQLITE_OK ||
            sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
            AilResult r =
                ail_error_set(err, AIL_ERR_IO, "cannot set up %s: %s", path, sqlite3_errmsg(db));
            sqlite3_close(db);
            return r;
        }
    }
    if (exists && !trainer_migrate(db, pragma_int(db, "PRAGMA user_version"))) {
        AilResult r = ail_error_set(err, AIL_ERR_IO, "cannot bring %s up to date: %s", path,
                                    sqlite3_errmsg(db));
        sqlite3_close(db);
        return r;
    }
    SyncTrainerDb *t = ail_xcalloc(1, sizeof *t);
    t->db = db;
    t->path = ail_xstrdup(path);
    *out = t;
    return AIL_OK;
}

void sync_seen_forget(SyncTrainerDb *t) {
    free(t->mem);
    t->mem = NULL;
    t->mem_cap = t->mem_count = 0;
    t->mem_loaded = false;
}

void sync_trainer_close(SyncTrainerDb *t) {
    if (!t) return;
    sync_seen_forget(t);
    sync_report_filter_clear(t);
    sqlite3_close(t->db);
    free(t->path);
    free(t);
}
