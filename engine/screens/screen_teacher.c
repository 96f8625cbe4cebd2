/*
 * The teacher area's door and hall: the PIN screen and the teacher's menu.
 *
 * The first time, the teacher chooses a PIN (4 to 12 digits, typed twice); after
 * that the PIN is asked each time the area is opened from the learner screen or from
 * Settings. Only the session sees the PIN, and it keeps only a hash of it. Digits
 * come from the keyboard or from an on-screen keypad (the Raspberry Pi touch screen
 * has no keyboard); the field shows dots, never digits. Leaving the area (Back to the
 * learner screen) locks it again.
 *
 * Wrong PINs in a row earn a wait, which the session keeps (in the progress store, so
 * that it outlasts a restart) and enforces; this screen only shows it: while a wait
 * runs, the field and keypad are gone, a sentence says how long is left, and the app
 * is woken (screens_wake_ms) only when that sentence changes and when the wait ends.
 *
 * When this computer's clock is wrong (far behind the time progress may be dated
 * from), the menu says so first, with both dates, in the teacher's language.
 */
#include "screens/screens_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void screens_teacher_note(Screens *s, bool bad, const char *text) {
    snprintf(s->teacher.note, sizeof s->teacher.note, "%s", text ? text : "");
    s->teacher.note_bad = bad;
}

/* A band with text: its first line in bold, lines after it (a pack's problems,
 * FILE:LINE:COL, in English) as details, in the regular weight and always left to
 * right. Returns its height. */
static int note_band(UiContext *ui, int x, int y, int w, const char *text, bool bad) {
    const UiTheme *t = &ui->theme;
    int pad = ui_px(ui, 10);
    UiColor fg = bad ? t->bad_text : t->good_text;
    UiTextStyle head = {.bold = true, .color = fg};
    UiTextStyle rest = {.color = fg, .px = ui->text_px * 7 / 8, .ltr = true};
    char first[600];
    const char *nl = strchr(text, '\n');
    size_t n = nl ? (size_t)(nl - text) : strlen(text);
    snprintf(first, sizeof first, "%.*s", (int)n, text);
    const char *details = nl ? nl + 1 : "";
    int iw = w - 2 * pad;
    int h1 = ui_text(ui, (UiRect){0, 0, iw, 0}, first, head, false);
    int h2 = details[0] ? ui_text(ui, (UiRect){0, 0, iw, 0}, details, rest, false) + pad / 2 : 0;
    int h = h1 + h2 + 2 * pad;
    ui_fill(ui, (UiRect){x, y, w, h}, bad ? t->bad : t->good);
    ui_text(ui, (UiRect){x + pad, y + pad, iw, h1}, first, head, true);
    if (details[0])
        ui_text(ui, (UiRect){x + pad, y + pad + h1 + pad / 2, iw, h2}, details, rest, true);
    return h;
}

int screens_teacher_note_draw(Screens *s, UiContext *ui, int x, int y, int w) {
    if (!s->teacher.note[0]) return 0;
    return note_band(ui, x, y, w, s->teacher.note, s->teacher.note_bad);
}

/* ms (since 1970) as a date on this computer's calendar, in the UI's language
 * ("1 January 1970", "1er janvier 1970", "1970年1月1日"). */
static const char *long_date(const Screens *s, int64_t ms, char *out, size_t size) {
    time_t secs = (time_t)(ms / 1000 - (ms % 1000 < 0));
    struct tm tm;
    if (!localtime_r(&secs, &tm)) return screens_fill(out, size, "?", NULL, NULL, NULL, NULL);
    char key[24], day[16], year[16], half[200];
    snprintf(key, sizeof key, "month_%d", tm.tm_mon + 1);
    if (tm.tm_mday == 1)
        snprintf(day, sizeof day, "%s", S(s, "date_first_day"));
    else
        snprintf(day, sizeof day, "%d", tm.tm_mday);
    snprintf(year, sizeof year, "%d", tm.tm_year + 1900);
    screens_fill(half, sizeof half, S(s, "date_long"), "day", day, "month", S(s, key));
    return screens_fill(out, size, half, "year", year, NULL, NULL);
}

/* The band that tells the teacher this computer's clock is wrong, when it is. */
static int clock_band(Screens *s, UiContext *ui, int x, int y, int w) {
    int64_t says = 0, from = 0;
    if (!s->session->clock_wrong || !s->session->clock_wrong(s->session->impl, &says, &from))
        return 0;
    char a[200], b[200], text[1200];
    screens_fill(text, sizeof text, S(s, "clock_wrong"), "clock", long_date(s, says, a, sizeof a),
                 "from", long_date(s, from, b, sizeof b));
    return note_band(ui, x, y, w, text, true);
}

static void free_list(char **list, size_t count) {
    for (size_t i = 0; i < count; i++) free(list[i]);
    free(list);
}

