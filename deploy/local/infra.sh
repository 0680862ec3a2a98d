#!/usr/bin/env bash
# Local PostgreSQL 15 and RabbitMQ for CareTracking, on loopback only, without Docker.
#
#   deploy/local/infra.sh start [pg|rabbitmq]    install what is missing, init, start, wait until ready
#   deploy/local/infra.sh stop [pg|rabbitmq]     stop what this script started (no-op if nothing runs)
#   deploy/local/infra.sh status [pg|rabbitmq]   exit 0 if (all) running, 3 if not
#   deploy/local/infra.sh psql [psql args...]    psql to the caretracking database over TCP
#   deploy/local/infra.sh add-vhost NAME         create a RabbitMQ vhost, grant guest all permissions (idempotent)
#   deploy/local/infra.sh delete-vhost NAME      delete a RabbitMQ vhost (no-op if absent)
#   deploy/local/infra.sh where                  print the data folders in use
#
# PostgreSQL: 127.0.0.1:55432, user postgres / password postgres (scram-sha-256 over TCP), database caretracking;
#             the services' restricted login role caretracking_app / password caretracking_app (made at every start).
# RabbitMQ:   127.0.0.1:56720 (AMQP), 127.0.0.1:56723 (AMQP over TLS, where the local stack's services connect: a
#             certificate for localhost from a CA this script makes once, whose certificate is
#             .local/tls/broker-ca.pem; a client certificate required, one per service user and ct-local-client in
#             .local/tls/clients/), 127.0.0.1:56721 (Erlang
#             distribution), 127.0.0.1:15672 (management),
#             node caretracking@localhost, guest/guest (loopback only, the operator's administrator). Each start
#             also makes the services' own users and the police vhost, and onboards the demo force (derbyshire),
#             through deploy/local/broker-users.sh (passwords in .local/secrets/rabbitmq/). The services log in
#             with their client certificates instead (SASL EXTERNAL: rabbitmq_auth_mechanism_ssl, the user is the
#             certificate's CN). CT_LOCAL_DIR (lib.sh) runs this on another checkout's servers, e.g. from a worktree.
# Data: .local/ at the repo root; when the postgres/rabbitmq users cannot reach the repo (e.g. a clone under
# /root) or the path is too long for a unix socket, the server data lives in /var/tmp/caretracking-<hash>/ and
# .local/pg and .local/rabbitmq are symlinks to it (.local/server-root records the choice).
set -euo pipefail

# shellcheck source=deploy/local/lib.sh
source "$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)/lib.sh"

PG_BIN=/usr/lib/postgresql/15/bin
RMQ_BIN=/usr/lib/rabbitmq/bin
PG_WAIT_SECONDS=60
RMQ_WAIT_SECONDS=120
STOP_WAIT_SECONDS=60

