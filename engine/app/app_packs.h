/*
 * USB sticks and the device's library of packs: finding the sticks mounted now, and
 * installing a pack from one into the library (validated, copied to a temporary
 * folder, validated again, then renamed into place).
 */
#ifndef AILIT_APP_PACKS_H
#define AILIT_APP_PACKS_H

#include "base/base.h"
#include "screens/screens.h"

/* Files bigger than this are not copied into the library (the pack is refused). */
#define APP_PACK_MAX_FILE (64L * 1024 * 1024)
/* Nor a pack bigger than this in all, or with more files or deeper folders. */
#define APP_PACK_MAX_TOTAL (512L * 1024 * 1024)
#define APP_PACK_MAX_FILES 20000
#define APP_PACK_MAX_DEPTH 16

/* The folders of the USB sticks mounted now, sorted: the folders matching the
 * colon-separated glob patterns in $AILIT_USB_ROOTS when it is set, else the mount
 * points under /media/<user>/, /run/media/<user>/ and /mnt/. *paths (each string and
 * the array) is the caller's to free(). */
AilResult app_usb_sticks(char ***paths, size_t *count, AilError *err);

/* Validates the pack in pack_dir and installs it as library/<pack id> (out->title in
 * lang), replacing an
 * earlier copy only once the new one is complete and valid. A pack with errors is
 * refused (AIL_ERR_INVALID) with out->problems and out->details filled, and nothing
 * is written. Symbolic links in the pack are never followed (a pack that needs one
 * is refused). */
/* The bundled packs' folder used when no --courses is named, in out:
 * <folder of this executable>/../share/ailit/courses when that folder exists (an
 * installed ailit, whatever its prefix: /usr, /usr/local, a DESTDIR), else "courses"
 * (a developer's build run from the source tree). */
void app_default_courses(char *out, size_t size);

AilResult app_pack_install(const char *pack_dir, const char *lang, const char *library,
                           SessionImport *out, AilError *err);

#endif
