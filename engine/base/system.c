/*
 * What base needs from the operating system: randomness for UUIDs, the clock,
 * path checks and bounded file reading.
 */
#include "base/base.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

AilResult ail_uuid_v4(char out[AIL_UUID_LEN + 1]) {
    unsigned char b[16];
    size_t got = 0;
    while (got < sizeof b) {
        ssize_t n = getrandom(b + got, sizeof b - got, 0);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            out[0] = '\0';
            return AIL_ERR_IO;
        }
        got += (size_t)n;
    }
    b[6] = (unsigned char)((b[6] & 0x0F) | 0x40); /* version 4 */
    b[8] = (unsigned char)((b[8] & 0x3F) | 0x80); /* RFC 4122 variant */
    snprintf(out, AIL_UUID_LEN + 1,
             "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
             b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14],
             b[15]);
    return AIL_OK;
}

int64_t ail_time_now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t ail_mono_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void ail_time_format_rfc3339(int64_t ms, char out[AIL_TIMESTAMP_LEN + 1]) {
    time_t secs = (time_t)(ms / 1000);
    struct tm tm;
    gmtime_r(&secs, &tm);
    /* strftime bounds every field, which snprintf of ints cannot promise. */
    char head[20];
    strftime(head, sizeof head, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(out, AIL_TIMESTAMP_LEN + 1, "%.19s.%03uZ", head, (unsigned)(ms % 1000) % 1000u);
}

AilResult ail_path_join(char *out, size_t out_size, const char *dir, const char *name) {
    size_t dl = strlen(dir);
    const char *sep = (dl > 0 && dir[dl - 1] == '/') ? "" : "/";
    int n = snprintf(out, out_size, "%s%s%s", dir, sep, name);
    if (n < 0 || (size_t)n >= out_size) {
        if (out_size) out[0] = '\0';
        return AIL_ERR_TOO_LARGE;
    }
    return AIL_OK;
}

const char *ail_path_unsafe_reason(const char *p) {
    if (!p[0]) return "the path is empty";
    if (p[0] == '/') return "the path is absolute; write it relative to the pack folder";
    if (strchr(p, '\\')) return "the path contains '\\'; use '/' between folders";
    if (strchr(p, ':')) return "the path contains ':'; write it relative to the pack folder";
    const char *part = p;
    for (;;) {
        const char *slash = strchr(part, '/');
        size_t n = slash ? (size_t)(slash - part) : strlen(part);
        if (n == 0) return "the path has an empty part ('//' or a trailing '/')";
        if (n == 2 && part[0] == '.' && part[1] == '.')
            return "the path contains '..'; media must stay inside the pack";
        if (n == 1 && part[0] == '.') return "the path contains a '.' part; leave it out";
        if (!slash) return NULL;
        part = slash + 1;
    }
}

const char *ail_path_extension(const char *path, char out[16]) {
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(slash ? slash + 1 : path, '.');
    size_t i = 0;
    if (dot)
        for (const char *s = dot + 1; *s && i < 15; s++, i++)
            out[i] = (char)((*s >= 'A' && *s <= 'Z') ? *s + 32 : *s);
    out[i] = '\0';
    return out;
}

AilResult ail_file_read(const char *path, size_t max_size, char **out_data, size_t *out_len,
                        AilError *err) {
    *out_data = NULL;
    *out_len = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return ail_error_set_at(err, errno == ENOENT ? AIL_ERR_NOT_FOUND : AIL_ERR_IO, path, 0, 0,
                                "cannot open the file: %s", strerror(errno));
    struct stat st;
    AilResult rc = AIL_OK;
    char *data = NULL;
    if (fstat(fd, &st) != 0) {
        rc = ail_error_set_at(err, AIL_ERR_IO, path, 0, 0, "cannot read the file: %s",
                              strerror(errno));
        goto done;
    }
    if (!S_ISREG(st.st_mode)) {
        rc = ail_error_set_at(err, AIL_ERR_INVALID, path, 0, 0,
                              "this is not a regular file (a folder or a device?)");
        goto done;
    }
    if ((uint64_t)st.st_size > max_size) {
        rc = ail_error_set_at(err, AIL_ERR_TOO_LARGE, path, 0, 0,
                              "the file is %.1f MiB, more than the %.1f MiB allowed; split it "
                              "into smaller files",
                              st.st_size / 1048576.0, max_size / 1048576.0);
        goto done;
    }
    size_t size = (size_t)st.st_size, got = 0;
    data = ail_xmalloc(size + 1);
    while (got < size) {
        ssize_t n = read(fd, data + got, size - got);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            rc = ail_error_set_at(err, AIL_ERR_IO, path, 0, 0, "cannot read the file: %s",
                                  strerror(errno));
            goto done;
        }
        if (n == 0) break; /* the file shrank while we read it */
        got += (size_t)n;
    }
    data[got] = '\0';
    *out_data = data;
    *out_len = got;
    data = NULL;
done:
    free(data);
    close(fd);
    return rc;
}
