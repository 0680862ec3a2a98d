#!/usr/bin/env bash
# Drill (issue 16): the soak. RATE posts a second for MINUTES minutes, spread evenly over Placements (a child enters
# care), Missing episodes (the child is reported missing: a police alert), Reviews (a review held), Health (a health
# assessment) and Leaving care (a pathway plan review), with Indicators running too. Every post has a fixed event id
# (child n's are always the same) and anything not 2xx is sent again in the writer's next batch (a second later). Printed figures, not a timed test: it
# is not run in CI.
#
#   deploy/local/drills/soak-drill.sh [MINUTES] [RATE]        (default 30 20)
#
# Every minute it prints each service's resident memory, the PostgreSQL connections of each service (pg_stat_activity
# by application_name and user), the RabbitMQ connections and channels in the drill's vhost (management API), the
# outbox's pending and parked rows, posts acknowledged and answers that were not 2xx. At the end: a table of the
# first WINDOW minutes' averages against the last WINDOW minutes' (WINDOW = 5, or a third of a shorter run) with the
# growth, and the "nothing lost" counts: every acknowledged post stored once under its event id, every child known to
# Missing episodes, Reviews, Health and Leaving care, every alert at the police queue, the outbox empty, no dead
# letters. Exit 0 only if nothing was lost or stored twice (flatness is for the reader to judge from the figures).
#
# Runs copies of this checkout's Release builds (dotnet build services/CareTracking.X -c Release first) on free ports,
# on a database and a RabbitMQ vhost of its own on the local infrastructure (deploy/local/infra.sh start), as the
# postgres and guest users; deletes them at the end (KEEP_DRILL_LOGS=1 keeps $WORK: logs, answers, samples.tsv).
set -euo pipefail
# shellcheck source=deploy/local/drills/drill-lib.sh
source "$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)/drill-lib.sh"

MINUTES="${1:-30}"
RATE="${2:-20}"
[[ "$MINUTES" =~ ^[1-9][0-9]*$ && "$RATE" =~ ^[1-9][0-9]*$ ]] || die "usage: $0 [MINUTES] [RATE]"
RUN="soak$(date +%s)$RANDOM"
DB="ct_$RUN"
WORK="$(mktemp -d "/tmp/ct-$RUN.XXXX")"
SERVICES=(Placements MissingEpisodes Reviews Health LeavingCare Indicators)
WRITERS=(Placements MissingEpisodes Reviews Health LeavingCare)
WINDOW=$((MINUTES >= 15 ? 5 : (MINUTES + 2) / 3))
WORKERS=()

cleanup() {
  for w in "${WORKERS[@]}"; do kill "$w" 2>/dev/null || true; done
  for s in "${SERVICES[@]}"; do [[ -n "${PID[$s]:-}" ]] && kill -TERM "${PID[$s]}" 2>/dev/null || true; done
  sleep 3
  for s in "${SERVICES[@]}"; do [[ -n "${PID[$s]:-}" ]] && kill -9 "${PID[$s]}" 2>/dev/null || true; done
  psql_su -d postgres -c "drop database if exists $DB with (force)" >/dev/null 2>&1 || true
  mgmt -X DELETE "$API/vhosts/$RUN" >/dev/null 2>&1 || true
  [[ -n "${KEEP_DRILL_LOGS:-}" ]] || rm -rf -- "$WORK"
}
trap cleanup EXIT

psql_su -d postgres -c "create database $DB" >/dev/null
make_vhost
snapshot_builds "${SERVICES[@]}"
for s in "${SERVICES[@]}"; do start "$s"; done
for s in "${SERVICES[@]}"; do ready "$s"; done
log "services up: $(for s in "${SERVICES[@]}"; do printf '%s %s, ' "$s" "${PORT[$s]}"; done)database $DB, vhost $RUN; $RATE posts/s for $MINUTES min"

# Tokens live an hour at most (Auth:MaxTokenLifetime): the sampler writes a fresh one every 10 minutes and each
# post reads the current one.
new_token() {
  "$REPO_ROOT/deploy/local/token.sh" 831 placements:write missing:write reviews:write health:write leavingcare:write >"$WORK/token.new"
  mv "$WORK/token.new" "$WORK/token"
}
new_token

