#!/usr/bin/env bash
# The app headless under random input (tests/ui/monkey.script) on the bundled courses.
#   run-monkey.sh AILIT
set -u
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SDL_VIDEODRIVER=${SDL_VIDEODRIVER:-dummy} SDL_AUDIODRIVER=dummy
"$1" --courses "$here/../../courses" --fonts "$here/../../fonts" --data-dir "$work/data" \
  --size 800x480 --lang en --script "$here/monkey.script"
