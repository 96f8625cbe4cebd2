/*
 * The next-word demo: the simplest language model there is. It counts, for every
 * word, which words came right after it in a short story; "writing" is then
 * picking a next word in proportion to those counts. Learners can check every
 * count by hand, and see that the result is fluent without being true.
 *
 * Words are kept once each (by folded form) in a growing array; pairs are kept per
 * word as a small list, since a classroom corpus has a few hundred words at most.
 */
#include "demos/demos.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    size_t next; /* index into words */
    unsigned count;
    size_t first_seen; /* order of the pair's first appearance, for stable ties */
} Follower;

typedef struct {
    char *shown;  /* as first written */
    char *folded; /* for comparing */
    Follower *followers;
    size_t follower_count, follower_cap;
} Word;

struct DemoNextWord {
    Word *words;
    size_t count, cap;
    size_t pairs_seen;
};

static bool ends_sentence(const char *token, size_t len) {
    if (!len) return false;
    const char *last = token + len - 1;
    while (last > token && ((unsigned char)*last & 0xC0) == 0x80) last--;
    const char *p = last;
    uint32_t cp = ail_utf8_next(&p, token + len);
    return cp == '.' || cp == '!' || cp == '?' || cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F ||
           cp == 0x061F || cp == 0x06D4;
}

/* The index of the word token[0..len) (punctuation around it is dropped by
 * folding), adding it if new; SIZE_MAX for a token that is only punctuation. */
static size_t intern(DemoNextWord *m, const char *token, size_t len) {
    char *raw = ail_xmalloc(len + 1);
    memcpy(raw, token, len);
    raw[len] = '\0';
    AilBuf folded;
    ail_buf_init(&folded);
    ail_utf8_fold(raw, &folded);
    if (folded.len == 0) {
        free(raw);
        ail_buf_free(&folded);
        return SIZE_MAX;
    }
    for (size_t i = 0; i < m->count; i++) {
        if (strcmp(m->words[i].folded, folded.data) == 0) {
            free(raw);
            ail_buf_free(&folded);
            return i;
        }
    }
    if (m->count == m->cap) {
        m->cap = m->cap ? m->cap * 2 : 32;
        m->words = ail_xrealloc(m->words, m->cap * sizeof *m->words);
    }
    /* Shown as written, without the punctuation around it. */
    const char *first = raw, *end = raw + len;
    ail_utf8_trim_punctuation(&first, &end);
    AilBuf shown;
    ail_buf_init(&shown);
    ail_buf_append(&shown, first, (size_t)(end - first));
    m->words[m->count] = (Word){shown.data, folded.data, NULL, 0, 0};
    free(raw);
    return m->count++;
}

static void count_pair(DemoNextWord *m, size_t from, size_t to) {
    Word *w = &m->words[from];
    for (size_t i = 0; i < w->follower_count; i++) {
        if (w->followers[i].next == to) {
            w->followers[i].count++;
            return;
        }
    }
    if (w->follower_count == w->follower_cap) {
        w->follower_cap = w->follower_cap ? w->follower_cap * 2 : 4;
        w->followers = ail_xrealloc(w->followers, w->follower_cap * sizeof *w->followers);
    }
    w->followers[w->follower_count++] = (Follower){to, 1, m->pairs_seen++};
}

DemoNextWord *demo_next_word_train(const char *corpus) {
    DemoNextWord *m = ail_xcalloc(1, sizeof *m);
    size_t previous = SIZE_MAX;
    const char *p = corpus;
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') p++;
        const char *start = p;
        while (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r') p++;
        size_t len = (size_t)(p - start);
        if (!len) break;
        size_t word = intern(m, start, len);
        if (word == SIZE_MAX) { /* lone punctuation, like French « » or a spaced 。 */
            if (ends_sentence(start, len)) previous = SIZE_MAX;
            continue;
        }
        if (previous != SIZE_MAX) count_pair(m, previous, word);
        previous = ends_sentence(start, len) ? SIZE_MAX : word;
    }
    return m;
}

void demo_next_word_free(DemoNextWord *m) {
    if (!m) return;
    for (size_t i = 0; i < m->count; i++) {
        free(m->words[i].shown);
        free(m->words[i].folded);
        free(m->words[i].followers);
    }
    free(m->words);
    free(m);
}

size_t demo_next_word_vocabulary(const DemoNextWord *m) { return m->count; }

static const Word *find_word(const DemoNextWord *m, const char *word) {
    AilBuf folded;
    ail_buf_init(&folded);
    ail_utf8_fold(word, &folded);
    const Word *found = NULL;
    for (size_t i = 0; i < m->count && !found; i++)
        if (strcmp(m->words[i].folded, folded.data) == 0) found = &m->words[i];
    ail_buf_free(&folded);
    return found;
}

static int by_count_then_first_seen(const void *a, const void *b) {
    const Follower *x = a, *y = b;
    if (x->count != y->count) return x->count > y->count ? -1 : 1;
    return x->first_seen < y->first_seen ? -1 : x->first_seen > y->first_seen;
}

size_t demo_next_word_suggest(const DemoNextWord *m, const char *word, DemoWordCount *out,
                              size_t max) {
    const Word *w = find_word(m, word);
    if (!w || !w->follower_count) return 0;
    Follower *sorted = ail_xmalloc(w->follower_count * sizeof *sorted);
    memcpy(sorted, w->followers, w->follower_count * sizeof *sorted);
    qsort(sorted, w->follower_count, sizeof *sorted, by_count_then_first_seen);
    for (size_t i = 0; i < w->follower_count && i < max; i++)
        out[i] = (DemoWordCount){m->words[sorted[i].next].shown, sorted[i].count};
    free(sorted);
    return w->follower_count;
}

const char *demo_next_word_pick(const DemoNextWord *m, const char *word, uint32_t *seed) {
    const Word *w = find_word(m, word);
    if (!w || !w->follower_count) return NULL;
    unsigned total = 0;
    for (size_t i = 0; i < w->follower_count; i++) total += w->followers[i].count;
    unsigned r = demo_random_below(seed, total);
    for (size_t i = 0; i < w->follower_count; i++) {
        if (r < w->followers[i].count) return m->words[w->followers[i].next].shown;
        r -= w->followers[i].count;
    }
    return NULL; /* not reached: r < total */
}
