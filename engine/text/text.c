/*
 * Fonts, runs, shaping and measuring (see text.h).
 *
 * Invariants: fonts are opened lazily per (script, size, weight) and kept in a small
 * least-recently-used table; a font's direction and script are set right before each
 * use, because one font serves both directions (digits inside Arabic text use the
 * Arabic font's run when they sit between Arabic letters). Widths are cached by a
 * 64-bit hash of (bytes, size, weight); a collision would only misplace a line.
 */
#include "text/text.h"

#include <SDL_ttf.h>
#include <cjson/cJSON.h>
#include <fribidi.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

typedef enum { SCRIPT_LATIN, SCRIPT_ARABIC, SCRIPT_HAN, SCRIPT_COUNT, SCRIPT_COMMON } Script;
static const char *const SCRIPT_NAMES[SCRIPT_COUNT] = {"latin", "arabic", "han"};
static const char *const SCRIPT_TAGS[SCRIPT_COUNT] = {"Latn", "Arab", "Hani"};

#define FONT_SLOTS 40
#define WIDTH_SLOTS 8192

typedef struct {
    TTF_Font *font;
    Script script;
    int px;
    bool bold;
    uint64_t used;
} FontSlot;

typedef struct {
    uint64_t key;
    int width;
} WidthEntry;

struct TextSystem {
    char path[SCRIPT_COUNT][2][PATH_MAX];
    FontSlot slots[FONT_SLOTS];
    uint64_t tick;
    WidthEntry *widths;
    bool ttf_started;
};

/* ---- Fonts ---- */

static AilResult read_fonts_json(TextSystem *ts, const char *dir, AilError *err) {
    char path[PATH_MAX];
    char *data = NULL;
    size_t len = 0;
    if (ail_path_join(path, sizeof path, dir, "fonts.json") != AIL_OK)
        return ail_error_set(err, AIL_ERR_TOO_LARGE, "the fonts folder path is too long");
    AilResult rc = ail_file_read(path, 1 << 20, &data, &len, err);
    if (rc != AIL_OK) return rc;
    cJSON *root = cJSON_ParseWithLength(data, len);
    free(data);
    cJSON *fonts = cJSON_GetObjectItemCaseSensitive(root, "fonts");
    if (!cJSON_IsObject(fonts)) {
        cJSON_Delete(root);
        return ail_error_set(err, AIL_ERR_PARSE, "%s has no \"fonts\" object; see fonts/README",
                             path);
    }
    for (int s = 0; s < SCRIPT_COUNT; s++) {
        cJSON *entry = cJSON_GetObjectItemCaseSensitive(fonts, SCRIPT_NAMES[s]);
        for (int b = 0; b < 2; b++) {
            cJSON *f = cJSON_GetObjectItemCaseSensitive(entry, b ? "bold" : "regular");
            if (!cJSON_IsString(f) && b) f = cJSON_GetObjectItemCaseSensitive(entry, "regular");
            if (!cJSON_IsString(f)) {
                cJSON_Delete(root);
                return ail_error_set(err, AIL_ERR_INVALID, "%s names no %s font for %s", path,
                                     b ? "bold" : "regular", SCRIPT_NAMES[s]);
            }
            if (ail_path_join(ts->path[s][b], sizeof ts->path[s][b], dir, f->valuestring) !=
                AIL_OK) {
                cJSON_Delete(root);
                return ail_error_set(err, AIL_ERR_TOO_LARGE, "a font path is too long");
            }
        }
    }
    cJSON_Delete(root);
    return AIL_OK;
}

