#!/usr/bin/env bash
# Guessing the teacher PIN, and the way out for a teacher who forgot it. The app runs
# headless: a learner and a PIN are made, three wrong PINs are refused at once, the
# fourth starts a wait that the screen states and that a restart keeps; then
# `ailit teacher-pin --reset` (refused without a typed "yes", done with one) forgets
# the PIN and nothing else, and the teacher area asks for a new one.
#   run-teacher-pin.sh AILIT
set -u
ailit=$1
# shellcheck source=headless.sh
. "$(dirname "$0")/headless.sh"
lang=en
store_has() { cat data/progress.db data/progress.db-wal 2>/dev/null | grep -qaF -- "$1"; }
check run pin-wait-1.script
check run pin-wait-2.script
check store_has '$argon2id$'
# A typed answer other than "yes" changes nothing.
out=$(echo no | "$ailit" teacher-pin --reset --data-dir "$work/data" 2>&1); rc=$?
check test "$rc" = 1
check grep -qF "This forgets the teacher PIN kept in $work/data/progress.db" <<<"$out"
check grep -qF "Nothing was changed." <<<"$out"
check run pin-wait-2.script
out=$(echo yes | "$ailit" teacher-pin --reset --data-dir "$work/data" 2>&1); rc=$?
check test "$rc" = 0
check grep -qF "The teacher PIN is forgotten; learners and progress are kept." <<<"$out"
check run pin-wait-3.script
# Once more, told not to ask: there is a PIN again (chosen by pin-wait-3), then none.
check "$ailit" teacher-pin --reset --yes --data-dir "$work/data"
out=$("$ailit" teacher-pin --reset --yes --data-dir "$work/data" 2>&1)
check grep -qF "This device had no teacher PIN" <<<"$out"
if [ -n "${AILIT_UI_SHOTS:-}" ]; then
  mkdir -p "$AILIT_UI_SHOTS" && cp ./*.png "$AILIT_UI_SHOTS"/
fi
exit $failed
