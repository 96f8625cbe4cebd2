/*
 * Media headers read without decoding: how big a picture is and whether a sound
 * file is one that SDL can play, before either is handed to a decoder.
 *
 * A pack comes from a USB stick and may be hostile or damaged. A 2.6 MB PNG can
 * say it is 30000x30000 pixels and make a decoder ask for gigabytes; a WAV header
 * can claim more samples than the file holds. So every file is judged by its own
 * header first: only its header and the framing around its data are read (a PNG's
 * chunk headers, a JPEG's segment headers, a WAV's chunk headers), each offset is
 * checked against the file's size before it is followed, and no count read from a
 * file sizes an allocation. Reading stays bounded by the file's size.
 */
#include "base/base.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Bytes to read from: an open file or a block of memory. */
typedef struct {
    FILE *f;
    const uint8_t *mem;
    uint64_t size;
} Source;

/* Copies n bytes at offset into buf; false when they are not all there. */
static bool src_read(const Source *s, uint64_t offset, void *buf, size_t n) {
    if (offset > s->size || n > s->size - offset) return false;
    if (s->mem) {
        memcpy(buf, s->mem + offset, n);
        return true;
    }
    if (offset > (uint64_t)INT64_MAX || fseeko(s->f, (off_t)offset, SEEK_SET) != 0) return false;
    return fread(buf, 1, n, s->f) == n;
}

static uint32_t be32(const uint8_t *p) {
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}
static uint16_t be16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }
static uint32_t le32(const uint8_t *p) {
    return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}
static uint16_t le16(const uint8_t *p) { return (uint16_t)(p[1] << 8 | p[0]); }

static AilResult damaged(AilError *err, const char *what) {
    return ail_error_set(err, AIL_ERR_CORRUPT,
                         "the file is damaged or cut short (%s); save it again", what);
}

/* ---- Pictures ---- */

static uint32_t crc32_of(const uint8_t *p, size_t n) {
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    }
    return c ^ 0xFFFFFFFFu;
}

static bool png_depth_valid(int colour, int depth) {
    switch (colour) {
    case 0: return depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16;
    case 3: return depth == 1 || depth == 2 || depth == 4 || depth == 8;
    case 2:
    case 4:
    case 6: return depth == 8 || depth == 16;
    default: return false;
    }
}

static AilResult check_image_limits(const AilMediaInfo *info, AilError *err) {
    if (info->width > AIL_IMAGE_MAX_SIDE || info->height > AIL_IMAGE_MAX_SIDE ||
        (int64_t)info->width * info->height > AIL_IMAGE_MAX_PIXELS)
        return ail_error_set(err, AIL_ERR_TOO_LARGE,
                             "the picture is %dx%d pixels, more than ailit shows (at most %d "
                             "pixels a side and %ld megapixels); make it smaller, e.g. 1600 "
                             "pixels wide",
                             info->width, info->height, AIL_IMAGE_MAX_SIDE,
                             AIL_IMAGE_MAX_PIXELS / 1000000);
    return AIL_OK;
}

/* PNG: the IHDR chunk (its CRC checked), then every chunk's length and type up to
 * IEND, so that a file cut short is found without inflating anything. */
static AilResult probe_png(const Source *s, AilMediaInfo *info, AilError *err) {
    uint8_t h[8 + 8 + 13 + 4];
    if (!src_read(s, 0, h, sizeof h)) return damaged(err, "no PNG header");
    if (be32(h + 8) != 13 || memcmp(h + 12, "IHDR", 4) != 0)
        return damaged(err, "the PNG header chunk is missing");
    if (crc32_of(h + 12, 17) != be32(h + 29)) return damaged(err, "the PNG header's checksum");
    uint32_t w = be32(h + 16), hh = be32(h + 20);
    if (w == 0 || hh == 0 || w > INT32_MAX || hh > INT32_MAX)
        return damaged(err, "the PNG header gives no valid size");
    if (!png_depth_valid(h[25], h[24]) || h[26] != 0 || h[27] != 0 || h[28] > 1)
        return damaged(err, "the PNG header's colour type or depth");
    info->width = (int)w;
    info->height = (int)hh;
    if (check_image_limits(info, err) != AIL_OK) return AIL_ERR_TOO_LARGE;
    bool image_data = false;
    for (uint64_t off = sizeof h, chunks = 0;; chunks++) {
        uint8_t c[8];
        if (chunks > 100000) return damaged(err, "the PNG has too many chunks");
        if (!src_read(s, off, c, sizeof c))
            return damaged(err, "the PNG ends before its last chunk");
        uint32_t len = be32(c);
        if (len > INT32_MAX) return damaged(err, "a PNG chunk's length");
        if (memcmp(c + 4, "IDAT", 4) == 0) image_data = true;
        if (len + 12ull > s->size - off) return damaged(err, "the PNG ends inside a chunk");
        if (memcmp(c + 4, "IEND", 4) == 0) break;
        off += len + 12ull;
    }
    if (!image_data) return damaged(err, "the PNG holds no image data");
    return AIL_OK;
}

