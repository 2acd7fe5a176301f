# bench/lib.sh: what bench/run and bench/forward share. Sourced after `set -euo pipefail` and
# after BENCH_DIR and REPO_ROOT are set; not a program of its own. It reads the settings common
# to both (BENCH_SECONDS, BENCH_WARMUP_SECONDS, BENCH_LATENCY_QPS, BENCH_DNSPERF_ARGS, BENCH_EDNS,
# BENCH_READY_TIMEOUT, BENCH_KEEP_PER_QUERY, BENCH_WAIT_QUIET; documented at the top of bench/run)
# and defines process handling, package installation, the TwoPiR build, and the measuring:
# run_dnsperf with its CPU accounting and latency histogram, percentiles and peak RSS.
# The scripts set WORK (temp dir), RESULTS (bench/results/<timestamp>) and SERVER_PID (the
# server under test); run_dnsperf, server_ticks and peak_rss account to SERVER_PID's tree.
# shellcheck shell=bash
# shellcheck disable=SC2034  # settings and flags read by the scripts that source this file

TWOPIR_PROJECT=$REPO_ROOT/TwoPiR.Dns/TwoPiR.Dns.csproj
TWOPIR_DLL=$REPO_ROOT/TwoPiR.Dns/bin/Release/net10.0/twopir-dns.dll

RUN_SECONDS=${BENCH_SECONDS:-10}
WARMUP_SECONDS=${BENCH_WARMUP_SECONDS:-3}
LATENCY_QPS=${BENCH_LATENCY_QPS:-20000}
read -r -a DNSPERF_LOAD <<< "${BENCH_DNSPERF_ARGS:--c 16 -T 2 -q 200 -t 2}"
[ "${BENCH_EDNS:-0}" = 1 ] && DNSPERF_LOAD+=(-e)
READY_TIMEOUT=${BENCH_READY_TIMEOUT:-30}
KEEP_PER_QUERY=${BENCH_KEEP_PER_QUERY:-0}
WAIT_QUIET=${BENCH_WAIT_QUIET:-0}
WORKERS=$(nproc)

# nsd and knotd live in /usr/sbin, which is not on a normal user's PATH.
export PATH="$PATH:/usr/sbin:/sbin"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

SUDO=()
[ "$(id -u)" -eq 0 ] || SUDO=(sudo)

WORK=""           # temp dir with configs, zone copy, databases, pid files
RESULTS=""        # bench/results/<timestamp>
DNSPERF_PID=""    # the dnsperf currently running, if any
SERVER_PID=""     # the server currently running (they run one at a time), if any

