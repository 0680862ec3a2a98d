#!/usr/bin/env bash
# Runs one service and starts it again whenever it exits without being asked to: a defect, since transient faults
# never end a service (docs/reliability.md, "The rule for background loops"). It waits 1 s before the first restart,
# doubling up to 30 s while the service keeps dying within a minute of its start; a run of a minute or more
# resets the wait. TERM, INT or HUP (down.sh) stops the service and then the supervisor: no restart after a stop.
#
#   deploy/local/supervise.sh NAME SERVICE_PID_FILE COMMAND [ARGS...]
#
# up.sh starts each service this way, under setsid, so the supervisor leads the process group down.sh signals.
# NAME names the service in the supervisor's lines (on stdout, beside the service's own log). SERVICE_PID_FILE gets
# the pid of each run of COMMAND (what a kill -9 drill aims at). Knobs, in seconds: CT_RESTART_FIRST (1),
# CT_RESTART_MAX (30), CT_RESTART_STEADY (60).
set -uo pipefail

if [[ $# -lt 3 ]]; then
  echo "usage: supervise.sh NAME SERVICE_PID_FILE COMMAND [ARGS...]" >&2
  exit 2
fi
NAME="$1" SERVICE_PID_FILE="$2"
shift 2
FIRST="${CT_RESTART_FIRST:-1}" MAX="${CT_RESTART_MAX:-30}" STEADY="${CT_RESTART_STEADY:-60}"

say() { printf '[supervise.sh] %s %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*"; }

stopping=0 child="" sleeper=""
on_stop() {
  stopping=1
  # down.sh signals the whole group, the service too; a signal to the supervisor alone is passed on.
  [[ -z "$child" ]] || kill -TERM "$child" 2>/dev/null || true
  [[ -z "$sleeper" ]] || kill "$sleeper" 2>/dev/null || true
}
trap on_stop TERM INT HUP

delay="$FIRST" restarts=0
while :; do
  started=$SECONDS
  "$@" &
  child=$!
  echo "$child" >"$SERVICE_PID_FILE"
  ((restarts == 0)) || say "$NAME started again (pid $child, restart $restarts)"
  # A trapped signal ends `wait` early: wait again until the service itself has ended.
  while :; do
    wait "$child"
    code=$?
    kill -0 "$child" 2>/dev/null || break
  done
  child=""
  if ((stopping)); then
    say "$NAME stopped (exit code $code)"
    rm -f "$SERVICE_PID_FILE"
    exit 0
  fi
  ran=$((SECONDS - started))
  ((ran < STEADY)) || delay="$FIRST"
  say "$NAME exited unexpectedly (exit code $code) after ${ran}s; starting it again in ${delay}s"
  sleep "$delay" &
  sleeper=$!
  wait "$sleeper" 2>/dev/null
  sleeper=""
  if ((stopping)); then
    say "$NAME not restarted: stop requested"
    rm -f "$SERVICE_PID_FILE"
    exit 0
  fi
  restarts=$((restarts + 1))
  delay=$((delay * 2 > MAX ? MAX : delay * 2))
done