/* True for the JPEG markers that carry no length (TEM, RST0..7). */
static bool jpeg_standalone(uint8_t m) { return m == 0x01 || (m >= 0xD0 && m <= 0xD7); }

/* Finds the next marker at or after *off (skipping fill bytes); false at the end or
 * when something other than a marker stands there. */
static bool jpeg_marker(const Source *s, uint64_t *off, uint8_t *marker) {
    uint8_t b;
    if (!src_read(s, *off, &b, 1) || b != 0xFF) return false;
    int fill = 0;
    do {
        if (fill++ > 64 || !src_read(s, ++*off, &b, 1)) return false;
    } while (b == 0xFF);
    *marker = b;
    (*off)++;
    return true;
}

/* True when the last bytes after from hold an EOI marker: a file cut short loses it.
 * (0xFF is always followed by 0x00 or a restart marker inside entropy-coded data.) */
static bool jpeg_has_end(const Source *s, uint64_t from) {
    uint8_t tail[4096];
    uint64_t start = s->size > sizeof tail ? s->size - sizeof tail : 0;
    if (start < from) start = from;
    size_t n = (size_t)(s->size - start);
    if (n < 2 || !src_read(s, start, tail, n)) return false;
    for (size_t i = n - 1; i > 0; i--)
        if (tail[i - 1] == 0xFF && tail[i] == 0xD9) return true;
    return false;
}

/* JPEG: walks the segments up to the first scan; the frame header (SOF) gives the
 * size. Baseline, extended and progressive frames are what SDL_image decodes. */
static AilResult probe_jpeg(const Source *s, AilMediaInfo *info, AilError *err) {
    uint64_t off = 2;
    bool frame = false;
    for (int segments = 0;; segments++) {
        uint8_t m;
        if (segments > 4096 || !jpeg_marker(s, &off, &m))
            return damaged(err, "the JPEG's segments do not follow each other");
        if (jpeg_standalone(m)) continue;
        if (m == 0xD8 || m == 0xD9) return damaged(err, "the JPEG ends before its picture");
        uint8_t lb[2];
        if (!src_read(s, off, lb, 2) || be16(lb) < 2 || be16(lb) > s->size - off)
            return damaged(err, "a JPEG segment runs past the end of the file");
        uint16_t len = be16(lb);
        bool sof = m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
        if (sof && !frame) {
            uint8_t f[6];
            if (len < 8 || !src_read(s, off + 2, f, sizeof f))
                return damaged(err, "the JPEG frame header");
            if (m > 0xC2)
                return ail_error_set(err, AIL_ERR_INVALID,
                                     "it is a kind of JPEG that ailit cannot show (lossless, "
                                     "hierarchical or arithmetic-coded); save it as an ordinary "
                                     "JPEG");
            info->height = be16(f + 1);
            info->width = be16(f + 3);
            if (info->width == 0 || info->height == 0 || f[5] == 0 || f[5] > 4)
                return damaged(err, "the JPEG frame header gives no valid size");
            if (check_image_limits(info, err) != AIL_OK) return AIL_ERR_TOO_LARGE;
            frame = true;
        }
        if (m == 0xDA) {
            if (!frame) return damaged(err, "the JPEG has no frame header");
            if (!jpeg_has_end(s, off + len))
                return damaged(err, "the JPEG's end marker is missing");
            return AIL_OK;
        }
        off += len;
    }
}

/* BMP: the file header and the DIB header; uncompressed pixel rows must all be in
 * the file. */
