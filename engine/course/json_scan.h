/*
 * Private to course/: a JSON scanner that walks the same text cJSON parsed and
 * reports where each value starts, in document order. cJSON keeps no positions;
 * this lets a diagnostic name FILE:LINE:COL without slowing down a clean load
 * (positions are resolved only for files that have problems), and explains syntax
 * errors in words an author understands.
 */
#ifndef AILIT_COURSE_JSON_SCAN_H
#define AILIT_COURSE_JSON_SCAN_H

#include <stdbool.h>
#include <stddef.h>

#define JSON_SCAN_NO_KEY ((size_t)-1)

/* Where one value is: its first byte, and for an object member, its key's quote. */
typedef struct {
    size_t value_start;
    size_t key_start;
} JsonSpot;

typedef struct {
    size_t offset;
    char message[200];
} JsonSyntaxError;

/* Called for the index-th value (0 = the root) in document order; returns false to
 * stop the scan early. */
typedef bool (*JsonSpotFn)(void *ctx, size_t index, const JsonSpot *spot);

/* Scans text[0..len) as one JSON value. Calls fn (may be NULL) for each value.
 * Returns true when the whole text is well-formed JSON no deeper than max_depth;
 * otherwise fills *err with the first problem and returns false. */
bool json_scan(const char *text, size_t len, size_t max_depth, JsonSpotFn fn, void *ctx,
               JsonSyntaxError *err);

#endif
