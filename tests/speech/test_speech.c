/*
 * The speech module: eSpeak NG says every text page and question of the bundled packs
 * in each of their languages (one child process a pack, in parallel), the word times it
 * gives point into the text in order, a cancel stops the worker for good, no chunk of a
 * cancelled utterance reaches the sink once the cancel has returned, and pages and
 * questions are read without markup.
 *
 * Skipped (77) when eSpeak NG's data is not installed.
 */
#include "speech_packs.h"

#include <math.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

static Speech *speech;

/* What one utterance gave. */
typedef struct {
    size_t samples;
    double sum_squares;
    size_t words;
    size_t last_word_offset;
    int64_t last_word_sample;
    bool ended;
} Heard;

/* Counts the words of text as spaces and CJK characters split them. */
static size_t count_words(const char *text) {
    size_t n = 0;
    bool in = false;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if (*p >= 0xE4 && *p <= 0xE9) { /* a CJK ideograph counts as a word */
            n++;
            in = false;
        } else if (*p == ' ' || *p == '\n') {
            in = false;
        } else if (!in && (*p & 0xC0) != 0x80) {
            in = true;
            n++;
        }
    }
    return n;
}

/* Says text in lang, checking each word as it comes; returns what was heard. */
static Heard say_all(const char *text, const char *lang) {
    Heard h = {0};
    h.last_word_sample = -1;
    assert_int_equal(speech_say(speech, text, lang, SPEECH_NORMAL, NULL, NULL), AIL_OK);
    size_t text_len = strlen(text);
    bool any_word = false;
    SpeechChunk c;
    while (!h.ended && speech_wait(speech, &c, 20000)) {
        for (size_t i = 0; i < c.count; i++) h.sum_squares += (double)c.samples[i] * c.samples[i];
        h.samples += c.count;
        for (size_t w = 0; w < c.word_count; w++) {
            const SpeechWord *word = &c.words[w];
            if (word->offset + word->len > text_len || word->len == 0)
                fail_msg("%s word at %zu+%zu outside a text of %zu bytes", lang, word->offset,
                         word->len, text_len);
            if ((text[word->offset] & 0xC0) == 0x80)
                fail_msg("%s word at %zu starts inside a character", lang, word->offset);
            if (any_word && (word->sample < h.last_word_sample || word->offset < h.last_word_offset))
                fail_msg("%s word at %zu (sample %lld) comes before the one at %zu (%lld)", lang,
                         word->offset, (long long)word->sample, h.last_word_offset,
                         (long long)h.last_word_sample);
            any_word = true;
            h.last_word_offset = word->offset;
            h.last_word_sample = word->sample;
            h.words++;
        }
        h.ended = c.last;
        speech_chunk_free(&c);
    }
    assert_true(h.ended);
    return h;
}

/* Asserts that text said in lang is audible and about as long as its words need. */
static void check_said(const char *what, const char *text, const char *lang) {
    Heard h = say_all(text, lang);
    double rate = speech_sample_rate(speech);
    double rms = h.samples ? sqrt(h.sum_squares / (double)h.samples) : 0;
    double seconds = h.samples / rate;
    size_t words = count_words(text);
    if (rms < 300) fail_msg("%s [%s]: silent (RMS %.0f)", what, lang, rms);
    if (seconds < 0.15 * (double)words || seconds > 1.5 * (double)words + 1.0)
        fail_msg("%s [%s]: %.1f s for %zu words", what, lang, seconds, words);
    if (h.words == 0) fail_msg("%s [%s]: no word times", what, lang);
}

/* The bundled packs are spoken in child processes, one a pack, all started before
 * this process starts eSpeak (one per process): nearly all of this test's time is
 * eSpeak synthesizing, which this way uses every core while the other tests run. */
#define PACKS_MAX 32
static pid_t pack_child[PACKS_MAX];
static char *pack_path[PACKS_MAX];
static size_t pack_count;