static AilResult probe_bmp(const Source *s, AilMediaInfo *info, AilError *err) {
    uint8_t h[14 + 40];
    memset(h, 0, sizeof h);
    if (!src_read(s, 0, h, 14 + 12)) return damaged(err, "no BMP header");
    uint32_t pixels_at = le32(h + 10), dib = le32(h + 14);
    int64_t w, hh;
    unsigned bpp, compression = 0;
    if (dib == 12) {
        w = le16(h + 18);
        hh = le16(h + 20);
        bpp = le16(h + 24);
    } else if (dib >= 40 && dib <= 124) {
        if (!src_read(s, 0, h, sizeof h)) return damaged(err, "the BMP header");
        w = (int32_t)le32(h + 18);
        hh = (int32_t)le32(h + 22);
        bpp = le16(h + 28);
        compression = le32(h + 30);
    } else
        return damaged(err, "an unknown kind of BMP header");
    if (hh < 0) hh = -hh; /* rows stored top-down */
    if (w <= 0 || hh <= 0 || w > INT32_MAX || hh > INT32_MAX)
        return damaged(err, "the BMP header gives no valid size");
    if (bpp != 1 && bpp != 4 && bpp != 8 && bpp != 16 && bpp != 24 && bpp != 32)
        return damaged(err, "the BMP's bits per pixel");
    if (compression > 3 || (compression == 1 && bpp != 8) || (compression == 2 && bpp != 4))
        return ail_error_set(err, AIL_ERR_INVALID,
                             "it is a kind of BMP that ailit cannot show; save it as a PNG");
    info->width = (int)w;
    info->height = (int)hh;
    if (check_image_limits(info, err) != AIL_OK) return AIL_ERR_TOO_LARGE;
    if (pixels_at < 14 + dib || pixels_at >= s->size)
        return damaged(err, "the BMP's pixel data is not in the file");
    if (compression == 0 || compression == 3) {
        uint64_t row = ((uint64_t)w * bpp + 31) / 32 * 4;
        if (row * (uint64_t)hh > s->size - pixels_at)
            return damaged(err, "the BMP holds fewer pixel rows than its header says");
    }
    return AIL_OK;
}

static AilResult probe_image(const Source *s, AilMediaInfo *info, AilError *err) {
    memset(info, 0, sizeof *info);
    uint8_t magic[8] = {0};
    size_t n = s->size < sizeof magic ? (size_t)s->size : sizeof magic;
    if (!src_read(s, 0, magic, n)) return ail_error_set(err, AIL_ERR_IO, "the file cannot be read");
    AilResult rc;
    if (n == 8 && memcmp(magic, "\x89PNG\r\n\x1a\n", 8) == 0) {
        info->format = AIL_MEDIA_PNG;
        rc = probe_png(s, info, err);
    } else if (n >= 3 && magic[0] == 0xFF && magic[1] == 0xD8 && magic[2] == 0xFF) {
        info->format = AIL_MEDIA_JPEG;
        rc = probe_jpeg(s, info, err);
    } else if (n >= 2 && magic[0] == 'B' && magic[1] == 'M') {
        info->format = AIL_MEDIA_BMP;
        rc = probe_bmp(s, info, err);
    } else
        return ail_error_set(err, AIL_ERR_INVALID,
                             "the file is not a PNG, JPEG or BMP picture (whatever its name "
                             "says); save it as a PNG");
    return rc;
}

/* ---- Sound ---- */

/* The GUID tail shared by the WAVE_FORMAT_EXTENSIBLE sub-formats. */
static const uint8_t WAV_GUID_TAIL[14] = {0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80,
                                          0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71};

/* Reads the fmt chunk at off (len bytes) into info; refuses what SDL cannot play or
 * what no sane recording has. */
static AilResult wav_format(const Source *s, uint64_t off, uint32_t len, AilMediaInfo *info,
                            AilError *err) {
    uint8_t f[40];
    memset(f, 0, sizeof f);
    if (len < 16 || !src_read(s, off, f, len < sizeof f ? len : sizeof f))
        return damaged(err, "the WAV format chunk");
    unsigned tag = le16(f);
    if (tag == 0xFFFE) { /* WAVE_FORMAT_EXTENSIBLE: the real tag is in the sub-format */
        if (len < 40 || memcmp(f + 26, WAV_GUID_TAIL, sizeof WAV_GUID_TAIL) != 0)
            return damaged(err, "the WAV format chunk");
        tag = le16(f + 24);
    }
    info->channels = le16(f + 2);
    info->sample_rate = (int)(le32(f + 4) > INT32_MAX ? 0 : le32(f + 4));
    info->bits_per_sample = le16(f + 14);
    unsigned block = le16(f + 12), bits = (unsigned)info->bits_per_sample;
    bool pcm = tag == 1 && (bits == 8 || bits == 16 || bits == 24 || bits == 32);
    bool flt = tag == 3 && bits == 32;
    if (!pcm && !flt)
        return ail_error_set(err, AIL_ERR_INVALID,
                             "the sound is compressed or in a form ailit cannot play; save it "
                             "as an uncompressed (PCM) WAV, 16-bit");
    if (info->channels < 1 || info->channels > AIL_AUDIO_MAX_CHANNELS)
        return ail_error_set(err, AIL_ERR_INVALID,
                             "the sound has %d channels; ailit plays mono or stereo WAV files",
                             info->channels);
    if (info->sample_rate < AIL_AUDIO_MIN_RATE || info->sample_rate > AIL_AUDIO_MAX_RATE)
        return ail_error_set(err, AIL_ERR_INVALID,
                             "the sound's sample rate (%d Hz) is outside %d..%d Hz; save it at "
                             "22050 or 44100 Hz",
                             info->sample_rate, AIL_AUDIO_MIN_RATE, AIL_AUDIO_MAX_RATE);
    if (block != (unsigned)info->channels * bits / 8)
        return damaged(err, "the WAV header's block size disagrees with its format");
    return AIL_OK;
}

