#!/usr/bin/env bash
# The CareTracking test command.
#
#   deploy/test.sh [SOLUTION|PROJECT] [dotnet test args...]
#
# Without a path it tests CareTracking.sln (or CareTracking.slnx) at the repo root. It installs what the tests
# need when missing (Debian packages rabbitmq-server, postgresql-15, chromium, nodejs and npm), fails at once when
# `dotnet format --verify-no-changes` finds a file not formatted as .editorconfig says, starts the local
# PostgreSQL and RabbitMQ (deploy/local/infra.sh), runs `dotnet test -c Release`, prints
#   Tests: N passed, N failed, N skipped
# as its last line, and exits non-zero if dotnet test failed or no test ran. Infrastructure that was not
# running before is stopped again at the end (also on failure or interruption).
#
# Environment given to the tests:
#   CARETRACKING_TEST_PG        Host=127.0.0.1;Port=55432;Username=postgres;Password=postgres
#   CARETRACKING_TEST_AMQP      amqp://guest:guest@127.0.0.1:56720/
#   CARETRACKING_INFRA_SCRIPT   absolute path of deploy/local/infra.sh (e.g. `add-vhost NAME`)
#   CARETRACKING_CHROMIUM       /usr/bin/chromium (for Playwright's ExecutablePath)
# Knobs: CARETRACKING_TEST_TIMEOUT (seconds for dotnet test, default 4500); CI=true prints per-phase timing.
set -euo pipefail

# shellcheck source=deploy/local/lib.sh
CT_LOG_PREFIX=test.sh source "$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)/local/lib.sh"

INFRA="$REPO_ROOT/deploy/local/infra.sh"
TEST_TIMEOUT="${CARETRACKING_TEST_TIMEOUT:-4500}"
IS_CI=0
[[ "${CI:-}" == true || "${CI:-}" == 1 ]] && IS_CI=1

