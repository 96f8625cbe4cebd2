/*
 * render — turns ui/'s draw commands into SDL renderer calls, keeps rendered lines
 * of text and loaded images as textures, and saves frames as pictures.
 *
 * Ownership: a RenderContext borrows the SDL_Renderer and the TextSystem (both must
 * outlive it) and owns its textures; render_destroy() frees them.
 */
#ifndef AILIT_RENDER_H
#define AILIT_RENDER_H

#include "base/base.h"
#include "text/text.h"
#include "ui/ui.h"

#include <SDL.h>

typedef struct RenderContext RenderContext;

RenderContext *render_create(SDL_Renderer *renderer, TextSystem *text);
void render_destroy(RenderContext *rc);

/* Clears to background and draws cmds[0..count); does not present. */
void render_draw(RenderContext *rc, const UiCmd *cmds, size_t count, UiColor background);

/* The caches' budgets, in screens' worth of RGBA pixels at the renderer's output
 * size; what the current frame shows is kept even over them (render.c's top says
 * the rule). */
#define RENDER_IMAGE_SCREENS 2
#define RENDER_TEXT_SCREENS 2
/* ...and text at most this many bytes whatever the screen: two screens of text at
 * 1920x1080 (16.6 MB) made the AI lab's demos, full of small labels, grow the app by
 * 14 MB where the budget is 5 MB; 3 MiB is still two screens at 800x480. */
#define RENDER_TEXT_MAX_BYTES (3u << 20)

/* The size of an image file (its header read, then decoded and cached); false when
 * it is refused: unreadable, over the size limits of base/base.h, damaged or cut
 * short. A refused picture is not decoded; the screens show its alt text. */
bool render_image_size(RenderContext *rc, const char *path, int *w, int *h);

/* Writes what the renderer holds now to path: PNG when the name ends in .png,
 * otherwise BMP. */
AilResult render_save_screenshot(RenderContext *rc, const char *path, AilError *err);

/* Textures held now (for tests of the cache's bound). */
size_t render_cached_textures(const RenderContext *rc);

/* Bytes of pixels the caches hold now, their budgets at the output size now, and the
 * pictures decoded so far (for tests and benchmarks of the budgets). */
size_t render_cached_image_bytes(const RenderContext *rc);
size_t render_cached_text_bytes(const RenderContext *rc);
size_t render_image_budget(const RenderContext *rc);
size_t render_text_budget(const RenderContext *rc);
size_t render_image_decodes(const RenderContext *rc);

#endif
