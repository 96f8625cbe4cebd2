/*
 * Read aloud's budgets, printed (not a test):
 * - from speech_say to the first chunk with a voice in it in the caller's hands, for
 *   an 80-word page, beside a bare espeak_Synth call on the same text, with the same
 *   flags, voice and rate set up beforehand, to its first voiced buffer, the two
 *   interleaved run by run (budget: <= 150 ms, <= 1.5x); beside them, a bare thread
 *   hand-off there and back, the least a worker thread can add;
 * - the app's own path (app_speech.c, SDL's audio): from the Read aloud button's call
 *   to the first samples handed to SDL (SDL_QueueAudio, which the speech worker calls
 *   itself), the device opened each time, interleaved run by run with a bare
 *   espeak_Synth's first voiced buffer (budget: <= 1.5x); and the first press alone,
 *   which also starts eSpeak (on the worker);
 * - CPU used while nothing is said (budget: zero), and how far peak memory grows with
 *   speech used in all five languages (budget: <= 15 MB);
 * - with --record DIR: the first text page of ai-basics in each language into
 *   DIR/page-LANG.wav through the module's own code, with its length, loudness and
 *   share of silence.
 *   bench_speech [--record DIR]
 */
#include "../speech/speech_packs.h"
#include "app/app_speech.h"

#include <SDL.h>

#include <espeak-ng/speak_lib.h>
#include <math.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define RUNS 31

static const char *PAGE_80 =
    "Artificial intelligence is a kind of computer program that people build. It learns "
    "patterns from many examples, such as photos, sounds or words, and then makes a guess "
    "about something new. A phone that turns your voice into text uses it. An app that spots "
    "disease on a cassava leaf uses it. A map that finds the quickest road uses it. These "
    "tools can be very useful, but they can also be wrong, so we check their answers and "
    "think for ourselves before we trust them.";

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, int n) {
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return v[n / 2];
}

/* ---- bare eSpeak: the first voiced buffer, then abort ---- */

/* True when samples hold a voice (not the lead-in silence eSpeak starts with). */
static bool voiced(const short *wav, size_t count) {
    for (size_t i = 0; i < count; i++)
        if (abs(wav[i]) > 500) return true;
    return false;
}

static double bare_first;
static int bare_callback(short *wav, int count, espeak_EVENT *events) {
    (void)events;
    if (count > 0 && bare_first == 0 && voiced(wav, (size_t)count)) bare_first = now_ms();
    return bare_first != 0; /* stop once the first samples came */
}

/* One bare espeak_Synth of PAGE_80 with the module's flags, voice and rate already
 * set (as the module has them when it says a second text in the same language). */
static double bare_once(void) {
    bare_first = 0;
    double t0 = now_ms();
    espeak_Synth(PAGE_80, strlen(PAGE_80) + 1, 0, POS_CHARACTER, 0,
                 espeakCHARS_UTF8 | espeakENDPAUSE, NULL, NULL);
    return bare_first - t0;
}

/* The bare side runs in a child process (eSpeak keeps global state, and here (1.51) a
 * second espeak_Initialize after espeak_Terminate leaves its next Terminate hanging),
 * one run each time the parent asks, so that both sides share the machine's load. */
typedef struct {
    int ask, answer;
    pid_t pid;
} Bare;

static bool bare_start(Bare *b) {
    int to[2], from[2];
    if (pipe(to) != 0 || pipe(from) != 0) return false;
    b->pid = fork();
    if (b->pid == 0) {
        close(to[1]);
        close(from[0]);
        espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 50, NULL, espeakINITIALIZE_DONT_EXIT);
        espeak_SetSynthCallback(bare_callback);
        espeak_SetVoiceByName("en");
        espeak_SetParameter(espeakRATE, 165, 0); /* the module's normal rate */
        char c;
        while (read(to[0], &c, 1) == 1) {
            double ms = bare_once();
            if (write(from[1], &ms, sizeof ms) != (ssize_t)sizeof ms) break;
        }
        _exit(0);
    }
    close(to[0]);
    close(from[1]);
    b->ask = to[1];
    b->answer = from[0];
    return b->pid > 0;
}

static double bare_run(Bare *b) {
    double ms = -1;
    if (write(b->ask, "r", 1) != 1 || read(b->answer, &ms, sizeof ms) != (ssize_t)sizeof ms)
        return -1;
    return ms;
}

static void bare_stop(Bare *b) {
    close(b->ask);
    close(b->answer);
    waitpid(b->pid, NULL, 0);
}

