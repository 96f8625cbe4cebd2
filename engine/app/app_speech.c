/*
 * Read aloud: speech/'s chunks queued on an SDL audio device opened at eSpeak's rate
 * (16-bit mono) straight from the speech worker's thread (SDL_QueueAudio is
 * thread-safe), and the word being heard found from how much of the queue SDL has
 * played.
 *
 * Invariants: the device is open only while something is said or paused (an idle app
 * has no audio thread awake). Whether it can speak is decided from files alone (eSpeak's
 * data, an audio driver or sound device that exists), so a page opens without starting
 * eSpeak or opening a device; eSpeak starts on the worker at the first Read aloud, with
 * its data from AILIT_ESPEAK_DATA when that is set. The sink (worker thread) writes
 * live, held, words, queued, ended, chunk_failed and chunks under mu, and the main
 * thread reads them under mu; the main thread never holds mu while it calls speech_*,
 * and a stop cancels the speech before it clears anything, so no chunk of what was
 * stopped is queued after the clear (speech_cancel returns after any sink call).
 * words[] holds the current utterance's words in order, with their sample positions
 * from its start; queued counts its samples handed on.
 */
#include "app/app_speech.h"
#include "speech/speech.h"

#include <SDL.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#define APP_SPEECH_TICK_MS 40 /* how often the highlight may move while speaking */

struct AppSpeech {
    Speech *engine;
    bool engine_tried;
    int sound; /* -1: not looked at yet; 0: none (or a device would not open); 1: some */
    SDL_AudioDeviceID device; /* main thread: open while something is said or paused */
    SessionSpeechState state;
    bool failed; /* synthesis failed; kept after the stop, until the next say or stop, for
                  * the screen to say so */
    SDL_mutex *mu;
    /* under mu: */
    SDL_AudioDeviceID live; /* where the sink queues (0 until the device is open) */
    int16_t *held;          /* samples that came before the device opened */
    size_t held_count, held_cap, held_chunks;
    SpeechWord *words;
    size_t word_count, word_cap;
    int64_t queued;
    bool ended;        /* the worker's last chunk came */
    bool chunk_failed; /* ... saying that synthesis failed */
    size_t chunks;
    uint64_t first_queued; /* SDL performance counter at the first samples queued */
    /* main thread: */
    SDL_AudioDeviceID *recording; /* the device the pack's recordings play on, if any */
    bool recording_on;            /* one was playing at the last pump */
};

/* True while a pack's recording is heard. */
static bool recording_plays(const AppSpeech *sp) {
    return sp->recording && *sp->recording &&
           SDL_GetAudioDeviceStatus(*sp->recording) == SDL_AUDIO_PLAYING &&
           SDL_GetQueuedAudioSize(*sp->recording) > 0;
}

/* Opens the audio device at eSpeak's rate, paused; 0 when there is none. */
static SDL_AudioDeviceID open_device(int rate) {
    if (!SDL_WasInit(SDL_INIT_AUDIO) && SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
        fprintf(stderr, "ailit: no sound for reading aloud (%s)\n", SDL_GetError());
        return 0;
    }
    SDL_AudioSpec want = {.freq = rate, .format = AUDIO_S16SYS, .channels = 1, .samples = 1024};
    SDL_AudioDeviceID dev = SDL_OpenAudioDevice(NULL, 0, &want, NULL, 0);
    if (!dev) fprintf(stderr, "ailit: no sound device for reading aloud (%s)\n", SDL_GetError());
    return dev;
}

/* True when SDL was built with the audio driver called name. */
static bool driver_built_in(const char *name, size_t len) {
    for (int i = 0; i < SDL_GetNumAudioDrivers(); i++) {
        const char *d = SDL_GetAudioDriver(i);
        if (d && strlen(d) == len && strncasecmp(d, name, len) == 0) return true;
    }
    return false;
}

/* True when a sound card has a playback device (/dev/snd/pcmC0D0p...). */
static bool sound_card_present(void) {
    DIR *dir = opendir("/dev/snd");
    if (!dir) return false;
    bool found = false;
    for (struct dirent *e; !found && (e = readdir(dir));) {
        size_t n = strlen(e->d_name);
        found = strncmp(e->d_name, "pcmC", 4) == 0 && n > 5 && e->d_name[n - 1] == 'p';
    }
    closedir(dir);
    return found;
}

/* Whether there is sound to play on, from names and files alone: SDL's audio is not
 * started and no device is opened (on a Pi that probe costs 3-6 ms and a few MiB
 * while a page opens). With SDL_AUDIODRIVER set, one of the drivers it names must be
 * built into SDL; otherwise a sound server's socket or a sound card must be there.
 * The device itself opens at Read aloud, and one that will not open is remembered. */
