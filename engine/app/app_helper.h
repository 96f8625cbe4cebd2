/*
 * ailit's helper programs: a command whose libraries the learner app should not load
 * at every start runs as a program of its own, which `ailit COMMAND` starts in its
 * place (as git runs git-<command>). Today that is ailit-push, the only program that
 * links libcurl.
 */
#ifndef AILIT_APP_HELPER_H
#define AILIT_APP_HELPER_H

#include <stdbool.h>
#include <stddef.h>

/* The folder of this executable (from /proc/self/exe, never $PATH or argv[0]) into
 * out; false when it cannot be read, with the reason in out. The installed packs and
 * the helper programs are found from it. */
bool app_exe_dir(char *out, size_t size);

/* The path of helper program name into out: <folder of this executable>/
 * AILIT_HELPER_DIR/name when it is there (an installed ailit, whatever its prefix:
 * /usr/libexec/ailit/ailit-push), else <folder of this executable>/name (a build
 * folder, the USB bundle's bin/). False when neither is an executable file; out then
 * holds the places looked at, for the message. */
bool app_helper_find(const char *name, char *out, size_t size);

/* Runs helper program name in place of this process with argv[1..argc-1] (argv[0] is
 * the command's name, "push"); returns only when it cannot, with an exit code after a
 * message that says what is missing and what to do. */
int app_helper_run(const char *name, int argc, char **argv);

#endif
