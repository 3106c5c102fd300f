# One strongSwan charon per site, in the site's network namespace with a private /run. kernel-libipsec
# (userspace ESP over a TUN device) because this kernel has no ESP; no 'forecast' (it floods the bridges).
# The product loads connections, certificates and keys through the VICI socket $S/<site>/run/charon.vici;
# the lab only starts the daemon and provides the site's updown hook ($S/<site>/updown.sh).

charon_up() {
  local site=$1 d
  d=$(site_dir "$site")
  mkdir -p "$d/run" "$d/log"
  if alive "$d/run/charon.pid" && swanctl --stats --uri "unix://$d/run/charon.vici" >/dev/null 2>&1; then
    return 0
  fi
  cat >"$d/strongswan.conf" <<CONF
charon {
  load = random nonce aes sha1 sha2 hmac pem pkcs1 pkcs8 x509 revocation constraints gmp kdf kernel-libipsec kernel-netlink socket-default vici updown
  install_virtual_ip = no
  filelog {
    lab {
      path = $d/log/charon.log
      time_format = %F %T
      flush_line = yes
      default = 1
      ike = 1
      knl = 1
    }
  }
  syslog {
    daemon {
      default = -1
    }
  }
  plugins {
    vici {
      socket = unix://$d/run/charon.vici
    }
  }
}
CONF
  rm -f "$d/run/charon.vici"
  local run="mount -t tmpfs tmpfs /run && mkdir -p /run/strongswan && STRONGSWAN_CONF=$d/strongswan.conf exec /usr/lib/ipsec/charon"
  setsid ip netns exec "$(ns "$site")" unshare -m --propagation private sh -c "$run" >"$d/log/charon.out" 2>&1 </dev/null &
  echo $! >"$d/run/charon.pid"
  wait_for 20 swanctl --stats --uri "unix://$d/run/charon.vici" \
    || die "charon on $site does not answer on $d/run/charon.vici (see $d/log)"
}

charon_down() {
  local d
  d=$(site_dir "$1")
  if alive "$d/run/charon.pid"; then
    kill "$(cat "$d/run/charon.pid")" 2>/dev/null || true
    wait_for 10 sh -c "! kill -0 $(cat "$d/run/charon.pid") 2>/dev/null" || kill -9 "$(cat "$d/run/charon.pid")" 2>/dev/null || true
  fi
  rm -f "$d/run/charon.vici"
}

charon_stop() { charon_down "$1"; say "charon on $1 stopped"; }
charon_start() { charon_up "$1"; say "charon on $1 started"; }
