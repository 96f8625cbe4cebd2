/* The bundled courses meet the promises made to learners and teachers (issue 5):
 * every text exists in every language of its pack (no fallback anywhere), every
 * question has an explanation, every wrong choice says why it is wrong, and the
 * misconception tags are the ones reports know. ailit validate --strict checks the
 * format; this checks the teaching rules on top of it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "course/course.h"
#include "demos/demos.h"

#include <cjson/cJSON.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const KNOWN_MISCONCEPTIONS[] = {
    "ai-is-alive",       "ai-knows-already", "ai-is-always-right",    "ai-learns-from-you-now",
    "more-data-is-fair", "robots-are-ai",    "no-need-to-understand", NULL};

typedef struct {
    const Course *course;
    char where[256];
    size_t texts_checked;
} Check;

/* Fails unless text has a non-empty version in each of the pack's languages. */
static void complete(Check *ck, const LocalizedText *text, const char *what) {
    const Course *c = ck->course;
    for (size_t i = 0; i < c->language_count; i++) {
        bool found = false;
        for (size_t k = 0; k < text->count && !found; k++)
            found = strcmp(text->entries[k].lang, c->languages[i]) == 0 && text->entries[k].text[0];
        if (!found) fail_msg("%s: %s %s has no '%s' text", c->id, ck->where, what, c->languages[i]);
    }
    ck->texts_checked++;
}

static void optional(Check *ck, const LocalizedText *text, const char *what) {
    if (text->count) complete(ck, text, what);
}

/* Fails unless tag is one the reports and curriculum notes know. */
static void check_tag(Check *ck, const char *tag) {
    bool known = false;
    for (size_t k = 0; KNOWN_MISCONCEPTIONS[k] && !known; k++)
        known = strcmp(KNOWN_MISCONCEPTIONS[k], tag) == 0;
    if (!known) fail_msg("%s: %s: unknown misconception tag '%s'", ck->course->id, ck->where, tag);
}

static void check_question(Check *ck, const Question *q) {
    complete(ck, &q->prompt, "prompt");
    complete(ck, &q->explanation, "explanation");
    optional(ck, &q->hint, "hint");
    if (q->image.src) complete(ck, &q->image.alt, "image alt");
    for (size_t i = 0; i < q->choice_count; i++) {
        const Choice *ch = &q->choices[i];
        complete(ck, &ch->text, "choice");
        if (!ch->correct)
            complete(ck, &ch->feedback, "wrong choice's feedback");
        else
            optional(ck, &ch->feedback, "feedback");
        if (!ch->misconception) continue;
        check_tag(ck, ch->misconception);
        if (ch->correct)
            fail_msg("%s: %s: a misconception tag on a correct choice", ck->course->id, ck->where);
    }
    if (q->type == QUESTION_TRUEFALSE) {
        /* The learner who answers wrongly must be told why. */
        complete(ck, q->answer ? &q->feedback_false : &q->feedback_true, "wrong answer's feedback");
        /* Only the wrong answer's tag is loaded (course/ warns about the other). */
        const char *tag = course_truefalse_misconception(q, !q->answer);
        if (tag) check_tag(ck, tag);
    }
    for (size_t i = 0; i < q->item_count; i++) complete(ck, &q->items[i].text, "item");
    for (size_t i = 0; i < q->pair_count; i++) {
        complete(ck, &q->pairs[i].left, "pair left");
        complete(ck, &q->pairs[i].right, "pair right");
    }
    if (q->type == QUESTION_TEXT) {
        for (size_t l = 0; l < ck->course->language_count; l++) {
            bool found = false;
            for (size_t k = 0; k < q->accept_count && !found; k++)
                found = q->accept[k].lang &&
                        strcmp(q->accept[k].lang, ck->course->languages[l]) == 0 &&
                        q->accept[k].count > 0;
            if (!found)
                fail_msg("%s: %s has no accepted answers in '%s'", ck->course->id, ck->where,
                         ck->course->languages[l]);
        }
    }
}

