# shellcheck shell=bash
# Shared by scripts/run and scripts/test: make sure the tools they need are on this machine.
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
