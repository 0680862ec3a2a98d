#!/usr/bin/env bash
# Drill (issue 16): kill -9 of one service while a load generator posts, with fixed event ids, each child entering
# care (Placements) and then each child reported missing (Missing episodes), retrying anything not 2xx. The kill
# comes a third of the way through the posts (Placements, Reviews) or two thirds (Missing episodes, so during the
# reports and their police alerts); the service is started again 2 s later. Afterwards it counts what the issue
# asks: every acknowledged event stored exactly once, every outbox row dispatched or parked, no advisory lock held
# by a connection whose process is gone, no dead letters, every child known to Missing episodes, Reviews, Health and
# Leaving care, a police queue bound to every force that received every alert (duplicates only with the same
# alert id), and an Indicators rebuild that equals the incremental figures: the committee report (JSON, fixed asAt)
# read once the incremental projection has settled, then the operator's rebuild, then the report again.
#
#   deploy/local/drills/kill9-drill.sh [Placements|MissingEpisodes|Reviews|Health|LeavingCare|Indicators] [CHILDREN]   (default Placements 200)
#
# Runs its own copies of Placements, Missing episodes, Reviews, Health, Leaving care and Indicators (the Release builds
# of this checkout) on free ports,
# against a database and a RabbitMQ vhost of its own on the local infrastructure (deploy/local/infra.sh start), as
# the postgres and guest users; deletes both at the end. Never touches the demo stack (ports 5101-5106, database
# caretracking). Prints its figures; exit 0 only if nothing was lost or duplicated.
set -euo pipefail
# shellcheck source=deploy/local/drills/drill-lib.sh
source "$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)/drill-lib.sh"

VICTIM="${1:-Placements}"
CHILDREN="${2:-200}"
case "$VICTIM" in Placements|MissingEpisodes|Reviews|Health|LeavingCare|Indicators) ;; *) die "victim must be Placements, MissingEpisodes, Reviews, Health, LeavingCare or Indicators" ;; esac
RUN="drill$(date +%s)$RANDOM"
DB="ct_$RUN"
WORK="$(mktemp -d "/tmp/ct-$RUN.XXXX")"
SERVICES=(Placements MissingEpisodes Reviews Health LeavingCare Indicators)

cleanup() {
  for s in "${SERVICES[@]}"; do [[ -n "${PID[$s]:-}" ]] && kill -TERM "${PID[$s]}" 2>/dev/null || true; done
  sleep 3
  for s in "${SERVICES[@]}"; do [[ -n "${PID[$s]:-}" ]] && kill -9 "${PID[$s]}" 2>/dev/null || true; done
  psql_su -d postgres -c "drop database if exists $DB with (force)" >/dev/null 2>&1 || true
  mgmt -X DELETE "$API/vhosts/$RUN" >/dev/null 2>&1 || true
  [[ -n "${KEEP_DRILL_LOGS:-}" ]] || rm -rf -- "$WORK"
}
trap cleanup EXIT

# Copies of the builds: a build of the checkout during the drill cannot replace a running (or restarting) service's assemblies.
snapshot_builds "${SERVICES[@]}"
psql_su -d postgres -c "create database $DB" >/dev/null
make_vhost

for s in "${SERVICES[@]}"; do start "$s"; done
for s in "${SERVICES[@]}"; do ready "$s"; done
log "services up: $(for s in "${SERVICES[@]}"; do printf '%s %s, ' "$s" "${PORT[$s]}"; done)database $DB, vhost $RUN"

TOKEN="$("$REPO_ROOT/deploy/local/token.sh" 831 placements:write placements:read missing:write missing:read)"
# The load generator: every child enters care, then (once Missing episodes knows them all, so each report alerts
# the police at once) every child is reported missing. Fixed event and episode ids: child i's are always the same
# (drill-lib.sh's bodies). Each acknowledged post's child goes to $WORK/acknowledged.
load() {
  local i
  for ((i = 1; i <= CHILDREN; i++)); do
    post Placements "/api/children/$(child_id "$i")/entered-care" "$(entered_body "$i")" || return 1
    echo "$(child_id "$i")" >>"$WORK/acknowledged"
  done
  local deadline=$((SECONDS + 180))
  until [[ "$(known_to_missing 2>/dev/null)" == "$CHILDREN" ]]; do
    ((SECONDS < deadline)) || { echo "Missing episodes did not learn every child within 180 s" >&2; return 1; }
    sleep 1
  done
  for ((i = 1; i <= CHILDREN; i++)); do
    post MissingEpisodes "/api/missing-episodes" "$(report_body "$i")" || return 1
    echo "$(child_id "$i")" >>"$WORK/acknowledged"
  done
}

