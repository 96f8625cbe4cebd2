#!/bin/sh
# Only `ailit push` loads libcurl (and the two dozen libraries it brings: TLS, Kerberos,
# LDAP, SSH): it lives in the program ailit-push, which ailit starts in its place. The
# learner app and every other command start without it (5.5 MiB and about 6 ms less at
# each start on a Raspberry Pi), and push still works through `ailit push`.
#   check-push-program.sh AILIT AILIT_PUSH COURSES_DIR
# AILIT_EMULATOR (a cross build's qemu) runs the programs; READELF reads them. Under
# qemu-user one program cannot start another of the target's (that takes binfmt_misc),
# so there only the libraries are checked.
set -u
ailit=$1 push=$2 courses=$3
run=${AILIT_EMULATOR:-} readelf=${READELF:-readelf}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
check() { if "$@"; then echo "ok: $*"; passed=$((passed + 1)); else echo "FAILED: $*"; failed=$((failed + 1)); fi; }
needs() { "$readelf" -dW "$1" | grep -q "(NEEDED).*\[$2"; }
# loads_curl FILE: the dynamic loader's trace (LD_DEBUG=libs, dlopen included) in FILE
# names libcurl
loads_curl() { grep -q 'libcurl\.so' "$1"; }

check test -x "$push"
check sh -c "! { \"$readelf\" -dW \"$ailit\" | grep -q '(NEEDED).*\\[libcurl'; }"
check needs "$push" libcurl

# ailit --version, a list of packs and the app's first frame, with the loader's trace
# shellcheck disable=SC2086 # the emulator may be a command with options
LD_DEBUG=libs $run "$ailit" --version >"$work/version.out" 2>"$work/version.libs"
check test $? -eq 0
check grep -q '^ailit [0-9]' "$work/version.out"
check test -s "$work/version.libs" # the trace is there to be read
check sh -c "! grep -q 'libcurl\\.so' '$work/version.libs'"
# shellcheck disable=SC2086
LD_DEBUG=libs $run "$ailit" list --courses "$courses" >/dev/null 2>"$work/list.libs"
check test $? -eq 0
check sh -c "! grep -q 'libcurl\\.so' '$work/list.libs'"
# shellcheck disable=SC2086
LD_DEBUG=libs SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy $run "$ailit" --data-dir "$work/data" \
  --courses "$courses" --size 800x480 --screenshot "$work/first.png" >/dev/null 2>"$work/app.libs"
check test $? -eq 0
check test -s "$work/first.png"
check grep -q 'libSDL2' "$work/app.libs"
check sh -c "! grep -q 'libcurl\\.so' '$work/app.libs'"

if [ -n "$run" ]; then
  echo "not run under emulation: ailit push starting ailit-push (qemu-user needs binfmt_misc for that)"
else
  # ailit push starts ailit-push with the same arguments, which loads libcurl
  LD_DEBUG=libs "$ailit" push --help >"$work/help.out" 2>"$work/help.libs"
  check test $? -eq 0
  check grep -q '^usage: ailit push --db TRAINER.db --lrs URL' "$work/help.out"
  check loads_curl "$work/help.libs"
  "$ailit" push --lrs http://127.0.0.1:9/xAPI --batch 0 x.json >/dev/null 2>"$work/batch.err"
  check test $? -eq 2
  check grep -q -- '--batch takes a number from 1' "$work/batch.err"
  # without its push program, ailit push says what is missing and what to do
  mkdir "$work/alone"
  cp "$ailit" "$work/alone/ailit"
  "$work/alone/ailit" push --help >"$work/alone.out" 2>&1
  check test $? -eq 1
  cat "$work/alone.out"
  check grep -q "ailit push: the program ailit-push, which does this, is missing" "$work/alone.out"
  check grep -q "$work/alone/ailit-push" "$work/alone.out"
  check grep -q "install ailit again" "$work/alone.out"
  # one that is not a program for this computer: said so
  printf '\177ELF, but not a program' >"$work/alone/ailit-push"
  chmod +x "$work/alone/ailit-push"
  "$work/alone/ailit" push --help >"$work/alien.out" 2>&1
  check test $? -eq 1
  check grep -q "cannot start $work/alone/ailit-push: .*not a program for this computer" "$work/alien.out"
  rm "$work/alone/ailit-push"
  # ... and every other command is still there
  check sh -c "\"$work/alone/ailit\" list --courses \"$courses\" >/dev/null"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
