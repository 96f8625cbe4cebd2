/* base/'s media probe: picture sizes and WAV headers read without decoding, and
 * what is refused before any decoder sees the file. Files are built here, byte by
 * byte: a "30000x30000" PNG is 70 bytes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/base.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- Building files ---- */

typedef struct {
    uint8_t data[8192];
    size_t len;
} Bytes;

static void put(Bytes *b, const void *p, size_t n) {
    assert_true(b->len + n <= sizeof b->data);
    memcpy(b->data + b->len, p, n);
    b->len += n;
}
static void put_be32(Bytes *b, uint32_t v) {
    uint8_t p[4] = {(uint8_t)(v >> 24), (uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v};
    put(b, p, 4);
}
static void put_be16(Bytes *b, unsigned v) {
    uint8_t p[2] = {(uint8_t)(v >> 8), (uint8_t)v};
    put(b, p, 2);
}
static void put_le32(Bytes *b, uint32_t v) {
    uint8_t p[4] = {(uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24)};
    put(b, p, 4);
}
static void put_le16(Bytes *b, unsigned v) {
    uint8_t p[2] = {(uint8_t)v, (uint8_t)(v >> 8)};
    put(b, p, 2);
}

static uint32_t crc32_of(const uint8_t *p, size_t n) {
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    }
    return c ^ 0xFFFFFFFFu;
}

static void png_chunk(Bytes *b, const char *type, const uint8_t *data, uint32_t len) {
    put_be32(b, len);
    size_t start = b->len;
    put(b, type, 4);
    if (len) put(b, data, len);
    put_be32(b, crc32_of(b->data + start, len + 4));
}

/* A PNG of width x height whose IDAT holds a few bytes: enough for a probe, which
 * never inflates it. */
static void png(Bytes *b, uint32_t width, uint32_t height) {
    b->len = 0;
    put(b, "\x89PNG\r\n\x1a\n", 8);
    uint8_t ihdr[13] = {0};
    for (int i = 0; i < 4; i++) {
        ihdr[i] = (uint8_t)(width >> (24 - 8 * i));
        ihdr[4 + i] = (uint8_t)(height >> (24 - 8 * i));
    }
    ihdr[8] = 8; /* depth */
    ihdr[9] = 2; /* RGB */
    png_chunk(b, "IHDR", ihdr, 13);
    static const uint8_t idat[] = {0x78, 0x9c, 0x63, 0x60, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01};
    png_chunk(b, "IDAT", idat, sizeof idat);
    png_chunk(b, "IEND", NULL, 0);
}

static void jpeg(Bytes *b, uint8_t sof, unsigned width, unsigned height, bool end) {
    b->len = 0;
    put(b, "\xFF\xD8", 2);
    put(b, "\xFF\xE0", 2); /* APP0 (JFIF) */
    put_be16(b, 16);
    put(b, "JFIF\0\x01\x01\0\0\x01\0\x01\0\0", 14);
    uint8_t m[2] = {0xFF, sof};
    put(b, m, 2);
    put_be16(b, 11); /* one component */
    put(b, "\x08", 1);
    put_be16(b, height);
    put_be16(b, width);
    put(b, "\x01\x01\x11\x00", 4);
    put(b, "\xFF\xDA", 2); /* SOS */
    put_be16(b, 8);
    put(b, "\x01\x01\x00\x00\x3F\x00", 6);
    put(b, "\x12\x34\xFF\x00\x56", 5); /* entropy-coded data, 0xFF stuffed */
    if (end) put(b, "\xFF\xD9", 2);
}

static void bmp(Bytes *b, int32_t width, int32_t height, unsigned rows_present) {
    b->len = 0;
    uint32_t row = ((uint32_t)width * 24 + 31) / 32 * 4;
    put(b, "BM", 2);
    put_le32(b, 54 + row * rows_present);
    put_le32(b, 0);
    put_le32(b, 54);
    put_le32(b, 40);
    put_le32(b, (uint32_t)width);
    put_le32(b, (uint32_t)height);
    put_le16(b, 1);
    put_le16(b, 24);
    for (int i = 0; i < 6; i++) put_le32(b, 0);
    for (unsigned r = 0; r < rows_present; r++)
        for (uint32_t k = 0; k < row; k++) put(b, "\x80", 1);
}

