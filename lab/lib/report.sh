# What runs where (status) and what the traffic saw (gaps).

lab_status() {
  local site
  echo "namespaces: $(ip netns list | awk '{print $1}' | grep -E "^${P}(wan|site-a|site-b|core)$" | tr '\n' ' ')"
  for site in $SITES; do
    local d uri
    d=$(site_dir "$site")
    uri=$(libvirt_uri "$site")
    echo "== $site (environment ${ENV_OF[$site]}, WAN ${WAN_ADDR[$site]})"
    echo "   libvirt: $uri ($(alive "$d/run/libvirtd.pid" && echo running || echo DOWN))"
    echo "   peer:    $(peer_uri "$site")   migration: tls://${WAN_ADDR[$site]}"
    echo "   guests:  $(virsh -c "$uri" list --name 2>/dev/null | grep -v '^$' | tr '\n' ' ')"
    echo "   charon:  unix://$d/run/charon.vici ($(alive "$d/run/charon.pid" && echo running || echo DOWN))"
    if alive "$d/run/charon.pid"; then
      swanctl --list-sas --uri "unix://$d/run/charon.vici" 2>/dev/null | sed 's/^/     /' | head -80
    fi
    # the product's fail-closed guard (counters show what it dropped) and where traffic is steered
    echo "   guard:"
    nsx "$site" nft list table inet slm_guard 2>/dev/null | grep -E 'drop|chain' | sed 's/^[[:space:]]*/     /'
    echo "   routes (table 220) and rules:"
    nsx "$site" ip route show table 220 2>/dev/null | sed 's/^/     /'
    nsx "$site" ip rule show 2>/dev/null | sed 's/^/     /'
  done
  echo "== core: routes"
  nsx core ip route show 2>/dev/null | sed 's/^/   /'
  echo "== legacy service $LEGACY:9000 ($(alive "$S/run/legacy.pid" && echo running || echo DOWN)), sessions:"
  nsx core ss -tn state established "( sport = :9000 )" 2>/dev/null | sed 's/^/   /'
}

# Longest gap per (receiver, sender, kind) in the console logs, within an optional time window.
lab_gaps() {
  python3 "$LAB_DIR/lib/gaps.py" "$S/console" "$@"
}
