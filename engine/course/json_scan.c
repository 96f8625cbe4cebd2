/*
 * The scanner is iterative (an explicit stack), so hostile nesting cannot overflow
 * the C stack, and it never reads past len. Its notion of a number is the same
 * loose one cJSON uses (any run of digits, signs, '.', 'e'), so that on every text
 * cJSON accepts, the scanner sees the same values in the same order.
 */
#include "course/json_scan.h"

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

__attribute__((format(printf, 3, 4))) static bool fail(Scanner *sc, size_t at, const char *fmt, ...) {
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

/* Skips a string starting at its opening quote. */
static bool skip_string(Scanner *sc) {
    size_t start = sc->i++;
    while (sc->i < sc->len) {
        unsigned char c = (unsigned char)sc->s[sc->i];
        if (c == '"') { sc->i++; return true; }
        if (c < 0x20)
            return fail(sc, sc->i, "%s",
                        c == '\n' ? "a line break inside a string; write \\n instead, or close "
                                    "the string with '\"'"
                                  : "a control character inside a string; remove it");
        if (c == '\\') {
            if (sc->i + 1 >= sc->len) break;
            char e = sc->s[sc->i + 1];
            if (e == 'u') {
                for (size_t k = 2; k < 6; k++)
                    if (sc->i + k >= sc->len || !is_hex(sc->s[sc->i + k]))
                        return fail(sc, sc->i, "%s", "'\\u' must be followed by 4 hex digits");
                sc->i += 6;
                continue;
            }
            if (!strchr("\"\\/bfnrt", e) || e == '\0')
                return fail(sc, sc->i, "%s",
                            "unknown escape in a string; to write a backslash, write \\\\");
            sc->i += 2;
            continue;
        }
        sc->i++;
    }
    return fail(sc, start, "%s",
                "this string is never closed: the file ends before its closing '\"' (was it "
                "cut short while copying?)");
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
            return fail(sc, sc->len, "the file ends in the middle of '%s' (was it cut short while "
                                     "copying?)", words[w]);
    }
    if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.') {
        while (sc->i < sc->len && strchr("0123456789+-eE.", sc->s[sc->i]) && sc->s[sc->i])
            sc->i++;
        return true;
    }
    if (c == '\'') return fail(sc, sc->i, "%s", "JSON strings use double quotes (\"), not '");
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
            if (state == EXPECT_END) { ok = true; goto done; }
            if (depth == 0) { fail(&sc, sc.i, "%s", "the file is empty; expected a JSON value"); goto done; }
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
            if (c != ':') { fail(&sc, sc.i, "%s", "expected ':' after the field name"); goto done; }
            sc.i++;
            state = EXPECT_VALUE;
            continue;
        case EXPECT_KEY:
        case EXPECT_KEY_OR_CLOSE:
            if (c == '}' && state == EXPECT_KEY_OR_CLOSE) goto close;
            if (c == '}') { fail(&sc, sc.i, "%s", "a comma before '}' has no field after it; remove the comma"); goto done; }
            if (c != '"') {
                fail(&sc, sc.i, "%s", c == '\'' ? "field names use double quotes (\"), not '"
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
                if (!fn(ctx, index, &spot)) { ok = true; goto done; }
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
