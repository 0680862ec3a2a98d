#!/usr/bin/env bash
# Drill (issue 16, item 6): restore a running stack's database from pg_dump into a NEW PostgreSQL cluster and carry
# on. Shows that the services on the restored copy flag their projections Unhealthy ("ahead of this server's
# transaction ids") and send nothing until deploy/local/after-restore.sql is run; that after it the projections
# resume where their checkpoints stood (nothing applied twice, no rebuild) and the outbox sends what was pending at
# the dump, so no police alert is lost and none is sent again except those the old stack sent after the dump (same
# alert id); and that clients re-posting what the restore lost (same event ids) get it stored once.
#
#   deploy/local/drills/restore-drill.sh [CHILDREN]      (default 100)
#
# 1. Placements, Missing episodes, Reviews and Indicators (Release builds of this checkout) on free ports, on a database
#    and a vhost of the drill's own on the local infrastructure. CHILDREN children enter care, half are reported
#    missing; then, while pg_dump runs, the other half are reported and CHILDREN/2 more children enter care.
# 2. The old stack settles and stops ("the server is lost"). A new cluster (initdb, a free port, under /var/tmp) gets
#    the roles and the dump. The services start on it: readiness and the outbox are checked, then they stop.
# 3. after-restore.sql; the services start again; they must become ready and catch up.
# 4. The load generator re-posts everything it had acknowledged (a client replaying what it cannot find), then 10 new
#    children enter care and are reported. Every figure is counted; exit 0 only if nothing was lost or doubled.
# Deletes its database, vhost and cluster at the end (KEEP_DRILL_LOGS=1 keeps the logs in /tmp/ct-restore*).
set -euo pipefail
CHILDREN="${1:-100}"
RUN="restore$(date +%s)$RANDOM"
DB="ct_$RUN"
WORK="$(mktemp -d "/tmp/ct-$RUN.XXXX")"
SERVICES=(Placements MissingEpisodes Reviews Indicators)
PROJECTING=(Reviews Indicators)
# shellcheck source=deploy/local/drills/drill-lib.sh
source "$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)/drill-lib.sh"
PG_BIN=/usr/lib/postgresql/15/bin
NEW_DIR="/var/tmp/ct-$RUN"
NEW_PORT="$(free_port)"
as_postgres() { runuser -u postgres -- "$@"; }

cleanup() {
  for s in "${SERVICES[@]}"; do stop "$s"; done
  PG_PORT_OF_DB="$CT_PG_PORT" psql_su -d postgres -c "drop database if exists $DB with (force)" >/dev/null 2>&1 || true
  mgmt -X DELETE "$API/vhosts/$RUN" >/dev/null 2>&1 || true
  if [[ -d "$NEW_DIR/data" ]]; then as_postgres "$PG_BIN/pg_ctl" -D "$NEW_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true; fi
  rm -rf -- "$NEW_DIR"
  [[ -n "${KEEP_DRILL_LOGS:-}" ]] || rm -rf -- "$WORK"
}
trap cleanup EXIT
[[ "$(id -u)" == 0 ]] || die "run as root: the new cluster runs as the postgres user"

settle() { # LABEL: up to 120 s for the relay and consumers; prints what is left
  local deadline=$((SECONDS + 120)) pending missing reviews entered
  while :; do
    entered="$(q "select count(distinct stream_id) from eventstore.mt_events where type = 'placements.child-entered-care.v1' and stream_id like 'DRILL%'")"
    pending="$(q "select count(*) from eventstore.ct_outbox where dispatched_at is null and parked_at is null")"
    missing="$(known_to_missing)"
    reviews="$(q "select count(distinct stream_id) from eventstore.mt_events where stream_id like 'reviews:DRILL%'")"
    [[ "$pending" == 0 && "$missing" == "$entered" && "$reviews" == "$entered" ]] && break
    ((SECONDS < deadline)) || { warn "$1: not settled in 120 s (pending $pending, entered $entered, Missing $missing, Reviews $reviews)"; break; }
    sleep 1
  done
}