static TTF_Font *font_get(TextSystem *ts, Script script, int px, bool bold) {
    FontSlot *lru = NULL;
    ts->tick++;
    for (int i = 0; i < FONT_SLOTS; i++) {
        FontSlot *s = &ts->slots[i];
        if (s->font && s->script == script && s->px == px && s->bold == bold) {
            s->used = ts->tick;
            return s->font;
        }
        if (!lru || (!s->font && lru->font) || (s->font && lru->font && s->used < lru->used))
            lru = s;
    }
    if (lru->font) TTF_CloseFont(lru->font);
    lru->font = TTF_OpenFont(ts->path[script][bold], px);
    if (!lru->font && bold) lru->font = TTF_OpenFont(ts->path[script][0], px);
    if (!lru->font) return NULL;
    /* A family without a bold file (WenQuanYi) is emboldened by FreeType. */
    if (bold && strcmp(ts->path[script][0], ts->path[script][1]) == 0)
        TTF_SetFontStyle(lru->font, TTF_STYLE_BOLD);
    TTF_SetFontScriptName(lru->font, SCRIPT_TAGS[script]);
    TTF_SetFontKerning(lru->font, 1);
    TTF_SetFontHinting(lru->font, TTF_HINTING_LIGHT);
    lru->script = script;
    lru->px = px;
    lru->bold = bold;
    lru->used = ts->tick;
    return lru->font;
}

AilResult text_open(const char *fonts_dir, TextSystem **out, AilError *err) {
    *out = NULL;
    TextSystem *ts = ail_xcalloc(1, sizeof *ts);
    AilResult rc = read_fonts_json(ts, fonts_dir, err);
    if (rc != AIL_OK) {
        free(ts);
        return rc;
    }
    if (!TTF_WasInit() && TTF_Init() != 0) {
        free(ts);
        return ail_error_set(err, AIL_ERR_IO, "cannot start the font library: %s", TTF_GetError());
    }
    ts->ttf_started = true;
    for (int s = 0; s < SCRIPT_COUNT; s++) {
        if (!font_get(ts, (Script)s, 20, false)) {
            AilResult r = ail_error_set(err, AIL_ERR_NOT_FOUND,
                                        "cannot open the font %s (%s); run fonts/fetch-fonts.sh "
                                        "or install fonts-noto-core and fonts-wqy-microhei",
                                        ts->path[s][0], TTF_GetError());
            text_close(ts);
            return r;
        }
    }
    ts->widths = ail_xcalloc(WIDTH_SLOTS, sizeof *ts->widths);
    *out = ts;
    return AIL_OK;
}

void text_close(TextSystem *ts) {
    if (!ts) return;
    for (int i = 0; i < FONT_SLOTS; i++)
        if (ts->slots[i].font) TTF_CloseFont(ts->slots[i].font);
    free(ts->widths);
    if (ts->ttf_started) TTF_Quit();
    free(ts);
}

/* ---- Scripts and runs ---- */

