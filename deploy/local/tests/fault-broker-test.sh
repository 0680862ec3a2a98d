#!/usr/bin/env bash
# Checks deploy/local/fault-broker.sh: two checkouts run their private fault nodes at the same time (a fixed port
# 56730 and one node name made the second fail while the first ran broker-outage tests), and a stop and start
# give the same URI. The second checkout is a copy of deploy/local in a temporary directory. Needs root, like
# the script itself; takes two node start-ups (~20-60 s).
set -euo pipefail
HERE="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)"
A="$HERE/../fault-broker.sh"
OTHER="$(mktemp -d /tmp/ct-fault-checkout.XXXXXX)"
mkdir -p "$OTHER/deploy/local"
cp "$HERE/../lib.sh" "$HERE/../fault-broker.sh" "$OTHER/deploy/local/"
B="$OTHER/deploy/local/fault-broker.sh"
cleanup() { "$B" reset >/dev/null 2>&1 || true; "$A" stop >/dev/null 2>&1 || true; rm -rf -- "$OTHER"; }
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
listening() { ss -Hltn "sport = :$1" 2>/dev/null | grep -q .; }
port_of() { sed -E 's#.*:([0-9]+)/$#\1#' <<<"$1"; }

unset CT_FAULT_RMQ_PORT
uri_a="$("$A" start | tail -n1)"
uri_b="$("$B" start | tail -n1)"
[[ "$uri_a" =~ ^amqp://guest:guest@127\.0\.0\.1:[0-9]+/$ ]] || fail "checkout A's URI: '$uri_a'"
[[ "$uri_b" =~ ^amqp://guest:guest@127\.0\.0\.1:[0-9]+/$ ]] || fail "checkout B's URI: '$uri_b'"
[[ "$uri_a" != "$uri_b" ]] || fail "both checkouts got $uri_a"
listening "$(port_of "$uri_a")" || fail "A's node does not listen on $(port_of "$uri_a")"
listening "$(port_of "$uri_b")" || fail "B's node does not listen on $(port_of "$uri_b")"
"$A" status >/dev/null || fail "A's node is not running while B's runs"

"$B" stop >/dev/null
listening "$(port_of "$uri_b")" && fail "B's node still listens after stop"
again="$("$B" start | tail -n1)"
[[ "$again" == "$uri_b" ]] || fail "B's URI changed across a restart: $uri_b then $again"
"$A" status >/dev/null || fail "A's node stopped when B's restarted"
echo "fault-broker-test: two checkouts at once ($uri_a and $uri_b), same URI after a restart: ok"
