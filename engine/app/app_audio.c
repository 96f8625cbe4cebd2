/*
 * Sound output. A WAV file from a pack may be damaged or hostile: a header can claim
 * more samples than the file holds, zero channels or an absurd rate. So the file is
 * read into memory once, its header judged by base's media probe, and only those
 * same bytes are handed to SDL_LoadWAV_RW (the file cannot change in between).
 */
#include "app/app_audio.h"
#include "base/base.h"

#include <stdio.h>
#include <stdlib.h>

/* Reads and judges the WAV at path; on success *spec, *buf and *len hold its samples. */
static bool load_checked(const char *path, SDL_AudioSpec *spec, Uint8 **buf, Uint32 *len) {
    char *data = NULL;
    size_t size = 0;
    AilMediaInfo info;
    AilError err;
    ail_error_clear(&err);
    if (ail_file_read(path, AIL_MEDIA_MAX_FILE_BYTES, &data, &size, &err) != AIL_OK ||
        ail_media_probe_wav_bytes(data, size, &info, &err) != AIL_OK) {
        fprintf(stderr, "ailit: not playing %s: %s\n", path, err.message);
        free(data);
        return false;
    }
    SDL_AudioSpec *got = SDL_LoadWAV_RW(SDL_RWFromConstMem(data, (int)size), 1, spec, buf, len);
    free(data);
    if (!got) {
        fprintf(stderr, "ailit: cannot play %s (%s)\n", path, SDL_GetError());
        return false;
    }
    return true;
}

bool app_audio_play(SDL_AudioDeviceID *device, Uint8 **buf, const char *path) {
    if (!SDL_WasInit(SDL_INIT_AUDIO) && SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
        fprintf(stderr, "ailit: no sound (%s)\n", SDL_GetError());
        return false;
    }
    if (*device) SDL_CloseAudioDevice(*device);
    if (*buf) SDL_FreeWAV(*buf);
    *device = 0;
    *buf = NULL;
    SDL_AudioSpec spec;
    Uint32 len = 0;
    if (!load_checked(path, &spec, buf, &len)) return false;
    *device = SDL_OpenAudioDevice(NULL, 0, &spec, NULL, 0);
    if (!*device) {
        fprintf(stderr, "ailit: no sound device (%s)\n", SDL_GetError());
        return false;
    }
    SDL_QueueAudio(*device, *buf, len);
    SDL_PauseAudioDevice(*device, 0);
    return true;
}
