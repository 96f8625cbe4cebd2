/*
 * Synthetic events for tests and demonstrations (--script FILE). One command a line;
 * '#' starts a comment. Each step waits until the events of the previous one have
 * been handled and drawn, so a script reads like a learner's actions:
 *
 *   key NAME            tab shift-tab up down left right enter escape backspace
 *                       pageup pagedown home end space minus plus
 *   type TEXT           text input, as a keyboard would send it
 *   click X Y | tap X Y a mouse click or a finger tap at pixels X Y
 *   click-on LABEL      click the middle of the widget labelled LABEL (scrolled
 *                       into view first, as a learner would)
 *   tap-on LABEL        the same with a finger
 *   click-id NAME N     click the widget ui_id(NAME, N)
 *   drag-id NAME N X0 Y0 X1 Y1
 *                       press the mouse in the widget ui_id(NAME, N), move it in a
 *                       straight line and let go; X and Y are thousandths of the
 *                       widget's width and height from its top left
 *   finger-drag-id NAME N X0 Y0 X1 Y1   the same with a finger
 *   wheel N             scroll by N notches where the mouse is
 *   resize W H          resize the window
 *   screenshot FILE     write the frame on screen (.bmp or .png)
 *   expect-screen NAME  fail unless this screen is on ("quiz", "results", ...)
 *   expect-text TEXT    fail unless a line on screen contains TEXT
 *   expect-no-text TEXT fail if a line on screen contains TEXT
 *   expect-focus NAME N fail unless ui_id(NAME, N) has the focus
 *   count-frames        start counting the frames drawn
 *   expect-frames N     fail unless N frames were drawn since count-frames
 *   wait-speech-chunks N  wait (up to 20 s) until N chunks of speech reached SDL
 *   expect-highlight-moves  a word is lit, and then another one
 *   expect-highlight WORD   within 20 s, the lit word (read aloud) is WORD
 *   expect-no-highlight     no word is lit
 *   expect-speech-stopped   nothing is spoken, and no more speech comes
 *   wait-recording          wait (up to 5 s) until a pack's recording plays
 *   dump FILE           write the widgets and text lines on screen, for debugging
 *   bench-frames N      lay out and draw N full frames; print their times
 *   time-mark           print "time-mark MS", MS on the monotonic clock (CLOCK_MONOTONIC)
 *                       once the previous step is on screen: benchmarks time a
 *                       path from exec to a frame with it (tests/bench/bench_lowend.c)
 *   monkey N SEED       N random actions: mostly presses of a random control on
 *                       screen, some keys, typing, scrolling and resizing
 *   system-clock SECS   from now on the progress store takes this computer's clock
 *                       to read SECS seconds since 1970 (0: a Raspberry Pi without a
 *                       network), running on from there
 *   kill                end the process at once, saving nothing more (a power cut)
 *   quit                close the window
 * A failed expectation prints the line and makes the exit code 3.
 */
#include "app/app_internal.h"
#include "app/app_speech.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct AppScript {
    char **lines;
    size_t count, next;
    const char *path;
    unsigned long presents_mark;
    int monkey_left; /* actions left in the current monkey line */
    uint32_t monkey_seed;
};

