#!/usr/bin/env bash
# The USB bundle of a cross build (arm64 or armhf, packaging/toolchain-*.cmake) run on
# this machine in user-mode emulation: the bundle copied with no execute bit, then
# `sh start.sh` as on a Raspberry Pi (uname -m answers the ARM machine's name, and
# AILIT_USB_EMULATOR runs the ARM loader under qemu): --version, validate, list, a
# first frame (SDL's dummy driver) and read aloud from the stick's eSpeak voices.
# This machine has the target's libraries too (multiarch), so where the loader finds
# each library is checked: on the stick, or glibc's.
#
#   check-usb-bundle-arm.sh BUILD_DIR [--leave-out SONAME]
# Skipped (77) for a build that is not arm64 or armhf, or without qemu-user-static.
set -u
build=$(cd "$1" && pwd)
leave_out=
[ "${2:-}" = --leave-out ] && leave_out=${3:?--leave-out needs a SONAME}
here=$(cd "$(dirname "$0")" && pwd)
skip() { echo "skipped: $*"; exit 77; }
case "$(readelf -h "$build/ailit" 2>/dev/null | sed -n 's/^ *Machine: *//p')" in
  AArch64) arch=arm64 machine=aarch64 qemu=qemu-aarch64-static ;;
  ARM) arch=armhf machine=armv7l qemu=qemu-arm-static ;;
  *) skip "this build's ailit is not arm64 or armhf" ;;
esac
command -v "$qemu" >/dev/null || skip "$qemu is not installed (apt-get install qemu-user-static)"

bundle=$(sed -n 's/^AILIT_USB_BUNDLE_DIR:[A-Z]*=//p' "$build/CMakeCache.txt")
bundle=${bundle:-$build/usb-bundle/ailit}
if ! cmake --build "$build" --target usb-bundle >"$build/usb-bundle.log" 2>&1; then
  tail -20 "$build/usb-bundle.log"
  echo "FAILED: cmake --build $build --target usb-bundle"
  exit 1
fi
grep '^usb-bundle:' "$build/usb-bundle.log"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
stick="$work/stick/ailit"
mkdir -p "$work/stick" "$work/shim" "$work/run"
cp -R "$bundle" "$stick"
chmod -R a-x "$stick" && chmod -R a+X "$stick"
[ -n "$leave_out" ] && rm -v "$stick/$arch/lib/$leave_out"
# shellcheck disable=SC2016 # the shim's own "$1" and "$@"
printf '#!/bin/sh\n[ "$1" = -m ] && { echo %s; exit 0; }\nexec /bin/uname "$@"\n' "$machine" \
  >"$work/shim/uname"
chmod +x "$work/shim/uname"

passed=0 failed=0
check() { if "$@"; then echo "ok: $*"; passed=$((passed + 1)); else echo "FAILED: $*"; failed=$((failed + 1)); fi; }
start() { # start [VAR=VALUE...] ARGS...: sh start.sh as a teacher on the Pi would
  (cd "$work/run" && env -i PATH="$work/shim:/usr/bin:/bin" HOME="$work/home" LANG=C.UTF-8 \
    AILIT_USB_EMULATOR="$qemu" "$@")
}

start sh "$stick/start.sh" --version >"$work/version.out" 2>&1
check test $? -eq 0
check grep -q '^ailit [0-9]' "$work/version.out"
cat "$work/version.out"
packs=$(cd "$stick/courses" && for p in */pack.json; do printf '%s ' "$stick/courses/${p%/pack.json}"; done)
# shellcheck disable=SC2086 # one argument per pack
check start sh "$stick/start.sh" validate --strict $packs
start sh "$stick/start.sh" list >"$work/list.out" 2>&1
check grep -q "course packs in $stick/courses\$" "$work/list.out"

start SDL_VIDEODRIVER=dummy sh "$stick/start.sh" --on-stick --size 800x480 \
  --screenshot "$work/shot.png" >"$work/app.out" 2>&1
check test $? -eq 0
check test -s "$work/shot.png"
check test ! -s "$work/app.out"
cat "$work/app.out"
mkdir -p "$build/usb-bundle"
cp "$work/shot.png" "$build/usb-bundle/$arch-dummy.png" 2>/dev/null
# Where the loader finds each library (--list, as ldd would, without running ailit):
# on the stick, or glibc's own from this machine.
loader=$(sed -n "s/^ *$arch) echo \(.*\) ;;/\1/p" "$stick/start.sh")
"$qemu" "$loader" --library-path "$stick/$arch/lib" --list "$stick/$arch/bin/ailit" >"$work/list-libs" 2>&1
check test $? -eq 0
foreign=$(grep '=>' "$work/list-libs" | grep -v "=> $stick/$arch/lib/" |
  grep -vE '^\s*(libc|libm|libmvec|libpthread|libdl|librt|libresolv|libutil|libanl)\.so\.[0-9]+ =>' || true)
check test -z "$foreign"
[ -n "$foreign" ] && echo "not from the stick: $foreign"
echo "$(grep -c "=> $stick/$arch/lib/" "$work/list-libs") libraries from the stick"
check test -s "$stick/data/progress.db"

if [ "$arch" = armhf ]; then
  # Under qemu-arm on a 64-bit kernel, eSpeak NG finds no voice at all, the system's
  # own armhf eSpeak as much as the stick's (espeak_SetVoiceByName("en") gives
  # EE_NOT_FOUND), so read aloud cannot be told working or not here.
  echo "not run: read aloud (eSpeak NG under qemu-arm finds no voices, the system's own neither)"
else
  cp "$here/../ui/read-aloud-en.script" "$work/run/read-aloud.script"
  start SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy sh "$stick/start.sh" --data-dir "$work/speech" \
    --size 800x480 --lang en --script read-aloud.script >"$work/speech.out" 2>&1
  check test $? -eq 0
  grep -v '^$' "$work/speech.out" | head -5
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
