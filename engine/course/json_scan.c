/*
 * The scanner is iterative (an explicit stack), so hostile nesting cannot overflow
 * the C stack, and it never reads past len. It follows RFC 8259 strictly, stricter
 * than cJSON (which takes 07 or a raw tab inside a string): every file is scanned
 * before cJSON parses it, so a pack that ailit accepts is JSON for every other
 * tool too, and on such a text the scanner and cJSON see the same values in the
 * same order.
 */
#include "course/json_scan.h"

#include "base/base.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum {
    EXPECT_VALUE,          /* root, after ':' or after ',' in an array */
    EXPECT_VALUE_OR_CLOSE, /* just after '[' */
    EXPECT_KEY,            /* after ',' in an object */
    EXPECT_KEY_OR_CLOSE,   /* just after '{' */
    EXPECT_COLON,
    EXPECT_COMMA_OR_CLOSE,
    EXPECT_END /* the root value is complete */
} ScanState;

typedef struct {
    const char *s;
    size_t len, i;
    JsonSyntaxError *err;
} Scanner;

__attribute__((format(printf, 3, 4))) static bool fail(Scanner *sc, size_t at, const char *fmt,
                                                       ...) {
    if (sc->err) {
        va_list ap;
        va_start(ap, fmt);
        sc->err->offset = at;
        vsnprintf(sc->err->message, sizeof sc->err->message, fmt, ap);
        va_end(ap);
    }
    return false;
}

static void skip_space(Scanner *sc) {
    while (sc->i < sc->len) {
        char c = sc->s[sc->i];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
        sc->i++;
    }
}

