/*
 * sync internals shared by the module's .c files and its tests. Not public: the app
 * includes sync.h only.
 */
#ifndef AILIT_SYNC_INTERNAL_H
#define AILIT_SYNC_INTERNAL_H

#include "sync/sync.h"

#include <sqlite3.h>

/* One statement id in memory: its 16 bytes, the hash of its stored bytes and its
 * row (0 marks an empty slot). */
typedef struct {
    unsigned char id[16];
    uint64_t hash;
    int64_t row;
} SyncSeenSlot;

struct SyncTrainerDb {
    sqlite3 *db;
    char *path;
    bool in_batch; /* between sync_merge_begin and sync_merge_end */
    /* The id index (open addressing, 3/4 full at most), loaded from statements at
     * the first merge; dropped when a transaction rolls back, loaded again when next
     * needed. 43 to 85 bytes per statement in the database. */
    SyncSeenSlot *mem;
    size_t mem_cap, mem_count;
    bool mem_loaded;
    /* The limits of sync_report_filter in force, for the report to state: device,
     * from, to, workshop (owned; NULL: not limited that way). */
    char *limits[4];
};

/* Forgets the in-memory id index. */
void sync_seen_forget(SyncTrainerDb *db);

/* A file written atomically: data goes to a temporary name in the same folder;
 * sync_file_commit flushes, fsyncs, renames it to the final name and fsyncs the
 * folder. The first write error is kept and reported by commit. */
typedef struct {
    int fd;
    int error; /* errno of the first failure, 0 while all is well */
    char tmp[4096], final_path[4096], dir[4096];
    char buf[1 << 16];
    size_t len;
    size_t written;
} SyncFile;

/* Opens a temporary file in dir for final name name. */
AilResult sync_file_create(SyncFile *f, const char *dir, const char *name, AilError *err);
void sync_file_write(SyncFile *f, const void *data, size_t n);
void sync_file_puts(SyncFile *f, const char *s);
/* Makes the file durable under its final name. replace: may overwrite an existing
 * file of that name (reports); otherwise AIL_ERR_IO when one exists. On failure the
 * temporary file is removed and nothing has the final name. */
AilResult sync_file_commit(SyncFile *f, bool replace, AilError *err);
/* Removes the temporary file (after an error elsewhere). */
void sync_file_abort(SyncFile *f);

/* Tests only: called after an export's data is written, before fsync and rename. */
extern void (*sync_test_before_commit)(const char *tmp_path);

/* ---- Push: the HTTP seam and the database's side ------------------------------------ */

/* One HTTP answer: status 0 when none came (error then says why, in libcurl's words). */
typedef struct {
    long status;
    AilBuf body;
    char error[256];
} SyncHttpReply;

/* How sync_push talks to an LRS: libcurl (sync_http_*) in use, a fake in the tests.
 * request sends body (NULL for a GET) to url and fills reply (its body emptied first);
 * wait sleeps between tries. */
struct SyncPushTransport {
    void *ctx;
    void (*request)(void *ctx, const char *method, const char *url, const char *body, size_t len,
                    SyncHttpReply *reply);
    void (*wait)(void *ctx, unsigned ms);
};

/* libcurl with xAPI 1.0.3's headers, HTTP Basic authentication when user is not NULL,
 * the system's certificates (verification is never turned off), no redirects, no
 * verbose output. Copies user and password; sync_http_close wipes them. */
typedef struct SyncHttp SyncHttp;
AilResult sync_http_open(const char *user, const char *password, SyncHttp **out, AilError *err);
void sync_http_request(void *http, const char *method, const char *url, const char *body,
                       size_t len, SyncHttpReply *reply);
void sync_http_close(SyncHttp *http);

/* A batch of statements not yet recorded as pushed to one LRS, in row order: json is
 * the array to POST ("[s1,s2,...]"), statement i's id is ids[i] and its bytes are
 * json.data[at[i] .. at[i] + len[i]). */
typedef struct {
    size_t count, cap;
    char (*ids)[AIL_UUID_LEN + 1];
    size_t *at, *len;
    int64_t last_row;
    AilBuf json;
} SyncPushBatch;

void sync_push_batch_free(SyncPushBatch *b);
/* Counts the database's statements and those recorded as pushed to lrs. */
AilResult sync_push_db_counts(SyncTrainerDb *db, const char *lrs, size_t *total, size_t *pushed,
                              AilError *err);
/* Fills b with up to limit statements after row after_row not recorded for lrs;
 * b->count 0 when none is left. */
AilResult sync_push_db_next(SyncTrainerDb *db, const char *lrs, int64_t after_row, size_t limit,
                            SyncPushBatch *b, AilError *err);
/* Records ids[0..n) as accepted by lrs, now, in one transaction. */
AilResult sync_push_db_record(SyncTrainerDb *db, const char *lrs, char (*ids)[AIL_UUID_LEN + 1],
                              size_t n, AilError *err);

#endif
