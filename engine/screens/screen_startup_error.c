/*
 * The start-up screen: shown instead of the learner screen when the progress store
 * cannot be opened (or while ailit waits for another window that holds it). It says
 * in the user's language what happened and what to do, names the files concerned,
 * and offers Quit (Enter or Escape) and the UI languages. There is no session here,
 * so nothing on this screen leads anywhere else.
 */
#include "screens/screens_internal.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

/* The sentence for the problem, with its paths filled in, into out. */
static const char *startup_text(const Screens *s, char *out, size_t out_size) {
    const ScreensStartup *w = &s->startup;
    static const char *const KEYS[] = {
        [SCREENS_STARTUP_WAITING] = "startup_waiting",
        [SCREENS_STARTUP_BUSY] = "startup_busy",
        [SCREENS_STARTUP_NO_FOLDER] = "startup_no_folder",
        [SCREENS_STARTUP_FOLDER_READ_ONLY] = "startup_folder_read_only",
        [SCREENS_STARTUP_FILE_READ_ONLY] = "startup_file_read_only",
        [SCREENS_STARTUP_FILE_UNREADABLE] = "startup_file_unreadable",
        [SCREENS_STARTUP_DAMAGED] = "startup_damaged",
        [SCREENS_STARTUP_NEWER] = "startup_newer",
        [SCREENS_STARTUP_DISK_FULL] = "startup_disk_full",
        [SCREENS_STARTUP_OTHER] = "startup_other",
    };
    assert(w->problem >= 0 && (size_t)w->problem < sizeof KEYS / sizeof KEYS[0]);
    const char *key = KEYS[w->problem];
    if (w->problem == SCREENS_STARTUP_DAMAGED && !w->aside[0]) key = "startup_damaged_no_copy";
    if (w->problem == SCREENS_STARTUP_OTHER && !w->log[0]) key = "startup_other_no_log";
    /* In a right-to-left sentence a path is kept left to right between two
     * left-to-right marks, or its leading "/" would move to its end. */
    char paths[4][4200];
    const char *values[4] = {w->file, w->folder, w->aside, w->log};
    bool rtl = screens_lang_rtl(s->lang);
    for (int i = 0; i < 4; i++)
        if (snprintf(paths[i], sizeof paths[i], "%s%s%s", rtl ? "\u200E" : "", values[i],
                     rtl ? "\u200E" : "") >= (int)sizeof paths[i])
            paths[i][0] = '\0';
    char first[9000];
    /* {log} and {aside} never appear in the same sentence. */
    screens_fill(first, sizeof first, S(s, key), "file", paths[0], "folder", paths[1]);
    return screens_fill(out, out_size, first, "aside", paths[2], "log", paths[3]);
}

/* The bar on top: the title only (no settings: there is no store to keep them). */
static int startup_bar(Screens *s, UiContext *ui, const char *title) {
    int pad = ui_px(ui, 8);
    UiTextStyle ts = {.px = ui->text_px * 9 / 8, .bold = true, .color = ui->theme.bar_text};
    int w = ui->width - 4 * pad;
    int th = ui_text(ui, (UiRect){2 * pad, 0, w, 0}, title, ts, false);
    int bh = th + 2 * pad > ui_px(ui, 52) ? th + 2 * pad : ui_px(ui, 52);
    ui_fill(ui, (UiRect){0, 0, ui->width, bh}, ui->theme.bar);
    if (s->high_contrast)
        ui_fill(ui, (UiRect){0, bh - ui_px(ui, 2), ui->width, ui_px(ui, 2)}, ui->theme.border);
    ui_text(ui, (UiRect){2 * pad, (bh - th) / 2, w, th}, title, ts, true);
    return bh;
}

/* The UI languages, each named in its own language; a press switches at once. */
static int startup_languages(Screens *s, UiContext *ui, int x, int y, int w) {
    int gap = ui_px(ui, 8), bh = ui_px(ui, 44);
    int cols = w >= ui_px(ui, 600) ? SCREENS_LANGUAGE_COUNT : 3;
    int bw = (w - (cols - 1) * gap) / cols;
    for (int i = 0; i < SCREENS_LANGUAGE_COUNT; i++) {
        const char *code = SCREENS_LANGUAGES[i];
        UiRect r = {x + (i % cols) * (bw + gap), y + (i / cols) * (bh + gap), bw, bh};
        bool on = strcmp(code, s->lang) == 0;
        if (ui_button(ui, ui_id("startup-lang", i), r, screens_string(code, "language_name"),
                      on ? UI_BUTTON_SELECTED : UI_BUTTON_NORMAL))
            snprintf(s->lang, sizeof s->lang, "%s", code);
    }
    return ((SCREENS_LANGUAGE_COUNT + cols - 1) / cols) * (bh + gap);
}

void screen_startup_error(Screens *s, UiContext *ui) {
    if (s->entered) {
        s->entered = false;
        ui_focus(ui, ui_id("startup-quit", 0));
    }
    bool waiting = s->startup.problem == SCREENS_STARTUP_WAITING;
    int bh = startup_bar(s, ui, S(s, waiting ? "startup_wait_title" : "startup_title"));
    UiRect area = {0, bh, ui->width, ui->height - bh};
    ScreenColumn col;
    int y = screens_column_begin(ui, area, 760, 24, "screen-startup", &col);
    int gap = ui_px(ui, 16);
    char text[13000];
    startup_text(s, text, sizeof text);
    UiTextStyle body = {.color = ui->theme.text};
    y += ui_text(ui, (UiRect){col.x, y, col.w, 0}, text, body, true) + 2 * gap;
    int qh = ui_px(ui, 56);
    bool quit = ui_button(ui, ui_id("startup-quit", 0), (UiRect){col.x, y, col.w, qh},
                          S(s, "startup_quit"), UI_BUTTON_PRIMARY);
    y += qh + 2 * gap;
    y += startup_languages(s, ui, col.x, y, col.w);
    screens_column_end(ui, &col, y);
    if (ui->in.key == UI_KEY_ESCAPE && !ui->consumed) {
        ui->consumed = true;
        quit = true;
    }
    if (quit) s->quit = true;
}
