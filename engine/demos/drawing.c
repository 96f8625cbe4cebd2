/*
 * Teach the machine: the learner's drawings and how far apart two of them are.
 *
 * A drawing is at most 32 cells wide, so each row is one uint32_t (bit x = column
 * x) and comparing two drawings is a few bit operations per row.
 *
 * The distance is meant to be explained in one breath: "move both drawings to the
 * middle, then count the cells of ink that have no ink of the other drawing on or
 * next to them". Centring forgives a drawing made in a corner; the one-cell margin
 * forgives a wobbly hand. Size still matters: a small sun is not a big sun.
 *
 * Invariants: 4 <= size <= 32; no bit at or above column `size` is set, and no row
 * at or below `size` has a bit set.
 */
#include "demos/demos.h"

#include <assert.h>
#include <string.h>

static uint32_t row_mask(int size) {
    assert(size >= DEMO_DRAWING_MIN_SIZE && size <= DEMO_DRAWING_MAX_SIZE);
    return size == 32 ? UINT32_MAX : (UINT32_C(1) << size) - 1;
}

static unsigned bits_on(uint32_t v) {
    v = v - ((v >> 1) & 0x55555555u);
    v = (v & 0x33333333u) + ((v >> 2) & 0x33333333u);
    v = (v + (v >> 4)) & 0x0F0F0F0Fu;
    return (v * 0x01010101u) >> 24;
}

void demo_drawing_init(DemoDrawing *d, int size) {
    assert(size >= DEMO_DRAWING_MIN_SIZE && size <= DEMO_DRAWING_MAX_SIZE);
    memset(d, 0, sizeof *d);
    d->size = size;
}

void demo_drawing_set(DemoDrawing *d, int x, int y, bool on) {
    if (x < 0 || y < 0 || x >= d->size || y >= d->size) return;
    if (on)
        d->rows[y] |= UINT32_C(1) << x;
    else
        d->rows[y] &= ~(UINT32_C(1) << x);
}

bool demo_drawing_get(const DemoDrawing *d, int x, int y) {
    if (x < 0 || y < 0 || x >= d->size || y >= d->size) return false;
    return (d->rows[y] >> x) & 1u;
}

void demo_drawing_line(DemoDrawing *d, int x0, int y0, int x1, int y1) {
    /* A finger far off the grid is no line to draw (and keeps the arithmetic small). */
    const int far = 4096;
    if (x0 < -far || x0 > far || y0 < -far || y0 > far || x1 < -far || x1 > far || y1 < -far ||
        y1 > far)
        return;
    /* Bresenham: one cell per step along the longer axis. */
    int dx = x1 > x0 ? x1 - x0 : x0 - x1, sx = x0 < x1 ? 1 : -1;
    int dy = y1 > y0 ? y0 - y1 : y1 - y0, sy = y0 < y1 ? 1 : -1;
    int err = dx + dy;
    for (;;) {
        demo_drawing_set(d, x0, y0, true);
        if (x0 == x1 && y0 == y1) break;
        int e2 = 2 * err;
        if (e2 >= dy) {
            err += dy;
            x0 += sx;
        }
        if (e2 <= dx) {
            err += dx;
            y0 += sy;
        }
    }
}

size_t demo_drawing_ink(const DemoDrawing *d) {
    size_t n = 0;
    for (int y = 0; y < d->size; y++) n += bits_on(d->rows[y]);
    return n;
}

void demo_drawing_centred(const DemoDrawing *d, DemoDrawing *out) {
    int size = d->size;
    uint32_t all = 0;
    int top = -1, bottom = -1;
    for (int y = 0; y < size; y++) {
        if (!d->rows[y]) continue;
        all |= d->rows[y];
        if (top < 0) top = y;
        bottom = y;
    }
    DemoDrawing c;
    demo_drawing_init(&c, size);
    if (top < 0) {
        *out = c;
        return;
    }
    int left = 0, right = size - 1;
    while (!((all >> left) & 1u)) left++;
    while (!((all >> right) & 1u)) right--;
    int dx = (size - (right - left + 1)) / 2 - left;
    int dy = (size - (bottom - top + 1)) / 2 - top;
    for (int y = top; y <= bottom; y++) {
        assert(y + dy >= 0 && y + dy < size);
        uint32_t r = d->rows[y];
        c.rows[y + dy] = (dx >= 0 ? r << dx : r >> -dx) & row_mask(size);
    }
    *out = c;
}

