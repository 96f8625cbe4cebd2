/*
 * text/ with the real fonts: runs in visual order for Arabic with numbers and Latin
 * words, the font chosen per script, Chinese measured, surfaces as wide as measured,
 * and no character of any bundled text (course packs and UI strings) without a glyph.
 */
#include "screens/screens.h"
#include "text/text.h"
#include "ui/ui.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <cjson/cJSON.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static TextSystem *ts;

/* Opens the real fonts into ts; -1 (with the reason on stderr) when they cannot be. */
static int open_fonts(void) {
    AilError err;
    if (SDL_Init(0) != 0) return -1;
    if (text_open(AILIT_SOURCE_DIR "/fonts", &ts, &err) != AIL_OK) {
        fprintf(stderr, "%s\n", err.message);
        return -1;
    }
    return 0;
}

static int teardown(void **state) {
    (void)state;
    text_close(ts);
    SDL_Quit();
    return 0;
}

static size_t runs_of(const char *s, bool rtl, TextRun *runs, size_t max) {
    return text_layout_runs(ts, s, strlen(s), 24, false, rtl, runs, max);
}

static void arabic_reads_right_to_left_with_numbers_left_to_right(void **state) {
    (void)state;
    /* "in the year 2024 the plan" : Arabic, a number, Arabic. */
    const char *s = "في عام 2024 الخطة";
    TextRun r[8];
    size_t n = runs_of(s, true, r, 8);
    assert_int_equal(n, 3);
    /* Visual order, left to right: the last words first, then the number, then the
     * first words at the right edge. */
    assert_string_equal(r[0].script, "arabic");
    assert_true(r[0].rtl);
    assert_memory_equal(s + r[0].start, " الخطة", strlen(" الخطة"));
    assert_string_equal(r[1].script, "latin");
    assert_false(r[1].rtl);
    assert_memory_equal(s + r[1].start, "2024", 4);
    assert_true(r[2].rtl);
    assert_memory_equal(s + r[2].start, "في عام ", strlen("في عام "));
    assert_true(r[0].x < r[1].x && r[1].x < r[2].x);
}

static void a_latin_word_inside_arabic_keeps_its_letter_order(void **state) {
    (void)state;
    const char *s = "تعلّم AI اليوم";
    TextRun r[8];
    size_t n = runs_of(s, true, r, 8);
    assert_int_equal(n, 3);
    assert_memory_equal(s + r[1].start, "AI", 2);
    assert_false(r[1].rtl);
    assert_string_equal(r[1].script, "latin");
    /* "today" is at the left, "learn" at the right. */
    assert_memory_equal(s + r[0].start, " اليوم", strlen(" اليوم"));
}

static void latin_text_is_one_run_left_to_right(void **state) {
    (void)state;
    TextRun r[4];
    size_t n = runs_of("École naïve, façade", false, r, 4);
    assert_int_equal(n, 1);
    assert_false(r[0].rtl);
    assert_string_equal(r[0].script, "latin");
}

static void chinese_uses_the_han_font_and_latin_keeps_its_own(void **state) {
    (void)state;
    const char *s = "人工智能AI";
    TextRun r[4];
    size_t n = runs_of(s, false, r, 4);
    assert_int_equal(n, 2);
    assert_string_equal(r[0].script, "han");
    assert_string_equal(r[1].script, "latin");
    assert_true(text_width(ts, "人工智能", strlen("人工智能"), 24, false) > 4 * 18);
}

static void shaping_joins_arabic_letters(void **state) {
    (void)state;
    /* Joined, "سلام" is narrower than its four letters drawn apart. */
    int joined = text_width(ts, "سلام", strlen("سلام"), 32, false);
    int apart = text_width(ts, "س ل ا م", strlen("س ل ا م"), 32, false) -
                3 * text_width(ts, " ", 1, 32, false);
    assert_true(joined > 0);
    assert_true(joined < apart);
}

static void a_rendered_line_is_as_wide_as_measured(void **state) {
    (void)state;
    const char *s = "مرحبا 2024 hello";
    SDL_Color c = {0, 0, 0, 255};
    SDL_Surface *surf = text_render_line(ts, s, strlen(s), 20, true, c, true);
    assert_non_null(surf);
    assert_int_equal(surf->w, text_width(ts, s, strlen(s), 20, true) + 2);
    assert_true(surf->h >= text_line_height(ts, 20));
    SDL_FreeSurface(surf);
}

/* ---- No missing glyphs anywhere ---- */

static int missing_count;

/* Empty text, text of only spaces and a line of 40,000 spaces or digits between two
 * letters of different scripts: laid out in a few runs that cover every byte. (Each
 * space once looked for its nearest letters on both sides, so such a line took
 * seconds; how long it takes now is a figure for tests/bench/bench_text.c, not an
 * assertion here: timed assertions flake on a loaded machine.) */
static void lines_of_spaces_and_digits_between_two_scripts_lay_out_in_a_few_runs(void **state) {
    (void)state;
    TextRun r[4];
    assert_int_equal(text_layout_runs(ts, "", 0, 24, false, false, r, 4), 0);
    assert_int_equal(text_width(ts, "", 0, 24, false), 0);
    assert_null(text_render_line(ts, "", 0, 24, false, (SDL_Color){0, 0, 0, 255}, true));
    assert_int_equal(runs_of("   ", true, r, 4), 1);
    assert_int_equal(r[0].len, 3);
    const size_t n = 40000;
    const char *fill[] = {" ", "7"};
    for (int k = 0; k < 2; k++) {
        char *s = malloc(n + 8);
        size_t len = 0;
        s[len++] = 'a';
        for (size_t i = 0; i < n; i++) s[len++] = fill[k][0];
        memcpy(s + len, "\xD8\xA8", 2); /* ب */
        len += 2;
        s[len] = '\0';
        TextRun runs[8];
        size_t count = text_layout_runs(ts, s, len, 24, false, true, runs, 8);
        SDL_Surface *line =
            text_render_line(ts, s, len, 24, false, (SDL_Color){0, 0, 0, 255}, true);
        assert_true(count >= 2 && count <= 8);
        size_t covered = 0;
        for (size_t i = 0; i < count; i++) covered += runs[i].len;
        assert_int_equal(covered, len);
        if (line) SDL_FreeSurface(line);
        free(s);
    }
}