void screens_teacher_free(Screens *s) {
    ScreensTeacher *t = &s->teacher;
    ail_buf_free(&t->pin);
    ail_buf_free(&t->pin_first);
    ail_buf_free(&t->edit_name);
    free(t->overview);
    t->overview = NULL;
    t->overview_count = 0;
    free_list(t->sticks, t->stick_count);
    t->sticks = NULL;
    t->stick_count = 0;
    free_list(t->packs, t->pack_count);
    free(t->pack_info);
    t->pack_info = NULL;
    t->packs = NULL;
    t->pack_count = 0;
}

void screens_teacher_open(Screens *s) {
    ScreensTeacher *t = &s->teacher;
    bool set = false;
    int64_t wait = 0;
    AilError err;
    ail_buf_clear(&t->pin);
    ail_buf_clear(&t->pin_first);
    t->note[0] = '\0';
    s->error[0] = '\0';
    if (s->session->teacher_pin_exists(s->session->impl, &set, &wait, &err) != AIL_OK) {
        screens_fail_with(s, "pin_not_checked", &err);
        return;
    }
    t->pin_until = wait > 0 ? ail_mono_ms() + wait : 0;
    t->unlocked = false;
    t->changing = false;
    t->pin_step = set ? PIN_ASK : PIN_NEW;
    screens_go(s, SCREEN_TEACHER_PIN);
}

void screens_teacher_leave(Screens *s) {
    s->teacher.unlocked = false;
    s->teacher.changing = false;
    s->teacher.note[0] = '\0';
    ail_buf_clear(&s->teacher.pin);
    ail_buf_clear(&s->teacher.pin_first);
    screens_go(s, SCREEN_LEARNERS);
}

/* Clears a buffer that held PIN digits so they do not linger in memory. */
static void wipe(AilBuf *b) {
    if (b->data) memset(b->data, 0, b->len);
    ail_buf_clear(b);
}

/* ---- The wait after wrong PINs ---- */

/* True while no PIN may be tried (only when asking for the PIN: choosing a new one
 * has no wait). */
static bool pin_waiting(const Screens *s, int64_t now) {
    const ScreensTeacher *t = &s->teacher;
    return t->pin_step == PIN_ASK && t->pin_until > now;
}

/* Seconds left, rounded up; shown as whole minutes above one minute. */
static int64_t wait_seconds(int64_t left_ms) { return (left_ms + 999) / 1000; }

/* "Too many wrong PINs. Try again in N minutes." for left_ms, into out. */
static const char *pin_wait_text(const Screens *s, int64_t left_ms, char *out, size_t size) {
    int64_t secs = wait_seconds(left_ms);
    char n[24];
    if (secs == 60) return screens_fill(out, size, S(s, "pin_wait_minute"), NULL, NULL, NULL, NULL);
    snprintf(n, sizeof n, "%lld", (long long)(secs > 60 ? (secs + 59) / 60 : secs));
    return screens_fill(out, size, S(s, secs > 60 ? "pin_wait_minutes" : "pin_wait_seconds"), "n",
                        n, NULL, NULL);
}

int64_t screens_wake_ms(const Screens *s) {
    const ScreensTeacher *t = &s->teacher;
    if (s->screen != SCREEN_TEACHER_PIN || t->pin_step != PIN_ASK || !t->pin_until) return 0;
    int64_t now = ail_mono_ms(), left = t->pin_until - now;
    if (left <= 0) return now; /* the wait is over: one frame to put the keypad back */
    int64_t secs = wait_seconds(left);
    /* The sentence changes when the rounded-up count does. */
    if (secs > 60) return t->pin_until - ((secs + 59) / 60 - 1) * 60 * 1000;
    return t->pin_until - (secs - 1) * 1000;
}

