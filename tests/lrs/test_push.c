/*
 * sync_push against a scripted LRS (a fake SyncPushTransport): batching, the record
 * that makes a second push send nothing, tries with a growing wait, the 401 stop, the
 * statement-by-statement check after a 409, and the trainer database's migration.
 * The real LRS is lrs_push.mjs's.
 */
#include "sync/sync_internal.h"

#include <cjson/cJSON.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#define FAKE_MAX 64

/* The LRS's answers, in order (status 0: no answer), and what was asked of it. */
typedef struct {
    long status[FAKE_MAX];
    const char *body[FAKE_MAX];
    size_t answers, next;
    char method[FAKE_MAX][8];
    char url[FAKE_MAX][256];
    size_t sent_statements[FAKE_MAX]; /* in a POST's array */
    unsigned waits[FAKE_MAX];
    size_t wait_count;
} FakeLrs;

static size_t count_statements(const char *body) {
    cJSON *a = cJSON_Parse(body);
    size_t n = cJSON_IsArray(a) ? (size_t)cJSON_GetArraySize(a) : 0;
    cJSON_Delete(a);
    return n;
}

static void fake_request(void *ctx, const char *method, const char *url, const char *body,
                         size_t len, SyncHttpReply *reply) {
    FakeLrs *f = ctx;
    assert_true(f->next < f->answers);
    size_t i = f->next++;
    snprintf(f->method[i], sizeof f->method[i], "%s", method);
    snprintf(f->url[i], sizeof f->url[i], "%s", url);
    if (body) {
        char *copy = strndup(body, len);
        f->sent_statements[i] = count_statements(copy);
        free(copy);
    }
    ail_buf_clear(&reply->body);
    reply->status = f->status[i];
    snprintf(reply->error, sizeof reply->error, "%s", f->status[i] ? "" : "Connection refused");
    if (f->body[i]) ail_buf_puts(&reply->body, f->body[i]);
}

static void fake_wait(void *ctx, unsigned ms) {
    FakeLrs *f = ctx;
    f->waits[f->wait_count++] = ms;
}

static void answer(FakeLrs *f, long status, const char *body) {
    assert_true(f->answers < FAKE_MAX);
    f->status[f->answers] = status;
    f->body[f->answers++] = body;
}

typedef struct {
    char dir[64], path[128];
    SyncTrainerDb *db;
    FakeLrs lrs;
    SyncPushTransport transport;
    SyncPushOptions opts;
    AilError err;
} Fixture;

#define ID_FMT "00000000-0000-4000-8000-%012d"

/* A trainer database holding n statements {"id": ..., "n": i}. */
static int setup(void **state) {
    Fixture *x = calloc(1, sizeof *x);
    snprintf(x->dir, sizeof x->dir, "/tmp/ailit-test-push-XXXXXX");
    assert_non_null(mkdtemp(x->dir));
    snprintf(x->path, sizeof x->path, "%s/trainer.db", x->dir);
    assert_int_equal(sync_trainer_open(x->path, &x->db, &x->err), AIL_OK);
    x->transport = (SyncPushTransport){&x->lrs, fake_request, fake_wait};
    sync_push_options_init(&x->opts, "https://lrs.example.org/data/xAPI/");
    x->opts.transport = &x->transport;
    x->opts.first_wait_ms = 10;
    *state = x;
    return 0;
}

