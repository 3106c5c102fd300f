#!/usr/bin/env python3
"""Longest traffic gap seen by each receiver from each sender, from the lab's console logs.
Usage: gaps.py CONSOLE_DIR [--since ISO|EPOCH] [--until ISO|EPOCH] [--json]
A gap is the time between two consecutive 'rx' records of the same (receiver, sender, kind); the window's
edges count as records, so a stream that stopped before --until shows the silence up to it."""
import datetime
import glob
import json
import os
import sys


def when(text):
    try:
        return float(text)
    except ValueError:
        return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def main(argv):
    directory, args = argv[0], argv[1:]
    since = until = None
    as_json = False
    i = 0
    while i < len(args):
        if args[i] == "--since":
            since = when(args[i + 1]); i += 2
        elif args[i] == "--until":
            until = when(args[i + 1]); i += 2
        elif args[i] == "--json":
            as_json = True; i += 1
        else:
            sys.exit("unknown argument " + args[i])
    records = {}
    for path in glob.glob(os.path.join(directory, "*.log")):
        with open(path, errors="replace") as log:
            for line in log:
                parts = line.split()
                if len(parts) >= 6 and parts[0] == "SLM" and parts[3] == "rx":
                    try:
                        t = float(parts[1])
                    except ValueError:
                        continue
                    if (since is None or t >= since) and (until is None or t <= until):
                        records.setdefault((parts[2], parts[4], parts[5]), []).append(t)
    result = []
    for (receiver, sender, kind), times in sorted(records.items()):
        times.sort()
        edges = ([since] if since else []) + times + ([until] if until else [])
        longest, at = 0.0, times[0]
        for a, b in zip(edges, edges[1:]):
            if b - a > longest:
                longest, at = b - a, a
        result.append({"receiver": receiver, "sender": sender, "kind": kind, "records": len(times),
                       "longestGapSeconds": round(longest, 2),
                       "gapStart": datetime.datetime.fromtimestamp(at, datetime.timezone.utc).isoformat(),
                       "last": datetime.datetime.fromtimestamp(times[-1], datetime.timezone.utc).isoformat()})
    if as_json:
        print(json.dumps(result, indent=1))
    else:
        print(f"{'receiver':8} {'sender':8} {'kind':7} {'records':>7} {'longest gap (s)':>16}  gap started at")
        for r in result:
            print(f"{r['receiver']:8} {r['sender']:8} {r['kind']:7} {r['records']:>7} {r['longestGapSeconds']:>16.2f}  {r['gapStart']}")


if __name__ == "__main__":
    main(sys.argv[1:])
