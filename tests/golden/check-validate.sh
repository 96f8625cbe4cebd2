#!/usr/bin/env bash
# Golden test of `ailit validate`: for each fixture pack in FIXTURES_DIR, runs
# `ailit validate --strict CASE` from inside FIXTURES_DIR (so paths in the output are
# short and the same on every machine) and compares stdout plus the exit code with
# CASE.expected. UPDATE_GOLDEN=1 rewrites the .expected files instead.
set -u
ailit=$1
dir=$2
cd "$dir" || exit 2
passed=0 failed=0
for pack in */; do
  name=${pack%/}
  [ -f "$name/pack.json" ] || [ -f "$name.expected" ] || continue
  actual=$("$ailit" validate --strict "$name" 2>/dev/null; echo "exit: $?")
  if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
    printf '%s\n' "$actual" > "$name.expected"
  fi
  if [ ! -f "$name.expected" ]; then
    echo "MISSING $name.expected (run with UPDATE_GOLDEN=1 and review it)"
    failed=$((failed + 1))
  elif diff -u "$name.expected" <(printf '%s\n' "$actual") >/tmp/golden.$$.diff; then
    echo "ok $name"
    passed=$((passed + 1))
  else
    echo "FAILED $name:"
    cat /tmp/golden.$$.diff
    failed=$((failed + 1))
  fi
done
rm -f /tmp/golden.$$.diff
echo "$passed passed, $failed failed"
[ "$passed" -gt 0 ] && [ "$failed" -eq 0 ]
