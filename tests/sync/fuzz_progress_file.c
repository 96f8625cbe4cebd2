/*
 * libFuzzer target: any bytes as a progress file given to `sync_merge_file`. A file
 * must go in whole or be refused; never crash, leak, or leave the database unsound.
 * The trainer database lives in memory for the whole run, so a file merged early
 * makes later ones duplicates and conflicts, which exercises those paths too.
 */
#include "sync/sync.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static SyncTrainerDb *db;
static char path[64];

static void cleanup(void) {
    remove(path);
    sync_trainer_close(db);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    AilError err;
    if (!db) {
        snprintf(path, sizeof path, "/tmp/ailit-fuzz-progress-%ld.json", (long)getpid());
        if (sync_trainer_open(":memory:", &db, &err) != AIL_OK) abort();
        atexit(cleanup);
    }
    FILE *f = fopen(path, "wb");
    if (!f) abort();
    if (size && fwrite(data, 1, size, f) != size) abort();
    fclose(f);
    SyncMergeCounts c;
    if (sync_merge_file(db, path, &c, &err) != AIL_OK) {
        /* refused whole: nothing counted, and the message names the file */
        if (c.added || c.duplicate || c.conflicting || !strstr(err.message, path)) abort();
    }
    return 0;
}
