/*
 * The learner app's event loop.
 *
 * Low-end behaviour: the loop sleeps in SDL_WaitEvent while nothing happens; each
 * event lays the screen out once with the event and once more without it (that
 * second layout shows the new state), and the frame is drawn only when its command
 * list differs from the one on screen. The renderer is SDL's software renderer by
 * default, which starts fast where there is no GPU and works on the KMSDRM console.
 * The first frame (the learner screen) is drawn before the course packs are read.
 */
#include "app/app_loop.h"
#include "app/app_audio.h"
#include "app/app_packs.h"
#include "app/app_internal.h"
#include "app/app_session.h"
#include "app/app_speech.h"
#include "app/commands.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

typedef struct {
    const char *courses, *fonts, *data_dir, *lang, *screenshot, *script;
    int width, height;
    bool fullscreen, accelerated, quit_after_first_frame;
} AppOptions;

void app_print_options(void) {
    printf("app options:\n"
           "  --courses DIR      the course packs (default: the installed ones,\n"
           "                     <prefix>/share/ailit/courses, else ./courses)\n"
           "  --fonts DIR        fonts.json and its fonts (default: beside the courses, ./fonts)\n"
           "  --data-dir DIR     where progress.db and ailit.log are kept (default: SDL's\n"
           "                     per-user folder)\n"
           "  --lang LANG        the UI language: en, fr, zh-Hans, ar, sw\n"
           "  --size WxH         the window size (default 1024x640)\n"
           "  --fullscreen       fill the screen (F11 switches)\n"
           "  --accelerated      let SDL pick a GPU renderer instead of the software one\n"
           "  --screenshot FILE  write the first frame to FILE (.bmp or .png) and quit\n"
           "  --script FILE      drive the app with synthetic events (tests)\n");
}

static int parse_options(int argc, char **argv, AppOptions *o) {
    memset(o, 0, sizeof *o);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        bool has = i + 1 < argc;
        if (strcmp(a, "--courses") == 0 && has)
            o->courses = argv[++i];
        else if (strcmp(a, "--fonts") == 0 && has)
            o->fonts = argv[++i];
        else if (strcmp(a, "--data-dir") == 0 && has)
            o->data_dir = argv[++i];
        else if (strcmp(a, "--lang") == 0 && has)
            o->lang = argv[++i];
        else if (strcmp(a, "--screenshot") == 0 && has)
            o->screenshot = argv[++i];
        else if (strcmp(a, "--script") == 0 && has)
            o->script = argv[++i];
        else if (strcmp(a, "--fullscreen") == 0)
            o->fullscreen = true;
        else if (strcmp(a, "--accelerated") == 0)
            o->accelerated = true;
        else if (strcmp(a, "--quit-after-first-frame") == 0)
            o->quit_after_first_frame = true;
        else if (strcmp(a, "--size") == 0 && has) {
            if (sscanf(argv[++i], "%dx%d", &o->width, &o->height) != 2 || o->width < 320 ||
                o->height < 240 || o->width > 16384 || o->height > 16384) {
                fprintf(stderr, "ailit: --size wants WIDTHxHEIGHT, e.g. --size 800x480\n");
                return EXIT_USAGE;
            }
        } else {
            fprintf(stderr, "ailit: unknown option '%s' (try 'ailit --help')\n", a);
            return EXIT_USAGE;
        }
    }
    if (o->lang) {
        bool known = false;
        for (int k = 0; k < SCREENS_LANGUAGE_COUNT; k++)
            known |= strcmp(SCREENS_LANGUAGES[k], o->lang) == 0;
        if (!known) {
            fprintf(stderr, "ailit: --lang wants one of en, fr, zh-Hans, ar, sw\n");
            return EXIT_USAGE;
        }
    }
    return 0;
}

/* fonts/: --fonts, else beside the courses folder, else ./fonts, else the source
 * tree this binary was built from, else the installed location. */
