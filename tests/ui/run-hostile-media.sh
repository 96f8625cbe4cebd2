#!/usr/bin/env bash
# Hostile pictures and sounds in the app, headless: a pack (fixtures/hostile-courses,
# written by fixtures/make-hostile-media.py) whose pictures claim 30000x30000, are
# 5000x3000 (a real picture, wider than ailit shows) or are cut short, and whose WAV
# claims 2 GB. The app must show each alt text, keep running, say on stderr why each
# file was refused, and never decode them; `ailit validate` (and so pack import)
# refuses the same pack.
#   run-hostile-media.sh AILIT
set -u
ailit=$1
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SDL_VIDEODRIVER=${SDL_VIDEODRIVER:-dummy} SDL_AUDIODRIVER=dummy
cd "$work"
failed=0
check() { if "$@"; then echo "ok: $*"; else echo "FAILED: $*"; failed=1; fi; }
run() { # run SCRIPT SIZE: a new progress store each time
  "$ailit" --courses "$here/fixtures/hostile-courses" --fonts "$here/../../fonts" \
    --data-dir "$work/data-$2" --size "$2" --lang en --script "$here/$1" 2>>stderr.txt
}
check run hostile-media.script 800x480
check run hostile-media-1080.script 1920x1080
cat stderr.txt
check grep -q 'not showing .*huge.png: the picture is 30000x30000 pixels' stderr.txt
check grep -q 'not showing .*wide.png: the picture is 5000x3000 pixels' stderr.txt
check grep -q 'not showing .*cut.png: the file is damaged or cut short' stderr.txt
check grep -q 'not playing .*cut.wav: the file is damaged or cut short' stderr.txt
check test "$(grep -c 'dot.png\|beep.wav' stderr.txt)" = 0
"$ailit" validate "$here/fixtures/hostile-courses/hostile-media" >validate.txt 2>&1
check test $? = 1
check test "$(grep -c ': error: ' validate.txt)" = 5
if [ -n "${AILIT_UI_SHOTS:-}" ]; then
  mkdir -p "$AILIT_UI_SHOTS" && cp ./*.png "$AILIT_UI_SHOTS"/
fi
exit $failed
