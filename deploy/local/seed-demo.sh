#!/usr/bin/env bash
# Posts the synthetic demo history (tools/CareTracking.DemoData) to a running stack: about 120 made-up
# children of one authority (the token's), 2014-2020 long-stayers plus one entering care every few weeks
# from April 2020, with moves, endings, missing episodes, IRO allocations, reviews and health records (assessments,
# immunisations, dental and development checks, SDQs, ...) up to yesterday.
# Every post carries a name-based event id, so running it again appends nothing (the services answer retries).
#
#   deploy/local/seed-demo.sh [--seed N] [--as-of YYYY-MM-DD] [--parallel N] [--plan]
#
# up.sh runs it with the variables below set; run alone, it defaults to the up.sh ports and mints a
# development token for authority 831:
#   CARETRACKING_PLACEMENTS_URL (http://127.0.0.1:5101)  CARETRACKING_MISSING_URL (:5102)
#   CARETRACKING_REVIEWS_URL (:5103)  CARETRACKING_INDICATORS_URL (:5104; the committee headlines at the end)
#   CARETRACKING_HEALTH_URL (:5105; set it empty to leave the health histories out)
#   CARETRACKING_LEAVINGCARE_URL (:5106; empty: no care leavers' histories)
#   CARETRACKING_TOKEN  CARETRACKING_POPULATION_TOKEN (admin, for the synthetic population; minted if unset)
#   CARETRACKING_PG (optional: with psql on PATH, counts the events before and after)
# Exits non-zero, with the service's problem details, if any post is rejected.
set -euo pipefail

# shellcheck source=deploy/local/lib.sh
source "$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)/lib.sh"

case "${1:-}" in -h | --help) sed -n '2,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;; esac
command -v dotnet >/dev/null 2>&1 || die "the .NET SDK (dotnet) is not on PATH"

export CARETRACKING_PLACEMENTS_URL="${CARETRACKING_PLACEMENTS_URL:-http://127.0.0.1:5101}"
export CARETRACKING_MISSING_URL="${CARETRACKING_MISSING_URL:-http://127.0.0.1:5102}"
export CARETRACKING_REVIEWS_URL="${CARETRACKING_REVIEWS_URL:-http://127.0.0.1:5103}"
export CARETRACKING_INDICATORS_URL="${CARETRACKING_INDICATORS_URL-http://127.0.0.1:5104}"
export CARETRACKING_LEAVINGCARE_URL="${CARETRACKING_LEAVINGCARE_URL-http://127.0.0.1:5106}"

# Health demo data (tools/CareTracking.DemoData/HealthHistory.cs): posted to the Health service, whose URL this
# sets; the token needs health:write (and health:read to look).
health_demo() {
  export CARETRACKING_HEALTH_URL="${CARETRACKING_HEALTH_URL-http://127.0.0.1:5105}"
  HEALTH_SCOPES=(health:write health:read)
}
health_demo

if [[ -z "${CARETRACKING_TOKEN:-}" ]]; then
  CARETRACKING_TOKEN="$("$CT_LIB_DIR/token.sh" 831 placements:write missing:write reviews:write reviews:read leavingcare:write indicators:read "${HEALTH_SCOPES[@]}")"
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

# The rate per 10,000 needs the authority's population aged 0-17: the tool loads a synthetic one into Indicators
# (DemoPopulation.cs) with this admin token, after it has checked its options, so a bad option posts nothing.
if [[ -n "$CARETRACKING_INDICATORS_URL" && -z "${CARETRACKING_POPULATION_TOKEN:-}" ]]; then
  CARETRACKING_POPULATION_TOKEN="$("$CT_LIB_DIR/token.sh" 831 admin)"
fi
export CARETRACKING_POPULATION_TOKEN="${CARETRACKING_POPULATION_TOKEN:-}"

before="$(event_count)"
dotnet run -c Release --no-build --project "$PROJECT" -- "$@"
after="$(event_count)"
if [[ -n "$before" && -n "$after" ]]; then
  log "events in the store: $before before, $after after"
fi
