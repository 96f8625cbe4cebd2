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
# in this amd64 build they are made from its .deb relabelled for that architecture,
# which has the same Depends (the same libraries), and nothing is run for arm.
# In a cross build (packaging/toolchain-arm64.cmake, -armhf) the folder is made from the
# real arm .deb and, with qemu-user-static, its packages are unpacked over a minimal
# Debian 12 of that architecture (debootstrap --foreign) and ailit runs there under
# qemu: --version, validate, list, a first frame; and not without one of the packages.
#   check-offline-installer.sh BUILD_DIR [release|not-for-release]
# Needs root, debootstrap and a Debian mirror (to make the folders); without them it
# says why and exits 77. Downloads are kept in BUILD_DIR/debian-root.
set -u
# shellcheck source=debian-root.sh
. "$(dirname "$0")/debian-root.sh"
debian_root_setup "$1" "${2:-release}"
build=$(cd "$1" && pwd)
maker=$(cd "$(dirname "$0")/../../packaging" && pwd)/make-offline-installer.sh
command -v dpkg-scanpackages >/dev/null || skip "dpkg-scanpackages is missing (apt-get install dpkg-dev)"
export AILIT_OFFLINE_CACHE="$cache/offline"
debian_root_work

(cd "$work" && cpack --config "$build/CPackConfig.cmake" -B "$work/deb" >"$work/cpack.log" 2>&1)
deb=$(ls "$work"/deb/ailit_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || { tail -20 "$work/cpack.log"; echo "FAILED: cpack made no .deb"; exit 1; }
deb_arch=$(dpkg-deb -f "$deb" Architecture)
[ "$(dpkg --print-architecture)" = amd64 ] || skip "the clean roots are made on amd64; this is $(dpkg --print-architecture)"

present() { compgen -G "$1" >/dev/null; }
make_folder() { # make_folder ARCH DEB
  local log="$work/make-$1.log"
  "$maker" "$1" "$2" "$work/ailit-offline-$1" >"$log" 2>&1
  local rc=$?
  cat "$log"
  grep -q "cannot read bookworm" "$log" && skip "the Debian mirror cannot be reached to make the $1 folder"
  return $rc
}
folder_checks() { # folder_checks ARCH DEB: made, checked by apt, complete
  check make_folder "$1" "$2"
  check grep -q "checked: apt finds everything ailit needs" "$work/make-$1.log"
  local f
  for f in install.sh README.txt SHA256SUMS debs/Packages "debs/ailit_*_$1.deb"; do
    check present "$work/ailit-offline-$1/$f"
  done
  check grep -q "for $1 computers" "$work/ailit-offline-$1/README.txt"
}
folder_size() {
  echo "folder for $1: $(find "$work/ailit-offline-$1/debs" -name '*.deb' | wc -l) packages," \
    "$(du -sh "$work/ailit-offline-$1" | cut -f1) ($(du -sb "$work/ailit-offline-$1" | cut -f1) bytes)"
}

if [ "$deb_arch" != amd64 ]; then # a cross build: the real arm package, run under qemu
  case $deb_arch in
    arm64) cpu=aarch64 ;;
    armhf) cpu=arm ;;
    *) skip "no offline installer for $deb_arch (amd64, arm64, armhf)" ;;
  esac
  qemu=$(command -v "qemu-$cpu-static") || skip "qemu-$cpu-static is missing (apt-get install qemu-user-static)"
  folder_checks "$deb_arch" "$deb"
  debian_root_make "$cache/foreign-$deb_arch" --foreign --arch="$deb_arch"
  debian_root_fresh "$cache/foreign-$deb_arch"
  for d in "$work/ailit-offline-$deb_arch"/debs/*.deb; do
    dpkg-deb --fsys-tarfile "$d" | tar -x --keep-directory-symlink -C "$root"
  done
  cp "$qemu" "$root/usr/bin/"
  # In the root, so that a library missing there is not taken from this machine.
  emulated() { env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/tmp LANG=C.UTF-8 "$@"; }
  ailit_in_root() { emulated chroot "$root" "/usr/bin/qemu-$cpu-static" /usr/bin/ailit "$@"; }
  check ailit_in_root --version
  check ailit_in_root validate /usr/share/ailit/courses
  ailit_in_root list >"$work/list.out" 2>&1
  check test $? -eq 0
  check grep -q "course packs in /usr/share/ailit/courses$" "$work/list.out"
  check emulated SDL_VIDEODRIVER=dummy chroot "$root" "/usr/bin/qemu-$cpu-static" /usr/bin/ailit \
    --size 800x480 --screenshot /tmp/shot.png
  check test -s "$root/tmp/shot.png"
  cp "$root/tmp/shot.png" "$cache/offline-$deb_arch-screenshot.png" 2>/dev/null # for a person to look at
  # Without freetype (from the folder's libfreetype6), ailit must not start.
  freetype=$(dpkg-deb -c "$work/ailit-offline-$deb_arch"/debs/libfreetype6_*.deb |
    sed -n 's#.* \./\(usr/lib/[^ ]*/libfreetype\.so\.6\)\( -> .*\)\{0,1\}$#\1#p')
  check test -n "$freetype"
  if [ -n "$freetype" ]; then
    mv "$root/$freetype" "$work/freetype"
    ailit_in_root --version >"$work/no-freetype.out" 2>&1
    check test $? -ne 0
    check grep -q "libfreetype.so.6" "$work/no-freetype.out"
    mv "$work/freetype" "$root/$freetype"
  fi
  folder_size "$deb_arch"
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit
fi

