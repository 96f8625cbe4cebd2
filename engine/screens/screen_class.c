/*
 * The teacher's view of the class: the class overview (every learner's lessons
 * completed and mastered and mean best quiz score in one pack) and managing learners
 * (rename, change colour). Both read and write through the session only.
 */
#include "screens/screens_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void load_overview(Screens *s) {
    ScreensTeacher *t = &s->teacher;
    free(t->overview);
    t->overview = NULL;
    t->overview_count = 0;
    if (t->overview_course >= s->course_count) return;
    AilError err;
    if (s->session->class_overview(s->session->impl, s->courses[t->overview_course], &t->overview,
                                   &t->overview_count, &err) != AIL_OK)
        screens_fail_with(s, "not_read", &err);
}

/* One row of the table: a name (with its colour) and three figures. */
static int overview_row(Screens *s, UiContext *ui, int x, int y, int w, const char *cells[4],
                        const UiColor *swatch, bool header) {
    const UiTheme *t = &ui->theme;
    int pad = ui_px(ui, 8);
    int sw = swatch ? ui_px(ui, 14) : 0;
    int name_w = w * 2 / 5, col_w = (w - name_w) / 3;
    UiTextStyle st = {.bold = header, .color = header ? t->muted : t->text};
    if (header) st.px = ui->text_px * 7 / 8;
    int h = ui_text(ui, (UiRect){0, 0, name_w - sw - 3 * pad, 0}, cells[0], st, false);
    for (int i = 1; i < 4; i++) {
        int hi = ui_text(ui, (UiRect){0, 0, col_w - 2 * pad, 0}, cells[i], st, false);
        if (hi > h) h = hi;
    }
    h += 2 * pad;
    ui_fill(ui, (UiRect){x, y + h - ui_px(ui, 1), w, ui_px(ui, 1)}, t->border);
    if (swatch) ui_fill(ui, (UiRect){x + pad, y + (h - sw) / 2, sw, sw}, *swatch);
    int tx = x + pad + (sw ? sw + pad : 0);
    ui_text(ui, (UiRect){tx, y + pad, name_w - (tx - x) - pad, h}, cells[0], st, true);
    for (int i = 1; i < 4; i++) {
        UiTextStyle cs = st;
        cs.align = UI_ALIGN_END;
        ui_text(ui, (UiRect){x + name_w + (i - 1) * col_w + pad, y + pad, col_w - 2 * pad, h},
                cells[i], cs, true);
    }
    (void)s;
    return h;
}

