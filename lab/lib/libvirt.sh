# One libvirtd (+ virtlogd) per site, inside the site's network namespace and a private mount namespace:
# its own /run, /var/lib/libvirt, /var/cache/libvirt, /var/log/libvirt and /etc/libvirt (so each site has its
# own qemu.conf and its own persistent domains). The socket lives under $S/<site>/run, reachable from outside.
# libvirtd listens on the WAN with TLS only; QEMU migrates with TLS (migrate_tls_x509_cert_dir).

libvirt_up() {
  local site=$1 d
  d=$(site_dir "$site")
  if alive "$d/run/libvirtd.pid" && virsh -c "$(libvirt_uri "$site")" version >/dev/null 2>&1; then
    return 0
  fi
  mkdir -p "$d/lib" "$d/cache" "$d/log" "$d/run" "$d/etc/qemu" "$d/runstate"
  # mount points for the private copies (a fresh machine may lack some until libvirt first runs)
  mkdir -p /var/lib/libvirt /var/cache/libvirt /var/log/libvirt /etc/libvirt
  cat >"$d/etc/libvirtd.conf" <<CONF
unix_sock_dir = "$d/run"
unix_sock_group = "root"
unix_sock_rw_perms = "0700"
auth_unix_rw = "none"
auth_unix_ro = "none"
listen_tcp = 0
listen_tls = 1
listen_addr = "${WAN_ADDR[$site]}"
auth_tls = "none"
key_file = "$S/pki/$site.key"
cert_file = "$S/pki/$site.crt"
ca_file = "$S/pki/ca.crt"
tls_no_verify_certificate = 0
keepalive_interval = 5
keepalive_count = 5
log_outputs = "3:file:$d/log/libvirtd.log"
CONF
  cat >"$d/etc/qemu.conf" <<CONF
user = "root"
group = "root"
security_driver = "none"
migrate_tls_x509_cert_dir = "$S/pki/$site-qemu"
migrate_tls_x509_verify = 1
migration_address = "${WAN_ADDR[$site]}"
CONF
  cat >"$d/etc/virtlogd.conf" <<CONF
log_outputs = "3:file:$d/log/virtlogd.log"
CONF
  rm -f "$d/run/libvirt-sock" "$d/run/libvirt-sock-ro" "$d/run/libvirt-admin-sock"
  # virtlogd carries the guests' console output: a libvirtd restart must leave it running
  local logd="virtlogd -d -p $d/run/virtlogd.pid -f /etc/libvirt/virtlogd.conf &&"
  if alive "$d/run/virtlogd.pid"; then logd=""; fi
  # /run/libvirt (the running domains' status) lives in the state folder, so that a restarted libvirtd finds
  # and reattaches to the QEMU processes that kept running
  local run="mount -t tmpfs tmpfs /run && mkdir -p /run/libvirt /run/lock && mount --bind $d/runstate /run/libvirt \
    && mount --bind $d/lib /var/lib/libvirt && mount --bind $d/cache /var/cache/libvirt \
    && mount --bind $d/log /var/log/libvirt && mount --bind $d/etc /etc/libvirt \
    && mkdir -p /var/lib/libvirt/qemu /var/cache/libvirt/qemu \
    && $logd exec libvirtd -d -l -p $d/run/libvirtd.pid -f /etc/libvirt/libvirtd.conf"
  nsx "$site" unshare -m --propagation private sh -c "$run" >"$d/log/start.out" 2>&1 \
    || die "libvirtd on $site did not start: $(cat "$d/log/start.out")"
  wait_for 30 virsh -c "$(libvirt_uri "$site")" version || die "libvirtd on $site does not answer (see $d/log)"
}

libvirt_uri() { echo "qemu+unix:///system?socket=$(site_dir "$1")/run/libvirt-sock"; }
peer_uri() { echo "qemu+tls://${WAN_ADDR[$1]}/system?pkipath=$S/pki/libvirt-client"; }

libvirt_down() {
  local site=$1 d f
  d=$(site_dir "$site")
  # Guests first (QEMU processes run in the site's namespaces), then the daemons.
  if [ -S "$d/run/libvirt-sock" ]; then
    for f in $(virsh -c "$(libvirt_uri "$site")" list --name 2>/dev/null); do
      virsh -c "$(libvirt_uri "$site")" destroy "$f" >/dev/null 2>&1 || true
    done
  fi
  for f in libvirtd virtlogd; do
    if alive "$d/run/$f.pid"; then kill "$(cat "$d/run/$f.pid")" 2>/dev/null || true; fi
  done
}

# Restarts a site's libvirtd without touching its guests (QEMU keeps running; libvirtd reattaches on start).
libvirtd_restart() {
  local site=$1 d pid
  d=$(site_dir "$site")
  if alive "$d/run/libvirtd.pid"; then
    pid=$(cat "$d/run/libvirtd.pid")
    kill "$pid"
    wait_for 20 sh -c "! kill -0 $pid 2>/dev/null" || kill -9 "$pid" 2>/dev/null || true
  fi
  sleep 0.5
  libvirt_up "$site"
  say "libvirtd on $site restarted"
}
