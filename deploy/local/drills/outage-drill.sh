#!/usr/bin/env bash
# Drill (issue 16): PostgreSQL or RabbitMQ away for 60 s while a load generator posts, with fixed event ids, children
# entering care (Placements) and reports of children missing (Missing episodes; each alerts the police), retrying
# anything not 2xx every 0.2 s. The dependency goes a quarter into the reports:
#   postgres  the drill's own PostgreSQL cluster (initdb on a free port, under /var/tmp) is stopped (pg_ctl -m fast)
#             and started again 60 s later. The shared server is never touched.
#   rabbitmq  the services reach the shared broker through a socat proxy of the drill's own, which is killed with
#             every connection it carries and started again 60 s later: the broker is unreachable, as after a network
#             cut or a node stop, for the services only. (The broker itself keeps running: other users share it.)
# Afterwards it counts: every answer by status (never a 500; each 503 with Retry-After), posts acknowledged vs events
# stored (once each) vs children known downstream (Missing episodes, Reviews), the police alerts (every report's alert id, in
# the outbox's order; a second copy with the same id is allowed), the outbox left, and dead letters. Exit 0 only if nothing was
# lost, stored twice or answered 500.
#
#   deploy/local/drills/outage-drill.sh postgres|rabbitmq [CHILDREN] [OUTAGE_SECONDS]     (default 40 60)
#
# CHILDREN children enter care; then each is reported missing while as many new children enter care (3 x CHILDREN
# posts); the outage starts a quarter into the reports.
#
# Placements, Missing episodes and Reviews (Release builds of this checkout) on free ports, on a database and vhost of
# the drill's own; all deleted at the end (KEEP_DRILL_LOGS=1 keeps the logs in /tmp/ct-outage*).
set -euo pipefail
WHAT="${1:-}"
CHILDREN="${2:-40}"
OUTAGE="${3:-60}"
case "$WHAT" in postgres|rabbitmq) ;; *) echo "usage: $0 postgres|rabbitmq [CHILDREN] [OUTAGE_SECONDS]" >&2; exit 2 ;; esac
RUN="outage$(date +%s)$RANDOM"
DB="ct_$RUN"
WORK="$(mktemp -d "/tmp/ct-$RUN.XXXX")"
SERVICES=(Placements MissingEpisodes Reviews)
# shellcheck source=deploy/local/drills/drill-lib.sh
source "$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)/drill-lib.sh"
PG_BIN=/usr/lib/postgresql/15/bin
PG_DIR="/var/tmp/ct-$RUN"
as_postgres() { runuser -u postgres -- "$@"; }
[[ "$(id -u)" == 0 ]] || die "run as root: the drill's cluster runs as the postgres user"

PROXY_PID=""
LOAD=""
SAMPLER=""
cleanup() {
  [[ -z "$LOAD" ]] || kill "$LOAD" 2>/dev/null || true
  [[ -z "$SAMPLER" ]] || kill "$SAMPLER" 2>/dev/null || true
  for s in "${SERVICES[@]}"; do stop "$s"; done
  [[ -z "$PROXY_PID" ]] || kill -9 -- "-$PROXY_PID" 2>/dev/null || true
  if [[ "$WHAT" == rabbitmq ]]; then psql_su -d postgres -c "drop database if exists $DB with (force)" >/dev/null 2>&1 || true; fi
  mgmt -X DELETE "$API/vhosts/$RUN" >/dev/null 2>&1 || true
  if [[ -d "$PG_DIR/data" ]]; then as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true; fi
  rm -rf -- "$PG_DIR"
  [[ -n "${KEEP_DRILL_LOGS:-}" ]] || rm -rf -- "$WORK"
}
trap cleanup EXIT
trap 'log "stopped: a command failed at line $LINENO"' ERR

