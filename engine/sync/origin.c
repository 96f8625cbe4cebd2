/*
 * Where merged statements came from: one file_origins row per merged progress file
 * (its device, export, workshop tag and the rows of the statements it added), and
 * finding the progress files on a stick.
 *
 * Invariants:
 * - A statement belongs to the file that first brought it: its row lies in that
 *   file's [first_row, last_row]. Files are merged one after another, each adding
 *   rows after all earlier ones, so a file's new rows are one range, and ranges never
 *   overlap. A file merged again adds no rows and keeps its range.
 * - A file's workshop tag, once given, stays: merging it again with another tag
 *   changes nothing (the caller says which tag it has).
 * - file_origins is made by the first merge that needs it (CREATE TABLE IF NOT
 *   EXISTS), so databases of every version take it without a migration, and an
 *   older ailit ignores it. Statements merged before it existed have no origin.
 */
#include "sync/origin_internal.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

bool sync_origin_ensure(sqlite3 *db) {
    return sqlite3_exec(
               db,
               "CREATE TABLE IF NOT EXISTS file_origins(device TEXT NOT NULL,"
               " first_seq INTEGER NOT NULL, last_seq INTEGER NOT NULL,"
               " exported_at TEXT NOT NULL, workshop TEXT, first_row INTEGER,"
               " last_row INTEGER, PRIMARY KEY (device, first_seq, last_seq, exported_at))",
               NULL, NULL, NULL) == SQLITE_OK;
}

static bool keep_error(sqlite3 *db, char *out, size_t size) {
    if (size && !out[0]) snprintf(out, size, "%s", sqlite3_errmsg(db));
    return false;
}

bool sync_origin_record(sqlite3 *db, const SyncFileOrigin *o, char *workshop, size_t workshop_size,
                        char *sql_error, size_t sql_error_size) {
    sqlite3_stmt *st = NULL;
    bool ok = sqlite3_prepare_v2(
                  db,
                  "INSERT INTO file_origins(device, first_seq, last_seq, exported_at, workshop,"
                  " first_row, last_row) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
                  " ON CONFLICT (device, first_seq, last_seq, exported_at) DO UPDATE SET"
                  " workshop = coalesce(workshop, excluded.workshop),"
                  " first_row = coalesce(first_row, excluded.first_row),"
                  " last_row = coalesce(last_row, excluded.last_row)"
                  " RETURNING coalesce(workshop, '')",
                  -1, &st, NULL) == SQLITE_OK &&
              sqlite3_bind_text(st, 1, o->device, -1, SQLITE_STATIC) == SQLITE_OK &&
              sqlite3_bind_int64(st, 2, o->first_seq) == SQLITE_OK &&
              sqlite3_bind_int64(st, 3, o->last_seq) == SQLITE_OK &&
              sqlite3_bind_text(st, 4, o->exported_at, -1, SQLITE_STATIC) == SQLITE_OK &&
              (o->workshop ? sqlite3_bind_text(st, 5, o->workshop, -1, SQLITE_STATIC)
                           : sqlite3_bind_null(st, 5)) == SQLITE_OK &&
              (o->first_row ? sqlite3_bind_int64(st, 6, o->first_row) : sqlite3_bind_null(st, 6)) ==
                  SQLITE_OK &&
              (o->first_row ? sqlite3_bind_int64(st, 7, o->last_row) : sqlite3_bind_null(st, 7)) ==
                  SQLITE_OK &&
              sqlite3_step(st) == SQLITE_ROW;
    if (ok) {
        const unsigned char *tag = sqlite3_column_text(st, 0);
        snprintf(workshop, workshop_size, "%s", tag ? (const char *)tag : "");
        ok = sqlite3_step(st) == SQLITE_DONE;
    }
    if (!ok) keep_error(db, sql_error, sql_error_size);
    sqlite3_finalize(st);
    return ok;
}

bool sync_workshop_ok(const char *tag) {
    size_t n = tag ? strlen(tag) : 0;
    if (!n || n >= SYNC_WORKSHOP_MAX || !ail_utf8_valid(tag, n, NULL)) return false;
    for (const unsigned char *p = (const unsigned char *)tag; *p; p++)
        if (*p < ' ' || *p == 0x7f) return false;
    return true;
}

/* ---- The progress files on a stick ---------------------------------------------- */

typedef struct {
    char **paths;
    size_t count, cap;
} PathList;

static bool is_progress_file(const char *name) {
    size_t n = strlen(name);
    return strncmp(name, "ailit-progress-", 15) == 0 && n > 20 &&
           strcmp(name + n - 5, ".json") == 0;
}

static AilResult walk(const char *dir, int depth, PathList *list, AilError *err) {
    DIR *d = opendir(dir);
    if (!d)
        return ail_error_set(err, AIL_ERR_IO, "cannot read the folder %s: %s", dir,
                             strerror(errno));
    struct dirent *e;
    AilResult r = AIL_OK;
    while (!r) {
        errno = 0;
        if ((e = readdir(d)) == NULL) {
            /* NULL is the end, or a failure: a folder read half way must not pass for
             * one holding fewer progress files. */
            if (errno)
                r = ail_error_set(err, AIL_ERR_IO, "cannot read the folder %s to its end: %s",
                                  dir, strerror(errno));
            break;
        }
        if (e->d_name[0] == '.') continue; /* ".", "..", the stick's hidden folders */
        char path[4096];
        if (ail_path_join(path, sizeof path, dir, e->d_name) != AIL_OK) continue;
        struct stat st;
        if (lstat(path, &st) != 0) {
            if (errno == ENOENT) continue; /* gone since the folder was read */
            r = ail_error_set(err, AIL_ERR_IO, "cannot look at %s: %s", path, strerror(errno));
            break;
        }
        if (S_ISDIR(st.st_mode)) {
            if (depth < SYNC_FOLDER_DEPTH) r = walk(path, depth + 1, list, err);
        } else if (S_ISREG(st.st_mode) && is_progress_file(e->d_name)) {
            if (list->count == list->cap) {
                list->cap = list->cap ? list->cap * 2 : 16;
                list->paths = ail_xrealloc(list->paths, list->cap * sizeof *list->paths);
            }
            list->paths[list->count++] = ail_xstrdup(path);
        }
    }
    closedir(d);
    return r;
}

static int cmp_path(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

AilResult sync_progress_files(const char *dir, char ***paths, size_t *count, AilError *err) {
    PathList list = {0};
    AilResult r = walk(dir, 1, &list, err);
    if (r) {
        for (size_t i = 0; i < list.count; i++) free(list.paths[i]);
        free(list.paths);
        list.paths = NULL;
        list.count = 0;
    }
    if (list.count) qsort(list.paths, list.count, sizeof *list.paths, cmp_path);
    *paths = list.paths;
    *count = list.count;
    return r;
}
