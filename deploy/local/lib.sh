# shellcheck shell=bash
# shellcheck disable=SC2034  # constants used by the scripts that source this file
# Shared helpers for the deploy/ scripts. Sourced, never run.
# Sets REPO_ROOT (found from this file's location, so callers may run from any cwd) and LOCAL_DIR.
# CT_LOCAL_DIR: another checkout's .local, for a git worktree that shares that checkout's servers (the ports are
# fixed, so two checkouts cannot each run their own): e.g. CT_LOCAL_DIR=/path/to/main/.local deploy/local/infra.sh start.

CT_LIB_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)"
REPO_ROOT="$(cd -- "$CT_LIB_DIR/../.." && pwd -P)"
LOCAL_DIR="${CT_LOCAL_DIR:-$REPO_ROOT/.local}"

# Fixed local endpoints (loopback only). Tests and appsettings use these exact values.
CT_PG_HOST=127.0.0.1
CT_PG_PORT=55432
CT_PG_USER=postgres
CT_PG_PASSWORD=postgres
CT_PG_DB=caretracking
# The services connect as this restricted role (no superuser, no BYPASSRLS), so PostgreSQL's row-level
# security binds them to one authority per transaction; the postgres role applies the schema.
CT_PG_APP_USER=caretracking_app
CT_PG_APP_PASSWORD=caretracking_app
# Background work (the feed, projections, the outbox relay) connects as this second restricted role, the only one
# that may see every authority at once (docs/security.md, "Database roles").
CT_PG_WORKER_USER=caretracking_worker
CT_PG_WORKER_PASSWORD=caretracking_worker
CT_RMQ_PORT=56720
CT_RMQ_DIST_PORT=56721
CT_RMQ_MGMT_PORT=15672
# AMQP over TLS, with a certificate from a local CA that infra.sh makes once (its certificate: CT_RMQ_CA_FILE).
CT_RMQ_TLS_PORT=56723
CT_RMQ_CA_FILE="$LOCAL_DIR/tls/broker-ca.pem"
# The listener asks for a client certificate from the same CA: one per client here (NAME.p12, its password NAME.pass).
CT_RMQ_CLIENTS_DIR="$LOCAL_DIR/tls/clients"
CT_RMQ_NODE=caretracking@localhost
CT_PG_CONN="Host=$CT_PG_HOST;Port=$CT_PG_PORT;Username=$CT_PG_USER;Password=$CT_PG_PASSWORD;Database=$CT_PG_DB"
CT_PG_APP_CONN="Host=$CT_PG_HOST;Port=$CT_PG_PORT;Username=$CT_PG_APP_USER;Password=$CT_PG_APP_PASSWORD;Database=$CT_PG_DB"
CT_PG_WORKER_CONN="Host=$CT_PG_HOST;Port=$CT_PG_PORT;Username=$CT_PG_WORKER_USER;Password=$CT_PG_WORKER_PASSWORD;Database=$CT_PG_DB"
CT_PG_CONN_NODB="Host=$CT_PG_HOST;Port=$CT_PG_PORT;Username=$CT_PG_USER;Password=$CT_PG_PASSWORD"
CT_AMQP_URI="amqp://guest:guest@127.0.0.1:$CT_RMQ_PORT/"
CT_AMQPS_URI="amqps://guest:guest@localhost:$CT_RMQ_TLS_PORT/"

ct_name="${CT_LOG_PREFIX:-$(basename -- "$0")}"
log()  { printf '[%s] %s\n' "$ct_name" "$*"; }
warn() { printf '[%s] WARNING: %s\n' "$ct_name" "$*" >&2; }
die()  { printf '[%s] ERROR: %s\n' "$ct_name" "$*" >&2; exit 1; }

# port_in_use PORT: true if something listens on 127.0.0.1:PORT or on a wildcard address with that port.
port_in_use() {
  local port="$1"
  if command -v ss >/dev/null 2>&1; then
    ss -Hltn "sport = :$port" 2>/dev/null | grep -q .
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
  fi
}

port_owner() {
  local port="$1"
  command -v ss >/dev/null 2>&1 && ss -Hltnp "sport = :$port" 2>/dev/null || true
}

# pid_alive PID: the process exists (and is not a zombie).
pid_alive() {
  local pid="$1"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [[ -r "/proc/$pid/stat" ]] || return 1
  local state
  state="$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null || true)"
  [[ -n "$state" && "$state" != "Z" ]]
}

# pid_cmdline PID: the process's command line with spaces between arguments.
pid_cmdline() {
  tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null || true
}

# apt_install PKG...: installs Debian packages non-interactively. Runs `apt-get update` first (only called
# when something is actually missing). A temporary policy-rc.d keeps the packages' own services
# (e.g. a system-wide RabbitMQ on all interfaces) from being started by the install.
apt_install() {
  [[ $# -gt 0 ]] || return 0
  if [[ "$(id -u)" -ne 0 ]]; then
    die "missing Debian packages: $*. Install them as root: apt-get update && apt-get install -y $*"
  fi
  command -v apt-get >/dev/null 2>&1 || die "missing packages ($*) and no apt-get on this machine; install them by hand"
  log "installing Debian packages: $* (apt-get update + install, may take a minute)"
  local policy=/usr/sbin/policy-rc.d created=0 rc=0
  if [[ ! -e "$policy" ]]; then
    printf '#!/bin/sh\n# temporary, written by caretracking deploy scripts: do not start services during install\nexit 101\n' >"$policy"
    chmod 755 "$policy"
    created=1
  fi
  export DEBIAN_FRONTEND=noninteractive
  if ! timeout 600 apt-get -q -o DPkg::Lock::Timeout=300 update >"$LOCAL_DIR/logs/apt.log" 2>&1; then
    rc=1
  elif ! timeout 1200 apt-get -q -y -o DPkg::Lock::Timeout=300 install --no-install-recommends "$@" >>"$LOCAL_DIR/logs/apt.log" 2>&1; then
    rc=1
  fi
  if [[ "$created" == 1 ]]; then rm -f "$policy"; fi
  if [[ "$rc" -ne 0 ]]; then
    tail -n 30 "$LOCAL_DIR/logs/apt.log" >&2 || true
    die "apt-get could not install: $* (full log: $LOCAL_DIR/logs/apt.log)"
  fi
  log "installed: $*"
}

ensure_local_dirs() {
  mkdir -p "$LOCAL_DIR/logs" "$LOCAL_DIR/run"
  chmod 755 "$LOCAL_DIR" "$LOCAL_DIR/logs" "$LOCAL_DIR/run"
}