AppScript *app_script_load(const char *path) {
    char *data = NULL;
    size_t len = 0;
    AilError err;
    if (ail_file_read(path, 1 << 20, &data, &len, &err) != AIL_OK) {
        fprintf(stderr, "ailit: cannot read the script %s: %s\n", path, err.message);
        return NULL;
    }
    AppScript *s = ail_xcalloc(1, sizeof *s);
    s->path = path;
    char *save = NULL;
    for (char *line = strtok_r(data, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        while (*line == ' ' || *line == '\t') line++;
        size_t n = strlen(line);
        while (n && (line[n - 1] == '\r' || line[n - 1] == ' ')) line[--n] = '\0';
        if (!n || line[0] == '#') continue;
        s->lines = ail_xrealloc(s->lines, (s->count + 1) * sizeof *s->lines);
        s->lines[s->count++] = ail_xstrdup(line);
    }
    free(data);
    return s;
}

void app_script_free(AppScript *s) {
    if (!s) return;
    for (size_t i = 0; i < s->count; i++) free(s->lines[i]);
    free(s->lines);
    free(s);
}

static void push_key(SDL_Keycode sym, Uint16 mod) {
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_KEYDOWN;
    e.key.state = SDL_PRESSED;
    e.key.keysym.sym = sym;
    e.key.keysym.mod = mod;
    SDL_PushEvent(&e);
    e.type = SDL_KEYUP;
    e.key.state = SDL_RELEASED;
    SDL_PushEvent(&e);
}

static void push_click(App *app, int x, int y, bool finger) {
    SDL_Event e;
    memset(&e, 0, sizeof e);
    if (finger) {
        int w, h;
        SDL_GetRendererOutputSize(app->renderer, &w, &h);
        e.tfinger.x = ((float)x + 0.5f) / (float)w;
        e.tfinger.y = ((float)y + 0.5f) / (float)h;
        e.type = SDL_FINGERDOWN;
        SDL_PushEvent(&e);
        e.type = SDL_FINGERUP;
        SDL_PushEvent(&e);
        return;
    }
    e.button.button = SDL_BUTTON_LEFT;
    e.button.x = x;
    e.button.y = y;
    e.button.clicks = 1;
    e.type = SDL_MOUSEBUTTONDOWN;
    e.button.state = SDL_PRESSED;
    SDL_PushEvent(&e);
    e.type = SDL_MOUSEBUTTONUP;
    e.button.state = SDL_RELEASED;
    SDL_PushEvent(&e);
}

/* A finger drag from (x0, y0) to (x1, y1) on a w x h screen. */
static void push_finger_drag(int x0, int y0, int x1, int y1, int w, int h) {
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_FINGERDOWN;
    e.tfinger.x = ((float)x0 + 0.5f) / (float)w;
    e.tfinger.y = ((float)y0 + 0.5f) / (float)h;
    SDL_PushEvent(&e);
    int dx = abs(x1 - x0), dy = abs(y1 - y0);
    int steps = (dx > dy ? dx : dy) / 4 + 1;
    float px = e.tfinger.x, py = e.tfinger.y;
    for (int i = 1; i <= steps; i++) {
        e.type = SDL_FINGERMOTION;
        e.tfinger.x = ((float)(x0 + (x1 - x0) * i / steps) + 0.5f) / (float)w;
        e.tfinger.y = ((float)(y0 + (y1 - y0) * i / steps) + 0.5f) / (float)h;
        e.tfinger.dx = e.tfinger.x - px;
        e.tfinger.dy = e.tfinger.y - py;
        px = e.tfinger.x;
        py = e.tfinger.y;
        SDL_PushEvent(&e);
    }
    e.type = SDL_FINGERUP;
    e.tfinger.dx = e.tfinger.dy = 0;
    SDL_PushEvent(&e);
}

/* A mouse drag from (x0, y0) to (x1, y1): a press, moves every few pixels, a release. */
static void push_drag(int x0, int y0, int x1, int y1) {
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.button.button = SDL_BUTTON_LEFT;
    e.button.x = x0;
    e.button.y = y0;
    e.button.clicks = 1;
    e.type = SDL_MOUSEBUTTONDOWN;
    e.button.state = SDL_PRESSED;
    SDL_PushEvent(&e);
    int dx = abs(x1 - x0), dy = abs(y1 - y0);
    int steps = (dx > dy ? dx : dy) / 4 + 1;
    for (int i = 1; i <= steps; i++) {
        memset(&e, 0, sizeof e);
        e.type = SDL_MOUSEMOTION;
        e.motion.state = SDL_BUTTON_LMASK;
        e.motion.x = x0 + (x1 - x0) * i / steps;
        e.motion.y = y0 + (y1 - y0) * i / steps;
        SDL_PushEvent(&e);
    }
    memset(&e, 0, sizeof e);
    e.button.button = SDL_BUTTON_LEFT;
    e.button.x = x1;
    e.button.y = y1;
    e.type = SDL_MOUSEBUTTONUP;
    e.button.state = SDL_RELEASED;
    SDL_PushEvent(&e);
}

static const UiWidget *find_widget(App *app, const char *label, uint32_t id) {
    for (size_t i = 0; i < app->ui.widget_count; i++) {
        const UiWidget *w = &app->ui.widgets[i];
        if ((label && strcmp(w->label, label) == 0) || (!label && w->id == id)) return w;
    }
    return NULL;
}

/* Scrolls a widget that is partly or wholly outside the scrolling view into it, as a
 * learner would before pressing it, and finds it again. */
static const UiWidget *reveal(App *app, const UiWidget *w, const char *label, uint32_t id) {
    if (!w || !w->scrolled || w->rect.h == w->full.h) return w;
    UiRect v = ui_screen_rect(&app->ui, app->ui.view);
    if (w->full.y < v.y)
        app->ui.scroll_y -= v.y - w->full.y + 8;
    else
        app->ui.scroll_y += w->full.y + w->full.h - (v.y + v.h) + 8;
    app_frame(app, NULL, true);
    return find_widget(app, label, id);
}

static bool text_on_screen(App *app, const char *needle) {
    for (size_t i = 0; i < app->ui.cmd_count; i++) {
        const UiCmd *c = &app->ui.cmds[i];
        if (c->kind == UI_CMD_TEXT && c->text && strstr(c->text, needle)) return true;
    }
    return false;
}

/* The text on the read-aloud highlight (a highlight-coloured rectangle with a text
 * drawn on it), into out; "" when none. */
static void highlighted(App *app, char *out, size_t size) {
    out[0] = '\0';
    UiColor hl = app->ui.theme.highlight;
    for (size_t i = 0; i + 1 < app->ui.cmd_count; i++) {
        const UiCmd *r = &app->ui.cmds[i], *t = &app->ui.cmds[i + 1];
        if (r->kind == UI_CMD_RECT && r->color.r == hl.r && r->color.g == hl.g &&
            r->color.b == hl.b && t->kind == UI_CMD_TEXT && t->text && r->rect.x == t->rect.x &&
            r->rect.y == t->rect.y) {
            snprintf(out, size, "%.*s", (int)t->len, t->text);
            return;
        }
    }
}

/* Runs the loop's idle work (speech handed to the audio device, frames) for up to
 * timeout_ms or until done(app, ctx) holds. */
static bool run_until(App *app, int timeout_ms, bool (*done)(App *app, const void *ctx),
                      const void *ctx) {
    for (int waited = 0; waited <= timeout_ms; waited += 10) {
        app_frame(app, NULL, false);
        if (done(app, ctx)) return true;
        SDL_Delay(10);
    }
    return false;
}

static bool enough_chunks(App *app, const void *ctx) {
    return app_speech_chunks(app->speech) >= (size_t)*(const int *)ctx;
}

static bool highlight_moved(App *app, const void *ctx) {
    char now[256];
    highlighted(app, now, sizeof now);
    return now[0] && strcmp(now, ctx) != 0;
}

/* The lit word is ctx, give or take the punctuation after it. */
static bool highlight_is(App *app, const void *ctx) {
    char now[256];
    highlighted(app, now, sizeof now);
    size_t n = strlen(ctx);
    if (strncmp(now, ctx, n) != 0) return false;
    for (const char *c = now + n; *c; c++)
        if (!strchr(" .,;:!?", *c)) return false;
    return true;
}

static bool recording_plays(App *app, const void *ctx) {
    (void)ctx;
    long w, l;
    return app->session.speech_state(app->session.speech, &w, &l) == SESSION_SPEECH_RECORDING;
}

static bool speech_idle(App *app, const void *ctx) {
    (void)ctx;
    long w, l;
    SessionSpeechState st = app->session.speech_state(app->session.speech, &w, &l);
    return st == SESSION_SPEECH_IDLE || st == SESSION_SPEECH_FAILED; /* failed: said nothing more */
}

static void dump(App *app, const char *path) {
    FILE *f = fopen(path, "w");
    if (!f) return;
    fprintf(f, "screen %s lang %s\n", screens_current(app->screens), screens_lang(app->screens));
    for (size_t i = 0; i < app->ui.widget_count; i++) {
        const UiWidget *w = &app->ui.widgets[i];
        fprintf(f, "widget %08x %d,%d %dx%d%s '%s'\n", w->id, w->rect.x, w->rect.y, w->rect.w,
                w->rect.h, w->id == app->ui.focus_id ? " focus" : "", w->label);
    }
    for (size_t i = 0; i < app->ui.cmd_count; i++) {
        const UiCmd *c = &app->ui.cmds[i];
        if (c->kind == UI_CMD_TEXT)
            fprintf(f, "text %d,%d %dx%d %s '%s'\n", c->rect.x, c->rect.y, c->rect.w, c->rect.h,
                    c->align == UI_ALIGN_END      ? "end"
                    : c->align == UI_ALIGN_CENTER ? "center"
                                                  : "start",
                    c->text);
    }
    fclose(f);
}

static const struct {
    const char *name;
    SDL_Keycode sym;
    Uint16 mod;
} KEYS[] = {{"tab", SDLK_TAB, 0},
            {"shift-tab", SDLK_TAB, KMOD_LSHIFT},
            {"up", SDLK_UP, 0},
            {"down", SDLK_DOWN, 0},
            {"left", SDLK_LEFT, 0},
            {"right", SDLK_RIGHT, 0},
            {"enter", SDLK_RETURN, 0},
            {"escape", SDLK_ESCAPE, 0},
            {"backspace", SDLK_BACKSPACE, 0},
            {"pageup", SDLK_PAGEUP, 0},
            {"pagedown", SDLK_PAGEDOWN, 0},
            {"home", SDLK_HOME, 0},
            {"end", SDLK_END, 0},
            {"space", SDLK_SPACE, 0},
            {"minus", SDLK_MINUS, 0},
            {"plus", SDLK_KP_PLUS, 0},
            {"f5", SDLK_F5, 0}};

static void fail(App *app, const AppScript *s, const char *line, const char *why) {
    fprintf(stderr, "%s:%zu: %s: %s (screen %s)\n", s->path, s->next, line, why,
            screens_current(app->screens));
    app->exit_code = 3;
}

static uint32_t monkey_rand(AppScript *s) {
    s->monkey_seed = s->monkey_seed * 1664525u + 1013904223u;
    return s->monkey_seed >> 8;
}

/* One random action; the events it pushes are handled before the next one. */
static void monkey_step(AppScript *s, App *app) {
    static const char *const texts[] = {"a", "Zé", "علي", "芒果", " yellow "};
    uint32_t r = monkey_rand(s) % 100;
    if (r < 70 && app->ui.widget_count) {
        const UiWidget *w = &app->ui.widgets[monkey_rand(s) % app->ui.widget_count];
        if (w->rect.h > 0)
            push_click(app, w->rect.x + w->rect.w / 2, w->rect.y + w->rect.h / 2, r % 2);
    } else if (r < 88) {
        size_t k = monkey_rand(s) % (sizeof KEYS / sizeof KEYS[0]);
        push_key(KEYS[k].sym, KEYS[k].mod);
    } else if (r < 94) {
        SDL_Event e;
        memset(&e, 0, sizeof e);
        e.type = SDL_TEXTINPUT;
        snprintf(e.text.text, sizeof e.text.text, "%s", texts[monkey_rand(s) % 5]);
        SDL_PushEvent(&e);
    } else if (r < 98) {
        SDL_Event e;
        memset(&e, 0, sizeof e);
        e.type = SDL_MOUSEWHEEL;
        e.wheel.y = (int)(monkey_rand(s) % 7) - 3;
        SDL_PushEvent(&e);
    } else {
        static const int sizes[4][2] = {{800, 480}, {1024, 640}, {1920, 1080}, {640, 400}};
        const int *sz = sizes[monkey_rand(s) % 4];
        SDL_SetWindowSize(app->window, sz[0], sz[1]);
        app_frame(app, NULL, true);
    }
}

bool app_script_step(AppScript *s, App *app) {
    if (s->monkey_left > 0) {
        s->monkey_left--;
        monkey_step(s, app);
        return true;
    }
    if (s->next >= s->count) return false;
    const char *line = s->lines[s->next++];
    const char *arg = strchr(line, ' ');
    arg = arg ? arg + 1 : "";
    char cmd[32];
    size_t n = strcspn(line, " ");
    snprintf(cmd, sizeof cmd, "%.*s", (int)(n < sizeof cmd ? n : sizeof cmd - 1), line);
    int x, y, d[4];
    long long secs;
    char name[128];
    if (strcmp(cmd, "key") == 0) {
        for (size_t i = 0; i < sizeof KEYS / sizeof KEYS[0]; i++)
            if (strcmp(KEYS[i].name, arg) == 0) {
                push_key(KEYS[i].sym, KEYS[i].mod);
                return true;
            }
        fail(app, s, line, "unknown key");
    } else if (strcmp(cmd, "type") == 0) {
        SDL_Event e;
        memset(&e, 0, sizeof e);
        e.type = SDL_TEXTINPUT;
        const char *p = arg;
        while (*p) {
            /* One character per event, as a keyboard sends them. */
            size_t k = 1;
            while (p[k] && ((unsigned char)p[k] & 0xC0) == 0x80) k++;
            memcpy(e.text.text, p, k);
            e.text.text[k] = '\0';
            SDL_PushEvent(&e);
            p += k;
        }
    } else if ((strcmp(cmd, "click") == 0 || strcmp(cmd, "tap") == 0) &&
               sscanf(arg, "%d %d", &x, &y) == 2) {
        push_click(app, x, y, cmd[0] == 't');
    } else if (strcmp(cmd, "click-on") == 0 || strcmp(cmd, "tap-on") == 0) {
        const UiWidget *w = reveal(app, find_widget(app, arg, 0), arg, 0);
        if (!w)
            fail(app, s, line, "no widget has this label");
        else
            push_click(app, w->rect.x + w->rect.w / 2, w->rect.y + w->rect.h / 2, cmd[0] == 't');
    } else if (strcmp(cmd, "click-id") == 0 && sscanf(arg, "%127s %d", name, &x) == 2) {
        const UiWidget *w =
            reveal(app, find_widget(app, NULL, ui_id(name, x)), NULL, ui_id(name, x));
        if (!w || w->rect.h == 0)
            fail(app, s, line, "no such widget on screen");
        else
            push_click(app, w->rect.x + w->rect.w / 2, w->rect.y + w->rect.h / 2, false);
    } else if ((strcmp(cmd, "drag-id") == 0 || strcmp(cmd, "finger-drag-id") == 0) &&
               sscanf(arg, "%127s %d %d %d %d %d", name, &x, &d[0], &d[1], &d[2], &d[3]) == 6) {
        const UiWidget *w =
            reveal(app, find_widget(app, NULL, ui_id(name, x)), NULL, ui_id(name, x));
        int sw, sh;
        SDL_GetRendererOutputSize(app->renderer, &sw, &sh);
        int x0 = w ? w->rect.x + w->rect.w * d[0] / 1000 : 0;
        int y0 = w ? w->rect.y + w->rect.h * d[1] / 1000 : 0;
        int x1 = w ? w->rect.x + w->rect.w * d[2] / 1000 : 0;
        int y1 = w ? w->rect.y + w->rect.h * d[3] / 1000 : 0;
        if (!w || w->rect.h == 0)
            fail(app, s, line, "no such widget on screen");
        else if (cmd[0] == 'f')
            push_finger_drag(x0, y0, x1, y1, sw, sh);
        else
            push_drag(x0, y0, x1, y1);
    } else if (strcmp(cmd, "wheel") == 0 && sscanf(arg, "%d", &x) == 1) {
        SDL_Event e;
        memset(&e, 0, sizeof e);
        e.type = SDL_MOUSEWHEEL;
        e.wheel.y = x;
        SDL_PushEvent(&e);
    } else if (strcmp(cmd, "resize") == 0 && sscanf(arg, "%d %d", &x, &y) == 2) {
        SDL_SetWindowSize(app->window, x, y);
        app_frame(app, NULL, true);
    } else if (strcmp(cmd, "screenshot") == 0) {
        if (!app_screenshot(app, arg)) app->exit_code = 3;
    } else if (strcmp(cmd, "expect-screen") == 0) {
        if (strcmp(screens_current(app->screens), arg) != 0)
            fail(app, s, line, "another screen is on");
    } else if (strcmp(cmd, "expect-text") == 0) {
        if (!text_on_screen(app, arg)) fail(app, s, line, "not on screen");
    } else if (strcmp(cmd, "expect-no-text") == 0) {
        if (text_on_screen(app, arg)) fail(app, s, line, "on screen");
    } else if (strcmp(cmd, "expect-focus") == 0 && sscanf(arg, "%127s %d", name, &x) == 2) {
        if (app->ui.focus_id != ui_id(name, x)) fail(app, s, line, "the focus is elsewhere");
    } else if (strcmp(cmd, "bench-frames") == 0 && sscanf(arg, "%d", &x) == 1 && x > 0) {
        /* Full frames: layout, drawing every command, and presenting, each timed. */
        double lay = 0, draw = 0, present = 0, worst = 0,
               freq = (double)SDL_GetPerformanceFrequency();
        int w, h;
        SDL_GetRendererOutputSize(app->renderer, &w, &h);
        for (int i = 0; i < x; i++) {
            Uint64 t0 = SDL_GetPerformanceCounter();
            screens_frame(app->screens, &app->ui, w, h, NULL);
            Uint64 t1 = SDL_GetPerformanceCounter();
            render_draw(app->render, app->ui.cmds, app->ui.cmd_count, app->ui.theme.background);
            Uint64 t2 = SDL_GetPerformanceCounter();
            SDL_RenderPresent(app->renderer);
            Uint64 t3 = SDL_GetPerformanceCounter();
            lay += (double)(t1 - t0) / freq * 1e3;
            draw += (double)(t2 - t1) / freq * 1e3;
            present += (double)(t3 - t2) / freq * 1e3;
            double ms = (double)(t3 - t0) / freq * 1e3;
            if (ms > worst) worst = ms;
        }
        printf("full frame at %dx%d, software renderer, mean over %d: %.2f ms (layout %.2f, draw "
               "%.2f, present %.2f), worst %.2f ms (budget 16 ms)\n",
               w, h, x, (lay + draw + present) / x, lay / x, draw / x, present / x, worst);
        fflush(stdout);
    } else if (strcmp(cmd, "time-mark") == 0) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        printf("time-mark %.3f\n", (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6);
        fflush(stdout);
    } else if (strcmp(cmd, "count-frames") == 0) {
        s->presents_mark = app->presents;
    } else if (strcmp(cmd, "expect-frames") == 0 && sscanf(arg, "%d", &x) == 1) {
        if (app->presents - s->presents_mark != (unsigned long)x) {
            char why[96];
            snprintf(why, sizeof why, "%lu frames were drawn", app->presents - s->presents_mark);
            fail(app, s, line, why);
        }
    } else if (strcmp(cmd, "wait-speech-chunks") == 0 && sscanf(arg, "%d", &x) == 1) {
        if (!run_until(app, 20000, enough_chunks, &x)) fail(app, s, line, "no speech came");
    } else if (strcmp(cmd, "expect-highlight-moves") == 0) {
        /* Some word is lit, and within 10 s another one is. */
        char first[256];
        bool lit = run_until(app, 10000, highlight_moved, "");
        highlighted(app, first, sizeof first);
        printf("highlight: '%s'\n", first);
        if (!lit || !run_until(app, 10000, highlight_moved, first))
            fail(app, s, line, "the highlight did not move");
    } else if (strcmp(cmd, "expect-highlight") == 0 && arg[0]) {
        if (!run_until(app, 20000, highlight_is, arg)) fail(app, s, line, "that word was never lit");
    } else if (strcmp(cmd, "wait-recording") == 0) {
        if (!run_until(app, 5000, recording_plays, NULL)) fail(app, s, line, "no recording plays");
    } else if (strcmp(cmd, "expect-no-highlight") == 0) {
        char now[256];
        highlighted(app, now, sizeof now);
        if (now[0]) fail(app, s, line, "a word is still lit");
    } else if (strcmp(cmd, "expect-speech-stopped") == 0) {
        /* Stopped at once: idle now, and no chunk reaches the device later. */
        size_t before = app_speech_chunks(app->speech);
        if (!speech_idle(app, NULL)) fail(app, s, line, "still speaking");
        int more = (int)before + 1;
        if (run_until(app, 300, enough_chunks, &more)) fail(app, s, line, "speech went on");
    } else if (strcmp(cmd, "dump") == 0) {
        dump(app, arg);
    } else if (strcmp(cmd, "monkey") == 0 && sscanf(arg, "%d %d", &x, &y) == 2 && x > 0) {
        s->monkey_left = x;
        s->monkey_seed = (uint32_t)y;
    } else if (strcmp(cmd, "system-clock") == 0 && sscanf(arg, "%lld", &secs) == 1) {
        progress_clock_pretend(app->store, (int64_t)secs * 1000);
    } else if (strcmp(cmd, "kill") == 0) {
        fflush(NULL);
        _exit(app->exit_code);
    } else if (strcmp(cmd, "quit") == 0) {
        SDL_Event e;
        memset(&e, 0, sizeof e);
        e.type = SDL_QUIT;
        SDL_PushEvent(&e);
    } else {
        fail(app, s, line, "not a script command");
    }
    return true;
}
