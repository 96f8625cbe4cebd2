#!/bin/sh
# The emulator of ailit's armhf cross build (packaging/toolchain-armhf.cmake): runs
# an armhf program under qemu-arm-static, with eSpeak NG's voices read from a copy on
# tmpfs. Why: under qemu-user on a 64-bit machine, ext4 hands out 64-bit directory
# offsets (it sees a 64-bit process), and a 32-bit program built without large-file
# support, as Debian 12's armhf libespeak-ng is, gets EOVERFLOW from readdir and
# finds no voice. A Pi's kernel gives 32-bit programs 32-bit offsets; tmpfs gives
# small offsets to everyone.
#   qemu-armhf.sh PROGRAM [ARGS...]
src=/usr/lib/arm-linux-gnueabihf/espeak-ng-data
copy=/dev/shm/ailit-armhf-espeak-ng-data-$(id -u)
if [ -d "$src" ] && [ -d "$copy" ] && [ "$src/phontab" -nt "$copy/phontab" ]; then
  rm -rf "$copy" # espeak-ng-data:armhf was updated since the copy
fi
if [ -d "$src" ] && [ ! -d "$copy" ]; then
  # Made once; when two tests start at once, the first copy in place is kept.
  tmp=$(mktemp -d "$copy.XXXXXX") && cp -a "$src/." "$tmp/" && mv -T "$tmp" "$copy" 2>/dev/null
  rm -rf "$tmp"
fi
if [ -f "$copy/phontab" ]; then
  exec qemu-arm-static -L / -E ESPEAK_DATA_PATH="$copy" "$@"
fi
exec qemu-arm-static -L / "$@"
