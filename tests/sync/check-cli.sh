#!/bin/sh
# ailit export / merge / report from the command line, as a trainer types them:
# messages, exit codes (0 fine, 1 problems, 2 usage) and the files they leave.
#
#   check-cli.sh AILIT XAPI_SESSION WORK_DIR
set -u
ailit=$1 session=$2 work=$3
fails=0
check() { # check NAME EXPECTED_RC COMMAND... (output in $work/out)
  name=$1 want=$2; shift 2
  "$@" >"$work/out" 2>&1
  got=$?
  if [ "$got" -ne "$want" ]; then
    echo "FAILED: $name: exit $got, expected $want"; cat "$work/out"; fails=$((fails + 1))
  fi
}
has() { # has NAME TEXT: the last command's output contains TEXT
  if ! grep -q -- "$2" "$work/out"; then
    echo "FAILED: $1: no '$2' in:"; cat "$work/out"; fails=$((fails + 1))
  fi
}
rm -rf "$work" && mkdir -p "$work/data" "$work/first" "$work/stick" || exit 1
"$session" "$work/first" "$work/data" >/dev/null || { echo "FAILED: the scripted session"; exit 1; }

check "export" 0 "$ailit" export --data-dir "$work/data" --out "$work/stick"
has "export" "Wrote [0-9]* statements"
# How many the scripted session made (it grows with what a session records).
n=$(sed -n 's/^Wrote \([0-9]*\) statements.*/\1/p' "$work/out")
[ -n "$n" ] || n="(no count)"
check "export again" 0 "$ailit" export --data-dir "$work/data" --out "$work/stick"
has "export again" "Nothing new to export"
check "export --all --anonymous" 0 "$ailit" export --all --anonymous --data-dir "$work/data" --out "$work/stick"
has "export --all --anonymous" "without names"
check "export without a store" 1 "$ailit" export --data-dir "$work/nowhere" --out "$work/stick"
has "export without a store" "no progress has been saved"
check "export to a missing folder" 1 "$ailit" export --all --data-dir "$work/data" --out "$work/missing"
has "export to a missing folder" "Nothing was marked as exported"
check "export bad option" 2 "$ailit" export --bogus

set -- "$work"/stick/ailit-progress-*.json
[ $# -eq 2 ] || { echo "FAILED: expected 2 progress files, found $#"; fails=$((fails + 1)); }
check "merge" 0 "$ailit" merge "$@" --db "$work/trainer.db"
has "merge" "$n new, 0 duplicate, 0 conflicting"
has "merge" "0 new, $n duplicate, 0 conflicting"
check "merge again" 0 "$ailit" merge "$@" --db "$work/trainer.db"
has "merge again" "0 new, $n duplicate"
printf '{"format":"ailit-progress/1","statements":[' >"$work/cut.json"
check "merge a truncated file" 1 "$ailit" merge "$work/cut.json" "$1" --db "$work/trainer.db"
has "merge a truncated file" "cut.json: refused"
has "merge a truncated file" "1 of 2 files refused"
# Files that lie are refused whole, with their name and what is wrong; nothing of
# them is kept (the same statements merge as new afterwards).
sed 's/"scaled":[-0-9.e]*/"scaled":1e308/' "$1" >"$work/lie-score.json"
check "merge a file that lies about a score" 1 "$ailit" merge "$work/lie-score.json" --db "$work/fresh.db"
has "merge a file that lies about a score" "lie-score.json: refused: a statement's scaled score is not a number from -1 to 1"
has "merge a file that lies about a score" "no file was merged"
has "merge a file that lies about a score" "the file was changed, or made by another program; export it again on the device"
sed 's/"exported_at":"[^"]*"/"exported_at":"zzzz"/' "$1" >"$work/lie-time.json"
check "merge a file that lies about its time" 1 "$ailit" merge "$work/lie-time.json" --db "$work/fresh.db"
has "merge a file that lies about its time" "lie-time.json: refused: its \"exported_at\" is not a time as ailit writes it"
check "merge after the lies" 0 "$ailit" merge "$1" --db "$work/fresh.db"
has "merge after the lies" "$n new, 0 duplicate"
# A whole stick: every progress file in the folder and its folders, each reported,
# tagged with the workshop; the file names carry the laptop's name and short id.
case "$(basename "$1")" in
  ailit-progress-room-4-laptop-2-????????-20??????T??????Z*.json) ;;
  *) echo "FAILED: file name $(basename "$1")"; fails=$((fails + 1)) ;;
esac
mkdir -p "$work/stick/day-2" "$work/empty" && cp "$1" "$work/stick/day-2/"
check "merge a folder" 0 "$ailit" merge "$work/stick" --db "$work/folder.db" --workshop "Nairobi 2026-12"
has "merge a folder" "stick: 3 progress files"
has "merge a folder" "day-2/ailit-progress-.*: 0 new, $n duplicate, 0 conflicting, workshop \"Nairobi 2026-12\""
check "merge a folder again, another tag" 0 "$ailit" merge "$work/stick" --db "$work/folder.db" --workshop "Kisumu"
has "merge a folder again, another tag" "it keeps the workshop \"Nairobi 2026-12\""
check "merge an empty folder" 1 "$ailit" merge "$work/empty" --db "$work/folder.db"
has "merge an empty folder" "holds no progress files"
check "merge a bad workshop tag" 2 "$ailit" merge "$work/stick" --db "$work/folder.db" --workshop ""
check "merge without --db" 2 "$ailit" merge "$1"
check "merge into a learner's store" 1 "$ailit" merge "$1" --db "$work/data/progress.db"
has "merge into a learner's store" "not a trainer database"

