#!/usr/bin/env bash
# Read aloud, headless (SDL's dummy audio plays in real time): on the bundled packs'
# first page in English, Arabic and Chinese the lit word moves, and Stop, a page turn
# and leaving for Settings stop the speech at once; on the test pack's quiz the word
# heard is lit inside the answers of each type and on the results; a pack's own
# recording gets Stop and a ring around its text, and stops with the page. Skipped (77) without eSpeak NG's
# voices (espeak-ng-data).
#   run-read-aloud.sh AILIT [SHOTS_DIR]
set -u
ailit=$1 shots=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
voices=no
for d in /usr/lib/*/espeak-ng-data /usr/share/espeak-ng-data; do [ -f "$d/phontab" ] && voices=yes; done
if [ $voices = no ]; then
  echo "skipped: eSpeak NG's voices (espeak-ng-data) are not installed"
  exit 77
fi
# shellcheck source=headless.sh
. "$(dirname "$0")/headless.sh"
courses=$here/../../courses # the bundled packs, unless a case names others
check run read-aloud-en.script --lang en
check run read-aloud-rtl.script --lang ar
courses=$here/fixtures/courses data=data-answers check run read-aloud-answers.script --lang en
# The test pack with a 3-second recording on its first page (its own is a short beep).
cp -r "$here/fixtures/courses" "$work/rec-courses"
{ # 8 kHz, 8-bit mono, 24000 samples of silence
  printf 'RIFF\xe4\x5d\x00\x00WAVEfmt \x10\x00\x00\x00\x01\x00\x01\x00'
  printf '\x40\x1f\x00\x00\x40\x1f\x00\x00\x01\x00\x08\x00data\xc0\x5d\x00\x00'
  head -c 24000 /dev/zero | tr '\0' '\200'
} > "$work/rec-courses/ui-check/media/beep.wav"
courses=$work/rec-courses data=data-rec check run read-aloud-recording.script --lang en
[ -n "$shots" ] && cp read-aloud-*.png "$shots"/ 2>/dev/null
exit $failed
