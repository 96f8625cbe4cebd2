/*
 * Progress files: export (format, watermark, anonymity, hostile media), merge
 * (counts, idempotence, order independence, conflicts, hostile files) and reports
 * (CSV quoting, self-contained HTML, item statistics with the negative
 * discrimination flag, pseudonyms).
 *
 * The hostile-media tests mount small tmpfs file systems in a private mount
 * namespace, which needs root (as in CI). They are a ctest test of their own,
 * sync_file_systems (test_sync --file-systems), which without root exits 77 so that
 * ctest reports it skipped rather than passed.
 */
#define _GNU_SOURCE
#include "progress/progress_internal.h"
#include "sync/report_internal.h"
#include "sync/sync_internal.h"

#include "../progress/test_util.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <sys/stat.h>

static bool can_mount;

typedef struct {
    char *dir;
    Course *tiny;
    ProgressStore *store;
    ProgressLearner amina, bola;
} Fx;

static char *path_in(const char *dir, const char *name) {
    char *p = malloc(4096);
    snprintf(p, 4096, "%s/%s", dir, name);
    return p;
}

static void make_dir(const char *dir, const char *name) {
    char *p = path_in(dir, name);
    assert_int_equal(mkdir(p, 0755), 0);
    free(p);
}

static int setup(void **state) {
    Fx *fx = calloc(1, sizeof *fx);
    fx->dir = util_temp_dir();
    fx->tiny = util_load_pack(TINY_PACK);
    fx->store = util_open(fx->dir, "progress.db");
    AilError err;
    assert_int_equal(progress_learner_add(fx->store, "Amina Zed-Unique", 1, "", &fx->amina, &err),
                     AIL_OK);
    assert_int_equal(progress_learner_add(fx->store, "Bola \"B\", Jr.", 2, "", &fx->bola, &err),
                     AIL_OK);
    util_tiny_session(fx->store, fx->amina.uuid, fx->tiny, 0x3f, "en");
    util_tiny_session(fx->store, fx->bola.uuid, fx->tiny, 0x05, "fr");
    *state = fx;
    return 0;
}

static int teardown(void **state) {
    Fx *fx = *state;
    util_clock_system(); /* after a clock test, even one that failed */
    progress_close(fx->store);
    course_free(fx->tiny);
    util_rm_rf(fx->dir);
    free(fx->dir);
    free(fx);
    return 0;
}

static char *read_all(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    *len = (size_t)ftell(f);
    rewind(f);
    char *b = malloc(*len + 1);
    assert_int_equal(fread(b, 1, *len, f), *len);
    b[*len] = '\0';
    fclose(f);
    return b;
}

static void write_all(const char *path, const char *data, size_t len) {
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    fclose(f);
}

static size_t count_entries(const char *dir) {
    DIR *d = opendir(dir);
    size_t n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) n++;
    if (d) closedir(d);
    return n;
}

static int64_t watermark(ProgressStore *s) {
    int64_t wm;
    AilError err;
    assert_int_equal(progress_export_watermark(s, &wm, &err), AIL_OK);
    return wm;
}

static SyncExportResult export_to(Fx *fx, const char *dir, bool all, bool anonymous) {
    SyncExportOptions o = {.out_dir = dir, .all = all, .anonymous = anonymous};
    SyncExportResult res;
    AilError err;
    AilResult r = sync_export(fx->store, &o, &res, &err);
    if (r) fprintf(stderr, "export: %s\n", err.message);
    assert_int_equal(r, AIL_OK);
    return res;
}

/* ---- Export ---- */

static void test_export_writes_the_progress_file_of_the_design(void **state) {
    Fx *fx = *state;
    make_dir(fx->dir, "out");
    char *out = path_in(fx->dir, "out");
    SyncExportResult res = export_to(fx, out, false, false);
    assert_int_equal(res.statements, 22);
    assert_int_equal(res.first_seq, 1);
    assert_int_equal(res.last_seq, 22);
    ProgressDevice d;
    AilError err;
    progress_device_get(fx->store, &d, &err);
    char prefix[128];
    snprintf(prefix, sizeof prefix, "%s/ailit-progress-ailit-device-%.8s-", out, d.uuid);
    assert_memory_equal(res.path, prefix, strlen(prefix));
    assert_int_equal(count_entries(out), 1); /* no temporary file left */
    size_t len;
    char *text = read_all(res.path, &len);
    cJSON *j = cJSON_Parse(text);
    assert_non_null(j);
    assert_string_equal(cJSON_GetObjectItem(j, "format")->valuestring, "ailit-progress/1");
    assert_string_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(j, "device"), "id")->valuestring,
                        d.uuid);
    assert_non_null(cJSON_GetObjectItem(j, "exported_at")->valuestring);
    assert_int_equal(cJSON_GetObjectItem(j, "first_seq")->valueint, 1);
    assert_int_equal(cJSON_GetObjectItem(j, "last_seq")->valueint, 22);
    cJSON *roster = cJSON_GetObjectItem(j, "learners");
    assert_int_equal(cJSON_GetArraySize(roster), 2);
    assert_string_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(roster, 0), "name")->valuestring,
                        "Amina Zed-Unique");
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(j, "statements")), 22);
    /* Each statement's bytes are the event log's, unchanged. */
    sqlite3_stmt *st = NULL;
    sqlite3_prepare_v2(fx->store->db, "SELECT statement FROM events ORDER BY seq", -1, &st, NULL);
    while (sqlite3_step(st) == SQLITE_ROW)
        assert_non_null(strstr(text, (const char *)sqlite3_column_text(st, 0)));
    sqlite3_finalize(st);
    assert_int_equal(watermark(fx->store), 22);
    cJSON_Delete(j);
    free(text);
    free(out);
}

static void test_next_export_has_only_new_statements_and_all_repeats_them(void **state) {
    Fx *fx = *state;
    make_dir(fx->dir, "out");
    char *out = path_in(fx->dir, "out");
    export_to(fx, out, false, false);
    SyncExportResult none = export_to(fx, out, false, false);
    assert_int_equal(none.statements, 0);
    assert_string_equal(none.path, "");
    assert_int_equal(count_entries(out), 1);
    AilError err;
    assert_int_equal(progress_record_page(fx->store, fx->amina.uuid, fx->tiny, 1, 0, "en", &err),
                     AIL_OK);
    SyncExportResult next = export_to(fx, out, false, false);
    assert_int_equal(next.statements, 1);
    assert_int_equal(next.first_seq, 23);
    SyncExportResult all = export_to(fx, out, true, false);
    assert_int_equal(all.statements, 23);
    assert_int_equal(all.first_seq, 1);
    assert_int_equal(count_entries(out), 3);
    free(out);
}

static void test_anonymous_export_leaves_names_out(void **state) {
    Fx *fx = *state;
    SyncExportResult res = export_to(fx, fx->dir, false, true);
    size_t len;
    char *text = read_all(res.path, &len);
    assert_null(strstr(text, "Amina"));
    assert_null(strstr(text, "Bola"));
    assert_non_null(strstr(text, fx->amina.uuid));
    cJSON *j = cJSON_Parse(text);
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(j, "learners")), 0);
    cJSON_Delete(j);
    free(text);
}

/* After a failed export: the error, no file, the watermark where it was, and the
 * next export (to a good folder) carries every statement. */
static void assert_failed_cleanly(Fx *fx, const char *target, const char *want_in_message) {
    SyncExportOptions o = {.out_dir = target};
    SyncExportResult res;
    AilError err;
    ail_error_clear(&err);
    assert_int_equal(sync_export(fx->store, &o, &res, &err), AIL_ERR_IO);
    if (!strstr(err.message, want_in_message)) fprintf(stderr, "message: %s\n", err.message);
    assert_non_null(strstr(err.message, want_in_message));
    DIR *d = opendir(target);
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) assert_null(strstr(e->d_name, "ailit-progress"));
    if (d) closedir(d);
    assert_int_equal(watermark(fx->store), 0);
    make_dir(fx->dir, "good");
    char *good = path_in(fx->dir, "good");
    SyncExportResult ok = export_to(fx, good, false, false);
    assert_int_equal(ok.first_seq, 1);
    assert_int_equal(ok.statements, 22);
    free(good);
}

static void test_export_to_a_full_file_system_fails_cleanly(void **state) {
    Fx *fx = *state;
    assert_true(can_mount);
    make_dir(fx->dir, "full");
    char *mnt = path_in(fx->dir, "full");
    assert_int_equal(mount("tmpfs", mnt, "tmpfs", 0, "size=8k"), 0);
    /* More statements than 8 KiB can hold. */
    for (int i = 0; i < 5; i++) util_tiny_session(fx->store, fx->amina.uuid, fx->tiny, 0x3f, "en");
    SyncExportOptions o = {.out_dir = mnt};
    SyncExportResult res;
    AilError err;
    assert_int_equal(sync_export(fx->store, &o, &res, &err), AIL_ERR_IO);
    assert_non_null(strstr(err.message, "full"));
    assert_int_equal(count_entries(mnt), 0);
    assert_int_equal(watermark(fx->store), 0);
    make_dir(fx->dir, "good");
    char *good = path_in(fx->dir, "good");
    SyncExportResult ok = export_to(fx, good, false, false);
    assert_int_equal(ok.first_seq, 1);
    assert_int_equal(ok.statements, 22 + 5 * 11);
    umount(mnt);
    free(good);
    free(mnt);
}

static void test_export_to_a_read_only_folder_fails_cleanly(void **state) {
    Fx *fx = *state;
    make_dir(fx->dir, "ro");
    char *ro = path_in(fx->dir, "ro");
    assert_true(can_mount); /* root writes through chmod: only a read-only mount stops it */
    assert_int_equal(mount("tmpfs", ro, "tmpfs", MS_RDONLY, "size=64k"), 0);
    assert_failed_cleanly(fx, ro, "cannot write into");
    umount(ro);
    free(ro);
}

static char removed_dir[4096];
static void remove_folder(const char *tmp_path) {
    (void)tmp_path;
    util_rm_rf(removed_dir);
}

static void test_export_to_a_folder_removed_mid_write_fails_cleanly(void **state) {
    Fx *fx = *state;
    make_dir(fx->dir, "stick");
    snprintf(removed_dir, sizeof removed_dir, "%s/stick", fx->dir);
    sync_test_before_commit = remove_folder;
    assert_failed_cleanly(fx, removed_dir, "gone");
    sync_test_before_commit = NULL;
    struct stat st;
    assert_int_not_equal(stat(removed_dir, &st), 0);
}

/* ---- Merge ---- */

static SyncTrainerDb *trainer(const char *dir, const char *name) {
    char *p = path_in(dir, name);
    SyncTrainerDb *t = NULL;
    AilError err;
    AilResult r = sync_trainer_open(p, &t, &err);
    if (r) fprintf(stderr, "trainer: %s\n", err.message);
    assert_int_equal(r, AIL_OK);
    free(p);
    return t;
}

static SyncMergeCounts merge_ok(SyncTrainerDb *t, const char *file) {
    SyncMergeCounts c;
    AilError err;
    AilResult r = sync_merge_file(t, file, &c, &err);
    if (r) fprintf(stderr, "merge: %s\n", err.message);
    assert_int_equal(r, AIL_OK);
    return c;
}

/* The database's whole content, in a fixed order. */
static char *dump(SyncTrainerDb *t) {
    static const char *const q[] = {
        "SELECT s.id || b.body || learner || verb || pack_id || lesson_id ||"
        " coalesce(quiz_id, '') || coalesce(question_id, '') || coalesce(success, '') ||"
        " coalesce(scaled, '') || coalesce(misconception, '') || at || hex(i.id) || i.hash"
        " FROM statements s JOIN bodies b ON b.row = s.row JOIN ids i ON i.row = s.row"
        " ORDER BY s.id",
        "SELECT id || body FROM conflicts ORDER BY id, body",
        "SELECT uuid || name || exported_at FROM learners ORDER BY uuid",
        "SELECT uuid || name || exported_at FROM devices ORDER BY uuid",
        "SELECT device || first_seq || last_seq || exported_at FROM imports ORDER BY 1"};
    AilBuf b;
    ail_buf_init(&b);
    ail_buf_puts(&b, "");
    for (size_t i = 0; i < sizeof q / sizeof *q; i++) {
        sqlite3_stmt *st = NULL;
        assert_int_equal(sqlite3_prepare_v2(t->db, q[i], -1, &st, NULL), SQLITE_OK);
        while (sqlite3_step(st) == SQLITE_ROW) {
            ail_buf_puts(&b, (const char *)sqlite3_column_text(st, 0));
            ail_buf_puts(&b, "\n");
        }
        sqlite3_finalize(st);
        ail_buf_puts(&b, "--\n");
    }
    return b.data;
}