static void find_fonts(const AppOptions *o, char *out, size_t size) {
    char probe[PATH_MAX];
    if (o->fonts) {
        snprintf(out, size, "%s", o->fonts);
        return;
    }
    const char *candidates[4] = {NULL, "fonts", AILIT_SOURCE_DIR "/fonts",
                                 "/usr/share/ailit/fonts"};
    char beside[PATH_MAX], courses[PATH_MAX];
    if (o->courses)
        snprintf(courses, sizeof courses, "%s", o->courses);
    else
        app_default_courses(courses, sizeof courses);
    if (snprintf(beside, sizeof beside, "%s/../fonts", courses) < (int)sizeof beside)
        candidates[0] = beside;
    for (int i = 0; i < 4; i++) {
        if (!candidates[i]) continue;
        snprintf(probe, sizeof probe, "%s/fonts.json", candidates[i]);
        struct stat st;
        if (stat(probe, &st) == 0) {
            snprintf(out, size, "%s", candidates[i]);
            return;
        }
    }
    snprintf(out, size, "fonts");
}

/* Adds every usable pack under dir, sorted by folder name; unusable ones are named
 * on stderr with the way to see why. A pack whose id is loaded already is replaced
 * (the library, read second, holds what a teacher imported). quiet: say nothing
 * when dir does not exist. */
static void load_courses(App *app, const char *dir, bool quiet) {
    char **paths;
    size_t count;
    AilError err;
    if (course_find_packs(dir, &paths, &count, &err) != AIL_OK) {
        char why[1100];
        if (err.code != AIL_ERR_NOT_FOUND) /* read half way: said even when quiet */
            fprintf(stderr, "ailit: %s\n", ail_error_format(&err, why, sizeof why));
        else if (!quiet)
            fprintf(stderr,
                    "ailit: cannot open the courses folder '%s'; name it with --courses DIR\n",
                    dir);
        return;
    }
    app->courses =
        ail_xrealloc(app->courses, (app->course_count + count + 1) * sizeof *app->courses);
    for (size_t i = 0; i < count; i++) {
        const char *path = paths[i];
        CourseReport report;
        course_report_init(&report);
        Course *c = NULL;
        /* Pictures and sounds are judged when shown or played: a bad one shows its
         * alt text rather than hiding the pack (import and validate refuse it). */
        CourseLoadOptions opts = {.media_checked_on_use = true};
        if (course_load(path, &opts, &c, &report) == AIL_OK) {
            size_t k = 0;
            while (k < app->course_count && strcmp(app->courses[k]->id, c->id) != 0) k++;
            if (k < app->course_count)
                course_free(app->courses[k]);
            else
                app->course_count++;
            app->courses[k] = c;
        } else {
            fprintf(stderr, "ailit: skipping %s (%zu problems); run 'ailit validate %s'\n", path,
                    report.errors, path);
        }
        course_report_free(&report);
        free(paths[i]);
    }
    free(paths);
}

/* (Re)loads the bundled packs and the library's, and hands them to the screens. */
static void load_all_courses(App *app) {
    for (size_t i = 0; i < app->course_count; i++) course_free(app->courses[i]);
    free(app->courses);
    app->courses = NULL;
    app->course_count = 0;
    load_courses(app, app->courses_dir, false);
    load_courses(app, app->env.library, true);
    if (!app->courses) app->courses = ail_xcalloc(1, sizeof *app->courses);
    screens_set_courses(app->screens, app->courses, app->course_count);
}

/* ---- Measuring for ui/ ---- */

static int measure_width(void *ctx, const char *s, size_t len, int px, bool bold) {
    return text_width(((App *)ctx)->text, s, len, px, bold);
}

/* Arabic reads better with more room between lines than Latin or Chinese. */
static int measure_line(void *ctx, int px) {
    App *app = ctx;
    int h = text_line_height(app->text, px);
    return app->screens && screens_lang_rtl(screens_lang(app->screens)) ? h * 6 / 5 : h;
}

static bool measure_image(void *ctx, const char *path, int *w, int *h) {
    return render_image_size(((App *)ctx)->render, path, w, h);
}

/* ---- Events to ui/ input ---- */

static UiKey map_key(const SDL_KeyboardEvent *k) {
    switch (k->keysym.sym) {
    case SDLK_TAB: return (k->keysym.mod & KMOD_SHIFT) ? UI_KEY_BACKTAB : UI_KEY_TAB;
    case SDLK_UP: return UI_KEY_UP;
    case SDLK_DOWN: return UI_KEY_DOWN;
    case SDLK_LEFT: return UI_KEY_LEFT;
    case SDLK_RIGHT: return UI_KEY_RIGHT;
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
    case SDLK_SPACE: return UI_KEY_ENTER;
    case SDLK_ESCAPE:
    case SDLK_AC_BACK: return UI_KEY_ESCAPE;
    case SDLK_BACKSPACE: return UI_KEY_BACKSPACE;
    case SDLK_PAGEUP: return UI_KEY_PAGEUP;
    case SDLK_PAGEDOWN: return UI_KEY_PAGEDOWN;
    case SDLK_HOME: return UI_KEY_HOME;
    case SDLK_END: return UI_KEY_END;
    case SDLK_F5: return UI_KEY_READ_ALOUD;
    default: return UI_KEY_NONE;
    }
}

