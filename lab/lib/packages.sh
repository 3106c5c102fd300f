# Debian packages the lab needs; installed when missing (about 20 s on a fresh machine).
LAB_PACKAGES="libvirt-daemon libvirt-daemon-driver-qemu libvirt-clients qemu-system-x86 strongswan-charon
 strongswan-swanctl libcharon-extra-plugins busybox-static cpio iproute2 iputils-arping tcpdump conntrack
 openssl procps python3 nftables iputils-ping"

ensure_lab_packages() {
  local missing=() p
  for p in $LAB_PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  # libvirt's QEMU driver resolves these at start even when qemu.conf says root (lab notes)
  getent group kvm >/dev/null || groupadd -r kvm
  getent group libvirt-qemu >/dev/null || groupadd -r libvirt-qemu
  getent passwd libvirt-qemu >/dev/null || useradd -r -g libvirt-qemu -G kvm -d /var/lib/libvirt -s /usr/sbin/nologin libvirt-qemu
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1 || {
    apt-get -o DPkg::Lock::Timeout=300 update -qq
    apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  }
  # libvirt's packaging starts the system libvirtd; the lab runs its own per site and needs none in the root namespace
  systemctl disable --now libvirtd.service libvirtd.socket libvirtd-ro.socket libvirtd-admin.socket \
    virtlogd.service virtlogd.socket >/dev/null 2>&1 || true
}