static void pin_submit(Screens *s) {
    ScreensTeacher *t = &s->teacher;
    AilError err;
    size_t n = t->pin.len;
    if (pin_waiting(s, ail_mono_ms())) {
        wipe(&t->pin);
        return;
    }
    if (n < SESSION_TEACHER_PIN_MIN || n > SESSION_TEACHER_PIN_MAX) {
        screens_teacher_note(s, true, S(s, "pin_length"));
        return;
    }
    if (t->pin_step == PIN_ASK) {
        bool ok = false;
        int64_t wait = 0;
        if (s->session->teacher_pin_check(s->session->impl, t->pin.data, &ok, &wait, &err) !=
            AIL_OK) {
            wipe(&t->pin);
            screens_fail_with(s, "pin_not_checked", &err);
            return;
        }
        wipe(&t->pin);
        t->pin_until = !ok && wait > 0 ? ail_mono_ms() + wait : 0;
        if (!ok) {
            screens_teacher_note(s, true, t->pin_until ? "" : S(s, "pin_wrong"));
            return;
        }
        t->unlocked = true;
        t->note[0] = '\0';
        screens_go(s, SCREEN_TEACHER);
    } else if (t->pin_step == PIN_NEW) {
        ail_buf_clear(&t->pin_first);
        ail_buf_puts(&t->pin_first, t->pin.data);
        wipe(&t->pin);
        t->pin_step = PIN_CONFIRM;
        t->note[0] = '\0';
    } else {
        bool same = strcmp(t->pin.data, t->pin_first.data ? t->pin_first.data : "") == 0;
        if (!same) {
            wipe(&t->pin);
            wipe(&t->pin_first);
            t->pin_step = PIN_NEW;
            screens_teacher_note(s, true, S(s, "pin_differ"));
            return;
        }
        AilResult rc = s->session->teacher_pin_set(s->session->impl, t->pin.data, &err);
        wipe(&t->pin);
        wipe(&t->pin_first);
        if (rc != AIL_OK) {
            screens_fail_with(s, "pin_not_saved", &err);
            return;
        }
        t->unlocked = true;
        t->changing = false;
        screens_teacher_note(s, false, S(s, "pin_saved"));
        screens_go(s, SCREEN_TEACHER);
    }
}

/* The PIN screen during a wait: the question, the field (which keeps the focus, so
 * that Enter does not press Back) and how long is left; no keypad. Whatever is typed
 * is dropped. */
static void pin_wait_draw(Screens *s, UiContext *ui, UiRect area) {
    ScreensTeacher *t = &s->teacher;
    ScreenColumn column;
    int gap = ui_px(ui, 8), fh = ui_px(ui, 48);
    int y = screens_column_begin(ui, area, 420, 16, "screen-teacher-pin", &column);
    UiTextStyle hs = {.bold = true, .color = ui->theme.text};
    y += ui_text(ui, (UiRect){column.x, y, column.w, 0}, S(s, "pin_ask"), hs, true) + gap;
    ui_pin_field(ui, ui_id("pin", 0), (UiRect){column.x, y, column.w, fh}, &t->pin,
                 SESSION_TEACHER_PIN_MAX, S(s, "pin_field"));
    wipe(&t->pin);
    y += fh + gap;
    y += screens_teacher_note_draw(s, ui, column.x, y, column.w) + gap;
    screens_column_end(ui, &column, y);
}

void screen_teacher_pin(Screens *s, UiContext *ui) {
    ScreensTeacher *t = &s->teacher;
    if (s->entered) {
        s->entered = false;
        ui_focus(ui, ui_id("pin", 0));
    }
    UiRect area;
    if (screens_top_bar(s, ui, S(s, t->changing ? "change_pin" : "teacher_area"), true, &area)) {
        /* Back from changing the PIN keeps the old one and the area open. */
        if (t->changing) {
            t->changing = false;
            wipe(&t->pin);
            wipe(&t->pin_first);
            t->note[0] = '\0';
            screens_go(s, SCREEN_TEACHER);
        } else {
            screens_teacher_leave(s);
        }
        return;
    }
    area.h -= screens_error_band(s, ui, area);
    int64_t now = ail_mono_ms();
    if (pin_waiting(s, now)) {
        char text[sizeof t->note];
        screens_teacher_note(s, true, pin_wait_text(s, t->pin_until - now, text, sizeof text));
        pin_wait_draw(s, ui, area);
        return;
    }
    if (t->pin_until) { /* the wait is over */
        t->pin_until = 0;
        t->note[0] = '\0';
    }
    /* Digits typed while a key of the keypad has the focus (after a tap on it) go into
     * the PIN too, as does Backspace. */
    uint32_t field_id = ui_id("pin", 0);
    if (ui->focus_id != field_id) {
        for (const char *p = ui->in.text; *p; p++)
            if (*p >= '0' && *p <= '9' && t->pin.len < SESSION_TEACHER_PIN_MAX)
                ail_buf_append(&t->pin, p, 1);
        if (ui->in.key == UI_KEY_BACKSPACE && t->pin.len) t->pin.data[--t->pin.len] = '\0';
    }
    ui->wants_text = true;
    const UiTheme *th = &ui->theme;
    ScreenColumn column;
    int gap = ui_px(ui, 8);
    int y = screens_column_begin(ui, area, 420, 16, "screen-teacher-pin", &column);
    int x = column.x, w = column.w;
    const char *ask = t->pin_step == PIN_ASK   ? S(s, "pin_ask")
                      : t->pin_step == PIN_NEW ? S(s, "pin_new")
                                               : S(s, "pin_confirm");
    UiTextStyle hs = {.bold = true, .color = th->text};
    y += ui_text(ui, (UiRect){x, y, w, 0}, ask, hs, true) + gap;
    int fh = ui_px(ui, 48);
    bool enter = ui_pin_field(ui, ui_id("pin", 0), (UiRect){x, y, w, fh}, &t->pin,
                              SESSION_TEACHER_PIN_MAX, S(s, "pin_field"));
    y += fh + gap;
    int nh = screens_teacher_note_draw(s, ui, x, y, w);
    if (nh) y += nh + gap;
    /* The keypad reads 1 2 3 from the left in every language, as on a phone: in a
     * right-to-left layout the columns are given mirrored so that the mirror puts
     * them back. */
    static const char *const keys[12] = {"1", "2", "3", "4",  "5", "6",
                                         "7", "8", "9", NULL, "0", NULL};
    int kw = (w - 2 * gap) / 3, kh = ui_px(ui, 46);
    bool submit = enter;
    for (int i = 0; i < 12; i++) {
        int col = ui->rtl ? 2 - i % 3 : i % 3;
        UiRect r = {x + col * (kw + gap), y + (i / 3) * (kh + gap), kw, kh};
        if (keys[i]) {
            if (ui_button(ui, ui_id("pin-key", i), r, keys[i], UI_BUTTON_NORMAL) &&
                t->pin.len < SESSION_TEACHER_PIN_MAX)
                ail_buf_puts(&t->pin, keys[i]);
        } else if (i == 9) {
            if (ui_button(ui, ui_id("pin-erase", 0), r, S(s, "pin_erase"), UI_BUTTON_NORMAL) &&
                t->pin.len) {
                t->pin.data[--t->pin.len] = '\0';
            }
        } else {
            const char *label = t->pin_step == PIN_NEW ? S(s, "next") : S(s, "pin_ok");
            if (ui_button(ui, ui_id("pin-ok", 0), r, label, UI_BUTTON_PRIMARY)) submit = true;
        }
    }
    y += 4 * kh + 3 * gap;
    screens_column_end(ui, &column, y);
    if (submit) {
        pin_submit(s);
        ui_focus(ui, ui_id("pin", 0));
    }
}