/* Every cell that is on or has an on cell among its 8 neighbours. */
static void grown(const DemoDrawing *d, uint32_t out[DEMO_DRAWING_MAX_SIZE]) {
    uint32_t wide[DEMO_DRAWING_MAX_SIZE];
    uint32_t mask = row_mask(d->size);
    for (int y = 0; y < d->size; y++)
        wide[y] = (d->rows[y] | d->rows[y] << 1 | d->rows[y] >> 1) & mask;
    for (int y = 0; y < d->size; y++) {
        out[y] = wide[y];
        if (y > 0) out[y] |= wide[y - 1];
        if (y + 1 < d->size) out[y] |= wide[y + 1];
    }
}

unsigned demo_drawing_distance(const DemoDrawing *a, const DemoDrawing *b) {
    assert(a->size == b->size);
    DemoDrawing ca, cb;
    demo_drawing_centred(a, &ca);
    demo_drawing_centred(b, &cb);
    uint32_t near_a[DEMO_DRAWING_MAX_SIZE], near_b[DEMO_DRAWING_MAX_SIZE];
    grown(&ca, near_a);
    grown(&cb, near_b);
    unsigned misses = 0;
    for (int y = 0; y < a->size; y++)
        misses += bits_on(ca.rows[y] & ~near_b[y]) + bits_on(cb.rows[y] & ~near_a[y]);
    return misses;
}

AilResult demo_drawing_from_rows(DemoDrawing *d, const char *const *rows, size_t row_count,
                                 AilError *err) {
    if (row_count < DEMO_DRAWING_MIN_SIZE || row_count > DEMO_DRAWING_MAX_SIZE)
        return ail_error_set(err, AIL_ERR_INVALID, "a drawing needs %d to %d rows, not %zu",
                             DEMO_DRAWING_MIN_SIZE, DEMO_DRAWING_MAX_SIZE, row_count);
    DemoDrawing out;
    demo_drawing_init(&out, (int)row_count);
    for (size_t y = 0; y < row_count; y++) {
        if (strlen(rows[y]) != row_count)
            return ail_error_set(err, AIL_ERR_INVALID,
                                 "row %zu has %zu cells: a drawing is square, %zu by %zu", y + 1,
                                 strlen(rows[y]), row_count, row_count);
        for (size_t x = 0; x < row_count; x++) {
            if (rows[y][x] != '#' && rows[y][x] != '.')
                return ail_error_set(err, AIL_ERR_INVALID,
                                     "row %zu has a character other than # (on) and . (off)",
                                     y + 1);
            demo_drawing_set(&out, (int)x, (int)y, rows[y][x] == '#');
        }
    }
    *d = out;
    return AIL_OK;
}

AilResult demo_drawing_set_add(DemoDrawingSet *set, const DemoDrawing *d, int label) {
    if (label < 0 || label >= DEMO_DRAWING_MAX_LABELS) return AIL_ERR_USAGE;
    if (set->count > 0 && set->drawings[0].size != d->size) return AIL_ERR_USAGE;
    if (set->count == DEMO_DRAWING_MAX_EXAMPLES) return AIL_ERR_TOO_LARGE;
    assert(set->count < DEMO_DRAWING_MAX_EXAMPLES);
    set->drawings[set->count] = *d;
    set->labels[set->count] = label;
    set->count++;
    return AIL_OK;
}

bool demo_drawing_set_remove_last(DemoDrawingSet *set) {
    if (set->count == 0) return false;
    set->count--;
    return true;
}

void demo_drawing_set_clear(DemoDrawingSet *set) { set->count = 0; }

size_t demo_drawing_set_count(const DemoDrawingSet *set, int label) {
    assert(set->count <= DEMO_DRAWING_MAX_EXAMPLES);
    size_t n = 0;
    for (size_t i = 0; i < set->count; i++) n += set->labels[i] == label;
    return n;
}
