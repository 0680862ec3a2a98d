#!/usr/bin/env bash
# The broker's TLS material for a local or compose stack: a CA, the broker's certificate and one client certificate
# per client, all made in one go, after which the CA's key is deleted (nothing more can be issued under it; a lost
# file means a new CA: delete DIR and run again). Idempotent: when every file is there it changes nothing.
#
#   deploy/broker/make-tls.sh DIR SERVER_NAMES CLIENT...
#
#   SERVER_NAMES  the broker's names, comma-separated, DNS names or IP addresses (the first is its CN):
#                 "localhost,127.0.0.1" locally, "rabbitmq" in docker-compose
#   CLIENT        a client's name (its certificate's CN), e.g. ct-placements
#
# Writes DIR/ca.pem (what clients trust, and what the broker checks client certificates against),
# DIR/server.pem and DIR/server.key (the broker's), and for each client DIR/clients/CLIENT.p12 (certificate and key,
# PKCS #12, for RabbitMq:Tls:ClientCertificateFile) with its password in DIR/clients/CLIENT.pass
# (RabbitMq:Tls:ClientCertificatePasswordFile). Keys and passwords are 0600; needs openssl.
set -euo pipefail

die() { printf '[make-tls] ERROR: %s\n' "$*" >&2; exit 1; }

[[ $# -ge 3 ]] || { sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
dir="$1" names="$2"
shift 2
clients=("$@")
for c in "${clients[@]}"; do
  [[ "$c" =~ ^[A-Za-z0-9._-]+$ ]] || die "a client name is letters, digits, '.', '_' and '-': '$c'"
done

complete() {
  local c
  [[ -s "$dir/ca.pem" && -s "$dir/server.pem" && -s "$dir/server.key" ]] || return 1
  for c in "${clients[@]}"; do
    [[ -s "$dir/clients/$c.p12" && -s "$dir/clients/$c.pass" ]] || return 1
  done
}
if complete; then
  exit 0
fi

command -v openssl >/dev/null 2>&1 || die "openssl is needed for the broker's TLS certificates: apt-get install -y openssl"
san=""
IFS=',' read -r -a name_list <<<"$names"
for n in "${name_list[@]}"; do
  if [[ "$n" =~ ^[0-9.]+$ ]]; then san+="IP:$n,"; else san+="DNS:$n,"; fi
done
san="${san%,}"

# Made in a scratch directory and moved in whole: a run killed half-way leaves DIR as it was.
work="$(mktemp -d "${dir%/}.new.XXXXXX")"
trap 'rm -rf "$work"' EXIT
(
  cd "$work"
  umask 077
  mkdir clients
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=CareTracking broker CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -keyout ca.key -out ca.pem 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=${name_list[0]}" -keyout server.key -out server.csr 2>/dev/null
  printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n' "$san" >server.ext
  openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 825 -sha256 -extfile server.ext \
    -out server.pem 2>/dev/null
  printf 'extendedKeyUsage=clientAuth\nbasicConstraints=CA:FALSE\n' >client.ext
  for c in "${clients[@]}"; do
    openssl req -newkey rsa:2048 -nodes -subj "/CN=$c" -keyout "clients/$c.key" -out "clients/$c.csr" 2>/dev/null
    openssl x509 -req -in "clients/$c.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -days 825 -sha256 \
      -extfile client.ext -out "clients/$c.pem" 2>/dev/null
    openssl rand -hex 24 >"clients/$c.pass"
    openssl pkcs12 -export -in "clients/$c.pem" -inkey "clients/$c.key" -name "$c" \
      -passout "file:clients/$c.pass" -out "clients/$c.p12"
    rm -f "clients/$c.key" "clients/$c.csr" "clients/$c.pem"
  done
  rm -f ca.key ca.srl server.csr server.ext client.ext
  chmod 644 ca.pem server.pem
) || die "could not make the broker's TLS certificates with openssl"
rm -rf "$dir"
mv "$work" "$dir"
trap - EXIT
chmod 700 "$dir"
