/*
 * The renderer behind ui/'s command list.
 *
 * Text: a line of text becomes one texture, keyed by a hash of its bytes, size,
 * weight, colour and direction, so an unchanged screen redraws without rasterising
 * text again.
 *
 * Images: each file's header is read (base's media probe) before SDL_image may
 * decode it, so a picture over the size limits, or damaged or cut short, is never
 * decoded; the screens then show its alt text. A refused file is remembered, so it
 * is judged once, not once a frame. A decoded picture is kept as a texture (with the
 * software renderer that texture is the only copy of its pixels: SDL_image's surface
 * is freed once the texture is made).
 *
 * The caches' budgets follow the screen, since what a learner can see at once is
 * what is worth keeping (a Pi 3 at 800x480 has little memory to spare; at 1920x1080
 * the same page has 5x the pixels):
 *   - pictures: RENDER_IMAGE_SCREENS screens' worth of RGBA pixels (the renderer's
 *     output size, w x h x 4 bytes, each);
 *   - text: RENDER_TEXT_SCREENS screens' worth but no more than RENDER_TEXT_MAX_BYTES,
 *     and at most TEXT_CACHE_LINES lines (a demo full of numbers makes many small
 *     lines; the cache is searched in turn). At 1920x1080 turning back a page may so
 *     rasterise some of its lines again: a 1080p laptop has the CPU for it.
 * Two screens each: the page before is usually still there when a learner turns
 * back (with one screen of text, a full page at 800x480 pushed out all of the page
 * before). A frame runs from the end of one render_draw to the end of the next, so
 * the layout's render_image_size calls belong to the frame they are drawn in. What
 * the current frame uses is always kept, even over the budget: a single huge picture
 * still shows, decoded once, not once a frame. Before a picture is decoded or a line
 * is rasterised, and at the end of each frame, the entries the frame has not used
 * are dropped, least recently used first, until the cache is within its budget
 * again; a picture or line dropped is made again when it is shown again.
 */
#include "render/render.h"

#include <SDL_image.h>
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TEXT_CACHE_LINES 384
#define IMAGE_ENTRIES 64 /* paths remembered, loaded or refused */

typedef struct {
    uint64_t key;
    SDL_Texture *tex;
    int w, h;
    uint64_t frame;
} TextEntry;

typedef struct {
    char *path;
    SDL_Texture *tex; /* NULL when refused, or dropped to keep within the budget */
    int w, h;
    bool refused;   /* its header or its decoder said no: the screens show the alt text */
    size_t bytes;   /* of pixels, while tex is held */
    uint64_t used;  /* rc->image_tick at the last use */
    uint64_t frame; /* rc->frame at the last use */
} ImageEntry;

struct RenderContext {
    SDL_Renderer *r;
    TextSystem *text;
    TextEntry *texts;
    size_t text_count, text_cap;
    size_t text_bytes; /* pixels held by the text textures */
    ImageEntry images[IMAGE_ENTRIES];
    size_t image_count;
    size_t image_bytes; /* sum of the entries' bytes */
    size_t image_decodes;
    uint64_t image_tick;
    uint64_t frame; /* the frame being laid out and drawn */
};

RenderContext *render_create(SDL_Renderer *renderer, TextSystem *text) {
    RenderContext *rc = ail_xcalloc(1, sizeof *rc);
    rc->r = renderer;
    rc->text = text;
    return rc;
}

static void image_drop_texture(RenderContext *rc, ImageEntry *e) {
    if (!e->tex) return;
    SDL_DestroyTexture(e->tex);
    e->tex = NULL;
    assert(rc->image_bytes >= e->bytes);
    rc->image_bytes -= e->bytes;
    e->bytes = 0;
}

