#!/usr/bin/env bash
# Starts the whole CareTracking stack on this machine, without Docker:
#   PostgreSQL + RabbitMQ (infra.sh start), one Release build of the solution, then the six services on
#   127.0.0.1 (Placements 5101, MissingEpisodes 5102, Reviews 5103, Indicators 5104, Health 5105, LeavingCare 5106), waits for each one's
#   GET /health/ready, runs deploy/local/seed-demo.sh if it exists and is executable, and prints the URLs and a
#   development token for authority 831 with every scope.
#
#   deploy/local/up.sh [--no-build]
#
# Each service runs under deploy/local/supervise.sh, which starts it again (after 1 s, doubling to 30 s) when it
# exits without down.sh asking it to. Logs: .local/logs/<Service>.log (the supervisor's restarts too); pid files:
# .local/run/<Service>.pid (the supervisor), .local/run/<Service>.service.pid (the service). A service that is
# already running is left alone (run down.sh first to pick up a new build). Safe to run twice. Stop everything
# with down.sh.
set -euo pipefail

# shellcheck source=deploy/local/lib.sh
source "$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)/lib.sh"
# shellcheck source=deploy/local/services.sh
source "$CT_LIB_DIR/services.sh"

HEALTH_TIMEOUT="${CARETRACKING_HEALTH_TIMEOUT:-120}"
BUILD=1
for arg in "$@"; do
  case "$arg" in
    --no-build) BUILD=0 ;;
    -h | --help) sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "usage: up.sh [--no-build]" >&2; exit 2 ;;
  esac
done

command -v dotnet >/dev/null 2>&1 || die "the .NET SDK (dotnet) is not on PATH"
command -v curl >/dev/null 2>&1 || die "curl is needed to wait for the services: apt-get install -y curl"
# The Indicators build installs the dashboard's chart library with npm.
command -v npm >/dev/null 2>&1 || apt_install nodejs npm
ensure_local_dirs

"$CT_LIB_DIR/infra.sh" start

SOLUTION="$(ct_find_solution)" || die "there is no CareTracking.sln (or .slnx) at $REPO_ROOT yet; nothing to build"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if [[ "$BUILD" == 1 ]]; then
  log "building $(basename "$SOLUTION") (Release); log: $LOCAL_DIR/logs/build.log"
  if ! timeout 1800 dotnet build "$SOLUTION" -c Release -nologo -v minimal </dev/null >"$LOCAL_DIR/logs/build.log" 2>&1; then
    grep -E ': error |error [A-Z]+[0-9]+' "$LOCAL_DIR/logs/build.log" | sort -u | tail -n 30 >&2 || true
    tail -n 15 "$LOCAL_DIR/logs/build.log" >&2
    die "the build failed; full log: $LOCAL_DIR/logs/build.log"
  fi
  log "build succeeded"
fi

# The built assembly of a service: the default output path, else ask MSBuild.
service_dll() {
  local name="$1" dir dll
  dir="$(svc_project_dir "$name")"
  dll="$dir/bin/Release/net10.0/CareTracking.$name.dll"
  if [[ ! -f "$dll" ]]; then
    dll="$(dotnet msbuild "$dir/CareTracking.$name.csproj" -nologo -getProperty:TargetPath -p:Configuration=Release 2>/dev/null | tail -n1 || true)"
  fi
  [[ -n "$dll" && -f "$dll" ]] || die "CareTracking.$name is not built (no $dir/bin/Release/net10.0/CareTracking.$name.dll); run without --no-build"
  echo "$dll"
}

PG_CONN="$CT_PG_CONN"
SIGNING_KEY="$(ct_signing_key)"

# Check everything before starting anything.
to_start=()
for svc in "${CT_SERVICES[@]}"; do
  name="$(svc_name "$svc")"
  port="$(svc_port "$svc")"
  pid="$(svc_pid "$name")"
  if [[ -n "$pid" ]]; then
    log "$name already running (pid $pid) on http://127.0.0.1:$port"
    continue
  fi
  [[ -d "$(svc_project_dir "$name")" ]] || die "no project folder $(svc_project_dir "$name")"
  if port_in_use "$port"; then
    port_owner "$port" >&2
    die "port $port (for $name) is taken by another process; stop it first"
  fi
  service_dll "$name" >/dev/null
  ct_broker_client_file "$name" p12 >/dev/null
  to_start+=("$svc")
done

