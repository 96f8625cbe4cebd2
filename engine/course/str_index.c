/*
 * A small open-addressing hash from strings to the index where each first
 * appeared. Packs hold up to 1000 lessons, so uniqueness checks must not compare
 * every pair. The index borrows its keys; they must outlive it.
 */
#include "course/course_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* 64-bit FNV-1a whatever the width of size_t (32 bits on armhf): the table's mask
 * takes the low bits, so one hash serves every machine. */
static uint64_t hash_string(const char *s) {
    uint64_t h = UINT64_C(14695981039346656037);
    for (; *s; s++) h = (h ^ (unsigned char)*s) * UINT64_C(1099511628211);
    return h;
}

void str_index_init(StrIndex *index, size_t expected) {
    size_t cap = 16;
    while (cap < expected * 2) cap *= 2;
    index->keys = ail_xcalloc(cap, sizeof *index->keys);
    index->values = ail_xcalloc(cap, sizeof *index->values);
    index->cap = cap;
}

size_t str_index_add(StrIndex *index, const char *key, size_t value) {
    /* init sized the table for at most cap/2 keys, so a free slot always exists. */
    size_t mask = index->cap - 1;
    for (size_t i = (size_t)(hash_string(key) & mask);; i = (i + 1) & mask) {
        if (!index->keys[i]) {
            index->keys[i] = key;
            index->values[i] = value;
            return value;
        }
        if (strcmp(index->keys[i], key) == 0) return index->values[i];
    }
}

void str_index_free(StrIndex *index) {
    free(index->keys);
    free(index->values);
    memset(index, 0, sizeof *index);
}
