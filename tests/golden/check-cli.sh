#!/usr/bin/env bash
# The command line's promises: --version and --help answer and exit 0; usage
# mistakes exit 2 with a sentence on stderr; validate exits 0 / 1 / 2.
set -u
ailit=$1
# shellcheck source=expect.sh
. "$(dirname "$0")/expect.sh"
fixtures=$(cd "$(dirname "$0")/../fixtures/packs" && pwd)
expect version 0 "ailit " -- "$ailit" --version
expect help 0 "ailit validate" -- "$ailit" --help
expect unknown-command 2 "unknown command" -- "$ailit" frobnicate
expect validate-no-pack 2 "name at least one pack" -- "$ailit" validate
expect validate-bad-option 2 "unknown option" -- "$ailit" validate --frob x
expect validate-clean 0 "0 errors" -- "$ailit" validate "$fixtures/good"
expect validate-problems 1 "error:" -- "$ailit" validate "$fixtures/wrong-types"
expect validate-many-packs-reports-all 1 "3 packs" -- "$ailit" validate "$fixtures/good" "$fixtures/wrong-types" "$fixtures/missing-media"
expect validate-missing-folder 1 "cannot open this pack folder" -- "$ailit" validate "$fixtures/no-such-pack"
expect validate-a-file-not-a-folder 1 "name the pack's folder" -- "$ailit" validate "$fixtures/good/pack.json"
fixture_packs=$(find "$fixtures" -mindepth 2 -maxdepth 2 -name pack.json | wc -l)
expect validate-a-folder-of-packs 1 "ailit validate: $fixture_packs packs, " -- "$ailit" validate "$fixtures"
expect validate-skips-what-is-not-a-pack 0 "skipping" -- "$ailit" validate "$fixtures/good" "$fixtures/../make-fixtures.py"
expect validate-nothing-but-non-packs 2 "no course pack found" -- "$ailit" validate "$fixtures/../make-fixtures.py"
expect warnings-pass-without-strict 0 "warning:" -- "$ailit" validate "$fixtures/warnings"
expect warnings-fail-with-strict 1 "warning:" -- "$ailit" validate --strict "$fixtures/warnings"
expect help-names-teacher-pin 0 "ailit teacher-pin --reset" -- "$ailit" --help
expect teacher-pin-needs-reset 2 "--reset forgets the PIN" -- "$ailit" teacher-pin
expect teacher-pin-bad-option 2 "unknown option" -- "$ailit" teacher-pin --frob
expect teacher-pin-no-store 1 "no teacher PIN to forget" -- "$ailit" teacher-pin --reset --yes --data-dir "$fixtures/no-such-folder"
expect_summary
