/*
 * The screens' shared frame: which screen is on, the top bar every screen has (back,
 * title, language, settings), navigation between lesson pages, and small helpers.
 *
 * Invariants: a screen that navigates (screens_go) returns from its frame function
 * right away; the app runs one more frame without input after every event, and that
 * frame, laid out from the new state, is the one drawn.
 */
#include "screens/screens_internal.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const uint32_t SCREENS_COLOURS[SCREENS_COLOUR_COUNT] = {0xC0392B, 0x1E7B45, 0x1F5FA8, 0x8E44AD,
                                                        0xB9560B, 0x0E7C86, 0xA61E62, 0x4A5A14};

UiColor screens_rgb(uint32_t rgb) {
    UiColor c = {(uint8_t)(rgb >> 16), (uint8_t)(rgb >> 8), (uint8_t)rgb, 255};
    return c;
}

const char *S(const Screens *s, const char *key) { return screens_string(s->lang, key); }

const char *T(const Screens *s, const LocalizedText *text) {
    return course_text(screens_course(s), text, s->lang);
}

const char *screens_fill(char *out, size_t out_size, const char *tpl, const char *k1,
                         const char *v1, const char *k2, const char *v2) {
    size_t o = 0;
    const char *p = tpl;
    while (*p && o + 1 < out_size) {
        const char *val = NULL;
        size_t skip = 0;
        if (*p == '{') {
            const char *close = strchr(p, '}');
            if (close) {
                size_t n = (size_t)(close - p - 1);
                if (k1 && strlen(k1) == n && strncmp(p + 1, k1, n) == 0)
                    val = v1;
                else if (k2 && strlen(k2) == n && strncmp(p + 1, k2, n) == 0)
                    val = v2;
                if (val) skip = n + 2;
            }
        }
        if (val) {
            size_t n = strlen(val);
            if (o + n >= out_size) n = out_size - o - 1;
            memcpy(out + o, val, n);
            o += n;
            p += skip;
        } else {
            out[o++] = *p++;
        }
    }
    out[o] = '\0';
    return out;
}

static void load_settings(Screens *s) {
    char v[32];
    AilError err;
    if (!s->lang[0]) {
        if (s->session->setting_get(s->session->impl, "lang", v, sizeof v, &err) == AIL_OK)
            snprintf(s->lang, sizeof s->lang, "%.15s", v);
        else
            snprintf(s->lang, sizeof s->lang, "en");
    }
    if (s->session->setting_get(s->session->impl, "text_size", v, sizeof v, &err) == AIL_OK)
        s->text_size = atoi(v) >= 0 && atoi(v) <= 2 ? atoi(v) : 1;
    if (s->session->setting_get(s->session->impl, "contrast", v, sizeof v, &err) == AIL_OK)
        s->high_contrast = strcmp(v, "high") == 0;
    screens_speech_load_settings(s);
}

Screens *screens_create(AppSession *session, const char *lang) {
    Screens *s = ail_xcalloc(1, sizeof *s);
    s->session = session;
    s->text_size = 1;
    if (lang) snprintf(s->lang, sizeof s->lang, "%.15s", lang);
    load_settings(s);
    ail_buf_init(&s->new_name);
    ail_buf_init(&s->q.typed);
    ail_buf_init(&s->teacher.pin);
    ail_buf_init(&s->teacher.pin_first);
    ail_buf_init(&s->teacher.edit_name);
    s->teacher.stick = -1;
    screens_go(s, SCREEN_LEARNERS);
    return s;
}

Screens *screens_create_startup(const ScreensStartup *why, const char *lang) {
    Screens *s = ail_xcalloc(1, sizeof *s);
    s->text_size = 1;
    snprintf(s->lang, sizeof s->lang, "%.15s", lang ? lang : "en");
    ail_buf_init(&s->new_name);
    ail_buf_init(&s->q.typed);
    ail_buf_init(&s->teacher.pin);
    ail_buf_init(&s->teacher.pin_first);
    ail_buf_init(&s->teacher.edit_name);
    s->teacher.stick = -1;
    screens_set_startup(s, why);
    return s;
}

void screens_set_startup(Screens *s, const ScreensStartup *why) {
    s->startup = *why;
    screens_go(s, SCREEN_STARTUP_ERROR);
}

