# shellcheck shell=bash
# shellcheck disable=SC2034  # constants used by the scripts that source this file
# The six CareTracking services as run by up.sh / down.sh. Sourced after lib.sh, never run.

# NAME:PORT
CT_SERVICES=(Placements:5101 MissingEpisodes:5102 Reviews:5103 Indicators:5104 Health:5105 LeavingCare:5106)

svc_name() { echo "${1%%:*}"; }
svc_port() { echo "${1##*:}"; }
svc_project_dir() { echo "$REPO_ROOT/services/CareTracking.$1"; }
svc_pid_file() { echo "$LOCAL_DIR/run/$1.pid"; }
svc_log() { echo "$LOCAL_DIR/logs/$1.log"; }

# svc_pid NAME: prints the pid recorded for NAME if that process is alive and is that service; else nothing.
svc_pid() {
  local name="$1" pid
  pid="$(head -n1 "$(svc_pid_file "$name")" 2>/dev/null || true)"
  if pid_alive "$pid" && pid_cmdline "$pid" | grep -qF "CareTracking.$name"; then
    echo "$pid"
  fi
}

ct_signing_key() { head -n1 "$REPO_ROOT/deploy/local/dev-signing-key.txt" | tr -d '\r\n'; }

ct_find_solution() {
  local c
  for c in "$REPO_ROOT/CareTracking.sln" "$REPO_ROOT/CareTracking.slnx"; do
    if [[ -f "$c" ]]; then
      echo "$c"
      return 0
    fi
  done
  return 1
}
