#!/usr/bin/env bash
# An installed ailit, started with no --courses from any working directory, uses the
# packs installed beside it (<prefix>/share/ailit/courses), whatever the prefix.
#   check-installed-courses.sh BUILD_DIR
set -u
build=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
run=${AILIT_EMULATOR:-} # a cross build's programs run under its emulator
check() { if "$@"; then echo "ok: $*"; passed=$((passed + 1)); else echo "FAILED: $*"; failed=$((failed + 1)); fi; }

prefix="$work/prefix"
cmake --install "$build" --prefix "$prefix" >/dev/null
mkdir "$work/elsewhere" && cd "$work/elsewhere" # no courses/ here

$run "$prefix/bin/ailit" list >"$work/list.out" 2>&1
check test $? -eq 0
check grep -q "^[3-9] course packs in $prefix/share/ailit/courses\$" "$work/list.out"
check grep -q "^ai-basics " "$work/list.out"

$run "$prefix/bin/ailit" validate "$prefix/share/ailit/courses" 2>"$work/validate.err" >/dev/null
check test $? -eq 0

SDL_VIDEODRIVER=dummy $run "$prefix/bin/ailit" --data-dir "$work/data" --size 800x480 \
  --screenshot "$work/shot.png" 2>"$work/app.err"
check test $? -eq 0
check test -s "$work/shot.png"
check test ! -s "$work/app.err" # no "cannot open the courses folder", no font error
cat "$work/app.err"
SDL_VIDEODRIVER=dummy $run "$prefix/bin/ailit" --data-dir "$work/data" --size 800x480 \
  --script "$(dirname "$0")/installed-library.script"
check test $? -eq 0 # a new learner's library lists the installed packs
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
