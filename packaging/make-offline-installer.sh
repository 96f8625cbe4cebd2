#!/usr/bin/env bash
# Makes an offline installer folder for schools without internet: the ailit .deb and
# every Debian package it needs that a minimal Debian 12 / Raspberry Pi OS lacks, with
# install.sh (run as `sudo sh install.sh`, from a USB stick) and README.txt.
#
#   make-offline-installer.sh ARCH AILIT_DEB OUTDIR     ARCH: amd64, arm64 or armhf
#   make-offline-installer.sh --check ARCH OUTDIR       only check a folder made before
#
# "Minimal" is what `debootstrap --variant=minbase bookworm` installs for ARCH; the
# packages come from bookworm, bookworm-updates and bookworm-security (newest first),
# resolved by apt for ARCH on this machine, whatever its own architecture. The folder is
# then checked on its own: apt, given only the folder and the minimal system, must find
# everything ailit needs. This machine needs a Debian mirror (packaging/debian-mirror.sh);
# the school needs nothing but the folder.
# Downloads are kept in $AILIT_OFFLINE_CACHE (default ~/.cache/ailit-offline-installer).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
usage() {
  echo "usage: make-offline-installer.sh ARCH AILIT_DEB OUTDIR   (ARCH: amd64, arm64, armhf)" >&2
  echo "       make-offline-installer.sh --check ARCH OUTDIR" >&2
  exit 2
}
die() { echo "make-offline-installer: $*" >&2; exit 1; }
say() { echo "make-offline-installer: $*"; }
# What SDL's KMSDRM driver loads to show a picture on a console without a desktop (a
# Raspberry Pi OS Lite): EGL, GL ES and Mesa's drivers. A desktop has them already; a
# school without internet could not add them later, so the folder carries them (and
# install.sh installs them) too.
console=(libegl1 libgles2 libgl1-mesa-dri)

