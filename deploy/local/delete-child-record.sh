#!/usr/bin/env bash
# Deletes one child's whole record where no legal obligation keeps it, on the data protection officer's decision
# (docs/security.md, "Deleting a record entered in error"): audited, the key erased, every service's events and
# read-model rows deleted, in one transaction as the tables' owner.
#
#   deploy/local/delete-child-record.sh --authority 831 --child C123 --reason entered-in-error --decided-by "J Smith (DPO)" --dry-run
#   deploy/local/delete-child-record.sh --authority 831 --child C123 --reason entered-in-error --decided-by "J Smith (DPO)"
#   ... --reason ordered (a court or the Information Commissioner ordered erasure)
#   ... [--connection "Host=...;Username=<owner>;Password=...;Database=..."] [--schema eventstore]
#
# Prints counts only, never the child's id. A second run says nothing is left. Records kept by law until the 75th
# birthday go by the retention rule instead (POST /api/subject-access/retention/erasure).
set -euo pipefail

# shellcheck source=deploy/local/lib.sh
source "$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)/lib.sh"

[[ $# -gt 0 ]] || { sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
command -v dotnet >/dev/null 2>&1 || die "dotnet is not installed (deploy/up.sh installs it)"
exec dotnet run -c Release --project "$REPO_ROOT/tools/CareTracking.RecordDeletion" -- "$@"