void render_destroy(RenderContext *rc) {
    if (!rc) return;
    for (size_t i = 0; i < rc->text_count; i++) SDL_DestroyTexture(rc->texts[i].tex);
    free(rc->texts);
    for (size_t i = 0; i < rc->image_count; i++) {
        image_drop_texture(rc, &rc->images[i]);
        free(rc->images[i].path);
    }
    free(rc);
}

size_t render_cached_textures(const RenderContext *rc) {
    size_t n = rc->text_count;
    for (size_t i = 0; i < rc->image_count; i++) n += rc->images[i].tex != NULL;
    return n;
}

size_t render_cached_image_bytes(const RenderContext *rc) { return rc->image_bytes; }

size_t render_cached_text_bytes(const RenderContext *rc) { return rc->text_bytes; }

size_t render_image_decodes(const RenderContext *rc) { return rc->image_decodes; }

/* screens screens' worth of RGBA pixels at the renderer's output size. */
static size_t screens_bytes(const RenderContext *rc, int screens) {
    int w = 0, h = 0;
    if (SDL_GetRendererOutputSize(rc->r, &w, &h) != 0 || w < 0 || h < 0) w = h = 0;
    return (size_t)w * (size_t)h * 4 * (size_t)screens;
}

size_t render_image_budget(const RenderContext *rc) {
    return screens_bytes(rc, RENDER_IMAGE_SCREENS);
}

size_t render_text_budget(const RenderContext *rc) {
    size_t screens = screens_bytes(rc, RENDER_TEXT_SCREENS);
    return screens < RENDER_TEXT_MAX_BYTES ? screens : RENDER_TEXT_MAX_BYTES;
}

static uint64_t text_key(const UiCmd *c) {
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < c->len; i++) h = (h ^ (uint8_t)c->text[i]) * 1099511628211ull;
    uint64_t extra = (uint64_t)c->px | (uint64_t)c->bold << 16 | (uint64_t)c->rtl << 17 |
                     (uint64_t)c->color.r << 24 | (uint64_t)c->color.g << 32 |
                     (uint64_t)c->color.b << 40 | (uint64_t)c->color.a << 48;
    return (h ^ extra) * 1099511628211ull;
}

/* Drops the lines the current frame did not use, oldest frame first, until more
 * bytes and another line fit the budget (see the top). */
static void text_cache_trim(RenderContext *rc, size_t more) {
    size_t budget = render_text_budget(rc), lines = TEXT_CACHE_LINES - (more > 0);
    while (rc->text_count > lines || rc->text_bytes + more > budget) {
        uint64_t oldest = rc->frame;
        for (size_t i = 0; i < rc->text_count; i++)
            if (rc->texts[i].frame < oldest) oldest = rc->texts[i].frame;
        if (oldest == rc->frame) return; /* all in use now */
        size_t keep = 0;
        for (size_t i = 0; i < rc->text_count; i++) {
            if (rc->texts[i].frame == oldest) {
                SDL_DestroyTexture(rc->texts[i].tex);
                size_t bytes = (size_t)rc->texts[i].w * (size_t)rc->texts[i].h * 4;
                assert(rc->text_bytes >= bytes);
                rc->text_bytes -= bytes;
            } else
                rc->texts[keep++] = rc->texts[i];
        }
        rc->text_count = keep;
    }
}

static TextEntry *text_texture(RenderContext *rc, const UiCmd *c) {
    uint64_t key = text_key(c);
    for (size_t i = 0; i < rc->text_count; i++)
        if (rc->texts[i].key == key) {
            rc->texts[i].frame = rc->frame;
            return &rc->texts[i];
        }
    SDL_Color col = {c->color.r, c->color.g, c->color.b, c->color.a};
    SDL_Surface *s = text_render_line(rc->text, c->text, c->len, c->px, c->bold, col, c->rtl);
    if (!s) return NULL;
    text_cache_trim(rc, (size_t)s->w * (size_t)s->h * 4); /* room first: see the top */
    SDL_Texture *tex = SDL_CreateTextureFromSurface(rc->r, s);
    int w = s->w, h = s->h;
    SDL_FreeSurface(s);
    if (!tex) return NULL;
    SDL_SetTextureBlendMode(tex, SDL_BLENDMODE_BLEND);
    if (rc->text_count == rc->text_cap) {
        rc->text_cap = rc->text_cap ? rc->text_cap * 2 : 128;
        rc->texts = ail_xrealloc(rc->texts, rc->text_cap * sizeof *rc->texts);
    }
    TextEntry *e = &rc->texts[rc->text_count++];
    e->key = key;
    e->tex = tex;
    e->w = w;
    e->h = h;
    e->frame = rc->frame;
    rc->text_bytes += (size_t)w * (size_t)h * 4;
    return e;
}

