#!/bin/sh
# Usage: charon-up.sh NS DIR [--foreground]
# Starts a real charon inside network namespace NS, with its state in DIR:
#   DIR/strongswan.conf, DIR/charon.vici (the vici socket, reachable from outside the namespace),
#   DIR/charon.log, DIR/charon.pid. Installs strongSwan from Debian if missing.
# Without --foreground charon is detached and the script returns once charon answers on its socket;
# with --foreground the script execs into charon (for a caller that supervises and reaps it).
# charon gets a private /run (tmpfs in its own mount namespace) so that several charons coexist.
set -eu
NS=$1
DIR=$2
if [ "$(id -u)" != 0 ]; then
  echo "charon-up.sh needs root (network namespaces, charon)" >&2
  exit 2
fi
mkdir -p "$DIR"
if [ ! -x /usr/lib/ipsec/charon ] || [ ! -e /usr/lib/ipsec/plugins/libstrongswan-kernel-libipsec.so ] \
   || ! command -v ip >/dev/null || ! command -v ps >/dev/null \
   || ! command -v swanctl >/dev/null; then
  # a bare machine may have no package lists yet: update once and retry
  pkgs="strongswan-charon strongswan-swanctl libcharon-extra-plugins iproute2 procps"
  export DEBIAN_FRONTEND=noninteractive
  { apt-get install -y -q $pkgs || { apt-get update -q && apt-get install -y -q $pkgs; }; } >"$DIR/apt.log" 2>&1
fi
# alive = exists and is no zombie (a killed charon may linger as a zombie until someone reaps it)
alive() {
  state=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
  case "$state" in Z*) return 1 ;; esac
}
if [ -f "$DIR/charon.pid" ] && alive "$(cat "$DIR/charon.pid")"; then
  echo "charon already runs in $NS (pid $(cat "$DIR/charon.pid"))"
  exit 0
fi
# no 'forecast' (it floods a veth with multicast); kernel-libipsec because this kernel has no ESP
cat >"$DIR/strongswan.conf" <<CONF
charon {
  load = random nonce aes sha1 sha2 hmac pem pkcs1 pkcs8 x509 revocation gmp kdf kernel-libipsec kernel-netlink socket-default vici updown
  install_virtual_ip = no
  filelog {
    lab {
      path = $DIR/charon.log
      time_format = %T
      flush_line = yes
      default = 1
    }
  }
  syslog {
    daemon {
      default = -1
    }
  }
  plugins {
    vici {
      socket = unix://$DIR/charon.vici
    }
  }
}
CONF
rm -f "$DIR/charon.vici"
RUN="mount -t tmpfs tmpfs /run && mkdir -p /run/strongswan && STRONGSWAN_CONF=$DIR/strongswan.conf exec /usr/lib/ipsec/charon"
if [ "${3:-}" = "--foreground" ]; then
  # the caller (the lab test) owns charon: this shell becomes charon (same pid), the caller reaps it
  echo $$ >"$DIR/charon.pid"
  exec ip netns exec "$NS" unshare -m sh -c "$RUN"
fi
setsid ip netns exec "$NS" unshare -m sh -c "$RUN" >"$DIR/charon.out" 2>&1 </dev/null &
echo $! >"$DIR/charon.pid"
i=0
while [ ! -S "$DIR/charon.vici" ]; do
  i=$((i + 1))
  if [ $i -gt 100 ] || ! alive "$(cat "$DIR/charon.pid")"; then
    echo "charon in $NS did not open $DIR/charon.vici; its output:" >&2
    cat "$DIR/charon.out" "$DIR/charon.log" >&2 2>/dev/null || true
    exit 1
  fi
  sleep 0.1
done
# the socket file appears at bind(), a moment before charon listens: wait until it answers
until swanctl --stats --uri "unix://$DIR/charon.vici" >/dev/null 2>&1; do
  i=$((i + 1))
  if [ $i -gt 100 ]; then
    echo "charon in $NS does not answer on $DIR/charon.vici" >&2
    exit 1
  fi
  sleep 0.1
done
echo "charon runs in $NS (pid $(cat "$DIR/charon.pid")), vici at unix://$DIR/charon.vici"
