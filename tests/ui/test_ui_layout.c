/*
 * ui/ without SDL: line breaking, right-to-left mirroring, focus and keyboard
 * order, clicks and taps, text fields and scrolling, measured by a fake font where
 * every character is 10 pixels wide (CJK 20) and a line is 20 pixels high.
 */
#include "ui/ui.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

static int fake_width(void *ctx, const char *s, size_t len, int px, bool bold) {
    (void)ctx, (void)px, (void)bold;
    const char *p = s, *end = s + len;
    int w = 0;
    while (p < end) {
        uint32_t cp = ail_utf8_next(&p, end);
        w += cp >= 0x2E80 ? 20 : 10;
    }
    return w;
}

static int fake_line(void *ctx, int px) {
    (void)ctx, (void)px;
    return 20;
}

static UiMeasure fake(void) {
    UiMeasure m = {NULL, fake_width, fake_line, NULL};
    return m;
}

typedef struct {
    char lines[16][128];
    size_t count;
} Lines;

static void collect(void *user, const char *start, size_t len) {
    Lines *l = user;
    if (l->count < 16) snprintf(l->lines[l->count++], 128, "%.*s", (int)len, start);
}

static Lines wrap(const char *text, int width) {
    Lines l = {0};
    UiMeasure m = fake();
    ui_wrap(&m, text, strlen(text), width, 20, false, collect, &l);
    return l;
}

static void wrap_breaks_at_spaces_and_drops_trailing_ones(void **state) {
    (void)state;
    Lines l = wrap("one two three four", 90); /* 9 characters a line */
    assert_int_equal(l.count, 3);
    assert_string_equal(l.lines[0], "one two");
    assert_string_equal(l.lines[1], "three");
    assert_string_equal(l.lines[2], "four");
}

static void wrap_keeps_a_line_that_fits_whole(void **state) {
    (void)state;
    Lines l = wrap("École naïve", 200);
    assert_int_equal(l.count, 1);
    assert_string_equal(l.lines[0], "École naïve");
}

static void wrap_breaks_chinese_between_characters(void **state) {
    (void)state;
    Lines l = wrap("人工智能是一种程序", 80); /* 4 characters a line */
    assert_int_equal(l.count, 3);
    assert_string_equal(l.lines[0], "人工智能");
    assert_string_equal(l.lines[1], "是一种程");
    assert_string_equal(l.lines[2], "序");
}

static void wrap_never_starts_a_line_with_closing_punctuation(void **state) {
    (void)state;
    Lines l = wrap("你好世界。再见", 80);
    /* "你好世界" fills a line, but "。" may not start the next: "界。" move together. */
    assert_string_equal(l.lines[0], "你好世");
    assert_string_equal(l.lines[1], "界。再见");
}

static void wrap_honours_newlines_and_empty_lines(void **state) {
    (void)state;
    Lines l = wrap("a\n\nb", 100);
    assert_int_equal(l.count, 3);
    assert_string_equal(l.lines[0], "a");
    assert_string_equal(l.lines[1], "");
    assert_string_equal(l.lines[2], "b");
}

static void wrap_cuts_a_word_longer_than_the_line(void **state) {
    (void)state;
    Lines l = wrap("abcdefghij xy", 40);
    assert_string_equal(l.lines[0], "abcd");
    assert_string_equal(l.lines[1], "efgh");
    assert_string_equal(l.lines[2], "ij");
    assert_string_equal(l.lines[3], "xy");
}

static void wrap_mixes_latin_and_chinese(void **state) {
    (void)state;
    Lines l = wrap("AI是人工智能", 60);
    assert_string_equal(l.lines[0], "AI是人");
    assert_string_equal(l.lines[1], "工智能");
}

/* ---- The context ---- */

static UiContext ctx;

static int setup(void **state) {
    (void)state;
    ui_init(&ctx, fake());
    return 0;
}

static int teardown(void **state) {
    (void)state;
    ui_free(&ctx);
    return 0;
}

