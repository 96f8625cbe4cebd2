#!/bin/sh
# The trainer report opened in a real browser (Debian's chromium, headless): for a
# scripted workshop, the report in English and in Arabic renders (the DOM holds its
# sections; Arabic right to left), holds no script, logs no console error and loads
# nothing, and prints on A4 with a page of its own for each of the 12 learners.
# Screenshots and PDFs stay in WORK_DIR for a person to look at.
#
#   check-report-browser.sh AILIT REPORT_WORKSHOP WORK_DIR SOURCE_DIR
# Exit 77 (skipped) when chromium is not installed.
set -u
ailit=$1 workshop=$2 work=$3 src=$4
if ! command -v chromium >/dev/null 2>&1; then
  echo "report browser: skipped: chromium is not installed (packaging/setup.sh installs it)"
  exit 77
fi
fails=0
fail() { echo "FAILED: $*"; fails=$((fails + 1)); }
rm -rf "$work" && mkdir -p "$work" || exit 1
"$workshop" "$work" >/dev/null || { echo "FAILED: the scripted workshop"; exit 1; }

# One headless Chromium run, with a profile of its own, no network and no updates.
browse() {
  profile=$(mktemp -d "$work/profile.XXXXXX")
  timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --disable-extensions \
    --user-data-dir="$profile" --enable-logging=stderr --v=0 "$@"
  rc=$?
  rm -rf "$profile"
  return $rc
}

# The page size of a PDF in points, "W x H", from pdfinfo or else its first MediaBox.
page_size() {
  if command -v pdfinfo >/dev/null 2>&1; then
    pdfinfo "$1" | sed -n 's/^Page size: *\([0-9.]*\) x \([0-9.]*\) pts.*/\1 x \2/p'
  else
    grep -a -o 'MediaBox *\[ *0 0 [0-9.]* [0-9.]*' "$1" | head -1 | awk '{print $5 " x " $6}'
  fi
}
page_count() {
  if command -v pdfinfo >/dev/null 2>&1; then
    pdfinfo "$1" | sed -n 's/^Pages: *//p'
  else
    grep -a -c '/Type */Page[^s]' "$1"
  fi
}

for lang in en ar; do
  html="$work/report-$lang.html"
  "$ailit" report --db "$work/trainer.db" --courses "$src/courses" --lang "$lang" --html "$html" \
    >"$work/out" 2>&1 || { fail "$lang: ailit report"; cat "$work/out"; continue; }
  grep -qi "<script" "$html" && fail "$lang: the page holds a script"
  grep -Eqi "(src|href)=\"(https?:)?//" "$html" && fail "$lang: the page loads something"

  browse --dump-dom "file://$html" >"$work/dom-$lang.html" 2>"$work/console-$lang.log" ||
    fail "$lang: chromium could not open the page"
  # Console messages of the page itself (Chromium's own start-up noise about D-Bus
  # and such is not the page's); a script error would be "Uncaught".
  if grep -E "CONSOLE|Uncaught|net::ERR_|Not allowed to load" "$work/console-$lang.log"; then
    fail "$lang: the browser's console has errors"
  fi
  for part in "<h1>" "<table" "<svg" 'class="learner"' 'class="flag"'; do
    grep -q -- "$part" "$work/dom-$lang.html" || fail "$lang: no $part in the rendered page"
  done
  [ "$(grep -o 'class="learner"' "$work/dom-$lang.html" | wc -l)" -eq 12 ] ||
    fail "$lang: not one summary per learner (12)"

  browse --print-to-pdf="$work/report-$lang.pdf" "file://$html" >/dev/null 2>&1 ||
    fail "$lang: chromium could not print the page"
  size=$(page_size "$work/report-$lang.pdf")
  case "$size" in
    59[45]*) ;;
    *) fail "$lang: the printed page is $size pt, not A4 (595 x 842)" ;;
  esac
  case "$size" in *" x 84"[12]*) ;; *) fail "$lang: the printed page is $size pt, not A4" ;; esac
  pages=$(page_count "$work/report-$lang.pdf")
  [ "${pages:-0}" -gt 12 ] || fail "$lang: $pages printed pages; a page per learner needs more than 12"

  browse --hide-scrollbars --window-size=1100,2600 --screenshot="$work/report-$lang.png" \
    "file://$html" >/dev/null 2>&1 || fail "$lang: no screenshot"
  [ -s "$work/report-$lang.png" ] || fail "$lang: an empty screenshot"
done
grep -q 'dir="rtl"' "$work/dom-ar.html" || fail "ar: the page is not right to left"
grep -q 'lang="ar"' "$work/dom-ar.html" || fail "ar: the page does not say it is Arabic"

if [ "$fails" -eq 0 ]; then echo "report browser: all checks passed ($work)"; else
  echo "report browser: $fails check(s) failed"; fi
[ "$fails" -eq 0 ]
