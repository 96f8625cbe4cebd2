/* render/'s pictures: a file is judged by its header before SDL_image decodes it,
 * so a picture over the limits, damaged or cut short is refused (the screens then
 * show its alt text) without the memory a decoder would ask for. The caches'
 * budgets follow the output size: decoded pictures and lines of text are dropped
 * down to a few screens' worth, except what the current frame shows, which is kept
 * (a picture larger than the budget still shows, decoded once). SDL's software
 * renderer on a surface: no display needed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "render/render.h"

#include <SDL_image.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

static char g_dir[64];
static SDL_Surface *g_target, *g_big_target;
static SDL_Renderer *g_renderer, *g_big_renderer; /* 320x240 and 1920x1080 */

static const char *file_in_dir(const char *name) {
    static char path[128];
    snprintf(path, sizeof path, "%s/%s", g_dir, name);
    return path;
}

static void write_bytes(const char *path, const void *data, size_t len) {
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    fclose(f);
}

static uint32_t crc32_of(const uint8_t *p, size_t n) {
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    }
    return c ^ 0xFFFFFFFFu;
}

/* A 57-byte PNG whose header says 30000x30000 and whose data is a few bytes: the
 * decoder that trusts the header asks for 2.7 GB before it finds out. */
static void write_png_claiming(const char *path, uint32_t w, uint32_t h) {
    uint8_t b[8 + 25 + 12 + 12 + 2] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    uint8_t *c = b + 8;
    uint8_t ihdr[25] = {0,
                        0,
                        0,
                        13,
                        'I',
                        'H',
                        'D',
                        'R',
                        (uint8_t)(w >> 24),
                        (uint8_t)(w >> 16),
                        (uint8_t)(w >> 8),
                        (uint8_t)w,
                        (uint8_t)(h >> 24),
                        (uint8_t)(h >> 16),
                        (uint8_t)(h >> 8),
                        (uint8_t)h,
                        8,
                        2,
                        0,
                        0,
                        0};
    uint32_t crc = crc32_of(ihdr + 4, 17);
    ihdr[21] = (uint8_t)(crc >> 24);
    ihdr[22] = (uint8_t)(crc >> 16);
    ihdr[23] = (uint8_t)(crc >> 8);
    ihdr[24] = (uint8_t)crc;
    memcpy(c, ihdr, 25);
    uint8_t idat[14] = {0, 0, 0, 2, 'I', 'D', 'A', 'T', 0x78, 0x9c};
    crc = crc32_of(idat + 4, 6);
    for (int i = 0; i < 4; i++) idat[10 + i] = (uint8_t)(crc >> (24 - 8 * i));
    memcpy(c + 25, idat, 14);
    static const uint8_t iend[12] = {0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xAE, 0x42, 0x60, 0x82};
    memcpy(c + 25 + 14, iend, 12);
    write_bytes(path, b, 8 + 25 + 14 + 12);
}

/* A real picture of w x h, one colour, as SDL_image writes it. */
static void write_png(const char *path, int w, int h) {
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    assert_non_null(s);
    SDL_FillRect(s, NULL, SDL_MapRGB(s->format, 200, 120, 40));
    assert_int_equal(IMG_SavePNG(s, path), 0);
    SDL_FreeSurface(s);
}

static char *read_all(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    *len = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    char *data = malloc(*len);
    assert_non_null(data);
    assert_int_equal(fread(data, 1, *len, f), *len);
    fclose(f);
    return data;
}