static void check_pack(const char *dir, bool full_course) {
    CourseReport r;
    course_report_init(&r);
    Course *c = NULL;
    if (course_load(dir, NULL, &c, &r) != AIL_OK)
        fail_msg("%s does not load; run ailit validate", dir);
    course_report_free(&r);
    Check ck = {c, "pack.json", 0};
    assert_true(c->language_count >= 5);
    complete(&ck, &c->title, "title");
    complete(&ck, &c->description, "description");
    for (size_t s = 0; s < c->source_count; s++) {
        complete(&ck, &c->sources[s].title, "source title");
        optional(&ck, &c->sources[s].note, "source note");
    }
    for (size_t l = 0; l < c->lesson_count; l++) {
        const Lesson *lesson = &c->lessons[l];
        snprintf(ck.where, sizeof ck.where, "%s", lesson->file);
        complete(&ck, &lesson->title, "title");
        complete(&ck, &lesson->summary, "summary");
        for (size_t o = 0; o < lesson->objective_count; o++)
            complete(&ck, &lesson->objectives[o], "objective");
        size_t text_pages = 0, quizzes = 0, pictures = 0;
        for (size_t p = 0; p < lesson->page_count; p++) {
            const Page *page = &lesson->pages[p];
            snprintf(ck.where, sizeof ck.where, "%s pages[%zu]", lesson->file, p);
            complete(&ck, &page->title, "title");
            if (page->type != PAGE_QUIZ) complete(&ck, &page->body, "body");
            if (page->image.src) complete(&ck, &page->image.alt, "image alt");
            pictures += page->image.src != NULL;
            text_pages += page->type == PAGE_TEXT;
            if (page->type != PAGE_QUIZ) continue;
            quizzes++;
            /* A lesson's quiz checks that lesson: 4-8 questions. A pre-test or
             * post-test samples a whole course, so it may hold up to 12. */
            size_t most = page->role == QUIZ_ROLE_NONE ? 8 : 12;
            if (full_course && (page->question_count < 4 || page->question_count > most))
                fail_msg("%s: %s: a quiz needs 4-%zu questions, has %zu", c->id, ck.where, most,
                         page->question_count);
            for (size_t q = 0; q < page->question_count; q++) {
                snprintf(ck.where, sizeof ck.where, "%s pages[%zu].questions[%zu]", lesson->file, p,
                         q);
                check_question(&ck, &page->questions[q]);
            }
        }
        if (full_course && (text_pages < 3 || text_pages > 6))
            fail_msg("%s: %s has %zu text pages; a lesson has 3-6", c->id, lesson->file,
                     text_pages);
        if (quizzes < 1) fail_msg("%s: %s has no quiz", c->id, lesson->file);
        /* Every lesson of every pack shows at least two pictures (issue 12). */
        if (pictures < 2)
            fail_msg("%s: %s has %zu pictures on its pages; a lesson needs at least 2", c->id,
                     lesson->file, pictures);
    }
    print_message("%s: %zu lessons, %zu texts complete in %zu languages\n", c->id, c->lesson_count,
                  ck.texts_checked, c->language_count);
    assert_true(ck.texts_checked > 50);
    course_free(c);
}

static void ai_basics_is_complete_in_every_language(void **state) {
    (void)state;
    check_pack(AILIT_SOURCE_DIR "/courses/ai-basics", true);
}

static void ai_plan_is_complete_in_every_language(void **state) {
    (void)state;
    check_pack(AILIT_SOURCE_DIR "/courses/ai-plan", true);
}

static void first_steps_is_complete_in_every_language(void **state) {
    (void)state;
    check_pack(AILIT_SOURCE_DIR "/courses/first-steps", false);
}

static void safe_fair_ai_is_complete_in_every_language(void **state) {
    (void)state;
    check_pack(AILIT_SOURCE_DIR "/courses/safe-fair-ai", true);
}

static void teach_ai_literacy_is_complete_in_every_language(void **state) {
    (void)state;
    check_pack(AILIT_SOURCE_DIR "/courses/teach-ai-literacy", true);
}