pg_start() { as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w -t 60 -o "-p $PG_PORT_OF_DB -k $PG_DIR -c listen_addresses=127.0.0.1" start >/dev/null; }
pg_stop() { as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w -t 60 stop >/dev/null; }
# The proxy runs in a process group of its own so that killing the group also drops every forked connection.
# It forwards to BROKER_PORT, the broker's own port, taken before CT_RMQ_PORT is pointed at the proxy: a restart that
# read CT_RMQ_PORT then forwarded the proxy to itself (every connection accepted, none reaching the broker), which is
# why the first runs of this drill saw nothing sent after the "restore".
BROKER_PORT="$CT_RMQ_PORT"
proxy_start() {
  setsid socat "TCP-LISTEN:$PROXY_PORT,bind=127.0.0.1,reuseaddr,fork" "TCP:127.0.0.1:$BROKER_PORT" </dev/null >/dev/null 2>&1 & PROXY_PID=$!
  disown "$PROXY_PID"
}
# proxy_reaches_broker: an AMQP 0-9-1 protocol header through the proxy is answered by the broker's Connection.Start
# (a method frame, type 1), so the proxy is known to carry connections to the broker, not merely to accept them.
proxy_reaches_broker() {
  local i first
  for ((i = 0; i < 50; i++)); do
    first="$(timeout 3 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" && printf "AMQP\x00\x00\x09\x01" >&3 && head -c 1 <&3 | od -An -tu1' _ "$PROXY_PORT" 2>/dev/null | tr -d ' ' || true)"
    [[ "$first" == 1 ]] && return 0
    sleep 0.1
  done
  die "the proxy on :$PROXY_PORT does not reach the broker on :$BROKER_PORT"
}
proxy_stop() { kill -9 -- "-$PROXY_PID" 2>/dev/null || true; PROXY_PID=""; }

if [[ "$WHAT" == postgres ]]; then
  PG_PORT_OF_DB="$(free_port)"
  mkdir -p "$PG_DIR"; chown postgres: "$PG_DIR"
  printf 'postgres\n' >"$PG_DIR/pw"; chown postgres: "$PG_DIR/pw"
  as_postgres "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --pwfile="$PG_DIR/pw" --auth-host=scram-sha-256 --auth-local=trust -E UTF8 --locale=C >"$PG_DIR/initdb.log" 2>&1 \
    || { cat "$PG_DIR/initdb.log" >&2; die "initdb failed"; }
  pg_start
else
  command -v socat >/dev/null || die "socat is needed for the broker cut: apt-get install -y socat"
  PROXY_PORT="$(free_port)"
  proxy_start
  proxy_reaches_broker
fi
psql_su -d postgres -c "create database $DB" >/dev/null
make_vhost
if [[ "$WHAT" == rabbitmq ]]; then CT_RMQ_PORT="$PROXY_PORT"; fi # the services' broker port; mgmt stays direct
snapshot_builds "${SERVICES[@]}" # a build of the checkout during the drill cannot replace a running service's assemblies
for s in "${SERVICES[@]}"; do start "$s"; done
for s in "${SERVICES[@]}"; do ready "$s"; done
log "services up: Placements ${PORT[Placements]}, MissingEpisodes ${PORT[MissingEpisodes]}, Reviews ${PORT[Reviews]}; database $DB on :$PG_PORT_OF_DB, vhost $RUN${PROXY_PORT:+ through proxy :$PROXY_PORT}"

