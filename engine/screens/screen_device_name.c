/*
 * The teacher area's "Name this laptop": one text field holding the laptop's name
 * ("Room 4, laptop 7"), which every progress file exported from it carries (inside,
 * and in the file's name), so that a trainer can tell the laptops apart.
 *
 * The field edits the teacher area's edit_name buffer (free while no learner is being
 * edited); Save goes through the session (device_rename), Cancel and Back keep the old
 * name. A session without device naming (a fake in a test) shows the screen with no
 * name and refuses to save.
 */
#include "screens/screens_internal.h"

#include <stdio.h>
#include <string.h>

/* The typed name without spaces around it, cut at a character boundary to fit
 * SESSION_DEVICE_NAME_MAX, into out. */
static size_t clean_name(const char *typed, char out[SESSION_DEVICE_NAME_MAX]) {
    while (*typed == ' ') typed++;
    size_t n = strlen(typed);
    if (n >= SESSION_DEVICE_NAME_MAX) {
        n = SESSION_DEVICE_NAME_MAX - 1;
        while (n > 0 && ((unsigned char)typed[n] & 0xC0) == 0x80) n--; /* not mid-character */
    }
    memcpy(out, typed, n);
    out[n] = '\0';
    while (n > 0 && out[n - 1] == ' ') out[--n] = '\0';
    return n;
}

static void save_device_name(Screens *s) {
    ScreensTeacher *t = &s->teacher;
    char name[SESSION_DEVICE_NAME_MAX];
    if (!clean_name(t->edit_name.data ? t->edit_name.data : "", name)) {
        screens_teacher_note(s, true, S(s, "device_name_empty"));
        return;
    }
    AilError err;
    ail_error_clear(&err);
    if (!s->session->device_rename) {
        ail_error_set(&err, AIL_ERR_USAGE, "this session cannot name the device");
        screens_fail_with(s, "device_name_not_saved", &err);
        return;
    }
    if (s->session->device_rename(s->session->impl, name, &err) != AIL_OK) {
        screens_fail_with(s, "device_name_not_saved", &err);
        return;
    }
    char msg[400];
    screens_fill(msg, sizeof msg, S(s, "device_name_saved"), "name", name, NULL, NULL);
    screens_teacher_note(s, false, msg);
    screens_go(s, SCREEN_TEACHER);
}

/* On the first frame: the field holds the current name and has the focus. */
static void enter_device_name(Screens *s, UiContext *ui) {
    ScreensTeacher *t = &s->teacher;
    char name[SESSION_DEVICE_NAME_MAX] = "";
    AilError err;
    ail_error_clear(&err);
    if (s->session->device_name_get &&
        s->session->device_name_get(s->session->impl, name, sizeof name, &err) != AIL_OK) {
        screens_fail_with(s, "not_read", &err);
        name[0] = '\0';
    }
    ail_buf_clear(&t->edit_name);
    ail_buf_puts(&t->edit_name, name);
    ui_focus(ui, ui_id("device-name", 0));
}

void screen_device_name(Screens *s, UiContext *ui) {
    ScreensTeacher *t = &s->teacher;
    if (s->entered) {
        s->entered = false;
        enter_device_name(s, ui);
    }
    UiRect area;
    if (screens_top_bar(s, ui, S(s, "device_name"), true, &area)) {
        t->note[0] = '\0';
        screens_go(s, SCREEN_TEACHER);
        return;
    }
    area.h -= screens_error_band(s, ui, area);
    ScreenColumn column;
    int gap = ui_px(ui, 12);
    int y = screens_column_begin(ui, area, 640, 20, "screen-device-name", &column);
    int x = column.x, w = column.w;
    int nh = screens_teacher_note_draw(s, ui, x, y, w);
    if (nh) y += nh + gap;
    UiTextStyle label = {.bold = true, .color = ui->theme.text};
    UiTextStyle body = {.color = ui->theme.text};
    y += ui_text(ui, (UiRect){x, y, w, 0}, S(s, "device_name_label"), label, true) + gap / 2;
    int fh = ui_px(ui, 52);
    bool enter = ui_text_field(ui, ui_id("device-name", 0), (UiRect){x, y, w, fh}, &t->edit_name,
                               S(s, "device_name_example"));
    y += fh + gap;
    y += ui_text(ui, (UiRect){x, y, w, 0}, S(s, "device_name_help"), body, true) + gap * 2;
    int bw = (w - gap) / 2, bh = ui_px(ui, 52);
    if (ui_button(ui, ui_id("device-name-cancel", 0), (UiRect){x, y, bw, bh}, S(s, "cancel"),
                  UI_BUTTON_NORMAL)) {
        t->note[0] = '\0';
        screens_go(s, SCREEN_TEACHER);
        ui_scroll_end(ui, 0);
        return;
    }
    bool save = ui_button(ui, ui_id("device-name-save", 0), (UiRect){x + bw + gap, y, bw, bh},
                          S(s, "save"), UI_BUTTON_PRIMARY);
    y += bh;
    screens_column_end(ui, &column, y);
    if (save || enter) {
        save_device_name(s);
        /* Refused: the field keeps the focus, so the teacher types on. */
        if (s->screen == SCREEN_DEVICE_NAME) ui_focus(ui, ui_id("device-name", 0));
    }
}
