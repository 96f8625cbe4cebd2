#!/usr/bin/env bash
# Makes (or adds one architecture to) the folder that goes on a USB stick:
#
#   OUT/start.sh  README.txt        the launcher (`sh start.sh`) and a page for teachers
#   OUT/courses/  fonts/            the bundled packs; fonts.json and real font files
#   OUT/ARCH/bin/ailit              ARCH is amd64, arm64 or armhf
#   OUT/ARCH/bin/ailit-push         what `sh start.sh push` runs (only it links libcurl)
#   OUT/ARCH/lib/                   the shared libraries it needs, glibc's left out
#   OUT/ARCH/espeak-ng-data/        eSpeak NG's voices (the launcher sets ESPEAK_DATA_PATH)
#   OUT/ARCH/glibc-version          the oldest glibc these libraries run with
#   OUT/licences/                   the Debian copyright file of every package copied
#
# Building the target in a second build folder (a cross build) with the same OUT adds
# its ARCH beside the first: one stick for laptops and Raspberry Pis.
#
#   make-bundle.sh --out OUT --arch ARCH --binary AILIT --push-binary AILIT_PUSH
#                  --search DIR[:DIR...] --espeak-data DIR --source SOURCE_DIR
#                  [--readelf R] [--strip S]
# Everything on the stick is a plain file: FAT has no symbolic links, and folds case.
#
# What SDL2 loads at run time. Debian 12's SDL2 (2.26) is built with its X11, Wayland
# (with libdecor), KMSDRM (libdrm, libgbm), ALSA and PulseAudio back ends linked, not
# opened with dlopen: they are DT_NEEDED entries and so are bundled with the rest.
# What it still opens with dlopen is left to the machine, on purpose:
#   libGL, libEGL, libGLESv2, libOpenGL (libglvnd) and libvulkan: useless without
#     the machine's own GPU driver (Mesa, NVIDIA), which must match its kernel and
#     hardware; ailit draws with SDL's software renderer unless --accelerated. The
#     Linux console (KMSDRM) needs them too: it works only where the system has Mesa.
#   libpipewire-0.3: its plugins come from the machine and must match its PipeWire;
#     SDL falls back to PulseAudio, which PipeWire desktops serve (pipewire-pulse).
#   libudev: every systemd desktop has it; it only adds joystick hot-plugging.
#   libsndio, libX11-xcb (Vulkan only): not used by ailit.
# libdecor's decoration plugins, ALSA's configuration and plugins, X11's locale files
# and PulseAudio's client.conf are read from the machine's usual folders. SDL 2.26
# prefers X11 (XWayland on a Wayland desktop) when $DISPLAY is set.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
out='' arch='' binary='' push_binary='' search='' espeak='' source='' readelf=readelf strip=''
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out=$2 ;;
    --arch) arch=$2 ;;
    --binary) binary=$2 ;;
    --push-binary) push_binary=$2 ;;
    --search) search=$2 ;;
    --espeak-data) espeak=$2 ;;
    --source) source=$2 ;;
    --readelf) readelf=$2 ;;
    --strip) strip=$2 ;;
    *) echo "make-bundle: unknown argument $1" >&2; exit 2 ;;
  esac
  shift 2
done
for v in out arch binary push_binary search espeak source; do
  [ -n "${!v}" ] || { echo "make-bundle: --${v/_/-} is missing" >&2; exit 2; }
done
case "$arch" in amd64 | arm64 | armhf) ;; *)
  echo "make-bundle: no USB bundle for architecture '$arch' (amd64, arm64, armhf)" >&2; exit 1 ;;
esac
[ -f "$espeak/phontab" ] || {
  echo "make-bundle: eSpeak NG's voices are not in $espeak; install espeak-ng-data for $arch" >&2
  exit 1
}

start=$(date +%s)
mkdir -p "$out"
out=$(cd "$out" && pwd)
rm -rf "${out:?}/${arch:?}"
mkdir -p "$out/$arch/bin" "$out/licences"

# The programs, without their debug symbols (they stay in the build folder): ailit, and
# ailit-push, which the launcher runs for `push` (ailit would look for it beside itself,
# but run through the loader it cannot tell where it is).
cp "$binary" "$out/$arch/bin/ailit"
cp "$push_binary" "$out/$arch/bin/ailit-push"
if [ -n "$strip" ]; then "$strip" --strip-unneeded "$out/$arch/bin/ailit" "$out/$arch/bin/ailit-push"; fi

