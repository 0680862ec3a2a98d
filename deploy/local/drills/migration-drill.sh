#!/usr/bin/env bash
# Drill (issue 9): the one-off move of a database written before Marten (eventstore.ct_streams and ct_events) into
# Marten's tables, on a copy of that database, with this checkout's services. Never touches the source database.
#
#   deploy/local/drills/migration-drill.sh SOURCE_DB [OLD_FIGURES_DIR]
#
# SOURCE_DB: a database of the old store on the local server, e.g. the demo database of the commit before the move
# (docs/event-store.md, "Existing databases", says how to make one). It must have no open connections (it is copied as a
# template). OLD_FIGURES_DIR (optional): what the old services answered before they were stopped: committee-<asAt>.json
# (GET /api/indicators/committee?asAt=<asAt>) and pl-<child>.json / rv-<child>.json (Placements' child and Reviews'
# reviews of each child); each scalar the old answer holds must be the same in the new one.
#
# Steps: copy the database; start Placements, Missing episodes, Reviews and Indicators (Release builds of this checkout)
# on it, which creates Marten's tables; run services/CareTracking.EventStore/Schema/one_off_copy_to_marten.sql as the
# postgres user; then count and compare:
#   - every old event is in mt_events with the same id, authority, stream, version, global position, transaction id,
#     type, data and timestamp, and every stream in mt_streams with its version and type;
#   - every child reads (Placements, Reviews) with the stream's version as its ETag;
#   - the committee report at each asAt, read once Indicators' projection has settled, equals the one after the
#     operator's rebuild from position zero;
#   - a new append to a moved stream with If-Match its old version answers 201 with the next version, at a global
#     position above every moved one; running the script a second time copies nothing.
# Exit 0 only if all of it holds.
set -euo pipefail
# shellcheck source=deploy/local/drills/drill-lib.sh
source "$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)/drill-lib.sh"

SOURCE="${1:-}"
OLD="${2:-}"
[[ "$SOURCE" =~ ^[a-z_][a-z0-9_]*$ ]] || die "usage: migration-drill.sh SOURCE_DB [OLD_FIGURES_DIR] (a database name of the local server)"
[[ -z "$OLD" || -d "$OLD" ]] || die "OLD_FIGURES_DIR '$OLD' is not a directory"
command -v jq >/dev/null 2>&1 || die "jq is needed: apt-get install -y jq"
RUN="migration$(date +%s)$RANDOM"
DB="ct_$RUN"
WORK="$(mktemp -d "/tmp/ct-$RUN.XXXX")"
SERVICES=(Placements MissingEpisodes Reviews Indicators)
SCRIPT="$REPO_ROOT/services/CareTracking.EventStore/Schema/one_off_copy_to_marten.sql"

cleanup() {
  for s in "${SERVICES[@]}"; do [[ -n "${PID[$s]:-}" ]] && kill -TERM "${PID[$s]}" 2>/dev/null || true; done
  sleep 3
  for s in "${SERVICES[@]}"; do [[ -n "${PID[$s]:-}" ]] && kill -9 "${PID[$s]}" 2>/dev/null || true; done
  psql_su -d postgres -c "drop database if exists $DB with (force)" >/dev/null 2>&1 || true
  mgmt -X DELETE "$API/vhosts/$RUN" >/dev/null 2>&1 || true
  [[ -n "${KEEP_DRILL_LOGS:-}" ]] || rm -rf -- "$WORK"
}
trap cleanup EXIT

[[ "$(psql_su -d "$SOURCE" -c "select to_regclass('eventstore.ct_events') is not null" 2>/dev/null)" == t ]] \
  || die "$SOURCE has no eventstore.ct_events: not a database of the old store"
snapshot_builds "${SERVICES[@]}"
psql_su -d postgres -c "create database $DB template $SOURCE" >/dev/null || die "could not copy $SOURCE (close every connection to it first)"
make_vhost
old_events="$(q "select count(*) from eventstore.ct_events")"
old_streams="$(q "select count(*) from eventstore.ct_streams")"
old_head="$(q "select coalesce(max(seq_id), 0) from eventstore.ct_events")"
log "copied $SOURCE to $DB: $old_events events in $old_streams streams, last position $old_head"