log() { printf '[bench] %s\n' "$*" >&2; }
warn() { printf '[bench] WARNING: %s\n' "$*" >&2; }
die() { printf '[bench] ERROR: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------------------------------------
# Process handling and cleanup

# PIDs of all descendants of $1 (NSD forks its workers; the others are single processes).
descendants() {
  ps -eo pid=,ppid= | awk -v root="$1" '
    { parent[$1] = $2 }
    END {
      for (p in parent) {
        q = p
        while (q != root && (q in parent) && q > 1) q = parent[q]
        if (q == root && p != root) print p
      }
    }'
}

# True while $1 exists and is not a zombie.
is_alive() {
  [ -r "/proc/$1/status" ] && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null
}

# SIGTERM a process we started (it stops its own children), SIGKILL whatever of its tree is left
# after 5 s, then reap it.
stop_tree() {
  local pid=$1 tree i p
  tree="$pid $(descendants "$pid" | tr '\n' ' ')"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do
    local alive=0
    for p in $tree; do is_alive "$p" && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.1
  done
  for p in $tree; do
    if is_alive "$p"; then kill -KILL "$p" 2>/dev/null || true; fi
  done
  wait "$pid" 2>/dev/null || true
}


# ---------------------------------------------------------------------------------------------
# Setup

# The repository's installer, shared with scripts/test: ensure_packages, disable_distro_services.
# shellcheck source-path=SCRIPTDIR/../scripts source=lib.sh
source "$REPO_ROOT/scripts/lib.sh"

# install_missing COMMAND=PACKAGE...: installs the Debian packages of the commands that are not
# on PATH; Debian enables the services of nsd, knot and unbound, so those are disabled again.
install_missing() {
  local pair pkg missing=() services=()
  for pair in "$@"; do
    command -v "${pair%%=*}" >/dev/null 2>&1 || missing+=("${pair#*=}")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
  command -v apt-get >/dev/null 2>&1 || die "missing ${missing[*]} and no apt-get to install them"
  log "installing ${missing[*]}"
  ensure_packages "$@" || die "could not install ${missing[*]}"
  for pkg in nsd knot unbound; do
    if [[ " ${missing[*]} " == *" $pkg "* ]]; then services+=("$pkg"); fi
  done
  [ ${#services[@]} -eq 0 ] && return 0
  disable_distro_services "${services[@]}"
  log "disabled the distro's ${services[*]} service(s) (the bench scripts start their own instances)"
}

check_port_free() {
  local name=$1 port=$2 users
  users=$(ss -Hlnptu "( sport = :$port )" 2>/dev/null || true)
  [ -z "$users" ] || die "port $port (for $name) is already in use on this machine:
$users
Stop whatever holds it, or pick another port (see the environment variables at the top of $0)."
}

build_twopir() {
  log "building TwoPiR (Release)"
  dotnet build "$TWOPIR_PROJECT" -c Release -nologo > "$RESULTS/twopir-build.log" 2>&1 \
    || { tail -n 30 "$RESULTS/twopir-build.log" >&2; die "dotnet build failed (log: $RESULTS/twopir-build.log)"; }
  [ -f "$TWOPIR_DLL" ] || die "build succeeded but $TWOPIR_DLL does not exist"
}


# ---------------------------------------------------------------------------------------------
# Server lifecycle

server_logs() {
  local f
  for f in "$WORK/$1.out" "$WORK/$1.log"; do
    [ -s "$f" ] && { echo "--- $f (last 30 lines)"; tail -n 30 "$f"; }
  done >&2
  return 0
}

# Sum (and per-process list) of VmHWM over the server's process tree, in kB.
peak_rss() {
  local pid total=0 hwm parts=""
  for pid in "$SERVER_PID" $(descendants "$SERVER_PID"); do
    hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)
    [ -n "$hwm" ] || continue
    total=$((total + hwm))
    parts+=$(awk -v p="$pid" -v kb="$hwm" 'BEGIN { printf " pid%s=%.1fMiB", p, kb / 1024 }')
  done
  echo "$total$parts"
}

# ---------------------------------------------------------------------------------------------
# Measuring

# CPU accounting, in clock ticks. Every run records how the machine's CPU time was spent: the
# server's processes, dnsperf, and everything else. "Server CPU per answered query" does not
# depend on how much CPU dnsperf took, so it is the fairest throughput figure when client and
# server share 2 cores; "everything else" tells whether something (a build, a test run) was
# competing, which on this box skews results badly and must not go unnoticed.
CLK_TCK=$(getconf CLK_TCK)

# "<user+nice+system> <total>" ticks, machine-wide. irq/softirq/steal are left out of the first
# figure: they are not charged to any process, so they'd show up as "something else" (softirq
# is mostly loopback packet processing for the benchmark itself).
machine_ticks() {
  awk '/^cpu / { print $2 + $3 + $4, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }' /proc/stat
}

# user+system ticks of the server's process tree (field 14+15 of /proc/PID/stat).
server_ticks() {
  local pid sum=0 t
  for pid in "$SERVER_PID" $(descendants "$SERVER_PID"); do
    t=$(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null | awk '{ print $12 + $13 }')
    sum=$((sum + ${t:-0}))
  done
  echo "$sum"
}

# Sets CHILD_TICKS to the user+system ticks of this shell's reaped children (dnsperf, once
# waited for). The `times` builtin must run in this shell, not in a $(...) subshell (which has
# no children), hence the global and the file.
children_ticks() {
  times > "$WORK/times"
  CHILD_TICKS=$(awk -v hz="$CLK_TCK" 'NR == 2 {
    for (i = 1; i <= 2; i++) { split($i, t, /[ms]/); n += t[1] * 60 + t[2] }
    printf "%d\n", n * hz + 0.5
  }' "$WORK/times")
}
CHILD_TICKS=0

# Bounded wait (BENCH_WAIT_QUIET seconds) for the machine to be idle: user+sys below 5% for 3
# consecutive 1-second samples. Only a courtesy for shared boxes; the per-run accounting below
# is what flags disturbed runs.
wait_for_quiet() {
  [ "$WAIT_QUIET" -gt 0 ] || return 0
  local deadline=$((SECONDS + WAIT_QUIET)) quiet=0 a b busy
  log "waiting up to ${WAIT_QUIET}s for the machine to be idle"
  while [ "$quiet" -lt 3 ]; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      warn "the machine did not become idle within ${WAIT_QUIET}s; measuring anyway"
      return 0
    fi
    a=$(machine_ticks); sleep 1; b=$(machine_ticks)
    busy=$(awk -v a="$a" -v b="$b" 'BEGIN {
      split(a, x, " "); split(b, y, " "); t = y[2] - x[2]
      printf "%d\n", (t > 0) ? 100 * (y[1] - x[1]) / t : 0
    }')
    if [ "$busy" -lt 5 ]; then quiet=$((quiet + 1)); else quiet=0; fi
  done
}

# run_dnsperf OUT PORT QUERYFILE SECONDS [extra dnsperf args]: always with -v; keeps dnsperf's
# output minus the per-query lines in OUT and their latencies as a histogram in OUT.hist
# ("microseconds count" per line), and the CPU split in OUT.cpu ("server client other total" ticks).
run_dnsperf() {
  local out=$1 port=$2 queries=$3 secs=$4 m0 m1 s0 s1 c0 c1
  shift 4
  m0=$(machine_ticks); s0=$(server_ticks); children_ticks; c0=$CHILD_TICKS
  dnsperf -s 127.0.0.1 -p "$port" -d "$queries" -l "$secs" "${DNSPERF_LOAD[@]}" -v "$@" \
    > "$out.raw" 2>&1 &
  DNSPERF_PID=$!
  wait "$DNSPERF_PID" || { DNSPERF_PID=""; tail -n 20 "$out.raw" >&2; die "dnsperf failed (output: $out.raw)"; }
  DNSPERF_PID=""
  children_ticks; c1=$CHILD_TICKS; s1=$(server_ticks); m1=$(machine_ticks)
  awk -v m0="$m0" -v m1="$m1" -v srv=$((s1 - s0)) -v cli=$((c1 - c0)) 'BEGIN {
    split(m0, a, " "); split(m1, b, " "); other = (b[1] - a[1]) - srv - cli
    print srv, cli, (other > 0 ? other : 0), b[2] - a[2]
  }' > "$out.cpu"
  grep -v '^> ' "$out.raw" > "$out" || true
  # Response lines are "> RCODE name type latency"; timeouts/interruptions ("T"/"I") have none.
  awk '$1 == ">" && $2 != "T" && $2 != "I" && NF >= 5 { h[int($NF * 1000000 + 0.5)]++ }
       END { for (us in h) print us, h[us] }' "$out.raw" | sort -n > "$out.hist"
  if [ "$KEEP_PER_QUERY" = 1 ]; then gzip -f "$out.raw"; else rm -f "$out.raw"; fi
}

# dnsperf_stat FILE LABEL: the value after "LABEL:" in dnsperf's summary (first word).
dnsperf_stat() {
  awk -v k="$2:" 'index($0, k) { sub(/^[^:]*:[[:space:]]*/, ""); print $1; exit }' "$1"
}

# percentile HISTFILE P -> nearest-rank percentile in ms ("-" if no responses).
percentile() {
  awk -v p="$2" '{ us[NR] = $1; c[NR] = $2; n += $2 }
    END {
      if (n == 0) { print "-"; exit }
      for (i = 1; i <= NR; i++) { cum += c[i]; if (cum >= n * p) { printf "%.3f\n", us[i] / 1000; exit } }
    }' "$1"
}

# cpu_figures FILE(dnsperf summary; FILE.cpu next to it) -> "<server us per answered query>
# <server cores> <client cores> <others' share of the machine, %>"
cpu_figures() {
  local answered
  answered=$(dnsperf_stat "$1" "Queries completed")
  awk -v done="${answered:-0}" -v hz="$CLK_TCK" -v ncpu="$WORKERS" '{
    wall = $4 / ncpu   # elapsed ticks
    printf "%.1f %.2f %.2f %d\n", (done > 0 ? $1 / hz * 1e6 / done : 0), $1 / wall, $2 / wall, 100 * $3 / $4
  }' "$1.cpu"
}

ms() { awk -v s="$1" 'BEGIN { if (s == "") print "-"; else printf "%.3f\n", s * 1000 }'; }

# Warn when processes other than the server and dnsperf took more than 5% of the machine.
check_interference() {
  [ "$2" -le 5 ] && return 0
  warn "$1: other processes took $2% of the machine's CPU during the run; its figures are skewed"
  INTERFERED=1
}
INTERFERED=0
