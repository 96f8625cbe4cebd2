#!/usr/bin/env bash
# The AI lab's memory budget (issue: peak memory grows by at most 5 MB with all demos
# used once), measured side by side in one run: the app opening a demo page and
# quitting, against the same app driven through all six lab demos (the ui_lab_a and
# ui_lab_b scripts, one after the other in one process, screenshots left out).
# Prints peak RSS of each and the growth. Not run by ctest.
#   tests/bench/bench-lab-memory.sh build/ailit [WxH] [RUNS]
set -eu
ailit=$1 size=${2:-800x480} runs=${3:-3}
here=$(cd "$(dirname "$0")/../ui" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy
mkdir "$work/courses"
cp -r "$here/fixtures/lab-a/lab-a" "$here/fixtures/lab-b/lab-b" "$work/courses/"
cat >"$work/base.script" <<'SCRIPT'
click-id learner 0
type Lab
key enter
click-id pack 0
click-id lesson 0
expect-screen page
quit
SCRIPT
{ grep -v '^screenshot\|^quit' "$here/lab-a.script"
  echo "key escape"
  sed -n '/^click-id pack 0/,$p' "$here/lab-b.script" | sed 's/^click-id pack 0/click-id pack 1/' |
    grep -v '^screenshot'; } >"$work/all.script"
peak() { # peak SCRIPT: peak RSS in KB
  rm -rf "$work/data"
  /usr/bin/time -f '%M' -o "$work/rss" "$ailit" --courses "$work/courses" \
    --fonts "$here/../../fonts" --data-dir "$work/data" --size "$size" --lang en \
    --script "$1" >/dev/null 2>&1 || true
  tail -n 1 "$work/rss" # time(1) puts "Command exited with non-zero status" first
}
for i in $(seq "$runs"); do
  base=$(peak "$work/base.script") all=$(peak "$work/all.script")
  awk -v i="$i" -v s="$size" -v b="$base" -v a="$all" 'BEGIN { printf "run %s at %s: one demo page %d KB, all six demos %d KB, growth %.1f MB (budget 5 MB)\n", i, s, b, a, (a - b) / 1024 }'
done
