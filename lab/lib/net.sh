# Namespaces, bridges and links. Every link is created directly inside its namespaces (never in the root one).
#
#             wan (br-wan, 203.0.113.0/24)
#            /                            \
#   site-a (wan0 .1)                   site-b (wan0 .2)
#   br-s1 192.0.2.2/26  br-s2 .66/26    br-s1 / br-s2 (anycast gateway .1/.65 with the core's MACs)
#     |  \                |               (arriving VMs; routes to the secure side only through IPsec)
#     |   core-s1 .1    core-s2 .65
#     |        \        /
#   edge-core .2 -- core (router; edge 198.51.100.1, legacy service 198.51.100.10)
#   probe .20 on site A's br-s1: a plain peer of subnet 1 that benchmarks use to ping a VM (lab probe-start)

link() { # link NS_A IF_A NS_B IF_B: a veth pair between two namespaces
  nsx "$1" ip link show "$2" >/dev/null 2>&1 && return 0
  ip link add "$2" netns "$(ns "$1")" type veth peer name "$4" netns "$(ns "$3")"
}

bridge() { # bridge NS NAME [MAC]
  nsx "$1" ip link show "$2" >/dev/null 2>&1 || nsx "$1" ip link add "$2" type bridge
  [ -z "${3:-}" ] || nsx "$1" ip link set "$2" address "$3"
  nsx "$1" ip link set "$2" up
}

addr() { # addr NS IF CIDR
  nsx "$1" ip addr replace "$3" dev "$2"
  nsx "$1" ip link set "$2" up
}

sysctl_ns() { nsx "$1" sysctl -qw "$2" >/dev/null; }

net_up() {
  local n
  for n in $LAB_NAMESPACES; do
    ns_exists "$n" || ip netns add "$(ns "$n")"
    nsx "$n" ip link set lo up
  done
  # The untrusted WAN: one bridge, both sites' uplinks on it. Tests capture here.
  bridge wan br-wan
  link wan wan-a site-a wan0
  link wan wan-b site-b wan0
  nsx wan ip link set wan-a master br-wan up
  nsx wan ip link set wan-b master br-wan up
  addr site-a wan0 "${WAN_ADDR[site-a]}/24"
  addr site-b wan0 "${WAN_ADDR[site-b]}/24"

  # Site A: the secure environment's host with its two VM subnets.
  bridge site-a br-s1
  bridge site-a br-s2
  addr site-a br-s1 "$SITE_A_S1/26"
  addr site-a br-s2 "$SITE_A_S2/26"
  # The routing core: one leg in each subnet (the guests' gateways), one transit link to site A's edge.
  link core core-s1 site-a s1-core
  link core core-s2 site-a s2-core
  link core core-edge site-a edge-core
  nsx site-a ip link set s1-core master br-s1 up
  nsx site-a ip link set s2-core master br-s2 up
  nsx core ip link set core-s1 address "$GW1_MAC"
  nsx core ip link set core-s2 address "$GW2_MAC"
  addr core core-s1 "$GW1/26"
  addr core core-s2 "$GW2/26"
  addr core core-edge "$CORE_EDGE/30"
  addr site-a edge-core "$SITE_A_EDGE/30"
  nsx core ip addr replace "$LEGACY/32" dev lo
  # The probe: an ordinary peer of subnet 1 (the core's own addresses are anycast at site B, so the core itself
  # cannot reach a moved VM), independent of the guests' own logs.
  link probe probe0 site-a s1-probe
  nsx site-a ip link set s1-probe master br-s1 up
  addr probe probe0 "$PROBE_IP/26"
  nsx probe ip route replace default via "$GW1"
  nsx site-a ip route replace "$LEGACY/32" via "$CORE_EDGE"

  # Site B: arriving VMs find their gateway addresses (and MACs) here; proxy ARP answers for the secure side.
  bridge site-b br-s1 "$GW1_MAC"
  bridge site-b br-s2 "$GW2_MAC"
  nsx site-b ip addr replace "$GW1/32" dev br-s1
  nsx site-b ip addr replace "$GW2/32" dev br-s2
  # The untrusted path: without IPsec, site B would send secure-side traffic in clear over the WAN. The
  # product must never let that happen; the WAN capture of the end-to-end test checks it.
  nsx site-b ip route replace 192.0.2.0/24 via "${WAN_ADDR[site-a]}" dev wan0 metric 500
  nsx site-b ip route replace 198.51.100.0/24 via "${WAN_ADDR[site-a]}" dev wan0 metric 500

  for n in site-a site-b core; do
    sysctl_ns "$n" net.ipv4.ip_forward=1
    sysctl_ns "$n" net.ipv4.ip_nonlocal_bind=1
  done
  for b in br-s1 br-s2; do
    sysctl_ns site-b "net.ipv4.conf.$b.proxy_arp=1"
    sysctl_ns site-a "net.ipv4.conf.$b.proxy_arp=0"
  done
  # Bridged frames must not go through the IP hooks (br_netfilter, when the kernel has it loaded): the product's
  # fail-closed guard filters routed traffic only, and would otherwise also drop frames bridged inside a site.
  for n in site-a site-b core; do
    for f in iptables ip6tables arptables; do
      nsx "$n" sh -c "[ ! -e /proc/sys/net/bridge/bridge-nf-call-$f ] || echo 0 > /proc/sys/net/bridge/bridge-nf-call-$f"
    done
  done
  return 0
}

net_down() {
  local n
  for n in $LAB_NAMESPACES; do
    if ns_exists "$n"; then ip netns del "$(ns "$n")"; fi
  done
}
