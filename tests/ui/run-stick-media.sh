#!/usr/bin/env bash
# Exporting from the teacher area to a locked stick and to a full one: a sentence
# says what to do, nothing is marked as exported, and a good stick then gets every
# record. The sticks are tmpfs mounts, so this needs root (as CI runs); without it
# the test says why and exits 77, which ctest reports as skipped.
#   run-stick-media.sh AILIT UI_EVENTS
set -u
ailit=$1 events=$2
here=$(cd "$(dirname "$0")" && pwd)
if [ "$(id -u)" != 0 ]; then
  echo "skipped: exporting to a locked and a full stick needs tmpfs mounts, which need root"
  exit 77
fi
work=$(mktemp -d)
media=()
cleanup() { for m in "${media[@]}"; do umount "$m"; done; rm -rf "$work"; }
trap cleanup EXIT
export SDL_VIDEODRIVER=${SDL_VIDEODRIVER:-dummy} SDL_AUDIODRIVER=dummy
cd "$work"
mkdir -p media/LOCKED media/FULL media/OK
if ! mount -t tmpfs -o ro,size=64k tmpfs media/LOCKED 2>/dev/null; then
  echo "skipped: this system does not let root mount tmpfs here (a container without the right)"
  exit 77
fi
media+=("$work/media/LOCKED")
failed=0
check() { if "$@"; then echo "ok: $*"; else echo "FAILED: $*"; failed=1; fi; }
check mount -t tmpfs -o size=64k tmpfs media/FULL && media+=("$work/media/FULL")
dd if=/dev/zero of=media/FULL/filler bs=4k 2>/dev/null
run() { "$ailit" --courses "$here/fixtures/courses" --fonts "$here/../../fonts" \
  --data-dir "$work/crash" --size 800x480 --lang en --script "$here/$1"; }
# Some progress to export: the crash flows' learner and answers.
check run flow-crash-1.script
check run flow-crash-2.script
AILIT_USB_ROOTS="$work/media/*" check run flow-teacher-media.script
check test -z "$(ls media/LOCKED)"
check test "$(ls media/FULL)" = filler
# Nothing was marked as exported by the failures: the good stick got every record.
check test "$(grep -o '"verb"' media/OK/ailit-progress-*.json | wc -l)" = \
  "$("$events" crash/progress.db | wc -l)"
check test "$(grep -c Baraka media/OK/ailit-progress-*.json)" = 0
if [ -n "${AILIT_UI_SHOTS:-}" ]; then
  mkdir -p "$AILIT_UI_SHOTS" && cp ./*.png "$AILIT_UI_SHOTS"/ 2>/dev/null
fi
exit $failed