# The folders. The arm ones from the .deb relabelled (see above).
relabel() { # relabel ARCH -> prints the path of the relabelled .deb
  local dir="$work/relabel-$1" name
  name="ailit_$(dpkg-deb -f "$deb" Version)_$1.deb"
  mkdir -p "$dir" && dpkg-deb -R "$deb" "$dir/tree" &&
    sed -i "s/^Architecture: .*/Architecture: $1/" "$dir/tree/DEBIAN/control" &&
    dpkg-deb -b --root-owner-group "$dir/tree" "$dir/$name" >/dev/null && echo "$dir/$name"
}
for arch in amd64 arm64 armhf; do
  if [ $arch = amd64 ]; then arch_deb=$deb; else arch_deb=$(relabel $arch); fi
  folder_checks $arch "$arch_deb"
done
debian_root_make "$base"
debian_root_fresh

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
  local folder=$1 how
  shift
  how="cd \"$stick/$folder\" && sh install.sh" # from the folder, or from elsewhere:
  [ -z "${from_elsewhere:-}" ] || how="cd /tmp && sh \"$stick/$folder/install.sh\""
  "${offline[@]}" chroot "$@" "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/ LANG=C.UTF-8 \
    sh -c "$how" >"$work/out" 2>&1
  local rc=$?
  sed 's/^/  | /' "$work/out"
  return $rc
}
packages_before=$(in_root dpkg-query -W | wc -l)
unchanged() { # nothing installed, the root's apt sources and lists as they were
  [ "$(in_root dpkg-query -W | wc -l)" -eq "$packages_before" ] && [ ! -s "$root/etc/apt/sources.list" ] &&
    [ -z "$(ls "$root/etc/apt/sources.list.d")" ] && [ -z "$(find "$root/var/lib/apt/lists" -mindepth 1 -maxdepth 1 ! -name partial ! -name lock)" ]
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
# What a console without a desktop needs for a picture (SDL's KMSDRM: EGL, GL ES, Mesa).
check in_root dpkg-query -W libegl1 libgles2 libgl1-mesa-dri
# ...installed for ailit: removing ailit and autoremove take them away again.
check in_root sh -c 'apt-mark showauto | grep -qx libegl1'
check in_root /usr/bin/ailit validate /usr/share/ailit/courses
in_root sh -c 'cd / && ailit list' >"$work/list.out" 2>&1
check test $? -eq 0
check grep -q "course packs in /usr/share/ailit/courses$" "$work/list.out"
head -1 "$work/list.out"
check test ! -s "$root/etc/apt/sources.list" # the computer's apt set-up left alone
from_elsewhere=yes check run_installer ailit-offline-amd64 # a second run, by full path, is harmless
check grep -q "ailit is already the newest version" "$work/out"

for arch in amd64 arm64 armhf; do folder_size $arch; done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
