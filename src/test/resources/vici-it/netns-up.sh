#!/bin/sh
# (a port-less bridge carries the tunnel subnet: this kernel has no dummy interfaces)
# Two network namespaces for the VICI lab test, joined by a veth (documentation addresses only):
#   vici-it : 203.0.113.1/29 on vici-a, tunnel subnet 198.51.100.0/28  (bridge vici-net, 198.51.100.1)
#   vici-it2: 203.0.113.2/29 on vici-b, tunnel subnet 198.51.100.16/28 (bridge vici-net, 198.51.100.17)
# Nothing is routed out of the namespaces: they have no default route and no link to the host.
# Idempotent: removes a previous run's namespaces first.
set -eu
# ping proves that traffic between the tunnel subnets goes through the SA
if ! command -v ping >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  { apt-get install -y -q iputils-ping || { apt-get update -q && apt-get install -y -q iputils-ping; }; } >/dev/null
fi
NS1=${1:-vici-it}
NS2=${2:-vici-it2}
for ns in "$NS1" "$NS2"; do
  ip netns del "$ns" 2>/dev/null || true
  ip netns add "$ns"
  ip -n "$ns" link set lo up
done
ip -n "$NS1" link add vici-a type veth peer name vici-b netns "$NS2"
ip -n "$NS1" addr add 203.0.113.1/29 dev vici-a
ip -n "$NS2" addr add 203.0.113.2/29 dev vici-b
ip -n "$NS1" link set vici-a up
ip -n "$NS2" link set vici-b up
ip -n "$NS1" link add vici-net type bridge
ip -n "$NS2" link add vici-net type bridge
ip -n "$NS1" addr add 198.51.100.1/28 dev vici-net
ip -n "$NS2" addr add 198.51.100.17/28 dev vici-net
ip -n "$NS1" link set vici-net up
ip -n "$NS2" link set vici-net up