/* speech_say to the first voiced chunk in the caller's hands. */
static double module_once(Speech *sp) {
    SpeechChunk c;
    double t0 = now_ms();
    speech_say(sp, PAGE_80, "en", SPEECH_NORMAL, NULL, NULL);
    bool sound = false;
    while (!sound && speech_wait(sp, &c, 5000)) {
        sound = voiced(c.samples, c.count) || c.last;
        speech_chunk_free(&c);
    }
    double ms = now_ms() - t0;
    speech_cancel(sp);
    speech_wait_idle(sp, 5000);
    return ms;
}

/* ---- the hand-off to a worker thread and back, with nothing done in between ---- */

static struct {
    pthread_mutex_t lock;
    pthread_cond_t cond;
    int turn; /* 1: the worker's, 2: back to the caller, -1: quit */
} ping = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0};

static void *ping_worker(void *arg) {
    (void)arg;
    pthread_mutex_lock(&ping.lock);
    for (;;) {
        while (ping.turn == 0 || ping.turn == 2) pthread_cond_wait(&ping.cond, &ping.lock);
        if (ping.turn < 0) break;
        ping.turn = 2;
        pthread_cond_broadcast(&ping.cond);
    }
    pthread_mutex_unlock(&ping.lock);
    return NULL;
}

/* One round trip: wake a waiting thread, which wakes us back (what speech_say and
 * the first chunk cost beyond the synthesis itself). */
static double ping_once(void) {
    double t0 = now_ms();
    pthread_mutex_lock(&ping.lock);
    ping.turn = 1;
    pthread_cond_broadcast(&ping.cond);
    while (ping.turn != 2) pthread_cond_wait(&ping.cond, &ping.lock);
    ping.turn = 0;
    pthread_mutex_unlock(&ping.lock);
    return now_ms() - t0;
}

/* ---- the app's own path: its Read aloud press to the first chunk handed to SDL ---- */

/* session->speech_say as the button calls it (the text handed to the worker, the
 * device opened), then the wait for the worker to queue its first samples on the
 * device; the time is the one the app noted as it queued them. */
static double app_once(AppSession *session, AppSpeech *app, double *say_ms) {
    double tick = (double)SDL_GetPerformanceFrequency() / 1e3;
    uint64_t t0 = SDL_GetPerformanceCounter();
    AilError err;
    if (session->speech_say(session->speech, PAGE_80, "en", false, &err) != AIL_OK) return -1;
    *say_ms = (double)(SDL_GetPerformanceCounter() - t0) / tick;
    /* Waiting awake, as the module's side does in speech_wait's condition wait, not in
     * 1 ms sleeps, after which both this process and the bare one ran colder. */
    uint64_t first = 0, give_up = t0 + 5 * SDL_GetPerformanceFrequency();
    while (!(first = app_speech_first_queued(app)) && SDL_GetPerformanceCounter() < give_up)
        sched_yield();
    session->speech_stop(session->speech);
    /* The worker winds down within a buffer: let it, so that the bare run next does not
     * share the machine with it (the module's side waits for the worker to be idle). */
    SDL_Delay(5);
    return first ? (double)(first - t0) / tick : -1;
}

static size_t words_in(const char *text);

static void latency(Speech *sp, Bare *bare_side) {
    Bare bare = *bare_side;
    pthread_t t;
    pthread_create(&t, NULL, ping_worker, NULL);
    double b[RUNS], m[RUNS], p[RUNS];
    for (int i = 0; i < RUNS; i++) { /* interleaved, so both see the same load */
        b[i] = bare_run(&bare);
        m[i] = module_once(sp);
        p[i] = ping_once();
        if (getenv("BENCH_VERBOSE"))
            fprintf(stderr, "run %d: bare %.3f ms, speech_say %.3f ms, hand-off %.3f ms\n", i,
                    b[i], m[i], p[i]);
    }
    bare_stop(&bare);
    pthread_mutex_lock(&ping.lock);
    ping.turn = -1;
    pthread_cond_broadcast(&ping.cond);
    pthread_mutex_unlock(&ping.lock);
    pthread_join(t, NULL);
    double mb = median(b, RUNS), mm = median(m, RUNS), mp = median(p, RUNS);
    printf("first voiced samples of an 80-word page (%zu words), median of %d interleaved runs: "
           "speech_say %.3f ms, bare espeak_Synth %.3f ms, ratio %.2f (budget <= 150 ms, <= "
           "1.5x); a thread hand-off there and back alone: %.3f ms\n",
           words_in(PAGE_80), RUNS, mm, mb, mm / mb, mp);
}

