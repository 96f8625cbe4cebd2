#!/usr/bin/env bash
# The Raspberry Pi 3 budgets (issue 9), on this machine held to one core at 25 % by a
# cgroup as a stand-in for a Pi 3: the bare SDL program and ailit run in turn inside the
# same cgroup, under an Xvfb at 800x480 that is held by it too (the Pi's X server
# shares its CPU with the app), with a D-Bus session bus as a desktop has (without one,
# SDL's D-Bus client forks dbus-launch at start-up, which a Pi's desktop session never
# does). Prints each run, the medians and the budgets:
#   first frame <= 1.5x the bare program's; start -> library -> a lesson page <= 400 ms;
#   peak memory <= 40 MiB at 800x480, to the lesson page and over a tour of two lessons
#   of every bundled pack.
# Needs root and a cgroup cpu + cpuset controller (v1, or v2 with both available);
# otherwise it says why and exits 77. The cgroups are removed at the end.
#   tests/bench/bench-lowend.sh BUILD_DIR [RUNS]
# Environment: LOWEND_SIZE (800x480), LOWEND_PACK and LOWEND_LESSON (0 and 0: which
# lesson page), LOWEND_QUOTA_US (25000 of each 100000 us), LOWEND_X_OUTSIDE=1 keeps the
# X server and the bus out of the cgroup (as on a Pi's other cores); TMPDIR, where the
# data folders go. Not run by ctest (timings flake on shared machines).
set -eu
build=${1:?usage: bench-lowend.sh BUILD_DIR [RUNS]}
runs=${2:-9}
size=${LOWEND_SIZE:-800x480} quota=${LOWEND_QUOTA_US:-25000} period=100000
here=$(cd "$(dirname "$0")" && pwd)
courses=$here/../../courses
for f in "$build/ailit" "$build/tests/ui/bench_bare_sdl" "$build/tests/bench/bench_lowend"; do
  [ -x "$f" ] || { echo "bench-lowend: $f is missing; build $build first" >&2; exit 2; }
done
skip() { echo "bench-lowend: skipped: $*" >&2; exit 77; }
[ "$(id -u)" = 0 ] || skip "making a cgroup needs root"
command -v Xvfb >/dev/null || skip "Xvfb is not installed (apt-get install xvfb)"

# The first CPU and memory node this process may use ("0-3,6" -> 0).
first_of() { local v; v=$(cat "$1"); v=${v%%,*}; echo "${v%%-*}"; }

name=ailit-lowend-$$
groups=() procs=()
cleanup() {
  for p in ${buspid:-} ${xpid:-}; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null; done
  for g in "${groups[@]}"; do
    # A process that is still leaving keeps its cgroup busy for a moment.
    for _ in 1 2 3 4 5; do rmdir "$g" 2>/dev/null && break; sleep 0.2; done
    [ -d "$g" ] && echo "bench-lowend: could not remove the cgroup $g" >&2
  done
  rm -rf "${work:-}"
}
trap cleanup EXIT

if [ -f /sys/fs/cgroup/cgroup.controllers ]; then
  # cgroup v2 (a Pi or CI with systemd's unified hierarchy): one group, cpu.max.
  root=/sys/fs/cgroup version=2
  for c in cpu cpuset; do
    grep -qw "$c" "$root/cgroup.controllers" || skip "cgroup v2 has no $c controller here"
    grep -qw "$c" "$root/cgroup.subtree_control" ||
      echo "+$c" 2>/dev/null >"$root/cgroup.subtree_control" ||
      skip "cannot enable the $c controller in $root/cgroup.subtree_control"
  done
  mkdir "$root/$name" || skip "cannot make the cgroup $root/$name"
  groups=("$root/$name") procs=("$root/$name/cgroup.procs")
  cpu=$(first_of "$root/cpuset.cpus.effective") mem=$(first_of "$root/cpuset.mems.effective")
  echo "$quota $period" >"$root/$name/cpu.max"
  echo "$cpu" >"$root/$name/cpuset.cpus"
  echo "$mem" >"$root/$name/cpuset.mems"