# 1. The running stack.
psql_su -d postgres -c "create database $DB" >/dev/null
make_vhost
for s in "${SERVICES[@]}"; do start "$s"; done
for s in "${SERVICES[@]}"; do ready "$s"; done
log "old stack up on $DB (cluster :$CT_PG_PORT), vhost $RUN"
TOKEN="$("$REPO_ROOT/deploy/local/token.sh" 831 placements:write placements:read missing:write missing:read)"
t0=$SECONDS
for ((i = 1; i <= CHILDREN; i++)); do enter "$i"; done
deadline=$((SECONDS + 180))
until [[ "$(known_to_missing)" == "$CHILDREN" ]]; do ((SECONDS < deadline)) || die "Missing episodes did not learn every child"; sleep 1; done
half=$((CHILDREN / 2))
for ((i = 1; i <= half; i++)); do report "$i"; done
# The dump is taken while the other half of the reports and new children arrive.
( for ((i = half + 1; i <= CHILDREN; i++)); do enter $((CHILDREN + i - half)); report "$i"; done ) &
LOAD=$!
sleep 2
dump_start=$SECONDS
before_dump_entered="$(wc -l <"$WORK/entered")"; before_dump_reported="$(wc -l <"$WORK/reported")"
PGPASSWORD="$CT_PG_PASSWORD" "$PG_BIN/pg_dump" -h "$CT_PG_HOST" -p "$CT_PG_PORT" -U "$CT_PG_USER" -Fc -f "$WORK/db.dump" "$DB"
dump_s=$((SECONDS - dump_start))
log "pg_dump took ${dump_s} s ($(du -h "$WORK/db.dump" | cut -f1)); $before_dump_entered entries and $before_dump_reported reports acknowledged when it started"
wait "$LOAD" || die "the load generator gave up"
settle "old stack"
old_alerts_file="$(take_alerts)"
old_alerts="$(alert_ids "$old_alerts_file" | wc -l)"
acked_entered="$(sort -u "$WORK/entered" | wc -l)"; acked_reported="$(sort -u "$WORK/reported" | wc -l)"
log "old stack: $acked_entered entries and $acked_reported reports acknowledged in $((SECONDS - t0)) s; the police got $old_alerts alerts; stopping it"
for s in "${SERVICES[@]}"; do stop "$s"; done

# 2. A new cluster, the roles and the dump.
mkdir -p "$NEW_DIR"; chown postgres: "$NEW_DIR"
printf 'postgres\n' >"$NEW_DIR/pw"; chown postgres: "$NEW_DIR/pw"
as_postgres "$PG_BIN/initdb" -D "$NEW_DIR/data" -U postgres --pwfile="$NEW_DIR/pw" --auth-host=scram-sha-256 --auth-local=trust -E UTF8 --locale=C >"$NEW_DIR/initdb.log" 2>&1 \
  || { cat "$NEW_DIR/initdb.log" >&2; die "initdb failed"; }
