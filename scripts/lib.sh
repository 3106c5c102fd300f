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

# Node.js and npm for the model's linter (scripts/lint-bpmn): Debian's when none is on the PATH.
ensure_node_tools() {
  command -v node >/dev/null && command -v npm >/dev/null || ensure_packages nodejs npm
}

# The JVM options the product runs with, in the array SLM_JAVA_OPTS (docs/operations.md, "JVM options"; measured in
# docs/benchmarks.md, "Start-up and memory"). Sized for a 2-core host that runs the product alone: resident memory
# stays under 400 MiB, where the JVM's defaults (G1, a heap of up to a quarter of the RAM) held 500-600 MiB at idle.
#   UseSerialGC     one collector thread for a heap this small; G1's remembered sets and card tables alone took
#                   ~50 MiB, and its concurrent threads compete with the application for the two cores
#   Xms128m Xmx256m the idle process keeps ~90 MiB live after a full GC; the rest is room for migrations in flight.
#                   Starting at 128 MiB (and MetaspaceSize=64m) halves the collections during the start (46 pauses,
#                   0.8 s at -Xms64m) for no measurable resident memory
#   MaxMetaspaceSize, ReservedCodeCacheSize   guards well above use (~30 MiB of metaspace beside the class data
#                   archive, ~25 MiB of compiled code): a leak stops with an error instead of growing without bound
#   TrimNativeHeapInterval   gives native memory that the JIT and the class loading at start freed back to the
#                   OS every minute (glibc keeps it otherwise)
SLM_JAVA_OPTS=(-XX:+UseSerialGC -Xms128m -Xmx256m -XX:MetaspaceSize=64m -XX:MaxMetaspaceSize=192m
  -XX:ReservedCodeCacheSize=96m -XX:TrimNativeHeapInterval=60000)

# Unpacks the built jar $1 into target/app and sets the array SLM_APP_ARGS to the java arguments that start it
# there with a class data archive (AppCDS). Spring Boot's nested jars cannot be archived, plain jars on the class
# path can. Once per build, a recording run (-XX:ArchiveClassesAtExit, Java 17) starts the application without
# profiles (H2) on a throw-away data dir up to the refreshed context (spring.context.exit=onRefresh: engine built,
# nothing served, no job run) and writes the classes it loaded to target/app/slm.jsa; it takes about one start. A stale or
# missing archive only makes the start slower: the JVM then warns and reads the classes from the jars as usual.
slm_app() {
  local jar=$1 dir=$SLM_ROOT/target/app train
  local app="$dir/$(basename "$jar")"
  if [ ! -s "$dir/slm.jsa" ] || [ "$jar" -nt "$dir/slm.jsa" ]; then
    say "unpacking $jar and recording its class data archive (once per build)"
    rm -rf "$dir"
    java -Djarmode=tools -jar "$jar" extract --destination "$dir" >/dev/null || die "cannot unpack $jar"
    train=$(mktemp -d)
    SLM_DATA_DIR="$train" SLM_HTTP_PORT=0 java "${SLM_JAVA_OPTS[@]}" -XX:ArchiveClassesAtExit="$dir/slm.jsa" \
      -Dspring.context.exit=onRefresh -jar "$app" >"$dir/cds-training.log" 2>&1 || true
    rm -rf "$train"
    [ -s "$dir/slm.jsa" ] || say "no class data archive (see $dir/cds-training.log): the start reads every class from the jars"
  fi
  SLM_APP_ARGS=()
  [ -s "$dir/slm.jsa" ] && SLM_APP_ARGS+=("-XX:SharedArchiveFile=$dir/slm.jsa")
  SLM_APP_ARGS+=(-jar "$app")
}
