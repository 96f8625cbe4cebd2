# Sourced by the command-line tests:
#   expect NAME WANT_EXIT WANT_TEXT -- COMMAND...
#       runs COMMAND; ok when it exits WANT_EXIT and its output (stdout and stderr) holds
#       WANT_TEXT, else FAILED with the first lines of what it said. $passed and $failed
#       count them; end with `expect_summary`.
passed=0 failed=0
expect() {
  local name=$1 want=$2 text=$3; shift 4
  local out rc
  out=$("$@" 2>&1); rc=$?
  if [ "$rc" = "$want" ] && grep -qF -- "$text" <<<"$out"; then
    echo "ok $name"; passed=$((passed + 1))
  else
    echo "FAILED $name: exit $rc (want $want, and \"$text\"), output:"; echo "$out" | head -5
    failed=$((failed + 1))
  fi
}
expect_summary() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