static void check_string(const char *where, const char *s) {
    uint32_t cp = text_find_missing_glyph(ts, s, strlen(s));
    if (cp) {
        fprintf(stderr, "%s: no font has U+%04X in \"%s\"\n", where, (unsigned)cp, s);
        missing_count++;
    }
}

static void check_json(const char *where, const cJSON *j) {
    if (cJSON_IsString(j)) check_string(where, j->valuestring);
    const cJSON *child;
    cJSON_ArrayForEach(child, j) check_json(where, child);
}

static void check_file(const char *path) {
    char *data = NULL;
    size_t len = 0;
    AilError err;
    if (ail_file_read(path, 8u << 20, &data, &len, &err) != AIL_OK) return;
    cJSON *j = cJSON_Parse(data);
    free(data);
    check_json(path, j);
    cJSON_Delete(j);
}

static void walk(const char *dir, int depth) {
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        size_t n = strlen(e->d_name);
        if (n > 5 && strcmp(e->d_name + n - 5, ".json") == 0)
            check_file(path);
        else if (depth < 3 && strcmp(e->d_name, "schema") != 0 && strcmp(e->d_name, "media") != 0)
            walk(path, depth + 1);
    }
    if (d) closedir(d);
}

static int real_width(void *ctx, const char *s, size_t len, int px, bool bold) {
    (void)ctx;
    return text_width(ts, s, len, px, bold);
}

static int real_line_height(void *ctx, int px) {
    (void)ctx;
    return text_line_height(ts, px);
}

/* A paragraph of regular and bold spans, laid out by ui/ with the real fonts: each
 * run is drawn shaped whole, so its box must hold it whole, and two boxes on a line
 * never overlap (a long Arabic run once spilled over the bold word beside it, and the
 * space before a bold word vanished). */
static void mixed_bold_runs_get_boxes_as_wide_as_their_shaped_text(void **state) {
    (void)state;
    static const char regular[] = "سطر طويل جدا جدا جدا جدا جدا جدا جدا جدا جدا جدا جدا جدا كل إجراء هو ";
    static const char bold[] = "عرض من الصين";
    static const char tail[] = ". تقول الخطة";
    UiSpan spans[3] = {{regular, strlen(regular), false, false},
                       {bold, strlen(bold), true, false},
                       {tail, strlen(tail), false, false}};
    UiContext ui;
    ui_init(&ui, (UiMeasure){NULL, real_width, real_line_height, NULL});
    UiInput in = {0};
    ui_begin(&ui, 800, 480, 1, true, &in);
    ui_spans(&ui, 20, 100, 760, spans, 3, (UiTextStyle){.color = {0, 0, 0, 255}}, true);
    size_t texts = 0;
    for (size_t i = 0; i < ui.cmd_count; i++) {
        const UiCmd *c = &ui.cmds[i];
        if (c->kind != UI_CMD_TEXT) continue;
        texts++;
        assert_true(c->rect.w >= text_width(ts, c->text, c->len, c->px, c->bold));
        for (size_t j = i + 1; j < ui.cmd_count; j++) {
            const UiCmd *d = &ui.cmds[j];
            if (d->kind != UI_CMD_TEXT || d->rect.y != c->rect.y) continue;
            assert_true(c->rect.x + c->rect.w <= d->rect.x || d->rect.x + d->rect.w <= c->rect.x);
        }
    }
    assert_true(texts >= 3);
    ui_free(&ui);
}

static void every_bundled_text_has_its_glyphs(void **state) {
    (void)state;
    missing_count = 0;
    walk(AILIT_SOURCE_DIR "/courses", 0);
    for (int i = 0; i < SCREENS_LANGUAGE_COUNT; i++) {
        cJSON *t = cJSON_Parse(screens_strings_json(SCREENS_LANGUAGES[i]));
        check_json(SCREENS_LANGUAGES[i], t);
        cJSON_Delete(t);
    }
    check_string("order buttons", "▲▼");
    check_string("separators", "— · → ← × …");
    assert_int_equal(missing_count, 0);
}

int main(void) {
    /* Without the fonts nothing here can run: skipped (77), neither failed nor passed. */
    if (open_fonts() != 0) {
        printf("test_text: skipped: the fonts in " AILIT_SOURCE_DIR "/fonts cannot be opened "
               "(run fonts/fetch-fonts.sh, or packaging/setup.sh)\n");
        return 77;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(arabic_reads_right_to_left_with_numbers_left_to_right),
        cmocka_unit_test(a_latin_word_inside_arabic_keeps_its_letter_order),
        cmocka_unit_test(latin_text_is_one_run_left_to_right),
        cmocka_unit_test(chinese_uses_the_han_font_and_latin_keeps_its_own),
        cmocka_unit_test(shaping_joins_arabic_letters),
        cmocka_unit_test(a_rendered_line_is_as_wide_as_measured),
        cmocka_unit_test(lines_of_spaces_and_digits_between_two_scripts_lay_out_in_a_few_runs),
        cmocka_unit_test(mixed_bold_runs_get_boxes_as_wide_as_their_shaped_text),
        cmocka_unit_test(every_bundled_text_has_its_glyphs),
    };
    return cmocka_run_group_tests(tests, NULL, teardown);
}
