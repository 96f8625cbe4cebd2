# Sourced by the tests that drive the app headless with scripts, after ailit=AILIT:
#   here      this folder (the scripts, fixtures/courses)
#   $work     a fresh folder, the current one, removed when the test exits
#   run SCRIPT [options...]
#             the app at 800x480 on $courses (default: the test pack), with its data in
#             $work/$data (default: data), in $lang when set, with the fonts of the tree
#   check CMD...
#             runs CMD and says ok or FAILED; $failed is 1 after any failure
# SDL's dummy video driver: a software framebuffer, no GL/EGL libraries (whose leaks at
# exit ASan would report), no display needed; dummy audio, no sound device.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SDL_VIDEODRIVER=${SDL_VIDEODRIVER:-dummy} SDL_AUDIODRIVER=dummy
cd "$work" || exit 1
run() {
  local script=$1; shift
  "$ailit" --courses "${courses:-$here/fixtures/courses}" --fonts "$here/../../fonts" \
    --data-dir "$work/${data:-data}" --size 800x480 ${lang:+--lang "$lang"} \
    --script "$here/$script" "$@"
}
failed=0
check() { if "$@"; then echo "ok: $*"; else echo "FAILED: $*"; failed=1; fi; }