/* Mouse positions come in window points; layout is in renderer pixels (they differ
 * on high-density screens). */
static void to_pixels(App *app, int x, int y, int *px, int *py) {
    int ww, wh, rw, rh;
    SDL_GetWindowSize(app->window, &ww, &wh);
    SDL_GetRendererOutputSize(app->renderer, &rw, &rh);
    *px = ww > 0 && rw != ww ? (int)((long)x * rw / ww) : x;
    *py = wh > 0 && rh != wh ? (int)((long)y * rh / wh) : y;
}

/* Fills in from event; returns false when the event means nothing to the screens. */
static bool event_to_input(App *app, const SDL_Event *e, UiInput *in) {
    memset(in, 0, sizeof *in);
    int w, h;
    SDL_GetRendererOutputSize(app->renderer, &w, &h);
    switch (e->type) {
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
        if (e->button.button != SDL_BUTTON_LEFT) return false;
        to_pixels(app, e->button.x, e->button.y, &in->mouse_x, &in->mouse_y);
        in->mouse_pressed = e->type == SDL_MOUSEBUTTONDOWN;
        in->mouse_released = e->type == SDL_MOUSEBUTTONUP;
        app->mouse_down = in->mouse_pressed;
        app->drag_y = e->button.y;
        if (in->mouse_pressed) app->dragging = false;
        if (in->mouse_released && app->dragging)
            in->mouse_released = false; /* a scroll, not a tap */
        return true;
    case SDL_FINGERDOWN:
    case SDL_FINGERUP:
        in->mouse_x = (int)(e->tfinger.x * (float)w);
        in->mouse_y = (int)(e->tfinger.y * (float)h);
        in->mouse_pressed = e->type == SDL_FINGERDOWN;
        in->mouse_released = e->type == SDL_FINGERUP;
        if (in->mouse_pressed) app->dragging = false;
        if (in->mouse_released && app->dragging) in->mouse_released = false;
        return true;
    case SDL_FINGERMOTION:
        in->mouse_x = (int)(e->tfinger.x * (float)w);
        in->mouse_y = (int)(e->tfinger.y * (float)h);
        in->pointer_moved = true;
        in->drag_dy = (int)(e->tfinger.dy * (float)h);
        if (in->drag_dy) app->dragging = true;
        return true;
    case SDL_MOUSEMOTION:
        if (!app->mouse_down || e->motion.which == SDL_TOUCH_MOUSEID) return false;
        to_pixels(app, e->motion.x, e->motion.y, &in->mouse_x, &in->mouse_y);
        in->pointer_moved = true; /* a drawing demo draws along it */
        if (!app->dragging && abs(e->motion.y - app->drag_y) < 12) return true;
        app->dragging = true;
        in->drag_dy = e->motion.y - app->drag_y;
        app->drag_y = e->motion.y;
        return true;
    case SDL_MOUSEWHEEL:
        SDL_GetMouseState(&in->mouse_x, &in->mouse_y);
        to_pixels(app, in->mouse_x, in->mouse_y, &in->mouse_x, &in->mouse_y);
        in->wheel = e->wheel.y;
        return in->wheel != 0;
    case SDL_KEYDOWN:
        if (e->key.keysym.sym == SDLK_SPACE && app->ui.wants_text) return false; /* typed text */
        if (!app->ui.wants_text) { /* no text events then: - and + reach the pixels demo so */
            SDL_Keycode k = e->key.keysym.sym;
            bool minus = k == SDLK_MINUS || k == SDLK_KP_MINUS;
            bool plus = k == SDLK_PLUS || k == SDLK_KP_PLUS || k == SDLK_EQUALS;
            if (minus || plus) {
                in->text[0] = minus ? '-' : '+';
                return true;
            }
        }
        in->key = map_key(&e->key);
        return in->key != UI_KEY_NONE;
    case SDL_TEXTINPUT:
        if (e->text.text[0] == ' ' && !app->ui.wants_text) return false;
        snprintf(in->text, sizeof in->text, "%s", e->text.text);
        return true;
    default: return false;
    }
}

