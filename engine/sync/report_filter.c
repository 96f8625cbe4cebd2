/*
 * A report limited to a device, a span of days or a workshop: temporary tables named
 * statements and devices, holding only what the limits let through, hide the
 * database's own for the rest of the connection (SQLite looks for an unqualified
 * name in temp first). So the report's queries need no change and the unlimited
 * report costs nothing; a limited one copies its share of the narrow statements rows.
 *
 * Invariants: nothing in the database changes (temp tables live in the
 * connection's own temporary database); sync_report_filter_clear drops them.
 */
#include "sync/origin_internal.h"
#include "sync/sync_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The devices a --device value names: its id, the first 8+ digits of it, or its
 * name in any case (several laptops may share one). */
#define DEVICE_MATCH                                                                               \
    "(d.uuid = ?1 OR (length(?1) >= 8 AND substr(d.uuid, 1, length(?1)) = lower(?1))"              \
    " OR d.name = ?1 COLLATE NOCASE)"

static bool date_ok(const char *s) {
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-') return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9')) return false;
    int month = (s[5] - '0') * 10 + (s[6] - '0'), day = (s[8] - '0') * 10 + (s[9] - '0');
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

static AilResult sql_error(SyncTrainerDb *t, AilError *err) {
    return ail_error_set(err, AIL_ERR_IO, "reading the trainer database %s: %s", t->path,
                         sqlite3_errmsg(t->db));
}

/* Lists column 0 of sql's rows (?1 bound to arg when not NULL) into out, ", "
 * between them; *rows receives how many there were. */
static AilResult list_rows(SyncTrainerDb *t, const char *sql, const char *arg, AilBuf *out,
                           size_t *rows, AilError *err) {
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(t->db, sql, -1, &st, NULL) != SQLITE_OK ||
        (arg && sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC) != SQLITE_OK)) {
        sqlite3_finalize(st);
        return sql_error(t, err);
    }
    int rc;
    *rows = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const unsigned char *v = sqlite3_column_text(st, 0);
        if (out)
            ail_buf_printf(out, "%s%s", (*rows)++ ? ", " : "", v ? (const char *)v : "");
        else
            (*rows)++;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? AIL_OK : sql_error(t, err);
}

/* AIL_OK when the device or workshop named exists; else AIL_ERR_NOT_FOUND naming the
 * ones there are. */
static AilResult check_known(SyncTrainerDb *t, const SyncReportFilter *f, AilError *err) {
    AilBuf known;
    ail_buf_init(&known);
    ail_buf_puts(&known, "");
    size_t n = 0;
    AilResult r = AIL_OK;
    if (f->device) {
        r = list_rows(t, "SELECT 1 FROM devices d WHERE " DEVICE_MATCH, f->device, NULL, &n, err);
        if (!r && !n &&
            !(r = list_rows(t,
                            "SELECT name || ' (' || substr(uuid, 1, 8) || ')' FROM "
                            "devices ORDER BY name, uuid",
                            NULL, &known, &n, err)))
            r = ail_error_set(err, AIL_ERR_NOT_FOUND,
                              "no device in %s is named \"%s\" or has that id; it holds: %s",
                              t->path, f->device, n ? known.data : "no device yet");
    }
    if (!r && f->workshop) {
        r = list_rows(t, "SELECT 1 FROM file_origins WHERE workshop = ?1", f->workshop, NULL, &n,
                      err);
        ail_buf_clear(&known);
        ail_buf_puts(&known, "");
        if (!r && !n &&
            !(r = list_rows(t,
                            "SELECT DISTINCT '\"' || workshop || '\"' FROM file_origins"
                            " WHERE workshop IS NOT NULL ORDER BY 1",
                            NULL, &known, &n, err)))
            r = ail_error_set(err, AIL_ERR_NOT_FOUND,
                              "no file in %s was merged with the workshop tag \"%s\"; the tags "
                              "there are: %s",
                              t->path, f->workshop,
                              n ? known.data : "none (give one with ailit merge --workshop TAG)");
    }
    ail_buf_free(&known);
    return r;
}

