#include "app/commands.h"

#include <stddef.h>

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
    {NULL, NULL, NULL, NULL},
};
