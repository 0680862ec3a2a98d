#!/usr/bin/env bash
# Posts the synthetic demo history (tools/CareTracking.DemoData) to a running stack: about 120 made-up
# children of one authority (the token's), 2014-2020 long-stayers plus one entering care every few weeks
# from April 2020, with moves, endings, missing episodes, IRO allocations and reviews up to yesterday.
# Every post carries a name-based event id, so running it again appends nothing (the services answer retries).
#
#   deploy/local/seed-demo.sh [--seed N] [--as-of YYYY-MM-DD] [--parallel N] [--plan]
#
# up.sh runs it with the variables below set; run alone, it defaults to the up.sh ports and mints a
# development token for authority 831:
#   CARETRACKING_PLACEMENTS_URL (http://127.0.0.1:5101)  CARETRACKING_MISSING_URL (:5102)
#   CARETRACKING_REVIEWS_URL (:5103)  CARETRACKING_INDICATORS_URL (:5104; the committee headlines at the end)
#   CARETRACKING_LEAVINGCARE_URL (:5106; empty: no care leavers' histories)
#   CARETRACKING_TOKEN  CARETRACKING_PG (optional: with psql on PATH, counts the events before and after)
# Exits non-zero, with the service's problem details, if any post is rejected.
set -euo pipefail

# shellcheck source=deploy/local/lib.sh
source "$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)/lib.sh"

case "${1:-}" in -h | --help) sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;; esac
command -v dotnet >/dev/null 2>&1 || die "the .NET SDK (dotnet) is not on PATH"

export CARETRACKING_PLACEMENTS_URL="${CARETRACKING_PLACEMENTS_URL:-http://127.0.0.1:5101}"
export CARETRACKING_MISSING_URL="${CARETRACKING_MISSING_URL:-http://127.0.0.1:5102}"
export CARETRACKING_REVIEWS_URL="${CARETRACKING_REVIEWS_URL:-http://127.0.0.1:5103}"
export CARETRACKING_INDICATORS_URL="${CARETRACKING_INDICATORS_URL-http://127.0.0.1:5104}"
export CARETRACKING_LEAVINGCARE_URL="${CARETRACKING_LEAVINGCARE_URL-http://127.0.0.1:5106}"
if [[ -z "${CARETRACKING_TOKEN:-}" ]]; then
  CARETRACKING_TOKEN="$("$CT_LIB_DIR/token.sh" 831 placements:write missing:write reviews:write reviews:read leavingcare:write indicators:read)"
fi
export CARETRACKING_TOKEN
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

PROJECT="$REPO_ROOT/tools/CareTracking.DemoData/CareTracking.DemoData.csproj"

# event_count: events in the store, when CARETRACKING_PG is set and psql is available (else empty).
event_count() {
  [[ -n "${CARETRACKING_PG:-}" ]] && command -v psql >/dev/null 2>&1 || return 0
  local part key value host="" port="" user="" password="" db=""
  IFS=';' read -ra parts <<<"$CARETRACKING_PG"
  for part in "${parts[@]}"; do
    key="${part%%=*}" value="${part#*=}"
    case "${key,,}" in
      host | server) host="$value" ;; port) port="$value" ;; username | "user id" | user) user="$value" ;;
      password) password="$value" ;; database) db="$value" ;;
    esac
  done
  PGPASSWORD="$password" psql -h "$host" -p "${port:-5432}" -U "$user" -d "$db" -XAtq \
    -c "select count(*) from eventstore.mt_events" 2>/dev/null || true
}

log "building the demo data generator (Release)"
timeout 600 dotnet build "$PROJECT" -c Release -nologo -v quiet </dev/null >/dev/null 2>&1 \
  || { dotnet build "$PROJECT" -c Release -nologo -v quiet </dev/null 2>&1 | tail -n 20 >&2; die "the demo data generator did not build"; }

# The rate per 10,000 needs the authority's population aged 0-17. The demo cohort is far smaller than a real
# council's, so the figure loaded is synthetic too (about 5,200 children, which puts the demo's rate near
# England's); a real authority loads its ONS mid-year estimates the same way.
# --plan posts nothing, so it loads no population either.
if [[ -n "$CARETRACKING_INDICATORS_URL" && " $* " != *" --plan "* ]]; then
  admin_token="$("$CT_LIB_DIR/token.sh" 831 admin)"
  population_csv="year,population"
  for year in $(seq 2016 2030); do population_csv+=$'\n'"$year,5200"; done
  if curl -fsS -o /dev/null -X POST "$CARETRACKING_INDICATORS_URL/api/indicators/reference/population" \
      -H "Authorization: Bearer $admin_token" -H "Content-Type: text/csv" --data-binary "$population_csv"; then
    log "loaded a synthetic population aged 0-17 (5,200 a year) for the rate per 10,000"
  else
    warn "could not load the demo population; the rate per 10,000 will show as unknown"
  fi
fi

before="$(event_count)"
dotnet run -c Release --no-build --project "$PROJECT" -- "$@"
after="$(event_count)"
if [[ -n "$before" && -n "$after" ]]; then
  log "events in the store: $before before, $after after"
fi
