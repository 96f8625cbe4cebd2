/*
 * The UI's string tables: every key exists in every language, no table has a key the
 * others lack, every key the screens ask for exists, and placeholders such as
 * "{total}" are the same in every translation.
 */
#include "screens/screens.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static cJSON *table(const char *lang) {
    const char *json = screens_strings_json(lang);
    assert_non_null(json);
    cJSON *t = cJSON_Parse(json);
    assert_non_null(t);
    return t;
}

static void every_key_exists_in_every_language(void **state) {
    (void)state;
    cJSON *en = table("en");
    for (int i = 0; i < SCREENS_LANGUAGE_COUNT; i++) {
        cJSON *t = table(SCREENS_LANGUAGES[i]);
        cJSON *item;
        cJSON_ArrayForEach(item, en) {
            cJSON *other = cJSON_GetObjectItemCaseSensitive(t, item->string);
            if (!cJSON_IsString(other) || !other->valuestring[0])
                fail_msg("'%s' is missing in %s", item->string, SCREENS_LANGUAGES[i]);
        }
        cJSON_ArrayForEach(item, t) {
            if (!cJSON_GetObjectItemCaseSensitive(en, item->string))
                fail_msg("%s has '%s', which English lacks", SCREENS_LANGUAGES[i], item->string);
        }
        cJSON_Delete(t);
    }
    cJSON_Delete(en);
}

/* The "{name}" placeholders of s, sorted into out. */
static void placeholders(const char *s, char *out, size_t size) {
    out[0] = '\0';
    char found[8][32];
    int n = 0;
    for (const char *p = strchr(s, '{'); p && n < 8; p = strchr(p + 1, '{')) {
        const char *close = strchr(p, '}');
        if (!close) break;
        snprintf(found[n++], 32, "%.*s", (int)(close - p + 1), p);
    }
    qsort(found, (size_t)n, sizeof found[0], (int (*)(const void *, const void *))strcmp);
    for (int i = 0; i < n; i++) strncat(out, found[i], size - strlen(out) - 1);
}

static void placeholders_match_english(void **state) {
    (void)state;
    cJSON *en = table("en");
    for (int i = 1; i < SCREENS_LANGUAGE_COUNT; i++) {
        cJSON *t = table(SCREENS_LANGUAGES[i]);
        cJSON *item;
        cJSON_ArrayForEach(item, en) {
            char want[256], got[256];
            placeholders(item->valuestring, want, sizeof want);
            placeholders(screens_string(SCREENS_LANGUAGES[i], item->string), got, sizeof got);
            if (strcmp(want, got) != 0)
                fail_msg("%s '%s' has placeholders %s, English %s", SCREENS_LANGUAGES[i],
                         item->string, got, want);
        }
        cJSON_Delete(t);
    }
    cJSON_Delete(en);
}

/* Every S(s, "key") in the C files of engine/screens. */
static void every_key_the_screens_use_exists(void **state) {
    (void)state;
    static const char *const files[] = {
        "screens.c",     "screen_learners.c",  "screen_library.c", "screen_lessons.c",
        "screen_page.c", "screen_quiz.c",      "screen_results.c", "screen_settings.c",
        "screen_demo.c", "screen_demo_tree.c", "screen_teacher.c", "screen_class.c",
        "screen_usb.c", "screen_demo_grouping.c", "screen_demo_reward.c",
        "screen_demo_teach.c", "screen_demo_pixels.c", "screen_demo_fair.c",
        "screen_device_name.c"};
    cJSON *en = table("en");
    int used = 0;
    for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
        char path[512];
        snprintf(path, sizeof path, "%s/engine/screens/%s", AILIT_SOURCE_DIR, files[f]);
        char *data = NULL;
        size_t len = 0;
        AilError err;
        assert_int_equal(ail_file_read(path, 1 << 20, &data, &len, &err), AIL_OK);
        for (char *p = strstr(data, "S(s, \""); p; p = strstr(p + 1, "S(s, \"")) {
            char key[64];
            if (sscanf(p + 6, "%63[a-z_]\"", key) != 1) continue;
            used++;
            if (!cJSON_GetObjectItemCaseSensitive(en, key))
                fail_msg("%s asks for '%s', which no table has", files[f], key);
        }
        free(data);
    }
    assert_true(used > 30);
    cJSON_Delete(en);
}

static void lookups_fall_back_to_english_then_to_the_key(void **state) {
    (void)state;
    assert_string_equal(screens_string("fr", "next"), "Suivant");
    assert_string_equal(screens_string("xx", "next"), "Next");
    assert_string_equal(screens_string("en", "no-such-key"), "no-such-key");
    assert_string_equal(screens_string("zh", "next"), screens_string("zh-Hans", "next"));
    assert_true(screens_lang_rtl("ar"));
    assert_false(screens_lang_rtl("sw"));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_key_exists_in_every_language),
        cmocka_unit_test(placeholders_match_english),
        cmocka_unit_test(every_key_the_screens_use_exists),
        cmocka_unit_test(lookups_fall_back_to_english_then_to_the_key),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
