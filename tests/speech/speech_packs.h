/*
 * What the speech tests and benchmarks say of a pack: each text page (title and body)
 * and each question (prompt, then its choices numbered "1. ...", feedback and
 * explanation), as the app reads them.
 */
#ifndef AILIT_TESTS_SPEECH_PACKS_H
#define AILIT_TESTS_SPEECH_PACKS_H

#include "course/course.h"
#include "speech/speech.h"

#include <stdio.h>
#include <string.h>

/* The question's text as the app reads it before checking: prompt, numbered choices. */
static inline void speech_packs_question(SpeechScript *sc, const Course *c, const Question *q,
                                         const char *lang) {
    speech_script_add_markup(sc, 0, course_text(c, &q->prompt, lang));
    for (size_t k = 0; k < q->choice_count; k++) {
        char n[16];
        int len = snprintf(n, sizeof n, "%zu. ", k + 1);
        speech_script_add(sc, -1, n, (size_t)len, 0);
        const char *t = course_text(c, &q->choices[k].text, lang);
        speech_script_add(sc, 1 + (int)k, t, strlen(t), 0);
        speech_script_end_sentence(sc);
    }
    for (size_t k = 0; k < q->item_count; k++) {
        const char *t = course_text(c, &q->items[k].text, lang);
        speech_script_add(sc, 1 + (int)k, t, strlen(t), 0);
        speech_script_end_sentence(sc);
    }
}

static inline void speech_packs_page(SpeechScript *sc, const Course *c, const Page *p,
                                     const char *lang) {
    const char *title = course_text(c, &p->title, lang);
    speech_script_add(sc, 0, title, strlen(title), 0);
    speech_script_end_sentence(sc);
    speech_script_add_markup(sc, 1, course_text(c, &p->body, lang));
}

#endif
