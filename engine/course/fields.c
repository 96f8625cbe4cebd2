/*
 * Typed reading of JSON members. Each reader reports what is wrong with the member
 * it was asked for (missing, wrong type, out of range) at that member, and returns
 * a usable fallback so that reading goes on and every problem is found in one run.
 */
#include "course/course_internal.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* ---- JSON path ---- */

/* Appends n bytes to the JSON path, cutting it short rather than overflowing. The
 * path is built on every member read, so this avoids printf on the hot path. */
static void path_append(JsonFile *jf, const char *bytes, size_t n) {
    size_t room = sizeof jf->path - 1 - jf->path_len;
    if (n > room) n = room;
    memcpy(jf->path + jf->path_len, bytes, n);
    jf->path_len += n;
    jf->path[jf->path_len] = '\0';
}

size_t jf_path_push_key(JsonFile *jf, const char *key) {
    size_t saved = jf->path_len;
    if (saved) path_append(jf, ".", 1);
    path_append(jf, key, strlen(key));
    return saved;
}

size_t jf_path_push_index(JsonFile *jf, size_t index) {
    size_t saved = jf->path_len;
    char digits[24];
    size_t n = sizeof digits;
    digits[--n] = ']';
    do {
        digits[--n] = (char)('0' + index % 10);
        index /= 10;
    } while (index);
    digits[--n] = '[';
    path_append(jf, digits + n, sizeof digits - n);
    return saved;
}

void jf_path_pop(JsonFile *jf, size_t saved) {
    jf->path_len = saved;
    jf->path[saved] = '\0';
}

const char *jf_type_name(const cJSON *node) {
    if (!node) return "nothing";
    switch (node->type & 0xFF) {
    case cJSON_False:
    case cJSON_True: return "a true/false value";
    case cJSON_NULL: return "null";
    case cJSON_Number: return "a number";
    case cJSON_String: return "a string";
    case cJSON_Array: return "a list [...]";
    case cJSON_Object: return "an object {...}";
    }
    return "an unknown value";
}

/* ---- Members ---- */

/* Keys are compared first by their first byte: nearly every comparison ends there,
 * and reading a pack compares keys more than it does anything else. */
static bool same_key(const char *a, const char *b) { return a[0] == b[0] && strcmp(a, b) == 0; }

const cJSON *jf_member(JsonFile *jf, const cJSON *obj, const char *key, bool required) {
    const cJSON *m = NULL;
    if (obj)
        for (m = obj->child; m && !same_key(m->string, key); m = m->next) {}
    if (!m && required && obj)
        jf_report(jf, obj, DIAG_ERROR, "the required field '%s' is missing", key);
    return m;
}

void jf_check_fields(JsonFile *jf, const cJSON *obj, const char *const known[]) {
    uint64_t seen = 0; /* a bit per hash of a key's first two bytes */
    for (const cJSON *m = obj->child; m; m = m->next) {
        unsigned bit = ((unsigned char)m->string[0] * 31u +
                        (m->string[0] ? (unsigned char)m->string[1] : 0u)) &
                       63u;
        if (seen & (1ull << bit)) { /* maybe a repeat: compare for real */
            for (const cJSON *e = obj->child; e != m; e = e->next) {
                if (!same_key(e->string, m->string)) continue;
                jf_report_key(jf, m, DIAG_ERROR, "the field '%s' is given twice; keep only one",
                              m->string);
                break;
            }
        }
        seen |= 1ull << bit;
        if (!known) continue;
        bool ok = false;
        for (size_t k = 0; known[k] && !ok; k++) ok = same_key(known[k], m->string);
        if (!ok)
            jf_report_key(jf, m, DIAG_WARNING, "unknown field '%s' is ignored (a typo?)",
                          m->string);
    }
}

bool jf_expect_object(JsonFile *jf, const cJSON *node, const char *what) {
    if (cJSON_IsObject(node)) return true;
    jf_report(jf, node, DIAG_ERROR, "%s must be an object {...}, found %s", what,
              jf_type_name(node));
    return false;
}

bool jf_blank(const char *s) {
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r') return false;
    return true;
}

