/*
 * The deployment's IRIs: the account homePage and the base of activity ids a store
 * writes its statements with, read from a config file (ailit.conf) and kept in the
 * store's settings.
 *
 * Invariants:
 * - The settings are the truth; the store's copy (ProgressStore.xapi) is read from
 *   them when first needed, and unset ones are the defaults (PROGRESS_XAPI_*).
 * - While the event log is empty, progress_xapi_configure may change the settings;
 *   once it holds a statement they never change. progress_xapi_fix writes them (when
 *   missing) in the transaction of every new statement until one commits, so the
 *   first statement fixes them even when nothing configured the store. A store made
 *   before these settings existed wrote its statements with the defaults, and that is
 *   what its next statement fixes.
 */
#include "progress/progress_internal.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

bool progress_xapi_iri_ok(const char *iri, size_t max) {
    if (!iri) return false;
    size_t n = strlen(iri);
    size_t scheme = strncmp(iri, "https://", 8) == 0 ? 8 : strncmp(iri, "http://", 7) == 0 ? 7 : 0;
    if (!scheme || n > max || n == scheme || iri[scheme] == '/' || !ail_utf8_valid(iri, n, NULL))
        return false;
    for (const unsigned char *p = (const unsigned char *)iri; *p; p++)
        if (*p <= ' ' || *p == 0x7f || strchr("\"<>\\^`{|}", *p)) return false;
    return true;
}

AilResult progress_xapi_iri_check(const char *key, const char *value, AilError *err) {
    const char *example = strcmp(key, PROGRESS_SETTING_XAPI_HOMEPAGE) == 0
                              ? "https://lrs.example.org/learner"
                              : "https://example.org/xapi";
    if (!progress_xapi_iri_ok(value, PROGRESS_XAPI_IRI_MAX) || strpbrk(value, "?#"))
        return ail_error_set(err, AIL_ERR_INVALID,
                             "%s must be an address starting with https:// or http:// and a host, "
                             "of at most %d bytes, without spaces, quotes, ? or #, such as %s",
                             key, PROGRESS_XAPI_IRI_MAX, example);
    return AIL_OK;
}

/* Strips spaces, tabs and line ends from both ends of s, in place; returns the start. */
static char *trim(char *s) {
    while (*s == ' ' || *s == '\t') s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        s[--n] = '\0';
    return s;
}

/* One "key = value" line into *iris; AIL_OK, or why the line is refused in err. */
static AilResult config_line(char *line, const char *path, int number, ProgressXapiIris *iris,
                             AilError *err) {
    char *eq = strchr(line, '=');
    if (!eq)
        return ail_error_set(err, AIL_ERR_INVALID,
                             "%s:%d: a line must read \"key = value\" (or start with # for a note)",
                             path, number);
    *eq = '\0';
    char *key = trim(line), *value = trim(eq + 1);
    char *field = NULL;
    if (strcmp(key, PROGRESS_SETTING_XAPI_HOMEPAGE) == 0) {
        field = iris->homepage;
    } else if (strcmp(key, PROGRESS_SETTING_XAPI_ACTIVITY_BASE) == 0) {
        size_t n = strlen(value);
        while (n > 8 && value[n - 1] == '/') value[--n] = '\0';
        field = iris->activity_base;
    } else {
        return ail_error_set(
            err, AIL_ERR_INVALID, "%s:%d: ailit knows no setting \"%s\" (it knows %s and %s)", path,
            number, key, PROGRESS_SETTING_XAPI_HOMEPAGE, PROGRESS_SETTING_XAPI_ACTIVITY_BASE);
    }
    AilError why;
    ail_error_clear(&why);
    if (progress_xapi_iri_check(key, value, &why))
        return ail_error_set(err, AIL_ERR_INVALID, "%s:%d: %s", path, number, why.message);
    snprintf(field, PROGRESS_XAPI_IRI_MAX + 1, "%s", value);
    return AIL_OK;
}

