#!/usr/bin/env bash
# The AI lab's teach-the-machine, pixels and fair-data demos driven headless to known
# outcomes (lab-a.script: by keyboard, mouse drags and clicks at 800x480 in English;
# lab-a-rtl.script: in Arabic at 1920x1080), then the progress store must hold one
# xAPI "interacted" statement per demo left, with what the learner did.
#   run-lab-a.sh AILIT
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
run() { # run SCRIPT DATA SIZE LANG
  "$ailit" --courses "$here/fixtures/lab-a" --fonts "$here/../../fonts" --data-dir "$work/$2" \
    --size "$3" --lang "$4" --script "$here/$1"
}
# The demo summaries of the "interacted" statements in the store, one a line.
summaries() {
  python3 - "$1" <<'PY'
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for (st,) in db.execute("SELECT statement FROM events WHERE verb = 'interacted' ORDER BY seq"):
    ext = json.loads(st)["result"]["extensions"]
    demo = [v for k, v in ext.items() if k.endswith("/extensions/demo")][0]
    print(json.dumps(demo, separators=(",", ":")))
PY
}
check run lab-a.script en 800x480 en
summaries en/progress.db > en.txt
cat > want-en.txt <<'TXT'
{"examples_given":6,"examples":5,"guesses":3,"label_0":3,"label_1":2}
{"cells_changed":1,"brightness_moves":4,"brightness":0}
{"share":60,"shares":[80,70,60,50,60],"lowest_gap":0}
TXT
if diff -u want-en.txt en.txt; then echo "ok: one interacted statement per demo, with its summary"
else echo "FAILED: the interacted statements differ"; failed=1; fi
check run lab-a-rtl.script ar 1920x1080 ar
check test "$(summaries ar/progress.db | wc -l)" = 3
check grep -q '"examples_given":2' <(summaries ar/progress.db)
if [ -n "${AILIT_UI_SHOTS:-}" ]; then
  mkdir -p "$AILIT_UI_SHOTS" && cp ./*.png "$AILIT_UI_SHOTS"/
fi
exit $failed
