/*
 * The app's sound output: a pack's WAV recordings, judged by their header before
 * SDL decodes them. Used by app_loop.c only.
 */
#ifndef AILIT_APP_AUDIO_H
#define AILIT_APP_AUDIO_H

#include <SDL.h>
#include <stdbool.h>

/* Stops what *device plays and plays the WAV file at path on a new device. The file
 * is read once (at most AIL_MEDIA_MAX_FILE_BYTES) and refused, saying why on stderr,
 * unless base's media probe accepts its header: uncompressed PCM or float, mono or
 * stereo, 8000..192000 Hz, all its samples in the file, within the length limits.
 * *device and *buf (SDL_LoadWAV's samples, freed with SDL_FreeWAV) are the caller's
 * to close when done. Returns false when nothing plays. */
bool app_audio_play(SDL_AudioDeviceID *device, Uint8 **buf, const char *path);

#endif