for s in "${SERVICES[@]}"; do start "$s"; done
for s in "${SERVICES[@]}"; do ready "$s"; done
log "services up on the copy: $(for s in "${SERVICES[@]}"; do printf '%s %s, ' "$s" "${PORT[$s]}"; done)vhost $RUN"

t0=$SECONDS
psql_su -d "$DB" -f "$SCRIPT" >"$WORK/copy.out" 2>&1 || { cat "$WORK/copy.out" >&2; die "the copy script failed"; }
log "one_off_copy_to_marten.sql ran in $((SECONDS - t0)) s: $(tr '\n' ' ' <"$WORK/copy.out")"
psql_su -d "$DB" -f "$SCRIPT" >"$WORK/copy-again.out" 2>&1 || { cat "$WORK/copy-again.out" >&2; die "the copy script failed when run again"; }

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# Every event and stream, column by column (both directions of the difference are empty).
missing_events="$(q "select count(*) from (select authority, event_id, stream_id, version, seq_id, tx_id, event_type, data, recorded_at from eventstore.ct_events
  except select tenant_id, id, stream_id, version, seq_id, tx_id, type, data, timestamp from eventstore.mt_events) d")"
extra_events="$(q "select count(*) from eventstore.mt_events m where not exists (select 1 from eventstore.ct_events c where c.event_id = m.id and c.authority = m.tenant_id)")"
missing_streams="$(q "select count(*) from (select authority, stream_id, version, stream_type from eventstore.ct_streams
  except select tenant_id, id, version, type from eventstore.mt_streams) d")"
new_events="$(q "select count(*) from eventstore.mt_events")"
[[ "$missing_events" == 0 && "$extra_events" == 0 && "$new_events" == "$old_events" ]] || fail "events: $new_events in mt_events, $missing_events old ones missing or different, $extra_events extra"
[[ "$missing_streams" == 0 ]] || fail "streams: $missing_streams missing or different"

# Every child reads, with its stream's version as the ETag.
TOKEN="$("$REPO_ROOT/deploy/local/token.sh" 831 placements:read placements:write reviews:read indicators:read)"
get() { curl -sS --max-time 30 -H "Authorization: Bearer $TOKEN" -D "$3" -o "$4" -w '%{http_code}' "http://127.0.0.1:${PORT[$1]}$2"; }
children=0 unread=0 etags=0 differing=0
subset_differences() { # scalars of the old answer $1 that the new one $2 lacks or holds differently
  jq -n --slurpfile a "$1" --slurpfile b "$2" '[$a[0] | paths(scalars) as $p | select(($a[0] | getpath($p)) != ($b[0] | getpath($p))) | $p | map(tostring) | join(".")]'
}
while IFS='|' read -r authority child version; do
  [[ "$authority" == 831 ]] || continue
  children=$((children + 1))
  code="$(get Placements "/api/children/$child" "$WORK/h" "$WORK/pl-$child.json")"
  [[ "$code" == 200 ]] || { unread=$((unread + 1)); continue; }
  grep -qi "^etag: \"$version\"" "$WORK/h" || etags=$((etags + 1))
  [[ "$(get Reviews "/api/children/$child/reviews" "$WORK/h" "$WORK/rv-$child.json")" == 200 ]] || unread=$((unread + 1))
  if [[ -n "$OLD" ]]; then
    for kind in pl rv; do
      [[ -f "$OLD/$kind-$child.json" ]] || continue
      d="$(subset_differences "$OLD/$kind-$child.json" "$WORK/$kind-$child.json")"
      [[ "$d" == "[]" ]] || { differing=$((differing + 1)); echo "$kind $child: $d" >>"$WORK/differences"; }
    done
  fi
done < <(q "select authority, stream_id, version from eventstore.ct_streams where stream_type = 'child' order by stream_id")
((unread == 0)) || fail "$unread child reads did not answer 200"
((etags == 0)) || fail "$etags children's ETag is not their stream's version"
((differing == 0)) || { head -n 5 "$WORK/differences" >&2; fail "$differing answers differ from the old services' (above: the first)"; }
log "$children children of 831 read in Placements and Reviews; ETags = versions: $((children - etags)); answers equal to the old services': $([[ -n "$OLD" ]] && echo "$((2 * children - differing)) of $((2 * children))" || echo 'not compared')"