static void every_bundled_pack_is_checked_here(void **state) {
    (void)state;
    /* A new bundled pack must get its own test above. */
    static const char *const tested[] = {"ai-basics",    "ai-plan",           "first-steps",
                                         "safe-fair-ai", "teach-ai-literacy", NULL};
    DIR *d = opendir(AILIT_SOURCE_DIR "/courses");
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        char path[512];
        snprintf(path, sizeof path, "%s/courses/%s/pack.json", AILIT_SOURCE_DIR, e->d_name);
        FILE *f = fopen(path, "r");
        if (!f) continue;
        fclose(f);
        bool listed = false;
        for (size_t i = 0; tested[i] && !listed; i++) listed = strcmp(tested[i], e->d_name) == 0;
        if (!listed) fail_msg("courses/%s is not checked by test_bundled_courses", e->d_name);
    }
    closedir(d);
}

/* How often a pack's single/multiple questions have a right answer first, as
 * written (a fixed_order question, an editor and a reader of the file show that
 * order); for information, how often a right answer is the longest choice. */
static bool right_answers_not_usually_first(const char *id) {
    char dir[512];
    snprintf(dir, sizeof dir, "%s/courses/%s", AILIT_SOURCE_DIR, id);
    CourseReport r;
    course_report_init(&r);
    Course *c = NULL;
    if (course_load(dir, NULL, &c, &r) != AIL_OK)
        fail_msg("%s does not load; run ailit validate", dir);
    course_report_free(&r);
    size_t total = 0, first = 0, longest = 0;
    for (size_t l = 0; l < c->lesson_count; l++)
        for (size_t p = 0; p < c->lessons[l].page_count; p++) {
            const Page *page = &c->lessons[l].pages[p];
            for (size_t q = 0; q < page->question_count; q++) {
                const Question *qu = &page->questions[q];
                if (qu->type != QUESTION_SINGLE && qu->type != QUESTION_MULTIPLE) continue;
                if (qu->choice_count == 0) continue;
                total++;
                first += qu->choices[0].correct;
                size_t right_len = 0, wrong_len = 0;
                for (size_t i = 0; i < qu->choice_count; i++) {
                    size_t n = strlen(course_text(c, &qu->choices[i].text, c->languages[0]));
                    size_t *max = qu->choices[i].correct ? &right_len : &wrong_len;
                    if (n > *max) *max = n;
                }
                longest += right_len > wrong_len;
            }
        }
    print_message("%s: a right answer is first in %zu of %zu choice questions, strictly the "
                  "longest in %zu\n",
                  id, first, total, longest);
    course_free(c);
    return 2 * first <= total;
}

static void no_pack_has_right_answers_first_in_more_than_half_its_questions(void **state) {
    (void)state;
    DIR *d = opendir(AILIT_SOURCE_DIR "/courses");
    assert_non_null(d);
    struct dirent *e;
    size_t packs = 0, failing = 0;
    while ((e = readdir(d)) != NULL) {
        char path[512];
        snprintf(path, sizeof path, "%s/courses/%s/pack.json", AILIT_SOURCE_DIR, e->d_name);
        FILE *f = fopen(path, "r");
        if (!f) continue;
        fclose(f);
        packs++;
        if (!right_answers_not_usually_first(e->d_name)) {
            print_message("courses/%s: put the right answers of more choice questions in another "
                          "place than first\n",
                          e->d_name);
            failing++;
        }
    }
    closedir(d);
    assert_true(packs >= 3);
    assert_int_equal(failing, 0);
}

/* What the next-word page's story must count, per language, as the page before it
 * works through by hand: after word, next `times` times (the best guess) and other
 * once. */
static const struct {
    const char *lang, *word, *next, *times, *other, *once;
} NEXT_WORD_PROMISES[] = {
    {"en", "the", "market", "3", "rain", "1 time"},
    {"fr", "le", "marché", "3", "riz", "1 fois"},
    {"zh-Hans", "去", "市场", "3", "学校", "1次"},
    {"ar", "إلى", "السوق", "3", "المدرسة", "مرة واحدة"},
    {"sw", "anakwenda", "sokoni", "3", "shuleni", "mara 1"},
};