usage() {
  sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

# ---------------------------------------------------------------------------------------------------------
# Where the server data lives
# ---------------------------------------------------------------------------------------------------------

# can USER reach DIR (search permission on every ancestor)?
user_can_reach() {
  local user="$1" dir="$2"
  id "$user" >/dev/null 2>&1 || return 1
  runuser -u "$user" -- test -x "$dir" 2>/dev/null
}

choose_server_root() {
  # A recorded choice wins, so that stop/status always find what start started.
  SERVER_ROOT_RECORDED=0
  if [[ -s "$LOCAL_DIR/server-root" ]]; then
    SERVER_ROOT="$(head -n1 "$LOCAL_DIR/server-root")"
    [[ "$SERVER_ROOT" != .local ]] || SERVER_ROOT="$LOCAL_DIR" # in-repo data follows the repo if it moves
    SERVER_ROOT_RECORDED=1
    return
  fi
  local sock_path="$LOCAL_DIR/pg/sock/.s.PGSQL.$CT_PG_PORT"
  if [[ ${#sock_path} -le 100 ]] && user_can_reach postgres "$LOCAL_DIR" && user_can_reach rabbitmq "$LOCAL_DIR"; then
    SERVER_ROOT="$LOCAL_DIR"
  else
    local hash
    hash="$(printf '%s' "$REPO_ROOT" | sha256sum | cut -c1-12)"
    SERVER_ROOT="/var/tmp/caretracking-$hash"
  fi
}

# Called by start only: creates the folders and records the choice.
prepare_server_root() {
  choose_server_root
  if [[ "$SERVER_ROOT" != "$LOCAL_DIR" ]]; then
    if [[ -e "$SERVER_ROOT" && "$(stat -c %u "$SERVER_ROOT")" != 0 ]]; then
      die "$SERVER_ROOT exists but is not owned by root; remove it or look at who made it"
    fi
    mkdir -p "$SERVER_ROOT"
    chown root:root "$SERVER_ROOT"
    chmod 755 "$SERVER_ROOT"
    local comp
    for comp in pg rabbitmq; do
      if [[ -e "$LOCAL_DIR/$comp" && ! -L "$LOCAL_DIR/$comp" ]]; then
        die "$LOCAL_DIR/$comp is a real folder, but the servers cannot reach $LOCAL_DIR; move it away and retry"
      fi
      ln -sfn "$SERVER_ROOT/$comp" "$LOCAL_DIR/$comp"
    done
    [[ "$SERVER_ROOT_RECORDED" == 1 ]] \
      || log "server data is in $SERVER_ROOT (symlinked from .local/): $LOCAL_DIR is out of reach of the postgres/rabbitmq users or too long a path for a unix socket"
  fi
  if [[ "$SERVER_ROOT" == "$LOCAL_DIR" ]]; then echo .local; else echo "$SERVER_ROOT"; fi >"$LOCAL_DIR/server-root"
}

set_paths() {
  choose_server_root
  PG_DIR="$SERVER_ROOT/pg"
  PG_DATA="$PG_DIR/data"
  PG_SOCK="$PG_DIR/sock"
  PG_LOG="$PG_DIR/postgres.log"
  RMQ_DIR="$SERVER_ROOT/rabbitmq"
  RMQ_HOME="$RMQ_DIR/home"
  RMQ_LOG_DIR="$RMQ_DIR/log"
  RMQ_STARTUP_LOG="$RMQ_DIR/startup.log"
  RMQ_BEAM_PID_FILE="$RMQ_DIR/rabbitmq.pid"
  RMQ_LAUNCHER_PID_FILE="$LOCAL_DIR/run/rabbitmq.pid"
  EPMD_MARK="$LOCAL_DIR/run/epmd.started-by-infra"
}

# ---------------------------------------------------------------------------------------------------------
# Packages
# ---------------------------------------------------------------------------------------------------------

ensure_packages() {
  local want="${1:-all}" missing=()
  if [[ "$want" == all || "$want" == pg ]]; then
    [[ -x "$PG_BIN/postgres" && -x "$PG_BIN/psql" ]] || missing+=(postgresql-15)
  fi
  if [[ "$want" == all || "$want" == rabbitmq ]]; then
    [[ -x "$RMQ_BIN/rabbitmq-server" ]] || missing+=(rabbitmq-server)
    command -v openssl >/dev/null 2>&1 || missing+=(openssl) # the broker's TLS certificate
  fi
  [[ ${#missing[@]} -eq 0 ]] || apt_install "${missing[@]}"
  if [[ "$want" == all || "$want" == pg ]]; then
    [[ -x "$PG_BIN/postgres" ]] || die "PostgreSQL 15 is not at $PG_BIN; install it: apt-get install -y postgresql-15"
    id postgres >/dev/null 2>&1 || die "no 'postgres' user; reinstall postgresql-15 (apt-get install --reinstall -y postgresql-15)"
  fi
  if [[ "$want" == all || "$want" == rabbitmq ]]; then
    [[ -x "$RMQ_BIN/rabbitmq-server" ]] || die "RabbitMQ is not at $RMQ_BIN; install it: apt-get install -y rabbitmq-server"
    id rabbitmq >/dev/null 2>&1 || die "no 'rabbitmq' user; reinstall rabbitmq-server (apt-get install --reinstall -y rabbitmq-server)"
  fi
}

# ---------------------------------------------------------------------------------------------------------
# PostgreSQL
# ---------------------------------------------------------------------------------------------------------

as_postgres() { runuser -u postgres -- "$@" 9>&-; }

pg_running() {
  [[ -f "$PG_DATA/postmaster.pid" ]] || return 1
  as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1
}

pg_pid() { head -n1 "$PG_DATA/postmaster.pid" 2>/dev/null || true; }

pg_fail() {
  printf '%s\n' "---- last lines of $PG_LOG ----" >&2
  tail -n 40 "$PG_LOG" >&2 2>/dev/null || true
  printf '%s\n' "----" >&2
  die "$1 (PostgreSQL 15 needs: apt-get install -y postgresql-15; full log: $PG_LOG)"
}

pg_psql_tcp() {
  PGPASSWORD="$CT_PG_PASSWORD" PGCONNECT_TIMEOUT=10 "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 \
    -h "$CT_PG_HOST" -p "$CT_PG_PORT" -U "$CT_PG_USER" "$@"
}

pg_init() {
  log "initialising a new PostgreSQL 15 cluster in $PG_DATA"
  local pwfile="$PG_DIR/.initdb-pw" locale=C
  if locale -a 2>/dev/null | grep -qix 'c.utf-\?8'; then locale=C.UTF-8; fi
  printf '%s\n' "$CT_PG_PASSWORD" >"$pwfile"
  chown postgres: "$pwfile"
  chmod 600 "$pwfile"
  if ! as_postgres "$PG_BIN/initdb" -D "$PG_DATA" -U "$CT_PG_USER" --pwfile="$pwfile" -E UTF8 --locale="$locale" \
      --auth-local=trust --auth-host=scram-sha-256 >"$PG_DIR/initdb.log" 2>&1; then
    rm -f "$pwfile"
    tail -n 30 "$PG_DIR/initdb.log" >&2 || true
    die "initdb failed (log: $PG_DIR/initdb.log)"
  fi
  rm -f "$pwfile"
  printf "\ninclude_if_exists = 'caretracking.conf'\n" >>"$PG_DATA/postgresql.conf"
}

pg_write_config() {
  # Rewritten at every start, so changes here reach existing clusters.
  cat >"$PG_DATA/caretracking.conf" <<EOF
# Written by deploy/local/infra.sh at every start; edit the script, not this file.
listen_addresses = '$CT_PG_HOST'
port = $CT_PG_PORT
unix_socket_directories = '$PG_SOCK'
unix_socket_permissions = 0700
password_encryption = scram-sha-256
max_connections = 300
# Any session (psql included) left idle inside a transaction holds its locks and the feed's fence for every
# projection on the server: ended after 5 minutes. The services' roles get 1 minute (Schema/006_session_limits.sql).
idle_in_transaction_session_timeout = '5min'
shared_buffers = 256MB
log_line_prefix = '%m [%p] %q%u@%d '
log_timezone = 'UTC'
timezone = 'UTC'
EOF
  cat >"$PG_DATA/pg_hba.conf" <<EOF
# Written by deploy/local/infra.sh at every start.
# TYPE  DATABASE     USER  ADDRESS        METHOD
local   all          all                  trust
local   replication  all                  trust
host    all          all   127.0.0.1/32   scram-sha-256
host    replication  all   127.0.0.1/32   scram-sha-256
EOF
  chown postgres: "$PG_DATA/caretracking.conf" "$PG_DATA/pg_hba.conf"
  chmod 600 "$PG_DATA/caretracking.conf" "$PG_DATA/pg_hba.conf"
}

pg_start() {
  if pg_running; then
    log "PostgreSQL already running (pid $(pg_pid)) on $CT_PG_HOST:$CT_PG_PORT"
    pg_ensure_app_role
    return 0
  fi
  if port_in_use "$CT_PG_PORT"; then
    port_owner "$CT_PG_PORT" >&2
    die "port $CT_PG_PORT is already taken by another process (not this repo's PostgreSQL, data $PG_DATA); stop it first"
  fi
  install -d -o postgres -g postgres -m 750 "$PG_DIR"
  install -d -o postgres -g postgres -m 700 "$PG_SOCK"
  [[ -d "$PG_DATA" ]] || install -d -o postgres -g postgres -m 700 "$PG_DATA"
  touch "$PG_LOG" && chown postgres: "$PG_LOG" && chmod 640 "$PG_LOG"
  ln -sfn "$PG_LOG" "$LOCAL_DIR/logs/postgres.log"
  [[ -s "$PG_DATA/PG_VERSION" ]] || pg_init
  [[ "$(cat "$PG_DATA/PG_VERSION")" == 15 ]] || die "$PG_DATA holds a PostgreSQL $(cat "$PG_DATA/PG_VERSION") cluster, not 15"
  pg_write_config
  log "starting PostgreSQL 15 on $CT_PG_HOST:$CT_PG_PORT (log: $PG_LOG)"
  if ! as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t "$PG_WAIT_SECONDS" start >/dev/null 2>&1 </dev/null; then
    pg_fail "PostgreSQL did not start within ${PG_WAIT_SECONDS}s"
  fi
  local deadline=$((SECONDS + PG_WAIT_SECONDS))
  until "$PG_BIN/pg_isready" -q -h "$CT_PG_HOST" -p "$CT_PG_PORT" -t 5; do
    ((SECONDS < deadline)) || pg_fail "PostgreSQL does not accept connections on $CT_PG_HOST:$CT_PG_PORT"
    sleep 0.5
  done
  if [[ -z "$(pg_psql_tcp -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$CT_PG_DB'")" ]]; then
    pg_psql_tcp -d postgres -c "CREATE DATABASE $CT_PG_DB" || pg_fail "could not create database $CT_PG_DB"
    log "created database $CT_PG_DB"
  fi
  pg_ensure_app_role
  log "PostgreSQL ready (pid $(pg_pid))"
}

# The roles the services connect as, one for request work and one for background work: each may log in and
# nothing more (no superuser, no BYPASSRLS, no CREATEDB). The event store schema, applied by the postgres role,
# grants each its data rights (004_split_roles.sql). Idempotent; the advisory lock keeps concurrent starts (tests
# create the roles too) from racing.
pg_ensure_app_role() {
  pg_psql_tcp -d postgres >/dev/null <<SQL || pg_fail "could not create the roles $CT_PG_APP_USER and $CT_PG_WORKER_USER"
begin;
select pg_advisory_xact_lock(hashtext('ct-app-role'));
do \$\$ begin
  if not exists (select 1 from pg_roles where rolname = '$CT_PG_APP_USER') then
    create role $CT_PG_APP_USER login password '$CT_PG_APP_PASSWORD' nosuperuser nobypassrls nocreatedb nocreaterole;
  end if;
  if not exists (select 1 from pg_roles where rolname = '$CT_PG_WORKER_USER') then
    create role $CT_PG_WORKER_USER login password '$CT_PG_WORKER_PASSWORD' nosuperuser nobypassrls nocreatedb nocreaterole;
  end if;
end \$\$;
commit;
SQL
}

pg_stop() {
  if ! pg_running; then
    log "PostgreSQL not running"
    return 0
  fi
  log "stopping PostgreSQL (pid $(pg_pid))"
  if ! as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t "$STOP_WAIT_SECONDS" stop >/dev/null 2>&1 </dev/null; then
    warn "fast shutdown did not finish in ${STOP_WAIT_SECONDS}s; trying immediate"
    as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate -w -t 30 stop >/dev/null 2>&1 </dev/null \
      || pg_fail "could not stop PostgreSQL"
  fi
  log "PostgreSQL stopped"
}

pg_status() {
  if pg_running; then
    log "PostgreSQL: running (pid $(pg_pid)) on $CT_PG_HOST:$CT_PG_PORT, data $PG_DATA"
    return 0
  fi
  log "PostgreSQL: stopped (data $PG_DATA)"
  return 3
}

# ---------------------------------------------------------------------------------------------------------
# RabbitMQ
# ---------------------------------------------------------------------------------------------------------

rmq_env() {
  RMQ_ENV=(
    "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
    "HOME=$RMQ_HOME"
    "LANG=C.UTF-8" "LC_ALL=C.UTF-8"
    "ERL_EPMD_ADDRESS=127.0.0.1"
    "RABBITMQ_NODENAME=$CT_RMQ_NODE"
    "RABBITMQ_NODE_IP_ADDRESS=127.0.0.1"
    "RABBITMQ_NODE_PORT=$CT_RMQ_PORT"
    "RABBITMQ_DIST_PORT=$CT_RMQ_DIST_PORT"
    "RABBITMQ_MNESIA_BASE=$RMQ_DIR/mnesia"
    "RABBITMQ_LOG_BASE=$RMQ_LOG_DIR"
    "RABBITMQ_FEATURE_FLAGS_FILE=$RMQ_DIR/feature_flags"
    "RABBITMQ_ENABLED_PLUGINS_FILE=$RMQ_DIR/enabled_plugins"
    "RABBITMQ_CONFIG_FILE=$RMQ_DIR/rabbitmq.conf"
    "RABBITMQ_ADVANCED_CONFIG_FILE=$RMQ_DIR/advanced.config"
    "RABBITMQ_CONF_ENV_FILE=$RMQ_DIR/rabbitmq-env.conf"
    "RABBITMQ_PID_FILE=$RMQ_BEAM_PID_FILE"
    "RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS=-kernel inet_dist_use_interface {127,0,0,1}"
    "RABBITMQ_CTL_ERL_ARGS=-kernel inet_dist_use_interface {127,0,0,1}"
  )
}

# Run a RabbitMQ CLI tool as the rabbitmq user, with the node's HOME (and so its Erlang cookie).
# CLI_TIMEOUT (seconds) bounds every call.
CLI_TIMEOUT=60
as_rabbitmq_cli() {
  local tool="$1"
  shift
  (cd "$RMQ_DIR" && exec timeout -k 5 "$CLI_TIMEOUT" setpriv --reuid=rabbitmq --regid=rabbitmq --init-groups \
    env -i "${RMQ_ENV[@]}" "$RMQ_BIN/$tool" "$@") 9>&- </dev/null
}

rmqctl() { as_rabbitmq_cli rabbitmqctl -n "$CT_RMQ_NODE" "$@"; }

rmq_launcher_pid() { head -n1 "$RMQ_LAUNCHER_PID_FILE" 2>/dev/null || true; }
rmq_beam_pid() { head -n1 "$RMQ_BEAM_PID_FILE" 2>/dev/null || true; }

# Is the RabbitMQ that this script started alive (by its pid files, checked against the command line)?
# The beam's command line carries "-home <our HOME>"; the launcher (sh rabbitmq-server) has it in its environment.
is_our_beam() { pid_alive "$1" && pid_cmdline "$1" | grep -qF -- "-home $RMQ_HOME "; }
is_our_launcher() {
  pid_alive "$1" && pid_cmdline "$1" | grep -q rabbitmq-server \
    && tr '\0' '\n' <"/proc/$1/environ" 2>/dev/null | grep -qxF "HOME=$RMQ_HOME"
}
rmq_process_alive() { is_our_beam "$(rmq_beam_pid)" || is_our_launcher "$(rmq_launcher_pid)"; }

rmq_fail() {
  local f
  for f in "$RMQ_STARTUP_LOG" "$RMQ_LOG_DIR/$CT_RMQ_NODE.log"; do
    [[ -f "$f" ]] || continue
    printf '%s\n' "---- last lines of $f ----" >&2
    tail -n 30 "$f" >&2 || true
  done
  printf '%s\n' "----" >&2
  die "$1 (RabbitMQ needs: apt-get install -y rabbitmq-server; logs: $RMQ_STARTUP_LOG, $RMQ_LOG_DIR/)"
}

# The TLS listener's certificate (CN and SAN localhost and 127.0.0.1) and a client certificate for each service's
# broker user and for local tools and tests (ct-local-client), from a CA made once by deploy/broker/make-tls.sh,
# which deletes the CA's key once it has signed: nothing can be issued under it later, and a lost file means a new
# CA (delete $RMQ_DIR/tls and start again). The listener asks every client for a certificate from that CA; clients
# trust CT_RMQ_CA_FILE, the CA's certificate, and nothing else. Copies for the clients go to .local/tls (the broker's
# own directory is the rabbitmq user's only).
CT_RMQ_TLS_CLIENTS=(ct-placements ct-missing-episodes ct-reviews ct-indicators ct-health ct-leaving-care ct-local-client)
rmq_make_tls() {
  local tls="$RMQ_DIR/tls"
  bash "$CT_LIB_DIR/../broker/make-tls.sh" "$tls" "localhost,127.0.0.1" "${CT_RMQ_TLS_CLIENTS[@]}" \
    || die "could not make the broker's TLS certificates (deploy/broker/make-tls.sh)"
  chown -R rabbitmq:rabbitmq "$tls"
  install -d -m 755 "$(dirname -- "$CT_RMQ_CA_FILE")"
  install -m 644 "$tls/ca.pem" "$CT_RMQ_CA_FILE"
  install -d -m 700 "$CT_RMQ_CLIENTS_DIR"
  rm -f "$CT_RMQ_CLIENTS_DIR"/*.p12 "$CT_RMQ_CLIENTS_DIR"/*.pass
  install -m 600 "$tls"/clients/*.p12 "$tls"/clients/*.pass "$CT_RMQ_CLIENTS_DIR/"
}

rmq_write_config() {
  install -d -o rabbitmq -g rabbitmq -m 750 "$RMQ_DIR"
  install -d -o rabbitmq -g rabbitmq -m 700 "$RMQ_HOME" "$RMQ_DIR/mnesia" "$RMQ_LOG_DIR"
  rmq_make_tls
  cat >"$RMQ_DIR/rabbitmq.conf" <<EOF
# Written by deploy/local/infra.sh at every start; edit the script, not this file.
listeners.tcp.default = 127.0.0.1:$CT_RMQ_PORT
listeners.ssl.default = 127.0.0.1:$CT_RMQ_TLS_PORT
ssl_options.cacertfile = $RMQ_DIR/tls/ca.pem
ssl_options.certfile = $RMQ_DIR/tls/server.pem
ssl_options.keyfile = $RMQ_DIR/tls/server.key
ssl_options.verify = verify_peer
ssl_options.fail_if_no_peer_cert = true
ssl_options.versions.1 = tlsv1.3
ssl_options.versions.2 = tlsv1.2
loopback_users.guest = true
# Services and forces log in as their client certificate's CN (SASL EXTERNAL, rabbitmq_auth_mechanism_ssl), with
# no password; PLAIN stays for guest and the tests on the plain listener. The mechanisms are the broker's, not a
# listener's: EXTERNAL needs a verified certificate, so only the TLS listener can take it.
auth_mechanisms.1 = PLAIN
auth_mechanisms.2 = AMQPLAIN
auth_mechanisms.3 = EXTERNAL
ssl_cert_login_from = common_name
management.tcp.ip = 127.0.0.1
management.tcp.port = $CT_RMQ_MGMT_PORT
log.console = false
log.file.level = info
EOF
  printf '[rabbitmq_management,rabbitmq_auth_mechanism_ssl].\n' >"$RMQ_DIR/enabled_plugins"
  : >"$RMQ_DIR/rabbitmq-env.conf"
  chown rabbitmq:rabbitmq "$RMQ_DIR/rabbitmq.conf" "$RMQ_DIR/enabled_plugins" "$RMQ_DIR/rabbitmq-env.conf"
  if [[ ! -s "$RMQ_HOME/.erlang.cookie" ]]; then
    (umask 077 && openssl rand -hex 16 | tr '0-9a-f' 'A-P' >"$RMQ_HOME/.erlang.cookie")
  fi
  chown rabbitmq:rabbitmq "$RMQ_HOME/.erlang.cookie"
  chmod 400 "$RMQ_HOME/.erlang.cookie"
}

epmd_listening() { port_in_use 4369; }

rmq_start() {
  rmq_env
  if rmq_process_alive; then
    if CLI_TIMEOUT=60 rmqctl -q await_startup >/dev/null 2>&1; then
      log "RabbitMQ already running (pid $(rmq_beam_pid)) on 127.0.0.1:$CT_RMQ_PORT"
      return 0
    fi
    rmq_fail "RabbitMQ process $(rmq_beam_pid) is alive but does not answer; run '$0 stop rabbitmq' and retry"
  fi
  local port
  for port in "$CT_RMQ_PORT" "$CT_RMQ_TLS_PORT" "$CT_RMQ_DIST_PORT" "$CT_RMQ_MGMT_PORT"; do
    if port_in_use "$port"; then
      port_owner "$port" >&2
      die "port $port is already taken by another process (not this repo's RabbitMQ); stop it first"
    fi
  done
  rmq_write_config
  if epmd_listening; then rm -f "$EPMD_MARK"; else date -u +%FT%TZ >"$EPMD_MARK"; fi
  : >"$RMQ_STARTUP_LOG"
  chown rabbitmq:rabbitmq "$RMQ_STARTUP_LOG"
  ln -sfn "$RMQ_STARTUP_LOG" "$LOCAL_DIR/logs/rabbitmq-startup.log"
  ln -sfn "$RMQ_LOG_DIR/$CT_RMQ_NODE.log" "$LOCAL_DIR/logs/rabbitmq.log"
  log "starting RabbitMQ node $CT_RMQ_NODE on 127.0.0.1:$CT_RMQ_PORT (log: $RMQ_LOG_DIR/$CT_RMQ_NODE.log)"
  (cd "$RMQ_DIR" && exec setsid setpriv --reuid=rabbitmq --regid=rabbitmq --init-groups \
    env -i "${RMQ_ENV[@]}" "$RMQ_BIN/rabbitmq-server") </dev/null >>"$RMQ_STARTUP_LOG" 2>&1 9>&- &
  echo $! >"$RMQ_LAUNCHER_PID_FILE"
  local deadline=$((SECONDS + RMQ_WAIT_SECONDS)) launcher
  launcher="$(rmq_launcher_pid)"
  while :; do
    pid_alive "$launcher" || rmq_fail "RabbitMQ exited during start-up"
    if [[ -s "$RMQ_BEAM_PID_FILE" ]] && CLI_TIMEOUT=30 rmqctl -q await_startup >/dev/null 2>&1; then
      break
    fi
    if ((SECONDS >= deadline)); then
      rmq_stop >/dev/null 2>&1 || true
      rmq_fail "RabbitMQ was not ready within ${RMQ_WAIT_SECONDS}s (the half-started node was stopped)"
    fi
    sleep 1
  done
  log "RabbitMQ ready (pid $(rmq_beam_pid)); management UI on http://127.0.0.1:$CT_RMQ_MGMT_PORT/"
}

rmq_stop() {
  rmq_env
  if ! rmq_process_alive; then
    log "RabbitMQ not running"
    rm -f "$RMQ_LAUNCHER_PID_FILE"
    return 0
  fi
  local beam launcher
  beam="$(rmq_beam_pid)"
  launcher="$(rmq_launcher_pid)"
  log "stopping RabbitMQ (pid $beam)"
  if ! CLI_TIMEOUT="$STOP_WAIT_SECONDS" rmqctl -q stop "$RMQ_BEAM_PID_FILE" >/dev/null 2>&1; then
    warn "rabbitmqctl stop did not finish; sending TERM to the node this script started"
    is_our_launcher "$launcher" && kill -TERM "$launcher" 2>/dev/null || true
    is_our_beam "$beam" && kill -TERM "$beam" 2>/dev/null || true
    local deadline=$((SECONDS + 20))
    while is_our_beam "$beam" && ((SECONDS < deadline)); do sleep 0.5; done
    if is_our_beam "$beam"; then
      warn "RabbitMQ still alive; sending KILL to pid $beam"
      kill -KILL "$beam" 2>/dev/null || true
    fi
  fi
  local deadline=$((SECONDS + 20))
  while is_our_launcher "$launcher" && ((SECONDS < deadline)); do sleep 0.2; done
  rm -f "$RMQ_LAUNCHER_PID_FILE"
  # epmd is started by the first Erlang node; stop it only if it was started for our node and serves no other.
  if [[ -f "$EPMD_MARK" ]]; then
    if ! epmd -names 2>/dev/null | grep -q '^name '; then
      epmd -kill >/dev/null 2>&1 || true
    fi
    rm -f "$EPMD_MARK"
  fi
  log "RabbitMQ stopped"
}

rmq_status() {
  rmq_env
  if rmq_process_alive; then
    log "RabbitMQ: running (pid $(rmq_beam_pid)) on 127.0.0.1:$CT_RMQ_PORT, node $CT_RMQ_NODE, data $RMQ_DIR"
    return 0
  fi
  log "RabbitMQ: stopped (data $RMQ_DIR)"
  return 3
}

valid_vhost() {
  [[ "$1" =~ ^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$ ]] \
    || { echo "vhost name must match [A-Za-z0-9][A-Za-z0-9._-]{0,199}: '$1'" >&2; exit 2; }
}

mgmt_api() { # METHOD PATH [JSON]: prints the HTTP status code
  local method="$1" path="$2" body="${3:-}"
  local args=(-sS -o /dev/null -w '%{http_code}' --max-time 15 -u guest:guest -X "$method"
    -H 'content-type: application/json' "http://127.0.0.1:$CT_RMQ_MGMT_PORT/api/$path")
  [[ -z "$body" ]] || args+=(--data "$body")
  curl "${args[@]}" 2>/dev/null || echo 000
}

rmq_add_vhost() {
  local name="$1" code
  valid_vhost "$name"
  if command -v curl >/dev/null 2>&1; then
    code="$(mgmt_api PUT "vhosts/$name")"
    if [[ "$code" == 201 || "$code" == 204 ]]; then
      code="$(mgmt_api PUT "permissions/$name/guest" '{"configure":".*","write":".*","read":".*"}')"
      if [[ "$code" == 201 || "$code" == 204 ]]; then
        echo "vhost '$name' ready (guest has all permissions)"
        return 0
      fi
    fi
  fi
  # Fallback without the management API.
  rmq_env
  [[ "$(id -u)" -eq 0 ]] || die "add-vhost without the management API needs root (to use the node's Erlang cookie)"
  if ! rmqctl -q list_vhosts name 2>/dev/null | grep -qxF -- "$name"; then
    rmqctl -q add_vhost "$name" >/dev/null 2>&1 || rmqctl -q list_vhosts name | grep -qxF -- "$name" \
      || die "could not create vhost '$name' (is RabbitMQ running? $0 status)"
  fi
  rmqctl -q set_permissions -p "$name" guest '.*' '.*' '.*' >/dev/null || die "could not set permissions on '$name'"
  echo "vhost '$name' ready (guest has all permissions)"
}

rmq_delete_vhost() {
  local name="$1" code
  valid_vhost "$name"
  if command -v curl >/dev/null 2>&1; then
    code="$(mgmt_api DELETE "vhosts/$name")"
    if [[ "$code" == 204 || "$code" == 404 ]]; then
      echo "vhost '$name' deleted"
      return 0
    fi
  fi
  rmq_env
  [[ "$(id -u)" -eq 0 ]] || die "delete-vhost without the management API needs root"
  if rmqctl -q list_vhosts name 2>/dev/null | grep -qxF -- "$name"; then
    rmqctl -q delete_vhost "$name" >/dev/null || die "could not delete vhost '$name'"
  fi
  echo "vhost '$name' deleted"
}

# The services' broker users, the police vhost and the demo force (idempotent; docs/security.md, "Broker").
rmq_provision_users() {
  if ! command -v curl >/dev/null 2>&1; then
    warn "curl is missing: the services' broker users were not made (apt-get install -y curl, then run infra.sh start again)"
    return 0
  fi
  CT_LOG_PREFIX=broker-users.sh "$CT_LIB_DIR/broker-users.sh" apply
  CT_LOG_PREFIX=broker-users.sh "$CT_LIB_DIR/broker-users.sh" onboard-force derbyshire
}

# ---------------------------------------------------------------------------------------------------------

print_connection_strings() {
  cat <<EOF
  PostgreSQL: $CT_PG_CONN
  Services:   $CT_PG_APP_CONN
  Background: $CT_PG_WORKER_CONN
  RabbitMQ:   $CT_AMQP_URI
  over TLS:   $CT_AMQPS_URI (trust $CT_RMQ_CA_FILE only; present a client certificate from $CT_RMQ_CLIENTS_DIR/)
EOF
}

take_lock() {
  exec 9>"$LOCAL_DIR/run/infra.lock"
  flock -w 600 9 || die "another infra.sh start/stop has held $LOCAL_DIR/run/infra.lock for 10 minutes"
}

need_root() {
  [[ "$(id -u)" -eq 0 ]] || die "'$1' must run as root (it switches to the postgres and rabbitmq users)"
}

component_arg() {
  case "${1:-all}" in
    all | pg | rabbitmq) echo "${1:-all}" ;;
    postgres | postgresql) echo pg ;;
    rabbit) echo rabbitmq ;;
    *) usage ;;
  esac
}

main() {
  local cmd="${1:-}"
  [[ $# -gt 0 ]] && shift
  case "$cmd" in
    start)
      [[ $# -le 1 ]] || usage
      local comp
      comp="$(component_arg "${1:-}")"
      need_root start
      ensure_local_dirs
      take_lock
      ensure_packages "$comp"
      prepare_server_root
      set_paths
      [[ "$comp" == rabbitmq ]] || pg_start
      [[ "$comp" == pg ]] || rmq_start
      [[ "$comp" == pg ]] || rmq_provision_users
      log "infrastructure ready:"
      print_connection_strings
      ;;
    stop)
      [[ $# -le 1 ]] || usage
      local comp
      comp="$(component_arg "${1:-}")"
      need_root stop
      ensure_local_dirs
      take_lock
      set_paths
      # Stop RabbitMQ first (nothing depends on it here), then PostgreSQL.
      if [[ "$comp" != pg ]]; then
        if [[ -x "$RMQ_BIN/rabbitmqctl" ]]; then rmq_stop; else log "RabbitMQ not installed; nothing to stop"; fi
      fi
      if [[ "$comp" != rabbitmq ]]; then
        if [[ -x "$PG_BIN/pg_ctl" ]]; then pg_stop; else log "PostgreSQL not installed; nothing to stop"; fi
      fi
      ;;
    status)
      [[ $# -le 1 ]] || usage
      local comp rc=0
      comp="$(component_arg "${1:-}")"
      set_paths
      if [[ "$comp" != rabbitmq ]]; then pg_status || rc=3; fi
      if [[ "$comp" != pg ]]; then rmq_status || rc=3; fi
      if [[ "$rc" -eq 0 ]]; then print_connection_strings; fi
      return "$rc"
      ;;
    psql)
      exec env PGPASSWORD="$CT_PG_PASSWORD" "$PG_BIN/psql" -h "$CT_PG_HOST" -p "$CT_PG_PORT" -U "$CT_PG_USER" -d "$CT_PG_DB" "$@"
      ;;
    add-vhost)
      [[ $# -eq 1 ]] || usage
      set_paths
      rmq_add_vhost "$1"
      ;;
    delete-vhost)
      [[ $# -eq 1 ]] || usage
      set_paths
      rmq_delete_vhost "$1"
      ;;
    where)
      set_paths
      echo "repo root:      $REPO_ROOT"
      echo "server data:    $SERVER_ROOT"
      echo "PostgreSQL:     $PG_DATA (log $PG_LOG)"
      echo "RabbitMQ:       $RMQ_DIR (log $RMQ_LOG_DIR/$CT_RMQ_NODE.log)"
      ;;
    -h | --help | help) usage ;;
    *) usage ;;
  esac
}

main "$@"