static uint64_t hash_cmds(const UiContext *ui) {
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < ui->cmd_count; i++) {
        const UiCmd *c = &ui->cmds[i];
        uint32_t v[12] = {(uint32_t)c->kind,
                          (uint32_t)c->rect.x,
                          (uint32_t)c->rect.y,
                          (uint32_t)c->rect.w,
                          (uint32_t)c->rect.h,
                          (uint32_t)c->color.r << 24 | (uint32_t)c->color.g << 16 |
                              (uint32_t)c->color.b << 8 | c->color.a,
                          (uint32_t)c->thickness,
                          (uint32_t)c->px,
                          c->bold,
                          c->rtl,
                          (uint32_t)c->align,
                          (uint32_t)c->len};
        for (int k = 0; k < 12; k++) h = (h ^ v[k]) * 1099511628211ull;
        for (size_t k = 0; k < c->len && c->text; k++)
            h = (h ^ (uint8_t)c->text[k]) * 1099511628211ull;
    }
    return h;
}

void app_frame(App *app, const SDL_Event *event, bool force) {
    int w, h;
    SDL_GetRendererOutputSize(app->renderer, &w, &h);
    app_speech_pump(app->speech); /* the word being heard, before the layout shows it */
    UiInput in;
    if (event) {
        if (!event_to_input(app, event, &in) && !force) return;
        screens_frame(app->screens, &app->ui, w, h, &in);
    }
    /* Lay out without input until the scroll offset settles (it is clamped at the
     * end of a layout, once the content's height is known). */
    for (int pass = 0; pass < 3; pass++) {
        int before = app->ui.scroll_y;
        screens_frame(app->screens, &app->ui, w, h, NULL);
        if (app->ui.scroll_y == before) break;
    }
    uint64_t hash = hash_cmds(&app->ui);
    if (force || hash != app->drawn_hash) {
        render_draw(app->render, app->ui.cmds, app->ui.cmd_count, app->ui.theme.background);
        SDL_RenderPresent(app->renderer);
        app->drawn_hash = hash;
        app->presents++;
    }
    if (app->ui.wants_text && !SDL_IsTextInputActive()) SDL_StartTextInput();
    if (!app->ui.wants_text && SDL_IsTextInputActive()) SDL_StopTextInput();
    const char *audio = screens_take_audio(app->screens);
    if (audio) {
        app_speech_stop(app->speech); /* the pack's recording instead */
        app_audio_play(&app->audio, &app->audio_buf, audio);
    }
    if (screens_take_quit(app->screens)) app->quit = true; /* the start-up screen's Quit */
    if (screens_take_courses_changed(app->screens)) {
        load_all_courses(app); /* a pack was imported: show it */
        app_frame(app, NULL, true);
    }
}

bool app_screenshot(App *app, const char *path) {
    AilError err;
    /* Draw again: some drivers do not keep the presented frame readable. */
    render_draw(app->render, app->ui.cmds, app->ui.cmd_count, app->ui.theme.background);
    if (render_save_screenshot(app->render, path, &err) != AIL_OK) {
        fprintf(stderr, "ailit: %s\n", err.message);
        return false;
    }
    SDL_RenderPresent(app->renderer);
    return true;
}

static void handle_event(App *app, const SDL_Event *e) {
    switch (e->type) {
    case SDL_QUIT: app->quit = true; return;
    case SDL_WINDOWEVENT:
        if (e->window.event == SDL_WINDOWEVENT_SIZE_CHANGED ||
            e->window.event == SDL_WINDOWEVENT_EXPOSED ||
            e->window.event == SDL_WINDOWEVENT_RESTORED)
            app_frame(app, NULL, true);
        return;
    case SDL_RENDER_TARGETS_RESET:
    case SDL_RENDER_DEVICE_RESET: app_frame(app, NULL, true); return;
    case SDL_KEYDOWN:
        if (e->key.keysym.sym == SDLK_F11) {
            bool full = SDL_GetWindowFlags(app->window) & SDL_WINDOW_FULLSCREEN;
            SDL_SetWindowFullscreen(app->window, full ? 0 : SDL_WINDOW_FULLSCREEN_DESKTOP);
            return;
        }
        if (e->key.keysym.sym == SDLK_q && (e->key.keysym.mod & KMOD_CTRL)) {
            app->quit = true;
            return;
        }
        break;
    default: break;
    }
    app_frame(app, e, false);
}