# ---- timing -------------------------------------------------------------------------------------------------
TIMINGS=()
phase_name="" phase_t0=0
phase() { # phase NAME: ends the previous phase, starts a new one
  phase_end
  phase_name="$1"
  phase_t0="$(date +%s.%N)"
  [[ "$IS_CI" == 0 ]] || log "== phase: $phase_name"
}
phase_end() {
  [[ -n "$phase_name" ]] || return 0
  local t1
  t1="$(date +%s.%N)"
  TIMINGS+=("$(printf '%-22s %7.1fs' "$phase_name" "$(awk -v a="$t1" -v b="$phase_t0" 'BEGIN { print a - b }')")")
  phase_name=""
}
print_timings() {
  [[ "$IS_CI" == 1 && ${#TIMINGS[@]} -gt 0 ]] || return 0
  log "timing per phase:"
  printf '  %s\n' "${TIMINGS[@]}"
}

# ---- what to test -------------------------------------------------------------------------------------------
TARGET=""
if [[ $# -gt 0 && "$1" != -* && ( -d "$1" || "$1" =~ \.(sln|slnx|csproj|fsproj|proj)$ ) ]]; then
  [[ -e "$1" ]] || die "no such solution or project: $1"
  TARGET="$(cd -- "$(dirname -- "$1")" && pwd -P)/$(basename -- "$1")"
  shift
else
  for candidate in "$REPO_ROOT/CareTracking.sln" "$REPO_ROOT/CareTracking.slnx"; do
    if [[ -f "$candidate" ]]; then TARGET="$candidate"; break; fi
  done
  [[ -n "$TARGET" ]] || die "there is no CareTracking.sln (or .slnx) at $REPO_ROOT yet; nothing to test. (To test something else: deploy/test.sh PATH/TO/X.sln|X.csproj)"
fi

command -v dotnet >/dev/null 2>&1 || die "the .NET SDK is not on PATH (dotnet); this repo needs the SDK pinned in global.json"
ensure_local_dirs

# ---- prerequisites ------------------------------------------------------------------------------------------
phase install
missing=()
[[ -x /usr/lib/postgresql/15/bin/postgres ]] || missing+=(postgresql-15)
[[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ]] || missing+=(rabbitmq-server)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
# The Indicators build installs its dashboard's chart library with npm.
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
if [[ ${#missing[@]} -gt 0 ]]; then apt_install "${missing[@]}"; else log "prerequisites present (postgresql-15, rabbitmq-server, chromium, npm)"; fi

# ---- formatting ---------------------------------------------------------------------------------------------
# Before anything starts: a formatting slip fails in about a minute, not after the tests. The whole of
# `dotnet format` (whitespace, the code style .editorconfig sets, e.g. the order of usings, and the analyzers'
# fixable warnings), not only whitespace.
phase "format check"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
FORMAT_LOG="$LOCAL_DIR/logs/format-last.log"
if ! dotnet format "$TARGET" --verify-no-changes >"$FORMAT_LOG" 2>&1; then
  grep -E ': (error|warning) ' "$FORMAT_LOG" | sed -E 's#^'"$REPO_ROOT"'/##; s# \[[^]]*\]$##' | head -20 >&2 || true
  die "files are not formatted as .editorconfig says (above; full list in $FORMAT_LOG). Fix with: dotnet format $(basename -- "$TARGET")"
fi
log "formatting matches .editorconfig (dotnet format --verify-no-changes)"

# ---- infrastructure -----------------------------------------------------------------------------------------
pg_was_running=0 rmq_was_running=0
"$INFRA" status pg >/dev/null 2>&1 && pg_was_running=1
"$INFRA" status rabbitmq >/dev/null 2>&1 && rmq_was_running=1
infra_touched=0
cleaned_up=0
cleanup() {
  [[ "$cleaned_up" == 0 ]] || return 0
  cleaned_up=1
  [[ "$infra_touched" == 1 ]] || return 0
  local rc=0
  if [[ "$rmq_was_running" == 0 ]]; then "$INFRA" stop rabbitmq || rc=1; fi
  if [[ "$pg_was_running" == 0 ]]; then "$INFRA" stop pg || rc=1; fi
  if [[ "$pg_was_running" == 1 || "$rmq_was_running" == 1 ]]; then
    log "left running what was already running before this test run"
  fi
  return "$rc"
}
trap 'cleanup || true' EXIT
trap 'log "interrupted"; exit 130' INT
trap 'log "terminated"; exit 143' TERM

phase "infra start"
infra_touched=1
"$INFRA" start

phase "deploy script checks"
"$REPO_ROOT/deploy/local/tests/token-test.sh"

# ---- dotnet test --------------------------------------------------------------------------------------------
phase "dotnet test"
export CARETRACKING_TEST_PG="$CT_PG_CONN_NODB"
export CARETRACKING_TEST_AMQP="$CT_AMQP_URI"
export CARETRACKING_INFRA_SCRIPT="$INFRA"
CARETRACKING_CHROMIUM="$(command -v chromium || true)"
export CARETRACKING_CHROMIUM
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export MSBUILDTERMINALLOGGER=off # plain per-assembly "Passed!/Failed!" lines, which are parsed below

TEST_LOG="$LOCAL_DIR/logs/test-last.log"
log "dotnet test $TARGET -c Release $* (output also in $TEST_LOG)"
set +e
timeout -k 60 "$TEST_TIMEOUT" dotnet test "$TARGET" -c Release "$@" 2>&1 </dev/null | tee "$TEST_LOG"
test_rc="${PIPESTATUS[0]}"
set -e
[[ "$test_rc" != 124 ]] || warn "dotnet test was stopped after ${TEST_TIMEOUT}s (CARETRACKING_TEST_TIMEOUT)"

# Per assembly (VSTest):  "Passed!  - Failed:     0, Passed:    12, Skipped:     0, Total:    12, Duration: ..."
read -r passed failed skipped assemblies < <(
  sed -E 's/\x1b\[[0-9;]*[A-Za-z]//g' "$TEST_LOG" | awk '
    match($0, /(Passed|Failed)!? +- +Failed: *[0-9]+, *Passed: *[0-9]+, *Skipped: *[0-9]+, *Total: *[0-9]+/) {
      line = substr($0, RSTART, RLENGTH)
      gsub(/[^0-9,]/, "", line)            # -> "F,P,S,T"
      split(line, n, ",")
      f += n[1]; p += n[2]; s += n[3]; a++
    }
    END { printf "%d %d %d %d\n", p, f, s, a }')
if [[ "$assemblies" == 0 ]]; then
  # Fallback: the terminal logger's one-line summary, "Test summary: total: N, failed: N, succeeded: N, skipped: N".
  read -r passed failed skipped < <(
    sed -E 's/\x1b\[[0-9;]*[A-Za-z]//g' "$TEST_LOG" | awk '
      /[Tt]est summary: *total: *[0-9]+/ {
        l = tolower($0)
        if (match(l, /failed: *[0-9]+/))    { t = substr(l, RSTART, RLENGTH); gsub(/[^0-9]/, "", t); f += t }
        if (match(l, /succeeded: *[0-9]+/)) { t = substr(l, RSTART, RLENGTH); gsub(/[^0-9]/, "", t); p += t }
        if (match(l, /skipped: *[0-9]+/))   { t = substr(l, RSTART, RLENGTH); gsub(/[^0-9]/, "", t); s += t }
      }
      END { printf "%d %d %d\n", p, f, s }')
fi

phase "infra stop"
cleanup_rc=0
cleanup || cleanup_rc=$?
phase_end
print_timings

status=0
if [[ "$test_rc" -ne 0 ]]; then
  log "dotnet test failed (exit code $test_rc); full output: $TEST_LOG"
  status="$test_rc"
elif ((passed + failed + skipped == 0)); then
  log "dotnet test ran no test; that counts as a failure"
  status=1
elif ((failed > 0)); then
  status=1
fi
[[ "$cleanup_rc" -eq 0 ]] || log "stopping the infrastructure reported a problem (see above)"
echo "Tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"
