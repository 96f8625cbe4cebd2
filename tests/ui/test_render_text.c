/* render/'s cache of text lines: its budget follows the output size (screens' worth
 * of RGBA pixels, render.h), lines the current frame did not draw are dropped down
 * to it, and the lines of the current frame are kept even when they alone are over
 * it. The real fonts on SDL's software renderer drawing into a surface: no display
 * needed; without the fonts (fonts/fetch-fonts.sh) it says so and exits 77. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "render/render.h"

#include <stdio.h>
#include <string.h>

static TextSystem *g_text;
static SDL_Surface *g_target;
static SDL_Renderer *g_renderer; /* 320x240 */

/* Draws lines lines of 24 px text, each "label-N ..." for N from first, as one frame. */
static void frame_of_lines(RenderContext *rc, const char *label, int first, int lines) {
    static char buf[64][80];
    UiCmd cmds[64];
    assert_true(lines <= 64);
    for (int i = 0; i < lines; i++) {
        snprintf(buf[i], sizeof buf[i], "%s-%d: a line of a lesson page", label, first + i);
        cmds[i] = (UiCmd){.kind = UI_CMD_TEXT,
                          .rect = {0, 20 * i, 320, 20},
                          .color = {20, 20, 20, 255},
                          .text = buf[i],
                          .len = strlen(buf[i]),
                          .px = 24};
    }
    render_draw(rc, cmds, (size_t)lines, (UiColor){255, 255, 255, 255});
}

static void lines_past_the_budget_are_dropped_in_a_small_window(void **state) {
    (void)state;
    RenderContext *rc = render_create(g_renderer, g_text);
    size_t budget = render_text_budget(rc);
    assert_int_equal(budget, (size_t)320 * 240 * 4 * RENDER_TEXT_SCREENS);
    for (int page = 0; page < 40; page++) { /* 40 pages of 4 new lines each */
        frame_of_lines(rc, "page", 4 * page, 4);
        assert_true(render_cached_text_bytes(rc) <= budget);
    }
    /* More than one page's lines stay: the budget is used. */
    size_t one_page = render_cached_text_bytes(rc);
    frame_of_lines(rc, "page", 4 * 39, 4);
    assert_int_equal(render_cached_text_bytes(rc), one_page);
    render_destroy(rc);
}

static void lines_of_the_current_frame_are_kept_over_the_budget(void **state) {
    (void)state;
    RenderContext *rc = render_create(g_renderer, g_text);
    frame_of_lines(rc, "big", 0, 64); /* a long page: more text than the budget */
    size_t all = render_cached_text_bytes(rc);
    assert_true(all > render_text_budget(rc));
    assert_int_equal(render_cached_textures(rc), 64);
    frame_of_lines(rc, "big", 0, 64); /* drawn again: every line found in the cache */
    assert_int_equal(render_cached_text_bytes(rc), all);
    assert_int_equal(render_cached_textures(rc), 64);
    frame_of_lines(rc, "small", 0, 2); /* the next page: back within the budget */
    assert_true(render_cached_text_bytes(rc) <= render_text_budget(rc));
    render_destroy(rc);
}

int main(void) {
    AilError err;
    ail_error_clear(&err);
    if (SDL_Init(0) != 0) {
        fprintf(stderr, "render_text: SDL cannot start: %s\n", SDL_GetError());
        return 1;
    }
    /* Without the fonts nothing here can run: skipped (77), neither failed nor passed. */
    if (text_open(AILIT_SOURCE_DIR "/fonts", &g_text, &err) != AIL_OK) {
        printf("render_text: skipped: the fonts in " AILIT_SOURCE_DIR "/fonts cannot be "
               "opened (%s); run fonts/fetch-fonts.sh, or packaging/setup.sh\n",
               err.message);
        SDL_Quit();
        return 77;
    }
    g_target = SDL_CreateRGBSurfaceWithFormat(0, 320, 240, 32, SDL_PIXELFORMAT_ARGB8888);
    g_renderer = g_target ? SDL_CreateSoftwareRenderer(g_target) : NULL;
    if (!g_renderer) return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lines_past_the_budget_are_dropped_in_a_small_window),
        cmocka_unit_test(lines_of_the_current_frame_are_kept_over_the_budget),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    SDL_DestroyRenderer(g_renderer);
    SDL_FreeSurface(g_target);
    text_close(g_text);
    SDL_Quit();
    return rc;
}
