#!/usr/bin/env bash
# A second, private RabbitMQ node for fault tests: a test may stop and restart it without touching the shared
# broker that every other test class uses (deploy/local/infra.sh, 127.0.0.1:56720).
#
#   deploy/local/fault-broker.sh start    start the node (idempotent), wait until it answers; prints its AMQP URI
#   deploy/local/fault-broker.sh stop     stop it (durable queues and persistent messages are kept on disk)
#   deploy/local/fault-broker.sh status   exit 0 if running, 3 if not
#   deploy/local/fault-broker.sh reset    stop it and delete its data
#
# Node caretracking-fault-<hash of the repo path>@localhost, so two checkouts run a node each at the same time.
# AMQP on a free 127.0.0.1 port picked at the first start and kept in the data directory, so a stop and a start
# give the same URI (clients reconnect to it); picked again only if something else took it meanwhile.
# CT_FAULT_RMQ_PORT fixes it instead (distribution on the next port). guest/guest, vhost "/", no management plugin.
# Data in /var/tmp/caretracking-fault-<hash>/. Needs root (it runs the node as the rabbitmq user), like infra.sh start.
set -euo pipefail

# shellcheck source=deploy/local/lib.sh
source "$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)/lib.sh"

RMQ_BIN=/usr/lib/rabbitmq/bin
FAULT_ID="$(printf '%s' "$REPO_ROOT" | sha256sum | cut -c1-12)"
FAULT_NODE="caretracking-fault-$FAULT_ID@localhost"
FAULT_DIR="/var/tmp/caretracking-fault-$FAULT_ID"
FAULT_PORT_FILE="$FAULT_DIR/port"
# A fixed 56730 collided when two checkouts ran their broker-outage tests at once; see choose_port.
FAULT_PORT="${CT_FAULT_RMQ_PORT:-$(cat "$FAULT_PORT_FILE" 2>/dev/null || echo 0)}"
FAULT_DIST_PORT=$((FAULT_PORT + 1))
FAULT_HOME="$FAULT_DIR/home"
FAULT_PID_FILE="$FAULT_DIR/rabbitmq.pid"
FAULT_LOG="$FAULT_DIR/startup.log"
WAIT_SECONDS=120

fault_env() {
  FAULT_ENV=(
    "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
    "HOME=$FAULT_HOME"
    "LANG=C.UTF-8" "LC_ALL=C.UTF-8"
    "ERL_EPMD_ADDRESS=127.0.0.1"
    "RABBITMQ_NODENAME=$FAULT_NODE"
    "RABBITMQ_NODE_IP_ADDRESS=127.0.0.1"
    "RABBITMQ_NODE_PORT=$FAULT_PORT"
    "RABBITMQ_DIST_PORT=$FAULT_DIST_PORT"
    "RABBITMQ_MNESIA_BASE=$FAULT_DIR/mnesia"
    "RABBITMQ_LOG_BASE=$FAULT_DIR/log"
    "RABBITMQ_FEATURE_FLAGS_FILE=$FAULT_DIR/feature_flags"
    "RABBITMQ_ENABLED_PLUGINS_FILE=$FAULT_DIR/enabled_plugins"
    "RABBITMQ_CONFIG_FILE=$FAULT_DIR/rabbitmq.conf"
    "RABBITMQ_ADVANCED_CONFIG_FILE=$FAULT_DIR/advanced.config"
    "RABBITMQ_CONF_ENV_FILE=$FAULT_DIR/rabbitmq-env.conf"
    "RABBITMQ_PID_FILE=$FAULT_PID_FILE"
    "RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS=-kernel inet_dist_use_interface {127,0,0,1}"
    "RABBITMQ_CTL_ERL_ARGS=-kernel inet_dist_use_interface {127,0,0,1}"
  )
}

ctl() { # rabbitmqctl against the fault node, as the rabbitmq user, bounded by CTL_TIMEOUT seconds
  (cd "$FAULT_DIR" && exec timeout -k 5 "${CTL_TIMEOUT:-60}" setpriv --reuid=rabbitmq --regid=rabbitmq --init-groups \
    env -i "${FAULT_ENV[@]}" "$RMQ_BIN/rabbitmqctl" -n "$FAULT_NODE" "$@") 9>&- </dev/null
}

# choose_port: keep the remembered port pair when both are free (the same URI after a restart), else pick a
# free pair at random in 20000-59999. A fixed CT_FAULT_RMQ_PORT is used as given.
choose_port() {
  [[ -n "${CT_FAULT_RMQ_PORT:-}" ]] && return 0
  if ((FAULT_PORT > 0)) && ! port_in_use "$FAULT_PORT" && ! port_in_use "$((FAULT_PORT + 1))"; then return 0; fi
  local tries
  for ((tries = 0; tries < 200; tries++)); do
    FAULT_PORT=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
    if ! port_in_use "$FAULT_PORT" && ! port_in_use "$((FAULT_PORT + 1))"; then
      FAULT_DIST_PORT=$((FAULT_PORT + 1))
      install -d -o rabbitmq -g rabbitmq -m 755 "$FAULT_DIR"
      printf '%s\n' "$FAULT_PORT" >"$FAULT_PORT_FILE"
      return 0
    fi
  done
  die "no free port pair found for the fault broker"
}

