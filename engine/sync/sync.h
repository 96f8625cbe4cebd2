/*
 * sync — progress files (DESIGN.md "Progress files"): export from a device's store,
 * merge into a trainer's database, and the trainer's reports (CSV and HTML).
 *
 * A progress file is JSON:
 *   {"format": "ailit-progress/1", "device": {"id", "name"}, "exported_at",
 *    "first_seq", "last_seq", "learners": [{"id", "name"}], "statements": [...]}
 * with the statements' bytes exactly as the store wrote them at the event.
 *
 * Ownership: a SyncTrainerDb owns its SQLite handle; sync_trainer_close releases it.
 * Files are read as streams (one statement in memory at a time) and written through
 * a temporary name, fsync and rename, so no half file ever has the final name.
 */
#ifndef AILIT_SYNC_H
#define AILIT_SYNC_H

#include "base/base.h"
#include "progress/progress.h"

#define SYNC_FORMAT "ailit-progress/1"
/* One statement (or roster entry) larger than this is refused: no real statement
 * comes near it, and it bounds the memory a hostile file can make us use. */
#define SYNC_MAX_STATEMENT_BYTES (256u * 1024u)
/* JSON nesting deeper than this is refused before anything parses it. */
#define SYNC_MAX_DEPTH 64
/* A statement's object id longer than this is refused (ailit's are far shorter). */
#define SYNC_MAX_ACTIVITY_IRI 2048
/* The most bytes of a device's name in a file name, and of a workshop tag (with NUL). */
#define SYNC_SLUG_MAX 32
#define SYNC_WORKSHOP_MAX 128

/* ---- Export ------------------------------------------------------------------------ */

typedef struct {
    const char *out_dir; /* folder to write into */
    bool all;            /* every statement, not only those since the last export */
    bool anonymous;      /* leave the learners' names out (no roster) */
} SyncExportOptions;

typedef struct {
    char path[4096]; /* the file written; "" when there was nothing to export */
    size_t statements;
    int64_t first_seq, last_seq;
    /* When this computer's clock is wrong (progress_clock_status), a sentence saying
     * so and how the file is dated, for stderr and the log; else "". */
    char clock_note[512];
} SyncExportResult;

/* The device's name as a file name may hold it: ASCII letters (lower case, accents
 * dropped) and digits, every other run of characters one '-', none at either end,
 * at most SYNC_SLUG_MAX bytes ("Room 4, laptop 7" is "room-4-laptop-7"; a name in
 * another script can come out ""). Returns its length. */
size_t sync_device_slug(const char *name, char *out, size_t size);

/* The name of the n-th (1, 2, ...) progress file of device exported in the second
 * of now_ms: "ailit-progress-<slug, or device>-<first 8 of its id>-<YYYYMMDDThhmmssZ>
 * [-n].json", safe on a FAT stick. */
void sync_export_file_name(const ProgressDevice *device, int64_t now_ms, int n, char *out,
                           size_t size);

/* Writes one progress file into opts->out_dir: to a temporary name, fsync, rename,
 * fsync of the folder; only then moves the export watermark. On any failure no file
 * is left under the final name, the watermark is unchanged and err says what went
 * wrong and what to do. With nothing new, writes no file and sets out->statements 0. */
AilResult sync_export(ProgressStore *store, const SyncExportOptions *opts, SyncExportResult *out,
                      AilError *err);

/* ---- Trainer database and merge ------------------------------------------------------ */

typedef struct SyncTrainerDb SyncTrainerDb;

/* Opens (creating when missing) a trainer database. A damaged file, a newer one, or
 * a file that is not a trainer database is refused, untouched. */
AilResult sync_trainer_open(const char *path, SyncTrainerDb **out, AilError *err);
void sync_trainer_close(SyncTrainerDb *db);

#define SYNC_CONFLICTS_SHOWN 10

