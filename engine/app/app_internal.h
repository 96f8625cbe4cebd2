/* Shared by app_loop.c and app_script.c only. */
#ifndef AILIT_APP_INTERNAL_H
#define AILIT_APP_INTERNAL_H

#include "app/app_session.h"
#include "progress/progress.h"
#include "render/render.h"
#include "screens/screens.h"
#include "text/text.h"
#include "ui/ui.h"

#include <SDL.h>
#include <stdio.h>

typedef struct AppScript AppScript;

typedef struct {
    SDL_Window *window;
    SDL_Renderer *renderer;
    TextSystem *text;
    RenderContext *render;
    ProgressStore *store;
    AppSession session;
    AppSessionEnv env;          /* the session's store and library folder */
    char courses_dir[PATH_MAX]; /* the bundled packs (--courses) */
    Screens *screens;
    UiContext ui;
    Course **courses;
    size_t course_count;
    uint64_t drawn_hash;    /* of the command list on screen */
    unsigned long presents; /* frames drawn and presented */
    bool quit;
    int exit_code;
    bool mouse_down;
    int drag_y;
    bool dragging;
    SDL_AudioDeviceID audio;
    Uint8 *audio_buf;
    struct AppSpeech *speech; /* read aloud (app_speech.c) */
} App;

/* Lays out after an input event (NULL: none) and draws when the frame changed or
 * force is set. */
void app_frame(App *app, const SDL_Event *event, bool force);

/* Saves the frame on screen to path; prints why not on failure. */
bool app_screenshot(App *app, const char *path);

/* Script: synthetic events and checks for tests (see app_script.c). */
AppScript *app_script_load(const char *path);
void app_script_free(AppScript *script);
/* Runs the next step; returns false when the script has ended. */
bool app_script_step(AppScript *script, App *app);

#endif