check_only=no
if [ "${1:-}" = --check ]; then check_only=yes; shift; fi
arch=${1:-}
case $arch in amd64 | arm64 | armhf) ;; *) usage ;; esac
if [ $check_only = yes ]; then
  [ $# -eq 2 ] || usage
  out=$2
else
  [ $# -eq 3 ] || usage
  deb=$2 out=$3
  [ -f "$deb" ] || die "no such .deb: $deb"
  deb=$(cd "$(dirname "$deb")" && pwd)/$(basename "$deb")
  [ "$(dpkg-deb -f "$deb" Package)" = ailit ] || die "$deb is not the ailit package"
  deb_arch=$(dpkg-deb -f "$deb" Architecture)
  [ "$deb_arch" = "$arch" ] || die "$deb is built for $deb_arch, not $arch: build ailit for $arch first"
fi
for tool in apt-get apt-cache debootstrap dpkg-deb dpkg-scanpackages sha256sum; do
  command -v $tool >/dev/null || die "$tool is missing (apt-get install apt debootstrap dpkg-dev coreutils)"
done
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
[ -f $keyring ] || die "$keyring is missing (apt-get install debian-archive-keyring)"

mirror=$("$here/debian-mirror.sh")
security=$("$here/debian-mirror.sh" security)
cache=${AILIT_OFFLINE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ailit-offline-installer}/$arch
mkdir -p "$cache"/{lists/partial,archives/partial,apt-cache,empty}
cache=$(cd "$cache" && pwd)

# apt for ARCH, apart from this machine's own apt: its sources, lists, cache and dpkg
# status are ours (the status is the minimal system's); its settings (proxy) are kept.
# It downloads as the user running this (the cache may be in a home _apt cannot enter).
cat >"$cache/apt.conf" <<EOF
APT::Architecture "$arch";
APT::Architectures { "$arch"; };
APT::Install-Recommends "false";
APT::Get::List-Cleanup "false";
Dir::State::Lists "$cache/lists";
Dir::State::status "$cache/status";
Dir::State::extended_states "$cache/extended_states";
Dir::Cache "$cache/apt-cache";
Dir::Cache::archives "$cache/archives";
Dir::Etc::SourceList "$cache/sources.list";
Dir::Etc::SourceParts "$cache/empty";
Dir::Etc::Preferences "$cache/empty/none";
Dir::Etc::PreferencesParts "$cache/empty";
Debug::NoLocking "true";
APT::Sandbox::User "root";
EOF
ours() { APT_CONFIG="$cache/apt.conf" "$@"; }

# The minimal system's dpkg status: debootstrap's minbase list, at bookworm's versions.
minimal_status() {
  local list
  list=$(debootstrap --print-debs --variant=minbase --arch="$arch" bookworm \
    "$cache/debootstrap" "$mirror" 2>"$cache/debootstrap.log") ||
    { tail -5 "$cache/debootstrap.log" >&2; die "debootstrap cannot read bookworm ($arch) from $mirror"; }
  printf 'deb [signed-by=%s] %s bookworm main\n' $keyring "$mirror" >"$cache/sources.list"
  : >"$cache/status"
  ours apt-get update -qq || die "apt cannot read bookworm ($arch) from $mirror"
  # shellcheck disable=SC2086 # one word per package
  ours apt-cache show --no-all-versions $list |
    awk '/^Package:/ { print; print "Status: install ok installed"; next } { print }' \
      >"$cache/status.new"
  mv "$cache/status.new" "$cache/status"
  echo "$list" | wc -w >"$cache/minimal-count"
}

# The folder alone, as the school's apt sees it: ailit must be installable from it.
check_folder() {
  local dir
  dir=$(cd "$1" && pwd)
  [ -f "$cache/status" ] || minimal_status
  [ -f "$dir/debs/Packages" ] || die "$dir has no debs/Packages: not an offline installer folder"
  mkdir -p "$cache/check/lists/partial" "$cache/check/apt-cache"
  echo "deb [trusted=yes] file:$dir/debs ./" >"$cache/check/sources.list"
  local o=(-o Dir::Etc::SourceList="$cache/check/sources.list"
    -o Dir::State::Lists="$cache/check/lists" -o Dir::Cache="$cache/check/apt-cache")
  ours apt-get "${o[@]}" update -qq >"$cache/check.log" 2>&1 &&
    ours apt-get "${o[@]}" install --simulate ailit "${console[@]}" >>"$cache/check.log" 2>&1 || {
    cat "$cache/check.log" >&2
    echo "make-offline-installer: the folder $dir is incomplete:" \
      "apt cannot install ailit from it on a minimal Debian 12 ($arch)" >&2
    return 1
  }
  rm -rf "$cache/check"
  say "checked: apt finds everything ailit needs in $dir on a minimal Debian 12 ($arch)"
}

if [ $check_only = yes ]; then
  check_folder "$out"
  exit
fi

if [ -e "$out" ] && [ -n "$(ls -A "$out")" ] && [ ! -f "$out/install.sh" ]; then
  die "$out is not empty and not an offline installer folder: choose a new folder"
fi
started=$(date +%s)
say "reading what a minimal Debian 12 ($arch) has, from $mirror"
minimal_status
{
  printf 'deb [signed-by=%s] %s %s main\n' $keyring "$mirror" bookworm $keyring "$mirror" bookworm-updates
  printf 'deb [signed-by=%s] %s bookworm-security main\n' $keyring "$security"
} >"$cache/sources.list"
ours apt-get update -qq || die "apt cannot read bookworm, bookworm-updates and bookworm-security ($arch)"

# What apt would add to the minimal system to install ailit (and the console's
# libraries), then download it.
ours apt-get install --simulate "$deb" "${console[@]}" >"$cache/plan" 2>&1 ||
  { cat "$cache/plan" >&2; die "apt cannot install $deb on a minimal Debian 12 ($arch)"; }
mapfile -t wanted < <(sed -n 's/^Inst \([^ ]*\) .*(\([^ ]*\) .*\[\([^]]*\)\])$/\1_\2_\3.deb/p' "$cache/plan" |
  sed 's/:/%3a/g' | grep -v '^ailit_')
say "downloading ${#wanted[@]} packages ailit needs"
ours apt-get install --download-only -y -qq "$deb" "${console[@]}" >"$cache/download.log" 2>&1 ||
  { cat "$cache/download.log" >&2; die "apt could not download the packages (see above)"; }

mkdir -p "$out"
out=$(cd "$out" && pwd)
rm -rf "$out/debs" "$out/install.sh" "$out/README.txt" "$out/SHA256SUMS"
mkdir "$out/debs"
for f in "${wanted[@]}"; do
  [ -f "$cache/archives/$f" ] || die "apt did not download $f"
  cp "$cache/archives/$f" "$out/debs/"
done
version=$(dpkg-deb -f "$deb" Version)
cp "$deb" "$out/debs/ailit_${version}_$arch.deb"
(cd "$out/debs" && dpkg-scanpackages --multiversion . /dev/null >Packages 2>/dev/null)
for f in offline-install.sh offline-README.txt; do
  sed -e "s/@ARCH@/$arch/g" -e "s/@VERSION@/$version/g" "$here/$f" >"$out/${f#offline-}"
done
(cd "$out" && find debs -type f | LC_ALL=C sort | xargs sha256sum >SHA256SUMS)

# An incomplete folder must not reach a stick: it is emptied.
check_folder "$out" || { rm -rf "${out:?}"/{debs,install.sh,README.txt,SHA256SUMS}; die "nothing was made"; }
count=$(find "$out/debs" -name '*.deb' | wc -l)
say "$out: ailit $version for $arch, $count packages, $(du -sh "$out" | cut -f1)" \
  "($(du -sb "$out" | cut -f1) bytes), made in $(($(date +%s) - started)) s"
