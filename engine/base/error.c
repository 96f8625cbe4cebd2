/*
 * The error record. A function that fails fills the caller's AilError and returns
 * the same code, so that the caller can both branch on the code and show the
 * sentence to a person.
 */
#include "base/base.h"

#include <stdio.h>
#include <string.h>

const char *ail_result_name(AilResult code) {
    switch (code) {
    case AIL_OK: return "ok";
    case AIL_ERR_NOMEM: return "out of memory";
    case AIL_ERR_IO: return "input/output error";
    case AIL_ERR_NOT_FOUND: return "not found";
    case AIL_ERR_PARSE: return "malformed file";
    case AIL_ERR_INVALID: return "invalid content";
    case AIL_ERR_TOO_LARGE: return "too large";
    case AIL_ERR_UNSUPPORTED: return "needs a newer ailit";
    case AIL_ERR_USAGE: return "usage error";
    case AIL_ERR_CORRUPT: return "damaged data";
    }
    return "unknown error";
}

void ail_error_clear(AilError *err) {
    if (err) memset(err, 0, sizeof *err);
}

__attribute__((format(printf, 6, 0))) static void error_vset(AilError *err, AilResult code, const char *file, int line, int col,
                       const char *fmt, va_list ap) {
    err->code = code;
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
    err->line = line;
    err->col = col;
}

AilResult ail_error_set(AilError *err, AilResult code, const char *fmt, ...) {
    if (!err) return code;
    va_list ap;
    va_start(ap, fmt);
    error_vset(err, code, NULL, 0, 0, fmt, ap);
    va_end(ap);
    return code;
}

AilResult ail_error_set_at(AilError *err, AilResult code, const char *file, int line, int col,
                           const char *fmt, ...) {
    if (!err) return code;
    va_list ap;
    va_start(ap, fmt);
    error_vset(err, code, file, line, col, fmt, ap);
    va_end(ap);
    return code;
}

const char *ail_error_format(const AilError *err, char *out, size_t out_size) {
    if (err->file[0] && err->line > 0)
        snprintf(out, out_size, "%s:%d:%d: %s", err->file, err->line, err->col, err->message);
    else if (err->file[0])
        snprintf(out, out_size, "%s: %s", err->file, err->message);
    else
        snprintf(out, out_size, "%s", err->message);
    return out;
}
