#!/usr/bin/env bash
# Replays an endpoint's dead-lettered care messages (its <queue>_error) through their contract's exchange, the only
# source the consumers believe; a message shovelled straight back into its queue is refused again. Consumers that
# had applied a message drop it by its id, so running this twice is safe. docs/reliability.md, item 4.
#
#   deploy/local/replay-dead-letters.sh --queue missingepisodes-care-messages_error --list   # ids, contracts, reasons
#   deploy/local/replay-dead-letters.sh --queue missingepisodes-care-messages_error          # replay them, in order
#   ... [--max N] [--uri amqp://admin:PASSWORD@host:port/vhost] [--password-file FILE]
#
# Default broker: the local one (127.0.0.1:56720, vhost "/") as its administrator. Elsewhere pass --uri with a user
# that may read the error queue and write the contract exchanges (the broker's administrator).
set -euo pipefail

# shellcheck source=deploy/local/lib.sh
source "$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)/lib.sh"

[[ $# -gt 0 ]] || { sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
command -v dotnet >/dev/null 2>&1 || die "dotnet is not installed (deploy/up.sh installs it)"
CT_AMQP_URI="$CT_AMQP_URI" exec dotnet run -c Release --project "$REPO_ROOT/tools/CareTracking.DeadLetters" -- "$@"