bool screens_take_quit(Screens *s) {
    bool quit = s->quit;
    s->quit = false;
    return quit;
}

void screens_destroy(Screens *s) {
    if (!s) return;
    if (s->session) screens_speech_stop(s);
    speech_script_free(&s->speak);
    free(s->learners);
    free(s->rows);
    free(s->pack_done);
    screens_demo_leave(s);
    screens_demo_reset(s);
    ail_buf_free(&s->new_name);
    ail_buf_free(&s->q.typed);
    screens_teacher_free(s);
    free(s);
}

void screens_set_courses(Screens *s, Course *const *courses, size_t count) {
    screens_demo_leave(s); /* while its pack is still there */
    screens_demo_reset(s); /* its model may point into packs that are gone */
    s->courses = courses;
    s->course_count = count;
    free(s->pack_done);
    s->pack_done = ail_xcalloc(count + 1, sizeof *s->pack_done);
    if (s->screen == SCREEN_LIBRARY || s->screen == SCREEN_CLASS_OVERVIEW) s->entered = true;
    if (s->course >= count) s->course = 0;
    if (s->teacher.overview_course >= count) s->teacher.overview_course = 0;
}

bool screens_take_courses_changed(Screens *s) {
    bool changed = s->teacher.courses_changed;
    s->teacher.courses_changed = false;
    return changed;
}

void screens_go(Screens *s, ScreenId next) {
    if (s->screen == SCREEN_PAGE && next != SCREEN_PAGE && next != SCREEN_SETTINGS)
        screens_demo_leave(s);
    s->screen = next;
    s->entered = true;
}

void screens_fail_with(Screens *s, const char *key, const AilError *err) {
    if (s->session && s->session->log) s->session->log(s->session->impl, key, err);
    snprintf(s->error, sizeof s->error, "%s", S(s, key));
}

void screens_fail(Screens *s, const AilError *err) { screens_fail_with(s, "not_saved", err); }

const char *screens_current(const Screens *s) {
    static const char *const names[] = {
        "learners",     "new-learner", "library",        "lessons",
        "page",         "quiz",        "results",        "settings",
        "teacher-pin",  "teacher",     "class-overview", "manage-learners",
        "edit-learner", "export",      "import",         "startup-error",
        "device-name"};
    assert((size_t)s->screen < sizeof names / sizeof names[0]);
    return names[s->screen];
}

const char *screens_lang(const Screens *s) { return s->lang; }

const char *screens_take_audio(Screens *s) {
    if (!s->audio_pending) return NULL;
    s->audio_pending = false;
    return s->audio;
}

const char *screens_last_error(const Screens *s) { return s->error; }

const Course *screens_course(const Screens *s) {
    return s->course < s->course_count ? s->courses[s->course] : NULL;
}

const Lesson *screens_lesson(const Screens *s) {
    const Course *c = screens_course(s);
    return c && s->lesson < c->lesson_count ? &c->lessons[s->lesson] : NULL;
}

const Page *screens_page(const Screens *s) {
    const Lesson *l = screens_lesson(s);
    return l && s->page < l->page_count ? &l->pages[s->page] : NULL;
}

const char *screens_media_path(const Screens *s, const char *relative, char *out, size_t out_size) {
    const Course *c = screens_course(s);
    if (!c || !relative || ail_path_join(out, out_size, c->dir, relative) != AIL_OK) out[0] = '\0';
    return out;
}

int screens_picture(Screens *s, UiContext *ui, const CourseImage *image, int x, int y, int w,
                    int max_h) {
    if (!image->src) return 0;
    char path[1024];
    screens_media_path(s, image->src, path, sizeof path);
    int iw = 0, ih = 0;
    if (path[0] && ui->measure.image_size &&
        ui->measure.image_size(ui->measure.ctx, path, &iw, &ih) && iw > 0 && ih > 0) {
        int dw = w, dh = (int)((long)ih * w / iw);
        if (dh > max_h) {
            dh = max_h;
            dw = (int)((long)iw * max_h / ih);
        }
        UiRect r = {x + (w - dw) / 2, y, dw, dh};
        if (s->high_contrast) ui_fill(ui, (UiRect){r.x - 4, r.y - 4, r.w + 8, r.h + 8}, ui->theme.text);
        ui_image(ui, r, path);
        return dh;
    }
    const char *alt = T(s, &image->alt);
    if (!alt[0]) return 0;
    UiTextStyle as = {.color = ui->theme.muted};
    return ui_text(ui, (UiRect){x, y, w, 0}, alt, as, true);
}

