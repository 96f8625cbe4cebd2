/*
 * Settings, reachable from every screen's bar: the UI language (each named in its own
 * language), the text size, the colours and reading aloud (on or off, speed, whether
 * each page is read when it opens). Saved as device settings at once.
 */
#include "screens/screens_internal.h"

#include <stdio.h>
#include <string.h>

static void save(Screens *s, const char *key, const char *value) {
    AilError err;
    if (s->session->setting_set(s->session->impl, key, value, &err) != AIL_OK)
        screens_fail(s, &err);
}

/* A row of two choices, the chosen one shown selected; returns the one pressed or -1. */
static int pair_row(Screens *s, UiContext *ui, const char *name, int x, int y, int w, int bh,
                    const char *a, const char *b, int chosen) {
    int gap = ui_px(ui, 10), cw = (w - gap) / 2, pressed = -1;
    for (int i = 0; i < 2; i++)
        if (ui_button(ui, ui_id(name, i), (UiRect){x + i * (cw + gap), y, cw, bh}, S(s, i ? b : a),
                      i == chosen ? UI_BUTTON_SELECTED : UI_BUTTON_NORMAL))
            pressed = i;
    return pressed;
}

/* Reading aloud: on or off, the speed, and reading each page as it opens. */
static int speech_settings(Screens *s, UiContext *ui, int x, int y, int w, int bh) {
    int gap = ui_px(ui, 10), y0 = y;
    UiTextStyle hs = {.bold = true, .color = ui->theme.text};
    y += ui_text(ui, (UiRect){x, y, w, 0}, S(s, "speech"), hs, true) + gap;
    int i = pair_row(s, ui, "speech", x, y, w, bh, "speech_on", "speech_off", s->speech_on ? 0 : 1);
    if (i >= 0) {
        s->speech_on = i == 0;
        if (!s->speech_on) screens_speech_stop(s);
        save(s, "speech", i ? "off" : "on");
    }
    y += bh + gap;
    if (!s->speech_on) return y - y0 + gap;
    i = pair_row(s, ui, "speech-speed", x, y, w, bh, "speech_normal", "speech_slower",
                 s->speech_slower ? 1 : 0);
    if (i >= 0) {
        s->speech_slower = i == 1;
        save(s, "speech_speed", i ? "slower" : "normal");
    }
    y += bh + gap;
    i = pair_row(s, ui, "speech-auto", x, y, w, bh, "speech_manual", "speech_auto",
                 s->speech_auto ? 1 : 0);
    if (i >= 0) {
        s->speech_auto = i == 1;
        save(s, "speech_auto", i ? "on" : "off");
    }
    y += bh + gap;
    return y - y0 + gap;
}

void screen_settings(Screens *s, UiContext *ui) {
    if (s->entered) {
        s->entered = false;
        int current = 0;
        for (int i = 0; i < SCREENS_LANGUAGE_COUNT; i++)
            if (strcmp(SCREENS_LANGUAGES[i], s->lang) == 0) current = i;
        ui_focus(ui, ui_id("lang", current));
    }
    UiRect area;
    bool back = screens_top_bar(s, ui, S(s, "settings"), true, &area);
    area.h -= screens_error_band(s, ui, area);
    const UiTheme *t = &ui->theme;
    int margin = ui_px(ui, 20), gap = ui_px(ui, 10);
    int w = area.w - 2 * margin;
    if (w > ui_px(ui, 760)) w = ui_px(ui, 760);
    int x = area.x + (area.w - w) / 2;
    int off = ui_scroll_begin(ui, area, ui_id("screen-settings", 0));
    int y = area.y + margin - off;
    UiTextStyle hs = {.bold = true, .color = t->text};
    int bh = ui_px(ui, 50);

    y += ui_text(ui, (UiRect){x, y, w, 0}, S(s, "language"), hs, true) + gap;
    int cols = w >= ui_px(ui, 600) ? 5 : 3;
    int bw = (w - (cols - 1) * gap) / cols;
    for (int i = 0; i < SCREENS_LANGUAGE_COUNT; i++) {
        const char *code = SCREENS_LANGUAGES[i];
        UiRect r = {x + (i % cols) * (bw + gap), y + (i / cols) * (bh + gap), bw, bh};
        bool on = strcmp(code, s->lang) == 0;
        if (ui_button(ui, ui_id("lang", i), r, screens_string(code, "language_name"),
                      on ? UI_BUTTON_SELECTED : UI_BUTTON_NORMAL)) {
            snprintf(s->lang, sizeof s->lang, "%s", code);
            save(s, "lang", code);
        }
    }
    y += ((SCREENS_LANGUAGE_COUNT + cols - 1) / cols) * (bh + gap) + gap;

    y += ui_text(ui, (UiRect){x, y, w, 0}, S(s, "text_size"), hs, true) + gap;
    static const char *const sizes[3] = {"size_small", "size_medium", "size_large"};
    int sw = (w - 2 * gap) / 3;
    for (int i = 0; i < 3; i++) {
        UiRect r = {x + i * (sw + gap), y, sw, bh};
        if (ui_button(ui, ui_id("size", i), r, S(s, sizes[i]),
                      i == s->text_size ? UI_BUTTON_SELECTED : UI_BUTTON_NORMAL)) {
            char v[4];
            snprintf(v, sizeof v, "%d", i);
            s->text_size = i;
            save(s, "text_size", v);
        }
    }
    y += bh + 2 * gap;

    y += ui_text(ui, (UiRect){x, y, w, 0}, S(s, "contrast"), hs, true) + gap;
    int cw = (w - gap) / 2;
    for (int i = 0; i < 2; i++) {
        UiRect r = {x + i * (cw + gap), y, cw, bh};
        if (ui_button(ui, ui_id("contrast", i), r, S(s, i ? "contrast_high" : "contrast_normal"),
                      (i == 1) == s->high_contrast ? UI_BUTTON_SELECTED : UI_BUTTON_NORMAL)) {
            s->high_contrast = i == 1;
            save(s, "contrast", i ? "high" : "normal");
        }
    }
    y += bh + 2 * gap;
    if (s->session->speech) y += speech_settings(s, ui, x, y, w, bh);
    if (ui_button(ui, ui_id("settings-done", 0), (UiRect){x, y, w, bh}, S(s, "done"),
                  UI_BUTTON_PRIMARY))
        back = true;
    y += bh + margin;
    /* The teacher area's door, unless Settings was opened from inside it. */
    bool from_teacher = s->before_settings >= SCREEN_TEACHER_PIN;
    if (!from_teacher) {
        if (ui_button(ui, ui_id("settings-teacher", 0), (UiRect){x, y, w, bh}, S(s, "teacher_area"),
                      UI_BUTTON_NORMAL)) {
            ui_scroll_end(ui, 0);
            screens_teacher_open(s);
            return;
        }
        y += bh + margin;
    }
    ui_scroll_end(ui, y + off - area.y);
    if (back) screens_go(s, s->before_settings);
}
