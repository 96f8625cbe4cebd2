/*
 * The teacher area's USB stick screens: export the progress to a stick, and import a
 * course pack from one. The session finds the sticks (the usual mount points), writes
 * the progress file and installs packs; these screens let the teacher choose and say
 * what happened, in a sentence, with the file written or the reason it failed.
 */
#include "screens/screens_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void free_list(char ***list, size_t *count) {
    for (size_t i = 0; i < *count; i++) free((*list)[i]);
    free(*list);
    *list = NULL;
    *count = 0;
}

static void find_sticks(Screens *s) {
    ScreensTeacher *t = &s->teacher;
    free_list(&t->sticks, &t->stick_count);
    free(t->pack_info);
    t->pack_info = NULL;
    free_list(&t->packs, &t->pack_count);
    t->stick = -1;
    AilError err;
    if (s->session->usb_sticks(s->session->impl, &t->sticks, &t->stick_count, &err) != AIL_OK)
        screens_fail_with(s, "stick_unreadable", &err);
}

/* The last part of a path, for a short label. */
static const char *base_name(const char *path) {
    const char *slash = strrchr(path, '/');
    return slash && slash[1] ? slash + 1 : path;
}

/* Lays out the list of sticks (or the sentence that there is none, and "Look again");
 * returns the index pressed, -1 for none, -2 for "Look again". */
static int stick_list(Screens *s, UiContext *ui, int x, int *y, int w) {
    ScreensTeacher *t = &s->teacher;
    const UiTheme *th = &ui->theme;
    int gap = ui_px(ui, 10);
    UiTextStyle body = {.color = th->text};
    UiTextStyle path = {.color = th->muted, .px = ui->text_px * 7 / 8, .ltr = true};
    int pressed = -1;
    if (t->stick_count == 0)
        *y += ui_text(ui, (UiRect){x, *y, w, 0}, S(s, "no_stick"), body, true) + gap;
    for (size_t i = 0; i < t->stick_count; i++) {
        const char *name = base_name(t->sticks[i]);
        int ph = ui_text(ui, (UiRect){0, 0, w - 2 * gap, 0}, t->sticks[i], path, false);
        int bh = ui_button_height(ui, w, name);
        if (bh < ui_px(ui, 52)) bh = ui_px(ui, 52);
        UiRect r = {x, *y, w, bh + ph};
        if (ui_area(ui, ui_id("stick", (int)i), r, name,
                    (int)i == t->stick ? UI_BUTTON_SELECTED : UI_BUTTON_NORMAL))
            pressed = (int)i;
        UiTextStyle ns = {.bold = true, .color = th->text};
        int nh = ui_text(ui, (UiRect){x + gap, 0, w - 2 * gap, 0}, name, ns, false);
        ui_text(ui, (UiRect){x + gap, *y + (bh - nh) / 2, w - 2 * gap, nh}, name, ns, true);
        ui_text(ui, (UiRect){x + gap, *y + bh - gap / 2, w - 2 * gap, ph}, t->sticks[i], path,
                true);
        *y += bh + ph + gap;
    }
    if (ui_button(ui, ui_id("look-again", 0), (UiRect){x, *y, w, ui_px(ui, 48)}, S(s, "look_again"),
                  UI_BUTTON_NORMAL))
        pressed = -2;
    *y += ui_px(ui, 48) + gap;
    return pressed;
}

/* ---- Export ---- */

static void export_to(Screens *s, const char *dir) {
    char file[512] = "", msg[1400], n[32];
    size_t count = 0;
    AilError err;
    ail_error_clear(&err);
    SessionExportProblem problem = SESSION_EXPORT_FAILED;
    if (s->session->export_progress(s->session->impl, dir, s->teacher.anonymous, file, sizeof file,
                                    &count, &problem, &err) != AIL_OK) {
        /* Nothing was marked as exported: the next export carries the same records. */
        if (problem == SESSION_EXPORT_GONE)
            screens_teacher_note(s, true, S(s, "export_gone"));
        else if (problem == SESSION_EXPORT_LOCKED)
            screens_teacher_note(s, true, S(s, "export_locked"));
        else if (problem == SESSION_EXPORT_FULL)
            screens_teacher_note(s, true, S(s, "export_full"));
        else
            screens_teacher_note(s, true, S(s, "export_failed"));
        /* The technical text (English, perhaps SQLite's) goes to the log only. */
        if (s->session->log) s->session->log(s->session->impl, "export_failed", &err);
        return;
    }
    if (!file[0]) {
        screens_teacher_note(s, false, S(s, "export_nothing"));
        return;
    }
    snprintf(n, sizeof n, "%zu", count);
    screens_fill(msg, sizeof msg, S(s, count == 1 ? "export_done_one" : "export_done"), "file",
                 file, "n", n);
    screens_teacher_note(s, false, msg);
}

