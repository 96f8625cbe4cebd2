/*
 * Read aloud: speech/'s chunks queued on an SDL audio device opened at eSpeak's rate
 * (16-bit mono), and the word being heard found from how much of the queue SDL has
 * played.
 *
 * Invariants: the device is open only while something is said or paused (an idle app
 * has no audio thread awake); words[] holds the current utterance's words in order,
 * with their sample positions from its start; queued counts the samples handed to SDL
 * for it. eSpeak is started at the first availability check, not at start-up, with its
 * data from AILIT_ESPEAK_DATA when that is set.
 */
#include "app/app_speech.h"
#include "speech/speech.h"

#include <SDL.h>
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define APP_SPEECH_TICK_MS 40 /* how often the highlight may move while speaking */

struct AppSpeech {
    Speech *engine;
    bool engine_tried, audio_tried, audio_ok;
    SDL_AudioDeviceID device;
    SessionSpeechState state;
    SpeechWord *words;
    size_t word_count, word_cap;
    int64_t queued;
    bool ended;  /* the worker's last chunk came */
    bool failed; /* ... saying that synthesis failed; kept after the stop, until the
                  * next say or stop, for the screen to say so */
    size_t chunks;
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

/* On the worker thread: wakes the event loop so that the first chunk of speech goes to
 * the device at once, not at the loop's next tick. */
static void wake_loop(void *ctx) {
    (void)ctx;
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_USEREVENT;
    SDL_PushEvent(&e);
}

/* Whether a sound device opens at all (tried once). */
static bool has_audio(AppSpeech *sp) {
    if (!sp->audio_tried) {
        sp->audio_tried = true;
        SDL_AudioDeviceID dev = open_device(22050); /* eSpeak's rate; any would do */
        sp->audio_ok = dev != 0;
        if (dev) SDL_CloseAudioDevice(dev);
    }
    return sp->audio_ok;
}

static SessionSpeechAvail available(void *impl, const char *lang) {
    AppSpeech *sp = impl;
    if (!lang) return has_audio(sp) ? SESSION_SPEECH_OK : SESSION_SPEECH_NO_AUDIO;
    if (!sp->engine_tried) {
        sp->engine_tried = true;
        AilError err;
        ail_error_clear(&err);
        const char *data = getenv("AILIT_ESPEAK_DATA"); /* eSpeak's data somewhere else */
        if (speech_open(data && data[0] ? data : NULL, &sp->engine, &err) != AIL_OK)
            fprintf(stderr, "ailit: cannot read aloud: %s\n", err.message);
        else
            speech_set_notify(sp->engine, wake_loop, NULL);
    }
    if (!sp->engine) return SESSION_SPEECH_NO_ENGINE;
    if (!has_audio(sp)) return SESSION_SPEECH_NO_AUDIO;
    return speech_can_speak(sp->engine, lang) ? SESSION_SPEECH_OK : SESSION_SPEECH_NO_VOICE;
}

static void stop(void *impl) {
    AppSpeech *sp = impl;
    if (sp->engine) speech_cancel(sp->engine);
    if (sp->recording && *sp->recording) SDL_ClearQueuedAudio(*sp->recording);
    if (sp->device) SDL_CloseAudioDevice(sp->device);
    sp->device = 0;
    sp->state = SESSION_SPEECH_IDLE;
    sp->word_count = 0;
    sp->queued = 0;
    sp->ended = sp->failed = false;
}

static AilResult say(void *impl, const char *text, const char *lang, bool slower, AilError *err) {
    AppSpeech *sp = impl;
    stop(sp);
    if (available(sp, lang) != SESSION_SPEECH_OK)
        return ail_error_set(err, AIL_ERR_NOT_FOUND, "cannot read aloud in %s", lang);
    /* The worker synthesizes while the device opens (which takes longer on a real
     * sound server than on the dummy driver). */
    AilResult rc = speech_say(sp->engine, text, lang, slower ? SPEECH_SLOWER : SPEECH_NORMAL,
                              NULL, err);
    if (rc != AIL_OK) return rc;
    sp->device = open_device(speech_sample_rate(sp->engine));
    if (!sp->device) { /* gone since it was checked: the screen says so from now on */
        stop(sp);
        sp->audio_ok = false;
        return ail_error_set(err, AIL_ERR_IO, "no sound device");
    }
    sp->chunks = 0;
    sp->state = SESSION_SPEECH_SPEAKING;
    SDL_PauseAudioDevice(sp->device, 0);
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
    int64_t played = sp->queued - (int64_t)(SDL_GetQueuedAudioSize(sp->device) / 2);
    for (size_t i = 0; i < sp->word_count && sp->words[i].sample <= played; i++) {
        *word_offset = (long)sp->words[i].offset;
        *word_len = (long)sp->words[i].len;
    }
    return sp->state;
}

/* Takes one chunk's samples and words. */
static void take_chunk(AppSpeech *sp, const SpeechChunk *c) {
    if (c->count) SDL_QueueAudio(sp->device, c->samples, (Uint32)(c->count * sizeof *c->samples));
    sp->queued += (int64_t)c->count;
    if (sp->word_count + c->word_count > sp->word_cap) {
        sp->word_cap = (sp->word_count + c->word_count) * 2;
        sp->words = ail_xrealloc(sp->words, sp->word_cap * sizeof *sp->words);
    }
    if (c->word_count) memcpy(sp->words + sp->word_count, c->words, c->word_count * sizeof *c->words);
    sp->word_count += c->word_count;
    sp->ended = sp->ended || c->last;
    sp->failed = sp->failed || c->failed;
    sp->chunks++;
}

int64_t app_speech_pump(AppSpeech *sp) {
    if (!sp) return 0;
    if (sp->state == SESSION_SPEECH_IDLE) { /* a recording: wake to see it end */
        bool was = sp->recording_on;
        sp->recording_on = recording_plays(sp);
        return sp->recording_on ? ail_time_now_ms() + 100 : was ? ail_time_now_ms() : 0;
    }
    assert(sp->engine && sp->device);
    SpeechChunk c;
    while (speech_take(sp->engine, &c)) {
        take_chunk(sp, &c);
        speech_chunk_free(&c);
    }
    if (sp->ended && SDL_GetQueuedAudioSize(sp->device) == 0) {
        bool failed = sp->failed;
        if (failed) fprintf(stderr, "ailit: reading aloud failed: eSpeak NG could not say it\n");
        stop(sp);
        sp->failed = failed;
        return ail_time_now_ms(); /* one more frame, without the highlight */
    }
    return ail_time_now_ms() + APP_SPEECH_TICK_MS;
}

AppSpeech *app_speech_create(AppSession *session) {
    AppSpeech *sp = ail_xcalloc(1, sizeof *sp);
    session->speech = sp;
    session->speech_available = available;
    session->speech_say = say;
    session->speech_pause = pause_speech;
    session->speech_stop = stop;
    session->speech_state = state;
    return sp;
}

void app_speech_watch(AppSpeech *sp, SDL_AudioDeviceID *recording) { sp->recording = recording; }

size_t app_speech_chunks(const AppSpeech *sp) { return sp ? sp->chunks : 0; }

void app_speech_stop(AppSpeech *sp) {
    if (sp) stop(sp);
}

void app_speech_free(AppSpeech *sp) {
    if (!sp) return;
    stop(sp);
    speech_close(sp->engine);
    free(sp->words);
    free(sp);
}