/* A child's whole work: every text page and question of the pack at path in each of
 * its languages; exits 0, or not 0 after saying what failed (cmocka's failure outside
 * a test ends the process). */
static void speak_pack(const char *path) {
    AilError err;
    ail_error_clear(&err);
    if (speech_open(NULL, &speech, &err) != AIL_OK) _exit(77);
    Course *c = NULL;
    CourseReport r;
    course_report_init(&r);
    assert_int_equal(course_load(path, NULL, &c, &r), AIL_OK);
    course_report_free(&r);
    for (size_t g = 0; g < c->language_count; g++) {
        const char *lang = c->languages[g];
        if (!speech_can_speak(speech, lang)) fail_msg("%s: no voice for %s", path, lang);
        for (size_t l = 0; l < c->lesson_count; l++)
            for (size_t p = 0; p < c->lessons[l].page_count; p++) {
                const Page *page = &c->lessons[l].pages[p];
                if (page->type == PAGE_TEXT) {
                    SpeechScript sc = {0};
                    speech_packs_page(&sc, c, page, lang);
                    check_said(path, sc.text, lang);
                    speech_script_free(&sc);
                }
                for (size_t q = 0; page->type == PAGE_QUIZ && q < page->question_count; q++) {
                    SpeechScript sc = {0};
                    speech_packs_question(&sc, c, &page->questions[q], lang);
                    check_said(path, sc.text, lang);
                    speech_script_free(&sc);
                }
            }
    }
    course_free(c);
    speech_close(speech);
    fflush(NULL);
    _exit(0);
}

/* Starts a child for each bundled pack. */
static void start_pack_children(void) {
    char **paths = NULL;
    size_t count = 0;
    if (course_find_packs(AILIT_SOURCE_DIR "/courses", &paths, &count, NULL) != AIL_OK) return;
    for (size_t i = 0; i < count; i++) {
        if (pack_count == PACKS_MAX) {
            free(paths[i]);
            continue;
        }
        fflush(NULL);
        pid_t pid = fork();
        if (pid == 0) speak_pack(paths[i]);
        pack_path[pack_count] = paths[i];
        pack_child[pack_count++] = pid;
    }
    free(paths);
}

static void each_pack_and_language_is_spoken_audibly_with_word_times(void **state) {
    (void)state;
    assert_true(pack_count > 0);
    for (size_t i = 0; i < pack_count; i++) {
        int status = 0;
        if (pack_child[i] < 0) fail_msg("%s: cannot start a process for it", pack_path[i]);
        if (waitpid(pack_child[i], &status, 0) != pack_child[i] || !WIFEXITED(status) ||
            WEXITSTATUS(status) != 0)
            fail_msg("%s: failed (said above)", pack_path[i]);
        pack_child[i] = 0;
    }
}

/* Ends any child still running (after a failure) and frees the paths. */
static void stop_pack_children(void) {
    for (size_t i = 0; i < pack_count; i++) {
        if (pack_child[i] > 0) {
            kill(pack_child[i], SIGTERM);
            waitpid(pack_child[i], NULL, 0);
        }
        free(pack_path[i]);
    }
}

static void a_cancel_stops_the_worker_and_nothing_more_comes(void **state) {
    (void)state;
    SpeechScript sc = {0};
    for (int i = 0; i < 40; i++) {
        const char *s = "This is a long text that goes on and on so that the worker is busy. ";
        speech_script_add(&sc, 0, s, strlen(s), 0);
    }
    uint32_t gen = 0;
    assert_int_equal(speech_say(speech, sc.text, "en", SPEECH_NORMAL, &gen, NULL), AIL_OK);
    SpeechChunk c;
    assert_true(speech_wait(speech, &c, 20000)); /* it has begun */
    speech_chunk_free(&c);
    speech_cancel(speech);
    assert_true(speech_wait_idle(speech, 5000));
    assert_false(speech_take(speech, &c));
    assert_false(speech_wait(speech, &c, 200)); /* and nothing comes later */
    speech_script_free(&sc);
}

