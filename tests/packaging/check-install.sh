#!/usr/bin/env bash
# What a classroom laptop gets from `cmake --install` and from the Debian package:
# the program, the bundled packs (usable as installed), fonts that resolve, the
# desktop entry; and a .deb that declares the libraries and fonts it needs.
#   check-install.sh BUILD_DIR [release|not-for-release]
set -u
build=$1 kind=${2:-release}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
# A cross build's programs run under its emulator (AILIT_EMULATOR, set by CMake), and
# its package is for the target's architecture (AILIT_DEB_ARCH).
run=${AILIT_EMULATOR:-}
check() { if "$@"; then echo "ok: $*"; passed=$((passed + 1)); else echo "FAILED: $*"; failed=$((failed + 1)); fi; }

DESTDIR="$work/root" cmake --install "$build" --prefix /usr >/dev/null
root="$work/root/usr"
check test -x "$root/bin/ailit"
# ailit push runs libexec/ailit/ailit-push, the only program that links libcurl.
check test -x "$root/libexec/ailit/ailit-push"
check sh -c "! readelf -dW '$root/bin/ailit' | grep -q 'NEEDED.*libcurl'"
if [ -z "$run" ]; then # under qemu-user one program cannot start another of the target's
  check sh -c "'$root/bin/ailit' push --help | grep -q '^usage: ailit push'"
fi
check test -f "$root/share/applications/ailit.desktop"
check test -f "$root/share/icons/hicolor/scalable/apps/ailit.svg"
check test -f "$root/share/ailit/fonts/fonts.json"
# Each link is relative under /usr (Debian policy) and, on the installed system,
# resolves to Debian's font file.
for font in NotoSans-Regular.ttf NotoSansArabic-Regular.ttf wqy-microhei.ttc; do
  link=$(readlink "$root/share/ailit/fonts/$font")
  check test "${link#/}" = "$link"
  check test -e "$(realpath -m "/usr/share/ailit/fonts/$link")"
done
check test -f "$root/share/man/man1/ailit.1.gz"
check test -f "$root/share/doc/ailit/copyright"
check test -f "$root/share/doc/ailit/changelog.gz"
check test -f "$root/share/metainfo/invalid.ailit.ailit.metainfo.xml"
if command -v appstreamcli >/dev/null; then
  check appstreamcli validate --no-net "$root/share/metainfo/invalid.ailit.ailit.metainfo.xml"
else
  echo "skipped: appstreamcli is not installed (apt-get install appstream)"
fi
packs=0
for pack in "$root"/share/ailit/courses/*/; do
  [ -f "$pack/pack.json" ] || continue
  packs=$((packs + 1))
  check $run "$root/bin/ailit" validate --strict "$pack"
done
check test "$packs" -ge 3
check grep -q "^Exec=ailit --courses /usr/share/ailit/courses$" "$root/share/applications/ailit.desktop"
if command -v desktop-file-validate >/dev/null; then
  check desktop-file-validate "$root/share/applications/ailit.desktop"
else # one check of many: said, not silently passed (apt-get install desktop-file-utils)
  echo "skipped: desktop-file-validate is not installed; the desktop entry was not validated"
fi

(cd "$work" && cpack --config "$build/CPackConfig.cmake" -B "$work/deb" >/dev/null 2>&1)
deb=$(ls "$work"/deb/*.deb 2>/dev/null | head -1)
check test -n "$deb"
if [ -n "$deb" ]; then
  contents=$(dpkg-deb -c "$deb")
  check grep -q "./usr/bin/ailit" <<<"$contents"
  check grep -q "./usr/libexec/ailit/ailit-push" <<<"$contents"
  check grep -q "./usr/share/ailit/courses/ai-basics/pack.json" <<<"$contents"
  depends=$(dpkg-deb -f "$deb" Depends)
  echo "Depends: $depends"
  # libcurl4 is ailit-push's: dpkg-shlibdeps reads every program in the package
  for need in libsdl2-2.0-0 libsdl2-ttf-2.0-0 libsqlite3-0 libsodium23 libfribidi0 libcurl4 fonts-noto-core fonts-wqy-microhei; do
    check grep -q "$need" <<<"$depends"
  done
  check test "$(dpkg-deb -f "$deb" Architecture)" = "${AILIT_DEB_ARCH:-$(dpkg --print-architecture)}"
  # Installed-Size (KiB) is what the files take, not what an unstripped build would.
  mkdir "$work/x" && dpkg-deb -x "$deb" "$work/x"
  size=$(dpkg-deb -f "$deb" Installed-Size) files=$(du -sk --apparent-size "$work/x" | cut -f1)
  echo "Installed-Size: $size KiB; files: $files KiB"
  check test "$size" -ge $((files * 9 / 10)) -a "$size" -le $((files * 11 / 10))
  for program in usr/bin/ailit usr/libexec/ailit/ailit-push; do
    check bash -c "file '$work/x/$program' | grep -q ', stripped'"
  done
  if [ "$kind" != release ]; then
    echo "skipped: hardening-check, this build is not hardened (sanitizers or AILIT_HARDEN=OFF)"
  elif command -v hardening-check >/dev/null; then # PIE, stack protector, FORTIFY, RELRO, BIND_NOW
    check hardening-check --nocfprotection "$work/x/usr/bin/ailit" "$work/x/usr/libexec/ailit/ailit-push"
  else
    echo "skipped: hardening-check is not installed (apt-get install devscripts)"
  fi
  if command -v lintian >/dev/null; then # every error and warning fails; infos are shown
    lintian -I "$deb" 2>/dev/null | tee "$work/lintian.txt"
    check test -z "$(grep -E '^(E|W):' "$work/lintian.txt")"
  else
    echo "skipped: lintian is not installed (apt-get install lintian)"
  fi
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