static int64_t count_rows(SyncTrainerDb *t, const char *sql) {
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(t->db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int64_t v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static void test_merge_counts_new_then_duplicates_and_changes_nothing_twice(void **state) {
    Fx *fx = *state;
    SyncExportResult res = export_to(fx, fx->dir, false, false);
    SyncTrainerDb *t = trainer(fx->dir, "trainer.db");
    SyncMergeCounts c = merge_ok(t, res.path);
    assert_int_equal(c.added, 22);
    assert_int_equal(c.duplicate, 0);
    assert_int_equal(c.learners, 2);
    char *once = dump(t);
    c = merge_ok(t, res.path);
    assert_int_equal(c.added, 0);
    assert_int_equal(c.duplicate, 22);
    assert_int_equal(c.conflicting, 0);
    char *twice = dump(t);
    assert_string_equal(once, twice);
    free(once);
    free(twice);
    sync_trainer_close(t);
}

/* Writes a copy of file with the first occurrence of from replaced by to. */
static char *variant(const char *dir, const char *file, const char *name, const char *from,
                     const char *to) {
    size_t len;
    char *text = read_all(file, &len);
    char *at = strstr(text, from);
    assert_non_null(at);
    AilBuf b;
    ail_buf_init(&b);
    ail_buf_append(&b, text, (size_t)(at - text));
    ail_buf_puts(&b, to);
    ail_buf_puts(&b, at + strlen(from));
    char *p = path_in(dir, name);
    write_all(p, b.data, b.len);
    ail_buf_free(&b);
    free(text);
    return p;
}

/* text with the first occurrence of from replaced by to (a new string). */
static char *replaced(const char *text, const char *from, const char *to) {
    const char *at = strstr(text, from);
    assert_non_null(at);
    AilBuf b;
    ail_buf_init(&b);
    ail_buf_append(&b, text, (size_t)(at - text));
    ail_buf_puts(&b, to);
    ail_buf_puts(&b, at + strlen(from));
    return b.data;
}

/* text with the first JSON string value of key (after from, when given) replaced by
 * value, given with its quotes or as a bare JSON value. */
static char *with_value(const char *text, const char *after, const char *key, const char *value) {
    const char *start = after ? strstr(text, after) : text;
    assert_non_null(start);
    char pattern[128];
    snprintf(pattern, sizeof pattern, "\"%s\":", key);
    const char *at = strstr(start, pattern);
    assert_non_null(at);
    at += strlen(pattern);
    const char *end = at;
    if (*end == '"')
        end = strchr(end + 1, '"') + 1;
    else
        end += strcspn(end, ",}\n");
    AilBuf b;
    ail_buf_init(&b);
    ail_buf_append(&b, text, (size_t)(at - text));
    ail_buf_puts(&b, value);
    ail_buf_puts(&b, end);
    return b.data;
}

static void test_merge_in_any_order_gives_the_same_database(void **state) {
    Fx *fx = *state;
    SyncExportResult a = export_to(fx, fx->dir, false, false);
    /* A second device, and a file where one statement differs (a conflict). */
    ProgressStore *other = util_open(fx->dir, "other.db");
    AilError err;
    ProgressLearner c;
    progress_learner_add(other, "Chidi", 3, "", &c, &err);
    util_tiny_session(other, c.uuid, fx->tiny, 0x2a, "en");
    SyncExportOptions o = {.out_dir = fx->dir};
    SyncExportResult b;
    assert_int_equal(sync_export(other, &o, &b, &err), AIL_OK);
    progress_close(other);
    char *conflicting =
        variant(fx->dir, a.path, "conflict.json", "\"response\":\"no\"", "\"response\":\"yes\"");
    /* A newer roster renames a learner: the newest name wins, in any order. */
    /* An hour later than the first export: a newer roster. */
    char later[AIL_TIMESTAMP_LEN + 3] = "\"";
    ail_time_format_rfc3339(ail_time_now_ms() + 3600 * 1000, later + 1);
    strcat(later, "\"");
    size_t clen;
    char *ctext = read_all(conflicting, &clen);
    char *rtext = with_value(ctext, NULL, "exported_at", later);
    char *renamed = path_in(fx->dir, "renamed.json");
    write_all(renamed, rtext, strlen(rtext));
    free(ctext);
    free(rtext);
    char *renamed2 = variant(fx->dir, renamed, "renamed2.json", "Amina Zed-Unique", "Amina Z.");
    const char *orders[3][4] = {{a.path, b.path, renamed2, NULL},
                                {renamed2, b.path, a.path, a.path},
                                {b.path, renamed2, a.path, renamed2}};
    char *dumps[3];
    for (int k = 0; k < 3; k++) {
        char name[32];
        snprintf(name, sizeof name, "t%d.db", k);
        SyncTrainerDb *t = trainer(fx->dir, name);
        for (int i = 0; i < 4 && orders[k][i]; i++) merge_ok(t, orders[k][i]);
        dumps[k] = dump(t);
        assert_int_equal(count_rows(t, "SELECT count(*) FROM conflicts"), 1);
        assert_int_equal(count_rows(t, "SELECT count(*) FROM learners WHERE name = 'Amina Z.'"), 1);
        sync_trainer_close(t);
    }
    assert_string_equal(dumps[0], dumps[1]);
    assert_string_equal(dumps[0], dumps[2]);
    for (int k = 0; k < 3; k++) free(dumps[k]);
    free(conflicting);
    free(renamed);
    free(renamed2);
}

/* The same statement laid out differently (another tool re-wrote the file's spacing)
 * is a duplicate, not a conflict; the copy kept is the one whose bytes sort first,
 * so the database is the same in either order. */
static void test_same_json_laid_out_differently_keeps_one_copy_in_any_order(void **state) {
    Fx *fx = *state;
    SyncExportResult a = export_to(fx, fx->dir, false, false);
    char *spaced = variant(fx->dir, a.path, "spaced.json", "\"verb\":{", "\"verb\": {");
    char *dumps[2];
    for (int k = 0; k < 2; k++) {
        SyncTrainerDb *t = trainer(fx->dir, k ? "t1.db" : "t0.db");
        merge_ok(t, k ? spaced : a.path);
        SyncMergeCounts c = merge_ok(t, k ? a.path : spaced);
        assert_int_equal(c.duplicate, 22);
        assert_int_equal(c.conflicting, 0);
        assert_int_equal(count_rows(t, "SELECT count(*) FROM conflicts"), 0);
        dumps[k] = dump(t);
        sync_trainer_close(t);
    }
    assert_string_equal(dumps[0], dumps[1]);
    free(dumps[0]);
    free(dumps[1]);
    free(spaced);
}

static void test_same_id_with_other_content_is_a_listed_conflict(void **state) {
    Fx *fx = *state;
    SyncExportResult a = export_to(fx, fx->dir, false, false);
    char *c =
        variant(fx->dir, a.path, "conflict.json", "\"response\":\"no\"", "\"response\":\"yes\"");
    SyncTrainerDb *t = trainer(fx->dir, "trainer.db");
    merge_ok(t, a.path);
    SyncMergeCounts counts = merge_ok(t, c);
    assert_int_equal(counts.conflicting, 1);
    assert_int_equal(counts.duplicate, 21);
    assert_int_equal(counts.added, 0);
    assert_int_equal(strlen(counts.conflict_ids[0]), 36);
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM conflicts WHERE id = '%s'",
             counts.conflict_ids[0]);
    assert_int_equal(count_rows(t, sql), 1);
    sync_trainer_close(t);
    free(c);
}

static void test_duplicate_ids_within_one_file(void **state) {
    Fx *fx = *state;
    SyncExportResult a = export_to(fx, fx->dir, false, false);
    size_t len;
    char *text = read_all(a.path, &len);
    /* Repeat the first statement (same bytes) and add a changed copy of it. */
    char *first = strstr(strstr(text, "\"statements\":["), "\n{\"id\"") + 1;
    char *end = strstr(first, ",\n{\"id\"");
    AilBuf b;
    ail_buf_init(&b);
    ail_buf_append(&b, text, (size_t)(end - text));
    ail_buf_puts(&b, ",\n");
    ail_buf_append(&b, first, (size_t)(end - first));
    ail_buf_puts(&b, ",\n");
    AilBuf changed;
    ail_buf_init(&changed);
    ail_buf_append(&changed, first, (size_t)(end - first));
    char *ts = strstr(changed.data, "\"timestamp\":\"2");
    assert_non_null(ts);
    ts[strlen("\"timestamp\":\"") + 3] = '0'; /* 2026 becomes 2020: still a time ailit writes */
    ail_buf_append(&b, changed.data, changed.len);
    ail_buf_puts(&b, end);
    char *p = path_in(fx->dir, "dups.json");
    write_all(p, b.data, b.len);
    SyncTrainerDb *t = trainer(fx->dir, "trainer.db");
    SyncMergeCounts c = merge_ok(t, p);
    assert_int_equal(c.added, 22);
    assert_int_equal(c.duplicate, 1);
    assert_int_equal(c.conflicting, 1);
    sync_trainer_close(t);
    ail_buf_free(&b);
    ail_buf_free(&changed);
    free(text);
    free(p);
}

static void test_ids_sharing_their_first_bytes_stay_apart(void **state) {
    Fx *fx = *state;
    SyncExportResult a = export_to(fx, fx->dir, false, false);
    size_t len;
    char *text = read_all(a.path, &len);
    /* A copy of the first statement whose id differs only in its last 12 digits:
     * the same first 8 bytes (where the id index hashes), another statement. */
    char *first = strstr(strstr(text, "\"statements\":["), "\n{\"id\"") + 1;
    char *end = strstr(first, ",\n{\"id\"");
    AilBuf b;
    ail_buf_init(&b);
    ail_buf_append(&b, text, (size_t)(end - text));
    ail_buf_puts(&b, ",\n");
    size_t at = b.len;
    ail_buf_append(&b, first, (size_t)(end - first));
    memcpy(b.data + at + strlen("{\"id\":\"") + 24,
           b.data[at + 31] == '0' ? "111111111111" : "000000000000", 12);
    ail_buf_puts(&b, end);
    char *p = path_in(fx->dir, "twins.json");
    write_all(p, b.data, b.len);
    SyncTrainerDb *t = trainer(fx->dir, "trainer.db");
    SyncMergeCounts c = merge_ok(t, p);
    assert_int_equal(c.added, 23);
    assert_int_equal(c.duplicate, 0);
    assert_int_equal(count_rows(t, "SELECT count(DISTINCT id) FROM statements"), 23);
    c = merge_ok(t, p);
    assert_int_equal(c.added, 0);
    assert_int_equal(c.duplicate, 23);
    sync_trainer_close(t);
    ail_buf_free(&b);
    free(text);
    free(p);
}

/* What a learner types is the one free text in a statement: bytes that are not UTF-8
 * and a pasted megabyte still give a progress file that merges (the event log never
 * changes, so a statement the merge refuses would get every later file refused). */
static void test_typed_answers_of_any_bytes_still_merge(void **state) {
    Fx *fx = *state;
    AilBuf huge;
    ail_buf_init(&huge);
    for (int i = 0; i < 1024 * 1024 / 2; i++) ail_buf_puts(&huge, "\xC3\xA9"); /* é */
    const char *typed[] = {"caf\xC3\x28 \xFF\xFE end", "\xE2\x82", huge.data, "\x01\x1F\t\"\\"};
    for (size_t i = 0; i < sizeof typed / sizeof *typed; i++) {
        QuizResponse resp = {.text = typed[i], .lang = "en"};
        AilError err;
        assert_int_equal(progress_record_answer(fx->store, fx->amina.uuid, fx->tiny, 0, 1, 5,
                                                &resp, "en", 100, NULL, &err),
                         AIL_OK);
    }
    SyncExportResult a = export_to(fx, fx->dir, false, false);
    SyncTrainerDb *t = trainer(fx->dir, "trainer.db");
    SyncMergeCounts c = merge_ok(t, a.path);
    assert_int_equal(c.added, a.statements);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(t->db,
                                        "SELECT response FROM statements WHERE verb = 'answered'"
                                        " AND question_id = 'word' ORDER BY at DESC, row DESC"
                                        " LIMIT 4",
                                        -1, &st, NULL),
                     SQLITE_OK);
    int rows = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *r = (const char *)sqlite3_column_text(st, 0);
        size_t n = (size_t)sqlite3_column_bytes(st, 0);
        assert_true(ail_utf8_valid(r, n, NULL));
        assert_true(n <= PROGRESS_RESPONSE_MAX);
        rows++;
    }
    sqlite3_finalize(st);
    assert_int_equal(rows, 4);
    assert_int_equal(count_rows(t, "SELECT count(*) FROM statements WHERE response ="
                                   " 'caf\xEF\xBF\xBD( \xEF\xBF\xBD\xEF\xBF\xBD end'"),
                     1);
    sync_trainer_close(t);
    ail_buf_free(&huge);
}

/* A 10 KB learner name (written by another program) is kept shortened, never cut
 * inside a character: the reports show it as text. */
static void test_long_names_are_cut_between_characters(void **state) {
    Fx *fx = *state;
    SyncExportResult a = export_to(fx, fx->dir, false, false);
    AilBuf name;
    ail_buf_init(&name);
    ail_buf_puts(&name, "x");
    for (int i = 0; i < 5000; i++) ail_buf_puts(&name, "\xC3\xA9");
    char *p = variant(fx->dir, a.path, "long.json", "Amina Zed-Unique", name.data);
    AilBuf device;
    ail_buf_init(&device);
    ail_buf_printf(&device, "\"%s\"", name.data + 1); /* two-byte characters from the start */
    char *q = variant(fx->dir, p, "long2.json", "\"ailit device\"", device.data);
    ail_buf_free(&device);
    SyncTrainerDb *t = trainer(fx->dir, "trainer.db");
    merge_ok(t, q);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(t->db,
                                        "SELECT name FROM learners UNION ALL SELECT name FROM"
                                        " devices",
                                        -1, &st, NULL),
                     SQLITE_OK);
    int longs = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *n = (const char *)sqlite3_column_text(st, 0);
        size_t len = (size_t)sqlite3_column_bytes(st, 0);
        assert_true(ail_utf8_valid(n, len, NULL));
        longs += len > 100;
    }
    sqlite3_finalize(st);
    assert_int_equal(longs, 2);
    sync_trainer_close(t);
    ail_buf_free(&name);
    free(p);
    free(q);
}

/* Thousands of ids sharing their first 8 bytes (a hostile file can make them) spread
 * over the id index instead of piling into one probe chain, which made each lookup
 * walk all of them: the merge went quadratic. */
static void test_ids_sharing_their_first_bytes_do_not_pile_up(void **state) {
    Fx *fx = *state;
    SyncExportResult a = export_to(fx, fx->dir, false, false);
    size_t len;
    char *text = read_all(a.path, &len);
    char *first = strstr(strstr(text, "\"statements\":["), "\n{\"id\"") + 1;
    char *end = strstr(first, ",\n{\"id\"");
    AilBuf b;
    ail_buf_init(&b);
    ail_buf_append(&b, text, (size_t)(end - text));
    for (unsigned i = 0; i < 5000; i++) {
        ail_buf_puts(&b, ",\n");
        size_t at = b.len;
        ail_buf_append(&b, first, (size_t)(end - first));
        char tail[13];
        snprintf(tail, sizeof tail, "%012x", 0xa00000u + i);
        memcpy(b.data + at + strlen("{\"id\":\"") + 24, tail, 12);
    }
    ail_buf_puts(&b, end);
    char *p = path_in(fx->dir, "crowd.json");
    write_all(p, b.data, b.len);
    SyncTrainerDb *t = trainer(fx->dir, "trainer.db");
    SyncMergeCounts c = merge_ok(t, p);
    assert_int_equal(c.added, 5022);
    size_t longest = 0, run = 0;
    for (size_t i = 0; i < 2 * t->mem_cap; i++) { /* twice round: chains wrap */
        run = t->mem[i % t->mem_cap].row ? run + 1 : 0;
        if (run > longest) longest = run;
    }
    fprintf(stderr, "longest probe chain: %zu of %zu ids\n", longest, t->mem_count);
    assert_true(longest < 100);
    c = merge_ok(t, p);
    assert_int_equal(c.duplicate, 5022);
    sync_trainer_close(t);
    ail_buf_free(&b);
    free(text);
    free(p);
}

/* A hostile file is refused whole: an error naming it, and the database as before. */
static void assert_refused(Fx *fx, const char *name, const char *data, size_t len,
                           const char *want) {
    char *p = path_in(fx->dir, name);
    write_all(p, data, len);
    SyncTrainerDb *t = trainer(fx->dir, "trainer.db");
    char *before = dump(t);
    SyncMergeCounts c;
    AilError err;
    ail_error_clear(&err);
    AilResult r = sync_merge_file(t, p, &c, &err);
    if (r == AIL_OK || !strstr(err.message, want)) fprintf(stderr, "%s: %s\n", name, err.message);
    assert_int_not_equal(r, AIL_OK);
    assert_non_null(strstr(err.message, p));
    assert_non_null(strstr(err.message, want));
    assert_int_equal(c.added, 0);
    char *after = dump(t);
    assert_string_equal(before, after);
    free(before);
    free(after);
    sync_trainer_close(t);
    free(p);
}

/* A file whose roster holds n entries (a fresh UUID each), with "exported_at" before
 * the roster (as ailit writes it) or after it. */
