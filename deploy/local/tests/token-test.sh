#!/usr/bin/env bash
# Checks deploy/local/token.sh: argument validation, claims, and that the HS256 signature verifies against
# deploy/local/dev-signing-key.txt (recomputed here with openssl, independently of how token.sh did it).
set -euo pipefail
HERE="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)"
TOKEN="$HERE/../token.sh"
KEY="$(head -n1 "$HERE/../dev-signing-key.txt" | tr -d '\r\n')"
pass=0 fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }

b64url_decode() {
  local s="${1//-/+}"
  s="${s//_//}"
  case $((${#s} % 4)) in 2) s+="==" ;; 3) s+="=" ;; esac
  printf '%s' "$s" | openssl base64 -d -A
}
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

# --- bad input: usage on stderr, exit 2, nothing on stdout
for args in "" "831" "83 admin" "8310 admin" "abc admin" "831 admin:write" "831 admin bogus" "-1 admin"; do
  set +e
  # shellcheck disable=SC2086
  out="$("$TOKEN" $args 2>/tmp/token-test.err)"
  rc=$?
  set -e
  if [[ $rc -eq 2 && -z "$out" ]] && grep -q '^usage: token.sh' /tmp/token-test.err; then ok; else bad "args '$args': rc=$rc out='$out'"; fi
done
rm -f /tmp/token-test.err

# --- a good token
before="$(date +%s)"
tok="$("$TOKEN" 831 placements:write missing:write reviews:write reviews:read indicators:read admin admin)"
after="$(date +%s)"
IFS=. read -r h p s <<<"$tok"
[[ -n "$h" && -n "$p" && -n "$s" ]] && ok || bad "token has not three parts: $tok"
[[ "$tok" =~ ^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$ ]] && ok || bad "token is not base64url: $tok"

expected_sig="$(printf '%s.%s' "$h" "$p" | openssl dgst -sha256 -hmac "$KEY" -binary | b64url)"
[[ "$s" == "$expected_sig" ]] && ok || bad "signature does not verify"

wrong_sig="$(printf '%s.%s' "$h" "$p" | openssl dgst -sha256 -hmac "${KEY}x" -binary | b64url)"
[[ "$s" != "$wrong_sig" ]] && ok || bad "signature verifies with a different key"

header="$(b64url_decode "$h")"
payload="$(b64url_decode "$p")"
[[ "$header" == '{"alg":"HS256","typ":"JWT"}' ]] && ok || bad "header: $header"

claim() { # crude but sufficient: the payload is flat JSON written by token.sh
  local name="$1"
  sed -n "s/.*\"$name\":\\(\"[^\"]*\"\\|[0-9]*\\).*/\\1/p" <<<"$payload" | tr -d '"'
}
[[ "$(claim iss)" == caretracking-dev ]] && ok || bad "iss: $payload"
[[ "$(claim aud)" == caretracking ]] && ok || bad "aud: $payload"
[[ "$(claim sub)" == dev-client ]] && ok || bad "sub: $payload"
[[ "$(claim client_id)" == dev-client ]] && ok || bad "client_id: $payload"
[[ "$(claim authority)" == 831 ]] && ok || bad "authority: $payload"
[[ "$(claim scope)" == "placements:write missing:write reviews:write reviews:read indicators:read admin" ]] && ok || bad "scope (duplicates dropped): $payload"
iat="$(claim iat)" nbf="$(claim nbf)" exp="$(claim exp)" jti="$(claim jti)"
((iat >= before && iat <= after)) && ok || bad "iat $iat not in [$before, $after]"
((nbf == iat)) && ok || bad "nbf $nbf != iat $iat"
((exp == iat + 3600)) && ok || bad "exp $exp != iat + 1h"
[[ "$jti" =~ ^[0-9a-f]{32}$ ]] && ok || bad "jti: $jti"

tok2="$("$TOKEN" 831 admin)"
IFS=. read -r _ p2 _ <<<"$tok2"
[[ "$(b64url_decode "$p2" | sed 's/.*"jti":"\([^"]*\)".*/\1/')" != "$jti" ]] && ok || bad "jti repeated"

# --- cross-check with Python's hmac when present (an independent implementation)
if command -v python3 >/dev/null 2>&1; then
  if python3 - "$tok" "$KEY" <<'PY'
import base64, hashlib, hmac, json, sys
tok, key = sys.argv[1], sys.argv[2]
h, p, s = tok.split(".")
pad = lambda x: x + "=" * (-len(x) % 4)
sig = base64.urlsafe_b64decode(pad(s))
assert hmac.compare_digest(sig, hmac.new(key.encode(), f"{h}.{p}".encode(), hashlib.sha256).digest())
claims = json.loads(base64.urlsafe_b64decode(pad(p)))
assert claims["authority"] == "831" and claims["aud"] == "caretracking", claims
PY
  then ok; else bad "python verification"; fi
fi

if [[ $fail -eq 0 ]]; then echo "token-test: all $pass checks ok"; else echo "token-test: $fail of $((pass + fail)) checks FAILED"; fi
[[ $fail -eq 0 ]]