typedef struct {
    size_t added, duplicate, conflicting;
    size_t learners;
    /* The first SYNC_CONFLICTS_SHOWN conflicting statement ids; all of them are in
     * the database's conflicts table. */
    char conflict_ids[SYNC_CONFLICTS_SHOWN][AIL_UUID_LEN + 1];
    /* The file's workshop tag in the database after the merge ("" for none): the
     * tag given, or the one it was first merged with (a tag once given stays). */
    char workshop[SYNC_WORKSHOP_MAX];
} SyncMergeCounts;

/* Merges one progress file, in one transaction: a truncated, malformed or foreign
 * file, or one that says what ailit never writes (a score outside xAPI's ranges, a
 * time not in ailit's RFC 3339 form or outside 2000..2100, an actor that is no
 * learner UUID, a homePage or object id that is no http(s) IRI (any deployment's:
 * progress_xapi_iri_ok), a verb ailit does not use, an "exported_at" more than a day ahead of
 * this computer's clock, sequence numbers that are no whole numbers), is refused
 * whole (nothing of it is kept) with a message naming it and why. A stored copy that
 * cannot be read refuses the file too. A statement
 * id already present with the same content counts as a duplicate; with different
 * content as a conflict: both versions are kept apart and the report uses the one
 * whose bytes sort first, so merging the same files in any order, any number of
 * times, gives the same database. */
AilResult sync_merge_file(SyncTrainerDb *db, const char *path, SyncMergeCounts *counts,
                          AilError *err);

/* sync_merge_file, storing workshop (NULL: none; else 1..SYNC_WORKSHOP_MAX-1 bytes of
 * UTF-8 without control characters) with the file, for a report of one workshop. A
 * file merged before keeps its tag; one merged without a tag takes this one. */
AilResult sync_merge_file_tagged(SyncTrainerDb *db, const char *path, const char *workshop,
                                 SyncMergeCounts *counts, AilError *err);

/* True when tag can be a workshop tag (see sync_merge_file_tagged). */
bool sync_workshop_ok(const char *tag);

/* The progress files under dir, for merging a whole stick: every
 * "ailit-progress-*.json" in it and in its folders down to SYNC_FOLDER_DEPTH levels,
 * hidden ones (".name") and links left out, sorted by path. *paths (each
 * string and the array) is the caller's to free; *count may be 0. */
#define SYNC_FOLDER_DEPTH 4
AilResult sync_progress_files(const char *dir, char ***paths, size_t *count, AilError *err);

/* Groups the merges up to sync_merge_end into one transaction: much faster for many
 * files (the id index is written once, not once per file). Each file still goes in
 * whole or not at all (a savepoint each); nothing is durable before sync_merge_end
 * returns AIL_OK, and a crash before then loses the batch, which merging again
 * restores. */
AilResult sync_merge_begin(SyncTrainerDb *db, AilError *err);
AilResult sync_merge_end(SyncTrainerDb *db, AilError *err);

/* ---- Reports ------------------------------------------------------------------------ */

/* What a report is limited to; NULL fields do not limit it. */
typedef struct {
    const char *device;   /* a device's name (any case), its id, or its id's first 8+ digits */
    const char *from, *to; /* YYYY-MM-DD, UTC days, both included */
    const char *workshop; /* a tag given to ailit merge --workshop */
} SyncReportFilter;

/* Limits every report written on db after it to the statements filter lets through
 * (those of the files merged from the device or with the workshop tag, whose time is
 * in the days given). scope receives the limits in words ("" when none). An unknown
 * device or workshop is AIL_ERR_NOT_FOUND, with those the database holds named in
 * err; a malformed date or from after to, AIL_ERR_USAGE. Statements merged by an ailit
 * older than workshop tags belong to no device or workshop here. */
AilResult sync_report_filter(SyncTrainerDb *db, const SyncReportFilter *filter, char *scope,
                             size_t scope_size, AilError *err);

/* Lifts the limits of sync_report_filter. */
void sync_report_filter_clear(SyncTrainerDb *db);

/* The languages a report's page can be written in (its own strings). */
#define SYNC_REPORT_LANGS "en, fr, zh-Hans, ar, sw"

