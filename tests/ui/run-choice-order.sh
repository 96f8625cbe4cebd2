#!/usr/bin/env bash
# Each learner sees a question's choices in an order of their own, the same when
# they come back; a "fixed_order" question keeps the pack's order for everyone;
# and the store records the chosen choice's id and the choices in the pack's order,
# whatever the screen showed. The app runs headless on the order-check fixture.
#   run-choice-order.sh AILIT UI_EVENTS
# Learner ids are random, so two learners see the same order of eight choices once
# in 40320 runs; the unit tests in tests/unit/test_quiz.c check the order itself.
set -u
ailit=$1 events=$2
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SDL_VIDEODRIVER=${SDL_VIDEODRIVER:-dummy} SDL_AUDIODRIVER=dummy
cd "$work"
run() {
  "$ailit" --courses "$here/fixtures/choice-order" --fonts "$here/../../fonts" \
    --data-dir "$work/data" --size 1920x1080 --lang en --script "$here/$1"
}
failed=0
check() { if "$@"; then echo "ok: $*"; else echo "FAILED: $*"; failed=1; fi; }
# The choice labels of a dump, top to bottom: "widget ID X,Y WxH[ focus] 'LABEL'".
shown() {
  grep -E "^widget [0-9a-f]+ [0-9-]+,[0-9-]+ [0-9]+x[0-9]+( focus)? '($2)'$" "$1" |
    sed -E "s/^widget [0-9a-f]+ [0-9-]+,([0-9-]+) [0-9]+x[0-9]+( focus)? '(.*)'$/\1 \3/" |
    sort -n | cut -d' ' -f2- | paste -sd, -
}
birds='Goat|Cow|Owl|Dog|Cat|Camel|Horse|Sheep'
data='A photo|A song|A page of text|All of the above'
check run order-1.script
check run order-2.script
check run order-3.script
amina=$(shown amina-1.txt "$birds") baraka=$(shown baraka-1.txt "$birds")
echo "Amina sees: $amina"
echo "Baraka sees: $baraka"
sorted() { tr , '\n' <<<"$1" | sort | paste -sd, -; }
check test "$(sorted "$amina")" = "Camel,Cat,Cow,Dog,Goat,Horse,Owl,Sheep"
check test "$(sorted "$baraka")" = "Camel,Cat,Cow,Dog,Goat,Horse,Owl,Sheep"
check test "$(shown amina-2.txt "$birds")" = "$amina"
check test "$amina" != "$baraka"
check test "$(shown amina-fixed.txt "$data")" = "A photo,A song,A page of text,All of the above"
check test "$(shown baraka-fixed.txt "$data")" = "A photo,A song,A page of text,All of the above"
"$events" --responses data/progress.db >responses.txt
if diff -u "$here/expected-choice-order.txt" responses.txt; then
  echo "ok: the store holds choice ids, and the choices in the pack's order"
else
  echo "FAILED: the responses differ from tests/ui/expected-choice-order.txt"
  failed=1
fi
if [ -n "${AILIT_UI_SHOTS:-}" ]; then
  mkdir -p "$AILIT_UI_SHOTS" && cp ./*.png "$AILIT_UI_SHOTS"/
fi
exit $failed
