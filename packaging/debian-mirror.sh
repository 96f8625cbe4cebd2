#!/bin/sh
# The Debian mirror that ailit's packaging scripts and tests download from:
#   debian-mirror.sh            the archive (.../debian)
#   debian-mirror.sh security   the security archive (.../debian-security)
# $AILIT_DEBIAN_MIRROR (or $AILIT_DEBIAN_SECURITY_MIRROR) if set, else the one apt
# uses on this machine, else deb.debian.org.
case ${1:-archive} in
  archive) given=${AILIT_DEBIAN_MIRROR:-} tail=debian ;;
  security) given=${AILIT_DEBIAN_SECURITY_MIRROR:-} tail=debian-security ;;
  *) echo "usage: debian-mirror.sh [archive|security]" >&2; exit 2 ;;
esac
if [ -n "$given" ]; then
  echo "$given"
  exit 0
fi
found=$(grep -hoE "(URIs:|^deb) +https?://[^ ]+/$tail/?( |\$)" /etc/apt/sources.list.d/*.sources \
  /etc/apt/sources.list 2>/dev/null | grep -oE 'https?://[^ ]+' | head -1)
echo "${found:-http://deb.debian.org/$tail}"
