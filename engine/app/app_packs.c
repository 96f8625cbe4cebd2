/*
 * USB sticks and the library of imported packs.
 *
 * Installing a pack never leaves a half pack where the app loads packs from: the copy
 * goes to library/.import-XXXXXX (the app skips folders whose names start with a
 * dot), is validated again there, and only then takes the name library/<id>,
 * swapped in one step with an earlier copy when there is one (renameat2
 * RENAME_EXCHANGE; where the file system lacks it, the old copy is moved aside first
 * and moved back if the rename fails). Copying opens every folder and file with
 * O_NOFOLLOW relative to its parent, so a symbolic link on the stick can never make
 * us read outside the pack; links are left out, and a pack that needed one fails the
 * second validation and is refused.
 */
#define _GNU_SOURCE /* renameat2 */
#include "app/app_packs.h"
#include "app/app_helper.h"

#include <assert.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- The installed packs ---- */

void app_default_courses(char *out, size_t size) {
    assert(out && size > 0);
    char exe[PATH_MAX], candidate[PATH_MAX + 32], resolved[PATH_MAX];
    if (app_exe_dir(exe, sizeof exe)) {
        struct stat st;
        int len = snprintf(candidate, sizeof candidate, "%s/../share/ailit/courses", exe);
        if (len > 0 && (size_t)len < sizeof candidate && realpath(candidate, resolved) &&
            strlen(resolved) < size && stat(resolved, &st) == 0 && S_ISDIR(st.st_mode)) {
            snprintf(out, size, "%s", resolved);
            return;
        }
    }
    snprintf(out, size, "courses");
}

/* ---- Sticks ---- */

