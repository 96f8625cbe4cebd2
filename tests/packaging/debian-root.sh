# Sourced by the tests that install ailit into a clean minimal Debian 12 root
# (debootstrap --variant=minbase bookworm), as a school laptop would get it.
#   debian_root_base BUILD_DIR [release|not-for-release]
#       skips (exit 77, saying why) without root, debootstrap or a mirror; else sets
#       $mirror, $cache (BUILD_DIR/debian-root) and $base, the minimal root, made once
#       and kept there, so later runs take well under a minute
#   debian_root_fresh      a fresh copy of it in $root (under $work), /proc mounted,
#                          all removed when the test exits
#   in_root CMD...         runs CMD in it with a clean environment
#   check CMD...           runs CMD, says ok/FAILED and counts in $passed/$failed
# The mirror: packaging/debian-mirror.sh ($AILIT_DEBIAN_MIRROR, else the one apt uses
# here, else deb.debian.org).
skip() { echo "skipped: $*"; exit 77; }
passed=0 failed=0
check() { if "$@"; then echo "ok: $*"; passed=$((passed + 1)); else echo "FAILED: $*"; failed=$((failed + 1)); fi; }
in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }

debian_root_base() {
  local build
  build=$(cd "$1" && pwd)
  [ "${2:-release}" = release ] || skip "packages are made from the plain hardened build, not this one"
  [ "$(id -u)" -eq 0 ] || skip "installing into a Debian root needs root (chroot)"
  command -v debootstrap >/dev/null || skip "debootstrap is not installed (apt-get install debootstrap)"
  mirror=$("$(dirname "${BASH_SOURCE[0]}")/../../packaging/debian-mirror.sh")
  cache="$build/debian-root"
  base="$cache/base"
  mkdir -p "$cache"
  if [ ! -x "$base/usr/bin/apt-get" ]; then
    rm -rf "$base"
    echo "making a minimal Debian 12 root from $mirror (once; kept in $base)"
    if ! debootstrap --variant=minbase bookworm "$base" "$mirror" >"$cache/debootstrap.log" 2>&1; then
      tail -5 "$cache/debootstrap.log"
      rm -rf "$base"
      skip "debootstrap could not fetch Debian 12 from $mirror (see $cache/debootstrap.log)"
    fi
  fi
}

debian_root_cleanup() {
  umount "$root/proc" 2>/dev/null
  rm -rf "$work"
}

debian_root_fresh() {
  [ -z "${work:-}" ] || debian_root_cleanup
  work=$(mktemp -d "$cache/run.XXXXXX")
  root="$work/root"
  trap debian_root_cleanup EXIT
  cp -a "$base" "$root"
  mount -t proc proc "$root/proc"
}
