/*
 * speech — eSpeak NG behind a worker thread.
 *
 * Invariants:
 * - Only the worker thread calls eSpeak (it keeps global state and is not
 *   thread-safe); it runs in AUDIO_OUTPUT_SYNCHRONOUS mode, so espeak_Synth returns
 *   when the utterance is done and our callback sees every audio buffer.
 * - sp->generation is the utterance callers want now. The callback returns 1 (eSpeak
 *   stops synthesizing) as soon as its own generation differs, which is how a cancel
 *   takes effect "at once": within one buffer (SPEECH_BUFFER_MS of audio).
 * - The chunk queue only ever holds chunks of sp->generation: a cancel empties it
 *   under the lock, and the worker appends only while its generation is current.
 * - A chunk reaches the sink only while sink_lock is held, from the generation check
 *   to the sink's return; speech_say and speech_cancel change the generation holding
 *   sink_lock too (always taken before lock), so when they return no sink call of an
 *   older generation is under way or can start.
 * - eSpeak starts on the worker (started at the first speech_say); speech_open only
 *   looks at its data files, with eSpeak's own rule for where they are.
 * - eSpeak's word events count characters (1-based) of the UTF-8 text; the worker
 *   turns them into byte offsets with a table built for each utterance.
 */
#include "speech/speech.h"

#include <espeak-ng/espeak_ng.h>
#include <espeak-ng/speak_lib.h>
#include <assert.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define SPEECH_BUFFER_MS 50
#define SPEECH_RATE_NORMAL 165 /* words per minute; eSpeak's default is 175 */
#define SPEECH_RATE_SLOWER 120

typedef struct ChunkNode {
    SpeechChunk chunk;
    struct ChunkNode *next;
} ChunkNode;

/* One utterance as the worker synthesizes it. */
typedef struct {
    Speech *sp;
    uint32_t generation;
    size_t *char_byte; /* char_byte[i]: byte offset of character i (0-based); [chars] = len */
    size_t chars;
    const char *text;
    int64_t samples_done;
    size_t next_offset; /* words before this were said already */
} Utterance;

/* Mandarin: eSpeak NG 1.51's plain "cmn" voice sends most characters' pinyin to its
 * English voice, tone digit and all ("ren two gong one": espeak-ng issues #1028,
 * #1236); "cmn-latn-pinyin" reads the same dictionary as Mandarin, with its tones,
 * and says numbers in Mandarin. */
static const struct {
    const char *lang, *voice, *dict; /* dict: its dictionary, DICT_dict in eSpeak's data */
} speech_voices[] = {{"en", "en", "en"},
                     {"fr", "fr", "fr"},
                     {"sw", "sw", "sw"},
                     {"ar", "ar", "ar"},
                     {"zh", "cmn-latn-pinyin", "cmn"}};
#define SPEECH_VOICE_COUNT (sizeof speech_voices / sizeof speech_voices[0])

struct Speech {
    pthread_t thread;
    bool thread_on;            /* the worker was started (by the first speech_say) */
    pthread_mutex_t sink_lock; /* held around each sink call; taken before lock */
    pthread_mutex_t lock;
    pthread_cond_t wake; /* the worker waits on it for work */
    pthread_cond_t news; /* callers wait on it for chunks, idleness and start-up */
    bool quit, busy;
    int rate; /* Hz; 0 until eSpeak started, -1 when it failed to */
    char data_dir[1024];
    bool voice_ok[SPEECH_VOICE_COUNT];
    /* eSpeak's voice and rate now (worker only): set again only when they change, as
     * espeak_SetVoiceByName reads the voice's files each time (0.1 ms, half of the
     * time to the first samples of a page) */
    int voice_now, rate_now;
    bool fault; /* AILIT_SPEECH_FAULT=synth: every synthesis fails (tests) */
    uint32_t generation;
    /* the request waiting for the worker */
    char *pending_text;
    int pending_voice;
    SpeechSpeed pending_speed;
    ChunkNode *head, *tail;
    SpeechSink sink;
    void *sink_ctx;
};

