# shellcheck shell=bash
# Shared pieces of the drills (issue 16): services of this checkout started on free ports against a database and a
# RabbitMQ vhost of the drill's own, a load generator that retries anything not 2xx, and the counts. Sourced, never
# run. The caller sets SERVICES (names under services/CareTracking.*), DB, RUN (the vhost) and WORK, and may set
# PG_PORT_OF_DB (another cluster's port, for the restore drill).
# shellcheck source=deploy/local/lib.sh
source "$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)/lib.sh"

declare -A PORT PID
KEY="$(head -n1 "$REPO_ROOT/deploy/local/dev-signing-key.txt" | tr -d '\r\n')"
API="http://127.0.0.1:$CT_RMQ_MGMT_PORT/api"
PG_PORT_OF_DB="${PG_PORT_OF_DB:-$CT_PG_PORT}"

psql_su() { PGPASSWORD="$CT_PG_PASSWORD" psql -h "$CT_PG_HOST" -p "$PG_PORT_OF_DB" -U "$CT_PG_USER" -v ON_ERROR_STOP=1 -qAtX "$@"; }
q() { psql_su -d "$DB" -c "$1"; }
mgmt() { curl -sS --max-time 15 -u guest:guest -H 'content-type: application/json' "$@"; }
free_port() { local p; while :; do p=$((20000 + (RANDOM * 32768 + RANDOM) % 40000)); port_in_use "$p" || { echo "$p"; return; }; done; }

# The drill's vhost, and the police: one durable queue bound to every force's key on the alerts exchange.
make_vhost() {
  mgmt -X PUT "$API/vhosts/$RUN" >/dev/null
  mgmt -X PUT "$API/permissions/$RUN/guest" --data '{"configure":".*","write":".*","read":".*"}' >/dev/null
  mgmt -X PUT "$API/exchanges/$RUN/police.missing-alerts" --data '{"type":"topic","durable":true}' >/dev/null
  mgmt -X PUT "$API/queues/$RUN/drill-police" --data '{"durable":true}' >/dev/null
  mgmt -X POST "$API/bindings/$RUN/e/police.missing-alerts/q/drill-police" --data '{"routing_key":"#"}' >/dev/null
}

# start NAME: the Release build of services/CareTracking.NAME, as the postgres user on the drill's database for its
# request, background (worker) and schema connections alike: appsettings.Development.json would point the latter two
# at the demo database. As guest on the drill's vhost, in plain AMQP on loopback (no password file, and none of the
# TLS settings appsettings.Development.json gives for the local stack's TLS listener).
# Each connection carries Application Name drill-NAME, so pg_stat_activity tells the services apart. With DRILL_BIN set
# (snapshot_builds) the service runs from its copy there, so a rebuild of the checkout during a long drill cannot
# replace its assemblies under it. With SUPERVISE set it runs under deploy/local/supervise.sh, as up.sh runs it: PID
# is then the supervisor's, and $WORK/NAME.service.pid holds the service's.
start() {
  local s="$1" dir="$REPO_ROOT/services/CareTracking.$1" dll="$REPO_ROOT/services/CareTracking.$1/bin/Release/net10.0/CareTracking.$1.dll"
  if [[ -n "${DRILL_BIN:-}" ]]; then dir="$DRILL_BIN/$s"; dll="$dir/CareTracking.$s.dll"; fi
  local conn="Host=$CT_PG_HOST;Port=$PG_PORT_OF_DB;Username=$CT_PG_USER;Password=$CT_PG_PASSWORD;Database=$DB;Application Name=drill-$s"
  [[ -f "$dll" ]] || die "build first: dotnet build services/CareTracking.$s -c Release"
  [[ -n "${PORT[$s]:-}" ]] || PORT[$s]="$(free_port)"
  (
    cd "$dir"
    exec env ASPNETCORE_ENVIRONMENT=Development DOTNET_ENVIRONMENT=Development ASPNETCORE_URLS="http://127.0.0.1:${PORT[$s]}" \
      ConnectionStrings__EventStore="$conn" ConnectionStrings__EventStoreMigration="$conn" ConnectionStrings__EventStoreWorker="$conn" \
      RabbitMq__Uri="amqp://guest:guest@127.0.0.1:$CT_RMQ_PORT/$RUN" RabbitMq__PasswordFile="" RabbitMq__PoliceVirtualHost="$RUN" \
      RabbitMq__Tls__CaFile="" RabbitMq__Tls__ClientCertificateFile="" RabbitMq__Tls__ClientCertificatePasswordFile="" RabbitMq__Tls__CertificateLogin="" \
      Auth__SigningKey="$KEY" ${SUPERVISE:+setsid bash "$CT_LIB_DIR/supervise.sh" "$s" "$WORK/$s.service.pid"} dotnet "$dll"
  ) </dev/null >>"$WORK/$s.log" 2>&1 &
  PID[$s]=$!
  disown "$!" # a kill of it is the drill's, not news
}

