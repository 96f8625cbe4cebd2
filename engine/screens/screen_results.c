/*
 * A quiz's results: score, passed or not, the missed questions to try again, and the
 * way on through the lesson.
 */
#include "screens/screens_internal.h"

#include <stdio.h>
#include <string.h>

/* "You got 3 of 4 (75%)" in the UI language, into out. */
static const char *score_line(const Screens *s, char *out, size_t size) {
    char a[16], b[16], pc[16], line[256];
    snprintf(a, sizeof a, "%zu", s->score.correct);
    snprintf(b, sizeof b, "%zu", s->score.total);
    snprintf(pc, sizeof pc, "%d", (int)(s->score.scaled * 100 + 0.5));
    screens_fill(line, sizeof line, S(s, "score"), "correct", a, "total", b);
    return screens_fill(out, size, line, "percent", pc, NULL, NULL);
}

/* Read aloud: the quiz's title (part 0), the score (1), passed or not (2). */
static void results_script(Screens *s, SpeechScript *sc) {
    char score[300];
    const char *texts[3] = {T(s, &screens_page(s)->title), score_line(s, score, sizeof score),
                            S(s, s->score.passed ? "passed" : "failed")};
    for (int i = 0; i < 3; i++) {
        speech_script_add(sc, i, texts[i], strlen(texts[i]), 0);
        speech_script_end_sentence(sc);
    }
}

/* A centred line of the results, with the word being heard lit. */
static int results_text(Screens *s, UiContext *ui, UiRect r, const char *text, UiTextStyle st,
                        int part) {
    size_t from = 0, len = 0;
    if (!screens_speech_word(s, screens_speech_key(s, 0, false), part, &from, &len)) len = 0;
    return screens_text_lit(ui, r, text, st, true, from, len);
}

void screen_results(Screens *s, UiContext *ui) {
    const Page *p = screens_page(s);
    const Lesson *l = screens_lesson(s);
    if (!p || !l) {
        screens_go(s, SCREEN_LESSONS);
        return;
    }
    bool missed = s->score.correct < s->score.total;
    if (s->entered) {
        s->entered = false;
        ui_focus(ui, ui_id(missed ? "results-retry" : "results-continue", 0));
    }
    UiRect area;
    if (screens_top_bar(s, ui, S(s, "results_title"), true, &area)) {
        screens_go(s, SCREEN_LESSONS);
        return;
    }
    area.h -= screens_error_band(s, ui, area);
    const UiTheme *t = &ui->theme;
    int margin = ui_px(ui, 24), gap = ui_px(ui, 16);
    int w = area.w - 2 * margin;
    if (w > ui_px(ui, 640)) w = ui_px(ui, 640);
    int x = area.x + (area.w - w) / 2;
    int off = ui_scroll_begin(ui, area, ui_id("screen-results", 0));
    int y = area.y + margin - off;
    UiTextStyle ts = {
        .px = ui->text_px * 5 / 4, .bold = true, .color = t->text, .align = UI_ALIGN_CENTER};
    y += results_text(s, ui, (UiRect){x, y, w, 0}, T(s, &p->title), ts, 0) + gap;
    char score[300];
    score_line(s, score, sizeof score);
    UiTextStyle ss = {
        .px = ui->text_px * 3 / 2, .bold = true, .color = t->text, .align = UI_ALIGN_CENTER};
    y += results_text(s, ui, (UiRect){x, y, w, 0}, score, ss, 1) + gap;
    /* A bar of the score with the pass mark on it. */
    int bh = ui_px(ui, 18);
    if (s->high_contrast)
        ui_frame(ui, (UiRect){x, y, w, bh}, t->border, ui_px(ui, 1));
    else
        ui_fill(ui, (UiRect){x, y, w, bh}, t->border);
    ui_fill(ui, (UiRect){x, y, (int)(w * s->score.scaled), bh}, s->score.passed ? t->good : t->bad);
    double pass = course_quiz_pass(screens_course(s), p);
    ui_fill(ui,
            (UiRect){x + (int)(w * pass) - ui_px(ui, 1), y - ui_px(ui, 4), ui_px(ui, 3),
                     bh + ui_px(ui, 8)},
            t->text);
    y += bh + gap;
    UiTextStyle ps = {.px = ui->text_px * 5 / 4,
                      .bold = true,
                      .color = s->score.passed ? t->good : t->bad,
                      .align = UI_ALIGN_CENTER};
    if (s->high_contrast) ps.color = t->text;
    y += results_text(s, ui, (UiRect){x, y, w, 0}, S(s, s->score.passed ? "passed" : "failed"), ps,
                      2) +
         gap;
    int rh = screens_read_aloud(s, ui, x, y, w, screens_speech_key(s, 0, false), results_script,
                                NULL);
    if (rh > 0) y += rh + gap;
    int bth = ui_px(ui, 56);
    if (missed) {
        int h = ui_button_height(ui, w, S(s, "retry_missed"));
        if (h < bth) h = bth;
        if (ui_button(ui, ui_id("results-retry", 0), (UiRect){x, y, w, h}, S(s, "retry_missed"),
                      s->score.passed ? UI_BUTTON_NORMAL : UI_BUTTON_PRIMARY)) {
            ui_scroll_end(ui, 0);
            screens_quiz_begin(s, true);
            return;
        }
        y += h + gap / 2;
    }
    if (ui_button(ui, ui_id("results-continue", 0), (UiRect){x, y, w, bth}, S(s, "continue"),
                  missed && !s->score.passed ? UI_BUTTON_NORMAL : UI_BUTTON_PRIMARY)) {
        ui_scroll_end(ui, 0);
        if (s->page + 1 < l->page_count)
            screens_open_page(s, s->page + 1);
        else
            screens_finish_lesson(s);
        return;
    }
    y += bth + margin;
    ui_scroll_end(ui, y + off - area.y);
}
