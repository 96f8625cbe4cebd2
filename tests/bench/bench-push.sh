#!/usr/bin/env bash
# The push budget (issue 13): pushing 100,000 statements to the loopback LRS takes at
# most 1.2x the time of posting the same batches with plain curl in a loop, in the
# same run. Not run by ctest.
#   tests/bench/bench-push.sh build/ailit build/tests/sync/bench_sync [COUNT] [RUNS]
# (defaults 100000 statements, 1 run). bench_sync makes the progress files (COUNT/10,000
# laptops of 10,000 real statements each), `ailit merge` puts them into workshop.db, and
# the 500-statement JSON arrays push would send are cut from it beforehand (sqlite3, not
# timed). Each side then gets a fresh in-memory LRS (tests/lrs/run-lrs.mjs: Learning
# Locker's xapi-statements behind its proxy, Basic auth) and is timed alone:
#   ailit push --db workshop.db --lrs URL --user U --password-file F   (batch 500)
#   curl POST of each batch file, one curl per batch, same auth and headers.
# Needs node with tests/node's packages, curl, sqlite3 and /usr/bin/time (ailit's own CPU).
set -eu
ailit=$(realpath "$1") gen=$(realpath "$2") count=${3:-100000} runs=${4:-1}
here=$(cd "$(dirname "$0")" && pwd)
lrs_js=$here/../lrs/run-lrs.mjs
batch=500 user=trainer
for tool in node curl sqlite3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench-push: $tool is not installed" >&2; exit 77; }
done
[ -e "$here/../node/node_modules/xapi-statements/dist/server.js" ] ||
  { echo "bench-push: xapi-statements is missing: run npm ci in tests/node" >&2; exit 77; }
work=$(mktemp -d) lrs_pid=
trap '[ -n "$lrs_pid" ] && kill "$lrs_pid" 2>/dev/null; rm -rf "$work"' EXIT
now() { date +%s.%N; }

# --- Setup, not timed -------------------------------------------------------------
per_file=10000 files=$(( (count + 9999) / 10000 ))
[ "$count" -lt 10000 ] && per_file=$count files=1
"$gen" "$work/gen" "$files" "$per_file" >"$work/gen.log" 2>&1 ||
  { cat "$work/gen.log" >&2; exit 1; }
"$ailit" merge "$work"/gen/files/ailit-progress-*.json --db "$work/workshop.db" >/dev/null
total=$(sqlite3 "$work/workshop.db" "SELECT count(*) FROM statements")
# The batches as push builds them (push_db.c): bodies in row order, joined by commas.
[ "$(sqlite3 "$work/workshop.db" "SELECT count(*) FROM bodies WHERE instr(body, char(10))")" = 0 ] ||
  { echo "bench-push: a body holds a line break; cannot cut batches by line" >&2; exit 1; }
mkdir "$work/batches"
sqlite3 "$work/workshop.db" \
  "SELECT '[' || group_concat(body, ',') || ']' FROM (SELECT (row_number() OVER (ORDER BY s.row) - 1) / $batch AS k, b.body
     FROM statements s JOIN bodies b ON b.row = s.row ORDER BY s.row) GROUP BY k ORDER BY k" |
  split -l 1 -a 5 -d - "$work/batches/b"
nbatches=$(ls "$work/batches" | wc -l)
password=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
printf '%s\n' "$password" >"$work/password"
printf 'user = "%s:%s"\n' "$user" "$password" >"$work/curlrc"
chmod 600 "$work/password" "$work/curlrc"
cp "$work/workshop.db" "$work/pristine.db"
echo "bench-push: $total statements in $nbatches batches of $batch ($files laptops; $(du -sh "$work/batches" | cut -f1) of JSON)"

start_lrs() { # a fresh in-memory LRS; sets url
  [ -n "$lrs_pid" ] && stop_lrs
  node "$lrs_js" --user "$user" --password-file "$work/password" >"$work/lrs.log" 2>&1 &
  lrs_pid=$!
  for _ in $(seq 300); do
    port=$(sed -n 's/^port \([0-9]*\)$/\1/p' "$work/lrs.log")
    [ -n "$port" ] && break
    kill -0 "$lrs_pid" 2>/dev/null || { cat "$work/lrs.log" >&2; exit 1; }
    sleep 0.1
  done
  [ -n "$port" ] || { echo "bench-push: the LRS did not start" >&2; exit 1; }
  url=http://127.0.0.1:$port/xAPI
}
stop_lrs() { kill "$lrs_pid"; wait "$lrs_pid" 2>/dev/null || true; lrs_pid=; }
time_push() {
  cp "$work/pristine.db" "$work/workshop.db" # nothing recorded as pushed
  start_lrs
  local t0 t1
  t0=$(now)
  /usr/bin/time -f '%U %S' -o "$work/cpu" "$ailit" push --db "$work/workshop.db" --lrs "$url" --user "$user" \
    --password-file "$work/password" --batch "$batch" >"$work/push.log" 2>&1 ||
    { cat "$work/push.log" >&2; exit 1; }
  t1=$(now)
  tr -d , <"$work/push.log" | grep -q ": $total statements sent and accepted in this run" ||
    { cat "$work/push.log" >&2; exit 1; }
  stop_lrs
  secs=$(echo "$t0 $t1" | awk '{ printf "%.3f", $2 - $1 }')
  cpu=$(tail -n 1 "$work/cpu" | awk '{ printf "%.2f", $1 + $2 }')
}

time_curl() {
  start_lrs
  local t0 t1 f code
  t0=$(now)
  for f in "$work"/batches/b*; do
    code=$(curl -sS -o /dev/null -w '%{http_code}' -K "$work/curlrc" \
      -H 'X-Experience-API-Version: 1.0.3' -H 'Content-Type: application/json' \
      --data-binary "@$f" "$url/statements")
    [ "$code" = 200 ] || { echo "bench-push: curl got HTTP $code for $f" >&2; exit 1; }
  done
  t1=$(now)
  stop_lrs
  secs=$(echo "$t0 $t1" | awk '{ printf "%.3f", $2 - $1 }')
}

for i in $(seq "$runs"); do
  time_push; p=$secs push_cpu=$cpu
  time_curl; c=$secs
  awk -v i="$i" -v n="$total" -v p="$p" -v c="$c" -v u="$push_cpu" 'BEGIN {
    printf "run %d, %d statements: ailit push %.2f s (its own CPU %.2f s), curl loop %.2f s, ratio %.3f (budget 1.2)\n", i, n, p, u, c, p / c }'
done