/* ---- Opening the progress store, or saying why not ---- */

/* How long a store that another program (another ailit) holds is waited for. */
#define APP_STORE_WAIT_MS 10000

/* The UI language before the store's settings can be read: --lang, else the
 * system's (LC_ALL, LC_MESSAGES, LANG), else English. */
static const char *startup_lang(const AppOptions *o) {
    if (o->lang) return o->lang;
    const char *vars[3] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    for (int i = 0; i < 3; i++) {
        const char *v = getenv(vars[i]);
        if (!v || !*v) continue;
        if (strncmp(v, "zh", 2) == 0) return "zh-Hans";
        for (int k = 0; k < SCREENS_LANGUAGE_COUNT; k++)
            if (strncmp(v, SCREENS_LANGUAGES[k], 2) == 0 && strchr("_.@", v[2] ? v[2] : '_'))
                return SCREENS_LANGUAGES[k];
        return "en";
    }
    return "en";
}

/* The data folder into dir: --data-dir (made when missing), else SDL's per-user
 * folder. False with *info and *err saying why when there is none. */
static bool data_folder(const AppOptions *o, char *dir, size_t size, ProgressOpenInfo *info,
                        AilError *err) {
    char *pref = o->data_dir ? NULL : SDL_GetPrefPath("ailit", "ailit");
    if (pref) {
        snprintf(dir, size, "%s", pref);
        SDL_free(pref);
        return true;
    }
    if (o->data_dir) {
        snprintf(dir, size, "%s", o->data_dir);
    } else { /* SDL could not make its folder: name the one it wanted, and why */
        const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
        if (xdg && *xdg)
            snprintf(dir, size, "%s/ailit/ailit", xdg);
        else
            snprintf(dir, size, "%s/.local/share/ailit/ailit", home ? home : "");
    }
    return progress_make_folder(dir, info, err) == AIL_OK;
}

/* Waits for a store another program holds, with a message on screen, trying again
 * every quarter second. Not in --screenshot or --quit-after-first-frame runs, whose
 * first frame says at once that the store is held. */
static ProgressProblem wait_for_store(App *app, const AppOptions *o, const char *path,
                                      const char *lang, ProgressOpenInfo *info, AilError *err) {
    if (o->screenshot || o->quit_after_first_frame) return PROGRESS_PROBLEM_BUSY;
    ScreensStartup why;
    memset(&why, 0, sizeof why);
    why.problem = SCREENS_STARTUP_WAITING;
    app->screens = screens_create_startup(&why, lang);
    app_frame(app, NULL, true);
    app_log(NULL, "opening the progress file", "another program holds it; waiting for it");
    Uint64 start = SDL_GetTicks64();
    ProgressProblem p = PROGRESS_PROBLEM_BUSY;
    while (p == PROGRESS_PROBLEM_BUSY && !app->quit &&
           SDL_GetTicks64() - start < APP_STORE_WAIT_MS) {
        SDL_Event e;
        if (SDL_WaitEventTimeout(&e, 250)) do
                handle_event(app, &e);
            while (!app->quit && SDL_PollEvent(&e));
        if (!app->quit && progress_try_open(path, 0, &app->store, info, err) == AIL_OK)
            p = PROGRESS_PROBLEM_NONE;
        else if (!app->quit)
            p = info->problem;
    }
    return p;
}

/* Opens progress.db in the data folder (the library of imported packs is
 * <data folder>/courses, the log <data folder>/ailit.log). On failure, false, and
 * app->screens is the start-up screen saying why in the user's language; the
 * technical text goes to stderr (and to the log when the screen names it). */
