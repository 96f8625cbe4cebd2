#!/usr/bin/env bash
# ailit developer set-up: installs what is missing, builds, then runs the app or the tests.
#
#   packaging/setup.sh run     install, build, start ailit on the bundled courses
#   packaging/setup.sh test    install, build (plain, and Debug with ASan+UBSan), run the whole
#                              test suite in both
#   packaging/setup.sh deps    only install what is missing
#
# As root it runs apt-get itself; otherwise through sudo; without sudo it prints the
# exact apt-get line to run and stops.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
mode=${1:-run}
shift || true

# Debian 12 / Raspberry Pi OS package names, one per need.
packages=(
  build-essential cmake pkg-config git
  libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev
  libcjson-dev libsqlite3-dev libsodium-dev libfribidi-dev
  libcmocka-dev
  libcurl4-openssl-dev
  libespeak-ng-dev espeak-ng-data # read aloud: eSpeak NG as a library, and its voices
  clang libclang-rt-14-dev
  fonts-noto-core fonts-wqy-microhei
  xvfb xauth imagemagick
  chromium poppler-utils # the trainer report opened and printed in a real browser
  lintian appstream devscripts # the .deb checked as Debian checks packages
  debootstrap # a clean Debian 12 root to install the .deb into
)
# Node.js runs the JSON Schema and xAPI validators in the tests; a machine may already
# have a Node.js from elsewhere, whose npm must not be replaced by Debian's.
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

install_missing() {
  local missing=()
  for p in "${packages[@]}"; do
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

install_missing
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
  *) echo "usage: packaging/setup.sh run|test|deps"; exit 2 ;;
esac
