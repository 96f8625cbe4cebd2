/*
 * Choose or add a learner: big coloured tiles with names, for a laptop a whole class
 * shares. The last tile adds a learner: a name and a colour.
 */
#include "screens/screens_internal.h"

#include <stdio.h>
#include <string.h>

void screen_learners(Screens *s, UiContext *ui) {
    if (s->entered) {
        s->entered = false;
        screens_load_learners(s);
        ui_focus(ui, ui_id("learner", 0));
    }
    UiRect area;
    screens_top_bar(s, ui, S(s, "who_is_learning"), false, &area);
    area.h -= screens_error_band(s, ui, area);
    int gap = ui_px(ui, 14), margin = ui_px(ui, 20);
    int tw = ui_px(ui, 176), th = ui_px(ui, 112);
    int cols = (area.w - 2 * margin + gap) / (tw + gap);
    if (cols < 1) cols = 1;
    int total = (int)s->learner_count + 1;
    if (cols > total) cols = total;
    int x0 = area.x + (area.w - (cols * tw + (cols - 1) * gap)) / 2;
    int off = ui_scroll_begin(ui, area, ui_id("screen-learners", 0));
    int y0 = area.y + margin - off;
    for (int i = 0; i < total; i++) {
        UiRect r = {x0 + (i % cols) * (tw + gap), y0 + (i / cols) * (th + gap), tw, th};
        if (i < (int)s->learner_count) {
            if (ui_tile(ui, ui_id("learner", i), r, s->learners[i].name,
                        screens_rgb(s->learners[i].colour))) {
                s->learner = s->learners[i];
                screens_go(s, SCREEN_LIBRARY);
                ui_scroll_end(ui, 0);
                return;
            }
        } else if (ui_button(ui, ui_id("learner", i), r, S(s, "add_learner"), UI_BUTTON_PRIMARY)) {
            ail_buf_clear(&s->new_name);
            s->new_colour = (int)(s->learner_count % SCREENS_COLOUR_COUNT);
            screens_go(s, SCREEN_NEW_LEARNER);
            ui_scroll_end(ui, 0);
            return;
        }
    }
    int rows = (total + cols - 1) / cols;
    /* The teacher's door, below the tiles: quieter than them, and behind a PIN. */
    int ty = y0 + rows * th + (rows - 1) * gap + margin;
    int tbw = ui_px(ui, 220), tbh = ui_px(ui, 46);
    int need = ui->measure.text_width(ui->measure.ctx, S(s, "teacher_area"),
                                      strlen(S(s, "teacher_area")), ui->text_px, false) +
               ui_px(ui, 24);
    if (need > tbw) tbw = need < area.w - 2 * margin ? need : area.w - 2 * margin;
    if (ui_button(ui, ui_id("teacher-open", 0), (UiRect){area.x + (area.w - tbw) / 2, ty, tbw, tbh},
                  S(s, "teacher_area"), UI_BUTTON_NORMAL)) {
        screens_teacher_open(s);
        ui_scroll_end(ui, 0);
        return;
    }
    ui_scroll_end(ui, 3 * margin + rows * th + (rows - 1) * gap + tbh);
}

static void add_learner(Screens *s) {
    /* Names are trimmed; an empty name is not a learner. */
    char name[128];
    const char *p = s->new_name.data ? s->new_name.data : "";
    while (*p == ' ') p++;
    snprintf(name, sizeof name, "%s", p);
    size_t n = strlen(name);
    while (n > 0 && name[n - 1] == ' ') name[--n] = '\0';
    if (n == 0) return;
    AilError err;
    SessionLearner added;
    if (s->session->learner_add(s->session->impl, name, SCREENS_COLOURS[s->new_colour], &added,
                                &err) != AIL_OK) {
        screens_fail(s, &err);
        return;
    }
    s->error[0] = '\0';
    s->learner = added;
    screens_go(s, SCREEN_LIBRARY);
}

void screen_new_learner(Screens *s, UiContext *ui) {
    if (s->entered) {
        s->entered = false;
        ui_focus(ui, ui_id("new-name", 0));
    }
    UiRect area;
    if (screens_top_bar(s, ui, S(s, "new_learner_title"), true, &area)) {
        screens_go(s, SCREEN_LEARNERS);
        return;
    }
    area.h -= screens_error_band(s, ui, area);
    int margin = ui_px(ui, 24), gap = ui_px(ui, 12);
    int w = area.w - 2 * margin;
    if (w > ui_px(ui, 640)) w = ui_px(ui, 640);
    int x = area.x + (area.w - w) / 2;
    int off = ui_scroll_begin(ui, area, ui_id("screen-new-learner", 0));
    int y = area.y + margin - off;
    UiTextStyle label = {.bold = true, .color = ui->theme.text};
    y += ui_text(ui, (UiRect){x, y, w, 0}, S(s, "your_name"), label, true) + gap / 2;
    int fh = ui_px(ui, 52);
    bool enter = ui_text_field(ui, ui_id("new-name", 0), (UiRect){x, y, w, fh}, &s->new_name,
                               S(s, "type_name"));
    y += fh + gap * 2;
    y += ui_text(ui, (UiRect){x, y, w, 0}, S(s, "choose_colour"), label, true) + gap / 2;
    int cw = (w - (SCREENS_COLOUR_COUNT / 2 - 1) * gap) / (SCREENS_COLOUR_COUNT / 2);
    int ch = ui_px(ui, 56);
    for (int i = 0; i < SCREENS_COLOUR_COUNT; i++) {
        UiRect r = {x + (i % 4) * (cw + gap), y + (i / 4) * (ch + gap), cw, ch};
        if (ui_tile(ui, ui_id("colour", i), r, "", screens_rgb(SCREENS_COLOURS[i])))
            s->new_colour = i;
        if (i == s->new_colour) {
            int t = ui_px(ui, 5);
            ui_frame(ui, r, ui->theme.text, t);
            ui_frame(ui, (UiRect){r.x + t, r.y + t, r.w - 2 * t, r.h - 2 * t}, ui->theme.surface,
                     ui_px(ui, 2));
        }
    }
    y += 2 * ch + gap + gap * 2;
    int bw = (w - gap) / 2, bh = ui_px(ui, 52);
    if (ui_button(ui, ui_id("new-cancel", 0), (UiRect){x, y, bw, bh}, S(s, "cancel"),
                  UI_BUTTON_NORMAL)) {
        screens_go(s, SCREEN_LEARNERS);
        ui_scroll_end(ui, 0);
        return;
    }
    bool start = ui_button(ui, ui_id("new-start", 0), (UiRect){x + bw + gap, y, bw, bh},
                           S(s, "start"), UI_BUTTON_PRIMARY);
    y += bh + margin;
    ui_scroll_end(ui, y + off - area.y);
    if (start || enter) add_learner(s);
}
