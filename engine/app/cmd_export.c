/*
 * ailit export: this device's progress into a progress file, for a trainer.
 *
 *   ailit export [--out DIR] [--all] [--anonymous] [--data-dir DIR]
 *
 * The progress store is DATA_DIR/progress.db; DATA_DIR is --data-dir, else the
 * folder the app uses ($XDG_DATA_HOME or ~/.local/share, then ailit/ailit — where
 * SDL_GetPrefPath("ailit", "ailit") points on Linux).
 */
#include "app/commands.h"
#include "progress/progress.h"
#include "sync/sync.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int usage(FILE *to) {
    fprintf(to, "usage: ailit export [--out DIR] [--all] [--anonymous] [--data-dir DIR]\n"
                "  --out DIR       where to write the progress file (default: this folder)\n"
                "  --all           every statement, not only those since the last export\n"
                "  --anonymous     leave the learners' names out of the file\n"
                "  --data-dir DIR  the folder holding this device's progress.db\n");
    return EXIT_USAGE;
}

int cmd_export(int argc, char **argv) {
    SyncExportOptions opts = {.out_dir = "."};
    const char *data_dir = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--out") == 0 && i + 1 < argc)
            opts.out_dir = argv[++i];
        else if (strcmp(argv[i], "--data-dir") == 0 && i + 1 < argc)
            data_dir = argv[++i];
        else if (strcmp(argv[i], "--all") == 0)
            opts.all = true;
        else if (strcmp(argv[i], "--anonymous") == 0)
            opts.anonymous = true;
        else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return 0;
        } else {
            fprintf(stderr, "ailit export: unknown option '%s'\n", argv[i]);
            return usage(stderr);
        }
    }
    char path[4096];
    struct stat st;
    if (!app_store_path(data_dir, path, sizeof path)) {
        fprintf(stderr, "ailit export: cannot tell where the progress is kept; name the folder "
                        "with --data-dir DIR\n");
        return EXIT_USAGE;
    }
    if (stat(path, &st) != 0) {
        fprintf(stderr,
                "ailit export: no progress has been saved on this device yet (%s does not exist)\n",
                path);
        return EXIT_PROBLEMS;
    }
    AilError err;
    ail_error_clear(&err);
    ProgressStore *store = NULL;
    if (progress_open(path, &store, &err) != AIL_OK) {
        fprintf(stderr, "ailit export: %s\n", err.message);
        return EXIT_PROBLEMS;
    }
    SyncExportResult res;
    AilResult r = sync_export(store, &opts, &res, &err);
    progress_close(store);
    if (r != AIL_OK) {
        fprintf(
            stderr,
            "ailit export: %s\nNothing was marked as exported; export again once this is fixed.\n",
            err.message);
        return EXIT_PROBLEMS;
    }
    if (res.clock_note[0]) fprintf(stderr, "ailit export: %s.\n", res.clock_note);
    if (!res.statements)
        printf("Nothing new to export since the last export (use --all to export everything "
               "again).\n");
    else
        printf("Wrote %zu statement%s (%lld to %lld)%s to %s\n", res.statements,
               res.statements == 1 ? "" : "s", (long long)res.first_seq, (long long)res.last_seq,
               opts.anonymous ? " without names" : "", res.path);
    return 0;
}
