/*
 * ailit merge: progress files into a trainer's database.
 *
 *   ailit merge FILE_OR_FOLDER... --db TRAINER.db [--workshop TAG]
 *
 * A folder (a whole stick) stands for every ailit-progress-*.json in it and in its
 * folders (sync_progress_files). Each file is merged whole or not at all; the others
 * still go in. All of them are committed together at the end (one transaction, a
 * savepoint per file). Exit 1 when any file was refused or a folder held none.
 */
#include "app/commands.h"
#include "sync/sync.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int usage(FILE *to) {
    fprintf(to,
            "usage: ailit merge FILE_OR_FOLDER... --db TRAINER.db [--workshop TAG]\n"
            "  merges progress files made by 'ailit export' into TRAINER.db (made when missing);\n"
            "  a folder (a whole stick) brings every ailit-progress-*.json in it and in its\n"
            "  folders; merging a file again, or in another order, changes nothing\n"
            "  --workshop TAG  stores TAG (\"Nairobi 2026-12\") with each file, for\n"
            "                  'ailit report --workshop TAG'\n");
    return EXIT_USAGE;
}

/* The files to merge: each argument, or the progress files of a folder. Owned
 * strings; empty_folders counts the folders that held none. */
typedef struct {
    char **paths;
    size_t count, cap, empty_folders;
} FileList;

static void add_path(FileList *l, char *owned) {
    if (l->count == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 16;
        l->paths = ail_xrealloc(l->paths, l->cap * sizeof *l->paths);
    }
    l->paths[l->count++] = owned;
}

/* Adds arg, or the progress files of the folder arg; false when a folder cannot be
 * read (said on stderr). */
static bool add_argument(FileList *l, const char *arg) {
    struct stat st;
    if (stat(arg, &st) != 0 || !S_ISDIR(st.st_mode)) {
        add_path(l, ail_xstrdup(arg)); /* a file: merging says what is wrong with it */
        return true;
    }
    char **found = NULL;
    size_t n = 0;
    AilError err;
    ail_error_clear(&err);
    if (sync_progress_files(arg, &found, &n, &err) != AIL_OK) {
        fprintf(stderr, "ailit merge: %s\n", err.message);
        return false;
    }
    if (!n) {
        fprintf(stderr, "ailit merge: %s holds no progress files (ailit-progress-*.json)\n", arg);
        l->empty_folders++;
    } else {
        printf("%s: %zu progress file%s\n", arg, n, n == 1 ? "" : "s");
    }
    for (size_t i = 0; i < n; i++) add_path(l, found[i]);
    free(found);
    return true;
}

static void free_list(FileList *l) {
    for (size_t i = 0; i < l->count; i++) free(l->paths[i]);
    free(l->paths);
}

/* What merging file did: its counts, its workshop tag, its conflicts. */
static void print_counts(const char *file, const SyncMergeCounts *c, const char *workshop,
                         const char *db_path) {
    printf("%s: %zu new, %zu duplicate, %zu conflicting", file, c->added, c->duplicate,
           c->conflicting);
    if (c->workshop[0]) printf(", workshop \"%s\"", c->workshop);
    printf("\n");
    if (workshop && strcmp(c->workshop, workshop) != 0)
        printf("  it keeps the workshop \"%s\" it was first merged with\n", c->workshop);
    for (size_t k = 0; k < c->conflicting && k < SYNC_CONFLICTS_SHOWN; k++)
        printf("  conflict: statement %s differs from the copy already merged; both are kept, "
               "the report uses one\n",
               c->conflict_ids[k]);
    if (c->conflicting > SYNC_CONFLICTS_SHOWN)
        printf("  ... and %zu more conflicts (the conflicts table of %s lists them all)\n",
               c->conflicting - SYNC_CONFLICTS_SHOWN, db_path);
}

int cmd_merge(int argc, char **argv) {
    const char *db_path = NULL, *workshop = NULL;
    char **files = ail_xcalloc((size_t)argc, sizeof *files);
    size_t count = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
            db_path = argv[++i];
        else if (strcmp(argv[i], "--workshop") == 0 && i + 1 < argc)
            workshop = argv[++i];
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
    if (workshop && !sync_workshop_ok(workshop)) {
        fprintf(stderr,
                "ailit merge: a workshop tag needs 1 to %d bytes of text without control "
                "characters, such as \"Nairobi 2026-12\"\n",
                SYNC_WORKSHOP_MAX - 1);
        free(files);
        return EXIT_USAGE;
    }
    FileList list = {0};
    bool read_all = true;
    for (size_t i = 0; i < count; i++) read_all = add_argument(&list, files[i]) && read_all;
    free(files);
    files = list.paths;
    count = list.count;
    int rc = read_all && !list.empty_folders ? 0 : EXIT_PROBLEMS;
    if (!count) {
        fprintf(stderr, "ailit merge: no file was merged\n");
        free_list(&list);
        return EXIT_PROBLEMS;
    }
    AilError err;
    ail_error_clear(&err);
    SyncTrainerDb *db = NULL;
    if (sync_trainer_open(db_path, &db, &err) != AIL_OK) {
        fprintf(stderr, "ailit merge: %s\n", err.message);
        free_list(&list);
        return EXIT_PROBLEMS;
    }
    size_t refused = 0;
    if (sync_merge_begin(db, &err) != AIL_OK) {
        fprintf(stderr, "ailit merge: %s\n", err.message);
        sync_trainer_close(db);
        free_list(&list);
        return EXIT_PROBLEMS;
    }
    for (size_t i = 0; i < count; i++) {
        SyncMergeCounts c;
        ail_error_clear(&err);
        if (sync_merge_file_tagged(db, files[i], workshop, &c, &err) != AIL_OK) {
            fprintf(stderr, "ailit merge: %s\n", err.message);
            refused++;
            rc = EXIT_PROBLEMS;
            continue;
        }
        print_counts(files[i], &c, workshop, db_path);
    }
    ail_error_clear(&err);
    if (sync_merge_end(db, &err) != AIL_OK) {
        fprintf(stderr, "ailit merge: %s\n", err.message);
        sync_trainer_close(db);
        free_list(&list);
        return EXIT_PROBLEMS;
    }
    if (refused == count)
        fprintf(stderr, "ailit merge: no file was merged\n");
    else if (refused)
        fprintf(stderr, "ailit merge: %zu of %zu files refused; the others were merged\n", refused,
                count);
    sync_trainer_close(db);
    free_list(&list);
    return rc;
}
