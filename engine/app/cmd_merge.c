/*
 * ailit merge: progress files into a trainer's database.
 *
 *   ailit merge FILE... --db TRAINER.db
 *
 * Each file is merged whole or not at all; the others still go in. All of them are
 * committed together at the end (one transaction, a savepoint per file). Exit 1 when
 * any file was refused.
 */
#include "app/commands.h"
#include "sync/sync.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int usage(FILE *to) {
    fprintf(to,
            "usage: ailit merge FILE... --db TRAINER.db\n"
            "  merges progress files made by 'ailit export' into TRAINER.db (made when missing);\n"
            "  merging a file again, or in another order, changes nothing\n");
    return EXIT_USAGE;
}

int cmd_merge(int argc, char **argv) {
    const char *db_path = NULL;
    char **files = ail_xcalloc((size_t)argc, sizeof *files);
    size_t count = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
            db_path = argv[++i];
        else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            free(files);
            usage(stdout);
            return 0;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "ailit merge: unknown option '%s'\n", argv[i]);
            free(files);
            return usage(stderr);
        } else
            files[count++] = argv[i];
    }
    if (!db_path || !count) {
        free(files);
        return usage(stderr);
    }
    AilError err;
    ail_error_clear(&err);
    SyncTrainerDb *db = NULL;
    if (sync_trainer_open(db_path, &db, &err) != AIL_OK) {
        fprintf(stderr, "ailit merge: %s\n", err.message);
        free(files);
        return EXIT_PROBLEMS;
    }
    int rc = 0;
    size_t refused = 0;
    if (sync_merge_begin(db, &err) != AIL_OK) {
        fprintf(stderr, "ailit merge: %s\n", err.message);
        sync_trainer_close(db);
        free(files);
        return EXIT_PROBLEMS;
    }
    for (size_t i = 0; i < count; i++) {
        SyncMergeCounts c;
        ail_error_clear(&err);
        if (sync_merge_file(db, files[i], &c, &err) != AIL_OK) {
            fprintf(stderr, "ailit merge: %s\n", err.message);
            refused++;
            rc = EXIT_PROBLEMS;
            continue;
        }
        printf("%s: %zu new, %zu duplicate, %zu conflicting\n", files[i], c.added, c.duplicate,
               c.conflicting);
        for (size_t k = 0; k < c.conflicting && k < SYNC_CONFLICTS_SHOWN; k++)
            printf("  conflict: statement %s differs from the copy already merged; both are kept, "
                   "the report uses one\n",
                   c.conflict_ids[k]);
        if (c.conflicting > SYNC_CONFLICTS_SHOWN)
            printf("  ... and %zu more conflicts (the conflicts table of %s lists them all)\n",
                   c.conflicting - SYNC_CONFLICTS_SHOWN, db_path);
    }
    ail_error_clear(&err);
    if (sync_merge_end(db, &err) != AIL_OK) {
        fprintf(stderr, "ailit merge: %s\n", err.message);
        sync_trainer_close(db);
        free(files);
        return EXIT_PROBLEMS;
    }
    if (refused == count)
        fprintf(stderr, "ailit merge: no file was merged\n");
    else if (refused)
        fprintf(stderr, "ailit merge: %zu of %zu files refused; the others were merged\n", refused,
                count);
    sync_trainer_close(db);
    free(files);
    return rc;
}