void screen_class_overview(Screens *s, UiContext *ui) {
    ScreensTeacher *t = &s->teacher;
    if (s->entered) {
        s->entered = false;
        load_overview(s);
        ui_focus(ui, ui_id("overview-pack", (int)t->overview_course));
    }
    UiRect area;
    if (screens_top_bar(s, ui, S(s, "class_overview"), true, &area)) {
        screens_go(s, SCREEN_TEACHER);
        return;
    }
    area.h -= screens_error_band(s, ui, area);
    const UiTheme *th = &ui->theme;
    int margin = ui_px(ui, 16), gap = ui_px(ui, 8);
    int w = area.w - 2 * margin, x = area.x + margin;
    int off = ui_scroll_begin(ui, area, ui_id("screen-class-overview", 0));
    int y = area.y + margin - off;
    UiTextStyle body = {.color = th->text};
    if (s->course_count == 0) {
        y += ui_text(ui, (UiRect){x, y, w, 0}, S(s, "no_courses_teacher"), body, true);
        ui_scroll_end(ui, y + off - area.y + margin);
        return;
    }
    /* The packs, one button each; the chosen one is marked. */
    int cols = w >= ui_px(ui, 600) ? 3 : 2;
    int bw = (w - (cols - 1) * gap) / cols, bh = ui_px(ui, 46);
    for (size_t i = 0; i < s->course_count; i++) {
        const char *name = course_text(s->courses[i], &s->courses[i]->title, s->lang);
        int h = ui_button_height(ui, bw, name);
        if (h > bh) bh = h;
    }
    for (size_t i = 0; i < s->course_count; i++) {
        const Course *c = s->courses[i];
        UiRect r = {x + (int)(i % (size_t)cols) * (bw + gap),
                    y + (int)(i / (size_t)cols) * (bh + gap), bw, bh};
        if (ui_button(ui, ui_id("overview-pack", (int)i), r, course_text(c, &c->title, s->lang),
                      i == t->overview_course ? UI_BUTTON_SELECTED : UI_BUTTON_NORMAL)) {
            t->overview_course = i;
            load_overview(s);
        }
    }
    y += (int)((s->course_count + (size_t)cols - 1) / (size_t)cols) * (bh + gap) + gap;
    const Course *c = s->courses[t->overview_course];
    if (t->overview_count == 0) {
        y += ui_text(ui, (UiRect){x, y, w, 0}, S(s, "no_learners"), body, true);
        ui_scroll_end(ui, y + off - area.y + margin);
        return;
    }
    const char *head[4] = {S(s, "col_learner"), S(s, "col_completed"), S(s, "col_mastered"),
                           S(s, "col_mean_best")};
    y += overview_row(s, ui, x, y, w, head, NULL, true);
    for (size_t i = 0; i < t->overview_count; i++) {
        const SessionOverviewRow *r = &t->overview[i];
        char done[48], mastered[48], mean[48];
        /* "1 of 2" in words: "1 / 2" would read "2 / 1" in a right-to-left line. */
        char a[24], b[24], total[24];
        snprintf(a, sizeof a, "%zu", r->completed);
        snprintf(b, sizeof b, "%zu", r->mastered);
        snprintf(total, sizeof total, "%zu", c->lesson_count);
        screens_fill(done, sizeof done, S(s, "count_of"), "n", a, "total", total);
        screens_fill(mastered, sizeof mastered, S(s, "count_of"), "n", b, "total", total);
        if (r->mean_best >= 0)
            snprintf(mean, sizeof mean, "%d%%", (int)(r->mean_best * 100 + 0.5));
        else
            snprintf(mean, sizeof mean, "—");
        const char *cells[4] = {r->learner.name, done, mastered, mean};
        UiColor sw = screens_rgb(r->learner.colour);
        y += overview_row(s, ui, x, y, w, cells, &sw, false);
    }
    ui_scroll_end(ui, y + off - area.y + margin);
}

/* ---- Managing learners ---- */

void screen_manage_learners(Screens *s, UiContext *ui) {
    if (s->entered) {
        s->entered = false;
        screens_load_learners(s);
        ui_focus(ui, ui_id("manage", 0));
    }
    UiRect area;
    if (screens_top_bar(s, ui, S(s, "manage_learners"), true, &area)) {
        s->teacher.note[0] = '\0';
        screens_go(s, SCREEN_TEACHER);
        return;
    }
    area.h -= screens_error_band(s, ui, area);
    const UiTheme *th = &ui->theme;
    ScreenColumn column;
    int gap = ui_px(ui, 10);
    int y = screens_column_begin(ui, area, 760, 16, "screen-manage-learners", &column);
    int x = column.x, w = column.w;
    int nh = screens_teacher_note_draw(s, ui, x, y, w);
    if (nh) y += nh + gap;
    UiTextStyle body = {.color = th->text};
    if (s->learner_count == 0)
        y += ui_text(ui, (UiRect){x, y, w, 0}, S(s, "no_learners"), body, true) + gap;
    else
        y += ui_text(ui, (UiRect){x, y, w, 0}, S(s, "manage_help"), body, true) + gap;
    int cols = w >= ui_px(ui, 600) ? 3 : 2;
    int tw = (w - (cols - 1) * gap) / cols, th_ = ui_px(ui, 72);
    for (size_t i = 0; i < s->learner_count; i++) {
        UiRect r = {x + (int)(i % (size_t)cols) * (tw + gap),
                    y + (int)(i / (size_t)cols) * (th_ + gap), tw, th_};
        if (ui_tile(ui, ui_id("manage", (int)i), r, s->learners[i].name,
                    screens_rgb(s->learners[i].colour))) {
            s->teacher.edit = i;
            s->teacher.note[0] = '\0';
            screens_go(s, SCREEN_EDIT_LEARNER);
            ui_scroll_end(ui, 0);
            return;
        }
    }
    y += (int)((s->learner_count + (size_t)cols - 1) / (size_t)cols) * (th_ + gap);
    screens_column_end(ui, &column, y);
}

static int colour_index(uint32_t rgb) {
    for (int i = 0; i < SCREENS_COLOUR_COUNT; i++)
        if (SCREENS_COLOURS[i] == rgb) return i;
    return -1;
}

