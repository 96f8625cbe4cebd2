/*
 * What the screens show when the store fails, with a fake session and a fake font:
 * a sentence in the UI language, never the store's English (which goes to the
 * session's log); and the start-up screen, which names the folder, and quits on
 * Escape or its Quit button.
 */
#include "screens/screens.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#define SQLITE_WORDS "database disk image is malformed"

static int fake_width(void *ctx, const char *s, size_t len, int px, bool bold) {
    (void)ctx, (void)s, (void)px, (void)bold;
    return (int)len * 8;
}

static int fake_line(void *ctx, int px) {
    (void)ctx, (void)px;
    return 20;
}

typedef struct {
    int logged;
    char doing[64], message[512];
} FakeLog;

static AilResult no_setting(void *impl, const char *key, char *out, size_t out_size,
                            AilError *err) {
    (void)impl, (void)key, (void)out, (void)out_size;
    return ail_error_set(err, AIL_ERR_NOT_FOUND, "no such setting");
}

static AilResult failing_list(void *impl, SessionLearner **out, size_t *count, AilError *err) {
    (void)impl;
    *out = NULL;
    *count = 0;
    return ail_error_set(err, AIL_ERR_CORRUPT, "listing learners: " SQLITE_WORDS);
}

static void fake_log(void *impl, const char *doing, const AilError *err) {
    FakeLog *l = impl;
    l->logged++;
    snprintf(l->doing, sizeof l->doing, "%s", doing);
    snprintf(l->message, sizeof l->message, "%s", err->message);
}

/* All text drawn in the last frame, joined with spaces. */
static void frame_text(const UiContext *ui, char *out, size_t size) {
    size_t o = 0;
    out[0] = '\0';
    for (size_t i = 0; i < ui->cmd_count && o + 1 < size; i++) {
        const UiCmd *c = &ui->cmds[i];
        if (c->kind != UI_CMD_TEXT) continue;
        int n = snprintf(out + o, size - o, "%.*s ", (int)c->len, c->text);
        if (n < 0) break;
        o += (size_t)n < size - o ? (size_t)n : size - o - 1;
    }
}

static void a_failed_read_shows_a_sentence_and_logs_the_detail(void **state) {
    (void)state;
    FakeLog log = {0};
    AppSession session = {
        .impl = &log, .setting_get = no_setting, .learner_list = failing_list, .log = fake_log};
    Screens *s = screens_create(&session, "fr");
    UiContext ui;
    ui_init(&ui, (UiMeasure){NULL, fake_width, fake_line, NULL});
    screens_frame(s, &ui, 800, 480, NULL);
    assert_string_equal(screens_last_error(s), screens_string("fr", "not_read"));
    assert_null(strstr(screens_last_error(s), "malformed"));
    assert_int_equal(log.logged, 1);
    assert_non_null(strstr(log.message, SQLITE_WORDS));
    char text[8000];
    frame_text(&ui, text, sizeof text);
    assert_null(strstr(text, "malformed"));
    ui_free(&ui);
    screens_destroy(s);
}

static void the_startup_screen_names_the_folder_and_quits_on_escape(void **state) {
    (void)state;
    ScreensStartup why = {.problem = SCREENS_STARTUP_FOLDER_READ_ONLY};
    snprintf(why.folder, sizeof why.folder, "/media/ro-stick/ailit");
    snprintf(why.file, sizeof why.file, "/media/ro-stick/ailit");
    Screens *s = screens_create_startup(&why, "sw");
    UiContext ui;
    ui_init(&ui, (UiMeasure){NULL, fake_width, fake_line, NULL});
    screens_frame(s, &ui, 800, 480, NULL);
    assert_string_equal(screens_current(s), "startup-error");
    char text[8000];
    frame_text(&ui, text, sizeof text);
    assert_non_null(strstr(text, "/media/ro-stick/ailit"));
    assert_non_null(strstr(text, screens_string("sw", "startup_quit")));
    assert_false(screens_take_quit(s));
    UiInput in = {.key = UI_KEY_ESCAPE};
    screens_frame(s, &ui, 800, 480, &in);
    assert_true(screens_take_quit(s));
    assert_false(screens_take_quit(s)); /* once */
    ui_free(&ui);
    screens_destroy(s);
}

static void the_startup_screen_never_calls_an_unreadable_store_damaged(void **state) {
    (void)state;
    static const ScreensStartupProblem not_damage[] = {SCREENS_STARTUP_BUSY,
                                                       SCREENS_STARTUP_NO_FOLDER,
                                                       SCREENS_STARTUP_FOLDER_READ_ONLY,
                                                       SCREENS_STARTUP_FILE_READ_ONLY,
                                                       SCREENS_STARTUP_FILE_UNREADABLE,
                                                       SCREENS_STARTUP_DISK_FULL};
    for (size_t i = 0; i < sizeof not_damage / sizeof not_damage[0]; i++) {
        ScreensStartup why = {.problem = not_damage[i]};
        snprintf(why.file, sizeof why.file, "/data/progress.db");
        snprintf(why.folder, sizeof why.folder, "/data");
        Screens *s = screens_create_startup(&why, "en");
        UiContext ui;
        ui_init(&ui, (UiMeasure){NULL, fake_width, fake_line, NULL});
        screens_frame(s, &ui, 800, 480, NULL);
        char text[8000];
        frame_text(&ui, text, sizeof text);
        assert_null(strstr(text, "damaged"));
        assert_non_null(strstr(text, "/data"));
        ui_free(&ui);
        screens_destroy(s);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_failed_read_shows_a_sentence_and_logs_the_detail),
        cmocka_unit_test(the_startup_screen_names_the_folder_and_quits_on_escape),
        cmocka_unit_test(the_startup_screen_never_calls_an_unreadable_store_damaged),
    };
    return cmocka_run_group_tests_name("screen_errors", tests, NULL, NULL);
}