/* The app's path, in a child process of its own (one eSpeak per process), with a
 * bare eSpeak beside it in a child of its own. */
static void app_latency_apart(void) {
    fflush(NULL);
    pid_t child = fork();
    if (child != 0) {
        if (child > 0) waitpid(child, NULL, 0);
        return;
    }
    Bare bare;
    if (!bare_start(&bare) || SDL_Init(SDL_INIT_EVENTS) != 0) _exit(1);
    AppSession session;
    memset(&session, 0, sizeof session);
    AppSpeech *app = app_speech_create(&session);
    if (!app || session.speech_available(session.speech, "en") != SESSION_SPEECH_OK) {
        printf("app: cannot speak here (no eSpeak or no SDL audio device: SDL_AUDIODRIVER=dummy?)\n");
    } else {
        double said0, first = app_once(&session, app, &said0);
        double v[RUNS], said[RUNS], b[RUNS], r[RUNS];
        for (int i = 0; i < RUNS; i++) { /* interleaved, so both see the same load */
            b[i] = bare_run(&bare);
            v[i] = app_once(&session, app, &said[i]);
            r[i] = v[i] / b[i];
            if (getenv("BENCH_VERBOSE"))
                fprintf(stderr, "app run %d: bare %.3f ms, app %.3f ms\n", i, b[i], v[i]);
        }
        double mid = median(v, RUNS), max = v[RUNS - 1]; /* sorted by median */
        printf("app (SDL audio driver %s): Read aloud to the first samples handed to SDL "
               "(SDL_QueueAudio), median of %d interleaved runs: %.3f ms, max %.3f ms, bare "
               "espeak_Synth %.3f ms, ratio of medians %.2f, median ratio %.2f (budget <= 150 ms, "
               "<= 1.5x); of which the button's call (text handed on, device opened) %.3f ms; "
               "the first press, which starts eSpeak on the worker: %.3f ms\n",
               SDL_GetCurrentAudioDriver() ? SDL_GetCurrentAudioDriver() : "?", RUNS, mid, max,
               median(b, RUNS), mid / median(b, RUNS), median(r, RUNS), median(said, RUNS), first);
    }
    bare_stop(&bare);
    app_speech_free(app);
    SDL_Quit();
    fflush(NULL);
    _exit(0);
}

static double cpu_ms(void) {
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_utime.tv_sec * 1e3 + ru.ru_utime.tv_usec / 1e3 + ru.ru_stime.tv_sec * 1e3 +
           ru.ru_stime.tv_usec / 1e3;
}

static long peak_kb(void) {
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

/* Says text in lang to the end; the samples go to f (a WAV being written) when not NULL. */
static void say_to_end(Speech *sp, const char *text, const char *lang, FILE *f, size_t *samples,
                       double *squares, size_t *silent) {
    SpeechChunk c;
    speech_say(sp, text, lang, SPEECH_NORMAL, NULL, NULL);
    bool end = false;
    while (!end && speech_wait(sp, &c, 20000)) {
        if (f && c.count) fwrite(c.samples, sizeof *c.samples, c.count, f);
        for (size_t i = 0; i < c.count; i++) {
            *squares += (double)c.samples[i] * c.samples[i];
            if (abs(c.samples[i]) < 200) (*silent)++;
        }
        *samples += c.count;
        end = c.last;
        speech_chunk_free(&c);
    }
}

static void put_u32(FILE *f, uint32_t v) {
    unsigned char b[4] = {v & 255, (v >> 8) & 255, (v >> 16) & 255, v >> 24};
    fwrite(b, 1, 4, f);
}

static void put_u16(FILE *f, unsigned v) {
    unsigned char b[2] = {v & 255, (v >> 8) & 255};
    fwrite(b, 1, 2, f);
}

/* A 16-bit mono WAV header for n samples at rate. */
static void wav_header(FILE *f, int rate, size_t n) {
    fwrite("RIFF", 1, 4, f);
    put_u32(f, (uint32_t)(36 + n * 2));
    fwrite("WAVEfmt ", 1, 8, f);
    put_u32(f, 16);
    put_u16(f, 1);
    put_u16(f, 1);
    put_u32(f, (uint32_t)rate);
    put_u32(f, (uint32_t)rate * 2);
    put_u16(f, 2);
    put_u16(f, 16);
    fwrite("data", 1, 4, f);
    put_u32(f, (uint32_t)(n * 2));
}

static size_t words_in(const char *text) {
    size_t n = 0;
    bool in = false;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if (*p >= 0xE4 && *p <= 0xE9) {
            n++;
            in = false;
        } else if (*p == ' ') {
            in = false;
        } else if (!in && (*p & 0xC0) != 0x80) {
            in = true;
            n++;
        }
    }
    return n;
}