void screen_export(Screens *s, UiContext *ui) {
    ScreensTeacher *t = &s->teacher;
    if (s->entered) {
        s->entered = false;
        find_sticks(s);
        ui_focus(ui, ui_id(t->stick_count ? "stick" : "look-again", 0));
    }
    UiRect area;
    if (screens_top_bar(s, ui, S(s, "export_bar"), true, &area)) {
        t->note[0] = '\0';
        screens_go(s, SCREEN_TEACHER);
        return;
    }
    area.h -= screens_error_band(s, ui, area);
    ScreenColumn column;
    int gap = ui_px(ui, 10);
    int y = screens_column_begin(ui, area, 700, 16, "screen-export", &column);
    int x = column.x, w = column.w;
    int nh = screens_teacher_note_draw(s, ui, x, y, w);
    if (nh) y += nh + gap;
    UiTextStyle body = {.color = ui->theme.text};
    /* Names stay on the device when the file goes to someone who does not need them
     * (the trainer then sees pseudonyms). */
    const char *names = S(s, t->anonymous ? "export_names_off" : "export_names_on");
    int th = ui_button_height(ui, w, names);
    if (th < ui_px(ui, 48)) th = ui_px(ui, 48);
    if (ui_button(ui, ui_id("export-names", 0), (UiRect){x, y, w, th}, names,
                  t->anonymous ? UI_BUTTON_SELECTED : UI_BUTTON_NORMAL))
        t->anonymous = !t->anonymous;
    y += th + gap;
    if (t->stick_count)
        y += ui_text(ui, (UiRect){x, y, w, 0}, S(s, "export_help"), body, true) + gap;
    int pressed = stick_list(s, ui, x, &y, w);
    screens_column_end(ui, &column, y);
    if (pressed == -2) {
        t->note[0] = '\0';
        find_sticks(s);
    } else if (pressed >= 0) {
        export_to(s, t->sticks[pressed]);
        ui->scroll_y = 0; /* the note saying what happened is at the top */
    }
}

/* ---- Import ---- */

/* Loads each pack found to show its title, version and whether it has problems
 * (the import validates it again: the stick may change in between). */
static void describe_packs(Screens *s) {
    ScreensTeacher *t = &s->teacher;
    t->pack_info = ail_xcalloc(t->pack_count + 1, sizeof *t->pack_info);
    for (size_t i = 0; i < t->pack_count; i++) {
        ScreensPackInfo *info = &t->pack_info[i];
        CourseReport report;
        course_report_init(&report);
        Course *c = NULL;
        if (course_load(t->packs[i], NULL, &c, &report) == AIL_OK && c) {
            snprintf(info->title, sizeof info->title, "%s", course_text(c, &c->title, s->lang));
            snprintf(info->version, sizeof info->version, "%s", c->version);
            course_free(c);
        } else {
            snprintf(info->title, sizeof info->title, "%s", base_name(t->packs[i]));
            info->problems = report.errors ? report.errors : 1;
        }
        course_report_free(&report);
    }
}

static void find_packs(Screens *s) {
    ScreensTeacher *t = &s->teacher;
    free(t->pack_info);
    t->pack_info = NULL;
    free_list(&t->packs, &t->pack_count);
    if (t->stick < 0 || (size_t)t->stick >= t->stick_count) return;
    const char *dir = t->sticks[t->stick];
    AilError err;
    /* A pack at the top of the stick, then the packs in its folders. */
    char top[4096];
    struct stat st;
    if (ail_path_join(top, sizeof top, dir, "pack.json") == AIL_OK && stat(top, &st) == 0) {
        t->packs = ail_xcalloc(1, sizeof *t->packs);
        t->packs[t->pack_count++] = ail_xstrdup(dir);
    }
    char **found = NULL;
    size_t n = 0;
    if (course_find_packs(dir, &found, &n, &err) != AIL_OK) {
        screens_fail_with(s, "stick_unreadable", &err);
        return;
    }
    if (n) t->packs = ail_xrealloc(t->packs, (t->pack_count + n) * sizeof *t->packs);
    for (size_t i = 0; i < n; i++) t->packs[t->pack_count++] = found[i];
    free(found);
    describe_packs(s);
}

