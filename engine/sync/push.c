/*
 * ailit push: a trainer database's statements to an xAPI Learning Record Store.
 *
 * Statements go out as they came (their bytes, never re-encoded), in row order, a
 * batch a POST. A batch is recorded as pushed (push_db.c) only once the LRS has said
 * it holds it, so what is recorded is always held by the LRS; a cut-off run resends at
 * most the batch that was in flight, which the LRS takes as already held (xAPI: same
 * id, same content), or answers 409 for, which is then checked statement by
 * statement. The password stays in the transport; no message here can contain it.
 */
#include "sync/sync_internal.h"

#include <assert.h>
#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PUSH_URL_MAX 2048

typedef struct {
    SyncTrainerDb *db;
    const SyncPushOptions *o;
    const SyncPushTransport *t;
    SyncPushCounts *counts;
    char lrs[PUSH_URL_MAX];      /* the endpoint without trailing '/': the record's key */
    char url[PUSH_URL_MAX + 16]; /* its statements resource */
    size_t pushed;               /* recorded as held by this LRS, all runs */
    SyncHttpReply reply;
} Push;

void sync_push_options_init(SyncPushOptions *opts, const char *endpoint) {
    memset(opts, 0, sizeof *opts);
    opts->endpoint = endpoint;
    opts->batch = SYNC_PUSH_BATCH;
    opts->tries = SYNC_PUSH_TRIES;
    opts->first_wait_ms = SYNC_PUSH_FIRST_WAIT_MS;
}

/* True for answers worth another try: none at all, 408, 429 and 5xx. */
static bool push_transient(long status) {
    return status == 0 || status == 408 || status == 429 || (status >= 500 && status <= 599);
}

/* Sends one request, trying again after 1, 2, 4 ... times first_wait_ms while the
 * answer is transient; p->reply holds the last answer. */
static void push_send(Push *p, const char *method, const char *url, const char *body, size_t len) {
    unsigned wait = p->o->first_wait_ms;
    for (unsigned attempt = 1;; attempt++) {
        p->t->request(p->t->ctx, method, url, body, len, &p->reply);
        if (!push_transient(p->reply.status) || attempt >= p->o->tries) return;
        p->t->wait(p->t->ctx, wait);
        wait = wait > 60000 ? 120000 : wait * 2;
    }
}

/* The first line of the LRS's answer, printable ASCII only, at most 200 bytes. */
static void push_answer_text(const Push *p, char *out, size_t size) {
    size_t n = 0;
    const char *s = p->reply.body.data ? p->reply.body.data : "";
    for (; *s && *s != '\n' && n + 1 < size && n < 200; s++)
        out[n++] = isprint((unsigned char)*s) ? *s : '?';
    out[n] = 0;
}

/* The error for an answer that stops the push. */
static AilResult push_refused(Push *p, AilError *err) {
    long st = p->reply.status;
    char text[256];
    push_answer_text(p, text, sizeof text);
    if (st == 0)
        return ail_error_set(err, AIL_ERR_IO,
                             "cannot reach the LRS at %s after %u tries: %s. What it accepted "
                             "is recorded: run the same command again to go on",
                             p->lrs, p->o->tries, p->reply.error);
    if (st == 401 || st == 403)
        return ail_error_set(err, AIL_ERR_INVALID,
                             "the LRS refused the user name or password (HTTP %ld): check "
                             "--user and the password file, and that this user may write "
                             "statements to %s",
                             st, p->lrs);
    if (st == 404)
        return ail_error_set(err, AIL_ERR_INVALID,
                             "%s has no xAPI statements resource (HTTP 404): give --lrs the "
                             "LRS's xAPI endpoint, e.g. https://lrs.example.org/data/xAPI",
                             p->lrs);
    if (push_transient(st))
        return ail_error_set(err, AIL_ERR_IO,
                             "the LRS at %s kept failing (HTTP %ld after %u tries: %s). What it "
                             "accepted is recorded: run the same command again later",
                             p->lrs, st, p->o->tries, text);
    return ail_error_set(err, AIL_ERR_INVALID,
                         "the LRS at %s refused the statements (HTTP %ld: %s); what it "
                         "accepted before is recorded",
                         p->lrs, st, text);
}

