/*
 * speech — text in a language to 16-bit mono PCM and the time of each word, spoken by
 * eSpeak NG linked as a library, in a worker thread so that no caller waits.
 *
 * One Speech per process (eSpeak keeps global state). speech_open only looks at
 * eSpeak's data files (which voices are there); eSpeak itself starts on the worker
 * thread at the first speech_say, so a caller that never speaks never pays for it.
 * Every eSpeak call happens on the worker; callers hand it an utterance (speech_say)
 * and get its chunks either from a sink the worker calls (speech_set_sink) or by
 * taking them (speech_take). Each utterance has a generation number; speech_say and
 * speech_cancel start a new one, after which the worker aborts the old synthesis at
 * its next audio buffer and no chunk of an old generation is ever handed out: once
 * speech_say or speech_cancel has returned, the sink is not running with, and will
 * never get, a chunk of an older generation.
 *
 * Ownership: speech_close frees everything; a taken chunk is the caller's, freed with
 * speech_chunk_free; a chunk given to the sink is lent for the call. No SDL here: the
 * app plays the samples.
 */
#ifndef AILIT_SPEECH_H
#define AILIT_SPEECH_H

#include "base/base.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct Speech Speech;

typedef enum { SPEECH_NORMAL, SPEECH_SLOWER } SpeechSpeed;

/* One spoken word: bytes [offset, offset+len) of the text given to speech_say, and
 * when it starts, in samples from the start of the utterance. */
typedef struct {
    size_t offset, len;
    int64_t sample;
} SpeechWord;

/* A piece of an utterance, in order. samples may be NULL when count is 0 (the last
 * chunk may carry only the end). */
typedef struct {
    uint32_t generation;
    int16_t *samples;
    size_t count;
    int64_t first_sample; /* samples[0]'s place in the utterance */
    SpeechWord *words;    /* the words that start in this chunk */
    size_t word_count;
    bool last;   /* the utterance is complete */
    bool failed; /* with last: eSpeak stopped on an error (its voice would not load, or
                  * synthesis failed); what came before it is all there is */
} SpeechChunk;

/* eSpeak NG's output rate in Hz; every Speech speaks at it. */
#define SPEECH_SAMPLE_RATE 22050

/* Prepares speech with eSpeak's data in data_dir (the espeak-ng-data folder or the
 * folder holding it; NULL: eSpeak's own place), reading only which of its files are
 * there (well under a millisecond): eSpeak starts on the worker at the first
 * speech_say. AIL_ERR_NOT_FOUND, with a sentence in err, when data_dir is not a folder
 * or eSpeak's data is not in it; *out is then NULL. Should eSpeak still fail to start
 * later, every utterance ends failed and speech_broken says so.
 * With AILIT_SPEECH_FAULT=synth in the environment every synthesis fails (tests). */
AilResult speech_open(const char *data_dir, Speech **out, AilError *err);

/* Stops the worker (aborting what it says) and frees sp and its chunks. NULL is fine. */
void speech_close(Speech *sp);

/* eSpeak's output rate in Hz (SPEECH_SAMPLE_RATE). */
int speech_sample_rate(const Speech *sp);

/* True once eSpeak has failed to start on the worker (then nothing can be said). */
bool speech_broken(Speech *sp);

/* The eSpeak voice ailit uses for a BCP 47 language tag ("zh-Hans" -> Mandarin,
 * "cmn-latn-pinyin"), or NULL
 * for a language ailit does not speak. */
const char *speech_voice_for(const char *lang);

/* True when eSpeak's data here has the dictionary of lang's voice (checked once, at
 * speech_open; a voice file that then will not load makes the utterance fail). */
bool speech_can_speak(const Speech *sp, const char *lang);

/* Cancels what is being said and starts saying text (UTF-8, copied) in lang's voice.
 * Returns AIL_OK with *generation set (may be NULL), or AIL_ERR_NOT_FOUND when lang
 * has no voice, AIL_ERR_INVALID for empty text. Never waits for synthesis. */
AilResult speech_say(Speech *sp, const char *text, const char *lang, SpeechSpeed speed,
                     uint32_t *generation, AilError *err);

/* Cancels what is being said or waiting to be said; its chunks are dropped. Returns
 * at once (at most after a sink call already under way); the worker aborts within one
 * audio buffer (about 50 ms of speech). */
void speech_cancel(Speech *sp);

/* Takes the oldest chunk of the current generation into *out, or returns false when
 * there is none yet (always, with a sink). Never waits. */
bool speech_take(Speech *sp, SpeechChunk *out);

/* Like speech_take, but waits up to timeout_ms for a chunk (for tests and tools). */
bool speech_wait(Speech *sp, SpeechChunk *out, int timeout_ms);

/* True while the worker synthesizes (or has an utterance waiting). */
bool speech_busy(Speech *sp);

/* Waits up to timeout_ms for the worker to be idle; true when it is. */
bool speech_wait_idle(Speech *sp, int timeout_ms);

/* Where the worker hands each chunk of the current generation, as soon as eSpeak
 * makes it, instead of queueing it for speech_take (e.g. to queue its samples on a
 * sound device with no other thread in between). Called on the worker thread with the
 * chunk lent for the call; sink must be quick, thread-safe and must not call speech_*
 * functions, and whoever cancels must not hold a lock the sink takes. NULL: chunks
 * are queued for speech_take again. */
typedef void (*SpeechSink)(void *ctx, const SpeechChunk *chunk);
void speech_set_sink(Speech *sp, SpeechSink sink, void *ctx);

/* Frees a chunk's arrays and zeroes it. */
void speech_chunk_free(SpeechChunk *chunk);

/* ---- What to say: a page or question as one text ---- */

/* Where a stretch of the spoken text shows on screen: bytes [part_offset,
 * part_offset+len) of on-screen part `part` (the caller numbers its parts: title,
 * body, each choice...). For markup, a part's offsets count the bytes of its spans
 * one after another, as course_markup_parse gives them. */
typedef struct {
    size_t offset, len; /* in SpeechScript.text */
    int part;
    size_t part_offset;
} SpeechPiece;

/* A text to speak and the map from it back to the screen. Owns its arrays; free with
 * speech_script_free. Zero-initialize before use. */
typedef struct {
    char *text; /* NUL-terminated once anything was added */
    size_t len, cap;
    SpeechPiece *pieces;
    size_t piece_count, piece_cap;
} SpeechScript;

/* Adds len bytes of text that show as bytes from part_offset of part (part < 0: said,
 * not shown, like the "1." before a choice). */
void speech_script_add(SpeechScript *script, int part, const char *text, size_t len,
                       size_t part_offset);

/* Adds body markup (paragraphs, "- " bullets, "**bold**") as plain sentences: each
 * block is said as its own sentence, bold as plain words. */
void speech_script_add_markup(SpeechScript *script, int part, const char *body);

/* Ends a sentence: adds ". " unless the text already ends in a full stop (any
 * script's) or is empty. */
void speech_script_end_sentence(SpeechScript *script);

/* The on-screen place of byte offset in script->text: true and *part, *part_offset
 * when it shows on screen. */
bool speech_script_locate(const SpeechScript *script, size_t offset, int *part,
                          size_t *part_offset);

void speech_script_free(SpeechScript *script);

#endif
