#!/usr/bin/env bash
# ailit developer set-up: installs what is missing, builds, then runs the app or the tests.
#
#   packaging/setup.sh run     install, build, start ailit on the bundled courses
#   packaging/setup.sh test    install, build (plain, and Debug with ASan+UBSan), run the whole
#                              test suite in both
#   packaging/setup.sh deps    only install what is missing
#   packaging/setup.sh test-arm  for the Raspberry Pi: also installs Debian's cross
#                              compilers, qemu-user-static and the arm64/armhf libraries
#                              (multiarch), cross-builds build-arm64/ and build-armhf/,
#                              runs the whole test suite of each under qemu, makes each
#                              .deb (Architecture arm64 / armhf)
#   packaging/setup.sh build-arm the same without the emulated suites: both cross builds
#                              (-Werror under CI) and their .debs, in a few minutes
#
# As root it runs apt-get itself; otherwise through sudo; without sudo it prints the
# exact apt-get line to run and stops.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
mode=${1:-run}
shift || true

# The libraries ailit and its tests link: this machine's, and for test-arm also the
# Pi's (libsdl2-dev:arm64 ...), installed beside them through multiarch.
target_libs=(
  libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev
  libcjson-dev libsqlite3-dev libsodium-dev libfribidi-dev
  libcmocka-dev
  libcurl4-openssl-dev
  libespeak-ng-dev espeak-ng-data # read aloud: eSpeak NG as a library, and its voices
)
# Debian 12 / Raspberry Pi OS package names, one per need.
packages=(
  build-essential cmake pkg-config git
  "${target_libs[@]}"
  clang libclang-rt-14-dev
  fonts-noto-core fonts-wqy-microhei
  xvfb xauth imagemagick x11-utils # x11-utils: xwininfo finds a window under Xvfb
  dbus-daemon # bench-lowend.sh: a session bus, as on a desktop
  chromium poppler-utils # the trainer report opened and printed in a real browser
  lintian appstream devscripts # the .deb checked as Debian checks packages
  debootstrap # a clean Debian 12 root to install the .deb into
)
# Node.js runs the JSON Schema and xAPI validators in the tests; a machine may already
# have a Node.js from elsewhere, whose npm must not be replaced by Debian's.
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

install_missing() { # install_missing PACKAGE...
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local line="apt-get install -y --no-install-recommends ${missing[*]}"
  echo "ailit set-up: installing ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive $line
  elif command -v sudo >/dev/null 2>&1; then
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive $line
  else
    echo "ailit set-up: these Debian packages are missing. Run as root:"
    echo "  apt-get update && $line"
    exit 1
  fi
}

build() { # build DIR [cmake options...]
  local dir=$1; shift
  cmake -S "$here" -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
  cmake --build "$dir" -j "$(nproc)"
}

# Cross builds for the Raspberry Pi: the Pi's architectures added to dpkg, Debian's
# cross compilers, qemu to run the tests, the libraries for each architecture.
pi_arches=(arm64 armhf)
install_arm() {
  local arch added=0 foreign
  foreign=$(dpkg --print-foreign-architectures)
  for arch in "${pi_arches[@]}"; do
    grep -qx "$arch" <<<"$foreign" && continue
    echo "ailit set-up: adding the $arch architecture to dpkg (multiarch)"
    if [ "$(id -u)" -eq 0 ]; then
      dpkg --add-architecture "$arch"
    elif command -v sudo >/dev/null 2>&1; then
      sudo dpkg --add-architecture "$arch"
    else
      echo "ailit set-up: run as root: dpkg --add-architecture $arch"
      exit 1
    fi
    added=1
  done
  local arm_packages=(qemu-user-static)
  for arch in "${pi_arches[@]}"; do
    arm_packages+=(crossbuild-essential-"$arch" "${target_libs[@]/%/:$arch}")
  done
  [ "$added" -eq 0 ] || echo "ailit set-up: the new architectures' package lists come with apt-get update"
  install_missing "${arm_packages[@]}"
}

install_missing "${packages[@]}"
case "$mode" in test-arm | build-arm) install_arm ;; esac
"$here/fonts/fetch-fonts.sh"

case "$mode" in
  deps) ;;
  run)
    build "$here/build"
    exec "$here/build/ailit" --courses "$here/courses" "$@"
    ;;
  test)
    (cd "$here/tests/node" && npm ci --no-audit --no-fund --loglevel=error)
    werror=OFF; [ "${CI:-}" = true ] && werror=ON
    build "$here/build" -DAILIT_WERROR=$werror
    (cd "$here/build" && ctest --output-on-failure -j "$(nproc)")
    echo "ailit set-up: the same suite, Debug, under AddressSanitizer + UndefinedBehaviorSanitizer"
    # The fuzzer is already built with sanitizers; the second build leaves it out. Debug
    # (-O0) sees warnings the optimized build does not (-Wformat-truncation), and
    # costs no extra build: the sanitizer build was needed anyway.
    build "$here/build-asan" -DCMAKE_BUILD_TYPE=Debug -DAILIT_SANITIZE=ON -DAILIT_FUZZ=OFF \
      -DAILIT_WERROR=$werror
    (cd "$here/build-asan" && ctest --output-on-failure -j "$(nproc)")
    ;;
  test-arm | build-arm)
    # Each architecture's whole suite runs in qemu-user (named by the toolchain file,
    # no binfmt_misc needed); a test that cannot run under emulation says why and is
    # reported skipped. Then the .deb, as a Pi installs it. build-arm stops short of the
    # emulated suites (about 25 minutes): the cross builds alone catch what only a
    # 32-bit or ARM compiler sees, in a few minutes, so CI runs them every time.
    [ "$mode" = build-arm ] || (cd "$here/tests/node" && npm ci --no-audit --no-fund --loglevel=error)
    werror=OFF; [ "${CI:-}" = true ] && werror=ON
    failed=()
    for arch in "${pi_arches[@]}"; do
      dir="$here/build-$arch"
      echo "ailit set-up: $arch: cross build in $dir"
      build "$dir" -DCMAKE_TOOLCHAIN_FILE="$here/packaging/toolchain-$arch.cmake" \
        -DAILIT_WERROR=$werror || { failed+=("$arch build"); continue; }
      if [ "$mode" = test-arm ]; then
        echo "ailit set-up: $arch: the test suite under qemu"
        (cd "$dir" && ctest --output-on-failure -j "$(nproc)") || failed+=("$arch tests")
      fi
      (cd "$dir" && cpack -G DEB >/dev/null) || failed+=("$arch package")
      deb=$(ls "$dir"/ailit_*_"$arch".deb 2>/dev/null | head -1 || true)
      if [ -n "$deb" ] && [ "$(dpkg-deb -f "$deb" Architecture)" = "$arch" ]; then
        echo "ailit set-up: $arch: $deb"
      else
        failed+=("$arch package architecture")
      fi
    done
    echo "ailit set-up: $mode took $((SECONDS / 60)) min $((SECONDS % 60)) s, installing included"
    if [ ${#failed[@]} -gt 0 ]; then
      echo "ailit set-up: failed: ${failed[*]}"
      exit 1
    fi
    ;;
  *) echo "usage: packaging/setup.sh run|test|test-arm|build-arm|deps"; exit 2 ;;
esac
