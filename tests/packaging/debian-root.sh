# shellcheck shell=bash
# Sourced by the tests that install ailit into a clean minimal Debian 12 root
# (debootstrap --variant=minbase bookworm), as a school laptop would get it.
#   debian_root_base BUILD_DIR [release|not-for-release]
#       skips (exit 77, saying why) without root, debootstrap or a mirror; else sets
#       $mirror, $cache (BUILD_DIR/debian-root) and $base, the minimal root, made once
#       and kept there, so later runs take well under a minute
#   debian_root_setup BUILD_DIR [release|not-for-release]
#       the same skips and variables, without making the root
#   debian_root_make DIR [DEBOOTSTRAP OPTIONS]   another minimal root (kept in DIR),
#                          e.g. --foreign --arch=arm64 for one that is only unpacked
#   debian_root_work       $work, removed when the test exits
#   debian_root_fresh [FROM]   a fresh copy of the minimal root (or FROM) in $root
#                          (under $work), /proc mounted, all removed when the test exits
#   in_root CMD...         runs CMD in it with a clean environment
#   check CMD...           runs CMD, says ok/FAILED and counts in $passed/$failed
# The mirror: packaging/debian-mirror.sh ($AILIT_DEBIAN_MIRROR, else the one apt uses
# here, else deb.debian.org).
skip() { echo "skipped: $*"; exit 77; }
passed=0 failed=0
check() { if "$@"; then echo "ok: $*"; passed=$((passed + 1)); else echo "FAILED: $*"; failed=$((failed + 1)); fi; }
in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }

debian_root_setup() { # the checks and $mirror, $cache, $base, without making the root
  local build
  build=$(cd "$1" && pwd)
  [ "${2:-release}" = release ] || skip "packages are made from the plain hardened build, not this one"
  [ "$(id -u)" -eq 0 ] || skip "installing into a Debian root needs root (chroot)"
  command -v debootstrap >/dev/null || skip "debootstrap is not installed (apt-get install debootstrap)"
  mirror=$("$(dirname "${BASH_SOURCE[0]}")/../../packaging/debian-mirror.sh")
  cache="$build/debian-root"
  base="$cache/base"
  mkdir -p "$cache"
}

debian_root_make() { # debian_root_make DIR [DEBOOTSTRAP OPTIONS]: minbase bookworm, once
  local dir=$1 log="$1.log"
  shift
  [ -x "$dir/usr/bin/apt-get" ] && return # (a --foreign root has it unpacked too)
  rm -rf "$dir"
  echo "making a minimal Debian 12 root ($*) from $mirror (once; kept in $dir)"
  if ! debootstrap --variant=minbase "$@" bookworm "$dir" "$mirror" >"$log" 2>&1; then
    tail -5 "$log"
    rm -rf "$dir"
    skip "debootstrap could not fetch Debian 12 from $mirror (see $log)"
  fi
}

debian_root_base() {
  debian_root_setup "$@"
  debian_root_make "$base"
}

debian_root_cleanup() {
  umount "$root/proc" 2>/dev/null
  rm -rf "$work"
}

debian_root_work() { # $work, removed (with a root in it) when the test exits
  [ -z "${work:-}" ] || return 0
  work=$(mktemp -d "$cache/run.XXXXXX")
  root="$work/root"
  trap debian_root_cleanup EXIT
}

debian_root_fresh() { # debian_root_fresh [FROM]: a copy of FROM (the minimal root) in $root
  debian_root_work
  cp -a "${1:-$base}" "$root"
  mount -t proc proc "$root/proc"
}
