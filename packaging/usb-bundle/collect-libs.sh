#!/usr/bin/env bash
# Copies the shared libraries an ailit binary needs into one folder of the USB bundle,
# as real files named by their SONAME (a FAT stick has no symbolic links).
#
#   collect-libs.sh --out LIBDIR --search DIR[:DIR...] [--readelf READELF]
#                   [--also SONAME]... ELF...
#
# The libraries are found by reading the DT_NEEDED entries with readelf (never ldd,
# which would have to run the binary: a cross build's arm64 binary cannot run here),
# recursively, in the --search folders and in each library's own RUNPATH (libpulse
# keeps libpulsecommon in a private folder). glibc's own libraries are left out: the
# launcher runs the binary through the machine's dynamic loader, which must come with
# its own libc. --also adds a library that is loaded with dlopen, which no DT_NEEDED
# names. Every library must be for the binary's machine (readelf's Machine line).
# Prints one line per library copied; a library that is not found is an error (exit 1)
# that names it and what needs it.
set -euo pipefail

out='' readelf=readelf search='' also=() elves=()
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out=$2; shift 2 ;;
    --search) search=$2; shift 2 ;;
    --readelf) readelf=$2; shift 2 ;;
    --also) also+=("$2"); shift 2 ;;
    -*) echo "collect-libs: unknown option $1" >&2; exit 2 ;;
    *) elves+=("$1"); shift ;;
  esac
done
if [ -z "$out" ] || [ -z "$search" ] || [ ${#elves[@]} -eq 0 ]; then
  echo "usage: collect-libs.sh --out LIBDIR --search DIR[:DIR...] [--readelf READELF] [--also SONAME]... ELF..." >&2
  exit 2
fi

# glibc (libc6): these come with the machine's dynamic loader and must match it.
is_glibc() {
  case "$1" in
    ld-linux*.so.* | ld64.so.* | libc.so.* | libm.so.* | libmvec.so.* | libpthread.so.* | \
      libdl.so.* | librt.so.* | libresolv.so.* | libutil.so.* | libanl.so.* | \
      libBrokenLocale.so.* | libnss_*.so.* | libthread_db.so.* | libc_malloc_debug.so.* | \
      libmemusage.so | libpcprofile.so)
      return 0 ;;
  esac
  return 1
}

machine() { "$readelf" -hW "$1" | sed -n 's/^ *Machine: *//p'; }
needed() { "$readelf" -dW "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\].*/\1/p'; }
runpath() { # RUNPATH or RPATH folders, $ORIGIN made the library's own folder
  local dir
  dir=$(dirname "$(readlink -f "$1")")
  "$readelf" -dW "$1" | sed -n 's/.*(R\(UN\)\{0,1\}PATH).*\[\(.*\)\].*/\2/p' | tr ':' '\n' |
    sed "s|\\\$ORIGIN|$dir|; s|\\\${ORIGIN}|$dir|"
}

want=$(machine "${elves[0]}")
[ -n "$want" ] || { echo "collect-libs: ${elves[0]} is not an ELF file" >&2; exit 1; }
mkdir -p "$out"

declare -A done_names=()
queue=() # entries "SONAME<TAB>WHO<TAB>EXTRA_SEARCH_DIRS"
for e in "${elves[@]}"; do
  extra=$(runpath "$e" | tr '\n' ':')
  while read -r n; do [ -n "$n" ] && queue+=("$n	$e	$extra"); done < <(needed "$e")
done
for n in "${also[@]+"${also[@]}"}"; do queue+=("$n	--also	"); done

find_lib() { # find_lib SONAME DIRS(colon-separated): prints the path for this machine
  local d IFS=:
  for d in $2; do
    if [ -z "$d" ] || [ ! -e "$d/$1" ]; then continue; fi
    [ "$(machine "$d/$1")" = "$want" ] && { echo "$d/$1"; return 0; }
  done
  return 1
}

missing=0
while [ ${#queue[@]} -gt 0 ]; do
  IFS='	' read -r name who extra <<<"${queue[0]}"
  queue=("${queue[@]:1}")
  [ -n "${done_names[$name]:-}" ] && continue
  done_names[$name]=1
  is_glibc "$name" && continue
  if ! path=$(find_lib "$name" "$extra:$search"); then
    echo "collect-libs: $name (needed by $(basename "$who")) is not in $search for $want;" \
      "install its package for this architecture" >&2
    missing=1
    continue
  fi
  cp -L --preserve=timestamps "$path" "$out/$name"
  chmod 0644 "$out/$name"
  echo "$name	$path"
  extra=$(runpath "$path" | tr '\n' ':')
  while read -r n; do [ -n "$n" ] && queue+=("$n	$path	$extra"); done < <(needed "$path")
done
exit $missing