static void add_statements(Fixture *x, int n) {
    sqlite3 *db = x->db->db;
    sqlite3_stmt *st = NULL, *sb = NULL;
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "INSERT INTO statements(row, id, learner, verb, pack_id,"
                                        " pack_version, lesson_id, at)"
                                        " VALUES (?1, ?2, 'l', 'v', 'p', '1', 'x', 't')",
                                        -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(
        sqlite3_prepare_v2(db, "INSERT INTO bodies(row, body) VALUES (?1, ?2)", -1, &sb, NULL),
        SQLITE_OK);
    for (int i = 1; i <= n; i++) {
        char id[AIL_UUID_LEN + 1], body[128];
        snprintf(id, sizeof id, ID_FMT, i);
        snprintf(body, sizeof body, "{\"id\":\"%s\",\"n\":%d}", id, i);
        assert_int_equal(sqlite3_bind_int(st, 1, i), SQLITE_OK);
        assert_int_equal(sqlite3_bind_text(st, 2, id, -1, SQLITE_TRANSIENT), SQLITE_OK);
        assert_int_equal(sqlite3_step(st), SQLITE_DONE);
        assert_int_equal(sqlite3_reset(st), SQLITE_OK);
        assert_int_equal(sqlite3_bind_int(sb, 1, i), SQLITE_OK);
        assert_int_equal(sqlite3_bind_text(sb, 2, body, -1, SQLITE_TRANSIENT), SQLITE_OK);
        assert_int_equal(sqlite3_step(sb), SQLITE_DONE);
        assert_int_equal(sqlite3_reset(sb), SQLITE_OK);
    }
    sqlite3_finalize(st);
    sqlite3_finalize(sb);
}

static int teardown(void **state) {
    Fixture *x = *state;
    sync_trainer_close(x->db);
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", x->dir);
    assert_int_equal(system(cmd), 0);
    free(x);
    return 0;
}

static void push_sends_batches_and_records_them(void **state) {
    Fixture *x = *state;
    add_statements(x, 7);
    x->opts.batch = 3;
    for (int i = 0; i < 3; i++) answer(&x->lrs, 200, "[]");
    SyncPushCounts c;
    assert_int_equal(sync_push(x->db, &x->opts, &c, &x->err), AIL_OK);
    assert_int_equal(x->lrs.next, 3);
    assert_int_equal(x->lrs.sent_statements[0], 3);
    assert_int_equal(x->lrs.sent_statements[1], 3);
    assert_int_equal(x->lrs.sent_statements[2], 1);
    assert_string_equal(x->lrs.url[0], "https://lrs.example.org/data/xAPI/statements");
    assert_int_equal(c.accepted, 7);
    assert_int_equal(c.total, 7);
}

static void push_again_sends_nothing(void **state) {
    Fixture *x = *state;
    add_statements(x, 4);
    answer(&x->lrs, 204, NULL);
    SyncPushCounts c;
    assert_int_equal(sync_push(x->db, &x->opts, &c, &x->err), AIL_OK);
    assert_int_equal(sync_push(x->db, &x->opts, &c, &x->err), AIL_OK);
    assert_int_equal(x->lrs.next, 1);
    assert_int_equal(c.before, 4);
    assert_int_equal(c.accepted, 0);
}

static void push_tries_again_after_a_growing_wait(void **state) {
    Fixture *x = *state;
    add_statements(x, 2);
    answer(&x->lrs, 0, NULL);
    answer(&x->lrs, 503, "busy");
    answer(&x->lrs, 200, "[]");
    SyncPushCounts c;
    assert_int_equal(sync_push(x->db, &x->opts, &c, &x->err), AIL_OK);
    assert_int_equal(x->lrs.wait_count, 2);
    assert_int_equal(x->lrs.waits[0], 10);
    assert_int_equal(x->lrs.waits[1], 20);
    assert_int_equal(c.accepted, 2);
}

static void push_cut_off_resumes_where_it_stopped(void **state) {
    Fixture *x = *state;
    add_statements(x, 5);
    x->opts.batch = 2;
    answer(&x->lrs, 200, "[]");
    for (int i = 0; i < SYNC_PUSH_TRIES; i++) answer(&x->lrs, 0, NULL);
    SyncPushCounts c;
    assert_int_equal(sync_push(x->db, &x->opts, &c, &x->err), AIL_ERR_IO);
    assert_non_null(strstr(x->err.message, "run the same command again to go on"));
    assert_int_equal(x->lrs.wait_count, SYNC_PUSH_TRIES - 1);
    assert_int_equal(x->lrs.waits[3], 80);
    answer(&x->lrs, 200, "[]");
    answer(&x->lrs, 200, "[]");
    assert_int_equal(sync_push(x->db, &x->opts, &c, &x->err), AIL_OK);
    assert_int_equal(c.before, 2);
    assert_int_equal(c.accepted, 3);
    assert_int_equal(x->lrs.sent_statements[1 + SYNC_PUSH_TRIES], 2);
}

