/*
 * The interactive demos on demo pages. "next-word": the computer has counted which
 * word follows which in a short story (the page's params.corpus, per language); the
 * learner picks a first word, sees the words that came after it with their counts,
 * and builds a sentence one word at a time, choosing or letting the computer draw
 * one in proportion to the counts. The other demos have files of their own, found
 * through the table in screens_demo_draw; a demo this ailit does not draw shows its
 * instructions only.
 *
 * The model is trained once per page and language and kept in s->demo.
 */
#include "screens/screens_internal.h"

#include "demos/demos.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEMO_MAX_WORDS 24

void screens_demo_reset(Screens *s) {
    screens_lab_reset(s);
    screens_grouping_free(s);
    screens_reward_free(s);
    ScreensDemo *d = &s->demo;
    demo_next_word_free(d->model);
    for (size_t i = 0; i < d->start_count; i++) free(d->starts[i]);
    free(d->starts);
    for (size_t i = 0; i < d->word_count; i++) free(d->words[i]);
    free(d->words);
    memset(d, 0, sizeof *d);
}

void screens_lab_reset(Screens *s) {
    screens_teach_free(s);
    screens_pixels_free(s);
    screens_fair_free(s);
}

bool screens_lab_summary(const Screens *s, const Page *p, char *out, size_t size) {
    return screens_teach_summary(s, p, out, size) || screens_pixels_summary(s, p, out, size) ||
           screens_fair_summary(s, p, out, size);
}

const char *screens_demo_text(const Screens *s, const cJSON *node) {
    if (cJSON_IsString(node)) return node->valuestring;
    if (!cJSON_IsObject(node)) return NULL;
    const Course *course = screens_course(s);
    const cJSON *pick = cJSON_GetObjectItemCaseSensitive(node, s->lang);
    if (!cJSON_IsString(pick) && course && course->language_count)
        pick = cJSON_GetObjectItemCaseSensitive(node, course->languages[0]);
    if (!cJSON_IsString(pick)) pick = node->child;
    return cJSON_IsString(pick) ? pick->valuestring : NULL;
}

/* The corpus in lang from params {"corpus": text or {lang: text}}, into out. */
static bool corpus_of(const Screens *s, const Page *p, AilBuf *out) {
    cJSON *params = cJSON_Parse(p->params_json ? p->params_json : "{}");
    cJSON *c = cJSON_GetObjectItemCaseSensitive(params, "corpus");
    const cJSON *pick = NULL;
    if (cJSON_IsString(c))
        pick = c;
    else if (cJSON_IsObject(c)) {
        const Course *course = screens_course(s);
        pick = cJSON_GetObjectItemCaseSensitive(c, s->lang);
        if (!cJSON_IsString(pick) && course && course->language_count)
            pick = cJSON_GetObjectItemCaseSensitive(c, course->languages[0]);
        if (!cJSON_IsString(pick)) pick = c->child;
    }
    bool ok = cJSON_IsString(pick) && pick->valuestring[0];
    if (ok) ail_buf_puts(out, pick->valuestring);
    cJSON_Delete(params);
    return ok;
}

static bool sentence_end(uint32_t cp) {
    return cp == '.' || cp == '!' || cp == '?' || cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F ||
           cp == 0x061F || cp == 0x06D4;
}

static bool word_edge(uint32_t cp) {
    return sentence_end(cp) || cp == ',' || cp == ';' || cp == ':' || cp == 0xFF0C ||
           cp == 0x060C || cp == 0x3001 || cp == '"' || cp == 0x201C || cp == 0x201D ||
           cp == 0xAB || cp == 0xBB;
}

