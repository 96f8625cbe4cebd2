/*
 * speech_script — a page's or question's texts put together into what is said, with
 * a map from the said text back to the on-screen texts for highlighting.
 *
 * Markup is read with course/'s parser, so what is said is what the screen shows,
 * without "**" or "- ": each paragraph and bullet becomes a sentence of its own.
 */
#include "speech/speech.h"
#include "course/course.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

static void text_append(SpeechScript *sc, const char *text, size_t len) {
    if (sc->len + len + 1 > sc->cap) {
        sc->cap = (sc->len + len + 1) * 2;
        sc->text = ail_xrealloc(sc->text, sc->cap);
    }
    memcpy(sc->text + sc->len, text, len);
    sc->len += len;
    sc->text[sc->len] = '\0';
}

void speech_script_add(SpeechScript *sc, int part, const char *text, size_t len,
                       size_t part_offset) {
    if (len == 0) return;
    if (part >= 0) {
        if (sc->piece_count == sc->piece_cap) {
            sc->piece_cap = sc->piece_cap ? sc->piece_cap * 2 : 16;
            sc->pieces = ail_xrealloc(sc->pieces, sc->piece_cap * sizeof *sc->pieces);
        }
        sc->pieces[sc->piece_count++] = (SpeechPiece){sc->len, len, part, part_offset};
    }
    text_append(sc, text, len);
}

/* True when the text ends (spaces aside) in a sentence's end mark. */
static bool ends_sentence(const SpeechScript *sc) {
    size_t n = sc->len;
    while (n > 0 && (sc->text[n - 1] == ' ' || sc->text[n - 1] == '\n')) n--;
    if (n == 0) return true;
    static const char *const marks[] = {".", "!", "?", ":", ";", "\xE3\x80\x82" /* 。 */,
                                        "\xEF\xBC\x81" /* ！ */, "\xEF\xBC\x9F" /* ？ */,
                                        "\xD8\x9F" /* ؟ */};
    for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++) {
        size_t m = strlen(marks[i]);
        if (n >= m && memcmp(sc->text + n - m, marks[i], m) == 0) return true;
    }
    return false;
}

void speech_script_end_sentence(SpeechScript *sc) {
    if (sc->len == 0) return;
    if (!ends_sentence(sc))
        text_append(sc, ". ", 2);
    else if (sc->text[sc->len - 1] != ' ')
        text_append(sc, " ", 1);
}

void speech_script_add_markup(SpeechScript *sc, int part, const char *body) {
    Markup m;
    course_markup_parse(body ? body : "", &m);
    size_t at = 0; /* the part's offset: span bytes one after another */
    for (size_t b = 0; b < m.block_count; b++) {
        const MarkupBlock *block = &m.blocks[b];
        for (size_t k = 0; k < block->span_count; k++) {
            speech_script_add(sc, part, block->spans[k].text, block->spans[k].len, at);
            at += block->spans[k].len;
        }
        speech_script_end_sentence(sc);
    }
    course_markup_free(&m);
}

bool speech_script_locate(const SpeechScript *sc, size_t offset, int *part, size_t *part_offset) {
    for (size_t i = 0; i < sc->piece_count; i++) {
        const SpeechPiece *p = &sc->pieces[i];
        if (offset >= p->offset && offset < p->offset + p->len) {
            *part = p->part;
            *part_offset = p->part_offset + (offset - p->offset);
            return true;
        }
    }
    return false;
}

void speech_script_free(SpeechScript *sc) {
    free(sc->text);
    free(sc->pieces);
    memset(sc, 0, sizeof *sc);
}
