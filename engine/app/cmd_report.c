/*
 * ailit report: a trainer's reports from a merged database.
 *
 *   ailit report --db TRAINER.db [--csv DIR] [--html FILE]
 */
#include "app/commands.h"
#include "sync/sync.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static int usage(FILE *to) {
    fprintf(to, "usage: ailit report --db TRAINER.db [--csv DIR] [--html FILE]\n"
                "  --csv DIR    write lessons.csv, learners_lessons.csv, questions.csv,\n"
                "               misconceptions.csv and demos.csv into DIR (made when missing)\n"
                "  --html FILE  write one page with charts that opens in any browser, offline\n");
    return EXIT_USAGE;
}

int cmd_report(int argc, char **argv) {
    const char *db_path = NULL, *csv = NULL, *html = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
            db_path = argv[++i];
        else if (strcmp(argv[i], "--csv") == 0 && i + 1 < argc)
            csv = argv[++i];
        else if (strcmp(argv[i], "--html") == 0 && i + 1 < argc)
            html = argv[++i];
        else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return 0;
        } else {
            fprintf(stderr, "ailit report: unknown option '%s'\n", argv[i]);
            return usage(stderr);
        }
    }
    if (!db_path || (!csv && !html)) return usage(stderr);
    struct stat st;
    if (stat(db_path, &st) != 0) {
        fprintf(stderr,
                "ailit report: %s does not exist; make it with 'ailit merge FILE... --db %s'\n",
                db_path, db_path);
        return EXIT_PROBLEMS;
    }
    if (csv && mkdir(csv, 0755) != 0 && errno != EEXIST) {
        fprintf(stderr, "ailit report: cannot make the folder %s: %s\n", csv, strerror(errno));
        return EXIT_PROBLEMS;
    }
    AilError err;
    ail_error_clear(&err);
    SyncTrainerDb *db = NULL;
    if (sync_trainer_open(db_path, &db, &err) != AIL_OK) {
        fprintf(stderr, "ailit report: %s\n", err.message);
        return EXIT_PROBLEMS;
    }
    AilResult r = sync_report(db, csv, html, &err);
    sync_trainer_close(db);
    if (r != AIL_OK) {
        fprintf(stderr, "ailit report: %s\n", err.message);
        return EXIT_PROBLEMS;
    }
    if (csv)
        printf(
            "Wrote lessons.csv, learners_lessons.csv, questions.csv, misconceptions.csv and "
            "demos.csv in %s\n",
            csv);
    if (html) printf("Wrote %s\n", html);
    return 0;
}
