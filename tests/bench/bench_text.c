/*
 * Benchmark: laying out and rendering one line of N spaces (or digits) between two
 * letters of different scripts, for N = 4,000, 40,000 and 400,000. Each space once
 * looked for its nearest letters on both sides, so 40,000 took seconds; with the
 * runs found in one pass the time grows like N (the ratio column stays near 10).
 * tests/text/test_text.c checks the runs; this only prints figures, since a timed
 * assertion flakes on a loaded machine.
 *
 *   build/tests/bench/bench_text [FONTS_DIR]
 */
#include "text/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Seconds to lay out and render 'a' + n times fill + 'ب' (best of three). */
static double line_seconds(TextSystem *ts, size_t n, char fill) {
    char *s = malloc(n + 8);
    size_t len = 0;
    s[len++] = 'a';
    memset(s + len, fill, n);
    len += n;
    memcpy(s + len, "\xD8\xA8", 2);
    len += 2;
    s[len] = '\0';
    double best = 1e9;
    for (int k = 0; k < 3; k++) {
        double t0 = now_s();
        TextRun runs[8];
        text_layout_runs(ts, s, len, 24, false, true, runs, 8);
        SDL_Surface *line =
            text_render_line(ts, s, len, 24, false, (SDL_Color){0, 0, 0, 255}, true);
        double took = now_s() - t0;
        if (line) SDL_FreeSurface(line);
        if (took < best) best = took;
    }
    free(s);
    return best;
}

int main(int argc, char **argv) {
    const char *fonts = argc > 1 ? argv[1] : AILIT_SOURCE_DIR "/fonts";
    TextSystem *ts = NULL;
    AilError err;
    if (SDL_Init(0) != 0 || text_open(fonts, &ts, &err) != AIL_OK) {
        fprintf(stderr, "bench_text: cannot open the fonts in %s\n", fonts);
        return 1;
    }
    const char fills[2] = {' ', '7'};
    for (int f = 0; f < 2; f++) {
        double before = 0;
        for (size_t n = 4000; n <= 400000; n *= 10) {
            double t = line_seconds(ts, n, fills[f]);
            if (before > 0)
                printf("%7zu '%c': %.4f s (x%.1f for x10 the length)\n", n, fills[f], t,
                       t / before);
            else
                printf("%7zu '%c': %.4f s\n", n, fills[f], t);
            before = t;
        }
    }
    text_close(ts);
    SDL_Quit();
    return 0;
}