AilResult progress_config_read(const char *path, ProgressXapiIris *iris, AilError *err) {
    FILE *f = fopen(path, "r");
    if (!f)
        return ail_error_set(err, errno == ENOENT ? AIL_ERR_NOT_FOUND : AIL_ERR_IO,
                             "cannot read %s: %s", path, strerror(errno));
    ProgressXapiIris got = *iris;
    char line[1002];
    AilResult r = AIL_OK;
    for (int number = 1; !r && fgets(line, sizeof line, f); number++) {
        if (!strchr(line, '\n') && !feof(f)) {
            r = ail_error_set(err, AIL_ERR_INVALID, "%s:%d: the line is longer than 1000 bytes",
                              path, number);
            break;
        }
        char *t = trim(line);
        if (!t[0] || t[0] == '#') continue;
        r = config_line(t, path, number, &got, err);
    }
    if (!r && ferror(f)) r = ail_error_set(err, AIL_ERR_IO, "cannot read %s", path);
    fclose(f);
    if (!r) *iris = got;
    return r;
}

/* One setting into out (PROGRESS_XAPI_IRI_MAX + 1 bytes), fallback when unset. */
static AilResult load_one(ProgressStore *s, const char *key, const char *fallback, char *out,
                          AilError *err) {
    AilResult r = progress_setting_get(s, key, out, PROGRESS_XAPI_IRI_MAX + 1, err);
    if (r == AIL_ERR_NOT_FOUND) {
        snprintf(out, PROGRESS_XAPI_IRI_MAX + 1, "%s", fallback);
        ail_error_clear(err);
        return AIL_OK;
    }
    return r;
}

AilResult progress_xapi_current(ProgressStore *s, const ProgressXapiIris **out, AilError *err) {
    if (!s->xapi_loaded) {
        AilResult r = load_one(s, PROGRESS_SETTING_XAPI_HOMEPAGE, PROGRESS_XAPI_HOMEPAGE,
                               s->xapi.homepage, err);
        if (!r)
            r = load_one(s, PROGRESS_SETTING_XAPI_ACTIVITY_BASE, PROGRESS_XAPI_IRI,
                         s->xapi.activity_base, err);
        if (r) return r;
        s->xapi_loaded = true;
    }
    *out = &s->xapi;
    return AIL_OK;
}

AilResult progress_xapi_fix(ProgressStore *s, AilError *err) {
    if (s->xapi_fixed) return AIL_OK;
    const ProgressXapiIris *iris;
    AilResult r = progress_xapi_current(s, &iris, err);
    const char *keys[2] = {PROGRESS_SETTING_XAPI_HOMEPAGE, PROGRESS_SETTING_XAPI_ACTIVITY_BASE};
    const char *values[2] = {iris ? iris->homepage : NULL, iris ? iris->activity_base : NULL};
    for (int i = 0; !r && i < 2; i++) {
        sqlite3_stmt *st = NULL;
        if (sqlite3_prepare_v2(s->db, "INSERT OR IGNORE INTO settings(key, value) VALUES (?, ?)",
                               -1, &st, NULL) != SQLITE_OK)
            return progress_sql_error(s->db, "fixing the xAPI addresses", err);
        progress_bind_text(s, st, 1, keys[i], -1, SQLITE_STATIC);
        progress_bind_text(s, st, 2, values[i], -1, SQLITE_STATIC);
        int rc = progress_step(s, st);
        sqlite3_finalize(st);
        if (rc != SQLITE_DONE) r = progress_sql_error(s->db, "fixing the xAPI addresses", err);
    }
    /* Cleared again by a transaction that does not commit (lesson.c). */
    if (!r) s->xapi_fixed = true;
    return r;
}

