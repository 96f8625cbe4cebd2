#!/usr/bin/env bash
# The app headless under random input (tests/ui/monkey.script) on the bundled courses,
# then inside the teacher area with a fake USB stick (tests/ui/monkey-teacher.script).
#   run-monkey.sh AILIT
set -u
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SDL_VIDEODRIVER=${SDL_VIDEODRIVER:-dummy} SDL_AUDIODRIVER=dummy
"$1" --courses "$here/../../courses" --fonts "$here/../../fonts" --data-dir "$work/data" \
  --size 800x480 --lang en --script "$here/monkey.script" || exit 1
mkdir -p "$work/usb/STICK"
cp -r "$here/fixtures/usb/class-pack" "$here/fixtures/usb/broken-pack" "$work/usb/STICK/"
AILIT_USB_ROOTS="$work/usb/*" "$1" --courses "$here/../../courses" --fonts "$here/../../fonts" \
  --data-dir "$work/teacher" --size 800x480 --lang en --script "$here/monkey-teacher.script"