static Script script_of(uint32_t cp) {
    if ((cp >= 0x0600 && cp <= 0x06FF) || (cp >= 0x0750 && cp <= 0x077F) ||
        (cp >= 0x08A0 && cp <= 0x08FF) || (cp >= 0xFB50 && cp <= 0xFDFF) ||
        (cp >= 0xFE70 && cp <= 0xFEFF))
        return SCRIPT_ARABIC;
    if ((cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
        (cp >= 0xFF00 && cp <= 0xFFEF) || cp >= 0x20000)
        return SCRIPT_HAN;
    if ((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') || (cp >= 0xC0 && cp <= 0x24F) ||
        (cp >= 0x1E00 && cp <= 0x1EFF) || (cp >= 0x370 && cp <= 0x52F))
        return SCRIPT_LATIN;
    return SCRIPT_COMMON;
}

static bool has_glyph(TextSystem *ts, Script s, uint32_t cp) {
    TTF_Font *f = font_get(ts, s, 20, false);
    return f && TTF_GlyphIsProvided32(f, cp);
}

/* A line decoded: code points, their byte offsets, scripts and bidi levels. */
typedef struct {
    size_t n;
    FriBidiChar *cps;
    size_t *off; /* n + 1 entries */
    Script *script;
    FriBidiLevel *level;
    FriBidiStrIndex *map; /* visual position -> logical index */
} Line;

static void line_free(Line *l) {
    free(l->cps);
    free(l->off);
    free(l->script);
    free(l->level);
    free(l->map);
}

static void line_analyse(TextSystem *ts, const char *s, size_t len, bool rtl, Line *l) {
    memset(l, 0, sizeof *l);
    l->cps = ail_xmalloc((len + 1) * sizeof *l->cps);
    l->off = ail_xmalloc((len + 1) * sizeof *l->off);
    const char *p = s, *end = s + len;
    bool any_rtl = rtl;
    while (p < end) {
        l->off[l->n] = (size_t)(p - s);
        uint32_t cp = ail_utf8_next(&p, end);
        if (cp >= 0x0590 && cp <= 0x08FF) any_rtl = true;
        if (cp >= 0xFB1D && cp <= 0xFEFF) any_rtl = true;
        l->cps[l->n++] = cp;
    }
    l->off[l->n] = len;
    size_t n = l->n;
    l->script = ail_xmalloc((n + 1) * sizeof *l->script);
    l->level = ail_xcalloc(n + 1, sizeof *l->level);
    l->map = ail_xmalloc((n + 1) * sizeof *l->map);
    for (size_t i = 0; i < n; i++) l->map[i] = (FriBidiStrIndex)i;
    if (any_rtl && n > 0) {
        FriBidiCharType *types = ail_xmalloc(n * sizeof *types);
        FriBidiBracketType *brackets = ail_xmalloc(n * sizeof *brackets);
        fribidi_get_bidi_types(l->cps, (FriBidiStrIndex)n, types);
        fribidi_get_bracket_types(l->cps, (FriBidiStrIndex)n, types, brackets);
        FriBidiParType base = rtl ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
        if (fribidi_get_par_embedding_levels_ex(types, brackets, (FriBidiStrIndex)n, &base,
                                                l->level)) {
            /* No NSM reordering: runs are shaped in logical order by HarfBuzz, which
             * keeps marks with their letters. */
            if (!fribidi_reorder_line(0, types, (FriBidiStrIndex)n, 0, base, l->level, NULL,
                                      l->map))
                for (size_t i = 0; i < n; i++) l->map[i] = (FriBidiStrIndex)i;
        }
        free(types);
        free(brackets);
    }
    /* Scripts: letters have their own; spaces, digits and punctuation join the
     * nearest letter at the same bidi level (before them, else after), so they stay
     * inside the run they sit in. */
    for (size_t i = 0; i < n; i++) l->script[i] = script_of(l->cps[i]);
    /* The nearest letters are found in one pass each way (looking them up from each
     * space made a line of spaces or digits quadratic: 40,000 took seconds). */
    const size_t NONE = (size_t)-1;
    size_t *next_letter = ail_xmalloc((n + 1) * sizeof *next_letter);
    for (size_t i = n, nx = NONE; i-- > 0;) {
        next_letter[i] = nx;
        if (l->script[i] != SCRIPT_COMMON) nx = i;
    }
    Script fallback = rtl ? SCRIPT_ARABIC : SCRIPT_LATIN;
    for (size_t i = 0, prev_letter = NONE; i < n; i++) {
        if (l->script[i] != SCRIPT_COMMON) {
            prev_letter = i;
            continue;
        }
        Script before = SCRIPT_COMMON, after = SCRIPT_COMMON;
        FriBidiLevel lb = 0, la = 0;
        if (prev_letter != NONE) {
            before = l->script[prev_letter];
            lb = l->level[prev_letter];
        }
        if (next_letter[i] != NONE) {
            after = l->script[next_letter[i]];
            la = l->level[next_letter[i]];
        }
        Script pick = fallback;
        if (before != SCRIPT_COMMON && lb == l->level[i])
            pick = before;
        else if (after != SCRIPT_COMMON && la == l->level[i])
            pick = after;
        else if (before != SCRIPT_COMMON)
            pick = before;
        else if (after != SCRIPT_COMMON)
            pick = after;
        l->script[i] = pick;
    }
    free(next_letter);
    /* Digits and Latin punctuation at an even level inside Arabic take the Latin font:
     * they are drawn left to right in their own run anyway. */
    for (size_t i = 0; i < n; i++) {
        uint32_t cp = l->cps[i];
        Script sc = l->script[i];
        if (sc == SCRIPT_ARABIC && script_of(cp) == SCRIPT_COMMON && !(l->level[i] & 1))
            sc = SCRIPT_LATIN;
        if (cp >= 0x20 && !has_glyph(ts, sc, cp)) {
            for (int f = 0; f < SCRIPT_COUNT; f++)
                if (has_glyph(ts, (Script)f, cp)) {
                    sc = (Script)f;
                    break;
                }
        }
        l->script[i] = sc;
    }
}

/* Calls fn for each run in visual order. */
typedef void (*RunFn)(void *user, TextSystem *ts, const char *s, const Line *l, size_t lo,
                      size_t hi, bool odd);

static void line_runs(TextSystem *ts, const char *s, const Line *l, RunFn fn, void *user) {
    size_t v = 0;
    while (v < l->n) {
        size_t first = (size_t)l->map[v];
        bool odd = l->level[first] & 1;
        size_t lo = first, hi = first, prev = first;
        size_t w = v + 1;
        while (w < l->n) {
            size_t li = (size_t)l->map[w];
            if ((l->level[li] & 1) != odd || l->level[li] != l->level[first] ||
                l->script[li] != l->script[first])
                break;
            if (odd ? li + 1 != prev : li != prev + 1) break;
            if (li < lo) lo = li;
            if (li > hi) hi = li;
            prev = li;
            w++;
        }
        fn(user, ts, s, l, lo, hi, odd);
        v = w;
    }
}

static TTF_Font *run_font(TextSystem *ts, Script sc, int px, bool bold, bool odd) {
    TTF_Font *f = font_get(ts, sc, px, bold);
    if (f) TTF_SetFontDirection(f, odd ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR);
    return f;
}

static int run_width(TextSystem *ts, const char *s, const Line *l, size_t lo, size_t hi, int px,
                     bool bold, bool odd) {
    TTF_Font *f = run_font(ts, l->script[lo], px, bold, odd);
    size_t a = l->off[lo], b = l->off[hi + 1];
    char stack[256];
    char *tmp = b - a < sizeof stack ? stack : ail_xmalloc(b - a + 1);
    memcpy(tmp, s + a, b - a);
    tmp[b - a] = '\0';
    int w = 0, h = 0;
    if (f) TTF_SizeUTF8(f, tmp, &w, &h);
    if (tmp != stack) free(tmp);
    return w;
}

typedef struct {
    int px;
    bool bold;
    int x;
    TextRun *runs;
    size_t count, max;
    SDL_Surface *dst;
    SDL_Color colour;
    int ascent;
} RunJob;

static void measure_run(void *user, TextSystem *ts, const char *s, const Line *l, size_t lo,
                        size_t hi, bool odd) {
    RunJob *job = user;
    int w = run_width(ts, s, l, lo, hi, job->px, job->bold, odd);
    if (job->runs && job->count < job->max) {
        TextRun *r = &job->runs[job->count];
        r->start = l->off[lo];
        r->len = l->off[hi + 1] - l->off[lo];
        r->x = job->x;
        r->w = w;
        r->rtl = odd;
        r->script = SCRIPT_NAMES[l->script[lo]];
    }
    job->count++;
    job->x += w;
}

static uint64_t hash_text(const char *s, size_t len, int px, bool bold) {
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < len; i++) h = (h ^ (uint8_t)s[i]) * 1099511628211ull;
    h = (h ^ (uint64_t)px) * 1099511628211ull;
    h = (h ^ (bold ? 7u : 3u)) * 1099511628211ull;
    return h ? h : 1;
}

static bool simple_ltr(const char *s, size_t len, Script *script) {
    Script seen = SCRIPT_COMMON;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) return false;
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) seen = SCRIPT_LATIN;
    }
    *script = seen == SCRIPT_COMMON ? SCRIPT_LATIN : seen;
    return true;
}

