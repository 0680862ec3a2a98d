#!/usr/bin/env bash
# Prints a signed development JWT (HS256) for the local CareTracking services.
#
#   deploy/local/token.sh AUTHORITY SCOPE...
#
#   AUTHORITY  the 3-digit local authority code the token is bound to (e.g. 831)
#   SCOPE      one or more of: placements:write placements:read missing:write missing:read reviews:write reviews:read
#              health:write health:read leavingcare:write leavingcare:read indicators:read returns:read admin operator ops:metrics
#
# Claims: iss "caretracking-dev", aud "caretracking", sub and client_id "dev-client", authority, scope
# (space-separated), iat, nbf, exp (now + 1 hour: the services refuse longer tokens, Auth:MaxTokenLifetime), jti (random). Signed with the key in
# deploy/local/dev-signing-key.txt (local development only; the same key is the services' Auth:SigningKey in
# Development). Needs only bash and openssl.
set -euo pipefail

SCRIPT_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)"
KEY_FILE="${CARETRACKING_SIGNING_KEY_FILE:-$SCRIPT_DIR/dev-signing-key.txt}"
ALLOWED_SCOPES=(placements:write placements:read missing:write missing:read reviews:write reviews:read health:write health:read leavingcare:write leavingcare:read indicators:read returns:read admin operator ops:metrics subject-access subject-access:erase)
LIFETIME_SECONDS=3600

usage() {
  {
    [[ $# -eq 0 ]] || echo "token.sh: $*"
    echo "usage: token.sh AUTHORITY SCOPE..."
    echo "  AUTHORITY: 3-digit local authority code, e.g. 831"
    echo "  SCOPE:     one or more of: ${ALLOWED_SCOPES[*]}"
    echo "example: token.sh 831 placements:write indicators:read"
  } >&2
  exit 2
}

[[ $# -ge 2 ]] || usage "need an authority and at least one scope"
authority="$1"
shift
[[ "$authority" =~ ^[0-9]{3}$ ]] || usage "authority must be a 3-digit LA code, got '$authority'"

scopes=()
for s in "$@"; do
  ok=0
  for a in "${ALLOWED_SCOPES[@]}"; do [[ "$s" == "$a" ]] && ok=1; done
  [[ "$ok" == 1 ]] || usage "unknown scope '$s'"
  dup=0
  for d in "${scopes[@]+"${scopes[@]}"}"; do [[ "$d" == "$s" ]] && dup=1; done
  [[ "$dup" == 1 ]] || scopes+=("$s")
done

command -v openssl >/dev/null 2>&1 || { echo "token.sh: openssl is needed (apt-get install -y openssl)" >&2; exit 1; }
[[ -r "$KEY_FILE" ]] || { echo "token.sh: signing key file not found: $KEY_FILE" >&2; exit 1; }
key="$(head -n1 "$KEY_FILE" | tr -d '\r\n')"
[[ ${#key} -ge 32 ]] || { echo "token.sh: signing key in $KEY_FILE is shorter than 32 characters" >&2; exit 1; }

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

now="$(date +%s)"
exp=$((now + LIFETIME_SECONDS))
jti="$(openssl rand -hex 16)"
scope="${scopes[*]}"

# Every value is validated above (digits, fixed scope names), so no JSON escaping is needed.
header='{"alg":"HS256","typ":"JWT"}'
payload="$(printf '{"iss":"caretracking-dev","aud":"caretracking","sub":"dev-client","client_id":"dev-client","authority":"%s","scope":"%s","iat":%d,"nbf":%d,"exp":%d,"jti":"%s"}' \
  "$authority" "$scope" "$now" "$now" "$exp" "$jti")"

signing_input="$(printf '%s' "$header" | b64url).$(printf '%s' "$payload" | b64url)"
signature="$(printf '%s' "$signing_input" | openssl dgst -sha256 -mac HMAC -macopt "key:$key" -binary | b64url)"
printf '%s.%s\n' "$signing_input" "$signature"
