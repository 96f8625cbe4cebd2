#!/usr/bin/env bash
# What a classroom laptop gets from `cmake --install` and from the Debian package:
# the program, the bundled packs (usable as installed), fonts that resolve, the
# desktop entry; and a .deb that declares the libraries and fonts it needs.
#   check-install.sh BUILD_DIR
set -u
build=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
check() { if "$@"; then echo "ok: $*"; passed=$((passed + 1)); else echo "FAILED: $*"; failed=$((failed + 1)); fi; }

DESTDIR="$work/root" cmake --install "$build" --prefix /usr >/dev/null
root="$work/root/usr"
check test -x "$root/bin/ailit"
check test -f "$root/share/applications/ailit.desktop"
check test -f "$root/share/icons/hicolor/scalable/apps/ailit.svg"
check test -f "$root/share/ailit/fonts/fonts.json"
for font in NotoSans-Regular.ttf NotoSansArabic-Regular.ttf wqy-microhei.ttc; do
  check test -e "$root/share/ailit/fonts/$font" # the link resolves to Debian's font file
done
packs=0
for pack in "$root"/share/ailit/courses/*/; do
  [ -f "$pack/pack.json" ] || continue
  packs=$((packs + 1))
  check "$root/bin/ailit" validate --strict "$pack"
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
  check grep -q "./usr/share/ailit/courses/ai-basics/pack.json" <<<"$contents"
  depends=$(dpkg-deb -f "$deb" Depends)
  echo "Depends: $depends"
  for need in libsdl2-2.0-0 libsdl2-ttf-2.0-0 libsqlite3-0 libsodium23 libfribidi0 fonts-noto-core fonts-wqy-microhei; do
    check grep -q "$need" <<<"$depends"
  done
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