/* A WAV: tag (1 = PCM), channels, rate, bits; data_len claimed, data_have present. */
static void wav(Bytes *b, unsigned tag, unsigned channels, uint32_t rate, unsigned bits,
                uint32_t data_len, uint32_t data_have) {
    b->len = 0;
    put(b, "RIFF", 4);
    put_le32(b, 36 + data_len);
    put(b, "WAVEfmt ", 8);
    put_le32(b, 16);
    put_le16(b, tag);
    put_le16(b, channels);
    put_le32(b, rate);
    put_le32(b, rate * channels * bits / 8);
    put_le16(b, channels * bits / 8);
    put_le16(b, bits);
    put(b, "data", 4);
    put_le32(b, data_len);
    for (uint32_t i = 0; i < data_have; i++) put(b, "\x80", 1);
}

static AilResult image(const Bytes *b, AilMediaInfo *info) {
    return ail_media_probe_image_bytes(b->data, b->len, info, NULL);
}
static AilResult sound(const Bytes *b, AilMediaInfo *info) {
    return ail_media_probe_wav_bytes(b->data, b->len, info, NULL);
}

/* ---- Pictures ---- */

static void png_size_is_read_from_its_header(void **state) {
    (void)state;
    Bytes b;
    AilMediaInfo info;
    png(&b, 640, 480);
    assert_int_equal(image(&b, &info), AIL_OK);
    assert_int_equal(info.format, AIL_MEDIA_PNG);
    assert_int_equal(info.width, 640);
    assert_int_equal(info.height, 480);
}

static void png_of_30000_by_30000_is_refused_as_too_large(void **state) {
    (void)state;
    Bytes b;
    AilMediaInfo info;
    AilError err;
    png(&b, 30000, 30000);
    assert_int_equal(ail_media_probe_image_bytes(b.data, b.len, &info, &err), AIL_ERR_TOO_LARGE);
    assert_non_null(strstr(err.message, "30000x30000"));
    assert_non_null(strstr(err.message, "make it smaller"));
}

static void pictures_over_a_side_or_16_megapixels_are_refused(void **state) {
    (void)state;
    Bytes b;
    AilMediaInfo info;
    png(&b, 4096, 3900); /* 15.97 megapixels */
    assert_int_equal(image(&b, &info), AIL_OK);
    png(&b, 4096, 4096); /* 16.8 megapixels */
    assert_int_equal(image(&b, &info), AIL_ERR_TOO_LARGE);
    png(&b, 4097, 1);
    assert_int_equal(image(&b, &info), AIL_ERR_TOO_LARGE);
    png(&b, 1, 4097);
    assert_int_equal(image(&b, &info), AIL_ERR_TOO_LARGE);
}

static void png_cut_short_or_damaged_is_refused(void **state) {
    (void)state;
    Bytes b;
    AilMediaInfo info;
    png(&b, 4, 4);
    size_t whole = b.len;
    b.len = whole - 12; /* no IEND */
    assert_int_equal(image(&b, &info), AIL_ERR_CORRUPT);
    b.len = whole - 15; /* inside IDAT */
    assert_int_equal(image(&b, &info), AIL_ERR_CORRUPT);
    b.len = 20; /* inside IHDR */
    assert_int_equal(image(&b, &info), AIL_ERR_CORRUPT);
    b.len = whole;
    b.data[17] ^= 1; /* the width, so IHDR's checksum fails */
    assert_int_equal(image(&b, &info), AIL_ERR_CORRUPT);
    png(&b, 0, 4);
    assert_int_equal(image(&b, &info), AIL_ERR_CORRUPT);
}

static void png_chunk_length_past_the_end_is_refused(void **state) {
    (void)state;
    Bytes b;
    AilMediaInfo info;
    png(&b, 4, 4);
    b.data[33] = 0x7F; /* IDAT's length: 2 GB */
    assert_int_equal(image(&b, &info), AIL_ERR_CORRUPT);
}

static void jpeg_size_is_read_from_its_frame_header(void **state) {
    (void)state;
    Bytes b;
    AilMediaInfo info;
    jpeg(&b, 0xC0, 320, 200, true);
    assert_int_equal(image(&b, &info), AIL_OK);
    assert_int_equal(info.format, AIL_MEDIA_JPEG);
    assert_int_equal(info.width, 320);
    assert_int_equal(info.height, 200);
    jpeg(&b, 0xC2, 100, 50, true); /* progressive */
    assert_int_equal(image(&b, &info), AIL_OK);
}

