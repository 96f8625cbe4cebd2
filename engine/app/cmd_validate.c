/*
 * ailit validate: what a course author runs before copying a pack to a USB stick.
 * Every problem of every pack is printed in one run, errors and warnings alike;
 * the exit code says whether any pack is unusable (or, with --strict, imperfect).
 * An argument is a pack (a folder with pack.json) or a folder of packs (a whole
 * courses folder or stick); anything else named beside packs (a shell glob over
 * courses/ also names FORMAT.md and schema/) is skipped with a note, not counted as a
 * problem; naming no pack at all is a usage mistake.
 */
#include "app/commands.h"
#include "course/course.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct {
    bool strict;
    int packs;
    size_t errors, warnings, bad_packs;
    AilBuf line;
} Validation;

/* Loads one pack and prints its problems. */
static void validate_pack(Validation *v, const char *path) {
    CourseReport report;
    course_report_init(&report);
    CourseLoadOptions opts = {.check_unused_media = true};
    Course *course = NULL;
    course_load(path, &opts, &course, &report);
    for (size_t k = 0; k < report.count; k++) {
        ail_buf_clear(&v->line);
        course_diagnostic_format(&report.items[k], &v->line);
        printf("%s\n", v->line.data);
    }
    v->packs++;
    v->errors += report.errors;
    v->warnings += report.warnings;
    if (report.errors || (v->strict && report.warnings)) v->bad_packs++;
    course_report_free(&report);
    course_free(course);
}

/* A pack, each pack of a folder of packs, or a note that arg is neither. A path that
 * does not exist, or a pack.json named instead of its folder, is loaded as a pack, so
 * that its error is printed as usual. */
static void validate_argument(Validation *v, const char *arg) {
    char pack_json[4096];
    struct stat st;
    bool exists = stat(arg, &st) == 0;
    const char *base = strrchr(arg, '/');
    bool is_pack_json = strcmp(base ? base + 1 : arg, "pack.json") == 0;
    if (!exists || is_pack_json ||
        (ail_path_join(pack_json, sizeof pack_json, arg, "pack.json") == AIL_OK &&
         stat(pack_json, &st) == 0)) {
        validate_pack(v, arg);
        return;
    }
    char **paths = NULL;
    size_t count = 0;
    AilError err;
    if (S_ISDIR(st.st_mode) && course_find_packs(arg, &paths, &count, &err) != AIL_OK) {
        ail_buf_clear(&v->line);
        ail_buf_escape(&v->line, arg, strlen(arg), true);
        printf("%s: error: %s\n", v->line.data, err.message);
        v->errors++;
        v->bad_packs++;
        return;
    }
    for (size_t i = 0; i < count; i++) {
        validate_pack(v, paths[i]);
        free(paths[i]);
    }
    free(paths);
    if (count == 0) {
        ail_buf_clear(&v->line);
        ail_buf_escape(&v->line, arg, strlen(arg), true);
        fprintf(stderr, "ailit validate: skipping %s: not a course pack (no pack.json in it)\n",
                v->line.data);
    }
}

int cmd_validate(int argc, char **argv) {
    Validation v = {0};
    int named = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--strict") == 0)
            v.strict = true;
        else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            printf("usage: ailit validate [--strict] PACK_DIR...\n"
                   "Checks each course pack and prints every problem as FILE:LINE:COL.\n"
                   "A folder of packs (e.g. /usr/share/ailit/courses) checks each pack in it.\n"
                   "  --strict  count warnings as problems too\n"
                   "Exit: 0 no problems, 1 problems found, 2 usage error.\n");
            return 0;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "ailit validate: unknown option '%s' (try --help)\n", argv[i]);
            return EXIT_USAGE;
        } else
            named++;
    }
    if (!named) {
        fprintf(stderr, "ailit validate: name at least one pack folder, e.g. "
                        "'ailit validate courses/ai-basics'\n");
        return EXIT_USAGE;
    }
    ail_buf_init(&v.line);
    for (int i = 1; i < argc; i++)
        if (!(argv[i][0] == '-' && argv[i][1])) validate_argument(&v, argv[i]);
    ail_buf_free(&v.line);
    fflush(stdout);
    if (v.packs == 0 && v.errors == 0) {
        fprintf(stderr, "ailit validate: no course pack found in what was named\n");
        return EXIT_USAGE;
    }
    fprintf(stderr, "ailit validate: %d pack%s, %zu error%s, %zu warning%s%s\n", v.packs,
            v.packs == 1 ? "" : "s", v.errors, v.errors == 1 ? "" : "s", v.warnings,
            v.warnings == 1 ? "" : "s", v.strict && v.warnings ? " (--strict: warnings count)" : "");
    return v.bad_packs ? EXIT_PROBLEMS : 0;
}
