#!/usr/bin/env bash
# A computer whose clock is wrong. The app runs headless; the script command
# `system-clock 0` makes the progress store take the system clock to read 1970 from
# then on (as a Raspberry Pi without a network starts), in this process only: no
# faketime, and the real clock is never touched.
#   clock-1 (English): a learner opens a lesson with the clock right, and the teacher
#   area says nothing; then the clock reads 1970: the teacher area says so, and the
#   lesson page opened next is still recorded. The file `ailit export` makes is dated
#   in order and `ailit merge` takes all of it.
#   clock-2 (Arabic, Chinese, a data folder each): the same note in the teacher's
#   language, with the teacher PIN chosen first.
#   run-clock.sh AILIT
set -u
ailit=$1
# shellcheck source=headless.sh
. "$(dirname "$0")/headless.sh"
# The note gives the dates on this computer's calendar: 1 January 1970 in UTC.
export TZ=UTC
check run clock-1.script --lang en
mkdir -p stick
check "$ailit" export --data-dir "$work/data" --out stick
set -- stick/ailit-progress-*.json
check test -f "$1"
# Three statements: the first page with the clock right, then (clock in 1970) the
# lesson resumed and its page again, none dated before the one logged before it.
times=$(grep -o '"timestamp":"[^"]*"' "$1")
echo "$times"
check test "$(wc -l <<<"$times")" = 3
check test "$(sort <<<"$times")" = "$times"
check test "$(grep -c 1970 <<<"$times")" = 0
out=$("$ailit" merge "$1" --db trainer.db 2>&1)
echo "$out"
check grep -qF ": 3 new, 0 duplicate, 0 conflicting" <<<"$out"
# Each language in a data folder of its own, so that the PIN is chosen anew.
in_lang() { # in_lang LANG EXPECTED-TEXT
  mkdir -p "$1" && sed "s/@EXPECT@/$2/" "$here/clock-2.script" >"$1/clock.script" &&
    (cd "$1" && "$ailit" --courses "$here/fixtures/courses" --fonts "$here/../../fonts" \
      --data-dir "$work/$1/data" --size 800x480 --script clock.script --lang "$1")
}
check in_lang ar "تشير ساعة هذا الحاسوب إلى 1 يناير 1970."
check in_lang zh-Hans "这台电脑的时钟显示的是1970年1月1日。"
if [ -n "${AILIT_UI_SHOTS:-}" ]; then
  mkdir -p "$AILIT_UI_SHOTS"
  cp ./*.png "$AILIT_UI_SHOTS"/
  for l in ar zh-Hans; do
    for f in "$l"/*.png; do cp "$f" "$AILIT_UI_SHOTS/$(basename "${f%.png}")-$l.png"; done
  done
fi
exit $failed
