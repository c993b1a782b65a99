#!/usr/bin/env bash
# Install the Debian packages a make target needs, if any are missing.
# usage: scripts/system_packages.sh demo|test
# demo: a Python able to create virtual environments.
# test: also PostgreSQL (started on loopback by the tests), Chromium for browser tests, and fonts.
set -euo pipefail
target=${1:?demo or test}
need=()
python3 -c "import ensurepip, venv" 2>/dev/null || need+=(python3-venv)
if [ "$target" = test ]; then
  for package in postgresql chromium chromium-driver fonts-noto-core fonts-noto-cjk fonts-dejavu-core; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || need+=("$package")
  done
fi
[ ${#need[@]} -eq 0 ] && exit 0

echo "Installing Debian packages: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
if [ "$(id -u)" = 0 ]; then
  apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
elif command -v sudo >/dev/null; then
  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
else
  echo "Please install these Debian packages, then run make again: ${need[*]}" >&2
  exit 1
fi
