/*
 * A pack's lessons with their state for this learner: not started, in progress,
 * completed or passed (mastered), and the best quiz score. Opening one resumes an
 * unfinished attempt at its page.
 */
#include "screens/screens_internal.h"

#include <stdio.h>

static const char *state_key(const SessionLessonRow *r) {
    if (r->mastered) return "state_passed";
    if (r->completed) return "state_completed";
    if (r->started) return "state_in_progress";
    return "state_not_started";
}

static void open_lesson(Screens *s, size_t lesson) {
    AilError err;
    int page = 0;
    s->lesson = lesson;
    s->error[0] = '\0';
    if (s->session->lesson_start(s->session->impl, s->learner.id, screens_course(s), lesson,
                                 s->lang, &page, &err) != AIL_OK) {
        screens_fail(s, &err);
        page = 0;
    }
    screens_open_page(s, page < 0 ? 0 : (size_t)page);
}

void screen_lessons(Screens *s, UiContext *ui) {
    const Course *c = screens_course(s);
    if (!c) {
        screens_go(s, SCREEN_LIBRARY);
        return;
    }
    if (s->entered) {
        s->entered = false;
        screens_load_rows(s);
        ui_focus(ui, ui_id("lesson", (int)s->lesson));
    }
    UiRect area;
    if (screens_top_bar(s, ui, course_text(c, &c->title, s->lang), true, &area)) {
        screens_go(s, SCREEN_LIBRARY);
        return;
    }
    area.h -= screens_error_band(s, ui, area);
    const UiTheme *t = &ui->theme;
    int margin = ui_px(ui, 16), gap = ui_px(ui, 10), pad = ui_px(ui, 12);
    int w = area.w - 2 * margin, x = area.x + margin;
    int off = ui_scroll_begin(ui, area, ui_id("screen-lessons", (int)s->course));
    int y = area.y + margin - off;
    for (size_t i = 0; i < c->lesson_count; i++) {
        const Lesson *l = &c->lessons[i];
        const SessionLessonRow *row = s->rows ? &s->rows[i] : NULL;
        char title[400], meta[300], mins[64], n[16], best[64] = "";
        snprintf(n, sizeof n, "%d", l->minutes);
        screens_fill(mins, sizeof mins, S(s, "minutes"), "n", n, NULL, NULL);
        snprintf(title, sizeof title, "%zu. %s", i + 1, course_text(c, &l->title, s->lang));
        if (row && row->best_score >= 0) {
            snprintf(n, sizeof n, "%d", (int)(row->best_score * 100 + 0.5));
            screens_fill(best, sizeof best, S(s, "best_score"), "n", n, NULL, NULL);
        }
        snprintf(meta, sizeof meta, "%s · %s%s%s", row ? S(s, state_key(row)) : "", mins,
                 best[0] ? " · " : "", best);
        UiTextStyle ts = {.bold = true, .color = t->text};
        UiTextStyle ss = {.color = t->muted, .px = ui->text_px * 7 / 8};
        UiTextStyle ms = {.color = row && (row->completed || row->mastered) ? t->good : t->accent,
                          .px = ui->text_px * 7 / 8,
                          .bold = true};
        if (s->high_contrast) ms.color = t->text;
        int iw = w - 2 * pad;
        const char *summary = course_text(c, &l->summary, s->lang);
        int h1 = ui_text(ui, (UiRect){0, 0, iw, 0}, title, ts, false);
        int h2 = ui_text(ui, (UiRect){0, 0, iw, 0}, summary, ss, false);
        int h3 = ui_text(ui, (UiRect){0, 0, iw, 0}, meta, ms, false);
        int h = pad + h1 + h2 + gap / 2 + h3 + pad;
        UiRect card = {x, y, w, h};
        if (ui_area(ui, ui_id("lesson", (int)i), card, course_text(c, &l->title, s->lang),
                    UI_BUTTON_NORMAL)) {
            open_lesson(s, i);
            ui_scroll_end(ui, 0);
            return;
        }
        if (row && (row->completed || row->mastered))
            ui_fill(ui, (UiRect){x, y, ui_px(ui, 6), h}, t->good);
        else if (row && row->started)
            ui_fill(ui, (UiRect){x, y, ui_px(ui, 6), h}, t->accent);
        int cy = y + pad;
        cy += ui_text(ui, (UiRect){x + pad, cy, iw, h1}, title, ts, true);
        cy += ui_text(ui, (UiRect){x + pad, cy, iw, h2}, summary, ss, true) + gap / 2;
        ui_text(ui, (UiRect){x + pad, cy, iw, h3}, meta, ms, true);
        y += h + gap;
    }
    ui_scroll_end(ui, y + off - area.y + margin);
}