# Their libraries (libcurl's only for ailit-push); the list (SONAME, where it came from)
# is kept beside them.
"$here/collect-libs.sh" --readelf "$readelf" --search "$search" --out "$out/$arch/lib" \
  "$out/$arch/bin/ailit" "$out/$arch/bin/ailit-push" | sort >"$out/$arch/libraries.txt"

cp -rL "$espeak" "$out/$arch/espeak-ng-data"

# The newest glibc symbol version anything here asks for: the launcher compares it
# with the machine's before starting, to say so in words rather than the loader's.
for f in "$out/$arch"/bin/* "$out/$arch"/lib/*; do "$readelf" -VW "$f"; done |
  grep -oE 'Name: GLIBC_[0-9]+\.[0-9]+' | sed 's/.*GLIBC_//' | sort -t. -k1,1n -k2,2n | tail -1 \
  >"$out/$arch/glibc-version"

# Shared by every architecture: packs, fonts (the real files, not the links in fonts/),
# launcher, README.
rm -rf "$out/courses" "$out/fonts"
mkdir -p "$out/courses" "$out/fonts"
(cd "$source/courses" && find . -path ./tools -prune -o -type f -print) |
  while read -r f; do
    mkdir -p "$out/courses/$(dirname "$f")"
    cp "$source/courses/$f" "$out/courses/$f"
  done
cp "$source/fonts/fonts.json" "$out/fonts/"
fontfiles=$(grep -oE '"[A-Za-z0-9_.-]+\.(ttf|ttc|otf)"' "$source/fonts/fonts.json" | tr -d '"' | sort -u)
for f in $fontfiles; do
  [ -f "$source/fonts/$f" ] || {
    echo "make-bundle: fonts/$f is missing; run fonts/fetch-fonts.sh" >&2; exit 1
  }
  cp -L "$source/fonts/$f" "$out/fonts/$f"
done
cp "$here/start.sh" "$here/README.txt" "$out/"

# Licences: ailit's own, and the copyright file of each Debian package a file came from.
cp "$source/packaging/copyright" "$out/licences/ailit.txt"
{
  cut -f2 "$out/$arch/libraries.txt" | xargs -r readlink -f
  readlink -f "$espeak/phontab"
  for f in $fontfiles; do readlink -f "$source/fonts/$f"; done
} | sed 'p; s|^/usr/|/|' | { xargs -r dpkg -S 2>/dev/null || true; } | sed 's/[:,].*//' | sort -u |
  while read -r pkg; do
    [ -f "/usr/share/doc/$pkg/copyright" ] && cp "/usr/share/doc/$pkg/copyright" "$out/licences/$pkg.txt"
  done

# What a FAT stick cannot hold: links, characters FAT refuses in names, and two names
# that differ only in case.
links=$(find "$out" -type l)
[ -z "$links" ] || { echo "make-bundle: links cannot go on FAT: $links" >&2; exit 1; }
bad=$(cd "$out" && find . -name '*[":*<>?\|]*')
[ -z "$bad" ] || { echo "make-bundle: names FAT cannot hold: $bad" >&2; exit 1; }
twins=$(cd "$out" && find . | tr '[:upper:]' '[:lower:]' | sort | uniq -d)
[ -z "$twins" ] || { echo "make-bundle: names that differ only in case: $twins" >&2; exit 1; }

echo "usb-bundle: $out ($arch) in $(($(date +%s) - start)) s"
echo "usb-bundle: $(wc -l <"$out/$arch/libraries.txt") libraries, needs glibc $(cat "$out/$arch/glibc-version") or newer"
du -sh "$out/$arch/bin" "$out/$arch/lib" "$out/$arch/espeak-ng-data" "$out/fonts" "$out/courses" \
  "$out/licences" | sed "s|$out/||; s/^/usb-bundle:   /"
echo "usb-bundle: $(du -sh "$out" | cut -f1) in all ($(du -sb "$out" | cut -f1) bytes), $(find "$out" -type f | wc -l) files"