t0=$SECONDS
load &
LOAD=$!
# Kill -9 a third of the way through the posts (two thirds for Missing episodes: during the reports), restart 2 s later.
at=$((2 * CHILDREN / 3)); [[ "$VICTIM" != MissingEpisodes ]] || at=$((4 * CHILDREN / 3))
until [[ -f "$WORK/acknowledged" ]] && (($(wc -l <"$WORK/acknowledged") >= at)); do
  kill -0 "$LOAD" 2>/dev/null || die "the load generator stopped before the kill"
  sleep 0.2
done
kill -9 "${PID[$VICTIM]}"
log "kill -9 $VICTIM (pid ${PID[$VICTIM]}) after $(wc -l <"$WORK/acknowledged") of $((2 * CHILDREN)) posts acknowledged"
sleep 2
start "$VICTIM"
ready "$VICTIM"
log "$VICTIM restarted and ready $((SECONDS - t0)) s into the run"
wait "$LOAD" || die "the load generator gave up"
posts="$(wc -l <"$WORK/acknowledged")"
acked="$(sort -u "$WORK/acknowledged" | wc -l)"
log "load done: $posts posts acknowledged ($acked children) in $((SECONDS - t0)) s, $(cat "$WORK/retries" 2>/dev/null || echo 0) retried posts"

# Let consumers and the relay finish (up to 120 s).
deadline=$((SECONDS + 120))
while :; do
  missing="$(q "select count(distinct stream_id) from eventstore.mt_events where stream_id like 'missing:DRILL%'")"
  reviews="$(q "select count(distinct stream_id) from eventstore.mt_events where stream_id like 'reviews:DRILL%'")"
  health="$(q "select count(distinct stream_id) from eventstore.mt_events where stream_id like 'health:DRILL%'")"
  leaving="$(q "select count(distinct stream_id) from eventstore.mt_events where stream_id like 'leavingcare:DRILL%'")"
  pending="$(q "select count(*) from eventstore.ct_outbox where dispatched_at is null and parked_at is null")"
  alerts="$(mgmt "$API/queues/$RUN/drill-police" | jq '.messages // 0')"
  [[ "$missing" == "$acked" && "$reviews" == "$acked" && "$health" == "$acked" && "$leaving" == "$acked" && "$pending" == 0 && "$alerts" -ge "$acked" ]] && break
  ((SECONDS < deadline)) || break
  sleep 1
done

entered="$(q "select count(*) from eventstore.mt_events where type = 'placements.child-entered-care.v1' and stream_id like 'DRILL%'")"
distinct="$(q "select count(distinct stream_id) from eventstore.mt_events where type = 'placements.child-entered-care.v1' and stream_id like 'DRILL%'")"
fixed_ids="$(q "select count(*) from eventstore.mt_events where stream_id like 'DRILL%' and id::text like '00000000-0000-4000-8000-%'")"
reported="$(q "select count(*) from eventstore.mt_events where id::text like '00000000-0000-4000-9000-%'")"
# Every alert the police queue holds, by alert id: each report's "reported" alert, duplicates only with the same id.
mgmt -X POST "$API/queues/$RUN/drill-police/get" --data '{"count":100000,"ackmode":"ack_requeue_false","encoding":"auto"}' >"$WORK/alerts.json"
alerts="$(jq 'length' "$WORK/alerts.json")"
alert_ids="$(jq '[.[] | .payload | fromjson | .alertId] | unique | length' "$WORK/alerts.json")"
alert_children="$(jq '[.[] | .payload | fromjson | .childRef] | unique | length' "$WORK/alerts.json")"
parked="$(q "select count(*) from eventstore.ct_outbox where parked_at is not null")"
dispatched="$(q "select count(*) from eventstore.ct_outbox where dispatched_at is not null")"
# Advisory locks in the drill database whose client port no living process holds (the killed one's).
dead_locks=0
while IFS='|' read -r pid port; do
  [[ -z "$port" ]] && continue
  ss -Htnp "sport = :$port" 2>/dev/null | grep -q 'users:' || { dead_locks=$((dead_locks + 1)); echo "advisory lock of backend $pid, client port $port: no living client" >&2; }
