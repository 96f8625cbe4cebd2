/*
 * base — what every ailit module shares: result codes, the error record, UTF-8
 * helpers, an arena allocator, growable buffers, UUIDs, time stamps, safe paths and
 * bounded file reading. libc only.
 */
#ifndef AILIT_BASE_H
#define AILIT_BASE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- Result codes and the error record ---------------------------------------- */

typedef enum {
    AIL_OK = 0,
    AIL_ERR_NOMEM,       /* out of memory */
    AIL_ERR_IO,          /* a file could not be read or written */
    AIL_ERR_NOT_FOUND,   /* a file or record does not exist */
    AIL_ERR_PARSE,       /* a file is not well-formed (JSON syntax, UTF-8) */
    AIL_ERR_INVALID,     /* well-formed but breaks a rule */
    AIL_ERR_TOO_LARGE,   /* over a size or depth limit */
    AIL_ERR_UNSUPPORTED, /* made for a newer ailit */
    AIL_ERR_USAGE,       /* a caller or command-line mistake */
    AIL_ERR_CORRUPT      /* stored data is damaged */
} AilResult;

/* Where a problem is and what it is. file/line/col are empty/0 when unknown. */
typedef struct {
    AilResult code;
    char message[512];
    char file[512];
    int line;
    int col;
} AilError;

/* Returns a short English name for a result code ("out of memory", ...). */
const char *ail_result_name(AilResult code);

/* Clears err (may be NULL). */
void ail_error_clear(AilError *err);

