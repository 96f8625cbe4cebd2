/*
 * ailit teacher-pin --reset: the way out for a teacher who has forgotten the PIN of
 * the teacher area. It forgets the PIN (its hash) and the count of wrong PINs, and
 * nothing else: learners, their progress and the export mark stay as they were. The
 * next time the teacher area is opened it asks for a new PIN.
 *
 * The PIN keeps learners at the app out of the teacher area; it does not guard the
 * progress file from someone at a terminal on this computer, who could copy it anyway.
 * So this asks for a typed "yes" (a slip of the keyboard should not do it), not for
 * any secret.
 */
#include "app/commands.h"
#include "progress/progress.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static int usage(FILE *to, int rc) {
    fprintf(to, "usage: ailit teacher-pin --reset [--yes] [--data-dir DIR]\n"
                "Forgets this device's teacher PIN, when it is forgotten. Learners and their\n"
                "progress are kept; the teacher area then asks for a new PIN.\n"
                "  --reset         forget the teacher PIN and the count of wrong PINs\n"
                "  --yes           do not ask before doing it\n"
                "  --data-dir DIR  the folder holding this device's progress.db\n");
    return rc;
}

/* Asks on stdout and reads one line from stdin: true when it is "yes". */
static bool confirmed(const char *path) {
    printf("This forgets the teacher PIN kept in %s.\n"
           "Learners and their progress stay as they are. Whoever opens the teacher area next\n"
           "chooses a new PIN. Type yes and press Enter to go on: ",
           path);
    fflush(stdout);
    char line[64];
    if (!fgets(line, sizeof line, stdin)) return false;
    line[strcspn(line, "\r\n")] = '\0';
    return strcmp(line, "yes") == 0;
}

int cmd_teacher_pin(int argc, char **argv) {
    bool reset = false, yes = false;
    const char *data_dir = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--reset") == 0)
            reset = true;
        else if (strcmp(argv[i], "--yes") == 0)
            yes = true;
        else if (strcmp(argv[i], "--data-dir") == 0 && i + 1 < argc)
            data_dir = argv[++i];
        else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return usage(stdout, 0);
        else {
            fprintf(stderr, "ailit teacher-pin: unknown option '%s'\n", argv[i]);
            return usage(stderr, EXIT_USAGE);
        }
    }
    if (!reset) {
        fprintf(stderr, "ailit teacher-pin: say what to do: --reset forgets the PIN\n");
        return usage(stderr, EXIT_USAGE);
    }
    char path[4096];
    struct stat st;
    if (!app_store_path(data_dir, path, sizeof path)) {
        fprintf(stderr, "ailit teacher-pin: cannot tell where the progress is kept; name the "
                        "folder with --data-dir DIR\n");
        return EXIT_USAGE;
    }
    if (stat(path, &st) != 0) {
        fprintf(stderr,
                "ailit teacher-pin: there is no progress file at %s, so no teacher PIN to "
                "forget; name the folder with --data-dir DIR\n",
                path);
        return EXIT_PROBLEMS;
    }
    if (!yes && !confirmed(path)) {
        printf("Nothing was changed.\n");
        return EXIT_PROBLEMS;
    }
    AilError err;
    ail_error_clear(&err);
    ProgressStore *store = NULL;
    bool had_pin = false;
    AilResult r = progress_open(path, &store, &err);
    if (r == AIL_OK) r = progress_teacher_pin_reset(store, &had_pin, &err);
    progress_close(store);
    if (r != AIL_OK) {
        fprintf(stderr, "ailit teacher-pin: %s\nThe teacher PIN was not changed.\n", err.message);
        return EXIT_PROBLEMS;
    }
    if (had_pin)
        printf("The teacher PIN is forgotten; learners and progress are kept. The next time the "
               "teacher area is opened, it asks for a new PIN.\n");
    else
        printf("This device had no teacher PIN; the teacher area asks for a new one when it is "
               "opened.\n");
    return 0;
}