static void jpeg_too_large_cut_short_or_unusual_is_refused(void **state) {
    (void)state;
    Bytes b;
    AilMediaInfo info;
    jpeg(&b, 0xC0, 30000, 30000, true);
    assert_int_equal(image(&b, &info), AIL_ERR_TOO_LARGE);
    jpeg(&b, 0xC0, 320, 200, false); /* no EOI: cut short */
    assert_int_equal(image(&b, &info), AIL_ERR_CORRUPT);
    jpeg(&b, 0xC3, 320, 200, true); /* lossless */
    assert_int_equal(image(&b, &info), AIL_ERR_INVALID);
    jpeg(&b, 0xC0, 320, 0, true); /* height from a DNL marker */
    assert_int_equal(image(&b, &info), AIL_ERR_CORRUPT);
    jpeg(&b, 0xC0, 320, 200, true);
    b.len = 12; /* inside APP0 */
    assert_int_equal(image(&b, &info), AIL_ERR_CORRUPT);
}

static void bmp_size_is_read_and_missing_rows_refused(void **state) {
    (void)state;
    Bytes b;
    AilMediaInfo info;
    bmp(&b, 4, 4, 4);
    assert_int_equal(image(&b, &info), AIL_OK);
    assert_int_equal(info.format, AIL_MEDIA_BMP);
    assert_int_equal(info.width, 4);
    bmp(&b, 4, -4, 4); /* top-down rows */
    assert_int_equal(image(&b, &info), AIL_OK);
    assert_int_equal(info.height, 4);
    bmp(&b, 4, 4, 3);
    assert_int_equal(image(&b, &info), AIL_ERR_CORRUPT);
    bmp(&b, 30000, 30000, 0);
    assert_int_equal(image(&b, &info), AIL_ERR_TOO_LARGE);
    bmp(&b, 4, INT32_MIN, 4);
    assert_int_equal(image(&b, &info), AIL_ERR_CORRUPT);
}

static void other_files_are_not_pictures(void **state) {
    (void)state;
    AilMediaInfo info;
    assert_int_equal(ail_media_probe_image_bytes("GIF89a....", 10, &info, NULL), AIL_ERR_INVALID);
    assert_int_equal(ail_media_probe_image_bytes("", 0, &info, NULL), AIL_ERR_INVALID);
}

/* ---- Sound ---- */

static void wav_facts_are_read_from_its_header(void **state) {
    (void)state;
    Bytes b;
    AilMediaInfo info;
    wav(&b, 1, 1, 8000, 8, 800, 800);
    assert_int_equal(sound(&b, &info), AIL_OK);
    assert_int_equal(info.format, AIL_MEDIA_WAV);
    assert_int_equal(info.channels, 1);
    assert_int_equal(info.sample_rate, 8000);
    assert_int_equal(info.data_bytes, 800);
    assert_int_equal(info.seconds, 1);
}

static void wav_with_data_beyond_the_file_is_refused(void **state) {
    (void)state;
    Bytes b;
    AilMediaInfo info;
    wav(&b, 1, 1, 8000, 8, 0x7FFFFFF0u, 100);
    assert_int_equal(sound(&b, &info), AIL_ERR_CORRUPT);
    wav(&b, 1, 1, 8000, 8, 0, 0);
    assert_int_equal(sound(&b, &info), AIL_ERR_CORRUPT);
}

static void wav_with_absurd_format_is_refused(void **state) {
    (void)state;
    Bytes b;
    AilMediaInfo info;
    wav(&b, 1, 0, 8000, 8, 100, 100); /* no channels */
    assert_int_equal(sound(&b, &info), AIL_ERR_INVALID);
    wav(&b, 1, 6, 8000, 8, 120, 120);
    assert_int_equal(sound(&b, &info), AIL_ERR_INVALID);
    wav(&b, 1, 1, 4000, 8, 100, 100);
    assert_int_equal(sound(&b, &info), AIL_ERR_INVALID);
    wav(&b, 1, 1, 384000, 8, 100, 100);
    assert_int_equal(sound(&b, &info), AIL_ERR_INVALID);
    wav(&b, 2, 1, 8000, 4, 100, 100); /* MS ADPCM */
    assert_int_equal(sound(&b, &info), AIL_ERR_INVALID);
    wav(&b, 1, 1, 8000, 12, 100, 100);
    assert_int_equal(sound(&b, &info), AIL_ERR_INVALID);
    wav(&b, 3, 2, 48000, 32, 800, 800); /* float: fine */
    assert_int_equal(sound(&b, &info), AIL_OK);
    memcpy(b.data + 8, "AVI ", 4);
    assert_int_equal(sound(&b, &info), AIL_ERR_INVALID);
}