beam_pid() { head -n1 "$FAULT_PID_FILE" 2>/dev/null || true; }
# Our node only: its beam's command line carries "-home <our HOME>".
node_alive() { local pid; pid="$(beam_pid)"; pid_alive "$pid" && pid_cmdline "$pid" | grep -qF -- "-home $FAULT_HOME "; }

write_config() {
  install -d -o rabbitmq -g rabbitmq -m 755 "$FAULT_DIR"
  install -d -o rabbitmq -g rabbitmq -m 700 "$FAULT_HOME" "$FAULT_DIR/mnesia" "$FAULT_DIR/log"
  cat >"$FAULT_DIR/rabbitmq.conf" <<CONF
# Written by deploy/local/fault-broker.sh at every start.
listeners.tcp.default = 127.0.0.1:$FAULT_PORT
loopback_users.guest = true
log.console = false
log.file.level = warning
CONF
  printf '[].\n' >"$FAULT_DIR/enabled_plugins"
  : >"$FAULT_DIR/rabbitmq-env.conf"
  if [[ ! -s "$FAULT_HOME/.erlang.cookie" ]]; then
    (umask 077 && openssl rand -hex 16 | tr '0-9a-f' 'A-P' >"$FAULT_HOME/.erlang.cookie")
  fi
  chown rabbitmq:rabbitmq "$FAULT_HOME/.erlang.cookie" "$FAULT_DIR/rabbitmq.conf" "$FAULT_DIR/enabled_plugins" "$FAULT_DIR/rabbitmq-env.conf"
  chmod 400 "$FAULT_HOME/.erlang.cookie"
  touch "$FAULT_LOG" && chown rabbitmq:rabbitmq "$FAULT_LOG"
}

start() {
  fault_env
  if node_alive && CTL_TIMEOUT=30 ctl -q await_startup >/dev/null 2>&1; then
    echo "amqp://guest:guest@127.0.0.1:$FAULT_PORT/"
    return 0
  fi
  choose_port
  fault_env
  local port
  for port in "$FAULT_PORT" "$FAULT_DIST_PORT"; do
    if port_in_use "$port"; then
      port_owner "$port" >&2
      die "port $port is already taken by another process (not this repo's fault broker)"
    fi
  done
  [[ -x "$RMQ_BIN/rabbitmq-server" ]] || die "RabbitMQ is not installed; run deploy/local/infra.sh start first"
  write_config
  (cd "$FAULT_DIR" && exec setsid setpriv --reuid=rabbitmq --regid=rabbitmq --init-groups \
    env -i "${FAULT_ENV[@]}" "$RMQ_BIN/rabbitmq-server") </dev/null >>"$FAULT_LOG" 2>&1 9>&- &
  local launcher=$! deadline=$((SECONDS + WAIT_SECONDS))
  until [[ -s "$FAULT_PID_FILE" ]] && node_alive && CTL_TIMEOUT=30 ctl -q await_startup >/dev/null 2>&1; do
    pid_alive "$launcher" || { tail -n 30 "$FAULT_LOG" >&2; die "the fault broker exited during start-up (log: $FAULT_LOG)"; }
    ((SECONDS < deadline)) || die "the fault broker was not ready within ${WAIT_SECONDS}s (log: $FAULT_LOG)"
    sleep 0.5
  done
  echo "amqp://guest:guest@127.0.0.1:$FAULT_PORT/"
}

stop() {
  fault_env
  node_alive || { log "fault broker not running"; return 0; }
  local pid
  pid="$(beam_pid)"
  if ! CTL_TIMEOUT=60 ctl -q stop "$FAULT_PID_FILE" >/dev/null 2>&1; then
    warn "rabbitmqctl stop did not finish; sending TERM to pid $pid"
    kill -TERM "$pid" 2>/dev/null || true
  fi
  local deadline=$((SECONDS + 30))
  while node_alive && ((SECONDS < deadline)); do sleep 0.2; done
  if node_alive; then kill -KILL "$pid" 2>/dev/null || true; fi
  log "fault broker stopped"
}

main() {
  [[ "$(id -u)" -eq 0 ]] || die "must run as root (it runs the node as the rabbitmq user)"
  case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) fault_env; if node_alive; then log "fault broker running (pid $(beam_pid)) on 127.0.0.1:$FAULT_PORT"; else log "fault broker stopped"; return 3; fi ;;
    reset) stop; rm -rf -- "$FAULT_DIR"; log "fault broker data deleted" ;;
    *) sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
  esac
}

main "$@"
