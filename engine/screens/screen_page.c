/*
 * A lesson's text (and demo) pages: title, Read aloud (the page's recording where it
 * has one), picture, body markup, and a bar with Previous / Page n of N / Next.
 */
#include "screens/screens_internal.h"

#include <stdio.h>
#include <string.h>

/* The bar at the bottom of lesson pages, below area. Returns -1 previous, +1 next,
 * 0 nothing. */
static int page_bar(Screens *s, UiContext *ui, UiRect area) {
    const Lesson *l = screens_lesson(s);
    const UiTheme *t = &ui->theme;
    int pad = ui_px(ui, 8), bh = ui_px(ui, 64), bw = ui_px(ui, 180);
    UiRect bar = {0, area.y + area.h, area.w, bh};
    ui_fill(ui, bar, t->surface);
    ui_fill(ui, (UiRect){0, bar.y, bar.w, ui_px(ui, 1)}, t->border);
    int result = 0;
    if (s->page > 0 &&
        ui_button(ui, ui_id("page-prev", 0), (UiRect){pad * 2, bar.y + pad, bw, bh - 2 * pad},
                  S(s, "previous"), UI_BUTTON_NORMAL))
        result = -1;
    char n[16], total[16], label[128];
    snprintf(n, sizeof n, "%zu", s->page + 1);
    snprintf(total, sizeof total, "%zu", l->page_count);
    screens_fill(label, sizeof label, S(s, "page_of"), "n", n, "total", total);
    UiTextStyle st = {.color = t->muted, .align = UI_ALIGN_CENTER};
    int mw = bar.w - 2 * (bw + 3 * pad);
    int th = ui_text(ui, (UiRect){0, 0, mw, 0}, label, st, false);
    ui_text(ui, (UiRect){bw + 3 * pad, bar.y + (bh - th) / 2, mw, th}, label, st, true);
    bool last = s->page + 1 >= l->page_count;
    if (ui_button(ui, ui_id("page-next", 0),
                  (UiRect){bar.w - bw - 2 * pad, bar.y + pad, bw, bh - 2 * pad},
                  S(s, last ? "finish_lesson" : "next"), UI_BUTTON_PRIMARY))
        result = 1;
    return result;
}

/* What a text page reads aloud: its title (part 0), then its body (part 1). */
static void page_script(Screens *s, SpeechScript *sc) {
    const Page *p = screens_page(s);
    const char *title = T(s, &p->title);
    speech_script_add(sc, 0, title, strlen(title), 0);
    speech_script_end_sentence(sc);
    speech_script_add_markup(sc, 1, T(s, &p->body));
}

void screen_page(Screens *s, UiContext *ui) {
    const Course *c = screens_course(s);
    const Page *p = screens_page(s);
    if (!p) {
        screens_go(s, SCREEN_LESSONS);
        return;
    }
    if (s->entered) {
        s->entered = false;
        ui_focus(ui, ui_id("page-next", 0));
    }
    UiRect area;
    const Lesson *l = screens_lesson(s);
    if (screens_top_bar(s, ui, course_text(c, &l->title, s->lang), true, &area)) {
        screens_go(s, SCREEN_LESSONS);
        return;
    }
    area.h -= ui_px(ui, 64); /* the page bar, laid out after the page so Tab meets the page first */
    area.h -= screens_error_band(s, ui, area);
    const UiTheme *t = &ui->theme;
    int margin = ui_px(ui, 20), gap = ui_px(ui, 14);
    int w = area.w - 2 * margin;
    if (w > ui_px(ui, 860)) w = ui_px(ui, 860);
    int x = area.x + (area.w - w) / 2;
    int off = ui_scroll_begin(ui, area, ui_id("screen-page", (int)(s->lesson * 1000 + s->page)));
    int y = area.y + margin - off;
    uint32_t key = screens_speech_key(s, 0, false);
    size_t lit = 0, lit_len = 0;
    UiTextStyle ts = {.px = ui->text_px * 5 / 4, .bold = true, .color = t->text};
    if (!screens_speech_word(s, key, 0, &lit, &lit_len)) lit_len = 0;
    y += screens_text_lit(ui, (UiRect){x, y, w, 0}, T(s, &p->title), ts, true, lit, lit_len) + gap;
    if (p->type == PAGE_TEXT) {
        const char *audio = course_text(c, &p->audio, s->lang);
        int rh = screens_read_aloud(s, ui, x, y, w, key, page_script, audio);
        if (rh > 0) y += rh + gap;
    }
    int ph = screens_picture(s, ui, &p->image, x, y, w, area.h * 11 / 20);
    if (ph > 0) y += ph + gap / 2;
    Markup m;
    course_markup_parse(T(s, &p->body), &m);
    UiTextStyle bs = {.color = t->text};
    if (!screens_speech_word(s, key, 1, &lit, &lit_len)) lit_len = 0;
    int body_h = screens_markup_lit(ui, x, y, w, &m, bs, true, lit, lit_len);
    screens_recording_ring(s, ui, key, (UiRect){x, y, w, body_h});
    y += body_h + gap;
    course_markup_free(&m);
    if (p->type == PAGE_DEMO) y += screens_demo_draw(s, ui, p, x, y, w) + gap;
    ui_scroll_end(ui, y + off - area.y + margin);
    int move =
        page_bar(s, ui, (UiRect){area.x, area.y, area.w, ui->height - ui_px(ui, 64) - area.y});
    if (move < 0)
        screens_open_page(s, s->page - 1);
    else if (move > 0) {
        if (s->page + 1 < l->page_count)
            screens_open_page(s, s->page + 1);
        else
            screens_finish_lesson(s);
    }
}