static void import_pack(Screens *s, const char *dir) {
    SessionImport r;
    memset(&r, 0, sizeof r);
    AilError err;
    ail_error_clear(&err);
    char msg[1600], n[32];
    AilResult rc = s->session->pack_import(s->session->impl, dir, s->lang, &r, &err);
    if (rc == AIL_OK) {
        screens_fill(msg, sizeof msg, S(s, "import_done"), "title", r.title, "version", r.version);
        screens_teacher_note(s, false, msg);
        s->teacher.courses_changed = true;
    } else if (r.problems) {
        char head[400];
        snprintf(n, sizeof n, "%zu", r.problems);
        screens_fill(head, sizeof head, S(s, "import_refused"), "n", n, NULL, NULL);
        snprintf(msg, sizeof msg, "%s\n%s", head, r.details);
        screens_teacher_note(s, true, msg);
    } else {
        /* The reason is ailit's own (a file too big, a link, a failed copy: never
         * SQLite's), on a line of its own below the sentence, as a refused pack's
         * problems are. */
        snprintf(msg, sizeof msg, "%s\n%s", S(s, "import_failed"), err.message);
        screens_teacher_note(s, true, msg);
        if (s->session->log) s->session->log(s->session->impl, "import_failed", &err);
    }
}

void screen_import(Screens *s, UiContext *ui) {
    ScreensTeacher *t = &s->teacher;
    if (s->entered) {
        s->entered = false;
        find_sticks(s);
        if (t->stick_count == 1) {
            t->stick = 0;
            find_packs(s);
        }
        ui_focus(ui, ui_id(t->pack_count    ? "pack-file"
                           : t->stick_count ? "stick"
                                            : "look-again",
                           0));
    }
    UiRect area;
    if (screens_top_bar(s, ui, S(s, "import_bar"), true, &area)) {
        t->note[0] = '\0';
        screens_go(s, SCREEN_TEACHER);
        return;
    }
    area.h -= screens_error_band(s, ui, area);
    const UiTheme *th = &ui->theme;
    ScreenColumn column;
    int gap = ui_px(ui, 10);
    int y = screens_column_begin(ui, area, 700, 16, "screen-import", &column);
    int x = column.x, w = column.w;
    int nh = screens_teacher_note_draw(s, ui, x, y, w);
    if (nh) y += nh + gap;
    UiTextStyle body = {.color = th->text};
    UiTextStyle hs = {.bold = true, .color = th->text};
    int pack_pressed = -1;
    if (t->stick >= 0) {
        char line[600];
        screens_fill(line, sizeof line, S(s, "packs_on_stick"), "stick",
                     base_name(t->sticks[t->stick]), NULL, NULL);
        y += ui_text(ui, (UiRect){x, y, w, 0}, line, hs, true) + gap;
        if (t->pack_count == 0)
            y += ui_text(ui, (UiRect){x, y, w, 0}, S(s, "no_packs_on_stick"), body, true) + gap;
        for (size_t i = 0; i < t->pack_count && t->pack_info; i++) {
            /* A card: the pack's title, then its folder and version, or its problems. */
            const ScreensPackInfo *info = &t->pack_info[i];
            const char *name = base_name(t->packs[i]);
            char meta[400], n[32];
            snprintf(n, sizeof n, "%zu", info->problems);
            if (info->problems)
                screens_fill(meta, sizeof meta, S(s, "pack_problems"), "folder", name, "n", n);
            else
                screens_fill(meta, sizeof meta, S(s, "pack_version"), "folder", name, "version",
                             info->version);
            int pad = ui_px(ui, 10), iw = w - 2 * pad;
            UiTextStyle ts = {.bold = true, .color = th->text};
            UiTextStyle ms = {.px = ui->text_px * 7 / 8,
                              .bold = info->problems > 0,
                              .color = info->problems && !s->high_contrast ? th->bad : th->muted};
            int h1 = ui_text(ui, (UiRect){0, 0, iw, 0}, info->title, ts, false);
            int h2 = ui_text(ui, (UiRect){0, 0, iw, 0}, meta, ms, false);
            int bh = pad + h1 + h2 + pad;
            if (ui_area(ui, ui_id("pack-file", (int)i), (UiRect){x, y, w, bh}, name,
                        UI_BUTTON_NORMAL))
                pack_pressed = (int)i;
            ui_text(ui, (UiRect){x + pad, y + pad, iw, h1}, info->title, ts, true);
            ui_text(ui, (UiRect){x + pad, y + pad + h1, iw, h2}, meta, ms, true);
            y += bh + gap;
        }
        y += gap;
    }
    if (t->stick_count)
        y += ui_text(ui, (UiRect){x, y, w, 0}, S(s, "import_help"), body, true) + gap;
    int pressed = stick_list(s, ui, x, &y, w);
    screens_column_end(ui, &column, y);
    if (pressed == -2) {
        t->note[0] = '\0';
        find_sticks(s);
        if (t->stick_count == 1) {
            t->stick = 0;
            find_packs(s);
        }
    } else if (pressed >= 0) {
        t->note[0] = '\0';
        t->stick = pressed;
        find_packs(s);
    } else if (pack_pressed >= 0) {
        import_pack(s, t->packs[pack_pressed]);
        ui->scroll_y = 0; /* the note saying what happened is at the top */
    }
}
