#!/usr/bin/env bash
# RabbitMQ users, vhosts and permissions for CareTracking, through the management API (idempotent, safe to run
# again; infra.sh start runs `apply` and onboards the demo force, docker-compose runs it in rabbitmq-users).
#
#   deploy/local/broker-users.sh apply                          the services' users (ct-<service>), the police vhost,
#                                                               the alerts exchange, permissions from deploy/broker/permissions.txt
#   deploy/local/broker-users.sh onboard-force FORCE [KEY...]   a police force: user police-FORCE that can only read its queue
#                                                               police.FORCE.missing, bound to the alerts with KEY (default FORCE)
#   deploy/local/broker-users.sh password USER                  print the password file of a user made here
#
# Passwords are made once (openssl rand) and kept in $CT_BROKER_SECRETS (default .local/secrets/rabbitmq, 0600), one
# file per user; the services read theirs with RabbitMq:PasswordFile, so no password is on a command line.
# CT_BROKER_CERTIFICATE_LOGIN=true: the users made by this run get no password at all; they log in with a client
# certificate whose CN is their name (SASL EXTERNAL; the services' RabbitMq:Tls:CertificateLogin), and a password
# would only be a second credential to keep secret. docker-compose's services do; locally the users keep a
# password too, so that checkouts sharing the local broker from before certificate login still start.
# Environment: CT_RMQ_MGMT_URL (http://127.0.0.1:15672), CT_RMQ_ADMIN (user:password of an administrator,
# guest:guest locally), CT_BROKER_SERVICES_VHOST (/), CT_BROKER_POLICE_VHOST (police), CT_BROKER_SECRETS,
# CT_BROKER_USER_PREFIX (none; put before every user name), CT_BROKER_CERTIFICATE_LOGIN (false).
set -euo pipefail

# shellcheck source=deploy/local/lib.sh
source "$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)/lib.sh"

MGMT_URL="${CT_RMQ_MGMT_URL:-http://127.0.0.1:$CT_RMQ_MGMT_PORT}"
ADMIN="${CT_RMQ_ADMIN:-guest:guest}"
SERVICES_VHOST="${CT_BROKER_SERVICES_VHOST:-/}"
POLICE_VHOST="${CT_BROKER_POLICE_VHOST:-police}"
SECRETS="${CT_BROKER_SECRETS:-$LOCAL_DIR/secrets/rabbitmq}"
PERMISSIONS="${CT_BROKER_PERMISSIONS:-$CT_LIB_DIR/../broker/permissions.txt}"
# Put before every user name made here; the integration tests use a prefix of their own per run.
USER_PREFIX="${CT_BROKER_USER_PREFIX:-}"
ALERTS_EXCHANGE=police.missing-alerts
CERTIFICATE_LOGIN="${CT_BROKER_CERTIFICATE_LOGIN:-false}"
[[ "$CERTIFICATE_LOGIN" == true || "$CERTIFICATE_LOGIN" == false ]] || die "CT_BROKER_CERTIFICATE_LOGIN is true or false: '$CERTIFICATE_LOGIN'"

usage() {
  sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

command -v curl >/dev/null 2>&1 || die "curl is needed to reach the RabbitMQ management API: apt-get install -y curl"

urlenc() { local s="$1"; s="${s//%/%25}"; s="${s//\//%2F}"; printf '%s' "$s"; }

# json STRING: a JSON string literal (backslashes and quotes escaped; the values here have no control characters).
json() { local s="$1"; s="${s//\\/\\\\}"; s="${s//\"/\\\"}"; printf '"%s"' "$s"; }

# api METHOD PATH [BODY]: fails with the answer when the status is not 2xx.
api() {
  local method="$1" path="$2" body="${3:-}" out code
  out="$(mktemp)"
  local args=(-sS -o "$out" -w '%{http_code}' --max-time 15 -u "$ADMIN" -X "$method" -H 'content-type: application/json')
  [[ -z "$body" ]] || args+=(--data "$body")
  code="$(curl "${args[@]}" "$MGMT_URL/api/$path" 2>>"$out" || echo 000)"
  if [[ "$code" != 2?? ]]; then
    local answer
    answer="$(head -c 400 "$out")"
    rm -f "$out"
    die "RabbitMQ management API $method /api/$path answered $code: $answer (is RabbitMQ running with the management plugin at $MGMT_URL?)"
  fi
  rm -f "$out"
}

wait_for_api() {
  local deadline=$((SECONDS + 60))
  until curl -sf -o /dev/null --max-time 5 -u "$ADMIN" "$MGMT_URL/api/overview"; do
    ((SECONDS < deadline)) || die "the RabbitMQ management API at $MGMT_URL did not answer within 60 s"
    sleep 1
  done
}

# secret USER: the user's password, made the first time.
secret() {
  local user="$1" file="$SECRETS/$1"
  if [[ ! -s "$file" ]]; then
    (umask 077 && mkdir -p "$SECRETS" && openssl rand -hex 24 >"$file.tmp" && mv -f "$file.tmp" "$file")
  fi
  chmod 600 "$file"
  head -n1 "$file" | tr -d '\r\n'
}

# ensure_user USER: a user without tags (no management access) and its password, or with certificate login none
# (an empty password_hash: no password opens it).
ensure_user() {
  if [[ "$CERTIFICATE_LOGIN" == true ]]; then
    api PUT "users/$(urlenc "$1")" '{"password_hash":"","tags":""}'
  else
    api PUT "users/$(urlenc "$1")" "{\"password\":$(json "$(secret "$1")"),\"tags\":\"\"}"
  fi
}

# credentials [USER]: where the password is, for the log.
credentials() {
  if [[ "$CERTIFICATE_LOGIN" == true ]]; then echo "no password: certificate login"
  elif [[ $# -gt 0 ]]; then echo "password in $SECRETS/$1"
  else echo "passwords in $SECRETS"; fi
}

vhost_of() {
  case "$1" in
    services) printf '%s' "$SERVICES_VHOST" ;;
    police) printf '%s' "$POLICE_VHOST" ;;
    *) die "unknown vhost '$1' in $PERMISSIONS (services or police)" ;;
  esac
}

