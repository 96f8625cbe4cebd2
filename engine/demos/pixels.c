/*
 * Pixels are numbers: a small greyscale picture is a grid of numbers 0..255, and
 * changing a number changes the picture. Brightness adds the same amount to every
 * number; a number that would pass 0 or 255 stops there, which is why brightening
 * and darkening again can lose the light parts of a picture for good.
 *
 * Invariants: 1 <= width, height <= DEMO_PICTURE_MAX_SIZE; cells outside
 * width x height are never read.
 */
#include "demos/demos.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

static bool size_ok(int width, int height) {
    return width >= 1 && height >= 1 && width <= DEMO_PICTURE_MAX_SIZE &&
           height <= DEMO_PICTURE_MAX_SIZE;
}

static uint8_t clamp_grey(int v) { return (uint8_t)(v < 0 ? 0 : v > 255 ? 255 : v); }

void demo_picture_init(DemoPicture *pic, int width, int height, uint8_t grey) {
    assert(size_ok(width, height));
    memset(pic, 0, sizeof *pic);
    pic->width = width;
    pic->height = height;
    for (int y = 0; y < height; y++) memset(pic->cells[y], grey, (size_t)width);
}

AilResult demo_picture_from_values(DemoPicture *pic, int width, int height, const int *values) {
    if (!size_ok(width, height)) return AIL_ERR_USAGE;
    for (int i = 0; i < width * height; i++)
        if (values[i] < 0 || values[i] > 255) return AIL_ERR_INVALID;
    demo_picture_init(pic, width, height, 0);
    for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++) pic->cells[y][x] = (uint8_t)values[y * width + x];
    return AIL_OK;
}

uint8_t demo_picture_set(DemoPicture *pic, int x, int y, int value) {
    assert(x >= 0 && x < pic->width && y >= 0 && y < pic->height);
    return pic->cells[y][x] = clamp_grey(value);
}

size_t demo_picture_brighten(DemoPicture *pic, int delta) {
    assert(size_ok(pic->width, pic->height));
    size_t clipped = 0;
    for (int y = 0; y < pic->height; y++) {
        for (int x = 0; x < pic->width; x++) {
            int v = pic->cells[y][x] + delta;
            clipped += v < 0 || v > 255;
            pic->cells[y][x] = clamp_grey(v);
        }
    }
    return clipped;
}

const char *demo_picture_number(const DemoPicture *pic, int x, int y, char out[4]) {
    assert(x >= 0 && x < pic->width && y >= 0 && y < pic->height);
    int n = snprintf(out, 4, "%u", (unsigned)pic->cells[y][x]);
    assert(n > 0 && n < 4);
    (void)n;
    return out;
}

size_t demo_picture_numbers(const DemoPicture *pic, char *out, size_t size) {
    assert(size_ok(pic->width, pic->height));
    size_t len = 0, written = 0; /* written: bytes of out filled, always < size */
    for (int y = 0; y < pic->height; y++) {
        for (int x = 0; x <= pic->width; x++) {
            char cell[5];
            int n = x < pic->width ? snprintf(cell, sizeof cell, "%4u", (unsigned)pic->cells[y][x])
                                   : snprintf(cell, sizeof cell, "\n");
            assert(n > 0 && (size_t)n < sizeof cell);
            if (out && written == len && len + (size_t)n < size) {
                memcpy(out + len, cell, (size_t)n);
                written += (size_t)n;
            }
            len += (size_t)n;
        }
    }
    if (out && size > 0) out[written] = '\0';
    return len;
}
