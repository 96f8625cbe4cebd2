/*
 * ailit's entry point: a subcommand when one is named, otherwise the app.
 * Kept thin: each subcommand lives in its own cmd_*.c.
 */
#include "app/app_loop.h"
#include "app/commands.h"
#include "base/base.h"

#include <stdio.h>
#include <string.h>

static void print_help(void) {
    printf("ailit %s — offline AI-literacy courses\n\n"
           "usage: ailit [--courses DIR]        start the app on the packs in DIR\n",
           AILIT_VERSION);
    for (const Command *c = APP_COMMANDS; c->name; c++)
        printf("       ailit %s %s\n%*s%s\n", c->name, c->usage, 14, "", c->summary);
    printf("       ailit --version | --help\n\n"
           "Run 'ailit COMMAND --help' for a command's options.\n\n");
    app_print_options();
}

int main(int argc, char **argv) {
    if (argc >= 2 && (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0)) {
        printf("ailit %s (course pack format %d)\n", AILIT_VERSION, 1);
        return 0;
    }
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        print_help();
        return 0;
    }
    if (argc >= 2 && argv[1][0] != '-') {
        for (const Command *c = APP_COMMANDS; c->name; c++)
            if (strcmp(c->name, argv[1]) == 0) return c->run(argc - 1, argv + 1);
        fprintf(stderr, "ailit: unknown command '%s' (try 'ailit --help')\n", argv[1]);
        return EXIT_USAGE;
    }
    return app_run(argc, argv);
}