TOKEN="$("$REPO_ROOT/deploy/local/token.sh" 831 placements:write placements:read missing:write missing:read)"
# The answers, with the Retry-After header, are counted from $WORK/answers ("SERVICE CODE RETRY-AFTER").
post() {
  local out code tries=0
  while :; do
    out="$(curl -s -o /dev/null -w '%{http_code} %header{retry-after}' --max-time 30 -X POST -H "Authorization: Bearer $TOKEN" \
      -H 'content-type: application/json' "http://127.0.0.1:${PORT[$1]}$2" --data "$3" || true)"
    code="${out%% *}"
    echo "$1 $out" >>"$WORK/answers"
    [[ "$code" == 2?? ]] && return 0
    tries=$((tries + 1)); echo x >>"$WORK/retries"
    ((tries < 1500)) || { echo "POST $2 never acknowledged (last $code)" >&2; return 1; }
    sleep 0.2
  done
}
# First CHILDREN children enter care and Missing episodes learns them all; then, interleaved so that both kinds of
# post meet the outage, each of them is reported missing (an alert each) and a new child enters care.
load() {
  local i deadline=$((SECONDS + 300))
  for ((i = 1; i <= CHILDREN; i++)); do enter "$i" || return 1; done
  until [[ "$(q "select count(distinct stream_id) from eventstore.mt_events where stream_id like 'missing:DRILL%'" 2>/dev/null || echo 0)" == "$CHILDREN" ]]; do
    ((SECONDS < deadline)) || { echo "Missing episodes did not learn every child in 300 s" >&2; return 1; }
    sleep 0.5
  done
  for ((i = 1; i <= CHILDREN; i++)); do report "$i" || return 1; enter $((CHILDREN + i)) || return 1; done
}

t0=$SECONDS
load &
LOAD=$!
# Every 5 s: seconds since the load started, outbox rows pending, alerts waiting in the police queue.
( while :; do
    printf '%s %s %s\n' "$((SECONDS - t0))" \
      "$(q "select count(*) from eventstore.ct_outbox where dispatched_at is null and parked_at is null" 2>/dev/null || echo '?')" \
      "$(mgmt "$API/queues/$RUN/drill-police" 2>/dev/null | jq '.messages // 0' 2>/dev/null || echo '?')"
    sleep 5
  done >>"$WORK/timeline" ) &
SAMPLER=$!
at=$((CHILDREN + CHILDREN / 4)) # a quarter into the reports
until [[ -f "$WORK/entered" && -f "$WORK/reported" ]] && (($(cat "$WORK/entered" "$WORK/reported" | wc -l) >= at)); do
  kill -0 "$LOAD" 2>/dev/null || die "the load generator stopped before the outage"
  sleep 0.2
done
acked_before="$(cat "$WORK/entered" "$WORK/reported" | wc -l)"
answers_before="$(wc -l <"$WORK/answers")"
if [[ "$WHAT" == postgres ]]; then pg_stop; else proxy_stop; fi
away=$SECONDS
log "$WHAT away at $((SECONDS - t0)) s, after $acked_before of $((3 * CHILDREN)) posts acknowledged"
sleep "$OUTAGE"
during_acked=$(($(cat "$WORK/entered" "$WORK/reported" | wc -l) - acked_before))
during_answers=$(($(wc -l <"$WORK/answers") - answers_before))
if [[ "$WHAT" == postgres ]]; then pg_start; else proxy_start; proxy_reaches_broker; fi
back=$SECONDS
log "$WHAT back after ${OUTAGE} s: $during_answers answers meanwhile, $during_acked posts acknowledged"
wait "$LOAD" || die "the load generator gave up"
log "load done in $((SECONDS - t0)) s"

deadline=$((SECONDS + 180))
while :; do
  # A read that fails (a timeout on a loaded machine) is read again on the next round, not the end of the drill.
  missing="$(known_to_missing || echo -1)"
  reviews="$(q "select count(distinct stream_id) from eventstore.mt_events where stream_id like 'reviews:DRILL%'" || echo -1)"
  pending="$(q "select count(*) from eventstore.ct_outbox where dispatched_at is null and parked_at is null" || echo -1)"
  alerts="$(mgmt "$API/queues/$RUN/drill-police" | jq '.messages // 0' || echo 0)"
  [[ "$missing" == $((2 * CHILDREN)) && "$reviews" == $((2 * CHILDREN)) && "$pending" == 0 && "$alerts" -ge "$CHILDREN" ]] && break
  ((SECONDS < deadline)) || break
  sleep 1