/* WAV: RIFF/WAVE, then chunks up to "data"; "fmt " must come first. The data must
 * lie inside the file and stay within the length and size limits. */
static AilResult probe_wav(const Source *s, AilMediaInfo *info, AilError *err) {
    memset(info, 0, sizeof *info);
    uint8_t h[12];
    if (!src_read(s, 0, h, sizeof h) || memcmp(h, "RIFF", 4) != 0 || memcmp(h + 8, "WAVE", 4) != 0)
        return ail_error_set(err, AIL_ERR_INVALID,
                             "the file is not a WAV sound (whatever its name says); save it as "
                             "a WAV file");
    info->format = AIL_MEDIA_WAV;
    bool have_format = false;
    uint64_t off = 12;
    for (int chunks = 0; chunks < 256; chunks++) {
        uint8_t c[8];
        if (!src_read(s, off, c, sizeof c)) return damaged(err, "the WAV has no sound data");
        uint32_t len = le32(c + 4);
        off += 8;
        if (memcmp(c, "data", 4) == 0) {
            if (!have_format) return damaged(err, "the WAV's sound data comes before its format");
            if (len > s->size - off) return damaged(err, "the WAV holds less sound than it says");
            if (len == 0) return damaged(err, "the WAV holds no sound");
            info->data_bytes = len;
            uint64_t per_second = (uint64_t)info->sample_rate * (uint64_t)info->channels *
                                  (uint64_t)info->bits_per_sample / 8;
            info->seconds = (int)((len + per_second - 1) / per_second);
            if (len > AIL_AUDIO_MAX_BYTES || info->seconds > AIL_AUDIO_MAX_SECONDS)
                return ail_error_set(err, AIL_ERR_TOO_LARGE,
                                     "the sound lasts %d s in %u bytes, more than ailit plays (at "
                                     "most %d s and %d MB); split it or save it in mono at 22050 "
                                     "Hz",
                                     info->seconds, (unsigned)len, AIL_AUDIO_MAX_SECONDS,
                                     AIL_AUDIO_MAX_BYTES >> 20);
            return AIL_OK;
        }
        if (len > s->size - off) return damaged(err, "a WAV chunk runs past the end of the file");
        if (memcmp(c, "fmt ", 4) == 0) {
            if (have_format) return damaged(err, "the WAV has two format chunks");
            AilResult rc = wav_format(s, off, len, info, err);
            if (rc != AIL_OK) return rc;
            have_format = true;
        }
        off += len + (len & 1u); /* chunks are padded to an even length */
    }
    return damaged(err, "the WAV has too many chunks before its sound");
}

/* ---- Files and memory ---- */

typedef AilResult (*ProbeFn)(const Source *s, AilMediaInfo *info, AilError *err);

/* Opens path without blocking (a FIFO would hang a decoder) and only when it is a
 * regular file. */
static AilResult probe_path(const char *path, ProbeFn fn, AilMediaInfo *info, AilError *err) {
    memset(info, 0, sizeof *info);
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return ail_error_set(err, AIL_ERR_IO, "the file cannot be opened");
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return ail_error_set(err, AIL_ERR_IO, "it is not a regular file");
    }
    if (st.st_size > AIL_MEDIA_MAX_FILE_BYTES) {
        close(fd);
        return ail_error_set(err, AIL_ERR_TOO_LARGE,
                             "the file is %lld MB, more than ailit reads (%ld MB); make it smaller",
                             (long long)(st.st_size >> 20), AIL_MEDIA_MAX_FILE_BYTES >> 20);
    }
    Source s = {fdopen(fd, "rb"), NULL, (uint64_t)st.st_size};
    if (!s.f) {
        close(fd);
        return ail_error_set(err, AIL_ERR_IO, "the file cannot be read");
    }
    AilResult rc = fn(&s, info, err);
    fclose(s.f);
    return rc;
}

AilResult ail_media_probe_image(const char *path, AilMediaInfo *info, AilError *err) {
    return probe_path(path, probe_image, info, err);
}

AilResult ail_media_probe_wav(const char *path, AilMediaInfo *info, AilError *err) {
    return probe_path(path, probe_wav, info, err);
}

AilResult ail_media_probe_image_bytes(const void *data, size_t len, AilMediaInfo *info,
                                      AilError *err) {
    Source s = {NULL, data, len};
    return probe_image(&s, info, err);
}

AilResult ail_media_probe_wav_bytes(const void *data, size_t len, AilMediaInfo *info,
                                    AilError *err) {
    Source s = {NULL, data, len};
    return probe_wav(&s, info, err);
}