static void frame_with(const UiInput *in, bool rtl, bool *hits, int n) {
    ui_begin(&ctx, 800, 480, 1, rtl, in);
    for (int i = 0; i < n; i++) {
        bool hit = ui_button(&ctx, ui_id("b", i), (UiRect){20, 20 + i * 60, 200, 50}, "Button",
                             UI_BUTTON_NORMAL);
        if (hits) hits[i] = hit;
    }
    ui_end(&ctx);
}

static void rtl_mirrors_rectangles_and_text_alignment(void **state) {
    (void)state;
    ui_begin(&ctx, 800, 480, 1, true, NULL);
    ui_fill(&ctx, (UiRect){20, 10, 100, 30}, (UiColor){1, 2, 3, 255});
    ui_text(&ctx, (UiRect){20, 50, 300, 0}, "hello", (UiTextStyle){0}, true);
    ui_end(&ctx);
    assert_int_equal(ctx.cmds[0].kind, UI_CMD_RECT);
    assert_int_equal(ctx.cmds[0].rect.x, 800 - 20 - 100);
    assert_int_equal(ctx.cmds[1].kind, UI_CMD_TEXT);
    assert_int_equal(ctx.cmds[1].rect.x, 800 - 20 - 300);
    assert_int_equal(ctx.cmds[1].align, UI_ALIGN_END);
    assert_true(ctx.cmds[1].rtl);
}

static void ltr_keeps_rectangles_and_starts_text_left(void **state) {
    (void)state;
    ui_begin(&ctx, 800, 480, 1, false, NULL);
    ui_text(&ctx, (UiRect){20, 50, 300, 0}, "hello", (UiTextStyle){0}, true);
    ui_end(&ctx);
    assert_int_equal(ctx.cmds[0].rect.x, 20);
    assert_int_equal(ctx.cmds[0].align, UI_ALIGN_START);
}

static void a_click_is_a_press_and_release_on_the_same_widget(void **state) {
    (void)state;
    bool hits[3];
    UiInput down = {.mouse_x = 50, .mouse_y = 90, .mouse_pressed = true};
    UiInput up = {.mouse_x = 50, .mouse_y = 90, .mouse_released = true};
    frame_with(&down, false, hits, 3);
    assert_false(hits[1]);
    frame_with(&up, false, hits, 3);
    assert_false(hits[0]);
    assert_true(hits[1]);
    assert_int_equal(ctx.focus_id, ui_id("b", 1));
    /* Released elsewhere: no click. */
    UiInput up_elsewhere = {.mouse_x = 50, .mouse_y = 30, .mouse_released = true};
    frame_with(&down, false, hits, 3);
    frame_with(&up_elsewhere, false, hits, 3);
    assert_false(hits[0] || hits[1] || hits[2]);
}

static void clicks_hit_the_mirrored_widget_in_rtl(void **state) {
    (void)state;
    bool hits[1];
    UiInput down = {.mouse_x = 700, .mouse_y = 40, .mouse_pressed = true};
    UiInput up = {.mouse_x = 700, .mouse_y = 40, .mouse_released = true};
    frame_with(&down, true, hits, 1);
    frame_with(&up, true, hits, 1);
    assert_true(hits[0]);
}

static void tab_and_arrows_move_the_focus_in_order_and_wrap(void **state) {
    (void)state;
    UiInput tab = {.key = UI_KEY_TAB};
    UiInput back = {.key = UI_KEY_BACKTAB};
    UiInput down = {.key = UI_KEY_DOWN};
    frame_with(NULL, false, NULL, 3); /* focus defaults to the first widget */
    assert_int_equal(ctx.focus_id, ui_id("b", 0));
    frame_with(&tab, false, NULL, 3);
    assert_int_equal(ctx.focus_id, ui_id("b", 1));
    frame_with(&down, false, NULL, 3);
    assert_int_equal(ctx.focus_id, ui_id("b", 2));
    frame_with(&tab, false, NULL, 3);
    assert_int_equal(ctx.focus_id, ui_id("b", 0));
    frame_with(&back, false, NULL, 3);
    assert_int_equal(ctx.focus_id, ui_id("b", 2));
}