/* Records code and a printf-style message in err (may be NULL); returns code. */
AilResult ail_error_set(AilError *err, AilResult code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Like ail_error_set, with the file and position the problem was found at. */
AilResult ail_error_set_at(AilError *err, AilResult code, const char *file, int line, int col,
                           const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* Writes "FILE:LINE:COL: message" (or the parts known) into out; returns out. */
const char *ail_error_format(const AilError *err, char *out, size_t out_size);

/* ---- Memory ------------------------------------------------------------------- */

/* Calls abort() with a message when memory runs out; ailit treats that as fatal
 * below app/, which saves what it can first. Returns non-NULL. */
void *ail_xmalloc(size_t size);
void *ail_xcalloc(size_t count, size_t size);
void *ail_xrealloc(void *ptr, size_t size);
char *ail_xstrdup(const char *s);

/* An arena: many small allocations freed together. Owns every block it hands out. */
typedef struct AilArenaBlock AilArenaBlock;
typedef struct {
    AilArenaBlock *head;
    size_t used_bytes; /* bytes handed out, for measuring */
} AilArena;

void ail_arena_init(AilArena *arena);
/* Returns zeroed memory, aligned for any type, valid until ail_arena_free. */
void *ail_arena_alloc(AilArena *arena, size_t size);
/* Copies n bytes of s and a terminating NUL into the arena. */
char *ail_arena_strndup(AilArena *arena, const char *s, size_t n);
char *ail_arena_strdup(AilArena *arena, const char *s);
void ail_arena_free(AilArena *arena);

/* A growable byte buffer, always NUL-terminated. Owns data; free with ail_buf_free. */
typedef struct {
    char *data;
    size_t len;
    size_t cap;
} AilBuf;

void ail_buf_init(AilBuf *buf);
void ail_buf_append(AilBuf *buf, const char *bytes, size_t n);
void ail_buf_puts(AilBuf *buf, const char *s);
void ail_buf_printf(AilBuf *buf, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ail_buf_vprintf(AilBuf *buf, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
void ail_buf_clear(AilBuf *buf);
/* Appends s as a JSON string: quoted, with '"', '\\' and control bytes escaped. */
void ail_buf_json_string(AilBuf *buf, const char *s);
void ail_buf_free(AilBuf *buf);

/* ---- UTF-8 --------------------------------------------------------------------- */

/* Checks that s[0..len) is well-formed UTF-8 (no overlongs, surrogates or values
 * past U+10FFFF). On failure returns false and sets *bad_offset to the first bad
 * byte. */
bool ail_utf8_valid(const char *s, size_t len, size_t *bad_offset);

/* Decodes one code point at *p (before end), advancing *p. Malformed bytes decode
 * as U+FFFD one byte at a time. */
uint32_t ail_utf8_next(const char **p, const char *end);

/* Appends code point cp encoded as UTF-8. */
void ail_utf8_append(AilBuf *buf, uint32_t cp);

/* Folds text for lenient comparison: lower case, accents and Arabic vowel marks
 * removed, Arabic letter variants and digits unified, full-width forms narrowed,
 * surrounding space and punctuation trimmed, inner runs of space collapsed to one.
 * Appends the result to out. */
void ail_utf8_fold(const char *s, AilBuf *out);

/* Moves *start forward and *end back past spaces and punctuation ("¿", ".", "。",
 * quotes) around the text between them. */
void ail_utf8_trim_punctuation(const char **start, const char **end);

/* Line and column (both from 1; the column counts code points) of byte offset in
 * text[0..len). */
void ail_text_position(const char *text, size_t len, size_t offset, int *line, int *col);

/* Appends s[0..len) so that it prints as one harmless line: control characters as
 * \n \r \t or \xNN, bytes that are not well-formed UTF-8 as \xNN, and characters
 * that reorder or break text (bidi controls, U+2028/9) as \u{XXXX}; with
 * escape_backslash a backslash as \\, so that the escaped form is unambiguous. For
 * file names and pack text in diagnostics and command-line output (escape.c). */
void ail_buf_escape(AilBuf *out, const char *s, size_t len, bool escape_backslash);

/* ---- Identity and time --------------------------------------------------------- */

#define AIL_UUID_LEN 36
/* Writes a random (version 4) UUID, lower case, into out[37]. Returns AIL_OK or
 * AIL_ERR_IO when the system has no randomness to give. */
AilResult ail_uuid_v4(char out[AIL_UUID_LEN + 1]);

/* Milliseconds since 1970-01-01 UTC: for times that are stored or shown as dates. */
int64_t ail_time_now_ms(void);

/* Milliseconds on the monotonic clock, from an unspecified start: for durations and
 * wake-ups, which must not jump when the system clock is set (a Raspberry Pi's clock
 * leaps decades forward when it first reaches a time server). */
int64_t ail_mono_ms(void);

#define AIL_TIMESTAMP_LEN 24
/* Writes ms as RFC 3339 UTC with milliseconds ("2026-11-28T14:03:09.123Z") into
 * out[25]. */
void ail_time_format_rfc3339(int64_t ms, char out[AIL_TIMESTAMP_LEN + 1]);

/* ---- Paths and files ----------------------------------------------------------- */

/* Joins dir and name with one '/'. Returns AIL_ERR_TOO_LARGE (and leaves out empty)
 * when the result does not fit out_size. */
AilResult ail_path_join(char *out, size_t out_size, const char *dir, const char *name);

/* Why a path written in a pack is unsafe, or NULL when it is a plain relative path:
 * not empty, no leading '/', no '\\' or ':', no empty, '.' or '..' part. */
const char *ail_path_unsafe_reason(const char *relative);

/* The extension of path in lower case without the dot ("png"), or "" if none.
 * Writes into out[16]. */
const char *ail_path_extension(const char *path, char out[16]);

/* Reads a whole regular file into a NUL-terminated buffer the caller frees.
 * Refuses files larger than max_size with AIL_ERR_TOO_LARGE before reading them. */
AilResult ail_file_read(const char *path, size_t max_size, char **out_data, size_t *out_len,
                        AilError *err);

/* ---- Media headers (media_probe.c) --------------------------------------------- */

/* What ailit shows and plays; courses/FORMAT.md documents the same numbers. A picture
 * at the limit takes 64 MB once decoded (4 bytes a pixel): at most 4096 pixels a side
 * and 16 megapixels in all (4096x3900 passes, 4096x4096 does not). */
#define AIL_MEDIA_MAX_FILE_BYTES (64L << 20) /* as pack import's limit for any file */
#define AIL_IMAGE_MAX_SIDE 4096
#define AIL_IMAGE_MAX_PIXELS (16L * 1000 * 1000)
#define AIL_AUDIO_MIN_RATE 8000
#define AIL_AUDIO_MAX_RATE 192000
#define AIL_AUDIO_MAX_CHANNELS 2
#define AIL_AUDIO_MAX_SECONDS 600
#define AIL_AUDIO_MAX_BYTES (32 << 20)

typedef enum {
    AIL_MEDIA_NONE,
    AIL_MEDIA_PNG,
    AIL_MEDIA_JPEG,
    AIL_MEDIA_BMP,
    AIL_MEDIA_WAV
} AilMediaFormat;

typedef struct {
    AilMediaFormat format;
    int width, height;                          /* pictures */
    int channels, sample_rate, bits_per_sample; /* WAV */
    uint32_t data_bytes;                        /* WAV: bytes of samples */
    int seconds;                                /* WAV: length, rounded up */
} AilMediaInfo;

/* Reads the header and framing of the picture at path (PNG, JPEG or BMP, known by
 * its bytes, not its name) without decoding it. Returns AIL_OK with its size in info
 * when ailit may decode it; otherwise AIL_ERR_IO (unreadable, not a regular file),
 * AIL_ERR_INVALID (not a picture, or a kind SDL_image cannot decode),
 * AIL_ERR_CORRUPT (damaged or cut short) or AIL_ERR_TOO_LARGE (over the limits
 * above), with a sentence in err saying what to do. */
AilResult ail_media_probe_image(const char *path, AilMediaInfo *info, AilError *err);

/* The same for a WAV sound: uncompressed PCM (8/16/24/32-bit) or 32-bit float, mono
 * or stereo, a rate within the limits, its samples all in the file, no longer or
 * bigger than the limits. */
AilResult ail_media_probe_wav(const char *path, AilMediaInfo *info, AilError *err);

/* The two probes over a file's bytes in memory (tests, fuzzing). */
AilResult ail_media_probe_image_bytes(const void *data, size_t len, AilMediaInfo *info,
                                      AilError *err);
AilResult ail_media_probe_wav_bytes(const void *data, size_t len, AilMediaInfo *info,
                                    AilError *err);

#endif
