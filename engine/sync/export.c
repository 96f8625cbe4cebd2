/*
 * ailit export: the statements since the last export (or all of them) into one
 * progress file on a stick or in a folder.
 *
 * Invariants: the statements' bytes are copied from the event log unchanged; the
 * range exported is fixed before writing (events are append-only, so rows up to
 * last_seq cannot change while we write); the watermark moves only after
 * sync_file_commit has made the file durable under its final name.
 *
 * The file's name says whose it is: "ailit-progress-<name>-<short id>-<UTC time>.json",
 * the device's name as ASCII (sync_device_slug) and its id's first 8 digits, with
 * nothing a FAT stick refuses (no ':' in the time).
 */
#include "sync/sync_internal.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

typedef struct {
    SyncFile *file;
    size_t count;
} ExportCtx;

static AilResult put_statement(void *vctx, int64_t seq, const char *statement, size_t len,
                               AilError *err) {
    (void)seq, (void)err;
    ExportCtx *ctx = vctx;
    if (ctx->count++)
        sync_file_write(ctx->file, ",\n", 2);
    else
        sync_file_write(ctx->file, "\n", 1);
    sync_file_write(ctx->file, statement, len);
    return ctx->file->error ? AIL_ERR_IO : AIL_OK;
}

size_t sync_device_slug(const char *name, char *out, size_t size) {
    assert(size > 0);
    AilBuf folded;
    ail_buf_init(&folded);
    ail_utf8_fold(name ? name : "", &folded); /* lower case, accents gone: "é" is "e" */
    size_t n = 0, cap = size - 1 < SYNC_SLUG_MAX ? size - 1 : SYNC_SLUG_MAX;
    for (size_t i = 0; folded.data && i < folded.len && n < cap; i++) {
        char c = folded.data[i];
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            out[n++] = c;
        else if (n && out[n - 1] != '-') /* anything else, a letter of another script too */
            out[n++] = '-';
    }
    while (n && out[n - 1] == '-') n--;
    out[n] = '\0';
    ail_buf_free(&folded);
    return n;
}

void sync_export_file_name(const ProgressDevice *device, int64_t now_ms, int n, char *out,
                           size_t size) {
    char slug[SYNC_SLUG_MAX + 1], stamp[32];
    if (!sync_device_slug(device->name, slug, sizeof slug)) snprintf(slug, sizeof slug, "device");
    time_t secs = (time_t)(now_ms / 1000);
    struct tm tm;
    gmtime_r(&secs, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
    /* The device's short id: two laptops given the same name still differ. */
    if (n <= 1)
        snprintf(out, size, "ailit-progress-%s-%.8s-%s.json", slug, device->uuid, stamp);
    else
        snprintf(out, size, "ailit-progress-%s-%.8s-%s-%d.json", slug, device->uuid, stamp, n);
}

/* The sentence of SyncExportResult.clock_note. */
static void clock_note(ProgressStore *store, char *out, size_t size) {
    ProgressClockStatus c;
    progress_clock_status(store, &c);
    out[0] = '\0';
    if (!c.wrong) return;
    char says[AIL_TIMESTAMP_LEN + 1], from[AIL_TIMESTAMP_LEN + 1];
    ail_time_format_rfc3339(c.system_ms, says);
    ail_time_format_rfc3339(c.floor_ms, from);
    snprintf(out, size,
             "this computer's clock says %.10s, which is too early: the progress file and the "
             "progress saved since the clock went wrong are dated from %.10s on, in the order "
             "they happened. Set the date and time in the system settings",
             says, from);
}

AilResult sync_export(ProgressStore *store, const SyncExportOptions *opts, SyncExportResult *out,
                      AilError *err) {
    memset(out, 0, sizeof *out);
    ProgressDevice device;
    int64_t watermark = 0, first = 0, last = 0;
    size_t count = 0;
    AilResult r = progress_device_get(store, &device, err);
    if (!r && !opts->all) r = progress_export_watermark(store, &watermark, err);
    if (!r) r = progress_events_range(store, watermark, &first, &last, &count, err);
    if (r) return r;
    if (count == 0) return AIL_OK;

    /* Dated by the progress clock, as the statements are: never before them, even
     * when this computer's clock says 1970. */
    int64_t now = progress_now_ms(store);
    char when[AIL_TIMESTAMP_LEN + 1], name[256];
    ail_time_format_rfc3339(now, when);
    clock_note(store, out->clock_note, sizeof out->clock_note);
    /* Two exports in the same second get "-2", "-3", ... rather than failing. */
    for (int n = 1; n < 1000; n++) {
        char probe[4400];
        sync_export_file_name(&device, now, n, name, sizeof name);
        snprintf(probe, sizeof probe, "%s/%s", opts->out_dir, name);
        if (access(probe, F_OK) != 0) break;
    }

    SyncFile *f = ail_xmalloc(sizeof *f);
    if ((r = sync_file_create(f, opts->out_dir, name, err))) {
        free(f);
        return r;
    }
    AilBuf head;
    ail_buf_init(&head);
    ail_buf_puts(&head, "{\"format\":\"" SYNC_FORMAT "\",\n\"device\":{\"id\":");
    ail_buf_json_string(&head, device.uuid);
    ail_buf_puts(&head, ",\"name\":");
    ail_buf_json_string(&head, device.name);
    ail_buf_printf(&head,
                   "},\n\"exported_at\":\"%s\",\n\"first_seq\":%lld,\n\"last_seq\":%lld,\n"
                   "\"learners\":[",
                   when, (long long)first, (long long)last);
    if (!opts->anonymous) {
        ProgressLearner *learners = NULL;
        size_t n = 0;
        if ((r = progress_learner_list(store, &learners, &n, err))) {
            ail_buf_free(&head);
            sync_file_abort(f);
            free(f);
            return r;
        }
        for (size_t i = 0; i < n; i++) {
            ail_buf_puts(&head, i ? ",\n{\"id\":" : "\n{\"id\":");
            ail_buf_json_string(&head, learners[i].uuid);
            ail_buf_puts(&head, ",\"name\":");
            ail_buf_json_string(&head, learners[i].name);
            ail_buf_puts(&head, "}");
        }
        free(learners);
    }
    ail_buf_puts(&head, "],\n\"statements\":[");
    sync_file_write(f, head.data, head.len);
    ail_buf_free(&head);

    ExportCtx ctx = {f, 0};
    r = progress_events_each(store, watermark, last, put_statement, &ctx, err);
    if (r) {
        if (f->error) r = sync_file_commit(f, false, err); /* reports the write error */
        sync_file_abort(f);
        free(f);
        return r;
    }
    sync_file_puts(f, "\n]}\n");
    r = sync_file_commit(f, false, err);
    if (!r) {
        snprintf(out->path, sizeof out->path, "%s", f->final_path);
        out->statements = ctx.count;
        out->first_seq = first;
        out->last_seq = last;
        r = progress_export_mark(store, last, err);
        if (r) {
            /* The file is fine; the next export repeats its statements, which merge
             * counts as duplicates. */
        }
    }
    free(f);
    return r;
}
