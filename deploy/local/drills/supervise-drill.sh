#!/usr/bin/env bash
# Drill (issue 16, item 0): a service run as deploy/local/up.sh runs it, under deploy/local/supervise.sh, is killed
# with kill -9 KILLS times; each time it must answer GET /health/ready with 200 again within BOUND seconds, and take a
# post (a child entering care, for Placements). Then its process group gets TERM, as down.sh sends it: the service and
# the supervisor must end, and nothing may be started in the 5 s after.
#
#   deploy/local/drills/supervise-drill.sh [SERVICE] [KILLS] [BOUND]     (default Placements 3 90)
#
# Runs a copy of the service's Release build on a free port, against a database and a RabbitMQ vhost of its own on the
# local infrastructure (deploy/local/infra.sh start), as the postgres and guest users; deletes both at the end. Never
# touches the demo stack. Prints, per kill, the seconds until ready again; exit 0 only if every one was within BOUND.
set -euo pipefail
# shellcheck source=deploy/local/drills/drill-lib.sh
source "$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)/drill-lib.sh"

VICTIM="${1:-Placements}"
KILLS="${2:-3}"
BOUND="${3:-90}"
case "$VICTIM" in Placements|MissingEpisodes|Reviews|Health|LeavingCare|Indicators) ;; *) die "service must be Placements, MissingEpisodes, Reviews, Health, LeavingCare or Indicators" ;; esac
RUN="drill$(date +%s)$RANDOM"
DB="ct_$RUN"
WORK="$(mktemp -d "/tmp/ct-$RUN.XXXX")"
SUPERVISE=1

cleanup() {
  [[ -z "${PID[$VICTIM]:-}" ]] || kill -KILL -- "-${PID[$VICTIM]}" 2>/dev/null || true
  psql_su -d postgres -c "drop database if exists $DB with (force)" >/dev/null 2>&1 || true
  mgmt -X DELETE "$API/vhosts/$RUN" >/dev/null 2>&1 || true
  [[ -n "${KEEP_DRILL_LOGS:-}" ]] || rm -rf -- "$WORK"
}
trap cleanup EXIT

snapshot_builds "$VICTIM"
psql_su -d postgres -c "create database $DB" >/dev/null
make_vhost
start "$VICTIM"
ready "$VICTIM"
log "$VICTIM ready on port ${PORT[$VICTIM]} under its supervisor (pid ${PID[$VICTIM]}); database $DB, vhost $RUN"
TOKEN="$("$REPO_ROOT/deploy/local/token.sh" 831 placements:write)"
retries=0

failed=0 times=()
for ((k = 1; k <= KILLS; k++)); do
  victim="$(cat "$WORK/$VICTIM.service.pid")"
  pid_alive "$victim" || die "no running $VICTIM to kill"
  t0="$(date +%s.%N)"
  kill -9 "$victim"
  while :; do
    now="$(cat "$WORK/$VICTIM.service.pid" 2>/dev/null || true)"
    [[ "$now" != "$victim" && "$(ready_code "$VICTIM")" == 200 ]] && break
    if (($(awk -v a="$(date +%s.%N)" -v b="$t0" 'BEGIN { print (a - b > '"$BOUND"') }'))); then
      tail -n 20 "$WORK/$VICTIM.log" >&2
      failed=1
      break
    fi
    sleep 0.2
  done
  took="$(awk -v a="$(date +%s.%N)" -v b="$t0" 'BEGIN { printf "%.1f", a - b }')"
  times+=("$took")
  log "kill -9 $k of $KILLS (pid $victim): ready again after ${took} s (new pid $(cat "$WORK/$VICTIM.service.pid" 2>/dev/null || echo none))"
  ((failed == 0)) || die "$VICTIM was not ready again within ${BOUND} s of kill -9 number $k"
  if [[ "$VICTIM" == Placements ]]; then
    POST_TRIES=50 post Placements "/api/children/$(child_id "$k")/entered-care" "$(entered_body "$k")" || die "the restarted Placements did not take a post"
  fi
done

# A stop as down.sh makes it: TERM to the supervisor's process group. Nothing may come back.
last="$(cat "$WORK/$VICTIM.service.pid")"
kill -TERM -- "-${PID[$VICTIM]}"
for ((i = 0; i < 200; i++)); do pid_alive "${PID[$VICTIM]}" || pid_alive "$last" || break; sleep 0.1; done
pid_alive "${PID[$VICTIM]}" && die "the supervisor did not stop within 20 s of TERM"
pid_alive "$last" && die "$VICTIM did not stop within 20 s of TERM"
sleep 5
[[ ! -e "$WORK/$VICTIM.service.pid" ]] || die "something was started after the stop"
[[ "$(ready_code "$VICTIM")" == 000 ]] || die "port ${PORT[$VICTIM]} still answers after the stop"
PID[$VICTIM]=""
restarts="$(grep -c 'exited unexpectedly' "$WORK/$VICTIM.log" || true)"
if [[ "$VICTIM" == Placements ]]; then
  stored="$(q "select count(*) from eventstore.mt_events where stream_id like 'DRILL%'")"
  [[ "$stored" == "$KILLS" ]] || die "$stored of $KILLS posts stored"
fi
log "RESULT $VICTIM: $KILLS kill -9, ready again after ${times[*]} s (bound ${BOUND} s), $restarts restarts logged; stopped by TERM, nothing started in the 5 s after"