/* ---- The teacher's menu ---- */

void screen_teacher(Screens *s, UiContext *ui) {
    if (!s->teacher.unlocked) {
        screens_teacher_open(s);
        return;
    }
    if (s->entered) {
        s->entered = false;
        ui_focus(ui, ui_id("teacher", 0));
    }
    UiRect area;
    if (screens_top_bar(s, ui, S(s, "teacher_area"), true, &area)) {
        screens_teacher_leave(s);
        return;
    }
    area.h -= screens_error_band(s, ui, area);
    ScreenColumn column;
    int gap = ui_px(ui, 10);
    int y = screens_column_begin(ui, area, 640, 16, "screen-teacher", &column);
    int x = column.x, w = column.w;
    int ch = clock_band(s, ui, x, y, w);
    if (ch) y += ch + gap;
    int nh = screens_teacher_note_draw(s, ui, x, y, w);
    if (nh) y += nh + gap;
    /* A new item goes last: scripts reach the items by their index. */
    enum { ITEMS = 7 };
    static const char *const items[ITEMS] = {"class_overview", "manage_learners", "export_title",
                                             "import_title",   "settings",        "change_pin",
                                             "device_name"};
    static const ScreenId targets[ITEMS] = {SCREEN_CLASS_OVERVIEW, SCREEN_MANAGE_LEARNERS,
                                            SCREEN_EXPORT,         SCREEN_IMPORT,
                                            SCREEN_SETTINGS,       SCREEN_TEACHER_PIN,
                                            SCREEN_DEVICE_NAME};
    int cols = w >= ui_px(ui, 560) ? 2 : 1;
    int bw = (w - (cols - 1) * gap) / cols;
    int bh = ui_px(ui, 58);
    for (int i = 0; i < ITEMS; i++) {
        int h = ui_button_height(ui, bw, S(s, items[i]));
        if (h > bh) bh = h;
    }
    for (int i = 0; i < ITEMS; i++) {
        UiRect r = {x + (i % cols) * (bw + gap), y + (i / cols) * (bh + gap), bw, bh};
        if (ui_button(ui, ui_id("teacher", i), r, S(s, items[i]),
                      i < 4 ? UI_BUTTON_PRIMARY : UI_BUTTON_NORMAL)) {
            s->teacher.note[0] = '\0';
            s->error[0] = '\0';
            if (targets[i] == SCREEN_SETTINGS) s->before_settings = SCREEN_TEACHER;
            if (targets[i] == SCREEN_TEACHER_PIN) {
                s->teacher.changing = true;
                s->teacher.pin_step = PIN_NEW;
                wipe(&s->teacher.pin);
            }
            screens_go(s, targets[i]);
            ui_scroll_end(ui, 0);
            return;
        }
    }
    y += ((ITEMS + cols - 1) / cols) * (bh + gap);
    screens_column_end(ui, &column, y);
}
