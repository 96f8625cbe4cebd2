#!/usr/bin/env bash
# What a learner or teacher sees when ailit cannot use its progress store: the app
# headless (SDL dummy video) on a store that is damaged, newer, held by another
# program, missing its folder, or (read-only mode) read-only or on a full disk. Each
# time the start-up screen names the problem in a sentence, Quit (Enter) or Escape
# ends the app with exit code 1, and the data folder is left as it was. A store that
# was read-only opens again, with its learner, once it may be written.
#   run-startup.sh AILIT HOLD_STORE portable|read-only
# read-only needs root (mounts, chattr) or a user the file modes apply to; without
# either it exits 77 (skipped).
set -u
ailit=$1 hold=$2 mode=$3
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
mounts=()
cleanup() {
  for m in "${mounts[@]}"; do umount "$m"; done
  chattr -i "$work"/*/progress.db 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
export SDL_VIDEODRIVER=${SDL_VIDEODRIVER:-dummy} SDL_AUDIODRIVER=dummy
cd "$work"
failed=0
check() { if "$@"; then echo "ok: $*"; else echo "FAILED: $*"; failed=1; fi; }
app() { # app DATA_DIR SCRIPT [options...]: the exit code is the test's
  local data=$1 script=$2; shift 2
  "$ailit" --courses "$here/fixtures/courses" --fonts "$here/../../fonts" --data-dir "$data" \
    --size 800x480 --lang en --script "$here/$script" "$@" 2>>stderr.txt
}
# The start-up screen's words, as one line (wrapped lines joined with a space).
said() { grep "^text " refused.txt | sed "s/^text [^']*'//; s/'\$//" | tr '\n' ' '; }
says() { said | grep -qF -- "$1"; }
listing() { ls -A "$1" | sort | tr '\n' ' '; }
# refused DATA_DIR SENTENCE_PART: the screen is on, says it, and Quit ends the app.
refused() {
  rm -f refused.txt
  app "$1" startup-refused.script
  local rc=$?
  check test "$rc" = 1
  check says "$2"
  if ! says "$2"; then echo "  the screen said: $(said)"; fi
}
make_store() { # a store with the learner "Kept Safe" in folder $1
  check app "$1" startup-add.script
}
kept() { check app "$1" startup-kept.script; }

finish() {
  # Sanitizer builds: a leak or undefined behaviour would end the app with the same
  # exit code 1 as Quit, so their reports are looked for as well.
  if [ -f stderr.txt ]; then check test -z "$(grep -E 'Sanitizer|runtime error' stderr.txt)"; fi
  if [ $failed != 0 ]; then echo "stderr of the app:"; cat stderr.txt; fi
  if [ -n "${AILIT_UI_SHOTS:-}" ]; then mkdir -p "$AILIT_UI_SHOTS" && cp ./*.bmp "$AILIT_UI_SHOTS"/; fi
  exit $failed
}

if [ "$mode" = portable ]; then
  # Damaged: the copy kept aside is named, the file itself left alone.
  make_store damaged
  head -c 8192 /dev/urandom >damaged/progress.db
  cp damaged/progress.db damaged-before.db
  refused damaged "is damaged, so ailit cannot use it"
  check says "damaged/progress.db.damaged-"
  check cmp damaged/progress.db damaged-before.db
  check test "$(ls damaged | grep -c '^progress.db.damaged-')" = 1
  # Escape quits too.
  rm -f refused.txt
  app damaged startup-escape.script
  check test $? = 1
  check says "is damaged"
  # Made by a newer ailit (user_version 99 in the header).
  make_store newer
  printf '\000\000\000\143' | dd of=newer/progress.db bs=1 seek=60 conv=notrunc 2>/dev/null
  refused newer "was saved by a newer version of ailit"
  check test -z "$(said | grep -F damaged)"
  # A folder that can never be made (under a file).
  touch not-a-folder
  refused not-a-folder/data "cannot create the folder"
  # Held by another program: waited for, then opened once it lets go...
  make_store held
  "$hold" held/progress.db release >hold.txt &
  holder=$!
  for _ in $(seq 100); do grep -q held hold.txt && break; sleep 0.1; done
  check grep -q held hold.txt
  app held startup-kept.script &
  waiter=$!
  for _ in $(seq 100); do grep -q "waiting for it" stderr.txt && break; sleep 0.1; done
  check grep -q "waiting for it" stderr.txt
  touch release
  wait "$holder"
  wait "$waiter"
  check test $? = 0
  # ...or, when it does not, the screen says another ailit holds it.
  rm -f release
  "$hold" held/progress.db release >hold2.txt &
  holder=$!
  for _ in $(seq 100); do grep -q held hold2.txt && break; sleep 0.1; done
  refused held "ailit is already open in another window"
  touch release
  wait "$holder"
  kept held
  # The --screenshot of a damaged store is the start-up screen, and says so by its code.
  "$ailit" --courses "$here/fixtures/courses" --fonts "$here/../../fonts" --data-dir damaged \
    --size 800x480 --lang ar --screenshot damaged-ar.bmp 2>>stderr.txt
  check test $? = 1
  check test -s damaged-ar.bmp
else
  # Read-only: root ignores file modes, so a read-only mount and an immutable file;
  # another user is held to the modes.
  if [ "$(id -u)" != 0 ]; then
    make_store rofile
    chmod 0444 rofile/progress.db
    before=$(listing rofile)
    refused rofile "may read the file"
    check test "$(listing rofile)" = "$before"
    chmod 0644 rofile/progress.db
    kept rofile
    make_store rofolder
    chmod 0555 rofolder
    refused rofolder "it may not write there"
    chmod 0755 rofolder
    kept rofolder
    finish
  fi
  mkdir -p ro
  make_store rw
  if ! mount --bind rw ro 2>/dev/null; then
    echo "skipped: cannot bind-mount (needs root with mount rights)"
    exit 77
  fi
  mounts+=("$work/ro")
  mount -o remount,bind,ro ro || { echo "skipped: cannot remount read-only"; exit 77; }
  before=$(listing rw)
  refused ro "it may not write there"
  check test -z "$(said | grep -F damaged)"
  check test "$(listing rw)" = "$before"
  refused ro/new-folder "cannot create the folder"
  umount ro && mounts=()
  kept rw
  # An immutable store file in a writable folder: not damaged, nothing left beside it,
  # and once it may be written again it opens with its learner.
  make_store immutable
  if chattr +i immutable/progress.db 2>/dev/null; then
    before=$(listing immutable)
    refused immutable "may read the file"
    check test -z "$(said | grep -F damaged)"
    check test "$(listing immutable)" = "$before"
    chattr -i immutable/progress.db
    kept immutable
  else
    echo "skipped: an immutable file (chattr +i is not supported here)"
  fi
  # A full disk: a small tmpfs filled up.
  mkdir -p full
  if mount -t tmpfs -o size=256k tmpfs full 2>/dev/null; then
    mounts+=("$work/full")
    dd if=/dev/zero of=full/filler bs=4k 2>/dev/null
    refused full "is full"
    check test "$(listing full)" = "filler "
  else
    echo "skipped: a full disk (cannot mount tmpfs)"
  fi
fi
finish