/* What the sink saw (on the worker thread), under its own lock. */
static struct {
    pthread_mutex_t lock;
    pthread_cond_t came;
    uint32_t cancelled; /* every generation up to this one was cancelled, the cancel returned */
    size_t chunks, late;
} seen = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0, 0};

static void check_not_cancelled(const SpeechChunk *c) {
    pthread_mutex_lock(&seen.lock);
    if (c->generation <= seen.cancelled) seen.late++;
    pthread_mutex_unlock(&seen.lock);
}

/* A sink that takes its time, as queueing on a sound device may: its chunk's
 * generation must not have been cancelled when it comes, nor when it is done with it
 * (the app clears the device's queue once the cancel returns). */
static void slow_sink(void *ctx, const SpeechChunk *c) {
    (void)ctx;
    check_not_cancelled(c);
    pthread_mutex_lock(&seen.lock);
    seen.chunks++;
    pthread_cond_broadcast(&seen.came);
    pthread_mutex_unlock(&seen.lock);
    usleep(2000);
    check_not_cancelled(c);
}

static void a_cancelled_generation_never_reaches_the_sink_after_the_cancel(void **state) {
    (void)state;
    SpeechScript sc = {0};
    for (int i = 0; i < 10; i++) {
        const char *s = "Each of these words comes to the sink, one buffer at a time. ";
        speech_script_add(&sc, 0, s, strlen(s), 0);
    }
    speech_set_sink(speech, slow_sink, NULL);
    for (int i = 0; i < 40; i++) {
        uint32_t gen = 0, next = 0;
        pthread_mutex_lock(&seen.lock);
        seen.chunks = 0;
        pthread_mutex_unlock(&seen.lock);
        assert_int_equal(speech_say(speech, sc.text, "en", SPEECH_NORMAL, &gen, NULL), AIL_OK);
        pthread_mutex_lock(&seen.lock); /* the cancel comes after 1 to 3 chunks */
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += 20;
        while (seen.chunks < 1 + (size_t)(i % 3))
            if (pthread_cond_timedwait(&seen.came, &seen.lock, &until) != 0) break;
        assert_true(seen.chunks >= 1);
        pthread_mutex_unlock(&seen.lock);
        if (i % 2) /* a cancel, or a new text (which cancels the one before it) */
            speech_cancel(speech);
        else
            assert_int_equal(speech_say(speech, "Next.", "en", SPEECH_NORMAL, &next, NULL), AIL_OK);
        pthread_mutex_lock(&seen.lock);
        seen.cancelled = gen;
        pthread_mutex_unlock(&seen.lock);
        if (next) speech_cancel(speech);
        pthread_mutex_lock(&seen.lock);
        if (next) seen.cancelled = next;
        pthread_mutex_unlock(&seen.lock);
        assert_true(speech_wait_idle(speech, 5000));
    }
    speech_set_sink(speech, NULL, NULL);
    SpeechChunk c;
    assert_false(speech_take(speech, &c)); /* with a sink, nothing was queued */
    pthread_mutex_lock(&seen.lock);
    size_t late = seen.late;
    pthread_mutex_unlock(&seen.lock);
    assert_int_equal(late, 0);
    speech_script_free(&sc);
}

static void a_new_text_replaces_the_one_being_said(void **state) {
    (void)state;
    uint32_t first = 0, second = 0;
    assert_int_equal(speech_say(speech, "One two three four five six seven eight nine ten.", "en",
                                SPEECH_NORMAL, &first, NULL),
                     AIL_OK);
    assert_int_equal(speech_say(speech, "Bonjour.", "fr", SPEECH_NORMAL, &second, NULL), AIL_OK);
    assert_true(second != first);
    SpeechChunk c;
    bool ended = false;
    while (!ended && speech_wait(speech, &c, 20000)) {
        assert_int_equal(c.generation, second);
        ended = c.last;
        speech_chunk_free(&c);
    }
    assert_true(ended);
}