void screens_load_learners(Screens *s) {
    AilError err;
    free(s->learners);
    s->learners = NULL;
    s->learner_count = 0;
    if (s->session->learner_list(s->session->impl, &s->learners, &s->learner_count, &err) != AIL_OK)
        screens_fail_with(s, "not_read", &err);
}

void screens_load_rows(Screens *s) {
    const Course *c = screens_course(s);
    free(s->rows);
    s->rows = NULL;
    if (!c) return;
    s->rows = ail_xcalloc(c->lesson_count + 1, sizeof *s->rows);
    AilError err;
    if (s->session->lesson_rows(s->session->impl, s->learner.id, c, s->rows, &err) != AIL_OK)
        screens_fail_with(s, "not_read", &err);
}

void screens_open_page(Screens *s, size_t p) {
    const Lesson *l = screens_lesson(s);
    if (!l) return;
    if (p >= l->page_count) p = l->page_count ? l->page_count - 1 : 0;
    screens_demo_leave(s);
    s->demo_record.opened_ms = ail_mono_ms();
    s->page = p;
    s->tree.ready = false; /* a demo starts afresh on each visit */
    screens_lab_reset(s);
    AilError err;
    if (s->session->record_page(s->session->impl, s->learner.id, screens_course(s), s->lesson, p,
                                s->lang, &err) != AIL_OK)
        screens_fail(s, &err);
    const Page *pg = screens_page(s);
    if (pg && pg->type == PAGE_QUIZ)
        screens_quiz_begin(s, false);
    else
        screens_go(s, SCREEN_PAGE);
}

void screens_finish_lesson(Screens *s) {
    AilError err;
    if (s->session->finish_lesson(s->session->impl, s->learner.id, screens_course(s), s->lesson,
                                  s->lang, &err) != AIL_OK)
        screens_fail(s, &err);
    screens_go(s, SCREEN_LESSONS);
}

int screens_markup(UiContext *ui, int x, int y, int w, const Markup *markup, UiTextStyle style,
                   bool draw) {
    return screens_markup_lit(ui, x, y, w, markup, style, draw, 0, 0);
}

/* ---- The bar on top of every screen ---- */

bool screens_top_bar(Screens *s, UiContext *ui, const char *title, bool has_back, UiRect *content) {
    const UiTheme *t = &ui->theme;
    int pad = ui_px(ui, 8);
    int bh = ui_px(ui, 52);
    int bw = ui_px(ui, 110);
    int lw = ui_px(ui, 120);
    /* The bar's buttons grow with their labels (large text, long words), up to a
     * fifth of the window each. */
    int inner = ui_px(ui, 20);
    const char *labels[3] = {S(s, "back"), S(s, "language_name"), S(s, "settings")};
    for (int i = 0; i < 3; i++) {
        int tw = ui->measure.text_width(ui->measure.ctx, labels[i], strlen(labels[i]), ui->text_px,
                                        false) +
                 inner;
        int *slot = i == 0 ? &bw : &lw;
        if (tw > *slot) *slot = tw < ui->width / 5 ? tw : ui->width / 5;
    }
    bool back = false;
    int title_x = pad * 2;
    int title_w = ui->width - title_x - 2 * lw - 3 * pad;
    if (has_back) {
        title_x = pad * 2 + bw + pad;
        title_w = ui->width - title_x - 2 * lw - 3 * pad;
    }
    UiTextStyle ts = {.px = ui->text_px * 9 / 8, .bold = true, .color = t->bar_text};
    int th = ui_text(ui, (UiRect){title_x, 0, title_w, 0}, title, ts, false);
    if (th + 2 * pad > bh) bh = th + 2 * pad;
    ui_fill(ui, (UiRect){0, 0, ui->width, bh}, t->bar);
    if (s->high_contrast)
        ui_fill(ui, (UiRect){0, bh - ui_px(ui, 2), ui->width, ui_px(ui, 2)}, t->border);
    if (has_back) {
        UiRect br = {pad, pad, bw, bh - 2 * pad};
        back = ui_button(ui, ui_id("bar-back", 0), br, S(s, "back"), UI_BUTTON_NORMAL);
        if (ui->in.key == UI_KEY_ESCAPE && !ui->consumed) {
            ui->consumed = true;
            back = true;
        }
    }
    ui_text(ui, (UiRect){title_x, (bh - th) / 2, title_w, th}, title, ts, true);
    UiRect lr = {ui->width - 2 * lw - 2 * pad, pad, lw, bh - 2 * pad};
    UiRect sr = {ui->width - lw - pad, pad, lw, bh - 2 * pad};
    bool lang =
        ui_button(ui, ui_id("bar-language", 0), lr, S(s, "language_name"), UI_BUTTON_NORMAL);
    bool settings = ui_button(ui, ui_id("bar-settings", 0), sr, S(s, "settings"), UI_BUTTON_NORMAL);
    if ((lang || settings) && s->screen != SCREEN_SETTINGS) {
        s->before_settings = s->screen;
        screens_go(s, SCREEN_SETTINGS);
    }
    *content = (UiRect){0, bh, ui->width, ui->height - bh};
    return back;
}

