/*
 * The ailit command line: one function per subcommand, listed in commands.c.
 * Exit codes: 0 success, 1 the input has problems, 2 a usage error.
 */
#ifndef AILIT_APP_COMMANDS_H
#define AILIT_APP_COMMANDS_H

#include <stdbool.h>
#include <stddef.h>

enum { EXIT_PROBLEMS = 1, EXIT_USAGE = 2 };

typedef struct {
    const char *name;
    const char *usage;   /* the arguments, for --help */
    const char *summary; /* one line */
    int (*run)(int argc, char **argv); /* argv[0] is the subcommand's name */
} Command;

extern const Command APP_COMMANDS[];

int cmd_validate(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_merge(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_teacher_pin(int argc, char **argv);
/* The program ailit-push's (push_main.c); `ailit push` starts that program. */
int cmd_push(int argc, char **argv);

/* The progress store's path into out: DATA_DIR/progress.db, or with data_dir NULL the
 * app's usual folder ($XDG_DATA_HOME or ~/.local/share, then ailit/ailit, where
 * SDL_GetPrefPath("ailit", "ailit") points on Linux). False when it cannot be told. */
bool app_store_path(const char *data_dir, char *out, size_t size);

#endif
