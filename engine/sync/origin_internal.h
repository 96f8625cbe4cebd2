/*
 * Where each merged statement came from (origin.c): the file, its device and the
 * workshop tag given at merge time, for reports limited to a device or a workshop.
 * Internal to sync/.
 */
#ifndef AILIT_SYNC_ORIGIN_INTERNAL_H
#define AILIT_SYNC_ORIGIN_INTERNAL_H

#include "sync/sync.h"

#include <sqlite3.h>

/* One merged file: its export (the imports table's key), its tag and the rows of
 * statements it added (first_row 0: none). Pointers are borrowed. */
typedef struct {
    const char *device;
    int64_t first_seq, last_seq;
    const char *exported_at;
    const char *workshop; /* NULL: none given */
    int64_t first_row, last_row;
} SyncFileOrigin;

/* Makes the file_origins table when the database has none yet (in the caller's
 * transaction). False on an SQLite error. */
bool sync_origin_ensure(sqlite3 *db);

/* Records o, keeping a tag and rows recorded before; the file's tag afterwards goes
 * into workshop ("" for none). False with SQLite's message in sql_error. */
bool sync_origin_record(sqlite3 *db, const SyncFileOrigin *o, char *workshop, size_t workshop_size,
                        char *sql_error, size_t sql_error_size);

#endif
