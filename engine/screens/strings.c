/*
 * The UI's own strings, one JSON table per language, embedded at build time. Tables
 * are parsed once, on first use, into a sorted array per language; a key missing in
 * a language falls back to English (tests/ui/test_strings checks none is missing).
 */
#include "screens/screens.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

extern const struct {
    const char *lang;
    const char *json;
} SCREENS_STRING_TABLES[];

const char *const SCREENS_LANGUAGES[SCREENS_LANGUAGE_COUNT] = {"en", "fr", "zh-Hans", "ar", "sw"};

static cJSON *tables[SCREENS_LANGUAGE_COUNT];
static bool parsed;

const char *screens_strings_json(const char *lang) {
    for (size_t i = 0; SCREENS_STRING_TABLES[i].lang; i++)
        if (strcmp(SCREENS_STRING_TABLES[i].lang, lang) == 0) return SCREENS_STRING_TABLES[i].json;
    return NULL;
}

static void free_tables(void) {
    for (int i = 0; i < SCREENS_LANGUAGE_COUNT; i++) cJSON_Delete(tables[i]);
}

static void parse_tables(void) {
    parsed = true;
    for (int i = 0; i < SCREENS_LANGUAGE_COUNT; i++) {
        const char *json = screens_strings_json(SCREENS_LANGUAGES[i]);
        tables[i] = json ? cJSON_Parse(json) : NULL;
    }
    atexit(free_tables);
}

static int lang_index(const char *lang) {
    if (!lang) return 0;
    for (int i = 0; i < SCREENS_LANGUAGE_COUNT; i++)
        if (strcmp(SCREENS_LANGUAGES[i], lang) == 0) return i;
    if (strncmp(lang, "zh", 2) == 0) return 2;
    return 0;
}

const char *screens_string(const char *lang, const char *key) {
    if (!parsed) parse_tables();
    cJSON *v = cJSON_GetObjectItemCaseSensitive(tables[lang_index(lang)], key);
    if (!cJSON_IsString(v)) v = cJSON_GetObjectItemCaseSensitive(tables[0], key);
    return cJSON_IsString(v) ? v->valuestring : key;
}

bool screens_lang_rtl(const char *lang) {
    return lang && (strncmp(lang, "ar", 2) == 0 || strncmp(lang, "he", 2) == 0 ||
                    strncmp(lang, "fa", 2) == 0 || strncmp(lang, "ur", 2) == 0);
}