/* The first text page of ai-basics in each of its languages, into dir. */
static void record(Speech *sp, const char *dir) {
    Course *c = NULL;
    CourseReport r;
    course_report_init(&r);
    if (course_load(AILIT_SOURCE_DIR "/courses/ai-basics", NULL, &c, &r) != AIL_OK) return;
    course_report_free(&r);
    const Page *page = &c->lessons[0].pages[0];
    int rate = speech_sample_rate(sp);
    for (size_t g = 0; g < c->language_count; g++) {
        const char *lang = c->languages[g];
        SpeechScript sc = {0};
        speech_packs_page(&sc, c, page, lang);
        char path[1024];
        snprintf(path, sizeof path, "%s/page-%s.wav", dir, lang);
        FILE *f = fopen(path, "wb");
        if (!f) continue;
        wav_header(f, rate, 0);
        size_t n = 0, silent = 0;
        double sq = 0;
        say_to_end(sp, sc.text, lang, f, &n, &sq, &silent);
        fseek(f, 0, SEEK_SET);
        wav_header(f, rate, n);
        fclose(f);
        size_t words = words_in(sc.text);
        printf("%-8s %-40s %6.1f s  %3zu words  %.2f s/word  RMS %5.0f  quiet %2.0f%%\n", lang,
               path, (double)n / rate, words, (double)n / rate / (double)words,
               sqrt(sq / (double)(n ? n : 1)), 100.0 * (double)silent / (double)(n ? n : 1));
        speech_script_free(&sc);
    }
    course_free(c);
}

int main(int argc, char **argv) {
    const char *record_dir = argc == 3 && strcmp(argv[1], "--record") == 0 ? argv[2] : NULL;
    app_latency_apart();
    Bare bare; /* started before eSpeak here, so the child has an eSpeak of its own */
    if (!bare_start(&bare)) return 1;
    long before = peak_kb();
    Speech *sp = NULL;
    AilError err;
    ail_error_clear(&err);
    if (speech_open(NULL, &sp, &err) != AIL_OK) {
        printf("skipped: %s\n", err.message);
        return 77;
    }
    latency(sp, &bare);
    static const char *langs[] = {"en", "fr", "sw", "ar", "zh-Hans"};
    const char *texts[] = {PAGE_80,
                                  "L'intelligence artificielle apprend à partir d'exemples.",
                                  "Akili bandia hujifunza kutoka kwa mifano mingi.",
                                  "يتعلم الذكاء الاصطناعي من الأمثلة الكثيرة.",
                                  "人工智能从很多例子中学习。"};
    for (int i = 0; i < 5; i++) {
        size_t n = 0, silent = 0;
        double sq = 0;
        say_to_end(sp, texts[i], langs[i], NULL, &n, &sq, &silent);
    }
    printf("peak memory: %ld KB before eSpeak, %ld KB after speaking all five languages: "
           "+%.1f MB (budget <= 15 MB)\n",
           before, peak_kb(), (double)(peak_kb() - before) / 1024.0);
    double cpu0 = cpu_ms();
    sleep(2);
    printf("CPU while idle for 2 s: %.2f ms (budget: zero)\n", cpu_ms() - cpu0);
    /* How soon a cancel takes effect on a long text. */
    SpeechScript long_text = {0};
    for (int i = 0; i < 20; i++) speech_script_add(&long_text, 0, PAGE_80, strlen(PAGE_80), 0);
    double worst = 0;
    for (int i = 0; i < RUNS; i++) {
        SpeechChunk c;
        speech_say(sp, long_text.text, "en", SPEECH_NORMAL, NULL, NULL);
        if (speech_wait(sp, &c, 5000)) speech_chunk_free(&c);
        double t0 = now_ms();
        speech_cancel(sp);
        speech_wait_idle(sp, 5000);
        if (now_ms() - t0 > worst) worst = now_ms() - t0;
    }
    printf("cancel of a long text until the worker is idle: worst of %d %.1f ms (budget 100 ms)\n",
           RUNS, worst);
    speech_script_free(&long_text);
    if (record_dir) record(sp, record_dir);
    speech_close(sp);
    return 0;
}