# snapshot_builds NAME...: copies each service's Release build to $WORK/bin and points start at the copies.
snapshot_builds() {
  local s
  DRILL_BIN="$WORK/bin"
  for s in "$@"; do
    [[ -f "$REPO_ROOT/services/CareTracking.$s/bin/Release/net10.0/CareTracking.$s.dll" ]] || die "build first: dotnet build services/CareTracking.$s -c Release"
    mkdir -p "$DRILL_BIN/$s"
    cp -a "$REPO_ROOT/services/CareTracking.$s/bin/Release/net10.0/." "$DRILL_BIN/$s/"
  done
}

# stop NAME: a clean stop (TERM, then KILL after 15 s).
stop() {
  local s="$1" i
  [[ -n "${PID[$s]:-}" ]] || return 0
  kill -TERM "${PID[$s]}" 2>/dev/null || true
  for ((i = 0; i < 150; i++)); do pid_alive "${PID[$s]}" || break; sleep 0.1; done
  kill -9 "${PID[$s]}" 2>/dev/null || true
  PID[$s]=""
}

ready_code() { curl -s -o "${2:-/dev/null}" -w '%{http_code}' --max-time 5 "http://127.0.0.1:${PORT[$1]}/health/ready" || true; }

# ready NAME: wait for /health/ready 200 (180 s).
ready() {
  local s="$1" deadline=$((SECONDS + 180))
  until [[ "$(ready_code "$s")" == 200 ]]; do
    ((SECONDS < deadline)) || { tail -n 30 "$WORK/$s.log" >&2; die "$s not ready in 180 s"; }
    sleep 1
  done
}

# answering NAME: wait until it answers /health/ready at all (any status), for a service expected to be unhealthy.
answering() {
  local s="$1" deadline=$((SECONDS + 180))
  until [[ "$(ready_code "$s")" =~ ^[2-5] ]]; do
    ((SECONDS < deadline)) || { tail -n 30 "$WORK/$s.log" >&2; die "$s not answering in 180 s"; }
    sleep 1
  done
}

retries=0
# post SERVICE PATH BODY: retried every 0.2 s until 2xx (a retry of an acknowledged post is a replay, also 2xx).
# Appends "SERVICE PATH CODE" of every answer to $WORK/answers.
post() {
  local code tries=0
  while :; do
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 -X POST -H "Authorization: Bearer $TOKEN" \
      -H 'content-type: application/json' "http://127.0.0.1:${PORT[$1]}$2" --data "$3" || true)"
    echo "$1 $code" >>"$WORK/answers"
    [[ "$code" == 2?? ]] && return 0
    tries=$((tries + 1)); retries=$((retries + 1)); echo "$retries" >"$WORK/retries"
    ((tries < ${POST_TRIES:-600})) || { echo "POST $2 never acknowledged (last $code)" >&2; return 1; }
    sleep 0.2
  done
}

child_id() { printf 'DRILL%04d' "$1"; }
entered_body() {
  printf '{"eventId":"%s","date":"2025-04-01","legalStatus":"C2","categoryOfNeed":"N1","placement":{"type":"U4","provider":"PR1","postcode":"DE22 3NE","urn":"SC123456"},"homePostcode":"DE1 1AA","child":{"sex":"M","dateOfBirth":"2012-02-02","ethnicity":"WBRI","uasc":false}}' \
    "$(printf '00000000-0000-4000-8000-%012d' "$1")"
}
report_body() {
  printf '{"eventId":"%s","episodeId":"%s","childId":"%s","kind":"M","lastSeenAt":"2025-06-01T20:00:00Z","reportedAt":"2025-06-01T21:00:00Z","riskLevel":"medium","exploitationRisk":{"criminal":false,"sexual":false}}' \
    "$(printf '00000000-0000-4000-9000-%012d' "$1")" "$(printf '00000000-0000-4000-a000-%012d' "$1")" "$(child_id "$1")"
}
# enter I / report I: child I enters care (Placements) / is reported missing (Missing episodes); the child's
# line goes to $WORK/entered or $WORK/reported once acknowledged.
enter() { post Placements "/api/children/$(child_id "$1")/entered-care" "$(entered_body "$1")" && echo "$(child_id "$1")" >>"$WORK/entered"; }
report() { post MissingEpisodes "/api/missing-episodes" "$(report_body "$1")" && echo "$(child_id "$1")" >>"$WORK/reported"; }

# known_to_missing: how many DRILL children Missing episodes has noted.
known_to_missing() { q "select count(distinct stream_id) from eventstore.mt_events where stream_id like 'missing:DRILL%'"; }

# Every alert the police queue holds is moved to $WORK/alerts-N.json (taken off the queue), N counting up.
take_alerts() {
  local n; n=$(( $(find "$WORK" -maxdepth 1 -name 'alerts-*.json' | wc -l) + 1 ))
  mgmt -X POST "$API/queues/$RUN/drill-police/get" --data '{"count":100000,"ackmode":"ack_requeue_false","encoding":"auto"}' >"$WORK/alerts-$n.json"
  echo "$WORK/alerts-$n.json"
}
alert_ids() { jq -r '.[] | .payload | fromjson | .alertId' "$@"; }
dead_letters() { mgmt "$API/queues/$RUN" | jq '[.[] | select(.name | endswith("_error")) | .messages // 0] | add // 0'; }