/* The count of next after word in the story, 0 when never. */
static unsigned count_after(const DemoNextWord *m, const char *word, const char *next, bool *best) {
    DemoWordCount out[16];
    size_t n = demo_next_word_suggest(m, word, out, 16);
    if (n > 16) n = 16;
    *best = n > 0 && strcmp(out[0].word, next) == 0 && (n == 1 || out[1].count < out[0].count);
    for (size_t i = 0; i < n; i++)
        if (strcmp(out[i].word, next) == 0) return out[i].count;
    return 0;
}

/* In every language the worked example of "How chatbots write" matches what the
 * next-word demo's story really counts, so the page and the demo never disagree. */
static void next_word_story_counts_what_its_page_promises(void **state) {
    (void)state;
    CourseReport r;
    course_report_init(&r);
    Course *c = NULL;
    assert_int_equal(course_load(AILIT_SOURCE_DIR "/courses/ai-basics", NULL, &c, &r), AIL_OK);
    course_report_free(&r);
    const Lesson *lesson = NULL;
    for (size_t i = 0; i < c->lesson_count; i++)
        if (strcmp(c->lessons[i].id, "how-chatbots-write") == 0) lesson = &c->lessons[i];
    assert_non_null(lesson);
    size_t d = 0;
    while (d < lesson->page_count &&
           !(lesson->pages[d].demo && strcmp(lesson->pages[d].demo, "next-word") == 0))
        d++;
    assert_true(d > 0 && d < lesson->page_count);
    const Page *worked = &lesson->pages[d - 1];
    cJSON *params = cJSON_Parse(lesson->pages[d].params_json);
    const cJSON *corpus = cJSON_GetObjectItemCaseSensitive(params, "corpus");
    for (size_t i = 0; i < sizeof NEXT_WORD_PROMISES / sizeof NEXT_WORD_PROMISES[0]; i++) {
        const char *lang = NEXT_WORD_PROMISES[i].lang;
        const cJSON *story = cJSON_GetObjectItemCaseSensitive(corpus, lang);
        if (!cJSON_IsString(story)) fail_msg("the next-word story has no '%s' text", lang);
        DemoNextWord *m = demo_next_word_train(story->valuestring);
        bool best, other_best;
        unsigned n = count_after(m, NEXT_WORD_PROMISES[i].word, NEXT_WORD_PROMISES[i].next, &best);
        unsigned once =
            count_after(m, NEXT_WORD_PROMISES[i].word, NEXT_WORD_PROMISES[i].other, &other_best);
        demo_next_word_free(m);
        char times[16];
        snprintf(times, sizeof times, "%u", n);
        if (strcmp(times, NEXT_WORD_PROMISES[i].times) != 0 || once != 1 || !best)
            fail_msg("%s: the story has '%s %s' %u times (page: %s, the best guess: %s) and "
                     "'%s %s' %u times (page: once)",
                     lang, NEXT_WORD_PROMISES[i].word, NEXT_WORD_PROMISES[i].next, n,
                     NEXT_WORD_PROMISES[i].times, best ? "yes" : "no", NEXT_WORD_PROMISES[i].word,
                     NEXT_WORD_PROMISES[i].other, once);
        const char *body = course_text(c, &worked->body, lang);
        const char *says[] = {NEXT_WORD_PROMISES[i].word, NEXT_WORD_PROMISES[i].next,
                              NEXT_WORD_PROMISES[i].other, NEXT_WORD_PROMISES[i].times,
                              NEXT_WORD_PROMISES[i].once};
        for (size_t k = 0; k < 5; k++)
            if (!strstr(body, says[k]))
                fail_msg("%s: the worked example does not say '%s'", lang, says[k]);
    }
    cJSON_Delete(params);
    course_free(c);
}

/* --- the glossary: courses/glossary.json ------------------------------------- */

static cJSON *load_json_file(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) fail_msg("cannot open %s", path);
    char *buf = NULL;
    size_t len = 0, cap = 0, got;
    char chunk[4096];
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (len + got + 1 > cap) {
            cap = (len + got + 1) * 2;
            buf = realloc(buf, cap);
            assert_non_null(buf);
        }
        memcpy(buf + len, chunk, got);
        len += got;
    }
    fclose(f);
    if (!buf) fail_msg("%s is empty", path);
    buf[len] = '\0';
    cJSON *json = cJSON_Parse(buf);
    free(buf);
    if (!json) fail_msg("%s is not valid JSON", path);
    return json;
}

