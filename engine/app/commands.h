/*
 * The ailit command line: one function per subcommand, listed in commands.c.
 * Exit codes: 0 success, 1 the input has problems, 2 a usage error.
 */
#ifndef AILIT_APP_COMMANDS_H
#define AILIT_APP_COMMANDS_H

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

#endif
