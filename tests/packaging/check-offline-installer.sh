#!/usr/bin/env bash
# The offline installer folder of issue 9 (packaging/make-offline-installer.sh), as a
# school without internet uses it: the amd64 folder, copied to a "USB stick" path with
# a space and no execute bits inside a clean minimal Debian 12 root that has no apt
# sources and no network, installs ailit with `sh install.sh`; then `ailit --version`,
# `ailit validate` and `ailit list` work. On the way, install.sh must refuse (changing
# nothing) when not root, on the wrong architecture, on a system that is not Debian 12,
# with a damaged folder, and with a folder that lacks a package ailit needs.
# The arm64 and armhf folders are made and checked by apt against a minimal Debian 12
# of their architecture (every dependency found in the folder or the minimal system);
# they are made from this build's .deb relabelled for that architecture, which has the
# same Depends (the same libraries) - nothing is run for arm.
#   check-offline-installer.sh BUILD_DIR [release|not-for-release]
# Needs root, debootstrap and a Debian mirror (to make the folders); without them it
# says why and exits 77. Downloads are kept in BUILD_DIR/debian-root.
set -u
. "$(dirname "$0")/debian-root.sh"
debian_root_base "$1" "${2:-release}"
build=$(cd "$1" && pwd)
maker=$(cd "$(dirname "$0")/../../packaging" && pwd)/make-offline-installer.sh
command -v dpkg-scanpackages >/dev/null || skip "dpkg-scanpackages is missing (apt-get install dpkg-dev)"
export AILIT_OFFLINE_CACHE="$cache/offline"
debian_root_fresh

