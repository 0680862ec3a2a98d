# shellcheck shell=bash
# shellcheck disable=SC2034  # constants used by the scripts that source this file
# The six CareTracking services as run by up.sh / down.sh. Sourced after lib.sh, never run.

# NAME:PORT
CT_SERVICES=(Placements:5101 MissingEpisodes:5102 Reviews:5103 Indicators:5104 Health:5105 LeavingCare:5106)

svc_name() { echo "${1%%:*}"; }
svc_port() { echo "${1##*:}"; }
svc_project_dir() { echo "$REPO_ROOT/services/CareTracking.$1"; }
# The supervisor's pid (deploy/local/supervise.sh, which leads the service's process group), and the service's own.
svc_pid_file() { echo "$LOCAL_DIR/run/$1.pid"; }
svc_service_pid_file() { echo "$LOCAL_DIR/run/$1.service.pid"; }
svc_log() { echo "$LOCAL_DIR/logs/$1.log"; }

# svc_pid NAME: prints the pid recorded for NAME (its supervisor) if that process is alive and runs that service;
# else nothing. svc_service_pid NAME: the same for the service's own process.
svc_pid() { svc_pid_from "$1" "$(svc_pid_file "$1")"; }
svc_service_pid() { svc_pid_from "$1" "$(svc_service_pid_file "$1")"; }
svc_pid_from() {
  local name="$1" pid
  pid="$(head -n1 "$2" 2>/dev/null || true)"
  if pid_alive "$pid" && pid_cmdline "$pid" | grep -qF "CareTracking.$name"; then
    echo "$pid"
  fi
}

# Each service reaches RabbitMQ as its own user (deploy/local/broker-users.sh makes them at infra.sh start):
# ct-placements, ct-missing-episodes, ... logging in as its client certificate's CN (SASL EXTERNAL), no password.
CT_BROKER_POLICE_VHOST=police
ct_broker_user() { echo "ct-$(echo "$1" | sed -E 's/([a-z])([A-Z])/\1-\2/g' | tr '[:upper:]' '[:lower:]')"; }
# Over TLS (the broker's listener asks for the client certificate infra.sh made for the user), named as its
# certificate names it: localhost.
ct_broker_uri() { echo "amqps://$(ct_broker_user "$1")@localhost:$CT_RMQ_TLS_PORT/"; }
ct_broker_client_file() {
  local file="$CT_RMQ_CLIENTS_DIR/$(ct_broker_user "$1").$2"
  [[ -s "$file" ]] || die "no broker client certificate for $1 at $file; restart the broker with 'deploy/local/infra.sh stop rabbitmq' and 'deploy/local/infra.sh start' (it makes them)"
  echo "$file"
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
