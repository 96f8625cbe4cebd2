/*
 * ailit merge: progress files into the trainer's database.
 *
 * A file is read as a stream by a strict JSON scanner that checks every byte's
 * syntax, bounds nesting (SYNC_MAX_DEPTH) and the size of each statement
 * (SYNC_MAX_STATEMENT_BYTES), and hands one statement at a time to cJSON. So a
 * 1 GB file costs one statement's memory, and a hostile one (10,000-deep nesting,
 * giant strings, truncation) is refused before anything big is built.
 *
 * cJSON allocates with the process's malloc: swapping its allocator for an arena
 * during a merge saved 0.5 s of a million-statement merge's 17, and changed cJSON for
 * every thread of the process; a merge keeps no state outside its handles.
 *
 * Statements from any deployment merge: the account homePage and the object id must
 * be http(s) IRIs (progress_xapi_iri_ok), not ailit's defaults, since ailit.conf may
 * set both per device; ailit's own extensions (PROGRESS_XAPI_IRI "/extensions/...")
 * keep their names everywhere and are what the report reads.
 *
 * Invariants:
 * - One file is one transaction: a file refused for any reason leaves nothing.
 * - A statement id already stored with the same bytes is a duplicate and changes
 *   nothing; with the same JSON laid out otherwise it is a duplicate too, and the
 *   layout whose bytes sort first is kept. With different content it is a conflict: the
 *   version whose bytes sort first is the one in `statements` (and `bodies`), the
 *   others are in `conflicts`. Rosters keep the name from the newest export. Hence merging any
 *   files in any order, any number of times, ends in the same database.
 */
#include "sync/origin_internal.h"
#include "sync/sync_internal.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- A streaming JSON scanner ------------------------------------------------------ */

typedef struct {
    FILE *f;
    const char *path;
    unsigned char buf[1 << 18];
    size_t pos, len;
    uint64_t consumed; /* bytes before buf[0] */
    bool eof;
    AilBuf *cap; /* while capturing a value: its bytes so far */
    size_t cap_from;
    size_t cap_limit;
    bool too_large;
    int io_error;
} Reader;

static void rd_fill(Reader *r) {
    if (r->cap && r->cap_from < r->len) {
        ail_buf_append(r->cap, (const char *)r->buf + r->cap_from, r->len - r->cap_from);
        if (r->cap->len > r->cap_limit) r->too_large = true;
    }
    r->consumed += r->len;
    r->pos = r->len = r->cap_from = 0;
    if (r->eof) return;
    r->len = fread(r->buf, 1, sizeof r->buf, r->f);
    if (r->len < sizeof r->buf) {
        r->eof = true;
        if (ferror(r->f)) r->io_error = errno ? errno : EIO;
    }
}

static inline int rd_peek(Reader *r) {
    if (r->pos == r->len) rd_fill(r);
    return r->pos < r->len ? r->buf[r->pos] : -1;
}

static inline int rd_get(Reader *r) {
    if (r->pos == r->len) rd_fill(r);
    return r->pos < r->len ? r->buf[r->pos++] : -1;
}

static uint64_t rd_offset(const Reader *r) { return r->consumed + r->pos; }

static void rd_skip_space(Reader *r) {
    for (;;) {
        while (r->pos < r->len) {
            unsigned char c = r->buf[r->pos];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') return;
            r->pos++;
        }
        if (r->eof) return;
        rd_fill(r);
    }
}

static void cap_begin(Reader *r, AilBuf *into, size_t limit) {
    ail_buf_clear(into);
    r->cap = into;
    r->cap_from = r->pos;
    r->cap_limit = limit;
    r->too_large = false;
}

static void cap_end(Reader *r) {
    if (r->cap && r->cap_from < r->pos)
        ail_buf_append(r->cap, (const char *)r->buf + r->cap_from, r->pos - r->cap_from);
    if (r->cap && r->cap->len > r->cap_limit) r->too_large = true;
    r->cap = NULL;
}

/* Why scanning stopped; set once. */
typedef struct {
    Reader *rd;
    const char *why; /* NULL while all is well */
    uint64_t at;
} Scan;

static bool fail(Scan *s, const char *why) {
    if (!s->why) {
        s->why = why;
        s->at = rd_offset(s->rd);
    }
    return false;
}

static bool expect(Scan *s, int c, const char *why) {
    rd_skip_space(s->rd);
    int got = rd_get(s->rd);
    if (got == c) return true;
    return fail(s, got < 0 ? "the file ends too early (it is truncated)" : why);
}

/* Bytes that end a plain run inside a string: the quote, a backslash, control bytes.
 * A constant, so that no merge has to fill it first. */
#define STOP4(c) [c] = 1, [c + 1] = 1, [c + 2] = 1, [c + 3] = 1
static const unsigned char STRING_STOP[256] = {
    STOP4(0x00), STOP4(0x04), STOP4(0x08), STOP4(0x0c), STOP4(0x10),
    STOP4(0x14), STOP4(0x18), STOP4(0x1c), ['"'] = 1,   ['\\'] = 1};
#undef STOP4

/* Scans a string after its opening quote; copies its raw bytes (escapes not decoded;
 * only used for keys and short values) into out when non-NULL, up to out_size. */
static bool scan_string(Scan *s, char *out, size_t out_size) {
    Reader *r = s->rd;
    size_t n = 0;
    for (;;) {
        if (r->pos == r->len) {
            rd_fill(r);
            if (r->pos == r->len) return fail(s, "the file ends inside a string (it is truncated)");
            if (r->too_large) return fail(s, "a statement is larger than ailit accepts");
        }
        /* The plain run: most of a progress file's bytes pass through here. */
        const unsigned char *p = r->buf + r->pos, *end = r->buf + r->len, *run = p;
        while (p < end && !STRING_STOP[*p]) p++;
        if (out) {
            size_t k = (size_t)(p - run);
            if (k > out_size - 1 - n) k = out_size - 1 - n;
            memcpy(out + n, run, k);
            n += k;
        }
        r->pos = (size_t)(p - r->buf);
        if (p == end) continue;
        unsigned char c = r->buf[r->pos++];
        if (c == '"') break;
        if (c < 0x20) return fail(s, "a string holds a raw control character");
        int e = rd_get(r);
        if (e < 0) return fail(s, "the file ends inside a string (it is truncated)");
        if (e == 'u') {
            for (int i = 0; i < 4; i++) {
                int h = rd_get(r);
                if (!((h >= '0' && h <= '9') || (h >= 'a' && h <= 'f') || (h >= 'A' && h <= 'F')))
                    return fail(s, "a string has a bad \\u escape");
            }
        } else if (!strchr("\"\\/bfnrt", e)) {
            return fail(s, "a string has an unknown escape");
        }
        if (out && n + 2 < out_size) out[n++] = '\\', out[n++] = (char)e;
    }
    if (out) out[n] = '\0';
    return true;
}

static bool scan_literal(Scan *s, const char *word) {
    for (const char *p = word; *p; p++)
        if (rd_get(s->rd) != *p) return fail(s, "a value is not valid JSON");
    return true;
}

