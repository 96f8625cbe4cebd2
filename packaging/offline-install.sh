#!/bin/sh
# Installs ailit @VERSION@ on a @ARCH@ computer running Debian 12 or Raspberry Pi OS
# (bookworm), from this folder alone: no internet, no apt sources needed. Run it as root
# from the folder, even on a USB stick that cannot run programs:
#     sudo sh install.sh
# README.txt explains it for the person installing. Made by ailit's
# packaging/make-offline-installer.sh (the @VERSION@ and @ARCH@ are filled in there).
arch=@ARCH@
ailit_version=@VERSION@

say() { printf '%s\n' "ailit installer: $*"; }
stop() {
  printf '\n%s\n' "ailit installer: STOPPED. $*" >&2
  exit 1
}

case $0 in
  */*) here=${0%/*} ;;
  *) here=. ;;
esac
here=$(cd "$here" && pwd) || stop "cannot open the folder this script is in."
[ -f "$here/debs/Packages" ] && [ -f "$here/SHA256SUMS" ] ||
  stop "run this script from inside the ailit installer folder, like this:
    cd /media/.../ailit-offline-$arch
    sudo sh install.sh"

# The right system: Debian 12 (bookworm) or a system built on it, on a @ARCH@ computer.
system="this computer's system"
if [ -r /etc/os-release ]; then
  system=$(. /etc/os-release && printf '%s' "${PRETTY_NAME:-$system}")
fi
debian=$(cat /etc/debian_version 2>/dev/null)
case $debian in
  12.*) ;;
  *) stop "this folder is for Debian 12 (bookworm) and Raspberry Pi OS (bookworm) only.
This computer runs $system (Debian version: ${debian:-none}).
Nothing was installed. Install Debian 12 or Raspberry Pi OS (bookworm) first, or ask
for an ailit installer made for this system." ;;
esac
command -v dpkg >/dev/null && command -v apt-get >/dev/null ||
  stop "dpkg and apt-get are missing: this does not look like a Debian system. Nothing was installed."
have=$(dpkg --print-architecture)
if [ "$have" != "$arch" ]; then
  stop "this folder is for $arch computers, but this computer is $have.
Nothing was installed. Use the folder ailit-offline-$have instead (ask whoever made
this stick; they make it with: packaging/make-offline-installer.sh $have ...)."
fi

if [ "$(id -u)" != 0 ]; then
  stop "installing software needs the administrator (root). Run it again like this:
    sudo sh '$here/install.sh'
(or, if there is no sudo, become root with su and run: sh '$here/install.sh')"
fi

count=$(grep -c '\.deb$' "$here/SHA256SUMS")
say "installing ailit $ailit_version for $arch on $system"
say "checking the $count package files in this folder (a minute or two on a slow stick)"
(cd "$here" && sha256sum --quiet -c SHA256SUMS) ||
  stop "some files in this folder are missing or damaged (listed above).
Nothing was installed. Copy the whole folder onto the stick again, then retry."

# apt, shown only this folder: the computer's own sources and package lists are left
# alone and nothing is fetched from the network. The link keeps spaces out of the path
# (sticks are often mounted at /media/NAME/USB STICK).
tmp=$(mktemp -d /tmp/ailit-install.XXXXXX) || stop "cannot make a folder in /tmp."
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
ln -s "$here/debs" "$tmp/folder"
mkdir -p "$tmp/lists/partial" "$tmp/cache" "$tmp/archives/partial" "$tmp/parts"
printf 'deb [trusted=yes] file:%s ./\n' "$tmp/folder" >"$tmp/sources.list"
set -- -o "Dir::Etc::SourceList=$tmp/sources.list" -o "Dir::Etc::SourceParts=$tmp/parts" \
  -o "Dir::State::Lists=$tmp/lists" -o "Dir::Cache=$tmp/cache" \
  -o "Dir::Cache::archives=$tmp/archives" -o APT::Sandbox::User=root \
  -o Acquire::Languages=none -o DPkg::Lock::Timeout=600
apt-get "$@" -q update >"$tmp/update.log" 2>&1 || {
  cat "$tmp/update.log" >&2
  stop "apt could not read this folder's package list (debs/Packages, message above)."
}
say "installing ailit and the packages it needs that this computer lacks"
# For a console without a desktop (SDL's KMSDRM). Those this computer did not have are
# marked as installed for ailit afterwards, so that removing ailit and then
# 'apt-get autoremove' takes them away again.
console="libegl1 libgles2 libgl1-mesa-dri"
console_new=
for p in $console; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
    console_new="$console_new $p"
done
# shellcheck disable=SC2086 # one argument per package
DEBIAN_FRONTEND=noninteractive apt-get "$@" install -y --no-install-recommends ailit \
  $console || {
  stop "apt could not install ailit from this folder (its message is above).
If it says another program holds the package lock, wait for it to finish and retry.
If it says to run 'dpkg --configure -a', run that as root, then retry.
If packages are missing, the folder is incomplete or made for another release:
ask for a new one."
}
# shellcheck disable=SC2086
[ -z "$console_new" ] || apt-mark auto $console_new >/dev/null ||
  say "note: could not mark$console_new as installed for ailit (harmless)"
command -v ailit >/dev/null || stop "apt finished but there is no ailit command."
say "done: $(ailit --version 2>&1 | head -1)"
say "start it from the applications menu (Education, ailit) or by typing: ailit"
