/*
 * ailit list: the packs found in a courses folder, with their lessons — what the
 * library screen will show. Packs with problems are named with the first problem
 * and a hint to run 'ailit validate'.
 */
#include "app/commands.h"
#include "course/course.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int cmd_list(int argc, char **argv) {
    const char *dir = "courses";
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--courses") == 0 && i + 1 < argc)
            dir = argv[++i];
        else {
            fprintf(stderr, "ailit: unknown option '%s' (try 'ailit --help')\n", argv[i]);
            return EXIT_USAGE;
        }
    }
    char **paths;
    size_t count;
    AilError err;
    if (course_find_packs(dir, &paths, &count, &err) != AIL_OK) {
        fprintf(stderr, "ailit: cannot open the courses folder '%s'; name it with --courses DIR\n",
                dir);
        return EXIT_PROBLEMS;
    }
    printf("%zu course pack%s in %s\n", count, count == 1 ? "" : "s", dir);
    int rc = 0;
    for (size_t i = 0; i < count; i++) {
        const char *path = paths[i];
        CourseReport report;
        course_report_init(&report);
        Course *c = NULL;
        if (course_load(path, NULL, &c, &report) == AIL_OK) {
            printf("\n%s %s — %s (%zu lessons; %zu languages)\n", c->id, c->version,
                   course_text(c, &c->title, NULL), c->lesson_count, c->language_count);
            for (size_t k = 0; k < c->lesson_count; k++)
                printf("  %2zu. %s (%d min)\n", k + 1, course_text(c, &c->lessons[k].title, NULL),
                       c->lessons[k].minutes);
        } else {
            printf("\n%s: cannot be used (%zu error%s); run 'ailit validate %s'\n", path,
                   report.errors, report.errors == 1 ? "" : "s", path);
            rc = EXIT_PROBLEMS;
        }
        course_report_free(&report);
        course_free(c);
        free(paths[i]);
    }
    free(paths);
    return rc;
}