done < <(q "select distinct l.pid, a.client_port from pg_locks l join pg_stat_activity a using (pid) where l.locktype = 'advisory' and a.datname = '$DB'")
dead_letters="$(dead_letters)"

# An Indicators rebuild equals the incremental figures: the committee report at a fixed date, once two readings 3 s
# apart agree (the incremental projection has caught up), against the same report after the operator's rebuild.
INDICATORS_TOKEN="$("$REPO_ROOT/deploy/local/token.sh" 831 indicators:read)"
OPERATOR_TOKEN="$("$REPO_ROOT/deploy/local/token.sh" 831 operator)"
committee() { curl -sS --max-time 60 -H "Authorization: Bearer $INDICATORS_TOKEN" "http://127.0.0.1:${PORT[Indicators]}/api/indicators/committee?asAt=2025-06-30" | jq -S . >"$1"; }
committee "$WORK/committee-0.json"
deadline=$((SECONDS + 120))
while :; do
  sleep 3
  committee "$WORK/committee-incremental.json"
  cmp -s "$WORK/committee-0.json" "$WORK/committee-incremental.json" && break
  ((SECONDS < deadline)) || break
  mv "$WORK/committee-incremental.json" "$WORK/committee-0.json"
done
rebuilt="$(curl -sS --max-time 600 -X POST -H "Authorization: Bearer $OPERATOR_TOKEN" -w ' %{http_code}' "http://127.0.0.1:${PORT[Indicators]}/api/indicators/admin/rebuild")"
committee "$WORK/committee-rebuilt.json"
# 202: a transaction elsewhere on the server held committed events behind the feed's fence for longer than the rebuild
# waits; Indicators' projection applies them once it ends, so the report is read again until it settles.
if [[ "${rebuilt##* }" == 202 ]]; then
  deadline=$((SECONDS + 120))
  until cmp -s "$WORK/committee-incremental.json" "$WORK/committee-rebuilt.json" || ((SECONDS >= deadline)); do
    sleep 3
    committee "$WORK/committee-rebuilt.json"
  done
fi
if cmp -s "$WORK/committee-incremental.json" "$WORK/committee-rebuilt.json"; then rebuild_equal=yes; else rebuild_equal=no; diff "$WORK/committee-incremental.json" "$WORK/committee-rebuilt.json" >&2 || true; fi
log "Indicators rebuild answered ${rebuilt##* } (${rebuilt% *}); committee report at 2025-06-30 equal to the incremental one: $rebuild_equal ($(wc -c <"$WORK/committee-rebuilt.json") bytes)"

echo
echo "| drill | posts acknowledged | entered-care events (children) | with the client's eventId | reports stored | Missing episodes knew | Reviews knew | Health / Leaving care knew | police alerts received (alert ids, children) | outbox dispatched / pending / parked | dead advisory locks | dead letters | Indicators rebuild = incremental |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
echo "| kill -9 $VICTIM | $posts of $((2 * CHILDREN)) | $entered ($distinct) | $fixed_ids | $reported | $missing | $reviews | $health / $leaving | $alerts ($alert_ids, $alert_children) | $dispatched / $pending / $parked | $dead_locks | $dead_letters | $rebuild_equal |"
[[ "$posts" == $((2 * CHILDREN)) && "$entered" == "$acked" && "$distinct" == "$acked" && "$fixed_ids" == "$acked" && "$reported" == "$acked" \
   && "$missing" == "$acked" && "$reviews" == "$acked" && "$health" == "$acked" && "$leaving" == "$acked" && "$alert_ids" == "$acked" && "$alert_children" == "$acked" \
   && "$pending" == 0 && "$parked" == 0 && "$dead_locks" == 0 && "$dead_letters" == 0 && "$rebuild_equal" == yes && "${rebuilt##* }" =~ ^20[02]$ ]] \
  || die "the drill lost, duplicated or left something (figures above)"
log "nothing lost: every acknowledged child stored once and known downstream"