static long peak_kib(void) {
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

static int setup(void **state) {
    (void)state;
    snprintf(g_dir, sizeof g_dir, "/tmp/ailit-render-XXXXXX");
    if (!mkdtemp(g_dir)) return -1;
    g_target = SDL_CreateRGBSurfaceWithFormat(0, 320, 240, 32, SDL_PIXELFORMAT_ARGB8888);
    g_renderer = g_target ? SDL_CreateSoftwareRenderer(g_target) : NULL;
    g_big_target = SDL_CreateRGBSurfaceWithFormat(0, 1920, 1080, 32, SDL_PIXELFORMAT_ARGB8888);
    g_big_renderer = g_big_target ? SDL_CreateSoftwareRenderer(g_big_target) : NULL;
    return g_renderer && g_big_renderer ? 0 : -1;
}

static int teardown(void **state) {
    (void)state;
    SDL_DestroyRenderer(g_renderer);
    SDL_FreeSurface(g_target);
    SDL_DestroyRenderer(g_big_renderer);
    SDL_FreeSurface(g_big_target);
    char cmd[96];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", g_dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void draw_image(RenderContext *rc, const char *path) {
    UiCmd cmd = {.kind = UI_CMD_IMAGE, .rect = {10, 10, 100, 80}, .text = path};
    render_draw(rc, &cmd, 1, (UiColor){255, 255, 255, 255});
}

static void picture_claiming_30000_by_30000_is_refused_without_decoding(void **state) {
    (void)state;
    const char *path = file_in_dir("huge.png");
    write_png_claiming(path, 30000, 30000);
    RenderContext *rc = render_create(g_renderer, NULL);
    int w = 0, h = 0;
    assert_false(render_image_size(rc, path, &w, &h));
    draw_image(rc, path);
    assert_int_equal(render_cached_image_bytes(rc), 0);
    /* Trusting the header costs gigabytes; judging it costs nothing. */
    assert_true(peak_kib() < 512 * 1024);
    render_destroy(rc);
}

static void real_picture_wider_than_the_limit_is_refused(void **state) {
    (void)state;
    const char *path = file_in_dir("wide.png");
    write_png(path, AIL_IMAGE_MAX_SIDE + 1, 4);
    RenderContext *rc = render_create(g_renderer, NULL);
    int w = 0, h = 0;
    assert_false(render_image_size(rc, path, &w, &h));
    render_destroy(rc);
}

static void picture_cut_short_or_damaged_is_refused(void **state) {
    (void)state;
    char good[128];
    snprintf(good, sizeof good, "%s", file_in_dir("good.png"));
    write_png(good, 64, 48);
    size_t len;
    char *data = read_all(good, &len);
    write_bytes(file_in_dir("cut.png"), data, len / 2);
    data[len - 20] ^= 0x5A; /* inside the image data: its checksum no longer matches */
    write_bytes(file_in_dir("flipped.png"), data, len);
    free(data);
    RenderContext *rc = render_create(g_renderer, NULL);
    int w = 0, h = 0;
    assert_true(render_image_size(rc, good, &w, &h));
    assert_int_equal(w, 64);
    assert_int_equal(h, 48);
    draw_image(rc, good);
    assert_false(render_image_size(rc, file_in_dir("cut.png"), &w, &h));
    assert_false(render_image_size(rc, file_in_dir("flipped.png"), &w, &h));
    draw_image(rc, file_in_dir("flipped.png"));
    assert_int_equal(render_cached_image_bytes(rc), 64 * 48 * 4);
    render_destroy(rc);
}

/* The path of a picture of w x h named name-i.png, written once (in a buffer that
 * the next call reuses). */
static const char *picture(const char *name, int i, int w, int h) {
    static char path[128];
    char file[48];
    snprintf(file, sizeof file, "%s-%d.png", name, i);
    snprintf(path, sizeof path, "%s", file_in_dir(file));
    if (access(path, F_OK) != 0) write_png(path, w, h);
    return path;
}

/* One frame as the app makes it: the layout asks each picture's size, then the
 * frame is drawn. */
static void frame_of(RenderContext *rc, const char *const *paths, int count) {
    UiCmd cmds[8];
    assert_true(count <= 8);
    for (int i = 0; i < count; i++) {
        int w = 0, h = 0;
        assert_true(render_image_size(rc, paths[i], &w, &h));
        cmds[i] = (UiCmd){.kind = UI_CMD_IMAGE, .rect = {10 * i, 10, 100, 80}, .text = paths[i]};
    }
    render_draw(rc, cmds, (size_t)count, (UiColor){255, 255, 255, 255});
}

static void budgets_follow_the_output_size(void **state) {
    (void)state;
    RenderContext *small = render_create(g_renderer, NULL);
    RenderContext *big = render_create(g_big_renderer, NULL);
    assert_int_equal(render_image_budget(small), (size_t)320 * 240 * 4 * RENDER_IMAGE_SCREENS);
    assert_int_equal(render_text_budget(small), (size_t)320 * 240 * 4 * RENDER_TEXT_SCREENS);
    assert_int_equal(render_image_budget(big), (size_t)1920 * 1080 * 4 * RENDER_IMAGE_SCREENS);
    /* Text stops at its own limit on a big screen, and 800x480 keeps its two screens. */
    assert_int_equal(render_text_budget(big), (size_t)RENDER_TEXT_MAX_BYTES);
    assert_true((size_t)800 * 480 * 4 * RENDER_TEXT_SCREENS <= RENDER_TEXT_MAX_BYTES);
    render_destroy(small);
    render_destroy(big);
}

static void pictures_past_the_budget_are_dropped_in_a_small_window(void **state) {
    (void)state;
    /* 320x240: a budget of 2 screens, 614400 bytes; each picture 160x120 is 76800. */
    enum { COUNT = 20, W = 160, H = 120 };
    RenderContext *rc = render_create(g_renderer, NULL);
    for (int i = 0; i < COUNT; i++) {
        const char *path = picture("page", i, W, H);
        frame_of(rc, &path, 1);
        assert_true(render_cached_image_bytes(rc) <= render_image_budget(rc));
    }
    /* The budget is used, not just one picture kept. */
    assert_int_equal(render_cached_image_bytes(rc),
                     render_image_budget(rc) / (W * H * 4) * W * H * 4);
    assert_int_equal(render_image_decodes(rc), COUNT);
    /* The latest pictures are still there: shown again, none is decoded again. */
    const char *last = picture("page", COUNT - 1, W, H);
    frame_of(rc, &last, 1);
    assert_int_equal(render_image_decodes(rc), COUNT);
    render_destroy(rc);
}

static void picture_larger_than_the_budget_shows_decoded_once(void **state) {
    (void)state;
    /* 2000x2000 is 16 MB decoded, 26 times the 320x240 window's budget. */
    RenderContext *rc = render_create(g_renderer, NULL);
    char small[3][128], huge[128];
    for (int i = 0; i < 3; i++)
        snprintf(small[i], sizeof small[i], "%s", picture("small", i, 64, 48));
    snprintf(huge, sizeof huge, "%s", picture("huge", 0, 2000, 2000));
    const char *page1 = small[0], *page2[] = {huge, small[1]}, *page3 = small[2];
    frame_of(rc, &page1, 1);
    for (int frame = 0; frame < 5; frame++) {
        frame_of(rc, page2, 2); /* the huge picture and a small one on one page */
        assert_int_equal(render_cached_image_bytes(rc), (size_t)2000 * 2000 * 4 + 64 * 48 * 4);
    }
    assert_int_equal(render_image_decodes(rc), 3);
    /* The next page: the huge picture is no longer shown, so it goes. */
    frame_of(rc, &page3, 1);
    assert_int_equal(render_cached_image_bytes(rc), 2 * 64 * 48 * 4);
    assert_int_equal(render_image_decodes(rc), 4);
    render_destroy(rc);
}

static void pictures_of_a_full_hd_page_are_decoded_once(void **state) {
    (void)state;
    /* 1920x1080: a page of four 960x540 pictures (8 MB) is drawn frame after frame
     * and turned back and forth with another: nothing is decoded again. */
    RenderContext *rc = render_create(g_big_renderer, NULL);
    const char *a[4], *b[4];
    char pa[4][128], pb[4][128];
    for (int i = 0; i < 4; i++) {
        snprintf(pa[i], sizeof pa[i], "%s", picture("hd-a", i, 960, 540));
        snprintf(pb[i], sizeof pb[i], "%s", picture("hd-b", i, 960, 540));
        a[i] = pa[i];
        b[i] = pb[i];
    }
    for (int frame = 0; frame < 10; frame++) frame_of(rc, frame % 4 < 2 ? a : b, 4);
    assert_int_equal(render_image_decodes(rc), 8);
    render_destroy(rc);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(picture_claiming_30000_by_30000_is_refused_without_decoding),
        cmocka_unit_test(real_picture_wider_than_the_limit_is_refused),
        cmocka_unit_test(picture_cut_short_or_damaged_is_refused),
        cmocka_unit_test(budgets_follow_the_output_size),
        cmocka_unit_test(pictures_past_the_budget_are_dropped_in_a_small_window),
        cmocka_unit_test(picture_larger_than_the_budget_shows_decoded_once),
        cmocka_unit_test(pictures_of_a_full_hd_page_are_decoded_once),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
