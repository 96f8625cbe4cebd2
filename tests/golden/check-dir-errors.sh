#!/usr/bin/env bash
# A folder that cannot be read to its end (readdir failing part way, as it does on
# armhf without large-file support) is an error that names the folder, in each of
# ailit's folder walks: never "0 course packs", a merge of fewer files, or a pack
# that passes because its media folder was read half way. And a folder in the
# courses folder that hides whether it is a pack (a loop of links) is named too.
#   check-dir-errors.sh AILIT READDIR_FAULT_LIBRARY
set -u
ailit=$1 fault=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fixtures=$(cd "$(dirname "$0")/../fixtures/packs" && pwd)
# shellcheck source=expect.sh
. "$(dirname "$0")/expect.sh"
failing_at() { # failing_at NAME COMMAND...: readdir fails on reaching NAME
  local name=$1; shift
  # The fault library goes before ASan's runtime in a sanitizer build: allowed here.
  AILIT_READDIR_FAIL=$name LD_PRELOAD=$fault ASAN_OPTIONS=verify_asan_link_order=0 "$@"
}

mkdir -p "$work/courses"
cp -r "$fixtures/good" "$work/courses/a-pack"
cp -r "$fixtures/good" "$work/courses/b-pack"
expect list-reads-all 0 "2 course packs" -- "$ailit" list --courses "$work/courses"
expect list-read-half-way 1 "cannot read the courses folder to its end: Value too large" -- \
  failing_at b-pack "$ailit" list --courses "$work/courses"
expect validate-folder-read-half-way 1 "cannot read the courses folder to its end" -- \
  failing_at b-pack "$ailit" validate "$work/courses"

cp "$fixtures/good/media/dot.png" "$work/courses/a-pack/media/unused.png"
expect validate-sees-unused-media 1 "no lesson uses this file" -- \
  "$ailit" validate --strict "$work/courses/a-pack"
expect validate-media-read-half-way 1 "cannot read this folder to its end to look for unused files" -- \
  failing_at unused.png "$ailit" validate --strict "$work/courses/a-pack"

mkdir "$work/sticks"
echo '{}' >"$work/sticks/ailit-progress-room4-2026-01-01.json"
expect merge-folder-read-half-way 1 "cannot read the folder $work/sticks to its end" -- \
  failing_at ailit-progress-room4-2026-01-01.json "$ailit" merge "$work/sticks" --db "$work/t.db"

ln -s loop "$work/courses/loop"
expect list-names-a-link-loop 1 "courses/loop/pack.json: cannot look for a pack here" -- \
  "$ailit" list --courses "$work/courses"
expect_summary
