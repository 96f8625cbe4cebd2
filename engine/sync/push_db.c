/*
 * The trainer database's side of ailit push: which statements are still to be sent to
 * an LRS, and the record of those it accepted.
 *
 * Invariants: pushed(lrs, id) holds a statement id once per LRS endpoint, written in
 * the same transaction for a whole accepted batch, only after the LRS answered; so a
 * run cut off at any point leaves pushed a subset of what the LRS holds, and the next
 * run sends the rest (and at most one batch again, which the LRS takes as known).
 */
#include "sync/sync_internal.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One integer from sql with ?1 bound to lrs (NULL: nothing bound). */
static AilResult count_of(sqlite3 *db, const char *sql, const char *lrs, size_t *out,
                          AilError *err) {
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    if (rc == SQLITE_OK && lrs) rc = sqlite3_bind_text(st, 1, lrs, -1, SQLITE_STATIC);
    if (rc == SQLITE_OK) rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        AilResult r = ail_error_set(err, AIL_ERR_IO, "cannot read the trainer database: %s",
                                    sqlite3_errmsg(db));
        sqlite3_finalize(st);
        return r;
    }
    sqlite3_int64 v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    *out = v > 0 ? (size_t)v : 0;
    return AIL_OK;
}

AilResult sync_push_db_counts(SyncTrainerDb *db, const char *lrs, size_t *total, size_t *pushed,
                              AilError *err) {
    assert(db && lrs);
    if (count_of(db->db, "SELECT count(*) FROM statements", NULL, total, err) != AIL_OK)
        return err->code;
    /* Only ids still in statements count: a statement replaced by a conflicting
     * version whose bytes sort first is another statement to send. */
    return count_of(db->db,
                    "SELECT count(*) FROM statements s WHERE EXISTS"
                    " (SELECT 1 FROM pushed p WHERE p.lrs = ?1 AND p.id = s.id)",
                    lrs, pushed, err);
}

void sync_push_batch_free(SyncPushBatch *b) {
    free(b->ids);
    free(b->at);
    free(b->len);
    ail_buf_free(&b->json);
    memset(b, 0, sizeof *b);
}

/* Appends one statement (id, bytes) to b. */
static void batch_add(SyncPushBatch *b, const char *id, const char *body, size_t len) {
    if (b->count == b->cap) {
        b->cap = b->cap ? b->cap * 2 : 64;
        b->ids = ail_xrealloc(b->ids, b->cap * sizeof *b->ids);
        b->at = ail_xrealloc(b->at, b->cap * sizeof *b->at);
        b->len = ail_xrealloc(b->len, b->cap * sizeof *b->len);
    }
    ail_buf_append(&b->json, b->count ? "," : "[", 1);
    snprintf(b->ids[b->count], sizeof b->ids[b->count], "%s", id);
    b->at[b->count] = b->json.len;
    b->len[b->count] = len;
    ail_buf_append(&b->json, body, len);
    b->count++;
}

AilResult sync_push_db_next(SyncTrainerDb *db, const char *lrs, int64_t after_row, size_t limit,
                            SyncPushBatch *b, AilError *err) {
    assert(db && lrs && b && limit > 0);
    b->count = 0;
    ail_buf_clear(&b->json);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db->db,
                                "SELECT s.row, s.id, b.body FROM statements s"
                                " JOIN bodies b ON b.row = s.row WHERE s.row > ?2"
                                " AND NOT EXISTS (SELECT 1 FROM pushed p"
                                "  WHERE p.lrs = ?1 AND p.id = s.id)"
                                " ORDER BY s.row LIMIT ?3",
                                -1, &st, NULL);
    if (rc == SQLITE_OK) rc = sqlite3_bind_text(st, 1, lrs, -1, SQLITE_STATIC);
    if (rc == SQLITE_OK) rc = sqlite3_bind_int64(st, 2, after_row);
    if (rc == SQLITE_OK) rc = sqlite3_bind_int64(st, 3, (sqlite3_int64)limit);
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *id = (const char *)sqlite3_column_text(st, 1);
        const char *body = (const char *)sqlite3_column_text(st, 2);
        int len = sqlite3_column_bytes(st, 2);
        if (!id || !body || strlen(id) != AIL_UUID_LEN) {
            rc = SQLITE_CORRUPT;
            break;
        }
        batch_add(b, id, body, (size_t)len);
        b->last_row = sqlite3_column_int64(st, 0);
        rc = SQLITE_OK;
    }
    AilResult r = AIL_OK;
    if (rc != SQLITE_DONE)
        r = ail_error_set(err, rc == SQLITE_CORRUPT ? AIL_ERR_CORRUPT : AIL_ERR_IO,
                          "cannot read the statements of %s: %s", db->path,
                          rc == SQLITE_CORRUPT ? "a statement without id or body"
                                               : sqlite3_errmsg(db->db));
    sqlite3_finalize(st);
    if (r == AIL_OK && b->count) ail_buf_append(&b->json, "]", 1);
    return r;
}

/* Inserts ids under lrs with time at through st, prepared; SQLite's code. */
static int record_all(sqlite3_stmt *st, const char *lrs, char (*ids)[AIL_UUID_LEN + 1], size_t n,
                      const char *at) {
    int rc = sqlite3_bind_text(st, 1, lrs, -1, SQLITE_STATIC);
    if (rc == SQLITE_OK) rc = sqlite3_bind_text(st, 3, at, -1, SQLITE_STATIC);
    for (size_t i = 0; i < n && rc == SQLITE_OK; i++) {
        rc = sqlite3_bind_text(st, 2, ids[i], -1, SQLITE_STATIC);
        if (rc == SQLITE_OK) rc = sqlite3_step(st);
        if (rc == SQLITE_DONE) rc = sqlite3_reset(st);
    }
    return rc;
}

AilResult sync_push_db_record(SyncTrainerDb *db, const char *lrs, char (*ids)[AIL_UUID_LEN + 1],
                              size_t n, AilError *err) {
    assert(db && lrs && (ids || !n));
    if (!n) return AIL_OK;
    char at[AIL_TIMESTAMP_LEN + 1];
    ail_time_format_rfc3339(ail_time_now_ms(), at);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_exec(db->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(
            db->db, "INSERT OR IGNORE INTO pushed(lrs, id, at) VALUES (?1, ?2, ?3)", -1, &st, NULL);
    if (rc == SQLITE_OK) rc = record_all(st, lrs, ids, n, at);
    sqlite3_finalize(st);
    if (rc == SQLITE_OK) rc = sqlite3_exec(db->db, "COMMIT", NULL, NULL, NULL);
    if (rc == SQLITE_OK) return AIL_OK;
    AilResult r = ail_error_set(err, AIL_ERR_IO,
                                "cannot record in %s what the LRS accepted: %s; the LRS keeps the "
                                "statements, so pushing again sends them again harmlessly",
                                db->path, sqlite3_errmsg(db->db));
    sqlite3_exec(db->db, "ROLLBACK", NULL, NULL, NULL);
    return r;
}
