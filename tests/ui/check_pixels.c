/*
 * Pixel checks on the app's screenshots (BMP):
 *   check_pixels start-edge ltr|rtl FILE  body text hugs the left (ltr) or right (rtl) edge
 *   check_pixels ring FILE1 FILE2         the focus ring is visible in both and has moved
 *   check_pixels size W H FILE            the picture is W x H
 * Exits 0 when the check holds, 1 with a sentence otherwise.
 */
#include <SDL.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static SDL_Surface *load(const char *path) {
    SDL_Surface *raw = SDL_LoadBMP(path);
    if (!raw) {
        fprintf(stderr, "check_pixels: cannot read %s: %s\n", path, SDL_GetError());
        exit(1);
    }
    SDL_Surface *s = SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_ARGB8888, 0);
    SDL_FreeSurface(raw);
    return s;
}

static void rgb(SDL_Surface *s, int x, int y, Uint8 *r, Uint8 *g, Uint8 *b) {
    Uint32 p = ((Uint32 *)((Uint8 *)s->pixels + y * s->pitch))[x];
    *r = (Uint8)(p >> 16);
    *g = (Uint8)(p >> 8);
    *b = (Uint8)p;
}

/* Dark text pixels in the band between 20% and 75% of the height (below the bar,
 * above the page bar): their bounding box and mean x. */
static int start_edge(const char *dir, const char *path) {
    SDL_Surface *s = load(path);
    int minx = s->w, maxx = -1;
    double sum = 0;
    long n = 0;
    for (int y = s->h / 5; y < s->h * 3 / 4; y++)
        for (int x = 0; x < s->w; x++) {
            Uint8 r, g, b;
            rgb(s, x, y, &r, &g, &b);
            if (r < 90 && g < 90 && b < 90) {
                if (x < minx) minx = x;
                if (x > maxx) maxx = x;
                sum += x;
                n++;
            }
        }
    int w = s->w;
    SDL_FreeSurface(s);
    if (n < 50) {
        fprintf(stderr, "check_pixels: %s has no body text\n", path);
        return 1;
    }
    double mean = sum / (double)n;
    printf("%s: text from x=%d to x=%d, mean %.0f of %d\n", path, minx, maxx, mean, w);
    bool rtl = strcmp(dir, "rtl") == 0;
    bool ok = rtl ? (maxx > w * 9 / 10 && mean > w / 2.0) : (minx < w / 10 && mean < w / 2.0);
    if (!ok)
        fprintf(stderr, "check_pixels: %s: the text does not start at the %s edge\n", path,
                rtl ? "right" : "left");
    return ok ? 0 : 1;
}

/* The focus ring's colour in the default theme (ui_theme_default().focus). */
static bool ring_box(const char *path, SDL_Rect *box) {
    SDL_Surface *s = load(path);
    int minx = s->w, miny = s->h, maxx = -1, maxy = -1;
    for (int y = 0; y < s->h; y++)
        for (int x = 0; x < s->w; x++) {
            Uint8 r, g, b;
            rgb(s, x, y, &r, &g, &b);
            if (r == 230 && g == 120 && b == 0) {
                if (x < minx) minx = x;
                if (y < miny) miny = y;
                if (x > maxx) maxx = x;
                if (y > maxy) maxy = y;
            }
        }
    SDL_FreeSurface(s);
    *box = (SDL_Rect){minx, miny, maxx - minx + 1, maxy - miny + 1};
    return maxx >= 0;
}

int main(int argc, char **argv) {
    if (argc == 4 && strcmp(argv[1], "start-edge") == 0) return start_edge(argv[2], argv[3]);
    if (argc == 4 && strcmp(argv[1], "ring") == 0) {
        SDL_Rect a, b;
        if (!ring_box(argv[2], &a) || !ring_box(argv[3], &b)) {
            fprintf(stderr, "check_pixels: no focus ring in %s or %s\n", argv[2], argv[3]);
            return 1;
        }
        printf("ring at %d,%d %dx%d then %d,%d %dx%d\n", a.x, a.y, a.w, a.h, b.x, b.y, b.w, b.h);
        if (a.x == b.x && a.y == b.y && a.w == b.w && a.h == b.h) {
            fprintf(stderr, "check_pixels: the focus ring did not move\n");
            return 1;
        }
        return 0;
    }
    if (argc == 5 && strcmp(argv[1], "size") == 0) {
        SDL_Surface *s = load(argv[4]);
        bool ok = s->w == atoi(argv[2]) && s->h == atoi(argv[3]);
        if (!ok) fprintf(stderr, "check_pixels: %s is %dx%d\n", argv[4], s->w, s->h);
        SDL_FreeSurface(s);
        return ok ? 0 : 1;
    }
    fprintf(stderr,
            "usage: check_pixels start-edge ltr|rtl FILE | ring FILE1 FILE2 | size W H FILE\n");
    return 2;
}