int text_width(TextSystem *ts, const char *s, size_t len, int px, bool bold) {
    if (len == 0) return 0;
    uint64_t key = hash_text(s, len, px, bold);
    WidthEntry *e = &ts->widths[key % WIDTH_SLOTS];
    if (e->key == key) return e->width;
    int w = 0;
    Script sc;
    if (simple_ltr(s, len, &sc)) {
        Line l = {0};
        size_t off[2] = {0, len};
        Script scripts[1] = {sc};
        l.off = off;
        l.script = scripts;
        w = run_width(ts, s, &l, 0, 0, px, bold, false);
    } else {
        Line l;
        line_analyse(ts, s, len, false, &l);
        RunJob job = {.px = px, .bold = bold};
        line_runs(ts, s, &l, measure_run, &job);
        w = job.x;
        line_free(&l);
    }
    e->key = key;
    e->width = w;
    return w;
}

size_t text_layout_runs(TextSystem *ts, const char *s, size_t len, int px, bool bold, bool rtl,
                        TextRun *runs, size_t max) {
    Line l;
    line_analyse(ts, s, len, rtl, &l);
    RunJob job = {.px = px, .bold = bold, .runs = runs, .max = max};
    line_runs(ts, s, &l, measure_run, &job);
    line_free(&l);
    return job.count;
}

