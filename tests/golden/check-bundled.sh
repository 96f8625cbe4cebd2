#!/usr/bin/env bash
# Every bundled pack validates clean, warnings included, and stays under 5 MB so it
# copies quickly from a slow USB stick.
set -u
ailit=$1
courses=$2
passed=0 failed=0
for pack in "$courses"/*/; do
  [ -f "$pack/pack.json" ] || continue
  name=$(basename "$pack")
  out=$("$ailit" validate --strict "$pack" 2>&1)
  rc=$?
  size=$(du -sbL "$pack" | cut -f1)
  if [ $rc -ne 0 ]; then
    echo "FAILED $name: ailit validate --strict exited $rc"; echo "$out" | head -40
    failed=$((failed + 1))
  elif [ "$size" -ge $((5 * 1024 * 1024)) ]; then
    echo "FAILED $name: $size bytes, over the 5 MB a pack may take"
    failed=$((failed + 1))
  else
    echo "ok $name ($size bytes)"
    passed=$((passed + 1))
  fi
done
echo "$passed passed, $failed failed"
[ "$passed" -gt 0 ] && [ "$failed" -eq 0 ]