static char *roster_file(const char *dir, const char *name, size_t n, bool stamp_first) {
    AilBuf b;
    ail_buf_init(&b);
    ail_buf_puts(&b, "{\"format\":\"ailit-progress/1\",\"device\":{\"id\":"
                     "\"00000000-0000-4000-8000-000000000001\",\"name\":\"d\"},"
                     "\"first_seq\":0,\"last_seq\":0,");
    if (stamp_first) ail_buf_puts(&b, "\"exported_at\":\"2026-11-28T10:00:00.000Z\",");
    ail_buf_puts(&b, "\"learners\":[");
    for (size_t i = 0; i < n; i++)
        ail_buf_printf(&b, "%s{\"id\":\"00000000-0000-4000-8000-%012zx\",\"name\":\"Learner %zu\"}",
                       i ? "," : "", i, i);
    ail_buf_puts(&b, "],");
    if (!stamp_first) ail_buf_puts(&b, "\"exported_at\":\"2026-11-28T10:00:00.000Z\",");
    ail_buf_puts(&b, "\"statements\":[]}");
    char *p = path_in(dir, name);
    write_all(p, b.data, b.len);
    ail_buf_free(&b);
    return p;
}

/* AddressSanitizer keeps freed memory in quarantine: peak memory says little there. */
#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif
#ifndef UNDER_ASAN
#define UNDER_ASAN 0
#endif

/* The roster of a file is merged as it streams by: a file naming 300,000 learners
 * costs no more memory than a small one (it once kept 549 bytes per entry), and a
 * file that makes them wait (its "exported_at" after the roster) is refused past a
 * bound. */
static void test_a_huge_roster_does_not_grow_memory(void **state) {
    Fx *fx = *state;
    char *big = roster_file(fx->dir, "roster.json", 300000, true);
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        SyncTrainerDb *t = trainer(fx->dir, "trainer.db");
        struct rusage before, after;
        getrusage(RUSAGE_SELF, &before);
        SyncMergeCounts c;
        AilError err;
        AilResult r = sync_merge_file(t, big, &c, &err);
        getrusage(RUSAGE_SELF, &after);
        long grew_mb = (after.ru_maxrss - before.ru_maxrss) / 1024;
        fprintf(stderr, "roster of 300,000: %s, %zu learners, peak memory +%ld MB\n",
                r ? err.message : "merged", c.learners, grew_mb);
        sync_trainer_close(t);
        _exit(r == AIL_OK && c.learners == 300000 && (grew_mb < 60 || UNDER_ASAN) ? 0 : 1);
    }
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    free(big);

    char *late = roster_file(fx->dir, "late-ok.json", 100, false);
    SyncTrainerDb *t = trainer(fx->dir, "trainer.db");
    SyncMergeCounts c = merge_ok(t, late);
    assert_int_equal(c.learners, 100);
    sync_trainer_close(t);
    free(late);
    late = roster_file(fx->dir, "late.json", 20000, false);
    size_t len;
    char *text = read_all(late, &len);
    assert_refused(fx, "late.json", text, len, "more learners");
    free(text);
    free(late);
}

static void test_hostile_files_are_refused_whole(void **state) {
    Fx *fx = *state;
    SyncExportResult a = export_to(fx, fx->dir, false, false);
    size_t len;
    char *text = read_all(a.path, &len);
    /* Something already merged, so that "as before" is not trivially empty. */
    SyncTrainerDb *t = trainer(fx->dir, "trainer.db");
    ProgressStore *other = util_open(fx->dir, "other.db");
    AilError err;
    ProgressLearner c;
    progress_learner_add(other, "Chidi", 3, "", &c, &err);
    util_tiny_session(other, c.uuid, fx->tiny, 0x2a, "en");
    SyncExportOptions o = {.out_dir = fx->dir};
    SyncExportResult b;
    sync_export(other, &o, &b, &err);
    progress_close(other);
    merge_ok(t, b.path);
    sync_trainer_close(t);

    size_t cuts[] = {0, 1, 40, len / 2, len - 3};
    for (size_t i = 0; i < sizeof cuts / sizeof *cuts; i++)
        assert_refused(fx, "truncated.json", text, cuts[i], cuts[i] ? "truncated" : "truncated");
    const char *wrong = "{\"format\":\"someone-else/1\",\"statements\":[]}";
    assert_refused(fx, "wrong.json", wrong, strlen(wrong), "not an ailit progress file");
    const char *newer = "{\"format\":\"ailit-progress/2\",\"statements\":[]}";
    assert_refused(fx, "newer.json", newer, strlen(newer), "newer ailit");
    const char *array = "[1, 2, 3]";
    assert_refused(fx, "array.json", array, strlen(array), "not a progress file");
    const char *notjson = "PK\x03\x04 this is a zip";
    assert_refused(fx, "zip.json", notjson, strlen(notjson), "not a progress file");
    const char *first_not_format = "{\"statements\":[],\"format\":\"ailit-progress/1\"}";
    assert_refused(fx, "order.json", first_not_format, strlen(first_not_format),
                   "does not start with");

    /* A giant string inside a statement. */
    AilBuf big;
    ail_buf_init(&big);
    char *cut = strstr(text, "\"statements\":[") + strlen("\"statements\":[");
    ail_buf_append(&big, text, (size_t)(cut - text));
    ail_buf_puts(&big, "{\"id\":\"");
    for (int i = 0; i < 2 * 1024 * 1024; i++) ail_buf_append(&big, "x", 1);
    ail_buf_puts(&big, "\"}]}");
    assert_refused(fx, "giant.json", big.data, big.len, "larger than ailit accepts");

    /* 10,000-deep nesting inside a statement, and outside one. */
    for (int where = 0; where < 2; where++) {
        ail_buf_clear(&big);
        ail_buf_append(&big, text, (size_t)(cut - text));
        if (where == 1) {
            ail_buf_clear(&big);
            ail_buf_puts(&big, "{\"format\":\"ailit-progress/1\",\"extra\":");
        }
        for (int i = 0; i < 10000; i++) ail_buf_append(&big, "[", 1);
        for (int i = 0; i < 10000; i++) ail_buf_append(&big, "]", 1);
        ail_buf_puts(&big, where == 1 ? ",\"statements\":[]}" : "]}");
        assert_refused(fx, "deep.json", big.data, big.len, "nested deeper");
    }

    /* Valid JSON, but a statement that is not ours (no actor account). */
    char *foreign = variant(fx->dir, a.path, "foreign.json", "\"actor\":", "\"akteur\":");
    size_t flen;
    char *ftext = read_all(foreign, &flen);
    assert_refused(fx, "foreign.json", ftext, flen, "actor is not an account");
    /* Bytes after the end; bad UTF-8 in a statement. */
    ail_buf_clear(&big);
    ail_buf_append(&big, text, len);
    ail_buf_puts(&big, "{}");
    assert_refused(fx, "trailing.json", big.data, big.len, "more after the end");
    char *bad = variant(fx->dir, a.path, "bad-utf8.json", "\"response\":\"no\"",
                        "\"response\":\"\xC3\x28\"");
    char *btext = read_all(bad, &flen);
    assert_refused(fx, "bad-utf8.json", btext, flen, "UTF-8");
    ail_buf_free(&big);
    free(foreign);
    free(ftext);
    free(bad);
    free(btext);
    free(text);
}

/* A progress file that lies (a score of 1e308, a time that is no time, an actor that
 * is not a learner UUID, a verb ailit never writes, an export time that would pin
 * its names for good, sequence numbers that are not numbers) is refused whole, with
 * its name and what is wrong: each statement is checked against what ailit writes. */
static void test_progress_files_that_lie_are_refused_whole(void **state) {
    Fx *fx = *state;
    SyncExportResult a = export_to(fx, fx->dir, false, false);
    size_t len;
    char *text = read_all(a.path, &len);
    assert_non_null(strstr(text, "\"score\":{"));
    assert_non_null(strstr(text, "\"success\":"));
    assert_non_null(strstr(text, "\"response\":"));
    static const struct {
        const char *after, *key, *value, *want;
    } lies[] = {
        {"\"score\":{", "scaled", "1e308", "scaled score is not a number from -1 to 1"},
        {"\"score\":{", "scaled", "1e999", "scaled score is not a number from -1 to 1"},
        {"\"score\":{", "scaled", "-1.5", "scaled score is not a number from -1 to 1"},
        {"\"score\":{", "scaled", "\"0.5\"", "scaled score is not a number from -1 to 1"},
        {"\"score\":{", "raw", "1e308", "raw score is not between its min and max"},
        {"\"score\":{", "min", "-1e999", "raw, min or max score is not a finite number"},
        {"\"score\":{", "max", "-7", "raw score is not between its min and max"},
        {"\"statements\":[", "timestamp", "\"\"", "timestamp is not a time as ailit writes"},
        {"\"statements\":[", "timestamp", "\"zzzz\"", "timestamp is not a time as ailit writes"},
        {"\"statements\":[", "timestamp", "\"1999-12-31T23:59:59.000Z\"", "years 2000 to 2100"},
        {"\"statements\":[", "timestamp", "\"2101-01-01T00:00:00.000Z\"", "years 2000 to 2100"},
        {"\"statements\":[", "timestamp", "\"2026-02-29T10:00:00.000Z\"", "timestamp is not"},
        {"\"statements\":[", "timestamp", "\"2026-11-28T24:00:00.000Z\"", "timestamp is not"},
        {"\"statements\":[", "timestamp", "\"2026-11-28T10:00:00Z\"", "timestamp is not"},
        {"\"statements\":[", "timestamp", "\"2026-11-28T10:00:00.000+01:00\"", "timestamp is not"},
        {"\"account\":", "name", "\"L\xC3\xA9on\"", "actor is not a learner UUID"},
        {"\"account\":", "name", "\"0000\"", "actor is not a learner UUID"},
        {"\"account\":", "homePage", "\"ftp://lrs.example.org/learner\"", "no http(s) homePage"},
        {"\"account\":", "homePage", "\"https://a b.org/\"", "no http(s) homePage"},
        {"\"object\":", "id", "\"urn:ailit:question\"", "object id is not an http(s) IRI"},
        {"\"object\":", "id", "\"\"", "object id is not an http(s) IRI"},
        {"\"statements\":[", "success", "\"yes\"", "success is not true or false"},
        {"\"statements\":[", "response", "42", "response or misconception is not text"},
        {NULL, "exported_at", "\"zzzz\"", "\"exported_at\" is not a time as ailit writes"},
        {NULL, "exported_at", "\"\"", "\"exported_at\" is not a time as ailit writes"},
        {NULL, "exported_at", "\"2099-01-01T00:00:00.000Z\"", "more than a day ahead"},
        {NULL, "first_seq", "-1", "not a whole number"},
        {NULL, "first_seq", "1.5", "not a whole number"},
        {NULL, "last_seq", "1e3", "not a whole number"},
        {NULL, "first_seq", "99999", "\"first_seq\" is after its \"last_seq\""},
    };
    for (size_t i = 0; i < sizeof lies / sizeof *lies; i++) {
        char *lie = with_value(text, lies[i].after, lies[i].key, lies[i].value);
        fprintf(stderr, "lie %zu: %s = %s\n", i, lies[i].key, lies[i].value);
        assert_refused(fx, "lie.json", lie, strlen(lie), lies[i].want);
        free(lie);
    }
    /* Words that are not ailit's: a verb from elsewhere, one ADL has but ailit never
     * writes, a key twice, a key missing. */
    static const struct {
        const char *from, *to, *want;
    } edits[] = {
        {"http://adlnet.gov/expapi/verbs/", "http://example.org/verbs/", "one ailit does not write"},
        {"expapi/verbs/answered\"", "expapi/verbs/voided\"", "one ailit does not write"},
        {"\"first_seq\":", "\"exported_at\":\"2026-01-01T00:00:00.000Z\",\"first_seq\":",
         "appears twice"},
        {"\"first_seq\":", "\"first_sequence\":", "(no \"first_seq\")"},
    };
    for (size_t i = 0; i < sizeof edits / sizeof *edits; i++) {
        char *lie = replaced(text, edits[i].from, edits[i].to);
        assert_refused(fx, "lie.json", lie, strlen(lie), edits[i].want);
        free(lie);
    }
    /* The file as ailit wrote it still merges. */
    SyncTrainerDb *t = trainer(fx->dir, "trainer.db");
    SyncMergeCounts c = merge_ok(t, a.path);
    assert_int_equal(c.added, 22);
    sync_trainer_close(t);
    free(text);
}

/* The lying files kept as fixtures (and fuzzing seeds) in tests/sync/corpus: each is
 * refused with its reason; the honest file they were made from merges. */
static void test_lying_fixtures_in_the_corpus_are_refused(void **state) {
    Fx *fx = *state;
    static const struct {
        const char *file, *want;
    } lies[] = {
        {"lie-score.json", "scaled score is not a number from -1 to 1 (statement 4)"},
        {"lie-exported-at.json", "\"exported_at\" is not a time as ailit writes it"},
        {"lie-timestamp.json", "timestamp is not a time as ailit writes it"},
        {"lie-actor.json", "actor is not a learner UUID (statement 1)"},
    };
    SyncTrainerDb *t = trainer(fx->dir, "trainer.db");
    for (size_t i = 0; i < sizeof lies / sizeof *lies; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/tests/sync/corpus/%s", AILIT_SOURCE_DIR, lies[i].file);
        SyncMergeCounts c;
        AilError err;
        ail_error_clear(&err);
        assert_int_not_equal(sync_merge_file(t, path, &c, &err), AIL_OK);
        if (!strstr(err.message, lies[i].want)) fprintf(stderr, "%s\n", err.message);
        assert_non_null(strstr(err.message, lies[i].file));
        assert_non_null(strstr(err.message, lies[i].want));
    }
    assert_int_equal(count_rows(t, "SELECT count(*) FROM statements"), 0);
    SyncMergeCounts c = merge_ok(t, AILIT_SOURCE_DIR "/tests/sync/corpus/small-session.json");
    assert_int_equal(c.added, 4);
    sync_trainer_close(t);
}

/* Overwrites the root page of table in the trainer database at path with garbage:
 * a real damaged page, which SQLite reports as SQLITE_CORRUPT when the table is read,
 * while the other tables still read. */
static void damage_table(const char *path, const char *table) {
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT rootpage, (SELECT page_size FROM pragma_page_size)"
                                        " FROM sqlite_schema WHERE name = ?",
                                        -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    long page = sqlite3_column_int(st, 0), size = sqlite3_column_int(st, 1);
    sqlite3_finalize(st);
    sqlite3_close(db);
    assert_true(page > 1);
    FILE *f = fopen(path, "r+b");
    assert_non_null(f);
    assert_int_equal(fseek(f, (page - 1) * size, SEEK_SET), 0);
    for (long i = 0; i < size; i++) fputc(0xA5, f);
    assert_int_equal(fclose(f), 0);
}

/* A stored copy that cannot be read (a damaged page of the bodies table here) refuses
 * the file that needed it: it was once taken for an empty copy, and the statement was
 * recorded as a conflict that is not there. */
