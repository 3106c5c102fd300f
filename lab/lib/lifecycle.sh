# lab up / lab down.

lab_up() {
  local started=$SECONDS
  while [ $# -gt 0 ]; do
    case "$1" in
      --guests) LAB_ONLY_GUESTS=$2; shift 2 ;;
      *) die "unknown option $1" ;;
    esac
  done
  ensure_lab_packages
  mkdir -p "$S/run" "$S/console"
  net_up
  pki_up
  local site
  for site in $SITES; do
    libvirt_up "$site"
    updown_install "$site"
    charon_up "$site"
  done
  legacy_up
  guests_up
  settings_write
  say "lab up in $((SECONDS - started)) s: $S/application-lab.yaml (lab status, lab gaps)"
}

legacy_up() {
  alive "$S/run/legacy.pid" && return 0
  setsid ip netns exec "$(ns core)" python3 "$LAB_DIR/guest/legacy.py" "$LEGACY" 9000 "$S/console/legacy.log" \
    >"$S/run/legacy.out" 2>&1 </dev/null &
  echo $! >"$S/run/legacy.pid"
}

lab_down() {
  local site n pid
  for site in $SITES; do
    [ -d "$(site_dir "$site")" ] || continue
    libvirt_down "$site"
    charon_down "$site"
  done
  if alive "$S/run/legacy.pid"; then kill "$(cat "$S/run/legacy.pid")" 2>/dev/null || true; fi
  # Whatever still runs inside the lab's namespaces (a QEMU whose libvirtd died, a stray arping) goes too.
  for n in $LAB_NAMESPACES; do
    if ns_exists "$n"; then
      for pid in $(ip netns pids "$(ns "$n")" 2>/dev/null); do kill -9 "$pid" 2>/dev/null || true; done
    fi
  done
  sleep 0.5
  net_down
  rm -rf "$S"
  local left
  left=$(lab_leftovers)
  [ -z "$left" ] || die "still there after down: $left"
  say "lab down: nothing left"
}

# What of this lab still exists (empty when nothing).
lab_leftovers() {
  local n out=""
  for n in $LAB_NAMESPACES; do ns_exists "$n" && out+="namespace $(ns "$n") "; done
  [ -e "$S" ] && out+="state $S "
  pgrep -f "$S/" >/dev/null 2>&1 && out+="processes($(pgrep -f "$S/" | tr '\n' ' '))"
  echo "$out"
}
