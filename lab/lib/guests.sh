# Tiny real guests: Debian's cloud kernel and a busybox initramfs (lab/guest/init), built once from Debian
# packages into $CACHE and booted by the site's libvirtd (QEMU/TCG, direct kernel boot, 96 MiB).

guest_image() {
  [ -s "$CACHE/vmlinuz" ] && [ -s "$CACHE/initrd.gz" ] && [ "$CACHE/initrd.gz" -nt "$LAB_DIR/guest/init" ] && return 0
  mkdir -p "$CACHE"
  local deb
  deb=$(ls "$CACHE"/linux-image-*-cloud-amd64_*.deb 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$deb" ]; then
    say "downloading Debian's cloud kernel"
    local pkg
    pkg=$(apt-cache depends linux-image-cloud-amd64 | awk '/Depends: linux-image-/{print $2; exit}')
    [ -n "$pkg" ] || { apt-get -o DPkg::Lock::Timeout=300 update -qq; pkg=$(apt-cache depends linux-image-cloud-amd64 | awk '/Depends: linux-image-/{print $2; exit}'); }
    (cd "$CACHE" && apt-get download "$pkg" >/dev/null 2>&1) || die "cannot download $pkg"
    deb=$(ls "$CACHE"/linux-image-*-cloud-amd64_*.deb | sort -V | tail -n 1)
  fi
  local work
  work=$(mktemp -d)
  dpkg -x "$deb" "$work/k"
  cp "$work"/k/boot/vmlinuz-* "$CACHE/vmlinuz"
  mkdir -p "$work/root/bin" "$work/root/lib/modules" "$work/root/proc" "$work/root/sys" "$work/root/dev" "$work/root/tmp"
  cp /bin/busybox "$work/root/bin/busybox"
  local m
  for m in virtio_ring virtio virtio_pci_modern_dev virtio_pci_legacy_dev virtio_pci failover net_failover virtio_net; do
    find "$work/k/lib/modules" -name "$m.ko" -exec cp {} "$work/root/lib/modules/" \;
  done
  ln -s busybox "$work/root/bin/sh"
  cp "$LAB_DIR/guest/init" "$work/root/init"
  chmod +x "$work/root/init"
  (cd "$work/root" && find . | cpio -o -H newc 2>/dev/null | gzip -9) >"$CACHE/initrd.gz.new"
  mv "$CACHE/initrd.gz.new" "$CACHE/initrd.gz"
  rm -rf "$work"
}

guest_xml() { # guest_xml NAME
  local g=$1 gw=$GW1
  [ "${GUEST_BRIDGE[$g]}" = br-s2 ] && gw=$GW2
  cat <<XML
<domain type='qemu'>
  <name>$g</name>
  <memory unit='MiB'>96</memory>
  <vcpu>1</vcpu>
  <os>
    <type arch='x86_64' machine='pc'>hvm</type>
    <kernel>$CACHE/vmlinuz</kernel>
    <initrd>$CACHE/initrd.gz</initrd>
    <cmdline>console=ttyS0 quiet panic=5 slm.role=$g slm.ip=${GUEST_IP[$g]}/26 slm.gw=$gw slm.db=${GUEST_IP[db]} slm.legacy=$LEGACY</cmdline>
  </os>
  <cpu mode='custom' match='exact' check='none'><model fallback='forbid'>qemu64</model></cpu>
  <clock offset='utc'/>
  <on_poweroff>destroy</on_poweroff>
  <on_crash>destroy</on_crash>
  <devices>
    <emulator>/usr/bin/qemu-system-x86_64</emulator>
    <interface type='bridge'>
      <source bridge='${GUEST_BRIDGE[$g]}'/>
      <mac address='${GUEST_MAC[$g]}'/>
      <model type='virtio'/>
    </interface>
    <serial type='file'>
      <source path='$S/console/$g.log' append='on'/>
      <target port='0'/>
    </serial>
    <memballoon model='none'/>
  </devices>
</domain>
XML
}

guests_up() {
  guest_image
  mkdir -p "$S/console"
  local g site uri
  for g in $GUESTS; do
    [ -n "${LAB_ONLY_GUESTS:-}" ] && ! echo ",$LAB_ONLY_GUESTS," | grep -q ",$g," && continue
    # A guest already running at either site (e.g. migrated to B by a test) is left where it is.
    local found=""
    for site in $SITES; do
      if virsh -c "$(libvirt_uri "$site")" domstate "$g" 2>/dev/null | grep -q running; then found=$site; fi
    done
    [ -n "$found" ] && continue
    site=${GUEST_SITE[$g]}
    uri=$(libvirt_uri "$site")
    guest_xml "$g" >"$S/console/$g.xml"
    virsh -c "$uri" define "$S/console/$g.xml" >/dev/null
    virsh -c "$uri" start "$g" >/dev/null
  done
}