static bool is_digit(int c) { return c >= '0' && c <= '9'; }

static bool scan_number(Scan *s) {
    Reader *r = s->rd;
    if (rd_peek(r) == '-') rd_get(r);
    int c = rd_get(r);
    if (!is_digit(c)) return fail(s, "a number is not valid JSON");
    if (c != '0')
        while (is_digit(rd_peek(r))) rd_get(r);
    if (rd_peek(r) == '.') {
        rd_get(r);
        if (!is_digit(rd_get(r))) return fail(s, "a number is not valid JSON");
        while (is_digit(rd_peek(r))) rd_get(r);
    }
    if (rd_peek(r) == 'e' || rd_peek(r) == 'E') {
        rd_get(r);
        if (rd_peek(r) == '+' || rd_peek(r) == '-') rd_get(r);
        if (!is_digit(rd_get(r))) return fail(s, "a number is not valid JSON");
        while (is_digit(rd_peek(r))) rd_get(r);
    }
    return true;
}

/* Scans one JSON value at nesting depth. */
static bool scan_value(Scan *s, int depth) {
    Reader *r = s->rd;
    rd_skip_space(r);
    int c = rd_peek(r);
    if (r->too_large) return fail(s, "a statement is larger than ailit accepts");
    switch (c) {
    case -1: return fail(s, "the file ends too early (it is truncated)");
    case '"': rd_get(r); return scan_string(s, NULL, 0);
    case 't': return scan_literal(s, "true");
    case 'f': return scan_literal(s, "false");
    case 'n': return scan_literal(s, "null");
    case '{':
    case '[': {
        if (depth >= SYNC_MAX_DEPTH) return fail(s, "the JSON is nested deeper than ailit accepts");
        rd_get(r);
        int close = c == '{' ? '}' : ']';
        rd_skip_space(r);
        if (rd_peek(r) == close) {
            rd_get(r);
            return true;
        }
        for (;;) {
            if (c == '{') {
                if (!expect(s, '"', "an object key is not a string") || !scan_string(s, NULL, 0) ||
                    !expect(s, ':', "a ':' is missing after an object key"))
                    return false;
            }
            if (!scan_value(s, depth + 1)) return false;
            rd_skip_space(r);
            int d = rd_get(r);
            if (d == close) return true;
            if (d != ',')
                return fail(s, d < 0 ? "the file ends too early (it is truncated)"
                                     : "a ',' or closing bracket is missing");
        }
    }
    default:
        if (c == '-' || is_digit(c)) return scan_number(s);
        return fail(s, "a value is not valid JSON");
    }
}

/* Scans one value, capturing its bytes into into (limit bytes at most). */
static bool scan_captured(Scan *s, AilBuf *into, size_t limit) {
    rd_skip_space(s->rd);
    cap_begin(s->rd, into, limit);
    bool ok = scan_value(s, 1);
    cap_end(s->rd);
    if (ok && s->rd->too_large) return fail(s, "a statement is larger than ailit accepts");
    return ok;
}

/* ---- What ailit writes, and nothing else ---------------------------------------------- */

/* Times are taken only in the one form ailit writes (ail_time_format_rfc3339:
 * "2026-11-28T10:00:00.000Z", always UTC, always milliseconds), a real calendar date
 * in these years. One form means the text sorts as the time does, which the report's
 * "first answer" relies on; the bounds catch a clock that was never set or garbage. */
#define SYNC_YEAR_MIN 2000
#define SYNC_YEAR_MAX 2100
/* An export's time may be ahead of the merging laptop's clock by this much (clocks
 * differ, time zones are set wrong); further ahead, its names would win over every
 * later export for years, so the file is refused. */
#define SYNC_EXPORT_AHEAD_MS (24 * 3600 * 1000LL)

