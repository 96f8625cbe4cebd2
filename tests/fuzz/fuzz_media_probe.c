/*
 * libFuzzer target for base's media probe: any bytes, judged as a picture and as a
 * WAV sound. The probe reads headers from files a hostile pack supplies; the
 * sanitizers catch a read out of bounds, and the checks below what it must never
 * say: a size over the limits, or sound data past the end of the input.
 *
 *   build/tests/fuzz/fuzz_media_probe -max_total_time=600 CORPUS tests/fuzz/media-corpus
 */
#include "base/base.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    AilMediaInfo info;
    AilError err;
    if (ail_media_probe_image_bytes(data, size, &info, &err) == AIL_OK &&
        (info.width <= 0 || info.height <= 0 || info.width > AIL_IMAGE_MAX_SIDE ||
         info.height > AIL_IMAGE_MAX_SIDE ||
         (long)info.width * info.height > AIL_IMAGE_MAX_PIXELS))
        abort();
    if (ail_media_probe_wav_bytes(data, size, &info, &err) == AIL_OK &&
        (info.data_bytes == 0 || info.data_bytes > size || info.channels < 1 ||
         info.channels > AIL_AUDIO_MAX_CHANNELS || info.sample_rate < AIL_AUDIO_MIN_RATE ||
         info.sample_rate > AIL_AUDIO_MAX_RATE || info.seconds > AIL_AUDIO_MAX_SECONDS))
        abort();
    return 0;
}
