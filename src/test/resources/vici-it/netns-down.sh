#!/bin/sh
# Removes the lab namespaces (and with them their veth and dummy links). Safe to run twice.
NS1=${1:-vici-it}
NS2=${2:-vici-it2}
for ns in "$NS1" "$NS2"; do
  for pid in $(ip netns pids "$ns" 2>/dev/null); do
    kill -KILL "$pid" 2>/dev/null || true
  done
  ip netns del "$ns" 2>/dev/null || true
done
exit 0
