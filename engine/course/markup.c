/*
 * The body markup of pack format 1: paragraphs, "- " bullets and **bold**, nothing
 * more, so that authors cannot break the layout and the renderer stays small.
 * A paragraph's lines are joined with spaces into storage; spans point into it.
 */
#include "course/course.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    Markup *m;
    size_t block_cap;
    size_t storage_len;
} Builder;

static bool line_is_blank(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r') return false;
    return true;
}

/* Adds a block whose text is storage[start..end), splitting it at "**". */
static void add_block(Builder *b, MarkupBlockKind kind, size_t start, size_t end) {
    Markup *m = b->m;
    if (m->block_count == b->block_cap) {
        b->block_cap = b->block_cap ? b->block_cap * 2 : 8;
        m->blocks = ail_xrealloc(m->blocks, b->block_cap * sizeof *m->blocks);
    }
    MarkupBlock *blk = &m->blocks[m->block_count++];
    blk->kind = kind;
    blk->spans = NULL;
    blk->span_count = 0;
    size_t cap = 0, markers = 0, from = start;
    bool bold = false;
    for (size_t i = start; i <= end; i++) {
        bool marker = i + 1 < end && m->storage[i] == '*' && m->storage[i + 1] == '*';
        if (!marker && i != end) continue;
        if (i > from) {
            if (blk->span_count == cap) {
                cap = cap ? cap * 2 : 4;
                blk->spans = ail_xrealloc(blk->spans, cap * sizeof *blk->spans);
            }
            blk->spans[blk->span_count++] = (MarkupSpan){m->storage + from, i - from, bold};
        }
        if (marker) {
            markers++;
            bold = !bold;
            i++;
            from = i + 1;
        }
    }
    if (markers % 2) m->unbalanced_bold = true;
}

void course_markup_parse(const char *body, Markup *out) {
    memset(out, 0, sizeof *out);
    size_t n = strlen(body);
    out->storage = ail_xmalloc(n + 1);
    Builder b = {out, 0, 0};
    bool in_para = false;
    size_t para_start = 0;
    const char *p = body, *end = body + n;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
        const char *line = p;
        p += len + (nl ? 1 : 0);
        while (len && (line[len - 1] == '\r' || line[len - 1] == ' ' || line[len - 1] == '\t'))
            len--;
        while (len && (*line == ' ' || *line == '\t')) {
            line++;
            len--;
        }
        bool blank = line_is_blank(line, len);
        bool bullet = len >= 2 && line[0] == '-' && line[1] == ' ';
        if ((blank || bullet) && in_para) {
            add_block(&b, MARKUP_PARAGRAPH, para_start, b.storage_len);
            in_para = false;
        }
        if (blank) continue;
        if (bullet) {
            size_t start = b.storage_len;
            memcpy(out->storage + b.storage_len, line + 2, len - 2);
            b.storage_len += len - 2;
            add_block(&b, MARKUP_BULLET, start, b.storage_len);
            continue;
        }
        if (in_para)
            out->storage[b.storage_len++] = ' ';
        else {
            in_para = true;
            para_start = b.storage_len;
        }
        memcpy(out->storage + b.storage_len, line, len);
        b.storage_len += len;
    }
    if (in_para) add_block(&b, MARKUP_PARAGRAPH, para_start, b.storage_len);
    out->storage[b.storage_len] = '\0';
}

void course_markup_free(Markup *markup) {
    for (size_t i = 0; i < markup->block_count; i++) free(markup->blocks[i].spans);
    free(markup->blocks);
    free(markup->storage);
    memset(markup, 0, sizeof *markup);
}