static int digits(const char *s, int n) {
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* True when s is a time in ailit's own form within SYNC_YEAR_MIN..SYNC_YEAR_MAX. */
static bool sync_time_valid(const char *s) {
    static const char shape[] = "dddd-dd-ddTdd:dd:dd.dddZ";
    if (!s || strlen(s) != sizeof shape - 1) return false;
    for (size_t i = 0; i < sizeof shape - 1; i++)
        if (shape[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != shape[i]) return false;
    int year = digits(s, 4), month = digits(s + 5, 2), day = digits(s + 8, 2);
    int hour = digits(s + 11, 2), minute = digits(s + 14, 2), second = digits(s + 17, 2);
    static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (year < SYNC_YEAR_MIN || year > SYNC_YEAR_MAX || month < 1 || month > 12 || day < 1 ||
        day > mdays[month - 1] || (month == 2 && day == 29 && !leap))
        return false;
    return hour < 24 && minute < 60 && second < 60;
}

/* The verbs ailit writes (progress_verb_name), under ADL's IRI. */

/* A finite number at key of node: true and *v when there; *present false when the
 * key is absent; false when it is there but not a finite number. */
static bool finite_at(const cJSON *node, const char *key, double *v, bool *present) {
    const cJSON *n = cJSON_GetObjectItemCaseSensitive(node, key);
    *present = n != NULL;
    if (!n) return true;
    /* cJSON reads 1e999 as infinity: no score ailit writes. */
    if (!cJSON_IsNumber(n) || !isfinite(n->valuedouble)) return false;
    *v = n->valuedouble;
    return true;
}

/* xAPI 1.0.3's score: scaled in [-1, 1] (ailit always writes it), raw between min
 * and max, min not above max. NULL, or why the score is not one ailit writes. */
static const char *score_check(const cJSON *score, double *scaled) {
    if (!cJSON_IsObject(score)) return "a statement's score is not an object";
    double raw = 0, min = 0, max = 0;
    bool has_scaled, has_raw, has_min, has_max;
    if (!finite_at(score, "scaled", scaled, &has_scaled) || !has_scaled || *scaled < -1 ||
        *scaled > 1)
        return "a statement's scaled score is not a number from -1 to 1";
    if (!finite_at(score, "raw", &raw, &has_raw) || !finite_at(score, "min", &min, &has_min) ||
        !finite_at(score, "max", &max, &has_max))
        return "a statement's raw, min or max score is not a finite number";
    if ((has_min && has_max && min > max) || (has_raw && has_min && raw < min) ||
        (has_raw && has_max && raw > max))
        return "a statement's raw score is not between its min and max";
    return NULL;
}

static bool uuid_shaped(const char *s) {
    if (!s || strlen(s) != 36) return false;
    for (int i = 0; i < 36; i++) {
        char c = s[i];
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? c != '-'
                 : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
            return false;
    }
    return true;
}

static const char *str_at(const cJSON *node, const char *key) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(node, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* The first value of a language map, or NULL. */
static const char *first_text(const cJSON *map) {
    const cJSON *v = map ? map->child : NULL;
    return v && cJSON_IsString(v) ? v->valuestring : NULL;
}

/* True when key is absent from node or holds a string. */
static bool string_or_absent(const cJSON *node, const char *key) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(node, key);
    return !v || cJSON_IsString(v);
}

typedef struct {
    const char *id, *learner, *verb, *pack, *version, *lesson, *quiz, *question, *title;
    const char *response, *misconception, *at;
    int success; /* -1 absent */
    bool has_scaled;
    double scaled;
} Fields;

/* The result's columns: success, score, response, misconception. NULL or why not. */
static const char *extract_result(const cJSON *result, Fields *f) {
    if (!result) return NULL;
    if (!cJSON_IsObject(result)) return "a statement's result is not an object";
    const cJSON *success = cJSON_GetObjectItemCaseSensitive(result, "success");
    if (success && !cJSON_IsBool(success)) return "a statement's success is not true or false";
    if (success) f->success = cJSON_IsTrue(success);
    const cJSON *score = cJSON_GetObjectItemCaseSensitive(result, "score");
    if (score) {
        const char *why = score_check(score, &f->scaled);
        if (why) return why;
        f->has_scaled = true;
    }
    const cJSON *ext = cJSON_GetObjectItemCaseSensitive(result, "extensions");
    if (!string_or_absent(result, "response") ||
        !string_or_absent(ext, PROGRESS_XAPI_IRI "/extensions/misconception"))
        return "a statement's response or misconception is not text";
    f->response = str_at(result, "response");
    f->misconception = str_at(ext, PROGRESS_XAPI_IRI "/extensions/misconception");
    return NULL;
}

/* Pulls the report's columns out of a statement, checking each against what ailit
 * writes (progress/statement.c); NULL, or why the statement is not one of ours. */
static const char *extract(const cJSON *st, Fields *f) {
    memset(f, 0, sizeof *f);
    f->success = -1;
    if (!cJSON_IsObject(st)) return "a statement is not a JSON object";
    f->id = str_at(st, "id");
    if (!uuid_shaped(f->id)) return "a statement has no UUID id";
    const cJSON *account =
        cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(st, "actor"), "account");
    f->learner = str_at(account, "name");
    if (!f->learner || !str_at(account, "homePage")) return "a statement's actor is not an account";
    if (!uuid_shaped(f->learner)) return "a statement's actor is not a learner UUID";
    /* Any deployment's homePage and activity base (ailit.conf), so not ailit's
     * defaults: an http(s) IRI as progress_xapi_iri_check lets a config give. */
    if (!progress_xapi_iri_ok(str_at(account, "homePage"), PROGRESS_XAPI_IRI_MAX))
        return "a statement's actor has no http(s) homePage";
    f->verb = progress_verb_from_iri(str_at(cJSON_GetObjectItemCaseSensitive(st, "verb"), "id"));
    if (!f->verb) return "a statement has no verb, or one ailit does not write";
    const cJSON *object = cJSON_GetObjectItemCaseSensitive(st, "object");
    if (!progress_xapi_iri_ok(str_at(object, "id"), SYNC_MAX_ACTIVITY_IRI))
        return "a statement's object id is not an http(s) IRI";
    f->title = first_text(cJSON_GetObjectItemCaseSensitive(
        cJSON_GetObjectItemCaseSensitive(object, "definition"), "name"));
    f->at = str_at(st, "timestamp");
    if (!f->at) return "a statement has no timestamp";
    if (!sync_time_valid(f->at))
        return "a statement's timestamp is not a time as ailit writes it (UTC, "
               "YYYY-MM-DDThh:mm:ss.sssZ, years 2000 to 2100)";
    const cJSON *context = cJSON_GetObjectItemCaseSensitive(st, "context");
    const cJSON *pack =
        cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(context, "extensions"),
                                         PROGRESS_XAPI_IRI "/extensions/pack");
    f->pack = str_at(pack, "id");
    f->version = str_at(pack, "version");
    f->lesson = str_at(pack, "lesson");
    if (!f->pack || !f->version || !f->lesson)
        return "a statement does not name its pack and lesson";
    if (!string_or_absent(pack, "quiz") || !string_or_absent(pack, "question"))
        return "a statement's quiz or question id is not text";
    f->quiz = str_at(pack, "quiz");
    f->question = str_at(pack, "question");
    return extract_result(cJSON_GetObjectItemCaseSensitive(st, "result"), f);
}

/* ---- Merging one file ------------------------------------------------------------------- */

typedef struct {
    SyncTrainerDb *t;
    sqlite3_stmt *fetch, *insert, *insert_body, *insert_id, *replace, *replace_body, *replace_id,
        *conflict;
    SyncMergeCounts *counts;
    AilBuf existing;
    /* SQLite's message for the first call that failed ("" while all is well): kept
     * here because sqlite3_errmsg changes with the next call. */
    char sql_error[256];
    /* The file says what ailit never writes: it was changed, or made elsewhere. */
    bool altered;
    const char *workshop; /* the tag to store with the file, NULL for none */
    /* The rows this file added (contiguous: files are merged one after another);
     * first_row 0 while none. */
    int64_t first_row, last_row;
} Merge;

/* Keeps SQLite's message for a failed call (the first one); returns false. */
static bool sql_fail(Merge *m) {
    if (!m->sql_error[0])
        snprintf(m->sql_error, sizeof m->sql_error, "%s", sqlite3_errmsg(m->t->db));
    if (!m->sql_error[0]) snprintf(m->sql_error, sizeof m->sql_error, "unknown error");
    return false;
}

/* A 64-bit hash of a statement's bytes, to tell a duplicate from a conflict without
 * reading the stored copy back (not cryptographic: it only ever compares two
 * versions of the same statement id, and equal hashes of different bytes there are
 * as good as impossible). */
static uint64_t body_hash(const char *p, size_t n) {
    uint64_t h = 0x9e3779b97f4a7c15ull ^ (uint64_t)n;
    for (; n >= 8; p += 8, n -= 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        h = (h ^ w) * 0xff51afd7ed558ccdull;
        h ^= h >> 29;
    }
    for (; n; p++, n--) h = (h ^ (unsigned char)*p) * 0x100000001b3ull;
    h ^= h >> 32;
    return h;
}

static int hexval(char c) {
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c - 'A' + 10;
}

/* The 16 bytes of a UUID (already checked by uuid_shaped). */
static void uuid_bytes(const char *s, unsigned char out[16]) {
    for (int i = 0, k = 0; k < 16; i += 2, k++) {
        if (s[i] == '-') i++;
        out[k] = (unsigned char)(hexval(s[i]) << 4 | hexval(s[i + 1]));
    }
}

static int bind_opt(sqlite3_stmt *st, int i, const char *s) {
    return s ? sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC) : sqlite3_bind_null(st, i);
}

/* Runs st once all its binds succeeded (binds_ok); a failed bind (a value too big
 * for SQLite, out of memory) refuses the file instead of storing NULL in its place. */
static bool step(Merge *m, sqlite3_stmt *st, bool binds_ok) {
    if (binds_ok && sqlite3_step(st) == SQLITE_DONE) return true;
    return sql_fail(m);
}