/* *any is true when the event log holds a statement. */
static AilResult any_event(ProgressStore *s, bool *any, AilError *err) {
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db, "SELECT EXISTS (SELECT 1 FROM events)", -1, &st, NULL) !=
        SQLITE_OK)
        return progress_sql_error(s->db, "reading the event log", err);
    int rc = progress_step(s, st);
    *any = rc == SQLITE_ROW && sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? AIL_OK : progress_sql_error(s->db, "reading the event log", err);
}

AilResult progress_xapi_get(ProgressStore *s, ProgressXapiIris *out, bool *fixed, AilError *err) {
    const ProgressXapiIris *iris;
    s->xapi_loaded = false; /* another program may have configured the store */
    AilResult r = progress_xapi_current(s, &iris, err);
    if (!r) r = any_event(s, fixed, err);
    if (!r) *out = *iris;
    return r;
}

/* Stores want (defaults filled in) as the settings; in the caller's transaction. */
static AilResult store_iris(ProgressStore *s, const ProgressXapiIris *want, AilError *err) {
    AilResult r = progress_setting_set(s, PROGRESS_SETTING_XAPI_HOMEPAGE, want->homepage, err);
    if (!r)
        r = progress_setting_set(s, PROGRESS_SETTING_XAPI_ACTIVITY_BASE, want->activity_base, err);
    return r;
}

static bool same_iris(const ProgressXapiIris *a, const ProgressXapiIris *b) {
    return strcmp(a->homepage, b->homepage) == 0 && strcmp(a->activity_base, b->activity_base) == 0;
}

/* Stores want unless a statement was written meanwhile (by another ailit on the same
 * store): then *fixed is true and *now what the store holds. One transaction. */
static AilResult store_unless_fixed(ProgressStore *s, const ProgressXapiIris *want,
                                    ProgressXapiIris *now, bool *fixed, AilError *err) {
    if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return progress_sql_error(s->db, "setting the xAPI addresses", err);
    AilResult r = progress_xapi_get(s, now, fixed, err);
    if (!r && !*fixed) r = store_iris(s, want, err);
    if (!r && sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        r = progress_sql_error(s->db, "setting the xAPI addresses", err);
    if (r) sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    s->xapi_loaded = false;
    return r;
}

AilResult progress_xapi_configure(ProgressStore *s, const ProgressXapiIris *want, char *note,
                                  size_t note_size, AilError *err) {
    if (note_size) note[0] = '\0';
    ProgressXapiIris full = *want;
    if (!full.homepage[0]) snprintf(full.homepage, sizeof full.homepage, PROGRESS_XAPI_HOMEPAGE);
    if (!full.activity_base[0])
        snprintf(full.activity_base, sizeof full.activity_base, PROGRESS_XAPI_IRI);
    if (progress_xapi_iri_check(PROGRESS_SETTING_XAPI_HOMEPAGE, full.homepage, err) ||
        progress_xapi_iri_check(PROGRESS_SETTING_XAPI_ACTIVITY_BASE, full.activity_base, err))
        return err->code;
    bool fixed = false;
    ProgressXapiIris now;
    /* Read first: a store already fixed, or already holding these, is not written. */
    AilResult r = progress_xapi_get(s, &now, &fixed, err);
    if (!r && !fixed && !same_iris(&now, &full))
        r = store_unless_fixed(s, &full, &now, &fixed, err);
    if (r || !fixed) return r;
    bool home = strcmp(now.homepage, full.homepage) != 0;
    if ((home || strcmp(now.activity_base, full.activity_base) != 0) && note_size)
        snprintf(note, note_size,
                 "the config gives %s = %s, but this device's statements are written with %s "
                 "since its first one, and that stays (statements never change); a new device, "
                 "or a new data folder, takes the config's",
                 home ? PROGRESS_SETTING_XAPI_HOMEPAGE : PROGRESS_SETTING_XAPI_ACTIVITY_BASE,
                 home ? full.homepage : full.activity_base,
                 home ? now.homepage : now.activity_base);
    return AIL_OK;
}
