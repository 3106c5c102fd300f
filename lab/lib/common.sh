# Names, addresses and small helpers shared by every part of the lab. Sourced by lab/lab.
P=${SLM_LAB_NS_PREFIX:-}
S=${SLM_LAB_STATE:-/var/lib/slm-lab}
CACHE=${SLM_LAB_CACHE:-/var/cache/slm-lab}
SITES="site-a site-b"
LAB_NAMESPACES="wan site-a site-b core probe"

# Documentation addresses only (RFC 5737), never routed out of the lab's namespaces.
WAN_NET=203.0.113.0/24
declare -A WAN_ADDR=([site-a]=203.0.113.1 [site-b]=203.0.113.2)
declare -A ENV_OF=([site-a]=secure [site-b]=remote)
SUBNET1=192.0.2.0/26        # db, app
SUBNET2=192.0.2.64/26       # web, alone
GW1=192.0.2.1               # the core's leg in subnet 1 (guests' default gateway)
GW2=192.0.2.65              # the core's leg in subnet 2
SITE_A_S1=192.0.2.2         # site A's own leg in subnet 1 (where moved addresses are answered for)
SITE_A_S2=192.0.2.66
CORE_EDGE=198.51.100.1      # core <-> site A transit link (the way to the remote environment)
SITE_A_EDGE=198.51.100.2
LEGACY=198.51.100.10        # the non-managed entity app talks to in clear
PROBE_IP=192.0.2.20         # the benchmarks' probe, a plain peer on subnet 1 (lab probe-start)
# MACs of the core's legs: site B's bridges answer with the same ones, so a moved guest's ARP cache stays right.
GW1_MAC=02:00:00:00:01:01
GW2_MAC=02:00:00:00:01:41
declare -A GUEST_SITE=([db]=site-a [app]=site-a [web]=site-a)
declare -A GUEST_IP=([db]=192.0.2.10 [app]=192.0.2.11 [web]=192.0.2.74)
declare -A GUEST_BRIDGE=([db]=br-s1 [app]=br-s1 [web]=br-s2)
declare -A GUEST_MAC=([db]=52:54:00:00:02:10 [app]=52:54:00:00:02:11 [web]=52:54:00:00:02:74)
GUESTS="db app web"

ns() { echo "${P}$1"; }
nsx() { local n=$1; shift; ip netns exec "$(ns "$n")" "$@"; }
say() { printf '\033[1m[lab]\033[0m %s\n' "$*" >&2; }
die() { printf '[lab] ERROR: %s\n' "$*" >&2; exit 1; }
require_root() { [ "$(id -u)" = 0 ] || die "the lab needs root (network namespaces, libvirtd, charon)"; }
site_dir() { echo "$S/$1"; }
ns_exists() { ip netns list | awk '{print $1}' | grep -qx "$(ns "$1")"; }

# alive PIDFILE: the process exists and is not a zombie
alive() {
  [ -f "$1" ] || return 1
  local state
  state=$(ps -o stat= -p "$(cat "$1")" 2>/dev/null) || return 1
  case "$state" in Z*) return 1 ;; esac
}

# wait_for SECONDS CMD...: retries CMD every 0.2 s until it succeeds
wait_for() {
  local limit=$1; shift
  local end=$((SECONDS + limit))
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $end ] || return 1
    sleep 0.2
  done
}
