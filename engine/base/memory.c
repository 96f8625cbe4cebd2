/*
 * Allocation helpers, the arena and the growable buffer.
 *
 * Running out of memory on a classroom laptop is not something a caller can repair,
 * so ail_x* abort with a message instead of threading NULL through every function.
 * Arena blocks grow geometrically so that a big pack costs few malloc calls.
 */
#include "base/base.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void out_of_memory(size_t size) {
    fprintf(stderr, "ailit: out of memory (asked for %zu bytes)\n", size);
    abort();
}

void *ail_xmalloc(size_t size) {
    void *p = malloc(size ? size : 1);
    if (!p) out_of_memory(size);
    return p;
}

void *ail_xcalloc(size_t count, size_t size) {
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p) out_of_memory(count * size);
    return p;
}

void *ail_xrealloc(void *ptr, size_t size) {
    void *p = realloc(ptr, size ? size : 1);
    if (!p) out_of_memory(size);
    return p;
}

char *ail_xstrdup(const char *s) {
    size_t n = strlen(s) + 1;
    return memcpy(ail_xmalloc(n), s, n);
}

/* ---- Arena ---- */

struct AilArenaBlock {
    AilArenaBlock *next;
    size_t size;
    size_t used;
    _Alignas(max_align_t) unsigned char data[];
};

enum { ARENA_FIRST_BLOCK = 16 * 1024, ARENA_MAX_BLOCK = 1024 * 1024 };

void ail_arena_init(AilArena *arena) {
    arena->head = NULL;
    arena->used_bytes = 0;
}

/* Hands out size bytes without clearing them. */
static void *arena_take(AilArena *arena, size_t size) {
    const size_t align = _Alignof(max_align_t);
    size = (size + align - 1) & ~(align - 1);
    AilArenaBlock *b = arena->head;
    if (!b || b->size - b->used < size) {
        size_t want = b ? b->size * 2 : ARENA_FIRST_BLOCK;
        if (want > ARENA_MAX_BLOCK) want = ARENA_MAX_BLOCK;
        if (want < size) want = size;
        b = ail_xmalloc(sizeof *b + want);
        b->next = arena->head;
        b->size = want;
        b->used = 0;
        arena->head = b;
    }
    void *p = b->data + b->used;
    b->used += size;
    arena->used_bytes += size;
    return p;
}

void *ail_arena_alloc(AilArena *arena, size_t size) {
    return memset(arena_take(arena, size), 0, size);
}

char *ail_arena_strndup(AilArena *arena, const char *s, size_t n) {
    char *p = arena_take(arena, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *ail_arena_strdup(AilArena *arena, const char *s) {
    return ail_arena_strndup(arena, s, strlen(s));
}

void ail_arena_free(AilArena *arena) {
    AilArenaBlock *b = arena->head;
    while (b) {
        AilArenaBlock *next = b->next;
        free(b);
        b = next;
    }
    ail_arena_init(arena);
}

/* ---- Growable buffer ---- */

void ail_buf_init(AilBuf *buf) {
    buf->data = NULL;
    buf->len = 0;
    buf->cap = 0;
}

static void buf_reserve(AilBuf *buf, size_t extra) {
    size_t need = buf->len + extra + 1;
    if (need <= buf->cap) return;
    size_t cap = buf->cap ? buf->cap : 64;
    while (cap < need) cap *= 2;
    buf->data = ail_xrealloc(buf->data, cap);
    buf->cap = cap;
}

void ail_buf_append(AilBuf *buf, const char *bytes, size_t n) {
    buf_reserve(buf, n);
    if (n) memcpy(buf->data + buf->len, bytes, n);
    buf->len += n;
    buf->data[buf->len] = '\0';
}

void ail_buf_puts(AilBuf *buf, const char *s) { ail_buf_append(buf, s, strlen(s)); }

void ail_buf_vprintf(AilBuf *buf, const char *fmt, va_list ap) {
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    if (n > 0) {
        buf_reserve(buf, (size_t)n);
        vsnprintf(buf->data + buf->len, (size_t)n + 1, fmt, again);
        buf->len += (size_t)n;
    }
    va_end(again);
}

void ail_buf_printf(AilBuf *buf, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    ail_buf_vprintf(buf, fmt, ap);
    va_end(ap);
}

void ail_buf_json_string(AilBuf *out, const char *s) {
    static const char hex[] = "0123456789abcdef";
    ail_buf_append(out, "\"", 1);
    const char *run = s;
    for (const char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        ail_buf_append(out, run, (size_t)(p - run));
        char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
        if (c == '"' || c == '\\') {
            esc[1] = (char)c;
            ail_buf_append(out, esc, 2);
        } else if (c == '\n') {
            ail_buf_append(out, "\\n", 2);
        } else {
            ail_buf_append(out, esc, 6);
        }
        run = p + 1;
    }
    ail_buf_puts(out, run);
    ail_buf_append(out, "\"", 1);
}

void ail_buf_clear(AilBuf *buf) {
    buf->len = 0;
    if (buf->data) buf->data[0] = '\0';
}

void ail_buf_free(AilBuf *buf) {
    free(buf->data);
    ail_buf_init(buf);
}
