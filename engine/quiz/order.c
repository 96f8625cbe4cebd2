/*
 * Display orders: which question, item, right-hand side or choice a learner sees
 * first. Every order is drawn from a seed hashed from ids, never from a clock or a
 * random source, so a learner who leaves and comes back sees the same screen and a
 * test can predict it. Orders only change what is shown: answers are recorded by
 * id, so grading and the xAPI strings never depend on them.
 */
#include "quiz/quiz.h"

#include <assert.h>

uint32_t quiz_seed(const char *const *parts, size_t count) {
    uint32_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < count; i++) {
        if (i) h = (h ^ 0x1fu) * 16777619u; /* a separator: ("ab","c") differs from ("a","bc") */
        for (const char *p = parts[i] ? parts[i] : ""; *p; p++) h = (h ^ (uint8_t)*p) * 16777619u;
    }
    return h ? h : 1;
}

void quiz_shuffle(int *order, size_t n, uint32_t seed) {
    assert(order || n == 0);
    for (size_t i = 0; i < n; i++) order[i] = (int)i;
    for (size_t i = n; i > 1; i--) { /* Fisher-Yates over a small LCG */
        seed = seed * 1664525u + 1013904223u;
        size_t j = (seed >> 8) % i;
        assert(j < i);
        int t = order[i - 1];
        order[i - 1] = order[j];
        order[j] = t;
    }
}

void quiz_choice_order(const Question *q, const char *learner_id, const char *pack_id,
                       const char *quiz_id, int *order, size_t n) {
    assert(q && n <= q->choice_count);
    bool shuffled = (q->type == QUESTION_SINGLE || q->type == QUESTION_MULTIPLE) && !q->fixed_order;
    if (!shuffled) {
        for (size_t i = 0; i < n; i++) order[i] = (int)i;
        return;
    }
    const char *parts[] = {learner_id, pack_id, quiz_id, q->id};
    quiz_shuffle(order, n, quiz_seed(parts, sizeof parts / sizeof parts[0]));
}
