/*
 * text — fonts per script, shaping, bidi and measuring; turns one line of UTF-8 into
 * pixels.
 *
 * A line is cut into runs: by bidi level (FriBidi computes the levels and the visual
 * order of the runs) and by script (each script has its own font from
 * fonts/fonts.json: Latin, Arabic, Han). Each run is shaped by SDL2_ttf's HarfBuzz in
 * logical order with its direction and script set, so Arabic letters join and read
 * right to left while numbers and Latin words inside stay left to right. A
 * character none of a run's fonts has falls back to the other fonts, so no
 * missing-glyph boxes appear when any font has the glyph.
 *
 * Ownership: a TextSystem owns its fonts and caches; text_close() frees them.
 * Surfaces returned by text_render_line are the caller's (SDL_FreeSurface).
 */
#ifndef AILIT_TEXT_H
#define AILIT_TEXT_H

#include "base/base.h"

#include <SDL.h>

typedef struct TextSystem TextSystem;

/* Reads fonts_dir/fonts.json and checks that its font files open. Fonts at each
 * size are opened on first use. *out is the caller's (text_close). */
AilResult text_open(const char *fonts_dir, TextSystem **out, AilError *err);
void text_close(TextSystem *ts);

/* Width in pixels of s[0..len) shaped on one line. Cached. */
int text_width(TextSystem *ts, const char *s, size_t len, int px, bool bold);

/* Line height (top to top) for px-sized text, the tallest of the script fonts. */
int text_line_height(TextSystem *ts, int px);

/* Renders s[0..len) as one line in colour, ordered for a paragraph whose base
 * direction is right-to-left when rtl. Returns an ARGB8888 surface (the caller's)
 * 2 pixels wider than text_width (glyph overhang) and at least text_line_height
 * tall (its top is the line's top; Arabic descenders may reach below the line), or
 * NULL for empty text. */
SDL_Surface *text_render_line(TextSystem *ts, const char *s, size_t len, int px, bool bold,
                              SDL_Color colour, bool rtl);

/* A run as laid out on a line, for tests: bytes [start, start+len) of the logical
 * text, drawn at x (pixels from the line's left), right to left when rtl, with the
 * font of script ("latin", "arabic", "han"). */
typedef struct {
    size_t start, len;
    int x, w;
    bool rtl;
    const char *script;
} TextRun;

/* Lays out s into at most max runs in visual (left-to-right) order; returns the
 * number of runs, which may exceed max (only max are written). */
size_t text_layout_runs(TextSystem *ts, const char *s, size_t len, int px, bool bold, bool rtl,
                        TextRun *runs, size_t max);

/* The first code point of s[0..len) that no font has (0 when all are covered). */
uint32_t text_find_missing_glyph(TextSystem *ts, const char *s, size_t len);

#endif