/* Binds ?1 the row (0: a new one), ?2 the id and ?3..?15 the fields, and runs st. */
static bool write_row(Merge *m, sqlite3_stmt *st, int64_t row, const Fields *f) {
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    bool ok = !row || sqlite3_bind_int64(st, 1, row) == SQLITE_OK;
    ok = ok && sqlite3_bind_text(st, 2, f->id, -1, SQLITE_STATIC) == SQLITE_OK;
    const char *text[] = {f->learner, f->verb, f->pack,     f->version,
                          f->lesson,  f->quiz, f->question, f->title};
    for (int i = 0; ok && i < 8; i++) ok = bind_opt(st, 3 + i, text[i]) == SQLITE_OK;
    ok = ok && (f->success < 0 || sqlite3_bind_int(st, 11, f->success) == SQLITE_OK);
    ok = ok && (!f->has_scaled || sqlite3_bind_double(st, 12, f->scaled) == SQLITE_OK);
    ok = ok && bind_opt(st, 13, f->response) == SQLITE_OK &&
         bind_opt(st, 14, f->misconception) == SQLITE_OK && bind_opt(st, 15, f->at) == SQLITE_OK;
    return step(m, st, ok);
}

/* Runs st (an ids statement) with ?1 row, ?2 the hash and, when given, ?3 the id. */
static bool write_id(Merge *m, sqlite3_stmt *st, int64_t row, uint64_t hash,
                     const unsigned char *key) {
    sqlite3_reset(st);
    bool ok = sqlite3_bind_int64(st, 1, row) == SQLITE_OK &&
              sqlite3_bind_int64(st, 2, (int64_t)hash) == SQLITE_OK &&
              (!key || sqlite3_bind_blob(st, 3, key, 16, SQLITE_STATIC) == SQLITE_OK);
    return step(m, st, ok);
}

/* Runs st (a bodies statement) with ?1 row and ?2 the statement's bytes. */
static bool write_body(Merge *m, sqlite3_stmt *st, int64_t row, const char *text, size_t len) {
    sqlite3_reset(st);
    bool ok = sqlite3_bind_int64(st, 1, row) == SQLITE_OK &&
              sqlite3_bind_text(st, 2, text, (int)len, SQLITE_STATIC) == SQLITE_OK;
    return step(m, st, ok);
}

static bool add_conflict(Merge *m, const char *id, const char *body, size_t len) {
    sqlite3_reset(m->conflict);
    bool ok = sqlite3_bind_text(m->conflict, 1, id, -1, SQLITE_STATIC) == SQLITE_OK &&
              sqlite3_bind_text(m->conflict, 2, body, (int)len, SQLITE_STATIC) == SQLITE_OK;
    return step(m, m->conflict, ok);
}

/* Reads the stored bytes of row into m->existing. False (and the file is refused)
 * when they cannot be read: an unreadable copy is not an empty one, and taking it
 * for one would record a conflict that is not there. */
static bool read_stored(Merge *m, int64_t row) {
    sqlite3_reset(m->fetch);
    ail_buf_clear(&m->existing);
    if (sqlite3_bind_int64(m->fetch, 1, row) != SQLITE_OK || sqlite3_step(m->fetch) != SQLITE_ROW)
        return sql_fail(m);
    const void *body = sqlite3_column_blob(m->fetch, 0);
    int n = sqlite3_column_bytes(m->fetch, 0);
    bool ok = body || n == 0 ? true : sql_fail(m); /* NULL with bytes: out of memory */
    if (ok) ail_buf_append(&m->existing, body ? body : "", (size_t)n);
    sqlite3_reset(m->fetch);
    return ok;
}

/* Our own writer puts the id first: {"id":"<36>", — read it (text and 16 bytes)
 * without parsing; false when the statement does not start that way. */
static bool quick_id(const AilBuf *b, char id[AIL_UUID_LEN + 1], unsigned char key[16]) {
    static const char head[] = "{\"id\":\"";
    if (b->len < sizeof head + 37 || memcmp(b->data, head, sizeof head - 1) != 0) return false;
    const char *p = b->data + sizeof head - 1;
    if (p[36] != '"') return false;
    for (int i = 0, k = 0; i < 36; i++) {
        char c = p[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-') return false;
            continue;
        }
        int v = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (v < 0) return false;
        if (k & 1)
            key[k >> 1] |= (unsigned char)v;
        else
            key[k >> 1] = (unsigned char)(v << 4);
        k++;
    }
    memcpy(id, p, 36);
    id[36] = '\0';
    return true;
}

/* ---- The id index, in memory ------------------------------------------------------------ */

/* Every statement id in the database with its row and the hash of its stored bytes,
 * loaded from the `ids` table at the first merge (open addressing, at most 3/4 full;
 * row 0 marks an empty slot). Keeping it in memory rather than in an SQLite index
 * means a duplicate costs no SQL and a new statement is two appends, never a random
 * B-tree insert: that is what makes a million-statement merge fast. */

static size_t mem_slot(const SyncTrainerDb *t, const unsigned char key[16]) {
    /* All 16 bytes: ids are random in a file from ailit, but a hostile file can give
     * thousands the same first 8 bytes, which would pile them into one probe chain
     * and make the merge quadratic. */
    uint64_t k, high;
    memcpy(&k, key, 8);
    memcpy(&high, key + 8, 8);
    k ^= high * 0xff51afd7ed558ccdull;
    k ^= k >> 29;
    k *= 0x9e3779b97f4a7c15ull;
    return (size_t)(k >> 17) & (t->mem_cap - 1);
}

static void mem_put(SyncTrainerDb *t, const unsigned char key[16], uint64_t hash, int64_t row) {
    if ((t->mem_count + 1) * 4 > t->mem_cap * 3) { /* at most three quarters full */
        SyncSeenSlot *old = t->mem;
        size_t old_cap = t->mem_cap;
        t->mem_cap = old_cap ? old_cap * 2 : 1 << 16;
        t->mem = ail_xcalloc(t->mem_cap, sizeof *t->mem);
        t->mem_count = 0;
        for (size_t i = 0; i < old_cap; i++)
            if (old[i].row) mem_put(t, old[i].id, old[i].hash, old[i].row);
        free(old);
    }
    for (size_t i = mem_slot(t, key);; i = (i + 1) & (t->mem_cap - 1)) {
        SyncSeenSlot *sl = &t->mem[i];
        if (!sl->row) {
            memcpy(sl->id, key, 16);
            sl->hash = hash;
            sl->row = row;
            t->mem_count++;
            return;
        }
        if (memcmp(sl->id, key, 16) == 0) {
            sl->hash = hash;
            sl->row = row;
            return;
        }
    }
}

/* The slot of id, or NULL when the database does not have it. */
static const SyncSeenSlot *mem_find(const SyncTrainerDb *t, const unsigned char key[16]) {
    if (!t->mem_cap) return NULL;
    for (size_t i = mem_slot(t, key);; i = (i + 1) & (t->mem_cap - 1)) {
        const SyncSeenSlot *sl = &t->mem[i];
        if (!sl->row) return NULL;
        if (memcmp(sl->id, key, 16) == 0) return sl;
    }
}

