#!/usr/bin/env bash
# Rotates the master key that wraps every child's data key (docs/security.md, "Keys"): one transaction, on the
# tables' owner; the children's keys and the events do not change, erased keys stay erased.
#
#   openssl rand -base64 32 > next.key
#   deploy/local/rotate-master-key.sh --current current.key --next next.key --dry-run   # every key opens; nothing changed
#   deploy/local/rotate-master-key.sh --current current.key --next next.key              # rotate
#   ... [--connection "Host=...;Username=<owner>;Password=...;Database=..."] [--schema eventstore]
#
# Then mount next.key as Privacy__MasterKeyFile and restart every service. Default database: the local stack's, as
# postgres. (The local stack runs in Development on the built-in development key, which has no file to pass.)
set -euo pipefail

# shellcheck source=deploy/local/lib.sh
source "$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)/lib.sh"

[[ $# -gt 0 ]] || { sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
command -v dotnet >/dev/null 2>&1 || die "dotnet is not installed (deploy/up.sh installs it)"
exec dotnet run -c Release --project "$REPO_ROOT/tools/CareTracking.MasterKey" -- "$@"