static void save_learner(Screens *s) {
    ScreensTeacher *t = &s->teacher;
    char name[128];
    const char *p = t->edit_name.data ? t->edit_name.data : "";
    while (*p == ' ') p++;
    snprintf(name, sizeof name, "%s", p);
    size_t n = strlen(name);
    while (n > 0 && name[n - 1] == ' ') name[--n] = '\0';
    if (n == 0) {
        screens_teacher_note(s, true, S(s, "name_empty"));
        return;
    }
    SessionLearner l = s->learners[t->edit];
    snprintf(l.name, sizeof l.name, "%s", name);
    if (t->edit_colour >= 0) l.colour = SCREENS_COLOURS[t->edit_colour];
    AilError err;
    if (s->session->learner_update(s->session->impl, &l, &err) != AIL_OK) {
        screens_fail(s, &err);
        return;
    }
    if (strcmp(s->learner.id, l.id) == 0) s->learner = l;
    char msg[300];
    screens_fill(msg, sizeof msg, S(s, "learner_saved"), "name", l.name, NULL, NULL);
    screens_teacher_note(s, false, msg);
    screens_go(s, SCREEN_MANAGE_LEARNERS);
}

void screen_edit_learner(Screens *s, UiContext *ui) {
    ScreensTeacher *t = &s->teacher;
    if (t->edit >= s->learner_count) {
        screens_go(s, SCREEN_MANAGE_LEARNERS);
        return;
    }
    const SessionLearner *l = &s->learners[t->edit];
    if (s->entered) {
        s->entered = false;
        ail_buf_clear(&t->edit_name);
        ail_buf_puts(&t->edit_name, l->name);
        t->edit_colour = colour_index(l->colour);
        ui_focus(ui, ui_id("edit-name", 0));
    }
    UiRect area;
    if (screens_top_bar(s, ui, l->name, true, &area)) {
        screens_go(s, SCREEN_MANAGE_LEARNERS);
        return;
    }
    area.h -= screens_error_band(s, ui, area);
    ScreenColumn column;
    int gap = ui_px(ui, 12);
    int y = screens_column_begin(ui, area, 640, 20, "screen-edit-learner", &column);
    int x = column.x, w = column.w;
    int nh = screens_teacher_note_draw(s, ui, x, y, w);
    if (nh) y += nh + gap;
    UiTextStyle label = {.bold = true, .color = ui->theme.text};
    y += ui_text(ui, (UiRect){x, y, w, 0}, S(s, "learner_name"), label, true) + gap / 2;
    int fh = ui_px(ui, 52);
    bool enter = ui_text_field(ui, ui_id("edit-name", 0), (UiRect){x, y, w, fh}, &t->edit_name,
                               S(s, "type_name"));
    y += fh + gap * 2;
    y += ui_text(ui, (UiRect){x, y, w, 0}, S(s, "learner_colour"), label, true) + gap / 2;
    int cw = (w - (SCREENS_COLOUR_COUNT / 2 - 1) * gap) / (SCREENS_COLOUR_COUNT / 2);
    int ch = ui_px(ui, 48);
    for (int i = 0; i < SCREENS_COLOUR_COUNT; i++) {
        UiRect r = {x + (i % 4) * (cw + gap), y + (i / 4) * (ch + gap), cw, ch};
        if (ui_tile(ui, ui_id("edit-colour", i), r, "", screens_rgb(SCREENS_COLOURS[i])))
            t->edit_colour = i;
        if (i == t->edit_colour) {
            int k = ui_px(ui, 5);
            ui_frame(ui, r, ui->theme.text, k);
            ui_frame(ui, (UiRect){r.x + k, r.y + k, r.w - 2 * k, r.h - 2 * k}, ui->theme.surface,
                     ui_px(ui, 2));
        }
    }
    y += 2 * ch + gap + gap * 2;
    int bw = (w - gap) / 2, bh = ui_px(ui, 52);
    if (ui_button(ui, ui_id("edit-cancel", 0), (UiRect){x, y, bw, bh}, S(s, "cancel"),
                  UI_BUTTON_NORMAL)) {
        t->note[0] = '\0';
        screens_go(s, SCREEN_MANAGE_LEARNERS);
        ui_scroll_end(ui, 0);
        return;
    }
    bool save = ui_button(ui, ui_id("edit-save", 0), (UiRect){x + bw + gap, y, bw, bh},
                          S(s, "save"), UI_BUTTON_PRIMARY);
    y += bh;
    screens_column_end(ui, &column, y);
    if (save || enter) save_learner(s);
}
