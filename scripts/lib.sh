# Shared by scripts/run and scripts/test. Sourced, not executed.
set -euo pipefail
SLM_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SLM_LAB_STATE=${SLM_LAB_STATE:-/var/lib/slm-lab}

say() { printf '\033[1m[slm]\033[0m %s\n' "$*"; }
die() { printf '[slm] ERROR: %s\n' "$*" >&2; exit 1; }

require_root() {
  [ "$(id -u)" = 0 ] || die "run me as root: the lab needs network namespaces, libvirtd and charon"
}

apt_updated=0
# Installs Debian packages that are missing; runs 'apt-get update' once, only when something is missing.
ensure_packages() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ $apt_updated = 0 ]; then
    say "apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 update -qq
    apt_updated=1
  fi
  say "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_build_tools() {
  command -v java >/dev/null && command -v mvn >/dev/null || ensure_packages openjdk-17-jdk-headless maven
}