static void left_and_right_swap_in_rtl(void **state) {
    (void)state;
    UiInput left = {.key = UI_KEY_LEFT};
    ui_focus(&ctx, ui_id("b", 0));
    frame_with(&left, true, NULL, 3);
    assert_int_equal(ctx.focus_id, ui_id("b", 1));
    frame_with(&left, false, NULL, 3);
    assert_int_equal(ctx.focus_id, ui_id("b", 0));
}

static void enter_activates_the_focused_widget_and_draws_a_ring(void **state) {
    (void)state;
    bool hits[3];
    ui_focus(&ctx, ui_id("b", 2));
    UiInput enter = {.key = UI_KEY_ENTER};
    frame_with(&enter, false, hits, 3);
    assert_false(hits[0] || hits[1]);
    assert_true(hits[2]);
    const UiCmd *last = &ctx.cmds[ctx.cmd_count - 1];
    assert_int_equal(last->kind, UI_CMD_FRAME);
    assert_true(last->rect.y < 20 + 2 * 60 && last->rect.y + last->rect.h > 20 + 2 * 60 + 50);
}

static void the_ring_hides_after_a_mouse_click(void **state) {
    (void)state;
    UiInput tab = {.key = UI_KEY_TAB};
    frame_with(&tab, false, NULL, 2);
    assert_true(ctx.focus_visible);
    UiInput down = {.mouse_x = 50, .mouse_y = 30, .mouse_pressed = true};
    frame_with(&down, false, NULL, 2);
    assert_false(ctx.focus_visible);
}

static void a_text_field_takes_typing_and_backspace(void **state) {
    (void)state;
    AilBuf value;
    ail_buf_init(&value);
    uint32_t id = ui_id("field", 0);
    ui_focus(&ctx, id);
    const char *typed[] = {"N", "a", "é"};
    for (int i = 0; i < 3; i++) {
        UiInput in = {0};
        snprintf(in.text, sizeof in.text, "%s", typed[i]);
        ui_begin(&ctx, 800, 480, 1, false, &in);
        ui_text_field(&ctx, id, (UiRect){10, 10, 300, 40}, &value, "name");
        ui_end(&ctx);
    }
    assert_string_equal(value.data, "Naé");
    assert_true(ctx.wants_text);
    UiInput bs = {.key = UI_KEY_BACKSPACE};
    ui_begin(&ctx, 800, 480, 1, false, &bs);
    ui_text_field(&ctx, id, (UiRect){10, 10, 300, 40}, &value, "name");
    ui_end(&ctx);
    assert_string_equal(value.data, "Na");
    UiInput enter = {.key = UI_KEY_ENTER};
    ui_begin(&ctx, 800, 480, 1, false, &enter);
    assert_true(ui_text_field(&ctx, id, (UiRect){10, 10, 300, 40}, &value, "name"));
    ui_end(&ctx);
    ail_buf_free(&value);
}

static void a_pin_field_takes_only_digits_and_never_draws_them(void **state) {
    (void)state;
    AilBuf value;
    ail_buf_init(&value);
    uint32_t id = ui_id("pin", 0);
    ui_focus(&ctx, id);
    const char *typed[] = {"4", "x", "8", "٣", "0", "9", "1", "3", "5"};
    for (int i = 0; i < 9; i++) {
        UiInput in = {0};
        snprintf(in.text, sizeof in.text, "%s", typed[i]);
        ui_begin(&ctx, 800, 480, 1, false, &in);
        ui_pin_field(&ctx, id, (UiRect){10, 10, 300, 40}, &value, 6, "PIN");
        ui_end(&ctx);
    }
    assert_string_equal(value.data, "480913"); /* ASCII digits only, at most 6 */
    assert_true(ctx.wants_text);
    for (size_t i = 0; i < ctx.cmd_count; i++) assert_int_not_equal(ctx.cmds[i].kind, UI_CMD_TEXT);
    UiInput bs = {.key = UI_KEY_BACKSPACE};
    ui_begin(&ctx, 800, 480, 1, false, &bs);
    ui_pin_field(&ctx, id, (UiRect){10, 10, 300, 40}, &value, 6, "PIN");
    ui_end(&ctx);
    assert_string_equal(value.data, "48091");
    UiInput enter = {.key = UI_KEY_ENTER};
    ui_begin(&ctx, 800, 480, 1, false, &enter);
    assert_true(ui_pin_field(&ctx, id, (UiRect){10, 10, 300, 40}, &value, 6, "PIN"));
    ui_end(&ctx);
    ail_buf_free(&value);
}