# Indicators: settled incremental report = report after a rebuild from zero, at each asAt.
OPERATOR_TOKEN="$("$REPO_ROOT/deploy/local/token.sh" 831 operator)"
ASATS=(2024-03-31 2025-03-31 2026-03-31)
committee() { curl -sS --max-time 120 -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:${PORT[Indicators]}/api/indicators/committee?asAt=$1" | jq -S . >"$2"; }
deadline=$((SECONDS + 180))
committee "${ASATS[0]}" "$WORK/settle-0.json"
while :; do
  sleep 3
  committee "${ASATS[0]}" "$WORK/settle-1.json"
  cmp -s "$WORK/settle-0.json" "$WORK/settle-1.json" && break
  ((SECONDS < deadline)) || { fail "Indicators did not settle within 180 s"; break; }
  mv "$WORK/settle-1.json" "$WORK/settle-0.json"
done
for d in "${ASATS[@]}"; do committee "$d" "$WORK/incremental-$d.json"; done
rebuilt="$(curl -sS --max-time 600 -X POST -H "Authorization: Bearer $OPERATOR_TOKEN" -w ' %{http_code}' "http://127.0.0.1:${PORT[Indicators]}/api/indicators/admin/rebuild")"
[[ "${rebuilt##* }" == 200 ]] || fail "the rebuild answered ${rebuilt##* } ($rebuilt)"
for d in "${ASATS[@]}"; do
  committee "$d" "$WORK/rebuilt-$d.json"
  cmp -s "$WORK/incremental-$d.json" "$WORK/rebuilt-$d.json" || fail "committee at $d: the incremental report differs from the rebuilt one"
  if [[ -n "$OLD" && -f "$OLD/committee-$d.json" ]]; then
    dd="$(subset_differences "$OLD/committee-$d.json" "$WORK/rebuilt-$d.json")"
    echo "committee $d: $(jq length <<<"$dd") of $(jq '[paths(scalars)] | length' "$OLD/committee-$d.json") old values differ: $dd" | cut -c1-600
  fi
done
log "rebuild: ${rebuilt% *}; committee at ${ASATS[*]}: incremental = rebuilt"

# Appends go on: a legal status change today for the first child in care, with If-Match its moved version.
child=""
for f in "$WORK"/pl-*.json; do
  if jq -e '.inCare == true' "$f" >/dev/null 2>&1; then child="${f##*/pl-}"; child="${child%.json}"; break; fi
done
[[ -n "$child" ]] || die "no child of 831 is in care: nothing to append to"
version="$(q "select version from eventstore.mt_streams where tenant_id = '831' and id = '$child'")"
status="$(jq -r 'if .legalStatus == "C2" then "C1" else "C2" end' "$WORK/pl-$child.json")"
body='{"eventId":"'"$(cat /proc/sys/kernel/random/uuid)"'","date":"'"$(date +%F)"'","legalStatus":"'"$status"'"}'
code="$(curl -sS --max-time 30 -X POST -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' -H "If-Match: \"$version\"" \
  -D "$WORK/h" -o "$WORK/append.json" -w '%{http_code}' --data "$body" "http://127.0.0.1:${PORT[Placements]}/api/children/$child/legal-status-changes")"
new_seq="$(q "select max(seq_id) from eventstore.mt_events")"
if [[ "$code" =~ ^20[01]$ ]] && grep -qi "^etag: \"$((version + 1))\"" "$WORK/h" && ((new_seq > old_head)); then
  log "append after the move: $code, ETag \"$((version + 1))\", position $new_seq (last moved $old_head)"
else
  fail "append after the move: $code $(head -c 300 "$WORK/append.json"), position $new_seq (last moved $old_head)"
fi

echo
echo "| moved events (streams) | events and streams equal | children read (ETag = version) | answers equal to the old services' | committee incremental = rebuilt | append after (If-Match) |"
echo "|---|---|---|---|---|---|"
echo "| $old_events ($old_streams) | $([[ $missing_events == 0 && $extra_events == 0 && $missing_streams == 0 ]] && echo yes || echo NO) | $((children - unread)) of $children ($((children - etags))) | $([[ -n "$OLD" ]] && echo "$((2 * children - differing)) of $((2 * children))" || echo '–') | ${#ASATS[@]} dates | $code |"
((failures == 0)) || die "$failures check(s) failed"
log "the move holds: every event, stream and read as before"