for svc in "${to_start[@]+"${to_start[@]}"}"; do
  name="$(svc_name "$svc")"
  port="$(svc_port "$svc")"
  dll="$(service_dll "$name")"
  logf="$(svc_log "$name")"
  [[ ! -f "$logf" ]] || mv -f "$logf" "$logf.1"
  # setsid: the supervisor leads its own process group (the service is in it), so down.sh can stop both, and
  # nothing else; the supervisor restarts the service when it dies, never after down.sh.
  (
    cd "$(svc_project_dir "$name")"
    exec env \
      ASPNETCORE_ENVIRONMENT=Development \
      DOTNET_ENVIRONMENT=Development \
      ASPNETCORE_URLS="http://127.0.0.1:$port" \
      ConnectionStrings__EventStore="$CT_PG_APP_CONN" \
      ConnectionStrings__EventStoreMigration="$PG_CONN" \
      ConnectionStrings__EventStoreWorker="$CT_PG_WORKER_CONN" \
      RabbitMq__Uri="$(ct_broker_uri "$name")" \
      RabbitMq__Tls__CertificateLogin=true \
      RabbitMq__Tls__CaFile="$CT_RMQ_CA_FILE" \
      RabbitMq__Tls__ClientCertificateFile="$(ct_broker_client_file "$name" p12)" \
      RabbitMq__Tls__ClientCertificatePasswordFile="$(ct_broker_client_file "$name" pass)" \
      RabbitMq__PoliceVirtualHost="$CT_BROKER_POLICE_VHOST" \
      Auth__SigningKey="$SIGNING_KEY" \
      setsid bash "$CT_LIB_DIR/supervise.sh" "$name" "$(svc_service_pid_file "$name")" dotnet "$dll"
  ) </dev/null >"$logf" 2>&1 9>&- &
  echo $! >"$(svc_pid_file "$name")"
  log "started $name (supervisor pid $!) on http://127.0.0.1:$port; log: $logf"
done

# Wait for every service (started now or before) to answer GET /health/ready with 200.
for svc in "${CT_SERVICES[@]}"; do
  name="$(svc_name "$svc")"
  port="$(svc_port "$svc")"
  logf="$(svc_log "$name")"
  deadline=$((SECONDS + HEALTH_TIMEOUT))
  code=000
  while :; do
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$port/health/ready" 2>/dev/null || true)"
    [[ "$code" != 200 ]] || break
    if [[ -z "$(svc_pid "$name")" ]]; then
      echo "---- last lines of $logf ----" >&2
      tail -n 40 "$logf" >&2 || true
      die "$name exited before it was ready; log: $logf"
    fi
    deaths="$(grep -c 'exited unexpectedly' "$logf" 2>/dev/null || true)"
    if ((${deaths:-0} >= 3)); then
      echo "---- last lines of $logf ----" >&2
      tail -n 40 "$logf" >&2 || true
      die "$name exited 3 times before it was ready (its supervisor keeps starting it again; stop everything with deploy/local/down.sh); log: $logf"
    fi
    if ((SECONDS >= deadline)); then
      echo "---- last lines of $logf ----" >&2
      tail -n 40 "$logf" >&2 || true
      die "$name did not answer GET http://127.0.0.1:$port/health/ready with 200 within ${HEALTH_TIMEOUT}s (last status $code); log: $logf; it is still running, stop everything with deploy/local/down.sh"
    fi
    sleep 1
  done
  log "$name ready: http://127.0.0.1:$port/health/ready -> 200"
done

TOKEN="$("$CT_LIB_DIR/token.sh" 831 placements:write placements:read missing:write missing:read reviews:write reviews:read health:write health:read leavingcare:write leavingcare:read indicators:read returns:read admin operator)"

SEED="$CT_LIB_DIR/seed-demo.sh"
if [[ -f "$SEED" && -x "$SEED" ]]; then
  log "running $SEED"
  CARETRACKING_PLACEMENTS_URL=http://127.0.0.1:5101 \
    CARETRACKING_MISSING_URL=http://127.0.0.1:5102 \
    CARETRACKING_REVIEWS_URL=http://127.0.0.1:5103 \
    CARETRACKING_INDICATORS_URL=http://127.0.0.1:5104 \
    CARETRACKING_LEAVINGCARE_URL=http://127.0.0.1:5106 \
    CARETRACKING_TOKEN="$TOKEN" \
    CARETRACKING_PG="$PG_CONN" \
    timeout 900 "$SEED" </dev/null || die "seed-demo.sh failed (the services are still running; stop them with deploy/local/down.sh)"
fi

cat <<EOF

CareTracking is running (stop it with deploy/local/down.sh):
  Placements       http://127.0.0.1:5101/   Swagger: http://127.0.0.1:5101/swagger
  MissingEpisodes  http://127.0.0.1:5102/   Swagger: http://127.0.0.1:5102/swagger
  Reviews          http://127.0.0.1:5103/   Swagger: http://127.0.0.1:5103/swagger
  Indicators       http://127.0.0.1:5104/   Swagger: http://127.0.0.1:5104/swagger
  Health           http://127.0.0.1:5105/   Swagger: http://127.0.0.1:5105/swagger
  LeavingCare      http://127.0.0.1:5106/   Swagger: http://127.0.0.1:5106/swagger
  Dashboard        http://127.0.0.1:5104/#token=$TOKEN
  PostgreSQL       $CT_PG_CONN
  RabbitMQ         amqps://localhost:$CT_RMQ_TLS_PORT/ (TLS, a client certificate each: $CT_RMQ_CLIENTS_DIR/), each service as its own user (ct-<service>), logging in with its certificate (EXTERNAL), no password
                   police vhost '$CT_BROKER_POLICE_VHOST': queue police.derbyshire.missing, user police-derbyshire
                   management: http://127.0.0.1:$CT_RMQ_MGMT_PORT/, guest/guest
  Logs             $LOCAL_DIR/logs/

Development token (authority 831, all scopes, valid 1 hour; another: deploy/local/token.sh):
$TOKEN

  e.g. curl -H "Authorization: Bearer \$TOKEN" http://127.0.0.1:5104/...
  another: deploy/local/token.sh AUTHORITY SCOPE...
EOF
