#!/usr/bin/env bash
# Seals the personal text of events stored before sealing began, so that erasure reaches it (docs/security.md,
# "Erasure"): in mt_events and in Indicators' copy (ind_events), in committed batches, on the tables' owner.
#
#   deploy/local/reseal-personal-text.sh --development-key --dry-run   # counts per authority and event type; nothing changed
#   deploy/local/reseal-personal-text.sh --development-key             # re-seal (run again after a kill to finish)
#   ... --master-key master.key instead of --development-key outside the local stack (the services' Privacy__MasterKeyFile)
#   ... [--authority 831] [--batch-size 500] [--connection "Host=...;Username=<owner>;Password=...;Database=..."] [--schema eventstore]
#
# A second run with nothing left says so and changes nothing. Prints counts only, never a value or a child id.
# Default database: the local stack's, as postgres (which runs in Development on the built-in development key).
set -euo pipefail

# shellcheck source=deploy/local/lib.sh
source "$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)/lib.sh"

[[ $# -gt 0 ]] || { sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
command -v dotnet >/dev/null 2>&1 || die "dotnet is not installed (deploy/up.sh installs it)"
exec dotnet run -c Release --project "$REPO_ROOT/tools/CareTracking.Reseal" -- "$@"