/* Loads the id index from the ids table. False when it cannot be read whole: a
 * missing id would let its statement in twice. */
static bool mem_load(Merge *m) {
    SyncTrainerDb *t = m->t;
    if (t->mem_loaded) return true;
    sqlite3_stmt *st = NULL;
    /* Room for what is there, so that loading never regrows the table. */
    if (sqlite3_prepare_v2(t->db, "SELECT count(*) FROM ids", -1, &st, NULL) != SQLITE_OK ||
        sqlite3_step(st) != SQLITE_ROW) {
        sql_fail(m);
        sqlite3_finalize(st);
        return false;
    }
    if (!t->mem) {
        size_t want = (size_t)sqlite3_column_int64(st, 0) * 4 / 3 + 1, cap = 1 << 16;
        while (cap < want) cap *= 2;
        t->mem = ail_xcalloc(cap, sizeof *t->mem);
        t->mem_cap = cap;
    }
    sqlite3_finalize(st);
    st = NULL;
    if (sqlite3_prepare_v2(t->db, "SELECT row, id, hash FROM ids", -1, &st, NULL) != SQLITE_OK)
        return sql_fail(m);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (sqlite3_column_bytes(st, 1) != 16 || !sqlite3_column_blob(st, 1)) {
            snprintf(m->sql_error, sizeof m->sql_error, "a row of its ids table is damaged");
            break;
        }
        mem_put(t, sqlite3_column_blob(st, 1), (uint64_t)sqlite3_column_int64(st, 2),
                sqlite3_column_int64(st, 0));
    }
    if (rc != SQLITE_DONE) sql_fail(m);
    sqlite3_finalize(st);
    if (m->sql_error[0]) {
        sync_seen_forget(t);
        return false;
    }
    t->mem_loaded = true;
    return true;
}

/* A statement the database does not have: three appends. */
static const char *merge_new(Merge *m, const AilBuf *body, const Fields *f,
                             const unsigned char key[16], uint64_t hash) {
    if (!write_row(m, m->insert, 0, f)) return "the database could not be written";
    int64_t row = sqlite3_last_insert_rowid(m->t->db);
    if (!m->first_row) m->first_row = row;
    m->last_row = row;
    if (!write_body(m, m->insert_body, row, body->data, body->len) ||
        !write_id(m, m->insert_id, row, hash, key))
        return "the database could not be written";
    mem_put(m->t, key, hash, row);
    m->counts->added++;
    return NULL;
}

/* A statement whose id the database has, with other bytes: the same JSON laid out
 * otherwise (a duplicate) or other content (a conflict). Either way the bytes that
 * sort first end up in statements and bodies, so that the order of the files does
 * not decide what the database holds. */
static const char *merge_known(Merge *m, const AilBuf *body, const cJSON *st, const Fields *f,
                               const SyncSeenSlot *known, const unsigned char key[16],
                               uint64_t hash) {
    int64_t row = known->row;
    if (!read_stored(m, row)) return "the copy already merged could not be read";
    cJSON *old = cJSON_ParseWithLength(m->existing.data, m->existing.len);
    bool same = old && cJSON_Compare(old, st, true);
    cJSON_Delete(old);
    size_t n = body->len < m->existing.len ? body->len : m->existing.len;
    int cmp = memcmp(body->data, m->existing.data, n);
    bool new_first = cmp < 0 || (cmp == 0 && body->len < m->existing.len);
    if (same) {
        if (new_first && !(write_id(m, m->replace_id, row, hash, NULL) &&
                           write_body(m, m->replace_body, row, body->data, body->len)))
            return "the database could not be written";
        if (new_first) mem_put(m->t, key, hash, row);
        m->counts->duplicate++;
        return NULL;
    }
    bool ok = new_first ? add_conflict(m, f->id, m->existing.data, m->existing.len) &&
                              write_row(m, m->replace, row, f) &&
                              write_id(m, m->replace_id, row, hash, NULL) &&
                              write_body(m, m->replace_body, row, body->data, body->len)
                        : add_conflict(m, f->id, body->data, body->len);
    if (!ok) return "the database could not be written";
    if (new_first) mem_put(m->t, key, hash, row);
    if (m->counts->conflicting < SYNC_CONFLICTS_SHOWN)
        snprintf(m->counts->conflict_ids[m->counts->conflicting], AIL_UUID_LEN + 1, "%s", f->id);
    m->counts->conflicting++;
    return NULL;
}

/* Merges one statement's bytes; NULL, or why the file must be refused. */
static const char *merge_statement(Merge *m, const AilBuf *body) {
    char id[AIL_UUID_LEN + 1];
    unsigned char key[16];
    uint64_t hash = body_hash(body->data, body->len);
    bool have_id = quick_id(body, id, key);
    if (have_id) {
        const SyncSeenSlot *known = mem_find(m->t, key);
        if (known && known->hash == hash) {
            m->counts->duplicate++; /* the common case of a re-merge: no SQL, no parse */
            return NULL;
        }
    }
    if (!ail_utf8_valid(body->data, body->len, NULL)) return "a statement is not valid UTF-8";
    cJSON *st = cJSON_ParseWithLength(body->data, body->len);
    if (!st) return "a statement is not valid JSON";
    Fields f;
    const char *why = extract(st, &f);
    if (!why) {
        uuid_bytes(f.id, key);
        const SyncSeenSlot *known = mem_find(m->t, key);
        if (!known)
            why = merge_new(m, body, &f, key, hash);
        else if (known->hash == hash)
            m->counts->duplicate++;
        else
            why = merge_known(m, body, st, &f, known, key, hash);
    }
    cJSON_Delete(st);
    return why;
}

/* Copies UTF-8 text s into out[size], cut at a character boundary when it does not
 * fit, so that a long name never ends in half a character. */
static void copy_utf8(char *out, size_t size, const char *s) {
    size_t n = strlen(s);
    if (n >= size) {
        n = size - 1;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
    }
    memcpy(out, s, n);
    out[n] = '\0';
}

/* A roster entry or the device: {"id": UUID, "name": text}. */
static const char *read_named(const AilBuf *b, char id[AIL_UUID_LEN + 1], char *name,
                              size_t name_size) {
    if (!ail_utf8_valid(b->data, b->len, NULL)) return "a name is not valid UTF-8";
    cJSON *j = cJSON_ParseWithLength(b->data, b->len);
    const char *i = str_at(j, "id"), *n = str_at(j, "name");
    const char *why = NULL;
    if (!uuid_shaped(i) || !n)
        why = "a learner or device entry lacks an id or a name";
    else {
        snprintf(id, AIL_UUID_LEN + 1, "%s", i);
        copy_utf8(name, name_size, n);
    }
    cJSON_Delete(j);
    return why;
}

