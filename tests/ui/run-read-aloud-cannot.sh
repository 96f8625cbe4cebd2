#!/usr/bin/env bash
# Read aloud when it cannot speak, through the app: no eSpeak NG data (an empty data
# folder), eSpeak's data without the Arabic voice, no sound device (an SDL audio
# driver that SDL does not have; also on a page with the pack's own recording), a
# driver with no device that opens (found only at Read aloud: opening a page does not
# open a device), and every synthesis failing (AILIT_SPEECH_FAULT=synth).
# Each time the screen says why in the learner's language (or keeps the button after
# a failed try), nothing crashes or blocks, and the lesson goes on. Skipped (77)
# without eSpeak NG's voices (espeak-ng-data), which the no-voice case copies.
#   run-read-aloud-cannot.sh AILIT [SHOTS_DIR]
set -u
ailit=$1 shots=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
data=
for d in /usr/lib/*/espeak-ng-data /usr/share/espeak-ng-data; do [ -f "$d/phontab" ] && data=$d; done
if [ -z "$data" ]; then
  echo "skipped: eSpeak NG's voices (espeak-ng-data) are not installed"
  exit 77
fi
work=$(mktemp -d)
# eSpeak's data with every file but the Arabic dictionary: copies (about 13 MB) on a
# tmpfs where there is one, since under qemu-user a 32-bit eSpeak cannot read the 64-bit
# directory offsets of ext4 (a Pi's own kernel gives it 32-bit ones) and links would
# lead it back there.
no_ar=$(mktemp -d -p /dev/shm 2>/dev/null || mktemp -d)
trap 'rm -rf "$work" "$no_ar"' EXIT
cd "$work"
mkdir -p empty "$no_ar/espeak-ng-data"
for f in "$data"/*; do
  [ "$(basename "$f")" = ar_dict ] || cp -R "$f" "$no_ar/espeak-ng-data/"
done
run() { # run NAME SCRIPT LANG [ENV=VALUE...]: the app, with a data folder of its own
  local name=$1 script=$2 lang=$3; shift 3
  env SDL_VIDEODRIVER=${SDL_VIDEODRIVER:-dummy} SDL_AUDIODRIVER=dummy "$@" \
    "$ailit" --courses "${courses:-$here/../../courses}" --fonts "$here/../../fonts" \
    --data-dir "$work/data-$name" --size 800x480 --lang "$lang" --script "$here/$script"
}
failed=0
check() { if "$@"; then echo "ok: $*"; else echo "FAILED: $*"; failed=1; fi; }
check run no-engine read-aloud-no-engine.script ar AILIT_ESPEAK_DATA="$work/empty"
check run no-voice read-aloud-no-voice.script en AILIT_ESPEAK_DATA="$no_ar"
check run no-audio read-aloud-no-audio.script zh-Hans SDL_AUDIODRIVER=no-such-driver
courses=$here/fixtures/courses check run no-audio-rec read-aloud-no-audio-recording.script en \
  SDL_AUDIODRIVER=no-such-driver
: > alsa-empty.conf # ALSA with no devices at all, whatever the machine has
check run no-device read-aloud-no-device.script en SDL_AUDIODRIVER=alsa \
  ALSA_CONFIG_PATH="$work/alsa-empty.conf"
check run synth-fails read-aloud-synth-fails.script en AILIT_SPEECH_FAULT=synth
[ -n "$shots" ] && cp read-aloud-*.png "$shots"/ 2>/dev/null
exit $failed