as_postgres "$PG_BIN/pg_ctl" -D "$NEW_DIR/data" -l "$NEW_DIR/log" -w -t 60 -o "-p $NEW_PORT -k $NEW_DIR -c listen_addresses=127.0.0.1" start >/dev/null
restore_start=$SECONDS
PGPASSWORD="$CT_PG_PASSWORD" "$PG_BIN/pg_dumpall" -h "$CT_PG_HOST" -p "$CT_PG_PORT" -U "$CT_PG_USER" --globals-only >"$WORK/globals.sql"
PG_PORT_OF_DB="$NEW_PORT"
psql_su -d postgres -v ON_ERROR_STOP=0 -f "$WORK/globals.sql" >/dev/null 2>&1 || true # "role postgres already exists"
psql_su -d postgres -c "create database $DB" >/dev/null
PGPASSWORD="$CT_PG_PASSWORD" "$PG_BIN/pg_restore" -h "$CT_PG_HOST" -p "$NEW_PORT" -U "$CT_PG_USER" -d "$DB" --exit-on-error "$WORK/db.dump"
restore_s=$((SECONDS - restore_start))
r_entered="$(q "select count(*) from eventstore.mt_events where type = 'placements.child-entered-care.v1'")"
r_reported="$(q "select count(*) from eventstore.mt_events where id::text like '00000000-0000-4000-9000-%'")"
r_pending="$(q "select count(*) from eventstore.ct_outbox where dispatched_at is null and parked_at is null")"
# Care messages the copy says were sent whose effect is not in it (consumed by the old stack after the dump).
r_unapplied="$(q "select count(*) from eventstore.mt_events e where e.type = 'placements.child-entered-care.v1' and e.stream_id like 'DRILL%' and (not exists (select 1 from eventstore.mt_events m where m.stream_id = 'missing:' || e.stream_id) or not exists (select 1 from eventstore.mt_events m where m.stream_id = 'reviews:' || e.stream_id))")"
r_ahead="$(q "select string_agg(name, ', ' order by name) from eventstore.ct_projection_progress where tx_id > pg_snapshot_xmax(pg_current_snapshot())")"
log "restored into a new cluster (:$NEW_PORT) in ${restore_s} s: $r_entered entries, $r_reported reports, $r_pending outbox messages pending, $r_unapplied children entered whose care message is marked sent but who are unknown to Missing episodes or Reviews in the copy; checkpoints ahead of the server: ${r_ahead:-none}"

# The services on the restored copy, before the repair: what they report, and that the outbox is stuck.
for s in "${SERVICES[@]}"; do start "$s"; done
for s in "${SERVICES[@]}"; do answering "$s"; done
sleep 10
before=""
for s in "${PROJECTING[@]}"; do
  code="$(ready_code "$s" "$WORK/ready-$s.json")"
  before+="$s $code: $(jq -r '.checks.projections.status + " (" + (.checks.projections.description // "") + ")"' "$WORK/ready-$s.json" 2>/dev/null || cat "$WORK/ready-$s.json"); "
done
stuck_pending="$(q "select count(*) from eventstore.ct_outbox where dispatched_at is null and parked_at is null")"
stuck_alerts="$(alert_ids "$(take_alerts)" | wc -l)"
log "before the repair: $before outbox pending after 10 s: $stuck_pending, alerts sent: $stuck_alerts"
for s in "${SERVICES[@]}"; do stop "$s"; done

# 3. The repair, then the services again.
repair_start=$SECONDS
psql_su -d "$DB" -v schema=eventstore -f "$REPO_ROOT/deploy/local/after-restore.sql" | sed 's/^/  after-restore.sql: /'
repair_s=$((SECONDS - repair_start))
t1=$SECONDS
for s in "${SERVICES[@]}"; do start "$s"; done
for s in "${SERVICES[@]}"; do ready "$s"; done
ready_s=$((SECONDS - t1))
settle "restored stack"
caught_up_s=$((SECONDS - t1))
after_alerts_file="$(take_alerts)"
log "after the repair (${repair_s} s): ready ${ready_s} s and settled ${caught_up_s} s after starting; the police got $(alert_ids "$after_alerts_file" | wc -l) alerts"

# 4. Clients re-post what they had acknowledged (the restore lost what came after the dump), then new work.
total=$((CHILDREN + CHILDREN - half))
r2_entered="$(q "select count(*) from eventstore.mt_events where type = 'placements.child-entered-care.v1'")"
r2_reported="$(q "select count(*) from eventstore.mt_events where id::text like '00000000-0000-4000-9000-%'")"
for ((i = 1; i <= total; i++)); do enter "$i"; done
for ((i = 1; i <= CHILDREN; i++)); do report "$i"; done
anew_entered=$(($(q "select count(*) from eventstore.mt_events where type = 'placements.child-entered-care.v1'") - r2_entered))
anew_reported=$(($(q "select count(*) from eventstore.mt_events where id::text like '00000000-0000-4000-9000-%'") - r2_reported))
for ((i = total + 1; i <= total + 10; i++)); do enter "$i"; done
deadline=$((SECONDS + 120))
until [[ "$(known_to_missing)" == $((total + 10)) ]]; do ((SECONDS < deadline)) || die "Missing episodes did not learn the new children"; sleep 1; done
for ((i = total + 1; i <= total + 10; i++)); do report "$i"; done
settle "after the re-posts"
for s in "${PROJECTING[@]}"; do ready "$s"; done
last_alerts_file="$(take_alerts)"

