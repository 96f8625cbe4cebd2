/*
 * ailit report: a trainer's reports from a merged database.
 *
 *   ailit report --db TRAINER.db [--csv DIR] [--html FILE] [--lang LANG] [--courses DIR]
 *                [--device NAME_OR_ID] [--from DAY] [--to DAY] [--workshop TAG]
 *
 * The limits go to sync_report_filter before the report is written.
 */
#include "app/app_packs.h"
#include "app/commands.h"
#include "course/course.h"
#include "sync/sync.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int usage(FILE *to) {
    fprintf(to, "usage: ailit report --db TRAINER.db [--csv DIR] [--html FILE] [--lang LANG]\n"
                "                    [--courses DIR]\n"
                "  --csv DIR      write lessons.csv, learners_lessons.csv, quizzes.csv,\n"
                "                 pre_post.csv, questions.csv, misconceptions.csv and demos.csv\n"
                "                 into DIR (made when missing)\n"
                "  --html FILE    write one page with charts that opens in any browser, offline,\n"
                "                 and prints one page per learner\n"
                "  --lang LANG    the page's language: " SYNC_REPORT_LANGS " (default en)\n"
                "  --courses DIR  the packs that name lessons and questions and give their order\n"
                "                 (default: the installed packs, as the app finds them)\n"
                "  --device NAME_OR_ID  only the files of this laptop (its name, or its id)\n"
                "  --from DAY --to DAY  only statements of these days (YYYY-MM-DD, UTC)\n"
                "  --workshop TAG       only the files merged with 'ailit merge --workshop TAG'\n");
    return EXIT_USAGE;
}

typedef struct {
    Course **courses;
    size_t count;
} ReportPacks;

/* Loads the usable packs under dir (NULL: the installed packs as the app finds them,
 * quiet when there are none, as a trainer's laptop may have none). A pack with
 * problems is named and left out: the report shows its data by ids. False when a
 * folder named with --courses cannot be opened. */
static bool load_packs(const char *dir, ReportPacks *out) {
    char **paths;
    size_t count;
    AilError err;
    char installed[PATH_MAX];
    app_default_courses(installed, sizeof installed);
    if (course_find_packs(dir ? dir : installed, &paths, &count, &err) != AIL_OK) {
        if (dir) fprintf(stderr, "ailit report: cannot open the courses folder '%s'\n", dir);
        return dir == NULL;
    }
    out->courses = ail_xcalloc(count + 1, sizeof *out->courses);
    for (size_t i = 0; i < count; i++) {
        CourseReport report;
        course_report_init(&report);
        CourseLoadOptions opts = {.media_checked_on_use = true};
        Course *c = NULL;
        if (course_load(paths[i], &opts, &c, &report) == AIL_OK)
            out->courses[out->count++] = c;
        else
            fprintf(stderr, "ailit report: %s has problems and names nothing in the report; run "
                    "'ailit validate %s'\n", paths[i], paths[i]);
        course_report_free(&report);
        free(paths[i]);
    }
    free(paths);
    return true;
}

static void free_packs(ReportPacks *p) {
    for (size_t i = 0; i < p->count; i++) course_free(p->courses[i]);
    free(p->courses);
}

int cmd_report(int argc, char **argv) {
    const char *db_path = NULL, *csv = NULL, *html = NULL, *lang = "en", *courses = NULL;
    SyncReportFilter filter = {0};
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
            db_path = argv[++i];
        else if (strcmp(argv[i], "--csv") == 0 && i + 1 < argc)
            csv = argv[++i];
        else if (strcmp(argv[i], "--html") == 0 && i + 1 < argc)
            html = argv[++i];
        else if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
            lang = argv[++i];
        else if (strcmp(argv[i], "--courses") == 0 && i + 1 < argc)
            courses = argv[++i];
        else if (strcmp(argv[i], "--device") == 0 && i + 1 < argc)
            filter.device = argv[++i];
        else if (strcmp(argv[i], "--from") == 0 && i + 1 < argc)
            filter.from = argv[++i];
        else if (strcmp(argv[i], "--to") == 0 && i + 1 < argc)
            filter.to = argv[++i];
        else if (strcmp(argv[i], "--workshop") == 0 && i + 1 < argc)
            filter.workshop = argv[++i];
        else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return 0;
        } else {
            fprintf(stderr, "ailit report: unknown option '%s'\n", argv[i]);
            return usage(stderr);
        }
    }
    if (!db_path || (!csv && !html)) return usage(stderr);
    if (!sync_report_lang_known(lang)) {
        fprintf(stderr, "ailit report: no report in the language '%s'; use one of: %s\n", lang,
                SYNC_REPORT_LANGS);
        return EXIT_USAGE;
    }
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
    ReportPacks packs = {0};
    if (!load_packs(courses, &packs)) {
        sync_trainer_close(db);
        return EXIT_PROBLEMS;
    }
    SyncReportOptions opts = {.csv_dir = csv, .html_path = html, .lang = lang,
                              .courses = packs.courses, .course_count = packs.count};
    char scope[600];
    AilResult r = sync_report_filter(db, &filter, scope, sizeof scope, &err);
    if (r == AIL_OK && scope[0]) printf("Limited to %s\n", scope);
    if (r == AIL_OK) r = sync_report_write(db, &opts, &err);
    sync_trainer_close(db);
    free_packs(&packs);
    if (r != AIL_OK) {
        fprintf(stderr, "ailit report: %s\n", err.message);
        return r == AIL_ERR_USAGE ? EXIT_USAGE : EXIT_PROBLEMS; /* a malformed day */
    }
    if (csv)
        printf(
            "Wrote lessons.csv, learners_lessons.csv, quizzes.csv, pre_post.csv, questions.csv, "
            "misconceptions.csv and demos.csv in %s\n",
            csv);
    if (html) printf("Wrote %s\n", html);
    return 0;
}
