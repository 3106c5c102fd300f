# The probe: a peer of subnet 1 (namespace 'probe', 192.0.2.20 on site A's br-s1) that pings a VM every 20 ms
# with timestamps, so a benchmark measures what a peer sees, independent of the guests' own logs.
#   lab probe-start ADDR          start pinging ADDR (one probe at a time; a running one is replaced)
#   lab probe-stop                stop it
#   lab probe-gap SINCE UNTIL     longest time without a reply in [SINCE, UNTIL] (epoch seconds), as JSON

probe_start() {
  probe_stop
  mkdir -p "$S/probe"
  # its own output goes to the log; the caller's pipes are let go, so whoever runs 'lab probe-start' is not held
  nsx probe sh -c "exec ping -D -n -i 0.02 -W 1 '$1' >'$S/probe/ping.log' 2>&1" </dev/null >/dev/null 2>&1 &
  echo $! >"$S/probe/ping.pid"
}

probe_stop() {
  if alive "$S/probe/ping.pid"; then kill "$(cat "$S/probe/ping.pid")" 2>/dev/null || true; fi
  rm -f "$S/probe/ping.pid"
  pkill -f "ping -D -n -i 0.02" 2>/dev/null || true
}

probe_gap() {
  python3 - "$S/probe/ping.log" "$1" "$2" <<'PY'
import json, re, sys
path, since, until = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
replies = []
for line in open(path, errors="replace"):
    m = re.match(r"\[(\d+\.\d+)\] \d+ bytes from", line)
    if m:
        t = float(m.group(1))
        if since <= t <= until:
            replies.append(t)
edges = [since] + replies + [until]
longest, start = 0.0, since
for a, b in zip(edges, edges[1:]):
    if b - a > longest:
        longest, start = b - a, a
print(json.dumps({"replies": len(replies), "longestGapSeconds": round(longest, 3), "gapStart": start}))
PY
}
