/*
 * ailit validate: what a course author runs before copying a pack to a USB stick.
 * Every problem of every pack is printed in one run, errors and warnings alike;
 * the exit code says whether any pack is unusable (or, with --strict, imperfect).
 */
#include "app/commands.h"
#include "course/course.h"

#include <stdio.h>
#include <string.h>

int cmd_validate(int argc, char **argv) {
    bool strict = false;
    int first_pack = 0, packs = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--strict") == 0)
            strict = true;
        else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            printf("usage: ailit validate [--strict] PACK_DIR...\n"
                   "Checks each course pack and prints every problem as FILE:LINE:COL.\n"
                   "  --strict  count warnings as problems too\n"
                   "Exit: 0 no problems, 1 problems found, 2 usage error.\n");
            return 0;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "ailit validate: unknown option '%s' (try --help)\n", argv[i]);
            return EXIT_USAGE;
        } else {
            if (!first_pack) first_pack = i;
            packs++;
        }
    }
    if (!packs) {
        fprintf(stderr, "ailit validate: name at least one pack folder, e.g. "
                        "'ailit validate courses/ai-basics'\n");
        return EXIT_USAGE;
    }
    size_t errors = 0, warnings = 0, bad_packs = 0;
    AilBuf line;
    ail_buf_init(&line);
    for (int i = first_pack; i < argc; i++) {
        if (argv[i][0] == '-' && argv[i][1]) continue;
        CourseReport report;
        course_report_init(&report);
        CourseLoadOptions opts = {.check_unused_media = true};
        Course *course = NULL;
        course_load(argv[i], &opts, &course, &report);
        for (size_t k = 0; k < report.count; k++) {
            ail_buf_clear(&line);
            course_diagnostic_format(&report.items[k], &line);
            printf("%s\n", line.data);
        }
        errors += report.errors;
        warnings += report.warnings;
        if (report.errors || (strict && report.warnings)) bad_packs++;
        course_report_free(&report);
        course_free(course);
    }
    ail_buf_free(&line);
    fflush(stdout);
    fprintf(stderr, "ailit validate: %d pack%s, %zu error%s, %zu warning%s%s\n", packs,
            packs == 1 ? "" : "s", errors, errors == 1 ? "" : "s", warnings,
            warnings == 1 ? "" : "s", strict && warnings ? " (--strict: warnings count)" : "");
    return bad_packs ? EXIT_PROBLEMS : 0;
}