static bool ascii_same(char a, char b) {
    if (a >= 'A' && a <= 'Z') a = (char)(a - 'A' + 'a');
    if (b >= 'A' && b <= 'Z') b = (char)(b - 'A' + 'a');
    return a == b;
}

static bool starts_with_any_case(const char *text, const char *word) {
    for (; *word; text++, word++)
        if (!*text || !ascii_same(*text, *word)) return false;
    return true;
}

static bool english_word_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

/* How often word occurs in text, any case; whole words only when whole is set. */
static size_t count_word(const char *text, const char *word, bool whole) {
    size_t n = 0, len = strlen(word);
    assert_true(len > 0);
    for (const char *p = text; *p; p++) {
        if (!starts_with_any_case(p, word)) continue;
        if (whole && ((p > text && english_word_char(p[-1])) || english_word_char(p[len])))
            continue;
        n++;
        p += len - 1;
    }
    return n;
}

/* How often the English text names concept (its "en" words as whole words). */
static size_t english_mentions(const cJSON *concept, const char *english) {
    size_t n = 0;
    const cJSON *term;
    cJSON_ArrayForEach(term, cJSON_GetObjectItemCaseSensitive(concept, "en")) {
        n += count_word(english, term->valuestring, true);
    }
    return n;
}

/* How often the English text names a concept, other than skip, whose word in lang
 * is word: those are the places where word is the right word. */
static size_t rightful_uses(const cJSON *concepts, const cJSON *skip, const char *lang,
                            const char *word, const char *english) {
    size_t n = 0;
    const cJSON *other;
    cJSON_ArrayForEach(other, concepts) {
        if (other == skip) continue;
        const cJSON *use =
            cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(other, "use"), lang);
        const cJSON *w;
        bool owns = false;
        cJSON_ArrayForEach(w, use) {
            owns = owns || (strlen(w->valuestring) == strlen(word) &&
                            starts_with_any_case(w->valuestring, word));
        }
        if (owns) n += english_mentions(other, english);
    }
    return n;
}

/* The rule written at the top of courses/glossary.json, for one localized text:
 * where the English names a concept, the other languages do not use a word the
 * glossary says to avoid for it, more often than the English names the concept
 * that word belongs to. Returns the number of clashes found (and prints each). */
static size_t glossary_check_text(const cJSON *concepts, const cJSON *text, const char *where) {
    const cJSON *en = cJSON_GetObjectItemCaseSensitive(text, "en");
    size_t clashes = 0;
    const cJSON *concept;
    cJSON_ArrayForEach(concept, concepts) {
        if (english_mentions(concept, en->valuestring) == 0) continue;
        const cJSON *lang;
        cJSON_ArrayForEach(lang, cJSON_GetObjectItemCaseSensitive(concept, "avoid")) {
            const cJSON *local = cJSON_GetObjectItemCaseSensitive(text, lang->string);
            if (!cJSON_IsString(local)) continue;
            const cJSON *word;
            cJSON_ArrayForEach(word, lang) {
                size_t uses = count_word(local->valuestring, word->valuestring, false);
                if (uses == 0 || uses <= rightful_uses(concepts, concept, lang->string,
                                                       word->valuestring, en->valuestring))
                    continue;
                print_error("%s: the English names '%s', and the %s text uses '%s' for it, "
                            "a word courses/glossary.json keeps for another concept: %s\n",
                            where, concept->string, lang->string, word->valuestring,
                            local->valuestring);
                clashes++;
            }
        }
    }
    return clashes;
}

/* Checks every localized text (an object with an "en" string) inside json. */
static size_t glossary_check_tree(const cJSON *concepts, const cJSON *json, const char *where) {
    if (cJSON_IsObject(json) && cJSON_IsString(cJSON_GetObjectItemCaseSensitive(json, "en")))
        return glossary_check_text(concepts, json, where);
    size_t clashes = 0;
    const cJSON *child;
    cJSON_ArrayForEach(child, json) { clashes += glossary_check_tree(concepts, child, where); }
    return clashes;
}

