#!/usr/bin/env bash
# Checks deploy/local/supervise.sh with stand-in services (no build, no infrastructure; about 15 s):
#   1. a service that keeps exiting (code 3, and code 0: a host that stopped itself) is started again, after 1 s, 2 s,
#      then the cap, each restart logged with its exit code;
#   2. a service killed with kill -9 is started again within the first wait (1 s) plus a margin;
#   3. TERM to the supervisor's process group (what down.sh sends), or to the supervisor alone, stops the service and
#      the supervisor, and nothing is started afterwards; the service pid file is removed.
set -euo pipefail
HERE="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)"
SUPERVISE="$HERE/../supervise.sh"
WORK="$(mktemp -d /tmp/ct-supervise-test.XXXX)"
pass=0 fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }
SUP=""
cleanup() {
  [[ -z "$SUP" ]] || kill -KILL -- "-$SUP" 2>/dev/null || true
  rm -rf -- "$WORK"
}
trap cleanup EXIT

# start_supervised LOG COMMAND...: the supervisor under setsid (as up.sh starts it); sets SUP to its pid.
start_supervised() {
  local logf="$1"
  shift
  CT_RESTART_FIRST=1 CT_RESTART_MAX=2 CT_RESTART_STEADY=60 setsid bash "$SUPERVISE" stand-in "$WORK/service.pid" "$@" >"$logf" 2>&1 &
  SUP=$!
}
alive() { kill -0 "$1" 2>/dev/null; }
wait_gone() { local i; for ((i = 0; i < 50; i++)); do alive "$1" || return 0; sleep 0.1; done; return 1; }

# --- 1. exits by itself: restarted with backoff 1 s, 2 s, 2 s (the cap)
start_supervised "$WORK/exits.log" bash -c "echo run >>'$WORK/runs'; exit 3"
sleep 5.6
runs="$(wc -l <"$WORK/runs")"
[[ "$runs" == 4 ]] && ok || bad "a service exiting at once ran $runs times in 5.6 s (expected 4: at 0, 1, 3 and 5 s)"
grep -q 'exited unexpectedly (exit code 3) after 0s; starting it again in 1s' "$WORK/exits.log" && ok || bad "no first restart line: $(cat "$WORK/exits.log")"
grep -q 'starting it again in 2s' "$WORK/exits.log" && ok || bad "no doubled wait: $(cat "$WORK/exits.log")"
grep -q 'starting it again in 4s' "$WORK/exits.log" && bad "the wait passed its cap" || ok
kill -TERM -- "-$SUP" 2>/dev/null || true
wait_gone "$SUP" && ok || bad "the supervisor did not stop on TERM while waiting to restart"
after="$(wc -l <"$WORK/runs")"
sleep 2.5
[[ "$(wc -l <"$WORK/runs")" == "$after" ]] && ok || bad "a run started after the stop"
grep -q 'stand-in not restarted: stop requested\|stand-in stopped' "$WORK/exits.log" && ok || bad "no stop line: $(tail -n 3 "$WORK/exits.log")"
[[ ! -e "$WORK/service.pid" ]] && ok || bad "the service pid file was left behind"
SUP=""

# --- exit code 0 (a host that stopped itself) is a death too
rm -f "$WORK/runs"
start_supervised "$WORK/zero.log" bash -c "echo run >>'$WORK/runs'; exit 0"
sleep 1.6
[[ "$(wc -l <"$WORK/runs")" == 2 ]] && ok || bad "a service exiting with 0 was not started again"
kill -TERM -- "-$SUP" 2>/dev/null || true
wait_gone "$SUP" && ok || bad "the supervisor did not stop"
SUP=""

# --- 2. kill -9 of a running service: started again within 1 s + margin; 3. TERM to the supervisor alone stops both
start_supervised "$WORK/kill.log" sleep 1000
for ((i = 0; i < 50; i++)); do [[ -s "$WORK/service.pid" ]] && break; sleep 0.1; done
first="$(cat "$WORK/service.pid")"
alive "$first" && ok || bad "the service is not running"
t0="$(date +%s.%N)"
kill -9 "$first" 2>/dev/null || true
second=""
for ((i = 0; i < 40; i++)); do
  second="$(cat "$WORK/service.pid" 2>/dev/null || true)"
  [[ -n "$second" && "$second" != "$first" ]] && alive "$second" && break
  sleep 0.1
done
t1="$(date +%s.%N)"
[[ -n "$second" && "$second" != "$first" ]] && alive "$second" && ok || bad "the killed service was not started again within 4 s"
grep -q 'exited unexpectedly (exit code 137)' "$WORK/kill.log" && ok || bad "the kill is not logged with code 137: $(cat "$WORK/kill.log")"
echo "  restarted $(awk -v a="$t1" -v b="$t0" 'BEGIN { printf "%.1f", a - b }') s after kill -9"
kill -TERM "$SUP" 2>/dev/null || true
wait_gone "$SUP" && ok || bad "the supervisor did not stop on TERM to itself alone"
wait_gone "$second" && ok || bad "TERM to the supervisor alone did not reach the service"
sleep 1.5
[[ ! -e "$WORK/service.pid" ]] && ok || bad "something was started after the stop (pid file $(cat "$WORK/service.pid" 2>/dev/null))"
SUP=""

echo "supervise-test: $pass passed, $fail failed"
((fail == 0))