static void test_a_stored_copy_that_cannot_be_read_refuses_the_file(void **state) {
    Fx *fx = *state;
    SyncExportResult a = export_to(fx, fx->dir, false, false);
    char *changed =
        variant(fx->dir, a.path, "changed.json", "\"response\":\"no\"", "\"response\":\"yes\"");
    SyncTrainerDb *t = trainer(fx->dir, "trainer.db");
    merge_ok(t, a.path);
    sync_trainer_close(t);
    char *db = path_in(fx->dir, "trainer.db");
    damage_table(db, "bodies");
    t = trainer(fx->dir, "trainer.db");
    SyncMergeCounts c;
    AilError err;
    ail_error_clear(&err);
    AilResult r = sync_merge_file(t, changed, &c, &err);
    fprintf(stderr, "merge over a damaged page: %s\n", r ? err.message : "merged");
    assert_int_not_equal(r, AIL_OK);
    assert_non_null(strstr(err.message, changed));
    assert_non_null(strstr(err.message, "could not be read"));
    assert_int_equal(c.conflicting, 0);
    assert_int_equal(count_rows(t, "SELECT count(*) FROM conflicts"), 0);
    sync_trainer_close(t);
    free(db);
    free(changed);
}

/* Interrupts whichever statement reading a stored body is running (SQLite's
 * progress handler runs inside a statement's steps), so that exactly the read of the
 * stored copy fails while every write still works. */
static int interrupt_body_reads(void *vdb) {
    for (sqlite3_stmt *st = sqlite3_next_stmt(vdb, NULL); st; st = sqlite3_next_stmt(vdb, st))
        if (sqlite3_stmt_busy(st) && strstr(sqlite3_sql(st), "FROM bodies")) return 1;
    return 0;
}

static void test_an_interrupted_read_of_the_stored_copy_records_no_conflict(void **state) {
    Fx *fx = *state;
    SyncExportResult a = export_to(fx, fx->dir, false, false);
    char *changed =
        variant(fx->dir, a.path, "changed.json", "\"response\":\"no\"", "\"response\":\"yes\"");
    SyncTrainerDb *t = trainer(fx->dir, "trainer.db");
    merge_ok(t, a.path);
    sqlite3_progress_handler(t->db, 1, interrupt_body_reads, t->db);
    SyncMergeCounts c;
    AilError err;
    ail_error_clear(&err);
    AilResult r = sync_merge_file(t, changed, &c, &err);
    sqlite3_progress_handler(t->db, 0, NULL, NULL);
    fprintf(stderr, "merge with the stored copy's read interrupted: %s\n",
            r ? err.message : "merged");
    assert_int_not_equal(r, AIL_OK);
    assert_non_null(strstr(err.message, changed));
    assert_non_null(strstr(err.message, "could not be read"));
    assert_int_equal(count_rows(t, "SELECT count(*) FROM conflicts"), 0);
    /* Read again without the interruption: now it is a conflict. */
    SyncMergeCounts again = merge_ok(t, changed);
    assert_int_equal(again.conflicting, 1);
    sync_trainer_close(t);
    free(changed);
}

/* A value SQLite cannot take (longer than the database's length limit here, set low
 * with sqlite3_limit) fails its bind: the file is refused with SQLite's reason, never
 * stored with a NULL in the value's place. */
static void test_a_failed_bind_refuses_the_file_with_its_reason(void **state) {
    Fx *fx = *state;
    SyncExportResult a = export_to(fx, fx->dir, false, false);
    SyncTrainerDb *t = trainer(fx->dir, "trainer.db");
    /* Above a statements row (some 300 bytes), below a statement's bytes. */
    sqlite3_limit(t->db, SQLITE_LIMIT_LENGTH, 500);
    SyncMergeCounts c;
    AilError err;
    ail_error_clear(&err);
    AilResult r = sync_merge_file(t, a.path, &c, &err);
    fprintf(stderr, "merge with a 500-byte limit: %s\n", r ? err.message : "merged");
    assert_int_not_equal(r, AIL_OK);
    assert_non_null(strstr(err.message, a.path));
    assert_non_null(strstr(err.message, "too big"));
    sqlite3_limit(t->db, SQLITE_LIMIT_LENGTH, 1000000000);
    assert_int_equal(count_rows(t, "SELECT count(*) FROM statements"), 0);
    sync_trainer_close(t);
}

/* Random damage (flipped bytes, cuts, inserted brackets and quotes) never crashes
 * the merge: each file goes in whole or is refused with its name, and the database
 * stays sound. The sanitizer build runs this too. */
static void test_randomly_damaged_files_merge_whole_or_not_at_all(void **state) {
    Fx *fx = *state;
    SyncExportResult a = export_to(fx, fx->dir, false, false);
    size_t len;
    char *text = read_all(a.path, &len);
    char *p = path_in(fx->dir, "damaged.json");
    SyncTrainerDb *t = trainer(fx->dir, "trainer.db");
    unsigned seed = 12345;
    size_t refused = 0;
    char *copy = malloc(len + 16);
    for (int round = 0; round < 300; round++) {
        memcpy(copy, text, len);
        size_t n = len;
        int edits = 1 + (int)(rand_r(&seed) % 6);
        for (int e = 0; e < edits; e++) {
            size_t at = (size_t)rand_r(&seed) % n;
            switch (rand_r(&seed) % 4) {
            case 0: copy[at] = (char)(rand_r(&seed) & 0xff); break;
            case 1: n = at + 1; break;
            case 2: copy[at] = "[{\"\\,:}]"[rand_r(&seed) % 9]; break;
            default: copy[at] = (char)(0x80 | (rand_r(&seed) & 0x3f)); break;
            }
        }
        write_all(p, copy, n);
        SyncMergeCounts c;
        AilError err;
        ail_error_clear(&err);
        if (sync_merge_file(t, p, &c, &err) != AIL_OK) {
            refused++;
            assert_non_null(strstr(err.message, p));
            assert_int_equal(c.added + c.duplicate + c.conflicting, 0);
        }
    }
    assert_true(refused > 0);
    assert_int_equal(
        count_rows(t, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"),
        1);
    /* Every row of statements has its body and its ids row, and no id is there twice. */
    assert_int_equal(count_rows(t, "SELECT count(*) FROM statements s WHERE NOT EXISTS"
                                   " (SELECT 1 FROM bodies b WHERE b.row = s.row)"),
                     0);
    assert_int_equal(count_rows(t, "SELECT count(*) - count(DISTINCT lower(id)) FROM statements"),
                     0);
    assert_int_equal(count_rows(t, "SELECT (SELECT count(*) FROM statements) -"
                                   " (SELECT count(*) FROM ids JOIN statements USING (row))"),
                     0);
    sync_trainer_close(t);
    free(copy);
    free(text);
    free(p);
}

static size_t count_named(const char *dir, const char *part) {
    DIR *d = opendir(dir);
    size_t n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL)
        if (strstr(e->d_name, part)) n++;
    if (d) closedir(d);
    return n;
}

static void test_damaged_or_newer_trainer_databases_are_refused_and_kept(void **state) {
    Fx *fx = *state;
    char *bad = path_in(fx->dir, "damaged.db");
    write_all(bad, "this is not a database at all, just words in a file", 51);
    SyncTrainerDb *t = NULL;
    AilError err;
    assert_int_equal(sync_trainer_open(bad, &t, &err), AIL_ERR_CORRUPT);
    assert_null(t);
    assert_non_null(strstr(err.message, "copy was kept"));
    assert_int_equal(count_named(fx->dir, "damaged.db.damaged-"), 1);
    size_t len;
    char *still = read_all(bad, &len);
    assert_int_equal(len, 51); /* untouched */
    free(still);

    t = trainer(fx->dir, "future.db");
    assert_int_equal(sqlite3_exec(t->db, "PRAGMA user_version = 99", NULL, NULL, NULL), SQLITE_OK);
    sync_trainer_close(t);
    char *future = path_in(fx->dir, "future.db");
    assert_int_equal(sync_trainer_open(future, &t, &err), AIL_ERR_UNSUPPORTED);
    assert_non_null(strstr(err.message, "newer ailit"));
    assert_int_equal(count_named(fx->dir, "future.db.newer-"), 1);
    free(bad);
    free(future);
}

static void test_a_learner_store_is_not_a_trainer_database(void **state) {
    Fx *fx = *state;
    char *p = path_in(fx->dir, "progress.db");
    SyncTrainerDb *t = NULL;
    AilError err;
    assert_int_equal(sync_trainer_open(p, &t, &err), AIL_ERR_INVALID);
    assert_null(t);
    assert_non_null(strstr(err.message, "not a trainer database"));
    free(p);
}

static int merge_interrupt_countdown;
static int merge_interrupt_when_zero(void *unused) {
    (void)unused;
    return --merge_interrupt_countdown == 0;
}

/* In one `ailit merge` run (a batch), a file whose write fails in a way that makes
 * SQLite roll back the whole transaction (an interrupt here; a full disk or an I/O
 * error alike) must not leave the run half-kept: either the run's end succeeds and
 * every file reported merged is there, or it fails and nothing of the run is. */
static void test_a_batch_is_kept_whole_or_not_at_all(void **state) {
    Fx *fx = *state;
    SyncExportResult a = export_to(fx, fx->dir, false, false);
    SyncExportResult files[2];
    for (int i = 0; i < 2; i++) {
        char name[32];
        snprintf(name, sizeof name, "other%d.db", i);
        ProgressStore *other = util_open(fx->dir, name);
        AilError err;
        ProgressLearner c;
        progress_learner_add(other, "Chidi", 3, "", &c, &err);
        util_tiny_session(other, c.uuid, fx->tiny, 0x2a, "en");
        SyncExportOptions o = {.out_dir = fx->dir};
        assert_int_equal(sync_export(other, &o, &files[i], &err), AIL_OK);
        progress_close(other);
    }
    bool ran_clean = false;
    for (int k = 1; !ran_clean; k++) {
        assert_true(k < 20000);
        char name[32];
        snprintf(name, sizeof name, "batch%d.db", k);
        SyncTrainerDb *t = trainer(fx->dir, name);
        sqlite3_exec(t->db, "PRAGMA synchronous = OFF", NULL, NULL, NULL);
        AilError err;
        SyncMergeCounts c;
        assert_int_equal(sync_merge_begin(t, &err), AIL_OK);
        bool ok_a = sync_merge_file(t, a.path, &c, &err) == AIL_OK;
        merge_interrupt_countdown = k;
        sqlite3_progress_handler(t->db, 20, merge_interrupt_when_zero, NULL);
        bool ok_b = sync_merge_file(t, files[0].path, &c, &err) == AIL_OK;
        sqlite3_progress_handler(t->db, 0, NULL, NULL);
        ran_clean = merge_interrupt_countdown > 0;
        bool ok_c = sync_merge_file(t, files[1].path, &c, &err) == AIL_OK;
        bool ended = sync_merge_end(t, &err) == AIL_OK;
        int64_t n = count_rows(t, "SELECT count(*) FROM statements");
        int64_t want = ended ? 22 * ok_a + 11 * (ok_b + ok_c) : 0; /* 2 learners, 1, 1 */
        if (n != want)
            fprintf(stderr, "interrupted after %d: a %d b %d c %d end %d: %lld statements\n", k,
                    ok_a, ok_b, ok_c, ended, (long long)n);
        assert_int_equal(n, want);
        assert_true(ok_a);
        sync_trainer_close(t);
        char *p = path_in(fx->dir, name);
        unlink(p);
        free(p);
    }
}

/* ---- Report ---- */

static bool csv_has_row_with(const char *csv, const char *a, const char *b) {
    for (const char *line = csv; line && *line;) {
        const char *end = strstr(line, "\r\n");
        size_t n = end ? (size_t)(end - line) : strlen(line);
        char *row = strndup(line, n);
        bool hit = strstr(row, a) && strstr(row, b);
        free(row);
        if (hit) return true;
        line = end ? end + 2 : NULL;
    }
    return false;
}

static void test_report_writes_csv_and_a_self_contained_html_page(void **state) {
    Fx *fx = *state;
    AilError err;
    /* Ten learners: the strong ones (all else right) miss "alive", the weak ones get
     * it right: "alive" discriminates negatively, as a wrong answer key would. */
    for (int i = 0; i < 10; i++) {
        char name[64];
        snprintf(name, sizeof name,
                 i == 0   ? "=HYPERLINK(\"x\")"
                 : i == 1 ? "<b>Bold</b>"
                          : "Learner %d",
                 i);
        ProgressLearner l;
        progress_learner_add(fx->store, name, 0, "", &l, &err);
        util_tiny_session(fx->store, l.uuid, fx->tiny, i < 5 ? 0x3e : 0x01, "en");
    }
    SyncExportResult named = export_to(fx, fx->dir, false, false);
    /* A device exported anonymously: its learner gets a pseudonym. */
    ProgressStore *other = util_open(fx->dir, "other.db");
    ProgressLearner anon;
    progress_learner_add(other, "Secret Name", 0, "", &anon, &err);
    util_tiny_session(other, anon.uuid, fx->tiny, 0x3f, "en");
    SyncExportOptions o = {.out_dir = fx->dir, .anonymous = true};
    SyncExportResult hidden;
    assert_int_equal(sync_export(other, &o, &hidden, &err), AIL_OK);
    progress_close(other);

    SyncTrainerDb *t = trainer(fx->dir, "trainer.db");
    merge_ok(t, named.path);
    merge_ok(t, hidden.path);
    make_dir(fx->dir, "csv");
    char *csv = path_in(fx->dir, "csv");
    char *html = path_in(fx->dir, "report.html");
    AilResult r = sync_report(t, csv, html, &err);
    if (r) fprintf(stderr, "report: %s\n", err.message);
    assert_int_equal(r, AIL_OK);
    sync_trainer_close(t);

    size_t len;
    char *p = path_in(csv, "learners_lessons.csv");
    char *learners = read_all(p, &len);
    assert_memory_equal(learners, "\xEF\xBB\xBF", 3);
    assert_non_null(strstr(learners, "\r\n"));
    assert_non_null(strstr(learners, "\"'=HYPERLINK(\"\"x\"\")\"")); /* quoted, guarded */
    assert_non_null(strstr(learners, "\"Bola \"\"B\"\", Jr.\""));
    char pseudo[16] = "L-";
    for (int i = 0, k = 2; k < 8; i++)
        if (anon.uuid[i] != '-')
            pseudo[k++] = (char)(anon.uuid[i] >= 'a' ? anon.uuid[i] - 32 : anon.uuid[i]);
    assert_non_null(strstr(learners, pseudo));
    assert_null(strstr(learners, "Secret Name"));
    free(p);
    p = path_in(csv, "questions.csv");
    char *questions = read_all(p, &len);
    assert_true(csv_has_row_with(questions, "\"alive\"", "negative discrimination"));
    assert_false(csv_has_row_with(questions, "\"right\"", "negative discrimination"));
    free(p);
    p = path_in(csv, "misconceptions.csv");
    char *misc = read_all(p, &len);
    /* Learners 0..4 chose "yes" (ai-is-alive); 5..9 and Bola chose "always". */
    assert_true(csv_has_row_with(misc, "\"ai-is-alive\"", ",5,5"));
    assert_true(csv_has_row_with(misc, "\"ai-is-always-right\"", ",6,6"));
    free(p);
    char *page = read_all(html, &len);
    assert_non_null(strstr(page, "<svg"));
    assert_null(strstr(page, "<script"));
    assert_null(strstr(page, "http://")); /* loads nothing */
    assert_non_null(strstr(page, "check the answer key"));
    assert_non_null(strstr(page, "&lt;b&gt;Bold&lt;/b&gt;"));
    assert_null(strstr(page, "<b>Bold"));
    assert_non_null(strstr(page, "Completion per lesson"));
    assert_non_null(strstr(page, "Score distribution"));
    assert_non_null(strstr(page, "ai-is-alive"));
    free(page);
    free(learners);
    free(questions);
    free(misc);
    free(csv);
    free(html);
}