static size_t glossary_check_file(const cJSON *concepts, const char *path) {
    cJSON *json = load_json_file(path);
    size_t clashes = glossary_check_tree(concepts, json, path + strlen(AILIT_SOURCE_DIR) + 1);
    cJSON_Delete(json);
    return clashes;
}

static cJSON *load_glossary(void) {
    return load_json_file(AILIT_SOURCE_DIR "/courses/glossary.json");
}

/* Each concept names itself in English and gives its word in every language. */
static void glossary_gives_every_concept_a_word_in_every_language(void **state) {
    (void)state;
    cJSON *g = load_glossary();
    const cJSON *concepts = cJSON_GetObjectItemCaseSensitive(g, "concepts");
    assert_true(cJSON_GetArraySize(concepts) >= 12);
    const cJSON *concept;
    cJSON_ArrayForEach(concept, concepts) {
        if (cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(concept, "en")) < 1)
            fail_msg("glossary: '%s' has no English words", concept->string);
        const cJSON *lang;
        cJSON_ArrayForEach(lang, cJSON_GetObjectItemCaseSensitive(g, "languages")) {
            if (strcmp(lang->valuestring, "en") == 0) continue;
            const cJSON *use = cJSON_GetObjectItemCaseSensitive(
                cJSON_GetObjectItemCaseSensitive(concept, "use"), lang->valuestring);
            if (cJSON_GetArraySize(use) < 1)
                fail_msg("glossary: '%s' has no word in '%s'", concept->string, lang->valuestring);
        }
    }
    cJSON_Delete(g);
}

/* No pack uses, in any language, a word the glossary reserves for another concept
 * where the English names this one (e.g. Swahili "mpango", plan, for an initiative). */
static void every_pack_keeps_to_the_glossary(void **state) {
    (void)state;
    cJSON *g = load_glossary();
    const cJSON *concepts = cJSON_GetObjectItemCaseSensitive(g, "concepts");
    size_t clashes = 0, files = 0;
    DIR *d = opendir(AILIT_SOURCE_DIR "/courses");
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        char path[768];
        snprintf(path, sizeof path, "%s/courses/%s/pack.json", AILIT_SOURCE_DIR, e->d_name);
        FILE *f = fopen(path, "r");
        if (!f) continue;
        fclose(f);
        clashes += glossary_check_file(concepts, path);
        files++;
        char lessons[512];
        snprintf(lessons, sizeof lessons, "%s/courses/%s/lessons", AILIT_SOURCE_DIR, e->d_name);
        DIR *ld = opendir(lessons);
        if (!ld) continue;
        struct dirent *le;
        while ((le = readdir(ld)) != NULL) {
            size_t n = strlen(le->d_name);
            if (n < 6 || strcmp(le->d_name + n - 5, ".json") != 0) continue;
            snprintf(path, sizeof path, "%s/%s", lessons, le->d_name);
            clashes += glossary_check_file(concepts, path);
            files++;
        }
        closedir(ld);
    }
    closedir(d);
    print_message("glossary: %zu files checked, %zu clashes\n", files, clashes);
    assert_true(files > 20);
    assert_int_equal(clashes, 0);
    cJSON_Delete(g);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ai_basics_is_complete_in_every_language),
        cmocka_unit_test(ai_plan_is_complete_in_every_language),
        cmocka_unit_test(first_steps_is_complete_in_every_language),
        cmocka_unit_test(safe_fair_ai_is_complete_in_every_language),
        cmocka_unit_test(teach_ai_literacy_is_complete_in_every_language),
        cmocka_unit_test(every_bundled_pack_is_checked_here),
        cmocka_unit_test(no_pack_has_right_answers_first_in_more_than_half_its_questions),
        cmocka_unit_test(next_word_story_counts_what_its_page_promises),
        cmocka_unit_test(glossary_gives_every_concept_a_word_in_every_language),
        cmocka_unit_test(every_pack_keeps_to_the_glossary),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