static bool upsert_named(Merge *m, const char *sql, const char *id, const char *name,
                         const char *exported_at) {
    sqlite3_stmt *st = NULL;
    bool ok = sqlite3_prepare_v2(m->t->db, sql, -1, &st, NULL) == SQLITE_OK;
    ok = ok && sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC) == SQLITE_OK &&
         sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC) == SQLITE_OK &&
         sqlite3_bind_text(st, 3, exported_at, -1, SQLITE_STATIC) == SQLITE_OK &&
         sqlite3_step(st) == SQLITE_DONE;
    if (!ok) sql_fail(m);
    sqlite3_finalize(st);
    return ok;
}

#define UPSERT_NEWEST(table)                                                                       \
    "INSERT INTO " table "(uuid, name, exported_at) VALUES (?1, ?2, ?3) ON CONFLICT(uuid) DO "     \
    "UPDATE SET name = excluded.name, exported_at = excluded.exported_at "                         \
    "WHERE (excluded.exported_at, excluded.name) > (exported_at, name)"

typedef struct {
    char id[AIL_UUID_LEN + 1];
    char name[PROGRESS_NAME_MAX * 4];
} Named;

/* Roster entries that come before the file's "exported_at" wait in memory; at most
 * this many (ailit's own files have none waiting). */
#define SYNC_MAX_WAITING_LEARNERS 10000

/* A file's top level as its keys come by, one handler per key. Each handler returns
 * NULL, or why the file is refused (for a syntax error: the scanner's reason). */
typedef struct {
    Merge *m;
    Scan *s;
    char format[64], exported_at[64];
    long long first_seq, last_seq;
    Named device;
    unsigned seen; /* bit i: HANDLERS[i]'s key was there */
    Named *roster; /* entries read before "exported_at", merged at the end */
    size_t roster_count, roster_cap, learners_seen, index;
    AilBuf value;
    char *detail;
    size_t detail_size;
} TopLevel;

static const char *on_format(TopLevel *tl) {
    if (!expect(tl->s, '"', "\"format\" is not a string") ||
        !scan_string(tl->s, tl->format, sizeof tl->format))
        return tl->s->why;
    if (strcmp(tl->format, SYNC_FORMAT) == 0) return NULL;
    snprintf(tl->detail, tl->detail_size, " (its format is \"%s\")", tl->format);
    return strncmp(tl->format, "ailit-progress/", 15) == 0
               ? "it was written by a newer ailit; merge it with that version"
               : "it is not an ailit progress file";
}

/* The export's time decides whose roster names win: it must be one ailit writes, and
 * not ahead of this laptop's clock by more than SYNC_EXPORT_AHEAD_MS, or a file
 * saying "2099" would pin its names for good. */
static const char *on_exported_at(TopLevel *tl) {
    if (!expect(tl->s, '"', "\"exported_at\" is not a string") ||
        !scan_string(tl->s, tl->exported_at, sizeof tl->exported_at))
        return tl->s->why;
    tl->m->altered = !sync_time_valid(tl->exported_at);
    if (tl->m->altered)
        return "its \"exported_at\" is not a time as ailit writes it (UTC, "
               "YYYY-MM-DDThh:mm:ss.sssZ, years 2000 to 2100)";
    char latest[AIL_TIMESTAMP_LEN + 1];
    ail_time_format_rfc3339(ail_time_now_ms() + SYNC_EXPORT_AHEAD_MS, latest);
    if (strcmp(tl->exported_at, latest) > 0) {
        snprintf(tl->detail, tl->detail_size, " (%s)", tl->exported_at);
        return "its \"exported_at\" is more than a day ahead of this computer's clock; set the "
               "clock of the device (or of this computer) right and export again";
    }
    return NULL;
}

/* A sequence number: digits only, as ailit writes them (no sign, fraction or
 * exponent), small enough for SQLite's integers. */
static const char *on_seq(TopLevel *tl, long long *into) {
    if (!scan_captured(tl->s, &tl->value, 32)) return tl->s->why;
    const char *v = tl->value.data;
    size_t n = strlen(v);
    tl->m->altered = n == 0 || n > 18 || strspn(v, "0123456789") != n;
    if (tl->m->altered)
        return "its \"first_seq\" or \"last_seq\" is not a whole number as ailit writes it";
    *into = strtoll(v, NULL, 10);
    return NULL;
}

static const char *on_first_seq(TopLevel *tl) { return on_seq(tl, &tl->first_seq); }
static const char *on_last_seq(TopLevel *tl) { return on_seq(tl, &tl->last_seq); }

static const char *on_device(TopLevel *tl) {
    if (!scan_captured(tl->s, &tl->value, 64 * 1024)) return tl->s->why;
    return read_named(&tl->value, tl->device.id, tl->device.name, sizeof tl->device.name);
}

/* Calls each(tl) for every element of a list (tl->value holds its bytes). */
static const char *each_element(TopLevel *tl, const char *not_list,
                                const char *(*each)(TopLevel *)) {
    Reader *r = tl->s->rd;
    if (!expect(tl->s, '[', not_list)) return tl->s->why;
    rd_skip_space(r);
    if (rd_peek(r) == ']') {
        rd_get(r);
        return NULL;
    }
    for (;;) {
        if (!scan_captured(tl->s, &tl->value, SYNC_MAX_STATEMENT_BYTES)) return tl->s->why;
        const char *why = each(tl);
        if (why) return why;
        rd_skip_space(r);
        int c = rd_get(r);
        if (c == ']') return NULL;
        if (c != ',') {
            fail(tl->s, c < 0 ? "the file ends too early (it is truncated)"
                              : "a ',' is missing between statements");
            return tl->s->why;
        }
    }
}

/* A roster entry is merged as it comes (ailit writes "exported_at" first), so that
 * memory does not grow with the roster; only entries before an "exported_at" wait,
 * and a bounded number of them. */
static const char *one_learner(TopLevel *tl) {
    Named n;
    const char *why = read_named(&tl->value, n.id, n.name, sizeof n.name);
    if (why) return why;
    tl->learners_seen++;
    if (tl->exported_at[0])
        return upsert_named(tl->m, UPSERT_NEWEST("learners"), n.id, n.name, tl->exported_at)
                   ? NULL
                   : "the database could not be written";
    if (tl->roster_count == SYNC_MAX_WAITING_LEARNERS)
        return "it lists more learners before its \"exported_at\" than ailit accepts";
    if (tl->roster_count == tl->roster_cap) {
        tl->roster_cap = tl->roster_cap ? tl->roster_cap * 2 : 16;
        tl->roster = ail_xrealloc(tl->roster, tl->roster_cap * sizeof *tl->roster);
    }
    tl->roster[tl->roster_count++] = n;
    return NULL;
}

static const char *one_statement(TopLevel *tl) {
    tl->index++;
    const char *why = merge_statement(tl->m, &tl->value);
    if (why) snprintf(tl->detail, tl->detail_size, " (statement %zu)", tl->index);
    tl->m->altered = why && !tl->m->sql_error[0];
    return why;
}

static const char *on_learners(TopLevel *tl) {
    return each_element(tl, "\"learners\" is not a list", one_learner);
}

static const char *on_statements(TopLevel *tl) {
    return each_element(tl, "\"statements\" is not a list", one_statement);
}

