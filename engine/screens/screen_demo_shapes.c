/*
 * Simple shapes the AI lab's demos draw with filled rectangles only (the draw list
 * knows rectangles, frames, text and images): round, square, triangle and diamond
 * marks, thick straight lines, arrows, and the goat, grass, thorns, basket and mango
 * pictures. Everything is drawn by the project, so nothing needs outside art, and
 * mirrors with the rest of the screen in a right-to-left language.
 */
#include "screens/screens_internal.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>

/* How wide a shape is at row dy (-r..r) from its middle, half on each side. */
static int half_width(ScreensShape shape, int r, int dy) {
    switch (shape) {
    case SCREENS_SHAPE_CIRCLE: return (int)lround(sqrt((double)(r * r - dy * dy)));
    case SCREENS_SHAPE_SQUARE: return r * 7 / 8;
    case SCREENS_SHAPE_TRIANGLE: return (dy + r) / 2 + 1; /* point up */
    case SCREENS_SHAPE_DIAMOND: return r - abs(dy);
    }
    return r;
}

void screens_shape(UiContext *ui, int cx, int cy, int r, ScreensShape shape, UiColor c) {
    assert(r >= 0);
    if (r < 1) r = 1;
    int top = shape == SCREENS_SHAPE_SQUARE ? -(r * 7 / 8) : -r;
    int bottom = -top;
    /* Rows of about r/6 pixels: round enough, few commands. */
    int step = r / 6 > 1 ? r / 6 : 1;
    for (int dy = top; dy <= bottom; dy += step) {
        int mid = dy + step / 2 > bottom ? bottom : dy + step / 2;
        int hw = half_width(shape, r, mid);
        if (hw < 0) continue;
        int h = dy + step > bottom + 1 ? bottom + 1 - dy : step;
        ui_fill(ui, (UiRect){cx - hw, cy + dy, 2 * hw + 1, h}, c);
    }
}

void screens_shape_ringed(UiContext *ui, int cx, int cy, int r, ScreensShape shape, UiColor fill,
                          UiColor ring) {
    int t = r / 4 > 1 ? r / 4 : 1;
    screens_shape(ui, cx, cy, r + t, shape, ring);
    screens_shape(ui, cx, cy, r, shape, fill);
}

void screens_line(UiContext *ui, int x0, int y0, int x1, int y1, int thick, UiColor c) {
    if (thick < 1) thick = 1;
    if (x0 == x1 || y0 == y1) {
        int x = x0 < x1 ? x0 : x1, y = y0 < y1 ? y0 : y1;
        ui_fill(ui,
                (UiRect){x - thick / 2, y - thick / 2, abs(x1 - x0) + thick, abs(y1 - y0) + thick},
                c);
        return;
    }
    int dx = x1 - x0, dy = y1 - y0;
    int n = (abs(dx) > abs(dy) ? abs(dx) : abs(dy)) / (thick > 2 ? thick / 2 : 1) + 1;
    for (int i = 0; i <= n; i++) {
        int x = x0 + dx * i / n, y = y0 + dy * i / n;
        ui_fill(ui, (UiRect){x - thick / 2, y - thick / 2, thick, thick}, c);
    }
}

void screens_arrow(UiContext *ui, int cx, int cy, int len, int dir, UiColor c) {
    assert(dir >= 0 && dir < 4);
    static const int DX[4] = {0, 1, 0, -1}, DY[4] = {-1, 0, 1, 0};
    int half = len / 2, thick = len / 7 > 2 ? len / 7 : 2, head = len * 2 / 5;
    int tx = cx + DX[dir] * half, ty = cy + DY[dir] * half; /* the tip */
    screens_line(ui, cx - DX[dir] * half, cy - DY[dir] * half, tx - DX[dir] * head / 2,
                 ty - DY[dir] * head / 2, thick, c);
    /* The head: rows (or columns) narrowing to the tip. */
    for (int i = 0; i < head; i += 2) {
        int w = (head - i) * 2 / 2;
        int px = tx - DX[dir] * (head - i), py = ty - DY[dir] * (head - i);
        if (DX[dir])
            ui_fill(ui, (UiRect){px, py - w / 2, 2, w + 1}, c);
        else
            ui_fill(ui, (UiRect){px - w / 2, py, w + 1, 2}, c);
    }
}