check "report" 0 "$ailit" report --db "$work/trainer.db" --csv "$work/csv" --html "$work/report.html"
for f in lessons.csv learners_lessons.csv questions.csv misconceptions.csv; do
  [ -s "$work/csv/$f" ] || { echo "FAILED: report: no $work/csv/$f"; fails=$((fails + 1)); }
done
grep -q "<svg" "$work/report.html" || { echo "FAILED: report: no chart in the HTML"; fails=$((fails + 1)); }
grep -q "Amina" "$work/csv/learners_lessons.csv" || { echo "FAILED: report: names missing"; fails=$((fails + 1)); }
# Reports limited to a workshop, a laptop or days (UTC).
check "report of a workshop" 0 "$ailit" report --db "$work/folder.db" --workshop "Nairobi 2026-12" --csv "$work/csv-w"
has "report of a workshop" "Limited to workshop \"Nairobi 2026-12\""
grep -q "Amina" "$work/csv-w/learners_lessons.csv" || { echo "FAILED: workshop report: names missing"; fails=$((fails + 1)); }
check "report of a laptop" 0 "$ailit" report --db "$work/folder.db" --device "ROOM 4 LAPTOP 2" --csv "$work/csv-d"
has "report of a laptop" "Limited to device ROOM 4 LAPTOP 2"
today=$(date -u +%Y-%m-%d)
check "report of days" 0 "$ailit" report --db "$work/folder.db" --from 2001-01-01 --to "$today" --csv "$work/csv-t"
has "report of days" "Limited to 2001-01-01 to $today"
check "report of an unknown workshop" 1 "$ailit" report --db "$work/folder.db" --workshop "Mombasa" --csv "$work/csv-x"
has "report of an unknown workshop" "the tags there are: \"Nairobi 2026-12\""
check "report of an unknown laptop" 1 "$ailit" report --db "$work/folder.db" --device "Room 9" --csv "$work/csv-x"
has "report of an unknown laptop" "it holds: Room 4 laptop 2 ("
check "report of a malformed day" 2 "$ailit" report --db "$work/folder.db" --from 1/12/2026 --csv "$work/csv-x"
has "report of a malformed day" "YYYY-MM-DD"
# The page in the trainer's language; lessons and questions named by the installed
# packs (by ids and the statements' titles without them).
courses="$(cd "$(dirname "$0")/../.." && pwd)/courses"
check "report in French" 0 "$ailit" report --db "$work/trainer.db" --courses "$courses" --lang fr --html "$work/fr.html" --csv "$work/csv-fr"
for f in quizzes.csv pre_post.csv; do
  [ -s "$work/csv-fr/$f" ] || { echo "FAILED: report: no $f"; fails=$((fails + 1)); }
done
grep -q '<html lang="fr" dir="ltr">' "$work/fr.html" || { echo "FAILED: report in French: not a French page"; fails=$((fails + 1)); }
grep -q "Comment se passe une leçon" "$work/fr.html" || { echo "FAILED: report in French: no lesson title from the pack"; fails=$((fails + 1)); }
grep -q "Achèvement par leçon" "$work/fr.html" || { echo "FAILED: report in French: English headings"; fails=$((fails + 1)); }
check "report in Arabic" 0 "$ailit" report --db "$work/trainer.db" --courses "$courses" --lang ar --html "$work/ar.html"
grep -q '<html lang="ar" dir="rtl">' "$work/ar.html" || { echo "FAILED: report in Arabic: not right to left"; fails=$((fails + 1)); }
grep -q "كيف يسير الدرس" "$work/ar.html" || { echo "FAILED: report in Arabic: no lesson title from the pack"; fails=$((fails + 1)); }
mkdir -p "$work/no-packs"
check "report without packs" 0 "$ailit" report --db "$work/trainer.db" --courses "$work/no-packs" --html "$work/ids.html"
grep -q "first-steps: " "$work/ids.html" || { echo "FAILED: report without packs: lessons not by their pack's id"; fails=$((fails + 1)); }
check "report in an unknown language" 2 "$ailit" report --db "$work/trainer.db" --lang de --html "$work/x.html"
has "report in an unknown language" "no report in the language 'de'; use one of: en, fr, zh-Hans, ar, sw"
check "report with a missing courses folder" 1 "$ailit" report --db "$work/trainer.db" --courses "$work/nowhere" --html "$work/x.html"
has "report with a missing courses folder" "cannot open the courses folder"
check "report without output" 2 "$ailit" report --db "$work/trainer.db"
check "report of a missing database" 1 "$ailit" report --db "$work/none.db" --html "$work/x.html"
has "report of a missing database" "does not exist"

if [ "$fails" -eq 0 ]; then echo "sync cli: all checks passed"; else echo "sync cli: $fails check(s) failed"; fi
[ "$fails" -eq 0 ]