/* Binds the filter's values: ?1 device, ?2 from, ?3 to, ?4 workshop (NULL: no limit). */
static bool bind_filter(sqlite3_stmt *st, const SyncReportFilter *f) {
    const char *v[4] = {f->device, f->from, f->to, f->workshop};
    for (int i = 0; i < 4; i++)
        if ((v[i] ? sqlite3_bind_text(st, i + 1, v[i], -1, SQLITE_STATIC)
                  : sqlite3_bind_null(st, i + 1)) != SQLITE_OK)
            return false;
    return true;
}

static AilResult run_filtered(SyncTrainerDb *t, const char *sql, const SyncReportFilter *f,
                              AilError *err) {
    sqlite3_stmt *st = NULL;
    bool ok = sqlite3_prepare_v2(t->db, sql, -1, &st, NULL) == SQLITE_OK && bind_filter(st, f) &&
              sqlite3_step(st) == SQLITE_DONE;
    sqlite3_finalize(st);
    return ok ? AIL_OK : sql_error(t, err);
}

/* The statements of the files of the device and workshop (when given), on the days
 * given; the devices those files came from. */
static const char SQL_STATEMENTS[] =
    "CREATE TEMP TABLE statements AS SELECT s.* FROM main.statements s"
    " WHERE (?2 IS NULL OR substr(s.at, 1, 10) >= ?2) AND (?3 IS NULL OR substr(s.at, 1, 10) <= ?3)"
    " AND ((?1 IS NULL AND ?4 IS NULL) OR EXISTS (SELECT 1 FROM main.file_origins o"
    "  WHERE s.row BETWEEN o.first_row AND o.last_row AND (?4 IS NULL OR o.workshop = ?4)"
    "  AND (?1 IS NULL OR o.device IN (SELECT d.uuid FROM main.devices d WHERE " DEVICE_MATCH
    "))))";
static const char SQL_DEVICES[] =
    "CREATE TEMP TABLE devices AS SELECT d.* FROM main.devices d WHERE (?1 IS NULL OR " DEVICE_MATCH
    ") AND (?4 IS NULL OR d.uuid IN (SELECT device FROM main.file_origins WHERE workshop = ?4))";

static void put_scope(const SyncReportFilter *f, char *scope, size_t size) {
    if (!size) return;
    int n = snprintf(scope, size, "%s", "");
    if (f->device) n += snprintf(scope + n, size - (size_t)n, "device %s", f->device);
    if ((size_t)n < size && (f->from || f->to))
        n += snprintf(scope + n, size - (size_t)n, "%s%s to %s", n ? ", " : "",
                      f->from ? f->from : "the start", f->to ? f->to : "now");
    if ((size_t)n < size && f->workshop)
        snprintf(scope + n, size - (size_t)n, "%sworkshop \"%s\"", n ? ", " : "", f->workshop);
}

AilResult sync_report_filter(SyncTrainerDb *t, const SyncReportFilter *f, char *scope,
                             size_t scope_size, AilError *err) {
    if (scope_size) scope[0] = '\0';
    if ((f->from && !date_ok(f->from)) || (f->to && !date_ok(f->to)))
        return ail_error_set(err, AIL_ERR_USAGE,
                             "a date must be written YYYY-MM-DD (a UTC day), such as 2026-12-01");
    if (f->from && f->to && strcmp(f->from, f->to) > 0)
        return ail_error_set(err, AIL_ERR_USAGE, "the first day (%s) is after the last (%s)",
                             f->from, f->to);
    sync_report_filter_clear(t);
    if (!f->device && !f->from && !f->to && !f->workshop) return AIL_OK;
    if (!sync_origin_ensure(t->db)) return sql_error(t, err);
    AilResult r = check_known(t, f, err);
    if (!r) r = run_filtered(t, SQL_STATEMENTS, f, err);
    if (!r) r = run_filtered(t, SQL_DEVICES, f, err);
    if (r) {
        sync_report_filter_clear(t);
        return r;
    }
    put_scope(f, scope, scope_size);
    const char *v[4] = {f->device, f->from, f->to, f->workshop};
    for (int i = 0; i < 4; i++) t->limits[i] = v[i] ? ail_xstrdup(v[i]) : NULL;
    return AIL_OK;
}

void sync_report_filter_clear(SyncTrainerDb *t) {
    for (int i = 0; i < 4; i++) {
        free(t->limits[i]);
        t->limits[i] = NULL;
    }
    sqlite3_exec(t->db, "DROP TABLE IF EXISTS temp.statements; DROP TABLE IF EXISTS temp.devices",
                 NULL, NULL, NULL);
}
