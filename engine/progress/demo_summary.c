/*
 * The summary of what a learner did in a demo ("examples": 7, "accuracy": 0.75),
 * checked before it goes into an "interacted" statement as it is. The event log
 * never changes, and one statement that is not JSON, or is larger than the merge
 * takes, would get every progress file of the device refused for good; so only a
 * small flat object of plain values passes (this module may not use cJSON).
 */
#include "progress/progress_internal.h"

#include <string.h>

#define SUMMARY_MAX_MEMBERS 16
#define SUMMARY_MAX_ARRAY 32
#define SUMMARY_MAX_TEXT 64

static void skip_space(const char **p) {
    while (**p == ' ' || **p == '\t' || **p == '\n' || **p == '\r') (*p)++;
}

static bool digit(char c) { return c >= '0' && c <= '9'; }

/* A JSON number (RFC 8259 grammar), at most 24 characters. */
static bool take_number(const char **p) {
    const char *s = *p, *q = s;
    if (*q == '-') q++;
    if (*q == '0')
        q++;
    else if (digit(*q))
        while (digit(*q)) q++;
    else
        return false;
    if (*q == '.') {
        if (!digit(*++q)) return false;
        while (digit(*q)) q++;
    }
    if (*q == 'e' || *q == 'E') {
        q++;
        if (*q == '+' || *q == '-') q++;
        if (!digit(*q)) return false;
        while (digit(*q)) q++;
    }
    if (q - s > 24) return false;
    *p = q;
    return true;
}

/* A string of printable ASCII without escapes; key: 1..32 of [a-z0-9_]. */
static bool take_string(const char **p, bool key) {
    const char *q = *p;
    if (*q++ != '"') return false;
    const char *start = q;
    for (; *q != '"'; q++) {
        unsigned char c = (unsigned char)*q;
        if (key ? !((c >= 'a' && c <= 'z') || digit((char)c) || c == '_')
                : (c < 0x20 || c > 0x7e || c == '\\'))
            return false;
    }
    size_t n = (size_t)(q - start);
    if (n > (key ? 32u : SUMMARY_MAX_TEXT) || (key && n == 0)) return false;
    *p = q + 1;
    return true;
}

static bool take_word(const char **p, const char *word) {
    size_t n = strlen(word);
    if (strncmp(*p, word, n) != 0) return false;
    *p += n;
    return true;
}

/* An array of at most SUMMARY_MAX_ARRAY numbers. */
static bool take_numbers(const char **p) {
    (*p)++; /* [ */
    skip_space(p);
    if (**p == ']') return (*p)++, true;
    for (size_t n = 0; n < SUMMARY_MAX_ARRAY; n++) {
        skip_space(p);
        if (!take_number(p)) return false;
        skip_space(p);
        if (**p == ']') return (*p)++, true;
        if (*(*p)++ != ',') return false;
    }
    return false;
}

static bool take_value(const char **p) {
    switch (**p) {
    case '"': return take_string(p, false);
    case '[': return take_numbers(p);
    case 't': return take_word(p, "true");
    case 'f': return take_word(p, "false");
    default: return take_number(p);
    }
}

bool progress_demo_summary_ok(const char *json) {
    if (!json || strlen(json) > PROGRESS_DEMO_SUMMARY_MAX) return false;
    const char *p = json;
    skip_space(&p);
    if (*p++ != '{') return false;
    skip_space(&p);
    bool closed = *p == '}';
    if (closed) p++;
    for (size_t n = 0; !closed && n < SUMMARY_MAX_MEMBERS; n++) {
        skip_space(&p);
        if (!take_string(&p, true)) return false;
        skip_space(&p);
        if (*p++ != ':') return false;
        skip_space(&p);
        if (!take_value(&p)) return false;
        skip_space(&p);
        if (*p == '}') {
            closed = true;
            p++;
        } else if (*p++ != ',') {
            return false;
        }
    }
    skip_space(&p);
    return closed && *p == '\0';
}
