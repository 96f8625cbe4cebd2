#!/usr/bin/env bash
# Makes the fonts named in fonts.json available in this folder by linking them from
# Debian's font packages (fonts-noto-core, fonts-wqy-microhei), which the set-up
# script installs. Font files are never committed; a USB bundle copies the real files.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
declare -A source=(
  [NotoSans-Regular.ttf]=/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf
  [NotoSans-Bold.ttf]=/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf
  [NotoSansArabic-Regular.ttf]=/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf
  [NotoSansArabic-Bold.ttf]=/usr/share/fonts/truetype/noto/NotoSansArabic-Bold.ttf
  [wqy-microhei.ttc]=/usr/share/fonts/truetype/wqy/wqy-microhei.ttc
)
missing=0
for name in "${!source[@]}"; do
  if [ -f "${source[$name]}" ]; then
    ln -sf "${source[$name]}" "$here/$name"
  else
    echo "fonts: ${source[$name]} is missing; install fonts-noto-core and fonts-wqy-microhei" >&2
    missing=1
  fi
done
exit $missing