static size_t count_chars(const char *s) {
    size_t n = 0;
    for (; *s; s++) n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* Reports a localized text longer than a learner should read on one screen. */
static void check_text_length(JsonFile *jf, const cJSON *node, const char *text) {
    if (strlen(text) <= COURSE_MAX_TEXT_CHARS) return; /* never more characters than bytes */
    size_t n = count_chars(text);
    if (n > COURSE_MAX_TEXT_CHARS)
        jf_report(jf, node, DIAG_ERROR,
                  "this text has %zu characters; a text may have at most %d (split it over "
                  "several pages)",
                  n, COURSE_MAX_TEXT_CHARS);
}

/* Checks node is a non-blank string; reports under the current path. */
static const char *string_value(JsonFile *jf, const cJSON *node, const char *key) {
    if (!cJSON_IsString(node)) {
        jf_report(jf, node, DIAG_ERROR, "'%s' must be a string, found %s", key, jf_type_name(node));
        return NULL;
    }
    if (jf_blank(node->valuestring)) {
        jf_report(jf, node, DIAG_ERROR, "'%s' is empty", key);
        return NULL;
    }
    return node->valuestring;
}

const char *jf_string(JsonFile *jf, const cJSON *obj, const char *key, bool required) {
    const cJSON *m = jf_member(jf, obj, key, required);
    if (!m) return NULL;
    size_t saved = jf_path_push_key(jf, key);
    const char *s = string_value(jf, m, key);
    jf_path_pop(jf, saved);
    return s ? ail_arena_strdup(&jf->pack->course->arena, s) : NULL;
}

bool course_id_valid(const char *s) {
    size_t n = 0;
    for (; s[n]; n++)
        if (!((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= '0' && s[n] <= '9') || s[n] == '-'))
            return false;
    return n >= 1 && n <= 64;
}

const char *jf_id(JsonFile *jf, const cJSON *obj, const char *key, bool required) {
    const char *id = jf_string(jf, obj, key, required);
    if (id && !course_id_valid(id)) {
        size_t saved = jf_path_push_key(jf, key);
        jf_report(jf, cJSON_GetObjectItemCaseSensitive(obj, key), DIAG_ERROR,
                  "'%s' may use only a-z, 0-9 and '-' (1 to 64 of them); found \"%s\"", key, id);
        jf_path_pop(jf, saved);
        return NULL;
    }
    return id;
}

bool jf_bool(JsonFile *jf, const cJSON *obj, const char *key, bool required, bool fallback) {
    const cJSON *m = jf_member(jf, obj, key, required);
    if (!m) return fallback;
    if (cJSON_IsBool(m)) return cJSON_IsTrue(m);
    size_t saved = jf_path_push_key(jf, key);
    jf_report(jf, m, DIAG_ERROR, "'%s' must be true or false, found %s", key, jf_type_name(m));
    jf_path_pop(jf, saved);
    return fallback;
}

double jf_number(JsonFile *jf, const cJSON *obj, const char *key, bool required, double lo,
                 double hi, double fallback) {
    const cJSON *m = jf_member(jf, obj, key, required);
    if (!m) return fallback;
    size_t saved = jf_path_push_key(jf, key);
    double v = fallback;
    if (!cJSON_IsNumber(m))
        jf_report(jf, m, DIAG_ERROR, "'%s' must be a number, found %s", key, jf_type_name(m));
    else if (!isfinite(m->valuedouble) || m->valuedouble < lo || m->valuedouble > hi)
        jf_report(jf, m, DIAG_ERROR, "'%s' must be from %g to %g, found %g", key, lo, hi,
                  m->valuedouble);
    else
        v = m->valuedouble;
    jf_path_pop(jf, saved);
    return v;
}

int jf_int(JsonFile *jf, const cJSON *obj, const char *key, bool required, int lo, int hi,
           int fallback) {
    const cJSON *m = jf_member(jf, obj, key, required);
    if (!m) return fallback;
    size_t saved = jf_path_push_key(jf, key);
    int v = fallback;
    if (!cJSON_IsNumber(m))
        jf_report(jf, m, DIAG_ERROR, "'%s' must be a whole number, found %s", key, jf_type_name(m));
    else if (m->valuedouble != floor(m->valuedouble))
        jf_report(jf, m, DIAG_ERROR, "'%s' must be a whole number, found %g", key, m->valuedouble);
    else if (m->valuedouble < lo || m->valuedouble > hi)
        jf_report(jf, m, DIAG_ERROR, "'%s' must be from %d to %d, found %g", key, lo, hi,
                  m->valuedouble);
    else
        v = (int)m->valuedouble;
    jf_path_pop(jf, saved);
    return v;
}

const cJSON *jf_array(JsonFile *jf, const cJSON *obj, const char *key, bool required, size_t lo,
                      size_t hi, size_t *count) {
    *count = 0;
    const cJSON *m = jf_member(jf, obj, key, required);
    if (!m) return NULL;
    size_t saved = jf_path_push_key(jf, key);
    const cJSON *result = NULL;
    if (!cJSON_IsArray(m)) {
        jf_report(jf, m, DIAG_ERROR, "'%s' must be a list [...], found %s", key, jf_type_name(m));
    } else {
        size_t n = (size_t)cJSON_GetArraySize(m);
        if (n < lo)
            jf_report(jf, m, DIAG_ERROR, "'%s' needs at least %zu item%s, found %zu", key, lo,
                      lo == 1 ? "" : "s", n);
        else if (n > hi)
            jf_report(jf, m, DIAG_ERROR, "'%s' may have at most %zu items, found %zu", key, hi, n);
        *count = n;
        result = m;
    }
    jf_path_pop(jf, saved);
    return result;
}

/* ---- Localized text ---- */

bool course_language_tag_valid(const char *s) {
    size_t part = 0, first = 0;
    bool in_first = true;
    for (const char *p = s;; p++) {
        if (*p == '-' || *p == '\0') {
            if (in_first ? (first < 2 || first > 3) : (part < 2 || part > 8)) return false;
            if (*p == '\0') return true;
            in_first = false;
            part = 0;
            continue;
        }
        bool alpha = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z');
        bool digit = *p >= '0' && *p <= '9';
        if (in_first ? !alpha : !(alpha || digit)) return false;
        if (in_first)
            first++;
        else
            part++;
    }
}

/* Index of lang among the pack's languages, or -1. */
static int pack_language_index(const Course *c, const char *lang) {
    for (size_t i = 0; i < c->language_count; i++)
        if (same_key(c->languages[i], lang)) return (int)i;
    return -1;
}

void jf_localized_node(JsonFile *jf, const cJSON *node, LocalizedText *out) {
    Course *c = jf->pack->course;
    out->count = 0;
    out->entries = NULL;
    if (cJSON_IsString(node)) {
        if (jf_blank(node->valuestring)) {
            jf_report(jf, node, DIAG_ERROR, "this text is empty");
            return;
        }
        check_text_length(jf, node, node->valuestring);
        out->entries = ail_arena_alloc(&c->arena, sizeof *out->entries);
        out->entries[0].lang = c->language_count ? c->languages[0] : "";
        out->entries[0].text = ail_arena_strdup(&c->arena, node->valuestring);
        out->count = 1;
        if (c->language_count > 1)
            jf_report(jf, node, DIAG_WARNING,
                      "this text is only in '%s'; give it as {\"%s\": ..., \"%s\": ...} with all "
                      "of the pack's languages",
                      c->languages[0], c->languages[0], c->languages[1]);
        return;
    }
    if (!cJSON_IsObject(node)) {
        jf_report(jf, node, DIAG_ERROR,
                  "a text must be a string or an object {\"en\": \"...\"}, found %s",
                  jf_type_name(node));
        return;
    }
    size_t n = (size_t)cJSON_GetArraySize(node);
    if (n == 0) {
        jf_report(jf, node, DIAG_ERROR, "this text has no language in it");
        return;
    }
    /* Which of the pack's (at most 32) languages are present; a key seen twice is
     * caught by the same bits, and keys outside the pack's languages pairwise. */
    uint32_t present = 0;
    bool undeclared = false;
    out->entries = ail_arena_alloc(&c->arena, n * sizeof *out->entries);
    for (const cJSON *m = node->child; m; m = m->next) {
        size_t saved = jf_path_push_key(jf, m->string);
        int lang = c->language_count ? pack_language_index(c, m->string) : -1;
        if (lang >= 0 && (present & (1u << lang))) {
            jf_report_key(jf, m, DIAG_ERROR, "the field '%s' is given twice; keep only one",
                          m->string);
        } else if (lang < 0 && !course_language_tag_valid(m->string)) {
            jf_report_key(jf, m, DIAG_ERROR,
                          "'%s' is not a language tag; use one like \"en\", \"fr\" or \"zh-Hans\"",
                          m->string);
        } else if (lang < 0 && c->language_count) {
            jf_report_key(jf, m, DIAG_WARNING,
                          "'%s' is not one of the pack's languages; add it to \"languages\" in "
                          "pack.json or remove it here",
                          m->string);
        }
        if (lang >= 0)
            present |= 1u << lang;
        else
            undeclared = true;
        const char *s = string_value(jf, m, m->string);
        if (s) check_text_length(jf, m, s);
        if (s) {
            out->entries[out->count].lang =
                lang >= 0 ? c->languages[lang] : ail_arena_strdup(&c->arena, m->string);
            out->entries[out->count].text = ail_arena_strdup(&c->arena, s);
            out->count++;
        }
        jf_path_pop(jf, saved);
    }
    if (undeclared) { /* duplicates among keys outside the pack's languages */
        for (const cJSON *m = node->child; m; m = m->next) {
            if (c->language_count && pack_language_index(c, m->string) >= 0) continue;
            for (const cJSON *e = node->child; e != m; e = e->next) {
                if (strcmp(e->string, m->string) != 0) continue;
                jf_report_key(jf, m, DIAG_ERROR, "the field '%s' is given twice; keep only one",
                              m->string);
                break;
            }
        }
    }
    if (!c->language_count) return;
    if (!(present & 1u)) {
        jf_report(jf, node, DIAG_ERROR,
                  "this text has no '%s' version; every text needs the pack's first language",
                  c->languages[0]);
    }
    if (present == (c->language_count >= 32 ? 0xFFFFFFFFu : (1u << c->language_count) - 1)) return;
    AilBuf missing;
    ail_buf_init(&missing);
    for (size_t i = 1; i < c->language_count; i++)
        if (!(present & (1u << i)))
            ail_buf_printf(&missing, "%s'%s'", missing.len ? ", " : "", c->languages[i]);
    if (missing.len) jf_report(jf, node, DIAG_WARNING, "this text is missing in %s", missing.data);
    ail_buf_free(&missing);
}

void jf_localized(JsonFile *jf, const cJSON *obj, const char *key, bool required,
                  LocalizedText *out) {
    out->count = 0;
    out->entries = NULL;
    const cJSON *m = jf_member(jf, obj, key, required);
    if (!m) return;
    size_t saved = jf_path_push_key(jf, key);
    jf_localized_node(jf, m, out);
    jf_path_pop(jf, saved);
}

void jf_check_unique(JsonFile *jf, const char *const *ids, const cJSON *const *nodes, size_t count,
                     const char *what, bool *repeated) {
    if (count <= 16) { /* short lists: comparing pairs beats building a table */
        for (size_t i = 0; i < count; i++) {
            if (repeated) repeated[i] = false;
            for (size_t k = 0; ids[i] && k < i; k++) {
                if (!ids[k] || strcmp(ids[k], ids[i]) != 0) continue;
                if (repeated) repeated[i] = true;
                jf_report(jf, nodes[i], DIAG_ERROR,
                          "the %s id \"%s\" is used twice (also item %zu); ids must be unique",
                          what, ids[i], k);
                break;
            }
        }
        return;
    }
    StrIndex index;
    str_index_init(&index, count);
    for (size_t i = 0; i < count; i++) {
        if (repeated) repeated[i] = false;
        if (!ids[i]) continue;
        size_t first = str_index_add(&index, ids[i], i);
        if (first == i) continue;
        if (repeated) repeated[i] = true;
        jf_report(jf, nodes[i], DIAG_ERROR,
                  "the %s id \"%s\" is used twice (also item %zu); ids must be unique", what,
                  ids[i], first);
    }
    str_index_free(&index);
}