/* The least recently used entry; with_texture: of those holding a texture that the
 * current frame has not used (NULL: none). */
static ImageEntry *image_oldest(RenderContext *rc, bool with_texture) {
    ImageEntry *oldest = NULL;
    for (size_t i = 0; i < rc->image_count; i++) {
        ImageEntry *e = &rc->images[i];
        if (with_texture && (!e->tex || e->frame == rc->frame)) continue;
        if (!oldest || e->used < oldest->used) oldest = e;
    }
    return oldest;
}

/* Drops pictures the current frame has not used, least recently used first, until
 * more bytes fit the budget (or none is left to drop: see the top). */
static void image_cache_trim(RenderContext *rc, size_t more) {
    size_t budget = render_image_budget(rc);
    ImageEntry *old;
    while (rc->image_bytes + more > budget && (old = image_oldest(rc, true)))
        image_drop_texture(rc, old);
}

/* Reads the file once, judges it by its header, then decodes those same bytes (so
 * the file cannot change in between) into a texture, first making room for its
 * pixels. */
static void image_load(RenderContext *rc, ImageEntry *e) {
    AilMediaInfo info;
    AilError err;
    ail_error_clear(&err);
    char *data = NULL;
    size_t len = 0;
    if (ail_file_read(e->path, AIL_MEDIA_MAX_FILE_BYTES, &data, &len, &err) != AIL_OK ||
        ail_media_probe_image_bytes(data, len, &info, &err) != AIL_OK) {
        fprintf(stderr, "ailit: not showing %s: %s\n", e->path, err.message);
        free(data);
        e->refused = true;
        return;
    }
    size_t bytes = (size_t)info.width * (size_t)info.height * 4;
    image_cache_trim(rc, bytes);
    SDL_Surface *s = IMG_Load_RW(SDL_RWFromConstMem(data, (int)len), 1);
    free(data);
    rc->image_decodes++;
    if (s && s->w == info.width && s->h == info.height)
        e->tex = SDL_CreateTextureFromSurface(rc->r, s);
    if (s) SDL_FreeSurface(s);
    if (!e->tex) {
        fprintf(stderr, "ailit: not showing %s: the picture cannot be decoded (%s)\n", e->path,
                SDL_GetError());
        e->refused = true;
        return;
    }
    e->w = info.width;
    e->h = info.height;
    e->bytes = bytes;
    rc->image_bytes += bytes;
}

static ImageEntry *image_get(RenderContext *rc, const char *path) {
    ImageEntry *e = NULL;
    for (size_t i = 0; i < rc->image_count && !e; i++)
        if (strcmp(rc->images[i].path, path) == 0) e = &rc->images[i];
    if (!e) {
        if (rc->image_count == IMAGE_ENTRIES) { /* forget the least recently used path */
            e = image_oldest(rc, false);
            image_drop_texture(rc, e);
            free(e->path);
        } else
            e = &rc->images[rc->image_count++];
        memset(e, 0, sizeof *e);
        e->path = ail_xstrdup(path);
    }
    e->used = ++rc->image_tick;
    e->frame = rc->frame;
    if (!e->tex && !e->refused) image_load(rc, e);
    return e;
}