static void wav_longer_than_the_limit_is_refused(void **state) {
    (void)state;
    /* 8000 Hz, 8-bit mono: one byte a sample, so the limit plus one second. */
    size_t seconds = AIL_AUDIO_MAX_SECONDS + 1, len = 44 + seconds * 8000;
    uint8_t *data = calloc(1, len);
    assert_non_null(data);
    Bytes b;
    wav(&b, 1, 1, 8000, 8, (uint32_t)(seconds * 8000), 0);
    memcpy(data, b.data, b.len);
    AilMediaInfo info;
    AilError err;
    assert_int_equal(ail_media_probe_wav_bytes(data, len, &info, &err), AIL_ERR_TOO_LARGE);
    assert_non_null(strstr(err.message, "601 s"));
    free(data);
}

static void wav_with_format_after_data_or_odd_chunks(void **state) {
    (void)state;
    Bytes b;
    AilMediaInfo info;
    b.len = 0;
    put(&b, "RIFF\0\0\0\0WAVE", 12);
    put(&b, "LIST", 4); /* an odd-sized chunk, padded to even */
    put_le32(&b, 3);
    put(&b, "abc\0", 4);
    Bytes w;
    wav(&w, 1, 1, 8000, 8, 10, 10);
    put(&b, w.data + 12, w.len - 12);
    assert_int_equal(sound(&b, &info), AIL_OK);
    b.len = 0;
    put(&b, "RIFF\0\0\0\0WAVEdata\x02\0\0\0\x80\x80", 18);
    assert_int_equal(sound(&b, &info), AIL_ERR_CORRUPT);
}

/* ---- Files ---- */

static void probes_read_files_and_refuse_folders(void **state) {
    (void)state;
    char dir[] = "/tmp/ailit-probe-XXXXXX", path[64];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/huge.png", dir);
    Bytes b;
    png(&b, 30000, 30000);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(b.data, 1, b.len, f), b.len);
    fclose(f);
    AilMediaInfo info;
    assert_int_equal(ail_media_probe_image(path, &info, NULL), AIL_ERR_TOO_LARGE);
    assert_int_equal(info.width, 30000);
    assert_int_equal(ail_media_probe_image(dir, &info, NULL), AIL_ERR_IO);
    assert_int_equal(ail_media_probe_wav(path, &info, NULL), AIL_ERR_INVALID);
    unlink(path);
    assert_int_equal(ail_media_probe_image(path, &info, NULL), AIL_ERR_IO);
    rmdir(dir);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(png_size_is_read_from_its_header),
        cmocka_unit_test(png_of_30000_by_30000_is_refused_as_too_large),
        cmocka_unit_test(pictures_over_a_side_or_16_megapixels_are_refused),
        cmocka_unit_test(png_cut_short_or_damaged_is_refused),
        cmocka_unit_test(png_chunk_length_past_the_end_is_refused),
        cmocka_unit_test(jpeg_size_is_read_from_its_frame_header),
        cmocka_unit_test(jpeg_too_large_cut_short_or_unusual_is_refused),
        cmocka_unit_test(bmp_size_is_read_and_missing_rows_refused),
        cmocka_unit_test(other_files_are_not_pictures),
        cmocka_unit_test(wav_facts_are_read_from_its_header),
        cmocka_unit_test(wav_with_data_beyond_the_file_is_refused),
        cmocka_unit_test(wav_with_absurd_format_is_refused),
        cmocka_unit_test(wav_longer_than_the_limit_is_refused),
        cmocka_unit_test(wav_with_format_after_data_or_odd_chunks),
        cmocka_unit_test(probes_read_files_and_refuse_folders),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