static bool sound_exists(AppSpeech *sp) {
    if (sp->sound < 0) {
        const char *want = SDL_getenv("SDL_AUDIODRIVER");
        bool found = false;
        if (want && want[0]) {
            for (const char *p = want; *p && !found;) {
                size_t len = strcspn(p, ",");
                found = len > 0 && driver_built_in(p, len);
                p += len + (p[len] == ',');
            }
        } else {
            const char *run = SDL_getenv("XDG_RUNTIME_DIR"), *pulse = SDL_getenv("PULSE_SERVER");
            char path[1024];
            found = (pulse && pulse[0]) || sound_card_present();
            for (int i = 0; i < 2 && !found && run && run[0]; i++) {
                snprintf(path, sizeof path, "%s/%s", run, i == 0 ? "pulse/native" : "pipewire-0");
                found = access(path, F_OK) == 0;
            }
        }
        sp->sound = found;
        if (!found)
            fprintf(stderr, "ailit: no sound device for reading aloud (%s)\n",
                    want && want[0] ? "SDL has none of the audio drivers in SDL_AUDIODRIVER"
                                    : "no sound card or sound server");
    }
    return sp->sound > 0;
}

/* On the worker thread: a chunk of the utterance now wanted, straight to the device
 * (or held until it is open). */
static void sink(void *ctx, const SpeechChunk *c) {
    AppSpeech *sp = ctx;
    SDL_LockMutex(sp->mu);
    if (c->count && sp->live) {
        SDL_QueueAudio(sp->live, c->samples, (Uint32)(c->count * sizeof *c->samples));
        if (!sp->first_queued) sp->first_queued = SDL_GetPerformanceCounter();
    } else if (c->count) {
        if (sp->held_count + c->count > sp->held_cap) {
            sp->held_cap = (sp->held_count + c->count) * 2;
            sp->held = ail_xrealloc(sp->held, sp->held_cap * sizeof *sp->held);
        }
        memcpy(sp->held + sp->held_count, c->samples, c->count * sizeof *c->samples);
        sp->held_count += c->count;
    }
    if (sp->live)
        sp->chunks++;
    else
        sp->held_chunks++;
    sp->queued += (int64_t)c->count;
    if (sp->word_count + c->word_count > sp->word_cap) {
        sp->word_cap = (sp->word_count + c->word_count) * 2;
        sp->words = ail_xrealloc(sp->words, sp->word_cap * sizeof *sp->words);
    }
    if (c->word_count) memcpy(sp->words + sp->word_count, c->words, c->word_count * sizeof *c->words);
    sp->word_count += c->word_count;
    sp->ended = sp->ended || c->last;
    sp->chunk_failed = sp->chunk_failed || c->failed;
    SDL_UnlockMutex(sp->mu);
}

static SessionSpeechAvail available(void *impl, const char *lang) {
    AppSpeech *sp = impl;
    if (!lang) return sound_exists(sp) ? SESSION_SPEECH_OK : SESSION_SPEECH_NO_AUDIO;
    if (!sp->engine_tried) {
        sp->engine_tried = true;
        AilError err;
        ail_error_clear(&err);
        const char *data = getenv("AILIT_ESPEAK_DATA"); /* eSpeak's data somewhere else */
        if (speech_open(data && data[0] ? data : NULL, &sp->engine, &err) != AIL_OK)
            fprintf(stderr, "ailit: cannot read aloud: %s\n", err.message);
        else
            speech_set_sink(sp->engine, sink, sp);
    }
    if (!sp->engine || speech_broken(sp->engine)) return SESSION_SPEECH_NO_ENGINE;
    if (!sound_exists(sp)) return SESSION_SPEECH_NO_AUDIO;
    return speech_can_speak(sp->engine, lang) ? SESSION_SPEECH_OK : SESSION_SPEECH_NO_VOICE;
}

static void stop(void *impl) {
    AppSpeech *sp = impl;
    if (sp->engine) speech_cancel(sp->engine); /* first: the sink is done with it */
    if (sp->recording && *sp->recording) SDL_ClearQueuedAudio(*sp->recording);
    SDL_LockMutex(sp->mu);
    sp->live = 0;
    sp->held_count = sp->held_chunks = 0;
    sp->word_count = 0;
    sp->queued = 0;
    sp->ended = sp->chunk_failed = false;
    sp->first_queued = 0;
    SDL_UnlockMutex(sp->mu);
    if (sp->device) SDL_CloseAudioDevice(sp->device);
    sp->device = 0;
    sp->state = SESSION_SPEECH_IDLE;
    sp->failed = false;
}