bool render_image_size(RenderContext *rc, const char *path, int *w, int *h) {
    ImageEntry *e = image_get(rc, path);
    if (!e->tex) return false;
    *w = e->w;
    *h = e->h;
    return true;
}

static void set_colour(SDL_Renderer *r, UiColor c) {
    SDL_SetRenderDrawBlendMode(r, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(r, c.r, c.g, c.b, c.a);
}

void render_draw(RenderContext *rc, const UiCmd *cmds, size_t count, UiColor background) {
    SDL_Renderer *r = rc->r;
    SDL_RenderSetClipRect(r, NULL);
    set_colour(r, background);
    SDL_RenderClear(r);
    for (size_t i = 0; i < count; i++) {
        const UiCmd *c = &cmds[i];
        SDL_Rect rect = {c->rect.x, c->rect.y, c->rect.w, c->rect.h};
        switch (c->kind) {
        case UI_CMD_RECT:
            set_colour(r, c->color);
            SDL_RenderFillRect(r, &rect);
            break;
        case UI_CMD_FRAME: {
            set_colour(r, c->color);
            int t = c->thickness;
            SDL_Rect sides[4] = {{rect.x, rect.y, rect.w, t},
                                 {rect.x, rect.y + rect.h - t, rect.w, t},
                                 {rect.x, rect.y, t, rect.h},
                                 {rect.x + rect.w - t, rect.y, t, rect.h}};
            SDL_RenderFillRects(r, sides, 4);
            break;
        }
        case UI_CMD_TEXT: {
            TextEntry *e = text_texture(rc, c);
            if (!e) break;
            int x = c->rect.x;
            int tw = e->w - 2; /* the surface has 2 pixels of overhang room */
            if (c->align == UI_ALIGN_CENTER)
                x += (c->rect.w - tw) / 2;
            else if (c->align == UI_ALIGN_END)
                x += c->rect.w - tw;
            int lh = text_line_height(rc->text, c->px);
            SDL_Rect dst = {x, c->rect.y + (c->rect.h - lh) / 2, e->w, e->h};
            SDL_RenderCopy(r, e->tex, NULL, &dst);
            break;
        }
        case UI_CMD_IMAGE: {
            ImageEntry *e = image_get(rc, c->text);
            if (e->tex) SDL_RenderCopy(r, e->tex, NULL, &rect);
            break;
        }
        case UI_CMD_CLIP: SDL_RenderSetClipRect(r, c->rect.w > 0 ? &rect : NULL); break;
        }
    }
    SDL_RenderSetClipRect(r, NULL);
    text_cache_trim(rc, 0);
    image_cache_trim(rc, 0);
    rc->frame++; /* the next frame begins with the next layout */
}

AilResult render_save_screenshot(RenderContext *rc, const char *path, AilError *err) {
    int w, h;
    if (SDL_GetRendererOutputSize(rc->r, &w, &h) != 0)
        return ail_error_set(err, AIL_ERR_IO, "cannot read the frame: %s", SDL_GetError());
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!s) return ail_error_set(err, AIL_ERR_NOMEM, "no memory for a %dx%d picture", w, h);
    if (SDL_RenderReadPixels(rc->r, NULL, SDL_PIXELFORMAT_ARGB8888, s->pixels, s->pitch) != 0) {
        SDL_FreeSurface(s);
        return ail_error_set(err, AIL_ERR_IO, "cannot read the frame: %s", SDL_GetError());
    }
    char ext[16];
    ail_path_extension(path, ext);
    int rc2 = strcmp(ext, "png") == 0 ? IMG_SavePNG(s, path) : SDL_SaveBMP(s, path);
    SDL_FreeSurface(s);
    if (rc2 != 0)
        return ail_error_set(err, AIL_ERR_IO, "cannot write the picture %s: %s", path,
                             SDL_GetError());
    return AIL_OK;
}
