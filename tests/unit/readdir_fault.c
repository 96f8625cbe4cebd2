/*
 * A readdir that fails part way, for tests/golden/check-dir-errors.sh (LD_PRELOAD).
 * With AILIT_READDIR_FAIL=NAME set, reaching the entry NAME in any folder returns
 * NULL with errno EOVERFLOW instead: what readdir does on 32-bit ARM (armhf) when a
 * build lacks large-file support and the file system hands out 64-bit inode numbers.
 * Each folder walk of ailit must then say that it could not read the folder, never
 * act as if the folder held fewer files.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* ailit is built with _FILE_OFFSET_BITS=64, so on armhf its calls to readdir go to
 * readdir64 (the header renames this definition too); on 64-bit machines the two
 * names are one function. */
struct dirent *readdir(DIR *dir) {
    static struct dirent *(*real)(DIR *);
    if (!real) *(void **)&real = dlsym(RTLD_NEXT, "readdir64");
    struct dirent *e = real(dir);
    const char *fail = getenv("AILIT_READDIR_FAIL");
    if (e && fail && strcmp(e->d_name, fail) == 0) {
        errno = EOVERFLOW;
        return NULL;
    }
    return e;
}
