/*
 * Repeatable chance for the demos: xorshift32, tiny and the same on every machine.
 * The state is the caller's seed, never a global, so two screens (or two tests)
 * never disturb each other's sequences.
 */
#include "demos/demos.h"

#include <assert.h>

uint32_t demo_random(uint32_t *seed) {
    assert(seed);
    uint32_t x = *seed ? *seed : 2463534242u;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *seed = x;
}

uint32_t demo_random_below(uint32_t *seed, uint32_t n) {
    assert(n > 0);
    return demo_random(seed) % n;
}
