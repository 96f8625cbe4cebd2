/*
 * UTF-8 checking, decoding, encoding and folding.
 *
 * Folding exists so that a learner typing "Ecole", "école " or "ÉCOLE" into a text
 * question is matched against "école", and an Arabic answer typed with or without
 * vowel marks matches the same word. It is a deliberate, small subset of Unicode
 * case folding and decomposition: the scripts ailit's courses are written in.
 */
#include "base/base.h"

#include <stdlib.h>
#include <string.h>

bool ail_utf8_valid(const char *s, size_t len, size_t *bad_offset) {
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        /* Most pack text is ASCII: skip it eight bytes at a time. */
        while (len - i >= 8) {
            uint64_t word;
            memcpy(&word, p + i, 8);
            if (word & 0x8080808080808080u) break;
            i += 8;
        }
        if (i >= len) break;
        unsigned char c = p[i];
        size_t n;
        uint32_t cp, min;
        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF) {
            n = 1;
            cp = c & 0x1F;
            min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            cp = c & 0x0F;
            min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            cp = c & 0x07;
            min = 0x10000;
        } else
            goto bad;
        if (len - i <= n) goto bad;
        for (size_t k = 1; k <= n; k++) {
            if ((p[i + k] & 0xC0) != 0x80) goto bad;
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) goto bad;
        i += n + 1;
    }
    return true;
bad:
    if (bad_offset) *bad_offset = i;
    return false;
}

uint32_t ail_utf8_next(const char **pp, const char *end) {
    const unsigned char *p = (const unsigned char *)*pp;
    size_t avail = (size_t)((const unsigned char *)end - p);
    size_t bad;
    unsigned char c = p[0];
    size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (n > avail || !ail_utf8_valid((const char *)p, n, &bad)) {
        *pp += 1;
        return 0xFFFD;
    }
    uint32_t cp = n == 1 ? c : n == 2 ? (c & 0x1Fu) : n == 3 ? (c & 0x0Fu) : (c & 0x07u);
    for (size_t k = 1; k < n; k++) cp = (cp << 6) | (p[k] & 0x3Fu);
    *pp += n;
    return cp;
}

void ail_utf8_append(AilBuf *buf, uint32_t cp) {
    char b[4];
    size_t n;
    if (cp < 0x80) {
        b[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        b[0] = (char)(0xC0 | (cp >> 6));
        b[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        b[0] = (char)(0xE0 | (cp >> 12));
        b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        b[0] = (char)(0xF0 | (cp >> 18));
        b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    ail_buf_append(buf, b, n);
}

/* ---- Folding ---- */

typedef struct {
    uint32_t from, to;
} FoldRow;

static const FoldRow FOLD_TABLE[] = {
#include "fold_table.inc"
};

static int fold_row_compare(const void *key, const void *row) {
    uint32_t k = *(const uint32_t *)key, r = ((const FoldRow *)row)->from;
    return k < r ? -1 : k > r;
}

static bool is_space(uint32_t cp) {
    return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0xA0 || cp == 0x3000 ||
           (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F;
}

/* Marks that change how a letter looks but not which word it is. */
static bool is_dropped_mark(uint32_t cp) {
    return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
           (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
           (cp >= 0xFE20 && cp <= 0xFE2F) || (cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 ||
           cp == 0x0640 /* tatweel */;
}

static uint32_t fold_code_point(uint32_t cp) {
    if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0; /* full-width ASCII from CJK input */
    if (cp >= 'A' && cp <= 'Z') return cp + 32;
    if (cp < 0x80) return cp;
    switch (cp) { /* Arabic letters commonly typed interchangeably */
    case 0x0622:
    case 0x0623:
    case 0x0625:
    case 0x0671: return 0x0627;
    case 0x0649: return 0x064A;
    case 0x0629: return 0x0647; /* ta marbuta written as ha */
    }
    if (cp >= 0x0660 && cp <= 0x0669) return '0' + (cp - 0x0660); /* Arabic-Indic digits */
    if (cp >= 0x06F0 && cp <= 0x06F9) return '0' + (cp - 0x06F0);
    const FoldRow *row = bsearch(&cp, FOLD_TABLE, sizeof FOLD_TABLE / sizeof FOLD_TABLE[0],
                                 sizeof FOLD_TABLE[0], fold_row_compare);
    return row ? row->to : cp;
}

/* Punctuation a learner may add around a typed answer ("pixel.", "¿sí?", "是。"). */
static bool is_edge_punctuation(uint32_t cp) {
    switch (cp) {
    case '.':
    case ',':
    case '!':
    case '?':
    case ';':
    case ':':
    case '"':
    case '\'':
    case 0x00A1:
    case 0x00BF:
    case 0x00AB:
    case 0x00BB: /* ¡ ¿ « » */
    case 0x060C:
    case 0x061B:
    case 0x061F:
    case 0x06D4: /* Arabic comma, semicolon, ? and . */
    case 0x3001:
    case 0x3002:
    case 0xFF01:
    case 0xFF0C:
    case 0xFF1F: /* 、。！，？ */
    case 0x2018:
    case 0x2019:
    case 0x201C:
    case 0x201D:
    case 0x2026: return true;
    }
    return false;
}

void ail_utf8_trim_punctuation(const char **start, const char **end) {
    const char *p = *start, *e = *end;
    while (p < e) {
        const char *at = p;
        uint32_t cp = ail_utf8_next(&p, e);
        if (!is_space(cp) && !is_edge_punctuation(cp)) {
            p = at;
            break;
        }
    }
    while (e > p) {
        const char *last = e - 1;
        while (last > p && ((unsigned char)*last & 0xC0) == 0x80) last--;
        const char *probe = last;
        uint32_t cp = ail_utf8_next(&probe, e);
        if (!is_space(cp) && !is_edge_punctuation(cp)) break;
        e = last;
    }
    *start = p;
    *end = e;
}

void ail_utf8_fold(const char *s, AilBuf *out) {
    const char *p = s, *end = s + strlen(s);
    /* Leading and trailing punctuation count as space: "pixel." matches "pixel". */
    ail_utf8_trim_punctuation(&p, &end);
    bool pending_space = false, wrote = false;
    while (p < end) {
        uint32_t cp = ail_utf8_next(&p, end);
        if (is_space(cp)) {
            pending_space = wrote;
            continue;
        }
        if (is_dropped_mark(cp)) continue;
        if (pending_space) ail_buf_append(out, " ", 1);
        pending_space = false;
        ail_utf8_append(out, fold_code_point(cp));
        wrote = true;
    }
    if (!out->data) ail_buf_append(out, "", 0);
}

void ail_text_position(const char *text, size_t len, size_t offset, int *line, int *col) {
    if (offset > len) offset = len;
    int l = 1, c = 1;
    for (size_t i = 0; i < offset; i++) {
        unsigned char ch = (unsigned char)text[i];
        if (ch == '\n') {
            l++;
            c = 1;
        } else if ((ch & 0xC0) != 0x80)
            c++;
    }
    *line = l;
    *col = c;
}
