#!/usr/bin/env bash
# The amd64 USB bundle (target usb-bundle) run in a clean minimal Debian 12
# (debootstrap --variant=minbase bookworm) that has none of ailit's packages: no SDL,
# no X11 libraries, no eSpeak, no fonts. The bundle is copied to /media/stick/ailit
# with every execute bit removed, as on a FAT stick, and run as a teacher would:
#   sh start.sh --version, validate, list; push (the stick's ailit-push and libcurl); a
#   first frame (SDL's dummy video driver);
#   a new learner with --on-stick (progress in the stick's data/); read aloud (eSpeak's
#   voices from the stick); a window on an X server (Xvfb outside the root, its socket
#   bind-mounted in) drawn through the stick's X11 libraries; a stick mounted noexec;
#   a stick for another architecture, and one with a library left out: clear refusals.
#
#   check-usb-bundle.sh BUILD_DIR [release|not-for-release] [--leave-out SONAME]
# --leave-out deletes one library from the copy first: the test must then fail.
# Needs root (chroot, mounts) and the minimal root, which is made once with debootstrap
# from a Debian mirror into BUILD_DIR/debian-root/base (the same cache the .deb test
# uses); without either it says why and exits 77. Screenshots are kept in
# BUILD_DIR/usb-bundle/ for a person to look at.
set -u
build=$(cd "$1" && pwd)
kind=${2:-release}
leave_out=
[ "${3:-}" = --leave-out ] && leave_out=${4:?--leave-out needs a SONAME}
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=debian-root.sh
. "$here/debian-root.sh"
[ "$kind" = release ] || skip "USB bundles are made from the plain hardened build, not this one"
[ "$(id -u)" -eq 0 ] || skip "running the bundle in a clean Debian root needs root (chroot)"
[ "$(uname -m)" = x86_64 ] || skip "the clean root is amd64; this machine is $(uname -m)"

bundle=$(sed -n 's/^AILIT_USB_BUNDLE_DIR:[A-Z]*=//p' "$build/CMakeCache.txt")
bundle=${bundle:-$build/usb-bundle/ailit}
readelf -h "$build/ailit" 2>/dev/null | grep -q 'Machine: *Advanced Micro Devices X86-64' ||
  skip "this build's ailit is not amd64, and the clean root is"
if ! cmake --build "$build" --target usb-bundle >"$build/usb-bundle.log" 2>&1; then
  tail -20 "$build/usb-bundle.log"
  echo "FAILED: cmake --build $build --target usb-bundle"
  exit 1
fi
grep '^usb-bundle:' "$build/usb-bundle.log"

debian_root_base "$build" "$kind"

work=$(mktemp -d "$cache/usb.XXXXXX")
root="$work/root"
xvfb_pid='' app_pid=''
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null
  # Never remove files through a mount: the X socket folder is this machine's own.
  local m busy=no
  for m in "$root/tmp/.X11-unix" "$root/media/noexec" "$root/proc"; do
    mountpoint -q "$m" 2>/dev/null || continue
    umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null
    mountpoint -q "$m" 2>/dev/null && busy=yes
  done
  if [ $busy = yes ]; then echo "left $work in place: a mount in it could not be undone"; else rm -rf "$work"; fi
}
trap cleanup EXIT
# on_stick DIR COMMAND...: runs `sh start.sh` from DIR in the root, in /tmp
stick=/media/stick/ailit
start() { in_root sh -c 'cd /tmp && exec "$@"' sh env "$@"; }

cp -a "$base" "$root"
mount -t proc proc "$root/proc"
# The root has none of what ailit links: the libraries must come from the stick.
check in_root sh -c '! ls /usr/lib/x86_64-linux-gnu | grep -qiE "^lib(SDL2|X11|espeak|asound|pulse|wayland|sodium|fribidi|cjson)"'
check in_root test ! -e /usr/share/fonts/truetype/noto

# The copy a FAT stick gets: plain files, no execute bit anywhere.
mkdir -p "$root/media/stick"
cp -R "$bundle" "$root$stick"
chmod -R a-x "$root$stick" && chmod -R a+X "$root$stick"
check test -z "$(find "$root$stick" -type f -perm /111)"
[ -n "$leave_out" ] && rm -v "$root$stick/amd64/lib/$leave_out"

start sh $stick/start.sh --version >"$work/version.out" 2>&1
check test $? -eq 0
check grep -q '^ailit [0-9]' "$work/version.out"
cat "$work/version.out"

packs=$(cd "$root$stick/courses" && for p in */pack.json; do printf '%s ' "$stick/courses/${p%/pack.json}"; done)
# shellcheck disable=SC2086 # one argument per pack
check start sh $stick/start.sh validate --strict $packs
start sh $stick/start.sh list >"$work/list.out" 2>&1
check grep -q "course packs in $stick/courses\$" "$work/list.out"

# push: the launcher runs the stick's ailit-push, which alone needs libcurl (the stick's).
check test -f "$root$stick/amd64/bin/ailit-push"
check test -f "$root$stick/amd64/lib/libcurl.so.4"
start sh $stick/start.sh push --help >"$work/push.out" 2>&1
check test $? -eq 0
check grep -q '^usage: ailit push --db TRAINER.db --lrs URL' "$work/push.out"
start sh $stick/start.sh push --lrs http://127.0.0.1:9/xAPI --batch 0 x.json >"$work/push.out" 2>&1
check test $? -eq 2
check grep -q -- '--batch takes a number from 1' "$work/push.out"

