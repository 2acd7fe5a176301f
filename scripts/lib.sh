# shellcheck shell=bash
# Shared by scripts/run, scripts/test and bench/: make sure the tools they need are on this machine.
# Sourced, not run.

# Runs a command as root: directly when we are root, through sudo otherwise.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# ensure_packages COMMAND=PACKAGE...: installs the Debian package for every command that is missing.
ensure_packages() {
  local missing=() pair
  for pair in "$@"; do
    command -v "${pair%%=*}" >/dev/null 2>&1 || missing+=("${pair#*=}")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  echo "Installing ${missing[*]} (apt-get)..." >&2
  as_root apt-get update -qq
  # Servers among them (nginx, glusterd, sshd) are for the tests' own namespaces: keep them from
  # starting on this machine, through a policy-rc.d (exit 101) that only lives during the install.
  local guard=''
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    guard=/usr/sbin/policy-rc.d
    printf '#!/bin/sh\nexit 101\n' | as_root tee "$guard" >/dev/null
    as_root chmod 755 "$guard"
  fi
  local status=0
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || status=$?
  [ -z "$guard" ] || as_root rm -f "$guard"
  return "$status"
}

# disable_distro_services NAME...: keeps the Debian services of servers that only the tests and
# benchmarks run, each its own instance (nsd, knot, unbound), from running now or at the next boot,
# with systemd or without (a container: init.d scripts, and systemctl editing symlinks offline).
disable_distro_services() {
  local svc
  for svc in "$@"; do
    if [ -d /run/systemd/system ]; then
      as_root systemctl disable --now "$svc.service" >/dev/null 2>&1 \
        || echo "WARNING: could not stop/disable the $svc service" >&2
    else
      if [ -x "/etc/init.d/$svc" ]; then as_root "/etc/init.d/$svc" stop >/dev/null 2>&1 || true; fi
      as_root systemctl disable "$svc.service" >/dev/null 2>&1 || true
      as_root update-rc.d "$svc" disable >/dev/null 2>&1 || true
    fi
  done
}

# ensure_dotnet: puts a .NET 10 SDK on PATH, installing one under ~/.dotnet when there is none.
ensure_dotnet() {
  if command -v dotnet >/dev/null 2>&1 && dotnet --list-sdks 2>/dev/null | grep -q '^10\.'; then
    return 0
  fi
  if [ -x "$HOME/.dotnet/dotnet" ]; then
    export PATH="$HOME/.dotnet:$PATH" DOTNET_ROOT="$HOME/.dotnet"
    return 0
  fi
  ensure_packages curl=curl
  echo "Installing the .NET 10 SDK into ~/.dotnet (dotnet-install.sh)..." >&2
  curl -sSL https://dot.net/v1/dotnet-install.sh | bash -s -- --channel 10.0 --install-dir "$HOME/.dotnet" >/dev/null
  export PATH="$HOME/.dotnet:$PATH" DOTNET_ROOT="$HOME/.dotnet"
}