void screens_draw_goat(UiContext *ui, int cx, int cy, int size, UiColor body, UiColor ink) {
    int u = size / 10 > 1 ? size / 10 : 1;
    /* Legs, body, head to the side, horns, an eye: drawn in ink around, body inside. */
    for (int i = 0; i < 4; i++)
        ui_fill(ui, (UiRect){cx - 3 * u + i * 2 * u, cy + u, u, 3 * u}, ink);
    ui_fill(ui, (UiRect){cx - 4 * u, cy - 2 * u, 7 * u, 4 * u}, ink);
    ui_fill(ui, (UiRect){cx - 4 * u + 1, cy - 2 * u + 1, 7 * u - 2, 4 * u - 2}, body);
    ui_fill(ui, (UiRect){cx + 2 * u, cy - 4 * u, 3 * u, 3 * u}, ink);
    ui_fill(ui, (UiRect){cx + 2 * u + 1, cy - 4 * u + 1, 3 * u - 2, 3 * u - 2}, body);
    ui_fill(ui, (UiRect){cx + 2 * u, cy - 5 * u, u, u + 1}, ink); /* horns */
    ui_fill(ui, (UiRect){cx + 4 * u, cy - 5 * u, u, u + 1}, ink);
    ui_fill(ui, (UiRect){cx + 4 * u - u / 2, cy - 3 * u, u / 2 + 1, u / 2 + 1}, ink); /* eye */
    ui_fill(ui, (UiRect){cx + 3 * u, cy - u, u, u + u / 2}, ink);                     /* beard */
}

void screens_draw_grass(UiContext *ui, UiRect cell, UiColor c) {
    int u = cell.w / 12 > 1 ? cell.w / 12 : 1;
    int base = cell.y + cell.h - 2 * u;
    /* Tufts of pointed blades leaning out from the middle. */
    for (int i = 0; i < 7; i++) {
        int x = cell.x + 2 * u + i * (cell.w - 4 * u) / 7 + u;
        int lean = (i - 3) * u / 2, h = (i % 2 ? 5 : 8) * u;
        screens_line(ui, x, base, x + lean, base - h, u + u / 2, c);
        screens_line(ui, x + lean, base - h, x + lean + lean / 2, base - h - u, u, c);
    }
    ui_fill(ui, (UiRect){cell.x + u, base, cell.w - 2 * u, u}, c);
}

void screens_draw_thorns(UiContext *ui, UiRect cell, UiColor c) {
    int r = cell.w / 7 > 2 ? cell.w / 7 : 2;
    int cx[3] = {cell.x + cell.w / 4, cell.x + cell.w / 2, cell.x + 3 * cell.w / 4};
    for (int i = 0; i < 3; i++) {
        int cy = cell.y + cell.h / 2 + (i % 2 ? -r : r);
        /* A star of spikes: an x and a + of thick lines. */
        int t = r / 3 > 1 ? r / 3 : 1;
        screens_line(ui, cx[i] - r, cy - r, cx[i] + r, cy + r, t, c);
        screens_line(ui, cx[i] - r, cy + r, cx[i] + r, cy - r, t, c);
        screens_line(ui, cx[i], cy - r - t, cx[i], cy + r + t, t, c);
    }
}

void screens_draw_basket(UiContext *ui, int cx, int top, int w, int h, UiColor c) {
    int t = h / 10 > 1 ? h / 10 : 1;
    UiColor band = {(uint8_t)(c.r * 2 / 3), (uint8_t)(c.g * 2 / 3), (uint8_t)(c.b * 2 / 3), c.a};
    /* A handle, then a solid basket narrowing to its foot, woven with darker bands. */
    ui_frame(ui, (UiRect){cx - w / 4, top, w / 2, h / 3 + t}, band, t);
    int body_top = top + h / 3;
    int rows = h - h / 3;
    for (int y = 0; y < rows; y += t) {
        int hw = w / 2 - (w / 6) * y / (rows ? rows : 1);
        ui_fill(ui, (UiRect){cx - hw, body_top + y, 2 * hw, t}, (y / t) % 3 == 1 ? band : c);
    }
}