static int voice_index(const char *lang) {
    if (!lang) return -1;
    for (size_t i = 0; i < SPEECH_VOICE_COUNT; i++) {
        size_t n = strlen(speech_voices[i].lang);
        if (strncmp(lang, speech_voices[i].lang, n) == 0 && (lang[n] == '\0' || lang[n] == '-'))
            return (int)i;
    }
    return -1;
}

const char *speech_voice_for(const char *lang) {
    int i = voice_index(lang);
    return i < 0 ? NULL : speech_voices[i].voice;
}

/* Byte offsets of each UTF-8 character of text (continuation bytes are skipped). */
static size_t *char_table(const char *text, size_t *chars) {
    size_t len = strlen(text), n = 0;
    size_t *table = ail_xmalloc((len + 1) * sizeof *table);
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)text[i] & 0xC0) != 0x80) table[n++] = i;
    table[n] = len;
    *chars = n;
    return table;
}

/* Hands chunk to the sink, or appends it to the queue, if gen is still wanted; the
 * chunk is freed or owned by the queue afterwards. */
static void deliver(Speech *sp, uint32_t gen, SpeechChunk *chunk) {
    pthread_mutex_lock(&sp->sink_lock);
    pthread_mutex_lock(&sp->lock);
    bool wanted = gen == sp->generation && !sp->quit, queued = false;
    SpeechSink sink = sp->sink;
    void *ctx = sp->sink_ctx;
    if (wanted && !sink) {
        ChunkNode *node = ail_xcalloc(1, sizeof *node);
        node->chunk = *chunk;
        if (sp->tail)
            sp->tail->next = node;
        else
            sp->head = node;
        sp->tail = node;
        queued = true;
        pthread_cond_broadcast(&sp->news);
    }
    pthread_mutex_unlock(&sp->lock);
    if (wanted && sink) sink(ctx, chunk);
    pthread_mutex_unlock(&sp->sink_lock);
    if (!queued) speech_chunk_free(chunk);
}

static bool still_wanted(Speech *sp, uint32_t gen) {
    pthread_mutex_lock(&sp->lock);
    bool wanted = gen == sp->generation && !sp->quit;
    pthread_mutex_unlock(&sp->lock);
    return wanted;
}

/* Collects the word events of one buffer into chunk. */
static void take_words(Utterance *u, const espeak_EVENT *ev, SpeechChunk *chunk) {
    size_t n = 0;
    for (const espeak_EVENT *e = ev; e && e->type != espeakEVENT_LIST_TERMINATED; e++)
        if (e->type == espeakEVENT_WORD) n++;
    if (n == 0) return;
    chunk->words = ail_xcalloc(n, sizeof *chunk->words);
    int rate = u->sp->rate;
    for (const espeak_EVENT *e = ev; e && e->type != espeakEVENT_LIST_TERMINATED; e++) {
        if (e->type != espeakEVENT_WORD || e->text_position < 1) continue;
        size_t first = (size_t)e->text_position - 1;
        if (first >= u->chars) continue;
        size_t last = first + (e->length > 0 ? (size_t)e->length : 1);
        if (last > u->chars) last = u->chars;
        size_t from = u->char_byte[first], to = u->char_byte[last];
        while (from < to && (u->text[from] == ' ' || u->text[from] == '\n')) from++;
        /* eSpeak now and then reports a space, or a word again, around numbers and
         * colons: the screen shows words in order, so such an event is dropped. */
        if (from == to || from < u->next_offset) continue;
        assert(chunk->word_count < n);
        SpeechWord *w = &chunk->words[chunk->word_count++];
        w->offset = from;
        w->len = to - from;
        w->sample = (int64_t)e->audio_position * rate / 1000;
        u->next_offset = to;
    }
}

/* eSpeak's synchronous callback: one buffer of samples and its events. Returns 1 to
 * abort the synthesis (a newer generation is wanted). */