# Child n: SOAK000001...; 16 when entering care on 2024-04-01, so on 2025-06-01 (the report, review, assessment and
# pathway plan review) in care, looked after and an eligible care leaver. Event ids: 4000-8n.. entered care,
# 4000-9n.. report (episode a), 4000-bn.. review, 4000-cn.. health assessment, 4000-dn.. pathway plan review.
# soak_request SERVICE N: sets url and body of child N's post to SERVICE (printf -v: no fork on the way).
soak_request() {
  local s="$1" child id
  printf -v child 'SOAK%06d' "$2"
  case "$s" in
    Placements)
      printf -v id '00000000-0000-4000-8000-%012d' "$2"
      url="/api/children/$child/entered-care"
      body="{\"eventId\":\"$id\",\"date\":\"2024-04-01\",\"legalStatus\":\"C2\",\"categoryOfNeed\":\"N1\",\"placement\":{\"type\":\"U4\",\"provider\":\"PR1\",\"postcode\":\"DE22 3NE\",\"urn\":\"SC123456\"},\"homePostcode\":\"DE1 1AA\",\"child\":{\"sex\":\"M\",\"dateOfBirth\":\"2008-02-02\",\"ethnicity\":\"WBRI\",\"uasc\":false}}" ;;
    MissingEpisodes)
      local episode
      printf -v id '00000000-0000-4000-9000-%012d' "$2"; printf -v episode '00000000-0000-4000-a000-%012d' "$2"
      url="/api/missing-episodes"
      body="{\"eventId\":\"$id\",\"episodeId\":\"$episode\",\"childId\":\"$child\",\"kind\":\"M\",\"lastSeenAt\":\"2025-06-01T20:00:00Z\",\"reportedAt\":\"2025-06-01T21:00:00Z\",\"riskLevel\":\"medium\",\"exploitationRisk\":{\"criminal\":false,\"sexual\":false}}" ;;
    Reviews)
      printf -v id '00000000-0000-4000-b000-%012d' "$2"
      url="/api/children/$child/reviews"; body="{\"eventId\":\"$id\",\"date\":\"2025-06-01\",\"participation\":\"PN1\"}" ;;
    Health)
      printf -v id '00000000-0000-4000-c000-%012d' "$2"
      url="/api/children/$child/health-assessments"; body="{\"eventId\":\"$id\",\"date\":\"2025-06-01\",\"kind\":\"review\"}" ;;
    LeavingCare)
      printf -v id '00000000-0000-4000-d000-%012d' "$2"
      url="/api/care-leavers/$child/pathway-plan-reviews"; body="{\"eventId\":\"$id\",\"date\":\"2025-06-01\"}" ;;
  esac
}