/* What a report shows and how. Zero-initialized: English, no packs (ids, not titles). */
typedef struct {
    const char *csv_dir;   /* CSV files go into this folder; NULL: none */
    const char *html_path; /* the HTML page; NULL: none */
    const char *lang;      /* the page's language, one of SYNC_REPORT_LANGS; NULL: en */
    /* The installed packs (not owned): lessons and questions in their course order,
     * titles, prompts and quiz roles from them in lang. Data of a pack missing here
     * is shown by its ids, after the installed packs'. */
    Course *const *courses;
    size_t course_count;
} SyncReportOptions;

/* True when lang is one of SYNC_REPORT_LANGS. */
bool sync_report_lang_known(const char *lang);

/* Writes the trainer's reports as opts says: CSV files and one self-contained HTML
 * page, each written atomically; on failure none is left under its final name. */
AilResult sync_report_write(SyncTrainerDb *db, const SyncReportOptions *opts, AilError *err);

/* sync_report_write in English, without packs. */
AilResult sync_report(SyncTrainerDb *db, const char *csv_dir, const char *html_path, AilError *err);

/* ---- Push to a Learning Record Store ------------------------------------------------- */

#define SYNC_PUSH_BATCH 500      /* statements a request, unless told otherwise */
#define SYNC_PUSH_MAX_BATCH 5000 /* the most a request may carry */
#define SYNC_PUSH_TRIES 5        /* tries of a request on network errors and 5xx */
#define SYNC_PUSH_FIRST_WAIT_MS 1000

/* Tests only: the HTTP seam (sync_internal.h). NULL: libcurl. */
typedef struct SyncPushTransport SyncPushTransport;

typedef struct {
    const char *endpoint;   /* the LRS's xAPI endpoint; "statements" is appended to it */
    const char *user;       /* NULL: no authentication */
    const char *password;   /* with user; never printed, logged or put in a message */
    size_t batch;           /* 1..SYNC_PUSH_MAX_BATCH statements a request */
    unsigned tries;         /* >= 1: tries of a request (network errors, 5xx, 429) */
    unsigned first_wait_ms; /* the wait before the 2nd try; doubled before each next */
    /* Called after each batch the LRS accepted: pushed of total statements are now
     * recorded as held by this LRS. May be NULL. */
    void (*progress)(void *ctx, size_t pushed, size_t total);
    void *progress_ctx;
    const SyncPushTransport *transport;
} SyncPushOptions;

/* The defaults: SYNC_PUSH_BATCH, SYNC_PUSH_TRIES, SYNC_PUSH_FIRST_WAIT_MS, no user. */
void sync_push_options_init(SyncPushOptions *opts, const char *endpoint);

typedef struct {
    size_t total;     /* statements in the database */
    size_t before;    /* recorded as held by this LRS before this run (not sent again) */
    size_t accepted;  /* sent in this run and accepted (new, or already held the same) */
    size_t differing; /* held by the LRS with other content: not recorded */
    char differing_ids[SYNC_CONFLICTS_SHOWN][AIL_UUID_LEN + 1];
} SyncPushCounts;

/* Posts the database's statements, as they came, to opts->endpoint's statements
 * resource in batches, and records each batch the LRS accepted in the database's
 * pushed table (keyed by endpoint), so a run cut off goes on where it stopped and a
 * statement recorded is never sent again. A 409 answer makes it ask the LRS for each
 * statement of the batch: one held with the same content (ignoring stored, authority,
 * version) counts as accepted; with other content it is counted in counts->differing
 * and left unrecorded; one not held is posted alone. Network errors, 5xx and 429 are
 * tried again after a growing wait. Fails (err says what to do) on 401/403, on any
 * other refusal, and when the LRS cannot be reached after opts->tries; what was
 * accepted until then stays recorded. */
AilResult sync_push(SyncTrainerDb *db, const SyncPushOptions *opts, SyncPushCounts *counts,
                    AilError *err);

#endif