static const struct {
    const char *key;
    const char *(*on)(TopLevel *);
} HANDLERS[] = {{"format", on_format},        {"exported_at", on_exported_at},
                {"first_seq", on_first_seq},  {"last_seq", on_last_seq},
                {"device", on_device},        {"learners", on_learners},
                {"statements", on_statements}};
/* The keys a whole file has; a bit each in TopLevel.seen. */
#define KEY_COUNT ((unsigned)(sizeof HANDLERS / sizeof *HANDLERS))
_Static_assert(sizeof HANDLERS / sizeof *HANDLERS < 32, "one bit per key in TopLevel.seen");

/* One top-level key and its value; unknown keys are skipped (later versions may add
 * some), a known one twice is refused (which of the two would count?). */
static const char *on_key(TopLevel *tl, const char *key, bool first) {
    if (first && strcmp(key, "format") != 0)
        return "it is not an ailit progress file (it does not start with \"format\")";
    for (unsigned i = 0; i < KEY_COUNT; i++) {
        if (strcmp(key, HANDLERS[i].key) != 0) continue;
        if (tl->seen & (1u << i)) {
            snprintf(tl->detail, tl->detail_size, " (\"%s\")", HANDLERS[i].key);
            tl->m->altered = true;
            return "a key of the file appears twice";
        }
        tl->seen |= 1u << i;
        return HANDLERS[i].on(tl);
    }
    return scan_value(tl->s, 1) ? NULL : tl->s->why;
}

/* After the last key: the file was whole and said all ailit writes; then the roster
 * that waited, the device and the import go in. */
static const char *on_end(TopLevel *tl) {
    Reader *r = tl->s->rd;
    rd_skip_space(r);
    if (rd_peek(r) != -1) {
        fail(tl->s, "there is more after the end of the progress file");
        return tl->s->why;
    }
    if (r->io_error) {
        snprintf(tl->detail, tl->detail_size, " (%s)", strerror(r->io_error));
        return "it could not be read";
    }
    unsigned all = (1u << KEY_COUNT) - 1;
    if ((tl->seen & all) != all) {
        for (unsigned i = 0; i < KEY_COUNT; i++)
            if (!(tl->seen & (1u << i))) {
                snprintf(tl->detail, tl->detail_size, " (no \"%s\")", HANDLERS[i].key);
                break;
            }
        return "it is not a whole ailit progress file";
    }
    tl->m->altered = tl->first_seq > tl->last_seq;
    if (tl->m->altered) return "its \"first_seq\" is after its \"last_seq\"";
    Merge *m = tl->m;
    for (size_t i = 0; i < tl->roster_count; i++)
        if (!upsert_named(m, UPSERT_NEWEST("learners"), tl->roster[i].id, tl->roster[i].name,
                          tl->exported_at))
            return "the database could not be written";
    m->counts->learners = tl->learners_seen;
    if (!upsert_named(m, UPSERT_NEWEST("devices"), tl->device.id, tl->device.name, tl->exported_at))
        return "the database could not be written";
    sqlite3_stmt *st = NULL;
    bool ok = sqlite3_prepare_v2(m->t->db,
                                 "INSERT OR IGNORE INTO imports(device, first_seq, last_seq,"
                                 " exported_at) VALUES (?, ?, ?, ?)",
                                 -1, &st, NULL) == SQLITE_OK &&
              sqlite3_bind_text(st, 1, tl->device.id, -1, SQLITE_STATIC) == SQLITE_OK &&
              sqlite3_bind_int64(st, 2, tl->first_seq) == SQLITE_OK &&
              sqlite3_bind_int64(st, 3, tl->last_seq) == SQLITE_OK &&
              sqlite3_bind_text(st, 4, tl->exported_at, -1, SQLITE_STATIC) == SQLITE_OK &&
              sqlite3_step(st) == SQLITE_DONE;
    if (!ok) sql_fail(m);
    sqlite3_finalize(st);
    if (ok) {
        SyncFileOrigin o = {tl->device.id, tl->first_seq, tl->last_seq, tl->exported_at,
                            m->workshop, m->first_row, m->last_row};
        ok = sync_origin_record(m->t->db, &o, m->counts->workshop, sizeof m->counts->workshop,
                                m->sql_error, sizeof m->sql_error);
    }
    return ok ? NULL : "the database could not be written";
}

/* Scans the whole file inside the open transaction. NULL, or why it is refused. */
static const char *merge_stream(Merge *m, Scan *s, char *detail, size_t detail_size) {
    TopLevel tl = {.m = m, .s = s, .detail = detail, .detail_size = detail_size};
    ail_buf_init(&tl.value);
    ail_buf_puts(&tl.value, "");
    const char *why = NULL;
    if (!expect(s, '{', "it is not a progress file (no JSON object at the start)")) why = s->why;
    for (bool first = true; !why; first = false) {
        rd_skip_space(s->rd);
        if (!first) {
            int c = rd_get(s->rd);
            if (c == '}') {
                why = on_end(&tl);
                break;
            }
            if (c != ',') {
                fail(s, c < 0 ? "the file ends too early (it is truncated)" : "a ',' is missing");
                why = s->why;
                break;
            }
        }
        char key[64];
        if (!expect(s, '"', "an object key is not a string") || !scan_string(s, key, sizeof key) ||
            !expect(s, ':', "a ':' is missing after a key"))
            why = s->why;
        else
            why = on_key(&tl, key, first);
    }
    free(tl.roster);
    ail_buf_free(&tl.value);
    return why;
}

/* Prepares the merge's statements on m; false (SQLite's message kept) on failure. */
static bool merge_prepare(Merge *m) {
    const struct {
        sqlite3_stmt **st;
        const char *sql;
    } all[] = {
        {&m->fetch, "SELECT body FROM bodies WHERE row = ?"},
        {&m->insert, "INSERT INTO statements(row, id, learner, verb, pack_id, pack_version,"
                     " lesson_id, quiz_id, question_id, title, success, scaled, response,"
                     " misconception, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
                     " ?10, ?11, ?12, ?13, ?14, ?15)"},
        {&m->insert_body, "INSERT INTO bodies(row, body) VALUES (?, ?)"},
        {&m->replace, "UPDATE statements SET id = ?2, learner = ?3, verb = ?4, pack_id = ?5,"
                      " pack_version = ?6, lesson_id = ?7, quiz_id = ?8, question_id = ?9,"
                      " title = ?10, success = ?11, scaled = ?12, response = ?13,"
                      " misconception = ?14, at = ?15 WHERE row = ?1"},
        {&m->replace_body, "UPDATE bodies SET body = ?2 WHERE row = ?1"},
        {&m->insert_id, "INSERT INTO ids(row, hash, id) VALUES (?, ?, ?)"},
        {&m->replace_id, "UPDATE ids SET hash = ?2 WHERE row = ?1"},
        {&m->conflict, "INSERT OR IGNORE INTO conflicts(id, body) VALUES (?, ?)"},
    };
    for (size_t i = 0; i < sizeof all / sizeof *all; i++)
        if (sqlite3_prepare_v2(m->t->db, all[i].sql, -1, all[i].st, NULL) != SQLITE_OK)
            return sql_fail(m);
    return true;
}

