/*
 * Read aloud in the app: the speech worker (speech/) and the SDL audio device its
 * samples play on, behind the session's speech_* members. Used by app_loop.c and
 * app_script.c only.
 */
#ifndef AILIT_APP_SPEECH_H
#define AILIT_APP_SPEECH_H

#include "screens/screens.h"

#include <SDL.h>
#include <stddef.h>
#include <stdint.h>

typedef struct AppSpeech AppSpeech;

/* Creates the app's speech and fills session's speech members (NULL, and the members
 * left empty, when it cannot: the app goes on without reading aloud). Nothing starts
 * yet: eSpeak starts on its worker at the first Read aloud, and whether a page can be
 * read is found from files. Free with app_speech_free after the screens. */
AppSpeech *app_speech_create(AppSession *session);
void app_speech_free(AppSpeech *sp);

/* Reports the pack's recordings playing on *recording (the app's device) as
 * SESSION_SPEECH_RECORDING, and stops them with the speech. */
void app_speech_watch(AppSpeech *sp, SDL_AudioDeviceID *recording);

/* Notices the end of what is said (the worker queues its chunks on the audio device
 * itself). Returns when the loop should call again (ail_mono_ms), for the highlight
 * to move, 0 when nothing is being said. */
int64_t app_speech_pump(AppSpeech *sp);

/* Chunks handed to the audio device since the last speech_say (tests). */
size_t app_speech_chunks(const AppSpeech *sp);

/* SDL_GetPerformanceCounter() when the current utterance's first samples were queued
 * on the audio device, 0 before (benchmarks). */
uint64_t app_speech_first_queued(const AppSpeech *sp);

/* Stops what is said (a recording is about to play instead). */
void app_speech_stop(AppSpeech *sp);

#endif
