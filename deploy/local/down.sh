#!/usr/bin/env bash
# Stops what up.sh started: the six services and their supervisors (by their pid files in .local/run: TERM to
# the supervisor's process group, wait, then KILL; a supervisor stopped this way restarts nothing), then
# PostgreSQL and RabbitMQ (infra.sh stop). Nothing else is killed. Safe to run twice.
#
#   deploy/local/down.sh [--keep-infra]     --keep-infra: stop only the services
set -euo pipefail

# shellcheck source=deploy/local/lib.sh
source "$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)/lib.sh"
# shellcheck source=deploy/local/services.sh
source "$CT_LIB_DIR/services.sh"

KEEP_INFRA=0
for arg in "$@"; do
  case "$arg" in
    --keep-infra) KEEP_INFRA=1 ;;
    -h | --help) sed -n '2,6p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "usage: down.sh [--keep-infra]" >&2; exit 2 ;;
  esac
done
ensure_local_dirs

STOP_WAIT=20

# signal_service SIGNAL PID: the service's own process group when it leads one (up.sh starts it with setsid),
# else the process alone.
signal_service() {
  local sig="$1" pid="$2" pgid
  pgid="$(ps -o pgid= -p "$pid" 2>/dev/null | tr -d ' ' || true)"
  if [[ "$pgid" == "$pid" ]]; then
    kill "-$sig" -- "-$pid" 2>/dev/null || true
  else
    kill "-$sig" "$pid" 2>/dev/null || true
  fi
}

for svc in "${CT_SERVICES[@]}"; do
  name="$(svc_name "$svc")"
  pidf="$(svc_pid_file "$name")"
  pid="$(svc_pid "$name")"
  if [[ -z "$pid" ]]; then
    # A service whose supervisor was killed runs on alone: stop it by its own pid.
    orphan="$(svc_service_pid "$name")"
    if [[ -n "$orphan" ]]; then
      log "stopping $name (pid $orphan, its supervisor is gone)"
      kill -TERM "$orphan" 2>/dev/null || true
      deadline=$((SECONDS + STOP_WAIT))
      while [[ -n "$(svc_service_pid "$name")" ]] && ((SECONDS < deadline)); do sleep 0.3; done
      [[ -z "$(svc_service_pid "$name")" ]] || kill -KILL "$orphan" 2>/dev/null || true
    fi
    rm -f "$(svc_service_pid_file "$name")"
    [[ ! -f "$pidf" ]] || { rm -f "$pidf"; log "$name not running (removed a stale pid file)"; continue; }
    log "$name not running"
    continue
  fi
  log "stopping $name (pid $pid)"
  signal_service TERM "$pid"
  deadline=$((SECONDS + STOP_WAIT))
  while [[ -n "$(svc_pid "$name")" ]] && ((SECONDS < deadline)); do sleep 0.3; done
  if [[ -n "$(svc_pid "$name")" ]]; then
    warn "$name did not stop within ${STOP_WAIT}s; sending KILL"
    signal_service KILL "$pid"
    sleep 0.5
  fi
  rm -f "$pidf" "$(svc_service_pid_file "$name")"
  log "$name stopped"
done

if [[ "$KEEP_INFRA" == 0 ]]; then
  "$CT_LIB_DIR/infra.sh" stop
fi