static AilResult say(void *impl, const char *text, const char *lang, bool slower, AilError *err) {
    AppSpeech *sp = impl;
    stop(sp);
    if (available(sp, lang) != SESSION_SPEECH_OK)
        return ail_error_set(err, AIL_ERR_NOT_FOUND, "cannot read aloud in %s", lang);
    /* The worker synthesizes while the device opens (which takes longer on a real
     * sound server than on the dummy driver); what it makes first is held for it. */
    SDL_LockMutex(sp->mu);
    sp->chunks = 0;
    SDL_UnlockMutex(sp->mu);
    AilResult rc = speech_say(sp->engine, text, lang, slower ? SPEECH_SLOWER : SPEECH_NORMAL,
                              NULL, err);
    if (rc != AIL_OK) return rc;
    SDL_AudioDeviceID dev = open_device(speech_sample_rate(sp->engine));
    if (!dev) { /* none after all: the screen says so from now on */
        stop(sp);
        sp->sound = 0;
        return ail_error_set(err, AIL_ERR_IO, "no sound device");
    }
    SDL_LockMutex(sp->mu);
    sp->live = dev;
    if (sp->held_count) {
        SDL_QueueAudio(dev, sp->held, (Uint32)(sp->held_count * sizeof *sp->held));
        sp->first_queued = SDL_GetPerformanceCounter();
    }
    sp->chunks += sp->held_chunks;
    sp->held_count = sp->held_chunks = 0;
    SDL_UnlockMutex(sp->mu);
    sp->device = dev;
    sp->state = SESSION_SPEECH_SPEAKING;
    SDL_PauseAudioDevice(dev, 0);
    return AIL_OK;
}

static void pause_speech(void *impl, bool pause) {
    AppSpeech *sp = impl;
    if (sp->state == SESSION_SPEECH_IDLE) return;
    SDL_PauseAudioDevice(sp->device, pause ? 1 : 0);
    sp->state = pause ? SESSION_SPEECH_PAUSED : SESSION_SPEECH_SPEAKING;
}

static SessionSpeechState state(void *impl, long *word_offset, long *word_len) {
    AppSpeech *sp = impl;
    *word_offset = *word_len = -1;
    if (sp->state == SESSION_SPEECH_IDLE)
        return sp->failed            ? SESSION_SPEECH_FAILED
               : recording_plays(sp) ? SESSION_SPEECH_RECORDING
                                     : SESSION_SPEECH_IDLE;
    SDL_LockMutex(sp->mu);
    int64_t played = sp->queued - (int64_t)(SDL_GetQueuedAudioSize(sp->device) / 2);
    for (size_t i = 0; i < sp->word_count && sp->words[i].sample <= played; i++) {
        *word_offset = (long)sp->words[i].offset;
        *word_len = (long)sp->words[i].len;
    }
    SDL_UnlockMutex(sp->mu);
    return sp->state;
}

int64_t app_speech_pump(AppSpeech *sp) {
    if (!sp) return 0;
    if (sp->state == SESSION_SPEECH_IDLE) { /* a recording: wake to see it end */
        bool was = sp->recording_on;
        sp->recording_on = recording_plays(sp);
        return sp->recording_on ? ail_mono_ms() + 100 : was ? ail_mono_ms() : 0;
    }
    SDL_LockMutex(sp->mu);
    bool done = sp->ended && SDL_GetQueuedAudioSize(sp->device) == 0, failed = sp->chunk_failed;
    SDL_UnlockMutex(sp->mu);
    if (done) {
        if (failed) fprintf(stderr, "ailit: reading aloud failed: eSpeak NG could not say it\n");
        stop(sp);
        sp->failed = failed;
        return ail_mono_ms(); /* one more frame, without the highlight */
    }
    return ail_mono_ms() + APP_SPEECH_TICK_MS;
}

AppSpeech *app_speech_create(AppSession *session) {
    AppSpeech *sp = ail_xcalloc(1, sizeof *sp);
    sp->sound = -1;
    sp->mu = SDL_CreateMutex();
    if (!sp->mu) { /* the app goes on without reading aloud */
        fprintf(stderr, "ailit: cannot read aloud (%s)\n", SDL_GetError());
        free(sp);
        return NULL;
    }
    session->speech = sp;
    session->speech_available = available;
    session->speech_say = say;
    session->speech_pause = pause_speech;
    session->speech_stop = stop;
    session->speech_state = state;
    return sp;
}

void app_speech_watch(AppSpeech *sp, SDL_AudioDeviceID *recording) {
    if (sp) sp->recording = recording;
}

size_t app_speech_chunks(const AppSpeech *sp) {
    if (!sp) return 0;
    SDL_LockMutex(sp->mu);
    size_t n = sp->chunks;
    SDL_UnlockMutex(sp->mu);
    return n;
}

uint64_t app_speech_first_queued(const AppSpeech *sp) {
    if (!sp) return 0;
    SDL_LockMutex(sp->mu);
    uint64_t t = sp->first_queued;
    SDL_UnlockMutex(sp->mu);
    return t;
}

void app_speech_stop(AppSpeech *sp) {
    if (sp) stop(sp);
}

void app_speech_free(AppSpeech *sp) {
    if (!sp) return;
    stop(sp);
    speech_close(sp->engine);
    SDL_DestroyMutex(sp->mu);
    free(sp->words);
    free(sp->held);
    free(sp);
}
