/*
 * Text that came from outside (a file's name, a value from a pack) made safe to print
 * on one line of a terminal or a log: nothing in it can end the line, move the
 * cursor, change colours or reorder what follows, so it cannot forge a line such as
 * "FILE:LINE:COL: error: ..." or hide one.
 *
 * Escapes: \n \r \t for those three; \xNN for other C0 controls, DEL, and each byte
 * that is not part of well-formed UTF-8; \u{XXXX} for C1 controls and the invisible
 * characters that reorder or break text (bidi marks, embeddings, overrides and
 * isolates; line and paragraph separators). Everything else, other scripts included,
 * is kept as it is.
 */
#include "base/base.h"

#include <assert.h>
#include <string.h>

/* True for code points printed as \u{XXXX}: C1 controls, U+061C ARABIC LETTER MARK,
 * U+200E/F LRM/RLM, U+2028/9 line/paragraph separators, U+202A..E embeddings and
 * overrides, U+2066..9 isolates, U+FEFF (a byte order mark inside text). */
static bool invisible(uint32_t cp) {
    return (cp >= 0x80 && cp <= 0x9f) || cp == 0x061c || cp == 0x200e || cp == 0x200f ||
           (cp >= 0x2028 && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xfeff;
}

void ail_buf_escape(AilBuf *out, const char *s, size_t len, bool escape_backslash) {
    assert(out && (s || !len));
    const char *p = s, *end = s + len;
    while (p < end) {
        unsigned char c = (unsigned char)*p;
        if (c < 0x80) {
            if (c == '\n')
                ail_buf_puts(out, "\\n");
            else if (c == '\r')
                ail_buf_puts(out, "\\r");
            else if (c == '\t')
                ail_buf_puts(out, "\\t");
            else if (c < 0x20 || c == 0x7f)
                ail_buf_printf(out, "\\x%02x", c);
            else if (c == '\\' && escape_backslash)
                ail_buf_puts(out, "\\\\");
            else
                ail_buf_append(out, p, 1);
            p++;
            continue;
        }
        const char *start = p;
        uint32_t cp = ail_utf8_next(&p, end);
        size_t n = (size_t)(p - start);
        /* U+FFFD decoded from one byte is a malformed byte, unless it was written out. */
        if (cp == 0xfffd && !(n == 3 && memcmp(start, "\xEF\xBF\xBD", 3) == 0)) {
            for (const char *b = start; b < p; b++)
                ail_buf_printf(out, "\\x%02x", (unsigned char)*b);
        } else if (invisible(cp)) {
            ail_buf_printf(out, "\\u{%04X}", (unsigned)cp);
        } else {
            ail_buf_append(out, start, n);
        }
    }
}
