/*
 * Finding and starting ailit's helper programs (app_helper.h).
 *
 * The helper is looked for beside this executable, as the installed packs are
 * (app_default_courses): /proc/self/exe, never $PATH or argv[0], so what runs is the
 * copy installed with this ailit.
 */
#include "app/app_helper.h"

#include "app/commands.h"
#include "base/base.h"

#include <assert.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef AILIT_HELPER_DIR
#define AILIT_HELPER_DIR "../libexec/ailit"
#endif

/* True when path is an executable regular file. */
static bool is_program(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

bool app_exe_dir(char *out, size_t size) {
    assert(out && size > 0);
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) {
        snprintf(out, size, "the folder of this program (/proc/self/exe cannot be read: %s)",
                 strerror(errno));
        return false;
    }
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash) *slash = '\0';
    if (strlen(exe) >= size) {
        snprintf(out, size, "the folder of this program (its path is too long)");
        return false;
    }
    snprintf(out, size, "%s", exe);
    return true;
}

bool app_helper_find(const char *name, char *out, size_t size) {
    assert(name && out && size > 0);
    char exe[PATH_MAX];
    if (!app_exe_dir(exe, sizeof exe)) {
        snprintf(out, size, "%s", exe);
        return false;
    }
    const char *dirs[] = {AILIT_HELPER_DIR, NULL};
    char looked[2][PATH_MAX + 64] = {"", ""};
    for (size_t i = 0; i < 2; i++) {
        /* the folder without "..", as a person would look for it, when it exists */
        char dir[PATH_MAX + 32], resolved[PATH_MAX];
        int len = dirs[i] ? snprintf(dir, sizeof dir, "%s/%s", exe, dirs[i])
                          : snprintf(dir, sizeof dir, "%s", exe);
        if (len <= 0 || (size_t)len >= sizeof dir) continue;
        const char *shown = realpath(dir, resolved) ? resolved : dir;
        len = snprintf(looked[i], sizeof looked[i], "%s/%s", shown, name);
        if (len <= 0 || (size_t)len >= sizeof looked[i]) {
            looked[i][0] = '\0';
            continue;
        }
        if (is_program(looked[i]) && strlen(looked[i]) < size) {
            snprintf(out, size, "%s", looked[i]);
            return true;
        }
    }
    snprintf(out, size, "%s and %s", looked[0], looked[1]);
    return false;
}

int app_helper_run(const char *name, int argc, char **argv) {
    assert(name && argc >= 1 && argv && argv[0]);
    char path[2 * PATH_MAX + 160];
    if (!app_helper_find(name, path, sizeof path)) {
        fprintf(stderr,
                "ailit %s: the program %s, which does this, is missing (looked for %s);\n"
                "  install ailit again (its Debian package, or cmake --install), or on a USB "
                "stick run 'sh start.sh %s ...'\n",
                argv[0], name, path, argv[0]);
        return EXIT_PROBLEMS;
    }
    char **args = ail_xcalloc((size_t)argc + 1, sizeof *args);
    args[0] = path;
    for (int i = 1; i < argc; i++) args[i] = argv[i];
    fflush(NULL);
    execv(path, args);
    int e = errno;
    fprintf(stderr, "ailit %s: cannot start %s: %s; %s\n", argv[0], path, strerror(e),
            e == ENOEXEC ? "it is not a program for this computer: install the ailit made for it"
                         : "install ailit again");
    free(args);
    return EXIT_PROBLEMS;
}