static void ltr_text_keeps_its_direction_in_a_mirrored_layout(void **state) {
    (void)state;
    ui_begin(&ctx, 800, 480, 1, true, NULL);
    ui_text(&ctx, (UiRect){20, 50, 300, 0}, "pack/pack.json:4:14", (UiTextStyle){.ltr = true},
            true);
    ui_end(&ctx);
    assert_int_equal(ctx.cmds[0].rect.x, 800 - 20 - 300); /* the box mirrors */
    assert_false(ctx.cmds[0].rtl);                        /* the text does not */
    assert_int_equal(ctx.cmds[0].align, UI_ALIGN_START);
}

static int scrolled_frame(const UiInput *in, int *content_top) {
    ui_begin(&ctx, 800, 480, 1, false, in);
    int off = ui_scroll_begin(&ctx, (UiRect){0, 100, 800, 300}, ui_id("scroll-test", 0));
    for (int i = 0; i < 10; i++)
        ui_button(&ctx, ui_id("row", i), (UiRect){10, 100 + i * 100 - off, 300, 80}, "row",
                  UI_BUTTON_NORMAL);
    ui_scroll_end(&ctx, 1000);
    ui_end(&ctx);
    if (content_top) *content_top = 100 - off;
    return off;
}

static void scrolling_clamps_and_follows_the_keyboard_focus(void **state) {
    (void)state;
    scrolled_frame(NULL, NULL);
    UiInput wheel = {.mouse_x = 50, .mouse_y = 200, .wheel = -100};
    scrolled_frame(&wheel, NULL);
    assert_int_equal(scrolled_frame(NULL, NULL), 700); /* 1000 of content in a 300 view */
    UiInput home = {.key = UI_KEY_HOME};
    scrolled_frame(&home, NULL);
    assert_int_equal(scrolled_frame(NULL, NULL), 0); /* the first row is in view again */
    UiInput end = {.key = UI_KEY_END};
    scrolled_frame(&end, NULL);
    int off = scrolled_frame(NULL, NULL);
    assert_true(off > 500);
    /* A row clipped out of the view cannot be clicked. */
    UiInput down = {.mouse_x = 50, .mouse_y = 50, .mouse_pressed = true};
    scrolled_frame(&down, NULL);
    assert_int_equal(ctx.pressed_id, 0);
}

static void text_sizes_and_window_size_scale_the_layout(void **state) {
    (void)state;
    ui_begin(&ctx, 800, 480, 0, false, NULL);
    int small = ctx.text_px;
    ui_begin(&ctx, 800, 480, 2, false, NULL);
    int large = ctx.text_px;
    ui_begin(&ctx, 1920, 1080, 1, false, NULL);
    int big_window = ui_px(&ctx, 100);
    ui_end(&ctx);
    assert_true(small < large);
    assert_int_equal(big_window, 225);
}

static void spans_draw_bold_runs_as_their_own_commands(void **state) {
    (void)state;
    const UiSpan spans[] = {
        {"Plain ", 6, false, false}, {"bold", 4, true, false}, {" end.", 5, false, false}};
    ui_begin(&ctx, 800, 480, 1, false, NULL);
    int h = ui_spans(&ctx, 0, 0, 700, spans, 3, (UiTextStyle){0}, true);
    ui_end(&ctx);
    int texts = 0, bold = 0;
    for (size_t i = 0; i < ctx.cmd_count; i++)
        if (ctx.cmds[i].kind == UI_CMD_TEXT) {
            texts++;
            if (ctx.cmds[i].bold) {
                bold++;
                assert_memory_equal(ctx.cmds[i].text, "bold", 4);
            }
        }
    assert_int_equal(texts, 3); /* "Plain ", "bold", " end." on one line */
    assert_int_equal(bold, 1);
    assert_int_equal(h, 20);
}