int screens_column_begin(UiContext *ui, UiRect area, int max_width, int margin,
                         const char *scroll_name, ScreenColumn *col) {
    col->margin = ui_px(ui, margin);
    col->w = area.w - 2 * col->margin;
    if (col->w > ui_px(ui, max_width)) col->w = ui_px(ui, max_width);
    col->x = area.x + (area.w - col->w) / 2;
    col->top = area.y - ui_scroll_begin(ui, area, ui_id(scroll_name, 0));
    return col->top + col->margin;
}

void screens_column_end(UiContext *ui, const ScreenColumn *col, int y) {
    ui_scroll_end(ui, y - col->top + col->margin);
}

int screens_error_band(Screens *s, UiContext *ui, UiRect area) {
    if (!s->error[0]) return 0;
    int pad = ui_px(ui, 8);
    UiTextStyle st = {.color = ui->theme.bad_text, .bold = true};
    int h =
        ui_text(ui, (UiRect){area.x + pad, 0, area.w - 2 * pad, 0}, s->error, st, false) + 2 * pad;
    UiRect band = {area.x, area.y + area.h - h, area.w, h};
    ui_fill(ui, band, ui->theme.bad);
    ui_text(ui, (UiRect){band.x + pad, band.y + pad, band.w - 2 * pad, h}, s->error, st, true);
    return h;
}

void screens_frame(Screens *s, UiContext *ui, int w, int h, const UiInput *in) {
    ui->theme = s->high_contrast ? ui_theme_high_contrast() : ui_theme_default();
    ui_begin(ui, w, h, s->text_size, screens_lang_rtl(s->lang), in);
    switch (s->screen) {
    case SCREEN_LEARNERS: screen_learners(s, ui); break;
    case SCREEN_NEW_LEARNER: screen_new_learner(s, ui); break;
    case SCREEN_LIBRARY: screen_library(s, ui); break;
    case SCREEN_LESSONS: screen_lessons(s, ui); break;
    case SCREEN_PAGE: screen_page(s, ui); break;
    case SCREEN_QUIZ: screen_quiz(s, ui); break;
    case SCREEN_RESULTS: screen_results(s, ui); break;
    case SCREEN_SETTINGS: screen_settings(s, ui); break;
    case SCREEN_TEACHER_PIN: screen_teacher_pin(s, ui); break;
    case SCREEN_TEACHER: screen_teacher(s, ui); break;
    case SCREEN_CLASS_OVERVIEW: screen_class_overview(s, ui); break;
    case SCREEN_MANAGE_LEARNERS: screen_manage_learners(s, ui); break;
    case SCREEN_EDIT_LEARNER: screen_edit_learner(s, ui); break;
    case SCREEN_EXPORT: screen_export(s, ui); break;
    case SCREEN_IMPORT: screen_import(s, ui); break;
    case SCREEN_STARTUP_ERROR: screen_startup_error(s, ui); break;
    case SCREEN_DEVICE_NAME: screen_device_name(s, ui); break;
    }
    if (s->session) screens_speech_end_frame(s);
    ui_end(ui);
}
