/*
 * ailit list: the packs found in a courses folder, with their lessons — what the
 * library screen will show. Packs with problems are named with the first problem
 * and a hint to run 'ailit validate'. Folder names and pack text are printed escaped
 * (ail_buf_escape): a folder or a title cannot move the cursor or forge a line.
 */
#include "app/app_packs.h"
#include "app/commands.h"
#include "course/course.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* s escaped to stay on its line, in buf (valid until buf is used again). A path's
 * backslashes are doubled too, as validate prints them. */
static const char *shown(AilBuf *buf, const char *s, bool path) {
    ail_buf_clear(buf);
    ail_buf_escape(buf, s, strlen(s), path);
    return buf->data ? buf->data : "";
}

int cmd_list(int argc, char **argv) {
    char installed[PATH_MAX];
    app_default_courses(installed, sizeof installed);
    const char *dir = installed; /* without --courses: the installed packs */
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
        char why[1100];
        AilBuf name;
        ail_buf_init(&name);
        if (err.code == AIL_ERR_NOT_FOUND)
            fprintf(stderr,
                    "ailit: cannot open the courses folder '%s'; name it with --courses DIR\n",
                    shown(&name, dir, true));
        else /* read half way, or a folder in it that hides whether it is a pack */
            fprintf(stderr, "ailit: %s\n", ail_error_format(&err, why, sizeof why));
        ail_buf_free(&name);
        return EXIT_PROBLEMS;
    }
    AilBuf buf;
    ail_buf_init(&buf);
    printf("%zu course pack%s in %s\n", count, count == 1 ? "" : "s", shown(&buf, dir, true));
    int rc = 0;
    for (size_t i = 0; i < count; i++) {
        const char *path = paths[i];
        CourseReport report;
        course_report_init(&report);
        Course *c = NULL;
        if (course_load(path, NULL, &c, &report) == AIL_OK) {
            printf("\n%s %s — ", c->id, c->version);
            printf("%s (%zu lessons; %zu languages)\n",
                   shown(&buf, course_text(c, &c->title, NULL), false), c->lesson_count,
                   c->language_count);
            for (size_t k = 0; k < c->lesson_count; k++)
                printf("  %2zu. %s (%d min)\n", k + 1,
                       shown(&buf, course_text(c, &c->lessons[k].title, NULL), false),
                       c->lessons[k].minutes);
        } else {
            printf("\n%s: cannot be used (%zu error%s); ", shown(&buf, path, true), report.errors,
                   report.errors == 1 ? "" : "s");
            printf("run 'ailit validate %s'\n", shown(&buf, path, true));
            rc = EXIT_PROBLEMS;
        }
        course_report_free(&report);
        course_free(c);
        free(paths[i]);
    }
    free(paths);
    ail_buf_free(&buf);
    return rc;
}