done
caught_up=$((SECONDS - back))
kill "$SAMPLER" 2>/dev/null || true; SAMPLER=""
log "outage from $((away - t0)) s to $((back - t0)) s; outbox pending / alerts queued, every 5 s since the load began:"
awk '{ printf "%s s: %s / %s;  ", $1, $2, $3 } END { print "" }' "$WORK/timeline"

posts="$(cat "$WORK/entered" "$WORK/reported" | wc -l)"
entered="$(q "select count(*) from eventstore.mt_events where type = 'placements.child-entered-care.v1' and stream_id like 'DRILL%'")"
entered_children="$(q "select count(distinct stream_id) from eventstore.mt_events where type = 'placements.child-entered-care.v1' and stream_id like 'DRILL%'")"
reported="$(q "select count(*) from eventstore.mt_events where id::text like '00000000-0000-4000-9000-%'")"
parked="$(q "select count(*) from eventstore.ct_outbox where parked_at is not null")"
alerts_file="$(take_alerts)"
alert_count="$(alert_ids "$alerts_file" | wc -l)"
alert_distinct="$(alert_ids "$alerts_file" | sort -u | wc -l)"
# In order: the alerts as received, against the outbox's order (id) of the same alerts.
q "select message_id from eventstore.ct_outbox where transport = 'amqp' order by id" >"$WORK/outbox-order"
alert_ids "$alerts_file" | awk '!seen[$0]++' >"$WORK/received-order"
in_order="$(cmp -s "$WORK/outbox-order" "$WORK/received-order" && echo yes || echo no)"
dead="$(dead_letters)"
c2xx="$(awk '$2 ~ /^2/' "$WORK/answers" | wc -l)"
c503="$(awk '$2 == 503' "$WORK/answers" | wc -l)"
c503_ra="$(awk '$2 == 503 && $3 != ""' "$WORK/answers" | wc -l)"
c5xx_other="$(awk '$2 ~ /^5/ && $2 != 503' "$WORK/answers" | wc -l)"
cother="$(awk '$2 !~ /^[25]/' "$WORK/answers" | wc -l)"
retries=0
if [[ -f "$WORK/retries" ]]; then retries="$(wc -l <"$WORK/retries")"; fi

echo
echo "| drill | outage | posts acknowledged | answers: 2xx / 503 (with Retry-After) / other 5xx / other | during the outage: answers, acknowledged | entered-care events (children) | reports stored | Missing episodes / Reviews knew | police alerts (distinct), in outbox order | outbox pending / parked | dead letters | caught up after the outage |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
echo "| $WHAT away, $CHILDREN children | ${OUTAGE} s | $posts of $((3 * CHILDREN)) | $c2xx / $c503 ($c503_ra) / $c5xx_other / $cother | $during_answers, $during_acked | $entered ($entered_children) | $reported | $missing / $reviews | $alert_count ($alert_distinct), $in_order | $pending / $parked | $dead | ${caught_up} s |"
[[ "$posts" == $((3 * CHILDREN)) && "$entered" == $((2 * CHILDREN)) && "$entered_children" == $((2 * CHILDREN)) && "$reported" == "$CHILDREN" \
   && "$missing" == $((2 * CHILDREN)) && "$reviews" == $((2 * CHILDREN)) && "$alert_distinct" == "$CHILDREN" && "$in_order" == yes \
   && "$pending" == 0 && "$parked" == 0 && "$dead" == 0 && "$c5xx_other" == 0 && "$c503" == "$c503_ra" ]] \
   && [[ "$WHAT" != rabbitmq || "$retries" == 0 ]] \
  || die "the outage lost, duplicated or answered something it must not (figures above; $retries retried posts)"
# An alert counted twice is one whose confirm the cut lost: sent again with the same alert id (at least once), which a
# force drops. In order means in the outbox's order by first arrival.
log "nothing lost: every acknowledged post stored once and known downstream, every alert in order ($((alert_count - alert_distinct)) sent again with the same alert id)"