static int interrupt_countdown;
static int interrupt_when_zero(void *unused) {
    (void)unused;
    return --interrupt_countdown == 0;
}

/* The report's CSV files and its HTML without the line that says when it was made. */
static char *report_text(const char *csv, const char *html) {
    static const char *const names[] = {"lessons.csv", "learners_lessons.csv", "questions.csv",
                                        "misconceptions.csv"};
    AilBuf b;
    ail_buf_init(&b);
    for (size_t i = 0; i < 4; i++) {
        char *p = path_in(csv, names[i]);
        size_t len;
        char *t = read_all(p, &len);
        ail_buf_append(&b, t, len);
        free(t);
        free(p);
    }
    size_t len;
    char *t = read_all(html, &len);
    char *made = strstr(t, "Made ");
    assert_non_null(made);
    ail_buf_append(&b, t, (size_t)(made - t));
    ail_buf_puts(&b, strstr(made, "</p>"));
    free(t);
    return b.data;
}

/* A read that fails half-way (here SQLite interrupted after every possible number
 * of steps) fails the report: it never leaves CSV or HTML files that look complete
 * but miss rows. */
static void test_a_failing_read_never_leaves_a_partial_report(void **state) {
    Fx *fx = *state;
    SyncExportResult a = export_to(fx, fx->dir, false, false);
    SyncTrainerDb *t = trainer(fx->dir, "trainer.db");
    merge_ok(t, a.path);
    make_dir(fx->dir, "csv");
    char *csv = path_in(fx->dir, "csv");
    char *html = path_in(fx->dir, "report.html");
    AilError err;
    assert_int_equal(sync_report(t, csv, html, &err), AIL_OK);
    char *whole = report_text(csv, html);
    int failed = 0, k;
    for (k = 1;; k++) {
        interrupt_countdown = k;
        sqlite3_progress_handler(t->db, 8, interrupt_when_zero, NULL);
        AilResult r = sync_report(t, csv, html, &err);
        sqlite3_progress_handler(t->db, 0, NULL, NULL);
        if (r) {
            failed++;
            continue;
        }
        char *got = report_text(csv, html);
        if (strcmp(got, whole) != 0) fprintf(stderr, "interrupted after %d: a partial report\n", k);
        assert_string_equal(got, whole);
        free(got);
        if (interrupt_countdown > 0) break; /* the whole report ran without an interruption */
    }
    assert_true(failed > 10);
    free(whole);
    free(csv);
    free(html);
    sync_trainer_close(t);
}

static void test_csv_guards_formulas_after_a_tab_or_return(void **state) {
    Fx *fx = *state;
    AilError err;
    const char *names[] = {"\t=HYPERLINK(\"t\")", "\r=1+1", "@SUM(1)", "+1", "-1", "=1"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        ProgressLearner l;
        assert_int_equal(progress_learner_add(fx->store, names[i], 0, "", &l, &err), AIL_OK);
        util_tiny_session(fx->store, l.uuid, fx->tiny, 0x01, "en");
    }
    SyncExportResult a = export_to(fx, fx->dir, false, false);
    SyncTrainerDb *t = trainer(fx->dir, "trainer.db");
    merge_ok(t, a.path);
    make_dir(fx->dir, "csv");
    char *csv = path_in(fx->dir, "csv");
    assert_int_equal(sync_report(t, csv, NULL, &err), AIL_OK);
    sync_trainer_close(t);
    char *p = path_in(csv, "learners_lessons.csv");
    size_t len;
    char *text = read_all(p, &len);
    assert_non_null(strstr(text, "\"'\t=HYPERLINK(\"\"t\"\")\""));
    assert_non_null(strstr(text, "\"'\r=1+1\""));
    assert_non_null(strstr(text, "\"'@SUM(1)\""));
    assert_non_null(strstr(text, "\"'+1\""));
    assert_non_null(strstr(text, "\"'-1\""));
    assert_non_null(strstr(text, "\"'=1\""));
    free(text);
    free(p);
    free(csv);
}

/* Each demo page a learner used (an "interacted" statement, merged from a device)
 * is a row of demos.csv and of the HTML's demo table: how many learners used it. */
static void test_report_counts_the_learners_who_used_each_demo_page(void **state) {
    Fx *fx = *state;
    AilError err;
    Course *lab = util_load_pack(AILIT_SOURCE_DIR "/tests/progress/packs/lab");
    const char *summary = "{\"words\":4}";
    assert_int_equal(progress_record_demo(fx->store, fx->amina.uuid, lab, 0, 1, summary, "en", 9000,
                                          &err),
                     AIL_OK);
    assert_int_equal(progress_record_demo(fx->store, fx->amina.uuid, lab, 0, 1, summary, "en", 500,
                                          &err),
                     AIL_OK);
    assert_int_equal(progress_record_demo(fx->store, fx->bola.uuid, lab, 0, 1, summary, "ar", -1,
                                          &err),
                     AIL_OK);
    SyncExportResult a = export_to(fx, fx->dir, false, false);
    SyncTrainerDb *t = trainer(fx->dir, "trainer.db");
    assert_int_equal(merge_ok(t, a.path).added, 25);
    make_dir(fx->dir, "csv");
    char *csv = path_in(fx->dir, "csv");
    char *html = path_in(fx->dir, "report.html");
    assert_int_equal(sync_report(t, csv, html, &err), AIL_OK);
    sync_trainer_close(t);
    char *p = path_in(csv, "demos.csv");
    size_t len;
    char *text = read_all(p, &len);
    assert_string_equal(text, "\xEF\xBB\xBFpack,lesson,page,demo,title,uses,learners\r\n"
                              "\"lab\",\"lab\",2,\"next-word\",\"Next word\",3,2\r\n");
    free(text);
    text = read_all(html, &len);
    assert_non_null(strstr(text, "<h2>Demos</h2>"));
    assert_non_null(strstr(text, "next-word"));
    free(text);
    free(p);
    free(html);
    free(csv);
    course_free(lab);
}

/* Puts one 'answered' statement's columns straight into the trainer database, with
 * its learner's name in the roster (the report reads nothing else). */