static bool open_store(App *app, const AppOptions *o) {
    ProgressOpenInfo info;
    AilError err;
    ail_error_clear(&err);
    memset(&info, 0, sizeof info);
    char dir[PATH_MAX], path[PATH_MAX];
    const char *lang = startup_lang(o);
    ProgressProblem p = PROGRESS_PROBLEM_NONE;
    if (!data_folder(o, dir, sizeof dir, &info, &err))
        p = info.problem ? info.problem : PROGRESS_PROBLEM_OTHER;
    else if (ail_path_join(path, sizeof path, dir, "progress.db") != AIL_OK ||
             ail_path_join(app->env.library, sizeof app->env.library, dir, "courses") != AIL_OK ||
             ail_path_join(app->env.log, sizeof app->env.log, dir, "ailit.log") != AIL_OK) {
        info.problem = p = PROGRESS_PROBLEM_OTHER;
        ail_error_set(&err, AIL_ERR_TOO_LARGE, "the data folder path %s is too long", dir);
    } else if (progress_try_open(path, 0, &app->store, &info, &err) != AIL_OK) {
        p = info.problem;
        if (p == PROGRESS_PROBLEM_BUSY) p = wait_for_store(app, o, path, lang, &info, &err);
    }
    if (p == PROGRESS_PROBLEM_NONE) {
        AppSessionEnv env = {.store = app->store};
        snprintf(env.log, sizeof env.log, "%s", app->env.log);
        app_session_configure(&env, APP_SYSTEM_CONFIG, dir);
        return true;
    }
    /* Only a problem the screen cannot name sends the reader to the log file; the
     * others leave the data folder as it was. */
    bool logged = p == PROGRESS_PROBLEM_OTHER &&
                  app_log(app->env.log, "opening the progress file", err.message);
    if (!logged) app_log(NULL, progress_problem_name(p), err.message);
    ScreensStartup why;
    app_session_startup(&info, logged ? app->env.log : "", &why);
    if (app->screens)
        screens_set_startup(app->screens, &why);
    else
        app->screens = screens_create_startup(&why, lang);
    return false;
}

static void app_close(App *app) {
    if (app->audio) SDL_CloseAudioDevice(app->audio);
    if (app->audio_buf) SDL_FreeWAV(app->audio_buf);
    screens_destroy(app->screens);
    app_speech_free(app->speech); /* after the screens, which may stop it */
    ui_free(&app->ui);
    render_destroy(app->render);
    text_close(app->text);
    for (size_t i = 0; i < app->course_count; i++) course_free(app->courses[i]);
    free(app->courses);
    progress_close(app->store);
    if (app->renderer) SDL_DestroyRenderer(app->renderer);
    if (app->window) SDL_DestroyWindow(app->window);
    SDL_Quit();
}

