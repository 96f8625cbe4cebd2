#!/usr/bin/env bash
# The amd64 .deb installed, with the packages it depends on, into a clean minimal
# Debian 12 (debootstrap --variant=minbase bookworm), as a school laptop would get
# it: then `ailit --version`, `ailit validate` and `ailit list` on the installed
# packs, and a first frame drawn with no --courses (SDL's dummy video driver).
#   check-deb-in-clean-root.sh BUILD_DIR [release|not-for-release]
# Needs root (chroot) and a Debian mirror; without either it says why and exits 77.
# The minimal root and the downloaded packages are kept in BUILD_DIR/debian-root,
# so later runs take well under a minute; each run installs into a fresh copy.
# The mirror: packaging/debian-mirror.sh. tests/packaging/debian-root.sh makes the root.
set -u
# shellcheck source=debian-root.sh
. "$(dirname "$0")/debian-root.sh"
debian_root_base "$1" "${2:-release}"
build=$(cd "$1" && pwd)
archives="$cache/archives"
mkdir -p "$archives"
debian_root_fresh

(cd "$work" && cpack --config "$build/CPackConfig.cmake" -B "$work/deb" >/dev/null 2>&1)
deb=$(ls "$work"/deb/ailit_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || { echo "FAILED: cpack made no .deb"; exit 1; }

cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null
cp "$deb" "$root/tmp/ailit.deb"
cp "$archives"/*.deb "$root/var/cache/apt/archives/" 2>/dev/null
if ! in_root apt-get update -qq >"$work/apt.log" 2>&1; then
  cat "$work/apt.log"
  skip "apt-get update in the Debian root cannot reach $mirror"
fi
install_deb() {
  in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
    /tmp/ailit.deb >>"$work/apt.log" 2>&1 || { tail -20 "$work/apt.log"; return 1; }
}
check install_deb
cp "$root"/var/cache/apt/archives/*.deb "$archives/" 2>/dev/null
echo "$(grep -c '^Unpacking' "$work/apt.log") packages unpacked, the ailit one among them"

check in_root /usr/bin/ailit --version
check in_root /usr/bin/ailit validate --strict /usr/share/ailit/courses
# ailit push runs /usr/libexec/ailit/ailit-push, whose libcurl the package's Depends
# brought; ailit itself starts without loading libcurl.
check in_root sh -c '/usr/bin/ailit push --help | grep -q "^usage: ailit push"'
in_root env LD_DEBUG=libs /usr/bin/ailit --version >/dev/null 2>"$work/version.libs"
check test -s "$work/version.libs"
check sh -c "! grep -q 'libcurl' '$work/version.libs'"
in_root sh -c 'cd / && ailit list' >"$work/list.out" 2>&1
check test $? -eq 0
check grep -q "course packs in /usr/share/ailit/courses$" "$work/list.out"
head -1 "$work/list.out"
in_root sh -c 'cd /tmp && SDL_VIDEODRIVER=dummy ailit --size 800x480 --screenshot /tmp/shot.png' \
  >"$work/app.out" 2>&1
check test $? -eq 0
check test -s "$root/tmp/shot.png"
cp "$root/tmp/shot.png" "$cache/last-screenshot.png" 2>/dev/null # for a person to look at
check test ! -s "$work/app.out" # no word about missing courses or fonts
cat "$work/app.out"
cp "$(dirname "$0")/installed-library.script" "$root/tmp/library.script"
in_root sh -c 'cd /tmp && SDL_VIDEODRIVER=dummy ailit --size 800x480 --script /tmp/library.script'
check test $? -eq 0 # a new learner's library lists the installed packs
check in_root test -f /usr/share/man/man1/ailit.1.gz
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