static void put_answer(SyncTrainerDb *t, int n, const char *learner_name, const char *pack,
                       const char *question) {
    char id[40], learner[40];
    snprintf(id, sizeof id, "00000000-0000-4000-8000-%012d", n);
    snprintf(learner, sizeof learner, "00000000-0000-4000-9000-%012d", n);
    sqlite3_stmt *st = NULL;
    assert_int_equal(
        sqlite3_prepare_v2(t->db,
                           "INSERT INTO statements(id, learner, verb, pack_id, pack_version,"
                           " lesson_id, quiz_id, question_id, title, success, at) VALUES (?1, ?2,"
                           " 'answered', ?3, '1', 'l', 'q', ?4, ?4, 1, '2026-11-28T10:00:00.000Z')",
                           -1, &st, NULL),
        SQLITE_OK);
    assert_int_equal(sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT), SQLITE_OK);
    assert_int_equal(sqlite3_bind_text(st, 2, learner, -1, SQLITE_TRANSIENT), SQLITE_OK);
    assert_int_equal(sqlite3_bind_text(st, 3, pack, -1, SQLITE_TRANSIENT), SQLITE_OK);
    assert_int_equal(sqlite3_bind_text(st, 4, question, -1, SQLITE_TRANSIENT), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
    if (!learner_name) return;
    assert_int_equal(sqlite3_prepare_v2(t->db,
                                        "INSERT INTO learners(uuid, name, exported_at) VALUES"
                                        " (?, ?, '2026-11-28T10:00:00.000Z')",
                                        -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_bind_text(st, 1, learner, -1, SQLITE_TRANSIENT), SQLITE_OK);
    assert_int_equal(sqlite3_bind_text(st, 2, learner_name, -1, SQLITE_TRANSIENT), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
}

/* Spreadsheets also run a formula after a leading space or line feed, and take the
 * full-width ＝ ＋ － ＠ for their ASCII forms; a bidi mark before the sign hides
 * nothing either. */
static void test_csv_guards_formulas_after_a_space_a_line_feed_or_in_full_width(void **state) {
    Fx *fx = *state;
    SyncTrainerDb *t = trainer(fx->dir, "trainer.db");
    const char *names[] = {" =1+1", "\n=1+1", "\xEF\xBC\x9D" "1+1", "\xEF\xBC\x8B" "1",
                           "\xEF\xBC\x8D" "1", "\xEF\xBC\xA0SUM(1)", "\xE2\x80\x8E=1+1"};
    const char *want[] = {"\"' =1+1\"", "\"'\n=1+1\"", "\"'\xEF\xBC\x9D" "1+1\"",
                          "\"'\xEF\xBC\x8B" "1\"", "\"'\xEF\xBC\x8D" "1\"",
                          "\"'\xEF\xBC\xA0SUM(1)\"", "\"'=1+1\""};
    for (int i = 0; i < 7; i++) put_answer(t, i, names[i], "p", "q1");
    make_dir(fx->dir, "csv");
    char *csv = path_in(fx->dir, "csv");
    AilError err;
    assert_int_equal(sync_report(t, csv, NULL, &err), AIL_OK);
    sync_trainer_close(t);
    char *p = path_in(csv, "learners_lessons.csv");
    size_t len;
    char *text = read_all(p, &len);
    for (int i = 0; i < 7; i++) {
        if (!strstr(text, want[i])) fprintf(stderr, "not guarded: %s\n", want[i]);
        assert_non_null(strstr(text, want[i]));
    }
    free(text);
    free(p);
    free(csv);
}

/* Bidi controls in names and ids (U+202E and its kin) cannot reorder a report's
 * columns: the CSV and the HTML hold none, and HTML isolates each text in <bdi>. */
static void test_bidi_controls_cannot_reorder_a_report(void **state) {
    Fx *fx = *state;
    SyncTrainerDb *t = trainer(fx->dir, "trainer.db");
    put_answer(t, 1, "\xE2\x80\xAE" "evil\xE2\x81\xA6name\xE2\x80\x8F", "pack\xD8\x9C\xE2\x80\xAA",
               "q\xE2\x81\xA9" "1\xE2\x80\xAD");
    make_dir(fx->dir, "csv");
    char *csv = path_in(fx->dir, "csv");
    char *html = path_in(fx->dir, "report.html");
    AilError err;
    assert_int_equal(sync_report(t, csv, html, &err), AIL_OK);
    sync_trainer_close(t);
    static const char *const files[] = {"learners_lessons.csv", "questions.csv", "lessons.csv"};
    static const char *const controls[] = {"\xE2\x80\xAA", "\xE2\x80\xAB", "\xE2\x80\xAC",
                                           "\xE2\x80\xAD", "\xE2\x80\xAE", "\xE2\x81\xA6",
                                           "\xE2\x81\xA7", "\xE2\x81\xA8", "\xE2\x81\xA9",
                                           "\xE2\x80\x8E", "\xE2\x80\x8F", "\xD8\x9C"};
    for (int k = 0; k < 4; k++) {
        char *p = k < 3 ? path_in(csv, files[k]) : strdup(html);
        size_t len;
        char *text = read_all(p, &len);
        for (size_t c = 0; c < sizeof controls / sizeof *controls; c++) {
            if (strstr(text, controls[c])) fprintf(stderr, "%s keeps control %zu\n", p, c);
            assert_null(strstr(text, controls[c]));
        }
        if (k == 0) assert_non_null(strstr(text, "\"evilname\",\"00000000-0000-4000-9000-"));
        if (k == 3) {
            assert_non_null(strstr(text, "<td><bdi>evilname</bdi></td>"));
            assert_non_null(strstr(text, "<bdi>pack</bdi> / <bdi>l</bdi> / <bdi>q</bdi>"));
        }
        free(text);
        free(p);
    }
    free(csv);
    free(html);
}

/* The HTML stops at 2000 rows a table and says so; the CSV has every row. */
static void test_html_tables_are_capped_with_a_note(void **state) {
    Fx *fx = *state;
    SyncTrainerDb *t = trainer(fx->dir, "trainer.db");
    assert_int_equal(sqlite3_exec(t->db, "BEGIN", NULL, NULL, NULL), SQLITE_OK);
    for (int i = 0; i < 2005; i++) {
        char q[16];
        snprintf(q, sizeof q, "q%04d", i);
        put_answer(t, i, NULL, "p", q);
    }
    assert_int_equal(sqlite3_exec(t->db, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
    make_dir(fx->dir, "csv");
    char *csv = path_in(fx->dir, "csv");
    char *html = path_in(fx->dir, "report.html");
    AilError err;
    assert_int_equal(sync_report(t, csv, html, &err), AIL_OK);
    sync_trainer_close(t);
    size_t len;
    char *page = read_all(html, &len);
    assert_non_null(strstr(page, "Showing the first 2000 of 2005 rows; the CSV file questions.csv "
                                 "has them all."));
    assert_non_null(strstr(page, "Showing the first 2000 of 2005 rows; the CSV file "
                                 "learners_lessons.csv has them all."));
    assert_non_null(strstr(page, "q1999"));
    assert_null(strstr(page, "q2000"));
    char *p = path_in(csv, "questions.csv");
    char *questions = read_all(p, &len);
    size_t lines = 0;
    for (char *c = questions; (c = strstr(c, "\r\n")) != NULL; c += 2) lines++;
    assert_int_equal(lines, 1 + 2005);
    free(questions);
    free(p);
    free(page);
    free(csv);
    free(html);
}

/* Chart labels are shortened between characters: a long Arabic or Chinese lesson
 * title or misconception tag never leaves half a character in the page. */
static void test_chart_labels_are_cut_between_characters(void **state) {
    Fx *fx = *state;
    SyncTrainerDb *t = trainer(fx->dir, "trainer.db");
    AilBuf title;
    ail_buf_init(&title);
    ail_buf_puts(&title, "ab"); /* "p: ab" then 3-byte characters: byte 60 falls inside one */
    for (int i = 0; i < 40; i++) ail_buf_puts(&title, "\xE4\xB8\xAD"); /* 中 */
    sqlite3_stmt *st = NULL;
    assert_int_equal(
        sqlite3_prepare_v2(t->db,
                           "INSERT INTO statements(id, learner, verb, pack_id, pack_version,"
                           " lesson_id, title, misconception, at) VALUES ('00000000-0000-4000-8000-"
                           "000000000001', 'l', 'completed', 'p', '1', 'l1', ?1, ?1, 'x')",
                           -1, &st, NULL),
        SQLITE_OK);
    sqlite3_bind_text(st, 1, title.data, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
    char *html = path_in(fx->dir, "report.html");
    AilError err;
    assert_int_equal(sync_report(t, NULL, html, &err), AIL_OK);
    size_t len;
    char *page = read_all(html, &len);
    assert_true(ail_utf8_valid(page, len, NULL));
    assert_non_null(strstr(page, "\xE4\xB8\xAD..."));
    free(page);
    free(html);
    ail_buf_free(&title);
    sync_trainer_close(t);
}

/* Four learners, three questions, totals 3, 2, 1, 0 (no ties at the 27 % cut):
 * p, D and the point-biserial r (against the rest of the quiz) worked out by hand. */
static void test_item_statistics_match_a_hand_computation(void **state) {
    Fx *fx = *state;
    SyncTrainerDb *t = trainer(fx->dir, "trainer.db");
    static const int right[4][3] = {{1, 1, 1}, {1, 1, 0}, {0, 1, 0}, {0, 0, 0}};
    sqlite3_stmt *st = NULL;
    assert_int_equal(
        sqlite3_prepare_v2(t->db,
                           "INSERT INTO statements(id, learner, verb, pack_id, pack_version,"
                           " lesson_id, quiz_id, question_id, title, success, at)"
                           " VALUES (?, ?, 'answered', 'p', '1', 'l', 'q', ?, ?, ?, ?)",
                           -1, &st, NULL),
        SQLITE_OK);
    for (int l = 0; l < 4; l++)
        for (int q = 0; q < 3; q++) {
            char id[40], learner[40], qid[8], at[40];
            snprintf(id, sizeof id, "00000000-0000-4000-8000-0000000000%d%d", l, q);
            snprintf(learner, sizeof learner, "learner-%d", l);
            snprintf(qid, sizeof qid, "q%d", q + 1);
            snprintf(at, sizeof at, "2026-11-28T10:00:0%d.000Z", q);
            sqlite3_reset(st);
            sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(st, 2, learner, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(st, 3, qid, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(st, 4, qid, -1, SQLITE_TRANSIENT);
            sqlite3_bind_int(st, 5, right[l][q]);
            sqlite3_bind_text(st, 6, at, -1, SQLITE_TRANSIENT);
            assert_int_equal(sqlite3_step(st), SQLITE_DONE);
        }
    sqlite3_finalize(st);
    make_dir(fx->dir, "csv");
    char *csv = path_in(fx->dir, "csv");
    AilError err;
    assert_int_equal(sync_report(t, csv, NULL, &err), AIL_OK);
    sync_trainer_close(t);
    char *p = path_in(csv, "questions.csv");
    size_t len;
    char *q = read_all(p, &len);
    /* answered, correct, p, D, r */
    assert_true(csv_has_row_with(q, "\"q1\",\"q1\"", ",4,2,0.5000,1,0.7071,"));
    assert_true(csv_has_row_with(q, "\"q2\",\"q2\"", ",4,3,0.7500,0.5000,0.5222,"));
    assert_true(csv_has_row_with(q, "\"q3\",\"q3\"", ",4,1,0.2500,0.5000,0.5222,"));
    free(q);
    free(p);
    free(csv);
}

/* ---- The trainer's report: language, packs, quizzes, gains, learners' pages ---- */

/* The conversions (%lld, %zu, %s, ...) of a printf format, in order, into out. */
static void conversions(const char *fmt, char *out, size_t size) {
    size_t n = 0;
    for (const char *p = fmt; *p && n + 8 < size; p++) {
        /* "27 % of", "27 %.": a percent sign in a text that is no format */
        if (*p != '%' || p[1] == ' ' || (p[1] == '.' && !(p[2] >= '0' && p[2] <= '9'))) continue;
        p++;
        while (*p && strchr("0123456789.+-lz", *p)) out[n++] = *p++;
        if (*p) out[n++] = *p;
        out[n++] = ' ';
    }
    out[n] = '\0';
}

/* Every string of the report's table has all five languages, with the English
 * string's printf conversions in the same order (a table entry is a format the
 * compiler cannot check). */
static void test_report_strings_have_every_language_and_the_same_conversions(void **state) {
    (void)state;
    static const char *const langs[] = {"en", "fr", "zh-Hans", "ar", "sw"};
    for (int id = 0; id < RS_COUNT; id++) {
        char want[128], got[128];
        conversions(report_string(0, (ReportStringId)id), want, sizeof want);
        for (int l = 0; l < 5; l++) {
            assert_int_equal(report_lang_index(langs[l]), l);
            const char *s = report_string(l, (ReportStringId)id);
            assert_true(*s);
            conversions(s, got, sizeof got);
            if (strcmp(want, got)) fprintf(stderr, "string %d in %s: %s\n", id, langs[l], s);
            assert_string_equal(want, got);
        }
    }
    assert_true(sync_report_lang_known("sw"));
    assert_false(sync_report_lang_known("de"));
}

/* Writes the report of t in lang with packs (may be NULL) into fx->dir: csv/ and
 * report.html; returns the page. */
static char *report_with(Fx *fx, SyncTrainerDb *t, const char *lang, Course *const *packs,
                         size_t pack_count) {
    char *csv = path_in(fx->dir, "csv");
    mkdir(csv, 0755);
    char *html = path_in(fx->dir, "report.html");
    SyncReportOptions o = {.csv_dir = csv, .html_path = html, .lang = lang, .courses = packs,
                           .course_count = pack_count};
    AilError err;
    AilResult r = sync_report_write(t, &o, &err);
    if (r) fprintf(stderr, "report: %s\n", err.message);
    assert_int_equal(r, AIL_OK);
    size_t len;
    char *page = read_all(html, &len);
    free(csv);
    free(html);
    return page;
}

static char *csv_file(Fx *fx, const char *name) {
    char *dir = path_in(fx->dir, "csv"), *p = path_in(dir, name);
    size_t len;
    char *text = read_all(p, &len);
    free(dir);
    free(p);
    return text;
}

/* The page is in the language asked for: its own strings, lang and dir; Arabic
 * reads right to left. */
static void test_report_page_is_in_the_language_asked_for(void **state) {
    Fx *fx = *state;
    SyncExportResult a = export_to(fx, fx->dir, false, false);
    SyncTrainerDb *t = trainer(fx->dir, "trainer.db");
    merge_ok(t, a.path);
    char *page = report_with(fx, t, "ar", NULL, 0);
    assert_non_null(strstr(page, "<html lang=\"ar\" dir=\"rtl\">"));
    assert_non_null(strstr(page, "<h1>تقرير تقدّم ailit</h1>"));
    assert_null(strstr(page, "Completion per lesson"));
    free(page);
    page = report_with(fx, t, "zh-Hans", NULL, 0);
    assert_non_null(strstr(page, "<html lang=\"zh-Hans\" dir=\"ltr\">"));
    assert_non_null(strstr(page, "各课完成情况"));
    free(page);
    page = report_with(fx, t, NULL, NULL, 0);
    assert_non_null(strstr(page, "<html lang=\"en\" dir=\"ltr\">"));
    free(page);
    sync_trainer_close(t);
}

/* With the pack installed, questions come in course order (not by id) with their
 * prompts, and lessons and quizzes by their titles, in the report's language. */
static void test_report_names_and_orders_by_the_installed_packs(void **state) {
    Fx *fx = *state;
    SyncExportResult a = export_to(fx, fx->dir, false, false);
    SyncTrainerDb *t = trainer(fx->dir, "trainer.db");
    merge_ok(t, a.path);
    put_answer(t, 1, "Gone", "gone-pack", "q-gone"); /* a pack not installed */
    char *page = report_with(fx, t, "fr", &fx->tiny, 1);
    char *q = csv_file(fx, "questions.csv");
    static const char *const order[] = {"\"alive\"", "\"right\"", "\"sky\"", "\"steps\"",
                                        "\"pairs\"", "\"word\"", "\"q-gone\""};
    const char *at = q;
    for (size_t i = 0; i < sizeof order / sizeof *order; i++) {
        const char *next = strstr(at, order[i]);
        if (!next) fprintf(stderr, "%s is not after the one before it\n", order[i]);
        assert_non_null(next);
        at = next;
    }
    assert_non_null(strstr(q, "\"Un chatbot est-il vivant ?\""));
    assert_non_null(strstr(page, "<bdi>Les robots et vous</bdi> › <bdi>Vérifier</bdi>"));
    assert_non_null(strstr(page, "<bdi>Un chatbot est-il vivant ?</bdi>"));
    /* the missing pack by its ids, after */
    assert_non_null(strstr(page, "<bdi>gone-pack</bdi> / <bdi>l</bdi> / <bdi>q</bdi>"));
    assert_true(strstr(page, "<bdi>gone-pack</bdi> / <bdi>l</bdi> / <bdi>q</bdi>") >
                strstr(page, "<bdi>Un chatbot est-il vivant ?</bdi>"));
    free(q);
    free(page);
    sync_trainer_close(t);
}

/* Misconception tags are named by the belief they stand for, in the report's
 * language (and the tag kept beside it). */
static void test_misconceptions_are_named_in_words(void **state) {
    Fx *fx = *state;
    SyncExportResult a = export_to(fx, fx->dir, false, false);
    SyncTrainerDb *t = trainer(fx->dir, "trainer.db");
    merge_ok(t, a.path);
    char *page = report_with(fx, t, "en", NULL, 0);
    assert_non_null(strstr(page, "<bdi>AI is always correct, or neutral and objective</bdi>"));
    assert_non_null(strstr(page, "(<bdi>ai-is-always-right</bdi>)"));
    free(page);
    page = report_with(fx, t, "sw", NULL, 0);
    assert_non_null(strstr(page, "AI iko sahihi kila wakati"));
    char *m = csv_file(fx, "misconceptions.csv");
    assert_non_null(strstr(m, ",\"AI iko sahihi kila wakati, au haina upendeleo\"\r\n"));
    free(m);
    free(page);
    sync_trainer_close(t);
}

/* One quiz attempt's columns (and, with role, a body carrying it as a device
 * writes it) straight into the trainer database. */
static void put_attempt(SyncTrainerDb *t, int n, const char *learner, const char *quiz,
                        bool passed, double scaled, const char *role) {
    char id[40], at[40], body[512];
    snprintf(id, sizeof id, "00000000-0000-4000-8000-%012d", n);
    snprintf(at, sizeof at, "2026-11-28T10:%02d:00.000Z", n % 60);
    snprintf(body, sizeof body,
             "{\"context\":{\"extensions\":{\"" PROGRESS_XAPI_IRI
             "/extensions/pack\":{\"id\":\"p\",\"quiz\":\"%s\"%s%s%s}}}}",
             quiz, role ? ",\"role\":\"" : "", role ? role : "", role ? "\"" : "");
    sqlite3_stmt *st = NULL;
    assert_int_equal(
        sqlite3_prepare_v2(t->db,
                           "INSERT INTO statements(id, learner, verb, pack_id, pack_version,"
                           " lesson_id, quiz_id, scaled, at) VALUES (?1, ?2, ?3, 'p', '1', 'l',"
                           " ?4, ?5, ?6)",
                           -1, &st, NULL),
        SQLITE_OK);
    assert_int_equal(sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT), SQLITE_OK);
    assert_int_equal(sqlite3_bind_text(st, 2, learner, -1, SQLITE_TRANSIENT), SQLITE_OK);
    assert_int_equal(sqlite3_bind_text(st, 3, passed ? "passed" : "failed", -1, SQLITE_STATIC),
                     SQLITE_OK);
    assert_int_equal(sqlite3_bind_text(st, 4, quiz, -1, SQLITE_TRANSIENT), SQLITE_OK);
    assert_int_equal(sqlite3_bind_double(st, 5, scaled), SQLITE_OK);
    assert_int_equal(sqlite3_bind_text(st, 6, at, -1, SQLITE_TRANSIENT), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
    assert_int_equal(sqlite3_prepare_v2(t->db,
                                        "INSERT INTO bodies(row, body) VALUES"
                                        " (last_insert_rowid(), ?1)",
                                        -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_bind_text(st, 1, body, -1, SQLITE_TRANSIENT), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
}

/* Per quiz: learners, passed (at least once) and not, the pass rate, the mean first
 * and best scores, and attempts per learner, worked out by hand. */
static void test_quizzes_show_pass_rate_first_and_best_scores_and_attempts(void **state) {
    Fx *fx = *state;
    SyncTrainerDb *t = trainer(fx->dir, "trainer.db");
    put_attempt(t, 1, "a", "q", false, 0.4, NULL); /* a: 0.4 then 0.8 */
    put_attempt(t, 2, "a", "q", true, 0.8, NULL);
    put_attempt(t, 3, "b", "q", true, 0.9, NULL);
    put_attempt(t, 4, "c", "q", false, 0.2, NULL);
    put_attempt(t, 5, "c", "q", false, 0.1, NULL); /* c: first 0.2, best 0.2 */
    char *page = report_with(fx, t, "en", NULL, 0);
    char *q = csv_file(fx, "quizzes.csv");
    /* learners, passed, not passed, rate, first (0.4+0.9+0.2)/3, best (0.8+0.9+0.2)/3, 5/3 */
    assert_true(csv_has_row_with(q, "\"p\",\"l\",\"q\"", ",3,2,1,0.6667,0.5000,0.6333,1.6667"));
    assert_non_null(strstr(page, "<td class=\"n\">3</td><td class=\"n\">67%</td>"
                                 "<td class=\"n\">2</td><td class=\"n\">1</td>"
                                 "<td class=\"n\">50%</td><td class=\"n\">63%</td>"
                                 "<td class=\"n\">1.7</td>"));
    free(q);
    free(page);
    sync_trainer_close(t);
}

/* Where the statements mark a pre-test and a post-test (their pack not installed),
 * each learner's first pre-test score is set against their first post-test score,
 * and the group's means against each other. */
static void test_pre_post_gain_per_learner_and_for_the_group(void **state) {
    Fx *fx = *state;
    SyncTrainerDb *t = trainer(fx->dir, "trainer.db");
    put_attempt(t, 1, "a", "before", false, 0.2, "pre");
    put_attempt(t, 2, "a", "before", true, 0.9, "pre"); /* a retry: not the first */
    put_attempt(t, 3, "b", "before", false, 0.5, "pre");
    put_attempt(t, 4, "a", "after", true, 0.8, "post");
    put_attempt(t, 5, "b", "after", true, 0.7, "post");
    put_attempt(t, 6, "c", "before", false, 0.3, "pre"); /* never took the post-test */
    put_attempt(t, 7, "a", "other", true, 1, NULL);
    char *page = report_with(fx, t, "en", NULL, 0);
    char *g = csv_file(fx, "pre_post.csv");
    assert_true(csv_has_row_with(g, ",\"a\",", ",0.2000,0.8000,0.6000"));
    assert_true(csv_has_row_with(g, ",\"b\",", ",0.5000,0.7000,0.2000"));
    assert_true(csv_has_row_with(g, ",\"c\",", ",0.3000,,"));
    assert_non_null(strstr(page, "Whole group: 2 learners took both tests."));
    /* group: pre (0.2+0.5)/2, post (0.8+0.7)/2, gain +40 */
    assert_non_null(strstr(page, "<td class=\"n\">35%</td><td class=\"n\">75%</td>"
                                 "<td class=\"n\">+40</td>"));
    assert_non_null(strstr(page, "before</bdi> <span class=\"muted\">(pre-test)</span>"));
    /* the learner's own page carries it too */
    assert_non_null(strstr(page, "20% → 80% (gain <span dir=\"ltr\">+60</span>)"));
    free(g);
    free(page);
    sync_trainer_close(t);
}

/* Adds learner n's first answer to question q ('p'/'l'/'quiz'), right or wrong. */
static void put_first_answer(SyncTrainerDb *t, int n, int learner, const char *q, bool right) {
    char id[40], who[32];
    snprintf(id, sizeof id, "00000000-0000-4000-8000-%012d", n);
    snprintf(who, sizeof who, "learner-%02d", learner);
    sqlite3_stmt *st = NULL;
    assert_int_equal(
        sqlite3_prepare_v2(t->db,
                           "INSERT INTO statements(id, learner, verb, pack_id, pack_version,"
                           " lesson_id, quiz_id, question_id, title, success, at) VALUES (?1, ?2,"
                           " 'answered', 'p', '1', 'l', 'quiz', ?3, ?3, ?4,"
                           " '2026-11-28T10:00:00.000Z')",
                           -1, &st, NULL),
        SQLITE_OK);
    assert_int_equal(sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT), SQLITE_OK);
    assert_int_equal(sqlite3_bind_text(st, 2, who, -1, SQLITE_TRANSIENT), SQLITE_OK);
    assert_int_equal(sqlite3_bind_text(st, 3, q, -1, SQLITE_TRANSIENT), SQLITE_OK);
    assert_int_equal(sqlite3_bind_int(st, 4, right), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
}

/* learners learners answer "key" as a wrong key makes them (the strong ones wrong)
 * and three other questions by ability; returns whether "key" was flagged. */
static bool key_flagged(Fx *fx, int learners) {
    char name[32];
    snprintf(name, sizeof name, "trainer-%d.db", learners);
    SyncTrainerDb *t = trainer(fx->dir, name);
    int n = 0;
    for (int l = 0; l < learners; l++) {
        bool strong = l < learners / 2;
        put_first_answer(t, n++, l, "key", !strong);
        for (int k = 0; k < 3; k++) put_first_answer(t, n++, l, k == 0 ? "a" : k == 1 ? "b" : "c",
                                                     strong || (l + k) % 3 == 0);
    }
    char *page = report_with(fx, t, "en", NULL, 0);
    char *q = csv_file(fx, "questions.csv");
    bool flagged = csv_has_row_with(q, "\"key\",\"key\"", "check the answer key");
    assert_false(csv_has_row_with(q, "\"a\",\"a\"", "check the answer key"));
    assert_int_equal(strstr(page, "⚠ check the answer key") != NULL, flagged);
    free(q);
    free(page);
    sync_trainer_close(t);
    return flagged;
}

/* "Check the answer key" only where at least ten learners answered and both D and
 * r are negative: with nine, the same pattern is noted as too few, not flagged. */
static void test_answer_key_flag_needs_ten_answers_and_both_d_and_r_negative(void **state) {
    Fx *fx = *state;
    assert_false(key_flagged(fx, 9));
    assert_true(key_flagged(fx, 10));
    assert_true(key_flagged(fx, 14));
}

/* One negative statistic alone is no flag: it is too often noise. Ten learners
 * whose totals put "mixed" at D > 0 but r < 0 (found by a search; with 27 % groups
 * of 3 and no ties at the cuts). */
static void test_one_negative_statistic_is_no_flag(void **state) {
    Fx *fx = *state;
    SyncTrainerDb *t = trainer(fx->dir, "trainer.db");
    static const int others[10] = {5, 2, 6, 2, 1, 5, 7, 5, 5, 2};
    static const int mixed[10] = {1, 1, 0, 0, 1, 0, 1, 0, 0, 0};
    int n = 0;
    for (int l = 0; l < 10; l++) {
        put_first_answer(t, n++, l, "mixed", mixed[l]);
        for (int k = 0; k < 7; k++) {
            char q[8];
            snprintf(q, sizeof q, "o%d", k);
            put_first_answer(t, n++, l, q, k < others[l]);
        }
    }
    char *page = report_with(fx, t, "en", NULL, 0);
    char *q = csv_file(fx, "questions.csv");
    const char *row = strstr(q, "\"mixed\",\"mixed\",");
    assert_non_null(row);
    double p, d, r;
    int answered, correct;
    assert_int_equal(sscanf(row + strlen("\"mixed\",\"mixed\","), "%d,%d,%lf,%lf,%lf", &answered,
                            &correct, &p, &d, &r),
                     5);
    assert_int_equal(answered, 10);
    if (!(d > 0 && r < 0)) fprintf(stderr, "D %.4f r %.4f: the fixture no longer splits them\n", d, r);
    assert_true(d > 0 && r < 0);
    assert_false(csv_has_row_with(q, "\"mixed\",\"mixed\"", "check the answer key"));
    free(q);
    free(page);
    sync_trainer_close(t);
}

/* The page explains p, D and r in plain words, and prints on A4 with a page of its
 * own for each learner, without a script. */
static void test_each_learner_gets_a_printable_page_and_the_numbers_are_explained(void **state) {
    Fx *fx = *state;
    SyncExportResult a = export_to(fx, fx->dir, false, false);
    SyncTrainerDb *t = trainer(fx->dir, "trainer.db");
    merge_ok(t, a.path);
    char *page = report_with(fx, t, "en", &fx->tiny, 1);
    assert_non_null(strstr(page, "How to read the numbers"));
    assert_non_null(strstr(page, "p (difficulty): the share of learners"));
    assert_non_null(strstr(page, "D (discrimination)"));
    assert_non_null(strstr(page, "r (point-biserial)"));
    assert_non_null(strstr(page, "@page{size:A4"));
    assert_non_null(strstr(page, "@media print{"));
    assert_non_null(strstr(page, ".learner{break-before:page;page-break-before:always}"));
    size_t pages = 0;
    for (const char *s = page; (s = strstr(s, "<section class=\"learner\">")) != NULL; s++) pages++;
    assert_int_equal(pages, 2); /* Amina and Bola */
    assert_non_null(strstr(page, "<td><bdi>Amina Zed-Unique</bdi></td>"));
    assert_non_null(strstr(page, "<th>lessons completed</th><td>1 / 1</td>"));
    /* Bola's wrong answer shows a belief; Amina, all right, shows none */
    assert_non_null(strstr(page, "<tr><th>misconceptions shown (answers)</th><td><bdi>AI is always "
                                 "correct, or neutral and objective</bdi> (1)</td></tr>"));
    assert_int_equal(strstr(strstr(page, "Amina Zed-Unique</bdi></td>"), "</table>") <
                         strstr(strstr(page, "Amina Zed-Unique</bdi></td>"), "misconceptions shown"),
                     true);
    assert_null(strstr(page, "<script"));
    free(page);
    sync_trainer_close(t);
}

/* test_sync --file-systems: exporting to a full and to a read-only file system, on
 * tmpfs mounts; skipped (77) when they cannot be made. */
static int run_file_system_tests(void) {
    /* A private mount namespace: tmpfs mounts vanish with this process. */
    can_mount = geteuid() == 0 && unshare(CLONE_NEWNS) == 0 &&
                mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) == 0;
    if (!can_mount) {
        printf("test_sync: skipped: exporting to a full and a read-only file system needs "
               "tmpfs mounts, which need root\n");
        return 77;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_export_to_a_full_file_system_fails_cleanly, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_export_to_a_read_only_folder_fails_cleanly, setup,
                                        teardown),
    };
    return cmocka_run_group_tests_name("sync file systems", tests, NULL, NULL);
}

/* ---- Laptops and workshops by name ---- */

static void test_device_slugs_keep_ascii_letters_and_digits(void **state) {
    (void)state;
    char slug[SYNC_SLUG_MAX + 1];
    assert_int_equal(sync_device_slug("Room 4, laptop 7", slug, sizeof slug), 15);
    assert_string_equal(slug, "room-4-laptop-7");
    sync_device_slug("  Salle d'été n°3 ", slug, sizeof slug);
    assert_string_equal(slug, "salle-d-ete-n-3");
    assert_int_equal(sync_device_slug("教室四", slug, sizeof slug), 0);
    sync_device_slug("Kisumu: 教室 / 2", slug, sizeof slug);
    assert_string_equal(slug, "kisumu-2");
    assert_int_equal(sync_device_slug("a very long name for one laptop in the back row", slug,
                                      sizeof slug),
                     SYNC_SLUG_MAX - 1); /* cut, then no dash at the end */
    assert_string_equal(slug, "a-very-long-name-for-one-laptop");
}

static void test_progress_file_names_carry_the_laptops_name_and_short_id(void **state) {
    Fx *fx = *state;
    AilError err;
    assert_int_equal(progress_device_rename(fx->store, "Room 4, laptop 7", &err), AIL_OK);
    ProgressDevice d;
    progress_device_get(fx->store, &d, &err);
    SyncExportResult res = export_to(fx, fx->dir, false, false);
    const char *base = strrchr(res.path, '/') + 1;
    char want[128];
    snprintf(want, sizeof want, "ailit-progress-room-4-laptop-7-%.8s-20", d.uuid);
    assert_memory_equal(base, want, strlen(want));
    assert_null(strpbrk(base, ":\\*?\"<>| "));
    assert_string_equal(base + strlen(base) - 6, "Z.json");
    size_t len;
    char *text = read_all(res.path, &len);
    assert_non_null(strstr(text, "\"device\":{\"id\":"));
    assert_non_null(strstr(text, "\"name\":\"Room 4, laptop 7\""));
    free(text);
    /* A name with no ASCII letter or digit: "device" stands for it. */
    char name[256];
    snprintf(d.name, sizeof d.name, "教室四");
    sync_export_file_name(&d, 1764669600000, 2, name, sizeof name);
    snprintf(want, sizeof want, "ailit-progress-device-%.8s-20251202T100000Z-2.json", d.uuid);
    assert_string_equal(name, want);
}

static void touch(const char *dir, const char *name) {
    char *p = path_in(dir, name);
    write_all(p, "{}", 2);
    free(p);
}

static void test_a_folder_brings_every_progress_file_in_it_and_its_folders(void **state) {
    Fx *fx = *state;
    make_dir(fx->dir, "stick");
    make_dir(fx->dir, "stick/day-1");
    make_dir(fx->dir, "stick/day-1/room-4");
    make_dir(fx->dir, "stick/.Trashes");
    touch(fx->dir, "stick/ailit-progress-a-1.json");
    touch(fx->dir, "stick/day-1/ailit-progress-b-2.json");
    touch(fx->dir, "stick/day-1/room-4/ailit-progress-c-3.json");
    touch(fx->dir, "stick/.Trashes/ailit-progress-d-4.json");       /* hidden folder */
    touch(fx->dir, "stick/.ailit-progress-e-5.json.123.tmp");       /* a half-written export */
    touch(fx->dir, "stick/notes.json");                             /* not a progress file */
    touch(fx->dir, "stick/ailit-progress-f.txt");
    char *stick = path_in(fx->dir, "stick");
    char **paths = NULL;
    size_t n = 0;
    AilError err;
    assert_int_equal(sync_progress_files(stick, &paths, &n, &err), AIL_OK);
    assert_int_equal(n, 3);
    assert_non_null(strstr(paths[0], "/stick/ailit-progress-a-1.json"));
    assert_non_null(strstr(paths[1], "/stick/day-1/ailit-progress-b-2.json"));
    assert_non_null(strstr(paths[2], "/stick/day-1/room-4/ailit-progress-c-3.json"));
    for (size_t i = 0; i < n; i++) free(paths[i]);
    free(paths);
    char *missing = path_in(fx->dir, "no-stick");
    assert_int_equal(sync_progress_files(missing, &paths, &n, &err), AIL_ERR_IO);
    assert_non_null(strstr(err.message, "no-stick"));
    free(missing);
    free(stick);
}

static SyncMergeCounts merge_tagged(SyncTrainerDb *t, const char *file, const char *tag) {
    SyncMergeCounts c;
    AilError err;
    AilResult r = sync_merge_file_tagged(t, file, tag, &c, &err);
    if (r) fprintf(stderr, "merge: %s\n", err.message);
    assert_int_equal(r, AIL_OK);
    return c;
}

static void test_a_workshop_tag_is_stored_with_each_merged_file_and_stays(void **state) {
    Fx *fx = *state;
    SyncExportResult a = export_to(fx, fx->dir, false, false);
    ProgressLearner l;
    AilError err;
    progress_learner_add(fx->store, "Chidi", 3, "", &l, &err);
    util_tiny_session(fx->store, l.uuid, fx->tiny, 0x3f, "en");
    SyncExportResult b = export_to(fx, fx->dir, false, false);
    SyncTrainerDb *t = trainer(fx->dir, "trainer.db");
    SyncMergeCounts c = merge_tagged(t, a.path, "Nairobi 2026-12");
    assert_string_equal(c.workshop, "Nairobi 2026-12");
    /* Merged again with another tag: it keeps its first one. */
    c = merge_tagged(t, a.path, "Kisumu 2027-01");
    assert_string_equal(c.workshop, "Nairobi 2026-12");
    /* Merged without a tag first, it takes the tag given later. */
    c = merge_ok(t, b.path);
    assert_string_equal(c.workshop, "");
    c = merge_tagged(t, b.path, "Kisumu 2027-01");
    assert_string_equal(c.workshop, "Kisumu 2027-01");
    assert_int_equal(c.duplicate, 11);
    /* A tag with a control character is refused before anything is read. */
    assert_int_equal(sync_merge_file_tagged(t, a.path, "bad\ttag", &c, &err), AIL_ERR_USAGE);
    assert_false(sync_workshop_ok(""));
    sync_trainer_close(t);
}

/* Two laptops: this one (22 statements, "Room 4") and another (11, "Room 5"), each
 * merged with its own workshop tag. */
static SyncTrainerDb *two_laptops(Fx *fx, ProgressDevice *room4, ProgressDevice *room5) {
    AilError err;
    progress_device_rename(fx->store, "Room 4", &err);
    progress_device_get(fx->store, room4, &err);
    SyncExportResult a = export_to(fx, fx->dir, false, false);
    ProgressStore *other = util_open(fx->dir, "other.db");
    progress_device_rename(other, "Room 5", &err);
    progress_device_get(other, room5, &err);
    ProgressLearner l;
    progress_learner_add(other, "Chidi", 0, "", &l, &err);
    util_tiny_session(other, l.uuid, fx->tiny, 0x3f, "en");
    SyncExportOptions o = {.out_dir = fx->dir};
    SyncExportResult b;
    assert_int_equal(sync_export(other, &o, &b, &err), AIL_OK);
    progress_close(other);
    SyncTrainerDb *t = trainer(fx->dir, "trainer.db");
    merge_tagged(t, a.path, "Nairobi 2026-12");
    merge_tagged(t, b.path, "Kisumu 2027-01");
    return t;
}

static void test_a_report_can_be_limited_to_a_device_a_workshop_or_days(void **state) {
    Fx *fx = *state;
    ProgressDevice room4, room5;
    SyncTrainerDb *t = two_laptops(fx, &room4, &room5);
    AilError err;
    char scope[300];
    const char *all = "SELECT count(*) FROM statements";
    SyncReportFilter by_name = {.device = "room 4"};
    assert_int_equal(sync_report_filter(t, &by_name, scope, sizeof scope, &err), AIL_OK);
    assert_int_equal(count_rows(t, all), 22);
    assert_int_equal(count_rows(t, "SELECT count(*) FROM devices"), 1);
    assert_string_equal(scope, "device room 4");
    char short_id[9];
    snprintf(short_id, sizeof short_id, "%.8s", room5.uuid);
    SyncReportFilter by_id = {.device = short_id};
    assert_int_equal(sync_report_filter(t, &by_id, scope, sizeof scope, &err), AIL_OK);
    assert_int_equal(count_rows(t, all), 11);
    assert_int_equal(count_rows(t, "SELECT count(DISTINCT learner) FROM statements"), 1);
    SyncReportFilter by_tag = {.workshop = "Nairobi 2026-12"};
    assert_int_equal(sync_report_filter(t, &by_tag, scope, sizeof scope, &err), AIL_OK);
    assert_int_equal(count_rows(t, all), 22);
    SyncReportFilter both = {.device = "Room 5", .workshop = "Nairobi 2026-12"};
    assert_int_equal(sync_report_filter(t, &both, scope, sizeof scope, &err), AIL_OK);
    assert_int_equal(count_rows(t, all), 0);
    /* Days, in UTC, both included. */
    char today[AIL_TIMESTAMP_LEN + 1];
    ail_time_format_rfc3339(ail_time_now_ms(), today);
    today[10] = '\0';
    SyncReportFilter days = {.from = today, .to = today};
    assert_int_equal(sync_report_filter(t, &days, scope, sizeof scope, &err), AIL_OK);
    assert_int_equal(count_rows(t, all), 33);
    SyncReportFilter old = {.from = "2001-01-01", .to = "2001-12-31"};
    assert_int_equal(sync_report_filter(t, &old, scope, sizeof scope, &err), AIL_OK);
    assert_int_equal(count_rows(t, all), 0);
    assert_string_equal(scope, "2001-01-01 to 2001-12-31");
    /* The report itself reads the limited rows: only Room 5's learner is in it. */
    SyncReportFilter room = {.device = "Room 5"};
    assert_int_equal(sync_report_filter(t, &room, scope, sizeof scope, &err), AIL_OK);
    make_dir(fx->dir, "csv");
    char *csv = path_in(fx->dir, "csv");
    assert_int_equal(sync_report(t, csv, NULL, &err), AIL_OK);
    char *learners = path_in(csv, "learners_lessons.csv");
    size_t len;
    char *text = read_all(learners, &len);
    assert_non_null(strstr(text, "Chidi"));
    assert_null(strstr(text, "Amina"));
    free(text);
    free(learners);
    free(csv);
    /* The page says it shows only part of the data, and which part. */
    char *html = path_in(fx->dir, "limited.html");
    SyncReportFilter limited = {.device = "Room 5", .from = "2001-01-01",
                                .workshop = "Kisumu 2027-01"};
    assert_int_equal(sync_report_filter(t, &limited, scope, sizeof scope, &err), AIL_OK);
    assert_int_equal(sync_report(t, NULL, html, &err), AIL_OK);
    text = read_all(html, &len);
    assert_non_null(strstr(text, "this report is limited to</strong> laptop <bdi>Room 5</bdi>"));
    assert_non_null(strstr(text, "days <bdi dir=\"ltr\">2001-01-01 – …</bdi>"));
    assert_non_null(strstr(text, "workshop <bdi>Kisumu 2027-01</bdi>"));
    free(text);
    /* Lifted, everything is there again, and the database never changed. */
    sync_report_filter_clear(t);
    assert_int_equal(sync_report(t, NULL, html, &err), AIL_OK);
    text = read_all(html, &len);
    assert_null(strstr(text, "limited to"));
    free(text);
    free(html);
    assert_int_equal(count_rows(t, all), 33);
    assert_int_equal(count_rows(t, "SELECT count(*) FROM main.statements"), 33);
    sync_trainer_close(t);
}

static void test_a_report_filter_that_matches_nothing_says_what_there_is(void **state) {
    Fx *fx = *state;
    ProgressDevice room4, room5;
    SyncTrainerDb *t = two_laptops(fx, &room4, &room5);
    AilError err;
    char scope[300];
    SyncReportFilter nobody = {.device = "Room 9"};
    assert_int_equal(sync_report_filter(t, &nobody, scope, sizeof scope, &err), AIL_ERR_NOT_FOUND);
    assert_non_null(strstr(err.message, "\"Room 9\""));
    assert_non_null(strstr(err.message, "Room 4 ("));
    assert_non_null(strstr(err.message, "Room 5 ("));
    SyncReportFilter no_tag = {.workshop = "Mombasa"};
    assert_int_equal(sync_report_filter(t, &no_tag, scope, sizeof scope, &err), AIL_ERR_NOT_FOUND);
    assert_non_null(strstr(err.message, "\"Kisumu 2027-01\", \"Nairobi 2026-12\""));
    SyncReportFilter bad_day = {.from = "1/12/2026"};
    assert_int_equal(sync_report_filter(t, &bad_day, scope, sizeof scope, &err), AIL_ERR_USAGE);
    assert_non_null(strstr(err.message, "YYYY-MM-DD"));
    SyncReportFilter backwards = {.from = "2026-12-05", .to = "2026-12-01"};
    assert_int_equal(sync_report_filter(t, &backwards, scope, sizeof scope, &err),
                     AIL_ERR_USAGE);
    /* A refused filter leaves no limit behind. */
    assert_int_equal(count_rows(t, "SELECT count(*) FROM statements"), 33);
    sync_trainer_close(t);
}

static void test_statements_of_another_deployments_iris_merge(void **state) {
    Fx *fx = *state;
    SyncExportResult a = export_to(fx, fx->dir, false, false);
    size_t len;
    char *text = read_all(a.path, &len);
    /* Every homePage and activity id, as a device configured otherwise writes them. */
    AilBuf b;
    ail_buf_init(&b);
    ail_buf_puts(&b, "");
    const char *p = text;
    for (const char *at; (at = strstr(p, "https://ailit.invalid/")) != NULL;) {
        ail_buf_append(&b, p, (size_t)(at - p));
        at += strlen("https://ailit.invalid/");
        if (strncmp(at, "learner", 7) == 0)
            ail_buf_puts(&b, "https://lrs.example.org/");
        else if (strncmp(at, "xapi/activities/", 16) == 0)
            ail_buf_puts(&b, "http://example.org/deploy/");
        else
            ail_buf_puts(&b, "https://ailit.invalid/"); /* ailit's extensions stay */
        p = at;
    }
    ail_buf_puts(&b, p);
    assert_non_null(strstr(b.data, "\"homePage\":\"https://lrs.example.org/learner\""));
    assert_non_null(strstr(b.data, "http://example.org/deploy/xapi/activities/pack/"));
    char *path = path_in(fx->dir, "other-deployment.json");
    write_all(path, b.data, b.len);
    SyncTrainerDb *t = trainer(fx->dir, "trainer.db");
    SyncMergeCounts c = merge_ok(t, path);
    assert_int_equal(c.added, 22);
    sync_trainer_close(t);
    ail_buf_free(&b);
    free(path);
    free(text);
}

/* A laptop whose clock says 1970 the day after a lesson (a Raspberry Pi with no
 * network starts so): what it records is dated after the day before, in order, and
 * the file it exports merges at the trainer's end (before the progress clock, every
 * statement of that morning said 1970 and the whole file was refused as lying). */
static void test_a_laptop_whose_clock_says_1970_exports_a_file_the_trainer_merges(void **state) {
    Fx *fx = *state;
    AilError err;
    util_clock_at(PROGRESS_BUILD_MS + 1000, 5000);
    ProgressStore *s = util_open(fx->dir, "pi.db");
    ProgressLearner l;
    assert_int_equal(progress_learner_add(s, "Neema", 3, "", &l, &err), AIL_OK);
    util_tiny_session(s, l.uuid, fx->tiny, 0x3f, "en");
    progress_close(s);
    util_clock_at(0, 700);
    s = util_open(fx->dir, "pi.db");
    for (size_t q = 0; q < 6; q++) {
        util_clock_tick(20000);
        util_tiny_answer(s, l.uuid, fx->tiny, q, q % 2 == 0, "en");
    }
    util_clock_tick(20000);
    assert_int_equal(progress_finish_lesson(s, l.uuid, fx->tiny, 0, "en", &err), AIL_OK);
    char *out = path_in(fx->dir, "stick");
    assert_int_equal(mkdir(out, 0755), 0);
    SyncExportOptions o = {.out_dir = out};
    SyncExportResult res;
    assert_int_equal(sync_export(s, &o, &res, &err), AIL_OK);
    assert_non_null(strstr(res.clock_note, "this computer's clock says 1970-01-01"));
    assert_non_null(strstr(res.clock_note, "Set the date and time in the system settings"));
    progress_close(s);
    util_clock_system();

    /* In the file: every time after the first day's, in the order they were made, and
     * the answers 20 s apart as they were given. */
    size_t len;
    char *text = read_all(res.path, &len);
    cJSON *file = cJSON_Parse(text);
    assert_non_null(file);
    char floor[AIL_TIMESTAMP_LEN + 1];
    ail_time_format_rfc3339(PROGRESS_BUILD_MS, floor);
    const cJSON *sts = cJSON_GetObjectItemCaseSensitive(file, "statements");
    const char *before = floor;
    int64_t second_day = 0;
    const cJSON *st;
    cJSON_ArrayForEach(st, sts) {
        const char *at = cJSON_GetObjectItemCaseSensitive(st, "timestamp")->valuestring;
        assert_true(strcmp(at, before) >= 0);
        before = at;
        const char *verb =
            cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(st, "verb"), "id")
                ->valuestring;
        char want[AIL_TIMESTAMP_LEN + 1];
        ail_time_format_rfc3339(PROGRESS_BUILD_MS + 1000, want);
        if (strcmp(at, want) == 0 || !strstr(verb, "answered")) continue;
        /* The first day ended at build + 1 s; the morning after runs on from just
         * after it, an answer every 20 s. */
        ail_time_format_rfc3339(PROGRESS_BUILD_MS + 1001 + 20000 * ++second_day, want);
        assert_string_equal(at, want);
    }
    assert_int_equal(second_day, 6);
    assert_true(strcmp(cJSON_GetObjectItemCaseSensitive(file, "exported_at")->valuestring,
                       before) >= 0);
    cJSON_Delete(file);
    free(text);

    SyncTrainerDb *t = trainer(fx->dir, "trainer.db");
    SyncMergeCounts c = merge_ok(t, res.path);
    assert_int_equal(c.added, res.statements);
    assert_int_equal(c.learners, 1);
    sync_trainer_close(t);
    free(out);
}

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "--file-systems") == 0) return run_file_system_tests();
    const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
        T(test_export_writes_the_progress_file_of_the_design),
        T(test_next_export_has_only_new_statements_and_all_repeats_them),
        T(test_anonymous_export_leaves_names_out),
        T(test_export_to_a_folder_removed_mid_write_fails_cleanly),
        T(test_merge_counts_new_then_duplicates_and_changes_nothing_twice),
        T(test_merge_in_any_order_gives_the_same_database),
        T(test_same_json_laid_out_differently_keeps_one_copy_in_any_order),
        T(test_same_id_with_other_content_is_a_listed_conflict),
        T(test_duplicate_ids_within_one_file),
        T(test_ids_sharing_their_first_bytes_stay_apart),
        T(test_ids_sharing_their_first_bytes_do_not_pile_up),
        T(test_typed_answers_of_any_bytes_still_merge),
        T(test_long_names_are_cut_between_characters),
        T(test_hostile_files_are_refused_whole),
        T(test_a_huge_roster_does_not_grow_memory),
        T(test_progress_files_that_lie_are_refused_whole),
        T(test_lying_fixtures_in_the_corpus_are_refused),
        T(test_a_stored_copy_that_cannot_be_read_refuses_the_file),
        T(test_an_interrupted_read_of_the_stored_copy_records_no_conflict),
        T(test_a_failed_bind_refuses_the_file_with_its_reason),
        T(test_randomly_damaged_files_merge_whole_or_not_at_all),
        T(test_a_batch_is_kept_whole_or_not_at_all),
        T(test_a_learner_store_is_not_a_trainer_database),
        T(test_damaged_or_newer_trainer_databases_are_refused_and_kept),
        T(test_report_writes_csv_and_a_self_contained_html_page),
        T(test_report_counts_the_learners_who_used_each_demo_page),
        T(test_csv_guards_formulas_after_a_tab_or_return),
        T(test_chart_labels_are_cut_between_characters),
        T(test_csv_guards_formulas_after_a_space_a_line_feed_or_in_full_width),
        T(test_bidi_controls_cannot_reorder_a_report),
        T(test_html_tables_are_capped_with_a_note),
        T(test_item_statistics_match_a_hand_computation),
        T(test_a_failing_read_never_leaves_a_partial_report),
        T(test_report_strings_have_every_language_and_the_same_conversions),
        T(test_report_page_is_in_the_language_asked_for),
        T(test_report_names_and_orders_by_the_installed_packs),
        T(test_misconceptions_are_named_in_words),
        T(test_quizzes_show_pass_rate_first_and_best_scores_and_attempts),
        T(test_pre_post_gain_per_learner_and_for_the_group),
        T(test_answer_key_flag_needs_ten_answers_and_both_d_and_r_negative),
        T(test_one_negative_statistic_is_no_flag),
        T(test_each_learner_gets_a_printable_page_and_the_numbers_are_explained),
        T(test_device_slugs_keep_ascii_letters_and_digits),
        T(test_progress_file_names_carry_the_laptops_name_and_short_id),
        T(test_a_folder_brings_every_progress_file_in_it_and_its_folders),
        T(test_a_workshop_tag_is_stored_with_each_merged_file_and_stays),
        T(test_a_report_can_be_limited_to_a_device_a_workshop_or_days),
        T(test_a_report_filter_that_matches_nothing_says_what_there_is),
        T(test_statements_of_another_deployments_iris_merge),
        T(test_a_laptop_whose_clock_says_1970_exports_a_file_the_trainer_merges),
    };
    return cmocka_run_group_tests_name("sync", tests, NULL, NULL);
}