/* The error for a file refused for why: a read error, a database error, a syntax
 * error (with its byte) or a file that is not what ailit writes. */
static AilResult merge_refusal(const Merge *m, const Scan *scan, const char *path, const char *why,
                               const char *detail, AilError *err) {
    if (scan->rd->io_error) /* a read error looks like an early end: say which */
        return ail_error_set(err, AIL_ERR_IO, "%s: cannot read it: %s; nothing from it was merged",
                             path, strerror(scan->rd->io_error));
    if (m->sql_error[0])
        return ail_error_set(err, AIL_ERR_IO, "%s: %s: %s; nothing from it was merged", path, why,
                             m->sql_error);
    if (scan->why)
        return ail_error_set(err, AIL_ERR_PARSE,
                             "%s: refused: %s (at byte %llu); nothing from it was merged", path,
                             why, (unsigned long long)scan->at);
    return ail_error_set(err, AIL_ERR_INVALID, "%s: refused: %s%s; nothing from it was merged%s",
                         path, why, detail,
                         m->altered ? ". ailit never writes this: the file was changed, or made "
                                      "by another program; export it again on the device"
                                    : "");
}

/* Undoes a refused file's writes (its savepoint, or the transaction). */
static void merge_undo(SyncTrainerDb *t, AilResult r, AilError *err) {
    /* Should undoing the savepoint fail, the whole batch goes rather than a half
     * file staying in it (and the run is reported as not kept, below). */
    if (sqlite3_exec(t->db, t->in_batch ? "ROLLBACK TO merge_file; RELEASE merge_file" : "ROLLBACK",
                     NULL, NULL, NULL) != SQLITE_OK &&
        !sqlite3_get_autocommit(t->db))
        sqlite3_exec(t->db, "ROLLBACK", NULL, NULL, NULL); /* a hot journal finishes it if not */
    sync_seen_forget(t); /* it may hold ids of the rolled-back file */
    if (t->in_batch && sqlite3_get_autocommit(t->db)) {
        char first[sizeof err->message];
        snprintf(first, sizeof first, "%s", err->message);
        ail_error_set(err, r,
                      "%s; this ended the whole merge's transaction, so the files merged "
                      "before it in this run were not kept either",
                      first);
    }
}

AilResult sync_merge_file(SyncTrainerDb *t, const char *path, SyncMergeCounts *counts,
                          AilError *err) {
    return sync_merge_file_tagged(t, path, NULL, counts, err);
}

AilResult sync_merge_file_tagged(SyncTrainerDb *t, const char *path, const char *workshop,
                                 SyncMergeCounts *counts, AilError *err) {
    memset(counts, 0, sizeof *counts);
    if (workshop && !sync_workshop_ok(workshop))
        return ail_error_set(err, AIL_ERR_USAGE,
                             "a workshop tag needs 1 to %d bytes of text without control "
                             "characters, such as \"Nairobi 2026-12\"",
                             SYNC_WORKSHOP_MAX - 1);
    /* SQLite ends the whole transaction after some errors (a full disk, an I/O error,
     * an interrupt): the batch is gone. Merging on would commit this file on its own,
     * a half-kept run; refuse it, and sync_merge_end reports the run as not kept. */
    if (t->in_batch && sqlite3_get_autocommit(t->db))
        return ail_error_set(err, AIL_ERR_IO,
                             "%s: not merged: an earlier error ended this merge's transaction, "
                             "so nothing of this run was kept; merge the files again",
                             path);
    FILE *f = fopen(path, "rb");
    if (!f) return ail_error_set(err, AIL_ERR_IO, "%s: cannot open it: %s", path, strerror(errno));
    Reader *rd = ail_xcalloc(1, sizeof *rd);
    rd->f = f;
    rd->path = path;
    Scan scan = {rd, NULL, 0};
    Merge m = {.t = t, .counts = counts, .workshop = workshop};
    ail_buf_init(&m.existing);
    AilResult r = AIL_OK;
    const char *why = NULL;
    char detail[160] = "";
    if (sqlite3_exec(t->db, t->in_batch ? "SAVEPOINT merge_file" : "BEGIN IMMEDIATE", NULL, NULL,
                     NULL) != SQLITE_OK ||
        !sync_origin_ensure(t->db) || !merge_prepare(&m)) {
        r = ail_error_set(err, AIL_ERR_IO, "%s: the trainer database could not be written: %s",
                          path, sqlite3_errmsg(t->db));
    } else if (!mem_load(&m)) {
        r = ail_error_set(err, AIL_ERR_IO, "%s: the trainer database could not be read: %s", path,
                          m.sql_error);
    } else {
        why = merge_stream(&m, &scan, detail, sizeof detail);
        if (why) r = merge_refusal(&m, &scan, path, why, detail, err);
    }
    sqlite3_stmt *all[] = {m.fetch,   m.insert,       m.insert_body, m.insert_id,
                           m.replace, m.replace_body, m.replace_id,  m.conflict};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++) sqlite3_finalize(all[i]);
    if (!r && sqlite3_exec(t->db, t->in_batch ? "RELEASE merge_file" : "COMMIT", NULL, NULL,
                           NULL) != SQLITE_OK)
        r = ail_error_set(err, AIL_ERR_IO, "%s: the trainer database could not be written: %s",
                          path, sqlite3_errmsg(t->db));
    if (r) {
        merge_undo(t, r, err);
        SyncMergeCounts zero = {0};
        *counts = zero;
    }
    ail_buf_free(&m.existing);
    fclose(f);
    free(rd);
    return r;
}

AilResult sync_merge_begin(SyncTrainerDb *t, AilError *err) {
    if (t->in_batch) return ail_error_set(err, AIL_ERR_USAGE, "a merge batch is already open");
    if (sqlite3_exec(t->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return ail_error_set(err, AIL_ERR_IO, "the trainer database %s could not be written: %s",
                             t->path, sqlite3_errmsg(t->db));
    t->in_batch = true;
    return AIL_OK;
}

AilResult sync_merge_end(SyncTrainerDb *t, AilError *err) {
    if (!t->in_batch) return ail_error_set(err, AIL_ERR_USAGE, "no merge batch is open");
    t->in_batch = false;
    if (sqlite3_get_autocommit(t->db)) { /* SQLite rolled the batch back after an error */
        sync_seen_forget(t);
        return ail_error_set(err, AIL_ERR_IO,
                             "the trainer database %s rolled this merge back after an error; "
                             "nothing of this merge was kept, merge the files again",
                             t->path);
    }
    if (sqlite3_exec(t->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK) return AIL_OK;
    AilResult r = ail_error_set(err, AIL_ERR_IO,
                                "the trainer database %s could not be written: %s; "
                                "nothing of this merge was kept, merge the files again",
                                t->path, sqlite3_errmsg(t->db));
    sqlite3_exec(t->db, "ROLLBACK", NULL, NULL, NULL);
    sync_seen_forget(t);
    return r;
}