/* The first word of each sentence, without punctuation, each once. */
static void find_starts(ScreensDemo *d, const char *corpus) {
    const char *p = corpus, *end = corpus + strlen(corpus);
    bool at_start = true;
    while (p < end) {
        while (p < end && (*p == ' ' || *p == '\n')) p++;
        const char *w = p;
        while (p < end && *p != ' ' && *p != '\n') p++;
        /* The word without punctuation around it. */
        const char *a = w, *b = p, *q = w;
        bool ends = false;
        AilBuf word;
        ail_buf_init(&word);
        while (q < b) {
            const char *at = q;
            uint32_t cp = ail_utf8_next(&q, b);
            if (sentence_end(cp)) ends = true;
            if (!word_edge(cp)) ail_buf_append(&word, at, (size_t)(q - at));
        }
        (void)a;
        if (at_start && word.len) {
            AilBuf folded;
            ail_buf_init(&folded);
            ail_utf8_fold(word.data, &folded);
            bool seen = false;
            for (size_t i = 0; i < d->start_count && !seen; i++) {
                AilBuf f2;
                ail_buf_init(&f2);
                ail_utf8_fold(d->starts[i], &f2);
                seen = strcmp(f2.data, folded.data) == 0;
                ail_buf_free(&f2);
            }
            if (!seen && d->start_count < 12) {
                d->starts = ail_xrealloc(d->starts, (d->start_count + 1) * sizeof *d->starts);
                d->starts[d->start_count++] = ail_xstrdup(word.data);
            }
            ail_buf_free(&folded);
        }
        if (word.len) at_start = ends;
        ail_buf_free(&word);
    }
}

static void prepare(Screens *s, const Page *p) {
    ScreensDemo *d = &s->demo;
    if (d->page == p && strcmp(d->lang, s->lang) == 0) return;
    screens_demo_reset(s);
    d->page = p;
    snprintf(d->lang, sizeof d->lang, "%s", s->lang);
    d->seed = 20241125u;
    AilBuf corpus;
    ail_buf_init(&corpus);
    if (corpus_of(s, p, &corpus)) {
        d->model = demo_next_word_train(corpus.data);
        find_starts(d, corpus.data);
    }
    ail_buf_free(&corpus);
}

static void add_word(ScreensDemo *d, const char *w) {
    if (d->word_count >= DEMO_MAX_WORDS) return;
    d->words = ail_xrealloc(d->words, (d->word_count + 1) * sizeof *d->words);
    d->words[d->word_count++] = ail_xstrdup(w);
}

static void clear_words(ScreensDemo *d) {
    for (size_t i = 0; i < d->word_count; i++) free(d->words[i]);
    d->word_count = 0;
}

/* Lays out a grid of word buttons; returns the index pressed or -1, and the height. */
static int word_grid(UiContext *ui, const char *name, const char *const *labels, size_t n, int x,
                     int y, int w, int *height) {
    int gap = ui_px(ui, 8), bh = ui_px(ui, 48);
    int cols = w >= ui_px(ui, 600) ? 4 : 3;
    int bw = (w - (cols - 1) * gap) / cols;
    int pressed = -1;
    for (size_t i = 0; i < n; i++) {
        UiRect r = {x + (int)(i % (size_t)cols) * (bw + gap),
                    y + (int)(i / (size_t)cols) * (bh + gap), bw, bh};
        if (ui_button(ui, ui_id(name, (int)i), r, labels[i], UI_BUTTON_NORMAL)) pressed = (int)i;
    }
    int rows = (int)((n + (size_t)cols - 1) / (size_t)cols);
    *height = rows ? rows * (bh + gap) : 0;
    return pressed;
}

static int tree_draw(Screens *s, UiContext *ui, const Page *p, int x, int y, int w) {
    (void)p;
    return screens_tree_draw(s, ui, x, y, w);
}

/* The demos with files of their own, by the name a page gives. */
static const struct {
    const char *name;
    int (*draw)(Screens *s, UiContext *ui, const Page *p, int x, int y, int w);
} DEMO_SCREENS[] = {
    {"decision-tree", tree_draw},
    {"teach-the-machine", screens_teach_draw},
    {"pixels", screens_pixels_draw},
    {"fair-data", screens_fair_draw},
    {"grouping", screens_grouping_draw},
    {"reward", screens_reward_draw},
};

