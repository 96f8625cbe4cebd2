#!/usr/bin/env bash
# The AI lab's grouping, reward and decision-tree demos driven headless to known
# outcomes (lab-b.script: mouse, touch and keyboard at 800x480 in English;
# lab-b-world.script: Arabic, mirrored, and Chinese at 1920x1080 and 800x480), then
# the progress store must hold one xAPI "interacted" statement per demo left, with
# what the learner did: three groups of eight mangoes found in 4 steps; the goat's
# arrows reaching the grass after 101 tries; a tree sorting 8 of 8 with 2 questions.
#   run-lab-b.sh AILIT     (AILIT_UI_SHOTS=DIR keeps the screenshots)
set -u
ailit=$1
here=$(cd "$(dirname "$0")" && pwd)
if ! python3 -c 'import sqlite3' 2>/dev/null; then
  echo "python3 with its sqlite3 module is needed to read the statements; skipped"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SDL_VIDEODRIVER=${SDL_VIDEODRIVER:-dummy} SDL_AUDIODRIVER=dummy
cd "$work"
failed=0
check() { if "$@"; then echo "ok: $*"; else echo "FAILED: $*"; failed=1; fi; }
run() { # run SCRIPT LANG
  mkdir -p "$work/$2" && (cd "$work/$2" &&
    "$ailit" --courses "$here/fixtures/lab-b" --fonts "$here/../../fonts" --data-dir "$work/$2/data" \
      --size 800x480 --lang "$2" --script "$here/$1")
}
# The demo and its summary of each "interacted" statement in the store, one a line.
summaries() {
  python3 - "$1" <<'PY'
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for (st,) in db.execute("SELECT statement FROM events WHERE verb = 'interacted' ORDER BY seq"):
    s = json.loads(st)
    ext = s["result"]["extensions"]
    demo = [v for k, v in ext.items() if k.endswith("/extensions/demo")][0]
    pack = [v for k, v in s["context"]["extensions"].items() if k.endswith("/extensions/pack")][0]
    page = s["object"]["id"].rsplit("/page/", 1)[1]
    print(pack["demo"], page, json.dumps(demo, separators=(",", ":")))
PY
}
check run lab-b.script en
summaries en/data/progress.db > en.txt
cat > want-en.txt <<'TXT'
grouping 1 {"k":3,"steps":4,"converged":true,"restarts":2,"sizes":[8,8,8]}
reward 2 {"tries":101,"last_points":0,"reaches_grass":true,"restarts":0}
decision-tree 3 {"questions":2,"right":8,"computer":false}
TXT
if diff -u want-en.txt en.txt; then echo "ok: one interacted statement per demo, with its summary"
else echo "FAILED: the interacted statements differ"; failed=1; fi
for lang in ar zh-Hans; do
  check run lab-b-world.script "$lang"
  summaries "$lang/data/progress.db" > "$lang.txt"
  check test "$(wc -l < "$lang.txt")" = 3
  check grep -q '^grouping 1 {"k":3,"steps":4,"converged":true' "$lang.txt"
  check grep -q '^reward 2 {"tries":110,.*"reaches_grass":true' "$lang.txt"
  check grep -q '^decision-tree 3 {"questions":2,"right":8' "$lang.txt"
done
if [ -n "${AILIT_UI_SHOTS:-}" ]; then
  mkdir -p "$AILIT_UI_SHOTS"
  for d in en ar zh-Hans; do for f in "$d"/*.png; do cp "$f" "$AILIT_UI_SHOTS/$d-${f##*/}"; done; done
fi
exit $failed
