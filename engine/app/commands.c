#include "app/commands.h"

#include "app/app_helper.h"

#include <stdio.h>
#include <stdlib.h>

/* push is the program ailit-push (push_main.c), so that only it loads libcurl. */
static int run_push(int argc, char **argv) { return app_helper_run("ailit-push", argc, argv); }

const Command APP_COMMANDS[] = {
    {"validate", "[--strict] PACK_DIR...",
     "check course packs; report every problem as FILE:LINE:COL", cmd_validate},
    {"list", "[--courses DIR]", "list the course packs found in DIR", cmd_list},
    {"export", "[--out DIR] [--all] [--anonymous] [--data-dir DIR]",
     "write this device's progress to a progress file for a trainer", cmd_export},
    {"merge", "FILE... --db TRAINER.db", "merge progress files into a trainer's database",
     cmd_merge},
    {"report", "--db TRAINER.db [--csv DIR] [--html FILE]",
     "CSV and an HTML page (charts, item statistics) from a trainer's database", cmd_report},
    {"push", "--lrs URL (--db TRAINER.db | FILE...) [--user NAME --password-file FILE]",
     "send the statements to an xAPI Learning Record Store, resumably", run_push},
    {"teacher-pin", "--reset [--yes] [--data-dir DIR]",
     "forget a forgotten teacher PIN; learners and progress are kept", cmd_teacher_pin},
    {NULL, NULL, NULL, NULL},
};

bool app_store_path(const char *data_dir, char *out, size_t size) {
    int n;
    const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
    if (data_dir)
        n = snprintf(out, size, "%s/progress.db", data_dir);
    else if (xdg && *xdg)
        n = snprintf(out, size, "%s/ailit/ailit/progress.db", xdg);
    else if (home && *home)
        n = snprintf(out, size, "%s/.local/share/ailit/ailit/progress.db", home);
    else
        return false;
    return n > 0 && (size_t)n < size;
}
