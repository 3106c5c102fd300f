# The routing core learns (or forgets) that a destination is reached through the remote environment. In a
# real network a routing protocol would do this some time after the move; in the lab a test runs
# 'lab core-learn CIDR' when it wants the core to have learned. The learned route is a static route via the
# edge (site A's transit address $SITE_A_EDGE), which the product's RoutingCore adapter recognizes
# ('ip -j route get' gives gateway $SITE_A_EDGE), independently of any tunnel.

core_learn() {
  nsx core ip route replace "$1" via "$SITE_A_EDGE" dev core-edge proto static metric 10
  say "core routes $1 via the remote environment (edge $SITE_A_EDGE)"
}

core_forget() {
  nsx core ip route del "$1" via "$SITE_A_EDGE" dev core-edge proto static metric 10 2>/dev/null || true
  # Connected subnets come back as they were.
  local cidr
  for cidr in "$SUBNET1:core-s1:$GW1" "$SUBNET2:core-s2:$GW2"; do
    IFS=: read -r net dev src <<<"$cidr"
    nsx core ip route replace "$net" dev "$dev" proto kernel scope link src "$src"
  done
  say "core forgot $1"
}