static int synth_callback(short *wav, int count, espeak_EVENT *events) {
    Utterance *u = events ? events->user_data : NULL;
    if (!u) return 1;
    if (!still_wanted(u->sp, u->generation)) return 1;
    if (count <= 0 && (!events || events->type == espeakEVENT_LIST_TERMINATED)) return 0;
    SpeechChunk chunk = {.generation = u->generation, .first_sample = u->samples_done};
    if (count > 0 && wav) {
        chunk.samples = ail_xmalloc((size_t)count * sizeof *chunk.samples);
        memcpy(chunk.samples, wav, (size_t)count * sizeof *chunk.samples);
        chunk.count = (size_t)count;
        u->samples_done += count;
    }
    take_words(u, events, &chunk);
    if (chunk.count == 0 && chunk.word_count == 0) {
        speech_chunk_free(&chunk); /* every word event was dropped */
        return 0;
    }
    deliver(u->sp, u->generation, &chunk);
    return 0;
}

/* Says text with voice v on the worker, queueing chunks for generation gen. */
static void worker_say(Speech *sp, char *text, int v, SpeechSpeed speed, uint32_t gen) {
    Utterance u = {.sp = sp, .generation = gen, .text = text};
    u.char_byte = char_table(text, &u.chars);
    int rate = speed == SPEECH_SLOWER ? SPEECH_RATE_SLOWER : SPEECH_RATE_NORMAL;
    if (sp->rate > 0 && v != sp->voice_now) {
        sp->voice_now = espeak_SetVoiceByName(speech_voices[v].voice) == EE_OK ? v : -1;
        sp->rate_now = -1; /* a new voice starts at its own rate */
    }
    if (sp->voice_now == v && rate != sp->rate_now) {
        espeak_SetParameter(espeakRATE, rate, 0);
        sp->rate_now = rate;
    }
    /* Never in another language's voice: a voice that would not load is a failure. */
    bool failed = sp->rate <= 0 || sp->voice_now != v || sp->fault ||
                  espeak_Synth(text, strlen(text) + 1, 0, POS_CHARACTER, 0,
                               espeakCHARS_UTF8 | espeakENDPAUSE, NULL, &u) != EE_OK;
    if (still_wanted(sp, gen)) {
        SpeechChunk end = {
            .generation = gen, .first_sample = u.samples_done, .last = true, .failed = failed};
        deliver(sp, gen, &end);
    }
    free(u.char_byte);
}

/* True when eSpeak's data folder has the file name (suffix appended) to read. A
 * voice needs its dictionary: without it eSpeak still accepts the voice, then says
 * next to nothing (a fraction of a second of sound for a page). */
static bool data_file(const char *data, const char *name, const char *suffix) {
    char path[1200];
    snprintf(path, sizeof path, "%s/%s%s", data ? data : ".", name, suffix);
    return access(path, R_OK) == 0;
}

/* Starts eSpeak on the worker. Its rate is fixed (22050 Hz in eSpeak NG); another
 * one would play at the wrong pitch, so it counts as a failure to start. */
static void worker_start(Speech *sp) {
    sp->voice_now = sp->rate_now = -1;
    int rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, SPEECH_BUFFER_MS,
                                 sp->data_dir[0] ? sp->data_dir : NULL, espeakINITIALIZE_DONT_EXIT);
    if (rate > 0) espeak_SetSynthCallback(synth_callback);
    pthread_mutex_lock(&sp->lock);
    sp->rate = rate == SPEECH_SAMPLE_RATE ? rate : -1;
    pthread_mutex_unlock(&sp->lock);
    if (rate > 0 && rate != SPEECH_SAMPLE_RATE) espeak_Terminate();
}

static void *worker_main(void *arg) {
    Speech *sp = arg;
    worker_start(sp); /* a failed start: every utterance ends failed */
    pthread_mutex_lock(&sp->lock);
    while (!sp->quit) {
        if (!sp->pending_text) {
            sp->busy = false;
            pthread_cond_broadcast(&sp->news);
            pthread_cond_wait(&sp->wake, &sp->lock);
            continue;
        }
        char *text = sp->pending_text;
        sp->pending_text = NULL;
        int v = sp->pending_voice;
        SpeechSpeed speed = sp->pending_speed;
        uint32_t gen = sp->generation;
        pthread_mutex_unlock(&sp->lock);
        worker_say(sp, text, v, speed, gen);
        free(text);
        pthread_mutex_lock(&sp->lock);
    }
    sp->busy = false;
    pthread_cond_broadcast(&sp->news);
    pthread_mutex_unlock(&sp->lock);
    if (sp->rate > 0) espeak_Terminate();
    return NULL;
}

