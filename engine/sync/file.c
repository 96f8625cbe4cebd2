/*
 * Files written atomically: temporary name, fsync, rename, fsync of the folder.
 *
 * Invariants: a SyncFile never has the final name until every byte is written and
 * fsync()ed; every failure path removes the temporary file; write errors (a full
 * stick, a folder gone) are remembered and reported once, at commit.
 */
#include "sync/sync_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

void (*sync_test_before_commit)(const char *tmp_path) = NULL;

AilResult sync_file_create(SyncFile *f, const char *dir, const char *name, AilError *err) {
    memset(f, 0, sizeof *f);
    f->fd = -1;
    int a = snprintf(f->dir, sizeof f->dir, "%s", dir);
    int b = snprintf(f->final_path, sizeof f->final_path, "%s/%s", dir, name);
    int c = snprintf(f->tmp, sizeof f->tmp, "%s/.%s.%ld.tmp", dir, name, (long)getpid());
    if (a < 0 || b < 0 || c < 0 || (size_t)a >= sizeof f->dir ||
        (size_t)b >= sizeof f->final_path || (size_t)c >= sizeof f->tmp)
        return ail_error_set(err, AIL_ERR_TOO_LARGE, "the folder name %s is too long", dir);
    f->fd = open(f->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (f->fd < 0)
        return ail_error_set(err, AIL_ERR_IO, "cannot write into %s: %s", dir, strerror(errno));
    return AIL_OK;
}

static void flush(SyncFile *f) {
    size_t off = 0;
    while (!f->error && off < f->len) {
        ssize_t n = write(f->fd, f->buf + off, f->len - off);
        if (n < 0) {
            if (errno == EINTR) continue;
            f->error = errno;
        } else {
            off += (size_t)n;
            f->written += (size_t)n;
        }
    }
    f->len = 0;
}

void sync_file_write(SyncFile *f, const void *data, size_t n) {
    const char *p = data;
    while (n && !f->error) {
        size_t room = sizeof f->buf - f->len;
        size_t k = n < room ? n : room;
        memcpy(f->buf + f->len, p, k);
        f->len += k, p += k, n -= k;
        if (f->len == sizeof f->buf) flush(f);
    }
}

void sync_file_puts(SyncFile *f, const char *s) { sync_file_write(f, s, strlen(s)); }

void sync_file_abort(SyncFile *f) {
    if (f->fd >= 0) close(f->fd);
    f->fd = -1;
    if (f->tmp[0]) unlink(f->tmp);
    f->tmp[0] = '\0';
}

AilResult sync_file_commit(SyncFile *f, bool replace, AilError *err) {
    flush(f);
    if (sync_test_before_commit) sync_test_before_commit(f->tmp);
    if (!f->error && fsync(f->fd) != 0) f->error = errno;
    if (close(f->fd) != 0 && !f->error) f->error = errno;
    f->fd = -1;
    if (!f->error && !replace && access(f->final_path, F_OK) == 0) f->error = EEXIST;
    if (!f->error && rename(f->tmp, f->final_path) != 0) f->error = errno;
    if (f->error) {
        int e = f->error;
        unlink(f->tmp);
        f->tmp[0] = '\0';
        const char *hint = e == ENOSPC || e == EDQUOT
                               ? "; the disk or stick is full: free some space or use another one"
                           : e == EROFS || e == EACCES || e == EPERM
                               ? "; the folder cannot be written to: check the stick is not locked"
                           : e == ENOENT ? "; the folder is gone: was the stick pulled out?"
                                         : "";
        return ail_error_set(err, AIL_ERR_IO, "could not write %s: %s%s", f->final_path,
                             strerror(e), hint);
    }
    f->tmp[0] = '\0';
    /* The rename is durable only once the folder's entry is on disk. */
    int dfd = open(f->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int e = 0;
    if (dfd < 0 || fsync(dfd) != 0) e = errno;
    if (dfd >= 0) close(dfd);
    if (e && e != EINVAL) {
        unlink(f->final_path);
        return ail_error_set(err, AIL_ERR_IO, "could not finish writing %s: %s", f->final_path,
                             strerror(e));
    }
    return AIL_OK;
}
