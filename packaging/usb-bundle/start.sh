# ailit from a USB stick. Run it with sh, as a file on a FAT stick has no execute bit:
#
#   sh start.sh                  start ailit on the packs on the stick
#   sh start.sh --on-stick       the same, keeping learners' progress on the stick
#                                (folder data/) instead of this computer's user folder
#   sh start.sh COMMAND ...      any ailit command: validate, list, export, report, ...
#                                (push runs the program ailit-push, beside ailit)
#   sh start.sh --help           ailit's options
#
# The program is started through this computer's own dynamic loader
# (ld-linux ... --library-path LIB PROGRAM), which needs no execute bit, with the
# libraries from the stick. Plain POSIX sh (dash), nothing from bash.

here=$(cd "$(dirname "$0")" && pwd -P) || exit 1
say() { printf 'ailit: %s\n' "$*" >&2; }

# --on-stick may stand anywhere; it is the launcher's, not ailit's.
on_stick=no
n=$#
while [ "$n" -gt 0 ]; do
  a=$1
  shift
  n=$((n - 1))
  if [ "$a" = --on-stick ]; then on_stick=yes; else set -- "$@" "$a"; fi
done

# The bundle's architectures this machine can run, its own first.
loader_for() {
  case "$1" in
    amd64) echo /lib64/ld-linux-x86-64.so.2 ;;
    arm64) echo /lib/ld-linux-aarch64.so.1 ;;
    armhf) echo /lib/ld-linux-armhf.so.3 ;;
  esac
}
machine=$(uname -m)
case "$machine" in
  x86_64 | amd64) candidates=amd64 ;;
  aarch64 | arm64) candidates="arm64 armhf" ;; # a 32-bit system on a 64-bit kernel too
  armv7* | armv8*) candidates=armhf ;;
  *) candidates= ;;
esac
arch=
for a in $candidates; do
  if [ -f "$here/$a/bin/ailit" ] && [ -e "$(loader_for "$a")" ]; then
    arch=$a
    break
  fi
done
if [ -z "$arch" ]; then
  has=
  for a in amd64 arm64 armhf; do [ -f "$here/$a/bin/ailit" ] && has="$has $a"; done
  say "this stick has ailit for:${has:- no computer (its amd64/, arm64/ or armhf/ folder is missing)}."
  if [ -z "$candidates" ]; then
    say "This computer is '$machine', which ailit on a stick does not run on."
  else
    for a in $candidates; do
      [ -f "$here/$a/bin/ailit" ] && ! [ -e "$(loader_for "$a")" ] &&
        say "This computer's system has no $(loader_for "$a"): ailit on a stick needs a Linux with glibc (Debian, Ubuntu, Raspberry Pi OS)."
    done
    say "This computer is '$machine' and needs:$(for a in $candidates; do printf ' %s' "$a"; done)."
  fi
  say "Use a stick made for this kind of computer: amd64 for most laptops and PCs, arm64 or armhf for a Raspberry Pi."
  exit 1
fi
loader=$(loader_for "$arch")
# Tests of an ARM bundle on another machine run the loader in user-mode emulation.
emulator=${AILIT_USB_EMULATOR:-}

# glibc: the loader and libc are this computer's; the stick's libraries need one at
# least as new as the system they were taken from.
need=$(cat "$here/$arch/glibc-version" 2>/dev/null)
# shellcheck disable=SC2086
have=$($emulator "$loader" --version 2>/dev/null | sed -n '1s/.* \([0-9][0-9]*\.[0-9][0-9]*\)\.*$/\1/p')
[ -n "$have" ] || have=$(getconf GNU_LIBC_VERSION 2>/dev/null | sed -n 's/^glibc \([0-9.]*\).*/\1/p')
older() { # older A B: version A is older than B
  [ "${1%%.*}" -lt "${2%%.*}" ] || { [ "${1%%.*}" -eq "${2%%.*}" ] && [ "${1#*.}" -lt "${2#*.}" ]; }
}
if [ -n "$need" ] && [ -n "$have" ] && older "$have" "$need"; then
  say "this computer's system is too old for the ailit on this stick: it has glibc $have,"
  say "ailit needs $need or newer (Debian 12, Ubuntu 23.04, Raspberry Pi OS 12 'bookworm' or newer)."
  exit 1
fi

bin=$here/$arch/bin/ailit
lib=$here/$arch/lib
# A stick mounted 'noexec' lets no program run from it, not even through the loader:
# then the program and its libraries are copied once to this user's cache folder.
if command -v findmnt >/dev/null 2>&1 &&
  findmnt -n -o OPTIONS -T "$here" 2>/dev/null | tr ',' '\n' | grep -qx noexec; then
  stamp=$(cat "$bin" "$here/$arch/bin/ailit-push" 2>/dev/null | cksum | cut -d' ' -f1)
  cache=${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/ailit-usb/$arch-$stamp
  if [ ! -f "$cache/ready" ]; then
    say "the stick does not allow programs to run from it (noexec); copying ailit to $cache"
    if ! { rm -rf "$cache" && mkdir -p "$cache" && cp -R "$here/$arch/bin" "$here/$arch/lib" "$cache/" &&
      : >"$cache/ready"; }; then
      say "cannot copy to $cache; mount the stick without 'noexec'"
      exit 1
    fi
  fi
  bin=$cache/bin/ailit
  lib=$cache/lib
fi

# eSpeak NG reads its voices from $ESPEAK_DATA_PATH/espeak-ng-data.
ESPEAK_DATA_PATH=$here/$arch
# SDL would name the window's class after the running program, the loader
# (ld-linux-x86-64.so.2): the desktop's task bar shows "ailit" instead.
SDL_VIDEO_X11_WMCLASS=${SDL_VIDEO_X11_WMCLASS:-ailit}
SDL_VIDEO_WAYLAND_WMCLASS=${SDL_VIDEO_WAYLAND_WMCLASS:-ailit}
export ESPEAK_DATA_PATH SDL_VIDEO_X11_WMCLASS SDL_VIDEO_WAYLAND_WMCLASS
data=
[ "$on_stick" = yes ] && data=$here/data

# The stick's packs and fonts unless named; --data-dir where ailit takes it.
case "${1:-}" in
  --version | -V | --help | -h | validate | merge) ;;
  push)
    # ailit push would start ailit-push from its own folder, which ailit run through
    # the loader cannot tell: the launcher starts it, with the same arguments.
    shift
    bin=${bin%/ailit}/ailit-push
    if [ ! -f "$bin" ]; then
      say "this stick has no $arch/bin/ailit-push, which 'push' needs: copy the ailit folder onto the stick again."
      exit 1
    fi
    ;;
  list | report)
    cmd=$1
    shift
    set -- "$cmd" --courses "$here/courses" "$@"
    ;;
  export | teacher-pin)
    if [ -n "$data" ]; then
      cmd=$1
      shift
      set -- "$cmd" --data-dir "$data" "$@"
    fi
    ;;
  *)
    if [ -n "$data" ]; then set -- --data-dir "$data" "$@"; fi
    set -- --courses "$here/courses" --fonts "$here/fonts" "$@"
    ;;
esac
# shellcheck disable=SC2086 # the emulator may be a command with options
exec $emulator "$loader" --library-path "$lib" "$bin" "$@"