static int compare_paths(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* True when path is a folder on another file system than its parent: a mount point. */
static bool is_mount_point(const char *path) {
    char parent[PATH_MAX];
    struct stat st, pst;
    if (snprintf(parent, sizeof parent, "%s/..", path) >= (int)sizeof parent) return false;
    return stat(path, &st) == 0 && stat(parent, &pst) == 0 && st.st_dev != pst.st_dev;
}

static void add_matches(const char *pattern, bool need_mount, char ***paths, size_t *count) {
    glob_t g;
    memset(&g, 0, sizeof g);
    if (glob(pattern, GLOB_ONLYDIR | GLOB_NOSORT, NULL, &g) == 0) {
        for (size_t i = 0; i < g.gl_pathc; i++) {
            struct stat st;
            const char *p = g.gl_pathv[i];
            if (stat(p, &st) != 0 || !S_ISDIR(st.st_mode)) continue;
            if (need_mount && !is_mount_point(p)) continue;
            bool seen = false;
            for (size_t k = 0; k < *count; k++) seen |= strcmp((*paths)[k], p) == 0;
            if (seen) continue;
            *paths = ail_xrealloc(*paths, (*count + 1) * sizeof **paths);
            (*paths)[(*count)++] = ail_xstrdup(p);
        }
    }
    globfree(&g);
}

AilResult app_usb_sticks(char ***paths, size_t *count, AilError *err) {
    (void)err;
    *paths = NULL;
    *count = 0;
    const char *roots = getenv("AILIT_USB_ROOTS");
    if (roots) {
        char *copy = ail_xstrdup(roots), *save = NULL;
        for (char *p = strtok_r(copy, ":", &save); p; p = strtok_r(NULL, ":", &save))
            add_matches(p, false, paths, count);
        free(copy);
    } else {
        /* udisks mounts sticks at /media/<user>/<label> (Debian, Raspberry Pi OS) or
         * /run/media/<user>/<label>; by hand they often go under /mnt. */
        add_matches("/media/*/*", true, paths, count);
        add_matches("/run/media/*/*", true, paths, count);
        add_matches("/mnt/*", true, paths, count);
        add_matches("/media/*", true, paths, count); /* usbmount: /media/usb0 */
    }
    if (*count) qsort(*paths, *count, sizeof **paths, compare_paths);
    return AIL_OK;
}

/* ---- Copying a pack ---- */

typedef struct {
    size_t files;
    long long bytes;
    AilError *err;
} CopyState;

static AilResult copy_file(CopyState *cs, int src_dir, int dst_dir, const char *name) {
    int in = openat(src_dir, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (in < 0)
        return ail_error_set(cs->err, AIL_ERR_IO, "cannot read %s on the stick: %s", name,
                             strerror(errno));
    struct stat st;
    if (fstat(in, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(in);
        return AIL_OK; /* not a plain file any more: left out */
    }
    if (st.st_size > APP_PACK_MAX_FILE) {
        close(in);
        return ail_error_set(
            cs->err, AIL_ERR_TOO_LARGE, "%s is %lld MB; a pack's files may be at most %ld MB each",
            name, (long long)st.st_size / (1024 * 1024), APP_PACK_MAX_FILE / (1024 * 1024));
    }
    int out = openat(dst_dir, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (out < 0) {
        close(in);
        return ail_error_set(cs->err, AIL_ERR_IO, "cannot write %s: %s", name, strerror(errno));
    }
    char buf[65536];
    AilResult rc = AIL_OK;
    long long written = 0;
    for (;;) {
        ssize_t n = read(in, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            rc = ail_error_set(cs->err, AIL_ERR_IO, "cannot read %s on the stick: %s", name,
                               strerror(errno));
            break;
        }
        if (n == 0) break;
        written += n;
        cs->bytes += n;
        if (written > APP_PACK_MAX_FILE || cs->bytes > APP_PACK_MAX_TOTAL) {
            rc = ail_error_set(cs->err, AIL_ERR_TOO_LARGE,
                               "the pack is too big to install (at most %ld MB)",
                               APP_PACK_MAX_TOTAL / (1024 * 1024));
            break;
        }
        for (ssize_t off = 0; off < n && rc == AIL_OK;) {
            ssize_t w = write(out, buf + off, (size_t)(n - off));
            if (w < 0 && errno == EINTR) continue;
            if (w < 0)
                rc = ail_error_set(cs->err, AIL_ERR_IO, "cannot write %s: %s (is the disk full?)",
                                   name, strerror(errno));
            else
                off += w;
        }
        if (rc != AIL_OK) break;
    }
    if (rc == AIL_OK && fsync(out) != 0)
        rc = ail_error_set(cs->err, AIL_ERR_IO, "cannot write %s: %s", name, strerror(errno));
    if (close(out) != 0 && rc == AIL_OK)
        rc = ail_error_set(cs->err, AIL_ERR_IO, "cannot write %s: %s", name, strerror(errno));
    close(in);
    return rc;
}

/* Copies the folder src_dir into dst_dir (both open): folders and plain files only;
 * links, devices and hidden entries are left out. */
static AilResult copy_tree(CopyState *cs, int src_dir, int dst_dir, int depth) {
    if (depth > APP_PACK_MAX_DEPTH)
        return ail_error_set(cs->err, AIL_ERR_TOO_LARGE, "the pack's folders nest too deep");
    int fd = dup(src_dir);
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    if (!d) {
        if (fd >= 0) close(fd);
        return ail_error_set(cs->err, AIL_ERR_IO, "cannot read the pack on the stick: %s",
                             strerror(errno));
    }
    AilResult rc = AIL_OK;
    struct dirent *e;
    while (rc == AIL_OK) {
        errno = 0;
        if ((e = readdir(d)) == NULL) {
            if (errno) /* not the end: a pack copied in part must not pass for whole */
                rc = ail_error_set(cs->err, AIL_ERR_IO, "cannot read the pack on the stick: %s",
                                   strerror(errno));
            break;
        }
        if (e->d_name[0] == '.') continue;
        struct stat st;
        if (fstatat(src_dir, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
            rc = ail_error_set(cs->err, AIL_ERR_IO, "cannot read %s on the stick: %s", e->d_name,
                               strerror(errno));
            break;
        }
        if (++cs->files > APP_PACK_MAX_FILES) {
            rc = ail_error_set(cs->err, AIL_ERR_TOO_LARGE, "the pack has more than %d files",
                               APP_PACK_MAX_FILES);
            break;
        }
        if (S_ISREG(st.st_mode)) {
            rc = copy_file(cs, src_dir, dst_dir, e->d_name);
        } else if (S_ISDIR(st.st_mode)) {
            if (mkdirat(dst_dir, e->d_name, 0755) != 0) {
                rc = ail_error_set(cs->err, AIL_ERR_IO, "cannot make the folder %s: %s", e->d_name,
                                   strerror(errno));
                break;
            }
            int sub_src =
                openat(src_dir, e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            int sub_dst =
                openat(dst_dir, e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            if (sub_src < 0 || sub_dst < 0)
                rc = ail_error_set(cs->err, AIL_ERR_IO, "cannot copy the folder %s: %s", e->d_name,
                                   strerror(errno));
            else
                rc = copy_tree(cs, sub_src, sub_dst, depth + 1);
            if (rc == AIL_OK && fsync(sub_dst) != 0)
                rc = ail_error_set(cs->err, AIL_ERR_IO, "cannot write the folder %s: %s", e->d_name,
                                   strerror(errno));
            if (sub_src >= 0) close(sub_src);
            if (sub_dst >= 0) close(sub_dst);
        }
        /* Symbolic links, devices, sockets: never followed, never copied. */
    }
    closedir(d);
    return rc;
}

/* Removes the folder name in parent and everything in it, following no link.
 * Returns 0, or the errno of the first thing it could not remove or read. */
static int remove_tree_at(int parent, const char *name, int depth) {
    int fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return unlinkat(parent, name, 0) == 0 || errno == ENOENT ? 0 : errno;
    DIR *d = depth <= APP_PACK_MAX_DEPTH + 1 ? fdopendir(fd) : NULL;
    if (!d) {
        int why = depth <= APP_PACK_MAX_DEPTH + 1 ? errno : ELOOP;
        close(fd);
        return why;
    }
    int first = 0;
    struct dirent *e;
    for (;;) {
        errno = 0;
        if ((e = readdir(d)) == NULL) {
            if (errno && !first) first = errno;
            break;
        }
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        struct stat st;
        int r = 0;
        if (fstatat(fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode))
            r = remove_tree_at(fd, e->d_name, depth + 1);
        else if (unlinkat(fd, e->d_name, 0) != 0)
            r = errno;
        if (r && !first) first = r;
    }
    closedir(d);
    if (unlinkat(parent, name, AT_REMOVEDIR) != 0 && !first) first = errno;
    return first;
}

/* What is left behind is only disk space: the next import removes leftovers again. */
static void remove_tree(const char *path) {
    int why = remove_tree_at(AT_FDCWD, path, 0);
    if (why)
        fprintf(stderr, "ailit: could not remove all of %s (%s); the next import tries again\n",
                path, strerror(why));
}

/* Fills out's problem count and first few messages from report, with the files
 * named from the pack's own folder ("my-pack/pack.json:4:14: ..."), as the teacher
 * sees them on the stick. */
static void describe_problems(const CourseReport *report, const char *dir, SessionImport *out) {
    const char *slash = strrchr(dir, '/');
    size_t strip = slash && slash[1] ? (size_t)(slash - dir) + 1 : 0;
    out->problems = report->errors ? report->errors : 1;
    size_t shown = 0, used = 0;
    AilBuf line;
    ail_buf_init(&line);
    for (size_t i = 0; i < report->count && shown < 3; i++) {
        const Diagnostic *d = &report->items[i];
        if (d->severity != DIAG_ERROR) continue;
        ail_buf_clear(&line);
        course_diagnostic_format(d, &line);
        const char *text = line.data ? line.data : "";
        if (strip && strncmp(text, dir, strip) == 0) text += strip;
        int n = snprintf(out->details + used, sizeof out->details - used, "%s%s", shown ? "\n" : "",
                         text);
        if (n < 0 || (size_t)n >= sizeof out->details - used) break;
        used += (size_t)n;
        shown++;
    }
    if (report->errors > shown && used + 8 < sizeof out->details)
        snprintf(out->details + used, sizeof out->details - used, "%s…", shown ? "\n" : "");
    ail_buf_free(&line);
}

/* Loads the pack in dir for validation; on problems fills out and returns
 * AIL_ERR_INVALID. On success *course is the caller's. */
static AilResult validate(const char *dir, Course **course, SessionImport *out, AilError *err) {
    CourseReport report;
    course_report_init(&report);
    *course = NULL;
    AilResult rc = course_load(dir, NULL, course, &report);
    if (rc != AIL_OK || !*course) {
        describe_problems(&report, dir, out);
        rc = ail_error_set(err, AIL_ERR_INVALID, "%s has %zu problems", dir, out->problems);
    }
    course_report_free(&report);
    return rc;
}

/* Puts the complete copy tmp at final: swapped with an earlier copy in one step when
 * the file system can, else by moving the earlier copy aside first. On success
 * *replaced says whether an earlier copy was there (its folder is removed). */
static AilResult put_in_place(const char *library, const char *tmp, const char *final,
                              bool *replaced, AilError *err) {
    struct stat st;
    *replaced = lstat(final, &st) == 0;
    if (!*replaced) {
        if (rename(tmp, final) != 0)
            return ail_error_set(err, AIL_ERR_IO, "cannot install the pack: %s", strerror(errno));
        return AIL_OK;
    }
    if (renameat2(AT_FDCWD, tmp, AT_FDCWD, final, RENAME_EXCHANGE) == 0) {
        remove_tree(tmp); /* now the earlier copy */
        return AIL_OK;
    }
    char aside[PATH_MAX];
    if (snprintf(aside, sizeof aside, "%s/.old-XXXXXX", library) >= (int)sizeof aside ||
        !mkdtemp(aside))
        return ail_error_set(err, AIL_ERR_IO, "cannot install the pack: %s", strerror(errno));
    if (rename(final, aside) != 0) {
        rmdir(aside);
        return ail_error_set(err, AIL_ERR_IO, "cannot replace the installed pack: %s",
                             strerror(errno));
    }
    if (rename(tmp, final) != 0) {
        int e = errno;
        rename(aside, final); /* the earlier copy goes back */
        return ail_error_set(err, AIL_ERR_IO, "cannot install the pack: %s", strerror(e));
    }
    remove_tree(aside);
    return AIL_OK;
}

/* Removes what an install cut short (a power cut, a killed app) left in library. */
static void remove_leftovers(const char *library) {
    DIR *d = opendir(library);
    if (!d) return; /* the import that follows says why the library cannot be used */
    struct dirent *e;
    for (;;) {
        errno = 0;
        if ((e = readdir(d)) == NULL) break;
        if (strncmp(e->d_name, ".import-", 8) != 0 && strncmp(e->d_name, ".old-", 5) != 0)
            continue;
        int why = remove_tree_at(dirfd(d), e->d_name, 0);
        if (why)
            fprintf(stderr, "ailit: could not remove %s/%s, left by an import cut short (%s)\n",
                    library, e->d_name, strerror(why));
    }
    if (errno)
        fprintf(stderr, "ailit: could not read %s to remove what imports cut short left (%s)\n",
                library, strerror(errno));
    closedir(d);
}

static void sync_dir(const char *path) {
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

AilResult app_pack_install(const char *pack_dir, const char *lang, const char *library,
                           SessionImport *out, AilError *err) {
    memset(out, 0, sizeof *out);
    /* A pack folder that is itself a link could lead anywhere on this machine. */
    struct stat lst;
    if (lstat(pack_dir, &lst) != 0 || !S_ISDIR(lst.st_mode))
        return ail_error_set(err, AIL_ERR_INVALID,
                             "%s is not a folder on the stick (links are not followed)", pack_dir);
    Course *course = NULL;
    AilResult rc = validate(pack_dir, &course, out, err);
    if (rc != AIL_OK) return rc;
    snprintf(out->id, sizeof out->id, "%s", course->id);
    snprintf(out->version, sizeof out->version, "%s", course->version);
    snprintf(out->title, sizeof out->title, "%s", course_text(course, &course->title, lang));
    course_free(course);

    char final[PATH_MAX], tmp[PATH_MAX];
    if (mkdir(library, 0755) != 0 && errno != EEXIST)
        return ail_error_set(err, AIL_ERR_IO, "cannot make the library folder %s: %s", library,
                             strerror(errno));
    remove_leftovers(library);
    if (ail_path_join(final, sizeof final, library, out->id) != AIL_OK ||
        snprintf(tmp, sizeof tmp, "%s/.import-XXXXXX", library) >= (int)sizeof tmp)
        return ail_error_set(err, AIL_ERR_TOO_LARGE, "the library folder's path is too long");
    if (!mkdtemp(tmp))
        return ail_error_set(err, AIL_ERR_IO, "cannot write into %s: %s", library, strerror(errno));
    chmod(tmp, 0755);

    CopyState cs = {0, 0, err};
    int src = open(pack_dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    int dst = open(tmp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (src < 0 || dst < 0)
        rc = ail_error_set(err, AIL_ERR_IO, "cannot copy %s: %s", pack_dir, strerror(errno));
    else
        rc = copy_tree(&cs, src, dst, 0);
    if (rc == AIL_OK && fsync(dst) != 0)
        rc = ail_error_set(err, AIL_ERR_IO, "cannot write into %s: %s", library, strerror(errno));
    if (src >= 0) close(src);
    if (dst >= 0) close(dst);

    /* The copy is what the app will load: it must pass on its own (a pack that
     * relied on a link, or changed while we read it, does not). */
    if (rc == AIL_OK) {
        SessionImport again;
        memset(&again, 0, sizeof again);
        rc = validate(tmp, &course, &again, err);
        if (rc == AIL_OK) {
            if (strcmp(course->id, out->id) != 0)
                rc = ail_error_set(err, AIL_ERR_INVALID, "the pack changed while it was copied");
            course_free(course);
        } else {
            ail_error_set(err, AIL_ERR_INVALID,
                          "the copy of the pack is not complete (%s); packs may not use links",
                          again.details);
        }
    }
    bool replaced = false;
    if (rc == AIL_OK) rc = put_in_place(library, tmp, final, &replaced, err);
    if (rc != AIL_OK) {
        remove_tree(tmp);
        return rc;
    }
    out->replaced = replaced;
    sync_dir(library);
    return AIL_OK;
}