# One writer per service at RATE/5 posts a second. Post n is due at start + n x interval; once a second a writer
# sends everything due, and everything not yet 2xx, through one curl process over one kept-alive connection: a curl
# per post cost ~30 ms of CPU each, and at 20 posts/s the generator itself saturated two cores (the first quiet runs
# reached 14-16 posts/s at load 30). A slow answer delays that writer, whose next batch then holds more. The writers
# after Placements start 3 s later, so the child usually exists downstream first (a post that arrives first is held,
# not refused).
END_AT=$((SECONDS + MINUTES * 60))
INTERVAL_US=$((1000000 * ${#WRITERS[@]} / RATE))
writer() {
  local s="$1" next=1 start now batch_at left pause url body i code codes args todo=()
  declare -A tried=()
  start="${EPOCHREALTIME/./}"
  # After the end, only what is not yet acknowledged is retried (until 2xx, or POST_TRIES tries: given up).
  while ((SECONDS < END_AT || ${#todo[@]})); do
    now="${EPOCHREALTIME/./}"; batch_at="$now"
    if ((SECONDS < END_AT)); then
      while ((start + next * INTERVAL_US <= now)); do todo+=("$next"); next=$((next + 1)); done
    fi
    if ((${#todo[@]})); then
      read -r TOKEN <"$WORK/token"
      args=()
      for i in "${todo[@]}"; do
        soak_request "$s" "$i"
        ((${#args[@]} == 0)) || args+=(--next)
        args+=(-s -o /dev/null -w '%{http_code}\n' --max-time 30 -X POST -H "Authorization: Bearer $TOKEN"
          -H 'content-type: application/json' "http://127.0.0.1:${PORT[$s]}$url" --data "$body")
      done
      mapfile -t codes < <(curl "${args[@]}" || true)
      local again=()
      for i in "${!todo[@]}"; do
        code="${codes[$i]:-000}"
        echo "$s $code" >>"$WORK/answers"
        if [[ "$code" == 2?? ]]; then
          echo "${todo[$i]}" >>"$WORK/acked-$s"
        else
          tried[${todo[$i]}]=$((${tried[${todo[$i]}]:-0} + 1))
          if ((${tried[${todo[$i]}]} < ${POST_TRIES:-600})); then again+=("${todo[$i]}"); else echo "$s ${todo[$i]}" >>"$WORK/given-up"; fi
        fi
      done
      todo=("${again[@]}")
    fi
    # One batch a second at most: sleep out the rest of this second (none if the batch took longer).
    now="${EPOCHREALTIME/./}"; left=$((batch_at + 1000000 - now))
    ((left <= 0)) || { printf -v pause '0.%06d' "$((left > 999999 ? 999999 : left))"; sleep "$pause"; }
  done
}
writer Placements & WORKERS+=($!)
sleep 3
for s in "${WRITERS[@]:1}"; do writer "$s" & WORKERS+=($!); done
t0=$SECONDS

rss_mb() { awk '/^VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/${PID[$1]}/status" 2>/dev/null || echo 0; }
acked_of() { if [[ -f "$WORK/acked-$1" ]]; then wc -l <"$WORK/acked-$1"; else echo 0; fi; }
not_2xx() { if [[ -f "$WORK/answers" ]]; then awk '$2 !~ /^2/' "$WORK/answers" | wc -l; else echo 0; fi; }
given_up() { if [[ -f "$WORK/given-up" ]]; then wc -l <"$WORK/given-up"; else echo 0; fi; }

# The database's figures in one query (a busy machine makes every psql start count): connections per service
# (application_name drill-NAME), the same by user, outbox pending and parked, tab-separated.
pg_figures() {
  local s cols=""
  for s in "${SERVICES[@]}"; do cols+="(select count(*) from pg_stat_activity where datname = '$DB' and application_name = 'drill-$s') || E'\t' || "; done
  q "select $cols coalesce((select string_agg(usename || ':' || n, ',' order by usename) from (select usename, count(*) n from pg_stat_activity where datname = '$DB' and application_name like 'drill-%' group by usename) u), 'none')
     || E'\t' || (select count(*) from eventstore.ct_outbox where dispatched_at is null and parked_at is null)
     || E'\t' || (select count(*) from eventstore.ct_outbox where parked_at is not null)"
}

# sample MINUTE: one line of samples.tsv, and the same printed. A sample can come late on a loaded machine, so each
# carries its own time (seconds since the load began) and the posts a second since the one before.
echo -e "minute\tseconds\t$(printf '%s_rss_mb\t' "${SERVICES[@]}")$(printf '%s_pg\t' "${SERVICES[@]}")pg_users\toutbox_pending\toutbox_parked\trmq_connections\trmq_channels\tposts_acked\tnot_2xx\tposts_per_s\tload1" >"$WORK/samples.tsv"
prev_acked=0
prev_at=0
sample() {
  local m="$1" s at=$((SECONDS - t0)) line
  line="$1"$'\t'"$at"
  for s in "${SERVICES[@]}"; do line+=$'\t'"$(rss_mb "$s")"; done
  line+=$'\t'"$(pg_figures)"
  line+=$'\t'"$(mgmt "$API/vhosts/$RUN/connections" | jq 'length')"$'\t'"$(mgmt "$API/vhosts/$RUN/channels" | jq 'length')"
  local acked=0; for s in "${WRITERS[@]}"; do acked=$((acked + $(acked_of "$s"))); done
  line+=$'\t'"$acked"$'\t'"$(not_2xx)"$'\t'"$(awk -v n=$((acked - prev_acked)) -v t=$((at - prev_at)) 'BEGIN { printf "%.1f", (t > 0 ? n / t : 0) }')"$'\t'"$(cut -d' ' -f1 /proc/loadavg)"
  prev_acked=$acked; prev_at=$at
  echo "$line" >>"$WORK/samples.tsv"
  local f; IFS=$'\t' read -r -a f <<<"$line"
  log "min $m (${at} s): rss MB $(for i in "${!SERVICES[@]}"; do printf '%s %s ' "${SERVICES[$i]}" "${f[$((2 + i))]}"; done)| pg conns $(for i in "${!SERVICES[@]}"; do printf '%s %s ' "${SERVICES[$i]}" "${f[$((8 + i))]}"; done)(by user ${f[14]}) | outbox pending ${f[15]} parked ${f[16]} | rabbitmq ${f[17]} conns ${f[18]} channels | acked ${f[19]} (${f[21]}/s) | not 2xx ${f[20]} | load $(cut -d' ' -f1-3 /proc/loadavg)"
}

for ((m = 1; m <= MINUTES; m++)); do
  until ((SECONDS >= t0 + m * 60)); do
    ((SECONDS >= END_AT)) || for w in "${WORKERS[@]}"; do kill -0 "$w" 2>/dev/null || die "a writer stopped early (see $WORK)"; done
    sleep 1
  done
  ((m % 10)) || new_token
  sample "$m"
done
for w in "${WORKERS[@]}"; do wait "$w" || true; done
WORKERS=()
total=0; for s in "${WRITERS[@]}"; do total=$((total + $(acked_of "$s"))); done
log "load done in $((SECONDS - t0)) s: $total posts acknowledged, $(awk -v n="$total" -v t="$((SECONDS - t0))" 'BEGIN { printf "%.1f", n / t }') a second (asked $RATE): $(for s in "${WRITERS[@]}"; do printf '%s %s, ' "$s" "$(acked_of "$s")"; done)given up $(given_up)"

# The first WINDOW samples against the last WINDOW, and the WINDOW ending half-way against the last (start-up and
# JIT warm-up fall in the first; a leak shows in both), numeric columns only.
echo
echo "| figure | first $WINDOW min (avg) | $WINDOW min to half-way (avg) | last $WINDOW min (avg) | growth first → last | growth half-way → last |"
echo "|---|---|---|---|---|---|"
awk -F'\t' -v w="$WINDOW" -v m="$MINUTES" '
  function growth(a, b) { return (a > 0) ? sprintf("%+.1f %%", 100 * (b - a) / a) : sprintf("%+.1f", b - a) }
  NR == 1 { for (i = 3; i <= NF; i++) name[i] = $i; cols = NF; next }
  { r = NR - 1; h = int(m / 2)
    for (i = 3; i <= cols; i++) { if (r <= w) first[i] += $i; if (r > h - w && r <= h) mid[i] += $i; if (r > m - w) last[i] += $i } }
  END {
    for (i = 3; i <= cols; i++) {
      if (name[i] == "pg_users" || name[i] == "load1" || name[i] == "posts_acked" || name[i] == "not_2xx") continue
      f = first[i] / w; h = mid[i] / w; l = last[i] / w
      printf "| %s | %.1f | %.1f | %.1f | %s | %s |\n", name[i], f, h, l, growth(f, l), growth(h, l)
    }
  }' "$WORK/samples.tsv"
echo "load average at each sample: $(cut -f23 "$WORK/samples.tsv" | tail -n +2 | tr '\n' ' ')"

# Nothing lost: let consumers and the relays finish (up to 180 s), then count.
entered="$(acked_of Placements)"
deadline=$((SECONDS + 180))
while :; do
  knew=()
  for t in missing reviews health leavingcare; do
    knew+=("$(q "select count(distinct stream_id) from eventstore.mt_events where type = '$t.care-period-noted.v1' and stream_id like '%SOAK%'")")
  done
  pending="$(q "select count(*) from eventstore.ct_outbox where dispatched_at is null and parked_at is null")"
  # The management API's queue depth lags the broker by its statistics interval (5 s): wait for the alerts too.
  alerts="$(mgmt "$API/queues/$RUN/drill-police" | jq '.messages // 0')"
  [[ "${knew[*]}" == "$entered $entered $entered $entered" && "$pending" == 0 && "$alerts" -ge "$(acked_of MissingEpisodes)" ]] && break
  ((SECONDS < deadline)) || break
  sleep 2
done
stored() { q "select count(*) || ' (' || count(distinct id) || ' ids)' from eventstore.mt_events where id::text like '00000000-0000-4000-$1000-%'"; }
alerts="$(mgmt "$API/queues/$RUN/drill-police" | jq '.messages // 0')"
parked="$(q "select count(*) from eventstore.ct_outbox where parked_at is not null")"
echo
echo "| service | posts acknowledged | events stored under those ids (distinct) |"
echo "|---|---|---|"
ok=1
for pair in Placements:8 MissingEpisodes:9 Reviews:b Health:c LeavingCare:d; do
  s="${pair%%:*}"; a="$(acked_of "$s")"; st="$(stored "${pair##*:}")"
  echo "| $s | $a | $st |"
  [[ "$st" == "$a ($a ids)" ]] || ok=0
done
echo
echo "children entered care: $entered; knew them: Missing episodes ${knew[0]}, Reviews ${knew[1]}, Health ${knew[2]}, Leaving care ${knew[3]}"
echo "police alerts queued: $alerts (reports acknowledged $(acked_of MissingEpisodes)); outbox pending $pending, parked $parked; dead letters $(dead_letters); answers not 2xx: $(awk '$2 !~ /^2/ {print $1 " " $2}' "$WORK/answers" 2>/dev/null | sort | uniq -c | tr -s ' ' | paste -sd, - || true)"
[[ "$ok" == 1 && "${knew[*]}" == "$entered $entered $entered $entered" && "$pending" == 0 && "$parked" == 0 && "$alerts" -ge "$(acked_of MissingEpisodes)" && "$(dead_letters)" == 0 && ! -s "$WORK/given-up" ]] \
  || die "the soak lost, duplicated or left something (figures above)"
log "nothing lost: every acknowledged post stored once, every child known downstream"