int app_run(int argc, char **argv) {
    AppOptions o;
    int rc = parse_options(argc, argv, &o);
    if (rc) return rc;
    App app;
    memset(&app, 0, sizeof app);
    AilError err;
    ail_error_clear(&err);

    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0"); /* touches arrive once, as fingers */
    SDL_SetHint(SDL_HINT_VIDEO_X11_NET_WM_BYPASS_COMPOSITOR, "0");
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        fprintf(stderr,
                "ailit: cannot open a display (%s). Run it in a desktop session, or on the "
                "console with SDL_VIDEODRIVER=kmsdrm.\n",
                SDL_GetError());
        return EXIT_PROBLEMS;
    }
    /* With no display SDL falls back to its invisible offscreen driver; a learner
     * would see nothing, so say so unless that was asked for. */
    const char *driver = SDL_GetCurrentVideoDriver();
    if ((strcmp(driver, "offscreen") == 0 || strcmp(driver, "dummy") == 0) &&
        !SDL_getenv("SDL_VIDEODRIVER") && !o.script && !o.screenshot && !o.quit_after_first_frame) {
        fprintf(stderr, "ailit: no display found. Run it in a desktop session, or on the Linux "
                        "console with SDL_VIDEODRIVER=kmsdrm.\n");
        SDL_Quit();
        return EXIT_PROBLEMS;
    }
    int w = o.width ? o.width : 1024, h = o.height ? o.height : 640;
    Uint32 flags = SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
    int x = SDL_WINDOWPOS_CENTERED, y = SDL_WINDOWPOS_CENTERED;
    SDL_Rect usable;
    if (!o.width && !o.fullscreen && SDL_GetDisplayUsableBounds(0, &usable) == 0 &&
        (usable.w < w || usable.h < h)) {
        /* A small screen such as the Pi's 800x480 touch display: a borderless window
         * fills it. Unlike full screen this needs no window manager, so it also works
         * on an X session that has none. */
        x = usable.x;
        y = usable.y;
        w = usable.w;
        h = usable.h;
        flags |= SDL_WINDOW_BORDERLESS;
    }
    if (o.fullscreen) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    app.window = SDL_CreateWindow("ailit", x, y, w, h, flags);
    if (!app.window) {
        fprintf(stderr, "ailit: cannot open a window (%s)\n", SDL_GetError());
        SDL_Quit();
        return EXIT_PROBLEMS;
    }
    SDL_SetWindowMinimumSize(app.window, 640, 400);
    /* On X11 the software renderer draws straight into the window's shared-memory
     * image. By default SDL would put a GL texture in between (Mesa's software GL on
     * machines without a GPU), which costs ~40 ms a 1080p frame and ~80 MB. Where
     * there is no native framebuffer (KMSDRM, Wayland) SDL's default stays. */
    if (strcmp(SDL_GetCurrentVideoDriver(), "x11") == 0 && !o.accelerated)
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    app.renderer = SDL_CreateRenderer(
        app.window, -1, o.accelerated ? SDL_RENDERER_ACCELERATED : SDL_RENDERER_SOFTWARE);
    if (!app.renderer) app.renderer = SDL_CreateRenderer(app.window, -1, 0);
    if (!app.renderer) {
        fprintf(stderr, "ailit: cannot draw in the window (%s)\n", SDL_GetError());
        app_close(&app);
        return EXIT_PROBLEMS;
    }
    char fonts[PATH_MAX];
    find_fonts(&o, fonts, sizeof fonts);
    if (text_open(fonts, &app.text, &err) != AIL_OK) {
        fprintf(stderr, "ailit: %s\n", err.message);
        app_close(&app);
        return EXIT_PROBLEMS;
    }
    app.render = render_create(app.renderer, app.text);
    UiMeasure m = {&app, measure_width, measure_line, measure_image};
    ui_init(&app.ui, m);
    SDL_StopTextInput();
    /* A store that cannot be opened leaves the start-up screen on, saying why. */
    bool opened = open_store(&app, &o);
    if (opened) {
        app.env.store = app.store;
        app_session_init(&app.session, &app.env);
        app.speech = app_speech_create(&app.session);
        app_speech_watch(app.speech, &app.audio);
        screens_destroy(app.screens); /* the waiting screen, if there was a wait */
        app.screens = screens_create(&app.session, o.lang);
    } else {
        app.exit_code = EXIT_PROBLEMS;
    }

    app_frame(&app, NULL, true); /* the learner screen, before the packs are read */
    if (o.quit_after_first_frame || app.quit) {
        app_close(&app);
        return opened ? 0 : EXIT_PROBLEMS;
    }
    if (o.courses)
        snprintf(app.courses_dir, sizeof app.courses_dir, "%s", o.courses);
    else
        app_default_courses(app.courses_dir, sizeof app.courses_dir);
    if (opened) load_all_courses(&app);

    if (o.screenshot) {
        app_frame(&app, NULL, true);
        rc = app_screenshot(&app, o.screenshot) && opened ? 0 : EXIT_PROBLEMS;
        app_close(&app);
        return rc;
    }
    AppScript *script = NULL;
    if (o.script && !(script = app_script_load(o.script))) {
        app_close(&app);
        return EXIT_USAGE;
    }
    SDL_Event e;
    while (!app.quit) {
        if (script) {
            /* Scripted: drain what is queued, then run the next step. */
            if (SDL_PollEvent(&e))
                handle_event(&app, &e);
            else if (!app_script_step(script, &app))
                app.quit = true;
            continue;
        }
        /* Asleep until an event, or until the screens want to show time passing. */
        int64_t wake = screens_wake_ms(app.screens), spoken = app_speech_pump(app.speech);
        if (spoken > 0 && (wake <= 0 || spoken < wake)) wake = spoken; /* the highlight moves */
        int64_t left = wake - ail_mono_ms();
        int timeout = left <= 0 ? 0 : left > 60000 ? 60000 : (int)left;
        if (wake > 0 && !SDL_WaitEventTimeout(&e, timeout)) {
            app_frame(&app, NULL, false);
            continue;
        }
        if (wake <= 0 && !SDL_WaitEvent(&e)) break;
        handle_event(&app, &e);
    }
    app_script_free(script);
    rc = app.exit_code;
    app_close(&app);
    return rc;
}