apply() {
  wait_for_api
  [[ -f "$PERMISSIONS" ]] || die "no permissions file at $PERMISSIONS"
  api PUT "vhosts/$(urlenc "$SERVICES_VHOST")" '{}'
  api PUT "vhosts/$(urlenc "$POLICE_VHOST")" '{}'
  # The administrator (guest locally) keeps its rights on both, for the operator's own work.
  local admin_user="${ADMIN%%:*}"
  api PUT "permissions/$(urlenc "$POLICE_VHOST")/$(urlenc "$admin_user")" '{"configure":".*","write":".*","read":".*"}'
  api PUT "exchanges/$(urlenc "$POLICE_VHOST")/$ALERTS_EXCHANGE" '{"type":"topic","durable":true,"auto_delete":false}'
  local name vhost configure write read users=()
  while read -r name vhost configure write read; do
    [[ -n "$name" && "$name" != \#* ]] || continue
    local user="${USER_PREFIX}ct-$name"
    if [[ " ${users[*]-} " != *" $user "* ]]; then
      ensure_user "$user"
      users+=("$user")
    fi
    api PUT "permissions/$(urlenc "$(vhost_of "$vhost")")/$(urlenc "$user")" \
      "{\"configure\":$(json "$configure"),\"write\":$(json "$write"),\"read\":$(json "$read")}"
  done <"$PERMISSIONS"
  log "broker users ready: ${users[*]} (vhosts '$SERVICES_VHOST' and '$POLICE_VHOST'; $(credentials))"
}

valid_force() { [[ "$1" =~ ^[a-z]+(-[a-z]+)*$ ]] || die "a force is a lower-kebab name such as derbyshire or west-midlands: '$1'"; }

onboard_force() {
  local force="$1"
  shift
  valid_force "$force"
  local keys=("$@")
  [[ ${#keys[@]} -gt 0 ]] || keys=("$force")
  wait_for_api
  local vhost user queue key
  vhost="$(urlenc "$POLICE_VHOST")"
  user="${USER_PREFIX}police-$force"
  queue="police.$force.missing"
  api PUT "vhosts/$vhost" '{}'
  api PUT "exchanges/$vhost/$ALERTS_EXCHANGE" '{"type":"topic","durable":true,"auto_delete":false}'
  api PUT "queues/$vhost/$queue" '{"durable":true,"auto_delete":false,"arguments":{"x-queue-type":"quorum"}}'
  for key in "${keys[@]}"; do
    valid_force "$key"
    api POST "bindings/$vhost/e/$ALERTS_EXCHANGE/q/$queue" "{\"routing_key\":$(json "$key")}"
  done
  ensure_user "$user"
  # Read (consume, get, ack) its own queue only: no configure (it cannot declare, delete or bind anything), no
  # write, and no read on the exchange, which every binding needs, so it can never bind '#' or another key.
  api PUT "permissions/$vhost/$(urlenc "$user")" '{"configure":"(?!)","write":"(?!)","read":'"$(json "^police\\.$force\\.missing\$")"'}'
  log "force $force onboarded: user $user ($(credentials "$user")) reads queue $queue on vhost '$POLICE_VHOST', bound to ${keys[*]}"
}

main() {
  local cmd="${1:-}"
  [[ $# -gt 0 ]] && shift
  case "$cmd" in
    apply) [[ $# -eq 0 ]] || usage; apply ;;
    onboard-force) [[ $# -ge 1 ]] || usage; onboard_force "$@" ;;
    password) [[ $# -eq 1 ]] || usage; [[ -s "$SECRETS/$1" ]] || die "no password file $SECRETS/$1"; echo "$SECRETS/$1" ;;
    *) usage ;;
  esac
}

main "$@"