static void push_stops_at_once_on_a_wrong_password(void **state) {
    Fixture *x = *state;
    add_statements(x, 2);
    answer(&x->lrs, 401, "{\"message\":\"Unauthorised\"}");
    SyncPushCounts c;
    assert_int_equal(sync_push(x->db, &x->opts, &c, &x->err), AIL_ERR_INVALID);
    assert_non_null(strstr(x->err.message, "the LRS refused the user name or password"));
    assert_int_equal(x->lrs.next, 1);
    assert_int_equal(x->lrs.wait_count, 0);
}

static void push_checks_each_statement_after_a_409(void **state) {
    Fixture *x = *state;
    add_statements(x, 3);
    answer(&x->lrs, 409, "conflict");
    /* 1: held the same, with what the LRS adds; 2: held otherwise; 3: not held. */
    answer(&x->lrs, 200,
           "{\"n\":1,\"id\":\"00000000-0000-4000-8000-000000000001\",\"stored\":\"x\","
           "\"authority\":{},\"version\":\"1.0.0\"}");
    answer(&x->lrs, 200, "{\"id\":\"00000000-0000-4000-8000-000000000002\",\"n\":22}");
    answer(&x->lrs, 404, "");
    answer(&x->lrs, 204, NULL);
    SyncPushCounts c;
    assert_int_equal(sync_push(x->db, &x->opts, &c, &x->err), AIL_OK);
    assert_string_equal(x->lrs.method[1], "GET");
    assert_string_equal(x->lrs.url[1], "https://lrs.example.org/data/xAPI/statements"
                                       "?statementId=00000000-0000-4000-8000-000000000001");
    assert_string_equal(x->lrs.method[4], "POST");
    assert_int_equal(x->lrs.sent_statements[4], 1);
    assert_int_equal(c.accepted, 2);
    assert_int_equal(c.differing, 1);
    assert_string_equal(c.differing_ids[0], "00000000-0000-4000-8000-000000000002");
}

static void push_refuses_a_password_in_the_address(void **state) {
    Fixture *x = *state;
    x->opts.endpoint = "https://trainer:secret@lrs.example.org/xAPI";
    SyncPushCounts c;
    assert_int_equal(sync_push(x->db, &x->opts, &c, &x->err), AIL_ERR_USAGE);
    assert_null(strstr(x->err.message, "secret"));
    assert_int_equal(x->lrs.next, 0);
}

static void older_trainer_database_gains_the_pushed_table(void **state) {
    Fixture *x = *state;
    add_statements(x, 1);
    assert_int_equal(
        sqlite3_exec(x->db->db, "DROP TABLE pushed; PRAGMA user_version = 1", NULL, NULL, NULL),
        SQLITE_OK);
    sync_trainer_close(x->db);
    assert_int_equal(sync_trainer_open(x->path, &x->db, &x->err), AIL_OK);
    answer(&x->lrs, 200, "[]");
    SyncPushCounts c;
    assert_int_equal(sync_push(x->db, &x->opts, &c, &x->err), AIL_OK);
    assert_int_equal(c.accepted, 1);
}

int main(void) {
    const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
        T(push_sends_batches_and_records_them),    T(push_again_sends_nothing),
        T(push_tries_again_after_a_growing_wait),  T(push_cut_off_resumes_where_it_stopped),
        T(push_stops_at_once_on_a_wrong_password), T(push_checks_each_statement_after_a_409),
        T(push_refuses_a_password_in_the_address), T(older_trainer_database_gains_the_pushed_table),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
