/*
 * Line breaking. A line may break after a run of spaces, before or after a CJK
 * character (Chinese is written without spaces), and always at '\n'. It may not
 * break before closing punctuation such as "，。）" nor after opening punctuation
 * such as "（「", the usual kinsoku rules. Width is the sum of the widths of the
 * pieces between break opportunities, so each piece is measured once and a measurer
 * with a cache makes wrapping cheap.
 */
#include "ui/ui.h"
#include "ui/ui_internal.h"

#include <string.h>

static bool is_space(uint32_t cp) { return cp == ' ' || cp == '\t' || cp == 0x3000; }

bool ui_is_cjk(uint32_t cp) {
    return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0xFF00 && cp <= 0xFFEF) || (cp >= 0x20000 && cp <= 0x3FFFF);
}

static bool no_line_start(uint32_t cp) {
    static const uint32_t closing[] = {0x3001, 0x3002, 0xFF0C, 0xFF0E, 0xFF01, 0xFF1F, 0xFF1B,
                                       0xFF1A, 0x300D, 0x300F, 0xFF09, 0x300B, 0x3009, 0x201D,
                                       0x2019, 0x3011, 0x30FC, ',',    '.',    '!',    '?',
                                       ';',    ':',    ')',    ']',    0x060C, 0x061F, 0x061B};
    for (size_t i = 0; i < sizeof closing / sizeof closing[0]; i++)
        if (cp == closing[i]) return true;
    return false;
}

static bool no_line_end(uint32_t cp) {
    static const uint32_t opening[] = {0x300C, 0x300E, 0xFF08, 0x300A, 0x3008,
                                       0x201C, 0x2018, 0x3010, '(',    '['};
    for (size_t i = 0; i < sizeof opening / sizeof opening[0]; i++)
        if (cp == opening[i]) return true;
    return false;
}

size_t ui_piece_end(const char *text, size_t len, size_t pos, bool *hard, size_t *core_end) {
    const char *end = text + len;
    const char *p = text + pos;
    uint32_t prev = 0;
    bool have_prev = false;
    size_t core = pos; /* end of the last non-space character */
    *hard = false;
    while (p < end) {
        const char *at = p;
        uint32_t cp = ail_utf8_next(&p, end);
        if (cp == '\n') {
            *hard = true;
            *core_end = core;
            return (size_t)(p - text); /* the newline belongs to this piece */
        }
        if (have_prev) {
            bool brk = false;
            if (is_space(prev) && !is_space(cp))
                brk = true;
            else if (!is_space(prev) && !is_space(cp) && (ui_is_cjk(prev) || ui_is_cjk(cp)) &&
                     !no_line_start(cp) && !no_line_end(prev))
                brk = true;
            if (brk) {
                *core_end = core;
                return (size_t)(at - text);
            }
        }
        if (!is_space(cp)) core = (size_t)(p - text);
        prev = cp;
        have_prev = true;
    }
    *core_end = core;
    return len;
}

/* Breaks an over-long piece [pos, end) between characters, emitting full lines. */
static size_t split_long(const UiMeasure *m, const char *text, size_t pos, size_t end, int width,
                         int px, bool bold, void (*line)(void *, const char *, size_t), void *user,
                         size_t *lines) {
    while (pos < end) {
        const char *p = text + pos;
        size_t fit = pos;
        while (p < text + end) {
            const char *q = p;
            ail_utf8_next(&q, text + end);
            size_t cand = (size_t)(q - text);
            if (fit > pos && m->text_width(m->ctx, text + pos, cand - pos, px, bold) > width) break;
            fit = cand;
            p = q;
        }
        if (fit >= end) return pos; /* the rest fits: the caller continues the line with it */
        line(user, text + pos, fit - pos);
        (*lines)++;
        pos = fit;
    }
    return pos;
}

size_t ui_wrap(const UiMeasure *m, const char *text, size_t len, int width, int px, bool bold,
               void (*line)(void *user, const char *start, size_t len), void *user) {
    size_t lines = 0, start = 0, pos = 0, line_end = 0;
    int used = 0; /* width of [start, pos), trailing spaces included */
    if (width < 1) width = 1;
    while (pos < len) {
        bool hard;
        size_t core_end;
        size_t end = ui_piece_end(text, len, pos, &hard, &core_end);
        int core_w =
            core_end > pos ? m->text_width(m->ctx, text + pos, core_end - pos, px, bold) : 0;
        bool fits = used + core_w <= width;
        if (fits && pos > start && used + core_w > width - width / 16) {
            /* Close to the end: measure the line whole, since shaping a line is not
             * exactly the sum of its words (glyph extents at their ends). */
            fits = m->text_width(m->ctx, text + start, core_end - start, px, bold) <= width;
        }
        if (pos > start && !fits) {
            line(user, text + start, line_end - start);
            lines++;
            start = pos;
            used = 0;
        }
        if (pos == start && core_w > width) {
            start = split_long(m, text, pos, core_end, width, px, bold, line, user, &lines);
            core_w = core_end > start
                         ? m->text_width(m->ctx, text + start, core_end - start, px, bold)
                         : 0;
        }
        /* Trailing spaces are measured with their word: a space inside Arabic text is
         * drawn by the Arabic font, wider than the Latin one. */
        int full_w = end > core_end && !hard && core_end > start
                         ? m->text_width(m->ctx, text + (pos > start ? pos : start),
                                         end - (pos > start ? pos : start), px, bold)
                         : core_w;
        used += full_w;
        line_end = core_end;
        pos = end;
        if (hard) {
            line(user, text + start, line_end > start ? line_end - start : 0);
            lines++;
            start = pos;
            line_end = pos;
            used = 0;
        }
    }
    if (start < len || lines == 0) {
        line(user, text + start, line_end > start ? line_end - start : 0);
        lines++;
    }
    return lines;
}