int screens_demo_draw(Screens *s, UiContext *ui, const Page *p, int x, int y, int w) {
    const UiTheme *t = &ui->theme;
    int y0 = y, gap = ui_px(ui, 12), pad = ui_px(ui, 14);
    UiTextStyle ms = {.color = t->muted};
    for (size_t i = 0; p->demo && i < sizeof DEMO_SCREENS / sizeof DEMO_SCREENS[0]; i++) {
        if (strcmp(p->demo, DEMO_SCREENS[i].name) != 0) continue;
        int h = DEMO_SCREENS[i].draw(s, ui, p, x, y, w);
        char summary[SCREENS_DEMO_SUMMARY_MAX];
        if (screens_lab_summary(s, p, summary, sizeof summary)) screens_demo_record(s, summary);
        return h;
    }
    if (!p->demo || strcmp(p->demo, "next-word") != 0) {
        y += ui_text(ui, (UiRect){x, y, w, 0}, S(s, "activity_soon"), ms, true) + gap;
        return y - y0;
    }
    prepare(s, p);
    ScreensDemo *d = &s->demo;
    if (!d->model) {
        y += ui_text(ui, (UiRect){x, y, w, 0}, S(s, "activity_soon"), ms, true) + gap;
        return y - y0;
    }
    /* The sentence so far, in a box. */
    AilBuf sentence;
    ail_buf_init(&sentence);
    for (size_t i = 0; i < d->word_count; i++) {
        if (i) ail_buf_puts(&sentence, " ");
        ail_buf_puts(&sentence, d->words[i]);
    }
    if (!sentence.len) ail_buf_puts(&sentence, "…");
    UiTextStyle hs = {.bold = true, .color = t->text};
    UiTextStyle big = {.px = ui->text_px * 5 / 4, .color = t->text};
    int h1 = ui_text(ui, (UiRect){0, 0, w - 2 * pad, 0}, S(s, "demo_sentence"), hs, false);
    int h2 = ui_text(ui, (UiRect){0, 0, w - 2 * pad, 0}, sentence.data, big, false);
    ui_fill(ui, (UiRect){x, y, w, h1 + h2 + 2 * pad}, t->surface);
    ui_frame(ui, (UiRect){x, y, w, h1 + h2 + 2 * pad}, t->accent, ui_px(ui, 2));
    ui_text(ui, (UiRect){x + pad, y + pad, w - 2 * pad, h1}, S(s, "demo_sentence"), hs, true);
    ui_text(ui, (UiRect){x + pad, y + pad + h1, w - 2 * pad, h2}, sentence.data, big, true);
    y += h1 + h2 + 2 * pad + gap;
    ail_buf_free(&sentence);

    int gh = 0, pressed;
    if (d->word_count == 0) {
        y += ui_text(ui, (UiRect){x, y, w, 0}, S(s, "demo_pick_first"), hs, true) + gap / 2;
        pressed = word_grid(ui, "demo-start", (const char *const *)d->starts, d->start_count, x, y,
                            w, &gh);
        y += gh + gap;
        if (pressed >= 0) add_word(d, d->starts[pressed]);
        return y - y0;
    }
    const char *last = d->words[d->word_count - 1];
    DemoWordCount next[8];
    size_t n = demo_next_word_suggest(d->model, last, next, 8);
    if (n > 8) n = 8;
    char line[400];
    screens_fill(line, sizeof line, S(s, n ? "demo_next_after" : "demo_no_next"), "word", last,
                 NULL, NULL);
    y += ui_text(ui, (UiRect){x, y, w, 0}, line, hs, true) + gap / 2;
    char labels[8][96];
    const char *ptrs[8];
    for (size_t i = 0; i < n; i++) {
        snprintf(labels[i], sizeof labels[i], "%s  ×%u", next[i].word, next[i].count);
        ptrs[i] = labels[i];
    }
    bool full = d->word_count >= DEMO_MAX_WORDS;
    pressed = word_grid(ui, "demo-next", ptrs, full ? 0 : n, x, y, w, &gh);
    y += gh + gap / 2;
    int bw = (w - gap) / 2, bh = ui_px(ui, 52);
    bool pick = n && !full &&
                ui_button(ui, ui_id("demo-computer", 0), (UiRect){x, y, bw, bh},
                          S(s, "demo_computer"), UI_BUTTON_PRIMARY);
    bool restart = ui_button(ui, ui_id("demo-restart", 0), (UiRect){x + bw + gap, y, bw, bh},
                             S(s, "demo_restart"), UI_BUTTON_NORMAL);
    y += bh + gap;
    if (pressed >= 0 || pick) { /* used: recorded when the learner leaves the page */
        char json[64];
        snprintf(json, sizeof json, "{\"words\":%zu}", d->word_count + 1);
        screens_demo_record(s, json);
    }
    if (pressed >= 0)
        add_word(d, next[pressed].word);
    else if (pick) {
        const char *w2 = demo_next_word_pick(d->model, last, &d->seed);
        if (w2) add_word(d, w2);
    } else if (restart)
        clear_words(d);
    return y - y0;
}
