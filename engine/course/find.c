/*
 * Finding the packs in a courses folder: what the library shows and `ailit list`
 * prints. Sorted by folder name so that every machine shows them in one order.
 */
#include "course/course.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* On 32-bit ARM (armhf) readdir and stat fail with EOVERFLOW on file systems with
 * 64-bit inode numbers unless off_t and ino_t are 64-bit: CMakeLists.txt defines
 * _FILE_OFFSET_BITS=64, and a build without it stops here. */
_Static_assert(sizeof(off_t) == 8 && sizeof(ino_t) == 8, "build with -D_FILE_OFFSET_BITS=64");

static int compare_paths(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void forget_found(char ***paths, size_t *count) {
    for (size_t i = 0; i < *count; i++) free((*paths)[i]);
    free(*paths);
    *paths = NULL;
    *count = 0;
}

AilResult course_find_packs(const char *dir, char ***paths, size_t *count, AilError *err) {
    *paths = NULL;
    *count = 0;
    DIR *d = opendir(dir);
    if (!d)
        return ail_error_set_at(err, AIL_ERR_NOT_FOUND, dir, 0, 0,
                                "cannot open the courses folder: %s", strerror(errno));
    struct dirent *e;
    for (;;) {
        errno = 0;
        if ((e = readdir(d)) == NULL) break;
        if (e->d_name[0] == '.') continue;
        char pack[PATH_MAX], pack_json[PATH_MAX];
        struct stat st;
        if (ail_path_join(pack, sizeof pack, dir, e->d_name) != AIL_OK ||
            ail_path_join(pack_json, sizeof pack_json, pack, "pack.json") != AIL_OK)
            continue;
        if (stat(pack_json, &st) != 0) {
            /* No pack.json, a plain file, or a folder this user may not open (a
             * stick's lost+found): not a pack. Anything else (a loop of links, a
             * disk error, a number too large for this build) would hide a pack. */
            if (errno == ENOENT || errno == ENOTDIR || errno == EACCES) continue;
            AilResult rc = ail_error_set_at(err, AIL_ERR_IO, pack_json, 0, 0,
                                            "cannot look for a pack here: %s; fix or remove "
                                            "the folder %s",
                                            strerror(errno), e->d_name);
            closedir(d);
            forget_found(paths, count);
            return rc;
        }
        *paths = ail_xrealloc(*paths, (*count + 1) * sizeof **paths);
        (*paths)[(*count)++] = ail_xstrdup(pack);
    }
    /* readdir gives NULL at the end and on a failure alike: a folder that could not be
     * read to its end must not pass for one holding fewer packs. */
    int read_errno = errno;
    closedir(d);
    if (read_errno) {
        forget_found(paths, count);
        return ail_error_set_at(err, AIL_ERR_IO, dir, 0, 0,
                                "cannot read the courses folder to its end: %s",
                                strerror(read_errno));
    }
    if (*count) qsort(*paths, *count, sizeof **paths, compare_paths);
    return AIL_OK;
}