/* Removes what an LRS adds or may change to a statement it stores. */
static void push_strip(cJSON *s) {
    cJSON_DeleteItemFromObjectCaseSensitive(s, "stored");
    cJSON_DeleteItemFromObjectCaseSensitive(s, "authority");
    cJSON_DeleteItemFromObjectCaseSensitive(s, "version");
}

/* True when the LRS's copy (JSON) says what ours (bytes) says, as xAPI compares. */
static bool push_same(const char *ours, size_t len, const char *theirs, size_t theirs_len) {
    cJSON *a = cJSON_ParseWithLength(ours, len);
    cJSON *b = cJSON_ParseWithLength(theirs, theirs_len);
    bool same = false;
    if (cJSON_IsObject(a) && cJSON_IsObject(b)) {
        push_strip(a);
        push_strip(b);
        same = cJSON_Compare(a, b, true);
    }
    cJSON_Delete(a);
    cJSON_Delete(b);
    return same;
}

/* Counts statement id as held by the LRS with other content. */
static void push_note_differing(Push *p, const char *id) {
    SyncPushCounts *c = p->counts;
    if (c->differing < SYNC_CONFLICTS_SHOWN)
        snprintf(c->differing_ids[c->differing], sizeof c->differing_ids[0], "%s", id);
    c->differing++;
}

/* After a 409: asks the LRS for statement i of b. *held: the LRS now holds it as ours
 * (it had it, or took it alone). One held otherwise is noted as differing. */
static AilResult push_check_one(Push *p, const SyncPushBatch *b, size_t i, bool *held,
                                AilError *err) {
    assert(i < b->count);
    const char *body = b->json.data + b->at[i];
    char url[sizeof p->url + 64];
    int n = snprintf(url, sizeof url, "%s?statementId=%s", p->url, b->ids[i]);
    assert(n > 0 && (size_t)n < sizeof url);
    (void)n;
    *held = false;
    push_send(p, "GET", url, NULL, 0);
    if (p->reply.status == 200) {
        *held = push_same(body, b->len[i], p->reply.body.data, p->reply.body.len);
        if (!*held) push_note_differing(p, b->ids[i]);
        return AIL_OK;
    }
    if (p->reply.status != 404) return push_refused(p, err);
    AilBuf one;
    ail_buf_init(&one);
    ail_buf_puts(&one, "[");
    ail_buf_append(&one, body, b->len[i]);
    ail_buf_puts(&one, "]");
    push_send(p, "POST", p->url, one.data, one.len);
    ail_buf_free(&one);
    if (p->reply.status == 200 || p->reply.status == 204)
        *held = true;
    else if (p->reply.status == 409)
        push_note_differing(p, b->ids[i]);
    else
        return push_refused(p, err);
    return AIL_OK;
}

/* After a 409 for batch b: checks each statement and records those the LRS holds. */
static AilResult push_batch_one_by_one(Push *p, const SyncPushBatch *b, AilError *err) {
    char(*held_ids)[AIL_UUID_LEN + 1] = ail_xcalloc(b->count, sizeof *held_ids);
    size_t held_count = 0;
    AilResult r = AIL_OK;
    for (size_t i = 0; i < b->count && r == AIL_OK; i++) {
        bool held = false;
        r = push_check_one(p, b, i, &held, err);
        if (r == AIL_OK && held) memcpy(held_ids[held_count++], b->ids[i], sizeof held_ids[0]);
    }
    /* What was found held is recorded even when a later check failed. */
    AilError rec_err;
    ail_error_clear(&rec_err);
    if (sync_push_db_record(p->db, p->lrs, held_ids, held_count, &rec_err) != AIL_OK) {
        if (r == AIL_OK) r = ail_error_set(err, rec_err.code, "%s", rec_err.message);
    } else {
        p->counts->accepted += held_count;
        p->pushed += held_count;
    }
    free(held_ids);
    return r;
}

/* Posts batch b and records what the LRS accepted. */
static AilResult push_batch(Push *p, const SyncPushBatch *b, AilError *err) {
    assert(b->count > 0);
    push_send(p, "POST", p->url, b->json.data, b->json.len);
    long st = p->reply.status;
    if (st == 409) return push_batch_one_by_one(p, b, err);
    if (st != 200 && st != 204) return push_refused(p, err);
    if (sync_push_db_record(p->db, p->lrs, b->ids, b->count, err) != AIL_OK) return err->code;
    p->counts->accepted += b->count;
    p->pushed += b->count;
    return AIL_OK;
}

