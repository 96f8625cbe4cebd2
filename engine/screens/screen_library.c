/*
 * The library: every pack with this learner's progress in it. A pack is a card:
 * title, description, "3 of 8 lessons done" and a bar.
 */
#include "screens/screens_internal.h"

#include <stdio.h>
#include <stdlib.h>

static size_t lessons_done(Screens *s, const Course *c) {
    SessionLessonRow *rows = ail_xcalloc(c->lesson_count + 1, sizeof *rows);
    AilError err;
    size_t done = 0;
    if (s->session->lesson_rows(s->session->impl, s->learner.id, c, rows, &err) == AIL_OK)
        for (size_t i = 0; i < c->lesson_count; i++) done += rows[i].completed;
    free(rows);
    return done;
}

void screen_library(Screens *s, UiContext *ui) {
    if (s->entered) {
        s->entered = false;
        for (size_t i = 0; i < s->course_count; i++)
            s->pack_done[i] = lessons_done(s, s->courses[i]);
        ui_focus(ui, ui_id("pack", (int)(s->course < s->course_count ? s->course : 0)));
    }
    UiRect area;
    char title[200];
    snprintf(title, sizeof title, "%s — %s", s->learner.name, S(s, "library_title"));
    if (screens_top_bar(s, ui, title, true, &area)) {
        screens_go(s, SCREEN_LEARNERS);
        return;
    }
    area.h -= screens_error_band(s, ui, area);
    const UiTheme *t = &ui->theme;
    int margin = ui_px(ui, 16), gap = ui_px(ui, 12), pad = ui_px(ui, 14);
    int w = area.w - 2 * margin;
    int x = area.x + margin;
    int off = ui_scroll_begin(ui, area, ui_id("screen-library", 0));
    int y = area.y + margin - off;
    if (s->course_count == 0) {
        UiTextStyle st = {.color = t->text};
        y += ui_text(ui, (UiRect){x, y, w, 0}, S(s, "no_courses"), st, true);
    }
    for (size_t i = 0; i < s->course_count; i++) {
        const Course *c = s->courses[i];
        const char *name = course_text(c, &c->title, s->lang);
        const char *desc = course_text(c, &c->description, s->lang);
        char done[160], a[16], b[16];
        snprintf(a, sizeof a, "%zu", s->pack_done[i]);
        snprintf(b, sizeof b, "%zu", c->lesson_count);
        screens_fill(done, sizeof done, S(s, "lessons_done"), "done", a, "total", b);
        UiTextStyle ts = {.px = ui->text_px * 9 / 8, .bold = true, .color = t->text};
        UiTextStyle ds = {.color = t->muted};
        UiTextStyle ps = {.color = t->text, .bold = true};
        int iw = w - 2 * pad;
        int h1 = ui_text(ui, (UiRect){0, 0, iw, 0}, name, ts, false);
        int h2 = ui_text(ui, (UiRect){0, 0, iw, 0}, desc, ds, false);
        int h3 = ui_text(ui, (UiRect){0, 0, iw, 0}, done, ps, false);
        int barh = ui_px(ui, 10);
        int h = pad + h1 + gap / 2 + h2 + gap + h3 + gap / 2 + barh + pad;
        UiRect card = {x, y, w, h};
        if (ui_area(ui, ui_id("pack", (int)i), card, name, UI_BUTTON_NORMAL)) {
            s->course = i;
            screens_go(s, SCREEN_LESSONS);
            ui_scroll_end(ui, 0);
            return;
        }
        int cy = y + pad;
        cy += ui_text(ui, (UiRect){x + pad, cy, iw, h1}, name, ts, true) + gap / 2;
        cy += ui_text(ui, (UiRect){x + pad, cy, iw, h2}, desc, ds, true) + gap;
        cy += ui_text(ui, (UiRect){x + pad, cy, iw, h3}, done, ps, true) + gap / 2;
        /* In high contrast an empty bar is an outline, not a white (full-looking) bar. */
        if (s->high_contrast)
            ui_frame(ui, (UiRect){x + pad, cy, iw, barh}, t->border, ui_px(ui, 1));
        else
            ui_fill(ui, (UiRect){x + pad, cy, iw, barh}, t->border);
        if (c->lesson_count)
            ui_fill(ui, (UiRect){x + pad, cy, (int)(iw * s->pack_done[i] / c->lesson_count), barh},
                    t->good);
        y += h + gap;
    }
    ui_scroll_end(ui, y + off - area.y + margin);
}