/* Line metrics come from the Latin and Han fonts. Noto Sans Arabic declares a much
 * taller box (room for stacked marks few texts use); its runs sit on the same
 * baseline, and a rendered line gets room below for Arabic descenders (the dots of
 * a final yeh reach far below the Latin descent), so a surface may be taller than
 * the line: *below is that extra height. */
static void metrics(TextSystem *ts, int px, int *ascent, int *height, int *below) {
    int asc = 0, desc = 0, adesc = 0;
    for (int sc = 0; sc < SCRIPT_COUNT; sc++) {
        TTF_Font *f = font_get(ts, (Script)sc, px, false);
        if (!f) continue;
        int a = TTF_FontAscent(f), d = -TTF_FontDescent(f);
        if (sc == SCRIPT_ARABIC) {
            adesc = d * 4 / 5;
            continue;
        }
        if (a > asc) asc = a;
        if (d > desc) desc = d;
    }
    *ascent = asc;
    *height = asc + desc;
    *below = adesc > desc ? adesc - desc : 0;
}

int text_line_height(TextSystem *ts, int px) {
    int asc, h, below;
    metrics(ts, px, &asc, &h, &below);
    return h;
}

static void draw_run(void *user, TextSystem *ts, const char *s, const Line *l, size_t lo, size_t hi,
                     bool odd) {
    RunJob *job = user;
    TTF_Font *f = run_font(ts, l->script[lo], job->px, job->bold, odd);
    size_t a = l->off[lo], b = l->off[hi + 1];
    char *tmp = ail_xmalloc(b - a + 1);
    memcpy(tmp, s + a, b - a);
    tmp[b - a] = '\0';
    SDL_Surface *run = f ? TTF_RenderUTF8_Blended(f, tmp, job->colour) : NULL;
    free(tmp);
    if (!run) return;
    SDL_SetSurfaceBlendMode(run, SDL_BLENDMODE_NONE);
    SDL_Rect at = {job->x, job->ascent - TTF_FontAscent(f), run->w, run->h};
    SDL_BlitSurface(run, NULL, job->dst, &at);
    job->x += run_width(ts, s, l, lo, hi, job->px, job->bold, odd);
    SDL_FreeSurface(run);
}

SDL_Surface *text_render_line(TextSystem *ts, const char *s, size_t len, int px, bool bold,
                              SDL_Color colour, bool rtl) {
    if (len == 0) return NULL;
    int asc, h, below;
    metrics(ts, px, &asc, &h, &below);
    h += below;
    Line l;
    line_analyse(ts, s, len, rtl, &l);
    RunJob job = {.px = px, .bold = bold};
    line_runs(ts, s, &l, measure_run, &job);
    int w = job.x + 2; /* room for the last glyph's overhang */
    SDL_Surface *dst =
        w > 0 ? SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888) : NULL;
    if (dst) {
        SDL_FillRect(dst, NULL, SDL_MapRGBA(dst->format, colour.r, colour.g, colour.b, 0));
        RunJob draw = {.px = px, .bold = bold, .dst = dst, .colour = colour, .ascent = asc};
        line_runs(ts, s, &l, draw_run, &draw);
    }
    line_free(&l);
    return dst;
}

uint32_t text_find_missing_glyph(TextSystem *ts, const char *s, size_t len) {
    const char *p = s, *end = s + len;
    while (p < end) {
        uint32_t cp = ail_utf8_next(&p, end);
        if (cp < 0x20 || cp == 0x200C || cp == 0x200D || cp == 0x200E || cp == 0x200F) continue;
        bool found = false;
        for (int f = 0; f < SCRIPT_COUNT && !found; f++) found = has_glyph(ts, (Script)f, cp);
        if (!found) return cp;
    }
    return 0;
}