elif [ -f /sys/fs/cgroup/cpu/cpu.cfs_quota_us ] && [ -f /sys/fs/cgroup/cpuset/cpuset.cpus ]; then
  # cgroup v1: a group in each of the cpu and cpuset hierarchies.
  version=1 cg=/sys/fs/cgroup
  mkdir "$cg/cpu/$name" || skip "cannot make the cgroup $cg/cpu/$name"
  groups=("$cg/cpu/$name")
  mkdir "$cg/cpuset/$name" || skip "cannot make the cgroup $cg/cpuset/$name"
  groups+=("$cg/cpuset/$name")
  procs=("$cg/cpu/$name/cgroup.procs" "$cg/cpuset/$name/cgroup.procs")
  cpu=$(first_of "$cg/cpuset/cpuset.effective_cpus") mem=$(first_of "$cg/cpuset/cpuset.effective_mems")
  echo "$period" >"$cg/cpu/$name/cpu.cfs_period_us"
  echo "$quota" >"$cg/cpu/$name/cpu.cfs_quota_us"
  echo "$cpu" >"$cg/cpuset/$name/cpuset.cpus" # a cpuset takes no process before both
  echo "$mem" >"$cg/cpuset/$name/cpuset.mems"
else
  skip "no cgroup cpu and cpuset controllers under /sys/fs/cgroup (v1 or v2)"
fi

# The X server, inside the cgroup unless LOWEND_X_OUTSIDE=1; -displayfd names its display
# once it takes connections.
work=$(mktemp -d)
xjoin=("${procs[@]}") where="inside"
[ "${LOWEND_X_OUTSIDE:-0}" = 1 ] && xjoin=() where="outside"
bash -c 'for f; do echo $$ >"$f"; done; exec Xvfb -displayfd 3 -screen 0 '"${size}x24"' -nolisten tcp 3>"'"$work"'/display" 2>/dev/null' \
  _ "${xjoin[@]}" &
xpid=$!
for _ in $(seq 100); do [ -s "$work/display" ] && break; sleep 0.1; done
[ -s "$work/display" ] || { echo "bench-lowend: Xvfb did not start" >&2; exit 1; }
export DISPLAY=:$(head -n 1 "$work/display")

# A session bus in the same cgroup when there is none (and dbus-daemon is installed).
bus="the caller's"
if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
  bus="none (SDL forks dbus-launch at each start)"
  if command -v dbus-daemon >/dev/null; then
    bash -c 'for f; do echo $$ >"$f"; done; exec dbus-daemon --session --nofork --print-address=3 3>"'"$work"'/bus" 2>/dev/null' \
      _ "${xjoin[@]}" &
    buspid=$!
    for _ in $(seq 50); do [ -s "$work/bus" ] && break; sleep 0.1; done
    if [ -s "$work/bus" ]; then
      export DBUS_SESSION_BUS_ADDRESS=$(head -n 1 "$work/bus") bus="a dbus-daemon of its own"
    fi
  fi
fi

echo "cgroup v$version: CPU $cpu at $((quota * 100 / period)) % ($quota of each $period us), memory node $mem; Xvfb $DISPLAY at $size $where the cgroup; session bus: $bus"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
args=()
for p in "${procs[@]}"; do args+=(--join "$p"); done
packs=$(find "$courses" -mindepth 2 -maxdepth 2 -name pack.json | wc -l) # for the memory tour
LOWEND_CPU_SHARE=$(awk -v q="$quota" -v p="$period" 'BEGIN { print q / p }') \
  "$build/tests/bench/bench_lowend" "${args[@]}" --runs "$runs" --pack "${LOWEND_PACK:-0}" \
  --lesson "${LOWEND_LESSON:-0}" --tour-packs "$packs" "$build/ailit" \
  "$build/tests/ui/bench_bare_sdl" "$courses" "$size"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
# utime + stime (fields 14 and 15 of /proc/PID/stat) of the X server over all runs.
xcpu=$(awk -v hz="$(getconf CLK_TCK)" '{ printf "%.0f", ($14 + $15) * 1000 / hz }' "/proc/$xpid/stat")
echo "Xvfb's CPU time over all the runs: $xcpu ms"
if [ "$version" = 1 ]; then
  echo "throttled: $(tr '\n' ' ' <"$cg/cpu/$name/cpu.stat")"
else
  echo "throttled: $(tr '\n' ' ' <"$root/$name/cpu.stat")"
fi
