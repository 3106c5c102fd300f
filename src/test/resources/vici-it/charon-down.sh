#!/bin/sh
# Stops the charon that charon-up.sh started for DIR (TERM, then KILL). Safe to run twice.
DIR=$1
[ -f "$DIR/charon.pid" ] || exit 0
PID=$(cat "$DIR/charon.pid")
if kill -TERM "$PID" 2>/dev/null; then
  i=0
  while [ $i -lt 50 ] && ps -o stat= -p "$PID" 2>/dev/null | grep -qv '^Z'; do
    i=$((i + 1))
    sleep 0.1
  done
  kill -KILL "$PID" 2>/dev/null || true
fi
rm -f "$DIR/charon.pid" "$DIR/charon.vici"
exit 0