static void spans_wrap_across_weights(void **state) {
    (void)state;
    const UiSpan spans[] = {
        {"aaaa ", 5, false, false}, {"bbbb", 4, true, false}, {" cccc", 5, false, false}};
    ui_begin(&ctx, 800, 480, 1, false, NULL);
    int h = ui_spans(&ctx, 0, 0, 100, spans, 3, (UiTextStyle){0},
                     true); /* 9 characters a line, less slack */
    ui_end(&ctx);
    assert_int_equal(h, 40);
}

/* The word being read aloud: its own text command, on a rectangle of the highlight
 * colour exactly behind it, at the start edge's side in either direction. */
static void a_highlighted_span_is_drawn_on_the_highlight_colour(void **state) {
    (void)state;
    const UiSpan spans[] = {
        {"One ", 4, false, false}, {"two", 3, false, true}, {" three.", 7, false, false}};
    ctx.theme = ui_theme_default();
    for (int rtl = 0; rtl < 2; rtl++) {
        ui_begin(&ctx, 800, 480, 1, rtl, NULL);
        ui_spans(&ctx, 0, 0, 700, spans, 3, (UiTextStyle){0}, true);
        ui_end(&ctx);
        const UiCmd *rect = NULL, *word = NULL;
        for (size_t i = 0; i + 1 < ctx.cmd_count; i++)
            if (ctx.cmds[i].kind == UI_CMD_RECT &&
                ctx.cmds[i].color.r == ctx.theme.highlight.r &&
                ctx.cmds[i].color.b == ctx.theme.highlight.b) {
                rect = &ctx.cmds[i];
                word = &ctx.cmds[i + 1];
            }
        assert_non_null(rect);
        assert_int_equal(word->kind, UI_CMD_TEXT);
        assert_memory_equal(word->text, "two", 3);
        assert_int_equal(rect->rect.x, word->rect.x);
        assert_int_equal(rect->rect.w, word->rect.w);
        /* "One " comes first: left of "two" left to right, right of it right to left. */
        if (rtl)
            assert_true(word->rect.x < 800 - 40);
        else
            assert_int_equal(word->rect.x, 40);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(a_highlighted_span_is_drawn_on_the_highlight_colour, setup,
                                        teardown),
        cmocka_unit_test(wrap_breaks_at_spaces_and_drops_trailing_ones),
        cmocka_unit_test(wrap_keeps_a_line_that_fits_whole),
        cmocka_unit_test(wrap_breaks_chinese_between_characters),
        cmocka_unit_test(wrap_never_starts_a_line_with_closing_punctuation),
        cmocka_unit_test(wrap_honours_newlines_and_empty_lines),
        cmocka_unit_test(wrap_cuts_a_word_longer_than_the_line),
        cmocka_unit_test(wrap_mixes_latin_and_chinese),
        cmocka_unit_test_setup_teardown(rtl_mirrors_rectangles_and_text_alignment, setup, teardown),
        cmocka_unit_test_setup_teardown(ltr_keeps_rectangles_and_starts_text_left, setup, teardown),
        cmocka_unit_test_setup_teardown(a_click_is_a_press_and_release_on_the_same_widget, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(clicks_hit_the_mirrored_widget_in_rtl, setup, teardown),
        cmocka_unit_test_setup_teardown(tab_and_arrows_move_the_focus_in_order_and_wrap, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(left_and_right_swap_in_rtl, setup, teardown),
        cmocka_unit_test_setup_teardown(enter_activates_the_focused_widget_and_draws_a_ring, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(the_ring_hides_after_a_mouse_click, setup, teardown),
        cmocka_unit_test_setup_teardown(a_text_field_takes_typing_and_backspace, setup, teardown),
        cmocka_unit_test_setup_teardown(a_pin_field_takes_only_digits_and_never_draws_them, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(ltr_text_keeps_its_direction_in_a_mirrored_layout, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(scrolling_clamps_and_follows_the_keyboard_focus, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(text_sizes_and_window_size_scale_the_layout, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(spans_draw_bold_runs_as_their_own_commands, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(spans_wrap_across_weights, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
