#!/usr/bin/env bash
# Naming the laptop (teacher area): the app runs headless in English, then Arabic and
# Chinese at 800x480; each saved name is the one `ailit export` then puts in the
# progress file and in its name (ailit-progress-<name as ASCII>-<short id>-<time>.json).
#   run-device-name.sh AILIT
set -u
ailit=$1
# shellcheck source=headless.sh
. "$(dirname "$0")/headless.sh"
# The deployment config in the data folder sets the IRIs before the first statement.
mkdir -p data
printf '# this programme\nxapi_homepage = https://lrs.example.org/learner\nxapi_activity_base = https://example.org/xapi/\n' >data/ailit.conf
check run device-name-1.script --lang en
mkdir -p stick
# The name travels: in the file and in its name (the learner opened a lesson page,
# so there is a statement to export).
check "$ailit" export --data-dir "$work/data" --out stick
set -- stick/ailit-progress-room-4-laptop-7-????????-20??????T??????Z.json
check test -f "$1"
check grep -qF '"name":"Room 4, laptop 7"' "$1"
check grep -qF '"homePage":"https://lrs.example.org/learner"' "$1"
check grep -qF '"id":"https://example.org/xapi/activities/pack/' "$1"
# Once a statement is written, another config changes nothing and says so; a config
# with a mistake is named with its line and left out.
printf 'xapi_homepage = https://other.example.org/learner\n' >data/ailit.conf
check run device-name-2.script --lang ar 2>err.txt
cat err.txt
check grep -qF "this device's statements are written with https://lrs.example.org/learner" err.txt
check grep -qF "this device's statements are written with" data/ailit.log
# A name in Arabic letters: the file's name keeps its digit and the short id.
rm -f stick/*
check "$ailit" export --all --data-dir "$work/data" --out stick
set -- stick/ailit-progress-4-????????-20??????T??????Z.json
check test -f "$1"
check grep -qF '"name":"القاعة 4"' "$1"
check grep -qF '"homePage":"https://lrs.example.org/learner"' "$1"
printf 'xapi_homepage = lrs.example.org\n' >data/ailit.conf
"$ailit" --courses "$here/fixtures/courses" --fonts "$here/../../fonts" --data-dir "$work/data" \
  --size 800x480 --quit-after-first-frame 2>err.txt
check grep -qF "ailit.conf:1: xapi_homepage must be an address starting with https://" err.txt
if [ -n "${AILIT_UI_SHOTS:-}" ]; then
  mkdir -p "$AILIT_UI_SHOTS" && cp ./*.png "$AILIT_UI_SHOTS"/
fi
exit $failed