# A first frame with the stick's packs and fonts, nothing said about missing ones.
start SDL_VIDEODRIVER=dummy sh $stick/start.sh --size 800x480 --screenshot /tmp/shot.png \
  >"$work/app.out" 2>&1
check test $? -eq 0
check test -s "$root/tmp/shot.png"
check test ! -s "$work/app.out"
cat "$work/app.out"
mkdir -p "$build/usb-bundle"
cp "$root/tmp/shot.png" "$build/usb-bundle/clean-root-dummy.png" 2>/dev/null

# A new learner with --on-stick: the library lists the stick's packs and the progress
# is written on the stick, not in the user's folder.
cp "$here/installed-library.script" "$root/tmp/library.script"
check test -s "$root/root/.local/share/ailit/ailit/progress.db" # by default, the user's
check start HOME=/tmp/learner SDL_VIDEODRIVER=dummy sh $stick/start.sh --on-stick --size 800x480 \
  --script /tmp/library.script
check test -s "$root$stick/data/progress.db"
check test ! -e "$root/tmp/learner/.local/share/ailit"

# Read aloud in English from the stick's eSpeak voices (the root has none).
cp "$here/../ui/read-aloud-en.script" "$root/tmp/read-aloud.script"
start SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy sh $stick/start.sh --data-dir /tmp/speech \
  --size 800x480 --lang en --script /tmp/read-aloud.script >"$work/speech.out" 2>&1
check test $? -eq 0
grep -v '^$' "$work/speech.out" | head -5

# A window on a real X server through the stick's libX11: Xvfb runs outside the root
# and its socket is bind-mounted in.
if command -v Xvfb >/dev/null && command -v import >/dev/null; then
  Xvfb -displayfd 3 -screen 0 1024x640x24 -nolisten tcp 3>"$work/display" >"$work/xvfb.log" 2>&1 &
  xvfb_pid=$! # it writes the number of a free display when it is ready
  for _ in $(seq 100); do [ -s "$work/display" ] && break; sleep 0.1; done
  display=:$(head -1 "$work/display")
  mkdir -p "$root/tmp/.X11-unix"
  mount --bind /tmp/.X11-unix "$root/tmp/.X11-unix"
  start DISPLAY="$display" sh $stick/start.sh --data-dir /tmp/x11 --size 1024x640 \
    >"$work/x11.out" 2>&1 &
  app_pid=$!
  drawn=no
  for _ in $(seq 100); do # the window and its first frame
    sleep 0.2
    if DISPLAY=$display xwininfo -root -tree 2>/dev/null | grep -q '1024x640+' &&
      DISPLAY=$display import -window root "$work/x11.png" 2>/dev/null &&
      [ "$(convert "$work/x11.png" -format %k info:)" -gt 8 ]; then
      drawn=yes
      break
    fi
  done
  check test $drawn = yes
  # its class (what a task bar shows) is ailit, not the loader's name
  check env DISPLAY="$display" sh -c 'xwininfo -root -tree | grep -q "(\"ailit\" \"ailit\")"'
  cp "$work/x11.png" "$build/usb-bundle/clean-root-x11.png" 2>/dev/null
  pid=$(pgrep -n -f "ailit/amd64/bin/ailit --courses $stick/courses" || true)
  check test -n "$pid"
  [ -n "$pid" ] && check grep -q "$stick/amd64/lib/libX11.so.6" "/proc/$pid/maps"
  # the app has not loaded libcurl: only ailit-push does
  [ -n "$pid" ] && check sh -c "! grep -q 'libcurl' /proc/$pid/maps"
  kill "$app_pid" 2>/dev/null
  [ -n "$pid" ] && kill "$pid" 2>/dev/null
  wait "$app_pid" 2>/dev/null
  app_pid=
  cat "$work/x11.out"
else
  echo "not run: a window under Xvfb (Xvfb or ImageMagick's import is not installed)"
fi

# A stick mounted noexec: the program and its libraries are copied to the user's
# cache folder and run from there.
mkdir -p "$root/media/noexec"
mount -t tmpfs -o noexec,size=200m tmpfs "$root/media/noexec"
cp -R "$bundle" "$root/media/noexec/ailit"
[ -n "$leave_out" ] && rm "$root/media/noexec/ailit/amd64/lib/$leave_out"
start sh /media/noexec/ailit/start.sh --version >"$work/noexec.out" 2>&1
check test $? -eq 0
check grep -q '^ailit [0-9]' "$work/noexec.out"
check grep -q 'noexec' "$work/noexec.out"

# A stick for another computer: it says so, in words.
mkdir -p "$root/media/other"
cp -R "$bundle" "$root/media/other/ailit"
mv "$root/media/other/ailit/amd64" "$root/media/other/ailit/arm64"
start sh /media/other/ailit/start.sh --version >"$work/other.out" 2>&1
check test $? -eq 1
check grep -q 'this stick has ailit for: arm64' "$work/other.out"
cat "$work/other.out"

# A computer whose system is older than the libraries on the stick: it says so.
echo 2.99 >"$root/media/other/ailit/arm64/glibc-version"
mv "$root/media/other/ailit/arm64" "$root/media/other/ailit/amd64"
start sh /media/other/ailit/start.sh --version >"$work/old.out" 2>&1
check test $? -eq 1
check grep -q 'too old for the ailit on this stick: it has glibc 2\.[0-9]*,' "$work/old.out"
cat "$work/old.out"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
