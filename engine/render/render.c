/*
 * The renderer behind ui/'s command list.
 *
 * Invariants: a line of text becomes one texture, keyed by a hash of its bytes, size,
 * weight, colour and direction; entries unused for a few frames are dropped once the
 * cache holds more than TEXT_CACHE_SOFT, so memory stays bounded while an unchanged
 * screen redraws without rasterising text again. Images are loaded once per path.
 */
#include "render/render.h"

#include <SDL_image.h>
#include <stdlib.h>
#include <string.h>

#define TEXT_CACHE_SOFT 384
#define IMAGE_CACHE 32

typedef struct {
    uint64_t key;
    SDL_Texture *tex;
    int w, h;
    uint64_t frame;
} TextEntry;

typedef struct {
    char *path;
    SDL_Texture *tex; /* NULL when the file could not be read */
    int w, h;
} ImageEntry;

struct RenderContext {
    SDL_Renderer *r;
    TextSystem *text;
    TextEntry *texts;
    size_t text_count, text_cap;
    ImageEntry images[IMAGE_CACHE];
    size_t image_count;
    uint64_t frame;
};

RenderContext *render_create(SDL_Renderer *renderer, TextSystem *text) {
    RenderContext *rc = ail_xcalloc(1, sizeof *rc);
    rc->r = renderer;
    rc->text = text;
    return rc;
}

void render_destroy(RenderContext *rc) {
    if (!rc) return;
    for (size_t i = 0; i < rc->text_count; i++) SDL_DestroyTexture(rc->texts[i].tex);
    free(rc->texts);
    for (size_t i = 0; i < rc->image_count; i++) {
        if (rc->images[i].tex) SDL_DestroyTexture(rc->images[i].tex);
        free(rc->images[i].path);
    }
    free(rc);
}

size_t render_cached_textures(const RenderContext *rc) { return rc->text_count + rc->image_count; }

static uint64_t text_key(const UiCmd *c) {
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < c->len; i++) h = (h ^ (uint8_t)c->text[i]) * 1099511628211ull;
    uint64_t extra = (uint64_t)c->px | (uint64_t)c->bold << 16 | (uint64_t)c->rtl << 17 |
                     (uint64_t)c->color.r << 24 | (uint64_t)c->color.g << 32 |
                     (uint64_t)c->color.b << 40 | (uint64_t)c->color.a << 48;
    return (h ^ extra) * 1099511628211ull;
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
    return e;
}

static void text_cache_trim(RenderContext *rc) {
    if (rc->text_count <= TEXT_CACHE_SOFT) return;
    size_t keep = 0;
    for (size_t i = 0; i < rc->text_count; i++) {
        if (rc->frame - rc->texts[i].frame > 2)
            SDL_DestroyTexture(rc->texts[i].tex);
        else
            rc->texts[keep++] = rc->texts[i];
    }
    rc->text_count = keep;
}

static ImageEntry *image_get(RenderContext *rc, const char *path) {
    for (size_t i = 0; i < rc->image_count; i++)
        if (strcmp(rc->images[i].path, path) == 0) return &rc->images[i];
    if (rc->image_count == IMAGE_CACHE) {
        /* Drop the oldest: lessons show a few images each. */
        if (rc->images[0].tex) SDL_DestroyTexture(rc->images[0].tex);
        free(rc->images[0].path);
        memmove(rc->images, rc->images + 1, (IMAGE_CACHE - 1) * sizeof rc->images[0]);
        rc->image_count--;
    }
    ImageEntry *e = &rc->images[rc->image_count++];
    memset(e, 0, sizeof *e);
    e->path = ail_xstrdup(path);
    SDL_Surface *s = IMG_Load(path);
    if (s) {
        e->w = s->w;
        e->h = s->h;
        e->tex = SDL_CreateTextureFromSurface(rc->r, s);
        SDL_FreeSurface(s);
    }
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
    rc->frame++;
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
    text_cache_trim(rc);
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