(cd "$work" && cpack --config "$build/CPackConfig.cmake" -B "$work/deb" >"$work/cpack.log" 2>&1)
deb=$(ls "$work"/deb/ailit_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || { tail -20 "$work/cpack.log"; echo "FAILED: cpack made no .deb"; exit 1; }
deb_arch=$(dpkg-deb -f "$deb" Architecture)
[ "$deb_arch" = amd64 ] && [ "$(dpkg --print-architecture)" = amd64 ] ||
  skip "the clean root is amd64; this build's package is $deb_arch (on $(dpkg --print-architecture))"

# The folders. The arm ones from the .deb relabelled (see above).
relabel() { # relabel ARCH -> prints the path of the relabelled .deb
  local dir="$work/relabel-$1" name
  name="ailit_$(dpkg-deb -f "$deb" Version)_$1.deb"
  mkdir -p "$dir" && dpkg-deb -R "$deb" "$dir/tree" &&
    sed -i "s/^Architecture: .*/Architecture: $1/" "$dir/tree/DEBIAN/control" &&
    dpkg-deb -b --root-owner-group "$dir/tree" "$dir/$name" >/dev/null && echo "$dir/$name"
}
present() { compgen -G "$1" >/dev/null; }
make_folder() { # make_folder ARCH DEB
  local log="$work/make-$1.log"
  "$maker" "$1" "$2" "$work/ailit-offline-$1" >"$log" 2>&1
  local rc=$?
  cat "$log"
  grep -q "cannot read bookworm" "$log" && skip "the Debian mirror cannot be reached to make the $1 folder"
  return $rc
}
for arch in amd64 arm64 armhf; do
  if [ $arch = amd64 ]; then arch_deb=$deb; else arch_deb=$(relabel $arch); fi
  check make_folder $arch "$arch_deb"
  check grep -q "checked: apt finds everything ailit needs" "$work/make-$arch.log"
  for f in install.sh README.txt SHA256SUMS debs/Packages "debs/ailit_*_$arch.deb"; do
    check present "$work/ailit-offline-$arch/$f"
  done
  check grep -q "for $arch computers" "$work/ailit-offline-$arch/README.txt"
done

# The stick, as the school's root sees it: a path with a space, no execute bits, no apt
# sources, no name server; with unshare, no network at all.
stick="/media/USB STICK"
mkdir -p "$root$stick"
for arch in amd64 armhf; do cp -r "$work/ailit-offline-$arch" "$root$stick/"; done
find "$root$stick" -type f -exec chmod a-x {} +
: >"$root/etc/apt/sources.list"
rm -f "$root"/etc/apt/sources.list.d/* "$root/etc/resolv.conf" "$root"/var/lib/apt/lists/*_*
offline=(unshare --net)
"${offline[@]}" true 2>/dev/null || { echo "note: no unshare --net here; the root only lacks apt sources"; offline=(); }
run_installer() { # run_installer FOLDER [chroot options] -> its output in $work/out
  local folder=$1
  shift
  "${offline[@]}" chroot "$@" "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/ LANG=C.UTF-8 \
    sh -c "cd \"$stick/$folder\" && sh install.sh" >"$work/out" 2>&1
  local rc=$?
  sed 's/^/  | /' "$work/out"
  return $rc
}
packages_before=$(in_root dpkg-query -W | wc -l)
unchanged() { # nothing installed, the root's apt sources and lists as they were
  [ "$(in_root dpkg-query -W | wc -l)" -eq "$packages_before" ] && [ ! -s "$root/etc/apt/sources.list" ] &&
    [ -z "$(ls "$root/etc/apt/sources.list.d")" ] && [ -z "$(ls "$root/var/lib/apt/lists" | grep -v -e '^partial$' -e '^lock$')" ]
}
refused() { # refused FOLDER WORDS [chroot options]: fails, says WORDS, changes nothing
  local folder=$1 words=$2
  shift 2
  ! run_installer "$folder" "$@" && grep -q "STOPPED" "$work/out" && grep -q "$words" "$work/out" && unchanged
}
check refused ailit-offline-amd64 "needs the administrator (root)" --userspec=65534:65534
check refused ailit-offline-armhf "for armhf computers, but this computer is amd64"
cp "$root/etc/debian_version" "$work/debian_version"
echo 11.11 >"$root/etc/debian_version"
check refused ailit-offline-amd64 "for Debian 12 (bookworm) and Raspberry Pi OS (bookworm) only"
cp "$work/debian_version" "$root/etc/debian_version"

# A folder copied badly: one package file cut short.
cp -r "$root$stick/ailit-offline-amd64" "$root$stick/damaged"
truncate -s 1000 "$(ls "$root$stick"/damaged/debs/libsdl2-2.0-0_*.deb)"
check refused damaged "missing or damaged"
# A folder that lacks a package ailit needs (here freetype, which SDL2_ttf needs), as
# if the maker had missed it: the installer stops before changing anything, and the
# maker's own check finds the gap too.
cp -r "$root$stick/ailit-offline-amd64" "$root$stick/incomplete"
(
  cd "$root$stick/incomplete" && rm debs/libfreetype6_*.deb &&
    awk -v RS= -v ORS='\n\n' '$0 !~ /(^|\n)Package: libfreetype6\n/' debs/Packages >Packages.new &&
    mv Packages.new debs/Packages && find debs -type f | LC_ALL=C sort | xargs sha256sum >SHA256SUMS
)
check refused incomplete "apt could not install ailit from this folder"
check grep -q "libfreetype6" "$work/out"
check test "$("$maker" --check amd64 "$root$stick/incomplete" >/dev/null 2>&1; echo $?)" -ne 0

# The real thing, then ailit on the installed packs.
check run_installer ailit-offline-amd64
check grep -q "ailit installer: done: ailit" "$work/out"
check in_root /usr/bin/ailit --version
check in_root /usr/bin/ailit validate /usr/share/ailit/courses
in_root sh -c 'cd / && ailit list' >"$work/list.out" 2>&1
check test $? -eq 0
check grep -q "course packs in /usr/share/ailit/courses$" "$work/list.out"
head -1 "$work/list.out"
check test ! -s "$root/etc/apt/sources.list" # the computer's apt set-up left alone
check run_installer ailit-offline-amd64      # a second run is harmless
check grep -q "ailit is already the newest version" "$work/out"

for arch in amd64 arm64 armhf; do
  echo "folder for $arch: $(find "$work/ailit-offline-$arch/debs" -name '*.deb' | wc -l) packages," \
    "$(du -sh "$work/ailit-offline-$arch" | cut -f1) ($(du -sb "$work/ailit-offline-$arch" | cut -f1) bytes)"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