/* Checks opts->endpoint and sets p->lrs and p->url from it. */
static AilResult push_set_endpoint(Push *p, const char *endpoint, AilError *err) {
    const char *rest = strncmp(endpoint, "https://", 8) == 0  ? endpoint + 8
                       : strncmp(endpoint, "http://", 7) == 0 ? endpoint + 7
                                                              : NULL;
    if (!rest || !*rest)
        return ail_error_set(err, AIL_ERR_USAGE,
                             "the LRS address must start with https:// (or http://), e.g. "
                             "https://lrs.example.org/data/xAPI");
    size_t host_len = strcspn(rest, "/?#");
    if (memchr(rest, '@', host_len))
        return ail_error_set(err, AIL_ERR_USAGE,
                             "put no user name or password in the LRS address: use --user, and "
                             "--password-file or AILIT_LRS_PASSWORD");
    if (strchr(endpoint, '?') || strchr(endpoint, '#'))
        return ail_error_set(err, AIL_ERR_USAGE,
                             "the LRS address is an endpoint, without '?' or '#'");
    size_t len = strlen(endpoint);
    while (len > 0 && endpoint[len - 1] == '/') len--;
    if (len >= sizeof p->lrs)
        return ail_error_set(err, AIL_ERR_USAGE, "the LRS address is too long");
    memcpy(p->lrs, endpoint, len);
    p->lrs[len] = 0;
    int n = snprintf(p->url, sizeof p->url, "%s/statements", p->lrs);
    assert(n > 0 && (size_t)n < sizeof p->url);
    (void)n;
    return AIL_OK;
}

/* Every batch not yet recorded, in row order. */
static AilResult push_all(Push *p, AilError *err) {
    SyncPushBatch b;
    memset(&b, 0, sizeof b);
    ail_buf_init(&b.json);
    int64_t after = 0;
    AilResult r;
    while ((r = sync_push_db_next(p->db, p->lrs, after, p->o->batch, &b, err)) == AIL_OK &&
           b.count) {
        if ((r = push_batch(p, &b, err)) != AIL_OK) break;
        after = b.last_row;
        if (p->o->progress) p->o->progress(p->o->progress_ctx, p->pushed, p->counts->total);
    }
    sync_push_batch_free(&b);
    return r;
}

static void push_sleep(void *ctx, unsigned ms) {
    (void)ctx;
    struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0) {}
}

AilResult sync_push(SyncTrainerDb *db, const SyncPushOptions *opts, SyncPushCounts *counts,
                    AilError *err) {
    assert(db && opts && counts);
    memset(counts, 0, sizeof *counts);
    if (!opts->endpoint || opts->batch < 1 || opts->batch > SYNC_PUSH_MAX_BATCH || opts->tries < 1)
        return ail_error_set(err, AIL_ERR_USAGE,
                             "a batch is 1 to %d statements, and a request is tried at least once",
                             SYNC_PUSH_MAX_BATCH);
    Push *p = ail_xcalloc(1, sizeof *p);
    p->db = db;
    p->o = opts;
    p->counts = counts;
    ail_buf_init(&p->reply.body);
    SyncHttp *http = NULL;
    SyncPushTransport curl_transport = {NULL, sync_http_request, push_sleep};
    AilResult r = push_set_endpoint(p, opts->endpoint, err);
    if (r == AIL_OK) r = sync_push_db_counts(db, p->lrs, &counts->total, &counts->before, err);
    if (r == AIL_OK && !opts->transport) {
        r = sync_http_open(opts->user, opts->password, &http, err);
        curl_transport.ctx = http;
    }
    p->t = opts->transport ? opts->transport : &curl_transport;
    p->pushed = counts->before;
    if (r == AIL_OK && opts->progress) opts->progress(opts->progress_ctx, p->pushed, counts->total);
    if (r == AIL_OK) r = push_all(p, err);
    sync_http_close(http);
    ail_buf_free(&p->reply.body);
    free(p);
    return r;
}
