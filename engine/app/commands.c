#include "app/commands.h"

#include <stddef.h>

const Command APP_COMMANDS[] = {
    {"validate", "[--strict] PACK_DIR...",
     "check course packs; report every problem as FILE:LINE:COL", cmd_validate},
    {"list", "[--courses DIR]", "list the course packs found in DIR", cmd_list},
    {NULL, NULL, NULL, NULL},
};