# The figures.
children=$((total + 10)); reports=$((CHILDREN + 10))
entered="$(q "select count(*) from eventstore.mt_events where type = 'placements.child-entered-care.v1' and stream_id like 'DRILL%'")"
entered_children="$(q "select count(distinct stream_id) from eventstore.mt_events where type = 'placements.child-entered-care.v1' and stream_id like 'DRILL%'")"
reported="$(q "select count(*) from eventstore.mt_events where id::text like '00000000-0000-4000-9000-%'")"
missing="$(known_to_missing)"
reviews="$(q "select count(distinct stream_id) from eventstore.mt_events where stream_id like 'reviews:DRILL%'")"
ind_copied="$(q "select count(*) from eventstore.ind_events where event_type in ('placements.child-entered-care.v1', 'missing.missing-episode-reported.v1')")"
ind_source="$(q "select count(*) from eventstore.mt_events where type in ('placements.child-entered-care.v1', 'missing.missing-episode-reported.v1')")"
ind_doubled="$(q "select count(*) - count(distinct event_id) from eventstore.ind_events")"
outbox_alerts="$(q "select count(*) from eventstore.ct_outbox where transport = 'amqp'")"
pending="$(q "select count(*) from eventstore.ct_outbox where dispatched_at is null")"
alert_ids "$old_alerts_file" | sort >"$WORK/ids-old"
alert_ids "$after_alerts_file" "$last_alerts_file" | sort >"$WORK/ids-new"
q "select message_id from eventstore.ct_outbox where transport = 'amqp'" | sort >"$WORK/ids-outbox"
received_distinct="$(sort -u "$WORK/ids-old" "$WORK/ids-new" | wc -l)"
resent="$(comm -12 <(sort -u "$WORK/ids-old") <(sort -u "$WORK/ids-new") | wc -l)"
doubled_new="$(uniq -d "$WORK/ids-new" | wc -l)"
lost_alerts="$(comm -23 "$WORK/ids-outbox" <(sort -u "$WORK/ids-old" "$WORK/ids-new") | wc -l)"
dead="$(dead_letters)"

echo
echo "| children (reports) | pg_dump | restore | entries / reports in the restore | outbox pending in the restore; sent but not applied in it | projections before the repair | repair | ready / caught up | re-posts of everything acknowledged: stored anew (entries, reports) | entered-care events (children) | reports | Missing / Reviews knew | Indicators copied (of) / doubled | alerts: outbox, received (distinct), sent again after the restore, lost | dead letters |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
echo "| $children ($reports) | ${dump_s} s, during load | ${restore_s} s | $r_entered / $r_reported (of $before_dump_entered+ / $before_dump_reported+ acknowledged at its start) | $r_pending (still $stuck_pending after 10 s; $stuck_alerts sent); $r_unapplied | $before | ${repair_s} s | ${ready_s} s / ${caught_up_s} s | $anew_entered, $anew_reported of $((total + CHILDREN)) re-posted | $entered ($entered_children) | $reported | $missing / $reviews | $ind_copied ($ind_source) / $ind_doubled | $outbox_alerts, $received_distinct, $resent, $lost_alerts | $dead |"
[[ "$entered" == "$children" && "$entered_children" == "$children" && "$reported" == "$reports" && "$missing" == "$children" \
   && "$reviews" == "$children" && "$ind_copied" == "$ind_source" && "$ind_doubled" == 0 && "$pending" == 0 && "$outbox_alerts" == "$reports" \
   && "$received_distinct" == "$reports" && "$doubled_new" == 0 && "$lost_alerts" == 0 && "$dead" == 0 ]] \
  || die "the restore lost, doubled or left something (figures above)"
log "nothing lost: the restored stack caught up without a rebuild and every alert went, once or with its own id again"