AilResult speech_open(const char *data_dir, Speech **out, AilError *err) {
    *out = NULL;
    struct stat st;
    /* eSpeak would quietly fall back on its own place for a folder that is not there. */
    if (data_dir && (stat(data_dir, &st) != 0 || !S_ISDIR(st.st_mode)))
        return ail_error_set(err, AIL_ERR_NOT_FOUND,
                             "eSpeak NG's data folder %s is not there",
                             data_dir);
    /* Where eSpeak will look (data_dir/espeak-ng-data, data_dir, ESPEAK_DATA_PATH or
     * its own place), by its own rule; no eSpeak runs yet, so this touches no one's
     * state. Its phoneme table is what espeak_Initialize needs first. */
    espeak_ng_InitializePath(data_dir);
    const char *data = NULL;
    espeak_Info(&data);
    if (!data || !data_file(data, "phontab", ""))
        return ail_error_set(err, AIL_ERR_NOT_FOUND,
                             "eSpeak NG's voices are not installed (the espeak-ng-data package): "
                             "no phontab in %s", data ? data : "its data folder");
    Speech *sp = ail_xcalloc(1, sizeof *sp);
    if (data_dir) snprintf(sp->data_dir, sizeof sp->data_dir, "%s", data_dir);
    for (size_t i = 0; i < SPEECH_VOICE_COUNT; i++)
        sp->voice_ok[i] = data_file(data, speech_voices[i].dict, "_dict");
    const char *fault = getenv("AILIT_SPEECH_FAULT");
    sp->fault = fault && strcmp(fault, "synth") == 0;
    pthread_mutex_init(&sp->sink_lock, NULL);
    pthread_mutex_init(&sp->lock, NULL);
    pthread_cond_init(&sp->wake, NULL);
    pthread_cond_init(&sp->news, NULL);
    *out = sp;
    return AIL_OK;
}

/* Frees the queue; the caller holds the lock. */
static void queue_clear(Speech *sp) {
    ChunkNode *n = sp->head;
    while (n) {
        ChunkNode *next = n->next;
        speech_chunk_free(&n->chunk);
        free(n);
        n = next;
    }
    sp->head = sp->tail = NULL;
}

void speech_close(Speech *sp) {
    if (!sp) return;
    pthread_mutex_lock(&sp->lock);
    sp->quit = true;
    sp->generation++;
    pthread_cond_broadcast(&sp->wake);
    pthread_mutex_unlock(&sp->lock);
    if (sp->thread_on) pthread_join(sp->thread, NULL);
    queue_clear(sp);
    free(sp->pending_text);
    pthread_mutex_destroy(&sp->sink_lock);
    pthread_mutex_destroy(&sp->lock);
    pthread_cond_destroy(&sp->wake);
    pthread_cond_destroy(&sp->news);
    free(sp);
}

int speech_sample_rate(const Speech *sp) {
    (void)sp;
    return SPEECH_SAMPLE_RATE;
}

bool speech_broken(Speech *sp) {
    pthread_mutex_lock(&sp->lock);
    bool broken = sp->rate < 0;
    pthread_mutex_unlock(&sp->lock);
    return broken;
}

bool speech_can_speak(const Speech *sp, const char *lang) {
    int v = voice_index(lang);
    return sp && v >= 0 && sp->voice_ok[v];
}