static void arabic_and_chinese_word_times_are_byte_offsets_of_their_words(void **state) {
    (void)state;
    const char *ar = "\xD8\xA7\xD9\x84\xD8\xB0\xD9\x83\xD8\xA7\xD8\xA1 "
                     "\xD8\xA7\xD9\x84\xD8\xA7\xD8\xB5\xD8\xB7\xD9\x86\xD8\xA7\xD8\xB9\xD9\x8A";
    Heard h = say_all(ar, "ar");
    assert_int_equal(h.words, 2);
    assert_int_equal(h.last_word_offset, 13); /* the second word starts after "الذكاء " (6 letters, 2 bytes each, and a space) */
    h = say_all("\xE4\xBA\xBA\xE5\xB7\xA5\xE6\x99\xBA\xE8\x83\xBD AI 2024", "zh-Hans");
    assert_true(h.words >= 2);
}

static void a_language_without_a_voice_is_refused(void **state) {
    (void)state;
    AilError err;
    ail_error_clear(&err);
    assert_false(speech_can_speak(speech, "xx"));
    assert_int_equal(speech_say(speech, "text", "xx", SPEECH_NORMAL, NULL, &err),
                     AIL_ERR_NOT_FOUND);
    assert_string_equal(speech_voice_for("zh-Hans"), "cmn-latn-pinyin");
    assert_string_equal(speech_voice_for("fr"), "fr");
    assert_null(speech_voice_for("de"));
}

static void a_data_folder_that_is_not_there_is_refused(void **state) {
    (void)state;
    AilError err;
    ail_error_clear(&err);
    Speech *other = (Speech *)1;
    /* Refused before eSpeak is touched (it would quietly use its own place instead). */
    assert_int_equal(speech_open("/nonexistent/espeak", &other, &err), AIL_ERR_NOT_FOUND);
    assert_null(other);
    assert_non_null(strstr(err.message, "/nonexistent/espeak"));
}

static void markup_is_read_as_plain_sentences_and_maps_back(void **state) {
    (void)state;
    SpeechScript sc = {0};
    speech_script_add(&sc, 0, "Title", 5, 0);
    speech_script_end_sentence(&sc);
    speech_script_add_markup(&sc, 1, "AI **learns** from data\n\n- one\n- two.");
    assert_string_equal(sc.text, "Title. AI learns from data. one. two. ");
    int part = -1;
    size_t at = 0;
    assert_true(speech_script_locate(&sc, 10, &part, &at)); /* "learns" */
    assert_int_equal(part, 1);
    assert_int_equal(at, 3); /* in the spans "AI ", "learns", ... */
    assert_true(speech_script_locate(&sc, 0, &part, &at));
    assert_int_equal(part, 0);
    assert_false(speech_script_locate(&sc, 5, &part, &at)); /* the added ". " */
    speech_script_free(&sc);
}

int main(void) {
    start_pack_children(); /* before eSpeak starts here */
    AilError err;
    ail_error_clear(&err);
    if (speech_open(NULL, &speech, &err) != AIL_OK) {
        printf("skipped: %s\n", err.message);
        stop_pack_children();
        return 77;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(markup_is_read_as_plain_sentences_and_maps_back),
        cmocka_unit_test(a_language_without_a_voice_is_refused),
        cmocka_unit_test(a_data_folder_that_is_not_there_is_refused),
        cmocka_unit_test(arabic_and_chinese_word_times_are_byte_offsets_of_their_words),
        cmocka_unit_test(a_new_text_replaces_the_one_being_said),
        cmocka_unit_test(a_cancel_stops_the_worker_and_nothing_more_comes),
        cmocka_unit_test(a_cancelled_generation_never_reaches_the_sink_after_the_cancel),
        cmocka_unit_test(each_pack_and_language_is_spoken_audibly_with_word_times),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    speech_close(speech);
    stop_pack_children();
    return failed;
}
