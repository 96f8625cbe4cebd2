#!/usr/bin/env bash
# File names cannot forge or hide a line of `ailit validate` or `ailit list`: a pack
# folder, a lesson file and a media file whose names hold a line feed followed by a
# fake "FILE:LINE:COL: error" line, an escape sequence and a byte that is not UTF-8
# are printed escaped (\n, \x1b, \xff), one problem a line. The odd names are made
# here, in a temporary folder, never committed.
#   check-names.sh AILIT FIXTURES_DIR
set -u
ailit=$1 fixtures=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
check() { if "$@"; then echo "ok: $*"; passed=$((passed + 1)); else echo "FAILED: $*"; failed=$((failed + 1)); fi; }

forged=$'fake.json:1:1: error: forged'
pack="$work/evil"$'\n'"$forged"$' \xff\e[31m'
cp -r "$fixtures/good" "$pack"
# An unused media file (a warning naming it) and a lesson file named in pack.json
# with a line feed (\u000a in JSON) that does not exist (an error quoting it).
: >"$pack/media/x"$'\n'"fake.json:2:2: error: forged"$'\xff'".png"
sed -i 's|"lessons/01.json"|"lessons/01.json", "lessons/02\\u000afake.json:3:3: error: forged.json"|' \
  "$pack/pack.json"
# A lesson whose own file name holds a line feed, with a problem inside it.
mkdir -p "$pack/lessons/sub"$'\n'"x"
sed -i 's|"lessons/01.json",|"lessons/01.json", "lessons/sub\\u000ax/03.json",|' "$pack/pack.json"
printf '{"id": 3}\n' >"$pack/lessons/sub"$'\n'"x/03.json"

out=$(cd "$work" && "$ailit" validate "${pack#"$work/"}" 2>/dev/null); rc=$?
printf '%s\n' "$out" >"$work/validate.txt"
check test "$rc" = 1
prefix='evil\nfake.json:1:1: error: forged \xff\x1b[31m/'
lines=$(wc -l <"$work/validate.txt")
check test "$lines" -ge 3
# Every line is one problem, starting with the pack's escaped name.
check test "$(grep -cvF -- "$prefix" "$work/validate.txt")" = 0
check test "$(grep -c '^fake' "$work/validate.txt")" = 0
check grep -qF -- "${prefix}media/x\\nfake.json:2:2: error: forged\\xff.png: warning:" "$work/validate.txt"
check grep -qF -- 'lessons/02\nfake.json:3:3: error: forged.json' "$work/validate.txt"
check grep -qF -- "${prefix}lessons/sub\\nx/03.json:1:" "$work/validate.txt"
# No control byte and no byte that is not UTF-8 reaches the terminal.
check test "$(LC_ALL=C grep -c $'[\x01-\x08\x0b-\x1f\x7f]' "$work/validate.txt")" = 0
check iconv -f UTF-8 -t UTF-8 "$work/validate.txt" -o /dev/null

# ailit list names the pack the same way.
out=$("$ailit" list --courses "$work" 2>/dev/null)
printf '%s\n' "$out" >"$work/list.txt"
check grep -qF -- 'evil\nfake.json:1:1: error: forged \xff\x1b[31m: cannot be used' "$work/list.txt"
check test "$(grep -c '^fake' "$work/list.txt")" = 0
check test "$(LC_ALL=C grep -c $'[\x01-\x08\x0b-\x1f\x7f]' "$work/list.txt")" = 0
check iconv -f UTF-8 -t UTF-8 "$work/list.txt" -o /dev/null
if [ "$failed" -ne 0 ]; then echo "validate printed:"; cat -A "$work/validate.txt"; echo "list printed:"; cat -A "$work/list.txt"; fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