static bool is_hex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Reads 4 hex digits at at into *out; false when they are not there. */
static bool hex4(const Scanner *sc, size_t at, unsigned *out) {
    unsigned v = 0;
    for (size_t k = 0; k < 4; k++) {
        if (at + k >= sc->len || !is_hex(sc->s[at + k])) return false;
        char h = sc->s[at + k];
        v = v * 16 + (unsigned)(h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
    }
    *out = v;
    return true;
}

/* Bytes a string can hold as they are: not '"', '\\', a control byte, or non-ASCII
 * (which is checked as UTF-8). The table keeps the hottest loop to one lookup. */
static const unsigned char *plain_string_bytes(void) {
    static unsigned char table[256];
    static bool ready;
    if (!ready) {
        for (int c = 0x20; c < 0x80; c++) table[c] = c != '"' && c != '\\';
        ready = true;
    }
    return table;
}

/* Fails with the UTF-8 message when the sequence at sc->i is malformed; otherwise
 * steps over it. */
static bool skip_utf8(Scanner *sc) {
    unsigned char c = (unsigned char)sc->s[sc->i];
    size_t n = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4, bad;
    if (n > sc->len - sc->i) n = sc->len - sc->i;
    if (c < 0xC2 || c > 0xF4 || !ail_utf8_valid(sc->s + sc->i, n, &bad) || (n < 4 && c >= 0xF0) ||
        (n < 3 && c >= 0xE0))
        return fail(sc, sc->i,
                    "this is not valid UTF-8 (byte 0x%02X); save the file as UTF-8 in your editor",
                    c);
    sc->i += n;
    return true;
}

/* Skips a string starting at its opening quote. */
static bool skip_string(Scanner *sc) {
    const unsigned char *plain = plain_string_bytes();
    size_t start = sc->i++;
    while (sc->i < sc->len) {
        while (sc->i < sc->len && plain[(unsigned char)sc->s[sc->i]]) sc->i++;
        if (sc->i >= sc->len) break;
        unsigned char c = (unsigned char)sc->s[sc->i];
        if (c == '"') {
            sc->i++;
            return true;
        }
        if (c >= 0x80) {
            if (!skip_utf8(sc)) return false;
            continue;
        }
        if (c < 0x20)
            return fail(sc, sc->i, "%s",
                        c == '\n'   ? "a line break inside a string; write \\n instead, or close "
                                      "the string with '\"'"
                        : c == '\t' ? "a tab inside a string; write \\t instead"
                                    : "a control character inside a string; remove it");
        /* c is a backslash */
        if (sc->i + 1 >= sc->len) break;
        char e = sc->s[sc->i + 1];
        if (e == 'u') {
            unsigned unit = 0;
            if (!hex4(sc, sc->i + 2, &unit))
                return fail(sc, sc->i, "%s", "'\\u' must be followed by 4 hex digits");
            sc->i += 6;
            /* UTF-16 surrogates come in pairs; a lone one is not a character. */
            if (unit >= 0xDC00 && unit <= 0xDFFF)
                return fail(sc, sc->i - 6, "%s",
                            "a '\\u' low surrogate without the high one before it");
            if (unit >= 0xD800 && unit <= 0xDBFF) {
                unsigned low = 0;
                if (sc->i + 1 >= sc->len || sc->s[sc->i] != '\\' || sc->s[sc->i + 1] != 'u' ||
                    !hex4(sc, sc->i + 2, &low) || low < 0xDC00 || low > 0xDFFF)
                    return fail(sc, sc->i - 6, "%s",
                                "a '\\u' high surrogate must be followed by a low one");
                sc->i += 6;
            }
            continue;
        }
        if (!e || !strchr("\"\\/bfnrt", e))
            return fail(sc, sc->i, "%s",
                        "unknown escape in a string; to write a backslash, write \\\\");
        sc->i += 2;
    }
    return fail(sc, start, "%s",
                "this string is never closed: the file ends before its closing '\"' (was it "
                "cut short while copying?)");
}

static bool digits(Scanner *sc) {
    size_t start = sc->i;
    while (sc->i < sc->len && sc->s[sc->i] >= '0' && sc->s[sc->i] <= '9') sc->i++;
    return sc->i > start;
}

/* A number as JSON defines it: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
static bool scan_number(Scanner *sc) {
    size_t start = sc->i;
    if (sc->s[sc->i] == '-') sc->i++;
    if (sc->i < sc->len && sc->s[sc->i] == '0') {
        sc->i++;
        if (sc->i < sc->len && sc->s[sc->i] >= '0' && sc->s[sc->i] <= '9')
            return fail(sc, start, "a number must not start with 0 (write 7, not 07)");
    } else if (!digits(sc)) {
        return fail(sc, start, "'-' must be followed by a digit");
    }
    if (sc->i < sc->len && sc->s[sc->i] == '.') {
        sc->i++;
        if (!digits(sc)) return fail(sc, start, "a '.' in a number must be followed by a digit");
    }
    if (sc->i < sc->len && (sc->s[sc->i] == 'e' || sc->s[sc->i] == 'E')) {
        sc->i++;
        if (sc->i < sc->len && (sc->s[sc->i] == '+' || sc->s[sc->i] == '-')) sc->i++;
        if (!digits(sc)) return fail(sc, start, "an exponent in a number needs digits after 'e'");
    }
    return true;
}

static bool scan_scalar(Scanner *sc) {
    char c = sc->s[sc->i];
    if (c == '"') return skip_string(sc);
    static const char *const words[] = {"true", "false", "null"};
    for (size_t w = 0; w < 3; w++) {
        size_t n = strlen(words[w]), left = sc->len - sc->i;
        if (left >= n && memcmp(sc->s + sc->i, words[w], n) == 0) {
            sc->i += n;
            return true;
        }
        if (left < n && memcmp(sc->s + sc->i, words[w], left) == 0)
            return fail(sc, sc->len,
                        "the file ends in the middle of '%s' (was it cut short while "
                        "copying?)",
                        words[w]);
    }
    if ((c >= '0' && c <= '9') || c == '-') return scan_number(sc);
    if (c == '+' || c == '.')
        return fail(sc, sc->i,
                    "a number must start with a digit or '-' (write 0.5, not .5 or +0.5)");
    if (c == '\'') return fail(sc, sc->i, "%s", "JSON strings use double quotes (\"), not '");
    if ((unsigned char)c >= 0x80 && !skip_utf8(sc)) return false;
    if (c == '/') return fail(sc, sc->i, "%s", "JSON does not allow comments; remove it");
    if (c == '}' || c == ']')
        return fail(sc, sc->i, "expected a value before '%s' (a comma too many?)",
                    c == '}' ? "}" : "]");
    return fail(sc, sc->i, "%s",
                "expected a value (a \"string\", a number, true, false, null, { or [)");
}

bool json_scan(const char *text, size_t len, size_t max_depth, JsonSpotFn fn, void *ctx,
               JsonSyntaxError *err) {
    Scanner sc = {text, len, 0, err};
    /* The kind ('{' or '[') of each open container. */
    char *kinds = malloc(max_depth + 1);
    size_t depth = 0, index = 0, key_start = JSON_SCAN_NO_KEY;
    ScanState state = EXPECT_VALUE;
    bool ok = false;
    if (!kinds) {
        fail(&sc, 0, "%s", "out of memory while reading the file");
        goto done;
    }
    for (;;) {
        skip_space(&sc);
        if (sc.i >= len) {
            if (state == EXPECT_END) {
                ok = true;
                goto done;
            }
            if (depth == 0) {
                fail(&sc, sc.i, "%s", "the file is empty; expected a JSON value");
                goto done;
            }
            fail(&sc, sc.i,
                 "the file ends before the JSON is complete: a '%s' is never closed (was the "
                 "file cut short while copying?)",
                 kinds[depth - 1] == '{' ? "{" : "[");
            goto done;
        }
        char c = text[sc.i];
        switch (state) {
        case EXPECT_END:
            fail(&sc, sc.i, "%s", "unexpected text after the end of the JSON value");
            goto done;
        case EXPECT_COLON:
            if (c != ':') {
                fail(&sc, sc.i, "%s", "expected ':' after the field name");
                goto done;
            }
            sc.i++;
            state = EXPECT_VALUE;
            continue;
        case EXPECT_KEY:
        case EXPECT_KEY_OR_CLOSE:
            if (c == '}' && state == EXPECT_KEY_OR_CLOSE) goto close;
            if (c == '}') {
                fail(&sc, sc.i, "%s", "a comma before '}' has no field after it; remove the comma");
                goto done;
            }
            if (c != '"') {
                fail(&sc, sc.i, "%s",
                     c == '\'' ? "field names use double quotes (\"), not '"
                               : "expected a field name in double quotes");
                goto done;
            }
            key_start = sc.i;
            if (!skip_string(&sc)) goto done;
            state = EXPECT_COLON;
            continue;
        case EXPECT_COMMA_OR_CLOSE:
            if (c == ',') {
                sc.i++;
                state = kinds[depth - 1] == '{' ? EXPECT_KEY : EXPECT_VALUE;
                continue;
            }
            if ((c == '}' && kinds[depth - 1] == '{') || (c == ']' && kinds[depth - 1] == '['))
                goto close;
            if (kinds[depth - 1] == '{')
                fail(&sc, sc.i, "expected ',' or '}' after a field (a comma missing?)");
            else
                fail(&sc, sc.i, "expected ',' or ']' after an item (a comma missing?)");
            goto done;
        case EXPECT_VALUE:
        case EXPECT_VALUE_OR_CLOSE:
            if (c == ']' && state == EXPECT_VALUE_OR_CLOSE) goto close;
            if (c == ']' && depth > 0 && kinds[depth - 1] == '[') {
                fail(&sc, sc.i, "%s", "a comma before ']' has no item after it; remove the comma");
                goto done;
            }
            if (fn) {
                JsonSpot spot = {sc.i, depth > 0 && kinds[depth - 1] == '{' ? key_start
                                                                            : JSON_SCAN_NO_KEY};
                if (!fn(ctx, index, &spot)) {
                    ok = true;
                    goto done;
                }
            }
            index++;
            if (c == '{' || c == '[') {
                if (depth >= max_depth) {
                    fail(&sc, sc.i, "the JSON is nested more than %zu levels deep here", max_depth);
                    goto done;
                }
                kinds[depth] = c;
                depth++;
                sc.i++;
                state = c == '{' ? EXPECT_KEY_OR_CLOSE : EXPECT_VALUE_OR_CLOSE;
                continue;
            }
            if (!scan_scalar(&sc)) goto done;
            state = depth == 0 ? EXPECT_END : EXPECT_COMMA_OR_CLOSE;
            continue;
        }
    close:
        sc.i++;
        depth--;
        state = depth == 0 ? EXPECT_END : EXPECT_COMMA_OR_CLOSE;
    }
done:
    free(kinds);
    return ok;
}