AilResult speech_say(Speech *sp, const char *text, const char *lang, SpeechSpeed speed,
                     uint32_t *generation, AilError *err) {
    if (!speech_can_speak(sp, lang))
        return ail_error_set(err, AIL_ERR_NOT_FOUND, "eSpeak NG has no voice for %s",
                             lang ? lang : "(none)");
    if (!text || !text[0]) return ail_error_set(err, AIL_ERR_INVALID, "nothing to say");
    if (!sp->thread_on) { /* eSpeak starts there, while this returns at once */
        if (pthread_create(&sp->thread, NULL, worker_main, sp) != 0)
            return ail_error_set(err, AIL_ERR_NOMEM, "cannot start the speech worker");
        sp->thread_on = true;
    }
    char *copy = ail_xstrdup(text);
    pthread_mutex_lock(&sp->sink_lock);
    pthread_mutex_lock(&sp->lock);
    sp->generation++;
    queue_clear(sp);
    free(sp->pending_text);
    sp->pending_text = copy;
    sp->pending_voice = voice_index(lang);
    sp->pending_speed = speed;
    sp->busy = true;
    if (generation) *generation = sp->generation;
    pthread_cond_broadcast(&sp->wake);
    pthread_mutex_unlock(&sp->lock);
    pthread_mutex_unlock(&sp->sink_lock);
    return AIL_OK;
}

void speech_cancel(Speech *sp) {
    if (!sp) return;
    pthread_mutex_lock(&sp->sink_lock); /* a sink call under way ends first */
    pthread_mutex_lock(&sp->lock);
    sp->generation++;
    queue_clear(sp);
    free(sp->pending_text);
    sp->pending_text = NULL;
    pthread_mutex_unlock(&sp->lock);
    pthread_mutex_unlock(&sp->sink_lock);
}

/* Pops the head into *out; the caller holds the lock. */
static bool queue_pop(Speech *sp, SpeechChunk *out) {
    ChunkNode *n = sp->head;
    if (!n) return false;
    assert(n->chunk.generation == sp->generation);
    sp->head = n->next;
    if (!sp->head) sp->tail = NULL;
    *out = n->chunk;
    free(n);
    return true;
}

bool speech_take(Speech *sp, SpeechChunk *out) {
    pthread_mutex_lock(&sp->lock);
    bool got = queue_pop(sp, out);
    pthread_mutex_unlock(&sp->lock);
    return got;
}

/* The moment timeout_ms from now, for pthread_cond_timedwait. */
static struct timespec deadline_in(int timeout_ms) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_sec += timeout_ms / 1000;
    ts.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
    if (ts.tv_nsec >= 1000000000L) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000L;
    }
    return ts;
}

bool speech_wait(Speech *sp, SpeechChunk *out, int timeout_ms) {
    struct timespec until = deadline_in(timeout_ms);
    pthread_mutex_lock(&sp->lock);
    bool got;
    while (!(got = queue_pop(sp, out)))
        if (pthread_cond_timedwait(&sp->news, &sp->lock, &until) == ETIMEDOUT) break;
    pthread_mutex_unlock(&sp->lock);
    return got;
}

bool speech_busy(Speech *sp) {
    pthread_mutex_lock(&sp->lock);
    bool busy = sp->busy;
    pthread_mutex_unlock(&sp->lock);
    return busy;
}

bool speech_wait_idle(Speech *sp, int timeout_ms) {
    struct timespec until = deadline_in(timeout_ms);
    pthread_mutex_lock(&sp->lock);
    while (sp->busy)
        if (pthread_cond_timedwait(&sp->news, &sp->lock, &until) == ETIMEDOUT) break;
    bool idle = !sp->busy;
    pthread_mutex_unlock(&sp->lock);
    return idle;
}

void speech_set_sink(Speech *sp, SpeechSink sink, void *ctx) {
    pthread_mutex_lock(&sp->sink_lock);
    pthread_mutex_lock(&sp->lock);
    sp->sink = sink;
    sp->sink_ctx = ctx;
    pthread_mutex_unlock(&sp->lock);
    pthread_mutex_unlock(&sp->sink_lock);
}

void speech_chunk_free(SpeechChunk *chunk) {
    if (!chunk) return;
    free(chunk->samples);
    free(chunk->words);
    memset(chunk, 0, sizeof *chunk);
}
